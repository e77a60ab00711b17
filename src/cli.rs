//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::input::quarter::Quarter;

/// Turn conference reports and a hand-curated radar.toml into a technology
/// radar: an SVG for wikis, a changelog, mention trends and PR diffs.
#[derive(Debug, Parser)]
#[command(name = "confradar", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success; 1 the input has errors (each printed with its location), \
or `build --check` / `diff --exit-code` found differences; \
2 the command could not run (bad arguments, unreadable paths, a git revision that cannot be read, \
an output folder `build` refuses to write)."
)]
pub struct Cli {
    /// The radar file; `-` reads it from standard input (then --reports
    /// is required, and relative paths in it are taken from the current
    /// folder).
    #[arg(long, global = true, value_name = "PATH", default_value = "radar.toml")]
    pub config: PathBuf,
    /// The reports folder (overrides `reports` in the radar file).
    #[arg(long, global = true, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    /// Print nothing but errors and warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// When to colour errors and warnings: `auto` colours them on a
    /// terminal unless `NO_COLOR` is set or `TERM` is `dumb`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Count every report afresh, and neither read nor write the cache of
    /// per-report counts.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Keep the cache of per-report counts in DIR (one subfolder per
    /// project) instead of `.confradar-cache/` beside the radar file; the
    /// environment variable `CONFRADAR_CACHE_DIR` does the same.
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate radar.toml, the reports and the evidence; list every problem.
    Check(CheckArgs),
    /// Count mentions of each technology over time.
    Mentions(MentionsArgs),
    /// Validate, then write the radar outputs.
    Build(BuildArgs),
    /// Compare two versions of radar.toml, e.g. for a pull request.
    Diff(DiffArgs),
    /// Start a radar from another tool's files: writes DIR/radar.toml and
    /// an empty DIR/reports/.
    Import(ImportArgs),
    /// Write the radar in another radar tool's format (BYOR, Zalando,
    /// Backstage, AOE).
    Export(ExportArgs),
    /// Print a shell completion script: `confradar completions bash`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
    /// Print each sentence that mentions a technology, newest report
    /// first: quotes to cite as evidence.
    Quotes(QuotesArgs),
    /// Add or replace a technology's placement in an edition, editing
    /// radar.toml in place.
    Place(PlaceArgs),
    /// Edit the radar's editions in radar.toml.
    Edition(EditionArgs),
    /// Print a JSON Schema of radar.toml, for completion and checks in
    /// editors.
    Schema,
    /// What deserves a look for the next edition, from the new reports.
    ///
    /// New reports are those dated after --since. Each line has its numbers
    /// and the reports to read. Kinds: `unplaced`, a name of the shipped
    /// dictionary (CNCF Landscape and common names; `[suggest] known` adds,
    /// `ignore` removes) mentioned in the new reports but not on the radar,
    /// counted like `mentions`; `candidate`, a guess: a word shaped like a
    /// name (eBPF, k3s, Karpenter, katakana of 3 or more characters) in 2
    /// or more new reports and known to neither; `rising`, on one of the
    /// last two rings, in 2 or more new reports, at a rate (mentions per
    /// report) at least 1.5 times, and above, its rate over the reports of
    /// the 4 quarters up to --since; `silent`, on one of the first two
    /// rings, with no mention in the reports dated after the edition before
    /// the last two; `stale-evidence`, the newest report the placement in
    /// force cites is older than --stale-after editions; `no-evidence`,
    /// placed with no evidence.
    Suggest(SuggestArgs),
    /// Manage the cache of per-report counts: `confradar cache clear`.
    Cache(CacheArgs),
}

impl Cli {
    /// How the command prints its errors and warnings: `--format` of
    /// `check` and `build`, text for the others.
    pub fn diagnostics_format(&self) -> crate::diagnostic::format::Format {
        match &self.command {
            Command::Check(args) => args.format.into(),
            Command::Build(args) => args.format.into(),
            _ => crate::diagnostic::format::Format::Text,
        }
    }

    /// The cache folder the options choose; `None` with `--no-cache`.
    pub fn cache_folder(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        crate::count::cache::folder::resolve(&self.config, self.cache_dir.as_deref())
    }
}

/// `--color`: when errors and warnings are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (to anything but nothing)
    /// or `TERM` is `dumb`.
    Auto,
    /// Always, even through a pipe.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stderr is a terminal and the
    /// `NO_COLOR` and `TERM` variables (<https://no-color.org>).
    pub fn enabled(
        self,
        stderr_is_terminal: bool,
        no_color: Option<&str>,
        term: Option<&str>,
    ) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stderr_is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
            }
        }
    }
}

/// `--format` of `check` and `build`: how errors and warnings are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticsFormat {
    /// For people, on stderr: each problem with its line and a caret.
    #[default]
    Text,
    /// One JSON array on stdout: `{severity, code, message, file, line,
    /// column, end_line, end_column, help, notes}` per problem; the rest of
    /// the output moves to stderr.
    Json,
    /// GitHub Actions workflow commands on stdout (an annotation on each
    /// problem's line), and the text on stderr.
    Github,
}

