//! Property and fuzz tests: generated projects, radar files and reports,
//! many mutated byte by byte, run through confradar in this process, with
//! the properties every run must have checked after each.
//!
//! Three drivers share the work. `projects` writes a whole project (radar
//! file and reports) and runs `check`, `mentions`, `build` twice, `build
//! --check` and sometimes `diff`, holding them to the exit codes, error
//! places, "nothing written on error", determinism and output safety.
//! `config` and `report` feed bytes straight to the library functions the
//! cargo-fuzz targets also call (`radar::from_bytes`, `report::decode` and
//! `report::parse`), many more cases per second.
//!
//! `cargo test` runs a bounded number of cases with fixed seeds. Longer
//! runs and replays are set from the environment:
//!
//! - `FUZZ_CASES=N`: cases in all (split between the drivers);
//! - `FUZZ_START=S`: the first seed (default 0), to explore other cases;
//! - `FUZZ_SEED=N`: run only case N (of each driver), to replay a failure;
//! - `FUZZ_TIMEOUT_SECS=T`: how long one command may take (default 5 in a
//!   release build, 15 in a debug one) before it counts as a hang;
//! - `FUZZ_MAX_FAILURES=K`: go on after a failure until K are found.
//!
//! A failing case is printed with its seed and saved, files and all, under
//! `target/fuzz-failures/<driver>-<seed>/`.

mod support;

#[path = "fuzz/generate.rs"]
mod generate;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/props.rs"]
mod props;
#[path = "fuzz/runner.rs"]
mod runner;
#[path = "fuzz/seeds.rs"]
mod seeds;
#[path = "fuzz/toml_doc.rs"]
mod toml_doc;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};

use fastrand::Rng;
use generate::{Case, Expect, File};
use runner::{Abnormal, Outcome};

// ------------------------------------------------------------ settings

/// The run's settings, from the environment.
struct Settings {
    /// Cases in all, split between the drivers by their weights.
    cases: Option<u64>,
    start: u64,
    only: Option<u64>,
    timeout: Duration,
    max_failures: usize,
}

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
    )
}

fn settings() -> Settings {
    let default_timeout = if cfg!(debug_assertions) { 15 } else { 5 };
    Settings {
        cases: env_u64("FUZZ_CASES"),
        start: env_u64("FUZZ_START").unwrap_or(0),
        only: env_u64("FUZZ_SEED"),
        timeout: Duration::from_secs(env_u64("FUZZ_TIMEOUT_SECS").unwrap_or(default_timeout)),
        max_failures: env_u64("FUZZ_MAX_FAILURES").unwrap_or(1) as usize,
    }
}

// ------------------------------------------------------------- failures

/// A case that broke a property.
struct Failure {
    problems: Vec<String>,
    outcomes: Vec<Outcome>,
    files: Vec<File>,
    notes: Vec<String>,
}

impl Failure {
    fn new(problems: Vec<String>) -> Failure {
        Failure {
            problems,
            outcomes: Vec::new(),
            files: Vec::new(),
            notes: Vec::new(),
        }
    }
}

fn abnormal(what: &str, a: Abnormal) -> String {
    match a {
        Abnormal::Panic(m) => format!("`{what}` panicked: {m}"),
        Abnormal::Hang(d) => format!(
            "`{what}` did not finish in {:.1} s (a hang?)",
            d.as_secs_f64()
        ),
        Abnormal::BadArguments(m) => format!("`{what}`: the arguments did not parse: {m}"),
    }
}

