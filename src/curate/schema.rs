//! The JSON Schema (draft-07, which taplo and Even Better TOML read) of
//! radar.toml: every table and key the config reader
//! ([`crate::input::config`]) accepts, with the README's descriptions, for
//! completion and inline errors in editors. `check` stays the authority:
//! the schema catches shapes and spellings as one types, not evidence.

use serde_json::{Value, json};

/// A quarter as `editions` and placements write it.
const QUARTER: &str = "^[0-9]{4}-Q[1-4]$";

/// The schema as pretty-printed JSON, with a final line break.
pub(crate) fn text() -> String {
    let mut out = serde_json::to_string_pretty(&schema()).expect("a JSON value serializes");
    out.push('\n');
    out
}

/// A string with a description.
fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

/// A boolean with a description.
fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

/// A ring or a quadrant.
fn level(what: &str) -> Value {
    json!({
        "type": "object",
        "description": format!("A {what}: an id, a display name, and optionally a colour and a description."),
        "required": ["id", "name"],
        "additionalProperties": false,
        "properties": {
            "id": string(&format!("Stable id, used in {}.", if what == "ring" { "placements' `ring`" } else { "technologies' `quadrant`" })),
            "name": string("Display name."),
            "color": {
                "type": "string",
                "description": "CSS hex colour, `#rgb` or `#rrggbb`; drawn in the SVG and made readable on its background.",
                "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
            },
            "description": string("What it means, in Markdown, for radar.json and exports.")
        }
    })
}

/// The whole schema.
pub(crate) fn schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "confradar radar.toml",
        "description": "A technology radar for confradar: the [radar] table and one [technologies.ID] table per technology. Written by `confradar schema`; `confradar check` checks everything, evidence included.",
        "type": "object",
        "required": ["radar"],
        "additionalProperties": false,
        "properties": {
            "radar": radar(),
            "technologies": {
                "type": "object",
                "description": "The technologies, each under its stable id: a-z, 0-9, '-' and '_', starting with a letter or digit. Table order is kept.",
                "propertyNames": { "pattern": "^[a-z0-9][a-z0-9_-]*$", "maxLength": 64 },
                "additionalProperties": { "$ref": "#/definitions/technology" }
            },
            "suggest": suggest()
        },
        "definitions": {
            "technology": technology(),
            "placement": placement(),
            "quarter": {
                "type": "string",
                "description": "A quarter, like 2024-Q3.",
                "pattern": QUARTER
            }
        }
    })
}

/// The `[suggest]` table.
fn suggest() -> Value {
    let names = |description: &str| {
        json!({
            "type": "array",
            "description": description,
            "items": { "type": "string", "minLength": 1, "maxLength": 120 }
        })
    };
    json!({
        "type": "object",
        "description": "Tunes `confradar suggest`. Names are compared after NFKC normalization, ignoring ASCII case.",
        "additionalProperties": false,
        "properties": {
            "known": names("Names counted as known technologies, besides the shipped dictionary."),
            "ignore": names("Names never suggested, as unplaced technologies or as candidates.")
        }
    })
}

/// The `[radar]` table.
fn radar() -> Value {
    json!({
        "type": "object",
        "description": "The radar as a whole.",
        "required": ["title", "editions"],
        "additionalProperties": false,
        "properties": {
            "title": { "type": "string", "description": "Title shown on the radar; at most 200 characters.", "maxLength": 200 },
            "editions": {
                "type": "array",
                "description": "Quarters, strictly ascending; the last is the current edition. `confradar edition add QUARTER` appends one.",
                "minItems": 1,
                "items": { "$ref": "#/definitions/quarter" }
            },
            "reports": string("The reports folder, relative to this file and inside its folder; default \"reports\"."),
            "max_report_size": {
                "type": ["integer", "string"],
                "description": "The largest report read: bytes, or a size like \"512 KiB\", \"32 MiB\", \"1 GiB\"; default \"16 MiB\".",
                "minimum": 1
            },
            "theme": {
                "type": "string",
                "description": "The SVG's palette: \"light\" (default), \"dark\", or \"auto\" (light, dark where the viewer prefers dark).",
                "enum": ["light", "dark", "auto"]
            },
            "rings": {
                "type": "array",
                "description": "Rings, innermost first; 1 to 6. Default: adopt, trial, assess, hold.",
                "minItems": 1,
                "maxItems": 6,
                "items": level("ring")
            },
            "quadrants": {
                "type": "array",
                "description": "Quadrants, in drawing order; 1 to 8. Default: techniques, tools, platforms, languages-and-frameworks.",
                "minItems": 1,
                "maxItems": 8,
                "items": level("quadrant")
            }
        }
    })
}

