//! What changed in one edition: each technology's [`Change`] and the
//! technologies retired in it, derived once from the placements.
//!
//! The build summary, the changelog and the radar's change markers all read
//! this, so they cannot disagree on what an edition changed. It talks only
//! to the trusted model in [`crate::input::radar`].

use crate::input::radar::{Radar, Technology};

/// How a technology's place changed since the previous edition. Derived
/// from the placements, never typed by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// On the radar now, not in the previous edition (or the first edition).
    New,
    /// Moved towards the innermost ring (adopt).
    MovedIn,
    /// Moved away from the innermost ring.
    MovedOut,
    /// Same ring as in the previous edition.
    Unchanged,
}

impl Change {
    /// The id used in CSS classes and JSON: `new`, `moved-in`, ...
    pub fn id(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::MovedIn => "moved-in",
            Change::MovedOut => "moved-out",
            Change::Unchanged => "unchanged",
        }
    }

    /// Human wording.
    pub fn label(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::MovedIn => "moved in",
            Change::MovedOut => "moved out",
            Change::Unchanged => "unchanged",
        }
    }
}

/// The changes of one edition, by technology index (the radar file's
/// order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EditionChanges {
    /// Each technology's change, by index; `None` when off the radar in
    /// this edition.
    changes: Vec<Option<Change>>,
    /// The technologies that left the radar in this edition, ascending.
    retired: Vec<usize>,
}

/// The changes of `edition` (an index into `radar.editions`).
pub(crate) fn changes_in(radar: &Radar, edition: usize) -> EditionChanges {
    let techs = &radar.technologies;
    EditionChanges {
        changes: techs.iter().map(|t| change(t, edition)).collect(),
        retired: (0..techs.len())
            .filter(|&i| retired(&techs[i], edition))
            .collect(),
    }
}

/// How `tech` changed in `edition`, when it is on the radar then: compared
/// with its ring in the previous edition (rings are innermost first).
fn change(tech: &Technology, edition: usize) -> Option<Change> {
    let before = edition.checked_sub(1).and_then(|e| tech.ring_in(e));
    change_between(before, tech.ring_in(edition))
}

/// The rule itself, on ring indexes (innermost first; `None` is off the
/// radar): how a technology in ring `before` in one edition and `now` in
/// the next changed. Exports that work on other shapes of the radar use it
/// too, so every output agrees on what moved.
pub(crate) fn change_between(before: Option<usize>, now: Option<usize>) -> Option<Change> {
    let now = now?;
    Some(match before {
        None => Change::New,
        Some(b) if now < b => Change::MovedIn,
        Some(b) if now > b => Change::MovedOut,
        Some(_) => Change::Unchanged,
    })
}

/// Whether `tech` left the radar in `edition`: on it in the previous
/// edition, retired now.
fn retired(tech: &Technology, edition: usize) -> bool {
    edition > 0 && tech.ring_in(edition).is_none() && tech.ring_in(edition - 1).is_some()
}

impl EditionChanges {
    /// How technology `tech` changed; `None` when it is off the radar (or
    /// not a technology of this radar).
    pub(crate) fn change_of(&self, tech: usize) -> Option<Change> {
        self.changes.get(tech).copied().flatten()
    }

    /// The technologies with `change`, ascending.
    pub(crate) fn of(&self, change: Change) -> Vec<usize> {
        (0..self.changes.len())
            .filter(|&i| self.change_of(i) == Some(change))
            .collect()
    }

    /// The technologies retired in this edition, ascending.
    pub(crate) fn retired(&self) -> &[usize] {
        &self.retired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::input::fixture::RadarFixture;

    fn radar() -> Radar {
        RadarFixture::new(&["2024-Q1", "2024-Q2", "2024-Q3"])
            .tech("istio", "Istio", "platforms")
            .placed("2024-Q1", "assess")
            .placed("2024-Q2", "trial")
            .tech("helm", "Helm", "tools")
            .placed("2024-Q1", "adopt")
            .placed("2024-Q2", "hold")
            .placed("2024-Q3", "retired")
            .tech("cilium", "Cilium", "platforms")
            .placed("2024-Q3", "assess")
            .tech("go", "Go", "languages-and-frameworks")
            .placed("2024-Q1", "adopt")
            .build()
    }

    #[test]
    fn each_technology_has_its_change_in_each_edition() {
        let radar = radar();
        let first = changes_in(&radar, 0);
        assert_eq!(first.of(Change::New), [0, 1, 3]);
        assert_eq!(first.change_of(2), None);
        assert!(first.retired().is_empty());

        let second = changes_in(&radar, 1);
        assert_eq!(second.of(Change::MovedIn), [0]);
        assert_eq!(second.of(Change::MovedOut), [1]);
        assert_eq!(second.of(Change::Unchanged), [3]);
        assert_eq!(second.change_of(0), Some(Change::MovedIn));

        let third = changes_in(&radar, 2);
        assert_eq!(third.of(Change::New), [2]);
        assert_eq!(third.retired(), [1]);
        assert_eq!(third.change_of(1), None);
        assert_eq!(third.change_of(99), None);
    }

    /// Rings carry over editions without a placement; a retired technology
    /// that comes back is new again.
    #[test]
    fn changes_are_derived_from_placements() {
        use Change::*;
        let editions = [
            "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2",
        ];
        let radar = RadarFixture::new(&editions)
            .tech("x", "X", "tools")
            .placed("2024-Q1", "assess")
            .placed("2024-Q3", "trial")
            .placed("2024-Q4", "hold")
            .placed("2025-Q1", "retired")
            .placed("2025-Q2", "hold")
            .build();
        let all: Vec<EditionChanges> = (0..6).map(|e| changes_in(&radar, e)).collect();
        let changes: Vec<Option<Change>> = all.iter().map(|c| c.change_of(0)).collect();
        assert_eq!(
            changes,
            [
                Some(New),
                Some(Unchanged),
                Some(MovedIn),
                Some(MovedOut),
                None,
                Some(New)
            ]
        );
        let retired: Vec<bool> = all.iter().map(|c| c.retired() == [0]).collect();
        assert_eq!(retired, [false, false, false, false, true, false]);
    }
}
