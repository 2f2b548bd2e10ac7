//! `style/term`: a variant of the term list (`rules/terms.toml`) where the house form is
//! wanted: `Liên hiệp quốc` for `Liên hợp quốc`, `tỉ` for `tỷ`, `Covid-19` for `COVID-19`.
//!
//! Terms match as whole words, leftmost and longest first, over the normalised text. A
//! term whose house form begins with a capital (`Liên hợp quốc`, `COVID-19`) is a name
//! and matches with its case exactly; any other term may begin a sentence (`Tỉ lệ`).
//! House forms match too and shield what they contain: `tỉ mỉ` is listed with no variant,
//! so its `tỉ` is never taken for `tỉ` = `tỷ`.
//!
//! A variant folded into its house form for matching (`fold = true`, the default) is the
//! same word spelled another way: the fix is applied by `--fix`. A variant kept apart
//! (`fold = false`, `đô la Mỹ` for `USD`) is other wording: the fix is only suggested, as
//! the sentence around it may need another word. Variants that differ from their house
//! form only in tone-mark placement (`thoả thuận`) are left to `style/tone-mark`, which
//! follows the document's own placement.

use unicode_normalization::UnicodeNormalization;

use crate::checks::fold::fold_tone;
use crate::document::Document;
use crate::finding::{Applicability, Finding, Fix, Severity, Text};
use crate::rules::CharIndex;

use super::{Checker, edit, is_word_char, location};

pub const RULE: &str = "style/term";

#[derive(Debug, Clone)]
struct Pattern {
    /// Its index in `Matcher::patterns`.
    index: usize,
    first: char,
    /// The lower-case first letter, for a term whose first letter may be either case.
    first_lower: char,
    /// UTF-8 bytes after the first character; a space stands for a run of spaces.
    rest: Vec<u8>,
    /// Up to four bytes of `rest` before its first space, as a little-endian `u32`, and
    /// the mask of their bits: the text after the first character must hold them.
    head: u32,
    head_mask: u32,
    /// Index of the house form in `Matcher::preferred`.
    preferred: usize,
    /// A variant (reported) rather than a house form (only shields).
    variant: bool,
    /// Its first letter may be written in either case.
    any_case_first: bool,
    applicability: Applicability,
}

/// Variants found in a text: (pattern, range), and where the last match ended.
#[derive(Debug, Default)]
pub struct Hits {
    found: Vec<(usize, std::ops::Range<usize>)>,
    skip_to: usize,
}

/// The term list compiled for matching: patterns by their (lower-case) first character,
/// longest first.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    patterns: Vec<Pattern>,
    preferred: Vec<String>,
    /// Pattern indices by first character.
    by_first: CharIndex,
    /// The keys of `by_first`: ASCII ones as bits, the others sorted, so that most words
    /// are passed over without a lookup.
    ascii_firsts: u128,
    other_firsts: Vec<char>,
    /// (key of `by_first`, the pattern's second character, a space for any space),
    /// sorted; and the keys of one-character patterns.
    pairs: Vec<(char, char)>,
    singles: Vec<char>,
    /// `singles` and `pairs` for ASCII characters as bits: the key's bit in
    /// `ascii_singles`, the second character's bit in `ascii_pairs[key]`. Most word starts
    /// are ASCII, and this tells them apart without a search.
    ascii_singles: u128,
    ascii_pairs: Vec<u128>,
    /// For an ASCII key, the second characters past ASCII by their code point modulo
    /// 128: a clear bit rules the pair out before the search.
    ascii_pairs_hi: Vec<u128>,
    /// For an ASCII first byte, the bytes that may follow it in a match (`ascii_start`):
    /// 256 bits each, the bit of byte 0 also standing for the end of the text.
    ascii_next: Vec<[u64; 4]>,
    /// For two ASCII bytes `x y` that `ascii_next` lets through, the third bytes that may
    /// follow in a match, in the same form: `ascii_third[third_slot[x * 128 + y] - 1]`
    /// (slot 0: no entry, nothing ruled out).
    third_slot: Vec<u16>,
    ascii_third: Vec<[u64; 4]>,
    /// `ascii_next` for a first letter past ASCII in U+00C0..U+024F or U+1E00..U+1EFF,
    /// the letters Vietnamese words start with (`vi_slot`): the words that start with
    /// one of them are passed over the same way.
    vi_next: Vec<[u64; 4]>,
    /// For a word that starts with the ASCII byte `x` followed by the byte `y` (256 for
    /// the end of the text): 1 + the index in `pair_lists` of the patterns `match_at`
    /// may find there, in the order it tries them (`pair_slot[x * 257 + y]`; 0: none).
    /// A word with an ASCII first letter is matched against these alone, without
    /// decoding or lowering its first two characters (`ascii_match_at`).
    pair_slot: Vec<u16>,
    pair_lists: Vec<Vec<usize>>,
    /// The first two bytes of a word (the second 0 at the end of the text) after which
    /// `visit` goes on: for an ASCII first byte those `ascii_start` lets through, every
    /// pair for a first byte past ASCII. One lookup a word.
    starts: PairSet,
}

