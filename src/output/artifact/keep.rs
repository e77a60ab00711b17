//! The user's files in an old output folder, carried into the new one.
//!
//! The swap replaces the whole output folder, so everything in it that
//! `build` does not own is put into the staging folder before the swap:
//! hard-linked, so it is the very same file, or copied where links are not
//! supported. Folders keep their mode.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Artifact, MANIFEST};
use crate::error::Error;

/// Carries every file of the user's in the old output folder `old` into the
/// staging folder `new`: all but the files the manifest lists (`owned`),
/// the ones `artifacts` write, and the user's files they replace
/// (`replaced`, with `--force`).
pub(super) fn user_files(
    old: &Path,
    new: &Path,
    artifacts: &[Artifact],
    owned: &BTreeSet<String>,
    replaced: &BTreeSet<String>,
) -> Result<(), Error> {
    let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    let keep = Keep {
        owned,
        produced: &produced,
        replaced,
    };
    keep.folder(old, new, "")
}

/// Copies the user's files from the old output into the new one.
struct Keep<'a> {
    /// The files the old manifest lists: build's, not carried over.
    owned: &'a BTreeSet<String>,
    /// The files this build writes.
    produced: &'a BTreeSet<&'a str>,
    /// The user's files that new ones replace (with `--force`).
    replaced: &'a BTreeSet<String>,
}

impl Keep<'_> {
    /// Carries over everything in the old folder `old/rel` (`rel` is `""`
    /// or `dir/`) that `build` does not own, into `new`.
    fn folder(&self, old: &Path, new: &Path, rel: &str) -> Result<(), Error> {
        let mut entries: Vec<_> = std::fs::read_dir(old)
            .map_err(Error::io(old))?
            .collect::<Result<_, _>>()
            .map_err(Error::io(old))?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        if entries.is_empty() && !rel.is_empty() {
            // An empty folder can only be the user's: build never makes one.
            std::fs::create_dir_all(new).map_err(Error::io(new))?;
        }
        for entry in entries {
            let name = entry.file_name();
            // A name that is not UTF-8 never matches an artifact, so it
            // stays the user's.
            let path = format!("{rel}{}", name.to_string_lossy());
            let kind = entry.file_type().map_err(Error::io(&entry.path()))?;
            if kind.is_dir() {
                let (from, to) = (entry.path(), new.join(&name));
                self.folder(&from, &to, &format!("{path}/"))?;
                // A folder that holds the user's files keeps its mode.
                if to.is_dir() {
                    let mode = std::fs::metadata(&from)
                        .map_err(Error::io(&from))?
                        .permissions();
                    std::fs::set_permissions(&to, mode).map_err(Error::io(&to))?;
                }
            } else if path != MANIFEST
                && !self.owned.contains(&path)
                && !self.produced.contains(path.as_str())
                && !self.replaced.contains(&path)
            {
                carry(&entry.path(), &new.join(&name))?;
            }
        }
        Ok(())
    }
}

/// Puts the user's file `from` at `to`: a hard link, so the file is the very
/// same one; a copy where links are not supported; a symlink stays a
/// symlink.
fn carry(from: &Path, to: &Path) -> Result<(), Error> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|source| {
            Error::io(from)(std::io::Error::new(
                source.kind(),
                format!("this file of yours is in the way of a file `build` writes ({source})"),
            ))
        })?;
    }
    #[cfg(unix)]
    if std::fs::symlink_metadata(from)
        .map_err(Error::io(from))?
        .file_type()
        .is_symlink()
    {
        let link = std::fs::read_link(from).map_err(Error::io(from))?;
        return std::os::unix::fs::symlink(&link, to).map_err(Error::io(from));
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(Error::io(from))?;
    }
    Ok(())
}
