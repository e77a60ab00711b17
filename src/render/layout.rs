//! Where each blip goes: ring radii, sector angles and blip positions, as a
//! pure function of `(id, ring, quadrant)` items.
//!
//! Three promises shape this module:
//!
//! - **Deterministic.** Positions come from a fixed hash (FNV-1a, written
//!   here, never std's seeded hasher) and a fixed pseudo-random sequence, so
//!   the same items give the same numbers on every run.
//! - **Stable.** A blip's spot is seeded by its own id, not by its index
//!   among the others. Each cell (one ring band in one sector) has a fixed
//!   set of slots, scattered once per cell by dart throwing; blips take the
//!   free slot nearest to the point their hash picks, in hash order. Adding,
//!   removing or moving one technology therefore only disturbs blips that
//!   wanted the same slot, and a pull request's SVG diff shows little else.
//! - **Never overlapping.** Slots are at least two marker radii plus a gap
//!   apart and keep the whole marker inside its band and sector and off the
//!   ring labels. Ring radii grow until every cell has room to spare, and
//!   they depend only on how many blips each cell holds (rounded up to
//!   steps), so adding a blip to a roomy cell moves nothing else.
//!
//! Coordinates are pixels relative to the radar's centre, y pointing down as
//! in SVG; angles are degrees clockwise from the positive x axis, so the
//! first sector starts straight up at -90°.

use std::collections::BTreeMap;

use rayon::prelude::*;

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

/// A point relative to the radar's centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Pixels right of the centre.
    pub x: f64,
    /// Pixels below the centre.
    pub y: f64,
}

/// A ring band: from `inner` to `outer` radius.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Inner radius (0 for the innermost ring).
    pub inner: f64,
    /// Outer radius.
    pub outer: f64,
}

impl Band {
    /// Area of the part of the band within a sector of `radians`.
    fn sector_area(&self, radians: f64) -> f64 {
        radians / 2.0 * (self.outer * self.outer - self.inner * self.inner)
    }
}

/// A quadrant's sector, in degrees clockwise from the positive x axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sector {
    /// Start angle.
    pub start: f64,
    /// End angle (`start` plus the sector's span).
    pub end: f64,
}

