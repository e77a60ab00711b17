//! The inputs an output folder must keep clear of, and real paths to tell.
//!
//! `build` replaces its output folder as a whole. An output folder that is
//! or holds the radar file or the reports folder (`--out .`) would swap the
//! project away under the user's feet, and one inside the reports folder
//! would be read back as reports. Which folder a path names depends on
//! symlinks and `..`, so paths are compared as real paths; the output folder
//! may not exist yet, so only its deepest existing part is resolved.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// Paths `build` reads, which its output folder may not be, hold, or be
/// inside. The caller names them; this module knows nothing of projects.
#[derive(Clone, Debug, Default)]
pub struct Protected {
    inputs: Vec<(&'static str, PathBuf)>,
}

impl Protected {
    /// Adds an input: `what` names it in messages ("the radar file"),
    /// `path` is where it is, as the user gave it.
    pub fn input(mut self, what: &'static str, path: impl Into<PathBuf>) -> Protected {
        self.inputs.push((what, path.into()));
        self
    }

    /// Refuses `target` (the real path of the output folder `out`) when it
    /// is one of the inputs, holds one, or lies inside one. Only reads.
    pub(super) fn check(&self, out: &Path, target: &Path) -> Result<(), Error> {
        for (what, path) in &self.inputs {
            let real = real_path(path).map_err(Error::io(path))?;
            let relation = if real == target {
                "is"
            } else if real.starts_with(target) {
                "holds"
            } else if target.starts_with(&real) {
                "is inside"
            } else {
                continue;
            };
            // `--out .` says little; the real folder says which one it is.
            let subject = if out == target {
                "it".to_owned()
            } else {
                format!("it is {}, which", target.display())
            };
            return Err(Error::Refused {
                path: out.to_path_buf(),
                reason: format!("{subject} {relation} {what} {}", path.display()),
                listed: Vec::new(),
                help: "`build` replaces its output folder as a whole, so it must be a \
                       folder of its own, apart from the radar file and the reports: a \
                       subfolder such as `output/` beside the radar file is the normal case \
                       (`--force` does not change this)"
                    .into(),
            });
        }
        Ok(())
    }
}

/// `path` as an absolute path without symlinks, `.` or `..`: the deepest
/// part that exists is resolved on disk (so a symlink, or a `..` after
/// one, leads where the system would go), and the rest, which cannot hold
/// a symlink, is appended as written. Not [`crate::path::normalize`],
/// which reads every `..` by name: here a `..` after a symlink leads to the
/// parent of where the link goes, and a `..` out of the missing part lands
/// back among real folders, which are resolved again.
pub(super) fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let mut real = PathBuf::new();
    // The components past the deepest existing folder.
    let mut missing: Vec<OsString> = Vec::new();
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::Prefix(_) => real.push(component),
            Component::RootDir => {
                real.push(component);
                // On Windows a canonical path is a verbatim `\\?\C:\` one;
                // start from that so that every result looks alike.
                real = std::fs::canonicalize(&real).unwrap_or(real);
            }
            Component::CurDir => {}
            Component::ParentDir => {
                // The parent of a resolved path is its real parent.
                if missing.pop().is_none() {
                    real.pop();
                }
            }
            Component::Normal(name) => {
                if missing.is_empty() {
                    let next = real.join(name);
                    match std::fs::symlink_metadata(&next) {
                        Ok(_) => {
                            real = std::fs::canonicalize(&next)?;
                            continue;
                        }
                        Err(e) if e.kind() == ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
                missing.push(name.to_os_string());
            }
        }
    }
    real.extend(missing);
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_paths_resolve_what_exists_and_append_the_rest() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = std::fs::canonicalize(dir.path())?;
        std::fs::create_dir_all(root.join("a/b"))?;
        let cases = [
            ("a/b", root.join("a/b")),
            ("a/./b/", root.join("a/b")),
            ("a/b/..", root.join("a")),
            ("a/new/deeper", root.join("a/new/deeper")),
            ("a/new/../b", root.join("a/b")),
            ("a/new/../../a/b/x", root.join("a/b/x")),
        ];
        for (rel, want) in cases {
            assert_eq!(real_path(&root.join(rel))?, want, "{rel}");
        }
        #[cfg(unix)]
        {
            // `link/..` is where the link leads to's parent, not `root`.
            std::os::unix::fs::symlink(root.join("a/b"), root.join("link"))?;
            assert_eq!(real_path(&root.join("link"))?, root.join("a/b"));
            assert_eq!(real_path(&root.join("link/.."))?, root.join("a"));
            assert_eq!(real_path(&root.join("link/new"))?, root.join("a/b/new"));
            assert_eq!(
                real_path(&root.join("new/../link/x"))?,
                root.join("a/b/x"),
                "a `..` out of a missing folder lands back among real ones"
            );
        }
        Ok(())
    }

    #[test]
    fn an_output_folder_may_not_be_or_hold_an_input_or_be_inside_one() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = std::fs::canonicalize(dir.path())?;
        std::fs::create_dir_all(root.join("project/reports/2024"))?;
        std::fs::write(root.join("project/radar.toml"), "")?;
        let protected = Protected::default()
            .input("the radar file", root.join("project/radar.toml"))
            .input("the reports folder", root.join("project/reports"));
        let refused = |rel: &str| {
            let out = root.join(rel);
            match protected.check(&out, &real_path(&out)?) {
                Err(Error::Refused { reason, .. }) => Ok(Some(reason)),
                Err(other) => Err(std::io::Error::other(other.to_string())),
                Ok(()) => Ok(None),
            }
        };
        for (rel, why) in [
            ("project", "it holds the radar file"),
            ("project/..", "which holds the radar file"),
            ("project/radar.toml", "it is the radar file"),
            ("project/reports", "it is the reports folder"),
            ("project/reports/2024", "it is inside the reports folder"),
            (
                "project/reports/new/site",
                "it is inside the reports folder",
            ),
            (
                "project/output/../reports/x",
                "which is inside the reports folder",
            ),
        ] {
            let reason = refused(rel)?;
            assert!(
                reason.as_deref().is_some_and(|r| r.contains(why)),
                "{rel}: {reason:?}"
            );
        }
        for rel in ["project/output", "project/reports-site", "elsewhere/output"] {
            assert_eq!(refused(rel)?, None, "{rel}");
        }
        Ok(())
    }
}
