//! The page that draws a Zalando radar (`index.html`, or `docs__index.html`
//! as the peer data names it), read for what the `config.json` leaves out:
//! the quadrant and ring names and colours, and the title, all passed to
//! `radar_visualization({ title: "...", quadrants: [{ name: "..." }, ...],
//! rings: [{ name: "...", color: "#..." }, ...] })` in its script.
//!
//! Only those literals are read, by looking for them: the page is never
//! run, and anything else in it is ignored.

use std::path::PathBuf;

use crate::error::Error;
use crate::interop::import::names::{self, Ids};
use crate::interop::import::source;
use crate::interop::model::Level;

/// The names the page gives.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) title: Option<String>,
    /// Each quadrant's name and colour.
    pub(crate) quadrants: Vec<(String, Option<String>)>,
    /// Each ring's name and colour, innermost first.
    pub(crate) rings: Vec<(String, Option<String>)>,
}

impl Page {
    /// `found` as levels, ids the slugs of their names.
    pub(crate) fn levels(found: &[(String, Option<String>)], fallback: &str) -> Vec<Level> {
        let mut ids = Ids::default();
        found
            .iter()
            .enumerate()
            .map(|(i, (name, color))| Level {
                id: ids.unique(&names::slug(name), &format!("{fallback}-{}", i + 1)),
                name: name.clone(),
                color: color.clone(),
                description: None,
            })
            .collect()
    }
}

/// The page beside the first of `paths` that has one, read.
pub(crate) fn beside(paths: &[PathBuf]) -> Result<Option<Page>, Error> {
    for path in paths {
        let folder = path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        for name in ["index.html", "docs__index.html"] {
            let candidate = folder.join(name);
            if candidate.is_file() {
                let file = source::read(&candidate)?;
                return Ok(Some(read(&file.text)));
            }
        }
    }
    Ok(None)
}

/// The names and colours in the page's text.
pub(crate) fn read(html: &str) -> Page {
    let Some(call) = html.find("radar_visualization(").map(|i| &html[i..]) else {
        return Page::default();
    };
    Page {
        title: value(call, "title")
            .map(|t| names::clean(&t))
            .filter(|t| !t.is_empty()),
        quadrants: objects(call, "quadrants"),
        rings: objects(call, "rings"),
    }
}

/// The `name` and `color` of each object in the array after `key:`.
fn objects(text: &str, key: &str) -> Vec<(String, Option<String>)> {
    let Some(array) = array(text, key) else {
        return Vec::new();
    };
    array
        .split('}')
        .filter_map(|object| {
            let name = names::clean(&value(object, "name")?);
            let color = value(object, "color").and_then(|c| names::color(&c));
            (!name.is_empty()).then_some((name, color))
        })
        .collect()
}

/// The text between the `[` after `key:` and the `]` that closes it.
fn array<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let start = find_key(text, key)?;
    let rest = text[start..].trim_start().strip_prefix('[')?;
    let end = rest.find(']')?;
    Some(&rest[..end])
}

/// The string literal after `key:` in `text`.
fn value(text: &str, key: &str) -> Option<String> {
    let start = find_key(text, key)?;
    let rest = text[start..].trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &rest[1..];
    Some(body[..body.find(quote)?].to_owned())
}

/// Where the value of `key:` starts: after the first `key` that stands as a
/// word and is followed by a colon.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let word_start = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = text[from..].trim_start();
        if word_start && rest.starts_with(':') {
            return Some(text.len() - rest.len() + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_names_passed_to_the_drawing() {
        let page = read(
            "<script>radar_visualization({ title: \"Zalando Tech Radar\", date: data.date,\n\
             quadrants: [ { name: \"Languages\" }, { name: 'Data Management' }, ],\n\
             rings: [ { name: \"ADOPT\", color: \"#5BA300\" }, { name: \"HOLD\", color: \"red\" } ],\n\
             entries: data.entries });</script>",
        );
        assert_eq!(page.title.as_deref(), Some("Zalando Tech Radar"));
        assert_eq!(
            page.quadrants,
            [("Languages".into(), None), ("Data Management".into(), None)]
        );
        assert_eq!(
            page.rings,
            [
                ("ADOPT".into(), Some("#5ba300".into())),
                ("HOLD".into(), None)
            ]
        );
        assert_eq!(read("<p>no radar</p>"), Page::default());
    }
}
