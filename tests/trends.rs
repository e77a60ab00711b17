//! `trends.svg` end to end: quarters without reports are gaps, each
//! `--trend-metric` computes its numbers, twelve and more series render as
//! small multiples, an empty radar says so in words, hostile names are
//! escaped, and the bytes are the same on every run.

mod support;

use support::Project;

/// Two technologies and three reports: two in 2024-Q1, none in 2024-Q2,
/// one in 2024-Q3. Alpha: 3 mentions in 2 reports, then none; Beta: 1
/// mention in 1 report, then 1 in 1.
fn fixture() -> Project {
    let radar = r#"[radar]
title = "Trends & <Co>"
editions = ["2024-Q3"]

[technologies.alpha]
name = "Alpha"
quadrant = "tools"

[[technologies.alpha.placements]]
edition = "2024-Q3"
ring = "adopt"

[technologies.beta]
name = "<script>alert('β')</script> & \"Beta\""
quadrant = "tools"
aliases = ["Beta"]

[[technologies.beta.placements]]
edition = "2024-Q3"
ring = "trial"
"#;
    Project::empty()
        .file("radar.toml", radar)
        .file("reports/2024-01-10-one.md", "Alpha and Alpha, and Beta.\n")
        .file("reports/2024-02-01-two.md", "Alpha again.\n")
        .file("reports/2024-07-01-three.md", "Only Beta here.\n")
}

