//! `enumeration/count-mismatch`: an announced count (`Nổi bật là ở 6 điểm sau đây:`,
//! `có 5 vấn đề:`, `3 định hướng lớn sau:`) that the items after it do not match, and a
//! count before a bracketed list of names (`3 nước (Lào, Campuchia)`).
//!
//! The items are counted only where they are clearly the announced ones: a numbered list
//! (`Thứ nhất ...`, `Một là ...`, `(i) ...`, `a) ...`) whose first item opens the next
//! block or follows the colon, the Markdown list items of the next blocks, or a
//! semicolon-separated list after the colon. Anything else stays silent.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::finding::{Finding, Location, Related, Severity, Text};
use crate::rules::EnumerationSettings;

#[cfg(test)]
use crate::text::for_each_word;
use crate::text::{is_alphanumeric, lower as lower_char, word_len};

#[cfg(test)]
use super::markers::number_words_by_start;
use super::markers::{Marker, is_number_word, list_mark, number_word, starts_number_words};
use super::sequence::Lists;

pub const RULE: &str = "enumeration/count-mismatch";

/// An announced count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announce {
    pub n: u32,
    /// Text range from the number to the end of the announcing words.
    pub range: Range<usize>,
    /// Where the items may start in the same block (after the colon), if text follows.
    pub inline_from: Option<usize>,
    /// Nothing follows in the block.
    pub ends_block: bool,
}

/// A count before a bracketed list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracketed {
    pub n: u32,
    pub range: Range<usize>,
    /// The bracket, parentheses included.
    pub bracket: Range<usize>,
    /// Names by the commas alone, and with the last `và` splitting two.
    pub counts: (usize, usize),
}

fn is_word_char(c: char) -> bool {
    is_alphanumeric(c)
}

/// A count at byte `i` of `t`, the start of a word of `wlen` bytes: 2..=30 in digits
/// (`03` too), or a number word; its value and length.
fn count_at(t: &str, i: usize, wlen: usize) -> Option<(u32, usize, bool)> {
    let s = &t[i..];
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if digits > 2 {
            return None;
        }
        let v: u32 = s[..digits].parse().ok()?;
        // a date, a decimal or a grouping: `12-8`, `1,5`, `19/12`
        if !s[digits..].starts_with(' ') {
            return None;
        }
        if let Some(p) = t[..i].chars().next_back()
            && matches!(p, '/' | '.' | ',' | '-' | '–')
        {
            return None;
        }
        return (2..=30).contains(&v).then_some((v, digits, false));
    }
    // number words start with one of these letters and are short: most words are not
    let lead = s.as_bytes().first().map(u8::to_ascii_lowercase);
    if !matches!(lead, Some(b'h' | b'b' | b'n' | b's' | b't' | b'c' | b'm'))
        || wlen > 8
        || !is_number_word(&s[..wlen])
    {
        return None;
    }
    let mut buf = [0u8; 48];
    let w = lower_chars(s, 12, &mut buf);
    let (v, len) = number_word(w)?;
    if v < 2 {
        return None;
    }
    let chars = w[..len].chars().count();
    let len = s.char_indices().nth(chars).map_or(s.len(), |(k, _)| k);
    if !s[len..].starts_with(' ') {
        return None;
    }
    Some((v, len, w.starts_with("năm")))
}

/// The first `max` characters of `s`, each lowered (`lower`), in `buf` (4 bytes a
/// character): what `s.chars().take(max).map(lower).collect::<String>()` gives, without
/// allocating.
fn lower_chars<'b>(s: &str, max: usize, buf: &'b mut [u8]) -> &'b str {
    let mut n = 0;
    for c in s.chars().take(max) {
        let Some(room) = buf.get_mut(n..) else {
            break;
        };
        if room.len() < 4 {
            break;
        }
        n += lower_char(c).encode_utf8(room).len();
    }
    std::str::from_utf8(buf.get(..n).unwrap_or_default()).unwrap_or_default()
}

/// The bytes of `s` that match `phrase` (lower case) at its start, ignoring case, as
/// whole words.
fn match_words(s: &str, phrase: &str) -> Option<usize> {
    let mut sc = s.char_indices();
    let mut end = 0;
    for pc in phrase.chars() {
        let (i, c) = sc.next()?;
        if c != pc && lower_char(c) != pc {
            return None;
        }
        end = i + c.len_utf8();
    }
    if s[end..].starts_with(is_word_char) {
        return None;
    }
    Some(end)
}

/// Whether `s` (lower case) starts with `phrase` as whole words.
fn starts_with_words(s: &str, phrase: &str) -> bool {
    s.strip_prefix(phrase)
        .is_some_and(|r| !r.starts_with(is_word_char))
}

/// At most `max` bytes of `t` from `from`, cut on a character boundary.
fn window(t: &str, from: usize, max: usize) -> &str {
    let s = t.get(from..).unwrap_or("");
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn lower(s: &str) -> String {
    crate::text::lower_str(s)
}

/// The word before byte `i` and the two words before it, lower case.
fn words_before(t: &str, i: usize) -> (String, Option<String>) {
    let before = t[..i].trim_end();
    let mut it = before.rsplit(|c: char| !is_word_char(c));
    let w1 = lower(it.next().unwrap_or(""));
    let sep_ok = before
        .len()
        .checked_sub(w1.len() + 1)
        .and_then(|k| before.get(k..k + 1))
        == Some(" ");
    let w2 = it
        .next()
        .filter(|w| !w.is_empty() && sep_ok)
        .map(|w| format!("{} {w1}", lower(w)));
    (w1, w2)
}

/// Announcements and bracketed counts in one block's text `t` (starting at `base` in the
/// document text).
/// The rule data of `[enumeration]`, lower-cased once.
pub struct Words<'a> {
    after: Phrases,
    connectors: Phrases,
    units: Vec<String>,
    before: Vec<String>,
    settings: &'a EnumerationSettings,
}

impl<'a> Words<'a> {
    pub fn new(settings: &'a EnumerationSettings) -> Self {
        let low = |v: &[String]| v.iter().map(|s| lower(s)).collect::<Vec<_>>();
        Words {
            after: Phrases::new(low(&settings.announce_after)),
            connectors: Phrases::new(low(&settings.announce_connectors)),
            units: low(&settings.not_item_nouns),
            before: low(&settings.not_count_before),
            settings,
        }
    }
}

/// Phrases read after a counted noun (`sau đây`, `gồm`), or the soft markers of
/// `markers` (`trước hết`), lower case, with their first letters: most places start
/// with none of them, and are passed over without trying each phrase.
pub(super) struct Phrases {
    list: Vec<String>,
    /// The first letter of each phrase; `None` when a phrase is empty (it matches
    /// before any non-letter, so no letter rules it out).
    firsts: Option<Vec<char>>,
    /// The first bytes of the characters that are a first letter or lower to one (the
    /// letter, its upper case, `İ` for `i`, the Kelvin sign for `k`): a character with
    /// another first byte is ruled out without being decoded.
    lead: [bool; 256],
}

