//! The scan over all reports: each read, decoded, normalized and counted.
//!
//! Files are spread across cores (rayon) a chunk at a time, each thread
//! reusing its own buffers from report to report; [`scan_file`] turns one
//! file into its [`ReportScan`]. What the scan keeps of a report is
//! compact, because an organization's corpus has a hundred thousand of
//! them: its file, its date packed in a `u32`, and its non-zero counts in
//! one arena shared by all reports. The full text is kept only for reports
//! that evidence quotes point into. Files come from
//! [`crate::corpus::discovery`] and are read through [`crate::read`]; the
//! counting is [`crate::count::matcher`]'s.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::discovery::ReportFile;
use crate::corpus::report;
use crate::count::cache::{Cache, Fresh};
use crate::count::counts::put_pairs;
pub(crate) use crate::count::counts::{Counts, CountsRef};
use crate::count::matcher::Matcher;
use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::input::quarter::ReportDate;
use crate::read::{self, ReadError};
use crate::text::NormalizedText;

/// What the scan keeps of one report, as later stages read it: a view
/// into the scan's compact storage.
#[derive(Clone, Copy, Debug)]
pub struct ScannedReport<'a> {
    /// Id and paths, shared with the file list.
    pub file: &'a Arc<ReportFile>,
    /// The report's date.
    pub date: ReportDate,
    /// How often each technology is mentioned.
    pub counts: CountsRef<'a>,
    /// The text, kept only when evidence points into this report.
    pub kept: Option<&'a KeptText>,
}

/// A report's source and normalized body, for finding evidence quotes.
#[derive(Debug)]
pub struct KeptText {
    /// The decoded file.
    pub source: Arc<SourceFile>,
    /// The normalized body.
    pub normalized: NormalizedText,
}

/// What one report file gives the scan: everything later stages need of
/// it, and a warning when it has one.
#[derive(Debug)]
pub(crate) struct ReportScan {
    /// The report's date.
    pub date: ReportDate,
    /// Its non-zero counts.
    pub counts: Counts,
    /// A warning about it (an empty report).
    pub warning: Option<Box<Diagnostic>>,
    /// Its text, when evidence points into it.
    pub kept: Option<Box<KeptText>>,
    /// What the cache keeps of it beside the scan's storage, when it was
    /// counted for the cache.
    pub fresh: Option<Fresh>,
}

/// Every report in the folder, scanned.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every report file found, including those that failed to parse,
    /// sorted by id.
    pub files: Vec<Arc<ReportFile>>,
    /// Problems found in reports.
    pub diagnostics: Vec<Diagnostic>,
    /// The reports that parsed, sorted by id.
    pub reports: Reports,
}

/// The reports that parsed, sorted by id, column by column: no heap object
/// per report. Iterating gives a [`ScannedReport`] view of each.
#[derive(Debug, Default)]
pub struct Reports {
    files: Vec<Arc<ReportFile>>,
    /// [`pack_date`] of each report's date.
    dates: Vec<u32>,
    /// Where each report's counts end in `counts`; they start where the
    /// previous report's end.
    ends: Vec<usize>,
    /// Every report's counts, one after the other, as
    /// [`crate::count::counts::put_pairs`] writes them.
    counts: Vec<u8>,
    /// The kept texts, by report index, in index order.
    kept: Vec<(usize, Box<KeptText>)>,
}

/// A date in one `u32`: year, month and day (0 for none) in bit fields.
/// Report years have four digits, far inside the 23 bits left for them.
fn pack_date(date: ReportDate) -> u32 {
    let year = u32::try_from(date.year).expect("report years are not negative");
    assert!(year < 1 << 23, "report years have four digits");
    year << 9 | date.month << 5 | date.day.unwrap_or(0)
}

/// The date [`pack_date`] packed.
fn unpack_date(packed: u32) -> ReportDate {
    let day = packed & 0x1f;
    ReportDate {
        year: (packed >> 9) as i32,
        month: (packed >> 5) & 0xf,
        day: (day != 0).then_some(day),
    }
}

