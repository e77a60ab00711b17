//! `place`: a technology's placement in an edition, added among its
//! placements in edition order (or put in place of the one that edition
//! already has), and with `--new` the technology too, written as the
//! shipped radar.toml writes them: one `[[technologies.ID.placements]]`
//! table with `edition`, `ring`, `why` and one-line inline `evidence`.

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value, value};

use super::{Editable, follow, precede};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::error::Error;
use crate::input::quarter::Quarter;

/// One placement to write.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    /// Technology id.
    pub id: String,
    /// Ring id, or `retired`.
    pub ring: String,
    /// The edition.
    pub edition: Quarter,
    /// Why, if given.
    pub why: Option<String>,
    /// Report ids with optional quotes.
    pub evidence: Vec<(String, Option<String>)>,
    /// With `--new`: the technology's name and quadrant.
    pub new: Option<(String, String)>,
}

/// The file's text with the placement written.
pub(crate) fn place(file: &Editable, request: &Request) -> Result<String, Error> {
    let mut doc = file.document();
    let technologies = doc
        .entry("technologies")
        .or_insert_with(|| {
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_like_mut()
        .ok_or_else(|| shape(file, &["technologies"], "`technologies` is not a table"))?;
    let exists = technologies.contains_key(&request.id);
    match (&request.new, exists) {
        (Some(_), true) => {
            let at = file.span(&["technologies", &request.id]).unwrap_or(0..0);
            return Err(Error::Input(vec![
                Diagnostic::error(
                    Code::DuplicateTechnology,
                    format!("`{}` is already on the radar", request.id),
                )
                .at(&file.source, at)
                .help("leave out --new to place it"),
            ]));
        }
        (None, false) => {
            let ids: Vec<&str> = technologies.iter().map(|(k, _)| k).collect();
            let hint = did_you_mean(&request.id, ids.iter().copied())
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            return Err(Error::Usage(format!(
                "no technology `{}` in the radar{hint} (add one with --new --name NAME --quadrant Q)",
                crate::text::escape_unsafe(&request.id)
            )));
        }
        (Some((name, quadrant)), false) => {
            let mut table = Table::new();
            table.insert("name", value(name.as_str()));
            table.insert("quadrant", value(quadrant.as_str()));
            table.insert("placements", Item::ArrayOfTables(ArrayOfTables::new()));
            technologies.insert(&request.id, Item::Table(table));
        }
        (None, true) => {}
    }
    let path = ["technologies", request.id.as_str(), "placements"];
    let technology = technologies
        .get_mut(&request.id)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| {
            shape(
                file,
                &path[..2],
                "the technology is written inline; `place` edits `[technologies.ID]` tables",
            )
        })?;
    let table = placement_table(request);
    match technology.get_mut("placements") {
        None => {
            let mut placements = ArrayOfTables::new();
            placements.push(table);
            technology.insert("placements", Item::ArrayOfTables(placements));
        }
        Some(Item::ArrayOfTables(placements)) => into_tables(placements, table, request.edition),
        Some(Item::Value(Value::Array(placements))) => {
            into_inline(placements, table.into_inline_table(), request.edition);
        }
        Some(_) => {
            return Err(shape(
                file,
                &path,
                "`placements` is not a list of placements",
            ));
        }
    }
    Ok(doc.to_string())
}

/// Where a placement for `edition` goes among placements for `editions`.
enum Slot {
    /// In place of the one at this index, which is for the same edition.
    Replace(usize),
    /// Before the one at this index (the length: after the last).
    Insert(usize),
}

/// The slot for `edition`: the placement for it, or the place that keeps
/// editions ascending.
fn slot(editions: &[Option<Quarter>], edition: Quarter) -> Slot {
    match editions.iter().position(|e| *e == Some(edition)) {
        Some(same) => Slot::Replace(same),
        None => Slot::Insert(
            editions
                .iter()
                .position(|e| e.is_some_and(|e| e > edition))
                .unwrap_or(editions.len()),
        ),
    }
}

/// Writes `table` among `[[technologies.ID.placements]]` tables.
fn into_tables(placements: &mut ArrayOfTables, mut table: Table, edition: Quarter) {
    let editions: Vec<Option<Quarter>> = placements
        .iter()
        .map(|p| p.get("edition")?.as_str().and_then(Quarter::parse))
        .collect();
    match slot(&editions, edition) {
        Slot::Replace(same) => {
            // The replaced table's place in the file and the comments above it stay.
            let old = placements.get(same).expect("the slot is among them");
            table.set_position(old.position());
            *table.decor_mut() = old.decor().clone();
            placements.replace(same, table);
        }
        Slot::Insert(at) => placements.insert(at, table),
    }
}

/// Writes `entry` into `placements = [ { ... }, ... ]`, in the spacing of
/// the entries around it.
fn into_inline(placements: &mut Array, mut entry: InlineTable, edition: Quarter) {
    let editions: Vec<Option<Quarter>> = placements
        .iter()
        .map(|p| {
            p.as_inline_table()?
                .get("edition")?
                .as_str()
                .and_then(Quarter::parse)
        })
        .collect();
    match slot(&editions, edition) {
        Slot::Replace(same) => {
            let old = placements.get(same).expect("the slot is among them");
            *entry.decor_mut() = old.decor().clone();
            placements.replace(same, entry);
        }
        Slot::Insert(at) if at == placements.len() => {
            if let Some(last) = placements.get_mut(at.wrapping_sub(1)) {
                follow(last.decor_mut(), entry.decor_mut());
            }
            placements.push_formatted(Value::InlineTable(entry));
        }
        Slot::Insert(at) => {
            if let Some(next) = placements.get_mut(at) {
                precede(next.decor_mut(), entry.decor_mut());
            }
            placements.insert_formatted(at, Value::InlineTable(entry));
        }
    }
}

/// The placement as a table: its keys in the README's order.
fn placement_table(request: &Request) -> Table {
    let mut table = Table::new();
    table.insert("edition", value(request.edition.to_string()));
    table.insert("ring", value(request.ring.as_str()));
    if let Some(why) = &request.why {
        table.insert("why", value(why.as_str()));
    }
    if !request.evidence.is_empty() {
        let mut list = Array::new();
        for (report, quote) in &request.evidence {
            let mut entry = InlineTable::new();
            entry.insert("report", report.as_str().into());
            if let Some(quote) = quote {
                entry.insert("quote", quote.as_str().into());
            }
            list.push(entry);
        }
        table.insert("evidence", value(list));
    }
    table
}

/// An error about the shape of the file at `path`: written in a way `place`
/// does not edit.
fn shape(file: &Editable, path: &[&str], message: &str) -> Error {
    let at = file.span(path).unwrap_or(0..0);
    Error::Input(vec![
        Diagnostic::error(Code::WrongType, message)
            .at(&file.source, at)
            .help("edit this technology by hand, or rewrite it in the style of the README's radar.toml reference"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: &str, ring: &str, edition: &str) -> Request {
        Request {
            id: id.into(),
            ring: ring.into(),
            edition: Quarter::parse(edition).expect("a quarter"),
            why: None,
            evidence: Vec::new(),
            new: None,
        }
    }

    fn placed(text: &str, request: &Request) -> Result<String, Error> {
        place(&Editable::parse("radar.toml", text)?, request)
    }

    const RADAR: &str = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\", \"2024-Q2\", \"2024-Q3\"]\n\n\
        [technologies.a]   # first\nname = \"A\"\nquadrant = \"tools\"\n\n\
        # the first look\n[[technologies.a.placements]]\nedition = \"2024-Q1\"\nring = \"assess\"\n\n\
        [[technologies.a.placements]]\nedition = \"2024-Q3\"\nring = \"adopt\"\n\n\
        [technologies.b]\nname = \"B\"\nquadrant = \"tools\"\n";

    #[test]
    fn a_placement_goes_between_the_editions_around_it() -> Result<(), Error> {
        let mut asked = request("a", "trial", "2024-Q2");
        asked.why = Some("Tried \"it\"".into());
        asked.evidence = vec![("r1".into(), Some("言葉".into())), ("r2".into(), None)];
        let out = placed(RADAR, &asked)?;
        let expected = RADAR.replace(
            "ring = \"assess\"\n\n",
            "ring = \"assess\"\n\n[[technologies.a.placements]]\nedition = \"2024-Q2\"\nring = \"trial\"\n\
             why = 'Tried \"it\"'\nevidence = [{ report = \"r1\", quote = \"言葉\" }, { report = \"r2\" }]\n\n",
        );
        assert_eq!(out, expected);
        Ok(())
    }

    #[test]
    fn the_edition_own_placement_is_replaced_keeping_its_comment() -> Result<(), Error> {
        let out = placed(RADAR, &request("a", "hold", "2024-Q1"))?;
        assert_eq!(
            out,
            RADAR.replacen("ring = \"assess\"", "ring = \"hold\"", 1)
        );
        Ok(())
    }

    #[test]
    fn a_new_technology_goes_at_the_end() -> Result<(), Error> {
        let mut asked = request("c", "assess", "2024-Q3");
        asked.new = Some(("C".into(), "platforms".into()));
        let out = placed(RADAR, &asked)?;
        assert_eq!(
            out,
            format!(
                "{RADAR}\n[technologies.c]\nname = \"C\"\nquadrant = \"platforms\"\n\n\
                 [[technologies.c.placements]]\nedition = \"2024-Q3\"\nring = \"assess\"\n"
            )
        );
        Ok(())
    }

    #[test]
    fn inline_placements_get_an_inline_entry_in_their_style() -> Result<(), Error> {
        let text = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\", \"2024-Q2\", \"2024-Q3\"]\n\n\
            [technologies.a]\nname = \"A\"\nquadrant = \"tools\"\nplacements = [\n  \
            { edition = \"2024-Q1\", ring = \"adopt\" },  # first\n  \
            { edition = \"2024-Q3\", ring = \"hold\" },\n]\n";
        let mut asked = request("a", "trial", "2024-Q2");
        asked.why = Some("W".into());
        assert_eq!(
            placed(text, &asked)?,
            text.replace(
                "# first\n",
                "# first\n  { edition = \"2024-Q2\", ring = \"trial\", why = \"W\" },\n"
            )
        );
        let later = placed(text, &request("a", "assess", "2025-Q1"))?;
        assert!(
            later.ends_with(
                "ring = \"hold\" },\n  { edition = \"2025-Q1\", ring = \"assess\" },\n]\n"
            ),
            "{later}"
        );
        let replaced = placed(text, &request("a", "trial", "2024-Q1"))?;
        assert_eq!(
            replaced,
            text.replace("ring = \"adopt\" }", "ring = \"trial\" }")
        );
        Ok(())
    }

    #[test]
    fn unknown_and_duplicate_ids_are_refused() {
        let Err(Error::Usage(message)) = placed(RADAR, &request("aa", "adopt", "2024-Q3")) else {
            panic!("an unknown id was placed");
        };
        assert!(message.contains("no technology `aa`"), "{message}");
        let mut asked = request("b", "adopt", "2024-Q3");
        asked.new = Some(("B".into(), "tools".into()));
        let Err(Error::Input(problems)) = placed(RADAR, &asked) else {
            panic!("a duplicate was added");
        };
        assert_eq!(problems[0].code, Code::DuplicateTechnology);
        assert_eq!(problems[0].location().as_deref(), Some("radar.toml:18:1"));
    }
}
