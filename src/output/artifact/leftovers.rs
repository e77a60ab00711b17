//! Folders a build leaves beside the output folder, and what the next
//! build does with them.
//!
//! A build writes into `.NAME.PID-N.confradar-tmp` beside the output folder
//! `NAME`. Where folders cannot be exchanged in one step, it renames the
//! old output to `.NAME.PID-N.confradar-old` and the staged one into place;
//! a kill between the two renames leaves no `NAME` at all. Both names say
//! whose they are, so the next build, holding the lock that no build writes
//! without, knows every such folder is a leftover: it puts a set-aside
//! output back where its folder is missing, then clears the rest.
//!
//! Clearing never loses a file of the user's. A leftover is either an old
//! output or a half-written new one, and each carries its own manifest (a
//! staged folder gets it first, before any other file). A file is removed
//! only when that manifest lists it, or when the output folder has the very
//! same file at the same place (a hard link, or the same bytes); anything
//! else stays, and the folder with it, and the build says so.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{MANIFEST, entry_inside, mounts, owned};
use crate::error::Error;

/// What a leftover folder held when its build stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A staging folder: a new output being written, or after an exchange
    /// the old output, on its way out.
    Staged,
    /// An old output, renamed aside to make room for the new one.
    Aside,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Staged => "confradar-tmp",
            Kind::Aside => "confradar-old",
        }
    }
}

/// The name of the folder beside output folder `name` that build `pid`'s
/// `attempt`-th try uses.
pub(super) fn name(kind: Kind, name: &str, pid: u32, attempt: u32) -> String {
    format!(".{name}.{pid}-{attempt}.{}", kind.suffix())
}

/// Which leftover of output folder `name` `file_name` is, if any. Strict,
/// so that no other folder, and no leftover of another output folder whose
/// name starts the same way, is ever taken for one.
pub(super) fn parse(file_name: &str, name: &str) -> Option<Kind> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let rest = rest.strip_prefix('.')?;
    let (stem, suffix) = rest.split_once('.')?;
    let kind = [Kind::Staged, Kind::Aside]
        .into_iter()
        .find(|k| k.suffix() == suffix)?;
    let (pid, attempt) = stem.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(attempt)).then_some(kind)
}

/// Deals with what interrupted builds left beside `target`, the output
/// folder (`out` as the user named it): puts a set-aside output back if
/// `target` is missing, then clears every leftover (see the module
/// header). Must run under the lock, where no leftover is a live build's.
/// Adds a note for each folder it puts back or has to keep.
pub(super) fn recover(
    parent: &Path,
    name: &str,
    out: &Path,
    target: &Path,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    let mut staged = Vec::new();
    let mut aside = Vec::new();
    for entry in std::fs::read_dir(parent).map_err(Error::io(parent))? {
        let entry = entry.map_err(Error::io(parent))?;
        let kind = entry
            .file_name()
            .to_str()
            .and_then(|file_name| parse(file_name, name));
        match kind {
            Some(Kind::Staged) => staged.push(entry.path()),
            Some(Kind::Aside) => aside.push(entry.path()),
            None => {}
        }
    }
    staged.sort();
    aside.sort();
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if aside.len() > 1 {
                return Err(Error::Refused {
                    path: out.to_path_buf(),
                    reason: format!(
                        "it is missing, and interrupted builds left {} copies of it",
                        aside.len()
                    ),
                    listed: aside,
                    help: format!(
                        "rename the copy to keep to {}, then build again",
                        target.display()
                    ),
                });
            }
            // A kill between the two renames of a swap: the old output is
            // whole, and goes back where it was.
            if let Some(old) = aside.pop() {
                std::fs::rename(&old, target).map_err(Error::io(&old))?;
                notes.push(format!(
                    "put back {} from {}, where an interrupted build had left it",
                    out.display(),
                    old.display()
                ));
            }
        }
        Err(source) => {
            return Err(Error::io(target)(source));
        }
        Ok(_) => {}
    }
    for folder in staged.iter().chain(&aside) {
        let kept = discard(folder, target, &BTreeSet::new());
        if !kept.is_empty() {
            notes.push(kept_note(folder, out, &kept));
        }
    }
    Ok(())
}

