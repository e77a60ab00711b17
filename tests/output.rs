//! Writing the output folder: `build --check`, whole-output writes that
//! keep the user's files, and what is left after a failed or killed build
//! (no mix of old and new, no staging folders), also through `--out` paths
//! with dots and a symlinked output folder.
//!
//! The input is the fixture folder `tests/fixtures/history-basic/`. The
//! refusals (folders build did not write, mounts, the project folder
//! itself) are in `tests/output_safety.rs`.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use confradar::output::artifact::{self, Artifact};
use support::{Outcome, Project, entries, tree};

/// Puts into the output a file an earlier build owned (its manifest lists
/// it) and this one no longer writes.
fn add_an_owned_file_build_no_longer_writes(p: &Project) {
    let manifest = p.read("output/.confradar-manifest");
    p.write(
        "output/.confradar-manifest",
        format!("{manifest}editions/2023-Q4.svg\n"),
    );
    p.write("output/editions/2023-Q4.svg", "<svg/>");
}

/// Runs confradar with `args`, asserting it exits with `code` and leaves
/// `output/` exactly as it was.
fn run_leaving_output_alone(p: &Project, args: &[&str], code: i32) -> Outcome {
    let before = tree(&p.join("output"));
    let run = p.run(args);
    assert_eq!(run.code, code, "{run:?}");
    assert_eq!(before, tree(&p.join("output")), "{args:?} changed output/");
    run
}

// ------------------------------------------------------------ build --check

#[test]
fn build_check_passes_on_fresh_output_and_writes_nothing() {
    let p = Project::fixture("history-basic");
    let missing = p.run(&["build", "--check"]);
    assert_eq!(missing.code, 1, "{missing:?}");
    assert!(
        missing.stdout.contains("added    output/CHANGELOG.md"),
        "{missing:?}"
    );
    assert!(!p.join("output").exists(), "--check wrote something");

    p.build(&[]);
    let fresh = run_leaving_output_alone(&p, &["build", "--check"], 0);
    assert!(fresh.stdout.contains("output is up to date"), "{fresh:?}");
}

#[test]
fn build_check_lists_stale_files_and_exits_1() {
    let p = Project::fixture("history-basic");
    p.build(&[]);
    p.edit("radar.toml", "ring = \"trial\"", "ring = \"adopt\"");
    std::fs::remove_file(p.join("output/mentions.csv")).expect("remove");
    add_an_owned_file_build_no_longer_writes(&p);
    p.write("output/notes.md", "mine");

    let stale = run_leaving_output_alone(&p, &["build", "--check"], 1);
    assert_eq!(
        stale.stdout,
        "output is out of date; `confradar build` would change 9 files:\n\
         \x20 changed  output/.confradar-manifest\n\
         \x20 changed  output/CHANGELOG.md\n\
         \x20 removed  output/editions/2023-Q4.svg\n\
         \x20 changed  output/editions/2024-Q2.svg\n\
         \x20 changed  output/editions/2024-Q3.svg\n\
         \x20 changed  output/index.html\n\
         \x20 added    output/mentions.csv\n\
         \x20 changed  output/radar.json\n\
         \x20 changed  output/radar.svg\n"
    );
}

#[test]
fn build_check_reports_input_errors_first() {
    let p = Project::fixture("history-basic");
    p.edit("radar.toml", "ring = \"trial\"", "ring = \"trail\"");
    let run = p.run(&["build", "--check"]);
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
    let p = Project::fixture("history-basic");
    p.build(&[]);
    p.write("output/notes.md", "my notes");
    p.write("output/img/logo.png", "png");
    p.mkdir("output/empty");
    add_an_owned_file_build_no_longer_writes(&p);
    #[cfg(unix)]
    std::os::unix::fs::symlink("notes.md", p.join("output/link.md")).expect("symlink");

    p.build(&[]);
    assert_eq!(p.read("output/notes.md"), "my notes");
    assert_eq!(p.read("output/img/logo.png"), "png");
    assert!(p.join("output/empty").is_dir());
    assert!(
        !p.join("output/editions/2023-Q4.svg").exists(),
        "stale owned file kept"
    );
    assert!(
        p.join("output/editions/2024-Q3.svg").is_file(),
        "owned file dropped"
    );
    #[cfg(unix)]
    assert_eq!(
        std::fs::read_link(p.join("output/link.md")).expect("still a link"),
        Path::new("notes.md")
    );
    assert_eq!(
        entries(p.path()),
        [".confradar-cache", "output", "radar.toml", "reports"],
        "a staging folder was left behind"
    );
    assert_eq!(p.run(&["build", "--check"]).code, 0);
}

