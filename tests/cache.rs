//! The cache of per-report counts, through the binary: a warm run prints
//! and writes what a cold run and a `--no-cache` run do, and whatever
//! happened to the reports, the radar or the cache file in between (an
//! edit that kept the size and the modified time, a new alias, a truncated,
//! random, hand-edited or foreign cache), the counts are those of
//! `--no-cache`. The folder is confradar's alone: a folder of the user's at
//! its place is not touched, and `cache clear` removes only what confradar
//! wrote.

mod support;

use std::path::Path;
use std::time::{Duration, SystemTime};

use support::{Project, tree};

/// The cache file in the default folder.
const CACHE: &str = ".confradar-cache/counts.bin";

/// A radar of three technologies and six reports: one backing evidence
/// (its text is kept, so it is never cached), one empty (a warning every
/// run), one in Shift JIS, one dated by its file name only.
fn project() -> Project {
    let p = Project::new().append_radar(
        r#"
[technologies.envoy]
name = "Envoy"
quadrant = "platforms"

[[technologies.envoy.placements]]
edition = "2024-Q3"
ring = "trial"
why = "Everywhere."

[technologies.kubernetes]
name = "Kubernetes"
aliases = ["k8s"]
quadrant = "platforms"

[[technologies.kubernetes.placements]]
edition = "2024-Q3"
ring = "adopt"
why = "Everywhere."
"#,
    );
    let (sjis, _, _) = encoding_rs::SHIFT_JIS
        .encode("+++\ndate = 2020-02-03\n+++\nKubernetes と Envoy を本番で使う。k8s は難しい。\n");
    p.file(
        "reports/2019-09-01-kubecon.md",
        "+++\ntitle = \"KubeCon\"\n+++\nEnvoy と Istio、Kubernetes、k8s、K8S。\n",
    )
    .file(
        "reports/2021/2021-05-kubecon.txt",
        "Envoy Envoy Envoy。Istio は k8s の上で。\n",
    )
    .file("reports/2022-01-10-empty.md", "+++\n+++\n")
    .bytes("reports/2020-02-03-sjis.md", &sjis)
    .file(
        "reports/2023-11-20-cloudnative.md",
        "+++\ndate = 2023-11-20\n+++\nKubernetes Kubernetes と Istio\n",
    )
}

/// What every command this suite compares prints, with `extra` options
/// (`--no-cache`) before each: stdout and stderr of each.
fn outputs(p: &Project, extra: &[&str]) -> Vec<(String, String)> {
    let commands: [&[&str]; 5] = [
        &["mentions", "--format", "csv"],
        &["mentions", "--format", "csv", "--by", "report"],
        &["mentions", "--format", "json", "--by", "year"],
        &["mentions"],
        &["check", "--verbose"],
    ];
    commands
        .iter()
        .map(|args| {
            let out = p.run(&[extra, args].concat());
            assert_eq!(out.code, 0, "{args:?}: {out:?}");
            assert!(!out.stderr.contains("panicked"), "{out:?}");
            (out.stdout, out.stderr)
        })
        .collect()
}

/// `mentions --by report` as CSV, with the cache unless `--no-cache` is
/// among `extra`.
fn by_report(p: &Project, extra: &[&str]) -> String {
    let out = p.run(&[extra, &["mentions", "--format", "csv", "--by", "report"]].concat());
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    out.stdout
}

/// Asserts the cached run counts as an uncached one, and returns the counts.
fn counts_match_no_cache(p: &Project) -> String {
    let fresh = by_report(p, &["--no-cache"]);
    assert_eq!(by_report(p, &[]), fresh, "the cache gave other counts");
    fresh
}

/// Sets a file's modified time.
fn set_mtime(path: &Path, when: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(when))
        .expect("set the modified time");
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("modified time")
}

