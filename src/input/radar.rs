//! The validated radar: what the rest of the program trusts, its defaults
//! and limits, and the way to it from the file's bytes ([`from_bytes`],
//! [`load`]): decoded and read by [`crate::input::config`], checked by
//! [`crate::input::validate`].

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::input::quarter::Quarter;
use crate::input::validate::validate;

/// The ring id that takes a technology off the radar.
pub const RETIRED: &str = "retired";

/// A ring or quadrant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// CSS hex colour as written (`#rgb` or `#rrggbb`), drawn where given.
    pub color: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
}

/// The whole radar, validated.
#[derive(Clone, Debug)]
pub struct Radar {
    /// Title.
    pub title: String,
    /// Editions, strictly ascending; the last is current.
    pub editions: Vec<Quarter>,
    /// The reports folder as written in the file, if it was.
    pub reports: Option<String>,
    /// The largest report read, in bytes (`max_report_size`).
    pub max_report_size: u64,
    /// The palette the radar is drawn in (`theme`).
    pub theme: Theme,
    /// Rings, innermost (adopt) first.
    pub rings: Vec<Level>,
    /// Quadrants, in drawing order.
    pub quadrants: Vec<Level>,
    /// Technologies, in file order.
    pub technologies: Vec<Technology>,
    /// The config file, for diagnostics about evidence.
    pub source: Arc<SourceFile>,
    /// The `[suggest]` table: names `suggest` knows or ignores.
    pub suggest: crate::input::suggest::SuggestNames,
}

/// The palette the radar's SVG is drawn in, on its own background.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a white background, whatever the viewer prefers.
    #[default]
    Light,
    /// Light text on a dark background, whatever the viewer prefers.
    Dark,
    /// Light, switching to dark (background too) where the viewer prefers
    /// dark and the renderer reads `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// Every theme, in the order the README lists them.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Auto];

    /// How it is written in `radar.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    /// The theme written as `text`, if it is one.
    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// One technology.
#[derive(Clone, Debug)]
pub struct Technology {
    /// Stable id (the table key).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index into [`Radar::quadrants`].
    pub quadrant: usize,
    /// Other spellings counted as mentions.
    pub aliases: Vec<String>,
    /// Whether name and aliases match with exact ASCII case.
    pub case_sensitive: bool,
    /// Whether the name counts as a mention; when `false`, only the
    /// aliases do, so two technologies may share a display name.
    pub count_name: bool,
    /// Lowercase words (`a-z`, `0-9`, `-`), without duplicates.
    pub tags: Vec<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// http(s) link.
    pub link: Option<String>,
    /// Further links, in file order.
    pub links: Vec<Link>,
    /// Placements, ascending by edition.
    pub placements: Vec<Placement>,
    /// Where the id is written.
    pub span: Range<usize>,
}

/// A further link of a technology, with what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// http(s) URL, checked like [`Technology::link`].
    pub url: String,
    /// One line saying what it links to.
    pub title: Option<String>,
}

/// A ring from an edition on.
#[derive(Clone, Debug)]
pub struct Placement {
    /// Index into [`Radar::editions`].
    pub edition: usize,
    /// Index into [`Radar::rings`], or `None` for retired.
    pub ring: Option<usize>,
    /// Why.
    pub why: Option<String>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Whether a blip is drawn while this placement is in force; `false`
    /// keeps the technology in the data, the changelog and the mentions.
    pub featured: bool,
    /// Where the placement is written.
    pub span: Range<usize>,
}

/// A report (and words in it) backing a placement.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// Report id.
    pub report: String,
    /// Quoted words, if any.
    pub quote: Option<String>,
    /// Where the report id is written.
    pub report_span: Range<usize>,
    /// Where the quote is written.
    pub quote_span: Option<Range<usize>>,
}

impl Radar {
    /// The current edition's index.
    pub fn current(&self) -> usize {
        self.editions.len().saturating_sub(1)
    }

    /// Index of a technology by id.
    pub fn technology(&self, id: &str) -> Option<usize> {
        self.technologies.iter().position(|t| t.id == id)
    }
}

