//! The radar over time: what changed in each edition ([`changelog`]), and
//! what differs between two versions of the radar file ([`diff`]), each
//! side a file or a git revision ([`revision`], read by [`git`]).

pub(crate) mod changelog;
pub(crate) mod diff;
pub(crate) mod git;
pub(crate) mod revision;
