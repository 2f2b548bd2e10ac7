//! Comparison keys for words and phrases: NFC, lower case, old and new tone-mark
//! placement folded (`hoà` = `hòa`), spelling variants folded (`tỉ` = `tỷ`, `Liên hiệp
//! quốc` = `Liên hợp quốc`), synonyms of counted nouns folded (`nước` = `quốc gia`).
//! Keys are for matching only; the text a finding points at is never rewritten.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

use crate::rules::TermFile;

/// Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

#[derive(Debug, Clone, Default)]
pub struct Folder {
    /// (variant, preferred), both folded, longest variant first.
    variants: Vec<(String, String)>,
    /// Folded noun -> the folded first word of its synonym set.
    synonyms: HashMap<String, String>,
    /// Indices into `variants` by the first byte of the variant, in `variants` order, so
    /// a word start costs one array lookup instead of a scan of every variant (a variant
    /// matches where the text starts with it, so it has the text's first byte).
    by_byte: Vec<Vec<usize>>,
    /// The first word of each variant (its leading letters and digits): a variant can
    /// match only where a word of the text is one of them.
    first_words: Vec<String>,
    /// Every variant starts with a letter or digit (else `first_words` says nothing).
    word_starts: bool,
    /// Which folder this is (its clones share it): the keys a [`FoldMemo`] keeps from
    /// one document to the next are those of one folder.
    id: u64,
}

/// The `id` of the next folder made (`Folder::default()` is 0).
static NEXT_FOLDER: AtomicU64 = AtomicU64::new(1);

