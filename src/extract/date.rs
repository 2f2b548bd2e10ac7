//! Dates and periods: `ngày 9/1/2023`, `12-13/12/2023`, `tháng 7/2023`, `quý I/2026`,
//! `năm 2023`, `2021-2023`.
//!
//! [`parse_date`] reads one date or period at the start of its input and says how many
//! bytes it took. It is called at every digit and at many words, so it dispatches on the
//! first byte, never allocates, and reads every digit run with a bound (4 digits for a
//! year, 2 for a day or month): a longer run is not a date at all.
//!
//! Values are kept as written: `31/9/2023`, `15-12/9/2023` and, when no order of day and
//! month makes a date, `15/13/2023` or `ngày 0/5/2023` are returned as impossible points
//! or reversed ranges (`temporal/invalid-date` reports them, and they are never read as
//! counts); shapes that are not dates (`42/63`, `01:26:54`, `2013/QĐ-TTg`, `1.700`,
//! `12/13/2023`, which could be month-first) give `None`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::time::{TimeExpr, TimePoint};

/// A date or period read at the start of some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub expr: TimeExpr,
    /// bytes consumed from the start of the input (no trailing space/punctuation)
    pub len: usize,
    /// the keyword that introduced it, if any, for callers: `ngày`, `tháng`, `năm`, `quý`
    pub keyword: Option<DateKeyword>,
}

/// The word a date started with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKeyword {
    /// `ngày` (day)
    Ngay,
    /// `tháng` (month)
    Thang,
    /// `năm` (year)
    Nam,
    /// `quý` (quarter)
    Quy,
}

/// Read a date or period at the start of `input` (NFC text at a word boundary).
///
/// Returns `None` unless the whole date shape is there and is followed by a boundary
/// (not a letter, digit, `%`, `/QĐ`, `,5`...).
pub fn parse_date(input: &str) -> Option<DateMatch> {
    // Fail fast on the first byte: only digits and words starting with n/t/q can open a date.
    let (keyword, parsed) = match *input.as_bytes().first()? {
        b'0'..=b'9' if !may_open_at_digits(input) => return None,
        b'0'..=b'9' => (None, after_digit(input)),
        b'n' | b'N' => match kw(input, "ngày") {
            Ok((r, _)) => (Some(DateKeyword::Ngay), after_ngay(r)),
            Err(_) => (Some(DateKeyword::Nam), after_nam(input)),
        },
        b't' | b'T' => (Some(DateKeyword::Thang), after_thang(input)),
        b'q' | b'Q' => (Some(DateKeyword::Quy), after_quy(input)),
        _ => return None,
    };
    let (rest, expr) = parsed?;
    Some(DateMatch {
        expr,
        len: input.len() - rest.len(),
        keyword,
    })
}

/// Whether a date may start at the digits opening `input`, by its shape alone: every date
/// `after_digit` reads opens with a year (four digits) or with a day or month (one or two
/// digits) followed, perhaps after spaces, by `tháng` or by a separator (`/` `-` `.` `–`
/// `—`) and then a month, a day (one or two digits) or a year (four). Most figures
/// (`36,6`, `1.965`, `150 người`, `12%`) fail this and are not parsed.
fn may_open_at_digits(input: &str) -> bool {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    match digits(input) {
        4 => true,
        d @ (1 | 2) => {
            let rest = input[d..].trim_start_matches(is_sp);
            if rest.starts_with(['t', 'T']) {
                return true;
            }
            let Some(after) = rest.strip_prefix(['/', '-', '.', '–', '—']) else {
                return false;
            };
            matches!(digits(after.trim_start_matches(is_sp)), 1 | 2 | 4)
        }
        _ => false,
    }
}

/// nom results with `()` as the error: nothing is allocated or reported on failure.
type Res<'a, T> = IResult<&'a str, T, ()>;

fn fail<T>() -> Res<'static, T> {
    Err(nom::Err::Error(()))
}

/// Years a bare number (`2023`, `01/2023`, `2021-2023`) may be: wider ranges would turn
/// counts such as `1500 người` into years.
const BARE_YEARS: (u16, u16) = (1800, 2200);
/// Years accepted after a keyword or inside a full date.
const FULL_YEARS: (u16, u16) = (1000, 2999);

// ---------------------------------------------------------------- small pieces

fn is_sp(c: char) -> bool {
    // NBSP survives in scraped pages; newlines are not crossed.
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}')
}

fn sp0(i: &str) -> Res<'_, &str> {
    take_while(is_sp).parse(i)
}

fn sp1(i: &str) -> Res<'_, &str> {
    take_while1(is_sp).parse(i)
}

/// A run of `min..=max` ASCII digits that is not followed by another digit, as a number.
/// The bound is what keeps `250/2025`, `2.023` and phone numbers out.
fn number(i: &str, min: usize, max: usize) -> Res<'_, u16> {
    let (rest, s) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail();
    }
    // at most 4 digits: fits u16 without overflow
    let v = s.bytes().fold(0u16, |a, b| a * 10 + u16::from(b - b'0'));
    Ok((rest, v))
}

/// A day number 1..=31 (`05`, `31`); `31/9` passes, `42` or `0` do not.
fn day(i: &str) -> Res<'_, u8> {
    let (r, v) = number(i, 1, 2)?;
    if (1..=31).contains(&v) {
        Ok((r, v as u8))
    } else {
        fail()
    }
}

/// A month number 1..=12 (`7`, `07`).
fn month_num(i: &str) -> Res<'_, u8> {
    let (r, v) = number(i, 1, 2)?;
    if (1..=12).contains(&v) {
        Ok((r, v as u8))
    } else {
        fail()
    }
}

/// A 4-digit year within `range`.
fn year(i: &str, range: (u16, u16)) -> Res<'_, i32> {
    let (r, v) = number(i, 4, 4)?;
    if (range.0..=range.1).contains(&v) {
        Ok((r, i32::from(v)))
    } else {
        fail()
    }
}

