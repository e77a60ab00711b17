//! Finds technology names and aliases in normalized report text.
//!
//! One Aho-Corasick automaton holds every pattern of every technology, so a
//! report is scanned once however many technologies the radar has. It runs
//! ASCII-case-insensitively with leftmost-longest semantics; the rest of the
//! counting rule is applied on top:
//!
//! - case-sensitive technologies check the matched bytes exactly;
//! - word boundaries (rule 5) are checked on the bytes around a match, which
//!   is enough because only ASCII letters, digits and `_` are word characters;
//! - when the longest pattern at a position fails those checks, a shorter
//!   pattern may still match there. Any such pattern is a prefix of the
//!   longest one (both match the same text), so each pattern carries the list
//!   of its prefixes, longest first, and only those are tried.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use crate::input::radar::Radar;
use crate::text::normalize_phrase;

/// One pattern to search for: already normalized with
/// [`crate::text::normalize_phrase`], non-empty.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Index of the technology it belongs to.
    pub technology: usize,
    /// The normalized name or alias.
    pub text: String,
    /// Whether ASCII case must match exactly.
    pub case_sensitive: bool,
}

/// A match taken by the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index of the technology.
    pub technology: usize,
    /// Byte range in the scanned text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// What the automaton knows as one pattern: every spelling that is equal
/// ignoring ASCII case. They all belong to one technology, because equal
/// patterns on two technologies are rejected when the radar is validated.
#[derive(Debug)]
struct Entry {
    technology: usize,
    len: usize,
    /// Some spelling accepts any ASCII case.
    any_case: bool,
    /// Spellings that must match exactly.
    exact: Vec<Box<[u8]>>,
    word_start: bool,
    word_end: bool,
    /// Entries whose text is a proper prefix of this one, longest first.
    prefixes: Vec<usize>,
}

/// The compiled set of patterns of a radar.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    entries: Vec<Entry>,
}

