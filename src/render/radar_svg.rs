//! Writes a [`Scene`] as a self-contained SVG 1.1 file.
//!
//! The file has to survive being pasted into a wiki, opened from disk and
//! diffed in a pull request, so it carries everything it needs (its own
//! background and an embedded `<style>` for it, from [`style`]; a font
//! stack that covers CJK) and nothing that reaches out (no script, fonts,
//! images or external CSS; the only links are the technologies' own). Each
//! blip is one group on its own lines, in number order, with
//! fixed-precision coordinates, so a diff shows exactly the blips that
//! changed.

use std::fmt::Write;

use crate::input::changes::Change;
use crate::render::geometry::Point;
use crate::render::legend::{self, LegendKind};
use crate::render::scene::{self, Scene};
use crate::render::svg::{FONT_STACK, Num, annular_sector, annulus, escape, polar};
use crate::wording::count;

mod style;

use style::{BAND_OPACITY, PALETTE};

/// Radius of a marker's filled core; the change ring lies outside it.
const CORE: f64 = scene::MARKER - 4.5;
/// Radius of the line that marks a change (its stroke reaches the bound).
const RING: f64 = scene::MARKER - 1.5;
/// Radius of the core of a marker with a three-digit number, wide enough
/// for the number at the others' size (10 px). Its change line is thinner
/// and further out (`WIDE_RING`, 2 px wide), so a gap still parts the two
/// and the marker's bound is unchanged.
const WIDE_CORE: f64 = 10.0;
/// Radius of the change line around a wide core.
const WIDE_RING: f64 = scene::MARKER - 1.0;

/// How a drawing sits inside a page beside other editions' drawings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Embedding<'a> {
    /// Put before every id, so that several drawings share a page.
    pub(crate) id_prefix: &'a str,
    /// Whether to write the style sheet (the same in every drawing, so a
    /// page needs it once).
    pub(crate) style: bool,
    /// Whether to write the legends (a page that lists every technology
    /// can leave them out of past editions).
    pub(crate) legends: bool,
}

/// Renders the scene as an SVG file.
pub(crate) fn render(scene: &Scene) -> String {
    draw(scene, None)
}

/// Renders the scene as an `<svg>` element for a page: no XML
/// declaration, and ids, style sheet and legends as `embedding` says.
pub(crate) fn embedded(scene: &Scene, embedding: Embedding) -> String {
    draw(scene, Some(embedding))
}

fn draw(scene: &Scene, embedding: Option<Embedding>) -> String {
    let mut out = String::new();
    let (w, h) = (Num(scene.width), Num(scene.height));
    let id = embedding.map_or("", |e| e.id_prefix);
    if embedding.is_none() {
        let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    }
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}radar-title {id}radar-desc" font-family="{}">"#,
        escape(FONT_STACK)
    );
    let _ = writeln!(
        out,
        r#"<title id="{id}radar-title">{} — {}</title>"#,
        escape(&scene.title),
        scene.edition
    );
    let _ = writeln!(
        out,
        r#"<desc id="{id}radar-desc">{}</desc>"#,
        escape(&desc(scene))
    );
    if embedding.is_none_or(|e| e.style) {
        style::style(&mut out, scene);
    }
    style::background(&mut out, scene);
    header(&mut out, scene);
    rings_and_sectors(&mut out, scene);
    let _ = writeln!(out, r#"<g class="blips">"#);
    for blip in &scene.blips {
        blip_group(&mut out, scene, blip, id);
    }
    let _ = writeln!(out, "</g>");
    if embedding.is_none_or(|e| e.legends) {
        legends(&mut out, scene, id);
    }
    key(&mut out, scene);
    out.push_str("</svg>\n");
    out
}

/// The long description screen readers get: what the radar holds and what
/// changed.
fn desc(scene: &Scene) -> String {
    let names = |levels: &[crate::input::radar::Level]| {
        levels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "Technology radar, edition {}: {} in {} ({}) and {} ({}).",
        scene.edition,
        count(scene.blips.len(), "technology", "technologies"),
        count(scene.quadrants.len(), "quadrant", "quadrants"),
        names(&scene.quadrants),
        count(scene.rings.len(), "ring", "rings"),
        names(&scene.rings),
    );
    if let Some(previous) = scene.previous {
        let changes: Vec<String> = scene
            .changes()
            .iter()
            .filter(|(c, n)| *c != Change::Unchanged && *n > 0)
            .map(|(c, n)| format!("{n} {}", c.label()))
            .collect();
        if !changes.is_empty() {
            let _ = write!(text, " Since {previous}: {}.", changes.join(", "));
        }
    }
    text
}

