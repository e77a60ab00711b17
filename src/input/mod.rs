//! What the user wrote, and what it means: `radar.toml` as written
//! ([`config`]), validated into the trusted model ([`radar`]), and the
//! quarters editions and reports are dated by ([`quarter`]).

pub(crate) mod config;
pub(crate) mod field;
#[cfg(test)]
pub(crate) mod fixture;
pub(crate) mod links;
pub mod quarter;
pub mod radar;
pub(crate) mod validate;
