//! Where the cache lives, and how it is read, written and cleared without
//! touching a file confradar did not write.
//!
//! The folder is `.confradar-cache/` beside the radar file, or, with
//! `--cache-dir DIR` (or `CONFRADAR_CACHE_DIR`), `DIR/<hash>/`: one
//! folder per project, named by a hash of the project folder's real path,
//! so one `DIR` (say `~/.cache/confradar`) serves every project.
//!
//! confradar makes the folder itself and marks it with a `CACHEDIR.TAG`
//! (the convention backup tools skip) and a `.gitignore` of `*`, as cargo
//! does for `target/`. A folder is confradar's only when it is a real
//! folder (not a link) holding that exact tag, or when it is empty; any
//! other folder at that path is left alone, and the run goes on without a
//! cache. Inside, confradar writes one file, `counts.bin`, by writing a
//! temporary file beside it and renaming it over the old one: two runs at
//! once each leave a whole file, and the last one wins. Talks to
//! [`crate::read`] for reading.

use std::io::Write;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

/// The default folder's name, beside the radar file.
pub(crate) const DEFAULT: &str = ".confradar-cache";

/// The environment variable that does what `--cache-dir` does.
pub(crate) const ENV: &str = "CONFRADAR_CACHE_DIR";

/// The cache file.
const FILE: &str = "counts.bin";

/// The tag that says the folder is confradar's cache.
const TAG: &str = "CACHEDIR.TAG";

/// The tag's text: the signature the cache-folder convention asks for, then
/// what the folder is.
const TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This folder is confradar's cache of per-report counts.\n\
# It can be deleted at any time; `confradar cache clear` does that.\n";

/// Keeps the folder out of git even where the project's own .gitignore
/// does not list it.
const GITIGNORE: &str = ".gitignore";

/// The `.gitignore` text.
const GITIGNORE_TEXT: &str = "# confradar's cache: not for committing.\n*\n";

/// The largest cache file read: 100,000 reports take about 17 MB.
const LIMIT: u64 = 1 << 30;

