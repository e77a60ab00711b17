//! Radar-level changes: the title, the reports folder, the theme, the
//! report size limit, the editions, and the rings and quadrants (added,
//! removed, renamed, recoloured, redescribed, reordered).

use std::collections::BTreeSet;

use super::field;
use super::model::{LevelKind, RadarChange};
use crate::input::quarter::Quarter;
use crate::input::radar::{Level, Radar};

/// The changes to the radar as a whole: title, reports folder, theme,
/// report size limit, editions, then rings and quadrants.
pub(super) fn radar_changes(base: &Radar, head: &Radar) -> Vec<RadarChange> {
    let mut out = Vec::new();
    out.extend(field(&base.title, &head.title, |from, to| {
        RadarChange::Title { from, to }
    }));
    out.extend(field(&base.reports, &head.reports, |from, to| {
        RadarChange::Reports { from, to }
    }));
    out.extend(field(&base.theme, &head.theme, |from, to| {
        RadarChange::Theme {
            from: from.as_str().to_owned(),
            to: to.as_str().to_owned(),
        }
    }));
    out.extend(field(
        &base.max_report_size,
        &head.max_report_size,
        |from, to| RadarChange::MaxReportSize { from, to },
    ));
    let before: BTreeSet<Quarter> = base.editions.iter().copied().collect();
    let after: BTreeSet<Quarter> = head.editions.iter().copied().collect();
    for q in after.difference(&before) {
        out.push(RadarChange::EditionAdded {
            edition: q.to_string(),
        });
    }
    for q in before.difference(&after) {
        out.push(RadarChange::EditionRemoved {
            edition: q.to_string(),
        });
    }
    levels(&mut out, LevelKind::Ring, &base.rings, &head.rings);
    levels(
        &mut out,
        LevelKind::Quadrant,
        &base.quadrants,
        &head.quadrants,
    );
    out
}

/// Rings or quadrants added, removed, renamed and reordered.
fn levels(out: &mut Vec<RadarChange>, level: LevelKind, base: &[Level], head: &[Level]) {
    let find = |levels: &[Level], id: &str| levels.iter().position(|l| l.id == id);
    for l in head.iter().filter(|l| find(base, &l.id).is_none()) {
        out.push(RadarChange::LevelAdded {
            level,
            id: l.id.clone(),
            name: l.name.clone(),
        });
    }
    for l in base.iter().filter(|l| find(head, &l.id).is_none()) {
        out.push(RadarChange::LevelRemoved {
            level,
            id: l.id.clone(),
            name: l.name.clone(),
        });
    }
    for l in head {
        let Some(b) = find(base, &l.id).map(|i| &base[i]) else {
            continue;
        };
        let id = || l.id.clone();
        out.extend(field(&b.name, &l.name, |from, to| {
            RadarChange::LevelRenamed {
                level,
                id: id(),
                from,
                to,
            }
        }));
        out.extend(field(&b.color, &l.color, |from, to| {
            RadarChange::LevelColor {
                level,
                id: id(),
                from,
                to,
            }
        }));
        out.extend(field(&b.description, &l.description, |from, to| {
            RadarChange::LevelDescription {
                level,
                id: id(),
                from,
                to,
            }
        }));
    }
    // Reordering rings changes every placement's meaning, so it is worth
    // its own line even when nothing was added or removed.
    let common = |from: &[Level], other: &[Level]| -> Vec<String> {
        from.iter()
            .filter(|l| find(other, &l.id).is_some())
            .map(|l| l.id.clone())
            .collect()
    };
    let (before, after) = (common(base, head), common(head, base));
    if before != after {
        out.push(RadarChange::LevelsReordered {
            level,
            from: before,
            to: after,
        });
    }
}
