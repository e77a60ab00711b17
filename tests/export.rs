//! `confradar export`: every format on the shipped example radar and on a
//! small radar of its own (snapshots), the shape of each JSON against the
//! real peer files in `tests/fixtures/export-peers/`, the limits, hostile
//! text, determinism, and what `--output` refuses.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use support::{Project, tree};

/// A small radar: two editions, a move in, a move out, a new technology, a
/// retirement, Markdown and CSV-hostile text.
const SMALL: &str = r##"[radar]
title = "Small Radar"
editions = ["2024-Q1", "2024-Q3"]
rings = [
  { id = "adopt", name = "Adopt", color = "#5ba300", description = "Use it." },
  { id = "trial", name = "Trial", color = "#009eb0" },
  { id = "assess", name = "Assess" },
  { id = "hold", name = "Hold", color = "#e09b96" },
]

[technologies.istio]
name = "Istio"
quadrant = "platforms"
link = "https://istio.io/"
description = "Service mesh."

[[technologies.istio.placements]]
edition = "2024-Q1"
ring = "assess"
why = "First look at *KubeCon*."

[[technologies.istio.placements]]
edition = "2024-Q3"
ring = "trial"
why = "Two teams run it, in \"production\"; see [the docs](https://istio.io/latest/)."

[technologies.helm]
name = "Helm"
quadrant = "tools"
description = "Charts for Kubernetes."

[[technologies.helm.placements]]
edition = "2024-Q1"
ring = "adopt"

[[technologies.helm.placements]]
edition = "2024-Q3"
ring = "hold"
why = "Replaced by plain manifests."

[technologies.go]
name = "Go"
quadrant = "languages-and-frameworks"
tags = ["language", "backend"]
links = [{ url = "https://go.dev/doc/", title = "Docs" }]

[[technologies.go.placements]]
edition = "2024-Q3"
ring = "adopt"
featured = false

[technologies.jenkins]
name = "-Jenkins, the old one"
quadrant = "tools"

[[technologies.jenkins.placements]]
edition = "2024-Q1"
ring = "hold"

[[technologies.jenkins.placements]]
edition = "2024-Q3"
ring = "retired"
"##;

/// The shipped example radar at the repository root.
fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("radar.toml")
        .display()
        .to_string()
}

fn small() -> Project {
    Project::empty().file("radar.toml", SMALL)
}

