//! The trends chart's colours. The chart paints its own opaque background,
//! so it reads the same on a light page, a dark page and in librsvg, which
//! ignores CSS media queries. A palette is a value passed to the drawing,
//! so a radar theme (light, dark) can choose one without the drawing
//! changing.
//!
//! The line colour is from the Okabe-Ito set, which stays distinct under
//! the common colour-vision deficiencies; small multiples need only one
//! line colour, since each panel names its technology.

use crate::input::radar::Theme;

/// Every colour the chart uses, as SVG colour strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Palette {
    /// The opaque background under everything.
    pub background: &'static str,
    /// Titles and technology names.
    pub text: &'static str,
    /// Axis labels, counts and notes.
    pub muted: &'static str,
    /// Grid lines inside a panel.
    pub grid: &'static str,
    /// A panel's frame and axis line.
    pub axis: &'static str,
    /// The band behind quarters without any report.
    pub gap: &'static str,
    /// Series lines and points.
    pub line: &'static str,
    /// The reports-per-quarter bars.
    pub bar: &'static str,
}

impl Palette {
    /// Dark text on white; Okabe-Ito blue lines. The default.
    pub(crate) fn light() -> Palette {
        Palette {
            background: "#ffffff",
            text: "#1a1a1a",
            muted: "#555555",
            grid: "#e6e6e6",
            axis: "#8c8c8c",
            gap: "#f0f0f0",
            line: "#0072b2",
            bar: "#9a9a9a",
        }
    }

    /// Light text on the radar's dark background; Okabe-Ito sky blue, which
    /// keeps its contrast there.
    pub(crate) fn dark() -> Palette {
        Palette {
            background: "#0d1117",
            text: "#e6edf3",
            muted: "#9da7b3",
            grid: "#262c36",
            axis: "#6e7681",
            gap: "#161b22",
            line: "#56b4e9",
            bar: "#6e7681",
        }
    }

    /// The palette for the radar's `theme`. `auto` draws light: the chart
    /// has no media query, and light is what `auto` shows where none is read.
    pub(crate) fn for_theme(theme: Theme) -> Palette {
        match theme {
            Theme::Dark => Palette::dark(),
            Theme::Light | Theme::Auto => Palette::light(),
        }
    }
}
