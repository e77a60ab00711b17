//! Reading the radar file from disk: the one place the input stage touches
//! the file system. The file is read like a report (no pipe or device may
//! block it, nothing over the size limit is read), and a radar file that
//! links out of its own folder is refused unread.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::input::radar::Radar;
use crate::read::{self, ReadError};

/// The name standard input goes by in messages, when `--config -` reads
/// the radar file from it.
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// Whether `path` is `-`: the radar file comes from standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads and validates the config file alone; `-` reads standard input.
pub(crate) fn read(path: &Path) -> Result<(Radar, Vec<Diagnostic>), Error> {
    if is_stdin(path) {
        return read_stdin();
    }
    // A pull request can turn radar.toml into a link to a CI secret, whose
    // first line would then be quoted in a TOML error: a radar file that
    // links out of its own folder is not read.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_ok_and(|m| m.is_file())
    {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let folder =
            std::fs::canonicalize(folder.unwrap_or(Path::new("."))).map_err(Error::io(path))?;
        if let Ok(real) = std::fs::canonicalize(path)
            && !real.starts_with(&folder)
        {
            return Err(Error::io(path)(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the radar file is a link to a file outside its folder; not read",
            )));
        }
    }
    // Read like a report is: a pipe or a device given as the radar file must
    // not block or run forever.
    let bytes =
        read::read_regular(path, crate::input::config::MAX_CONFIG_SIZE).map_err(|e| match e {
            ReadError::Io(source) if source.kind() == std::io::ErrorKind::NotFound => {
                Error::MissingConfig {
                    path: path.to_path_buf(),
                }
            }
            ReadError::Io(source) => Error::io(path)(source),
            other => Error::io(path)(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                other.to_string(),
            )),
        })?;
    crate::input::radar::from_bytes(&path.display().to_string(), bytes).map_err(Error::Input)
}

/// Reads the radar file from standard input, up to the size limit: more
/// than that is refused, not read on without end.
fn read_stdin() -> Result<(Radar, Vec<Diagnostic>), Error> {
    let limit = crate::input::config::MAX_CONFIG_SIZE;
    let bytes = read::read_stream(std::io::stdin().lock(), limit).map_err(|e| match e {
        ReadError::TooLarge { .. } => Error::Usage(format!(
            "--config -: standard input holds more than {limit} bytes, the limit for a radar file; not read"
        )),
        ReadError::Io(source) => Error::io(STDIN_NAME)(source),
        other @ ReadError::NotRegular(_) => {
            Error::io(STDIN_NAME)(std::io::Error::other(other.to_string()))
        }
    })?;
    crate::input::radar::from_bytes(STDIN_NAME, bytes).map_err(Error::Input)
}
