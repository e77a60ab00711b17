//! `confradar place` and `confradar edition add`: radar.toml edited in
//! place, every byte outside the edit kept, the result validated like
//! `check` before it is written, and an invalid edit leaving the file as
//! it was.

mod support;

use support::Project;

/// A radar with comments, blank lines and unusual spacing everywhere.
const COMMENTED: &str = r#"# Our radar. Edited by hand and by confradar.
[radar]
title   =   "Test Radar"     # the title
editions = [ "2019-Q3",   "2024-Q3" ]   # oldest first

   # Istio, indented comment
[technologies.istio]
name="Istio"
quadrant = 'platforms'   # literal string
link = "https://istio.io/"


[[technologies.istio.placements]]   # the first look
edition = "2019-Q3"
ring    = "assess"
why = """
Seen at CNDT."""
evidence = [
  { report = "2019-07-22-cndt", quote = "Traffic Management" },   # the talk
]

# the end of the file, kept
"#;

/// The commented radar with the base project's report.
fn commented() -> Project {
    Project::new().file("radar.toml", COMMENTED)
}

/// The file's bytes and modification time.
fn state(p: &Project) -> (Vec<u8>, std::time::SystemTime) {
    let path = p.join("radar.toml");
    let bytes = std::fs::read(&path).expect("radar.toml");
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    (bytes, modified)
}

/// The lines of `after` that are not in `before`, when `after` is
/// `before` with one contiguous block of lines inserted.
fn inserted<'a>(before: &str, after: &'a str) -> Vec<&'a str> {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        head + tail,
        old.len(),
        "lines outside the insertion changed"
    );
    new[head..new.len() - tail].to_vec()
}

const PLACE: &[&str] = &[
    "place",
    "istio",
    "trial",
    "--edition",
    "2024-Q3",
    "--why",
    "Ran it in staging.",
    "--evidence",
    "2019-07-22-cndt:istio の traffic management",
];

#[test]
fn place_on_a_commented_radar_changes_only_the_new_placement() {
    let p = commented();
    let out = p.run(PLACE);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "placed `istio` in trial for 2024-Q3 in radar.toml\n"
    );
    let after = p.read("radar.toml");
    insta::assert_snapshot!("placed_on_commented_radar", after);
    assert_eq!(
        inserted(COMMENTED, &after),
        [
            "[[technologies.istio.placements]]",
            "edition = \"2024-Q3\"",
            "ring = \"trial\"",
            "why = \"Ran it in staging.\"",
            "evidence = [{ report = \"2019-07-22-cndt\", quote = \"istio の traffic management\" }]",
            "",
        ]
    );
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check.stdout.contains("2 evidence quotes verified"),
        "{}",
        check.stdout
    );
}

#[test]
fn placing_again_in_the_same_edition_replaces_that_placement() {
    let p = commented();
    assert_eq!(p.run(PLACE).code, 0);
    let once = p.read("radar.toml");
    let again = p.run(&["place", "istio", "adopt", "--edition", "2024-Q3"]);
    assert_eq!(again.code, 0, "{again:?}");
    let twice = p.read("radar.toml");
    let expected = once
        .replace("ring = \"trial\"", "ring = \"adopt\"")
        .replace("why = \"Ran it in staging.\"\n", "")
        .replace(
            "evidence = [{ report = \"2019-07-22-cndt\", quote = \"istio の traffic management\" }]\n",
            "",
        );
    assert_eq!(twice, expected);
}

