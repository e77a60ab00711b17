//! The cache file's bytes: a header that says whose counts these are, the
//! entries, and a checksum over both.
//!
//! ```text
//! magic "confradar-cache\n"   16 bytes
//! format version              u32
//! counting rule version       u32
//! confradar version           u8 length, then the bytes
//! pattern fingerprint         u64
//! written at                  i64 seconds, u32 nanoseconds
//! entries                     varint count, then each entry
//! checksum                    u64, xxh3 of every byte before it
//! ```
//!
//! An entry is the report's path (varint length, bytes), its [`Stat`]
//! (size, modified and changed times, inode, device), the xxh3 of its
//! bytes, its date (i32 year, u8 month, u8 day or 0), and its counts (a
//! varint number of pairs, each the technology index as a varint step from
//! the previous one plus one, then the count as a varint). Integers are
//! little-endian. Reading checks every length against the bytes that are
//! left, so a truncated, edited or foreign file is refused whole, without a
//! panic and without a large allocation. Pure: [`super::write`] makes the
//! bytes written, and [`super::folder`] does the reading and writing.
//! Talks to [`crate::input::quarter`] for dates.

use xxhash_rust::xxh3::xxh3_64;

#[cfg(test)]
pub(crate) use super::write::encode;
pub(crate) use super::write::{Item, New, encode_to};
use super::{Entry, Stat, Time};
use crate::input::quarter::ReportDate;

/// The first bytes of every cache file.
pub(super) const MAGIC: &[u8; 16] = b"confradar-cache\n";

/// The layout's version: bumped when the bytes change meaning.
pub(super) const FORMAT: u32 = 1;

/// What a cache file must say in its header to be read: the run's own
/// counting rule, confradar version and pattern fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header<'a> {
    /// [`super::COUNT_RULE`].
    pub(crate) rule: u32,
    /// confradar's version.
    pub(crate) version: &'a str,
    /// [`super::fingerprint`] of the radar's patterns.
    pub(crate) fingerprint: u64,
}

/// A cache file that was read and found sound. Its bytes are kept as they
/// are, with where each entry lies in them: a few dozen bytes a report,
/// where parsed entries would take hundreds, and a warm run writes the
/// entries it keeps back as the same bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Contents {
    /// When the run that wrote it started.
    pub(crate) written: Time,
    bytes: Vec<u8>,
    /// Each entry's byte range, by path (a file is at most 1 GiB).
    spans: Vec<(u32, u32)>,
    /// The xxh3 of each entry's path, rising, and beside it in `by_hash`
    /// the entry's index: a lookup compares numbers, and paths only where
    /// the numbers match.
    hashes: Vec<u64>,
    /// The entry index of each of `hashes`.
    by_hash: Vec<u32>,
    technologies: usize,
}

