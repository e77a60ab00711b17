//! What changed between two versions of a radar: the review of a pull
//! request that edits radar.toml.
//!
//! [`diff`] compares two validated [`Radar`]s and needs nothing else (no
//! reports), so it can compare a file with one read from a git revision
//! ([`crate::history::revision`]). Technologies are matched by id; an id
//! that disappears while another with the same name appears is taken as a
//! rename of the id. Ring moves compare the ring in force in each of HEAD's
//! editions, so moving a placement and adding an edition both show up as
//! the moves a reader cares about.
//!
//! The result is plain data ([`model`]), found by comparing the radars as a
//! whole ([`radar_level`]) and technology by technology ([`technology`],
//! with their placements in [`placement`]), and written as Markdown
//! ([`markdown`]: a pull-request comment or a job summary), text
//! ([`text`], both worded by [`wording`]) or JSON ([`RadarDiff::to_json`]).
//! A ring move is one change, carrying the new placement that makes it.

pub(crate) mod markdown;
mod model;
mod placement;
mod radar_level;
mod technology;
pub(crate) mod text;
mod wording;

pub(crate) use model::RadarDiff;

use crate::input::radar::{Level, Radar};

/// Compares two radars.
pub(crate) fn diff(base: &Radar, head: &Radar) -> RadarDiff {
    RadarDiff {
        base_missing: false,
        radar: radar_level::radar_changes(base, head),
        technologies: technology::technology_diffs(base, head),
    }
}

/// The diff against a BASE that has no radar file yet (a repository's
/// first pull request with one): every technology added, each with its
/// placements, and nothing said about the radar as a whole.
pub(crate) fn everything_added(head: &Radar) -> RadarDiff {
    let nothing = Radar {
        technologies: Vec::new(),
        ..head.clone()
    };
    RadarDiff {
        base_missing: true,
        radar: Vec::new(),
        technologies: technology::technology_diffs(&nothing, head),
    }
}

/// `make(from, to)` when a field differs between the sides: the one way a
/// field's change is found.
fn field<T: PartialEq + Clone, C>(from: &T, to: &T, make: impl FnOnce(T, T) -> C) -> Option<C> {
    (from != to).then(|| make(from.clone(), to.clone()))
}

