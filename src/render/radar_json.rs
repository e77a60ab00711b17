//! Writes a [`Scene`] as `radar.json`: the rendered radar as data, in the
//! SVG's own coordinates, for anything that wants to draw it differently or
//! check it (a wiki widget, a test).
//!
//! Field order is fixed by the structs below and numbers are rounded to one
//! decimal as in the SVG, so the file is byte-identical run after run.

use serde::Serialize;

use crate::render::geometry::round1;
use crate::render::scene::Scene;

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
}

/// A point.
#[derive(Debug, Serialize)]
pub(crate) struct XY {
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
}

/// A ring.
#[derive(Debug, Serialize)]
pub(crate) struct RingJson<'a> {
    /// Ring id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Inner radius.
    pub inner: f64,
    /// Outer radius.
    pub outer: f64,
}

/// A quadrant.
#[derive(Debug, Serialize)]
pub(crate) struct QuadrantJson<'a> {
    /// Quadrant id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
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
                id: &ring.id,
                name: &ring.name,
                inner: round1(band.inner),
                outer: round1(band.outer),
            })
            .collect(),
        quadrants: scene
            .quadrants
            .iter()
            .zip(&scene.layout.sectors)
            .map(|(quadrant, sector)| QuadrantJson {
                id: &quadrant.id,
                name: &quadrant.name,
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
                mentions: b.mentions,
            })
            .collect(),
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
