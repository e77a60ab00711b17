//! The progress bar: drawn on a terminal, never into pipes or with
//! `--quiet`, and never changing what is printed on stdout.
//!
//! A terminal is made with util-linux `script`, which runs the command on a
//! pseudo-terminal; `CONFRADAR_PROGRESS_DELAY_MS=0` makes even a small run
//! draw its bar.

mod support;

use std::process::Command;

use support::Project;

/// Runs `confradar ARGS` in `project` on a pseudo-terminal with stdout sent
/// to a file; returns what reached the terminal (stderr) and stdout.
/// `None`, saying so, when `script` is not installed.
fn on_terminal(project: &Project, args: &str) -> Option<(String, String)> {
    let stdout = project.join("stdout.txt");
    let command = format!(
        "{} {args} > {}",
        env!("CARGO_BIN_EXE_confradar"),
        stdout.display()
    );
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(project.path())
        .env("CONFRADAR_PROGRESS_DELAY_MS", "0")
        .output();
    let Ok(output) = output else {
        support::skip(args, "`script` (util-linux) is not installed");
        return None;
    };
    assert!(output.status.success(), "{output:?}");
    let terminal = String::from_utf8_lossy(&output.stdout).into_owned();
    let stdout = std::fs::read_to_string(stdout).expect("stdout file");
    Some((terminal, stdout))
}

fn project() -> Project {
    Project::new()
        .file("reports/2019-08-01-more.md", "Istio again.\n")
        .file("reports/2019-09-01-last.md", "And Istio.\n")
}

#[test]
fn a_terminal_gets_a_bar_of_files_and_bytes() {
    let project = project();
    let Some((terminal, _)) = on_terminal(&project, "mentions --format csv") else {
        return;
    };
    assert!(terminal.contains("reports 3/3"), "{terminal:?}");
    assert!(terminal.contains(" B/"), "{terminal:?}");
    assert!(terminal.contains("ETA"), "{terminal:?}");
}

#[test]
fn quiet_draws_no_bar() {
    let project = project();
    let Some((terminal, _)) = on_terminal(&project, "--quiet mentions --format csv") else {
        return;
    };
    assert!(!terminal.contains("reports"), "{terminal:?}");
}

#[test]
fn a_pipe_gets_no_bar_and_stdout_is_the_same() {
    let project = project();
    let piped = Command::new(env!("CARGO_BIN_EXE_confradar"))
        .args(["mentions", "--format", "csv"])
        .current_dir(project.path())
        .env("CONFRADAR_PROGRESS_DELAY_MS", "0")
        .output()
        .expect("run confradar");
    assert!(piped.status.success());
    assert_eq!(String::from_utf8_lossy(&piped.stderr), "");
    let csv = String::from_utf8_lossy(&piped.stdout).into_owned();
    assert_eq!(
        csv,
        "technology,period,mentions,reports\nistio,2019-Q3,3,3\n"
    );
    if let Some((_, stdout)) = on_terminal(&project, "mentions --format csv") {
        assert_eq!(stdout, csv, "the bar must not change stdout");
    }
}
