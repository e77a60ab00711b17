//! `radar.toml` as the user wrote it: the raw types below, and the way to
//! them from the file's bytes ([`decode`], then [`parse`]).
//!
//! The text is parsed into toml's spanned document tree; a syntax error
//! stops there ([`syntax`] turns it into diagnostics). Otherwise the tree is
//! read table by table into the raw types ([`reader`]), with every problem
//! of the file's shape listed at once. Meaning (ids exist, editions ascend,
//! ...) is checked when [`crate::input::validate`] turns this into the
//! trusted model.

mod reader;
mod syntax;

use std::sync::Arc;

use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::{Code, Diagnostic, SourceFile};

/// The whole file.
#[derive(Debug, Default)]
pub(crate) struct RawConfig {
    /// The `[radar]` table; `None` when it is missing or not a table.
    pub(crate) radar: Option<RawRadar>,
    /// `[technologies.<id>]` tables, in file order, each with its id.
    pub(crate) technologies: Vec<(Spanned<String>, Spanned<RawTechnology>)>,
    /// The `[suggest]` table; `None` when it is missing or not a table.
    pub(crate) suggest: Option<RawSuggest>,
}

/// The `[suggest]` table: names `confradar suggest` should know as
/// technologies besides its dictionary, and names it should never suggest.
#[derive(Debug, Default)]
pub(crate) struct RawSuggest {
    /// Extra dictionary names.
    pub(crate) known: Vec<Spanned<String>>,
    /// Names never suggested.
    pub(crate) ignore: Vec<Spanned<String>>,
}

/// The `[radar]` table. Its required keys are options here, so that a
/// radar without a title is still checked to the end.
#[derive(Debug)]
pub(crate) struct RawRadar {
    /// Title shown on the radar.
    pub(crate) title: Option<Spanned<String>>,
    /// Quarters, ascending; the last is current.
    pub(crate) editions: Option<Spanned<Vec<Spanned<String>>>>,
    /// Reports folder, relative to the config file.
    pub(crate) reports: Option<Spanned<String>>,
    /// The largest report read, in bytes.
    pub(crate) max_report_size: Option<Spanned<u64>>,
    /// The palette the SVG is drawn in: `light`, `dark` or `auto`.
    pub(crate) theme: Option<Spanned<String>>,
    /// Ring definitions, innermost first.
    pub(crate) rings: Option<Spanned<Vec<Spanned<RawLevel>>>>,
    /// Quadrant definitions, in drawing order.
    pub(crate) quadrants: Option<Spanned<Vec<Spanned<RawLevel>>>>,
}

/// A ring or a quadrant: an id, a display name, and optionally a colour
/// and a description.
#[derive(Debug)]
pub(crate) struct RawLevel {
    /// Stable id used in placements.
    pub(crate) id: Spanned<String>,
    /// Display name.
    pub(crate) name: Spanned<String>,
    /// CSS hex colour, `#rgb` or `#rrggbb`.
    pub(crate) color: Option<Spanned<String>>,
    /// Markdown description.
    pub(crate) description: Option<Spanned<String>>,
}

/// A `[technologies.<id>]` table.
#[derive(Debug)]
pub(crate) struct RawTechnology {
    /// Display name, also counted in reports.
    pub(crate) name: Spanned<String>,
    /// Quadrant id.
    pub(crate) quadrant: Spanned<String>,
    /// Other spellings counted in reports.
    pub(crate) aliases: Vec<Spanned<String>>,
    /// Match name and aliases with exact ASCII case.
    pub(crate) case_sensitive: bool,
    /// Whether the name is counted in reports (`count_name`, default true).
    pub(crate) count_name: bool,
    /// Markdown description.
    pub(crate) description: Option<Spanned<String>>,
    /// Homepage, http or https.
    pub(crate) link: Option<Spanned<String>>,
    /// Further links, each with an optional title.
    pub(crate) links: Vec<Spanned<RawLink>>,
    /// Lowercase words grouping technologies.
    pub(crate) tags: Vec<Spanned<String>>,
    /// Ring per edition.
    pub(crate) placements: Vec<Spanned<RawPlacement>>,
}

/// An entry of a technology's `links`.
#[derive(Debug)]
pub(crate) struct RawLink {
    /// http or https URL.
    pub(crate) url: Spanned<String>,
    /// What the link is, in one line.
    pub(crate) title: Option<Spanned<String>>,
}

