//! `temporal/invalid-date`: a date the calendar does not have (`31/9/2023`, `29/2/2023`,
//! `15/13/2023`, `ngày 0/5/2023`) or a range that ends before it starts (`15-12/9/2023`,
//! `2025-2021`); and `temporal/duration-mismatch`: a stated length that does not fit the
//! period it belongs to (`ba năm` for `nhiệm kỳ 2020-2021`).
//!
//! The date parser keeps impossible dates as written (see `extract::date`), so both
//! rules work on the date claims alone: one pass over the claims of a document, with
//! the periods grouped by sentence and by block (cost linear in the claims).
//!
//! Counting a period's length: a year range `A-B` is `B-A+1` years counting both ends
//! (`2021-2023` is 3 years, the way plans and terms are counted) or `B-A` years elapsed
//! (`1945-2025` is 80 years, the way anniversaries are counted); both are accepted, and a
//! finding needs a length that neither gives. Months and days count the same way. A
//! duration is only linked to a period that it is clearly the length of: written right
//! beside it (`3 năm (2021-2023)`, `hai năm 2022-2023`, `75 năm Ngày truyền thống
//! (1/11/1949-1/11/2024)`, `2021-2025 (5 năm)`), or naming it (`nhiệm kỳ 5 năm` with the
//! one `nhiệm kỳ 2020-2025` of the sentence or block). A duration elsewhere in the same
//! clause as the only period there (`ba năm làm Ủy viên ... nhiệm kỳ 2020-2021`) may be a
//! part of the period, so it is only reported when it is longer than the period.

use std::collections::HashMap;

use crate::claim::{Bound, Claim, Kind, Value};
use crate::document::Document;
use crate::finding::{Finding, Location, Related, Severity, Text};
use crate::rules::TemporalSettings;
use crate::time::{TimeExpr, TimePoint, days_in_month, is_leap};

use super::{Checker, Source, phrases};

const INVALID: &str = "temporal/invalid-date";
const DURATION: &str = "temporal/duration-mismatch";

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let invalid = ck.severity(INVALID);
    let duration = ck.severity(DURATION);
    let mut out = Vec::new();
    for s in sources.iter().filter(|s| !s.reference) {
        if let Some(sev) = invalid {
            out.extend(
                s.claims
                    .iter()
                    .filter_map(|c| invalid_finding(&s.doc, c, sev)),
            );
        }
        if let Some(sev) = duration {
            out.extend(durations(&s.doc, &s.claims, &ck.temporal, sev));
        }
    }
    out
}

// ---------------------------------------------------------------- invalid dates

/// What is wrong with a date claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// A point the calendar does not have.
    NoSuchDay(TimePoint),
    /// A range whose end comes before its start.
    Reversed(TimePoint, TimePoint),
}

/// The problem of a date or period, if any. `written` is the claim's text: a reversed
/// range of years or months is only reported when both ends are written in full
/// (`2025-2021`, `tháng 12/2024 - tháng 2/2024`), not `2021-19` or `tháng 12-2/2024`,
/// which may cross a year the writer did not repeat.
fn problem(e: &TimeExpr, written: &str) -> Option<Problem> {
    if !e.start.is_valid() {
        return Some(Problem::NoSuchDay(e.start));
    }
    let end = e.end?;
    if !end.is_valid() {
        return Some(Problem::NoSuchDay(end));
    }
    reversed(e.start, end, written).then_some(Problem::Reversed(e.start, end))
}

/// Whether a range's end comes before its start, as read.
fn out_of_order(a: TimePoint, b: TimePoint) -> bool {
    use TimePoint as P;
    match (a, b) {
        (P::Year(x), P::Year(y)) => x > y,
        (
            P::Day {
                year: y1,
                month: m1,
                day: d1,
            },
            P::Day {
                year: y2,
                month: m2,
                day: d2,
            },
        ) => (y1, m1, d1) > (y2, m2, d2),
        // no year: `ngày 30/12-2/1` crosses the new year; only the same month is reversed
        (P::DayMonth { month: m1, day: d1 }, P::DayMonth { month: m2, day: d2 }) => {
            m1 == m2 && d1 > d2
        }
        (
            P::Month {
                year: y1,
                month: m1,
            },
            P::Month {
                year: y2,
                month: m2,
            },
        ) => (y1, m1) > (y2, m2),
        (
            P::Quarter {
                year: y1,
                quarter: q1,
            },
            P::Quarter {
                year: y2,
                quarter: q2,
            },
        ) => (y1, q1) > (y2, q2),
        _ => false,
    }
}

/// A range out of order that the text really writes so (see [`problem`]).
fn reversed(a: TimePoint, b: TimePoint, written: &str) -> bool {
    use TimePoint as P;
    let year_written_twice = |y: i32| written.matches(&format!("{y:04}")).count() >= 2;
    if !out_of_order(a, b) {
        return false;
    }
    match (a, b) {
        (P::Year(_), P::Year(y)) => written.contains(&format!("{y:04}")),
        (P::Month { year: y1, .. }, P::Month { year: y2, .. })
        | (P::Quarter { year: y1, .. }, P::Quarter { year: y2, .. }) => {
            y1 > y2 || year_written_twice(y1)
        }
        _ => true,
    }
}

