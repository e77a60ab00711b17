//! The suggestions `confradar suggest` prints: what they are, how they are
//! gathered from the scan, the dictionary, the guesser and the signals, and
//! how they are written (a table per kind for people, JSON for tools).
//!
//! Pure: it reads the trusted radar, the scan ([`crate::count::scan`]), the
//! dictionary's counts from the same scan ([`super::dictionary`]), the new
//! reports' text for the guesser ([`super::terms`]) and
//! [`super::signals`].

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::dictionary::Dictionary;
use crate::count::scan::{Counts, Scan, ScannedReport};
use crate::input::quarter::Quarter;
use crate::input::radar::Radar;
use crate::text::{NormalizedText, escape_unsafe};
use crate::wording;

/// What a suggestion is about, in the order they are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// A dictionary name mentioned in the new reports, not on the radar.
    Unplaced,
    /// A guessed name, in neither the radar nor the dictionary.
    Candidate,
    /// On one of the last two rings, mentioned more per report than before.
    Rising,
    /// On one of the first two rings, not mentioned for two editions.
    Silent,
    /// Its newest evidence is older than `--stale-after` editions.
    StaleEvidence,
    /// Placed with no evidence.
    NoEvidence,
}

/// One suggestion: one JSON object, one table row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Suggestion {
    /// What kind of suggestion.
    pub(crate) kind: Kind,
    /// The technology's or the term's name.
    pub(crate) name: String,
    /// The technology's id, for placed ones; `null` otherwise.
    pub(crate) id: Option<String>,
    /// Mentions in the reports the kind looks at (see [`Suggestion::since`]).
    pub(crate) mentions: u64,
    /// How many of those reports mention it.
    pub(crate) reports: u64,
    /// The reports looked at are those dated after this quarter; `null`
    /// for all reports.
    pub(crate) since: Option<String>,
    /// Where to look: the reports that mention it, sorted (for `silent`,
    /// the newest report that ever did).
    pub(crate) report_ids: Vec<String>,
    /// The numbers behind it, in a sentence.
    pub(crate) detail: String,
}

/// What `suggest` was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// Reports dated after this quarter are new; `None`: all are.
    pub(crate) since: Option<Quarter>,
    /// Editions after which evidence is stale.
    pub(crate) stale_after: usize,
    /// The most candidates listed.
    pub(crate) candidates: usize,
}

impl Options {
    /// Whether `report` is new.
    pub(crate) fn is_new(&self, report: &ScannedReport<'_>) -> bool {
        self.since.is_none_or(|s| report.date.quarter() > s)
    }
}

/// Mentions of one name over some reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Matches.
    pub(crate) mentions: u64,
    /// The reports with any, by id (sorted).
    pub(crate) reports: BTreeSet<String>,
}

/// Per-index tallies of `width` names over the `(report, counts)` pairs.
pub(crate) fn tally<'a, C: IntoIterator<Item = (usize, u32)>>(
    pairs: impl Iterator<Item = (ScannedReport<'a>, C)>,
    width: usize,
) -> Vec<Tally> {
    let mut tallies = vec![Tally::default(); width];
    for (report, counts) in pairs {
        for (index, n) in counts {
            let t = &mut tallies[index];
            t.mentions += u64::from(n);
            t.reports.insert(report.file.id.clone());
        }
    }
    tallies
}

impl Suggestion {
    /// A suggestion of `kind` about `name` with the numbers of `tally`.
    pub(crate) fn new(
        kind: Kind,
        name: &str,
        id: Option<&str>,
        tally: Tally,
        since: Option<Quarter>,
        detail: String,
    ) -> Suggestion {
        Suggestion {
            kind,
            name: name.to_owned(),
            id: id.map(str::to_owned),
            mentions: tally.mentions,
            reports: tally.reports.len() as u64,
            since: since.map(|q| q.to_string()),
            report_ids: tally.reports.into_iter().collect(),
            detail,
        }
    }
}

