//! `cross-source/*` and `temporal/stock-decrease`: the same quantity stated differently.
//!
//! Two claims are the same quantity when their quantity key (a metric of the catalog, or
//! else the folded subject phrase), kind, unit, role and time scope are all equal. Claims
//! are blocked by that key in a hash map, so only claims that could match are compared and
//! the cost grows with the number of claims, not its square.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::claim::{Bound, Claim, Interval, Kind, Role, TimeSource};
use crate::finding::{Finding, Location, Related, Severity, Text};
use crate::time::{TimeExpr, TimePoint};

use super::metrics::{PlaceKind, PlaceMention};
use super::phrases::{figure_at, scale_word, time_en, time_vi};
use super::{Checker, Source};

const VALUE: &str = "cross-source/value-mismatch";
const SCALE: &str = "cross-source/scale-mismatch";
const SUBJECT: &str = "cross-source/subject-mismatch";
const STOCK: &str = "temporal/stock-decrease";

/// What a claim is about, for matching.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Quantity {
    /// A metric of the catalog, by index.
    Metric(usize),
    /// A folded subject phrase, for quantities no rule names.
    Subject(Arc<str>),
}

/// What the checks read of a claim, copied: the source's claims are dropped once its
/// facts are read, and a large run holds every fact to the end, so neither the value,
/// the range in the normalised text nor the whole is kept, the time scope is the fact's
/// own, and the texts are shared (`Shared`).
#[derive(Debug)]
struct Stated {
    /// Byte range in the original file.
    span: Range<usize>,
    /// Byte range of the sentence in the normalised text: a key only.
    sentence: Range<usize>,
    interval: Interval,
    kind: Kind,
    bound: Bound,
    role: Role,
    time_source: TimeSource,
    scale_exp: i32,
    unit: Option<Arc<str>>,
    subject: Arc<str>,
}

impl Stated {
    fn new(c: &Claim, shared: &mut Shared) -> Stated {
        Stated {
            span: c.span.clone(),
            sentence: c.sentence.clone(),
            interval: c.interval,
            kind: c.kind,
            bound: c.bound,
            role: c.role,
            time_source: c.time_source,
            scale_exp: c.scale_exp,
            unit: c.unit.as_deref().map(|u| shared.get(u)),
            subject: shared.get(&c.subject),
        }
    }
}

/// One copy of each text the facts of a document hold: subjects, nouns and places
/// recur in a document, and its facts are held for the whole run.
#[derive(Default)]
struct Shared(FxHashSet<Arc<str>>);

impl Shared {
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(t) = self.0.get(text) {
            return t.clone();
        }
        let t: Arc<str> = text.into();
        self.0.insert(t.clone());
        t
    }

    /// [`Shared::get`] of a text held already: kept as it is when it is new.
    fn keep(&mut self, text: Arc<str>) -> Arc<str> {
        if let Some(t) = self.0.get(&text) {
            return t.clone();
        }
        self.0.insert(text.clone());
        text
    }
}

/// A claim with its matching keys.
#[derive(Debug)]
pub(crate) struct Fact {
    pub(super) src: usize,
    claim: Stated,
    quantity: Quantity,
    /// The subject left of its counted noun, folded (`quan hệ ngoại giao`).
    left: Arc<str>,
    unit: Arc<str>,
    time: Option<TimeExpr>,
    /// The province or city the figure is about (`Long An`), `Việt Nam` when named as
    /// national, `None` when its sentence names none.
    domestic: Option<Arc<str>>,
    /// The partner country or region (`sang Nhật Bản`), if any.
    partner: Option<Arc<str>>,
    /// The months of a part of the year (`sáu tháng đầu năm` = 1..=6).
    months: Option<(u8, u8)>,
}

impl Fact {
    /// The place part of the quantity key: a national figure and one with no place share
    /// `(None, _)`.
    fn place(&self) -> (Option<&str>, Option<&str>) {
        let d = self.domestic.as_deref().filter(|d| *d != NATIONAL);
        (d, self.partner.as_deref())
    }

    /// The time part of the key: the scope, and the months of a part of the year.
    fn scope(&self) -> Option<Scope> {
        Some((self.time?, self.months))
    }

    /// [`Fact::scope`] as text (the key `values` used before `scope`; one text for each
    /// scope, tested).
    #[cfg(test)]
    fn time_key(&self) -> Option<String> {
        let t = self.time?;
        Some(match self.months {
            Some((a, b)) => format!("{}|m{a}-{b}", t.iso()),
            None => t.iso(),
        })
    }
}

/// A time scope and the months of a part of the year it is narrowed to.
type Scope = (TimeExpr, Option<(u8, u8)>);

/// The canonical name of the whole country in `rules/places.toml`.
const NATIONAL: &str = "Việt Nam";

