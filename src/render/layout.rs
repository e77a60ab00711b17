//! Where each blip goes: ring radii, sector angles and blip positions, as a
//! pure function of `(id, ring, quadrant)` items.
//!
//! Three promises shape this module:
//!
//! - **Deterministic.** Positions come from a fixed hash and a fixed
//!   pseudo-random sequence ([`crate::render::hash`]), so the same items
//!   give the same numbers on every run.
//! - **Stable.** A blip's spot is seeded by its own id, not by its index
//!   among the others. Each cell (one ring band in one sector) has a fixed
//!   set of slots, scattered once per cell by dart throwing (`cell`);
//!   blips take the free slot nearest to the point their hash picks, in
//!   hash order. Adding, removing or moving one technology therefore only
//!   disturbs blips that wanted the same slot, and a pull request's SVG
//!   diff shows little else.
//! - **Never overlapping.** Slots are at least two marker radii plus a gap
//!   apart and keep the whole marker inside its band and sector and off the
//!   ring labels. Ring radii grow until every cell has room to spare, and
//!   they depend only on how many blips each cell holds (rounded up to
//!   steps), so adding a blip to a roomy cell moves nothing else.
//!
//! Coordinates are pixels relative to the radar's centre, y pointing down as
//! in SVG; angles are degrees clockwise from the positive x axis, so the
//! first sector starts straight up at -90° ([`crate::render::geometry`]).
//! Text widths come in already measured, in [`Spec::ring_labels`].

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::render::cell::Cell;
use crate::render::geometry::{Band, Point, Rect, Sector, distance2};
use crate::render::hash::{SplitMix64, fnv1a};

/// Gap between two markers, and between a marker and the edges of its cell.
/// A little over the required 2 px so that rounding to one decimal can
/// never bring two markers closer than that.
pub const GAP: f64 = 2.5;

/// Height of the box kept clear around each ring label.
pub const RING_LABEL_HEIGHT: f64 = 18.0;

/// Width of the innermost ring (a disk) before it needs to grow.
const BASE_INNER: f64 = 110.0;
/// Width of every other ring before it needs to grow.
const BASE_BAND: f64 = 80.0;
/// Rings grow in steps, so a cell's count has to cross a threshold before
/// the radar changes size.
const STEP: f64 = 20.0;

/// One blip to place.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// Stable id; seeds the position.
    pub id: &'a str,
    /// Ring index, innermost first.
    pub ring: usize,
    /// Quadrant index.
    pub quadrant: usize,
}

/// What the radar is made of, apart from the blips.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Number of rings (1 to 6).
    pub rings: usize,
    /// Number of quadrants (1 to 8).
    pub quadrants: usize,
    /// Estimated width in pixels of each ring's label, drawn centred on the
    /// upward axis in the middle of its band.
    pub ring_labels: Vec<f64>,
    /// Bounding radius of a blip marker.
    pub marker: f64,
}

/// The placed radar.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Bounding radius of every marker.
    pub marker: f64,
    /// Ring bands, innermost first.
    pub bands: Vec<Band>,
    /// Quadrant sectors.
    pub sectors: Vec<Sector>,
    /// Where each ring's label is centred.
    pub ring_labels: Vec<Point>,
    /// The boxes kept clear around the ring labels.
    pub label_boxes: Vec<Rect>,
    /// Each item's position, in the order the items were given, rounded to
    /// one decimal.
    pub positions: Vec<Point>,
}

impl Layout {
    /// The outer radius of the radar.
    pub fn radius(&self) -> f64 {
        self.bands.last().map_or(0.0, |b| b.outer)
    }
}

