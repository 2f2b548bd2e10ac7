//! Calendar values the extractor reads: points of varying precision and ranges of them.
//!
//! Values are kept as written (an impossible date such as 31/9/2023 is still a
//! `TimePoint`), so the temporal checks can report it instead of the parser dropping it.

use serde::Serialize;

/// A point in time at the precision it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TimePoint {
    /// `năm 2023`, `2023`.
    Year(i32),
    /// `quý I/2026`, `quý 3 năm 2024`.
    Quarter { year: i32, quarter: u8 },
    /// `tháng 7/2023`, `01/2023`.
    Month { year: i32, month: u8 },
    /// `ngày 9/1/2023`, `12-8-2021`, `ngày 05 tháng 01 năm 2022`.
    Day { year: i32, month: u8, day: u8 },
    /// `ngày 19/12`: the year comes from context.
    DayMonth { month: u8, day: u8 },
}

impl TimePoint {
    /// Whether the calendar has this point (31/9, 29/2/2023 and month 13 do not).
    pub fn is_valid(&self) -> bool {
        match *self {
            TimePoint::Year(_) => true,
            TimePoint::Quarter { quarter, .. } => (1..=4).contains(&quarter),
            TimePoint::Month { month, .. } => (1..=12).contains(&month),
            TimePoint::Day { year, month, day } => {
                (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
            }
            TimePoint::DayMonth { month, day } => {
                (1..=12).contains(&month) && day >= 1 && day <= days_in_month(2024, month)
            }
        }
    }

    /// The year, when the point carries one.
    pub fn year(&self) -> Option<i32> {
        match *self {
            TimePoint::Year(y)
            | TimePoint::Quarter { year: y, .. }
            | TimePoint::Month { year: y, .. }
            | TimePoint::Day { year: y, .. } => Some(y),
            TimePoint::DayMonth { .. } => None,
        }
    }

    /// ISO 8601 text at the written precision: `2023`, `2026-Q1`, `2023-07`, `2023-01-09`, `--12-19`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_iso(&mut out);
        out
    }

    /// `iso` written onto `out`, digit by digit (no formatting machinery: every claim
    /// written out has one or two of these).
    pub fn push_iso(&self, out: &mut String) {
        match *self {
            TimePoint::Year(y) => push_year(out, y),
            TimePoint::Quarter { year, quarter } => {
                push_year(out, year);
                out.push_str("-Q");
                push_digits(out, u32::from(quarter), 1);
            }
            TimePoint::Month { year, month } => {
                push_year(out, year);
                out.push('-');
                push_digits(out, u32::from(month), 2);
            }
            TimePoint::Day { year, month, day } => {
                push_year(out, year);
                out.push('-');
                push_digits(out, u32::from(month), 2);
                out.push('-');
                push_digits(out, u32::from(day), 2);
            }
            TimePoint::DayMonth { month, day } => {
                out.push_str("--");
                push_digits(out, u32::from(month), 2);
                out.push('-');
                push_digits(out, u32::from(day), 2);
            }
        }
    }

    /// `iso` as first written, by `format!`: the reference.
    #[cfg(test)]
    fn iso_formatted(&self) -> String {
        match *self {
            TimePoint::Year(y) => format!("{y:04}"),
            TimePoint::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            TimePoint::Month { year, month } => format!("{year:04}-{month:02}"),
            TimePoint::Day { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            TimePoint::DayMonth { month, day } => format!("--{month:02}-{day:02}"),
        }
    }
}

/// A year as `{:04}` writes it: at least four digits, zero-padded (after the sign, for
/// a year before 0).
fn push_year(out: &mut String, y: i32) {
    if y < 0 {
        out.push('-');
        push_digits(out, y.unsigned_abs(), 3);
    } else {
        push_digits(out, y.unsigned_abs(), 4);
    }
}

/// `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut k = buf.len();
    let mut rest = n;
    loop {
        k -= 1;
        // a digit: `rest % 10` is below 10
        buf[k] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = k.min(buf.len().saturating_sub(width));
    for &d in &buf[start..] {
        out.push(char::from(d));
    }
}

/// A date or period as written: a single point, or a range `start-end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TimeExpr {
    pub start: TimePoint,
    /// The end of a range (`12-13/12/2023`, `2021-2023`, `30/10-01/11/2022`), inclusive.
    pub end: Option<TimePoint>,
}

