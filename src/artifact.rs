//! Generated files, held in memory until they are written.
//!
//! `build` renders every output into a list of artifacts first and touches
//! the disk only here, at the end. Writing never leaves half an output: the
//! files go into a staging folder beside the output folder, the user's own
//! files are linked into it, and only then is it swapped in, in one
//! `renameat2(RENAME_EXCHANGE)` on Linux (or two renames elsewhere). A
//! failure, or a kill, at any point before the swap leaves the old output as
//! it was.
//!
//! `build` knows which files are its own from a small manifest,
//! [`MANIFEST`], that it writes beside them. Owned files that a build no
//! longer produces (a removed edition, say) disappear with the swap; every
//! other file in the folder is the user's and is carried over.

use std::collections::BTreeSet;
use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

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

/// The paths listed in the manifest under `out`; empty when there is none
/// (a folder no build has written yet, whose files are all the user's).
/// The manifest is read back from disk, where anyone (a pull request) may
/// have edited it, so lines that are not plain relative paths are ignored:
/// no listed path can lead out of the folder.
fn owned(out: &Path) -> Result<BTreeSet<String>, Error> {
    let path = out.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.starts_with('#') && is_plain(l))
            .map(str::to_owned)
            .collect()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(source) => Err(Error::Io { path, source }),
    }
}

/// Artifact paths come from renderers, not users, but a path that climbs
/// out of the output folder would make the swap unsafe, so it is refused
/// before anything is written.
fn check_paths(artifacts: &[Artifact]) -> Result<(), Error> {
    for artifact in artifacts {
        if !is_plain(&artifact.path) || artifact.path == MANIFEST {
            return Err(Error::Io {
                path: PathBuf::from(&artifact.path),
                source: std::io::Error::new(
                    ErrorKind::InvalidInput,
                    "an output path must be relative and stay inside the output folder",
                ),
            });
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
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    let mut stale = Vec::new();
    let manifest = manifest(artifacts);
    for artifact in artifacts.iter().chain(std::iter::once(&manifest)) {
        let path = out.join(&artifact.path);
        let how = match entry_inside(out, &artifact.path).map_err(io(path.clone()))? {
            // A folder where the file goes counts as no file.
            None => Some(Staleness::Added),
            Some(meta) if meta.is_dir() => Some(Staleness::Added),
            Some(meta) if meta.is_file() => {
                let bytes = std::fs::read(&path).map_err(io(path.clone()))?;
                (bytes != artifact.bytes).then_some(Staleness::Changed)
            }
            Some(_) => Some(Staleness::Changed),
        };
        if let Some(how) = how {
            stale.push((artifact.path.clone(), how));
        }
    }
    let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    for path in owned(out)? {
        if !produced.contains(path.as_str())
            && entry_inside(out, &path)
                .map_err(io(out.join(&path)))?
                .is_some()
        {
            stale.push((path, Staleness::Removed));
        }
    }
    stale.sort();
    Ok(stale)
}

/// Not there, or not a file where one is expected.
fn is_absent(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::NotFound | ErrorKind::NotADirectory | ErrorKind::IsADirectory
    )
}

/// Writes `artifacts` as the new content of `out`, all at once: the old
/// folder stays untouched until every file is complete. Returns the paths
/// written (the manifest aside).
pub fn write_all(out: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>, Error> {
    check_paths(artifacts)?;
    let target = resolve(out)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let parent = target
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => Some(meta),
        Ok(_) => {
            return Err(Error::Io {
                path: target,
                source: std::io::Error::new(ErrorKind::AlreadyExists, "not a folder"),
            });
        }
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(source) => {
            return Err(Error::Io {
                path: target,
                source,
            });
        }
    };
    sweep_leftovers(&parent, &target);
    let staging = Staging::create(&parent, &target)?;
    if let Some(meta) = &existing {
        // Keep the folder's mode: the swap replaces the folder itself.
        std::fs::set_permissions(&staging.path, meta.permissions()).map_err(io(&staging.path))?;
    }
    let manifest = manifest(artifacts);
    for artifact in artifacts.iter().chain(std::iter::once(&manifest)) {
        let path = staging.path.join(&artifact.path);
        // Errors name the file as the user knows it, not the staging folder.
        let shown = out.join(&artifact.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(&shown))?;
        }
        std::fs::write(&path, &artifact.bytes).map_err(io(&shown))?;
    }
    if existing.is_some() {
        let owned = owned(&target)?;
        let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
        let keep = Keep {
            owned: &owned,
            produced: &produced,
        };
        keep.folder(&target, &staging.path, "")?;
    }
    staging.swap_into(&target, existing.is_some())?;
    Ok(artifacts.iter().map(|a| out.join(&a.path)).collect())
}

