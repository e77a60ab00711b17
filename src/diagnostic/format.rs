//! Diagnostics for machines: a JSON array for tools, and GitHub Actions
//! workflow commands that put each problem on its line of a pull request.
//!
//! Both read the same fields off a [`Diagnostic`] ([`Record`]), so a field
//! added to one shows up in the other. The text the user reads stays in
//! [`Diagnostic::render`].

use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::text::printable;

/// How diagnostics are printed: `--format` of `check` and `build`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// For people: the message, the offending line with a caret, notes and
    /// help (on stderr).
    #[default]
    Text,
    /// One JSON array of [`Record`]s on stdout, nothing else there.
    Json,
    /// GitHub Actions workflow commands (`::error file=...::...`) on stdout,
    /// and the text on stderr for the log.
    Github,
}

/// A diagnostic as JSON: where it is (1-based line and column; the end is
/// just past its last character), what it is and what to do.
#[derive(Debug, Serialize)]
pub(crate) struct Record<'a> {
    severity: &'static str,
    code: &'static str,
    message: String,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<String>,
    notes: Vec<String>,
}

impl<'a> Record<'a> {
    fn of(d: &'a Diagnostic) -> Record<'a> {
        // Text from the input must not carry terminal controls into a log.
        let clean = |s: &str| printable(s).into_owned();
        let (file, start, end) = match &d.primary {
            Some(label) => {
                let text = &label.file.text;
                let span = super::clamp_span(text, &label.span);
                (
                    Some(label.file.name.as_str()),
                    Some(label.file.line_col(span.start)),
                    Some(label.file.line_col(span.end)),
                )
            }
            None => (d.path.as_deref(), None, None),
        };
        Record {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: d.code.id(),
            message: clean(&d.message),
            file,
            line: start.map(|(line, _)| line),
            column: start.map(|(_, column)| column),
            end_line: end.map(|(line, _)| line),
            end_column: end.map(|(_, column)| column),
            help: d.help.as_deref().map(clean),
            notes: d.notes.iter().map(|n| clean(n)).collect(),
        }
    }
}

/// All `diagnostics` as one pretty-printed JSON array, ending in a newline.
pub(crate) fn json(diagnostics: &[Diagnostic]) -> String {
    let records: Vec<Record<'_>> = diagnostics.iter().map(Record::of).collect();
    let mut out = serde_json::to_string_pretty(&records).expect("records serialize");
    out.push('\n');
    out
}

/// One workflow command per diagnostic, e.g.
/// `::error file=radar.toml,line=12,col=8,endLine=12,endColumn=14,title=confradar unknown-key::...`.
/// GitHub shows each as an annotation on that line of the pull request's
/// files; notes and help follow the message on lines of their own.
pub(crate) fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let record = Record::of(d);
        let mut properties = Vec::new();
        if let Some(file) = record.file {
            properties.push(format!("file={}", property(file)));
        }
        if let (Some(line), Some(column)) = (record.line, record.column) {
            properties.push(format!("line={line},col={column}"));
            if let (Some(end_line), Some(end_column)) = (record.end_line, record.end_column) {
                // GitHub's end column is the last character's, not the
                // one after it.
                let last = if end_line == line {
                    end_column.saturating_sub(1).max(column)
                } else {
                    end_column
                };
                properties.push(format!("endLine={end_line},endColumn={last}"));
            }
        }
        properties.push(format!(
            "title={}",
            property(&format!("confradar {}", record.code))
        ));
        let mut message = record.message.clone();
        for note in &record.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        if let Some(help) = &record.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            record.severity,
            properties.join(","),
            data(&message)
        ));
    }
    out
}

/// A workflow command for an error that is about no place in the input (a
/// missing file, a bad argument).
pub(crate) fn github_error(message: &str) -> String {
    format!("::error title=confradar::{}\n", data(message))
}

/// A workflow command's message: `%`, CR and LF escaped, so a message can
/// neither end the command early nor start a new one on the next line.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`data`], and `:` and `,`,
/// which would end the value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, SourceFile};

    fn sample() -> Vec<Diagnostic> {
        let file = SourceFile::new("radar.toml", "[radar]\ntitel = \"x\"\n");
        vec![
            Diagnostic::error(Code::UnknownKey, "unknown key `titel` in [radar]")
                .at(&file, 8..13)
                .note("allowed: title, reports")
                .help("did you mean `title`?"),
            Diagnostic::warning(Code::NoEvidence, "100% of it, a:b,c").in_file("reports/a,b.md"),
        ]
    }

    #[test]
    fn json_has_every_field_with_the_span() {
        let value: serde_json::Value = serde_json::from_str(&json(&sample())).expect("valid JSON");
        let first = &value[0];
        assert_eq!(first["severity"], "error");
        assert_eq!(first["code"], "unknown-key");
        assert_eq!(first["file"], "radar.toml");
        assert_eq!(
            (first["line"].as_u64(), first["column"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(
            (first["end_line"].as_u64(), first["end_column"].as_u64()),
            (Some(2), Some(6))
        );
        assert_eq!(first["help"], "did you mean `title`?");
        assert_eq!(first["notes"][0], "allowed: title, reports");
        let second = &value[1];
        assert_eq!(second["severity"], "warning");
        assert_eq!(second["file"], "reports/a,b.md");
        assert!(second["line"].is_null());
        assert!(second["help"].is_null());
    }

    #[test]
    fn github_commands_escape_what_would_end_them() {
        let out = github(&sample());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            2,
            "one command per diagnostic, newlines escaped: {out}"
        );
        assert_eq!(
            lines[0],
            "::error file=radar.toml,line=2,col=1,endLine=2,endColumn=5,title=confradar unknown-key::\
             unknown key `titel` in [radar]%0Anote: allowed: title, reports%0Ahelp: did you mean `title`?"
        );
        assert_eq!(
            lines[1],
            "::warning file=reports/a%2Cb.md,title=confradar no-evidence::100%25 of it, a:b,c"
        );
    }

    #[test]
    fn control_characters_from_the_input_do_not_reach_the_log() {
        let d = Diagnostic::error(Code::UnknownKey, "bad \u{1b}[31m key");
        assert!(!json(std::slice::from_ref(&d)).contains('\u{1b}'));
        assert!(!github(&[d]).contains('\u{1b}'));
    }
}