/// ` rc2`: the class of a ring with its own colour, for its band (`rc`)
/// or its name (`rt`); empty for a ring without.
fn ring_class(scene: &Scene, ring: usize, prefix: &str) -> String {
    if scene.rings[ring].color.is_some() {
        format!(" {prefix}{ring}")
    } else {
        String::new()
    }
}

fn header(out: &mut String, scene: &Scene) {
    let _ = writeln!(
        out,
        r#"<text class="title" x="{}" y="{}">{}</text>"#,
        Num(scene::MARGIN),
        Num(scene::MARGIN + scene::TITLE_SIZE),
        escape(&scene.title)
    );
    let mut subtitle = format!(
        "Edition {} · {}",
        scene.edition,
        count(scene.blips.len(), "technology", "technologies")
    );
    if let Some(previous) = scene.previous {
        let _ = write!(subtitle, " · changes since {previous}");
    }
    let _ = writeln!(
        out,
        r#"<text class="subtitle" x="{}" y="{}">{}</text>"#,
        Num(scene::MARGIN),
        Num(scene::MARGIN + scene::TITLE_SIZE + 22.0),
        escape(&subtitle)
    );
}

/// Tinted band-by-sector cells, ring circles, sector axes, and the labels.
fn rings_and_sectors(out: &mut String, scene: &Scene) {
    let _ = writeln!(out, r#"<g class="grid">"#);
    cells(out, scene);
    ring_lines(out, scene);
    if scene.layout.sectors.len() > 1 {
        axes(out, scene);
    }
    labels(out, scene);
    let _ = writeln!(out, "</g>");
}

/// One tinted path per ring band and sector; whole rings when there is a
/// single sector.
fn cells(out: &mut String, scene: &Scene) {
    let c = scene.center;
    let layout = &scene.layout;
    let whole = layout.sectors.len() == 1;
    for (q, sector) in layout.sectors.iter().enumerate() {
        for (r, band) in layout.bands.iter().enumerate() {
            let d = if whole {
                annulus(c, band.inner, band.outer)
            } else {
                annular_sector(c, band.inner, band.outer, sector.start, sector.end)
            };
            let _ = writeln!(
                out,
                r#"<path class="cell band-{} f{}{}" fill-rule="evenodd" d="{d}"/>"#,
                r.min(BAND_OPACITY.len() - 1),
                q % PALETTE.len(),
                ring_class(scene, r, "rc")
            );
        }
    }
}

/// The circle at each ring's outer edge.
fn ring_lines(out: &mut String, scene: &Scene) {
    let c = scene.center;
    for band in &scene.layout.bands {
        let _ = writeln!(
            out,
            r#"<circle class="ring-line" cx="{}" cy="{}" r="{}"/>"#,
            Num(c.x),
            Num(c.y),
            Num(band.outer)
        );
    }
}

/// The line at the start of each sector, broken where it passes the ring
/// labels.
fn axes(out: &mut String, scene: &Scene) {
    let c = scene.center;
    let layout = &scene.layout;
    let radius = layout.radius();
    for sector in &layout.sectors {
        let (sin, cos) = sector.start.to_radians().sin_cos();
        // The upward axis carries the ring labels: leave gaps for them.
        let mut from = 0.0;
        let mut pieces = Vec::new();
        if (sector.start + 90.0).abs() < 1e-9 {
            let mut boxes: Vec<(f64, f64)> = layout
                .label_boxes
                .iter()
                .map(|b| (-(b.y + b.h), -b.y))
                .collect();
            boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (near, far) in boxes {
                if near > from {
                    pieces.push((from, near));
                }
                from = from.max(far);
            }
        }
        if radius > from {
            pieces.push((from, radius));
        }
        for (a, b) in pieces {
            let _ = writeln!(
                out,
                r#"<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
                Num(c.x + a * cos),
                Num(c.y + a * sin),
                Num(c.x + b * cos),
                Num(c.y + b * sin)
            );
        }
    }
}

/// The ring names up the vertical axis and the quadrant names around the
/// radar.
fn labels(out: &mut String, scene: &Scene) {
    let c = scene.center;
    for (ring, at) in scene.rings.iter().zip(&scene.layout.ring_labels) {
        let _ = writeln!(
            out,
            r#"<text class="ring-label" x="{}" y="{}">{}</text>"#,
            Num(c.x + at.x),
            Num(c.y + at.y + scene::RING_SIZE * 0.35),
            escape(&ring.name)
        );
    }
    for (q, label) in scene.quadrant_labels.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<text class="quadrant-label t{}" x="{}" y="{}" text-anchor="{}">{}</text>"#,
            q % PALETTE.len(),
            Num(label.at.x),
            Num(label.at.y),
            label.anchor.as_str(),
            escape(&label.text)
        );
    }
}