#[test]
fn a_new_technology_is_added_with_its_placement_at_the_end() {
    let p = commented();
    let out = p.run(&[
        "place",
        "envoy",
        "assess",
        "--edition",
        "2024-Q3",
        "--new",
        "--name",
        "Envoy",
        "--quadrant",
        "platforms",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let after = p.read("radar.toml");
    assert_eq!(
        inserted(COMMENTED, &after),
        [
            "[technologies.envoy]",
            "name = \"Envoy\"",
            "quadrant = \"platforms\"",
            "",
            "[[technologies.envoy.placements]]",
            "edition = \"2024-Q3\"",
            "ring = \"assess\"",
            "",
        ]
    );
    let again = p.run(&[
        "place",
        "envoy",
        "hold",
        "--edition",
        "2024-Q3",
        "--new",
        "--name",
        "E",
        "--quadrant",
        "tools",
    ]);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(
        again.stderr.contains("`envoy` is already on the radar"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_invalid_place_changes_nothing_and_reports_like_check() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["place", "istio", "adopted", "--edition", "2024-Q3"],
            "unknown ring `adopted`",
        ),
        (
            &[
                "place",
                "envoy",
                "adopt",
                "--edition",
                "2024-Q3",
                "--new",
                "--name",
                "Envoy",
                "--quadrant",
                "platform",
            ],
            "unknown quadrant `platform`",
        ),
        (
            &[
                "place",
                "istio",
                "adopt",
                "--edition",
                "2024-Q3",
                "--evidence",
                "2019-07-22-cnd",
            ],
            "no report `2019-07-22-cnd`",
        ),
        (
            &[
                "place",
                "istio",
                "adopt",
                "--edition",
                "2024-Q3",
                "--evidence",
                "2019-07-22-cndt:words nobody wrote",
            ],
            "quote not found in report `2019-07-22-cndt`",
        ),
        (
            &["place", "istio", "adopt", "--edition", "2023-Q1"],
            "2023-Q1",
        ),
    ];
    for (args, message) in cases {
        let p = commented();
        let before = state(&p);
        let out = p.run(args);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("radar.toml:"), "{}", out.stderr);
        assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
        assert_eq!(state(&p), before, "{args:?} touched radar.toml");
        assert_eq!(support::entries(p.path()), ["radar.toml", "reports"]);
    }
}

#[test]
fn an_unknown_technology_without_new_is_a_usage_error() {
    let p = commented();
    let before = state(&p);
    let out = p.run(&["place", "isito", "adopt", "--edition", "2024-Q3"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("did you mean `istio`?"),
        "{}",
        out.stderr
    );
    assert_eq!(state(&p), before);
}

#[cfg(unix)]
#[test]
fn a_linked_radar_file_is_not_edited() {
    let p = Project::new().file("real.toml", support::RADAR);
    std::fs::remove_file(p.join("radar.toml")).expect("rm");
    std::os::unix::fs::symlink("real.toml", p.join("radar.toml")).expect("link");
    let out = p.run(&["edition", "add", "2025-Q1"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("is a link"), "{}", out.stderr);
    assert_eq!(p.read("real.toml"), support::RADAR);
}

#[test]
fn edition_add_appends_a_later_quarter_and_refuses_others() {
    let p = commented();
    let out = p.run(&["edition", "add", "2025-Q1"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        p.read("radar.toml"),
        COMMENTED.replace(
            "[ \"2019-Q3\",   \"2024-Q3\" ]",
            "[ \"2019-Q3\",   \"2024-Q3\",   \"2025-Q1\" ]"
        )
    );
    for quarter in ["2025-Q1", "2024-Q4", "2018-Q1"] {
        let before = state(&p);
        let refused = p.run(&["edition", "add", quarter]);
        assert_eq!(refused.code, 1, "{quarter}: {refused:?}");
        assert!(
            refused.stderr.contains(&format!(
                "error: radar.toml:4:12: {quarter} is not after the last edition, 2025-Q1"
            )),
            "{}",
            refused.stderr
        );
        assert_eq!(state(&p), before);
    }
    let not_a_quarter = p.run(&["edition", "add", "2025-Q5"]);
    assert_eq!(not_a_quarter.code, 2, "{not_a_quarter:?}");
}

#[test]
fn inline_placements_get_one_more_line_in_their_style() {
    let p = Project::fixture("history-basic");
    let before = p.read("radar.toml");
    let out = p.run(&[
        "place",
        "kubernetes",
        "trial",
        "--edition",
        "2024-Q3",
        "--why",
        "Back to trial.",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        inserted(&before, &p.read("radar.toml")),
        ["  { edition = \"2024-Q3\", ring = \"trial\", why = \"Back to trial.\" },"]
    );
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
}
