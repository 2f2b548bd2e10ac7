//! `arithmetic/*`: figures of one document that do not add up.
//!
//! Each rule reads one shape of passage from the words around the claims (`tổng cộng`,
//! `trong đó`, `thêm ... nâng tổng số lên`, `tăng X% so với`, `gấp N lần`, `thấp hơn`,
//! `42/63`) and compares the figures as intervals (`interval`): a written value stands for
//! every value it could be a rounding of, a hedged one (`hơn 40`, `khoảng 50`) for every
//! value its hedge allows. A rule fires at its severity only when even the widest reading
//! disagrees; when only a tighter one does (a round `3 tỷ USD` read as precisely as the
//! `2,5 tỷ USD` beside it), it reports a warning.
//!
//! Work is one pass over each document's claims, grouped by sentence; lookups across
//! sentences (the earlier total of a `delta`, the base year of a change) go through a map
//! keyed by quantity, so the cost stays linear in the number of claims.

mod change;
mod comparison;
mod delta;
pub mod interval;
mod sum;
mod text;
mod whole;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use crate::claim::{Bound, Claim, Interval, Kind, Role, TimeSource, Value};
use crate::document::Document;
use crate::finding::{Finding, Location, Related, Severity, Text};

use super::{Checker, Source};

/// Where one cue stands in a sentence: byte ranges in the sentence.
pub type CueHits = Vec<(usize, usize)>;
/// A sentence (text range) and the hits of each cue of a list in it.
/// `None` for the hits: no cue stands in the sentence (`CueSet::find_in`).
pub type SentenceCues = (Range<usize>, Option<Vec<CueHits>>);
pub use interval::Iv;

pub const SUM: &str = "arithmetic/sum";
pub const DELTA: &str = "arithmetic/delta";
pub const PERCENT: &str = "arithmetic/percent-change";
pub const RATIO: &str = "arithmetic/ratio";
pub const WHOLE: &str = "arithmetic/part-exceeds-whole";
pub const COMPARISON: &str = "arithmetic/comparison";

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in sources.iter().filter(|s| !s.reference) {
        let bare = bare_totals(&s.doc, &s.claims);
        let v = View::new(ck, &s.doc, &s.claims, &bare);
        if let Some(sev) = ck.severity(SUM) {
            out.extend(sum::check(&v, sev));
        }
        if let Some(sev) = ck.severity(DELTA) {
            out.extend(delta::check(&v, sev));
        }
        let percent = ck.severity(PERCENT);
        let ratio = ck.severity(RATIO);
        if percent.is_some() || ratio.is_some() {
            out.extend(change::check(&v, percent, ratio));
        }
        if let Some(sev) = ck.severity(WHOLE) {
            out.extend(whole::check(&v, sev));
        }
        if let Some(sev) = ck.severity(COMPARISON) {
            out.extend(comparison::check(&v, sev));
        }
    }
    out
}

/// One document as the arithmetic checks read it.
pub struct View<'a> {
    pub ck: &'a Checker,
    pub doc: &'a Document,
    /// The document's claims in text order, with the bare totals the extractor skips,
    /// all borrowed: a copy of them all (or a `Cow` each, as large as a claim) was a
    /// large part of the peak memory on a large file.
    pub claims: Vec<&'a Claim>,
    /// Runs of claims that share a sentence: claim index ranges, in order.
    pub sentences: Vec<Range<usize>>,
    /// Claims stating a level (role total) by kind and year, built on first use.
    totals: OnceCell<HashMap<(Kind, i32), Vec<usize>>>,
    /// What each claim is about, computed on first use.
    keys: Vec<OnceCell<Option<Key>>>,
    /// Folded counted nouns, by the noun as written.
    nouns: RefCell<HashMap<String, String>>,
    /// The cues of `sum` and `comparison` in the sentence of each run, found on first use.
    cues: OnceCell<Vec<Option<SentenceCues>>>,
}

/// How many of `cue_list()` are `sum`'s (the rest are `comparison`'s).
const SUM_CUES: usize = sum::TOTAL_AFTER.len() + sum::BREAKDOWN.len();
/// How many `cue_list()` holds.
const CUES: usize = SUM_CUES + comparison::LOWER.len() + comparison::HIGHER.len();
/// The hits of a sentence where no cue stands, one empty list for each cue.
static NO_HITS: [CueHits; CUES] = [const { Vec::new() }; CUES];

/// The cues `sum` and `comparison` look for, in one list so that each sentence is
/// searched once for both: `sum`'s totals and breakdowns, then `comparison`'s words.
fn cue_list() -> Vec<&'static str> {
    sum::TOTAL_AFTER
        .iter()
        .chain(sum::BREAKDOWN)
        .chain(comparison::LOWER)
        .chain(comparison::HIGHER)
        .copied()
        .collect()
}

/// What a figure is about, for finding the same quantity in another sentence: a metric
/// of the catalog, or else its folded subject phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Metric(String),
    Subject(String),
}