/// Runs `export` and asserts it succeeds; returns stdout.
fn export(p: &Project, args: &[&str]) -> String {
    let out = p.run(&[&["export"], args].concat());
    assert_eq!(out.code, 0, "export {args:?} failed: {out:?}");
    out.stdout
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

fn peer(path: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export-peers")
        .join(path);
    json(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The keys of every object in `values`.
fn keys<'a>(values: impl IntoIterator<Item = &'a Value>) -> BTreeSet<String> {
    values
        .into_iter()
        .flat_map(|v| v.as_object().expect("an object").keys().cloned())
        .collect()
}

fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
}

/// The AOE tree as `path` lines, folders ending in `/`.
fn listing(p: &Project, dir: &str) -> String {
    let paths: Vec<String> = tree(&p.join(dir)).into_keys().collect();
    paths.join("\n") + "\n"
}

#[test]
fn byor_csv_of_a_small_radar() {
    insta::assert_snapshot!("byor_csv", export(&small(), &["byor-csv"]));
}

#[test]
fn byor_json_of_a_small_radar() {
    insta::assert_snapshot!("byor_json", export(&small(), &["byor-json"]));
}

#[test]
fn zalando_of_a_small_radar() {
    let p = small();
    let out = p.run(&["export", "zalando"]);
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!("zalando", out.stdout);
    // The names have no place in config.json: the note says where they go.
    assert!(
        out.stderr.contains(
            "quadrants: Techniques, Tools, Platforms, Languages & Frameworks; rings: Adopt, Trial, Assess, Hold"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn backstage_of_a_small_radar() {
    insta::assert_snapshot!("backstage", export(&small(), &["backstage"]));
}

#[test]
fn aoe_of_a_small_radar() {
    let p = small();
    let stdout = export(&p, &["aoe"]);
    assert_eq!(
        stdout,
        "wrote aoe-export: config.json and 5 item files in 2 releases\n"
    );
    insta::assert_snapshot!("aoe_listing", listing(&p, "aoe-export"));
    insta::assert_snapshot!("aoe_istio", p.read("aoe-export/radar/2024-07-01/istio.md"));
    insta::assert_snapshot!("aoe_config", p.read("aoe-export/config.json"));
}

/// An earlier edition: one-edition formats show it, history formats stop
/// there.
#[test]
fn an_earlier_edition() {
    let p = small();
    let csv = export(&p, &["byor-csv", "--edition", "2024-Q1"]);
    // On the radar in 2024-Q1, its name quoted (a comma) and kept from
    // starting a spreadsheet formula.
    assert!(
        csv.contains("\n\"'-Jenkins, the old one\",Hold,Tools,TRUE,,New\n"),
        "{csv}"
    );
    assert!(!csv.contains("Go,"), "not yet placed: {csv}");
    let backstage = json(&export(&p, &["backstage", "--edition", "2024-Q1"]));
    let ids: Vec<&str> = array(&backstage["entries"])
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["helm", "istio", "jenkins"]);
    let zalando = json(&export(&p, &["zalando", "--edition", "2024-Q1"]));
    assert_eq!(zalando["date"], "2024.01");
}

#[test]
fn an_unknown_edition_names_the_editions() {
    let out = small().run(&["export", "byor-csv", "--edition", "2023-Q4"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("--edition: `2023-Q4` is not one of the radar's editions (2024-Q1, 2024-Q3)"),
        "{}",
        out.stderr
    );
}

/// Every format on the shipped example: it runs, the JSON parses, and the
/// one-edition formats agree on what is on the radar.
#[test]
fn every_format_on_the_example_radar() {
    let p = Project::empty();
    let config = example();
    let run = |args: &[&str]| export(&p, &[&["--config", config.as_str()], args].concat());
    let csv = run(&["byor-csv"]);
    let byor = json(&run(&["byor-json"]));
    let zalando = json(&run(&["zalando"]));
    let backstage = json(&run(&["backstage"]));
    let rows = array(&byor).len();
    assert!(rows > 20, "{rows}");
    assert_eq!(csv.lines().count(), rows + 1);
    assert_eq!(array(&zalando["entries"]).len(), rows);
    assert_eq!(array(&backstage["entries"]).len(), rows);
    assert_eq!(zalando["date"], "2024.07");
    run(&["aoe", "--output", "aoe"]);
    let files = tree(&p.join("aoe"));
    let items = files.keys().filter(|k| k.ends_with(".md")).count();
    assert!(items >= rows, "{items} files for {rows} technologies");
    json(&p.read("aoe/config.json"));
}

#[test]
fn zalando_has_the_peer_files_keys() {
    let ours = json(&export(&small(), &["zalando"]));
    let theirs = peer("zalando/config.json");
    assert_eq!(keys([&ours]), keys([&theirs]));
    assert_eq!(
        keys(array(&ours["entries"])),
        keys(array(&theirs["entries"]))
    );
    // The value conventions: indexes 0-3, moved -1/0/1/2, a "YYYY.MM" date.
    for entry in array(&ours["entries"]) {
        assert!(entry["quadrant"].as_u64().is_some_and(|q| q < 4), "{entry}");
        assert!(entry["ring"].as_u64().is_some_and(|r| r < 4), "{entry}");
        assert!(
            entry["moved"]
                .as_i64()
                .is_some_and(|m| (-1..=2).contains(&m)),
            "{entry}"
        );
        assert!(entry["active"].is_boolean(), "{entry}");
    }
    let date = ours["date"].as_str().expect("date");
    let peer_date = theirs["date"].as_str().expect("date");
    assert_eq!(date.len(), peer_date.len());
    assert_eq!(date.find('.'), peer_date.find('.'));
}

#[test]
fn backstage_has_the_peer_files_shape() {
    let ours = json(&export(&small(), &["backstage"]));
    let theirs = peer("backstage/sampleTechRadarResponse.json");
    assert_eq!(keys([&ours]), keys([&theirs]));
    assert_eq!(
        keys(array(&ours["quadrants"])),
        keys(array(&theirs["quadrants"]))
    );
    // Backstage needs a colour on every ring.
    assert!(array(&ours["rings"]).iter().all(|r| r["color"].is_string()));
    let our_entries = array(&ours["entries"]);
    let their_entries = array(&theirs["entries"]);
    assert!(
        keys(our_entries).is_subset(&keys(their_entries)),
        "{:?}",
        keys(our_entries)
    );
    let timeline = |entries: &Vec<Value>| {
        keys(
            entries
                .iter()
                .flat_map(|e| array(&e["timeline"]).iter())
                .collect::<Vec<_>>(),
        )
    };
    assert!(timeline(our_entries).is_subset(&timeline(their_entries)));
    let their_date = their_entries[0]["timeline"][0]["date"]
        .as_str()
        .expect("date");
    let istio = our_entries
        .iter()
        .find(|e| e["id"] == "istio")
        .expect("istio");
    let dates: Vec<&str> = array(&istio["timeline"])
        .iter()
        .map(|m| m["date"].as_str().expect("date"))
        .collect();
    assert_eq!(
        dates,
        ["2024-07-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"]
    );
    assert_eq!(dates[0].len(), their_date.len());
    assert_eq!(istio["timeline"][0]["moved"], 1);
}

#[test]
fn aoe_config_has_the_peer_files_shape() {
    let p = small();
    export(&p, &["aoe", "--output", "site"]);
    let ours = json(&p.read("site/config.json"));
    let theirs = peer("aoe/config.default.json");
    assert_eq!(
        keys(array(&ours["quadrants"])),
        keys(array(&theirs["quadrants"]))
    );
    assert_eq!(keys(array(&ours["rings"])), keys(array(&theirs["rings"])));
}

#[test]
fn zalando_and_byor_refuse_five_quadrants() {
    let five = SMALL.replace(
        "editions = [",
        "quadrants = [\n  { id = \"techniques\", name = \"Techniques\" },\n  { id = \"tools\", name = \"Tools\" },\n  { id = \"platforms\", name = \"Platforms\" },\n  { id = \"languages-and-frameworks\", name = \"Languages\" },\n  { id = \"data\", name = \"Data\" },\n]\neditions = [",
    );
    let p = Project::empty().file("radar.toml", &five);
    p.mkdir("reports");
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "a valid radar: {check:?}");
    for format in ["zalando", "byor-csv", "byor-json"] {
        let out = p.run(&["export", format, "--output", "out.txt"]);
        assert_eq!(out.code, 1, "{format}: {out:?}");
        assert!(
            out.stderr.contains(
                "draws exactly 4 quadrants and at most 4 rings; this radar has 5 quadrants"
            ),
            "{format}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
        assert!(!p.join("out.txt").exists(), "{format} wrote a file");
    }
    // The formats without the limit take it.
    assert_eq!(
        json(&export(&p, &["backstage"]))["quadrants"][4]["id"],
        "data"
    );
}

/// Raw HTML in a `why` reaches BYOR's page as text; a `javascript:` link
/// never gets that far, since the radar does not validate.
#[test]
fn hostile_markdown_never_reaches_byor_as_markup() {
    let p = Project::with_radar_edit(
        "why = \"Seen at CNDT.\"",
        "why = \"Seen <img src=x onerror=alert(1)> at <script>alert(1)</script> CNDT.\"",
    );
    for format in ["byor-csv", "byor-json"] {
        let out = export(&p, &[format]);
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    }
    let aoe = {
        export(&p, &["aoe"]);
        p.read("aoe-export/radar/2019-07-01/istio.md")
    };
    assert!(!aoe.contains("<img"), "{aoe}");

    let p = Project::with_radar_edit(
        "why = \"Seen at CNDT.\"",
        "why = \"Seen at [CNDT](javascript:alert(1)).\"",
    );
    for format in ["byor-csv", "byor-json", "zalando", "backstage"] {
        let out = p.run(&["export", format]);
        assert_eq!(out.code, 1, "{out:?}");
        assert!(!out.stdout.contains("javascript:"), "{}", out.stdout);
    }
}

#[test]
fn exports_are_deterministic() {
    for format in ["byor-csv", "byor-json", "zalando", "backstage"] {
        let (a, b) = (small(), small());
        assert_eq!(export(&a, &[format]), export(&b, &[format]), "{format}");
    }
    let (a, b) = (small(), small());
    export(&a, &["aoe"]);
    export(&b, &["aoe"]);
    assert_eq!(tree(&a.join("aoe-export")), tree(&b.join("aoe-export")));
}

#[test]
fn output_writes_a_file_and_refuses_to_overwrite_it() {
    let p = small();
    let stdout = export(&p, &["byor-csv", "--output", "radar.csv"]);
    assert_eq!(stdout, "wrote radar.csv\n");
    let written = p.read("radar.csv");
    assert_eq!(written, export(&p, &["byor-csv"]));
    p.write("radar.csv", "mine\n");
    let out = p.run(&["export", "byor-csv", "--output", "radar.csv"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("the file exists"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(p.read("radar.csv"), "mine\n");
    export(&p, &["byor-csv", "--output", "radar.csv", "--force"]);
    assert_eq!(p.read("radar.csv"), written);
    // Nothing left beside it.
    let names: Vec<String> = tree(p.path()).into_keys().collect();
    assert_eq!(names, ["radar.csv", "radar.toml"]);
}

#[test]
fn aoe_refuses_a_folder_that_is_not_empty() {
    let p = small().file("site/notes.md", "mine\n");
    let out = p.run(&["export", "aoe", "--output", "site"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("the folder is not empty"),
        "{}",
        out.stderr
    );
    assert_eq!(listing(&p, "site"), "notes.md\n");
    let names: Vec<String> = tree(p.path()).into_keys().collect();
    assert_eq!(names, ["radar.toml", "site/", "site/notes.md"]);
}

#[test]
fn quiet_keeps_the_data_on_stdout() {
    let p = small();
    assert_eq!(
        p.run(&["--quiet", "export", "zalando"]).stdout,
        export(&p, &["zalando"])
    );
    assert_eq!(p.run(&["--quiet", "export", "aoe"]).stdout, "");
}
