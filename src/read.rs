//! Reading a file the user named, without trusting what it is.
//!
//! A path in a repository can be anything: a named pipe that blocks the
//! first `open` until someone writes to it, a link to `/dev/zero` that never
//! ends, a sparse file of terabytes. [`read_regular`] is the one way the
//! inputs are read: it looks at the metadata first and refuses anything but
//! a regular file without opening it; it opens non-blocking and checks the
//! opened handle again, so a file swapped for a pipe between the look and
//! the open cannot block; and it never reads more than the limit allows,
//! however the file grows meanwhile.

use std::fs::{File, FileType};
use std::io::Read;
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The file system said no: missing, no permission, a broken link.
    Io(std::io::Error),
    /// Not a regular file; says what it is instead ("a named pipe (FIFO)").
    NotRegular(&'static str),
    /// Bigger than the limit.
    TooLarge {
        /// The size the metadata gave, when it was over the limit; `None`
        /// when the file grew past the limit while it was read.
        size: Option<u64>,
        /// The limit, in bytes.
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => e.fmt(f),
            ReadError::NotRegular(kind) => write!(f, "not a regular file: {kind}"),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "{size} bytes, over the limit of {limit} bytes"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "grew past the limit of {limit} bytes while being read")
            }
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// Reads the whole of the regular file at `path` (links followed), at most
/// `limit` bytes. Anything that is not a regular file is refused before it
/// is opened.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    check(&meta, limit)?;
    read_checked(path, limit)
}

/// Like [`read_regular`], for a path whose metadata the caller has just
/// looked at and found a regular file within the limit: a scan of ten
/// thousand reports, whose discovery read each one's metadata, saves ten
/// thousand more. The opened handle is still checked, so a file swapped
/// since for a pipe or a bigger file is refused, not read.
pub(crate) fn read_checked(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    check(&meta, limit)?;
    read_to_limit(file, meta.len(), limit)
}

