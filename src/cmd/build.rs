//! `confradar build`: validate, render every output in memory, then write
//! them all at once, or with `--check` compare them with what is on disk.

use std::fmt::Write;

use super::{Output, Status};
use crate::artifact::{self, Artifact};
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::project::{Paths, Project};

/// Runs `build`.
pub fn run(paths: &Paths, args: &BuildArgs) -> Result<(Output, Status), Error> {
    let project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    let artifacts = render(&project, args);
    if args.check {
        let stale = artifact::compare(&args.out, &artifacts)?;
        let stdout = check_report(&args.out, artifacts.len(), &stale);
        let status = if stale.is_empty() {
            Status::Clean
        } else {
            Status::Differs
        };
        return Ok((Output { stdout, warnings }, status));
    }
    let written = artifact::write_all(&args.out, &artifacts)?;
    let mut stdout = summary(&project);
    for path in written {
        let _ = writeln!(stdout, "wrote {}", path.display());
    }
    Ok((Output { stdout, warnings }, Status::Clean))
}

/// What `build --check` prints: that the output is up to date, or which
/// files a build would change.
fn check_report(
    out: &std::path::Path,
    files: usize,
    stale: &[(String, artifact::Staleness)],
) -> String {
    if stale.is_empty() {
        return format!("{} is up to date ({files} files)\n", out.display());
    }
    let mut text = format!(
        "{} is out of date; `confradar build` would change {} file{}:\n",
        out.display(),
        stale.len(),
        if stale.len() == 1 { "" } else { "s" }
    );
    for (path, how) in stale {
        let _ = writeln!(text, "  {:<8} {}", how.label(), out.join(path).display());
    }
    text
}

/// Every output file, rendered in memory. Pure: the same project gives the
/// same bytes.
pub fn render(project: &Project, args: &BuildArgs) -> Vec<Artifact> {
    let mentions = crate::mentions::by_period(&project.radar, &project.scan, false, None);
    let mut csv = String::from("technology,period,mentions,reports\n");
    for row in mentions {
        let _ = writeln!(
            csv,
            "{},{},{},{}",
            row.technology, row.period, row.mentions, row.reports
        );
    }
    vec![
        Artifact::text("mentions.csv", csv),
        crate::changelog::artifact(project, &args.out),
    ]
}

/// A few lines for the terminal: size of the radar and the most mentioned.
fn summary(project: &Project) -> String {
    let radar = &project.radar;
    let totals = project.scan.totals(radar.technologies.len());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} technologies, {} reports, {} mentions",
        radar.title,
        radar.technologies.len(),
        project.scan.reports.len(),
        totals.iter().sum::<u64>()
    );
    let mut ranked: Vec<(usize, u64)> = totals
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| radar.technologies[a.0].id.cmp(&radar.technologies[b.0].id))
    });
    for (tech, n) in ranked.into_iter().take(10) {
        let _ = writeln!(out, "  {n:>5}  {}", radar.technologies[tech].name);
    }
    out
}
