//! Build Your Own Radar (Thoughtworks) sheets: a CSV with the columns
//! `name,ring,quadrant,isNew,description` (newer sheets also `status`), or
//! a JSON array of objects with those keys, describing one edition.
//!
//! Rings and quadrants are named, not numbered: their ids are slugs of the
//! names, BYOR's own (Adopt, Trial, Assess, Hold; Techniques, Tools,
//! Platforms, Languages & Frameworks) first in BYOR's order, any others
//! after them as they first appear. Descriptions are HTML and become
//! Markdown through [`markup::from_html`]; `isNew` and `status` are not
//! read, since confradar derives what changed from the placements.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::input::radar::{default_quadrants, default_rings};
use crate::interop::import::names::{self, Ids};
use crate::interop::import::{Imported, Options, csv, markup, source};
use crate::interop::model::{Interchange, Level, Placement, Tech};

/// One blip as the sheet gives it.
struct Row {
    name: String,
    ring: String,
    quadrant: String,
    description: Option<String>,
}

/// Reads a BYOR CSV or JSON file as the one edition `--edition` names.
pub(crate) fn import(path: &Path, options: &Options) -> Result<Imported, Error> {
    let Some(edition) = options.edition else {
        return Err(Error::Usage(
            "a BYOR sheet is one edition and does not say which: pass --edition QUARTER (e.g. --edition 2024-Q3)".into(),
        ));
    };
    let file = source::read(path)?;
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || file.text.trim_start().starts_with('[');
    let rows = if json {
        json_rows(&file)?
    } else {
        csv_rows(&file)?
    };
    if rows.is_empty() {
        return Err(source::error_in(
            &file,
            "the sheet has no blips",
            "a BYOR sheet has a header line and one line per blip",
        ));
    }
    let mut notes = Vec::new();
    let ring_names: Vec<&str> = rows.iter().map(|r| r.ring.as_str()).collect();
    let quadrant_names: Vec<&str> = rows.iter().map(|r| r.quadrant.as_str()).collect();
    let rings = levels(&ring_names, &default_rings());
    let quadrants = levels(&quadrant_names, &default_quadrants());
    let mut ids = Ids::default();
    let mut technologies = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let id = ids.unique(&names::slug(&row.name), &format!("tech-{}", i + 1));
        technologies.push(Tech {
            name: row.name,
            quadrant: level_id(&quadrants, &row.quadrant),
            tags: Vec::new(),
            description: row.description,
            link: None,
            links: Vec::new(),
            count_name: true,
            placements: vec![Placement {
                edition,
                ring: level_id(&rings, &row.ring),
                why: None,
                featured: true,
            }],
            id,
        });
    }
    notes.push(
        "`isNew` and `status` are not imported: confradar derives what is new or moved from the placements".into(),
    );
    notes.push(
        "descriptions were HTML; they are now Markdown (tags dropped, http(s) links kept)".into(),
    );
    let title = names::clean(
        &path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let title = if title.is_empty() {
        "Technology Radar".to_owned()
    } else {
        title
    };
    notes.push(format!(
        "BYOR sheets have no title: the radar is titled \"{title}\" after the file; change `title` in [radar]"
    ));
    Ok(Imported {
        radar: Interchange {
            title,
            editions: vec![edition],
            rings,
            quadrants,
            technologies,
        },
        notes,
    })
}

/// The levels the sheet names, BYOR's own first in its order, then the
/// others as they first appear; names compare ignoring case and spacing.
fn levels(written: &[&str], canonical: &[crate::input::radar::Level]) -> Vec<Level> {
    let key = |name: &str| names::slug(name);
    let mut seen: Vec<&str> = Vec::new();
    for name in written {
        if !seen.iter().any(|s| key(s) == key(name)) {
            seen.push(name);
        }
    }
    let mut ordered: Vec<&str> = canonical
        .iter()
        .filter_map(|c| seen.iter().copied().find(|s| key(s) == c.id))
        .collect();
    ordered.extend(
        seen.iter()
            .filter(|s| !canonical.iter().any(|c| c.id == key(s))),
    );
    let mut ids = Ids::default();
    ordered
        .into_iter()
        .enumerate()
        .map(|(i, name)| Level {
            id: ids.unique(&key(name), &format!("level-{}", i + 1)),
            name: name.to_owned(),
            color: None,
            description: None,
        })
        .collect()
}

