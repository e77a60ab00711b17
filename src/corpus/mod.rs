//! The reports: finding their files without leaving the project
//! ([`discovery`]), reading them safely ([`crate::read`]), and decoding
//! each into its front matter and body ([`report`]).

pub(crate) mod discovery;
pub mod report;
