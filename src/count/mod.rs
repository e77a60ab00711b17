//! Counting: finding names and aliases in the reports ([`matcher`]),
//! counting them per report and grouping the counts ([`mentions`]),
//! checking each placement's evidence against the reports ([`evidence`]),
//! and writing counts as CSV ([`csv`]).

pub(crate) mod csv;
pub(crate) mod evidence;
pub mod matcher;
pub(crate) mod mentions;
