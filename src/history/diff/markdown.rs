//! A diff as a Markdown comment for a pull request (`diff --format
//! markdown`): a summary line, a table of ring moves, then the radar-level
//! changes, added and removed technologies, and the rest. User text is
//! escaped with [`crate::render::markdown::inline`].

use std::fmt::Write;

use super::model::{Change, RadarDiff, TechnologyDiff};
use super::wording::{Names, arrow, describe, describe_radar, editions, place, summary_line};
use crate::input::radar::Radar;
use crate::render::markdown::inline;

/// The comment; each section after the summary line is left out when it
/// would be empty.
pub(crate) fn render(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    let names = Names::new(base, head);
    let mut out = format!("**confradar diff:** {}.\n", summary_line(diff));
    if diff.is_empty() {
        return out;
    }
    out.push_str(&moves(diff, &names));
    out.push_str(&radar(diff));
    out.push_str(&listed("Added", diff, &names, |c| {
        matches!(c, Change::Added { .. })
    }));
    out.push_str(&listed("Removed", diff, &names, |c| {
        matches!(c, Change::Removed { .. })
    }));
    out.push_str(&others(diff, &names));
    out
}

/// The table of ring moves, one row per run of editions.
fn moves(diff: &RadarDiff, names: &Names) -> String {
    let moves: Vec<(&TechnologyDiff, &Change)> = diff
        .technologies
        .iter()
        .flat_map(|t| t.changes.iter().map(move |c| (t, c)))
        .filter(|(_, c)| matches!(c, Change::Ring { .. }))
        .collect();
    if moves.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("\n| Technology | Editions | From | To | Move |\n|---|---|---|---|---|\n");
    for (t, c) in moves {
        if let Change::Ring {
            editions: list,
            from,
            to,
            direction,
        } = c
        {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} {} |",
                inline(&t.name),
                editions(list),
                inline(&names.ring(from.as_deref())),
                inline(&names.ring(to.as_deref())),
                arrow(*direction),
                direction.label()
            );
        }
    }
    out
}

/// The radar-level changes.
fn radar(diff: &RadarDiff) -> String {
    if diff.radar.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n**Radar**\n\n");
    for change in &diff.radar {
        let _ = writeln!(out, "- {}", describe_radar(change, &inline));
    }
    out
}

/// The technologies whose first change is `pick`'s (added, or removed),
/// under `title`, with their place.
fn listed(title: &str, diff: &RadarDiff, names: &Names, pick: fn(&Change) -> bool) -> String {
    let mut section = String::new();
    for t in &diff.technologies {
        if t.changes.first().is_some_and(pick) {
            let _ = writeln!(
                section,
                "- **{}** (`{}`): {}",
                inline(&t.name),
                t.id,
                place(&t.changes[0], names, &inline)
            );
        }
    }
    if section.is_empty() {
        String::new()
    } else {
        format!("\n**{title}**\n\n{section}")
    }
}

/// Every other change (neither a ring move nor an addition or removal),
/// under its technology.
fn others(diff: &RadarDiff, names: &Names) -> String {
    let mut rest = String::new();
    for t in &diff.technologies {
        let others: Vec<&Change> = t
            .changes
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    Change::Ring { .. } | Change::Added { .. } | Change::Removed { .. }
                )
            })
            .collect();
        if others.is_empty() {
            continue;
        }
        let _ = writeln!(rest, "- **{}** (`{}`)", inline(&t.name), t.id);
        for c in others {
            let _ = writeln!(rest, "  - {}", describe(c, names, &inline));
        }
    }
    if rest.is_empty() {
        String::new()
    } else {
        format!("\n**Other changes**\n\n{rest}")
    }
}
