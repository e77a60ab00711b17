//! `confradar import`: another radar tool's files read into an
//! [`Interchange`](crate::interop::model::Interchange)
//! ([`crate::interop::import`]), written as `radar.toml`
//! ([`crate::interop::radar_toml`]) and validated by the input stage before
//! anything is written, then saved with an empty `reports/` folder so
//! `confradar check` runs in the folder at once.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::cmd::Output;
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::interop::import::{self, Format, Options};

/// What `reports/README.md` says.
const REPORTS_README: &str = "# Reports\n\n\
Conference and meetup reports go here, one Markdown (`.md`) or text (`.txt`)\n\
file each, named or dated by when the event was (`2024-07-22-kubecon.md`, or a\n\
`date` in the front matter). confradar counts the technologies of `../radar.toml`\n\
in them, and placements cite them as evidence. This README is not a report.\n";

/// Runs `import`.
pub(crate) fn run(args: &ImportArgs) -> Result<Output, Error> {
    let format = Format::from(args.format);
    let target = args.into.join("radar.toml");
    if !args.force && std::fs::symlink_metadata(&target).is_ok() {
        return Err(Error::Refused {
            path: args.into.clone(),
            reason: "it already has a radar.toml".into(),
            listed: vec![target],
            help: "import into a new folder, or pass --force to replace that radar.toml (nothing else is touched)".into(),
        });
    }
    let options = Options {
        edition: args.edition,
        rings: args.rings.clone(),
        quadrants: args.quadrants.clone(),
    };
    let imported = import::import(format, &args.paths, &options)?;
    let text = crate::interop::radar_toml::write(&imported.radar, format.describe());
    // The file must pass `check`: what would not is reported, not written.
    let shown = target.display().to_string();
    let problems = crate::input::radar::from_bytes(&shown, text.clone().into_bytes())
        .map_or_else(|problems| problems, |(_, problems)| problems);
    let errors: Vec<_> = problems
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    write(&args.into, &target, &text)?;
    Ok(Output::new(summary(format, &imported, &target), Vec::new()))
}

/// Writes `radar.toml` whole (a temporary file renamed over it) and the
/// reports folder with its README, leaving any file already there alone.
fn write(dir: &Path, target: &Path, text: &str) -> Result<(), Error> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).map_err(Error::io(&reports))?;
    let readme = reports.join("README.md");
    if std::fs::symlink_metadata(&readme).is_err() {
        std::fs::write(&readme, REPORTS_README).map_err(Error::io(&readme))?;
    }
    let temporary = dir.join(format!(".radar.toml.import-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| {
            std::io::Write::write_all(&mut file, text.as_bytes())?;
            file.sync_all()
        });
    if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, target)) {
        let _ = std::fs::remove_file(&temporary);
        return Err(Error::io(target)(e));
    }
    Ok(())
}

/// The counts, then one line per lossy decision.
fn summary(format: Format, imported: &import::Imported, target: &Path) -> String {
    let radar = &imported.radar;
    let placements: usize = radar.technologies.iter().map(|t| t.placements.len()).sum();
    let editions = match (radar.editions.first(), radar.editions.last()) {
        (Some(first), Some(last)) if first != last => format!(" ({first} to {last})"),
        (Some(only), _) => format!(" ({only})"),
        _ => String::new(),
    };
    let count = crate::wording::count;
    let mut out = format!("Imported {} into {}:\n", format.name(), target.display());
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "  {}, {}{editions}, {}, {}, {}",
        count(radar.technologies.len(), "technology", "technologies"),
        count(radar.editions.len(), "edition", "editions"),
        count(radar.rings.len(), "ring", "rings"),
        count(radar.quadrants.len(), "quadrant", "quadrants"),
        count(placements, "placement", "placements"),
    );
    if !imported.notes.is_empty() {
        out.push_str("Not carried over as it was:\n");
        for note in &imported.notes {
            let _ = writeln!(out, "  - {}", crate::text::printable(note));
        }
    }
    out.push_str("Next: `confradar check` in that folder, then add reports and evidence.\n");
    out
}
