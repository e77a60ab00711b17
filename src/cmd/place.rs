//! `confradar place ID RING --edition QUARTER`: adds or replaces a
//! placement in radar.toml, validating the edited file as `check` would
//! (the evidence against the reports included) before writing it.
//! [`save`] is shared with `edition add`.

use std::collections::HashSet;
use std::sync::Arc;

use super::Output;
use crate::cli::PlaceArgs;
use crate::curate::edit::Editable;
use crate::curate::edit::file::{self, RadarFile};
use crate::curate::edit::placement::{self, Request};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::project::{Paths, Project};

/// Runs `place`.
pub(crate) fn run(paths: &Paths, args: &PlaceArgs) -> Result<Output, Error> {
    let request = Request {
        id: args.id.clone(),
        ring: args.ring.clone(),
        edition: args.edition,
        why: args.why.clone(),
        evidence: args
            .evidence
            .iter()
            .map(|e| match e.split_once(':') {
                Some((report, quote)) => (report.to_owned(), Some(quote.to_owned())),
                None => (e.clone(), None),
            })
            .collect(),
        new: args.name.clone().zip(args.quadrant.clone()),
    };
    let file = file::read(&paths.config)?;
    let editable = Editable::parse(&paths.config.display().to_string(), &file.text)?;
    let text = placement::place(&editable, &request)?;
    let cited: Vec<&str> = request.evidence.iter().map(|(r, _)| r.as_str()).collect();
    let warnings = save(paths, &file, &text, &cited)?;
    let verb = if request.new.is_some() {
        "added"
    } else {
        "placed"
    };
    let stdout = format!(
        "{verb} `{}` in {} for {} in {}\n",
        request.id,
        crate::text::escape_unsafe(&request.ring),
        request.edition,
        paths.config.display()
    );
    Ok(Output::new(stdout, warnings))
}

/// Validates `text`, the edited radar file, as `check` would, and writes
/// it in place of `file` when it has no errors; returns its warnings.
/// `cited` are the reports the edit cites as evidence: their quotes are
/// looked for, as are those of every report the file cited before.
pub(crate) fn save(
    paths: &Paths,
    file: &RadarFile,
    text: &str,
    cited: &[&str],
) -> Result<Vec<Diagnostic>, Error> {
    // The reports as the radar file now finds them, and its own problems:
    // one that cannot be loaded is not edited.
    let mut project = Project::load(paths)?;
    let name = paths.config.display().to_string();
    let (radar, mut diagnostics) =
        crate::input::radar::from_bytes(&name, text.as_bytes().to_vec()).map_err(Error::Input)?;
    let cited: HashSet<&str> = cited.iter().copied().collect();
    let missing: Vec<_> = project
        .scan
        .reports
        .iter()
        .filter(|r| r.kept.is_none() && cited.contains(r.file.id.as_str()))
        .map(|r| Arc::clone(r.file))
        .collect();
    project
        .scan
        .adopt_texts(crate::curate::quotes::rescan(&radar, missing));
    diagnostics.extend(crate::count::evidence::check(&radar, &project.scan).0);
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    file::write(file, text)?;
    Ok(warnings)
}
