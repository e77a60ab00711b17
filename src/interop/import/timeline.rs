//! What each version of a foreign radar said about a technology, made into
//! confradar placements: a placement where something changes (the ring,
//! whether it is drawn, a new `why`), nothing where a version repeats the
//! last one, since a confradar placement holds until the next.

use crate::input::quarter::Quarter;
use crate::interop::model::Placement;

/// One technology as one edition shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sighting {
    /// The edition.
    pub(crate) edition: Quarter,
    /// A ring id, or `retired`.
    pub(crate) ring: String,
    /// Markdown for this edition.
    pub(crate) why: Option<String>,
    /// Whether the edition draws it.
    pub(crate) featured: bool,
}

/// Placements from `sightings` (ascending, one per edition): each sighting
/// that differs from the placement in force becomes one.
pub(crate) fn placements(sightings: Vec<Sighting>) -> Vec<Placement> {
    let mut out: Vec<Placement> = Vec::new();
    for s in sightings {
        let same = out.last().is_some_and(|p| {
            p.ring == s.ring && p.featured == s.featured && (s.why.is_none() || s.why == p.why)
        });
        // A technology starts on the radar, never retired.
        let unplaced_retirement = out.is_empty() && s.ring == crate::input::radar::RETIRED;
        if same || unplaced_retirement {
            continue;
        }
        out.push(Placement {
            edition: s.edition,
            ring: s.ring,
            why: s.why,
            featured: s.featured,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(quarter: u8, ring: &str, why: Option<&str>, featured: bool) -> Sighting {
        Sighting {
            edition: Quarter {
                year: 2024,
                quarter,
            },
            ring: ring.into(),
            why: why.map(Into::into),
            featured,
        }
    }

    #[test]
    fn only_changes_become_placements() {
        let placed = placements(vec![
            seen(1, "retired", None, true),
            seen(2, "trial", None, true),
            seen(3, "trial", None, true),
            seen(4, "trial", None, false),
        ]);
        let rings: Vec<(u8, &str, bool)> = placed
            .iter()
            .map(|p| (p.edition.quarter, p.ring.as_str(), p.featured))
            .collect();
        assert_eq!(rings, [(2, "trial", true), (4, "trial", false)]);
        let placed = placements(vec![
            seen(1, "adopt", Some("a"), true),
            seen(2, "adopt", Some("b"), true),
        ]);
        assert_eq!(placed.len(), 2);
    }
}
