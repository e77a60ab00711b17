//! The subcommands. Each loads what it needs, runs the pure stages, and
//! returns what to print; [`crate::run`] does the printing.

pub(crate) mod build;
pub(crate) mod cache;
pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod edition;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod mentions;
pub(crate) mod place;
pub(crate) mod quotes;
pub(crate) mod schema;
pub(crate) mod shell;
pub(crate) mod suggest;

use crate::diagnostic::Diagnostic;

/// What a command produced: text for stdout, and warnings and notes for
/// stderr.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Printed to stdout.
    pub stdout: String,
    /// Printed to stderr.
    pub warnings: Vec<Diagnostic>,
    /// Printed to stderr after the warnings, each as `note: ...`, even with
    /// `--quiet`: what a command did that the user should know of, such as
    /// `build --force` replacing a file of theirs.
    pub notes: Vec<String>,
}

impl Output {
    /// `stdout`, with `warnings` for stderr and no notes.
    pub(crate) fn new(stdout: String, warnings: Vec<Diagnostic>) -> Output {
        Output {
            stdout,
            warnings,
            notes: Vec::new(),
        }
    }

    /// The same output, with `notes` for stderr.
    pub(crate) fn with_notes(self, notes: Vec<String>) -> Output {
        Output { notes, ..self }
    }
}

/// What a comparing command found: `build --check` and `diff --exit-code`
/// exit 1 on differences, like `git diff --exit-code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Nothing to report (or the command does not compare).
    Clean,
    /// Differences were found and the caller asked to be told by the exit code.
    Differs,
}

impl Status {
    /// [`Status::Differs`] when differences were found (and asked about).
    pub(crate) fn differs_if(found: bool) -> Status {
        if found {
            Status::Differs
        } else {
            Status::Clean
        }
    }

    /// The process exit code.
    pub(crate) fn exit_code(self) -> i32 {
        match self {
            Status::Clean => crate::error::EXIT_OK,
            Status::Differs => crate::error::EXIT_INPUT,
        }
    }
}

/// The index of the edition `--edition` names, the current one without
/// it; an edition the radar does not have is a usage error listing those
/// it has. `build` and `export` read the flag alike.
pub(crate) fn edition_index(
    radar: &crate::input::radar::Radar,
    asked: Option<crate::input::quarter::Quarter>,
) -> Result<usize, crate::error::Error> {
    let Some(quarter) = asked else {
        return Ok(radar.current());
    };
    radar
        .editions
        .iter()
        .position(|e| *e == quarter)
        .ok_or_else(|| {
            let listed: Vec<String> = radar.editions.iter().map(ToString::to_string).collect();
            crate::error::Error::Usage(format!(
                "--edition: `{quarter}` is not one of the radar's editions ({})",
                listed.join(", ")
            ))
        })
}
