//! `confradar quotes ID`: the sentences that mention a technology, newest
//! report first, as lines to read or `evidence` entries to paste.

use std::fmt::Write;
use std::sync::Arc;

use super::Output;
use crate::cli::{QuotesArgs, QuotesFormat};
use crate::count::matcher::Matcher;
use crate::curate::quotes::{self, Quote};
use crate::error::Error;
use crate::input::radar::Radar;
use crate::project::{Paths, Project};

/// Runs `quotes`.
pub(crate) fn run(paths: &Paths, args: &QuotesArgs) -> Result<Output, Error> {
    let project = Project::load(paths)?;
    let radar = &project.radar;
    let technology = technology_index(radar, &args.id)?;
    // Only the reports that mention it are read again, with their text.
    let files: Vec<_> = project
        .scan
        .reports
        .iter()
        .filter(|r| args.edition.is_none_or(|q| r.date.quarter() <= q))
        .filter(|r| r.counts.iter().any(|(t, _)| t == technology))
        .map(|r| Arc::clone(r.file))
        .collect();
    let rescanned = quotes::rescan(radar, files);
    let mut reports: Vec<_> = rescanned.reports.iter().collect();
    reports.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.file.id.cmp(&b.file.id)));
    let matcher = Matcher::for_radar(radar);
    let limit = args.limit.map_or(usize::MAX, |n| n as usize);
    let found: Vec<(&str, Quote)> = reports
        .iter()
        .filter_map(|r| Some((r.file.id.as_str(), r.kept?)))
        .flat_map(|(id, kept)| {
            quotes::in_report(&matcher, technology, kept)
                .into_iter()
                .map(move |q| (id, q))
        })
        .take(limit)
        .collect();
    let stdout = match args.format {
        QuotesFormat::Text => text(&args.id, &found),
        QuotesFormat::Toml => toml(&found),
    };
    Ok(Output::new(stdout, Vec::new()))
}

/// The index of the technology `id`, or a usage error naming the nearest id.
pub(crate) fn technology_index(radar: &Radar, id: &str) -> Result<usize, Error> {
    radar.technology(id).ok_or_else(|| {
        let ids = radar.technologies.iter().map(|t| t.id.as_str());
        let hint = crate::diagnostic::did_you_mean(id, ids)
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        Error::Usage(format!(
            "no technology `{}` in the radar{hint}",
            crate::text::escape_unsafe(id)
        ))
    })
}

/// `report:line: quote` lines, then how many.
fn text(id: &str, found: &[(&str, Quote)]) -> String {
    let mut out = String::new();
    for (report, quote) in found {
        let _ = writeln!(out, "{report}:{}: {}", quote.line, quote.text);
    }
    let reports: std::collections::BTreeSet<&str> = found.iter().map(|(r, _)| *r).collect();
    let _ = writeln!(
        out,
        "{} of `{id}` in {}",
        crate::wording::count(found.len(), "quote", "quotes"),
        crate::wording::count(reports.len(), "report", "reports")
    );
    out
}

/// `evidence = [ ... ]`, one inline table a line, each string written as
/// TOML writes it.
fn toml(found: &[(&str, Quote)]) -> String {
    if found.is_empty() {
        return "evidence = []\n".to_owned();
    }
    let mut out = String::from("evidence = [\n");
    for (report, quote) in found {
        let _ = writeln!(
            out,
            "  {{ report = {}, quote = {} }},",
            toml_edit::Value::from(*report),
            toml_edit::Value::from(quote.text.as_str())
        );
    }
    out.push_str("]\n");
    out
}
