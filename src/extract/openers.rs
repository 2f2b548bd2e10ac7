//! The words a quantity can open with, so the scanner skips every other word at once.
//!
//! Most words of a statement open nothing; trying the date, number-word and phrase parsers
//! at each of them was most of the extractor's cost. A word opens a quantity only if it is
//! a number word, a date keyword, `hàng`, or the first word of an idiom or currency
//! prefix of the rule files, so one set lookup on its lower-case letters decides. The
//! check is conservative: a word it cannot read cheaply (long, or with letters outside
//! the Latin ranges) is always tried.

use super::words::{NUMBER_WORDS, opens_number};
use crate::rules::Lexicon;

/// Words are looked up by their first `KEY_BYTES` lower-case bytes packed in a `u64`
/// (UTF-8 has no zero bytes, so the packing is one to one).
const KEY_BYTES: usize = 8;

/// The date keywords `date::parse_date` opens with, and `hàng` of `hàng trăm`.
const KEYWORDS: &[&str] = &["ngày", "năm", "tháng", "quý", "hàng"];

/// The lower-case words a quantity can open with, as keys in a small open-addressing
/// table (a lookup is a multiply and a compare or two).
#[derive(Debug, Clone)]
pub struct Openers {
    /// A fixed size, so that a slot index (a byte) needs no bounds check.
    slots: Box<[u64; SLOTS]>,
    /// Some opener is longer than a key: a longer word must be tried too.
    long: bool,
}

/// What the scanner does with the word at a word start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Try the parsers here.
    Try,
    /// No quantity opens here: the word's letters take this many bytes.
    Pass(usize),
}

const SLOTS: usize = 256;

impl Openers {
    pub fn new(lex: &Lexicon) -> Openers {
        let numbers = NUMBER_WORDS.iter().copied().filter(|w| opens_number(w));
        let phrases = lex
            .idioms
            .phrases()
            .chain(lex.currency_prefix.phrases())
            .map(first_word)
            .filter(|w| !w.is_empty());
        let mut o = Openers {
            slots: Box::new([0; SLOTS]),
            long: false,
        };
        for w in numbers.chain(KEYWORDS.iter().copied()).chain(phrases) {
            for v in case_variants(w) {
                match key(v.as_bytes()) {
                    Some(k) => o.insert(k),
                    None => o.long = true,
                }
            }
        }
        o
    }

    fn slot(k: u64) -> usize {
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
    }

    fn insert(&mut self, k: u64) {
        // more openers than slots: the rest are found by trying every word
        if self.slots.iter().filter(|&&s| s != 0).count() >= SLOTS / 2 {
            self.long = true;
            self.slots.iter_mut().for_each(|s| *s = u64::MAX);
            return;
        }
        let mut i = Self::slot(k);
        while self.slots[i] != 0 && self.slots[i] != k {
            i = (i + 1) % SLOTS;
        }
        self.slots[i] = k;
    }

    fn contains(&self, k: u64) -> bool {
        let mut i = Self::slot(k);
        loop {
            match self.slots[i] {
                0 => return false,
                u64::MAX => return true,
                s if s == k => return true,
                _ => i = (i + 1) % SLOTS,
            }
        }
    }

    /// Whether the word starting at `text` (a word start, a letter) may open a quantity.
    #[cfg(test)]
    pub fn may_open(&self, text: &str) -> bool {
        self.verdict(text) == Verdict::Try
    }

    /// The verdict on the word starting at `text`. Its letters are read from the bytes:
    /// ASCII (folded to lower case), and the two- and three-byte ranges Vietnamese letters
    /// live in, taken as they are, since the table holds every upper/lower mix of an
    /// opener's non-ASCII letters. Anything else is looked at as a char, and a letter
    /// outside those ranges is always tried.
    ///
    /// The word's end is found first, by lead bytes alone; its key is then its first
    /// `KEY_BYTES` bytes read at once, with ASCII folded by a mask (the per-byte packing
    /// was the extractor's hottest loop).
    #[inline(always)]
    pub fn verdict(&self, text: &str) -> Verdict {
        let n = match letters_len(text) {
            Some(n) => n,
            None => return Verdict::Try,
        };
        let opens = if n > KEY_BYTES {
            self.long
        } else {
            n > 0 && self.contains(fold_key(text.as_bytes(), n))
        };
        if opens {
            Verdict::Try
        } else {
            Verdict::Pass(n)
        }
    }

    /// `verdict` as it was first written, a byte at a time: the reference the fast one
    /// is tested against.
    #[cfg(test)]
    fn verdict_bytewise(&self, text: &str) -> Verdict {
        let b = text.as_bytes();
        let mut k: u64 = 0;
        let mut n = 0usize;
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            let len = match x {
                b'A'..=b'Z' | b'a'..=b'z' => 1,
                0x00..=0x7f => break,
                0xc3..=0xc9 => match b.get(i + 1) {
                    Some(0x97 | 0xb7) if x == 0xc3 => break,
                    Some(_) => 2,
                    None => break,
                },
                0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => 3,
                _ => match text.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) if is_letter(c) => return Verdict::Try,
                    _ => break,
                },
            };
            for &y in b.get(i..i + len).unwrap_or(&[]) {
                if n < KEY_BYTES {
                    let y = if y.is_ascii() { y | 0x20 } else { y };
                    k |= u64::from(y) << (8 * n);
                }
                n += 1;
            }
            i += len;
        }
        let opens = if n > KEY_BYTES {
            self.long
        } else {
            n > 0 && self.contains(k)
        };
        if opens {
            Verdict::Try
        } else {
            Verdict::Pass(i)
        }
    }
}

