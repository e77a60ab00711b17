//! Whitespace folding and URL blanking of NFKC text, the last steps of
//! [`crate::text`]'s normalization: every whitespace run becomes one space,
//! and each `http://` or `https://` URL one space too. Talks to nothing but
//! `memchr`.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// Appends one line (NFKC) as [`push_folded_without_urls`] would. Most
/// lines of prose have neither a URL nor any whitespace but lone spaces
/// between words, which folding leaves as they are: such a line is copied
/// whole, after checks that run over many bytes at a time.
pub(super) fn push_line(out: &mut String, line: &str, after_space: &mut bool) {
    let bytes = line.as_bytes();
    let leading_space = *after_space && bytes.first() == Some(&b' ');
    let plain = !leading_space
        && !has_special_space(bytes)
        && DOUBLE_SPACE.find(bytes).is_none()
        && HTTP.find(bytes).is_none();
    if !plain {
        push_folded_without_urls(out, line, after_space);
        return;
    }
    if let Some(&last) = bytes.last() {
        out.push_str(line);
        *after_space = last == b' ';
    }
}

/// Searchers for two spaces and for the start of a URL, built once: a
/// searcher built for each line cost more than the search.
static DOUBLE_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"  "));
static HTTP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"http"));

/// Whether `bytes` hold a byte that may start whitespace other than a
/// space (see [`MAY_START_SPACE`]). Tested a block at a time without an
/// early exit inside the block, so that the compiler can test each block's
/// bytes side by side.
fn has_special_space(bytes: &[u8]) -> bool {
    let special = |b: u8| b.wrapping_sub(0x09) < 5 || b == 0xc2 || b.wrapping_sub(0xe1) < 2;
    bytes
        .chunks(32)
        .any(|block| block.iter().fold(false, |any, &b| any | special(b)))
}

/// Appends `text` (NFKC: see [`MAY_START_SPACE`]) to `out`, turning each
/// whitespace run into one space. Runs of other characters are copied whole, and so is a lone space
/// between two of them: most whitespace in prose is exactly that, and it
/// is already folded.
pub(super) fn push_folded(out: &mut String, text: &str, after_space: &mut bool) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most bytes cannot begin whitespace: one table lookup passes them.
        // A continuation byte of a character passed this way is below 0xC2
        // and above 0x7F, so it passes too, and no character is split.
        if !MAY_START_SPACE[usize::from(b)] {
            i += 1;
            continue;
        }
        let len = whitespace_len(bytes, i);
        if len == 0 {
            i += 1;
            continue;
        }
        if b == b' ' && copied < i && i + 1 < bytes.len() && whitespace_len(bytes, i + 1) == 0 {
            // A lone space after a non-space character and before another.
            i += 1;
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

/// The bytes a whitespace character of NFKC text can start with: ASCII
/// space and the controls from tab to carriage return, and the lead bytes
/// of U+0085, U+1680, U+2028 and U+2029. NFKC turns every other whitespace
/// character (U+00A0, U+2000 to U+200A, U+202F, U+205F, U+3000) into a
/// space, so Japanese text, whose characters mostly begin with 0xE3 (as
/// U+3000 does), passes on this table alone.
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x09;
    while b <= 0x0d {
        table[b] = true;
        b += 1;
    }
    table[0x20] = true;
    table[0xc2] = true;
    table[0xe1] = true;
    table[0xe2] = true;
    table
};

/// The length in bytes of the whitespace character at byte `i` of `bytes`
/// (NFKC, `i` a character boundary), or 0 when there is none there. The
/// characters are those of [`char::is_whitespace`] that NFKC leaves, matched
/// on their UTF-8 bytes.
#[inline]
fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b' ' | b'\t'..=b'\r' => 1,
        // U+0085
        0xc2 if at(1) == 0x85 => 2,
        // U+1680
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2028, U+2029
        0xe2 if at(1) == 0x80 && matches!(at(2), 0xa8 | 0xa9) => 3,
        _ => 0,
    }
}

/// Appends `line` like [`push_folded`], with each `http://` or `https://`
/// URL as a space. The pieces between URLs are folded in turn rather than
/// through a masked copy of the line: a report can be one long line, and
/// that copy would be one more copy of the report.
fn push_folded_without_urls(out: &mut String, line: &str, after_space: &mut bool) {
    let mut rest = line;
    while let Some(at) = HTTP.find(rest.as_bytes()) {
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
    use unicode_normalization::UnicodeNormalization;

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
            // Folding is only ever given NFKC text.
            let text: String = format!("a{c}{c}b \u{3000}の{c}").nfkc().collect();
            assert_eq!(fold(&text), plain(&text), "U+{code:04X}");
        }
    }
}
