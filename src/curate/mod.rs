//! Helping the curator decide: what deserves a look for the next edition.
//!
//! Between counting and drawing: it reads the trusted radar
//! ([`crate::input`]), the reports ([`crate::corpus`]) and the scan
//! ([`crate::count`]), and never a later stage.

// `suggest`: the dictionary of known names, the guesser of new ones, the
// signals on placed technologies, and the suggestions they make.
pub(crate) mod dictionary;
pub(crate) mod signals;
pub(crate) mod suggest;
pub(crate) mod terms;
