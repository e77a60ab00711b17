//! The validated radar: what the rest of the program trusts.
//!
//! [`validate`] checks everything that can be known from `radar.toml` alone
//! and reports every problem, not just the first. It still returns a model
//! when there are errors (leaving out the broken parts), so `check` can go on
//! to the reports and list their problems in the same run.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::count::matcher::Pattern;
use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::input::config::{RawConfig, RawLevel, RawPlacement};
use crate::input::quarter::Quarter;
use crate::text::{is_unsafe_char, normalize_phrase};
use toml::Spanned;

/// The ring id that takes a technology off the radar.
pub const RETIRED: &str = "retired";

/// A ring or quadrant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
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
    /// Rings, innermost (adopt) first.
    pub rings: Vec<Level>,
    /// Quadrants, in drawing order.
    pub quadrants: Vec<Level>,
    /// Technologies, in file order.
    pub technologies: Vec<Technology>,
    /// The config file, for diagnostics about evidence.
    pub source: Arc<SourceFile>,
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
    /// Markdown description.
    pub description: Option<String>,
    /// http(s) link.
    pub link: Option<String>,
    /// Placements, ascending by edition.
    pub placements: Vec<Placement>,
    /// Where the id is written.
    pub span: Range<usize>,
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

    /// Every name and alias, normalized, as matcher patterns.
    pub fn patterns(&self) -> Vec<Pattern> {
        self.technologies
            .iter()
            .enumerate()
            .flat_map(|(index, tech)| {
                std::iter::once(&tech.name)
                    .chain(&tech.aliases)
                    .map(move |text| Pattern {
                        technology: index,
                        text: normalize_phrase(text),
                        case_sensitive: tech.case_sensitive,
                    })
            })
            .collect()
    }

    /// Index of a technology by id.
    pub fn technology(&self, id: &str) -> Option<usize> {
        self.technologies.iter().position(|t| t.id == id)
    }
}

/// How a technology's place changed since the previous edition. Derived
/// from the placements, never typed by hand; the SVG markers and the
/// changelog both read it from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// On the radar now, not in the previous edition (or the first edition).
    New,
    /// Moved towards the innermost ring (adopt).
    MovedIn,
    /// Moved away from the innermost ring.
    MovedOut,
    /// Same ring as in the previous edition.
    Unchanged,
}

impl Change {
    /// The id used in CSS classes and JSON: `new`, `moved-in`, ...
    pub fn id(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::MovedIn => "moved-in",
            Change::MovedOut => "moved-out",
            Change::Unchanged => "unchanged",
        }
    }

    /// Human wording.
    pub fn label(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::MovedIn => "moved in",
            Change::MovedOut => "moved out",
            Change::Unchanged => "unchanged",
        }
    }
}

impl Technology {
    /// How the technology changed in `edition`, when it is on the radar then.
    pub fn change_in(&self, edition: usize) -> Option<Change> {
        let now = self.ring_in(edition)?;
        let before = edition.checked_sub(1).and_then(|e| self.ring_in(e));
        Some(match before {
            None => Change::New,
            Some(b) if now < b => Change::MovedIn,
            Some(b) if now > b => Change::MovedOut,
            Some(_) => Change::Unchanged,
        })
    }

    /// Whether the technology left the radar in `edition` (it was on the
    /// radar in the previous edition and is retired now).
    pub fn retired_in(&self, edition: usize) -> bool {
        edition > 0 && self.ring_in(edition).is_none() && self.ring_in(edition - 1).is_some()
    }

    /// The placement in force in `edition`: the last one at or before it.
    pub fn placement_in(&self, edition: usize) -> Option<&Placement> {
        self.placements.iter().rev().find(|p| p.edition <= edition)
    }

    /// The ring in `edition`, or `None` when off the radar (not yet placed,
    /// or retired).
    pub fn ring_in(&self, edition: usize) -> Option<usize> {
        self.placement_in(edition).and_then(|p| p.ring)
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
        })
        .collect()
}

