//! Figures written in digits: `193`, `1.700`, `36,6`, `03`, `,77`, and the English forms
//! `36.6` and `1,700,000` that house style flags but a reader still understands.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::char;
use nom::combinator::{not, opt, peek, recognize};
use nom::multi::many1;
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Parser};

/// More digits than this is not a figure anyone states; the run is skipped whole.
pub const MAX_DIGITS: usize = 40;

/// How a figure's digits were grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumStyle {
    /// `193`, `03`.
    Plain,
    /// `1.700`, `1.234,5`: Vietnamese thousands dots.
    ViGrouped,
    /// `36,6`: Vietnamese decimal comma.
    ViDecimal,
    /// `36.6`, `4.0`: an English decimal point.
    EnDecimal,
    /// `1,700,000`: English thousands commas (two or more groups, so not a decimal).
    EnGrouped,
}

/// A figure read from digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Digits written after the decimal mark.
    pub decimals: u8,
    pub len: usize,
    pub style: NumStyle,
    /// Written with a leading zero (`03 năm`).
    pub leading_zero: bool,
}

impl Numeral {
    /// Half a unit of the last written digit: `36,6` is within 0,05 of 36,6.
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-i32::from(self.decimals))
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(is_digit).parse(i)
}

fn no_digit_follows(i: &str) -> IResult<&str, ()> {
    not(peek(take_while_m_n(1, 1, is_digit))).parse(i)
}

/// `1.700`, `3.000.000`, `1.234,5`.
fn vi_grouped(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 3, is_digit),
        many1(terminated(
            preceded(char('.'), take_while_m_n(3, 3, is_digit)),
            no_digit_follows,
        )),
        opt(preceded(char(','), digits)),
    ))
    .parse(i)
}

/// `1,700,000`.
fn en_grouped(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(1, 3, is_digit),
        preceded(char(','), take_while_m_n(3, 3, is_digit)),
        many1(terminated(
            preceded(char(','), take_while_m_n(3, 3, is_digit)),
            no_digit_follows,
        )),
    ))
    .parse(i)
}

/// `36,6`, `,77`, `193`, `36.6`.
fn simple(i: &str) -> IResult<&str, &str> {
    alt((
        recognize(pair(digits, opt(preceded(char(','), digits)))),
        recognize(preceded(char(','), digits)),
    ))
    .parse(i)
}

fn en_decimal(i: &str) -> IResult<&str, &str> {
    recognize((digits, tag("."), digits)).parse(i)
}

/// Read a figure at the start of `input`. `None` when there is none, or when the digit
/// run is longer than [`MAX_DIGITS`].
pub fn parse_numeral(input: &str) -> Option<Numeral> {
    let (style, text) = if let Ok((_, t)) = vi_grouped(input) {
        (NumStyle::ViGrouped, t)
    } else if let Ok((_, t)) = en_grouped(input) {
        (NumStyle::EnGrouped, t)
    } else if let Ok((rest, t)) = en_decimal(input) {
        // `36.6` but not a date `9.1.2023` or `1.2.3.4.5`
        if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        (NumStyle::EnDecimal, t)
    } else if let Ok((_, t)) = simple(input) {
        let style = if t.contains(',') {
            NumStyle::ViDecimal
        } else {
            NumStyle::Plain
        };
        (style, t)
    } else {
        return None;
    };
    if text.bytes().filter(u8::is_ascii_digit).count() > MAX_DIGITS {
        return None;
    }
    let decimal_mark = match style {
        NumStyle::ViGrouped | NumStyle::ViDecimal => Some(','),
        NumStyle::EnDecimal => Some('.'),
        NumStyle::Plain | NumStyle::EnGrouped => None,
    };
    let (int_part, frac_part) = match decimal_mark.and_then(|m| text.split_once(m)) {
        Some((a, b)) => (a, b),
        None => (text, ""),
    };
    let mut value = 0f64;
    for d in int_part.bytes().filter(u8::is_ascii_digit) {
        value = value * 10.0 + f64::from(d - b'0');
    }
    let mut scale = 1.0;
    for d in frac_part.bytes().filter(u8::is_ascii_digit) {
        scale /= 10.0;
        value += f64::from(d - b'0') * scale;
    }
    let first_digits = int_part.bytes().take_while(u8::is_ascii_digit).count();
    Some(Numeral {
        value,
        decimals: u8::try_from(frac_part.len()).unwrap_or(u8::MAX),
        len: text.len(),
        style,
        leading_zero: int_part.starts_with('0') && first_digits > 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (f64, usize, NumStyle) {
        let n = parse_numeral(s).unwrap_or_else(|| panic!("no numeral in {s:?}"));
        (n.value, n.len, n.style)
    }

    #[test]
    fn vietnamese_grouping_and_decimals() {
        assert_eq!(read("1.700 tỷ"), (1700.0, 5, NumStyle::ViGrouped));
        assert_eq!(read("3.000.000"), (3_000_000.0, 9, NumStyle::ViGrouped));
        let (v, _, s) = read("36,6 tỷ");
        assert!((v - 36.6).abs() < 1e-9);
        assert_eq!(s, NumStyle::ViDecimal);
        let (v, len, _) = read("1.234,5");
        assert!((v - 1234.5).abs() < 1e-9);
        assert_eq!(len, 7);
    }

    #[test]
    fn plain_and_leading_zero() {
        assert_eq!(read("193 quốc gia"), (193.0, 3, NumStyle::Plain));
        let n = parse_numeral("03 năm").expect("03");
        assert_eq!(n.value, 3.0);
        assert!(n.leading_zero);
        assert!(!parse_numeral("0,77").expect("0,77").leading_zero);
    }

    #[test]
    fn leading_comma_decimal() {
        let (v, len, _) = read(",77");
        assert!((v - 0.77).abs() < 1e-9);
        assert_eq!(len, 3);
    }

    #[test]
    fn english_forms_are_marked() {
        let (v, _, s) = read("36.6 tỷ");
        assert!((v - 36.6).abs() < 1e-9);
        assert_eq!(s, NumStyle::EnDecimal);
        assert_eq!(read("1,700,000"), (1_700_000.0, 9, NumStyle::EnGrouped));
        // one comma group reads as a Vietnamese decimal: 1,700 is 1,7
        assert_eq!(read("1,700").2, NumStyle::ViDecimal);
    }

    #[test]
    fn a_group_must_have_three_digits() {
        // 1.7000 is not 1.700 followed by 0
        assert_eq!(read("1.7000").2, NumStyle::EnDecimal);
        assert_eq!(parse_numeral("1.2.3.4.5"), None);
    }

    #[test]
    fn precision_is_half_the_last_digit() {
        let n = parse_numeral("36,6").expect("36,6");
        assert!((n.half_unit() - 0.05).abs() < 1e-12);
        assert!((parse_numeral("8,02").expect("8,02").half_unit() - 0.005).abs() < 1e-12);
    }

    #[test]
    fn absurdly_long_runs_are_refused() {
        let long = "9".repeat(5000);
        assert_eq!(parse_numeral(&long), None);
        assert!(parse_numeral(&"9".repeat(MAX_DIGITS)).is_some());
    }
}
