//! List markers: `Thứ nhất`, `Một là`, `(i)`, `a)`, `1.` and the numbers of Markdown
//! list items, found at the start of blocks and lines and, for the forms that cannot be
//! mistaken for prose, inside running text.
//!
//! `Thứ hai` is an item only where a clause starts (`... . Thứ hai, ...`), never after a
//! word (`lần thứ hai`, `Cuộc gặp thứ hai`), and not as a weekday (`Thứ Hai, ngày 5/2`).

use std::ops::Range;

use crate::document::{Block, BlockKind, Document};

use super::count::Phrases;
use crate::text::{class_at, eq_lower, lower, lower_into, strip_prefix_lower, word_len};

/// How items of one list are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `Thứ nhất`, `Thứ hai`
    Ordinal,
    /// `Một là`, `Hai là`
    La,
    /// `i`, `ii`, `iii`
    Roman,
    /// `a b c d e f`
    Latin,
    /// `a b c d đ e g h`: the Vietnamese alphabet, as legal texts number points
    Viet,
    /// `1 2 3`
    Arabic,
}

/// What surrounds the number: `(i)`, `i)`, `i.`, a Markdown list item, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Delim {
    Paren,
    Close,
    Dot,
    List,
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Style {
    pub family: Family,
    pub delim: Delim,
    pub upper: bool,
    /// Indentation of a Markdown list item: a nested list is another list.
    pub level: u8,
}

/// One reading of a marker: `(i)` is roman 1, or the letter i.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cand {
    pub style: Style,
    pub value: u32,
}

/// Words that stand for a number without being one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Soft {
    /// `Trước hết,`: the first item.
    First,
    /// `Cuối cùng,`: the last item.
    Last,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The readings of the marker; empty for a soft marker.
    pub cands: Vec<Cand>,
    pub soft: Option<Soft>,
    /// Byte range of the marker in `Document::source`.
    pub src: Range<usize>,
    /// Byte offset in `Document::text` (for ordering).
    pub pos: usize,
    /// Index into `Document::blocks`.
    pub block: usize,
    /// At the start of its block or of a line of it.
    pub line_start: bool,
    /// After a comma (`..., hai là ...`): it may continue a list, never open one past
    /// its first item or be reported.
    pub weak: bool,
    /// As written, markup removed (`Thứ tư`, `(v)`).
    pub written: String,
}

/// A Markdown list item's own marker, read from the source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMark {
    /// Columns of indentation before the marker.
    pub indent: usize,
    /// The number of an ordered item.
    pub number: Option<u32>,
    /// `1)` rather than `1.`.
    pub paren: bool,
    /// Byte range of the marker (`-`, `3.`) in the source.
    pub src: Range<usize>,
}

// ---------------------------------------------------------------- number words

/// Canonical lower-case roman numeral of 1..=39.
pub fn to_roman(n: u32) -> String {
    let mut s = String::new();
    let mut n = n;
    for (v, r) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The value of a roman numeral written in canonical form, one case, 1..=39.
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let lower = s.bytes().all(|b| b"ivx".contains(&b));
    let upper = s.bytes().all(|b| b"IVX".contains(&b));
    if !lower && !upper {
        return None;
    }
    let l = s.to_ascii_lowercase();
    (1..=39).find(|&n| to_roman(n) == l)
}

/// Position of a letter in the Latin (`a`..`z`) and in the Vietnamese (`a b c d đ e g h
/// i k l m n o p q r s t u v x y`) alphabets, lower-cased.
pub fn letter(c: char) -> (Option<u32>, Option<u32>) {
    const VIET: &str = "abcdđeghiklmnopqrstuvxy";
    let l = lower(c);
    let latin = l
        .is_ascii_lowercase()
        .then(|| u32::from(l as u8 - b'a') + 1);
    let viet = VIET
        .chars()
        .position(|v| v == l)
        .and_then(|p| u32::try_from(p + 1).ok());
    (latin, viet)
}

/// The letter at a position of an alphabet.
pub fn letter_at(family: Family, n: u32) -> Option<char> {
    const VIET: &str = "abcdđeghiklmnopqrstuvxy";
    let i = usize::try_from(n.checked_sub(1)?).ok()?;
    match family {
        Family::Latin => (b'a'..=b'z').nth(i).map(char::from),
        _ => VIET.chars().nth(i),
    }
}

/// Units of the number words, lower case: the value and the word.
const UNITS: &[(&str, u32)] = &[
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
];

/// Splits the first word off `s` (lower case expected): the word and the rest after it.
fn first_word(s: &str) -> (&str, &str) {
    let end = word_len(s);
    (&s[..end], &s[end..])
}

/// A cardinal number word at the start of `s` (lower case): `hai`, `mười`, `mười lăm`,
/// `hai mươi`; its value and the bytes it takes. 1..=20.
pub fn number_word(s: &str) -> Option<(u32, usize)> {
    let (w, rest) = first_word(s);
    if w == "mười" {
        let base = w.len();
        if let Some(tail) = rest.strip_prefix(' ') {
            let (u, _) = first_word(tail);
            let unit = match u {
                "một" => Some(1),
                "lăm" | "năm" => Some(5),
                "tư" | "bốn" => Some(4),
                _ => UNITS.iter().find(|(x, _)| *x == u).map(|&(_, v)| v),
            };
            if let Some(v) = unit {
                return Some((10 + v, base + 1 + u.len()));
            }
        }
        return Some((10, base));
    }
    let v = UNITS.iter().find(|(x, _)| *x == w).map(|&(_, v)| v)?;
    if v == 2
        && let Some(tail) = rest.strip_prefix(' ')
        && first_word(tail).0 == "mươi"
    {
        return Some((20, w.len() + 1 + "mươi".len()));
    }
    Some((v, w.len()))
}

/// An ordinal word after `thứ` (lower case): `nhất`, `nhì`, `hai`, `tư`, `mười một`;
/// its value and the bytes it takes.
pub fn ordinal_word(s: &str) -> Option<(u32, usize)> {
    let (w, _) = first_word(s);
    match w {
        "nhất" => Some((1, w.len())),
        "nhì" => Some((2, w.len())),
        "tư" => Some((4, w.len())),
        "một" => None,
        _ => number_word(s),
    }
}