/// The words of a number of months (`sáu`, `6`).
fn month_count(w: &str) -> Option<u8> {
    if let Ok(n) = w.parse::<u8>() {
        return (1..=11).contains(&n).then_some(n);
    }
    let words = [
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    words
        .iter()
        .position(|x| *x == w)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A part of the year written in a text: `sáu tháng đầu năm` (1..=6), `9 tháng năm 2023`
/// (1..=9), `6 tháng cuối năm` (7..=12), `nửa đầu năm`; the last one in `t`.
fn part_year(t: &str) -> Option<(u8, u8)> {
    // most texts have neither `tháng` nor `nửa`
    if !super::fold::may_have_thang_or_nua(t) {
        return None;
    }
    let lower = crate::text::lower_str(t);
    // the runs of letters and digits, read by bytes (`split` on `is_alphanumeric`
    // decoded every character)
    let mut ws: Vec<&str> = Vec::with_capacity(lower.len() / 4);
    crate::text::for_each_word(&lower, |a, b| ws.push(&lower[a..b]));
    part_year_in(&ws)
}

/// [`part_year`] over the lower-cased words of a text.
fn part_year_in(ws: &[&str]) -> Option<(u8, u8)> {
    let mut found = None;
    for (i, w) in ws.iter().enumerate() {
        if *w != "tháng" || i == 0 {
            continue;
        }
        let n = match (ws.get(i.wrapping_sub(2)), ws[i - 1]) {
            (Some(&"mười"), "một") => Some(11),
            (_, w) => month_count(w),
        };
        let Some(n) = n else { continue };
        let part = match (ws.get(i + 1), ws.get(i + 2)) {
            (Some(&"đầu"), Some(&"năm")) => (1, n),
            (Some(&"cuối"), Some(&"năm")) => (13 - n, 12),
            (Some(&"năm"), _) => (1, n),
            _ => continue,
        };
        found = Some(part);
    }
    // `nửa đầu năm`, `nửa cuối năm`
    for (i, w) in ws.iter().enumerate() {
        if *w == "nửa" && ws.get(i + 2) == Some(&"năm") {
            match ws.get(i + 1) {
                Some(&"đầu") => found = found.or(Some((1, 6))),
                Some(&"cuối") => found = found.or(Some((7, 12))),
                _ => {}
            }
        }
    }
    found
}

/// The sector named before a figure in its sentence (`trong lĩnh vực logistics`), folded.
fn sector(ck: &Checker, lead: &str) -> Option<String> {
    // most leads name no sector: `vực` lowered comes only from an `ự` or `Ự` of the lead
    if !may_name_a_sector(lead) {
        return None;
    }
    sector_plain(ck, lead)
}

/// Whether `lead` holds `ự` or `Ự`, which `lĩnh vực` in any case does.
fn may_name_a_sector(lead: &str) -> bool {
    let b = lead.as_bytes();
    // both are E1 BB B0/B1 in UTF-8
    memchr::memmem::find_iter(b, b"\xe1\xbb").any(|p| matches!(b.get(p + 2), Some(0xb0 | 0xb1)))
}

/// [`sector`] without its prefilter (for tests).
fn sector_plain(ck: &Checker, lead: &str) -> Option<String> {
    let lower = crate::text::lower_str(lead);
    let at = lower.rfind("lĩnh vực ")? + "lĩnh vực ".len();
    let rest = lower.get(at..)?;
    let name = rest
        .split([',', ';', ':', '.', '\n', '('])
        .next()
        .unwrap_or_default();
    let name: Vec<&str> = name.split_whitespace().take(5).collect();
    (!name.is_empty()).then(|| ck.folder.fold(&name.join(" ")))
}

/// A slice of `t` cut back to char boundaries.
fn slice(t: &str, mut a: usize, mut b: usize) -> &str {
    b = b.min(t.len());
    a = a.min(b);
    while !t.is_char_boundary(a) {
        a += 1;
    }
    while !t.is_char_boundary(b) {
        b -= 1;
    }
    t.get(a..b.max(a)).unwrap_or_default()
}

/// The cross-source rules over the facts of every source (`facts_of`), in source order.
pub(crate) fn check(ck: &Checker, sources: &[Source], facts: &[&Fact]) -> Vec<Finding> {
    let t = std::time::Instant::now();
    // the few findings of `subjects` and `stocks` first, so that the many of `values`
    // are made straight into a vector with room for them: no vector of thousands of
    // findings is grown, or copied into another (the order is that of values first)
    let mut rest = Vec::new();
    let frame = Frame::new(sources, facts);
    subjects(ck, sources, facts, &frame, &mut rest);
    stocks(ck, sources, facts, &frame, &mut rest);
    drop(frame);
    crate::timing::phase("cross-source: subjects and stocks", t);
    let t = std::time::Instant::now();
    let out = values(ck, sources, facts, rest);
    crate::timing::phase("cross-source: values", t);
    out
}

/// The facts of one source, read from it alone: the claims worth comparing across
/// sources with their matching keys. `src` is the source's index in the run.
pub(crate) fn facts_of(ck: &Checker, src: usize, s: &Source) -> Vec<Fact> {
    facts_of_with(ck, src, s, Shortcuts::ALL)
}

/// The shortcuts of [`facts_of`], each of which a test turns off.
#[derive(Debug, Clone, Copy)]
struct Shortcuts {
    /// The text before a figure is the text after the previous figure, folded, when
    /// that is the same range (else folded afresh).
    reuse: bool,
    /// The places are read up to where a figure's clause may end (else to the end of
    /// its sentence).
    to_clause: bool,
    /// The places are read for the figures that make facts only (else for every
    /// countable figure).
    only_facts: bool,
    /// The catalog's alias words among those of a figure's context are those the fold
    /// memo noted with its runs (else read off the context's words afresh).
    tagged: bool,
}

impl Shortcuts {
    const ALL: Shortcuts = Shortcuts {
        reuse: true,
        to_clause: true,
        only_facts: true,
        tagged: true,
    };
}

/// The byte range of the text whose places a countable figure reads: its sentence up to
/// the end of its clause after it (`clause_end` in `facts_of_with`). That clause ends
/// no later than the first `,` `;` `:` `.` within 200 bytes after the figure, nor than
/// the sentence (and a few bytes past a figure that ends its sentence); `to_clause` off
/// reads to the end of the sentence.
fn places_needed(t: &str, c: &Claim, to_clause: bool) -> (usize, usize) {
    let start = c.sentence.start.min(c.text_range.start);
    let end = c.sentence.end.max(c.text_range.end) + 4;
    if !to_clause {
        return (start, end);
    }
    let rest = slice(t, c.text_range.end, c.text_range.end + 200);
    let clause = c.text_range.end + rest.find([',', ';', ':', '.']).unwrap_or(rest.len());
    (start, end.min(clause))
}

/// [`facts_of`] with some of its shortcuts (for tests).
fn facts_of_with(ck: &Checker, src: usize, s: &Source, ways: Shortcuts) -> Vec<Fact> {
    let mut out = Vec::new();
    // the figures of the facts, with where their clause after them ends
    let mut read: Vec<(&Claim, usize)> = Vec::new();
    let mut shared = Shared::default();
    let countable = |c: &&Claim| {
        matches!(
            c.kind,
            Kind::Count | Kind::Money | Kind::Percent | Kind::Ratio | Kind::Fraction
        )
    };
    {
        // at most one fact per such figure: no doubling slack while a large file is read
        out.reserve_exact(s.claims.iter().filter(countable).count());
        // words and phrases recur in a document: each folded once, with the alias words
        // among its words noted
        let mut memo = super::fold::FoldMemo::tagged(&ck.folder, &ck.catalog);
        // the keys of the texts before and after a figure, in buffers reused
        let (mut before, mut after) = (String::new(), String::new());
        // the text after a figure, folded (`last_key`), when it is the text before the
        // next one too: where, and its tags
        let mut last_after: Option<(usize, usize, u128)> = None;
        let mut last_key = String::new();
        // the one empty text the facts share (no noun, no left subject)
        let empty = shared.get("");
        // where the context of the next figure starts: after the previous figure
        let mut context_start = 0;
        // claims come in text order from the extractor: the next figure is found by
        // binary search (a linear scan otherwise)
        let sorted = s.claims.is_sorted_by_key(|o| o.text_range.start);
        for c in &s.claims {
            let start = c.sentence.start.max(context_start).min(c.text_range.start);
            if !matches!(c.kind, Kind::Date | Kind::Duration) {
                context_start = c.text_range.end;
            }
            if !countable(&c) {
                continue;
            }
            let before_tags = match last_after.take() {
                Some((a, b, tags)) if (a, b) == (start, c.text_range.start) => {
                    std::mem::swap(&mut before, &mut last_key);
                    tags
                }
                _ => {
                    let text = s.doc.text.get(start..c.text_range.start);
                    memo.fold_into(&ck.folder, text.unwrap_or_default(), &mut before)
                        .all
                }
            };
            // the rest of the sentence up to the next figure: `cử 900 lượt ... gìn giữ hòa bình`
            // when another figure follows in the sentence, words past the next comma are its
            // own (`đạt 680 tỷ USD, thu hút FDI đạt 36,6 tỷ USD`)
            let next = if sorted {
                let k = s
                    .claims
                    .partition_point(|o| o.text_range.start < c.text_range.end);
                s.claims.get(k).map(|o| o.text_range.start)
            } else {
                s.claims
                    .iter()
                    .map(|o| o.text_range.start)
                    .find(|&p| p >= c.text_range.end)
            };
            let followed = next.is_some_and(|p| p < c.sentence.end);
            let after_end = next
                .unwrap_or(c.sentence.end)
                .min(c.sentence.end)
                .max(c.text_range.end);
            let text = s.doc.text.get(c.text_range.end..after_end);
            let tags = memo.fold_into(&ck.folder, text.unwrap_or_default(), &mut after);
            let mut after_tags = tags.all;
            if followed {
                // the next figure's text before it, when no other claim stands between
                if ways.reuse {
                    last_key.clone_from(&after);
                    last_after = Some((c.text_range.end, after_end, tags.all));
                }
                after.truncate(after.find([',', ';', ':']).unwrap_or(after.len()));
                after_tags = tags.to_mark;
            }
            let (noun, noun_tags) = match (c.kind, c.unit.as_deref()) {
                (Kind::Count | Kind::Fraction, Some(u)) => memo.fold_noun(&ck.folder, u),
                _ => (empty.clone(), 0),
            };
            let subject = memo.fold_phrase(&ck.folder, &c.subject);
            // the subject without its counted noun: `quan hệ ngoại giao … quốc gia` -> `quan hệ ngoại giao`
            let left = match c.subject.split_once('…') {
                Some((l, _)) => memo.fold_phrase(&ck.folder, l),
                None if c.noun_in_subject() => empty.clone(),
                None => subject.clone(),
            };
            let metric = if ways.tagged {
                let present = before_tags | noun_tags | after_tags;
                ck.catalog
                    .classify_tagged(c, &before, &noun, &after, present)
            } else {
                ck.catalog.classify(c, &before, &noun, &after)
            };
            let quantity = match metric {
                Some(m) => {
                    let idx = ck
                        .catalog
                        .metrics
                        .iter()
                        .position(|x| x.id == m.id)
                        .unwrap_or(0);
                    Quantity::Metric(idx)
                }
                None => {
                    let enough = left.split(' ').filter(|w| !w.is_empty()).count()
                        >= ck.settings.min_subject_syllables;
                    if !enough {
                        continue;
                    }
                    Quantity::Subject(shared.keep(subject))
                }
            };
            let unit = match (c.kind, &quantity) {
                // the nouns a metric accepts all count the same thing (`12 nước` = `12 đối tác chiến lược`)
                (Kind::Count | Kind::Fraction, Quantity::Metric(m))
                    if ck.catalog.metrics[*m].units.iter().any(|u| **u == *noun) =>
                {
                    empty.clone()
                }
                (Kind::Count | Kind::Fraction, _) => noun,
                _ => shared.get(c.unit.as_deref().unwrap_or_default()),
            };
            // where the clause after the figure ends (for its place, and its part of the year)
            let clause_end = {
                let rest = slice(
                    &s.doc.text,
                    c.text_range.end,
                    after_end.min(c.text_range.end + 200),
                );
                c.text_range.end + rest.find([',', ';', ':', '.']).unwrap_or(rest.len())
            };
            let lead = lead_of(&s.doc.text, c);
            let months = match c.time {
                Some(TimeExpr {
                    start: TimePoint::Quarter { .. } | TimePoint::Month { .. },
                    ..
                }) => None,
                Some(_) => part_year(lead)
                    .or_else(|| part_year(slice(&s.doc.text, c.text_range.end, clause_end))),
                None => None,
            };
            read.push((c, clause_end));
            out.push(Fact {
                src,
                claim: Stated::new(c, &mut shared),
                quantity,
                left: shared.keep(left),
                unit: shared.keep(unit),
                time: c.time,
                domestic: None,
                partner: None,
                months,
            });
        }
    }
    // the places of the sentences of the facts' figures, read once all are known (most
    // figures make no fact: no metric, and too short a subject)
    let range = |c: &Claim| places_needed(&s.doc.text, c, ways.to_clause);
    let mut needed: Vec<(usize, usize)> = if ways.only_facts {
        read.iter().map(|&(c, _)| range(c)).collect()
    } else {
        s.claims.iter().filter(countable).map(range).collect()
    };
    needed.sort_unstable();
    let places = ck.catalog.places.mentions_in(&s.doc.text, &needed);
    drop(needed);
    for (f, &(c, clause_end)) in out.iter_mut().zip(&read) {
        let (domestic, partner) = place_of(&places, c, clause_end, &mut shared);
        f.domestic = domestic;
        // a sector is part of the place key too: FDI in logistics is not FDI in tourism
        f.partner = match (partner, sector(ck, lead_of(&s.doc.text, c))) {
            (p, None) => p,
            (p, Some(sec)) => {
                let p = p.as_deref().unwrap_or_default();
                Some(shared.get(&format!("{p}|{sec}")))
            }
        };
    }
    out
}

/// The text of a figure's sentence before it, up to 300 bytes (where a sector or a part
/// of the year is named).
fn lead_of<'t>(t: &'t str, c: &Claim) -> &'t str {
    slice(
        t,
        c.sentence.start.max(c.text_range.start.saturating_sub(300)),
        c.text_range.start,
    )
}

/// The place of a figure: of those found in the text (`places`, in order), the nearest
/// named before the figure in its sentence, else one in its clause just after it
/// (`... của Việt Nam`, `sang Nhật Bản`): a domestic one, and a foreign one.
fn place_of(
    places: &[PlaceMention],
    c: &Claim,
    clause_end: usize,
    shared: &mut Shared,
) -> (Option<Arc<str>>, Option<Arc<str>>) {
    let from = places.partition_point(|p| p.start < c.sentence.start);
    let upto = places.partition_point(|p| p.start < c.text_range.start);
    let till = places.partition_point(|p| p.start < clause_end);
    let before_places = places.get(from..upto).unwrap_or_default();
    let after_places = places
        .get(upto..till)
        .unwrap_or_default()
        .iter()
        .filter(|p| p.start >= c.text_range.end);
    let mut pick = |foreign: bool| {
        let is = |p: &&PlaceMention| (p.kind == PlaceKind::Foreign) == foreign;
        before_places
            .iter()
            .rev()
            .find(is)
            .or_else(|| after_places.clone().find(is))
            .map(|p| shared.get(p.name))
    };
    (pick(false), pick(true))
}

/// What claims of one family share: quantity, kind, unit, role, time scope (and months).
/// Its groups differ by place only, and a claim is compared only within its family.
type FamilyKey<'f> = (&'f Quantity, Kind, &'f str, Role, Scope);

/// The place part of a value key (`Fact::place`).
type PlaceKey<'f> = (Option<&'f str>, Option<&'f str>);

