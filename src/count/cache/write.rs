//! Writing the cache file ([`super::file`] has its layout): the header,
//! then each entry, from the bytes of the file read or from the scan's own
//! storage, through a buffer to the file as they are made, the checksum
//! taken on the way. Talks to [`crate::count::counts`] for the counts'
//! bytes.

use std::io::{BufWriter, Write};

use xxhash_rust::xxh3::Xxh3;

use super::file::{FORMAT, Header, MAGIC, Reader};
use super::{Stat, Time};
use crate::count::counts::{CountsRef, put_varint};
use crate::input::quarter::ReportDate;

/// One entry to write: the bytes of one read (from [`super::file::Contents`]), as they
/// are or with other metadata, or one made by this run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item<'a> {
    /// An entry's bytes.
    Raw(&'a [u8]),
    /// An entry's bytes, with other metadata.
    Restat(&'a [u8], Stat),
    /// An entry made from a report this run counted.
    New(New<'a>),
}

/// An entry made by this run, from the scan's own storage: nothing of it
/// is copied before it is written.
#[derive(Clone, Copy, Debug)]
pub(crate) struct New<'a> {
    /// The path the scan opened, as the OS spells it.
    pub(crate) path: &'a [u8],
    /// The file's metadata before it was read.
    pub(crate) stat: Stat,
    /// xxh3 of the bytes that were counted.
    pub(crate) hash: u64,
    /// The report's date.
    pub(crate) date: ReportDate,
    /// Its counts, encoded as the file encodes them.
    pub(crate) counts: CountsRef<'a>,
}

/// The bytes of a cache file holding `items`, written by a run that
/// started at `written`.
#[cfg(test)]
pub(crate) fn encode(header: &Header<'_>, written: Time, items: &[Item<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    encode_to(
        &mut out,
        header,
        written,
        items.len(),
        items.iter().copied(),
    )
    .expect("writing to memory does not fail");
    out
}

/// Writes the cache file holding `items`, `count` of them, to `out` as the
/// bytes are made, and the checksum after them.
pub(crate) fn encode_to<'a>(
    out: impl Write,
    header: &Header<'_>,
    written: Time,
    count: usize,
    items: impl IntoIterator<Item = Item<'a>>,
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(
        1 << 16,
        Summed {
            inner: out,
            hasher: Xxh3::new(),
        },
    );
    // Each piece is made in one reused buffer, then written.
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(MAGIC);
    buf.extend_from_slice(&FORMAT.to_le_bytes());
    buf.extend_from_slice(&header.rule.to_le_bytes());
    let version = header.version.as_bytes();
    let version = &version[..version.len().min(usize::from(u8::MAX))];
    buf.push(version.len() as u8);
    buf.extend_from_slice(version);
    buf.extend_from_slice(&header.fingerprint.to_le_bytes());
    put_time(&mut buf, written);
    put_varint(&mut buf, count as u64);
    out.write_all(&buf)?;
    for item in items {
        match item {
            Item::Raw(bytes) => out.write_all(bytes)?,
            Item::Restat(bytes, stat) => {
                buf.clear();
                put_restat(&mut buf, bytes, &stat);
                out.write_all(&buf)?;
            }
            Item::New(new) => {
                buf.clear();
                put_new(&mut buf, &new);
                out.write_all(&buf)?;
            }
        }
    }
    let Summed { mut inner, hasher } = out
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    inner.write_all(&hasher.digest().to_le_bytes())?;
    inner.flush()
}

/// A writer that hashes what goes through it, for the checksum.
struct Summed<W> {
    inner: W,
    hasher: Xxh3,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes an entry made by this run.
fn put_new(out: &mut Vec<u8>, new: &New<'_>) {
    put_varint(out, new.path.len() as u64);
    out.extend_from_slice(new.path);
    put_stat(out, &new.stat);
    out.extend_from_slice(&new.hash.to_le_bytes());
    out.extend_from_slice(&new.date.year.to_le_bytes());
    out.push(new.date.month as u8);
    out.push(new.date.day.unwrap_or(0) as u8);
    put_varint(out, new.counts.len() as u64);
    out.extend_from_slice(new.counts.bytes());
}

/// Writes the entry `raw` with `stat` in place of its own, copying the
/// rest of its bytes (`raw` is from a file that was checked whole; bytes
/// that do not parse are dropped, and the file then fails its next read).
fn put_restat(out: &mut Vec<u8>, raw: &[u8], stat: &Stat) {
    let mut r = Reader { bytes: raw };
    let head = (|| {
        let len = usize::try_from(r.varint()?).ok()?;
        let path = r.take(len)?;
        r.varint()?;
        r.time()?;
        r.time()?;
        r.varint()?;
        r.varint()?;
        Some(path)
    })();
    let Some(path) = head else {
        return;
    };
    put_varint(out, path.len() as u64);
    out.extend_from_slice(path);
    put_stat(out, stat);
    out.extend_from_slice(r.bytes);
}

fn put_stat(out: &mut Vec<u8>, stat: &Stat) {
    put_varint(out, stat.size);
    put_time(out, stat.modified);
    put_time(out, stat.changed);
    put_varint(out, stat.inode);
    put_varint(out, stat.device);
}

fn put_time(out: &mut Vec<u8>, time: Time) {
    out.extend_from_slice(&time.secs.to_le_bytes());
    out.extend_from_slice(&time.nanos.to_le_bytes());
}

/// Merges two lists of `(path, item)`, each sorted by path, into one
/// sorted list of items.
pub(crate) fn merge<'a>(
    a: impl Iterator<Item = (&'a [u8], Item<'a>)>,
    b: impl Iterator<Item = (&'a [u8], Item<'a>)>,
) -> impl Iterator<Item = Item<'a>> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || {
        let next = match (a.peek(), b.peek()) {
            (Some((x, _)), Some((y, _))) if x > y => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        next.map(|(_, item)| item)
    })
}