/// Saves a failing case under target/fuzz-failures and returns the report
/// to print.
fn save(driver: &str, seed: u64, failure: &Failure) -> String {
    let dir = runner::failures_dir().join(format!("{driver}-{seed}"));
    let _ = std::fs::remove_dir_all(&dir);
    for f in &failure.files {
        let path = dir.join("project").join(OsStr::from_bytes(&f.path));
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, &f.bytes);
    }
    let mut text = format!(
        "fuzz failure: driver `{driver}`, seed {seed}\n\
         replay: FUZZ_SEED={seed} cargo test --test fuzz {driver} -- --nocapture\n\
         files: {}\n\nproblems:\n",
        dir.join("project").display()
    );
    for p in &failure.problems {
        text.push_str(&format!("  - {p}\n"));
    }
    if !failure.notes.is_empty() {
        text.push_str(&format!(
            "\nwhat the generator did: {}\n",
            failure.notes.join("; ")
        ));
    }
    for o in &failure.outcomes {
        let clip = |s: &str| s.chars().take(4000).collect::<String>();
        text.push_str(&format!(
            "\n$ confradar {}\nexit {}\n--- stdout\n{}\n--- stderr\n{}\n",
            o.args.join(" "),
            o.code,
            clip(&o.stdout),
            clip(&o.stderr)
        ));
    }
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("failure.txt"), &text);
    text
}