/// Ids are what links, CSS classes and file names are made of. They start
/// with a letter or digit, so none reads as a command-line option or a
/// spreadsheet formula.
fn is_valid_id(id: &str) -> bool {
    id.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest id, in bytes: it becomes an element id and part of a link.
pub const MAX_ID_LEN: usize = 64;
/// The longest name, alias, ring or quadrant name, in characters: each is
/// drawn on the radar and compiled into the matcher.
pub const MAX_NAME_LEN: usize = 120;
/// The longest title, in characters.
pub const MAX_TITLE_LEN: usize = 200;
/// The longest link, evidence report id or quote, in characters.
pub const MAX_REF_LEN: usize = 2000;

/// The largest report read unless the radar sets another limit: 16 MiB,
/// hundreds of times a long conference report, and small enough that a
/// scan's memory stays bounded whatever lands in the folder.
pub const DEFAULT_MAX_REPORT_SIZE: u64 = 16 * 1024 * 1024;

/// Checks the raw config. Returns the model (without the broken parts) and
/// every problem found.
pub fn validate(raw: RawConfig, file: &Arc<SourceFile>) -> (Radar, Vec<Diagnostic>) {
    let mut v = Validator {
        file,
        diagnostics: Vec::new(),
    };
    let mut radar = Radar {
        title: String::new(),
        editions: Vec::new(),
        reports: None,
        max_report_size: DEFAULT_MAX_REPORT_SIZE,
        rings: default_rings(),
        quadrants: default_quadrants(),
        technologies: Vec::new(),
        source: Arc::clone(file),
    };
    // A missing [radar] table, title or editions was reported while reading.
    let mut editions = Vec::new();
    if let Some(header) = raw.radar {
        if let Some(title) = &header.title {
            title.get_ref().trim().clone_into(&mut radar.title);
            if radar.title.is_empty() {
                v.push(v.error(Code::EmptyTitle, "the radar title is empty", title.span()));
            }
            v.line("title", title, MAX_TITLE_LEN);
        }
        if let Some(raw_editions) = &header.editions {
            editions = v.editions(raw_editions);
        }
        if let Some(reports) = &header.reports {
            v.line("reports", reports, MAX_REF_LEN);
            if v.reports_folder(reports) {
                radar.reports = Some(reports.get_ref().clone());
            }
        }
        if let Some(size) = &header.max_report_size {
            radar.max_report_size = *size.get_ref();
        }
        radar.rings = v.levels("ring", header.rings.as_ref(), default_rings, 6);
        radar.quadrants = v.levels("quadrant", header.quadrants.as_ref(), default_quadrants, 8);
    }
    radar.editions = editions.iter().map(|(q, _)| *q).collect();
    // Where each normalized, lowercased pattern was first written.
    let mut patterns: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    for (key, tech) in raw.technologies {
        let span = key.span();
        let id = key.into_inner();
        let tech_span = tech.span();
        let tech = tech.into_inner();
        if !is_valid_id(&id) || id.len() > MAX_ID_LEN {
            v.push(
                v.error(
                    Code::InvalidId,
                    format!("invalid technology id `{}`", shorten(&id)),
                    span.clone(),
                )
                .note(format!("an id is 1 to {MAX_ID_LEN} of a-z, 0-9 and '-', starting with a letter or digit"))
                .help("e.g. `grafana-loki`"),
            );
        }
        let index = radar.technologies.len();
        // Spellings that fail these checks are left out of the model, so
        // the scan (which runs on to find the reports' problems too) never
        // compiles a 400 KB alias into its automaton.
        let mut valid = Vec::new();
        for spelling in std::iter::once(&tech.name).chain(&tech.aliases) {
            let what = if std::ptr::eq(spelling, &raw const tech.name) {
                "name"
            } else {
                "alias"
            };
            let ok = v.line(what, spelling, MAX_NAME_LEN);
            valid.push(ok);
            if !ok {
                continue;
            }
            let normalized = normalize_phrase(spelling.get_ref());
            if normalized.is_empty() {
                v.push(
                    v.error(
                        Code::EmptyPattern,
                        format!("empty {what} of technology `{id}`"),
                        spelling.span(),
                    )
                    .help("names and aliases are counted in reports, so they need visible text"),
                );
                continue;
            }
            match patterns.get(&normalized.to_ascii_lowercase()) {
                Some((other, first)) if *other != index => {
                    let other_id = &radar.technologies[*other].id;
                    let d = Diagnostic::error(
                        Code::DuplicatePattern,
                        format!("`{normalized}` is a name or alias of both `{other_id}` and `{id}`"),
                    )
                    .at_labelled(file, spelling.span(), format!("{what} of `{id}`"))
                    .also(file, first.clone(), format!("already used by `{other_id}`"))
                    .note("names and aliases are compared after NFKC normalization, ignoring ASCII case")
                    .help("a mention can count for only one technology: keep the spelling on one of them");
                    v.diagnostics.push(d);
                }
                Some(_) => {}
                None => {
                    patterns.insert(normalized.to_ascii_lowercase(), (index, spelling.span()));
                }
            }
        }
        v.line("quadrant", &tech.quadrant, MAX_ID_LEN);
        let quadrant = v.lookup(
            "quadrant",
            &tech.quadrant,
            &radar.quadrants,
            Code::UnknownQuadrant,
            &[],
        );
        if let Some(description) = &tech.description {
            v.markdown("description", description);
        }
        let link = tech
            .link
            .as_ref()
            .filter(|link| v.link(link))
            .map(|l| l.get_ref().clone());
        let placements = v.placements(
            &id,
            tech_span.clone(),
            tech.placements,
            &editions,
            &radar.rings,
        );
        radar.technologies.push(Technology {
            id,
            name: if valid[0] {
                tech.name.into_inner().trim().to_owned()
            } else {
                String::new()
            },
            quadrant: quadrant.unwrap_or(0),
            aliases: tech
                .aliases
                .into_iter()
                .zip(&valid[1..])
                .filter(|(_, ok)| **ok)
                .map(|(a, _)| a.into_inner())
                .collect(),
            case_sensitive: tech.case_sensitive,
            description: tech.description.map(toml::Spanned::into_inner),
            link,
            placements,
            span,
        });
    }
    (radar, v.diagnostics)
}

/// At most a line's worth of `text`, for messages about text that is too
/// long to repeat.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

struct Validator<'a> {
    file: &'a Arc<SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// An error at `span` of the config file.
    fn error(&self, code: Code, message: impl Into<String>, span: Range<usize>) -> Diagnostic {
        Diagnostic::error(code, message).at(self.file, span)
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// One-line text (names, titles, ids, references): no control or bidi
    /// characters, at most `max` characters. Returns whether it is fine.
    fn line(&mut self, what: &str, text: &Spanned<String>, max: usize) -> bool {
        self.text(what, text, max, false)
    }

    /// Text that may span lines (`why`, `description`, quotes): tabs and
    /// line breaks are allowed, other control characters are not.
    fn multi_line(&mut self, what: &str, text: &Spanned<String>) -> bool {
        self.text(what, text, usize::MAX, true)
    }

    /// Whether `text` is at most `max` characters, reporting it if not.
    fn line_length(&mut self, what: &str, text: &Spanned<String>, max: usize) -> bool {
        let length = text.get_ref().chars().count();
        if length <= max {
            return true;
        }
        self.push(
            self.error(
                Code::TooLong,
                format!("the {what} is {length} characters long; the most is {max}"),
                text.span(),
            )
            .help(format!("shorten the {what}")),
        );
        false
    }

    fn text(&mut self, what: &str, text: &Spanned<String>, max: usize, lines: bool) -> bool {
        let bad = text
            .get_ref()
            .chars()
            .find(|&c| is_unsafe_char(c) && !(lines && matches!(c, '\t' | '\n' | '\r')));
        if let Some(c) = bad {
            let kind = if c.is_control() {
                "the control character"
            } else {
                "the bidirectional formatting character"
            };
            let help = if lines {
                "remove it; only tabs and line breaks may stand between the words"
            } else {
                "remove it; this text is shown in terminals, on the radar and in Markdown, and must be plain"
            };
            self.push(
                self.error(
                    Code::ControlCharacter,
                    format!("the {what} contains {kind} U+{:04X}", c as u32),
                    text.span(),
                )
                .note("control characters can rewrite a terminal, and bidi overrides make text read differently from how it is stored")
                .help(help),
            );
            return false;
        }
        self.line_length(what, text, max)
    }

    /// Markdown fields (`why`, `description`): plain as multi-line text,
    /// and no link that leaves the web: a `javascript:` or `data:` link in
    /// the changelog would run when clicked.
    fn markdown(&mut self, what: &str, text: &Spanned<String>) {
        if !self.multi_line(what, text) {
            return;
        }
        for target in crate::render::markdown::link_targets(text.get_ref()) {
            if !crate::render::markdown::is_safe_target(&target) {
                self.push(
                    self.error(
                        Code::BadLink,
                        format!("the {what} links to `{}`, which is not a web or mail address", shorten(&target)),
                        text.span(),
                    )
                    .note("links in Markdown fields must be http:, https: or mailto: URLs, or paths relative to the page")
                    .help("remove the link, or link the project's web page"),
                );
            }
        }
    }

    /// A link: an `http` or `https` URL with a host, written without
    /// spaces, quotes, angle brackets or backslashes, so it can be written
    /// into SVG attributes and Markdown as it is.
    fn link(&mut self, link: &Spanned<String>) -> bool {
        if !self.line("link", link, MAX_REF_LEN) {
            return false;
        }
        let text = link.get_ref();
        let parsed = url::Url::parse(text).ok();
        let web = parsed.as_ref().is_some_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
        let plain = !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
        // `https:/x` and `https:x` parse, but nobody means them.
        let slashes = text
            .split_once(':')
            .is_some_and(|(_, rest)| rest.starts_with("//"));
        if web && plain && slashes {
            return true;
        }
        self.push(self.error(Code::BadLink, format!("the link `{}` is not an http or https URL", shorten(text)), link.span())
            .note("links are written into the SVG and the changelog, so only http:// and https:// URLs with a host, without spaces, quotes, angle brackets or backslashes, are allowed")
            .help("use the project's web page, e.g. `https://istio.io/`"));
        false
    }

    /// `reports` is a folder inside the project: relative, and never
    /// climbing out of the radar file's folder, since a pull request can
    /// change it and the reports' lines end up in logs.
    fn reports_folder(&mut self, reports: &Spanned<String>) -> bool {
        let path = std::path::Path::new(reports.get_ref());
        let mut depth: usize = 0;
        let mut inside = !reports.get_ref().trim().is_empty();
        for component in path.components() {
            match component {
                std::path::Component::Normal(_) => depth += 1,
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir if depth > 0 => depth -= 1,
                _ => inside = false,
            }
        }
        if !inside {
            self.push(
                self.error(
                    Code::ReportsOutside,
                    format!("the reports folder `{}` is not inside the project", shorten(reports.get_ref())),
                    reports.span(),
                )
                .note("`reports` is a folder relative to this file, and may not climb out of it")
                .help("move the reports into the project, or pass `--reports DIR` to read a folder elsewhere"),
            );
        }
        inside
    }

    fn editions(&mut self, raw: &Spanned<Vec<Spanned<String>>>) -> Vec<(Quarter, Range<usize>)> {
        if raw.get_ref().is_empty() {
            self.push(
                self.error(Code::NoEditions, "`editions` is empty", raw.span())
                    .help(
                        "list the radar's quarters, e.g. `editions = [\"2024-Q1\", \"2024-Q2\"]`",
                    ),
            );
        }
        let mut editions: Vec<(Quarter, Range<usize>)> = Vec::new();
        for edition in raw.get_ref() {
            if !self.line("edition", edition, MAX_ID_LEN) {
                continue;
            }
            let Some(quarter) = Quarter::parse(edition.get_ref()) else {
                self.push(
                    self.error(
                        Code::BadEdition,
                        format!("`{}` is not a quarter", edition.get_ref()),
                        edition.span(),
                    )
                    .note("editions are written YYYY-QN, with N from 1 to 4")
                    .help("e.g. `2024-Q3`"),
                );
                continue;
            };
            if let Some((previous, previous_span)) = editions.last().cloned()
                && previous >= quarter
            {
                let d = Diagnostic::error(
                    Code::EditionsNotAscending,
                    format!("edition `{quarter}` does not come after `{previous}`"),
                )
                .at(self.file, edition.span())
                .also(self.file, previous_span, "previous edition")
                .note("editions must be strictly ascending; the last one is the current radar");
                self.diagnostics.push(d);
                continue;
            }
            editions.push((quarter, edition.span()));
        }
        editions
    }

    fn levels(
        &mut self,
        kind: &str,
        raw: Option<&Spanned<Vec<Spanned<RawLevel>>>>,
        default: fn() -> Vec<Level>,
        max: usize,
    ) -> Vec<Level> {
        let Some(raw) = raw else {
            return default();
        };
        if raw.get_ref().is_empty() || raw.get_ref().len() > max {
            self.push(self.error(
                Code::RingOrQuadrantCount,
                format!(
                    "{} {kind}s defined; a radar has 1 to {max}",
                    raw.get_ref().len()
                ),
                raw.span(),
            ));
        }
        let mut out: Vec<Level> = Vec::new();
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        for level in raw.get_ref() {
            let level = level.get_ref();
            let id = level.id.get_ref();
            if !is_valid_id(id) || id.len() > MAX_ID_LEN || (kind == "ring" && id == RETIRED) {
                let hint = if id == RETIRED {
                    "`retired` is reserved for taking a technology off the radar".to_owned()
                } else {
                    format!(
                        "ids are 1 to {MAX_ID_LEN} of a-z, 0-9 and '-', starting with a letter or digit"
                    )
                };
                self.push(
                    self.error(
                        Code::InvalidId,
                        format!("invalid {kind} id `{}`", shorten(id)),
                        level.id.span(),
                    )
                    .help(hint),
                );
                continue;
            }
            if let Some(first) = seen.get(id) {
                let d = Diagnostic::error(
                    Code::DuplicateRingOrQuadrant,
                    format!("duplicate {kind} id `{id}`"),
                )
                .at(self.file, level.id.span())
                .also(self.file, first.clone(), "first defined here");
                self.diagnostics.push(d);
                continue;
            }
            self.line(&format!("{kind} name"), &level.name, MAX_NAME_LEN);
            seen.insert(id.clone(), level.id.span());
            out.push(Level {
                id: id.clone(),
                name: level.name.get_ref().clone(),
            });
        }
        if out.is_empty() { default() } else { out }
    }

    /// Finds `value` among `levels` (plus `extra` ids), or reports it with the
    /// allowed ids and a suggestion.
    fn lookup(
        &mut self,
        kind: &str,
        value: &Spanned<String>,
        levels: &[Level],
        code: Code,
        extra: &[&str],
    ) -> Option<usize> {
        let id = value.get_ref();
        if let Some(i) = levels.iter().position(|l| &l.id == id) {
            return Some(i);
        }
        if extra.contains(&id.as_str()) {
            return None;
        }
        let allowed: Vec<&str> = levels
            .iter()
            .map(|l| l.id.as_str())
            .chain(extra.iter().copied())
            .collect();
        let suggestion = did_you_mean(id, allowed.iter().copied());
        let d = Diagnostic::error(code, format!("unknown {kind} `{id}`"))
            .at(self.file, value.span())
            .note(format!("allowed {kind}s: {}", allowed.join(", ")))
            .maybe_help(suggestion);
        self.diagnostics.push(d);
        None
    }

    fn placements(
        &mut self,
        id: &str,
        tech_span: Range<usize>,
        raw: Vec<Spanned<RawPlacement>>,
        editions: &[(Quarter, Range<usize>)],
        rings: &[Level],
    ) -> Vec<Placement> {
        if raw.is_empty() {
            self.push(
                self.error(
                    Code::NoPlacements,
                    format!("technology `{id}` has no placements"),
                    tech_span,
                )
                .help("add a [[technologies.<id>.placements]] table with an edition and a ring"),
            );
        }
        let mut out: Vec<Placement> = Vec::new();
        let mut last: Option<(usize, Range<usize>)> = None;
        for placement in raw {
            let span = placement.span();
            let placement = placement.into_inner();
            if !self.line("edition", &placement.edition, MAX_ID_LEN)
                || !self.line("ring", &placement.ring, MAX_ID_LEN)
            {
                continue;
            }
            let edition_text = placement.edition.get_ref();
            let edition = Quarter::parse(edition_text)
                .and_then(|q| editions.iter().position(|(e, _)| *e == q));
            let Some(edition) = edition else {
                let listed: Vec<String> = editions.iter().map(|(q, _)| q.to_string()).collect();
                let suggestion = did_you_mean(edition_text, listed.iter().map(String::as_str));
                let d = Diagnostic::error(
                    Code::EditionNotListed,
                    format!("edition `{edition_text}` is not in the radar's `editions`"),
                )
                .at(self.file, placement.edition.span())
                .note(format!("editions: {}", listed.join(", ")))
                .maybe_help(suggestion);
                self.diagnostics.push(d);
                continue;
            };
            if let Some((previous, previous_span)) = &last
                && *previous >= edition
            {
                let d = Diagnostic::error(
                    Code::PlacementsNotAscending,
                    format!(
                        "placement for `{}` does not come after the one for `{}`",
                        editions[edition].0, editions[*previous].0
                    ),
                )
                .at(self.file, placement.edition.span())
                .also(self.file, previous_span.clone(), "previous placement")
                .note("a technology's placements are listed once per edition, oldest first");
                self.diagnostics.push(d);
                continue;
            }
            last = Some((edition, placement.edition.span()));
            let ring = placement.ring.get_ref();
            let ring = if ring == RETIRED {
                None
            } else {
                match self.lookup(
                    "ring",
                    &placement.ring,
                    rings,
                    Code::UnknownRing,
                    &[RETIRED],
                ) {
                    Some(r) => Some(r),
                    None => continue,
                }
            };
            if let Some(why) = &placement.why {
                self.markdown("why", why);
            }
            let mut evidence = Vec::new();
            for e in placement.evidence {
                let e = e.into_inner();
                let report_ok = self.line("evidence report", &e.report, MAX_REF_LEN);
                let quote_ok = e.quote.as_ref().is_none_or(|q| {
                    self.multi_line("quote", q) && self.line_length("quote", q, MAX_REF_LEN)
                });
                if report_ok && quote_ok {
                    evidence.push(Evidence {
                        report_span: e.report.span(),
                        report: e.report.into_inner(),
                        quote_span: e.quote.as_ref().map(toml::Spanned::span),
                        quote: e.quote.map(toml::Spanned::into_inner),
                    });
                }
            }
            out.push(Placement {
                edition,
                ring,
                why: placement.why.map(Spanned::into_inner),
                evidence,
                span,
            });
        }
        out
    }
}

/// A radar from TOML text that must be valid: for unit tests of the stages
/// that take a radar.
#[cfg(test)]
pub(crate) fn from_test_toml(toml: &str) -> Radar {
    let file = SourceFile::new("radar.toml", toml);
    let (radar, diagnostics) = load(&file).expect("the test radar parses");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    radar
}

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
            description: None,
            link: None,
            placements: placements
                .iter()
                .map(|&(edition, ring)| Placement {
                    edition,
                    ring,
                    why: None,
                    evidence: vec![],
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

    #[test]
    fn changes_are_derived_from_placements() {
        use Change::*;
        let t = tech(&[
            (0, Some(2)),
            (2, Some(1)),
            (3, Some(3)),
            (4, None),
            (5, Some(3)),
        ]);
        let changes: Vec<Option<Change>> = (0..6).map(|e| t.change_in(e)).collect();
        assert_eq!(
            changes,
            [
                Some(New),
                Some(Unchanged),
                Some(MovedIn),
                Some(MovedOut),
                None,
                Some(New)
            ]
        );
        let retired: Vec<bool> = (0..6).map(|e| t.retired_in(e)).collect();
        assert_eq!(retired, [false, false, false, false, true, false]);
    }
}
