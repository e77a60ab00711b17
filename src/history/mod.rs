//! The radar over time: what changed in each edition ([`changelog`]), and
//! what differs between two versions of the radar file ([`diff`]), read
//! from a git revision by [`git`].

pub(crate) mod changelog;
pub(crate) mod diff;
pub(crate) mod git;
