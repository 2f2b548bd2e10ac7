//! The metric catalog compiled for matching: which well-known quantity a figure states.

use crate::claim::{Claim, Kind, Role};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

use crate::rules::{MetricKind, PlaceFile, RuleSet};

use super::fold::Folder;

#[derive(Debug, Clone)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub kind: MetricKind,
    /// Folded counted nouns accepted for a count; empty accepts any.
    pub units: Vec<String>,
    pub stock: bool,
    /// Each alias as its folded parts, in order (`danh hiệu … unesco`).
    aliases: Vec<Vec<String>>,
    /// The bits (of `Catalog::word_bits`) of the first words of the parts of each alias:
    /// a part found as a whole word has its first word among the text's words.
    alias_masks: Vec<u128>,
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub metrics: Vec<Metric>,
    max_gap: usize,
    /// The first words of the parts of the aliases, each with a bit (the first 128).
    word_bits: FxHashMap<String, u32>,
    /// The `head` of every key of `word_bits`, as bits (see `has_head`).
    word_heads: Vec<u64>,
    /// The places of `rules/places.toml`, for the place of a figure.
    pub places: Places,
    /// Which catalog this is (its clones share it), for the tags a [`FoldMemo`] keeps
    /// from one document to the next (`Catalog::default()` is 0).
    ///
    /// [`FoldMemo`]: super::fold::FoldMemo
    id: u64,
}

/// The `id` of the next catalog made.
static NEXT_CATALOG: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A memo's tags of a key are the bits of the first words of aliases among its words
/// (`Catalog::present`), so a figure's context is folded and read for aliases at once.
impl super::fold::RunTags for Catalog {
    fn id(&self) -> u64 {
        self.id
    }

    fn tags(&self, key: &str) -> u128 {
        self.present(&[key], true)
    }
}

