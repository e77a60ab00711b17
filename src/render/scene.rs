//! One edition of the radar as it will be drawn: numbered blips with their
//! change and position, the quadrant names, legends, key and page size.
//!
//! This is the pure middle between the validated [`Radar`] and the two files
//! that show it: [`crate::render::radar_svg`] writes it as SVG and
//! [`crate::render::radar_json`] as data, so both carry the very same coordinates.
//! Blip positions come from [`crate::render::layout`], the legends from
//! [`crate::render::legend`], text widths from [`crate::render::metrics`];
//! everything else here is page arithmetic.

use crate::input::changes::Change;
use crate::input::changes::changes_in;
use crate::input::quarter::Quarter;
use crate::input::radar::{Level, Link, Radar, Theme};
use crate::render::geometry::{Point, round1};
use crate::render::layout::{self, Item, Layout};
use crate::render::legend::{self, Legend, Sides};
use crate::render::metrics::{bold_text_width, text_width};

/// Bounding radius of a blip marker.
pub const MARKER: f64 = 13.0;
/// Space around the page.
pub const MARGIN: f64 = 24.0;
/// Height of the title block.
pub(crate) const HEADER: f64 = 84.0;
/// Font sizes, shared with the SVG writer.
pub const TITLE_SIZE: f64 = 22.0;
/// Subtitle and key text.
pub const SMALL_SIZE: f64 = 13.0;
/// Quadrant names, on the radar and as legend headings.
pub const QUADRANT_SIZE: f64 = 15.0;
/// Ring names on the radar.
pub const RING_SIZE: f64 = 12.0;
/// Distance of the quadrant names from the outer ring.
const QUADRANT_LABEL_GAP: f64 = 16.0;
/// Height of the key row under the radar.
pub const KEY_HEIGHT: f64 = 32.0;
/// Space between the radar (or the legends) and the key row.
const KEY_GAP: f64 = 28.0;

/// One blip: a technology on the radar in the drawn edition.
#[derive(Clone, Debug, PartialEq)]
pub struct Blip {
    /// Technology id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Number shown on the marker and in the legend, from 1.
    pub number: usize,
    /// Ring index.
    pub ring: usize,
    /// Quadrant index.
    pub quadrant: usize,
    /// Change since the previous edition.
    pub change: Change,
    /// http(s) link, if any.
    pub link: Option<String>,
    /// Further links.
    pub links: Vec<Link>,
    /// Tags.
    pub tags: Vec<String>,
    /// Total mentions in the reports.
    pub mentions: u64,
    /// Position on the page.
    pub at: Point,
}

/// Which end of a text its anchor point is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

impl Anchor {
    /// The value of SVG's `text-anchor` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }

    /// Left and right ends of a text `width` wide anchored at `x`.
    fn span(self, x: f64, width: f64) -> (f64, f64) {
        match self {
            Anchor::Start => (x, x + width),
            Anchor::End => (x - width, x),
            Anchor::Middle => (x - width / 2.0, x + width / 2.0),
        }
    }
}

/// Where a piece of text goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Anchor point on the page.
    pub at: Point,
    /// Which end of the text is at the anchor point.
    pub anchor: Anchor,
}

/// The whole picture of one edition.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Radar title.
    pub title: String,
    /// The edition drawn.
    pub edition: Quarter,
    /// The edition before it, which changes are relative to.
    pub previous: Option<Quarter>,
    /// Rings, innermost first.
    pub rings: Vec<Level>,
    /// Quadrants.
    pub quadrants: Vec<Level>,
    /// The palette it is drawn in.
    pub theme: Theme,
    /// Page width.
    pub width: f64,
    /// Page height.
    pub height: f64,
    /// The radar's centre on the page.
    pub center: Point,
    /// Radii, angles and label boxes, relative to the centre.
    pub layout: Layout,
    /// The blips, by number.
    pub blips: Vec<Blip>,
    /// Technologies on the radar in this edition but not drawn
    /// (`featured = false`), in the blips' order. They have no number
    /// (0) and no position (the origin).
    pub unfeatured: Vec<Blip>,
    /// Quadrant names around the radar.
    pub quadrant_labels: Vec<Label>,
    /// Legends, one per quadrant.
    pub legends: Vec<Legend>,
    /// Left end and baseline of the key row.
    pub key: Point,
}

