//! One edition of the radar as it will be drawn: numbered blips with their
//! change and position, the legends, labels and page size.
//!
//! This is the pure middle between the validated [`Radar`] and the two files
//! that show it: [`crate::render::radar_svg`] writes it as SVG and
//! [`crate::render::radar_json`] as data, so both carry the very same coordinates.
//! Blip positions come from [`crate::render::layout`]; everything else here is page
//! arithmetic.

use crate::input::quarter::Quarter;
use crate::input::radar::{Change, Level, Radar};
use crate::render::layout::{self, Item, Layout, Point};
use crate::render::svg::{round1, text_width, wrap};

/// Bounding radius of a blip marker.
pub const MARKER: f64 = 13.0;
/// Space around the page.
pub const MARGIN: f64 = 24.0;
/// Width of a legend column.
pub const LEGEND_WIDTH: f64 = 250.0;
/// Space between a legend column and the radar.
const LEGEND_GAP: f64 = 32.0;
/// Space between two columns of the same side's legends.
const COLUMN_GAP: f64 = 24.0;
/// Space between one quadrant's legend and the next.
const QUADRANT_GAP: f64 = 18.0;
/// Height of the title block.
const HEADER: f64 = 84.0;
/// Font sizes, shared with the SVG writer.
pub const TITLE_SIZE: f64 = 22.0;
/// Subtitle and key text.
pub const SMALL_SIZE: f64 = 13.0;
/// Quadrant names, on the radar and as legend headings.
pub const QUADRANT_SIZE: f64 = 15.0;
/// Ring names on the radar.
pub const RING_SIZE: f64 = 12.0;
/// Legend entries.
pub const ENTRY_SIZE: f64 = 12.0;
/// Ring names in the legend.
pub const LEGEND_RING_SIZE: f64 = 11.0;
/// Line height of legend entries.
pub const ENTRY_LINE: f64 = 16.0;
/// Width kept for the number in front of a legend entry.
pub const NUMBER_COLUMN: f64 = 30.0;
/// Bold text runs wider than the per-character estimate.
const BOLD: f64 = 1.1;
/// Distance of the quadrant names from the outer ring.
const QUADRANT_LABEL_GAP: f64 = 16.0;
/// Height of the key row under the radar.
pub const KEY_HEIGHT: f64 = 32.0;

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
    /// Total mentions in the reports.
    pub mentions: u64,
    /// Position on the page.
    pub at: Point,
}

/// Where a piece of text goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Anchor point on the page.
    pub at: Point,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
}

/// What a legend line shows.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendKind {
    /// The quadrant's name, as the heading.
    Heading {
        /// Quadrant index.
        quadrant: usize,
    },
    /// A ring's name, grouping the entries under it.
    Ring {
        /// Ring index.
        ring: usize,
    },
    /// One blip: its number, and its name wrapped into lines.
    Entry {
        /// Index into [`Scene::blips`].
        blip: usize,
        /// The name, wrapped.
        lines: Vec<String>,
    },
    /// Said when a quadrant has no blips.
    Empty,
}

/// A line of a legend: what it shows and where.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendLine {
    /// Left edge of its column.
    pub x: f64,
    /// Baseline (of the first line, for wrapped entries).
    pub y: f64,
    /// What it shows.
    pub kind: LegendKind,
}

