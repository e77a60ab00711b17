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

mod leftovers;
mod lock;
mod mounts;
mod protected;

pub use protected::Protected;

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
    for path in owned(out)?.unwrap_or_default() {
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
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let parent = target
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let _lock = lock::OutputLock::acquire(&parent, &name)?;
    let mut notes = Vec::new();
    leftovers::recover(&parent, &name, out, &target, &mut notes)?;
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
    let (owned, replaced) = match &existing {
        Some(_) => inspect(out, &target, artifacts, options.force)?,
        None => Default::default(),
    };
    let staging = Staging::create(&parent, &name, &target)?;
    if let Some(meta) = &existing {
        // Keep the folder's mode: the swap replaces the folder itself.
        std::fs::set_permissions(&staging.path, meta.permissions()).map_err(io(&staging.path))?;
    }
    // The manifest goes first: a staging folder a kill leaves then lists
    // every file of its own, and the next build can tell them from the
    // user's that were linked in.
    let manifest = manifest(artifacts);
    for artifact in std::iter::once(&manifest).chain(artifacts) {
        let path = staging.path.join(&artifact.path);
        // Errors name the file as the user knows it, not the staging folder.
        let shown = out.join(&artifact.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(&shown))?;
        }
        std::fs::write(&path, &artifact.bytes).map_err(io(&shown))?;
    }
    if existing.is_some() {
        let produced: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
        let keep = Keep {
            owned: &owned,
            produced: &produced,
            replaced: &replaced,
        };
        keep.folder(&target, &staging.path, "")?;
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

/// The folder to replace, as an absolute real path with a parent: `out`
/// itself, or what it links to, so a symlinked output folder stays a
/// symlink. `--out .` or `--out sub/..` must name the real folder, so that
/// the staging folder is created beside it and never inside it.
fn resolve(out: &Path) -> Result<PathBuf, Error> {
    let io = |source| Error::Io {
        path: out.to_path_buf(),
        source,
    };
    let target = protected::real_path(out).map_err(io)?;
    if target.parent().is_none() || target.file_name().is_none() {
        return Err(io(std::io::Error::new(
            ErrorKind::InvalidInput,
            "the output folder cannot be the root folder",
        )));
    }
    Ok(target)
}

/// Looks at the output folder there already is, before anything is
/// written, and refuses it where the swap would lose something: a mount
/// point at or in it, a folder of the user's where a file goes, and,
/// without `force`, a folder with no manifest (all of its files the
/// user's) or a file of the user's where `build` writes one. Returns the
/// files the manifest lists and the user's files to be replaced.
fn inspect(
    out: &Path,
    target: &Path,
    artifacts: &[Artifact],
    force: bool,
) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
    let io = |source| Error::Io {
        path: out.to_path_buf(),
        source,
    };
    let refuse = |reason: String, listed: Vec<PathBuf>, help: &str| Error::Refused {
        path: out.to_path_buf(),
        reason,
        listed,
        help: help.to_owned(),
    };
    let shown = |rels: &BTreeSet<String>| rels.iter().map(|rel| out.join(rel)).collect();
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    if mounts::is_mount_point(target).map_err(io)? {
        return Err(refuse(
            "it is a mount point, and `build` replaces the folder itself".into(),
            Vec::new(),
            "write to a new folder inside it or beside it instead \
             (`--force` does not change this)",
        ));
    }
    let foreign = mounts::inside(target).map_err(io)?;
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
        return Err(refuse(
            reason,
            listed,
            "unmount it or move it out of the output folder, or write to another folder \
             (`--force` does not change this)",
        ));
    }
    let manifest = owned(target)?;
    let has_manifest = manifest.is_some();
    let owned = manifest.unwrap_or_default();
    let (replaced, blocked) = conflicts(target, artifacts, &owned)?;
    if !blocked.is_empty() {
        return Err(refuse(
            format!(
                "{} where `build` writes a file",
                count(blocked.len(), "folder of yours is", "folders of yours are")
            ),
            shown(&blocked),
            "move or rename it (`--force` never replaces a folder)",
        ));
    }
    let empty = std::fs::read_dir(target).map_err(io)?.next().is_none();
    if !has_manifest && !empty && !force {
        let mut reason = format!("it holds files confradar did not write (it has no {MANIFEST})");
        if !replaced.is_empty() {
            reason.push_str(&format!(
                ", and `--force` would replace {} of them:",
                replaced.len()
            ));
        }
        return Err(refuse(
            reason,
            shown(&replaced),
            "choose an empty or new folder, or pass --force to take this one over: \
             your files are kept, and each one at a path `build` writes is named as it \
             is replaced",
        ));
    }
    if !replaced.is_empty() && !force {
        return Err(refuse(
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
                Err(source) => return Err(Error::Io { path, source }),
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

/// Copies the user's files from the old output into the new one.
struct Keep<'a> {
    owned: &'a BTreeSet<String>,
    produced: &'a BTreeSet<&'a str>,
    /// The user's files that new ones replace (with `--force`).
    replaced: &'a BTreeSet<String>,
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
        entries.sort_by_key(std::fs::DirEntry::file_name);
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
/// Cleared on drop when the swap did not happen, so an error leaves nothing
/// behind. A killed process leaves it: a hidden `.NAME.PID-N.confradar-tmp`
/// folder, cleared by the next build ([`leftovers`]).
struct Staging {
    /// Empty once the folder is swapped in.
    path: PathBuf,
    /// The output folder it is for.
    target: PathBuf,
}

/// How the staged folder was put in place.
#[derive(Debug, PartialEq, Eq)]
enum Swapped {
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
    fn old(&self) -> Option<&Path> {
        match self {
            Swapped::Moved => None,
            Swapped::Exchanged(old) | Swapped::Renamed(old) => Some(old),
        }
    }
}

impl Staging {
    fn create(parent: &Path, name: &str, target: &Path) -> Result<Staging, Error> {
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
                Err(source) => return Err(Error::Io { path, source }),
            }
        }
    }

    /// Puts the staged folder at the target: renamed there when `existed`
    /// is false; otherwise exchanged with the old folder where the system
    /// can (and `atomic` allows), else by two renames.
    fn swap_into(mut self, existed: bool, atomic: bool) -> Result<Swapped, Error> {
        let io = |source| Error::Io {
            path: self.target.clone(),
            source,
        };
        let swapped = if !existed {
            std::fs::rename(&self.path, &self.target).map_err(io)?;
            Swapped::Moved
        } else if atomic && exchange(&self.path, &self.target).is_ok() {
            Swapped::Exchanged(self.path.clone())
        } else {
            Swapped::Renamed(swap_by_renames(&self.path, &self.target).map_err(io)?)
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
/// the old one back ([`leftovers::recover`]).
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
    fn manifest_is_sorted_and_skips_comments_when_read() -> Result<(), Error> {
        let m = manifest(&[Artifact::text("b.svg", ""), Artifact::text("a/x.md", "")]);
        let text = String::from_utf8(m.bytes.clone()).unwrap_or_default();
        let listed: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(listed, ["a/x.md", "b.svg"]);
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::new(),
            source,
        })?;
        let _ = std::fs::write(dir.path().join(MANIFEST), &m.bytes);
        assert_eq!(
            owned(dir.path())?,
            Some(BTreeSet::from(["a/x.md".into(), "b.svg".into()]))
        );
        Ok(())
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
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: PathBuf::new(),
            source,
        })?;
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