impl Folder {
    pub fn new(terms: &TermFile) -> Folder {
        let mut variants: Vec<(String, String)> = terms
            .term
            .iter()
            .filter(|t| t.fold)
            .flat_map(|t| {
                let preferred = basic(&t.preferred);
                t.variants
                    .iter()
                    .map(move |v| (basic(v), preferred.clone()))
            })
            .filter(|(v, p)| v != p && !v.is_empty())
            .collect();
        variants.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
        let mut synonyms = HashMap::new();
        for set in &terms.synonyms {
            if let Some(first) = set.words.first().map(|w| basic(w)) {
                for w in &set.words {
                    synonyms.insert(basic(w), first.clone());
                }
            }
        }
        let mut by_byte = vec![Vec::new(); 256];
        for (i, (v, _)) in variants.iter().enumerate() {
            if let Some(&b) = v.as_bytes().first() {
                by_byte[usize::from(b)].push(i);
            }
        }
        let mut first_words: Vec<String> = variants
            .iter()
            .map(|(v, _)| v[..crate::text::word_len(v)].to_string())
            .collect();
        first_words.sort_unstable();
        first_words.dedup();
        let word_starts = first_words.iter().all(|w| !w.is_empty());
        Folder {
            variants,
            synonyms,
            by_byte,
            first_words,
            word_starts,
            id: NEXT_FOLDER.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Whether a word (a run of letters and digits) of a key may start a variant.
    fn may_start_variant(&self, word: &str) -> bool {
        !self.word_starts
            || self
                .first_words
                .binary_search_by(|w| w.as_str().cmp(word))
                .is_ok()
    }

    /// The variant of the term list that starts at byte `i` of `base`, if any.
    fn variant_at(&self, base: &str, i: usize) -> Option<&(String, String)> {
        let first = *base.as_bytes().get(i)?;
        self.by_byte[usize::from(first)]
            .iter()
            .map(|&k| &self.variants[k])
            .find(|(v, _)| {
                base[i..].starts_with(v.as_str()) && !crate::text::class_at(base, i + v.len()).0
            })
    }

    /// [`Folder::with_variants`] when a variant can start only at the words of `base`
    /// inside `regions` (byte ranges, in order, none cutting a word): the text between
    /// them is copied as it is.
    fn with_variants_in(&self, base: String, regions: &[(usize, usize)]) -> String {
        // most keys: no word that may start a variant, and nothing to copy
        if regions.is_empty() {
            return base;
        }
        let mut out = String::with_capacity(base.len());
        // `base[..done]` is in `out`
        let mut done = 0;
        for &(a, b) in regions {
            let region = base.get(a..b).unwrap_or_default();
            crate::text::for_each_word(region, |s, e| {
                let at = a + s;
                if at < done || !self.may_start_variant(&region[s..e]) {
                    return;
                }
                if let Some((v, p)) = self.variant_at(&base, at) {
                    out.push_str(base.get(done..at).unwrap_or_default());
                    out.push_str(p);
                    done = at + v.len();
                }
            });
        }
        if done == 0 {
            return base;
        }
        out.push_str(base.get(done..).unwrap_or_default());
        out
    }

    /// The comparison key of a phrase.
    pub fn fold(&self, text: &str) -> String {
        self.with_variants(basic(text))
    }

    /// `base` (a [`basic`] key) with the variants of the term list replaced by their
    /// preferred forms: at each word start, the longest variant that ends at a word end.
    fn with_variants(&self, base: String) -> String {
        if self.variants.is_empty() {
            return base;
        }
        let b = base.as_bytes();
        let mut out = String::with_capacity(base.len());
        let mut i = 0;
        // whether `base[i]` starts a word: the text's start, or after a character that is
        // not a letter or digit
        let mut at_word = true;
        while i < b.len() {
            let hit = if at_word {
                self.by_byte[usize::from(b[i])]
                    .iter()
                    .map(|&k| &self.variants[k])
                    .find(|(v, _)| {
                        base[i..].starts_with(v.as_str())
                            && !crate::text::class_at(&base, i + v.len()).0
                    })
            } else {
                None
            };
            if let Some((v, p)) = hit {
                out.push_str(p);
                i += v.len();
                at_word = !base[..i]
                    .chars()
                    .next_back()
                    .is_some_and(crate::text::is_alphanumeric);
                continue;
            }
            let (alnum, n) = crate::text::class_at(&base, i);
            if alnum {
                // the rest of the word starts nothing: copied as one run
                let end = i + crate::text::word_len(&base[i..]);
                out.push_str(&base[i..end]);
                i = end;
                at_word = false;
            } else {
                let n = n.max(1);
                out.push_str(base.get(i..i + n).unwrap_or_default());
                i += n;
                at_word = true;
            }
        }
        out
    }

    /// The key of a counted noun: folded, then its synonym set's first word.
    pub fn fold_noun(&self, noun: &str) -> String {
        let key = self.fold(noun);
        self.synonyms.get(&key).cloned().unwrap_or(key)
    }
}

/// The keys already made while folding the phrases of one document: of each run of
/// non-space characters (kept from one document to the next, see [`RunKeys`]), and of
/// whole phrases that repeat (subjects, nouns).
#[derive(Debug)]
pub struct FoldMemo<'t> {
    runs: RunKeys,
    /// The bits noted with each run's key, if any.
    tags: Option<&'t dyn RunTags>,
    /// Shared, not copied: a subject recurs in a document, and its facts hold it.
    phrases: FxHashMap<&'t str, Arc<str>>,
    /// The key of each noun, and its tags.
    nouns: FxHashMap<&'t str, (Arc<str>, u128)>,
    scratch: String,
    /// Where the keys that may start a variant are in the key being made.
    regions: Vec<(usize, usize)>,
}

/// The key of each run of non-space characters folded (its part of a [`basic`] key), as
/// a range of `keys`, and whether a word of the key may start a variant of `folder`.
///
/// A document has a few thousand distinct runs, and the documents of a run share most
/// of them: folding a run afresh costs ten times a lookup, so the keys are kept on the
/// thread from one document to the next (`KEPT_RUNS`), up to `MAX_KEPT_RUNS` runs.
#[derive(Debug, Default)]
struct RunKeys {
    /// The `Folder::id` the flags were made with.
    folder: u64,
    /// The `RunTags::id` the tags were made with (0: none).
    tags: u64,
    words: FxHashMap<Box<str>, Run>,
    /// The same for the runs of up to 7 bytes (most syllables), by `short_key`: a
    /// number is hashed and compared in a step, a string is not.
    short: FxHashMap<u64, Run>,
    keys: String,
}

/// What a [`RunKeys`] notes of one run: its key (`keys[a..b]`), whether a word of the
/// key may start a variant, whether the key holds a clause mark, and its tags (of all
/// of the key, and of the part before its first clause mark).
#[derive(Debug, Clone, Copy)]
struct Run {
    a: usize,
    b: usize,
    vary: bool,
    mark: bool,
    tags: KeyTags,
}

/// Bits a [`FoldMemo`] notes with the key of each run (the catalog's alias words), so
/// that the bits of a phrase are read off its runs, not off its words afresh.
pub trait RunTags {
    /// Which tags these are (not 0): run keys kept with other tags are made afresh.
    fn id(&self) -> u64;
    /// The bits of the words of `key`: an OR over its words (`for_each_word`), so that
    /// those of a phrase are the OR over its runs.
    fn tags(&self, key: &str) -> u128;
}

impl std::fmt::Debug for dyn RunTags + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RunTags({})", self.id())
    }
}

/// The tags of a key made by [`FoldMemo::fold_into`]: of all of it, and of the part
/// before its first clause mark (`,` `;` `:`), where a caller cuts a clause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyTags {
    pub all: u128,
    pub to_mark: u128,
}

/// Where the first clause mark of a key is, if any.
fn first_mark(key: &str) -> Option<usize> {
    key.bytes().position(|b| matches!(b, b',' | b';' | b':'))
}

/// The runs a thread keeps past a document: a few times the words of a language.
const MAX_KEPT_RUNS: usize = 1 << 15;

thread_local! {
    /// The run keys of the last document folded on this thread.
    static KEPT_RUNS: Cell<Option<RunKeys>> = const { Cell::new(None) };
}

impl RunKeys {
    /// The keys kept on this thread when they are of `folder` and of tags `tags`, else
    /// none.
    fn kept(folder: &Folder, tags: u64) -> RunKeys {
        match KEPT_RUNS.take() {
            Some(r) if r.folder == folder.id && r.tags == tags => r,
            _ => RunKeys::empty(folder, tags),
        }
    }

    fn empty(folder: &Folder, tags: u64) -> RunKeys {
        RunKeys {
            folder: folder.id,
            tags,
            ..RunKeys::default()
        }
    }

    /// Kept for the next document of the thread, unless grown too large.
    fn keep(self) {
        if self.words.len() + self.short.len() <= MAX_KEPT_RUNS {
            KEPT_RUNS.set(Some(self));
        }
    }
}

