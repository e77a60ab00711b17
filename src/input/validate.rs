//! From `radar.toml` as written ([`crate::input::config`]) to the trusted
//! model ([`crate::input::radar`]).
//!
//! [`validate`] checks everything that can be known from the file alone and
//! reports every problem, not just the first. It still returns a model when
//! there are errors (leaving out the broken parts), so `check` can go on to
//! the reports and list their problems in the same run. The checks of single
//! fields (text, links, Markdown) are in [`crate::input::field`].

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use crate::diagnostic::{Code, Diagnostic, SourceFile, did_you_mean};
use crate::input::config::{
    RawConfig, RawEvidence, RawLevel, RawPlacement, RawRadar, RawTechnology,
};
use crate::input::quarter::Quarter;
use crate::input::radar::{
    DEFAULT_MAX_REPORT_SIZE, Evidence, Level, MAX_ID_LEN, MAX_NAME_LEN, MAX_REF_LEN, MAX_TITLE_LEN,
    Placement, RETIRED, Radar, Technology, Theme, default_quadrants, default_rings,
};
use crate::input::spelling::Patterns;

/// Checks the raw config. Returns the model (without the broken parts) and
/// every problem found.
pub(crate) fn validate(raw: RawConfig, file: &Arc<SourceFile>) -> (Radar, Vec<Diagnostic>) {
    let mut v = Validator {
        file,
        diagnostics: Vec::new(),
    };
    let mut radar = Radar {
        title: String::new(),
        editions: Vec::new(),
        reports: None,
        max_report_size: DEFAULT_MAX_REPORT_SIZE,
        theme: Theme::default(),
        rings: default_rings(),
        quadrants: default_quadrants(),
        technologies: Vec::new(),
        source: Arc::clone(file),
        suggest: crate::input::suggest::SuggestNames::default(),
    };
    // A missing [radar] table, title or editions was reported while reading.
    let mut editions = Vec::new();
    if let Some(header) = &raw.radar {
        radar.title = v.title(header);
        editions = v.edition_list(header);
        radar.reports = v.reports(header);
        radar.max_report_size = header
            .max_report_size
            .as_ref()
            .map_or(DEFAULT_MAX_REPORT_SIZE, |size| *size.get_ref());
        radar.theme = v.theme(header);
        radar.rings = v.levels(LevelKind::Ring, header.rings.as_ref());
        radar.quadrants = v.levels(LevelKind::Quadrant, header.quadrants.as_ref());
    }
    radar.editions = editions.iter().map(|(q, _)| *q).collect();
    radar.technologies = v.technologies(raw.technologies, &editions, &radar);
    radar.suggest = v.suggest_names(raw.suggest.as_ref());
    (radar, v.diagnostics)
}

/// A quarter of `editions` and where it is written.
type Edition = (Quarter, Range<usize>);

/// Which kind of [`Level`] a list defines: the two are checked alike, with
/// their own limits and defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LevelKind {
    Ring,
    Quadrant,
}

impl LevelKind {
    /// The word for one, in messages.
    fn noun(self) -> &'static str {
        match self {
            LevelKind::Ring => "ring",
            LevelKind::Quadrant => "quadrant",
        }
    }

    /// The most a radar can draw.
    fn max(self) -> usize {
        match self {
            LevelKind::Ring => 6,
            LevelKind::Quadrant => 8,
        }
    }

    /// The levels used when the file defines none, or none valid.
    fn defaults(self) -> Vec<Level> {
        match self {
            LevelKind::Ring => default_rings(),
            LevelKind::Quadrant => default_quadrants(),
        }
    }

    /// The code for a reference to an id that is not defined.
    fn unknown(self) -> Code {
        match self {
            LevelKind::Ring => Code::UnknownRing,
            LevelKind::Quadrant => Code::UnknownQuadrant,
        }
    }

    /// Ids a reference may use besides the defined ones: a placement's
    /// ring may be `retired`, which is why no ring may be called that.
    fn reserved(self) -> &'static [&'static str] {
        match self {
            LevelKind::Ring => &[RETIRED],
            LevelKind::Quadrant => &[],
        }
    }
}

impl std::fmt::Display for LevelKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.noun())
    }
}

