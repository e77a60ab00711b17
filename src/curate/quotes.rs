//! Quotes for evidence: the sentence around each mention of a technology,
//! cut from one line of a report's normalized text (so no code block or URL
//! is in it) and kept only when the evidence check would find it.
//!
//! Mentions come from [`crate::count::matcher::Matcher::scan`] over the
//! text [`crate::count::scan`] keeps; each candidate quote is verified with
//! [`crate::count::evidence::locate`], the function `check` uses.

use std::collections::HashSet;
use std::sync::Arc;

use crate::corpus::discovery::ReportFile;
use crate::count::evidence::locate;
use crate::count::matcher::Matcher;
use crate::count::scan::{self, KeptText, Scan};
use crate::input::radar::Radar;
use crate::text::{NormalizedText, is_unsafe_char};

/// The longest quote, in characters: a sentence to cite, not a paragraph.
const MAX_QUOTE_CHARS: usize = 100;

/// A quote found in one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quote {
    /// 1-based line of the report file the quote is on.
    pub line: usize,
    /// The words, as normalized (NFKC, whitespace runs as one space).
    pub text: String,
}

/// Scans `files` again with their text kept: the scan keeps text only for
/// reports that evidence already cites, and quoting needs the others.
pub(crate) fn rescan(radar: &Radar, files: Vec<Arc<ReportFile>>) -> Scan {
    let matcher = Matcher::for_radar(radar);
    scan::scan(
        files,
        &crate::count::cache::Cache::off(),
        &matcher,
        radar.technologies.len(),
        radar.max_report_size,
        &|_| true,
        &|_| {},
    )
}

/// Every quotable sentence mentioning `technology` in `kept`, in line
/// order, each sentence once.
pub(crate) fn in_report(matcher: &Matcher, technology: usize, kept: &KeptText) -> Vec<Quote> {
    let normalized = &kept.normalized;
    let mut seen = HashSet::new();
    let mut quotes = Vec::new();
    matcher.scan(&normalized.text, |mention| {
        if mention.technology != technology {
            return;
        }
        let (start, end) = line_bounds(normalized, mention.start);
        let line_text = &normalized.text[start..end];
        let (from, to) = sentence(line_text, mention.start - start, mention.end - start);
        if !seen.insert(start + from) {
            return;
        }
        let around = (mention.start - start, mention.end - start);
        if let Some(text) = quotable(kept, &line_text[from..to], around.0 - from, around.1 - from) {
            quotes.push(Quote {
                line: normalized.line_of(mention.start),
                text,
            });
        }
    });
    quotes
}

/// The byte range of the normalized line holding `offset`: the first and
/// one past the last offset with the same file line.
fn line_bounds(normalized: &NormalizedText, offset: usize) -> (usize, usize) {
    let line = normalized.line_of(offset);
    let first = partition(0, offset, |p| normalized.line_of(p) >= line);
    let end = partition(offset, normalized.text.len(), |p| {
        normalized.line_of(p) > line
    });
    (first, end)
}

