//! History you can review: the changelog `build` writes, `build --check`,
//! writes that never leave half an output, and `diff` (including a BASE
//! read from a git revision).
//!
//! Each test copies a fixture folder from `tests/fixtures/history-*/` into
//! a temporary folder and runs the real binary there, so paths in the
//! output are the short relative ones a user sees.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use confradar::output::artifact::{self, Artifact};
use support::{entries, tree};

/// A temporary copy of a fixture folder, and commands run inside it.
struct Sandbox {
    dir: tempfile::TempDir,
}

/// What a command did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn new(fixture: &str) -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        copy_tree(&from, dir.path());
        Sandbox { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_confradar"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("runs");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn git(&self, args: &[&str]) {
        support::git_in(self.dir.path(), args);
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("fixture exists") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

// ---------------------------------------------------------------- changelog

#[test]
fn changelog_lists_each_edition_newest_first() {
    let s = Sandbox::new("history-basic");
    let run = s.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("wrote output/CHANGELOG.md"), "{run:?}");
    insta::assert_snapshot!("changelog", s.read("output/CHANGELOG.md"));
}

#[test]
fn changelog_groups_appear_in_order_and_only_when_not_empty() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    let text = s.read("output/CHANGELOG.md");
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .collect();
    assert_eq!(
        headings,
        [
            "## 2024-Q3",
            "### New",
            "### Retired",
            "### Most mentioned in this edition's reports",
            "## 2024-Q2",
            "### Moved in (towards Adopt)",
            "### Moved out (away from Adopt)",
            "### Most mentioned in this edition's reports",
            "## 2024-Q1",
            "### New",
            "### Most mentioned in this edition's reports",
        ]
    );
    // The first edition lists everything placed in it as new.
    let first = text.split("## 2024-Q1").nth(1).unwrap_or_default();
    for name in ["Kubernetes", "Istio", "Helm"] {
        assert!(
            first
                .lines()
                .any(|l| l.starts_with("- **") && l.contains(name) && l.contains(": new -> ")),
            "{name} is not new in the first edition"
        );
    }
    assert!(first.contains("**Istio** (Platforms): new -> Assess"));
    assert!(text.contains("**[Helm](<https://helm.sh/>)** (Tools): Hold -> retired"));
}

#[test]
fn changelog_evidence_links_point_at_the_quoted_line() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    let text = s.read("output/CHANGELOG.md");
    let mut checked = 0;
    for line in text.lines().filter(|l| l.trim_start().starts_with("- [")) {
        // `- [id, line N](../reports/x.md#LN): "quote"`
        let Some((_, rest)) = line.split_once("](") else {
            continue;
        };
        let (href, after) = rest.split_once(')').expect("link closes");
        let Some((file, anchor)) = href.split_once("#L") else {
            continue;
        };
        let quote = after.trim_start_matches(": ").trim_matches('"').to_owned();
        let n: usize = anchor.parse().expect("line number");
        let report = std::fs::read_to_string(s.path("output").join(file)).expect("link resolves");
        let target = report.lines().nth(n - 1).expect("line exists");
        assert!(
            target.contains(&quote),
            "{href}: {target:?} lacks {quote:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "{text}");
    assert!(text.contains("(../reports/events/2024-08-kubeday.md#L9)"));
    assert!(text.contains("(../reports/2024-05-kubecon.md#L13)"));
    // Evidence without a quote links the report without an anchor.
    assert!(text.contains("  - [2024-05-kubecon](../reports/2024-05-kubecon.md)\n"));
}

#[test]
fn changelog_ranks_the_reports_of_each_edition() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    let text = s.read("output/CHANGELOG.md");
    let q3 = text.split("## 2024-Q2").next().unwrap_or_default();
    // The November report comes after the last edition: not counted.
    assert!(q3.contains("| 1 | Cilium | 3 | 1 | +3 (was 0) |"), "{q3}");
    assert!(
        q3.contains("| 2 | Kubernetes | 1 | 1 | +0 (was 1) |"),
        "{q3}"
    );
    let q2 = text.split("## 2024-Q2").nth(1).unwrap_or_default();
    assert!(q2.contains("| 1 | Istio | 5 | 1 | +4 (was 1) |"), "{q2}");
}