/// A set of two bytes `x y`, a bit each, by `x + 256 * y` (the two read as a
/// little-endian `u16`): a fixed size, so that a lookup needs no bounds check.
#[derive(Debug, Clone)]
struct PairSet(Box<[u64; 1024]>);

impl Default for PairSet {
    fn default() -> PairSet {
        PairSet(Box::new([0; 1024]))
    }
}

impl PairSet {
    fn insert(&mut self, x: u8, y: u8) {
        let k = u16::from_le_bytes([x, y]);
        self.0[usize::from(k >> 6)] |= 1 << (k & 63);
    }

    #[inline]
    fn contains(&self, x: u8, y: u8) -> bool {
        let k = u16::from_le_bytes([x, y]);
        self.0[usize::from(k >> 6)] & (1 << (k & 63)) != 0
    }
}

/// `Pattern::head` and `head_mask` of the bytes `rest`.
fn head_of(rest: &[u8]) -> (u32, u32) {
    let n = rest
        .iter()
        .take(4)
        .position(|&b| b == b' ')
        .unwrap_or(rest.len().min(4));
    let mut h = [0u8; 4];
    h[..n].copy_from_slice(&rest[..n]);
    let mask = match n {
        0 => 0,
        _ => u32::MAX >> (32 - 8 * n),
    };
    (u32::from_le_bytes(h), mask)
}

/// The four bytes of `b` from `j` as a little-endian `u32`, zeros past its end (no
/// byte of a pattern is 0, so a pattern's head never matches there).
#[inline]
fn four_bytes(b: &[u8], j: usize) -> u32 {
    let r = b.get(j..).unwrap_or_default();
    if let Some(w) = r.first_chunk::<4>() {
        return u32::from_le_bytes(*w);
    }
    let mut w = [0u8; 4];
    w[..r.len()].copy_from_slice(r);
    u32::from_le_bytes(w)
}

/// The place in `Matcher::vi_next` of the character that starts `b` (at least one byte)
/// and its length: for U+00C0..U+024F (two bytes, C3..C9) and U+1E00..U+1EFF (E1 B8..BB);
/// `None` for any other character.
#[inline]
fn vi_slot(b: &[u8]) -> Option<(usize, usize)> {
    let x = *b.first()?;
    let y = usize::from(*b.get(1)? & 0x3f);
    match x {
        0xc3..=0xc9 => {
            let cp = (usize::from(x & 0x1f) << 6) | y;
            (0xc0..=0x24f).contains(&cp).then_some((cp - 0xc0, 2))
        }
        0xe1 if matches!(b[1], 0xb8..=0xbb) => {
            let z = usize::from(*b.get(2)? & 0x3f);
            let cp = 0x1000 | (y << 6) | z;
            Some((0x250 - 0xc0 + (cp - 0x1e00), 3))
        }
        _ => None,
    }
}

/// The place in `Matcher::pair_slot` of an ASCII byte `x` followed by `y` (`None` at
/// the end of the text).
fn pair_index(x: u8, y: Option<u8>) -> usize {
    usize::from(x) * 257 + y.map_or(256, usize::from)
}

/// The characters `vi_slot` numbers, in its order.
fn vi_chars() -> impl Iterator<Item = char> {
    (0xc0..=0x24fu32)
        .chain(0x1e00..=0x1effu32)
        .filter_map(char::from_u32)
}

