//! How the output folder differs from what `build` would write, for
//! `build --check`.
//!
//! Reads only, and never through a symlink inside the output folder: the
//! artifacts and their manifest are compared file by file with what is
//! there ([`super::entry_inside`]), and files the old manifest lists that
//! a build no longer produces count as removed. The user's own files are
//! never compared.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Artifact, check_paths, entry_inside, manifest, owned};
use crate::error::Error;

/// How a file in the output folder differs from what `build` would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Staleness {
    /// `build` would create it.
    Added,
    /// `build` would change its content.
    Changed,
    /// `build` wrote it before and would now remove it.
    Removed,
}

impl Staleness {
    /// One word for listings.
    pub fn label(self) -> &'static str {
        match self {
            Staleness::Added => "added",
            Staleness::Changed => "changed",
            Staleness::Removed => "removed",
        }
    }
}

/// Compares `artifacts` (and their manifest) with the files under `out`,
/// reading only, and never through a symlink inside `out`. Returns the
/// files a write would touch, sorted by path; empty when `out` is up to
/// date. The user's own files are not compared.
pub fn compare(out: &Path, artifacts: &[Artifact]) -> Result<Vec<(String, Staleness)>, Error> {
    check_paths(artifacts)?;
    let mut stale = Vec::new();
    let manifest = manifest(artifacts);
    for artifact in artifacts.iter().chain(std::iter::once(&manifest)) {
        let path = out.join(&artifact.path);
        let how = match entry_inside(out, &artifact.path).map_err(Error::io(&path))? {
            // A folder where the file goes counts as no file.
            None => Some(Staleness::Added),
            Some(meta) if meta.is_dir() => Some(Staleness::Added),
            Some(meta) if meta.is_file() => {
                let bytes = std::fs::read(&path).map_err(Error::io(&path))?;
                (bytes != artifact.bytes).then_some(Staleness::Changed)
            }
            Some(_) => Some(Staleness::Changed),
        };
        if let Some(how) = how {
            stale.push((artifact.path.clone(), how));
        }
    }
    let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    for path in owned(out)?.unwrap_or_default() {
        if !produced.contains(path.as_str())
            && entry_inside(out, &path)
                .map_err(Error::io(out.join(&path)))?
                .is_some()
        {
            stale.push((path, Staleness::Removed));
        }
    }
    stale.sort();
    Ok(stale)
}