impl<'a> View<'a> {
    /// The view of `doc` with its `claims` and the bare totals found in it
    /// (`bare_totals`, made by the caller so that they outlive the view).
    pub fn new(
        ck: &'a Checker,
        doc: &'a Document,
        claims: &'a [Claim],
        bare: &'a [Claim],
    ) -> View<'a> {
        let mut all: Vec<&'a Claim> = claims.iter().chain(bare).collect();
        all.sort_by_key(|c| (c.text_range.start, c.text_range.end));
        let mut sentences: Vec<Range<usize>> = Vec::new();
        for (i, c) in all.iter().enumerate() {
            match sentences.last_mut() {
                Some(r) if all[r.start].sentence == c.sentence => r.end = i + 1,
                _ => sentences.push(i..i + 1),
            }
        }
        View {
            ck,
            doc,
            keys: (0..all.len()).map(|_| OnceCell::new()).collect(),
            nouns: RefCell::new(HashMap::new()),
            claims: all,
            sentences,
            totals: OnceCell::new(),
            cues: OnceCell::new(),
        }
    }

    /// What claim `i` is about: the metric named in its clause, else its subject phrase
    /// when that has enough words to be specific.
    pub fn key(&self, i: usize) -> Option<Key> {
        self.key_in(i, false, None)
    }

    /// `key`, reading the metric's name anywhere in the sentence before the figure and
    /// taking `noun` as its counted noun when it has none (`thêm 7 danh hiệu được UNESCO
    /// công nhận, nâng tổng số lên 77`: the 77 counts titles).
    pub fn key_in(&self, i: usize, whole_sentence: bool, noun: Option<&str>) -> Option<Key> {
        let c = self.claims.get(i)?;
        // the context starts after the previous figure of the sentence
        let start = if whole_sentence {
            c.sentence.start
        } else {
            self.claims[..i]
                .iter()
                .rev()
                .take(32)
                .take_while(|o| o.sentence == c.sentence)
                .find(|o| !matches!(o.kind, Kind::Date | Kind::Duration))
                .map_or(c.sentence.start, |o| o.text_range.end)
        }
        .min(c.text_range.start)
        .max(c.text_range.start.saturating_sub(CONTEXT));
        let before = self
            .ck
            .folder
            .fold(text::tail(self.text(start..c.text_range.start), CONTEXT));
        let next = self
            .claims
            .get(i + 1)
            .filter(|o| o.sentence == c.sentence)
            .map(|o| o.text_range.start);
        let end = next.unwrap_or(c.sentence.end).max(c.text_range.end);
        let mut after = self
            .ck
            .folder
            .fold(text::head(self.text(c.text_range.end..end), CONTEXT));
        if next.is_some() {
            after.truncate(after.find([',', ';', ':']).unwrap_or(after.len()));
        }
        let noun = c
            .unit
            .as_deref()
            .or(noun)
            .filter(|_| c.kind == Kind::Count)
            .map(|u| self.ck.folder.fold_noun(u))
            .unwrap_or_default();
        // the name may also run through the counted noun (`72 danh hiệu UNESCO`)
        let joined = format!("{before} {noun} {after}");
        let metric = self
            .ck
            .catalog
            .classify(c, &before, &noun, &after)
            .or_else(|| self.ck.catalog.classify(c, &joined, "", ""));
        if let Some(m) = metric {
            return Some(Key::Metric(m.id.clone()));
        }
        let subject = self.ck.folder.fold(&c.subject);
        let left = subject
            .split('…')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let enough = left.split(' ').filter(|w| !w.is_empty()).count()
            >= self.ck.settings.min_subject_syllables.max(2);
        (enough && !c.noun_in_subject()).then_some(Key::Subject(subject))
    }

    /// `key` of claim `i`, computed once.
    pub fn key_of(&self, i: usize) -> Option<&Key> {
        self.keys.get(i)?.get_or_init(|| self.key(i)).as_ref()
    }

    /// Claims of role total and kind `kind` whose scope is one point in `year` read from
    /// their sentence or section: at most 64, those nearest `pos`, in text order. What
    /// they are about is left to the caller (`key_of`), so keys are only computed for the
    /// few claims a lookup needs.
    pub fn totals_in(&self, kind: Kind, year: i32, pos: usize) -> &[usize] {
        let map = self.totals.get_or_init(|| {
            let mut map: HashMap<(Kind, i32), Vec<usize>> = HashMap::new();
            for (i, c) in self.claims.iter().enumerate() {
                let y = match c.time {
                    Some(crate::time::TimeExpr { start, end: None }) => start.year(),
                    _ => None,
                };
                if let Some(y) = y
                    && c.role == Role::Total
                    && matches!(c.time_source, TimeSource::Sentence | TimeSource::Section)
                {
                    map.entry((c.kind, y)).or_default().push(i);
                }
            }
            map
        });
        let all = map.get(&(kind, year)).map_or(&[][..], Vec::as_slice);
        let at = all.partition_point(|&k| self.claims[k].text_range.start < pos);
        &all[at.saturating_sub(32)..(at + 32).min(all.len())]
    }

    /// The first claim of `run` that starts at or after `pos` (`run.end` when none).
    pub fn first_at(&self, run: &Range<usize>, pos: usize) -> usize {
        let slice = self.claims.get(run.clone()).unwrap_or_default();
        run.start + slice.partition_point(|c| c.text_range.start < pos)
    }

    /// The text between two positions when it is at most `max` bytes.
    pub fn short(&self, from: usize, to: usize, max: usize) -> Option<&str> {
        (to >= from && to - from <= max).then(|| self.text(from..to))
    }

    /// Normalised text of a range (empty when out of bounds).
    pub fn text(&self, r: Range<usize>) -> &str {
        self.doc.text.get(r).unwrap_or_default()
    }

    /// `text(r)` in lower case (`str::to_lowercase`). Each sentence is lowered when it is
    /// read, not the whole document at once: on a large file that copy was a fifth of
    /// the peak memory, and only the sentences of figures are read.
    pub fn lower(&self, r: Range<usize>) -> String {
        crate::text::lower_str(self.text(r))
    }

    /// The sentence of the run of claims `run`, and where each of `cues` stands in it
    /// (case-insensitive, offsets in the sentence): one list of hits per cue, in order.
    /// The search `run_cues` replaced, kept to test it against.
    #[cfg(test)]
    pub fn sentence_cues(
        &self,
        run: &Range<usize>,
        cues: &[&str],
    ) -> Option<(Range<usize>, Vec<CueHits>)> {
        let sentence = self.claims.get(run.start)?.sentence.clone();
        let low = self.lower(sentence.clone());
        let hits = text::find_all_lower_each(self.text(sentence.clone()), &low, cues);
        Some((sentence, hits))
    }

    /// `sentence_cues` of run `k` (an index into `sentences`) for `cue_list()`, computed
    /// for every run at once on first use.
    pub fn run_cues(&self, k: usize) -> Option<(Range<usize>, &[CueHits])> {
        static CUES: std::sync::LazyLock<text::CueSet<'static>> =
            std::sync::LazyLock::new(|| text::CueSet::new(&cue_list()));
        let all = self.cues.get_or_init(|| {
            self.sentences
                .iter()
                .map(|run| {
                    let sentence = self.claims.get(run.start)?.sentence.clone();
                    let hits =
                        CUES.find_in(self.text(sentence.clone()), || self.lower(sentence.clone()));
                    Some((sentence, hits))
                })
                .collect()
        });
        let (sentence, hits) = all.get(k)?.as_ref()?;
        Some((sentence.clone(), hits.as_deref().unwrap_or(&NO_HITS)))
    }

    /// Text between two positions, in either order.
    pub fn between(&self, a: usize, b: usize) -> &str {
        self.text(a.min(b)..a.max(b))
    }

    /// The claim's sentence up to the claim.
    pub fn left(&self, c: &Claim) -> &str {
        self.text(c.sentence.start.min(c.text_range.start)..c.text_range.start)
    }

    /// The claim's sentence after the claim.
    pub fn right(&self, c: &Claim) -> &str {
        self.text(c.text_range.end..c.sentence.end.max(c.text_range.end))
    }

    /// The figure as written in the source, one line.
    pub fn figure(&self, c: &Claim) -> String {
        super::phrases::figure(self.doc, c)
    }

    /// The reading of a claim from its written precision and hedge.
    pub fn narrow(&self, c: &Claim) -> Iv {
        let iv = Iv::of(&c.interval);
        let numeral = numeral(self.text(c.text_range.clone()));
        if c.bound == Bound::Exact && iv.is_point() && matches!(c.kind, Kind::Percent | Kind::Ratio)
        {
            // `3 lần`, `25%`: a whole number of percent or times is a rounding too
            let dec = numeral.map_or(0, |n| n.decimals);
            return iv.widen(0.5 * 10f64.powi(-i32::from(dec)));
        }
        iv
    }

    /// The widest reading: a round figure (`1.700 tỷ USD`, `1.200 lượt`) may be rounded to
    /// its last non-zero digit (keeping two significant digits).
    pub fn wide(&self, c: &Claim) -> Iv {
        let iv = self.narrow(c);
        if c.bound != Bound::Exact {
            return iv;
        }
        let Some(n) = numeral(self.text(c.text_range.clone())) else {
            return iv;
        };
        let big_count = c.kind == Kind::Count
            && value(c).is_some_and(|v| v >= self.ck.arithmetic.exact_count_below);
        if n.decimals > 0 || !(c.kind == Kind::Money || big_count) {
            return iv;
        }
        let rounded = n.trailing_zeros.min(n.digits.saturating_sub(2));
        if rounded == 0 {
            return iv;
        }
        let half = 0.5 * 10f64.powi(rounded as i32 + c.scale_exp);
        match value(c) {
            Some(v) => {
                let w = Iv::new(v - half, v + half);
                Iv::new(iv.lo.min(w.lo), iv.hi.max(w.hi))
            }
            None => iv,
        }
    }

    /// Tighter readings of two figures of one comparison: a round figure is read as
    /// precisely as the other when both use the same unit and scale word (`từ 2,5 tỷ USD
    /// lên 3 tỷ USD` reads the 3 as 3,0).
    pub fn aligned(&self, a: &Claim, b: &Claim) -> (Iv, Iv) {
        let (na, nb) = (self.narrow(a), self.narrow(b));
        let same = a.kind == b.kind
            && a.unit == b.unit
            && a.scale_exp == b.scale_exp
            && a.bound == Bound::Exact
            && b.bound == Bound::Exact
            && na.is_bounded()
            && nb.is_bounded();
        match (same, value(a), value(b)) {
            (true, Some(va), Some(vb)) => {
                let h = na.half_width().min(nb.half_width());
                (na.narrow_to(va, h), nb.narrow_to(vb, h))
            }
            _ => (na, nb),
        }
    }

    /// Whether only linking words stand between two positions of one sentence (dates
    /// and durations left out): `36,6 tỷ USD năm 2023, tức tăng` links a figure to its
    /// change; `680 tỷ USD, trong đó xuất khẩu tăng` does not.
    pub fn linked(&self, from: usize, to: usize) -> bool {
        let (from, to) = (from.min(to), from.max(to));
        if to - from > self.ck.arithmetic.max_item_gap * 2 {
            return false;
        }
        let mut words = String::new();
        let mut edge = from;
        let first = self.claims.partition_point(|c| c.text_range.start < from);
        for c in &self.claims[first..] {
            if c.text_range.start < edge {
                continue;
            }
            if c.text_range.start >= to {
                break;
            }
            if matches!(c.kind, Kind::Date | Kind::Duration) {
                words.push_str(self.text(edge..c.text_range.start));
                words.push(' ');
                edge = c.text_range.end;
            }
        }
        words.push_str(self.text(edge.min(to)..to));
        if text::gap(&words).stop
            || CLAUSE_STARTERS
                .iter()
                .any(|w| text::find_ci(&words, w).is_some())
        {
            return false;
        }
        // the figure's own noun phrase may run on to a comma; after it only linking words
        let tail = words.rfind(',').map_or(words.as_str(), |p| &words[p + 1..]);
        let loose = text::words(tail)
            .iter()
            .filter(|w| !LINKING.contains(&w.as_str()))
            .count();
        if words.contains(',') {
            loose == 0
        } else {
            loose <= 4
        }
    }

    /// `từ A (năm 2022) lên B`: for the claim at `p` after `từ`, the next figure of its
    /// sentence (dates between skipped) after `lên` or `xuống`, and whether it says up.
    pub fn from_to(&self, p: usize, end: usize) -> Option<(usize, bool)> {
        let a = self.claims.get(p)?;
        if !text::ends_with_ci(self.left(a), "từ") {
            return None;
        }
        let mut words = String::new();
        let mut edge = a.text_range.end;
        for q in p + 1..end.min(self.claims.len()) {
            let c = &self.claims[q];
            if c.text_range.start < edge {
                continue;
            }
            words.push_str(self.text(edge..c.text_range.start));
            edge = c.text_range.end;
            if matches!(c.kind, Kind::Date | Kind::Duration) {
                words.push(' ');
                continue;
            }
            let (word, n) = text::starts_with_any(&words, &["lên", "xuống"])?;
            // `lên mức`, `xuống còn`: a word or two at most
            let rest = words[n..].trim();
            if rest.len() > 12 || rest.contains([',', ';', '.', ':']) {
                return None;
            }
            return Some((q, word == "lên"));
        }
        None
    }

    /// A counted noun folded for comparison (`nước` and `quốc gia` fold together).
    pub fn noun(&self, written: &str) -> String {
        if let Some(f) = self.nouns.borrow().get(written) {
            return f.clone();
        }
        let f = self.ck.folder.fold_noun(written);
        self.nouns
            .borrow_mut()
            .insert(written.to_string(), f.clone());
        f
    }

    /// Whether two claims measure in the same unit: the same kind, the same currency or
    /// percent sign, and for counts no two different counted nouns.
    pub fn same_unit(&self, a: &Claim, b: &Claim) -> bool {
        if a.kind != b.kind {
            return false;
        }
        match a.kind {
            Kind::Money | Kind::Percent => a.unit == b.unit,
            Kind::Count => match (&a.unit, &b.unit) {
                (Some(x), Some(y)) if x == y => true,
                (Some(x), Some(y)) => {
                    let (fx, fy) = (self.noun(x), self.noun(y));
                    fx == fy || fx.ends_with(&fy) || fy.ends_with(&fx)
                }
                _ => true,
            },
            _ => false,
        }
    }

    /// A finding on `primary` with `related` places in the same document.
    #[allow(clippy::too_many_arguments)]
    pub fn finding(
        &self,
        rule: &'static str,
        severity: Severity,
        primary: &Claim,
        message: Text,
        label: Text,
        related: Vec<(&Claim, Text)>,
        help: Text,
        notes: Vec<Text>,
    ) -> Finding {
        let (line, _) = self.doc.line_col(primary.span.start);
        let related = related
            .into_iter()
            .map(|(c, t)| {
                let (l, _) = self.doc.line_col(c.span.start);
                let message = if l == line {
                    t
                } else {
                    Text::new(format!("dòng {l}: {}", t.vi), format!("line {l}: {}", t.en))
                };
                Related {
                    location: Location {
                        file: self.doc.path.clone(),
                        span: c.span.clone(),
                    },
                    message,
                }
            })
            .collect();
        Finding {
            rule,
            severity,
            message,
            primary: Location {
                file: self.doc.path.clone(),
                span: primary.span.clone(),
            },
            label,
            related,
            help: Some(help),
            notes,
            fix: None,
        }
    }
}