/// The separator inside one date; the second one must repeat the first.
fn date_sep(i: &str) -> Res<'_, char> {
    one_of("/-.").parse(i)
}

/// `-`, `–` or `—` between the two ends of a range, spaces allowed around it.
fn dash(i: &str) -> Res<'_, ()> {
    let (r, _) = (sp0, one_of("-–—"), sp0).parse(i)?;
    Ok((r, ()))
}

/// `w` (lowercase) at the start of `i` in any case (`ngày`, `Ngày`, `NGÀY`), ending at a
/// word boundary. A space in `w` matches one space of any kind.
fn kw<'a>(i: &'a str, w: &str) -> Res<'a, &'a str> {
    let mut chars = i.chars();
    let mut len = 0;
    for wc in w.chars() {
        let Some(c) = chars.next() else {
            return fail();
        };
        let same = if wc == ' ' {
            is_sp(c)
        } else {
            c == wc || (c != 'İ' && crate::text::lower(c) == wc)
        };
        if !same {
            return fail();
        }
        len += c.len_utf8();
    }
    if chars.next().is_some_and(crate::text::is_alphanumeric) {
        return fail();
    }
    Ok((&i[len..], &i[..len]))
}

/// `kw` followed by at least one space: `ngày `, `năm `.
fn kw_sp<'a>(i: &'a str, w: &str) -> Res<'a, ()> {
    let (r, _) = kw(i, w)?;
    let (r, _) = sp1(r)?;
    Ok((r, ()))
}

/// Optional `w ` (e.g. `ngày` again after a range dash).
fn opt_kw<'a>(i: &'a str, w: &str) -> &'a str {
    kw_sp(i, w).map_or(i, |(r, _)| r)
}

/// What may follow a date: not a letter or digit (`2023%`, `2023abc`), not an identifier
/// tail (`2013/QĐ`, `5/2023/NĐ-CP`), not a digit group (`2023,5`, `2023.5`), not a clock.
fn boundary_ok(rest: &str) -> bool {
    let mut it = rest.chars();
    match it.next() {
        None => true,
        Some(c) if crate::text::is_alphanumeric(c) || c == '%' || c == '_' => false,
        Some('/' | '-' | '–' | '—' | ':') => {
            !it.next().is_some_and(crate::text::is_alphanumeric)
        }
        Some('.' | ',') => !it.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn point(p: TimePoint) -> TimeExpr {
    TimeExpr::point(p)
}

fn range(a: TimePoint, b: TimePoint) -> TimeExpr {
    TimeExpr {
        start: a,
        end: Some(b),
    }
}

/// Accept `(rest, expr)` only when a boundary follows.
fn done(rest: &str, expr: TimeExpr) -> Option<(&str, TimeExpr)> {
    boundary_ok(rest).then_some((rest, expr))
}

// ---------------------------------------------------------------- days

/// A day or month number as written, `0..=31`, for a date the calendar may not have
/// (`0/5/2023`, `15/13/2023`); callers decide whether the shape is still a date.
fn loose_num(i: &str) -> Res<'_, u8> {
    let (r, v) = number(i, 1, 2)?;
    if v <= 31 { Ok((r, v as u8)) } else { fail() }
}

/// Whether a day and month read as a full date with a 4-digit year make a date shape:
/// any day 1..=31 with a month 1..=12 (`31/9/2023` is kept for the checker), and also a
/// day 0, a month 0 or a month 13..=31 when the two numbers swapped would not make a
/// valid date either (`15/13/2023`, `0/5/2023`). `12/13/2023` could be a month-first
/// date (13 December): ambiguous, so not a date at all. Dots (`10.20.2023`) only take
/// the plain shape: they also write versions and codes.
fn dmy_shape(d: u8, m: u8, y: i32, sep: char) -> bool {
    if (1..=31).contains(&d) && (1..=12).contains(&m) {
        return true;
    }
    let swapped = TimePoint::Day {
        year: y,
        month: d,
        day: m,
    };
    sep != '.' && !swapped.is_valid()
}

/// `9/1/2023`, `12-8-2021`, `09.01.2023`: day, month, 4-digit year, one separator; also
/// the impossible `15/13/2023` and `0/5/2023` (see [`dmy_shape`]).
fn dmy(i: &str) -> Res<'_, (u8, u8, i32)> {
    let (r, d) = loose_num(i)?;
    let (r, s) = date_sep(r)?;
    let (r, m) = loose_num(r)?;
    let (r, _) = char(s).parse(r)?;
    let (r, y) = year(r, FULL_YEARS)?;
    if !dmy_shape(d, m, y, s) {
        return fail();
    }
    Ok((r, (d, m, y)))
}

/// `19/12`, `19-12`: day and month, no year.
fn dm(i: &str) -> Res<'_, (u8, u8)> {
    let (r, d) = day(i)?;
    let (r, _) = date_sep(r)?;
    let (r, m) = month_num(r)?;
    Ok((r, (d, m)))
}

/// Tail giving a month its year: `/2023`, `-2023`, `.2023`, ` năm 2023`, `, năm 2023`.
fn year_tail(i: &str) -> Res<'_, i32> {
    fn by_sep(i: &str) -> Res<'_, i32> {
        let (r, _) = date_sep(i)?;
        year(r, FULL_YEARS)
    }
    fn by_word(i: &str) -> Res<'_, i32> {
        let (r, _) = (opt(char(',')), sp1).parse(i)?;
        let (r, _) = kw_sp(r, "năm")?;
        year(r, FULL_YEARS)
    }
    alt((by_sep, by_word)).parse(i)
}