impl Phrases {
    pub(super) fn new(list: Vec<String>) -> Phrases {
        let firsts: Option<Vec<char>> = list.iter().map(|p| p.chars().next()).collect();
        let mut lead = [false; 256];
        for &f in firsts.iter().flatten() {
            let extra = match f {
                'i' => Some('\u{130}'),
                'k' => Some('\u{212a}'),
                _ => None,
            };
            for c in std::iter::once(f).chain(f.to_uppercase()).chain(extra) {
                let mut buf = [0u8; 4];
                lead[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
            }
        }
        Phrases { list, firsts, lead }
    }

    /// Whether some phrase may match at the start of `s` (`match_words`): its first
    /// letter is the first character of `s` or that character's lower case.
    pub(super) fn may_start(&self, s: &str) -> bool {
        let Some(firsts) = &self.firsts else {
            return true;
        };
        let Some(&x) = s.as_bytes().first() else {
            return false;
        };
        self.lead[usize::from(x)]
            && s.chars()
                .next()
                .is_some_and(|c| firsts.contains(&c) || firsts.contains(&lower_char(c)))
    }
}

pub fn find(t: &str, base: usize, lexicon: &Words) -> (Vec<Announce>, Vec<Bracketed>) {
    let mut found = (Vec::new(), Vec::new());
    for_each_count_start(t, |i, end| {
        if may_be_count(t, i, end) {
            read_count(t, base, i, end, lexicon, &mut found);
        }
    });
    found
}

/// Whether the word `i..end` of `t` may be a count as `count_at` reads it: digits, or a
/// short number word. Told before the call of `read_count` (out of line, a large frame):
/// most words `next_start` gives (`bản`, `một`, `chính`, `tác`) are none.
#[inline]
fn may_be_count(t: &str, i: usize, end: usize) -> bool {
    t.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
        || (end - i <= 8 && t.get(i..end).is_some_and(is_number_word))
}

/// `find` as it was before `for_each_count_start`: every word of the text visited.
/// Kept to test `find` against.
#[cfg(test)]
fn find_by_words(t: &str, base: usize, lexicon: &Words) -> (Vec<Announce>, Vec<Bracketed>) {
    let mut found = (Vec::new(), Vec::new());
    for_each_word(t, |i, end| {
        if may_count(t, i) {
            read_count(t, base, i, end, lexicon, &mut found);
        }
    });
    found
}

/// What `for_each_count_start` reads of a byte: an ASCII letter or digit (`WORD`), and
/// one a count may start with (`LEAD`: an ASCII digit, or the first letter of a number
/// word in either case, `number_words_by_start`).
const WORD: u8 = 1;
const LEAD: u8 = 2;
const COUNT_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let x = k as u8;
        if x.is_ascii_alphanumeric() {
            t[k] |= WORD;
        }
        if x.is_ascii_digit()
            || matches!(
                x.to_ascii_lowercase(),
                b'm' | b'h' | b'b' | b'n' | b's' | b't' | b'c'
            )
        {
            t[k] |= LEAD;
        }
        k += 1;
    }
    t
};

/// Calls `f(start, end)` for the words of `t` that `for_each_word` gives and `may_count`
/// keeps, in order, without segmenting the text into words: a count starts with an
/// ASCII byte (`LEAD`) that no ASCII letter or digit precedes and that `may_count`
/// keeps (`next_start`); only there is the character before it read, when it is past
/// ASCII, to tell a word start.
fn for_each_count_start(t: &str, mut f: impl FnMut(usize, usize)) {
    let b = t.as_bytes();
    let mut from = 0;
    while let Some(i) = next_start(t, from) {
        from = i + 1;
        // after a byte past ASCII, the character before is decoded: rarer, as most
        // words follow a space
        let at_start = i == 0
            || b[i - 1] < 0x80
            || t.get(..i)
                .and_then(|s| s.chars().next_back())
                .is_none_or(|c| !is_alphanumeric(c));
        if at_start {
            f(i, i + t.get(i..).map_or(0, word_len));
        }
    }
}

/// The first byte at or after `from` that may start a count (`LEAD`), follows no ASCII
/// letter or digit (or starts the text), and with the byte after it passes `may_count`
/// (`COUNT_STEP` is 0 there: most `LEAD` bytes at a word start, `các`, `chính`,
/// `trong`, are ruled out without a return to the caller). Where the two bytes at `k`
/// do not pass, `COUNT_STEP` also tells whether `k + 1` and `k + 2` may: the loop steps
/// over the places the bytes it has read rule out, most places of a text. A loop of its
/// own, out of line: inlined into its caller it kept its counters on the stack, and it
/// reads about every other byte. (Eight bytes read as a `u64` and stepped over in a
/// register cost more, a shift a step.)
#[inline(never)]
fn next_start(t: &str, from: usize) -> Option<usize> {
    let b = t.as_bytes();
    let thirds: &[ByteSet] = &THIRD_BYTES;
    let after_word = |k: usize| k > 0 && COUNT_BYTES[usize::from(b[k - 1])] & WORD != 0;
    let may_start = |k: usize| !after_word(k) && third_may_count(b, k, thirds);
    // two bytes read as one `u16` (as an array, not two indexed bytes: one load), from
    // an index that starts at 0 and is bounded by the length of the slice taken
    let rest = b.get(from..)?;
    let mut k = 0;
    while let Some(&pair) = rest.get(k..).and_then(|r| r.first_chunk::<2>()) {
        match COUNT_STEP[usize::from(u16::from_le_bytes(pair))] {
            0 if may_start(from + k) => return Some(from + k),
            0 => k += 1,
            step => k += usize::from(step),
        }
    }
    // the last byte, which no byte follows: only a digit may start a count there
    let last = b.len().checked_sub(1).filter(|&k| k >= from)?;
    (b[last].is_ascii_digit() && !after_word(last)).then_some(last)
}

/// `next_start` as it was before `COUNT_STEP`, every byte read as a first byte. Kept to
/// test `next_start` against.
#[cfg(test)]
fn next_start_slow(t: &str, from: usize) -> Option<usize> {
    let b = t.as_bytes();
    let thirds: &[ByteSet] = &THIRD_BYTES;
    let after_word = |k: usize| k > 0 && COUNT_BYTES[usize::from(b[k - 1])] & WORD != 0;
    let rest = b.get(from..)?;
    let mut k = 0;
    while k + 1 < rest.len() {
        let pair = rest
            .get(k..k + 2)
            .and_then(|w| <[u8; 2]>::try_from(w).ok())?;
        if COUNT_PAIRS[usize::from(u16::from_le_bytes(pair))]
            && !after_word(from + k)
            && third_may_count(b, from + k, thirds)
        {
            return Some(from + k);
        }
        k += 1;
    }
    let last = b.len().checked_sub(1).filter(|&k| k >= from)?;
    (b[last].is_ascii_digit() && !after_word(last)).then_some(last)
}

/// For the bytes `x y` at `k`, at index `x + 256 * y`: 0 where they pass `may_count`
/// (`may_count_pair`); else how far the next place that may start a count is, as far as
/// they tell: `k + 1` unless `y` starts no count (not `LEAD`) or follows a letter or
/// digit `x`; else `k + 2` unless it follows the letter or digit `y`; else `k + 3`.
static COUNT_STEP: [u8; 65536] = {
    let mut t = [0u8; 65536];
    let mut k = 0;
    while k < 65536 {
        let (x, y) = ((k % 256) as u8, (k / 256) as u8);
        let (cx, cy) = (COUNT_BYTES[x as usize], COUNT_BYTES[y as usize]);
        t[k] = if may_count_pair(x, y) {
            0
        } else if cy & LEAD != 0 && cx & WORD == 0 {
            1
        } else if cy & WORD == 0 {
            2
        } else {
            3
        };
        k += 1;
    }
    t
};

/// Whether a count may start at a byte `x` followed by `y`: a digit, or the start of a
/// number word (`may_count` of the two bytes).
const fn may_count_pair(x: u8, y: u8) -> bool {
    x.is_ascii_digit() || starts_number_words(x, y)
}

/// A set of bytes, a bit each.
type ByteSet = [u64; 4];

/// The number words a count may start with: those `number_word` reads as 2 or more
/// where they stand first (`một` alone is 1, and no count).
const COUNT_WORDS: &[&str] = &[
    "mười", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín",
];

/// `b"mhbnstc"`: the first letters of `COUNT_WORDS`, in lower case.
const COUNT_LEADS: &[u8] = b"mhbnstc";