/// Bytes taken by the leading letters of `text` that `verdict` reads from their bytes:
/// ASCII letters, U+00C0..U+027F but `×` `÷` (lead bytes C3..C9), U+1E00..U+1EFF (E1 B8..BB).
/// `None` when the run stops at another letter (the word must be tried).
#[inline(always)]
fn letters_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            b'A'..=b'Z' | b'a'..=b'z' => i += 1,
            0x00..=0x7f => break,
            // a lead byte of a valid string always has its continuation bytes
            0xc3 if matches!(b.get(i + 1), Some(0x97 | 0xb7)) => break,
            0xc3..=0xc9 => i += 2,
            0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => i += 3,
            _ => match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if is_letter(c) => return None,
                _ => break,
            },
        }
    }
    Some(i)
}

/// The key of the first `n` (at most `KEY_BYTES`) bytes of `b`, letters as `letters_len`
/// reads them: little-endian, zero-padded, ASCII bytes (letters, so `| 0x20` lowers them)
/// folded to lower case and the others kept.
#[inline]
fn fold_key(b: &[u8], n: usize) -> u64 {
    let mut buf = [0u8; KEY_BYTES];
    let n = n.min(KEY_BYTES).min(b.len());
    match b.first_chunk::<KEY_BYTES>() {
        Some(c) => buf = *c,
        None => buf[..n].copy_from_slice(&b[..n]),
    }
    let w = u64::from_le_bytes(buf);
    let keep = if n == KEY_BYTES {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    // 0x20 in each byte whose top bit is clear
    let ascii_case = (!w & 0x8080_8080_8080_8080) >> 2;
    (w | ascii_case) & keep
}

/// `word` with its non-ASCII letters in every mix of lower and upper case (`năm`, `nĂm`):
/// what `verdict` may see for it once ASCII is folded.
fn case_variants(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let mut up = c.to_uppercase();
        let upper = match (up.next(), up.next()) {
            (Some(u), None) if !c.is_ascii() && u != c && u.len_utf8() == c.len_utf8() => Some(u),
            _ => None,
        };
        let mut next = Vec::with_capacity(out.len() * 2);
        for v in &out {
            next.push(format!("{v}{c}"));
            if let Some(u) = upper {
                next.push(format!("{v}{u}"));
            }
        }
        out = next;
    }
    out
}

/// `word` packed in a `u64`, zero-padded; `None` if it does not fit. UTF-8 has no zero
/// bytes in a word, so no two words share a key, and no word's key is 0 or `u64::MAX`.
fn key(word: &[u8]) -> Option<u64> {
    let mut buf = [0u8; KEY_BYTES];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    let k = u64::from_le_bytes(buf);
    (k != 0).then_some(k)
}

/// A word character of the scanner that is not an ASCII digit.
fn is_letter(c: char) -> bool {
    super::is_word_char(c) && !c.is_ascii_digit()
}

/// The letters a phrase starts with (`us` of `us$`, `một` of `một số`).
fn first_word(phrase: &str) -> &str {
    let end = phrase
        .char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(phrase.len(), |(i, _)| i);
    &phrase[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn openers() -> Openers {
        let rules = RuleSet::embedded().expect("embedded rules");
        Openers::new(&Lexicon::new(&rules))
    }

    #[test]
    fn number_words_dates_and_rule_phrases_open_in_any_case() {
        let o = openers();
        for w in [
            "hai ", "Hai", "BA", "mười", "Năm", "tháng", "Ngày", "quý", "hàng", "một", "con",
            "USD1", "us$",
        ] {
            assert!(o.may_open(w), "{w}");
        }
    }

    #[test]
    fn ordinary_words_do_not() {
        let o = openers();
        for w in [
            "phát triển",
            "kinh",
            "tế",
            "ban",
            "bao",
            "Việt",
            "COP26",
            "ngành",
            "tư tưởng",
        ] {
            assert!(!o.may_open(w), "{w}");
        }
    }

    #[test]
    fn words_it_cannot_read_cheaply_are_always_tried() {
        let o = openers();
        assert!(o.may_open("Ωμέγα"));
    }

    /// Every word start of `t`: the start of the text and each char after a non-letter.
    fn word_starts(t: &str) -> impl Iterator<Item = usize> + '_ {
        let mut prev_letter = false;
        t.char_indices().filter_map(move |(i, c)| {
            let start = !prev_letter;
            prev_letter = is_letter(c);
            start.then_some(i)
        })
    }

    /// The mask-and-load verdict is the byte-at-a-time one, at every word start of every
    /// text the project has.
    #[test]
    fn fast_verdict_is_the_bytewise_one_on_every_text() {
        let o = openers();
        let texts = crate::testing::project_texts();
        let mut words = 0;
        for t in &texts {
            for i in word_starts(t) {
                assert_eq!(
                    o.verdict(&t[i..]),
                    o.verdict_bytewise(&t[i..]),
                    "{:?}",
                    &t[i..]
                );
                words += 1;
            }
        }
        assert!(words > 100_000, "{words}");
    }

    proptest::proptest! {
        #[test]
        fn fast_verdict_is_the_bytewise_one(t in "[a-zA-Z0-9 ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ×÷ΩωИи\\-.,]{0,24}") {
            let o = openers();
            for i in word_starts(&t) {
                proptest::prop_assert_eq!(o.verdict(&t[i..]), o.verdict_bytewise(&t[i..]));
            }
        }
    }

    #[test]
    fn a_word_longer_than_a_key_is_tried_only_if_some_opener_is() {
        let mut o = openers();
        let long = "a".repeat(KEY_BYTES + 1);
        assert!(!o.may_open(&long));
        o.long = true;
        assert!(o.may_open(&long));
    }
}
