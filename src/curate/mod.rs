//! Helps the curator: finding quotes to cite as evidence ([`quotes`]),
//! editing radar.toml in place without disturbing what the user wrote
//! ([`edit`]), and the JSON Schema editors check radar.toml with
//! ([`schema`]). Uses the input and count stages; nothing before it uses
//! it.

pub(crate) mod edit;
pub(crate) mod quotes;
pub(crate) mod schema;
