//! Writing an output folder: [`write_all`] and the order of its steps.
//!
//! Paths are checked and the output folder resolved and checked against
//! the inputs first; then, under the lock, an interrupted build's leftovers
//! are dealt with, the old folder is inspected for what the swap would
//! lose (`conflicts.rs`), the new output is staged with the user's files
//! carried in (`staging.rs`, `keep.rs`), swapped in, and the old one
//! cleared (`leftovers.rs`).

use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::staging::{Staging, Swapped};
use super::{Artifact, Protected, check_paths, conflicts, keep, leftovers, lock, protected};
use crate::error::Error;

/// How [`write_all`] may treat the output folder.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Take over a folder that holds files no build wrote, and replace the
    /// user's files that are where `build` writes its own (each one named
    /// in [`Written::notes`]). Never a folder, an input or a mount point.
    pub force: bool,
    /// What the output folder may not be, hold, or be inside.
    pub protected: Protected,
}

/// What [`write_all`] did.
#[derive(Debug)]
pub struct Written {
    /// The files written (the manifest aside), each `out` joined with the
    /// artifact's path.
    pub files: Vec<PathBuf>,
    /// What the user should hear of, one line each: a file of theirs
    /// replaced (with `--force`), an interrupted build's output put back,
    /// a leftover folder kept because it holds files found nowhere else.
    pub notes: Vec<String>,
}

/// Writes `artifacts` as the new content of `out`, all at once: the old
/// folder stays untouched until every file is complete. Refuses, before it
/// writes anything, an output folder where that would lose something (see
/// the module header); waits while another build writes the same folder.
pub fn write_all(out: &Path, artifacts: &[Artifact], options: &Options) -> Result<Written, Error> {
    write(out, artifacts, options, true).map(|(written, _)| written)
}

/// [`write_all`], and how the new folder was put in place. `atomic` is
/// false to use the fallback a system without an atomic exchange gets.
fn write(
    out: &Path,
    artifacts: &[Artifact],
    options: &Options,
    atomic: bool,
) -> Result<(Written, Swapped), Error> {
    check_paths(artifacts)?;
    let target = resolve(out)?;
    options.protected.check(out, &target)?;
    let parent = target
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(&parent).map_err(Error::io(&parent))?;
    let _lock = lock::OutputLock::acquire(&parent, &name)?;
    let mut notes = Vec::new();
    leftovers::recover(&parent, &name, out, &target, &mut notes)?;
    let existing = existing_folder(&target)?;
    let (owned, replaced) = match &existing {
        Some(_) => conflicts::inspect(out, &target, artifacts, options.force)?,
        None => Default::default(),
    };
    let staging = Staging::create(&parent, &name, &target)?;
    if let Some(meta) = &existing {
        // Keep the folder's mode: the swap replaces the folder itself.
        std::fs::set_permissions(&staging.path, meta.permissions())
            .map_err(Error::io(&staging.path))?;
    }
    staging.fill(out, artifacts)?;
    if existing.is_some() {
        keep::user_files(&target, &staging.path, artifacts, &owned, &replaced)?;
    }
    let swapped = staging.swap_into(existing.is_some(), atomic)?;
    for rel in &replaced {
        notes.push(format!(
            "replacing {}, which confradar did not write",
            out.join(rel).display()
        ));
    }
    if let Some(old) = swapped.old() {
        // Everything in the old folder is now in the new one, or owned, or
        // replaced and named above; anything else (a file the user added
        // while this build ran) is kept.
        let kept = leftovers::discard(old, &target, &replaced);
        if !kept.is_empty() {
            notes.push(leftovers::kept_note(old, out, &kept));
        }
    }
    let files = artifacts.iter().map(|a| out.join(&a.path)).collect();
    Ok((Written { files, notes }, swapped))
}

/// The old output folder at `target`, if there is one; an error when
/// something other than a folder is there.
fn existing_folder(target: &Path) -> Result<Option<Metadata>, Error> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => Ok(Some(meta)),
        Ok(_) => Err(Error::io(target)(std::io::Error::new(
            ErrorKind::AlreadyExists,
            "not a folder",
        ))),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::io(target)(source)),
    }
}

/// The folder to replace, as an absolute real path with a parent: `out`
/// itself, or what it links to, so a symlinked output folder stays a
/// symlink. `--out .` or `--out sub/..` must name the real folder, so that
/// the staging folder is created beside it and never inside it.
fn resolve(out: &Path) -> Result<PathBuf, Error> {
    let target = protected::real_path(out).map_err(Error::io(out))?;
    if target.parent().is_none() || target.file_name().is_none() {
        return Err(Error::io(out)(std::io::Error::new(
            ErrorKind::InvalidInput,
            "the output folder cannot be the root folder",
        )));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn the_fallback_swap_is_used_when_asked_and_keeps_user_files() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(Error::io(""))?;
        let out = dir.path().join("out");
        let options = Options::default();
        let first = [
            Artifact::text("radar.svg", "one"),
            Artifact::text("editions/a.svg", "a"),
        ];
        let (_, swapped) = write(&out, &first, &options, false)?;
        assert_eq!(swapped, Swapped::Moved);
        let _ = std::fs::write(out.join("mine.md"), "mine");
        let second = [Artifact::text("radar.svg", "two")];
        let (written, swapped) = write(&out, &second, &options, false)?;
        assert!(
            matches!(&swapped, Swapped::Renamed(old)
                if old.to_string_lossy().ends_with(".confradar-old") && !old.exists()),
            "{swapped:?}"
        );
        assert_eq!(written.notes, Vec::<String>::new());
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_default();
        assert_eq!(read("radar.svg"), "two");
        assert_eq!(read("mine.md"), "mine");
        assert!(!out.join("editions/a.svg").exists(), "a stale file kept");
        assert_eq!(entries(dir.path()), ["out"], "a leftover folder");
        // Where the exchange exists, it is what a build uses.
        #[cfg(target_os = "linux")]
        assert!(matches!(
            write(&out, &second, &options, true)?.1,
            Swapped::Exchanged(_)
        ));
        Ok(())
    }
}
