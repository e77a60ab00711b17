//! `confradar diff BASE [HEAD]`: what a change to radar.toml does, as a
//! Markdown comment for a pull request, a GitHub job summary, plain text,
//! or JSON.
//!
//! The stages: both sides loaded ([`crate::history::revision`]), compared
//! ([`crate::history::diff`]), and written in the chosen format.

use super::{Output, Status};
use crate::cli::{DiffArgs, DiffFormat};
use crate::error::Error;
use crate::history::diff::{self, markdown, text};
use crate::history::revision;
use crate::project::Paths;

/// Runs `diff`.
pub(crate) fn run(paths: &Paths, args: &DiffArgs) -> Result<(Output, Status), Error> {
    let head_spec = args
        .head
        .clone()
        .unwrap_or_else(|| paths.config.display().to_string());
    let (base, head) = revision::load_both(&args.base, &head_spec, &paths.config)?;
    let diff = match &base {
        Some(base) => diff::diff(base, &head),
        None => diff::everything_added(&head),
    };
    // A missing BASE has no names of its own; HEAD's serve for both.
    let base = base.as_ref().unwrap_or(&head);
    let stdout = match args.format {
        DiffFormat::Markdown => markdown::comment(&diff, base, &head),
        DiffFormat::Github => markdown::job_summary(&diff, base, &head),
        DiffFormat::Text => text::render(&diff, base, &head),
        DiffFormat::Json => diff
            .to_json()
            .map_err(|e| Error::Usage(format!("cannot write the diff as JSON: {e}")))?,
    };
    let status = Status::differs_if(args.exit_code && !diff.is_empty());
    Ok((Output::new(stdout, Vec::new()), status))
}
