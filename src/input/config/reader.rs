//! Reading toml's spanned document tree into the raw config.
//!
//! Reading by hand rather than through serde's derive is what lets `check`
//! list every problem of the file's shape at once: serde stops at the first
//! unknown key or wrong type, and a radar with a typo in two tables would
//! need two runs to fix. Each table's keys are checked against the ones it
//! allows; a missing required key or a value of the wrong type leaves that
//! item out, with an error.

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    RawConfig, RawEvidence, RawLevel, RawLink, RawPlacement, RawRadar, RawSuggest, RawTechnology,
};
use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};

/// The keys each table allows, in the order the README documents them.
const ROOT_KEYS: &[&str] = &["radar", "technologies", "suggest"];
const SUGGEST_KEYS: &[&str] = &["known", "ignore"];
const RADAR_KEYS: &[&str] = &[
    "title",
    "editions",
    "reports",
    "max_report_size",
    "theme",
    "rings",
    "quadrants",
];
const LEVEL_KEYS: &[&str] = &["id", "name", "color", "description"];
const TECHNOLOGY_KEYS: &[&str] = &[
    "name",
    "quadrant",
    "aliases",
    "case_sensitive",
    "count_name",
    "tags",
    "description",
    "link",
    "links",
    "placements",
];
const LINK_KEYS: &[&str] = &["url", "title"];
const PLACEMENT_KEYS: &[&str] = &["edition", "ring", "why", "featured", "evidence"];
const EVIDENCE_KEYS: &[&str] = &["report", "quote"];

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

/// Reads a parsed document into the raw config, with every problem of its
/// shape found.
pub(super) fn read(
    file: &Arc<SourceFile>,
    root: &DeTable<'_>,
    span: Range<usize>,
) -> (RawConfig, Vec<Diagnostic>) {
    let mut reader = Reader {
        file,
        problems: Vec::new(),
    };
    let config = reader.root(root, span);
    (config, reader.problems)
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
        let suggest = root
            .get("suggest")
            .and_then(|value| self.table(value, "[suggest]", SUGGEST_KEYS))
            .map(|t| self.suggest(&t));
        RawConfig {
            radar,
            technologies,
            suggest,
        }
    }

    fn suggest(&mut self, t: &Table) -> RawSuggest {
        let names = |r: &mut Self, key: &str| {
            r.optional(t, key, |r, v| {
                r.array(v, key, |r, item| r.string(item, "a name"))
            })
            .map(Spanned::into_inner)
            .unwrap_or_default()
        };
        RawSuggest {
            known: names(self, "known"),
            ignore: names(self, "ignore"),
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
            theme: self.optional(t, "theme", |r, v| r.string(v, "theme")),
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
        let color = self.optional(&t, "color", |r, v| r.string(v, "color"));
        let description = self.optional(&t, "description", |r, v| r.string(v, "description"));
        Some(Spanned::new(
            value.span(),
            RawLevel {
                id: id?,
                name: name?,
                color,
                description,
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
        let count_name = self.optional(t, "count_name", |r, v| r.boolean(v, "count_name"));
        let tags = self.optional(t, "tags", |r, v| {
            r.array(v, "tags", |r, item| r.string(item, "a tag"))
        });
        let description = self.optional(t, "description", |r, v| r.string(v, "description"));
        let link = self.optional(t, "link", |r, v| r.string(v, "link"));
        let links = self.optional(t, "links", |r, v| r.array(v, "links", Reader::link));
        let placements = self.optional(t, "placements", |r, v| {
            r.array(v, "placements", Reader::placement)
        });
        Some(RawTechnology {
            name: name?,
            quadrant: quadrant?,
            aliases: aliases.map(Spanned::into_inner).unwrap_or_default(),
            case_sensitive: case_sensitive.is_some_and(Spanned::into_inner),
            count_name: count_name.is_none_or(Spanned::into_inner),
            description,
            link,
            links: links.map(Spanned::into_inner).unwrap_or_default(),
            tags: tags.map(Spanned::into_inner).unwrap_or_default(),
            placements: placements.map(Spanned::into_inner).unwrap_or_default(),
        })
    }

    fn placement(&mut self, value: &Value) -> Option<Spanned<RawPlacement>> {
        let t = self.table(value, "a placement", PLACEMENT_KEYS)?;
        let edition = self.required(&t, "edition", |r, v| r.string(v, "edition"));
        let ring = self.required(&t, "ring", |r, v| r.string(v, "ring"));
        let why = self.optional(&t, "why", |r, v| r.string(v, "why"));
        let featured = self.optional(&t, "featured", |r, v| r.boolean(v, "featured"));
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
                featured: featured.is_none_or(Spanned::into_inner),
            },
        ))
    }

    fn link(&mut self, value: &Value) -> Option<Spanned<RawLink>> {
        let t = self.table(value, "a link", LINK_KEYS)?;
        let url = self.required(&t, "url", |r, v| r.string(v, "url"));
        let title = self.optional(&t, "title", |r, v| r.string(v, "title"));
        Some(Spanned::new(value.span(), RawLink { url: url?, title }))
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

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16 MiB"), Some(16 << 20));
        assert_eq!(parse_size("512KiB"), Some(512 << 10));
        assert_eq!(parse_size("2 GB"), Some(2_000_000_000));
        assert_eq!(parse_size("1_000"), Some(1000));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("99999999999999 GiB"), None);
    }
}
