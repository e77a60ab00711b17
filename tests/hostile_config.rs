//! Hostile and careless radar files: each test is named after the input it
//! pins, and fails on a confradar that lets that input through. What must
//! hold: no markup, script or link the file did not mean reaches an output;
//! nothing from the file drives a terminal or a spreadsheet; every problem
//! is reported at its place in one run; no input makes git write a file.

mod support;

use pulldown_cmark::{Event, Parser, Tag};
use support::Project;

/// Every link target and every raw HTML fragment of a Markdown text, as a
/// `CommonMark` renderer sees them.
fn links_and_html(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut links, mut html) = (Vec::new(), Vec::new());
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.into_string());
            }
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.into_string()),
            _ => {}
        }
    }
    (links, html)
}

/// The codes (as debug names are not public, the message) and places of
/// the errors `check` printed: each `error: PLACE: message` title line.
fn error_places(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .map(|l| l.split(": ").next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn diff_revision_that_looks_like_an_option_is_refused_before_git_runs() {
    let p = Project::new();
    p.git(&["init", "-q"]);
    p.git(&["add", "radar.toml"]);
    p.git(&["commit", "-q", "-m", "base"]);
    let target = p.join("written-by-git");
    let spec = format!("--output={}:radar.toml", target.display());
    for args in [
        vec!["diff", "--", &spec],
        vec!["diff", "radar.toml", "--", &spec],
    ] {
        let out = p.run(&args);
        assert_eq!(out.code, 2, "{args:?}\n{}", out.stderr);
        assert!(
            out.stderr.contains("cannot start with `-`"),
            "{}",
            out.stderr
        );
        assert!(!target.exists(), "git wrote {}", target.display());
    }
}

#[test]
fn link_with_a_closing_paren_cannot_become_a_javascript_link() {
    let p = Project::with_radar_edit(
        "link = \"https://istio.io/\"",
        "link = \"https://k8s.io/)[x](javascript:alert(1))\"",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (links, _) = links_and_html(&p.read("output/CHANGELOG.md"));
    assert!(
        links
            .iter()
            .all(|l| !l.to_ascii_lowercase().contains("javascript")
                || l.starts_with("https://k8s.io/")),
        "{links:?}"
    );
    assert!(
        links.contains(&"https://k8s.io/)[x](javascript:alert(1))".to_owned()),
        "the link is kept whole: {links:?}"
    );
}

#[test]
fn links_that_are_not_web_urls_are_errors() {
    for link in [
        "javascript:alert(1)",
        "https:/istio.io",
        "https://",
        "http://exa mple.com/",
        "https://x.io/\"onmouseover=\"x",
        "https://x.io/`x`",
        "https://x.io/<b>",
        "https://x.io\\@evil",
        "ftp://x.io/",
    ] {
        let p =
            Project::with_radar_edit("link = \"https://istio.io/\"", &format!("link = '{link}'"));
        let stderr = p.check_fails();
        assert!(
            stderr.contains("error: radar.toml:8:8: the link"),
            "{link}:\n{stderr}"
        );
    }
}

#[test]
fn raw_html_in_why_and_description_is_escaped_in_the_changelog() {
    let p = Project::with_radar_edit(
        "why = \"Seen at CNDT.\"",
        "why = \"Seen at <img src=x onerror=alert(1)> CNDT.\\n\\n<script>alert(2)</script>\\n\\nKeep `<b>` and **bold**.\"",
    );
    let out = p.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let changelog = p.read("output/CHANGELOG.md");
    let (_, html) = links_and_html(&changelog);
    assert!(html.is_empty(), "raw HTML reached the changelog: {html:?}");
    assert!(changelog.contains("&lt;img src=x"), "{changelog}");
    assert!(changelog.contains("&lt;script>"), "{changelog}");
    assert!(changelog.contains("`<b>` and **bold**"), "{changelog}");
}

#[test]
fn javascript_links_in_markdown_fields_are_errors() {
    for (field, place) in [
        ("why = \"[click](javascript:alert(1))\"", "radar.toml:13:7"),
        ("why = \"<JavaScript:alert(1)>\"", "radar.toml:13:7"),
        (
            "why = \"[x]\\n\\n[x]: data:text/html,hi\"",
            "radar.toml:13:7",
        ),
    ] {
        let p = Project::with_radar_edit("why = \"Seen at CNDT.\"", field);
        let stderr = p.check_fails();
        assert_eq!(error_places(&stderr), [place], "{field}:\n{stderr}");
    }
    let p = Project::with_radar_edit(
        "link = \"https://istio.io/\"",
        "link = \"https://istio.io/\"\ndescription = \"[home](javascript:void(0))\"",
    );
    assert_eq!(error_places(&p.check_fails()), ["radar.toml:9:15"]);
}

#[test]
fn control_and_bidi_characters_in_any_text_field_are_errors_at_their_place() {
    let fields = [
        (
            "title = \"Test Radar\"",
            "title = \"Test {}Radar\"",
            "radar.toml:2:9",
        ),
        ("name = \"Istio\"", "name = \"Ist{}io\"", "radar.toml:6:8"),
        (
            "link = \"https://istio.io/\"",
            "link = \"https://istio.io/\"\naliases = [\"ok\", \"is{}tio\"]",
            "radar.toml:9:18",
        ),
        (
            "why = \"Seen at CNDT.\"",
            "why = \"Seen{} at CNDT.\"",
            "radar.toml:13:7",
        ),
        (
            "link = \"https://istio.io/\"",
            "link = \"https://istio.io/\"\ndescription = \"a{}b\"",
            "radar.toml:9:15",
        ),
        (
            "quote = \"Traffic Management\"",
            "quote = \"Traffic{} Management\"",
            "radar.toml:14:51",
        ),
        (
            "report = \"2019-07-22-cndt\"",
            "report = \"2019-07-22-cndt{}\"",
            "radar.toml:14:24",
        ),
        (
            "edition = \"2019-Q3\"",
            "edition = \"2019-Q3{}\"",
            "radar.toml:11:11",
        ),
    ];
    // ESC, BEL, NUL, a C1 control (CSI), and bidi overrides and isolates.
    for c in [
        "\\u001B", "\\u0007", "\\u0000", "\\u009B", "\\u202E", "\\u2066", "\\u2069",
    ] {
        for (from, to, place) in fields {
            let p = Project::with_radar_edit(from, &to.replace("{}", c));
            let stderr = p.check_fails();
            assert!(
                stderr.contains(&format!("error: {place}: the ")),
                "{c} in {to}:\n{stderr}"
            );
            assert!(
                !stderr.contains(['\u{1b}', '\u{7}', '\u{0}', '\u{9b}', '\u{202e}']),
                "the error itself printed the character"
            );
        }
    }
    // Tabs and line breaks are fine where text may span lines.
    let p = Project::with_radar_edit(
        "why = \"Seen at CNDT.\"",
        "why = \"\"\"\nSeen\tat\r\nCNDT.\n\"\"\"",
    );
    assert_eq!(p.run(&["check"]).code, 0);
}

#[test]
fn report_names_that_look_like_formulas_are_neutralized_in_csv() {
    let report = "+++\ndate = 2019-07-01\n+++\nIstio.\n";
    let p = Project::new()
        .file("reports/=HYPERLINK(\"http&x\",\"y\").md", report)
        .file("reports/+cmd.md", report)
        .file("reports/-2+3.md", report)
        .file("reports/@SUM(A1).md", report);
    let out = p.run(&["mentions", "--by", "report", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let reports: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').map_or("", |(_, rest)| rest))
        .collect();
    assert_eq!(
        reports,
        [
            "'+cmd,2019-07-01,1",
            "'-2+3,2019-07-01,1",
            "2019-07-22-cndt,2019-07-22,1",
            "\"'=HYPERLINK(\"\"http&x\"\",\"\"y\"\")\",2019-07-01,1",
            "'@SUM(A1),2019-07-01,1",
        ]
    );
}

#[test]
fn a_400_kb_alias_is_an_error_not_a_30_second_compile() {
    let alias = "k".repeat(400_000);
    let p = Project::with_radar_edit(
        "link = \"https://istio.io/\"",
        &format!("link = \"https://istio.io/\"\naliases = [\"{alias}\"]"),
    );
    let stderr = p.check_fails();
    assert!(
        stderr.contains(
            "error: radar.toml:9:12: the alias is 400000 characters long; the most is 120"
        ),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    // The message names the place, it does not repeat the 400 KB.
    assert!(stderr.len() < 420_000 + 2000);
}

#[test]
fn ids_titles_and_names_have_length_limits() {
    let long_id = format!("[technologies.{}]", "a".repeat(65));
    let p = Project::with_radar_edit("[technologies.istio]", &long_id);
    let stderr = p.check_fails();
    assert!(
        stderr.contains("error: radar.toml:5:15: invalid technology id"),
        "{stderr}"
    );
    let p = Project::with_radar_edit(
        "title = \"Test Radar\"",
        &format!("title = \"{}\"", "T".repeat(201)),
    );
    assert!(
        p.check_fails()
            .contains("the title is 201 characters long; the most is 200")
    );
}

#[test]
fn two_unknown_keys_in_different_tables_and_a_bad_value_are_all_reported() {
    let p = Project::with_radar_edit(
        "title = \"Test Radar\"",
        "title = \"Test Radar\"\ncolour = \"red\"",
    )
    .file(
        "radar.toml",
        &support::RADAR
            .replace(
                "title = \"Test Radar\"",
                "title = \"Test Radar\"\ncolour = \"red\"",
            )
            .replace(
                "link = \"https://istio.io/\"",
                "link = \"https://istio.io/\"\nhomepage = \"x\"\ncase_sensitive = \"yes\"",
            ),
    );
    let stderr = p.check_fails();
    assert_eq!(
        error_places(&stderr),
        ["radar.toml:3:1", "radar.toml:10:1", "radar.toml:11:18"],
        "{stderr}"
    );
    assert!(stderr.contains("unknown key `colour`"), "{stderr}");
    assert!(stderr.contains("unknown key `homepage`"), "{stderr}");
    assert!(
        stderr.contains("`case_sensitive` must be true or false, not a string"),
        "{stderr}"
    );
}

#[test]
fn radar_toml_that_is_not_utf8_is_an_input_error_at_its_first_bad_byte() {
    let latin1 = support::RADAR
        .replace("Seen at CNDT.", "Vu \u{0}")
        .into_bytes()
        .into_iter()
        .map(|b| if b == 0 { 0xE9 } else { b })
        .collect::<Vec<u8>>();
    let p = Project::new().bytes("radar.toml", &latin1);
    let stderr = p.check_fails();
    assert!(
        stderr.contains("error: radar.toml:13:11: not valid UTF-8: byte 0xE9"),
        "{stderr}"
    );
    assert!(
        stderr.contains("why = \"Vu"),
        "the line is shown:\n{stderr}"
    );
}

#[test]
fn radar_toml_in_utf16_is_an_input_error_saying_so() {
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in support::RADAR.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let p = Project::new().bytes("radar.toml", &utf16);
    let stderr = p.check_fails();
    assert!(
        stderr.contains("error: radar.toml:1:1: the radar file is UTF-16, not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn reports_key_may_not_climb_out_of_the_project() {
    for reports in ["../elsewhere", "/etc", "sub/../../x", ""] {
        let p = Project::with_radar_edit(
            "editions = ",
            &format!("reports = \"{reports}\"\neditions = "),
        );
        let stderr = p.check_fails();
        assert!(
            stderr.contains("error: radar.toml:3:11: the reports folder"),
            "{reports}:\n{stderr}"
        );
    }
    let p = Project::with_radar_edit("editions = ", "reports = \"./reports/\"\neditions = ");
    assert_eq!(p.run(&["check"]).code, 0);
}
