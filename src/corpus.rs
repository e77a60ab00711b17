//! The reports folder: which files are reports, and their ids.
//!
//! Discovery only lists paths; reading happens one file at a time during the
//! scan ([`crate::mentions::scan`]), so memory stays flat however large the
//! folder grows.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;

/// The largest report read unless the radar sets another limit: 16 MiB,
/// hundreds of times a long conference report, and small enough that a
/// scan's memory stays bounded whatever lands in the folder.
pub const DEFAULT_MAX_REPORT_SIZE: u64 = 16 * 1024 * 1024;

/// A report file found in the reports folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFile {
    /// Path relative to the reports folder, without extension, `/`-separated.
    pub id: String,
    /// The path to open.
    pub path: PathBuf,
    /// Its size in bytes when found, for progress.
    pub len: u64,
}

// A scan keeps one entry per report, so an entry stores only the path; the
// forms of it that messages and dates need are worked out when asked for.
impl ReportFile {
    /// The path as shown to the user.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }

    /// The file's name (last component), which may carry its date.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Lists every `*.md` and `*.txt` below `dir`, sorted by id, skipping
/// `README.md` and names starting with `.` or `_`.
pub fn discover(dir: &Path) -> Result<Vec<ReportFile>, Error> {
    if !dir.is_dir() {
        return Err(Error::MissingReports {
            path: dir.to_path_buf(),
        });
    }
    let mut found = Vec::new();
    walk(dir, "", &mut found)?;
    found.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    Ok(found)
}

fn walk(dir: &Path, prefix: &str, found: &mut Vec<ReportFile>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let path = entry.path();
        // Follow links like a user would expect: a linked folder is a folder.
        // A broken link is listed, and reading it reports the problem.
        let meta = std::fs::metadata(&path).ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            walk(&path, &format!("{prefix}{name}/"), found)?;
            continue;
        }
        let Some((stem, extension)) = name.rsplit_once('.') else {
            continue;
        };
        let extension = extension.to_ascii_lowercase();
        if (extension != "md" && extension != "txt") || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        found.push(ReportFile {
            id: format!("{prefix}{stem}"),
            path,
            len: meta.map_or(0, |m| m.len()),
        });
    }
    Ok(())
}

/// The error for a report that is a pipe, a socket or a device: such a file
/// is never opened (a pipe would block, a device never end).
pub(crate) fn not_regular(display: &str, kind: &str) -> Diagnostic {
    Diagnostic::error(
        Code::NotRegularFile,
        format!("not a regular file: {kind}; not read"),
    )
    .in_file(display)
    .help("a report is a regular file; remove this one from the reports folder")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reports_recursively_with_ids() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        for file in [
            "2019/a.md",
            "2019/b.TXT",
            "c.md",
            "README.md",
            "sub/README.md",
            ".hidden.md",
            "_draft.md",
            "_drafts/x.md",
            ".git/y.md",
            "image.png",
            "notes",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().ok_or("no parent")?)?;
            std::fs::write(path, "x")?;
        }
        let ids: Vec<String> = discover(root)?.into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["2019/a", "2019/b", "c"]);
        Ok(())
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(matches!(
            discover(Path::new("/no/such/folder")),
            Err(Error::MissingReports { .. })
        ));
    }
}