impl Reports {
    /// How many reports parsed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no report parsed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The reports, in id order.
    pub fn iter(&self) -> ReportsIter<'_> {
        ReportsIter {
            reports: self,
            next: 0..self.len(),
        }
    }

    /// A report by id.
    pub fn get(&self, id: &str) -> Option<ScannedReport<'_>> {
        self.files
            .binary_search_by(|f| f.id.as_str().cmp(id))
            .ok()
            .map(|i| self.at(i))
    }

    /// The report at `index`, if there is one.
    pub(crate) fn nth(&self, index: usize) -> Option<ScannedReport<'_>> {
        (index < self.len()).then(|| self.at(index))
    }

    /// Makes room for `n` more reports.
    fn reserve(&mut self, n: usize) {
        self.files.reserve_exact(n);
        self.dates.reserve_exact(n);
        self.ends.reserve_exact(n);
    }

    /// The report at `index`.
    fn at(&self, index: usize) -> ScannedReport<'_> {
        let start = index.checked_sub(1).map_or(0, |i| self.ends[i]);
        let kept = self
            .kept
            .binary_search_by_key(&index, |(i, _)| *i)
            .ok()
            .map(|k| &*self.kept[k].1);
        ScannedReport {
            file: &self.files[index],
            date: unpack_date(self.dates[index]),
            counts: CountsRef::new(&self.counts[start..self.ends[index]]),
            kept,
        }
    }
}

/// Iterates over [`Reports`] in id order.
#[derive(Clone, Debug)]
pub struct ReportsIter<'a> {
    reports: &'a Reports,
    next: std::ops::Range<usize>,
}

impl<'a> Iterator for ReportsIter<'a> {
    type Item = ScannedReport<'a>;

    fn next(&mut self) -> Option<ScannedReport<'a>> {
        self.next.next().map(|i| self.reports.at(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl ExactSizeIterator for ReportsIter<'_> {}

impl<'a> IntoIterator for &'a Reports {
    type Item = ScannedReport<'a>;
    type IntoIter = ReportsIter<'a>;

    fn into_iter(self) -> ReportsIter<'a> {
        self.iter()
    }
}

impl Scan {
    /// Whether a report file with this id was found (parsed or not).
    pub fn has_file(&self, id: &str) -> bool {
        self.files
            .binary_search_by(|f| f.id.as_str().cmp(id))
            .is_ok()
    }

    /// A parsed report by id.
    pub fn report(&self, id: &str) -> Option<ScannedReport<'_>> {
        self.reports.get(id)
    }

    /// Adds a scanned report after those already here (reports are added
    /// in id order); its warning goes to the diagnostics.
    pub(crate) fn push(&mut self, file: Arc<ReportFile>, report: ReportScan) {
        let reports = &mut self.reports;
        let index = reports.files.len();
        reports.files.push(file);
        reports.dates.push(pack_date(report.date));
        put_pairs(&mut reports.counts, report.counts.pairs().iter().copied());
        reports.ends.push(reports.counts.len());
        if let Some(kept) = report.kept {
            reports.kept.push((index, kept));
        }
        self.diagnostics.extend(report.warning.map(|w| *w));
    }

    /// Moves the counts of technology indexes from `from` on out of every
    /// report's, as counts of their own from index 0, one per report in
    /// order: `suggest` counts its dictionary in the same scan as the
    /// radar, and the radar's counts stay what `mentions` gives.
    pub(crate) fn split_counts(&mut self, from: usize) -> Vec<Counts> {
        let from = u32::try_from(from).expect("fewer than 2^32 technologies");
        let reports = &mut self.reports;
        let mut radar = Vec::with_capacity(reports.counts.len());
        let mut split = Vec::with_capacity(reports.ends.len());
        let mut start = 0;
        for end in &mut reports.ends {
            let counts = CountsRef::new(&reports.counts[start..*end]);
            start = *end;
            let pairs = counts.iter().map(|(tech, n)| (tech as u32, n));
            put_pairs(&mut radar, pairs.clone().filter(|&(tech, _)| tech < from));
            *end = radar.len();
            split.push(Counts::from(
                pairs
                    .filter(|&(tech, _)| tech >= from)
                    .map(|(tech, n)| (tech - from, n))
                    .collect::<Vec<_>>(),
            ));
        }
        reports.counts = radar;
        split
    }

    /// Takes the kept texts of `other`, a scan of some of the same report
    /// files, for the reports this scan has: `place` and `quotes` read a
    /// few reports again to quote from them.
    pub(crate) fn adopt_texts(&mut self, other: Scan) {
        let Reports { files, kept, .. } = other.reports;
        let reports = &mut self.reports;
        for (index, text) in kept {
            let id = files[index].id.as_str();
            let Ok(at) = reports.files.binary_search_by(|f| f.id.as_str().cmp(id)) else {
                continue;
            };
            match reports.kept.binary_search_by_key(&at, |&(i, _)| i) {
                Ok(slot) => reports.kept[slot].1 = text,
                Err(slot) => reports.kept.insert(slot, (at, text)),
            }
        }
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
            for (tech, n) in report.counts {
                if let Some(total) = totals.get_mut(tech) {
                    *total += u64::from(n);
                }
            }
        }
        totals
    }
}

