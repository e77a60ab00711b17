//! Writes a [`Scene`] as `radar.json`: the rendered radar as data, in the
//! SVG's own coordinates, for anything that wants to draw it differently or
//! check it (a wiki widget, a test).
//!
//! Field order is fixed by the structs below and numbers are rounded to one
//! decimal as in the SVG, so the file is byte-identical run after run.
//! Optional fields (colours, descriptions, tags, further links, the
//! technologies not drawn) are left out when a radar has none, so a radar
//! that uses none of them gets the file it always got.

use serde::Serialize;

use crate::input::radar::{Level, Link};
use crate::render::geometry::round1;
use crate::render::scene::{Blip, Scene};

/// The whole file.
#[derive(Debug, Serialize)]
pub(crate) struct RadarJson<'a> {
    /// Radar title.
    pub title: &'a str,
    /// The edition drawn, e.g. `2024-Q3`.
    pub edition: String,
    /// The radar's centre on the SVG page.
    pub center: XY,
    /// Rings, innermost first, with radii from the centre.
    pub rings: Vec<RingJson<'a>>,
    /// Quadrants with their sector angles: degrees clockwise from the
    /// positive x axis (SVG's y points down), so -90 is straight up.
    pub quadrants: Vec<QuadrantJson<'a>>,
    /// Blips, by number.
    pub blips: Vec<BlipJson<'a>>,
    /// Technologies on the radar in this edition but not drawn
    /// (`featured = false`); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unfeatured: Vec<ListedJson<'a>>,
}

/// A point.
#[derive(Debug, Serialize)]
pub(crate) struct XY {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
}

/// What a ring and a quadrant both carry.
#[derive(Debug, Serialize)]
pub(crate) struct LevelJson<'a> {
    /// Its id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// CSS hex colour, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<&'a str>,
    /// Markdown description, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
}

impl<'a> LevelJson<'a> {
    fn of(level: &'a Level) -> LevelJson<'a> {
        LevelJson {
            id: &level.id,
            name: &level.name,
            color: level.color.as_deref(),
            description: level.description.as_deref(),
        }
    }
}

/// A ring.
#[derive(Debug, Serialize)]
pub(crate) struct RingJson<'a> {
    /// Id, name, colour and description.
    #[serde(flatten)]
    pub level: LevelJson<'a>,
    /// Inner radius.
    pub inner: f64,
    /// Outer radius.
    pub outer: f64,
}

/// A quadrant.
#[derive(Debug, Serialize)]
pub(crate) struct QuadrantJson<'a> {
    /// Id, name, colour and description.
    #[serde(flatten)]
    pub level: LevelJson<'a>,
    /// Where its sector starts, in degrees.
    pub start_angle: f64,
    /// Where its sector ends, in degrees.
    pub end_angle: f64,
}

/// A blip.
#[derive(Debug, Serialize)]
pub(crate) struct BlipJson<'a> {
    /// Technology id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Number on the marker.
    pub number: usize,
    /// Ring id.
    pub ring: &'a str,
    /// Quadrant id.
    pub quadrant: &'a str,
    /// `new`, `moved-in`, `moved-out` or `unchanged`.
    pub change: &'static str,
    /// Centre x on the page.
    pub x: f64,
    /// Centre y on the page.
    pub y: f64,
    /// The marker's bounding radius.
    pub r: f64,
    /// Link, or null.
    pub link: Option<&'a str>,
    /// Further links; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkJson<'a>>,
    /// Tags; left out when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tags: &'a [String],
    /// Total mentions in the reports.
    pub mentions: u64,
}

/// A technology on the radar but not drawn: a blip's data without its
/// number and position.
#[derive(Debug, Serialize)]
pub(crate) struct ListedJson<'a> {
    /// Technology id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Ring id.
    pub ring: &'a str,
    /// Quadrant id.
    pub quadrant: &'a str,
    /// `new`, `moved-in`, `moved-out` or `unchanged`.
    pub change: &'static str,
    /// Link, or null.
    pub link: Option<&'a str>,
    /// Further links; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkJson<'a>>,
    /// Tags; left out when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tags: &'a [String],
    /// Total mentions in the reports.
    pub mentions: u64,
}

/// The scene as data.
pub(crate) fn data(scene: &Scene) -> RadarJson<'_> {
    RadarJson {
        title: &scene.title,
        edition: scene.edition.to_string(),
        center: XY {
            x: round1(scene.center.x),
            y: round1(scene.center.y),
        },
        rings: scene
            .rings
            .iter()
            .zip(&scene.layout.bands)
            .map(|(ring, band)| RingJson {
                level: LevelJson::of(ring),
                inner: round1(band.inner),
                outer: round1(band.outer),
            })
            .collect(),
        quadrants: scene
            .quadrants
            .iter()
            .zip(&scene.layout.sectors)
            .map(|(quadrant, sector)| QuadrantJson {
                level: LevelJson::of(quadrant),
                start_angle: round1(sector.start),
                end_angle: round1(sector.end),
            })
            .collect(),
        blips: scene
            .blips
            .iter()
            .map(|b| BlipJson {
                id: &b.id,
                name: &b.name,
                number: b.number,
                ring: &scene.rings[b.ring].id,
                quadrant: &scene.quadrants[b.quadrant].id,
                change: b.change.id(),
                x: round1(b.at.x),
                y: round1(b.at.y),
                r: round1(scene.layout.marker),
                link: b.link.as_deref(),
                links: links(&b.links),
                tags: &b.tags,
                mentions: b.mentions,
            })
            .collect(),
        unfeatured: scene.unfeatured.iter().map(|b| listed(scene, b)).collect(),
    }
}

/// A further link.
#[derive(Debug, Serialize)]
pub(crate) struct LinkJson<'a> {
    /// http(s) URL.
    pub url: &'a str,
    /// What it links to; left out when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
}

fn links(links: &[Link]) -> Vec<LinkJson<'_>> {
    links
        .iter()
        .map(|l| LinkJson {
            url: &l.url,
            title: l.title.as_deref(),
        })
        .collect()
}

/// A technology not drawn, as data.
fn listed<'a>(scene: &'a Scene, b: &'a Blip) -> ListedJson<'a> {
    let id = |levels: &'a [Level], i: usize| levels[i].id.as_str();
    ListedJson {
        id: &b.id,
        name: &b.name,
        ring: id(&scene.rings, b.ring),
        quadrant: id(&scene.quadrants, b.quadrant),
        change: b.change.id(),
        link: b.link.as_deref(),
        links: links(&b.links),
        tags: &b.tags,
        mentions: b.mentions,
    }
}

/// Renders the scene as pretty-printed JSON with a final newline.
pub(crate) fn render(scene: &Scene) -> String {
    let text = serde_json::to_string_pretty(&data(scene)).expect("plain data always serializes");
    // `<`, `>` and `&` only occur inside strings; written as escapes, a name
    // like `</script>` stays inert even when the JSON is pasted into HTML.
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}