/// `cross-source/value-mismatch` and `cross-source/scale-mismatch`.
///
/// Claims about different places are not compared; a claim naming a place (a province, a
/// partner) and one naming none are compared at warning at most, unless the one naming none
/// names the whole country (`của cả nước`: the national figure, not the province's).
///
/// Claims are not compared pair by pair: within a group of one key they are bucketed by
/// value (see `Class`), and the claims are swept in the order of `later`, so that when a
/// claim comes up, the claims it is reported against (the earlier ones) are exactly those
/// already swept. A claim then looks at each value of its group (and of the groups with
/// more or less of its place named) once: the count of disagreeing claims, the first one,
/// and the first `MAX_RELATED` places in path order come from the swept members of each
/// value, so the work per claim does not grow with the number of claims that state a
/// value, and a figure restated in thousands of documents costs thousands of steps, not
/// millions.
///
/// The groups of one family (same key but the place) are compared with each other and
/// with no other group: the families are swept on their own, in parallel, and their
/// findings put back in the order of the whole sweep.
///
/// The sweep notes each finding in a few words (`Report`); the findings are made once
/// the families are swept and dropped, in the order of the sweep of all groups at once,
/// straight into the vector returned, which ends with `rest`.
fn values(ck: &Checker, sources: &[Source], facts: &[&Fact], rest: Vec<Finding>) -> Vec<Finding> {
    use rayon::prelude::*;
    let mut reports = reports(ck, sources, facts);
    // the order of the sweep of all groups at once; a claim's own findings in rule order
    reports.sort_unstable_by_key(|r| (r.rank, r.scaled));
    let mut out = Vec::with_capacity(reports.len() + rest.len());
    out.par_extend(
        reports
            .par_iter()
            .map_init(RelatedMemo::default, |seen, r| {
                let p = facts[r.fact];
                let rel = |j: usize| seen.related(sources, p, facts[j], j);
                ck.in_language(r.finding(ck, sources, facts, rel))
            }),
    );
    out.extend(rest);
    out
}

/// The sweep of `values`: what it will report, family by family, in parallel.
fn reports(ck: &Checker, sources: &[Source], facts: &[&Fact]) -> Vec<Report> {
    use rayon::prelude::*;
    let mut families = Families::new(facts);
    let by_sentence = Sentences::new(facts, &families.place_of);
    // path order of the sources, for the related places
    let mut by_path: Vec<usize> = (0..sources.len()).collect();
    by_path.sort_by(|&a, &b| sources[a].doc.path.cmp(&sources[b].doc.path));
    let mut path_rank = vec![0; sources.len()];
    for (r, &s) in by_path.iter().enumerate() {
        path_rank[s] = r;
    }
    // the sweep: earlier in the order of `later` first
    let mut order: Vec<usize> = (0..facts.len())
        .filter(|&i| families.place_of[i].is_some())
        .collect();
    sort_by_later(sources, facts, &mut order);
    // each fact's rank in the sweep; each family's facts in sweep order
    let mut rank = vec![usize::MAX; facts.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
        if let Some((fam, _, _)) = families.place_of[i] {
            families.list[fam].order.push(i);
        }
    }
    let ctx = SweepCtx {
        ck,
        sources,
        facts,
        place_of: &families.place_of,
        rank: &rank,
        by_sentence: &by_sentence,
        path_rank: &path_rank,
    };
    families
        .list
        .par_iter_mut()
        .flat_map_iter(|fam| ctx.sweep(fam))
        .collect()
}

/// The groups of facts `values` compares, by family.
struct Families {
    list: Vec<Family>,
    /// The family, its group and the group's class of each fact, if it has a time scope.
    place_of: Vec<Option<(usize, usize, usize)>>,
}

/// The groups of one family (see `FamilyKey`), and its facts in sweep order.
#[derive(Default)]
struct Family {
    groups: Vec<Group>,
    order: Vec<usize>,
}

impl Families {
    fn new(facts: &[&Fact]) -> Families {
        let mut index: FxHashMap<FamilyKey, usize> = FxHashMap::default();
        // per family, its groups by place, and their places in the order made
        let mut places: Vec<(FxHashMap<PlaceKey, usize>, Vec<PlaceKey>)> = Vec::new();
        let mut list: Vec<Family> = Vec::new();
        let mut place_of = vec![None; facts.len()];
        for (i, f) in facts.iter().enumerate() {
            let Some(scope) = f.scope() else { continue };
            let key = (&f.quantity, f.claim.kind, &*f.unit, f.claim.role, scope);
            let fam = *index.entry(key).or_insert_with(|| {
                list.push(Family::default());
                places.push(Default::default());
                list.len() - 1
            });
            let (by_place, made) = &mut places[fam];
            let groups = &mut list[fam].groups;
            let g = *by_place.entry(f.place()).or_insert_with(|| {
                groups.push(Group::default());
                made.push(f.place());
                groups.len() - 1
            });
            let c = groups[g].class(facts, i);
            place_of[i] = Some((fam, g, c));
        }
        // the groups with less of the place named, in the order they are compared
        for (family, (by_place, made)) in list.iter_mut().zip(&places) {
            for (g, &(d, p)) in made.iter().enumerate() {
                let mut wider = Vec::new();
                if d.is_some() {
                    wider.push((None, p));
                }
                if p.is_some() {
                    wider.push((d, None));
                }
                if d.is_some() && p.is_some() {
                    wider.push((None, None));
                }
                for place in wider {
                    if let Some(&w) = by_place.get(&place) {
                        // a province's figure against the named national one: not the same
                        let skip_national = d.is_some() && place.0.is_none();
                        family.groups[g].wider.push((w, skip_national));
                    }
                }
            }
        }
        Families { list, place_of }
    }
}

/// What the sweep of every family reads.
struct SweepCtx<'a> {
    ck: &'a Checker,
    sources: &'a [Source],
    facts: &'a [&'a Fact],
    place_of: &'a [Option<(usize, usize, usize)>],
    /// Each fact's rank in the order of the sweep.
    rank: &'a [usize],
    by_sentence: &'a Sentences,
    path_rank: &'a [usize],
}

/// The facts in each sentence (those with a time scope), for `comparable`: entries
/// (source, sentence start, sentence end, fact) sorted, so a sentence's facts are one run
/// in fact order. Four `u32`s a fact, where a map held a vector per sentence (a text is
/// under 4 GiB: `document::load` refuses files over 1 GiB).
struct Sentences(Vec<[u32; 4]>);

impl Sentences {
    fn new(facts: &[&Fact], place_of: &[Option<(usize, usize, usize)>]) -> Sentences {
        Sentences::of(facts, |i| place_of[i].is_some())
    }

    /// The sentences of the facts `keep` keeps.
    fn of(facts: &[&Fact], keep: impl Fn(usize) -> bool) -> Sentences {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let mut all: Vec<[u32; 4]> = (facts.iter().enumerate())
            .filter(|&(i, _)| keep(i))
            .map(|(i, f)| {
                let s = &f.claim.sentence;
                [n(f.src), n(s.start), n(s.end), n(i)]
            })
            .collect();
        all.sort_unstable();
        Sentences(all)
    }

    /// The facts of sentence `s` of source `src`, in fact order.
    fn facts_in(&self, src: usize, s: &std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let key = [n(src), n(s.start), n(s.end)];
        let from = self.0.partition_point(|e| e[..3] < key[..]);
        let run = self.0[from..].iter().take_while(move |e| e[..3] == key[..]);
        run.map(|e| e[3] as usize)
    }
}

impl SweepCtx<'_> {
    fn path_key(&self, i: usize) -> (usize, usize, usize) {
        let f = &self.facts[i];
        (self.path_rank[f.src], f.claim.span.start, i)
    }

    /// What the facts of one family are reported for.
    fn sweep(&self, fam: &mut Family) -> Vec<Report> {
        let (sources, facts) = (self.sources, self.facts);
        let groups = &mut fam.groups;
        // per group, the claims of the groups it is wider than, by value: of those whose
        // claims naming the whole country are compared with it, and of the others
        let mut pools: Vec<[Group; 2]> = (0..groups.len()).map(|_| Default::default()).collect();
        let mut out = Vec::new();
        for &i in &fam.order {
            let Some((_, g, c)) = self.place_of[i] else {
                continue;
            };
            let p = &facts[i];
            if !sources[p.src].reference {
                let s = &p.claim.sentence;
                // the claims of the sentence swept before this one (all of this family
                // among them)
                let before = |j: usize| j != i && self.rank[j] < self.rank[i];
                let same_sentence: Vec<usize> = self
                    .by_sentence
                    .facts_in(p.src, s)
                    .filter(|&j| before(j))
                    .collect();
                let mut sweep = Sweep {
                    ck: self.ck,
                    facts,
                    p,
                    excluded: &same_sentence,
                    acc: [Acc::default(), Acc::default()],
                };
                sweep.visit(&groups[g], 0, false, false);
                for (stage, &(w, skip_national)) in groups[g].wider.iter().enumerate() {
                    sweep.visit(&groups[w], stage + 1, true, skip_national);
                }
                // the narrower groups' claims, pooled by value: a national figure has as
                // many narrower groups as provinces, partners and sectors appear with it
                for (k, pool) in pools[g].iter().enumerate() {
                    if k == 1 && p.domestic.is_some() {
                        continue;
                    }
                    sweep.visit(pool, usize::MAX, true, false);
                }
                for (scaled, acc) in [false, true].into_iter().zip(sweep.acc) {
                    out.extend(Report::new(self.rank[i], i, scaled, acc));
                }
            }
            let key = self.path_key(i);
            groups[g].classes[c].insert(i, key);
            for k in 0..groups[g].wider.len() {
                let (w, skip_national) = groups[g].wider[k];
                let pool = &mut pools[w][usize::from(skip_national)];
                let at = pool.class(facts, i);
                pool.classes[at].insert(i, key);
            }
        }
        out
    }
}

/// The value key of the sweep `values` replaced: quantity, kind, unit, role, time and place.
#[cfg(test)]
type ValueKey<'f> = (
    &'f Quantity,
    Kind,
    &'f str,
    Role,
    String,
    (Option<&'f str>, Option<&'f str>),
);