impl Catalog {
    pub fn new(rules: &RuleSet, folder: &Folder) -> Catalog {
        let metrics = rules
            .metrics
            .metric
            .iter()
            .map(|m| Metric {
                id: m.id.clone(),
                name: m.name.clone(),
                kind: m.kind,
                units: m.units.iter().map(|u| folder.fold_noun(u)).collect(),
                stock: m.stock,
                aliases: m
                    .aliases
                    .iter()
                    .map(|a| {
                        a.split('…')
                            .map(|p| folder.fold(p))
                            .filter(|p| !p.is_empty())
                            .collect()
                    })
                    .filter(|parts: &Vec<String>| !parts.is_empty())
                    .collect(),
                exclude: m.exclude.iter().map(|e| folder.fold(e)).collect(),
                alias_masks: Vec::new(),
            })
            .collect();
        let mut metrics: Vec<Metric> = metrics;
        let mut word_bits: FxHashMap<String, u32> = FxHashMap::default();
        for m in &mut metrics {
            m.alias_masks = m
                .aliases
                .iter()
                .map(|parts| {
                    let mut mask = 0u128;
                    for w in parts
                        .iter()
                        .map(|p| first_word(p))
                        .filter(|w| !w.is_empty())
                    {
                        let next = u32::try_from(word_bits.len()).unwrap_or(u32::MAX);
                        let bit = *word_bits.entry(w.to_string()).or_insert(next);
                        // words past the 128th are not required: the search decides
                        if bit < 128 {
                            mask |= 1 << bit;
                        }
                    }
                    mask
                })
                .collect();
        }
        let word_heads = heads_of(word_bits.keys());
        Catalog {
            metrics,
            max_gap: rules.checks.matching.max_alias_gap,
            word_bits,
            word_heads,
            places: Places::new(&rules.places),
            id: NEXT_CATALOG.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The metric a claim states, read from `before` (its folded sentence up to the figure,
    /// starting after the previous figure), `noun` (its folded counted noun) and `after`
    /// (the rest of the sentence up to the next figure).
    ///
    /// The alias nearest the figure wins, the longest at equal distance; a metric is
    /// skipped when one of its `exclude` words stands between its alias and the figure.
    pub fn classify(
        &self,
        claim: &Claim,
        before: &str,
        noun: &str,
        after: &str,
    ) -> Option<&Metric> {
        let present = self.present(&[before, noun, after], true);
        self.classify_with(claim, before, noun, after, Some(present))
    }

    /// [`Catalog::classify`] given the tags of the three texts (`RunTags::tags`), OR-ed:
    /// a [`FoldMemo`] made them with the keys.
    ///
    /// [`FoldMemo`]: super::fold::FoldMemo
    pub fn classify_tagged(
        &self,
        claim: &Claim,
        before: &str,
        noun: &str,
        after: &str,
        present: u128,
    ) -> Option<&Metric> {
        self.classify_with(claim, before, noun, after, Some(present))
    }

    /// The bits of the first words of aliases that are words of `texts`. With `heads`,
    /// a word whose bit of `word_heads` is not set is passed without hashing it: most
    /// words of a sentence start no alias.
    fn present(&self, texts: &[&str], heads: bool) -> u128 {
        let mut present = 0u128;
        for t in texts {
            crate::text::for_each_word(t, |a, b| {
                let w = &t[a..b];
                if heads && !has_head(&self.word_heads, w) {
                    return;
                }
                if let Some(&bit) = self.word_bits.get(w) {
                    present |= 1u128.checked_shl(bit).unwrap_or(0);
                }
            });
        }
        present
    }

    /// [`Catalog::classify`] given `present`, the bits of the first words of aliases
    /// among the words of the three texts (`Catalog::present`), so that an alias whose
    /// first words are not all there is passed over without a search; `None` searches
    /// every alias (for tests).
    fn classify_with(
        &self,
        claim: &Claim,
        before: &str,
        noun: &str,
        after: &str,
        present: Option<u128>,
    ) -> Option<&Metric> {
        let mut best: Option<(usize, bool, usize, &Metric)> = None;
        for m in &self.metrics {
            if !kind_fits(m.kind, claim) {
                continue;
            }
            for (parts, &mask) in m.aliases.iter().zip(&m.alias_masks) {
                if present.is_some_and(|p| mask & !p != 0) {
                    continue;
                }
                // the alias may be the counted noun itself (`6 đối tác chiến lược toàn diện`)
                // (distance from the figure, where the alias starts in `before`)
                let found = if parts.len() == 1 && contains_word(noun, &parts[0]) {
                    Some((0, None))
                } else if let Some(start) = find_alias(before, parts) {
                    Some((before.len() - start, Some(start)))
                } else {
                    // after the figure, in the rest of its clause: slightly further than before
                    find_alias_forward(after, parts).map(|start| (start + 1, None))
                };
                let Some((gap, alias_start)) = found else {
                    continue;
                };
                if gap > self.max_gap + parts.iter().map(String::len).sum::<usize>() {
                    continue;
                }
                // words that change the quantity: in the figure's own clause (`đang đàm phán
                // 3 hiệp định`) and between the metric's name and the figure
                let clause = before.rfind([',', ';', ':']).map_or(0, |p| p + 1);
                let region = &before[alias_start.map_or(clause, |a| a.min(clause))..];
                if m.exclude
                    .iter()
                    .any(|e| contains_word(region, e) || contains_word(noun, e))
                {
                    continue;
                }
                let len: usize = parts.iter().map(String::len).sum();
                // at equal distance, a metric that counts this noun beats one that does not
                // (peacekeeping rotations `lượt` vs officers deployed `người`), then the
                // longer alias
                let fits = m.units.is_empty() || m.units.iter().any(|u| u == noun);
                let better = best.is_none_or(|(g, f, l, _)| {
                    gap < g || (gap == g && (fits && !f || (fits == f && len > l)))
                });
                if better {
                    best = Some((gap, fits, len, m));
                }
            }
        }
        best.map(|(_, _, _, m)| m)
    }
}

/// The first run of letters and digits of `part`, as `find_word` delimits words.
fn first_word(part: &str) -> &str {
    let Some(start) = part.find(|c: char| crate::text::is_alphanumeric(c)) else {
        return "";
    };
    let rest = &part[start..];
    &rest[..rest
        .find(|c: char| !crate::text::is_alphanumeric(c))
        .unwrap_or(rest.len())]
}

fn kind_fits(kind: MetricKind, claim: &Claim) -> bool {
    match (kind, claim.kind) {
        (MetricKind::Count, Kind::Count | Kind::Fraction) => true,
        (MetricKind::Money, Kind::Money) => true,
        (MetricKind::Percent, Kind::Percent) => true,
        // a growth rate or ratio of a metric: `FDI ... tăng 32,8%`
        (_, Kind::Percent | Kind::Ratio) => matches!(claim.role, Role::Increment),
        _ => false,
    }
}

/// Where the last occurrence of all `parts`, in order, begins in `text` (whole words).
fn find_alias(text: &str, parts: &[String]) -> Option<usize> {
    let last = parts.last()?;
    let mut end_search = text.len();
    // the last part as near the end as possible, then the earlier ones before it
    while let Some(p) = rfind_word(&text[..end_search], last) {
        let mut cursor = p;
        let mut ok = true;
        for part in parts[..parts.len() - 1].iter().rev() {
            match rfind_word(&text[..cursor], part) {
                Some(q) => cursor = q,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(cursor);
        }
        end_search = p;
    }
    None
}

/// Where the first occurrence of all `parts`, in order, begins in `text` (whole words).
fn find_alias_forward(text: &str, parts: &[String]) -> Option<usize> {
    let first = parts.first()?;
    let start = find_word(text, first)?;
    let mut cursor = start + first.len();
    for part in &parts[1..] {
        cursor += find_word(&text[cursor..], part)? + part.len();
    }
    Some(start)
}

/// `text[from..].find(word)` (plus `from`) for a word that is not empty, without
/// building a searcher: the words and texts here are short.
fn find_from(text: &str, word: &str, from: usize) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let last = t.len().checked_sub(w.len())?;
    let mut at = from;
    while at <= last {
        let p = at + memchr::memchr(*w.first()?, t.get(at..=last)?)?;
        if t.get(p..p + w.len()) == Some(w) {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

/// `text[..end].rfind(word)` for a word that is not empty, without building a searcher.
fn rfind_before(text: &str, word: &str, end: usize) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    // candidates start before `limit`
    let mut limit = end.checked_sub(w.len())? + 1;
    while let Some(p) = memchr::memrchr(*w.first()?, t.get(..limit)?) {
        if t.get(p..p + w.len()) == Some(w) {
            return Some(p);
        }
        limit = p;
    }
    None
}

/// Where `word` (not empty) first stands in `text` as a whole word. An occurrence that
/// is not one is passed with what it overlaps.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = find_from(text, word, from) {
        let before_ok = text[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        let after_ok = !text[p + word.len()..].starts_with(crate::text::is_alphanumeric);
        if before_ok && after_ok {
            return Some(p);
        }
        from = p + word.len();
    }
    None
}

/// Where `word` (not empty) last stands in `text` as a whole word. An occurrence that is
/// not one is passed with what it overlaps.
fn rfind_word(text: &str, word: &str) -> Option<usize> {
    let mut end = text.len();
    while let Some(p) = rfind_before(text, word, end) {
        let before_ok = text[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c));
        let after_ok = !text[p + word.len()..].starts_with(crate::text::is_alphanumeric);
        if before_ok && after_ok {
            return Some(p);
        }
        end = p;
    }
    None
}

pub fn contains_word(text: &str, word: &str) -> bool {
    !word.is_empty() && rfind_word(text, word).is_some()
}

/// What a place is: the whole country, a province or city of it, or abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    National,
    Domestic,
    Foreign,
}

/// A place named in a text: its byte range, canonical name and kind. The name is
/// borrowed from the place list or the text: a large file names places by the thousand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention<'a> {
    pub start: usize,
    pub end: usize,
    pub name: &'a str,
    pub kind: PlaceKind,
}

/// A listed name found at a word (`Places::listed_at`): its length in words, canonical
/// name and kind.
type Listed<'p> = Option<(usize, &'p String, PlaceKind)>;

