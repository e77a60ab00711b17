//! What the page shows, gathered once from the radar, the scan and the
//! scenes: each technology's place and change in the current edition, its
//! ring in every edition, its placements with their evidence links, and
//! its mentions per quarter. [`crate::site::page`] only writes this.

use std::collections::BTreeMap;

use crate::count::scan::Scan;
use crate::history::changelog;
use crate::input::changes::{Change, changes_in};
use crate::input::quarter::Quarter;
use crate::input::radar::{Radar, Technology};

/// One technology as the page shows it.
#[derive(Debug)]
pub(crate) struct Item<'a> {
    /// The technology.
    pub(crate) tech: &'a Technology,
    /// Its ring in the current edition; `None` when off the radar.
    pub(crate) ring: Option<usize>,
    /// `new`, `moved-in`, `moved-out`, `unchanged` or `retired`.
    pub(crate) change: &'static str,
    /// Its ring in each edition, by edition index.
    pub(crate) timeline: Vec<Option<usize>>,
    /// Each placement's evidence as (report, link target, quote).
    pub(crate) evidence: Vec<Vec<EvidenceLink>>,
    /// Mentions per quarter of the scan's span; `None` where the quarter
    /// has no report at all.
    pub(crate) mentions: Vec<Option<u64>>,
}

/// One evidence entry, ready to link.
#[derive(Debug)]
pub(crate) struct EvidenceLink {
    /// The report id.
    pub(crate) report: String,
    /// The link to the report (and line), relative to the output folder;
    /// `None` when the scan does not have the report.
    pub(crate) href: Option<String>,
    /// The line the quote is on, when found.
    pub(crate) line: Option<usize>,
    /// The quoted words.
    pub(crate) quote: Option<String>,
}

/// Everything the page shows.
#[derive(Debug)]
pub(crate) struct Data<'a> {
    /// Every technology, grouped: by quadrant, then ring (off the radar
    /// last), then name.
    pub(crate) items: Vec<Item<'a>>,
    /// The quarters the sparklines span, oldest first.
    pub(crate) quarters: Vec<Quarter>,
    /// Every tag used, sorted.
    pub(crate) tags: Vec<String>,
}

/// Gathers the page's data; `reports` is the reports folder as a link
/// from the output folder ([`changelog::link_base`]).
pub(crate) fn gather<'a>(radar: &'a Radar, scan: &Scan, reports: &str) -> Data<'a> {
    let current = radar.current();
    let changes = changes_in(radar, current);
    let (quarters, per_quarter) = quarterly(scan, radar.technologies.len());
    let mut items: Vec<Item> = radar
        .technologies
        .iter()
        .enumerate()
        .map(|(t, tech)| Item {
            tech,
            ring: tech.ring_in(current),
            change: changes.change_of(t).map_or("retired", Change::id),
            timeline: (0..radar.editions.len()).map(|e| tech.ring_in(e)).collect(),
            evidence: tech
                .placements
                .iter()
                .map(|p| {
                    p.evidence
                        .iter()
                        .map(|e| {
                            let target = changelog::evidence_target(e, scan, reports);
                            EvidenceLink {
                                report: e.report.clone(),
                                line: target.as_ref().and_then(|t| t.1),
                                href: target.map(|t| t.0),
                                quote: e.quote.as_deref().map(|q| q.trim().to_owned()),
                            }
                        })
                        .collect()
                })
                .collect(),
            mentions: per_quarter
                .iter()
                .map(|q| {
                    q.as_ref()
                        .map(|counts| counts.get(&t).copied().unwrap_or(0))
                })
                .collect(),
        })
        .collect();
    items.sort_by(|a, b| {
        (a.tech.quadrant, a.ring.unwrap_or(usize::MAX))
            .cmp(&(b.tech.quadrant, b.ring.unwrap_or(usize::MAX)))
            .then_with(|| a.tech.name.to_lowercase().cmp(&b.tech.name.to_lowercase()))
            .then_with(|| a.tech.id.cmp(&b.tech.id))
    });
    let mut tags: Vec<String> = radar
        .technologies
        .iter()
        .flat_map(|t| t.tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    Data {
        items,
        quarters,
        tags,
    }
}

/// Every quarter from the first report's to the last's, and for each the
/// mentions per technology index, or `None` for a quarter without reports
/// (a gap, not a zero).
type Quarterly = (Vec<Quarter>, Vec<Option<BTreeMap<usize, u64>>>);

fn quarterly(scan: &Scan, technologies: usize) -> Quarterly {
    let mut by: BTreeMap<Quarter, BTreeMap<usize, u64>> = BTreeMap::new();
    for report in &scan.reports {
        let counts = by.entry(report.date.quarter()).or_default();
        for (tech, n) in &report.counts {
            if tech < technologies {
                *counts.entry(tech).or_default() += u64::from(n);
            }
        }
    }
    let (Some(&first), Some(&last)) = (by.keys().next(), by.keys().next_back()) else {
        return (Vec::new(), Vec::new());
    };
    let mut quarters = Vec::new();
    let mut q = first;
    while q <= last {
        quarters.push(q);
        q = q.next();
    }
    let counts = quarters.iter().map(|q| by.remove(q)).collect();
    (quarters, counts)
}
