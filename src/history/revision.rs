//! The two sides of `diff`, each a radar file, `REV:PATH`, or a bare `REV`
//! (the `--config` file at that revision), read through [`git`]. Only the
//! config is read, never the reports. Both sides are always loaded, so
//! when one is broken the error says which one, and shows the other
//! side's problems too.

use std::path::{Path, PathBuf};

use super::git::{self, Blob};
use crate::diagnostic::Severity;
use crate::error::{Error, Side};
use crate::input::radar::Radar;

/// BASE and HEAD, loaded and validated; BASE is `None` when it names a
/// revision that has no radar file yet. When either is broken, an error
/// naming both sides with what is wrong in each.
pub(crate) fn load_both(
    base: &str,
    head: &str,
    config: &Path,
) -> Result<(Option<Radar>, Radar), Error> {
    let head_result = load(head, config).and_then(|side| {
        side.ok_or_else(|| Error::Usage(format!("`{head}` has no radar file at that revision")))
    });
    match (load(base, config), head_result) {
        (Ok(base), Ok(head)) => Ok((base, head)),
        (base_result, head_result) => {
            let side = |role, spec: &str, error: Option<Error>| Side {
                role,
                spec: spec.to_owned(),
                error: error.map(Box::new),
            };
            Err(Error::Diff(vec![
                side("BASE", base, base_result.err()),
                side("HEAD", head, head_result.err()),
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
    /// A bare word that is not a file: a revision, if git knows it.
    Revision(String),
}

/// A path that exists is a file (and `-` is standard input, as for
/// `--config -`); otherwise `REV:PATH` is read through git, and a word
/// without `:` may be a revision.
fn parse_spec(spec: &str) -> Spec {
    if spec == "-" || Path::new(spec).exists() {
        return Spec::File(PathBuf::from(spec));
    }
    match spec.split_once(':') {
        Some((rev, path)) if !rev.is_empty() && !path.is_empty() => Spec::Git {
            rev: rev.to_owned(),
            path: path.to_owned(),
        },
        None if !spec.is_empty() => Spec::Revision(spec.to_owned()),
        _ => Spec::File(PathBuf::from(spec)),
    }
}

/// The path git knows `config` by: from the repository's top, given the
/// working folder's `prefix` there (`git rev-parse --show-prefix`). `None`
/// when it leaves the repository or is absolute.
fn from_top(prefix: &str, config: &Path) -> Option<String> {
    if config.is_absolute() {
        return None;
    }
    let path = crate::path::normalize(&Path::new(prefix).join(config))?;
    let text = path.to_str()?.replace('\\', "/");
    (!text.is_empty()).then_some(text)
}

/// The `--config` file's path from the repository's top, for a bare
/// revision. An absolute path is taken relative to the top as git shows
/// it.
fn config_in_repository(rev: &str, config: &Path) -> Result<String, Error> {
    let prefix = git::prefix()?;
    let resolved = if config.is_absolute() {
        let top = git::toplevel()?;
        let here = std::fs::canonicalize(config.parent().unwrap_or(config))
            .ok()
            .zip(config.file_name())
            .map(|(dir, name)| dir.join(name));
        here.and_then(|p| p.strip_prefix(&top).ok().map(Path::to_path_buf))
            .and_then(|p| from_top("", &p))
    } else {
        from_top(&prefix, config)
    };
    resolved.ok_or_else(|| {
        Error::Usage(format!(
            "`{rev}`: the radar file `{}` is not inside the repository; write `{rev}:PATH`",
            config.display()
        ))
    })
}

/// Reads and validates one side; `None` for a revision without the radar
/// file. Errors in it (not warnings) make it broken: a diff of a
/// half-validated radar would report the broken parts as removed.
fn load(spec: &str, config: &Path) -> Result<Option<Radar>, Error> {
    let from_git = |rev: &str, path: &str| -> Result<Option<(Radar, _)>, Error> {
        match git::show(rev, path)? {
            Blob::Missing => Ok(None),
            // Named as given, so its errors read `origin/main:radar.toml:3:1`.
            Blob::Found(bytes) => crate::input::radar::from_bytes(&format!("{rev}:{path}"), bytes)
                .map(Some)
                .map_err(Error::Input),
        }
    };
    let loaded = match parse_spec(spec) {
        Spec::File(path) => Some(crate::input::radar_file::read(&path)?),
        Spec::Git { rev, path } => from_git(&rev, &path)?,
        Spec::Revision(rev) => {
            if !git::is_revision(&rev)? {
                return Err(Error::Usage(format!(
                    "`{rev}` is neither a radar file nor a git revision"
                )));
            }
            from_git(&rev, &config_in_repository(&rev, config)?)?
        }
    };
    let Some((radar, diagnostics)) = loaded else {
        return Ok(None);
    };
    let errors: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(Some(radar))
    } else {
        Err(Error::Input(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_files_revisions_or_revision_and_path() {
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
        assert_eq!(parse_spec("HEAD~5"), Spec::Revision("HEAD~5".into()));
        assert_eq!(
            parse_spec("-"),
            Spec::File(PathBuf::from("-")),
            "standard input"
        );
        assert_eq!(parse_spec(":x"), Spec::File(PathBuf::from(":x")));
        assert_eq!(
            parse_spec("Cargo.toml"),
            Spec::File(PathBuf::from("Cargo.toml"))
        );
    }

    #[test]
    fn the_config_path_is_taken_from_the_repository_top() {
        let config = |p: &str| PathBuf::from(p);
        assert_eq!(
            from_top("", &config("radar.toml")).as_deref(),
            Some("radar.toml")
        );
        assert_eq!(
            from_top("docs/", &config("../radar.toml")).as_deref(),
            Some("radar.toml")
        );
        assert_eq!(
            from_top("a/b/", &config("./radar.toml")).as_deref(),
            Some("a/b/radar.toml")
        );
        assert_eq!(from_top("", &config("../radar.toml")), None);
        assert_eq!(from_top("", &config("/etc/radar.toml")), None);
    }
}