#[test]
fn changelog_is_byte_identical_for_the_same_input() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    let first = s.read("output/CHANGELOG.md");
    assert_eq!(s.run(&["build", "--out", "again"]).code, 0);
    assert_eq!(first, s.read("again/CHANGELOG.md"));
}

// ------------------------------------------------------------ build --check

#[test]
fn build_check_passes_on_fresh_output_and_writes_nothing() {
    let s = Sandbox::new("history-basic");
    let missing = s.run(&["build", "--check"]);
    assert_eq!(missing.code, 1, "{missing:?}");
    assert!(
        missing.stdout.contains("added    output/CHANGELOG.md"),
        "{missing:?}"
    );
    assert!(!s.path("output").exists(), "--check wrote something");

    assert_eq!(s.run(&["build"]).code, 0);
    let before = tree(&s.path("output"));
    let fresh = s.run(&["build", "--check"]);
    assert_eq!(fresh.code, 0, "{fresh:?}");
    assert!(fresh.stdout.contains("output is up to date"), "{fresh:?}");
    assert_eq!(before, tree(&s.path("output")));
}

#[test]
fn build_check_lists_stale_files_and_exits_1() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    s.edit("radar.toml", "ring = \"trial\"", "ring = \"adopt\"");
    std::fs::remove_file(s.path("output/mentions.csv")).expect("remove");
    // A file an earlier build owned and this one no longer writes.
    let manifest = s.read("output/.confradar-manifest");
    s.write(
        "output/.confradar-manifest",
        &format!("{manifest}editions/2023-Q4.svg\n"),
    );
    s.write("output/editions/2023-Q4.svg", "<svg/>");
    s.write("output/notes.md", "mine");
    let before = tree(&s.path("output"));

    let stale = s.run(&["build", "--check"]);
    assert_eq!(stale.code, 1, "{stale:?}");
    assert_eq!(
        stale.stdout,
        "output is out of date; `confradar build` would change 8 files:\n\
         \x20 changed  output/.confradar-manifest\n\
         \x20 changed  output/CHANGELOG.md\n\
         \x20 removed  output/editions/2023-Q4.svg\n\
         \x20 changed  output/editions/2024-Q2.svg\n\
         \x20 changed  output/editions/2024-Q3.svg\n\
         \x20 added    output/mentions.csv\n\
         \x20 changed  output/radar.json\n\
         \x20 changed  output/radar.svg\n"
    );
    assert_eq!(before, tree(&s.path("output")), "--check changed files");
}

#[test]
fn build_check_reports_input_errors_first() {
    let s = Sandbox::new("history-basic");
    s.edit("radar.toml", "ring = \"trial\"", "ring = \"trail\"");
    let run = s.run(&["build", "--check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: radar.toml:18:33: unknown ring `trail`"),
        "{run:?}"
    );
    assert!(run.stderr.contains("did you mean `trial`?"), "{run:?}");
}

// ------------------------------------------------------- whole-output writes

