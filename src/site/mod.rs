//! `index.html`: the radar as one self-contained page to browse, search
//! and read the evidence in.
//!
//! A pipeline of its own, after interop: [`data`] gathers what the page
//! shows from the radar, the scan and the laid-out scenes; [`sparkline`]
//! draws a technology's mentions per quarter; [`page`] writes the
//! document with the escaping helpers of [`html`], inlining `style.css`
//! and `script.js`. Pure: the same inputs give the same bytes.

pub(crate) mod data;
pub(crate) mod html;
pub(crate) mod page;
pub(crate) mod sparkline;

/// The page's path in the output folder.
pub(crate) const PATH: &str = "index.html";

use crate::count::scan::Scan;
use crate::input::radar::Radar;
use crate::render::scene::Scene;

/// The page for `radar`, drawing each laid-out edition of `scenes`
/// (indices into the radar's editions, the current one among them);
/// `reports` is the reports folder as a link from the output
/// folder.
pub(crate) fn render(
    radar: &Radar,
    scan: &Scan,
    scenes: &[(usize, &Scene)],
    reports: &str,
) -> String {
    let data = data::gather(radar, scan, reports);
    let editions: Vec<page::Edition> = scenes
        .iter()
        .map(|&(index, scene)| page::Edition { index, scene })
        .collect();
    page::render(radar, &data, &editions)
}
