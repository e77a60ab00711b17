//! Helps the curator: what deserves a look for the next edition
//! ([`suggest`], from the shipped [`dictionary`], guessed [`terms`] and
//! [`signals`] on placed technologies), quotes to cite as evidence
//! ([`quotes`]), editing radar.toml in place without disturbing what the
//! user wrote ([`edit`]), and the JSON Schema editors check radar.toml
//! with ([`schema`]).
//!
//! Between counting and drawing: it reads the trusted radar
//! ([`crate::input`]), the reports ([`crate::corpus`]) and the scan
//! ([`crate::count`]), and never a later stage.

pub(crate) mod dictionary;
pub(crate) mod edit;
pub(crate) mod quotes;
pub(crate) mod schema;
pub(crate) mod signals;
pub(crate) mod suggest;
pub(crate) mod terms;
