//! The claim extractor: the only place nom lives.
//!
//! Each block of a document is scanned word by word; at each word start `mention` tries
//! to read a quantity (digits or number words, hedge, scale, unit, range). Then `context`
//! reads the sentence around each one for its subject, time scope and role.

mod context;
#[cfg(test)]
mod context_ref;
pub mod date;
mod lexwords;
pub mod mention;
pub mod number;
mod openers;
mod prefilter;
pub mod reference;
mod runs;
pub mod words;

use std::ops::Range;

use crate::claim::{Claim, Kind, Role};
use crate::document::{BlockKind, Document};
use crate::rules::{Lexicon, RuleSet};
use crate::time::TimeExpr;

use context::Fallback;
use mention::{Mention, Reader, Step};
use openers::{Openers, Verdict};
use prefilter::Prefilters;
use unicode_normalization::UnicodeNormalization;

/// Reads claims from documents with one set of rule data.
#[derive(Debug, Clone)]
pub struct Extractor {
    lex: Lexicon,
    openers: Openers,
    pre: Prefilters,
}

impl Extractor {
    pub fn new(rules: &RuleSet) -> Extractor {
        let lex = Lexicon::new(rules);
        Extractor {
            openers: Openers::new(&lex),
            pre: Prefilters::new(&lex),
            lex,
        }
    }

    /// Every numeric claim of a document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Claim> {
        let mut claims: Vec<Claim> = Vec::new();
        // the time in each section heading, read once per heading (a cache: Fx hashing,
        // no SipHash, for a key that is a block index)
        let mut heading_times: rustc_hash::FxHashMap<usize, Option<TimeExpr>> =
            rustc_hash::FxHashMap::default();
        for block in &doc.blocks {
            let base = block.range.start;
            let Some(t) = doc
                .text
                .get(block.range.clone())
                .filter(|_| block.kind != BlockKind::Boilerplate)
            else {
                continue;
            };
            let mentions = self.scan(t);
            if mentions.is_empty() {
                continue;
            }
            let section = match block.kind {
                // a footnote belongs to the passage that cites it
                BlockKind::FootnoteBody { label } => {
                    doc.citing_block(label).and_then(|b| b.section)
                }
                _ => block.section,
            };
            let fb = Fallback {
                section: section.and_then(|s| {
                    *heading_times
                        .entry(s)
                        .or_insert_with(|| self.heading_time(doc, s))
                }),
                document: doc.meta.date,
            };
            let sentences = context::sentences(t);
            let low = context::Lowered::new(t);
            // (sentence start, index in `claims`) of the last figure with a subject: its
            // subject is copied only for the change that follows it
            let mut last_subject: Option<(usize, usize)> = None;
            let first_claim = claims.len();
            for m in &mentions {
                let Context {
                    whole,
                    sentence,
                    clause,
                    near,
                } = window(t, &sentences, &mentions, m);
                let role = context::role(&low, &clause, m);
                let mut subject = context::subject(&low, clause.start, m, near);
                match last_subject {
                    // `FDI đạt 36,6 tỷ USD, tăng 32,8%`: the change is of the figure before it
                    Some((s, prev))
                        if subject.is_empty() && role == Role::Increment && s == whole =>
                    {
                        if let Some(c) = claims.get(prev) {
                            subject.clone_from(&c.subject);
                        }
                    }
                    _ if !subject.is_empty() && m.kind != Kind::Date => {
                        last_subject = Some((whole, claims.len()));
                    }
                    _ => {}
                }
                let text_range = base + m.range.start..base + m.range.end;
                let (time, time_source) = context::scope(&low, &sentence, m, near, fb);
                claims.push(Claim {
                    span: doc.source_range(text_range.clone()),
                    text_range,
                    kind: m.kind,
                    value: m.value,
                    interval: m.interval,
                    bound: m.bound,
                    // moved from the mention once the block is read
                    unit: None,
                    subject,
                    time,
                    time_source,
                    sentence: base + sentence.start..base + sentence.end,
                    role,
                    whole: m.whole,
                    scale_exp: m.scale_exp,
                });
            }
            // one claim per mention, in order: the units move over
            for (c, m) in claims[first_claim..].iter_mut().zip(mentions) {
                c.unit = m.unit;
            }
        }
        // held until the run ends, beside every other document's
        claims.shrink_to_fit();
        claims
    }

    /// Read `text` as one lone figure (`hai mươi mốt`, `dưới bảy ngàn đồng`), as a
    /// conformance suite asks: the one quantity that covers the whole text, or `None`.
    pub fn read_quantity(&self, text: &str) -> Option<Mention> {
        let t: String = text.trim().trim_end_matches('.').nfc().collect();
        let reader = Reader {
            t: &t,
            lex: &self.lex,
            strict: false,
            pre: &self.pre,
        };
        let mut found = scan_with(&reader, Some(&self.openers));
        let whole = found.len() == 1 && found[0].range == (0..t.len());
        whole.then(|| found.remove(0))
    }

    /// The quantities of one block.
    pub fn scan(&self, t: &str) -> Vec<Mention> {
        scan_with(
            &Reader {
                t,
                lex: &self.lex,
                strict: true,
                pre: &self.pre,
            },
            Some(&self.openers),
        )
    }

    /// `scan` trying every word start, without the opener lookup, and making every
    /// lexicon lookup the filters would refuse: the reference both are tested against.
    #[cfg(test)]
    fn scan_every_word(&self, t: &str) -> Vec<Mention> {
        scan_with(
            &Reader {
                t,
                lex: &self.lex,
                strict: true,
                pre: &Prefilters::pass_all(),
            },
            None,
        )
    }

    /// The first date or period in a section heading.
    fn heading_time(&self, doc: &Document, heading: usize) -> Option<TimeExpr> {
        let block = doc.blocks.get(heading)?;
        let t = doc.text.get(block.range.clone())?;
        self.scan(t).into_iter().find_map(|m| match m.value {
            crate::claim::Value::Time(e) => Some(e),
            crate::claim::Value::Number(_) => None,
        })
    }
}