/// Month written as a word after `tháng`: `tháng ba`, `tháng Mười Hai`, `tháng giêng`.
/// `năm` (May) is listed too: the year tail then has to follow (`tháng năm năm 2017`),
/// so `các tháng năm 2017` is not read as May.
fn month_word(i: &str) -> Res<'_, u8> {
    // longer words first: `mười một` before `mười`
    const WORDS: [(&str, u8); 15] = [
        ("mười một", 11),
        ("mười hai", 12),
        ("mười", 10),
        ("giêng", 1),
        ("một", 1),
        ("hai", 2),
        ("ba", 3),
        ("tư", 4),
        ("bốn", 4),
        ("năm", 5),
        ("sáu", 6),
        ("bảy", 7),
        ("tám", 8),
        ("chín", 9),
        ("chạp", 12),
    ];
    for (w, m) in WORDS {
        if let Ok((r, _)) = kw(i, w) {
            return Ok((r, m));
        }
    }
    fail()
}

fn month_any(i: &str) -> Res<'_, u8> {
    alt((month_num, month_word)).parse(i)
}

/// `5 tháng 1 năm 2022`, `19 tháng 12`: day, `tháng`, month, optional year.
/// With `words` (only after `ngày`) the month may be a word (`7 tháng ba`), and a day 0
/// or a month 0 or 13..=31 is kept when a year follows (`ngày 15 tháng 13 năm 2023`):
/// the words say which number is the day and which the month.
fn word_dmy(i: &str, words: bool) -> Res<'_, (u8, u8, Option<i32>)> {
    let (r, d) = if words { loose_num(i)? } else { day(i)? };
    let (r, _) = sp1(r)?;
    let (r, _) = kw_sp(r, "tháng")?;
    let (r, m) = if words {
        alt((month_any, loose_num)).parse(r)?
    } else {
        month_num(r)?
    };
    let (r, y) = opt(year_tail).parse(r)?;
    let plain = (1..=31).contains(&d) && (1..=12).contains(&m);
    if !plain && y.is_none() {
        return fail();
    }
    Ok((r, (d, m, y)))
}

/// The first part of a day-level date or range.
#[derive(Clone, Copy)]
enum DayPart {
    Full {
        year: i32,
        month: u8,
        day: u8,
    },
    DayMonth {
        month: u8,
        day: u8,
    },
    /// `12` in `12-13/12/2023`: month and year come from the end.
    Day(u8),
}

impl DayPart {
    fn from_parts(d: u8, m: u8, y: Option<i32>) -> Self {
        match y {
            Some(year) => DayPart::Full {
                year,
                month: m,
                day: d,
            },
            None => DayPart::DayMonth { month: m, day: d },
        }
    }

    /// As a point on its own; `DayMonth` only after `ngày` (bare `19/12` is too close to
    /// a fraction), a lone day never.
    fn alone(self, keyword: bool) -> Option<TimePoint> {
        match self {
            DayPart::Full { year, month, day } => Some(TimePoint::Day { year, month, day }),
            DayPart::DayMonth { month, day } if keyword => Some(TimePoint::DayMonth { month, day }),
            _ => None,
        }
    }
}

/// Starts tried in order, longest shape first; the caller backtracks to the next one
/// when a start neither stands alone nor opens a range.
fn day_start(i: &str, n: usize, keyword: bool) -> Res<'_, DayPart> {
    match n {
        0 => dmy(i).map(|(r, (d, m, y))| (r, DayPart::from_parts(d, m, Some(y)))),
        1 => {
            let (r, (d, m, y)) = word_dmy(i, keyword)?;
            if y.is_none() && !keyword {
                // `3 tháng 12` without a year is a duration plus a month, not a date
                return fail();
            }
            Ok((r, DayPart::from_parts(d, m, y)))
        }
        2 => dm(i).map(|(r, (d, m))| (r, DayPart::DayMonth { month: m, day: d })),
        3 => day(i).map(|(r, d)| (r, DayPart::Day(d))),
        _ => fail(),
    }
}

/// The end of a day range: a full date, or (after `ngày`) a day and month.
fn day_end(i: &str, keyword: bool) -> Res<'_, DayPart> {
    for n in 0..=2 {
        if let Ok((r, p)) = day_start(i, n, keyword)
            && (matches!(p, DayPart::Full { .. }) || keyword)
        {
            return Ok((r, p));
        }
    }
    fail()
}

/// Between the ends of a day range: a dash, or after `ngày` also `đến`/`tới`
/// (`ngày 12 đến ngày 14/9/2023`); a repeated `ngày` is skipped.
fn day_range_sep(i: &str, keyword: bool) -> Res<'_, ()> {
    let r = match dash(i) {
        Ok((r, _)) => r,
        Err(_) if keyword => {
            let (r, _) = sp1(i)?;
            let (r, _) = alt((|i| kw(i, "đến"), |i| kw(i, "tới"))).parse(r)?;
            sp1(r)?.0
        }
        Err(e) => return Err(e),
    };
    Ok((opt_kw(r, "ngày"), ()))
}

/// Join two ends; the start takes the month and year it lacks from the end.
fn join_days(a: DayPart, b: DayPart) -> Option<TimeExpr> {
    use DayPart as P;
    let start = match (a, b) {
        (P::Full { year, month, day }, P::Full { .. }) => TimePoint::Day { year, month, day },
        // `30/12-2/1/2024` crosses the new year: the start is in 2023
        (
            P::DayMonth { month, day },
            P::Full {
                year, month: m2, ..
            },
        ) if month > m2 => TimePoint::Day {
            year: year - 1,
            month,
            day,
        },
        (P::DayMonth { month, day }, P::Full { year, .. }) => TimePoint::Day { year, month, day },
        (P::Day(day), P::Full { year, month, .. }) => TimePoint::Day { year, month, day },
        (P::DayMonth { month, day }, P::DayMonth { .. }) => TimePoint::DayMonth { month, day },
        (P::Day(day), P::DayMonth { month, .. }) => TimePoint::DayMonth { month, day },
        // `1/11/1949-19/12`: a full start with a partial end is not a range we know
        (P::Full { .. }, _) | (_, P::Day(_)) => return None,
    };
    let end = b.alone(true)?;
    Some(range(start, end))
}