#[test]
fn build_keeps_user_files_and_drops_files_it_no_longer_writes() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    s.write("output/notes.md", "my notes");
    s.write("output/img/logo.png", "png");
    std::fs::create_dir_all(s.path("output/empty")).expect("mkdir");
    let manifest = s.read("output/.confradar-manifest");
    s.write(
        "output/.confradar-manifest",
        &format!("{manifest}editions/2023-Q4.svg\n"),
    );
    s.write("output/editions/2023-Q4.svg", "<svg/>");
    #[cfg(unix)]
    std::os::unix::fs::symlink("notes.md", s.path("output/link.md")).expect("symlink");

    assert_eq!(s.run(&["build"]).code, 0);
    assert_eq!(s.read("output/notes.md"), "my notes");
    assert_eq!(s.read("output/img/logo.png"), "png");
    assert!(s.path("output/empty").is_dir());
    assert!(
        !s.path("output/editions/2023-Q4.svg").exists(),
        "stale owned file kept"
    );
    assert!(
        s.path("output/editions/2024-Q3.svg").is_file(),
        "owned file dropped"
    );
    #[cfg(unix)]
    assert_eq!(
        std::fs::read_link(s.path("output/link.md")).expect("still a link"),
        Path::new("notes.md")
    );
    assert_eq!(
        entries(s.dir.path()),
        ["output", "radar.toml", "reports"],
        "a staging folder was left behind"
    );
    assert_eq!(s.run(&["build", "--check"]).code, 0);
}

