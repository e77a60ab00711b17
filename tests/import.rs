//! `confradar import`: each peer format's real files (copied into
//! `tests/fixtures/import-*`, with their provenance) become a radar.toml
//! that `check` accepts; the output is byte-for-byte deterministic; an
//! existing radar.toml is refused; broken, unknown and hostile input is an
//! error or is defused, with nothing written.

mod support;

use support::{Outcome, Project};

/// Runs `import` with `args` in `p`, into `out/`.
fn import(p: &Project, args: &[&str]) -> Outcome {
    p.run(&[&["import"], args, &["--into", "out"]].concat())
}

/// Asserts the import succeeded, then that `check` in `out/` finds no
/// errors (warnings about evidence are expected: there are no reports).
fn imported_and_checked(p: &Project, args: &[&str]) -> Outcome {
    let out = import(p, args);
    assert_eq!(out.code, 0, "import failed:\n{}{}", out.stdout, out.stderr);
    let check = p.run_in("out", &["check"]);
    assert_eq!(check.code, 0, "check failed:\n{}", check.stderr);
    assert!(p.join("out/reports/README.md").is_file());
    out
}

/// The fixture's files as a project with nothing else in it.
fn peer(case: &str) -> Project {
    Project::fixture(case)
}

#[test]
fn byor_csv_becomes_a_radar_that_checks() {
    let p = peer("import-byor");
    let out = imported_and_checked(&p, &["byor", "radar-sample.csv", "--edition", "2024-Q3"]);
    insta::assert_snapshot!("byor_summary", out.stdout);
    insta::assert_snapshot!("byor_radar_toml", p.read("out/radar.toml"));
}