impl Drop for FoldMemo<'_> {
    fn drop(&mut self) {
        std::mem::take(&mut self.runs).keep();
    }
}

impl<'t> FoldMemo<'t> {
    /// A memo for the phrases of one document, folded by `folder` (every call is given
    /// this folder), with the run keys the thread kept; no tags (for tests: the checks
    /// use [`FoldMemo::tagged`]).
    #[cfg(test)]
    pub fn new(folder: &Folder) -> FoldMemo<'t> {
        FoldMemo::with_runs(RunKeys::kept(folder, 0), None)
    }

    /// [`FoldMemo::new`] that notes `tags` with each run's key, for
    /// [`FoldMemo::fold_into`] to give the tags of each key it makes.
    pub fn tagged(folder: &Folder, tags: &'t dyn RunTags) -> FoldMemo<'t> {
        FoldMemo::with_runs(RunKeys::kept(folder, tags.id()), Some(tags))
    }

    /// [`FoldMemo::new`] with no run keys kept (for tests).
    #[cfg(test)]
    fn fresh(folder: &Folder, tags: Option<&'t dyn RunTags>) -> FoldMemo<'t> {
        let id = tags.map_or(0, |t| t.id());
        FoldMemo::with_runs(RunKeys::empty(folder, id), tags)
    }

    fn with_runs(runs: RunKeys, tags: Option<&'t dyn RunTags>) -> FoldMemo<'t> {
        FoldMemo {
            runs,
            tags,
            phrases: FxHashMap::default(),
            nouns: FxHashMap::default(),
            scratch: String::new(),
            regions: Vec::new(),
        }
    }

    /// `folder.fold(text)`.
    pub fn fold(&mut self, folder: &Folder, text: &'t str) -> String {
        let mut key = String::with_capacity(text.len());
        self.fold_into(folder, text, &mut key);
        key
    }

    /// `folder.fold(text)` written into `key` (cleared first, so that a caller reuses
    /// one buffer), with its tags (all 0 for a memo not `tagged`).
    pub fn fold_into(&mut self, folder: &Folder, text: &'t str, key: &mut String) -> KeyTags {
        key.clear();
        // a slice of an NFC text is NFC, and its key is that of its runs one by one
        if !is_nfc(text) {
            *key = folder.fold(text);
            return self.tags_of(key);
        }
        self.regions.clear();
        let mut tags = KeyTags::default();
        let mut marked = false;
        for raw in runs(text) {
            let run = self.word(folder, raw);
            let part = self.runs.keys.get(run.a..run.b).unwrap_or_default();
            if part.is_empty() {
                continue;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            let a = key.len();
            key.push_str(part);
            if run.vary {
                self.regions.push((a, key.len()));
            }
            tags.all |= run.tags.all;
            // the runs are joined by spaces: the first mark is in the first run with one
            if !marked {
                tags.to_mark |= run.tags.to_mark;
                marked = run.mark;
            }
        }
        if !folder.word_starts {
            *key = folder.with_variants(std::mem::take(key));
            return self.tags_of(key);
        }
        // most phrases have no word a variant starts with: `regions` is empty
        if self.regions.is_empty() {
            return tags;
        }
        *key = folder.with_variants_in(std::mem::take(key), &self.regions);
        // a variant replaced changes the words: their tags read afresh
        self.tags_of(key)
    }

    /// The tags of a key read off its words.
    fn tags_of(&self, key: &str) -> KeyTags {
        tags_of(self.tags, key)
    }

    /// `folder.fold(text)`, remembered whole.
    pub fn fold_phrase(&mut self, folder: &Folder, text: &'t str) -> Arc<str> {
        if let Some(key) = self.phrases.get(text) {
            return key.clone();
        }
        let key: Arc<str> = self.fold(folder, text).into();
        self.phrases.insert(text, key.clone());
        key
    }

    /// `folder.fold_noun(noun)`, remembered whole, with the tags of the key.
    pub fn fold_noun(&mut self, folder: &Folder, noun: &'t str) -> (Arc<str>, u128) {
        if let Some(key) = self.nouns.get(noun) {
            return key.clone();
        }
        let key = self.fold(folder, noun);
        let key: Arc<str> = folder.synonyms.get(&key).cloned().unwrap_or(key).into();
        let tagged = (key.clone(), self.tags_of(&key).all);
        self.nouns.insert(noun, tagged.clone());
        tagged
    }

    /// The key of one run of an NFC text (a range of `runs.keys`), and what is noted
    /// with it.
    fn word(&mut self, folder: &Folder, raw: &str) -> Run {
        debug_assert_eq!(self.runs.folder, folder.id, "a memo folds with one folder");
        let runs = &mut self.runs;
        let short = short_key(raw);
        let known = match short {
            Some(k) => runs.short.get(&k),
            None => runs.words.get(raw),
        };
        if let Some(&r) = known {
            return r;
        }
        let a = runs.keys.len();
        self.scratch.clear();
        push_raw(raw, &mut self.scratch);
        let mut vary = false;
        crate::text::for_each_word(&self.scratch, |s, e| {
            vary |= folder.may_start_variant(&self.scratch[s..e]);
        });
        runs.keys.push_str(&self.scratch);
        let r = Run {
            a,
            b: runs.keys.len(),
            vary,
            mark: first_mark(&self.scratch).is_some(),
            tags: tags_of(self.tags, &self.scratch),
        };
        match short {
            Some(k) => runs.short.insert(k, r),
            None => runs.words.insert(raw.into(), r),
        };
        r
    }
}

/// The tags of a key read off its words by `tags` (none: 0).
fn tags_of(tags: Option<&dyn RunTags>, key: &str) -> KeyTags {
    let Some(t) = tags else {
        return KeyTags::default();
    };
    let all = t.tags(key);
    KeyTags {
        all,
        to_mark: match first_mark(key) {
            Some(m) => t.tags(&key[..m]),
            None => all,
        },
    }
}

/// A run of up to 7 bytes as one number: its bytes, and its length in the top byte (so
/// that `a` and `a\0` differ); `None` for a longer run.
fn short_key(raw: &str) -> Option<u64> {
    let b = raw.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut key = (b.len() as u64) << 56;
    for (i, &x) in b.iter().enumerate() {
        key |= u64::from(x) << (8 * i);
    }
    Some(key)
}

/// The runs of non-space characters of `text`: `text.split_whitespace()`, read by
/// bytes. Only ASCII and the characters with lead byte 0xC2, 0xE1, 0xE2 or 0xE3 can be
/// white space, so most letters of Vietnamese (0xC3..0xC6 lead bytes) are passed by
/// their lead byte alone, and only the others are decoded.
pub(crate) fn runs(text: &str) -> Runs<'_> {
    Runs { text, at: 0 }
}

pub(crate) struct Runs<'t> {
    text: &'t str,
    /// Where the rest of the text starts.
    at: usize,
}

impl<'t> Iterator for Runs<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let t = self.text;
        let mut start = None;
        let mut i = self.at;
        while i < t.len() {
            let (space, n) = space_at(t, i);
            match (space, start) {
                (true, Some(s)) => {
                    self.at = i + n;
                    return t.get(s..i);
                }
                (false, None) => start = Some(i),
                _ => {}
            }
            i += n;
        }
        self.at = t.len();
        start.and_then(|s| t.get(s..))
    }
}

