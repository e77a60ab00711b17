//! `confradar suggest`: what deserves a look for the next edition.
//!
//! Loads the project counting the dictionary's names in the same scan as
//! the radar's, keeps the new reports' text for the guesser, and prints
//! what [`crate::curate::suggest`] gathers.

use std::sync::{Arc, OnceLock};

use super::Output;
use crate::cli::{SuggestArgs, SuggestFormat};
use crate::count::matcher::Matcher;
use crate::count::scan::{self, Scan};
use crate::curate::dictionary::Dictionary;
use crate::curate::suggest::{self, Options};
use crate::error::Error;
use crate::input::quarter::{Quarter, ReportDate};
use crate::project::{Paths, Project};
use crate::text::NormalizedText;

/// What the radar decides before the scan: the dictionary and which
/// reports are new.
struct Plan {
    dictionary: Dictionary,
    since: Option<Quarter>,
}

/// Runs `suggest`.
pub(crate) fn run(paths: &Paths, args: &SuggestArgs) -> Result<Output, Error> {
    let plan: OnceLock<Plan> = OnceLock::new();
    let project = Project::load_with(
        paths,
        &|radar| {
            let plan = plan.get_or_init(|| Plan {
                dictionary: Dictionary::for_radar(radar),
                since: args.since.or_else(|| radar.editions.last().copied()),
            });
            plan.dictionary.patterns()
        },
        &|id| plan.get().is_none_or(|p| may_be_new(id, p.since)),
    )?;
    let warnings = project.require_valid(false)?;
    let plan = plan.get().expect("the radar was read");
    let options = Options {
        since: plan.since,
        stale_after: usize::from(args.stale_after),
        candidates: usize::from(args.candidates),
    };
    let reread = reread(&project, &options);
    let texts: Vec<(&str, &NormalizedText)> = project
        .scan
        .reports
        .iter()
        .chain(&reread.reports)
        .filter(|r| options.is_new(r))
        .filter_map(|r| Some((r.file.id.as_str(), &r.kept.as_ref()?.normalized)))
        .collect();
    let found = suggest::gather(
        &project.radar,
        &project.scan,
        &project.extra,
        &plan.dictionary,
        &texts,
        &options,
    );
    let stdout = match args.format {
        SuggestFormat::Table => suggest::table(&found, &project.radar, &project.scan, &options),
        SuggestFormat::Json => suggest::json(&found),
    };
    Ok(Output::new(stdout, warnings))
}

/// Whether the report `id` may be dated after `since`, judged by its file
/// name before it is read: its text is kept for the guesser unless the
/// name dates it at or before `since`. A report dated only in its front
/// matter is kept, and so read once.
fn may_be_new(id: &str, since: Option<Quarter>) -> bool {
    let name = id.rsplit('/').next().unwrap_or(id);
    match (since, ReportDate::from_file_name(name)) {
        (Some(since), Ok(Some(date))) => date.quarter() > since,
        _ => true,
    }
}

/// The new reports whose text the scan did not keep (a front matter date
/// later than the file name's), read again: a rare case, so a second read
/// costs less than keeping every report's text.
fn reread(project: &Project, options: &Options) -> Scan {
    let missing: Vec<Arc<_>> = project
        .scan
        .reports
        .iter()
        .filter(|r| options.is_new(r) && r.kept.is_none())
        .map(|r| Arc::clone(r.file))
        .collect();
    if missing.is_empty() {
        return Scan::default();
    }
    scan::scan(
        missing,
        &crate::count::cache::Cache::off(),
        &Matcher::new(&[]),
        0,
        project.radar.max_report_size,
        &|_| true,
        &|_| {},
    )
}
