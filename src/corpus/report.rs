//! One conference report: decoding its bytes, its front matter and its date.
//!
//! Pure functions over bytes; [`crate::corpus::discovery`] does the file system part.
//! Japanese teams still keep `Shift_JIS` and EUC-JP files, so a file that is
//! not UTF-8 is decoded when the encoding can be told with confidence: it
//! must decode without a single error *and* be the encoding chardetng picks.
//! Anything less is an error naming the first bad byte, since guessing wrong
//! silently would miscount every mention in the file.

use std::sync::Arc;

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::input::quarter::ReportDate;

/// A report's front matter and where its body starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Title, if given.
    pub title: Option<String>,
    /// The report's date: from front matter, else from the file name.
    pub date: Option<ReportDate>,
    /// The event reported on.
    pub event: Option<String>,
    /// Where it was published: a URL or a name.
    pub source: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Language code, e.g. `ja`.
    pub language: Option<String>,
}

/// A decoded, parsed report. It points into its source file rather than
/// copy the text: a report's text is the largest thing a scan holds.
#[derive(Clone, Debug)]
pub struct Report {
    /// Front matter.
    pub meta: Meta,
    /// Byte offset in the text where the body starts.
    pub body_start: usize,
    /// 1-based line number of the body's first line.
    pub body_line: usize,
    /// The decoded file (BOM removed), shared.
    pub source: Arc<SourceFile>,
}

impl Report {
    /// The body: the text after the front matter.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

#[derive(Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<Spanned<toml::Value>>,
    event: Option<String>,
    source: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    language: Option<String>,
}

/// Decodes report bytes to text. `name` is the path shown in errors.
///
/// Takes the bytes by value: UTF-8, the common case, becomes the text in
/// the same buffer, so a report is never in memory twice here.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = crate::text::without_bom(bytes);
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Diagnostic::error(
            Code::Binary,
            format!("binary file: NUL byte at byte offset {at}"),
        )
        .in_file(name)
        .help("reports are Markdown or plain text; move other files out of the reports folder"));
    }
    let (bad_at, bytes) = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => (e.utf8_error().valid_up_to(), e.into_bytes()),
    };
    let bytes = bytes.as_slice();
    let clean = |encoding: &'static Encoding| {
        encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| (encoding, text.into_owned()))
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let candidates: Vec<_> = [SHIFT_JIS, EUC_JP].into_iter().filter_map(clean).collect();
    if let Some((_, text)) = candidates
        .into_iter()
        .find(|(encoding, _)| *encoding == guess)
    {
        return Ok(text);
    }
    Err(Diagnostic::error(
        Code::Encoding,
        format!(
            "not valid UTF-8 (first bad byte 0x{:02X} at byte offset {bad_at}), and not confidently Shift_JIS or EUC-JP",
            bytes[bad_at]
        ),
    )
    .in_file(name)
    .help("save the report as UTF-8"))
}

/// Parses a decoded report: front matter, body position and date. `file_name`
/// is the last path component, used for the date when front matter has none.
pub fn parse(file: &Arc<SourceFile>, file_name: &str) -> Result<Report, Diagnostic> {
    let text = &file.text;
    let (meta, body_start) = match front_matter(text) {
        None => (Meta::default(), 0),
        Some(Err(unclosed)) => {
            return Err(
                Diagnostic::error(Code::FrontMatter, "front matter is not closed")
                    .at(file, unclosed)
                    .help("end the front matter with a line of `+++`"),
            );
        }
        Some(Ok((inner, body_start))) => (parse_meta(file, inner)?, body_start),
    };
    let mut meta = meta;
    if meta.date.is_none() {
        meta.date = ReportDate::from_file_name(file_name).map_err(|shape| {
            Diagnostic::error(
                Code::BadDate,
                format!("bad report date in the file name: `{shape}` is not a calendar date"),
            )
            .in_file(file.name.clone())
            .note("without a date in the front matter, the date comes from a file name that starts with YYYY-MM-DD or YYYY-MM")
            .help("rename the file, or give the date in the front matter: `date = 2024-02-29`")
        })?;
    }
    if meta.date.is_none() {
        return Err(Diagnostic::error(Code::NoDate, "the report has no date")
            .at(file, 0..0)
            .help("add `date = 2024-08-27` (or \"2024-08\") to the front matter, or start the file name with the date"));
    }
    let body_line = text[..body_start].matches('\n').count() + 1;
    Ok(Report {
        meta,
        body_start,
        body_line,
        source: Arc::clone(file),
    })
}

