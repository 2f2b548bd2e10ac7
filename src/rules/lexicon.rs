//! The rule files compiled for matching: phrase tables looked up case-insensitively at a
//! position of the text, indexed by first (or last) character so a miss costs one lookup.

use rustc_hash::FxHashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::RuleSet;
use crate::claim::Bound;

/// How a hedge turns a written value into an interval (see rules/hedges.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeShape {
    Around,
    Below,
    Above,
    From,
    Under,
    Upto,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HedgeSpec {
    pub bound: Bound,
    pub shape: HedgeShape,
    pub width: f64,
}

/// What a unit phrase means.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitMeaning {
    Currency(String),
    Minor,
    Percent,
    Points,
    Duration(String),
    Ratio,
}

/// Phrases with a payload, matched whole-word and case-insensitively.
///
/// A phrase of two or more characters is indexed by its first two (and its last two):
/// a lookup compares only the phrases that open like the text (`cơ quan`, `cơ chế` for
/// `cơ`, not the twenty other nouns in `c`). One-character phrases (`%`) are indexed alone.
#[derive(Debug, Clone, Default)]
pub struct PhraseTable<T> {
    /// (lower-case phrase, payload), longest first.
    entries: Vec<(String, T)>,
    /// one-character phrases by their character
    by_first: CharIndex,
    by_last: CharIndex,
    /// longer phrases by their first two characters, and by their last two (last first)
    by_first2: FxHashMap<(char, char), Vec<usize>>,
    by_last2: FxHashMap<(char, char), Vec<usize>>,
}

/// Entries by a character: an array for ASCII (symbols, digits, most first letters), a map
/// for the rest, so the miss that most lookups are costs no hashing; that map hashes with
/// Fx (a multiply), not SipHash, since a Vietnamese word starts or ends with a non-ASCII
/// letter often enough that its hashing showed in every lookup.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    ascii: Vec<Vec<usize>>,
    other: FxHashMap<char, Vec<usize>>,
}

impl CharIndex {
    /// The entries under `c`, in the order pushed (or as `lists_mut` sorted them).
    pub fn entries(&self, c: char) -> &[usize] {
        self.get(c).unwrap_or(&[])
    }

    /// Every list, to order its entries.
    pub fn lists_mut(&mut self) -> impl Iterator<Item = &mut Vec<usize>> {
        self.ascii.iter_mut().chain(self.other.values_mut())
    }

    pub fn push(&mut self, c: char, i: usize) {
        if c.is_ascii() {
            if self.ascii.is_empty() {
                self.ascii = vec![Vec::new(); 128];
            }
            self.ascii[c as usize].push(i);
        } else {
            self.other.entry(c).or_default().push(i);
        }
    }

    fn get(&self, c: char) -> Option<&[usize]> {
        let list = if c.is_ascii() {
            self.ascii.get(c as usize)?
        } else {
            self.other.get(&c)?
        };
        (!list.is_empty()).then_some(list.as_slice())
    }
}

impl<T: Clone> PhraseTable<T> {
    pub fn new(items: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut entries: Vec<(String, T)> = items
            .into_iter()
            .map(|(p, t)| (fold(&p), t))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        entries.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        let mut by_first = CharIndex::default();
        let mut by_last = CharIndex::default();
        let mut by_first2: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        let mut by_last2: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        for (i, (p, _)) in entries.iter().enumerate() {
            let mut fwd = p.chars();
            let mut back = p.chars().rev();
            match (fwd.next(), fwd.next(), back.next(), back.next()) {
                (Some(f), Some(f2), Some(l), Some(l2)) => {
                    by_first2.entry((f, f2)).or_default().push(i);
                    by_last2.entry((l, l2)).or_default().push(i);
                }
                (Some(f), None, _, _) => {
                    by_first.push(f, i);
                    by_last.push(f, i);
                }
                _ => {}
            }
        }
        PhraseTable {
            entries,
            by_first,
            by_last,
            by_first2,
            by_last2,
        }
    }

