//! Paths resolved by name, without looking at the disk.
//!
//! Several stages need to know where a path written with `.` and `..`
//! leads before anything exists there: the changelog links the reports
//! folder relative to an output folder that may not exist yet, and
//! `radar.toml`'s `reports` may not climb out of the project. Both read the
//! path the same way, here. (Where symlinks matter, as for the output
//! folder `build` replaces, the path is resolved on disk instead:
//! `output/artifact/protected.rs`.)

use std::path::{Component, Path, PathBuf};

/// `path` with `.` and `..` resolved by name: `.` dropped, and each `..`
/// removing the name before it. At a root a `..` stays at the root, as the
/// system reads it; in a relative path, a `..` with no name before it
/// climbs above where the path starts, and the answer is `None`.
pub(crate) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    // The names in `out` that a `..` may remove.
    let mut names = 0usize;
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if names > 0 => {
                out.pop();
                names -= 1;
            }
            Component::ParentDir if out.has_root() => {}
            Component::ParentDir => return None,
            Component::Normal(_) => {
                out.push(component);
                names += 1;
            }
            Component::Prefix(_) | Component::RootDir => out.push(component),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_resolve_by_name_and_may_not_climb_out() {
        let cases = [
            ("a/./b/../c", Some("a/c")),
            ("a/..", Some("")),
            (".", Some("")),
            ("./reports/", Some("reports")),
            ("a/b/../../c/d", Some("c/d")),
            ("..", None),
            ("a/../../b", None),
            ("../a", None),
        ];
        for (path, want) in cases {
            assert_eq!(
                normalize(Path::new(path)),
                want.map(PathBuf::from),
                "{path}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn at_the_root_a_dot_dot_stays_there() {
        for (path, want) in [("/a/../b", "/b"), ("/..", "/"), ("/../a/./b/..", "/a")] {
            assert_eq!(
                normalize(Path::new(path)),
                Some(PathBuf::from(want)),
                "{path}"
            );
        }
    }
}
