//! A diff as plain lines for a terminal (`diff --format text`).

use std::fmt::Write;

use super::model::RadarDiff;
use super::wording::{Names, describe, describe_radar, summary_line};
use crate::input::radar::Radar;

/// Plain lines for a terminal: the summary, then each changed thing with
/// its changes indented under it.
pub(crate) fn render(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    let names = &Names::new(base, head);
    let esc = |s: &str| s.to_owned();
    let mut out = format!("{}\n", summary_line(diff));
    if !diff.radar.is_empty() {
        out.push_str("radar:\n");
        for change in &diff.radar {
            let _ = writeln!(out, "  {}", describe_radar(change, &esc));
        }
    }
    for t in &diff.technologies {
        let _ = writeln!(out, "{} ({}):", t.id, t.name);
        for c in &t.changes {
            let _ = writeln!(out, "  {}", describe(c, names, &esc));
        }
    }
    out
}
