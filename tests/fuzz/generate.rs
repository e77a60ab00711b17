//! The structure-aware generator: a project (radar.toml and a reports
//! folder) built from a model that knows what the README allows, so each
//! case comes with an expectation: it must pass, it must fail, or (after
//! byte mutation or a guess of the encoding) anything goes as long as the
//! general properties hold.
//!
//! Valid cases follow the documented rules exactly: names unique after
//! NFKC and ASCII case folding, evidence from reports dated by the
//! edition's quarter, quotes that are whole runs of body text outside code
//! fences and URLs (written in other case, width or spacing, which the
//! README says compare equal). Faults are injected one kind at a time,
//! each one a documented error.

use fastrand::Rng;

use super::seeds::{self, BAD_LINKS, BAD_MARKDOWN, BAD_NAMES, ENGLISH, GOOD_LINKS, GOOD_MARKDOWN};
use super::seeds::{GOOD_NAMES, GOOD_TITLES, HOSTILE_BODY};
use super::toml_doc::{self, Item, Table};

/// A file of the project: a path relative to the project folder
/// (`/`-separated, possibly not UTF-8) and its bytes.
#[derive(Clone, Debug)]
pub(crate) struct File {
    pub path: Vec<u8>,
    pub bytes: Vec<u8>,
}

/// What a case must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expect {
    /// `check` exits 0.
    Valid,
    /// `check` exits 1.
    Invalid,
    /// No oracle for the exit code; the general properties still hold.
    Any,
}

/// A generated project.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub seed: u64,
    pub files: Vec<File>,
    pub expect: Expect,
    /// What was done to the model, for the failure report.
    pub notes: Vec<String>,
    /// Technology ids, for `mentions --tech`.
    pub tech_ids: Vec<String>,
    /// The editions, for `build --edition`.
    pub editions: Vec<String>,
}

/// A quarter as (year, 1..=4).
type Q = (i32, u8);

fn q_next((y, q): Q, n: u32) -> Q {
    let total = i64::from(y) * 4 + (i64::from(q) - 1) + i64::from(n);
    ((total / 4) as i32, (total % 4) as u8 + 1)
}

fn q_prev((y, q): Q, n: u32) -> Q {
    let total = (i64::from(y) * 4 + (i64::from(q) - 1) - i64::from(n)).max(0);
    ((total / 4) as i32, (total % 4) as u8 + 1)
}

