//! An AOE technology radar: the `radar/` folder, one subfolder per release
//! (`YYYY-MM-DD`), one `<id>.md` per item revised in that release, with
//! front matter ([`front_matter`]) `title`, `ring`, `quadrant` (older
//! radars: `segment`), `tags` and `featured`, and the item's text as body;
//! and `config.json` beside the folder (over `config.default.json` when
//! that is there too, as AOE merges them) for the quadrants' and rings'
//! names, colours and descriptions and the title.
//!
//! Each release quarter is an edition; of two releases in one quarter, the
//! later one's files win. An item keeps its ring until a later release has
//! a file for it, as AOE shows it; AOE has no retiring, so nothing is
//! retired. A file's body is that placement's `why`; the newest file gives
//! the technology's title, quadrant and tags.

mod front_matter;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::Error;
use crate::input::quarter::{Quarter, ReportDate};
use crate::input::radar::RETIRED;
use crate::interop::import::names::{self, Ids};
use crate::interop::import::timeline::{self, Sighting};
use crate::interop::import::{Imported, markup, source};
use crate::interop::model::{Interchange, Level, Tech};

/// One item file.
struct Revision {
    edition: Quarter,
    title: String,
    ring: Option<String>,
    quadrant: Option<String>,
    tags: Vec<String>,
    featured: bool,
    why: Option<String>,
    path: PathBuf,
}

/// Reads an AOE `radar/` folder and the config beside it.
pub(crate) fn import(folder: &Path) -> Result<Imported, Error> {
    let mut notes = Vec::new();
    let config = config(folder)?;
    let releases = releases(folder, &mut notes)?;
    if releases.is_empty() {
        return Err(Error::Usage(format!(
            "{} has no release folders (named YYYY-MM-DD): pass the AOE radar's `radar/` folder",
            folder.display()
        )));
    }
    // Each item's revisions, by its file name, in the order first seen.
    let mut order: Vec<String> = Vec::new();
    let mut revisions: HashMap<String, Vec<Revision>> = HashMap::new();
    let mut editions: Vec<Quarter> = Vec::new();
    for (date, path) in &releases {
        let edition = date.quarter();
        if editions.last() == Some(&edition) {
            notes.push(format!(
                "two releases in {edition}: the later, {}, wins for the items both have",
                source::file_name(path)
            ));
        } else {
            editions.push(edition);
        }
        for (stem, file) in items(path)? {
            let revision = revision(&file, edition)?;
            let list = revisions.entry(stem.clone()).or_insert_with(|| {
                order.push(stem.clone());
                Vec::new()
            });
            if list.last().is_some_and(|r| r.edition == edition) {
                list.pop();
            }
            list.push(revision);
        }
    }
    let (quadrants, quadrant_ids) = config.levels(
        "quadrants",
        &revisions,
        |r| r.quadrant.as_deref(),
        &mut notes,
    );
    let (rings, ring_ids) = config.levels("rings", &revisions, |r| r.ring.as_deref(), &mut notes);
    let mut ids = Ids::default();
    let mut technologies = Vec::new();
    for stem in &order {
        let list = &revisions[stem];
        let id = names::map_id(stem, "item", &mut ids, &mut notes);
        technologies.push(technology(id, list, &quadrant_ids, &ring_ids, &mut notes)?);
    }
    notes.push(
        "an item keeps its ring until a later release has a file for it; AOE retires nothing, so no technology is retired".into(),
    );
    Ok(Imported {
        radar: Interchange {
            title: config.title(&mut notes),
            editions,
            rings,
            quadrants,
            technologies,
        },
        notes,
    })
}

