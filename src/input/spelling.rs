//! The spellings a technology is counted by: its name (unless
//! `count_name = false`) and its aliases, each checked as text and against
//! every other technology's, since a mention can count for only one.
//!
//! Called by [`crate::input::validate`] for each technology in file order;
//! spellings are compared as the matcher ([`crate::count::matcher`]) will
//! see them: normalized by [`crate::text::normalize_phrase`], ignoring
//! ASCII case.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::config::RawTechnology;
use crate::input::radar::{MAX_NAME_LEN, Technology};
use crate::input::validate::Validator;
use crate::text::normalize_phrase;

/// Where each normalized, lowercased pattern was first written: the index
/// of its technology, the span, and whether it is that technology's name.
pub(crate) type Patterns = HashMap<String, (usize, Range<usize>, bool)>;

impl Validator<'_> {
    /// Checks the name and each alias of `tech`, which comes after
    /// `earlier`, against the `patterns` seen so far (and adds its own).
    /// A name that is not counted (`count_name = false`) is checked as text
    /// only. Returns, name first, whether each is kept.
    pub(crate) fn spellings(
        &mut self,
        id: &str,
        tech: &RawTechnology,
        earlier: &[Technology],
        patterns: &mut Patterns,
    ) -> Vec<bool> {
        let index = earlier.len();
        let spellings = std::iter::once(("name", &tech.name))
            .chain(tech.aliases.iter().map(|alias| ("alias", alias)));
        // Spellings that fail these checks are left out of the model, so
        // the scan (which runs on to find the reports' problems too) never
        // compiles a 400 KB alias into its automaton.
        let mut valid = Vec::new();
        for (what, spelling) in spellings {
            let ok = self.line(what, spelling, MAX_NAME_LEN);
            valid.push(ok);
            if !ok {
                continue;
            }
            let normalized = normalize_phrase(spelling.get_ref());
            if normalized.is_empty() {
                self.push(
                    self.error(
                        Code::EmptyPattern,
                        format!("empty {what} of technology `{id}`"),
                        spelling.span(),
                    )
                    .help("names and aliases are counted in reports, so they need visible text"),
                );
                continue;
            }
            let is_name = what == "name";
            if is_name && !tech.count_name {
                continue;
            }
            match patterns.get(&normalized.to_ascii_lowercase()) {
                Some((other, first, other_is_name)) if *other != index => {
                    let other_id = &earlier[*other].id;
                    let d = Diagnostic::error(
                        Code::DuplicatePattern,
                        format!("`{normalized}` is a name or alias of both `{other_id}` and `{id}`"),
                    )
                    .at_labelled(self.file, spelling.span(), format!("{what} of `{id}`"))
                    .also(self.file, first.clone(), format!("already used by `{other_id}`"))
                    .note("names and aliases are compared after NFKC normalization, ignoring ASCII case")
                    .help(duplicate_help(is_name && *other_is_name));
                    self.push(d);
                }
                Some(_) => {}
                None => {
                    patterns.insert(
                        normalized.to_ascii_lowercase(),
                        (index, spelling.span(), is_name),
                    );
                }
            }
        }
        valid
    }
}

/// What to do about a spelling two technologies share. Two technologies
/// may be called the same when one of them does not count its name.
fn duplicate_help(both_names: bool) -> &'static str {
    if both_names {
        "a mention can count for only one technology: give one of them \
         `count_name = false` and aliases that tell them apart, or rename one"
    } else {
        "a mention can count for only one technology: keep the spelling on one of them"
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Diagnostic, SourceFile};
    use crate::input::fixture::RadarFixture;
    use crate::input::radar;

    /// Two technologies called "Flow", the second with `extra` keys.
    fn two_flows(first: &[(&str, &str)], second: &[(&str, &str)]) -> Vec<Diagnostic> {
        let mut radar = RadarFixture::new(&["2024-Q1"]).tech("flow-js", "Flow", "tools");
        for (key, toml) in first {
            radar = radar.key(key, toml);
        }
        radar = radar
            .placed("2024-Q1", "adopt")
            .tech("flow_rs", "flow", "platforms");
        for (key, toml) in second {
            radar = radar.key(key, toml);
        }
        let text = radar.placed("2024-Q1", "trial").toml();
        let file = SourceFile::new("radar.toml", text);
        let (_, diagnostics) = radar::load(&file).expect("parses");
        diagnostics
    }

    fn places(diagnostics: &[Diagnostic]) -> Vec<(Code, String)> {
        diagnostics
            .iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn two_counted_names_that_are_equal_are_an_error_that_says_how_to_fix_it() {
        let found = two_flows(&[], &[]);
        assert_eq!(
            places(&found),
            [(Code::DuplicatePattern, "radar.toml:14:8".into())]
        );
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("`count_name = false`"), "{help}");
    }

    #[test]
    fn an_equal_name_is_fine_when_either_does_not_count_it() {
        let off = [("count_name", "false"), ("aliases", "[\"flow-rs\"]")];
        assert!(places(&two_flows(&[], &off)).is_empty());
        assert!(places(&two_flows(&off, &[])).is_empty());
        assert!(
            places(&two_flows(
                &[("count_name", "false")],
                &[("count_name", "false")]
            ))
            .is_empty()
        );
    }

    #[test]
    fn an_uncounted_name_still_clashes_with_nothing_but_aliases_still_do() {
        // The second's alias is the first's counted name.
        let found = two_flows(&[], &[("count_name", "false"), ("aliases", "[\"FLOW\"]")]);
        assert_eq!(
            places(&found),
            [(Code::DuplicatePattern, "radar.toml:17:12".into())]
        );
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("keep the spelling on one"), "{help}");
    }
}
