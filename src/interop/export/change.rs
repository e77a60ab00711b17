//! Where a technology of an [`Interchange`] is in an edition, and how that
//! changed since the edition before: the `status` of BYOR, the `moved` of
//! Zalando and Backstage, by the one rule of [`crate::input::changes`]
//! applied to this shape's rings.

use crate::input::changes::{Change, change_between};
use crate::input::quarter::Quarter;
use crate::interop::model::{Interchange, Placement, Tech};

/// The placement in force in `edition`: the last one at or before it.
pub(crate) fn placement_in(tech: &Tech, edition: Quarter) -> Option<&Placement> {
    tech.placements.iter().rev().find(|p| p.edition <= edition)
}

/// The index of the ring `tech` is in during `edition`; `None` when it is
/// off the radar (not yet placed, or retired).
pub(crate) fn ring_in(radar: &Interchange, tech: &Tech, edition: Quarter) -> Option<usize> {
    let ring = &placement_in(tech, edition)?.ring;
    radar.rings.iter().position(|r| &r.id == ring)
}

/// How `tech` changed in `radar.editions[edition]`, when it is on the
/// radar then.
pub(crate) fn change(radar: &Interchange, tech: &Tech, edition: usize) -> Option<Change> {
    let before = edition
        .checked_sub(1)
        .and_then(|e| ring_in(radar, tech, radar.editions[e]));
    change_between(before, ring_in(radar, tech, radar.editions[edition]))
}

/// The index of `tech`'s quadrant (validated: it is one of the radar's).
pub(crate) fn quadrant_of(radar: &Interchange, tech: &Tech) -> usize {
    radar
        .quadrants
        .iter()
        .position(|q| q.id == tech.quadrant)
        .unwrap_or(usize::MAX)
}

/// The technologies on the radar in `edition`, each with its ring index.
pub(crate) fn on_radar(radar: &Interchange, edition: usize) -> Vec<(&Tech, usize)> {
    radar
        .technologies
        .iter()
        .filter_map(|t| Some((t, ring_in(radar, t, radar.editions[edition])?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::changes::changes_in;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    /// The same answers as the trusted model's derivation, edition by
    /// edition, for moves in and out, a retirement and a comeback.
    #[test]
    fn agrees_with_the_trusted_model() {
        let editions = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"];
        let radar = RadarFixture::new(&editions)
            .tech("x", "X", "tools")
            .placed("2024-Q1", "assess")
            .placed("2024-Q2", "trial")
            .placed("2024-Q3", "hold")
            .placed("2024-Q4", "retired")
            .placed("2025-Q1", "hold")
            .tech("y", "Y", "platforms")
            .placed("2024-Q3", "adopt")
            .build();
        let ix = interchange(&radar);
        for e in 0..editions.len() {
            let trusted = changes_in(&radar, e);
            for (i, tech) in ix.technologies.iter().enumerate() {
                assert_eq!(change(&ix, tech, e), trusted.change_of(i), "{e} {i}");
            }
        }
        assert_eq!(on_radar(&ix, 3).len(), 1);
        assert_eq!(quadrant_of(&ix, &ix.technologies[1]), 2);
    }
}
