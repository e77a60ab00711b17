//! The scan over all reports: each read, decoded, normalized and counted.
//!
//! One report at a time, in parallel across files (rayon), keeping only
//! each report's metadata and its non-zero counts. The full text is kept
//! only for reports that evidence quotes point into. Files come from
//! [`crate::corpus::discovery`] and are read through [`crate::read`];
//! the counting is [`crate::count::matcher`]'s.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::discovery::ReportFile;
use crate::corpus::report;
use crate::count::cache::Cache;
use crate::count::matcher::Matcher;
use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::input::quarter::ReportDate;
use crate::read::{self, ReadError};
use crate::text::NormalizedText;

/// One report after the scan. A big corpus keeps one of these per report,
/// so it holds only what later stages read: the file, the date and the
/// non-zero counts.
#[derive(Debug)]
pub struct ScannedReport {
    /// Id and paths, shared with the file list.
    pub file: Arc<ReportFile>,
    /// The report's date.
    pub date: ReportDate,
    /// How often each technology is mentioned.
    pub counts: Counts,
    /// The text, kept only when evidence points into this report (boxed:
    /// most reports have none, and the scan keeps one entry per report).
    pub kept: Option<Box<KeptText>>,
}

/// A report's non-zero mention counts, by technology index, in index order.
/// Stored as a boxed slice of `u32` pairs: a third of a `Vec<(usize, u32)>`
/// with its spare capacity, on every one of tens of thousands of reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts(Box<[(u32, u32)]>);

impl Counts {
    /// The non-zero entries of `dense`, a count per technology index.
    pub fn from_dense(dense: &[u32]) -> Counts {
        dense
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(tech, &n)| (tech, n))
            .collect()
    }

    /// `(technology index, mentions)` pairs.
    pub fn iter(&self) -> CountsIter<'_> {
        self.0.iter().map(widen)
    }
}

/// Iterates over [`Counts`] as `(technology index, mentions)`; a named type,
/// so loops over every report's counts allocate nothing.
pub(crate) type CountsIter<'a> =
    std::iter::Map<std::slice::Iter<'a, (u32, u32)>, fn(&(u32, u32)) -> (usize, u32)>;

// By reference: it is mapped over a slice iterator, which yields them.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn widen(&(tech, n): &(u32, u32)) -> (usize, u32) {
    (tech as usize, n)
}

impl FromIterator<(usize, u32)> for Counts {
    fn from_iter<I: IntoIterator<Item = (usize, u32)>>(iter: I) -> Counts {
        let pairs: Vec<(u32, u32)> = iter
            .into_iter()
            .map(|(tech, n)| {
                let tech = u32::try_from(tech).expect("fewer than 2^32 technologies");
                (tech, n)
            })
            .collect();
        Counts(pairs.into_boxed_slice())
    }
}

impl<'a> IntoIterator for &'a Counts {
    type Item = (usize, u32);
    type IntoIter = CountsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A report's source and normalized body, for finding evidence quotes.
#[derive(Debug)]
pub struct KeptText {
    /// The decoded file.
    pub source: Arc<SourceFile>,
    /// The normalized body.
    pub normalized: NormalizedText,
}

/// Every report in the folder, scanned.
#[derive(Debug, Default)]
pub struct Scan {
    /// Reports that parsed, sorted by id.
    pub reports: Vec<ScannedReport>,
    /// Every report file found, including those that failed to parse,
    /// sorted by id.
    pub files: Vec<Arc<ReportFile>>,
    /// Problems found in reports.
    pub diagnostics: Vec<Diagnostic>,
}

impl Scan {
    /// Whether a report file with this id was found (parsed or not).
    pub fn has_file(&self, id: &str) -> bool {
        self.files
            .binary_search_by(|f| f.id.as_str().cmp(id))
            .is_ok()
    }

    /// A parsed report by id.
    pub fn report(&self, id: &str) -> Option<&ScannedReport> {
        self.reports
            .binary_search_by(|r| r.file.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.reports[i])
    }