/// An axis-aligned box relative to the centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Distance from `p` to the box (0 inside it).
    pub fn distance(&self, p: Point) -> f64 {
        let dx = (self.x - p.x).max(p.x - (self.x + self.w)).max(0.0);
        let dy = (self.y - p.y).max(p.y - (self.y + self.h)).max(0.0);
        dx.hypot(dy)
    }
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
    let rings = spec.rings.max(1);
    let quadrants = spec.quadrants.max(1);
    let span = 360.0 / quadrants as f64;
    let sectors: Vec<Sector> = (0..quadrants)
        .map(|q| Sector {
            start: -90.0 + span * q as f64,
            end: -90.0 + span * (q + 1) as f64,
        })
        .collect();
    let mut counts = vec![vec![0usize; quadrants]; rings];
    for item in items {
        counts[item.ring.min(rings - 1)][item.quadrant.min(quadrants - 1)] += 1;
    }

    // Size the rings from the inside out; each ring's slots are computed at
    // its final width and kept for the placement below.
    let mut bands = Vec::with_capacity(rings);
    let mut ring_labels = Vec::with_capacity(rings);
    let mut label_boxes = Vec::with_capacity(rings);
    let mut slots: Vec<Vec<Vec<Point>>> = Vec::with_capacity(rings);
    let mut inner = 0.0;
    for (ring, ring_counts) in counts.iter().enumerate() {
        let mut width = if ring == 0 { BASE_INNER } else { BASE_BAND };
        let label_width = spec.ring_labels.get(ring).copied().unwrap_or(0.0);
        let need = needed(ring_counts.iter().copied().max().unwrap_or(0));
        loop {
            let band = Band {
                inner,
                outer: inner + width,
            };
            if !may_hold(need, band, span, spec.marker) {
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
            let cells: Option<Vec<Vec<Point>>> = sectors
                .par_iter()
                .enumerate()
                .map(|(q, sector)| {
                    let cell = Cell::new(band, *sector, quadrants == 1, &[label_box], spec.marker)
                        .slots(seed(ring, q));
                    (cell.len() >= need).then_some(cell)
                })
                .collect();
            if let Some(cells) = cells {
                bands.push(band);
                ring_labels.push(label);
                label_boxes.push(label_box);
                slots.push(cells);
                inner = band.outer;
                break;
            }
            width += STEP;
        }
    }

    // Fill each cell in hash order: nobody's index among the others matters.
    let mut by_cell: BTreeMap<(usize, usize), Vec<Member>> = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let key = (item.ring.min(rings - 1), item.quadrant.min(quadrants - 1));
        by_cell
            .entry(key)
            .or_default()
            .push((fnv1a(item.id.as_bytes()), item.id, index));
    }
    let mut positions = vec![Point { x: 0.0, y: 0.0 }; items.len()];
    for ((ring, quadrant), mut members) in by_cell {
        members.sort_unstable();
        let cell_slots = &slots[ring][quadrant];
        let mut taken = vec![false; cell_slots.len()];
        for (hash, _, index) in members {
            let target = target_point(hash, bands[ring], sectors[quadrant]);
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
    Layout {
        marker: spec.marker,
        bands,
        sectors,
        ring_labels,
        label_boxes,
        positions,
    }
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

/// One ring band within one sector.
struct Cell<'a> {
    band: Band,
    sector: Sector,
    whole_circle: bool,
    keep_clear: &'a [Rect],
    marker: f64,
    /// Directions of the sector's two edges, worked out once per cell
    /// rather than for each of the thousands of darts.
    start_direction: Direction,
    end_direction: Direction,
}

impl<'a> Cell<'a> {
    fn new(
        band: Band,
        sector: Sector,
        whole_circle: bool,
        keep_clear: &'a [Rect],
        marker: f64,
    ) -> Cell<'a> {
        Cell {
            band,
            sector,
            whole_circle,
            keep_clear,
            marker,
            start_direction: Direction::of(sector.start),
            end_direction: Direction::of(sector.end),
        }
    }

    /// Whether a marker centred at `p` lies wholly inside the cell, with a
    /// gap, and clear of the label boxes.
    fn fits(&self, p: Point) -> bool {
        let margin = self.marker + GAP;
        let rho = p.x.hypot(p.y);
        if rho + margin > self.band.outer
            || (self.band.inner > 0.0 && rho - margin < self.band.inner)
        {
            return false;
        }
        if !self.whole_circle {
            let angle = p.y.atan2(p.x).to_degrees();
            let relative = (angle - self.sector.start).rem_euclid(360.0);
            if relative > self.sector.end - self.sector.start {
                return false;
            }
            if ray_distance(p, self.start_direction) < margin
                || ray_distance(p, self.end_direction) < margin
            {
                return false;
            }
        }
        self.keep_clear.iter().all(|r| r.distance(p) >= margin)
    }

    /// Slots scattered by dart throwing: random points from a sequence
    /// seeded by the cell, kept when they fit and are far enough from every
    /// slot kept before. Points are rounded first, so the distances checked
    /// are those of the numbers written.
    fn slots(&self, seed: u64) -> Vec<Point> {
        let spacing = 2.0 * self.marker + GAP;
        let span = (self.sector.end - self.sector.start).to_radians();
        let (a, b) = (self.band.inner, self.band.outer);
        let area = self.band.sector_area(span);
        let tries = ((area / (spacing * spacing)) * 30.0).ceil().max(300.0) as usize;
        let mut rng = SplitMix64(seed);
        let mut slots: Vec<Point> = Vec::new();
        let mut grid = Grid::new(spacing, b);
        for _ in 0..tries {
            let rho = (a * a + rng.unit() * (b * b - a * a)).sqrt();
            let angle = (self.sector.start.to_radians()) + rng.unit() * span;
            let p = Point {
                x: crate::render::svg::round1(rho * angle.cos()),
                y: crate::render::svg::round1(rho * angle.sin()),
            };
            if grid.clear_of(&slots, p) && self.fits(p) {
                grid.insert(p, slots.len());
                slots.push(p);
            }
        }
        slots
    }
}