/// Runs `cases` cases of a driver (or the one of `FUZZ_SEED`), failing the
/// test with the saved failures. Returns per-label counts for the caller's
/// coverage checks.
fn drive(
    driver: &str,
    default_cases: u64,
    weight: f64,
    case: impl Fn(u64, &Settings, &mut Stats) -> Result<(), Failure>,
) -> Option<Stats> {
    runner::install_panic_hook();
    let settings = settings();
    let (seeds, bounded): (Vec<u64>, bool) = if let Some(seed) = settings.only {
        (vec![seed], false)
    } else {
        let n = settings.cases.map_or(default_cases, |c| {
            ((c as f64 * weight).ceil() as u64).max(1)
        });
        (
            (settings.start..settings.start + n).collect(),
            settings.cases.is_none() && settings.start == 0,
        )
    };
    let started = Instant::now();
    let mut stats = Stats::default();
    let mut reports = Vec::new();
    for (i, &seed) in seeds.iter().enumerate() {
        if let Err(failure) = case(seed, &settings, &mut stats) {
            let report = save(driver, seed, &failure);
            eprintln!("{report}");
            let hang = failure.problems.iter().any(|p| p.contains("a hang?"));
            reports.push(report);
            if reports.len() >= settings.max_failures || hang {
                break;
            }
        }
        if (i + 1) % 5000 == 0 {
            eprintln!(
                "fuzz {driver}: {} cases, {:.0} s",
                i + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "fuzz {driver}: {} cases in {:.1} s; {}",
        seeds.len(),
        started.elapsed().as_secs_f64(),
        stats.summary()
    );
    assert!(
        reports.is_empty(),
        "{} fuzz case(s) failed; the first:\n{}",
        reports.len(),
        reports[0]
    );
    bounded.then_some(stats)
}

/// Counts by label, to show (and test) that the generator reaches every
/// outcome.
#[derive(Default)]
struct Stats {
    counts: BTreeMap<String, u64>,
}

impl Stats {
    fn add(&mut self, label: impl Into<String>) {
        *self.counts.entry(label.into()).or_default() += 1;
    }

    fn get(&self, label: &str) -> u64 {
        self.counts.get(label).copied().unwrap_or(0)
    }

    fn summary(&self) -> String {
        self.counts
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// ------------------------------------------------------------- projects

/// A project case: the generated files, mutated for some seeds, and the
/// unmutated files to build first when they are valid (so a failed build
/// over an existing output folder is seen to leave it alone).
fn project_case(seed: u64) -> (Case, Option<Vec<File>>) {
    let mut case = generate::project(seed);
    let mut rng = Rng::with_seed(seed ^ 0x6d75_7461_7465);
    if rng.u8(..100) < 45 {
        let original = case.files.clone();
        let which = if rng.u8(..100) < 60 || case.files.len() == 1 {
            0
        } else {
            rng.usize(1..case.files.len())
        };
        let file = &mut case.files[which];
        let done = mutate::mutate(&mut rng, &mut file.bytes, 4);
        case.notes.push(format!(
            "mutated {}: {}",
            String::from_utf8_lossy(&file.path),
            done.join(", ")
        ));
        let prior = (case.expect == Expect::Valid && rng.bool()).then_some(original);
        case.expect = Expect::Any;
        return (case, prior);
    }
    (case, None)
}

fn write_files(root: &Path, files: &[File]) {
    for f in files {
        let path = root.join(OsStr::from_bytes(&f.path));
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, &f.bytes).expect("write");
    }
}

/// The files an error may name, read back from disk.
fn known(project: &Path) -> props::Known {
    let mut files = BTreeMap::new();
    for (rel, bytes) in support::tree(project) {
        if !rel.ends_with('/') {
            let is_config = rel == "radar.toml";
            files.insert(props::shown(&rel), (bytes, is_config));
        }
    }
    props::Known {
        prefix: props::shown(&format!("{}/", project.display())),
        files,
    }
}

/// One project case, run and checked.
fn run_project(seed: u64, settings: &Settings, stats: &mut Stats) -> Result<(), Failure> {
    let (case, prior) = project_case(seed);
    let mut failure = Failure::new(Vec::new());
    failure.files = case.files.clone();
    failure.notes = case.notes.clone();
    let result = project_properties(
        &case,
        prior.as_deref(),
        settings,
        stats,
        &mut failure.outcomes,
    );
    match result {
        Ok(()) => Ok(()),
        Err(problems) => {
            failure.problems = problems;
            Err(failure)
        }
    }
}

/// Runs `args` and checks the properties of any run; the outcome is kept
/// for the failure report.
struct Session<'a> {
    timeout: Duration,
    known: props::Known,
    log: &'a mut Vec<Outcome>,
}

impl Session<'_> {
    fn run(&mut self, args: &[String]) -> Result<Outcome, Vec<String>> {
        let what = args.join(" ");
        let outcome = runner::run(args, self.timeout).map_err(|a| vec![abnormal(&what, a)])?;
        self.log.push(outcome.clone());
        let problems = props::outcome(&outcome, &self.known, args.iter().any(|a| a == "diff"));
        if problems.is_empty() {
            Ok(outcome)
        } else {
            Err(problems)
        }
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(std::string::ToString::to_string).collect()
}

fn ensure(ok: bool, problem: impl FnOnce() -> String) -> Result<(), Vec<String>> {
    if ok { Ok(()) } else { Err(vec![problem()]) }
}

fn project_properties(
    case: &Case,
    prior: Option<&[File]>,
    settings: &Settings,
    stats: &mut Stats,
    log: &mut Vec<Outcome>,
) -> Result<(), Vec<String>> {
    let tmp = tempfile::Builder::new()
        .prefix("confradar-fuzz-")
        .tempdir()
        .expect("a temp folder");
    let root = tmp.path().canonicalize().expect("canonical temp folder");
    let project = root.join("project");
    let mut rng = Rng::with_seed(case.seed ^ 0x0a72_6773);
    // Beside the project, or where people put it: inside, as `output/`.
    let inside = rng.u8(..100) < 20;
    let (out, out2) = if inside {
        (project.join("output"), project.join("output2"))
    } else {
        (root.join("out"), root.join("out2"))
    };
    let config = project.join("radar.toml");
    let mut base = vec!["--config".to_owned(), config.display().to_string()];
    if rng.u8(..100) < 15 {
        base.extend([
            "--reports".to_owned(),
            project.join("reports").display().to_string(),
        ]);
    }
    if rng.u8(..100) < 10 {
        base.push("-q".into());
    }
    let quiet = base.iter().any(|a| a == "-q");
    let with = |extra: &[&str]| -> Vec<String> {
        let mut args = base.clone();
        args.extend(strings(extra));
        args
    };
    let out_s = out.display().to_string();
    let out2_s = out2.display().to_string();

    if let Some(prior) = prior {
        write_files(&project, prior);
        std::fs::create_dir_all(project.join("reports")).expect("mkdir");
        let mut s = Session {
            timeout: settings.timeout,
            known: known(&project),
            log,
        };
        let b = s.run(&with(&["build", "--out", &out_s]))?;
        ensure(b.code == 0, || {
            "the unmutated case is valid, but its build failed".to_owned()
        })?;
        std::fs::remove_dir_all(&project).expect("clear the project");
    }
    write_files(&project, &case.files);
    std::fs::create_dir_all(project.join("reports")).expect("mkdir");
    let mut s = Session {
        timeout: settings.timeout,
        known: known(&project),
        log,
    };
    let before = support::tree(&root);
    // The cache of per-report counts is the one thing `check`, `mentions`
    // and a build may write beside the output.
    let cacheless = |mut tree: BTreeMap<String, Vec<u8>>| {
        tree.retain(|k, _| !k.starts_with("project/.confradar-cache/"));
        tree
    };
    let unchanged = |what: &str, before: &BTreeMap<String, Vec<u8>>| -> Result<(), Vec<String>> {
        let before = &cacheless(before.clone());
        let after = cacheless(support::tree(&root));
        ensure(&after == before, || {
            let changed: Vec<&String> = after
                .keys()
                .chain(before.keys())
                .filter(|k| after.get(*k) != before.get(*k))
                .collect();
            format!("`{what}` changed files: {changed:?}")
        })
    };

    // check
    let check = s.run(&with(&["check"]))?;
    unchanged("check", &before)?;
    stats.add(format!("check exit {}", check.code));
    match case.expect {
        Expect::Valid => ensure(check.code == 0, || "a valid project fails `check`".into())?,
        Expect::Invalid => ensure(check.code == 1, || {
            "a project with a fault passes `check`".into()
        })?,
        Expect::Any => {}
    }
    if check.code == 0 && rng.u8(..100) < 40 {
        let deny = s.run(&with(&["check", "--deny-warnings"]))?;
        let warned = check.stderr.lines().any(|l| l.starts_with("warning: "));
        ensure(deny.code == i32::from(warned), || {
            format!(
                "`check` warned: {warned}, `check --deny-warnings` exited {}",
                deny.code
            )
        })?;
    }
    // The real binary, for a few cases: the same bytes as in-process.
    if case.seed % 40 == 7 {
        let args = with(&["check"]);
        let spawned = runner::spawn(&root, &args, settings.timeout)
            .map_err(|a| vec![abnormal("spawned check", a)])?;
        ensure(
            (spawned.code, &spawned.stdout, &spawned.stderr)
                == (check.code, &check.stdout, &check.stderr),
            || format!("the binary printed something else than `run_with`:\n{spawned:?}"),
        )?;
        stats.add("spawned");
    }

    // mentions
    let by = *pick(&mut rng, &["quarter", "year", "report"]);
    let mentions = s.run(&with(&["mentions", "--format", "csv", "--by", by]))?;
    unchanged("mentions", &before)?;
    ensure(mentions.code == check.code, || {
        format!(
            "`check` exited {}, `mentions` {}",
            check.code, mentions.code
        )
    })?;
    if mentions.code == 0 {
        let header: &[&str] = if by == "report" {
            &["technology", "report", "date", "mentions"]
        } else {
            &["technology", "period", "mentions", "reports"]
        };
        let problems = props::csv_cells("mentions --format csv", &mentions.stdout, Some(header));
        ensure(problems.is_empty(), || problems.join("; "))?;
    }
    if rng.u8(..100) < 30 {
        let format = *pick(&mut rng, &["table", "json", "csv"]);
        let mut args = with(&[
            "mentions",
            "--format",
            format,
            "--by",
            *pick(&mut rng, &["quarter", "year", "report"]),
        ]);
        if !case.tech_ids.is_empty() && rng.bool() {
            args.extend(["--tech".to_owned(), pick(&mut rng, &case.tech_ids).clone()]);
        }
        let m = s.run(&args)?;
        if m.code == 0 && format == "json" {
            ensure(
                serde_json::from_str::<serde_json::Value>(&m.stdout).is_ok(),
                || "`mentions --format json` printed something that is not JSON".into(),
            )?;
        }
    }
    // diff of the radar file with itself
    if rng.u8(..100) < 25 {
        let c = config.display().to_string();
        let format = *pick(&mut rng, &["markdown", "text", "json"]);
        let d = s.run(&with(&["diff", &c, &c, "--exit-code", "--format", format]))?;
        unchanged("diff", &before)?;
        ensure(d.code <= 1, || {
            format!("`diff` of a file with itself exited {}", d.code)
        })?;
        ensure(check.code != 0 || d.code == 0, || {
            "`check` passes but `diff --exit-code` of the file with itself does not".into()
        })?;
        // (`check` may not get that far: exit 2 for a missing reports folder.)
        ensure(d.code == 0 || check.code != 0, || {
            "`diff` finds errors `check` does not".into()
        })?;
    }

    // build, sometimes of one edition, or with another trend count
    let mut build_args = vec!["build".to_owned(), "--out".to_owned(), out_s.clone()];
    if rng.u8(..100) < 15 && !case.editions.is_empty() {
        build_args.extend([
            "--edition".to_owned(),
            pick(&mut rng, &case.editions).clone(),
        ]);
    }
    if rng.u8(..100) < 15 {
        let top = *pick(&mut rng, &[1u32, 2, 5, 100, 65535]);
        build_args.extend(["--top".to_owned(), top.to_string()]);
    }
    let build_with = |out: &str| -> Vec<String> {
        let mut args = build_args.clone();
        args[2] = out.to_owned();
        with(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let build = s.run(&build_with(&out_s))?;
    stats.add(format!("build exit {}", build.code));
    // A mutated radar may no longer list the edition asked for.
    let edition_gone = build.code == 2 && build.stderr.starts_with("error: --edition: ");
    ensure(build.code == check.code || edition_gone, || {
        format!("`check` exited {}, `build` {}", check.code, build.code)
    })?;
    if build.code != 0 {
        return unchanged("a failed build", &before);
    }
    let first = support::tree(&out);
    let problems = props::output_folder(&out, &first);
    ensure(problems.is_empty(), || problems.join("\n"))?;
    if by == "quarter" && mentions.code == 0 {
        ensure(
            first.get("mentions.csv") == Some(&mentions.stdout.clone().into_bytes()),
            || "output mentions.csv differs from `mentions --format csv`".into(),
        )?;
    }
    let again = s.run(&build_with(&out2_s))?;
    ensure(again.code == 0, || {
        format!("a second build exited {}", again.code)
    })?;
    let second = support::tree(&out2);
    ensure(first == second, || {
        let differ: Vec<&String> = first
            .keys()
            .chain(second.keys())
            .filter(|k| first.get(*k) != second.get(*k))
            .collect();
        format!("two builds of one project differ: {differ:?}")
    })?;
    if !quiet {
        ensure(
            again.stdout == build.stdout.replace(&out_s, &out2_s),
            || "two builds printed different summaries".into(),
        )?;
    }
    let settled = support::tree(&root);
    let mut check_args = build_with(&out_s);
    check_args.push("--check".into());
    let up = s.run(&check_args)?;
    ensure(
        up.code == 0 && (quiet || up.stdout.contains("is up to date")),
        || format!("`build --check` right after `build` exited {}", up.code),
    )?;
    unchanged("build --check", &settled)?;
    stats.add("built");
    Ok(())
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

// --------------------------------------------------------------- config

/// Runs `f` on a thread with the time limit, catching a panic.
fn guarded<T: Send + 'static>(
    what: &str,
    timeout: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("fuzz-run-lib".into())
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r.map_err(|p| {
                p.downcast_ref::<&str>()
                    .map(std::string::ToString::to_string)
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            }));
        })
        .expect("a thread");
    match rx.recv_timeout(timeout) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(m)) => Err(format!("{what} panicked: {m}")),
        Err(_) => Err(format!(
            "{what} did not finish in {} s (a hang?)",
            timeout.as_secs()
        )),
    }
}

