//! Counting: finding names and aliases in the reports ([`matcher`]),
//! counting them per report ([`scan`], which reuses the counts of unchanged
//! reports from the [`cache`]) and grouping the counts
//! ([`mentions`]), checking each placement's evidence against the reports
//! ([`evidence`]), and writing the counts ([`format`](mod@format): as a [`table`],
//! [`csv`] or [`json`]).

pub(crate) mod cache;
pub(crate) mod counts;
pub(crate) mod csv;
pub(crate) mod evidence;
pub(crate) mod format;
pub(crate) mod json;
pub mod matcher;
pub(crate) mod mentions;
pub(crate) mod scan;
pub(crate) mod table;
