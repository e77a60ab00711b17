//! `confradar edition add QUARTER`: appends a quarter to `editions` in
//! radar.toml, validated and written like `place` writes.

use super::Output;
use crate::cli::{EditionAction, EditionArgs};
use crate::curate::edit::{Editable, edition, file};
use crate::error::Error;
use crate::project::Paths;

/// Runs `edition`.
pub(crate) fn run(paths: &Paths, args: &EditionArgs) -> Result<Output, Error> {
    let EditionAction::Add { quarter } = args.action;
    let radar_file = file::read(&paths.config)?;
    let editable = Editable::parse(&paths.config.display().to_string(), &radar_file.text)?;
    let text = edition::add(&editable, quarter)?;
    let warnings = super::place::save(paths, &radar_file, &text, &[])?;
    let stdout = format!(
        "added edition {quarter} to {}; it is now the current edition\n",
        paths.config.display()
    );
    Ok(Output::new(stdout, warnings))
}