    /// The entries that may match where the text's first (or last) characters lower-case
    /// to `one`, then `two`: the longer phrases under both, then the one-character ones.
    /// Longer phrases come first in `entries`, so this is their order there too.
    fn candidates<'s>(
        one: &'s CharIndex,
        two: &'s FxHashMap<(char, char), Vec<usize>>,
        c: char,
        next: Option<char>,
    ) -> impl Iterator<Item = usize> + 's {
        let long = next
            .and_then(|n| two.get(&(c, n)))
            .map_or(&[][..], Vec::as_slice);
        long.iter().chain(one.entries(c)).copied()
    }

    /// The phrases, lower case, longest first.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(p, _)| p.as_str())
    }

    /// The longest phrase at the start of `text`, with the bytes it covers.
    pub fn match_at(&self, text: &str) -> Option<(usize, &T)> {
        self.match_at_then(text, |c| !crate::text::is_alphanumeric(c))
    }

    /// Like `match_at`, but a digit may follow at once: a currency before its figure
    /// (`USD1,23`, `Rs20`).
    pub fn match_before_figure(&self, text: &str) -> Option<(usize, &T)> {
        self.match_at_then(text, |c| !crate::text::is_alphabetic(c))
    }

    fn match_at_then(&self, text: &str, boundary: impl Fn(char) -> bool) -> Option<(usize, &T)> {
        let mut chars = text.chars();
        let first = lower(chars.next()?);
        let second = chars.next().map(lower);
        for i in Self::candidates(&self.by_first, &self.by_first2, first, second) {
            let (phrase, payload) = &self.entries[i];
            if let Some(len) = prefix_len_ci(text, phrase) {
                let ends_in_word = phrase
                    .chars()
                    .next_back()
                    .is_some_and(crate::text::is_alphanumeric);
                let next = text[len..].chars().next();
                if !ends_in_word || next.is_none_or(&boundary) {
                    return Some((len, payload));
                }
            }
        }
        None
    }

    /// The longest phrase that ends exactly at the end of `text`, with its start offset.
    pub fn match_before(&self, text: &str) -> Option<(usize, &T)> {
        let mut chars = text.chars().rev();
        let last = lower(chars.next()?);
        let before = chars.next().map(lower);
        for i in Self::candidates(&self.by_last, &self.by_last2, last, before) {
            let (phrase, payload) = &self.entries[i];
            if let Some(start) = suffix_start_ci(text, phrase) {
                let starts_in_word = phrase
                    .chars()
                    .next()
                    .is_some_and(crate::text::is_alphanumeric);
                let prev = text[..start].chars().next_back();
                if !starts_in_word || !prev.is_some_and(crate::text::is_alphanumeric) {
                    return Some((start, payload));
                }
            }
        }
        None
    }
}

/// The lookups trying every phrase in order, without an index and comparing character by
/// character: the reference the indexed, byte-wise ones are tested against.
#[cfg(test)]
impl<T: Clone> PhraseTable<T> {
    fn match_at_every(&self, text: &str, boundary: impl Fn(char) -> bool) -> Option<(usize, &T)> {
        self.entries.iter().find_map(|(phrase, payload)| {
            let len = prefix_len_ci_chars(text, phrase)?;
            let ends_in_word = phrase
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alphanumeric);
            let next = text[len..].chars().next();
            (!ends_in_word || next.is_none_or(&boundary)).then_some((len, payload))
        })
    }

    fn match_before_every(&self, text: &str) -> Option<(usize, &T)> {
        self.entries.iter().find_map(|(phrase, payload)| {
            let start = suffix_start_ci_chars(text, phrase)?;
            let starts_in_word = phrase
                .chars()
                .next()
                .is_some_and(crate::text::is_alphanumeric);
            let prev = text[..start].chars().next_back();
            (!starts_in_word || !prev.is_some_and(crate::text::is_alphanumeric))
                .then_some((start, payload))
        })
    }
}

