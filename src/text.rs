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
//! changelog's evidence links point at real lines. Whitespace folding and
//! URL blanking are in [`fold`].

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

mod fold;

use fold::{push_folded, push_line};

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
        let mut starts = Vec::new();
        normalize(body, &mut out.text, |at| starts.push(at));
        out.line_starts = starts;
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

/// Normalizes `body` into `out` (cleared first), as [`NormalizedText::new`]
/// does, without the map back to lines: what counting needs, into a buffer
/// that one thread reuses for report after report.
pub fn normalize_into(body: &str, out: &mut String) {
    out.clear();
    out.reserve(body.len());
    normalize(body, out, |_| {});
}

/// The one normalization of a body: line by line, NFKC, fenced code and
/// URLs blanked, whitespace folded. `line_start` hears where in `out` each
/// input line begins.
fn normalize(body: &str, out: &mut String, mut line_start: impl FnMut(usize)) {
    // Start as if after a space, so the text never begins with one.
    let mut after_space = true;
    let mut fence: Option<Fence> = None;
    let mut scratch = String::new();
    for raw_line in lines(body) {
        line_start(out.len());
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
            push_line(out, line, &mut after_space);
        }
        // The line break, and a blanked line, behave as whitespace.
        if !after_space {
            out.push(' ');
            after_space = true;
        }
    }
}

/// The lines of `text`, split at each `\n` (the last one possibly empty),
/// as `str::split` would give them, found with `memchr`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let line = rest?;
        let Some(at) = memchr::memchr(b'\n', line.as_bytes()) else {
            rest = None;
            return Some(line);
        };
        rest = Some(&line[at + 1..]);
        Some(&line[..at])
    })
}

/// NFKC of `line`, borrowing it unchanged in the common case where it is
/// already normalized (all of ASCII is, and so is most Japanese text).
/// Otherwise only the stretches that can change are normalized: every
/// [`is_stable`] character begins a stretch that NFKC handles on its own
/// (it never combines with what comes before it), so a run of other
/// characters is normalized together with the one stable character before
/// it (which may combine with the run, as カ does with a half-width
/// voiced mark), and everything else is copied.
fn nfkc<'a>(line: &'a str, scratch: &'a mut String) -> &'a str {
    if line.is_ascii() {
        return line;
    }
    let Some(first) = unstable_at(line, 0) else {
        return line;
    };
    scratch.clear();
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((before, run)) = next {
        // The run of unstable characters ends at the next stable one.
        let end = line[run..]
            .char_indices()
            .find(|&(_, c)| is_stable(c))
            .map_or(line.len(), |(i, _)| run + i);
        scratch.push_str(&line[copied..before]);
        scratch.extend(line[before..end].nfkc());
        copied = end;
        next = unstable_at(line, end);
    }
    scratch.push_str(&line[copied..]);
    scratch
}

/// The first character from byte `from` of `line` that is not
/// [`is_stable`]: where the character before it starts (or it, when there
/// is none after `from`), and where it starts. Most characters are passed
/// on their first byte alone (see [`STABLE_LEAD`]), kana and Japanese
/// punctuation on a bitmap of their own ([`KANA_STABLE`]), and only the
/// rest are decoded from their bytes in place (the text is valid UTF-8)
/// and looked up.
fn unstable_at(line: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let tail = |i: usize| u32::from(bytes[i] & 0x3f);
    let mut previous = from;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // A run of ASCII eight bytes at a time: one step a byte made
            // each wait for the last.
            while let Some(word) = bytes.get(i..i + 8) {
                if word.iter().fold(0, |any, &b| any | b) >= 0x80 {
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && bytes[i] < 0x80 {
                i += 1;
            }
            // The run's last byte, after at least the one at `b`.
            previous = i - 1;
            continue;
        }
        let skip = STABLE_LEAD[usize::from(b)];
        if skip != 0 {
            previous = i;
            i += usize::from(skip);
            continue;
        }
        let (stable, len) = match b {
            // U+3000 to U+30FF: the second byte is 0x80 to 0x83.
            0xe3 if bytes[i + 1] < 0x84 => {
                let index = (tail(i + 1) << 6 | tail(i + 2)) as usize;
                (KANA_STABLE[index / 64] >> (index % 64) & 1 != 0, 3)
            }
            0xc0..=0xdf => (is_stable_code(u32::from(b & 0x1f) << 6 | tail(i + 1)), 2),
            0xe0..=0xef => (
                is_stable_code(u32::from(b & 0x0f) << 12 | tail(i + 1) << 6 | tail(i + 2)),
                3,
            ),
            _ => (false, 4),
        };
        if !stable {
            return Some((previous, i));
        }
        previous = i;
        i += len;
    }
    None
}

/// For each byte that begins a UTF-8 character, the character's length
/// when the byte alone says it is [`is_stable`], else 0: ASCII (1), and
/// 0xE4 to 0xE9, which begin U+4000 to U+9FFF, the common ideographs (3),
/// so Japanese prose's kanji pass without a lookup.
static STABLE_LEAD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = 1;
        b += 1;
    }
    let mut b = 0xe4;
    while b <= 0xe9 {
        table[b] = 3;
        b += 1;
    }
    table
};

