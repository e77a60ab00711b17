//! `confradar build` end to end: the radar SVG, radar.json and trends.svg,
//! checked from the files themselves.
//!
//! Fixture folders hold hand-written radars; larger radars (600 blips, 60 in
//! one cell, every ring and quadrant count) are generated into temporary
//! folders by [`Synthetic`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A finished `build`: its output folder and what it printed.
struct Built {
    out: tempfile::TempDir,
    stdout: String,
}

impl Built {
    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.path().join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.read("radar.json")).expect("radar.json parses")
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("radar.toml")
}

/// Runs `confradar build` on `config` with `args`; it must succeed.
fn build(config: &Path, args: &[&str]) -> Built {
    let out = tempfile::tempdir().expect("temp dir");
    let output = Command::cargo_bin("confradar")
        .expect("binary")
        .arg("--config")
        .arg(config)
        .arg("build")
        .arg("--out")
        .arg(out.path())
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Built {
        out,
        stdout: String::from_utf8(output.stdout).expect("utf-8"),
    }
}

/// One blip group as found in the SVG.
#[derive(Debug, PartialEq)]
struct SvgBlip {
    id: String,
    class: String,
    x: f64,
    y: f64,
    title: String,
    number: String,
    href: Option<String>,
}

/// Parses the SVG strictly and returns its blip groups in document order.
fn svg_blips(svg: &str) -> Vec<SvgBlip> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("g") && n.attribute("id").is_some_and(|id| id.starts_with("blip-"))
        })
        .map(|g| {
            let transform = g.attribute("transform").expect("blip has a transform");
            let inner = transform
                .strip_prefix("translate(")
                .and_then(|t| t.strip_suffix(')'))
                .expect("translate(X Y)");
            let (x, y) = inner.split_once(' ').expect("two numbers");
            let child_text = |tag: &str| {
                g.children()
                    .find(|c| c.has_tag_name(tag))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            SvgBlip {
                id: g.attribute("id").unwrap_or_default()["blip-".len()..].to_owned(),
                class: g.attribute("class").unwrap_or_default().to_owned(),
                x: x.parse().expect("number"),
                y: y.parse().expect("number"),
                title: child_text("title"),
                number: child_text("text"),
                href: g
                    .parent()
                    .filter(|p| p.has_tag_name("a"))
                    .and_then(|a| a.attribute("href"))
                    .map(str::to_owned),
            }
        })
        .collect()
}

/// Checks the rules every radar SVG must follow, from the file alone.
fn assert_self_contained(svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("version"), Some("1.1"));
    assert_eq!(root.attribute("role"), Some("img"));
    for attr in ["viewBox", "width", "height"] {
        assert!(root.attribute(attr).is_some(), "no {attr}");
    }
    let children: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .take(3)
        .collect();
    assert_eq!(children, ["title", "desc", "style"]);
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        assert!(
            ![
                "script",
                "foreignObject",
                "image",
                "use",
                "iframe",
                "object",
                "embed"
            ]
            .contains(&tag),
            "<{tag}> is not allowed"
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().starts_with("on"),
                "event handler {}",
                attr.name()
            );
            if attr.name() == "href" {
                assert_eq!(tag, "a", "href outside a blip link");
                assert!(
                    attr.value().starts_with("https://") || attr.value().starts_with("http://"),
                    "{}",
                    attr.value()
                );
                let blip = node.first_element_child().expect("link holds a blip");
                assert!(
                    blip.attribute("id")
                        .is_some_and(|id| id.starts_with("blip-"))
                );
            }
            assert!(
                !attr.value().contains("url("),
                "external reference in {}",
                attr.name()
            );
        }
    }
    let style = root
        .children()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(
        !style.contains("@import") && !style.contains("url("),
        "{style}"
    );
    assert!(style.contains("prefers-color-scheme: dark"));
    assert!(svg.contains("Noto Sans CJK JP"), "font stack covers CJK");
}

/// The radar's geometry, from radar.json.
struct Geometry {
    cx: f64,
    cy: f64,
    rings: BTreeMap<String, (f64, f64)>,
    quadrants: BTreeMap<String, (f64, f64)>,
}