#[test]
fn build_takes_over_an_unmanaged_output_folder_only_with_force() {
    // An output folder without a manifest: every file in it is the user's.
    // Build refuses it; with --force it replaces the files at its own
    // paths, naming each, and keeps the rest.
    let s = Sandbox::new("history-basic");
    s.write("output/CHANGELOG.md", "old");
    s.write("output/README.md", "hello");
    let refused = s.run(&["build"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert_eq!(s.read("output/CHANGELOG.md"), "old");
    let forced = s.run(&["build", "--force"]);
    assert_eq!(forced.code, 0, "{forced:?}");
    assert!(
        forced
            .stderr
            .contains("note: replacing output/CHANGELOG.md, which confradar did not write\n"),
        "{forced:?}"
    );
    assert!(s.read("output/CHANGELOG.md").starts_with("# Changelog"));
    assert_eq!(s.read("output/README.md"), "hello");
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_output_untouched() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    s.write("output/notes.md", "my notes");
    let out = s.path("output");
    let before = tree(&out);
    // The second file needs a folder where the first one is a file, so the
    // write fails after the first file is already written.
    let artifacts = [
        Artifact::text("CHANGELOG.md", "new changelog"),
        Artifact::text("a.txt", "a"),
        Artifact::text("a.txt/b.txt", "b"),
        Artifact::text("mentions.csv", "new"),
    ];
    let error = artifact::write_all(&out, &artifacts, &artifact::Options::default())
        .expect_err("a.txt is a file");
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}: ", out.join("a.txt/b.txt").display())),
        "{error}"
    );
    assert_eq!(before, tree(&out), "the old output changed");
    assert_eq!(
        entries(s.dir.path()),
        ["output", "radar.toml", "reports"],
        "a staging folder was left behind"
    );
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_output_never_a_mix() {
    let s = Sandbox::new("history-basic");
    std::fs::copy(s.path("radar.toml"), s.path("a.toml")).expect("copy");
    s.edit("radar.toml", "ring = \"trial\"", "ring = \"adopt\"");
    std::fs::rename(s.path("radar.toml"), s.path("b.toml")).expect("rename");
    let build = |config: &str| {
        let run = s.run(&["--config", config, "build"]);
        assert_eq!(run.code, 0, "{run:?}");
        tree(&s.path("output"))
    };
    let started = std::time::Instant::now();
    let b = build("b.toml");
    let duration = started.elapsed();
    let a = build("a.toml");
    assert_ne!(a, b);
    s.write("output/mine.txt", "mine");
    let with_mine = |t: &BTreeMap<String, Vec<u8>>| {
        let mut t = t.clone();
        t.insert("mine.txt".into(), b"mine".to_vec());
        t
    };
    let (a, b) = (with_mine(&a), with_mine(&b));
    // Kill builds at evenly spread moments across a build's run time.
    let steps = 40;
    for step in 0..steps {
        let config = if step % 2 == 0 { "b.toml" } else { "a.toml" };
        let mut child = Command::new(env!("CARGO_BIN_EXE_confradar"))
            .args(["-q", "--config", config, "build"])
            .current_dir(s.dir.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("runs");
        std::thread::sleep(duration * step / steps);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&s.path("output"));
        assert!(now == a || now == b, "step {step}: a mix of outputs");
    }
}

#[test]
fn staging_folders_of_killed_builds_are_swept() {
    let s = Sandbox::new("history-basic");
    // A staging folder gets its manifest first, so a killed build's lists
    // what it had written. (Set-aside old outputs: tests/output_safety.rs.)
    s.write(
        ".output.4999999-0.confradar-tmp/.confradar-manifest",
        "CHANGELOG.md\n",
    );
    s.write(".output.4999999-0.confradar-tmp/CHANGELOG.md", "half");
    s.write(".other.4999999-0.confradar-tmp/x", "not ours");
    assert_eq!(s.run(&["build"]).code, 0);
    assert!(!s.path(".output.4999999-0.confradar-tmp").exists());
    assert!(s.path(".other.4999999-0.confradar-tmp").exists());
}

#[test]
fn a_user_file_in_the_way_of_a_new_file_fails_the_build_not_the_file() {
    let s = Sandbox::new("history-basic");
    s.write("output/CHANGELOG.md/mine.txt", "mine");
    let before = tree(&s.path("output"));
    let run = s.run(&["build"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("CHANGELOG.md"), "{run:?}");
    assert_eq!(before, tree(&s.path("output")));
}

#[test]
fn a_build_with_input_errors_writes_nothing() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build"]).code, 0);
    let before = tree(&s.path("output"));
    s.edit(
        "radar.toml",
        "quote = \"Istio in staging\"",
        "quote = \"not there\"",
    );
    let run = s.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    assert_eq!(before, tree(&s.path("output")));
}

#[test]
fn output_paths_with_dots_name_the_real_folder() {
    let s = Sandbox::new("history-basic");
    assert_eq!(s.run(&["build", "--out", "./output/"]).code, 0);
    s.write("site/keep.txt", "mine");
    // site/ holds a file of the user's and no manifest: --force takes it over.
    let run = Command::new(env!("CARGO_BIN_EXE_confradar"))
        .args([
            "--config",
            "../radar.toml",
            "build",
            "--out",
            ".",
            "--force",
        ])
        .current_dir(s.path("site"))
        .output()
        .expect("runs");
    assert!(run.status.success(), "{run:?}");
    assert_eq!(s.read("site/keep.txt"), "mine");
    assert_eq!(s.read("site/CHANGELOG.md"), s.read("output/CHANGELOG.md"));
    assert_eq!(
        entries(s.dir.path()),
        ["output", "radar.toml", "reports", "site"],
        "a staging folder was left behind"
    );
}

#[test]
fn a_symlinked_output_folder_stays_a_symlink() {
    let s = Sandbox::new("history-basic");
    std::fs::create_dir_all(s.path("site/radar")).expect("mkdir");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("site/radar", s.path("output")).expect("symlink");
        assert_eq!(s.run(&["build"]).code, 0);
        assert!(
            std::fs::symlink_metadata(s.path("output"))
                .expect("exists")
                .file_type()
                .is_symlink()
        );
        assert!(s.path("site/radar/CHANGELOG.md").is_file());
    }
}

// --------------------------------------------------------------------- diff

fn diff_sandbox() -> Sandbox {
    Sandbox::new("history-diff")
}

