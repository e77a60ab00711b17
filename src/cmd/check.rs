//! `confradar check`: validate everything, list every problem.

use std::fmt::Write;

use super::Output;
use crate::cli::CheckArgs;
use crate::error::Error;
use crate::project::{Paths, Project};

/// Runs `check`.
pub(crate) fn run(paths: &Paths, args: &CheckArgs) -> Result<Output, Error> {
    let project = Project::load(paths)?;
    let warnings = project.require_valid(args.deny_warnings)?;
    project.cache.save();
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
        "ok: {} technologies, {} editions, {} reports, {} evidence quotes verified, {} warning{}",
        project.radar.technologies.len(),
        project.radar.editions.len(),
        project.scan.reports.len(),
        project.found.len(),
        warnings.len(),
        crate::wording::plural_s(warnings.len())
    );
    Ok(Output::new(stdout, warnings))
}
