//! Mention counts grouped into rows: per technology and period (quarter
//! or year), or per technology and report.
//!
//! Grouping is a pure function of the scan ([`crate::count::scan`]), so
//! every output (table, CSV, JSON, trend chart, changelog) reads the same
//! numbers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::count::scan::Scan;
use crate::input::quarter::Quarter;
use crate::input::radar::Radar;

/// How counts are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum By {
    /// Per calendar quarter of the report date.
    Quarter,
    /// Per calendar year.
    Year,
    /// Per report.
    Report,
}

/// The counts grouped one way or the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rows {
    /// Per technology and period ([`By::Quarter`], [`By::Year`]).
    Periods(Vec<PeriodRow>),
    /// Per technology and report ([`By::Report`]).
    Reports(Vec<ReportRow>),
}

/// The counts grouped `by`; `only` restricts to those technology indexes.
pub(crate) fn group(radar: &Radar, scan: &Scan, by: By, only: Option<&[usize]>) -> Rows {
    match by {
        By::Quarter => Rows::Periods(by_period(radar, scan, false, only)),
        By::Year => Rows::Periods(by_period(radar, scan, true, only)),
        By::Report => Rows::Reports(by_report(radar, scan, only)),
    }
}

/// A period mentions are grouped into. Orders chronologically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Period {
    /// A year.
    Year(i32),
    /// A quarter.
    Quarter(Quarter),
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(q) => q.fmt(f),
        }
    }
}

/// Mentions of one technology in one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct PeriodRow {
    /// Technology id.
    pub technology: String,
    /// `2019-Q3` or `2019`.
    pub period: String,
    /// Matches in that period's reports.
    pub mentions: u64,
    /// How many reports of that period mention it.
    pub reports: u64,
}

impl PeriodRow {
    /// The column names, as CSV and the table print them.
    pub(crate) const HEADER: [&'static str; 4] = ["technology", "period", "mentions", "reports"];

    /// The row's cells, in [`PeriodRow::HEADER`] order.
    pub(crate) fn cells(self) -> Vec<String> {
        vec![
            self.technology,
            self.period,
            self.mentions.to_string(),
            self.reports.to_string(),
        ]
    }
}

/// Mentions of one technology in one report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ReportRow {
    /// Technology id.
    pub technology: String,
    /// Report id.
    pub report: String,
    /// Report date.
    pub date: String,
    /// Matches in the report.
    pub mentions: u64,
}

impl ReportRow {
    /// The column names, as CSV and the table print them.
    pub(crate) const HEADER: [&'static str; 4] = ["technology", "report", "date", "mentions"];

    /// The row's cells, in [`ReportRow::HEADER`] order.
    pub(crate) fn cells(self) -> Vec<String> {
        vec![
            self.technology,
            self.report,
            self.date,
            self.mentions.to_string(),
        ]
    }
}

/// Counts per technology and period, sorted by technology id then period;
/// zero rows left out. `only` restricts to those technology indexes.
pub(crate) fn by_period(
    radar: &Radar,
    scan: &Scan,
    yearly: bool,
    only: Option<&[usize]>,
) -> Vec<PeriodRow> {
    let mut cells: BTreeMap<(&str, Period), (u64, u64)> = BTreeMap::new();
    for report in &scan.reports {
        let date = report.date;
        let period = if yearly {
            Period::Year(date.year)
        } else {
            Period::Quarter(date.quarter())
        };
        for (tech, n) in &report.counts {
            if only.is_some_and(|o| !o.contains(&tech)) {
                continue;
            }
            let cell = cells
                .entry((&radar.technologies[tech].id, period.clone()))
                .or_default();
            cell.0 += u64::from(n);
            cell.1 += 1;
        }
    }
    cells
        .into_iter()
        .map(|((tech, period), (mentions, reports))| PeriodRow {
            technology: tech.to_owned(),
            period: period.to_string(),
            mentions,
            reports,
        })
        .collect()
}

/// Counts per technology and report, sorted by technology id then report id.
pub(crate) fn by_report(radar: &Radar, scan: &Scan, only: Option<&[usize]>) -> Vec<ReportRow> {
    let mut rows: Vec<ReportRow> = scan
        .reports
        .iter()
        .flat_map(|report| {
            report
                .counts
                .iter()
                .filter(|(tech, _)| only.is_none_or(|o| o.contains(tech)))
                .map(move |(tech, n)| ReportRow {
                    technology: radar.technologies[tech].id.clone(),
                    report: report.file.id.clone(),
                    date: report.date.to_string(),
                    mentions: u64::from(n),
                })
        })
        .collect();
    rows.sort_by(|a, b| {
        a.technology
            .cmp(&b.technology)
            .then_with(|| a.report.cmp(&b.report))
    });
    rows
}
