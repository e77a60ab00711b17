//! The cache of per-report counts, so that a rebuild counts only the
//! reports that changed.
//!
//! An entry holds one report's date and counts, keyed on what makes them
//! valid: the file's path, its metadata ([`Stat`]: size, modified and
//! changed times, inode and device) and the xxh3 hash of its bytes. The
//! whole file is keyed on the radar's patterns ([`fingerprint`]), the
//! counting rule's version ([`COUNT_RULE`]) and confradar's version; a file
//! written for other patterns or another version is not read at all.
//!
//! For each report the scan asks a [`Probe`], as git does with its index:
//!
//! - metadata unchanged and older than the cache's own write time (less
//!   [`RACY`]): the counts are used without reading the file;
//! - otherwise the file is read and hashed; when the hash is the cached one
//!   the counts are used (only the metadata is updated), else the report is
//!   counted and the entry replaced.
//!
//! The changed time cannot be set back by a program, so a file edited and
//! given its old modified time back is still read. Reports with a warning
//! and reports whose text evidence needs are not cached: they are counted
//! every time. The file's layout is [`file`]'s, and [`write`] makes its
//! bytes; where it lives and who may write there is [`folder`]'s.
//! [`crate::count::scan`] calls the probe and keeps what new entries are
//! made from; [`crate::project`] opens the cache and the commands save it.

pub(crate) mod file;
pub(crate) mod folder;
pub(crate) mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::corpus::discovery::ReportFile;
use crate::count::scan::{Counts, Reports};
use crate::input::quarter::ReportDate;
use crate::input::radar::Radar;

/// The counting rule's version: bump it with any change to reading,
/// decoding, normalizing or matching that could change a count, so that
/// counts cached by the old rule are not used.
pub(crate) const COUNT_RULE: u32 = 1;

/// How close to the cache's write time a file's metadata may be and still
/// be trusted without reading: a file changed again within the same
/// timestamp tick (a second on some file systems) would look unchanged.
const RACY: Time = Time { secs: 1, nanos: 0 };

/// A point in time as the file system gives it, since the Unix epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Time {
    /// Whole seconds (negative before 1970).
    pub(crate) secs: i64,
    /// Nanoseconds, below 1,000,000,000.
    pub(crate) nanos: u32,
}

impl Time {
    /// The current time.
    fn now() -> Time {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Time {
            secs: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            nanos: since.subsec_nanos(),
        }
    }

    /// `self` less `other`, saturating.
    fn minus(self, other: Time) -> Time {
        let (secs, nanos) = if self.nanos >= other.nanos {
            (
                self.secs.saturating_sub(other.secs),
                self.nanos - other.nanos,
            )
        } else {
            (
                self.secs.saturating_sub(other.secs).saturating_sub(1),
                self.nanos + 1_000_000_000 - other.nanos,
            )
        };
        Time { secs, nanos }
    }
}

/// What the file system says of a file; when all of it is as it was, the
/// file is taken to hold the same bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stat {
    /// Size in bytes.
    pub(crate) size: u64,
    /// Last modified.
    pub(crate) modified: Time,
    /// Last status change (0 where the platform has none): set by the
    /// kernel on every write, rename or `touch`, never set back.
    pub(crate) changed: Time,
    /// Inode number (0 where the platform has none).
    pub(crate) inode: u64,
    /// Device number (0 where the platform has none).
    pub(crate) device: u64,
}

impl Stat {
    /// The stat of `path`, links followed as the read follows them.
    fn of(path: &Path) -> Option<Stat> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let time = |secs: i64, nanos: i64| Time {
                secs,
                nanos: u32::try_from(nanos).unwrap_or(0).min(999_999_999),
            };
            Some(Stat {
                size: meta.len(),
                modified: time(meta.mtime(), meta.mtime_nsec()),
                changed: time(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let since = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            let modified = Time {
                secs: i64::try_from(since.as_secs()).ok()?,
                nanos: since.subsec_nanos(),
            };
            Some(Stat {
                size: meta.len(),
                modified,
                changed: modified,
                inode: 0,
                device: 0,
            })
        }
    }

    /// The later of the two times: when the file last changed at all.
    fn latest(&self) -> Time {
        self.modified.max(self.changed)
    }
}

/// One report's cached outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The path the scan opened, as the OS spells it.
    pub(crate) path: Box<[u8]>,
    /// The file's metadata when it was read.
    pub(crate) stat: Stat,
    /// xxh3 of the bytes that were counted.
    pub(crate) hash: u64,
    /// The report's date.
    pub(crate) date: ReportDate,
    /// Non-zero counts, `(technology index, mentions)`, in index order.
    pub(crate) counts: Box<[(u32, u32)]>,
}

