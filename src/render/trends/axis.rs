//! The trends chart's shared axes: a round top for the value axis, how a
//! value is written for each metric, which quarters get a label, and
//! shortening a name to its panel.

use super::Metric;

/// The smallest round number (1, 2, 2.5 or 5 times a power of ten) at or
/// above `max`; a share never goes above 100% nor, so that a quarter of a
/// percent does not fill a panel, below 10%.
pub(crate) fn nice_top(metric: Metric, max: f64) -> f64 {
    let floor = match metric {
        Metric::Mentions => 1.0,
        Metric::Share | Metric::PerReport => 0.1,
    };
    let max = max.max(floor);
    let mut scale = 10f64.powf(max.log10().floor());
    let top = loop {
        if let Some(step) = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .map(|s| s * scale)
            .find(|s| *s >= max * (1.0 - 1e-9))
        {
            break step;
        }
        scale *= 10.0;
    };
    match metric {
        Metric::Share => top.min(1.0),
        _ => top,
    }
}

/// `value` as its axis and tooltips write it: shares as percentages, the
/// rest with at most two decimals and no trailing zeros.
pub(crate) fn format(metric: Metric, value: f64) -> String {
    match metric {
        Metric::Share => format!("{}%", trim(value * 100.0)),
        Metric::Mentions | Metric::PerReport => trim(value),
    }
}

/// At most one decimal for percentages and two for the rest would differ
/// only in the last place; two decimals, trailing zeros cut, reads well
/// for both.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Label every quarter when they fit at `each` pixels apiece within
/// `width`, else every 2nd, 4th, 8th...
pub(crate) fn label_step(quarters: usize, width: f64, each: f64) -> usize {
    let mut every = 1;
    while quarters.div_ceil(every) as f64 * each > width {
        every *= 2;
    }
    every
}

/// Shortens `text` with an ellipsis to fit `max` pixels as measured by
/// `width` (the radar's estimates, so CJK names are measured as wide as
/// they are, and bold as bold).
pub(crate) fn fit(text: &str, max: f64, width: impl Fn(&str) -> f64) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&format!("{out}{c}…")) > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

// The tops are exact: round numbers computed from round numbers.
#[allow(clippy::float_cmp)]
#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::metrics::text_width;

    #[test]
    fn tops_are_round_and_shares_stay_within_a_hundred_percent() {
        assert_eq!(nice_top(Metric::Mentions, 0.0), 1.0);
        assert_eq!(nice_top(Metric::Mentions, 7.0), 10.0);
        assert_eq!(nice_top(Metric::Mentions, 20.0), 20.0);
        assert_eq!(nice_top(Metric::Mentions, 21.0), 25.0);
        assert_eq!(nice_top(Metric::PerReport, 1.3), 2.0);
        assert_eq!(nice_top(Metric::Share, 0.37), 0.5);
        assert_eq!(nice_top(Metric::Share, 0.9), 1.0);
        assert_eq!(nice_top(Metric::Share, 1.0), 1.0);
        assert_eq!(nice_top(Metric::Share, 0.01), 0.1);
    }

    #[test]
    fn values_are_written_for_their_metric() {
        assert_eq!(format(Metric::Share, 0.5), "50%");
        assert_eq!(format(Metric::Share, 1.0 / 3.0), "33.33%");
        assert_eq!(format(Metric::PerReport, 2.5), "2.5");
        assert_eq!(format(Metric::Mentions, 12.0), "12");
        assert_eq!(format(Metric::Mentions, 0.0), "0");
    }

    #[test]
    fn quarter_labels_thin_out_by_powers_of_two() {
        assert_eq!(label_step(4, 800.0, 70.0), 1);
        assert_eq!(label_step(11, 800.0, 70.0), 1);
        assert_eq!(label_step(24, 1000.0, 70.0), 2);
        assert_eq!(label_step(24, 800.0, 70.0), 4);
        assert_eq!(label_step(100, 800.0, 70.0), 16);
    }

    #[test]
    fn long_names_are_shortened_to_fit() {
        assert_eq!(
            fit("Kubernetes", 200.0, |t| text_width(t, 13.0)),
            "Kubernetes"
        );
        let short = fit(
            "クラウドネイティブ・コンピューティング財団",
            100.0,
            |t| text_width(t, 10.0),
        );
        assert!(short.ends_with('…'));
        assert!(text_width(&short, 10.0) <= 100.0);
    }
}
