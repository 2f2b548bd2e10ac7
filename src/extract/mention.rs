//! Reading one quantity at a position of a block: a hedge, a figure in digits or words,
//! scale words, a range or fraction, and its unit. What a figure means in its sentence
//! (subject, time, role) is `context`'s job.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::date::{self, DateMatch};
use super::lexwords::{LINK_WORDS, RANK_CUES, is_stop_word};
use super::number::{NumStyle, Numeral, parse_numeral};
use super::prefilter::{Prefilters, Tables};
use super::words::{parse_number_words, parse_scale_words};
use crate::claim::{Bound, Interval, Kind, Value};
use crate::rules::{HedgeShape, HedgeSpec, Lexicon, UnitMeaning};
use crate::text::{self, lower_str as lowercase};
use crate::time::{TimeExpr, TimePoint};

/// A quantity found in a block, before its sentence is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The whole mention in block coordinates, hedge and unit included.
    pub range: Range<usize>,
    /// Where the figure itself starts (after any hedge).
    pub figure_start: usize,
    pub kind: Kind,
    pub value: Value,
    pub interval: Interval,
    pub bound: Bound,
    pub unit: Option<String>,
    /// The counted noun after a count (`quốc gia` in `193 quốc gia`).
    pub noun: Option<String>,
    /// The whole of a fraction or rank (`63` in `42/63`, `120` in `45 trên tổng số 120`).
    pub whole: Option<f64>,
    /// The power of ten the scale words applied (`tỷ` is 9), so a slipped scale word can be named.
    pub scale_exp: i32,
    /// Byte offset in the block where reading the context to the right starts.
    pub tail: usize,
}

/// The result of looking at one position.
pub enum Step {
    Found(Mention),
    /// Nothing to report here; continue at this offset.
    Skip(usize),
    /// Not a figure; continue at the next word.
    Pass,
}

/// Document identifiers (`34-NQ/TW`, `2013/QĐ-TTg`, `250/2025/QH15`, `01-ĐA/TW`).
/// The regular expressions are what the patterns mean; `is_ident`, `is_clock` and
/// `is_section` read the ASCII digits and Latin capitals of real text by hand and leave
/// only other characters to them (compiling the three was 4 % of a run on the seeds).
static IDENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,5}(?:/\d{4})?[/-]\p{Lu}").unwrap_or_else(|_| unreachable!())
});
/// Times of day (`01:26:54`, `10:30`).
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}:\d{2}").unwrap_or_else(|_| unreachable!()));
/// Section numbers at the start of a line (`2.1.4.`, `3.1:`, `1.1 Tình hình`, `2.`).
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}(?:\.\d{1,2})*(?:\.|:|\))?$").unwrap_or_else(|_| unreachable!())
});

/// What a hand-written matcher found: the answer, or a character it leaves to the regex.
enum Quick {
    Is(bool),
    Unsure,
}

/// The ASCII digits at the start of `b`, and whether a non-ASCII character (perhaps a
/// digit of another script, which `\d` takes) follows them.
fn ascii_digits(b: &[u8]) -> (usize, bool) {
    let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (d, b.get(d).is_some_and(|&c| c >= 0x80))
}

/// `\p{Lu}` for the character starting at byte `at` of `s`: ASCII and the Latin letters
/// (U+00C0..U+024F, U+1E00..U+1EFF, where upper case letters are exactly `Lu`) by
/// `text::is_uppercase`; anything else is left to the regex.
fn upper_letter_at(s: &str, at: usize) -> Quick {
    match s.get(at..).and_then(|r| r.chars().next()) {
        None => Quick::Is(false),
        Some(c) if matches!(c as u32, 0..=0x7f | 0xc0..=0x24f | 0x1e00..=0x1eff) => {
            Quick::Is(text::is_uppercase(c))
        }
        Some(_) => Quick::Unsure,
    }
}

/// `IDENT` on `tok`, by hand where it can tell.
fn quick_ident(tok: &str) -> Quick {
    let b = tok.as_bytes();
    let (d, unsure) = ascii_digits(b);
    if unsure {
        return Quick::Unsure;
    }
    // with more than five digits, every shorter run is followed by a digit
    if d == 0 || d > 5 {
        return Quick::Is(false);
    }
    // `/dddd` then `/` or `-`, then a capital
    if b.get(d) == Some(&b'/') {
        let (y, unsure) = ascii_digits(b.get(d + 1..).unwrap_or(&[]));
        if unsure && y < 4 {
            return Quick::Unsure;
        }
        if y == 4 && matches!(b.get(d + 5), Some(b'/' | b'-')) {
            match upper_letter_at(tok, d + 6) {
                Quick::Is(true) => return Quick::Is(true),
                Quick::Unsure => return Quick::Unsure,
                Quick::Is(false) => {}
            }
        }
    }
    // or `/` or `-` right after the digits, then a capital
    if matches!(b.get(d), Some(b'/' | b'-')) {
        return upper_letter_at(tok, d + 1);
    }
    Quick::Is(false)
}

/// `CLOCK` on `tok`, by hand where it can tell.
fn quick_clock(tok: &str) -> Quick {
    let b = tok.as_bytes();
    let (h, unsure) = ascii_digits(b);
    if unsure {
        return Quick::Unsure;
    }
    if h == 0 || h > 2 || b.get(h) != Some(&b':') {
        return Quick::Is(false);
    }
    let (m, unsure) = ascii_digits(b.get(h + 1..).unwrap_or(&[]));
    if unsure && m < 2 {
        return Quick::Unsure;
    }
    Quick::Is(m >= 2)
}