fn geometry(json: &Value) -> Geometry {
    let num = |v: &Value| v.as_f64().expect("number");
    Geometry {
        cx: num(&json["center"]["x"]),
        cy: num(&json["center"]["y"]),
        rings: json["rings"]
            .as_array()
            .expect("rings")
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().expect("id").to_owned(),
                    (num(&r["inner"]), num(&r["outer"])),
                )
            })
            .collect(),
        quadrants: json["quadrants"]
            .as_array()
            .expect("quadrants")
            .iter()
            .map(|q| {
                let id = q["id"].as_str().expect("id").to_owned();
                (id, (num(&q["start_angle"]), num(&q["end_angle"])))
            })
            .collect(),
    }
}

/// No overlaps, every marker inside its band and sector, and clear of the
/// ring labels, with positions read from the SVG and geometry from the JSON.
fn assert_sound_placement(svg: &str, json: &Value) {
    let g = geometry(json);
    let blips = svg_blips(svg);
    let data = json["blips"].as_array().expect("blips");
    assert_eq!(blips.len(), data.len());
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    // Ring labels: estimated at a generous 0.75 em per character, 12 px.
    let labels: Vec<(f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("ring-label"))
        .map(|n| {
            let x: f64 = n.attribute("x").and_then(|v| v.parse().ok()).expect("x");
            let y: f64 = n.attribute("y").and_then(|v| v.parse().ok()).expect("y");
            let half = n.text().unwrap_or_default().chars().count() as f64 * 12.0 * 0.75 / 2.0;
            (x - half, x + half, y)
        })
        .collect();
    let whole = g.quadrants.len() == 1;
    for (svg_blip, d) in blips.iter().zip(data) {
        let r = d["r"].as_f64().expect("r");
        let ring = d["ring"].as_str().expect("ring");
        let quadrant = d["quadrant"].as_str().expect("quadrant");
        let (dx, dy) = (svg_blip.x - g.cx, svg_blip.y - g.cy);
        let rho = dx.hypot(dy);
        let (inner, outer) = g.rings[ring];
        assert!(
            rho + r <= outer + 1e-9,
            "{} crosses its band's outer edge",
            svg_blip.id
        );
        assert!(
            inner == 0.0 || rho - r >= inner - 1e-9,
            "{} crosses its band's inner edge",
            svg_blip.id
        );
        if !whole {
            let (start, end) = g.quadrants[quadrant];
            let angle = (dy.atan2(dx).to_degrees() - start).rem_euclid(360.0);
            assert!(angle <= end - start, "{} outside its sector", svg_blip.id);
            for edge in [start, end] {
                let (s, c) = edge.to_radians().sin_cos();
                let along = dx * c + dy * s;
                let off = if along <= 0.0 {
                    rho
                } else {
                    (dx * s - dy * c).abs()
                };
                assert!(off >= r, "{} crosses its sector's edge", svg_blip.id);
            }
        }
        for &(x0, x1, baseline) in &labels {
            let inside_x = svg_blip.x + r > x0 && svg_blip.x - r < x1;
            let inside_y = svg_blip.y + r > baseline - 12.0 && svg_blip.y - r < baseline + 3.0;
            assert!(
                !(inside_x && inside_y),
                "{} covers a ring label",
                svg_blip.id
            );
        }
    }
    for (i, a) in blips.iter().enumerate() {
        for b in &blips[i + 1..] {
            let distance = (a.x - b.x).hypot(a.y - b.y);
            assert!(
                distance >= 2.0 * 13.0 + 2.0,
                "{} and {} overlap ({distance})",
                a.id,
                b.id
            );
        }
    }
}

/// Every blip is in the legend once, in number order within its quadrant's
/// legend, and no legend column reaches over the radar's circle.
fn assert_legends_beside_radar(svg: &str, json: &Value) {
    let g = geometry(json);
    let radius = g.rings.values().map(|r| r.1).fold(0.0, f64::max);
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    let mut seen: Vec<usize> = Vec::new();
    for legend in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("legend"))
    {
        let mut numbers = Vec::new();
        for text in legend.descendants().filter(|n| n.has_tag_name("text")) {
            let x: f64 = text.attribute("x").and_then(|v| v.parse().ok()).expect("x");
            // Entries start 30 px in; the column is 250 px wide.
            let (left, right) = (x - 30.0, x + 250.0);
            assert!(
                right < g.cx - radius || left > g.cx + radius,
                "legend text at x={x} reaches over the radar"
            );
            if text.attribute("class") == Some("legend-number") {
                numbers.push(
                    text.text()
                        .and_then(|t| t.parse::<usize>().ok())
                        .expect("number"),
                );
            }
        }
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        seen.extend(numbers);
    }
    seen.sort_unstable();
    let count = json["blips"].as_array().map_or(0, Vec::len);
    assert_eq!(seen, (1..=count).collect::<Vec<_>>());
}

