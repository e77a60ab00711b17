//! Writing: rendered outputs held in memory and written all at once
//! ([`artifact`]), and a long scan's progress on a terminal ([`progress`]).

pub mod artifact;
pub(crate) mod progress;
