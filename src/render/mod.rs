//! Drawing: one edition laid out for drawing ([`scene`], with blip
//! positions from [`layout`]), written as SVG ([`radar_svg`]) and data
//! ([`radar_json`]); mentions over time charted ([`trends`]); helpers for
//! SVG ([`svg`]) and Markdown ([`markdown`]).

pub mod layout;
pub(crate) mod markdown;
pub(crate) mod radar_json;
pub(crate) mod radar_svg;
pub mod scene;
pub(crate) mod summary;
pub mod svg;
pub(crate) mod trends;