impl Technology {
    /// The placement in force in `edition`: the last one at or before it.
    pub fn placement_in(&self, edition: usize) -> Option<&Placement> {
        self.placements.iter().rev().find(|p| p.edition <= edition)
    }

    /// The ring in `edition`, or `None` when off the radar (not yet placed,
    /// or retired).
    pub fn ring_in(&self, edition: usize) -> Option<usize> {
        self.placement_in(edition).and_then(|p| p.ring)
    }

    /// Whether it is drawn in `edition`: on the radar, and featured by the
    /// placement in force.
    pub fn drawn_in(&self, edition: usize) -> bool {
        self.placement_in(edition)
            .is_some_and(|p| p.ring.is_some() && p.featured)
    }
}

/// The rings used when the file defines none.
pub fn default_rings() -> Vec<Level> {
    levels(&[
        ("adopt", "Adopt"),
        ("trial", "Trial"),
        ("assess", "Assess"),
        ("hold", "Hold"),
    ])
}

/// The quadrants used when the file defines none.
pub fn default_quadrants() -> Vec<Level> {
    levels(&[
        ("techniques", "Techniques"),
        ("tools", "Tools"),
        ("platforms", "Platforms"),
        ("languages-and-frameworks", "Languages & Frameworks"),
    ])
}

fn levels(pairs: &[(&str, &str)]) -> Vec<Level> {
    pairs
        .iter()
        .map(|(id, name)| Level {
            id: (*id).into(),
            name: (*name).into(),
            color: None,
            description: None,
        })
        .collect()
}

/// The longest id, in bytes: it becomes an element id and part of a link.
pub const MAX_ID_LEN: usize = 64;
/// The longest name, alias, ring or quadrant name, in characters: each is
/// drawn on the radar and compiled into the matcher.
pub const MAX_NAME_LEN: usize = 120;
/// The longest tag, in characters: tags are short words, shown as chips
/// and used as filters by other radar tools.
pub const MAX_TAG_LEN: usize = 40;
/// The longest title, in characters.
pub const MAX_TITLE_LEN: usize = 200;
/// The longest link, evidence report id or quote, in characters.
pub const MAX_REF_LEN: usize = 2000;

/// The largest report read unless the radar sets another limit: 16 MiB,
/// hundreds of times a long conference report, and small enough that a
/// scan's memory stays bounded whatever lands in the folder.
pub const DEFAULT_MAX_REPORT_SIZE: u64 = 16 * 1024 * 1024;

/// Decodes, parses and validates the radar file's bytes; `name` is how the
/// file is shown in messages.
pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<(Radar, Vec<Diagnostic>), Vec<Diagnostic>> {
    let file = crate::input::config::decode(name, bytes).map_err(|d| vec![d])?;
    load(&file)
}

/// Parses and validates `file` in one go: the radar and every problem, or
/// only the problems when the file is not even TOML.
pub fn load(file: &Arc<SourceFile>) -> Result<(Radar, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (raw, mut problems) = crate::input::config::parse(file)?;
    let (radar, more) = validate(raw, file);
    problems.extend(more);
    Ok((radar, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tech(placements: &[(usize, Option<usize>)]) -> Technology {
        Technology {
            id: "x".into(),
            name: "X".into(),
            quadrant: 0,
            aliases: vec![],
            case_sensitive: false,
            count_name: true,
            tags: vec![],
            description: None,
            link: None,
            links: vec![],
            placements: placements
                .iter()
                .map(|&(edition, ring)| Placement {
                    edition,
                    ring,
                    why: None,
                    evidence: vec![],
                    featured: true,
                    span: 0..0,
                })
                .collect(),
            span: 0..0,
        }
    }

    #[test]
    fn rings_carry_over_editions_without_placements() {
        let t = tech(&[(1, Some(2)), (3, Some(0)), (4, None)]);
        let rings: Vec<Option<usize>> = (0..6).map(|e| t.ring_in(e)).collect();
        assert_eq!(rings, [None, Some(2), Some(2), Some(0), None, None]);
    }
}
