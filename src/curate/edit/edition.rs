//! `edition add`: one more quarter at the end of `editions`, written in the
//! style of the quarters before it.

use toml_edit::Value;

use super::{Editable, follow};
use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::input::quarter::Quarter;

/// The file's text with `quarter` appended to `[radar] editions`; an error
/// at `editions` when the quarter is not after the last one.
pub(crate) fn add(file: &Editable, quarter: Quarter) -> Result<String, Error> {
    let at = file.span(&["radar", "editions"]).unwrap_or(0..0);
    let mut doc = file.document();
    let Some(editions) = doc
        .get_mut("radar")
        .and_then(|r| r.get_mut("editions"))
        .and_then(|e| e.as_array_mut())
    else {
        return Err(Error::Input(vec![
            Diagnostic::error(
                Code::MissingKey,
                "`[radar]` has no `editions` list to add to",
            )
            .at(&file.source, at)
            .help("write `editions = [\"2024-Q3\"]` in [radar]"),
        ]));
    };
    let last = editions
        .iter()
        .filter_map(|v| v.as_str().and_then(Quarter::parse))
        .max();
    if let Some(last) = last
        && quarter <= last
    {
        return Err(Error::Input(vec![
            Diagnostic::error(
                Code::EditionsNotAscending,
                format!("{quarter} is not after the last edition, {last}"),
            )
            .at(&file.source, at)
            .note("editions are strictly ascending; the last one is the current radar")
            .help(format!(
                "add a quarter after {last}; to change an earlier edition, edit `editions` by hand"
            )),
        ]));
    }
    let mut value = Value::from(quarter.to_string());
    let count = editions.len();
    if let Some(previous) = editions.get_mut(count.wrapping_sub(1)) {
        follow(previous.decor_mut(), value.decor_mut());
    }
    editions.push_formatted(value);
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(text: &str, quarter: &str) -> Result<String, Error> {
        let file = Editable::parse("radar.toml", text)?;
        add(&file, Quarter::parse(quarter).expect("a quarter"))
    }

    #[test]
    fn a_later_quarter_is_appended_in_the_list_own_style() -> Result<(), Error> {
        let one_line = "[radar] # r\ntitle = \"T\"\neditions = [\"2024-Q1\",  \"2024-Q3\"]  # e\n";
        assert_eq!(
            added(one_line, "2025-Q1")?,
            "[radar] # r\ntitle = \"T\"\neditions = [\"2024-Q1\",  \"2024-Q3\",  \"2025-Q1\"]  # e\n"
        );
        let lines = "[radar]\neditions = [\n  \"2024-Q1\",\n  \"2024-Q3\",\n]\n";
        assert_eq!(
            added(lines, "2025-Q1")?,
            "[radar]\neditions = [\n  \"2024-Q1\",\n  \"2024-Q3\",\n  \"2025-Q1\",\n]\n"
        );
        let no_comma = "[radar]\neditions = [\n  \"2024-Q1\",\n  \"2024-Q3\"\n]\n";
        assert_eq!(
            added(no_comma, "2025-Q1")?,
            "[radar]\neditions = [\n  \"2024-Q1\",\n  \"2024-Q3\",\n  \"2025-Q1\"\n]\n"
        );
        Ok(())
    }

    #[test]
    fn an_equal_or_earlier_quarter_is_refused_at_editions() {
        let text = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\", \"2024-Q3\"]\n";
        for quarter in ["2024-Q3", "2023-Q4"] {
            let Err(Error::Input(problems)) = added(text, quarter) else {
                panic!("{quarter} accepted");
            };
            assert_eq!(problems[0].code, Code::EditionsNotAscending);
            assert_eq!(problems[0].location().as_deref(), Some("radar.toml:3:12"));
            assert!(
                problems[0]
                    .message
                    .contains("after the last edition, 2024-Q3")
            );
        }
    }
}