/// For the first byte of a count word (by its letter in `COUNT_LEADS`) and its second
/// byte, at index `256 * letter + second`: the third bytes a spelling of a count word
/// may have there (`spellings`). A word of two bytes (`ba`) may end there: any byte
/// but an ASCII letter or digit may follow it.
static THIRD_BYTES: std::sync::LazyLock<Vec<ByteSet>> = std::sync::LazyLock::new(third_bytes);

fn third_bytes() -> Vec<ByteSet> {
    let mut sets = vec![[0u64; 4]; COUNT_LEADS.len() * 256];
    for word in COUNT_WORDS {
        for spelled in spellings(word) {
            let b = spelled.as_bytes();
            let (Some(lead), Some(&second)) = (b.first().and_then(|&x| lead_letter(x)), b.get(1))
            else {
                continue;
            };
            let Some(set) = sets.get_mut(lead * 256 + usize::from(second)) else {
                continue;
            };
            match b.get(2) {
                Some(&z) => set[usize::from(z / 64)] |= 1 << (z % 64),
                None => {
                    for z in (0..=255u8).filter(|z| !z.is_ascii_alphanumeric()) {
                        set[usize::from(z / 64)] |= 1 << (z % 64);
                    }
                }
            }
        }
    }
    sets
}

/// The index in `COUNT_LEADS` of the letter `x` stands for in either case.
fn lead_letter(x: u8) -> Option<usize> {
    COUNT_LEADS
        .iter()
        .position(|&l| l == x.to_ascii_lowercase())
}

/// Every way `word` (lower case) may be written that reads as it in lower case
/// (`is_number_word`): each character as it is or in upper case, and `İ` for `i`.
/// `the_spellings_are_every_character_that_lowers_to_a_count_letter` checks on every
/// code point that no other character lowers to one of its letters.
fn spellings(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let mut forms: Vec<char> = std::iter::once(c).chain(c.to_uppercase()).collect();
        if c == 'i' {
            forms.push('\u{130}');
        }
        forms.dedup();
        out = out
            .iter()
            .flat_map(|p| forms.iter().map(move |f| format!("{p}{f}")))
            .collect();
    }
    out
}

/// Whether a count may start at byte `i` of `b`, where `COUNT_STEP` lets its first
/// two bytes through, by the byte after them: a count in digits has at most two and a
/// space after them (`count_at`), a count word is one of `spellings` (`thirds` is
/// `THIRD_BYTES`). Most words `COUNT_STEP` lets through (`chính`, `cho`, `hay`,
/// `một`, `ban`, `2023`, `5,`) are ruled out here, before `read_count` is called.
#[inline]
fn third_may_count(b: &[u8], i: usize, thirds: &[ByteSet]) -> bool {
    let (Some(&x), Some(&y)) = (b.get(i), b.get(i + 1)) else {
        return true;
    };
    let z = b.get(i + 2).copied();
    if x.is_ascii_digit() {
        return y == b' ' || (y.is_ascii_digit() && z == Some(b' '));
    }
    let Some(z) = z else {
        return true;
    };
    lead_letter(x)
        .and_then(|l| thirds.get(l * 256 + usize::from(y)))
        .is_some_and(|set| set[usize::from(z / 64)] & (1 << (z % 64)) != 0)
}

/// Whether a count may start at a byte `x` followed by `y`, at index `x + 256 * y`:
/// `may_count` of the two bytes (a digit, or the start of a number word). What
/// `next_start` read before `COUNT_STEP`; kept to test it.
#[cfg(test)]
static COUNT_PAIRS: [bool; 65536] = {
    let mut t = [false; 65536];
    let mut k = 0;
    while k < 65536 {
        let (x, y) = ((k % 256) as u8, (k / 256) as u8);
        t[k] = may_count_pair(x, y);
        k += 1;
    }
    t
};

/// Whether a count may start at the word start `i` of `t`, by its first two bytes: a
/// digit, or the start of a number word (`number_words_by_start`). Where it may not,
/// `count_at` finds none. `next_start` reads it from `COUNT_STEP`; kept to test that.
#[cfg(test)]
fn may_count(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    match b.get(i) {
        Some(x) if x.is_ascii_digit() => match b.get(i + 1) {
            None | Some(b' ') => true,
            Some(y) => y.is_ascii_digit() && b.get(i + 2) == Some(&b' '),
        },
        Some(&x) => {
            !number_words_by_start(x, b.get(i + 1).copied()).is_empty()
                && may_spell_count_word(b.get(i..).unwrap_or_default())
        }
        None => false,
    }
}

/// Whether `b` may start with a count word by its first three bytes: a spelling of
/// one starts with them, or is them but for the third, which does not continue it;
/// or `b` ends before its third byte. `may_count` reads what `third_may_count` reads
/// from its table by this.
#[cfg(test)]
fn may_spell_count_word(b: &[u8]) -> bool {
    let Some(head) = b.get(..3) else {
        return true;
    };
    static ALL: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| COUNT_WORDS.iter().flat_map(|w| spellings(w)).collect());
    ALL.iter().any(|s| {
        let sb = s.as_bytes();
        sb.starts_with(head)
            || (sb.len() == 2 && sb == &head[..2] && !head[2].is_ascii_alphanumeric())
    })
}

/// The announcement or bracketed count of the count at the word `i..end` of `t`, if any.
#[inline(never)]
fn read_count(
    t: &str,
    base: usize,
    i: usize,
    end: usize,
    lexicon: &Words,
    (ann, brk): &mut (Vec<Announce>, Vec<Bracketed>),
) {
    let (after, connectors, units, settings) = (
        &lexicon.after,
        &lexicon.connectors,
        &lexicon.units,
        lexicon.settings,
    );
    let Some((n, len, is_nam)) = count_at(t, i, end - i) else {
        return;
    };
    // what may follow is read first: the words before matter only when it is found
    let rest_start = i + len;
    // a noun that starts with a digit is none (`noun_ok_lower`): `năm 2023`, `3 12`
    if t.as_bytes().get(rest_start) == Some(&b' ')
        && t.as_bytes()
            .get(rest_start + 1)
            .is_some_and(u8::is_ascii_digit)
    {
        return;
    }
    let (words, n_words) = words9(t, rest_start);
    let w = &words[..n_words];
    if let Some(a) = announcement(t, i, w, is_nam, after, connectors, units) {
        if !blocked(t, i, &lexicon.before) {
            ann.push(Announce {
                n,
                range: base + a.range.start..base + a.range.end,
                inline_from: a.inline_from.map(|p| base + p),
                ends_block: a.ends_block,
            });
        }
    } else if !is_nam
        && let Some(b) = bracketed(t, i, &w[..w.len().min(7)], units, settings)
        && !blocked(t, i, &lexicon.before)
    {
        brk.push(Bracketed {
            n,
            range: base + b.range.start..base + b.range.end,
            bracket: base + b.bracket.start..base + b.bracket.end,
            counts: b.counts,
        });
    }
}

/// Whether the words before byte `i` of `t` rule a count out: `lần thứ 2`, `Điều 3`,
/// `phụ lục 2`.
fn blocked(t: &str, i: usize, before_words: &[String]) -> bool {
    let (w1, w2) = words_before(t, i);
    before_words
        .iter()
        .any(|w| *w == w1 || w2.as_deref() == Some(w.as_str()))
}