/// The sweep of `values` over all groups at once, in one thread: the reference its split
/// into families is tested against.
///
/// `cross-source/value-mismatch` and `cross-source/scale-mismatch`.
///
/// Claims about different places are not compared; a claim naming a place (a province, a
/// partner) and one naming none are compared at warning at most, unless the one naming none
/// names the whole country (`của cả nước`: the national figure, not the province's).
///
/// Claims are not compared pair by pair: within a group of one key they are bucketed by
/// value (see `Class`), and the claims are swept in the order of `later`, so that when a
/// claim comes up, the claims it is reported against (the earlier ones) are exactly those
/// already swept. A claim then looks at each value of its group (and of the groups with
/// more or less of its place named) once: the count of disagreeing claims, the first one,
/// and the first `MAX_RELATED` places in path order come from the swept members of each
/// value, so the work per claim does not grow with the number of claims that state a
/// value, and a figure restated in thousands of documents costs thousands of steps, not
/// millions.
#[cfg(test)]
fn values_serial(ck: &Checker, sources: &[Source], facts: &[&Fact]) -> Vec<Finding> {
    let mut index: std::collections::HashMap<ValueKey, usize> = Default::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut keys: Vec<ValueKey> = Vec::new();
    // the group and class of each fact, if it has a time scope
    let mut place_of: Vec<Option<(usize, usize)>> = vec![None; facts.len()];
    for (i, f) in facts.iter().enumerate() {
        let Some(t) = f.time_key() else { continue };
        let key = (
            &f.quantity,
            f.claim.kind,
            &*f.unit,
            f.claim.role,
            t,
            f.place(),
        );
        let g = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group::default());
            keys.push(key);
            groups.len() - 1
        });
        let c = groups[g].class(facts, i);
        place_of[i] = Some((g, c));
    }
    // the groups with less of the place named, in the order they are compared
    for (g, key) in keys.iter().enumerate() {
        let (d, p) = key.5;
        let mut wider = Vec::new();
        if d.is_some() {
            wider.push((None, p));
        }
        if p.is_some() {
            wider.push((d, None));
        }
        if d.is_some() && p.is_some() {
            wider.push((None, None));
        }
        for place in wider {
            let mut k = key.clone();
            k.5 = place;
            if let Some(&w) = index.get(&k) {
                // a province's figure against the named national one: not the same
                let skip_national = d.is_some() && place.0.is_none();
                groups[g].wider.push((w, skip_national));
            }
        }
    }
    // the facts in each sentence, for `comparable`
    let mut by_sentence: std::collections::HashMap<(usize, usize, usize), Vec<usize>> =
        Default::default();
    for (i, f) in facts.iter().enumerate() {
        if place_of[i].is_some() {
            let s = &f.claim.sentence;
            by_sentence
                .entry((f.src, s.start, s.end))
                .or_default()
                .push(i);
        }
    }
    // path order of the sources, for the related places
    let mut by_path: Vec<usize> = (0..sources.len()).collect();
    by_path.sort_by(|&a, &b| sources[a].doc.path.cmp(&sources[b].doc.path));
    let mut path_rank = vec![0; sources.len()];
    for (r, &s) in by_path.iter().enumerate() {
        path_rank[s] = r;
    }
    let path_key = |i: usize| (path_rank[facts[i].src], facts[i].claim.span.start, i);
    // the sweep: earlier in the order of `later` first
    let mut order: Vec<usize> = (0..facts.len())
        .filter(|&i| place_of[i].is_some())
        .collect();
    let pos = |i: usize| (facts[i].src, facts[i].claim.span.start);
    super::sort_by_later(sources, &mut order, pos);
    // per group, the claims of the groups it is wider than, by value: of those whose
    // claims naming the whole country are compared with it, and of the others
    let mut pools: Vec<[Group; 2]> = (0..groups.len()).map(|_| Default::default()).collect();
    let mut swept = vec![false; facts.len()];
    let mut out = Vec::new();
    for &i in &order {
        let Some((g, c)) = place_of[i] else { continue };
        let p = &facts[i];
        if !sources[p.src].reference {
            let s = &p.claim.sentence;
            let same_sentence: Vec<usize> = by_sentence
                .get(&(p.src, s.start, s.end))
                .map(|v| v.iter().copied().filter(|&j| j != i && swept[j]).collect())
                .unwrap_or_default();
            let mut sweep = Sweep {
                ck,
                facts,
                p,
                excluded: &same_sentence,
                acc: [Acc::default(), Acc::default()],
            };
            sweep.visit(&groups[g], 0, false, false);
            for (stage, &(w, skip_national)) in groups[g].wider.iter().enumerate() {
                sweep.visit(&groups[w], stage + 1, true, skip_national);
            }
            // the narrower groups' claims, pooled by value: a national figure has as many
            // narrower groups as provinces, partners and sectors appear with it
            for (k, pool) in pools[g].iter().enumerate() {
                if k == 1 && p.domestic.is_some() {
                    continue;
                }
                sweep.visit(pool, usize::MAX, true, false);
            }
            for (scaled, acc) in [false, true].into_iter().zip(sweep.acc) {
                let rel = |j: usize| {
                    let o = &facts[j];
                    related(
                        sources,
                        p,
                        o,
                        &figure_at(&sources[o.src].doc, &o.claim.span),
                    )
                };
                if let Some(r) = Report::new(0, i, scaled, acc) {
                    out.push(r.finding(ck, sources, facts, rel));
                }
            }
        }
        groups[g].classes[c].insert(i, path_key(i));
        for k in 0..groups[g].wider.len() {
            let (w, skip_national) = groups[g].wider[k];
            let pool = &mut pools[w][usize::from(skip_national)];
            let at = pool.class(facts, i);
            pool.classes[at].insert(i, path_key(i));
        }
        swept[i] = true;
    }
    out
}

/// The claims of one value key (quantity, kind, unit, role, time and place), by value.
#[derive(Default)]
struct Group {
    classes: Vec<Class>,
    class_of: FxHashMap<ClassKey, usize>,
    /// The groups with less of the place named, and whether their claims naming the whole
    /// country are left out.
    wider: Vec<(usize, bool)>,
}

/// What a comparison of two claims of one group reads of each: the interval, the scale
/// word, whether the time scope is the sentence's, whether the whole country is named.
type ClassKey = (Option<u64>, Option<u64>, i32, bool, bool);

/// The claims of a group that compare alike against any other claim.
struct Class {
    /// One of them, for its interval and scale.
    repr: usize,
    sentence_time: bool,
    national: bool,
    /// The members swept so far.
    swept: Swept,
}

/// A path key: (path rank, span start, fact).
type PathKey = (usize, usize, usize);

/// The members of a class swept so far, by path key and by fact. Most classes have one
/// member: it is held as it is, and the sets (whose first nodes take some 350 bytes)
/// are made for the second.
#[derive(Default)]
enum Swept {
    #[default]
    None,
    One(PathKey),
    Many {
        by_path: std::collections::BTreeSet<PathKey>,
        by_fact: std::collections::BTreeSet<usize>,
    },
}

impl Swept {
    /// Adds the member with this key (its fact is `key.2`).
    fn insert(&mut self, key: PathKey) {
        match self {
            Swept::None => *self = Swept::One(key),
            Swept::One(first) => {
                let first = *first;
                *self = Swept::Many {
                    by_path: [first, key].into(),
                    by_fact: [first.2, key.2].into(),
                };
            }
            Swept::Many { by_path, by_fact } => {
                by_path.insert(key);
                by_fact.insert(key.2);
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Swept::None => 0,
            Swept::One(_) => 1,
            Swept::Many { by_fact, .. } => by_fact.len(),
        }
    }

    fn contains(&self, fact: usize) -> bool {
        match self {
            Swept::None => false,
            Swept::One(k) => k.2 == fact,
            Swept::Many { by_fact, .. } => by_fact.contains(&fact),
        }
    }

    /// The facts, in order.
    fn facts(&self) -> impl Iterator<Item = usize> + '_ {
        let one = match self {
            Swept::One(k) => Some(k.2),
            _ => None,
        };
        let many = match self {
            Swept::Many { by_fact, .. } => Some(by_fact.iter().copied()),
            _ => None,
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    /// The path keys, in order.
    fn by_path(&self) -> impl Iterator<Item = PathKey> + '_ {
        let one = match self {
            Swept::One(k) => Some(*k),
            _ => None,
        };
        let many = match self {
            Swept::Many { by_path, .. } => Some(by_path.iter().copied()),
            _ => None,
        };
        one.into_iter().chain(many.into_iter().flatten())
    }
}

/// The classes of a group found by a scan of them while they are fewer than this;
/// from then on by `Group::class_of` (most groups have one or two classes, and a map
/// takes some 200 bytes).
const SCANNED_CLASSES: usize = 8;

/// What a comparison reads of a fact (`ClassKey`).
fn class_key(f: &Fact) -> ClassKey {
    let c = &f.claim;
    (
        c.interval.low.map(f64::to_bits),
        c.interval.high.map(f64::to_bits),
        c.scale_exp,
        c.time_source == TimeSource::Sentence,
        f.domestic.is_some(),
    )
}

impl Group {
    /// The class of fact `i`, made if it is the first of its key.
    fn class(&mut self, facts: &[&Fact], i: usize) -> usize {
        let key = class_key(facts[i]);
        let (_, _, _, sentence_time, national) = key;
        let n = self.classes.len();
        let at = if self.class_of.is_empty() && n < SCANNED_CLASSES {
            let same = |c: &Class| class_key(facts[c.repr]) == key;
            self.classes.iter().position(same).unwrap_or(n)
        } else {
            if self.class_of.is_empty() {
                for (k, c) in self.classes.iter().enumerate() {
                    self.class_of.insert(class_key(facts[c.repr]), k);
                }
            }
            *self.class_of.entry(key).or_insert(n)
        };
        if at == n {
            self.classes.push(Class {
                repr: i,
                sentence_time,
                national,
                swept: Swept::None,
            });
        }
        at
    }
}

impl Class {
    /// Adds fact `i` (`key.2`), swept.
    fn insert(&mut self, i: usize, key: PathKey) {
        debug_assert_eq!(i, key.2);
        self.swept.insert(key);
    }
}

/// What one claim has gathered against the claims before it, for one rule.
#[derive(Default)]
struct Acc {
    /// Disagreeing claims.
    count: usize,
    severity: Option<Severity>,
    /// The claim of the first comparison, as the pairs were once visited (own group, then
    /// the wider groups in order, then the narrower ones), and whether it is uncertain.
    first: Option<(usize, usize, bool)>,
    /// The first `MAX_RELATED` disagreeing claims in path order.
    best: Vec<(usize, usize, usize)>,
}

struct Sweep<'a> {
    ck: &'a Checker,
    facts: &'a [&'a Fact],
    p: &'a Fact,
    /// Swept claims of the same sentence: never compared.
    excluded: &'a [usize],
    /// For `VALUE` and `SCALE`.
    acc: [Acc; 2],
}