/// A point as Vietnamese text writes it: `31/9/2023`, `30/2`, `tháng 7/2023`, `quý 1/2026`.
fn vi_point(p: TimePoint) -> String {
    match p {
        TimePoint::Year(y) => format!("{y}"),
        TimePoint::Quarter { year, quarter } => format!("quý {quarter}/{year}"),
        TimePoint::Month { year, month } => format!("tháng {month}/{year}"),
        TimePoint::Day { year, month, day } => format!("{day}/{month}/{year}"),
        TimePoint::DayMonth { month, day } => format!("{day}/{month}"),
    }
}

/// The same point in English text, day first as written: `31/9/2023`, `30/2`, `7/2023`.
fn en_point(p: TimePoint) -> String {
    match p {
        TimePoint::Quarter { year, quarter } => format!("Q{quarter} {year}"),
        TimePoint::Month { year, month } => format!("{month}/{year}"),
        other => vi_point(other),
    }
}

/// Why a point does not exist, and which days its month has, in both languages.
fn why_not(p: TimePoint) -> (Text, Text) {
    let (year, month, day) = match p {
        TimePoint::Day { year, month, day } => (Some(year), month, day),
        TimePoint::DayMonth { month, day } => (None, month, day),
        TimePoint::Month { year, month } => (Some(year), month, 1),
        TimePoint::Quarter { quarter, .. } => {
            return (
                Text::new(
                    format!("không có quý {quarter}"),
                    format!("there is no quarter {quarter}"),
                ),
                Text::new("một năm có 4 quý (I-IV)", "a year has 4 quarters (I-IV)"),
            );
        }
        TimePoint::Year(_) => (None, 1, 1),
    };
    if !(1..=12).contains(&month) {
        return (
            Text::new(
                format!("không có tháng {month}"),
                format!("there is no month {month}"),
            ),
            Text::new(
                "tháng được ghi từ 1 đến 12; kiểm tra lại ngày, tháng trên văn bản gốc",
                "months run from 1 to 12; check the day and month against the source",
            ),
        );
    }
    if day == 0 {
        return (
            Text::new("không có ngày 0", "there is no day 0"),
            Text::new(
                "ngày được ghi từ 1; kiểm tra lại ngày trên văn bản gốc",
                "days start at 1; check the day against the source",
            ),
        );
    }
    match year {
        Some(y) => {
            let last = days_in_month(y, month);
            let (leap_vi, leap_en) = if month == 2 && !is_leap(y) {
                (
                    format!(" (năm {y} không nhuận)"),
                    format!(" ({y} is not a leap year)"),
                )
            } else {
                (String::new(), String::new())
            };
            (
                Text::new(
                    format!("tháng {month}/{y} chỉ có {last} ngày{leap_vi}"),
                    format!("month {month} of {y} has only {last} days{leap_en}"),
                ),
                Text::new(
                    format!(
                        "ngày của tháng {month}/{y} là từ 1 đến {last}; kiểm tra lại ngày trên văn bản gốc"
                    ),
                    format!(
                        "month {month} of {y} runs from day 1 to {last}; check the date against the source"
                    ),
                ),
            )
        }
        None => {
            let (vi, en) = if month == 2 {
                ("28 hoặc 29".to_string(), "28 or 29".to_string())
            } else {
                let last = days_in_month(2023, month);
                (last.to_string(), last.to_string())
            };
            (
                Text::new(
                    format!("tháng {month} chỉ có {vi} ngày"),
                    format!("month {month} has only {en} days"),
                ),
                Text::new(
                    format!(
                        "tháng {month} có từ ngày 1 đến ngày {vi}; kiểm tra lại ngày trên văn bản gốc"
                    ),
                    format!(
                        "month {month} runs from day 1 to day {en}; check the date against the source"
                    ),
                ),
            )
        }
    }
}

/// The range written the other way round, for the help: `12-15/9/2023`, `2021-2025`.
fn swapped(a: TimePoint, b: TimePoint) -> String {
    use TimePoint as P;
    match (a, b) {
        (
            P::Day {
                year: y1,
                month: m1,
                day: d1,
            },
            P::Day {
                year: y2,
                month: m2,
                day: d2,
            },
        ) if y1 == y2 => {
            if m1 == m2 {
                format!("{d2}-{d1}/{m1}/{y1}")
            } else {
                format!("{d2}/{m2}-{d1}/{m1}/{y1}")
            }
        }
        (P::DayMonth { month: m1, day: d1 }, P::DayMonth { month: m2, day: d2 }) if m1 == m2 => {
            format!("{d2}-{d1}/{m2}")
        }
        (P::Year(x), P::Year(y)) => format!("{y}-{x}"),
        _ => format!("{} - {}", vi_point(b), vi_point(a)),
    }
}

/// Bytes either side of a date searched for `âm lịch`.
const LUNAR_WINDOW: usize = 80;