#[test]
fn build_takes_over_an_unmanaged_output_folder_only_with_force() {
    // An output folder without a manifest: every file in it is the user's.
    // Build refuses it; with --force it replaces the files at its own
    // paths, naming each, and keeps the rest.
    let p = Project::fixture("history-basic")
        .file("output/CHANGELOG.md", "old")
        .file("output/README.md", "hello");
    let refused = p.run(&["build"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert_eq!(p.read("output/CHANGELOG.md"), "old");
    let forced = p.build(&["--force"]);
    assert!(
        forced
            .stderr
            .contains("note: replacing output/CHANGELOG.md, which confradar did not write\n"),
        "{forced:?}"
    );
    assert!(p.read("output/CHANGELOG.md").starts_with("# Changelog"));
    assert_eq!(p.read("output/README.md"), "hello");
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_output_untouched() {
    let p = Project::fixture("history-basic");
    p.build(&[]);
    p.write("output/notes.md", "my notes");
    let out = p.join("output");
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
        entries(p.path()),
        [".confradar-cache", "output", "radar.toml", "reports"],
        "a staging folder was left behind"
    );
}

// ------------------------------------------------ failed and killed builds

#[test]
fn a_killed_build_leaves_the_old_or_the_new_output_never_a_mix() {
    let p = Project::fixture("history-basic");
    std::fs::copy(p.join("radar.toml"), p.join("a.toml")).expect("copy");
    p.edit("radar.toml", "ring = \"trial\"", "ring = \"adopt\"");
    std::fs::rename(p.join("radar.toml"), p.join("b.toml")).expect("rename");
    let build = |config: &str| {
        p.build(&["--config", config]);
        tree(&p.join("output"))
    };
    let started = std::time::Instant::now();
    let b = build("b.toml");
    let duration = started.elapsed();
    let a = build("a.toml");
    assert_ne!(a, b);
    p.write("output/mine.txt", "mine");
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
        let mut child = p
            .command("", &["-q", "--config", config, "build"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("runs");
        std::thread::sleep(duration * step / steps);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&p.join("output"));
        assert!(now == a || now == b, "step {step}: a mix of outputs");
    }
}

#[test]
fn staging_folders_of_killed_builds_are_swept() {
    // A staging folder gets its manifest first, so a killed build's lists
    // what it had written. (Set-aside old outputs: tests/output_safety.rs.)
    let p = Project::fixture("history-basic")
        .file(
            ".output.4999999-0.confradar-tmp/.confradar-manifest",
            "CHANGELOG.md\n",
        )
        .file(".output.4999999-0.confradar-tmp/CHANGELOG.md", "half")
        .file(".other.4999999-0.confradar-tmp/x", "not ours");
    p.build(&[]);
    assert!(!p.join(".output.4999999-0.confradar-tmp").exists());
    assert!(p.join(".other.4999999-0.confradar-tmp").exists());
}

#[test]
fn a_user_file_in_the_way_of_a_new_file_fails_the_build_not_the_file() {
    let p = Project::fixture("history-basic").file("output/CHANGELOG.md/mine.txt", "mine");
    let run = run_leaving_output_alone(&p, &["build"], 2);
    assert!(run.stderr.contains("CHANGELOG.md"), "{run:?}");
}

#[test]
fn a_build_with_input_errors_writes_nothing() {
    let p = Project::fixture("history-basic");
    p.build(&[]);
    p.edit(
        "radar.toml",
        "quote = \"Istio in staging\"",
        "quote = \"not there\"",
    );
    let run = run_leaving_output_alone(&p, &["build"], 1);
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
}

// ---------------------------------------------- where the output folder is

#[test]
fn output_paths_with_dots_name_the_real_folder() {
    let p = Project::fixture("history-basic");
    p.build(&["--out", "./output/"]);
    p.write("site/keep.txt", "mine");
    // site/ holds a file of the user's and no manifest: --force takes it over.
    let run = p.run_in(
        "site",
        &[
            "--config",
            "../radar.toml",
            "build",
            "--out",
            ".",
            "--force",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(p.read("site/keep.txt"), "mine");
    assert_eq!(p.read("site/CHANGELOG.md"), p.read("output/CHANGELOG.md"));
    assert_eq!(
        entries(p.path()),
        [
            ".confradar-cache",
            "output",
            "radar.toml",
            "reports",
            "site"
        ],
        "a staging folder was left behind"
    );
}

#[test]
fn a_symlinked_output_folder_stays_a_symlink() {
    let p = Project::fixture("history-basic");
    p.mkdir("site/radar");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("site/radar", p.join("output")).expect("symlink");
        p.build(&[]);
        assert!(
            std::fs::symlink_metadata(p.join("output"))
                .expect("exists")
                .file_type()
                .is_symlink()
        );
        assert!(p.join("site/radar/CHANGELOG.md").is_file());
    }
}
