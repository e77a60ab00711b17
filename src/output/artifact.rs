//! Generated files, held in memory until they are written.
//!
//! `build` renders every output into a list of artifacts first and touches
//! the disk only here, at the end. Writing never leaves half an output: the
//! files go into a staging folder beside the output folder, the user's own
//! files are linked into it, and only then is it swapped in, in one
//! `renameat2(RENAME_EXCHANGE)` on Linux (or two renames elsewhere). A
//! failure, or a kill, at any point before the swap leaves the old output as
//! it was, and the next build finishes or undoes an interrupted swap
//! (`artifact/leftovers.rs`).
//!
//! `build` knows which files are its own from a small manifest,
//! [`MANIFEST`], that it writes beside them. Owned files that a build no
//! longer produces (a removed edition, say) disappear with the swap; every
//! other file in the folder is the user's and is carried over.
//!
//! Because the swap replaces the whole folder, [`write_all`] first refuses
//! an output folder where that would lose something, before it writes
//! anything: one that is, holds or sits inside the project's inputs
//! ([`Protected`]), one with a mount point in it (`artifact/mounts.rs`),
//! one full of files no build wrote, or a user's file where a build writes
//! its own (those two only until `--force`). One build at a time gets this
//! far (`artifact/lock.rs`).
//!
//! The steps live in submodules: [`write_all`] in `artifact/write.rs`, the
//! refusals and the user's files in the way in `artifact/conflicts.rs`,
//! the user's files carried over in `artifact/keep.rs`, the staging folder
//! and the swap in `artifact/staging.rs`, and [`compare`] (`build --check`)
//! in `artifact/staleness.rs`. This file holds what they share: the
//! [`Artifact`], the manifest, and the checks on relative paths.

mod conflicts;
mod keep;
mod leftovers;
mod lock;
mod mounts;
mod protected;
mod staging;
mod staleness;
mod write;

pub use protected::Protected;
pub use staleness::{Staleness, compare};
pub use write::{Options, Written, write_all};

use std::collections::BTreeSet;
use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Component, Path};

use crate::error::Error;

/// The file, inside the output folder, that lists the files `build` owns.
pub const MANIFEST: &str = ".confradar-manifest";

/// One output file: a path relative to the output folder, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Relative path, `/`-separated, e.g. `editions/2019-Q3.svg`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// An artifact from text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Artifact {
        Artifact {
            path: path.into(),
            bytes: text.into().into_bytes(),
        }
    }
}

/// The manifest listing `artifacts`, sorted so it is byte-identical for the
/// same outputs.
pub fn manifest(artifacts: &[Artifact]) -> Artifact {
    let paths: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    let mut text = String::from(
        "# Files written by `confradar build`. The next build replaces or removes them;\n\
         # every other file in this folder is yours and is kept.\n",
    );
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    Artifact::text(MANIFEST, text)
}

/// Whether `path` is a plain relative path: `/`-separated names, none
/// empty, `.` or `..`, and nothing a system would read as a root or a
/// drive. The only kind of path `build` writes, or trusts a manifest with.
fn is_plain(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            let mut components = Path::new(part).components();
            matches!(components.next(), Some(Component::Normal(name)) if name == part)
                && components.next().is_none()
        })
}

/// The paths the manifest under `out` lists; `None` when there is none (a
/// folder no build has written, whose files are all the user's). The
/// manifest is read back from disk, where anyone (a pull request) may have
/// edited it, so lines that are not plain relative paths are ignored: no
/// listed path can lead out of the folder.
fn owned(out: &Path) -> Result<Option<BTreeSet<String>>, Error> {
    let path = out.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(
            text.lines()
                .filter(|l| !l.starts_with('#') && is_plain(l))
                .map(str::to_owned)
                .collect(),
        )),
        Err(e) if is_absent(&e) => Ok(None),
        Err(source) => Err(Error::io(path)(source)),
    }
}

/// Artifact paths come from renderers, not users, but a path that climbs
/// out of the output folder would make the swap unsafe, so it is refused
/// before anything is written.
fn check_paths(artifacts: &[Artifact]) -> Result<(), Error> {
    for artifact in artifacts {
        if !is_plain(&artifact.path) || artifact.path == MANIFEST {
            return Err(Error::io(&artifact.path)(std::io::Error::new(
                ErrorKind::InvalidInput,
                "an output path must be relative and stay inside the output folder",
            )));
        }
    }
    Ok(())
}

/// What is at `rel` (a plain relative path) inside `root`, without
/// following a symlink: `None` when nothing is, or when something on the
/// way is not a real folder (a file, or a symlink, which may lead out of
/// `root`).
fn entry_inside(root: &Path, rel: &str) -> std::io::Result<Option<Metadata>> {
    let mut path = root.to_path_buf();
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if is_absent(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        if parts.peek().is_none() {
            return Ok(Some(meta));
        }
        if !meta.is_dir() {
            return Ok(None);
        }
    }
    Ok(None)
}

/// Not there, or not a file where one is expected.
fn is_absent(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::NotFound | ErrorKind::NotADirectory | ErrorKind::IsADirectory
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_sorted_and_skips_comments_when_read() -> Result<(), Error> {
        let m = manifest(&[Artifact::text("b.svg", ""), Artifact::text("a/x.md", "")]);
        let text = String::from_utf8(m.bytes.clone()).unwrap_or_default();
        let listed: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(listed, ["a/x.md", "b.svg"]);
        let dir = tempfile::tempdir().map_err(Error::io(""))?;
        let _ = std::fs::write(dir.path().join(MANIFEST), &m.bytes);
        assert_eq!(
            owned(dir.path())?,
            Some(BTreeSet::from(["a/x.md".into(), "b.svg".into()]))
        );
        Ok(())
    }

    #[test]
    fn manifest_lines_that_are_not_plain_relative_paths_are_ignored() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(Error::io(""))?;
        let text = "radar.svg\n../secret\n/etc/passwd\na//b\na/./b\n./c\nd/\n\neditions/x.svg\r\n";
        let _ = std::fs::write(dir.path().join(MANIFEST), text);
        assert_eq!(
            owned(dir.path())?,
            Some(BTreeSet::from([
                "editions/x.svg".into(),
                "radar.svg".into()
            ]))
        );
        Ok(())
    }

    #[test]
    fn paths_must_stay_inside_the_output_folder() {
        for bad in [
            "",
            "../x",
            "/etc/x",
            "a/../../x",
            "./x",
            "a//b",
            "a/./b",
            "a/",
            MANIFEST,
        ] {
            assert!(
                check_paths(&[Artifact::text(bad, "")]).is_err(),
                "{bad:?} accepted"
            );
        }
        assert!(check_paths(&[Artifact::text("editions/2024-Q1.svg", "")]).is_ok());
    }
}
