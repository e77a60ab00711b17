//! The trends chart as small multiples: a first panel with the reports per
//! quarter, then one panel per technology, in a grid of four columns. Every
//! panel has the same quarter axis and the technology panels the same value
//! axis, so panels compare at a glance and no colour legend is needed.
//! Quarters without any report are a grey band with no point on it, and
//! the line breaks there.
//!
//! Written as text with [`crate::render::svg`]'s helpers: every number has
//! one decimal and every user text goes through `escape`, so the same
//! input gives the same bytes.

use std::fmt::Write as _;

use super::axis::{self, fit, label_step};
use super::{Palette, Series, Trends};
use crate::render::metrics::{bold_text_width, text_width};
use crate::render::svg::{FONT_STACK, Num, escape};
use crate::wording;

/// The chart's width; its height grows with the rows.
pub(crate) const WIDTH: f64 = 1200.0;
/// Space around the grid.
const MARGIN: f64 = 20.0;
/// Panels per row.
const COLUMNS: usize = 4;
/// One panel's height.
const PANEL_HEIGHT: f64 = 170.0;
/// Where the first row of panels starts: below the title and subtitle.
pub(crate) const HEADER: f64 = 84.0;
/// Room for the value labels left of a plot.
const PLOT_LEFT: f64 = 46.0;
/// Room right of a plot, so neighbouring panels do not touch.
const PLOT_RIGHT: f64 = 16.0;
/// From a panel's top to its plot: the panel's name.
const PLOT_TOP: f64 = 30.0;
/// From a plot's bottom to the panel's: the quarter labels.
const PLOT_BOTTOM: f64 = 36.0;

/// A plot's rectangle and its quarter bands.
struct Plot {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    quarters: usize,
}

impl Plot {
    /// The plot inside the panel at `index` in the grid.
    fn at(index: usize, quarters: usize) -> Plot {
        let panel = (WIDTH - 2.0 * MARGIN) / COLUMNS as f64;
        let (row, column) = (index / COLUMNS, index % COLUMNS);
        Plot {
            left: MARGIN + column as f64 * panel + PLOT_LEFT,
            top: HEADER + row as f64 * PANEL_HEIGHT + PLOT_TOP,
            width: panel - PLOT_LEFT - PLOT_RIGHT,
            height: PANEL_HEIGHT - PLOT_TOP - PLOT_BOTTOM,
            quarters: quarters.max(1),
        }
    }

    fn band(&self) -> f64 {
        self.width / self.quarters as f64
    }

    /// The centre of quarter `q`'s band.
    fn x(&self, q: usize) -> f64 {
        self.left + (q as f64 + 0.5) * self.band()
    }

    /// The height of `fraction` (0 to 1) of the plot, from its bottom.
    fn y(&self, fraction: f64) -> f64 {
        self.bottom() - fraction.clamp(0.0, 1.0) * self.height
    }

    fn bottom(&self) -> f64 {
        self.top + self.height
    }
}

/// The whole chart.
pub(crate) fn render(trends: &Trends, title: &str, palette: &Palette) -> String {
    let panels = trends.series.len() + 1;
    let rows = panels.div_ceil(COLUMNS);
    let height = HEADER + rows as f64 * PANEL_HEIGHT + MARGIN;
    let mut out = open(height, palette);
    let heading = format!("{title}: {}", trends.metric.describe());
    let heading = fit(&heading, WIDTH - 2.0 * MARGIN, |t| bold_text_width(t, 20.0));
    let bold = format!(
        r#"font-size="20" font-weight="bold" fill="{}""#,
        palette.text
    );
    text(&mut out, MARGIN, 34.0, &bold, &heading);
    let gaps = if trends.reports.contains(&0) {
        " Grey: quarters without reports, left blank."
    } else {
        ""
    };
    let note = format!(
        "The {} most mentioned on the {} radar, from {} ({} to {}).{gaps}",
        trends.series.len(),
        trends.edition,
        wording::count(trends.report_count() as usize, "report", "reports"),
        trends
            .quarters
            .first()
            .map(ToString::to_string)
            .unwrap_or_default(),
        trends
            .quarters
            .last()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    let muted = format!(r#"font-size="13" fill="{}""#, palette.muted);
    text(&mut out, MARGIN, 60.0, &muted, &note);
    reports_panel(&mut out, trends, palette);
    let max = trends
        .series
        .iter()
        .flat_map(|s| (0..trends.quarters.len()).filter_map(|q| trends.value(s, q)))
        .fold(0.0, f64::max);
    let top = axis::nice_top(trends.metric, max);
    for (i, series) in trends.series.iter().enumerate() {
        series_panel(&mut out, trends, series, i + 1, top, palette);
    }
    out.push_str("</svg>\n");
    out
}

/// The SVG element, its font and the opaque background.
pub(crate) fn open(height: f64, palette: &Palette) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family='{FONT_STACK}'>"#,
        w = Num(WIDTH),
        h = Num(height),
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        palette.background
    );
    out
}

