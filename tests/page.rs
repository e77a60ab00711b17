//! `output/index.html`: the page `build` writes. Pure checks on its text
//! (every technology, escaping of hostile input, determinism, size), and
//! the browser checks of `tests/browser/page_test.py` driven in headless
//! Chromium through Playwright, on the shipped example and on a radar with
//! tags, aliases and links.

mod support;

use std::path::Path;
use std::process::Command;

use support::Project;

/// The shipped example, built into a temporary folder.
fn shipped() -> Project {
    let p = Project::empty();
    p.build(&[
        "-q",
        "--config",
        concat!(env!("CARGO_MANIFEST_DIR"), "/radar.toml"),
    ]);
    p
}

#[test]
fn the_shipped_page_lists_every_technology_and_stays_small() {
    let p = shipped();
    let page = p.read("output/index.html");
    let radar: toml::Table = toml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/radar.toml"))
            .expect("radar.toml"),
    )
    .expect("radar.toml parses");
    let techs = radar["technologies"].as_table().expect("technologies");
    for id in techs.keys() {
        assert!(
            page.contains(&format!("<details id=\"tech-{id}\">")),
            "{id} has no detail"
        );
    }
    assert_eq!(page.matches("<li class=\"tech\"").count(), techs.len());
    assert!(page.len() < 300 * 1024, "{} bytes", page.len());
    // Each edition's drawing is inline, the current one shown.
    assert_eq!(page.matches("<figure class=\"edition\"").count(), 4);
    assert_eq!(
        page.matches("<figure class=\"edition\" id=\"edition-2024-Q3\" data-edition=\"2024-Q3\">")
            .count(),
        1
    );
    assert!(!page.contains("<?xml"));
    // Evidence links point at the report's line, as the changelog's do.
    assert!(
        page.contains("/reports/2018-12-kubecon-cloudnativecon-na.md#L"),
        "no evidence link"
    );
}

#[test]
fn the_page_loads_nothing_from_outside() {
    let page = shipped().read("output/index.html");
    for needle in ["<script src", "<link", "@import", "url(", "<img", "<iframe"] {
        assert!(!page.contains(needle), "the page has {needle}");
    }
    assert!(page.contains("Content-Security-Policy"));
}

#[test]
fn the_page_is_deterministic() {
    let a = shipped().read("output/index.html");
    let b = shipped().read("output/index.html");
    assert!(a == b, "two builds differ");
}

#[test]
fn hostile_names_quotes_and_reasons_are_text() {
    let p = Project::with_radar_edit("name = \"Istio\"", "name = \"<script>alert(1)</script>\"");
    p.edit(
        "radar.toml",
        "why = \"Seen at CNDT.\"",
        "why = \"\\\"><img src=x onerror=alert(1)> <b>bold</b> [x](https://ok.example/)\"",
    );
    p.edit(
        "radar.toml",
        "quadrant = \"platforms\"",
        "quadrant = \"platforms\"\ndescription = \"<iframe src=x>\"",
    );
    p.build(&["-q"]);
    let page = p.read("output/index.html");
    assert!(!page.contains("<script>alert"), "a name became markup");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<img src=x"), "a why became markup");
    assert!(!page.contains("<b>bold"), "raw HTML in a why became markup");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("<a href=\"https://ok.example/\">x</a>"));
    assert!(!page.contains("<iframe"), "a description became markup");
    // The page's only script is its own.
    assert_eq!(page.matches("<script").count(), 1);
}

#[test]
fn a_javascript_link_is_refused_before_the_page() {
    let p = Project::with_radar_edit("https://istio.io/", "javascript:alert(1)");
    let out = p.run(&["build"]);
    assert_ne!(out.code, 0, "{out:?}");
    assert!(!p.join("output/index.html").exists());
}

#[test]
fn tags_aliases_and_links_reach_the_detail() {
    let p = Project::fixture("model-fields");
    p.build(&["-q"]);
    let page = p.read("output/index.html");
    assert!(
        page.contains("<option value=\"frontend\">frontend</option>"),
        "no tag filter"
    );
    assert!(page.contains("<span class=\"chip\">frontend</span>"));
    insta::assert_snapshot!(detail(&page, "flow-js"));
}

/// One technology's list entry, from its `<li>` to its end.
fn detail<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<li class=\"tech\" data-id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id}"));
    let end = page[start..].find("</li>\n").expect("end") + start + "</li>\n".len();
    &page[start..end]
}

/// Whether the browser checks can run here: python3 with Playwright and
/// the system Chromium. Says why not.
fn browser_missing() -> Option<String> {
    if !Path::new("/usr/bin/chromium").exists() {
        return Some("/usr/bin/chromium is missing (Debian package chromium)".into());
    }
    match Command::new("python3")
        .args(["-c", "import playwright"])
        .output()
    {
        Ok(out) if out.status.success() => None,
        Ok(_) => Some("python3 has no playwright (pip install playwright)".into()),
        Err(_) => Some("python3 is missing".into()),
    }
}

/// Runs the browser checks on `p`'s page and asserts they pass.
fn browse(test: &str, p: &Project) {
    if let Some(why) = browser_missing() {
        support::skip(test, &why);
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/page_test.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(p.join("output/index.html"))
        .arg(p.path())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "{test}: the browser checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("page_test: all checks passed"), "{stdout}");
}

#[test]
fn the_shipped_page_works_in_a_browser() {
    browse("the_shipped_page_works_in_a_browser", &shipped());
}

#[test]
fn a_page_with_tags_works_in_a_browser() {
    let p = Project::fixture("model-fields");
    p.build(&["-q"]);
    browse("a_page_with_tags_works_in_a_browser", &p);
}