/// A `[[technologies.<id>.placements]]` entry.
#[derive(Debug)]
pub(crate) struct RawPlacement {
    /// The edition this placement starts in.
    pub(crate) edition: Spanned<String>,
    /// Ring id, or `retired`.
    pub(crate) ring: Spanned<String>,
    /// Why it is placed here (Markdown).
    pub(crate) why: Option<Spanned<String>>,
    /// Reports backing the placement.
    pub(crate) evidence: Vec<Spanned<RawEvidence>>,
    /// Whether a blip is drawn in this edition (`featured`, default true).
    pub(crate) featured: bool,
}

/// One piece of evidence: a report and optionally words quoted from it.
#[derive(Debug)]
pub(crate) struct RawEvidence {
    /// Report id: its path under the reports folder, without extension.
    pub(crate) report: Spanned<String>,
    /// Words that must appear in the report.
    pub(crate) quote: Option<Spanned<String>>,
}

/// The largest radar file read. A radar of a thousand technologies is
/// about a megabyte; anything near this is a mistake, or hostile.
pub(crate) const MAX_CONFIG_SIZE: u64 = 64 * 1024 * 1024;

/// Turns the radar file's bytes into text. A byte order mark is dropped;
/// UTF-16 and bytes that are not UTF-8 are errors at the place of the first
/// bad byte (with the text up to there shown), since the file is meant to
/// be edited by people and quoted back to them.
pub(crate) fn decode(name: &str, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let bytes = crate::text::without_bom(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let first = e.as_bytes()[at];
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, text);
            let (message, help) = if utf16 {
                (
                    "the radar file is UTF-16, not UTF-8".to_owned(),
                    "save it as UTF-8 (most editors offer it under \"encoding\")",
                )
            } else {
                (
                    format!("not valid UTF-8: byte 0x{first:02X} at byte offset {at}"),
                    "save the radar file as UTF-8",
                )
            };
            Err(Diagnostic::error(Code::Encoding, message)
                .at(&file, at..at + 1)
                .help(help))
        }
    }
}

/// Parses `file` as a radar config. Syntax errors stop here: the rest of
/// the document cannot be trusted after one. Otherwise every problem of
/// shape (unknown keys, missing keys, wrong types) is returned beside what
/// could be read.
pub(crate) fn parse(
    file: &Arc<SourceFile>,
) -> Result<(RawConfig, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(&file.text);
    if !errors.is_empty() {
        return Err(syntax::errors(file, &errors));
    }
    Ok(reader::read(file, root.get_ref(), root.span()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(Code, String)> {
        let file = SourceFile::new("radar.toml", text);
        let found = match parse(&file) {
            Ok((_, problems)) => problems,
            Err(errors) => errors,
        };
        found
            .iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_reported_in_one_run() {
        let found = problems(
            "[radar]\nheading = \"T\"\neditions = \"2024-Q1\"\n\
             [technologies.a]\nname = 1\nquadrant = \"tools\"\nlnk = \"x\"\n\
             [[technologies.a.placements]]\nedition = \"2024-Q1\"\nring = \"adopt\"\nevidence = [{ report = \"r\", qoute = \"q\" }]\n",
        );
        assert_eq!(
            found,
            [
                (Code::UnknownKey, "radar.toml:2:1".into()),
                (Code::MissingKey, "radar.toml:1:1".into()),
                (Code::WrongType, "radar.toml:3:12".into()),
                (Code::UnknownKey, "radar.toml:7:1".into()),
                (Code::WrongType, "radar.toml:5:8".into()),
                (Code::UnknownKey, "radar.toml:11:29".into()),
            ]
        );
    }

    #[test]
    fn syntax_errors_show_the_first_and_every_duplicate_before_it() {
        let found = problems("[radar]\ntitle = \"T\"\ntitle = \"U\"\nx = = 1\ny = = 2\n");
        assert_eq!(
            found,
            [
                (Code::TomlSyntax, "radar.toml:3:1".into()),
                (Code::TomlSyntax, "radar.toml:4:5".into()),
            ]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_an_error_at_its_byte() {
        let e =
            decode("radar.toml", b"[radar]\ntitle = \"caf\xE9\"\n".to_vec()).expect_err("latin-1");
        assert_eq!(e.code, Code::Encoding);
        assert_eq!(e.location().as_deref(), Some("radar.toml:2:13"));
        let e = decode("radar.toml", b"\xFF\xFE[\0r\0".to_vec()).expect_err("utf-16");
        assert_eq!(e.location().as_deref(), Some("radar.toml:1:1"));
        assert!(e.message.contains("UTF-16"), "{}", e.message);
        let ok = decode("radar.toml", b"\xEF\xBB\xBF[radar]".to_vec()).expect("bom");
        assert_eq!(ok.text, "[radar]");
    }
}