/// Kept slots bucketed by a square grid as wide as the spacing, so that a
/// new point is compared only with slots in its own and the eight
/// neighbouring squares: any slot closer than `spacing` must be there. The
/// answer is exactly that of comparing against every slot, only cheaper
/// (a radar of a thousand blips has thousands of slots per ring). Each
/// square holds a linked list through `next`, so the grid is two flat
/// vectors however many slots it gets.
struct Grid {
    spacing: f64,
    /// Half the side of the square area covered, centred on the radar.
    reach: f64,
    side: usize,
    /// The last slot put in each square, or `NONE`.
    head: Vec<u32>,
    /// For each slot, the slot put before it in the same square, or `NONE`.
    next: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Grid {
    /// A grid for points within `reach` of the centre on both axes.
    fn new(spacing: f64, reach: f64) -> Grid {
        let side = (2.0 * reach / spacing).ceil() as usize + 1;
        Grid {
            spacing,
            reach,
            side,
            head: vec![NONE; side * side],
            next: Vec::new(),
        }
    }

    fn square(&self, p: Point) -> (usize, usize) {
        let at = |v: f64| {
            (((v + self.reach) / self.spacing).floor().max(0.0) as usize).min(self.side - 1)
        };
        (at(p.x), at(p.y))
    }

    /// Adds the slot `slots[index]`, which must be the next index.
    fn insert(&mut self, p: Point, index: usize) {
        let (x, y) = self.square(p);
        self.next.push(self.head[y * self.side + x]);
        self.head[y * self.side + x] = index as u32;
    }

    /// Whether `p` is at least `spacing` from every slot in `slots`.
    fn clear_of(&self, slots: &[Point], p: Point) -> bool {
        let (sx, sy) = self.square(p);
        let min2 = self.spacing * self.spacing;
        let around = |c: usize| c.saturating_sub(1)..=(c + 1).min(self.side - 1);
        around(sy).all(|y| {
            around(sx).all(|x| {
                let mut i = self.head[y * self.side + x];
                while i != NONE {
                    if distance2(slots[i as usize], p) < min2 {
                        return false;
                    }
                    i = self.next[i as usize];
                }
                true
            })
        })
    }
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

/// A unit vector: the direction of a ray from the centre.
#[derive(Clone, Copy, Debug)]
struct Direction {
    x: f64,
    y: f64,
}

impl Direction {
    fn of(degrees: f64) -> Direction {
        let (y, x) = degrees.to_radians().sin_cos();
        Direction { x, y }
    }
}

/// Distance from `p` to the ray from the centre in `direction`.
fn ray_distance(p: Point, direction: Direction) -> f64 {
    let Direction { x: ux, y: uy } = direction;
    let along = p.x * ux + p.y * uy;
    if along <= 0.0 {
        p.x.hypot(p.y)
    } else {
        (p.x * uy - p.y * ux).abs()
    }
}

fn distance2(a: Point, b: Point) -> f64 {
    (a.x - b.x).powi(2) + (a.y - b.y).powi(2)
}

/// The seed of a cell's slot sequence.
fn seed(ring: usize, quadrant: usize) -> u64 {
    fnv1a(format!("cell {ring} {quadrant}").as_bytes())
}

/// 64-bit FNV-1a: a fixed, documented hash, so positions never depend on
/// the standard library's per-process hasher seeds.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// `SplitMix64`, a tiny fixed pseudo-random sequence (Steele, Lea and Flood),
/// used to turn one hash into as many numbers as needed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
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
