//! The formats mention rows are written in, and the writer of each: the
//! aligned table ([`crate::count::table`]), CSV ([`crate::count::csv`]) and
//! JSON ([`crate::count::json`]). `confradar mentions` and `build`'s
//! `mentions.csv` both write through [`Format::write`].

use crate::count::mentions::{By, PeriodRow, ReportRow, Rows, group};
use crate::count::scan::Scan;
use crate::input::radar::Radar;

/// How mention rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// JSON.
    Json,
}

impl Format {
    /// `rows` in this format; the table shows each technology's name from
    /// `radar` beside its id.
    pub(crate) fn write(self, rows: Rows, radar: &Radar) -> String {
        match (self, rows) {
            (Format::Json, Rows::Periods(rows)) => crate::count::json::write(&rows),
            (Format::Json, Rows::Reports(rows)) => crate::count::json::write(&rows),
            (format, rows) => {
                let (header, cells) = match rows {
                    Rows::Periods(rows) => (
                        PeriodRow::HEADER,
                        rows.into_iter().map(PeriodRow::cells).collect(),
                    ),
                    Rows::Reports(rows) => (
                        ReportRow::HEADER,
                        rows.into_iter().map(ReportRow::cells).collect(),
                    ),
                };
                if format == Format::Csv {
                    crate::count::csv::write(&header, cells)
                } else {
                    crate::count::table::write(radar, &header, cells)
                }
            }
        }
    }
}

/// `mentions.csv`: every technology's mentions per quarter, as
/// `confradar mentions --by quarter --format csv` prints them.
pub(crate) fn quarterly_csv(radar: &Radar, scan: &Scan) -> String {
    Format::Csv.write(group(radar, scan, By::Quarter, None), radar)
}