#[test]
fn warm_runs_print_and_write_what_cold_and_uncached_runs_do() {
    let p = project();
    let uncached = outputs(&p, &["--no-cache"]);
    p.build(&["--no-cache", "--out", "uncached"]);
    assert!(
        !p.join(".confradar-cache").exists(),
        "--no-cache wrote a cache"
    );
    // The first run writes the cache; the ones after it read it.
    let cold = outputs(&p, &[]);
    assert!(p.join(CACHE).is_file());
    let warm = outputs(&p, &[]);
    assert_eq!(cold, uncached);
    assert_eq!(warm, uncached);
    // The empty report's warning is printed on a warm run too.
    assert!(warm[0].1.contains("the report is empty"), "{}", warm[0].1);
    p.build(&["--out", "cold"]);
    p.build(&["--out", "warm"]);
    let uncached = tree(&p.join("uncached"));
    assert_eq!(tree(&p.join("cold")), uncached);
    assert_eq!(tree(&p.join("warm")), uncached);
    // Kept out of git, and marked as a cache.
    assert_eq!(
        p.read(".confradar-cache/.gitignore").lines().last(),
        Some("*")
    );
    assert!(
        p.read(".confradar-cache/CACHEDIR.TAG")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
    // `build --check` reads the cache and writes nothing.
    let before = tree(p.path());
    let check = p.run(&["build", "--check", "--out", "warm"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_eq!(before, tree(p.path()));
}

#[test]
fn a_new_alias_counts_again() {
    let p = project();
    let before = counts_match_no_cache(&p);
    p.edit(
        "radar.toml",
        r#"name = "Envoy""#,
        "name = \"Envoy\"\naliases = [\"本番\"]",
    );
    let after = counts_match_no_cache(&p);
    assert_ne!(before, after, "the new alias found nothing");
    assert!(
        after.contains("envoy,2020-02-03-sjis,2020-02-03,2"),
        "{after}"
    );
}

#[test]
fn an_edit_that_keeps_the_size_and_the_modified_time_counts_again() {
    let p = project();
    let path = p.join("reports/2023-11-20-cloudnative.md");
    // Old enough that the cache trusts it by its metadata alone.
    let past = SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    set_mtime(&path, past);
    let before = counts_match_no_cache(&p);
    assert!(
        before.contains("kubernetes,2023-11-20-cloudnative,2023-11-20,2"),
        "{before}"
    );
    // Touched, not changed: read and hashed, the counts kept, the entry
    // rewritten with the new metadata (and read back sound next time).
    let cache = std::fs::read(p.join(CACHE)).expect("the cache");
    set_mtime(&path, past + Duration::from_secs(3600));
    assert_eq!(counts_match_no_cache(&p), before);
    assert_ne!(std::fs::read(p.join(CACHE)).expect("the cache"), cache);
    assert_eq!(counts_match_no_cache(&p), before);
    set_mtime(&path, past);
    // Same length, other words, the modified time set back.
    let text = p.read("reports/2023-11-20-cloudnative.md");
    p.write(
        "reports/2023-11-20-cloudnative.md",
        text.replace("Kubernetes Kubernetes", "Kubernetes Envoy0000000"),
    );
    set_mtime(&path, past);
    assert_eq!(mtime(&path), past);
    let after = counts_match_no_cache(&p);
    assert!(
        after.contains("kubernetes,2023-11-20-cloudnative,2023-11-20,1"),
        "{after}"
    );
    // And a new size.
    p.write(
        "reports/2023-11-20-cloudnative.md",
        "+++\ndate = 2023-11-20\n+++\nEnvoy Envoy Envoy Envoy\n",
    );
    let after = counts_match_no_cache(&p);
    assert!(
        after.contains("envoy,2023-11-20-cloudnative,2023-11-20,4"),
        "{after}"
    );
    assert!(!after.contains("kubernetes,2023-11-20"), "{after}");
}

#[test]
fn a_truncated_random_or_hand_edited_cache_is_counted_afresh() {
    let p = project();
    let fresh = counts_match_no_cache(&p);
    let good = std::fs::read(p.join(CACHE)).expect("the cache");
    // The last entry's last count sits just before the 8-byte checksum:
    // one count changed in place, as a hand edit would.
    let mut edited = good.clone();
    let at = edited.len() - 9;
    assert!((1..100).contains(&edited[at]), "a small count at {at}");
    edited[at] += 1;
    let mut rng = fastrand::Rng::with_seed(16);
    let random: Vec<u8> = (0..good.len()).map(|_| rng.u8(..)).collect();
    let cases: [(&str, Vec<u8>); 5] = [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("random bytes", random),
        ("one count edited", edited),
        ("header only", good[..40].to_vec()),
    ];
    for (what, bytes) in cases {
        std::fs::write(p.join(CACHE), &bytes).expect("write the cache");
        assert_eq!(by_report(&p, &[]), fresh, "{what}");
        // The damaged file was replaced by a sound one.
        assert_ne!(
            std::fs::read(p.join(CACHE)).expect("cache"),
            bytes,
            "{what}"
        );
    }
}

#[test]
fn a_cache_of_another_version_is_not_used() {
    let p = project();
    let fresh = counts_match_no_cache(&p);
    let mut bytes = std::fs::read(p.join(CACHE)).expect("the cache");
    // The version follows the magic, the format and the rule version, and
    // the checksum is recomputed: a whole file another confradar wrote.
    let version = env!("CARGO_PKG_VERSION");
    let at = 16 + 4 + 4;
    assert_eq!(usize::from(bytes[at]), version.len());
    assert_eq!(&bytes[at + 1..at + 1 + version.len()], version.as_bytes());
    bytes[at + 1] = b'9';
    // A count raised, so that using the file would show.
    let count = bytes.len() - 9;
    bytes[count] += 1;
    let body = bytes.len() - 8;
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[..body]);
    bytes[body..].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(p.join(CACHE), &bytes).expect("write the cache");
    assert_eq!(by_report(&p, &[]), fresh);
}

#[test]
fn a_folder_of_the_users_at_the_caches_place_is_left_alone() {
    let p = project().file(".confradar-cache/counts.bin", "my own notes\n");
    let fresh = by_report(&p, &["--no-cache"]);
    assert_eq!(by_report(&p, &[]), fresh);
    assert_eq!(p.read(CACHE), "my own notes\n");
    let clear = p.run(&["cache", "clear"]);
    assert_eq!(clear.code, 2, "{clear:?}");
    assert!(
        clear.stderr.contains("not a cache confradar made"),
        "{clear:?}"
    );
    assert_eq!(p.read(CACHE), "my own notes\n");
}

#[test]
fn cache_clear_removes_only_what_confradar_wrote() {
    let p = project();
    by_report(&p, &[]);
    let path = p.run(&["cache", "path"]);
    assert_eq!(path.stdout, "./.confradar-cache\n", "{path:?}");
    let clear = p.run(&["cache", "clear"]);
    assert_eq!(clear.code, 0, "{clear:?}");
    assert_eq!(clear.stdout, "removed the cache ./.confradar-cache\n");
    assert!(!p.join(".confradar-cache").exists());
    assert_eq!(
        p.run(&["cache", "clear"]).stdout,
        "no cache at ./.confradar-cache\n"
    );
    // A file of the user's put in the folder is kept, and so the folder.
    by_report(&p, &[]);
    p.write(".confradar-cache/mine.txt", "mine");
    let clear = p.run(&["cache", "clear"]);
    assert_eq!(clear.code, 0, "{clear:?}");
    assert!(
        clear
            .stdout
            .contains("kept ./.confradar-cache for 1 file confradar did not write: mine.txt"),
        "{clear:?}"
    );
    assert_eq!(p.read(".confradar-cache/mine.txt"), "mine");
    assert!(!p.join(CACHE).exists());
}

#[test]
fn cache_dir_keeps_one_folder_per_project_outside_it() {
    let p = project();
    let shared = tempfile::tempdir().expect("tmp");
    let dir = shared.path().display().to_string();
    let fresh = by_report(&p, &["--no-cache"]);
    assert_eq!(by_report(&p, &["--cache-dir", &dir]), fresh);
    assert_eq!(by_report(&p, &["--cache-dir", &dir]), fresh);
    assert!(!p.join(".confradar-cache").exists());
    let folders = support::entries(shared.path());
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert!(shared.path().join(&folders[0]).join("counts.bin").is_file());
    // The environment variable does the same.
    let out = p
        .command("", &["cache", "path"])
        .env("CONFRADAR_CACHE_DIR", shared.path())
        .output()
        .expect("run");
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        printed.trim_end(),
        shared.path().join(&folders[0]).display().to_string()
    );
}

#[test]
fn runs_at_once_leave_a_sound_cache() {
    let p = project();
    let fresh = by_report(&p, &["--no-cache"]);
    for round in 0..3 {
        // A changed report each round, so that every run writes.
        p.write(
            "reports/2021/2021-05-kubecon.txt",
            "Envoy ".repeat(round + 1),
        );
        let children: Vec<_> = (0..4)
            .map(|_| {
                p.command("", &["mentions", "--format", "csv", "--by", "report"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let outs: Vec<String> = children
            .into_iter()
            .map(|c| String::from_utf8(c.wait_with_output().expect("wait").stdout).expect("UTF-8"))
            .collect();
        let now = by_report(&p, &["--no-cache"]);
        assert_ne!(now, fresh);
        for out in outs {
            assert_eq!(out, now, "round {round}");
        }
        assert_eq!(by_report(&p, &[]), now, "round {round}");
    }
    // No temporary file is left behind.
    assert_eq!(
        support::entries(&p.join(".confradar-cache")),
        [".gitignore", "CACHEDIR.TAG", "counts.bin"]
    );
}

#[test]
fn build_check_writes_no_cache() {
    let p = project();
    p.build(&[]);
    std::fs::remove_dir_all(p.join(".confradar-cache")).expect("the build made a cache");
    let check = p.run(&["build", "--check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        !p.join(".confradar-cache").exists(),
        "build --check writes nothing, the cache included"
    );
}