/// The note for a leftover `folder` that still holds the files `kept`.
pub(super) fn kept_note(folder: &Path, out: &Path, kept: &[String]) -> String {
    let shown: Vec<&str> = kept.iter().take(5).map(String::as_str).collect();
    let more = match kept.len() {
        0..=5 => String::new(),
        n => format!(" and {} more", n - 5),
    };
    format!(
        "kept {}: it holds files that are not in {} ({}{more}); look through them, then remove it",
        folder.display(),
        out.display(),
        shown.join(", ")
    )
}

/// Removes the folder `dir` that held an output (old or half-written), but
/// only what is surely no loss: files `dir`'s own manifest or `also` lists,
/// and files `target` has the same of at the same place. Never enters a
/// mount point or another file system. Returns what it kept (relative
/// paths, sorted); `dir` is gone when that is empty. Best effort: what it
/// cannot look at, it keeps.
pub(super) fn discard(dir: &Path, target: &Path, also: &BTreeSet<String>) -> Vec<String> {
    let mut listed = owned(dir).ok().flatten().unwrap_or_default();
    listed.extend(also.iter().cloned());
    listed.insert(MANIFEST.to_owned());
    let clear = Clear {
        root: dir,
        target,
        listed: &listed,
        points: mounts::table().unwrap_or_default(),
    };
    let mut kept = Vec::new();
    clear.folder(dir, "", &mut kept);
    if kept.is_empty() && std::fs::remove_dir(dir).is_err() && dir.exists() {
        kept.push(".".into());
    }
    kept
}

/// One [`discard`] at work.
struct Clear<'a> {
    root: &'a Path,
    target: &'a Path,
    listed: &'a BTreeSet<String>,
    points: Vec<PathBuf>,
}