/// Collects the problems of one file while its parts are checked.
pub(crate) struct Validator<'a> {
    pub(crate) file: &'a Arc<SourceFile>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// An error at `span` of the config file.
    pub(crate) fn error(
        &self,
        code: Code,
        message: impl Into<String>,
        span: Range<usize>,
    ) -> Diagnostic {
        Diagnostic::error(code, message).at(self.file, span)
    }

    /// Records a problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The title, trimmed; empty when it is missing.
    fn title(&mut self, header: &RawRadar) -> String {
        let Some(title) = &header.title else {
            return String::new();
        };
        let trimmed = title.get_ref().trim().to_owned();
        if trimmed.is_empty() {
            self.push(self.error(Code::EmptyTitle, "the radar title is empty", title.span()));
        }
        self.line("title", title, MAX_TITLE_LEN);
        trimmed
    }

    /// The editions that are quarters in ascending order.
    fn edition_list(&mut self, header: &RawRadar) -> Vec<Edition> {
        let Some(raw) = &header.editions else {
            return Vec::new();
        };
        if raw.get_ref().is_empty() {
            self.push(
                self.error(Code::NoEditions, "`editions` is empty", raw.span())
                    .help(
                        "list the radar's quarters, e.g. `editions = [\"2024-Q1\", \"2024-Q2\"]`",
                    ),
            );
        }
        let mut editions: Vec<Edition> = Vec::new();
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
                self.push(d);
                continue;
            }
            editions.push((quarter, edition.span()));
        }
        editions
    }

    /// The reports folder, when it is written and inside the project.
    fn reports(&mut self, header: &RawRadar) -> Option<String> {
        let reports = header.reports.as_ref()?;
        self.line("reports", reports, MAX_REF_LEN);
        self.reports_folder(reports)
            .then(|| reports.get_ref().clone())
    }

    /// The theme as written; the default when it is missing or unknown
    /// (reported, with the allowed values and the nearest one).
    fn theme(&mut self, header: &RawRadar) -> Theme {
        let Some(raw) = &header.theme else {
            return Theme::default();
        };
        let text = raw.get_ref();
        if let Some(theme) = Theme::parse(text) {
            return theme;
        }
        let allowed = Theme::ALL.map(Theme::as_str);
        let d = self
            .error(
                Code::BadTheme,
                format!("unknown theme `{}`", shorten(text)),
                raw.span(),
            )
            .note(format!("allowed themes: {}", allowed.join(", ")))
            .maybe_help(did_you_mean(text, allowed));
        self.push(d);
        Theme::default()
    }

    /// The rings or quadrants as defined, leaving out broken ones; the
    /// defaults when none is defined or none is valid.
    fn levels(
        &mut self,
        kind: LevelKind,
        raw: Option<&Spanned<Vec<Spanned<RawLevel>>>>,
    ) -> Vec<Level> {
        let Some(raw) = raw else {
            return kind.defaults();
        };
        let max = kind.max();
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
            if !is_valid_id(id) || id.len() > MAX_ID_LEN || kind.reserved().contains(&id.as_str()) {
                let hint = if id == RETIRED {
                    "`retired` is reserved for taking a technology off the radar".to_owned()
                } else {
                    format!(
                        "ids are 1 to {MAX_ID_LEN} of a-z, 0-9, '-' and '_', starting with a letter or digit"
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
                self.push(d);
                continue;
            }
            self.line(&format!("{kind} name"), &level.name, MAX_NAME_LEN);
            let color = level.color.as_ref().filter(|c| self.color(kind.noun(), c));
            if let Some(description) = &level.description {
                self.markdown(&format!("{kind} description"), description);
            }
            seen.insert(id.clone(), level.id.span());
            out.push(Level {
                id: id.clone(),
                name: level.name.get_ref().clone(),
                color: color.map(|c| c.get_ref().clone()),
                description: level.description.as_ref().map(|d| d.get_ref().clone()),
            });
        }
        if out.is_empty() { kind.defaults() } else { out }
    }

    /// Finds `value` among `levels`, or reports it with the allowed ids and
    /// a suggestion. A reserved id (`retired`) is no level: `None`, without
    /// a problem.
    fn lookup(
        &mut self,
        kind: LevelKind,
        value: &Spanned<String>,
        levels: &[Level],
    ) -> Option<usize> {
        let id = value.get_ref();
        if let Some(i) = levels.iter().position(|l| &l.id == id) {
            return Some(i);
        }
        let reserved = kind.reserved();
        if reserved.contains(&id.as_str()) {
            return None;
        }
        let allowed: Vec<&str> = levels
            .iter()
            .map(|l| l.id.as_str())
            .chain(reserved.iter().copied())
            .collect();
        let suggestion = did_you_mean(id, allowed.iter().copied());
        let d = Diagnostic::error(kind.unknown(), format!("unknown {kind} `{id}`"))
            .at(self.file, value.span())
            .note(format!("allowed {kind}s: {}", allowed.join(", ")))
            .maybe_help(suggestion);
        self.push(d);
        None
    }

    /// Every technology, in file order. `radar` has the header's parts
    /// (editions, rings, quadrants) already.
    fn technologies(
        &mut self,
        raw: Vec<(Spanned<String>, Spanned<RawTechnology>)>,
        editions: &[Edition],
        radar: &Radar,
    ) -> Vec<Technology> {
        let mut technologies: Vec<Technology> = Vec::new();
        let mut patterns = Patterns::new();
        for (key, tech) in raw {
            let span = key.span();
            let id = key.into_inner();
            let tech_span = tech.span();
            let tech = tech.into_inner();
            self.technology_id(&id, span.clone());
            let valid = self.spellings(&id, &tech, &technologies, &mut patterns);
            self.line("quadrant", &tech.quadrant, MAX_ID_LEN);
            let quadrant = self.lookup(LevelKind::Quadrant, &tech.quadrant, &radar.quadrants);
            if let Some(description) = &tech.description {
                self.markdown("description", description);
            }
            let link = tech
                .link
                .as_ref()
                .filter(|link| self.link(link))
                .map(|l| l.get_ref().clone());
            let links = self.links(&tech.links);
            let tags = self.tags(&tech.tags);
            let placements =
                self.placements(&id, tech_span, tech.placements, editions, &radar.rings);
            technologies.push(Technology {
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
                count_name: tech.count_name,
                tags,
                description: tech.description.map(Spanned::into_inner),
                link,
                links,
                placements,
                span,
            });
        }
        technologies
    }

    /// A technology id is the table key, and becomes links and file names.
    fn technology_id(&mut self, id: &str, span: Range<usize>) {
        if !is_valid_id(id) || id.len() > MAX_ID_LEN {
            self.push(
                self.error(
                    Code::InvalidId,
                    format!("invalid technology id `{}`", shorten(id)),
                    span,
                )
                .note(format!("an id is 1 to {MAX_ID_LEN} of a-z, 0-9, '-' and '_', starting with a letter or digit"))
                .help("e.g. `grafana-loki`"),
            );
        }
    }

    /// A technology's placements, leaving out broken ones.
    fn placements(
        &mut self,
        id: &str,
        tech_span: Range<usize>,
        raw: Vec<Spanned<RawPlacement>>,
        editions: &[Edition],
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
        // The edition of the last placement kept, and where it is written.
        let mut last: Option<(usize, Range<usize>)> = None;
        for placement in raw {
            let span = placement.span();
            let placement = placement.into_inner();
            if !self.line("edition", &placement.edition, MAX_ID_LEN)
                || !self.line("ring", &placement.ring, MAX_ID_LEN)
            {
                continue;
            }
            let Some(edition) = self.placement_edition(&placement.edition, editions) else {
                continue;
            };
            if !self.after(edition, &placement.edition, last.as_ref(), editions) {
                continue;
            }
            last = Some((edition, placement.edition.span()));
            let ring = if placement.ring.get_ref() == RETIRED {
                None
            } else {
                match self.lookup(LevelKind::Ring, &placement.ring, rings) {
                    Some(r) => Some(r),
                    None => continue,
                }
            };
            if let Some(why) = &placement.why {
                self.markdown("why", why);
            }
            let evidence = placement
                .evidence
                .into_iter()
                .filter_map(|e| self.evidence(e.into_inner()))
                .collect();
            out.push(Placement {
                edition,
                ring,
                why: placement.why.map(Spanned::into_inner),
                evidence,
                featured: placement.featured,
                span,
            });
        }
        out
    }

    /// The index of a placement's edition among the radar's `editions`.
    fn placement_edition(
        &mut self,
        written: &Spanned<String>,
        editions: &[Edition],
    ) -> Option<usize> {
        let text = written.get_ref();
        let edition = Quarter::parse(text).and_then(|q| editions.iter().position(|(e, _)| *e == q));
        if edition.is_none() {
            let listed: Vec<String> = editions.iter().map(|(q, _)| q.to_string()).collect();
            let suggestion = did_you_mean(text, listed.iter().map(String::as_str));
            let d = Diagnostic::error(
                Code::EditionNotListed,
                format!("edition `{text}` is not in the radar's `editions`"),
            )
            .at(self.file, written.span())
            .note(format!("editions: {}", listed.join(", ")))
            .maybe_help(suggestion);
            self.push(d);
        }
        edition
    }

    /// Whether a placement for `edition`, written at `written`, comes after
    /// the `last` one kept.
    fn after(
        &mut self,
        edition: usize,
        written: &Spanned<String>,
        last: Option<&(usize, Range<usize>)>,
        editions: &[Edition],
    ) -> bool {
        let Some((previous, previous_span)) = last.filter(|(previous, _)| *previous >= edition)
        else {
            return true;
        };
        let d = Diagnostic::error(
            Code::PlacementsNotAscending,
            format!(
                "placement for `{}` does not come after the one for `{}`",
                editions[edition].0, editions[*previous].0
            ),
        )
        .at(self.file, written.span())
        .also(self.file, previous_span.clone(), "previous placement")
        .note("a technology's placements are listed once per edition, oldest first");
        self.push(d);
        false
    }

    /// One piece of evidence, when its report id and quote are plain text.
    fn evidence(&mut self, e: RawEvidence) -> Option<Evidence> {
        let report_ok = self.line("evidence report", &e.report, MAX_REF_LEN);
        let quote_ok = e.quote.as_ref().is_none_or(|q| {
            self.multi_line("quote", q) && self.line_length("quote", q, MAX_REF_LEN)
        });
        (report_ok && quote_ok).then(|| Evidence {
            report_span: e.report.span(),
            report: e.report.into_inner(),
            quote_span: e.quote.as_ref().map(Spanned::span),
            quote: e.quote.map(Spanned::into_inner),
        })
    }
}