/// [`is_stable`] for U+3000 to U+30FF (Japanese punctuation, hiragana and
/// katakana), one bit a character from U+3000 on. The characters that are
/// not: the ideographic space U+3000, the tone marks U+302A to U+302F,
/// U+3036 and U+3038 to U+303A (compatibility forms), the combining and
/// spacing voiced marks U+3099 to U+309C, and the ligatures U+309F and
/// U+30FF. A test checks it against the normalization tables.
static KANA_STABLE: [u64; 4] = [
    !(1 | 0b11_1111 << 0x2a | 1 << 0x36 | 0b111 << 0x38),
    u64::MAX,
    !(0b1111 << (0x99 - 0x80) | 1 << (0x9f - 0x80)),
    !(1 << (0xff - 0xc0)),
];

/// Whether `c` is in the Basic Multilingual Plane, has NFKC quick-check
/// value Yes and canonical combining class 0. A line of only such
/// characters is NFKC already: the quick check would say Yes for it. The
/// answers are worked out from the normalization tables themselves into a
/// bitmap, because the quick check's own per-character lookups were the
/// largest single cost of a scan; 64 characters at a time, when one of them
/// is first asked about, since a corpus uses few of the BMP's blocks and
/// working out all 65,536 answers took longer than scanning a small corpus.
fn is_stable(c: char) -> bool {
    is_stable_code(c as u32)
}

/// [`is_stable`] of the character with code point `code`.
fn is_stable_code(code: u32) -> bool {
    static STABLE: [std::sync::OnceLock<u64>; 1024] = [const { std::sync::OnceLock::new() }; 1024];
    if code < 0x80 {
        return true;
    }
    if code > 0xffff {
        return false;
    }
    let block = code / 64;
    let bits = STABLE[block as usize].get_or_init(|| {
        (0..64).fold(0u64, |bits, k| {
            let stable = char::from_u32(block * 64 + k).is_some_and(|c| {
                unicode_normalization::char::canonical_combining_class(c) == 0
                    && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
            });
            bits | (u64::from(stable) << k)
        })
    });
    bits & (1 << (code % 64)) != 0
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

/// How two names are compared when case does not matter: a name's
/// [`normalize_phrase`], ASCII-lowercased, as the matcher counts it.
pub fn name_key(name: &str) -> String {
    normalize_phrase(name).to_ascii_lowercase()
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
        // What `unstable_at` passes without looking it up.
        assert!(('\u{4000}'..='\u{9fff}').all(is_stable));
        assert!(!is_stable('ｱ') && !is_stable('Ｋ') && !is_stable('\u{3099}'));
    }

    #[test]
    fn the_lead_byte_and_kana_tables_agree_with_the_stable_table() {
        for code in 0..=0xffff_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let by_lead = STABLE_LEAD[usize::from(bytes[0])];
            if by_lead != 0 {
                assert!(is_stable(c), "U+{code:04X}");
                assert_eq!(usize::from(by_lead), bytes.len(), "U+{code:04X}");
            }
            if (0x3000..=0x30ff).contains(&code) {
                let index = (code - 0x3000) as usize;
                let bit = KANA_STABLE[index / 64] >> (index % 64) & 1 != 0;
                assert_eq!(bit, is_stable(c), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn unstable_at_agrees_with_a_char_by_char_search() {
        // Random lines from the ranges the fast paths take apart (ASCII,
        // kana and punctuation, kanji, Latin-1, full-width forms, outside
        // the BMP, combining marks), against the plain search over
        // characters, and the line's NFKC against NFKC of the whole line.
        let ranges = [
            (0x20, 0x7e),
            (0x3000, 0x30ff),
            (0x4e00, 0x9fff),
            (0xa0, 0x24f),
            (0xff00, 0xffef),
            (0x1f600, 0x1f64f),
            (0x300, 0x36f),
        ];
        let plain = |line: &str| {
            let mut previous = 0;
            for (at, c) in line.char_indices() {
                if !is_stable(c) {
                    return Some((previous, at));
                }
                previous = at;
            }
            None
        };
        let mut rng = fastrand::Rng::with_seed(16);
        for _ in 0..20_000 {
            let len = rng.usize(0..40);
            let line: String = (0..len)
                .filter_map(|_| {
                    // ASCII half the time, for runs of it.
                    let pick = rng.usize(..ranges.len() * 2);
                    let (low, high) = ranges.get(pick).copied().unwrap_or(ranges[0]);
                    char::from_u32(rng.u32(low..=high))
                })
                .collect();
            assert_eq!(unstable_at(&line, 0), plain(&line), "{line:?}");
            let whole: String = line.nfkc().collect();
            assert_eq!(nfkc(&line, &mut String::new()), whole, "{line:?}");
        }
    }

    #[test]
    fn normalizing_stretches_agrees_with_normalizing_the_line() {
        // Stable characters, characters that change, marks that combine
        // with the character before them (voiced marks, accents, Hangul
        // jamo) and characters outside the BMP, in every order of pairs
        // and triples, against NFKC of the whole line.
        let parts = [
            "a", "の", "カ", "ｶ", "ﾞ", "\u{3099}", "e", "\u{301}", "Ｋ", "㈱", "\u{1100}",
            "\u{1161}", "\u{11a8}", "가", "😀", "½", " ", "\u{3000}",
        ];
        let mut scratch = String::new();
        for a in parts {
            for b in parts {
                for c in parts {
                    let line = format!("{a}{b}{c}x{a}");
                    let whole: String = line.nfkc().collect();
                    assert_eq!(nfkc(&line, &mut scratch), whole, "{line:?}");
                }
            }
        }
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
