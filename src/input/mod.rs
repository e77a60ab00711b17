//! What the user wrote, and what it means: `radar.toml` as written
//! ([`config`]), validated ([`validate`], one field at a time by [`field`],
//! names and aliases by [`spelling`], colours, tags and further links by
//! [`annotations`], Markdown links by [`links`], the `[suggest]` names by
//! [`suggest`]) into the trusted model ([`radar`]); the
//! quarters editions and reports are dated by ([`quarter`]); and what
//! changed in each edition, derived once from the placements ([`changes`]).

pub(crate) mod annotations;
pub mod changes;
pub(crate) mod config;
pub(crate) mod field;
#[cfg(test)]
pub(crate) mod fixture;
pub(crate) mod links;
pub mod quarter;
pub mod radar;
pub(crate) mod radar_file;
pub(crate) mod spelling;
pub mod suggest;
pub(crate) mod validate;