/// `SECTION` on an ASCII `bare`: groups of one or two digits joined by dots, then
/// perhaps one of `.` `:` `)`, and nothing else.
fn quick_section(bare: &str) -> Quick {
    if !bare.is_ascii() {
        return Quick::Unsure;
    }
    let b = bare.as_bytes();
    let mut i = 0;
    loop {
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || d > 2 {
            return Quick::Is(false);
        }
        i += d;
        match b.get(i) {
            None => return Quick::Is(true),
            Some(b'.') if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            Some(b'.' | b':' | b')') => return Quick::Is(i + 1 == b.len()),
            Some(_) => return Quick::Is(false),
        }
    }
}

/// Whether `tok` starts with a document identifier.
fn is_ident(tok: &str) -> bool {
    match quick_ident(tok) {
        Quick::Is(x) => x,
        Quick::Unsure => IDENT.is_match(tok),
    }
}

/// Whether `tok` starts with a time of day.
fn is_clock(tok: &str) -> bool {
    match quick_clock(tok) {
        Quick::Is(x) => x,
        Quick::Unsure => CLOCK.is_match(tok),
    }
}

/// Whether `bare` is a section number.
fn is_section(bare: &str) -> bool {
    match quick_section(bare) {
        Quick::Is(x) => x,
        Quick::Unsure => SECTION.is_match(bare),
    }
}

#[cfg(test)]
thread_local! {
    /// Set by a test to read every number word through `finish`, as before the shortcut.
    static SHORTCUT_OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the weak-word shortcut of `word_at` is switched off (only ever by a test).
fn shortcut_off() -> bool {
    #[cfg(test)]
    {
        SHORTCUT_OFF.with(std::cell::Cell::get)
    }
    #[cfg(not(test))]
    {
        false
    }
}

pub struct Reader<'a> {
    pub t: &'a str,
    pub lex: &'a Lexicon,
    /// Refuse number words that count nothing (`một`, a bare `năm`): in running text they
    /// are words, not figures. Off only when reading a lone figure.
    pub strict: bool,
    /// Cheap refusals for the lexicon lookups (`prefilter`), made once with `lex`.
    pub pre: &'a Prefilters,
}

