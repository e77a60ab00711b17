//! AOE's technology radar generator: a `radar/<release>/<id>.md` tree and
//! the `config.json` that names its quadrants and rings, for an AOE site's
//! data folder.
//!
//! A release is an edition's first day (`2024-07-01`). AOE carries an item
//! over from release to release, so an item gets a file only where its
//! placement says something new: its first placement, a new ring, a new
//! `why`, or a change of `featured`. Each file's front matter is `title`,
//! `ring`, `quadrant`, `tags` and `featured`, written in full so nothing
//! depends on what AOE carries over; its body is the placement's `why`
//! (the first file's falls back to the technology's description) as
//! Markdown with raw HTML escaped ([`crate::render::markdown::block`]),
//! since AOE renders the body as HTML. AOE has no "off the radar": a
//! technology off the radar in the edition is left out, and a retired
//! placement inside its history writes no file.
//!
//! `config.json` holds `quadrants` and `rings` in AOE's shape. AOE replaces
//! its default lists with these whole, so each carries what AOE draws with:
//! a colour (AOE's default palette where the radar sets none), a
//! description (empty where none), and for rings a radius and a stroke
//! width.

use serde::Serialize;

use super::change::{on_radar, quadrant_of};
use super::{File, color_or, first_day, json};
use crate::interop::model::{Interchange, Placement, Tech};
use crate::render::markdown::block;

/// AOE's default quadrant colours, by position.
const QUADRANT_COLORS: [&str; 4] = ["#a3b18a", "#588157", "#3f633e", "#40713f"];
/// AOE's default ring colours, by position.
const RING_COLORS: [&str; 4] = ["#588157", "#457b9d", "#bc6c25", "#d62828"];

#[derive(Debug, Serialize)]
struct Config {
    quadrants: Vec<Quadrant>,
    rings: Vec<Ring>,
}

#[derive(Debug, Serialize)]
struct Quadrant {
    id: String,
    title: String,
    description: String,
    color: String,
}

#[derive(Debug, Serialize)]
struct Ring {
    id: String,
    title: String,
    description: String,
    color: String,
    radius: f64,
    #[serde(rename = "strokeWidth")]
    stroke_width: f64,
}

/// The tree for the radar up to edition `edition`: `config.json` and the
/// item files, sorted by path.
pub(crate) fn tree(radar: &Interchange, edition: usize) -> Vec<File> {
    let last = radar.editions[edition];
    let mut files = vec![File {
        path: "config.json".into(),
        text: config(radar),
    }];
    for (tech, _) in on_radar(radar, edition) {
        let mut before: Option<&Placement> = None;
        for placement in tech.placements.iter().filter(|p| p.edition <= last) {
            if !radar.rings.iter().any(|r| r.id == placement.ring) {
                // Retired: AOE cannot say so; the next placement speaks.
                continue;
            }
            let says_more = before.is_none_or(|b| {
                b.ring != placement.ring
                    || b.featured != placement.featured
                    || (placement.why.is_some() && b.why != placement.why)
            });
            if says_more {
                files.push(File {
                    path: format!("radar/{}/{}.md", first_day(placement.edition), tech.id),
                    text: item(radar, tech, placement, before.is_none()),
                });
            }
            before = Some(placement);
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One item file.
fn item(radar: &Interchange, tech: &Tech, placement: &Placement, first: bool) -> String {
    let tags: Vec<&str> = tech.tags.iter().map(String::as_str).collect();
    let body = placement
        .why
        .as_deref()
        .or(tech.description.as_deref().filter(|_| first))
        .unwrap_or_default();
    let mut text = format!(
        "---\ntitle: {}\nring: {}\nquadrant: {}\ntags: [{}]\nfeatured: {}\n---\n",
        yaml_string(&tech.name),
        placement.ring,
        radar.quadrants[quadrant_of(radar, tech)].id,
        tags.join(", "),
        placement.featured
    );
    if !body.trim().is_empty() {
        text.push('\n');
        text.push_str(block(body.trim_end()).as_str());
        text.push('\n');
    }
    text
}

/// `text` as a YAML double-quoted scalar: any name reads back as written.
fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn config(radar: &Interchange) -> String {
    let n = radar.rings.len();
    json(&Config {
        quadrants: radar
            .quadrants
            .iter()
            .enumerate()
            .map(|(i, q)| Quadrant {
                id: q.id.clone(),
                title: q.name.clone(),
                description: q.description.clone().unwrap_or_default(),
                color: color_or(q, &QUADRANT_COLORS, i),
            })
            .collect(),
        rings: radar
            .rings
            .iter()
            .enumerate()
            .map(|(i, r)| Ring {
                id: r.id.clone(),
                title: r.name.clone(),
                description: r.description.clone().unwrap_or_default(),
                color: color_or(r, &RING_COLORS, i),
                radius: radius(i, n),
                stroke_width: if i + 1 == n { 0.75 } else { 2.0 },
            })
            .collect(),
    })
}

/// The outer radius of ring `i` of `n`, as a fraction of the chart: rings
/// of equal area (for four: 0.5, 0.71, 0.87, 1, close to AOE's defaults),
/// to two decimals.
fn radius(i: usize, n: usize) -> f64 {
    (((i + 1) as f64 / n as f64).sqrt() * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    fn radar() -> Interchange {
        interchange(
            &RadarFixture::new(&["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
                .tech("istio", "Istio \"mesh\"", "platforms")
                .key("description", "\"Service mesh.\"")
                .placed("2024-Q1", "assess")
                .placed("2024-Q2", "assess")
                .placed("2024-Q3", "trial")
                .placement_key("why", "\"Two teams <b>run</b> it.\"")
                .tech("helm", "Helm", "tools")
                .placed("2024-Q1", "adopt")
                .placed("2024-Q4", "retired")
                .build(),
        )
    }

    #[test]
    fn a_file_where_the_placement_says_something_new() {
        let files = tree(&radar(), 3);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "config.json",
                "radar/2024-01-01/istio.md",
                "radar/2024-07-01/istio.md"
            ]
        );
        assert_eq!(
            files[1].text,
            "---\ntitle: \"Istio \\\"mesh\\\"\"\nring: assess\nquadrant: platforms\ntags: []\nfeatured: true\n---\n\nService mesh.\n"
        );
        assert!(
            files[2]
                .text
                .ends_with("\n\nTwo teams &lt;b>run&lt;/b> it.\n"),
            "{}",
            files[2].text
        );
        let earlier = tree(&radar(), 0);
        assert_eq!(earlier.len(), 3, "helm is on the radar then");
    }

    #[test]
    fn config_has_what_aoe_draws_with() {
        let value: serde_json::Value =
            serde_json::from_str(&tree(&radar(), 3)[0].text).expect("JSON");
        assert_eq!(value["quadrants"][0]["color"], QUADRANT_COLORS[0]);
        assert_eq!(value["quadrants"][3]["title"], "Languages & Frameworks");
        let radii: Vec<f64> = value["rings"]
            .as_array()
            .expect("rings")
            .iter()
            .map(|r| r["radius"].as_f64().expect("radius"))
            .collect();
        assert_eq!(radii, [0.5, 0.71, 0.87, 1.0]);
        assert_eq!(value["rings"][3]["strokeWidth"], 0.75);
        assert_eq!(yaml_string("a\\b\u{7}"), "\"a\\\\b\\u0007\"");
    }
}
