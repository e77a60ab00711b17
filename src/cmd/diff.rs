//! `confradar diff BASE [HEAD]`: what a change to radar.toml does, as a
//! Markdown comment for a pull request, plain text, or JSON.
//!
//! Each side is a file or `REV:PATH` read through [`crate::history::git`]; only the
//! config is read, never the reports. Both sides are always loaded, so when
//! one is broken the error says which one, and shows the other side's
//! problems too.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::{Output, Status};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diagnostic::Severity;
use crate::error::{Error, Side};
use crate::history::diff::{self, Change, Direction, RadarChange, RadarDiff, TechnologyDiff};
use crate::input::radar::{Level, Radar};
use crate::project::{self, Paths};
use crate::render::markdown::inline;

/// Runs `diff`.
pub(crate) fn run(paths: &Paths, args: &DiffArgs) -> Result<(Output, Status), Error> {
    let head_spec = args
        .head
        .clone()
        .unwrap_or_else(|| paths.config.display().to_string());
    let base = load(&args.base);
    let head = load(&head_spec);
    let (base, head) = match (base, head) {
        (Ok(base), Ok(head)) => (base, head),
        (base, head) => {
            let side = |role, spec: &str, result: Result<Radar, Error>| Side {
                role,
                spec: spec.to_owned(),
                error: result.err().map(Box::new),
            };
            return Err(Error::Diff(vec![
                side("BASE", &args.base, base),
                side("HEAD", &head_spec, head),
            ]));
        }
    };
    let diff = diff::diff(&base, &head);
    let names = Names {
        base: &base,
        head: &head,
    };
    let stdout = match args.format {
        DiffFormat::Markdown => markdown(&diff, &names),
        DiffFormat::Text => text(&diff, &names),
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&diff)
                .map_err(|e| Error::Usage(format!("cannot write the diff as JSON: {e}")))?;
            json.push('\n');
            json
        }
    };
    let status = if args.exit_code && !diff.is_empty() {
        Status::Differs
    } else {
        Status::Clean
    };
    Ok((
        Output {
            stdout,
            ..Output::default()
        },
        status,
    ))
}

/// Where a side's text comes from.
#[derive(Debug, PartialEq, Eq)]
enum Spec {
    File(PathBuf),
    Git { rev: String, path: String },
}

/// A path that exists is a file; otherwise `REV:PATH` is read through git.
fn parse_spec(spec: &str) -> Spec {
    if !Path::new(spec).exists()
        && let Some((rev, path)) = spec.split_once(':')
        && !rev.is_empty()
        && !path.is_empty()
    {
        return Spec::Git {
            rev: rev.to_owned(),
            path: path.to_owned(),
        };
    }
    Spec::File(PathBuf::from(spec))
}

/// Reads and validates one side. Errors in it (not warnings) make it
/// broken: a diff of a half-validated radar would report the broken parts
/// as removed.
fn load(spec: &str) -> Result<Radar, Error> {
    let (radar, diagnostics) = match parse_spec(spec) {
        Spec::File(path) => project::load_radar(&path)?,
        Spec::Git { rev, path } => {
            let bytes = crate::history::git::show(&rev, &path)?;
            // Named as given, so its errors read `origin/main:radar.toml:3:1`.
            crate::input::radar::from_bytes(spec, bytes).map_err(Error::Input)?
        }
    };
    let errors: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(radar)
    } else {
        Err(Error::Input(errors))
    }
}

/// Display names for ids, from HEAD first, then BASE for what HEAD no
/// longer has.
struct Names<'a> {
    base: &'a Radar,
    head: &'a Radar,
}

impl Names<'_> {
    fn level(&self, pick: fn(&Radar) -> &[Level], id: &str) -> String {
        [self.head, self.base]
            .iter()
            .flat_map(|r| pick(r))
            .find(|l| l.id == id)
            .map_or_else(|| id.to_owned(), |l| l.name.clone())
    }

    fn ring(&self, id: Option<&str>) -> String {
        match id {
            None => "off the radar".into(),
            Some(crate::input::radar::RETIRED) => "retired".into(),
            Some(id) => self.level(|r| &r.rings, id),
        }
    }

    fn quadrant(&self, id: &str) -> String {
        self.level(|r| &r.quadrants, id)
    }
}

/// Counts for the summary line.
struct Summary {
    added: usize,
    removed: usize,
    moves: usize,
    changed: usize,
    radar: usize,
}