/// The char boundary at or before `i`.
fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after `i`.
fn ceil_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether an impossible point is surely a solar date: not a lunar one (`ngày 30 tháng 2
/// âm lịch` exists), and, for a day and month without a year, written after `ngày`
/// (a bare `30/2` may be a fraction).
fn trusted_day(doc: &Document, c: &Claim, p: TimePoint, written: &str) -> bool {
    // the words around the date (bounded: a sentence may be a whole page)
    let from = floor_char(&doc.text, c.text_range.start.saturating_sub(LUNAR_WINDOW));
    let to = ceil_char(&doc.text, c.text_range.end + LUNAR_WINDOW);
    let around = crate::text::lower_str(doc.text.get(from..to).unwrap_or_default());
    if around.contains("âm lịch") || around.contains("(âl)") || around.contains(" âl") {
        return false;
    }
    match p {
        TimePoint::DayMonth { .. } => {
            let w = crate::text::lower_str(written);
            ["ngày", "mồng", "mùng"].iter().any(|k| w.starts_with(k))
        }
        _ => true,
    }
}

fn invalid_finding(doc: &Document, c: &Claim, severity: Severity) -> Option<Finding> {
    let (Kind::Date, Value::Time(e)) = (c.kind, c.value) else {
        return None;
    };
    let written = doc.text.get(c.text_range.clone()).unwrap_or_default();
    let found = problem(&e, written)?;
    if let Problem::NoSuchDay(p) = found
        && !trusted_day(doc, c, p, written)
    {
        return None;
    }
    let shown = phrases::figure(doc, c);
    let primary = Location {
        file: doc.path.clone(),
        span: c.span.clone(),
    };
    let finding = match found {
        Problem::NoSuchDay(p) => {
            let (why, help) = why_not(p);
            let (vi, en) = (vi_point(p), en_point(p));
            let what_vi = if matches!(p, TimePoint::Month { .. } | TimePoint::Quarter { .. }) {
                vi.clone()
            } else {
                format!("ngày {vi}")
            };
            Finding {
                rule: INVALID,
                severity,
                message: Text::new(
                    format!("{what_vi} không tồn tại: {}", why.vi),
                    format!("{en} does not exist: {}", why.en),
                ),
                primary,
                label: Text::new(format!("ghi {shown}"), format!("states {shown}")),
                related: Vec::new(),
                help: Some(help),
                notes: Vec::new(),
                fix: None,
            }
        }
        Problem::Reversed(a, b) => {
            let other = swapped(a, b);
            Finding {
                rule: INVALID,
                severity,
                message: Text::new(
                    format!("khoảng thời gian {shown} kết thúc trước khi bắt đầu"),
                    format!("the range {shown} ends before it starts"),
                ),
                primary,
                label: Text::new(
                    format!("bắt đầu {}, kết thúc {}", vi_point(a), vi_point(b)),
                    format!("starts {}, ends {}", en_point(a), en_point(b)),
                ),
                related: Vec::new(),
                help: Some(Text::new(
                    format!(
                        "nếu hai mốc bị viết đảo, sửa thành {other}; nếu không, kiểm tra lại trên văn bản gốc"
                    ),
                    format!(
                        "if the two ends are swapped, write {other}; otherwise check against the source"
                    ),
                )),
                notes: Vec::new(),
                fix: None,
            }
        }
    };
    Some(finding)
}

// ---------------------------------------------------------------- durations

/// The time units a duration is checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Day,
}

impl Unit {
    fn of(c: &Claim) -> Option<Unit> {
        match c.unit.as_deref()? {
            "năm" => Some(Unit::Year),
            "tháng" => Some(Unit::Month),
            "ngày" => Some(Unit::Day),
            _ => None,
        }
    }

    fn vi(self) -> &'static str {
        match self {
            Unit::Year => "năm",
            Unit::Month => "tháng",
            Unit::Day => "ngày",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Unit::Year => "years",
            Unit::Month => "months",
            Unit::Day => "days",
        }
    }
}

/// Nouns that name a period (`nhiệm kỳ 2020-2025`, `nhiệm kỳ 5 năm`).
const PERIOD_NOUNS: &[&str] = &["nhiệm kỳ", "giai đoạn", "thời kỳ", "kế hoạch", "chiến lược"];

/// Words before a duration that make it something other than a period's length: a
/// time after or since (`sau 3 năm`), an ordinal (`năm thứ 3`), a repetition, a rest.
const NOT_LENGTH_BEFORE: &[&str] = &[
    "sau",
    "thứ",
    "mỗi",
    "hằng",
    "hàng",
    "còn",
    "thêm",
    "cách",
    "cách đây",
    "ngoài",
    "lần",
    "chỉ",
];

/// Words after a duration that make it a part of a period or a time around it
/// (`3 năm qua`, `2 năm đầu`, `5 năm tới`, `3 năm nữa`).
const NOT_LENGTH_AFTER: &[&str] = &[
    "qua",
    "vừa qua",
    "tới",
    "nữa",
    "đầu",
    "cuối",
    "sau",
    "trước",
    "gần đây",
    "lại đây",
    "tiếp theo",
    "kế tiếp",
    "còn lại",
    "tuổi",
    "một lần",
];

/// The lengths a period may be said to have in `unit`, with the one to suggest.
struct Lengths {
    accept: Vec<i64>,
    say: i64,
}