/// A `[technologies.ID]` table.
fn technology() -> Value {
    json!({
        "type": "object",
        "description": "One technology.",
        "required": ["name", "quadrant"],
        "additionalProperties": false,
        "properties": {
            "name": { "type": "string", "description": "Display name, also counted in reports like an alias; at most 120 characters.", "maxLength": 120 },
            "quadrant": string("A quadrant id."),
            "aliases": {
                "type": "array",
                "description": "Other spellings counted as mentions.",
                "items": { "type": "string" }
            },
            "case_sensitive": boolean("true: name and aliases match with exact ASCII case. Default false."),
            "count_name": boolean("false: the name is not counted, only the aliases. Default true."),
            "tags": {
                "type": "array",
                "description": "Words that group technologies: each 1 to 40 of a-z, 0-9 and '-', starting with a letter or digit; no tag twice.",
                "uniqueItems": true,
                "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 40 }
            },
            "description": string("Markdown (raw HTML is shown as text; links http, https, mailto or relative)."),
            "link": { "type": "string", "description": "Homepage: an http or https URL.", "pattern": "^https?://" },
            "links": {
                "type": "array",
                "description": "Further links (source, docs), each { url, title }.",
                "items": {
                    "type": "object",
                    "required": ["url"],
                    "additionalProperties": false,
                    "properties": {
                        "url": { "type": "string", "description": "An http or https URL.", "pattern": "^https?://" },
                        "title": { "type": "string", "description": "What the link is, in one line of at most 120 characters.", "maxLength": 120 }
                    }
                }
            },
            "placements": {
                "type": "array",
                "description": "Its ring per edition, editions ascending; a placement holds until the next. `confradar place` adds one.",
                "items": { "$ref": "#/definitions/placement" }
            }
        }
    })
}

