//! The radar SVG's style sheet and the background it draws itself on.
//!
//! The SVG is shown on pages it knows nothing about: a wiki's dark skin,
//! a white page under a dark operating system, a browser tab of its own,
//! librsvg rasterizing it for a wiki. So it paints its own background,
//! and its text colours are chosen for that background, never for the
//! page around it. The theme ([`Theme`]) picks which page it is: light,
//! dark, or light switching to dark under `prefers-color-scheme` (a
//! renderer that ignores media queries, as librsvg does, sees light).
//!
//! The rules come in two parts: sizes and tints that are the same on any
//! page, then one page's colours (written twice for `auto`, the dark ones
//! inside the media query, so they win there). A ring's or quadrant's own
//! `color` adds rules after the built-in palette
//! ([`crate::render::colour`] makes it readable where it is text); a radar
//! without colours gets no extra byte.

use std::fmt::Write;

use crate::input::radar::Theme;
use crate::render::colour::{self, DARK_PAGE, LIGHT_PAGE, Rgb, TEXT_CONTRAST};
use crate::render::scene::Scene;
use crate::render::svg::Num;

/// Quadrant colours, light enough to read on dark pages and dark enough to
/// carry white numbers.
pub(super) const PALETTE: [&str; 8] = [
    "#1a7f8e", "#c4562b", "#6f4fb0", "#2f6fc0", "#b8325a", "#3f8a2e", "#9a6b10", "#5a6472",
];

/// The quadrant colours for text on the dark page: the same hues, lighter.
const PALETTE_DARK: [&str; 8] = [
    "#4fc3d1", "#f0895f", "#a78bea", "#6ea8f0", "#f07097", "#7cc46a", "#d9a441", "#9aa5b4",
];

/// How strongly each ring's band is tinted, innermost first.
pub(super) const BAND_OPACITY: [&str; 6] = [".30", ".21", ".15", ".10", ".07", ".05"];

/// How strongly a band with its ring's own colour is tinted: one strength
/// for all, since the colours themselves tell the rings apart.
const RING_COLOUR_OPACITY: &str = ".25";

/// The contrast a change line needs against the page (WCAG's for
/// graphics).
const LINE_CONTRAST: f64 = 3.0;