impl Scene {
    /// Counts of each change, in [`Change`] order.
    pub fn changes(&self) -> [(Change, usize); 4] {
        [
            Change::New,
            Change::MovedIn,
            Change::MovedOut,
            Change::Unchanged,
        ]
        .map(|c| (c, self.blips.iter().filter(|b| b.change == c).count()))
    }
}

/// Lays out `edition` of `radar`. `mentions` holds each technology's total,
/// by index. Pure.
pub fn scene(radar: &Radar, edition: usize, mentions: &[u64]) -> Scene {
    let (mut blips, unfeatured) = numbered_blips(radar, edition, mentions);
    let layout = place_blips(radar, &blips);
    let (labels, reach) = quadrant_labels(radar, &layout);
    let sides = Sides::flow(&blips, &layout.sectors, reach.column_limit());

    // The radar sits right of the left legends, under the title.
    let center = Point {
        x: round1(MARGIN + sides.left_width() - reach.left),
        y: round1(HEADER - reach.top + 8.0),
    };
    let radar_right = center.x + reach.right;
    let radar_bottom = center.y + reach.bottom;
    let right_width = sides.right_width();
    let (legends, legend_bottom) = sides.place(radar_right);
    for (blip, p) in blips.iter_mut().zip(&layout.positions) {
        blip.at = onto_page(center, *p);
    }
    let quadrant_labels = labels
        .into_iter()
        .map(|l| Label {
            at: onto_page(center, l.at),
            ..l
        })
        .collect();

    let key_width = key_width(radar);
    let key = key_position(key_width, center, radar_bottom, &legends, legend_bottom);
    let content_right = (radar_right + right_width).max(key.x + key_width);
    Scene {
        title: radar.title.clone(),
        edition: radar.editions[edition],
        previous: edition.checked_sub(1).map(|e| radar.editions[e]),
        rings: radar.rings.clone(),
        quadrants: radar.quadrants.clone(),
        theme: radar.theme,
        width: round1(content_right + MARGIN).ceil(),
        height: round1(legend_bottom.max(key.y + KEY_HEIGHT) + MARGIN).ceil(),
        center,
        layout,
        blips,
        unfeatured,
        quadrant_labels,
        legends,
        key,
    }
}

/// `p`, relative to the radar's centre, moved onto the page.
fn onto_page(center: Point, p: Point) -> Point {
    Point {
        x: round1(center.x + p.x),
        y: round1(center.y + p.y),
    }
}

/// The technologies on the radar in `edition`, ordered by quadrant, then
/// ring, then name (ignoring case), each with its change since the
/// previous edition: those drawn, numbered, and those not featured in it.
fn numbered_blips(radar: &Radar, edition: usize, mentions: &[u64]) -> (Vec<Blip>, Vec<Blip>) {
    let changes = changes_in(radar, edition);
    let mut blips: Vec<(Blip, bool)> = radar
        .technologies
        .iter()
        .enumerate()
        .filter_map(|(index, tech)| {
            let blip = Blip {
                id: tech.id.clone(),
                name: tech.name.clone(),
                number: 0,
                ring: tech.ring_in(edition)?,
                quadrant: tech.quadrant,
                change: changes.change_of(index)?,
                link: tech.link.clone(),
                links: tech.links.clone(),
                tags: tech.tags.clone(),
                mentions: mentions.get(index).copied().unwrap_or(0),
                at: Point { x: 0.0, y: 0.0 },
            };
            Some((blip, tech.drawn_in(edition)))
        })
        .collect();
    // Numbers run by quadrant, then ring, then name; the legend follows.
    blips.sort_by(|(a, _), (b, _)| {
        (a.quadrant, a.ring, a.name.to_lowercase(), &a.name, &a.id).cmp(&(
            b.quadrant,
            b.ring,
            b.name.to_lowercase(),
            &b.name,
            &b.id,
        ))
    });
    let (mut drawn, unfeatured): (Vec<Blip>, Vec<Blip>) = blips.into_iter().fold(
        (Vec::new(), Vec::new()),
        |(mut drawn, mut unfeatured), (blip, is_drawn)| {
            if is_drawn {
                drawn.push(blip);
            } else {
                unfeatured.push(blip);
            }
            (drawn, unfeatured)
        },
    );
    for (i, blip) in drawn.iter_mut().enumerate() {
        blip.number = i + 1;
    }
    (drawn, unfeatured)
}

