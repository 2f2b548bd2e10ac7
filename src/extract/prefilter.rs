//! Cheap refusals for the lexicon's phrase lookups, asked at every figure.
//!
//! A phrase table finds a phrase at the start (or end) of a text by comparing the text's
//! characters, lower-cased one by one with `text::lower`, with the phrase's. So a phrase
//! matches only if the text's first (last) one, two or three characters, lower-cased,
//! are the phrase's first (last) characters. Those openings (endings) of every phrase
//! are kept in a Bloom filter: when none of the text's is in it, no phrase matches, and
//! the lookup (its index probe and a comparison per candidate phrase, several hundred
//! instructions) is not made. A false positive only costs the lookup.

use super::lexwords::RANK_CUES;
use crate::rules::{HedgeSpec, Lexicon, PhraseTable, UnitMeaning};
use crate::text;

/// How many characters of a phrase's edge are kept.
const DEPTH: usize = 3;
/// Filter size in bits: a few hundred phrases fill it sparsely.
const BITS: usize = 4096;

/// The edges (openings or endings) of a set of lower-case phrases.
#[derive(Debug, Clone)]
pub struct Edges {
    bits: Vec<u64>,
    from_end: bool,
}

impl Edges {
    /// The first (`from_end` false) or last `DEPTH` characters of each phrase, or all of
    /// a shorter one.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>, from_end: bool) -> Edges {
        let mut e = Edges {
            bits: vec![0; BITS / 64],
            from_end,
        };
        for p in phrases {
            let mut h = SEED;
            let mut n = 0;
            let mut each = |c: char| {
                if n < DEPTH {
                    h = mix(h, c);
                    n += 1;
                }
            };
            if from_end {
                p.chars().rev().for_each(&mut each);
            } else {
                p.chars().for_each(&mut each);
            }
            if n > 0 {
                let (w, b) = slot(h);
                e.bits[w] |= b;
            }
        }
        e
    }

    /// Whether some phrase may lie at the edge of `text`: `false` only if none does.
    #[inline]
    pub fn may_match(&self, text: &str) -> bool {
        if self.from_end {
            self.any_edge(text.chars().rev())
        } else {
            self.any_edge(text.chars())
        }
    }

    fn any_edge(&self, chars: impl Iterator<Item = char>) -> bool {
        let mut h = SEED;
        for c in chars.take(DEPTH) {
            h = mix(h, text::lower(c));
            let (w, b) = slot(h);
            if self.bits.get(w).is_some_and(|x| x & b != 0) {
                return true;
            }
        }
        false
    }
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;

fn mix(h: u64, c: char) -> u64 {
    (h ^ u64::from(u32::from(c))).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The word and bit of a hash in the filter.
fn slot(h: u64) -> (usize, u64) {
    let i = (h >> 52) as usize % BITS;
    (i / 64, 1u64 << (i % 64))
}

/// The filters of the lexicon tables the reader looks up at each figure.
#[derive(Debug, Clone)]
pub struct Prefilters {
    hedges: Edges,
    noise_before: Edges,
    suffix_hedges: Edges,
    unit_suffix: Edges,
    idioms: Edges,
    counted_nouns: Edges,
    /// The rank cues (`xếp thứ`), matched by `mention::match_any_before`.
    rank_cues: Edges,
}

impl Prefilters {
    pub fn new(lex: &Lexicon) -> Prefilters {
        Prefilters {
            hedges: Edges::new(lex.hedges.phrases(), true),
            noise_before: Edges::new(lex.noise_before.phrases(), true),
            suffix_hedges: Edges::new(lex.suffix_hedges.phrases(), false),
            unit_suffix: Edges::new(lex.unit_suffix.phrases(), false),
            idioms: Edges::new(lex.idioms.phrases(), false),
            counted_nouns: Edges::new(lex.counted_nouns.phrases(), false),
            rank_cues: Edges::new(RANK_CUES.iter().copied(), true),
        }
    }

    /// Whether `left` may end with a rank cue. `match_any_before` lower-cases a whole
    /// tail of the text, not character by character: the filter answers only when the
    /// last `DEPTH` characters are Latin letters or marks whose lower case is one
    /// character (all but `İ`), so that the tail's lower case ends with theirs.
    pub fn rank_cue_may_end(&self, left: &str) -> bool {
        let simple = |c: char| matches!(c as u32, 0..=0x12f | 0x131..=0x24f | 0x1e00..=0x1eff);
        !left.chars().rev().take(DEPTH).all(simple) || self.rank_cues.may_match(left)
    }

    /// Filters that refuse nothing: every lookup is made.
    #[cfg(test)]
    pub fn pass_all() -> Prefilters {
        let all = |from_end| Edges {
            bits: vec![u64::MAX; BITS / 64],
            from_end,
        };
        Prefilters {
            hedges: all(true),
            noise_before: all(true),
            suffix_hedges: all(false),
            unit_suffix: all(false),
            idioms: all(false),
            counted_nouns: all(false),
            rank_cues: all(true),
        }
    }
}

/// The lexicon tables the reader uses, each behind its filter: the same answers as the
/// tables' own `match_at` and `match_before`.
#[derive(Clone, Copy)]
pub struct Tables<'a> {
    pub lex: &'a Lexicon,
    pub pre: &'a Prefilters,
}

