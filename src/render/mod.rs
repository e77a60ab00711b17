//! Drawing: one edition laid out for drawing ([`scene`], with blip
//! positions from [`layout`]), written as SVG ([`radar_svg`]) and data
//! ([`radar_json`]); mentions over time charted ([`trends`]); helpers for
//! SVG ([`svg`]) and Markdown ([`markdown`]).

pub mod layout;
pub mod markdown;
pub mod radar_json;
pub mod radar_svg;
pub mod scene;
pub mod svg;
pub mod trends;
