//! The staging folder a new output is written into, and the swap that puts
//! it in place.
//!
//! The staging folder is a hidden sibling of the output folder (named by
//! `leftovers.rs`, which clears what a killed build leaves). The swap is
//! one `renameat2(RENAME_EXCHANGE)` on Linux, or two renames elsewhere and
//! on file systems without the exchange.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Artifact, leftovers, manifest};
use crate::error::Error;

/// A folder beside the output folder that the new output is written into.
/// Cleared on drop when the swap did not happen, so an error leaves nothing
/// behind. A killed process leaves it: a hidden `.NAME.PID-N.confradar-tmp`
/// folder, cleared by the next build (`leftovers.rs`).
pub(super) struct Staging {
    /// Empty once the folder is swapped in.
    pub(super) path: PathBuf,
    /// The output folder it is for.
    target: PathBuf,
}

/// How the staged folder was put in place.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Swapped {
    /// There was no output folder: renamed into place.
    Moved,
    /// Exchanged with the old output folder, which is now at the path.
    Exchanged(PathBuf),
    /// The fallback: the old output renamed aside to the path, the new one
    /// renamed into place.
    Renamed(PathBuf),
}

impl Swapped {
    /// Where the old output is now, if there was one.
    pub(super) fn old(&self) -> Option<&Path> {
        match self {
            Swapped::Moved => None,
            Swapped::Exchanged(old) | Swapped::Renamed(old) => Some(old),
        }
    }
}

impl Staging {
    /// Creates a staging folder of this build's own in `parent`, for the
    /// output folder `target` (whose file name is `name`).
    pub(super) fn create(parent: &Path, name: &str, target: &Path) -> Result<Staging, Error> {
        let pid = std::process::id();
        let mut attempt = 0;
        loop {
            let path = parent.join(leftovers::name(leftovers::Kind::Staged, name, pid, attempt));
            // create_dir, not create_dir_all: it fails on a folder that is
            // already there, so two builds never share one.
            match std::fs::create_dir(&path) {
                Ok(()) => {
                    return Ok(Staging {
                        path,
                        target: target.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
                Err(source) => return Err(Error::io(path)(source)),
            }
        }
    }

    /// Writes `artifacts` and their manifest into the staging folder.
    /// Errors name each file as the user knows it, in `out`, not the
    /// staging folder.
    pub(super) fn fill(&self, out: &Path, artifacts: &[Artifact]) -> Result<(), Error> {
        // The manifest goes first: a staging folder a kill leaves then lists
        // every file of its own, and the next build can tell them from the
        // user's that were linked in.
        let manifest = manifest(artifacts);
        for artifact in std::iter::once(&manifest).chain(artifacts) {
            let path = self.path.join(&artifact.path);
            let shown = out.join(&artifact.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(Error::io(&shown))?;
            }
            std::fs::write(&path, &artifact.bytes).map_err(Error::io(&shown))?;
        }
        Ok(())
    }

    /// Puts the staged folder at the target: renamed there when `existed`
    /// is false; otherwise exchanged with the old folder where the system
    /// can (and `atomic` allows), else by two renames.
    pub(super) fn swap_into(mut self, existed: bool, atomic: bool) -> Result<Swapped, Error> {
        let swapped = if !existed {
            std::fs::rename(&self.path, &self.target).map_err(Error::io(&self.target))?;
            Swapped::Moved
        } else if atomic && exchange(&self.path, &self.target).is_ok() {
            Swapped::Exchanged(self.path.clone())
        } else {
            Swapped::Renamed(
                swap_by_renames(&self.path, &self.target).map_err(Error::io(&self.target))?,
            )
        };
        // Swapped in: nothing left for drop to clear.
        self.path = PathBuf::new();
        Ok(swapped)
    }
}

/// The swap where there is no atomic exchange (not Linux, or a file system
/// without it): move the old folder aside, move the new one in, and put the
/// old one back if that fails. Returns where the old folder is. A kill
/// between the two renames leaves no output folder, the old output whole
/// in the aside folder, and the staged one beside it; the next build puts
/// the old one back (`leftovers.rs`).
fn swap_by_renames(staged: &Path, target: &Path) -> std::io::Result<PathBuf> {
    let aside = staged.with_extension("confradar-old");
    std::fs::rename(target, &aside)?;
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(e);
    }
    Ok(aside)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            leftovers::discard(&self.path, &self.target, &BTreeSet::new());
        }
    }
}

/// Exchanges the folders at `a` and `b` in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_swaps_put_the_new_folder_in_place() -> std::io::Result<()> {
        type Swap = fn(&Path, &Path) -> std::io::Result<()>;
        fn renames(staged: &Path, target: &Path) -> std::io::Result<()> {
            swap_by_renames(staged, target).map(drop)
        }
        let dir = tempfile::tempdir()?;
        let (staged, target) = (dir.path().join("new"), dir.path().join("out"));
        // The exchange exists only on Linux; elsewhere the fallback is all.
        #[cfg(target_os = "linux")]
        let swaps: &[Swap] = &[exchange, renames];
        #[cfg(not(target_os = "linux"))]
        let swaps: &[Swap] = &[renames];
        for swap in swaps {
            std::fs::create_dir_all(&staged)?;
            std::fs::create_dir_all(&target)?;
            std::fs::write(staged.join("f"), "new")?;
            std::fs::write(target.join("f"), "old")?;
            swap(&staged, &target)?;
            assert_eq!(std::fs::read_to_string(target.join("f"))?, "new");
            let _ = std::fs::remove_dir_all(&staged);
            let _ = std::fs::remove_dir_all(staged.with_extension("confradar-old"));
        }
        Ok(())
    }
}