fn before<'a, T: Clone>(
    f: &Edges,
    table: &'a PhraseTable<T>,
    text: &str,
) -> Option<(usize, &'a T)> {
    if f.may_match(text) {
        table.match_before(text)
    } else {
        None
    }
}

fn at<'a, T: Clone>(f: &Edges, table: &'a PhraseTable<T>, text: &str) -> Option<(usize, &'a T)> {
    if f.may_match(text) {
        table.match_at(text)
    } else {
        None
    }
}

impl<'a> Tables<'a> {
    pub fn hedge_before(&self, text: &str) -> Option<(usize, &'a HedgeSpec)> {
        before(&self.pre.hedges, &self.lex.hedges, text)
    }

    pub fn noise_before(&self, text: &str) -> bool {
        before(&self.pre.noise_before, &self.lex.noise_before, text).is_some()
    }

    pub fn suffix_hedge_at(&self, text: &str) -> Option<(usize, &'a HedgeSpec)> {
        at(&self.pre.suffix_hedges, &self.lex.suffix_hedges, text)
    }

    pub fn unit_at(&self, text: &str) -> Option<(usize, &'a UnitMeaning)> {
        at(&self.pre.unit_suffix, &self.lex.unit_suffix, text)
    }

    pub fn idiom_at(&self, text: &str) -> Option<usize> {
        at(&self.pre.idioms, &self.lex.idioms, text).map(|(len, _)| len)
    }

    pub fn counted_noun_at(&self, text: &str) -> Option<usize> {
        at(&self.pre.counted_nouns, &self.lex.counted_nouns, text).map(|(len, _)| len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn lexicon() -> Lexicon {
        Lexicon::new(&RuleSet::embedded().expect("embedded rules"))
    }

    /// Each filtered lookup answers as its table, at (a sample of) every character
    /// boundary of every text the project has, looking both ways; and the filters do
    /// refuse most places, or they would be no use.
    #[test]
    fn filtered_lookups_are_the_tables_on_every_text() {
        let lex = lexicon();
        let pre = Prefilters::new(&lex);
        let tb = Tables {
            lex: &lex,
            pre: &pre,
        };
        let (mut places, mut refused) = (0usize, 0usize);
        for t in crate::testing::project_texts() {
            for (k, (i, _)) in t.char_indices().enumerate() {
                let word_edge = t[..i].ends_with([' ', '\n']) || t[i..].starts_with(' ');
                if k % 3 != 0 && !word_edge {
                    continue;
                }
                let (left, rest) = (t[..i].trim_end(), &t[i..]);
                assert_eq!(
                    tb.hedge_before(left),
                    lex.hedges.match_before(left),
                    "{left:?}"
                );
                assert_eq!(
                    tb.noise_before(left),
                    lex.noise_before.match_before(left).is_some(),
                    "{left:?}"
                );
                assert_eq!(tb.suffix_hedge_at(rest), lex.suffix_hedges.match_at(rest));
                assert_eq!(tb.unit_at(rest), lex.unit_suffix.match_at(rest), "{rest:?}");
                assert_eq!(tb.idiom_at(rest), lex.idioms.match_at(rest).map(|m| m.0));
                assert_eq!(
                    tb.counted_noun_at(rest),
                    lex.counted_nouns.match_at(rest).map(|m| m.0)
                );
                places += 1;
                refused += usize::from(!pre.hedges.may_match(left));
            }
        }
        assert!(places > 100_000, "{places}");
        assert!(refused * 2 > places, "{refused} of {places}");
    }

    /// Every phrase of every table passes its own filter, in any case of its letters.
    #[test]
    fn every_phrase_passes_its_filter() {
        let lex = lexicon();
        let pre = Prefilters::new(&lex);
        let tables: [(&Edges, Vec<&str>); 6] = [
            (&pre.hedges, lex.hedges.phrases().collect()),
            (&pre.noise_before, lex.noise_before.phrases().collect()),
            (&pre.suffix_hedges, lex.suffix_hedges.phrases().collect()),
            (&pre.unit_suffix, lex.unit_suffix.phrases().collect()),
            (&pre.idioms, lex.idioms.phrases().collect()),
            (&pre.counted_nouns, lex.counted_nouns.phrases().collect()),
        ];
        for (f, phrases) in tables {
            assert!(!phrases.is_empty());
            for p in phrases {
                assert!(f.may_match(p), "{p:?}");
                assert!(f.may_match(&p.to_uppercase()), "{p:?}");
                let padded = if f.from_end {
                    format!("xyz {p}")
                } else {
                    format!("{p} xyz")
                };
                assert!(f.may_match(&padded), "{p:?}");
            }
        }
    }

    #[test]
    fn a_text_with_no_phrase_edge_is_refused() {
        let f = Edges::new(["khoảng", "gần"], true);
        assert!(f.may_match("đạt khoảng"));
        assert!(f.may_match("GẦN"));
        assert!(!f.may_match(""));
        assert!(!f.may_match("xyz"));
        let g = Edges::new(["%", "tỷ đồng"], false);
        assert!(g.may_match("% dân số"));
        assert!(g.may_match("Tỷ đồng"));
        assert!(!g.may_match("người"));
    }
}