/// One quadrant's legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Quadrant index.
    pub quadrant: usize,
    /// The lines, in reading order.
    pub lines: Vec<LegendLine>,
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
    let mut blips = numbered_blips(radar, edition, mentions);
    let spec = layout_spec(radar);
    let items: Vec<Item> = blips
        .iter()
        .map(|b| Item {
            id: &b.id,
            ring: b.ring,
            quadrant: b.quadrant,
        })
        .collect();
    let layout = layout::layout(&spec, &items);
    let radius = layout.radius();

    // Quadrant names sit outside the outer ring at each sector's middle.
    let mut labels_rel: Vec<Label> = Vec::new();
    let (mut left, mut right, mut top, mut bottom) = (-radius, radius, -radius, radius);
    for (q, sector) in layout.sectors.iter().enumerate() {
        let mid = f64::midpoint(sector.start, sector.end).to_radians();
        let (sin, cos) = mid.sin_cos();
        let reach = radius + QUADRANT_LABEL_GAP;
        let width = text_width(&radar.quadrants[q].name, QUADRANT_SIZE) * BOLD;
        let anchor = if cos > 0.25 {
            "start"
        } else if cos < -0.25 {
            "end"
        } else {
            "middle"
        };
        // Below the radar the text hangs under the point; above, it stands on it.
        let x = reach * cos;
        let y = reach * sin + if sin > 0.0 { QUADRANT_SIZE } else { 0.0 };
        let (x0, x1) = match anchor {
            "start" => (x, x + width),
            "end" => (x - width, x),
            _ => (x - width / 2.0, x + width / 2.0),
        };
        left = left.min(x0);
        right = right.max(x1);
        top = top.min(y - QUADRANT_SIZE);
        bottom = bottom.max(y + 4.0);
        labels_rel.push(Label {
            text: radar.quadrants[q].name.clone(),
            at: Point { x, y },
            anchor,
        });
    }

    // Legends go left or right of the radar by the side their sector is on,
    // top to bottom in the order the sectors are.
    let mut sides: [Vec<(f64, usize)>; 2] = [Vec::new(), Vec::new()];
    for (q, sector) in layout.sectors.iter().enumerate() {
        let mid = f64::midpoint(sector.start, sector.end).to_radians();
        let side = usize::from(mid.cos() > -1e-9);
        sides[side].push((mid.sin(), q));
    }
    for side in &mut sides {
        side.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    // Legends flow into as many columns as it takes to stay about as tall
    // as the radar, so a big radar gets a wide page rather than a very
    // long one.
    let radar_height = bottom - top + 8.0 + 28.0 + KEY_HEIGHT;
    let flows: Vec<Flow> = sides
        .iter()
        .map(|quadrants| {
            let qs: Vec<usize> = quadrants.iter().map(|&(_, q)| q).collect();
            flow(&blips, &qs, radar_height.max(400.0))
        })
        .collect();
    let side_width = |flow: &Flow| {
        if flow.columns == 0 {
            0.0
        } else {
            flow.columns as f64 * (LEGEND_WIDTH + COLUMN_GAP) - COLUMN_GAP + LEGEND_GAP
        }
    };
    let center = Point {
        x: round1(MARGIN + side_width(&flows[0]) - left),
        y: round1(HEADER - top + 8.0),
    };
    let radar_right = center.x + right;
    let radar_bottom = center.y + bottom;
    let right_width = side_width(&flows[1]);
    let mut legends = Vec::new();
    let mut legend_bottom: f64 = 0.0;
    for (side, flow) in flows.into_iter().enumerate() {
        let x0 = if side == 0 {
            MARGIN
        } else {
            radar_right + LEGEND_GAP
        };
        legend_bottom = legend_bottom.max(flow.bottom);
        for mut legend in flow.legends {
            for line in &mut legend.lines {
                line.x = round1(x0 + line.x * (LEGEND_WIDTH + COLUMN_GAP));
            }
            legends.push(legend);
        }
    }
    legends.sort_by_key(|l| l.quadrant);

    // Items were made from the blips in order, so positions line up.
    for (blip, p) in blips.iter_mut().zip(&layout.positions) {
        blip.at = Point {
            x: round1(center.x + p.x),
            y: round1(center.y + p.y),
        };
    }
    let quadrant_labels = labels_rel
        .into_iter()
        .map(|l| Label {
            at: Point {
                x: round1(center.x + l.at.x),
                y: round1(center.y + l.at.y),
            },
            ..l
        })
        .collect();

    // The key goes under the radar; on a small radar it is wider than the
    // circle, and if it would then run under a legend column it goes below
    // the legends instead.
    let key_x = round1(center.x - key_width(radar) / 2.0).max(MARGIN);
    let under_legend = legends
        .iter()
        .flat_map(|l| &l.lines)
        .any(|line| line.x < key_x + key_width(radar) && line.x + LEGEND_WIDTH > key_x);
    let key = Point {
        x: key_x,
        y: round1(if under_legend {
            radar_bottom.max(legend_bottom) + 28.0
        } else {
            radar_bottom + 28.0
        }),
    };
    let content_right = (radar_right + right_width).max(key.x + key_width(radar));
    let previous = edition.checked_sub(1).map(|e| radar.editions[e]);
    Scene {
        title: radar.title.clone(),
        edition: radar.editions[edition],
        previous,
        rings: radar.rings.clone(),
        quadrants: radar.quadrants.clone(),
        width: round1(content_right + MARGIN).ceil(),
        height: round1(legend_bottom.max(key.y + KEY_HEIGHT) + MARGIN).ceil(),
        center,
        layout,
        blips,
        quadrant_labels,
        legends,
        key,
    }
}

