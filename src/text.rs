//! Turns a report body into the text mentions are counted in, and keeps
//! user text that reaches a terminal or an output safe to show.
//!
//! The counting rule (README, "How mentions are counted") fixes the steps:
//! NFKC, then fenced code blocks and URLs blanked, then every whitespace run
//! folded to one space. Patterns and evidence quotes go through the same
//! folding, so what a person sees as "the same words" matches.
//!
//! The work is done line by line, which keeps a map from positions in the
//! folded text back to line numbers in the file: `check -v` and the
//! changelog's evidence links point at real lines.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// `bytes` without a leading UTF-8 byte order mark, in the same buffer:
/// both the radar file and the reports may start with one (Windows editors
/// write it), and neither means anything by it.
pub(crate) fn without_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    bytes
}

/// Characters that change how a terminal or a page shows the text around
/// them: control characters (C0, DEL, C1: ESC starts terminal commands) and
/// the bidirectional marks, embeddings, overrides and isolates (U+061C,
/// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) that make text
/// display in another order than it is stored in. They have no place in a name, and are refused or replaced
/// wherever user text reaches a terminal or an output.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every [`is_unsafe_char`] written as an escape (`\u{1b}`),
/// for naming a file whose name holds one: the name stays readable and
/// tells which character is wrong.
pub fn escape_unsafe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with every [`is_unsafe_char`] but line breaks and tabs replaced
/// by U+FFFD, for printing text from the input (a report's line in a
/// diagnostic, a revision in an error) on a terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| is_unsafe_char(c) && c != '\n' && c != '\t';
    if text.contains(bad) {
        text.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// A report body after normalization, with a way back to its lines.
#[derive(Debug, Clone, Default)]
pub struct NormalizedText {
    /// NFKC text with code and URLs blanked and whitespace runs folded.
    pub text: String,
    /// For each input line (in order), the offset in `text` where it begins.
    line_starts: Vec<usize>,
    /// Line number (1-based, in the whole file) of the body's first line.
    first_line: usize,
}

impl NormalizedText {
    /// Normalizes `body`, whose first line is line `first_line` of its file.
    pub fn new(body: &str, first_line: usize) -> NormalizedText {
        let mut out = NormalizedText {
            text: String::with_capacity(body.len()),
            line_starts: Vec::new(),
            first_line,
        };
        // Start as if after a space, so the text never begins with one.
        let mut after_space = true;
        let mut fence: Option<Fence> = None;
        let mut scratch = String::new();
        for raw_line in body.split('\n') {
            out.line_starts.push(out.text.len());
            let line = nfkc(raw_line, &mut scratch);
            let in_code = if let Some(open) = fence {
                if open.is_closed_by(line) {
                    fence = None;
                }
                true
            } else {
                fence = Fence::opening(line);
                fence.is_some()
            };
            if !in_code {
                push_folded_without_urls(&mut out.text, line, &mut after_space);
            }
            // The line break, and a blanked line, behave as whitespace.
            if !after_space {
                out.text.push(' ');
                after_space = true;
            }
        }
        out
    }

    /// Line number in the file of a byte offset in [`NormalizedText::text`].
    pub fn line_of(&self, offset: usize) -> usize {
        let index = self.line_starts.partition_point(|&start| start <= offset);
        self.first_line + index.saturating_sub(1)
    }

    /// Finds `needle` (already normalized with [`normalize_phrase`]) ignoring
    /// ASCII case; returns its byte offset.
    pub fn find_phrase(&self, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        // Searched in place: a lowercased copy of a big report would be a
        // third copy of its text in memory.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([needle])
            .ok()?
            .find(&self.text)
            .map(|m| m.start())
    }
}

/// NFKC of `line`, borrowing it unchanged in the common case where it is
/// already normalized (all of ASCII is, and so is most Japanese text).
fn nfkc<'a>(line: &'a str, scratch: &'a mut String) -> &'a str {
    if line.is_ascii()
        || line.chars().all(is_stable)
        || is_nfkc_quick(line.chars()) == IsNormalized::Yes
    {
        return line;
    }
    scratch.clear();
    scratch.extend(line.nfkc());
    scratch
}

/// Whether `c` is in the Basic Multilingual Plane, has NFKC quick-check
/// value Yes and canonical combining class 0. A line of only such
/// characters is NFKC already: the quick check would say Yes for it. The
/// answer for every BMP character is worked out once, from the
/// normalization tables themselves, into a 8 KiB bitmap, because the quick
/// check's own per-character lookups were the largest single cost of a scan.
fn is_stable(c: char) -> bool {
    static STABLE: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    let code = c as u32;
    if code < 0x80 {
        return true;
    }
    if code > 0xffff {
        return false;
    }
    let bits = STABLE.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for code in 0..=0xffffu32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let stable = unicode_normalization::char::canonical_combining_class(c) == 0
                && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
            if stable {
                bits[(code / 64) as usize] |= 1 << (code % 64);
            }
        }
        bits
    });
    bits[(code / 64) as usize] & (1 << (code % 64)) != 0
}

