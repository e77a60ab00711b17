//! One technology's placements compared: the ring in force in each of
//! HEAD's editions (ring moves, grouped into runs), and the placements
//! themselves matched by edition (added, removed, `why`, evidence,
//! `featured`), the additions and removals that make a move folded into it.

use std::collections::{BTreeMap, BTreeSet};

use super::level_id;
use super::model::{Change, Direction, EvidenceRef, NewPlacement};
use crate::input::quarter::Quarter;
use crate::input::radar::{Evidence, Placement, Radar, Technology};

/// The ring id of `tech` in force at `quarter` of `radar`: its ring in the
/// last edition at or before that quarter.
fn ring_at(radar: &Radar, tech: &Technology, quarter: Quarter) -> Option<String> {
    let edition = radar.editions.iter().rposition(|e| *e <= quarter)?;
    tech.ring_in(edition).map(|r| level_id(&radar.rings, r))
}

/// Where the ring in force differs, for each of HEAD's editions, grouped
/// into runs of consecutive editions with the same move.
pub(super) fn ring_moves(
    base_radar: &Radar,
    b: &Technology,
    head_radar: &Radar,
    h: &Technology,
) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let mut previous: Option<(Option<String>, Option<String>)> = None;
    for &quarter in &head_radar.editions {
        let from = ring_at(base_radar, b, quarter);
        let to = ring_at(head_radar, h, quarter);
        if from == to {
            previous = None;
            continue;
        }
        let pair = (from.clone(), to.clone());
        if previous.as_ref() == Some(&pair)
            && let Some(Change::Ring { editions, .. }) = out.last_mut()
        {
            editions.push(quarter.to_string());
            continue;
        }
        let direction = match (&from, &to) {
            (None, _) => Direction::Added,
            (_, None) => Direction::Retired,
            (Some(f), Some(t)) => {
                // Positions in HEAD's ring order; a ring HEAD no longer
                // has keeps its place from BASE.
                let position = |id: &str| {
                    head_radar
                        .rings
                        .iter()
                        .position(|l| l.id == id)
                        .or_else(|| base_radar.rings.iter().position(|l| l.id == id))
                };
                match position(t).cmp(&position(f)) {
                    std::cmp::Ordering::Less => Direction::In,
                    std::cmp::Ordering::Greater => Direction::Out,
                    std::cmp::Ordering::Equal => Direction::Across,
                }
            }
        };
        out.push(Change::Ring {
            editions: vec![quarter.to_string()],
            from,
            to,
            direction,
            placement: None,
        });
        previous = Some(pair);
    }
    out
}

/// A placement as a [`NewPlacement`]: its edition, ring, `why` and
/// evidence as written.
pub(super) fn new_placement(radar: &Radar, p: &Placement) -> NewPlacement {
    NewPlacement {
        edition: radar
            .editions
            .get(p.edition)
            .map(ToString::to_string)
            .unwrap_or_default(),
        ring: ring_id(radar, p),
        why: p.why.clone(),
        evidence: p.evidence.iter().map(evidence_ref).collect(),
    }
}

/// A piece of evidence as written.
fn evidence_ref(e: &Evidence) -> EvidenceRef {
    EvidenceRef {
        report: e.report.clone(),
        quote: e.quote.clone(),
    }
}

/// A placement's ring id, or `retired`.
fn ring_id(radar: &Radar, p: &Placement) -> String {
    p.ring.map_or_else(
        || crate::input::radar::RETIRED.to_owned(),
        |r| level_id(&radar.rings, r),
    )
}

/// Placements matched by edition: added (with their `why` and evidence),
/// removed, and changed `why`, evidence and `featured` of the placements
/// on both sides. (A changed ring shows up among the ring moves, and
/// [`fold_into_moves`] then merges the additions and removals that make a
/// move into it.)
pub(super) fn placement_changes(
    base_radar: &Radar,
    b: &Technology,
    head_radar: &Radar,
    h: &Technology,
) -> Vec<Change> {
    let by_edition = |radar: &Radar, tech: &Technology| -> BTreeMap<Quarter, Placement> {
        tech.placements
            .iter()
            .filter_map(|p| Some((*radar.editions.get(p.edition)?, p.clone())))
            .collect()
    };
    let before = by_edition(base_radar, b);
    let after = by_edition(head_radar, h);
    let evidence =
        |p: &Placement| -> BTreeSet<EvidenceRef> { p.evidence.iter().map(evidence_ref).collect() };
    let mut out = Vec::new();
    let quarters: BTreeSet<&Quarter> = before.keys().chain(after.keys()).collect();
    for q in quarters {
        let edition = q.to_string();
        let (o, n) = match (before.get(q), after.get(q)) {
            (None, Some(n)) => {
                out.push(Change::PlacementAdded(new_placement(head_radar, n)));
                continue;
            }
            (Some(o), None) => {
                out.push(Change::PlacementRemoved {
                    edition,
                    ring: ring_id(base_radar, o),
                });
                continue;
            }
            (Some(o), Some(n)) => (o, n),
            (None, None) => continue,
        };
        if o.why != n.why {
            out.push(Change::Why {
                edition: edition.clone(),
                from: o.why.clone(),
                to: n.why.clone(),
            });
        }
        let (old_evidence, new_evidence) = (evidence(o), evidence(n));
        for e in new_evidence.difference(&old_evidence) {
            out.push(Change::EvidenceAdded {
                edition: edition.clone(),
                evidence: e.clone(),
            });
        }
        for e in old_evidence.difference(&new_evidence) {
            out.push(Change::EvidenceRemoved {
                edition: edition.clone(),
                evidence: e.clone(),
            });
        }
        if o.featured != n.featured {
            out.push(Change::Featured {
                edition,
                to: n.featured,
            });
        }
    }
    out
}

/// Makes each move one change: a placement added where a move starts, to
/// the ring it moves to, becomes that move's `placement`; a placement
/// removed in an edition a move covers is what made the move, and is left
/// out. What moves nothing stays as it is.
pub(super) fn fold_into_moves(moves: &mut [Change], placements: Vec<Change>) -> Vec<Change> {
    let mut rest = Vec::new();
    for change in placements {
        match change {
            Change::PlacementAdded(p) => {
                let starts_here = moves.iter_mut().find_map(|m| match m {
                    Change::Ring {
                        editions,
                        to,
                        placement: slot @ None,
                        ..
                    } if editions.first() == Some(&p.edition)
                        && to.as_deref().unwrap_or(crate::input::radar::RETIRED) == p.ring =>
                    {
                        Some(slot)
                    }
                    _ => None,
                });
                match starts_here {
                    Some(slot) => *slot = Some(p),
                    None => rest.push(Change::PlacementAdded(p)),
                }
            }
            Change::PlacementRemoved { ref edition, .. }
                if moves.iter().any(
                    |m| matches!(m, Change::Ring { editions, .. } if editions.contains(edition)),
                ) => {}
            other => rest.push(other),
        }
    }
    rest
}
