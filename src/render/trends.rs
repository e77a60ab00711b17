//! `trends.svg`: mentions per quarter of the most mentioned technologies on
//! the current radar, drawn with plotters.
//!
//! [`trends`] picks the series from the scan (pure); [`render`] draws them.
//! plotters runs without its `ttf` feature, so no system font library is
//! needed: its SVG backend writes `<text>` elements itself and estimates
//! label sizes from character counts. The legend is drawn in its own area
//! to the right of the plot so it can never hide a line.

use plotters::prelude::*;

use crate::count::scan::Scan;
use crate::input::quarter::Quarter;
use crate::input::radar::Radar;
use crate::render::metrics::text_width;
use crate::render::svg::FONT_STACK;

/// Chart size in pixels.
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 640;
/// Width of the legend area at the right.
const LEGEND: u32 = 300;

/// Line colours: distinct on white, in an order where neighbours differ.
const COLOURS: [(u8, u8, u8); 12] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (0, 0, 128),
    (128, 0, 0),
];

/// One technology's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Series {
    /// Technology id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Total mentions over all reports.
    pub total: u64,
    /// Mentions per quarter, aligned with [`Trends::quarters`].
    pub counts: Vec<u64>,
}

/// What the chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Trends {
    /// The edition the technologies are taken from.
    pub edition: Quarter,
    /// Every quarter from the first report to the last, gaps included.
    pub quarters: Vec<Quarter>,
    /// The series, most mentioned first (ties by id).
    pub series: Vec<Series>,
}

/// The `top` most mentioned technologies on the current radar, with their
/// mentions per quarter across the span of the reports. Technologies never
/// mentioned are left out. Pure.
pub(crate) fn trends(radar: &Radar, scan: &Scan, top: usize) -> Trends {
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
    let mut counts = vec![vec![0u64; quarters.len()]; radar.technologies.len()];
    for report in &scan.reports {
        let Ok(slot) = quarters.binary_search(&report.date.quarter()) else {
            continue;
        };
        for (tech, n) in &report.counts {
            counts[tech][slot] += u64::from(n);
        }
    }
    let mut series: Vec<Series> = radar
        .technologies
        .iter()
        .zip(counts)
        .filter(|(tech, _)| tech.ring_in(current).is_some())
        .map(|(tech, counts)| Series {
            id: tech.id.clone(),
            name: tech.name.clone(),
            total: counts.iter().sum(),
            counts,
        })
        .filter(|s| s.total > 0)
        .collect();
    series.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.id.cmp(&b.id)));
    series.truncate(top);
    Trends {
        edition: radar.editions[current],
        quarters,
        series,
    }
}

/// Draws the chart as SVG text.
pub(crate) fn render(trends: &Trends, title: &str) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, trends, title).expect("drawing into a string does not fail");
        root.present().expect("drawing into a string does not fail");
    }
    out.push('\n');
    out
}

fn font(size: f64) -> TextStyle<'static> {
    (FontFamily::Name(FONT_STACK), size).into_font().into()
}

/// The chart in the left part of `root`, its legend in the right.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    trends: &Trends,
    title: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (plot, legend) = root.split_horizontally(WIDTH - LEGEND);
    draw_plot(&plot, trends, title)?;
    draw_legend(&legend, trends)
}