/// Every diagnostic names `name:LINE:COL` inside `bytes`, renders with that
/// place on its title line, and prints nothing raw.
fn diagnostics_problems(
    name: &str,
    bytes: &[u8],
    diagnostics: &[confradar::diagnostic::Diagnostic],
    line_col_required: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    files.insert(props::shown(name), (bytes.to_vec(), line_col_required));
    let known = props::Known {
        prefix: String::new(),
        files,
    };
    for d in diagnostics {
        let rendered = d.render();
        let title = rendered.lines().next().unwrap_or_default();
        let place = title
            .strip_prefix("error: ")
            .or_else(|| title.strip_prefix("warning: "));
        match place {
            None => problems.push(format!("a diagnostic renders as {title:?}")),
            Some(t) => {
                if let Some(p) = props::place_problem(t, &known) {
                    problems.push(format!("diagnostic `{title}` {p}"));
                }
            }
        }
        if let Some(c) = rendered.chars().find(|&c| props::is_forbidden(c)) {
            problems.push(format!("a diagnostic renders U+{:04X} raw", c as u32));
        }
    }
    problems
}

fn run_config(seed: u64, settings: &Settings, stats: &mut Stats) -> Result<(), Failure> {
    let case = generate::project(seed);
    let mut rng = Rng::with_seed(seed ^ 0x636f_6e66);
    let mut bytes = case.files[0].bytes.clone();
    let mut notes = case.notes.clone();
    let mutated = rng.u8(..100) < 70;
    if mutated {
        notes.extend(mutate::mutate(&mut rng, &mut bytes, 6));
    }
    let fail = |problems: Vec<String>, bytes: &[u8]| Failure {
        problems,
        outcomes: Vec::new(),
        files: vec![File {
            path: b"radar.toml".to_vec(),
            bytes: bytes.to_vec(),
        }],
        notes: notes.clone(),
    };
    let input = bytes.clone();
    let rendered = guarded("radar::from_bytes", settings.timeout, move || {
        type Loaded = Result<
            (
                confradar::input::radar::Radar,
                Vec<confradar::diagnostic::Diagnostic>,
            ),
            Vec<confradar::diagnostic::Diagnostic>,
        >;
        let r = confradar::input::radar::from_bytes("radar.toml", input.clone());
        let again = confradar::input::radar::from_bytes("radar.toml", input);
        let show = |r: &Loaded| -> Vec<String> {
            match r {
                Ok((_, d)) | Err(d) => d
                    .iter()
                    .map(confradar::diagnostic::Diagnostic::render)
                    .collect(),
            }
        };
        let same = show(&r) == show(&again);
        (r, same)
    })
    .map_err(|p| fail(vec![p], &bytes))?;
    let (result, same) = rendered;
    let mut problems = Vec::new();
    if !same {
        problems.push("two reads of one radar file gave different diagnostics".into());
    }
    let (diagnostics, radar) = match &result {
        Ok((radar, d)) => (d.as_slice(), Some(radar)),
        Err(d) => (d.as_slice(), None),
    };
    problems.extend(diagnostics_problems(
        "radar.toml",
        &bytes,
        diagnostics,
        true,
    ));
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == confradar::diagnostic::Severity::Error)
        .count();
    stats.add(if radar.is_none() {
        "syntax error"
    } else if errors > 0 {
        "read with errors"
    } else {
        "read clean"
    });
    if !mutated && case.expect == Expect::Valid && errors > 0 {
        problems.push("the radar file of a valid project has errors".into());
    }
    if let (Some(radar), 0) = (radar, errors) {
        problems.extend(model_problems(radar));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(fail(problems, &bytes))
    }
}