impl Sweep<'_> {
    /// Compare the claim with the swept claims of `group`.
    fn visit(&mut self, group: &Group, stage: usize, uncertain: bool, skip_national: bool) {
        let p = self.p;
        for class in &group.classes {
            if class.swept.len() == 0 || (skip_national && class.national) {
                continue;
            }
            let o = &self.facts[class.repr];
            if p.claim.interval.overlaps(&o.claim.interval) {
                continue;
            }
            let scaled = scaled_equal(&p.claim, &o.claim);
            let rule = if scaled { SCALE } else { VALUE };
            let Some(mut severity) = self.ck.severity(rule) else {
                continue;
            };
            let certain = !uncertain
                && (matches!(p.quantity, Quantity::Metric(_))
                    || (p.claim.time_source == TimeSource::Sentence && class.sentence_time));
            if !certain {
                severity = severity.min(Severity::Warning);
            }
            let out = |j: usize| self.excluded.contains(&j) && class.swept.contains(j);
            let left_out = self.excluded.iter().filter(|&&j| out(j)).count();
            let n = class.swept.len() - left_out;
            if n == 0 {
                continue;
            }
            let acc = &mut self.acc[usize::from(scaled)];
            acc.count += n;
            acc.severity = acc.severity.max(Some(severity));
            if let Some(j) = class.swept.facts().find(|&j| !out(j))
                && acc.first.is_none_or(|(s, f, _)| (stage, j) < (s, f))
            {
                acc.first = Some((stage, j, uncertain));
            }
            for k in class.swept.by_path() {
                if out(k.2) {
                    continue;
                }
                if acc.best.len() == crate::finding::MAX_RELATED
                    && acc.best.last().is_some_and(|last| k >= *last)
                {
                    break;
                }
                let at = acc.best.partition_point(|b| *b < k);
                acc.best.insert(at, k);
                acc.best.truncate(crate::finding::MAX_RELATED);
            }
        }
    }
}

/// A finding of `values`, as the sweep gathered it: made into a finding once the whole
/// sweep is done (`Report::finding`), so that the sweep of a large run holds these few
/// words a finding rather than the findings, in pieces and then merged.
struct Report {
    /// The fact's rank in the sweep.
    rank: usize,
    /// The fact reported on.
    fact: usize,
    /// `SCALE`, else `VALUE`.
    scaled: bool,
    severity: Severity,
    /// The claim of the first comparison, and whether it is uncertain.
    first: usize,
    uncertain: bool,
    /// Disagreeing claims.
    count: usize,
    /// The first `MAX_RELATED` of them in path order: `best[..best_len]`.
    best: [usize; crate::finding::MAX_RELATED],
    best_len: usize,
}

impl Report {
    /// What one claim gathered for one rule, if it is reported.
    fn new(rank: usize, fact: usize, scaled: bool, acc: Acc) -> Option<Report> {
        let (_, first, uncertain) = acc.first?;
        let severity = acc.severity?;
        let mut best = [0; crate::finding::MAX_RELATED];
        for (slot, &(_, _, j)) in best.iter_mut().zip(&acc.best) {
            *slot = j;
        }
        Some(Report {
            rank,
            fact,
            scaled,
            severity,
            first,
            uncertain,
            count: acc.count,
            best,
            best_len: acc.best.len().min(crate::finding::MAX_RELATED),
        })
    }