impl<'a> Reader<'a> {
    /// The lexicon tables behind their filters.
    fn tables(&self) -> Tables<'a> {
        Tables {
            lex: self.lex,
            pre: self.pre,
        }
    }

    /// Look for a quantity starting at `i`, a word start.
    pub fn at(&self, i: usize) -> Step {
        let Some(c) = self.t[i..].chars().next() else {
            return Step::Pass;
        };
        if c.is_ascii_digit()
            || (c == ',' && self.t[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            return self.digits_at(i);
        }
        if text::is_alphabetic(c) || matches!(c, '$' | '€' | '£' | '¥') {
            return self.word_at(i);
        }
        Step::Pass
    }

    fn digits_at(&self, i: usize) -> Step {
        let t = self.t;
        let before = &t[..i];
        let tok_end = token_end(t, i);
        let tok = &t[i..tok_end];
        let mut prev = before.chars().rev();
        match (prev.next(), prev.next()) {
            // glued to a word: COP26, G20, P4G
            (Some(p), _) if text::is_alphanumeric(p) || p == '_' || p == '.' || p == '/' => {
                return Step::Skip(tok_end);
            }
            // COVID-19, Covid-19
            (Some('-' | '–'), Some(q)) if text::is_alphanumeric(q) => return Step::Skip(tok_end),
            _ => {}
        }
        if self
            .lex
            .file_suffixes
            .match_before(tok.trim_end_matches(|c: char| !text::is_alphanumeric(c)))
            .is_some()
            || tok.contains("://")
            || tok.contains("www.")
            || is_ident(tok)
            || is_clock(tok)
        {
            return Step::Skip(tok_end);
        }
        if at_line_start(t, i) {
            let bare = tok.trim_end_matches(',');
            if is_section(bare) && !bare.chars().all(|c| c.is_ascii_digit()) {
                return Step::Skip(tok_end);
            }
        }
        let left = before.trim_end();
        if let Some((cue_start, _)) = self
            .pre
            .rank_cue_may_end(left)
            .then(|| match_any_before(left, RANK_CUES))
            .flatten()
        {
            return self.rank_at(i, cue_start);
        }
        // after `ngày`, `tháng` a date is read before the word can make it noise
        // (`trong hai ngày 10-11/9/2023`; `tháng 12 vừa qua` stays noise)
        let date = date::parse_date(&t[i..]);
        let time_word = || {
            ["ngày", "tháng", "quý", "năm", "Ngày", "Tháng"]
                .iter()
                .any(|w| ends_with_word(left, w))
        };
        if let Some(dm) = date.filter(|_| time_word()) {
            return Step::Found(self.date_mention(i, i, dm));
        }
        if self.tables().noise_before(left) {
            return Step::Skip(numeral_end(t, i));
        }
        if let Some(dm) = date {
            return Step::Found(self.date_mention(i, i, dm));
        }
        let Some(mut n) = parse_numeral(&t[i..]) else {
            return Step::Skip(tok_end);
        };
        // `2 chấm 23`, `1 phẩy 1`: a decimal mark read aloud
        let after = &t[i + n.len..];
        let spoken_decimal = after.starts_with(" phẩy ") || after.starts_with(" chấm ");
        // read again as words only when it is one (reading them was most of the cost here)
        let words = || parse_number_words(&t[i..]);
        if let Some(w) = spoken_decimal
            .then(words)
            .flatten()
            .filter(|w| w.decimals > 0)
        {
            n = Numeral {
                value: w.value,
                decimals: w.decimals,
                len: w.len,
                style: NumStyle::ViDecimal,
                leading_zero: false,
            };
        }
        let dash_minus = before.ends_with('-')
            && before[..before.len() - 1]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
        let lead = if dash_minus {
            i - 1
        } else if ends_with_word(left, "âm") {
            left.len() - "âm".len()
        } else {
            i
        };
        let step = self.figure(lead, i, n, lead != i);
        // `COP 28`, `ASEAN 10`: a count right after an acronym is part of a name
        match step {
            Step::Found(m)
                if before.ends_with(' ')
                    && after_acronym(left)
                    && matches!(m.kind, Kind::Count | Kind::Fraction) =>
            {
                Step::Skip(m.range.end)
            }
            // `Hội nghị Ngoại giao 32`: a bare number after a name is its edition
            Step::Found(m)
                if m.kind == Kind::Count
                    && m.noun.is_none()
                    && m.bound == Bound::Exact
                    && after_name(left) =>
            {
                Step::Skip(m.range.end)
            }
            other => other,
        }
    }

    fn word_at(&self, i: usize) -> Step {
        let t = self.t;
        let rest = &t[i..];
        if let Some(len) = self.tables().idiom_at(rest) {
            return Step::Skip(i + len);
        }
        if let Some(dm) = date::parse_date(rest) {
            return Step::Found(self.date_mention(i, i, dm));
        }
        if let Some(m) = self.vague_at(i) {
            return Step::Found(m);
        }
        if let Some((len, code)) = self.lex.currency_prefix.match_before_figure(rest) {
            let j = skip_spaces(t, i + len);
            if let Some(Step::Found(mut m)) =
                parse_numeral(&t[j..]).map(|n| self.figure(i, j, n, false))
            {
                if m.unit.is_none() || m.kind == Kind::Count {
                    m.unit = Some(code.clone());
                    m.kind = Kind::Money;
                    m.noun = None;
                }
                if m.unit.as_deref() == Some(code.as_str()) {
                    m.figure_start = i;
                    return Step::Found(m);
                }
            }
        }
        let Some(w) = parse_number_words(rest) else {
            return Step::Pass;
        };
        let left = t[..i].trim_end();
        // ordinals (`thứ hai`, `lần thứ tư`) and names (`Ba Lan`, `Hai Bà Trưng`)
        if ends_with_word(left, "thứ") || ends_with_word(left, "Thứ") {
            return Step::Skip(i + w.len);
        }
        let starts_upper = rest.starts_with(text::is_uppercase);
        let next_start = skip_spaces(t, i + w.len);
        if starts_upper && t[next_start..].starts_with(text::is_uppercase) && w.words == 1 {
            return Step::Skip(i + w.len);
        }
        let mut value = w.value;
        let mut end = i + w.len;
        let mut scale_exp = 0;
        if !w.has_scale {
            let j = skip_spaces(t, end);
            if let Some((s, len)) = parse_scale_words(&t[j..]) {
                value *= s;
                scale_exp = exp10(s);
                end = j + len;
            }
        } else {
            // the scale word's power: 7e8 (`bảy trăm triệu`) was written with `triệu`
            scale_exp = (exp10(w.value.abs().max(1.0)) / 3 * 3).clamp(0, 15);
        }
        let half = if w.decimals > 0 {
            0.5 * 10f64.powi(scale_exp - i32::from(w.decimals))
        } else {
            0.0
        };
        let q = Quantity {
            end,
            value,
            decimals: w.decimals,
            half,
            scale_exp,
        };
        let word = &rest[..w.len];
        let weak = w.words == 1 && !w.has_scale && scale_exp == 0;
        let nam = word.eq_ignore_ascii_case("năm") || word == "Năm";
        // a lone `năm` or `một` is kept below only with a unit that `finish` reads after it
        // or after a range: with neither, its reading is not made
        if self.strict
            && weak
            && (nam || value == 1.0)
            && !shortcut_off()
            && self.nothing_measured_after(end)
        {
            return Step::Skip(end);
        }
        let Some(m) = self.finish(i, i, q, None) else {
            return Step::Skip(end);
        };
        let strong_unit = matches!(m.kind, Kind::Money | Kind::Percent | Kind::Ratio);
        if !self.strict {
            return Step::Found(m);
        }
        if weak && nam && !strong_unit {
            return Step::Skip(end);
        }
        if weak && value == 1.0 && !strong_unit && m.kind != Kind::Duration {
            return Step::Skip(end);
        }
        if m.kind == Kind::Count && m.noun.is_none() {
            // a number word with nothing counted is a word, not a figure
            return Step::Skip(end);
        }
        Step::Found(m)
    }

    /// `hàng trăm`, `hàng nghìn`, `hàng chục nghìn`: at least that many.
    fn vague_at(&self, i: usize) -> Option<Mention> {
        let t = self.t;
        let rest = &t[i..];
        let after = rest
            .strip_prefix("hàng ")
            .or_else(|| rest.strip_prefix("Hàng "))?;
        let j = t.len() - after.len();
        let (base, len) = if after.starts_with("chục") {
            (10.0, "chục".len())
        } else if after.starts_with("trăm") {
            (100.0, "trăm".len())
        } else if after.starts_with("vạn") {
            (10_000.0, "vạn".len())
        } else {
            parse_scale_words(after)?
        };
        if t[j + len..].starts_with(text::is_alphanumeric) {
            return None;
        }
        let mut value = base;
        let mut end = j + len;
        let k = skip_spaces(t, end);
        if let Some((s, l)) = parse_scale_words(&t[k..]) {
            value *= s;
            end = k + l;
        }
        let q = Quantity {
            end,
            value,
            decimals: 0,
            half: 0.0,
            scale_exp: exp10(value),
        };
        let mut m = self.finish(i, i, q, None)?;
        m.bound = Bound::AtLeast;
        m.interval = Interval {
            low: Some(value),
            high: None,
        };
        Some(m)
    }

    fn rank_at(&self, i: usize, cue_start: usize) -> Step {
        let t = self.t;
        let Some(n) = parse_numeral(&t[i..]) else {
            return Step::Skip(token_end(t, i));
        };
        let end = i + n.len;
        let mut m = Mention {
            range: cue_start..end,
            figure_start: i,
            kind: Kind::Rank,
            value: Value::Number(n.value),
            interval: Interval::point(n.value),
            bound: Bound::Exact,
            unit: None,
            noun: None,
            whole: None,
            scale_exp: 0,
            tail: end,
        };
        if let Some((whole, wend)) = self.whole_after(end) {
            m.whole = Some(whole);
            m.range.end = wend;
            m.tail = wend;
        }
        // `nhóm 40 nền kinh tế`, `45 trên tổng số 120 nước`: what is ranked
        if let Some((noun, nend)) = self.counted_noun(m.range.end) {
            m.noun = Some(noun);
            m.range.end = nend;
            m.tail = nend;
        }
        Step::Found(m)
    }

    fn date_mention(&self, start: usize, figure_start: usize, dm: DateMatch) -> Mention {
        let end = start + dm.len;
        Mention {
            range: start..end,
            figure_start,
            kind: Kind::Date,
            value: Value::Time(dm.expr),
            interval: Interval {
                low: None,
                high: None,
            },
            bound: if dm.expr.end.is_some() {
                Bound::Range
            } else {
                Bound::Exact
            },
            unit: None,
            noun: None,
            whole: None,
            scale_exp: 0,
            tail: end,
        }
    }

    /// A figure in digits at `i`, written from `lead` (a minus sign, `âm` or a currency
    /// before it): suffix letters, scale words, then the rest.
    fn figure(&self, lead: usize, i: usize, n: Numeral, negative: bool) -> Step {
        let t = self.t;
        let q = self.quantity_after_numeral(i, n);
        let Some(mut q) = q else {
            return Step::Skip(numeral_end(t, i));
        };
        if negative {
            q.value = -q.value;
        }
        // `2 con số` (double-digit) and other idioms starting after the figure
        let j = skip_spaces(t, q.end);
        if self.tables().idiom_at(&t[j..]).is_some() {
            return Step::Skip(q.end);
        }
        match self.finish(lead, i, q, Some(n)) {
            Some(m) => Step::Found(m),
            None => Step::Skip(numeral_end(t, i)),
        }
    }

    fn quantity_after_numeral(&self, i: usize, n: Numeral) -> Option<Quantity> {
        let t = self.t;
        let mut end = i + n.len;
        let mut value = n.value;
        let mut scale_exp = 0;
        // `100K`, `1,2M`, `,0012G`
        let suffix = t[end..].chars().next();
        let after_suffix = t[end..].chars().nth(1);
        if let Some(s @ ('K' | 'k' | 'M' | 'G')) = suffix {
            if !after_suffix.is_some_and(text::is_alphanumeric) {
                scale_exp = match s {
                    'K' | 'k' => 3,
                    'M' => 6,
                    _ => 9,
                };
                end += 1;
            }
        } else if suffix.is_some_and(text::is_alphabetic) && !self.unit_glued(end) {
            // `4G`, `5ha` are names or units we do not read
            return None;
        }
        if scale_exp == 0 {
            let j = skip_spaces(t, end);
            if let Some((s, len)) = parse_scale_words(&t[j..]) {
                scale_exp = exp10(s);
                end = j + len;
            }
        }
        value = scaled(value, n.decimals, scale_exp).unwrap_or(value * 10f64.powi(scale_exp));
        if !value.is_finite() {
            return None;
        }
        let half = if n.decimals > 0 || scale_exp > 0 {
            n.half_unit() * 10f64.powi(scale_exp)
        } else {
            0.0
        };
        // an English decimal with no unit is a version or section: `4.0`
        if n.style == NumStyle::EnDecimal && scale_exp == 0 && !self.unit_follows(end) {
            return None;
        }
        Some(Quantity {
            end,
            value,
            decimals: n.decimals,
            half,
            scale_exp,
        })
    }

    /// Whether a quantity ending at `end` can have no unit in `finish`: no unit follows
    /// it, and no range that could bring one (`range_after` reads one only after a dash,
    /// `đến`, `tới` or `và`). Its kind is then a count, a fraction or a date.
    fn nothing_measured_after(&self, end: usize) -> bool {
        let trimmed = self.t[end..].trim_start_matches(' ');
        let range_may_follow = trimmed.starts_with(['-', '–'])
            || ["đến ", "tới ", "và "]
                .iter()
                .any(|c| trimmed.starts_with(c));
        !range_may_follow && self.unit_at(end).is_none()
    }

    fn unit_glued(&self, end: usize) -> bool {
        self.tables().unit_at(&self.t[end..]).is_some()
    }

    fn unit_follows(&self, end: usize) -> bool {
        let j = skip_spaces(self.t, end);
        self.tables().unit_at(&self.t[j..]).is_some()
    }

    /// Ranges, fractions, units, hedges and the counted noun around a quantity.
    fn finish(&self, lead: usize, i: usize, q: Quantity, n: Option<Numeral>) -> Option<Mention> {
        let t = self.t;
        let mut end = q.end;
        let mut unit = self.unit_at(end);
        if let Some((_, e)) = &unit {
            end = *e;
        }
        let mut kind = unit.as_ref().map_or(Kind::Count, |(u, _)| kind_of(u));
        let mut value = q.value;
        let mut interval = Interval {
            low: Some(q.value - q.half),
            high: Some(q.value + q.half),
        };
        if kind == Kind::Percent && q.half == 0.0 && n.is_some() {
            // whole percentages are rounded figures
            interval = Interval {
                low: Some(value - 0.5),
                high: Some(value + 0.5),
            };
        }
        let mut bound = Bound::Exact;
        let mut whole = None;
        let mut start = lead;
        let left = t[..lead].trim_end();
        // cents after an amount: `2 đô la và 23 xen`
        if let Some((cents, cend)) = (kind == Kind::Money)
            .then(|| self.minor_after(end))
            .flatten()
        {
            value += cents / 100.0;
            interval = Interval::point(value);
            end = cend;
        }
        // the hedge before the figure, looked up once: a range reads it, and unless a
        // range opener moves the start, it is the hedge of the mention
        let hedge_at_lead = self.tables().hedge_before(left);
        let approx = hedge_at_lead.is_some_and(|(_, h)| h.shape == HedgeShape::Around);
        // ranges: `1.000-2.000`, `từ 1.000 đến 2.000`, `giữa 1.000 và 2.000`
        if let Some((q2, unit2, rend, opener)) = self.range_after(end, left, unit.is_some(), approx)
        {
            let mut lo_q = q;
            if lo_q.scale_exp == 0 && q2.scale_exp > 0 && unit.is_none() {
                lo_q.value = scaled(lo_q.value, lo_q.decimals, q2.scale_exp).unwrap_or(lo_q.value);
                lo_q.half *= 10f64.powi(q2.scale_exp);
            }
            if unit.is_none() {
                unit = unit2;
                kind = unit.as_ref().map_or(Kind::Count, |(u, _)| kind_of(u));
            }
            value = lo_q.value;
            interval = Interval {
                low: Some(lo_q.value - lo_q.half),
                high: Some(q2.value + q2.half),
            };
            bound = Bound::Range;
            end = rend;
            if let Some(o) = opener {
                start = o;
            }
        }
        // fractions: `42/63`, `6 trong 7`, `45 trên tổng số 120`
        if let Some((w, wend)) = self
            .whole_after(end)
            .filter(|_| bound == Bound::Exact && kind == Kind::Count)
        {
            // `31/10`, `2/9`: a day and month, unless a listed noun says it counts (`6/7 cơ chế`)
            let slash = t[end..].starts_with('/');
            let day_month = slash && (1.0..=31.0).contains(&value) && (1.0..=12.0).contains(&w);
            if day_month && value.fract() == 0.0 && !self.listed_noun_at(wend) {
                let point = TimePoint::DayMonth {
                    month: w as u8,
                    day: value as u8,
                };
                let dm = DateMatch {
                    expr: TimeExpr::point(point),
                    len: wend - i,
                    keyword: None,
                };
                return Some(self.date_mention(i, i, dm));
            }
            whole = Some(w);
            kind = Kind::Fraction;
            end = wend;
        }
        // `gấp 2,5 lần`; `3 lần` without `gấp` is a count of times
        if kind == Kind::Ratio
            && !(ends_with_word(left, "gấp")
                || ends_with_word(left, "tăng")
                || ends_with_word(left, "giảm"))
        {
            kind = Kind::Count;
        }
        let hedge = if start == lead {
            hedge_at_lead
        } else {
            self.tables().hedge_before(t[..start].trim_end())
        };
        match hedge {
            Some((hstart, spec)) if bound == Bound::Exact => {
                start = hstart;
                (bound, interval) = hedged(*spec, value, q.half);
            }
            // `khoảng 1.000-2.000`: an approximate range stays a range
            Some((hstart, spec)) if spec.shape == HedgeShape::Around => start = hstart,
            _ => {}
        }
        let j = skip_spaces(t, end);
        if let Some((len, spec)) = self.tables().suffix_hedge_at(&t[j..]) {
            (bound, interval) = hedged(*spec, value, q.half);
            end = j + len;
            if ends_with_word(left, "từ") {
                start = left.len() - "từ".len();
            }
        }
        let unit_text = unit.map(|(u, _)| match u {
            UnitMeaning::Currency(code) => code,
            UnitMeaning::Percent => "%".to_string(),
            UnitMeaning::Points => "pp".to_string(),
            UnitMeaning::Duration(w) => w,
            UnitMeaning::Ratio => "lần".to_string(),
            UnitMeaning::Minor => "cent".to_string(),
        });
        let (noun, tail) = match kind {
            Kind::Count | Kind::Fraction | Kind::Rank => match self.counted_noun(end) {
                Some((noun, nend)) => (Some(noun), nend),
                None => (None, end),
            },
            _ => (None, end),
        };
        let unit_text = if kind == Kind::Count || kind == Kind::Fraction {
            noun.clone().or(unit_text)
        } else {
            unit_text
        };
        // the counted noun is the unit of a count: `193 quốc gia`
        if noun.is_some() {
            end = tail;
        }
        Some(Mention {
            range: start..end,
            figure_start: i,
            kind,
            value: Value::Number(value),
            interval,
            bound,
            unit: unit_text,
            noun,
            whole,
            scale_exp: q.scale_exp,
            tail,
        })
    }

    /// The counted noun after a figure: the longest listed in rules/nouns.toml, else the
    /// next one or two lower-case syllables that are not function words.
    fn counted_noun(&self, end: usize) -> Option<(String, usize)> {
        let t = self.t;
        let j = skip_spaces(t, end);
        if j == end && j < t.len() {
            return None;
        }
        if let Some(len) = self.tables().counted_noun_at(&t[j..]) {
            return Some((lowercase(&t[j..j + len]), j + len));
        }
        let first = word_at(t, j);
        let plain = |w: &str| {
            !w.is_empty()
                && w.chars().all(text::is_alphabetic)
                && !w.starts_with(text::is_uppercase)
                && !is_stop_word(w)
        };
        if !plain(first) {
            return None;
        }
        let mut noun_end = j + first.len();
        let k = skip_spaces(t, noun_end);
        let second = word_at(t, k);
        if k == noun_end + 1 && plain(second) {
            noun_end = k + second.len();
        }
        Some((t[j..noun_end].to_string(), noun_end))
    }

    fn listed_noun_at(&self, end: usize) -> bool {
        let j = skip_spaces(self.t, end);
        j > end && self.tables().counted_noun_at(&self.t[j..]).is_some()
    }

    fn unit_at(&self, end: usize) -> Option<UnitAt> {
        let t = self.t;
        let j = skip_spaces(t, end);
        let (len, u) = self.tables().unit_at(&t[j..])?;
        // `đồng chí`, `đồng thời`: a word that starts with a unit is not that unit
        if matches!(u, UnitMeaning::Currency(_)) {
            let k = skip_spaces(t, j + len);
            let next = word_at(t, k);
            if matches!(
                next,
                "chí" | "thời" | "bào" | "hành" | "lòng" | "ý" | "tình" | "minh" | "bộ"
            ) {
                return None;
            }
        }
        Some((u.clone(), j + len))
    }

    fn minor_after(&self, end: usize) -> Option<(f64, usize)> {
        let t = self.t;
        let mut j = skip_spaces(t, end);
        if let Some(rest) = t[j..].strip_prefix("và ") {
            j = skip_spaces(t, t.len() - rest.len());
        }
        let (cents, len) = match parse_numeral(&t[j..]) {
            Some(n) if n.style == NumStyle::Plain && n.len <= 2 => (n.value, n.len),
            _ => {
                let w = parse_number_words(&t[j..])?;
                (w.value, w.len)
            }
        };
        if cents >= 100.0 {
            return None;
        }
        let k = skip_spaces(t, j + len);
        match self.tables().unit_at(&t[k..]) {
            Some((mlen, UnitMeaning::Minor)) => Some((cents, k + mlen)),
            _ if t[j + len..].trim_start().is_empty() => Some((cents, j + len)),
            _ => None,
        }
    }

    /// A range after the quantity ending at `end`; `left` is the text before it, and
    /// `approx` whether that ends with a hedge of shape `Around`.
    fn range_after(
        &self,
        end: usize,
        left: &str,
        has_unit: bool,
        approx: bool,
    ) -> Option<(Quantity, Option<UnitAt>, usize, Option<usize>)> {
        let t = self.t;
        let rest = &t[end..];
        let trimmed = rest.trim_start_matches(' ');
        let mut j = end + (rest.len() - trimmed.len());
        let dash = trimmed.starts_with('-') || trimmed.starts_with('–');
        let mut opener = None;
        if dash && (rest.len() == trimmed.len() || !has_unit) {
            j += trimmed.chars().next().map_or(0, char::len_utf8);
        } else {
            let word_before = |w: &str| (ends_with_word(left, w)).then(|| left.len() - w.len());
            let from = word_before("từ").or_else(|| word_before("Từ"));
            let between = word_before("giữa").or_else(|| word_before("Giữa"));
            let conn = if from.is_some() || approx {
                opener = from;
                ["đến ", "tới "]
                    .into_iter()
                    .find(|c| trimmed.starts_with(c))
            } else if between.is_some() {
                opener = between;
                trimmed.starts_with("và ").then_some("và ")
            } else {
                None
            }?;
            j += conn.len();
        }
        let j = skip_spaces(t, j);
        let (q2, _) = match parse_numeral(&t[j..]) {
            Some(n) => (self.quantity_after_numeral(j, n)?, ()),
            None => {
                let w = parse_number_words(&t[j..])?;
                let q = Quantity {
                    end: j + w.len,
                    value: w.value,
                    decimals: w.decimals,
                    half: 0.0,
                    scale_exp: 0,
                };
                (q, ())
            }
        };
        let unit2 = self.unit_at(q2.end);
        let rend = unit2.as_ref().map_or(q2.end, |(_, e)| *e);
        Some((q2, unit2, rend, opener))
    }

    /// `/63`, ` trong 7`, ` trên tổng số 120`, ` trong tổng số 7` after a figure.
    fn whole_after(&self, end: usize) -> Option<(f64, usize)> {
        let t = self.t;
        let rest = &t[end..];
        let j = if let Some(r) = rest.strip_prefix('/') {
            t.len() - r.len()
        } else {
            let r = rest.strip_prefix(' ')?;
            let r = [
                "trên tổng số ",
                "trong tổng số ",
                "trong số ",
                "trên ",
                "trong ",
            ]
            .into_iter()
            .find_map(|p| r.strip_prefix(p))?;
            t.len() - r.len()
        };
        let n = parse_numeral(&t[j..])?;
        if n.style != NumStyle::Plain && n.style != NumStyle::ViGrouped {
            return None;
        }
        let e = j + n.len;
        if t[e..].starts_with(|c: char| text::is_alphanumeric(c) || c == '/' || c == '-') {
            return None;
        }
        Some((n.value, e))
    }
}