/// How many files go to the cores at a time. Results are gathered per
/// chunk, in order, and added to the scan's compact storage before the
/// next chunk starts, so only a chunk's worth of per-report results is
/// ever alive at once; large enough that the cores' wait at the end of a
/// chunk (at most one report each) is lost in it.
const CHUNK: usize = 1024;

/// Reads and counts every file. A file over `max_size` bytes is an error,
/// and is not read. `keep` says which report ids to keep the text of;
/// `done` hears of each file finished (for progress). Files are
/// independent, so they are spread across cores.
pub(crate) fn scan(
    files: Vec<Arc<ReportFile>>,
    cache: &Cache,
    matcher: &Matcher,
    technologies: usize,
    max_size: u64,
    keep: &(dyn Fn(&str) -> bool + Sync),
    done: &(dyn Fn(&ReportFile) + Sync),
) -> Scan {
    let diagnostics = duplicate_ids(&files);
    let mut scan = Scan {
        diagnostics,
        ..Scan::default()
    };
    scan.reports.reserve(files.len());
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<ReportScan, Box<Diagnostic>>> = chunk
            .par_iter()
            .map_init(
                || Buffers::new(technologies),
                |buffers, file| {
                    let result = scan_file(file, cache, matcher, max_size, keep(&file.id), buffers);
                    done(file);
                    result
                },
            )
            .collect();
        for (file, result) in chunk.iter().zip(results) {
            match result {
                Ok(mut report) => {
                    if let Some(fresh) = report.fresh.take() {
                        cache.fresh(scan.reports.len(), fresh);
                    }
                    scan.push(Arc::clone(file), report);
                }
                Err(diagnostic) => scan.diagnostics.push(*diagnostic),
            }
        }
    }
    // The arena grew by doubling; what it holds is all it needs.
    scan.reports.counts.shrink_to_fit();
    scan.files = files;
    scan
}

/// An error for each report whose id an earlier one has, naming the one
/// before it. Discovery lists files sorted by id, so duplicates are
/// neighbours and one pass finds them (a map of 100,000 ids costs a
/// second-run build more than its reading); a list in another order is
/// checked through a map, with the same result.
fn duplicate_ids(files: &[Arc<ReportFile>]) -> Vec<Diagnostic> {
    let duplicate = |file: &ReportFile, first: &ReportFile| {
        Diagnostic::error(
            Code::DuplicateReport,
            format!("two reports have the id `{}`", file.id),
        )
        .in_file(file.display())
        .note(format!("the other is {}", first.display()))
        .help("a report's id is its path without extension; rename one of them")
    };
    if files.windows(2).all(|w| w[0].id <= w[1].id) {
        return files
            .windows(2)
            .filter(|w| w[0].id == w[1].id)
            .map(|w| duplicate(&w[1], &w[0]))
            .collect();
    }
    let mut seen: BTreeMap<&str, &ReportFile> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for file in files {
        if let Some(first) = seen.insert(&file.id, file) {
            diagnostics.push(duplicate(file, first));
        }
    }
    diagnostics
}