/// The folder to replace, as an absolute path with a parent: `out`
/// itself, or what it links to, so a symlinked output folder stays a
/// symlink. `--out .` or `--out sub/..` must name the real folder, so that
/// the staging folder is created beside it and never inside it.
fn resolve(out: &Path) -> Result<PathBuf, Error> {
    let io = |source| Error::Io {
        path: out.to_path_buf(),
        source,
    };
    let target = if std::fs::symlink_metadata(out).is_ok() {
        std::fs::canonicalize(out).map_err(io)?
    } else {
        let mut path = PathBuf::new();
        for component in std::path::absolute(out).map_err(io)?.components() {
            match component {
                Component::ParentDir => {
                    path.pop();
                }
                Component::CurDir => {}
                other => path.push(other),
            }
        }
        path
    };
    if target.parent().is_none() || target.file_name().is_none() {
        return Err(io(std::io::Error::new(
            ErrorKind::InvalidInput,
            "the output folder cannot be the root folder",
        )));
    }
    Ok(target)
}

/// Copies the user's files from the old output into the new one.
struct Keep<'a> {
    owned: &'a BTreeSet<String>,
    produced: &'a BTreeSet<&'a str>,
}

impl Keep<'_> {
    /// Carries over everything in the old folder `old/rel` (`rel` is `""`
    /// or `dir/`) that `build` does not own, into `new`.
    fn folder(&self, old: &Path, new: &Path, rel: &str) -> Result<(), Error> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let mut entries: Vec<_> = std::fs::read_dir(old)
            .map_err(io(old))?
            .collect::<Result<_, _>>()
            .map_err(io(old))?;
        entries.sort_by_key(|e| e.file_name());
        if entries.is_empty() && !rel.is_empty() {
            // An empty folder can only be the user's: build never makes one.
            std::fs::create_dir_all(new).map_err(io(new))?;
        }
        for entry in entries {
            let name = entry.file_name();
            // A name that is not UTF-8 never matches an artifact, so it
            // stays the user's.
            let path = format!("{rel}{}", name.to_string_lossy());
            let kind = entry.file_type().map_err(io(&entry.path()))?;
            if kind.is_dir() {
                let (from, to) = (entry.path(), new.join(&name));
                self.folder(&from, &to, &format!("{path}/"))?;
                // A folder that holds the user's files keeps its mode.
                if to.is_dir() {
                    let mode = std::fs::metadata(&from).map_err(io(&from))?.permissions();
                    std::fs::set_permissions(&to, mode).map_err(io(&to))?;
                }
            } else if path != MANIFEST
                && !self.owned.contains(&path)
                && !self.produced.contains(path.as_str())
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
    let io = |source| Error::Io {
        path: from.to_path_buf(),
        source,
    };
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: from.to_path_buf(),
            source: std::io::Error::new(
                source.kind(),
                format!("this file of yours is in the way of a file `build` writes ({source})"),
            ),
        })?;
    }
    #[cfg(unix)]
    if std::fs::symlink_metadata(from)
        .map_err(io)?
        .file_type()
        .is_symlink()
    {
        let link = std::fs::read_link(from).map_err(io)?;
        return std::os::unix::fs::symlink(&link, to).map_err(io);
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(io)?;
    }
    Ok(())
}