/// What a radar read without errors promises the rest of the program.
fn model_problems(radar: &confradar::input::radar::Radar) -> Vec<String> {
    let mut problems = Vec::new();
    if radar.editions.is_empty() || radar.editions.windows(2).any(|w| w[0] >= w[1]) {
        problems.push(format!(
            "editions {:?} are not strictly ascending",
            radar.editions
        ));
    }
    if radar.rings.is_empty()
        || radar.rings.len() > 6
        || radar.quadrants.is_empty()
        || radar.quadrants.len() > 8
    {
        problems.push("rings or quadrants out of range".into());
    }
    for t in &radar.technologies {
        let id_ok = !t.id.is_empty()
            && t.id.len() <= 64
            && t.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !t.id.starts_with('-');
        if !id_ok {
            problems.push(format!("technology id {:?} passed", t.id));
        }
        if t.quadrant >= radar.quadrants.len() {
            problems.push(format!("{}: quadrant index out of range", t.id));
        }
        for text in std::iter::once(&t.name).chain(&t.aliases) {
            if text.chars().any(confradar::text::is_unsafe_char)
                || confradar::text::normalize_phrase(text).is_empty()
            {
                problems.push(format!("{}: the spelling {text:?} passed", t.id));
            }
        }
        if let Some(link) = &t.link
            && !(link.to_ascii_lowercase().starts_with("http://")
                || link.to_ascii_lowercase().starts_with("https://"))
        {
            problems.push(format!("{}: the link {link:?} passed", t.id));
        }
        if t.placements.is_empty() {
            problems.push(format!("{}: no placements passed", t.id));
        }
        for w in t.placements.windows(2) {
            if w[0].edition >= w[1].edition {
                problems.push(format!("{}: placements out of order passed", t.id));
            }
        }
        for p in &t.placements {
            if p.edition >= radar.editions.len() || p.ring.is_some_and(|r| r >= radar.rings.len()) {
                problems.push(format!("{}: a placement index is out of range", t.id));
            }
        }
    }
    problems
}