    /// The finding; `rel(j)` is the related entry of fact `j` for it.
    fn finding(
        &self,
        ck: &Checker,
        sources: &[Source],
        facts: &[&Fact],
        mut rel: impl FnMut(usize) -> Related,
    ) -> Finding {
        let rule = if self.scaled { SCALE } else { VALUE };
        let (p, o) = (facts[self.fact], facts[self.first]);
        let mut f = value_finding(ck, sources, rule, self.severity, p, o);
        if self.uncertain {
            let named = |x: &Fact| {
                [x.domestic.as_deref(), x.partner.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(|n| n.trim_start_matches('|').replace('|', ", "))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (np, no) = (named(p), named(o));
            let place = if np.is_empty() { no } else { np };
            f.notes.push(Text::new(
                format!("chỉ một nguồn ghi rõ nơi chốn ({place}): có thể là hai số liệu khác nhau"),
                format!(
                    "only one source names the place ({place}): these may be different figures"
                ),
            ));
        }
        let best = self.best.get(..self.best_len).unwrap_or_default();
        f.related = best.iter().map(|&j| rel(j)).collect();
        if self.count > f.related.len() {
            f.notes.push(crate::finding::more_places_note(
                self.count - f.related.len(),
            ));
        }
        f
    }
}

/// Whether two values agree once one is scaled by a thousand, a million or a billion.
fn scaled_equal(a: &Stated, b: &Stated) -> bool {
    if !matches!(a.kind, Kind::Money | Kind::Count) || (a.scale_exp == b.scale_exp) {
        return false;
    }
    [3, 6, 9, -3, -6, -9].iter().any(|&k| {
        let f = 10f64.powi(k);
        let scaled = Interval {
            low: a.interval.low.map(|v| v * f),
            high: a.interval.high.map(|v| v * f),
        };
        scaled.overlaps(&b.interval)
    })
}

fn what(ck: &Checker, f: &Fact) -> String {
    match &f.quantity {
        Quantity::Metric(i) => ck.catalog.metrics[*i].name.clone(),
        Quantity::Subject(_) => f.claim.subject.to_string(),
    }
}

fn when(f: &Fact) -> (String, String) {
    f.time
        .map_or((String::new(), String::new()), |t| match f.months {
            // `(tháng 1-6, năm 2023)`: the part of the year it covers
            Some((a, b)) => (
                format!(" (tháng {a}-{b}, {})", time_vi(&t)),
                format!(" (months {a}-{b}, {})", time_en(&t)),
            ),
            // ` (năm 2023)`: put together without a second pass of `format!`
            None => (parenthesised(&time_vi(&t)), parenthesised(&time_en(&t))),
        })
}

/// ` (text)`.
fn parenthesised(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
    out.push_str(" (");
    out.push_str(text);
    out.push(')');
    out
}

fn location(sources: &[Source], f: &Fact) -> Location {
    Location {
        file: sources[f.src].doc.path.clone(),
        span: f.claim.span.clone(),
    }
}

fn how_matched(ck: &Checker, f: &Fact) -> Text {
    match &f.quantity {
        Quantity::Metric(i) => {
            let id = &ck.catalog.metrics[*i].id;
            Text::new(
                format!(
                    "so khớp theo chỉ tiêu `{id}` của rules/metrics.toml, cùng thời điểm và vai trò"
                ),
                format!("matched as metric `{id}` of rules/metrics.toml, same time scope and role"),
            )
        }
        Quantity::Subject(s) => Text::new(
            format!("so khớp theo cụm chủ ngữ «{s}», cùng thời điểm và vai trò"),
            format!("matched by the subject phrase «{s}», same time scope and role"),
        ),
    }
}

fn value_finding(
    ck: &Checker,
    sources: &[Source],
    rule: &'static str,
    severity: Severity,
    p: &Fact,
    o: &Fact,
) -> Finding {
    let (this, other) = (
        figure_at(&sources[p.src].doc, &p.claim.span),
        figure_at(&sources[o.src].doc, &o.claim.span),
    );
    let name = what(ck, p);
    let (t_vi, t_en) = when(p);
    let other_file = &sources[o.src].doc.path;
    let (message, help) = if rule == SCALE {
        let (w1, w2) = (scale_word(p.claim.scale_exp), scale_word(o.claim.scale_exp));
        let (w1, w2) = (or_none_vi(w1), or_none_vi(w2));
        (
            Text::new(
                format!("{name}{t_vi}: sai đơn vị «{w1}» so với «{w2}»: {this} và {other}"),
                format!("{name}{t_en}: scale word «{w1}» differs from «{w2}»: {this} vs {other}"),
            ),
            Text::new(
                format!("kiểm tra đơn vị «{w1}»: nguồn kia ghi {other}"),
                format!("check the scale word «{w1}»: the other source gives {other}"),
            ),
        )
    } else {
        (
            Text::new(
                format!("{name}{t_vi} khác nhau giữa các nguồn: {this} và {other}"),
                format!("{name}{t_en} differs between sources: {this} vs {other}"),
            ),
            Text::new(
                format!(
                    "thống nhất với {other} của {other_file}, hoặc ghi rõ thời điểm nếu đây là số liệu khác"
                ),
                format!(
                    "make it agree with {other} in {other_file}, or state its date if it is a different figure"
                ),
            ),
        )
    };
    Finding {
        rule,
        severity,
        message,
        primary: location(sources, p),
        label: Text::new(
            format!("tài liệu này: {this}"),
            format!("this document: {this}"),
        ),
        // filled by `Report::finding`
        related: Vec::new(),
        help: Some(help),
        notes: vec![how_matched(ck, p)],
        fix: None,
    }
}

fn or_none_vi(w: &str) -> &str {
    if w.is_empty() { "(không có)" } else { w }
}

/// The related entries already made in a sweep: a figure stated in many documents is
/// the related place of many findings, and its entry (its figure, time and place, some
/// six texts formatted) depends on the claim reported only through whether that claim is
/// in the same source.
#[derive(Default)]
struct RelatedMemo(super::phrases::RelatedMemo);

impl RelatedMemo {
    /// `related(sources, p, o, &figure(..o..))` for fact `j` (= `o`).
    fn related(&mut self, sources: &[Source], p: &Fact, o: &Fact, j: usize) -> Related {
        self.0.get(j, p.src == o.src, || {
            related(
                sources,
                p,
                o,
                &figure_at(&sources[o.src].doc, &o.claim.span),
            )
        })
    }
}

fn related(sources: &[Source], p: &Fact, o: &Fact, other: &str) -> Related {
    let (t_vi, t_en) = when(o);
    let (where_vi, where_en) = super::phrases::place(sources, p.src, o.src, o.claim.span.start);
    Related {
        location: location(sources, o),
        message: Text::new(
            format!("{where_vi}: {other}{t_vi}"),
            format!("{where_en}: {other}{t_en}"),
        ),
    }
}

/// What the sweeps of `subjects` and `stocks` need of every fact: its place in path order,
/// its rank in the order of `later`, the facts of its sentence.
struct Frame {
    path_key: Vec<(usize, usize, usize)>,
    /// The facts, earlier in the order of `later` first.
    order: Vec<usize>,
    /// The facts of each sentence (sorted entries where a map held a vector each).
    sentence: Sentences,
}

impl Frame {
    fn new(sources: &[Source], facts: &[&Fact]) -> Frame {
        let mut by_path: Vec<usize> = (0..sources.len()).collect();
        by_path.sort_by(|&a, &b| sources[a].doc.path.cmp(&sources[b].doc.path));
        let mut path_rank = vec![0; sources.len()];
        for (r, &s) in by_path.iter().enumerate() {
            path_rank[s] = r;
        }
        let path_key = (0..facts.len())
            .map(|i| (path_rank[facts[i].src], facts[i].claim.span.start, i))
            .collect();
        let mut order: Vec<usize> = (0..facts.len()).collect();
        sort_by_later(sources, facts, &mut order);
        Frame {
            path_key,
            order,
            sentence: Sentences::of(facts, |_| true),
        }
    }

    /// The other facts of the sentence of fact `i`, in fact order.
    fn same_sentence(&self, facts: &[&Fact], i: usize) -> Vec<usize> {
        let f = &facts[i];
        (self.sentence.facts_in(f.src, &f.claim.sentence))
            .filter(|&j| j != i)
            .collect()
    }

    /// The facts of each sentence by a map of a vector per sentence, as
    /// [`Frame::same_sentence`] was first read from.
    #[cfg(test)]
    fn sentences_by_map(facts: &[&Fact]) -> FxHashMap<(usize, usize, usize), Vec<usize>> {
        let mut sentence: FxHashMap<(usize, usize, usize), Vec<usize>> = FxHashMap::default();
        for (k, f) in facts.iter().enumerate() {
            let s = &f.claim.sentence;
            sentence.entry((f.src, s.start, s.end)).or_default().push(k);
        }
        sentence
    }
}

/// Claims one fact is reported against, gathered class by class: how many, the first in
/// fact order, the first `MAX_RELATED` in path order.
#[derive(Default)]
struct Gathered {
    count: usize,
    first: Option<usize>,
    best: Vec<(usize, usize, usize)>,
}

impl Gathered {
    /// Add the members of a class but those `out` leaves out (`left_out` of them).
    fn add(
        &mut self,
        by_fact: &std::collections::BTreeSet<usize>,
        by_path: &std::collections::BTreeSet<(usize, usize, usize)>,
        left_out: usize,
        out: impl Fn(usize) -> bool,
    ) {
        let n = by_fact.len().saturating_sub(left_out);
        if n == 0 {
            return;
        }
        self.count += n;
        if let Some(&j) = by_fact.iter().find(|&&j| !out(j))
            && self.first.is_none_or(|f| j < f)
        {
            self.first = Some(j);
        }
        for &k in by_path {
            if out(k.2) {
                continue;
            }
            if self.best.len() == crate::finding::MAX_RELATED
                && self.best.last().is_some_and(|last| k >= *last)
            {
                break;
            }
            let at = self.best.partition_point(|b| *b < k);
            self.best.insert(at, k);
            self.best.truncate(crate::finding::MAX_RELATED);
        }
    }

    /// `finding` (built for the first claim) with the related places and the count of the
    /// rest; `related` builds the entry of one claim.
    fn finish(&self, mut finding: Finding, mut related: impl FnMut(usize) -> Related) -> Finding {
        finding.related = self.best.iter().map(|&(_, _, j)| related(j)).collect();
        if self.count > finding.related.len() {
            finding.notes.push(crate::finding::more_places_note(
                self.count - finding.related.len(),
            ));
        }
        finding
    }
}

/// Members of one class, by fact and by path key.
#[derive(Default)]
struct Members {
    by_fact: std::collections::BTreeSet<usize>,
    by_path: std::collections::BTreeSet<(usize, usize, usize)>,
}

impl Members {
    fn insert(&mut self, i: usize, key: (usize, usize, usize)) {
        self.by_fact.insert(i);
        self.by_path.insert(key);
    }
}

/// `cross-source/subject-mismatch`: the same number for a widened or narrowed subject.
///
/// Within a group (same number, quantity, time, place) the claims are bucketed by their
/// counted noun and swept in the order of `later`: a claim is reported against the earlier
/// claims with another noun.
fn subjects(
    ck: &Checker,
    sources: &[Source],
    facts: &[&Fact],
    frame: &Frame,
    out: &mut Vec<Finding>,
) {
    let Some(severity) = ck.severity(SUBJECT) else {
        return;
    };
    let min = ck.settings.subject_mismatch_min_value;
    type SubjectKey<'f> = (
        (Option<usize>, &'f str),
        Role,
        Option<Scope>,
        u64,
        PlaceKey<'f>,
    );
    let mut index: FxHashMap<SubjectKey, usize> = FxHashMap::default();
    // per group: the classes by unit
    let mut groups: Vec<Vec<(&str, Members)>> = Vec::new();
    let mut place_of: Vec<Option<(usize, usize)>> = vec![None; facts.len()];
    for (i, f) in facts.iter().enumerate() {
        let c = &f.claim;
        let Some(v) = c
            .interval
            .low
            .filter(|_| c.kind == Kind::Count && c.bound == Bound::Exact)
        else {
            continue;
        };
        // a metric's own nouns (empty unit key) against a wider one is still a mismatch
        let named = !f.unit.is_empty() || matches!(f.quantity, Quantity::Metric(_));
        if v < min || !named || c.unit.is_none() {
            continue;
        }
        // the metric, or else the subject left of the counted noun
        let about = match &f.quantity {
            Quantity::Metric(m) => (Some(*m), ""),
            Quantity::Subject(_) if !f.left.is_empty() => (None, &*f.left),
            Quantity::Subject(_) => continue,
        };
        let key = (about, c.role, f.scope(), v.to_bits(), f.place());
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        let classes = &mut groups[g];
        let k = match classes.iter().position(|(u, _)| *u == &*f.unit) {
            Some(k) => k,
            None => {
                classes.push((&*f.unit, Members::default()));
                classes.len() - 1
            }
        };
        place_of[i] = Some((g, k));
    }
    let mut swept = vec![false; facts.len()];
    let mut seen = RelatedMemo::default();
    for &i in &frame.order {
        let Some((g, k)) = place_of[i] else { continue };
        let p = &facts[i];
        if !sources[p.src].reference && groups[g].len() > 1 {
            let excluded: Vec<usize> = frame
                .same_sentence(facts, i)
                .into_iter()
                .filter(|&j| swept[j])
                .collect();
            let mut got = Gathered::default();
            for (c, (_, members)) in groups[g].iter().enumerate() {
                if c == k {
                    continue;
                }
                let out = |j: usize| excluded.contains(&j) && place_of[j] == Some((g, c));
                let left_out = excluded.iter().filter(|&&j| out(j)).count();
                got.add(&members.by_fact, &members.by_path, left_out, out);
            }
            if let Some(o) = got.first {
                let o = &facts[o];
                let (this, other) = (
                    figure_at(&sources[p.src].doc, &p.claim.span),
                    figure_at(&sources[o.src].doc, &o.claim.span),
                );
                let (nu, no) = (
                    p.claim.unit.as_deref().unwrap_or_default(),
                    o.claim.unit.as_deref().unwrap_or_default(),
                );
                let finding = Finding {
                    rule: SUBJECT,
                    severity,
                    message: Text::new(
                        format!("cùng con số nhưng đối tượng khác: {this} và {other}"),
                        format!("the same number for a different subject: {this} vs {other}"),
                    ),
                    primary: location(sources, p),
                    label: Text::new(format!("ở đây: «{nu}»"), format!("here: «{nu}»")),
                    related: Vec::new(),
                    help: Some(Text::new(
                        format!(
                            "dùng cùng một đối tượng («{nu}» hay «{no}») cho con số này ở mọi nơi"
                        ),
                        format!("use one subject («{nu}» or «{no}») for this number everywhere"),
                    )),
                    notes: vec![how_matched(ck, p)],
                    fix: None,
                };
                out.push(
                    ck.in_language(got.finish(finding, |j| seen.related(sources, p, facts[j], j))),
                );
            }
        }
        groups[g][k].1.insert(i, frame.path_key[i]);
        swept[i] = true;
    }
}

/// `temporal/stock-decrease`: a running total smaller at a later as-of date.
///
/// Within a group (metric, kind, unit, place) the claims are bucketed by their as-of day
/// and interval: a claim is reported against the claims of every class with an earlier day
/// and a larger value, read class by class.
fn stocks(
    ck: &Checker,
    sources: &[Source],
    facts: &[&Fact],
    frame: &Frame,
    out: &mut Vec<Finding>,
) {
    let Some(severity) = ck.severity(STOCK) else {
        return;
    };
    type StockKey<'f> = (usize, Kind, &'f str, (Option<&'f str>, Option<&'f str>));
    type Class = ((i32, u8, u8), Option<u64>, Option<u64>);
    let mut index: FxHashMap<StockKey, usize> = FxHashMap::default();
    // per group: its classes by key, and each class with a member and all its members
    type Classes = (FxHashMap<Class, usize>, Vec<(usize, Members)>);
    let mut groups: Vec<Classes> = Vec::new();
    let mut place_of: Vec<Option<(usize, usize)>> = vec![None; facts.len()];
    for (i, f) in facts.iter().enumerate() {
        let Quantity::Metric(m) = f.quantity else {
            continue;
        };
        let Some(t) = f.time else { continue };
        if !(ck.catalog.metrics[m].stock && f.claim.role == Role::Total) {
            continue;
        }
        let key = (m, f.claim.kind, &*f.unit, f.place());
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Default::default());
            groups.len() - 1
        });
        let iv = &f.claim.interval;
        let class = (
            end_of_expr(t),
            iv.low.map(f64::to_bits),
            iv.high.map(f64::to_bits),
        );
        let (by_key, classes) = &mut groups[g];
        let n = classes.len();
        let c = *by_key.entry(class).or_insert(n);
        if c == n {
            classes.push((i, Members::default()));
        }
        classes[c].1.insert(i, frame.path_key[i]);
        place_of[i] = Some((g, c));
    }
    let mut seen = RelatedMemo::default();
    for (late_i, late) in facts.iter().enumerate() {
        let Some((g, k)) = place_of[late_i] else {
            continue;
        };
        let classes = &groups[g].1;
        if sources[late.src].reference || classes.len() < 2 {
            continue;
        }
        let Some(t2) = late.time else { continue };
        let excluded = frame.same_sentence(facts, late_i);
        let mut got = Gathered::default();
        for (c, (repr, members)) in classes.iter().enumerate() {
            let early = &facts[*repr];
            let Some(t1) = early.time else { continue };
            if c == k || end_of_expr(t1) >= end_of_expr(t2) {
                continue;
            }
            let fell = match (late.claim.interval.high, early.claim.interval.low) {
                (Some(h), Some(l)) => h < l,
                _ => false,
            };
            if !fell {
                continue;
            }
            let out = |j: usize| excluded.contains(&j) && place_of[j] == Some((g, c));
            let left_out = excluded.iter().filter(|&&j| out(j)).count();
            got.add(&members.by_fact, &members.by_path, left_out, out);
        }
        let Some(e) = got.first else { continue };
        let early = &facts[e];
        let Some(t1) = early.time else { continue };
        let (old, new) = (
            figure_at(&sources[early.src].doc, &early.claim.span),
            figure_at(&sources[late.src].doc, &late.claim.span),
        );
        let name = what(ck, late);
        let finding = Finding {
            rule: STOCK,
            severity,
            message: Text::new(
                format!(
                    "{name} là số lũy kế nhưng giảm từ {old} ({}) xuống {new} ({})",
                    time_vi(&t1),
                    time_vi(&t2)
                ),
                format!(
                    "{name} is a running total but falls from {old} ({}) to {new} ({})",
                    time_en(&t1),
                    time_en(&t2)
                ),
            ),
            primary: location(sources, late),
            label: Text::new(
                format!("tài liệu này: {new}"),
                format!("this document: {new}"),
            ),
            related: Vec::new(),
            help: Some(Text::new(
                "kiểm tra số liệu mới hơn, hoặc ghi rõ vì sao tổng giảm",
                "check the later figure, or say why the total went down",
            )),
            notes: vec![how_matched(ck, late)],
            fix: None,
        };
        out.push(ck.in_language(got.finish(finding, |j| seen.related(sources, late, facts[j], j))));
    }
}