/// How far around a figure its context is read. Real sentences are shorter (the longest
/// in the seed texts is about 1.5 KB); a block with no sentence end (a 50 MB line) must
/// not make every figure read the whole of it.
const CONTEXT_WINDOW: usize = 2048;
/// How far back the words of a figure's subject and role are read: its clause.
const CLAUSE_WINDOW: usize = 512;
/// How many other figures on each side of one are looked at for its time scope.
const NEIGHBOURS: usize = 16;

/// The context of mention `m`: its sentence (the one holding its figure, found by binary
/// search) clipped to `CONTEXT_WINDOW` bytes either side of it, the same clipped to
/// `CLAUSE_WINDOW` bytes before it, and the mentions next to it in the sentence.
/// `mentions` are in text order and do not overlap, so the lookups are logarithmic and
/// the work for one figure is bounded, however long its sentence.
fn window<'m>(
    t: &str,
    sentences: &[Range<usize>],
    mentions: &'m [Mention],
    m: &Mention,
) -> Context<'m> {
    let i = sentences.partition_point(|s| s.end <= m.figure_start);
    let sentence = sentences
        .get(i)
        .filter(|s| s.start <= m.figure_start)
        .cloned()
        .unwrap_or(0..t.len());
    let back = |n: usize| {
        sentence
            .start
            .max(t.floor_char_boundary(m.range.start.saturating_sub(n)))
    };
    let end = sentence
        .end
        .min(t.ceil_char_boundary(m.range.end.saturating_add(CONTEXT_WINDOW)));
    let (start, clause_start) = (back(CONTEXT_WINDOW), back(CLAUSE_WINDOW));
    let at = mentions.partition_point(|o| o.range.start < m.range.start);
    let lo = mentions
        .partition_point(|o| o.range.start < start.min(m.range.start))
        .max(at.saturating_sub(NEIGHBOURS));
    let hi = mentions
        .partition_point(|o| o.range.start < end.max(m.range.end))
        .min(at.saturating_add(NEIGHBOURS + 1));
    let near = mentions.get(lo..hi.max(lo)).unwrap_or(&[]);
    Context {
        whole: sentence.start,
        sentence: start..end,
        clause: clause_start..end,
        near,
    }
}

/// What `window` gives: where the whole sentence starts, the clipped ranges, the neighbours.
struct Context<'m> {
    whole: usize,
    sentence: Range<usize>,
    clause: Range<usize>,
    near: &'m [Mention],
}

/// Scan a block word by word, reading a quantity at each word start. With `openers`, a
/// word that cannot open a quantity is passed over without trying the parsers.
fn scan_with(reader: &Reader, openers: Option<&Openers>) -> Vec<Mention> {
    let t = reader.t;
    let bytes = t.as_bytes();
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    let mut after_word = false;
    let mut runs = runs::RunMasks::new(t);
    while let Some(&b) = bytes.get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match t.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        let word = is_word_char(c);
        if after_word || !(word || matches!(c, ',' | '$' | '€' | '£' | '¥')) {
            after_word = word;
            i += c.len_utf8();
            continue;
        }
        if word
            && !c.is_ascii_digit()
            && let Some(Verdict::Pass(len)) = openers.map(|o| o.verdict_in(&mut runs, t, i))
        {
            // the letters open nothing; what follows them is inside the word, unless it is
            // a space (the commonest case), which opens nothing either and ends the word:
            // passed over here, as the loop would pass it, with the words after it
            (i, after_word) = openers.map_or((i, false), |o| {
                pass_words(o, &mut runs, t, i + len.max(c.len_utf8()))
            });
            continue;
        }
        let next = match reader.at(i) {
            Step::Found(m) => {
                let end = m.range.end;
                if out.last().is_none_or(|l| l.range.end <= m.range.start) {
                    out.push(m);
                }
                end
            }
            Step::Skip(j) => j,
            Step::Pass => {
                let rest = &t[i..];
                i + rest
                    .find(|ch: char| !is_word_char(ch))
                    .unwrap_or(rest.len())
            }
        };
        // always move forward, and stay on a char boundary
        let j = t.ceil_char_boundary(next.max(i + c.len_utf8()).min(t.len()));
        after_word = t[..j].chars().next_back().is_some_and(is_word_char);
        i = j;
    }
    out
}

