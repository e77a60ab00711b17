//! Zalando tech-radar `config.json` files, each a version of the radar:
//! `date` (`2026.05`) and `entries` with a quadrant and ring index (0-3),
//! `label`, `active`, `link` and `moved`.
//!
//! Each file is an edition, the quarter of its date (or `--edition` for a
//! single file); of several versions in one quarter the latest is kept. A
//! technology is its label in its quadrant, followed across the versions:
//! a version without it retires it. The files number quadrants and rings;
//! their names come from `--quadrants`/`--rings`, else from the page that
//! draws the radar (`index.html` or `docs__index.html` beside a file, read
//! by [`page`]), else generic names. `moved` is not read: confradar derives
//! moves from the placements.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::input::quarter::Quarter;
use crate::input::radar::RETIRED;
use crate::interop::import::names::{self, Ids};
use crate::interop::import::timeline::{self, Sighting};
use crate::interop::import::{Imported, Options, markup, source};
use crate::interop::model::{Interchange, Level, Tech};

mod page;

/// How many quadrants and rings a Zalando radar has.
const LEVELS: usize = 4;

/// One entry of one version.
struct Entry {
    label: String,
    quadrant: usize,
    ring: usize,
    active: bool,
    link: Option<String>,
}

/// One file.
struct Version {
    path: PathBuf,
    /// As written, for the summary.
    date: String,
    edition: Quarter,
    entries: Vec<Entry>,
}

/// Reads the versions in `paths` into one radar.
pub(crate) fn import(paths: &[PathBuf], options: &Options) -> Result<Imported, Error> {
    if options.edition.is_some() && paths.len() > 1 {
        return Err(Error::Usage(
            "--edition names the edition of a single file; several `zalando` files are dated by their `date`".into(),
        ));
    }
    for (flag, given) in [
        ("--quadrants", &options.quadrants),
        ("--rings", &options.rings),
    ] {
        if !given.is_empty() && given.len() != LEVELS {
            return Err(Error::Usage(format!(
                "{flag} takes {LEVELS} names separated by commas, innermost ring or first quadrant first; {} given",
                given.len()
            )));
        }
    }
    let mut notes = Vec::new();
    let mut versions = Vec::new();
    for path in paths {
        versions.push(version(path, options.edition)?);
    }
    // By edition, then date as written, then command-line order: the last
    // of a quarter is its latest version.
    versions.sort_by(|a, b| (a.edition, &a.date).cmp(&(b.edition, &b.date)));
    let mut kept: Vec<Version> = Vec::new();
    for version in versions {
        if let Some(last) = kept.last_mut().filter(|l| l.edition == version.edition) {
            notes.push(format!(
                "{} ({}) and {} ({}) are both {}: the later, {}, is that edition",
                source::file_name(&last.path),
                last.date,
                source::file_name(&version.path),
                version.date,
                version.edition,
                source::file_name(&version.path),
            ));
            *last = version;
        } else {
            kept.push(version);
        }
    }
    let page = page::beside(paths)?;
    let (quadrants, rings, title) = levels(options, page.as_ref(), &mut notes);
    let technologies = technologies(&kept, &quadrants, &rings, &mut notes);
    notes.push("`moved` is not imported: confradar derives moves from the placements".into());
    Ok(Imported {
        radar: Interchange {
            title,
            editions: kept.iter().map(|v| v.edition).collect(),
            rings,
            quadrants,
            technologies,
        },
        notes,
    })
}

/// The quadrants, rings and title: from the options, the page, or generic.
fn levels(
    options: &Options,
    page: Option<&page::Page>,
    notes: &mut Vec<String>,
) -> (Vec<Level>, Vec<Level>, String) {
    let from_names = |given: &[String], fallback: &str| -> Vec<Level> {
        let mut ids = Ids::default();
        given
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = names::clean(name);
                Level {
                    id: ids.unique(&names::slug(&name), &format!("{fallback}-{}", i + 1)),
                    name,
                    color: None,
                    description: None,
                }
            })
            .collect()
    };
    let quadrants = if !options.quadrants.is_empty() {
        from_names(&options.quadrants, "quadrant")
    } else if let Some(page) = page.filter(|p| p.quadrants.len() == LEVELS) {
        page::Page::levels(&page.quadrants, "quadrant")
    } else {
        notes.push("no quadrant names given or found beside the files: they are Quadrant 1 to 4 (Zalando's order); pass --quadrants A,B,C,D".into());
        from_names(
            &(1..=LEVELS)
                .map(|i| format!("Quadrant {i}"))
                .collect::<Vec<_>>(),
            "quadrant",
        )
    };
    let rings = if !options.rings.is_empty() {
        from_names(&options.rings, "ring")
    } else if let Some(page) = page.filter(|p| p.rings.len() == LEVELS) {
        page::Page::levels(&page.rings, "ring")
    } else {
        notes.push("no ring names given or found beside the files: they are Adopt, Trial, Assess and Hold; pass --rings A,B,C,D".into());
        from_names(
            &["Adopt", "Trial", "Assess", "Hold"].map(String::from),
            "ring",
        )
    };
    let title = page
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| {
            notes.push("no title found beside the files: the radar is titled \"Tech Radar\"; change `title` in [radar]".into());
            "Tech Radar".into()
        });
    (quadrants, rings, title)
}