/// [`super::sort_by_later`] of facts, by integer keys: the sources are ranked once by
/// what `later` reads of them (one rank for sources it cannot tell apart), so that no
/// comparison of the sort reads a path or a date.
fn sort_by_later(sources: &[Source], facts: &[&Fact], order: &mut [usize]) {
    let rank = super::source_ranks(sources);
    let r = rank.iter().copied().max().unwrap_or(0);
    // the facts by source rank, in index order, then each rank's facts by start, ties by
    // index (a stable sort of indices in increasing order): the facts of a source are in
    // text order already, so that sort finds them sorted
    order.sort_unstable();
    let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); r + 1];
    for &i in order.iter() {
        by_rank[rank[facts[i].src]].push(i);
    }
    let mut at = 0;
    for mut same in by_rank {
        same.sort_by_key(|&i| facts[i].claim.span.start);
        order[at..at + same.len()].copy_from_slice(&same);
        at += same.len();
    }
}

/// The last day a point covers, for ordering.
pub fn end_of(p: TimePoint) -> (i32, u8, u8) {
    match p {
        TimePoint::Year(y) => (y, 12, 31),
        TimePoint::Quarter { year, quarter } => (year, quarter.saturating_mul(3), 31),
        TimePoint::Month { year, month } => (year, month, 31),
        TimePoint::Day { year, month, day } => (year, month, day),
        TimePoint::DayMonth { month, day } => (i32::MIN, month, day),
    }
}