/// Places `items` on a radar described by `spec`. Pure and deterministic.
pub fn layout(spec: &Spec, items: &[Item]) -> Layout {
    let shape = Shape::of(spec);
    let sectors = shape.sectors();
    let rings = size_rings(spec, shape, &sectors, &shape.counts(items));
    let positions = fill(items, shape, &rings, &sectors);
    Layout {
        marker: spec.marker,
        bands: rings.iter().map(|r| r.band).collect(),
        sectors,
        ring_labels: rings.iter().map(|r| r.label).collect(),
        label_boxes: rings.iter().map(|r| r.label_box).collect(),
        positions,
    }
}

/// How many rings and quadrants the radar has (at least one of each), which
/// puts every item in a cell.
#[derive(Clone, Copy)]
struct Shape {
    rings: usize,
    quadrants: usize,
}

impl Shape {
    fn of(spec: &Spec) -> Shape {
        Shape {
            rings: spec.rings.max(1),
            quadrants: spec.quadrants.max(1),
        }
    }

    /// Degrees each sector spans.
    fn span(self) -> f64 {
        360.0 / self.quadrants as f64
    }

    /// The sectors, clockwise from straight up.
    fn sectors(self) -> Vec<Sector> {
        let span = self.span();
        (0..self.quadrants)
            .map(|q| Sector {
                start: -90.0 + span * q as f64,
                end: -90.0 + span * (q + 1) as f64,
            })
            .collect()
    }

    /// The cell an item falls in, as `(ring, quadrant)`; indices past the
    /// last fall in the last.
    fn cell(self, item: &Item) -> (usize, usize) {
        (
            item.ring.min(self.rings - 1),
            item.quadrant.min(self.quadrants - 1),
        )
    }

    /// How many items each cell holds, by ring, then quadrant.
    fn counts(self, items: &[Item]) -> Vec<Vec<usize>> {
        let mut counts = vec![vec![0usize; self.quadrants]; self.rings];
        for item in items {
            let (ring, quadrant) = self.cell(item);
            counts[ring][quadrant] += 1;
        }
        counts
    }
}

/// One sized ring: its band, where its label is centred and the box kept
/// clear around it, and the slots of each of its cells, by quadrant.
struct Ring {
    band: Band,
    label: Point,
    label_box: Rect,
    slots: Vec<Vec<Point>>,
}

/// Sizes the rings from the inside out, each one's slots computed at its
/// final width and kept for the placement. `counts` holds how many blips
/// each cell has, by ring, then quadrant.
fn size_rings(spec: &Spec, shape: Shape, sectors: &[Sector], counts: &[Vec<usize>]) -> Vec<Ring> {
    let mut rings: Vec<Ring> = Vec::with_capacity(counts.len());
    let mut inner = 0.0;
    for (ring, ring_counts) in counts.iter().enumerate() {
        let need = needed(ring_counts.iter().copied().max().unwrap_or(0));
        let sized = size_ring(spec, shape, sectors, ring, inner, need);
        inner = sized.band.outer;
        rings.push(sized);
    }
    rings
}

/// Widens ring `ring`, from radius `inner` out, until each of its cells has
/// `need` slots clear of the ring's label.
fn size_ring(
    spec: &Spec,
    shape: Shape,
    sectors: &[Sector],
    ring: usize,
    inner: f64,
    need: usize,
) -> Ring {
    let label_width = spec.ring_labels.get(ring).copied().unwrap_or(0.0);
    let mut width = if ring == 0 { BASE_INNER } else { BASE_BAND };
    loop {
        let band = Band {
            inner,
            outer: inner + width,
        };
        if !may_hold(need, band, shape.span(), spec.marker) {
            width += STEP;
            continue;
        }
        let label = Point {
            x: 0.0,
            y: -(band.inner + band.outer) / 2.0,
        };
        let label_box = Rect {
            x: -(label_width / 2.0 + 4.0),
            y: label.y - RING_LABEL_HEIGHT / 2.0,
            w: label_width + 8.0,
            h: RING_LABEL_HEIGHT,
        };
        // Cells are independent, and big radars spend their time here:
        // they are scattered in parallel, and the first cell without
        // room enough stops the others (rayon's collect into an Option
        // short-circuits), since the width is too small either way.
        let whole_circle = shape.quadrants == 1;
        let cells: Option<Vec<Vec<Point>>> = sectors
            .par_iter()
            .enumerate()
            .map(|(q, sector)| {
                let cell = Cell::new(band, *sector, whole_circle, &[label_box], spec.marker)
                    .slots(seed(ring, q));
                (cell.len() >= need).then_some(cell)
            })
            .collect();
        if let Some(slots) = cells {
            return Ring {
                band,
                label,
                label_box,
                slots,
            };
        }
        width += STEP;
    }
}

