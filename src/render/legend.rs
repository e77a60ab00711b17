//! The legends beside the radar: for each quadrant its heading, its rings'
//! names and its blips' numbered names, flowed into columns left and right
//! of the radar.
//!
//! The scene asks for both sides' legends (`Sides::flow`), leaves room
//! for them, and places them once it knows where the radar ends
//! (`Sides::place`). Names are wrapped with [`crate::render::metrics`];
//! the SVG writer draws the lines as they are placed here.

use crate::render::geometry::{Sector, round1};
use crate::render::metrics::wrap;
use crate::render::scene::{Blip, HEADER, MARGIN, QUADRANT_SIZE};

/// Width of a legend column.
pub const LEGEND_WIDTH: f64 = 250.0;
/// Space between a legend column and the radar.
const LEGEND_GAP: f64 = 32.0;
/// Space between two columns of the same side's legends.
const COLUMN_GAP: f64 = 24.0;
/// Space between one quadrant's legend and the next.
const QUADRANT_GAP: f64 = 18.0;
/// Legend entries.
pub const ENTRY_SIZE: f64 = 12.0;
/// Ring names in the legend.
pub const LEGEND_RING_SIZE: f64 = 11.0;
/// Line height of legend entries.
pub const ENTRY_LINE: f64 = 16.0;
/// Width kept for the number in front of a legend entry.
pub const NUMBER_COLUMN: f64 = 30.0;

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
        /// Index into [`crate::render::scene::Scene::blips`].
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

/// The legends of both sides, left then right, flowed into columns but not
/// yet placed across the page.
pub(crate) struct Sides([Flow; 2]);

impl Sides {
    /// Flows the legends of the quadrants of `sectors` into columns no
    /// taller than `limit`. Legends go left or right of the radar by the
    /// side their sector is on, top to bottom in the order the sectors are.
    pub(crate) fn flow(blips: &[Blip], sectors: &[Sector], limit: f64) -> Sides {
        let mut sides: [Vec<(f64, usize)>; 2] = [Vec::new(), Vec::new()];
        for (q, sector) in sectors.iter().enumerate() {
            let mid = f64::midpoint(sector.start, sector.end).to_radians();
            let side = usize::from(mid.cos() > -1e-9);
            sides[side].push((mid.sin(), q));
        }
        Sides(sides.map(|mut quadrants| {
            quadrants.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let qs: Vec<usize> = quadrants.iter().map(|&(_, q)| q).collect();
            flow(blips, &qs, limit)
        }))
    }

    /// Width the left legends take, with the gap to the radar; 0 if none.
    pub(crate) fn left_width(&self) -> f64 {
        self.0[0].width()
    }

    /// Width the right legends take, with the gap to the radar; 0 if none.
    pub(crate) fn right_width(&self) -> f64 {
        self.0[1].width()
    }

    /// Places the left legends at the margin and the right ones past
    /// `radar_right`. Gives the legends by quadrant, and the lowest point
    /// any of them reaches.
    pub(crate) fn place(self, radar_right: f64) -> (Vec<Legend>, f64) {
        let mut legends = Vec::new();
        let mut bottom: f64 = 0.0;
        for (side, flow) in self.0.into_iter().enumerate() {
            let x0 = if side == 0 {
                MARGIN
            } else {
                radar_right + LEGEND_GAP
            };
            bottom = bottom.max(flow.bottom);
            for mut legend in flow.legends {
                for line in &mut legend.lines {
                    line.x = round1(x0 + line.x * (LEGEND_WIDTH + COLUMN_GAP));
                }
                legends.push(legend);
            }
        }
        legends.sort_by_key(|l| l.quadrant);
        (legends, bottom)
    }
}

/// Whether a legend line at `line` runs over the stretch from `x` to
/// `x + width`.
pub(crate) fn overlaps(line: &LegendLine, x: f64, width: f64) -> bool {
    line.x < x + width && line.x + LEGEND_WIDTH > x
}

/// One side's legends, flowed into columns. Line `x` values hold the
/// column index until the side's place on the page is known.
struct Flow {
    legends: Vec<Legend>,
    columns: usize,
    bottom: f64,
}

impl Flow {
    /// Width of the columns and the gap to the radar; 0 without columns.
    fn width(&self) -> f64 {
        if self.columns == 0 {
            0.0
        } else {
            self.columns as f64 * (LEGEND_WIDTH + COLUMN_GAP) - COLUMN_GAP + LEGEND_GAP
        }
    }
}

/// A legend line before it is placed: what it shows, the space above its
/// baseline and below it, and the gap before it.
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
    let pending = pending(blips, quadrants);
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

/// The lines of the legends of `quadrants`, in reading order: each
/// quadrant's heading, then its blips grouped under their rings' names, or
/// a line saying it has none.
fn pending(blips: &[Blip], quadrants: &[usize]) -> Vec<Pending> {
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
    pending
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