/// Days since 1970-01-01 of a valid day (proleptic Gregorian).
fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How long `period` is in `unit`. `strong`: the duration is written as its length, so
/// a year count may also be read off two full dates (`75 năm (1/11/1949-1/11/2024)`);
/// `anniversary`: suggest the elapsed count (`80 năm Quốc khánh (1945-2025)`).
fn lengths(
    period: &TimeExpr,
    unit: Unit,
    strong: bool,
    anniversary: bool,
    settings: &TemporalSettings,
) -> Option<Lengths> {
    use TimePoint as P;
    let end = period.end?;
    let pick = |inclusive: i64, elapsed: i64| {
        let mut accept = vec![inclusive];
        if settings.accept_elapsed {
            accept.push(elapsed);
        }
        let say = if anniversary && settings.accept_elapsed {
            elapsed
        } else {
            inclusive
        };
        Lengths { accept, say }
    };
    match (period.start, end, unit) {
        (P::Year(a), P::Year(b), Unit::Year) => {
            let n = i64::from(b) - i64::from(a);
            Some(pick(n + 1, n))
        }
        (
            P::Month {
                year: y1,
                month: m1,
            },
            P::Month {
                year: y2,
                month: m2,
            },
            Unit::Month,
        ) => {
            let n = (i64::from(y2) * 12 + i64::from(m2)) - (i64::from(y1) * 12 + i64::from(m1));
            Some(pick(n + 1, n))
        }
        (
            P::Day {
                year: y1,
                month: m1,
                day: d1,
            },
            P::Day {
                year: y2,
                month: m2,
                day: d2,
            },
            Unit::Day,
        ) => {
            let n = day_number(y2, m2, d2) - day_number(y1, m1, d1);
            Some(pick(n + 1, n))
        }
        (
            P::Day {
                year: y1,
                month: m1,
                day: d1,
            },
            P::Day {
                year: y2,
                month: m2,
                day: d2,
            },
            Unit::Year,
        ) if strong => {
            let years = i64::from(y2) - i64::from(y1);
            let whole = years - i64::from((m2, d2) < (m1, d1));
            // whole years between the two days, or counted by the years written
            Some(Lengths {
                accept: vec![whole, years, years + 1],
                say: whole,
            })
        }
        _ => None,
    }
}

/// The period noun right before `pos` (`nhiệm kỳ 2020-2025`, `giai đoạn từ năm 2021`).
fn noun_before(text: &str, pos: usize) -> Option<&'static str> {
    let left = text.get(..pos)?.trim_end();
    let left = left.strip_suffix("từ").map_or(left, str::trim_end);
    let lower = crate::text::lower_str(tail(left, 40));
    PERIOD_NOUNS
        .iter()
        .copied()
        .find(|n| ends_with_word(&lower, n))
}

/// The last `n` bytes of `s` or a little fewer, at a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let from = ceil_char(s, s.len().saturating_sub(n));
    s.get(from..).unwrap_or_default()
}

/// Whether `s` ends with the word(s) `w` at a word boundary.
fn ends_with_word(s: &str, w: &str) -> bool {
    s.strip_suffix(w)
        .is_some_and(|rest| !rest.ends_with(crate::text::is_alphanumeric))
}

/// Whether `s` starts with the word(s) `w` at a word boundary.
fn starts_with_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w)
        .is_some_and(|rest| !rest.starts_with(crate::text::is_alphanumeric))
}

/// A duration claim that may be a period's length: exact, a whole number, in years,
/// months or days, and not a time after something or a repetition (`sau 3 năm`, `năm
/// thứ 3`, `mỗi 2 năm`). The third value says whether it reads as a part of a period or
/// a time around it (`3 năm đầu`, `5 năm qua`, `2 năm tới`): then only a period written
/// right beside it (`3 năm đầu (2021-2023)`) is its measure.
fn checkable(text: &str, c: &Claim) -> Option<(i64, Unit, bool)> {
    let (Kind::Duration, Value::Number(n), Bound::Exact) = (c.kind, c.value, c.bound) else {
        return None;
    };
    if n.fract() != 0.0 || !(1.0..=1000.0).contains(&n) {
        return None;
    }
    let unit = Unit::of(c)?;
    let before = text.get(..c.text_range.start)?.trim_end();
    let before = crate::text::lower_str(tail(before, 30));
    if NOT_LENGTH_BEFORE.iter().any(|w| ends_with_word(&before, w)) {
        return None;
    }
    let after = text.get(c.text_range.end..)?;
    let after = after.trim_start_matches([' ', '\u{a0}', '*', '_']);
    let after: String = crate::text::lower_str(&after.chars().take(16).collect::<String>());
    let part = NOT_LENGTH_AFTER.iter().any(|w| starts_with_word(&after, w));
    Some((n as i64, unit, part))
}

/// How a duration and a period are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Link {
    /// The duration may be a part of the period: only a longer one is reported.
    Clause,
    /// The duration names the period (`nhiệm kỳ 5 năm`).
    Named,
    /// Written beside the period: the duration is its length.
    Beside,
}