/// A report's date and counts, from the cache.
#[derive(Debug)]
pub(crate) struct Hit {
    /// The report's date.
    pub(crate) date: ReportDate,
    /// Its counts.
    pub(crate) counts: Counts,
}

impl From<&Entry> for Hit {
    fn from(entry: &Entry) -> Hit {
        Hit {
            date: entry.date,
            counts: entry.counts.iter().map(|&(t, n)| (t as usize, n)).collect(),
        }
    }
}

/// The cache for one run: what was read from the folder, and what this
/// run saw, to be written back by [`Cache::save`].
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// `None` when there is no cache (`--no-cache`, or no folder to use).
    open: Option<Open>,
}

#[derive(Debug)]
struct Open {
    folder: PathBuf,
    fingerprint: u64,
    /// When this run started: the write time of the file it saves.
    started: Time,
    /// Entries whose metadata changed before this are trusted unread.
    trusted_before: Time,
    /// The file read, if any; its entries are looked up by path.
    old: Option<file::Contents>,
    /// Which entries of `old` this run found good, by index: marked
    /// rather than copied, since a warm run confirms tens of thousands.
    used: Vec<AtomicBool>,
    /// Entries of `old` found good with other metadata, and that metadata.
    restat: Mutex<Vec<(usize, Stat)>>,
    /// What the entries this run makes need beside the scan's own storage
    /// (which holds the path, date and counts), by report index.
    fresh: Mutex<Vec<(u32, Fresh)>>,
    /// Whether the file to save differs from the one read in more than
    /// the entries of files that are gone.
    changed: AtomicBool,
}

impl Cache {
    /// No cache: every report is counted, nothing is saved.
    pub(crate) fn off() -> Cache {
        Cache::default()
    }

    /// The cache in `folder` for `radar`'s patterns (`None`: off). A file
    /// that is missing, unreadable, damaged or for other patterns or
    /// another version gives an empty cache, which [`Cache::save`] replaces.
    pub(crate) fn open(folder: Option<&Path>, radar: &Radar) -> Cache {
        let Some(folder) = folder else {
            return Cache::off();
        };
        let fingerprint = fingerprint(radar);
        let started = Time::now();
        let old = folder::read(folder)
            .and_then(|bytes| file::decode(bytes, &header(fingerprint), radar.technologies.len()));
        let entries = old.as_ref().map_or(0, file::Contents::len);
        let trusted_before = old
            .as_ref()
            .map_or(Time::default(), |c| c.written.minus(RACY));
        Cache {
            open: Some(Open {
                folder: folder.to_path_buf(),
                fingerprint,
                started,
                trusted_before,
                old,
                used: (0..entries).map(|_| AtomicBool::new(false)).collect(),
                restat: Mutex::new(Vec::new()),
                fresh: Mutex::new(Vec::new()),
                changed: AtomicBool::new(false),
            }),
        }
    }

    /// What the cache knows of `file`, before it is read; with `keep` (its
    /// text is needed) nothing: it is read and counted.
    pub(crate) fn probe<'a>(&'a self, file: &'a ReportFile, keep: bool) -> Probe<'a> {
        let open = self.open.as_ref().filter(|_| !keep);
        let stat = open.and_then(|_| Stat::of(&file.path));
        let open = open.filter(|_| stat.is_some());
        Probe {
            old: open.and_then(|o| o.find(path_of(file))),
            open,
            stat,
            hash: None,
        }
    }

    /// Notes that the report at `index` of the scan's [`Reports`] was
    /// counted, and what [`Probe::store`] said of it.
    pub(crate) fn fresh(&self, index: usize, fresh: Fresh) {
        if let (Some(open), Ok(index)) = (&self.open, u32::try_from(index)) {
            open.changed.store(true, Ordering::Relaxed);
            lock(&open.fresh).push((index, fresh));
        }
    }

