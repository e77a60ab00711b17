//! What `build` will not do to its output folder, and how it picks up after
//! builds that were killed or ran at once.
//!
//! `build` replaces its output folder as a whole, so each test here is
//! named after a way that once lost or overwrote something: a folder of
//! the user's taken over silently, the project folder swapped away, a
//! mounted volume emptied, an output folder gone after a kill, two builds
//! tripping over each other, a manifest pointing out of the folder. The
//! mount tests run on Linux and need root (they mount a tmpfs and a bind
//! mount); without it they say they are skipped, except under `CI=true`,
//! where that is a failure.

mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use support::{Outcome, Project, entries, tree};

/// The `note: ...` lines a run printed.
fn notes(run: &Outcome) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("note: "))
        .collect()
}

/// Asserts a run was refused: exit 2, the folder named, a hint, no panic.
fn assert_refused(run: &Outcome, folder: &str, why: &str) {
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains(&format!("error: refusing to write {folder}: ")),
        "{run:?}"
    );
    assert!(run.stderr.contains(why), "{why:?} missing: {run:?}");
    assert!(run.stderr.contains("\n  = help: "), "no hint: {run:?}");
    assert!(!run.stderr.contains("panicked"), "{run:?}");
}

// ------------------------------------------- a folder build did not write