/// The colours of one page: its background and what is drawn on it.
struct Page {
    /// The background the SVG paints under everything.
    background: Rgb,
    /// Names, headings, legend entries.
    text: &'static str,
    /// Subtitle, key, ring names and numbers in the legends.
    muted: &'static str,
    /// Ring names on the radar.
    ring_label: &'static str,
    /// Ring circles and sector axes.
    line: &'static str,
    /// Quadrant names and headings, and the change lines around markers.
    quadrant_text: [&'static str; 8],
}

/// The light page (GitHub's light colours).
const LIGHT: Page = Page {
    background: LIGHT_PAGE,
    text: "#1f2328",
    muted: "#59636e",
    ring_label: "#3d444d",
    line: "#818b98",
    quadrant_text: PALETTE,
};

/// The dark page (GitHub's dark colours).
const DARK: Page = Page {
    background: DARK_PAGE,
    text: "#e6edf3",
    muted: "#9198a1",
    ring_label: "#d1d7e0",
    line: "#9198a1",
    quadrant_text: PALETTE_DARK,
};

/// The page a theme draws on where no media query applies.
fn base(theme: Theme) -> &'static Page {
    match theme {
        Theme::Light | Theme::Auto => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// The background: one rectangle the size of the page, first of all that
/// is drawn. Its colour is also an attribute, so the SVG keeps its
/// background where a style sheet is dropped.
pub(super) fn background(out: &mut String, scene: &Scene) {
    let _ = writeln!(
        out,
        r#"<rect class="page" x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
        Num(scene.width),
        Num(scene.height),
        base(scene.theme).background.hex()
    );
}

/// The `<style>` element.
pub(super) fn style(out: &mut String, scene: &Scene) {
    out.push_str("<style>\n");
    out.push_str(
        ".title { font-size: 22px; font-weight: 700; }\n\
         .subtitle, .key-text { font-size: 13px; }\n\
         .ring-line { fill: none; stroke-opacity: .55; stroke-width: 1; }\n\
         .axis { stroke-opacity: .8; stroke-width: 1.5; }\n\
         .ring-label { font-size: 12px; font-weight: 700; text-anchor: middle; }\n\
         .quadrant-label, .legend-heading { font-size: 15px; font-weight: 700; }\n\
         .legend-ring { font-size: 11px; font-weight: 700; letter-spacing: .04em; }\n\
         .legend-entry { font-size: 12px; }\n\
         .legend-number { font-size: 12px; font-weight: 700; text-anchor: end; }\n\
         .legend-empty { font-size: 12px; font-style: italic; }\n\
         .num { font-size: 10px; font-weight: 700; fill: #ffffff; text-anchor: middle; }\n\
         .num.long { letter-spacing: -.06em; }\n\
         .change { fill: none; stroke-width: 3; }\n\
         .change.thin { stroke-width: 2; }\n\
         .key-change { fill: none; stroke-width: 3; }\n",
    );
    for (i, colour) in PALETTE.iter().enumerate() {
        let _ = writeln!(out, ".f{i} {{ fill: {colour}; }}");
    }
    for (i, opacity) in BAND_OPACITY.iter().enumerate() {
        let _ = writeln!(out, ".band-{i} {{ fill-opacity: {opacity}; }}");
    }
    own_fills(out, scene);
    let page = base(scene.theme);
    colours(out, scene, page);
    if scene.theme == Theme::Auto {
        out.push_str("@media (prefers-color-scheme: dark) {\n");
        colours(out, scene, &DARK);
        out.push_str("}\n");
    }
    out.push_str("</style>\n");
}

/// The rules that colour everything drawn on `page`, its background too.
fn colours(out: &mut String, scene: &Scene, page: &Page) {
    let muted = page.muted;
    let _ = write!(
        out,
        ".page {{ fill: {}; }}\n\
         text {{ fill: {}; }}\n\
         .subtitle, .key-text, .legend-ring, .legend-number, .legend-empty {{ fill: {muted}; }}\n\
         .ring-label {{ fill: {}; }}\n\
         .ring-line, .axis {{ stroke: {}; }}\n\
         .key-marker {{ fill: {muted}; }}\n\
         .key-change {{ stroke: {muted}; }}\n",
        page.background.hex(),
        page.text,
        page.ring_label,
        page.line,
    );
    // Change lines are in the text's hue, so they stand out from the page
    // as the names do.
    for (i, colour) in page.quadrant_text.iter().enumerate() {
        let _ = writeln!(
            out,
            ".s{i} {{ stroke: {colour}; }} .t{i} {{ fill: {colour}; }}"
        );
    }
    own_colours(out, scene, page.background);
}

/// The fills of the rings' and quadrants' own colours, the same on every
/// page, written after the palette's so they win: a quadrant's colour
/// tints its sector as given and fills its markers' cores dark enough to
/// carry white numbers; a ring's colour tints its band in every sector.
fn own_fills(out: &mut String, scene: &Scene) {
    for (q, given) in own(&scene.quadrants) {
        let q = q % PALETTE.len();
        let core = colour::readable(given, Rgb(255, 255, 255), TEXT_CONTRAST).hex();
        let _ = writeln!(
            out,
            ".f{q} {{ fill: {}; }} .core.f{q} {{ fill: {core}; }}",
            given.hex()
        );
    }
    for (r, given) in own(&scene.rings) {
        let _ = writeln!(
            out,
            ".rc{r} {{ fill: {}; fill-opacity: {RING_COLOUR_OPACITY}; }}",
            given.hex()
        );
    }
}

/// The rings' and quadrants' own colours where they are text or lines on
/// a page of `page`'s colour, moved just far enough to read: quadrant
/// names, headings and change lines; ring names in the legends.
fn own_colours(out: &mut String, scene: &Scene, page: Rgb) {
    // On the light page the change line matches the marker's core.
    let line = if page == LIGHT_PAGE {
        TEXT_CONTRAST
    } else {
        LINE_CONTRAST
    };
    for (q, given) in own(&scene.quadrants) {
        let q = q % PALETTE.len();
        let _ = writeln!(
            out,
            ".s{q} {{ stroke: {}; }} .t{q} {{ fill: {}; }}",
            colour::readable(given, page, line).hex(),
            colour::readable(given, page, TEXT_CONTRAST).hex()
        );
    }
    for (r, given) in own(&scene.rings) {
        let text = colour::readable(given, page, TEXT_CONTRAST).hex();
        let _ = writeln!(out, ".rt{r} {{ fill: {text}; }}");
    }
}

/// The levels that have a colour of their own, by index, with it.
fn own(levels: &[crate::input::radar::Level]) -> impl Iterator<Item = (usize, Rgb)> + '_ {
    levels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, l.color.as_deref().and_then(Rgb::parse)?)))
}
