//! The one builder for integration tests: a project folder in a temporary
//! folder, the real binary run in it, and what it printed and wrote.
//!
//! A test reads as input, command, expected output:
//!
//! ```ignore
//! let p = Project::fixture("history-basic");  // or Project::new().file(..)
//! p.build(&[]);                               // or p.run(&["check"])
//! assert!(p.read("output/CHANGELOG.md").contains("## 2024-Q3"));
//! ```
//!
//! Commands run in the project folder, so the paths they print are the
//! short relative ones a user sees.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The smallest valid project: one technology, one report backing it.
pub(crate) const RADAR: &str = r#"[radar]
title = "Test Radar"
editions = ["2019-Q3", "2024-Q3"]

[technologies.istio]
name = "Istio"
quadrant = "platforms"
link = "https://istio.io/"

[[technologies.istio.placements]]
edition = "2019-Q3"
ring = "assess"
why = "Seen at CNDT."
evidence = [{ report = "2019-07-22-cndt", quote = "Traffic Management" }]
"#;

/// The report behind [`RADAR`].
pub(crate) const REPORT: &str =
    "+++\ntitle = \"CNDT 2019 メモ\"\n+++\nIstio の Traffic Management を試した。\n";

/// A project folder for one test.
pub(crate) struct Project {
    dir: tempfile::TempDir,
}

/// What a run printed and returned.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// An empty folder.
    pub(crate) fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The valid base project.
    pub(crate) fn new() -> Project {
        Project::empty()
            .file("radar.toml", RADAR)
            .file("reports/2019-07-22-cndt.md", REPORT)
    }

    /// The base project with `from` replaced by `to` in radar.toml.
    pub(crate) fn with_radar_edit(from: &str, to: &str) -> Project {
        let p = Project::new();
        p.edit("radar.toml", from, to);
        p
    }

    /// A copy of the folder `tests/fixtures/<case>/`, for inputs too large
    /// to read well inline. Fixtures hold plain files and folders only (a
    /// link would be copied as a file naming its target).
    pub(crate) fn fixture(case: &str) -> Project {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(case);
        let p = Project::empty();
        for (rel, bytes) in tree(&from) {
            if rel.ends_with('/') {
                p.mkdir(&rel);
            } else {
                p.write(&rel, bytes);
            }
        }
        p
    }

    /// Writes a file (creating folders), while the project is set up.
    pub(crate) fn file(self, path: &str, content: &str) -> Project {
        self.bytes(path, content.as_bytes())
    }

    /// Writes a file's bytes (creating folders), while the project is set
    /// up.
    pub(crate) fn bytes(self, path: &str, content: &[u8]) -> Project {
        self.write(path, content);
        self
    }

    /// Writes a file (creating folders), for a test that changes the
    /// project between runs.
    pub(crate) fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let path = self.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }

    /// Creates a folder (and its parents); the reports folder must exist
    /// even when it is empty.
    pub(crate) fn mkdir(&self, path: &str) {
        std::fs::create_dir_all(self.join(path)).expect("mkdir");
    }

    /// Replaces the first `from` in a file with `to`; `from` must be there,
    /// or the edit would quietly test the unedited file.
    pub(crate) fn edit(&self, path: &str, from: &str, to: &str) {
        let text = self.read(path);
        assert!(text.contains(from), "{path} has no {from:?}");
        self.write(path, text.replacen(from, to, 1));
    }

    /// Appends to radar.toml.
    pub(crate) fn append_radar(self, text: &str) -> Project {
        let radar = self.read("radar.toml") + text;
        self.file("radar.toml", &radar)
    }

    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the folder.
    pub(crate) fn join(&self, path: &str) -> PathBuf {
        self.dir.path().join(path)
    }

    /// Reads a file of the project.
    pub(crate) fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Reads a JSON file of the project, such as `output/radar.json`.
    pub(crate) fn json(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Runs confradar with `args` in the folder.
    pub(crate) fn run(&self, args: &[&str]) -> Outcome {
        self.run_in("", args)
    }

    /// Runs `confradar build` with `args` and asserts it succeeds; the
    /// outputs are then read from `output/` (or the `--out` given).
    pub(crate) fn build(&self, args: &[&str]) -> Outcome {
        let out = self.run(&[&["build"], args].concat());
        assert_eq!(out.code, 0, "build failed: {out:?}");
        out
    }

    /// Runs git in the folder, with no user or system configuration, and
    /// asserts it succeeds.
    pub(crate) fn git(&self, args: &[&str]) {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// Runs confradar with `args` in the subfolder `dir` of the project.
    pub(crate) fn run_in(&self, dir: &str, args: &[&str]) -> Outcome {
        let output = self.command(dir, args).output().expect("run confradar");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The command that runs confradar with `args` in the subfolder `dir`
    /// (`""` for the project itself), for tests that start several at once
    /// or kill one.
    pub(crate) fn command(&self, dir: &str, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_confradar"));
        command
            .args(args)
            .current_dir(self.dir.path().join(dir))
            .env_remove("RUST_BACKTRACE");
        command
    }

    /// Runs `check` and asserts it fails with exit code 1, writing nothing;
    /// returns stderr.
    pub(crate) fn check_fails(&self) -> String {
        let out = self.run(&["check"]);
        assert_eq!(
            out.code, 1,
            "stdout:\n{}\nstderr:\n{}",
            out.stdout, out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let build = self.run(&["build"]);
        assert_eq!(build.code, 1, "build must fail too:\n{}", build.stderr);
        assert!(
            !self.join("output").exists(),
            "a failed build wrote output/"
        );
        out.stderr
    }
}

/// Every file and folder under `dir` with its bytes (folders end in `/`
/// and have none), by relative path; symlinks are not followed, and show
/// as `-> TARGET`.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            if meta.file_type().is_symlink() {
                let link = std::fs::read_link(&path).expect("link");
                out.insert(rel, format!("-> {}", link.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names of the entries directly in `dir`, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Says that `test` is skipped because of `why` (a missing tool or
/// privilege). Under `CI=true` it fails instead: CI installs what the tests
/// need, so a skip there would pass without testing anything.
pub(crate) fn skip(test: &str, why: &str) {
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{test}: {why}, and under CI=true a test never skips"
    );
    eprintln!("skipped {test}: {why}");
}