impl Clear<'_> {
    /// Clears `dir` (`rel` inside the root, `""` or `a/b/`), adding what it
    /// keeps to `kept`.
    fn folder(&self, dir: &Path, rel: &str, kept: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            kept.push(rel.into());
            return;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let path = entry.path();
            let rel = format!("{rel}{}", entry.file_name().to_string_lossy());
            let Ok(kind) = entry.file_type() else {
                kept.push(rel);
                continue;
            };
            if kind.is_dir() {
                if mounts::is_foreign(&path, self.root, &self.points).unwrap_or(true) {
                    kept.push(format!("{rel}/"));
                    continue;
                }
                let before = kept.len();
                self.folder(&path, &format!("{rel}/"), kept);
                if kept.len() == before && std::fs::remove_dir(&path).is_err() {
                    kept.push(format!("{rel}/"));
                }
            } else {
                let no_loss = self.listed.contains(&rel) || self.elsewhere(&path, &rel);
                if !(no_loss && std::fs::remove_file(&path).is_ok()) {
                    kept.push(rel);
                }
            }
        }
    }

    /// Whether the output folder has the file at `path` at the same place
    /// `rel`: the same file (a link carried over), the same symlink, or a
    /// file with the same bytes (a copy carried over).
    fn elsewhere(&self, path: &Path, rel: &str) -> bool {
        let (Ok(this), Ok(Some(that))) = (
            std::fs::symlink_metadata(path),
            entry_inside(self.target, rel),
        ) else {
            return false;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if (this.dev(), this.ino()) == (that.dev(), that.ino()) {
                return true;
            }
        }
        let there = self.target.join(rel);
        if this.file_type().is_symlink() && that.file_type().is_symlink() {
            return matches!(
                (std::fs::read_link(path), std::fs::read_link(&there)),
                (Ok(a), Ok(b)) if a == b
            );
        }
        this.is_file()
            && that.is_file()
            && this.len() == that.len()
            && matches!(
                (std::fs::read(path), std::fs::read(&there)),
                (Ok(a), Ok(b)) if a == b
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names_are_recognised_strictly() {
        let cases = [
            (".output.123-0.confradar-tmp", Some(Kind::Staged)),
            (".output.123-45.confradar-old", Some(Kind::Aside)),
            (".output.123-0.confradar-lock", None),
            (".output.x-0.confradar-tmp", None),
            (".output.123.confradar-tmp", None),
            (".output.123-0-1.confradar-tmp", None),
            // The leftover of an output folder called `output.123-0`.
            (".output.123-0.5-0.confradar-tmp", None),
            ("output.123-0.confradar-tmp", None),
            (".outputs.1-0.confradar-tmp", None),
        ];
        for (file_name, kind) in cases {
            assert_eq!(parse(file_name, "output"), kind, "{file_name}");
        }
        assert_eq!(
            parse(&name(Kind::Aside, "out", 7, 2), "out"),
            Some(Kind::Aside)
        );
    }

    fn write(path: &Path, text: &str) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text)
    }

    #[test]
    fn discard_removes_only_what_is_listed_or_also_in_the_output() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (old, target) = (dir.path().join("old"), dir.path().join("out"));
        write(
            &old.join(MANIFEST),
            "# comment\nradar.svg\neditions/a.svg\n",
        )?;
        write(&old.join("radar.svg"), "old radar")?;
        write(&old.join("editions/a.svg"), "old edition")?;
        write(&target.join("notes/linked.md"), "mine")?;
        std::fs::create_dir_all(old.join("notes"))?;
        std::fs::hard_link(target.join("notes/linked.md"), old.join("notes/linked.md"))?;
        write(&old.join("copied.md"), "same bytes")?;
        write(&target.join("copied.md"), "same bytes")?;
        write(&old.join("edited.md"), "before")?;
        write(&target.join("edited.md"), "after")?;
        write(&old.join("only-here.md"), "nowhere else")?;
        std::fs::create_dir_all(old.join("empty"))?;

        let kept = discard(&old, &target, &BTreeSet::new());
        assert_eq!(kept, ["edited.md", "only-here.md"]);
        assert_eq!(
            std::fs::read_to_string(old.join("only-here.md"))?,
            "nowhere else"
        );
        assert!(!old.join("radar.svg").exists() && !old.join("empty").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("notes/linked.md"))?,
            "mine"
        );

        // What the caller vouches for goes too; then the folder is gone.
        let also = BTreeSet::from(["edited.md".to_owned(), "only-here.md".to_owned()]);
        assert_eq!(discard(&old, &target, &also), Vec::<String>::new());
        assert!(!old.exists());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn discard_never_follows_a_symlink_out() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (old, target) = (dir.path().join("old"), dir.path().join("out"));
        write(&dir.path().join("elsewhere/x.md"), "outside")?;
        write(&old.join(MANIFEST), "link/x.md\n")?;
        std::fs::create_dir_all(&target)?;
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), old.join("link"))?;
        // `link` is a symlink of the user's, not in the output folder: kept,
        // and what it points to untouched.
        assert_eq!(discard(&old, &target, &BTreeSet::new()), ["link"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("elsewhere/x.md"))?,
            "outside"
        );
        Ok(())
    }

    #[test]
    fn an_interrupted_fallback_swap_is_put_back_then_cleared() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let parent = dir.path();
        let target = parent.join("out");
        // The state a kill between the two renames leaves: the old output
        // aside, the new one staged, no `out`.
        let aside = parent.join(name(Kind::Aside, "out", 99, 0));
        let staged = parent.join(name(Kind::Staged, "out", 99, 0));
        write(&aside.join(MANIFEST), "radar.svg\n")?;
        write(&aside.join("radar.svg"), "old")?;
        write(&aside.join("mine.md"), "mine")?;
        write(&staged.join(MANIFEST), "radar.svg\n")?;
        write(&staged.join("radar.svg"), "new")?;
        std::fs::hard_link(aside.join("mine.md"), staged.join("mine.md"))?;
        let mut notes = Vec::new();
        recover(parent, "out", Path::new("out"), &target, &mut notes)
            .map_err(std::io::Error::other)?;
        assert_eq!(std::fs::read_to_string(target.join("radar.svg"))?, "old");
        assert_eq!(std::fs::read_to_string(target.join("mine.md"))?, "mine");
        assert!(!aside.exists() && !staged.exists());
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("put back out from "), "{notes:?}");

        // Two copies and no output: which one to keep is the user's call.
        std::fs::rename(&target, parent.join(name(Kind::Aside, "out", 1, 0)))?;
        write(&parent.join(name(Kind::Aside, "out", 2, 0)).join("x"), "x")?;
        let error = recover(parent, "out", Path::new("out"), &target, &mut notes);
        assert!(matches!(error, Err(Error::Refused { ref listed, .. }) if listed.len() == 2));
        assert!(!target.exists());
        Ok(())
    }
}
