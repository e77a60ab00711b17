//! The reports folder: which files are reports, and their ids.
//!
//! Discovery only lists paths; reading happens one file at a time during the
//! scan ([`crate::count::scan`]), so memory stays flat however large the folder
//! grows.
//!
//! The folder holds whatever a pull request put there, so discovery trusts
//! none of it. The walk follows links (a linked folder is a folder) through
//! `walkdir`, which notices a link back to a folder it is inside and does
//! not go round. Every file is counted once, by its real path. A link may
//! lead only where the project allows ([`discover`]'s `inside`), and names
//! that would carry control or bidirectional formatting characters into
//! terminals and outputs as report ids are refused. Each entry that cannot
//! be used is a diagnostic naming it, listed with every other problem; only
//! the folder itself failing stops the command.

use crate::text::{escape_unsafe, is_unsafe_char};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;

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
    /// The path as shown to the user, characters unsafe on a terminal
    /// escaped (they can still come with a `--reports` folder's own name).
    pub fn display(&self) -> String {
        display_path(&self.path)
    }

    /// The file's name (last component), which may carry its date.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// The reports to read, sorted by id, each file once; shared, since
    /// the scan keeps each report's entry.
    pub files: Vec<Arc<ReportFile>>,
    /// Report files refused without being read (not a regular file, a link
    /// out of the project). Their ids still exist, so evidence that cites
    /// one is not reported missing on top of the file's own error.
    pub refused: Vec<ReportFile>,
    /// Errors about entries that cannot be used, and warnings about files
    /// found twice, sorted by path.
    pub diagnostics: Vec<Diagnostic>,
}

/// A report file on its way through discovery: where it really is, and
/// whether the way to it passed a link.
struct Candidate {
    file: ReportFile,
    /// The real path, for a file reached through a link. Without a link it
    /// is the real reports folder joined with the file's path in it, and
    /// worked out only when some other file was reached through a link: a
    /// hundred thousand reports would otherwise hold a second copy of
    /// every path until the walk ends.
    real: Option<PathBuf>,
    linked: bool,
}

/// A folder the walk is in, one per depth.
struct Level {
    /// Its real path.
    real: PathBuf,
    /// Whether the way to it passed a link.
    linked: bool,
    /// Its ids' prefix: the path from the reports folder, `/`-terminated.
    prefix: String,
}

/// Lists every `*.md` and `*.txt` below `dir`, sorted by id, skipping
/// `README.md` and names starting with `.` or `_`, with the problems of
/// every entry that cannot be used.
///
/// `inside` holds the real paths (canonical) that links may lead into: a
/// link whose target is under none of them is refused without being read.
/// Fails only when `dir` itself is missing or unreadable.
pub(crate) fn discover(dir: &Path, inside: &[PathBuf]) -> Result<Discovery, Error> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(Error::MissingReports {
                path: dir.to_path_buf(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingReports {
                path: dir.to_path_buf(),
            });
        }
        Err(e) => return Err(Error::io(dir)(e)),
    }
    let real_root = dir.canonicalize().map_err(Error::io(dir))?;
    let mut found = Discovery::default();
    let mut candidates = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    // No sorting in the walk: a sorted walk reads a whole folder before it
    // can be skipped, even one a link leads out of the project. The results
    // are sorted instead.
    let mut walk = WalkDir::new(dir).follow_links(true).into_iter();
    while let Some(next) = walk.next() {
        let entry = match next {
            Ok(entry) => entry,
            Err(e) if e.depth() == 0 => {
                let message = e.to_string();
                let source = e.into_io_error();
                return Err(Error::io(dir)(
                    source.unwrap_or_else(|| std::io::Error::other(message)),
                ));
            }
            Err(e) => {
                found.diagnostics.extend(walk_problem(&e, dir));
                continue;
            }
        };
        let depth = entry.depth();
        if depth == 0 {
            levels.push(Level {
                real: real_root.clone(),
                linked: false,
                prefix: String::new(),
            });
            continue;
        }
        // Entries come depth first, a folder before its contents, so the
        // levels above this entry are exactly its folders.
        levels.truncate(depth);
        let Some(parent) = levels.last() else {
            continue;
        };
        let step = step(&entry, parent, inside);
        let entered = matches!(step, Step::Enter(_));
        match step {
            Step::Skip => {}
            Step::Enter(level) => levels.push(level),
            Step::Report(candidate) => candidates.push(candidate),
            Step::Refuse(diagnostic, file) => {
                found.diagnostics.push(*diagnostic);
                found.refused.extend(file);
            }
        }
        // A folder not entered is not listed either.
        if entry.file_type().is_dir() && !entered {
            walk.skip_current_dir();
        }
    }
    found.files = dedupe(candidates, dir, &real_root, &mut found.diagnostics);
    found
        .files
        .sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    found
        .refused
        .sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    // The walk's order is the file system's; the output's must not be.
    found.diagnostics.sort_by(|a, b| {
        a.location()
            .cmp(&b.location())
            .then_with(|| a.message.cmp(&b.message))
    });
    Ok(found)
}