/// After letters that open nothing, ending at `i`: the space after them, and the words
/// that follow one space apart and open nothing either, are passed over as the loop would
/// pass them, without its work for each character (most words of a text go this way).
/// Where the loop goes on, and whether that is inside a word.
fn pass_words(o: &Openers, runs: &mut runs::RunMasks<'_>, t: &str, mut i: usize) -> (usize, bool) {
    let bytes = t.as_bytes();
    loop {
        if bytes.get(i) != Some(&b' ') {
            return (i, true);
        }
        i += 1;
        // a word start (after a space): at a letter `verdict` reads from its bytes, its
        // verdict is the loop's; anything else (`Pass(0)`, `Try`) is left to the loop
        match o.verdict_in(runs, t, i) {
            Verdict::Pass(len) if len > 0 => i += len,
            _ => return (i, false),
        }
    }
}

/// A letter or digit, decided without Unicode table lookups on the hot path: ASCII by its
/// class, the Latin ranges Vietnamese letters live in as letters, the rest by the tables.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F | 0x1E00..=0x1EFF => c != '×' && c != '÷',
        0x80..=0xBF | 0x2000..=0x206F | 0x3000..=0x303F => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn extractor() -> Extractor {
        Extractor::new(&RuleSet::embedded().expect("embedded rules"))
    }

    /// Skipping the words that open nothing changes nothing: the same mentions as trying
    /// the parsers at every word start, on every text the project has.
    #[test]
    fn openers_skip_only_words_that_open_nothing() {
        let x = extractor();
        let all = crate::testing::project_texts();
        assert!(all.len() > 100, "only {} texts found", all.len());
        let mut mentions = 0;
        for t in &all {
            let fast = x.scan(t);
            assert_eq!(fast, x.scan_every_word(t));
            mentions += fast.len();
        }
        assert!(mentions > 1000, "{mentions}");
        let odd = [
            "",
            " ",
            "  hai  mươi  ",
            "đạt\u{a0}hai mươi tỷ",
            "tăng ba\u{300}\u{323} mươi phần trăm",
            "con\u{200b} số hai\u{200b} mươi",
            "năm 2023\r\nđạt 12 tỷ đồng\r\n",
            "đạt 123456789012345678901234567890 tỷ đồng, tăng 1e308",
            "Các nhà đầu tư ×÷ hai ÷ ba × bốn",
            "aaaaaaaaaaaaaaaaaaaaaaa hai mươi bbbbbbbbbbbbbbbbbbbb ba",
            "ΩΩΩ hai Ωmega ba",
            "ɐɑɒɓ hai ɔɕ ba ɿ năm ʀ",
            "À Á ×hai ÷ba Ạ ỹ ḁ Ḁ hai ḁhai",
            "x,5 y $5 z €6 w £7 v ¥8 ,5",
        ];
        for t in odd {
            assert_eq!(x.scan(t), x.scan_every_word(t), "{t:?}");
        }
    }

    const WORDS: &[&str] = &[
        "hai", "Hai", "HAI", "ba", "Ba", "Lan", "mười", "mươi", "lăm", "năm", "Năm", "nămx",
        "ngày", "NGÀY", "tháng", "Tháng", "quý", "Quý", "hàng", "Hàng", "trăm", "nghìn", "triệu",
        "tỷ", "tỉ", "một", "số", "cách", "con", "USD", "usd", "US$", "$", "€", "đồng", "khoảng",
        "gần", "hơn", "thứ", "Thứ", "tư", "tưởng", "ban", "phát", "triển", "kinh", "tế", "Việt",
        "Nam", "COP26", "2023", "12", "1.000", "36,6", ",5", "%", "/", "-", ".", ",", "(", ")",
        "ii", "IV", "İ", "Σ", "ngành", "không", "chín", "âm", "nửa", "rưỡi",
    ];

    proptest! {
        #[test]
        fn openers_change_nothing_on_word_salad(
            picks in proptest::collection::vec((0..WORDS.len(), 0..4usize), 0..40)
        ) {
            let seps = [" ", "", "\n", ", "];
            let t: String = picks.iter().map(|&(w, s)| format!("{}{}", WORDS[w], seps[s])).collect();
            let x = extractor();
            prop_assert_eq!(x.scan(&t), x.scan_every_word(&t));
        }
    }
}
