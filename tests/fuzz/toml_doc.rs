//! A small TOML document model and a writer that spells the same document
//! in many ways: headers or inline tables, `[[...]]` or inline arrays,
//! bare or quoted keys, basic, literal or multi-line strings, comments.
//! The generator builds radar files in this model, injects faults into it
//! (an unknown key, a wrong type, a missing key) where they have a meaning,
//! and writes it out; confradar must read every spelling the same way.

use fastrand::Rng;

/// A value: a string, raw TOML text (numbers, booleans, wrong types), an
/// inline array, or a table.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    Str(String),
    Raw(String),
    Array(Vec<Item>),
    Table(Table),
    /// An array of tables: `[[path]]` sections, or an inline array of
    /// inline tables.
    Tables(Vec<Table>),
}

/// A table's entries, in the order they are written.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub entries: Vec<(String, Item)>,
}

impl Table {
    pub(crate) fn set(&mut self, key: &str, item: Item) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = item,
            None => self.entries.push((key.to_owned(), item)),
        }
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<Item> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub(crate) fn table_mut(&mut self, key: &str) -> Option<&mut Table> {
        match self.get_mut(key)? {
            Item::Table(t) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn tables_mut(&mut self, key: &str) -> Option<&mut Vec<Table>> {
        match self.get_mut(key)? {
            Item::Tables(t) => Some(t),
            _ => None,
        }
    }
}

/// Writes `doc` as TOML, choosing a spelling at every step from `rng`.
pub(crate) fn write(rng: &mut Rng, doc: &Table) -> String {
    let mut out = String::new();
    if rng.u8(..) < 40 {
        out.push_str("# radar file written by the fuzz suite: \"quotes\", [brackets], 日本語\n");
    }
    section(rng, &mut out, &[], doc, true, true);
    out
}

/// Writes `table` at `path`. `header`: write its `[path]` header; `opened`:
/// the last header written is this table's (its own, or its `[[path]]`).
fn section(
    rng: &mut Rng,
    out: &mut String,
    path: &[String],
    table: &Table,
    header: bool,
    opened: bool,
) {
    if header && !path.is_empty() {
        out.push_str(&format!("\n[{}]\n", dotted(path)));
    }
    let mut later: Vec<(&String, &Item)> = Vec::new();
    for (key, item) in &table.entries {
        // Without a header of its own, a table's entries would land in
        // the table written before it, so its subtables get headers too.
        let written = header || opened || path.is_empty();
        let inline = match item {
            // No `[[...]]` section can spell an empty array.
            Item::Tables(ts) if ts.is_empty() => true,
            Item::Table(_) | Item::Tables(_) => written && !path.is_empty() && rng.u8(..) < 50,
            _ => true,
        };
        if inline {
            out.push_str(&format!("{} = {}\n", key_text(key), value(rng, item)));
            if rng.u8(..) < 10 {
                out.push_str("# a comment = \"not a value\" [[not.a.table]]\n");
            }
        } else {
            later.push((key, item));
        }
    }
    for (key, item) in later {
        let mut sub = path.to_vec();
        sub.push(key.clone());
        match item {
            Item::Table(t) => {
                // A table that holds only tables needs no header of its own.
                let only_tables = t.entries.iter().all(|(_, i)| match i {
                    Item::Tables(ts) => !ts.is_empty(),
                    i => matches!(i, Item::Table(_)),
                });
                let header = !only_tables || t.entries.is_empty() || rng.bool();
                section(rng, out, &sub, t, header, false);
            }
            Item::Tables(ts) => {
                for t in ts {
                    out.push_str(&format!("\n[[{}]]\n", dotted(&sub)));
                    section(rng, out, &sub, t, false, true);
                }
            }
            _ => unreachable!("only tables are written later"),
        }
    }
}

fn dotted(path: &[String]) -> String {
    path.iter()
        .map(|k| key_text(k))
        .collect::<Vec<_>>()
        .join(".")
}

fn key_text(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        key.to_owned()
    } else {
        basic(key)
    }
}

fn value(rng: &mut Rng, item: &Item) -> String {
    match item {
        Item::Str(s) => string(rng, s),
        Item::Raw(r) => r.clone(),
        Item::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| value(rng, i)).collect();
            array(rng, &parts)
        }
        Item::Table(t) => inline_table(rng, t),
        Item::Tables(ts) => {
            let parts: Vec<String> = ts.iter().map(|t| inline_table(rng, t)).collect();
            array(rng, &parts)
        }
    }
}

fn array(rng: &mut Rng, parts: &[String]) -> String {
    match rng.u8(..4) {
        0 if !parts.is_empty() => format!("[\n  {},\n]", parts.join(",\n  ")),
        1 => format!("[{}]", parts.join(",")),
        _ => format!("[{}]", parts.join(", ")),
    }
}

fn inline_table(rng: &mut Rng, t: &Table) -> String {
    let parts: Vec<String> = t
        .entries
        .iter()
        .map(|(k, v)| format!("{} = {}", key_text(k), value(rng, v)))
        .collect();
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A string in one of TOML's spellings that can hold it.
pub(crate) fn string(rng: &mut Rng, s: &str) -> String {
    let literal_ok = !s.contains(['\'', '\n', '\r']) && !s.chars().any(char::is_control);
    let multi_literal_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    match rng.u8(..10) {
        0..=1 if literal_ok => format!("'{s}'"),
        2 if multi_literal_ok && !s.contains('\r') => format!("'''\n{s}'''"),
        3 => multi_basic(s),
        _ => basic(s),
    }
}

/// A basic string: `"..."` with quotes, backslashes and control characters
/// escaped.
pub(crate) fn basic(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn multi_basic(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}