/// What the layout needs to know of the radar besides its blips.
fn layout_spec(radar: &Radar) -> layout::Spec {
    layout::Spec {
        rings: radar.rings.len(),
        quadrants: radar.quadrants.len(),
        ring_labels: radar
            .rings
            .iter()
            .map(|r| text_width(&r.name, RING_SIZE) * BOLD)
            .collect(),
        marker: MARKER,
    }
}

/// The technologies on the radar in `edition`, numbered by quadrant, then
/// ring, then name (ignoring case), each with its change since the
/// previous edition.
fn numbered_blips(radar: &Radar, edition: usize, mentions: &[u64]) -> Vec<Blip> {
    let mut blips: Vec<Blip> = radar
        .technologies
        .iter()
        .enumerate()
        .filter_map(|(index, tech)| {
            Some(Blip {
                id: tech.id.clone(),
                name: tech.name.clone(),
                number: 0,
                ring: tech.ring_in(edition)?,
                quadrant: tech.quadrant,
                change: tech.change_in(edition)?,
                link: tech.link.clone(),
                mentions: mentions.get(index).copied().unwrap_or(0),
                at: Point { x: 0.0, y: 0.0 },
            })
        })
        .collect();
    // Numbers run by quadrant, then ring, then name; the legend follows.
    blips.sort_by(|a, b| {
        (a.quadrant, a.ring, a.name.to_lowercase(), &a.name, &a.id).cmp(&(
            b.quadrant,
            b.ring,
            b.name.to_lowercase(),
            &b.name,
            &b.id,
        ))
    });
    for (i, blip) in blips.iter_mut().enumerate() {
        blip.number = i + 1;
    }
    blips
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

fn key_width(radar: &Radar) -> f64 {
    let first = radar.rings.first().map_or("", |r| r.name.as_str());
    key_entries(first)
        .iter()
        .map(|(_, text)| key_entry_width(text))
        .sum()
}

/// One side's legends, flowed into columns. Line `x` values hold the
/// column index until the side's place on the page is known.
struct Flow {
    legends: Vec<Legend>,
    columns: usize,
    bottom: f64,
}

/// A legend line before it is placed: what it shows, the space above its
/// baseline and below it, and whether it is a heading that must not end a
/// column.
struct Pending {
    quadrant: usize,
    kind: LegendKind,
    above: f64,
    below: f64,
    gap: f64,
}

/// Lays out the legends of `quadrants`, top to bottom, starting a new column
/// when one would grow taller than `limit`. A heading always stays with the
/// line after it.
fn flow(blips: &[Blip], quadrants: &[usize], limit: f64) -> Flow {
    let mut pending: Vec<Pending> = Vec::new();
    for (i, &quadrant) in quadrants.iter().enumerate() {
        pending.push(Pending {
            quadrant,
            kind: LegendKind::Heading { quadrant },
            above: QUADRANT_SIZE,
            below: 8.0,
            gap: if i == 0 { 0.0 } else { QUADRANT_GAP },
        });
        let mut ring = None;
        for (index, blip) in blips.iter().enumerate() {
            if blip.quadrant != quadrant {
                continue;
            }
            if ring != Some(blip.ring) {
                ring = Some(blip.ring);
                pending.push(Pending {
                    quadrant,
                    kind: LegendKind::Ring { ring: blip.ring },
                    above: 8.0 + LEGEND_RING_SIZE,
                    below: 4.0,
                    gap: 0.0,
                });
            }
            let lines = wrap(&blip.name, LEGEND_WIDTH - NUMBER_COLUMN, ENTRY_SIZE);
            pending.push(Pending {
                quadrant,
                above: ENTRY_LINE,
                below: ENTRY_LINE * (lines.len() - 1) as f64,
                kind: LegendKind::Entry { blip: index, lines },
                gap: 0.0,
            });
        }
        if ring.is_none() {
            pending.push(Pending {
                quadrant,
                kind: LegendKind::Empty,
                above: ENTRY_LINE + 4.0,
                below: 0.0,
                gap: 0.0,
            });
        }
    }

    // Find how many columns it takes, then even them out: the shortest
    // limit that still needs no more columns.
    let first = place(&pending, limit);
    let total: f64 = pending.iter().map(|p| p.gap + p.above + p.below).sum();
    let mut even = (total / first.columns.max(1) as f64).min(limit);
    loop {
        let flow = place(&pending, even);
        if flow.columns <= first.columns {
            return flow;
        }
        even += ENTRY_LINE;
    }
}

/// Places the pending lines into columns no taller than `limit`.
fn place(pending: &[Pending], limit: f64) -> Flow {
    let mut legends: Vec<Legend> = Vec::new();
    let (mut column, mut y, mut bottom) = (0usize, HEADER, HEADER);
    for (i, item) in pending.iter().enumerate() {
        let heading = !matches!(item.kind, LegendKind::Entry { .. } | LegendKind::Empty);
        let mut need = item.gap + item.above + item.below;
        if heading && let Some(next) = pending.get(i + 1) {
            need += next.above + next.below;
        }
        if y > HEADER && y + need > HEADER + limit {
            column += 1;
            y = HEADER;
        }
        if y > HEADER {
            y += item.gap;
        }
        y += item.above;
        if legends.last().is_none_or(|l| l.quadrant != item.quadrant) {
            legends.push(Legend {
                quadrant: item.quadrant,
                lines: Vec::new(),
            });
        }
        if let Some(legend) = legends.last_mut() {
            legend.lines.push(LegendLine {
                x: column as f64,
                y: round1(y),
                kind: item.kind.clone(),
            });
        }
        y += item.below;
        bottom = bottom.max(y);
    }
    Flow {
        columns: if pending.is_empty() { 0 } else { column + 1 },
        legends,
        bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use std::collections::BTreeMap;

    /// Every edit of one technology on the shipped radar: removing it,
    /// moving it to each other ring, and adding a new one to each cell.
    /// At least 95% of the other blips must keep exactly their spot.
    #[test]
    fn every_single_edit_of_the_shipped_radar_keeps_95_percent_in_place() {
        /// A blip as the layout sees it: id, ring, quadrant.
        type Entry = (String, usize, usize);
        let radar = crate::input::radar::from_test_toml(include_str!("../../radar.toml"));
        let spec = layout_spec(&radar);
        let zeros = vec![0; radar.technologies.len()];
        let base: Vec<Entry> = numbered_blips(&radar, radar.current(), &zeros)
            .into_iter()
            .map(|b| (b.id, b.ring, b.quadrant))
            .collect();
        let place = |items: &[Entry]| -> BTreeMap<String, Point> {
            let list: Vec<Item> = items
                .iter()
                .map(|(id, ring, quadrant)| Item {
                    id,
                    ring: *ring,
                    quadrant: *quadrant,
                })
                .collect();
            let placed = layout::layout(&spec, &list);
            items
                .iter()
                .map(|i| i.0.clone())
                .zip(placed.positions)
                .collect()
        };
        let before = place(&base);
        let mut variants: Vec<(String, Vec<Entry>)> = Vec::new();
        for (n, (id, ring, _)) in base.iter().enumerate() {
            let mut removed = base.clone();
            removed.remove(n);
            variants.push((format!("remove {id}"), removed));
            for to in (0..radar.rings.len()).filter(|r| r != ring) {
                let mut moved = base.clone();
                moved[n].1 = to;
                variants.push((format!("move {id} to ring {to}"), moved));
            }
        }
        for ring in 0..radar.rings.len() {
            for quadrant in 0..radar.quadrants.len() {
                let mut added = base.clone();
                added.push((format!("new-{ring}-{quadrant}"), ring, quadrant));
                variants.push((format!("add to ring {ring}, quadrant {quadrant}"), added));
            }
        }
        assert!(variants.len() > 250);
        for (what, items) in variants {
            let after = place(&items);
            let edited = what.split(' ').nth(1).unwrap_or_default();
            let others: Vec<&String> = before
                .keys()
                .filter(|id| after.contains_key(*id) && id.as_str() != edited)
                .collect();
            let kept = others
                .iter()
                .filter(|id| before[**id] == after[**id])
                .count();
            assert!(
                kept * 100 >= others.len() * 95,
                "{what}: only {kept} of {} kept their spot",
                others.len()
            );
        }
    }

    fn radar(technologies: &str) -> Radar {
        let text = format!(
            "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\", \"2024-Q2\"]\n{technologies}"
        );
        let (radar, diagnostics) =
            crate::input::radar::load(&SourceFile::new("radar.toml", text)).expect("parses");
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != crate::diagnostic::Severity::Error)
        );
        radar
    }

    fn tech(id: &str, name: &str, quadrant: &str, rings: &[(&str, &str)]) -> String {
        let mut out =
            format!("[technologies.{id}]\nname = \"{name}\"\nquadrant = \"{quadrant}\"\n");
        for (edition, ring) in rings {
            out.push_str(&format!(
                "[[technologies.{id}.placements]]\nedition = \"{edition}\"\nring = \"{ring}\"\n"
            ));
        }
        out
    }

    #[test]
    fn numbers_run_by_quadrant_ring_then_name() {
        let radar = radar(
            &[
                tech("b", "beta", "tools", &[("2024-Q1", "adopt")]),
                tech("a", "Alpha", "tools", &[("2024-Q1", "adopt")]),
                tech("z", "Zulu", "techniques", &[("2024-Q1", "hold")]),
                tech(
                    "t",
                    "Trial thing",
                    "tools",
                    &[("2024-Q1", "assess"), ("2024-Q2", "trial")],
                ),
                tech(
                    "gone",
                    "Gone",
                    "tools",
                    &[("2024-Q1", "adopt"), ("2024-Q2", "retired")],
                ),
                tech("late", "Late", "platforms", &[("2024-Q2", "hold")]),
            ]
            .concat(),
        );
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
    fn page_keeps_its_size_when_a_roomy_cell_gains_a_blip() {
        let few: String = (0..6)
            .map(|i| {
                tech(
                    &format!("t{i}"),
                    &format!("T{i}"),
                    "tools",
                    &[("2024-Q1", "trial")],
                )
            })
            .collect();
        let before = scene(&radar(&few), 1, &[]);
        let more = few + &tech("new", "New", "platforms", &[("2024-Q2", "assess")]);
        let after = scene(&radar(&more), 1, &[]);
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
        let many: String = (0..90)
            .map(|i| {
                let quadrant = [
                    "techniques",
                    "tools",
                    "platforms",
                    "languages-and-frameworks",
                ][i % 4];
                tech(
                    &format!("t{i}"),
                    &format!("Technology number {i}"),
                    quadrant,
                    &[("2024-Q1", "hold")],
                )
            })
            .collect();
        let scene = scene(&radar(&many), 1, &[]);
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
