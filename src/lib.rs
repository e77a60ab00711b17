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
//! - `curate`: help for the curator: `suggest`'s dictionary, guesses and
//!   signals;
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
pub(crate) mod curate;
pub mod diagnostic;
pub mod error;
pub(crate) mod history;
pub mod input;
pub(crate) mod interop;
pub mod output;
pub(crate) mod path;
pub(crate) mod printer;
pub mod project;
pub(crate) mod read;
pub mod render;
pub(crate) mod site;
pub mod text;
pub(crate) mod wording;
pub(crate) mod write;

use std::io::{IsTerminal, Write};

use cli::{Cli, Command};
use project::Paths;

/// Runs a parsed command line: prints its output and warnings, or its
/// errors, and returns the exit code.
pub fn run(cli: &Cli) -> i32 {
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let no_color = std::env::var("NO_COLOR").ok();
    let term = std::env::var("TERM").ok();
    let terminal = Terminal {
        progress: output::progress::enabled(cli.quiet, stderr_is_terminal),
        color: cli
            .color
            .enabled(stderr_is_terminal, no_color.as_deref(), term.as_deref()),
    };
    // Buffered: a big radar's thousands of warnings would otherwise go out
    // in tens of thousands of small writes (seconds, through a pipe). Not
    // locked while the command runs: the progress bar draws on stderr.
    let mut stderr = std::io::BufWriter::new(std::io::stderr());
    run_with(cli, &mut std::io::stdout(), &mut stderr, terminal)
}

/// What the process's terminal allows: decided once from the real stderr,
/// so [`run_with`] can print the same bytes into any writer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Whether a long scan may draw a progress bar on the process's stderr.
    pub progress: bool,
    /// Whether errors and warnings are coloured.
    pub color: bool,
}

/// [`run`], printing to `stdout` and `stderr` instead of the process's, as
/// `terminal` allows. The same bytes reach the writers as `run` prints; the
/// fuzz tests (`tests/fuzz.rs`) call it to run thousands of commands in one
/// process.
pub fn run_with(
    cli: &Cli,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
) -> i32 {
    let paths = Paths {
        config: cli.config.clone(),
        reports: cli.reports.clone(),
        progress: terminal.progress,
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
        Command::Quotes(args) => cmd::quotes::run(&paths, args).map(clean),
        Command::Place(args) => cmd::place::run(&paths, args).map(clean),
        Command::Edition(args) => cmd::edition::run(&paths, args).map(clean),
        Command::Schema => Ok(clean(cmd::schema::run())),
        Command::Suggest(args) => cmd::suggest::run(&paths, args).map(clean),
        Command::Cache(args) => cmd::cache::run(&paths, args).map(clean),
    };
    let mut printer = printer::Printer {
        stdout,
        stderr,
        format: cli.diagnostics_format(),
        color: terminal.color,
        all_warnings: matches!(cli.command, Command::Check(_)),
        quiet: quiet(cli),
    };
    match result {
        Ok((output, status)) => {
            printer.output(&output);
            status.exit_code()
        }
        Err(error) => {
            printer.error(&error);
            error.exit_code()
        }
    }
}

/// Whether `--quiet` leaves out the command's output: not what `mentions`,
/// the shell commands and an `export` to stdout print, which is the data
/// asked for.
fn quiet(cli: &Cli) -> bool {
    cli.quiet
        && !matches!(
            cli.command,
            Command::Mentions(_)
                | Command::Completions(_)
                | Command::Man
                | Command::Quotes(_)
                | Command::Schema
                | Command::Suggest(_)
        )
        && !matches!(&cli.command, Command::Export(args) if cmd::export::to_stdout(args))
}