/// Fills each cell in hash order, each blip taking the free slot nearest
/// the point it would like: nobody's index among the others matters. Gives
/// the positions in the order of `items`.
fn fill(items: &[Item], shape: Shape, rings: &[Ring], sectors: &[Sector]) -> Vec<Point> {
    let mut by_cell: BTreeMap<(usize, usize), Vec<Member>> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        by_cell.entry(shape.cell(item)).or_default().push((
            fnv1a(item.id.as_bytes()),
            item.id,
            index,
        ));
    }
    let mut positions = vec![Point { x: 0.0, y: 0.0 }; items.len()];
    for ((ring, quadrant), mut members) in by_cell {
        members.sort_unstable();
        let cell_slots = &rings[ring].slots[quadrant];
        let mut taken = vec![false; cell_slots.len()];
        for (hash, _, index) in members {
            let target = target_point(hash, rings[ring].band, sectors[quadrant]);
            let best = cell_slots
                .iter()
                .enumerate()
                .filter(|(i, _)| !taken[*i])
                .min_by(|(_, a), (_, b)| distance2(**a, target).total_cmp(&distance2(**b, target)))
                .map(|(i, _)| i)
                .expect("rings grow until every cell has more slots than blips");
            taken[best] = true;
            positions[index] = cell_slots[best];
        }
    }
    positions
}

/// A blip waiting for its slot: hash, id, and index among the items. Sorting
/// these orders a cell by hash, the id breaking (unlikely) ties.
type Member<'a> = (u64, &'a str, usize);

/// Every cell has room for this many blips before its ring grows.
///
/// A ring that grows moves every blip in it and outside it, so growth must
/// not hang on one technology: a team radar of up to about 150
/// technologies rarely fills a cell that far, so its size stays fixed
/// however entries come, go or move. With a smaller floor, the shipped example's fullest cell sat
/// on a step, and one in nine single edits moved every blip.
const MIN_CELL: usize = 12;

/// How many slots each cell of a ring needs when its fullest cell holds
/// `count` blips. The count is first raised to [`MIN_CELL`] and rounded up
/// to a size step (12, 16, 24, 32, 48, ...), so the radar keeps its size,
/// and every blip its place, until a ring's fullest cell crosses a step.
/// Keeping a third of the slots free lets most blips sit where their hash
/// points, which is what keeps positions stable when others come and go.
fn needed(count: usize) -> usize {
    let count = count.max(MIN_CELL);
    // Multiples of four by 1, 2, 3, 4, 6, 8, 12, 16...: each step at most
    // 1.5 times the last.
    let mut times: usize = 1;
    while 4 * times < count {
        times = match times {
            1 => 2,
            t if t.is_power_of_two() => t / 2 * 3,
            t => t / 3 * 4,
        };
    }
    4 * times * 5 / 3 + 2
}

/// Whether a cell of `band` spanning `span` degrees could possibly hold
/// `slots` slots. Slots are at least `2 * marker + GAP` apart and more than
/// half that from the cell's edges, so disks of half that spacing around
/// them are disjoint and inside the cell: their total area cannot exceed
/// the cell's. Widths that fail this are skipped without throwing a dart;
/// they would fail the real test anyway, so the layout is the same, only
/// found sooner on big radars.
fn may_hold(slots: usize, band: Band, span: f64, marker: f64) -> bool {
    let radius = marker + GAP / 2.0;
    let disks = slots as f64 * std::f64::consts::PI * radius * radius;
    disks <= band.sector_area(span.to_radians())
}

