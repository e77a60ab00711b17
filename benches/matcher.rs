//! Benchmarks of mention counting, the per-report work of `mentions` and
//! `build`: normalizing a report body (`text::NormalizedText::new`), then
//! scanning the normalized text with `Matcher::count` for radars of 10, 100
//! and 1,000 technologies, each with a name and three aliases, and compiling
//! those matchers once (`Matcher::new`). The report is a fixed ~10 KB
//! Markdown body of mixed Japanese and English with a fenced code block,
//! URLs, full-width and half-width characters and near misses, built from
//! templates by a seeded generator, so every run measures the same bytes.
//! Throughput is in bytes of the body (normalizing) or of the normalized text
//! (counting). Run it with `cargo bench --bench matcher`, or one group with
//! `cargo bench --bench matcher -- count`.

mod support;

use std::hint::black_box;

use confradar::count::matcher::{Matcher, Pattern};
use confradar::text::{NormalizedText, normalize_phrase};
use criterion::{BenchmarkId, Criterion, Throughput};

/// Radar sizes, in technologies.
const SIZES: [usize; 3] = [10, 100, 1_000];
/// The body is grown section by section until it is at least this long.
const BODY_BYTES: usize = 10 * 1024;
/// Mentions are drawn from the largest radar; half of them from its first
/// few technologies, as real reports keep returning to a handful of names.
/// The smaller radars therefore see some of the mentions, as a radar that
/// lists only part of what the reports talk about does.
const POPULAR: usize = 10;

/// Name parts; a technology's index picks three of them, so names are
/// distinct, pronounceable and free of real products.
const SYLLABLES: [(&str, &str); 16] = [
    ("ka", "カ"),
    ("ri", "リ"),
    ("to", "ト"),
    ("ne", "ネ"),
    ("su", "ス"),
    ("mo", "モ"),
    ("va", "ヴァ"),
    ("lek", "レク"),
    ("dor", "ドル"),
    ("qui", "クイ"),
    ("zen", "ゼン"),
    ("pha", "ファ"),
    ("bri", "ブリ"),
    ("glo", "グロ"),
    ("tes", "テス"),
    ("nyx", "ニクス"),
];

/// How many values [`Technology::spelling`] tells apart.
const SPELLINGS: usize = 9;

/// How a technology is written in a report and in `radar.toml`.
struct Technology {
    /// Its name, such as `Karito`.
    name: String,
    /// A longer name that starts with the name (`Karito Cloud`), so a near
    /// miss such as `Karito Cloudy` falls back to the shorter pattern.
    long: String,
    /// A short form made of initials and the index (`krt42`).
    short: String,
    /// The name in katakana (`カリト`).
    katakana: String,
}

impl Technology {
    fn new(index: usize) -> Technology {
        // An odd multiplier permutes 0..4096, so neighbouring indices get
        // unrelated names, and no two indices the same one.
        let code = index.wrapping_mul(2_654_435_761) % 4096;
        let parts: Vec<(&str, &str)> = [code >> 8, (code >> 4) & 15, code & 15]
            .iter()
            .map(|&digit| SYLLABLES[digit])
            .collect();
        let latin: String = parts.iter().map(|p| p.0).collect();
        let mut name = latin[..1].to_ascii_uppercase();
        name.push_str(&latin[1..]);
        Technology {
            long: format!("{name} Cloud"),
            short: parts.iter().map(|p| &p.0[..1]).collect::<String>() + &index.to_string(),
            katakana: parts.iter().map(|p| p.1).collect(),
            name,
        }
    }

    /// The name and aliases as `radar.toml` would list them, as matcher
    /// patterns. Every seventh technology is case-sensitive, like `Go`.
    fn patterns(&self, technology: usize) -> impl Iterator<Item = Pattern> {
        let case_sensitive = technology.is_multiple_of(7);
        [&self.name, &self.long, &self.short, &self.katakana]
            .map(|text| Pattern {
                technology,
                text: normalize_phrase(text),
                case_sensitive,
            })
            .into_iter()
    }

