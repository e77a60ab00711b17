//! Loading a project: the config file, its validation, the reports folder
//! and the scan. This is the input edge every command starts from.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::error::Error;
use crate::matcher::Matcher;
use crate::mentions::{self, Scan};
use crate::progress::Progress;
use crate::radar::{self, Radar};
use crate::read::{self, ReadError};

/// Where the inputs are.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The config file.
    pub config: PathBuf,
    /// Overrides the config's `reports`.
    pub reports: Option<PathBuf>,
    /// Whether a long scan may draw a progress bar (see [`crate::progress`]).
    pub progress: bool,
}

/// A loaded project: the radar, the scanned reports, and every problem found.
#[derive(Debug)]
pub struct Project {
    /// The validated radar (broken parts left out when there are errors).
    pub radar: Radar,
    /// The scanned reports.
    pub scan: Scan,
    /// The reports folder.
    pub reports_dir: PathBuf,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each evidence quote was found.
    pub found: Vec<crate::evidence::Found>,
}

impl Project {
    /// Reads the config, validates it, and scans the reports, collecting
    /// every problem. Fails early only when a path is missing or the config
    /// cannot be parsed at all.
    pub fn load(paths: &Paths) -> Result<Project, Error> {
        let (radar, mut diagnostics) = load_radar(&paths.config)?;
        let reports_dir = match &paths.reports {
            Some(dir) => dir.clone(),
            None => {
                let base = paths.config.parent().unwrap_or(Path::new(""));
                base.join(radar.reports.as_deref().unwrap_or("reports"))
            }
        };
        // Each scanned report shares its file's entry rather than copy it.
        let files: Vec<Arc<corpus::ReportFile>> = corpus::discover(&reports_dir)?
            .into_iter()
            .map(Arc::new)
            .collect();
        let evidence: HashSet<&str> = radar
            .technologies
            .iter()
            .flat_map(|t| &t.placements)
            .flat_map(|p| &p.evidence)
            .map(|e| e.report.as_str())
            .collect();
        let matcher = Matcher::new(&radar.patterns());
        let bytes = files.iter().map(|f| f.len).sum();
        let progress = Progress::new(paths.progress, files.len() as u64, bytes);
        // The report size limit. `max_report_size` in [radar] is to set it;
        // until the radar file carries that key, every project gets the
        // default. Wire the key in here.
        let max_report_size = corpus::DEFAULT_MAX_REPORT_SIZE;
        let scan = mentions::scan(
            files,
            &matcher,
            radar.technologies.len(),
            max_report_size,
            &|id| evidence.contains(id),
            &|file| progress.advance(file.len),
        );
        progress.finish();
        diagnostics.extend(scan.diagnostics.iter().cloned());
        let (evidence_problems, found) = crate::evidence::check(&radar, &scan);
        diagnostics.extend(evidence_problems);
        diagnostics.extend(crate::evidence::warnings(
            &radar,
            &scan.totals(radar.technologies.len()),
        ));
        Ok(Project {
            radar,
            scan,
            reports_dir,
            diagnostics,
            found,
        })
    }

    /// The errors found.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The warnings found.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Fails with every diagnostic when there is any error (or, with
    /// `deny_warnings`, any warning); otherwise returns the warnings.
    pub fn require_valid(&self, deny_warnings: bool) -> Result<Vec<Diagnostic>, Error> {
        let mut errors: Vec<Diagnostic> = self.errors().cloned().collect();
        let warnings: Vec<Diagnostic> = self.warnings().cloned().collect();
        if errors.is_empty() && (!deny_warnings || warnings.is_empty()) {
            return Ok(warnings);
        }
        errors.extend(warnings);
        Err(Error::Input(errors))
    }
}

/// The largest radar file read: far above any real radar (a thousand
/// technologies take well under a megabyte), and a bound on memory whatever
/// the path names.
const MAX_RADAR_SIZE: u64 = 64 * 1024 * 1024;

/// Reads and validates the config file alone.
pub fn load_radar(path: &Path) -> Result<(Radar, Vec<Diagnostic>), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Read like a report is: a pipe or a device given as the radar file must
    // not block or run forever.
    let bytes = read::read_regular(path, MAX_RADAR_SIZE).map_err(|e| match e {
        ReadError::Io(source) if source.kind() == std::io::ErrorKind::NotFound => {
            Error::MissingConfig {
                path: path.to_path_buf(),
            }
        }
        ReadError::Io(source) => io(source),
        other => io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            other.to_string(),
        )),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let file = SourceFile::new(path.display().to_string(), text);
    radar::load(&file).map_err(|d| Error::Input(vec![d]))
}