#[test]
fn a_non_empty_out_folder_without_a_manifest_is_refused() {
    let p = Project::new()
        .file("docs/CHANGELOG.md", "my own changelog")
        .file("docs/radar.svg", "<svg>mine</svg>")
        .file("docs/notes.md", "notes")
        .file("dotfile-only/.nojekyll", "");
    let before = tree(p.path());
    let run = p.run(&["build", "--out", "docs"]);
    assert_refused(&run, "docs", "it holds files confradar did not write");
    assert!(
        run.stderr.contains(
            "`--force` would replace 2 of them:\n    docs/CHANGELOG.md\n    docs/radar.svg\n"
        ),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("= help: choose an empty or new folder, or pass --force"),
        "{run:?}"
    );
    // A hidden file is a file of the user's too.
    let run = p.run(&["build", "--out", "dotfile-only"]);
    assert_refused(
        &run,
        "dotfile-only",
        "it holds files confradar did not write",
    );
    assert_eq!(before, tree(p.path()), "something was written");

    // An empty folder is as good as a new one.
    std::fs::create_dir(p.join("empty")).expect("mkdir");
    let run = p.run(&["build", "--out", "empty"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(p.join("empty/.confradar-manifest").is_file());
}

#[test]
fn force_takes_over_an_unmanaged_out_folder_naming_each_file_it_replaces() {
    let p = Project::new()
        .file("docs/CHANGELOG.md", "my own changelog")
        .file("docs/radar.svg", "<svg>mine</svg>")
        .file("docs/notes.md", "notes")
        .file("docs/img/logo.png", "png");
    let run = p.run(&["build", "--out", "docs", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        notes(&run),
        [
            "note: replacing docs/CHANGELOG.md, which confradar did not write",
            "note: replacing docs/radar.svg, which confradar did not write",
        ]
    );
    assert!(p.read("docs/CHANGELOG.md").starts_with("# Changelog"));
    assert_eq!(p.read("docs/notes.md"), "notes");
    assert_eq!(p.read("docs/img/logo.png"), "png");
    // Taken over: from now on the manifest tells build's files from the
    // user's, and there is nothing of theirs to replace.
    let again = p.run(&["build", "--out", "docs"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(notes(&again), Vec::<&str>::new());
    assert_eq!(p.read("docs/notes.md"), "notes");
}

/// A built project given a new edition, so that build now writes
/// `editions/2025-Q1.svg`, where the user keeps a file of their own.
fn user_file_where_a_new_edition_goes() -> Project {
    let p = Project::new();
    assert_eq!(p.run(&["build"]).code, 0);
    p.edit("radar.toml", "\"2024-Q3\"]", "\"2024-Q3\", \"2025-Q1\"]");
    p.write("output/editions/2025-Q1.svg", "my own drawing");
    p
}

#[test]
fn a_user_file_where_build_now_writes_is_refused_even_with_a_manifest() {
    let p = user_file_where_a_new_edition_goes();
    let before = tree(&p.join("output"));
    let run = p.run(&["build"]);
    assert_refused(
        &run,
        "output",
        "1 file of yours is where `build` writes its own:\n    output/editions/2025-Q1.svg\n",
    );
    assert!(
        run.stderr
            .contains("= help: move or rename it, or pass --force to replace it"),
        "{run:?}"
    );
    assert_eq!(before, tree(&p.join("output")), "something was written");
}

#[test]
fn force_replaces_a_user_file_where_build_now_writes_and_says_so() {
    let p = user_file_where_a_new_edition_goes();
    p.write("output/notes.md", "notes");
    let run = p.run(&["build", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        notes(&run),
        ["note: replacing output/editions/2025-Q1.svg, which confradar did not write"]
    );
    assert!(p.read("output/editions/2025-Q1.svg").contains("<svg"));
    assert_eq!(p.read("output/notes.md"), "notes");
    assert_eq!(p.run(&["build", "--check"]).code, 0);
}

#[test]
fn build_check_reads_a_folder_build_would_refuse_and_changes_nothing() {
    let p = Project::new()
        .file("docs/CHANGELOG.md", "my own changelog")
        .file("docs/radar.svg/inside.txt", "a folder where a file goes");
    let before = tree(p.path());
    let run = p.run(&["build", "--check", "--out", "docs"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!run.stderr.contains("panicked"), "{run:?}");
    assert!(run.stdout.contains("changed  docs/CHANGELOG.md"), "{run:?}");
    assert!(run.stdout.contains("added    docs/radar.svg"), "{run:?}");
    assert_eq!(before, tree(p.path()), "--check wrote something");
    // The folder in the way is refused even with --force.
    let run = p.run(&["build", "--out", "docs", "--force"]);
    assert_refused(
        &run,
        "docs",
        "1 folder of yours is where `build` writes a file",
    );
    assert_eq!(before, tree(p.path()), "something was written");
}

// -------------------------------------------------- the project's inputs

#[test]
fn an_out_folder_holding_the_radar_file_is_refused_even_with_force() {
    // The project in a subfolder, so that "one above it" is still a test
    // folder if the refusal ever fails.
    let p = Project::empty()
        .file("proj/radar.toml", support::RADAR)
        .file("proj/reports/2019-07-22-cndt.md", support::REPORT)
        .file("proj/notes/keep.md", "mine");
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", p.join("proj/here")).expect("symlink");
    let before = tree(p.path());
    let mut cases: Vec<(&str, Vec<&str>)> = vec![
        ("proj", vec!["build", "--out", "."]),
        ("proj", vec!["build", "--out", "./"]),
        ("proj", vec!["build", "--out", "notes/.."]),
        ("proj", vec!["build", "--out", ".", "--force"]),
        ("proj", vec!["build", "--out", ".."]),
        (
            "proj/notes",
            vec!["--config", "../radar.toml", "build", "--out", ".."],
        ),
        (
            "",
            vec!["--config", "proj/radar.toml", "build", "--out", "."],
        ),
    ];
    #[cfg(unix)]
    cases.push(("proj", vec!["build", "--out", "here", "--force"]));
    for (dir, args) in cases {
        let run = p.run_in(dir, &args);
        let out = args[args.iter().position(|a| *a == "--out").expect("--out") + 1];
        assert_refused(&run, out, "holds the radar file");
        assert!(
            run.stderr
                .contains("a subfolder such as `output/` beside the radar file is the normal case"),
            "{run:?}"
        );
        assert!(
            run.stderr.contains("(`--force` does not change this)"),
            "{run:?}"
        );
    }
    assert_eq!(before, tree(p.path()), "something was written");
}

#[test]
fn an_out_folder_in_or_holding_the_reports_folder_is_refused_even_with_force() {
    let p = Project::new()
        .file("reports/site/logo.png", "png")
        .file("inputs/deep/2019-07-22-cndt.md", support::REPORT);
    #[cfg(unix)]
    std::os::unix::fs::symlink("reports", p.join("linked")).expect("symlink");
    let before = tree(p.path());
    let mut cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["build", "--out", "reports"], "is the reports folder"),
        (
            vec!["build", "--out", "reports/", "--force"],
            "is the reports folder",
        ),
        (
            vec!["build", "--out", "reports/site"],
            "is inside the reports folder",
        ),
        (
            vec!["build", "--out", "reports/new/deeper"],
            "is inside the reports folder",
        ),
        (
            vec!["build", "--out", "output/../reports/x"],
            "is inside the reports folder",
        ),
        (
            vec!["build", "--out", "reports/site", "--force"],
            "is inside the reports folder",
        ),
        // The folder given by --reports is the one that counts.
        (
            vec!["--reports", "inputs/deep", "build", "--out", "inputs"],
            "holds the reports folder",
        ),
        (
            vec![
                "--reports",
                "inputs/deep",
                "build",
                "--out",
                "inputs/deep/x",
            ],
            "is inside the reports folder",
        ),
    ];
    #[cfg(unix)]
    cases.push((
        vec!["build", "--out", "linked/site"],
        "is inside the reports folder",
    ));
    for (args, why) in cases {
        let run = p.run(&args);
        let out = args[args.iter().position(|a| *a == "--out").expect("--out") + 1];
        assert_refused(&run, out, why);
    }
    assert_eq!(before, tree(p.path()), "something was written");
}

// ------------------------------------------------------------ mount points

/// A file system mounted at a folder of a test's project, for the length
/// of the test. On drop (also when the test fails) it unmounts every mount
/// under the project's folder, wherever a build may have moved it to.
#[cfg(target_os = "linux")]
struct Mount {
    project: PathBuf,
}

#[cfg(target_os = "linux")]
impl Mount {
    /// `mount ARGS DIR` (`DIR` inside project `p`); `None` when the test
    /// cannot mount (not root), having said the test is skipped. Under
    /// `CI=true` that is a failure: CI must run these tests.
    fn new(test: &str, p: &Project, args: &[&str], dir: &str) -> Option<Mount> {
        if !is_root() {
            support::skip(test, "needs root to mount a file system");
            return None;
        }
        let mount = Mount {
            project: std::fs::canonicalize(p.path()).expect("project folder"),
        };
        let status = Command::new("mount")
            .args(args)
            .arg(p.join(dir))
            .status()
            .expect("mount runs");
        assert!(status.success(), "mount {args:?} {dir}");
        Some(mount)
    }
}

#[cfg(target_os = "linux")]
impl Drop for Mount {
    fn drop(&mut self) {
        let table = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let mut points: Vec<PathBuf> = table
            .lines()
            .filter_map(|line| line.split(' ').nth(4))
            .map(|field| {
                PathBuf::from(
                    field
                        .replace("\\040", " ")
                        .replace("\\011", "\t")
                        .replace("\\012", "\n")
                        .replace("\\134", "\\"),
                )
            })
            .filter(|point| point.starts_with(&self.project))
            .collect();
        // Inner mounts first.
        points.sort_by_key(|point| std::cmp::Reverse(point.components().count()));
        for point in points {
            let _ = Command::new("umount").arg(&point).status();
        }
    }
}

/// Whether the effective user is root, from /proc/self/status.
#[cfg(target_os = "linux")]
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Uid:"))?.to_owned();
            Some(line.split_whitespace().nth(2)? == "0")
        })
        .unwrap_or(false)
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_inside_the_out_folder_is_never_entered_or_emptied() {
    let p = Project::new();
    assert_eq!(p.run(&["build"]).code, 0);
    std::fs::create_dir(p.join("output/data")).expect("mkdir");
    let Some(_mount) = Mount::new(
        "a_mount_point_inside_the_out_folder_is_never_entered_or_emptied",
        &p,
        &["-t", "tmpfs", "none"],
        "output/data",
    ) else {
        return;
    };
    p.write("output/data/volume.txt", "on the volume");
    p.write("output/data/sub/more.txt", "more");
    let before = tree(p.path());
    for args in [&["build"][..], &["build", "--force"]] {
        let run = p.run(args);
        assert_refused(
            &run,
            "output",
            "1 folder in it is a mount point or on another file system",
        );
        assert!(run.stderr.contains("\n    output/data\n"), "{run:?}");
        assert!(
            run.stderr.contains("`--force` does not change this"),
            "{run:?}"
        );
        assert_eq!(before, tree(p.path()), "something was written");
    }
    assert_eq!(p.read("output/data/volume.txt"), "on the volume");
    // --check only reads: it compares build's files and ignores the volume.
    let check = p.run(&["build", "--check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_eq!(before, tree(p.path()));
}

#[cfg(target_os = "linux")]
#[test]
fn a_bind_mount_inside_the_out_folder_is_refused_too() {
    // A bind mount of the same file system has the same device: only the
    // system's mount table tells. The space is written `\040` there.
    let p = Project::new().file("shared/volume.txt", "shared");
    assert_eq!(p.run(&["build"]).code, 0);
    p.mkdir("output/deep/my data");
    let Some(_mount) = Mount::new(
        "a_bind_mount_inside_the_out_folder_is_refused_too",
        &p,
        &["--bind", &p.join("shared").to_string_lossy()],
        "output/deep/my data",
    ) else {
        return;
    };
    let before = tree(p.path());
    for args in [&["build"][..], &["build", "--force"]] {
        let run = p.run(args);
        assert_refused(&run, "output", "is a mount point or on another file system");
        assert!(
            run.stderr.contains("\n    output/deep/my data\n"),
            "{run:?}"
        );
        assert_eq!(before, tree(p.path()), "something was written");
    }
    assert_eq!(p.read("shared/volume.txt"), "shared");
}

#[cfg(target_os = "linux")]
#[test]
fn an_out_folder_that_is_a_mount_point_is_refused() {
    let p = Project::new();
    std::fs::create_dir(p.join("site")).expect("mkdir");
    let Some(_mount) = Mount::new(
        "an_out_folder_that_is_a_mount_point_is_refused",
        &p,
        &["-t", "tmpfs", "none"],
        "site",
    ) else {
        return;
    };
    p.write("site/volume.txt", "on the volume");
    let before = tree(p.path());
    for args in [
        &["build", "--out", "site"][..],
        &["build", "--out", "site", "--force"],
    ] {
        let run = p.run(args);
        assert_refused(&run, "site", "it is a mount point");
        assert_eq!(before, tree(p.path()), "something was written");
    }
}

// ------------------------------------------------------ interrupted builds

/// What a kill between the fallback swap's two renames leaves of `output`
/// (a build with PID 4242): the old output moved aside whole, the new one
/// half-staged beside it with the user's files linked in, no `output`.
fn kill_between_renames(p: &Project) {
    std::fs::rename(p.join("output"), p.join(".output.4242-0.confradar-old")).expect("aside");
    let aside = |rel: &str| p.join(".output.4242-0.confradar-old").join(rel);
    let staged = |rel: &str| p.join(".output.4242-0.confradar-tmp").join(rel);
    std::fs::create_dir(staged("")).expect("mkdir");
    std::fs::copy(aside(".confradar-manifest"), staged(".confradar-manifest")).expect("copy");
    std::fs::write(staged("radar.svg"), "<svg half-writ").expect("write");
    std::fs::hard_link(aside("mine.md"), staged("mine.md")).expect("link");
}

#[test]
fn a_build_killed_between_the_fallback_renames_is_put_back_by_the_next() {
    let p = Project::new();
    assert_eq!(p.run(&["build"]).code, 0);
    p.write("output/mine.md", "mine");
    let whole = tree(&p.join("output"));
    kill_between_renames(&p);
    assert!(!p.join("output").exists());

    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let put_back = notes(&run);
    assert_eq!(put_back.len(), 1, "{run:?}");
    assert!(
        put_back[0].starts_with("note: put back output from ")
            && put_back[0].contains(".output.4242-0.confradar-old"),
        "{run:?}"
    );
    assert_eq!(whole, tree(&p.join("output")));
    assert_eq!(entries(p.path()), ["output", "radar.toml", "reports"]);
}

/// What a kill after the fallback swap's second rename leaves: the new
/// output in place, the old one aside (build's files of then, and the
/// user's, which the new output has too, as links).
fn kill_after_renames(p: &Project) -> PathBuf {
    let aside = p.join(".output.4242-0.confradar-old");
    std::fs::create_dir(&aside).expect("mkdir");
    let manifest = p.read("output/.confradar-manifest");
    std::fs::write(aside.join(".confradar-manifest"), &manifest).expect("write");
    for rel in manifest.lines().filter(|l| !l.starts_with('#')) {
        let path = aside.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, "an older version").expect("write");
    }
    std::fs::hard_link(p.join("output/mine.md"), aside.join("mine.md")).expect("link");
    aside
}

#[test]
fn a_build_killed_after_the_fallback_renames_is_finished_by_the_next() {
    let p = Project::new();
    assert_eq!(p.run(&["build"]).code, 0);
    p.write("output/mine.md", "mine");
    let whole = tree(&p.join("output"));
    let aside = kill_after_renames(&p);

    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(notes(&run), Vec::<&str>::new());
    assert!(!aside.exists(), "the old output was left");
    assert_eq!(whole, tree(&p.join("output")));

    // A file only the old output has (the user saved it there while the
    // killed build ran) is never deleted: it stays, and build says where.
    let aside = kill_after_renames(&p);
    std::fs::write(aside.join("late.md"), "saved late").expect("write");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let kept = notes(&run);
    assert_eq!(kept.len(), 1, "{run:?}");
    assert!(
        kept[0].starts_with("note: kept ")
            && kept[0].contains(".output.4242-0.confradar-old")
            && kept[0].contains("(late.md)"),
        "{run:?}"
    );
    assert_eq!(entries(&aside), ["late.md"]);
    assert_eq!(p.read(".output.4242-0.confradar-old/late.md"), "saved late");
    assert_eq!(whole, tree(&p.join("output")));
}

#[test]
fn leftovers_of_interrupted_builds_are_swept_whatever_their_pid() {
    // Builds hold a lock while they write, so any leftover the next build
    // finds is stale, even one whose PID is alive (this test's own).
    let p = Project::new();
    let staged = format!(".output.{}-0.confradar-tmp", std::process::id());
    p.write(&format!("{staged}/.confradar-manifest"), "radar.svg\n");
    p.write(&format!("{staged}/radar.svg"), "<svg half-writ");
    p.write(".outputs.1-0.confradar-tmp/x", "another output's");
    p.write(".output.x-0.confradar-tmp/x", "not a leftover name");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!p.join(&staged).exists(), "{staged} kept");
    assert_eq!(
        entries(p.path()),
        [
            ".output.x-0.confradar-tmp",
            ".outputs.1-0.confradar-tmp",
            "output",
            "radar.toml",
            "reports"
        ]
    );
}

#[test]
fn concurrent_builds_into_one_new_out_folder_all_succeed() {
    let p = Project::new();
    assert_eq!(p.run(&["build", "--out", "clean"]).code, 0);
    let clean = tree(&p.join("clean"));
    // Unlocked, about one round in three failed; 30 make a pass by luck
    // unlikely.
    let rounds = 30;
    for round in 0..rounds {
        let out = format!("out-{round}");
        let children: Vec<_> = (0..4)
            .map(|_| {
                p.command("", &["-q", "build", "--out", &out])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait");
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(clean, tree(&p.join(&out)), "round {round}");
    }
    let mut want: Vec<String> = (0..rounds).map(|r| format!("out-{r}")).collect();
    want.extend(["clean", "radar.toml", "reports"].map(String::from));
    want.sort();
    assert_eq!(entries(p.path()), want, "a staging folder was left");
}

// ---------------------------------------------------------------- manifest

#[test]
fn manifest_lines_outside_the_out_folder_are_ignored() {
    let p = Project::new()
        .file("secret.txt", "not build's")
        .file("elsewhere/x.md", "outside");
    assert_eq!(p.run(&["build"]).code, 0);
    #[cfg(unix)]
    std::os::unix::fs::symlink("../elsewhere", p.join("output/link")).expect("symlink");
    let manifest = p.read("output/.confradar-manifest");
    let edited = format!(
        "{manifest}../secret.txt\n{}\nlink/x.md\n./radar.svg\nreports//x\n",
        p.join("secret.txt").display()
    );
    p.write("output/.confradar-manifest", &edited);
    let check = p.run(&["build", "--check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_eq!(
        check.stdout,
        "output is out of date; `confradar build` would change 1 file:\n\
         \x20 changed  output/.confradar-manifest\n"
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(p.read("secret.txt"), "not build's");
    assert_eq!(p.read("elsewhere/x.md"), "outside");
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata(p.join("output/link"))
            .expect("the user's symlink is kept")
            .file_type()
            .is_symlink()
    );
    assert_eq!(p.run(&["build", "--check"]).code, 0);
}
