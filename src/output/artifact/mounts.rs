//! Mount points in and at an output folder.
//!
//! `build` swaps its output folder out and removes the old one, so a volume
//! mounted anywhere inside it would be emptied with it. Before anything is
//! written, the old output is searched for folders on another file system
//! (their `st_dev` differs from the output folder's; symlinks are not
//! followed) and, on Linux, for the mount points `/proc/self/mountinfo`
//! lists under it, which also catches a bind mount of the same file system.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folders under `root` (never `root` itself) that are mount points or
/// on another file system, sorted. Reads only; never enters them.
pub(super) fn inside(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: BTreeSet<PathBuf> = table()?
        .into_iter()
        .filter(|point| point.starts_with(root) && point != root)
        .collect();
    other_devices(root, &mut found)?;
    Ok(found.into_iter().collect())
}

/// Whether `root` is itself a mount point: listed as one, or on another
/// file system than its parent.
pub(super) fn is_mount_point(root: &Path) -> std::io::Result<bool> {
    if table()?.iter().any(|point| point == root) {
        return Ok(true);
    }
    match root.parent() {
        Some(parent) => Ok(device(root)? != device(parent)?),
        None => Ok(true),
    }
}

/// Whether `dir` (a folder inside `root`) must not be entered: a mount
/// point, or on another file system than `root`. `points` is [`table`]'s
/// answer, read once by the caller.
pub(super) fn is_foreign(dir: &Path, root: &Path, points: &[PathBuf]) -> std::io::Result<bool> {
    Ok(points.iter().any(|point| point == dir) || device(dir)? != device(root)?)
}

/// Adds every folder under `root` whose device differs from `root`'s,
/// without descending into it.
fn other_devices(root: &Path, found: &mut BTreeSet<PathBuf>) -> std::io::Result<()> {
    let dev = device(root)?;
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            // The entry's own type: a symlink to a folder is not followed.
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let path = entry.path();
            if device(&path)? == dev {
                folders.push(path);
            } else {
                found.insert(path);
            }
        }
    }
    Ok(())
}

/// The device `path` itself (not what it links to) is on.
#[cfg(unix)]
fn device(path: &Path) -> std::io::Result<Option<u64>> {
    use std::os::unix::fs::MetadataExt;
    Ok(Some(std::fs::symlink_metadata(path)?.dev()))
}

/// Elsewhere std does not tell; mount points are not looked for.
#[cfg(not(unix))]
fn device(_: &Path) -> std::io::Result<Option<u64>> {
    Ok(None)
}

/// Every mount point the system lists; empty where there is no such list.
pub(super) fn table() -> std::io::Result<Vec<PathBuf>> {
    #[cfg(target_os = "linux")]
    match std::fs::read_to_string("/proc/self/mountinfo") {
        Ok(text) => return Ok(parse_mountinfo(&text)),
        // Without /proc (a bare container) the device check still runs.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Ok(Vec::new())
}

/// The mount points in `/proc/self/mountinfo`: the fifth field of each
/// line (see proc(5)), where the kernel writes space, tab, newline and
/// backslash as `\040`, `\011`, `\012` and `\134`.
#[cfg(target_os = "linux")]
fn parse_mountinfo(text: &str) -> Vec<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    text.lines()
        .filter_map(|line| line.split(' ').nth(4))
        .map(|field| PathBuf::from(std::ffi::OsString::from_vec(unescape(field.as_bytes()))))
        .collect()
}

/// `\ooo` octal escapes to the bytes they stand for.
#[cfg(target_os = "linux")]
fn unescape(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while i < field.len() {
        let octal = field
            .get(i + 1..i + 4)
            .filter(|d| field[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)))
            .map(|d| d.iter().fold(0u32, |n, b| n * 8 + u32::from(b - b'0')))
            .and_then(|n| u8::try_from(n).ok());
        if let Some(byte) = octal {
            out.push(byte);
            i += 4;
        } else {
            out.push(field[i]);
            i += 1;
        }
    }
    out
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn mountinfo_fields_are_unescaped() {
        let text = "\
22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda rw
36 22 0:31 / /srv/my\\040radar/out\\134x rw - tmpfs none rw
37 22 0:32 / /srv/tab\\011and\\012newline rw - tmpfs none rw
38 22 0:33 / /srv/not\\8octal\\ rw - tmpfs none rw
";
        assert_eq!(
            parse_mountinfo(text),
            [
                PathBuf::from("/"),
                PathBuf::from("/srv/my radar/out\\x"),
                PathBuf::from("/srv/tab\tand\nnewline"),
                PathBuf::from("/srv/not\\8octal\\"),
            ]
        );
    }

    #[test]
    fn the_root_folder_is_listed_and_is_a_mount_point() -> std::io::Result<()> {
        if !Path::new("/proc/self/mountinfo").exists() {
            return Ok(());
        }
        assert!(table()?.contains(&PathBuf::from("/")));
        assert!(is_mount_point(Path::new("/"))?);
        let dir = tempfile::tempdir()?;
        let dir = std::fs::canonicalize(dir.path())?;
        std::fs::create_dir_all(dir.join("a/b"))?;
        assert_eq!(inside(&dir)?, Vec::<PathBuf>::new());
        assert!(!is_mount_point(&dir.join("a"))?);
        Ok(())
    }
}