/// `find` as it was first written: the words before each count read first, the nouns
/// lowered on each call (`announcement_slow`, `bracketed_slow`). Kept to test `find`.
#[cfg(test)]
fn find_slow(t: &str, base: usize, words: &Words) -> (Vec<Announce>, Vec<Bracketed>) {
    let mut ann = Vec::new();
    let mut brk = Vec::new();
    let (after, connectors, units, before_words, settings) = (
        &words.after,
        &words.connectors,
        &words.units,
        &words.before,
        words.settings,
    );
    for_each_word(t, |i, end| {
        if let Some((n, len, is_nam)) = count_at(t, i, end - i) {
            let (w1, w2) = words_before(t, i);
            let blocked = before_words
                .iter()
                .any(|w| *w == w1 || w2.as_deref() == Some(w.as_str()));
            if !blocked {
                let rest_start = i + len;
                if let Some(a) =
                    announcement_slow(t, i, rest_start, is_nam, after, connectors, units)
                {
                    ann.push(Announce {
                        n,
                        range: base + a.range.start..base + a.range.end,
                        inline_from: a.inline_from.map(|p| base + p),
                        ends_block: a.ends_block,
                    });
                } else if !is_nam && let Some(b) = bracketed_slow(t, i, rest_start, units, settings)
                {
                    brk.push(Bracketed {
                        n,
                        range: base + b.range.start..base + b.range.end,
                        bracket: base + b.bracket.start..base + b.bracket.end,
                        counts: b.counts,
                    });
                }
            }
        }
    });
    (ann, brk)
}

/// The words after a count, up to 9, as `words` gives them, in an array: the array and
/// how many.
fn words9(t: &str, from: usize) -> ([(usize, usize); 9], usize) {
    let mut out = [(0, 0); 9];
    let mut n = 0;
    let mut i = from;
    while n < out.len() {
        let Some(rest) = t.get(i..) else { break };
        let Some(r) = rest.strip_prefix(' ') else {
            break;
        };
        let start = i + 1;
        let len = word_len(r);
        if len == 0 {
            break;
        }
        out[n] = (start, start + len);
        n += 1;
        i = start + len;
    }
    (out, n)
}

/// The words after a count, up to `max`: (start, end) byte offsets in `t`, stopping at
/// any punctuation.
#[cfg(test)]
fn words(t: &str, from: usize, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while out.len() < max {
        let Some(rest) = t.get(i..) else { break };
        let Some(r) = rest.strip_prefix(' ') else {
            break;
        };
        let start = i + 1;
        let len = r.find(|c: char| !is_word_char(c)).unwrap_or(r.len());
        if len == 0 {
            break;
        }
        out.push((start, start + len));
        i = start + len;
    }
    out
}

/// Words `w` of `t` in lower case, each lowered once for all the prefixes
/// `announcement` tries.
fn lowered(t: &str, w: &[(usize, usize)]) -> Vec<String> {
    w.iter().map(|&(s, e)| lower(&t[s..e])).collect()
}

/// Whether the words after a count (`lw`, lower case, as `words` gives them: one space
/// apart) can be the noun of an announced count.
fn noun_ok_lower(lw: &[String], units: &[String], is_nam: bool) -> bool {
    let Some(first) = lw.first() else {
        return false;
    };
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // the first two words with their space (empty when there is one word)
    let is_two = |u: &str| match lw.get(1) {
        Some(second) => {
            u.len() == first.len() + 1 + second.len()
                && u.starts_with(first.as_str())
                && u[first.len()..].starts_with(' ')
                && u[first.len() + 1..] == **second
        }
        None => u.is_empty(),
    };
    if units.iter().any(|u| u == first || is_two(u)) {
        return false;
    }
    if is_nam
        && matches!(
            first.as_str(),
            "qua"
                | "nay"
                | "tới"
                | "sau"
                | "trước"
                | "học"
                | "ngoái"
                | "kia"
                | "đó"
                | "này"
                | "mới"
                | "tài"
                | "đầu"
                | "cuối"
                | "là"
        )
    {
        return false;
    }
    // a second noun phrase has started: `3 năm triển khai các nhiệm vụ sau`
    !lw.iter().any(|w| {
        matches!(
            w.as_str(),
            "các" | "những" | "mọi" | "và" | "hoặc" | "hay" | "trong" | "khi" | "nếu"
        )
    })
}

/// `noun_ok_lower` as it was written first, lower-casing the words on each call: kept
/// to test the other against.
#[cfg(test)]
fn noun_ok(t: &str, w: &[(usize, usize)], units: &[String], is_nam: bool) -> bool {
    let Some(&(s0, e0)) = w.first() else {
        return false;
    };
    let first = lower(&t[s0..e0]);
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let two = w
        .get(1)
        .map(|&(_, e1)| lower(&t[s0..e1]))
        .unwrap_or_default();
    if units.iter().any(|u| *u == first || *u == two) {
        return false;
    }
    if is_nam
        && matches!(
            first.as_str(),
            "qua"
                | "nay"
                | "tới"
                | "sau"
                | "trước"
                | "học"
                | "ngoái"
                | "kia"
                | "đó"
                | "này"
                | "mới"
                | "tài"
                | "đầu"
                | "cuối"
                | "là"
        )
    {
        return false;
    }
    // a second noun phrase has started: `3 năm triển khai các nhiệm vụ sau`
    !w.iter().any(|&(s, e)| {
        matches!(
            lower(&t[s..e]).as_str(),
            "các" | "những" | "mọi" | "và" | "hoặc" | "hay" | "trong" | "khi" | "nếu"
        )
    })
}

struct Found {
    range: Range<usize>,
    inline_from: Option<usize>,
    ends_block: bool,
}

/// An announcement of a count at `start` whose noun phrase is `w` (the words after the
/// count, as `words` gives them, up to 9): the first noun phrase of 1 to 7 words that
/// announcing words or a colon follow, provided it and every shorter one can be a noun
/// (`noun_ok_lower`). The words are lowered only once such a phrase is found, which is
/// rare: most counts announce nothing.
fn announcement(
    t: &str,
    start: usize,
    w: &[(usize, usize)],
    is_nam: bool,
    after: &Phrases,
    connectors: &Phrases,
    units: &[String],
) -> Option<Found> {
    let n = w.len().min(7);
    let (k, found) = (1..=n)
        .find_map(|k| accepted(t, start, w[k - 1].1, is_nam, after, connectors).map(|f| (k, f)))?;
    let lw = lowered(t, &w[..k]);
    (1..=k)
        .all(|j| noun_ok_lower(&lw[..j], units, is_nam))
        .then_some(found)
}

/// The announcement as it was first written: each prefix checked as a noun before it is
/// read as announced. Kept to test `announcement`.
#[cfg(test)]
#[allow(clippy::too_many_arguments)]
fn announcement_slow(
    t: &str,
    start: usize,
    rest_start: usize,
    is_nam: bool,
    after: &Phrases,
    connectors: &Phrases,
    units: &[String],
) -> Option<Found> {
    let w = words(t, rest_start, 9);
    for k in 1..=w.len().min(7) {
        if !noun_ok(t, &w[..k], units, is_nam) {
            return None;
        }
        if let Some(f) = accepted(t, start, w[k - 1].1, is_nam, after, connectors) {
            return Some(f);
        }
    }
    None
}

/// Whether the noun phrase of a count at `start`, ending at `np_end`, is followed by
/// announcing words (`sau đây`) or a colon, and where the announcement ends.
fn accepted(
    t: &str,
    start: usize,
    np_end: usize,
    is_nam: bool,
    after: &Phrases,
    connectors: &Phrases,
) -> Option<Found> {
    let tail = &t[np_end..];
    // `6 điểm sau đây` / `4 nhóm giải pháp như sau`
    let mut end = None;
    if let Some(lt) = tail.strip_prefix(' ')
        && after.may_start(lt)
    {
        for a in &after.list {
            if let Some(l) = match_words(lt, a) {
                end = Some(np_end + 1 + l);
                break;
            }
        }
    }
    let mut trigger = end.is_some();
    let mut pos = end.unwrap_or(np_end);
    // `, gồm:` / ` là:`
    let rest = &t[pos..];
    let r = rest.strip_prefix(',').unwrap_or(rest);
    if let Some(r2) = r.strip_prefix(' ')
        && connectors.may_start(r2)
    {
        for c in &connectors.list {
            if let Some(l) = match_words(r2, c)
                && r2[l..].trim_start().starts_with(':')
            {
                pos += (rest.len() - r2.len()) + l;
                break;
            }
        }
    }
    let after_all = &t[pos..];
    let trimmed = after_all.trim_start();
    let colon = trimmed.starts_with(':');
    if colon {
        trigger = true;
    }
    if !trigger || (is_nam && end.is_none()) {
        return None;
    }
    let past = if colon {
        let c = t.len() - trimmed.len() + 1;
        &t[c..]
    } else {
        trimmed
    };
    let content = past.trim();
    let ends_block = content.is_empty() || content == ".";
    if !ends_block && !colon {
        // `3 ngày sau khi ...`: the words run on
        return None;
    }
    let inline_from = (!ends_block).then(|| t.len() - past.trim_start().len());
    Some(Found {
        range: start..end.unwrap_or(np_end).max(pos),
        inline_from,
        ends_block,
    })
}