/// Every technology, in the order first seen, with its history.
fn technologies(
    versions: &[Version],
    quadrants: &[Level],
    rings: &[Level],
    notes: &mut Vec<String>,
) -> Vec<Tech> {
    // A technology is its label (ignoring case) in its quadrant.
    let mut keys: Vec<(String, usize)> = Vec::new();
    let mut seen: Vec<Vec<Option<&Entry>>> = Vec::new();
    for (v, version) in versions.iter().enumerate() {
        for entry in &version.entries {
            let key = (entry.label.to_lowercase(), entry.quadrant);
            let t = keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                seen.push(vec![None; versions.len()]);
                keys.len() - 1
            });
            if seen[t][v].is_some() {
                notes.push(format!(
                    "{} lists \"{}\" twice in one quadrant: the first is kept",
                    source::file_name(&version.path),
                    entry.label
                ));
                continue;
            }
            seen[t][v] = Some(entry);
        }
    }
    let mut ids = Ids::default();
    let mut dropped_links = 0;
    let techs = seen
        .iter()
        .enumerate()
        .map(|(t, history)| {
            let latest = history.iter().rev().flatten().next().copied();
            let first = history.iter().flatten().next().copied();
            let (Some(latest), Some(first)) = (latest, first) else {
                unreachable!("a technology is seen in some version")
            };
            let sightings = versions
                .iter()
                .zip(history)
                .map(|(version, entry)| Sighting {
                    edition: version.edition,
                    ring: entry.map_or_else(|| RETIRED.to_owned(), |e| rings[e.ring].id.clone()),
                    why: None,
                    featured: entry.is_none_or(|e| e.active),
                })
                .collect();
            let link = latest.link.as_deref().and_then(markup::web_link);
            if latest.link.is_some() && link.is_none() {
                dropped_links += 1;
            }
            Tech {
                id: ids.unique(&names::slug(&first.label), &format!("tech-{}", t + 1)),
                name: latest.label.clone(),
                quadrant: quadrants[first.quadrant].id.clone(),
                tags: Vec::new(),
                description: None,
                link,
                links: Vec::new(),
                count_name: true,
                placements: timeline::placements(sightings),
            }
        })
        .collect();
    if dropped_links > 0 {
        notes.push(format!(
            "{} not an http(s) URL with a host: left out",
            crate::wording::count(dropped_links, "link is", "links are")
        ));
    }
    techs
}

/// One `config.json`.
fn version(path: &Path, edition: Option<Quarter>) -> Result<Version, Error> {
    let file = source::read(path)?;
    let json = source::json(&file)?;
    let date = json.get("date").and_then(|d| d.as_str()).unwrap_or("");
    let edition = match edition {
        Some(edition) => edition,
        None => parse_date(date).ok_or_else(|| {
            source::error_at(
                &file,
                source::find(&file, "\"date\""),
                format!(
                    "`date` is `{}`, not a month like `2026.05`",
                    names::clean(date)
                ),
                "write the month as YYYY.MM, or pass --edition QUARTER for a single file",
            )
        })?,
    };
    let Some(entries) = json.get("entries").and_then(|e| e.as_array()) else {
        return Err(source::error_in(
            &file,
            "no `entries` array: not a Zalando config.json",
            "a Zalando config.json is `{\"date\": \"2026.05\", \"entries\": [...]}`",
        ));
    };
    let entries = entries
        .iter()
        .enumerate()
        .map(|(i, e)| entry(&file, i, e))
        .collect::<Result<_, _>>()?;
    Ok(Version {
        path: path.to_path_buf(),
        date: names::clean(date),
        edition,
        entries,
    })
}

/// One entry, checked.
fn entry(file: &Arc<SourceFile>, i: usize, e: &serde_json::Value) -> Result<Entry, Error> {
    let raw_label = e.get("label").and_then(|l| l.as_str()).unwrap_or("");
    let label = names::clean(raw_label);
    let at = source::find(file, raw_label);
    let index = |key: &str| {
        e.get(key)
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n < LEVELS)
    };
    let (Some(quadrant), Some(ring)) = (index("quadrant"), index("ring")) else {
        return Err(source::error_at(
            file,
            at,
            format!(
                "entry {} (\"{label}\") needs a `quadrant` and a `ring` from 0 to 3",
                i + 1
            ),
            "Zalando numbers quadrants and rings 0 to 3",
        ));
    };
    if label.is_empty() {
        return Err(source::error_at(
            file,
            at,
            format!("entry {} has no `label`", i + 1),
            "every entry needs a label",
        ));
    }
    Ok(Entry {
        label,
        quadrant,
        ring,
        active: e
            .get("active")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(true),
        link: e.get("link").and_then(|l| l.as_str()).map(str::to_owned),
    })
}

/// `2026.05` (or `2026-05`, or with a day) as its quarter.
fn parse_date(date: &str) -> Option<Quarter> {
    let date = date.trim().replace('.', "-");
    let month = date.get(..7)?;
    crate::input::quarter::ReportDate::parse(month).map(crate::input::quarter::ReportDate::quarter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_months() {
        assert_eq!(parse_date("2026.05"), Quarter::parse("2026-Q2"));
        assert_eq!(parse_date("2023.11.30"), Quarter::parse("2023-Q4"));
        assert_eq!(parse_date("2026.13"), None);
        assert_eq!(parse_date("soon"), None);
    }
}