/// What to do with one entry of the walk.
enum Step {
    /// Neither a report nor a folder to look into.
    Skip,
    /// A folder to look into.
    Enter(Level),
    /// A report to read.
    Report(Candidate),
    /// Cannot be used: the problem, and the report refused if it is one.
    Refuse(Box<Diagnostic>, Option<ReportFile>),
}

/// Decides about `entry`, found in the folder `parent`. Only a link is
/// resolved (the one `canonicalize` per link); below it, a name adds to the
/// path, so ten thousand plain files cost no more than their listing and a
/// `stat` each.
fn step(entry: &walkdir::DirEntry, parent: &Level, inside: &[PathBuf]) -> Step {
    let refuse =
        |diagnostic: Diagnostic, file: Option<ReportFile>| Step::Refuse(Box::new(diagnostic), file);
    let is_dir = entry.file_type().is_dir();
    let raw_name = entry.file_name().to_string_lossy();
    if raw_name.starts_with('.') || raw_name.starts_with('_') {
        return Step::Skip;
    }
    if !is_dir && !is_report_name(&raw_name) {
        return Step::Skip;
    }
    let path = entry.path();
    let Some(name) = entry.file_name().to_str() else {
        return refuse(bad_name(path, "the name is not valid UTF-8"), None);
    };
    if let Some(c) = name.chars().find(|&c| is_unsafe_char(c)) {
        return refuse(bad_name(path, &unsafe_char_message(c)), None);
    }
    // Both made at their exact size: a hundred thousand of each are kept.
    let file = || {
        let stem = stem(name);
        let mut id = String::with_capacity(parent.prefix.len() + stem.len());
        id.push_str(&parent.prefix);
        id.push_str(stem);
        ReportFile {
            id,
            path: path.to_path_buf(),
            len: 0,
        }
    };
    if !is_dir && !entry.file_type().is_file() {
        let kind = crate::read::describe(entry.file_type());
        return refuse(not_regular(&display_path(path), kind), Some(file()));
    }
    let linked_here = entry.path_is_symlink();
    let real = if linked_here {
        match path.canonicalize() {
            Ok(real) => real,
            Err(e) => return refuse(unreadable(path, &e), (!is_dir).then(file)),
        }
    } else {
        parent.real.join(name)
    };
    if linked_here && !inside.iter().any(|allowed| real.starts_with(allowed)) {
        return refuse(outside(path, is_dir), (!is_dir).then(file));
    }
    let linked = parent.linked || linked_here;
    if is_dir {
        return Step::Enter(Level {
            real,
            linked,
            prefix: format!("{}{name}/", parent.prefix),
        });
    }
    let mut file = file();
    match entry.metadata() {
        Ok(meta) => file.len = meta.len(),
        Err(e) => {
            let e = std::io::Error::other(e.to_string());
            return refuse(unreadable(path, &e), Some(file));
        }
    }
    Step::Report(Candidate {
        file,
        real: linked.then_some(real),
        linked,
    })
}