/// The radar's geometry with the blips placed, relative to its centre.
/// Positions come in the order of `blips`.
fn place_blips(radar: &Radar, blips: &[Blip]) -> Layout {
    let items: Vec<Item> = blips
        .iter()
        .map(|b| Item {
            id: &b.id,
            ring: b.ring,
            quadrant: b.quadrant,
        })
        .collect();
    layout::layout(&layout_spec(radar), &items)
}

/// What the layout needs to know of the radar besides its blips.
fn layout_spec(radar: &Radar) -> layout::Spec {
    layout::Spec {
        rings: radar.rings.len(),
        quadrants: radar.quadrants.len(),
        ring_labels: radar
            .rings
            .iter()
            .map(|r| bold_text_width(&r.name, RING_SIZE))
            .collect(),
        marker: MARKER,
    }
}

/// How far the radar and the quadrant names around it reach from its
/// centre, each side.
struct Reach {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Reach {
    /// How tall a legend column may grow. Legends flow into as many columns
    /// as it takes to stay about as tall as the radar with its key, so a
    /// big radar gets a wide page rather than a very long one.
    fn column_limit(&self) -> f64 {
        let radar_height = self.bottom - self.top + 8.0 + KEY_GAP + KEY_HEIGHT;
        radar_height.max(400.0)
    }
}

/// The quadrant names, outside the outer ring at each sector's middle,
/// relative to the centre; and how far they and the radar reach.
fn quadrant_labels(radar: &Radar, layout: &Layout) -> (Vec<Label>, Reach) {
    let radius = layout.radius();
    let mut labels: Vec<Label> = Vec::new();
    let mut reach = Reach {
        left: -radius,
        right: radius,
        top: -radius,
        bottom: radius,
    };
    for (q, sector) in layout.sectors.iter().enumerate() {
        let mid = f64::midpoint(sector.start, sector.end).to_radians();
        let (sin, cos) = mid.sin_cos();
        let distance = radius + QUADRANT_LABEL_GAP;
        let width = bold_text_width(&radar.quadrants[q].name, QUADRANT_SIZE);
        let anchor = if cos > 0.25 {
            Anchor::Start
        } else if cos < -0.25 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        // Below the radar the text hangs under the point; above, it stands on it.
        let x = distance * cos;
        let y = distance * sin + if sin > 0.0 { QUADRANT_SIZE } else { 0.0 };
        let (x0, x1) = anchor.span(x, width);
        reach.left = reach.left.min(x0);
        reach.right = reach.right.max(x1);
        reach.top = reach.top.min(y - QUADRANT_SIZE);
        reach.bottom = reach.bottom.max(y + 4.0);
        labels.push(Label {
            text: radar.quadrants[q].name.clone(),
            at: Point { x, y },
            anchor,
        });
    }
    (labels, reach)
}

/// Where the key row goes: under the radar, centred on it. On a small radar
/// the key is wider than the circle, and if it would then run under a
/// legend column it goes below the legends instead.
fn key_position(
    key_width: f64,
    center: Point,
    radar_bottom: f64,
    legends: &[Legend],
    legend_bottom: f64,
) -> Point {
    let x = round1(center.x - key_width / 2.0).max(MARGIN);
    let under_legend = legends
        .iter()
        .flat_map(|l| &l.lines)
        .any(|line| legend::overlaps(line, x, key_width));
    Point {
        x,
        y: round1(if under_legend {
            radar_bottom.max(legend_bottom) + KEY_GAP
        } else {
            radar_bottom + KEY_GAP
        }),
    }
}

/// The texts of the key, in the order they are drawn.
pub fn key_entries(first_ring: &str) -> [(Change, String); 4] {
    [
        (Change::New, "new".to_owned()),
        (Change::MovedIn, format!("moved in (towards {first_ring})")),
        (Change::MovedOut, "moved out".to_owned()),
        (Change::Unchanged, "unchanged".to_owned()),
    ]
}

/// Width of one key entry's text plus its marker and spacing.
pub fn key_entry_width(text: &str) -> f64 {
    2.0 * MARKER + 8.0 + text_width(text, SMALL_SIZE) + 24.0
}

/// Width of the whole key row.
fn key_width(radar: &Radar) -> f64 {
    let first = radar.rings.first().map_or("", |r| r.name.as_str());
    key_entries(first)
        .iter()
        .map(|(_, text)| key_entry_width(text))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::render::legend::LEGEND_WIDTH;

    /// A two-edition radar to add technologies to.
    fn fixture() -> RadarFixture {
        RadarFixture::new(&["2024-Q1", "2024-Q2"])
    }

    #[test]
    fn numbers_run_by_quadrant_ring_then_name() {
        let radar = fixture()
            .tech("b", "beta", "tools")
            .placed("2024-Q1", "adopt")
            .tech("a", "Alpha", "tools")
            .placed("2024-Q1", "adopt")
            .tech("z", "Zulu", "techniques")
            .placed("2024-Q1", "hold")
            .tech("t", "Trial thing", "tools")
            .placed("2024-Q1", "assess")
            .placed("2024-Q2", "trial")
            .tech("gone", "Gone", "tools")
            .placed("2024-Q1", "adopt")
            .placed("2024-Q2", "retired")
            .tech("late", "Late", "platforms")
            .placed("2024-Q2", "hold")
            .build();
        let scene = scene(&radar, 1, &[3, 1, 0, 0, 0, 0]);
        let order: Vec<(usize, &str, Change)> = scene
            .blips
            .iter()
            .map(|b| (b.number, b.id.as_str(), b.change))
            .collect();
        assert_eq!(
            order,
            [
                (1, "z", Change::Unchanged),
                (2, "a", Change::Unchanged),
                (3, "b", Change::Unchanged),
                (4, "t", Change::MovedIn),
                (5, "late", Change::New),
            ]
        );
        assert_eq!(scene.blips[2].mentions, 3);
        assert_eq!(
            scene.previous.map(|q| q.to_string()),
            Some("2024-Q1".into())
        );
        let first = super::scene(&radar, 0, &[]);
        assert!(first.blips.iter().all(|b| b.change == Change::New));
        assert!(first.blips.iter().any(|b| b.id == "gone"));
    }

    #[test]
    fn a_technology_not_featured_is_listed_apart_and_not_numbered() {
        let radar = fixture()
            .tech("a", "Alpha", "tools")
            .placed("2024-Q1", "adopt")
            .tech("b", "Beta", "tools")
            .placed("2024-Q1", "adopt")
            .placement_key("featured", "false")
            .placed("2024-Q2", "trial")
            .tech("c", "Gamma", "tools")
            .placed("2024-Q1", "adopt")
            .build();
        let ids = |blips: &[Blip]| -> Vec<(usize, String)> {
            blips.iter().map(|b| (b.number, b.id.clone())).collect()
        };
        let first = scene(&radar, 0, &[]);
        assert_eq!(ids(&first.blips), [(1, "a".into()), (2, "c".into())]);
        assert_eq!(ids(&first.unfeatured), [(0, "b".into())]);
        // Featured again from the next placement on.
        let second = scene(&radar, 1, &[]);
        assert_eq!(second.blips.len(), 3);
        assert!(second.unfeatured.is_empty());
    }

    #[test]
    fn page_keeps_its_size_when_a_roomy_cell_gains_a_blip() {
        let few = (0..6).fold(fixture(), |radar, i| {
            radar
                .tech(&format!("t{i}"), &format!("T{i}"), "tools")
                .placed("2024-Q1", "trial")
        });
        let more = few
            .clone()
            .tech("new", "New", "platforms")
            .placed("2024-Q2", "assess");
        let before = scene(&few.build(), 1, &[]);
        let after = scene(&more.build(), 1, &[]);
        assert_eq!((before.width, before.height), (after.width, after.height));
        assert_eq!(before.center, after.center);
        for b in &before.blips {
            let a = after
                .blips
                .iter()
                .find(|a| a.id == b.id)
                .expect("still there");
            assert_eq!(a.at, b.at, "{} moved", b.id);
        }
    }

    #[test]
    fn legends_stay_beside_the_radar() {
        let quadrants = [
            "techniques",
            "tools",
            "platforms",
            "languages-and-frameworks",
        ];
        let many = (0..90).fold(fixture(), |radar, i| {
            radar
                .tech(
                    &format!("t{i}"),
                    &format!("Technology number {i}"),
                    quadrants[i % 4],
                )
                .placed("2024-Q1", "hold")
        });
        let scene = scene(&many.build(), 1, &[]);
        let radius = scene.layout.radius();
        for legend in &scene.legends {
            for line in &legend.lines {
                assert!(
                    line.x + LEGEND_WIDTH < scene.center.x - radius
                        || line.x > scene.center.x + radius,
                    "legend line at x={} is over the radar",
                    line.x
                );
                assert!(line.y < scene.height);
            }
        }
    }
}
