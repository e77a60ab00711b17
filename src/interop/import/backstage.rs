//! A Backstage tech-radar `TechRadarLoaderResponse`: `quadrants` and
//! `rings` (`id`, `name`, a ring's `color` and `description`), and
//! `entries` (`id` or `key`, `title`, `quadrant`, `links`, the deprecated
//! `url`, `description`) each with a dated `timeline` of rings.
//!
//! Every quarter a timeline entry falls in is an edition; of two entries of
//! one technology in one quarter the later is kept. A timeline entry's
//! `description` becomes that placement's `why`; `moved` is not read
//! (confradar derives it). The first web link becomes `link`, the others
//! `links` with their titles.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::input::quarter::{Quarter, ReportDate};
use crate::input::radar::RETIRED;
use crate::interop::import::names::{self, Ids};
use crate::interop::import::timeline::{self, Sighting};
use crate::interop::import::{Imported, markup, source};
use crate::interop::model::{Interchange, Level, Link, Tech};

/// Reads a `TechRadarLoaderResponse` file.
pub(crate) fn import(path: &Path) -> Result<Imported, Error> {
    let file = source::read(path)?;
    let json = source::json(&file)?;
    let mut notes = Vec::new();
    let (quadrants, quadrant_ids) = levels(&file, &json, "quadrants", &mut notes)?;
    let (rings, ring_ids) = levels(&file, &json, "rings", &mut notes)?;
    let Some(entries) = json.get("entries").and_then(Value::as_array) else {
        return Err(source::error_in(
            &file,
            "no `entries` array: not a TechRadarLoaderResponse",
            "the file has `quadrants`, `rings` and `entries`",
        ));
    };
    let mut ids = Ids::default();
    let mut technologies = Vec::new();
    let mut editions = BTreeSet::new();
    let mut same_quarter = 0;
    let mut first_titles = 0;
    for (i, entry) in entries.iter().enumerate() {
        let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("");
        let foreign = if text("id").is_empty() {
            text("key")
        } else {
            text("id")
        };
        let at = source::find(&file, foreign);
        let id = names::map_id(foreign, &format!("tech-{}", i + 1), &mut ids, &mut notes);
        let name = names::clean(text("title"));
        let name = if name.is_empty() { id.clone() } else { name };
        let Some(quadrant) = quadrant_ids.get(text("quadrant")) else {
            return Err(unknown(&file, at, "quadrant", text("quadrant"), &name));
        };
        // Newest last; two in one quarter: the later stands for it.
        let mut timeline: Vec<(&str, Quarter, String, Option<String>)> = Vec::new();
        for step in entry
            .get("timeline")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let step_text = |key: &str| step.get(key).and_then(Value::as_str).unwrap_or("");
            let date = step_text("date");
            let Some(quarter) = date
                .get(..10)
                .and_then(ReportDate::parse)
                .map(ReportDate::quarter)
            else {
                return Err(source::error_at(
                    &file,
                    source::find(&file, date),
                    format!(
                        "the timeline of \"{name}\" has the date `{}`, not YYYY-MM-DD...",
                        names::clean(date)
                    ),
                    "timeline dates are ISO dates, e.g. 2020-08-06T00:00:00.000Z",
                ));
            };
            let Some(ring) = ring_ids.get(step_text("ringId")) else {
                return Err(unknown(
                    &file,
                    at.clone(),
                    "ring",
                    step_text("ringId"),
                    &name,
                ));
            };
            timeline.push((
                date,
                quarter,
                ring.clone(),
                markup::safe_markdown(step_text("description")),
            ));
        }
        if timeline.is_empty() {
            return Err(source::error_at(
                &file,
                at,
                format!("\"{name}\" has an empty `timeline`"),
                "every entry needs at least one timeline entry with a date and a ringId",
            ));
        }
        timeline.sort_by(|a, b| a.0.cmp(b.0));
        let mut sightings: Vec<Sighting> = Vec::new();
        for (_, edition, ring, why) in timeline {
            editions.insert(edition);
            if sightings.last().is_some_and(|s| s.edition == edition) {
                same_quarter += 1;
                sightings.pop();
            }
            sightings.push(Sighting {
                edition,
                ring,
                why,
                featured: true,
            });
        }
        let mut links: Vec<Link> = Vec::new();
        let url = Some(text("url"))
            .filter(|u| !u.is_empty())
            .map(|u| (u, None));
        let listed = entry
            .get("links")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|l| {
                let title = l.get("title").and_then(Value::as_str).map(names::clean);
                (l.get("url").and_then(Value::as_str).unwrap_or(""), title)
            });
        for (url, title) in url.into_iter().chain(listed) {
            match markup::web_link(url) {
                Some(url) if !links.iter().any(|l| l.url == url) => links.push(Link {
                    url,
                    title: title.filter(|t| !t.is_empty()),
                }),
                Some(_) => {}
                None => notes.push(format!(
                    "\"{name}\": the link `{}` is not an http(s) URL: left out",
                    names::clean(url)
                )),
            }
        }
        let link = (!links.is_empty()).then(|| links.remove(0));
        if link.as_ref().is_some_and(|l| l.title.is_some()) {
            first_titles += 1;
        }
        technologies.push(Tech {
            id,
            name,
            quadrant: quadrant.clone(),
            tags: Vec::new(),
            description: markup::safe_markdown(text("description")),
            link: link.map(|l| l.url),
            links,
            count_name: true,
            placements: timeline::placements(sightings),
        });
    }
    if same_quarter > 0 {
        notes.push(format!(
            "{} fell in a quarter that already had a later one for the same technology: the later is kept",
            crate::wording::count(same_quarter, "timeline entry", "timeline entries")
        ));
    }
    if first_titles > 0 {
        notes.push(format!(
            "the first link of each entry became its `link`, which has no title: {} dropped (the other links keep theirs in `links`)",
            crate::wording::count(first_titles, "link title", "link titles")
        ));
    }
    notes.push("`moved` is not imported: confradar derives moves from the placements".into());
    notes.push("a TechRadarLoaderResponse has no title: the radar is titled \"Tech Radar\"; change `title` in [radar]".into());
    Ok(Imported {
        radar: Interchange {
            title: "Tech Radar".into(),
            editions: editions.into_iter().collect(),
            rings,
            quadrants,
            technologies,
        },
        notes,
    })
}