/// Keeps one of the candidates that are the same file: the one reached
/// without a link if there is one, else the smallest id, so the id does not
/// depend on the order the walk found them in. Warns about the others.
/// Without any link, every file was reached once, and all are kept.
fn dedupe(
    candidates: Vec<Candidate>,
    dir: &Path,
    real_root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<ReportFile>> {
    if candidates.iter().all(|c| !c.linked) {
        // Into a list of its own size: collected in place, the list would
        // keep the room of the larger candidates.
        let mut files = Vec::with_capacity(candidates.len());
        files.extend(candidates.into_iter().map(|c| Arc::new(c.file)));
        return files;
    }
    let mut candidates: Vec<(PathBuf, Candidate)> = candidates
        .into_iter()
        .map(|mut c| {
            let real = c.real.take().unwrap_or_else(|| {
                let inside = c.file.path.strip_prefix(dir).unwrap_or(&c.file.path);
                real_root.join(inside)
            });
            (real, c)
        })
        .collect();
    candidates.sort_by(|(a_real, a), (b_real, b)| {
        a_real
            .cmp(b_real)
            .then_with(|| a.linked.cmp(&b.linked))
            .then_with(|| a.file.id.cmp(&b.file.id))
    });
    let mut files = Vec::with_capacity(candidates.len());
    let mut kept: Option<(PathBuf, Candidate)> = None;
    for (real, candidate) in candidates {
        if let Some((_, first)) = kept.as_ref().filter(|(k, _)| *k == real) {
            diagnostics.push(
                Diagnostic::warning(
                    Code::SameFile,
                    format!(
                        "the same file as {}, through a link; counted once, as `{}`",
                        first.file.display(),
                        first.file.id
                    ),
                )
                .in_file(candidate.file.display())
                .help("remove the link, or start its name with `_` to leave it out"),
            );
            continue;
        }
        if let Some((_, done)) = kept.replace((real, candidate)) {
            files.push(Arc::new(done.file));
        }
    }
    files.extend(kept.map(|(_, k)| Arc::new(k.file)));
    files.shrink_to_fit();
    files
}

/// Whether a file name is a report's: `*.md` or `*.txt`, not `README.md`.
fn is_report_name(name: &str) -> bool {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return false;
    };
    (extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("txt"))
        && !name.eq_ignore_ascii_case("README.md")
}

/// The name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// A path as shown in messages: escaped, never raw.
fn display_path(path: &Path) -> String {
    escape_unsafe(&path.to_string_lossy()).into_owned()
}

fn unsafe_char_message(c: char) -> String {
    let kind = if c.is_control() {
        "control"
    } else {
        "bidirectional formatting"
    };
    format!(
        "the name contains the {kind} character U+{:04X}",
        u32::from(c)
    )
}

fn bad_name(path: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(Code::BadFileName, format!("{message}; not read"))
        .in_file(display_path(path))
        .help("rename it: a report's path becomes its id, which is printed on terminals and written into the outputs")
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

fn outside(path: &Path, is_dir: bool) -> Diagnostic {
    let what = if is_dir { "folder" } else { "file" };
    Diagnostic::error(
        Code::OutsideProject,
        format!("the link points outside the project; the {what} it leads to was not read"),
    )
    .in_file(display_path(path))
    .note("a link in the reports folder may lead only inside the folder that holds the radar file (or inside a folder passed with --reports)")
    .help("copy the report into the project instead of linking to it")
}

/// What to do about a file or folder that cannot be read.
pub(crate) const UNREADABLE_HELP: &str =
    "make it readable, or start its name with `_` to leave it out";

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::Unreadable, format!("cannot read it: {e}"))
        .in_file(display_path(path))
        .help(UNREADABLE_HELP)
}

