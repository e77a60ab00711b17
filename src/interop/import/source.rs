//! Reading an import's input files, and the errors about what is in them.
//!
//! Files are read through [`crate::read::read_regular`] (no pipe or device
//! can block the import, nothing over the radar file's size limit is read)
//! and decoded as UTF-8. A problem in a file is a [`Diagnostic`] pointing
//! at its line and column where there is one, so it renders like every
//! other input error and exits 1.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::error::Error;
use crate::input::config::MAX_CONFIG_SIZE;
use crate::read::{ReadError, read_regular};

/// An input file's text; `Err` when it cannot be read (exit 2) or is not
/// UTF-8 (exit 1).
pub(crate) fn read(path: &Path) -> Result<Arc<SourceFile>, Error> {
    let bytes = read_regular(path, MAX_CONFIG_SIZE).map_err(|e| match e {
        ReadError::Io(source) => Error::io(path)(source),
        other => Error::io(path)(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            other.to_string(),
        )),
    })?;
    let name = path.display().to_string();
    let bytes = crate::text::without_bom(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let file = SourceFile::new(name, String::from_utf8_lossy(e.as_bytes()).into_owned());
            Err(Error::Input(vec![
                Diagnostic::error(
                    Code::Encoding,
                    format!("not valid UTF-8 at byte offset {at}"),
                )
                .at(&file, at..at + 1)
                .help("save the file as UTF-8"),
            ]))
        }
    }
}

/// A path's last part, for the summary.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// An error about the input `file` at byte `span`, with a hint.
pub(crate) fn error_at(
    file: &Arc<SourceFile>,
    span: std::ops::Range<usize>,
    message: impl Into<String>,
    help: &str,
) -> Error {
    // The caret goes on whole characters: a span inside one cannot be shown.
    let text = &file.text;
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Error::Input(vec![
        Diagnostic::error(Code::Unreadable, message)
            .at(file, start..end)
            .help(help),
    ])
}

/// An error about the input file at `path` as a whole, read or not.
pub(crate) fn error_about(path: &Path, message: impl Into<String>, help: &str) -> Error {
    Error::Input(vec![
        Diagnostic::error(Code::Unreadable, message)
            .in_file(path.display().to_string())
            .help(help),
    ])
}

/// An error about the input `file` as a whole.
pub(crate) fn error_in(file: &SourceFile, message: impl Into<String>, help: &str) -> Error {
    error_about(Path::new(&file.name), message, help)
}

/// Parses `file` as JSON; a syntax error points at its line and column.
pub(crate) fn json(file: &Arc<SourceFile>) -> Result<serde_json::Value, Error> {
    serde_json::from_str(&file.text).map_err(|e| {
        let at = file.line_start(e.line()).map_or(file.text.len(), |start| {
            start + e.column().saturating_sub(1)
        });
        let message = e.to_string();
        // serde_json ends its message with the place, which the caret shows.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        error_at(
            file,
            at..at + 1,
            format!("not valid JSON: {message}"),
            "fix the JSON, or check that this is the file the format reads",
        )
    })
}

/// The byte offset of `needle` (a value from the file) in `file`, for
/// pointing at a value JSON parsing has lost the place of: the first place
/// it is written, else the start.
pub(crate) fn find(file: &SourceFile, needle: &str) -> std::ops::Range<usize> {
    match file.text.find(needle) {
        Some(at) if !needle.is_empty() => at..at + needle.len(),
        _ => 0..0,
    }
}