/// Strip what may stand between a duration and its period: spaces, emphasis, brackets
/// and dashes.
fn bare(gap: &str) -> String {
    let t = gap.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '(' | ')' | ',' | ':' | '-' | '–' | '—')
    });
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How the duration `d` and the period `p` of the same sentence are linked, if at all;
/// the second value says whether the link reads as an anniversary (`80 năm Quốc khánh
/// (1945-2025)`, `kỷ niệm 75 năm`).
fn link(text: &str, d: &Claim, p: &Claim, settings: &TemporalSettings) -> Option<(Link, bool)> {
    let (dr, pr) = (&d.text_range, &p.text_range);
    if dr.end <= pr.start {
        let gap = text.get(dr.end..pr.start)?;
        let b = bare(gap);
        if matches!(
            b.as_str(),
            "" | "từ" | "năm" | "từ năm" | "giai đoạn" | "giai đoạn từ" | "nhiệm kỳ" | "thời kỳ"
        ) {
            return Some((Link::Beside, false));
        }
        // `75 năm Ngày truyền thống (1/11/1949-1/11/2024)`: a name, then the period in brackets
        if let Some(name) = gap.trim_end().strip_suffix('(')
            && name.len() <= settings.max_name_gap
            && !name.contains(['.', ',', ';', ':', '!', '?', '(', ')'])
            && !name.contains(|c: char| c.is_ascii_digit())
        {
            return Some((Link::Beside, true));
        }
        clause_link(text, d, p, gap).then_some((Link::Clause, false))
    } else if pr.end <= dr.start {
        let gap = text.get(pr.end..dr.start)?;
        let b = bare(gap);
        if gap.trim_start().starts_with(['(', ',', ':', '-', '–'])
            && matches!(
                b.as_str(),
                "" | "trong" | "kéo dài" | "kéo dài trong" | "tròn"
            )
        {
            return Some((Link::Beside, false));
        }
        clause_link(text, d, p, gap).then_some((Link::Clause, false))
    } else {
        None
    }
}

/// Words that join two clauses (or bring in another time) between a duration and a period.
const CLAUSE_BREAKS: &[&str] = &[
    " và ",
    " nhưng ",
    " rồi ",
    " còn ",
    " trong đó ",
    " đồng thời ",
    " khi ",
    " sau đó ",
    " sau khi ",
    " trước khi ",
    " kỷ niệm ",
    " sau ",
    " trước ",
];

/// Verbs of holding a post or doing a task after a duration (`ba năm làm Ủy viên`): the
/// duration is a time spent in the role the period is the term of.
const ROLE_VERBS: &[&str] = &[
    "làm",
    "là",
    "giữ",
    "đảm nhiệm",
    "đảm nhận",
    "công tác",
    "tham gia",
    "trên cương vị",
    "ở cương vị",
    "tại vị",
    "phục vụ",
];

/// The weakest link: a time spent in a role (`ba năm làm Ủy viên ...`) and a term or
/// stage of it (`nhiệm kỳ 2020-2021`) in one clause, nothing but words between them.
fn clause_link(text: &str, d: &Claim, p: &Claim, gap: &str) -> bool {
    if gap.len() > 160 || gap.contains(['.', ',', ';', ':', '!', '?', '(', ')', '\n']) {
        return false;
    }
    let padded = format!(" {} ", crate::text::lower_str(gap));
    if CLAUSE_BREAKS.iter().any(|w| padded.contains(w)) {
        return false;
    }
    let after: String = text
        .get(d.text_range.end..)
        .unwrap_or_default()
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_lowercase();
    ROLE_VERBS.iter().any(|v| starts_with_word(&after, v))
        && noun_before(text, p.text_range.start).is_some()
}

/// Bytes around a duration within which a period may be linked to it.
const LINK_WINDOW: usize = 240;

/// The periods a noun names in one sentence or block: one value (the first claim with
/// it), or several different ones (ambiguous).
#[derive(Debug, Clone, Copy)]
enum Pool {
    One(usize, TimeExpr),
    Mixed,
}

impl Pool {
    fn add(
        entry: std::collections::hash_map::Entry<'_, impl std::hash::Hash + Eq, Pool>,
        i: usize,
        e: TimeExpr,
    ) {
        use std::collections::hash_map::Entry;
        match entry {
            Entry::Vacant(v) => {
                v.insert(Pool::One(i, e));
            }
            Entry::Occupied(mut o) => {
                if let Pool::One(_, first) = *o.get()
                    && first != e
                {
                    o.insert(Pool::Mixed);
                }
            }
        }
    }
}

