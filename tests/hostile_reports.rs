//! What a reports folder can hold that is not a report: links that loop,
//! links out of the project, pipes, devices, names with escape sequences,
//! files too big to read, files and folders nobody may read. Each is a
//! problem named with its path, listed with the others in one run (exit
//! 1), and never a hang; only the radar file and the reports folder
//! themselves failing stop the command (exit 2).
//!
//! Every run here has a deadline: a regression that hangs fails the test
//! instead of hanging the suite.

#![cfg(unix)]

mod support;

use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Outcome, Project};

/// Longer than any of these runs takes on a loaded machine, by far.
const DEADLINE: Duration = Duration::from_secs(60);

/// The user and group `nobody` runs as.
const NOBODY: u32 = 65534;

/// Runs confradar in the project like [`Project::run`], but kills it and
/// fails at the deadline.
fn run(p: &Project, args: &[&str]) -> Outcome {
    run_command(p, args, false)
}

/// Like [`run`], as an unprivileged user when the tests run as root, so
/// that permission bits apply (root reads a mode-000 file).
fn run_unprivileged(p: &Project, args: &[&str]) -> Outcome {
    run_command(p, args, true)
}

fn run_command(p: &Project, args: &[&str], unprivileged: bool) -> Outcome {
    let mut command = Command::new(env!("CARGO_BIN_EXE_confradar"));
    command
        .args(args)
        .current_dir(p.path())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if unprivileged && is_root(p.path()) {
        command.uid(NOBODY).gid(NOBODY);
    }
    let mut child = command.spawn().expect("run confradar");
    let pipe = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = pipe(Box::new(child.stdout.take().expect("stdout")));
    let stderr = pipe(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("confradar {args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let outcome = Outcome {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    };
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    outcome
}

/// Whether the tests run as root: the owner of a folder they just made.
fn is_root(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| m.uid() == 0)
}

/// Lets anyone read the project (folders 755, files 644), so an
/// unprivileged run sees only the restrictions a test sets afterwards.
fn open_to_all(dir: &Path) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let entry = entry.expect("entry");
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            open_to_all(&entry.path());
        } else if kind.is_file() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o644))
                .expect("chmod");
        }
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn link(p: &Project, target: &str, link: &str) {
    symlink(target, p.join(link)).expect("symlink");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Asserts exit 1 and returns stderr.
fn fails(out: &Outcome) -> &str {
    assert_eq!(
        out.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    &out.stderr
}

/// The `error:` and `warning:` title lines, in order.
fn titles(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect()
}

const BY_REPORT: &[&str] = &["mentions", "--format", "csv", "--by", "report"];

// ---- 1. links that loop, or lead to a file already found ----

#[test]
fn link_to_the_reports_folder_itself_is_a_loop_error_not_forty_copies() {
    let p = Project::new();
    link(&p, ".", "reports/self");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    // The loop, and nothing else: no report was found twice.
    assert_eq!(
        titles(stderr),
        ["error: reports/self: the link leads back into a folder it is in: a loop; not followed"],
        "{stderr}"
    );
    assert!(
        stderr.contains("confradar: 1 error, 0 warnings"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn two_loop_links_finish_at_once() {
    // Today's walk goes down every path of 40 levels through two links:
    // 2^40 of them.
    let p = Project::new();
    link(&p, ".", "reports/s1");
    link(&p, ".", "reports/s2");
    let started = Instant::now();
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert_eq!(
        titles(stderr),
        [
            "error: reports/s1: the link leads back into a folder it is in: a loop; not followed",
            "error: reports/s2: the link leads back into a folder it is in: a loop; not followed",
        ],
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn link_to_a_folder_above_the_reports_is_a_loop() {
    let p = Project::new();
    link(&p, "..", "reports/up");
    link(&p, "../reports", "reports/again");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert!(
        stderr.contains("error: reports/up: the link leads back"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: reports/again: the link leads back"),
        "{stderr}"
    );
}

#[test]
fn link_to_a_sibling_folder_counts_its_files_once() {
    let p = Project::new().file("reports/2019/2019-08-01-x.md", "Istio Istio\n");
    link(&p, "2019", "reports/again");
    // Sorts before the file it points to: the id kept is still the path
    // without a link on the way.
    link(&p, "2019/2019-08-01-x.md", "reports/0-latest.md");
    let out = run(&p, BY_REPORT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "technology,report,date,mentions\n\
         istio,2019-07-22-cndt,2019-07-22,1\n\
         istio,2019/2019-08-01-x,2019-08-01,2\n"
    );
    assert_eq!(
        titles(&out.stderr),
        [
            "warning: reports/0-latest.md: the same file as reports/2019/2019-08-01-x.md, through a link; counted once, as `2019/2019-08-01-x`",
            "warning: reports/again/2019-08-01-x.md: the same file as reports/2019/2019-08-01-x.md, through a link; counted once, as `2019/2019-08-01-x`",
        ],
        "{}",
        out.stderr
    );
    let denied = run(&p, &["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
}

// ---- 2. pipes, sockets and devices ----

#[test]
fn fifo_as_a_report_is_an_error_not_a_hang() {
    let p = Project::new();
    mkfifo(&p.join("reports/2019-08-01-x.md"));
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert!(
        stderr.contains(
            "error: reports/2019-08-01-x.md: not a regular file: a named pipe (FIFO); not read"
        ),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn links_to_devices_are_errors_not_endless_reads() {
    let p = Project::new();
    link(&p, "/dev/zero", "reports/z.md");
    link(&p, "/dev/urandom", "reports/u.md");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    for name in ["u.md", "z.md"] {
        assert!(
            stderr.contains(&format!(
                "error: reports/{name}: not a regular file: a character device; not read"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn socket_as_a_report_is_an_error() {
    let p = Project::new();
    let _listener =
        std::os::unix::net::UnixListener::bind(p.join("reports/2019-08-01-s.md")).expect("bind");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert!(
        stderr.contains("error: reports/2019-08-01-s.md: not a regular file: a socket; not read"),
        "{stderr}"
    );
}

// ---- 3. links out of the project ----

/// A project in `proj/` of the temporary folder, with a secret beside it.
fn project_beside_a_secret() -> Project {
    Project::empty()
        .file("proj/radar.toml", support::RADAR)
        .file("proj/reports/2019-07-22-cndt.md", support::REPORT)
        .file("ci.env", "CI_TOKEN=hunter2-not-for-your-eyes\n")
}

#[test]
fn link_out_of_the_project_is_refused_unread() {
    let p = project_beside_a_secret();
    link(&p, "../../ci.env", "proj/reports/ci.md");
    link(&p, "/etc/passwd", "proj/reports/2019-08-01-passwd.md");
    let out = run(&p, &["--config", "proj/radar.toml", "check"]);
    let stderr = fails(&out);
    assert_eq!(
        titles(stderr),
        [
            "error: proj/reports/2019-08-01-passwd.md: the link points outside the project; the file it leads to was not read",
            "error: proj/reports/ci.md: the link points outside the project; the file it leads to was not read",
        ],
        "{stderr}"
    );
    // Neither what the links point to nor where.
    for secret in ["hunter2", "CI_TOKEN", "ci.env", "/etc/passwd", "root:"] {
        assert!(!stderr.contains(secret), "{secret} printed:\n{stderr}");
    }
    insta::assert_snapshot!(stderr);
}

#[test]
fn link_to_a_folder_out_of_the_project_is_not_walked() {
    let p = project_beside_a_secret().file("outside/2019-08-01-x.md", "Istio\0");
    link(&p, "../../outside", "proj/reports/more");
    let out = run(&p, &["--config", "proj/radar.toml", "check"]);
    let stderr = fails(&out);
    assert_eq!(
        titles(stderr),
        [
            "error: proj/reports/more: the link points outside the project; the folder it leads to was not read"
        ],
        "{stderr}"
    );
}

#[test]
fn link_inside_the_project_is_followed() {
    let p = Project::new().file("shared/2019-08-01-shared.md", "Istio\n");
    link(
        &p,
        "../shared/2019-08-01-shared.md",
        "reports/2019-08-01-shared.md",
    );
    let out = run(&p, BY_REPORT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("istio,2019-08-01-shared,2019-08-01,1\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn reports_folder_linked_out_of_the_project_is_refused() {
    let p = Project::empty()
        .file("proj/radar.toml", support::RADAR)
        .file("elsewhere/2019-07-22-cndt.md", support::REPORT)
        .file("elsewhere/_store/2019-08-01-a.md", "Istio Istio\n");
    link(&p, "../elsewhere", "proj/reports");
    let out = run(&p, &["--config", "proj/radar.toml", "check"]);
    let stderr = fails(&out);
    assert_eq!(
        titles(stderr),
        [
            "error: proj/radar.toml: the reports folder `proj/reports` leads outside the project; not read"
        ],
        "{stderr}"
    );
    // Where the link leads is not printed.
    assert!(!stderr.contains("../elsewhere"), "{stderr}");
    assert!(!stderr.contains("elsewhere/"), "{stderr}");
    // Given on the command line, the same folder is the user's choice, and
    // a link that stays inside it is fine.
    link(&p, "_store/2019-08-01-a.md", "elsewhere/2019-08-01-a.md");
    let mut args = vec!["--config", "proj/radar.toml", "--reports", "elsewhere"];
    args.extend(BY_REPORT);
    let out = run(&p, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "technology,report,date,mentions\n\
         istio,2019-07-22-cndt,2019-07-22,1\n\
         istio,2019-08-01-a,2019-08-01,2\n"
    );
}

// ---- 4. names that would reach terminals and outputs ----

#[test]
fn control_and_bidi_characters_in_a_report_name_are_refused_unread() {
    // The files hold a NUL byte: were one read, it would be refused as
    // binary.
    let p = Project::new()
        .bytes("reports/2019-08-01-\u{1b}[31mred.md", b"\0")
        .bytes("reports/2019-08-02-bell\u{7}.md", b"\0")
        .bytes("reports/2019-08-03-\u{85}next.md", b"\0")
        .bytes("reports/2019-08-04-\u{202e}dm.txt", b"\0")
        .bytes("reports/\u{2066}isolated/2019-08-05-x.md", b"\0");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    for escaped in [
        r"reports/2019-08-01-\u{1b}[31mred.md",
        r"reports/2019-08-02-bell\u{7}.md",
        r"reports/2019-08-03-\u{85}next.md",
        r"reports/2019-08-04-\u{202e}dm.txt",
        r"reports/\u{2066}isolated",
    ] {
        assert!(
            stderr.contains(&format!("error: {escaped}: the name contains the ")),
            "{escaped}:\n{stderr}"
        );
    }
    for raw in ['\u{1b}', '\u{7}', '\u{85}', '\u{202e}', '\u{2066}'] {
        assert!(
            !out.stderr.contains(raw),
            "U+{:04X} printed",
            u32::from(raw)
        );
        assert!(
            !out.stdout.contains(raw),
            "U+{:04X} printed",
            u32::from(raw)
        );
    }
    assert!(!stderr.contains("NUL byte"), "a file was read:\n{stderr}");
    assert!(stderr.contains("confradar: 5 errors"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

// ---- 5. a file name's date ----

#[test]
fn impossible_date_in_a_file_name_is_an_error_not_its_month() {
    let p = Project::new().file("reports/2024-02-30-meetup.md", "Istio\n");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert!(
        stderr.contains("error: reports/2024-02-30-meetup.md: bad report date in the file name: `2024-02-30` is not a calendar date"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
    // A name with only the month still means that month.
    let p = Project::new().file("reports/2024-02-x.md", "Istio\n");
    let out = run(&p, BY_REPORT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("istio,2024-02-x,2024-02,1\n"),
        "{}",
        out.stdout
    );
}

// ---- 6. size ----

#[test]
fn report_over_the_size_limit_is_refused_unread() {
    // 17 MiB of zero bytes, sparse: read, it would be refused as binary.
    let p = Project::new();
    std::fs::File::create(p.join("reports/2019-08-01-big.md"))
        .and_then(|f| f.set_len(17 * 1024 * 1024))
        .expect("sparse file");
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    assert!(
        stderr.contains("error: reports/2019-08-01-big.md: the report is 17.0 MiB (17825792 bytes), over the limit of 16.0 MiB (16777216 bytes); not read"),
        "{stderr}"
    );
    assert!(stderr.contains("max_report_size"), "{stderr}");
    assert!(!stderr.contains("NUL byte"), "the file was read:\n{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn report_of_exactly_the_default_limit_is_read() {
    let head = "+++\ndate = 2019-08-01\n+++\nIstio\n";
    let mut text = head.to_owned();
    text.push_str(&" ".repeat(16 * 1024 * 1024 - head.len()));
    let p = Project::new().file("reports/2019-08-01-long.md", &text);
    let out = run(&p, BY_REPORT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("istio,2019-08-01-long,2019-08-01,1\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn max_report_size_in_the_radar_file_sets_the_limit() {
    let report = format!("+++\ndate = 2019-08-01\n+++\nIstio {}\n", "x".repeat(2000));
    let limited = |size: &str| {
        Project::with_radar_edit(
            "editions = ",
            &format!("max_report_size = {size}\neditions = "),
        )
        .file("reports/2019-08-01-long.md", &report)
    };
    // 1 KiB: the 2 KB report is refused, by name, with its size and the limit.
    let out = run(&limited("\"1 KiB\""), BY_REPORT);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: reports/2019-08-01-long.md: the report is")
            && out
                .stderr
                .contains("2033 bytes, over the limit of 1024 bytes"),
        "{}",
        out.stderr
    );
    // In bytes, and above the report's size: read and counted.
    let out = run(&limited("4096"), BY_REPORT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("istio,2019-08-01-long,2019-08-01,1\n"));
    // Not a size: an error at its place in the radar file.
    let p = limited("\"lots\"");
    let out = run(&p, &["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error: radar.toml:3:19: `max_report_size` is not a size"),
        "{}",
        out.stderr
    );
}

// ---- 7. what cannot be read ----

#[test]
fn unreadable_report_and_unreadable_folder_are_both_input_errors() {
    let p = Project::new()
        .file("reports/2019-08-01-locked.md", "Istio\n")
        .file("reports/2019/2019-08-02-x.md", "Istio\n")
        .file("reports/notes.md", "no date\n");
    open_to_all(p.path());
    chmod(&p.join("reports/2019-08-01-locked.md"), 0o000);
    chmod(&p.join("reports/2019"), 0o000);
    let out = run_unprivileged(&p, &["check"]);
    chmod(&p.join("reports/2019"), 0o755);
    let stderr = fails(&out);
    // Both, and the other problem, in the same run.
    assert_eq!(
        titles(stderr),
        [
            "error: reports/2019: cannot read the folder: Permission denied (os error 13)",
            "error: reports/2019-08-01-locked.md: cannot read the report: Permission denied (os error 13)",
            "error: reports/notes.md:1:1: the report has no date",
        ],
        "{stderr}"
    );
}

#[test]
fn unreadable_reports_folder_or_radar_file_stop_with_exit_2() {
    let p = Project::new();
    open_to_all(p.path());
    chmod(&p.join("reports"), 0o000);
    let out = run_unprivileged(&p, &["check"]);
    chmod(&p.join("reports"), 0o755);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("error: reports: Permission denied"),
        "{}",
        out.stderr
    );
    chmod(&p.join("radar.toml"), 0o000);
    let out = run_unprivileged(&p, &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("error: radar.toml: Permission denied"),
        "{}",
        out.stderr
    );
}

#[test]
fn every_problem_in_the_folder_is_listed_in_one_run_in_path_order() {
    let p = Project::new()
        .file("reports/2024-02-30-meetup.md", "Istio\n")
        .file("reports/z/2019-08-01-x.md", "Istio\n");
    link(&p, ".", "reports/z/loop");
    link(&p, "/etc/passwd", "reports/b.md");
    mkfifo(&p.join("reports/a.md"));
    let out = run(&p, &["check"]);
    let stderr = fails(&out);
    let places: Vec<&str> = titles(stderr)
        .iter()
        .filter_map(|t| t.strip_prefix("error: "))
        .filter_map(|t| t.split(':').next())
        .collect();
    assert_eq!(
        places,
        [
            "reports/2024-02-30-meetup.md",
            "reports/a.md",
            "reports/b.md",
            "reports/z/loop",
        ],
        "{stderr}"
    );
    let again = run(&p, &["check"]);
    assert_eq!(again.stderr, out.stderr);
}

// ---- 8. the radar file ----

#[test]
fn fifo_as_the_radar_file_is_an_error_not_a_hang() {
    let p = Project::empty().file("reports/2019-07-22-cndt.md", support::REPORT);
    mkfifo(&p.join("radar.toml"));
    let out = run(&p, &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: radar.toml: not a regular file: a named pipe (FIFO)"),
        "{}",
        out.stderr
    );
}

#[test]
fn radar_file_linked_out_of_its_folder_is_refused_unread() {
    let p = Project::empty()
        .file("secret.env", "TOKEN = \"s3cr3t\"\n[x\n")
        .file("project/reports/2019-07-22-cndt.md", support::REPORT)
        .file("project/shared/radar.toml", support::RADAR);
    link(&p, "../secret.env", "project/radar.toml");
    let out = p.run_in("project", &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: radar.toml: the radar file is a link to a file outside its folder; not read"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("s3cr3t"), "{}", out.stderr);
    // A link that stays in the folder is fine.
    std::fs::remove_file(p.join("project/radar.toml")).expect("rm");
    link(&p, "shared/radar.toml", "project/radar.toml");
    let out = p.run_in("project", &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn device_as_the_radar_file_is_an_error_not_an_endless_read() {
    let p = Project::empty().file("reports/2019-07-22-cndt.md", support::REPORT);
    link(&p, "/dev/zero", "radar.toml");
    let out = run(&p, &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: radar.toml: not a regular file: a character device"),
        "{}",
        out.stderr
    );
}
