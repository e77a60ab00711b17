//! `confradar build`: validate, render every output in memory, then write
//! them all at once, or with `--check` compare them with what is on disk.
//! The writer is told which paths are the project's inputs, so that it
//! never takes their folder for an output folder. What it prints is
//! rendered by [`crate::render::summary`].

use rayon::prelude::*;

use super::{Output, Status};
use crate::cli::BuildArgs;
use crate::error::Error;
use crate::history::changelog;
use crate::input::radar_file;
use crate::output::artifact::{self, Artifact, Protected};
use crate::project::{Paths, Project};
use crate::render::{radar_json, radar_svg, scene, summary, trends};
use crate::site;

/// Runs `build`.
pub(crate) fn run(paths: &Paths, args: &BuildArgs) -> Result<(Output, Status), Error> {
    let mut project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    super::edition_index(&project.radar, args.edition)?;
    // Before rendering: the cache's memory is given back before the
    // outputs take theirs. `--check` writes nothing, the cache included.
    if !args.check {
        project.cache.save(&project.scan.reports);
    }
    let artifacts = render(&project, args);
    if args.check {
        let stale = artifact::compare(&args.out, &artifacts)?;
        let labelled: Vec<(&str, &str)> = stale
            .iter()
            .map(|(p, how)| (p.as_str(), how.label()))
            .collect();
        let stdout = summary::check_report(&args.out, artifacts.len(), &labelled);
        return Ok((
            Output::new(stdout, warnings),
            Status::differs_if(!stale.is_empty()),
        ));
    }
    let mut protected = Protected::default();
    // Standard input is no file an output folder could hold.
    if !radar_file::is_stdin(&paths.config) {
        protected = protected.input("the radar file", &paths.config);
    }
    let protected = protected.input("the reports folder", &project.reports_dir);
    let options = artifact::Options {
        force: args.force,
        protected,
    };
    let written = artifact::write_all(&args.out, &artifacts, &options)?;
    let totals = project.scan.totals(project.radar.technologies.len());
    let stdout = summary::summary(&project.radar, &totals, project.scan.reports.len())
        + &summary::wrote(&written.files);
    let output = Output::new(stdout, warnings).with_notes(written.notes);
    Ok((output, Status::Clean))
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
    let links = changelog::link_base(&args.out, &project.reports_dir);
    let (scenes, (trends, log)) = rayon::join(
        || {
            editions
                .par_iter()
                .map(|&e| (e, scene::scene(radar, e, &totals)))
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || {
                    let top = usize::from(args.top);
                    trends::trends(radar, &project.scan, top, args.trend_metric.into())
                },
                || changelog::render(radar, &project.scan, &links),
            )
        },
    );
    // The current edition is drawn once, for radar.svg and its own file.
    let drawn: Vec<(usize, &scene::Scene, String)> = scenes
        .iter()
        .map(|(e, scene)| (*e, scene, radar_svg::render(scene)))
        .collect();
    let (_, latest, latest_svg) = drawn
        .iter()
        .find(|(edition, _, _)| *edition == current)
        .expect("the current edition is always laid out");
    let mut artifacts = vec![
        Artifact::text("radar.svg", latest_svg.clone()),
        Artifact::text("radar.json", radar_json::render(latest)),
    ];
    for (edition, _, svg) in &drawn {
        let quarter = radar.editions[*edition];
        if args.edition.is_none_or(|only| only == quarter) {
            let page = format!("editions/{quarter}.svg");
            artifacts.push(Artifact::text(page, svg.clone()));
        }
    }
    let shown: Vec<(usize, &scene::Scene)> = drawn.iter().map(|(e, s, _)| (*e, *s)).collect();
    let page = site::render(radar, &project.scan, &shown, &links);
    artifacts.push(Artifact::text(site::PATH, page));
    let chart = Artifact::text(
        "trends.svg",
        trends::render(
            &trends,
            &radar.title,
            &trends::Palette::for_theme(radar.theme),
        ),
    );
    let log = Artifact::text(changelog::PATH, log);
    artifacts.extend([chart, mentions_csv(project), log]);
    artifacts
}

/// Mentions per technology and quarter, as CSV: the rows and the writer
/// of `confradar mentions --by quarter --format csv`.
fn mentions_csv(project: &Project) -> Artifact {
    let csv = crate::count::format::quarterly_csv(&project.radar, &project.scan);
    Artifact::text("mentions.csv", csv)
}
