//! Mention rows as aligned text columns, for people reading a terminal:
//! `confradar mentions --format table`.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::input::radar::Radar;

/// Aligned columns, with the technology's name after its id. Widths count
/// display columns, so Japanese names line up.
pub(crate) fn write(radar: &Radar, header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    header.insert(1, "name".into());
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|mut row| {
            let name = radar
                .technology(&row[0])
                .map(|i| radar.technologies[i].name.clone())
                .unwrap_or_default();
            row.insert(1, name);
            row
        })
        .collect();
    let numeric = |col: usize| col >= header.len() - if header[2] == "report" { 1 } else { 2 };
    let widths: Vec<usize> = (0..header.len())
        .map(|col| {
            std::iter::once(&header[col])
                .chain(rows.iter().map(|r| &r[col]))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[col] - cell.width());
            if col > 0 {
                line.push_str("  ");
            }
            if numeric(col) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if rows.is_empty() {
        out.push_str("(no mentions)\n");
    }
    out
}
