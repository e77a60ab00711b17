//! Writes a synthetic corpus for the speed benchmark (`bench/run.sh`): N
//! conference reports of mixed Japanese and English Markdown, a `radar.toml`
//! with M technologies, and `aliases.txt` with every name and alias, one a
//! line, for `rg -f`.
//!
//!     cargo run --release --example gen_corpus -- --reports 10000 --technologies 1000 --seed 1 --out DIR
//!
//! The prose is nonsense, but it takes every path the real counting takes:
//! TOML front matter (dates, month-only dates, dates from the file name),
//! CRLF line ends and byte order marks, full-width letters and half-width
//! katakana that NFKC folds, names wrapped across lines, fenced code blocks
//! and URLs that must not count, and names glued to letters or digits that
//! fail the word-boundary rule. Which technologies a report mentions follows
//! a Zipf curve, as in real reports: a few everywhere, a long tail now and
//! then, and every technology at least once.
//!
//! The output depends only on the arguments (and the fastrand version that
//! Cargo.lock pins): a seeded PRNG, no clocks, no hash maps.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use clap::Parser;
use fastrand::Rng;

#[derive(Debug, Parser)]
#[command(about = "Write a synthetic corpus of reports, radar.toml and aliases.txt")]
struct Args {
    /// How many reports to write.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    reports: u32,
    /// How many technologies, each with a name and 3 aliases.
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    technologies: u32,
    /// The same seed and counts give byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The folder to write into; its `reports/` must not exist yet.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() {
    let args = Args::parse();
    let params = Params {
        reports: args.reports as usize,
        technologies: args.technologies as usize,
        seed: args.seed,
    };
    match generate(&params, &args.out) {
        Ok(bytes) => eprintln!(
            "gen_corpus: {} reports ({:.1} MB), {} technologies in {}",
            params.reports,
            bytes as f64 / 1e6,
            params.technologies,
            args.out.display()
        ),
        Err(error) => {
            eprintln!("gen_corpus: {error}");
            std::process::exit(1);
        }
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    /// Number of reports.
    pub reports: usize,
    /// Number of technologies.
    pub technologies: usize,
    /// Seed for the PRNG.
    pub seed: u64,
}

/// Writes `radar.toml`, `aliases.txt` and `reports/` into `out`; returns the
/// total size of the reports in bytes. Refuses to write into an existing
/// `reports/`, whose leftover files would silently join the corpus.
pub(crate) fn generate(params: &Params, out: &Path) -> io::Result<u64> {
    let reports_dir = out.join("reports");
    if reports_dir.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists; remove it or choose another --out",
                reports_dir.display()
            ),
        ));
    }
    // Each part draws from its own fork, so a report's text does not depend
    // on how many reports come after it.
    let mut rng = Rng::with_seed(params.seed);
    let technologies = technologies(params, &mut rng.fork());
    fs::create_dir_all(out)?;
    fs::write(out.join("radar.toml"), radar_toml(params, &technologies))?;
    fs::write(out.join("aliases.txt"), aliases_txt(&technologies))?;
    // One folder per year keeps folders at a few thousand files even for
    // 40,000 reports.
    for year in FIRST_YEAR..=LAST_YEAR {
        fs::create_dir_all(reports_dir.join(year.to_string()))?;
    }
    let popularity = Popularity::new(params, &mut rng.fork());
    let mut bytes = 0;
    for index in 0..params.reports {
        let (path, text) = report(params, index, rng.fork(), &technologies, &popularity);
        fs::write(reports_dir.join(path), &text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

/// `chance` times in 100.
fn percent(rng: &mut Rng, chance: u8) -> bool {
    rng.u8(..100) < chance
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

/// Reports are dated from January of the first year to December of the last.
const FIRST_YEAR: usize = 2017;
const LAST_YEAR: usize = 2025;

/// Editions span the reports, so every report falls before some edition.
const EDITIONS: [&str; 6] = [
    "2018-Q2", "2019-Q4", "2021-Q2", "2022-Q4", "2024-Q2", "2025-Q4",
];
const RINGS: [&str; 4] = ["adopt", "trial", "assess", "hold"];
const QUADRANTS: [&str; 4] = [
    "techniques",
    "tools",
    "platforms",
    "languages-and-frameworks",
];

/// The syllables names are made of, with their katakana and half-width
/// katakana, so every name has a Japanese spelling (an alias) and a form
/// that NFKC folds onto it. Each is two letters, so names with different
/// syllables are different strings.
const SYLLABLES: [(&str, &str, &str); 35] = [
    ("ka", "カ", "ｶ"),
    ("ki", "キ", "ｷ"),
    ("ku", "ク", "ｸ"),
    ("ke", "ケ", "ｹ"),
    ("ko", "コ", "ｺ"),
    ("sa", "サ", "ｻ"),
    ("su", "ス", "ｽ"),
    ("se", "セ", "ｾ"),
    ("so", "ソ", "ｿ"),
    ("ta", "タ", "ﾀ"),
    ("te", "テ", "ﾃ"),
    ("to", "ト", "ﾄ"),
    ("na", "ナ", "ﾅ"),
    ("ni", "ニ", "ﾆ"),
    ("nu", "ヌ", "ﾇ"),
    ("ne", "ネ", "ﾈ"),
    ("no", "ノ", "ﾉ"),
    ("ha", "ハ", "ﾊ"),
    ("hi", "ヒ", "ﾋ"),
    ("he", "ヘ", "ﾍ"),
    ("ho", "ホ", "ﾎ"),
    ("ma", "マ", "ﾏ"),
    ("mi", "ミ", "ﾐ"),
    ("mu", "ム", "ﾑ"),
    ("me", "メ", "ﾒ"),
    ("mo", "モ", "ﾓ"),
    ("ra", "ラ", "ﾗ"),
    ("ri", "リ", "ﾘ"),
    ("ru", "ル", "ﾙ"),
    ("re", "レ", "ﾚ"),
    ("ro", "ロ", "ﾛ"),
    ("ya", "ヤ", "ﾔ"),
    ("yu", "ユ", "ﾕ"),
    ("yo", "ヨ", "ﾖ"),
    ("wa", "ワ", "ﾜ"),
];

/// Endings of names: most are a bare word, some look like product names.
const NAME_ENDINGS: [&str; 8] = ["", "", "", "", "DB", ".io", "Flow", "CI"];
/// Second words of the two-word alias (`Kamiron Cloud`).
const SECOND_WORDS: [&str; 8] = [
    "Cloud", "Mesh", "Operator", "Server", "Agent", "Engine", "Studio", "Gateway",
];

struct Technology {
    id: String,
    /// The syllables in lower case plus a final `n`: `kamiron`. The `n`
    /// makes names unlike English words (`remote` is three syllables), so
    /// the filler text does not mention technologies by accident.
    word: String,
    name: String,
    /// `kamiron2`, `Kamiron Cloud`, `カミロン`.
    aliases: [String; 3],
    /// `ｶﾐﾛﾝ`: NFKC turns it into the katakana alias.
    halfwidth: String,
    quadrant: &'static str,
    case_sensitive: bool,
    link: bool,
    /// Edition index and ring, editions ascending.
    placements: Vec<(usize, &'static str)>,
}

fn technologies(params: &Params, rng: &mut Rng) -> Vec<Technology> {
    let mut syllables = 3;
    while SYLLABLES.len().pow(syllables) < params.technologies {
        syllables += 1;
    }
    let space = SYLLABLES.len().pow(syllables) as u64;
    // Spread the ids over the name space with an affine permutation (the
    // multiplier is prime to 35), so neighbouring ids get unrelated names.
    let offset = rng.u64(..space);
    let width = params.technologies.to_string().len().max(4);
    (0..params.technologies)
        .map(|i| {
            let mut code = (i as u64 * 7919 + offset) % space;
            let (mut word, mut katakana, mut halfwidth) =
                (String::new(), String::new(), String::new());
            for _ in 0..syllables {
                let (latin, kana, half) = SYLLABLES[(code % 35) as usize];
                code /= 35;
                word.push_str(latin);
                katakana.push_str(kana);
                halfwidth.push_str(half);
            }
            word.push('n');
            katakana.push('ン');
            halfwidth.push('ﾝ');
            let capitalized = capitalize(&word);
            Technology {
                id: format!("tech-{:0width$}", i + 1),
                name: format!("{capitalized}{}", pick(rng, &NAME_ENDINGS)),
                aliases: [
                    format!("{word}{}", rng.usize(2..=9)),
                    format!("{capitalized} {}", pick(rng, &SECOND_WORDS)),
                    katakana,
                ],
                word,
                halfwidth,
                quadrant: pick(rng, &QUADRANTS),
                case_sensitive: percent(rng, 3),
                link: percent(rng, 50),
                placements: placements(rng),
            }
        })
        .collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A first placement in any edition, then now and then a move by one ring
/// or retirement, as a team's radar evolves.
fn placements(rng: &mut Rng) -> Vec<(usize, &'static str)> {
    let first = rng.usize(..EDITIONS.len());
    let mut ring = rng.usize(..RINGS.len());
    let mut out = vec![(first, RINGS[ring])];
    for edition in first + 1..EDITIONS.len() {
        match rng.u8(..100) {
            0..8 => {
                out.push((edition, "retired"));
                break;
            }
            8..20 if ring > 0 => ring -= 1,
            20..30 if ring + 1 < RINGS.len() => ring += 1,
            _ => continue,
        }
        out.push((edition, RINGS[ring]));
    }
    out
}

fn radar_toml(params: &Params, technologies: &[Technology]) -> String {
    let mut out = String::new();
    let editions: Vec<String> = EDITIONS.iter().map(|e| format!("\"{e}\"")).collect();
    let _ = write!(
        out,
        "# Written by `cargo run --example gen_corpus -- --reports {} --technologies {} --seed {}`.\n\
         [radar]\ntitle = \"Benchmark Radar (seed {})\"\neditions = [{}]\n",
        params.reports,
        params.technologies,
        params.seed,
        params.seed,
        editions.join(", ")
    );
    for tech in technologies {
        let aliases: Vec<String> = tech.aliases.iter().map(|a| format!("\"{a}\"")).collect();
        let _ = write!(
            out,
            "\n[technologies.{}]\nname = \"{}\"\nquadrant = \"{}\"\naliases = [{}]\n",
            tech.id,
            tech.name,
            tech.quadrant,
            aliases.join(", ")
        );
        if tech.case_sensitive {
            out.push_str("case_sensitive = true\n");
        }
        if tech.link {
            let _ = writeln!(out, "link = \"https://{}.example.org/\"", tech.word);
        }
        for (edition, ring) in &tech.placements {
            let _ = write!(
                out,
                "\n[[technologies.{}.placements]]\nedition = \"{}\"\nring = \"{ring}\"\n",
                tech.id, EDITIONS[*edition]
            );
        }
    }
    out
}

fn aliases_txt(technologies: &[Technology]) -> String {
    let mut out = String::new();
    for tech in technologies {
        for pattern in std::iter::once(&tech.name).chain(&tech.aliases) {
            out.push_str(pattern);
            out.push('\n');
        }
    }
    out
}

/// Draws technologies the way reports mention them: rank r with weight
/// 1/(r+1), the Zipf curve of word frequencies. Ranks map to technologies
/// through a shuffle, so popularity does not follow the ids. Integer
/// weights keep the draw the same on every platform.
struct Popularity {
    cumulative: Vec<u64>,
    by_rank: Vec<usize>,
}

impl Popularity {
    fn new(params: &Params, rng: &mut Rng) -> Popularity {
        let mut by_rank: Vec<usize> = (0..params.technologies).collect();
        rng.shuffle(&mut by_rank);
        let mut total = 0;
        let cumulative = (1..=params.technologies as u64)
            .map(|rank| {
                total += 1_000_000_000_000 / rank;
                total
            })
            .collect();
        Popularity {
            cumulative,
            by_rank,
        }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let x = rng.u64(..total);
        self.by_rank[self.cumulative.partition_point(|&c| c <= x)]
    }
}

const EVENTS: [(&str, &str); 10] = [
    ("Cloud Native Meetup Tokyo", "cn-meetup-tokyo"),
    ("SRE Kaigi", "sre-kaigi"),
    ("Platform Engineering Day", "platform-day"),
    ("Observability Summit Osaka", "o11y-osaka"),
    ("Container Days Fukuoka", "container-days-fukuoka"),
    ("DevOps Conference Sapporo", "devops-sapporo"),
    ("Infra Study Nagoya", "infra-study-nagoya"),
    ("Security Night", "security-night"),
    ("Data Platform Forum", "data-platform-forum"),
    ("Kansai Tech Meetup", "kansai-tech"),
];

/// Sentences; each `{}` is replaced by a mention.
const JA_SENTENCES: [&str; 23] = [
    "{}の導入事例が紹介された。",
    "{}を本番環境で運用しているチームの話が印象に残った。",
    "登壇者は{}と{}を比較し、それぞれの得意分野を整理していた。",
    "質疑応答では{}への移行コストについて質問が相次いだ。",
    "{}は設定が少なく、小さなチームでも始めやすいという。",
    "私たちのチームでも{}を試してみる価値がありそうだ。",
    "{}のバージョンアップで運用が大きく変わったとのこと。",
    "{}と{}を組み合わせた構成図が何度も登場した。",
    "ハンズオンでは{}を使ってサンプルアプリをデプロイした。",
    "{}については、まだ評価段階という声も多かった。",
    "個人的には{}の設計思想が一番面白かった。",
    "{}のコミュニティは日本でも急速に大きくなっている。",
    "スポンサーブースでは{}のデモに人だかりができていた。",
    "{}を採用しなかった理由として、学習コストが挙げられていた。",
    "障害対応の振り返りで{}が果たした役割が詳しく語られた。",
    "会場は満席で、立ち見が出るほどだった。",
    "セッション資料は後日公開される予定とのこと。",
    "休憩時間の廊下での立ち話も収穫が多かった。",
    "全体として、運用の自動化がテーマのイベントだった。",
    "次回も参加して、続報を確認したい。",
    "可観測性とコストのバランスをどう取るかが議論の中心だった。",
    "懇親会では他社のプラットフォームチームと情報交換ができた。",
    "オンライン配信もあり、地方からの参加者も多かった。",
];

const EN_SENTENCES: [&str; 18] = [
    "The speaker walked us through a migration from {} to {}.",
    "{} has matured a lot since last year, and the API is finally stable.",
    "Several teams said they run {} in production without much trouble.",
    "The Q&A was mostly about how {} behaves under heavy load.",
    "{}'s new release trims the configuration down to a handful of lines.",
    "We should give {} a proper trial on one of our staging clusters.",
    "One talk compared {} and {} on cost, latency and operability.",
    "The hands-on lab used {} to deploy a small sample service.",
    "Adoption of {} is still early, and most people were only assessing it.",
    "A postmortem showed how {} helped shorten the outage.",
    "The maintainers of {} announced a long-term support branch.",
    "Nobody in the room recommended {} for new projects anymore.",
    "The venue was packed, with people standing at the back.",
    "Slides will be published on the event page later.",
    "Hallway conversations were at least as useful as the talks.",
    "Cost and observability came up in almost every session.",
    "Overall, the event was about automating the boring parts of operations.",
    "Next time we should send more people from the team.",
];

const JA_HEADINGS: [&str; 9] = [
    "セッション紹介",
    "基調講演",
    "ハンズオン",
    "所感",
    "気になった技術",
    "まとめ",
    "廊下での会話",
    "質疑応答",
    "{}の現在地",
];
const EN_HEADINGS: [&str; 8] = [
    "Keynote",
    "Sessions",
    "Hands-on lab",
    "Takeaways",
    "Hallway track",
    "What to try next",
    "Q&A",
    "A closer look at {}",
];
const JA_NOTES: [&str; 5] = [
    "本番投入済み",
    "検証中",
    "次の四半期に評価したい",
    "採用は見送り",
    "要フォローアップ",
];
const EN_NOTES: [&str; 5] = [
    "already in production",
    "worth a closer look",
    "too early for us",
    "replaced by something simpler",
    "follow up next quarter",
];
/// Code the reports quote; `{}` is the technology's word. Mentions in code
/// blocks do not count (ripgrep still counts them).
const CODE: [(&str, &str); 3] = [
    (
        "yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {}-demo\nspec:\n  template:\n    spec:\n      containers:\n        - name: {}\n          image: registry.example.com/{}:1.4.2\n",
    ),
    (
        "console",
        "$ {}ctl install --namespace {}-system\n$ {}ctl status\nall components ready\n",
    ),
    (
        "toml",
        "[backend]\nkind = \"{}\"\nendpoint = \"http://localhost:8080\"\nretries = 3\n",
    ),
];

/// Returns a report's path below `reports/` and its bytes.
fn report(
    params: &Params,
    index: usize,
    mut rng: Rng,
    technologies: &[Technology],
    popularity: &Popularity,
) -> (String, Vec<u8>) {
    let (year, month, day) = (
        rng.usize(FIRST_YEAR..=LAST_YEAR),
        rng.usize(1..=12),
        rng.usize(1..=28),
    );
    let (event, slug) = pick(&mut rng, &EVENTS);
    let japanese = percent(&mut rng, 60);
    // A report is about a handful of technologies, drawn by popularity.
    let cast_size = rng.usize(6..=20);
    let cast: Vec<&Technology> = (0..cast_size)
        .map(|_| &technologies[popularity.draw(&mut rng)])
        .collect();
    let mut writer = Writer {
        rng,
        text: String::with_capacity(13_000),
        cast,
        japanese,
    };
    writer.front_matter(event, year, month, day);
    writer.body(event, year);
    // Technologies the Zipf draw might miss get one plain mention each, so
    // `check` has no "never mentioned" warnings.
    for tech in technologies.iter().skip(index).step_by(params.reports) {
        writer.line(&format!("今回は{}についても少し触れておく。", tech.name));
    }
    let Writer { mut rng, text, .. } = writer;

    let width = params.reports.to_string().len().max(5);
    let extension = if percent(&mut rng, 3) { "txt" } else { "md" };
    let path = format!("{year}/{year}-{month:02}-{day:02}-{slug}-{index:0width$}.{extension}");
    let mut bytes = Vec::with_capacity(text.len() + 400);
    if percent(&mut rng, 1) {
        bytes.extend_from_slice("\u{FEFF}".as_bytes());
    }
    // Some reports come from Windows editors.
    if percent(&mut rng, 10) {
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    (path, bytes)
}

/// Writes one report's text.
struct Writer<'a> {
    rng: Rng,
    text: String,
    /// The technologies this report is about, the main topic first.
    cast: Vec<&'a Technology>,
    japanese: bool,
}

impl<'a> Writer<'a> {
    fn front_matter(&mut self, event: &str, year: usize, month: usize, day: usize) {
        let title = if self.japanese {
            format!("{event} {year} 参加レポート")
        } else {
            format!("Notes from {event} {year}")
        };
        let _ = writeln!(self.text, "+++\ntitle = \"{title}\"");
        // Mostly a TOML date; some sources give only the month, and some
        // reports leave the date to their file name.
        match self.rng.u8(..100) {
            0..85 => {
                let _ = writeln!(self.text, "date = {year}-{month:02}-{day:02}");
            }
            85..93 => {
                let _ = writeln!(self.text, "date = \"{year}-{month:02}\"");
            }
            _ => {}
        }
        let language = if self.japanese { "ja" } else { "en" };
        let _ = writeln!(
            self.text,
            "event = \"{event} {year}\"\nauthors = [\"Platform Team\"]\nlanguage = \"{language}\"\n+++"
        );
    }

    fn body(&mut self, event: &str, year: usize) {
        let _ = writeln!(self.text, "\n# {event} {year}\n");
        self.paragraph();
        let target = self.text.len() + 7_500 + self.rng.usize(..4_000);
        while self.text.len() < target {
            self.heading();
            self.paragraph();
            if percent(&mut self.rng, 50) {
                self.bullets();
            }
            if percent(&mut self.rng, 20) {
                self.code_block();
            }
            if percent(&mut self.rng, 60) {
                self.paragraph();
            }
        }
    }

    /// Whether the next sentence is Japanese: reports mix languages.
    fn next_is_japanese(&mut self) -> bool {
        percent(&mut self.rng, if self.japanese { 85 } else { 10 })
    }

    /// A technology of the report, biased toward its main topics.
    fn topic(&mut self) -> &'a Technology {
        let len = self.cast.len();
        let i = self.rng.usize(..len).min(self.rng.usize(..len));
        self.cast[i]
    }

    /// Replaces each `{}` in `template` with a mention.
    fn fill(&mut self, template: &str, out: &mut String) {
        let mut parts = template.split("{}");
        out.push_str(parts.next().unwrap_or_default());
        for part in parts {
            self.mention(out);
            out.push_str(part);
        }
    }

    /// One mention of a topic in one of its spellings; now and then a form
    /// that fails the word-boundary rule and must not count.
    fn mention(&mut self, out: &mut String) {
        let roll = self.rng.u8(..100);
        let tech = self.topic();
        match roll {
            0..55 => out.push_str(&tech.name),
            55..65 => out.push_str(&tech.aliases[0]),
            65..75 => out.push_str(&tech.aliases[1]),
            75..87 => out.push_str(&tech.aliases[2]),
            87..89 => out.push_str(&tech.name.to_ascii_uppercase()),
            89..91 => out.push_str(&tech.name.to_ascii_lowercase()),
            91..94 => out.extend(tech.name.chars().map(full_width)),
            94..97 => out.push_str(&tech.halfwidth),
            // Glued to a letter, `_` or a digit: not a mention.
            97 => {
                let _ = write!(out, "{}s", tech.name);
            }
            98 => {
                let _ = write!(out, "my{}_test", tech.name);
            }
            _ => {
                let _ = write!(out, "{}0", tech.aliases[0]);
            }
        }
    }

    fn heading(&mut self) {
        let template = if self.next_is_japanese() {
            pick(&mut self.rng, &JA_HEADINGS)
        } else {
            pick(&mut self.rng, &EN_HEADINGS)
        };
        let mut line = String::from("## ");
        self.fill(template, &mut line);
        self.line(&line);
    }

    /// Two to six sentences. English is wrapped at 72 columns, so two-word
    /// names sometimes break across lines; Japanese is one line a sentence
    /// or one line a paragraph. Some paragraphs end with a link or a URL.
    fn paragraph(&mut self) {
        let mut paragraph = String::new();
        let one_line_a_sentence = percent(&mut self.rng, 50);
        for _ in 0..self.rng.usize(2..=6) {
            let japanese = self.next_is_japanese();
            // Japanese sentences follow each other without a space; an
            // English one is set off by one.
            let line_open = !paragraph.is_empty() && !paragraph.ends_with('\n');
            if line_open && (!japanese || !paragraph.ends_with('。')) {
                paragraph.push(' ');
            }
            let template = if japanese {
                pick(&mut self.rng, &JA_SENTENCES)
            } else {
                pick(&mut self.rng, &EN_SENTENCES)
            };
            self.fill(template, &mut paragraph);
            if japanese && one_line_a_sentence {
                paragraph.push('\n');
            }
        }
        if percent(&mut self.rng, 15) {
            self.link(&mut paragraph);
        }
        let text = wrap(paragraph.trim_end(), 72);
        self.line(&text);
    }

    /// A Markdown link (its text counts) or a bare URL (which does not).
    fn link(&mut self, out: &mut String) {
        let Technology { word, name, .. } = self.topic();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        let _ = match self.rng.u64(..3) {
            0 => write!(
                out,
                "[{name}のドキュメント](https://{word}.example.org/docs/)"
            ),
            1 => write!(
                out,
                "詳しくは https://{word}.example.org/{name}/guide を参照。"
            ),
            _ => write!(
                out,
                "See https://docs.example.com/{name}/getting-started?ref={word}."
            ),
        };
    }

    fn bullets(&mut self) {
        let marker = if percent(&mut self.rng, 70) { "-" } else { "*" };
        let mut list = String::new();
        for _ in 0..self.rng.usize(3..=6) {
            let _ = write!(list, "{marker} ");
            self.mention(&mut list);
            let note = if self.next_is_japanese() {
                format!(": {}", pick(&mut self.rng, &JA_NOTES))
            } else {
                format!(" — {}", pick(&mut self.rng, &EN_NOTES))
            };
            list.push_str(&note);
            list.push('\n');
        }
        self.line(list.trim_end());
    }

    fn code_block(&mut self) {
        let (language, code) = pick(&mut self.rng, &CODE);
        let fence = if percent(&mut self.rng, 80) {
            "```"
        } else {
            "~~~~"
        };
        let code = code.replace("{}", &self.topic().word);
        self.line(&format!("{fence}{language}\n{code}{fence}"));
    }

    /// Appends a block and the blank line after it.
    fn line(&mut self, block: &str) {
        self.text.push_str(block);
        self.text.push_str("\n\n");
    }
}

/// The full-width form of a printable ASCII character, which NFKC maps back.
fn full_width(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Breaks lines at spaces so that none is longer than `width` bytes, where
/// possible.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.split('\n') {
        let mut column = 0;
        for (i, word) in line.split(' ').enumerate() {
            if i > 0 {
                if column + 1 + word.len() > width {
                    out.push('\n');
                    column = 0;
                } else {
                    out.push(' ');
                    column += 1;
                }
            }
            out.push_str(word);
            column += word.len();
        }
        out.push('\n');
    }
    out.pop();
    out
}
