//! CSV as confradar writes it: RFC 4180 quoting, and cells that a
//! spreadsheet would run as a formula neutralized.
//!
//! Report ids come from file names, and a file named `=HYPERLINK(...)` or
//! `@SUM(A1)` would otherwise become a live formula when `mentions.csv` is
//! opened in a spreadsheet. As OWASP advises for CSV injection, a cell
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'`, which spreadsheets show as text and hide.

use std::borrow::Cow;

/// `header` and `rows` as CSV, one line each, ending in a line break.
pub(crate) fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<Cow<str>> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// One cell: neutralized when it could start a formula, then quoted when
/// it holds a comma, quote or line break.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    let text: Cow<str> = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_it() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formula_cells_are_neutralized() {
        for (raw, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
        ] {
            assert_eq!(cell(raw), written, "{raw:?}");
        }
        assert_eq!(cell("2019-Q3"), "2019-Q3");
    }

    #[test]
    fn writes_header_and_rows() {
        let rows = vec![vec!["a".to_owned(), "1".to_owned()]];
        assert_eq!(write(&["x", "n"], rows), "x,n\na,1\n");
    }
}