/// The cache folder for the radar file `config`, with `--cache-dir`'s
/// `dir` when given, else `CONFRADAR_CACHE_DIR` when set; `None` when the
/// project folder cannot be resolved for a per-project name.
pub(crate) fn resolve(config: &Path, dir: Option<&Path>) -> Option<PathBuf> {
    let chosen = dir.map(Path::to_path_buf).or_else(|| {
        std::env::var_os(ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    locate(config, chosen.as_deref())
}

/// [`resolve`] once the environment is read: `dir` is the folder asked
/// for, if any.
fn locate(config: &Path, dir: Option<&Path>) -> Option<PathBuf> {
    let base = match config.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(dir) = dir else {
        return Some(base.join(DEFAULT));
    };
    let project = base.canonicalize().ok()?;
    let name = format!("{:016x}", xxh3_64(project.as_os_str().as_encoded_bytes()));
    Some(dir.join(name))
}

/// The cache file's bytes, when `dir` is confradar's cache folder and holds
/// a regular `counts.bin` within the size limit.
pub(crate) fn read(dir: &Path) -> Option<Vec<u8>> {
    if !is_ours(dir) {
        return None;
    }
    let path = dir.join(FILE);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    crate::read::read_regular(&path, LIMIT).ok()
}

/// Replaces the cache file in `dir` with `bytes`, making the folder first
/// when there is none; refuses a folder that is not confradar's, and a
/// `counts.bin` that is not a regular file.
#[cfg(test)]
pub(crate) fn write(dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(dir, |out| out.write_all(bytes))
}

/// [`write`], with the bytes written by `fill` as they are made: a cache
/// of a hundred thousand reports is never whole in memory. The old file
/// is replaced only when `fill` succeeds.
pub(crate) fn write_with(
    dir: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    claim(dir)?;
    let target = dir.join(FILE);
    if std::fs::symlink_metadata(&target).is_ok_and(|m| !m.is_file()) {
        return Err(not_ours(&target));
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    let temp = dir.join(format!("{FILE}.{}-{nanos}.tmp", std::process::id()));
    let written = std::fs::File::create_new(&temp)
        .and_then(|mut f| fill(&mut f))
        .and_then(|()| std::fs::rename(&temp, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// What [`clear`] did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Cleared {
    /// There was no folder.
    Missing,
    /// The folder is not confradar's: nothing was removed.
    NotOurs,
    /// The folder and everything confradar had written in it are gone.
    Removed,
    /// confradar's files are gone; these other entries (sorted) were kept,
    /// and with them the folder.
    Kept(Vec<String>),
}

/// Removes the cache folder `dir`: the files confradar writes there, then
/// the folder itself when nothing else is in it.
pub(crate) fn clear(dir: &Path) -> std::io::Result<Cleared> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cleared::Missing),
        Err(e) => return Err(e),
        Ok(_) if !is_ours(dir) => return Ok(Cleared::NotOurs),
        Ok(_) => {}
    }
    let mut kept = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let regular = entry.file_type()?.is_file();
        let cache_file = name == FILE || is_temp(&name);
        if regular && cache_file {
            std::fs::remove_file(entry.path())?;
        } else if !(name == TAG || (name == GITIGNORE && holds(&entry.path(), GITIGNORE_TEXT))) {
            kept.push(name);
        }
    }
    if !kept.is_empty() {
        kept.sort();
        return Ok(Cleared::Kept(kept));
    }
    if holds(&dir.join(GITIGNORE), GITIGNORE_TEXT) {
        std::fs::remove_file(dir.join(GITIGNORE))?;
    }
    std::fs::remove_file(dir.join(TAG))?;
    std::fs::remove_dir(dir)?;
    Ok(Cleared::Removed)
}

/// Whether `name` is one of [`write`]'s temporary files,
/// `counts.bin.<pid>-<nanos>.tmp`, which a killed run can leave behind.
fn is_temp(name: &str) -> bool {
    name.strip_prefix("counts.bin.")
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|middle| middle.split_once('-'))
        .is_some_and(|(pid, nanos)| {
            [pid, nanos]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Makes `dir` confradar's cache folder, or checks that it is: an empty
/// folder (one a run made and did not finish marking, or one the user made
/// for `--cache-dir`) is taken over.
fn claim(dir: &Path) -> std::io::Result<()> {
    if is_ours(dir) {
        return Ok(());
    }
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            match std::fs::create_dir(dir) {
                // Another run made it first; it marks it too.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                other => other?,
            }
        }
        Err(e) => return Err(e),
        Ok(meta) if meta.is_dir() && std::fs::read_dir(dir)?.next().is_none() => {}
        Ok(_) => return Err(not_ours(dir)),
    }
    for (name, text) in [(GITIGNORE, GITIGNORE_TEXT), (TAG, TAG_TEXT)] {
        match std::fs::File::create_new(dir.join(name)) {
            Ok(mut file) => file.write_all(text.as_bytes())?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    if is_ours(dir) {
        Ok(())
    } else {
        Err(not_ours(dir))
    }
}

/// Whether `dir` is a real folder (not a link) holding confradar's tag.
fn is_ours(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) && holds(&dir.join(TAG), TAG_TEXT)
}

/// Whether `path` is a regular file (not a link) holding exactly `text`.
fn holds(path: &Path, text: &str) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && crate::read::read_regular(path, text.len() as u64)
            .is_ok_and(|bytes| bytes == text.as_bytes())
}

fn not_ours(path: &Path) -> std::io::Error {
    std::io::Error::other(format!("{} is not confradar's", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_made_marked_and_cleared_whole() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join(DEFAULT);
        write(&dir, b"one")?;
        write(&dir, b"two")?;
        assert_eq!(read(&dir).as_deref(), Some(&b"two"[..]));
        assert_eq!(
            std::fs::read_to_string(dir.join(GITIGNORE))?,
            GITIGNORE_TEXT
        );
        let mut names: Vec<String> = std::fs::read_dir(&dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        names.sort();
        assert_eq!(names, [GITIGNORE, TAG, FILE]);
        assert_eq!(clear(&dir)?, Cleared::Removed);
        assert!(!dir.exists());
        assert_eq!(clear(&dir)?, Cleared::Missing);
        Ok(())
    }

    #[test]
    fn a_folder_of_someone_elses_is_neither_read_written_nor_cleared() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join(DEFAULT);
        std::fs::create_dir(&dir)?;
        std::fs::write(dir.join(FILE), b"mine")?;
        assert_eq!(read(&dir), None);
        assert!(write(&dir, b"cache").is_err());
        assert_eq!(clear(&dir)?, Cleared::NotOurs);
        assert_eq!(std::fs::read(dir.join(FILE))?, b"mine");
        // A tag that is not confradar's does not make it so.
        std::fs::write(
            dir.join(TAG),
            "Signature: 8a477f597d28d172789f06886806bc55\n",
        )?;
        assert!(write(&dir, b"cache").is_err());
        assert_eq!(std::fs::read(dir.join(FILE))?, b"mine");
        Ok(())
    }

    #[test]
    fn files_of_the_users_in_the_cache_folder_are_kept() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join(DEFAULT);
        write(&dir, b"cache")?;
        std::fs::write(dir.join("notes.md"), "mine")?;
        std::fs::write(dir.join("counts.bin.tmp"), "mine too")?;
        std::fs::write(dir.join("counts.bin.12-34.tmp"), "a killed run's")?;
        assert_eq!(
            clear(&dir)?,
            Cleared::Kept(vec!["counts.bin.tmp".into(), "notes.md".into()])
        );
        assert!(!dir.join(FILE).exists());
        assert_eq!(std::fs::read_to_string(dir.join("notes.md"))?, "mine");
        assert!(is_ours(&dir), "the tag stays with the folder");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_folder_or_the_file_is_not_followed() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let elsewhere = tmp.path().join("elsewhere");
        write(&elsewhere, b"cache")?;
        let link = tmp.path().join(DEFAULT);
        std::os::unix::fs::symlink(&elsewhere, &link)?;
        assert_eq!(read(&link), None);
        assert!(write(&link, b"other").is_err());
        assert_eq!(clear(&link)?, Cleared::NotOurs);
        assert_eq!(read(&elsewhere).as_deref(), Some(&b"cache"[..]));
        // A link named counts.bin inside the folder is neither read
        // through nor replaced.
        let dir = tmp.path().join("real");
        write(&dir, b"x")?;
        std::fs::write(tmp.path().join("target"), b"precious")?;
        std::fs::remove_file(dir.join(FILE))?;
        std::os::unix::fs::symlink(tmp.path().join("target"), dir.join(FILE))?;
        assert_eq!(read(&dir), None);
        assert!(write(&dir, b"y").is_err());
        assert_eq!(std::fs::read(tmp.path().join("target"))?, b"precious");
        Ok(())
    }

    #[test]
    fn an_empty_folder_is_taken_over() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        write(tmp.path(), b"cache")?;
        assert_eq!(read(tmp.path()).as_deref(), Some(&b"cache"[..]));
        Ok(())
    }

    #[test]
    fn a_cache_dir_holds_one_folder_per_project() {
        let a = tempfile::tempdir().expect("tmp");
        let b = tempfile::tempdir().expect("tmp");
        let base = Path::new("/var/cache/confradar");
        let one = locate(&a.path().join("radar.toml"), Some(base)).expect("resolved");
        let two = locate(&b.path().join("radar.toml"), Some(base)).expect("resolved");
        assert!(one.starts_with(base) && two.starts_with(base));
        assert_ne!(one, two);
        assert_eq!(
            locate(&a.path().join("x/../radar.toml"), Some(base)),
            None,
            "a project folder that does not resolve has no cache"
        );
        assert_eq!(
            locate(Path::new("radar.toml"), None),
            Some(PathBuf::from("./.confradar-cache"))
        );
    }
}
