//! Zalando's tech radar: the `config.json` its `radar_visualization()`
//! reads, one edition: `date` (`YYYY.MM`, the edition's first month) and
//! `entries`, each with its quadrant and ring as indexes, `label`, `link`
//! when there is one, `active` (confradar's `featured`) and `moved` (`2`
//! new, `1` moved in, `-1` moved out, `0` unchanged).
//!
//! The file has no place for quadrant and ring names: Zalando's page
//! (`index.html`) passes them to `radar_visualization()` beside
//! `data.entries`, and reads nothing else from `config.json`. So the
//! file stays as Zalando writes it, and [`names`] says what to put in the
//! page.

use serde::Serialize;

use super::change::{change, on_radar, placement_in, quadrant_of};
use super::{Unfit, first_month, four_by_four};
use crate::input::changes::Change;
use crate::interop::model::Interchange;

/// The whole file.
#[derive(Debug, Serialize)]
struct Config {
    date: String,
    entries: Vec<Entry>,
}

/// One blip, with the keys in Zalando's order.
#[derive(Debug, Serialize)]
struct Entry {
    quadrant: usize,
    ring: usize,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    active: bool,
    moved: i8,
}

/// Edition `edition` as Zalando's `config.json`, entries by quadrant, ring
/// and label.
pub(crate) fn config(radar: &Interchange, edition: usize) -> Result<String, Unfit> {
    four_by_four(radar, "zalando")?;
    let quarter = radar.editions[edition];
    let mut entries: Vec<(Entry, &str)> = on_radar(radar, edition)
        .into_iter()
        .map(|(tech, ring)| {
            let entry = Entry {
                quadrant: quadrant_of(radar, tech),
                ring,
                label: tech.name.clone(),
                link: tech.link.clone(),
                active: placement_in(tech, quarter).is_none_or(|p| p.featured),
                moved: moved(change(radar, tech, edition).unwrap_or(Change::Unchanged)),
            };
            (entry, tech.id.as_str())
        })
        .collect();
    entries.sort_by_cached_key(|(e, id)| (e.quadrant, e.ring, e.label.to_lowercase(), *id));
    Ok(super::json(&Config {
        date: format!("{:04}.{:02}", quarter.year, first_month(quarter)),
        entries: entries.into_iter().map(|(e, _)| e).collect(),
    }))
}

/// Zalando's `moved`.
fn moved(change: Change) -> i8 {
    match change {
        Change::New => 2,
        Change::MovedIn => 1,
        Change::MovedOut => -1,
        Change::Unchanged => 0,
    }
}

/// The quadrant and ring names in index order, as a note for the user:
/// Zalando's page names them in `radar_visualization({ quadrants, rings })`.
pub(crate) fn names(radar: &Interchange) -> String {
    let list = |levels: &[crate::interop::model::Level]| {
        levels
            .iter()
            .map(|l| crate::text::printable(&l.name).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "Zalando's index.html names the quadrants and rings, by index: quadrants: {}; rings: {}",
        list(&radar.quadrants),
        list(&radar.rings)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    #[test]
    fn entries_are_indexes_with_moves() {
        let mut radar = interchange(
            &RadarFixture::new(&["2024-Q2", "2024-Q3"])
                .tech("istio", "Istio", "platforms")
                .key("link", "\"https://istio.io/\"")
                .placed("2024-Q2", "assess")
                .placed("2024-Q3", "trial")
                .tech("helm", "Helm", "tools")
                .placed("2024-Q2", "adopt")
                .placed("2024-Q3", "hold")
                .tech("go", "Go", "languages-and-frameworks")
                .placed("2024-Q3", "adopt")
                .tech("bash", "Bash", "languages-and-frameworks")
                .placed("2024-Q2", "trial")
                .build(),
        );
        radar.technologies[3].placements[0].featured = false;
        let value: serde_json::Value =
            serde_json::from_str(&config(&radar, 1).expect("fits")).expect("JSON");
        assert_eq!(value["date"], "2024.07");
        let got: Vec<(String, u64, u64, i64, bool)> = value["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| {
                (
                    e["label"].as_str().expect("label").to_owned(),
                    e["quadrant"].as_u64().expect("q"),
                    e["ring"].as_u64().expect("r"),
                    e["moved"].as_i64().expect("moved"),
                    e["active"].as_bool().expect("active"),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Helm".into(), 1, 3, -1, true),
                ("Istio".into(), 2, 1, 1, true),
                ("Go".into(), 3, 0, 2, true),
                ("Bash".into(), 3, 1, 0, false),
            ]
        );
        assert_eq!(value["entries"][1]["link"], "https://istio.io/");
        assert!(value["entries"][0].get("link").is_none());
    }

    #[test]
    fn names_are_listed_in_index_order() {
        let radar = interchange(&RadarFixture::new(&["2024-Q1"]).build());
        assert_eq!(
            names(&radar),
            "Zalando's index.html names the quadrants and rings, by index: \
             quadrants: Techniques, Tools, Platforms, Languages & Frameworks; \
             rings: Adopt, Trial, Assess, Hold"
        );
    }
}