fn end_of_expr(t: TimeExpr) -> (i32, u8, u8) {
    end_of(t.end.unwrap_or(t.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};

    #[test]
    fn parts_of_the_year() {
        assert_eq!(
            part_year("Sáu tháng đầu năm 2023, Ninh Thuận thu hút"),
            Some((1, 6))
        );
        assert_eq!(part_year("Trong 9 tháng năm 2023, xuất khẩu"), Some((1, 9)));
        assert_eq!(part_year("trong 6 tháng cuối năm, vốn"), Some((7, 12)));
        assert_eq!(part_year("mười một tháng đầu năm 2021"), Some((1, 11)));
        assert_eq!(part_year("nửa đầu năm 2024, kim ngạch"), Some((1, 6)));
        // a date, not a part of the year; a whole year
        assert_eq!(part_year("ngày 5 tháng 7 năm 2023"), None);
        assert_eq!(part_year("Trong năm 2023, tỉnh"), None);
        assert_eq!(part_year("tháng 7/2023"), None);
    }

    /// `part_year` as first written: the text split on `is_alphanumeric` characters.
    fn part_year_plain(t: &str) -> Option<(u8, u8)> {
        let lower = crate::text::lower_str(t);
        let ws: Vec<&str> = lower
            .split(|c: char| !crate::text::is_alphanumeric(c))
            .filter(|w| !w.is_empty())
            .collect();
        part_year_in(&ws)
    }

    /// The words read by bytes are those of the split: the part of the year of every
    /// stretch of up to 300 bytes before a comma or line end of every text of the
    /// project, and of odd texts, found both ways.
    #[test]
    fn part_year_by_bytes_is_that_of_the_split() {
        let mut texts: Vec<String> = [
            "",
            "SÁU THÁNG ĐẦU NĂM",
            "6\u{a0}tháng\u{200b}đầu năm",
            "sa\u{301}u tha\u{301}ng đầu năm",
            "nửa\r\nđầu năm; 99999999999999999999 tháng năm",
            "×9 tháng×năm÷",
        ]
        .map(String::from)
        .to_vec();
        for t in crate::testing::project_texts() {
            for (end, _) in t.match_indices([',', '\n']) {
                texts.push(slice(&t, end.saturating_sub(300), end).to_string());
            }
        }
        let mut found = 0;
        for t in &texts {
            let plain = part_year_plain(t);
            assert_eq!(part_year(t), plain, "{t:?}");
            found += usize::from(plain.is_some());
        }
        assert!(found > 20, "{found}");
    }

    /// The sector prefilter passes over no lead that names a sector: every stretch of
    /// up to 300 bytes before a line end or comma of every text of the project, and odd
    /// leads (capitals, NFD, NBSP, CRLF, zero-width space).
    #[test]
    fn sector_prefilter_misses_no_sector() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let mut leads: Vec<String> = [
            "",
            "trong LĨNH VỰC logistics, 5",
            "Lĩnh Vực du lịch",
            "lĩnh vu\u{323}\u{300}c công nghệ",
            "lĩnh\u{a0}vực năng lượng\r\n",
            "lĩnh vực\u{200b} chế biến 99999999999999999999",
            "trong lĩnh vực ",
        ]
        .map(String::from)
        .to_vec();
        for t in crate::testing::project_texts() {
            for (end, _) in t.match_indices([',', '\n']) {
                leads.push(slice(&t, end.saturating_sub(300), end).to_string());
            }
        }
        let mut named = 0;
        for lead in &leads {
            let plain = sector_plain(&ck, lead);
            assert_eq!(sector(&ck, lead), plain, "{lead:?}");
            named += usize::from(plain.is_some());
        }
        assert!(
            named > 20 && leads.len() > 5000,
            "{named} of {}",
            leads.len()
        );
    }

    /// The project's texts as sources, every fifth a reference, with their facts.
    fn project_sources(rules: &crate::rules::RuleSet) -> (Checker, Vec<Source>, Vec<Vec<Fact>>) {
        let ck = Checker::new(rules);
        let sources = crate::testing::project_sources(rules);
        let facts = (sources.iter().enumerate())
            .map(|(i, s)| facts_of(&ck, i, s))
            .collect();
        (ck, sources, facts)
    }

    /// `sources` with the odd texts added as documents `odd0.md`, `odd1.md`, ...
    fn push_odd(
        sources: &mut Vec<Source>,
        rules: &crate::rules::RuleSet,
        odd: impl IntoIterator<Item = String>,
    ) {
        let extractor = crate::extract::Extractor::new(rules);
        for (i, t) in odd.into_iter().enumerate() {
            let doc = crate::document::Document::from_source(&format!("odd{i}.md"), t);
            let claims = extractor.extract(&doc);
            sources.push(Source {
                doc,
                claims,
                reference: false,
            });
        }
    }

    /// The sweep family by family, in parallel, reports what the sweep of all groups at
    /// once did, in the same order.
    #[test]
    fn values_by_family_are_those_of_one_sweep() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (ck, sources, facts) = project_sources(&rules);
        let facts: Vec<&Fact> = facts.iter().flatten().collect();
        let show = |f: &[Finding]| f.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>();
        let new = show(&values(&ck, &sources, &facts, Vec::new()));
        let old = show(&values_serial(&ck, &sources, &facts));
        assert!(old.len() > 50, "{}", old.len());
        assert_eq!(new, old);
    }

    /// The sort by ranks of sources is the sort by `later`, with sources that tie on
    /// everything but their position (the same path twice) and references among them.
    #[test]
    fn facts_sorted_by_source_ranks_as_by_later() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (_, mut sources, facts) = project_sources(&rules);
        // the same path twice: only positions and indices tell their facts apart
        for (a, b) in [(0, sources.len() - 1), (1, 2), (3, 9)] {
            sources[a].doc.path = sources[b].doc.path.clone();
        }
        let facts: Vec<&Fact> = facts.iter().flatten().collect();
        assert!(facts.len() > 300, "{}", facts.len());
        let mut fast: Vec<usize> = (0..facts.len()).rev().collect();
        let mut slow = fast.clone();
        sort_by_later(&sources, &facts, &mut fast);
        let pos = |i: usize| (facts[i].src, facts[i].claim.span.start);
        crate::checks::sort_by_later_compared(&sources, &mut slow, pos);
        assert_eq!(fast, slow);
        // and the sort of any indices by integer keys
        let mut keyed: Vec<usize> = (0..facts.len()).rev().collect();
        crate::checks::sort_by_later(&sources, &mut keyed, pos);
        assert_eq!(keyed, slow);
    }

    /// A related entry remembered is the one made afresh, for any claim reported: it
    /// depends on that claim only through whether it is in the same source.
    #[test]
    fn remembered_related_entries_are_made_afresh() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (_, sources, facts) = project_sources(&rules);
        let facts: Vec<&Fact> = facts.iter().flatten().collect();
        let mut seen = RelatedMemo::default();
        let mut same = 0;
        for (k, p) in facts.iter().enumerate().step_by(3) {
            for (j, o) in facts.iter().enumerate().skip(k % 7).step_by(5) {
                let fresh = related(
                    sources.as_slice(),
                    p,
                    o,
                    &figure_at(&sources[o.src].doc, &o.claim.span),
                );
                assert_eq!(seen.related(&sources, p, o, j), fresh);
                same += usize::from(p.src == o.src);
            }
        }
        assert!(same > 100 && seen.0.len() > 200, "{same} {}", seen.0.len());
    }

    /// The text before a figure taken from the text after the previous one gives the
    /// facts that folding it afresh gives, on every text of the project.
    #[test]
    fn texts_before_figures_reused_as_folded_afresh() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (ck, sources, _) = project_sources(&rules);
        let mut facts = 0;
        for (i, s) in sources.iter().enumerate() {
            let no_reuse = Shortcuts {
                reuse: false,
                ..Shortcuts::ALL
            };
            let reused = format!("{:?}", facts_of_with(&ck, i, s, Shortcuts::ALL));
            assert_eq!(reused, format!("{:?}", facts_of_with(&ck, i, s, no_reuse)));
            facts += facts_of(&ck, i, s).len();
        }
        assert!(facts > 300, "{facts}");
    }

    /// The alias words of a figure's context taken from the tags the fold memo noted
    /// with its runs give the facts that reading them off the context's words gives: on
    /// every text of the project, and on odd texts (clause marks inside and around
    /// words, variants of the term list, NFD, NBSP, zero-width spaces, CRLF, huge
    /// numbers, a figure at a text's end).
    #[test]
    fn alias_words_from_run_tags_are_those_of_the_words() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (ck, mut sources, _) = project_sources(&rules);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(
            "Vốn FDI đăng ký đạt 12 tỷ USD, xuất khẩu đạt 3 tỷ USD",
        )
        .collect();
        let odd = [
            String::new(),
            "Xuất khẩu,đạt 12 tỷ USD;FDI:vốn 3 tỷ USD,xuất khẩu 4%".into(),
            "Kim ngạch xuất khẩu (đạt) 40 tỉ đô la Mỹ, Liên hiệp quốc 5 lượt, vốn FDI 7%".into(),
            "Có 99999999999999999999 lượt khách\u{a0}xuất khẩu\r\nvà 5% vốn\u{200b}FDI.".into(),
            format!("{nfd}; tăng 5%"),
            "Vốn FDI: 3 dự án, 4 dự án; 5 dự án".into(),
            "xuất khẩu đạt 9 tỷ USD".into(),
        ];
        push_odd(&mut sources, &rules, odd);
        let untagged = Shortcuts {
            tagged: false,
            ..Shortcuts::ALL
        };
        let (mut facts, mut metrics) = (0, 0);
        for (i, s) in sources.iter().enumerate() {
            let new = facts_of_with(&ck, i, s, Shortcuts::ALL);
            let old = facts_of_with(&ck, i, s, untagged);
            assert_eq!(format!("{new:?}"), format!("{old:?}"), "{}", s.doc.path);
            facts += new.len();
            metrics += new
                .iter()
                .filter(|f| matches!(f.quantity, Quantity::Metric(_)))
                .count();
        }
        assert!(facts > 300 && metrics > 100, "{facts} {metrics}");
    }

    /// The places read up to the clause after each figure, and for the figures that
    /// make facts only, give the facts that reading the whole sentence of every
    /// countable figure gives: on every text of the project, and on odd texts (places
    /// past a figure and its clause, at a text's end, after NBSP, zero-width spaces,
    /// CRLF, NFD, huge numbers).
    #[test]
    fn places_read_for_facts_to_the_clause_are_those_of_every_sentence() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (ck, mut sources, _) = project_sources(&rules);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(
            "Tỉnh Hòa Bình có 12 xã, tại Lào 3 dự án",
        )
        .collect();
        let odd = [
            String::new(),
            "Xuất khẩu đạt 12 tỷ USD sang Nhật Bản. Hà Nội".into(),
            "Vốn FDI đạt 3,5 tỷ USD tại Long An; sang Hàn Quốc 2 tỷ USD của Việt Nam".into(),
            "Có 99999999999999999999 lượt khách\u{a0}tại Đà Nẵng\r\nvà 5% ở Cần\u{200b}Thơ.".into(),
            format!("{nfd}, 7 tỷ đồng sang Hoa Kỳ"),
            "Xuất khẩu sang Liên Minh Châu Âu đạt 40 tỷ USD, tăng 5% so với Pháp".into(),
        ];
        push_odd(&mut sources, &rules, odd);
        let ways = [(false, false), (false, true), (true, false)].map(|(a, b)| Shortcuts {
            to_clause: a,
            only_facts: b,
            ..Shortcuts::ALL
        });
        let (mut facts, mut placed) = (0, 0);
        for (i, s) in sources.iter().enumerate() {
            let new = facts_of_with(&ck, i, s, Shortcuts::ALL);
            for w in ways {
                let old = facts_of_with(&ck, i, s, w);
                assert_eq!(format!("{new:?}"), format!("{old:?}"), "{w:?}");
            }
            facts += new.len();
            placed += new.iter().filter(|f| f.place() != (None, None)).count();
        }
        assert!(facts > 300 && placed > 50, "{facts} {placed}");
    }

    /// The facts of a sentence read from sorted entries are those a map of a vector per
    /// sentence holds, for every fact of the project, and for facts of one sentence in
    /// two sources and of sentences that share a start.
    #[test]
    fn same_sentence_is_that_of_a_map() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (_, sources, by_source) = project_sources(&rules);
        let mut facts: Vec<&Fact> = by_source.iter().flatten().collect();
        // again, in reverse order, as if of the same sources: one sentence, two runs
        facts.extend(by_source.iter().flatten().rev().take(200));
        let frame = Frame::new(&sources, &facts);
        let mut shared = 0;
        let map = Frame::sentences_by_map(&facts);
        for (i, f) in facts.iter().enumerate() {
            let s = &f.claim.sentence;
            let want: Vec<usize> = map[&(f.src, s.start, s.end)]
                .iter()
                .copied()
                .filter(|&j| j != i)
                .collect();
            assert_eq!(frame.same_sentence(&facts, i), want, "{i}");
            shared += usize::from(!want.is_empty());
        }
        assert!(shared > 100, "{shared}");
    }

    /// The classes found by a scan and then by a map are those a map alone finds: in
    /// one group per source and in one group of every fact.
    #[test]
    fn classes_scanned_are_those_of_a_map() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (_, _, by_source) = project_sources(&rules);
        let all: Vec<&Fact> = by_source.iter().flatten().collect();
        let mut groups: Vec<Vec<&Fact>> = by_source.iter().map(|f| f.iter().collect()).collect();
        groups.push(all);
        let mut most = 0;
        for facts in &groups {
            let (mut group, mut map) = (Group::default(), HashMap::new());
            for i in 0..facts.len() {
                let n = map.len();
                let slow = *map.entry(class_key(facts[i])).or_insert(n);
                assert_eq!(group.class(facts, i), slow);
            }
            most = most.max(map.len());
        }
        assert!(most > 10 * SCANNED_CLASSES, "{most}");
    }

    proptest::proptest! {
        /// The members swept, one held alone or in sets, are those of the two sets
        /// `Class` held before: as many, the same ones, in the same orders.
        #[test]
        fn swept_members_are_those_of_two_sets(
            keys in proptest::collection::vec((0..4usize, 0..50usize, 0..30usize), 0..12),
        ) {
            let (mut swept, mut by_path, mut by_fact) = (Swept::None, BTreeSet::new(), BTreeSet::new());
            for k in keys {
                // a fact is swept once, with one key
                if by_fact.contains(&k.2) {
                    continue;
                }
                swept.insert(k);
                by_path.insert(k);
                by_fact.insert(k.2);
                proptest::prop_assert_eq!(swept.len(), by_fact.len());
                proptest::prop_assert!(swept.facts().eq(by_fact.iter().copied()));
                proptest::prop_assert!(swept.by_path().eq(by_path.iter().copied()));
                for j in 0..30 {
                    proptest::prop_assert_eq!(swept.contains(j), by_fact.contains(&j));
                }
            }
        }
    }

    /// Two facts have the same scope exactly when they have the same time key.
    #[test]
    fn scopes_are_time_keys() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let (_, _, facts) = project_sources(&rules);
        let mut by_key: HashMap<String, Scope> = HashMap::new();
        let mut by_scope: HashMap<Scope, String> = HashMap::new();
        for f in facts.iter().flatten() {
            let (Some(scope), Some(key)) = (f.scope(), f.time_key()) else {
                assert_eq!(f.scope().is_some(), f.time_key().is_some());
                continue;
            };
            assert_eq!(*by_key.entry(key.clone()).or_insert(scope), scope);
            assert_eq!(*by_scope.entry(scope).or_insert(key.clone()), key);
        }
        assert!(by_key.len() > 20, "{}", by_key.len());
    }

    #[test]
    fn parenthesised_is_the_format() {
        let times = [
            TimeExpr::point(TimePoint::Year(2023)),
            TimeExpr::point(TimePoint::Day {
                year: 2024,
                month: 12,
                day: 31,
            }),
            TimeExpr::point(TimePoint::Quarter {
                year: 2026,
                quarter: 1,
            }),
            TimeExpr {
                start: TimePoint::Year(2021),
                end: Some(TimePoint::Year(2023)),
            },
        ];
        for t in times {
            for text in [time_vi(&t), time_en(&t), String::new()] {
                assert_eq!(parenthesised(&text), format!(" ({text})"));
            }
        }
    }

    #[test]
    fn slice_keeps_char_boundaries() {
        let t = "Hà Nội";
        // byte 2 is inside `à`: the slice starts after it
        assert_eq!(slice(t, 2, 100), " Nội");
        assert_eq!(slice(t, 5, 1), "");
    }
}