impl TimeExpr {
    pub fn point(p: TimePoint) -> Self {
        TimeExpr {
            start: p,
            end: None,
        }
    }

    /// `2023`, `2021/2023`, `2023-12-12/2023-12-13`.
    pub fn iso(&self) -> String {
        match self.end {
            None => self.start.iso(),
            Some(end) => {
                let mut out = String::with_capacity(21);
                self.start.push_iso(&mut out);
                out.push('/');
                end.push_iso(&mut out);
                out
            }
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_days_are_invalid() {
        assert!(
            !TimePoint::Day {
                year: 2023,
                month: 9,
                day: 31
            }
            .is_valid()
        );
        assert!(
            !TimePoint::Day {
                year: 2023,
                month: 2,
                day: 29
            }
            .is_valid()
        );
        assert!(
            TimePoint::Day {
                year: 2024,
                month: 2,
                day: 29
            }
            .is_valid()
        );
        assert!(
            !TimePoint::Month {
                year: 2024,
                month: 13
            }
            .is_valid()
        );
    }

    #[test]
    fn iso_is_the_formatted_iso() {
        let years = [
            i32::MIN,
            -10_000,
            -1000,
            -999,
            -5,
            -1,
            0,
            1,
            9,
            10,
            99,
            100,
            999,
            1000,
            2024,
            9999,
            10_000,
            123_456,
            i32::MAX,
        ];
        let small = [0u8, 1, 4, 9, 10, 12, 31, 99, 100, 255];
        for &y in &years {
            let mut points = vec![TimePoint::Year(y)];
            for &m in &small {
                points.push(TimePoint::Quarter {
                    year: y,
                    quarter: m,
                });
                points.push(TimePoint::Month { year: y, month: m });
                for &d in &small {
                    points.push(TimePoint::Day {
                        year: y,
                        month: m,
                        day: d,
                    });
                    points.push(TimePoint::DayMonth { month: m, day: d });
                }
            }
            for p in points {
                assert_eq!(p.iso(), p.iso_formatted(), "{p:?}");
                let e = TimeExpr {
                    start: p,
                    end: Some(TimePoint::Year(y)),
                };
                assert_eq!(
                    e.iso(),
                    format!(
                        "{}/{}",
                        p.iso_formatted(),
                        TimePoint::Year(y).iso_formatted()
                    )
                );
            }
        }
    }

    #[test]
    fn iso_keeps_written_precision() {
        let e = TimeExpr {
            start: TimePoint::Day {
                year: 2023,
                month: 12,
                day: 12,
            },
            end: Some(TimePoint::Day {
                year: 2023,
                month: 12,
                day: 13,
            }),
        };
        assert_eq!(e.iso(), "2023-12-12/2023-12-13");
        assert_eq!(
            TimePoint::Quarter {
                year: 2026,
                quarter: 1
            }
            .iso(),
            "2026-Q1"
        );
    }
}

/// Read `2024-01-15`, `2024-01` or `2024` (front matter, `--date`); `None` for anything
/// else or for a day the calendar does not have.
pub fn parse_iso_date(s: &str) -> Option<TimePoint> {
    let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
    let mut parts = s.splitn(3, '-');
    let year: i32 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let point = match (parts.next(), parts.next()) {
        (None, _) => TimePoint::Year(year),
        (Some(m), None) => TimePoint::Month {
            year,
            month: m.parse().ok()?,
        },
        (Some(m), Some(d)) => TimePoint::Day {
            year,
            month: m.parse().ok()?,
            day: d.get(..2)?.parse().ok()?,
        },
    };
    point.is_valid().then_some(point)
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn iso_dates_read_at_their_precision() {
        assert_eq!(
            parse_iso_date("2024-01-15"),
            Some(TimePoint::Day {
                year: 2024,
                month: 1,
                day: 15
            })
        );
        assert_eq!(parse_iso_date("2024"), Some(TimePoint::Year(2024)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("yesterday"), None);
    }
}
