//! One build at a time writes an output folder.
//!
//! Two builds into the same folder would each stage a new output and swap
//! it in; the second swap finds a folder the first just made. So a build
//! holds an exclusive lock from before it looks at the output folder until
//! its old output is gone, and a second build waits its turn. The lock must
//! be on something no build deletes or swaps: on Unix that is the folder
//! holding the output folder itself (opened read-only, so no lock file is
//! left behind); elsewhere, where a folder cannot be opened as a file, a
//! `.NAME.confradar-lock` file beside the output folder, which stays.

use std::fs::File;
use std::path::Path;

use crate::error::Error;

/// Held while a build writes; released when dropped (or when the process
/// dies, which is what makes leftovers of a killed build safe to sweep).
#[derive(Debug)]
pub(super) struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Waits until no other build writes an output folder named `name` in
    /// `parent`, then holds the lock. (On Unix every output folder in
    /// `parent` shares one lock; builds into siblings take turns too.)
    pub(super) fn acquire(parent: &Path, name: &str) -> Result<OutputLock, Error> {
        let (path, file) = open(parent, name);
        let file = file.map_err(Error::io(&path))?;
        file.lock().map_err(Error::io(&path))?;
        Ok(OutputLock { _file: file })
    }
}

#[cfg(unix)]
fn open(parent: &Path, _: &str) -> (std::path::PathBuf, std::io::Result<File>) {
    (parent.to_path_buf(), File::open(parent))
}

#[cfg(not(unix))]
fn open(parent: &Path, name: &str) -> (std::path::PathBuf, std::io::Result<File>) {
    let path = parent.join(format!(".{name}.confradar-lock"));
    // Never truncated or removed: deleting a lock file races with a build
    // that has just opened it.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path);
    (path, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_waits_for_the_first() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let held = OutputLock::acquire(dir.path(), "out").map_err(std::io::Error::other)?;
        let (tx, rx) = std::sync::mpsc::channel();
        let parent = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let lock = OutputLock::acquire(&parent, "out");
            let _ = tx.send(lock.is_ok());
        });
        // Still waiting while the first holds it.
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(300))
                .is_err()
        );
        drop(held);
        assert_eq!(
            rx.recv_timeout(std::time::Duration::from_secs(10)).ok(),
            Some(true)
        );
        let _ = waiter.join();
        #[cfg(unix)]
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0, "a lock file");
        Ok(())
    }
}
