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
        /// Whether it repeats the heading at the top of a column the
        /// quadrant's legend continues into ("Tools (cont.)").
        continued: bool,
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

impl Pending {
    /// A quadrant's heading, `gap` below the legend before it.
    fn heading(quadrant: usize, continued: bool, gap: f64) -> Pending {
        Pending {
            quadrant,
            kind: LegendKind::Heading {
                quadrant,
                continued,
            },
            above: QUADRANT_SIZE,
            below: 8.0,
            gap,
        }
    }

    /// A ring's name over its entries.
    fn ring(quadrant: usize, ring: usize) -> Pending {
        Pending {
            quadrant,
            kind: LegendKind::Ring { ring },
            above: 8.0 + LEGEND_RING_SIZE,
            below: 4.0,
            gap: 0.0,
        }
    }
}

/// The lines of the legends of `quadrants`, in reading order: each
/// quadrant's heading, then its blips grouped under their rings' names, or
/// a line saying it has none.
fn pending(blips: &[Blip], quadrants: &[usize]) -> Vec<Pending> {
    let mut pending: Vec<Pending> = Vec::new();
    for (i, &quadrant) in quadrants.iter().enumerate() {
        let gap = if i == 0 { 0.0 } else { QUADRANT_GAP };
        pending.push(Pending::heading(quadrant, false, gap));
        let mut ring = None;
        for (index, blip) in blips.iter().enumerate() {
            if blip.quadrant != quadrant {
                continue;
            }
            if ring != Some(blip.ring) {
                ring = Some(blip.ring);
                pending.push(Pending::ring(quadrant, blip.ring));
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

/// Lines being placed into columns, top to bottom.
struct Columns {
    legends: Vec<Legend>,
    column: usize,
    y: f64,
    bottom: f64,
}

impl Columns {
    /// Places `item` under the line before it in the current column.
    fn put(&mut self, item: &Pending) {
        if self.y > HEADER {
            self.y += item.gap;
        }
        self.y += item.above;
        if self
            .legends
            .last()
            .is_none_or(|l| l.quadrant != item.quadrant)
        {
            self.legends.push(Legend {
                quadrant: item.quadrant,
                lines: Vec::new(),
            });
        }
        if let Some(legend) = self.legends.last_mut() {
            legend.lines.push(LegendLine {
                x: self.column as f64,
                y: round1(self.y),
                kind: item.kind.clone(),
            });
        }
        self.y += item.below;
        self.bottom = self.bottom.max(self.y);
    }
}

/// Places the pending lines into columns no taller than `limit`. A
/// quadrant whose lines go on in the next column gets its heading again
/// at the top of it (and the ring's name, when the column starts inside a
/// ring), so no column starts with entries of an unnamed quadrant.
fn place(pending: &[Pending], limit: f64) -> Flow {
    let mut columns = Columns {
        legends: Vec::new(),
        column: 0,
        y: HEADER,
        bottom: HEADER,
    };
    let mut ring = None;
    for (i, item) in pending.iter().enumerate() {
        let heading = !matches!(item.kind, LegendKind::Entry { .. } | LegendKind::Empty);
        let mut need = item.gap + item.above + item.below;
        if heading && let Some(next) = pending.get(i + 1) {
            need += next.above + next.below;
        }
        if columns.y > HEADER && columns.y + need > HEADER + limit {
            columns.column += 1;
            columns.y = HEADER;
            match item.kind {
                LegendKind::Heading { .. } => {}
                LegendKind::Ring { .. } => {
                    columns.put(&Pending::heading(item.quadrant, true, 0.0));
                }
                LegendKind::Entry { .. } | LegendKind::Empty => {
                    columns.put(&Pending::heading(item.quadrant, true, 0.0));
                    if let Some(ring) = ring {
                        columns.put(&Pending::ring(item.quadrant, ring));
                    }
                }
            }
        }
        match item.kind {
            LegendKind::Heading { .. } => ring = None,
            LegendKind::Ring { ring: r } => ring = Some(r),
            _ => {}
        }
        columns.put(item);
    }
    Flow {
        columns: if pending.is_empty() {
            0
        } else {
            columns.column + 1
        },
        legends: columns.legends,
        bottom: columns.bottom,
    }
}
