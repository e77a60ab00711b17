//! What changed in one edition: each technology's [`Change`] and the
//! technologies retired in it, derived once from the placements.
//!
//! The build summary, the changelog and the radar's change markers all read
//! this, so they cannot disagree on what an edition changed. It talks only
//! to the trusted model in [`crate::input::radar`].

use crate::input::radar::{Change, Radar};

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
        changes: techs.iter().map(|t| t.change_in(edition)).collect(),
        retired: (0..techs.len())
            .filter(|&i| techs[i].retired_in(edition))
            .collect(),
    }
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
}
