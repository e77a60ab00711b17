//! `confradar diff`: every kind of change between two radar files, in
//! Markdown, text and JSON, its exit code, and a BASE (or HEAD) read from a
//! git revision.
//!
//! The input is the fixture folder `tests/fixtures/history-diff/`: a
//! `base.toml` and a `head.toml` that differ in every way diff knows.

mod support;

use support::Project;

/// `confradar diff ARGS` run in the fixture; it must succeed. Its stdout.
fn diff(args: &[&str]) -> String {
    let run = Project::fixture("history-diff").run(&[&["diff"], args].concat());
    assert_eq!(run.code, 0, "{run:?}");
    run.stdout
}

#[test]
fn diff_markdown_reports_every_kind_of_change() {
    let markdown = diff(&["base.toml", "head.toml"]);
    insta::assert_snapshot!("diff_markdown", markdown);
}

#[test]
fn diff_text_and_json() {
    let text = diff(&["base.toml", "head.toml", "--format", "text"]);
    insta::assert_snapshot!("diff_text", text);
    let json = diff(&["base.toml", "head.toml", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let kinds: Vec<String> = value["technologies"]
        .as_array()
        .expect("array")
        .iter()
        .flat_map(|t| t["changes"].as_array().cloned().unwrap_or_default())
        .map(|c| c["kind"].as_str().unwrap_or_default().to_owned())
        .collect();
    for kind in [
        "added",
        "removed",
        "id-changed",
        "renamed",
        "quadrant",
        "ring",
        "alias-added",
        "alias-removed",
        "placement-added",
        "why",
        "evidence-added",
        "evidence-removed",
        "link",
        "description",
        "case-sensitive",
        "placement-removed",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} in {kinds:?}");
    }
    insta::assert_snapshot!("diff_json", json);
}

#[test]
fn diff_removed_placements_and_evidence() {
    // The same pair the other way round: what was added is now removed.
    let text = diff(&["head.toml", "base.toml", "--format", "text"]);
    for line in [
        "  placement removed in 2024-Q3: Adopt",
        "  evidence removed in 2024-Q1: 2024-05-kubecon \"Istio in staging\"",
        "  edition removed: 2024-Q3",
        "  ring in 2024-Q1 to 2024-Q2: Hold -> Assess (moved in)",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
}

#[test]
fn diff_exit_code_is_1_with_differences_and_0_without() {
    let p = Project::fixture("history-diff");
    let differs = p.run(&["diff", "--exit-code", "base.toml", "head.toml"]);
    assert_eq!(differs.code, 1, "{differs:?}");
    let same = p.run(&["diff", "--exit-code", "base.toml", "base.toml"]);
    assert_eq!(same.code, 0, "{same:?}");
    assert_eq!(
        same.stdout,
        "**confradar diff:** no changes to the radar.\n"
    );
    // Without --exit-code, differences are not a failure.
    assert_eq!(p.run(&["diff", "base.toml", "head.toml"]).code, 0);
}

#[test]
fn diff_head_defaults_to_the_config_file() {
    let text = diff(&["base.toml", "--format", "text", "--config", "head.toml"]);
    assert!(text.contains("cilium (Cilium):\n  added: Platforms, Assess\n"));
}

#[test]
fn diff_reads_base_from_a_git_revision() {
    let p = Project::fixture("history-diff");
    p.write("radar.toml", p.read("base.toml"));
    p.git(&["init", "-q"]);
    p.git(&["add", "radar.toml"]);
    p.git(&["commit", "-q", "-m", "base"]);
    p.write("radar.toml", p.read("head.toml"));

    let run = p.run(&["diff", "HEAD:radar.toml", "--format", "text"]);
    assert_eq!(run.code, 0, "{run:?}");
    let direct = diff(&["base.toml", "head.toml", "--format", "text"]);
    assert_eq!(run.stdout, direct);

    p.git(&["commit", "-q", "-am", "head"]);
    let both = p.run(&[
        "diff",
        "--exit-code",
        "HEAD~1:radar.toml",
        "HEAD:radar.toml",
    ]);
    assert_eq!(both.code, 1, "{both:?}");
    let same = p.run(&["diff", "--exit-code", "HEAD:radar.toml"]);
    assert_eq!(same.code, 0, "{same:?}");

    let missing = p.run(&["diff", "no-such-branch:radar.toml"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert!(
        missing
            .stderr
            .contains("BASE side `no-such-branch:radar.toml` is broken"),
        "{missing:?}"
    );
}

#[test]
fn diff_names_the_broken_side_and_its_location() {
    let p = Project::fixture("history-diff").file(
        "radar.toml",
        "[radar]\ntitle = \"x\"\neditions = [\"2024-Q1\"\n",
    );
    p.git(&["init", "-q"]);
    p.git(&["add", "radar.toml"]);
    p.git(&["commit", "-q", "-m", "broken"]);
    p.write("radar.toml", p.read("head.toml"));

    let run = p.run(&["diff", "HEAD:radar.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    insta::assert_snapshot!("diff_broken_base", run.stderr);
    assert!(run.stderr.contains("error: HEAD:radar.toml:3:"), "{run:?}");
    assert!(
        run.stderr.contains(
            "BASE side `HEAD:radar.toml` is broken, HEAD side `radar.toml` is fine; nothing was compared"
        ),
        "{run:?}"
    );

    // Both broken: both reported, each with its place.
    p.edit("radar.toml", "ring = \"assess\"", "ring = \"asess\"");
    let run = p.run(&["diff", "HEAD:radar.toml", "radar.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("error: HEAD:radar.toml:3:"), "{run:?}");
    assert!(run.stderr.contains("error: radar.toml:"), "{run:?}");
    assert!(run.stderr.contains("unknown ring `asess`"), "{run:?}");
    assert!(
        run.stderr
            .contains("BASE side `HEAD:radar.toml` is broken, HEAD side `radar.toml` is broken"),
        "{run:?}"
    );
}