/// A unit and the offset where it ends.
type UnitAt = (UnitMeaning, usize);

/// A figure with its scale applied, before units.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    end: usize,
    value: f64,
    /// Digits written after the decimal mark.
    decimals: u8,
    /// Half a unit of the last written digit, scaled.
    half: f64,
    scale_exp: i32,
}

fn kind_of(u: &UnitMeaning) -> Kind {
    match u {
        UnitMeaning::Currency(_) | UnitMeaning::Minor => Kind::Money,
        UnitMeaning::Percent | UnitMeaning::Points => Kind::Percent,
        UnitMeaning::Duration(_) => Kind::Duration,
        UnitMeaning::Ratio => Kind::Ratio,
    }
}

/// The interval a hedge gives a written value with precision `half`.
fn hedged(spec: HedgeSpec, v: f64, half: f64) -> (Bound, Interval) {
    let w = spec.width.abs();
    let (lo, hi) = (v - half, v + half);
    let interval = match spec.shape {
        HedgeShape::Around => Interval {
            low: Some(lo.min(v - v.abs() * w)),
            high: Some(hi.max(v + v.abs() * w)),
        },
        HedgeShape::Below => Interval {
            low: Some(lo.min(v - v.abs() * w)),
            high: Some(hi),
        },
        HedgeShape::Above => Interval {
            low: Some(v),
            high: None,
        },
        HedgeShape::From => Interval {
            low: Some(v),
            high: None,
        },
        HedgeShape::Under => Interval {
            low: None,
            high: Some(v),
        },
        HedgeShape::Upto => Interval {
            low: None,
            high: Some(hi),
        },
    };
    (spec.bound, interval)
}

