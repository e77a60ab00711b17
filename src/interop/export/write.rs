//! Writing an export to disk, the one place `export` touches the file
//! system: a file replaced in one rename from a temporary file beside it,
//! and an AOE tree written into a staging folder beside its target and
//! renamed into place. Either way a failure leaves nothing half-written,
//! and nothing of the user's is overwritten: an existing file only with
//! `--force`, and a folder only when it is empty.

use std::path::Path;

use super::File;
use crate::error::Error;

/// Writes `text` to `path`; an existing file is replaced only when `force`
/// is set, and never a folder.
pub(crate) fn file(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_dir() {
            return Err(refused(
                path,
                "it is a folder",
                "give a file path to --output",
            ));
        }
        if !force {
            return Err(refused(
                path,
                "the file exists",
                "pass --force to replace it, or choose another --output",
            ));
        }
    }
    crate::write::replace(path, &[text.as_bytes()], None)
}

/// Writes `files` as the folder `dir`, which must not exist or be empty.
pub(crate) fn folder(dir: &Path, files: &[File]) -> Result<(), Error> {
    let existed = match std::fs::symlink_metadata(dir) {
        Err(_) => false,
        Ok(meta) if meta.is_dir() => {
            if std::fs::read_dir(dir)
                .map_err(Error::io(dir))?
                .next()
                .is_some()
            {
                return Err(refused(
                    dir,
                    "the folder is not empty",
                    "choose a new --output folder, or empty this one first",
                ));
            }
            true
        }
        Ok(_) => {
            return Err(refused(
                dir,
                "it is not a folder",
                "give a folder path to --output",
            ));
        }
    };
    let staging = crate::write::beside(dir, "staging");
    let filled = fill(&staging, files).and_then(|()| {
        if existed {
            // Empty, checked above: the rename needs it gone.
            std::fs::remove_dir(dir).map_err(Error::io(dir))?;
        }
        std::fs::rename(&staging, dir).map_err(Error::io(dir))
    });
    if filled.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    filled
}

/// Creates `staging` and writes every file into it.
fn fill(staging: &Path, files: &[File]) -> Result<(), Error> {
    std::fs::create_dir(staging).map_err(Error::io(staging))?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        std::fs::write(&path, &file.text).map_err(Error::io(&path))?;
    }
    Ok(())
}

fn refused(path: &Path, reason: &str, help: &str) -> Error {
    Error::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
        listed: Vec::new(),
        help: help.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("out.csv");
        file(&path, "one\n", false).expect("new file");
        assert!(matches!(
            file(&path, "two\n", false),
            Err(Error::Refused { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "one\n");
        file(&path, "two\n", true).expect("forced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "two\n");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[test]
    fn a_folder_is_written_only_when_new_or_empty() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("aoe");
        let files = [File {
            path: "radar/2024-01-01/x.md".into(),
            text: "x\n".into(),
        }];
        folder(&out, &files).expect("new folder");
        assert_eq!(
            std::fs::read_to_string(out.join("radar/2024-01-01/x.md")).expect("read"),
            "x\n"
        );
        assert!(matches!(folder(&out, &files), Err(Error::Refused { .. })));
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).expect("mkdir");
        folder(&empty, &files).expect("empty folder");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 2);
    }
}
