//! Build Your Own Radar (Thoughtworks): one edition as its CSV, or as its
//! JSON array of the same rows. The columns are
//! `name,ring,quadrant,isNew,description,status`: ring and quadrant by
//! display name, `isNew` `TRUE`/`FALSE`, `status` New / Moved In / Moved
//! Out / No Change, and the description as HTML (BYOR shows it as HTML;
//! [`super::html`] makes it safe). The CSV goes through confradar's one CSV
//! writer ([`crate::count::csv`]): RFC 4180 quoting, formula cells
//! neutralized.
//!
//! BYOR orders rings by their first appearance in the rows, so rows come
//! ring by ring, innermost first, then by quadrant and name.

use serde::Serialize;

use super::change::{change, on_radar, placement_in, quadrant_of};
use super::{Unfit, four_by_four, html};
use crate::input::changes::Change;
use crate::interop::model::Interchange;

/// The columns, in BYOR's order.
const HEADER: [&str; 6] = ["name", "ring", "quadrant", "isNew", "description", "status"];

/// One row; the field names are the JSON keys.
#[derive(Debug, Serialize)]
struct Row {
    name: String,
    ring: String,
    quadrant: String,
    #[serde(rename = "isNew")]
    is_new: &'static str,
    description: String,
    status: &'static str,
}

/// Edition `edition` as BYOR CSV.
pub(crate) fn csv(radar: &Interchange, edition: usize) -> Result<String, Unfit> {
    let rows = rows(radar, edition)?.into_iter().map(|r| {
        vec![
            r.name,
            r.ring,
            r.quadrant,
            r.is_new.to_owned(),
            r.description,
            r.status.to_owned(),
        ]
    });
    Ok(crate::count::csv::write(&HEADER, rows))
}

/// Edition `edition` as a BYOR JSON array.
pub(crate) fn json(radar: &Interchange, edition: usize) -> Result<String, Unfit> {
    Ok(super::json(&rows(radar, edition)?))
}

/// The technologies on the radar in `edition`, in BYOR's row order.
fn rows(radar: &Interchange, edition: usize) -> Result<Vec<Row>, Unfit> {
    four_by_four(radar, "BYOR")?;
    let quarter = radar.editions[edition];
    let mut techs = on_radar(radar, edition);
    techs.sort_by_cached_key(|(t, ring)| {
        (
            *ring,
            quadrant_of(radar, t),
            t.name.to_lowercase(),
            t.id.clone(),
        )
    });
    Ok(techs
        .into_iter()
        .map(|(tech, ring)| {
            let moved = change(radar, tech, edition).unwrap_or(Change::Unchanged);
            let text = placement_in(tech, quarter)
                .and_then(|p| p.why.as_deref())
                .or(tech.description.as_deref())
                .unwrap_or_default();
            Row {
                name: tech.name.clone(),
                ring: radar.rings[ring].name.clone(),
                quadrant: radar.quadrants[quadrant_of(radar, tech)].name.clone(),
                is_new: if moved == Change::New {
                    "TRUE"
                } else {
                    "FALSE"
                },
                description: html::from_markdown(text),
                status: status(moved),
            }
        })
        .collect())
}

/// BYOR's word for a change.
fn status(change: Change) -> &'static str {
    match change {
        Change::New => "New",
        Change::MovedIn => "Moved In",
        Change::MovedOut => "Moved Out",
        Change::Unchanged => "No Change",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    fn radar() -> Interchange {
        interchange(
            &RadarFixture::new(&["2024-Q1", "2024-Q2"])
                .tech("istio", "Istio", "platforms")
                .placed("2024-Q1", "assess")
                .placed("2024-Q2", "trial")
                .placement_key("why", "\"Two teams, one **mesh**, a, \\\"quote\\\".\"")
                .tech("helm", "Helm", "tools")
                .key("description", "\"Charts.\"")
                .placed("2024-Q1", "adopt")
                .tech("old", "Old", "tools")
                .placed("2024-Q1", "hold")
                .placed("2024-Q2", "retired")
                .tech("cilium", "=Cilium", "platforms")
                .placed("2024-Q2", "assess")
                .build(),
        )
    }

    #[test]
    fn one_edition_ring_by_ring_with_status() {
        assert_eq!(
            csv(&radar(), 1).expect("fits"),
            "name,ring,quadrant,isNew,description,status\n\
             Helm,Adopt,Tools,FALSE,<p>Charts.</p>,No Change\n\
             Istio,Trial,Platforms,FALSE,\"<p>Two teams, one <strong>mesh</strong>, a, \"\"quote\"\".</p>\",Moved In\n\
             '=Cilium,Assess,Platforms,TRUE,,New\n"
        );
        let first = csv(&radar(), 0).expect("fits");
        assert!(first.contains("Old,Hold,Tools,TRUE,,New\n"), "{first}");
        assert!(!first.contains("Cilium"), "not yet placed: {first}");
    }

    #[test]
    fn json_has_the_same_rows() {
        let value: serde_json::Value =
            serde_json::from_str(&json(&radar(), 1).expect("fits")).expect("JSON");
        let rows = value.as_array().expect("array");
        assert_eq!(rows.len(), 3);
        let mut keys: Vec<&str> = rows[0]
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut want = HEADER.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(rows[2]["name"], "=Cilium");
        assert_eq!(rows[1]["status"], "Moved In");
    }
}
