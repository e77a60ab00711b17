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
    /// The radar file.
    #[arg(long, global = true, value_name = "PATH", default_value = "radar.toml")]
    pub config: PathBuf,
    /// The reports folder (overrides `reports` in the radar file).
    #[arg(long, global = true, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    /// Print nothing but errors and warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,
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
    /// Manage the cache of per-report counts: `confradar cache clear`.
    Cache(CacheArgs),
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

impl Cli {
    /// The cache folder the options choose; `None` with `--no-cache`.
    pub fn cache_folder(&self) -> Option<PathBuf> {
        if self.no_cache {
            return None;
        }
        crate::count::cache::folder::resolve(&self.config, self.cache_dir.as_deref())
    }
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
    /// A summary, a table of ring moves, then the rest: for a PR comment.
    Markdown,
    /// Plain lines for a terminal.
    Text,
    /// JSON, for tools.
    Json,
}

/// `diff` options.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The radar before: a radar.toml path, or REV:PATH read with
    /// `git show` (e.g. `origin/main:radar.toml`).
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