/// Ids are what links, CSS classes and file names are made of. They start
/// with a letter or digit, so none reads as a command-line option or a
/// spreadsheet formula. Imports map foreign ids onto these.
pub(crate) fn is_valid_id(id: &str) -> bool {
    id.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
}

/// At most a line's worth of `text`, for messages about text that is too
/// long to repeat.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::radar::from_bytes;

    /// The radar read from a file whose `[radar]` table has `extra` in it,
    /// and the problems found.
    fn with(extra: &str) -> (Radar, Vec<Diagnostic>) {
        let text = format!("[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\"]\n{extra}\n");
        from_bytes("radar.toml", text.into_bytes()).expect("valid TOML")
    }

    #[test]
    fn each_theme_is_read_and_light_is_the_default() {
        assert_eq!(with("").0.theme, Theme::Light);
        for theme in Theme::ALL {
            let (radar, problems) = with(&format!("theme = \"{}\"", theme.as_str()));
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(radar.theme, theme);
        }
    }

    #[test]
    fn an_unknown_theme_is_reported_at_its_value_with_the_nearest() {
        let (radar, problems) = with("theme = \"drak\"");
        assert_eq!(radar.theme, Theme::Light);
        let [d] = problems.as_slice() else {
            panic!("one problem expected: {problems:?}");
        };
        assert_eq!(d.code, Code::BadTheme);
        assert_eq!(d.location().as_deref(), Some("radar.toml:4:9"));
        assert_eq!(d.help.as_deref(), Some("did you mean `dark`?"));
        assert!(
            d.notes.iter().any(|n| n.contains("light, dark, auto")),
            "{:?}",
            d.notes
        );
        // Nothing near: the allowed values, without a guess.
        let (_, problems) = with("theme = \"solarized\"");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].help, None);
        // Not a string: the reader's type error.
        let (_, problems) = with("theme = 1");
        assert_eq!(problems[0].code, Code::WrongType);
    }
}
