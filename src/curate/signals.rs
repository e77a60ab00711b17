//! Signals on placed technologies, for `suggest`: `rising`, `silent`,
//! `stale-evidence` and `no-evidence` (each defined on its function).
//!
//! Rates are mentions per report over a window of reports, so that a
//! quarter with many reports is not read as a trend. Pure: reads the
//! trusted radar and the scan ([`crate::count::scan`]).

use super::suggest::{Kind, Options, Suggestion, Tally, tally};
use crate::count::scan::{Scan, ScannedReport};
use crate::input::quarter::Quarter;
use crate::input::radar::{Placement, Radar};

/// How many quarters before `--since` the rising signal compares with.
const BASELINE_QUARTERS: i32 = 4;
/// How much higher the new rate must be than the baseline's: 3/2.
const RISE: (u64, u64) = (3, 2);

/// Every signal on the technologies on the radar in the current edition.
pub(crate) fn signals(radar: &Radar, scan: &Scan, options: &Options) -> Vec<Suggestion> {
    let current = radar.current();
    let width = radar.technologies.len();
    let window = |keep: &dyn Fn(&ScannedReport<'_>) -> bool| {
        let pairs = scan
            .reports
            .iter()
            .filter(|r| keep(r))
            .map(|r| (r, r.counts));
        (
            tally(pairs, width),
            scan.reports.iter().filter(|r| keep(r)).count() as u64,
        )
    };
    let (new, new_reports) = window(&|r| options.is_new(r));
    let baseline = options.since.map(|since| {
        window(&|r| {
            let q = r.date.quarter();
            q <= since && index(q) > index(since) - BASELINE_QUARTERS
        })
    });
    // Silent looks at the reports of the last two editions: those dated
    // after the edition before them.
    let quiet_since = radar
        .editions
        .len()
        .checked_sub(3)
        .map(|i| radar.editions[i]);
    let quiet = quiet_since.map(|q| window(&|r| r.date.quarter() > q));
    let rings = radar.rings.len();
    let mut out = Vec::new();
    for (i, tech) in radar.technologies.iter().enumerate() {
        let Some(placement) = tech.placement_in(current) else {
            continue;
        };
        let Some(ring) = placement.ring else {
            continue;
        };
        let fresh = || new[i].clone();
        let make = |kind, tally, since, detail| {
            Suggestion::new(kind, &tech.name, Some(&tech.id), tally, since, detail)
        };
        if ring + 2 >= rings
            && let (Some(since), Some((base, base_reports))) = (options.since, &baseline)
            && let Some(detail) = rising(&new[i], new_reports, &base[i], *base_reports, since)
        {
            out.push(make(Kind::Rising, fresh(), options.since, detail));
        }
        if ring < 2
            && let (Some(q), Some((seen, reports))) = (quiet_since, &quiet)
            && *reports > 0
            && seen[i].mentions == 0
        {
            let last = last_mention(scan, i);
            let mut detail = format!(
                "not mentioned in the {} after {q}",
                crate::wording::count(
                    usize::try_from(*reports).unwrap_or(usize::MAX),
                    "report",
                    "reports"
                )
            );
            let mut tally = Tally::default();
            if let Some(report) = last {
                detail.push_str(&format!("; last mentioned on {}", report.date));
                tally.reports.insert(report.file.id.clone());
            }
            let mut s = make(Kind::Silent, tally, Some(q), detail);
            s.reports = 0;
            out.push(s);
        }
        let ring_name = &radar.rings[ring].name;
        let placed = radar.editions.get(placement.edition);
        if placement.evidence.is_empty() {
            let detail = match placed {
                Some(e) => format!("on {ring_name} since {e}, with no evidence"),
                None => format!("on {ring_name}, with no evidence"),
            };
            out.push(make(Kind::NoEvidence, fresh(), options.since, detail));
        } else if let Some(detail) = stale(radar, scan, placement, options.stale_after) {
            out.push(make(Kind::StaleEvidence, fresh(), options.since, detail));
        }
    }
    out
}

/// A quarter as a count of quarters, so that windows are subtractions.
fn index(q: Quarter) -> i32 {
    q.year * 4 + i32::from(q.quarter) - 1
}

/// `rising`: mentioned in 2 or more new reports, at a rate (mentions per
/// new report) at least 3/2 of the rate over the reports of the 4 quarters
/// up to `--since`, and above it; `None` unless so, or when there were no
/// reports then to compare with.
fn rising(
    new: &Tally,
    new_reports: u64,
    base: &Tally,
    base_reports: u64,
    since: Quarter,
) -> Option<String> {
    if new.reports.len() < 2 || base_reports == 0 || new_reports == 0 {
        return None;
    }
    // new / new_reports >= RISE * base / base_reports, in integers.
    let now = u128::from(new.mentions) * u128::from(base_reports);
    let before = u128::from(base.mentions) * u128::from(new_reports);
    if now * u128::from(RISE.1) < before * u128::from(RISE.0) || now <= before {
        return None;
    }
    let rate = |m: u64, n: u64| m as f64 / n as f64;
    Some(format!(
        "{:.2} mentions per report in the new reports, {:.2} in the {} of the year up to {since}",
        rate(new.mentions, new_reports),
        rate(base.mentions, base_reports),
        crate::wording::count(
            usize::try_from(base_reports).unwrap_or(usize::MAX),
            "report",
            "reports"
        ),
    ))
}

/// `stale-evidence`: the newest report the placement in force cites is
/// dated in a quarter that `after` or more editions come after.
fn stale(radar: &Radar, scan: &Scan, placement: &Placement, after: usize) -> Option<String> {
    let newest = placement
        .evidence
        .iter()
        .filter_map(|e| scan.report(&e.report))
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.file.id.cmp(&b.file.id)))?;
    let quarter = newest.date.quarter();
    let editions = radar.editions.iter().filter(|e| **e > quarter).count();
    (editions >= after).then(|| {
        format!(
            "newest evidence {} ({}) is {} old",
            newest.file.id,
            newest.date,
            crate::wording::count(editions, "edition", "editions")
        )
    })
}

/// The newest report that mentions technology `index`.
fn last_mention(scan: &Scan, index: usize) -> Option<ScannedReport<'_>> {
    scan.reports
        .iter()
        .filter(|r| r.counts.iter().any(|(t, _)| t == index))
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.file.id.cmp(&b.file.id)))
}
