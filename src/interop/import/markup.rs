//! Foreign descriptions made into Markdown that `radar.toml` accepts and
//! every output can carry: [`from_html`] turns BYOR's HTML into Markdown
//! text (tags gone, only http(s) links kept as links), and [`safe_markdown`]
//! keeps a foreign Markdown text as written except for raw HTML (escaped to
//! show as text) and links that leave the web (reduced to their text).
//!
//! Links are judged by [`crate::input::links`], the rule validation applies,
//! so what comes out of here passes it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::input::links::{is_safe_target, link_targets};

/// Multi-line text as a Markdown field may hold it: no control or bidi
/// characters but tabs and line breaks, `\r\n` as `\n`, trimmed; `None`
/// when nothing is left.
pub(crate) fn clean_lines(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = text
        .chars()
        .filter(|&c| !crate::text::is_unsafe_char(c) || matches!(c, '\t' | '\n'))
        .collect();
    let trimmed = kept.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Backslash-escapes what Markdown would read as markup in plain text.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` when it is a link `radar.toml` keeps as `link` or in `links`: an
/// http(s) URL with a host, without spaces, quotes, angle brackets,
/// backslashes or backticks (the rule validation applies).
pub(crate) fn web_link(text: &str) -> Option<String> {
    let text = text.trim();
    let url = url::Url::parse(text).ok()?;
    let web =
        matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty());
    let plain = !text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    let slashes = text
        .split_once(':')
        .is_some_and(|(_, rest)| rest.starts_with("//"));
    (web && plain && slashes && text.chars().count() <= crate::input::radar::MAX_REF_LEN)
        .then(|| text.to_owned())
}

/// An http(s) URL as a Markdown link target, or `None` when it is not one.
fn web_target(href: &str) -> Option<String> {
    let url = url::Url::parse(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    // The serialized URL has spaces, quotes and angle brackets
    // percent-encoded; parentheses would end the Markdown target.
    Some(url.as_str().replace('(', "%28").replace(')', "%29"))
}

/// HTML as Markdown: text kept (entities decoded, then escaped so it stays
/// text), `<br>` a line break, paragraphs, list items and headings their
/// own lines, `<a href>` a Markdown link when the target is http(s) and its
/// text otherwise, `<script>` and `<style>` dropped with their content,
/// every other tag dropped. `None` when no text is left.
pub(crate) fn from_html(html: &str) -> Option<String> {
    convert(html, true)
}

/// HTML as plain text, for names: the text of [`from_html`] without
/// Markdown escapes or links. Empty when no text is left.
pub(crate) fn plain_from_html(html: &str) -> String {
    convert(html, false).unwrap_or_default()
}

/// [`from_html`] when `markdown`, [`plain_from_html`] otherwise.
fn convert(html: &str, markdown: bool) -> Option<String> {
    let mut out = String::new();
    // The link being read: its target and its text so far.
    let mut link: Option<(Option<String>, String)> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text_into(&mut out, &mut link, rest, markdown);
            break;
        };
        text_into(&mut out, &mut link, &rest[..lt], markdown);
        rest = &rest[lt..];
        let Some((tag, after)) = read_tag(rest) else {
            // A `<` that starts no tag is text.
            text_into(&mut out, &mut link, "<", markdown);
            rest = &rest[1..];
            continue;
        };
        rest = after;
        match (tag.name.as_str(), tag.closing) {
            ("script" | "style", false) => {
                let end = format!("</{}", tag.name);
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&end).map_or("", |i| {
                    let tail = &rest[i..];
                    tail.find('>').map_or("", |j| &tail[j + 1..])
                });
            }
            ("br", _) => push_break(&mut out, &mut link, "\n"),
            (
                "p" | "div" | "ul" | "ol" | "table" | "tr" | "blockquote" | "pre" | "h1" | "h2"
                | "h3" | "h4" | "h5" | "h6",
                _,
            ) => {
                push_break(&mut out, &mut link, "\n\n");
            }
            ("li", false) => push_break(&mut out, &mut link, "\n- "),
            ("a", false) => {
                finish_link(&mut out, &mut link);
                let target = tag
                    .href
                    .as_deref()
                    .and_then(web_target)
                    .filter(|_| markdown);
                link = Some((target, String::new()));
            }
            ("a", true) => finish_link(&mut out, &mut link),
            _ => {}
        }
    }
    finish_link(&mut out, &mut link);
    tidy(&out)
}

/// Appends decoded, escaped text, white space collapsed as HTML shows it.
fn text_into(
    out: &mut String,
    link: &mut Option<(Option<String>, String)>,
    raw: &str,
    markdown: bool,
) {
    let decoded = decode_entities(raw);
    let collapsed: String = decoded
        .split(|c: char| c.is_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    let target = match link {
        Some((_, text)) => text,
        None => out,
    };
    // Runs of white space across pieces are collapsed by `tidy`.
    if markdown {
        target.push_str(&escape(&collapsed));
    } else {
        target.push_str(&collapsed);
    }
}

/// A structural break; a link open across it ends first.
fn push_break(out: &mut String, link: &mut Option<(Option<String>, String)>, brk: &str) {
    finish_link(out, link);
    out.push_str(brk);
}

/// Writes the open link, if any: `[text](target)`, or its text alone.
fn finish_link(out: &mut String, link: &mut Option<(Option<String>, String)>) {
    let Some((target, text)) = link.take() else {
        return;
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match target {
        Some(target) if !text.is_empty() => out.push_str(&format!("[{text}]({target})")),
        _ => out.push_str(&text),
    }
}

/// Lines trimmed of spaces, at most one blank line between paragraphs.
fn tidy(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>();
        let line = line.join(" ");
        if line.is_empty() || line == "-" {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    clean_lines(&out)
}

/// A tag's name (lowercase), whether it closes, and its `href`.
struct HtmlTag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// Reads the tag (or comment) `text` starts with; `None` when `<` starts
/// none. Returns the tag and the text after it.
fn read_tag(text: &str) -> Option<(HtmlTag, &str)> {
    if let Some(comment) = text.strip_prefix("<!--") {
        let rest = comment.find("-->").map_or("", |i| &comment[i + 3..]);
        return Some((
            HtmlTag {
                name: "!--".into(),
                closing: false,
                href: None,
            },
            rest,
        ));
    }
    let body = &text[1..];
    let closing = body.starts_with('/');
    let body = body.strip_prefix('/').unwrap_or(body);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!') {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    // The tag ends at the first `>` outside quotes.
    let mut quote = None;
    let mut end = None;
    for (i, c) in body.char_indices().skip(name_len) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let attributes = &body[name_len..end];
    Some((
        HtmlTag {
            href: attribute(attributes, "href"),
            name,
            closing,
        },
        &body[end + 1..],
    ))
}

/// The value of attribute `name` in a tag's attribute text, decoded.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let lower = attributes.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = attributes[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let value = value.trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or(""),
        };
        return Some(decode_entities(raw));
    }
    None
}

/// Decodes the HTML entities descriptions use; others stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest[1..]
            .find(';')
            .filter(|&i| i <= 10)
            .map(|i| &rest[1..=i]);
        let decoded = entity.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        if let (Some(name), Some(c)) = (entity, decoded) {
            out.push(c);
            rest = &rest[name.len() + 2..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Foreign Markdown, kept as written except what validation refuses or no
/// output should carry: raw HTML is escaped (it shows as text), a link or
/// image whose target is not http(s), mailto or relative becomes its text.
/// `None` when nothing is left.
pub(crate) fn safe_markdown(text: &str) -> Option<String> {
    let mut text = clean_lines(text)?;
    // One pass settles any real text; a text built to need more is shown
    // whole as plain text rather than trusted.
    for _ in 0..3 {
        if is_safe(&text) {
            return Some(text);
        }
        text = one_pass(&text);
    }
    if is_safe(&text) {
        Some(text)
    } else {
        clean_lines(&escape(&text))
    }
}

/// Whether `text` has no raw HTML and only safe links.
fn is_safe(text: &str) -> bool {
    let html = Parser::new_ext(text, Options::empty())
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    !html && link_targets(text).iter().all(|t| is_safe_target(t))
}

/// Replaces each piece of raw HTML and each unsafe link once.
fn one_pass(text: &str) -> String {
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // The unsafe link being read: its range and its text so far.
    let mut open: Option<(std::ops::Range<usize>, String, usize)> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        if let Some((_, inner, depth)) = &mut open {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => *depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) if *depth > 0 => *depth -= 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    if let Some((range, inner, _)) = open.take() {
                        replacements.push((range, escape(&inner)));
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    inner.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => inner.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_target(&dest_url) =>
            {
                open = Some((range, String::new(), 0));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                replacements.push((range.clone(), escape(&text[range])));
            }
            _ => {}
        }
    }
    replacements.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in replacements {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        // An HTML block's range takes its line break; keep it.
        let trailing = &text[range.clone()];
        out.push_str(replacement.trim_end_matches(['\n', '\\']));
        if trailing.ends_with('\n') {
            out.push('\n');
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_text_with_only_web_links() {
        let html = "<p>Use <strong>it</strong> &amp; <a href=\"https://a.example/x y\">read more</a>.</p>\
                    <p>Not <a href='javascript:alert(1)'>this</a><br>line two</p>\
                    <script>alert(1)</script><ul><li>one</li><li>two &lt;b&gt;</li></ul>";
        assert_eq!(
            from_html(html).as_deref(),
            Some(
                "Use it \\& [read more](https://a.example/x%20y).\n\nNot this\nline two\n\n- one\n- two \\<b\\>"
            )
        );
        assert_eq!(from_html("  <br/> "), None);
        assert_eq!(from_html("a < b").as_deref(), Some("a \\< b"));
        assert_eq!(
            plain_from_html("<b>C++</b> &amp; <a href=\"https://x.example\">Go_1</a>"),
            "C++ & Go_1"
        );
    }

    #[test]
    fn markdown_keeps_its_markup_but_not_html_or_script_links() {
        let md = "Some **bold** and [ok](https://x.example/) and [bad](javascript:alert(1)).\n\n\
                  <script>alert(1)</script>\n\n```ts\nconst x = 1;\n```\n";
        let safe = safe_markdown(md).expect("text");
        assert!(
            safe.contains("**bold**") && safe.contains("[ok](https://x.example/)"),
            "{safe}"
        );
        assert!(safe.contains("```ts\nconst x = 1;\n```"), "{safe}");
        assert!(!safe.contains("javascript:"), "{safe}");
        assert!(is_safe(&safe), "{safe}");
        assert!(!safe.contains("<script>"), "{safe}");
        let reference = safe_markdown("[b]\n\n[b]: vbscript:x\n").expect("text");
        assert!(
            link_targets(&reference).iter().all(|t| is_safe_target(t)),
            "{reference}"
        );
    }
}
