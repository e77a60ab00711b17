//! The trends chart when there is nothing to chart: the title and, in
//! words, why there are no lines and what to do, rather than empty axes.

use super::chart::{HEADER, WIDTH, open, text};
use super::{Palette, Trends};
use crate::wording;

/// The chart's height when it is only words.
const HEIGHT: f64 = 200.0;

/// The title, the reason and the next step.
pub(crate) fn render(trends: &Trends, title: &str, palette: &Palette) -> String {
    let reports = trends.report_count();
    let (reason, next) = if reports == 0 {
        (
            "No reports yet, so there are no trends to chart.".to_owned(),
            "Add conference reports (Markdown, one per talk or event, dated in the file name or front matter) to the reports folder and run confradar build again.".to_owned(),
        )
    } else {
        (
            format!(
                "No mentions yet: none of the {} names a technology on the {} radar.",
                wording::count(reports as usize, "report", "reports"),
                trends.edition
            ),
            "Add reports that mention them to the reports folder, or aliases to radar.toml, and run confradar build again.".to_owned(),
        )
    };
    let mut out = open(HEIGHT, palette);
    let bold = format!(
        r#"font-size="20" font-weight="bold" fill="{}""#,
        palette.text
    );
    let heading = format!("{title}: {}", trends.metric.describe());
    text(&mut out, 20.0, 34.0, &bold, &heading);
    for (i, (line, size, colour)) in [(reason, 16, palette.text), (next, 13, palette.muted)]
        .into_iter()
        .enumerate()
    {
        let style =
            format!(r#"class="empty" font-size="{size}" text-anchor="middle" fill="{colour}""#);
        text(
            &mut out,
            WIDTH / 2.0,
            HEADER + 20.0 + 28.0 * i as f64,
            &style,
            &line,
        );
    }
    out.push_str("</svg>\n");
    out
}
