//! The words a quantity can open with, so the scanner skips every other word at once.
//!
//! Most words of a statement open nothing; trying the date, number-word and phrase parsers
//! at each of them was most of the extractor's cost. A word opens a quantity only if it is
//! a number word, a date keyword, `hàng`, or the first word of an idiom or currency
//! prefix of the rule files, so one set lookup on its lower-case letters decides. The
//! check is conservative: a word it cannot read cheaply (long, or with letters outside
//! the Latin ranges) is always tried.

use super::runs::RunMasks;
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

/// Well over the number of keys (the openers in every case mix are about a hundred), so
/// that a lookup is nearly always one probe.
const SLOTS: usize = 1024;

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
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize
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

    #[inline(always)]
    fn contains(&self, k: u64) -> bool {
        let mut i = Self::slot(k);
        // the first probe answers for nearly every word: an empty slot or the key itself
        match self.slots[i] {
            0 => return false,
            s if s == k => return true,
            _ => i = (i + 1) % SLOTS,
        }
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
    #[cfg(test)]
    pub fn verdict(&self, text: &str) -> Verdict {
        self.verdict_at(text, 0)
    }

    /// `verdict` on the word at byte `i` of `t` (a char boundary), its end found in
    /// `runs` (masks over `t`).
    #[inline(always)]
    pub fn verdict_in(&self, runs: &mut RunMasks<'_>, t: &str, i: usize) -> Verdict {
        let b = t.as_bytes();
        let run = runs.run(i);
        let (n, key) = match run.slow {
            // most words: one to eight bytes of letters, their key from one load
            None if (1..=KEY_BYTES).contains(&(run.end - i)) => {
                let n = run.end - i;
                let keep = u64::MAX >> (64 - 8 * n);
                let w = load8(b, i);
                let opens = self.contains((w | ((!w & HIGH) >> 2)) & keep);
                return if opens {
                    Verdict::Try
                } else {
                    Verdict::Pass(n)
                };
            }
            None => {
                let n = run.end - i;
                (n, fold_word(load8(b, i), n))
            }
            Some(at) => match letters_len_from(t, at) {
                Some(end) => (end - i, fold_key(b.get(i..).unwrap_or(&[]), end - i)),
                None => return Verdict::Try,
            },
        };
        self.decide(n, key)
    }

    /// `verdict` on the word at byte `i` of `t` (a char boundary), read in place: the
    /// eight-byte reader `verdict_in` is tested against.
    #[cfg(test)]
    pub fn verdict_at(&self, t: &str, i: usize) -> Verdict {
        let (n, key) = match letters_and_key(t, i) {
            Some(r) => r,
            None => return Verdict::Try,
        };
        self.decide(n, key)
    }

    /// The verdict on letters taking `n` bytes with key `key` (meaningful up to
    /// `KEY_BYTES`).
    #[inline(always)]
    fn decide(&self, n: usize, key: u64) -> Verdict {
        let opens = if n > KEY_BYTES {
            self.long
        } else {
            n > 0 && self.contains(key)
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
///
/// Eight bytes at a time: the first ASCII byte that is not a letter ends the run, and each
/// multi-byte char before it is checked by its lead byte (most words are one load and
/// one or two lead checks). A lead the checks do not know is left to `letters_len_from`.
#[cfg(test)]
fn letters_len(text: &str) -> Option<usize> {
    letters_and_key(text, 0).map(|(n, _)| n)
}

/// `letters_len` of the text from byte `start` of `t` (a char boundary), and the key of
/// those letters (`fold_key`, meaningful when they take at most `KEY_BYTES`), taken from
/// the bytes already loaded.
#[cfg(test)]
fn letters_and_key(t: &str, start: usize) -> Option<(usize, u64)> {
    let b = t.as_bytes();
    let mut i = start;
    let mut key = 0;
    loop {
        let w = load8(b, i);
        let stops = ascii_non_letters(w);
        let before_stop = below_lowest(stops);
        // the lead bytes (C0..FF) before the first stop
        let leads = w & (w << 1) & HIGH & before_stop;
        if leads != 0 {
            // each byte's next one
            let next = (w >> 8) | (u64::from(b.get(i + 8).copied().unwrap_or(0)) << 56);
            // the first lead that is not a fast one hands over to the char reader
            let slow = leads & !fast_leads(w, next);
            if slow != 0 {
                let at = i + (slow.trailing_zeros() / 8) as usize;
                let n = letters_len_from(t, at)? - start;
                return Some((n, fold_key(b.get(start..).unwrap_or(&[]), n)));
            }
        }
        if i == start {
            // the bytes before the stop (all eight if there is none)
            let kept = if stops == 0 {
                u64::MAX
            } else {
                before_stop >> 7
            };
            key = (w | ((!w & HIGH) >> 2)) & kept;
        }
        if stops != 0 {
            return Some((i - start + (stops.trailing_zeros() / 8) as usize, key));
        }
        i += 8;
    }
}

pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `i`, little-endian, zero-padded past the end (a zero byte
/// is an ASCII non-letter: it ends the run).
#[inline(always)]
pub(super) fn load8(b: &[u8], i: usize) -> u64 {
    let rest = b.get(i..).unwrap_or(&[]);
    match rest.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// The top bit of each byte of `w` that is ASCII but not a letter.
#[inline(always)]
pub(super) fn ascii_non_letters(w: u64) -> u64 {
    // ASCII folded to lower case; no byte exceeds 0x7f, so the sums carry into no other byte
    let x = (w & !HIGH) | 0x2020_2020_2020_2020;
    let from_a = x + 0x1f1f_1f1f_1f1f_1f1f; // top bit: x >= 'a'
    let past_z = x + 0x0505_0505_0505_0505; // top bit: x > 'z'
    let letters = from_a & !past_z & !w & HIGH;
    !(letters | w) & HIGH
}

/// Every bit below the lowest set bit of `m` (all of them when `m` is 0).
#[cfg(test)]
#[inline(always)]
fn below_lowest(m: u64) -> u64 {
    !m & m.wrapping_sub(1)
}

/// `fast_lead` of every byte of `w` and the byte after it (the same byte of `next`), at
/// once: the top bit of each byte where it holds, meaningful where `w` has a lead byte
/// (C0..FF; `next` then holds a continuation byte, 80..BF). Vietnamese words mix two- and
/// three-byte letters in no order a branch on each lead could guess.
#[inline(always)]
pub(super) fn fast_leads(w: u64, next: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let per_byte = |b: u8| u64::from_le_bytes([b; 8]);
    // the top bit of each byte of `x` (each at most 7F, so no sum carries across bytes)
    // that is not zero
    let nonzero = |x: u64| (x + LOW7) & HIGH;
    // a lead byte less its top bit: C3 is 43, C4..C9 are 44..49, E1 is 61
    let y = w & LOW7;
    let from_c4 = (y + per_byte(0x80 - 0x44)) & HIGH;
    let from_ca = (y + per_byte(0x80 - 0x4a)) & HIGH;
    let c3 = !nonzero(y ^ per_byte(0x43)) & HIGH;
    let e1 = !nonzero(y ^ per_byte(0x61)) & HIGH;
    // after C3: 97 (×) or B7 (÷); after E1: B8..BB
    let times_or_divide = !nonzero(((next & per_byte(0xdf)) ^ per_byte(0x97)) & LOW7) & HIGH;
    let latin_additional = !nonzero(((next & per_byte(0xfc)) ^ per_byte(0xb8)) & LOW7) & HIGH;
    (from_c4 & !from_ca) | (c3 & !times_or_divide) | (e1 & latin_additional)
}

/// Whether the char with lead byte `lead` and next byte `next` is one `letters_len_from`
/// takes from its bytes: C3 but `×` `÷`, C4..C9, E1 B8..BB.
#[cfg(test)]
fn fast_lead(lead: u8, next: u8) -> bool {
    match lead {
        0xc4..=0xc9 => true,
        0xe1 => matches!(next, 0xb8..=0xbb),
        0xc3 => !matches!(next, 0x97 | 0xb7),
        _ => false,
    }
}

/// `letters_len` read a char at a time from byte `i` (a char boundary inside the run):
/// where the fast one hands over, and the reference it is tested against.
fn letters_len_from(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
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
    fold_word(u64::from_le_bytes(buf), n)
}

/// `fold_key` of the eight bytes `w` already loaded (`n` of them kept).
#[inline(always)]
fn fold_word(w: u64, n: usize) -> u64 {
    let n = n.min(KEY_BYTES);
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

    /// The verdict read from block masks is the one read eight bytes at a time, at every
    /// word start of every text (in order, one set of masks per text, as the scan reads
    /// them), and of every text in upper case.
    #[test]
    fn verdict_from_masks_is_the_eight_byte_one_on_every_text() {
        let o = openers();
        let mut words = 0;
        for t in crate::testing::project_texts() {
            for t in [t.clone(), t.to_uppercase()] {
                let mut runs = RunMasks::new(&t);
                for i in word_starts(&t) {
                    let want = o.verdict_at(&t, i);
                    assert_eq!(o.verdict_in(&mut runs, &t, i), want, "{:?}", &t[i..]);
                    words += 1;
                }
            }
        }
        assert!(words > 200_000, "{words}");
    }

    proptest::proptest! {
        #[test]
        fn fast_verdict_is_the_bytewise_one(t in "[a-zA-Z0-9 ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ×÷ΩωИи\\-.,]{0,24}") {
            let o = openers();
            let mut runs = RunMasks::new(&t);
            for i in word_starts(&t) {
                proptest::prop_assert_eq!(o.verdict(&t[i..]), o.verdict_bytewise(&t[i..]));
                proptest::prop_assert_eq!(o.verdict_in(&mut runs, &t, i), o.verdict_at(&t, i));
            }
        }
    }

    /// Eight bytes at a time or a char at a time, the run of letters is the same, from
    /// every char boundary of every text the project has and of odd ones.
    /// The leads told eight at a time are those told one by one: every lead byte with
    /// every continuation byte after it, at each of the eight places, among bytes that
    /// carry into their neighbours if anything does (FF) and bytes that do not (00).
    #[test]
    fn fast_leads_are_fast_lead_at_each_byte() {
        for lead in 0xc0..=0xffu8 {
            for next in 0x80..=0xbfu8 {
                for place in 0..8 {
                    for fill in [0x00u8, 0xff, 0xbf, 0x97] {
                        let mut w = [fill; 8];
                        let mut n = [fill; 8];
                        w[place] = lead;
                        n[place] = next;
                        let got = fast_leads(u64::from_le_bytes(w), u64::from_le_bytes(n));
                        assert_eq!(
                            got >> (8 * place + 7) & 1 == 1,
                            fast_lead(lead, next),
                            "{lead:x} {next:x} at {place} among {fill:x}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn letters_by_words_are_letters_by_chars() {
        let mut texts = crate::testing::project_texts();
        let mut runs = 0;
        for odd in [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "nghiệp",
            "Nguyễn người trưởng",
            "aaaaaaaỆ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa×",
            "abc×def ÷ ×÷",
            "ab\u{301}c ba\u{300}\u{323}",
            "x\u{a0}y\u{200b}z\u{feff}",
            "ΩΩΩ ɐɑɒɓ ʀ Ḁḁ ẞ ỹỸ Ἀ Ⅻ ℃",
            "@[`{ AZaz 09 \u{7f}\u{0}\u{1}",
            "“trong” – 36,6 tỷ…",
        ] {
            texts.push(odd.to_string());
        }
        for t in &texts {
            for (i, _) in t.char_indices() {
                let rest = &t[i..];
                assert_eq!(letters_len(rest), letters_len_from(rest, 0), "{rest:?}");
                runs += 1;
            }
            assert_eq!(letters_len(""), Some(0));
        }
        assert!(runs > 300_000, "{runs}");
    }

    proptest::proptest! {
        #[test]
        fn letters_by_words_on_any_text(t in "[a-zA-Z0-9 @\\[`{ÀÁÂàáâĂăĐđƠơƯưɐʀẠ-ỹḀ-ḁἀ×÷ΩИ“–\u{0}\u{300}\u{a0}]{0,40}") {
            for (i, _) in t.char_indices() {
                proptest::prop_assert_eq!(letters_len(&t[i..]), letters_len_from(&t[i..], 0));
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