    /// Writes what this run saw, when it differs from what was read: the
    /// old entries found good and, for the reports counted, entries made
    /// from `reports`, the scan this cache took part in. Failing to is no
    /// error (the next run counts again), so it returns only whether the
    /// file was written. The cache is closed then, and its memory (the
    /// whole file read) given back before the outputs are made.
    pub(crate) fn save(&mut self, reports: &Reports) -> bool {
        let Some(open) = self.open.take() else {
            return false;
        };
        open.save(reports)
    }
}

impl Open {
    /// [`Cache::save`].
    fn save(self, reports: &Reports) -> bool {
        let open = &self;
        let used = |i: &usize| open.used[*i].load(Ordering::Relaxed);
        let kept = (0..open.used.len()).filter(used).count();
        if !open.changed.load(Ordering::Relaxed) && kept == open.used.len() {
            return false;
        }
        let mut fresh = lock(&open.fresh);
        fresh.retain(|&(i, _)| reports.nth(i as usize).is_some());
        let new_path = |i: u32| reports.nth(i as usize).map(|r| path_of(r.file));
        fresh.sort_by(|a, b| new_path(a.0).cmp(&new_path(b.0)));
        let mut restat = lock(&open.restat);
        restat.sort_unstable_by_key(|&(i, _)| i);
        // Both lists go by path: the old entries as the file was sorted
        // when read, the new ones as just sorted; merged, the file is too.
        let olds = open.old.iter().flat_map(|old| {
            (0..open.used.len()).filter(used).filter_map(|i| {
                let (path, raw) = (old.path(i)?, old.raw(i)?);
                // Entries found good with new metadata are written with it;
                // the others go back as the bytes they were.
                let item = match restat.binary_search_by_key(&i, |&(r, _)| r) {
                    Ok(at) => file::Item::Restat(raw, restat[at].1),
                    Err(_) => file::Item::Raw(raw),
                };
                Some((path, item))
            })
        });
        let news = fresh.iter().filter_map(|&(i, fresh)| {
            let report = reports.nth(i as usize)?;
            let path = path_of(report.file);
            let new = file::New {
                path,
                stat: fresh.stat,
                hash: fresh.hash,
                date: report.date,
                counts: report.counts,
            };
            Some((path, file::Item::New(new)))
        });
        let count = open.old.as_ref().map_or(0, |_| kept) + fresh.len();
        let items = write::merge(olds, news);
        let header = header(open.fingerprint);
        let written = folder::write_with(&open.folder, |out| {
            file::encode_to(out, &header, open.started, count, items)
        });
        written.is_ok()
    }
    /// The entry for `path` and its index, if the file has one.
    fn find(&self, path: &[u8]) -> Option<(usize, Entry)> {
        let old = self.old.as_ref()?;
        let i = old.find(path)?;
        let entry = old.entry(i)?;
        (*entry.path == *path).then_some((i, entry))
    }
}

/// The path the scan opened `file` by, as the OS spells it.
fn path_of(file: &ReportFile) -> &[u8] {
    file.path.as_os_str().as_encoded_bytes()
}

/// Locks `mutex`; a thread that panicked holding it left a list that is
/// still whole (each push is one step).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The header this build of confradar reads and writes.
fn header(fingerprint: u64) -> file::Header<'static> {
    file::Header {
        rule: COUNT_RULE,
        version: env!("CARGO_PKG_VERSION"),
        fingerprint,
    }
}

/// A hash of everything in the radar the counts depend on: the number of
/// technologies and, for each in index order, the spellings it is counted
/// by and whether case matters. The rest of the radar (rings, editions,
/// descriptions) can change without a report being counted again.
pub(crate) fn fingerprint(radar: &Radar) -> u64 {
    let mut hasher = Xxh3::new();
    // Lengths before strings: no two lists of names hash alike by
    // running into each other.
    let mut text = |s: &str| {
        hasher.update(&(s.len() as u64).to_le_bytes());
        hasher.update(s.as_bytes());
    };
    text(&radar.technologies.len().to_string());
    for tech in &radar.technologies {
        text(if tech.count_name { &tech.name } else { "" });
        text(if tech.case_sensitive { "Aa" } else { "aa" });
        text(&tech.aliases.len().to_string());
        for alias in &tech.aliases {
            text(alias);
        }
    }
    hasher.digest()
}

