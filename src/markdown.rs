//! Escaping for the Markdown that confradar writes (the changelog, `diff`
//! comments), so names and quotes from radar.toml show as written.

use std::fmt::Write;

/// Escapes text for inline Markdown: characters that would start emphasis,
/// links, HTML, code or a table cell are backslash-escaped; line breaks
/// become spaces.
pub fn inline(text: &str) -> String {
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

/// Percent-encodes a relative link's path, keeping `/` and the characters
/// that are safe as they are, so ordinary report names stay readable.
pub fn url_path(path: &str) -> String {
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
}