/// The place names of `rules/places.toml`, by their first word.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// First word (as written; lower case for a form written so) -> the forms starting
    /// with it, as words, with their canonical name and kind, longest first.
    by_first: FxHashMap<String, Vec<(Vec<String>, String, PlaceKind)>>,
    /// The `head` of every key of `by_first`, as bits: most words of a text are no key,
    /// and are passed without hashing.
    heads: Vec<u64>,
    /// The first letters of the keys not in title case (`nước ta`, `châu Âu`).
    lower_firsts: Vec<char>,
    /// By byte: whether a word starting with it may be a key, a preposition or in title
    /// case (`may_matter`). Empty: every byte may.
    firsts: Vec<bool>,
}

/// The bit of `heads` for a word: its first two bytes, last byte and length, mixed.
fn head(w: &str) -> usize {
    let b = w.as_bytes();
    let x = u32::from(b.first().copied().unwrap_or(0));
    let y = u32::from(b.get(1).copied().unwrap_or(0));
    let z = u32::from(b.last().copied().unwrap_or(0));
    let n = u32::try_from(b.len()).unwrap_or(u32::MAX);
    let mixed = ((x << 16) | (y << 8) | z) ^ n.wrapping_shl(24);
    usize::try_from(mixed.wrapping_mul(0x9e37_79b1) >> 16).unwrap_or(0)
}

/// The bits (of 1 << 16) of the `head` of each of `keys`.
fn heads_of<'k>(keys: impl Iterator<Item = &'k String>) -> Vec<u64> {
    let mut heads = vec![0u64; 1 << 10];
    for key in keys {
        let h = head(key);
        heads[h >> 6] |= 1 << (h & 63);
    }
    heads
}

/// Whether `w` may be one of the keys `heads` was made of (it is not when its bit is
/// not set).
fn has_head(heads: &[u64], w: &str) -> bool {
    let h = head(w);
    heads
        .get(h >> 6)
        .is_some_and(|bits| bits & (1 << (h & 63)) != 0)
}

/// `Places::firsts`: the first bytes of `keys`, of the prepositions
/// (`may_be_preposition`), of ASCII capitals, and every byte past ASCII (a word of
/// another letter may be in title case).
fn firsts_of<'k>(keys: impl Iterator<Item = &'k String>) -> Vec<bool> {
    let mut firsts: Vec<bool> = (0..=255u8)
        .map(|b| !b.is_ascii() || b.is_ascii_uppercase() || matches!(b, b's' | b't'))
        .collect();
    for key in keys {
        if let Some(&b) = key.as_bytes().first() {
            firsts[usize::from(b)] = true;
        }
    }
    firsts
}

/// Whether `w` may be one of `PLACE_PREPOSITIONS` in any case: its first byte is that
/// of `s`, `t`, `ở` or `đ` (a test keeps this in step with the list).
fn may_be_preposition(w: &str) -> bool {
    w.len() <= 6
        && matches!(
            w.as_bytes().first(),
            Some(b's' | b'S' | b't' | b'T' | 0xc4 | 0xe1)
        )
}

/// Prepositions after which an unlisted run of title-case words is read as a place abroad.
const PLACE_PREPOSITIONS: [&str; 4] = ["sang", "tại", "ở", "đến"];

/// Words of one name: only spaces, a dot or a hyphen between them.
fn joined(t: &str, ws: &[(usize, usize)], a: usize, b: usize) -> bool {
    t.get(ws[a].1..ws[b].0)
        .is_some_and(|g| g.len() <= 3 && g.chars().all(|c| c == ' ' || c == '.' || c == '-'))
}