impl Contents {
    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The entry at `index` (`None` only past the end: every entry was
    /// checked when the file was read).
    pub(crate) fn entry(&self, index: usize) -> Option<Entry> {
        Reader {
            bytes: self.raw(index)?,
        }
        .entry(self.technologies)
    }

    /// The path of the entry at `index`, without parsing the rest.
    pub(crate) fn path(&self, index: usize) -> Option<&[u8]> {
        entry_path(self.raw(index)?)
    }

    /// The index of an entry for `path`, if there is one.
    pub(crate) fn find(&self, path: &[u8]) -> Option<usize> {
        let hash = xxh3_64(path);
        let first = self.hashes.partition_point(|&h| h < hash);
        let same = self.hashes[first..].iter().take_while(|&&h| h == hash);
        same.zip(&self.by_hash[first..])
            .map(|(_, &i)| i as usize)
            .find(|&i| self.path(i) == Some(path))
    }

    /// The bytes of the entry at `index`, as [`encode_to`] takes them back.
    pub(crate) fn raw(&self, index: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(index)?;
        self.bytes.get(start as usize..end as usize)
    }
}

/// The path at the start of an entry's bytes.
fn entry_path(raw: &[u8]) -> Option<&[u8]> {
    let mut r = Reader { bytes: raw };
    let len = usize::try_from(r.varint()?).ok()?;
    r.take(len)
}

/// The entries of `bytes`, when they are a whole cache file whose header
/// is `header`'s and whose entries are sound for a radar of `technologies`
/// technologies; `None` for anything else.
pub(crate) fn decode(bytes: Vec<u8>, header: &Header<'_>, technologies: usize) -> Option<Contents> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if body.len() > u32::MAX as usize {
        return None;
    }
    if xxh3_64(body) != u64::from_le_bytes(checksum.try_into().ok()?) {
        return None;
    }
    let mut r = Reader { bytes: body };
    if r.take(MAGIC.len())? != MAGIC
        || r.u32()? != FORMAT
        || r.u32()? != header.rule
        || r.string()? != header.version.as_bytes()
        || r.u64()? != header.fingerprint
    {
        return None;
    }
    let written = r.time()?;
    let count = r.varint()?;
    // No capacity from the file: a count it claims is not trusted until
    // the entries are there. Each is parsed once here, so that a bad one
    // refuses the whole file, and again only when its report is looked up.
    let mut spans = Vec::new();
    for _ in 0..count {
        let start = body.len() - r.bytes.len();
        r.entry(technologies)?;
        spans.push((start as u32, (body.len() - r.bytes.len()) as u32));
    }
    if !r.bytes.is_empty() {
        return None;
    }
    // By path, so that the entries kept go back in path order (confradar
    // writes them so; a stable sort keeps the file's order among entries
    // of one path).
    let path_of = |&(start, end): &(u32, u32)| entry_path(&body[start as usize..end as usize]);
    if !spans.is_sorted_by(|a, b| path_of(a) <= path_of(b)) {
        spans.sort_by(|a, b| path_of(a).cmp(&path_of(b)));
    }
    spans.shrink_to_fit();
    let mut keyed: Vec<(u64, u32)> = spans
        .iter()
        .zip(0u32..)
        .map(|(span, i)| (xxh3_64(path_of(span).unwrap_or_default()), i))
        .collect();
    keyed.sort_unstable();
    let (hashes, by_hash) = keyed.into_iter().unzip();
    Some(Contents {
        written,
        bytes,
        spans,
        hashes,
        by_hash,
        technologies,
    })
}

