//! How problems are printed: `--format json|github` for tools and CI,
//! colour on a terminal (`--color`, `NO_COLOR`), a radar file read from
//! standard input (`--config -`), and counts that agree with their nouns.

mod support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use support::Project;

/// The base project with two problems: a misspelt ring and a non-web link.
fn broken() -> Project {
    let radar = support::RADAR
        .replace("ring = \"assess\"", "ring = \"asess\"")
        .replace("https://istio.io/", "ftp://istio.io/");
    Project::new().file("radar.toml", &radar)
}

/// The base project, valid, with one warning: a technology never mentioned.
fn with_warning() -> Project {
    Project::new().append_radar(
        "\n[technologies.linkerd]\nname = \"Linkerd\"\nquadrant = \"platforms\"\n\n\
         [[technologies.linkerd.placements]]\nedition = \"2024-Q3\"\nring = \"hold\"\n\
         evidence = [{ report = \"2019-07-22-cndt\", quote = \"Traffic Management\" }]\n",
    )
}

#[test]
fn check_json_is_one_array_of_every_problem_on_stdout() {
    let p = broken();
    let out = p.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    insta::assert_snapshot!("check_json", out.stdout);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    let problems = value.as_array().expect("an array");
    assert_eq!(problems.len(), 2);
    let ring = problems
        .iter()
        .find(|p| p["code"] == "unknown-ring")
        .expect("the ring's error");
    assert_eq!(ring["code"], "unknown-ring");
    assert_eq!(ring["file"], "radar.toml");
    assert_eq!(
        (ring["line"].as_u64(), ring["column"].as_u64()),
        (Some(12), Some(8))
    );
    assert_eq!(ring["help"], "did you mean `assess`?");
    for key in ["severity", "message", "end_line", "end_column", "notes"] {
        assert!(ring.get(key).is_some(), "no `{key}` in {ring}");
    }
    // stderr keeps only the count, for the log.
    assert_eq!(
        out.stderr,
        "confradar: 2 errors, 0 warnings; nothing was written\n"
    );
    assert!(!p.join("output").exists());
}

