//! What in an output folder already there the swap would lose, found
//! before anything is written.
//!
//! A mount point at or in it (the old folder is removed after the swap),
//! a folder of the user's where `build` writes a file (nothing replaces a
//! folder), and, until `--force`, a folder with no manifest or a file of
//! the user's where `build` writes its own. Each refusal names the paths it
//! is about and says what to do instead.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Artifact, MANIFEST, is_absent, mounts, owned};
use crate::error::Error;
use crate::wording::count;

/// Looks at the output folder there already is, before anything is
/// written, and refuses it where the swap would lose something: a mount
/// point at or in it, a folder of the user's where a file goes, and,
/// without `force`, a folder with no manifest (all of its files the
/// user's) or a file of the user's where `build` writes one. Returns the
/// files the manifest lists and the user's files to be replaced.
pub(super) fn inspect(
    out: &Path,
    target: &Path,
    artifacts: &[Artifact],
    force: bool,
) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
    refuse_mounts(out, target)?;
    let shown = |rels: &BTreeSet<String>| rels.iter().map(|rel| out.join(rel)).collect();
    let manifest = owned(target)?;
    let has_manifest = manifest.is_some();
    let owned = manifest.unwrap_or_default();
    let (replaced, blocked) = conflicts(target, artifacts, &owned)?;
    if !blocked.is_empty() {
        return Err(refused(
            out,
            format!(
                "{} where `build` writes a file",
                count(blocked.len(), "folder of yours is", "folders of yours are")
            ),
            shown(&blocked),
            "move or rename it (`--force` never replaces a folder)",
        ));
    }
    let empty = std::fs::read_dir(target)
        .map_err(Error::io(out))?
        .next()
        .is_none();
    if !has_manifest && !empty && !force {
        let mut reason = format!("it holds files confradar did not write (it has no {MANIFEST})");
        if !replaced.is_empty() {
            reason.push_str(&format!(
                ", and `--force` would replace {} of them:",
                replaced.len()
            ));
        }
        return Err(refused(
            out,
            reason,
            shown(&replaced),
            "choose an empty or new folder, or pass --force to take this one over: \
             your files are kept, and each one at a path `build` writes is named as it \
             is replaced",
        ));
    }
    if !replaced.is_empty() && !force {
        return Err(refused(
            out,
            format!(
                "{} where `build` writes its own:",
                count(replaced.len(), "file of yours is", "files of yours are")
            ),
            shown(&replaced),
            "move or rename it, or pass --force to replace it",
        ));
    }
    Ok((owned, replaced))
}

/// Refuses an output folder that is a mount point or has one in it, with
/// or without `--force`: removing the old output would empty it.
fn refuse_mounts(out: &Path, target: &Path) -> Result<(), Error> {
    if mounts::is_mount_point(target).map_err(Error::io(out))? {
        return Err(refused(
            out,
            "it is a mount point, and `build` replaces the folder itself".into(),
            Vec::new(),
            "write to a new folder inside it or beside it instead \
             (`--force` does not change this)",
        ));
    }
    let foreign = mounts::inside(target).map_err(Error::io(out))?;
    if !foreign.is_empty() {
        let listed = foreign
            .iter()
            .map(|path| out.join(path.strip_prefix(target).unwrap_or(path)))
            .collect();
        let reason = format!(
            "{}, which removing the old output would empty:",
            count(
                foreign.len(),
                "folder in it is a mount point or on another file system",
                "folders in it are mount points or on other file systems"
            )
        );
        return Err(refused(
            out,
            reason,
            listed,
            "unmount it or move it out of the output folder, or write to another folder \
             (`--force` does not change this)",
        ));
    }
    Ok(())
}

/// The refusal of the output folder `out`.
fn refused(out: &Path, reason: String, listed: Vec<PathBuf>, help: &str) -> Error {
    Error::Refused {
        path: out.to_path_buf(),
        reason,
        listed,
        help: help.to_owned(),
    }
}

/// Where the user's things in `target` are in the way of `artifacts`:
/// files (and symlinks) at an artifact's path or at a folder on its way,
/// which `--force` may replace, and real folders at an artifact's path,
/// which nothing replaces. Files the manifest lists (`owned`) are build's
/// own and never in the way.
fn conflicts(
    target: &Path,
    artifacts: &[Artifact],
    owned: &BTreeSet<String>,
) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
    let mut replaced = BTreeSet::new();
    let mut blocked = BTreeSet::new();
    for artifact in artifacts {
        let mut rel = String::new();
        let mut parts = artifact.path.split('/').peekable();
        while let Some(part) = parts.next() {
            if !rel.is_empty() {
                rel.push('/');
            }
            rel.push_str(part);
            let path = target.join(&rel);
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if is_absent(&e) => break,
                Err(source) => return Err(Error::io(path)(source)),
            };
            let last = parts.peek().is_none();
            if meta.is_dir() {
                if last {
                    blocked.insert(rel.clone());
                }
                continue;
            }
            if !owned.contains(&rel) {
                replaced.insert(rel.clone());
            }
            break;
        }
    }
    // A file there is the old manifest; a folder there is the user's.
    if std::fs::symlink_metadata(target.join(MANIFEST)).is_ok_and(|m| m.is_dir()) {
        blocked.insert(MANIFEST.to_owned());
    }
    Ok((replaced, blocked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_files_in_the_way_are_told_from_build_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        std::fs::create_dir_all(out.join("CHANGELOG.md"))?;
        std::fs::create_dir_all(out.join(MANIFEST))?;
        std::fs::write(out.join("editions"), "a file where a folder goes")?;
        std::fs::write(out.join("radar.svg"), "the user's")?;
        std::fs::write(out.join("old.svg"), "build's")?;
        std::fs::write(out.join("notes.md"), "not in the way")?;
        let artifacts = [
            Artifact::text("CHANGELOG.md", ""),
            Artifact::text("editions/a.svg", ""),
            Artifact::text("editions/b.svg", ""),
            Artifact::text("radar.svg", ""),
            Artifact::text("old.svg", ""),
            Artifact::text("new/x.svg", ""),
        ];
        let owned = BTreeSet::from(["old.svg".to_owned()]);
        let (replaced, blocked) =
            conflicts(out, &artifacts, &owned).map_err(std::io::Error::other)?;
        assert_eq!(
            replaced,
            BTreeSet::from(["editions".to_owned(), "radar.svg".to_owned()])
        );
        assert_eq!(
            blocked,
            BTreeSet::from(["CHANGELOG.md".to_owned(), MANIFEST.to_owned()])
        );
        Ok(())
    }
}
