//! Generated files, held in memory until they are written.
//!
//! `build` renders every output into a list of artifacts first and touches
//! the disk only at the end, so a failure while rendering writes nothing.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// One output file: a path relative to the output folder, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Relative path, `/`-separated, e.g. `editions/2019-Q3.svg`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// An artifact from text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> Artifact {
        Artifact {
            path: path.into(),
            bytes: text.into().into_bytes(),
        }
    }
}

/// Writes `artifacts` under `out`, creating folders as needed.
pub fn write_all(out: &Path, artifacts: &[Artifact]) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for artifact in artifacts {
        let path = out.join(&artifact.path);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, &artifact.bytes).map_err(io)?;
        written.push(path);
    }
    Ok(written)
}