/// `m × 10^e` computed with one rounding, from the digits' value and decimals.
fn scaled(value: f64, decimals: u8, exp: i32) -> Option<f64> {
    let mantissa = (value * 10f64.powi(i32::from(decimals))).round();
    if mantissa.abs() > 9.0e15 {
        return None;
    }
    let e = exp - i32::from(decimals);
    Some(if e >= 0 {
        mantissa * 10f64.powi(e)
    } else {
        mantissa / 10f64.powi(-e)
    })
}

fn exp10(scale: f64) -> i32 {
    if scale > 0.0 {
        scale.log10().round() as i32
    } else {
        0
    }
}

/// The word starting at `i` (letters and digits).
pub fn word_at(t: &str, i: usize) -> &str {
    let rest = &t[i..];
    &rest[..text::word_len(rest)]
}

pub fn skip_spaces(t: &str, i: usize) -> usize {
    let rest = &t[i..];
    i + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// End of the run of non-space characters at `i`.
fn token_end(t: &str, i: usize) -> usize {
    let rest = &t[i..];
    i + rest.find(char::is_whitespace).unwrap_or(rest.len())
}

/// End of the digits and separators at `i`.
fn numeral_end(t: &str, i: usize) -> usize {
    let rest = &t[i..];
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    i + len.max(1).min(rest.len())
}

fn at_line_start(t: &str, i: usize) -> bool {
    t[..i]
        .chars()
        .rev()
        .find(|c| *c != ' ' && *c != '\t')
        .is_none_or(|c| c == '\n')
}

/// Whether the last word of `left` is an acronym (`COP`, `APEC`), two or more capitals.
fn after_acronym(left: &str) -> bool {
    let last = left
        .rsplit(|c: char| !text::is_alphanumeric(c))
        .next()
        .unwrap_or("");
    last.chars().nth(1).is_some() && last.chars().all(text::is_uppercase)
}

/// Whether `left` ends inside a capitalised name (`Hội nghị Ngoại giao`): one of its last
/// two words is capitalised, it is not where a sentence starts, and the last word is not a
/// verb or preposition that introduces a figure (`Việt Nam lên 77`).
fn after_name(left: &str) -> bool {
    let words: Vec<&str> = left.rsplit(' ').take(3).collect();
    let Some(last) = words.first() else {
        return false;
    };
    if LINK_WORDS.contains(last) || !last.chars().all(text::is_alphabetic) {
        return false;
    }
    let capital = |w: &&str| w.starts_with(text::is_uppercase) && w.chars().any(text::is_lowercase);
    words.len() == 3 && words[..2].iter().any(capital)
}

/// Whether `left` ends with the whole word(s) `w`, case-sensitive.
pub fn ends_with_word(left: &str, w: &str) -> bool {
    // the last byte first: most calls fail there, without comparing the rest
    if w.as_bytes()
        .last()
        .is_some_and(|z| left.as_bytes().last() != Some(z))
    {
        return false;
    }
    left.ends_with(w)
        && left[..left.len() - w.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !text::is_alphanumeric(c))
}

/// The longest of `phrases` that `left` ends with, as whole words, case-insensitively.
fn match_any_before(left: &str, phrases: &[&str]) -> Option<(usize, usize)> {
    // the lower case of `left` ends with the lower case of its last character: when that
    // is one character (all Latin letters but `İ`) and ends no phrase, nothing matches
    if let Some(c) = left.chars().next_back()
        && matches!(c as u32, 0..=0x12f | 0x131..=0x24f | 0x1e00..=0x1eff)
        && !phrases.iter().any(|p| p.ends_with(text::lower(c)))
    {
        return None;
    }
    let mut cut = left.len().saturating_sub(32);
    while !left.is_char_boundary(cut) {
        cut += 1;
    }
    // the tail lower-cased on the stack when it can be (nearly always)
    let mut buf = [0u8; 128];
    let owned;
    let lower = match crate::text::lower_into(&left[cut..], &mut buf)
        .and_then(|l| std::str::from_utf8(l).ok())
    {
        Some(l) => l,
        None => {
            owned = lowercase(&left[cut..]);
            owned.as_str()
        }
    };
    let mut best: Option<(usize, usize)> = None;
    for p in phrases {
        if ends_with_word(lower, p) && best.is_none_or(|(_, l)| p.len() > l) {
            best = Some((left.len() - p.len(), p.len()));
        }
    }
    best.filter(|(s, _)| left.is_char_boundary(*s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `Reader::at` gives, in a form that compares.
    fn step_of(r: &Reader, i: usize) -> (u8, usize, Option<Mention>) {
        match r.at(i) {
            Step::Found(m) => (0, 0, Some(m)),
            Step::Skip(j) => (1, j, None),
            Step::Pass => (2, 0, None),
        }
    }

    /// Reading at every word start of `t` with the weak-word shortcut and without it;
    /// returns how many of them are skipped.
    fn same_without_shortcut(x: &crate::extract::Extractor, t: &str) -> usize {
        let reader = Reader {
            t,
            lex: &x.lex,
            strict: true,
            pre: &x.pre,
        };
        let mut skips = 0;
        let mut prev: Option<char> = None;
        for (i, c) in t.char_indices() {
            let word_start = !prev.is_some_and(text::is_alphanumeric);
            prev = Some(c);
            if !word_start || !(text::is_alphabetic(c) || c.is_ascii_digit()) {
                continue;
            }
            let fast = step_of(&reader, i);
            SHORTCUT_OFF.with(|s| s.set(true));
            let plain = step_of(&reader, i);
            SHORTCUT_OFF.with(|s| s.set(false));
            assert_eq!(fast, plain, "{i} in {t:?}");
            skips += usize::from(fast.0 == 1);
        }
        skips
    }

    /// The weak-word shortcut changes no reading, at any word start of any project text
    /// or of odd texts.
    #[test]
    fn weak_word_shortcut_changes_nothing() {
        let x = crate::extract::Extractor::new(
            &crate::rules::RuleSet::embedded().expect("embedded rules"),
        );
        let mut skips = 0;
        for t in crate::testing::project_texts() {
            skips += same_without_shortcut(&x, &t);
        }
        assert!(skips > 1000, "{skips}");
        for t in [
            "",
            "năm",
            "một",
            "Năm %",
            "năm phần trăm",
            "một đô la",
            "một - hai tỷ đồng",
            "từ một đến hai triệu đồng",
            "giữa một và hai %",
            "một– năm lần",
            "gấp năm lần",
            "một năm",
            "năm\u{a0}%",
            "một\u{200b} USD",
            "năm 2024",
            "một 99999999999999999999999 tỷ",
            "khoảng một đến hai",
            "một/hai",
            "NĂM USD",
        ] {
            same_without_shortcut(&x, t);
        }
    }

    /// Each hand-written matcher says what its regex says, or leaves it to it.
    fn agree(tok: &str) {
        if let Quick::Is(x) = quick_ident(tok) {
            assert_eq!(x, IDENT.is_match(tok), "ident {tok:?}");
        }
        if let Quick::Is(x) = quick_clock(tok) {
            assert_eq!(x, CLOCK.is_match(tok), "clock {tok:?}");
        }
        if let Quick::Is(x) = quick_section(tok) {
            assert_eq!(x, SECTION.is_match(tok), "section {tok:?}");
        }
        assert_eq!(is_ident(tok), IDENT.is_match(tok), "{tok:?}");
        assert_eq!(is_clock(tok), CLOCK.is_match(tok), "{tok:?}");
        assert_eq!(is_section(tok), SECTION.is_match(tok), "{tok:?}");
    }

    #[test]
    fn identifiers_clocks_and_sections_by_hand() {
        for tok in [
            "34-NQ/TW",
            "2013/QĐ-TTg",
            "250/2025/QH15",
            "01-ĐA/TW",
            "12/2023",
            "123456/A",
            "12345/B",
            "1/2023-x",
            "1/2023-X",
            "1/202٣-X",
            "1٣/A",
            "7/Ⅰ",
            "7/ⅰ",
            "7-Dž",
            "7-DŽ",
            "7-Ǆ",
            "10:30",
            "01:26:54",
            "1:5",
            "123:45",
            "1:٣٤",
            "2.1.4.",
            "3.1:",
            "2.",
            "2",
            "1.1)",
            "1..2",
            "1.123",
            "123",
            "2.1.",
            "2.1.4.x",
            "",
            ",5",
            "5/ Ả",
            "5/Ả",
        ] {
            agree(tok);
        }
        assert!(quick_ident("01-ĐA/TW").is_true());
        assert!(quick_clock("01:26:54").is_true());
        assert!(quick_section("2.1.4.").is_true());
        assert!(matches!(quick_ident("1٣/A"), Quick::Unsure));
    }

    /// The tokens the reader looks at in every text the project has.
    #[test]
    fn identifiers_clocks_and_sections_on_every_text() {
        let texts = crate::testing::project_texts();
        let mut n = 0;
        for t in &texts {
            for (i, _) in t.char_indices().filter(|&(_, c)| c.is_ascii_digit()) {
                let tok = &t[i..token_end(t, i)];
                agree(tok);
                agree(tok.trim_end_matches(','));
                n += 1;
            }
        }
        assert!(n > 10_000, "{n}");
    }

    /// Where the rank-cue filter refuses, `match_any_before` finds no cue: at every
    /// character boundary of every text the project has (and the filter refuses most).
    #[test]
    fn rank_cue_filter_refuses_only_where_no_cue_ends() {
        let rules = crate::rules::RuleSet::embedded().expect("embedded rules");
        let pre = Prefilters::new(&Lexicon::new(&rules));
        let (mut places, mut refused) = (0usize, 0usize);
        for t in crate::testing::project_texts() {
            for (i, _) in t.char_indices() {
                let left = t[..i].trim_end();
                if !pre.rank_cue_may_end(left) {
                    assert_eq!(match_any_before(left, RANK_CUES), None, "{left:?}");
                    refused += 1;
                }
                places += 1;
            }
        }
        for left in ["xếp thứ", "Xếp Thứ", "TOP", "İ", "nhóm", "ΣΑ hạng"] {
            assert!(pre.rank_cue_may_end(left), "{left:?}");
        }
        assert!(refused * 2 > places, "{refused} of {places}");
    }

    proptest! {
        #[test]
        fn identifiers_clocks_and_sections_on_any_token(
            tok in "[0-9٣०/\\-.:)A-Za-zĐđẢảⅠⅰǅǄⒶ ]{0,14}"
        ) {
            agree(&tok);
        }
    }

    impl Quick {
        fn is_true(&self) -> bool {
            matches!(self, Quick::Is(true))
        }
    }
}
