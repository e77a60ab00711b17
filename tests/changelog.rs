//! The changelog `build` writes: an entry per edition, newest first, with
//! its moves, evidence links and most mentioned technologies.
//!
//! The input is the fixture folder `tests/fixtures/history-basic/`: three
//! editions with every kind of change, and a report dated after the last.

mod support;

use support::Project;

/// The fixture built, and the changelog it wrote.
fn built() -> (Project, String) {
    let p = Project::fixture("history-basic");
    p.build(&[]);
    let changelog = p.read("output/CHANGELOG.md");
    (p, changelog)
}

#[test]
fn changelog_lists_each_edition_newest_first() {
    let p = Project::fixture("history-basic");
    let run = p.build(&[]);
    assert!(run.stdout.contains("wrote output/CHANGELOG.md"), "{run:?}");
    insta::assert_snapshot!("changelog", p.read("output/CHANGELOG.md"));
}

#[test]
fn changelog_groups_appear_in_order_and_only_when_not_empty() {
    let (_, text) = built();
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### "))
        .collect();
    assert_eq!(
        headings,
        [
            "## 2024-Q3",
            "### New",
            "### Retired",
            "### Most mentioned in this edition's reports",
            "## 2024-Q2",
            "### Moved in (towards Adopt)",
            "### Moved out (away from Adopt)",
            "### Most mentioned in this edition's reports",
            "## 2024-Q1",
            "### New",
            "### Most mentioned in this edition's reports",
        ]
    );
    // The first edition lists everything placed in it as new.
    let first = text.split("## 2024-Q1").nth(1).unwrap_or_default();
    for name in ["Kubernetes", "Istio", "Helm"] {
        assert!(
            first
                .lines()
                .any(|l| l.starts_with("- **") && l.contains(name) && l.contains(": new -> ")),
            "{name} is not new in the first edition"
        );
    }
    assert!(first.contains("**Istio** (Platforms): new -> Assess"));
    assert!(text.contains("**[Helm](<https://helm.sh/>)** (Tools): Hold -> retired"));
}

#[test]
fn changelog_evidence_links_point_at_the_quoted_line() {
    let (p, text) = built();
    let mut checked = 0;
    for line in text.lines().filter(|l| l.trim_start().starts_with("- [")) {
        // `- [id, line N](../reports/x.md#LN): "quote"`
        let Some((_, rest)) = line.split_once("](") else {
            continue;
        };
        let (href, after) = rest.split_once(')').expect("link closes");
        let Some((file, anchor)) = href.split_once("#L") else {
            continue;
        };
        let quote = after.trim_start_matches(": ").trim_matches('"').to_owned();
        let n: usize = anchor.parse().expect("line number");
        let report = std::fs::read_to_string(p.join("output").join(file)).expect("link resolves");
        let target = report.lines().nth(n - 1).expect("line exists");
        assert!(
            target.contains(&quote),
            "{href}: {target:?} lacks {quote:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "{text}");
    assert!(text.contains("(../reports/events/2024-08-kubeday.md#L9)"));
    assert!(text.contains("(../reports/2024-05-kubecon.md#L13)"));
    // Evidence without a quote links the report without an anchor.
    assert!(text.contains("  - [2024-05-kubecon](../reports/2024-05-kubecon.md)\n"));
}

#[test]
fn changelog_ranks_the_reports_of_each_edition() {
    let (_, text) = built();
    let q3 = text.split("## 2024-Q2").next().unwrap_or_default();
    // The November report comes after the last edition: not counted.
    assert!(q3.contains("| 1 | Cilium | 3 | 1 | +3 (was 0) |"), "{q3}");
    assert!(
        q3.contains("| 2 | Kubernetes | 1 | 1 | +0 (was 1) |"),
        "{q3}"
    );
    let q2 = text.split("## 2024-Q2").nth(1).unwrap_or_default();
    assert!(q2.contains("| 1 | Istio | 5 | 1 | +4 (was 1) |"), "{q2}");
}

#[test]
fn changelog_is_byte_identical_for_the_same_input() {
    let (p, first) = built();
    p.build(&["--out", "again"]);
    assert_eq!(first, p.read("again/CHANGELOG.md"));
}
