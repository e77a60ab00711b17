//! The page's writer helpers: one escaper for every user text (the SVG
//! writer's, which escapes `& < > " '` and so is right for HTML text and
//! double-quoted attributes alike), ids made safe for `id` and URL
//! fragments, and Markdown fields as safe HTML.

pub(crate) use crate::render::svg::escape;

/// A Markdown field (`why`, `description`) as HTML: raw HTML becomes text,
/// links keep only http(s), mailto and relative targets (the export's
/// renderer, the one Markdown-to-HTML rule of the program).
pub(crate) fn markdown(text: &str) -> String {
    crate::interop::export::html::from_markdown(text)
}

/// An `http(s)` URL as an attribute value, or `None` for anything else:
/// validation already refuses other schemes, and this keeps a
/// `javascript:` link out of the page even if one got through.
pub(crate) fn safe_url(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| escape(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_pass() {
        assert_eq!(
            safe_url("https://a.example/?x=\"1\"").as_deref(),
            Some("https://a.example/?x=&quot;1&quot;")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
    }

    #[test]
    fn hostile_text_is_text() {
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert!(!markdown("<script>alert(1)</script>").contains("<script"));
    }
}
