//! `style/*`: the house style of official Vietnamese text. Every rule here is a warning
//! with a fix, and a fix never changes what the text states.
//!
//! - `number`: English decimals and grouping (`36.6 tỷ`, `1,700`), and figures grouped
//!   one way here and another way there (`1.700` beside `1700`).
//! - `date`: dates written with two separators (`12-8-2021` beside `12/8/2021`) or with
//!   and without leading zeros (`07/9/2023` beside `7/9/2023`).
//! - `term`: a variant of the term list (`rules/terms.toml`) where the house form is wanted.
//! - `tone`: old (`hòa`) and new (`hoà`) tone-mark placement mixed in one document.
//!
//! Matching runs on the normalised text (`Document::text`); edits replace bytes of the
//! original file (`Document::source`), written in the file's own normal form, so an NFD
//! file gets NFD replacements. Each rule makes one pass over a document (numbers and dates
//! over its claims, terms and tone marks over its text); the term table is compiled once
//! per run.

mod date;
mod number;
mod term;
mod tone;

pub(crate) use term::Matcher as TermMatcher;

use std::ops::Range;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::document::Document;
use crate::finding::{Edit, Finding, Location};

use super::{Checker, Source};

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let terms = ck.severity(term::RULE).map(|sev| (ck.term_matcher(), sev));
    let number = ck.severity(number::RULE);
    let date = ck.severity(date::RULE);
    let tone = ck.severity(tone::RULE);
    let mut out = Vec::new();
    for s in sources.iter().filter(|s| !s.reference) {
        if let Some(sev) = number {
            out.extend(number::check(s, sev));
        }
        if let Some(sev) = date {
            out.extend(date::check(ck, s, sev));
        }
        // terms and tone marks share one pass over the words of the text
        let t = &s.doc.text;
        let mut hits = term::Hits::default();
        let mut words = Vec::new();
        if terms.is_some() || tone.is_some() {
            for_each_word(t, |a, b| {
                if let Some((m, _)) = &terms {
                    m.visit(t, a, &mut hits);
                }
                if tone.is_some() {
                    tone::visit(t, a..b, &mut words);
                }
            });
        }
        if let Some((m, sev)) = &terms {
            out.extend(m.findings(&s.doc, &hits, *sev));
        }
        if let Some(sev) = tone {
            out.extend(tone::finding(ck, &s.doc, &words, sev));
        }
    }
    out
}

/// Where a range of the normalised text is in the file.
fn location(doc: &Document, text_range: Range<usize>) -> Location {
    Location {
        file: doc.path.clone(),
        span: doc.source_range(text_range),
    }
}

/// An edit that replaces the source of `text_range` by `replacement` (given in NFC), or
/// `None` when the source there holds more than that text (markup inside the span). The
/// replacement is written in the normal form of the source it replaces.
fn edit(doc: &Document, text_range: Range<usize>, replacement: &str) -> Option<Edit> {
    let text = doc.text.get(text_range.clone())?;
    let span = doc.source_range(text_range);
    let source = doc.source_get(span.clone())?;
    let source = source.as_ref();
    let visible = |s: &str| -> String { s.nfc().filter(|c| !ignorable(*c)).collect() };
    if visible(source) != visible(text) {
        return None;
    }
    let replacement = if is_nfc(source) {
        replacement.to_string()
    } else {
        replacement.nfd().collect()
    };
    Some(Edit {
        location: Location {
            file: doc.path.clone(),
            span,
        },
        replacement,
    })
}

/// Characters the loader drops or turns into a plain space.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
}

/// Call `f` with the byte range of every word (a run of letters and digits) of `t`, in
/// order. Two tight loops (between words, `WORD_CLASS`; inside a word, `word_end`)
/// rather than one with a state, a byte classified by one table lookup: this runs over
/// every byte of every document. Inside a word a continuation byte is a word byte (its
/// character's first byte was taken as a letter), so a Vietnamese letter costs a lookup
/// a byte.
fn for_each_word(t: &str, mut f: impl FnMut(usize, usize)) {
    let b = t.as_bytes();
    let mut i = 0;
    loop {
        // at the start of a character here, never at a continuation byte
        let start = loop {
            let Some(&x) = b.get(i) else {
                return;
            };
            match WORD_CLASS[usize::from(x)] {
                W_OTHER => i += 1,
                W_WORD => break i,
                _ => {
                    let (word, n) = class_at(t, i);
                    if word {
                        break i;
                    }
                    i += n.max(1);
                }
            }
        };
        i = word_end(t, start + 1);
        // one call of `f` for every word, the last one too (two would have it inlined
        // at one of them only)
        f(start, i);
        if i >= b.len() {
            return;
        }
    }
}

/// Where the word that goes on at byte `i` of `t` ends. A byte `IN_RUN` lets through
/// costs a load and a lookup; the first byte of `Ạ`..`ỹ` (E1 B8..BB), the bytes of `×`
/// and `÷` (C3 97, C3 B7) and the rest are told apart after it.
#[inline(always)]
fn word_end(t: &str, mut i: usize) -> usize {
    let b = t.as_bytes();
    while let Some(&x) = b.get(i) {
        if IN_RUN[usize::from(x)] {
            i += 1;
            continue;
        }
        match x {
            0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => i += 3,
            // a continuation byte: after C3 it ends `×` or `÷`, which end the word at
            // their first byte
            0x97 | 0xb7 if i.checked_sub(1).and_then(|k| b.get(k)) == Some(&0xc3) => {
                return i - 1;
            }
            0x97 | 0xb7 => i += 1,
            _ if WORD_CLASS[usize::from(x)] == W_OTHER => return i,
            _ => {
                let (word, n) = class_at(t, i);
                if !word {
                    return i;
                }
                i += n.max(1);
            }
        }
    }
    b.len()
}

