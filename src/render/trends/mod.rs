//! `trends.svg`: how often the most mentioned technologies on the current
//! radar come up in the reports, quarter by quarter.
//!
//! [`trends`] picks the series from the scan and counts, per quarter, the
//! reports, each technology's mentions and the reports that mention it
//! (pure). [`Metric`] turns those into the value drawn: a quarter with no
//! report has no value at all, so it is a gap and never a zero. The drawing
//! is in [`chart`] (small multiples: one panel per technology on shared
//! axes, so twelve series need no colour legend) and, when there is nothing
//! to chart, [`empty`]; both take their colours from [`palette`].

mod axis;
mod chart;
mod empty;
mod palette;

pub(crate) use palette::Palette;

use crate::count::scan::Scan;
use crate::input::quarter::Quarter;
use crate::input::radar::Radar;

/// What a panel's line shows for a quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Metric {
    /// Raw mentions: grows with the number of reports.
    Mentions,
    /// Mentions divided by the quarter's reports.
    PerReport,
    /// The fraction of the quarter's reports that mention it at least once.
    Share,
}

impl Metric {
    /// The value for a quarter with `reports` reports, `mentions` mentions
    /// and `mentioning` reports mentioning it; `None` when the quarter has
    /// no report, so that it is drawn as a gap.
    pub(crate) fn value(self, reports: u64, mentions: u64, mentioning: u64) -> Option<f64> {
        if reports == 0 {
            return None;
        }
        Some(match self {
            Metric::Mentions => mentions as f64,
            Metric::PerReport => mentions as f64 / reports as f64,
            Metric::Share => mentioning as f64 / reports as f64,
        })
    }

    /// What the chart's title says it shows.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Metric::Mentions => "mentions per quarter",
            Metric::PerReport => "mentions per report, by quarter",
            Metric::Share => "share of each quarter's reports that mention it",
        }
    }
}

/// One technology's counts, aligned with [`Trends::quarters`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    /// Technology id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Total mentions over all reports.
    pub total: u64,
    /// Mentions per quarter.
    pub mentions: Vec<u64>,
    /// Reports that mention it at least once, per quarter.
    pub mentioning: Vec<u64>,
}

/// What the chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Trends {
    /// The edition the technologies are taken from.
    pub edition: Quarter,
    /// Every quarter from the first report to the last, those without
    /// reports included (they are the gaps).
    pub quarters: Vec<Quarter>,
    /// Reports per quarter.
    pub reports: Vec<u64>,
    /// The series, most mentioned first (ties by id).
    pub series: Vec<Series>,
    /// What the lines show.
    pub metric: Metric,
}

impl Trends {
    /// `series`' value in quarter `q`, or `None` for a quarter without
    /// reports.
    pub(crate) fn value(&self, series: &Series, q: usize) -> Option<f64> {
        self.metric
            .value(self.reports[q], series.mentions[q], series.mentioning[q])
    }

    /// Every report counted.
    pub(crate) fn report_count(&self) -> u64 {
        self.reports.iter().sum()
    }
}

/// The `top` most mentioned technologies on the current radar, with their
/// counts per quarter across the span of the reports. Technologies never
/// mentioned are left out. Pure.
pub(crate) fn trends(radar: &Radar, scan: &Scan, top: usize, metric: Metric) -> Trends {
    let current = radar.current();
    let dates = scan.reports.iter().map(|r| r.date.quarter());
    let quarters = match (dates.clone().min(), dates.max()) {
        (Some(first), Some(last)) => {
            let mut all = vec![first];
            while let Some(&q) = all.last().filter(|q| **q < last) {
                all.push(q.next());
            }
            all
        }
        _ => Vec::new(),
    };
    let mut reports = vec![0u64; quarters.len()];
    let mut mentions = vec![vec![0u64; quarters.len()]; radar.technologies.len()];
    let mut mentioning = mentions.clone();
    for report in &scan.reports {
        let Ok(slot) = quarters.binary_search(&report.date.quarter()) else {
            continue;
        };
        reports[slot] += 1;
        for (tech, n) in &report.counts {
            mentions[tech][slot] += u64::from(n);
            mentioning[tech][slot] += u64::from(n > 0);
        }
    }
    let mut series: Vec<Series> = radar
        .technologies
        .iter()
        .zip(mentions.into_iter().zip(mentioning))
        .filter(|(tech, _)| tech.ring_in(current).is_some())
        .map(|(tech, (mentions, mentioning))| Series {
            id: tech.id.clone(),
            name: tech.name.clone(),
            total: mentions.iter().sum(),
            mentions,
            mentioning,
        })
        .filter(|s| s.total > 0)
        .collect();
    series.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.id.cmp(&b.id)));
    series.truncate(top);
    Trends {
        edition: radar.editions[current],
        quarters,
        reports,
        series,
        metric,
    }
}

/// Draws the chart as SVG text: the panels, or a sentence saying why there
/// are none.
pub(crate) fn render(trends: &Trends, title: &str, palette: &Palette) -> String {
    if trends.series.is_empty() {
        empty::render(trends, title, palette)
    } else {
        chart::render(trends, title, palette)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_without_reports_has_no_value_in_any_metric() {
        for metric in [Metric::Mentions, Metric::PerReport, Metric::Share] {
            assert_eq!(metric.value(0, 0, 0), None);
        }
    }

    #[test]
    fn metrics_normalize_by_the_quarters_reports() {
        // Two reports, five mentions, one of the two reports mentions it.
        assert_eq!(Metric::Mentions.value(2, 5, 1), Some(5.0));
        assert_eq!(Metric::PerReport.value(2, 5, 1), Some(2.5));
        assert_eq!(Metric::Share.value(2, 5, 1), Some(0.5));
        assert_eq!(Metric::Share.value(3, 0, 0), Some(0.0));
    }
}
