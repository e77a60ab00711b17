//! What the user wrote, and what it means: `radar.toml` as written
//! ([`config`]), validated into the trusted model ([`radar`]), and the
//! quarters editions and reports are dated by ([`quarter`]).

pub(crate) mod changes;
pub(crate) mod config;
#[cfg(test)]
pub(crate) mod fixture;
pub mod quarter;
pub mod radar;
