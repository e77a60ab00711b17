//! Reading a file as it was at a git revision, for a side of `diff` written
//! as `REV:PATH` or as a bare `REV`.
//!
//! This runs the `git` the user has rather than linking a git library: it
//! sees the same repository, remotes and configuration the user does, and
//! `diff` is the only command that needs it. The revision comes from the
//! command line of a CI job, which may come from a pull request, so it is
//! never allowed to reach git as an option.

use std::process::{Command, Output};

use crate::error::Error;

/// What a revision holds at a path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Blob {
    /// The file's bytes.
    Found(Vec<u8>),
    /// The revision exists and has no file at the path: a repository before
    /// its radar file was added.
    Missing,
}

/// Runs `git ARGS` in the working folder; `spec` names what is read, for
/// the error when git cannot be run.
fn git(spec: &str, args: &[&str]) -> Result<Output, Error> {
    Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Error::Git {
            spec: spec.to_owned(),
            message: format!("cannot run git: {e}"),
        })
}

/// Refuses a revision that git would read as an option: `--output=FILE`
/// would have git write FILE. `--end-of-options` below makes git itself
/// take whatever follows as a revision even if this check were ever
/// missed.
fn refuse_option(rev: &str, spec: &str) -> Result<(), Error> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!(
            "`{spec}`: a revision cannot start with `-`; name a branch, tag or commit"
        )));
    }
    Ok(())
}

/// Whether `rev` names a commit (or a tree) in the repository of the
/// working folder.
pub(crate) fn is_revision(rev: &str) -> Result<bool, Error> {
    refuse_option(rev, rev)?;
    let tree = format!("{rev}^{{tree}}");
    let out = git(
        rev,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &tree,
        ],
    )?;
    Ok(out.status.success())
}

/// The working folder's path from the repository's top (`sub/dir/`, or
/// empty at the top), as `git rev-parse --show-prefix` says.
pub(crate) fn prefix() -> Result<String, Error> {
    let out = git(".", &["rev-parse", "--show-prefix"])?;
    if !out.status.success() {
        return Err(failure(".", &out));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_owned())
}

/// The repository's top folder, as `git rev-parse --show-toplevel` says
/// (with symlinks resolved, as git resolves them).
pub(crate) fn toplevel() -> Result<std::path::PathBuf, Error> {
    let out = git(".", &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(failure(".", &out));
    }
    let top = String::from_utf8_lossy(&out.stdout).trim_end().to_owned();
    Ok(std::fs::canonicalize(&top).unwrap_or_else(|_| top.into()))
}

/// The bytes of `path` at `rev` (PATH from the repository's top; as with
/// git, `REV:./PATH` is from the working folder). A revision that exists
/// without the file is [`Blob::Missing`]; a revision that does not exist,
/// or a path that is not a file, is an error.
pub(crate) fn show(rev: &str, path: &str) -> Result<Blob, Error> {
    let spec = format!("{rev}:{path}");
    refuse_option(rev, &spec)?;
    let found = git(
        &spec,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )?;
    if !found.status.success() && is_revision(rev)? {
        return Ok(Blob::Missing);
    }
    let out = git(&spec, &["show", "--no-textconv", "--end-of-options", &spec])?;
    if !out.status.success() {
        return Err(failure(&spec, &out));
    }
    Ok(Blob::Found(out.stdout))
}

/// The error for a git command that failed: what git said, or its status.
fn failure(spec: &str, out: &Output) -> Error {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let message = stderr.trim();
    Error::Git {
        spec: spec.to_owned(),
        message: if message.is_empty() {
            format!("git exited with {}", out.status)
        } else {
            message.to_owned()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_that_looks_like_an_option_never_reaches_git() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("x");
        let rev = format!("--output={}", target.display());
        let e = show(&rev, "radar.toml").expect_err("refused");
        assert!(matches!(e, Error::Usage(_)), "{e:?}");
        let e = is_revision(&rev).expect_err("refused");
        assert!(matches!(e, Error::Usage(_)), "{e:?}");
        assert!(!target.exists());
    }
}