#[test]
fn build_writes_every_file() {
    let built = build(&fixture("radar-small"), &[]);
    for path in [
        "radar.svg",
        "radar.json",
        "trends.svg",
        "editions/2023-Q2.svg",
        "editions/2024-Q3.svg",
        "mentions.csv",
    ] {
        assert!(built.out.path().join(path).is_file(), "{path} missing");
        assert!(built.stdout.contains(path), "{path} not reported");
    }
    assert_eq!(built.read("radar.svg"), built.read("editions/2024-Q3.svg"));
    insta::assert_snapshot!(
        "build_summary",
        built
            .stdout
            .lines()
            .filter(|l| !l.starts_with("wrote "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The whole small radar, reviewed by eye: any change to the drawing shows
/// up here first.
#[test]
fn small_radar_snapshots() {
    let built = build(&fixture("radar-small"), &[]);
    insta::assert_snapshot!("radar_small_svg", built.read("radar.svg"));
    insta::assert_snapshot!("radar_small_json", built.read("radar.json"));
}

#[test]
fn radar_svg_is_self_contained_and_well_formed() {
    let built = build(&fixture("radar-small"), &[]);
    for path in ["radar.svg", "editions/2023-Q2.svg"] {
        assert_self_contained(&built.read(path));
    }
    // Rings and quadrants are named on the radar itself.
    let svg = built.read("radar.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let texts = |class: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == class))
            })
            .filter_map(|n| n.text().map(str::to_owned))
            .collect()
    };
    assert_eq!(texts("ring-label"), ["Adopt", "Trial", "Assess", "Hold"]);
    assert_eq!(
        texts("quadrant-label"),
        ["Techniques", "Tools", "Platforms", "Languages & Frameworks"]
    );
    let title = doc
        .root_element()
        .first_element_child()
        .and_then(|t| t.text());
    assert_eq!(title, Some("Fixture & <Friends> Radar — 2024-Q3"));
}

#[test]
fn markers_tell_the_changes_apart() {
    let built = build(&fixture("radar-small"), &[]);
    let svg = built.read("radar.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    // The shapes drawn for each change, as tag names of the change mark.
    let mut marks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in doc
        .descendants()
        .filter(|n| n.attribute("id").is_some_and(|id| id.starts_with("blip-")))
    {
        let change = g
            .attribute("class")
            .and_then(|c| c.rsplit(' ').next())
            .unwrap_or("")
            .to_owned();
        let mark: Vec<String> = g
            .children()
            .filter(|c| {
                c.attribute("class")
                    .is_some_and(|c| c.starts_with("change"))
            })
            .map(|c| c.tag_name().name().to_owned())
            .collect();
        marks.entry(change).or_insert(mark);
    }
    assert_eq!(marks["new"], ["circle"]);
    assert_eq!(marks["moved-in"], ["path"]);
    assert_eq!(marks["moved-out"], ["path"]);
    assert!(marks["unchanged"].is_empty());
    // Moves are half rings facing the centre (in) or away from it (out).
    // The arc runs clockwise from 90° before the facing direction to 90°
    // after it, so from its start point (ax, ay) the facing direction is
    // (-ay, ax).
    let json = built.json();
    let num = |v: &Value| v.as_f64().expect("number");
    let (cx, cy) = (num(&json["center"]["x"]), num(&json["center"]["y"]));
    for (id, inwards) in [("kubernetes", true), ("grpc", true), ("long", false)] {
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("blip-{id}")))
            .expect("blip");
        let class = g.attribute("class").unwrap_or("");
        assert!(
            class.ends_with(if inwards { "moved-in" } else { "moved-out" }),
            "{class}"
        );
        let blip = json["blips"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["id"] == id))
            .expect("in json");
        let (x, y) = (num(&blip["x"]), num(&blip["y"]));
        let d = g
            .children()
            .find(|c| c.has_tag_name("path"))
            .and_then(|p| p.attribute("d"))
            .expect("arc");
        let start: Vec<f64> = d
            .split(' ')
            .skip(1)
            .take(2)
            .filter_map(|t| t.parse().ok())
            .collect();
        let facing = (-start[1], start[0]);
        let to_centre = (cx - x, cy - y);
        let dot = facing.0 * to_centre.0 + facing.1 * to_centre.1;
        assert_eq!(dot > 0.0, inwards, "{id}: {d}");
    }
}

