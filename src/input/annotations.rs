//! The checks of what a radar carries beside its blips: ring and quadrant
//! colours, a technology's tags and its further links. Shared by
//! [`crate::input::validate`]; the plain-text and link checks they build on
//! are in [`crate::input::field`].
//!
//! Each check reports its problems on the [`Validator`]; the lists return
//! what may be kept.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic};
use crate::input::config::RawLink;
use crate::input::radar::{Link, MAX_NAME_LEN, MAX_TAG_LEN};
use crate::input::validate::{Validator, shorten};

impl Validator<'_> {
    /// A ring's or quadrant's `color`: CSS hex, `#rgb` or `#rrggbb`. Only
    /// hex is taken, since it is written into the SVG's style as it is and
    /// every other radar tool reads it.
    pub(crate) fn color(&mut self, what: &str, color: &Spanned<String>) -> bool {
        if is_hex_color(color.get_ref()) {
            return true;
        }
        self.push(
            self.error(
                Code::BadColor,
                format!(
                    "the {what} colour `{}` is not a hex colour",
                    shorten(color.get_ref())
                ),
                color.span(),
            )
            .note("colours are CSS hex: `#` and 3 or 6 hex digits")
            .help("e.g. `color = \"#5ba300\"`"),
        );
        false
    }

    /// A technology's `tags`, keeping the valid ones, each once.
    pub(crate) fn tags(&mut self, tags: &[Spanned<String>]) -> Vec<String> {
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        let mut out = Vec::new();
        for tag in tags {
            let text = tag.get_ref().as_str();
            if !is_valid_tag(text) {
                self.push(
                    self.error(
                        Code::BadTag,
                        format!("`{}` is not a tag", shorten(text)),
                        tag.span(),
                    )
                    .note(format!(
                        "a tag is 1 to {MAX_TAG_LEN} of a-z, 0-9 and '-', starting with a letter or digit"
                    ))
                    .help("e.g. `tags = [\"frontend\", \"type-checking\"]`"),
                );
                continue;
            }
            if let Some(first) = seen.get(text) {
                let d = Diagnostic::error(Code::DuplicateTag, format!("duplicate tag `{text}`"))
                    .at(self.file, tag.span())
                    .also(self.file, first.clone(), "first listed here")
                    .help("list each tag once");
                self.push(d);
                continue;
            }
            seen.insert(text, tag.span());
            out.push(text.to_owned());
        }
        out
    }

    /// A technology's `links`, keeping those whose URL is a web link (as
    /// `link` must be) and whose title is one line of bounded length.
    pub(crate) fn links(&mut self, links: &[Spanned<RawLink>]) -> Vec<Link> {
        let mut out = Vec::new();
        for link in links {
            let link = link.get_ref();
            let url_ok = self.link(&link.url);
            let title_ok = link
                .title
                .as_ref()
                .is_none_or(|t| self.line("link title", t, MAX_NAME_LEN));
            if url_ok && title_ok {
                out.push(Link {
                    url: link.url.get_ref().clone(),
                    title: link.title.as_ref().map(|t| t.get_ref().trim().to_owned()),
                });
            }
        }
        out
    }
}

