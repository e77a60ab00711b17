//! What reaches the terminal: a command's output, its warnings and notes,
//! or the error that stopped it, in the diagnostics format asked for.
//!
//! `--format text` (the default) renders problems for people on stderr.
//! `json` keeps stdout for one JSON array of every problem, so a tool can
//! read it whole, and moves the command's own output to stderr. `github`
//! prints one workflow command per problem on stdout (an annotation on the
//! pull request) and the text on stderr, for the log.

use std::io::Write;

use crate::cmd::Output;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::format::{self, Format};
use crate::error::Error;

/// How many warnings commands other than `check` print as text.
const WARNINGS_SHOWN: usize = 10;

/// Where and how to print.
pub(crate) struct Printer<'a> {
    /// The process's stdout, or a test's buffer.
    pub stdout: &'a mut dyn Write,
    /// The process's stderr, or a test's buffer.
    pub stderr: &'a mut dyn Write,
    /// The diagnostics format.
    pub format: Format,
    /// Whether text diagnostics are coloured.
    pub color: bool,
    /// Whether every warning is printed as text (`check`, where they are
    /// read) or only the first few (elsewhere, where hundreds would bury
    /// the output).
    pub all_warnings: bool,
    /// Whether the command's own output is left out (`--quiet`).
    pub quiet: bool,
}

impl Printer<'_> {
    /// Prints what a command that ran produced: its warnings and notes on
    /// stderr (or as the format asks), then its output.
    pub(crate) fn output(&mut self, output: &Output) {
        match self.format {
            Format::Text => self.text_warnings(&output.warnings),
            Format::Json => self.out(&format::json(&output.warnings)),
            Format::Github => {
                self.out(&format::github(&output.warnings));
                self.text_warnings(&output.warnings);
            }
        }
        for note in &output.notes {
            let _ = writeln!(self.stderr, "note: {note}");
        }
        // Warnings first, then the output, as a terminal shows them.
        let _ = self.stderr.flush();
        if !self.quiet {
            if self.format == Format::Json {
                // stdout holds the JSON alone.
                let _ = self.stderr.write_all(output.stdout.as_bytes());
            } else {
                self.out(&output.stdout);
            }
        }
    }

    /// Prints the error that stopped a command.
    pub(crate) fn error(&mut self, error: &Error) {
        match (self.format, error) {
            (Format::Json, Error::Input(diagnostics)) => self.out(&format::json(diagnostics)),
            (Format::Github, Error::Input(diagnostics)) => self.out(&format::github(diagnostics)),
            (Format::Github, other) => {
                // Not about a line of the input, but the run's summary page
                // should still say why it failed.
                let message = crate::text::printable(&other.to_string()).into_owned();
                self.out(&format::github_error(&message));
            }
            _ => {}
        }
        if self.format != Format::Json || !matches!(error, Error::Input(_)) {
            let _ = self
                .stderr
                .write_all(error.render_styled(self.color).as_bytes());
        } else {
            // The JSON holds the problems; stderr keeps the one-line count.
            let _ = self.stderr.write_all(error.summary().as_bytes());
        }
        let _ = self.stderr.flush();
    }

    fn text_warnings(&mut self, warnings: &[Diagnostic]) {
        let shown = if self.all_warnings || self.format != Format::Text {
            warnings.len()
        } else {
            WARNINGS_SHOWN
        };
        for warning in warnings.iter().take(shown) {
            let _ = writeln!(self.stderr, "{}\n", warning.render_styled(self.color));
        }
        if warnings.len() > shown {
            let _ = writeln!(
                self.stderr,
                "confradar: {} not shown; `confradar check` lists them all\n",
                crate::wording::count(warnings.len() - shown, "more warning", "more warnings")
            );
        }
    }

    fn out(&mut self, text: &str) {
        let _ = self.stdout.write_all(text.as_bytes());
        let _ = self.stdout.flush();
    }
}