fn summarize(diff: &RadarDiff) -> Summary {
    let mut s = Summary {
        added: 0,
        removed: 0,
        moves: 0,
        changed: 0,
        radar: diff.radar.len(),
    };
    for t in &diff.technologies {
        match t.changes.first() {
            Some(Change::Added { .. }) => s.added += 1,
            Some(Change::Removed { .. }) => s.removed += 1,
            _ => {
                s.moves += t
                    .changes
                    .iter()
                    .filter(|c| matches!(c, Change::Ring { .. }))
                    .count();
                if t.changes.iter().any(|c| !matches!(c, Change::Ring { .. })) {
                    s.changed += 1;
                }
            }
        }
    }
    s
}

fn summary_line(diff: &RadarDiff) -> String {
    if diff.is_empty() {
        return "no changes to the radar".into();
    }
    let s = summarize(diff);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    [
        (s.added, "technology added", "technologies added"),
        (s.removed, "technology removed", "technologies removed"),
        (s.moves, "ring move", "ring moves"),
        (
            s.changed,
            "technology otherwise changed",
            "technologies otherwise changed",
        ),
        (s.radar, "radar-level change", "radar-level changes"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

fn editions(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} to {last}"),
    }
}

fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::In => "↑",
        Direction::Out => "↓",
        Direction::Added => "+",
        Direction::Retired => "×",
        Direction::Across => "→",
    }
}

/// One radar-level change in words; `esc` escapes user text for the format.
fn describe_radar(change: &RadarChange, esc: &dyn Fn(&str) -> String) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "(not set)".into(), esc);
    match change {
        RadarChange::Title { from, to } => format!("title: \"{}\" -> \"{}\"", esc(from), esc(to)),
        RadarChange::Reports { from, to } => {
            format!("reports folder: {} -> {}", opt(from), opt(to))
        }
        RadarChange::EditionAdded { edition } => format!("edition added: {edition}"),
        RadarChange::EditionRemoved { edition } => format!("edition removed: {edition}"),
        RadarChange::LevelAdded { level, id, name } => {
            format!("{level} added: {} ({})", esc(name), esc(id))
        }
        RadarChange::LevelRemoved { level, id, name } => {
            format!("{level} removed: {} ({})", esc(name), esc(id))
        }
        RadarChange::LevelRenamed {
            level,
            id,
            from,
            to,
        } => format!(
            "{level} {} renamed: \"{}\" -> \"{}\"",
            esc(id),
            esc(from),
            esc(to)
        ),
        RadarChange::LevelsReordered { level, from, to } => format!(
            "{level}s reordered: {} -> {}",
            esc(&from.join(", ")),
            esc(&to.join(", "))
        ),
    }
}

/// Quadrant and ring of an added or removed technology.
fn place(change: &Change, names: &Names, esc: &dyn Fn(&str) -> String) -> String {
    match change {
        Change::Added { quadrant, ring } | Change::Removed { quadrant, ring } => format!(
            "{}, {}",
            esc(&names.quadrant(quadrant)),
            esc(&names.ring(ring.as_deref()))
        ),
        _ => String::new(),
    }
}

/// One technology change in words.
fn describe(change: &Change, names: &Names, esc: &dyn Fn(&str) -> String) -> String {
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "(not set)".into(), esc);
    let evidence = |e: &diff::EvidenceRef| match &e.quote {
        Some(q) => format!("{} \"{}\"", esc(&e.report), esc(q)),
        None => esc(&e.report),
    };
    match change {
        Change::Added { .. } => format!("added: {}", place(change, names, esc)),
        Change::Removed { .. } => format!("removed (was {})", place(change, names, esc)),
        Change::IdChanged { from, to } => format!("id changed: {} -> {}", esc(from), esc(to)),
        Change::Renamed { from, to } => format!("renamed: \"{}\" -> \"{}\"", esc(from), esc(to)),
        Change::Quadrant { from, to } => format!(
            "quadrant: {} -> {}",
            esc(&names.quadrant(from)),
            esc(&names.quadrant(to))
        ),
        Change::Ring {
            editions: list,
            from,
            to,
            direction,
        } => {
            let mut line = format!(
                "ring in {}: {} -> {}",
                editions(list),
                esc(&names.ring(from.as_deref())),
                esc(&names.ring(to.as_deref())),
            );
            // "off the radar" already says which way it went.
            if matches!(
                direction,
                Direction::In | Direction::Out | Direction::Across
            ) {
                let _ = write!(line, " ({})", direction.label());
            }
            line
        }
        Change::AliasAdded { alias } => format!("alias added: \"{}\"", esc(alias)),
        Change::AliasRemoved { alias } => format!("alias removed: \"{}\"", esc(alias)),
        Change::PlacementAdded { edition, ring } => format!(
            "placement added in {edition}: {}",
            esc(&names.ring(Some(ring)))
        ),
        Change::PlacementRemoved { edition, ring } => format!(
            "placement removed in {edition}: {}",
            esc(&names.ring(Some(ring)))
        ),
        Change::Why { edition, to, .. } => format!("why changed in {edition}: {}", opt(to)),
        Change::EvidenceAdded {
            edition,
            evidence: e,
        } => {
            format!("evidence added in {edition}: {}", evidence(e))
        }
        Change::EvidenceRemoved {
            edition,
            evidence: e,
        } => {
            format!("evidence removed in {edition}: {}", evidence(e))
        }
        Change::Link { from, to } => format!("link: {} -> {}", opt(from), opt(to)),
        Change::Description { .. } => "description changed".into(),
        Change::CaseSensitive { to } => format!("case_sensitive: {to}"),
    }
}