/// `#rgb` or `#rrggbb`, in either case.
pub(crate) fn is_hex_color(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// 1 to [`MAX_TAG_LEN`] of lowercase ASCII letters, digits and `-`,
/// starting with a letter or digit.
fn is_valid_tag(tag: &str) -> bool {
    tag.len() <= MAX_TAG_LEN
        && tag
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && tag
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::input::fixture::RadarFixture;
    use crate::input::radar::{self, Radar};

    /// Loads `radar`'s text: the model and each problem's code and place.
    fn load(radar: &RadarFixture) -> (Radar, Vec<(Code, String)>) {
        let file = SourceFile::new("radar.toml", radar.toml());
        let (radar, diagnostics) = radar::load(&file).expect("parses");
        let places = diagnostics
            .iter()
            .filter(|d| d.code != Code::NoEvidence)
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect();
        (radar, places)
    }

    /// One technology `x` with `key = toml`, placed in 2024-Q1; the key is
    /// on line 8.
    fn tech_with(key: &str, toml: &str) -> RadarFixture {
        RadarFixture::new(&["2024-Q1"])
            .tech("x", "X", "tools")
            .key(key, toml)
            .placed("2024-Q1", "adopt")
    }

    /// A radar whose rings are written with `ring` as the first one, on
    /// line 4.
    fn rings_with(ring: &str) -> RadarFixture {
        RadarFixture::new(&["2024-Q1"]).radar_key(
            "rings",
            &format!("[{ring}, {{ id = \"hold\", name = \"Hold\" }}]"),
        )
    }

    #[test]
    fn colours_are_hex_and_kept_as_written() {
        let (radar, problems) = load(
            &rings_with(r##"{ id = "adopt", name = "Adopt", color = "#5BA300" }"##).radar_key(
                "quadrants",
                r##"[{ id = "tools", name = "Tools", color = "#abc" }]"##,
            ),
        );
        assert_eq!(problems, []);
        assert_eq!(radar.rings[0].color.as_deref(), Some("#5BA300"));
        assert_eq!(radar.rings[1].color, None);
        assert_eq!(radar.quadrants[0].color.as_deref(), Some("#abc"));
        for bad in ["red", "#12345", "#ggg", "5ba300", "#5ba300;x", "url(#a)"] {
            let ring = format!(r#"{{ id = "adopt", name = "Adopt", color = "{bad}" }}"#);
            let (radar, problems) = load(&rings_with(&ring));
            assert_eq!(
                problems,
                [(Code::BadColor, "radar.toml:4:50".into())],
                "{bad}"
            );
            assert_eq!(radar.rings[0].color, None, "a bad colour is not drawn");
        }
    }

    #[test]
    fn level_descriptions_are_markdown_with_safe_links() {
        let (radar, problems) = load(&rings_with(
            r#"{ id = "adopt", name = "Adopt", description = "Proven; [use it](https://x.org/)." }"#,
        ));
        assert_eq!(problems, []);
        assert_eq!(
            radar.rings[0].description.as_deref(),
            Some("Proven; [use it](https://x.org/).")
        );
        let (_, problems) = load(&rings_with(
            r#"{ id = "adopt", name = "Adopt", description = "[x](javascript:alert(1))" }"#,
        ));
        assert_eq!(problems, [(Code::BadLink, "radar.toml:4:56".into())]);
        let (_, problems) = load(&rings_with(
            r#"{ id = "adopt", name = "Adopt", description = "bidi \u202e" }"#,
        ));
        assert_eq!(
            problems,
            [(Code::ControlCharacter, "radar.toml:4:56".into())]
        );
    }

    #[test]
    fn tags_are_short_lowercase_words_each_once() {
        let (radar, problems) = load(&tech_with("tags", r#"["frontend", "type-checking", "2d"]"#));
        assert_eq!(problems, []);
        assert_eq!(
            radar.technologies[0].tags,
            ["frontend", "type-checking", "2d"]
        );
        let long = "a".repeat(MAX_TAG_LEN + 1);
        for bad in ["Frontend", "-x", "", "a b", "a_b", long.as_str()] {
            let (radar, problems) = load(&tech_with("tags", &format!(r#"["ok", "{bad}"]"#)));
            assert_eq!(
                problems,
                [(Code::BadTag, "radar.toml:8:15".into())],
                "{bad:?}"
            );
            assert_eq!(radar.technologies[0].tags, ["ok"]);
        }
        let (radar, problems) = load(&tech_with("tags", r#"["ok", "x", "ok"]"#));
        assert_eq!(problems, [(Code::DuplicateTag, "radar.toml:8:20".into())]);
        assert_eq!(radar.technologies[0].tags, ["ok", "x"]);
    }

    #[test]
    fn links_are_web_links_with_an_optional_one_line_title() {
        let (radar, problems) = load(&tech_with(
            "links",
            r#"[{ url = "https://github.com/facebook/flow", title = " Source " }, { url = "http://flow.org/" }]"#,
        ));
        assert_eq!(problems, []);
        assert_eq!(
            radar.technologies[0].links,
            [
                Link {
                    url: "https://github.com/facebook/flow".into(),
                    title: Some("Source".into())
                },
                Link {
                    url: "http://flow.org/".into(),
                    title: None
                }
            ]
        );
        let (radar, problems) = load(&tech_with("links", r#"[{ url = "javascript:alert(1)" }]"#));
        assert_eq!(problems, [(Code::BadLink, "radar.toml:8:18".into())]);
        assert!(radar.technologies[0].links.is_empty());
        let title = "t".repeat(MAX_NAME_LEN + 1);
        let (_, problems) = load(&tech_with(
            "links",
            &format!(r#"[{{ url = "https://a.org/", title = "{title}" }}]"#),
        ));
        assert_eq!(problems, [(Code::TooLong, "radar.toml:8:44".into())]);
        let (_, problems) = load(&tech_with(
            "links",
            r#"[{ url = "https://a.org/", title = "two\nlines" }]"#,
        ));
        assert_eq!(
            problems,
            [(Code::ControlCharacter, "radar.toml:8:44".into())]
        );
    }

    #[test]
    fn count_name_and_featured_are_booleans_defaulting_to_true() {
        let (radar, problems) = load(&tech_with("case_sensitive", "false"));
        assert_eq!(problems, []);
        assert!(radar.technologies[0].count_name);
        assert!(radar.technologies[0].placements[0].featured);
        let (radar, problems) = load(
            &tech_with("count_name", "false")
                .key("aliases", r#"["x-lang"]"#)
                .placement_key("featured", "false"),
        );
        assert_eq!(problems, []);
        assert!(!radar.technologies[0].count_name);
        assert!(!radar.technologies[0].placements[0].featured);
        assert!(!radar.technologies[0].drawn_in(0));
        let (_, problems) = load(&tech_with("count_name", r#""no""#));
        assert_eq!(problems, [(Code::WrongType, "radar.toml:8:14".into())]);
        let (_, problems) = load(&tech_with("x", "1").placement_key("featured", "0"));
        assert_eq!(
            problems,
            [
                (Code::UnknownKey, "radar.toml:8:1".into()),
                (Code::WrongType, "radar.toml:13:12".into())
            ]
        );
    }

    #[test]
    fn unknown_keys_in_levels_and_links_are_still_errors() {
        let (_, problems) = load(
            &rings_with(r##"{ id = "adopt", name = "Adopt", colour = "#fff" }"##)
                .tech("x", "X", "tools")
                .key("links", r#"[{ url = "https://a.org/", titel = "A" }]"#)
                .placed("2024-Q1", "adopt"),
        );
        assert_eq!(
            problems,
            [
                (Code::UnknownKey, "radar.toml:4:42".into()),
                (Code::UnknownKey, "radar.toml:9:36".into())
            ]
        );
    }

    #[test]
    fn hex_colours() {
        assert!(is_hex_color("#fff") && is_hex_color("#A0b1C2"));
        assert!(!is_hex_color("#ffff") && !is_hex_color("fff") && !is_hex_color("#"));
    }
}
