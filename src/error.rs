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
        self.render_styled(false)
    }

    /// [`Error::render`], with the severities in colour when `color` is
    /// true.
    pub fn render_styled(&self, color: bool) -> String {
        let mut out = String::new();
        self.render_into(&mut out, color);
        out
    }

    fn render_into(&self, out: &mut String, color: bool) {
        let label = paint_error("error", color);
        // Writing to a String cannot fail.
        match self {
            Error::Input(diagnostics) => {
                render_diagnostics(out, diagnostics, color);
                out.push_str(&self.summary());
            }
            Error::MissingConfig { path } => {
                let _ = writeln!(
                    out,
                    "{label}: config file not found: {}\n  = help: run in the folder that holds radar.toml, or pass --config PATH",
                    path.display()
                );
            }
            Error::MissingReports { path } => {
                let _ = writeln!(
                    out,
                    "{label}: reports folder not found: {}\n  = help: create it, set `reports` in [radar], or pass --reports DIR",
                    path.display()
                );
            }
            Error::Diff(sides) => {
                for side in sides {
                    let Some(error) = &side.error else { continue };
                    let _ = writeln!(out, "{label}: {side}:\n");
                    match error.as_ref() {
                        // The side's own diagnostics, without the count: the
                        // last line sums up both sides.
                        Error::Input(diagnostics) => render_diagnostics(out, diagnostics, color),
                        other => other.render_into(out, color),
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
                let _ = writeln!(out, "{label}: {self}");
                for path in listed {
                    let _ = writeln!(out, "    {}", path.display());
                }
                let _ = writeln!(out, "  = help: {help}");
            }
            other => {
                let message = other.to_string();
                let _ = writeln!(out, "{label}: {}", crate::text::printable(&message));
            }
        }
    }

    /// The last line of the error as rendered: for input errors, how many
    /// errors and warnings there are; for the others, the message.
    pub fn summary(&self) -> String {
        match self {
            Error::Input(diagnostics) => {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                format!(
                    "confradar: {}, {}; nothing was written\n",
                    crate::wording::count(errors, "error", "errors"),
                    crate::wording::count(diagnostics.len() - errors, "warning", "warnings")
                )
            }
            other => format!("error: {}\n", crate::text::printable(&other.to_string())),
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
fn render_diagnostics(out: &mut String, diagnostics: &[Diagnostic], color: bool) {
    for d in diagnostics {
        let _ = writeln!(out, "{}\n", d.render_styled(color));
    }
}

/// `word` in bold red when `color` is true, as the diagnostics colour
/// their `error`.
pub(crate) fn paint_error(word: &str, color: bool) -> String {
    if color {
        format!("\x1b[1;31m{word}\x1b[0m")
    } else {
        word.to_owned()
    }
}