/// The least `p` in `lo..=hi` for which `past(p)` holds, where `past` is
/// false then true over the range; `hi` when it never holds before it.
fn partition(mut lo: usize, mut hi: usize, past: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Whether the character at `at` (of `text`, at `c`) ends a sentence: a
/// Japanese or full-width stop, `!` or `?`, or a `.` before a space or the
/// line's end.
fn ends_sentence(text: &str, at: usize, c: char) -> bool {
    match c {
        '。' | '．' | '！' | '？' | '!' | '?' => true,
        '.' => text[at + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The sentence of `line` around the mention at `start..end`, as a byte
/// range: after the last sentence end before it, through the first one
/// after it (or the line's ends).
fn sentence(line: &str, start: usize, end: usize) -> (usize, usize) {
    let from = line[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(line, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = line[end..]
        .char_indices()
        .find(|&(i, c)| ends_sentence(line, end + i, c))
        .map_or(line.len(), |(i, c)| end + i + c.len_utf8());
    (from, to)
}

/// `sentence` trimmed to a quotable length around the mention at
/// `start..end`, if `check` would accept it as a quote.
fn quotable(kept: &KeptText, sentence: &str, start: usize, end: usize) -> Option<String> {
    let text = without_marker(shorten(sentence, start, end).trim());
    let accepted = !text.is_empty()
        && text.chars().count() <= MAX_QUOTE_CHARS
        && !text.contains(is_unsafe_char)
        && locate(kept, text).is_some();
    accepted.then(|| text.to_owned())
}

/// `text` without the Markdown that opens a line (a list item's bullet or
/// number, a heading's or quote's marks), which is not the report's words.
fn without_marker(text: &str) -> &str {
    let marks = text.trim_start_matches(['-', '*', '+', '#', '>', ' ']);
    let digits = marks.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered =
        digits.len() < marks.len() && (digits.starts_with(". ") || digits.starts_with(") "));
    let rest = if numbered { &digits[2..] } else { marks };
    // Only a marker followed by a space: `-` inside `--flag` or `#1` stay.
    if rest.len() < text.len() && text[..text.len() - rest.len()].ends_with(' ') {
        rest.trim_start()
    } else {
        text
    }
}

/// At most [`MAX_QUOTE_CHARS`] characters of `sentence` around the mention
/// at `start..end`, cut at spaces where the text has them so no word is
/// cut in half.
fn shorten(sentence: &str, start: usize, end: usize) -> &str {
    if sentence.chars().count() <= MAX_QUOTE_CHARS {
        return sentence;
    }
    let mention = sentence[start..end].chars().count();
    let room = MAX_QUOTE_CHARS.saturating_sub(mention);
    // Context on both sides, more before than after: the words that lead
    // up to a name tend to say what is thought of it in Japanese, after it
    // in English, so half and half.
    let (wanted_before, wanted_after) = (room / 2, room - room / 2);
    let mut from = match wanted_before.checked_sub(1) {
        None => start,
        Some(last) => sentence[..start]
            .char_indices()
            .rev()
            .nth(last)
            .map_or(0, |(i, _)| i),
    };
    let after = sentence[end..]
        .char_indices()
        .nth(wanted_after)
        .map_or(sentence.len(), |(i, _)| end + i);
    let mut to = after;
    if from > 0
        && let Some(space) = sentence[from..start].find(' ')
    {
        from += space + 1;
    }
    if to < sentence.len()
        && let Some(space) = sentence[end..to].rfind(' ')
    {
        to = end + space;
    }
    &sentence[from..to]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::input::fixture::RadarFixture;

    fn kept(body: &str) -> KeptText {
        KeptText {
            source: SourceFile::new("reports/r.md", body),
            normalized: NormalizedText::new(body, 1),
        }
    }

    fn quotes(body: &str) -> Vec<(usize, String)> {
        let radar = RadarFixture::new(&["2024-Q3"])
            .tech("istio", "Istio", "platforms")
            .placed("2024-Q3", "adopt")
            .build();
        let matcher = Matcher::for_radar(&radar);
        in_report(&matcher, 0, &kept(body))
            .into_iter()
            .map(|q| (q.line, q.text))
            .collect()
    }

    #[test]
    fn a_quote_is_the_sentence_around_the_mention() {
        assert_eq!(
            quotes("前置き。Istio を本番で試す。次の話題。\n"),
            [(1, "Istio を本番で試す。".to_owned())]
        );
        assert_eq!(
            quotes("# Notes\n\nWe saw v1.2. Istio is now stable. Next talk.\n"),
            [(3, "Istio is now stable.".to_owned())]
        );
    }

    #[test]
    fn a_sentence_with_two_mentions_is_quoted_once_and_lines_stay_apart() {
        assert_eq!(
            quotes("Istio と istio の比較\n次の行にも Istio\n"),
            [
                (1, "Istio と istio の比較".to_owned()),
                (2, "次の行にも Istio".to_owned())
            ]
        );
    }

    #[test]
    fn list_bullets_numbers_and_heading_marks_are_left_out() {
        assert_eq!(
            quotes("- Istio を試す\n## Istio\n1. Istio です\n> - Istio\n#Istio\n"),
            [
                (1, "Istio を試す".to_owned()),
                (2, "Istio".to_owned()),
                (3, "Istio です".to_owned()),
                (4, "Istio".to_owned()),
                (5, "#Istio".to_owned())
            ]
        );
    }

    #[test]
    fn code_blocks_and_urls_are_not_quoted() {
        let found = quotes("```\nIstio in code\n```\nSee https://istio.io/x Istio docs\n");
        assert_eq!(found, [(4, "See Istio docs".to_owned())]);
        assert!(!found[0].1.contains("http"));
    }

    #[test]
    fn long_sentences_are_cut_at_spaces_around_the_mention() {
        let long = format!("{} Istio {}.", "word ".repeat(40), "more ".repeat(40));
        let found = quotes(&long);
        assert_eq!(found.len(), 1);
        let text = &found[0].1;
        assert!(text.chars().count() <= MAX_QUOTE_CHARS, "{text}");
        assert!(text.contains("Istio"), "{text}");
        assert!(text.starts_with("word") && text.ends_with("more"), "{text}");
        let japanese = format!("{}Istio{}", "あ".repeat(120), "い".repeat(120));
        let found = quotes(&japanese);
        assert_eq!(found[0].1.chars().count(), MAX_QUOTE_CHARS);
    }

    #[test]
    fn every_quote_is_found_by_the_evidence_check() {
        let body = "ＩＳＴＩＯ　の　導入。\n\n  Istio\tis   great!  Really.\n";
        let report = kept(body);
        for (_, text) in quotes(body) {
            assert!(locate(&report, &text).is_some(), "{text}");
        }
        assert_eq!(quotes(body).len(), 2);
    }
}
