//! Backstage's tech-radar plugin: a `TechRadarLoaderResponse`, the JSON a
//! `TechRadarApi` serves. `quadrants` `{id, name}`, `rings`
//! `{id, name, color, description?}` (Backstage needs a colour: a ring
//! without one gets the plugin sample's, by position), and `entries` with
//! the full timeline up to the edition.
//!
//! Backstage draws each entry in its first timeline item's ring, so the
//! timeline is newest first, as in the plugin's sample. It has no ring
//! for "off the radar": a technology off the radar in the edition is left
//! out, and a retired placement inside a timeline is skipped (the item
//! after it is a plain placement again). Dates are the edition's first day
//! at midnight UTC. `moved` is `1` moved in, `-1` moved out, `0` otherwise
//! (Backstage has no "new").

use serde::Serialize;

use super::change::{change, on_radar, quadrant_of};
use super::{color_or, first_day, json};
use crate::input::changes::Change;
use crate::interop::model::{Interchange, Level, Tech};

/// Ring colours for rings that set none: the plugin sample's four, then
/// two more, repeated after that.
const PALETTE: [&str; 6] = [
    "#5BA300", "#009EB0", "#C7BA00", "#E09B96", "#8E7CC3", "#7F8C8D",
];

/// The title Backstage shows for the main `link`, as its sample does.
const MAIN_LINK_TITLE: &str = "Learn more";

/// The whole response.
#[derive(Debug, Serialize)]
struct Response {
    quadrants: Vec<Quadrant>,
    rings: Vec<Ring>,
    entries: Vec<Entry>,
}

#[derive(Debug, Serialize)]
struct Quadrant {
    id: String,
    name: String,
}

#[derive(Debug, Serialize)]
struct Ring {
    id: String,
    name: String,
    color: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Debug, Serialize)]
struct Entry {
    key: String,
    id: String,
    title: String,
    quadrant: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    timeline: Vec<Moment>,
}

#[derive(Debug, Serialize)]
struct Link {
    url: String,
    title: String,
}

/// One timeline item.
#[derive(Debug, Serialize)]
struct Moment {
    moved: i8,
    #[serde(rename = "ringId")]
    ring_id: String,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// The radar up to edition `edition` as a `TechRadarLoaderResponse`,
/// entries by id.
pub(crate) fn response(radar: &Interchange, edition: usize) -> String {
    let mut entries: Vec<Entry> = on_radar(radar, edition)
        .into_iter()
        .map(|(tech, _)| entry(radar, tech, edition))
        .collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    json(&Response {
        quadrants: radar
            .quadrants
            .iter()
            .map(|q| Quadrant {
                id: q.id.clone(),
                name: q.name.clone(),
            })
            .collect(),
        rings: radar.rings.iter().enumerate().map(ring).collect(),
        entries,
    })
}

fn ring((index, level): (usize, &Level)) -> Ring {
    Ring {
        id: level.id.clone(),
        name: level.name.clone(),
        color: color_or(level, &PALETTE, index),
        description: level.description.clone(),
    }
}

fn entry(radar: &Interchange, tech: &Tech, edition: usize) -> Entry {
    let main = tech.link.iter().map(|url| Link {
        url: url.clone(),
        title: MAIN_LINK_TITLE.into(),
    });
    let more = tech.links.iter().map(|l| Link {
        url: l.url.clone(),
        title: l.title.clone().unwrap_or_else(|| l.url.clone()),
    });
    let last = radar.editions[edition];
    let mut timeline: Vec<Moment> = tech
        .placements
        .iter()
        .filter(|p| p.edition <= last && radar.rings.iter().any(|r| r.id == p.ring))
        .map(|p| {
            let at = radar.editions.iter().position(|e| *e == p.edition);
            Moment {
                moved: match at.and_then(|e| change(radar, tech, e)) {
                    Some(Change::MovedIn) => 1,
                    Some(Change::MovedOut) => -1,
                    _ => 0,
                },
                ring_id: p.ring.clone(),
                date: format!("{}T00:00:00.000Z", first_day(p.edition)),
                description: p.why.clone(),
            }
        })
        .collect();
    timeline.reverse();
    Entry {
        key: tech.id.clone(),
        id: tech.id.clone(),
        title: tech.name.clone(),
        quadrant: radar.quadrants[quadrant_of(radar, tech)].id.clone(),
        links: main.chain(more).collect(),
        description: tech.description.clone(),
        timeline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    fn radar() -> Interchange {
        interchange(
            &RadarFixture::new(&["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
                .tech("istio", "Istio", "platforms")
                .key("link", "\"https://istio.io/\"")
                .key("description", "\"Mesh.\"")
                .placed("2024-Q1", "assess")
                .placement_key("why", "\"First look.\"")
                .placed("2024-Q2", "hold")
                .placed("2024-Q3", "retired")
                .placed("2024-Q4", "trial")
                .tech("helm", "Helm", "tools")
                .placed("2024-Q1", "adopt")
                .placed("2024-Q2", "retired")
                .build(),
        )
    }

    #[test]
    fn the_full_timeline_newest_first_without_retirements() {
        let value: serde_json::Value = serde_json::from_str(&response(&radar(), 3)).expect("JSON");
        let entries = value["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 1, "helm is retired: {entries:?}");
        let istio = &entries[0];
        assert_eq!(istio["key"], "istio");
        assert_eq!(istio["quadrant"], "platforms");
        assert_eq!(istio["links"][0]["title"], MAIN_LINK_TITLE);
        assert_eq!(istio["description"], "Mesh.");
        let timeline: Vec<(String, String, i64)> = istio["timeline"]
            .as_array()
            .expect("timeline")
            .iter()
            .map(|m| {
                (
                    m["ringId"].as_str().expect("ring").to_owned(),
                    m["date"].as_str().expect("date").to_owned(),
                    m["moved"].as_i64().expect("moved"),
                )
            })
            .collect();
        assert_eq!(
            timeline,
            [
                ("trial".into(), "2024-10-01T00:00:00.000Z".into(), 0),
                ("hold".into(), "2024-04-01T00:00:00.000Z".into(), -1),
                ("assess".into(), "2024-01-01T00:00:00.000Z".into(), 0),
            ]
        );
        assert_eq!(istio["timeline"][2]["description"], "First look.");
        assert_eq!(value["rings"][0]["color"], PALETTE[0]);
        assert_eq!(value["quadrants"][3]["id"], "languages-and-frameworks");
    }

    #[test]
    fn an_earlier_edition_stops_the_timeline_there() {
        let value: serde_json::Value = serde_json::from_str(&response(&radar(), 0)).expect("JSON");
        let entries = value["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1]["timeline"].as_array().map(Vec::len), Some(1));
    }
}