fn title_case(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// The words of a text with their byte ranges (runs of letters and digits).
fn words(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(t.len() / 6);
    crate::text::for_each_word(t, |a, b| out.push((a, b)));
    out
}

/// The byte range of the first word of a text (as `for_each_word` finds words).
fn first_word_range(t: &str) -> Option<(usize, usize)> {
    let word = |c: char| crate::text::is_alphanumeric(c);
    let a = t.find(word)?;
    let len = t[a..].find(|c: char| !word(c)).unwrap_or(t.len() - a);
    Some((a, a + len))
}

/// The byte range of the last word of a text (as `for_each_word` finds words), read
/// from its end: the text before a line a figure is on can be long, and only its last
/// word is wanted.
fn last_word_range(t: &str) -> Option<(usize, usize)> {
    let word = |c: char| crate::text::is_alphanumeric(c);
    let end = t.rfind(word)?;
    let end = end + t[end..].chars().next().map_or(0, char::len_utf8);
    let start = t[..end]
        .rfind(|c: char| !word(c))
        .map_or(0, |p| p + t[p..].chars().next().map_or(0, char::len_utf8));
    Some((start, end))
}

/// Whether a byte of a text stands between two words no name spans: an ASCII byte
/// that is no letter or digit (so no part of a word, nor of a character that is) and
/// none of the space, dot and hyphen `joined` allows between the words of a name.
fn breaks_names(x: u8) -> bool {
    x.is_ascii() && !x.is_ascii_alphanumeric() && !matches!(x, b' ' | b'.' | b'-')
}

/// `w` in lower case, on the stack when it is short.
fn lower_word<'b>(w: &str, buf: &'b mut [u8; 64]) -> std::borrow::Cow<'b, str> {
    match crate::text::lower_into(w, buf).and_then(|l| std::str::from_utf8(l).ok()) {
        Some(l) => std::borrow::Cow::Borrowed(l),
        None => std::borrow::Cow::Owned(crate::text::lower_str(w)),
    }
}

impl Places {
    pub fn new(file: &PlaceFile) -> Places {
        let mut canonical: HashMap<&str, &str> = HashMap::new();
        for a in &file.alias {
            for f in &a.forms {
                canonical.insert(f.as_str(), a.name.as_str());
            }
        }
        let mut by_first: FxHashMap<String, Vec<(Vec<String>, String, PlaceKind)>> =
            FxHashMap::default();
        let lists = [
            (&file.national, PlaceKind::National),
            (&file.provinces, PlaceKind::Domestic),
            (&file.provinces_2025, PlaceKind::Domestic),
            (&file.countries, PlaceKind::Foreign),
        ];
        let mut kinds: HashMap<&str, PlaceKind> = HashMap::new();
        for (list, kind) in lists {
            for name in list.iter() {
                kinds.entry(name.as_str()).or_insert(kind);
            }
        }
        let mut all: Vec<(&str, PlaceKind)> = kinds.iter().map(|(n, k)| (*n, *k)).collect();
        for a in &file.alias {
            for f in &a.forms {
                all.push((f.as_str(), PlaceKind::Foreign));
            }
        }
        for (form, _) in all {
            let name = canonical.get(form).copied().unwrap_or(form);
            let Some(&kind) = kinds.get(name).or_else(|| kinds.get(form)) else {
                continue;
            };
            // `Việt Nam` and its forms are one national place
            let name = if kind == PlaceKind::National {
                "Việt Nam"
            } else {
                name
            };
            let parts: Vec<String> = words(form)
                .into_iter()
                .map(|(s, e)| form[s..e].to_string())
                .collect();
            let Some(first) = parts.first().cloned() else {
                continue;
            };
            let entry = by_first.entry(first).or_default();
            if !entry.iter().any(|(p, _, _)| *p == parts) {
                entry.push((parts, name.to_string(), kind));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        let heads = heads_of(by_first.keys());
        let mut lower_firsts = Vec::new();
        for key in by_first.keys() {
            if !title_case(key) {
                lower_firsts.extend(key.chars().next());
            }
        }
        lower_firsts.sort_unstable();
        lower_firsts.dedup();
        let firsts = firsts_of(by_first.keys());
        Places {
            by_first,
            heads,
            lower_firsts,
            firsts,
        }
    }

    /// Whether a word (not empty) may be a key, a preposition, or in title case, by its
    /// first byte: most words of a text start with a lower-case ASCII letter that
    /// starts none of these, and are passed without hashing them.
    fn may_matter(&self, w: &str) -> bool {
        let first = w.as_bytes().first().copied().unwrap_or(0);
        self.firsts.get(usize::from(first)).is_none_or(|&f| f)
    }

    /// Whether `key` may be a key of `by_first` (it is not when its bit is not set).
    fn may_be_key(&self, key: &str) -> bool {
        has_head(&self.heads, key)
    }

    /// The forms whose first word is `key`.
    fn forms(&self, key: &str) -> Option<&Vec<(Vec<String>, String, PlaceKind)>> {
        if !self.may_be_key(key) {
            return None;
        }
        self.by_first.get(key)
    }

    /// Every place named in a text, in order: one pass over its words.
    pub fn mentions<'a>(&'a self, t: &'a str) -> Vec<PlaceMention<'a>> {
        let ws = words(t);
        let mut out = Vec::new();
        self.scan(t, &ws, 0, ws.len(), &mut out);
        out
    }

    /// [`Places::mentions`] with every word looked up: the pass the shortcuts of
    /// `scan` are tested against.
    #[cfg(test)]
    fn mentions_word_by_word<'a>(&'a self, t: &'a str) -> Vec<PlaceMention<'a>> {
        let ws = words(t);
        let mut out = Vec::new();
        self.scan_with(t, &ws, 0, ws.len(), &mut out, false);
        out
    }

    /// The places of [`Places::mentions`] that start in the byte ranges `needed` (sorted
    /// by start), and maybe some others: only the clauses holding a range are read.
    ///
    /// A name (or a run after a preposition) never spans two words with other than
    /// spaces, dots or hyphens between them (`joined`), so never an ASCII byte that is
    /// none of these nor a letter or digit (a comma, a bracket, a line break): the pass
    /// over every word reaches the first word after such a byte afresh, and a pass over
    /// the words between two of them finds what the whole pass finds there (most
    /// sentences of a paragraph hold no figure, and are not read). The word before and
    /// the word after them are given too, for `lone_word_ok`, and not read as names.
    /// The words of a stretch are listed only while it is read, so the memory held is
    /// that of the longest stretch, not of the text.
    pub fn mentions_in<'a>(
        &'a self,
        t: &'a str,
        needed: &[(usize, usize)],
    ) -> Vec<PlaceMention<'a>> {
        self.mentions_in_with(t, needed, breaks_names)
    }

