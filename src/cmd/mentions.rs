//! `confradar mentions`: mention counts as a table, CSV or JSON.

use super::Output;
use crate::cli::MentionsArgs;
use crate::count::format::Format;
use crate::count::mentions;
use crate::diagnostic::did_you_mean;
use crate::error::Error;
use crate::input::radar::Radar;
use crate::project::{Paths, Project};

/// Runs `mentions`.
pub(crate) fn run(paths: &Paths, args: &MentionsArgs) -> Result<Output, Error> {
    let mut project = Project::load(paths)?;
    let warnings = project.require_valid(false)?;
    project.cache.save(&project.scan.reports);
    let only = select(&project.radar, &args.tech)?;
    let rows = mentions::group(
        &project.radar,
        &project.scan,
        args.by.into(),
        only.as_deref(),
    );
    let stdout = Format::from(args.format).write(rows, &project.radar);
    Ok(Output {
        stdout,
        warnings,
        ..Output::default()
    })
}

/// Technology indexes for `--tech` ids; `None` for all.
fn select(radar: &Radar, ids: &[String]) -> Result<Option<Vec<usize>>, Error> {
    if ids.is_empty() {
        return Ok(None);
    }
    ids.iter()
        .map(|id| {
            radar.technology(id).ok_or_else(|| {
                let hint = did_you_mean(id, radar.technologies.iter().map(|t| t.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                Error::Usage(format!("--tech: no technology with id `{id}`{hint}"))
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