struct FoundBracket {
    range: Range<usize>,
    bracket: Range<usize>,
    counts: (usize, usize),
}

/// A bracketed list after a count at `start` whose noun phrase is `w` (at most 7
/// words); the bracket is looked for before the noun is lowered and read.
fn bracketed(
    t: &str,
    start: usize,
    w: &[(usize, usize)],
    units: &[String],
    settings: &EnumerationSettings,
) -> Option<FoundBracket> {
    let &(_, np_end) = w.last()?;
    let gap = t[np_end..].len() - t[np_end..].trim_start_matches(' ').len();
    if !t[np_end + gap..].starts_with('(') || !noun_ok_lower(&lowered(t, w), units, false) {
        return None;
    }
    bracket_list(t, start, np_end, gap, settings)
}

/// `bracketed` as it was first written: the noun read before the bracket. Kept to test
/// `bracketed`.
#[cfg(test)]
fn bracketed_slow(
    t: &str,
    start: usize,
    rest_start: usize,
    units: &[String],
    settings: &EnumerationSettings,
) -> Option<FoundBracket> {
    let w = words(t, rest_start, 7);
    let k = w.len();
    if k == 0 || !noun_ok(t, &w, units, false) {
        return None;
    }
    let np_end = w[k - 1].1;
    let gap = t[np_end..].len() - t[np_end..].trim_start_matches(' ').len();
    if !t[np_end + gap..].starts_with('(') {
        return None;
    }
    bracket_list(t, start, np_end, gap, settings)
}

/// The names in the bracket that opens `gap` spaces after the noun phrase ending at
/// `np_end`, and how many they are.
fn bracket_list(
    t: &str,
    start: usize,
    np_end: usize,
    gap: usize,
    settings: &EnumerationSettings,
) -> Option<FoundBracket> {
    let open = np_end + gap;
    let inner_start = open + 1;
    // a list of names is short: look for its end within a few hundred bytes
    let close = inner_start + window(t, inner_start, 400).find(')')?;
    let inner = &t[inner_start..close];
    if inner.contains('(') {
        return None;
    }
    // `(Lào, Campuchia) và Trung Quốc`: the list goes on outside
    let after = lower(window(t, close + 1, 24).trim_start());
    if starts_with_words(&after, "và") || starts_with_words(&after, "cùng") {
        return None;
    }
    let mut li = lower(inner.trim());
    for intro in ["gồm có", "bao gồm", "gồm", "là"] {
        if starts_with_words(&li, intro) {
            li = li[intro.len()..].trim_start().to_string();
            break;
        }
    }
    if settings
        .bracket_subset
        .iter()
        .any(|s| starts_with_words(&li, &lower(s)))
    {
        return None;
    }
    if li.chars().any(|c| c.is_ascii_digit())
        || li.contains("...")
        || li.contains('…')
        || li.contains("v.v")
        || li.contains(';')
        || li.contains(':')
        || li.contains('"')
        || li.contains('“')
        || li.split_whitespace().any(|x| x == "khác" || x == "vv")
    {
        return None;
    }
    let items: Vec<&str> = li.split(',').map(str::trim).collect();
    if items
        .iter()
        .any(|x| x.is_empty() || x.split_whitespace().count() > 6)
    {
        return None;
    }
    let commas = items.len();
    let last_has_and = items
        .last()
        .is_some_and(|x| x.contains(" và ") || x.contains(" hoặc "));
    if commas < 2 && !last_has_and {
        return None;
    }
    let with_and = commas + usize::from(last_has_and);
    Some(FoundBracket {
        range: start..np_end,
        bracket: open..close + 1,
        counts: (commas, with_and),
    })
}

/// Items counted after an announcement: how many, and the source spans of their markers.
pub struct Items {
    pub count: usize,
    /// Counted from semicolons, which also join clauses of one item: a warning at most.
    pub loose: bool,
    /// The list was broken off by a heading or a question: fewer items prove nothing.
    pub cut: bool,
    /// Counts that would also match (a soft `Cuối cùng` item, the highest number).
    also: Vec<usize>,
    spans: Vec<(Range<usize>, String)>,
}

/// The list whose first item opens at `pos` (the block start, or just after the colon).
fn list_at(
    markers: &[Marker],
    lists: &Lists,
    block: usize,
    from: usize,
    to: usize,
) -> Option<Items> {
    // markers are in text order
    let mi = markers.partition_point(|m| m.pos < from);
    markers
        .get(mi)
        .filter(|m| m.block == block && m.pos <= to)?;
    let l = lists.list_of.get(mi).copied().flatten()?;
    let list = lists.lists.get(l)?;
    if list.items.first() != Some(&mi) {
        return None;
    }
    let m = markers.get(mi)?;
    let opens = m.soft.is_some() || m.cands.iter().any(|c| c.value == 1);
    if !opens {
        return None;
    }
    let count = list.items.len();
    let cut = list.cut;
    let mut also = vec![
        list.numbered(markers),
        usize::try_from(list.max).unwrap_or(0),
    ];
    if list.soft_last {
        also.push(count - 1);
    }
    if count < 2 {
        return None;
    }
    let spans = list
        .items
        .iter()
        .filter_map(|&i| markers.get(i))
        .map(|m| (m.src.clone(), m.written.trim().to_string()))
        .collect();
    Some(Items {
        count,
        loose: false,
        cut,
        also,
        spans,
    })
}

/// The Markdown list items opening at block `j`, at the first item's indentation.
fn list_items(doc: &Document, j: usize) -> Option<Items> {
    let mut count = 0;
    let mut indent = None;
    let mut spans = Vec::new();
    for b in doc.blocks.get(j..)? {
        match b.kind {
            BlockKind::FootnoteBody { .. } => continue,
            BlockKind::ListItem => {}
            _ => break,
        }
        let Some(m) = list_mark(doc, b) else {
            continue;
        };
        let base = *indent.get_or_insert(m.indent);
        if m.indent > base {
            continue;
        }
        if m.indent < base {
            break;
        }
        count += 1;
        let written = doc
            .source_get(m.src.clone())
            .unwrap_or_default()
            .into_owned();
        spans.push((m.src.clone(), written));
    }
    (count >= 1).then_some(Items {
        count,
        loose: false,
        cut: false,
        also: Vec::new(),
        spans,
    })
}

