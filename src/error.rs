//! Errors that stop a command, and the exit codes they map to.
//!
//! Problems in the user's input are [`Diagnostic`]s, collected and returned
//! together as [`Error::Input`] (exit 1). Everything else means the command
//! could not run at all (exit 2): a missing file, an unreadable folder, a
//! bad argument, an output folder `build` refuses to write.
//!
//! Each error also knows how it reads on stderr ([`Error::render`]): the
//! message, the places it is about, and what to do about it. `lib.rs` only
//! prints that.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};

/// Success.
pub const EXIT_OK: i32 = 0;
/// The input has errors (each printed with its location), or `--check` /
/// `--exit-code` found differences.
pub const EXIT_INPUT: i32 = 1;
/// The command could not run: bad arguments, unreadable paths, a refused
/// output folder.
pub const EXIT_USAGE: i32 = 2;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors.
    #[error("{} error{} found", .0.len(), crate::wording::plural_s(.0.len()))]
    Input(Vec<Diagnostic>),
    /// The config file does not exist.
    #[error("config file not found: {}", .path.display())]
    MissingConfig {
        /// The path looked at.
        path: PathBuf,
    },
    /// The reports folder does not exist.
    #[error("reports folder not found: {}", .path.display())]
    MissingReports {
        /// The path looked at.
        path: PathBuf,
    },
    /// A file or folder could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// `build` will not write this output folder, or not as it stands:
    /// it holds the project's inputs, a mount point, or files `build` did
    /// not write. Nothing was written.
    #[error("refusing to write {}: {reason}", .path.display())]
    Refused {
        /// The output folder, as given.
        path: PathBuf,
        /// Why, in a phrase that follows the folder's name.
        reason: String,
        /// The paths the reason is about, printed one a line under it.
        listed: Vec<PathBuf>,
        /// What to do instead.
        help: String,
    },
    /// An argument is wrong in a way the argument parser cannot see.
    #[error("{0}")]
    Usage(String),
    /// `git show REV:PATH` failed.
    #[error("cannot read `{spec}` from git: {message}")]
    Git {
        /// The `REV:PATH` asked for.
        spec: String,
        /// What git said.
        message: String,
    },
    /// One or both sides of a `diff` could not be loaded.
    #[error("cannot compare: {}", .0.iter().filter(|s| s.error.is_some()).map(std::string::ToString::to_string).collect::<Vec<_>>().join("; "))]
    Diff(Vec<Side>),
}

/// One side of a `diff` and whether it loaded, so an error can say which
/// side is broken and which is fine.
#[derive(Debug)]
pub struct Side {
    /// `BASE` or `HEAD`.
    pub role: &'static str,
    /// The path or `REV:PATH` as given.
    pub spec: String,
    /// Why it could not be loaded; `None` when it loaded.
    pub error: Option<Box<Error>>,
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = if self.error.is_some() {
            "is broken"
        } else {
            "is fine"
        };
        write!(f, "{} side `{}` {state}", self.role, self.spec)
    }
}

impl Error {
    /// A closure that wraps an I/O error as [`Error::Io`] about `path`, for
    /// `.map_err(Error::io(&path))`.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// The error as printed on stderr, every line ending in a newline:
    /// diagnostics with a count of them, or `error: ` and the message, with
    /// the paths it lists and a hint where there is one.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        // Writing to a String cannot fail.
        match self {
            Error::Input(diagnostics) => {
                render_diagnostics(out, diagnostics);
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let warnings = diagnostics.len() - errors;
                let _ = writeln!(
                    out,
                    "confradar: {errors} error{}, {warnings} warning{}; nothing was written",
                    crate::wording::plural_s(errors),
                    crate::wording::plural_s(warnings)
                );
            }
            Error::MissingConfig { path } => {
                let _ = writeln!(
                    out,
                    "error: config file not found: {}\n  = help: run in the folder that holds radar.toml, or pass --config PATH",
                    path.display()
                );
            }
            Error::MissingReports { path } => {
                let _ = writeln!(
                    out,
                    "error: reports folder not found: {}\n  = help: create it, set `reports` in [radar], or pass --reports DIR",
                    path.display()
                );
            }
            Error::Diff(sides) => {
                for side in sides {
                    let Some(error) = &side.error else { continue };
                    let _ = writeln!(out, "error: {side}:\n");
                    match error.as_ref() {
                        // The side's own diagnostics, without the count: the
                        // last line sums up both sides.
                        Error::Input(diagnostics) => render_diagnostics(out, diagnostics),
                        other => other.render_into(out),
                    }
                }
                let states: Vec<String> = sides.iter().map(ToString::to_string).collect();
                let _ = writeln!(
                    out,
                    "confradar: {}; nothing was compared",
                    states.join(", ")
                );
            }
            Error::Refused { listed, help, .. } => {
                let _ = writeln!(out, "error: {self}");
                for path in listed {
                    let _ = writeln!(out, "    {}", path.display());
                }
                let _ = writeln!(out, "  = help: {help}");
            }
            other => {
                let message = other.to_string();
                let _ = writeln!(out, "error: {}", crate::text::printable(&message));
            }
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => EXIT_INPUT,
            // The worse of the two sides: a side that cannot be read at all
            // outweighs one with errors in it.
            Error::Diff(sides) => sides
                .iter()
                .filter_map(|s| s.error.as_ref().map(|e| e.exit_code()))
                .max()
                .unwrap_or(EXIT_INPUT),
            _ => EXIT_USAGE,
        }
    }
}

/// Each diagnostic as it renders, followed by a blank line.
fn render_diagnostics(out: &mut String, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let _ = writeln!(out, "{}\n", d.render());
    }
}