/// One technology from its revisions, oldest first.
fn technology(
    id: String,
    list: &[Revision],
    quadrant_ids: &HashMap<String, String>,
    ring_ids: &HashMap<String, String>,
    notes: &mut Vec<String>,
) -> Result<Tech, Error> {
    let latest = list.last().expect("an item has a file");
    let quadrant_of = |r: &Revision| r.quadrant.as_deref().and_then(|q| quadrant_ids.get(q));
    let Some(quadrant) = list.iter().rev().find_map(quadrant_of) else {
        return Err(source::error_about(
            &latest.path,
            "the item has no `quadrant` (or `segment`) the config defines",
            "set `quadrant` to the id of one of config.json's quadrants",
        ));
    };
    if list.iter().filter_map(quadrant_of).any(|q| q != quadrant) {
        notes.push(format!(
            "`{id}` changed quadrant between releases: it is in its latest, `{quadrant}`"
        ));
    }
    let mut sightings = Vec::new();
    let mut ring: Option<&String> = None;
    for r in list {
        ring = r.ring.as_deref().and_then(|x| ring_ids.get(x)).or(ring);
        let Some(ring) = ring else {
            return Err(source::error_about(
                &r.path,
                "the item has no `ring` the config defines",
                "set `ring` to the id of one of config.json's rings",
            ));
        };
        sightings.push(Sighting {
            edition: r.edition,
            ring: ring.clone(),
            why: r.why.clone(),
            featured: r.featured,
        });
    }
    let name = if latest.title.is_empty() {
        id.clone()
    } else {
        latest.title.clone()
    };
    Ok(Tech {
        id,
        name,
        quadrant: quadrant.clone(),
        tags: names::tags(latest.tags.iter().map(String::as_str)),
        description: None,
        link: None,
        links: Vec::new(),
        count_name: true,
        placements: timeline::placements(sightings),
    })
}

/// The release folders, by date; other entries are noted and skipped.
fn releases(folder: &Path, notes: &mut Vec<String>) -> Result<Vec<(ReportDate, PathBuf)>, Error> {
    let mut out = Vec::new();
    for (name, path) in sorted_entries(folder)? {
        let date = ReportDate::parse(&name).filter(|d| d.day.is_some() && name.len() == 10);
        match date {
            Some(date) if path.is_dir() => out.push((date, path)),
            _ if name.starts_with('.') => {}
            _ => notes.push(format!(
                "{}: not a release folder (YYYY-MM-DD), skipped",
                names::clean(&name)
            )),
        }
    }
    Ok(out)
}

/// The `.md` files of a release, by name, with their file stems.
fn items(release: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    Ok(sorted_entries(release)?
        .into_iter()
        .filter_map(|(name, path)| {
            let stem = name.strip_suffix(".md")?;
            (!stem.is_empty() && !name.starts_with('.')).then(|| (stem.to_owned(), path))
        })
        .collect())
}

/// A folder's entries with their names, sorted by name (not by the file
/// system's order, which differs between machines).
fn sorted_entries(folder: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(Error::io(folder))? {
        let entry = entry.map_err(Error::io(folder))?;
        out.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.path(),
        ));
    }
    out.sort();
    Ok(out)
}

/// One item file, read.
fn revision(path: &Path, edition: Quarter) -> Result<Revision, Error> {
    let file = source::read(path)?;
    let item = front_matter::split(&file.text).map_err(|(at, message)| {
        source::error_at(
            &file,
            at..at + 1,
            message,
            "an AOE item starts with `---`, lines `title: ...`, `ring: ...`, `quadrant: ...`, and `---`",
        )
    })?;
    let get = |key: &str| item.keys.get(key).map(front_matter::Value::text);
    Ok(Revision {
        edition,
        title: names::clean(&get("title").unwrap_or_default()),
        ring: get("ring").filter(|r| !r.is_empty()),
        quadrant: get("quadrant")
            .or_else(|| get("segment"))
            .filter(|q| !q.is_empty()),
        tags: item
            .keys
            .get("tags")
            .map(front_matter::Value::list)
            .unwrap_or_default(),
        featured: get("featured").is_none_or(|f| f.trim() != "false"),
        why: markup::safe_markdown(&item.body),
        path: path.to_path_buf(),
    })
}

