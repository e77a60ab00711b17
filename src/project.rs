//! Loading a project: the config file, its validation, the reports folder
//! and the scan. This is the input edge every command starts from.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::corpus::discovery;
use crate::count::cache::Cache;
use crate::count::matcher::{Matcher, Pattern};
use crate::count::scan::{self, Counts, Scan};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::Error;
use crate::input::radar::Radar;
use crate::input::radar_file;
use crate::output::progress::Progress;

/// Where the inputs are.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The config file.
    pub config: PathBuf,
    /// Overrides the config's `reports`.
    pub reports: Option<PathBuf>,
    /// Whether a long scan may draw a progress bar (see [`crate::output::progress`]).
    pub progress: bool,
    /// The folder of the cache of per-report counts; `None` for no cache
    /// (see [`crate::count::cache`]).
    pub cache: Option<PathBuf>,
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
    pub found: Vec<crate::count::evidence::Found>,
    /// Counts of the extra patterns [`Project::load_with`] was given, one
    /// entry per report of [`Scan::reports`], in its order; empty without.
    pub extra: Vec<Counts>,
    /// The counts cache as this run left it; a command that succeeds
    /// saves it.
    pub(crate) cache: Cache,
}

impl Project {
    /// Reads the config, validates it, and scans the reports, collecting
    /// every problem. Fails early only when a path is missing or unreadable,
    /// the config cannot be parsed at all, or its reports folder is outside
    /// the project (then with the config's problems and that one).
    pub fn load(paths: &Paths) -> Result<Project, Error> {
        Project::load_with(paths, &|_| Vec::new(), &|_| false)
    }

    /// [`Project::load`], counting the patterns `extra` makes of the radar
    /// in the same scan as the radar's (their `technology` indexes are
    /// their own, from 0; the counts land in [`Project::extra`], so the
    /// scan's counts stay the radar's), and keeping the text of the reports
    /// `keep` names as well as of those evidence cites.
    pub fn load_with(
        paths: &Paths,
        extra: &dyn Fn(&Radar) -> Vec<Pattern>,
        keep: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<Project, Error> {
        if radar_file::is_stdin(&paths.config) && paths.reports.is_none() {
            // Before reading: the input is not read for nothing.
            return Err(Error::Usage(
                "--config - reads the radar file from standard input, which has no folder to find the reports in; pass --reports DIR too".to_owned(),
            ));
        }
        let (radar, mut diagnostics) = radar_file::read(&paths.config)?;
        let base = paths.config.parent().unwrap_or(Path::new(""));
        let reports_dir = match &paths.reports {
            Some(dir) => dir.clone(),
            None => base.join(radar.reports.as_deref().unwrap_or("reports")),
        };
        let inside = match link_boundary(paths, base, &reports_dir)? {
            Ok(inside) => inside,
            Err(outside) => {
                // Nothing in a folder outside the project is read, so there
                // is nothing more to check against.
                diagnostics.push(outside);
                diagnostics.sort_by_key(|d| d.severity);
                return Err(Error::Input(diagnostics));
            }
        };
        let discovery = discovery::discover(&reports_dir, &inside)?;
        let files = discovery.files;
        let evidence: HashSet<&str> = radar
            .technologies
            .iter()
            .flat_map(|t| &t.placements)
            .flat_map(|p| &p.evidence)
            .map(|e| e.report.as_str())
            .collect();
        let placed = radar.technologies.len();
        let extra = extra(&radar);
        let mut patterns = Matcher::radar_patterns(&radar);
        patterns.extend(extra.iter().map(|p| Pattern {
            technology: placed + p.technology,
            ..p.clone()
        }));
        let counted = placed + extra.iter().map(|p| p.technology + 1).max().unwrap_or(0);
        let matcher = Matcher::new(&patterns);
        // The cache holds the radar's own counts: a run that counts more
        // patterns (`suggest`) neither reads nor writes it.
        let cache = if extra.is_empty() {
            Cache::open(paths.cache.as_deref(), &radar)
        } else {
            Cache::off()
        };
        let bytes = files.iter().map(|f| f.len).sum();
        let progress = Progress::new(paths.progress, files.len() as u64, bytes);
        let mut scan = scan::scan(
            files,
            &cache,
            &matcher,
            counted,
            radar.max_report_size,
            &|id| evidence.contains(id) || keep(id),
            &|file| progress.advance(file.len),
        );
        progress.finish();
        let extra = if counted > placed {
            scan.split_counts(placed)
        } else {
            Vec::new()
        };
        // The folder's problems and the files' in one list, by path: what
        // the walk found and what reading found read as one account.
        let mut report_problems = discovery.diagnostics;
        report_problems.extend(scan.diagnostics.iter().cloned());
        report_problems.sort_by(|a, b| file_of(a).cmp(file_of(b)));
        diagnostics.extend(report_problems);
        scan.add_refused(discovery.refused);
        let (evidence_problems, found) = crate::count::evidence::check(&radar, &scan);
        diagnostics.extend(evidence_problems);
        diagnostics.extend(crate::count::evidence::warnings(
            &radar,
            &scan.totals(radar.technologies.len()),
        ));
        Ok(Project {
            radar,
            scan,
            reports_dir,
            diagnostics,
            found,
            extra,
            cache,
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
        // Denied warnings are what fails the command, so they are shown and
        // counted as the errors they have become.
        errors.extend(
            warnings
                .into_iter()
                .map(|w| if deny_warnings { w.denied() } else { w }),
        );
        Err(Error::Input(errors))
    }
}

/// The file a diagnostic is about, for sorting.
fn file_of(diagnostic: &Diagnostic) -> &str {
    diagnostic
        .primary
        .as_ref()
        .map(|label| label.file.name.as_str())
        .or(diagnostic.path.as_deref())
        .unwrap_or_default()
}

/// Where links in the reports folder may lead (real paths), or the error
/// when the reports folder itself resolves outside the project.
///
/// The project is the folder that holds the radar file. A `--reports`
/// folder is the user's own choice, so it is trusted, and links into it are
/// fine too. The `reports` key of the radar file is not: a pull request can
/// change it, or turn the folder into a link, so its real path must be
/// inside the project.
fn link_boundary(
    paths: &Paths,
    base: &Path,
    reports_dir: &Path,
) -> Result<Result<Vec<PathBuf>, Diagnostic>, Error> {
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let project = base.canonicalize().map_err(Error::io(base))?;
    let reports = match reports_dir.canonicalize() {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingReports {
                path: reports_dir.to_path_buf(),
            });
        }
        Err(source) => return Err(Error::io(reports_dir)(source)),
    };
    if paths.reports.is_some() {
        return Ok(Ok(vec![project, reports]));
    }
    if reports.starts_with(&project) {
        return Ok(Ok(vec![project]));
    }
    // The real path is not printed: it is wherever a link points.
    Ok(Err(Diagnostic::error(
        Code::OutsideProject,
        format!(
            "the reports folder `{}` leads outside the project; not read",
            crate::text::escape_unsafe(&reports_dir.to_string_lossy())
        ),
    )
    .in_file(crate::text::escape_unsafe(&paths.config.to_string_lossy()))
    .note("the project is the folder that holds the radar file; `reports` in [radar] must lead inside it, links included")
    .help("move the reports into the project, or pass --reports DIR to read a folder elsewhere")))
}