// -------------------------------------------------------------- reports

fn run_report(seed: u64, settings: &Settings, stats: &mut Stats) -> Result<(), Failure> {
    let case = generate::project(seed);
    let mut rng = Rng::with_seed(seed ^ 0x7265_706f);
    let reports: Vec<&File> = case.files.iter().skip(1).collect();
    let (path, mut bytes) = if reports.is_empty() {
        (b"reports/empty.md".to_vec(), Vec::new())
    } else {
        let f = pick(&mut rng, &reports);
        (f.path.clone(), f.bytes.clone())
    };
    let mut notes = case.notes.clone();
    if rng.u8(..100) < 70 {
        notes.extend(mutate::mutate(&mut rng, &mut bytes, 6));
    }
    let name = String::from_utf8_lossy(&path).into_owned();
    let file_name = name.rsplit('/').next().unwrap_or_default().to_owned();
    let fail = |problems: Vec<String>| Failure {
        problems,
        outcomes: Vec::new(),
        files: vec![File {
            path: path.clone(),
            bytes: bytes.clone(),
        }],
        notes: notes.clone(),
    };
    let (input, shown, fname) = (bytes.clone(), name.clone(), file_name.clone());
    let result = guarded("report::decode and parse", settings.timeout, move || {
        let decoded = confradar::corpus::report::decode(&shown, input.clone());
        let parsed = decoded.as_ref().ok().map(|text| {
            let source = confradar::diagnostic::SourceFile::new(shown.clone(), text.clone());
            let parsed = confradar::corpus::report::parse(&source, &fname);
            let normalized = parsed.as_ref().ok().map(|r| {
                let n = confradar::text::NormalizedText::new(r.body(), r.body_line);
                let probe = n.text.chars().take(8).collect::<String>();
                let at = n.find_phrase(&confradar::text::normalize_phrase(&probe));
                (n.text.len(), at.map(|a| n.line_of(a)))
            });
            (source, parsed, normalized)
        });
        (decoded, parsed)
    })
    .map_err(|p| fail(vec![p]))?;
    let (decoded, parsed) = result;
    let mut problems = Vec::new();
    match (&decoded, &parsed) {
        (Err(d), _) => {
            stats.add("not decoded");
            problems.extend(diagnostics_problems(
                &name,
                &bytes,
                std::slice::from_ref(d),
                false,
            ));
            if !bytes.contains(&0)
                && std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
                    .is_ok()
            {
                problems.push("valid UTF-8 without a NUL was refused".into());
            }
        }
        (Ok(text), Some((source, parsed, normalized))) => {
            let plain = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            if std::str::from_utf8(plain).is_ok_and(|t| t != text) {
                problems.push("UTF-8 text was changed by decoding".into());
            }
            if text.contains('\0') {
                problems.push("decoded text holds a NUL".into());
            }
            match parsed {
                Err(d) => {
                    stats.add("parse error");
                    problems.extend(diagnostics_problems(
                        &name,
                        &bytes,
                        std::slice::from_ref(d),
                        false,
                    ));
                }
                Ok(r) => {
                    stats.add("parsed");
                    if !r.source.text.is_char_boundary(r.body_start)
                        || r.body_start > r.source.text.len()
                    {
                        problems.push(format!("body_start {} is not in the text", r.body_start));
                    } else if r.body_line != r.source.text[..r.body_start].matches('\n').count() + 1
                    {
                        problems.push(format!("body_line {} is wrong", r.body_line));
                    }
                    if r.meta.date.is_none() {
                        problems.push("a report without a date parsed".into());
                    }
                    if let Some((_, Some(line))) = normalized {
                        let lines = source.text.matches('\n').count() + 1;
                        if *line < r.body_line || *line > lines {
                            problems.push(format!(
                                "a phrase was found at line {line}, outside the body"
                            ));
                        }
                    }
                }
            }
        }
        (Ok(_), None) => unreachable!("decoded text is parsed"),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(fail(problems))
    }
}

