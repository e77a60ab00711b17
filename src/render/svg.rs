//! Small helpers for writing SVG by hand: the font stack, escaping,
//! fixed-precision numbers, and path data for rings and sectors. Used by
//! the radar and trends writers.
//!
//! confradar writes its radar SVG as text rather than through a drawing
//! library so that every byte is under its control: one blip per group, on
//! its own lines, numbers with one decimal, nothing that varies between runs.
//! How wide text will be is not a writing matter: see
//! [`crate::render::metrics`].

use std::fmt::{self, Write as _};

use crate::render::geometry::Point;

/// The font stack for every text in confradar's SVGs: the platform UI font
/// first, then fonts that cover Japanese and Chinese on macOS, Linux and
/// Windows, so CJK names never fall back to boxes.
pub(crate) const FONT_STACK: &str = r#"system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", "Noto Sans", sans-serif"#;

/// Escapes text for use in element content and in double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length written with exactly one decimal, so output does
/// not depend on float formatting details and `-0.0` never appears. The
/// scene keeps its numbers to the same decimal
/// ([`crate::render::geometry::round1`]), so what is written is what was
/// computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num(pub(crate) f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let abs = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

/// The point `radius` from `c` at `degrees` clockwise from the positive x
/// axis.
pub(crate) fn polar(c: Point, radius: f64, degrees: f64) -> Point {
    let (sin, cos) = degrees.to_radians().sin_cos();
    Point {
        x: c.x + radius * cos,
        y: c.y + radius * sin,
    }
}

/// A ring band as one path: the outer circle, minus the inner (even-odd).
pub(crate) fn annulus(c: Point, inner: f64, outer: f64) -> String {
    let mut d = circle_path(c, outer);
    if inner > 0.0 {
        d.push(' ');
        d.push_str(&circle_path(c, inner));
    }
    d
}

/// A whole circle as path data: two half arcs.
fn circle_path(c: Point, r: f64) -> String {
    format!(
        "M {} {} A {r} {r} 0 1 1 {} {} A {r} {r} 0 1 1 {} {} Z",
        Num(c.x - r),
        Num(c.y),
        Num(c.x + r),
        Num(c.y),
        Num(c.x - r),
        Num(c.y),
        r = Num(r)
    )
}

/// A ring band within one sector.
pub(crate) fn annular_sector(c: Point, inner: f64, outer: f64, start: f64, end: f64) -> String {
    let large = u8::from(end - start > 180.0);
    let (o0, o1) = (polar(c, outer, start), polar(c, outer, end));
    let mut d = format!(
        "M {} {} A {r} {r} 0 {large} 1 {} {}",
        Num(o0.x),
        Num(o0.y),
        Num(o1.x),
        Num(o1.y),
        r = Num(outer)
    );
    if inner > 0.0 {
        let (i0, i1) = (polar(c, inner, start), polar(c, inner, end));
        let _ = write!(
            d,
            " L {} {} A {r} {r} 0 {large} 0 {} {} Z",
            Num(i1.x),
            Num(i1.y),
            Num(i0.x),
            Num(i0.y),
            r = Num(inner)
        );
    } else {
        let _ = write!(d, " L {} {} Z", Num(c.x), Num(c.y));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Point = Point { x: 100.0, y: 100.0 };

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;"
        );
        assert_eq!(escape("可観測性"), "可観測性");
    }

    #[test]
    fn numbers_have_one_decimal() {
        for (x, want) in [
            (0.0, "0.0"),
            (-0.04, "0.0"),
            (-0.05, "-0.1"),
            (12.25, "12.3"),
            (3.0, "3.0"),
            (-7.96, "-8.0"),
            (1234.56, "1234.6"),
        ] {
            assert_eq!(Num(x).to_string(), want, "{x}");
        }
    }

    #[test]
    fn sector_paths_close_on_the_centre_or_the_inner_arc() {
        assert_eq!(
            annular_sector(C, 0.0, 50.0, -90.0, 0.0),
            "M 100.0 50.0 A 50.0 50.0 0 0 1 150.0 100.0 L 100.0 100.0 Z"
        );
        assert_eq!(
            annular_sector(C, 20.0, 50.0, 0.0, 90.0),
            "M 150.0 100.0 A 50.0 50.0 0 0 1 100.0 150.0 L 100.0 120.0 A 20.0 20.0 0 0 0 120.0 100.0 Z"
        );
        // A single quadrant's cells are whole rings.
        assert_eq!(annulus(C, 0.0, 10.0).matches('M').count(), 1);
        assert_eq!(annulus(C, 5.0, 10.0).matches('M').count(), 2);
    }
}
