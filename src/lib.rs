//! confradar turns a hand-curated `radar.toml` and a folder of conference
//! reports into a technology radar.
//!
//! The work is a pipeline, and the folders read in its order:
//!
//! - [`cli`] holds the arguments, and [`project`] loads what a command
//!   needs;
//! - [`input`]: `radar.toml` as written, then the validated model;
//! - [`corpus`]: report files, found without leaving the project, read
//!   safely and decoded; [`text`] is the normalization both the radar's
//!   names and the reports go through;
//! - [`count`]: finding names and aliases, counting them per report and
//!   period, and checking each placement's evidence;
//! - [`render`]: one edition laid out and drawn as SVG and data, the trends
//!   chart;
//! - [`history`]: the changelog, and the diff of two versions of the radar
//!   for pull requests;
//! - `interop`: other radar tools' formats, imported into `radar.toml`
//!   and exported from the model;
//! - `site`: `index.html`, the radar as a page to browse and search;
//! - [`output`] holds rendered outputs until they are written, and writes
//!   them all at once;
//! - [`cmd`] has the subcommands, each a short list of these stages.
//!
//! Problems in the input are [`diagnostic::Diagnostic`] values; a command
//! that cannot run returns an [`error::Error`], which renders itself for
//! stderr. [`path`] reads `.` and `..` by name, for any stage.

pub mod cli;
pub(crate) mod cmd;
pub mod corpus;
pub mod count;
pub mod diagnostic;
pub mod error;
pub(crate) mod history;
pub mod input;
pub(crate) mod interop;
pub mod output;
pub(crate) mod path;
pub mod project;
pub(crate) mod read;
pub mod render;
pub(crate) mod site;
pub mod text;
pub(crate) mod wording;

use std::io::{IsTerminal, Write};

use cli::{Cli, Command};
use project::Paths;

/// How many warnings commands other than `check` print.
const WARNINGS_SHOWN: usize = 10;

/// Runs a parsed command line: prints its output and warnings, or its
/// errors, and returns the exit code.
pub fn run(cli: &Cli) -> i32 {
    let progress = output::progress::enabled(cli.quiet, std::io::stderr().is_terminal());
    // Buffered: a big radar's thousands of warnings would otherwise go out
    // in tens of thousands of small writes (seconds, through a pipe). Not
    // locked while the command runs: the progress bar draws on stderr.
    let mut stderr = std::io::BufWriter::new(std::io::stderr());
    run_with(cli, &mut std::io::stdout(), &mut stderr, progress)
}

/// [`run`], printing to `stdout` and `stderr` instead of the process's, and
/// drawing a progress bar on the process's stderr only when `progress` is
/// true. The same bytes reach the writers as `run` prints; the fuzz tests
/// (`tests/fuzz.rs`) call it to run thousands of commands in one process.
pub fn run_with(cli: &Cli, stdout: &mut dyn Write, stderr: &mut dyn Write, progress: bool) -> i32 {
    let paths = Paths {
        config: cli.config.clone(),
        reports: cli.reports.clone(),
        progress,
        cache: cli.cache_folder(),
    };
    let clean = |output| (output, cmd::Status::Clean);
    let result = match &cli.command {
        Command::Check(args) => cmd::check::run(&paths, args).map(clean),
        Command::Mentions(args) => cmd::mentions::run(&paths, args).map(clean),
        Command::Build(args) => cmd::build::run(&paths, args),
        Command::Diff(args) => cmd::diff::run(&paths, args),
        Command::Import(args) => cmd::import::run(args).map(clean),
        Command::Export(args) => cmd::export::run(&paths, args).map(clean),
        Command::Completions(args) => Ok(clean(cmd::shell::completions(args.shell))),
        Command::Man => cmd::shell::man().map(clean),
        Command::Cache(args) => cmd::cache::run(&paths, args).map(clean),
    };
    let code = match result {
        Ok((output, status)) => {
            print(cli, &output, stdout, stderr);
            status.exit_code()
        }
        Err(error) => {
            let _ = stderr.write_all(error.render().as_bytes());
            error.exit_code()
        }
    };
    let _ = stderr.flush();
    code
}

/// Prints what a command that ran produced: its warnings (a few, except
/// for `check`) and notes on stderr, then its output on stdout.
fn print(cli: &Cli, output: &cmd::Output, stdout: &mut dyn Write, stderr: &mut dyn Write) {
    // `check` is where warnings are read; elsewhere a big radar's
    // hundreds of them would bury the output, so a few stand for all.
    let shown = match cli.command {
        Command::Check(_) => output.warnings.len(),
        _ => WARNINGS_SHOWN,
    };
    for warning in output.warnings.iter().take(shown) {
        let _ = writeln!(stderr, "{}\n", warning.render());
    }
    if output.warnings.len() > shown {
        let _ = writeln!(
            stderr,
            "confradar: {} more warnings not shown; `confradar check` lists them all\n",
            output.warnings.len() - shown
        );
    }
    for note in &output.notes {
        let _ = writeln!(stderr, "note: {note}");
    }
    // Warnings first, then the output, as a terminal shows them.
    let _ = stderr.flush();
    // What `mentions` and an `export` to stdout print is the data asked for.
    let quiet = cli.quiet
        && !matches!(
            cli.command,
            Command::Mentions(_) | Command::Completions(_) | Command::Man
        )
        && !matches!(&cli.command, Command::Export(args) if cmd::export::to_stdout(args));
    if !quiet {
        let _ = stdout.write_all(output.stdout.as_bytes());
        let _ = stdout.flush();
    }
}