// ---------------------------------------------------------------- tests

/// Whole projects through every command.
#[test]
fn projects() {
    if let Some(stats) = drive("projects", 100, 0.1, run_project) {
        // The generator must reach every outcome, or the properties above
        // hold only vacuously.
        let cases = 100.0;
        for (label, share) in [
            ("check exit 0", 0.15),
            ("check exit 1", 0.15),
            ("built", 0.15),
            ("spawned", 0.01),
        ] {
            assert!(
                stats.get(label) as f64 >= cases * share,
                "only {} of {cases} cases had `{label}`: {}",
                stats.get(label),
                stats.summary()
            );
        }
    }
}

/// Radar files straight into `radar::from_bytes`.
#[test]
fn config() {
    if let Some(stats) = drive("config", 800, 0.45, run_config) {
        for label in ["syntax error", "read with errors", "read clean"] {
            assert!(
                stats.get(label) >= 50,
                "too few `{label}`: {}",
                stats.summary()
            );
        }
    }
}

/// Report bytes straight into `report::decode` and `report::parse`.
#[test]
fn report() {
    if let Some(stats) = drive("report", 1200, 0.45, run_report) {
        for label in ["not decoded", "parse error", "parsed"] {
            assert!(
                stats.get(label) >= 50,
                "too few `{label}`: {}",
                stats.summary()
            );
        }
    }
}

