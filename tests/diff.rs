//! `confradar diff`: every kind of change between two radar files, in
//! Markdown (the comment and the job summary), text and JSON, its exit
//! code, and a BASE (or HEAD) read from a git revision: `REV:PATH`, a bare
//! `REV` (also from a subfolder), and a revision without a radar file.
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
    // The marker first, by which the action finds its comment, then one
    // summary line.
    assert!(
        markdown.starts_with(
            "<!-- confradar-diff -->\n**confradar diff:** 4 technologies moved, 1 added, 1 removed; "
        ),
        "{markdown}"
    );
    // A move is one change: no "placement added" for the placement that
    // makes it, which brings its why and evidence instead.
    assert!(
        !markdown.contains("placement added in 2024-Q3"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "- **Istio service mesh** Adopt, 2024-Q3: Every cluster runs it.\n  \
             - evidence: 2024-09-cndt \"Istio on every cluster\"\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("\"Istio\" no longer counts as a mention; add it to `aliases`"),
        "{markdown}"
    );
    insta::assert_snapshot!("diff_markdown", markdown);
}

#[test]
fn diff_github_is_a_job_summary_without_the_marker() {
    let summary = diff(&["base.toml", "head.toml", "--format", "github"]);
    assert!(
        summary.starts_with("## Radar changes\n\n**confradar diff:**"),
        "{summary}"
    );
    assert!(!summary.contains("<!-- confradar-diff -->"), "{summary}");
    let comment = diff(&["base.toml", "head.toml"]);
    let body = comment.trim_start_matches("<!-- confradar-diff -->\n");
    assert!(
        summary.ends_with(body),
        "the summary and the comment differ:\n{summary}"
    );
    insta::assert_snapshot!("diff_github", summary);
    let same = diff(&["base.toml", "base.toml", "--format", "github"]);
    assert_eq!(same, "## Radar changes\n\nNo changes to the radar.\n");
}

#[test]
fn diff_rename_kept_as_an_alias_does_not_warn() {
    let p = Project::fixture("history-diff");
    p.edit(
        "head.toml",
        "aliases = [\"istiod\"]",
        "aliases = [\"istiod\", \"Istio\"]",
    );
    let run = p.run(&["diff", "base.toml", "head.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("renamed: \"Istio\" -> \"Istio service mesh\""),
        "{run:?}"
    );
    assert!(!run.stdout.contains("no longer counts"), "{run:?}");
    assert!(!run.stdout.contains("[!WARNING]"), "{run:?}");
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
        "featured",
        "tag-added",
        "link-added",
        "evidence-added",
        "evidence-removed",
        "link",
        "description",
        "case-sensitive",
        "placement-removed",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} in {kinds:?}");
    }
    let istio = value["technologies"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["id"] == "istio"))
        .expect("istio changed");
    let moved_in = istio["changes"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["kind"] == "ring"))
        .expect("a ring move");
    assert_eq!(moved_in["placement"]["why"], "Every cluster runs it.");
    assert_eq!(
        moved_in["placement"]["evidence"][0]["report"],
        "2024-09-cndt"
    );
    assert_eq!(istio["changes"][0]["old_name_dropped"], true);
    assert_eq!(value["base_missing"], false);
    let radar_kinds: Vec<&str> = value["radar"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(radar_kinds.contains(&"level-color"), "{radar_kinds:?}");
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
    // Nothing to say is nothing at all: the action posts no comment.
    assert_eq!(same.stdout, "");
    let text = p.run(&["diff", "base.toml", "base.toml", "--format", "text"]);
    assert_eq!(text.stdout, "no changes to the radar\n");
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

#[test]
fn diff_a_bare_revision_reads_the_config_file_from_the_repository_top() {
    let p = Project::fixture("history-diff");
    p.write("conf/radar.toml", p.read("base.toml"));
    p.mkdir("docs/notes");
    p.git(&["init", "-q"]);
    p.git(&["add", "conf/radar.toml"]);
    p.git(&["commit", "-q", "-m", "base"]);
    p.write("conf/radar.toml", p.read("head.toml"));
    p.git(&["commit", "-q", "-am", "head"]);
    let direct = diff(&["base.toml", "head.toml", "--format", "text"]);

    let run = p.run(&[
        "--config",
        "conf/radar.toml",
        "diff",
        "HEAD~1",
        "--format",
        "text",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, direct);
    // From a subfolder, --config is relative to it, and git is asked for the
    // path from the top.
    let run = p.run_in(
        "docs/notes",
        &[
            "--config",
            "../../conf/radar.toml",
            "diff",
            "HEAD~1",
            "HEAD",
            "--format",
            "text",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, direct);

    // A word that is neither a file nor a revision is still an error.
    let run = p.run(&["--config", "conf/radar.toml", "diff", "no-such-branch"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("`no-such-branch` is neither a radar file nor a git revision"),
        "{run:?}"
    );
}

#[test]
fn diff_a_base_without_a_radar_file_is_everything_added() {
    let p = Project::fixture("history-diff");
    p.git(&["init", "-q"]);
    p.git(&["add", "base.toml"]);
    p.git(&["commit", "-q", "-m", "before the radar"]);
    p.write("radar.toml", p.read("head.toml"));
    p.git(&["add", "radar.toml"]);
    p.git(&["commit", "-q", "-m", "the radar"]);

    let run = p.run(&["diff", "HEAD~1", "--exit-code", "--format", "text"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.starts_with(
            "0 technologies moved, 6 added, 0 removed; 0 other changes\n\
             The base has no radar file yet, so every technology is new.\n"
        ),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("    2024-Q3: Every cluster runs it.\n      evidence: 2024-09-cndt"),
        "{run:?}"
    );
    let markdown = p.run(&["diff", "HEAD~1:radar.toml"]);
    assert_eq!(markdown.code, 0, "{markdown:?}");
    assert!(
        markdown.stdout.starts_with("<!-- confradar-diff -->\n"),
        "{markdown:?}"
    );
    insta::assert_snapshot!("diff_base_missing", markdown.stdout);
    let json = p.run(&["diff", "HEAD~1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["base_missing"], true);

    // A revision that does not exist is an error, not an empty radar.
    let run = p.run(&["diff", "HEAD~7:radar.toml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("BASE side `HEAD~7:radar.toml` is broken"),
        "{run:?}"
    );
}
