//! `confradar export FORMAT`: the radar in another tool's format. The
//! stages: the radar file read and validated (the reports are not needed:
//! evidence is not exported), turned into the neutral shape
//! ([`crate::interop::from_radar`]), written in the format
//! ([`crate::interop::export`]), then printed, or written to `--output`
//! ([`crate::interop::export::write`]).

use std::path::{Path, PathBuf};

use super::Output;
use crate::cli::{ExportArgs, ExportFormat};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::Error;
use crate::input::radar_file;
use crate::interop::export::{self, Export, write};
use crate::interop::from_radar;
use crate::project::Paths;

/// Where `aoe` writes when no `--output` is given.
const AOE_DEFAULT: &str = "aoe-export";

/// Runs `export`.
pub(crate) fn run(paths: &Paths, args: &ExportArgs) -> Result<Output, Error> {
    let (radar, diagnostics) = radar_file::read(&paths.config)?;
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Input(diagnostics));
    }
    let edition = super::edition_index(&radar, args.edition)?;
    let interchange = from_radar::interchange(&radar);
    let exported = export::export(&interchange, edition, args.format.into()).map_err(|unfit| {
        Error::Input(vec![
            Diagnostic::error(Code::RingOrQuadrantCount, unfit.message)
                .in_file(paths.config.display().to_string())
                .help(unfit.help),
        ])
    })?;
    let mut notes = Vec::new();
    if args.format == ExportFormat::Zalando {
        notes.push(export::zalando::names(&interchange));
    }
    let stdout = match (exported, &args.output) {
        (Export::Text(text), None) => text,
        (Export::Text(text), Some(path)) => {
            write::file(path, &text, args.force)?;
            format!("wrote {}\n", path.display())
        }
        (Export::Tree(files), output) => {
            let dir = output.clone().unwrap_or_else(|| PathBuf::from(AOE_DEFAULT));
            write::folder(&dir, &files)?;
            summary(&dir, &files)
        }
    };
    Ok(Output::new(stdout, diagnostics).with_notes(notes))
}

/// Whether `args` print the export itself on stdout (so `--quiet` does not
/// silence it).
pub(crate) fn to_stdout(args: &ExportArgs) -> bool {
    args.output.is_none() && args.format != ExportFormat::Aoe
}

/// What `aoe` wrote: the folder, its releases and item files.
fn summary(dir: &Path, files: &[export::File]) -> String {
    let items: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix("radar/"))
        .collect();
    let mut releases: Vec<&str> = items
        .iter()
        .filter_map(|p| p.split_once('/').map(|(release, _)| release))
        .collect();
    releases.dedup();
    format!(
        "wrote {}: config.json and {} in {}\n",
        dir.display(),
        crate::wording::count(items.len(), "item file", "item files"),
        crate::wording::count(releases.len(), "release", "releases"),
    )
}