/// Finds `+++` front matter. Returns the byte range of its content and the
/// offset where the body starts, or the span of an unclosed opening line.
#[allow(clippy::type_complexity)]
fn front_matter(
    text: &str,
) -> Option<Result<(std::ops::Range<usize>, usize), std::ops::Range<usize>>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "+++" {
        return None;
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Some(Ok((start..offset, offset + line.len())));
        }
        offset += line.len();
    }
    Some(Err(0..3))
}

fn parse_meta(file: &Arc<SourceFile>, inner: std::ops::Range<usize>) -> Result<Meta, Diagnostic> {
    let raw: RawFrontMatter = toml::from_str(&file.text[inner.clone()]).map_err(|e| {
        let span = e.span().map_or(inner.start..inner.start, |s| s.start + inner.start..s.end + inner.start);
        Diagnostic::error(Code::FrontMatter, format!("bad front matter: {}", e.message().trim()))
            .at(file, span)
            .note("front matter is TOML between two `+++` lines: title, date, event, source, authors, language")
    })?;
    let date = match raw.date {
        None => None,
        Some(value) => {
            let span = value.span().start + inner.start..value.span().end + inner.start;
            let parsed = match value.get_ref() {
                toml::Value::Datetime(dt) => dt.date.and_then(|d| {
                    ReportDate::parse(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                }),
                toml::Value::String(s) => ReportDate::parse(s.trim()),
                _ => None,
            };
            Some(parsed.ok_or_else(|| {
                Diagnostic::error(Code::BadDate, "bad report date")
                    .at(file, span)
                    .note("a date is a TOML date (2024-08-27) or a string \"YYYY-MM-DD\" or \"YYYY-MM\"")
            })?)
        }
    };
    Ok(Meta {
        title: raw.title,
        date,
        event: raw.event,
        source: raw.source,
        authors: raw.authors,
        language: raw.language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str, name: &str) -> Result<Report, Diagnostic> {
        parse(&SourceFile::new(format!("reports/{name}"), text), name)
    }

    #[test]
    fn front_matter_fields_and_body() {
        let r = parse_text(
            "+++\ntitle = \"t\"\ndate = 2019-07-22\nevent = \"CNDT\"\nauthors = [\"a\"]\ntags = [\"x\"]\n+++\nbody\n",
            "x.md",
        )
        .expect("valid");
        assert_eq!(r.meta.title.as_deref(), Some("t"));
        assert_eq!(
            r.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2019-07-22")
        );
        assert_eq!(r.meta.authors, ["a"]);
        assert_eq!(r.body(), "body\n");
        assert_eq!(r.body_line, 8);
    }

    #[test]
    fn dates_from_strings_months_and_file_names() {
        let d = |text: &str, name: &str| {
            parse_text(text, name).map(|r| r.meta.date.map(|d| d.to_string()))
        };
        assert_eq!(
            d("+++\ndate = \"2019-07\"\n+++\n", "x.md")
                .ok()
                .flatten()
                .as_deref(),
            Some("2019-07")
        );
        assert_eq!(
            d("+++\ndate = \"2019-07-01\"\n+++\n", "x.md")
                .ok()
                .flatten()
                .as_deref(),
            Some("2019-07-01")
        );
        assert_eq!(
            d("no front matter", "2024-08-27-kubeday.md")
                .ok()
                .flatten()
                .as_deref(),
            Some("2024-08-27")
        );
        assert_eq!(
            d("+++\ntitle = \"x\"\n+++\n", "2019-07-x.md")
                .ok()
                .flatten()
                .as_deref(),
            Some("2019-07")
        );
    }

    #[test]
    fn crlf_front_matter() {
        let r = parse_text("+++\r\ndate = 2019-07-22\r\n+++\r\nbody\r\n", "x.md").expect("valid");
        assert_eq!(r.body(), "body\r\n");
    }

    #[test]
    fn errors_name_the_place() {
        let e = parse_text("+++\ndate = \"2019-13-01\"\n+++\n", "x.md").expect_err("bad date");
        assert_eq!(e.code, Code::BadDate);
        assert_eq!(e.location().as_deref(), Some("reports/x.md:2:8"));
        let e = parse_text("+++\ntitle = \n+++\n", "x.md").expect_err("bad toml");
        assert_eq!(e.code, Code::FrontMatter);
        assert!(
            e.location()
                .is_some_and(|l| l.starts_with("reports/x.md:2:")),
            "{:?}",
            e.location()
        );
        let e = parse_text("+++\ntitle = \"x\"\n", "x.md").expect_err("unclosed");
        assert_eq!(e.code, Code::FrontMatter);
        let e = parse_text("just text", "notes.md").expect_err("no date");
        assert_eq!(e.code, Code::NoDate);
        assert_eq!(e.location().as_deref(), Some("reports/notes.md:1:1"));
    }

    #[test]
    fn decodes_utf8_with_bom() {
        assert_eq!(
            decode("x", b"\xEF\xBB\xBFabc".to_vec()).ok().as_deref(),
            Some("abc")
        );
    }

    #[test]
    fn utf8_is_decoded_in_its_own_buffer() {
        // No copy of the report: the text is the buffer the bytes came in,
        // with or without a byte order mark.
        for bytes in [b"Istio\n".to_vec(), b"\xEF\xBB\xBFIstio\n".to_vec()] {
            let at = bytes.as_ptr();
            let text = decode("x", bytes).expect("UTF-8");
            assert_eq!(text, "Istio\n");
            assert_eq!(text.as_ptr(), at);
        }
    }

    #[test]
    fn a_parsed_report_shares_its_source_text() {
        let file = SourceFile::new("reports/x.md", "+++\ndate = 2019-07-22\n+++\nbody\n");
        let report = parse(&file, "x.md").expect("valid");
        assert!(Arc::ptr_eq(&report.source, &file));
        assert_eq!(
            report.body().as_ptr(),
            file.text[report.body_start..].as_ptr()
        );
    }

    #[test]
    fn an_impossible_date_in_the_file_name_is_an_error() {
        let e = parse_text("Istio\n", "2024-02-30-meetup.md").expect_err("no such day");
        assert_eq!(e.code, Code::BadDate);
        assert_eq!(
            e.location().as_deref(),
            Some("reports/2024-02-30-meetup.md")
        );
        assert!(e.render().contains("`2024-02-30`"), "{}", e.render());
        // The front matter's date is the report's date; the name is then
        // only a name.
        let r = parse_text("+++\ndate = 2024-03-01\n+++\n", "2024-02-30-meetup.md");
        assert_eq!(
            r.ok().and_then(|r| r.meta.date).map(|d| d.to_string()),
            Some("2024-03-01".into())
        );
        let r = parse_text("Istio\n", "2024-02-x.md");
        assert_eq!(
            r.ok().and_then(|r| r.meta.date).map(|d| d.to_string()),
            Some("2024-02".into())
        );
    }

    #[test]
    fn decodes_shift_jis_and_euc_jp() {
        let text =
            "クバネティスの運用について、サービスメッシュとオブザーバビリティを学んだ。".repeat(3);
        for encoding in [SHIFT_JIS, EUC_JP] {
            let (bytes, _, had_errors) = encoding.encode(&text);
            assert!(!had_errors);
            assert_eq!(
                decode("x", bytes.to_vec()).ok().as_deref(),
                Some(text.as_str()),
                "{}",
                encoding.name()
            );
        }
    }

    #[test]
    fn refuses_binary_and_unknown_encodings() {
        let e = decode("reports/x.md", b"abc\0def".to_vec()).expect_err("binary");
        assert_eq!(e.code, Code::Binary);
        assert!(e.render().contains("byte offset 3"));
        let e = decode("reports/x.md", b"caf\xE9 \xFF\xFE".to_vec()).expect_err("latin-1");
        assert_eq!(e.code, Code::Encoding);
        assert!(e.render().contains("byte offset 3"), "{}", e.render());
        assert!(e.render().contains("reports/x.md"));
    }
}
