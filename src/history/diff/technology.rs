//! Technology changes: technologies matched between BASE and HEAD (by id,
//! or by name when only the id changed), then each matched pair compared
//! field by field. Ring moves and placements are compared in
//! [`super::placement`].

use std::collections::{BTreeMap, BTreeSet};

use super::model::LinkRef;
use super::model::{Change, TechnologyDiff};
use super::placement::{fold_into_moves, new_placement, placement_changes, ring_moves};
use super::{field, level_id};
use crate::input::radar::{Radar, Technology};

/// Technologies grouped by name, trimmed and lowercased.
fn by_name<'a>(
    techs: impl Iterator<Item = &'a Technology>,
) -> BTreeMap<String, Vec<&'a Technology>> {
    let mut names: BTreeMap<String, Vec<&Technology>> = BTreeMap::new();
    for t in techs {
        names
            .entry(t.name.trim().to_lowercase())
            .or_default()
            .push(t);
    }
    names
}

/// Pairs technologies by id, then pairs an unmatched BASE id with an
/// unmatched HEAD id when exactly one of each has the same name.
pub(super) fn technology_diffs(base: &Radar, head: &Radar) -> Vec<TechnologyDiff> {
    let base_ids: BTreeMap<&str, &Technology> = base
        .technologies
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let head_ids: BTreeMap<&str, &Technology> = head
        .technologies
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let gone = by_name(
        base.technologies
            .iter()
            .filter(|t| !head_ids.contains_key(t.id.as_str())),
    );
    let arrived = by_name(
        head.technologies
            .iter()
            .filter(|t| !base_ids.contains_key(t.id.as_str())),
    );
    // HEAD id -> BASE technology it renames.
    let mut renamed: BTreeMap<&str, &Technology> = BTreeMap::new();
    for (name, heads) in &arrived {
        if let (Some(bases), [h]) = (gone.get(name), heads.as_slice())
            && let [b] = bases.as_slice()
        {
            renamed.insert(h.id.as_str(), b);
        }
    }
    let renamed_from: BTreeSet<&str> = renamed.values().map(|b| b.id.as_str()).collect();

    let mut out: Vec<TechnologyDiff> = Vec::new();
    for (id, h) in &head_ids {
        let matched = base_ids.get(id).or_else(|| renamed.get(id));
        let changes = match matched {
            Some(b) => technology_changes(base, b, head, h),
            None => vec![Change::Added {
                quadrant: level_id(&head.quadrants, h.quadrant),
                ring: h.ring_in(head.current()).map(|r| level_id(&head.rings, r)),
                placements: h
                    .placements
                    .iter()
                    .map(|p| new_placement(head, p))
                    .collect(),
            }],
        };
        if !changes.is_empty() {
            out.push(TechnologyDiff {
                id: (*id).to_owned(),
                name: h.name.clone(),
                changes,
            });
        }
    }
    for (id, b) in &base_ids {
        if head_ids.contains_key(id) || renamed_from.contains(id) {
            continue;
        }
        out.push(TechnologyDiff {
            id: (*id).to_owned(),
            name: b.name.clone(),
            changes: vec![Change::Removed {
                quadrant: level_id(&base.quadrants, b.quadrant),
                ring: b.ring_in(base.current()).map(|r| level_id(&base.rings, r)),
            }],
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// What changed in one technology matched between the sides, in the
/// order of [`Change`]'s variants.
fn technology_changes(
    base_radar: &Radar,
    b: &Technology,
    head_radar: &Radar,
    h: &Technology,
) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(field(&b.id, &h.id, |from, to| Change::IdChanged {
        from,
        to,
    }));
    out.extend(field(&b.name, &h.name, |from, to| Change::Renamed {
        old_name_dropped: b.count_name && !counts_as(h, &from),
        from,
        to,
    }));
    let (bq, hq) = (
        level_id(&base_radar.quadrants, b.quadrant),
        level_id(&head_radar.quadrants, h.quadrant),
    );
    out.extend(field(&bq, &hq, |from, to| Change::Quadrant { from, to }));
    let mut moves = ring_moves(base_radar, b, head_radar, h);
    let placements = fold_into_moves(&mut moves, placement_changes(base_radar, b, head_radar, h));
    out.extend(moves);
    out.extend(set_changes(
        &b.aliases,
        &h.aliases,
        |alias| Change::AliasAdded { alias },
        |alias| Change::AliasRemoved { alias },
    ));
    out.extend(placements);
    out.extend(field(&b.link, &h.link, |from, to| Change::Link {
        from,
        to,
    }));
    out.extend(field(&b.description, &h.description, |from, to| {
        Change::Description { from, to }
    }));
    out.extend(field(&b.case_sensitive, &h.case_sensitive, |_, to| {
        Change::CaseSensitive { to }
    }));
    out.extend(field(&b.count_name, &h.count_name, |_, to| {
        Change::CountName { to }
    }));
    out.extend(set_changes(
        &b.tags,
        &h.tags,
        |tag| Change::TagAdded { tag },
        |tag| Change::TagRemoved { tag },
    ));
    let links = |t: &Technology| -> Vec<LinkRef> {
        t.links
            .iter()
            .map(|l| LinkRef {
                url: l.url.clone(),
                title: l.title.clone(),
            })
            .collect()
    };
    out.extend(set_changes(
        &links(b),
        &links(h),
        |link| Change::LinkAdded { link },
        |link| Change::LinkRemoved { link },
    ));
    out
}

/// What HEAD's list has that BASE's lacks (as `added`), then the reverse
/// (as `removed`), each in sorted order: aliases, tags and links compare as
/// sets.
fn set_changes<T: Ord + Clone>(
    base: &[T],
    head: &[T],
    added: impl Fn(T) -> Change,
    removed: impl Fn(T) -> Change,
) -> Vec<Change> {
    let (b, h): (BTreeSet<&T>, BTreeSet<&T>) = (base.iter().collect(), head.iter().collect());
    h.difference(&b)
        .map(|v| added((*v).clone()))
        .chain(b.difference(&h).map(|v| removed((*v).clone())))
        .collect()
}

/// Whether `spelling` still counts as a mention of `tech`: it is, as the
/// matcher compares them, its counted name or one of its aliases.
fn counts_as(tech: &Technology, spelling: &str) -> bool {
    let key = |s: &str| {
        if tech.case_sensitive {
            crate::text::normalize_phrase(s)
        } else {
            crate::text::name_key(s)
        }
    };
    let wanted = key(spelling);
    tech.count_name
        .then_some(tech.name.as_str())
        .into_iter()
        .chain(tech.aliases.iter().map(String::as_str))
        .any(|s| key(s) == wanted)
}
