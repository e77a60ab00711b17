//! An [`Interchange`] written as `radar.toml` text: what `confradar import`
//! saves. The text is deterministic (the model's order, no timestamp),
//! leaves out what is absent or at its default (`color`, `description`,
//! `tags`, `links`, `count_name = true`, `featured = true`), and quotes
//! every string through toml's own encoder, or as a multi-line string for
//! Markdown that spans lines, so no text can break out of its value.
//!
//! The caller validates the result with the input stage before writing it.

use std::fmt::Write as _;

use crate::interop::model::{Interchange, Level, Link, Tech};

/// `radar` as `radar.toml`, headed by a comment saying it was imported
/// from `from` (words such as "Zalando tech-radar config.json versions").
pub(crate) fn write(radar: &Interchange, from: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "# Imported by `confradar import` from {}.",
        one_line(from)
    );
    out.push_str("# This file is now the radar's source: edit it, and add evidence from\n");
    out.push_str("# the reports in reports/ to each placement.\n\n");
    out.push_str("[radar]\n");
    let _ = writeln!(out, "title = {}", string(&radar.title));
    let editions: Vec<String> = radar
        .editions
        .iter()
        .map(|e| string(&e.to_string()))
        .collect();
    let _ = writeln!(out, "editions = [{}]", editions.join(", "));
    levels(&mut out, "rings", &radar.rings);
    levels(&mut out, "quadrants", &radar.quadrants);
    for tech in &radar.technologies {
        technology(&mut out, tech);
    }
    out
}

/// `name = [ ... ]`, one level a line.
fn levels(out: &mut String, name: &str, levels: &[Level]) {
    let _ = writeln!(out, "{name} = [");
    for level in levels {
        let mut fields = vec![
            format!("id = {}", string(&level.id)),
            format!("name = {}", string(&level.name)),
        ];
        if let Some(color) = &level.color {
            fields.push(format!("color = {}", string(color)));
        }
        if let Some(description) = &level.description {
            // An inline table is one line: a description is quoted on it.
            fields.push(format!("description = {}", string(description)));
        }
        let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
    }
    out.push_str("]\n");
}

/// A `[technologies.<id>]` table and its placements.
fn technology(out: &mut String, tech: &Tech) {
    // Ids are confradar ids (a-z, 0-9, `-`, `_`), which are bare keys.
    let _ = writeln!(out, "\n[technologies.{}]", tech.id);
    let _ = writeln!(out, "name = {}", string(&tech.name));
    let _ = writeln!(out, "quadrant = {}", string(&tech.quadrant));
    if !tech.tags.is_empty() {
        let tags: Vec<String> = tech.tags.iter().map(|t| string(t)).collect();
        let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    }
    if let Some(link) = &tech.link {
        let _ = writeln!(out, "link = {}", string(link));
    }
    if !tech.links.is_empty() {
        let links: Vec<String> = tech.links.iter().map(link).collect();
        let _ = writeln!(out, "links = [{}]", links.join(", "));
    }
    if !tech.count_name {
        out.push_str("count_name = false\n");
    }
    if let Some(description) = &tech.description {
        let _ = writeln!(out, "description = {}", markdown(description));
    }
    for placement in &tech.placements {
        let _ = writeln!(out, "\n[[technologies.{}.placements]]", tech.id);
        let _ = writeln!(out, "edition = {}", string(&placement.edition.to_string()));
        let _ = writeln!(out, "ring = {}", string(&placement.ring));
        if let Some(why) = &placement.why {
            let _ = writeln!(out, "why = {}", markdown(why));
        }
        if !placement.featured {
            out.push_str("featured = false\n");
        }
    }
}

/// `{ url = "...", title = "..." }`.
fn link(link: &Link) -> String {
    match &link.title {
        Some(title) => format!(
            "{{ url = {}, title = {} }}",
            string(&link.url),
            string(title)
        ),
        None => format!("{{ url = {} }}", string(&link.url)),
    }
}

/// A TOML string as toml writes it.
fn string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A comment's text on one line.
fn one_line(text: &str) -> String {
    crate::interop::import::names::clean_max(text, 200)
}

