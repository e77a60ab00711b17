//! Every diagnostic code, pinned: one row per code, each a small project
//! that triggers it, with the code and the place it must be reported at.
//! A row for every code in `Code::ALL` is required, so a validation rule
//! cannot be deleted, or a new one added, with this suite still green.
//!
//! The projects are loaded in-process through `Project::load`, which
//! returns the diagnostics with their codes (the binary prints only their
//! text); the text itself is pinned by the snapshot tests in `cli.rs`.

mod support;

use std::collections::BTreeSet;

use confradar::diagnostic::{Code, Severity};
use confradar::error::Error;
use confradar::project::{Paths, Project as Loaded};
use support::{Project, RADAR};

/// What `Project::load` reported for the project: each diagnostic's code,
/// severity and place, the place relative to the project folder (the
/// subfolder `dir` of `p`).
fn diagnostics(p: &Project, dir: &str) -> Vec<(Code, Severity, String)> {
    let root = p.join(dir);
    let paths = Paths {
        config: root.join("radar.toml"),
        reports: None,
        progress: false,
        cache: None,
    };
    let found = match Loaded::load(&paths) {
        Ok(project) => project.diagnostics,
        Err(Error::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("the command could not run: {other}"),
    };
    let root = format!("{}/", root.display().to_string().trim_end_matches('/'));
    found
        .into_iter()
        .map(|d| {
            let place = d.location().unwrap_or_default();
            let place = place.strip_prefix(&root).unwrap_or(&place).to_owned();
            (d.code, d.severity, place)
        })
        .collect()
}

/// The base project with `from` replaced by `to` in radar.toml.
fn edit(from: &str, to: &str) -> Project {
    Project::with_radar_edit(from, to)
}

/// The base project with `text` appended to radar.toml.
fn append(text: &str) -> Project {
    Project::new().append_radar(text)
}

/// A report dated in 2019-Q3 that mentions Istio, with `body` after it.
fn report(body: &str) -> String {
    format!("+++\ndate = 2019-07-01\n+++\nIstio {body}\n")
}

const EXTRA: &str = "\n[technologies.envoy]\nname = \"Envoy\"\nquadrant = \"platforms\"\n";

/// One row: the code, the project that triggers it, and where it must be
/// reported.
fn cases() -> Vec<(Code, Project, &'static str, &'static str)> {
    use Code::*;
    let cases = vec![
        (
            TomlSyntax,
            edit("name = \"Istio\"", "name = \"Istio"),
            "radar.toml:6:14",
        ),
        (
            UnknownKey,
            edit("link =", "homepage = \"x\"\nlink ="),
            "radar.toml:8:1",
        ),
        (
            MissingKey,
            edit("quadrant = \"platforms\"\n", ""),
            "radar.toml:5:1",
        ),
        (
            WrongType,
            edit("link =", "case_sensitive = \"yes\"\nlink ="),
            "radar.toml:8:18",
        ),
        (
            DuplicateTechnology,
            append("\n[technologies.istio]\nname = \"Istio 2\"\n"),
            "radar.toml:16:15",
        ),
        (
            InvalidId,
            Project::new().file(
                "radar.toml",
                &RADAR.replace("technologies.istio", "technologies.Istio"),
            ),
            "radar.toml:5:15",
        ),
        (
            UnknownRing,
            edit("ring = \"assess\"", "ring = \"asess\""),
            "radar.toml:12:8",
        ),
        (
            UnknownQuadrant,
            edit("quadrant = \"platforms\"", "quadrant = \"platform\""),
            "radar.toml:7:12",
        ),
        (
            DuplicateRingOrQuadrant,
            edit(
                "editions = ",
                "rings = [{ id = \"assess\", name = \"A\" }, { id = \"assess\", name = \"B\" }]\neditions = ",
            ),
            "radar.toml:3:48",
        ),
        (
            RingOrQuadrantCount,
            edit("editions = ", "quadrants = []\neditions = "),
            "radar.toml:3:13",
        ),
        (
            EmptyPattern,
            edit("link =", "aliases = [\" \"]\nlink ="),
            "radar.toml:8:12",
        ),
        (
            DuplicatePattern,
            append(&format!(
                "{EXTRA}aliases = [\"ISTIO\"]\n[[technologies.envoy.placements]]\nedition = \"2024-Q3\"\nring = \"hold\"\n"
            )),
            "radar.toml:19:12",
        ),
        (
            BadEdition,
            edit("\"2019-Q3\", \"2024-Q3\"", "\"2019-Q3\", \"2024-Q5\""),
            "radar.toml:3:24",
        ),
        (
            EditionsNotAscending,
            edit("\"2019-Q3\", \"2024-Q3\"", "\"2024-Q3\", \"2019-Q3\""),
            "radar.toml:3:24",
        ),
        (
            NoEditions,
            edit("[\"2019-Q3\", \"2024-Q3\"]", "[]"),
            "radar.toml:3:12",
        ),
        (
            EditionNotListed,
            edit("edition = \"2019-Q3\"", "edition = \"2020-Q1\""),
            "radar.toml:11:11",
        ),
        (
            PlacementsNotAscending,
            append(
                "\n[[technologies.istio.placements]]\nedition = \"2019-Q3\"\nring = \"trial\"\n",
            ),
            "radar.toml:17:11",
        ),
        (NoPlacements, append(EXTRA), "radar.toml:16:1"),
        (
            BadLink,
            edit("https://istio.io/", "ftp://istio.io/"),
            "radar.toml:8:8",
        ),
        (
            BadColor,
            edit(
                "editions = [\"2019-Q3\", \"2024-Q3\"]\n",
                "editions = [\"2019-Q3\", \"2024-Q3\"]\nrings = [{ id = \"assess\", name = \"Assess\", color = \"teal\" }]\n",
            ),
            "radar.toml:4:52",
        ),
        (
            BadTag,
            edit("link =", "tags = [\"Service Mesh\"]\nlink ="),
            "radar.toml:8:9",
        ),
        (
            DuplicateTag,
            edit("link =", "tags = [\"mesh\", \"mesh\"]\nlink ="),
            "radar.toml:8:17",
        ),
        (
            ControlCharacter,
            edit("name = \"Istio\"", "name = \"Ist\\u0007io\""),
            "radar.toml:6:8",
        ),
        (
            EmptyTitle,
            edit("title = \"Test Radar\"", "title = \" \""),
            "radar.toml:2:9",
        ),
        (
            TooLong,
            edit(
                "title = \"Test Radar\"",
                &format!("title = \"{}\"", "T".repeat(201)),
            ),
            "radar.toml:2:9",
        ),
        (
            BadSize,
            edit("editions = ", "max_report_size = \"lots\"\neditions = "),
            "radar.toml:3:19",
        ),
        (
            BadTheme,
            edit("editions = ", "theme = \"drak\"\neditions = "),
            "radar.toml:3:9",
        ),
        (
            ReportsOutside,
            edit("editions = ", "reports = \"../x\"\neditions = "),
            "radar.toml:3:11",
        ),
        (
            MissingReport,
            edit(
                "report = \"2019-07-22-cndt\"",
                "report = \"2019-07-22-cdnt\"",
            ),
            "radar.toml:14:24",
        ),
        (
            QuoteNotFound,
            edit(
                "quote = \"Traffic Management\"",
                "quote = \"Traffic Shaping\"",
            ),
            "radar.toml:14:51",
        ),
        (
            ReportAfterEdition,
            Project::new().file(
                "reports/2019-07-22-cndt.md",
                &support::REPORT.replace("+++\n+++", "").replace(
                    "title = \"CNDT 2019 メモ\"",
                    "title = \"x\"\ndate = 2024-08-01",
                ),
            ),
            "radar.toml:14:24",
        ),
        (
            DuplicateReport,
            Project::new().file("reports/2019-07-22-cndt.txt", &report("again")),
            "reports/2019-07-22-cndt.txt",
        ),
        (
            FrontMatter,
            Project::new().file("reports/2019-08-01-x.md", "+++\ntitle = \"x\"\nIstio\n"),
            "reports/2019-08-01-x.md:1:1",
        ),
        (
            BadDate,
            Project::new().file("reports/x.md", "+++\ndate = \"2019-13-01\"\n+++\nIstio\n"),
            "reports/x.md:2:8",
        ),
        (
            NoDate,
            Project::new().file("reports/notes.md", "Istio\n"),
            "reports/notes.md:1:1",
        ),
        (
            Encoding,
            Project::new().bytes("reports/2019-08-01-x.md", b"Istio caf\xE9 \xFF\xFE\n"),
            "reports/2019-08-01-x.md",
        ),
        (
            Binary,
            Project::new().bytes("reports/2019-08-01-x.md", b"Istio\0\n"),
            "reports/2019-08-01-x.md",
        ),
        (
            EmptyReport,
            Project::new().file("reports/2019-08-01-x.md", "+++\ntitle = \"x\"\n+++\n\n"),
            "reports/2019-08-01-x.md",
        ),
        (
            TooLarge,
            edit("editions = ", "max_report_size = 100\neditions = ")
                .file("reports/2019-08-01-x.md", &report(&"x".repeat(200))),
            "reports/2019-08-01-x.md",
        ),
        (
            BadFileName,
            Project::new().file("reports/2019-08-01-\u{1b}[31m.md", &report("")),
            "reports/2019-08-01-\\u{1b}[31m.md",
        ),
        (
            NeverMentioned,
            append(&format!(
                "{EXTRA}[[technologies.envoy.placements]]\nedition = \"2024-Q3\"\nring = \"hold\"\nevidence = [{{ report = \"2019-07-22-cndt\" }}]\n"
            )),
            "radar.toml:16:15",
        ),
        (
            NoEvidence,
            edit(
                "evidence = [{ report = \"2019-07-22-cndt\", quote = \"Traffic Management\" }]\n",
                "",
            ),
            "radar.toml:10:1",
        ),
    ];
    let mut cases: Vec<_> = cases
        .into_iter()
        .map(|(c, p, place)| (c, p, "", place))
        .collect();
    cases.extend(unix_cases());
    cases
}

/// The codes that need a link or a special file.
#[cfg(unix)]
fn unix_cases() -> Vec<(Code, Project, &'static str, &'static str)> {
    use std::os::unix::fs::symlink;
    let unreadable = Project::new();
    symlink("nowhere.md", unreadable.join("reports/2019-08-01-gone.md")).expect("symlink");
    let fifo = Project::new();
    let status = std::process::Command::new("mkfifo")
        .arg(fifo.join("reports/2019-08-01-pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let looped = Project::new();
    symlink(".", looped.join("reports/self")).expect("symlink");
    let same = Project::new();
    symlink(
        "2019-07-22-cndt.md",
        same.join("reports/2019-07-22-copy.md"),
    )
    .expect("symlink");
    let outside = Project::empty()
        .file("project/radar.toml", RADAR)
        .file("project/reports/2019-07-22-cndt.md", support::REPORT)
        .file("secret.md", "+++\ndate = 2019-07-01\n+++\nsecret\n");
    symlink(
        "../../secret.md",
        outside.join("project/reports/2019-07-23-x.md"),
    )
    .expect("symlink");
    vec![
        (
            Code::Unreadable,
            unreadable,
            "",
            "reports/2019-08-01-gone.md",
        ),
        (Code::NotRegularFile, fifo, "", "reports/2019-08-01-pipe.md"),
        (Code::LinkLoop, looped, "", "reports/self"),
        (Code::SameFile, same, "", "reports/2019-07-22-copy.md"),
        (
            Code::OutsideProject,
            outside,
            "project",
            "reports/2019-07-23-x.md",
        ),
    ]
}

#[cfg(not(unix))]
fn unix_cases() -> Vec<(Code, Project, &'static str, &'static str)> {
    Vec::new()
}

#[test]
fn every_code_is_reported_at_its_place() {
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for (code, project, dir, place) in cases() {
        covered.insert(code);
        let found = diagnostics(&project, dir);
        if !found.iter().any(|(c, _, p)| *c == code && p == place) {
            failures.push(format!("{} at {place}: got {found:?}", code.id()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.id())
        .collect();
    #[cfg(unix)]
    assert!(missing.is_empty(), "codes without a row: {missing:?}");
    #[cfg(not(unix))]
    let _ = missing;
}

#[test]
fn warnings_are_warnings_and_errors_errors() {
    for (code, project, dir, place) in cases() {
        let found = diagnostics(&project, dir);
        let warning = matches!(
            code,
            Code::NeverMentioned | Code::NoEvidence | Code::EmptyReport | Code::SameFile
        );
        let severity = if warning {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert!(
            found
                .iter()
                .any(|(c, s, p)| *c == code && *s == severity && p == place),
            "{} should be a {severity:?}: {found:?}",
            code.id()
        );
    }
}
