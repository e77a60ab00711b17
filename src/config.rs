//! `radar.toml` as the user wrote it.
//!
//! These serde types mirror the file one to one, with spans kept so every
//! later complaint can point at the exact place. Unknown keys are refused
//! here; meaning (ids exist, editions ascend, ...) is checked when
//! [`crate::radar`] turns this into the trusted model.

use std::sync::Arc;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// The `[radar]` table.
    pub radar: RawRadar,
    /// `[technologies.<id>]` tables, in file order.
    #[serde(default)]
    pub technologies: IndexMap<Spanned<String>, Spanned<RawTechnology>>,
}

/// The `[radar]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRadar {
    /// Title shown on the radar.
    pub title: Spanned<String>,
    /// Quarters, ascending; the last is current.
    pub editions: Spanned<Vec<Spanned<String>>>,
    /// Reports folder, relative to the config file.
    pub reports: Option<Spanned<String>>,
    /// Ring definitions, innermost first.
    pub rings: Option<Spanned<Vec<Spanned<RawLevel>>>>,
    /// Quadrant definitions, in drawing order.
    pub quadrants: Option<Spanned<Vec<Spanned<RawLevel>>>>,
}

/// A ring or a quadrant: an id and a display name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// Stable id used in placements.
    pub id: Spanned<String>,
    /// Display name.
    pub name: Spanned<String>,
}

/// A `[technologies.<id>]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTechnology {
    /// Display name, also counted in reports.
    pub name: Spanned<String>,
    /// Quadrant id.
    pub quadrant: Spanned<String>,
    /// Other spellings counted in reports.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Match name and aliases with exact ASCII case.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Markdown description.
    pub description: Option<String>,
    /// Homepage, http or https.
    pub link: Option<Spanned<String>>,
    /// Ring per edition.
    #[serde(default)]
    pub placements: Vec<Spanned<RawPlacement>>,
}

/// A `[[technologies.<id>.placements]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlacement {
    /// The edition this placement starts in.
    pub edition: Spanned<String>,
    /// Ring id, or `retired`.
    pub ring: Spanned<String>,
    /// Why it is placed here.
    pub why: Option<String>,
    /// Reports backing the placement.
    #[serde(default)]
    pub evidence: Vec<Spanned<RawEvidence>>,
}

/// One piece of evidence: a report and optionally words quoted from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    /// Report id: its path under the reports folder, without extension.
    pub report: Spanned<String>,
    /// Words that must appear in the report.
    pub quote: Option<Spanned<String>>,
}

/// Parses `file` as a radar config. A syntax or shape error stops parsing, so
/// there is at most one diagnostic.
pub fn parse(file: &Arc<SourceFile>) -> Result<RawConfig, Diagnostic> {
    toml::from_str(&file.text).map_err(|e| toml_error(file, &e))
}

/// Turns a toml error into a diagnostic at its place, adding what the toml
/// crate leaves out: did-you-mean for unknown keys, and the first definition
/// of a duplicated key.
pub fn toml_error(file: &Arc<SourceFile>, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_owned();
    let span = error.span().unwrap_or(0..0);
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if let Some(rest) = message.strip_prefix("unknown field") {
        let unknown = quoted.first().copied().unwrap_or_default();
        let expected = if rest.contains("expected") {
            &quoted[1.min(quoted.len())..]
        } else {
            &[][..]
        };
        return Diagnostic::error(Code::UnknownKey, format!("unknown key `{unknown}`"))
            .at(file, span)
            .note(format!("allowed keys here: {}", expected.join(", ")))
            .maybe_help(did_you_mean(unknown, expected.iter().copied()));
    }
    if message.starts_with("missing field") {
        let field = quoted.first().copied().unwrap_or_default();
        return Diagnostic::error(Code::MissingKey, format!("missing required key `{field}`"))
            .at(file, span)
            .help(format!("add `{field} = ...` to this table"));
    }
    if message.starts_with("invalid type") || message.starts_with("invalid length") {
        return Diagnostic::error(Code::WrongType, message).at(file, span);
    }
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
fn first_definition(text: &str, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
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
