//! Mention rows as JSON: `confradar mentions --format json`, for tools.

use serde::Serialize;

/// `rows` as pretty-printed JSON, ending in a line break.
pub(crate) fn write<T: Serialize>(rows: &T) -> String {
    let mut out = serde_json::to_string_pretty(rows).expect("rows serialize");
    out.push('\n');
    out
}