/// Words that may stand between a figure and the change or comparison that is about it.
const LINKING: &[&str] = &[
    "tăng", "giảm", "thêm", "mạnh", "nhẹ", "tức", "là", "tương", "đương", "ứng", "gấp", "từ",
    "đạt", "hay", "hoặc", "khoảng", "gần", "hơn", "trên", "lần", "năm", "trong", "vào", "và", "đã",
    "so", "với", "mức", "cùng", "kỳ", "nay", "qua",
];

/// Bytes of context read on each side of a figure to name what it is about.
const CONTEXT: usize = 300;

/// Words that open a clause about something else.
const CLAUSE_STARTERS: &[&str] = &[
    "trong đó",
    "trong khi",
    "riêng",
    "còn",
    "nhưng",
    "song",
    "đồng thời",
    "bên cạnh đó",
    "ngoài ra",
    "trong số đó",
    "chiếm",
];

/// The number a claim states, if it is one.
pub fn value(c: &Claim) -> Option<f64> {
    match c.value {
        Value::Number(v) if v.is_finite() => Some(v),
        _ => None,
    }
}

/// The severity of a finding that only a tight reading supports.
pub fn tight(sev: Severity) -> Severity {
    sev.min(Severity::Warning)
}

/// How the digits of a figure are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    /// Digits after the decimal comma.
    pub decimals: u8,
    /// Digits before it.
    pub digits: usize,
    /// Zeros that end the digits before the comma (`1.700` has two).
    pub trailing_zeros: usize,
}

