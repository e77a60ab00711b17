//! A technology's mentions per quarter as a small inline SVG line. A
//! quarter without any report breaks the line (a gap, not a zero); a
//! lone point between gaps is drawn as a dot.

use std::fmt::Write;

use crate::input::quarter::Quarter;

/// Width and height of the drawing, in CSS pixels.
const WIDTH: u32 = 240;
const HEIGHT: u32 = 40;
/// The height of the drawing's own coordinates: whole numbers keep the
/// path short (a big radar has hundreds of sparklines); the drawing is
/// stretched to [`WIDTH`] x [`HEIGHT`] with a stroke that does not scale.
const UNITS: u64 = 20;
/// The horizontal step between two quarters, in the drawing's coordinates.
const STEP: usize = 4;

/// The sparkline of `mentions` over `quarters`, with a text alternative;
/// empty when there are no quarters.
pub(crate) fn render(quarters: &[Quarter], mentions: &[Option<u64>]) -> String {
    let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
        return String::new();
    };
    let max = mentions.iter().flatten().copied().max().unwrap_or(0).max(1);
    let total: u64 = mentions.iter().flatten().sum();
    let gaps = mentions.iter().filter(|m| m.is_none()).count();
    // Whole units from the top, 1 to UNITS + 1, inside a margin of one.
    let point = |i: usize, n: u64| (i * STEP + 1, 1 + UNITS - UNITS * n / max);
    let mut path = String::new();
    let mut dots = String::new();
    let mut run: Vec<(usize, u64)> = Vec::new();
    let mut flush = |run: &mut Vec<(usize, u64)>| {
        match run.as_slice() {
            [] => {}
            [(x, y)] => {
                // A zero-length line with round caps: a dot that keeps its
                // shape when the drawing is stretched.
                let _ = write!(dots, "M{x} {y}h0 ");
            }
            points => {
                for (k, (x, y)) in points.iter().enumerate() {
                    let _ = write!(path, "{}{x} {y}", if k == 0 { "M" } else { " " });
                }
                path.push(' ');
            }
        }
        run.clear();
    };
    for (i, m) in mentions.iter().enumerate() {
        match m {
            Some(n) => run.push(point(i, *n)),
            None => flush(&mut run),
        }
    }
    flush(&mut run);
    let label = format!(
        "{total} mention{} from {first} to {last}, at most {max} in a quarter; {gaps} quarter{} without reports",
        crate::wording::plural_s(usize::try_from(total).unwrap_or(usize::MAX)),
        crate::wording::plural_s(gaps),
    );
    format!(
        r#"<svg class="spark" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {} {}" preserveAspectRatio="none" role="img" aria-label="{label}"><path d="{}"/>{}</svg><span class="spark-range">{first} – {last}</span>"#,
        (quarters.len() - 1) * STEP + 2,
        UNITS + 2,
        path.trim_end(),
        if dots.is_empty() {
            String::new()
        } else {
            format!(r#"<path class="dots" d="{}"/>"#, dots.trim_end())
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_break_the_line() {
        let q = |s| Quarter::parse(s).unwrap_or_else(|| panic!("{s}"));
        let quarters = [q("2024-Q1"), q("2024-Q2"), q("2024-Q3"), q("2024-Q4")];
        let svg = render(&quarters, &[Some(1), Some(2), None, Some(0)]);
        // Two points form one line; the lone last point is a dot.
        assert!(
            svg.contains(r#"<path d="M1 11 5 1"/><path class="dots" d="M13 21h0"/>"#),
            "{svg}"
        );
        assert!(svg.contains("1 quarter without reports"), "{svg}");
        assert_eq!(render(&[], &[]), "");
    }
}
