//! The `confradar` binary: parse arguments, run, exit with the code.

use clap::Parser;

fn main() {
    let cli = confradar::cli::Cli::parse();
    std::process::exit(confradar::run(&cli));
}