/// Reads from the front of a byte slice; every read fails rather than run
/// past the end.
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    /// A string of at most 255 bytes, after its length.
    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.u8()?;
        self.take(usize::from(len))
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    pub(super) fn time(&mut self) -> Option<Time> {
        let secs = i64::from_le_bytes(self.array()?);
        let nanos = self.u32()?;
        (nanos < 1_000_000_000).then_some(Time { secs, nanos })
    }

    pub(super) fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            // The tenth byte holds only the top bit of a u64.
            if shift == 63 && byte > 1 {
                return None;
            }
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                // Only the shortest form is accepted, so one value has one
                // encoding and an edit cannot hide in padding.
                return (byte != 0 || shift == 0).then_some(n);
            }
        }
        None
    }

    fn small(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    fn entry(&mut self, technologies: usize) -> Option<Entry> {
        let len = usize::try_from(self.varint()?).ok()?;
        let path = self.take(len)?.into();
        let stat = Stat {
            size: self.varint()?,
            modified: self.time()?,
            changed: self.time()?,
            inode: self.varint()?,
            device: self.varint()?,
        };
        let hash = self.u64()?;
        let year = i32::from_le_bytes(self.array()?);
        let month = u32::from(self.u8()?);
        let day = match self.u8()? {
            0 => None,
            day => Some(u32::from(day)),
        };
        let date = ReportDate { year, month, day };
        // Only a date the reports could have given: a year, a month 1-12
        // and a day of that month.
        let text = match day {
            Some(day) => format!("{year:04}-{month:02}-{day:02}"),
            None => format!("{year:04}-{month:02}"),
        };
        if ReportDate::parse(&text) != Some(date) {
            return None;
        }
        let pairs = usize::try_from(self.varint()?).ok()?;
        // Each pair takes at least two bytes: a count larger than that is
        // a lie, refused before anything is allocated for it.
        if pairs > self.bytes.len() / 2 || pairs > technologies {
            return None;
        }
        let mut counts = Vec::with_capacity(pairs);
        let mut next: u32 = 0;
        for _ in 0..pairs {
            let tech = next.checked_add(self.small()?)?;
            let n = self.small()?;
            if tech as usize >= technologies || n == 0 {
                return None;
            }
            counts.push((tech, n));
            next = tech.checked_add(1)?;
        }
        Some(Entry {
            path,
            stat,
            hash,
            date,
            counts: counts.into_boxed_slice(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::counts::{CountsRef, put_varint};

    const HEADER: Header<'static> = Header {
        rule: 1,
        version: "0.1.0",
        fingerprint: 0xfeed,
    };

    fn entry(path: &str, counts: &[(u32, u32)]) -> Entry {
        Entry {
            path: path.as_bytes().into(),
            stat: Stat {
                size: 1234,
                modified: Time {
                    secs: 1_600_000_000,
                    nanos: 5,
                },
                changed: Time {
                    secs: 1_600_000_001,
                    nanos: 999_999_999,
                },
                inode: 77,
                device: 2049,
            },
            hash: 0x0123_4567_89ab_cdef,
            date: ReportDate {
                year: 2019,
                month: 7,
                day: Some(22),
            },
            counts: counts.into(),
        }
    }

    /// `entry`'s counts, encoded as the scan keeps them.
    fn encoded(entry: &Entry) -> Vec<u8> {
        let mut bytes = Vec::new();
        crate::count::counts::put_pairs(&mut bytes, entry.counts.iter().copied());
        bytes
    }

    /// `entry` as an item made by a run, its counts in `counts`.
    fn new<'a>(entry: &'a Entry, counts: &'a [u8]) -> Item<'a> {
        Item::New(New {
            path: &entry.path,
            stat: entry.stat,
            hash: entry.hash,
            date: entry.date,
            counts: CountsRef::new(counts),
        })
    }

    /// The file of `entries`.
    fn file_of(entries: &[Entry], written: Time) -> Vec<u8> {
        let counts: Vec<Vec<u8>> = entries.iter().map(encoded).collect();
        let items: Vec<Item<'_>> = entries
            .iter()
            .zip(&counts)
            .map(|(entry, counts)| new(entry, counts))
            .collect();
        encode(&HEADER, written, &items)
    }

    fn sample() -> Vec<u8> {
        let entries = [
            entry(
                "reports/2019-07-22-cndt.md",
                &[(0, 3), (2, 1), (300, 70_000)],
            ),
            entry("reports/メモ.md", &[]),
        ];
        file_of(&entries, Time { secs: 42, nanos: 1 })
    }

    #[test]
    fn entries_read_back_as_written() {
        let read = decode(sample(), &HEADER, 400).expect("a sound file");
        assert_eq!(read.written, Time { secs: 42, nanos: 1 });
        assert_eq!(read.len(), 2);
        let first = entry(
            "reports/2019-07-22-cndt.md",
            &[(0, 3), (2, 1), (300, 70_000)],
        );
        assert_eq!(read.entry(0), Some(first.clone()));
        assert_eq!(read.entry(1), Some(entry("reports/メモ.md", &[])));
        assert_eq!(read.entry(2), None);
        assert_eq!(read.path(1), Some("reports/メモ.md".as_bytes()));
        assert_eq!(read.find("reports/メモ.md".as_bytes()), Some(1));
        assert_eq!(read.find(b"reports/2019-07-22-cndt.md"), Some(0));
        assert_eq!(read.find(b"reports/2019"), None);
        // Kept bytes, kept bytes with new metadata and re-encoded entries
        // make one file.
        let mut moved = first.clone();
        moved.stat.inode = 1 << 40;
        moved.stat.modified.secs = -5;
        let raw = read.raw(0).expect("raw");
        let counts = encoded(&first);
        let items = [
            Item::Raw(raw),
            new(&first, &counts),
            Item::Restat(raw, moved.stat),
        ];
        let again = decode(encode(&HEADER, read.written, &items), &HEADER, 400);
        let again = again.expect("a sound file");
        assert_eq!(again.entry(0), Some(first.clone()));
        assert_eq!(again.entry(1), Some(first));
        assert_eq!(again.entry(2), Some(moved));
    }

    #[test]
    fn entries_written_in_any_order_are_found_by_path() {
        let names = ["c.md", "a.md", "b/z.md", "b.md"];
        let entries: Vec<Entry> = names.iter().map(|n| entry(n, &[(1, 2)])).collect();
        let read = decode(file_of(&entries, Time::default()), &HEADER, 2).expect("sound");
        for name in names {
            let at = read.find(name.as_bytes()).expect("found");
            assert_eq!(read.path(at), Some(name.as_bytes()));
            assert_eq!(read.entry(at), Some(entry(name, &[(1, 2)])));
        }
        assert_eq!(read.find(b"d.md"), None);
    }

    #[test]
    fn another_header_is_refused() {
        let bytes = sample();
        for other in [
            Header { rule: 2, ..HEADER },
            Header {
                version: "0.1.1",
                ..HEADER
            },
            Header {
                fingerprint: 0xbeef,
                ..HEADER
            },
        ] {
            assert_eq!(decode(bytes.clone(), &other, 400), None, "{other:?}");
        }
    }

    #[test]
    fn a_technology_index_past_the_radar_is_refused() {
        assert!(decode(sample(), &HEADER, 301).is_some());
        assert_eq!(decode(sample(), &HEADER, 300), None);
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let bytes = sample();
        for len in 0..bytes.len() {
            assert_eq!(
                decode(bytes[..len].to_vec(), &HEADER, 400),
                None,
                "cut at {len}"
            );
        }
        for at in 0..bytes.len() {
            let mut edited = bytes.clone();
            edited[at] ^= 0x01;
            assert_eq!(decode(edited, &HEADER, 400), None, "byte {at} flipped");
        }
    }

    #[test]
    fn lies_behind_a_valid_checksum_are_refused_without_panic() {
        // A file whose checksum is right but whose insides are not: what a
        // tool that recomputed the checksum after an edit would leave.
        let resealed = |mut body: Vec<u8>| {
            let sum = xxh3_64(&body);
            body.extend_from_slice(&sum.to_le_bytes());
            body
        };
        let bytes = sample();
        let body = bytes[..bytes.len() - 8].to_vec();
        let header_len = MAGIC.len() + 4 + 4 + 1 + 5 + 8 + 12;
        // A huge entry count, and a trailing byte.
        let mut huge = body[..header_len].to_vec();
        put_varint(&mut huge, u64::MAX);
        huge.extend_from_slice(&body[header_len + 1..]);
        assert_eq!(decode(resealed(huge), &HEADER, 400), None);
        let mut trailing = body.clone();
        trailing.push(0);
        assert_eq!(decode(resealed(trailing), &HEADER, 400), None);
        // Random bytes after a valid header.
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..500 {
            let mut noisy = body[..header_len].to_vec();
            noisy.extend((0..rng.usize(..200)).map(|_| rng.u8(..)));
            let _ = decode(resealed(noisy), &HEADER, 400);
        }
    }

    #[test]
    fn a_month_or_day_no_report_could_give_is_refused() {
        let mut bad = entry("a.md", &[]);
        bad.date.day = Some(31);
        bad.date.month = 2;
        let bytes = file_of(&[bad], Time::default());
        assert_eq!(decode(bytes, &HEADER, 1), None);
    }

    #[test]
    fn varints_take_the_shortest_form_only() {
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            assert_eq!(Reader { bytes: &out }.varint(), Some(n));
        }
        assert_eq!(
            Reader {
                bytes: &[0x80, 0x00]
            }
            .varint(),
            None
        );
        assert_eq!(Reader { bytes: &[0xff; 11] }.varint(), None);
    }
}