/// Day-level dates and ranges: `9/1/2023`, `12-13/12/2023`, `30/10-01/11/2022`,
/// `1/11/1949-1/11/2024`, `5 tháng 1 năm 2022`; with `keyword` (after `ngày`) also
/// `19/12`, `7 tháng ba`, `24 - 27/6/2024`, `12 đến ngày 14/9/2023`.
fn day_expr(i: &str, keyword: bool) -> Option<(&str, TimeExpr)> {
    for n in 0..=3 {
        let Ok((r, start)) = day_start(i, n, keyword) else {
            continue;
        };
        if let Ok((r2, _)) = day_range_sep(r, keyword)
            && let Ok((r3, end)) = day_end(r2, keyword)
            && let Some(e) = join_days(start, end)
            && let Some(found) = done(r3, e)
        {
            return Some(found);
        }
        if let Some(p) = start.alone(keyword)
            && let Some(found) = done(r, point(p))
        {
            return Some(found);
        }
    }
    None
}

// ---------------------------------------------------------------- months

/// After `tháng `: `7/2023`, `07-2023`, `7 năm 2023`, `ba năm 2024`, `7-8/2023`,
/// `7/2023 - tháng 8/2024`. A month without a year (`tháng 5`) gives `None`.
fn month_expr(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, m1) = month_any(i).ok()?;
    // `tháng M R [tháng] M` tail with its year
    fn second(r: &str) -> Res<'_, (u8, i32)> {
        let (r, _) = dash(r)?;
        let r = opt_kw(r, "tháng");
        let (r, m2) = month_any(r)?;
        let (r, y2) = year_tail(r)?;
        Ok((r, (m2, y2)))
    }
    if let Ok((r, y1)) = year_tail(r) {
        let start = TimePoint::Month {
            year: y1,
            month: m1,
        };
        if let Ok((r2, (m2, y2))) = second(r)
            && let Some(found) = done(
                r2,
                range(
                    start,
                    TimePoint::Month {
                        year: y2,
                        month: m2,
                    },
                ),
            )
        {
            return Some(found);
        }
        return done(r, point(start));
    }
    let (r, (m2, y)) = second(r).ok()?;
    done(
        r,
        range(
            TimePoint::Month { year: y, month: m1 },
            TimePoint::Month { year: y, month: m2 },
        ),
    )
}

/// Bare `01/2023`, `7/2023`, `12/2023-1/2024`: only `/`, and only years 1800..=2200,
/// so that `42/63` or `5/1000` stay fractions.
fn bare_month(i: &str) -> Option<(&str, TimeExpr)> {
    fn my(i: &str) -> Res<'_, TimePoint> {
        let (r, m) = month_num(i)?;
        let (r, _) = char('/').parse(r)?;
        let (r, y) = year(r, BARE_YEARS)?;
        Ok((r, TimePoint::Month { year: y, month: m }))
    }
    let (r, a) = my(i).ok()?;
    if let Ok((r2, (_, b))) = (dash, my).parse(r)
        && let Some(found) = done(r2, range(a, b))
    {
        return Some(found);
    }
    done(r, point(a))
}

// ---------------------------------------------------------------- quarters

/// `I`..`IV`, `1`..`4`, `một`/`hai`/`ba`/`bốn`/`tư`.
fn quarter(i: &str) -> Res<'_, u8> {
    fn roman(i: &str) -> Res<'_, u8> {
        let (r, s) = alt((tag("IV"), tag("III"), tag("II"), tag("I"))).parse(i)?;
        if r.starts_with(crate::text::is_alphanumeric) {
            return fail();
        }
        let q = match s {
            "I" => 1,
            "II" => 2,
            "III" => 3,
            _ => 4,
        };
        Ok((r, q))
    }
    fn digit(i: &str) -> Res<'_, u8> {
        let (r, v) = number(i, 1, 1)?;
        if (1..=4).contains(&v) {
            Ok((r, v as u8))
        } else {
            fail()
        }
    }
    fn word(i: &str) -> Res<'_, u8> {
        for (w, q) in [("một", 1), ("hai", 2), ("ba", 3), ("bốn", 4), ("tư", 4)] {
            if let Ok((r, _)) = kw(i, w) {
                return Ok((r, q));
            }
        }
        fail()
    }
    alt((roman, digit, word)).parse(i)
}

/// The year of a quarter: `/2026`, `-2026`, ` năm 2025`, ` của năm 2018`.
fn quarter_year(i: &str) -> Res<'_, i32> {
    fn by_sep(i: &str) -> Res<'_, i32> {
        let (r, _) = one_of("/-").parse(i)?;
        year(r, FULL_YEARS)
    }
    fn by_word(i: &str) -> Res<'_, i32> {
        let (r, _) = (opt(char(',')), sp1).parse(i)?;
        let r = opt_kw(r, "của");
        let (r, _) = kw_sp(r, "năm")?;
        year(r, FULL_YEARS)
    }
    alt((by_sep, by_word)).parse(i)
}

/// After `quý `: `I/2026`, `3/2024`, `IV năm 2025`, `ba năm 2024`, `I-II/2026`,
/// `I/2025 - quý II/2026`. No year (`quý 3`) gives `None`.
fn quarter_expr(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, q1) = quarter(i).ok()?;
    fn second(r: &str) -> Res<'_, (u8, i32)> {
        let (r, _) = dash(r)?;
        let r = opt_kw(r, "quý");
        let (r, q2) = quarter(r)?;
        let (r, y2) = quarter_year(r)?;
        Ok((r, (q2, y2)))
    }
    let qp = |year, quarter| TimePoint::Quarter { year, quarter };
    if let Ok((r, y1)) = quarter_year(r) {
        if let Ok((r2, (q2, y2))) = second(r)
            && let Some(found) = done(r2, range(qp(y1, q1), qp(y2, q2)))
        {
            return Some(found);
        }
        return done(r, point(qp(y1, q1)));
    }
    let (r, (q2, y)) = second(r).ok()?;
    done(r, range(qp(y, q1), qp(y, q2)))
}