/// For a pull request comment: a summary line, a table of ring moves, then
/// the radar-level changes, added and removed technologies, and the rest.
fn markdown(diff: &RadarDiff, names: &Names) -> String {
    let esc = |s: &str| inline(s);
    let mut out = format!("**confradar diff:** {}.\n", summary_line(diff));
    if diff.is_empty() {
        return out;
    }
    let moves: Vec<(&TechnologyDiff, &Change)> = diff
        .technologies
        .iter()
        .flat_map(|t| t.changes.iter().map(move |c| (t, c)))
        .filter(|(_, c)| matches!(c, Change::Ring { .. }))
        .collect();
    if !moves.is_empty() {
        out.push_str("\n| Technology | Editions | From | To | Move |\n|---|---|---|---|---|\n");
        for (t, c) in moves {
            if let Change::Ring {
                editions: list,
                from,
                to,
                direction,
            } = c
            {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} {} |",
                    esc(&t.name),
                    editions(list),
                    esc(&names.ring(from.as_deref())),
                    esc(&names.ring(to.as_deref())),
                    arrow(*direction),
                    direction.label()
                );
            }
        }
    }
    if !diff.radar.is_empty() {
        out.push_str("\n**Radar**\n\n");
        for change in &diff.radar {
            let _ = writeln!(out, "- {}", describe_radar(change, &esc));
        }
    }
    let heading = |title: &str, pick: &dyn Fn(&Change) -> bool| {
        let mut section = String::new();
        for t in &diff.technologies {
            if t.changes.first().is_some_and(pick) {
                let _ = writeln!(
                    section,
                    "- **{}** (`{}`): {}",
                    esc(&t.name),
                    t.id,
                    place(&t.changes[0], names, &esc)
                );
            }
        }
        if section.is_empty() {
            String::new()
        } else {
            format!("\n**{title}**\n\n{section}")
        }
    };
    out.push_str(&heading("Added", &|c| matches!(c, Change::Added { .. })));
    out.push_str(&heading("Removed", &|c| {
        matches!(c, Change::Removed { .. })
    }));
    let mut rest = String::new();
    for t in &diff.technologies {
        let others: Vec<&Change> = t
            .changes
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    Change::Ring { .. } | Change::Added { .. } | Change::Removed { .. }
                )
            })
            .collect();
        if others.is_empty() {
            continue;
        }
        let _ = writeln!(rest, "- **{}** (`{}`)", esc(&t.name), t.id);
        for c in others {
            let _ = writeln!(rest, "  - {}", describe(c, names, &esc));
        }
    }
    if !rest.is_empty() {
        let _ = write!(out, "\n**Other changes**\n\n{rest}");
    }
    out
}

/// Plain lines for a terminal: the summary, then each changed thing with
/// its changes indented under it.
fn text(diff: &RadarDiff, names: &Names) -> String {
    let esc = |s: &str| s.to_owned();
    let mut out = format!("{}\n", summary_line(diff));
    if !diff.radar.is_empty() {
        out.push_str("radar:\n");
        for change in &diff.radar {
            let _ = writeln!(out, "  {}", describe_radar(change, &esc));
        }
    }
    for t in &diff.technologies {
        let _ = writeln!(out, "{} ({}):", t.id, t.name);
        for c in &t.changes {
            let _ = writeln!(out, "  {}", describe(c, names, &esc));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_files_or_revisions() {
        assert_eq!(
            parse_spec("origin/main:radar.toml"),
            Spec::Git {
                rev: "origin/main".into(),
                path: "radar.toml".into()
            }
        );
        assert_eq!(
            parse_spec("HEAD~1:./conf/radar.toml"),
            Spec::Git {
                rev: "HEAD~1".into(),
                path: "./conf/radar.toml".into()
            }
        );
        assert_eq!(
            parse_spec("radar.toml"),
            Spec::File(PathBuf::from("radar.toml"))
        );
        assert_eq!(parse_spec(":x"), Spec::File(PathBuf::from(":x")));
    }
}