fn durations(
    doc: &Document,
    claims: &[Claim],
    settings: &TemporalSettings,
    severity: Severity,
) -> Vec<Finding> {
    let text = doc.text.as_str();
    // periods (valid ranges in order) by sentence, in text order; and the period each
    // period noun names in a sentence or a block, when it names only one
    let mut by_sentence: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut named_in_sentence: HashMap<((usize, usize), &'static str), Pool> = HashMap::new();
    let mut named_in_block: HashMap<(usize, &'static str), Pool> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let (Kind::Date, Value::Time(e)) = (c.kind, c.value) else {
            continue;
        };
        let written = text.get(c.text_range.clone()).unwrap_or_default();
        let Some(end) = e.end else {
            continue;
        };
        if problem(&e, written).is_some() || out_of_order(e.start, end) {
            continue;
        }
        let sentence = (c.sentence.start, c.sentence.end);
        by_sentence.entry(sentence).or_default().push(i);
        if let Some(noun) = noun_before(text, c.text_range.start) {
            Pool::add(named_in_sentence.entry((sentence, noun)), i, e);
            if let Some(block) = doc.block_at(c.text_range.start) {
                Pool::add(named_in_block.entry((block.range.start, noun)), i, e);
            }
        }
    }
    for v in by_sentence.values_mut() {
        v.sort_by_key(|&i| claims[i].text_range.start);
    }
    let mut out = Vec::new();
    for d in claims {
        let Some((n, unit, part)) = checkable(text, d) else {
            continue;
        };
        let named = noun_before(text, d.text_range.start);
        let anniversary_cue = {
            let before = text.get(..d.text_range.start).unwrap_or_default();
            crate::text::lower_str(tail(before, 40)).contains("kỷ niệm")
        };
        let sentence = (d.sentence.start, d.sentence.end);
        let periods = by_sentence.get(&sentence).map_or(&[][..], Vec::as_slice);
        // only periods near the duration can be linked: bounded work in long sentences
        let lo = d.text_range.start.saturating_sub(LINK_WINDOW);
        let hi = d.text_range.end + LINK_WINDOW;
        let from = periods.partition_point(|&pi| claims[pi].text_range.end < lo);
        let mut best: Option<(Link, bool, usize)> = None;
        for &pi in periods[from..]
            .iter()
            .take_while(|&&pi| claims[pi].text_range.start <= hi)
        {
            if let Some((l, ann)) = link(text, d, &claims[pi], settings)
                && best.is_none_or(|(b, _, _)| l > b)
            {
                best = Some((l, ann, pi));
            }
        }
        // a named duration with no period beside it: the one period of that noun in the
        // sentence, else in the block
        if let Some(noun) = named.filter(|_| !part)
            && best.is_none_or(|(l, _, _)| l < Link::Named)
        {
            let pool = match named_in_sentence.get(&(sentence, noun)) {
                Some(p) => Some(p),
                None => doc
                    .block_at(d.text_range.start)
                    .and_then(|b| named_in_block.get(&(b.range.start, noun))),
            };
            if let Some(Pool::One(pi, _)) = pool {
                best = Some((Link::Named, false, *pi));
            }
        }
        // a clause link needs the period to be the only one in the sentence, and a
        // duration that is a part of a period only links to one beside it
        if let Some((Link::Clause, _, _)) = best
            && (periods.len() != 1 || part)
        {
            best = None;
        }
        let Some((how, ann, pi)) = best else {
            continue;
        };
        let p = &claims[pi];
        let Value::Time(pe) = p.value else {
            continue;
        };
        let strong = how != Link::Clause;
        let Some(len) = lengths(&pe, unit, strong, ann || anniversary_cue, settings)
            .filter(|l| l.accept.iter().all(|&a| a >= 0))
        else {
            continue;
        };
        let fires = if strong {
            !len.accept.contains(&n)
        } else {
            len.accept.iter().all(|&a| n > a)
        };
        if fires {
            out.push(duration_finding(doc, d, p, unit, &len, how, severity));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn duration_finding(
    doc: &Document,
    d: &Claim,
    p: &Claim,
    unit: Unit,
    len: &Lengths,
    how: Link,
    severity: Severity,
) -> Finding {
    let dur = phrases::figure(doc, d);
    let per_full = phrases::figure(doc, p);
    let per = per_full
        .strip_prefix("năm ")
        .unwrap_or(&per_full)
        .to_string();
    let (u_vi, u_en) = (unit.vi(), unit.en());
    let say = len.say;
    let message = if how == Link::Clause {
        Text::new(
            format!("{dur} dài hơn khoảng {per} trong cùng mệnh đề"),
            format!("{dur} is longer than the period {per} in the same clause"),
        )
    } else {
        Text::new(
            format!("độ dài {dur} không khớp với khoảng {per}"),
            format!("the length {dur} does not match the period {per}"),
        )
    };
    let counting = match unit {
        Unit::Year => Text::new(
            "cách đếm: tính cả năm đầu và năm cuối (2021-2023 là 3 năm) hoặc số năm đã trôi qua (1945-2025 là 80 năm)",
            "counting: both end years included (2021-2023 is 3 years) or years elapsed (1945-2025 is 80 years)",
        ),
        Unit::Month => Text::new(
            "cách đếm: tính cả tháng đầu và tháng cuối (tháng 1-3/2024 là 3 tháng) hoặc số tháng đã trôi qua",
            "counting: both end months included (January-March 2024 is 3 months) or months elapsed",
        ),
        Unit::Day => Text::new(
            "cách đếm: tính cả ngày đầu và ngày cuối (12-13/12/2023 là 2 ngày) hoặc số ngày đã trôi qua",
            "counting: both end days included (12-13 December 2023 is 2 days) or days elapsed",
        ),
    };
    let mut accepted = len.accept.clone();
    accepted.sort_unstable();
    accepted.dedup();
    let list: Vec<String> = accepted.iter().map(i64::to_string).collect();
    let list = list.join(", ");
    let fits = if how == Link::Clause {
        let most = accepted.last().copied().unwrap_or_default();
        Text::new(
            format!("một quãng thời gian trong khoảng này dài nhiều nhất {most} {u_vi}"),
            format!("a time within this period lasts at most {most} {u_en}"),
        )
    } else {
        Text::new(
            format!("độ dài khớp với khoảng này: {list} {u_vi}"),
            format!("lengths that fit this period: {list} {u_en}"),
        )
    };
    Finding {
        rule: DURATION,
        severity,
        message,
        primary: Location {
            file: doc.path.clone(),
            span: d.span.clone(),
        },
        label: Text::new(format!("ghi {dur}"), format!("states {dur}")),
        related: vec![Related {
            location: Location {
                file: doc.path.clone(),
                span: p.span.clone(),
            },
            message: Text::new(
                format!("khoảng {per} là {say} {u_vi}"),
                format!("the period {per} is {say} {u_en}"),
            ),
        }],
        help: Some(Text::new(
            format!("{per} là {say} {u_vi}; sửa độ dài hoặc khoảng thời gian cho khớp"),
            format!("{per} is {say} {u_en}; correct the length or the period"),
        )),
        notes: vec![counting, fits],
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> TimePoint {
        TimePoint::Day { year, month, day }
    }

    fn range(a: TimePoint, b: TimePoint) -> TimeExpr {
        TimeExpr {
            start: a,
            end: Some(b),
        }
    }

    #[test]
    fn impossible_points_are_problems() {
        let e = TimeExpr::point(day(2023, 9, 31));
        assert_eq!(
            problem(&e, "31/9/2023"),
            Some(Problem::NoSuchDay(day(2023, 9, 31)))
        );
        let e = range(day(2023, 9, 31), day(2023, 10, 2));
        assert!(matches!(problem(&e, ""), Some(Problem::NoSuchDay(_))));
        assert_eq!(problem(&TimeExpr::point(day(2024, 2, 29)), ""), None);
    }

    #[test]
    fn reversed_ranges_need_both_ends_written() {
        let y = |a, b| range(TimePoint::Year(a), TimePoint::Year(b));
        assert!(matches!(
            problem(&y(2025, 2021), "2025-2021"),
            Some(Problem::Reversed(..))
        ));
        // a two-digit end that lands before the start is not read as reversed
        assert_eq!(problem(&y(2021, 2019), "2021-19"), None);
        assert_eq!(problem(&y(2021, 2021), "2021-2021"), None);
        let m = |y1, m1, y2, m2| {
            range(
                TimePoint::Month {
                    year: y1,
                    month: m1,
                },
                TimePoint::Month {
                    year: y2,
                    month: m2,
                },
            )
        };
        // `tháng 12-2/2024` may cross the year: silent
        assert_eq!(problem(&m(2024, 12, 2024, 2), "tháng 12-2/2024"), None);
        assert!(problem(&m(2024, 12, 2024, 2), "tháng 12/2024 - tháng 2/2024").is_some());
        let dm = |m1, d1, m2, d2| {
            range(
                TimePoint::DayMonth { month: m1, day: d1 },
                TimePoint::DayMonth { month: m2, day: d2 },
            )
        };
        assert_eq!(problem(&dm(12, 30, 1, 2), "ngày 30/12-2/1"), None);
        assert!(problem(&dm(10, 20, 10, 15), "ngày 20-15/10").is_some());
    }

    #[test]
    fn why_not_names_the_month_length() {
        let (why, _) = why_not(day(2023, 2, 29));
        assert_eq!(
            &*why.vi,
            "tháng 2/2023 chỉ có 28 ngày (năm 2023 không nhuận)"
        );
        let (why, _) = why_not(day(2023, 13, 15));
        assert_eq!(&*why.en, "there is no month 13");
        let (why, _) = why_not(day(2023, 5, 0));
        assert_eq!(&*why.vi, "không có ngày 0");
        let (why, _) = why_not(TimePoint::DayMonth { month: 2, day: 30 });
        assert_eq!(&*why.vi, "tháng 2 chỉ có 28 hoặc 29 ngày");
    }

    #[test]
    fn swapped_ranges_for_the_help() {
        assert_eq!(swapped(day(2023, 9, 15), day(2023, 9, 12)), "12-15/9/2023");
        assert_eq!(
            swapped(day(2023, 10, 20), day(2023, 9, 15)),
            "15/9-20/10/2023"
        );
        assert_eq!(
            swapped(TimePoint::Year(2025), TimePoint::Year(2021)),
            "2021-2025"
        );
    }

    #[test]
    fn lengths_count_both_ways() {
        let s = TemporalSettings::default();
        let y = range(TimePoint::Year(2021), TimePoint::Year(2023));
        let l = lengths(&y, Unit::Year, false, false, &s).unwrap();
        assert_eq!((l.accept.clone(), l.say), (vec![3, 2], 3));
        let l = lengths(&y, Unit::Year, true, true, &s).unwrap();
        assert_eq!(l.say, 2);
        let d = range(day(2023, 12, 12), day(2023, 12, 13));
        let l = lengths(&d, Unit::Day, true, false, &s).unwrap();
        assert_eq!((l.accept.clone(), l.say), (vec![2, 1], 2));
        // across a leap day
        let d = range(day(2024, 2, 28), day(2024, 3, 1));
        assert_eq!(lengths(&d, Unit::Day, true, false, &s).unwrap().say, 3);
        let d = range(day(1949, 11, 1), day(2024, 11, 1));
        let l = lengths(&d, Unit::Year, true, true, &s).unwrap();
        assert!(l.accept.contains(&75));
        // a year count off two dates only when written as the length
        assert!(lengths(&d, Unit::Year, false, false, &s).is_none());
        let m = range(
            TimePoint::Month {
                year: 2023,
                month: 11,
            },
            TimePoint::Month {
                year: 2024,
                month: 2,
            },
        );
        assert_eq!(lengths(&m, Unit::Month, false, false, &s).unwrap().say, 4);
        let strict = TemporalSettings {
            accept_elapsed: false,
            ..TemporalSettings::default()
        };
        let l = lengths(&y, Unit::Year, true, true, &strict).unwrap();
        assert_eq!((l.accept, l.say), (vec![3], 3));
    }

    /// The texts of the duration-mismatch findings in `text`, and of the invalid dates.
    fn run(text: &str) -> (Vec<String>, Vec<String>) {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let doc = crate::document::from_bytes("t.md", text.as_bytes()).expect("utf-8");
        let claims = crate::extract::Extractor::new(&rules).extract(&doc);
        let settings = TemporalSettings::default();
        let show = |f: &Finding| doc.source[f.primary.span.clone()].to_string();
        let dur = durations(&doc, &claims, &settings, Severity::Error);
        let inv: Vec<Finding> = claims
            .iter()
            .filter_map(|c| invalid_finding(&doc, c, Severity::Error))
            .collect();
        (
            dur.iter().map(show).collect(),
            inv.iter().map(show).collect(),
        )
    }

    #[test]
    fn links_beside_named_and_in_a_clause() {
        // beside, both orders
        assert_eq!(
            run("Trong 4 năm (2021-2023) có nhiều đổi mới.").0,
            ["4 năm"]
        );
        assert_eq!(
            run("Kết quả giai đoạn 2016-2020 (7 năm) rất tốt.").0,
            ["7 năm"]
        );
        assert!(
            run("Kết quả giai đoạn 2016-2020 (5 năm) rất tốt.")
                .0
                .is_empty()
        );
        // named in the next sentence of the block
        let t = "Dự án giai đoạn 2021-2025 đã khởi động. Cả giai đoạn 7 năm cần vốn lớn.";
        assert_eq!(run(t).0, ["7 năm"]);
        // a role held in a term: only a longer time is reported
        let t = "Ông có bốn năm làm Chủ tịch Ủy ban nhiệm kỳ 2021-2023 của tổ chức.";
        assert_eq!(run(t).0, ["bốn năm"]);
        let t = "Ông có hai năm làm Chủ tịch Ủy ban nhiệm kỳ 2021-2023 của tổ chức.";
        assert!(run(t).0.is_empty());
    }

    #[test]
    fn weak_links_stay_silent() {
        for t in [
            // a comma: another clause
            "Trong nhiệm kỳ 2020-2021, ông có ba năm làm Ủy viên.",
            // no role verb after the duration
            "Ông có bốn năm kinh nghiệm ở Ủy ban nhiệm kỳ 2021-2023.",
            // no period noun before the period
            "Ông có bốn năm làm Chủ tịch trong các năm 2021-2023.",
            // `và` joins two clauses
            "Ông có bốn năm làm Ủy viên và giữ chức Chủ tịch nhiệm kỳ 2021-2023.",
            // a hedge, a time after, a repetition
            "Dự án kéo dài hơn 4 năm (2021-2023).",
            "Sau 4 năm (2021-2023) dự án kết thúc.",
            "Cứ mỗi 4 năm (2021-2023) lại họp.",
            // two named terms in the block: which one is meant is unclear
            "Thành viên nhiệm kỳ 2021-2023 và nhiệm kỳ 2022-2026. Mỗi nhiệm kỳ 3 năm là một thử thách.",
        ] {
            assert!(run(t).0.is_empty(), "{t}: {:?}", run(t).0);
        }
    }

    #[test]
    fn invalid_dates_in_text() {
        let (_, inv) = run("Lễ ký ngày 31/9/2023 và hội nghị ngày 15/13/2023.");
        assert_eq!(inv, ["ngày 31/9/2023", "ngày 15/13/2023"]);
        let (_, inv) = run("Đoàn thăm Lào ngày 30/12-2/1/2024 và ngày 30 tháng 2 âm lịch.");
        assert!(inv.is_empty(), "{inv:?}");
        let (_, inv) = run("Tỷ lệ là 31/4 và ngày 31/4 có mưa.");
        assert_eq!(inv, ["ngày 31/4"]);
        let (_, inv) = run("Giai đoạn 2025-2021 và niên khóa 2021-19.");
        assert_eq!(inv, ["2025-2021"]);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
        assert_eq!(day_number(2023, 3, 1) - day_number(2023, 2, 28), 1);
    }
}
