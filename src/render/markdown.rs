//! Escaping for the Markdown that confradar writes (the changelog, `diff`
//! comments), so names and quotes from radar.toml show as written and no
//! text from the input can become markup, a script or a link it did not
//! mean.
//!
//! Three kinds of text reach Markdown: one-line text (names, titles,
//! quotes), escaped character by character with [`inline`]; Markdown
//! fields (`why`, `description`), kept as Markdown but with raw HTML
//! escaped by [`block`]; and URLs, written by [`link`] in a form Markdown
//! cannot end early.

use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Escapes text for inline Markdown: characters that would start emphasis,
/// links, HTML, code or a table cell are backslash-escaped; line breaks
/// become spaces.
pub(crate) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown field as Markdown, with its raw HTML made text: each `<` of
/// an HTML tag, comment or block becomes `&lt;`, so `<img onerror=...>`
/// shows as written instead of running. Code spans, code blocks and
/// autolinks keep their `<`, since Markdown shows those literally anyway.
pub(crate) fn block(text: &str) -> String {
    let mut html: Vec<Range<usize>> = Parser::new_ext(text, Options::empty())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range)
        .collect();
    html.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in html {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&text[range.clone()].replace('<', "&lt;"));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Every link and image target in a Markdown text, as the renderer will
/// see it (escapes and entities decoded, autolinks and reference links
/// resolved).
pub(crate) fn link_targets(text: &str) -> Vec<String> {
    Parser::new_ext(text, Options::empty())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// Whether a link target in a Markdown field may stay: `http`, `https` or
/// `mailto` URLs, and targets without a scheme (a path or `#anchor`).
/// Anything else (`javascript:`, `data:`, `vbscript:`, ...) would run or
/// load something when clicked.
pub(crate) fn is_safe_target(target: &str) -> bool {
    // Browsers drop control characters and spaces before the scheme, so
    // ` java\tscript:` is `javascript:` to them; judge what they would see.
    let seen: String = target
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let scheme_end = seen.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if seen[i..].starts_with(':') => {
            let scheme = seen[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// `[text](<url>)`: the URL in angle brackets, where a `)` or a space
/// cannot end it. Links come validated (http or https, no spaces, quotes or
/// angle brackets), so nothing in them can close the brackets either.
pub(crate) fn link(text: &str, url: &str) -> String {
    format!("[{}](<{url}>)", inline(text))
}

/// Percent-encodes a relative link's path, keeping `/` and the characters
/// that are safe as they are, so ordinary report names stay readable.
pub(crate) fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(inline("C*_[x]|<b>\nnext"), r"C\*\_\[x\]\|\<b\> next");
        assert_eq!(url_path("../r/日 x.md"), "../r/%E6%97%A5%20x.md");
    }

    #[test]
    fn raw_html_is_escaped_and_markdown_kept() {
        assert_eq!(
            block("**Bold** <img src=x onerror=alert(1)> and `<b>`"),
            "**Bold** &lt;img src=x onerror=alert(1)> and `<b>`"
        );
        assert_eq!(
            block("<script>\nalert(1)\n</script>\n"),
            "&lt;script>\nalert(1)\n&lt;/script>\n"
        );
        assert_eq!(block("see <https://istio.io/>"), "see <https://istio.io/>");
        assert_eq!(block("a <!-- hidden --> b"), "a &lt;!-- hidden --> b");
    }

    #[test]
    fn links_in_markdown_are_judged_as_a_browser_sees_them() {
        let targets =
            link_targets("[a](javascript:alert(1)) <data:text/html,x> [b]\n\n[b]: vbscript:x\n");
        assert_eq!(targets.len(), 3, "{targets:?}");
        assert!(targets.iter().all(|t| !is_safe_target(t)), "{targets:?}");
        for safe in [
            "https://istio.io/",
            "mailto:a@b.c",
            "../reports/x.md",
            "#top",
        ] {
            assert!(is_safe_target(safe), "{safe}");
        }
        for unsafe_ in [" java\tscript:alert(1)", "JAVASCRIPT:alert(1)", "x:y/z"] {
            assert!(!is_safe_target(unsafe_), "{unsafe_}");
        }
    }

    #[test]
    fn a_link_cannot_be_closed_early() {
        assert_eq!(
            link("K8s", "https://k8s.io/)[x](y"),
            "[K8s](<https://k8s.io/)[x](y>)"
        );
    }
}