#[test]
fn diff_markdown_reports_every_kind_of_change() {
    let s = diff_sandbox();
    let run = s.run(&["diff", "base.toml", "head.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!("diff_markdown", run.stdout);
}

#[test]
fn diff_text_and_json() {
    let s = diff_sandbox();
    let text = s.run(&["diff", "base.toml", "head.toml", "--format", "text"]);
    assert_eq!(text.code, 0, "{text:?}");
    insta::assert_snapshot!("diff_text", text.stdout);
    let json = s.run(&["diff", "base.toml", "head.toml", "--format", "json"]);
    assert_eq!(json.code, 0, "{json:?}");
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
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
    insta::assert_snapshot!("diff_json", json.stdout);
}

#[test]
fn diff_removed_placements_and_evidence() {
    // The same pair the other way round: what was added is now removed.
    let s = diff_sandbox();
    let run = s.run(&["diff", "head.toml", "base.toml", "--format", "text"]);
    assert_eq!(run.code, 0, "{run:?}");
    for line in [
        "  placement removed in 2024-Q3: Adopt",
        "  evidence removed in 2024-Q1: 2024-05-kubecon \"Istio in staging\"",
        "  edition removed: 2024-Q3",
        "  ring in 2024-Q1 to 2024-Q2: Hold -> Assess (moved in)",
    ] {
        assert!(
            run.stdout.contains(line),
            "{line:?} missing:\n{}",
            run.stdout
        );
    }
}

#[test]
fn diff_exit_code_is_1_with_differences_and_0_without() {
    let s = diff_sandbox();
    let differs = s.run(&["diff", "--exit-code", "base.toml", "head.toml"]);
    assert_eq!(differs.code, 1, "{differs:?}");
    let same = s.run(&["diff", "--exit-code", "base.toml", "base.toml"]);
    assert_eq!(same.code, 0, "{same:?}");
    assert_eq!(
        same.stdout,
        "**confradar diff:** no changes to the radar.\n"
    );
    // Without --exit-code, differences are not a failure.
    assert_eq!(s.run(&["diff", "base.toml", "head.toml"]).code, 0);
}

#[test]
fn diff_head_defaults_to_the_config_file() {
    let s = diff_sandbox();
    let run = s.run(&[
        "--config",
        "head.toml",
        "diff",
        "base.toml",
        "--format",
        "text",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("cilium (Cilium):\n  added: Platforms, Assess\n")
    );
}

#[test]
fn diff_reads_base_from_a_git_revision() {
    let s = diff_sandbox();
    std::fs::copy(s.path("base.toml"), s.path("radar.toml")).expect("copy");
    s.git(&["init", "-q"]);
    s.git(&["add", "radar.toml"]);
    s.git(&["commit", "-q", "-m", "base"]);
    std::fs::copy(s.path("head.toml"), s.path("radar.toml")).expect("copy");

    let run = s.run(&["diff", "HEAD:radar.toml", "--format", "text"]);
    assert_eq!(run.code, 0, "{run:?}");
    let direct = s.run(&["diff", "base.toml", "head.toml", "--format", "text"]);
    assert_eq!(run.stdout, direct.stdout);

    s.git(&["commit", "-q", "-am", "head"]);
    let both = s.run(&[
        "diff",
        "--exit-code",
        "HEAD~1:radar.toml",
        "HEAD:radar.toml",
    ]);
    assert_eq!(both.code, 1, "{both:?}");
    let same = s.run(&["diff", "--exit-code", "HEAD:radar.toml"]);
    assert_eq!(same.code, 0, "{same:?}");

    let missing = s.run(&["diff", "no-such-branch:radar.toml"]);
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
    let s = diff_sandbox();
    s.write(
        "radar.toml",
        "[radar]\ntitle = \"x\"\neditions = [\"2024-Q1\"\n",
    );
    s.git(&["init", "-q"]);
    s.git(&["add", "radar.toml"]);
    s.git(&["commit", "-q", "-m", "broken"]);
    std::fs::copy(s.path("head.toml"), s.path("radar.toml")).expect("copy");

    let run = s.run(&["diff", "HEAD:radar.toml"]);
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
    s.edit("radar.toml", "ring = \"assess\"", "ring = \"asess\"");
    let run = s.run(&["diff", "HEAD:radar.toml", "radar.toml"]);
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