#[test]
fn byor_json_gives_the_same_radar_as_its_csv() {
    let p = peer("import-byor");
    imported_and_checked(&p, &["byor", "radar-sample.csv", "--edition", "2024-Q3"]);
    let csv = p.read("out/radar.toml");
    let again = p.run(&[
        "import",
        "byor",
        "radar-sample.json",
        "--edition",
        "2024-Q3",
        "--into",
        "json",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(p.read("json/radar.toml"), csv);
}

#[test]
fn byor_needs_an_edition() {
    let p = peer("import-byor");
    let out = import(&p, &["byor", "radar-sample.csv"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--edition"), "{}", out.stderr);
    assert!(!p.join("out").exists());
}

#[test]
fn zalando_history_versions_become_its_editions() {
    let p = peer("import-zalando");
    let files: Vec<String> = (std::fs::read_dir(p.join("history")).expect("history"))
        .map(|e| {
            format!(
                "history/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    let mut files = files;
    files.sort();
    assert_eq!(files.len(), 10);
    let mut args = vec!["zalando"];
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "--quadrants",
        "Languages,Infrastructure,Datastores,Data Management",
        "--rings",
        "ADOPT,TRIAL,ASSESS,HOLD",
    ]);
    let out = imported_and_checked(&p, &args);
    let radar: toml::Table = toml::from_str(&p.read("out/radar.toml")).expect("TOML");
    let editions: Vec<&str> = radar["radar"]["editions"]
        .as_array()
        .expect("editions")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    // Ten versions, dated in six quarters: the latest of each quarter.
    assert_eq!(
        editions,
        [
            "2023-Q4", "2024-Q2", "2025-Q1", "2025-Q2", "2026-Q1", "2026-Q2"
        ]
    );
    assert_eq!(out.stdout.matches("are both").count(), 4, "{}", out.stdout);
    // Exasol was removed in the 2025-05-28 version (dated 2025.02).
    let exasol = radar["technologies"]["exasol"]["placements"]
        .as_array()
        .expect("placements");
    let last = exasol.last().expect("a placement");
    assert_eq!(last["ring"].as_str(), Some("retired"));
    assert_eq!(last["edition"].as_str(), Some("2025-Q1"));
    // Deterministic: the same files give the same bytes.
    let first = p.read("out/radar.toml");
    let again = p.run(&[&["import"], &args[..], &["--into", "again"]].concat());
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(p.read("again/radar.toml"), first);
}

#[test]
fn zalando_names_and_colours_come_from_the_page_beside_it() {
    // Needs the radar.toml `color` field (the model's side of the work).
    let p = peer("import-zalando");
    imported_and_checked(&p, &["zalando", "docs__config.json"]);
    let text = p.read("out/radar.toml");
    assert!(
        text.contains(r##"{ id = "adopt", name = "ADOPT", color = "#5ba300" }"##),
        "{text}"
    );
    assert!(
        text.contains(r#"{ id = "data-management", name = "Data Management" }"#),
        "{text}"
    );
    assert!(text.contains(r#"title = "Zalando Tech Radar""#), "{text}");
    assert!(text.contains(r#"editions = ["2026-Q2"]"#), "{text}");
}

#[test]
fn aoe_releases_become_editions_with_tags_and_why() {
    // Needs the radar.toml `tags`, `color` and level `description` fields.
    let p = peer("import-aoe");
    let out = imported_and_checked(&p, &["aoe", "radar"]);
    assert!(
        out.stdout.contains("4 technologies, 2 editions"),
        "{}",
        out.stdout
    );
    let radar: toml::Table = toml::from_str(&p.read("out/radar.toml")).expect("TOML");
    assert_eq!(radar["radar"]["editions"].as_array().map(Vec::len), Some(2));
    let demo2 = &radar["technologies"]["demo-2"];
    assert_eq!(demo2["tags"].as_array().map(Vec::len), Some(2));
    let rings: Vec<&str> = demo2["placements"]
        .as_array()
        .expect("placements")
        .iter()
        .filter_map(|p| p["ring"].as_str())
        .collect();
    assert_eq!(rings, ["trial", "adopt"]);
    let why = demo2["placements"][1]["why"].as_str().unwrap_or("");
    assert!(why.contains("moved from trail to adopt"), "{why}");
    // demo-1 keeps its 2017 ring in 2024: it has no 2024 file.
    assert_eq!(
        radar["technologies"]["demo-1"]["placements"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn backstage_timeline_quarters_become_editions() {
    // Needs the radar.toml `links`, `color` and level `description` fields.
    let p = peer("import-backstage");
    let out = imported_and_checked(&p, &["backstage", "sampleTechRadarResponse.json"]);
    assert!(
        out.stdout.contains("9 technologies, 1 edition (2020-Q3)"),
        "{}",
        out.stdout
    );
    let radar: toml::Table = toml::from_str(&p.read("out/radar.toml")).expect("TOML");
    let js = &radar["technologies"]["javascript"];
    assert_eq!(js["link"].as_str(), Some("https://www.javascript.com/"));
    assert_eq!(js["links"][0]["title"].as_str(), Some("TypeScript"));
    // Two timeline entries in 2020-Q3: the later (August, adopt) stands.
    let actions = &radar["technologies"]["github-actions"]["placements"];
    assert_eq!(actions.as_array().map(Vec::len), Some(1));
    assert_eq!(actions[0]["ring"].as_str(), Some("adopt"));
    assert_eq!(
        radar["radar"]["rings"][0]["color"].as_str(),
        Some("#5ba300")
    );
}

#[test]
fn an_existing_radar_toml_is_refused_unless_forced() {
    let p = peer("import-byor")
        .file("out/radar.toml", "# mine\n")
        .file("out/reports/README.md", "my notes\n");
    let out = import(&p, &["byor", "radar-sample.csv", "--edition", "2024-Q3"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(p.read("out/radar.toml"), "# mine\n");
    let forced = import(
        &p,
        &[
            "byor",
            "radar-sample.csv",
            "--edition",
            "2024-Q3",
            "--force",
        ],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(p.read("out/radar.toml").contains("[technologies.rust]"));
    // Nothing else is overwritten.
    assert_eq!(p.read("out/reports/README.md"), "my notes\n");
}

#[test]
fn broken_input_names_its_file_and_place_and_writes_nothing() {
    let p = Project::empty()
        .file(
            "bad.json",
            "{\n  \"entries\": [\n    { \"id\": 1, }\n  ]\n}\n",
        )
        .file(
            "bad.csv",
            "name,ring,quadrant,isNew,description\nRust,Adopt,Tools,TRUE,\"never closed\n",
        )
        .file(
            "short.csv",
            "name,ring,quadrant,isNew,description\nRust,Adopt\n",
        )
        .file("nocolumn.csv", "title,ring,quadrant\nRust,Adopt,Tools\n");
    let cases: [(&[&str], &str); 4] = [
        (&["backstage", "bad.json"], "bad.json:3:"),
        (&["byor", "bad.csv", "--edition", "2024-Q1"], "bad.csv:2:"),
        (
            &["byor", "short.csv", "--edition", "2024-Q1"],
            "short.csv:2:",
        ),
        (
            &["byor", "nocolumn.csv", "--edition", "2024-Q1"],
            "no `name` column",
        ),
    ];
    for (args, expected) in cases {
        let out = import(&p, args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        assert!(!p.join("out").exists(), "{args:?} wrote out/");
    }
    let unknown = import(&p, &["thoughtworks", "bad.csv"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    let missing = import(&p, &["backstage", "missing.json"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("missing.json"),
        "{}",
        missing.stderr
    );
}

#[test]
fn hostile_names_and_links_never_reach_the_radar_as_markup() {
    let p = Project::empty().file(
        "evil.csv",
        "name,ring,quadrant,isNew,description\n\
         \"<script>alert(1)</script>Evil\",Adopt,Tools,TRUE,\"<a href=\"\"javascript:alert(1)\"\">click</a> <img src=x onerror=alert(1)> <b>bold</b> &lt;script&gt;\"\n\
         Fine,Hold,Tools,FALSE,\"[md](javascript:alert(2)) <a href=\"\"https://ok.example/\"\">ok</a>\"\n",
    );
    imported_and_checked(&p, &["byor", "evil.csv", "--edition", "2024-Q1"]);
    let radar: toml::Table = toml::from_str(&p.read("out/radar.toml")).expect("TOML");
    let techs = radar["technologies"].as_table().expect("technologies");
    assert_eq!(techs["evil"]["name"].as_str(), Some("Evil"));
    let mut links = Vec::new();
    for tech in techs.values() {
        let name = tech["name"].as_str().unwrap_or("");
        assert!(!name.contains('<'), "{name}");
        let description = tech["description"].as_str().unwrap_or("");
        // As the changelog's Markdown renderer reads it: no HTML, and
        // links only to the web.
        for event in pulldown_cmark::Parser::new(description) {
            match event {
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    panic!("raw HTML {h:?} in {description:?}")
                }
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                    links.push(dest_url.into_string());
                }
                _ => {}
            }
        }
    }
    assert_eq!(links, ["https://ok.example/"]);
}

#[test]
fn equal_names_are_kept_apart_with_count_name_false() {
    // Needs the radar.toml `count_name` field.
    let p = Project::empty().file(
        "flow.csv",
        "name,ring,quadrant,isNew,description\nFlow,Hold,Languages & Frameworks,FALSE,\nflow,Assess,Techniques,TRUE,\n",
    );
    let out = imported_and_checked(&p, &["byor", "flow.csv", "--edition", "2024-Q1"]);
    assert!(
        out.stdout.contains("`flow` and `flow-2` share the name"),
        "{}",
        out.stdout
    );
    assert_eq!(
        p.read("out/radar.toml")
            .matches("count_name = false")
            .count(),
        2
    );
}