/// The bytes `word_end` steps over one at a time inside a word: ASCII letters and
/// digits, the continuation bytes but 97 and B7 (which end `×`, `÷` after C3), and the
/// first bytes of characters that are letters (C3, but for those two, and C4..C8:
/// U+00C0..U+023F).
static IN_RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < 256 {
        let x = k as u8;
        t[k] = x.is_ascii_alphanumeric()
            || (matches!(x, 0x80..=0xbf) && x != 0x97 && x != 0xb7)
            || matches!(x, 0xc3..=0xc8);
        k += 1;
    }
    t
};

/// `WORD_CLASS` of a first byte (between words): of an ASCII byte that is no letter or
/// digit; of an ASCII letter or digit, or the first byte of a character that is always
/// a letter (C4..C8: U+0100..U+023F); any other value: a byte for `class_at`.
const W_OTHER: u8 = 0;
const W_WORD: u8 = 1;
static WORD_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut k = 0;
    while k < 256 {
        let x = k as u8;
        t[k] = match x {
            0..=0x7f if x.is_ascii_alphanumeric() => W_WORD,
            0..=0x7f => W_OTHER,
            0xc4..=0xc8 => W_WORD,
            _ => 2,
        };
        k += 1;
    }
    t
};

/// The two-loop scan `for_each_word` replaced, all bytes past ASCII read by `class_at`.
/// Kept to test it against.
#[cfg(test)]
fn for_each_word_by_chars(t: &str, mut f: impl FnMut(usize, usize)) {
    let b = t.as_bytes();
    let mut i = 0;
    loop {
        let start = loop {
            let Some(&x) = b.get(i) else {
                return;
            };
            match ASCII_CLASS[usize::from(x)] {
                ASCII_WORD => break i,
                ASCII_OTHER => i += 1,
                _ => {
                    let (word, n) = class_at(t, i);
                    if word {
                        break i;
                    }
                    i += n.max(1);
                }
            }
        };
        while let Some(&x) = b.get(i) {
            match ASCII_CLASS[usize::from(x)] {
                ASCII_WORD => i += 1,
                ASCII_OTHER => break,
                _ => {
                    let (word, n) = class_at(t, i);
                    if !word {
                        break;
                    }
                    i += n.max(1);
                }
            }
        }
        f(start, i.min(b.len()));
        if i >= b.len() {
            return;
        }
    }
}

/// `ASCII_CLASS` of an ASCII letter or digit, of another ASCII byte; any other value is
/// a byte past ASCII, for `class_at`.
#[cfg(test)]
const ASCII_WORD: u8 = 1;
#[cfg(test)]
const ASCII_OTHER: u8 = 0;
#[cfg(test)]
static ASCII_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut k = 0;
    while k < 0x80 {
        t[k] = if (k as u8).is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        k += 1;
    }
    t
};

/// The one-state version `for_each_word` replaced, kept to test it against.
#[cfg(test)]
fn for_each_word_slow(t: &str, mut f: impl FnMut(usize, usize)) {
    let b = t.as_bytes();
    let mut i = 0;
    let mut start: Option<usize> = None;
    while i < b.len() {
        let (word, len) = if b[i] < 0x80 {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let (w, n) = class_at(t, i);
            (w, n.max(1))
        };
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(s, i);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        f(s, b.len());
    }
}

/// `is_word_char` of the character at byte `i` of `t`, and its length; the letters
/// Vietnamese uses and the signs around them are told by their UTF-8 bytes.
#[inline(always)]
fn class_at(t: &str, i: usize) -> (bool, usize) {
    let b = t.as_bytes();
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b.get(i) {
        // U+0080..U+00BF
        Some(0xc2) => (false, 2),
        // U+2000..U+206F
        Some(0xe2) if next(1) == 0x80 || (next(1) == 0x81 && next(2) <= 0xaf) => (false, 3),
        // U+3000..U+303F
        Some(0xe3) if next(1) == 0x80 => (false, 3),
        _ => crate::text::class_at(t, i),
    }
}

/// A letter or digit; the Latin ranges Vietnamese letters live in without a table lookup.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F | 0x1E00..=0x1EFF => c != '×' && c != '÷',
        0x80..=0xBF | 0x2000..=0x206F | 0x3000..=0x303F => false,
        _ => c.is_alphanumeric(),
    }
}

/// The first few items of a list, for notes.
fn examples(items: &[String], n: usize) -> String {
    let mut s = items
        .iter()
        .take(n)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > n {
        s.push_str(", …");
    }
    s
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod class_tests {
    #[test]
    fn class_at_is_is_word_char_on_every_code_point() {
        let s: String = (0..=0x10_ffffu32).filter_map(char::from_u32).collect();
        let mut i = 0;
        for c in s.chars() {
            assert_eq!(
                super::class_at(&s, i),
                (super::is_word_char(c), c.len_utf8()),
                "{c:?}"
            );
            i += c.len_utf8();
        }
    }
}