fn q_text((y, q): Q) -> String {
    format!("{y:04}-Q{q}")
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn chance(rng: &mut Rng, percent: u8) -> bool {
    rng.u8(..100) < percent
}

/// The key names and aliases are compared by (README: NFKC, whitespace
/// folded, ASCII case ignored).
fn pattern_key(text: &str) -> String {
    confradar::text::normalize_phrase(text).to_ascii_lowercase()
}

/// A report as the model knows it.
#[derive(Clone, Debug)]
struct Report {
    /// Path under `reports/`.
    rel: Vec<u8>,
    /// Its id: the path without extension.
    id: String,
    quarter: Q,
    /// Texts a quote may be taken from, each found in the body.
    quotes: Vec<String>,
    bytes: Vec<u8>,
    /// Whether the id can be written in radar.toml as evidence.
    citable: bool,
}

struct Model {
    editions: Vec<Q>,
    rings: Vec<String>,
    quadrants: Vec<String>,
    reports: Vec<Report>,
    notes: Vec<String>,
    /// Whether the case may be something other than what its faults say
    /// (an encoding guess, an extreme date range).
    uncertain: bool,
    /// Whether the case holds a documented error besides its faults (a
    /// report file name with a control character, which is refused).
    invalid: bool,
}

/// Generates the project for `seed`.
pub(crate) fn project(seed: u64) -> Case {
    let mut rng = Rng::with_seed(seed);
    let rng = &mut rng;
    let mut m = Model {
        editions: editions(rng),
        rings: Vec::new(),
        quadrants: Vec::new(),
        reports: Vec::new(),
        notes: Vec::new(),
        uncertain: false,
        invalid: false,
    };
    let mut radar = Table::default();
    let mut header = Table::default();
    header.set(
        "title",
        Item::Str(if chance(rng, 50) {
            "Platform Team Technology Radar".into()
        } else {
            pick(rng, GOOD_TITLES).to_string()
        }),
    );
    header.set(
        "editions",
        Item::Array(m.editions.iter().map(|&q| Item::Str(q_text(q))).collect()),
    );
    match rng.u8(..6) {
        0 => header.set("reports", Item::Str("reports".into())),
        1 => header.set("reports", Item::Str("./reports/".into())),
        2 => header.set("reports", Item::Str("reports/.".into())),
        _ => {}
    }
    m.rings = levels(
        rng,
        &mut header,
        "rings",
        &["adopt", "trial", "assess", "hold"],
        6,
    );
    m.quadrants = levels(
        rng,
        &mut header,
        "quadrants",
        &[
            "techniques",
            "tools",
            "platforms",
            "languages-and-frameworks",
        ],
        8,
    );
    if chance(rng, 10) {
        header.set("max_report_size", Item::Str("16 MiB".into()));
    }
    radar.set("radar", Item::Table(header));

    let n_reports = [0, 1, 1, 2, 2, 3, 4][rng.usize(..7)];
    for _ in 0..n_reports {
        let report = report(rng, &mut m);
        if m.reports.iter().all(|r| r.id != report.id) {
            m.reports.push(report);
        }
    }
    let mut techs = Table::default();
    let mut used: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let crowded = chance(rng, 2);
    let n_techs = if crowded {
        rng.usize(30..80)
    } else {
        [0, 1, 2, 2, 3, 4, 6][rng.usize(..7)]
    };
    for i in 0..n_techs {
        let (id, mut tech) = technology(rng, &m, i, &mut used);
        if crowded {
            // One cell of the radar, crowded: the layout has to grow.
            tech.set("quadrant", Item::Str(m.quadrants[0].clone()));
            if let Some(ps) = tech.tables_mut("placements") {
                for p in ps.iter_mut() {
                    p.set("ring", Item::Str(m.rings[0].clone()));
                }
            }
        }
        if !ids.contains(&id) {
            ids.push(id.clone());
            techs.set(&id, Item::Table(tech));
        }
    }
    if !techs.entries.is_empty() || chance(rng, 50) {
        radar.set("technologies", Item::Table(techs));
    }

    let mut expect = Expect::Valid;
    let mut extra_text: Vec<String> = Vec::new();
    if chance(rng, 40) {
        for _ in 0..=rng.usize(..2) {
            if let Some(note) = fault(rng, &mut radar, &mut m, &mut extra_text) {
                m.notes.push(note);
                expect = Expect::Invalid;
            }
        }
    }
    if chance(rng, 8) {
        extras(rng, &mut m);
    }
    let mut text = toml_doc::write(rng, &radar);
    for extra in extra_text {
        text.push_str(&extra);
    }
    let mut files = vec![File {
        path: b"radar.toml".to_vec(),
        bytes: text.into_bytes(),
    }];
    for r in &m.reports {
        let mut path = b"reports/".to_vec();
        path.extend_from_slice(&r.rel);
        files.push(File {
            path,
            bytes: r.bytes.clone(),
        });
    }
    if m.invalid && expect == Expect::Valid {
        expect = Expect::Invalid;
    }
    if m.uncertain && expect == Expect::Valid {
        expect = Expect::Any;
    }
    Case {
        seed,
        files,
        expect,
        editions: m.editions.iter().map(|&q| q_text(q)).collect(),
        notes: m.notes,
        tech_ids: ids,
    }
}

fn editions(rng: &mut Rng) -> Vec<Q> {
    let start: Q = match rng.u8(..50) {
        0 => (0, 1),
        1 => (9998, 2),
        _ => (2012 + rng.i32(0..14), rng.u8(1..=4)),
    };
    let n = [1, 2, 2, 3, 3, 4, 5][rng.usize(..7)];
    let mut out = vec![start];
    for _ in 1..n {
        let last = *out.last().expect("one edition");
        let next = q_next(last, rng.u32(1..6));
        if next.0 > 9999 {
            break;
        }
        out.push(next);
    }
    out
}

/// Rings or quadrants: the defaults (the key left out, or written out), or
/// a custom list with names from the hostile pool.
fn levels(
    rng: &mut Rng,
    header: &mut Table,
    key: &str,
    defaults: &[&str],
    max: usize,
) -> Vec<String> {
    match rng.u8(..10) {
        0..=5 => defaults
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        6 => {
            let tables = defaults.iter().map(|id| level(id, &titled(id))).collect();
            header.set(key, Item::Tables(tables));
            defaults
                .iter()
                .map(std::string::ToString::to_string)
                .collect()
        }
        _ => {
            let n = rng.usize(1..=max);
            let ids: Vec<String> = (0..n)
                .map(|i| match rng.u8(..3) {
                    0 => format!("{}{i}", &key[..1]),
                    1 => format!("{i}-{}", &key[..key.len() - 1]),
                    _ => format!("lvl-{i}-x"),
                })
                .collect();
            let tables = ids
                .iter()
                .map(|id| {
                    let name = if chance(rng, 50) {
                        pick(rng, GOOD_NAMES).to_string()
                    } else {
                        titled(id)
                    };
                    level(id, &name)
                })
                .collect();
            header.set(key, Item::Tables(tables));
            ids
        }
    }
}

fn level(id: &str, name: &str) -> Table {
    let mut t = Table::default();
    t.set("id", Item::Str(id.into()));
    t.set("name", Item::Str(name.into()));
    t
}

fn titled(id: &str) -> String {
    let mut c = id.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

// ------------------------------------------------------------- reports

/// File name pieces: plain, Japanese, and what the README lets a file be
/// called (formula and option look-alikes, quotes, markup).
const SLUGS: &[&str] = &[
    "kubecon",
    "cndt-2019",
    "ふくばねてす",
    "Ｆｕｌｌ幅",
    "with space",
    "quote'\"",
    "=HYPERLINK(\"x\")",
    "+cmd",
    "-rf",
    "@SUM(A1)",
    "#hash",
    "%41",
    "semi;colon",
    "comma,name",
    "<script>",
    "a?b",
    "日本語 レポート",
    "emoji🚀",
    "back\\slash",
    "javascript:alert(1)",
];

fn report(rng: &mut Rng, m: &mut Model) -> Report {
    if chance(rng, 35) {
        return shipped_report(rng, m);
    }
    let first = m.editions[0];
    let last = *m.editions.last().expect("an edition");
    // Some reports before the first edition, some after the last.
    let lo = q_prev(first, 3);
    let span =
        (i64::from(last.0) * 4 + i64::from(last.1)) - (i64::from(lo.0) * 4 + i64::from(lo.1)) + 3;
    let quarter = q_next(lo, rng.u32(..span.clamp(1, 400) as u32));
    let quarter = if quarter.0 > 9999 { last } else { quarter };
    // Now and then a date at either end of what a date can be: a trend
    // chart over ten thousand years must still be drawn in time.
    let quarter = match rng.u8(..100) {
        0 => (1, 1),
        1 => (9999, 4),
        _ => quarter,
    };
    let month = (u32::from(quarter.1) - 1) * 3 + rng.u32(1..=3);
    let day = rng.u32(1..=28);
    let date_full = format!("{:04}-{month:02}-{day:02}", quarter.0);
    let date_month = format!("{:04}-{month:02}", quarter.0);
    // Where the date comes from.
    let (front_date, name_date): (Option<String>, Option<String>) = match rng.u8(..6) {
        0 => (Some(date_full.clone()), None),
        1 => (Some(format!("\"{date_full}\"")), None),
        2 => (Some(format!("\"{date_month}\"")), None),
        3 => (
            Some(format!("{date_full}T10:00:00+09:00")),
            Some(date_full.clone()),
        ),
        4 => (None, Some(date_full.clone())),
        _ => (None, Some(date_month.clone())),
    };
    let slug = if chance(rng, 60) {
        format!(
            "{}-{}",
            pick(rng, &["kubecon", "meetup", "cndt", "kubeday"]),
            rng.u16(..1000)
        )
    } else {
        format!("{}{}", pick(rng, SLUGS), rng.u8(..10))
    };
    let stem = match &name_date {
        Some(d) => format!("{d}-{slug}"),
        None => slug,
    };
    let ext = pick(rng, &["md", "md", "md", "txt", "MD"]);
    let dir = if chance(rng, 15) {
        pick(rng, &["2019/", "sub/dir/", "日本/"]).to_string()
    } else {
        String::new()
    };
    let mut id = format!("{dir}{stem}");
    let mut rel = format!("{id}.{ext}").into_bytes();
    let mut citable = true;
    // File names the file system allows but confradar refuses: control and
    // bidi characters, a line break, bytes that are not UTF-8. Such a
    // report is an error, and its id cannot be cited as evidence.
    if chance(rng, 6) {
        let odd: &[u8] = pick::<&[u8]>(
            rng,
            &[
                &b"\x1b[31m"[..],
                b"\r",
                b"\x07",
                b"\xE2\x80\xAE",
                b"\xFF\xFE",
                b"\xC3",
            ],
        );
        let mut stem = format!("{dir}{stem}").into_bytes();
        stem.extend_from_slice(odd);
        id = String::from_utf8_lossy(&stem).into_owned();
        rel = stem;
        rel.extend_from_slice(format!(".{ext}").as_bytes());
        citable = false;
        m.invalid = true;
        m.notes.push(format!(
            "report file name {:?}",
            String::from_utf8_lossy(&rel)
        ));
    }
    let (body, quotes) = body(rng, m);
    let crlf = chance(rng, 15);
    let mut text = String::new();
    if front_date.is_some() || chance(rng, 30) {
        text.push_str("+++\n");
        if chance(rng, 60) {
            text.push_str(&format!(
                "title = {}\n",
                toml_doc::basic(pick::<&str>(
                    rng,
                    &[
                        "KubeCon 参加メモ",
                        "\u{1b}[31mred title",
                        "<script>t</script>",
                        "=cmd"
                    ]
                ))
            ));
        }
        if let Some(d) = &front_date {
            text.push_str(&format!("date = {d}\n"));
        }
        if chance(rng, 40) {
            text.push_str("event = \"KubeDay Japan\"\nsource = \"https://example.test/blog\"\nauthors = [\"Platform Team\", \"山田\"]\nlanguage = \"ja\"\ntags = [\"k8s\"]\n");
        }
        text.push_str(pick::<&str>(rng, &["+++\n", "+++  \n", "+++\t\n"]));
    }
    text.push_str(&body);
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = text.into_bytes();
    if chance(rng, 10) {
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(bytes);
        bytes = with_bom;
    }
    Report {
        rel,
        id,
        quarter,
        quotes,
        bytes,
        citable,
    }
}

fn shipped_report(rng: &mut Rng, m: &mut Model) -> Report {
    let seed = pick(rng, &seeds::seeds().reports);
    let dir = if chance(rng, 20) { "archive/" } else { "" };
    let rel = format!("{dir}{}", seed.file);
    let id = rel.trim_end_matches(".md").to_owned();
    let mut text = seed.text.to_owned();
    if chance(rng, 15) {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = text.clone().into_bytes();
    if chance(rng, 12) {
        let encoding = if rng.bool() {
            encoding_rs::SHIFT_JIS
        } else {
            encoding_rs::EUC_JP
        };
        let (encoded, _, errors) = encoding.encode(&text);
        if !errors {
            bytes = encoded.into_owned();
            // The detector decides; a wrong guess is a documented error.
            m.uncertain = true;
            m.notes
                .push(format!("{} encoded as {}", rel, encoding.name()));
        }
    }
    Report {
        rel: rel.into_bytes(),
        id,
        quarter: seed.quarter,
        quotes: seed.quotes.clone(),
        bytes,
        citable: true,
    }
}

/// A body: paragraphs of atoms (phrases, names, hostile text) between
/// whitespace runs, code fences, URLs, headings and lists. Returns the
/// body and the quotes that can be taken from it.
fn body(rng: &mut Rng, _m: &Model) -> (String, Vec<String>) {
    let seeds = seeds::seeds();
    let mut out = String::new();
    let mut quotes = Vec::new();
    let blocks = rng.usize(..6);
    for b in 0..blocks {
        match rng.u8(..10) {
            0 => {
                let fence = pick(rng, &["```", "````", "~~~", "```yaml"]);
                let close = if fence.starts_with('~') {
                    "~~~"
                } else {
                    &fence[..3]
                };
                let close = if fence.starts_with("````") {
                    "````"
                } else {
                    close
                };
                out.push_str(&format!(
                    "{}{fence}\nKubernetes Istio {}\n  {close}x not a close\n{}\n",
                    pick(rng, &["", " ", "   "]),
                    pick(rng, HOSTILE_BODY),
                    close
                ));
            }
            1 => out.push_str(&format!(
                "{} https://kubernetes.io/docs/Istio?q=Envoy#x {}\n",
                pick(rng, &["See", "参照:", "-"]),
                pick(
                    rng,
                    &["", "http://istio.io/'quoted'", "[l](https://x.test/Envoy)"]
                )
            )),
            2 => out.push_str(&format!(
                "{} {}\n",
                pick(rng, &["#", "##", "-", "1.", ">"]),
                pick(rng, HOSTILE_BODY)
            )),
            3 if b == blocks - 1 => out.push_str("```\nunclosed fence: Kubernetes\n"),
            _ => {
                let n = rng.usize(1..6);
                let mut atoms: Vec<(String, bool)> = Vec::new();
                for _ in 0..n {
                    let atom = match rng.u8(..10) {
                        0..=3 => (pick(rng, &seeds.phrases).clone(), true),
                        4..=5 => (pick(rng, ENGLISH).to_string(), true),
                        6 => {
                            let t = pick(rng, &seeds.techs);
                            (t.name.clone(), true)
                        }
                        7 => (pick(rng, GOOD_NAMES).trim().to_string(), false),
                        8 => (pick(rng, HOSTILE_BODY).to_string(), false),
                        _ => (format!("Ｗｉｄｅ{}", rng.u8(..100)), true),
                    };
                    atoms.push(atom);
                }
                for (i, (atom, _)) in atoms.iter().enumerate() {
                    if i > 0 {
                        out.push_str(pick::<&str>(
                            rng,
                            &[" ", "  ", "\t", "\n", "\u{3000}", " \n ", "\u{a0}"],
                        ));
                    }
                    out.push_str(atom);
                }
                out.push_str("\n\n");
                for (i, (atom, ok)) in atoms.iter().enumerate() {
                    if *ok && !atom.trim().is_empty() {
                        quotes.push(atom.clone());
                        if let Some((next, true)) = atoms.get(i + 1) {
                            quotes.push(format!("{atom} {next}"));
                        }
                    }
                }
            }
        }
    }
    (out, quotes)
}

/// A quote for `text` in a form the README says compares equal: other
/// ASCII case, full-width letters, other whitespace.
fn quote_variant(rng: &mut Rng, text: &str) -> String {
    match rng.u8(..8) {
        0 => text.to_ascii_uppercase(),
        1 => text.to_ascii_lowercase(),
        2 => text
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
                _ => c,
            })
            .collect(),
        3 => text.replace(' ', "\n  "),
        4 => format!(" {text}\t"),
        _ => text.to_owned(),
    }
}

// --------------------------------------------------------- technologies

fn technology(rng: &mut Rng, m: &Model, index: usize, used: &mut Vec<String>) -> (String, Table) {
    let seeds = seeds::seeds();
    let seed = pick(rng, &seeds.techs);
    let mut name = if chance(rng, 70) {
        seed.name.clone()
    } else {
        pick(rng, GOOD_NAMES).to_string()
    };
    if used.contains(&pattern_key(&name)) || pattern_key(&name).is_empty() {
        name = format!("{name} {index}");
    }
    if used.contains(&pattern_key(&name)) {
        name = format!("tech{index}-{}", rng.u32(..));
    }
    used.push(pattern_key(&name));
    let id = if chance(rng, 70) {
        let slug: String = seed
            .name
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let slug = slug.trim_matches('-').to_owned();
        if slug.is_empty() {
            format!("t{index}")
        } else {
            format!("{slug}-{index}")
        }
    } else {
        format!("{}{index}", pick(rng, &["x", "0", "a-b-", "tech-"]))
    };
    let mut t = Table::default();
    t.set("name", Item::Str(name));
    t.set("quadrant", Item::Str(pick(rng, &m.quadrants).clone()));
    let mut aliases = Vec::new();
    let candidates: Vec<String> = seed
        .aliases
        .iter()
        .cloned()
        .chain(std::iter::once(pick(rng, GOOD_NAMES).to_string()))
        .collect();
    for alias in candidates {
        if chance(rng, 40)
            && !pattern_key(&alias).is_empty()
            && !used.contains(&pattern_key(&alias))
        {
            used.push(pattern_key(&alias));
            aliases.push(Item::Str(alias));
        }
    }
    if !aliases.is_empty() || chance(rng, 10) {
        t.set("aliases", Item::Array(aliases));
    }
    match rng.u8(..4) {
        0 => t.set("case_sensitive", Item::Raw("true".into())),
        1 => t.set("case_sensitive", Item::Raw("false".into())),
        _ => {}
    }
    match rng.u8(..4) {
        0 => {
            if let Some(d) = &seed.description {
                t.set("description", Item::Str(d.clone()));
            }
        }
        1 => t.set(
            "description",
            Item::Str(pick(rng, GOOD_MARKDOWN).to_string()),
        ),
        _ => {}
    }
    match rng.u8(..4) {
        0 => {
            if let Some(l) = &seed.link {
                t.set("link", Item::Str(l.clone()));
            }
        }
        1 => t.set("link", Item::Str(pick(rng, GOOD_LINKS).to_string())),
        _ => {}
    }
    // Placements: editions ascending, rings from the radar or retired.
    let mut placements = Vec::new();
    let mut at = rng.usize(..m.editions.len());
    loop {
        let edition = m.editions[at];
        let mut p = Table::default();
        p.set("edition", Item::Str(q_text(edition)));
        let ring = if chance(rng, 12) {
            "retired".to_owned()
        } else {
            pick(rng, &m.rings).clone()
        };
        p.set("ring", Item::Str(ring));
        match rng.u8(..4) {
            0 => p.set("why", Item::Str(pick(rng, GOOD_MARKDOWN).to_string())),
            1 if !seed.whys.is_empty() => {
                p.set("why", Item::Str(pick(rng, &seed.whys).clone()));
            }
            _ => {}
        }
        let citable: Vec<&Report> = m
            .reports
            .iter()
            .filter(|r| r.citable && r.quarter <= edition)
            .collect();
        let mut evidence = Vec::new();
        if !citable.is_empty() {
            for _ in 0..rng.usize(..3) {
                let r = pick(rng, &citable);
                let mut e = Table::default();
                e.set("report", Item::Str(r.id.clone()));
                if !r.quotes.is_empty() && chance(rng, 80) {
                    let q = pick(rng, &r.quotes).clone();
                    e.set("quote", Item::Str(quote_variant(rng, &q)));
                }
                evidence.push(e);
            }
        }
        if !evidence.is_empty() || chance(rng, 10) {
            p.set("evidence", Item::Tables(evidence));
        }
        placements.push(p);
        let left = m.editions.len() - at - 1;
        if left == 0 || chance(rng, 50) {
            break;
        }
        at += rng.usize(1..=left);
    }
    t.set("placements", Item::Tables(placements));
    // Key order is free.
    if chance(rng, 30) {
        rng.shuffle(&mut t.entries);
    }
    (id, t)
}

/// Reports folder content that must be ignored: READMEs, hidden and
/// underscored files and folders, other extensions, even with bytes that
/// would fail as a report.
fn extras(rng: &mut Rng, m: &mut Model) {
    let junk: &[u8] = b"\0\xFF\xFEnot a report";
    let path = *pick(
        rng,
        &[
            &b"README.md"[..],
            b"sub/README.md",
            b".hidden.md",
            b"_draft.md",
            b"_drafts/x.md",
            b".git/y.md",
            b"image.png",
            b"notes",
        ],
    );
    m.notes
        .push(format!("ignored file {}", String::from_utf8_lossy(path)));
    m.reports.push(Report {
        rel: path.to_vec(),
        id: format!("(ignored {})", String::from_utf8_lossy(path)),
        quarter: (0, 1),
        quotes: Vec::new(),
        bytes: junk.to_vec(),
        citable: false,
    });
}

// -------------------------------------------------------------- faults

const UNKNOWN_KEYS: &[&str] = &[
    "colour",
    "titel",
    "nmae",
    "ring_",
    "x",
    "链接",
    "Name",
    "reports_dir",
];

/// Injects one documented error. Returns what it did, or `None` when the
/// model had nothing to apply it to.
fn fault(rng: &mut Rng, doc: &mut Table, m: &mut Model, text: &mut Vec<String>) -> Option<String> {
    let tech_ids: Vec<String> = doc
        .table_mut("technologies")
        .map(|t| t.entries.iter().map(|(k, _)| k.clone()).collect())
        .unwrap_or_default();
    let kind = rng.u8(..34);
    // Faults about one technology, placement or evidence entry.
    let tech_id = (!tech_ids.is_empty()).then(|| pick(rng, &tech_ids).clone());
    let key = pick(rng, UNKNOWN_KEYS).to_string();
    match kind {
        0 => {
            doc.set(&key, Item::Str("v".into()));
            Some(format!("unknown root key {key}"))
        }
        1 => {
            doc.table_mut("radar")?.set(&key, Item::Raw("1".into()));
            Some(format!("unknown [radar] key {key}"))
        }
        2 => {
            doc.table_mut("radar")?.set("title", Item::Raw("42".into()));
            Some("title is an integer".into())
        }
        3 => {
            doc.table_mut("radar")?
                .set("editions", Item::Str("2024-Q1".into()));
            Some("editions is a string".into())
        }
        4 => {
            doc.table_mut("radar")?
                .remove(pick::<&str>(rng, &["title", "editions"]))?;
            Some("a required [radar] key removed".into())
        }
        5 => {
            doc.remove("radar")?;
            Some("no [radar]".into())
        }
        6 => {
            let bad = pick(
                rng,
                &[
                    "2024-Q5",
                    "2024Q1",
                    "24-Q1",
                    "2024-Q0",
                    "２０２４-Q1",
                    "2024-q1",
                ],
            );
            let Item::Array(eds) = doc.table_mut("radar")?.get_mut("editions")? else {
                return None;
            };
            eds.push(Item::Str(bad.to_string()));
            Some(format!("bad edition {bad}"))
        }
        7 => {
            let Item::Array(eds) = doc.table_mut("radar")?.get_mut("editions")? else {
                return None;
            };
            let first = eds.first()?.clone();
            eds.push(first);
            Some("editions not ascending".into())
        }
        8 => {
            doc.table_mut("radar")?
                .set("editions", Item::Array(Vec::new()));
            Some("editions empty".into())
        }
        9 => {
            let title = pick(rng, &["", "   ", &"T".repeat(201)]).to_string();
            doc.table_mut("radar")?.set("title", Item::Str(title));
            Some("bad title".into())
        }
        10 => {
            let bad = pick(rng, &["../elsewhere", "/etc", "", "sub/../../x"]);
            doc.table_mut("radar")?
                .set("reports", Item::Str(bad.to_string()));
            Some(format!("reports = {bad:?}"))
        }
        11 => {
            let rings = match rng.u8(..4) {
                0 => Item::Tables(Vec::new()),
                1 => Item::Tables((0..7).map(|i| level(&format!("r{i}"), "R")).collect()),
                2 => Item::Tables(vec![level("retired", "Retired")]),
                _ => Item::Tables(vec![level("Bad_Id", "x")]),
            };
            doc.table_mut("radar")?.set("rings", rings);
            Some("bad rings".into())
        }
        12 => {
            doc.table_mut("radar")?.set(
                "quadrants",
                Item::Tables((0..9).map(|i| level(&format!("q{i}"), "Q")).collect()),
            );
            Some("nine quadrants".into())
        }
        13 => {
            doc.table_mut("radar")?.set(
                "max_report_size",
                Item::Str(pick(rng, &["lots", "0", "-1 MiB"]).to_string()),
            );
            Some("bad max_report_size".into())
        }
        14..=29 => {
            let id = tech_id?;
            let techs = doc.table_mut("technologies")?;
            let tech = techs.table_mut(&id)?;
            let mut twin = None;
            let note = tech_fault(rng, kind, &id, tech, m, &key, &mut twin);
            if let Some((twin_id, twin)) = twin {
                techs.set(&twin_id, Item::Table(twin));
            }
            note
        }
        30 => {
            text.push(
                pick(
                    rng,
                    &[
                        "\n[radar]\ntitle = \"again\"\n",
                        "\nbogus = = 1\n",
                        "\nx = \"unclosed\n",
                        "\n[[radar]]\n",
                    ],
                )
                .to_string(),
            );
            Some("TOML syntax error".into())
        }
        31 => {
            let id = tech_id?;
            text.push(format!("\n[technologies.{id}]\nname = \"dup\"\n"));
            Some("technology table written twice".into())
        }
        32 => {
            let id = tech_id?;
            let techs = doc.table_mut("technologies")?;
            let tech = techs.remove(&id)?;
            let bad = pick(rng, &["Bad_Id", "-x", "a.b", "日本", "", &"a".repeat(65)]).to_string();
            techs.set(&bad, tech);
            Some(format!("invalid id {bad:?}"))
        }
        _ => report_fault(rng, m),
    }
}

fn tech_fault(
    rng: &mut Rng,
    kind: u8,
    id: &str,
    tech: &mut Table,
    m: &mut Model,
    key: &str,
    twin_out: &mut Option<(String, Table)>,
) -> Option<String> {
    match kind {
        14 => {
            tech.set(key, Item::Str("x".into()));
            Some(format!("unknown key {key} in {id}"))
        }
        15 => {
            let (k, v) = *pick(
                rng,
                &[
                    ("name", "1"),
                    ("case_sensitive", "\"yes\""),
                    ("aliases", "\"x\""),
                    ("link", "true"),
                    ("placements", "\"x\""),
                    ("quadrant", "[]"),
                    ("description", "{ a = 1 }"),
                ],
            );
            tech.set(k, Item::Raw(v.into()));
            Some(format!("{k} of {id} has the wrong type"))
        }
        16 => {
            let k = pick(rng, &["name", "quadrant", "placements"]);
            tech.remove(k)?;
            Some(format!("{k} of {id} removed"))
        }
        17 => {
            tech.set("name", Item::Str(pick(rng, BAD_NAMES).to_string()));
            Some(format!("bad name of {id}"))
        }
        18 => {
            tech.set(
                "aliases",
                Item::Array(vec![
                    Item::Str("fine alias zz".into()),
                    Item::Str(pick(rng, BAD_NAMES).to_string()),
                ]),
            );
            Some(format!("bad alias of {id}"))
        }
        19 => {
            tech.set("name", Item::Str("N".repeat(121)));
            Some(format!("121-character name of {id}"))
        }
        20 => {
            tech.set("link", Item::Str(pick(rng, BAD_LINKS).to_string()));
            Some(format!("bad link of {id}"))
        }
        21 => {
            let field = pick(rng, &["description", "why"]);
            let bad = pick(rng, BAD_MARKDOWN).to_string();
            if *field == "why" {
                tech.tables_mut("placements")?
                    .first_mut()?
                    .set("why", Item::Str(bad));
            } else {
                tech.set("description", Item::Str(bad));
            }
            Some(format!("bad markdown in {field} of {id}"))
        }
        22 => {
            tech.set("quadrant", Item::Str("platfroms".into()));
            Some(format!("unknown quadrant of {id}"))
        }
        23 => {
            let p = tech.tables_mut("placements")?.first_mut()?;
            p.set(
                "ring",
                Item::Str(pick(rng, &["asess", "Adopt", "", "retire"]).to_string()),
            );
            Some(format!("unknown ring in {id}"))
        }
        24 => {
            let p = tech.tables_mut("placements")?.first_mut()?;
            p.set(
                "edition",
                Item::Str(pick(rng, &["1999-Q1", "2024-Q5", "x"]).to_string()),
            );
            Some(format!("edition not listed in {id}"))
        }
        25 => {
            let ps = tech.tables_mut("placements")?;
            let first = ps.first()?.clone();
            ps.push(first);
            Some(format!("placements not ascending in {id}"))
        }
        26 => {
            let p = tech.tables_mut("placements")?.first_mut()?;
            p.remove(pick::<&str>(rng, &["edition", "ring"]))?;
            Some(format!("placement of {id} lost a required key"))
        }
        27 => {
            let p = tech.tables_mut("placements")?.first_mut()?;
            let mut e = Table::default();
            let (what, report, quote) = match rng.u8(..4) {
                0 => ("missing report", "no-such-report-zz".to_owned(), None),
                1 if !m.reports.iter().any(|r| r.citable) => return None,
                1 => {
                    let r = m.reports.iter().find(|r| r.citable)?;
                    (
                        "quote not found",
                        r.id.clone(),
                        Some(format!("zqxj {} not in any report", rng.u32(..))),
                    )
                }
                2 => (
                    "report has an unknown key",
                    m.reports.first().map_or("x".into(), |r| r.id.clone()),
                    None,
                ),
                _ => ("evidence control character", "a\u{1b}b".into(), None),
            };
            e.set("report", Item::Str(report));
            if let Some(q) = quote {
                e.set("quote", Item::Str(q));
            }
            if what == "report has an unknown key" {
                e.set("qoute", Item::Str("typo".into()));
            }
            match p.tables_mut("evidence") {
                Some(list) => list.push(e),
                None => p.set("evidence", Item::Tables(vec![e])),
            }
            Some(format!("{what} in evidence of {id}"))
        }
        28 => {
            // Evidence from a report dated after the placement's edition.
            let p = tech.tables_mut("placements")?.first_mut()?;
            let edition = match p.get_mut("edition")? {
                Item::Str(s) => s.clone(),
                _ => return None,
            };
            let q = m.editions.iter().copied().find(|&q| q_text(q) == edition)?;
            let later = q_next(q, 1);
            if later.0 > 9999 {
                return None;
            }
            let id_r = format!("later-{}", rng.u32(..));
            let month = (u32::from(later.1) - 1) * 3 + 1;
            m.reports.push(Report {
                rel: format!("{id_r}.md").into_bytes(),
                id: id_r.clone(),
                quarter: later,
                quotes: vec!["later words".into()],
                bytes: format!(
                    "+++\ndate = \"{:04}-{month:02}\"\n+++\nlater words\n",
                    later.0
                )
                .into_bytes(),
                citable: false,
            });
            let mut e = Table::default();
            e.set("report", Item::Str(id_r));
            match p.tables_mut("evidence") {
                Some(list) => list.push(e),
                None => p.set("evidence", Item::Tables(vec![e])),
            }
            Some(format!("evidence of {id} dated after its edition"))
        }
        _ => {
            // The same spelling on two technologies, up to NFKC and case.
            let name = match tech.get_mut("name")? {
                Item::Str(s) => s.clone(),
                _ => return None,
            };
            if confradar::text::normalize_phrase(&name).is_empty() {
                return None;
            }
            let mut twin = tech.clone();
            let variant: String = match rng.u8(..3) {
                0 => name.to_ascii_uppercase(),
                1 => name
                    .chars()
                    .map(|c| match c {
                        '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
                        _ => c,
                    })
                    .collect(),
                _ => format!(" {name} "),
            };
            twin.set("name", Item::Str("Twin zz".into()));
            twin.set("aliases", Item::Array(vec![Item::Str(variant)]));
            *twin_out = Some((format!("{id}-twin"), twin));
            Some(format!("alias of a twin repeats the name of {id}"))
        }
    }
}

fn report_fault(rng: &mut Rng, m: &mut Model) -> Option<String> {
    let citable: Vec<usize> = (0..m.reports.len())
        .filter(|&i| m.reports[i].citable)
        .collect();
    let kind = if citable.is_empty() {
        rng.u8(6..9)
    } else {
        rng.u8(..9)
    };
    if kind >= 6 {
        // A new broken report.
        let (name, bytes, what): (&str, &[u8], &str) = match kind {
            6 => ("2020-01-01-nul.md", b"text\0more", "NUL byte"),
            7 => ("no-date-here.md", b"Kubernetes without a date", "no date"),
            _ => ("2020-01-01-latin1.md", b"caf\xE9 \xFF\xFE", "not UTF-8"),
        };
        m.reports.push(Report {
            rel: name.as_bytes().to_vec(),
            id: name.trim_end_matches(".md").into(),
            quarter: (2020, 1),
            quotes: Vec::new(),
            bytes: bytes.to_vec(),
            citable: false,
        });
        return Some(format!("report {name}: {what}"));
    }
    let i = *pick(rng, &citable);
    let r = &mut m.reports[i];
    // Broken reports may be cited; they are no longer good evidence.
    r.citable = false;
    let text = String::from_utf8_lossy(&r.bytes).into_owned();
    let body = text.trim_start_matches('\u{FEFF}');
    let what = match kind {
        0 => {
            let bad = pick(
                rng,
                &[
                    "\"2019-13-01\"",
                    "\"2019-02-30\"",
                    "\"2019-7-1\"",
                    "\"yesterday\"",
                    "20190701",
                    "10:00:00",
                    "true",
                ],
            );
            r.bytes = format!("+++\ndate = {bad}\n+++\n{body}").into_bytes();
            format!("bad date {bad}")
        }
        1 => {
            r.bytes =
                format!("+++\ntitle = \"never closed\"\n{}", body.replace("+++", "")).into_bytes();
            "front matter not closed".into()
        }
        2 => {
            r.bytes = format!("+++\ntitle = \n+++\n{body}").into_bytes();
            "front matter syntax error".into()
        }
        3 => {
            r.bytes = format!("+++\ntitle = 1\ndate = 2020-01-01\n+++\n{body}").into_bytes();
            "front matter title is a number".into()
        }
        4 => {
            let at = rng.usize(..=r.bytes.len());
            r.bytes.insert(at, if rng.bool() { 0 } else { 0xFF });
            "NUL or 0xFF byte inserted".into()
        }
        _ => {
            // The same id twice: a .txt beside the .md.
            let rel = String::from_utf8_lossy(&r.rel).into_owned();
            let stem = rel
                .rsplit_once('.')
                .map_or(rel.as_str(), |(s, _)| s)
                .to_owned();
            let twin = Report {
                rel: format!("{stem}.txt").into_bytes(),
                citable: false,
                ..r.clone()
            };
            if rel.ends_with(".txt") {
                return None;
            }
            m.reports.push(twin);
            "two reports with one id".into()
        }
    };
    Some(format!("report {}: {what}", m.reports[i].id))
}
