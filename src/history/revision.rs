//! The two sides of `diff`, each a radar file or `REV:PATH` read through
//! [`git`]. Only the config is read, never the reports. Both sides are
//! always loaded, so when one is broken the error says which one, and
//! shows the other side's problems too.

use std::path::{Path, PathBuf};

use super::git;
use crate::diagnostic::Severity;
use crate::error::{Error, Side};
use crate::input::radar::Radar;

/// BASE and HEAD, loaded and validated; when either is broken, an error
/// naming both sides with what is wrong in each.
pub(crate) fn load_both(base: &str, head: &str) -> Result<(Radar, Radar), Error> {
    match (load(base), load(head)) {
        (Ok(base), Ok(head)) => Ok((base, head)),
        (base_result, head_result) => {
            let side = |role, spec: &str, result: Result<Radar, Error>| Side {
                role,
                spec: spec.to_owned(),
                error: result.err().map(Box::new),
            };
            Err(Error::Diff(vec![
                side("BASE", base, base_result),
                side("HEAD", head, head_result),
            ]))
        }
    }
}

/// Where a side's text comes from.
#[derive(Debug, PartialEq, Eq)]
enum Spec {
    /// A file on disk.
    File(PathBuf),
    /// `REV:PATH`, read through git.
    Git { rev: String, path: String },
}

/// A path that exists is a file; otherwise `REV:PATH` is read through git.
fn parse_spec(spec: &str) -> Spec {
    if !Path::new(spec).exists()
        && let Some((rev, path)) = spec.split_once(':')
        && !rev.is_empty()
        && !path.is_empty()
    {
        return Spec::Git {
            rev: rev.to_owned(),
            path: path.to_owned(),
        };
    }
    Spec::File(PathBuf::from(spec))
}

/// Reads and validates one side. Errors in it (not warnings) make it
/// broken: a diff of a half-validated radar would report the broken parts
/// as removed.
fn load(spec: &str) -> Result<Radar, Error> {
    let (radar, diagnostics) = match parse_spec(spec) {
        Spec::File(path) => crate::input::radar_file::read(&path)?,
        Spec::Git { rev, path } => {
            let bytes = git::show(&rev, &path)?;
            // Named as given, so its errors read `origin/main:radar.toml:3:1`.
            crate::input::radar::from_bytes(spec, bytes).map_err(Error::Input)?
        }
    };
    let errors: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(radar)
    } else {
        Err(Error::Input(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_files_or_revisions() {
        assert_eq!(
            parse_spec("origin/main:radar.toml"),
            Spec::Git {
                rev: "origin/main".into(),
                path: "radar.toml".into()
            }
        );
        assert_eq!(
            parse_spec("HEAD~1:./conf/radar.toml"),
            Spec::Git {
                rev: "HEAD~1".into(),
                path: "./conf/radar.toml".into()
            }
        );
        assert_eq!(
            parse_spec("radar.toml"),
            Spec::File(PathBuf::from("radar.toml"))
        );
        assert_eq!(parse_spec(":x"), Spec::File(PathBuf::from(":x")));
    }
}
