//! `confradar export`: the radar written in another tool's format, from
//! the neutral [`Interchange`] ([`crate::interop::from_radar`] makes it
//! from the trusted model). One file per format, each a pure function of
//! the radar and an edition: [`byor`] (Build Your Own Radar CSV and JSON),
//! [`zalando`] (`config.json`), [`backstage`] (`TechRadarLoaderResponse`),
//! [`aoe`] (a `radar/<release>/<id>.md` tree and `config.json`). What they
//! share: each technology's change per edition ([`change`]), Markdown as
//! safe HTML ([`html`]), the limits some targets have, and JSON written
//! one way. [`write`](mod@write) is the one part that touches the disk.

pub(crate) mod aoe;
pub(crate) mod backstage;
pub(crate) mod byor;
pub(crate) mod change;
pub(crate) mod html;
pub(crate) mod write;
pub(crate) mod zalando;

use serde::Serialize;

use crate::input::quarter::Quarter;
use crate::interop::model::{Interchange, Level};

/// A format `confradar export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Build Your Own Radar's CSV.
    ByorCsv,
    /// Build Your Own Radar's JSON array.
    ByorJson,
    /// Zalando's `config.json`.
    Zalando,
    /// Backstage's `TechRadarLoaderResponse`.
    Backstage,
    /// An AOE `radar/` tree with its `config.json`.
    Aoe,
}

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Export {
    /// One text, for stdout or a file.
    Text(String),
    /// Files for a folder, by relative `/`-separated path, sorted by path.
    Tree(Vec<File>),
}

/// One file of an exported tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct File {
    /// Relative, `/`-separated, built from validated ids and dates only.
    pub(crate) path: String,
    /// The file's text.
    pub(crate) text: String,
}

/// A radar the target cannot represent: nothing is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unfit {
    /// What the target needs and what the radar has.
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) help: String,
}

/// `radar` in `format`, as of `edition` (an index into `radar.editions`):
/// the formats of one edition show it, the ones with a history (Backstage,
/// AOE) show every edition up to it.
pub(crate) fn export(radar: &Interchange, edition: usize, format: Format) -> Result<Export, Unfit> {
    Ok(match format {
        Format::ByorCsv => Export::Text(byor::csv(radar, edition)?),
        Format::ByorJson => Export::Text(byor::json(radar, edition)?),
        Format::Zalando => Export::Text(zalando::config(radar, edition)?),
        Format::Backstage => Export::Text(backstage::response(radar, edition)),
        Format::Aoe => Export::Tree(aoe::tree(radar, edition)),
    })
}

/// The shape BYOR and Zalando draw: exactly four quadrants and at most four
/// rings; `target` names the format in the message.
pub(crate) fn four_by_four(radar: &Interchange, target: &str) -> Result<(), Unfit> {
    let (quadrants, rings) = (radar.quadrants.len(), radar.rings.len());
    if quadrants == 4 && rings <= 4 {
        return Ok(());
    }
    let mut problems = Vec::new();
    if quadrants != 4 {
        problems.push(format!(
            "this radar has {}",
            crate::wording::count(quadrants, "quadrant", "quadrants")
        ));
    }
    if rings > 4 {
        problems.push(format!(
            "this radar has {}",
            crate::wording::count(rings, "ring", "rings")
        ));
    }
    Err(Unfit {
        message: format!(
            "{target} draws exactly 4 quadrants and at most 4 rings; {}",
            problems.join(" and ")
        ),
        help: "export to `backstage` or `aoe`, which have no such limit, or change `quadrants` / `rings` in [radar]"
            .into(),
    })
}

/// `level`'s colour, or the target's default for its position (`palette`
/// repeated): for targets that need a colour on every ring or quadrant.
pub(crate) fn color_or(level: &Level, palette: &[&str], index: usize) -> String {
    level
        .color
        .clone()
        .unwrap_or_else(|| palette[index % palette.len()].to_owned())
}

/// `value` as pretty-printed JSON ending in a line break. Keys come in the
/// order the structs declare them, so the output is the same every time.
pub(crate) fn json<T: Serialize>(value: &T) -> String {
    // Plain structs, strings and numbers: serializing cannot fail.
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

/// The first month (1, 4, 7 or 10) of `quarter`: the month an edition is
/// dated by in formats that take a date.
pub(crate) fn first_month(quarter: Quarter) -> u32 {
    u32::from(quarter.quarter - 1) * 3 + 1
}

/// The first day of `quarter` as `YYYY-MM-DD`.
pub(crate) fn first_day(quarter: Quarter) -> String {
    format!("{:04}-{:02}-01", quarter.year, first_month(quarter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::fixture::RadarFixture;
    use crate::interop::from_radar::interchange;

    #[test]
    fn editions_are_dated_by_their_first_day() {
        let q = |s| Quarter::parse(s).expect("quarter");
        assert_eq!(first_day(q("2024-Q1")), "2024-01-01");
        assert_eq!(first_day(q("2019-Q3")), "2019-07-01");
        assert_eq!(first_day(q("2020-Q4")), "2020-10-01");
    }

    #[test]
    fn the_limits_name_what_is_over() {
        let mut radar = interchange(&RadarFixture::new(&["2024-Q1"]).build());
        assert_eq!(four_by_four(&radar, "zalando"), Ok(()));
        radar.quadrants.push(radar.quadrants[0].clone());
        let unfit = four_by_four(&radar, "zalando").expect_err("5 quadrants");
        assert_eq!(
            unfit.message,
            "zalando draws exactly 4 quadrants and at most 4 rings; this radar has 5 quadrants"
        );
        radar.quadrants.truncate(4);
        radar.rings.push(radar.rings[0].clone());
        let unfit = four_by_four(&radar, "BYOR").expect_err("5 rings");
        assert!(
            unfit.message.ends_with("this radar has 5 rings"),
            "{unfit:?}"
        );
        radar.rings.truncate(4);
        radar.quadrants.truncate(1);
        let unfit = four_by_four(&radar, "BYOR").expect_err("1 quadrant");
        assert!(
            unfit.message.ends_with("this radar has 1 quadrant"),
            "{unfit:?}"
        );
    }
}
