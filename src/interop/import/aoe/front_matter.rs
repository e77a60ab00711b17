//! The front matter of an AOE item file: the lines between two `---`, each
//! `key: value` with a value that is a string (quoted or not), a boolean,
//! or a list (`[a, b]`, or `- a` lines under the key). That is all AOE's
//! items use; this is not a YAML parser, and keys it does not know are left
//! alone.

use std::collections::BTreeMap;

/// A front matter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A string, unquoted.
    Text(String),
    /// A list of strings.
    List(Vec<String>),
}

impl Value {
    /// The value as one string (a list's items joined).
    pub(crate) fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::List(items) => items.join(", "),
        }
    }

    /// The value as a list (a string is one item, or none when empty).
    pub(crate) fn list(&self) -> Vec<String> {
        match self {
            Value::Text(t) if t.is_empty() => Vec::new(),
            Value::Text(t) => vec![t.clone()],
            Value::List(items) => items.clone(),
        }
    }
}

/// A file split into its front matter and its body.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) keys: BTreeMap<String, Value>,
    pub(crate) body: String,
}

/// Splits `text`; `Err` holds the byte offset of the problem and what it is.
pub(crate) fn split(text: &str) -> Result<Item, (usize, &'static str)> {
    let text_nl = text.replace("\r\n", "\n");
    let Some(rest) = text_nl.strip_prefix("---\n") else {
        return Err((0, "the file does not start with `---` and its front matter"));
    };
    // The first line that is `---` alone closes it.
    let mut close = None;
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((end, body_start)) = close else {
        return Err((0, "the front matter is not closed by a `---` line"));
    };
    let head = &rest[..end];
    let body = rest[body_start..].trim_start_matches('\n').to_owned();
    let mut keys: BTreeMap<String, Value> = BTreeMap::new();
    let mut last: Option<String> = None;
    let mut offset = 4;
    for line in head.lines() {
        let line_at = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or(trimmed.strip_prefix('-').filter(|r| r.is_empty()))
        {
            let Some(key) = &last else {
                return Err((line_at, "a list item with no key above it"));
            };
            let entry = keys.entry(key.clone()).or_insert(Value::List(Vec::new()));
            if let Value::Text(t) = entry
                && t.is_empty()
            {
                *entry = Value::List(Vec::new());
            }
            if let Value::List(items) = entry {
                items.push(unquote(item.trim()));
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err((line_at, "a front matter line that is not `key: value`"));
        };
        let key = key.trim().to_owned();
        let value = value.trim();
        let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Value::List(
                inner
                    .split(',')
                    .map(|i| unquote(i.trim()))
                    .filter(|i| !i.is_empty())
                    .collect(),
            ),
            None => Value::Text(unquote(value)),
        };
        last = Some(key.clone());
        keys.insert(key, value);
    }
    Ok(Item { keys, body })
}

/// A value without its quotes (`"a"`, `'a'`), `\"` in double quotes a quote.
fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aoe_items() {
        let item = split(
            "---\ntitle: \"Demo 1\"\nring: assess\ntags: [coding, 'front end']\nfeatured: false\nextra:\n  - a\n  - b\n---\n\nBody [x](y).\n",
        )
        .expect("front matter");
        assert_eq!(item.keys["title"], Value::Text("Demo 1".into()));
        assert_eq!(item.keys["tags"].list(), ["coding", "front end"]);
        assert_eq!(item.keys["featured"].text(), "false");
        assert_eq!(item.keys["extra"].list(), ["a", "b"]);
        assert_eq!(item.body, "Body [x](y).\n");
    }

    #[test]
    fn unclosed_or_missing_front_matter_is_an_error() {
        assert!(split("---\ntitle: x\n").is_err());
        assert!(split("title: x\n---\n").is_err());
        assert_eq!(split("---\ntitle x\n---\n").expect_err("an error").0, 4);
    }
}
