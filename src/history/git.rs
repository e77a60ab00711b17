//! Reading a file as it was at a git revision, for `diff BASE` written as
//! `REV:PATH`.
//!
//! This runs the `git` the user has rather than linking a git library: it
//! sees the same repository, remotes and configuration the user does, and
//! `diff` is the only command that needs it. The revision comes from the
//! command line of a CI job, which may come from a pull request, so it is
//! never allowed to reach git as an option.

use std::process::Command;

use crate::error::Error;

/// The bytes of `path` at `rev`, through `git show REV:PATH` in the working
/// folder. As with git, PATH is from the repository's top; write
/// `REV:./PATH` for a path from the working folder.
pub(crate) fn show(rev: &str, path: &str) -> Result<Vec<u8>, Error> {
    let spec = format!("{rev}:{path}");
    let fail = |message: String| Error::Git {
        spec: spec.clone(),
        message,
    };
    // `--output=FILE:radar.toml` would have git write FILE. Refused here,
    // and `--end-of-options` below makes git itself take whatever follows
    // as a revision even if a check here were ever missed.
    if rev.starts_with('-') {
        return Err(Error::Usage(format!(
            "`{spec}`: a revision cannot start with `-`; name a branch, tag or commit"
        )));
    }
    let output = Command::new("git")
        .args(["show", "--no-textconv", "--end-of-options", &spec])
        .output()
        .map_err(|e| fail(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr.trim();
        return Err(fail(if message.is_empty() {
            format!("git show exited with {}", output.status)
        } else {
            message.to_owned()
        }));
    }
    Ok(output.stdout)
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
        assert!(!target.exists());
    }
}
