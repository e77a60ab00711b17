//! `radar.toml` as the user wrote it.
//!
//! The file is parsed into toml's spanned document tree, then read table by
//! table into the raw types below. Reading by hand rather than through
//! serde's derive is what lets `check` list every problem of the file's
//! shape at once: serde stops at the first unknown key or wrong type, and
//! a radar with a typo in two tables would need two runs to fix. Each
//! table's keys are checked against the ones it allows; a missing required
//! key or a value of the wrong type leaves that item out, with an error.
//! Meaning (ids exist, editions ascend, ...) is checked when
//! [`crate::input::radar`] turns this into the trusted model.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};

/// The whole file.
#[derive(Debug, Default)]
pub struct RawConfig {
    /// The `[radar]` table; `None` when it is missing or not a table.
    pub radar: Option<RawRadar>,
    /// `[technologies.<id>]` tables, in file order, each with its id.
    pub technologies: Vec<(Spanned<String>, Spanned<RawTechnology>)>,
}

/// The `[radar]` table. Its required keys are options here, so that a
/// radar without a title is still checked to the end.
#[derive(Debug)]
pub struct RawRadar {
    /// Title shown on the radar.
    pub title: Option<Spanned<String>>,
    /// Quarters, ascending; the last is current.
    pub editions: Option<Spanned<Vec<Spanned<String>>>>,
    /// Reports folder, relative to the config file.
    pub reports: Option<Spanned<String>>,
    /// The largest report read, in bytes.
    pub max_report_size: Option<Spanned<u64>>,
    /// Ring definitions, innermost first.
    pub rings: Option<Spanned<Vec<Spanned<RawLevel>>>>,
    /// Quadrant definitions, in drawing order.
    pub quadrants: Option<Spanned<Vec<Spanned<RawLevel>>>>,
}

/// A ring or a quadrant: an id and a display name.
#[derive(Debug)]
pub struct RawLevel {
    /// Stable id used in placements.
    pub id: Spanned<String>,
    /// Display name.
    pub name: Spanned<String>,
}

/// A `[technologies.<id>]` table.
#[derive(Debug)]
pub struct RawTechnology {
    /// Display name, also counted in reports.
    pub name: Spanned<String>,
    /// Quadrant id.
    pub quadrant: Spanned<String>,
    /// Other spellings counted in reports.
    pub aliases: Vec<Spanned<String>>,
    /// Match name and aliases with exact ASCII case.
    pub case_sensitive: bool,
    /// Markdown description.
    pub description: Option<Spanned<String>>,
    /// Homepage, http or https.
    pub link: Option<Spanned<String>>,
    /// Ring per edition.
    pub placements: Vec<Spanned<RawPlacement>>,
}

/// A `[[technologies.<id>.placements]]` entry.
#[derive(Debug)]
pub struct RawPlacement {
    /// The edition this placement starts in.
    pub edition: Spanned<String>,
    /// Ring id, or `retired`.
    pub ring: Spanned<String>,
    /// Why it is placed here (Markdown).
    pub why: Option<Spanned<String>>,
    /// Reports backing the placement.
    pub evidence: Vec<Spanned<RawEvidence>>,
}

/// One piece of evidence: a report and optionally words quoted from it.
#[derive(Debug)]
pub struct RawEvidence {
    /// Report id: its path under the reports folder, without extension.
    pub report: Spanned<String>,
    /// Words that must appear in the report.
    pub quote: Option<Spanned<String>>,
}

/// The keys each table allows, in the order the README documents them.
const ROOT_KEYS: &[&str] = &["radar", "technologies"];
const RADAR_KEYS: &[&str] = &[
    "title",
    "editions",
    "reports",
    "max_report_size",
    "rings",
    "quadrants",
];
const LEVEL_KEYS: &[&str] = &["id", "name"];
const TECHNOLOGY_KEYS: &[&str] = &[
    "name",
    "quadrant",
    "aliases",
    "case_sensitive",
    "description",
    "link",
    "placements",
];
const PLACEMENT_KEYS: &[&str] = &["edition", "ring", "why", "evidence"];
const EVIDENCE_KEYS: &[&str] = &["report", "quote"];