/// One `<text>` at (`x`, `y`): `style` is written as given, so it holds
/// only confradar's own attributes; `content` is escaped.
pub(crate) fn text(out: &mut String, x: f64, y: f64, style: &str, content: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" {style}>{}</text>"#,
        Num(x),
        Num(y),
        escape(content)
    );
}

/// The panel's name at the left and a note at the right, above its plot.
fn panel_heading(out: &mut String, plot: &Plot, name: &str, aside: &str, palette: &Palette) {
    let left = plot.left - PLOT_LEFT + 8.0;
    let right = plot.left + plot.width;
    let room = right - left - text_width(aside, 11.0) - 8.0;
    let y = plot.top - 12.0;
    let name = fit(name, room, |t| bold_text_width(t, 13.0));
    let bold = format!(
        r#"font-size="13" font-weight="bold" fill="{}""#,
        palette.text
    );
    text(out, left, y, &bold, &name);
    let muted = format!(
        r#"font-size="11" text-anchor="end" fill="{}""#,
        palette.muted
    );
    text(out, right, y, &muted, aside);
}

/// The bands behind quarters without reports, the grid at 0, half and the
/// top labelled with `labels`, and the quarter labels.
fn frame(out: &mut String, plot: &Plot, trends: &Trends, labels: [&str; 3], palette: &Palette) {
    let band = plot.band();
    let mut q = 0;
    while q < trends.reports.len() {
        if trends.reports[q] > 0 {
            q += 1;
            continue;
        }
        let start = q;
        while q < trends.reports.len() && trends.reports[q] == 0 {
            q += 1;
        }
        let _ = writeln!(
            out,
            r#"<rect class="gap" x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            Num(plot.left + start as f64 * band),
            Num(plot.top),
            Num((q - start) as f64 * band),
            Num(plot.height),
            palette.gap,
        );
    }
    for (i, label) in labels.iter().enumerate() {
        let y = plot.y(i as f64 / 2.0);
        let colour = if i == 0 { palette.axis } else { palette.grid };
        let _ = writeln!(
            out,
            r#"<path d="M {} {y} H {}" stroke="{colour}" stroke-width="1"/>"#,
            Num(plot.left),
            Num(plot.left + plot.width),
            y = Num(y),
        );
        let style = format!(
            r#"font-size="10" text-anchor="end" fill="{}""#,
            palette.muted
        );
        text(out, plot.left - 5.0, y + 3.5, &style, label);
    }
    let every = label_step(trends.quarters.len(), plot.width, 54.0);
    for (q, quarter) in trends.quarters.iter().enumerate().step_by(every) {
        let x = plot.x(q);
        let _ = writeln!(
            out,
            r#"<path d="M {x} {} V {}" stroke="{}" stroke-width="1"/>"#,
            Num(plot.bottom()),
            Num(plot.bottom() + 4.0),
            palette.axis,
            x = Num(x),
        );
        let style = format!(
            r#"font-size="10" text-anchor="middle" fill="{}""#,
            palette.muted
        );
        text(out, x, plot.bottom() + 15.0, &style, &quarter.to_string());
    }
}

