//! What the generator draws from: the shipped example (its technologies,
//! evidence quotes and five reports, a realistic corpus), and pools of
//! hostile text, each pool split into what the README allows and what it
//! forbids, so a generated case knows whether it must pass or fail.

use std::sync::OnceLock;

/// One technology of the shipped radar.
pub(crate) struct SeedTech {
    pub name: String,
    pub aliases: Vec<String>,
    pub link: Option<String>,
    pub description: Option<String>,
    pub whys: Vec<String>,
}

/// One shipped report: its file name, its bytes, the quarter of its date,
/// and the quotes the shipped radar takes from it (known to be found).
pub(crate) struct SeedReport {
    pub file: &'static str,
    pub text: &'static str,
    pub quarter: (i32, u8),
    pub quotes: Vec<String>,
}

pub(crate) struct Seeds {
    pub techs: Vec<SeedTech>,
    pub reports: Vec<SeedReport>,
    /// Sentence pieces of the shipped reports' bodies, safe to quote when
    /// written into a body whole (no code, no URL, no fence marker).
    pub phrases: Vec<String>,
}

const SHIPPED_RADAR: &str = include_str!("../../radar.toml");
const SHIPPED_REPORTS: [(&str, &str, (i32, u8)); 5] = [
    (
        "2018-12-kubecon-cloudnativecon-na.md",
        include_str!("../../reports/2018-12-kubecon-cloudnativecon-na.md"),
        (2018, 4),
    ),
    (
        "2019-07-cloudnative-days-tokyo.md",
        include_str!("../../reports/2019-07-cloudnative-days-tokyo.md"),
        (2019, 3),
    ),
    (
        "2019-07-fukubernetes-node-2.md",
        include_str!("../../reports/2019-07-fukubernetes-node-2.md"),
        (2019, 3),
    ),
    (
        "2023-04-kubecon-cloudnativecon-eu.md",
        include_str!("../../reports/2023-04-kubecon-cloudnativecon-eu.md"),
        (2023, 2),
    ),
    (
        "2024-08-kubeday-japan.md",
        include_str!("../../reports/2024-08-kubeday-japan.md"),
        (2024, 3),
    ),
];

/// The seeds, read once from the shipped example.
pub(crate) fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(load)
}

fn load() -> Seeds {
    let table: toml::Table = SHIPPED_RADAR.parse().expect("the shipped radar parses");
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let text = |v: Option<&toml::Value>| v.and_then(toml::Value::as_str).map(str::to_owned);
    let mut techs = Vec::new();
    let mut quotes: Vec<(String, String)> = Vec::new();
    let technologies = table
        .get("technologies")
        .and_then(toml::Value::as_table)
        .expect("technologies");
    for tech in technologies.values() {
        let placements: Vec<&toml::Value> = tech
            .get("placements")
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let mut whys = Vec::new();
        for p in &placements {
            whys.extend(text(p.get("why")));
            for e in p
                .get("evidence")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
            {
                if let (Some(r), Some(q)) = (text(e.get("report")), text(e.get("quote"))) {
                    quotes.push((r, q));
                }
            }
        }
        techs.push(SeedTech {
            name: text(tech.get("name")).expect("name"),
            aliases: strings(tech.get("aliases")),
            link: text(tech.get("link")),
            description: text(tech.get("description")),
            whys,
        });
    }
    let mut phrases = Vec::new();
    let reports = SHIPPED_REPORTS
        .iter()
        .map(|&(file, text, quarter)| {
            let id = file.trim_end_matches(".md");
            let body = text.splitn(3, "+++\n").nth(2).unwrap_or(text);
            let mut in_fence = false;
            for line in body.lines() {
                if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                    in_fence = !in_fence;
                    continue;
                }
                if in_fence {
                    continue;
                }
                for piece in line.split(['。', '、', '(', ')', '「', '」']) {
                    let piece = piece.trim_matches(|c: char| c.is_whitespace() || c == '-');
                    let n = piece.chars().count();
                    if (4..=40).contains(&n)
                        && !piece.contains("http")
                        && !piece.contains(['`', '~', '#', '+'])
                        && !piece.starts_with(|c: char| c.is_ascii_punctuation())
                    {
                        phrases.push(piece.to_owned());
                    }
                }
            }
            SeedReport {
                file,
                text,
                quarter,
                quotes: quotes
                    .iter()
                    .filter(|(r, _)| r == id)
                    .map(|(_, q)| q.clone())
                    .collect(),
            }
        })
        .collect();
    phrases.sort();
    phrases.dedup();
    Seeds {
        techs,
        reports,
        phrases,
    }
}