/// The built chart, with `args` after `build`.
fn chart(p: &Project, args: &[&str]) -> String {
    let run = p.build(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p.read("output/trends.svg")
}

/// Each series' points as (quarter, value), by technology id.
fn points(svg: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .map(|g| {
            let points = g
                .descendants()
                .filter(|n| n.attribute("class") == Some("point"))
                .map(|n| {
                    let get = |a| n.attribute(a).expect("point attribute").to_owned();
                    (get("data-quarter"), get("data-value"))
                })
                .collect();
            (g.attribute("data-id").expect("id").to_owned(), points)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(q, v)| ((*q).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_quarter_without_reports_is_a_gap_not_a_zero() {
    let p = fixture();
    let svg = chart(&p, &[]);
    for (id, points) in points(&svg) {
        let quarters: Vec<&str> = points.iter().map(|(q, _)| q.as_str()).collect();
        assert_eq!(quarters, ["2024-Q1", "2024-Q3"], "{id}");
    }
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    // No line crosses the gap: each side is a single quarter, so a point.
    assert!(
        doc.descendants()
            .all(|n| n.attribute("class") != Some("line")),
        "{svg}"
    );
    // Every panel shows the gap as a band: reports, Alpha, Beta.
    let gaps = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("gap"))
        .count();
    assert_eq!(gaps, 3);
}

#[test]
fn the_chart_says_how_many_reports_each_quarter_has() {
    let p = fixture();
    let svg = chart(&p, &[]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let bars: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .map(|n| {
            (
                n.attribute("data-quarter").expect("quarter"),
                n.attribute("data-reports").expect("reports"),
            )
        })
        .collect();
    assert_eq!(bars, [("2024-Q1", "2"), ("2024-Q3", "1")]);
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"2024-Q1: 2 reports"), "{texts:?}");
    assert!(texts.contains(&"Reports per quarter"));
    assert!(texts.contains(&"3 reports"));
}

#[test]
fn each_metric_computes_its_numbers() {
    let p = fixture();
    for (metric, alpha, beta) in [
        (
            "mentions",
            [("2024-Q1", "3"), ("2024-Q3", "0")],
            [("2024-Q1", "1"), ("2024-Q3", "1")],
        ),
        (
            "per-report",
            [("2024-Q1", "1.5"), ("2024-Q3", "0")],
            [("2024-Q1", "0.5"), ("2024-Q3", "1")],
        ),
        (
            "share",
            [("2024-Q1", "100%"), ("2024-Q3", "0%")],
            [("2024-Q1", "50%"), ("2024-Q3", "100%")],
        ),
    ] {
        let svg = chart(&p, &["--trend-metric", metric]);
        assert_eq!(
            points(&svg),
            [
                ("alpha".to_owned(), pairs(&alpha)),
                ("beta".to_owned(), pairs(&beta)),
            ],
            "{metric}"
        );
    }
}

#[test]
fn the_title_names_the_metric_and_share_is_the_default() {
    let p = fixture();
    let default = chart(&p, &[]);
    assert!(default.contains("share of each quarter&apos;s reports that mention it"));
    assert_eq!(default, chart(&p, &["--trend-metric", "share"]));
    assert!(chart(&p, &["--trend-metric", "mentions"]).contains(": mentions per quarter<"));
    assert!(chart(&p, &["--trend-metric", "per-report"]).contains(": mentions per report"));
    let run = p.run(&["build", "--trend-metric", "most"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn hostile_names_are_escaped() {
    let p = fixture();
    let svg = chart(&p, &[]);
    assert!(!svg.contains("<script"), "raw markup in the chart");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains(&"<script>alert('β')</script> & \"Beta\""),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("Trends & <Co>: ")));
}

#[test]
fn without_reports_or_mentions_the_chart_says_so_in_words() {
    let p = fixture();
    for report in ["2024-01-10-one", "2024-02-01-two", "2024-07-01-three"] {
        p.write(&format!("reports/{report}.md"), "Nothing relevant.\n");
    }
    let svg = chart(&p, &[]);
    assert!(
        svg.contains(
            "No mentions yet: none of the 3 reports names a technology on the 2024-Q3 radar."
        ),
        "{svg}"
    );
    assert!(!svg.contains("class=\"series\""));
    insta::assert_snapshot!("trends_no_mentions", svg);

    let p = Project::empty().file("radar.toml", &p.read("radar.toml"));
    p.mkdir("reports");
    let svg = chart(&p, &[]);
    assert!(svg.contains("No reports yet"), "{svg}");
    assert!(svg.contains("to the reports folder"));
}

#[test]
fn twelve_and_more_series_are_small_multiples() {
    let mut radar = String::from("[radar]\ntitle = \"Many\"\neditions = [\"2024-Q3\"]\n");
    let mut body = String::new();
    for i in 0..15 {
        radar.push_str(&format!(
            "\n[technologies.t{i:02}]\nname = \"Tech{i:02}\"\nquadrant = \"tools\"\n\n[[technologies.t{i:02}.placements]]\nedition = \"2024-Q3\"\nring = \"adopt\"\n"
        ));
        // Tech00 the most mentioned, Tech14 the least.
        for _ in 0..(15 - i) {
            body.push_str(&format!("Tech{i:02}. "));
        }
    }
    let p = Project::empty()
        .file("radar.toml", &radar)
        .file("reports/2023-03-01-a.md", &body)
        .file("reports/2024-05-01-b.md", &body)
        .file("reports/2024-08-01-c.md", &body);
    let svg = chart(&p, &["--top", "14"]);
    let ids: Vec<String> = points(&svg).into_iter().map(|(id, _)| id).collect();
    let expected: Vec<String> = (0..14).map(|i| format!("t{i:02}")).collect();
    assert_eq!(ids, expected);
    // Four panels a row: the reports panel and 14 technologies are 4 rows.
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("height"), Some("784.0"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("gap"))
            .count(),
        15,
        "one band of four empty quarters per panel"
    );
    // 2024-Q2 and 2024-Q3 both have reports: joined by a line.
    let lines: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("line"))
        .filter_map(|n| n.attribute("d"))
        .collect();
    assert_eq!(lines.len(), 14);
    assert!(
        lines
            .iter()
            .all(|d| d.matches('M').count() == 1 && d.matches('L').count() == 1),
        "{lines:?}"
    );
}

#[test]
fn the_chart_has_an_opaque_background() {
    let svg = chart(&fixture(), &[]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let first = doc
        .root_element()
        .children()
        .find(roxmltree::Node::is_element)
        .expect("a first element");
    assert_eq!(first.tag_name().name(), "rect");
    assert_eq!(first.attribute("width"), Some("100%"));
    assert_eq!(first.attribute("fill"), Some("#ffffff"));
}

#[test]
fn the_chart_is_byte_identical_across_runs() {
    let first = chart(&fixture(), &[]);
    assert_eq!(first, chart(&fixture(), &[]));
    insta::assert_snapshot!("trends_fixture", first);
}

#[test]
fn trends_chart_ranks_by_mentions_on_the_small_radar() {
    let p = Project::fixture("radar-small");
    let svg = chart(&p, &["--top", "3"]);
    let ids: Vec<String> = points(&svg).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["kubernetes", "go", "grpc"]);
    assert!(svg.contains(">2023-Q2<"));
    assert!(svg.contains(">5 mentions<"));
}