/// How `n` is written in a style, capitalised like `like` (`Thứ tư`, `Bốn là`, `(iv)`).
pub fn render(style: Style, n: u32, like: &str) -> String {
    let cap = |s: String| -> String {
        let starts_upper = like.chars().next().is_some_and(char::is_uppercase);
        if !starts_upper {
            return s;
        }
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => s,
        }
    };
    let body = match style.family {
        Family::Ordinal => {
            let w = match n {
                1 => "nhất".to_string(),
                4 => "tư".to_string(),
                _ => cardinal(n),
            };
            return cap(format!("thứ {w}"));
        }
        Family::La => return cap(format!("{} là", cardinal(n))),
        Family::Roman => to_roman(n),
        Family::Latin | Family::Viet => letter_at(style.family, n)
            .map(String::from)
            .unwrap_or_else(|| n.to_string()),
        Family::Arabic => n.to_string(),
    };
    let body = if style.upper {
        body.to_uppercase()
    } else {
        body
    };
    match style.delim {
        Delim::Paren => format!("({body})"),
        Delim::Close => format!("{body})"),
        Delim::Dot | Delim::List => format!("{body}."),
        Delim::Word => body,
    }
}

fn cardinal(n: u32) -> String {
    match n {
        1..=9 => UNITS
            .iter()
            .find(|(_, v)| *v == n)
            .map(|(w, _)| w.to_string())
            .unwrap_or_default(),
        10 => "mười".to_string(),
        11 => "mười một".to_string(),
        14 => "mười bốn".to_string(),
        15 => "mười lăm".to_string(),
        12..=19 => format!("mười {}", cardinal(n - 10)),
        20 => "hai mươi".to_string(),
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------- parsing at a position

/// The lower-cased start of `s` (at most `max` characters), one character for one.
fn lower_window(s: &str, max: usize) -> String {
    let mut w = String::with_capacity(s.len().min(max * 4));
    w.extend(s.chars().take(max).map(lower));
    w
}

/// Whether the first word of `s` is a number word that `number_word` may read (`mười`
/// or a unit), in any case: a cheap test before lower-casing a window. The first two
/// bytes are looked at before the word is measured.
pub fn starts_number_word(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(&x) if !number_words_by_start(x, b.get(1).copied()).is_empty() => {
            is_number_word(&s[..word_len(s)])
        }
        _ => false,
    }
}

/// The number words (`mười` and the units, lower case) a word that starts with the bytes
/// `first`, `second` may be, in any case: those of its first letter, which only the ASCII
/// letter itself lowers to, provided one of them has that second byte (the second
/// character's first byte is the same in either case: `ộ` `Ộ` E1). Empty for most words,
/// which are passed over without being read further: this runs at most words of a text,
/// so it reads two tables (`NUMBER_GROUP`, `NUMBER_SECONDS`) rather than the lists.
#[inline]
pub fn number_words_by_start(first: u8, second: Option<u8>) -> &'static [&'static str] {
    number_group(first, second).map_or(&[], |g| NUMBER_WORDS[g])
}

/// The index in `NUMBER_WORDS` of the words `number_words_by_start` gives, if any.
#[inline]
fn number_group(first: u8, second: Option<u8>) -> Option<usize> {
    let g = usize::from(NUMBER_GROUP[usize::from(first)]).checked_sub(1)?;
    let bits = NUMBER_SECONDS.get(g)?;
    let y = second?.to_ascii_lowercase();
    (bits[usize::from(y / 64)] & (1u64 << (y % 64)) != 0).then_some(g)
}

/// `!number_words_by_start(first, Some(second)).is_empty()`, as a `const fn`, for
/// tables built at compile time (`count::COUNT_STEP`).
pub const fn starts_number_words(first: u8, second: u8) -> bool {
    let g = NUMBER_GROUP[first as usize];
    if g == 0 {
        return false;
    }
    let y = second.to_ascii_lowercase();
    NUMBER_SECONDS[(g - 1) as usize][(y / 64) as usize] & (1u64 << (y % 64)) != 0
}

/// The number words by their first letter, `NUMBER_FIRST`.
const NUMBER_WORDS: [&[&str]; 7] = [
    &["một", "mười"],
    &["hai"],
    &["ba", "bốn", "bảy", "bẩy"],
    &["năm"],
    &["sáu"],
    &["tám"],
    &["chín"],
];
const NUMBER_FIRST: &[u8; 7] = b"mhbnstc";

/// For each byte, 1 + the index in `NUMBER_WORDS` of the words it starts in either
/// case; 0 for none.
const NUMBER_GROUP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut g = 0;
    while g < NUMBER_FIRST.len() {
        let x = NUMBER_FIRST[g];
        t[x as usize] = g as u8 + 1;
        t[x.to_ascii_uppercase() as usize] = g as u8 + 1;
        g += 1;
    }
    t
};

/// For each group of `NUMBER_WORDS`, the lengths in bytes a word written in any case
/// may have to be one of its words, as a set (bit `n` for `n` bytes): a word's own
/// length, and one more when it holds an `i` (`İ`, two bytes, lowers to it; see
/// `is_number_word`). Most words a group's first bytes let through are ruled out by it.
const NUMBER_LENS: [u32; 7] = {
    let mut t = [0u32; 7];
    let mut g = 0;
    while g < NUMBER_WORDS.len() {
        let mut k = 0;
        while k < NUMBER_WORDS[g].len() {
            let w = NUMBER_WORDS[g][k].as_bytes();
            t[g] |= 1 << w.len();
            let mut j = 0;
            while j < w.len() {
                if w[j] == b'i' {
                    t[g] |= 1 << (w.len() + 1);
                }
                j += 1;
            }
            k += 1;
        }
        g += 1;
    }
    t
};

/// For each group of `NUMBER_WORDS`, the second bytes of its words, as a set of bytes.
const NUMBER_SECONDS: [[u64; 4]; 7] = {
    let mut t = [[0u64; 4]; 7];
    let mut g = 0;
    while g < NUMBER_WORDS.len() {
        let mut k = 0;
        while k < NUMBER_WORDS[g].len() {
            let y = NUMBER_WORDS[g][k].as_bytes()[1];
            t[g][(y / 64) as usize] |= 1u64 << (y % 64);
            k += 1;
        }
        g += 1;
    }
    t
};

