//! Running confradar on a case: in-process through `confradar::run_with`
//! (thousands of runs would spend most of their time starting processes),
//! each run on its own thread so that a panic is caught and a hang is
//! timed out instead of stopping the suite; and, for a few cases, the real
//! binary, to hold the in-process runs to what a user sees.

use std::ffi::OsString;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::Parser;

/// What one run printed and returned.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Whether stdout and stderr were valid UTF-8 (lossily decoded above).
    pub utf8: bool,
}

/// Why a run did not finish normally.
#[derive(Debug)]
pub(crate) enum Abnormal {
    Panic(String),
    Hang(Duration),
    BadArguments(String),
}

/// Panic messages with their places, recorded by the hook for the threads
/// this runner starts: the default hook would print them into the test
/// log, where the failure report is the better place.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Installs (once) a panic hook that records panics on the threads the
/// runner starts, and rayon's, and leaves the rest to the default hook.
pub(crate) fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current().name().unwrap_or("").to_owned();
            if name.starts_with("fuzz-run") || name.is_empty() {
                let trace = std::backtrace::Backtrace::force_capture();
                if let Ok(mut panics) = PANICS.lock() {
                    panics.push(format!("{info}\n{trace}"));
                }
            } else {
                default(info);
            }
        }));
    });
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into());
    let recorded = PANICS
        .lock()
        .map(|mut p| std::mem::take(&mut *p).join("\n---\n"))
        .unwrap_or_default();
    format!("{message}\n{recorded}")
}

/// Runs `confradar ARGS` in this process, on a thread, with a time limit.
pub(crate) fn run(args: &[String], timeout: Duration) -> Result<Outcome, Abnormal> {
    let argv: Vec<OsString> = std::iter::once("confradar".into())
        .chain(args.iter().map(OsString::from))
        .collect();
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::Builder::new()
        .name("fuzz-run".into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let cli = match confradar::cli::Cli::try_parse_from(argv) {
                    Ok(cli) => cli,
                    Err(e) => return Err(e.to_string()),
                };
                let (mut out, mut err) = (Vec::new(), Vec::new());
                let code =
                    confradar::run_with(&cli, &mut out, &mut err, confradar::Terminal::default());
                Ok((code, out, err))
            }));
            let _ = tx.send(result);
        })
        .map_err(|e| Abnormal::Panic(format!("cannot start a thread: {e}")))?;
    match rx.recv_timeout(timeout) {
        Ok(Ok(Ok((code, out, err)))) => Ok(outcome(args, code, &out, &err)),
        Ok(Ok(Err(message))) => Err(Abnormal::BadArguments(message)),
        Ok(Err(payload)) => Err(Abnormal::Panic(panic_text(payload.as_ref()))),
        // The thread is left running: there is no way to stop it, and the
        // suite is about to fail anyway.
        Err(_) => Err(Abnormal::Hang(started.elapsed())),
    }
}

fn outcome(args: &[String], code: i32, out: &[u8], err: &[u8]) -> Outcome {
    Outcome {
        args: args.to_vec(),
        code,
        stdout: String::from_utf8_lossy(out).into_owned(),
        stderr: String::from_utf8_lossy(err).into_owned(),
        utf8: std::str::from_utf8(out).is_ok() && std::str::from_utf8(err).is_ok(),
    }
}

/// Runs the real binary with `args` in `dir`, killing it after `timeout`.
pub(crate) fn spawn(dir: &Path, args: &[String], timeout: Duration) -> Result<Outcome, Abnormal> {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_confradar"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Abnormal::Panic(format!("cannot start confradar: {e}")))?;
    // Read both pipes on threads, so a chatty child cannot block on a full pipe.
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Abnormal::Panic(e.to_string()))?
        {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Abnormal::Hang(started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    let code = status.code().unwrap_or(-1);
    let outcome = outcome(args, code, &out, &err);
    if outcome.stderr.contains("panicked") {
        return Err(Abnormal::Panic(outcome.stderr));
    }
    Ok(outcome)
}

/// Where failing cases are saved: `target/fuzz-failures/`.
pub(crate) fn failures_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp; its parent is the target folder.
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(&tmp).join("fuzz-failures")
}