    /// [`Places::mentions_in`] with the bytes a stretch read ends at told by `stop`
    /// (`breaks_names`; a line break only, as first written, for tests).
    fn mentions_in_with<'a>(
        &'a self,
        t: &'a str,
        needed: &[(usize, usize)],
        stop: fn(u8) -> bool,
    ) -> Vec<PlaceMention<'a>> {
        let bytes = t.as_bytes();
        let mut out = Vec::new();
        let mut ws: Vec<(usize, usize)> = Vec::new();
        // the text before `done` is read; `last` is the last word before `done`
        let (mut done, mut last) = (0, None);
        for &(a, b) in needed {
            let (a, b) = (a.max(done), b.min(t.len()));
            if a >= b {
                continue;
            }
            // the stretch starts after the last stop byte before `a`, or at `done` (the
            // text before it is read): only the bytes between are looked at
            let start = bytes[done..a]
                .iter()
                .rposition(|&x| stop(x))
                .map_or(done, |p| done + p + 1);
            let end = bytes[b..]
                .iter()
                .position(|&x| stop(x))
                .map_or(t.len(), |p| b + p);
            ws.clear();
            // the word before: between `done` and `start`, else the last one read
            let before = last_word_range(&t[done..start]).map(|(x, y)| (done + x, done + y));
            ws.extend(before.or(last));
            let first = ws.len();
            crate::text::for_each_word(&t[start..end], |x, y| ws.push((start + x, start + y)));
            let to = ws.len();
            last = ws.last().copied();
            if let Some(after) = first_word_range(&t[end..]) {
                ws.push((end + after.0, end + after.1));
            }
            self.scan(t, &ws, first, to, &mut out);
            done = end;
        }
        out
    }

    /// The pass of [`Places::mentions`] over words `i..to` (a name found may run past
    /// `to`): the word after the last one it read.
    fn scan<'a>(
        &'a self,
        t: &'a str,
        ws: &[(usize, usize)],
        i: usize,
        to: usize,
        out: &mut Vec<PlaceMention<'a>>,
    ) -> usize {
        self.scan_with(t, ws, i, to, out, true)
    }

    /// [`Places::scan`]; `skip` off looks up every word (for tests).
    fn scan_with<'a>(
        &'a self,
        t: &'a str,
        ws: &[(usize, usize)],
        mut i: usize,
        to: usize,
        out: &mut Vec<PlaceMention<'a>>,
        skip: bool,
    ) -> usize {
        // the last name looked up past a preposition (`tại Hà Nội`): where, and what
        // was found there, for the word is looked up again when the pass comes to it
        // (`skip` off: every word looked up afresh)
        let mut looked: Option<(usize, Listed)> = None;
        while i < to {
            let w = &t[ws[i].0..ws[i].1];
            // a word not in title case (most words: `được` and `đã` as much as `và`)
            // names a place only as a key written so, and opens a run only as a
            // preposition; the cheaper tests first
            if skip
                && (!self.may_matter(w)
                    || !self.may_be_key(w) && !may_be_preposition(w) && !title_case(w))
            {
                i += 1;
                continue;
            }
            let listed = match looked.take() {
                Some((at, found)) if at == i => found,
                _ => self.listed_at(t, ws, i),
            };
            if let Some((len, name, kind)) = listed {
                out.push(PlaceMention {
                    start: ws[i].0,
                    end: ws[i + len - 1].1,
                    name,
                    kind,
                });
                i += len;
                continue;
            }
            // `tại Liên Hợp Quốc`: two or more title-case words after a preposition, up
            // to a listed name
            // most words are in lower case: lower-cased only when not
            let preposition = may_be_preposition(w)
                && (PLACE_PREPOSITIONS.contains(&w)
                    || (title_case(w)
                        && PLACE_PREPOSITIONS.contains(&&*lower_word(w, &mut [0; 64]))));
            if preposition {
                let mut k = i + 1;
                while k < ws.len() && joined(t, ws, k - 1, k) && title_case(&t[ws[k].0..ws[k].1]) {
                    let found = self.listed_at(t, ws, k);
                    if found.is_some() {
                        looked = skip.then_some((k, found));
                        break;
                    }
                    k += 1;
                }
                if k >= i + 3 {
                    let (s, e) = (ws[i + 1].0, ws[k - 1].1);
                    out.push(PlaceMention {
                        start: s,
                        end: e,
                        name: &t[s..e],
                        kind: PlaceKind::Foreign,
                    });
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        i
    }

    /// The listed name starting at word `i`, the longest first: its length in words.
    fn listed_at(
        &self,
        t: &str,
        ws: &[(usize, usize)],
        i: usize,
    ) -> Option<(usize, &String, PlaceKind)> {
        let w = &t[ws[i].0..ws[i].1];
        let as_written = self.forms(w);
        // a title-case word in lower case, when some form is written in lower case with
        // that first letter
        let may_lower = title_case(w)
            && w.chars()
                .next()
                .is_some_and(|c| self.lower_firsts.contains(&crate::text::lower(c)));
        // most words: neither
        if as_written.is_none() && !may_lower {
            return None;
        }
        let mut buf = [0; 64];
        let lower = may_lower.then(|| lower_word(w, &mut buf));
        let keys = std::iter::once(w).chain(lower.as_deref());
        for (n, key) in keys.enumerate() {
            let forms = if n == 0 { as_written } else { self.forms(key) };
            let Some(forms) = forms else {
                continue;
            };
            for (parts, name, kind) in forms {
                // a lower-case key only for forms written in lower case
                if n == 1 && parts.first().is_some_and(|p| title_case(p)) {
                    continue;
                }
                let len = parts.len();
                if i + len > ws.len() {
                    continue;
                }
                let fits = (1..len).all(|k| {
                    joined(t, ws, i + k - 1, i + k) && t[ws[i + k].0..ws[i + k].1] == parts[k]
                });
                if !fits || (len == 1 && title_case(w) && !self.lone_word_ok(t, ws, i)) {
                    continue;
                }
                return Some((len, name, *kind));
            }
        }
        None
    }

    /// A one-word name (`Lào`, `Pháp`) is a place unless it is part of a longer proper
    /// name (a title-case word next to it) or a sentence's first word before a lower-case
    /// one (`Pháp luật ...`).
    fn lone_word_ok(&self, t: &str, ws: &[(usize, usize)], i: usize) -> bool {
        let tight = |a: usize, b: usize| {
            t.get(ws[a].1..ws[b].0)
                .is_some_and(|g| !g.is_empty() && g.chars().all(char::is_whitespace))
        };
        let prev_title = i > 0 && tight(i - 1, i) && title_case(&t[ws[i - 1].0..ws[i - 1].1]);
        let next = (i + 1 < ws.len() && tight(i, i + 1)).then(|| &t[ws[i + 1].0..ws[i + 1].1]);
        if prev_title || next.is_some_and(title_case) {
            return false;
        }
        let lead = t[..ws[i].0].trim_end_matches([' ', '*', '_', '#', '"', '(']);
        let starts_sentence = lead.is_empty() || lead.ends_with(['.', '!', '?', '\n', ':']);
        !(starts_sentence && next.is_some_and(|n| !title_case(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_parts_in_order() {
        let parts = vec!["danh hiệu".to_string(), "unesco".to_string()];
        let text = "tổng số danh hiệu của việt nam được unesco công nhận lên";
        assert_eq!(find_alias(text, &parts), text.find("danh hiệu"));
        assert_eq!(find_alias("unesco và danh hiệu", &parts), None);
        assert!(contains_word("vốn fdi giải ngân", "giải ngân"));
        assert!(!contains_word("tỉnh", "tỉ"));
    }

    /// `text.find` and `rfind` as the word searches first used them.
    fn find_word_slow(text: &str, word: &str) -> Option<usize> {
        let ok = |p: usize| {
            !text[..p].ends_with(char::is_alphanumeric)
                && !text[p + word.len()..].starts_with(char::is_alphanumeric)
        };
        let mut from = 0;
        while let Some(p) = text[from..].find(word).map(|p| p + from) {
            if ok(p) {
                return Some(p);
            }
            from = p + word.len();
        }
        None
    }

    fn rfind_word_slow(text: &str, word: &str) -> Option<usize> {
        let ok = |p: usize| {
            !text[..p].ends_with(char::is_alphanumeric)
                && !text[p + word.len()..].starts_with(char::is_alphanumeric)
        };
        let mut end = text.len();
        while let Some(p) = text[..end].rfind(word) {
            if ok(p) {
                return Some(p);
            }
            end = p;
        }
        None
    }

    proptest::proptest! {
        /// The searches by first byte find what the standard library's searches find,
        /// overlapping occurrences included (`ab ab abx`).
        #[test]
        fn word_searches_by_byte(
            picks in proptest::collection::vec(0..8usize, 0..24),
            w in proptest::collection::vec(0..8usize, 1..4),
        ) {
            let pieces = ["ab", " ", "abx", "tỷ", "ỷ", ",", "a", "b"];
            let text: String = picks.iter().map(|&i| pieces[i]).collect();
            let word: String = w.iter().map(|&i| pieces[i]).collect();
            proptest::prop_assert_eq!(find_word(&text, &word), find_word_slow(&text, &word));
            proptest::prop_assert_eq!(rfind_word(&text, &word), rfind_word_slow(&text, &word));
        }
    }

    /// The words passed over by their head are no first word of an alias: the bits of
    /// every line of every text of the project folded, of every alias and of odd texts,
    /// found both ways.
    #[test]
    fn alias_words_by_head_are_those_hashed() {
        let rules = RuleSet::embedded().expect("embedded rules");
        let folder = Folder::new(&rules.terms);
        let catalog = Catalog::new(&rules, &folder);
        let mut texts: Vec<String> = ["", "\u{a0}fdi\u{200b}vốn\r\n", "tỷ 99999999999999999999"]
            .map(String::from)
            .to_vec();
        texts.extend(
            catalog
                .metrics
                .iter()
                .flat_map(|m| m.aliases.iter().map(|a| a.join(" "))),
        );
        for t in crate::testing::project_texts() {
            texts.extend(t.lines().map(|l| folder.fold(l)));
        }
        let mut hits = 0;
        for t in &texts {
            let fast = catalog.present(&[t], true);
            assert_eq!(fast, catalog.present(&[t], false), "{t:?}");
            hits += fast.count_ones();
        }
        assert!(hits > 1000, "{hits}");
    }

    /// Skipping the aliases whose words are not in a figure's context changes no metric:
    /// every countable figure of every text of the project, classified both ways.
    #[test]
    fn alias_prefilter_changes_no_metric() {
        let rules = RuleSet::embedded().expect("embedded rules");
        let folder = Folder::new(&rules.terms);
        let catalog = Catalog::new(&rules, &folder);
        let x = crate::extract::Extractor::new(&rules);
        let (mut classified, mut figures) = (0, 0);
        for t in crate::testing::project_texts() {
            let doc = crate::document::Document::from_source("t.md", t);
            for c in x.extract(&doc) {
                let text = &doc.text;
                let before =
                    folder.fold(text.get(c.sentence.start..c.text_range.start).unwrap_or(""));
                let after = folder.fold(text.get(c.text_range.end..c.sentence.end).unwrap_or(""));
                let noun = c
                    .unit
                    .as_deref()
                    .map(|u| folder.fold_noun(u))
                    .unwrap_or_default();
                let id = |m: Option<&Metric>| m.map(|m| m.id.clone());
                let fast = id(catalog.classify(&c, &before, &noun, &after));
                assert_eq!(
                    fast,
                    id(catalog.classify_with(&c, &before, &noun, &after, None))
                );
                figures += 1;
                classified += usize::from(fast.is_some());
            }
        }
        assert!(
            classified > 100 && figures > 1000,
            "{classified} of {figures}"
        );
    }

    /// Every listed place name as listed, in capitals, and as `other` writes it.
    fn listed_names(other: impl Fn(&str) -> String) -> Vec<String> {
        let rules = RuleSet::embedded().expect("embedded rules");
        let f = &rules.places;
        [&f.national, &f.provinces, &f.countries]
            .into_iter()
            .flatten()
            .flat_map(|n| [n.clone(), n.to_uppercase(), other(n)])
            .collect()
    }

    fn places() -> Places {
        let rules = RuleSet::embedded().expect("embedded rules");
        Places::new(&rules.places)
    }

    fn named(t: &str) -> Vec<(String, PlaceKind)> {
        places()
            .mentions(t)
            .into_iter()
            .map(|m| {
                assert!(!t[m.start..m.end].is_empty());
                (m.name.to_string(), m.kind)
            })
            .collect()
    }

    /// `listed_at` as it was first written: both keys hashed, the word lower-cased with
    /// the standard library.
    fn listed_at_slow<'p>(
        p: &'p Places,
        t: &str,
        ws: &[(usize, usize)],
        i: usize,
    ) -> Option<(usize, &'p String, PlaceKind)> {
        let w = &t[ws[i].0..ws[i].1];
        let lower = title_case(w).then(|| w.to_lowercase());
        let keys = std::iter::once(w).chain(lower.as_deref());
        for (n, key) in keys.enumerate() {
            let Some(forms) = p.by_first.get(key) else {
                continue;
            };
            for (parts, name, kind) in forms {
                if n == 1 && parts.first().is_some_and(|p| title_case(p)) {
                    continue;
                }
                let len = parts.len();
                if i + len > ws.len() {
                    continue;
                }
                let fits = (1..len).all(|k| {
                    joined(t, ws, i + k - 1, i + k) && t[ws[i + k].0..ws[i + k].1] == parts[k]
                });
                if !fits || (len == 1 && title_case(w) && !p.lone_word_ok(t, ws, i)) {
                    continue;
                }
                return Some((len, name, *kind));
            }
        }
        None
    }

    /// The places found in some ranges of a text are places of the whole pass, and
    /// every place of the whole pass that starts in a range is found: ranges of every
    /// third line, of halves of lines and of a few bytes, on every text of the project.
    #[test]
    fn places_in_ranges_are_those_of_the_whole_pass() {
        let p = places();
        let mut all = crate::testing::project_texts();
        all.push("Đoàn đến TP. Hà Nội. Lào Cai, tại Đại Hội Đồng Liên Hợp Quốc. Lào".into());
        // a lone name read against the words of the lines beside it (`Nguyễn Đức`)
        all.push("Ông Nguyễn\nĐức, và hợp tác với Đức\nLào, rồi\n\nPháp luật\nĐức".into());
        // names beside the bytes a stretch ends at, and characters that are no such byte
        all.extend(
            [
                "",
                "tại Hà\u{a0}Nội, (Lào)Đức;Pháp",
                "Ông Nguyễn\r\nĐức,\r\nLào Cai",
                "ở Ha\u{300} Nô\u{323}i và Hà\u{200b}Nội, tại Nhật - Bản . Lào",
                "sang Ấn Độ 99999999999999999999999 tỷ USD, TP. Hà Nội\tLào",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        let stops: [fn(u8) -> bool; 2] = [breaks_names, |x| x == b'\n'];
        for (t, stop) in all.iter().flat_map(|t| stops.map(|s| (t, s))) {
            let whole = p.mentions(t);
            let mut lines = Vec::new();
            let mut at = 0;
            for line in t.split_inclusive('\n') {
                lines.push((at, at + line.len()));
                at += line.len();
            }
            for (k, ranges) in [
                lines.iter().step_by(3).copied().collect::<Vec<_>>(),
                lines.iter().skip(1).step_by(2).copied().collect(),
                lines.iter().map(|&(a, b)| ((a + b) / 2, b)).collect(),
                (0..t.len()).step_by(97).map(|a| (a, a + 5)).collect(),
                // ranges that start and end inside characters, inside words
                (0..t.len()).step_by(13).map(|a| (a, a + 3)).collect(),
                // ranges that overlap, as those of the figures of one sentence do
                lines
                    .iter()
                    .flat_map(|&(a, b)| [(a, (a + b) / 2), (a, b), ((a + b) / 3, b + 9)])
                    .collect(),
            ]
            .into_iter()
            .enumerate()
            {
                let mut ranges = ranges;
                ranges.sort_unstable();
                let got = p.mentions_in_with(t, &ranges, stop);
                for m in &got {
                    assert!(whole.contains(m), "{k}: {m:?} not in the whole pass");
                }
                for m in &whole {
                    if ranges.iter().any(|&(a, b)| a <= m.start && m.start < b) {
                        assert!(got.contains(m), "{k}: {m:?} missed");
                        checked += 1;
                    }
                }
                assert!(got.is_sorted_by_key(|m| m.start));
            }
        }
        assert!(checked > 500, "{checked}");
    }

    /// The words passed over unread are words that name no place and open no run: the
    /// pass with them and the pass looking up every word find the same places, on every
    /// text of the project and on every listed name in capitals and in lower case.
    #[test]
    fn words_passed_over_name_no_place() {
        let p = places();
        let names = listed_names(|n| format!("sang {}", n.to_lowercase()));
        let mut all = crate::testing::project_texts();
        all.push(names.join(" và "));
        all.push("Đến Đà Nẵng, ở Ấn Độ, đến Ủy Ban Liên Hợp Quốc, Ở Lào; đã được".into());
        // keys in lower case, words of every first byte, NBSP, zero-width space, CRLF
        all.push("của nước ta, cả nước và châu Âu; tại\u{a0}Hà Nội\u{200b}sang Lào\r\n".into());
        all.push(
            (1..=255u8)
                .map(|b| format!("{}x ", char::from(b)))
                .collect(),
        );
        let mut found = 0;
        for t in &all {
            let got = p.mentions(t);
            assert_eq!(got, p.mentions_word_by_word(t));
            found += got.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// The last word read from the end is the last one `for_each_word` finds.
    #[test]
    fn last_word_from_the_end_is_the_last_of_the_pass() {
        let mut all = crate::testing::project_texts();
        all.extend(
            [
                "",
                " ,. ",
                "Hà Nội",
                "đã 12,5%",
                "× ÷ Lào×",
                "a\u{301}b ",
                "x-y—",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for t in &all {
            let cuts = t
                .char_indices()
                .map(|(i, _)| i)
                .step_by(37)
                .chain([t.len()]);
            for cut in cuts {
                let head = &t[..cut];
                let mut slow = None;
                crate::text::for_each_word(head, |a, b| slow = Some((a, b)));
                assert_eq!(last_word_range(head), slow, "cut at {cut}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn prepositions_pass_their_filter() {
        let places = places();
        for p in PLACE_PREPOSITIONS {
            let mut title = p.chars();
            let title: String = title
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(title)
                .collect();
            for w in [p.to_string(), title, p.to_uppercase()] {
                assert!(may_be_preposition(&w), "{w}");
                assert!(places.may_matter(&w), "{w}");
            }
        }
        assert!(!may_be_preposition("của"));
    }

    /// The words and the listed names found with the prefilters are those found without:
    /// at every word of every text of the project, and of every place name in capitals.
    #[test]
    fn place_lookup_shortcuts_change_nothing() {
        let p = places();
        let names = listed_names(|n| format!("tại {n}, {}", n.to_lowercase()));
        let mut all = crate::testing::project_texts();
        all.push(names.join(" và "));
        let mut found = 0;
        for t in &all {
            let ws = words(t);
            let mut slow = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        slow.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            assert_eq!(ws, slow);
            for i in 0..ws.len() {
                let got = p.listed_at(t, &ws, i);
                assert_eq!(got, listed_at_slow(&p, t, &ws, i), "{}", &t[ws[i].0..]);
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn places_named_in_a_sentence() {
        use PlaceKind::*;
        let got = named("Kim ngạch xuất khẩu của tỉnh Long An sang Nhật Bản tăng mạnh.");
        assert_eq!(
            got,
            vec![("Long An".into(), Domestic), ("Nhật Bản".into(), Foreign)]
        );
        // the forms of one place, and the whole country
        let got = named("Thủ đô Hà Nội và TP.HCM dẫn đầu cả nước, Huế đứng sau.");
        assert_eq!(
            got,
            vec![
                ("Hà Nội".into(), Domestic),
                ("Hồ Chí Minh".into(), Domestic),
                ("Việt Nam".into(), National),
                ("Thừa Thiên Huế".into(), Domestic),
            ]
        );
        // the longest name wins: `Lào Cai` is not `Lào`
        assert_eq!(
            named("đoàn của Lào Cai"),
            vec![("Lào Cai".into(), Domestic)]
        );
        assert_eq!(named("hợp tác với Lào"), vec![("Lào".into(), Foreign)]);
    }

    #[test]
    fn words_that_only_look_like_places() {
        // `hòa bình` (peace) in lower case, `Pháp luật` opening a sentence, `Đức` in a name
        assert!(named("lực lượng gìn giữ hòa bình").is_empty());
        assert!(named("Pháp luật được tuân thủ. Ông Nguyễn Minh Đức phát biểu.").is_empty());
    }

    #[test]
    fn unlisted_title_case_run_after_a_preposition() {
        let got = named("phát biểu tại Đại Hội Đồng Liên Hợp Quốc, ký 3 văn kiện");
        assert_eq!(
            got,
            vec![("Đại Hội Đồng Liên Hợp Quốc".into(), PlaceKind::Foreign)]
        );
        // one title-case word is not enough
        assert!(named("đến Hội nghị").is_empty());
    }
}