impl Matcher {
    pub fn new(ck: &Checker) -> Matcher {
        let mut m = Matcher::default();
        let words_allowed = ck.style.currency == "words";
        for entry in &ck.terms.term {
            let preferred: String = entry.preferred.nfc().collect();
            if preferred.trim().is_empty() {
                continue;
            }
            // `[style] currency = "words"` accepts `đô la Mỹ` beside `USD`
            if words_allowed && is_currency_code(&preferred) {
                continue;
            }
            let proper = preferred.chars().next().is_some_and(char::is_uppercase);
            let idx = m.preferred.len();
            m.preferred.push(preferred.clone());
            let applicability = if entry.fold {
                Applicability::Automatic
            } else {
                Applicability::Suggested
            };
            let mut push = |text: &str, variant: bool| {
                let text = normalise_spaces(text);
                let Some(first) = text.chars().next() else {
                    return;
                };
                let rest = text.as_bytes()[first.len_utf8()..].to_vec();
                let (head, head_mask) = head_of(&rest);
                m.patterns.push(Pattern {
                    index: m.patterns.len(),
                    first,
                    first_lower: lower(first),
                    rest,
                    head,
                    head_mask,
                    preferred: idx,
                    variant,
                    any_case_first: !proper,
                    applicability,
                });
            };
            push(&preferred, false);
            for v in &entry.variants {
                let v: String = v.nfc().collect();
                if v == preferred || tone_only(&v, &preferred) {
                    continue;
                }
                push(&v, true);
            }
        }
        for (i, p) in m.patterns.iter().enumerate() {
            let key = if p.any_case_first {
                p.first_lower
            } else {
                p.first
            };
            m.by_first.push(key, i);
            if key.is_ascii() {
                m.ascii_firsts |= 1u128 << (key as u32);
            } else {
                m.other_firsts.push(key);
            }
        }
        m.other_firsts.sort_unstable();
        m.other_firsts.dedup();
        for p in &m.patterns {
            let key = if p.any_case_first {
                p.first_lower
            } else {
                p.first
            };
            match std::str::from_utf8(&p.rest)
                .ok()
                .and_then(|r| r.chars().next())
            {
                Some(second) => m.pairs.push((key, second)),
                None => m.singles.push(key),
            }
        }
        m.pairs.sort_unstable();
        m.pairs.dedup();
        m.singles.sort_unstable();
        m.singles.dedup();
        m.ascii_pairs = vec![0; 128];
        m.ascii_pairs_hi = vec![0; 128];
        for &(k, d) in &m.pairs {
            if k.is_ascii() && d.is_ascii() {
                m.ascii_pairs[k as usize] |= 1u128 << (d as u32);
            } else if k.is_ascii() {
                m.ascii_pairs_hi[k as usize] |= 1u128 << (d as u32 % 128);
            }
        }
        for &k in &m.singles {
            if k.is_ascii() {
                m.ascii_singles |= 1u128 << (k as u32);
            }
        }
        m.ascii_next = (0..128u8).map(|x| m.next_bytes(x)).collect();
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                if x >= 0x80 || m.ascii_start(x, Some(y)) {
                    m.starts.insert(x, y);
                }
            }
        }
        m.vi_next = vi_chars().map(|c| m.next_bytes_of(c)).collect();
        m.third_slot = vec![0; 128 * 128];
        for x in 0..128u8 {
            for y in 0..128u8 {
                if m.ascii_start(x, Some(y)) {
                    let bits = m.third_bytes(x, y);
                    m.ascii_third.push(bits);
                    let slot = u16::try_from(m.ascii_third.len()).unwrap_or(0);
                    m.third_slot[usize::from(x) * 128 + usize::from(y)] = slot;
                }
            }
        }
        let patterns = &m.patterns;
        for list in m.by_first.lists_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].rest.len()));
        }
        m.pair_slot = vec![0; 128 * 257];
        for x in 0..128u8 {
            let under_x = m.first_candidates(x);
            if under_x.is_empty() {
                continue;
            }
            for y in (0..=255u8).map(Some).chain([None]) {
                let list = m.next_candidates(&under_x, y);
                if list.is_empty() {
                    continue;
                }
                m.pair_lists.push(list);
                let slot = u16::try_from(m.pair_lists.len()).unwrap_or(0);
                m.pair_slot[pair_index(x, y)] = slot;
            }
        }
        m
    }

    /// The patterns `match_at` tries at a word that starts with the ASCII byte `x`, in
    /// its order, less those whose first character rules them out there.
    fn first_candidates(&self, x: u8) -> Vec<usize> {
        let c = char::from(x);
        let key = c.to_ascii_lowercase();
        let exact = if key == c {
            &[][..]
        } else {
            self.by_first.entries(c)
        };
        self.by_first
            .entries(key)
            .iter()
            .chain(exact)
            .copied()
            .filter(|&k| {
                let p = &self.patterns[k];
                c == p.first || (p.any_case_first && key == p.first_lower)
            })
            .collect()
    }

    /// Of the patterns `first_candidates` gives, in order, those the byte after the
    /// first one, `y` (`None` at the end of the text), lets through as `match_at` tests
    /// it: the list of `pair_lists` for `x y`.
    fn next_candidates(&self, under_x: &[usize], y: Option<u8>) -> Vec<usize> {
        under_x
            .iter()
            .copied()
            .filter(|&k| match self.patterns[k].rest.first() {
                None => true,
                Some(b' ') => matches!(y, Some(b' ' | b'\n')),
                Some(&b) => y == Some(b),
            })
            .collect()
    }

    /// The rule alone (the family shares one pass with the other word rule).
    #[cfg(test)]
    pub fn check(&self, doc: &Document, severity: Severity) -> Vec<Finding> {
        let mut hits = Hits::default();
        super::for_each_word(&doc.text, |i, _| self.visit(&doc.text, i, &mut hits));
        self.findings(doc, &hits, severity)
    }

    /// Try the word start `i` of `t`, unless an earlier match covers it. Most words
    /// start with an ASCII letter that, with the byte after it, starts no term: they are
    /// passed over here, by two bytes and one lookup (`starts`).
    #[inline]
    pub fn visit(&self, t: &str, i: usize, hits: &mut Hits) {
        if i < hits.skip_to {
            return;
        }
        let b = t.as_bytes();
        if let Some(&x) = b.get(i) {
            let y = b.get(i + 1).copied().unwrap_or(0);
            if !self.starts.contains(x, y) || (x >= 0x80 && self.vi_passes_over(b, i)) {
                return;
            }
        }
        self.visit_slow(t, i, hits);
    }

    /// `visit` as it was before `starts`, its ASCII shortcut read from `ascii_next`.
    /// Kept to test `visit` against.
    #[cfg(test)]
    fn visit_by_ascii_next(&self, t: &str, i: usize, hits: &mut Hits) {
        if i < hits.skip_to {
            return;
        }
        let b = t.as_bytes();
        if let Some(&x) = b.get(i)
            && x < 0x80
            && !self.ascii_start(x, b.get(i + 1).copied())
        {
            return;
        }
        if b.get(i).is_some_and(|&x| x >= 0x80) && self.vi_passes_over(b, i) {
            return;
        }
        self.visit_slow(t, i, hits);
    }

    /// Whether the word at `i` starts with a letter `vi_slot` numbers and the byte after
    /// it starts no pattern listed under that letter (`vi_next`, as `ascii_start`). Out
    /// of line, as `visit_slow`, but small: most words past ASCII end here.
    #[inline(never)]
    fn vi_passes_over(&self, b: &[u8], i: usize) -> bool {
        let Some((slot, len)) = b.get(i..).and_then(vi_slot) else {
            return false;
        };
        let y = b.get(i + len).copied().unwrap_or(0);
        self.vi_next
            .get(slot)
            .is_some_and(|bits| bits[usize::from(y / 64)] & (1u64 << (y % 64)) == 0)
    }

    /// `visit` past its shortcut (kept out of line: the shortcut alone is inlined into
    /// the word loop).
    #[inline(never)]
    fn visit_slow(&self, t: &str, i: usize, hits: &mut Hits) {
        // `th`, `ng` start many words and a few terms: the third byte tells them apart
        let b = t.as_bytes();
        if let (Some(&x), Some(&y)) = (b.get(i), b.get(i + 1))
            && x < 0x80
            && y < 0x80
            && !self.ascii_then(x, y, b.get(i + 2).copied())
        {
            return;
        }
        // two ASCII bytes: the candidates of the pair alone (after an ASCII letter, a
        // byte past ASCII starts many words and is left to `match_at`, which reads the
        // whole second character before trying the patterns)
        let ascii_pair = b.get(i..i + 2).is_some_and(|w| w[0] < 0x80 && w[1] < 0x80);
        let found = if ascii_pair {
            self.ascii_match_at(t, i)
        } else {
            self.match_at(t, i)
        };
        if let Some((p, end)) = found {
            hits.skip_to = end;
            if p.variant {
                hits.found.push((p.index, i..end));
            }
        }
    }

    pub fn findings(&self, doc: &Document, hits: &Hits, severity: Severity) -> Vec<Finding> {
        hits.found
            .iter()
            .filter_map(|(k, r)| self.finding(doc, &self.patterns[*k], r.clone(), severity))
            .collect()
    }

    /// The longest pattern that matches at the word start `i`, and where it ends.
    fn match_at(&self, t: &str, i: usize) -> Option<(&Pattern, usize)> {
        let c = char_at(t, i)?;
        let key = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            lower(c)
        };
        if !self.may_start(key) && !self.may_start(c) {
            return None;
        }
        // the second character, a line break read as the space it may stand for
        let second = match char_at(t, i + c.len_utf8()) {
            Some('\n') => Some(' '),
            other => other,
        };
        if !(self.listed(key, second) || (key != c && self.listed(c, second))) {
            return None;
        }
        let lower_list = self.by_first.entries(key);
        let exact = if key == c {
            &[][..]
        } else {
            self.by_first.entries(c)
        };
        self.longest(t, i, c, key, lower_list.iter().chain(exact).copied())
    }

    /// `match_at` at a word start `i` whose first byte is ASCII: the patterns of
    /// `pair_lists` for its first two bytes, tried as `match_at` tries them. No pattern
    /// left out of that list is one `match_at` may find there (`first_candidates`,
    /// `next_candidates`), so the answer is the same.
    fn ascii_match_at(&self, t: &str, i: usize) -> Option<(&Pattern, usize)> {
        let b = t.as_bytes();
        let x = *b.get(i)?;
        let slot = usize::from(*self.pair_slot.get(pair_index(x, b.get(i + 1).copied()))?);
        let list = self.pair_lists.get(slot.checked_sub(1)?)?;
        let c = char::from(x);
        self.longest(t, i, c, c.to_ascii_lowercase(), list.iter().copied())
    }

    /// The longest of the patterns `candidates` (longest first within each list) that
    /// matches at `i`, whose first character is `c` (lowered: `key`); the first of the
    /// longest ones.
    fn longest(
        &self,
        t: &str,
        i: usize,
        c: char,
        key: char,
        candidates: impl Iterator<Item = usize>,
    ) -> Option<(&Pattern, usize)> {
        let mut best: Option<(&Pattern, usize)> = None;
        // the bytes after the first character, held against each pattern's head before
        // the whole comparison: most candidates differ there
        let j = i + c.len_utf8();
        let ahead = four_bytes(t.as_bytes(), j);
        for idx in candidates {
            let p = &self.patterns[idx];
            if best.is_some_and(|(b, _)| b.rest.len() >= p.rest.len()) {
                continue;
            }
            let first_ok = c == p.first || (p.any_case_first && key == p.first_lower);
            if !first_ok || ahead & p.head_mask != p.head {
                continue;
            }
            let next = t.as_bytes().get(j).copied();
            let next_ok = match p.rest.first() {
                None => true,
                Some(b' ') => matches!(next, Some(b' ' | b'\n')),
                Some(&b) => next == Some(b),
            };
            if !next_ok {
                continue;
            }
            if let Some(end) = matches(t, j, p) {
                best = Some((p, end));
            }
        }
        best
    }

    /// Whether a pattern of one character is listed under `k`, or one whose second
    /// character is `second`.
    pub(super) fn listed(&self, k: char, second: Option<char>) -> bool {
        if k.is_ascii() {
            if self.ascii_singles & (1u128 << (k as u32)) != 0 {
                return true;
            }
            match second {
                Some(d) if d.is_ascii() => self
                    .ascii_pairs
                    .get(k as usize)
                    .is_some_and(|m| m & (1u128 << (d as u32)) != 0),
                Some(d) => {
                    self.ascii_pairs_hi
                        .get(k as usize)
                        .is_some_and(|m| m & (1u128 << (d as u32 % 128)) != 0)
                        && self.pairs.binary_search(&(k, d)).is_ok()
                }
                None => false,
            }
        } else {
            self.listed_slow(k, second)
        }
    }

    /// `listed` by searching the sorted lists (the only way for a letter past ASCII).
    pub(super) fn listed_slow(&self, k: char, second: Option<char>) -> bool {
        self.singles.binary_search(&k).is_ok()
            || second.is_some_and(|d| self.pairs.binary_search(&(k, d)).is_ok())
    }

    /// Whether `match_at` may find a pattern at a word that starts with the ASCII byte
    /// `x` followed by `next` (`None` at the end of the text): false only where
    /// `may_start` or `listed` rules every pattern out.
    #[inline]
    fn ascii_start(&self, x: u8, next: Option<u8>) -> bool {
        let y = next.unwrap_or(0);
        self.ascii_next
            .get(usize::from(x))
            .is_some_and(|bits| bits[usize::from(y / 64)] & (1u64 << (y % 64)) != 0)
    }

    /// Whether `match_at` may find a pattern at a word that starts with the ASCII bytes
    /// `x y` followed by `next` (`None` at the end of the text), `ascii_start(x, y)`
    /// being true.
    #[inline]
    fn ascii_then(&self, x: u8, y: u8, next: Option<u8>) -> bool {
        let slot = self
            .third_slot
            .get(usize::from(x) * 128 + usize::from(y))
            .copied()
            .unwrap_or(0);
        let Some(bits) = usize::from(slot)
            .checked_sub(1)
            .and_then(|k| self.ascii_third.get(k))
        else {
            return true;
        };
        let z = next.unwrap_or(0);
        bits[usize::from(z / 64)] & (1u64 << (z % 64)) != 0
    }

    /// The bits of `ascii_third` for the ASCII bytes `x y`: the third bytes that `matches`
    /// may accept after them, for each pattern whose first character `x` is (as
    /// `match_at` tests it) and whose first byte after it `y` may be; every byte where
    /// a pattern may end after `y` (what follows is tested for a word boundary).
    fn third_bytes(&self, x: u8, y: u8) -> [u64; 4] {
        let c = char::from(x);
        let key = c.to_ascii_lowercase();
        let mut bits = [0u64; 4];
        let mut set = |z: u8| bits[usize::from(z / 64)] |= 1u64 << (z % 64);
        for p in &self.patterns {
            let first_ok = c == p.first || (p.any_case_first && key == p.first_lower);
            if !first_ok {
                continue;
            }
            let (r0, r1) = (p.rest.first().copied(), p.rest.get(1).copied());
            let y_ok = match r0 {
                None => true,
                Some(b' ') => matches!(y, b' ' | b'\n'),
                Some(r) => y == r,
            };
            if !y_ok {
                continue;
            }
            match (r0, r1) {
                // the pattern may end at `x` or `y`: anything may follow
                (None, _) | (_, None) => return [u64::MAX; 4],
                // more spaces of the run, or the byte after the space
                (Some(b' '), Some(r)) => {
                    set(b' ');
                    set(r);
                }
                (Some(_), Some(b' ')) => {
                    set(b' ');
                    set(b'\n');
                }
                (Some(_), Some(r)) => set(r),
            }
        }
        bits
    }

    /// The bits of `ascii_next` for the ASCII first byte `x`: each byte that may start
    /// the second character of a pattern listed under `x` (as written or lowered), a
    /// line break where a space may stand, and every byte when a one-character pattern
    /// is listed there. Byte 0 stands for the end of the text too.
    fn next_bytes(&self, x: u8) -> [u64; 4] {
        self.next_bytes_of(char::from(x))
    }

    /// `next_bytes` of the first character `c` (lowered as `match_at` lowers it).
    fn next_bytes_of(&self, c: char) -> [u64; 4] {
        let key = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            lower(c)
        };
        let mut bits = [0u64; 4];
        if !self.may_start(key) && !self.may_start(c) {
            return bits;
        }
        let firsts = [key, c];
        if firsts.iter().any(|k| self.singles.binary_search(k).is_ok()) {
            return [u64::MAX; 4];
        }
        let mut set = |y: u8| bits[usize::from(y / 64)] |= 1u64 << (y % 64);
        for &(k, d) in &self.pairs {
            if !firsts.contains(&k) {
                continue;
            }
            let mut buf = [0u8; 4];
            let lead = d.encode_utf8(&mut buf).as_bytes()[0];
            set(lead);
            if d == ' ' {
                set(b'\n');
            }
        }
        bits
    }

    /// Whether some pattern is listed under the first character `c`.
    fn may_start(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii_firsts & (1u128 << (c as u32)) != 0
        } else {
            self.other_firsts.binary_search(&c).is_ok()
        }
    }

    fn finding(
        &self,
        doc: &Document,
        p: &Pattern,
        range: std::ops::Range<usize>,
        severity: Severity,
    ) -> Option<Finding> {
        let written = doc.text.get(range.clone())?;
        let preferred = self.preferred.get(p.preferred)?;
        let replacement = match_case(written, preferred, p.any_case_first);
        let mut notes = Vec::new();
        if p.applicability == Applicability::Suggested {
            notes.push(Text::new(
                "đây là cách diễn đạt khác, không chỉ là cách viết: xem lại câu sau khi thay (`400 tỷ đô la Mỹ` → `400 tỷ USD`)",
                "this is other wording, not just another spelling: reread the sentence after the change (`400 tỷ đô la Mỹ` → `400 tỷ USD`)",
            ));
        }
        if is_currency_code(preferred) {
            notes.push(Text::new(
                "`[style] currency = \"words\"` chấp nhận tên tiền tệ viết bằng chữ",
                "`[style] currency = \"words\"` accepts currency names in words",
            ));
        }
        notes.push(Text::new(
            "danh mục thuật ngữ: rules/terms.toml (thư mục quy tắc riêng có thể bổ sung)",
            "term list: rules/terms.toml (a project's rule folder may add to it)",
        ));
        let fix = edit(doc, range.clone(), &replacement).map(|e| Fix {
            description: Text::new(
                format!("thay {written} bằng {replacement}"),
                format!("replace {written} with {replacement}"),
            ),
            edits: vec![e],
            applicability: p.applicability,
        });
        Some(Finding {
            rule: RULE,
            severity,
            message: Text::new(
                format!("cách viết không theo danh mục thuật ngữ: {written}"),
                format!("non-preferred term: {written}"),
            ),
            primary: location(doc, range),
            label: Text::new(
                format!("cách viết khác của {preferred}"),
                format!("a variant of {preferred}"),
            ),
            related: Vec::new(),
            help: Some(Text::new(
                format!("viết {replacement}"),
                format!("write {replacement}"),
            )),
            notes,
            fix,
        })
    }
}