/// The id of the level named `name` among `levels`.
fn level_id(levels: &[Level], name: &str) -> String {
    let key = names::slug(name);
    levels
        .iter()
        .find(|l| l.name == name || names::slug(&l.name) == key)
        .map_or_else(|| key.clone(), |l| l.id.clone())
}

/// The columns a sheet must have.
const REQUIRED: [&str; 3] = ["name", "ring", "quadrant"];

/// The help for a blip that lacks a required value.
const ROW_HELP: &str = "every blip needs a name, a ring and a quadrant";

/// A blip from its columns' values; `None` for a value that is missing
/// makes the whole blip an error.
fn row(
    file: &Arc<SourceFile>,
    at: std::ops::Range<usize>,
    value: impl Fn(&str) -> Option<String>,
) -> Result<Row, Error> {
    let mut required = Vec::new();
    for column in REQUIRED {
        let text = value(column).map(|v| names::clean(&markup::plain_from_html(&v)));
        match text.filter(|t| !t.is_empty()) {
            Some(t) => required.push(t),
            None => {
                return Err(source::error_at(
                    file,
                    at,
                    format!("this blip has no `{column}`"),
                    ROW_HELP,
                ));
            }
        }
    }
    let [name, ring, quadrant]: [String; 3] = required
        .try_into()
        .map_err(|_| source::error_at(file, at.clone(), "this blip is incomplete", ROW_HELP))?;
    Ok(Row {
        name,
        ring,
        quadrant,
        description: value("description").and_then(|d| markup::from_html(&d)),
    })
}

/// The blips of a CSV sheet: a header line (names in any case), then one
/// line per blip with as many fields.
fn csv_rows(file: &Arc<SourceFile>) -> Result<Vec<Row>, Error> {
    let records = csv::records(&file.text).map_err(|e| {
        source::error_at(
            file,
            e.at..e.at + 1,
            format!("not valid CSV: {}", e.message),
            "quote a field that holds commas, quotes or line breaks, writing a quote inside it as \"\"",
        )
    })?;
    let Some((header, blips)) = records.split_first() else {
        return Ok(Vec::new());
    };
    let columns: Vec<String> = header
        .fields
        .iter()
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    for column in REQUIRED {
        if !columns.iter().any(|c| c == column) {
            let line_end = file.text[header.start..]
                .find('\n')
                .map_or(file.text.len(), |i| header.start + i);
            return Err(source::error_at(
                file,
                header.start..line_end,
                format!("the header has no `{column}` column"),
                "a BYOR sheet starts with the line `name,ring,quadrant,isNew,description`",
            ));
        }
    }
    blips
        .iter()
        .map(|record| {
            let line_end = file.text[record.start..]
                .find('\n')
                .map_or(file.text.len(), |i| record.start + i);
            let at = record.start..line_end;
            if record.fields.len() != columns.len() {
                return Err(source::error_at(
                    file,
                    at,
                    format!(
                        "this line has {}; the header has {}",
                        crate::wording::count(record.fields.len(), "field", "fields"),
                        columns.len()
                    ),
                    "quote a field that holds commas, and give every line the header's columns",
                ));
            }
            row(file, at, |column| {
                columns
                    .iter()
                    .position(|c| c == column)
                    .map(|i| record.fields[i].clone())
            })
        })
        .collect()
}

/// The blips of a JSON sheet: an array of objects with the columns as keys
/// (in any case), each value a string (or, for `isNew`, a boolean).
fn json_rows(file: &Arc<SourceFile>) -> Result<Vec<Row>, Error> {
    let value = source::json(file)?;
    let Some(blips) = value.as_array() else {
        return Err(source::error_in(
            file,
            "a BYOR JSON sheet is an array of blips",
            "write `[{\"name\": ..., \"ring\": ..., \"quadrant\": ..., \"isNew\": ..., \"description\": ...}, ...]`",
        ));
    };
    blips
        .iter()
        .enumerate()
        .map(|(i, blip)| {
            let Some(object) = blip.as_object() else {
                return Err(source::error_in(
                    file,
                    format!("blip {} is not an object", i + 1),
                    ROW_HELP,
                ));
            };
            let text = |column: &str| {
                object
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(column))
                    .and_then(|(_, v)| v.as_str().map(str::to_owned))
            };
            let at = source::find(file, &text("name").unwrap_or_default());
            row(file, at, text)
        })
        .collect()
}
