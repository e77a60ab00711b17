//! A diff as Markdown: the pull-request comment (`diff --format markdown`),
//! which opens with a hidden marker so the comment can be found and
//! updated, and the job summary (`diff --format github`, for
//! `$GITHUB_STEP_SUMMARY`). Both have the same body: a summary line,
//! warnings, a table of ring moves, the new placements with their `why`
//! and evidence, then the radar-level changes, added and removed
//! technologies, and the rest. User text is escaped with
//! [`crate::render::markdown::inline`].

use std::fmt::Write;

use super::model::{Change, RadarDiff, TechnologyDiff};
use super::wording::{
    BASE_MISSING, Names, arrow, describe, describe_radar, editions, evidence, new_placements,
    place, rename_warning, summary_line, why,
};
use crate::input::radar::Radar;
use crate::render::markdown::inline;

/// The hidden first line of the comment, by which the GitHub Action finds
/// its own comment to update instead of posting another.
pub(crate) const MARKER: &str = "<!-- confradar-diff -->";

/// The pull-request comment: the marker, then the body; nothing at all
/// when nothing changed, so there is nothing to post.
pub(crate) fn comment(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    if diff.is_empty() {
        return String::new();
    }
    format!("{MARKER}\n{}", body(diff, base, head))
}

/// The job summary: a heading, then the body, or a line saying nothing
/// changed (a summary, unlike a comment, is read on every run).
pub(crate) fn job_summary(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    let rest = if diff.is_empty() {
        "No changes to the radar.\n".to_owned()
    } else {
        body(diff, base, head)
    };
    format!("## Radar changes\n\n{rest}")
}

/// Everything after the marker; each section after the summary line is
/// left out when it would be empty.
fn body(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    let names = Names::new(base, head);
    let mut out = format!("**confradar diff:** {}.\n", summary_line(diff));
    if diff.base_missing {
        let _ = writeln!(out, "\n{BASE_MISSING}");
    }
    out.push_str(&warnings(diff));
    out.push_str(&moves(diff, &names));
    out.push_str(&placements(diff, &names));
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

/// Every change of every technology, with its technology.
fn all_changes(diff: &RadarDiff) -> impl Iterator<Item = (&TechnologyDiff, &Change)> {
    diff.technologies
        .iter()
        .flat_map(|t| t.changes.iter().map(move |c| (t, c)))
}

/// What a reviewer should act on before merging: renames that stop the old
/// name from counting.
fn warnings(diff: &RadarDiff) -> String {
    let mut out = String::new();
    for (t, c) in all_changes(diff) {
        if let Some(warning) = rename_warning(c, &inline) {
            let _ = writeln!(out, "- **{}** (`{}`): {warning}.", inline(&t.name), t.id);
        }
    }
    if out.is_empty() {
        out
    } else {
        format!(
            "\n> [!WARNING]\n> Mentions will no longer be counted:\n>\n{}",
            quote(&out)
        )
    }
}

/// `text` as a Markdown block quote, line by line.
fn quote(text: &str) -> String {
    text.lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "> {l}");
        out
    })
}

/// The table of ring moves, one row per run of editions.
fn moves(diff: &RadarDiff, names: &Names) -> String {
    let mut rows = String::new();
    for (t, c) in all_changes(diff) {
        if let Change::Ring {
            editions: list,
            from,
            to,
            direction,
            ..
        } = c
        {
            let _ = writeln!(
                rows,
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
    if rows.is_empty() {
        rows
    } else {
        format!("\n| Technology | Editions | From | To | Move |\n|---|---|---|---|---|\n{rows}")
    }
}

/// Each placement new in HEAD (making a move, restating a ring, or of an
/// added technology) with its `why` and evidence: what a reviewer reads to
/// judge it.
fn placements(diff: &RadarDiff, names: &Names) -> String {
    let mut out = String::new();
    for (t, c) in all_changes(diff) {
        for p in new_placements(c) {
            let _ = writeln!(
                out,
                "- **{}** {}, {}: {}",
                inline(&t.name),
                inline(&names.ring(Some(&p.ring))),
                p.edition,
                why(p, &inline)
            );
            if p.evidence.is_empty() {
                out.push_str("  - no evidence\n");
            }
            for e in &p.evidence {
                let _ = writeln!(out, "  - evidence: {}", evidence(e, &inline));
            }
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\n**New placements**\n\n{out}")
    }
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
