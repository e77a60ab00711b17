//! Round trips through each peer format: `import` of a real file, `export`
//! of the result in the same format, and `import` again give the same
//! radar: the same technologies, quadrants, rings (with their colours and
//! descriptions), editions, rings per edition, tags, links and `featured`.
//!
//! The files are written in a different order (exports sort as their
//! viewers expect), so the two radar.toml files are compared through the
//! trusted model, not as text. Titles and descriptions are not compared:
//! some formats have no place for them.

mod support;

use confradar::input::radar::{Radar, from_bytes};
use support::Project;

/// What a round trip must keep, in a form that compares regardless of
/// the order technologies are written in.
fn essence(radar: &Radar) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let editions: Vec<String> = radar.editions.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "editions {editions:?}");
    for (kind, levels) in [("ring", &radar.rings), ("quadrant", &radar.quadrants)] {
        for level in levels {
            let _ = writeln!(
                out,
                "{kind} {} {:?} {:?} {:?}",
                level.id, level.name, level.color, level.description
            );
        }
    }
    let mut technologies: Vec<String> = radar
        .technologies
        .iter()
        .map(|t| {
            let placements: Vec<String> = t
                .placements
                .iter()
                .map(|p| {
                    let ring = p.ring.map_or("retired", |r| radar.rings[r].id.as_str());
                    format!("{}={ring}{}", radar.editions[p.edition], if p.featured { "" } else { " (not featured)" })
                })
                .collect();
            let links: Vec<(&str, Option<&str>)> = t
                .links
                .iter()
                .map(|l| (l.url.as_str(), l.title.as_deref()))
                .collect();
            format!(
                "tech {} {:?} in {} tags {:?} link {:?} links {links:?} count_name {} placed {placements:?}",
                t.id, t.name, radar.quadrants[t.quadrant].id, t.tags, t.link, t.count_name
            )
        })
        .collect();
    technologies.sort();
    out + &technologies.join("\n")
}

fn radar_in(p: &Project, dir: &str) -> Radar {
    let path = format!("{dir}/radar.toml");
    let bytes = std::fs::read(p.join(&path)).expect("radar.toml written");
    match from_bytes(&path, bytes) {
        Ok((radar, _warnings)) => radar,
        Err(errors) => panic!("{path} does not load: {errors:?}"),
    }
}

/// Runs confradar in `dir` of `p` and asserts it succeeds.
fn ok(p: &Project, dir: &str, args: &[&str]) {
    let out = p.run_in(dir, args);
    assert_eq!(
        out.code, 0,
        "{args:?} failed:\n{}{}",
        out.stdout, out.stderr
    );
}

/// Imports `args` into `first/`, exports `format` from it with `export`,
/// imports that into `second/` with `again`, and compares the two radars.
fn round_trip(p: &Project, import: &[&str], export: &[&str], again: &[&str]) -> Radar {
    ok(p, "", &[&["import"], import, &["--into", "first"]].concat());
    ok(p, "first", &[&["export"], export].concat());
    ok(p, "", &[&["import"], again, &["--into", "second"]].concat());
    let (first, second) = (radar_in(p, "first"), radar_in(p, "second"));
    assert_eq!(essence(&first), essence(&second));
    assert!(!first.technologies.is_empty());
    first
}

#[test]
fn byor_csv_and_json_keep_the_radar() {
    let p = Project::fixture("import-byor");
    let import = ["byor", "radar-sample.csv", "--edition", "2024-Q3"];
    round_trip(
        &p,
        &import,
        &["byor-csv", "--output", "../out.csv"],
        &["byor", "out.csv", "--edition", "2024-Q3"],
    );
    std::fs::remove_dir_all(p.join("second")).expect("clean up");
    ok(
        &p,
        "first",
        &["export", "byor-json", "--output", "../out.json"],
    );
    ok(
        &p,
        "",
        &[
            "import",
            "byor",
            "out.json",
            "--edition",
            "2024-Q3",
            "--into",
            "second",
        ],
    );
    assert_eq!(
        essence(&radar_in(&p, "first")),
        essence(&radar_in(&p, "second"))
    );
}

/// Zalando's config.json holds no quadrant or ring names: the team's page
/// beside it does, and the second import reads it there as the first did.
#[test]
fn zalando_keeps_the_radar_with_its_page() {
    let p = Project::fixture("import-zalando");
    p.mkdir("exported");
    p.write("exported/index.html", p.read("docs__index.html"));
    let radar = round_trip(
        &p,
        &["zalando", "docs__config.json"],
        &["zalando", "--output", "../exported/config.json"],
        &["zalando", "exported/config.json"],
    );
    assert_eq!(radar.technologies.len(), 81);
    assert!(radar.rings.iter().all(|r| r.color.is_some()));
}

#[test]
fn zalando_marks_inactive_entries_not_featured_both_ways() {
    let p = Project::fixture("import-zalando");
    // The newest version lists every entry active; make one inactive.
    let config = p.read("docs__config.json");
    let inactive = config.replacen("\"active\": true", "\"active\": false", 1);
    assert_ne!(config, inactive, "the fixture has an active entry");
    p.write("inactive.json", inactive);
    p.mkdir("exported");
    p.write("exported/index.html", p.read("docs__index.html"));
    let radar = round_trip(
        &p,
        &["zalando", "inactive.json"],
        &["zalando", "--output", "../exported/config.json"],
        &["zalando", "exported/config.json"],
    );
    let hidden = radar
        .technologies
        .iter()
        .filter(|t| t.placements.iter().any(|p| !p.featured))
        .count();
    assert_eq!(hidden, 1);
}

#[test]
fn aoe_keeps_the_radar() {
    let p = Project::fixture("import-aoe");
    let radar = round_trip(
        &p,
        &["aoe", "radar"],
        &["aoe", "--output", "../exported"],
        &["aoe", "exported/radar"],
    );
    assert!(radar.editions.len() >= 2);
    assert!(radar.technologies.iter().any(|t| !t.tags.is_empty()));
}

#[test]
fn backstage_keeps_the_radar() {
    let p = Project::fixture("import-backstage");
    let radar = round_trip(
        &p,
        &["backstage", "sampleTechRadarResponse.json"],
        &["backstage", "--output", "../exported.json"],
        &["backstage", "exported.json"],
    );
    assert!(radar.technologies.iter().any(|t| !t.links.is_empty()));
    assert!(radar.rings.iter().all(|r| r.color.is_some()));
}

/// The comparison is not blind: a changed ring is caught.
#[test]
fn the_comparison_sees_a_moved_technology() {
    let p = Project::fixture("import-backstage");
    ok(
        &p,
        "",
        &[
            "import",
            "backstage",
            "sampleTechRadarResponse.json",
            "--into",
            "first",
        ],
    );
    let before = essence(&radar_in(&p, "first"));
    let text = p.read("first/radar.toml");
    let moved = text.replacen("ring = \"adopt\"", "ring = \"hold\"", 1);
    assert_ne!(text, moved);
    p.write("first/radar.toml", moved);
    assert_ne!(before, essence(&radar_in(&p, "first")));
}