/// What one thread reuses from report to report: the normalized text and
/// the tally of mentions.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// The normalized body of a report whose text is not kept.
    normalized: String,
    /// Mentions per technology index so far in this report; zero again
    /// once the report's counts are taken.
    dense: Vec<u32>,
    /// The indexes that are not zero in `dense`, in the order first seen.
    touched: Vec<u32>,
}

impl Buffers {
    /// Buffers for a radar of `technologies` (more are made room for when
    /// a pattern names a higher index).
    pub(crate) fn new(technologies: usize) -> Buffers {
        Buffers {
            dense: vec![0; technologies],
            ..Buffers::default()
        }
    }

    /// Counts one mention of `technology`.
    fn tally(&mut self, technology: usize) {
        if technology >= self.dense.len() {
            self.dense.resize(technology + 1, 0);
        }
        let n = &mut self.dense[technology];
        if *n == 0 {
            self.touched
                .push(u32::try_from(technology).expect("fewer than 2^32 technologies"));
        }
        *n += 1;
    }

    /// The counts tallied since the last call, in index order; the tally
    /// starts again from zero.
    fn take_counts(&mut self) -> Counts {
        self.touched.sort_unstable();
        let pairs: Vec<(u32, u32)> = self
            .touched
            .drain(..)
            .map(|tech| (tech, std::mem::take(&mut self.dense[tech as usize])))
            .collect();
        Counts::from(pairs)
    }
}

/// Turns one report file into what the scan keeps of it: reads it (at
/// most `max_size` bytes), decodes it, parses its front matter, normalizes
/// its body and counts the mentions in it; keeps its text when `keep`.
/// Fails with the report's one error.
pub(crate) fn scan_file(
    file: &ReportFile,
    cache: &Cache,
    matcher: &Matcher,
    max_size: u64,
    keep: bool,
    buffers: &mut Buffers,
) -> Result<ReportScan, Box<Diagnostic>> {
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
        Ok(ReportScan {
            date: hit.date,
            counts: hit.counts,
            warning: None,
            kept: None,
            fresh: None,
        })
    };
    if let Some(hit) = probe.unchanged() {
        return cached(hit);
    }
    let bytes = read::read_checked(&file.path, max_size).map_err(|e| read_problem(&display, e))?;
    if let Some(hit) = probe.read(&bytes) {
        return cached(hit);
    }
    // From here on at most two copies of the text are alive: the decoded
    // file (the bytes' own buffer when they are UTF-8) and the normalized
    // body.
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
    let kept = if keep {
        let normalized = NormalizedText::new(parsed.body(), parsed.body_line);
        matcher.scan(&normalized.text, |m| buffers.tally(m.technology));
        drop(parsed);
        Some(Box::new(KeptText { source, normalized }))
    } else {
        let mut normalized = std::mem::take(&mut buffers.normalized);
        crate::text::normalize_into(parsed.body(), &mut normalized);
        matcher.scan(&normalized, |m| buffers.tally(m.technology));
        buffers.normalized = normalized;
        None
    };
    let counts = buffers.take_counts();
    let fresh = if warning.is_none() {
        probe.store(&counts)
    } else {
        None
    };
    Ok(ReportScan {
        date,
        counts,
        warning,
        kept,
        fresh,
    })
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

    #[test]
    fn duplicate_ids_are_found_in_any_order() {
        let file = |id: &str, path: &str| {
            Arc::new(ReportFile {
                id: id.into(),
                path: path.into(),
                len: 0,
            })
        };
        let sorted = vec![
            file("a", "r/a.md"),
            file("b", "r/b.md"),
            file("b", "r/b.txt"),
            file("c", "r/c.md"),
        ];
        let mut shuffled = sorted.clone();
        shuffled.swap(0, 3);
        for files in [sorted, shuffled] {
            let found = duplicate_ids(&files);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].message, "two reports have the id `b`");
            assert_eq!(found[0].notes, ["the other is r/b.md"]);
        }
    }

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