/// Whether the character at byte `i` (a char boundary) of `t` is white space, and its
/// length in bytes.
fn space_at(t: &str, i: usize) -> (bool, usize) {
    match t.as_bytes().get(i).copied().unwrap_or(0) {
        b @ 0..=0x7f => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        // most letters of Vietnamese with a tone mark (U+1E00..U+1EFF): no white space
        // has lead byte 0xE1 but U+1680 (E1 9A 80), so the others are not decoded
        0xe1 if t.as_bytes().get(i + 1) != Some(&0x9a) => (false, 3),
        // U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000: decoded
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let c = t.get(i..).and_then(|r| r.chars().next());
            (
                c.is_some_and(char::is_whitespace),
                c.map_or(1, char::len_utf8),
            )
        }
        0xc0..=0xdf => (false, 2),
        0xe0..=0xef => (false, 3),
        _ => (false, 4),
    }
}

/// NFC, lower case, tone marks placed one way, spaces collapsed, punctuation dropped but
/// for clause marks (`,` `;` `:`), which stay as words of their own so callers can tell
/// clauses apart.
pub fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // text read from documents is NFC already: composed again only when it is not
    if is_nfc(text) {
        basic_into(text, &mut out);
    } else {
        basic_into(&text.nfc().collect::<String>(), &mut out);
    }
    out
}

/// [`basic`] of `text`, written into `out` (cleared first), so that a caller folding
/// many words reuses one buffer.
pub(crate) fn basic_in(text: &str, out: &mut String) {
    out.clear();
    if is_nfc(text) {
        basic_into(text, out);
    } else {
        basic_into(&text.nfc().collect::<String>(), out);
    }
}

/// [`basic`] of an NFC text, appended to `out`.
fn basic_into(text: &str, out: &mut String) {
    for raw in text.split_whitespace() {
        push_raw(raw, out);
    }
}

/// The key of one run of non-space characters of an NFC text, appended to `out` after a
/// space when `out` is not empty: the run without the punctuation around it, lower case,
/// tone placed one way; then the first clause mark after it, if any.
fn push_raw(raw: &str, out: &mut String) {
    // the word: from the first letter or digit to the end of the last one
    let (mut start, mut end) = (None, 0);
    let mut i = 0;
    while i < raw.len() {
        let (alnum, n) = crate::text::class_at(raw, i);
        let n = n.max(1);
        if alnum {
            start.get_or_insert(i);
            end = i + n;
        }
        i += n;
    }
    if let Some(start) = start {
        let word = &raw[start..end];
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            // no tone mark to place: lower-cased straight into the key
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            // most words are short: lower-cased on the stack
            let mut buf = [0u8; 64];
            let lowered =
                crate::text::lower_into(word, &mut buf).and_then(|l| std::str::from_utf8(l).ok());
            match lowered {
                Some(l) if tone_is_placed(l) => out.push_str(l),
                Some(l) => out.push_str(&fold_tone(l)),
                None => out.push_str(&fold_tone(&crate::text::lower_str(word))),
            }
        }
    }
    if let Some(mark) = raw[end..].bytes().find(|c| matches!(c, b',' | b';' | b':')) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(char::from(mark));
    }
}