impl From<DiagnosticsFormat> for crate::diagnostic::format::Format {
    fn from(format: DiagnosticsFormat) -> Self {
        match format {
            DiagnosticsFormat::Text => Self::Text,
            DiagnosticsFormat::Json => Self::Json,
            DiagnosticsFormat::Github => Self::Github,
        }
    }
}

/// `cache` options.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// What to do with the cache.
    #[command(subcommand)]
    pub action: CacheAction,
}

/// What `cache` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Subcommand)]
pub enum CacheAction {
    /// Remove the cache folder and the files confradar wrote in it.
    Clear,
    /// Print the cache folder's path (for CI caching).
    Path,
}

/// `check` options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also print where each evidence quote was found.
    #[arg(short, long)]
    pub verbose: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Text)]
    pub format: DiagnosticsFormat,
}

/// Output formats for tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// JSON.
    Json,
}

impl From<Format> for crate::count::format::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Table => Self::Table,
            Format::Csv => Self::Csv,
            Format::Json => Self::Json,
        }
    }
}

/// How `mentions` groups the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Per calendar quarter of the report date.
    Quarter,
    /// Per calendar year.
    Year,
    /// Per report.
    Report,
}

impl From<By> for crate::count::mentions::By {
    fn from(by: By) -> Self {
        match by {
            By::Quarter => Self::Quarter,
            By::Year => Self::Year,
            By::Report => Self::Report,
        }
    }
}

/// `mentions` options.
#[derive(Debug, Args)]
pub struct MentionsArgs {
    /// How to group the counts.
    #[arg(long, value_enum, default_value_t = By::Quarter)]
    pub by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Only these technologies (by id); repeatable.
    #[arg(long = "tech", value_name = "ID")]
    pub tech: Vec<String>,
}

/// `build` options.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Write nothing; list the files a build would change and exit 1 if
    /// there are any, 0 if the output folder is up to date.
    #[arg(long)]
    pub check: bool,
    /// Take over an output folder that holds files confradar did not
    /// write, replacing those at the paths it writes (each one named on
    /// stderr) and keeping the rest. Never the radar file's folder, the
    /// reports folder, or a folder with a mount point in it.
    #[arg(long)]
    pub force: bool,
    /// Render only this edition under `editions/` (e.g. `2019-Q3`).
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub edition: Option<Quarter>,
    /// How many technologies `trends.svg` shows.
    #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..))]
    pub top: u16,
    /// What `trends.svg` plots per quarter: raw mentions, mentions per
    /// report, or the share of reports that mention each technology.
    #[arg(long, value_enum, value_name = "METRIC", default_value_t = TrendMetric::Share)]
    pub trend_metric: TrendMetric,
    /// How to print errors and warnings (as `check --format`).
    #[arg(long, value_enum, default_value_t = DiagnosticsFormat::Text)]
    pub format: DiagnosticsFormat,
}

/// `--trend-metric` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrendMetric {
    /// Mentions per quarter, as counted: grows with the number of reports.
    Mentions,
    /// Mentions per quarter divided by that quarter's reports.
    PerReport,
    /// The fraction of that quarter's reports that mention it.
    Share,
}

impl From<TrendMetric> for crate::render::trends::Metric {
    fn from(metric: TrendMetric) -> Self {
        match metric {
            TrendMetric::Mentions => Self::Mentions,
            TrendMetric::PerReport => Self::PerReport,
            TrendMetric::Share => Self::Share,
        }
    }
}

fn parse_quarter(text: &str) -> Result<Quarter, String> {
    Quarter::parse(text).ok_or_else(|| format!("`{text}` is not a quarter like 2019-Q3"))
}

/// `diff` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A pull-request comment: a hidden marker, a summary line, a table of
    /// ring moves, new placements with their why and evidence, then the
    /// rest; nothing at all when nothing changed.
    Markdown,
    /// A GitHub Actions job summary (for `$GITHUB_STEP_SUMMARY`): the
    /// comment's Markdown under a heading, without the marker.
    Github,
    /// Plain lines for a terminal.
    Text,
    /// JSON, for tools.
    Json,
}

/// `diff` options.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The radar before: a radar.toml path, REV:PATH read with `git show`
    /// (e.g. `origin/main:radar.toml`), or a bare REV for the --config file
    /// at that revision (e.g. `HEAD~5`). A revision without the file is an
    /// empty radar: everything is added.
    #[arg(value_name = "BASE")]
    pub base: String,
    /// The radar after, written like BASE [default: the --config file].
    #[arg(value_name = "HEAD")]
    pub head: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Exit 1 when there are differences, 0 when there are none.
    #[arg(long)]
    pub exit_code: bool,
}

// `import`: its formats and options.

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A Build Your Own Radar (Thoughtworks) CSV or JSON sheet: one edition.
    Byor,
    /// Zalando tech-radar config.json files, each a version.
    Zalando,
    /// An AOE technology radar `radar/` folder (release subfolders).
    Aoe,
    /// A Backstage tech-radar `TechRadarLoaderResponse` JSON.
    Backstage,
}