/// The first panel: a bar per quarter, its height the number of reports.
fn reports_panel(out: &mut String, trends: &Trends, palette: &Palette) {
    let plot = Plot::at(0, trends.quarters.len());
    let max = trends.reports.iter().copied().max().unwrap_or(0).max(1);
    let top = axis::nice_top(super::Metric::Mentions, max as f64);
    let total = wording::count(trends.report_count() as usize, "report", "reports");
    out.push_str("<g class=\"reports\">\n");
    panel_heading(out, &plot, "Reports per quarter", &total, palette);
    frame(
        out,
        &plot,
        trends,
        [
            "0",
            &axis::format(super::Metric::Mentions, top / 2.0),
            &axis::format(super::Metric::Mentions, top),
        ],
        palette,
    );
    let width = (plot.band() * 0.7).max(1.0);
    let reports = &trends.reports;
    for (q, (&n, quarter)) in reports.iter().zip(&trends.quarters).enumerate() {
        if n == 0 {
            continue;
        }
        // A count fits over its bar when bands are wide, or when the
        // quarters either side have no bar to collide with.
        let alone = (q == 0 || reports[q - 1] == 0) && reports.get(q + 1).is_none_or(|&r| r == 0);
        let labelled = plot.band() >= 14.0 || alone;
        let y = plot.y(n as f64 / top);
        let _ = writeln!(
            out,
            r#"<rect class="bar" data-quarter="{quarter}" data-reports="{n}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{quarter}: {}</title></rect>"#,
            Num(plot.x(q) - width / 2.0),
            Num(y),
            Num(width),
            Num(plot.bottom() - y),
            palette.bar,
            wording::count(n as usize, "report", "reports"),
        );
        if labelled {
            let style = format!(
                r#"font-size="9" text-anchor="middle" fill="{}""#,
                palette.muted
            );
            text(out, plot.x(q), y - 3.0, &style, &n.to_string());
        }
    }
    out.push_str("</g>\n");
}

/// One technology's panel: its line on the shared value axis up to `top`,
/// broken at quarters without reports, and a point with a tooltip per
/// quarter that has a value.
fn series_panel(
    out: &mut String,
    trends: &Trends,
    series: &Series,
    index: usize,
    top: f64,
    palette: &Palette,
) {
    let plot = Plot::at(index, trends.quarters.len());
    let metric = trends.metric;
    // The full name as the panel's tooltip: its heading may be shortened.
    let _ = writeln!(
        out,
        r#"<g class="series" data-id="{}"><title>{}</title>"#,
        escape(&series.id),
        escape(&series.name)
    );
    let total = wording::count(series.total as usize, "mention", "mentions");
    panel_heading(out, &plot, &series.name, &total, palette);
    let labels = [
        axis::format(metric, 0.0),
        axis::format(metric, top / 2.0),
        axis::format(metric, top),
    ];
    frame(
        out,
        &plot,
        trends,
        [&labels[0], &labels[1], &labels[2]],
        palette,
    );
    let points: Vec<(usize, Option<f64>)> = (0..trends.quarters.len())
        .map(|q| (q, trends.value(series, q)))
        .collect();
    // One path per run of quarters with reports: the line breaks at a gap.
    // One subpath per run of quarters with reports, so the line breaks at a
    // gap; a run of one quarter is its point alone.
    let mut d = String::new();
    for run in runs(&points).into_iter().filter(|run| run.len() > 1) {
        for (i, &(q, v)) in run.iter().enumerate() {
            let verb = if i == 0 { 'M' } else { 'L' };
            let sep = if d.is_empty() { "" } else { " " };
            let _ = write!(d, "{sep}{verb} {} {}", Num(plot.x(q)), Num(plot.y(v / top)));
        }
    }
    if !d.is_empty() {
        let _ = writeln!(
            out,
            r#"<path class="line" d="{d}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round"/>"#,
            palette.line,
        );
    }
    let radius = if plot.band() >= 6.0 { 2.5 } else { 1.5 };
    for &(q, value) in &points {
        let Some(v) = value else { continue };
        let quarter = trends.quarters[q];
        let _ = writeln!(
            out,
            r#"<circle class="point" data-quarter="{quarter}" data-value="{}" cx="{}" cy="{}" r="{}" fill="{}"><title>{quarter}: {} ({}, in {} of {})</title></circle>"#,
            axis::format(metric, v),
            Num(plot.x(q)),
            Num(plot.y(v / top)),
            Num(radius),
            palette.line,
            axis::format(metric, v),
            wording::count(series.mentions[q] as usize, "mention", "mentions"),
            series.mentioning[q],
            wording::count(trends.reports[q] as usize, "report", "reports"),
        );
    }
    out.push_str("</g>\n");
}

/// The runs of consecutive quarters that have a value, as (quarter, value).
fn runs(points: &[(usize, Option<f64>)]) -> Vec<Vec<(usize, f64)>> {
    points
        .split(|(_, value)| value.is_none())
        .filter(|run| !run.is_empty())
        .map(|run| run.iter().filter_map(|&(q, v)| Some((q, v?))).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_quarters_without_a_value() {
        let points = [
            (0, Some(1.0)),
            (1, Some(2.0)),
            (2, None),
            (3, None),
            (4, Some(0.0)),
            (5, None),
        ];
        assert_eq!(runs(&points), [vec![(0, 1.0), (1, 2.0)], vec![(4, 0.0)]]);
        assert!(runs(&[(0, None)]).is_empty());
    }
}
