//! How wide text will be when drawn: per-character font metrics, and line
//! breaking by them.
//!
//! No font is available when rendering (the SVG is drawn by whatever browser
//! shows it), so widths are estimated per character, erring wide. The scene
//! sizes labels, legends and the key with these estimates; the trends chart
//! shortens panel names with them. Nothing here knows about SVG.

use unicode_width::UnicodeWidthChar;

/// Bold text runs wider than the per-character estimate by this factor.
const BOLD: f64 = 1.1;

/// Estimated advance of one character, in ems. Wide characters (CJK,
/// full-width forms) take a full em; Latin glyphs are narrower. The values
/// are a little above those of common sans-serif fonts, so estimated text
/// is never narrower than drawn text.
fn char_em(c: char) -> f64 {
    match c.width() {
        Some(2) => 1.0,
        Some(0) | None => 0.0,
        _ => match c {
            ' ' => 0.32,
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.4,
            'm' | 'w' | 'M' | 'W' | '@' => 0.9,
            'A'..='Z' | '0'..='9' | '&' | '%' | '#' => 0.68,
            _ => 0.58,
        },
    }
}

/// Estimated width in pixels of `text` set at `size` pixels.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// Estimated width in pixels of `text` set in bold at `size` pixels.
pub fn bold_text_width(text: &str, size: f64) -> f64 {
    text_width(text, size) * BOLD
}

/// Breaks `text` into lines no wider than `max` pixels at `size` pixels.
/// Lines break at spaces and on either side of wide (CJK) characters; a
/// word that alone is too wide is cut between characters.
pub(crate) fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (space_before, token) in tokens(text) {
        let gap = if space_before && !line.is_empty() {
            " "
        } else {
            ""
        };
        let joined = format!("{line}{gap}{token}");
        if text_width(&joined, size) <= max || line.is_empty() {
            line = joined;
        } else {
            lines.push(std::mem::take(&mut line));
            token.clone_into(&mut line);
        }
        // A single token wider than a line is cut between characters.
        while text_width(&line, size) > max && line.chars().count() > 1 {
            let mut head = String::new();
            for c in line.chars() {
                if !head.is_empty() && text_width(&format!("{head}{c}"), size) > max {
                    break;
                }
                head.push(c);
            }
            line.drain(..head.len());
            lines.push(head);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits text into the pieces a line may break between: space-separated
/// words, with each wide character a piece of its own. The flag says whether
/// a space came before the piece.
fn tokens(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        let mut space = i > 0;
        let mut start = 0;
        for (at, c) in word.char_indices() {
            if c.width() == Some(2) {
                if start < at {
                    out.push((space, &word[start..at]));
                    space = false;
                }
                let end = at + c.len_utf8();
                out.push((space, &word[at..end]));
                space = false;
                start = end;
            }
        }
        if start < word.len() {
            out.push((space, &word[start..]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_a_full_em_wide() {
        assert!((text_width("可観測性", 10.0) - 40.0).abs() < 1e-9);
        assert!(text_width("Kubernetes", 10.0) < 60.0);
        assert!(text_width("Kubernetes", 10.0) > 45.0);
    }

    #[test]
    fn wraps_at_spaces_and_between_cjk() {
        assert_eq!(
            wrap("Open Policy Agent Gatekeeper", 80.0, 10.0),
            ["Open Policy", "Agent", "Gatekeeper"]
        );
        let cjk = wrap("クラウドネイティブ可観測性基盤", 60.0, 10.0);
        assert_eq!(cjk, ["クラウドネイ", "ティブ可観測", "性基盤"]);
        let long = wrap("supercalifragilisticexpialidocious", 60.0, 10.0);
        assert!(long.len() > 1);
        assert!(long.iter().all(|l| text_width(l, 10.0) <= 60.0));
        assert_eq!(long.concat(), "supercalifragilisticexpialidocious");
        assert_eq!(wrap("", 60.0, 10.0), [""]);
    }
}
