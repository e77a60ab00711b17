//! One cell of the radar, a ring band within one sector, and the slots
//! scattered in it by dart throwing: the fixed set of spots the layout
//! hands out to the cell's blips.
//!
//! A slot keeps a whole marker inside the band and the sector, with a gap,
//! and off the ring labels; slots are two marker radii plus the gap apart
//! (checked through a [`Grid`]). The darts come from a sequence seeded by
//! the cell alone, so a cell's slots never depend on its blips. Used by
//! [`crate::render::layout`].

use crate::render::geometry::{Band, Direction, Point, Rect, Sector, ray_distance, round1};
use crate::render::grid::Grid;
use crate::render::hash::SplitMix64;
use crate::render::layout::GAP;

/// One ring band within one sector.
pub(crate) struct Cell<'a> {
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
    /// The cell of `band` in `sector` (the whole band when `whole_circle`),
    /// for markers of radius `marker` that must stay off `keep_clear`.
    pub(crate) fn new(
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
    pub(crate) fn slots(&self, seed: u64) -> Vec<Point> {
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
                x: round1(rho * angle.cos()),
                y: round1(rho * angle.sin()),
            };
            if grid.clear_of(&slots, p) && self.fits(p) {
                grid.insert(p, slots.len());
                slots.push(p);
            }
        }
        slots
    }
}