// ---------------------------------------------------------------- years

/// A year and an optional range end: `2021-2023`, `2021 – 2023`, `2021-23`,
/// `2021 - năm 2023`. Two-digit ends stay in the start's century (`2021-23` is
/// 2021..2023) except across a century turn (`1998-02` is 1998..2002); a reversed range
/// (`2023-2021`) is returned as written for the checker.
fn year_expr(i: &str, years: (u16, u16)) -> Option<(&str, TimeExpr)> {
    let (r, y1) = year(i, years).ok()?;
    if let Ok((r2, y2)) = year_end(r, y1, years)
        && let Some(found) = done(r2, range(TimePoint::Year(y1), TimePoint::Year(y2)))
    {
        return Some(found);
    }
    done(r, point(TimePoint::Year(y1)))
}

/// The end of a year range after `y1`: a dash, an optional `năm`, 4 or 2 digits.
fn year_end(i: &str, y1: i32, years: (u16, u16)) -> Res<'_, i32> {
    let (r, _) = dash(i)?;
    let r = opt_kw(r, "năm");
    if let Ok(ok) = year(r, years) {
        return Ok(ok);
    }
    let (r, yy) = number(r, 2, 2)?;
    let yy = i32::from(yy);
    let century = y1 - y1 % 100;
    let y2 = if y1 % 100 >= 90 && yy < 10 {
        century + 100 + yy
    } else {
        century + yy
    };
    Ok((r, y2))
}

// ---------------------------------------------------------------- entry points

/// At a digit: full dates and day ranges, bare `MM/YYYY`, bare years.
fn after_digit(i: &str) -> Option<(&str, TimeExpr)> {
    day_expr(i, false)
        .or_else(|| bare_month(i))
        .or_else(|| year_expr(i, BARE_YEARS))
}

/// After `ngày`: an optional `mồng`/`mùng`, then a day-level date.
fn after_ngay(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, _) = sp1(i).ok()?;
    let r = opt_kw(r, "mồng");
    let r = opt_kw(r, "mùng");
    day_expr(r, true)
}

fn after_thang(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, _) = kw_sp(i, "tháng").ok()?;
    month_expr(r)
}

fn after_nam(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, _) = kw_sp(i, "năm").ok()?;
    year_expr(r, FULL_YEARS)
}