/// The suite's own machinery catches what it exists for: a panic inside a
/// run is reported rather than fatal, and a run that does not return is
/// timed out.
#[test]
fn the_runner_catches_panics_and_hangs() {
    runner::install_panic_hook();
    let panicked = guarded("a panicking closure", Duration::from_secs(5), || -> () {
        panic!("boom")
    });
    assert!(panicked.is_err_and(|e| e.contains("boom")));
    let hung = guarded("a sleeping closure", Duration::from_millis(50), || {
        std::thread::sleep(Duration::from_secs(2));
    });
    assert!(hung.is_err_and(|e| e.contains("a hang?")));
    // A missing config is exit 2 in-process, like the binary.
    let missing = runner::run(
        &strings(&["--config", "/nonexistent/radar.toml", "check"]),
        Duration::from_secs(15),
    )
    .ok()
    .map(|o| o.code);
    assert_eq!(missing, Some(2));
}

// ------------------------------------------------- regressions found here

/// Found by `projects` with hostile file names: a report's id is its file
/// name, which may hold ESC, BEL or a line break, and `mentions --by
/// report` printed it raw in the table and in CSV, so a file named
/// `2019-07-22-\x1b]0;owned\x07.md` set the terminal's title. Such names
/// are now refused, named with the characters escaped.
#[test]
fn report_ids_with_control_characters_are_not_printed_raw() {
    let p = support::Project::new().file(
        "reports/2019-07-22-x\u{1b}]0;owned\u{7}y.md",
        "Istio and the Traffic Management notes.\n",
    );
    for format in ["table", "csv"] {
        let out = p.run(&["mentions", "--by", "report", "--format", format]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            !out.stdout.contains(['\u{1b}', '\u{7}']) && !out.stderr.contains(['\u{1b}', '\u{7}']),
            "--format {format} printed {:?} {:?}",
            out.stdout,
            out.stderr
        );
        assert!(
            out.stderr.contains(
                "error: reports/2019-07-22-x\\u{1b}]0;owned\\u{7}y.md: the name contains"
            ),
            "{}",
            out.stderr
        );
    }
}
