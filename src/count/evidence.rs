//! Evidence checks: every placement's reports exist, hold the quoted words,
//! and are not dated after the edition they back; plus the warnings about a
//! radar that is technically valid but thin (never-mentioned technologies,
//! placements without evidence).

use crate::count::scan::{KeptText, Scan};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::input::radar::Radar;
use crate::text::normalize_phrase;

/// Where an evidence quote was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Technology id.
    pub technology: String,
    /// The edition the placement is for.
    pub edition: String,
    /// Report id.
    pub report: String,
    /// The report's path as shown to the user.
    pub path: String,
    /// 1-based line in the report file.
    pub line: usize,
    /// That line's text, trimmed.
    pub text: String,
}

/// The line of a report where `quote` is found, if it is.
pub(crate) fn locate(kept: &KeptText, quote: &str) -> Option<usize> {
    let at = kept.normalized.find_phrase(&normalize_phrase(quote))?;
    Some(kept.normalized.line_of(at))
}

/// Checks all evidence; returns the problems and where each quote was found.
pub(crate) fn check(radar: &Radar, scan: &Scan) -> (Vec<Diagnostic>, Vec<Found>) {
    let file = &radar.source;
    let mut diagnostics = Vec::new();
    let mut found = Vec::new();
    for tech in &radar.technologies {
        for placement in &tech.placements {
            let edition = radar.editions[placement.edition];
            for evidence in &placement.evidence {
                let Some(report) = scan.report(&evidence.report) else {
                    // A report that exists but failed to parse has its own error.
                    if !scan.has_file(&evidence.report) {
                        let suggestion = did_you_mean(
                            &evidence.report,
                            scan.files.iter().map(|f| f.id.as_str()),
                        );
                        diagnostics.push(
                            Diagnostic::error(Code::MissingReport, format!("no report `{}`", evidence.report))
                                .at(file, evidence.report_span.clone())
                                .note("a report id is its path under the reports folder, without extension")
                                .maybe_help(suggestion),
                        );
                    }
                    continue;
                };
                let quarter = report.date.quarter();
                if quarter > edition {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::ReportAfterEdition,
                            format!(
                                "report `{}` is dated {} ({quarter}), after edition {edition}",
                                evidence.report,
                                report.date
                            ),
                        )
                        .at(file, evidence.report_span.clone())
                        .note(format!("report: {}", report.file.display()))
                        .help("evidence must come from reports written by the edition's quarter; cite it in a later edition"),
                    );
                }
                let (Some(quote), Some(kept)) = (&evidence.quote, &report.kept) else {
                    continue;
                };
                let span = evidence
                    .quote_span
                    .clone()
                    .unwrap_or(evidence.report_span.clone());
                match locate(kept, quote) {
                    Some(line) => found.push(Found {
                        technology: tech.id.clone(),
                        edition: edition.to_string(),
                        report: evidence.report.clone(),
                        path: report.file.display(),
                        line,
                        text: line_text(kept, line),
                    }),
                    None => diagnostics.push(
                        Diagnostic::error(
                            Code::QuoteNotFound,
                            format!("quote not found in report `{}`", evidence.report),
                        )
                        .at(file, span)
                        .note(format!("report: {}", report.file.display()))
                        .help(
                            "quotes are compared after NFKC normalization, with whitespace runs as one space and ASCII case ignored; code blocks and URLs are not searched",
                        ),
                    ),
                }
            }
        }
    }
    (diagnostics, found)
}

fn line_text(kept: &KeptText, line: usize) -> String {
    kept.source
        .line_start(line)
        .map(|start| {
            kept.source.text[start..]
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

/// Warnings: technologies no report mentions, placements without evidence.
pub(crate) fn warnings(radar: &Radar, totals: &[u64]) -> Vec<Diagnostic> {
    let file = &radar.source;
    let mut out = Vec::new();
    for (tech, total) in radar.technologies.iter().zip(totals) {
        if *total == 0 {
            // With its name not counted and no aliases, nothing can match:
            // say so rather than suggest checking a spelling.
            let help = if !tech.count_name && tech.aliases.is_empty() {
                "its name is not counted (`count_name = false`) and it has no aliases: add the spellings the reports use to `aliases`"
            } else {
                "check the spelling of its name, or add the spellings the reports use to `aliases`"
            };
            out.push(
                Diagnostic::warning(
                    Code::NeverMentioned,
                    format!("`{}` is never mentioned in any report", tech.id),
                )
                .at(file, tech.span.clone())
                .help(help),
            );
        }
        for placement in tech.placements.iter().filter(|p| p.evidence.is_empty()) {
            out.push(
                Diagnostic::warning(
                    Code::NoEvidence,
                    format!(
                        "placement of `{}` in {} has no evidence",
                        tech.id, radar.editions[placement.edition]
                    ),
                )
                .at(file, placement.span.clone())
                .help("add `evidence = [{ report = \"...\", quote = \"...\" }]`"),
            );
        }
    }
    out
}
