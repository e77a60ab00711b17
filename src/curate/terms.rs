//! The guesser: words in a report that look like technology names, for
//! `suggest`'s candidates outside the dictionary.
//!
//! It reads the normalized body ([`crate::text::NormalizedText`]), so code
//! blocks and URLs are already blanked and full-width and half-width forms
//! already folded; it skips inline code spans itself. Two shapes are guessed:
//!
//! - ASCII words with a capital after the first letter (`eBPF`, `gRPC`,
//!   `GitOps`, `OSS` is left out as a common acronym), with a digit among
//!   letters (`k3s`, `K8s`, `EC2`), or capitalised (`Karpenter`) where a
//!   capital is no sentence start: not at the text's or a line's start and
//!   not after `.`, `!` or `?`, unless Japanese follows (`Karpenter を`);
//! - katakana runs of three or more characters (`ハイパーバイザー`).
//!
//! Never guessed: words of lowercase letters only, numbers and versions
//! (`2024`, `v1.2`, `3rd`, `Q3`), identifiers with `_`, the ordinary English words,
//! acronyms and katakana words of `data/stop-words.txt`.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::NormalizedText;

/// The words never guessed, by section (see the file's header).
const STOP_WORDS: &str = include_str!("data/stop-words.txt");

/// The words of [`STOP_WORDS`]' sections, read once.
struct StopWords {
    english: HashSet<&'static str>,
    acronyms: HashSet<&'static str>,
    katakana: HashSet<&'static str>,
}

/// The stop words.
fn stop_words() -> &'static StopWords {
    static WORDS: OnceLock<StopWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let section = |name: &str| -> HashSet<&'static str> {
            let heading = format!("[{name}]");
            STOP_WORDS
                .split("\n\n")
                .find(|block| block.starts_with(&heading))
                .and_then(|block| block.split_once("\n:\n"))
                .map(|(_, words)| words.split_whitespace().collect())
                .unwrap_or_default()
        };
        StopWords {
            english: section("english"),
            acronyms: section("acronyms"),
            katakana: section("katakana"),
        }
    })
}

/// Every guessed term in `text`, left to right, as written.
pub(crate) fn guess(text: &NormalizedText) -> Vec<&str> {
    let body = text.text.as_str();
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(c) = body[pos..].chars().next() {
        let start = pos;
        if c == '`' {
            pos = after_code_span(body, pos);
        } else if c.is_ascii_alphanumeric() || c == '_' {
            pos = word_end(body, pos);
            let word = &body[start..pos];
            if looks_like_a_name(word)
                && !(is_capitalised(word) && starts_sentence(text, start, pos))
            {
                found.push(word);
            }
        } else if is_katakana(c) {
            let run: usize = body[pos..]
                .chars()
                .take_while(|&c| is_katakana(c))
                .map(char::len_utf8)
                .sum();
            pos += run;
            let run = &body[start..pos];
            if run.chars().count() >= 3
                && !run.starts_with('ー')
                && !stop_words().katakana.contains(run)
            {
                found.push(run);
            }
        } else {
            pos += c.len_utf8();
        }
    }
    found
}

/// Where the word starting at `start` ends: letters, digits and `_`, with
/// `.` or `-` inside when a letter or digit follows (`Node.js`, `v1.2`).
fn word_end(body: &str, start: usize) -> usize {
    let bytes = body.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        let joins =
            (b == b'.' || b == b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(b.is_ascii_alphanumeric() || b == b'_' || joins) {
            break;
        }
        end += 1;
    }
    end
}

/// Where reading goes on after the backticks at `start`: after the code
/// span they open, which a run of as many backticks closes (as in
/// `CommonMark`), or right after them when nothing closes it.
fn after_code_span(body: &str, start: usize) -> usize {
    let ticks = body[start..].bytes().take_while(|&b| b == b'`').count();
    let open_end = start + ticks;
    let mut at = open_end;
    while let Some(found) = body[at..].find('`') {
        let run_start = at + found;
        let run = body[run_start..].bytes().take_while(|&b| b == b'`').count();
        if run == ticks {
            return run_start + run;
        }
        at = run_start + run;
    }
    open_end
}

/// Katakana letters and the long-vowel mark; not `・`, which separates.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

/// `Karpenter`, `Node.js`: a capital, then lowercase letters (and the
/// `.` or `-` inside a word) only.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase() || c == '.' || c == '-')
}