/// The id of level `index`, or empty when there is none.
fn level_id(levels: &[Level], index: usize) -> String {
    levels.get(index).map_or_else(String::new, |l| l.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::model::{Change, Direction, EvidenceRef, LevelKind, NewPlacement, RadarChange};
    use crate::input::fixture::RadarFixture;

    /// A radar with the editions 2024-Q1 and 2024-Q2, and no technologies
    /// yet.
    fn editions() -> RadarFixture {
        RadarFixture::new(&["2024-Q1", "2024-Q2"])
    }

    /// Adds Istio as `id`: in Platforms, with an alias, assessed in 2024-Q1
    /// on one quote. Its placement is the last, for `placement_key`.
    fn istio(fixture: RadarFixture, id: &str) -> RadarFixture {
        fixture
            .tech(id, "Istio", "platforms")
            .key("aliases", "[\"istio-proxy\"]")
            .placed("2024-Q1", "assess")
            .evidence("a", "x")
    }

    fn base() -> Radar {
        istio(editions(), "istio").build()
    }

    /// The JSON `kind` of each change, quoted.
    fn kinds<T: serde::Serialize>(changes: &[T]) -> Vec<String> {
        changes
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .map(|v| v["kind"].to_string())
                    .unwrap_or_default()
            })
            .collect()
    }

    fn changes(base: &Radar, head: &Radar) -> Vec<Change> {
        let d = diff(base, head);
        d.technologies.into_iter().flat_map(|t| t.changes).collect()
    }

    #[test]
    fn identical_radars_have_no_diff() {
        assert!(diff(&base(), &base()).is_empty());
    }

    #[test]
    fn ring_moves_are_runs_with_direction() {
        let head = istio(editions(), "istio")
            .placement_key("ring", "\"trial\"")
            .build();
        assert_eq!(
            changes(&base(), &head),
            [Change::Ring {
                editions: vec!["2024-Q1".into(), "2024-Q2".into()],
                from: Some("assess".into()),
                to: Some("trial".into()),
                direction: Direction::In,
                placement: None,
            }]
        );
        let head = istio(editions(), "istio")
            .placed("2024-Q2", "retired")
            .build();
        // The placement that retires it is part of the move, not a second
        // change.
        assert_eq!(
            changes(&base(), &head),
            [Change::Ring {
                editions: vec!["2024-Q2".into()],
                from: Some("assess".into()),
                to: None,
                direction: Direction::Retired,
                placement: Some(NewPlacement {
                    edition: "2024-Q2".into(),
                    ring: "retired".into(),
                    why: None,
                    evidence: Vec::new(),
                }),
            }]
        );
    }

    #[test]
    fn a_new_placement_that_moves_brings_its_why_and_evidence() {
        let head = istio(editions(), "istio")
            .placed("2024-Q2", "trial")
            .placement_key("why", "\"Two teams run it.\"")
            .evidence("b", "in production")
            .build();
        let got = changes(&base(), &head);
        assert_eq!(got.len(), 1, "{got:?}");
        let Change::Ring { placement, .. } = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(
            placement
                .as_ref()
                .map(|p| (p.why.as_deref(), p.evidence.clone())),
            Some((
                Some("Two teams run it."),
                vec![EvidenceRef {
                    report: "b".into(),
                    quote: Some("in production".into())
                }]
            ))
        );
        // A placement that restates the ring in force moves nothing: it
        // stays a placement of its own, with its why.
        let head = istio(editions(), "istio")
            .placed("2024-Q2", "assess")
            .placement_key("why", "\"Still assessing.\"")
            .build();
        let got = changes(&base(), &head);
        assert!(
            matches!(&got[..], [Change::PlacementAdded(p)] if p.why.as_deref() == Some("Still assessing.")),
            "{got:?}"
        );
        let got = changes(&head, &base());
        assert!(
            matches!(&got[..], [Change::PlacementRemoved { .. }]),
            "{got:?}"
        );
        // Removing a placement that made a move leaves only the move.
        let moved = istio(editions(), "istio").placed("2024-Q2", "hold").build();
        let got = changes(&moved, &base());
        assert!(
            matches!(
                &got[..],
                [Change::Ring {
                    placement: None,
                    direction: Direction::In,
                    ..
                }]
            ),
            "{got:?}"
        );
    }

    #[test]
    fn a_rename_says_whether_the_old_name_still_counts() {
        let dropped = |head: Radar| {
            changes(&base(), &head).iter().find_map(|c| match c {
                Change::Renamed {
                    old_name_dropped, ..
                } => Some(*old_name_dropped),
                _ => None,
            })
        };
        let renamed = |name: &str| istio(editions(), "istio").key("name", name);
        assert_eq!(dropped(renamed("\"Istio Mesh\"").build()), Some(true));
        let kept = renamed("\"Istio Mesh\"").key("aliases", "[\"istio-proxy\", \"Ｉｓｔｉｏ\"]");
        assert_eq!(dropped(kept.build()), Some(false));
        // Matching ignores ASCII case: a case-only rename loses nothing.
        assert_eq!(dropped(renamed("\"ISTIO\"").build()), Some(false));
        let exact = renamed("\"ISTIO\"").key("case_sensitive", "true");
        assert_eq!(dropped(exact.build()), Some(true));
    }

    #[test]
    fn newer_fields_are_compared() {
        let head = istio(editions(), "istio")
            .key("tags", "[\"mesh\"]")
            .key(
                "links",
                "[{ url = \"https://istio.io/docs\", title = \"Docs\" }]",
            )
            .key("count_name", "false")
            .placement_key("featured", "false")
            .build();
        assert_eq!(
            kinds(&changes(&base(), &head)),
            [
                "\"featured\"",
                "\"count-name\"",
                "\"tag-added\"",
                "\"link-added\""
            ]
        );
        let rings = "[{ id = \"adopt\", name = \"Adopt\", color = \"#00aa00\" }, \
                     { id = \"trial\", name = \"Trial\" }, \
                     { id = \"assess\", name = \"Assess\", description = \"Look.\" }, \
                     { id = \"hold\", name = \"Hold\" }]";
        let head = istio(
            editions()
                .radar_key("rings", rings)
                .radar_key("theme", "\"dark\""),
            "istio",
        )
        .build();
        let d = diff(&base(), &head);
        assert_eq!(
            d.radar,
            [
                RadarChange::Theme {
                    from: "light".into(),
                    to: "dark".into()
                },
                RadarChange::LevelColor {
                    level: LevelKind::Ring,
                    id: "adopt".into(),
                    from: None,
                    to: Some("#00aa00".into())
                },
                RadarChange::LevelDescription {
                    level: LevelKind::Ring,
                    id: "assess".into(),
                    from: None,
                    to: Some("Look.".into())
                },
            ]
        );
    }

    #[test]
    fn a_missing_base_adds_everything_with_its_placements() {
        let d = everything_added(&base());
        assert!(d.base_missing && d.radar.is_empty());
        assert!(
            matches!(&d.technologies[0].changes[..], [Change::Added { placements, .. }] if placements.len() == 1),
            "{d:?}"
        );
    }

    #[test]
    fn a_ring_whose_id_changed_is_neither_in_nor_out() {
        let rings = "[{ id = \"adopt\", name = \"A\" }, { id = \"trial\", name = \"T\" }, \
                     { id = \"evaluate\", name = \"E\" }]";
        let head = istio(editions().radar_key("rings", rings), "istio")
            .placement_key("ring", "\"evaluate\"")
            .build();
        let d = diff(&base(), &head);
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
        let head = istio(editions(), "istio")
            .key("name", "\"Istio Mesh\"")
            .key("quadrant", "\"tools\"")
            .key("aliases", "[\"istiod\"]")
            .evidence("a", "y")
            .build();
        assert_eq!(
            changes(&base(), &head),
            [
                Change::Renamed {
                    from: "Istio".into(),
                    to: "Istio Mesh".into(),
                    old_name_dropped: true,
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
        let d = diff(&base(), &istio(editions(), "istio-mesh").build());
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
        let other = editions()
            .tech("helm", "Helm", "tools")
            .placed("2024-Q2", "adopt")
            .build();
        let d = diff(&base(), &other);
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
                        ring: Some("adopt".into()),
                        placements: vec![NewPlacement {
                            edition: "2024-Q2".into(),
                            ring: "adopt".into(),
                            why: None,
                            evidence: Vec::new(),
                        }],
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
        let rings = "[{ id = \"trial\", name = \"Try\" }, { id = \"adopt\", name = \"Adopt\" }, \
                     { id = \"assess\", name = \"Assess\" }]";
        let head = RadarFixture::new(&["2024-Q1", "2024-Q2", "2024-Q3"])
            .radar_key("title", "\"U\"")
            .radar_key("rings", rings);
        let d = diff(&base(), &istio(head, "istio").build());
        assert_eq!(
            kinds(&d.radar),
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