/// The point a blip would like to sit at, uniform over its cell's area.
fn target_point(hash: u64, band: Band, sector: Sector) -> Point {
    let mut rng = SplitMix64(hash);
    let (a, b) = (band.inner, band.outer);
    let rho = (a * a + rng.unit() * (b * b - a * a)).sqrt();
    let angle = (sector.start + rng.unit() * (sector.end - sector.start)).to_radians();
    Point {
        x: rho * angle.cos(),
        y: rho * angle.sin(),
    }
}

/// The seed of a cell's slot sequence.
fn seed(ring: usize, quadrant: usize) -> u64 {
    fnv1a(format!("cell {ring} {quadrant}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::geometry::{Direction, ray_distance};

    fn spec(rings: usize, quadrants: usize) -> Spec {
        Spec {
            rings,
            quadrants,
            ring_labels: vec![50.0; rings],
            marker: 12.0,
        }
    }

    fn ids(n: usize, prefix: &str) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}-{i}")).collect()
    }

    /// Checks every promise about overlaps and containment.
    fn assert_sound(spec: &Spec, items: &[Item], layout: &Layout) {
        let r = layout.marker;
        for (i, (item, p)) in items.iter().zip(&layout.positions).enumerate() {
            let band = layout.bands[item.ring];
            let rho = p.x.hypot(p.y);
            assert!(rho + r <= band.outer, "{} outside its band", item.id);
            assert!(band.inner == 0.0 || rho - r >= band.inner, "{}", item.id);
            if spec.quadrants > 1 {
                let sector = layout.sectors[item.quadrant];
                let angle = (p.y.atan2(p.x).to_degrees() - sector.start).rem_euclid(360.0);
                assert!(
                    angle <= sector.end - sector.start,
                    "{} outside sector",
                    item.id
                );
                assert!(ray_distance(*p, Direction::of(sector.start)) >= r);
                assert!(ray_distance(*p, Direction::of(sector.end)) >= r);
            }
            for b in &layout.label_boxes {
                assert!(b.distance(*p) >= r, "{} on a ring label", item.id);
            }
            for q in &layout.positions[i + 1..] {
                assert!(distance2(*p, *q).sqrt() >= 2.0 * r + 2.0, "overlap");
            }
        }
    }

    #[test]
    fn slots_needed_grow_in_steps() {
        let counts = [0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 24, 25, 32, 33, 48, 49];
        let steps: Vec<usize> = counts.iter().map(|&c| needed(c)).collect();
        assert_eq!(
            steps,
            [
                22, 22, 22, 22, 22, 22, 22, 28, 28, 42, 42, 55, 55, 82, 82, 108
            ]
        );
    }

    #[test]
    fn every_ring_and_quadrant_count_is_sound() {
        for rings in 1..=6 {
            for quadrants in 1..=8 {
                let names = ids(3 * rings * quadrants, "t");
                let items: Vec<Item> = names
                    .iter()
                    .enumerate()
                    .map(|(i, id)| Item {
                        id,
                        ring: i % rings,
                        quadrant: (i / rings) % quadrants,
                    })
                    .collect();
                let spec = spec(rings, quadrants);
                let layout = layout(&spec, &items);
                assert_eq!(layout.bands.len(), rings);
                assert_eq!(layout.sectors.len(), quadrants);
                assert_sound(&spec, &items, &layout);
            }
        }
    }

    #[test]
    fn sixty_blips_in_one_cell_fit() {
        for (ring, quadrant, quadrants) in [(0, 0, 4), (3, 2, 4), (0, 5, 8), (5, 7, 8), (0, 0, 1)] {
            let names = ids(60, "crowd");
            let items: Vec<Item> = names.iter().map(|id| Item { id, ring, quadrant }).collect();
            let spec = spec(6, quadrants);
            let layout = layout(&spec, &items);
            assert_sound(&spec, &items, &layout);
        }
    }

    #[test]
    fn six_hundred_blips_fit() {
        let names = ids(600, "many");
        let items: Vec<Item> = names
            .iter()
            .enumerate()
            .map(|(i, id)| Item {
                id,
                ring: (fnv1a(id.as_bytes()) % 4) as usize,
                quadrant: i % 4,
            })
            .collect();
        let spec = spec(4, 4);
        let layout = layout(&spec, &items);
        assert_sound(&spec, &items, &layout);
    }

    #[test]
    fn same_items_same_layout_in_any_order() {
        let names = ids(40, "x");
        let mut items: Vec<Item> = names
            .iter()
            .enumerate()
            .map(|(i, id)| Item {
                id,
                ring: i % 4,
                quadrant: i % 3,
            })
            .collect();
        let spec = spec(4, 3);
        let first = layout(&spec, &items);
        items.reverse();
        let mut second = layout(&spec, &items);
        second.positions.reverse();
        assert_eq!(first, second);
    }

    #[test]
    fn size_does_not_change_when_a_roomy_cell_gains_a_blip() {
        let names = ids(30, "y");
        let mut items: Vec<Item> = names
            .iter()
            .enumerate()
            .map(|(i, id)| Item {
                id,
                ring: i % 4,
                quadrant: i % 4,
            })
            .collect();
        let before = layout(&spec(4, 4), &items);
        items.push(Item {
            id: "newcomer",
            ring: 3,
            quadrant: 0,
        });
        let after = layout(&spec(4, 4), &items);
        assert_eq!(before.bands, after.bands);
    }

    /// Share of the blips in both layouts that kept exactly their spot.
    fn kept(a: (&[Item], &Layout), b: (&[Item], &Layout)) -> f64 {
        let before: BTreeMap<&str, Point> =
            a.0.iter()
                .map(|i| i.id)
                .zip(a.1.positions.iter().copied())
                .collect();
        let after: BTreeMap<&str, Point> =
            b.0.iter()
                .map(|i| i.id)
                .zip(b.1.positions.iter().copied())
                .collect();
        let common: Vec<&&str> = before
            .keys()
            .filter(|id| after.contains_key(**id))
            .collect();
        let same = common
            .iter()
            .filter(|id| before[**id] == after[**id])
            .count();
        same as f64 / common.len() as f64
    }

    #[test]
    fn one_change_leaves_95_percent_in_place() {
        let names = ids(80, "tech");
        let base: Vec<Item> = names
            .iter()
            .map(|id| {
                let h = fnv1a(id.as_bytes());
                Item {
                    id,
                    ring: (h % 4) as usize,
                    quadrant: ((h >> 8) % 4) as usize,
                }
            })
            .collect();
        let spec = spec(4, 4);
        let before = layout(&spec, &base);
        let extra = ids(20, "added");
        let mut worst: f64 = 1.0;
        for (n, id) in extra.iter().enumerate() {
            let mut items = base.clone();
            items.push(Item {
                id,
                ring: n % 4,
                quadrant: (n / 4) % 4,
            });
            worst = worst.min(kept((&base, &before), (&items, &layout(&spec, &items))));
        }
        for n in 0..20 {
            let mut items = base.clone();
            items.remove(n * 3);
            worst = worst.min(kept((&base, &before), (&items, &layout(&spec, &items))));
            let mut items = base.clone();
            items[n * 4].ring = (items[n * 4].ring + 1 + n % 3) % 4;
            let moved = kept((&base, &before), (&items, &layout(&spec, &items)));
            // The moved blip itself is expected to move.
            worst = worst.min(moved + 1.0 / 80.0);
        }
        assert!(worst >= 0.95, "only {:.1}% kept their place", worst * 100.0);
        eprintln!("worst: {worst}");
    }
}
