//! `confradar build`: validate, render every output in memory, then write
//! them all at once, or with `--check` compare them with what is on disk.
//! The writer is told which paths are the project's inputs, so that it
//! never takes their folder for an output folder.

use std::fmt::Write;

use rayon::prelude::*;

use super::{Output, Status};
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::input::radar::{Change, Radar};
use crate::output::artifact::{self, Artifact, Protected};
use crate::project::{Paths, Project};
use crate::render::{radar_json, radar_svg, scene, trends};

/// Runs `build`.
pub(crate) fn run(paths: &Paths, args: &BuildArgs) -> Result<(Output, Status), Error> {
    let project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    check_edition(&project.radar, args)?;
    let artifacts = render(&project, args);
    if args.check {
        let stale = artifact::compare(&args.out, &artifacts)?;
        let stdout = check_report(&args.out, artifacts.len(), &stale);
        let status = if stale.is_empty() {
            Status::Clean
        } else {
            Status::Differs
        };
        let output = Output {
            stdout,
            warnings,
            ..Output::default()
        };
        return Ok((output, status));
    }
    let options = artifact::Options {
        force: args.force,
        protected: Protected::default()
            .input("the radar file", &paths.config)
            .input("the reports folder", &project.reports_dir),
    };
    let written = artifact::write_all(&args.out, &artifacts, &options)?;
    let mut stdout = summary(&project);
    for path in written.files {
        let _ = writeln!(stdout, "wrote {}", path.display());
    }
    let output = Output {
        stdout,
        warnings,
        notes: written.notes,
    };
    Ok((output, Status::Clean))
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
pub(crate) fn render(project: &Project, args: &BuildArgs) -> Vec<Artifact> {
    let radar = &project.radar;
    let totals = project.scan.totals(radar.technologies.len());
    let current = radar.current();
    // Editions are laid out independently, so on a big radar they share the
    // cores; the current one is laid out once for radar.svg and its page.
    let editions: Vec<usize> = (0..radar.editions.len())
        .filter(|&e| e == current || args.edition.is_none_or(|only| only == radar.editions[e]))
        .collect();
    let (scenes, (trends, changelog)) = rayon::join(
        || {
            editions
                .par_iter()
                .map(|&e| (e, scene::scene(radar, e, &totals)))
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || trends::trends(radar, &project.scan, usize::from(args.top)),
                || crate::history::changelog::artifact(project, &args.out),
            )
        },
    );
    let (_, latest) = scenes
        .iter()
        .find(|(edition, _)| *edition == current)
        .expect("the current edition is always laid out");
    let mut artifacts = vec![
        Artifact::text("radar.svg", radar_svg::render(latest)),
        Artifact::text("radar.json", radar_json::render(latest)),
    ];
    for (edition, scene) in &scenes {
        let quarter = radar.editions[*edition];
        if args.edition.is_none_or(|only| only == quarter) {
            artifacts.push(Artifact::text(
                format!("editions/{quarter}.svg"),
                radar_svg::render(scene),
            ));
        }
    }
    artifacts.push(Artifact::text(
        "trends.svg",
        trends::render(&trends, &radar.title),
    ));
    artifacts.push(mentions_csv(project));
    artifacts.push(changelog);
    artifacts
}

/// `--edition` must name one of the radar's editions.
fn check_edition(radar: &Radar, args: &BuildArgs) -> Result<(), Error> {
    match args.edition {
        Some(quarter) if !radar.editions.contains(&quarter) => {
            let listed: Vec<String> = radar
                .editions
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
            Err(Error::Usage(format!(
                "--edition: `{quarter}` is not one of the radar's editions ({})",
                listed.join(", ")
            )))
        }
        _ => Ok(()),
    }
}

/// Mentions per technology and quarter, as CSV: the rows and the writer
/// of `confradar mentions --by quarter --format csv`.
fn mentions_csv(project: &Project) -> Artifact {
    let csv = crate::count::format::quarterly_csv(&project.radar, &project.scan);
    Artifact::text("mentions.csv", csv)
}

/// A few lines for the terminal: size of the radar, the most mentioned, and
/// the current edition's blips per ring and changes.
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
    out.push_str(&changes(radar));
    out
}

/// The current edition in a few lines: blips per ring, and what changed
/// since the previous edition.
fn changes(radar: &Radar) -> String {
    let current = radar.current();
    let mut out = String::new();
    let on: Vec<usize> = radar
        .technologies
        .iter()
        .filter_map(|t| t.ring_in(current))
        .collect();
    let rings: Vec<String> = radar
        .rings
        .iter()
        .enumerate()
        .map(|(i, ring)| format!("{} {}", ring.name, on.iter().filter(|r| **r == i).count()))
        .collect();
    let _ = writeln!(
        out,
        "{}: {} blips ({})",
        radar.editions[current],
        on.len(),
        rings.join(", ")
    );
    let Some(previous) = current.checked_sub(1).map(|e| radar.editions[e]) else {
        return out;
    };
    let mut lines = Vec::new();
    for change in [Change::New, Change::MovedIn, Change::MovedOut] {
        let names: Vec<&str> = radar
            .technologies
            .iter()
            .filter(|t| t.change_in(current) == Some(change))
            .map(|t| t.name.as_str())
            .collect();
        lines.extend(listing(change.label(), &names));
    }
    let retired: Vec<&str> = radar
        .technologies
        .iter()
        .filter(|t| t.retired_in(current))
        .map(|t| t.name.as_str())
        .collect();
    lines.extend(listing("retired", &retired));
    if lines.is_empty() {
        let _ = writeln!(out, "  no changes since {previous}");
    } else {
        let _ = writeln!(out, "  since {previous}:");
        for line in lines {
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}

/// `3 new: A, B, C`, naming at most eight.
fn listing(what: &str, names: &[&str]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let mut shown = names.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 8 {
        let _ = write!(shown, ", and {} more", names.len() - 8);
    }
    Some(format!("{} {what}: {shown}", names.len()))
}