/// Whether the ASCII `word` has the shape of a name (see the module header).
fn looks_like_a_name(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    if letters == 0 || word.contains('_') || first.is_ascii_digit() || word.len() < 2 {
        return false;
    }
    // Versions and quarters: `v1`, `v1.2`, `V2`, `Q3`.
    let rest = &word[1..];
    if matches!(first, 'v' | 'V' | 'q' | 'Q')
        && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return false;
    }
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    let inner_capital = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let all_capitals = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .all(|c| c.is_ascii_uppercase());
    if all_capitals && !has_digit {
        return letters >= 3 && !stop_words().acronyms.contains(word);
    }
    if inner_capital || has_digit {
        return true;
    }
    is_capitalised(word) && word.len() >= 3 && !stop_words().english.contains(word)
}

/// Whether the word at `start..end` begins a sentence or a line, where a
/// capital says nothing; Japanese right after it says it is a name anyway.
fn starts_sentence(text: &NormalizedText, start: usize, end: usize) -> bool {
    let body = text.text.as_str();
    let after = body[end..].trim_start_matches(' ').chars().next();
    if after.is_some_and(|c| !c.is_ascii()) {
        return false;
    }
    let before = body[..start].trim_end_matches(' ');
    match before.chars().next_back() {
        None | Some('.' | '!' | '?' | '#' | '*' | '>' | '-' | '"' | '(' | ':') => true,
        Some(_) => text.line_of(before.len() - 1) != text.line_of(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let normalized = NormalizedText::new(text, 1);
        guess(&normalized).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn names_in_japanese_text() {
        assert_eq!(
            terms("Karpenter でノードを増やし、eBPF と k3s、gRPC を試した。"),
            ["Karpenter", "eBPF", "k3s", "gRPC"]
        );
        assert_eq!(
            terms("ハイパーバイザーとオブザーバビリティ・パイプライン"),
            ["ハイパーバイザー", "オブザーバビリティ", "パイプライン"]
        );
        // Half-width katakana is folded first.
        assert_eq!(terms("ﾊｲﾊﾟｰﾊﾞｲｻﾞｰ"), ["ハイパーバイザー"]);
        // A capitalised word at a line's start, with Japanese after it.
        assert_eq!(terms("- 概要\nKarpenter は速い"), ["Karpenter"]);
    }

    #[test]
    fn names_in_english_text() {
        assert_eq!(
            terms("We moved to Karpenter, then tried Node.js on EC2 with OpenTelemetry."),
            ["Karpenter", "Node.js", "EC2", "OpenTelemetry"]
        );
        assert_eq!(terms("The WASI runtime"), ["WASI"]);
    }

    #[test]
    fn ordinary_words_and_sentence_starts_are_not_names() {
        assert!(terms("the cluster was slow and kubectl hung").is_empty());
        assert!(terms("The cluster was slow. However, it recovered.").is_empty());
        assert!(terms("Nodes were slow.\nMigration took a day. Upgrades too!").is_empty());
        assert!(terms("It runs in Tokyo in August, says our CEO via the API.").is_empty());
    }

    #[test]
    fn numbers_and_versions_are_not_names() {
        assert!(terms("2024 年の v1.2 と V2、3rd party、2024-Q3 と Q3 の 10x").is_empty());
        assert!(terms("snake_case and Foo_Bar").is_empty());
    }

    #[test]
    fn common_katakana_words_and_short_runs_are_not_names() {
        assert!(terms("サービスのデータをユーザーとチームがイベントで見た").is_empty());
        assert!(terms("メモとログ、ーーー").is_empty());
    }

    #[test]
    fn every_stop_word_section_is_read() {
        let words = stop_words();
        assert!(words.english.contains("However") && words.english.contains("Days"));
        assert!(words.acronyms.contains("API"));
        assert!(words.katakana.contains("サービス") && words.katakana.contains("チーム"));
    }

    #[test]
    fn code_and_urls_are_not_read() {
        assert!(terms("`Karpenter` を試した").is_empty());
        assert!(terms("``a ` Karpenter`` と ` だけ").is_empty());
        assert_eq!(terms("`unclosed Karpenter と"), ["Karpenter"]);
        assert!(terms("```\nKarpenter eBPF\n```\n").is_empty());
        assert!(terms("see https://example.com/Karpenter/eBPF").is_empty());
    }
}
