//! A Markdown field (`why`, `description`) as HTML for a page that shows
//! it as HTML (Build Your Own Radar). Raw HTML in the Markdown becomes
//! text, never markup; a link or image whose target is not http(s), mailto
//! or relative is dropped and its text kept. Validation already refuses
//! such links ([`crate::input::links`]); this is the second lock, since the
//! page runs whatever HTML it is given.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::input::links::is_safe_target;

/// `markdown` rendered as HTML, without a trailing line break.
pub(crate) fn from_markdown(markdown: &str) -> String {
    // Whether each open link or image is kept, so its end tag follows suit.
    let mut open: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let keep = is_safe_target(dest_url);
            open.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => open.pop().unwrap_or(false).then_some(event),
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html.truncate(html.trim_end().len());
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            from_markdown("Use **Istio**, see [docs](https://istio.io/)."),
            "<p>Use <strong>Istio</strong>, see <a href=\"https://istio.io/\">docs</a>.</p>"
        );
    }

    #[test]
    fn raw_html_is_text() {
        let html = from_markdown("a <img src=x onerror=alert(1)> b\n\n<script>alert(1)</script>\n");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_lose_their_target_and_keep_their_text() {
        let html = from_markdown("[click](javascript:alert(1)) ![i](data:x) [ok](../r.md)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(html.contains("<a href=\"../r.md\">ok</a>"), "{html}");
    }
}
