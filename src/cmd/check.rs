//! `confradar check`: validate everything, list every problem.

use std::fmt::Write;

use super::Output;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::project::{Paths, Project};
use crate::wording::count;

/// Runs `check`.
pub(crate) fn run(paths: &Paths, args: &CheckArgs) -> Result<Output, Error> {
    let mut project = Project::load(paths)?;
    let warnings = project.require_valid(args.deny_warnings)?;
    project.cache.save(&project.scan.reports);
    let mut stdout = String::new();
    if args.verbose {
        for found in &project.found {
            let _ = writeln!(
                stdout,
                "{} {}: {}:{}: {}",
                found.technology,
                found.edition,
                found.path,
                found.line,
                crate::text::printable(&found.text)
            );
        }
    }
    let _ = writeln!(
        stdout,
        "ok: {}, {}, {}, {} verified, {}",
        count(
            project.radar.technologies.len(),
            "technology",
            "technologies"
        ),
        count(project.radar.editions.len(), "edition", "editions"),
        count(project.scan.reports.len(), "report", "reports"),
        count(project.found.len(), "evidence quote", "evidence quotes"),
        count(warnings.len(), "warning", "warnings")
    );
    Ok(Output::new(stdout, warnings))
}