    /// One of the ways a report writes this technology, misses included;
    /// `choice` is below [`SPELLINGS`], and the plain name takes two values.
    fn spelling(&self, choice: usize) -> String {
        match choice {
            0 => self.long.clone(),
            1 => self.short.clone(),
            2 => self.katakana.clone(),
            // Full width, as Japanese input methods often produce.
            3 => self.name.chars().map(full_width).collect(),
            4 => self.name.to_ascii_lowercase(),
            // Near misses: a word boundary fails, or the longer pattern does.
            5 => format!("{}ish", self.name),
            6 => format!("{} Cloudy", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The full-width form of an ASCII letter or digit.
fn full_width(c: char) -> char {
    if c.is_ascii_alphanumeric() {
        char::from_u32(c as u32 + 0xfee0).unwrap_or(c)
    } else {
        c
    }
}

/// xorshift64: a fixed sequence for a fixed seed, enough to vary the text.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Sentence templates; `{a}` and `{b}` are technologies.
const SENTENCES: [&str; 10] = [
    "{a} の導入事例が紹介され、移行にかかった期間は２０２３年から半年ほどだった。",
    "セッションでは {a} と {b} の比較があり、運用コストの差が議論された。",
    "{a}を本番で使っているチームは多く、質疑応答でも話題になった。",
    "The speaker compared {a} with {b} under production load and kept {a}.",
    "We should keep an eye on {a}; its maintainers shipped two major releases this year.",
    "ｻｰﾋﾞｽﾒｯｼｭ の文脈で {a} が挙がり、{b}との組み合わせも紹介された。",
    "Several hallway conversations mentioned {a} (and {b}) as worth a trial.",
    "{a}は学習コストが高いという声もあったが、ドキュメントは充実している。",
    "登壇者は「{a} を使えば十分」と述べたうえで、{b} の弱点にも触れた。",
    "Benchmarks of {a} looked promising, though {b} still wins on cold starts.",
];

/// A Markdown report body of at least [`BODY_BYTES`], the same on every run.
fn report_body(technologies: &[Technology]) -> String {
    let mut rng = Rng(0x5eed_cafe);
    let pick = |rng: &mut Rng| {
        let pool = if rng.below(2) == 0 {
            POPULAR
        } else {
            technologies.len()
        };
        let tech = &technologies[rng.below(pool)];
        tech.spelling(rng.below(SPELLINGS))
    };
    let mut body = String::from("# カンファレンス参加レポート\n\n");
    let mut section = 0;
    while body.len() < BODY_BYTES {
        section += 1;
        body.push_str(&format!("## セッション {section}: Talk notes\n\n"));
        for _ in 0..6 {
            let template = SENTENCES[rng.below(SENTENCES.len())];
            let sentence = template
                .replace("{a}", &pick(&mut rng))
                .replace("{b}", &pick(&mut rng));
            body.push_str(&sentence);
            body.push(if rng.below(3) == 0 { '\n' } else { ' ' });
        }
        if section == 3 {
            let a = pick(&mut rng);
            body.push_str(&format!(
                "\n\n```yaml\nkind: Deployment\nspec:\n  image: {a}:latest\n  # {a} config\n```\n"
            ));
        }
        let slug = technologies[rng.below(technologies.len())].short.clone();
        body.push_str(&format!(
            "\n資料: https://example.com/slides/{slug}?lang=ja#p{section}\n\n"
        ));
    }
    body
}

fn benches(c: &mut Criterion) {
    let technologies: Vec<Technology> = (0..SIZES[SIZES.len() - 1]).map(Technology::new).collect();
    let body = report_body(&technologies);
    let normalized = NormalizedText::new(&body, 1).text;
    let radars: Vec<(usize, Vec<Pattern>)> = SIZES
        .iter()
        .map(|&size| {
            let patterns = technologies[..size]
                .iter()
                .enumerate()
                .flat_map(|(index, tech)| tech.patterns(index))
                .collect();
            (size, patterns)
        })
        .collect();
    for (size, patterns) in &radars {
        let mut counts = vec![0u32; *size];
        Matcher::new(patterns).count(&normalized, &mut counts);
        let total: u32 = counts.iter().sum();
        // A bench over text that mentions nothing would measure the wrong thing.
        assert!(total > 50, "only {total} mentions for {size} technologies");
        eprintln!(
            "{size} technologies, {} patterns: {total} mentions in {} bytes",
            patterns.len(),
            normalized.len()
        );
    }

    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("report", |b| {
        b.iter(|| NormalizedText::new(black_box(&body), 1));
    });
    group.finish();

    let mut group = c.benchmark_group("count");
    group.throughput(Throughput::Bytes(normalized.len() as u64));
    for (size, patterns) in &radars {
        let matcher = Matcher::new(patterns);
        group.bench_with_input(BenchmarkId::new("technologies", size), size, |b, &size| {
            b.iter(|| {
                // As the real path does: fresh counts for each report.
                let mut counts = vec![0u32; size];
                matcher.count(black_box(&normalized), &mut counts);
                counts
            });
        });
    }
    group.finish();

    // Compiled once per run, not per report; here to show it stays small.
    let mut group = c.benchmark_group("compile");
    for (size, patterns) in &radars {
        group.bench_with_input(BenchmarkId::new("technologies", size), patterns, |b, p| {
            b.iter(|| Matcher::new(black_box(p)));
        });
    }
    group.finish();
}

// Thirty samples of two seconds each: enough to see a change of a few
// percent in iterations of microseconds.
support::bench_main!(benches, samples = 30, seconds = 2);
