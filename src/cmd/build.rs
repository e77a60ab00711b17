//! `confradar build`: validate, render every output in memory, then write.

use std::fmt::Write;

use super::Output;
use crate::artifact::{self, Artifact};
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::project::{Paths, Project};

/// Runs `build`.
pub fn run(paths: &Paths, args: &BuildArgs) -> Result<Output, Error> {
    let project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    let artifacts = render(&project, args);
    let written = artifact::write_all(&args.out, &artifacts)?;
    let mut stdout = summary(&project);
    for path in written {
        let _ = writeln!(stdout, "wrote {}", path.display());
    }
    Ok(Output { stdout, warnings })
}

/// Every output file, rendered in memory. Pure: the same project gives the
/// same bytes.
pub fn render(project: &Project, _args: &BuildArgs) -> Vec<Artifact> {
    let mentions = crate::mentions::by_period(&project.radar, &project.scan, false, None);
    let mut csv = String::from("technology,period,mentions,reports\n");
    for row in mentions {
        let _ = writeln!(
            csv,
            "{},{},{},{}",
            row.technology, row.period, row.mentions, row.reports
        );
    }
    vec![Artifact::text("mentions.csv", csv)]
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
