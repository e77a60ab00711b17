//! Syntax errors of `radar.toml` as diagnostics: which of the toml
//! parser's errors to show, and what to add to them (where a duplicated
//! key or table was first written, and which technology it is).

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, SourceFile};

/// The diagnostics for a document that does not parse. After a broken
/// string or bracket the parser's later complaints are echoes of the first,
/// so only the first such error is shown; duplicate keys stand on their
/// own and are all shown.
pub(super) fn errors(file: &Arc<SourceFile>, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let start = |e: &toml::de::Error| e.span().map_or(0, |s| s.start);
    let (mut duplicates, mut others): (Vec<&toml::de::Error>, Vec<&toml::de::Error>) = errors
        .iter()
        .partition(|e| e.message().contains("duplicate"));
    duplicates.sort_by_key(|e| start(e));
    others.sort_by_key(|e| start(e));
    // A table written twice has every key of its second copy reported as a
    // duplicate too; the table's own error says it all.
    let tables: Vec<Range<usize>> = duplicates
        .iter()
        .filter(|e| line_at(&file.text, start(e)).starts_with('['))
        .map(|e| {
            let from = start(e);
            let to = next_header(&file.text, from).unwrap_or(file.text.len());
            from..to
        })
        .collect();
    duplicates.retain(|e| {
        let at = start(e);
        !tables.iter().any(|t| t.contains(&at) && t.start != at)
    });
    let shown: Vec<&toml::de::Error> = match others.first() {
        Some(first) => duplicates
            .into_iter()
            .filter(|d| start(d) < start(first))
            .chain(std::iter::once(*first))
            .collect(),
        None => duplicates,
    };
    shown.into_iter().map(|e| toml_error(file, e)).collect()
}

/// The trimmed line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim()
}

/// Where the first table header after the line holding `from` starts.
fn next_header(text: &str, from: usize) -> Option<usize> {
    let line_end = text[from..].find('\n')? + from + 1;
    let mut offset = line_end;
    for line in text[line_end..].split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Turns a toml syntax error into a diagnostic at its place, adding what
/// the toml crate leaves out: the first definition of a duplicated key, and
/// the technology id of a duplicated `[technologies.<id>]` table.
fn toml_error(file: &Arc<SourceFile>, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_owned();
    let span = error.span().unwrap_or(0..0);
    let mut diagnostic = Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {message}"))
        .at(file, span.clone());
    if message.contains("duplicate") || message.contains("redefin") {
        if let Some(first) = first_definition(&file.text, span.clone()) {
            diagnostic = diagnostic.also(file, first, "first defined here");
        }
        let line_start = file.text[..span.start.min(file.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = file.text[line_start..]
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        if let Some(id) = line
            .strip_prefix("[technologies.")
            .and_then(|l| l.strip_suffix(']'))
        {
            diagnostic.code = Code::DuplicateTechnology;
            diagnostic.message = format!("duplicate technology id `{id}`");
            diagnostic = diagnostic
                .help("technology ids must be unique: rename one, or merge the two tables");
        }
    }
    diagnostic
}

/// Where the table header or key at `span` was first written, searching the
/// text before it for the same header or `key =` on its own line.
fn first_definition(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line = text[line_start..line_end].trim();
    let wanted = if line.starts_with('[') {
        line.to_owned()
    } else {
        line.split('=').next()?.trim().to_owned()
    };
    let mut offset = 0;
    for candidate in text[..line_start].split_inclusive('\n') {
        let trimmed = candidate.trim();
        let same = if wanted.starts_with('[') {
            trimmed == wanted
        } else {
            trimmed
                .split('=')
                .next()
                .is_some_and(|k| k.trim() == wanted)
                && trimmed.contains('=')
        };
        if same {
            let indent = candidate.len() - candidate.trim_start().len();
            return Some(offset + indent..offset + indent + trimmed.len());
        }
        offset += candidate.len();
    }
    None
}