#[test]
fn check_github_annotates_each_line_and_keeps_the_text_for_the_log() {
    let out = broken().run(&["check", "--format", "github"]);
    assert_eq!(out.code, 1, "{out:?}");
    insta::assert_snapshot!("check_github", out.stdout);
    assert!(
        out.stdout.lines().all(|l| l.starts_with("::error ")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("::error file=radar.toml,line=12,col=8,endLine=12,endColumn=14,title=confradar unknown-ring::"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("radar.toml:12:8: unknown ring `asess`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("^^^^^"),
        "the text shows the line: {}",
        out.stderr
    );
}

#[test]
fn a_valid_radar_gives_its_warnings_as_json_and_the_summary_on_stderr() {
    let out = with_warning().run(&["check", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let value: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    assert_eq!(value.as_array().map(Vec::len), Some(1), "{value}");
    assert_eq!(value[0]["severity"], "warning");
    assert_eq!(value[0]["code"], "never-mentioned");
    assert!(
        out.stderr.starts_with("ok: 2 technologies"),
        "{}",
        out.stderr
    );

    let clean = Project::new().run(&["check", "--format", "json"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, "[]\n"),
        "{clean:?}"
    );
}

#[test]
fn denied_warnings_are_errors_in_every_format() {
    let out = with_warning().run(&["check", "--deny-warnings", "--format", "github"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.starts_with("::error "), "{}", out.stdout);
    let json = with_warning().run(&["check", "--deny-warnings", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value[0]["severity"], "error");
}

#[test]
fn build_prints_its_diagnostics_in_the_format_asked_for() {
    let p = with_warning();
    let out = p.run(&["build", "--format", "github"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("::warning file=radar.toml,line="),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("wrote"),
        "the build's own output follows: {}",
        out.stdout
    );

    let json = p.run(&["build", "--format", "json"]);
    assert_eq!(json.code, 0, "{json:?}");
    let value: serde_json::Value =
        serde_json::from_str(&json.stdout).expect("stdout is JSON alone");
    assert_eq!(value[0]["code"], "never-mentioned");
    assert!(
        json.stderr.contains("Test Radar: 2 technologies"),
        "{}",
        json.stderr
    );

    let failed = broken().run(&["build", "--format", "json"]);
    assert_eq!(failed.code, 1);
    let value: serde_json::Value = serde_json::from_str(&failed.stdout).expect("JSON");
    assert_eq!(value.as_array().map(Vec::len), Some(2));
}

#[test]
fn an_error_without_a_place_is_still_annotated_on_github() {
    let p = Project::empty();
    let out = p.run(&["check", "--format", "github"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stdout,
        "::error title=confradar::config file not found: radar.toml\n"
    );
    assert!(
        out.stderr.starts_with("error: config file not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn colour_is_asked_for_or_refused_by_flag() {
    let p = broken();
    let always = p.run(&["--color", "always", "check"]);
    assert_eq!(always.code, 1);
    assert!(always.stderr.contains("\u{1b}["), "{:?}", always.stderr);
    for args in [&["--color", "never", "check"][..], &["check"][..]] {
        let plain = p.run(args);
        assert!(
            !plain.stderr.contains('\u{1b}'),
            "{args:?}: {:?}",
            plain.stderr
        );
    }
    // Colour changes nothing but the escapes.
    let stripped = strip_ansi(&always.stderr);
    assert_eq!(stripped, p.run(&["check"]).stderr);
}

#[test]
fn colour_never_lets_the_input_drive_the_terminal() {
    // A raw ESC in radar.toml is a TOML error, and the error quotes the
    // line: the only escapes in the output are the colours'.
    let p = Project::new().file(
        "radar.toml",
        &format!(
            "# \u{1b}[2J\u{1b}]8;;https://evil.example/\u{7}\n{}",
            support::RADAR
        ),
    );
    let out = p.run(&["--color", "always", "check"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(!out.stderr.contains("\u{1b}[2J"), "{:?}", out.stderr);
    assert!(!out.stderr.contains("\u{1b}]"), "{:?}", out.stderr);
    assert!(!out.stderr.contains('\u{7}'), "{:?}", out.stderr);
    assert!(out.stderr.contains('\u{FFFD}'), "{:?}", out.stderr);
}

/// `s` without SGR colour sequences (`ESC [ ... m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs `confradar check` in `project` on a pseudo-terminal (util-linux
/// `script`) with `env` set; returns what reached the terminal. `None`,
/// saying so, when `script` is not installed.
fn check_on_terminal(project: &Project, env: &[(&str, &str)]) -> Option<String> {
    let mut command = Command::new("script");
    command
        .args([
            "-qec",
            &format!("{} check", env!("CARGO_BIN_EXE_confradar")),
            "/dev/null",
        ])
        .current_dir(project.path())
        .env_remove("NO_COLOR")
        .env("TERM", "xterm");
    for (key, value) in env {
        command.env(key, value);
    }
    let Ok(output) = command.output() else {
        support::skip(
            "check_on_terminal",
            "`script` (util-linux) is not installed",
        );
        return None;
    };
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_terminal_gets_colour_unless_no_color_or_a_dumb_terminal() {
    let p = broken();
    let Some(coloured) = check_on_terminal(&p, &[]) else {
        return;
    };
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    assert!(coloured.contains("unknown ring"), "{coloured:?}");
    for env in [[("NO_COLOR", "1")], [("TERM", "dumb")]] {
        let plain = check_on_terminal(&p, &env).expect("script ran before");
        assert!(plain.contains("unknown ring"), "{plain:?}");
        assert!(!plain.contains('\u{1b}'), "{env:?}: {plain:?}");
    }
    // An empty NO_COLOR is no request.
    let empty = check_on_terminal(&p, &[("NO_COLOR", "")]).expect("script ran before");
    assert!(empty.contains("\u{1b}["), "{empty:?}");
}

/// Runs confradar in `project` with `stdin` piped in.
fn run_with_stdin(project: &Project, args: &[&str], stdin: &str) -> support::Outcome {
    let mut child = project
        .command("", args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run confradar");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    support::Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

#[test]
fn config_dash_reads_the_radar_from_standard_input() {
    // No radar.toml on disk: the radar comes only from the pipe.
    let p = Project::empty().file("reports/2019-07-22-cndt.md", support::REPORT);
    let out = run_with_stdin(
        &p,
        &["--config", "-", "--reports", "reports", "check"],
        support::RADAR,
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .starts_with("ok: 1 technology, 2 editions, 1 report"),
        "{}",
        out.stdout
    );

    let built = run_with_stdin(
        &p,
        &["--config", "-", "--reports", "reports", "build"],
        support::RADAR,
    );
    assert_eq!(built.code, 0, "{built:?}");
    assert!(
        p.join("output/radar.svg").is_file(),
        "output goes under the current folder"
    );

    let broken = support::RADAR.replace("ring = \"assess\"", "ring = \"asess\"");
    let failed = run_with_stdin(
        &p,
        &["--config", "-", "--reports", "reports", "check"],
        &broken,
    );
    assert_eq!(failed.code, 1, "{failed:?}");
    assert!(
        failed.stderr.contains("<stdin>:12:8: unknown ring"),
        "{}",
        failed.stderr
    );
}

#[test]
fn config_dash_needs_reports_and_says_so_before_reading() {
    let p = Project::new();
    // stdin is left open and empty: the error must come without reading it.
    let out = p.run(&["--config", "-", "check"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("pass --reports DIR"), "{}", out.stderr);
}

#[test]
fn counts_agree_with_their_nouns() {
    let out = Project::new().run(&["check"]);
    assert_eq!(
        out.stdout,
        "ok: 1 technology, 2 editions, 1 report, 1 evidence quote verified, 0 warnings\n"
    );
    let build = Project::new().build(&[]);
    assert!(
        build
            .stdout
            .starts_with("Test Radar: 1 technology, 1 report, 1 mention"),
        "{}",
        build.stdout
    );
    let one_warning = with_warning().run(&["check"]);
    assert!(
        one_warning.stdout.ends_with("1 warning\n"),
        "{}",
        one_warning.stdout
    );
}

#[test]
fn diff_reads_a_side_from_standard_input() {
    let p = Project::new();
    let moved = support::RADAR.replace("ring = \"assess\"", "ring = \"trial\"");
    let out = run_with_stdin(&p, &["diff", "radar.toml", "-", "--format", "text"], &moved);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Istio"), "{}", out.stdout);
    assert!(out.stdout.contains("Assess -> Trial"), "{}", out.stdout);
}

#[test]
fn standard_input_is_not_edited_in_place() {
    let p = Project::new();
    for args in [
        &["--config", "-", "edition", "add", "2030-Q1"][..],
        &[
            "--config",
            "-",
            "place",
            "istio",
            "adopt",
            "--edition",
            "2024-Q3",
        ][..],
    ] {
        let out = run_with_stdin(&p, args, support::RADAR);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("cannot be edited in place"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(p.read("radar.toml"), support::RADAR);
}

#[test]
fn config_dash_refuses_more_than_the_size_limit() {
    let p = Project::new();
    let mut child = p
        .command("", &["--config", "-", "--reports", "reports", "check"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run confradar");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'#'; 1 << 20];
        // 65 MiB of comment, past the 64 MiB limit; confradar may stop
        // reading (and close the pipe) once it is over.
        for _ in 0..65 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the limit for a radar file; not read"),
        "{stderr}"
    );
}