#[test]
fn one_group_per_blip_in_number_order() {
    let built = build(&fixture("radar-small"), &[]);
    let svg = built.read("radar.svg");
    let json = built.json();
    let blips = svg_blips(&svg);
    let data = json["blips"].as_array().expect("blips");
    let numbers: Vec<String> = blips.iter().map(|b| b.number.clone()).collect();
    let expected: Vec<String> = (1..=data.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected, "blips run in number order");
    for (blip, d) in blips.iter().zip(data) {
        let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
        assert_eq!(blip.id, s("id"));
        assert_eq!(
            blip.class,
            format!(
                "blip ring-{} quadrant-{} {}",
                s("ring"),
                s("quadrant"),
                s("change")
            )
        );
        assert_eq!(
            (blip.x, blip.y),
            (
                d["x"].as_f64().unwrap_or(-1.0),
                d["y"].as_f64().unwrap_or(-1.0)
            )
        );
        assert_eq!(blip.href, d["link"].as_str().map(str::to_owned));
        assert!(blip.title.contains(&s("name")), "{}", blip.title);
        let mentions = d["mentions"].as_u64().expect("mentions");
        assert!(
            blip.title.contains(&format!("{mentions} mention")),
            "{}",
            blip.title
        );
        // Each group starts on its own line.
        assert!(svg.contains(&format!("\n<g id=\"blip-{}\" class=", blip.id)));
    }
    // Numbers run by quadrant, then ring, then name.
    let order: Vec<(&str, &str)> = data
        .iter()
        .map(|d| {
            (
                d["quadrant"].as_str().unwrap_or(""),
                d["name"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(order[0], ("techniques", "GitOps"));
    let kubernetes = blips
        .iter()
        .find(|b| b.id == "kubernetes")
        .expect("kubernetes");
    assert_eq!(
        kubernetes.class,
        "blip ring-adopt quadrant-platforms moved-in"
    );
    assert!(
        kubernetes
            .title
            .contains("Adopt, Platforms; moved in since 2023-Q2; 5 mentions"),
        "{}",
        kubernetes.title
    );
    assert!(
        blips.iter().all(|b| b.id != "istio"),
        "retired technologies are not drawn"
    );
    let changes: Vec<&str> = blips
        .iter()
        .map(|b| b.class.rsplit(' ').next().unwrap_or(""))
        .collect();
    for change in ["new", "moved-in", "moved-out", "unchanged"] {
        assert!(changes.contains(&change), "no {change} blip in the fixture");
    }
}

#[test]
fn radar_json_has_the_documented_shape() {
    let built = build(&fixture("radar-small"), &[]);
    let json = built.json();
    assert_eq!(json["title"], "Fixture & <Friends> Radar");
    assert_eq!(json["edition"], "2024-Q3");
    assert!(json["center"]["x"].is_f64() && json["center"]["y"].is_f64());
    let keys = |v: &Value| {
        v.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(keys(&json["rings"][0]), ["id", "inner", "name", "outer"]);
    assert_eq!(
        keys(&json["quadrants"][0]),
        ["end_angle", "id", "name", "start_angle"]
    );
    assert_eq!(
        keys(&json["blips"][0]),
        [
            "change", "id", "link", "mentions", "name", "number", "quadrant", "r", "ring", "x", "y"
        ]
    );
    assert_eq!(json["rings"][0]["inner"], 0.0);
    assert_eq!(json["quadrants"][0]["start_angle"], -90.0);
    assert_eq!(json["quadrants"][3]["end_angle"], 270.0);
}

#[test]
fn markers_never_overlap_and_stay_in_their_cells() {
    let built = build(&fixture("radar-small"), &[]);
    assert_sound_placement(&built.read("radar.svg"), &built.json());
    assert_legends_beside_radar(&built.read("radar.svg"), &built.json());
}

#[test]
fn output_is_byte_identical_across_runs() {
    let first = build(&fixture("radar-small"), &[]);
    let second = build(&fixture("radar-small"), &[]);
    for path in [
        "radar.svg",
        "radar.json",
        "trends.svg",
        "editions/2023-Q2.svg",
    ] {
        assert_eq!(first.read(path), second.read(path), "{path} differs");
    }
}

#[test]
fn hostile_names_are_escaped_in_svg_and_json() {
    let built = build(&fixture("radar-small"), &[]);
    let name = r#"<script>alert("pwned")</script> & 'Co'"#;
    let svg = built.read("radar.svg");
    assert!(!svg.contains("<script"), "raw markup in the SVG");
    assert!(
        svg.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &apos;Co&apos;")
    );
    let hostile = svg_blips(&svg)
        .into_iter()
        .find(|b| b.id == "hostile")
        .expect("hostile blip");
    assert!(hostile.title.contains(name), "{}", hostile.title);
    assert_eq!(
        hostile.href.as_deref(),
        Some("https://example.com/?q=1&r='x'")
    );
    let json_text = built.read("radar.json");
    assert!(!json_text.contains("<script"), "raw markup in the JSON");
    assert!(json_text.contains(r"\u003cscript\u003e"));
    let json = built.json();
    let blip = json["blips"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["id"] == "hostile"))
        .expect("hostile");
    assert_eq!(blip["name"], name);
    assert!(svg.contains("可観測性プラットフォーム"));
    assert!(!built.read("trends.svg").contains("<script"));
}

#[test]
fn javascript_links_are_refused_by_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("reports")).expect("reports");
    let config = dir.path().join("radar.toml");
    std::fs::write(
        &config,
        "[radar]\ntitle = \"T\"\neditions = [\"2024-Q1\"]\n\n[technologies.x]\nname = \"X\"\nquadrant = \"tools\"\nlink = \"javascript:alert(1)\"\n\n[[technologies.x.placements]]\nedition = \"2024-Q1\"\nring = \"adopt\"\n",
    )
    .expect("write");
    for command in ["check", "build"] {
        let output = Command::cargo_bin("confradar")
            .expect("binary")
            .current_dir(dir.path())
            .arg(command)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("is not an http or https URL"), "{stderr}");
    }
    assert!(!dir.path().join("output").exists());
}

#[test]
fn edition_flag_renders_just_that_edition() {
    let built = build(&fixture("radar-small"), &["--edition", "2023-Q2"]);
    assert!(built.out.path().join("editions/2023-Q2.svg").is_file());
    assert!(!built.out.path().join("editions/2024-Q3.svg").exists());
    let old = svg_blips(&built.read("editions/2023-Q2.svg"));
    let ids: Vec<&str> = old.iter().map(|b| b.id.as_str()).collect();
    assert!(
        ids.contains(&"istio") && !ids.contains(&"hostile"),
        "{ids:?}"
    );
    assert!(
        old.iter().all(|b| b.class.ends_with(" new")),
        "the first edition is all new"
    );

    let output = Command::cargo_bin("confradar")
        .expect("binary")
        .arg("--config")
        .arg(fixture("radar-small"))
        .args(["build", "--edition", "2020-Q1"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`2020-Q1` is not one of the radar's editions (2023-Q2, 2024-Q3)"),
        "{stderr}"
    );
}

#[test]
fn trends_chart_labels_quarters_and_ranks_by_mentions() {
    let built = build(&fixture("radar-small"), &["--top", "3"]);
    let svg = built.read("trends.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_owned())
        .collect();
    assert!(texts.contains(&"2023-Q2".to_owned()), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == "2024-Q3" || t == "2024-Q2"),
        "{texts:?}"
    );
    let legend: Vec<&String> = texts
        .iter()
        .filter(|t| {
            t.strip_suffix(')')
                .and_then(|t| t.rsplit_once(" ("))
                .is_some_and(|(_, n)| n.parse::<u64>().is_ok())
        })
        .collect();
    assert_eq!(legend, ["Kubernetes (5)", "Go (2)", "gRPC (2)"]);
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
}

/// A generated radar: ids with their ring and quadrant indexes.
struct Synthetic {
    rings: usize,
    quadrants: usize,
    technologies: Vec<(String, usize, usize)>,
}

impl Synthetic {
    /// Writes radar.toml and an empty reports folder; returns the config.
    fn write(&self, dir: &Path) -> PathBuf {
        let mut toml = String::from("[radar]\ntitle = \"Synthetic\"\neditions = [\"2024-Q1\"]\n");
        let levels = |kind: &str, n: usize| {
            (0..n)
                .map(|i| {
                    format!(
                        "{{ id = \"{kind}-{i}\", name = \"{}{i}\" }}",
                        kind.to_uppercase()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(toml, "rings = [{}]", levels("r", self.rings));
        let _ = writeln!(toml, "quadrants = [{}]", levels("q", self.quadrants));
        for (id, ring, quadrant) in &self.technologies {
            let _ = write!(
                toml,
                "\n[technologies.{id}]\nname = \"{id}\"\nquadrant = \"q-{quadrant}\"\n\n[[technologies.{id}.placements]]\nedition = \"2024-Q1\"\nring = \"r-{ring}\"\n"
            );
        }
        std::fs::create_dir_all(dir.join("reports")).expect("reports");
        let config = dir.join("radar.toml");
        std::fs::write(&config, toml).expect("write");
        config
    }

    /// Builds it and returns the output.
    fn build(&self) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = self.write(dir.path());
        build(&config, &[])
    }
}

/// Blip positions by id, from radar.json.
fn positions(built: &Built) -> BTreeMap<String, (f64, f64)> {
    built.json()["blips"]
        .as_array()
        .expect("blips")
        .iter()
        .map(|b| {
            let id = b["id"].as_str().expect("id").to_owned();
            (
                id,
                (b["x"].as_f64().expect("x"), b["y"].as_f64().expect("y")),
            )
        })
        .collect()
}

/// 60 technologies spread by their hash over 4 rings and 4 quadrants.
fn sixty() -> Synthetic {
    Synthetic {
        rings: 4,
        quadrants: 4,
        technologies: (0..60)
            .map(|i| {
                let id = format!("tech-{i:02}");
                let h = id
                    .bytes()
                    .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
                (id, (h % 4) as usize, ((h / 4) % 4) as usize)
            })
            .collect(),
    }
}

#[test]
fn adding_removing_or_moving_one_keeps_95_percent_in_place() {
    let base = sixty();
    let before = positions(&base.build());
    let mut variants = Vec::new();
    for (n, id) in ["zeta", "alpha-mesh", "new-kid"].iter().enumerate() {
        let mut v = sixty();
        v.technologies.push(((*id).to_owned(), n % 4, (n + 1) % 4));
        variants.push((format!("add {id}"), v));
    }
    for n in [3, 17, 42] {
        let mut v = sixty();
        let removed = v.technologies.remove(n);
        variants.push((format!("remove {}", removed.0), v));
    }
    for n in [5, 28, 51] {
        let mut v = sixty();
        v.technologies[n].1 = (v.technologies[n].1 + 1) % 4;
        variants.push((format!("move {}", v.technologies[n].0), v));
    }
    for (what, variant) in variants {
        let after = positions(&variant.build());
        let moved_one = what.strip_prefix("move ");
        let common: Vec<&String> = before
            .keys()
            .filter(|id| after.contains_key(*id) && Some(id.as_str()) != moved_one)
            .collect();
        let kept = common
            .iter()
            .filter(|id| before[**id] == after[**id])
            .count();
        assert!(
            kept * 100 >= common.len() * 95,
            "{what}: only {kept} of {} blips kept their place",
            common.len()
        );
    }
}

#[test]
fn sixty_blips_in_one_band_of_one_quadrant() {
    for (ring, quadrant) in [(0, 0), (3, 2)] {
        let mut radar = sixty();
        for t in &mut radar.technologies {
            t.1 = ring;
            t.2 = quadrant;
        }
        let built = radar.build();
        assert_sound_placement(&built.read("radar.svg"), &built.json());
    }
}

#[test]
fn six_hundred_blips_on_one_radar() {
    let radar = Synthetic {
        rings: 4,
        quadrants: 4,
        technologies: (0..600)
            .map(|i| (format!("t{i:03}"), (i * 7 / 3) % 4, i % 4))
            .collect(),
    };
    let built = radar.build();
    let svg = built.read("radar.svg");
    assert_self_contained(&svg);
    assert_eq!(svg_blips(&svg).len(), 600);
    assert_sound_placement(&svg, &built.json());
    assert_legends_beside_radar(&svg, &built.json());
}

#[test]
fn every_ring_and_quadrant_count_draws_soundly() {
    for (rings, quadrants) in [(1, 1), (1, 8), (6, 1), (3, 5), (6, 8), (2, 3)] {
        let radar = Synthetic {
            rings,
            quadrants,
            technologies: (0..40)
                .map(|i| (format!("t{i:02}"), i % rings, (i / 2) % quadrants))
                .collect(),
        };
        let built = radar.build();
        let svg = built.read("radar.svg");
        assert_self_contained(&svg);
        let json = built.json();
        assert_eq!(json["rings"].as_array().map(Vec::len), Some(rings));
        assert_eq!(json["quadrants"].as_array().map(Vec::len), Some(quadrants));
        assert_sound_placement(&svg, &json);
        assert_legends_beside_radar(&svg, &json);
    }
}