/// A folder beside the output folder that the new output is written into.
/// Removed on drop (holding the old output after a swap), so an error
/// leaves nothing behind. A killed process leaves it: a hidden
/// `.NAME.PID-N.confradar-tmp` folder, swept by the next build.
struct Staging {
    path: PathBuf,
}

impl Staging {
    fn create(parent: &Path, target: &Path) -> Result<Staging, Error> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let pid = std::process::id();
        for attempt in 0u32.. {
            let path = parent.join(format!(".{name}.{pid}-{attempt}.confradar-tmp"));
            // create_dir, not create_dir_all: it fails on a folder that is
            // already there, so two builds never share one.
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Staging { path }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => {}
                Err(source) => return Err(Error::Io { path, source }),
            }
        }
        unreachable!("the loop returns")
    }

    /// Puts the staged folder at `target`. Afterwards the staging path holds
    /// the old output, which is removed with `self`.
    fn swap_into(self, target: &Path, existed: bool) -> Result<(), Error> {
        let io = |source| Error::Io {
            path: target.to_path_buf(),
            source,
        };
        if !existed {
            return std::fs::rename(&self.path, target).map_err(io);
        }
        if exchange(&self.path, target).is_ok() {
            return Ok(());
        }
        swap_by_renames(&self.path, target).map_err(io)
    }
}

/// The swap where there is no atomic exchange (not Linux, or a file system
/// without it): move the old folder aside, move the new one in, and put the
/// old one back if that fails. A kill between the two renames leaves the
/// old output complete in the aside folder.
fn swap_by_renames(staged: &Path, target: &Path) -> std::io::Result<()> {
    let aside = staged.with_extension("confradar-old");
    std::fs::rename(target, &aside)?;
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(&aside, target);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Removes staging folders that killed builds left beside `target`. Only
/// those of processes that are certainly gone: a live build's folder, or
/// one on a system where that cannot be told, is left alone. Best effort;
/// a leftover costs only disk space.
fn sweep_leftovers(parent: &Path, target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".confradar-tmp"))
            .and_then(|n| n.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && process_gone(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_gone(_: u32) -> bool {
    false
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_sorted_and_skips_comments_when_read() {
        let m = manifest(&[Artifact::text("b.svg", ""), Artifact::text("a/x.md", "")]);
        let text = String::from_utf8(m.bytes).unwrap_or_default();
        let listed: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(listed, ["a/x.md", "b.svg"]);
    }

    #[test]
    fn manifest_lines_that_are_not_plain_relative_paths_are_ignored() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::new(),
            source,
        })?;
        let text = "radar.svg\n../secret\n/etc/passwd\na//b\na/./b\n./c\nd/\n\neditions/x.svg\r\n";
        let _ = std::fs::write(dir.path().join(MANIFEST), text);
        assert_eq!(
            owned(dir.path())?,
            BTreeSet::from(["editions/x.svg".into(), "radar.svg".into()])
        );
        Ok(())
    }

    #[test]
    fn both_swaps_put_the_new_folder_in_place() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (staged, target) = (dir.path().join("new"), dir.path().join("out"));
        type Swap = fn(&Path, &Path) -> std::io::Result<()>;
        // The exchange exists only on Linux; elsewhere the fallback is all.
        #[cfg(target_os = "linux")]
        let swaps: &[Swap] = &[exchange, swap_by_renames];
        #[cfg(not(target_os = "linux"))]
        let swaps: &[Swap] = &[swap_by_renames];
        for swap in swaps {
            std::fs::create_dir_all(&staged)?;
            std::fs::create_dir_all(&target)?;
            std::fs::write(staged.join("f"), "new")?;
            std::fs::write(target.join("f"), "old")?;
            swap(&staged, &target)?;
            assert_eq!(std::fs::read_to_string(target.join("f"))?, "new");
            let _ = std::fs::remove_dir_all(&staged);
        }
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