/// The largest radar file read. A radar of a thousand technologies is
/// about a megabyte; anything near this is a mistake, or hostile.
pub(crate) const MAX_CONFIG_SIZE: u64 = 64 * 1024 * 1024;

/// Turns the radar file's bytes into text. A byte order mark is dropped;
/// UTF-16 and bytes that are not UTF-8 are errors at the place of the first
/// bad byte (with the text up to there shown), since the file is meant to
/// be edited by people and quoted back to them.
pub(crate) fn decode(name: &str, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
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
        return Err(syntax_errors(file, &errors));
    }
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let config = reader.root(root.get_ref(), root.span());
    Ok((config, reader.problems))
}

/// The diagnostics for a document that does not parse. After a broken
/// string or bracket the parser's later complaints are echoes of the first,
/// so only the first such error is shown; duplicate keys stand on their
/// own and are all shown.
fn syntax_errors(file: &Arc<SourceFile>, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
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
pub(crate) fn toml_error(file: &Arc<SourceFile>, error: &toml::de::Error) -> Diagnostic {
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

type Value<'i> = Spanned<DeValue<'i>>;

/// A table being read: its entries, where it is written, and what it is
/// called in messages (`[radar]`, ``technology `istio` ``).
struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Range<usize>,
    what: String,
}

impl<'t, 'i> Table<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.entries.get(key)
    }
}

