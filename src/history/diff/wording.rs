//! The words of a diff, shared by its Markdown and text renderings: display
//! names for ring and quadrant ids, the summary line, and one line per
//! change. User text goes through the `esc` each renderer passes (Markdown
//! escaping, or none).

use std::fmt::Write;

use super::model::{Change, Direction, EvidenceRef, RadarChange, RadarDiff};
use crate::input::radar::{Level, Radar};

/// Display names for ids, from HEAD first, then BASE for what HEAD no
/// longer has.
pub(super) struct Names<'a> {
    base: &'a Radar,
    head: &'a Radar,
}

impl<'a> Names<'a> {
    /// The names of `base` and `head`.
    pub(super) fn new(base: &'a Radar, head: &'a Radar) -> Names<'a> {
        Names { base, head }
    }

    /// The name of the ring or quadrant `id`, or the id when neither side
    /// has it.
    fn level(&self, pick: fn(&Radar) -> &[Level], id: &str) -> String {
        [self.head, self.base]
            .iter()
            .flat_map(|r| pick(r))
            .find(|l| l.id == id)
            .map_or_else(|| id.to_owned(), |l| l.name.clone())
    }

    /// A ring's name; `None` is off the radar.
    pub(super) fn ring(&self, id: Option<&str>) -> String {
        match id {
            None => "off the radar".into(),
            Some(crate::input::radar::RETIRED) => "retired".into(),
            Some(id) => self.level(|r| &r.rings, id),
        }
    }

    /// A quadrant's name.
    fn quadrant(&self, id: &str) -> String {
        self.level(|r| &r.quadrants, id)
    }
}

/// Counts for the summary line.
struct Summary {
    added: usize,
    removed: usize,
    moves: usize,
    changed: usize,
    radar: usize,
}

/// Counts what the summary line names.
fn summarize(diff: &RadarDiff) -> Summary {
    let mut s = Summary {
        added: 0,
        removed: 0,
        moves: 0,
        changed: 0,
        radar: diff.radar.len(),
    };
    for t in &diff.technologies {
        match t.changes.first() {
            Some(Change::Added { .. }) => s.added += 1,
            Some(Change::Removed { .. }) => s.removed += 1,
            _ => {
                s.moves += t
                    .changes
                    .iter()
                    .filter(|c| matches!(c, Change::Ring { .. }))
                    .count();
                if t.changes.iter().any(|c| !matches!(c, Change::Ring { .. })) {
                    s.changed += 1;
                }
            }
        }
    }
    s
}

/// The summary line: counts of what changed, or that nothing did.
pub(super) fn summary_line(diff: &RadarDiff) -> String {
    if diff.is_empty() {
        return "no changes to the radar".into();
    }
    let s = summarize(diff);
    [
        (s.added, "technology added", "technologies added"),
        (s.removed, "technology removed", "technologies removed"),
        (s.moves, "ring move", "ring moves"),
        (
            s.changed,
            "technology otherwise changed",
            "technologies otherwise changed",
        ),
        (s.radar, "radar-level change", "radar-level changes"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| crate::wording::count(n, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

/// A run of editions: `2024-Q1`, or `2024-Q1 to 2024-Q3`.
pub(super) fn editions(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} to {last}"),
    }
}

/// The arrow of a ring move in the Markdown table.
pub(super) fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::In => "↑",
        Direction::Out => "↓",
        Direction::Added => "+",
        Direction::Retired => "×",
        Direction::Across => "→",
    }
}