/// The caption, axes and one line per series; or a note that there is
/// nothing to draw.
fn draw_plot<DB: DrawingBackend>(
    plot: &DrawingArea<DB, plotters::coord::Shift>,
    trends: &Trends,
    title: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = trends.quarters.len().max(1) as i32;
    let max = trends
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let y_max = max + max.div_ceil(10);
    let caption = format!(
        "{title}: mentions per quarter, top {} on the {} radar",
        trends.series.len(),
        trends.edition
    );
    let mut chart = ChartBuilder::on(plot)
        .caption(caption, font(20.0))
        .margin(20)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(0..(n - 1).max(1), 0..y_max)?;
    let quarters = &trends.quarters;
    let every = label_step(quarters.len(), (WIDTH - LEGEND - 100) as usize);
    let label = |i: &i32| {
        usize::try_from(*i)
            .ok()
            .filter(|i| i % every == 0)
            .and_then(|i| quarters.get(i))
            .map(std::string::ToString::to_string)
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        // A tick per quarter; only every `every`-th is labelled.
        .x_labels(quarters.len().max(2))
        .x_label_formatter(&label)
        .y_labels(8)
        .x_desc("quarter (report date)")
        .y_desc("mentions")
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    for (i, series) in trends.series.iter().enumerate() {
        let (r, g, b) = COLOURS[i % COLOURS.len()];
        let style = RGBColor(r, g, b).stroke_width(2);
        let points = series
            .counts
            .iter()
            .enumerate()
            .map(|(q, &c)| (q as i32, c));
        chart.draw_series(LineSeries::new(points.clone(), style))?;
        chart.draw_series(points.map(|p| Circle::new(p, 3, RGBColor(r, g, b).filled())))?;
    }
    if trends.series.is_empty() {
        plot.draw_text(
            "no mentions of technologies on the current radar",
            &font(16.0).color(&RGBColor(90, 90, 90)),
            (120, HEIGHT as i32 / 2),
        )?;
    }
    Ok(())
}

/// The legend, in rank order, with each total.
fn draw_legend<DB: DrawingBackend>(
    legend: &DrawingArea<DB, plotters::coord::Shift>,
    trends: &Trends,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    legend.draw_text("Technology (total)", &font(14.0), (8, 64))?;
    for (i, series) in trends.series.iter().enumerate() {
        let (r, g, b) = COLOURS[i % COLOURS.len()];
        let y = 96 + 26 * i as i32;
        legend.draw(&PathElement::new(
            vec![(8, y), (36, y)],
            RGBColor(r, g, b).stroke_width(3),
        ))?;
        legend.draw(&Circle::new((22, y), 3, RGBColor(r, g, b).filled()))?;
        let text = fit(
            &format!("{} ({})", series.name, series.total),
            f64::from(LEGEND - 56),
            13.0,
        );
        legend.draw_text(&text, &font(13.0), (44, y - 8))?;
    }
    Ok(())
}

/// Label every quarter when they fit at about 70 pixels each, else every
/// 2nd, 4th, 8th...
fn label_step(quarters: usize, width: usize) -> usize {
    let mut every = 1;
    while quarters.div_ceil(every) * 70 > width {
        every *= 2;
    }
    every
}

/// Shortens `text` with an ellipsis to fit `max` pixels; the estimate is
/// the one the radar uses, so CJK names are measured as wide as they are.
fn fit(text: &str, max: f64, size: f64) -> String {
    if text_width(text, size) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&format!("{out}{c}…"), size) > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Trends {
        let q = |s: &str| Quarter::parse(s).expect("valid quarter");
        Trends {
            edition: q("2024-Q3"),
            quarters: vec![q("2024-Q1"), q("2024-Q2"), q("2024-Q3")],
            series: vec![
                Series {
                    id: "k8s".into(),
                    name: "Kubernetes".into(),
                    total: 9,
                    counts: vec![1, 3, 5],
                },
                Series {
                    id: "obs".into(),
                    name: "可観測性 <&> \"x\"".into(),
                    total: 2,
                    counts: vec![0, 2, 0],
                },
            ],
        }
    }

    #[test]
    fn chart_labels_quarters_and_escapes_names() {
        let svg = render(&sample(), "Radar");
        // plotters puts each text on a line of its own.
        assert!(svg.contains("\n2024-Q1\n"), "{svg}");
        assert!(svg.contains("\n2024-Q3\n"));
        assert!(svg.contains("可観測性 &lt;&amp;&gt; &quot;x&quot; (2)"));
        assert!(!svg.contains("<script"));
        assert_eq!(svg, render(&sample(), "Radar"));
    }

    #[test]
    fn quarter_labels_thin_out_by_powers_of_two() {
        assert_eq!(label_step(4, 800), 1);
        assert_eq!(label_step(11, 800), 1);
        assert_eq!(label_step(24, 1000), 2);
        assert_eq!(label_step(24, 800), 4);
        assert_eq!(label_step(40, 800), 4);
        assert_eq!(label_step(100, 800), 16);
    }

    #[test]
    fn long_names_are_shortened_to_fit() {
        assert_eq!(fit("Kubernetes", 200.0, 13.0), "Kubernetes");
        let short = fit("クラウドネイティブ・コンピューティング財団", 100.0, 10.0);
        assert!(short.ends_with('…'));
        assert!(text_width(&short, 10.0) <= 100.0);
    }
}