/// Names and aliases the README allows: markup, quotes, formulas, option
/// look-alikes, Japanese, full-width and half-width forms, combining marks,
/// format characters that are not bidi controls, and the longest length.
pub(crate) const GOOD_NAMES: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "' OR '1'='1",
    "=HYPERLINK(\"http://x.test\",\"y\")",
    "+cmd|' /C calc'!A0",
    "-rf",
    "--force",
    "@SUM(A1)",
    "javascript:alert(1)",
    "&amp; &lt; &#x3C;",
    "]]>",
    "<!-- x -->",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "%s%n%x",
    "back\\slash",
    "*emph* _u_ [l](https://x.test)",
    "| table |",
    "# heading",
    "Ｋｕｂｅｒｎｅｔｅｓ",
    "ｻｰﾋﾞｽﾒｯｼｭ",
    "サービスメッシュ",
    "日本語の名前",
    "🚀 Rocket",
    "Cafe\u{301}",
    "ﬁle ligature",
    "Ⅳ roman",
    "① circled",
    "A\u{200D}B",
    "zero\u{200B}width",
    "line\u{2028}separator",
    "  padded  ",
    "Straße",
    "İstanbul",
    "Ǆungla",
    "k8s-operator",
    "Go",
    "C++",
    ".NET",
    "a",
    "\u{3042}\u{3099}",
    "x\u{FEFF}y",
];

/// Names and aliases the README forbids: control and bidi characters, and
/// text that is empty once normalized.
pub(crate) const BAD_NAMES: &[&str] = &[
    "Ist\u{1b}[31mio",
    "bell\u{7}",
    "nul\u{0}",
    "csi\u{9b}x",
    "rlo\u{202E}txt.exe",
    "iso\u{2066}late\u{2069}",
    "tab\there",
    "new\nline",
    "",
    "   ",
    "\u{3000}",
    "del\u{7f}",
];

/// Links the README allows.
pub(crate) const GOOD_LINKS: &[&str] = &[
    "https://istio.io/",
    "http://example.com",
    "https://例え.jp/パス",
    "https://x.test/a?b=c&d='e'#f",
    "https://k8s.io/)[x](javascript:alert(1))",
    "https://x.test/%3Cscript%3E",
    "https://user@x.test:8443/",
    "HTTPS://X.TEST/UP",
    "https://x.test/=cmd",
    "https://[::1]:8080/v6",
];

/// Links it forbids.
pub(crate) const BAD_LINKS: &[&str] = &[
    "javascript:alert(1)",
    "https:/istio.io",
    "https://",
    "http://exa mple.com/",
    "https://x.test/\"onmouseover=\"x",
    "https://x.test/`x`",
    "https://x.test/<b>",
    "https://x.test\\@evil",
    "ftp://x.test/",
    "data:text/html,hi",
    "//x.test/",
    "mailto:a@b.test",
    "https://x.test/\u{1b}[0m",
    "",
];

/// Markdown for `why` and `description` that is allowed: raw HTML (to be
/// escaped), web and mail links, relative links, code, line breaks.
pub(crate) const GOOD_MARKDOWN: &[&str] = &[
    "**bold** and <script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[home](https://x.test)",
    "[m](mailto:a@b.test)",
    "[rel](../reports/x.md)",
    "<https://autolink.test>",
    "line1\nline2\ttab",
    "`code <b>` and `javascript:alert(1)`",
    "```\nfence <script>\n```",
    "<!-- comment -->",
    "&lt;already&gt;",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[x]\n\n[x]: https://ref.test",
    "CRLF\r\nline",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg><script>alert(1)</script></svg>",
    "]]> <![CDATA[ x ]]>",
];

/// Markdown that is not: links that leave the web, control characters.
pub(crate) const BAD_MARKDOWN: &[&str] = &[
    "[click](javascript:alert(1))",
    "<JavaScript:alert(1)>",
    "[x]\n\n[x]: data:text/html,hi",
    "[v](vbscript:msgbox)",
    "[s](<java script:alert(1)>)",
    "esc\u{1b}[2J",
    "bidi\u{202E}x",
];

/// Titles the README allows.
pub(crate) const GOOD_TITLES: &[&str] = &[
    "Platform Team Technology Radar",
    "技術レーダー <b>2024</b>",
    "=cmd & \"quotes\" 'single'",
    "Ｆｕｌｌ ｗｉｄｔｈ",
    "-- looks like an option",
];

/// Plain body text with no special meaning to the counting rule.
pub(crate) const ENGLISH: &[&str] = &[
    "Traffic Management",
    "service mesh",
    "we tried it in staging",
    "the keynote",
    "observability",
    "sidecar proxy",
    "GitOps workflow",
    "Day 2 operations",
];

/// Body text with markup, scripts, control and bidi characters: fine in a
/// report, never to reach an output as it is.
pub(crate) const HOSTILE_BODY: &[&str] = &[
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{202E}reversed",
    "form\u{c}feed",
    "lone\rreturn",
    "=HYPERLINK(\"x\")",
    "]]><!--",
    "&#x3C;svg onload=alert(1)&#x3E;",
    "🧪🚀",
    "ｶﾞｷﾞｸﾞ",
    "\u{FEFF}",
    "\u{85}nel",
];
