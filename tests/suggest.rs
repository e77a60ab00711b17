//! `confradar suggest`: unplaced names counted as `mentions` counts them,
//! the guesses, the signals on placed technologies, `[suggest]`, and the
//! table and JSON it prints.

mod support;

use std::path::Path;

use serde_json::Value;
use support::Project;

/// The shipped example: the repository's radar.toml and reports.
fn shipped() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut p = Project::empty().file(
        "radar.toml",
        &std::fs::read_to_string(root.join("radar.toml")).expect("radar.toml"),
    );
    for entry in std::fs::read_dir(root.join("reports")).expect("reports") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        p = p.file(
            &format!("reports/{name}"),
            &std::fs::read_to_string(&path).expect("report"),
        );
    }
    p
}

/// Runs `suggest` with `args` and `--format json`; asserts it succeeds.
fn suggestions(p: &Project, args: &[&str]) -> Vec<Value> {
    let out = p.run(&[&["suggest", "--format", "json"], args].concat());
    assert_eq!(out.code, 0, "{out:?}");
    let Value::Array(items) = serde_json::from_str(&out.stdout).expect("json") else {
        panic!("not an array: {}", out.stdout);
    };
    items
}

/// The suggestion of `kind` named `name`.
fn find<'a>(items: &'a [Value], kind: &str, name: &str) -> Option<&'a Value> {
    items
        .iter()
        .find(|s| s["kind"] == kind && s["name"] == name)
}

/// `mentions` of `id` over the quarters after `since`: (mentions, reports).
fn mentioned_after(p: &Project, id: &str, since: &str) -> (u64, u64) {
    let out = p.run(&["mentions", "--format", "json", "--tech", id]);
    assert_eq!(out.code, 0, "{out:?}");
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).expect("json");
    rows.iter()
        .filter(|r| r["period"].as_str().expect("period") > since)
        .fold((0, 0), |(m, n), r| {
            (
                m + r["mentions"].as_u64().expect("mentions"),
                n + r["reports"].as_u64().expect("reports"),
            )
        })
}

#[test]
fn a_technology_taken_off_the_radar_is_unplaced_with_the_count_mentions_gave_it() {
    let p = shipped();
    let all = mentioned_after(&p, "prometheus", "2000-Q1");
    let later = mentioned_after(&p, "prometheus", "2019-Q3");
    assert!(all.0 > later.0 && later.0 > 0, "{all:?} {later:?}");
    // Take the whole [technologies.prometheus] table out.
    let radar = p.read("radar.toml");
    let start = radar.find("[technologies.prometheus]").expect("table");
    let end = start + radar[start..].find("[technologies.grafana]").expect("next");
    p.write(
        "radar.toml",
        format!("{}{}", &radar[..start], &radar[end..]),
    );
    for (since, (mentions, reports)) in [("2000-Q1", all), ("2019-Q3", later)] {
        let items = suggestions(&p, &["--since", since]);
        let s = find(&items, "unplaced", "Prometheus").expect("unplaced");
        assert_eq!(s["mentions"], mentions, "{s}");
        assert_eq!(s["reports"], reports, "{s}");
        assert_eq!(s["since"], since);
        assert_eq!(s["id"], Value::Null);
        assert_eq!(
            s["report_ids"].as_array().expect("ids").len() as u64,
            reports
        );
    }
    // Placed, it is not suggested as unplaced.
    let before = shipped();
    let items = suggestions(&before, &["--since", "2000-Q1"]);
    assert!(find(&items, "unplaced", "Prometheus").is_none());
}

/// A radar of three editions with technologies shaped for each signal, and
/// reports before and after its current edition.
fn signals_project() -> Project {
    let radar = r#"[radar]
title = "Signals"
editions = ["2024-Q1", "2024-Q2", "2024-Q3"]

[technologies.zeta]
name = "Zeta"
quadrant = "tools"
[[technologies.zeta.placements]]
edition = "2024-Q1"
ring = "hold"
evidence = [{ report = "2024-01-10-r1" }]

[technologies.delta]
name = "Delta"
quadrant = "tools"
[[technologies.delta.placements]]
edition = "2024-Q1"
ring = "hold"
evidence = [{ report = "2024-01-10-r1" }]

[technologies.alpha]
name = "Alpha"
quadrant = "tools"
[[technologies.alpha.placements]]
edition = "2024-Q1"
ring = "adopt"
evidence = [{ report = "2024-01-10-r1" }]

[technologies.beta]
name = "Beta"
quadrant = "tools"
[[technologies.beta.placements]]
edition = "2024-Q3"
ring = "trial"

[technologies.gamma]
name = "Gamma"
quadrant = "tools"
[[technologies.gamma.placements]]
edition = "2024-Q1"
ring = "assess"
evidence = [{ report = "2024-01-10-r1", quote = "Gamma" }]
"#;
    let report = |body: &str| format!("+++\ntitle = \"t\"\n+++\n{body}\n");
    Project::empty()
        .file("radar.toml", radar)
        .file(
            "reports/2024-01-10-r1.md",
            &report("Zeta と Delta と Alpha と Gamma。"),
        )
        .file("reports/2024-04-10-r2.md", &report("Delta を見た。"))
        .file("reports/2024-07-10-r3.md", &report("Delta の話。"))
        .file(
            "reports/2024-10-01-a.md",
            &report("Zeta と Zeta、Delta、Beta。Zylo を試した。"),
        )
        .file(
            "reports/2024-10-02-b.md",
            &report("Zeta と Zeta、Delta。Zylo と `Qux` と Karpenter。"),
        )
        .file(
            "reports/2024-10-03-c.md",
            &report("Delta のみ。Karpenter も。"),
        )
        .file("reports/2024-10-04-d.md", &report("Delta のみ。"))
        .file("reports/2024-10-05-e.md", &report("何もない。"))
}