/// One radar-level change in words; `esc` escapes user text for the format.
pub(super) fn describe_radar(change: &RadarChange, esc: &dyn Fn(&str) -> String) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "(not set)".into(), esc);
    match change {
        RadarChange::Title { from, to } => format!("title: \"{}\" -> \"{}\"", esc(from), esc(to)),
        RadarChange::Reports { from, to } => {
            format!("reports folder: {} -> {}", opt(from), opt(to))
        }
        RadarChange::EditionAdded { edition } => format!("edition added: {edition}"),
        RadarChange::EditionRemoved { edition } => format!("edition removed: {edition}"),
        RadarChange::LevelAdded { level, id, name } => {
            format!("{level} added: {} ({})", esc(name), esc(id))
        }
        RadarChange::LevelRemoved { level, id, name } => {
            format!("{level} removed: {} ({})", esc(name), esc(id))
        }
        RadarChange::LevelRenamed {
            level,
            id,
            from,
            to,
        } => format!(
            "{level} {} renamed: \"{}\" -> \"{}\"",
            esc(id),
            esc(from),
            esc(to)
        ),
        RadarChange::LevelsReordered { level, from, to } => format!(
            "{level}s reordered: {} -> {}",
            esc(&from.join(", ")),
            esc(&to.join(", "))
        ),
    }
}

/// Quadrant and ring of an added or removed technology.
pub(super) fn place(change: &Change, names: &Names, esc: &dyn Fn(&str) -> String) -> String {
    match change {
        Change::Added { quadrant, ring } | Change::Removed { quadrant, ring } => format!(
            "{}, {}",
            esc(&names.quadrant(quadrant)),
            esc(&names.ring(ring.as_deref()))
        ),
        _ => String::new(),
    }
}

/// One technology change in words.
pub(super) fn describe(change: &Change, names: &Names, esc: &dyn Fn(&str) -> String) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "(not set)".into(), esc);
    let evidence = |e: &EvidenceRef| match &e.quote {
        Some(q) => format!("{} \"{}\"", esc(&e.report), esc(q)),
        None => esc(&e.report),
    };
    match change {
        Change::Added { .. } => format!("added: {}", place(change, names, esc)),
        Change::Removed { .. } => format!("removed (was {})", place(change, names, esc)),
        Change::IdChanged { from, to } => format!("id changed: {} -> {}", esc(from), esc(to)),
        Change::Renamed { from, to } => format!("renamed: \"{}\" -> \"{}\"", esc(from), esc(to)),
        Change::Quadrant { from, to } => format!(
            "quadrant: {} -> {}",
            esc(&names.quadrant(from)),
            esc(&names.quadrant(to))
        ),
        Change::Ring {
            editions: list,
            from,
            to,
            direction,
        } => {
            let mut line = format!(
                "ring in {}: {} -> {}",
                editions(list),
                esc(&names.ring(from.as_deref())),
                esc(&names.ring(to.as_deref())),
            );
            // "off the radar" already says which way it went.
            if matches!(
                direction,
                Direction::In | Direction::Out | Direction::Across
            ) {
                let _ = write!(line, " ({})", direction.label());
            }
            line
        }
        Change::AliasAdded { alias } => format!("alias added: \"{}\"", esc(alias)),
        Change::AliasRemoved { alias } => format!("alias removed: \"{}\"", esc(alias)),
        Change::PlacementAdded { edition, ring } => format!(
            "placement added in {edition}: {}",
            esc(&names.ring(Some(ring)))
        ),
        Change::PlacementRemoved { edition, ring } => format!(
            "placement removed in {edition}: {}",
            esc(&names.ring(Some(ring)))
        ),
        Change::Why { edition, to, .. } => format!("why changed in {edition}: {}", opt(to)),
        Change::EvidenceAdded {
            edition,
            evidence: e,
        } => {
            format!("evidence added in {edition}: {}", evidence(e))
        }
        Change::EvidenceRemoved {
            edition,
            evidence: e,
        } => {
            format!("evidence removed in {edition}: {}", evidence(e))
        }
        Change::Link { from, to } => format!("link: {} -> {}", opt(from), opt(to)),
        Change::Description { .. } => "description changed".into(),
        Change::CaseSensitive { to } => format!("case_sensitive: {to}"),
    }
}
