//! The dictionary of technology names `suggest` knows: the CNCF Landscape's
//! names and the project's own list of common names outside it (both
//! shipped in the binary, from `data/`), plus the radar's `[suggest]`
//! `known` names, minus its `ignore` names and minus what the radar already
//! places.
//!
//! Reads the trusted [`crate::input::radar::Radar`]; its patterns are
//! counted by [`crate::count::matcher`] in the same scan as the radar's.

use std::collections::HashSet;

use crate::count::matcher::{Matcher, Pattern};
use crate::input::radar::Radar;
// A name as compared: normalized, ASCII case ignored.
use crate::text::{name_key as key, normalize_phrase};

/// The CNCF Landscape's names (CC-BY-4.0; see `data/NOTICE.md`).
const LANDSCAPE: &str = include_str!("data/cncf-landscape.tsv");
/// The project's own names: languages, clouds, databases, techniques.
const COMMON: &str = include_str!("data/common.tsv");

/// One known technology.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Its name, as the dictionary writes it.
    pub(crate) name: String,
    /// Where it comes from and what it is: `CNCF Landscape: Observability
    /// and Analysis / Monitoring (graduated)`.
    pub(crate) about: String,
    /// The name and its other spellings, each counted as a mention.
    pub(crate) spellings: Vec<String>,
    /// Whether ASCII case must match, as `case_sensitive` in radar.toml.
    pub(crate) case_sensitive: bool,
}

/// The names `suggest` counts as unplaced technologies, and every name it
/// knows (placed, in the dictionary, or ignored), for leaving out of the
/// guesses.
#[derive(Debug)]
pub(crate) struct Dictionary {
    /// The entries counted, in dictionary order; none of them placed or
    /// ignored.
    pub(crate) entries: Vec<Entry>,
    /// Every known spelling and every ASCII word in one, normalized and
    /// ASCII-lowercased.
    known: HashSet<String>,
}

/// The shipped entries, the landscape's first; a name or spelling already
/// given by an earlier entry is left out of later ones.
pub(crate) fn shipped() -> Vec<Entry> {
    let landscape = LANDSCAPE.lines().skip(1).filter_map(|line| {
        let cells: Vec<&str> = line.split('\t').collect();
        let name = cells.first()?.trim();
        let place = [cells.get(1), cells.get(2)]
            .into_iter()
            .flatten()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        let maturity = cells.get(5).map_or("", |c| c.trim());
        let about = if maturity.is_empty() {
            format!("CNCF Landscape: {place}")
        } else {
            format!("CNCF Landscape: {place} ({maturity})")
        };
        Some(Entry {
            name: name.to_owned(),
            about,
            spellings: vec![name.to_owned()],
            case_sensitive: false,
        })
    });
    let common = COMMON.lines().skip(1).filter_map(|line| {
        let cells: Vec<&str> = line.split('\t').collect();
        let name = cells.first()?.trim();
        let others = cells.get(3).map_or("", |c| c.trim());
        Some(Entry {
            name: name.to_owned(),
            about: format!("common name: {}", cells.get(1).map_or("", |c| c.trim())),
            spellings: std::iter::once(name)
                .chain(others.split('|').map(str::trim))
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            case_sensitive: cells.get(2).is_some_and(|c| c.trim() == "exact"),
        })
    });
    let mut seen = HashSet::new();
    landscape
        .chain(common)
        .filter_map(|mut entry| {
            if !seen.insert(key(&entry.name)) {
                return None;
            }
            entry
                .spellings
                .retain(|s| s == &entry.name || seen.insert(key(s)));
            Some(entry)
        })
        .filter(|e| !e.name.is_empty())
        .collect()
}