/// Whether `text` is NFC by the quick check. The letters Vietnamese is written with
/// (U+00C0..U+023F, U+1E00..U+1EFF) are all composed starters, told by their lead
/// bytes; the tables are read only for a text with other characters.
fn is_nfc(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0..=0x7f => i += 1,
            0xc3..=0xc8 => i += 2,
            0xe1 if matches!(b.get(i + 1), Some(0xb8..=0xbb)) => i += 3,
            _ => {
                return unicode_normalization::is_nfc_quick(text.chars())
                    == unicode_normalization::IsNormalized::Yes;
            }
        }
    }
    true
}

/// Whether `text` lower-cased may have the word `tháng` or `nửa`: it has `h` or `H`
/// before `á` or `Á`, or `n` or `N` before `ử` or `Ử` (no other characters lower-case
/// to these). A scan of bytes, for callers that would lower-case a text to look.
pub(crate) fn may_have_thang_or_nua(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xc3, 0xe1, b).any(|i| {
        // ASCII `H` and `N` lower-case by this bit
        let prev = i.checked_sub(1).and_then(|j| b.get(j)).map(|x| x | 0x20);
        match (b.get(i + 1), b.get(i + 2)) {
            (Some(0xa1 | 0x81), _) if b[i] == 0xc3 => prev == Some(b'h'),
            (Some(0xbb), Some(0xac | 0xad)) if b[i] == 0xe1 => prev == Some(b'n'),
            _ => false,
        }
    })
}

/// Put the tone mark of an open `oa`, `oe`, `uy` syllable on its second vowel, so the
/// old (`hòa`, `thủy`) and new (`hoà`, `thuỷ`) placements give one key.
pub fn fold_tone(word: &str) -> String {
    if tone_is_placed(word) {
        return word.to_string();
    }
    let chars: Vec<char> = word.nfd().collect();
    match open_pair(&chars) {
        Some(p) if p.tone_at < p.second => move_tone(&chars, p, TonePlace::New),
        _ => word.nfc().collect(),
    }
}

/// Whether [`fold_tone`] leaves `word` as it is: ASCII (no tone marks, its own NFC), or
/// an NFC word that does not end in an open pair (most words).
fn tone_is_placed(word: &str) -> bool {
    if word.is_ascii() {
        return true;
    }
    let mut last = word.chars().rev().map(toned_vowel);
    let open = matches!(
        (last.next(), last.next()),
        (Some(Some('a' | 'e')), Some(Some('o'))) | (Some(Some('y')), Some(Some('u')))
    );
    !open && !word.ends_with(|c: char| ('\u{300}'..='\u{36f}').contains(&c)) && is_nfc(word)
}

/// The plain vowel under a tone mark (`ọ` -> `o`), for the vowels of the open pairs; `None`
/// for any other character (`ô`, `ơ`, `ư` are other vowels).
fn toned_vowel(c: char) -> Option<char> {
    Some(match crate::text::lower(c) {
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' => 'o',
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' => 'u',
        'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' => 'a',
        'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' => 'e',
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        _ => return None,
    })
}

/// Where the tone mark of an open `oa`, `oe`, `uy` syllable stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TonePlace {
    /// On the first vowel: `hòa`, `khỏe`, `thủy`.
    Old,
    /// On the second vowel: `hoà`, `khoẻ`, `thuỷ`.
    New,
}

/// The tone placement of a word (any case, NFC or NFD) that ends in an open `oa`, `oe`
/// or `uy` with a tone mark on it; `None` for any other word. `quý` is `None`: after `q`
/// the `u` belongs to the consonant and the mark stands on `y` either way.
pub fn tone_place(word: &str) -> Option<TonePlace> {
    let chars: Vec<char> = word.nfd().collect();
    style_pair(&chars).map(|p| p.place())
}

/// The word (NFC) with the tone mark of its open `oa`, `oe`, `uy` placed `to`; `None`
/// when [`tone_place`] is `None`.
pub fn place_tone(word: &str, to: TonePlace) -> Option<String> {
    let chars: Vec<char> = word.nfd().collect();
    style_pair(&chars).map(|p| move_tone(&chars, p, to))
}

/// An open pair at the end of a word, as indices into its NFD characters.
#[derive(Debug, Clone, Copy)]
struct OpenPair {
    first: usize,
    second: usize,
    tone_at: usize,
}

impl OpenPair {
    fn place(self) -> TonePlace {
        if self.tone_at < self.second {
            TonePlace::Old
        } else {
            TonePlace::New
        }
    }
}

/// The last two letters (ignoring tone marks) are o+a, o+e or u+y, with no final
/// consonant, and the word's tone mark is on one of them.
fn open_pair(chars: &[char]) -> Option<OpenPair> {
    let tone_at = chars.iter().position(|c| TONES.contains(c))?;
    let mut base = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !TONES.contains(c))
        .map(|(i, c)| (i, c.to_ascii_lowercase()));
    let (second, b) = base.next_back()?;
    let (first, a) = base.next_back()?;
    let pair = matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    (pair && first <= tone_at).then_some(OpenPair {
        first,
        second,
        tone_at,
    })
}

/// [`open_pair`] where the placement is a matter of style: not `qu` + `y`.
fn style_pair(chars: &[char]) -> Option<OpenPair> {
    let p = open_pair(chars)?;
    let before = p.first.checked_sub(1).and_then(|i| chars.get(i));
    let qu = chars[p.first].eq_ignore_ascii_case(&'u')
        && before.is_some_and(|c| c.eq_ignore_ascii_case(&'q'));
    (!qu).then_some(p)
}

