//! Drawing: one edition laid out for drawing ([`scene`], with blip
//! positions from [`layout`] and legends from [`legend`]), written as SVG
//! ([`radar_svg`]) and data ([`radar_json`]); mentions over time charted
//! ([`trends`]). Below those: the plane they share ([`geometry`]), the
//! layout's cells and their slot grid (`cell`, `grid`) and fixed hash
//! ([`hash`]), text measurement ([`metrics`]), the radar's own colours made
//! readable (`colour`), and helpers for writing SVG
//! (`svg`) and Markdown ([`markdown`]). [`summary`] is what `build` prints:
//! the radar's size, the most mentioned, the current edition's changes.

pub(crate) mod cell;
pub(crate) mod colour;
pub mod geometry;
pub(crate) mod grid;
pub mod hash;
pub mod layout;
pub mod legend;
pub(crate) mod markdown;
pub mod metrics;
pub(crate) mod radar_json;
pub(crate) mod radar_svg;
pub mod scene;
pub(crate) mod summary;
pub(crate) mod svg;
pub(crate) mod trends;