/// `number_words_by_start` as it was first written, the lists matched on each call.
/// Kept to test the tables against.
#[cfg(test)]
fn number_words_by_start_slow(first: u8, second: Option<u8>) -> &'static [&'static str] {
    let words: &'static [&'static str] = match first.to_ascii_lowercase() {
        b'm' => &["một", "mười"],
        b'h' => &["hai"],
        b'b' => &["ba", "bốn", "bảy", "bẩy"],
        b'n' => &["năm"],
        b's' => &["sáu"],
        b't' => &["tám"],
        b'c' => &["chín"],
        _ => return &[],
    };
    let second = second.map(|x| x.to_ascii_lowercase());
    if words.iter().any(|u| u.as_bytes().get(1).copied() == second) {
        words
    } else {
        &[]
    }
}

/// Whether the word `w` is, in any case, `mười` or a unit (`starts_number_word`): one of
/// the words its first bytes allow, compared in lower case (lowered into a buffer:
/// `eq_lower` on each word costs more, as most words that get here share bytes with one).
pub fn is_number_word(w: &str) -> bool {
    let b = w.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    let Some(g) = number_group(first, b.get(1).copied()) else {
        return false;
    };
    // a word of another length is none of them: each character that lowers to a letter
    // of theirs has that letter's length, but `İ` (two bytes for `i`)
    let n = b.len();
    if n >= 32 || NUMBER_LENS[g] & (1 << n) == 0 {
        return false;
    }
    let words = NUMBER_WORDS[g];
    // one byte more only for an `i` written `İ` (C4 B0): `chính` is no `chín`
    let dotted = || b.windows(2).any(|p| p == [0xc4, 0xb0]);
    let fits =
        |u: &&str| n == u.len() || (n == u.len() + 1 && u.bytes().any(|x| x == b'i') && dotted());
    if !words.iter().any(|u| fits(u) && ascii_agrees(b, u)) {
        return false;
    }
    let mut buf = [0u8; 32];
    match lower_into(w, &mut buf) {
        Some(l) => words.iter().any(|u| u.as_bytes() == l),
        None => words.iter().any(|u| eq_lower(w, u)),
    }
}

/// Whether the word `w` may lower to `u` (a number word) as far as the ASCII bytes of
/// `u` tell: where the two are as long, their letters are (each character that lowers
/// to a letter of `u` has its length but `İ`, which makes `w` longer), so each ASCII
/// byte of `u` stands against a byte of `w` that lowers to it. Most words that get to
/// `is_number_word` (`tác`, `mới`, `chủ`) differ there, and are not lowered.
fn ascii_agrees(w: &[u8], u: &str) -> bool {
    let ub = u.as_bytes();
    w.len() != ub.len()
        || w.iter()
            .zip(ub)
            .all(|(&x, &y)| y >= 0x80 || x.to_ascii_lowercase() == y)
}

/// `is_number_word` as it was first written, its first bytes read in line. Kept to test
/// `number_words_by_start` against.
#[cfg(test)]
fn is_number_word_slow(w: &str) -> bool {
    // the words by their first letter, which only the ASCII letter itself lowers to
    let words: &[&str] = match w.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'm') => &["một", "mười"],
        Some(b'h') => &["hai"],
        Some(b'b') => &["ba", "bốn", "bảy", "bẩy"],
        Some(b'n') => &["năm"],
        Some(b's') => &["sáu"],
        Some(b't') => &["tám"],
        Some(b'c') => &["chín"],
        _ => return false,
    };
    // the second character's first byte is the same in either case (`ộ` `Ộ`: E1)
    let second = w.as_bytes().get(1).map(u8::to_ascii_lowercase);
    if !words.iter().any(|u| u.as_bytes().get(1).copied() == second) {
        return false;
    }
    let mut buf = [0u8; 32];
    match lower_into(w, &mut buf) {
        Some(l) => words.iter().any(|u| u.as_bytes() == l),
        None => words.iter().any(|u| eq_lower(w, u)),
    }
}

/// Bytes of `s` taken by the first `chars` characters.
fn byte_len(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// Maps a byte length in `lower` (from `lower_window(s, ..)`) to one in `s`.
fn orig_len(s: &str, lower: &str, len: usize) -> usize {
    byte_len(s, lower.get(..len).map_or(0, |p| p.chars().count()))
}

/// Where a clause-level marker may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The start of a block or of a line.
    LineStart,
    /// After `.`, `!`, `?` and a space.
    Clause,
    /// After `:` or `;` and a space: inside a list.
    Colon,
    /// After a comma and a space.
    Comma,
    /// After any other space or bracket.
    Other,
}

/// A marker at the start of `s`: its readings, length in bytes, and soft kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub cands: Vec<Cand>,
    pub len: usize,
    pub soft: Option<Soft>,
}

/// Reads a marker at the start of `s`, standing at `at`; `short` says the block is a
/// heading or a short line (where `A.` can number a section).
pub fn parse_at(
    s: &str,
    at: At,
    short: bool,
    soft_first: &[String],
    soft_last: &[String],
) -> Option<Parsed> {
    parse_lowered(s, at, short, &SoftPhrases::new(soft_first, soft_last))
}

/// The soft phrases (`Trước hết`, `Cuối cùng`) in lower case, and their first letters:
/// most places a marker may stand start with none of them, and there the phrases are
/// not tried one by one.
struct SoftPhrases {
    first: Vec<String>,
    last: Vec<String>,
    starts: Phrases,
}

impl SoftPhrases {
    fn new(soft_first: &[String], soft_last: &[String]) -> SoftPhrases {
        let low = |v: &[String]| v.iter().map(|p| p.to_lowercase()).collect::<Vec<_>>();
        let (first, last) = (low(soft_first), low(soft_last));
        let starts = Phrases::new(first.iter().chain(&last).cloned().collect());
        SoftPhrases {
            first,
            last,
            starts,
        }
    }
}

