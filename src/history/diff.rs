//! What changed between two versions of a radar: the review of a pull
//! request that edits radar.toml.
//!
//! [`diff`] compares two validated [`Radar`]s and needs nothing else (no
//! reports), so it can compare a file with one read from a git revision.
//! Technologies are matched by id; an id that disappears while another with
//! the same name appears is taken as a rename of the id. Ring moves compare
//! the ring in force in each of HEAD's editions, so moving a placement and
//! adding an edition both show up as the moves a reader cares about. The
//! result is plain data, rendered by [`crate::cmd::diff`] as Markdown, text
//! or JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::input::quarter::Quarter;
use crate::input::radar::{Level, Placement, Radar, Technology};

/// Everything that differs between BASE and HEAD.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct RadarDiff {
    /// Changes to the radar as a whole, in a fixed order.
    pub radar: Vec<RadarChange>,
    /// Technologies that changed, by id (HEAD's id, or BASE's when removed).
    pub technologies: Vec<TechnologyDiff>,
}

impl RadarDiff {
    /// Whether the two versions are the same.
    pub(crate) fn is_empty(&self) -> bool {
        self.radar.is_empty() && self.technologies.is_empty()
    }
}

/// A change to the radar as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum RadarChange {
    /// The title changed.
    Title {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The reports folder setting changed.
    Reports {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// An edition was added.
    EditionAdded {
        /// The quarter.
        edition: String,
    },
    /// An edition was removed.
    EditionRemoved {
        /// The quarter.
        edition: String,
    },
    /// A ring or quadrant was added.
    LevelAdded {
        /// `ring` or `quadrant`.
        level: &'static str,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A ring or quadrant was removed.
    LevelRemoved {
        /// `ring` or `quadrant`.
        level: &'static str,
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A ring or quadrant got a new name.
    LevelRenamed {
        /// `ring` or `quadrant`.
        level: &'static str,
        /// Its id.
        id: String,
        /// Name before.
        from: String,
        /// Name after.
        to: String,
    },
    /// The rings or quadrants present on both sides are in a new order.
    LevelsReordered {
        /// `ring` or `quadrant`.
        level: &'static str,
        /// Ids before.
        from: Vec<String>,
        /// Ids after.
        to: Vec<String>,
    },
}

/// The changes to one technology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct TechnologyDiff {
    /// Id (HEAD's, or BASE's when removed).
    pub id: String,
    /// Name (HEAD's, or BASE's when removed).
    pub name: String,
    /// What changed, in a fixed order.
    pub changes: Vec<Change>,
}

/// Which way a ring move goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Direction {
    /// Towards the innermost ring (adopt).
    In,
    /// Away from the innermost ring.
    Out,
    /// Onto the radar (from not placed, or retired).
    Added,
    /// Off the radar (retired, or no longer placed).
    Retired,
    /// To a ring at the same distance from the centre (a ring whose id
    /// changed, say).
    Across,
}

impl Direction {
    /// Human wording.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Direction::In => "moved in",
            Direction::Out => "moved out",
            Direction::Added => "onto the radar",
            Direction::Retired => "off the radar",
            Direction::Across => "ring changed",
        }
    }
}

/// One piece of evidence, as written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct EvidenceRef {
    /// Report id.
    pub report: String,
    /// Quoted words, if any.
    pub quote: Option<String>,
}