#[test]
fn signals_are_rates_per_report_and_name_where_to_look() {
    let p = signals_project();
    let items = suggestions(&p, &["--stale-after", "2"]);
    // Zeta: 4 mentions in 5 new reports against 1 in the 3 of the year
    // before: rising.
    let zeta = find(&items, "rising", "Zeta").expect("rising");
    assert_eq!(zeta["id"], "zeta");
    assert_eq!(zeta["mentions"], 4);
    assert_eq!(zeta["reports"], 2);
    assert_eq!(zeta["since"], "2024-Q3");
    assert_eq!(
        zeta["report_ids"],
        serde_json::json!(["2024-10-01-a", "2024-10-02-b"])
    );
    // Delta is mentioned more often than before (4 against 3), but in
    // more reports: 0.8 per report against 1.0 is no rise.
    assert!(find(&items, "rising", "Delta").is_none(), "{items:?}");
    // Alpha, on Adopt, is not mentioned after 2024-Q1.
    let alpha = find(&items, "silent", "Alpha").expect("silent");
    assert_eq!(alpha["mentions"], 0);
    assert_eq!(alpha["since"], "2024-Q1");
    assert_eq!(alpha["report_ids"], serde_json::json!(["2024-01-10-r1"]));
    // Beta has no evidence; its new mention is where to find some.
    let beta = find(&items, "no-evidence", "Beta").expect("no evidence");
    assert_eq!(beta["report_ids"], serde_json::json!(["2024-10-01-a"]));
    // Gamma's only evidence is two editions old.
    let gamma = find(&items, "stale-evidence", "Gamma").expect("stale");
    assert!(
        gamma["detail"]
            .as_str()
            .expect("detail")
            .contains("2 editions"),
        "{gamma}"
    );
    assert!(find(&suggestions(&p, &[]), "stale-evidence", "Gamma").is_none());
    // Guesses: Zylo is in two new reports; `Qux` is code; Karpenter is in
    // the dictionary, so it is unplaced rather than guessed.
    let zylo = find(&items, "candidate", "Zylo").expect("candidate");
    assert_eq!(zylo["reports"], 2);
    assert!(items.iter().all(|s| s["name"] != "Qux"));
    assert_eq!(
        find(&items, "unplaced", "Karpenter").expect("unplaced")["reports"],
        2
    );
    // Kinds come in one order.
    let order = [
        "unplaced",
        "candidate",
        "rising",
        "silent",
        "stale-evidence",
        "no-evidence",
    ];
    let ranks: Vec<usize> = items
        .iter()
        .map(|s| order.iter().position(|k| s["kind"] == *k).expect("kind"))
        .collect();
    assert!(ranks.is_sorted(), "{ranks:?}");
}

#[test]
fn the_table_groups_by_kind_under_a_heading() {
    let p = signals_project();
    let out = p.run(&["suggest", "--stale-after", "2"]);
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn known_names_become_unplaced_and_ignored_ones_are_not_suggested() {
    let p = signals_project();
    let radar = p.read("radar.toml");
    p.write(
        "radar.toml",
        format!("{radar}\n[suggest]\nknown = [\"Zylo\"]\nignore = [\"karpenter\"]\n"),
    );
    let items = suggestions(&p, &[]);
    assert_eq!(
        find(&items, "unplaced", "Zylo").expect("known")["mentions"],
        2
    );
    assert!(find(&items, "candidate", "Zylo").is_none());
    assert!(items.iter().all(|s| s["name"] != "Karpenter"), "{items:?}");
}

#[test]
fn a_bad_suggest_table_is_an_error_at_its_place() {
    let p = signals_project();
    let radar = p.read("radar.toml");
    p.write(
        "radar.toml",
        format!("{radar}\n[suggest]\nknwon = [\"Zylo\"]\n"),
    );
    let out = p.run(&["suggest"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("unknown key `knwon`"), "{}", out.stderr);
    assert!(out.stderr.contains("radar.toml:45:1"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let out = p.run(&["suggest", "--since", "--format"]);
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn a_report_dated_later_in_its_front_matter_than_in_its_name_is_read_for_guesses() {
    let p = signals_project();
    p.write(
        "reports/2024-01-15-late.md",
        "+++\ntitle = \"t\"\ndate = 2024-11-01\n+++\nQuuxly を使った。\n",
    );
    p.write(
        "reports/2024-10-06-f.md",
        "+++\ntitle = \"t\"\n+++\nQuuxly も。\n",
    );
    let items = suggestions(&p, &[]);
    let quuxly = find(&items, "candidate", "Quuxly").expect("candidate");
    assert_eq!(
        quuxly["report_ids"],
        serde_json::json!(["2024-01-15-late", "2024-10-06-f"])
    );
}

#[test]
fn quiet_still_prints_the_suggestions() {
    let p = signals_project();
    let loud = p.run(&["suggest"]);
    let quiet = p.run(&["--quiet", "suggest"]);
    assert_eq!(quiet.code, 0, "{quiet:?}");
    assert_eq!(quiet.stdout, loud.stdout);
    assert!(
        loud.stdout.contains("Rising: on Assess or Hold"),
        "{}",
        loud.stdout
    );
}