/// Semicolon-separated items after a colon, to the end of the sentence.
fn semicolons(t: &str, base: usize, from: usize) -> Option<Items> {
    let s = t.get(from - base..)?;
    // a list of clauses fits in a few thousand bytes; past that, stay silent
    const MAX_LIST_BYTES: usize = 4000;
    let mut end = s.len();
    let truncated = end > MAX_LIST_BYTES;
    if truncated {
        end = MAX_LIST_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
    }
    let s = &s[..end];
    let mut end = s.len();
    let mut closed = false;
    for (k, _) in s.match_indices(". ") {
        if s[k + 2..].starts_with(|c: char| c.is_uppercase()) {
            end = k;
            closed = true;
            break;
        }
    }
    if !closed && truncated {
        return None;
    }
    let sentence = &s[..end];
    let mut depth = 0i32;
    let mut parts = 0;
    let mut seg_start = 0;
    let mut nonempty = true;
    for (k, c) in sentence.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth == 0 => {
                if sentence[seg_start..k].trim().is_empty() {
                    nonempty = false;
                }
                parts += 1;
                seg_start = k + 1;
            }
            _ => {}
        }
    }
    if parts == 0 || !nonempty {
        return None;
    }
    let last = sentence[seg_start..].trim().trim_end_matches('.');
    if !last.is_empty() {
        parts += 1;
    }
    // a trailing `...` leaves the list open
    if sentence.trim_end().ends_with("...") || sentence.trim_end().ends_with('…') {
        return None;
    }
    Some(Items {
        count: parts,
        loose: true,
        cut: false,
        also: Vec::new(),
        spans: Vec::new(),
    })
}

/// Every announcement of the document with the items counted after it (`None` where
/// no items are clearly the announced ones).
pub fn pairs(
    doc: &Document,
    markers: &[Marker],
    lists: &Lists,
    settings: &EnumerationSettings,
) -> (Vec<(Announce, Option<Items>)>, Vec<Bracketed>) {
    let mut out = Vec::new();
    let mut brackets = Vec::new();
    let lexicon = Words::new(settings);
    for (bi, block) in doc.blocks.iter().enumerate() {
        if matches!(
            block.kind,
            BlockKind::FootnoteBody { .. } | BlockKind::Other
        ) {
            continue;
        }
        let t = doc.block_text(block);
        let (ann, brk) = find(t, block.range.start, &lexicon);
        brackets.extend(brk);
        for a in ann {
            let items = if a.ends_block {
                // the next block, past footnote texts a page break left between
                let j = (bi + 1..doc.blocks.len())
                    .find(|&j| !matches!(doc.blocks[j].kind, BlockKind::FootnoteBody { .. }));
                j.and_then(|j| {
                    let b = &doc.blocks[j];
                    let bullet = b.kind == BlockKind::ListItem
                        && list_mark(doc, b).is_some_and(|m| m.number.is_none());
                    if bullet {
                        list_items(doc, j)
                    } else {
                        list_at(markers, lists, j, b.range.start, b.range.start).or_else(|| {
                            (b.kind == BlockKind::ListItem)
                                .then(|| list_items(doc, j))
                                .flatten()
                        })
                    }
                })
            } else if let Some(from) = a.inline_from {
                list_at(markers, lists, bi, from, from + 1)
                    .or_else(|| semicolons(t, block.range.start, from))
            } else {
                None
            };
            out.push((a, items));
        }
    }
    (out, brackets)
}

pub fn check(
    doc: &Document,
    markers: &[Marker],
    lists: &Lists,
    settings: &EnumerationSettings,
    severity: Severity,
    out: &mut Vec<Finding>,
) {
    let (pairs, brackets) = pairs(doc, markers, lists, settings);
    for (a, items) in pairs {
        let Some(items) = items else {
            continue;
        };
        let n = usize::try_from(a.n).unwrap_or(0);
        if items.count == n || items.also.contains(&n) || (items.cut && items.count < n) {
            continue;
        }
        let sev = if items.loose {
            severity.min(Severity::Warning)
        } else {
            severity
        };
        out.push(count_finding(doc, &a, &items, sev));
    }
    for b in brackets {
        let n = usize::try_from(b.n).unwrap_or(0);
        if b.counts.0 == n || b.counts.1 == n {
            continue;
        }
        out.push(bracket_finding(doc, &b, severity));
    }
}

fn count_finding(doc: &Document, a: &Announce, items: &Items, severity: Severity) -> Finding {
    let written = doc.text.get(a.range.clone()).unwrap_or_default();
    let (n, k) = (usize::try_from(a.n).unwrap_or(0), items.count);
    let related: Vec<Related> = items
        .spans
        .iter()
        .enumerate()
        .take(20)
        .map(|(i, (span, w))| Related {
            location: Location {
                file: doc.path.clone(),
                span: span.clone(),
            },
            message: Text::new(
                format!("mục {} ({w})", i + 1),
                format!("item {} ({w})", i + 1),
            ),
        })
        .collect();
    let fewer = k < n;
    Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!("báo trước {n} mục nhưng liệt kê {k}: {written}"),
            format!("{n} items announced but {k} listed: {written}"),
        ),
        primary: Location {
            file: doc.path.clone(),
            span: doc.source_range(a.range.clone()),
        },
        label: Text::new(format!("báo trước {n}"), format!("announces {n}")),
        related,
        help: Some(if fewer {
            Text::new(
                format!(
                    "sửa số lượng thành {k}, hoặc bổ sung {} mục còn thiếu",
                    n - k
                ),
                format!(
                    "change the count to {k}, or add the {} missing item(s)",
                    n - k
                ),
            )
        } else {
            Text::new(
                format!("sửa số lượng thành {k}, hoặc gộp bớt {} mục", k - n),
                format!("change the count to {k}, or merge {} of the items", k - n),
            )
        }),
        notes: Vec::new(),
        fix: None,
    }
}