/// The cache's view of one report file during the scan.
#[derive(Debug)]
pub(crate) struct Probe<'a> {
    /// `None`: the cache takes no part for this file.
    open: Option<&'a Open>,
    /// The file's entry and its index.
    old: Option<(usize, Entry)>,
    /// Taken before the file is read, so a change during the read shows
    /// as a change next time.
    stat: Option<Stat>,
    /// xxh3 of the bytes read.
    hash: Option<u64>,
}

impl Probe<'_> {
    /// The cached counts, when the file's metadata is as cached and old
    /// enough to trust without reading.
    pub(crate) fn unchanged(&self) -> Option<Hit> {
        let (open, (i, old)) = (self.open?, self.old.as_ref()?);
        if self.stat? != old.stat || old.stat.latest() >= open.trusted_before {
            return None;
        }
        open.used[*i].store(true, Ordering::Relaxed);
        Some(Hit::from(old))
    }

    /// Hashes the file's `bytes`; the cached counts when they are the
    /// bytes that were counted.
    pub(crate) fn read(&mut self, bytes: &[u8]) -> Option<Hit> {
        let open = self.open?;
        let hash = xxh3_64(bytes);
        self.hash = Some(hash);
        let (i, old) = self.old.as_ref().filter(|(_, old)| old.hash == hash)?;
        let stat = self.stat?;
        // Rewritten when the metadata moved, or when an entry too new to
        // trust before is old enough now: then the next run need not read it.
        if stat != old.stat {
            lock(&open.restat).push((*i, stat));
            open.changed.store(true, Ordering::Relaxed);
        } else if old.stat.latest() >= open.trusted_before
            && stat.latest() < open.started.minus(RACY)
        {
            open.changed.store(true, Ordering::Relaxed);
        }
        open.used[*i].store(true, Ordering::Relaxed);
        Some(Hit::from(old))
    }

    /// What the cache keeps of a report counted from the bytes given to
    /// [`Probe::read`], to be given to [`Cache::fresh`] with the report's
    /// index once the scan has stored its `counts`; `None` when the cache
    /// takes no part, or cannot write these counts.
    pub(crate) fn store(self, counts: &Counts) -> Option<Fresh> {
        let (Some(_), Some(stat), Some(hash)) = (self.open, self.stat, self.hash) else {
            return None;
        };
        // The file stores steps between indexes: only a strictly rising
        // list of non-zero counts can be written.
        let pairs = counts.pairs();
        if pairs.windows(2).any(|w| w[0].0 >= w[1].0) || pairs.iter().any(|&(_, n)| n == 0) {
            return None;
        }
        Some(Fresh { stat, hash })
    }
}

