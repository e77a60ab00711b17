//! One technology's placements compared: the ring in force in each of
//! HEAD's editions (ring moves, grouped into runs), and the placements
//! themselves matched by edition (added, removed, `why`, evidence).

use std::collections::{BTreeMap, BTreeSet};

use super::level_id;
use super::model::{Change, Direction, EvidenceRef};
use crate::input::quarter::Quarter;
use crate::input::radar::{Placement, Radar, Technology};

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
        });
        previous = Some(pair);
    }
    out
}

/// Placements matched by edition: added, removed, and changed `why` and
/// evidence. (A changed ring shows up among the ring moves.)
pub(super) fn placement_changes(
    base_radar: &Radar,
    b: &Technology,
    head_radar: &Radar,
    h: &Technology,
) -> Vec<Change> {
    let by_edition = |radar: &Radar, tech: &Technology| -> BTreeMap<Quarter, (String, Placement)> {
        tech.placements
            .iter()
            .filter_map(|p| {
                let ring = p.ring.map_or_else(
                    || crate::input::radar::RETIRED.to_owned(),
                    |r| level_id(&radar.rings, r),
                );
                Some((*radar.editions.get(p.edition)?, (ring, p.clone())))
            })
            .collect()
    };
    let before = by_edition(base_radar, b);
    let after = by_edition(head_radar, h);
    let evidence = |p: &Placement| -> BTreeSet<EvidenceRef> {
        p.evidence
            .iter()
            .map(|e| EvidenceRef {
                report: e.report.clone(),
                quote: e.quote.clone(),
            })
            .collect()
    };
    let mut out = Vec::new();
    let quarters: BTreeSet<&Quarter> = before.keys().chain(after.keys()).collect();
    for q in quarters {
        let edition = q.to_string();
        let (old, new) = (before.get(q), after.get(q));
        match (old, new) {
            (None, Some((ring, _))) => out.push(Change::PlacementAdded {
                edition: edition.clone(),
                ring: ring.clone(),
            }),
            (Some((ring, _)), None) => out.push(Change::PlacementRemoved {
                edition: edition.clone(),
                ring: ring.clone(),
            }),
            (Some((_, o)), Some((_, n))) if o.why != n.why => out.push(Change::Why {
                edition: edition.clone(),
                from: o.why.clone(),
                to: n.why.clone(),
            }),
            _ => {}
        }
        let empty = BTreeSet::new();
        let old_evidence = old.map_or_else(|| empty.clone(), |(_, p)| evidence(p));
        let new_evidence = new.map_or(empty, |(_, p)| evidence(p));
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
    }
    out
}
