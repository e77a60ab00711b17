//! The radar.toml fields other radars carry, end to end through the
//! binary: two technologies with one name (an error until one of them
//! stops counting it), a technology kept but not drawn (`featured =
//! false`), and ring and quadrant colours in the SVG.
//!
//! The fixture `tests/fixtures/model-fields/` uses every new field; its
//! SVG and radar.json are snapshots.

mod support;

use serde_json::Value;
use support::Project;

/// The fixture, built.
fn built() -> Project {
    let p = Project::fixture("model-fields");
    p.build(&[]);
    p
}

/// Whether the SVG draws a blip for `id`.
fn draws(svg: &str, id: &str) -> bool {
    svg.contains(&format!(r#"<g id="blip-{id}""#))
}

#[test]
fn two_technologies_with_one_name_are_an_error_until_one_does_not_count_it() {
    let p = Project::fixture("model-fields");
    p.edit(
        "radar.toml",
        "count_name = false\naliases = [\"Flow-RS\"]\n",
        "aliases = [\"Flow-RS\"]\n",
    );
    let stderr = p.check_fails();
    assert!(
        stderr.contains("is a name or alias of both `flow-js` and `flow_rs`"),
        "{stderr}"
    );
    assert!(stderr.contains("radar.toml:41:8"), "{stderr}");
    assert!(
        stderr.contains(
            "give one of them `count_name = false` and aliases that tell them apart, or rename one"
        ),
        "{stderr}"
    );

    // The fix the hint names.
    p.edit(
        "radar.toml",
        "aliases = [\"Flow-RS\"]\n",
        "count_name = false\naliases = [\"Flow-RS\"]\n",
    );
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Only the alias counts for the second Flow; the name counts for the first.
    let mentions = p.run(&["mentions", "--format", "csv"]);
    assert_eq!(mentions.code, 0, "{}", mentions.stderr);
    let totals: Vec<&str> = mentions.stdout.lines().collect();
    assert!(
        totals.iter().any(|l| l.starts_with("flow-js,")),
        "{}",
        mentions.stdout
    );
    assert!(
        totals.iter().any(|l| l.starts_with("flow_rs,")),
        "{}",
        mentions.stdout
    );
}

#[test]
fn an_uncounted_name_without_aliases_is_a_warning_that_says_why() {
    let p = Project::fixture("model-fields");
    p.edit("radar.toml", "aliases = [\"Flow-RS\"]\n", "");
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("`flow_rs` is never mentioned"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("`count_name = false`"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_technology_not_featured_is_not_drawn_but_kept_in_the_data_and_the_changelog() {
    let p = built();
    let svg = p.read("output/radar.svg");
    assert!(!draws(&svg, "flow-js"), "drawn though featured = false");
    assert!(draws(&svg, "flow_rs") && draws(&svg, "kubernetes"));
    // Not in the legend either, and the numbers leave no gap.
    let legend = &svg[svg.find(r#"<g class="legends">"#).expect("legends")..];
    assert_eq!(legend.matches(">Flow</text>").count(), 1, "only flow_rs");
    let json = p.json("output/radar.json");
    let numbers: Vec<u64> = json["blips"]
        .as_array()
        .expect("blips")
        .iter()
        .map(|b| b["number"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    let unfeatured = json["unfeatured"].as_array().expect("unfeatured listed");
    assert_eq!(unfeatured.len(), 1);
    assert_eq!(unfeatured[0]["id"], "flow-js");
    assert_eq!(unfeatured[0]["ring"], "hold");
    assert_eq!(unfeatured[0]["change"], "moved-out");
    assert_eq!(
        unfeatured[0]["tags"],
        serde_json::json!(["frontend", "type-checking"])
    );
    assert_eq!(
        unfeatured[0]["links"],
        serde_json::json!([
            { "url": "https://github.com/facebook/flow", "title": "Source" },
            { "url": "https://flow.org/en/docs/" }
        ])
    );
    // Drawn in the edition where it was featured.
    assert!(draws(&p.read("output/editions/2024-Q1.svg"), "flow-js"));
    // The changelog still tells its story.
    let changelog = p.read("output/CHANGELOG.md");
    let q2 = &changelog[changelog.find("## 2024-Q2").expect("2024-Q2 section")..];
    assert!(q2.contains("Flow"), "{changelog}");
    assert!(q2.contains("Kept for the record"), "{changelog}");
}

#[test]
fn ring_and_quadrant_colours_are_drawn_and_carried_into_radar_json() {
    let p = built();
    let svg = p.read("output/radar.svg");
    assert!(
        svg.contains(".rc0 { fill: #5ba300; fill-opacity: .25; }"),
        "ring colour"
    );
    assert!(
        svg.contains(r#"<path class="cell band-0 f0 rc0""#),
        "band uses it"
    );
    assert!(svg.contains(".f0 { fill: #3d5a80; }"), "quadrant colour");
    // The platforms quadrant has no colour of its own: the palette stays.
    assert_eq!(
        svg.matches(".f2 { fill: ").count(),
        1,
        "no override for platforms"
    );
    roxmltree::Document::parse(&svg).expect("well-formed");
    let json = p.json("output/radar.json");
    assert_eq!(json["rings"][0]["color"], "#5ba300");
    assert_eq!(json["rings"][0]["description"], "Proven; use it.");
    assert!(json["rings"][1].get("description").is_none());
    assert_eq!(json["quadrants"][0]["color"], "#3d5a80");
    assert!(json["quadrants"][2].get("color").is_none());
    let flow_rs: &Value = json["blips"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == "flow_rs"))
        .expect("flow_rs drawn");
    assert!(flow_rs.get("tags").is_none() && flow_rs.get("links").is_none());
}

/// The whole drawing and data with every new field, reviewed by eye.
#[test]
fn model_fields_snapshots() {
    let p = built();
    insta::assert_snapshot!("model_fields_svg", p.read("output/radar.svg"));
    insta::assert_snapshot!("model_fields_json", p.read("output/radar.json"));
}
