//! What `build` prints on the terminal: a few lines about the radar (its
//! size, the most mentioned technologies, the current edition's blips and
//! changes), the files written, and the verdict of `build --check`.
//!
//! Pure text from the radar, the scan's totals and counts; the changes are
//! read from [`crate::input::changes`], like the changelog's.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::input::changes::Change;
use crate::input::changes::changes_in;
use crate::input::radar::Radar;
use crate::wording::count;

/// How many technologies the "most mentioned" lines show.
const TOP: usize = 10;

/// How many names a line of changes shows before "and N more".
const NAMED: usize = 8;

/// The radar's summary: size, the most mentioned technologies, and the
/// current edition. `totals` are mentions per technology, `reports` the
/// number of reports scanned.
pub(crate) fn summary(radar: &Radar, totals: &[u64], reports: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}, {}, {}",
        radar.title,
        count(radar.technologies.len(), "technology", "technologies"),
        count(reports, "report", "reports"),
        count(
            usize::try_from(totals.iter().sum::<u64>()).unwrap_or(usize::MAX),
            "mention",
            "mentions"
        )
    );
    let mut ranked: Vec<(usize, u64)> = totals
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| radar.technologies[a.0].id.cmp(&radar.technologies[b.0].id))
    });
    for (tech, n) in ranked.into_iter().take(TOP) {
        let _ = writeln!(out, "  {n:>5}  {}", radar.technologies[tech].name);
    }
    out.push_str(&current(radar));
    out
}

/// The current edition in a few lines: blips per ring, and what changed
/// since the previous edition.
fn current(radar: &Radar) -> String {
    let current = radar.current();
    let mut out = String::new();
    // Blips are what is drawn; technologies kept but not featured in this
    // edition are counted apart.
    let on: Vec<usize> = radar
        .technologies
        .iter()
        .filter(|t| t.drawn_in(current))
        .filter_map(|t| t.ring_in(current))
        .collect();
    let hidden = radar
        .technologies
        .iter()
        .filter(|t| t.ring_in(current).is_some() && !t.drawn_in(current))
        .count();
    let rings: Vec<String> = radar
        .rings
        .iter()
        .enumerate()
        .map(|(i, ring)| format!("{} {}", ring.name, on.iter().filter(|r| **r == i).count()))
        .collect();
    let _ = write!(
        out,
        "{}: {} ({})",
        radar.editions[current],
        count(on.len(), "blip", "blips"),
        rings.join(", ")
    );
    if hidden > 0 {
        let _ = write!(out, ", {hidden} not drawn (featured = false)");
    }
    out.push('\n');
    let Some(previous) = current.checked_sub(1).map(|e| radar.editions[e]) else {
        return out;
    };
    let changes = changes_in(radar, current);
    let names = |techs: &[usize]| -> Vec<&str> {
        techs
            .iter()
            .map(|&t| radar.technologies[t].name.as_str())
            .collect()
    };
    let mut lines = Vec::new();
    for change in [Change::New, Change::MovedIn, Change::MovedOut] {
        lines.extend(listing(change.label(), &names(&changes.of(change))));
    }
    lines.extend(listing("retired", &names(changes.retired())));
    if lines.is_empty() {
        let _ = writeln!(out, "  no changes since {previous}");
    } else {
        let _ = writeln!(out, "  since {previous}:");
        for line in lines {
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}

/// `3 new: A, B, C`, naming at most [`NAMED`].
fn listing(what: &str, names: &[&str]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let mut shown = names
        .iter()
        .take(NAMED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMED {
        let _ = write!(shown, ", and {} more", names.len() - NAMED);
    }
    Some(format!("{} {what}: {shown}", names.len()))
}

/// One `wrote PATH` line per file written.
pub(crate) fn wrote(files: &[PathBuf]) -> String {
    let mut out = String::new();
    for path in files {
        let _ = writeln!(out, "wrote {}", path.display());
    }
    out
}

/// What `build --check` prints: that the output folder `out` is up to
/// date, or which files a build would change. `stale` holds each such
/// file's path in `out` and how it differs (`changed`, `missing`, ...).
pub(crate) fn check_report(out: &Path, files: usize, stale: &[(&str, &str)]) -> String {
    if stale.is_empty() {
        return format!(
            "{} is up to date ({})\n",
            out.display(),
            count(files, "file", "files")
        );
    }
    let mut text = format!(
        "{} is out of date; `confradar build` would change {} file{}:\n",
        out.display(),
        stale.len(),
        crate::wording::plural_s(stale.len())
    );
    for (path, how) in stale {
        let _ = writeln!(text, "  {how:<8} {}", out.join(path).display());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::input::fixture::RadarFixture;

    #[test]
    fn names_at_most_eight_then_counts_the_rest() {
        let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        assert_eq!(listing("new", &[]), None);
        assert_eq!(listing("new", &names[..2]).as_deref(), Some("2 new: A, B"));
        assert_eq!(
            listing("moved in", &names).as_deref(),
            Some("10 moved in: A, B, C, D, E, F, G, H, and 2 more")
        );
    }

    #[test]
    fn an_edition_without_moves_says_so() {
        let radar = RadarFixture::new(&["2024-Q1", "2024-Q2"])
            .tech("x", "X", "tools")
            .placed("2024-Q1", "hold")
            .build();
        assert_eq!(
            summary(&radar, &[3], 1),
            "T: 1 technology, 1 report, 3 mentions\n      3  X\n\
             2024-Q2: 1 blip (Adopt 0, Trial 0, Assess 0, Hold 1)\n  no changes since 2024-Q1\n"
        );
    }
}