impl Dictionary {
    /// The shipped entries and the radar's `known` names, without those the
    /// radar places or ignores. An entry is placed when the radar's own
    /// matcher finds one of the radar's names or aliases in one of its
    /// spellings: equal to it, or containing it (`Grafana Loki` when the
    /// radar has `Grafana`). Leaving those out keeps the radar's counts
    /// exactly what `mentions` gives, since no longer dictionary name can
    /// take a radar name's match in the shared scan.
    pub(crate) fn for_radar(radar: &Radar) -> Dictionary {
        let radar_matcher = Matcher::for_radar(radar);
        let ignored: HashSet<String> = radar.suggest.ignore.iter().map(|n| key(n)).collect();
        let own = radar.suggest.known.iter().map(|name| Entry {
            name: name.clone(),
            about: "[suggest] known in the radar file".to_owned(),
            spellings: vec![name.clone()],
            case_sensitive: false,
        });
        let all: Vec<Entry> = own.chain(shipped()).collect();
        let mut known: HashSet<String> = HashSet::new();
        let radar_names = radar
            .technologies
            .iter()
            .flat_map(|t| std::iter::once(&t.name).chain(&t.aliases));
        let every_name = all
            .iter()
            .flat_map(|e| &e.spellings)
            .chain(radar_names)
            .chain(&radar.suggest.ignore);
        for name in every_name {
            let k = key(name);
            known.extend(ascii_words(&k).map(str::to_owned));
            known.insert(k);
        }
        let mut seen = HashSet::new();
        let entries = all
            .into_iter()
            .filter(|e| seen.insert(key(&e.name)))
            .filter(|e| {
                !e.spellings.iter().any(|s| {
                    let mut placed = false;
                    radar_matcher.scan(&normalize_phrase(s), |_| placed = true);
                    placed || ignored.contains(&key(s))
                })
            })
            .collect();
        Dictionary { entries, known }
    }

    /// The patterns of every entry, its index in [`Dictionary::entries`]
    /// as the technology.
    pub(crate) fn patterns(&self) -> Vec<Pattern> {
        self.entries
            .iter()
            .enumerate()
            .flat_map(|(index, entry)| {
                entry.spellings.iter().map(move |s| Pattern {
                    technology: index,
                    text: normalize_phrase(s),
                    case_sensitive: entry.case_sensitive,
                })
            })
            .collect()
    }

    /// Whether `term` is a name the radar, the dictionary or `ignore` has,
    /// or an ASCII word of one (`Apache` of `Apache Kafka`).
    pub(crate) fn knows(&self, term: &str) -> bool {
        self.known.contains(&key(term))
    }
}

/// The runs of ASCII letters and digits in `text`.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;

    fn radar() -> Radar {
        RadarFixture::new(&["2024-Q1"])
            .tech("grafana", "Grafana", "tools")
            .placed("2024-Q1", "adopt")
            .tech("k8s", "Kubernetes", "platforms")
            .key("aliases", "[\"k8s\"]")
            .placed("2024-Q1", "adopt")
            .build()
    }

    #[test]
    fn the_shipped_lists_hold_the_landscape_and_the_own_names_once() {
        let entries = shipped();
        assert!(entries.len() > 1400, "{}", entries.len());
        let names: HashSet<String> = entries.iter().map(|e| key(&e.name)).collect();
        assert_eq!(names.len(), entries.len());
        let karpenter = entries
            .iter()
            .find(|e| e.name == "Karpenter")
            .expect("landscape");
        assert!(
            karpenter.about.starts_with("CNCF Landscape: "),
            "{}",
            karpenter.about
        );
        let mesh = entries
            .iter()
            .find(|e| e.name == "Service mesh")
            .expect("own");
        assert_eq!(mesh.spellings, ["Service mesh", "サービスメッシュ"]);
        let go = entries.iter().find(|e| e.name == "Go").expect("own");
        assert!(go.case_sensitive);
    }

    #[test]
    fn placed_names_and_names_containing_them_are_left_out() {
        let dictionary = Dictionary::for_radar(&radar());
        let has = |name: &str| dictionary.entries.iter().any(|e| e.name == name);
        assert!(!has("Kubernetes"));
        assert!(!has("Grafana"));
        assert!(!has("Grafana Loki"));
        assert!(has("Karpenter"));
        assert!(dictionary.knows("kubernetes"));
        assert!(dictionary.knows("Loki"));
        assert!(!dictionary.knows("Zzyzx"));
    }

    #[test]
    fn known_names_are_added_and_ignored_ones_removed() {
        let mut radar = radar();
        radar.suggest.known = vec!["Zzyzx".into()];
        radar.suggest.ignore = vec!["karpenter".into()];
        let dictionary = Dictionary::for_radar(&radar);
        let has = |name: &str| dictionary.entries.iter().any(|e| e.name == name);
        assert!(has("Zzyzx"));
        assert!(!has("Karpenter"));
        assert!(dictionary.knows("Karpenter"));
        let patterns = dictionary.patterns();
        assert!(patterns.iter().any(|p| p.text == "サービスメッシュ"));
    }
}