fn move_tone(chars: &[char], p: OpenPair, to: TonePlace) -> String {
    let tone = chars[p.tone_at];
    let mut moved: Vec<char> = chars
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != p.tone_at)
        .map(|(_, c)| *c)
        .collect();
    match to {
        // right after the first vowel (an open o/u carries no other mark)
        TonePlace::Old => moved.insert(p.first + 1, tone),
        TonePlace::New => moved.push(tone),
    }
    moved.into_iter().nfc().collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn folder() -> Folder {
        Folder::new(&RuleSet::embedded().expect("rules").terms)
    }

    /// `basic` as it was written first: by `char`, a `String` per word.
    fn basic_by_chars(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let push = |token: &str, out: &mut String| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(token);
        };
        let composed: String = text.nfc().collect();
        for raw in composed.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() {
                let chars: Vec<char> = word.to_lowercase().nfd().collect();
                let key = match open_pair(&chars) {
                    Some(p) if p.tone_at < p.second => move_tone(&chars, p, TonePlace::New),
                    _ => chars.iter().copied().nfc().collect(),
                };
                push(&key, &mut out);
            }
            let tail = &raw[raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..];
            if let Some(mark) = tail.chars().find(|c| matches!(c, ',' | ';' | ':')) {
                push(mark.encode_utf8(&mut [0; 4]), &mut out);
            }
        }
        out
    }

    /// `Folder::fold` as it was written first: every variant tried at every word start,
    /// character by character.
    fn fold_by_chars(f: &Folder, text: &str) -> String {
        let base = basic_by_chars(text);
        let mut out = String::new();
        let mut i = 0;
        while i < base.len() {
            let at_word = base[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let hit = f.variants.iter().find(|(v, _)| {
                at_word
                    && base[i..].starts_with(v.as_str())
                    && !base[i + v.len()..].starts_with(char::is_alphanumeric)
            });
            match hit {
                Some((v, p)) => {
                    out.push_str(p);
                    i += v.len();
                }
                None => {
                    let c = base[i..].chars().next().unwrap_or(' ');
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        out
    }

    /// The byte-level `basic` and variant pass give the keys of the char-by-char ones,
    /// line by line and for whole texts, on every text of the project and on odd cases.
    #[test]
    fn fast_fold_is_the_fold_by_chars() {
        let f = folder();
        let mut all = crate::testing::project_texts();
        assert!(all.len() > 100, "only {} texts found", all.len());
        let nfd: String = "Hòa bình, THỦY LỢI: khỏe; Liên hiệp quốc".nfd().collect();
        all.extend(
            [
                nfd.as_str(),
                "İstanbul KELVIN \u{212a} Σίσυφος ΣΑΣ",
                "“Liên hiệp quốc”, (tỉ) ; : ,, Mê Kông–Covid-19 COP 26",
                "x\u{301}y hoa\u{300} quy\u{309}; ÀÁÂÃ ĐƠƯ ẠỸ×÷",
                "",
                " , ",
            ]
            .map(String::from),
        );
        let mut lines = 0;
        for t in &all {
            assert_eq!(basic(t), basic_by_chars(t));
            assert_eq!(f.fold(t), fold_by_chars(&f, t));
            for line in t.lines() {
                assert_eq!(f.fold(line), fold_by_chars(&f, line), "{line}");
                lines += 1;
            }
        }
        assert!(lines > 5_000, "{lines}");
    }

    /// The runs read by bytes are those `split_whitespace` finds: on every text of the
    /// project, and on mixes of every white space character with letters that share
    /// their lead bytes.
    #[test]
    fn runs_by_bytes_are_split_whitespace() {
        let mut all = crate::testing::project_texts();
        let spaces = "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}\u{2005}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";
        // not white space, with the same lead bytes: `¢`, `ạ`, `ỹ`, `‐`, zero width space, `、`
        // and of lead byte 0xE1 too: U+180E (white space no more), U+1681, U+1000
        let others =
            "a\u{a2}\u{1ea1}\u{1ef9}\u{2010}\u{200b}\u{3001}\u{1c}é\u{180e}\u{1681}\u{1000}";
        let (sp, ot): (Vec<char>, Vec<char>) = (spaces.chars().collect(), others.chars().collect());
        for k in 0..400 {
            let mix: String = (0..k % 23)
                .map(|j| {
                    if (j * 7 + k) % 3 == 0 {
                        sp[(j + k) % sp.len()]
                    } else {
                        ot[(j * 5 + k) % ot.len()]
                    }
                })
                .collect();
            all.push(mix);
        }
        all.push(format!("{spaces}{others}{spaces}"));
        let mut count = 0;
        for t in &all {
            assert!(runs(t).eq(t.split_whitespace()), "{t:?}");
            count += runs(t).count();
        }
        assert!(count > 50_000, "{count}");
    }

    /// Folding through the memo of a document gives the keys folding each phrase alone
    /// gives: every line of every text of the project, cut at every few characters.
    #[test]
    fn memo_fold_is_the_fold() {
        let f = folder();
        let mut all = crate::testing::project_texts();
        // every variant of the term list, in running text
        let variants: Vec<String> = f
            .variants
            .iter()
            .flat_map(|(v, p)| {
                [
                    format!("có {v}, {p} và {}", v.to_uppercase()),
                    format!("({v})"),
                ]
            })
            .collect();
        all.push(variants.join(" "));
        all.push("400 tỉ đô la Mỹ; Liên hiệp quốc: COP 26, tỷ mỉ; Covid-19 COP-26x".to_string());
        // runs of 7 and 8 bytes, with NUL bytes, zero width spaces, NBSP, CRLF, NFD
        all.push(
            "abcdefg abcdefgh a a\0 a\0\0 \0 tỷ\u{200b}tỉ Hà\u{a0}Nội\r\nnghiệp nghiê\u{323}p 99999999999999999999"
                .to_string(),
        );
        let mut cuts = 0;
        for t in &all {
            let mut memo = FoldMemo::new(&f);
            for line in t.lines() {
                assert_eq!(memo.fold(&f, line), f.fold(line), "{line}");
                assert_eq!(*memo.fold_phrase(&f, line), f.fold(line), "{line}");
                // slices cut inside words and between them, as the text before and after a
                // figure are
                let bounds: Vec<usize> = (0..=line.len())
                    .filter(|&i| line.is_char_boundary(i))
                    .step_by(4)
                    .collect();
                for w in bounds.windows(3) {
                    let part = &line[w[0]..w[2]];
                    assert_eq!(memo.fold(&f, part), f.fold(part), "{part}");
                    cuts += 1;
                }
            }
            for noun in [
                "nước",
                "quốc gia",
                "Quốc gia",
                "nước và vùng lãnh thổ",
                "lượt",
            ] {
                assert_eq!(memo.fold_noun(&f, noun), (f.fold_noun(noun).into(), 0));
            }
        }
        assert!(cuts > 60_000, "{cuts}");
        // a text not in NFC is folded as a whole
        let nfd: String = "Hòa bình Liên hiệp quốc".nfd().collect();
        let mut memo = FoldMemo::new(&f);
        assert_eq!(memo.fold(&f, &nfd), f.fold("Hòa bình Liên hiệp quốc"));
    }

    /// The tags a memo gives with a key are those read off the key's words, of all of
    /// it and of the part before its first clause mark: every line of every text of the
    /// project, cut at every few characters, with variants of the term list, clause
    /// marks inside and around words, NFD, NBSP, zero-width spaces and CRLF; memos kept
    /// on the thread and fresh ones, tagged and not taking turns.
    #[test]
    fn memo_tags_are_those_of_the_words() {
        let rules = RuleSet::embedded().expect("rules");
        let f = folder();
        let catalog = crate::checks::metrics::Catalog::new(&rules, &f);
        let read = |key: &str| KeyTags {
            all: catalog.tags(key),
            to_mark: catalog.tags(&key[..first_mark(key).unwrap_or(key.len())]),
        };
        let mut all = crate::testing::project_texts();
        let variants: Vec<String> = f
            .variants
            .iter()
            .map(|(v, p)| format!("xuất khẩu {v}, {p}; FDI:{v}"))
            .collect();
        all.push(variants.join(" "));
        let nfd: String = "vốn FDI, hòa bình".nfd().collect();
        all.push(format!(
            "{nfd} xuất,khẩu ,FDI; vốn:đầu tư,, :; Liên hiệp quốc\u{a0}xuất\u{200b}khẩu\r\nFDI"
        ));
        let (mut cuts, mut tagged) = (0, 0);
        for (k, t) in all.iter().enumerate() {
            let mut memo = match k % 3 {
                0 => FoldMemo::tagged(&f, &catalog),
                1 => FoldMemo::fresh(&f, Some(&catalog)),
                _ => FoldMemo::new(&f),
            };
            let on = k % 3 != 2;
            let mut key = String::new();
            for line in t.lines() {
                let bounds: Vec<usize> = (0..=line.len())
                    .filter(|&i| line.is_char_boundary(i))
                    .step_by(5)
                    .collect();
                let parts = bounds.windows(3).map(|w| &line[w[0]..w[2]]);
                for part in std::iter::once(line).chain(parts) {
                    let tags = memo.fold_into(&f, part, &mut key);
                    assert_eq!(key, f.fold(part), "{part}");
                    let want = if on { read(&key) } else { KeyTags::default() };
                    assert_eq!(tags, want, "{part}");
                    cuts += 1;
                    tagged += usize::from(tags.to_mark != tags.all);
                }
            }
        }
        assert!(cuts > 60_000 && tagged > 500, "{cuts} {tagged}");
    }

    /// The run keys a thread keeps from one document to the next give the keys a memo
    /// of its own gives: memos made one after another on every text of the project,
    /// with two folders of other variants taking turns (a key kept for one is not the
    /// key of the other), and past the size at which the keys are dropped.
    #[test]
    fn run_keys_kept_across_documents_are_made_afresh() {
        use crate::rules::{TermEntry, TermFile};
        let embedded = folder();
        // `năm` and `tỉnh` start variants here only: their flags differ between folders
        let other = Folder::new(&TermFile {
            term: vec![TermEntry {
                preferred: "year".into(),
                variants: vec!["năm".into(), "tỉnh thành".into()],
                fold: true,
            }],
            synonyms: Vec::new(),
        });
        let mut all = crate::testing::project_texts();
        // more distinct runs than are kept: the keys are dropped, and made again
        all.push((0..MAX_KEPT_RUNS + 10).map(|i| format!("w{i} ")).collect());
        all.extend(
            [
                "",
                "năm tỉnh thành\u{a0}năm\r\n",
                "tỷ\u{200b}tỉ hoa\u{300} 1e999999",
            ]
            .map(String::from),
        );
        let mut lines = 0;
        for (k, t) in all.iter().enumerate() {
            let f = if k % 3 == 1 { &other } else { &embedded };
            let mut kept = FoldMemo::new(f);
            let mut fresh = FoldMemo::fresh(f, None);
            for line in t.lines() {
                let want = f.fold(line);
                assert_eq!(kept.fold(f, line), want, "{line}");
                assert_eq!(fresh.fold(f, line), want, "{line}");
                lines += 1;
            }
        }
        assert!(lines > 5_000, "{lines}");
        assert_ne!(
            embedded.fold("năm tỉnh thành"),
            other.fold("năm tỉnh thành")
        );
    }

    /// Every line of the project whose lower-cased words include `tháng` or `nửa`, in
    /// its own case or upper case, passes the byte scan; a line without them mostly not.
    #[test]
    fn thang_or_nua_scan_misses_none() {
        let has = |t: &str| {
            crate::text::lower_str(t)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "tháng" || w == "nửa")
        };
        let (mut with, mut without, mut passed) = (0, 0, 0);
        for t in crate::testing::project_texts() {
            for line in t.lines() {
                for l in [line.to_string(), line.to_uppercase()] {
                    if has(&l) {
                        assert!(may_have_thang_or_nua(&l), "{l}");
                        with += 1;
                    } else {
                        without += 1;
                        passed += usize::from(may_have_thang_or_nua(&l));
                    }
                }
            }
        }
        assert!(
            with > 100 && passed < without / 2,
            "{with} {without} {passed}"
        );
        assert!(may_have_thang_or_nua("Nửa đầu năm") && may_have_thang_or_nua("THÁNG"));
        assert!(!may_have_thang_or_nua("thang máy, nữa"));
    }

    /// The letters `is_nfc` passes without the tables are composed starters.
    #[test]
    fn letters_told_by_lead_byte_are_nfc() {
        let ranges = [0xc0..=0x23f_u32, 0x1e00..=0x1eff];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            let s = format!("{c}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(s.chars()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert!(is_nfc(&s));
        }
        assert!(!is_nfc("hoa\u{300}"));
    }

    /// The shortcut for words without an open pair gives what the full path gives.
    #[test]
    fn fold_tone_shortcut_is_the_full_path() {
        let slow = |w: &str| {
            let chars: Vec<char> = w.nfd().collect();
            match open_pair(&chars) {
                Some(p) if p.tone_at < p.second => move_tone(&chars, p, TonePlace::New),
                _ => w.nfc().collect::<String>(),
            }
        };
        let letters = [
            "o", "ò", "ọ", "u", "ủ", "ơ", "ô", "ư", "a", "á", "e", "ẻ", "y", "ỳ", "i", "h", "q",
            "ng", "Ò", "Ủ",
        ];
        for a in letters {
            for b in letters {
                for c in letters {
                    let w = format!("{a}{b}{c}");
                    assert_eq!(fold_tone(&w), slow(&w), "{w}");
                    let d: String = w.nfd().collect();
                    assert_eq!(fold_tone(&d), slow(&d), "{w} in NFD");
                }
            }
        }
    }

    #[test]
    fn old_and_new_tone_marks_fold_together() {
        assert_eq!(fold_tone("hòa"), fold_tone("hoà"));
        assert_eq!(fold_tone("thủy"), fold_tone("thuỷ"));
        assert_eq!(fold_tone("khỏe"), fold_tone("khoẻ"));
        // a final consonant fixes the place of the mark: nothing to fold
        assert_eq!(fold_tone("hoàng"), "hoàng");
        assert_ne!(fold_tone("hòa"), fold_tone("hoa"));
    }

    #[test]
    fn variants_and_case_fold() {
        let f = folder();
        assert_eq!(f.fold("400 tỉ đô la"), f.fold("400 tỷ đô la"));
        assert_eq!(f.fold("Liên hiệp quốc"), f.fold("Liên hợp quốc"));
        assert_eq!(f.fold("năm ngàn"), "năm nghìn");
        // inside a word nothing is replaced
        assert_eq!(f.fold("tỉnh"), "tỉnh");
    }

    #[test]
    fn nfd_input_folds_to_the_same_key() {
        let f = folder();
        let nfd: String = "quan hệ ngoại giao".nfd().collect();
        assert_eq!(f.fold(&nfd), f.fold("quan hệ ngoại giao"));
    }

    #[test]
    fn clause_marks_survive_folding() {
        assert_eq!(basic("Năm 2023, FDI đạt"), "năm 2023 , fdi đạt");
        assert_eq!(basic("“Hòa bình”."), fold_tone("hòa") + " bình");
    }

    #[test]
    fn synonyms_of_counted_nouns() {
        let f = folder();
        assert_eq!(f.fold_noun("nước"), f.fold_noun("quốc gia"));
        assert_ne!(
            f.fold_noun("nước và vùng lãnh thổ"),
            f.fold_noun("quốc gia")
        );
    }
}
