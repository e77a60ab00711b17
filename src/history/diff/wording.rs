//! The words of a diff, shared by its Markdown and text renderings: display
//! names for ring and quadrant ids, the summary line, and one line per
//! change. User text goes through the `esc` each renderer passes (Markdown
//! escaping, or none).

use std::fmt::Write;

use super::model::{Change, Direction, EvidenceRef, LinkRef, NewPlacement, RadarChange, RadarDiff};
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

/// The summary line: technologies moved, added and removed, then every
/// other change (to the radar as a whole or to a technology); or that
/// nothing changed.
pub(super) fn summary_line(diff: &RadarDiff) -> String {
    if diff.is_empty() {
        return "no changes to the radar".into();
    }
    let (mut moved, mut added, mut removed) = (0, 0, 0);
    let mut other = diff.radar.len();
    for t in &diff.technologies {
        for c in &t.changes {
            match c {
                Change::Added { .. } => added += 1,
                Change::Removed { .. } => removed += 1,
                Change::Ring { .. } => {}
                _ => other += 1,
            }
        }
        if t.changes.iter().any(|c| matches!(c, Change::Ring { .. })) {
            moved += 1;
        }
    }
    format!(
        "{} moved, {added} added, {removed} removed; {}",
        crate::wording::count(moved, "technology", "technologies"),
        crate::wording::count(other, "other change", "other changes")
    )
}

/// The line said when BASE is a revision without a radar file.
pub(super) const BASE_MISSING: &str = "The base has no radar file yet, so every technology is new.";

/// The warning for a rename that drops the old name from the spellings
/// counted, or `None` for any other change.
pub(super) fn rename_warning(change: &Change, esc: &dyn Fn(&str) -> String) -> Option<String> {
    match change {
        Change::Renamed {
            from,
            old_name_dropped: true,
            ..
        } => Some(format!(
            "\"{}\" no longer counts as a mention; add it to `aliases` to keep counting the reports that use it",
            esc(from)
        )),
        _ => None,
    }
}

/// The placement a change brings, with its `why` and evidence: a move's
/// new placement, an added placement, or each placement of an added
/// technology.
pub(super) fn new_placements(change: &Change) -> Vec<&NewPlacement> {
    match change {
        Change::Ring {
            placement: Some(p), ..
        }
        | Change::PlacementAdded(p) => vec![p],
        Change::Added { placements, .. } => placements.iter().collect(),
        _ => Vec::new(),
    }
}

/// A new placement's `why`, or that it has none.
pub(super) fn why(p: &NewPlacement, esc: &dyn Fn(&str) -> String) -> String {
    p.why
        .as_deref()
        .map_or_else(|| "no `why` given".into(), esc)
}

/// A piece of evidence: the report, and the quote when there is one.
pub(super) fn evidence(e: &EvidenceRef, esc: &dyn Fn(&str) -> String) -> String {
    match &e.quote {
        Some(q) => format!("{} \"{}\"", esc(&e.report), esc(q)),
        None => esc(&e.report),
    }
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
        RadarChange::LevelColor {
            level,
            id,
            from,
            to,
        } => format!("{level} {} color: {} -> {}", esc(id), opt(from), opt(to)),
        RadarChange::LevelDescription { level, id, .. } => {
            format!("{level} {} description changed", esc(id))
        }
        RadarChange::Theme { from, to } => format!("theme: {from} -> {to}"),
        RadarChange::MaxReportSize { from, to } => {
            format!("max_report_size: {from} -> {to} bytes")
        }
    }
}

/// Quadrant and ring of an added or removed technology.
pub(super) fn place(change: &Change, names: &Names, esc: &dyn Fn(&str) -> String) -> String {
    match change {
        Change::Added { quadrant, ring, .. } | Change::Removed { quadrant, ring } => format!(
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
    let evidence = |e: &EvidenceRef| evidence(e, esc);
    let link = |l: &LinkRef| match &l.title {
        Some(title) => format!("{} ({})", esc(&l.url), esc(title)),
        None => esc(&l.url),
    };
    match change {
        Change::Added { .. } => format!("added: {}", place(change, names, esc)),
        Change::Removed { .. } => format!("removed (was {})", place(change, names, esc)),
        Change::IdChanged { from, to } => format!("id changed: {} -> {}", esc(from), esc(to)),
        Change::Renamed { from, to, .. } => {
            format!("renamed: \"{}\" -> \"{}\"", esc(from), esc(to))
        }
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
            ..
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
        Change::PlacementAdded(p) => format!(
            "placement added in {}: {}",
            p.edition,
            esc(&names.ring(Some(&p.ring)))
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
        Change::CountName { to } => format!("count_name: {to}"),
        Change::TagAdded { tag } => format!("tag added: {}", esc(tag)),
        Change::TagRemoved { tag } => format!("tag removed: {}", esc(tag)),
        Change::LinkAdded { link: l } => format!("link added: {}", link(l)),
        Change::LinkRemoved { link: l } => format!("link removed: {}", link(l)),
        Change::Featured { edition, to } => format!("featured in {edition}: {to}"),
    }
}