/// Appends `text` to `out`, turning each whitespace run into one space.
/// Runs of other characters are copied whole.
fn push_folded(out: &mut String, text: &str, after_space: &mut bool) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (is_space, len) = whitespace_at(text, i);
        if !is_space {
            i += len;
            continue;
        }
        if copied < i {
            out.push_str(&text[copied..i]);
            *after_space = false;
        }
        if !*after_space {
            out.push(' ');
            *after_space = true;
        }
        i += len;
        copied = i;
    }
    if copied < bytes.len() {
        out.push_str(&text[copied..]);
        *after_space = false;
    }
}

/// Whether the character at byte `i` of `text` is whitespace, and its
/// length in bytes. Every non-ASCII whitespace character (U+0085, U+00A0,
/// U+1680, U+2000 to U+205F, U+3000) starts with one of four lead bytes, so
/// only those characters are decoded.
fn whitespace_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    match b {
        b' ' | b'\t'..=b'\r' => (true, 1),
        0x00..=0x7f => (false, 1),
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (c.is_whitespace(), c.len_utf8())
        }
        _ => (false, utf8_len(b)),
    }
}

/// Byte length of the UTF-8 character that starts with `first`.
pub(crate) fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// NFKC plus whitespace folding, trimmed: how names, aliases and quotes are
/// compared with report text.
pub fn normalize_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut after_space = true;
    let normalized: String = phrase.nfkc().collect();
    push_folded(&mut out, &normalized, &mut after_space);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// An open fenced code block: its character and length.
#[derive(Clone, Copy, Debug)]
struct Fence {
    marker: u8,
    len: usize,
}

impl Fence {
    /// A `CommonMark` opening fence: up to three spaces, then three or more
    /// backticks or tildes; a backtick fence's info string has no backtick.
    fn opening(line: &str) -> Option<Fence> {
        let rest = strip_indent(line)?;
        let marker = *rest.as_bytes().first()?;
        if marker != b'`' && marker != b'~' {
            return None;
        }
        let len = rest.bytes().take_while(|&b| b == marker).count();
        if len < 3 || (marker == b'`' && rest[len..].contains('`')) {
            return None;
        }
        Some(Fence { marker, len })
    }

    /// A closing fence: up to three spaces, at least as many of the same
    /// character, then only whitespace.
    fn is_closed_by(self, line: &str) -> bool {
        let Some(rest) = strip_indent(line) else {
            return false;
        };
        let len = rest.bytes().take_while(|&b| b == self.marker).count();
        len >= self.len && rest[len..].trim().is_empty()
    }
}

/// The line without up to three leading spaces; `None` if indented more.
fn strip_indent(line: &str) -> Option<&str> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (spaces <= 3).then(|| &line[spaces..])
}

/// Appends `line` like [`push_folded`], with each `http://` or `https://`
/// URL as a space. The pieces between URLs are folded in turn rather than
/// through a masked copy of the line: a report can be one long line, and
/// that copy would be one more copy of the report.
fn push_folded_without_urls(out: &mut String, line: &str, after_space: &mut bool) {
    let mut rest = line;
    while let Some(at) = rest.find("http") {
        let tail = &rest[at..];
        let scheme = if tail.starts_with("https://") {
            8
        } else if tail.starts_with("http://") {
            7
        } else {
            push_folded(out, &rest[..at + 4], after_space);
            rest = &rest[at + 4..];
            continue;
        };
        let len = scheme
            + tail[scheme..]
                .bytes()
                .take_while(|&b| is_url_byte(b))
                .count();
        push_folded(out, &rest[..at], after_space);
        push_folded(out, " ", after_space);
        rest = &tail[len..];
    }
    push_folded(out, rest, after_space);
}