/// Markdown: a multi-line basic string when it spans lines (readable in an
/// editor), a plain string otherwise.
fn markdown(text: &str) -> String {
    if !text.contains('\n') {
        return string(text);
    }
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            // Every quote escaped: no run of them can close the string.
            '"' => out.push_str("\\\""),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::quarter::Quarter;
    use crate::interop::model::Placement;

    fn q(quarter: u8) -> Quarter {
        Quarter {
            year: 2024,
            quarter,
        }
    }

    fn sample() -> Interchange {
        Interchange {
            title: "T \"quoted\"".into(),
            editions: vec![q(1), q(2)],
            rings: vec![
                Level {
                    id: "adopt".into(),
                    name: "Adopt".into(),
                    color: Some("#5ba300".into()),
                    description: Some("Proven; use it.".into()),
                },
                Level {
                    id: "hold".into(),
                    name: "Hold".into(),
                    color: None,
                    description: None,
                },
            ],
            quadrants: vec![Level {
                id: "tools".into(),
                name: "Tools".into(),
                color: None,
                description: None,
            }],
            technologies: vec![
                Tech {
                    id: "flow".into(),
                    name: "Flow".into(),
                    quadrant: "tools".into(),
                    tags: vec!["frontend".into(), "types".into()],
                    description: Some("Line one \"\"\" with \\ and quotes\n\nline two\u{1}".into()),
                    link: Some("https://flow.org/".into()),
                    links: vec![
                        Link {
                            url: "https://github.com/facebook/flow".into(),
                            title: Some("Source".into()),
                        },
                        Link {
                            url: "https://x.example/".into(),
                            title: None,
                        },
                    ],
                    count_name: false,
                    placements: vec![
                        Placement {
                            edition: q(1),
                            ring: "adopt".into(),
                            why: Some("Because.".into()),
                            featured: true,
                        },
                        Placement {
                            edition: q(2),
                            ring: "hold".into(),
                            why: None,
                            featured: false,
                        },
                    ],
                },
                Tech {
                    id: "plain".into(),
                    name: "Plain".into(),
                    quadrant: "tools".into(),
                    tags: vec![],
                    description: None,
                    link: None,
                    links: vec![],
                    count_name: true,
                    placements: vec![Placement {
                        edition: q(2),
                        ring: "adopt".into(),
                        why: None,
                        featured: true,
                    }],
                },
            ],
        }
    }

    #[test]
    fn writes_the_new_fields_and_leaves_out_defaults() {
        let text = write(&sample(), "a test");
        assert_eq!(
            text,
            r##"# Imported by `confradar import` from a test.
# This file is now the radar's source: edit it, and add evidence from
# the reports in reports/ to each placement.

[radar]
title = 'T "quoted"'
editions = ["2024-Q1", "2024-Q2"]
rings = [
  { id = "adopt", name = "Adopt", color = "#5ba300", description = "Proven; use it." },
  { id = "hold", name = "Hold" },
]
quadrants = [
  { id = "tools", name = "Tools" },
]

[technologies.flow]
name = "Flow"
quadrant = "tools"
tags = ["frontend", "types"]
link = "https://flow.org/"
links = [{ url = "https://github.com/facebook/flow", title = "Source" }, { url = "https://x.example/" }]
count_name = false
description = """
Line one \"\"\" with \\ and quotes

line two\u0001"""

[[technologies.flow.placements]]
edition = "2024-Q1"
ring = "adopt"
why = "Because."

[[technologies.flow.placements]]
edition = "2024-Q2"
ring = "hold"
featured = false

[technologies.plain]
name = "Plain"
quadrant = "tools"

[[technologies.plain.placements]]
edition = "2024-Q2"
ring = "adopt"
"##
        );
    }

    #[test]
    fn every_string_reads_back_as_written() {
        let radar = sample();
        let text = write(&radar, "x");
        let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
        let flow = &parsed["technologies"]["flow"];
        assert_eq!(
            flow["description"].as_str(),
            radar.technologies[0].description.as_deref()
        );
        assert_eq!(
            parsed["radar"]["title"].as_str(),
            Some(radar.title.as_str())
        );
        assert_eq!(flow["links"][0]["title"].as_str(), Some("Source"));
        assert_eq!(flow["placements"][1]["featured"].as_bool(), Some(false));
        assert!(parsed["technologies"]["plain"].get("count_name").is_none());
    }
}