/// `parse_at` with the soft phrases already in lower case.
fn parse_lowered(s: &str, at: At, short: bool, soft: &SoftPhrases) -> Option<Parsed> {
    let first = s.chars().next()?;
    if first == '(' {
        return paren(s, at);
    }
    let clause = matches!(at, At::LineStart | At::Clause | At::Colon);
    if clause && let Some(p) = ordinal(s) {
        return Some(p);
    }
    if at != At::Other
        && let Some(p) = la(s, at)
    {
        return Some(p);
    }
    if clause {
        if let Some(p) = closed(s, at, short) {
            return Some(p);
        }
        // the phrase and what follows it are read within the first 24 characters
        const WINDOW: usize = 24;
        // a phrase `strip_prefix_lower` finds starts with the first character of `s`
        // or its lower case (`Phrases::may_start`)
        if !soft.starts.may_start(s) {
            return None;
        }
        let first_lower = lower(first);
        for (list, kind) in [(&soft.first, Soft::First), (&soft.last, Soft::Last)] {
            for p in list {
                // most phrases start with another letter: passed over by it
                if rules_out_phrase(p, first, first_lower) {
                    continue;
                }
                let Some(len) = strip_prefix_lower(s, p) else {
                    continue;
                };
                let room = WINDOW.saturating_sub(p.chars().count());
                let rest = &s[len..];
                let punct = room >= 1 && rest.starts_with([',', ':']);
                // `Cuối cùng,` closes a list only at a line start; `Trước hết là` may
                // open one anywhere a clause starts
                let ok = if kind == Soft::Last {
                    at == At::LineStart && punct
                } else {
                    punct || (room >= 4 && strip_prefix_lower(rest, " là ").is_some())
                };
                if ok {
                    return Some(Parsed {
                        cands: Vec::new(),
                        len,
                        soft: Some(kind),
                    });
                }
            }
        }
    }
    None
}

/// Whether the phrase `p` (lower case) cannot match (`strip_prefix_lower`) a text whose
/// first character is `first` (lowered: `first_lower`): it starts with another letter.
#[inline]
fn rules_out_phrase(p: &str, first: char, first_lower: char) -> bool {
    p.chars()
        .next()
        .is_some_and(|f| f != first && f != first_lower)
}

/// `Thứ nhất,` / `thứ hai là` / `THỨ BA:`; not `Thứ Hai, ngày 5/2`.
fn ordinal(s: &str) -> Option<Parsed> {
    strip_prefix_lower(s, "thứ ")?;
    let w = lower_window(s, 40);
    let rest = w.strip_prefix("thứ ")?;
    let (value, len) = ordinal_word(rest)?;
    let end = "thứ ".len() + len;
    let after = &w[end..];
    // a weekday: `Thứ Hai` with a capital, or followed by a date
    let orig_word = &s[orig_len(s, &w, "thứ ".len())..];
    let all_caps = s
        .chars()
        .take(3)
        .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if value > 1 && !all_caps && orig_word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let after_t = after.trim_start_matches([',', ' ']);
    if after_t.starts_with("ngày") || after_t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let ok = after.starts_with([',', ':', '.', ';', '-', '–', ')'])
        || after.starts_with(" là")
        || after.starts_with(" -")
        || after.starts_with(" –")
        || after.starts_with(" :");
    if !ok {
        return None;
    }
    Some(Parsed {
        cands: vec![Cand {
            style: Style {
                family: Family::Ordinal,
                delim: Delim::Word,
                upper: false,
                level: 0,
            },
            value,
        }],
        len: orig_len(s, &w, end),
        soft: None,
    })
}

/// `Một là,` / `hai là:`; `một là đổi mới ...` without the comma only inside a list
/// (after `:`, `;` or a comma): `Năm là năm bản lề.` is a sentence.
fn la(s: &str, at: At) -> Option<Parsed> {
    // number words start with one of these letters: most words are not
    let lead = s.as_bytes().first().map(u8::to_ascii_lowercase);
    if !matches!(lead, Some(b'h' | b'b' | b'n' | b's' | b't' | b'c' | b'm'))
        || !starts_number_word(s)
    {
        return None;
    }
    let w = lower_window(s, 30);
    let (value, len) = number_word(&w)?;
    let after = w[len..].strip_prefix(" là")?;
    let bare = matches!(at, At::Colon | At::Comma) && after.starts_with(' ');
    if !(after.starts_with([',', ':']) || bare) {
        return None;
    }
    // `hai là một`: a sentence, not an item
    let end = len + " là".len();
    Some(Parsed {
        cands: vec![Cand {
            style: Style {
                family: Family::La,
                delim: Delim::Word,
                upper: false,
                level: 0,
            },
            value,
        }],
        len: orig_len(s, &w, end),
        soft: None,
    })
}

/// The readings of a bare token (`ii`, `b`, `12`, `đ`) with a delimiter.
fn token_cands(tok: &str, delim: Delim) -> Vec<Cand> {
    let mut out = Vec::new();
    if tok.bytes().all(|b| b.is_ascii_digit()) {
        if tok.len() <= 2
            && let Ok(v) = tok.parse::<u32>()
            && v > 0
        {
            out.push(Cand {
                style: Style {
                    family: Family::Arabic,
                    delim,
                    upper: false,
                    level: 0,
                },
                value: v,
            });
        }
        return out;
    }
    let upper = tok.chars().all(char::is_uppercase);
    if let Some(v) = roman(tok) {
        out.push(Cand {
            style: Style {
                family: Family::Roman,
                delim,
                upper,
                level: 0,
            },
            value: v,
        });
    }
    let mut chars = tok.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let (latin, viet) = letter(c);
        for (family, v) in [(Family::Latin, latin), (Family::Viet, viet)] {
            if let Some(value) = v {
                out.push(Cand {
                    style: Style {
                        family,
                        delim,
                        upper,
                        level: 0,
                    },
                    value,
                });
            }
        }
    }
    out
}

/// `tok.chars().count() > 6`, told by the length in bytes alone when that is at most 6
/// (as many characters at most) or over 24 (more than 6 characters): most tokens are
/// short words, counted without being decoded.
fn more_than_6_chars(tok: &str) -> bool {
    match tok.len() {
        0..=6 => false,
        25.. => true,
        _ => tok.chars().nth(6).is_some(),
    }
}

/// `(i)`, `(a)`, `(1)` followed by a space.
fn paren(s: &str, at: At) -> Option<Parsed> {
    let inner = s.strip_prefix('(')?;
    let close = inner.find(')')?;
    let tok = &inner[..close];
    if tok.is_empty() || more_than_6_chars(tok) {
        return None;
    }
    let after = &inner[close + 1..];
    if !(after.starts_with(' ') || (at == At::LineStart && after.is_empty())) {
        return None;
    }
    // `(1)` inside prose is more often a citation than an item
    if at == At::Other && tok.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cands = token_cands(tok, Delim::Paren);
    if cands.is_empty() {
        return None;
    }
    Some(Parsed {
        cands,
        len: 1 + close + 1,
        soft: None,
    })
}