/// RFC 3986 unreserved, reserved and `%`.
fn is_url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_controls_and_bidi_formatting() {
        for c in ['\u{1b}', '\u{7}', '\n', '\u{7f}', '\u{85}', '\u{9b}'] {
            assert!(is_unsafe_char(c), "U+{:04X}", u32::from(c));
        }
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(is_unsafe_char(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '-', 'é', 'の', '\u{200D}', '\u{3000}'] {
            assert!(!is_unsafe_char(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn escape_writes_unsafe_characters_as_escapes() {
        assert_eq!(escape_unsafe("2019-08-01-x"), "2019-08-01-x");
        assert!(matches!(
            escape_unsafe("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(escape_unsafe("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_unsafe("\u{202e}dm.exe"), "\\u{202e}dm.exe");
        assert_eq!(escape_unsafe("の\u{85}"), "の\\u{85}");
    }

    fn norm(body: &str) -> String {
        NormalizedText::new(body, 1).text
    }

    #[test]
    fn nfkc_folds_full_and_half_width() {
        assert_eq!(norm("Ｋｕｂｅｒｎｅｔｅｓ"), "Kubernetes ");
        assert_eq!(norm("ｻｰﾋﾞｽ"), "サービス ");
    }

    #[test]
    fn whitespace_runs_fold_to_one_space() {
        assert_eq!(norm("Grafana\r\n  \tLoki\u{3000}x"), "Grafana Loki x ");
        assert_eq!(norm("\n\n a"), "a ");
        assert_eq!(normalize_phrase("  Grafana \n Loki "), "Grafana Loki");
        assert_eq!(normalize_phrase("\u{3000}"), "");
    }

    #[test]
    fn folding_agrees_with_char_is_whitespace_everywhere() {
        // Every whitespace character, alone and between other text, in
        // every lead-byte group, against a plain char-by-char fold.
        let fold = |text: &str| {
            let mut out = String::new();
            let mut after_space = true;
            push_folded(&mut out, text, &mut after_space);
            out
        };
        let plain = |text: &str| {
            let mut out = String::new();
            let mut after_space = true;
            for c in text.chars() {
                if c.is_whitespace() {
                    if !after_space {
                        out.push(' ');
                    }
                    after_space = true;
                } else {
                    out.push(c);
                    after_space = false;
                }
            }
            out
        };
        for code in 0..=0x0010_ffff_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("a{c}{c}b \u{3000}の{c}");
            assert_eq!(fold(&text), plain(&text), "U+{code:04X}");
        }
    }

    #[test]
    fn the_stable_table_agrees_with_the_quick_check() {
        for code in 0..=0x0010_ffff_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if is_stable(c) {
                // Stable characters stay stable in any company of others.
                let text = format!("{c}カ{c}");
                assert_eq!(
                    is_nfkc_quick(text.chars()),
                    IsNormalized::Yes,
                    "U+{code:04X}"
                );
                assert_eq!(text.nfkc().collect::<String>(), text, "U+{code:04X}");
            }
        }
        assert!(is_stable('の') && is_stable('漢') && is_stable('ア'));
        assert!(!is_stable('ｱ') && !is_stable('Ｋ') && !is_stable('\u{3099}'));
    }

    #[test]
    fn fenced_code_is_blanked_fence_lines_included() {
        let body = "a\n```yaml\nIstio\n```\nb\n~~~~\nIstio\n~~~\nstill code\n~~~~~\nc";
        assert_eq!(norm(body), "a b c ");
    }

    #[test]
    fn fences_follow_commonmark_details() {
        // Four spaces of indent is not a fence.
        assert_eq!(norm("    ```\nIstio"), "``` Istio ");
        // Two backticks are not a fence.
        assert_eq!(norm("``\nIstio"), "`` Istio ");
        // A backtick fence's info string may not contain a backtick.
        assert_eq!(norm("``` a`b\nIstio"), "``` a`b Istio ");
        // A closing fence must use the same character.
        assert_eq!(norm("```\n~~~\nIstio\n```\nafter"), "after ");
        // An unclosed fence runs to the end of the report.
        assert_eq!(norm("before\n   ```\nIstio\nEnvoy"), "before ");
        // A closing line with other text does not close.
        assert_eq!(norm("```\n``` x\nIstio\n```\nafter"), "after ");
    }

    #[test]
    fn urls_are_blanked() {
        assert_eq!(
            norm("see https://istio.io/latest/docs?q=1#x の資料"),
            "see の資料 "
        );
        assert_eq!(norm("http://a.b/Istio,Envoy"), "");
        assert_eq!(norm("httpd Istio"), "httpd Istio ");
        // Full-width URL characters become ASCII first, then are blanked.
        assert_eq!(norm("ｈｔｔｐｓ：／／ｅｎｖｏｙ．ｉｏ　x"), "x ");
    }

    #[test]
    fn offsets_map_back_to_file_lines() {
        let t = NormalizedText::new("first\n\n```\ncode\n```\nsecond Istio\nthird", 5);
        let at = t.text.find("Istio").unwrap_or_default();
        assert_eq!(t.line_of(at), 10);
        assert_eq!(t.line_of(0), 5);
        assert_eq!(t.line_of(t.text.find("third").unwrap_or_default()), 11);
    }

    #[test]
    fn phrases_are_found_ignoring_ascii_case_and_line_breaks() {
        let t = NormalizedText::new("Traffic\n  management は便利", 1);
        assert_eq!(
            t.find_phrase(&normalize_phrase("traffic MANAGEMENT")),
            Some(0)
        );
        assert_eq!(
            t.find_phrase(&normalize_phrase("ｍａｎａｇｅｍｅｎｔ は")),
            Some(8)
        );
        assert_eq!(t.find_phrase(""), None);
    }
}