fn bracket_finding(doc: &Document, b: &Bracketed, severity: Severity) -> Finding {
    let written = doc.text.get(b.range.clone()).unwrap_or_default();
    let inner = doc.text.get(b.bracket.clone()).unwrap_or_default();
    let n = b.n;
    let k = b.counts.1;
    let ks = if b.counts.0 == b.counts.1 {
        k.to_string()
    } else {
        format!("{} hoặc {}", b.counts.0, b.counts.1)
    };
    let ks_en = if b.counts.0 == b.counts.1 {
        k.to_string()
    } else {
        format!("{} or {}", b.counts.0, b.counts.1)
    };
    Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!("nêu {n} nhưng trong ngoặc chỉ kể {ks}: {written} {inner}"),
            format!("{n} stated but {ks_en} named in the brackets: {written} {inner}"),
        ),
        primary: Location {
            file: doc.path.clone(),
            span: doc.source_range(b.range.clone()),
        },
        label: Text::new(format!("nêu {n}"), format!("states {n}")),
        related: vec![Related {
            location: Location {
                file: doc.path.clone(),
                span: doc.source_range(b.bracket.clone()),
            },
            message: Text::new(format!("kể {ks}"), format!("names {ks_en}")),
        }],
        help: Some(Text::new(
            format!("sửa số {n} cho khớp với danh sách, hoặc bổ sung tên còn thiếu trong ngoặc"),
            format!("make the count {n} match the list, or add the missing names to the brackets"),
        )),
        notes: Vec::new(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(t: &str) -> Vec<(u32, String, bool)> {
        let s = EnumerationSettings::default();
        find(t, 0, &Words::new(&s))
            .0
            .into_iter()
            .map(|a| (a.n, t[a.range].to_string(), a.ends_block))
            .collect()
    }

    fn brk(t: &str) -> Vec<(u32, String, (usize, usize))> {
        let s = EnumerationSettings::default();
        find(t, 0, &Words::new(&s))
            .1
            .into_iter()
            .map(|b| (b.n, t[b.range].to_string(), b.counts))
            .collect()
    }

    /// The words lowered once give what lowering them on each call gave: every run of
    /// words after every word of every text of the project, each prefix, either `năm`.
    #[test]
    fn nouns_lowered_once_read_as_before() {
        let s = EnumerationSettings::default();
        let words_data = Words::new(&s);
        let mut units = words_data.units.clone();
        // two-word units, and the empty one a lone word is compared with
        units.extend(["điểm mới", "nhiệm vụ", ""].map(String::from));
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.push("có 3 NHIỆM VỤ sau: a; b. 2 ĐIỂM MỚI: x; y. ΑΣ ΣΑ 4 Σ và".to_string());
        let (mut runs, mut ok) = (0, 0);
        for t in &texts {
            let mut ends = Vec::new();
            crate::text::for_each_word(t, |_, e| ends.push(e));
            for e in ends {
                let w = words(t, e, 9);
                let (w9, n9) = words9(t, e);
                assert_eq!(&w9[..n9], &w[..]);
                let lw = lowered(t, &w);
                for k in 0..=w.len() {
                    for is_nam in [false, true] {
                        let fast = noun_ok_lower(&lw[..k], &units, is_nam);
                        assert_eq!(fast, noun_ok(t, &w[..k], &units, is_nam), "{:?}", &t[e..]);
                        runs += 1;
                        ok += usize::from(fast);
                    }
                }
            }
        }
        assert!(runs > 100_000 && ok > 10_000, "{runs} {ok}");
    }

    /// `find` reads what follows a count before the words before it, and lowers the
    /// nouns once: the same announcements and brackets as `find_slow`, on every block of
    /// every text of the project and on made-up ones.
    #[test]
    fn find_reads_as_find_slow() {
        let s = EnumerationSettings::default();
        let lexicon = Words::new(&s);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "Điều 3 nước (Lào, Campuchia, Thái Lan) và phụ lục 2 điểm sau đây:",
                "lần thứ 4 nhiệm vụ sau: a; b. Có 3 nhiệm vụ trong năm sau: x; y; z.",
                "với 2 nước (Lào và Campuchia). 5 NĂM SAU: a. Ba điểm mới sau đây:",
                "trong 3 năm tới: a; b. Gồm 2 nội dung, gồm: x; y",
            ]
            .map(String::from),
        );
        let (mut blocks, mut found) = (0, 0);
        for t in &texts {
            let doc = Document::from_source("t.md", t.clone());
            for block in &doc.blocks {
                let bt = doc.block_text(block);
                let fast = find(bt, block.range.start, &lexicon);
                assert_eq!(fast, find_slow(bt, block.range.start, &lexicon), "{bt}");
                blocks += 1;
                found += fast.0.len() + fast.1.len();
            }
        }
        assert!(
            blocks > 1000 && found > 20,
            "{blocks} blocks, {found} found"
        );
    }

    /// The words `for_each_count_start` gives are those of `for_each_word` that
    /// `may_count` keeps, and `find` finds what `find_by_words` finds, on every text of
    /// the project (whole and block by block) and on made-up ones where a count follows
    /// a character that is not ASCII.
    #[test]
    fn count_starts_are_the_words_that_may_count() {
        let s = EnumerationSettings::default();
        let lexicon = Words::new(&s);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "“3 nước (Lào, Campuchia)” –5 điểm sau: a; b ×2 việc ố3 Ba ầHai İhai",
                "ố12 nhiệm vụ sau đây: x; y. …Bốn điểm: a; b; c; d. \u{301}4 nhóm",
                "3",
                "hai",
                "ăm 3 ",
                "",
                "\u{a0}3 nước\u{a0}hai điểm\u{a0}(a, b)",
                "Ba\u{300} điểm sau: a; b. Ha\u{300}i nhiệm vụ",
                "\u{200b}5 nhiệm vụ\u{200b}: a; b\u{feff}4 việc",
                "có 3 việc:\r\n- a\r\n- b\r\n2 điểm:\r\n",
                "99999999999999999999 nước 123 02 30 31 chín mươi 0 1 mười hai",
            ]
            .map(String::from),
        );
        let (mut words, mut found) = (0, 0);
        for t in &texts {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            for_each_count_start(t, |a, b| fast.push((a, b)));
            for_each_word(t, |a, b| {
                if may_count(t, a) {
                    slow.push((a, b));
                }
            });
            assert_eq!(fast, slow);
            words += fast.len();
            let whole = find(t, 0, &lexicon);
            assert_eq!(whole, find_by_words(t, 0, &lexicon));
            let doc = Document::from_source("t.md", t.clone());
            for block in &doc.blocks {
                let bt = doc.block_text(block);
                let f = find(bt, block.range.start, &lexicon);
                assert_eq!(f, find_by_words(bt, block.range.start, &lexicon), "{bt}");
                found += f.0.len() + f.1.len();
            }
        }
        assert!(words > 2_000 && found > 20, "{words} words, {found} found");
    }

    /// No character lowers to a letter of a count word but those `spellings` writes it
    /// with, on every code point: `THIRD_BYTES` rules out no spelling `count_at` reads.
    #[test]
    fn the_spellings_are_every_character_that_lowers_to_a_count_letter() {
        let letters: Vec<char> = COUNT_WORDS.iter().flat_map(|w| w.chars()).collect();
        let mut seen = 0;
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            let l = lower_char(c);
            if !letters.contains(&l) {
                continue;
            }
            let forms = spellings(&l.to_string());
            assert!(forms.contains(&c.to_string()), "{c:?} lowers to {l:?}");
            seen += 1;
        }
        assert!(seen > 2 * 15, "{seen}");
        // every count word is read as one in each of its spellings, and they are many
        let mut n = 0;
        for w in COUNT_WORDS {
            for s in spellings(w) {
                let t = format!("{s} nhiệm vụ sau đây:");
                assert!(count_at(&t, 0, word_len(&t)).is_some(), "{t}");
                assert!(may_count(&t, 0) && next_start(&t, 0) == Some(0), "{t}");
                n += 1;
            }
        }
        assert!(n > 100, "{n}");
    }

    /// `third_may_count` reads from `THIRD_BYTES` what `may_count` reads from the
    /// spellings, for every three bytes `COUNT_PAIRS` lets through.
    #[test]
    fn third_bytes_are_the_spellings() {
        let mut yes = 0;
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                if !COUNT_PAIRS[usize::from(u16::from_le_bytes([x, y]))] {
                    continue;
                }
                for z in 0..=255u8 {
                    let b = [x, y, z];
                    let slow = if x.is_ascii_digit() {
                        y == b' ' || (y.is_ascii_digit() && z == b' ')
                    } else {
                        may_spell_count_word(&b)
                    };
                    assert_eq!(third_may_count(&b, 0, &THIRD_BYTES), slow, "{b:?}");
                    yes += usize::from(slow);
                }
            }
        }
        assert!(yes > 1000, "{yes}");
    }

    /// Words `third_may_count` rules out are the words `read_count` found nothing in,
    /// one by one: digits and number words in every case and length.
    #[test]
    fn third_bytes_rule_out_only_words_without_a_count() {
        let s = EnumerationSettings::default();
        let lexicon = Words::new(&s);
        let mut ruled_out = 0;
        let words = [
            "3",
            "12",
            "123",
            "02",
            "30",
            "31",
            "1,5",
            "2023",
            "5%",
            "2/3",
            "một",
            "MỘT",
            "mười",
            "MƯỜI",
            "Mười",
            "mới",
            "mức",
            "hai",
            "HAİ",
            "hay",
            "han",
            "ba",
            "BA",
            "ban",
            "bao",
            "Ba\u{300}",
            "bốn",
            "bộ",
            "bảy",
            "bẩy",
            "bản",
            "năm",
            "NĂM",
            "năng",
            "sáu",
            "sáng",
            "tám",
            "tài",
            "chín",
            "CHÍN",
            "chính",
            "cho",
            "chỉ",
        ];
        for w in words {
            for tail in [
                "",
                " ",
                " nhiệm vụ sau:",
                ", ",
                "\u{a0}điểm sau đây: a; b",
                " 2 việc:",
            ] {
                let t = format!("{w}{tail}");
                let b = t.as_bytes();
                let slow = find_slow(&t, 0, &lexicon);
                if !third_may_count(b, 0, &THIRD_BYTES) {
                    // nothing starts at the word ruled out (a count after it may)
                    assert!(count_at(&t, 0, word_len(&t)).is_none(), "{t}");
                    assert!(slow.0.iter().all(|a| a.range.start > 0), "{t}");
                    assert!(slow.1.iter().all(|b| b.range.start > 0), "{t}");
                    ruled_out += 1;
                }
                assert_eq!(find(&t, 0, &lexicon), slow, "{t}");
            }
        }
        assert!(ruled_out > 50, "{ruled_out}");
    }

    /// `next_start` finds what `next_start_slow` finds: from every place of the texts of
    /// the project up to 4 KiB and of odd ones, and along the chain `for_each_count_start`
    /// follows on every text of the project; and `COUNT_STEP` is 0 where `COUNT_PAIRS`
    /// lets two bytes through.
    #[test]
    fn next_start_finds_what_the_byte_by_byte_loop_finds() {
        for k in 0..65536usize {
            assert_eq!(COUNT_STEP[k] == 0, COUNT_PAIRS[k], "{k}");
        }
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "",
                "3",
                "a3",
                "ầ3",
                "hai",
                "xhai 3 Ba",
                "12 34 567 8\r\n9 chín\u{a0}mười ba",
                "Ha\u{300}i ba\u{301}y, “3 nước” –5 İhai ×2 ố12",
                "\u{200b}5 việc\u{feff}4 nhóm\u{ad}hai",
                "99999999999999999999 nước 02 30 31 chín mươi 0 1 mười hai",
            ]
            .map(String::from),
        );
        let (mut starts, mut places) = (0, 0);
        for t in &texts {
            let mut from = 0;
            while let Some(i) = next_start_slow(t, from) {
                assert_eq!(next_start(t, from), Some(i), "{from} in {t:?}");
                starts += 1;
                from = i + 1;
            }
            assert_eq!(next_start(t, from), None, "{from} in {t:?}");
            if t.len() <= 4096 {
                for from in 0..=t.len() + 1 {
                    assert_eq!(next_start(t, from), next_start_slow(t, from), "{from}");
                    places += 1;
                }
            }
        }
        assert!(starts > 2_000 && places > 100_000, "{starts} {places}");
    }

    /// `COUNT_PAIRS` is `may_count` of every two bytes, and of none at the end of the
    /// text but for a digit.
    #[test]
    fn count_pairs_are_may_count_of_two_bytes() {
        let mut yes = 0;
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let fast = COUNT_PAIRS[usize::from(u16::from_le_bytes([x, y]))];
                let slow = x.is_ascii_digit() || !number_words_by_start(x, Some(y)).is_empty();
                assert_eq!(fast, slow, "{x} {y}");
                yes += usize::from(fast);
            }
            let alone = [x];
            if let Ok(t) = std::str::from_utf8(&alone) {
                assert_eq!(next_start(t, 0).is_some(), may_count(t, 0), "{x}");
            }
        }
        assert!(yes > 10 * 256, "{yes}");
    }

    /// A place `Phrases::may_start` rules out matches no phrase, on every place after a
    /// space of every project text, for the phrases of the settings and with an empty one.
    #[test]
    fn phrases_ruled_out_by_their_first_letter_match_nothing() {
        let s = EnumerationSettings::default();
        let lexicon = Words::new(&s);
        let with_empty = Phrases::new(vec!["là".to_string(), String::new()]);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.push("6 điểm SAU ĐÂY: 4 nhóm Như sau; 3 việc, Gồm: 2 điều, LÀ: x".to_string());
        let (mut ruled_out, mut matched) = (0, 0);
        for t in &texts {
            for (i, _) in t.match_indices(' ') {
                let rest = &t[i + 1..];
                for phrases in [&lexicon.after, &lexicon.connectors, &with_empty] {
                    let any = phrases.list.iter().any(|p| match_words(rest, p).is_some());
                    if !phrases.may_start(rest) {
                        assert!(!any, "{:?}", &rest[..rest.len().min(20)]);
                        ruled_out += 1;
                    }
                    matched += usize::from(any);
                }
            }
        }
        assert!(
            ruled_out > 50_000 && matched > 1000,
            "{ruled_out} {matched}"
        );
    }

    /// `Phrases::lead` knows the first byte of every character that is, or lowers to,
    /// the first letter of a phrase of the settings: checked on every code point.
    #[test]
    fn phrase_lead_bytes_cover_every_first_letter() {
        let s = EnumerationSettings::default();
        let lexicon = Words::new(&s);
        let mut seen = 0;
        for phrases in [&lexicon.after, &lexicon.connectors] {
            let firsts = phrases.firsts.clone().unwrap_or_default();
            assert!(!firsts.is_empty());
            for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
                if firsts.contains(&c) || firsts.contains(&lower_char(c)) {
                    let mut buf = [0u8; 4];
                    let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                    assert!(phrases.lead[usize::from(lead)], "{c:?}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 10, "{seen}");
    }

    #[test]
    fn announcements() {
        assert_eq!(
            ann("Nổi bật là ở 6 điểm sau đây:"),
            vec![(6, "6 điểm sau đây".to_string(), true)]
        );
        assert_eq!(
            ann("thêm một số vấn đề cần quan tâm sau đây, có 5 vấn đề:"),
            vec![(5, "5 vấn đề".to_string(), true)]
        );
        assert_eq!(
            ann("ngành sẽ tập trung vào 3 định hướng lớn sau:"),
            vec![(3, "3 định hướng lớn sau".to_string(), true)]
        );
        assert_eq!(
            ann("cần tập trung vào 4 nhóm giải pháp mang tính đột phá như sau:"),
            vec![(
                4,
                "4 nhóm giải pháp mang tính đột phá như sau".to_string(),
                true
            )]
        );
        assert_eq!(
            ann("Kế hoạch gồm 4 nhiệm vụ: rà soát; sửa đổi; ban hành; kiểm tra."),
            vec![(4, "4 nhiệm vụ".to_string(), false)]
        );
        assert_eq!(
            ann("Bộ xác định ba nhiệm vụ trọng tâm, gồm:"),
            vec![(3, "ba nhiệm vụ trọng tâm, gồm".to_string(), true)]
        );
    }

    #[test]
    fn not_announcements() {
        // measures, labels, ordinals, a sentence that runs on
        assert!(ann("Trong 3 năm qua:").is_empty());
        assert!(ann("Trong năm qua:").is_empty());
        assert!(ann("tại Kỳ họp thứ 8 sau:").is_empty());
        assert!(ann("Đoàn sẽ ở lại 2 ngày sau khi kết thúc hội nghị.").is_empty());
        assert!(ann("Có 3 nước sau đó đã ký kết.").is_empty());
        assert!(ann("Trong 3 năm triển khai các nhiệm vụ sau:").is_empty());
        assert!(ann("ngày 12-8 sau:").is_empty());
        assert!(ann("một số vấn đề sau đây:").is_empty());
    }

    #[test]
    fn bracketed_counts() {
        assert_eq!(
            brk("với 3 nước có quan hệ đặc biệt (Lào, Campuchia) được tăng cường."),
            vec![(3, "3 nước có quan hệ đặc biệt".to_string(), (2, 2))]
        );
        assert_eq!(
            brk("với 2 nước (Lào và Campuchia)."),
            vec![(2, "2 nước".to_string(), (1, 2))]
        );
        // an acronym, examples, a subset, dates
        assert!(brk("16 Hiệp định Thương mại Tự do (FTA) đã ký").is_empty());
        assert!(brk("3 nước (như Lào, Campuchia)").is_empty());
        assert!(brk("3 nước (trong đó có Lào, Campuchia)").is_empty());
        assert!(brk("2 nước (Bahamas 01/2023, Tobago 02/2023)").is_empty());
        assert!(brk("3 nước (Lào, Campuchia...)").is_empty());
    }
}