/// The diagnostic for an entry the walk could not use, if it is one that
/// would have been looked at: a loop, a folder that cannot be listed, a
/// broken link with a report's name.
fn walk_problem(e: &walkdir::Error, root: &Path) -> Option<Diagnostic> {
    let Some(path) = e.path() else {
        // walkdir names no path when it cannot open a linked folder to see
        // whether it is a loop; the folder it is in is the best it can say.
        return Some(
            Diagnostic::error(
                Code::Unreadable,
                format!("cannot read an entry of the reports folder: {e}"),
            )
            .in_file(display_path(root))
            .help("a linked folder is probably unreadable; make it readable, or remove the link"),
        );
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with('.') || name.starts_with('_') {
        return None;
    }
    if e.loop_ancestor().is_some() {
        // The folder it leads back to is not named: it may be outside the
        // project.
        return Some(
            Diagnostic::error(
                Code::LinkLoop,
                "the link leads back into a folder it is in: a loop; not followed",
            )
            .in_file(display_path(path))
            .help("remove the link: every folder under the reports folder is read where it is"),
        );
    }
    let meta = std::fs::symlink_metadata(path).ok();
    let is_link = meta.as_ref().is_some_and(|m| m.file_type().is_symlink());
    let is_dir = meta.as_ref().is_some_and(std::fs::Metadata::is_dir);
    if is_link && !is_report_name(&name) {
        // A broken link that is not named like a report was never one.
        return None;
    }
    let cause = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    let (message, help) = if is_link {
        (
            format!("the link cannot be followed: {cause}"),
            "fix the link or remove it",
        )
    } else if is_dir {
        (format!("cannot read the folder: {cause}"), UNREADABLE_HELP)
    } else {
        (format!("cannot read it: {cause}"), UNREADABLE_HELP)
    };
    Some(
        Diagnostic::error(Code::Unreadable, message)
            .in_file(display_path(path))
            .help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

    fn ids(found: &Discovery) -> Vec<&str> {
        found.files.iter().map(|r| r.id.as_str()).collect()
    }

    /// Discovers `root`, with links allowed to lead anywhere inside it.
    fn discover_in(root: &Path) -> Result<Discovery> {
        Ok(discover(root, &[root.canonicalize()?])?)
    }

    #[test]
    fn finds_reports_recursively_with_ids() -> Result {
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
        let found = discover_in(root)?;
        assert_eq!(ids(&found), ["2019/a", "2019/b", "c"]);
        assert!(found.diagnostics.is_empty());
        Ok(())
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(matches!(
            discover(Path::new("/no/such/folder"), &[]),
            Err(Error::MissingReports { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_file_is_kept_once_under_its_own_path() -> Result {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir(root.join("2019"))?;
        std::fs::write(root.join("2019/a.md"), "x")?;
        // Both links sort before the file they point to.
        symlink("2019", root.join("0-again"))?;
        symlink("2019/a.md", root.join("0-latest.md"))?;
        let found = discover_in(root)?;
        assert_eq!(ids(&found), ["2019/a"]);
        let warned: Vec<_> = found
            .diagnostics
            .iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect();
        let at = |p: &str| root.join(p).display().to_string();
        assert_eq!(
            warned,
            [
                (Code::SameFile, at("0-again/a.md")),
                (Code::SameFile, at("0-latest.md"))
            ]
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn between_two_links_the_smaller_id_is_kept() -> Result {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir(root.join("_store"))?;
        std::fs::write(root.join("_store/a.md"), "x")?;
        symlink("_store/a.md", root.join("b.md"))?;
        symlink("_store/a.md", root.join("a.md"))?;
        let found = discover_in(root)?;
        assert_eq!(ids(&found), ["a"]);
        assert_eq!(found.diagnostics.len(), 1);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn loops_and_links_out_are_problems_not_files() -> Result {
        use std::os::unix::fs::symlink;
        let outer = tempfile::tempdir()?;
        let root = outer.path().join("reports");
        std::fs::create_dir(&root)?;
        std::fs::write(outer.path().join("secret.md"), "x")?;
        std::fs::write(root.join("a.md"), "x")?;
        symlink(".", root.join("self"))?;
        symlink("..", root.join("up"))?;
        symlink("../secret.md", root.join("s.md"))?;
        let found = discover_in(&root)?;
        assert_eq!(ids(&found), ["a"]);
        let problems: Vec<_> = found
            .diagnostics
            .iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect();
        let at = |p: &str| root.join(p).display().to_string();
        assert_eq!(
            problems,
            [
                (Code::OutsideProject, at("s.md")),
                (Code::LinkLoop, at("self")),
                (Code::LinkLoop, at("up")),
            ]
        );
        assert_eq!(
            found.refused.iter().map(|f| &f.id).collect::<Vec<_>>(),
            ["s"]
        );
        Ok(())
    }
}