/// A `[[technologies.ID.placements]]` table.
fn placement() -> Value {
    json!({
        "type": "object",
        "description": "A technology's ring from an edition on.",
        "required": ["edition", "ring"],
        "additionalProperties": false,
        "properties": {
            "edition": { "$ref": "#/definitions/quarter", "description": "One of `editions`." },
            "ring": string("A ring id, or \"retired\": off the radar from this edition on."),
            "why": string("Why it is placed here: Markdown, like description."),
            "featured": boolean("false: kept in the data but not drawn in this edition. Default true."),
            "evidence": {
                "type": "array",
                "description": "Reports backing the placement. `confradar quotes ID --format toml` prints entries to paste.",
                "items": {
                    "type": "object",
                    "required": ["report"],
                    "additionalProperties": false,
                    "properties": {
                        "report": string("Report id: its path under the reports folder, without extension; dated by the edition's quarter."),
                        "quote": string("Words that appear in the report, compared after NFKC normalization, whitespace folded, ASCII case ignored; code blocks and URLs are not searched.")
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::diagnostic::{Code, SourceFile};

    /// The schema of the table at `path`, `$ref`s followed.
    fn at<'s>(schema: &'s Value, path: &[&str]) -> &'s Value {
        let mut node = schema;
        for step in path {
            node = resolve(schema, &node[*step]);
        }
        resolve(schema, node)
    }

    fn resolve<'s>(schema: &'s Value, node: &'s Value) -> &'s Value {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/definitions/");
                &schema["definitions"][name]
            }
            None => node,
        }
    }

    /// The keys the config reader allows in a table, as its unknown-key
    /// error lists them for a radar with an unknown key `zz` there.
    fn allowed(radar_with_zz: &str) -> BTreeSet<String> {
        let file = SourceFile::new("radar.toml", radar_with_zz);
        let (_, problems) = crate::input::config::parse(&file).expect("TOML");
        let unknown = problems
            .iter()
            .find(|d| d.code == Code::UnknownKey)
            .expect("zz is unknown");
        let note = unknown.notes.first().expect("the allowed keys");
        let (_, keys) = note.split_once(": ").expect("a list");
        keys.split(", ").map(str::to_owned).collect()
    }

    fn properties(node: &Value) -> BTreeSet<String> {
        node["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn every_table_has_exactly_the_keys_the_reader_accepts() {
        let schema = schema();
        let base = "[radar]\ntitle = \"T\"\neditions = [\"2024-Q3\"]\n";
        let tech = "[technologies.a]\nname = \"A\"\nquadrant = \"tools\"\n";
        let cases: [(&[&str], String); 8] = [
            (&[], format!("zz = 1\n{base}")),
            (
                &["properties", "suggest"],
                format!("{base}[suggest]\nzz = 1\n"),
            ),
            (&["properties", "radar"], format!("{base}zz = 1\n")),
            (
                &["properties", "radar", "properties", "rings", "items"],
                format!("{base}rings = [{{ id = \"a\", name = \"A\", zz = 1 }}]\n"),
            ),
            (
                &["properties", "technologies", "additionalProperties"],
                format!("{base}{tech}zz = 1\n"),
            ),
            (
                &["definitions", "technology", "properties", "links", "items"],
                format!("{base}{tech}links = [{{ url = \"https://x.org/\", zz = 1 }}]\n"),
            ),
            (
                &["definitions", "placement"],
                format!(
                    "{base}{tech}[[technologies.a.placements]]\nedition = \"2024-Q3\"\nring = \"adopt\"\nzz = 1\n"
                ),
            ),
            (
                &[
                    "definitions",
                    "placement",
                    "properties",
                    "evidence",
                    "items",
                ],
                format!(
                    "{base}{tech}[[technologies.a.placements]]\nedition = \"2024-Q3\"\nring = \"adopt\"\nevidence = [{{ report = \"r\", zz = 1 }}]\n"
                ),
            ),
        ];
        for (path, radar) in cases {
            assert_eq!(properties(at(&schema, path)), allowed(&radar), "{path:?}");
        }
        let quadrants = at(
            &schema,
            &["properties", "radar", "properties", "quadrants", "items"],
        );
        assert_eq!(
            properties(quadrants),
            allowed(&format!(
                "{base}quadrants = [{{ id = \"a\", name = \"A\", zz = 1 }}]\n"
            ))
        );
    }

    /// What in `value` breaks `node` of `schema`, as JSON pointers: the
    /// structural part of JSON Schema the schema uses (types, required
    /// and unknown keys, enums, item counts, lengths); patterns are left
    /// to `check`.
    fn problems(schema: &Value, node: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let node = resolve(schema, node);
        let type_ok = |name: &str| match name {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            _ => false,
        };
        let types: Vec<&str> = match &node["type"] {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| type_ok(t)) {
            out.push(format!("{at}: not {types:?}"));
            return;
        }
        if let Some(allowed) = node["enum"].as_array()
            && !allowed.contains(value)
        {
            out.push(format!("{at}: not one of {allowed:?}"));
        }
        if let (Some(max), Some(text)) = (node["maxLength"].as_u64(), value.as_str())
            && text.chars().count() as u64 > max
        {
            out.push(format!("{at}: longer than {max}"));
        }
        if let Some(items) = value.as_array() {
            let len = items.len() as u64;
            if node["minItems"].as_u64().is_some_and(|min| len < min)
                || node["maxItems"].as_u64().is_some_and(|max| len > max)
            {
                out.push(format!("{at}: {len} items"));
            }
            for (i, item) in items.iter().enumerate() {
                problems(schema, &node["items"], item, &format!("{at}/{i}"), out);
            }
        }
        if let Some(object) = value.as_object() {
            for key in node["required"].as_array().into_iter().flatten() {
                if !object.contains_key(key.as_str().unwrap_or_default()) {
                    out.push(format!("{at}: no {key}"));
                }
            }
            for (key, item) in object {
                let path = format!("{at}/{key}");
                match (node["properties"].get(key), &node["additionalProperties"]) {
                    (Some(property), _) => problems(schema, property, item, &path, out),
                    (None, Value::Bool(false)) => out.push(format!("{path}: unknown key")),
                    (None, Value::Object(_)) => {
                        problems(schema, &node["additionalProperties"], item, &path, out);
                    }
                    (None, _) => {}
                }
            }
        }
    }

    /// The problems the schema finds in a radar.toml text.
    fn validate(radar: &str) -> Vec<String> {
        let table: toml::Table = radar.parse().expect("TOML");
        let value = serde_json::to_value(table).expect("TOML values are JSON values");
        let schema = schema();
        let mut out = Vec::new();
        problems(&schema, &schema, &value, "", &mut out);
        out
    }

    #[test]
    fn the_shipped_radar_and_the_fixtures_validate_and_broken_ones_do_not() {
        let radars = [
            include_str!("../../radar.toml"),
            include_str!("../../tests/fixtures/model-fields/radar.toml"),
            include_str!("../../tests/fixtures/radar-small/radar.toml"),
            include_str!("../../tests/fixtures/history-basic/radar.toml"),
        ];
        for radar in radars {
            assert_eq!(validate(radar), Vec::<String>::new());
        }
        let broken = include_str!("../../radar.toml")
            .replacen(
                "ring = \"assess\"",
                "ring = \"assess\"\nfeatured = \"no\"",
                1,
            )
            .replacen("link = ", "lnk = ", 1);
        let found = validate(&broken);
        assert!(
            found
                .iter()
                .any(|p| p.ends_with("/featured: not [\"boolean\"]")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.ends_with("/lnk: unknown key")),
            "{found:?}"
        );
    }

    #[test]
    fn the_text_is_json_with_descriptions() {
        let parsed: Value = serde_json::from_str(&text()).expect("JSON");
        assert_eq!(parsed, schema());
        let placement = &parsed["definitions"]["placement"]["properties"];
        assert!(
            placement["ring"]["description"]
                .as_str()
                .is_some_and(|d| d.contains("retired"))
        );
    }
}