/// An entry's quadrant or ring that the file does not define.
fn unknown(
    file: &Arc<SourceFile>,
    at: std::ops::Range<usize>,
    what: &str,
    id: &str,
    name: &str,
) -> Error {
    source::error_at(
        file,
        at,
        format!(
            "\"{name}\" is in the {what} `{}`, which `{what}s` does not define",
            names::clean(id)
        ),
        &format!("use the id of one of the file's {what}s"),
    )
}

/// The quadrants or rings (`key`), and each foreign id's confradar id.
fn levels(
    file: &Arc<SourceFile>,
    json: &Value,
    key: &str,
    notes: &mut Vec<String>,
) -> Result<(Vec<Level>, HashMap<String, String>), Error> {
    let Some(list) = json
        .get(key)
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
    else {
        return Err(source::error_in(
            file,
            format!("no `{key}` array: not a TechRadarLoaderResponse"),
            "the file has `quadrants`, `rings` and `entries`",
        ));
    };
    let mut ids = Ids::default();
    // `retired` takes a technology off the radar; no ring may be called so.
    ids.unique(RETIRED, RETIRED);
    let mut map = HashMap::new();
    let mut levels = Vec::new();
    for (i, level) in list.iter().enumerate() {
        let text = |k: &str| level.get(k).and_then(Value::as_str).unwrap_or("");
        let id = names::map_id(
            text("id"),
            &format!("{}-{}", &key[..key.len() - 1], i + 1),
            &mut ids,
            notes,
        );
        let name = names::clean(text("name"));
        let color = names::color(text("color"));
        if color.is_none() && !text("color").is_empty() {
            notes.push(format!(
                "the colour `{}` of `{id}` is not #rgb or #rrggbb: left out",
                names::clean(text("color"))
            ));
        }
        map.insert(text("id").to_owned(), id.clone());
        levels.push(Level {
            name: if name.is_empty() { id.clone() } else { name },
            id,
            color,
            description: markup::safe_markdown(text("description")),
        });
    }
    Ok((levels, map))
}
