//! libFuzzer target: bytes as a report file, through decoding (UTF-8 with
//! or without BOM, Shift_JIS, EUC-JP, or refused) and parsing (front
//! matter and date), then the normalization mentions are counted in.
//! Any panic or hang is a bug; so is an error that names no file.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a file name, so dates from names are reached too.
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => ("2019-07-22-cndt.md", rest),
        Some((b, rest)) if b % 3 == 1 => ("2019-07-notes.txt", rest),
        Some((_, rest)) => ("notes.md", rest),
        None => ("notes.md", data),
    };
    let shown = format!("reports/{name}");
    let text = match confradar::corpus::report::decode(&shown, bytes.to_vec()) {
        Ok(text) => text,
        Err(d) => return placed(&d),
    };
    let source = confradar::diagnostic::SourceFile::new(shown, text);
    match confradar::corpus::report::parse(&source, name) {
        Ok(report) => {
            assert!(report.meta.date.is_some());
            let normalized = confradar::text::NormalizedText::new(report.body(), report.body_line);
            let _ = normalized.line_of(normalized.text.len());
        }
        Err(d) => placed(&d),
    }
});

/// A report's problem must name the report, and render.
fn placed(d: &confradar::diagnostic::Diagnostic) {
    assert!(
        d.location().is_some_and(|l| l.starts_with("reports/")),
        "{}",
        d.render()
    );
}