/// `a)`, `ii)`, `1)` where a clause starts; `a.`, `ii.`, `1.` only at a line start
/// (upper-case `A.` only in a heading or short line; `I.` numbers sections, read with the
/// headings).
fn closed(s: &str, at: At, short: bool) -> Option<Parsed> {
    let end = word_len(s);
    if end == s.len() {
        return None;
    }
    let tok = &s[..end];
    if tok.is_empty() || more_than_6_chars(tok) {
        return None;
    }
    let rest = &s[end..];
    let delim = if rest.starts_with(") ") {
        Delim::Close
    } else if rest.starts_with(". ") && at == At::LineStart {
        Delim::Dot
    } else {
        return None;
    };
    let cands = token_cands(tok, delim);
    if delim == Delim::Dot {
        let upper = tok.chars().all(char::is_uppercase);
        if upper && !short {
            return None;
        }
        // `I.`, `II.` number sections: the heading pass reads them
        if upper && roman(tok).is_some() {
            return None;
        }
        // `A. Guterres`: an initial, unless the block is short
        if upper && tok.chars().count() == 1 && !short {
            return None;
        }
    }
    if cands.is_empty() {
        return None;
    }
    Some(Parsed {
        cands,
        len: end + 1,
        soft: None,
    })
}

// ---------------------------------------------------------------- scanning a document

/// Where a marker may stand after the characters `b1` (just before it) and `b2`: a line
/// start, a clause end, a comma.
fn position_kind(b1: Option<char>, b2: Option<char>) -> Option<At> {
    match b1 {
        None | Some('\n') => Some(At::LineStart),
        Some(' ') => Some(match b2 {
            Some('.' | '!' | '?' | '…') => At::Clause,
            Some(':' | ';') => At::Colon,
            Some(',') => At::Comma,
            _ => At::Other,
        }),
        _ => None,
    }
}

/// Where a marker may start in `t`: its start, after every line break, and after a space
/// that follows a stop, a colon, a semicolon or a comma, or that comes before `(`, in
/// order. Elsewhere `position_kind` gives `At::Other`, where only `(` opens a marker.
#[cfg(test)]
fn candidates(t: &str) -> Vec<usize> {
    let mut bufs = (Vec::new(), Vec::new());
    candidates_into(t, &mut bufs);
    bufs.1
}

/// `candidates` into `out`, with `near` for the places searched: two buffers a caller
/// keeps from one block to the next.
fn candidates_into(t: &str, (near, out): &mut (Vec<usize>, Vec<usize>)) {
    let b = t.as_bytes();
    // the bytes that may stand just before a candidate's space, or just after it (`…`
    // by its last byte, E2 80 A6), by three vector searches, as most bytes are none of
    // them; then in text order, as the loop below reads them
    near.clear();
    near.extend(memchr::memchr3_iter(b'\n', b',', b'.', b));
    near.extend(memchr::memchr3_iter(b':', b';', b'(', b));
    near.extend(memchr::memchr3_iter(b'!', b'?', 0xa6, b));
    near.sort_unstable();
    out.clear();
    if !b.is_empty() {
        out.push(0);
    }
    for &j in near.iter() {
        match b[j] {
            b'\n' => out.push(j + 1),
            b'(' => {
                if j > 0 && b[j - 1] == b' ' && out.last() != Some(&j) {
                    out.push(j);
                }
            }
            _ => {
                if b.get(j + 1) == Some(&b' ') {
                    out.push(j + 2);
                }
            }
        }
    }
    out.retain(|&i| i < b.len());
}

/// `candidates` as it was first written, one byte at a time. Kept to test `candidates`.
#[cfg(test)]
fn candidates_slow(t: &str) -> Vec<usize> {
    let near = |x: u8| b".!?:;,(\n".contains(&x) || x == 0xa6;
    let b = t.as_bytes();
    let mut out = Vec::new();
    if !b.is_empty() {
        out.push(0);
    }
    for (j, &x) in b.iter().enumerate() {
        if !near(x) {
            continue;
        }
        match x {
            b'\n' => out.push(j + 1),
            b'(' => {
                if j > 0 && b[j - 1] == b' ' && out.last() != Some(&j) {
                    out.push(j);
                }
            }
            _ => {
                if b.get(j + 1) == Some(&b' ') {
                    out.push(j + 2);
                }
            }
        }
    }
    out.retain(|&i| i < b.len());
    out
}

/// `t.chars().nth(200).is_none()`: told by the length in bytes alone when that is at
/// most 200 (as many characters at most) or over 800 (more than 200 characters).
fn at_most_200_chars(t: &str) -> bool {
    match t.len() {
        0..=200 => true,
        801.. => false,
        _ => t.chars().nth(200).is_none(),
    }
}

/// `position_kind` of the characters before byte `i` of `t`, a candidate position.
fn kind_at(t: &str, i: usize) -> Option<At> {
    let before = &t[..i];
    let mut back = before.chars().rev();
    let b1 = back.next();
    let b2 = back.next();
    position_kind(b1, b2)
}

/// The Markdown marker of a list item block, from its source line; `None` for a
/// paragraph that continues an item.
pub fn list_mark(doc: &Document, block: &Block) -> Option<ListMark> {
    let start = doc.source_range(block.range.clone()).start;
    let line_start = doc.source_line_start(start)?;
    let prefix = doc.source_get(line_start..start)?;
    let trimmed = prefix.trim_end_matches(['*', '_', ' ', '\t', '`']);
    let tok_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '>')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let tok = &trimmed[tok_start..];
    let indent_part = &trimmed[..tok_start];
    let indent = indent_part
        .chars()
        .map(|c| match c {
            '\t' => 4,
            _ => 1,
        })
        .sum();
    let abs = line_start + tok_start..line_start + tok_start + tok.len();
    if matches!(tok, "-" | "*" | "+") {
        return Some(ListMark {
            indent,
            number: None,
            paren: false,
            src: abs,
        });
    }
    let (digits, paren) = if let Some(d) = tok.strip_suffix('.') {
        (d, false)
    } else {
        (tok.strip_suffix(')')?, true)
    };
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(ListMark {
        indent,
        number: digits.parse().ok(),
        paren,
        src: abs,
    })
}

