//! `confradar mentions`: mention counts as a table, CSV or JSON.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::Output;
use crate::cli::{Format, MentionsArgs};
use crate::count::mentions::{self, By, PeriodRow, ReportRow};
use crate::diagnostic::did_you_mean;
use crate::error::Error;
use crate::input::radar::Radar;
use crate::project::{Paths, Project};

/// Runs `mentions`.
pub(crate) fn run(paths: &Paths, args: &MentionsArgs) -> Result<Output, Error> {
    let project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    let only = select(&project.radar, &args.tech)?;
    let stdout = render(&project, args.by, args.format, only.as_deref());
    Ok(Output {
        stdout,
        warnings,
        ..Output::default()
    })
}

/// Technology indexes for `--tech` ids; `None` for all.
fn select(radar: &Radar, ids: &[String]) -> Result<Option<Vec<usize>>, Error> {
    if ids.is_empty() {
        return Ok(None);
    }
    ids.iter()
        .map(|id| {
            radar.technology(id).ok_or_else(|| {
                let hint = did_you_mean(id, radar.technologies.iter().map(|t| t.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Error::Usage(format!("--tech: no technology with id `{id}`{hint}"))
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Formats the counts.
pub(crate) fn render(project: &Project, by: By, format: Format, only: Option<&[usize]>) -> String {
    let radar = &project.radar;
    let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match by {
        By::Report => {
            let rows = mentions::by_report(radar, &project.scan, only);
            if format == Format::Json {
                return json(&rows);
            }
            (
                ReportRow::HEADER.to_vec(),
                rows.into_iter().map(ReportRow::cells).collect(),
            )
        }
        By::Quarter | By::Year => {
            let rows = mentions::by_period(radar, &project.scan, by == By::Year, only);
            if format == Format::Json {
                return json(&rows);
            }
            (
                PeriodRow::HEADER.to_vec(),
                rows.into_iter().map(PeriodRow::cells).collect(),
            )
        }
    };
    match format {
        Format::Csv => crate::count::csv::write(&header, rows),
        _ => table(radar, &header, rows),
    }
}

fn json<T: serde::Serialize>(rows: &T) -> String {
    let mut out = serde_json::to_string_pretty(rows).expect("rows serialize");
    out.push('\n');
    out
}

/// Aligned columns, with the technology's name after its id. Widths count
/// display columns, so Japanese names line up.
fn table(radar: &Radar, header: &[&str], rows: Vec<Vec<String>>) -> String {
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