/// A change to one technology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum Change {
    /// New in HEAD.
    Added {
        /// Quadrant id.
        quadrant: String,
        /// Ring id in HEAD's current edition; `None` when off the radar.
        ring: Option<String>,
    },
    /// Gone from HEAD.
    Removed {
        /// Quadrant id.
        quadrant: String,
        /// Ring id in BASE's current edition; `None` when off the radar.
        ring: Option<String>,
    },
    /// The id changed (the name stayed).
    IdChanged {
        /// BASE's id.
        from: String,
        /// HEAD's id.
        to: String,
    },
    /// The display name changed.
    Renamed {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The quadrant changed.
    Quadrant {
        /// Quadrant id before.
        from: String,
        /// Quadrant id after.
        to: String,
    },
    /// The ring in force differs, in a run of consecutive editions.
    Ring {
        /// The editions (HEAD's) the difference holds in, ascending.
        editions: Vec<String>,
        /// Ring id in BASE; `None` when off the radar.
        from: Option<String>,
        /// Ring id in HEAD; `None` when off the radar.
        to: Option<String>,
        /// Which way.
        direction: Direction,
    },
    /// An alias was added.
    AliasAdded {
        /// The alias.
        alias: String,
    },
    /// An alias was removed.
    AliasRemoved {
        /// The alias.
        alias: String,
    },
    /// A placement was added.
    PlacementAdded {
        /// Its edition.
        edition: String,
        /// Its ring id, or `retired`.
        ring: String,
    },
    /// A placement was removed.
    PlacementRemoved {
        /// Its edition.
        edition: String,
        /// Its ring id, or `retired`.
        ring: String,
    },
    /// A placement's `why` changed.
    Why {
        /// The placement's edition.
        edition: String,
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// Evidence was added to a placement.
    EvidenceAdded {
        /// The placement's edition.
        edition: String,
        /// The evidence.
        evidence: EvidenceRef,
    },
    /// Evidence was removed from a placement.
    EvidenceRemoved {
        /// The placement's edition.
        edition: String,
        /// The evidence.
        evidence: EvidenceRef,
    },
    /// The link changed.
    Link {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// The description changed.
    Description {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// `case_sensitive` changed.
    CaseSensitive {
        /// After.
        to: bool,
    },
}

/// Compares two radars.
pub(crate) fn diff(base: &Radar, head: &Radar) -> RadarDiff {
    RadarDiff {
        radar: radar_changes(base, head),
        technologies: technology_diffs(base, head),
    }
}

fn radar_changes(base: &Radar, head: &Radar) -> Vec<RadarChange> {
    let mut out = Vec::new();
    if base.title != head.title {
        out.push(RadarChange::Title {
            from: base.title.clone(),
            to: head.title.clone(),
        });
    }
    if base.reports != head.reports {
        out.push(RadarChange::Reports {
            from: base.reports.clone(),
            to: head.reports.clone(),
        });
    }
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
    levels(&mut out, "ring", &base.rings, &head.rings);
    levels(&mut out, "quadrant", &base.quadrants, &head.quadrants);
    out
}

fn levels(out: &mut Vec<RadarChange>, level: &'static str, base: &[Level], head: &[Level]) {
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
        if let Some(b) = find(base, &l.id).map(|i| &base[i])
            && b.name != l.name
        {
            out.push(RadarChange::LevelRenamed {
                level,
                id: l.id.clone(),
                from: b.name.clone(),
                to: l.name.clone(),
            });
        }
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
fn technology_diffs(base: &Radar, head: &Radar) -> Vec<TechnologyDiff> {
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

fn level_id(levels: &[Level], index: usize) -> String {
    levels.get(index).map_or_else(String::new, |l| l.id.clone())
}

fn technology_changes(
    base_radar: &Radar,
    b: &Technology,
    head_radar: &Radar,
    h: &Technology,
) -> Vec<Change> {
    let mut out = Vec::new();
    if b.id != h.id {
        out.push(Change::IdChanged {
            from: b.id.clone(),
            to: h.id.clone(),
        });
    }
    if b.name != h.name {
        out.push(Change::Renamed {
            from: b.name.clone(),
            to: h.name.clone(),
        });
    }
    let (bq, hq) = (
        level_id(&base_radar.quadrants, b.quadrant),
        level_id(&head_radar.quadrants, h.quadrant),
    );
    if bq != hq {
        out.push(Change::Quadrant { from: bq, to: hq });
    }
    out.extend(ring_moves(base_radar, b, head_radar, h));
    let (ba, ha): (BTreeSet<&String>, BTreeSet<&String>) =
        (b.aliases.iter().collect(), h.aliases.iter().collect());
    for alias in ha.difference(&ba) {
        out.push(Change::AliasAdded {
            alias: (*alias).clone(),
        });
    }
    for alias in ba.difference(&ha) {
        out.push(Change::AliasRemoved {
            alias: (*alias).clone(),
        });
    }
    out.extend(placement_changes(base_radar, b, head_radar, h));
    if b.link != h.link {
        out.push(Change::Link {
            from: b.link.clone(),
            to: h.link.clone(),
        });
    }
    if b.description != h.description {
        out.push(Change::Description {
            from: b.description.clone(),
            to: h.description.clone(),
        });
    }
    if b.case_sensitive != h.case_sensitive {
        out.push(Change::CaseSensitive {
            to: h.case_sensitive,
        });
    }
    out
}

/// The ring id of `tech` in force at `quarter` of `radar`: its ring in the
/// last edition at or before that quarter.
fn ring_at(radar: &Radar, tech: &Technology, quarter: Quarter) -> Option<String> {
    let edition = radar.editions.iter().rposition(|e| *e <= quarter)?;
    tech.ring_in(edition).map(|r| level_id(&radar.rings, r))
}

/// Where the ring in force differs, for each of HEAD's editions, grouped
/// into runs of consecutive editions with the same move.
fn ring_moves(
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
fn placement_changes(
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::input::radar::from_test_toml as radar;

    const HEADER: &str = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\", \"2024-Q2\"]\n";

    fn with(techs: &str) -> Radar {
        radar(&format!("{HEADER}{techs}"))
    }

    fn changes(base: &str, head: &str) -> Vec<Change> {
        let d = diff(&with(base), &with(head));
        d.technologies.into_iter().flat_map(|t| t.changes).collect()
    }

    const ISTIO: &str = r#"
[technologies.istio]
name = "Istio"
quadrant = "platforms"
aliases = ["istio-proxy"]
placements = [
  { edition = "2024-Q1", ring = "assess", evidence = [{ report = "a", quote = "x" }] },
]
"#;

    #[test]
    fn identical_radars_have_no_diff() {
        assert!(diff(&with(ISTIO), &with(ISTIO)).is_empty());
    }

    #[test]
    fn ring_moves_are_runs_with_direction() {
        let head = ISTIO.replace("ring = \"assess\"", "ring = \"trial\"");
        assert_eq!(
            changes(ISTIO, &head),
            [Change::Ring {
                editions: vec!["2024-Q1".into(), "2024-Q2".into()],
                from: Some("assess".into()),
                to: Some("trial".into()),
                direction: Direction::In,
            }]
        );
        let head = format!(
            "{}  {{ edition = \"2024-Q2\", ring = \"retired\" }},\n]\n",
            ISTIO.trim_end().trim_end_matches(']')
        );
        let got = changes(ISTIO, &head);
        assert_eq!(
            got[0],
            Change::Ring {
                editions: vec!["2024-Q2".into()],
                from: Some("assess".into()),
                to: None,
                direction: Direction::Retired,
            }
        );
        assert_eq!(
            got[1],
            Change::PlacementAdded {
                edition: "2024-Q2".into(),
                ring: "retired".into()
            }
        );
    }

    #[test]
    fn a_ring_whose_id_changed_is_neither_in_nor_out() {
        let base = radar(&format!("{HEADER}{ISTIO}"));
        let head = radar(&format!(
            "{HEADER}rings = [{{ id = \"adopt\", name = \"A\" }}, {{ id = \"trial\", name = \"T\" }}, {{ id = \"evaluate\", name = \"E\" }}]\n{}",
            ISTIO.replace("\"assess\"", "\"evaluate\"")
        ));
        let d = diff(&base, &head);
        let directions: Vec<Direction> = d.technologies[0]
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Ring { direction, .. } => Some(*direction),
                _ => None,
            })
            .collect();
        assert_eq!(directions, [Direction::Across]);
    }

    #[test]
    fn technology_fields() {
        let head = ISTIO
            .replace("\"Istio\"", "\"Istio Mesh\"")
            .replace("\"platforms\"", "\"tools\"")
            .replace("[\"istio-proxy\"]", "[\"istiod\"]")
            .replace("quote = \"x\"", "quote = \"y\"");
        assert_eq!(
            changes(ISTIO, &head),
            [
                Change::Renamed {
                    from: "Istio".into(),
                    to: "Istio Mesh".into()
                },
                Change::Quadrant {
                    from: "platforms".into(),
                    to: "tools".into()
                },
                Change::AliasAdded {
                    alias: "istiod".into()
                },
                Change::AliasRemoved {
                    alias: "istio-proxy".into()
                },
                Change::EvidenceAdded {
                    edition: "2024-Q1".into(),
                    evidence: EvidenceRef {
                        report: "a".into(),
                        quote: Some("y".into())
                    }
                },
                Change::EvidenceRemoved {
                    edition: "2024-Q1".into(),
                    evidence: EvidenceRef {
                        report: "a".into(),
                        quote: Some("x".into())
                    }
                },
            ]
        );
    }

    #[test]
    fn a_new_id_with_the_old_name_is_an_id_change() {
        let head = ISTIO.replace("[technologies.istio]", "[technologies.istio-mesh]");
        let d = diff(&with(ISTIO), &with(&head));
        assert_eq!(d.technologies.len(), 1);
        assert_eq!(d.technologies[0].id, "istio-mesh");
        assert_eq!(
            d.technologies[0].changes,
            [Change::IdChanged {
                from: "istio".into(),
                to: "istio-mesh".into()
            }]
        );
    }

    #[test]
    fn added_and_removed_technologies() {
        let other = "[technologies.helm]\nname = \"Helm\"\nquadrant = \"tools\"\nplacements = [{ edition = \"2024-Q2\", ring = \"adopt\" }]\n";
        let d = diff(&with(ISTIO), &with(other));
        let ids: Vec<(&str, &Change)> = d
            .technologies
            .iter()
            .map(|t| (t.id.as_str(), &t.changes[0]))
            .collect();
        assert_eq!(
            ids,
            [
                (
                    "helm",
                    &Change::Added {
                        quadrant: "tools".into(),
                        ring: Some("adopt".into())
                    }
                ),
                (
                    "istio",
                    &Change::Removed {
                        quadrant: "platforms".into(),
                        ring: Some("assess".into())
                    }
                ),
            ]
        );
    }

    #[test]
    fn radar_level_changes() {
        let base = radar(&format!("{HEADER}{ISTIO}"));
        let head = radar(&format!(
            "[radar]\ntitle = \"U\"\neditions = [\"2024-Q1\", \"2024-Q2\", \"2024-Q3\"]\n\
             rings = [{{ id = \"trial\", name = \"Try\" }}, {{ id = \"adopt\", name = \"Adopt\" }}, {{ id = \"assess\", name = \"Assess\" }}]\n{ISTIO}"
        ));
        let d = diff(&base, &head);
        let kinds: Vec<String> = d
            .radar
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .map(|v| v["kind"].to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "\"title\"",
                "\"edition-added\"",
                "\"level-removed\"",
                "\"level-renamed\"",
                "\"levels-reordered\""
            ]
        );
        assert!(d.technologies.is_empty(), "{:?}", d.technologies);
    }
}
