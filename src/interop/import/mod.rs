//! Reading other radar tools' files into the neutral [`Interchange`]: one
//! reader per format ([`byor`], [`zalando`], [`aoe`], [`backstage`]), each
//! returning the radar and the lossy decisions it took. The pieces they
//! share are beside them: [`names`] maps foreign names to confradar ids,
//! [`markup`] turns HTML and foreign Markdown into safe Markdown,
//! [`timeline`] turns what each version said into placements, and
//! [`source`] reads the files and reports what is wrong in them.
//!
//! Talks to the input stage only for [`Quarter`] and the radar's limits;
//! `cmd/import` writes the result through `interop::radar_toml`.

pub(crate) mod aoe;
pub(crate) mod backstage;
pub(crate) mod byor;
pub(crate) mod csv;
pub(crate) mod markup;
pub(crate) mod names;
pub(crate) mod source;
pub(crate) mod timeline;
pub(crate) mod zalando;

use std::path::PathBuf;

use crate::error::Error;
use crate::input::quarter::Quarter;
use crate::interop::model::Interchange;

/// The formats `confradar import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Thoughtworks' Build Your Own Radar CSV or JSON.
    Byor,
    /// Zalando tech-radar `config.json` versions.
    Zalando,
    /// An AOE technology radar `radar/` folder.
    Aoe,
    /// A Backstage `TechRadarLoaderResponse` JSON.
    Backstage,
}

impl Format {
    /// How the format is named on the command line and in the summary.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Byor => "byor",
            Format::Zalando => "zalando",
            Format::Aoe => "aoe",
            Format::Backstage => "backstage",
        }
    }

    /// What the input is, in words, for the generated file's header.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Byor => "a Build Your Own Radar (Thoughtworks) CSV/JSON file",
            Format::Zalando => "Zalando tech-radar config.json versions",
            Format::Aoe => "an AOE technology radar radar/ folder",
            Format::Backstage => "a Backstage TechRadarLoaderResponse JSON",
        }
    }
}

/// What the user asked for beside the files.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The edition of a single-edition input (`--edition`).
    pub(crate) edition: Option<Quarter>,
    /// Ring names, innermost first (`--rings`).
    pub(crate) rings: Vec<String>,
    /// Quadrant names, in order (`--quadrants`).
    pub(crate) quadrants: Vec<String>,
}

/// An imported radar and what could not be carried over as it was.
#[derive(Debug)]
pub(crate) struct Imported {
    /// The radar.
    pub(crate) radar: Interchange,
    /// One line per lossy decision, in the order they were taken.
    pub(crate) notes: Vec<String>,
}

/// Reads `paths` as `format`.
pub(crate) fn import(
    format: Format,
    paths: &[PathBuf],
    options: &Options,
) -> Result<Imported, Error> {
    if format != Format::Zalando && !(options.rings.is_empty() && options.quadrants.is_empty()) {
        return Err(Error::Usage(format!(
            "--rings and --quadrants are for `zalando`, whose files number them; `{}` files name their rings and quadrants",
            format.name()
        )));
    }
    let mut imported = match format {
        Format::Byor => byor::import(one_path(format, paths)?, options)?,
        Format::Zalando => zalando::import(paths, options)?,
        Format::Aoe => {
            no_edition(format, options)?;
            aoe::import(one_path(format, paths)?)?
        }
        Format::Backstage => {
            no_edition(format, options)?;
            backstage::import(one_path(format, paths)?)?
        }
    };
    names::share_equal_names(&mut imported.radar.technologies, &mut imported.notes);
    Ok(imported)
}

/// The one path a single-file format takes.
fn one_path(format: Format, paths: &[PathBuf]) -> Result<&PathBuf, Error> {
    match paths {
        [path] => Ok(path),
        _ => Err(Error::Usage(format!(
            "`{}` imports one path, {} given",
            format.name(),
            paths.len()
        ))),
    }
}

/// Formats that date their own editions take no `--edition`.
fn no_edition(format: Format, options: &Options) -> Result<(), Error> {
    if options.edition.is_some() {
        return Err(Error::Usage(format!(
            "`{}` files date their own editions; --edition is for `byor` and a single `zalando` file",
            format.name()
        )));
    }
    Ok(())
}
