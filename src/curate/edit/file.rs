//! The radar file on disk, for editing: read only when it is a regular
//! file (not a link, pipe or device), and written back whole through a
//! temporary file beside it that is renamed over it, with the file's
//! permissions, so a failed write leaves the old file as it was.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::read::{self, ReadError};

/// The radar file as read for editing.
#[derive(Debug)]
pub(crate) struct RadarFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its text, a byte order mark left out.
    pub text: String,
    /// Whether it began with a byte order mark, written back as it was.
    bom: bool,
}

/// The error for a radar file that is not a regular file.
fn refused(path: &Path, what: &str) -> Error {
    Error::io(path)(std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!("the radar file is {what}; confradar edits only a regular file"),
    ))
}

/// Checks that `path` is a regular file and not a link to one.
fn regular(path: &Path) -> Result<std::fs::Metadata, Error> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::MissingConfig {
            path: path.to_path_buf(),
        },
        _ => Error::io(path)(e),
    })?;
    if meta.file_type().is_symlink() {
        return Err(refused(path, "a link"));
    }
    if !meta.is_file() {
        return Err(refused(path, read::describe(meta.file_type())));
    }
    Ok(meta)
}

/// Reads the radar file at `path` to edit it.
pub(crate) fn read(path: &Path) -> Result<RadarFile, Error> {
    if crate::input::radar_file::is_stdin(path) {
        return Err(Error::Usage(
            "--config -: standard input cannot be edited in place; pass --config PATH".to_owned(),
        ));
    }
    regular(path)?;
    let bytes =
        read::read_regular(path, crate::input::config::MAX_CONFIG_SIZE).map_err(|e| match e {
            ReadError::Io(source) => Error::io(path)(source),
            other => Error::io(path)(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                other.to_string(),
            )),
        })?;
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    // Not UTF-8 is a problem `check` reports with its place; loading the
    // project before the edit has reported it already.
    let text = String::from_utf8(crate::text::without_bom(bytes)).map_err(|_| {
        Error::Usage(format!(
            "{} is not UTF-8; run `confradar check`",
            path.display()
        ))
    })?;
    Ok(RadarFile {
        path: path.to_path_buf(),
        text,
        bom,
    })
}

/// Replaces the file's contents with `text` in one rename.
pub(crate) fn write(file: &RadarFile, text: &str) -> Result<(), Error> {
    let path = &file.path;
    // Looked at again: it may have been swapped for a link since it was read.
    let meta = regular(path)?;
    let bom: &[u8] = if file.bom { b"\xEF\xBB\xBF" } else { b"" };
    crate::write::replace(path, &[bom, text.as_bytes()], Some(meta.permissions()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_folders_are_refused_and_permissions_kept() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("radar.toml");
        std::fs::write(&real, "\u{FEFF}[radar]\n")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640))?;
        }
        let file = read(&real)?;
        assert_eq!(file.text, "[radar]\n");
        write(&file, "[radar]\ntitle = \"T\"\n")?;
        assert_eq!(
            std::fs::read(&real)?,
            b"\xEF\xBB\xBF[radar]\ntitle = \"T\"\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&real)?.permissions().mode() & 0o777,
                0o640
            );
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&real, &link)?;
            assert!(read(&link).is_err());
            assert_eq!(std::fs::read_dir(dir.path())?.count(), 2);
        }
        assert!(read(dir.path()).is_err());
        Ok(())
    }
}