/// Every marker of the document, in text order.
pub fn scan(doc: &Document, soft_first: &[String], soft_last: &[String]) -> Vec<Marker> {
    let mut out = Vec::new();
    let soft = SoftPhrases::new(soft_first, soft_last);
    let mut bufs = (Vec::new(), Vec::new());
    for (bi, block) in doc.blocks.iter().enumerate() {
        if matches!(
            block.kind,
            BlockKind::FootnoteBody { .. } | BlockKind::Other
        ) {
            continue;
        }
        let t = doc.block_text(block);
        let heading = matches!(block.kind, BlockKind::Heading { .. });
        let short = heading || at_most_200_chars(t);
        // `2.1.3.`, `IV.`, `4.` opening a heading: the heading pass reads those numbers
        let numbered_heading = heading && super::sequence::heading_number(t).is_some();
        if block.kind == BlockKind::ListItem
            && let Some(m) = list_mark(doc, block)
            && let Some(n) = m.number
            && n > 0
            && n < 1000
        {
            let written = doc
                .source_get(m.src.clone())
                .unwrap_or_default()
                .into_owned();
            out.push(Marker {
                cands: vec![Cand {
                    style: Style {
                        family: Family::Arabic,
                        delim: Delim::List,
                        // `1)` and `1.` items are two lists; the flag keeps them apart
                        upper: m.paren,
                        level: u8::try_from(m.indent.min(60)).unwrap_or(0),
                    },
                    value: n,
                }],
                soft: None,
                src: m.src,
                pos: block.range.start,
                block: bi,
                line_start: true,
                weak: false,
                written,
            });
        }
        let mut skip_to = 0;
        candidates_into(t, &mut bufs);
        for &i in &bufs.1 {
            if i < skip_to || (i == 0 && numbered_heading) {
                continue;
            }
            let Some(at) = kind_at(t, i) else {
                continue;
            };
            if !(t.as_bytes()[i] == b'(' || class_at(t, i).0) {
                continue;
            }
            if let Some(p) = parse_lowered(&t[i..], at, short, &soft) {
                let range = block.range.start + i..block.range.start + i + p.len;
                out.push(Marker {
                    cands: p.cands,
                    soft: p.soft,
                    src: doc.source_range(range.clone()),
                    pos: range.start,
                    block: bi,
                    line_start: at == At::LineStart,
                    weak: at == At::Comma,
                    written: t[i..i + p.len].to_string(),
                });
                skip_to = i + p.len.max(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soft() -> (Vec<String>, Vec<String>) {
        (vec!["trước hết".to_string()], vec!["cuối cùng".to_string()])
    }

    fn first(s: &str, at: At) -> Option<(Family, u32, usize)> {
        let (f, l) = soft();
        let p = parse_at(s, at, false, &f, &l)?;
        let c = p.cands.first()?;
        Some((c.style.family, c.value, p.len))
    }

    /// The searched candidates are those of the byte-by-byte loop, on every text of the
    /// project and on made-up ones.
    /// The tables of `number_words_by_start` give the lists it first matched, for every
    /// pair of bytes.
    #[test]
    fn number_word_tables_are_the_lists() {
        let mut some = 0;
        for first in 0..=255u8 {
            for second in (0..=255u8).map(Some).chain([None]) {
                let fast = number_words_by_start(first, second);
                assert_eq!(
                    fast,
                    number_words_by_start_slow(first, second),
                    "{first} {second:?}"
                );
                some += usize::from(!fast.is_empty());
            }
        }
        assert!(some >= 2 * 9, "{some}");
    }

    /// The one character that lowers to a letter of a number word and is not as long as
    /// it is `İ` (`is_number_word` measures words by it).
    #[test]
    fn letters_of_number_words_keep_their_length_but_one() {
        let letters: Vec<char> = UNITS
            .iter()
            .map(|(w, _)| *w)
            .chain(["mười"])
            .flat_map(str::chars)
            .collect();
        let odd: Vec<char> = (0..=0x10_ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| letters.contains(&lower(c)) && lower(c).len_utf8() != c.len_utf8())
            .collect();
        assert_eq!(odd, vec!['\u{130}']);
        assert!(is_number_word("HAİ") && is_number_word("MƯỜİ") && !is_number_word("BAİ"));
    }

    /// Where `SoftPhrases::starts` rules a place out, no soft phrase is found there
    /// (`strip_prefix_lower`): at every character of every text of the project and of
    /// the phrases in every case, with NBSP, NFD, zero-width and CRLF around them.
    #[test]
    fn soft_phrases_ruled_out_by_their_first_letter_are_not_there() {
        let settings = crate::rules::EnumerationSettings::default();
        let soft = SoftPhrases::new(&settings.soft_first, &settings.soft_last);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let mut odd = String::new();
        for p in soft.first.iter().chain(&soft.last) {
            let nfd: String =
                unicode_normalization::UnicodeNormalization::nfd(p.as_str()).collect();
            for form in [p.clone(), p.to_uppercase(), nfd] {
                odd.push_str(&format!("{form}, \u{a0}{form}\r\n\u{200b}{form}: "));
            }
        }
        texts.extend([odd, String::new(), "\u{130}\u{212a}Đ đ".to_string()]);
        let (mut out, mut found) = (0, 0);
        for t in &texts {
            for (i, _) in t.char_indices() {
                let s = &t[i..];
                let any = soft
                    .first
                    .iter()
                    .chain(&soft.last)
                    .any(|p| strip_prefix_lower(s, p).is_some());
                if !soft.starts.may_start(s) {
                    assert!(!any, "{:?}", s.chars().take(20).collect::<String>());
                    out += 1;
                }
                found += usize::from(any);
            }
        }
        assert!(out > 100_000 && found > 20, "{out} {found}");
    }

    /// A phrase `rules_out_phrase` passes over matches nothing there: at every character
    /// of every text of the project and of odd ones, for the soft phrases of the
    /// settings and made-up ones (empty, `İ`, a capital, the Kelvin sign).
    #[test]
    fn phrases_passed_over_by_their_first_letter_match_nothing() {
        let mut phrases: Vec<String> = {
            let s = crate::rules::EnumerationSettings::default();
            s.soft_first
                .iter()
                .chain(&s.soft_last)
                .map(|p| p.to_lowercase())
                .collect()
        };
        phrases.extend(["", "i là", "kế", "đầu"].map(String::from));
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.push("İ là \u{212a}ế ĐẦU Đầu đầu TRƯỚC HẾT Trước hết, CUỐI CÙNG: x".to_string());
        let (mut out, mut found) = (0, 0);
        for t in &texts {
            for (i, c) in t.char_indices() {
                let s = &t[i..];
                for p in &phrases {
                    let m = strip_prefix_lower(s, p).is_some();
                    if rules_out_phrase(p, c, lower(c)) {
                        assert!(!m, "{p:?} {:?}", s.chars().take(20).collect::<String>());
                        out += 1;
                    }
                    found += usize::from(m && !p.is_empty());
                }
            }
        }
        assert!(out > 1_000_000 && found > 20, "{out} {found}");
    }

    #[test]
    fn length_in_bytes_tells_6_characters() {
        for n in 0..=30 {
            for c in ["a", "ă", "ố", "𝔸", "a\u{301}"] {
                let t = c.repeat(n);
                assert_eq!(more_than_6_chars(&t), t.chars().count() > 6, "{c} {n}");
            }
        }
    }

    #[test]
    fn length_in_bytes_tells_200_characters() {
        for n in 190..=210 {
            for c in ["a", "ă", "ố", "𝔸"] {
                let t = c.repeat(n);
                assert_eq!(
                    at_most_200_chars(&t),
                    t.chars().nth(200).is_none(),
                    "{c} {n}"
                );
            }
        }
        assert!(at_most_200_chars(""));
    }

    #[test]
    fn candidates_searched_are_candidates_looped() {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(["", "(", " (a", "a, b… c\n", "x.\n(", "((", "a:", ". "].map(String::from));
        let mut n = 0;
        for t in &texts {
            let fast = candidates(t);
            assert_eq!(fast, candidates_slow(t), "{t:?}");
            n += fast.len();
        }
        assert!(n > 10_000, "{n}");
    }

    /// `is_number_word` (first bytes, then `eq_lower`) answers as lower-casing the word
    /// did, and `starts_number_word` as measuring the word first did: on every word and
    /// every character position of every text of the project, and on odd cases.
    #[test]
    fn number_words_read_as_before() {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let odd = "MỘT Một mỘt HAİ MƯỜİ Mười MƯỜI BẨY bẩy BảY NĂM NĂm SÁU TÁM CHÍN CHíN \
                   \u{212a}hai mộ mườii b ba baa h ha hai hail c ch chí chín chính \
                   tác mới mức chủ chỉ bản bảo BảO nĂm NăM hAy HAi";
        texts.push(odd.to_string());
        let (mut words, mut yes) = (0, 0);
        for t in &texts {
            crate::text::for_each_word(t, |a, b| {
                let w = &t[a..b];
                let fast = is_number_word(w);
                assert_eq!(fast, is_number_word_slow(w), "{w:?}");
                words += 1;
                yes += usize::from(fast);
            });
            for (i, _) in t.char_indices() {
                let s = &t[i..];
                assert_eq!(
                    starts_number_word(s),
                    is_number_word_slow(&s[..word_len(s)]),
                    "{:?}",
                    &s[..word_len(s)]
                );
            }
        }
        assert!(words > 50_000 && yes > 1000, "{words} {yes}");
        for w in ["HAİ", "MƯỜİ", "mỘt", "BẨY", "CHíN"] {
            assert!(is_number_word(w), "{w}");
        }
        assert!(!is_number_word("\u{212a}hai") && !is_number_word("hail"));
    }

    #[test]
    fn roman_numerals_one_to_twenty() {
        let expected = [
            "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
            "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
        ];
        for (k, r) in expected.iter().enumerate() {
            let n = u32::try_from(k + 1).unwrap();
            assert_eq!(roman(r), Some(n), "{r}");
            assert_eq!(roman(&r.to_uppercase()), Some(n), "{r}");
            assert_eq!(to_roman(n), *r);
        }
        for bad in ["iiii", "vv", "iix", "Iv", "", "l", "vx", "xxxxx"] {
            assert_eq!(roman(bad), None, "{bad}");
        }
    }

    #[test]
    fn ordinal_words_first_to_tenth() {
        let words = [
            "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
        ];
        for (k, w) in words.iter().enumerate() {
            let n = u32::try_from(k + 1).unwrap();
            let s = format!("Thứ {w}, nội dung");
            assert_eq!(
                first(&s, At::LineStart),
                Some((Family::Ordinal, n, format!("Thứ {w}").len())),
                "{s}"
            );
        }
        assert_eq!(ordinal_word("nhì"), Some((2, "nhì".len())));
        assert_eq!(ordinal_word("mười một,"), Some((11, "mười một".len())));
        assert_eq!(ordinal_word("mười lăm"), Some((15, "mười lăm".len())));
        assert_eq!(
            first("Thứ nhất là, ta", At::LineStart).map(|x| x.1),
            Some(1)
        );
        assert_eq!(first("THỨ HAI: tăng", At::LineStart).map(|x| x.1), Some(2));
    }

    #[test]
    fn ordinals_that_are_not_items() {
        // a weekday
        assert_eq!(first("Thứ Hai, ngày 5/2/2024", At::LineStart), None);
        assert_eq!(first("thứ hai ngày 5/2", At::LineStart), None);
        // an adjective inside a clause
        assert_eq!(first("thứ hai sau 30 năm", At::LineStart), None);
        // only where a clause starts
        assert_eq!(first("thứ hai, cần", At::Other), None);
        assert_eq!(first("thứ hai, cần", At::Comma), None);
        assert_eq!(first("thứ hai, cần", At::Clause).map(|x| x.1), Some(2));
        assert_eq!(first("thứ hai, cần", At::Colon).map(|x| x.1), Some(2));
    }

    #[test]
    fn la_words_one_to_ten() {
        let words = [
            "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười",
        ];
        for (k, w) in words.iter().enumerate() {
            let n = u32::try_from(k + 1).unwrap();
            let s = format!("{w} là, cần tiếp tục");
            assert_eq!(
                first(&s, At::LineStart),
                Some((Family::La, n, format!("{w} là").len())),
                "{s}"
            );
        }
        assert_eq!(first("hai là tăng cường", At::Comma).map(|x| x.1), Some(2));
        assert_eq!(first("một là đổi mới", At::Colon).map(|x| x.1), Some(1));
        // a sentence, not an item
        assert_eq!(first("Năm là năm bản lề.", At::LineStart), None);
        assert_eq!(first("Ba là người giúp đỡ.", At::Clause), None);
        assert_eq!(
            first("Mười một là, tăng", At::LineStart).map(|x| x.1),
            Some(11)
        );
        assert_eq!(first("hai là", At::Other), None);
        assert_eq!(first("Hai lần", At::LineStart), None);
    }

    /// The quick test before `number_word` admits every word it reads.
    #[test]
    fn number_words_pass_the_quick_test() {
        let all = UNITS.iter().map(|(w, _)| *w).chain(["mười"]);
        for w in all {
            let upper = w.to_uppercase();
            let cap: String = w
                .chars()
                .enumerate()
                .flat_map(|(k, c)| {
                    let v: Vec<char> = if k == 0 {
                        c.to_uppercase().collect()
                    } else {
                        vec![c]
                    };
                    v
                })
                .collect();
            for form in [w.to_string(), upper, cap] {
                assert!(starts_number_word(&format!("{form} là")), "{form}");
            }
            assert!(number_word(w).is_some(), "{w}");
        }
        assert!(!starts_number_word("bản"));
        assert!(!starts_number_word("hail"));
    }

    /// Every character that lowers to a letter of a number word begins with the same
    /// byte as that letter, ASCII case aside: the quick test by the second byte is exact.
    #[test]
    fn number_word_letters_keep_their_first_byte() {
        let letters: Vec<char> = UNITS
            .iter()
            .map(|(w, _)| *w)
            .chain(["mười"])
            .filter_map(|w| w.chars().nth(1))
            .collect();
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            let l = lower(c);
            if letters.contains(&l) {
                let lead = |x: char| x.to_string().as_bytes()[0].to_ascii_lowercase();
                assert_eq!(lead(c), lead(l), "{c:?}");
            }
        }
    }

    #[test]
    fn number_words() {
        assert_eq!(
            number_word("hai mươi nhiệm vụ"),
            Some((20, "hai mươi".len()))
        );
        assert_eq!(number_word("mười bốn"), Some((14, "mười bốn".len())));
        assert_eq!(number_word("mười điểm"), Some((10, "mười".len())));
        assert_eq!(number_word("bảy"), Some((7, "bảy".len())));
        assert_eq!(number_word("bảo"), None);
    }

    #[test]
    fn letters_in_both_alphabets() {
        assert_eq!(letter('a'), (Some(1), Some(1)));
        assert_eq!(letter('đ'), (None, Some(5)));
        assert_eq!(letter('e'), (Some(5), Some(6)));
        assert_eq!(letter('f'), (Some(6), None));
        assert_eq!(letter('g'), (Some(7), Some(7)));
        assert_eq!(letter('B'), (Some(2), Some(2)));
        assert_eq!(letter_at(Family::Viet, 5), Some('đ'));
        assert_eq!(letter_at(Family::Latin, 3), Some('c'));
    }

    #[test]
    fn bracketed_and_closed_markers() {
        let (f, l) = soft();
        let p = parse_at("(iv) Tiếp tục", At::Other, false, &f, &l).unwrap();
        assert_eq!(p.len, 4);
        assert_eq!(p.cands[0].style.family, Family::Roman);
        assert_eq!(p.cands[0].value, 4);
        // (i) is roman one or the letter i
        let p = parse_at("(i) Tiếp", At::LineStart, false, &f, &l).unwrap();
        let fams: Vec<_> = p.cands.iter().map(|c| (c.style.family, c.value)).collect();
        assert_eq!(
            fams,
            vec![(Family::Roman, 1), (Family::Latin, 9), (Family::Viet, 9)]
        );
        assert_eq!(
            first("b) tăng cường", At::Clause).map(|x| (x.1, x.2)),
            Some((2, 2))
        );
        assert_eq!(
            first("đ) tăng cường", At::LineStart).map(|x| x.0),
            Some(Family::Viet)
        );
        assert_eq!(first("3. Mục tiêu", At::LineStart).map(|x| x.1), Some(3));
        // a dot only numbers at a line start
        assert_eq!(first("a. nội dung", At::Clause), None);
        // `(1)` in prose is a citation
        assert_eq!(first("(1) theo", At::Other), None);
        assert_eq!(first("(1) theo", At::LineStart).map(|x| x.1), Some(1));
        // `I.` is left to the headings, `A.` is an initial in a long line
        assert_eq!(first("I. Bối cảnh", At::LineStart), None);
        assert_eq!(first("A. Guterres cho biết", At::LineStart), None);
        assert_eq!(first("(ASEAN) là", At::Other), None);
    }

    #[test]
    fn soft_markers() {
        let (f, l) = soft();
        let p = parse_at("Trước hết, việc", At::LineStart, false, &f, &l).unwrap();
        assert_eq!(p.soft, Some(Soft::First));
        assert_eq!(p.len, "Trước hết".len());
        let p = parse_at("Cuối cùng, cơ chế", At::LineStart, false, &f, &l).unwrap();
        assert_eq!(p.soft, Some(Soft::Last));
        // `Trước hết là ...` may open a list too, `Cuối cùng` closes one only at a line start
        let p = parse_at("Trước hết là chuyến thăm", At::Clause, false, &f, &l).unwrap();
        assert_eq!(p.soft, Some(Soft::First));
        assert!(parse_at("Cuối cùng, tôi", At::Clause, false, &f, &l).is_none());
        assert!(parse_at("Trước hết cần", At::LineStart, false, &f, &l).is_none());
    }

    #[test]
    fn rendering_expected_markers() {
        let st = |family, delim| Style {
            family,
            delim,
            upper: false,
            level: 0,
        };
        assert_eq!(
            render(st(Family::Ordinal, Delim::Word), 4, "Thứ ba"),
            "Thứ tư"
        );
        assert_eq!(render(st(Family::La, Delim::Word), 2, "Ba là"), "Hai là");
        assert_eq!(render(st(Family::Roman, Delim::Paren), 4, "(v)"), "(iv)");
        assert_eq!(render(st(Family::Latin, Delim::Close), 3, "d)"), "c)");
        assert_eq!(render(st(Family::Arabic, Delim::List), 3, "4."), "3.");
    }

    #[test]
    fn scanning_a_document() {
        let doc = Document::from_source(
            "t.md",
            "Có hai việc: (i) rà soát; (ii) báo cáo.\n\nThứ nhất, làm. Thứ hai, xong. Lần thứ hai, không.\n\n1. một\n2. hai\n".to_string(),
        );
        let (f, l) = soft();
        let m = scan(&doc, &f, &l);
        let w: Vec<&str> = m.iter().map(|m| m.written.as_str()).collect();
        assert_eq!(w, vec!["(i)", "(ii)", "Thứ nhất", "Thứ hai", "1.", "2."]);
        assert_eq!(&doc.source[m[4].src.clone()], "1.");
    }
}