    /// Adds files that were found but refused before the scan, so that
    /// [`Scan::has_file`] knows them: a problem with the file is reported
    /// once, by the file, and not again by each evidence citing it.
    pub fn add_refused(&mut self, refused: impl IntoIterator<Item = ReportFile>) {
        self.files.extend(refused.into_iter().map(Arc::new));
        self.files
            .sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    }

    /// Total mentions of each technology over all reports, by index.
    pub fn totals(&self, technologies: usize) -> Vec<u64> {
        let mut totals = vec![0; technologies];
        for report in &self.reports {
            for (tech, n) in &report.counts {
                totals[tech] += u64::from(n);
            }
        }
        totals
    }
}

/// Reads and counts every file. A file over `max_size` bytes is an error,
/// and is not read. `keep` says which report ids to keep the text of;
/// `done` hears of each file finished (for progress). Files are
/// independent, so they are spread across cores. `cache` gives the counts
/// of files unchanged since it was written, and takes those counted.
pub(crate) fn scan(
    files: Vec<Arc<ReportFile>>,
    cache: &Cache,
    matcher: &Matcher,
    technologies: usize,
    max_size: u64,
    keep: &(dyn Fn(&str) -> bool + Sync),
    done: &(dyn Fn(&ReportFile) + Sync),
) -> Scan {
    // Problems are boxed: most files have none, and a vector of tens of
    // thousands of results should not each carry a diagnostic's room.
    let results: Vec<Scanned> = files
        .par_iter()
        .map(|file| {
            let result = scan_one(file, cache, matcher, technologies, max_size, keep(&file.id));
            done(file);
            result
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut seen: BTreeMap<&str, &Arc<ReportFile>> = BTreeMap::new();
    for file in &files {
        if let Some(first) = seen.insert(&file.id, file) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateReport,
                    format!("two reports have the id `{}`", file.id),
                )
                .in_file(file.display())
                .note(format!("the other is {}", first.display()))
                .help("a report's id is its path without extension; rename one of them"),
            );
        }
    }
    let mut scan = Scan {
        files,
        diagnostics,
        ..Scan::default()
    };
    for result in results {
        match result {
            Ok((report, warning)) => {
                scan.diagnostics.extend(warning.map(|w| *w));
                scan.reports.push(report);
            }
            Err(diagnostic) => scan.diagnostics.push(*diagnostic),
        }
    }
    scan
}

/// One file's outcome: the report and perhaps a warning, or an error.
type Scanned = Result<(ScannedReport, Option<Box<Diagnostic>>), Box<Diagnostic>>;

fn scan_one(
    file: &Arc<ReportFile>,
    cache: &Cache,
    matcher: &Matcher,
    technologies: usize,
    max_size: u64,
    keep: bool,
) -> Scanned {
    let display = file.display();
    // Discovery found a regular file and its size: a file over the limit is
    // refused without being opened, and the read checks the handle again.
    if file.len > max_size {
        return Err(read_problem(
            &display,
            ReadError::TooLarge {
                size: Some(file.len),
                limit: max_size,
            },
        ));
    }
    // The cache: counts of a file unchanged by its metadata, or by the hash
    // of its bytes, are not counted again; those counted are stored.
    let mut probe = cache.probe(file, keep);
    let cached = |hit: crate::count::cache::Hit| {
        let (file, date, counts) = (Arc::clone(file), hit.date, hit.counts);
        Ok((
            ScannedReport {
                file,
                date,
                counts,
                kept: None,
            },
            None,
        ))
    };
    if let Some(hit) = probe.unchanged() {
        return cached(hit);
    }
    let bytes = read::read_checked(&file.path, max_size).map_err(|e| read_problem(&display, e))?;
    if let Some(hit) = probe.read(&bytes) {
        return cached(hit);
    }
    // From here on at most two copies of the text are alive: the decoded
    // file (the bytes' own buffer when they are UTF-8) and, once it is
    // built, the normalized body.
    let text = report::decode(&display, bytes)?;
    let source = SourceFile::new(display, text);
    let parsed = report::parse(&source, &file.file_name())?;
    let date = parsed
        .meta
        .date
        .expect("parsing fails for a report without a date");
    let empty = parsed.body().trim().is_empty();
    let warning = empty.then(|| {
        Box::new(
            Diagnostic::warning(Code::EmptyReport, "the report is empty")
                .in_file(source.name.clone())
                .help("write the notes, or move the file out of the reports folder"),
        )
    });
    let normalized = NormalizedText::new(parsed.body(), parsed.body_line);
    drop(parsed);
    let mut dense = vec![0u32; technologies];
    matcher.count(&normalized.text, &mut dense);
    let kept = keep.then(|| Box::new(KeptText { source, normalized }));
    let counts = Counts::from_dense(&dense);
    if warning.is_none() {
        probe.store(date, &counts);
    }
    Ok((
        ScannedReport {
            file: Arc::clone(file),
            date,
            counts,
            kept,
        },
        warning,
    ))
}