/// The rule data compiled for the extractor.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub hedges: PhraseTable<HedgeSpec>,
    pub suffix_hedges: PhraseTable<HedgeSpec>,
    pub unit_suffix: PhraseTable<UnitMeaning>,
    pub currency_prefix: PhraseTable<String>,
    pub noise_before: PhraseTable<()>,
    pub idioms: PhraseTable<()>,
    pub file_suffixes: PhraseTable<()>,
    pub counted_nouns: PhraseTable<()>,
}

impl Lexicon {
    pub fn new(rules: &RuleSet) -> Lexicon {
        let hedge_items = |entries: &[super::HedgeEntry]| {
            entries
                .iter()
                .flat_map(|e| {
                    let spec = HedgeSpec {
                        bound: e.bound.into(),
                        shape: e.shape,
                        width: e.width,
                    };
                    e.phrases.iter().map(move |p| (p.clone(), spec))
                })
                .collect::<Vec<_>>()
        };
        let u = &rules.units;
        let mut units: Vec<(String, UnitMeaning)> = Vec::new();
        for c in &u.currency {
            units.extend(
                c.suffix
                    .iter()
                    .map(|p| (p.clone(), UnitMeaning::Currency(c.code.clone()))),
            );
        }
        units.extend(
            u.minor
                .phrases
                .iter()
                .map(|p| (p.clone(), UnitMeaning::Minor)),
        );
        units.extend(
            u.percent
                .phrases
                .iter()
                .map(|p| (p.clone(), UnitMeaning::Percent)),
        );
        units.extend(
            u.percent
                .points
                .iter()
                .map(|p| (p.clone(), UnitMeaning::Points)),
        );
        units.extend(
            u.duration
                .phrases
                .iter()
                .map(|p| (p.clone(), UnitMeaning::Duration(fold(p)))),
        );
        units.extend(
            u.ratio
                .phrases
                .iter()
                .map(|p| (p.clone(), UnitMeaning::Ratio)),
        );
        let prefixes = u
            .currency
            .iter()
            .flat_map(|c| c.prefix.iter().map(|p| (p.clone(), c.code.clone())))
            .collect::<Vec<_>>();
        let unit_set = |v: &[String]| PhraseTable::new(v.iter().map(|p| (p.clone(), ())));
        Lexicon {
            hedges: PhraseTable::new(hedge_items(&rules.hedges.hedge)),
            suffix_hedges: PhraseTable::new(hedge_items(&rules.hedges.suffix)),
            unit_suffix: PhraseTable::new(units),
            currency_prefix: PhraseTable::new(prefixes),
            noise_before: unit_set(&rules.noise.before),
            idioms: unit_set(&rules.noise.idioms),
            file_suffixes: unit_set(&rules.noise.file_suffixes),
            counted_nouns: unit_set(&rules.nouns.counted),
        }
    }
}

/// The comparison form of a phrase: NFC and lower case.
pub fn fold(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).collect()
}

/// The first character of `c.to_lowercase()`, without the standard library's tables for
/// the letters Vietnamese uses (the matchers run at every word of a document).
fn lower(c: char) -> char {
    crate::text::lower(c)
}

/// Bytes of `text` matched by lower-case `phrase` at its start, if it matches.
///
/// Compared byte by byte first, ASCII folded (`text::strip_prefix_lower`); a phrase's
/// characters are their own lower case (tested), so where the bytes agree so do the
/// characters, and only a non-ASCII difference is read by characters. Reading every
/// character of every candidate phrase was most of the cost of a lookup.
fn prefix_len_ci(text: &str, phrase: &str) -> Option<usize> {
    crate::text::strip_prefix_lower(text, phrase)
}

/// `prefix_len_ci` character by character: the plain version.
#[cfg(test)]
fn prefix_len_ci_chars(text: &str, phrase: &str) -> Option<usize> {
    let mut it = text.char_indices();
    for p in phrase.chars() {
        let (_, c) = it.next()?;
        if lower(c) != p {
            return None;
        }
    }
    Some(it.next().map_or(text.len(), |(i, _)| i))
}

