//! Counting: finding names and aliases in the reports ([`matcher`]),
//! counting them per report and grouping the counts ([`mentions`]),
//! checking each placement's evidence against the reports ([`evidence`]),
//! and writing counts as CSV ([`csv`]).

pub mod csv;
pub mod evidence;
pub mod matcher;
pub mod mentions;