/// Reads the document tree into raw types, collecting every problem.
struct Reader<'f> {
    file: &'f Arc<SourceFile>,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn root(&mut self, root: &DeTable<'_>, span: Range<usize>) -> RawConfig {
        let root = Table {
            entries: root,
            span,
            what: "the top level".into(),
        };
        self.known_keys(&root, ROOT_KEYS);
        let radar = if let Some(value) = root.get("radar") {
            self.table(value, "[radar]", RADAR_KEYS)
                .map(|t| self.radar(&t))
        } else {
            self.problems.push(
                Diagnostic::error(Code::MissingKey, "missing the `[radar]` table")
                    .at(self.file, 0..0)
                    .help("start the file with `[radar]`, a `title` and the `editions`"),
            );
            None
        };
        let mut technologies = Vec::new();
        if let Some(value) = root.get("technologies")
            && let Some(table) = self.table(value, "`technologies`", &[])
        {
            for (id, value) in table.entries {
                let what = format!("technology `{}`", id.get_ref());
                let Some(t) = self.table(value, &what, TECHNOLOGY_KEYS) else {
                    continue;
                };
                if let Some(tech) = self.technology(&t) {
                    technologies.push((
                        Spanned::new(id.span(), id.get_ref().to_string()),
                        Spanned::new(value.span(), tech),
                    ));
                }
            }
        }
        RawConfig {
            radar,
            technologies,
        }
    }

    fn radar(&mut self, t: &Table) -> RawRadar {
        RawRadar {
            title: self.required(t, "title", |r, v| r.string(v, "title")),
            editions: self.required(t, "editions", |r, v| {
                r.array(v, "editions", |r, item| r.string(item, "an edition"))
            }),
            reports: self.optional(t, "reports", |r, v| r.string(v, "reports")),
            max_report_size: self.optional(t, "max_report_size", Reader::size),
            rings: self.optional(t, "rings", |r, v| {
                r.array(v, "rings", |r, item| r.level(item, "a ring"))
            }),
            quadrants: self.optional(t, "quadrants", |r, v| {
                r.array(v, "quadrants", |r, item| r.level(item, "a quadrant"))
            }),
        }
    }

    fn level(&mut self, value: &Value, what: &str) -> Option<Spanned<RawLevel>> {
        let t = self.table(value, what, LEVEL_KEYS)?;
        let id = self.required(&t, "id", |r, v| r.string(v, "id"));
        let name = self.required(&t, "name", |r, v| r.string(v, "name"));
        Some(Spanned::new(
            value.span(),
            RawLevel {
                id: id?,
                name: name?,
            },
        ))
    }

    fn technology(&mut self, t: &Table) -> Option<RawTechnology> {
        let name = self.required(t, "name", |r, v| r.string(v, "name"));
        let quadrant = self.required(t, "quadrant", |r, v| r.string(v, "quadrant"));
        let aliases = self.optional(t, "aliases", |r, v| {
            r.array(v, "aliases", |r, item| r.string(item, "an alias"))
        });
        let case_sensitive =
            self.optional(t, "case_sensitive", |r, v| r.boolean(v, "case_sensitive"));
        let description = self.optional(t, "description", |r, v| r.string(v, "description"));
        let link = self.optional(t, "link", |r, v| r.string(v, "link"));
        let placements = self.optional(t, "placements", |r, v| {
            r.array(v, "placements", Reader::placement)
        });
        Some(RawTechnology {
            name: name?,
            quadrant: quadrant?,
            aliases: aliases.map(Spanned::into_inner).unwrap_or_default(),
            case_sensitive: case_sensitive.is_some_and(Spanned::into_inner),
            description,
            link,
            placements: placements.map(Spanned::into_inner).unwrap_or_default(),
        })
    }

    fn placement(&mut self, value: &Value) -> Option<Spanned<RawPlacement>> {
        let t = self.table(value, "a placement", PLACEMENT_KEYS)?;
        let edition = self.required(&t, "edition", |r, v| r.string(v, "edition"));
        let ring = self.required(&t, "ring", |r, v| r.string(v, "ring"));
        let why = self.optional(&t, "why", |r, v| r.string(v, "why"));
        let evidence = self.optional(&t, "evidence", |r, v| {
            r.array(v, "evidence", Reader::evidence)
        });
        Some(Spanned::new(
            value.span(),
            RawPlacement {
                edition: edition?,
                ring: ring?,
                why,
                evidence: evidence.map(Spanned::into_inner).unwrap_or_default(),
            },
        ))
    }

    fn evidence(&mut self, value: &Value) -> Option<Spanned<RawEvidence>> {
        let t = self.table(value, "an evidence entry", EVIDENCE_KEYS)?;
        let report = self.required(&t, "report", |r, v| r.string(v, "report"));
        let quote = self.optional(&t, "quote", |r, v| r.string(v, "quote"));
        Some(Spanned::new(
            value.span(),
            RawEvidence {
                report: report?,
                quote,
            },
        ))
    }

    /// `value` as a table whose keys must be among `allowed` (all keys are
    /// allowed when it is empty: the table of technologies, keyed by id).
    fn table<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        what: &str,
        allowed: &[&str],
    ) -> Option<Table<'t, 'i>> {
        let DeValue::Table(entries) = value.get_ref() else {
            self.wrong_type(value, what, "a table");
            return None;
        };
        let table = Table {
            entries,
            span: value.span(),
            what: what.to_owned(),
        };
        if !allowed.is_empty() {
            self.known_keys(&table, allowed);
        }
        Some(table)
    }

    /// Reports every key of `table` that is not in `allowed`.
    fn known_keys(&mut self, table: &Table, allowed: &[&str]) {
        for key in table.entries.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            self.problems.push(
                Diagnostic::error(Code::UnknownKey, format!("unknown key `{name}`"))
                    .at(self.file, key.span())
                    .note(format!(
                        "allowed keys in {}: {}",
                        table.what,
                        allowed.join(", ")
                    ))
                    .maybe_help(did_you_mean(name, allowed.iter().copied())),
            );
        }
    }

    /// Reads `key` of `table` with `read`; a missing key is an error.
    fn required<T>(
        &mut self,
        table: &Table,
        key: &str,
        read: impl FnOnce(&mut Self, &Value) -> Option<T>,
    ) -> Option<T> {
        match table.get(key) {
            Some(value) => read(self, value),
            // A misspelt key was reported as unknown, with this one as
            // its did-you-mean; saying it is missing too would be noise.
            None if table.entries.keys().any(|k| {
                let k = k.get_ref().as_ref();
                k != key && did_you_mean(k, [key]).is_some()
            }) =>
            {
                None
            }
            None => {
                self.problems.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        format!("{} has no `{key}`, which is required", table.what),
                    )
                    .at(self.file, table.span.clone())
                    .help(format!("add `{key} = ...` to this table")),
                );
                None
            }
        }
    }

    /// Reads `key` of `table` with `read` when it is there.
    fn optional<T>(
        &mut self,
        table: &Table,
        key: &str,
        read: impl FnOnce(&mut Self, &Value) -> Option<T>,
    ) -> Option<T> {
        table.get(key).and_then(|value| read(self, value))
    }

    fn string(&mut self, value: &Value, what: &str) -> Option<Spanned<String>> {
        if let DeValue::String(s) = value.get_ref() {
            Some(Spanned::new(value.span(), s.to_string()))
        } else {
            self.wrong_type(value, what, "a string");
            None
        }
    }

    fn boolean(&mut self, value: &Value, what: &str) -> Option<Spanned<bool>> {
        if let DeValue::Boolean(b) = value.get_ref() {
            Some(Spanned::new(value.span(), *b))
        } else {
            self.wrong_type(value, what, "true or false");
            None
        }
    }

    /// An array, each item read with `item`; items that fail are left out.
    fn array<T>(
        &mut self,
        value: &Value,
        what: &str,
        mut item: impl FnMut(&mut Self, &Value) -> Option<T>,
    ) -> Option<Spanned<Vec<T>>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, what, "an array");
            return None;
        };
        let read = items.iter().filter_map(|v| item(self, v)).collect();
        Some(Spanned::new(value.span(), read))
    }

    /// `max_report_size`: bytes as an integer, or a string with a unit
    /// (`"32 MiB"`).
    fn size(&mut self, value: &Value) -> Option<Spanned<u64>> {
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i
                .as_str()
                .replace('_', "")
                .parse::<u64>()
                .ok()
                .filter(|_| i.radix() == 10),
            DeValue::String(s) => parse_size(s),
            _ => {
                self.wrong_type(value, "max_report_size", "a size such as \"16 MiB\"");
                return None;
            }
        };
        if let Some(n) = parsed.filter(|&n| n > 0) {
            Some(Spanned::new(value.span(), n))
        } else {
            self.problems.push(
                Diagnostic::error(Code::BadSize, "`max_report_size` is not a size")
                    .at(self.file, value.span())
                    .note("a size is a number of bytes, or a string with a unit: \"512 KiB\", \"32 MiB\", \"1 GiB\"")
                    .help("e.g. `max_report_size = \"32 MiB\"`"),
            );
            None
        }
    }

    fn wrong_type(&mut self, value: &Value, what: &str, expected: &str) {
        let found = value.get_ref().type_str();
        let article = if found.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let what = if what.starts_with(['[', '`']) || what.contains(' ') {
            what.to_owned()
        } else {
            format!("`{what}`")
        };
        self.problems.push(
            Diagnostic::error(
                Code::WrongType,
                format!("{what} must be {expected}, not {article} {found}"),
            )
            .at(self.file, value.span()),
        );
    }
}

/// `"16 MiB"`, `"512KiB"`, `"2 GB"`, `"1000"`: a size in bytes. Binary
/// units are powers of 1024, decimal ones of 1000.
pub(crate) fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.replace('_', "").parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "kib" | "k" => 1024,
        "mb" => 1000 * 1000,
        "mib" | "m" => 1024 * 1024,
        "gb" => 1000 * 1000 * 1000,
        "gib" | "g" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor)
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
    fn sizes() {
        assert_eq!(parse_size("16 MiB"), Some(16 << 20));
        assert_eq!(parse_size("512KiB"), Some(512 << 10));
        assert_eq!(parse_size("2 GB"), Some(2_000_000_000));
        assert_eq!(parse_size("1_000"), Some(1000));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("99999999999999 GiB"), None);
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