/// Start of lower-case `phrase` at the end of `text`, if it matches there: bytes compared
/// from the end as `prefix_len_ci` compares them from the start. A differing ASCII byte
/// on either side is a mismatch (an ASCII character lowers to ASCII, and of the others
/// only `İ` and the Kelvin sign lower to an ASCII letter, `i` and `k`); any other
/// difference is read by characters.
fn suffix_start_ci(text: &str, phrase: &str) -> Option<usize> {
    let (tb, pb) = (text.as_bytes(), phrase.as_bytes());
    for (k, &y) in pb.iter().rev().enumerate() {
        let Some(&x) = tb.len().checked_sub(k + 1).and_then(|j| tb.get(j)) else {
            return suffix_start_ci_chars(text, phrase);
        };
        if x == y || (x.is_ascii_uppercase() && x | 0x20 == y) {
            continue;
        }
        if x < 0x80 || (y < 0x80 && y != b'i' && y != b'k') {
            return None;
        }
        return suffix_start_ci_chars(text, phrase);
    }
    Some(tb.len() - pb.len())
}

/// `suffix_start_ci` character by character: the plain version, and where the bytes
/// cannot tell.
fn suffix_start_ci_chars(text: &str, phrase: &str) -> Option<usize> {
    let mut it = text.char_indices().rev();
    let mut start = text.len();
    for p in phrase.chars().rev() {
        let (i, c) = it.next()?;
        if lower(c) != p {
            return None;
        }
        start = i;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> PhraseTable<u8> {
        PhraseTable::new([
            ("khoảng".to_string(), 1),
            ("ước tính khoảng".to_string(), 2),
            ("%".to_string(), 3),
        ])
    }

    #[test]
    fn longest_phrase_wins_and_case_folds() {
        let t = table();
        assert_eq!(t.match_at("Khoảng 50"), Some(("khoảng".len(), &1)));
        assert_eq!(t.match_before("ước tính khoảng"), Some((0, &2)));
        assert_eq!(t.match_before("đạt khoảng"), Some(("đạt ".len(), &1)));
    }

    /// Every table of the embedded rules answers as trying every phrase in order would,
    /// at (a sample of) the character boundaries of every text the project has, both ways.
    #[test]
    fn indexed_lookups_are_the_ones_trying_every_phrase() {
        let lex = Lexicon::new(&RuleSet::embedded().expect("embedded rules"));
        let mut texts = crate::testing::project_texts();
        texts.push("% X USD1 KHOẢNG ĐỒNG đ % tỷ đồng  İ Σ".into());
        texts.extend(
            [
                "",
                "khoảng\u{a0}50 đ\u{a0}ĐỒNG",
                "Kho\u{309}ang 50 tỷ đô\u{300}ng",
                "khoảng\u{200b} 50 \u{200b}tỷ đồng",
                "khoảng 50\r\ntỷ đồng\r\n",
                "KHOẢNG 123456789012345678901234567890 TỶ ĐỒNG",
                "Ⱥ ⱥ İ i \u{212a}m km K\u{212a} ǅ ß ẞ",
                "US$ USD1 us$ € £ ¥ 5% %x",
            ]
            .map(String::from),
        );
        let (mut places, mut found) = (0usize, 0usize);
        let alnum = |c: char| !crate::text::is_alphanumeric(c);
        let alpha = |c: char| !crate::text::is_alphabetic(c);
        for t in &texts {
            for (k, (i, _)) in t.char_indices().enumerate() {
                let word_edge = t[..i].ends_with([' ', '\n']) || t[i..].starts_with(' ');
                if k % 7 != 0 && !(word_edge && k % 2 == 0) {
                    continue;
                }
                let (left, rest) = (t[..i].trim_end(), &t[i..]);
                macro_rules! same {
                    ($($table:ident),*) => {$(
                        let at = lex.$table.match_at(rest);
                        assert_eq!(at, lex.$table.match_at_every(rest, alnum), "{rest:?}");
                        assert_eq!(
                            lex.$table.match_before_figure(rest),
                            lex.$table.match_at_every(rest, alpha),
                            "{rest:?}"
                        );
                        let before = lex.$table.match_before(left);
                        assert_eq!(before, lex.$table.match_before_every(left), "{left:?}");
                        found += usize::from(at.is_some()) + usize::from(before.is_some());
                    )*};
                }
                same!(
                    hedges,
                    suffix_hedges,
                    unit_suffix,
                    currency_prefix,
                    noise_before,
                    idioms,
                    file_suffixes,
                    counted_nouns
                );
                places += 1;
            }
        }
        assert!(places > 100_000 && found > 10_000, "{places} {found}");
    }

    /// Every phrase of every table is its own lower case, character by character: what
    /// lets `prefix_len_ci` and `suffix_start_ci` compare bytes first.
    #[test]
    fn every_phrase_is_its_own_lower_case() {
        let lex = Lexicon::new(&RuleSet::embedded().expect("embedded rules"));
        let tables = [
            lex.hedges.phrases().collect::<Vec<_>>(),
            lex.suffix_hedges.phrases().collect(),
            lex.unit_suffix.phrases().collect(),
            lex.currency_prefix.phrases().collect(),
            lex.noise_before.phrases().collect(),
            lex.idioms.phrases().collect(),
            lex.file_suffixes.phrases().collect(),
            lex.counted_nouns.phrases().collect(),
        ];
        let mut n = 0;
        for p in tables.iter().flatten() {
            assert!(p.chars().all(|c| lower(c) == c), "{p:?}");
            n += 1;
        }
        assert!(n > 100, "{n}");
    }

    /// The byte-wise comparisons answer as the character-wise ones, for every phrase of
    /// the rules against texts that nearly match it (its case changed, a letter changed,
    /// cut short, padded), on both sides.
    #[test]
    fn byte_comparisons_are_the_character_ones() {
        let lex = Lexicon::new(&RuleSet::embedded().expect("embedded rules"));
        let mut phrases: Vec<String> = lex
            .hedges
            .phrases()
            .chain(lex.unit_suffix.phrases())
            .chain(lex.currency_prefix.phrases())
            .chain(lex.noise_before.phrases())
            .chain(lex.idioms.phrases())
            .chain(lex.counted_nouns.phrases())
            .map(String::from)
            .collect();
        phrases.extend(["ⱥ", "i", "k", "ß", "ǆ", "i\u{307}"].map(String::from));
        let mut found = 0;
        for p in &phrases {
            let mut variants = vec![
                p.clone(),
                p.to_uppercase(),
                p.chars().rev().collect::<String>(),
                p.chars().skip(1).collect(),
                p.chars()
                    .take(p.chars().count().saturating_sub(1))
                    .collect(),
                "Ⱥİ\u{212a}".to_string(),
            ];
            let mut title = p.clone();
            if let Some(c) = p.chars().next() {
                title = c.to_uppercase().chain(p.chars().skip(1)).collect();
            }
            variants.push(title);
            for v in variants {
                for t in [
                    v.clone(),
                    format!("{v} 50"),
                    format!("đạt {v}"),
                    format!("{v}x"),
                    format!("x{v}"),
                    format!("İ{v}İ"),
                ] {
                    let at = prefix_len_ci(&t, p);
                    assert_eq!(at, prefix_len_ci_chars(&t, p), "{t:?} {p:?}");
                    let before = suffix_start_ci(&t, p);
                    assert_eq!(before, suffix_start_ci_chars(&t, p), "{t:?} {p:?}");
                    found += usize::from(at.is_some()) + usize::from(before.is_some());
                }
            }
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn words_match_whole() {
        let t = table();
        assert_eq!(t.match_at("khoảngx"), None);
        assert_eq!(t.match_before("xkhoảng"), None);
        assert_eq!(t.match_at("%x"), Some((1, &3)));
    }
}
