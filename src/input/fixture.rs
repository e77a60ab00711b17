//! A radar for unit tests, built in code: the one way the stages' tests
//! make the radar they run on. It writes `radar.toml` text and loads it
//! through the real parser and validator, so a test radar is always one a
//! user could have written.
//!
//! ```ignore
//! let radar = RadarFixture::new(&["2024-Q1", "2024-Q2"])
//!     .tech("istio", "Istio", "platforms")
//!     .placed("2024-Q1", "assess")
//!     .placed("2024-Q2", "trial")
//!     .build();
//! ```

use std::fmt::Write as _;

use crate::diagnostic::SourceFile;
use crate::input::radar::{self, Radar};

/// A radar under construction. Keys are TOML source (`"\"x\""`, `"[1, 2]"`),
/// so any field the file format has can be set without a method for it.
#[derive(Clone, Debug)]
pub(crate) struct RadarFixture {
    radar: Vec<(String, String)>,
    technologies: Vec<Tech>,
}

#[derive(Clone, Debug)]
struct Tech {
    id: String,
    keys: Vec<(String, String)>,
    placements: Vec<Vec<(String, String)>>,
}

impl RadarFixture {
    /// A radar titled "T" with these editions and the default rings and
    /// quadrants.
    pub(crate) fn new(editions: &[&str]) -> RadarFixture {
        let list: Vec<String> = editions.iter().map(|e| format!("\"{e}\"")).collect();
        RadarFixture {
            radar: vec![
                ("title".into(), "\"T\"".into()),
                ("editions".into(), format!("[{}]", list.join(", "))),
            ],
            technologies: Vec::new(),
        }
    }

    /// Sets a key of `[radar]`, replacing it if set.
    pub(crate) fn radar_key(mut self, key: &str, toml: &str) -> RadarFixture {
        set(&mut self.radar, key, toml);
        self
    }

    /// Adds a technology; the calls after it set its keys and placements.
    pub(crate) fn tech(mut self, id: &str, name: &str, quadrant: &str) -> RadarFixture {
        self.technologies.push(Tech {
            id: id.into(),
            keys: vec![
                ("name".into(), toml_string(name)),
                ("quadrant".into(), toml_string(quadrant)),
            ],
            placements: Vec::new(),
        });
        self
    }

    /// Sets a key of the last technology.
    pub(crate) fn key(mut self, key: &str, toml: &str) -> RadarFixture {
        set(&mut self.last().keys, key, toml);
        self
    }

    /// Places the last technology in `ring` in `edition`.
    pub(crate) fn placed(mut self, edition: &str, ring: &str) -> RadarFixture {
        self.last().placements.push(vec![
            ("edition".into(), toml_string(edition)),
            ("ring".into(), toml_string(ring)),
        ]);
        self
    }

    /// Sets a key of the last placement.
    pub(crate) fn placement_key(mut self, key: &str, toml: &str) -> RadarFixture {
        let placement = self
            .last()
            .placements
            .last_mut()
            .expect("placement_key after placed");
        set(placement, key, toml);
        self
    }

    /// Quotes `quote` from `report` as the last placement's only evidence.
    pub(crate) fn evidence(self, report: &str, quote: &str) -> RadarFixture {
        let evidence = format!(
            "[{{ report = {}, quote = {} }}]",
            toml_string(report),
            toml_string(quote)
        );
        self.placement_key("evidence", &evidence)
    }

    /// The `radar.toml` text.
    pub(crate) fn toml(&self) -> String {
        let mut out = String::from("[radar]\n");
        for (key, value) in &self.radar {
            let _ = writeln!(out, "{key} = {value}");
        }
        for tech in &self.technologies {
            let _ = writeln!(out, "\n[technologies.{}]", tech.id);
            for (key, value) in &tech.keys {
                let _ = writeln!(out, "{key} = {value}");
            }
            for placement in &tech.placements {
                let _ = writeln!(out, "\n[[technologies.{}.placements]]", tech.id);
                for (key, value) in placement {
                    let _ = writeln!(out, "{key} = {value}");
                }
            }
        }
        out
    }

    /// The validated radar; panics on any error or warning other than
    /// missing evidence, which most tests leave out on purpose.
    pub(crate) fn build(&self) -> Radar {
        let text = self.toml();
        let file = SourceFile::new("radar.toml", text.clone());
        let (radar, diagnostics) = match radar::load(&file) {
            Ok(loaded) => loaded,
            Err(problems) => panic!("the test radar does not parse: {problems:?}\n{text}"),
        };
        let unexpected: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code != crate::diagnostic::Code::NoEvidence)
            .collect();
        assert!(unexpected.is_empty(), "{unexpected:?}\n{text}");
        radar
    }

    fn last(&mut self) -> &mut Tech {
        self.technologies.last_mut().expect("a technology first")
    }
}

fn set(keys: &mut Vec<(String, String)>, key: &str, toml: &str) {
    match keys.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = toml.into(),
        None => keys.push((key.into(), toml.into())),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.into()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_it_was_told() {
        let radar = RadarFixture::new(&["2024-Q1", "2024-Q2"])
            .radar_key("title", "\"Platform radar\"")
            .tech("istio", "Istio", "platforms")
            .key("aliases", "[\"istio-proxy\"]")
            .placed("2024-Q1", "assess")
            .evidence("r1", "a \"quoted\" line")
            .placed("2024-Q2", "trial")
            .placement_key("why", "\"Two teams run it.\"")
            .tech("helm", "Helm", "tools")
            .placed("2024-Q2", "adopt")
            .build();
        assert_eq!(radar.title, "Platform radar");
        assert_eq!(radar.technologies.len(), 2);
        let istio = &radar.technologies[0];
        assert_eq!(istio.aliases, ["istio-proxy"]);
        assert_eq!(istio.placements.len(), 2);
        assert_eq!(
            istio.placements[0].evidence[0].quote.as_deref(),
            Some("a \"quoted\" line")
        );
        assert_eq!(
            istio.placements[1].why.as_deref(),
            Some("Two teams run it.")
        );
        assert_eq!(radar.technologies[1].ring_in(1), Some(0));
    }

    #[test]
    #[should_panic(expected = "unknown ring")]
    fn an_invalid_radar_fails_the_test() {
        let _ = RadarFixture::new(&["2024-Q1"])
            .tech("x", "X", "tools")
            .placed("2024-Q1", "sometimes")
            .build();
    }
}
