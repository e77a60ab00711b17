//! Problems found in the user's input, with the place they were found.
//!
//! Every stage that reads user input reports problems as [`Diagnostic`] values
//! instead of failing on the first one, so `check` can list them all. A
//! diagnostic names its file, line and column, carries the source text it
//! points into, and renders with the offending line and a caret under it
//! (through `annotate-snippets`, the renderer rustc uses).

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub mod format;

/// A file the user wrote, kept whole so diagnostics can quote its lines.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user, e.g. `radar.toml` or `reports/x.md`.
    pub name: String,
    /// The decoded text.
    pub text: String,
    /// Where each line starts, found on first use: a big radar can have
    /// thousands of warnings, each needing its line.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps a file's name and text for use in diagnostics.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line of a byte offset, and the offset where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        (line, starts[line - 1])
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, line_start) = self.line_of(offset);
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// Byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line.checked_sub(1)?).copied()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A place in a source file, with an optional label shown under it.
#[derive(Clone, Debug)]
pub struct Label {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Byte range in the file's text.
    pub span: Range<usize>,
    /// Text printed beside the caret.
    pub message: String,
}

impl Label {
    /// A label at `span` of `file`.
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> Label {
        Label {
            file: Arc::clone(file),
            span,
            message: message.into(),
        }
    }

    /// `name:line:col` of the label's start.
    pub fn location(&self) -> String {
        let (line, col) = self.file.line_col(self.span.start);
        format!("{}:{}:{}", self.file.name, line, col)
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is wrong; the command fails with exit code 1.
    Error,
    /// Worth a look; fails only under `--deny-warnings`.
    Warning,
}

/// Declares [`Code`] with its list and ids in one place, so that a new
/// code cannot be left out of [`Code::ALL`] (the test that every code is
/// pinned by a test reads that list).
macro_rules! codes {
    ($($section:literal: $($name:ident = $id:literal),+;)+) => {
        /// What kind of problem a diagnostic reports. Tests match on this
        /// rather than on message text, which is free to improve.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)] // the names say it
        pub enum Code {
            $($($name,)+)+
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$($(Code::$name,)+)+];

            /// A stable kebab-case id, e.g. `unknown-key`.
            pub fn id(self) -> &'static str {
                match self {
                    $($(Code::$name => $id,)+)+
                }
            }
        }
    };
}

codes! {
    "radar.toml":
        TomlSyntax = "toml-syntax",
        UnknownKey = "unknown-key",
        MissingKey = "missing-key",
        WrongType = "wrong-type",
        DuplicateTechnology = "duplicate-technology",
        InvalidId = "invalid-id",
        UnknownRing = "unknown-ring",
        UnknownQuadrant = "unknown-quadrant",
        DuplicateRingOrQuadrant = "duplicate-ring-or-quadrant",
        RingOrQuadrantCount = "ring-or-quadrant-count",
        EmptyPattern = "empty-pattern",
        DuplicatePattern = "duplicate-pattern",
        BadEdition = "bad-edition",
        EditionsNotAscending = "editions-not-ascending",
        NoEditions = "no-editions",
        EditionNotListed = "edition-not-listed",
        PlacementsNotAscending = "placements-not-ascending",
        NoPlacements = "no-placements",
        BadLink = "bad-link",
        BadColor = "bad-color",
        BadTag = "bad-tag",
        DuplicateTag = "duplicate-tag",
        ControlCharacter = "control-character",
        EmptyTitle = "empty-title",
        TooLong = "too-long",
        BadSize = "bad-size",
        BadTheme = "bad-theme",
        ReportsOutside = "reports-outside";
    "evidence":
        MissingReport = "missing-report",
        QuoteNotFound = "quote-not-found",
        ReportAfterEdition = "report-after-edition";
    "reports":
        DuplicateReport = "duplicate-report",
        Unreadable = "unreadable",
        FrontMatter = "front-matter",
        BadDate = "bad-date",
        NoDate = "no-date",
        Encoding = "encoding",
        Binary = "binary",
        EmptyReport = "empty-report";
    "reports: what the folder holds and what is refused unread":
        NotRegularFile = "not-regular-file",
        TooLarge = "too-large",
        LinkLoop = "link-loop",
        SameFile = "same-file",
        OutsideProject = "outside-project",
        BadFileName = "bad-file-name";
    "warnings about the radar":
        NeverMentioned = "never-mentioned",
        NoEvidence = "no-evidence";
}