/// The tooltip of a blip: everything about it in one line.
fn tooltip(scene: &Scene, blip: &scene::Blip) -> String {
    let change = match (blip.change, scene.previous) {
        (Change::New, Some(_)) => format!("new in {}", scene.edition),
        (Change::New, None) => "new".to_owned(),
        (change, Some(previous)) => format!("{} since {previous}", change.label()),
        (change, None) => change.label().to_owned(),
    };
    format!(
        "{}. {} — {}, {}; {}; {} mention{}",
        blip.number,
        blip.name,
        scene.rings[blip.ring].name,
        scene.quadrants[blip.quadrant].name,
        change,
        blip.mentions,
        crate::wording::plural_s(blip.mentions as usize)
    )
}

/// The marker's change line, drawn around (0, 0). Moves are half rings on
/// the side facing the centre (in) or facing away from it (out), so they
/// read the same in every quadrant.
fn change_mark(change: Change, towards_centre: f64, class: &str, radius: f64) -> Option<String> {
    let half = |facing: f64| {
        let a = polar(Point { x: 0.0, y: 0.0 }, radius, facing - 90.0);
        let b = polar(Point { x: 0.0, y: 0.0 }, radius, facing + 90.0);
        format!(
            r#"<path class="{class}" d="M {} {} A {r} {r} 0 0 1 {} {}"/>"#,
            Num(a.x),
            Num(a.y),
            Num(b.x),
            Num(b.y),
            r = Num(radius)
        )
    };
    match change {
        Change::New => Some(format!(r#"<circle class="{class}" r="{}"/>"#, Num(radius))),
        Change::MovedIn => Some(half(towards_centre)),
        Change::MovedOut => Some(half(towards_centre + 180.0)),
        Change::Unchanged => None,
    }
}

fn blip_group(out: &mut String, scene: &Scene, blip: &scene::Blip, id: &str) {
    let colour = blip.quadrant % PALETTE.len();
    if let Some(link) = &blip.link {
        let link = escape(link);
        let _ = writeln!(out, r#"<a href="{link}" xlink:href="{link}">"#);
    }
    let _ = writeln!(
        out,
        r#"<g id="{id}blip-{}" class="blip ring-{} quadrant-{} {}" transform="translate({} {})">"#,
        escape(&blip.id),
        escape(&scene.rings[blip.ring].id),
        escape(&scene.quadrants[blip.quadrant].id),
        blip.change.id(),
        Num(blip.at.x),
        Num(blip.at.y)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&tooltip(scene, blip)));
    let number = blip.number.to_string();
    let (class, core, ring, line) = if number.len() > 2 {
        ("num long", WIDE_CORE, WIDE_RING, "change thin")
    } else {
        ("num", CORE, RING, "change")
    };
    let _ = writeln!(out, r#"<circle class="core f{colour}" r="{}"/>"#, Num(core));
    let towards = (scene.center.y - blip.at.y)
        .atan2(scene.center.x - blip.at.x)
        .to_degrees();
    if let Some(mark) = change_mark(blip.change, towards, &format!("{line} s{colour}"), ring) {
        let _ = writeln!(out, "{mark}");
    }
    let _ = writeln!(out, r#"<text class="{class}" y="3.5">{number}</text>"#);
    let _ = writeln!(out, "</g>");
    if blip.link.is_some() {
        let _ = writeln!(out, "</a>");
    }
}

fn legends(out: &mut String, scene: &Scene, id: &str) {
    let _ = writeln!(out, r#"<g class="legends">"#);
    for legend in &scene.legends {
        let _ = writeln!(
            out,
            r#"<g class="legend" id="{id}legend-{}">"#,
            escape(&scene.quadrants[legend.quadrant].id)
        );
        for line in &legend.lines {
            let (x, y) = (line.x, line.y);
            match &line.kind {
                LegendKind::Heading {
                    quadrant,
                    continued,
                } => {
                    let name = &scene.quadrants[*quadrant].name;
                    let text = if *continued {
                        format!("{name} (cont.)")
                    } else {
                        name.clone()
                    };
                    let _ = writeln!(
                        out,
                        r#"<text class="legend-heading t{}" x="{}" y="{}">{}</text>"#,
                        quadrant % PALETTE.len(),
                        Num(x),
                        Num(y),
                        escape(&text)
                    );
                }
                LegendKind::Ring { ring } => {
                    let _ = writeln!(
                        out,
                        r#"<text class="legend-ring{}" x="{}" y="{}">{}</text>"#,
                        ring_class(scene, *ring, "rt"),
                        Num(x),
                        Num(y),
                        escape(&scene.rings[*ring].name.to_uppercase())
                    );
                }
                LegendKind::Entry { blip, lines } => {
                    legend_entry(out, scene, &scene.blips[*blip], lines, (x, y));
                }
                LegendKind::Empty => {
                    let _ = writeln!(
                        out,
                        r#"<text class="legend-empty" x="{}" y="{}">nothing on the radar</text>"#,
                        Num(x + legend::NUMBER_COLUMN),
                        Num(y)
                    );
                }
            }
        }
        let _ = writeln!(out, "</g>");
    }
    let _ = writeln!(out, "</g>");
}

/// A blip's line in the legend: its number, right-aligned in the number
/// column, and its name in `lines`, with the tooltip the marker has.
fn legend_entry(
    out: &mut String,
    scene: &Scene,
    blip: &scene::Blip,
    lines: &[String],
    (x, y): (f64, f64),
) {
    let _ = writeln!(out, r#"<g class="legend-item">"#);
    let _ = writeln!(out, "<title>{}</title>", escape(&tooltip(scene, blip)));
    let _ = writeln!(
        out,
        r#"<text class="legend-number" x="{}" y="{}">{}</text>"#,
        Num(x + legend::NUMBER_COLUMN - 8.0),
        Num(y),
        blip.number
    );
    let _ = write!(
        out,
        r#"<text class="legend-entry" x="{}" y="{}">"#,
        Num(x + legend::NUMBER_COLUMN),
        Num(y)
    );
    for (i, text) in lines.iter().enumerate() {
        if i == 0 {
            let _ = write!(out, "{}", escape(text));
        } else {
            let _ = write!(
                out,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                Num(x + legend::NUMBER_COLUMN),
                Num(legend::ENTRY_LINE),
                escape(text)
            );
        }
    }
    let _ = writeln!(out, "</text>");
    let _ = writeln!(out, "</g>");
}

/// A row explaining the markers.
fn key(out: &mut String, scene: &Scene) {
    let first = scene.rings.first().map_or("", |r| r.name.as_str());
    let _ = writeln!(out, r#"<g class="key">"#);
    let mut x = scene.key.x;
    let y = scene.key.y;
    for (change, text) in scene::key_entries(first) {
        let cx = x + scene::MARKER;
        let _ = writeln!(
            out,
            r#"<g class="key-entry {}" transform="translate({} {})">"#,
            change.id(),
            Num(cx),
            Num(y)
        );
        let _ = writeln!(out, r#"<circle class="key-marker" r="{}"/>"#, Num(CORE));
        // In the key the centre is taken to be straight up, as in the radar's
        // top half.
        if let Some(mark) = change_mark(change, -90.0, "key-change", RING) {
            let _ = writeln!(out, "{mark}");
        }
        let _ = writeln!(
            out,
            r#"<text class="key-text" x="{}" y="{}">{}</text>"#,
            Num(scene::MARKER + 8.0),
            Num(scene::SMALL_SIZE * 0.35),
            escape(&text)
        );
        let _ = writeln!(out, "</g>");
        x += scene::key_entry_width(&text);
    }
    let _ = writeln!(out, "</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_marks_differ_and_moves_face_the_centre() {
        assert_eq!(change_mark(Change::Unchanged, 0.0, "c", RING), None);
        let new = change_mark(Change::New, 0.0, "c", RING).unwrap_or_default();
        assert!(new.starts_with("<circle"), "{new}");
        // Centre straight to the right: moving in, the half ring spans the
        // right side, from the top (0, -r) clockwise to the bottom (0, r).
        let r = Num(RING);
        assert_eq!(
            change_mark(Change::MovedIn, 0.0, "c", RING).unwrap_or_default(),
            format!(r#"<path class="c" d="M 0.0 -{r} A {r} {r} 0 0 1 0.0 {r}"/>"#)
        );
        assert_eq!(
            change_mark(Change::MovedOut, 0.0, "c", RING).unwrap_or_default(),
            format!(r#"<path class="c" d="M 0.0 {r} A {r} {r} 0 0 1 0.0 -{r}"/>"#)
        );
    }
}
