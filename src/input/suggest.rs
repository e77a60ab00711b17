//! The `[suggest]` table of `radar.toml`, validated: names `confradar
//! suggest` counts as known technologies besides its shipped dictionary
//! (`known`), and names it never suggests (`ignore`).
//!
//! Read from [`crate::input::config::RawSuggest`] by
//! [`crate::input::validate`]; read by `curate::dictionary`.

use toml::Spanned;

use crate::diagnostic::Code;
use crate::input::config::RawSuggest;
use crate::input::radar::MAX_NAME_LEN;
use crate::input::validate::Validator;
use crate::text::normalize_phrase;

/// The names of `[suggest]`, each trimmed, in file order, without
/// duplicates (compared after normalization, ignoring ASCII case).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuggestNames {
    /// Names added to the dictionary of known technologies.
    pub known: Vec<String>,
    /// Names never suggested, neither as unplaced nor as candidates.
    pub ignore: Vec<String>,
}

impl Validator<'_> {
    /// Checks `[suggest]`: every name plain one-line text with something to
    /// match. A name that fails is left out, with an error.
    pub(crate) fn suggest_names(&mut self, raw: Option<&RawSuggest>) -> SuggestNames {
        let Some(raw) = raw else {
            return SuggestNames::default();
        };
        SuggestNames {
            known: self.suggest_list("known", &raw.known),
            ignore: self.suggest_list("ignore", &raw.ignore),
        }
    }

    fn suggest_list(&mut self, key: &str, names: &[Spanned<String>]) -> Vec<String> {
        let mut kept: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for name in names {
            if !self.line(&format!("name in `suggest.{key}`"), name, MAX_NAME_LEN) {
                continue;
            }
            let normalized = normalize_phrase(name.get_ref());
            if normalized.is_empty() {
                self.push(
                    self.error(
                        Code::EmptyPattern,
                        format!("empty name in `suggest.{key}`"),
                        name.span(),
                    )
                    .help(
                        "names are matched in reports, so they need visible text; remove this one",
                    ),
                );
                continue;
            }
            if seen.insert(normalized.to_ascii_lowercase()) {
                kept.push(name.get_ref().trim().to_owned());
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::input::radar::from_bytes;

    const RADAR: &str = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\"]\n";

    #[test]
    fn names_are_trimmed_and_kept_once() {
        let text = format!(
            "{RADAR}[suggest]\nknown = [\" Karpenter \", \"karpenter\", \"ＫＡＲＰＥＮＴＥＲ\"]\nignore = [\"Tokyo\"]\n"
        );
        let (radar, problems) = from_bytes("radar.toml", text.into_bytes()).expect("parses");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(radar.suggest.known, ["Karpenter"]);
        assert_eq!(radar.suggest.ignore, ["Tokyo"]);
    }

    #[test]
    fn empty_names_unknown_keys_and_wrong_types_are_errors_at_their_place() {
        let text =
            format!("{RADAR}[suggest]\nknown = [\"  \"]\nignored = [\"x\"]\nignore = \"Tokyo\"\n");
        let (_, problems) = from_bytes("radar.toml", text.into_bytes()).expect("parses");
        let found: Vec<(Code, String)> = problems
            .iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::UnknownKey, "radar.toml:6:1".into()),
                (Code::WrongType, "radar.toml:7:10".into()),
                (Code::EmptyPattern, "radar.toml:5:10".into()),
            ]
        );
    }
}