/// One problem, with where it is and what to do about it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// The file a diagnostic without a source position is about.
    pub path: Option<String>,
    /// The main place, shown with a caret.
    pub primary: Option<Label>,
    /// Other places involved (the first definition of a duplicate, say).
    pub secondary: Vec<Label>,
    /// Extra lines: allowed values, the rule that was broken.
    pub notes: Vec<String>,
    /// What to do, e.g. "did you mean `assess`?".
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code`.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    /// A warning of kind `code`.
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            path: None,
            primary: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// Points the diagnostic at `span` of `file`.
    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Diagnostic {
        self.primary = Some(Label::new(file, span, ""));
        self
    }

    /// Like [`Diagnostic::at`], with a label beside the caret.
    pub fn at_labelled(
        mut self,
        file: &Arc<SourceFile>,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        self.primary = Some(Label::new(file, span, label));
        self
    }

    /// Names the file for a problem that has no position in decoded text.
    pub fn in_file(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    /// Adds another place involved in the problem.
    pub fn also(
        mut self,
        file: &Arc<SourceFile>,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        self.secondary.push(Label::new(file, span, label));
        self
    }

    /// This warning as an error, for `--deny-warnings`, saying so.
    pub fn denied(mut self) -> Diagnostic {
        if self.severity == Severity::Warning {
            self.severity = Severity::Error;
            self.notes
                .push("a warning, made an error by --deny-warnings".into());
        }
        self
    }

    /// Adds a note line.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Sets the hint.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean" when `suggestion` is some.
    pub fn maybe_help(self, suggestion: Option<String>) -> Diagnostic {
        match suggestion {
            Some(s) => self.help(format!("did you mean `{s}`?")),
            None => self,
        }
    }

    /// `path:line:col` of the primary place, or the path, if any.
    pub fn location(&self) -> Option<String> {
        self.primary
            .as_ref()
            .map(Label::location)
            .or_else(|| self.path.clone())
    }

    /// The diagnostic as the user sees it: a title line naming the place,
    /// then the source lines with carets, then notes and help.
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// [`Diagnostic::render`], in colour (ANSI) when `color` is true: the
    /// severity, carets and line numbers, as rustc colours them.
    pub fn render_styled(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        // Everything shown comes from the input or quotes it: a report line
        // holding ESC must not drive the terminal it is printed on. It is
        // made printable before rendering, so the renderer's own colours
        // are the only escapes in the result.
        let clean = |s: &str| crate::text::printable(s).into_owned();
        let title = clean(&match self.location() {
            Some(location) => format!("{location}: {}", self.message),
            None => self.message.clone(),
        });
        let excerpts: Vec<(String, usize, Range<usize>, String, String, AnnotationKind)> = self
            .primary
            .iter()
            .map(|l| (l, AnnotationKind::Primary))
            .chain(self.secondary.iter().map(|l| (l, AnnotationKind::Context)))
            .map(|(label, kind)| {
                let span = clamp_span(&label.file.text, &label.span);
                let (lines, first_line, span) = excerpt(&label.file, span);
                // Replacing a character keeps the count of characters
                // before the span, not the bytes: measure again.
                let start = crate::text::printable(&lines[..span.start]).len();
                let end = start + crate::text::printable(&lines[span.clone()]).len();
                let name = clean(&label.file.name);
                (
                    clean(lines),
                    first_line,
                    start..end,
                    name,
                    clean(&label.message),
                    kind,
                )
            })
            .collect();
        let notes: Vec<String> = self.notes.iter().map(|n| clean(n)).collect();
        let help = self.help.as_deref().map(clean);
        let mut group = Group::with_title(level.primary_title(title.as_str()));
        for (lines, first_line, span, name, message, kind) in &excerpts {
            group = group.element(
                Snippet::source(lines.as_str())
                    .line_start(*first_line)
                    .path(name.as_str())
                    .annotation(kind.span(span.clone()).label(message.as_str())),
            );
        }
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// The whole lines of `file` that `span` touches, the number of the first
/// (1-based), and the span relative to them. The renderer is handed only
/// these lines: given the whole file it would split all of it for every
/// diagnostic, and a big radar with thousands of warnings would take
/// seconds to report.
fn excerpt(file: &SourceFile, span: Range<usize>) -> (&str, usize, Range<usize>) {
    let text = file.text.as_str();
    let (line, start) = file.line_of(span.start);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    (
        &text[start..end],
        line,
        span.start - start..span.end - start,
    )
}

/// Keeps a span inside the text and on character boundaries, and gives an
/// empty span one character so the caret has something to point at.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if end == start {
        end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a
/// plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("x.toml", "a = 1\nname = \"日本語\" x\n");
        let offset = file.text.find('x').unwrap_or_default();
        assert_eq!(file.line_col(offset), (2, 14));
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_start(2), Some(6));
        assert_eq!(file.line_start(9), None);
    }

    #[test]
    fn renders_place_line_caret_and_help() {
        let file = SourceFile::new("radar.toml", "[x]\nring = \"asess\"\n");
        let d = Diagnostic::error(Code::UnknownRing, "unknown ring `asess`")
            .at(&file, 11..18)
            .note("allowed: adopt, trial, assess, hold, retired")
            .maybe_help(did_you_mean("asess", ["adopt", "trial", "assess", "hold"]));
        let text = d.render();
        assert!(
            text.starts_with("error: radar.toml:2:8: unknown ring `asess`\n"),
            "{text}"
        );
        assert!(text.contains("ring = \"asess\""), "{text}");
        assert!(text.contains("^^^^^^^"), "{text}");
        assert!(text.contains("did you mean `assess`?"), "{text}");
    }

    #[test]
    fn code_ids_are_unique_kebab_case() {
        let ids: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
    }

    #[test]
    fn suggestions_need_to_be_close() {
        assert_eq!(
            did_you_mean("qudrant", ["name", "quadrant"]),
            Some("quadrant".into())
        );
        assert_eq!(did_you_mean("zzz", ["name", "quadrant"]), None);
    }
}
