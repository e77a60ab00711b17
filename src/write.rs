//! Replacing one file the user named (radar.toml after `place`, an
//! `export --output` file) in one rename from a temporary file beside it:
//! a failure leaves the old file as it was and no temporary behind.
//! Shared by every stage, like [`crate::read`]; whether the file may be
//! replaced at all is the caller's decision. (`build`'s output folder has
//! its own, larger machinery in `output/artifact`.)

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A name beside `path` for a temporary file or folder of kind `kind`
/// (`tmp`, `staging`): hidden, and naming this process, so two runs never
/// share one.
pub(crate) fn beside(path: &Path, kind: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.confradar-{kind}-{}", std::process::id()))
}

/// Writes `parts`, one after another, to a new file beside `path` (with
/// `permissions`, when given), flushes it to disk, and renames it over
/// `path`.
pub(crate) fn replace(
    path: &Path,
    parts: &[&[u8]],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), Error> {
    let temp = beside(path, "tmp");
    let written = std::fs::File::create_new(&temp)
        .and_then(|mut out| {
            for part in parts {
                out.write_all(part)?;
            }
            if let Some(permissions) = permissions {
                out.set_permissions(permissions)?;
            }
            out.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_in_one_piece_and_leaves_no_temporary() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("x.txt");
        std::fs::write(&path, "old")?;
        replace(&path, &[b"ne", b"w"], None)?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            1,
            "no temporary left"
        );
        // A path in a folder that does not exist fails, and leaves nothing.
        let missing = dir.path().join("no/such.txt");
        assert!(replace(&missing, &[b"x"], None).is_err());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