/// The diagnostic for a report that could not be read.
fn read_problem(display: &str, e: ReadError) -> Box<Diagnostic> {
    let diagnostic = match e {
        ReadError::Io(e) => {
            Diagnostic::error(Code::Unreadable, format!("cannot read the report: {e}"))
                .in_file(display)
                .help(crate::corpus::discovery::UNREADABLE_HELP)
        }
        ReadError::NotRegular(kind) => crate::corpus::discovery::not_regular(display, kind),
        ReadError::TooLarge { size, limit } => {
            let message = match size {
                Some(size) => format!(
                    "the report is {}, over the limit of {}; not read",
                    bytes(size),
                    bytes(limit)
                ),
                None => format!(
                    "the report grew past the limit of {} while it was read; not counted",
                    bytes(limit)
                ),
            };
            let help = format!(
                "split the report, or raise the limit in [radar] of the radar file: `max_report_size = \"{} MiB\"`",
                limit
                    .saturating_mul(2)
                    .max(size.unwrap_or(0))
                    .div_ceil(1024 * 1024)
            );
            Diagnostic::error(Code::TooLarge, message)
                .in_file(display)
                .help(help)
        }
    };
    Box::new(diagnostic)
}

/// A size for people, exact for a program: `17.0 MiB (17825792 bytes)`.
fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n < MIB {
        return format!("{n} bytes");
    }
    format!("{:.1} MiB ({n} bytes)", n as f64 / MIB as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans one file with a `max_size` limit; returns its problems.
    fn problems(path: &std::path::Path, max_size: u64) -> Vec<Diagnostic> {
        let len = std::fs::metadata(path).map_or(0, |m| m.len());
        let file = Arc::new(ReportFile {
            id: "2019-08-01-x".into(),
            path: path.to_path_buf(),
            len,
        });
        scan(
            vec![file],
            &Cache::off(),
            &Matcher::new(&[]),
            0,
            max_size,
            &|_| false,
            &|_| {},
        )
        .diagnostics
    }

    #[test]
    fn a_report_at_a_small_configured_limit_passes_and_one_byte_more_is_refused()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("2019-08-01-x.md");
        std::fs::write(&path, "Istio と Envoy\n")?;
        let len = std::fs::metadata(&path)?.len();
        assert!(problems(&path, len).is_empty());
        let refused = problems(&path, len - 1);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].code, Code::TooLarge);
        let text = refused[0].render();
        assert!(
            text.contains(&format!(
                "the report is {len} bytes, over the limit of {} bytes",
                len - 1
            )),
            "{text}"
        );
        assert!(text.contains("max_report_size"), "{text}");
        Ok(())
    }

    #[test]
    fn sizes_read_for_people_and_exactly() {
        assert_eq!(bytes(1000), "1000 bytes");
        assert_eq!(bytes(17 * 1024 * 1024), "17.0 MiB (17825792 bytes)");
    }
}