/// The first numeral in `s` written with digits (`1.700`, `36,6`), Vietnamese style.
pub fn numeral(s: &str) -> Option<Numeral> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let rest = &s[start..];
    let mut int = String::new();
    let mut frac = String::new();
    let mut in_frac = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' if in_frac => frac.push(c),
            '0'..='9' => int.push(c),
            '.' if !in_frac && chars.peek().is_some_and(char::is_ascii_digit) => {}
            ',' if !in_frac && chars.peek().is_some_and(char::is_ascii_digit) => in_frac = true,
            _ => break,
        }
    }
    let trimmed = int.trim_start_matches('0');
    let digits = trimmed.len().max(1);
    let trailing_zeros = if trimmed.is_empty() {
        0
    } else {
        trimmed.len() - trimmed.trim_end_matches('0').len()
    };
    Some(Numeral {
        decimals: u8::try_from(frac.len()).unwrap_or(u8::MAX),
        digits,
        trailing_zeros,
    })
}

/// `1.234,5` and `1,234.5` for a number, with at most `max_dec` decimals.
pub fn num(v: f64, max_dec: usize) -> (String, String) {
    let s = format!("{:.*}", max_dec, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let group = |sep: char| {
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    };
    let sign = if v < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    let (mut vi, mut en) = (
        format!("{sign}{}", group('.')),
        format!("{sign}{}", group(',')),
    );
    if !frac.is_empty() {
        vi.push(',');
        vi.push_str(&frac);
        en.push('.');
        en.push_str(&frac);
    }
    (vi, en)
}

/// An amount in the unit and scale word of `like` (`30 tỷ USD`, `20%`, `28`).
pub fn amount(v: f64, like: &Claim) -> (String, String) {
    match like.kind {
        Kind::Money => {
            let scaled = v / 10f64.powi(like.scale_exp);
            let (vi, en) = num(scaled, 2);
            let unit = like.unit.clone().unwrap_or_default();
            let (sv, se) = scale_names(like.scale_exp);
            (join(&[&vi, sv, &unit]), join(&[&en, se, &unit]))
        }
        Kind::Percent if like.unit.as_deref() == Some("pp") => {
            let (vi, en) = num(v, 2);
            (
                format!("{vi} điểm phần trăm"),
                format!("{en} percentage points"),
            )
        }
        Kind::Percent => {
            let (vi, en) = num(v, 2);
            (format!("{vi}%"), format!("{en}%"))
        }
        Kind::Ratio => {
            let (vi, en) = num(v, 2);
            (format!("{vi} lần"), format!("{en} times"))
        }
        _ => num(v, 2),
    }
}

fn scale_names(exp: i32) -> (&'static str, &'static str) {
    match exp {
        3 => ("nghìn", "thousand"),
        6 => ("triệu", "million"),
        9 => ("tỷ", "billion"),
        12 => ("nghìn tỷ", "trillion"),
        _ => ("", ""),
    }
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bounded reading as text, `a–b` (or one value when it is a point).
pub fn range_text(iv: Iv, like: &Claim) -> (String, String) {
    if iv.is_point() {
        return amount(iv.lo, like);
    }
    let (lo_vi, lo_en) = amount(iv.lo, like);
    let (hi_vi, hi_en) = amount(iv.hi, like);
    match (iv.lo.is_finite(), iv.hi.is_finite()) {
        (true, true) => (format!("{lo_vi} – {hi_vi}"), format!("{lo_en} – {hi_en}")),
        (true, false) => (format!("từ {lo_vi} trở lên"), format!("{lo_en} or more")),
        (false, true) => (format!("tới {hi_vi}"), format!("up to {hi_en}")),
        (false, false) => ("bất kỳ".to_string(), "any value".to_string()),
    }
}

/// Every whole-word `tổng số` of `t`, in any case: (start, end). Line by line, each
/// line lowered on its own (the words hold no line break), so no lower-cased copy of
/// the whole text is made; and only the lines where `tổng số` starts, character by
/// character in lower case, at some `t` or `T` (`strip_prefix_lower`) are lowered and
/// searched: a line with no such place has no match in lower case either (no other
/// character lowers to `t`), and most lines have none.
///
/// `t` starts many words; the places are found by the `ổ` (or `Ổ`, the one other
/// character that lowers to it) after it, which is rarer, in two vector searches.
fn total_words(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = t.as_bytes();
    let mut at: Vec<usize> = memchr::memmem::find_iter(b, "ổ".as_bytes())
        .chain(memchr::memmem::find_iter(b, "Ổ".as_bytes()))
        .filter(|&k| k > 0 && matches!(b[k - 1], b't' | b'T'))
        .map(|k| k - 1)
        .collect();
    at.sort_unstable();
    let mut from = 0;
    for i in at {
        if i < from || crate::text::strip_prefix_lower(&t[i..], TOTAL_WORDS).is_none() {
            continue;
        }
        let start = t[..i].rfind('\n').map_or(0, |p| p + 1);
        let end = t[i..].find('\n').map_or(t.len(), |p| i + p);
        line_total_words(&t[start..end], start, &mut out);
        from = end + 1;
    }
    out
}

const TOTAL_WORDS: &str = "tổng số";

/// The whole-word `tổng số` of one line of the text starting at byte `at`, the line
/// lowered, into `out`.
fn line_total_words(line: &str, at: usize, out: &mut Vec<(usize, usize)>) {
    if line.len() >= TOTAL_WORDS.len() {
        let low = crate::text::lower_str(line);
        let found = text::find_all_lower(line, &low, TOTAL_WORDS);
        out.extend(found.into_iter().map(|(a, b)| (at + a, at + b)));
    }
}

/// `total_words` lowering every line, as first written: kept to test it against.
#[cfg(test)]
fn total_words_slow(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in t.split('\n') {
        line_total_words(line, at, &mut out);
        at += line.len() + 1;
    }
    out
}

/// Totals the extractor leaves out because `số` before a figure usually names a document
/// (`Nghị quyết số 34`): `tổng số 28 chuyến thăm` is a count. Only a plain whole number
/// followed by a word is read, inside a sentence that has other claims.
fn bare_totals(doc: &Document, claims: &[Claim]) -> Vec<Claim> {
    let t = doc.text.as_str();
    let mut out = Vec::new();
    let mut next_claim = 0;
    for (_, end) in total_words(t) {
        let rest = &t[end..];
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        let start = end + lead;
        let digits = t[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(t.len() - start);
        let raw = t[start..start + digits].trim_end_matches('.');
        if lead == 0 || raw.is_empty() || !raw.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let stop = start + raw.len();
        let after = &t[stop..];
        let next_word = text::words(text::head(after, 24));
        let noun_follows = after.starts_with(' ')
            && next_word.first().is_some_and(|w| {
                !matches!(
                    w.as_str(),
                    "nghìn"
                        | "ngàn"
                        | "triệu"
                        | "tỷ"
                        | "tỉ"
                        | "usd"
                        | "đồng"
                        | "vnđ"
                        | "lần"
                        | "năm"
                        | "tháng"
                        | "ngày"
                ) && w.chars().all(crate::text::is_alphabetic)
            });
        // `1.700` groups by three; a lone dot is a sentence end
        let grouped = raw.split('.').skip(1).all(|g| g.len() == 3);
        let Ok(v) = raw.replace('.', "").parse::<f64>() else {
            continue;
        };
        if !noun_follows || !grouped || !v.is_finite() {
            continue;
        }
        while next_claim < claims.len() && claims[next_claim].text_range.end <= start {
            next_claim += 1;
        }
        if claims
            .get(next_claim)
            .is_some_and(|c| c.text_range.start <= start)
        {
            continue; // the extractor read it
        }
        // the sentence: that of a claim around it
        let Some(host) = claims
            .iter()
            .skip(next_claim.saturating_sub(8))
            .take(16)
            .find(|c| c.sentence.start <= start && stop <= c.sentence.end)
        else {
            continue;
        };
        let noun: String = after
            .trim_start()
            .split([',', ';', '.', ':', '('])
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        let text_range = start..stop;
        out.push(Claim {
            span: doc.source_range(text_range.clone()),
            text_range,
            kind: Kind::Count,
            value: Value::Number(v),
            interval: Interval::point(v),
            bound: Bound::Exact,
            unit: (!noun.is_empty()).then_some(noun.clone()),
            subject: noun,
            time: host.time,
            role: Role::Total,
            whole: None,
            scale_exp: 0,
            sentence: host.sentence.clone(),
            time_source: if host.time_source == TimeSource::Sentence {
                TimeSource::Sentence
            } else {
                host.time_source
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tổng số` found line by line is what a search of the whole text lowered at once
    /// finds.
    #[test]
    fn total_words_line_by_line_are_those_of_the_whole_text() {
        let mut texts = crate::testing::project_texts();
        texts.push(
            "TỔNG SỐ 28 chuyến\nTổng số 5 đoàn, tổng\nsố 3; İstanbul tổng số 9\n\ntổng số".into(),
        );
        let mut found = 0;
        for t in &texts {
            let whole = text::find_all_lower(t, &crate::text::lower_str(t), "tổng số");
            assert_eq!(total_words(t), whole);
            found += whole.len();
        }
        assert!(found > 10, "{found}");
    }

    /// `total_words` looks for `ổ` and `Ổ` after a `t`: no other character lowers to
    /// `ổ` (nor to `t` but `T`).
    #[test]
    fn only_two_characters_lower_to_the_second_letter_of_tong() {
        let to: Vec<char> = (0..=0x10_ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| crate::text::lower(c) == 'ổ')
            .collect();
        assert_eq!(to, vec!['Ổ', 'ổ']);
    }

    /// Lowering only the lines with a `tổng số` in some case finds what lowering every
    /// line found, on every text of the project and on made-up lines where the case of
    /// other characters changes their length or is read in context (`İ`, `Σ`, the Kelvin
    /// sign `K`).
    #[test]
    fn total_words_in_candidate_lines_only_are_those_of_every_line() {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(
            [
                "İİ TỔNG SỐ 28 chuyến\nΣΣ tổng số 5 đoàn\n\u{212a}tổng số 3; xtổng số 9",
                "tổng sốx tổng\nsố TổNG Số tổng số\ntổng số",
                "t",
                "",
                "\ntổng số\n",
                "TỔNG SỐ TỔNG SỐ. Tổng sổ, tong so, tổng  số",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for t in &texts {
            let fast = total_words(t);
            assert_eq!(fast, total_words_slow(t), "{t}");
            found += fast.len();
        }
        assert!(found > 15, "{found}");
    }
    use crate::extract::Extractor;
    use crate::rules::RuleSet;

    /// Run `f` on the view of a one-file document.
    fn with_view(text: &str, f: impl FnOnce(&View)) {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let doc = Document::from_source("t.md", text.to_string());
        let claims = Extractor::new(&rules).extract(&doc);
        let bare = bare_totals(&doc, &claims);
        let v = View::new(&ck, &doc, &claims, &bare);
        f(&v);
    }

    /// The cues of `sum` and `comparison` searched in one list are those each list finds
    /// alone, in every sentence with figures of every text of the project.
    #[test]
    fn one_cue_search_for_sum_and_comparison() {
        let sum_cues: Vec<&str> = sum::TOTAL_AFTER
            .iter()
            .chain(sum::BREAKDOWN)
            .copied()
            .collect();
        let cmp_cues: Vec<&str> = comparison::LOWER
            .iter()
            .chain(comparison::HIGHER)
            .copied()
            .collect();
        // the condition under which a pattern's hits do not depend on its list
        assert!(!text::bordered(&cue_list()));
        assert_eq!(cue_list().len(), SUM_CUES + cmp_cues.len());
        assert_eq!(cue_list().len(), CUES);
        let texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        let (mut runs, mut hits) = (0, 0);
        for t in &texts {
            with_view(t, |v| {
                for (k, run) in v.sentences.iter().enumerate() {
                    let (sentence, all) = v.run_cues(k).expect("a run has a sentence");
                    let (s1, h1) = v.sentence_cues(run, &sum_cues).expect("sum");
                    let (s2, h2) = v.sentence_cues(run, &cmp_cues).expect("comparison");
                    assert_eq!((&sentence, &all[..SUM_CUES]), (&s1, &h1[..]));
                    assert_eq!((&sentence, &all[SUM_CUES..]), (&s2, &h2[..]));
                    runs += 1;
                    hits += all.iter().map(Vec::len).sum::<usize>();
                }
            });
        }
        assert!(runs > 1000 && hits > 50, "{runs} runs, {hits} hits");
    }

    /// The index of the claim whose text is `written`.
    fn at(v: &View, written: &str) -> usize {
        v.claims
            .iter()
            .position(|c| v.text(c.text_range.clone()) == written)
            .unwrap_or_else(|| panic!("no claim {written:?}"))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn round_money_is_read_wide_but_counts_stay_exact() {
        with_view(
            "Đầu tư giảm từ 1.700 tỷ USD xuống 1.300 tỷ USD. Việt Nam có 72 danh hiệu và 1.200 lượt.",
            |v| {
                let c = &v.claims[at(v, "1.700 tỷ USD")];
                let (n, w) = (v.narrow(c), v.wide(c));
                assert!(close(n.half_width(), 0.5e9), "{n:?}");
                assert!(close(w.half_width(), 50e9), "{w:?}");
                let c = &v.claims[at(v, "72 danh hiệu")];
                assert!(v.wide(c).is_point());
                let c = &v.claims[at(v, "1.200 lượt")];
                assert!(close(v.wide(c).half_width(), 50.0), "{:?}", v.wide(c));
            },
        );
    }

    #[test]
    fn whole_percents_and_ratios_are_roundings() {
        with_view("Kim ngạch tăng 25%, gấp 3 lần năm trước.", |v| {
            let p = v.narrow(v.claims[at(v, "25%")]);
            assert!(close(p.lo, 24.5) && close(p.hi, 25.5), "{p:?}");
            let r = v.narrow(v.claims[at(v, "3 lần")]);
            assert!(close(r.lo, 2.5) && close(r.hi, 3.5), "{r:?}");
        });
    }

    #[test]
    fn a_round_figure_beside_a_decimal_reads_as_precisely() {
        with_view(
            "Kim ngạch tăng từ 2,5 tỷ USD lên 3 tỷ USD.",
            |v| {
                let (a, b) = (&v.claims[at(v, "2,5 tỷ USD")], &v.claims[at(v, "3 tỷ USD")]);
                let (_, nb) = v.aligned(a, b);
                assert!(close(nb.lo, 2.95e9) && close(nb.hi, 3.05e9), "{nb:?}");
                assert!(close(v.narrow(b).half_width(), 0.5e9));
            },
        );
    }

    #[test]
    fn from_to_skips_dates_between() {
        with_view(
            "Số doanh nghiệp tăng từ 40 doanh nghiệp năm 2022 lên 50 doanh nghiệp năm 2023.",
            |v| {
                let p = at(v, "40 doanh nghiệp");
                let (q, up) = v.from_to(p, v.claims.len()).expect("from-to");
                assert_eq!(q, at(v, "50 doanh nghiệp"));
                assert!(up);
            },
        );
        with_view("Đầu tư đạt 40 tỷ USD, lên 50 tỷ USD.", |v| {
            assert!(v.from_to(at(v, "40 tỷ USD"), v.claims.len()).is_none());
        });
    }

    #[test]
    fn a_change_is_linked_to_the_figure_before_it_only_through_linking_words() {
        let s = "Vốn FDI đạt 36,6 tỷ USD năm 2023, tức tăng 32,8%. Kim ngạch đạt 683 tỷ USD, trong đó xuất khẩu tăng 5%.";
        with_view(s, |v| {
            let (b, x) = (&v.claims[at(v, "36,6 tỷ USD")], &v.claims[at(v, "32,8%")]);
            assert!(v.linked(b.text_range.end, x.text_range.start));
            let (b, x) = (&v.claims[at(v, "683 tỷ USD")], &v.claims[at(v, "5%")]);
            assert!(!v.linked(b.text_range.end, x.text_range.start));
        });
    }

    #[test]
    fn bare_tong_so_totals_are_read() {
        with_view(
            "Năm 2025 có tổng số 28 chuyến thăm, trong đó 10 chuyến thăm cấp Nhà nước.",
            |v| {
                let i = at(v, "28");
                assert_eq!(value(v.claims[i]), Some(28.0));
                assert_eq!(
                    v.claims[i].sentence,
                    v.claims[at(v, "10 chuyến thăm")].sentence
                );
            },
        );
        // a figure the extractor already read is not read twice; a scale word is not a noun
        with_view(
            "Tổng số 30 tỷ USD được giải ngân, với 12 dự án.",
            |v| {
                assert!(
                    v.claims
                        .iter()
                        .all(|c| v.text(c.text_range.clone()) != "30")
                );
            },
        );
    }

    fn findings_with(rules: &RuleSet, text: &str) -> Vec<Finding> {
        let ck = Checker::new(rules);
        let doc = Document::from_source("t.md", text.to_string());
        let claims = Extractor::new(rules).extract(&doc);
        check(
            &ck,
            &[Source {
                doc,
                claims,
                reference: false,
            }],
        )
    }

    #[test]
    fn tolerances_come_from_the_settings() {
        let text = "Số đoàn tăng từ 40 đoàn lên 50 đoàn, tăng 20% so với năm trước.";
        let mut rules = RuleSet::embedded().expect("rules");
        let f = findings_with(&rules, text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, PERCENT);
        // five points of slack let 25% pass for 20%
        rules.checks.arithmetic.percent_slack = 5.0;
        assert!(findings_with(&rules, text).is_empty());
    }

    #[test]
    fn a_rule_set_off_reports_nothing() {
        let text = "Đã có 65/63 tỉnh, thành phố tham gia.";
        let mut rules = RuleSet::embedded().expect("rules");
        assert_eq!(findings_with(&rules, text).len(), 1);
        rules
            .checks
            .severity
            .insert(WHOLE.to_string(), "off".to_string());
        assert!(findings_with(&rules, text).is_empty());
    }

    #[test]
    fn references_are_not_reported_on() {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let doc = Document::from_source("r.md", "Đã có 65/63 tỉnh tham gia.".to_string());
        let claims = Extractor::new(&rules).extract(&doc);
        let f = check(
            &ck,
            &[Source {
                doc,
                claims,
                reference: true,
            }],
        );
        assert!(f.is_empty());
    }

    /// The four real statements beside the project are consistent: no arithmetic finding
    /// (skipped where ../shared is absent).
    #[test]
    fn the_seed_statements_give_no_arithmetic_finding() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no {}", dir.display());
            return;
        };
        let rules = RuleSet::embedded().expect("rules");
        let mut seen = 0;
        for e in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            seen += 1;
            let f = findings_with(&rules, &text);
            assert!(f.is_empty(), "{}: {:?}", e.path().display(), f);
        }
        assert!(seen > 0, "no seed read from {}", dir.display());
    }

    #[test]
    fn checks_toml_gives_the_built_in_defaults() {
        let rules = RuleSet::embedded().expect("rules");
        let a = &rules.checks.arithmetic;
        let d = crate::rules::ArithmeticSettings::default();
        assert_eq!(a.exact_count_below, d.exact_count_below);
        assert_eq!(a.max_item_gap, d.max_item_gap);
        assert_eq!(a.max_cue_gap, d.max_cue_gap);
        assert_eq!(a.max_parts, d.max_parts);
        assert_eq!(a.percent_slack, d.percent_slack);
        assert_eq!(a.ratio_slack, d.ratio_slack);
    }

    #[test]
    fn numerals_as_written() {
        let n = numeral("1.700 tỷ USD").expect("digits");
        assert_eq!((n.decimals, n.digits, n.trailing_zeros), (0, 4, 2));
        let n = numeral("36,6 tỷ").expect("digits");
        assert_eq!((n.decimals, n.digits, n.trailing_zeros), (1, 2, 0));
        let n = numeral("gần 350 thỏa thuận").expect("digits");
        assert_eq!((n.decimals, n.digits, n.trailing_zeros), (0, 3, 1));
        assert!(numeral("hai mươi").is_none());
        // a comma that ends a clause is no decimal mark
        assert_eq!(numeral("32, tổng").map(|n| n.decimals), Some(0));
    }

    #[test]
    fn numbers_in_both_styles() {
        assert_eq!(num(1700.0, 2), ("1.700".to_string(), "1,700".to_string()));
        assert_eq!(num(36.6, 2), ("36,6".to_string(), "36.6".to_string()));
        assert_eq!(num(20.0, 1), ("20".to_string(), "20".to_string()));
        assert_eq!(num(-23.53, 1), ("-23,5".to_string(), "-23.5".to_string()));
        assert_eq!(num(1234567.891, 2).0, "1.234.567,89");
    }
}
