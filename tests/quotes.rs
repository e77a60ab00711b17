//! `confradar quotes`: the sentences that mention a technology, newest
//! report first, and `--format toml` entries that `check` accepts when
//! pasted into radar.toml.
//!
//! The paste test runs on the shipped example (the repository's own
//! radar.toml and reports/), every technology of it.

mod support;

use std::path::Path;

use support::Project;

/// A copy of the shipped example: the repository's radar.toml and reports.
fn shipped() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = Project::empty().bytes(
        "radar.toml",
        &std::fs::read(root.join("radar.toml")).expect("the shipped radar.toml"),
    );
    for (rel, bytes) in support::tree(&root.join("reports")) {
        if !rel.ends_with('/') {
            p.write(&format!("reports/{rel}"), bytes);
        }
    }
    p
}

/// The ids of the radar's technologies, in file order.
fn technology_ids(radar: &str) -> Vec<String> {
    let value: toml::Table = radar.parse().expect("the radar is TOML");
    value["technologies"]
        .as_table()
        .expect("technologies")
        .keys()
        .cloned()
        .collect()
}

/// The number `check` prints before "evidence quotes verified".
fn verified(check: &str) -> usize {
    let (before, _) = check
        .split_once(" evidence quotes verified")
        .expect("the ok line");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count")
}

#[test]
fn every_quote_printed_for_every_technology_passes_check_when_pasted() {
    let p = shipped();
    let before = p.run(&["check"]);
    assert_eq!(before.code, 0, "{before:?}");
    let radar = p.read("radar.toml");
    let ids = technology_ids(&radar);
    // A new edition after every report, so any report may back it.
    let added = p.run(&["edition", "add", "2099-Q1"]);
    assert_eq!(added.code, 0, "{added:?}");
    let mut pasted = String::new();
    let mut quotes = 0;
    for id in &ids {
        let out = p.run(&["quotes", id, "--format", "toml"]);
        assert_eq!(out.code, 0, "{id}: {out:?}");
        assert!(out.stdout.starts_with("evidence = ["), "{}", out.stdout);
        quotes += out.stdout.matches("quote = ").count();
        pasted.push_str(&format!(
            "\n[[technologies.{id}.placements]]\nedition = \"2099-Q1\"\nring = \"adopt\"\n{}",
            out.stdout
        ));
    }
    assert!(
        quotes > 100,
        "only {quotes} quotes for {} technologies",
        ids.len()
    );
    let edited = p.read("radar.toml") + &pasted;
    p.write("radar.toml", &edited);
    let after = p.run(&["check"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(verified(&after.stdout), verified(&before.stdout) + quotes);
}

#[test]
fn quotes_are_listed_newest_report_first_with_their_lines() {
    let p = Project::new()
        .file(
            "reports/2024-08-01-kubeday.md",
            "# KubeDay\n\n前置き。Istio は標準構成になった。以上。\n\n```\nistio in code\n```\nSee https://istio.io/ for Istio docs.\n",
        );
    let out = p.run(&["quotes", "istio"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "2024-08-01-kubeday:3: Istio は標準構成になった。\n\
         2024-08-01-kubeday:8: See for Istio docs.\n\
         2019-07-22-cndt:4: Istio の Traffic Management を試した。\n\
         3 quotes of `istio` in 2 reports\n"
    );
    let older = p.run(&[
        "quotes",
        "istio",
        "--edition",
        "2019-Q3",
        "--format",
        "toml",
    ]);
    assert_eq!(
        older.stdout,
        "evidence = [\n  { report = \"2019-07-22-cndt\", quote = \"Istio の Traffic Management を試した。\" },\n]\n"
    );
    let limited = p.run(&["quotes", "istio", "--limit", "1"]);
    assert_eq!(
        limited.stdout,
        "2024-08-01-kubeday:3: Istio は標準構成になった。\n1 quote of `istio` in 1 report\n"
    );
}

#[test]
fn an_unknown_id_is_an_error_naming_the_nearest() {
    let p = Project::new();
    let out = p.run(&["quotes", "isito"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("no technology `isito` in the radar; did you mean `istio`?"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}
