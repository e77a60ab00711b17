//! The GitHub Action's steps (`action.yml`, `scripts/action/*.sh`) run
//! locally by `tests/action/run.sh` against a temporary git repository: the
//! cache key and install, the diff and the one comment it posts or
//! updates (through a fake gh), and the check step's annotations.

mod support;

use std::path::Path;
use std::process::Command;

/// Runs `tests/action/run.sh CASE` with the binary under test; it must
/// succeed. Skips (outside CI) when bash or git is missing.
fn run_case(case: &str) {
    for tool in ["bash", "git"] {
        let found = Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            support::skip(
                &format!("action {case}"),
                &format!("{tool} is not installed"),
            );
            return;
        }
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/action/run.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(case)
        .env("CONFRADAR", env!("CARGO_BIN_EXE_confradar"))
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "run.sh {case} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains(&format!("ok: {case}")), "{stdout}");
}

/// A base without radar.toml (everything added, one comment posted with
/// the marker), a ring move (that comment updated in place), and no change
/// (nothing posted).
#[test]
fn action_posts_then_updates_one_comment_and_stays_quiet_without_changes() {
    run_case("comment");
}

/// The check step prints `::error file=radar.toml,line=11,...` for a
/// broken radar.toml.
#[test]
fn action_check_step_annotates_the_broken_line() {
    run_case("annotations");
}