impl From<ImportFormat> for crate::interop::import::Format {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Byor => Self::Byor,
            ImportFormat::Zalando => Self::Zalando,
            ImportFormat::Aoe => Self::Aoe,
            ImportFormat::Backstage => Self::Backstage,
        }
    }
}

/// `import` options.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format of the files.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The files (zalando: one or more config.json; aoe: the radar/ folder;
    /// byor, backstage: one file).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// The folder to write radar.toml and reports/ into.
    #[arg(long, value_name = "DIR")]
    pub into: PathBuf,
    /// The edition of a BYOR sheet (required) or a single Zalando file.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub edition: Option<Quarter>,
    /// Replace an existing DIR/radar.toml.
    #[arg(long)]
    pub force: bool,
    /// Zalando ring names, innermost first: `--rings Adopt,Trial,Assess,Hold`.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub rings: Vec<String>,
    /// Zalando quadrant names, in its order (0 to 3).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub quadrants: Vec<String>,
}

// `export`: its formats and options.

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Build Your Own Radar CSV (one edition).
    ByorCsv,
    /// Build Your Own Radar JSON (one edition).
    ByorJson,
    /// Zalando tech radar `config.json` (one edition).
    Zalando,
    /// Backstage tech-radar `TechRadarLoaderResponse` JSON (the full timeline).
    Backstage,
    /// An AOE technology radar `radar/<release>/<id>.md` tree and `config.json`, written to a folder.
    Aoe,
}

impl From<ExportFormat> for crate::interop::export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::ByorCsv => Self::ByorCsv,
            ExportFormat::ByorJson => Self::ByorJson,
            ExportFormat::Zalando => Self::Zalando,
            ExportFormat::Backstage => Self::Backstage,
            ExportFormat::Aoe => Self::Aoe,
        }
    }
}

/// `export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// The edition to export (e.g. `2024-Q3`) [default: the current one];
    /// Backstage and AOE get the history up to it.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub edition: Option<Quarter>,
    /// Write to this file instead of stdout; for `aoe`, the folder to
    /// create (it must not exist, or be empty) [default for aoe: aoe-export].
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing --output file.
    #[arg(long)]
    pub force: bool,
}

// `completions`: the shells.

/// `completions` options.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

// `quotes`, `place`, `edition` and `schema`: helping the curator.

/// `quotes` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    /// One line per quote: report id, line, sentence.
    Text,
    /// `evidence = [ ... ]` entries to paste into a placement.
    Toml,
}

/// `quotes` options.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// The technology's id, as in `[technologies.ID]`.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Only reports dated up to this quarter's end (e.g. `2024-Q3`), as
    /// evidence for that edition must be.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub edition: Option<Quarter>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuotesFormat::Text)]
    pub format: QuotesFormat,
    /// Print at most N quotes (the newest).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

/// `place` options.
#[derive(Debug, Args)]
pub struct PlaceArgs {
    /// The technology's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The ring id (e.g. `adopt`), or `retired`.
    #[arg(value_name = "RING")]
    pub ring: String,
    /// The edition the placement is for; one of `editions`.
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter, required = true)]
    pub edition: Quarter,
    /// Why it is placed there (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    /// A report backing the placement, with words quoted from it after the
    /// first `:`; repeatable.
    #[arg(long, value_name = "REPORT[:QUOTE]")]
    pub evidence: Vec<String>,
    /// Add the technology too: ID must be new, and --name and --quadrant
    /// are required.
    #[arg(long, requires_all = ["name", "quadrant"])]
    pub new: bool,
    /// The new technology's display name (with --new).
    #[arg(long, value_name = "NAME", requires = "new")]
    pub name: Option<String>,
    /// The new technology's quadrant id (with --new).
    #[arg(long, value_name = "Q", requires = "new")]
    pub quadrant: Option<String>,
}

/// `edition` options.
#[derive(Debug, Args)]
pub struct EditionArgs {
    /// What to do with the editions.
    #[command(subcommand)]
    pub action: EditionAction,
}

/// `edition` subcommands.
#[derive(Debug, Subcommand)]
pub enum EditionAction {
    /// Append a quarter, later than the last, to `editions` in radar.toml.
    Add {
        /// The quarter, e.g. `2025-Q1`.
        #[arg(value_name = "QUARTER", value_parser = parse_quarter)]
        quarter: Quarter,
    },
}

// `suggest`: its options.

/// `suggest` output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// A table per kind, with a heading line, for people.
    Table,
    /// One JSON array of objects, for tools.
    Json,
}

/// `suggest` options.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Reports dated after this quarter (e.g. `2024-Q3`) are new
    /// [default: the current edition].
    #[arg(long, value_name = "EDITION", value_parser = parse_quarter)]
    pub since: Option<Quarter>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Table)]
    pub format: SuggestFormat,
    /// Evidence is stale when its newest report has this many editions
    /// after its quarter.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub stale_after: u16,
    /// The most candidates (guesses) listed.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub candidates: u16,
}
