//! `confradar cache clear|path`: remove the cache of per-report counts, or
//! say where it is. The folder and the rule for what may be removed are
//! [`crate::count::cache::folder`]'s.

use super::Output;
use crate::cli::{CacheAction, CacheArgs};
use crate::count::cache::folder::{self, Cleared};
use crate::error::Error;
use crate::project::Paths;
use crate::text::escape_unsafe;

/// Runs `cache`.
pub(crate) fn run(paths: &Paths, args: &CacheArgs) -> Result<Output, Error> {
    let Some(dir) = &paths.cache else {
        return Err(Error::Usage(
            "no cache folder: `--no-cache` was given, or the radar file's folder cannot be resolved"
                .into(),
        ));
    };
    let shown = escape_unsafe(&dir.to_string_lossy()).into_owned();
    let stdout = match args.action {
        CacheAction::Path => format!("{shown}\n"),
        CacheAction::Clear => match folder::clear(dir).map_err(Error::io(dir))? {
            Cleared::Missing => format!("no cache at {shown}\n"),
            Cleared::Removed => format!("removed the cache {shown}\n"),
            Cleared::Kept(names) => format!(
                "removed the cache's files; kept {shown} for {} confradar did not write: {}\n",
                crate::wording::count(names.len(), "file", "files"),
                names
                    .iter()
                    .map(|n| escape_unsafe(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Cleared::NotOurs => {
                return Err(Error::Usage(format!(
                    "{shown} is not a cache confradar made (it has no CACHEDIR.TAG of confradar's); nothing removed"
                )));
            }
        },
    };
    Ok(Output::new(stdout, Vec::new()))
}
