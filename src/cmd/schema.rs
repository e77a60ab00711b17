//! `confradar schema`: prints the JSON Schema of radar.toml, for editors.

use super::Output;

/// Runs `schema`.
pub(crate) fn run() -> Output {
    Output::new(crate::curate::schema::text(), Vec::new())
}