/// What kind of file `file_type` is, in words, for an error message.
pub(crate) fn describe(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Refuses what is not a regular file, or is over the limit.
fn check(meta: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    Ok(())
}

/// Reads `reader` to its end, refusing it once it gives more than `limit`
/// bytes: at most `limit + 1` bytes are ever read. `expected` is the size
/// the file said it has: the buffer is one byte more than that, so a file
/// that stayed the same is read with one read for its bytes and one that
/// finds its end. (`read_to_end` through `take` read in 8 KiB steps, three
/// reads for a typical report.) Only a file that grew since fills the
/// extra byte; the buffer then grows, never past `limit + 1`.
/// Reads a stream (standard input) to its end, refusing more than `limit`
/// bytes: the same bounded read as a file's, without a size to start from.
pub(crate) fn read_stream(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    // A first guess for a buffer that then doubles as needed.
    read_to_limit(reader, 8 * 1024, limit)
}

fn read_to_limit(mut reader: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    let most = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let first = usize::try_from(expected.min(limit))
        .unwrap_or(0)
        .saturating_add(1);
    let mut bytes = vec![0; first.min(most)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= most {
                return Err(ReadError::TooLarge { size: None, limit });
            }
            bytes.resize(filled.saturating_mul(2).clamp(filled + 1, most), 0);
        }
        match reader.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Opens for reading with `O_NONBLOCK` (a named pipe without a writer then
/// opens at once instead of waiting) and `O_NOCTTY` (a terminal device
/// never becomes the process's controlling terminal). Neither changes how a
/// regular file reads.
#[cfg(target_os = "linux")]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let flags = (OFlags::NONBLOCK | OFlags::NOCTTY).bits();
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags as i32)
        .open(path)
}

/// Elsewhere there is no open flag to hand without a C library binding; the
/// metadata checks before and after the open still apply.
#[cfg(not(target_os = "linux"))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_limit() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("r.md");
        std::fs::write(&path, b"0123456789")?;
        assert_eq!(read_regular(&path, 10)?, b"0123456789");
        assert!(matches!(
            read_regular(&path, 9),
            Err(ReadError::TooLarge {
                size: Some(10),
                limit: 9
            })
        ));
        Ok(())
    }

    #[test]
    fn never_reads_more_than_one_byte_past_the_limit() {
        // An endless reader stands for a file that keeps growing after its
        // size was checked: reading stops one byte past the limit.
        let result = read_to_limit(std::io::repeat(b'x'), 0, 1000);
        assert!(matches!(
            result,
            Err(ReadError::TooLarge {
                size: None,
                limit: 1000
            })
        ));
        let mut counting = Counting {
            inner: std::io::repeat(b'x'),
            seen: 0,
        };
        let _ = read_to_limit(&mut counting, 0, 1000);
        assert_eq!(counting.seen, 1001);
    }

    #[test]
    fn a_file_of_the_size_it_said_takes_two_reads() {
        // One read for the bytes, one that finds the end: a report is
        // read with no more system calls than that.
        let mut calls = 0;
        let read = read_to_limit(
            CountCalls {
                inner: std::io::repeat(b'x').take(20_000),
                calls: &mut calls,
            },
            20_000,
            1 << 20,
        );
        assert_eq!(read.map(|b| b.len()).ok(), Some(20_000));
        assert_eq!(calls, 2);
    }

    /// A reader that counts the calls to it.
    struct CountCalls<'a, R> {
        inner: R,
        calls: &'a mut usize,
    }

    impl<R: Read> Read for CountCalls<'_, R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            *self.calls += 1;
            self.inner.read(buf)
        }
    }

    #[test]
    fn a_file_that_grew_or_shrank_since_its_size_was_taken() {
        let counting = |len: u64| Counting {
            inner: std::io::repeat(b'x').take(len),
            seen: 0,
        };
        // Grew from 1000 to 2000 bytes, over a limit of 1500.
        let mut grown = counting(2000);
        assert!(matches!(
            read_to_limit(&mut grown, 1000, 1500),
            Err(ReadError::TooLarge { size: None, .. })
        ));
        assert_eq!(grown.seen, 1501);
        // Grew, within the limit: all of it.
        let read = read_to_limit(counting(1200), 1000, 1500).map(|b| b.len());
        assert_eq!(read.ok(), Some(1200));
        // Shrank: what is there.
        let read = read_to_limit(counting(10), 1000, 1500).map(|b| b.len());
        assert_eq!(read.ok(), Some(10));
    }

    /// A reader that counts the bytes it hands out.
    struct Counting<R> {
        inner: R,
        seen: usize,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.seen += n;
            Ok(n)
        }
    }

    #[test]
    fn a_sparse_file_over_the_limit_is_refused_from_its_metadata()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.md");
        File::create(&path)?.set_len(1 << 40)?;
        assert!(matches!(
            read_regular(&path, 16 << 20),
            Err(ReadError::TooLarge {
                size: Some(size),
                ..
            }) if size == 1 << 40
        ));
        Ok(())
    }

    #[test]
    fn folders_and_devices_are_refused() {
        assert!(matches!(
            read_regular(Path::new("/"), 100),
            Err(ReadError::NotRegular("a folder"))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular("a character device"))
        ));
        assert!(matches!(
            read_regular(Path::new("/no/such/file"), 100),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }

    /// Runs `f` on another thread and fails instead of hanging when it
    /// takes more than a few seconds.
    #[cfg(unix)]
    fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(f());
        });
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading blocked")
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_opening() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("x.md");
        mkfifo(&path);
        let result = within_seconds(move || read_regular(&path, 100));
        assert!(matches!(
            result,
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        ));
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_swapped_in_after_the_check_does_not_block() -> Result<(), Box<dyn std::error::Error>>
    {
        // The open itself, as if the metadata had said "regular file" and a
        // pipe had taken the file's place since: it must neither block on
        // the open nor read.
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("x.md");
        mkfifo(&path);
        let result = within_seconds(move || read_checked(&path, 100));
        assert!(matches!(
            result,
            Err(ReadError::NotRegular("a named pipe (FIFO)"))
        ));
        Ok(())
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            ReadError::NotRegular("a socket").to_string(),
            "not a regular file: a socket"
        );
        assert_eq!(
            ReadError::TooLarge {
                size: Some(20),
                limit: 10
            }
            .to_string(),
            "20 bytes, over the limit of 10 bytes"
        );
    }
}