fn after_quy(i: &str) -> Option<(&str, TimeExpr)> {
    let (r, _) = kw_sp(i, "quý").ok()?;
    quarter_expr(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `parse_date` at digits without the shape test: the reference it is tested against.
    fn at_digits_unfiltered(input: &str) -> Option<(usize, TimeExpr)> {
        after_digit(input).map(|(rest, e)| (input.len() - rest.len(), e))
    }

    fn at_digits(input: &str) -> Option<(usize, TimeExpr)> {
        parse_date(input).map(|m| (m.len, m.expr))
    }

    /// The shape test refuses no date: at every digit run of every text the project has,
    /// and at every digit of word salad, `parse_date` reads what the parsers alone read.
    #[test]
    fn digit_shape_test_refuses_no_date() {
        let (mut runs, mut dates, mut refused) = (0, 0, 0);
        for t in crate::testing::project_texts() {
            let b = t.as_bytes();
            for i in 0..b.len() {
                if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
                    continue;
                }
                let want = at_digits_unfiltered(&t[i..]);
                assert_eq!(at_digits(&t[i..]), want, "{:?}", &t[i..t.len().min(i + 40)]);
                runs += 1;
                dates += usize::from(want.is_some());
                refused += usize::from(!may_open_at_digits(&t[i..]));
            }
        }
        assert!(runs > 5_000 && dates > 500, "{runs} {dates}");
        assert!(refused * 3 > runs, "{refused} of {runs}");
    }

    proptest! {
        #[test]
        fn digit_shape_test_on_salad(t in "[0-9]{1,5}[ \u{a0}/\\-.–—,:%tT]{0,3}(tháng|Tháng|năm)?[ /\\-.]?[0-9]{0,5}[/\\-. ]?[0-9]{0,5}") {
            prop_assert_eq!(at_digits(&t), at_digits_unfiltered(&t));
        }
    }

    fn day(year: i32, month: u8, day: u8) -> TimePoint {
        TimePoint::Day { year, month, day }
    }
    fn month(year: i32, month: u8) -> TimePoint {
        TimePoint::Month { year, month }
    }
    fn quarter(year: i32, quarter: u8) -> TimePoint {
        TimePoint::Quarter { year, quarter }
    }

    /// Parse `s`, expecting `expr` over the first `len` bytes.
    #[track_caller]
    fn check(s: &str, expr: TimeExpr, len: usize) {
        let m = parse_date(s).unwrap_or_else(|| panic!("no date in {s:?}"));
        assert_eq!(m.expr, expr, "value of {s:?}");
        assert_eq!(m.len, len, "length of {s:?} (read {:?})", &s[..m.len]);
    }

    #[track_caller]
    fn pt(s: &str, p: TimePoint, len: usize) {
        check(s, point(p), len);
    }

    #[track_caller]
    fn rg(s: &str, a: TimePoint, b: TimePoint, len: usize) {
        check(s, range(a, b), len);
    }

    #[track_caller]
    fn none(s: &str) {
        assert_eq!(parse_date(s), None, "{s:?} is not a date");
    }

    // ------------------------------------------------------------ day ranges

    #[test]
    fn day_range_sharing_month_and_year() {
        rg(
            "12-13/12/2023) tại Hà Nội",
            day(2023, 12, 12),
            day(2023, 12, 13),
            13,
        );
    }

    #[test]
    fn day_range_across_months() {
        rg("30/10-01/11/2022", day(2022, 10, 30), day(2022, 11, 1), 16);
        rg("30/10-1/11/2022)", day(2022, 10, 30), day(2022, 11, 1), 15);
    }

    #[test]
    fn two_full_dates() {
        rg(
            "1/11/1949-1/11/2024).",
            day(1949, 11, 1),
            day(2024, 11, 1),
            19,
        );
    }

    #[test]
    fn day_range_with_spaced_dash_after_ngay() {
        let s = "ngày 24 - 27/6/2024 theo lời mời";
        rg(
            s,
            day(2024, 6, 24),
            day(2024, 6, 27),
            "ngày 24 - 27/6/2024".len(),
        );
        let s = "ngày 3 – 5/4/2021";
        rg(s, day(2021, 4, 3), day(2021, 4, 5), s.len());
    }

    #[test]
    fn day_range_with_den() {
        let s = "ngày 12 đến ngày 14/9/2023, đoàn";
        rg(
            s,
            day(2023, 9, 12),
            day(2023, 9, 14),
            "ngày 12 đến ngày 14/9/2023".len(),
        );
        let s = "ngày 1/1 tới 31/12/2020";
        rg(s, day(2020, 1, 1), day(2020, 12, 31), s.len());
        // `đến` without a date after it: just the start
        let s = "ngày 9/1/2023 đến nay";
        pt(s, day(2023, 1, 9), "ngày 9/1/2023".len());
    }

    #[test]
    fn day_month_range_without_year_after_ngay() {
        let s = "ngày 30/10-2/11 vừa qua";
        rg(
            s,
            TimePoint::DayMonth { month: 10, day: 30 },
            TimePoint::DayMonth { month: 11, day: 2 },
            "ngày 30/10-2/11".len(),
        );
    }

    #[test]
    fn bare_day_range_needs_a_full_end() {
        // a score, not a date
        none("1-4 trước đối thủ");
        none("5-6/2023");
    }

    // ------------------------------------------------------------ single days

    #[test]
    fn ngay_with_slashes() {
        let s = "ngày 9/1/2023, hai bên";
        pt(s, day(2023, 1, 9), "ngày 9/1/2023".len());
        let m = parse_date(s).unwrap();
        assert_eq!(m.keyword, Some(DateKeyword::Ngay));
        pt("Ngày 15/6/2023", day(2023, 6, 15), "Ngày 15/6/2023".len());
    }

    #[test]
    fn bare_full_date_with_slashes() {
        let m = parse_date("03/3/2022).").unwrap();
        assert_eq!(m.expr, point(day(2022, 3, 3)));
        assert_eq!(m.len, 9);
        assert_eq!(m.keyword, None);
    }

    #[test]
    fn dashes_inside_a_date() {
        pt("12-8-2021 là", day(2021, 8, 12), 9);
        pt(
            "ngày 30-11-2021",
            day(2021, 11, 30),
            "ngày 30-11-2021".len(),
        );
    }

    #[test]
    fn dots_only_with_a_four_digit_year() {
        pt("09.01.2023.", day(2023, 1, 9), 10);
        none("09.01.23");
        none("2.1.4.");
    }

    #[test]
    fn mixed_separators_are_not_one_date() {
        none("9/1-2023");
        none("9.1/2023");
    }

    #[test]
    fn ngay_thang_nam_in_words() {
        let s = "ngày 05 tháng 01 năm 2022";
        pt(s, day(2022, 1, 5), s.len());
        let s = "ngày 5 tháng 1 năm 2022 tại";
        pt(s, day(2022, 1, 5), "ngày 5 tháng 1 năm 2022".len());
        let s = "ngày mồng 2 tháng 9 năm 1945";
        pt(s, day(1945, 9, 2), s.len());
        let s = "ngày 5 tháng 1/2022";
        pt(s, day(2022, 1, 5), s.len());
    }

    #[test]
    fn digit_start_words_need_the_year() {
        let s = "20 tháng 4 năm 2019";
        pt(s, day(2019, 4, 20), s.len());
        // a duration and a month, not a date
        none("3 tháng 12");
    }

    #[test]
    fn day_month_after_ngay() {
        pt(
            "ngày 19/12, Thủ tướng",
            TimePoint::DayMonth { month: 12, day: 19 },
            "ngày 19/12".len(),
        );
        let s = "ngày 19 tháng 12 tới";
        pt(
            s,
            TimePoint::DayMonth { month: 12, day: 19 },
            "ngày 19 tháng 12".len(),
        );
        let s = "ngày 7 tháng ba";
        pt(s, TimePoint::DayMonth { month: 3, day: 7 }, s.len());
    }

    #[test]
    fn bare_day_month_is_not_a_date() {
        none("19/12");
        none("2/9 năm nay");
    }

    #[test]
    fn ngay_alone_or_with_a_day_only() {
        none("ngày 24");
        none("ngày mai");
        none("ngày hội");
    }

    #[test]
    fn impossible_days_keep_their_shape() {
        pt("31/9/2023", day(2023, 9, 31), 9);
        pt("ngày 29/2/2023", day(2023, 2, 29), "ngày 29/2/2023".len());
        let s = "ngày 30/2, đoàn";
        pt(
            s,
            TimePoint::DayMonth { month: 2, day: 30 },
            "ngày 30/2".len(),
        );
        let s = "ngày 31 tháng 4 năm 2024";
        pt(s, day(2024, 4, 31), s.len());
    }

    #[test]
    fn day_zero_and_month_thirteen_are_kept_as_invalid() {
        // no order of the two numbers makes a date: read as written, for the checker
        pt("15/13/2023.", day(2023, 13, 15), 10);
        pt(
            "ngày 15/13/2023",
            day(2023, 13, 15),
            "ngày 15/13/2023".len(),
        );
        pt("0/5/2023", day(2023, 5, 0), 8);
        pt("0/1/2023", day(2023, 1, 0), 8);
        pt("ngày 00-10-2023", day(2023, 10, 0), "ngày 00-10-2023".len());
        pt("5/0/2023", day(2023, 0, 5), 8);
        let s = "ngày 15 tháng 13 năm 2023";
        pt(s, day(2023, 13, 15), s.len());
        let s = "ngày 0 tháng 5 năm 2024 có";
        pt(s, day(2024, 5, 0), "ngày 0 tháng 5 năm 2024".len());
        assert!(!day(2023, 13, 15).is_valid());
        assert!(!day(2023, 5, 0).is_valid());
    }

    #[test]
    fn invalid_shapes_need_a_year_and_no_other_reading() {
        // month-first 13 December: ambiguous, not a date
        none("12/13/2023");
        // invalid in both orders: kept
        pt("2/30/2023", day(2023, 30, 2), 9);
        // dots also write versions and codes
        none("10.20.2023");
        none("15.13.2023");
        // without a year the words do not make an impossible date
        none("ngày 15 tháng 13");
        none("ngày 0 tháng 5");
        // a bare day 0 or month 13 without `ngày` and a year stays out
        none("0 tháng 5 năm 2024");
        none("15 tháng 13 năm 2023");
        none("13/2023");
        none("0/2023");
    }

    #[test]
    fn reversed_day_ranges_keep_their_order() {
        rg("15-12/9/2023", day(2023, 9, 15), day(2023, 9, 12), 12);
        rg("20/10-15/10/2023", day(2023, 10, 20), day(2023, 10, 15), 16);
        let s = "ngày 20/10 đến ngày 15/10/2023";
        rg(s, day(2023, 10, 20), day(2023, 10, 15), s.len());
    }

    #[test]
    fn day_range_across_the_new_year() {
        // the year is written once, at the end: the start is in the year before
        rg("30/12-2/1/2024", day(2023, 12, 30), day(2024, 1, 2), 14);
        let s = "ngày 28/12 đến ngày 3/1/2025";
        rg(s, day(2024, 12, 28), day(2025, 1, 3), s.len());
    }

    #[test]
    fn shapes_that_are_not_dates() {
        none("32/1/2023");
        none("12/13/2023");
        none("99/99/99999");
        none("99/99/2023");
        none("1/1/0999");
        none("1/1/3000");
        none("1/11/19490");
        none("32/13/2023");
    }

    // ------------------------------------------------------------ months

    #[test]
    fn thang_month_year() {
        let s = "tháng 7/2023 vừa qua";
        pt(s, month(2023, 7), "tháng 7/2023".len());
        assert_eq!(parse_date(s).unwrap().keyword, Some(DateKeyword::Thang));
        let s = "tháng 7 năm 2023";
        pt(s, month(2023, 7), s.len());
        let s = "tháng 07-2023";
        pt(s, month(2023, 7), s.len());
        let s = "Tháng 12/2022)";
        pt(s, month(2022, 12), s.len() - 1);
        let s = "tháng 3.2024";
        pt(s, month(2024, 3), s.len());
    }

    #[test]
    fn thang_month_in_words() {
        let s = "tháng mười năm 2017";
        pt(s, month(2017, 10), s.len());
        let s = "tháng Mười Hai năm 2020";
        pt(s, month(2020, 12), s.len());
        let s = "tháng năm năm 2019";
        pt(s, month(2019, 5), s.len());
        // `các tháng năm 2017` means the months of 2017
        none("tháng năm 2017");
    }

    #[test]
    fn month_ranges() {
        let s = "tháng 7-8/2023";
        rg(s, month(2023, 7), month(2023, 8), s.len());
        let s = "tháng 11/2023 - tháng 2/2024";
        rg(s, month(2023, 11), month(2024, 2), s.len());
    }

    #[test]
    fn month_without_year_is_none() {
        none("tháng 5");
        none("tháng 5 tới");
        none("tháng sáu");
        none("tháng 13/2023");
        none("tháng trước");
    }

    #[test]
    fn bare_month_year() {
        pt("01/2023", month(2023, 1), 7);
        pt("7/2023,", month(2023, 7), 6);
        rg("12/2023-1/2024", month(2023, 12), month(2024, 1), 14);
    }

    #[test]
    fn bare_month_year_limits() {
        none("13/2023");
        none("7/1700");
        none("7/2300");
        // `-` is not a bare month separator (identifiers use it)
        none("5-2023");
    }

    // ------------------------------------------------------------ quarters

    #[test]
    fn quarter_roman() {
        let s = "quý I/2026 sẽ";
        pt(s, quarter(2026, 1), "quý I/2026".len());
        assert_eq!(parse_date(s).unwrap().keyword, Some(DateKeyword::Quy));
        let s = "quý IV năm 2025";
        pt(s, quarter(2025, 4), s.len());
        let s = "Quý III/2024";
        pt(s, quarter(2024, 3), s.len());
    }

    #[test]
    fn quarter_digits_and_words() {
        let s = "quý 3/2024";
        pt(s, quarter(2024, 3), s.len());
        let s = "quý ba năm 2024";
        pt(s, quarter(2024, 3), s.len());
        let s = "quý tư năm 2023";
        pt(s, quarter(2023, 4), s.len());
        let s = "quý 4 của năm 2018";
        pt(s, quarter(2018, 4), s.len());
    }

    #[test]
    fn quarter_ranges() {
        let s = "quý I-II/2026";
        rg(s, quarter(2026, 1), quarter(2026, 2), s.len());
        let s = "quý IV/2025 - quý I/2026";
        rg(s, quarter(2025, 4), quarter(2026, 1), s.len());
    }

    #[test]
    fn quarter_without_year_or_out_of_range() {
        none("quý IV");
        none("quý 3 tới");
        none("quý 5/2024");
        none("quý IVX/2024");
        none("quý báu");
    }

    // ------------------------------------------------------------ years

    #[test]
    fn nam_year() {
        let s = "năm 2023, kim ngạch";
        pt(s, TimePoint::Year(2023), "năm 2023".len());
        assert_eq!(parse_date(s).unwrap().keyword, Some(DateKeyword::Nam));
        pt("Năm 2025”", TimePoint::Year(2025), "Năm 2025".len());
        pt("năm 1010.", TimePoint::Year(1010), "năm 1010".len());
    }

    #[test]
    fn nam_not_a_year() {
        none("năm nay");
        none("năm 20");
        none("năm 20235");
        none("năm người");
        none("nămm 2023");
    }

    #[test]
    fn bare_year() {
        pt("2023 là", TimePoint::Year(2023), 4);
        pt("2023.", TimePoint::Year(2023), 4);
        pt("2023, một", TimePoint::Year(2023), 4);
        assert_eq!(parse_date("2023").unwrap().keyword, None);
    }

    #[test]
    fn bare_year_limits() {
        none("1500 người");
        none("2500");
        none("19");
        none("202");
        none("2023%");
        none("2023abc");
        none("2023,5");
        none("2023.5");
        none("20231");
    }

    #[test]
    fn year_ranges() {
        rg("2021-2023", TimePoint::Year(2021), TimePoint::Year(2023), 9);
        rg(
            "2021 - 2023,",
            TimePoint::Year(2021),
            TimePoint::Year(2023),
            11,
        );
        let s = "2021–2023";
        rg(s, TimePoint::Year(2021), TimePoint::Year(2023), s.len());
        let s = "2021 — 2025";
        rg(s, TimePoint::Year(2021), TimePoint::Year(2025), s.len());
        let s = "năm 2024-2025";
        rg(s, TimePoint::Year(2024), TimePoint::Year(2025), s.len());
        let s = "năm 2021 - năm 2023";
        rg(s, TimePoint::Year(2021), TimePoint::Year(2023), s.len());
    }

    #[test]
    fn reversed_year_range_is_kept() {
        rg("2023-2021", TimePoint::Year(2023), TimePoint::Year(2021), 9);
    }

    #[test]
    fn short_year_ends() {
        rg("2021-23", TimePoint::Year(2021), TimePoint::Year(2023), 7);
        rg("1998-02", TimePoint::Year(1998), TimePoint::Year(2002), 7);
        // an ISO date is not a year range
        none("2023-12-12");
        none("21-23");
    }

    #[test]
    fn year_range_with_a_failed_end_is_none() {
        // `2023-` followed by something that is not a year: likely an identifier
        none("2023-1");
        none("2023-NQ");
        let s = "2023 - nay";
        pt(s, TimePoint::Year(2023), 4);
    }

    #[test]
    fn period_words_are_left_to_the_caller() {
        none("giai đoạn 2024-2026");
        none("nhiệm kỳ 2023-2027");
        none("trong 3 năm qua");
    }

    // ------------------------------------------------------------ not dates

    #[test]
    fn times_of_day() {
        none("01:26:54");
        none("10:30");
        none("2023:15");
    }

    #[test]
    fn fractions() {
        none("42/63 tỉnh");
        none("6/7");
    }

    #[test]
    fn document_identifiers() {
        none("2013/QĐ-TTg");
        none("250/2025/QH15");
        none("2025/QH15");
        none("34-NQ/TW");
        none("01-ĐA/TW");
        none("5/2023/NĐ-CP");
        none("12/12/2023/TT-BTC");
    }

    #[test]
    fn names_versions_and_groups() {
        none("19"); // of COVID-19
        none("4.0");
        none("1.700");
        none("17.500 tỷ");
        none("2.023");
    }

    #[test]
    fn long_digit_runs() {
        none("0912345678");
        none("20232024");
        none("32-102231219155116287");
        none("123/2023");
    }

    #[test]
    fn other_first_bytes_fail_fast() {
        none("");
        none(" 2023");
        none("Hà Nội");
        none("thứ 2");
        none("quốc gia");
    }

    // ------------------------------------------------------------ Duckling corpus

    /// Absolute dates from Duckling's Vietnamese corpus: texts that open with a digit or
    /// a date keyword, whose grain is day/month/quarter/year and whose expected year is
    /// written in the text (so the value does not depend on the reference time).
    #[test]
    fn duckling_absolute_dates() {
        let path = "/work/shared/peer/duckling-vi/time.jsonl";
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("skipped: {path} is absent");
            return;
        };
        let mut passed = 0;
        let mut failures = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(s) = v["text"].as_str() else {
                continue;
            };
            let exp = &v["expected"];
            if exp["type"].as_str() != Some("value") {
                continue;
            }
            let (Some(value), Some(grain)) = (exp["value"].as_str(), exp["grain"].as_str()) else {
                continue;
            };
            let lower = s.to_lowercase();
            let opens = s.starts_with(|c: char| c.is_ascii_digit())
                || ["ngày ", "tháng ", "năm ", "quý "]
                    .iter()
                    .any(|k| lower.starts_with(k));
            let (Some(y), Some(m), Some(d)) = (
                value.get(0..4).and_then(|x| x.parse::<i32>().ok()),
                value.get(5..7).and_then(|x| x.parse::<u8>().ok()),
                value.get(8..10).and_then(|x| x.parse::<u8>().ok()),
            ) else {
                continue;
            };
            if !opens || !s.contains(&y.to_string()) {
                continue;
            }
            let want = match grain {
                "day" => day(y, m, d),
                "month" => month(y, m),
                "quarter" => quarter(y, (m - 1) / 3 + 1),
                "year" => TimePoint::Year(y),
                _ => continue,
            };
            match parse_date(s) {
                Some(dm) if dm.expr == point(want) && dm.len == s.len() => passed += 1,
                got => failures.push(format!("{s:?}: want {want:?}, got {got:?}")),
            }
        }
        println!("duckling absolute dates: {passed} passed");
        assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
        assert!(passed >= 10, "only {passed} absolute dates found");
    }

    // ------------------------------------------------------------ robustness

    fn check_any(s: &str) {
        if let Some(m) = parse_date(s) {
            assert!(m.len <= s.len());
            assert!(s.is_char_boundary(m.len));
            assert!(m.len > 0);
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            check_any(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(
            s in "[0-9/.,:%\\-–— \u{a0}ngàyháquýmồIVXđếntớiủa]{0,40}"
        ) {
            check_any(&s);
        }
    }
}
