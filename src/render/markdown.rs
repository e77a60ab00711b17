//! Escaping for the Markdown that confradar writes (the changelog, `diff`
//! comments), so names and quotes from radar.toml show as written and no
//! text from the input can become markup, a script or a link it did not
//! mean.
//!
//! Three kinds of text reach Markdown: one-line text (names, titles,
//! quotes), escaped character by character with [`inline`]; Markdown
//! fields (`why`, `description`), kept as Markdown but with raw HTML
//! escaped by [`block`]; and URLs, written by [`link`] in a form Markdown
//! cannot end early. Which links a Markdown field may hold at all is
//! decided when the radar is validated ([`crate::input::links`]).

use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

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
    fn a_link_cannot_be_closed_early() {
        assert_eq!(
            link("K8s", "https://k8s.io/)[x](y"),
            "[K8s](<https://k8s.io/)[x](y>)"
        );
    }
}