/// Where pattern `p` ends when the rest of it matches `t` from `j`: a space of the pattern
/// matches a run of spaces or one line break, and the match must end at a word boundary.
#[inline(always)]
fn matches(t: &str, mut j: usize, p: &Pattern) -> Option<usize> {
    let b = t.as_bytes();
    for &pb in &p.rest {
        if pb == b' ' {
            if !matches!(b.get(j), Some(b' ' | b'\n')) {
                return None;
            }
            j += 1;
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
        } else {
            if b.get(j) != Some(&pb) {
                return None;
            }
            j += 1;
        }
    }
    let next = t.get(j..)?.chars().next();
    (!next.is_some_and(is_word_char)).then_some(j)
}

/// The character at byte `i` of `t`; an ASCII byte is taken as it is.
#[inline]
fn char_at(t: &str, i: usize) -> Option<char> {
    match t.as_bytes().get(i) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        _ => t.get(i..)?.chars().next(),
    }
}

/// The lower case of a letter (its first character, for the rare letters with more).
fn lower(c: char) -> char {
    crate::text::lower(c)
}

/// The house form with the case of the written form's first letter, for terms that are
/// not names (`Tỉ lệ` → `Tỷ lệ`).
fn match_case(written: &str, preferred: &str, any_case_first: bool) -> String {
    let upper = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = preferred.chars();
    match chars.next() {
        Some(f) if any_case_first && upper && f.is_lowercase() => {
            f.to_uppercase().chain(chars).collect()
        }
        _ => preferred.to_string(),
    }
}