/// The config beside the radar folder: `config.json` over
/// `config.default.json`, key by key.
struct Config {
    json: serde_json::Map<String, Value>,
}

/// Reads the config beside `folder`, when there is one.
fn config(folder: &Path) -> Result<Config, Error> {
    let beside = folder.parent().unwrap_or(Path::new(""));
    let mut json = serde_json::Map::new();
    for name in ["config.default.json", "config.json"] {
        let path = beside.join(name);
        if !path.is_file() {
            continue;
        }
        let file = source::read(&path)?;
        if let Value::Object(map) = source::json(&file)? {
            json.extend(map);
        }
    }
    Ok(Config { json })
}

impl Config {
    /// The title: `labels.title`, else a default with a note.
    fn title(&self, notes: &mut Vec<String>) -> String {
        let title = self
            .json
            .get("labels")
            .and_then(|l| l.get("title"))
            .and_then(Value::as_str)
            .map(names::clean)
            .filter(|t| !t.is_empty());
        title.unwrap_or_else(|| {
            notes.push(
                "no `labels.title` in the config: the radar is titled \"Technology Radar\"".into(),
            );
            "Technology Radar".into()
        })
    }

    /// The quadrants or rings (`key`) the config defines, else those the
    /// items use (`used`), with each AOE id's confradar id.
    fn levels(
        &self,
        key: &str,
        revisions: &HashMap<String, Vec<Revision>>,
        used: impl Fn(&Revision) -> Option<&str>,
        notes: &mut Vec<String>,
    ) -> (Vec<Level>, HashMap<String, String>) {
        // Each level's AOE id, title, colour and description.
        type Written = (String, Option<String>, Option<String>, Option<String>);
        let mut written: Vec<Written> = Vec::new();
        if let Some(list) = self.json.get(key).and_then(Value::as_array) {
            for level in list {
                let text = |k: &str| level.get(k).and_then(Value::as_str).map(str::to_owned);
                let Some(id) = text("id").filter(|i| !i.is_empty()) else {
                    continue;
                };
                written.push((id, text("title"), text("color"), text("description")));
            }
        }
        if written.is_empty() {
            let mut seen: Vec<String> = revisions
                .values()
                .flatten()
                .filter_map(|r| used(r).map(str::to_owned))
                .collect();
            // confradar's own order (adopt first) where the ids are its own.
            let defaults = if key == "rings" {
                crate::input::radar::default_rings()
            } else {
                crate::input::radar::default_quadrants()
            };
            let rank = |id: &str| {
                defaults
                    .iter()
                    .position(|d| d.id == id)
                    .unwrap_or(defaults.len())
            };
            seen.sort_by(|a, b| (rank(a), a).cmp(&(rank(b), b)));
            seen.dedup();
            notes.push(format!(
                "no {key} in the config: {} taken from the items, named after their ids",
                seen.join(", ")
            ));
            written = seen.into_iter().map(|id| (id, None, None, None)).collect();
        }
        let mut ids = Ids::default();
        ids.unique(RETIRED, RETIRED);
        let mut map = HashMap::new();
        let levels = written
            .into_iter()
            .enumerate()
            .map(|(i, (foreign, title, color, description))| {
                let id = names::map_id(
                    &foreign,
                    &format!("{}-{}", &key[..key.len() - 1], i + 1),
                    &mut ids,
                    notes,
                );
                map.insert(foreign.clone(), id.clone());
                let name = title.map(|t| names::clean(&t)).filter(|t| !t.is_empty());
                Level {
                    name: name.unwrap_or_else(|| names::clean(&foreign.replace(['-', '_'], " "))),
                    color: color.as_deref().and_then(names::color),
                    description: description.as_deref().and_then(markup::safe_markdown),
                    id,
                }
            })
            .collect();
        (levels, map)
    }
}
