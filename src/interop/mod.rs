//! Other radar tools' formats: `confradar import` reads a Build Your Own
//! Radar CSV/JSON, Zalando `config.json` versions, an AOE `radar/` tree or a
//! Backstage `TechRadarLoaderResponse` into `radar.toml`; `confradar export`
//! writes the radar back out in each of them. Both go through one neutral
//! shape, [`model::Interchange`].

pub(crate) mod export;
pub(crate) mod from_radar;
pub(crate) mod import;
pub(crate) mod model;
pub(crate) mod radar_toml;