/// `USD`, `EUR`: an ISO 4217 code as a house form.
fn is_currency_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether two terms differ only in where their tone marks stand.
fn tone_only(a: &str, b: &str) -> bool {
    let key = |s: &str| -> Vec<String> { s.split_whitespace().map(fold_tone).collect() };
    key(a) == key(b)
}

/// Spaces (NBSP included) collapsed to one ASCII space, ends trimmed.
fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::Matcher;
    use crate::checks::Checker;
    use crate::rules::RuleSet;

    /// Where `ascii_start` or `ascii_then` passes a word over, `match_at` finds nothing: at every
    /// character of every text of the project, and of a text of every term of the list
    /// in either case, spaced by spaces and line breaks (and a break with spaces inside).
    #[test]
    fn ascii_shortcut_passes_over_only_words_that_match_nothing() {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let m = Matcher::new(&ck);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let mut terms = String::new();
        for p in &m.patterns {
            let text = format!("{}{}", p.first, String::from_utf8_lossy(&p.rest));
            let upper: String = text
                .chars()
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            let capital = format!("{upper}{}", &text[p.first.len_utf8()..]);
            for t in [
                text.clone(),
                capital,
                text.replace(' ', "\n"),
                text.replace(' ', "\n  "),
            ] {
                terms.push_str(&t);
                terms.push_str(" x\n");
                terms.push_str(&t);
                terms.push('.');
            }
        }
        texts.push(terms);
        texts.push("t".to_string());
        let (mut skipped, mut matched) = (0, 0);
        for t in &texts {
            let b = t.as_bytes();
            for (i, _) in t.char_indices() {
                let found = m.match_at(t, i).is_some();
                matched += usize::from(found);
                let next = b.get(i + 1).copied();
                let passed_over = b[i] < 0x80
                    && (!m.ascii_start(b[i], next)
                        || next.is_some_and(|y| {
                            y < 0x80 && !m.ascii_then(b[i], y, b.get(i + 2).copied())
                        }));
                if passed_over {
                    assert!(!found, "{:?}", t[i..].chars().take(20).collect::<String>());
                    skipped += 1;
                }
            }
        }
        assert!(skipped > 100_000 && matched > 100, "{skipped} {matched}");
    }

    /// Every text of the project, each term of the list as a text of its own, and one
    /// text of every term in either case, spaced by spaces, NBSP, line breaks (CRLF too)
    /// and zero-width spaces, glued to a letter or an accent, one a line.
    fn project_and_term_texts(m: &Matcher) -> Vec<String> {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let mut terms = String::new();
        for p in &m.patterns {
            let text = format!("{}{}", p.first, String::from_utf8_lossy(&p.rest));
            let upper: String = text.chars().flat_map(char::to_uppercase).collect();
            let lower: String = text.chars().flat_map(char::to_lowercase).collect();
            for t in [
                text.clone(),
                upper,
                lower,
                text.replace(' ', "\n"),
                text.replace(' ', "\r\n"),
                text.replace(' ', "  "),
                text.replace(' ', "\u{a0}"),
                text.replace(' ', "\u{200b}"),
                format!("{text}x"),
                format!("{text}\u{301}"),
            ] {
                terms.push_str(&t);
                terms.push_str(" x\n");
            }
            texts.push(text);
        }
        texts.push(terms);
        texts
    }

    /// `ascii_match_at` finds what `match_at` finds, at every character with an ASCII
    /// first byte of every text of the project and of texts of every term of the list
    /// in either case, spaced by spaces, NBSP, line breaks (CRLF too) and zero-width
    /// spaces, and at the end of a text.
    #[test]
    fn ascii_match_at_finds_what_match_at_finds() {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let m = Matcher::new(&ck);
        let mut texts = project_and_term_texts(&m);
        texts.extend(["", "t", "C", "COP", "COP 2", "COP 21", "tỉ"].map(String::from));
        let (mut tried, mut found) = (0, 0);
        for t in &texts {
            for (i, _) in t.char_indices().filter(|&(i, _)| t.as_bytes()[i] < 0x80) {
                let fast = m.ascii_match_at(t, i).map(|(p, e)| (p.index, e));
                assert_eq!(
                    fast,
                    m.match_at(t, i).map(|(p, e)| (p.index, e)),
                    "{:?}",
                    t[i..].chars().take(20).collect::<String>()
                );
                tried += 1;
                found += usize::from(fast.is_some());
            }
        }
        assert!(tried > 100_000 && found > 100, "{tried} {found}");
    }

    /// `starts` holds the pairs `ascii_start` lets through and every pair with a first
    /// byte past ASCII; `visit` finds what `visit_by_ascii_next` found on every text of
    /// the project and on odd ones; and where a pattern's head rules it out at a place,
    /// `matches` finds nothing there, at every place of those texts.
    #[test]
    fn pair_set_and_heads_rule_out_only_what_matches_nothing() {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let m = Matcher::new(&ck);
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let want = x >= 0x80 || m.ascii_start(x, Some(y));
                assert_eq!(m.starts.contains(x, y), want, "{x} {y}");
            }
        }
        let mut texts = project_and_term_texts(&m);
        texts.extend(["", "t", "C", "COP", "tỉ", "tỷ\u{301}", "Mê Công"].map(String::from));
        let (mut ruled_out, mut hits) = (0, 0);
        for t in &texts {
            let (mut fast, mut slow) = (super::Hits::default(), super::Hits::default());
            super::super::for_each_word(t, |i, _| m.visit(t, i, &mut fast));
            super::super::for_each_word(t, |i, _| m.visit_by_ascii_next(t, i, &mut slow));
            assert_eq!(fast.found, slow.found, "{t:?}");
            hits += fast.found.len();
            for j in 0..=t.len() {
                let ahead = super::four_bytes(t.as_bytes(), j);
                for p in &m.patterns {
                    if ahead & p.head_mask != p.head {
                        assert_eq!(super::matches(t, j, p), None, "{j} {t:?}");
                        ruled_out += 1;
                    }
                }
            }
        }
        assert!(ruled_out > 1_000_000 && hits > 50, "{ruled_out} {hits}");
    }

    /// `vi_slot` numbers its characters in order, and reads nothing else.
    #[test]
    fn vi_slots_are_the_letters_in_order() {
        for (k, c) in super::vi_chars().enumerate() {
            let s = c.to_string();
            assert_eq!(
                super::vi_slot(s.as_bytes()),
                Some((k, c.len_utf8())),
                "{c:?}"
            );
        }
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            if !matches!(c as u32, 0xc0..=0x24f | 0x1e00..=0x1eff) {
                assert_eq!(super::vi_slot(c.to_string().as_bytes()), None, "{c:?}");
            }
        }
        assert_eq!(super::vi_slot(&[0xe1]), None);
        assert_eq!(super::vi_slot(&[0xc3]), None);
    }

    /// Where the shortcut for a Vietnamese first letter passes a word over, `match_at`
    /// finds nothing: at every character of every project text, and of a text of every
    /// term of the list and of every such letter followed by each term, in either case.
    #[test]
    fn vi_shortcut_passes_over_only_words_that_match_nothing() {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let m = Matcher::new(&ck);
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let mut terms = String::new();
        for p in &m.patterns {
            let text = format!("{}{}", p.first, String::from_utf8_lossy(&p.rest));
            let upper: String = text.chars().flat_map(char::to_uppercase).collect();
            for t in [text.clone(), upper, text.replace(' ', "\n")] {
                terms.push_str(&t);
                terms.push_str(" x\n");
            }
        }
        for c in super::vi_chars() {
            terms.push(c);
            terms.push(' ');
            terms.push(c);
            terms.push('\n');
            terms.push(c);
        }
        texts.push(terms);
        let (mut skipped, mut matched) = (0, 0);
        for t in &texts {
            for (i, _) in t.char_indices() {
                let found = m.match_at(t, i).is_some();
                matched += usize::from(found);
                if m.vi_passes_over(t.as_bytes(), i) {
                    assert!(!found, "{:?}", t[i..].chars().take(20).collect::<String>());
                    skipped += 1;
                }
            }
        }
        assert!(skipped > 50_000 && matched > 100, "{skipped} {matched}");
    }
}
