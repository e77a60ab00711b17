//! Foreign names and ids made into confradar's: ids of lowercase ASCII
//! letters, digits and `-` ([`slug`], made unique by [`Ids`]), names and
//! titles as plain one-line text ([`clean`]), tags as short slugs
//! ([`tag`]), and technologies that share a name kept apart by
//! [`share_equal_names`].
//!
//! Every importer goes through here, so the same foreign text always gives
//! the same id, whichever format it came in.

use std::collections::{BTreeMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::input::radar::{MAX_ID_LEN, MAX_NAME_LEN};
use crate::interop::model::Tech;

/// The longest tag, in characters.
const MAX_TAG_LEN: usize = 40;

/// `text` as an id: accents dropped, `&` `+` `#` spelled out (so `C++` and
/// `C#` stay apart and "Languages & Frameworks" becomes confradar's own
/// `languages-and-frameworks`), every other run of characters that are not
/// ASCII letters or digits one `-`, at most `max` bytes. Empty when nothing
/// of `text` is left.
pub(crate) fn slug_max(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    let push_word = |out: &mut String, word: &str, dash: &mut bool| {
        if *dash && !out.is_empty() {
            out.push('-');
        }
        *dash = false;
        out.push_str(word);
    };
    for c in text.nfkd() {
        match c {
            'a'..='z' | '0'..='9' => push_word(&mut out, c.encode_utf8(&mut [0; 4]), &mut dash),
            'A'..='Z' => push_word(
                &mut out,
                c.to_ascii_lowercase().encode_utf8(&mut [0; 4]),
                &mut dash,
            ),
            'ß' => push_word(&mut out, "ss", &mut dash),
            '&' => {
                dash = true;
                push_word(&mut out, "and", &mut dash);
                dash = true;
            }
            '+' => {
                dash = !out.is_empty();
                push_word(&mut out, "plus", &mut dash);
                dash = true;
            }
            '#' => {
                dash = !out.is_empty();
                push_word(&mut out, "sharp", &mut dash);
                dash = true;
            }
            // Combining marks are what NFKD split off the letters' accents.
            c if ('\u{300}'..='\u{36f}').contains(&c) => {}
            _ => dash = true,
        }
    }
    // Cut at a word boundary where there is one, never leaving a `-` last.
    if out.len() > max {
        out.truncate(max);
        if let Some(cut) = out.rfind('-').filter(|&i| i > max / 2) {
            out.truncate(cut);
        }
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// [`slug_max`] at the longest id.
pub(crate) fn slug(text: &str) -> String {
    slug_max(text, MAX_ID_LEN)
}

/// A tag as confradar keeps it: 1 to 40 of `a-z`, `0-9` and `-`; `None`
/// when nothing is left of it.
pub(crate) fn tag(text: &str) -> Option<String> {
    Some(slug_max(text, MAX_TAG_LEN)).filter(|t| !t.is_empty())
}

/// Tags made into confradar's, in their order, without duplicates.
pub(crate) fn tags<'a>(written: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in written.into_iter().filter_map(tag) {
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// One-line plain text: control and bidi characters dropped, runs of
/// white space one space, trimmed, at most `max` characters.
pub(crate) fn clean_max(text: &str, max: usize) -> String {
    let plain: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !crate::text::is_unsafe_char(c))
        .collect();
    let words: Vec<&str> = plain.split(' ').filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(max).collect()
}

/// [`clean_max`] at the longest name.
pub(crate) fn clean(text: &str) -> String {
    clean_max(text, MAX_NAME_LEN)
}

/// A CSS colour as `radar.toml` keeps it: `#rgb` or `#rrggbb`, lowercase;
/// `None` for anything else.
pub(crate) fn color(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// Hands out ids, each once: a second `flow` becomes `flow-2`.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// `base` (or `fallback` when `base` is empty), with `-2`, `-3`, ...
    /// appended when it is taken; the result is taken from then on.
    pub(crate) fn unique(&mut self, base: &str, fallback: &str) -> String {
        let base = if base.is_empty() { fallback } else { base };
        let mut id = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&id) {
            let suffix = format!("-{n}");
            let mut stem = base.to_owned();
            stem.truncate(MAX_ID_LEN - suffix.len());
            id = format!("{}{suffix}", stem.trim_end_matches('-'));
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A foreign id made into a confradar id (unique among `ids`), with a note
/// when it had to change.
pub(crate) fn map_id(
    foreign: &str,
    fallback: &str,
    ids: &mut Ids,
    notes: &mut Vec<String>,
) -> String {
    let id = ids.unique(&slug(foreign), fallback);
    if id != foreign {
        notes.push(format!(
            "id `{}` became `{id}` (confradar ids are lowercase a-z, 0-9 and `-`)",
            clean(foreign)
        ));
    }
    id
}

/// Technologies whose names are equal as the matcher compares them (after
/// NFKC, ignoring ASCII case) get `count_name = false`, so each keeps its
/// name on the radar and only aliases count as mentions; one note per
/// shared name.
pub(crate) fn share_equal_names(techs: &mut [Tech], notes: &mut Vec<String>) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, tech) in techs.iter().enumerate() {
        let key = crate::text::name_key(&tech.name);
        groups.entry(key).or_default().push(i);
    }
    let mut shared: Vec<&Vec<usize>> = groups.values().filter(|g| g.len() > 1).collect();
    shared.sort_by_key(|g| g[0]);
    for group in shared {
        let ids: Vec<String> = group
            .iter()
            .map(|&i| format!("`{}`", techs[i].id))
            .collect();
        notes.push(format!(
            "{} share the name \"{}\": `count_name = false` on each, so only their aliases count as mentions; add aliases to count them",
            ids.join(" and "),
            techs[group[0]].name
        ));
        for &i in group {
            techs[i].count_name = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_confradar_ids() {
        assert_eq!(slug("Languages & Frameworks"), "languages-and-frameworks");
        assert_eq!(slug("C++"), "c-plus-plus");
        assert_eq!(slug("C#"), "c-sharp");
        assert_eq!(slug("Node.js"), "node-js");
        assert_eq!(slug("Ünïcödé  Straße"), "unicode-strasse");
        assert_eq!(slug("my_item_2"), "my-item-2");
        assert_eq!(slug("--x--"), "x");
        assert_eq!(slug("日本語"), "");
        let long = slug(&"word ".repeat(40));
        assert!(long.len() <= MAX_ID_LEN && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn ids_are_handed_out_once() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("flow", "t"), "flow");
        assert_eq!(ids.unique("flow", "t"), "flow-2");
        assert_eq!(ids.unique("", "tech-3"), "tech-3");
        let long = "a".repeat(MAX_ID_LEN);
        ids.unique(&long, "t");
        let second = ids.unique(&long, "t");
        assert!(
            second.len() <= MAX_ID_LEN && second.ends_with("-2"),
            "{second}"
        );
    }

    #[test]
    fn names_are_plain_lines_and_tags_are_slugs() {
        assert_eq!(clean(" a\u{202e}b \n\t c\u{7} "), "ab c");
        assert_eq!(clean(&"x".repeat(500)).chars().count(), MAX_NAME_LEN);
        assert_eq!(
            tags(["Front End", "front-end", "!!", "DevOps"]),
            ["front-end", "devops"]
        );
    }
}
