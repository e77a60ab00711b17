//! Calendar quarters (`2019-Q3`) and the periods mention counts are grouped by.
//!
//! Editions are quarters, and every report falls into the quarter of its date,
//! so one small ordered type serves both and makes "is this report dated after
//! its edition?" a plain comparison.

use std::fmt;

/// A calendar quarter. Orders chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year, e.g. 2019.
    pub year: i32,
    /// The quarter within the year, 1 to 4.
    pub quarter: u8,
}

impl Quarter {
    /// The quarter a month (1 to 12) of a year falls in.
    pub fn from_month(year: i32, month: u32) -> Quarter {
        debug_assert!((1..=12).contains(&month));
        Quarter {
            year,
            quarter: ((month - 1) / 3 + 1) as u8,
        }
    }

    /// Parses exactly `YYYY-QN` with N from 1 to 4.
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, q) = text.split_once("-Q")?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || q.len() != 1 {
            return None;
        }
        let quarter = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q))?;
        Some(Quarter {
            year: year.parse().ok()?,
            quarter,
        })
    }

    /// The quarter after this one.
    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

/// A report date. Some sources give only the month, so the day is optional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportDate {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, when the source gives one.
    pub day: Option<u32>,
}

impl ReportDate {
    /// Parses `YYYY-MM-DD` (a real calendar date) or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<ReportDate> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range.clone())
                .filter(|b| b.iter().all(u8::is_ascii_digit))
                .map(|_| &text[range])
        };
        let year: i32 = digits(0..4)?.parse().ok()?;
        if bytes.get(4) != Some(&b'-') {
            return None;
        }
        let month: u32 = digits(5..7)?.parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        match bytes.len() {
            7 => Some(ReportDate {
                year,
                month,
                day: None,
            }),
            10 if bytes[7] == b'-' => {
                let day: u32 = digits(8..10)?.parse().ok()?;
                chrono::NaiveDate::from_ymd_opt(year, month, day)?;
                Some(ReportDate {
                    year,
                    month,
                    day: Some(day),
                })
            }
            _ => None,
        }
    }

    /// Finds a date at the start of a file name: `2019-07-22-...` or
    /// `2019-07-...`. A name that starts with the whole `YYYY-MM-DD` shape
    /// must start with a real date: `2024-02-30-meetup.md` is an error (the
    /// shape, as `Err`), not February, so a mistyped day never passes
    /// silently as its month.
    pub fn from_file_name(name: &str) -> Result<Option<ReportDate>, &str> {
        let bytes = name.as_bytes();
        let boundary = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_digit());
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range)
                .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
        };
        let full_shape = digits(0..4)
            && bytes.get(4) == Some(&b'-')
            && digits(5..7)
            && bytes.get(7) == Some(&b'-')
            && digits(8..10)
            && boundary(10);
        if full_shape {
            // The shape is ASCII, so the first ten bytes are a `str`.
            let head = &name[..10];
            return ReportDate::parse(head).map(Some).ok_or(head);
        }
        Ok(name
            .get(..7)
            .and_then(ReportDate::parse)
            .filter(|_| boundary(7)))
    }

    /// The quarter this date falls in.
    pub fn quarter(self) -> Quarter {
        Quarter::from_month(self.year, self.month)
    }
}

impl fmt::Display for ReportDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_parse_and_print() {
        for (text, want) in [
            ("2019-Q3", Some((2019, 3))),
            ("2024-Q1", Some((2024, 1))),
            ("2024-Q5", None),
            ("2024-Q0", None),
            ("24-Q1", None),
            ("2024Q1", None),
            ("2024-q1", None),
            ("2024-Q12", None),
        ] {
            let got = Quarter::parse(text).map(|q| (q.year, q.quarter));
            assert_eq!(got, want, "{text}");
            if let Some(q) = Quarter::parse(text) {
                assert_eq!(q.to_string(), text);
            }
        }
    }

    #[test]
    fn month_to_quarter() {
        assert_eq!(Quarter::from_month(2019, 7).to_string(), "2019-Q3");
        assert_eq!(Quarter::from_month(2019, 3).to_string(), "2019-Q1");
        assert_eq!(Quarter::from_month(2019, 12).to_string(), "2019-Q4");
        assert_eq!(
            Quarter::parse("2019-Q4").map(Quarter::next),
            Quarter::parse("2020-Q1")
        );
    }

    #[test]
    fn dates_parse() {
        assert_eq!(
            ReportDate::parse("2019-07-22").map(|d| d.to_string()),
            Some("2019-07-22".into())
        );
        assert_eq!(
            ReportDate::parse("2019-07").map(|d| d.to_string()),
            Some("2019-07".into())
        );
        for bad in [
            "2019-13",
            "2019-02-30",
            "2019-7-22",
            "2019/07/22",
            "2019-07-22x",
            "",
        ] {
            assert_eq!(ReportDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            ReportDate::parse("2019-07-22").map(ReportDate::quarter),
            Quarter::parse("2019-Q3")
        );
    }

    #[test]
    fn dates_from_file_names() {
        let d = |s: &str| {
            ReportDate::from_file_name(s)
                .ok()
                .flatten()
                .map(|d| d.to_string())
        };
        assert_eq!(d("2024-08-27-kubeday.md"), Some("2024-08-27".into()));
        assert_eq!(d("2019-07-fukubernetes.md"), Some("2019-07".into()));
        assert_eq!(d("2019-07"), Some("2019-07".into()));
        assert_eq!(d("kubecon-2019-07.md"), None);
        assert_eq!(d("2019-071.md"), None);
        assert_eq!(d("2024-02-x.md"), Some("2024-02".into()));
        assert_eq!(d("2024-02-29.md"), Some("2024-02-29".into()));
        // More digits than a day: not the full shape, so the month.
        assert_eq!(d("2019-07-221.md"), Some("2019-07".into()));
    }

    #[test]
    fn a_full_date_shape_in_a_file_name_must_be_a_real_date() {
        for (name, shape) in [
            ("2024-02-30-meetup.md", "2024-02-30"),
            ("2023-02-29.md", "2023-02-29"),
            ("2024-13-01-x.md", "2024-13-01"),
            ("2024-04-31x.md", "2024-04-31"),
            ("2024-01-00-x.md", "2024-01-00"),
        ] {
            assert_eq!(ReportDate::from_file_name(name), Err(shape), "{name}");
        }
        assert_eq!(ReportDate::from_file_name("notes.md"), Ok(None));
    }
}
