//! The links in a Markdown field of `radar.toml` (`why`, `description`),
//! found as the changelog's Markdown renderer will read them, and which of
//! them may stay: validation ([`crate::input::field`]) refuses the rest.

use pulldown_cmark::{Event, Options, Parser, Tag};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
