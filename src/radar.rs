//! The validated radar: what the rest of the program trusts.
//!
//! [`validate`] checks everything that can be known from `radar.toml` alone
//! and reports every problem, not just the first. It still returns a model
//! when there are errors (leaving out the broken parts), so `check` can go on
//! to the reports and list their problems in the same run.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::config::{RawConfig, RawLevel};
use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::matcher::Pattern;
use crate::quarter::Quarter;
use crate::text::normalize_phrase;

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

/// Ids are what links, CSS classes and file names are made of.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks the raw config. Returns the model (without the broken parts) and
/// every problem found.
pub fn validate(raw: RawConfig, file: &Arc<SourceFile>) -> (Radar, Vec<Diagnostic>) {
    let mut v = Validator {
        file,
        diagnostics: Vec::new(),
    };
    let title = raw.radar.title.get_ref().trim().to_owned();
    if title.is_empty() {
        v.push(v.error(
            Code::EmptyTitle,
            "the radar title is empty",
            raw.radar.title.span(),
        ));
    }
    v.plain_text("title", &title, raw.radar.title.span());
    let editions = v.editions(&raw.radar.editions);
    let rings = v.levels("ring", raw.radar.rings.as_ref(), default_rings, 6);
    let quadrants = v.levels(
        "quadrant",
        raw.radar.quadrants.as_ref(),
        default_quadrants,
        8,
    );
    let mut radar = Radar {
        title,
        editions: editions.iter().map(|(q, _)| *q).collect(),
        reports: raw.radar.reports.map(|r| r.into_inner()),
        rings,
        quadrants,
        technologies: Vec::new(),
        source: Arc::clone(file),
    };
    // Where each normalized, lowercased pattern was first written.
    let mut patterns: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    for (key, tech) in raw.technologies {
        let span = key.span();
        let id = key.into_inner();
        let tech_span = tech.span();
        let tech = tech.into_inner();
        if !is_valid_id(&id) {
            v.push(
                v.error(
                    Code::InvalidId,
                    format!("invalid technology id `{id}`"),
                    span.clone(),
                )
                .help("ids use only a-z, 0-9 and '-', e.g. `grafana-loki`"),
            );
        }
        let index = radar.technologies.len();
        for spelling in std::iter::once(&tech.name).chain(&tech.aliases) {
            let what = if std::ptr::eq(spelling, &tech.name) {
                "name"
            } else {
                "alias"
            };
            v.plain_text(what, spelling.get_ref(), spelling.span());
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
        let quadrant = v.lookup(
            "quadrant",
            &tech.quadrant,
            &radar.quadrants,
            Code::UnknownQuadrant,
            &[],
        );
        if let Some(link) = &tech.link {
            v.link(link.get_ref(), link.span());
        }
        let placements = v.placements(
            &id,
            tech_span.clone(),
            tech.placements,
            &editions,
            &radar.rings,
        );
        radar.technologies.push(Technology {
            id,
            name: tech.name.into_inner().trim().to_owned(),
            quadrant: quadrant.unwrap_or(0),
            aliases: tech.aliases.into_iter().map(|a| a.into_inner()).collect(),
            case_sensitive: tech.case_sensitive,
            description: tech.description,
            link: tech.link.map(|l| l.into_inner()),
            placements,
            span,
        });
    }
    (radar, v.diagnostics)
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

    /// Names and titles end up in SVG text and tooltips: no control characters.
    fn plain_text(&mut self, what: &str, text: &str, span: Range<usize>) {
        if let Some(c) = text.chars().find(|c| c.is_control()) {
            self.push(
                self.error(
                    Code::ControlCharacter,
                    format!(
                        "the {what} contains the control character U+{:04X}",
                        c as u32
                    ),
                    span,
                )
                .help("remove it; names are shown on the radar and must be plain text"),
            );
        }
    }

    fn link(&mut self, link: &str, span: Range<usize>) {
        let lower = link.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
            && !link
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
        if !ok {
            self.push(self.error(Code::BadLink, format!("the link `{link}` is not an http or https URL"), span)
                .note("links are written into the SVG and the changelog, so only http:// and https:// URLs without spaces or quotes are allowed")
                .help("use the project's web page, e.g. `https://istio.io/`"));
        }
    }

    fn editions(
        &mut self,
        raw: &toml::Spanned<Vec<toml::Spanned<String>>>,
    ) -> Vec<(Quarter, Range<usize>)> {
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
        raw: Option<&toml::Spanned<Vec<toml::Spanned<RawLevel>>>>,
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
            if !is_valid_id(id) || (kind == "ring" && id == RETIRED) {
                let hint = if id == RETIRED {
                    "`retired` is reserved for taking a technology off the radar"
                } else {
                    "ids use only a-z, 0-9 and '-'"
                };
                self.push(
                    self.error(
                        Code::InvalidId,
                        format!("invalid {kind} id `{id}`"),
                        level.id.span(),
                    )
                    .help(hint),
                );
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
            self.plain_text(
                &format!("{kind} name"),
                level.name.get_ref(),
                level.name.span(),
            );
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
        value: &toml::Spanned<String>,
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
        raw: Vec<toml::Spanned<crate::config::RawPlacement>>,
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
            let evidence = placement
                .evidence
                .into_iter()
                .map(|e| {
                    let e = e.into_inner();
                    Evidence {
                        report_span: e.report.span(),
                        report: e.report.into_inner(),
                        quote_span: e.quote.as_ref().map(|q| q.span()),
                        quote: e.quote.map(|q| q.into_inner()),
                    }
                })
                .collect();
            out.push(Placement {
                edition,
                ring,
                why: placement.why,
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

/// Parses and validates `file` in one go.
pub fn load(file: &Arc<SourceFile>) -> Result<(Radar, Vec<Diagnostic>), Diagnostic> {
    let raw = crate::config::parse(file)?;
    Ok(validate(raw, file))
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
        let t = tech(&[
            (0, Some(2)),
            (2, Some(1)),
            (3, Some(3)),
            (4, None),
            (5, Some(3)),
        ]);
        let changes: Vec<Option<Change>> = (0..6).map(|e| t.change_in(e)).collect();
        use Change::*;
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