/// Every suggestion, in print order: by kind, then most reports, most
/// mentions, name and id. `extra` holds the dictionary's counts from the
/// scan (one per report); `texts` the new reports' text.
pub(crate) fn gather(
    radar: &Radar,
    scan: &Scan,
    extra: &[Counts],
    dictionary: &Dictionary,
    texts: &[(&str, &NormalizedText)],
    options: &Options,
) -> Vec<Suggestion> {
    let new_pairs = || {
        scan.reports
            .iter()
            .zip(extra)
            .filter(|(r, _)| options.is_new(r))
    };
    let mut out: Vec<Suggestion> = tally(new_pairs(), dictionary.entries.len())
        .into_iter()
        .zip(&dictionary.entries)
        .filter(|(t, _)| t.mentions > 0)
        .map(|(t, entry)| {
            Suggestion::new(
                Kind::Unplaced,
                &entry.name,
                None,
                t,
                options.since,
                entry.about.clone(),
            )
        })
        .collect();
    out.extend(candidates(dictionary, texts, options));
    out.extend(super::signals::signals(radar, scan, options));
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.reports.cmp(&a.reports))
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The guessed names in at least 2 new reports that nothing knows, the
/// most reports first, at most `options.candidates`.
fn candidates(
    dictionary: &Dictionary,
    texts: &[(&str, &NormalizedText)],
    options: &Options,
) -> Vec<Suggestion> {
    // Each report's terms are counted on its own, across the cores; a
    // report id is copied once per term and report, not per mention.
    let per_report: Vec<(&str, HashMap<&str, u64>)> = texts
        .par_iter()
        .map(|(id, text)| {
            let mut counts: HashMap<&str, u64> = HashMap::new();
            for term in super::terms::guess(text) {
                *counts.entry(term).or_default() += 1;
            }
            (*id, counts)
        })
        .collect();
    let mut terms: HashMap<&str, Tally> = HashMap::new();
    for (id, counts) in per_report {
        for (term, n) in counts {
            let t = terms.entry(term).or_default();
            t.mentions += n;
            t.reports.insert(id.to_owned());
        }
    }
    let mut found: Vec<(&str, Tally)> = terms
        .into_iter()
        .filter(|(term, t)| t.reports.len() >= 2 && !dictionary.knows(term))
        .collect();
    found.sort_by(|(a, x), (b, y)| {
        y.reports
            .len()
            .cmp(&x.reports.len())
            .then(y.mentions.cmp(&x.mentions))
            .then_with(|| a.cmp(b))
    });
    found
        .into_iter()
        .take(options.candidates)
        .map(|(term, t)| {
            Suggestion::new(
                Kind::Candidate,
                term,
                None,
                t,
                options.since,
                "a guess: in neither the radar nor the dictionary".into(),
            )
        })
        .collect()
}

/// The heading line of a kind's table.
fn heading(kind: Kind, radar: &Radar, options: &Options) -> String {
    let rings = |range: std::ops::Range<usize>| {
        radar
            .rings
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let n = radar.rings.len();
    match kind {
        Kind::Unplaced => {
            "Unplaced: known technologies mentioned in the new reports, not on the radar".into()
        }
        Kind::Candidate => {
            "Candidates (guesses): names outside the dictionary in 2 or more new reports".into()
        }
        Kind::Rising => format!(
            "Rising: on {}, mentioned more per report in the new reports than in the year before",
            rings(n.saturating_sub(2)..n)
        ),
        Kind::Silent => format!(
            "Silent: on {}, not mentioned in the reports of the last two editions",
            rings(0..n.min(2))
        ),
        Kind::StaleEvidence => format!(
            "Stale evidence: the newest evidence is {} or more editions old",
            options.stale_after
        ),
        Kind::NoEvidence => "No evidence: on the radar without evidence".into(),
    }
}

/// How many report ids a table row lists before `and N more`.
const IDS_SHOWN: usize = 3;

/// The suggestions as tables, one per kind with a heading, after a line
/// saying which reports are new.
pub(crate) fn table(
    suggestions: &[Suggestion],
    radar: &Radar,
    scan: &Scan,
    options: &Options,
) -> String {
    let new = scan.reports.iter().filter(|r| options.is_new(r)).count();
    let mut out = match options.since {
        Some(q) => format!(
            "{} dated after {q}\n",
            wording::count(new, "new report", "new reports")
        ),
        None => format!("{}, all new\n", wording::count(new, "report", "reports")),
    };
    if suggestions.is_empty() {
        out.push_str("\nNothing to suggest.\n");
        return out;
    }
    let mut start = 0;
    while start < suggestions.len() {
        let kind = suggestions[start].kind;
        let end = start
            + suggestions[start..]
                .iter()
                .take_while(|s| s.kind == kind)
                .count();
        let _ = writeln!(out, "\n{} ({})", heading(kind, radar, options), end - start);
        let rows: Vec<[String; 5]> = suggestions[start..end].iter().map(row).collect();
        write_rows(&mut out, &rows);
        start = end;
    }
    out
}

/// A suggestion's cells: name, mentions, reports, where to look, detail.
fn row(s: &Suggestion) -> [String; 5] {
    let name = match &s.id {
        Some(id) => format!("{} ({id})", s.name),
        None => s.name.clone(),
    };
    let mut ids = s
        .report_ids
        .iter()
        .take(IDS_SHOWN)
        .map(|id| escape_unsafe(id).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    if s.report_ids.len() > IDS_SHOWN {
        let _ = write!(ids, " and {} more", s.report_ids.len() - IDS_SHOWN);
    }
    [
        escape_unsafe(&name).into_owned(),
        s.mentions.to_string(),
        s.reports.to_string(),
        ids,
        s.detail.clone(),
    ]
}

/// Writes `rows` under a header, aligned by display width, numbers to the
/// right.
fn write_rows(out: &mut String, rows: &[[String; 5]]) {
    let header = ["name", "mentions", "reports", "where to look", "why"].map(str::to_owned);
    let widths: Vec<usize> = (0..5)
        .map(|col| {
            std::iter::once(&header)
                .chain(rows)
                .map(|r| r[col].width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for cells in std::iter::once(&header).chain(rows) {
        let mut line = String::from(" ");
        for (col, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[col] - cell.width());
            line.push(' ');
            if col == 1 || col == 2 {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// The suggestions as one JSON array.
pub(crate) fn json(suggestions: &[Suggestion]) -> String {
    let mut text = serde_json::to_string_pretty(suggestions).expect("suggestions serialize");
    text.push('\n');
    text
}
