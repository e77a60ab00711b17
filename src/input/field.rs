//! The checks of single fields of `radar.toml`, shared by every table's
//! validation ([`crate::input::validate`]): plain text of bounded length,
//! Markdown whose links stay on the web ([`crate::input::links`]), web
//! links, and the reports folder.
//!
//! Each check reports its problem on the [`Validator`] and returns whether
//! the field can be kept.

use toml::Spanned;

use crate::diagnostic::Code;
use crate::input::links::{is_safe_target, link_targets};
use crate::input::radar::MAX_REF_LEN;
use crate::input::validate::{Validator, shorten};
use crate::text::is_unsafe_char;

impl Validator<'_> {
    /// One-line text (names, titles, ids, references): no control or bidi
    /// characters, at most `max` characters. Returns whether it is fine.
    pub(crate) fn line(&mut self, what: &str, text: &Spanned<String>, max: usize) -> bool {
        self.text(what, text, max, false)
    }

    /// Text that may span lines (`why`, `description`, quotes): tabs and
    /// line breaks are allowed, other control characters are not.
    pub(crate) fn multi_line(&mut self, what: &str, text: &Spanned<String>) -> bool {
        self.text(what, text, usize::MAX, true)
    }

    /// Whether `text` is at most `max` characters, reporting it if not.
    pub(crate) fn line_length(&mut self, what: &str, text: &Spanned<String>, max: usize) -> bool {
        let length = text.get_ref().chars().count();
        if length <= max {
            return true;
        }
        self.push(
            self.error(
                Code::TooLong,
                format!(
                    "the {what} is {} long; the most is {max}",
                    crate::wording::count(length, "character", "characters")
                ),
                text.span(),
            )
            .help(format!("shorten the {what}")),
        );
        false
    }

    fn text(&mut self, what: &str, text: &Spanned<String>, max: usize, lines: bool) -> bool {
        let bad = text
            .get_ref()
            .chars()
            .find(|&c| is_unsafe_char(c) && !(lines && matches!(c, '\t' | '\n' | '\r')));
        if let Some(c) = bad {
            let kind = if c.is_control() {
                "the control character"
            } else {
                "the bidirectional formatting character"
            };
            let help = if lines {
                "remove it; only tabs and line breaks may stand between the words"
            } else {
                "remove it; this text is shown in terminals, on the radar and in Markdown, and must be plain"
            };
            self.push(
                self.error(
                    Code::ControlCharacter,
                    format!("the {what} contains {kind} U+{:04X}", c as u32),
                    text.span(),
                )
                .note("control characters can rewrite a terminal, and bidi overrides make text read differently from how it is stored")
                .help(help),
            );
            return false;
        }
        self.line_length(what, text, max)
    }

    /// Markdown fields (`why`, `description`): plain as multi-line text,
    /// and no link that leaves the web: a `javascript:` or `data:` link in
    /// the changelog would run when clicked.
    pub(crate) fn markdown(&mut self, what: &str, text: &Spanned<String>) {
        if !self.multi_line(what, text) {
            return;
        }
        for target in link_targets(text.get_ref()) {
            if !is_safe_target(&target) {
                self.push(
                    self.error(
                        Code::BadLink,
                        format!("the {what} links to `{}`, which is not a web or mail address", shorten(&target)),
                        text.span(),
                    )
                    .note("links in Markdown fields must be http:, https: or mailto: URLs, or paths relative to the page")
                    .help("remove the link, or link the project's web page"),
                );
            }
        }
    }

    /// A link: an `http` or `https` URL with a host, written without
    /// spaces, quotes, angle brackets or backslashes, so it can be written
    /// into SVG attributes and Markdown as it is.
    pub(crate) fn link(&mut self, link: &Spanned<String>) -> bool {
        if !self.line("link", link, MAX_REF_LEN) {
            return false;
        }
        let text = link.get_ref();
        let parsed = url::Url::parse(text).ok();
        let web = parsed.as_ref().is_some_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
        let plain = !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
        // `https:/x` and `https:x` parse, but nobody means them.
        let slashes = text
            .split_once(':')
            .is_some_and(|(_, rest)| rest.starts_with("//"));
        if web && plain && slashes {
            return true;
        }
        self.push(self.error(Code::BadLink, format!("the link `{}` is not an http or https URL", shorten(text)), link.span())
            .note("links are written into the SVG and the changelog, so only http:// and https:// URLs with a host, without spaces, quotes, angle brackets or backslashes, are allowed")
            .help("use the project's web page, e.g. `https://istio.io/`"));
        false
    }

    /// `reports` is a folder inside the project: relative, and never
    /// climbing out of the radar file's folder, since a pull request can
    /// change it and the reports' lines end up in logs.
    pub(crate) fn reports_folder(&mut self, reports: &Spanned<String>) -> bool {
        use std::path::Component;
        let path = std::path::Path::new(reports.get_ref());
        // Relative, and never climbing above this file's folder.
        let inside = !reports.get_ref().trim().is_empty()
            && path.components().all(|c| {
                matches!(
                    c,
                    Component::Normal(_) | Component::CurDir | Component::ParentDir
                )
            })
            && crate::path::normalize(path).is_some();
        if !inside {
            self.push(
                self.error(
                    Code::ReportsOutside,
                    format!("the reports folder `{}` is not inside the project", shorten(reports.get_ref())),
                    reports.span(),
                )
                .note("`reports` is a folder relative to this file, and may not climb out of it")
                .help("move the reports into the project, or pass `--reports DIR` to read a folder elsewhere"),
            );
        }
        inside
    }
}
