//! A diff as plain lines for a terminal (`diff --format text`).

use std::fmt::Write;

use super::model::RadarDiff;
use super::wording::{
    BASE_MISSING, Names, describe, describe_radar, evidence, new_placements, rename_warning,
    summary_line, why,
};
use crate::input::radar::Radar;

/// Plain lines for a terminal: the summary, then each changed thing with
/// its changes indented under it, a new placement's `why` and evidence
/// under the change that brings it.
pub(crate) fn render(diff: &RadarDiff, base: &Radar, head: &Radar) -> String {
    let names = &Names::new(base, head);
    let esc = |s: &str| s.to_owned();
    let mut out = format!("{}\n", summary_line(diff));
    if diff.base_missing {
        let _ = writeln!(out, "{BASE_MISSING}");
    }
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
            if let Some(warning) = rename_warning(c, &esc) {
                let _ = writeln!(out, "    warning: {warning}");
            }
            for p in new_placements(c) {
                let _ = writeln!(out, "    {}: {}", p.edition, why(p, &esc));
                for e in &p.evidence {
                    let _ = writeln!(out, "      evidence: {}", evidence(e, &esc));
                }
            }
        }
    }
    out
}
