//! The subcommands. Each loads what it needs, runs the pure stages, and
//! returns what to print; [`crate::run`] does the printing.

pub mod build;
pub mod check;
pub mod mentions;

use crate::diagnostic::Diagnostic;

/// What a command produced: text for stdout, and warnings for stderr.
#[derive(Debug, Default)]
pub struct Output {
    /// Printed to stdout.
    pub stdout: String,
    /// Printed to stderr.
    pub warnings: Vec<Diagnostic>,
}