/// Letters, digits and `_` of ASCII: the only word characters.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Matcher {
    /// Compiles every counted name and every alias of the radar's
    /// technologies, normalized as the reports are. A name with
    /// `count_name = false` is no pattern: only its aliases count.
    pub fn for_radar(radar: &Radar) -> Matcher {
        Matcher::new(&Matcher::radar_patterns(radar))
    }

    /// The patterns [`Matcher::for_radar`] compiles, indexed by technology:
    /// for a caller that counts more names in the same scan, after these.
    pub fn radar_patterns(radar: &Radar) -> Vec<Pattern> {
        radar
            .technologies
            .iter()
            .enumerate()
            .flat_map(|(index, tech)| {
                std::iter::once(&tech.name)
                    .filter(|_| tech.count_name)
                    .chain(&tech.aliases)
                    .map(move |text| Pattern {
                        technology: index,
                        text: normalize_phrase(text),
                        case_sensitive: tech.case_sensitive,
                    })
            })
            .collect()
    }

    /// Compiles `patterns`. Empty patterns are skipped (validation reports
    /// them); the first technology wins when two share a pattern.
    pub fn new(patterns: &[Pattern]) -> Matcher {
        let mut entries: Vec<Entry> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for pattern in patterns.iter().filter(|p| !p.text.is_empty()) {
            let key = pattern.text.to_ascii_lowercase();
            let index = *by_key.entry(key.clone()).or_insert_with(|| {
                let bytes = pattern.text.as_bytes();
                entries.push(Entry {
                    technology: pattern.technology,
                    len: bytes.len(),
                    any_case: false,
                    exact: Vec::new(),
                    word_start: is_word_byte(bytes[0]),
                    word_end: is_word_byte(bytes[bytes.len() - 1]),
                    prefixes: Vec::new(),
                });
                keys.push(key);
                entries.len() - 1
            });
            let entry = &mut entries[index];
            if entry.technology != pattern.technology {
                continue;
            }
            if pattern.case_sensitive {
                entry.exact.push(pattern.text.as_bytes().into());
            } else {
                entry.any_case = true;
            }
        }
        // Each key's prefixes among the keys, found in one pass over the
        // keys in sorted order: a key's prefixes sort before it, and every
        // key in between shares them, so they are exactly the chain of
        // keys kept below when it is reached. Cost grows with the total
        // length of the keys; looking up every prefix of every key in a
        // map grew with the square of a key's length (30 s for one
        // 400 KB alias).
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut chain: Vec<usize> = Vec::new();
        for index in order {
            while let Some(&top) = chain.last() {
                if keys[index].starts_with(keys[top].as_str()) {
                    break;
                }
                chain.pop();
            }
            entries[index].prefixes = chain.iter().rev().copied().collect();
            chain.push(index);
        }
        let automaton = (!keys.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&keys)
                .expect("patterns are non-empty and few enough for the automaton")
        });
        Matcher { automaton, entries }
    }

    /// Calls `found` for each mention in `text`, left to right.
    pub fn scan(&self, text: &str, mut found: impl FnMut(Mention)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let hay = text.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = automaton.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let start = m.start();
            let longest = &self.entries[m.pattern().as_usize()];
            // Every candidate here starts with the same character, so they
            // pass or fail the start boundary together.
            let start_ok = !longest.word_start || start == 0 || !is_word_byte(hay[start - 1]);
            let taken = start_ok
                .then(|| {
                    std::iter::once(m.pattern().as_usize())
                        .chain(longest.prefixes.iter().copied())
                        .map(|i| &self.entries[i])
                        .find(|e| Self::accepts(e, hay, start))
                })
                .flatten();
            match taken {
                Some(entry) => {
                    found(Mention {
                        technology: entry.technology,
                        start,
                        end: start + entry.len,
                    });
                    pos = start + entry.len;
                }
                None => pos = start + crate::text::utf8_len(hay[start]),
            }
        }
    }

    /// Whether `entry` matches at `start` under the case and end-boundary rules.
    fn accepts(entry: &Entry, hay: &[u8], start: usize) -> bool {
        let end = start + entry.len;
        if entry.word_end && hay.get(end).is_some_and(|&b| is_word_byte(b)) {
            return false;
        }
        entry.any_case || entry.exact.iter().any(|e| **e == hay[start..end])
    }

    /// Adds the number of mentions of each technology in `text` to `counts`,
    /// indexed by technology.
    pub fn count(&self, text: &str, counts: &mut [u32]) {
        self.scan(text, |m| counts[m.technology] += 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{NormalizedText, normalize_phrase};

    /// Builds a matcher from `(technology, pattern, case_sensitive)` and
    /// returns the counts for each technology in `text` (normalized first).
    fn counts(patterns: &[(usize, &str, bool)], text: &str) -> Vec<u32> {
        let techs = patterns.iter().map(|p| p.0).max().map_or(0, |m| m + 1);
        let patterns: Vec<Pattern> = patterns
            .iter()
            .map(|&(technology, text, case_sensitive)| Pattern {
                technology,
                text: normalize_phrase(text),
                case_sensitive,
            })
            .collect();
        let mut counts = vec![0; techs];
        Matcher::new(&patterns).count(&NormalizedText::new(text, 1).text, &mut counts);
        counts
    }

    #[test]
    fn rule_1_nfkc_in_text_and_patterns() {
        assert_eq!(
            counts(
                &[(0, "Kubernetes", false)],
                "Ｋｕｂｅｒｎｅｔｅｓ と Kubernetes"
            ),
            [2]
        );
        assert_eq!(counts(&[(0, "サービスメッシュ", false)], "ｻｰﾋﾞｽﾒｯｼｭ"), [1]);
        assert_eq!(counts(&[(0, "ｻｰﾋﾞｽﾒｯｼｭ", false)], "サービスメッシュ"), [1]);
    }

    #[test]
    fn rule_2_code_blocks_and_urls_do_not_count() {
        let text = "Istio\n```\nIstio\n```\nhttps://istio.io/Istio Istio";
        assert_eq!(counts(&[(0, "Istio", false)], text), [2]);
        // A URL behaves as space: it separates words rather than joining them.
        assert_eq!(counts(&[(0, "Istio", false)], "Istiohttps://x.io/"), [1]);
    }

    #[test]
    fn rule_3_whitespace_runs_match_one_space() {
        assert_eq!(
            counts(&[(0, "Grafana Loki", false)], "Grafana\n\n   Loki"),
            [1]
        );
        assert_eq!(
            counts(&[(0, "Grafana   Loki", false)], "Grafana\u{3000}Loki"),
            [1]
        );
        assert_eq!(counts(&[(0, "Grafana Loki", false)], "GrafanaLoki"), [0]);
    }

    #[test]
    fn rule_4_ascii_case_unless_case_sensitive() {
        assert_eq!(
            counts(&[(0, "Kubernetes", false)], "kubernetes KUBERNETES"),
            [2]
        );
        assert_eq!(counts(&[(0, "Go", true)], "Go go GO"), [1]);
        assert_eq!(counts(&[(0, "Go", true), (0, "GO", true)], "Go go GO"), [2]);
        assert_eq!(
            counts(
                &[(0, "NATS", true), (0, "nats.io", false)],
                "NATS Nats NATS.IO"
            ),
            [2]
        );
    }

    #[test]
    fn rule_5_word_boundaries_only_on_ascii_word_characters() {
        let k8s = &[(0, "Kubernetes", false)];
        assert_eq!(counts(k8s, "Kubernetesの運用"), [1]);
        assert_eq!(counts(k8s, "FuKubernetes"), [0]);
        assert_eq!(counts(k8s, "Kubernetes_x x_Kubernetes Kubernetes2"), [0]);
        assert_eq!(
            counts(k8s, "(Kubernetes) Kubernetes-native Kubernetes."),
            [3]
        );
        assert_eq!(counts(&[(0, "Go", false)], "Google Go言語 Gopher"), [1]);
        assert_eq!(counts(&[(0, "Istio", false)], "Istioによる"), [1]);
        // A pattern that starts or ends with a non-word character has no
        // boundary to check on that side.
        assert_eq!(counts(&[(0, "C++", false)], "C++11"), [1]);
        assert_eq!(
            counts(
                &[(0, "サービスメッシュ", false)],
                "マイクロサービスメッシュ化"
            ),
            [1]
        );
    }

    #[test]
    fn rule_6_longest_match_wins_and_scan_continues_after_it() {
        let p = &[(0, "Grafana", false), (1, "Grafana Loki", false)];
        assert_eq!(counts(p, "Grafana Loki"), [0, 1]);
        assert_eq!(counts(p, "Grafana と Grafana Loki"), [1, 1]);
        // Overlapping patterns: after a match the scan continues at its end.
        assert_eq!(
            counts(&[(0, "ab-", false), (1, "-cd", false)], "ab-cd"),
            [1, 0]
        );
        assert_eq!(
            counts(&[(0, "ab-", false), (1, "-cd", false)], "x-cd ab-"),
            [1, 1]
        );
    }

    #[test]
    fn rule_6_longest_that_passes_rule_5() {
        // "k8s-operator" fails its end boundary in "k8s-operators", so the
        // shorter "k8s" is taken at the same position.
        let p = &[(0, "k8s", false), (1, "k8s-operator", false)];
        assert_eq!(counts(p, "k8s-operators"), [1, 0]);
        assert_eq!(counts(p, "k8s-operator"), [0, 1]);
        // A case-sensitive longer pattern that fails case falls back too.
        let p = &[(0, "Envoy", false), (1, "Envoy Proxy", true)];
        assert_eq!(counts(p, "envoy proxy"), [1, 0]);
    }

    #[test]
    fn rule_6_falls_back_through_a_chain_of_prefixes() {
        // Keys that sort between a key and its prefixes ("k8s-a", "k8sx")
        // must not hide the prefixes from the longer key.
        let p = &[
            (0, "k8", false),
            (1, "k8s", false),
            (2, "k8s-a", false),
            (3, "k8s-op", false),
            (4, "k8s-operator", false),
            (5, "k8sx", false),
        ];
        assert_eq!(counts(p, "k8s-operators"), [0, 1, 0, 0, 0, 0]);
        assert_eq!(counts(p, "k8s-opx"), [0, 1, 0, 0, 0, 0]);
        assert_eq!(counts(p, "k8s-op"), [0, 0, 0, 1, 0, 0]);
        assert_eq!(counts(p, "k8sxy k8"), [1, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn rule_7_counts_are_per_technology_over_all_its_patterns() {
        let p = &[
            (0, "Kubernetes", false),
            (0, "k8s", false),
            (1, "Istio", false),
        ];
        assert_eq!(counts(p, "k8s と Kubernetes、そして Istio"), [2, 1]);
    }

    #[test]
    fn mentions_report_their_positions() {
        let patterns = [Pattern {
            technology: 0,
            text: "Envoy".into(),
            case_sensitive: false,
        }];
        let mut found = Vec::new();
        Matcher::new(&patterns).scan("x Envoy", |m| found.push(m));
        assert_eq!(
            found,
            [Mention {
                technology: 0,
                start: 2,
                end: 7
            }]
        );
    }

    #[test]
    fn a_name_not_counted_is_no_pattern_but_its_aliases_are() {
        let radar = crate::input::fixture::RadarFixture::new(&["2024-Q1"])
            .tech("flow-js", "Flow", "tools")
            .placed("2024-Q1", "adopt")
            .tech("flow-rs", "Flow", "tools")
            .key("count_name", "false")
            .key("aliases", "[\"flow-rs\"]")
            .placed("2024-Q1", "trial")
            .tech("quiet", "Quiet", "tools")
            .key("count_name", "false")
            .placed("2024-Q1", "trial")
            .build();
        let mut counts = vec![0; 3];
        let text = NormalizedText::new("Flow, Flow and flow-rs; Quiet.", 1).text;
        Matcher::for_radar(&radar).count(&text, &mut counts);
        assert_eq!(counts, [2, 1, 0]);
    }

    #[test]
    fn no_patterns_no_mentions() {
        let mut n = 0;
        Matcher::new(&[]).scan("anything", |_| n += 1);
        assert_eq!(n, 0);
    }
}
