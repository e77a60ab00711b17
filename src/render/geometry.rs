//! The plane the radar is drawn on: points, ring bands, sectors and boxes,
//! the few distances between them that placement needs, and the one-decimal
//! precision every coordinate is kept to.
//!
//! Coordinates are pixels, y pointing down as in SVG; angles are degrees
//! clockwise from the positive x axis. The layout works relative to the
//! radar's centre, the scene moves the results onto the page. Pure
//! arithmetic; it talks to nothing.

/// A point, relative to the radar's centre or on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Pixels right of the centre (or of the page's left edge).
    pub x: f64,
    /// Pixels below the centre (or the page's top edge).
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
    pub(crate) fn sector_area(&self, radians: f64) -> f64 {
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

/// A unit vector: the direction of a ray from the centre.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Direction {
    x: f64,
    y: f64,
}

impl Direction {
    /// The direction `degrees` clockwise from the positive x axis.
    pub(crate) fn of(degrees: f64) -> Direction {
        let (y, x) = degrees.to_radians().sin_cos();
        Direction { x, y }
    }
}

/// Distance from `p` to the ray from the centre in `direction`.
pub(crate) fn ray_distance(p: Point, direction: Direction) -> f64 {
    let Direction { x: ux, y: uy } = direction;
    let along = p.x * ux + p.y * uy;
    if along <= 0.0 {
        p.x.hypot(p.y)
    } else {
        (p.x * uy - p.y * ux).abs()
    }
}

/// The squared distance between two points: enough to compare distances,
/// without a square root.
pub(crate) fn distance2(a: Point, b: Point) -> f64 {
    (a.x - b.x).powi(2) + (a.y - b.y).powi(2)
}

/// Rounds to one decimal, the precision the SVG and JSON writers use, so
/// computed values and written values agree exactly; never gives `-0.0`.
pub(crate) fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_never_gives_negative_zero() {
        assert_eq!(round1(-0.01).to_string(), "0");
    }
}
