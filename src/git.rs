//! Reading a file as it was at a git revision, for `diff BASE` written as
//! `REV:PATH`.
//!
//! This runs the `git` the user has rather than linking a git library: it
//! sees the same repository, remotes and configuration the user does, and
//! `diff` is the only command that needs it.

use std::process::Command;

use crate::error::Error;

/// The text of `path` at `rev`, through `git show REV:PATH` in the working
/// folder. As with git, PATH is from the repository's top; write
/// `REV:./PATH` for a path from the working folder.
pub fn show(rev: &str, path: &str) -> Result<String, Error> {
    let spec = format!("{rev}:{path}");
    let fail = |message: String| Error::Git {
        spec: spec.clone(),
        message,
    };
    let output = Command::new("git")
        .args(["show", "--no-textconv", &spec])
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
    String::from_utf8(output.stdout).map_err(|e| {
        fail(format!(
            "not UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}