/// What an entry for a counted report holds beside the scan's storage.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fresh {
    /// The file's metadata before it was read.
    stat: Stat,
    /// xxh3 of the bytes read.
    hash: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::scan::{ReportScan, Scan};
    use crate::input::fixture::RadarFixture;

    fn radar(alias: &str) -> Radar {
        RadarFixture::new(&["2019-Q3"])
            .tech("istio", "Istio", "platforms")
            .key("aliases", &format!("[\"{alias}\"]"))
            .placed("2019-Q3", "assess")
            .build()
    }

    const DATE: ReportDate = ReportDate {
        year: 2019,
        month: 7,
        day: Some(22),
    };

    /// One scan of `file` as [`crate::count::scan`] makes it, with
    /// `counted` standing for the count, added to `seen`; what the cache
    /// answered, if anything, and whether it read the file.
    fn scan(
        cache: &Cache,
        file: &ReportFile,
        counted: u32,
        seen: &mut Scan,
    ) -> (Option<u32>, bool) {
        let mut probe = cache.probe(file, false);
        let first = |hit: Hit| hit.counts.iter().next().map(|(_, n)| n);
        if let Some(hit) = probe.unchanged() {
            return (first(hit), false);
        }
        let bytes = std::fs::read(&file.path).expect("read");
        if let Some(hit) = probe.read(&bytes) {
            return (first(hit), true);
        }
        let counts: Counts = std::iter::once((0, counted))
            .filter(|&(_, n)| n > 0)
            .collect();
        if let Some(fresh) = probe.store(&counts) {
            cache.fresh(seen.reports.len(), fresh);
        }
        let report = ReportScan {
            date: DATE,
            counts,
            warning: None,
            kept: None,
            fresh: None,
        };
        seen.push(std::sync::Arc::new(file.clone()), report);
        (None, true)
    }

    /// A report holding `text` in `dir`, as discovery lists it.
    fn report(dir: &Path, text: &str) -> std::io::Result<ReportFile> {
        let path = dir.join("2019-07-22-a.md");
        std::fs::write(&path, text)?;
        Ok(ReportFile {
            id: "2019-07-22-a".into(),
            path,
            len: text.len() as u64,
        })
    }

    #[test]
    fn a_file_is_trusted_unread_only_when_its_metadata_is_old_and_unchanged() -> std::io::Result<()>
    {
        let tmp = tempfile::tempdir()?;
        let folder = tmp.path().join("cache");
        let file = report(tmp.path(), "Istio Istio")?;
        let path = file.path.clone();
        let envoy = radar("Envoy");
        let mut cold = Cache::open(Some(&folder), &envoy);
        let mut seen = Scan::default();
        assert_eq!(scan(&cold, &file, 2, &mut seen), (None, true));
        assert!(cold.save(&seen.reports));
        // Just written: too new to trust by its metadata, so it is read and
        // its hash matches.
        let mut warm = Cache::open(Some(&folder), &envoy);
        let mut seen = Scan::default();
        assert_eq!(scan(&warm, &file, 99, &mut seen), (Some(2), true));
        assert!(
            !warm.save(&seen.reports),
            "nothing changed, nothing written"
        );
        // As if the cache had been written well after the file: trusted
        // without reading.
        let mut later = Cache::open(Some(&folder), &envoy);
        if let Some(open) = &mut later.open {
            open.trusted_before = Time::now().minus(Time {
                secs: -60,
                nanos: 0,
            });
        }
        assert_eq!(scan(&later, &file, 99, &mut seen), (Some(2), false));
        // The same size and modified time, other bytes: the changed time
        // moved, so it is read, and counted again.
        let modified = std::fs::metadata(&path)?.modified()?;
        std::fs::write(&path, "Istio Envoy")?;
        std::fs::File::options()
            .write(true)
            .open(&path)?
            .set_modified(modified)?;
        assert_eq!(scan(&later, &file, 1, &mut seen), (None, true));
        // Other patterns: nothing of the old file is used.
        let other = Cache::open(Some(&folder), &radar("Linkerd"));
        assert!(other.open.as_ref().is_some_and(|o| o.old.is_none()));
        Ok(())
    }

    #[test]
    fn kept_reports_and_an_off_cache_take_no_part() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let folder = tmp.path().join("cache");
        let file = report(tmp.path(), "Istio")?;
        let mut cache = Cache::open(Some(&folder), &radar("Envoy"));
        let probe = cache.probe(&file, true);
        assert!(probe.open.is_none());
        assert!(
            probe
                .store(&std::iter::once((0, 1)).collect::<Counts>())
                .is_none()
        );
        let mut seen = Scan::default();
        assert!(!cache.save(&seen.reports));
        assert!(!folder.exists());
        let mut off = Cache::off();
        assert_eq!(scan(&off, &file, 1, &mut seen), (None, true));
        assert!(!off.save(&seen.reports));
        Ok(())
    }

    #[test]
    fn the_fingerprint_follows_what_counting_reads() {
        let base = fingerprint(&radar("Envoy"));
        assert_eq!(base, fingerprint(&radar("Envoy")));
        assert_ne!(base, fingerprint(&radar("Envoy2")));
        let case = RadarFixture::new(&["2019-Q3"])
            .tech("istio", "Istio", "platforms")
            .key("aliases", "[\"Envoy\"]")
            .key("case_sensitive", "true")
            .placed("2019-Q3", "assess")
            .build();
        assert_ne!(base, fingerprint(&case));
    }

    #[test]
    fn time_subtraction_borrows_a_second() {
        let t = Time {
            secs: 10,
            nanos: 100,
        };
        assert_eq!(
            t.minus(Time {
                secs: 1,
                nanos: 200
            }),
            Time {
                secs: 8,
                nanos: 999_999_900
            }
        );
    }
}
