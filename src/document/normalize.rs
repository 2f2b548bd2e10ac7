//! Character-level normalisation of runs of source text, and the map from the normalised
//! text back to source bytes.
//!
//! A run is normalised as: invisible characters (zero-width, soft hyphen, bidi controls,
//! a BOM, C0/C1 controls) dropped; Unicode spaces and tabs to ' '; CR LF and lone CR to
//! LF; then NFC per cluster (a starter and the marks that may compose with it), so a
//! composed character maps to exactly the source bytes of its parts.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

mod lane;

/// How a piece of text relates to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A verbatim copy: offsets inside map one to one.
    Identity,
    /// Maps only as a whole (one replaced character, an entity, a composed cluster).
    Replaced,
    /// `Normalizer::push_fine` of the source piece; offsets inside are found by running
    /// it again. Keeps the map small where nearly every character changes (NFD files).
    Normalized,
}

/// One piece of the map: `text_len` bytes of text at `text_start` came from `src_len`
/// bytes of source at `src_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    text_start: u32,
    src_start: u32,
    text_len: u32,
    src_len: u32,
    kind: Kind,
}

impl Seg {
    fn text_start(&self) -> usize {
        self.text_start as usize
    }
    fn text_end(&self) -> usize {
        self.text_start as usize + self.text_len as usize
    }
    fn src_start(&self) -> usize {
        self.src_start as usize
    }
    fn src_end(&self) -> usize {
        self.src_start as usize + self.src_len as usize
    }

    /// Source of the text range `r`, clipped to this piece. An empty `r` gives the
    /// point where that text position maps.
    fn resolve<S: SourceText + ?Sized>(&self, r: Range<usize>, source: &S) -> Range<usize> {
        let start = r.start.clamp(self.text_start(), self.text_end());
        let end = r.end.clamp(start, self.text_end());
        match self.kind {
            Kind::Identity => {
                let a = self.src_start() + (start - self.text_start());
                a..a + (end - start)
            }
            Kind::Replaced if start == end && start >= self.text_end() => {
                self.src_end()..self.src_end()
            }
            Kind::Replaced if start == end => self.src_start()..self.src_start(),
            Kind::Replaced => self.src_start()..self.src_end(),
            Kind::Normalized => {
                let whole = self.src_start()..self.src_end();
                let Some(s) = source.get(whole.clone()) else {
                    return whole;
                };
                let mut text = String::with_capacity(self.text_len as usize);
                let mut map = OffsetMap::default();
                Normalizer::default().push_fine(&mut text, &mut map, &s, 0);
                if text.len() != self.text_len as usize {
                    return whole;
                }
                let local = start - self.text_start()..end - self.text_start();
                let r = map.source_range(&text, local, &*s);
                r.start + whole.start..r.end + whole.start
            }
        }
    }
}

/// What `OffsetMap::source_range` reads of a source: the text itself, or a view of it
/// while it is shelved (`view::SourceView`).
pub(crate) trait SourceText {
    fn len(&self) -> usize;
    fn get(&self, r: Range<usize>) -> Option<Cow<'_, str>>;
}

impl SourceText for str {
    fn len(&self) -> usize {
        str::len(self)
    }
    fn get(&self, r: Range<usize>) -> Option<Cow<'_, str>> {
        str::get(self, r).map(Cow::Borrowed)
    }
}

impl SourceText for String {
    fn len(&self) -> usize {
        String::len(self)
    }
    fn get(&self, r: Range<usize>) -> Option<Cow<'_, str>> {
        self.as_str().get(r).map(Cow::Borrowed)
    }
}

/// Offsets are stored as u32 to keep the map small; the loader refuses files whose text
/// could outgrow that (see `MAX_SOURCE_LEN`).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Sorted, non-overlapping pieces of text that came from the source. Text that is in no
/// piece (block separators, soft-break spaces) was inserted by the loader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    segs: Vec<Seg>,
}

impl OffsetMap {
    pub(crate) fn push_identity(&mut self, text_start: usize, src_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut()
            && last.kind == Kind::Identity
            && last.text_end() == text_start
            && last.src_end() == src_start
        {
            last.text_len = small(last.text_len as usize + len);
            last.src_len = small(last.src_len as usize + len);
            return;
        }
        self.segs.push(Seg {
            text_start: small(text_start),
            src_start: small(src_start),
            text_len: small(len),
            src_len: small(len),
            kind: Kind::Identity,
        });
    }

    pub(crate) fn push_replaced(&mut self, text: Range<usize>, src: Range<usize>) {
        self.push_kind(text, src, Kind::Replaced);
    }

    fn push_kind(&mut self, text: Range<usize>, src: Range<usize>, kind: Kind) {
        if text.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text_start: small(text.start),
            src_start: small(src.start),
            text_len: small(text.len()),
            src_len: small(src.end.saturating_sub(src.start)),
            kind,
        });
    }

    fn append(&mut self, other: &OffsetMap) {
        for s in &other.segs {
            match s.kind {
                Kind::Identity => {
                    self.push_identity(s.text_start(), s.src_start(), s.text_len as usize)
                }
                _ => self.segs.push(*s),
            }
        }
    }

    /// `(text_start, src_start, len)` of every verbatim copy, in text order.
    pub(crate) fn copies(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.segs
            .iter()
            .filter(|s| s.kind == Kind::Identity)
            .map(|s| (s.text_start(), s.src_start(), s.text_len as usize))
    }

    /// Frees the room the map grew into: it lives as long as its document.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.segs.shrink_to_fit();
    }

    /// Drops the map beyond text length `len` (`source` is the text it maps to). A
    /// replaced piece cannot be cut, so the length actually kept (>= `len`) is returned;
    /// the caller truncates the text to it.
    pub(crate) fn truncate(&mut self, len: usize, source: &str) -> usize {
        while let Some(last) = self.segs.last().copied() {
            if last.text_start() >= len {
                self.segs.pop();
            } else if last.text_end() <= len {
                return len;
            } else if last.kind == Kind::Identity {
                let keep = small(len - last.text_start());
                if let Some(l) = self.segs.last_mut() {
                    l.text_len = keep;
                    l.src_len = keep;
                }
                return len;
            } else if last.kind != Kind::Normalized || !self.refine_last(source) {
                return last.text_end();
            }
        }
        len
    }

    /// Replaces a trailing `Normalized` piece by its fine pieces.
    fn refine_last(&mut self, source: &str) -> bool {
        let Some(seg) = self.segs.last().copied() else {
            return false;
        };
        let Some(s) = source.get(seg.src_start()..seg.src_end()) else {
            return false;
        };
        let mut text = String::with_capacity(seg.text_len as usize);
        let mut fine = OffsetMap::default();
        Normalizer::default().push_fine(&mut text, &mut fine, s, seg.src_start());
        if text.len() != seg.text_len as usize {
            return false;
        }
        self.segs.pop();
        for f in &mut fine.segs {
            f.text_start = small(f.text_start() + seg.text_start());
        }
        self.segs.append(&mut fine.segs);
        true
    }

    /// Number of pieces (for tests and memory checks).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.segs.len()
    }

    /// See `Document::source_range`. `text` is the normalised text, `source` the text
    /// it came from.
    pub(crate) fn source_range<S: SourceText + ?Sized>(
        &self,
        text: &str,
        r: Range<usize>,
        source: &S,
    ) -> Range<usize> {
        let mut start = r.start.min(text.len());
        let mut end = r.end.min(text.len()).max(start);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let clamp = |a: usize, b: usize| {
            let b = b.min(source.len());
            a.min(b)..b
        };
        let i = self.segs.partition_point(|s| s.text_end() <= start);
        let prev = i.checked_sub(1).and_then(|j| self.segs.get(j));
        let first = match self.segs.get(i) {
            Some(s) if s.text_start() < end || (start == end && s.text_start() <= start) => *s,
            next => {
                // Only inserted text: the source between its neighbours.
                let a = prev
                    .map(Seg::src_end)
                    .or(next.map(Seg::src_start))
                    .unwrap_or(0);
                let b = if start == end {
                    a
                } else {
                    next.map(Seg::src_start).unwrap_or(a).max(a)
                };
                return clamp(a, b);
            }
        };
        let j = self
            .segs
            .partition_point(|s| s.text_start() < end)
            .saturating_sub(1)
            .max(i);
        let last = self.segs.get(j).copied().unwrap_or(first);
        if i == j {
            let r = first.resolve(start..end, source);
            return clamp(r.start, r.end);
        }
        let a = first.resolve(start..end, source).start;
        let b = last.resolve(start..end, source).end;
        clamp(a, b)
    }
}

/// What happens to one source character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Keep,
    Space,
    Newline,
    Remove,
}

/// The class of `c`; `next_is_lf` tells whether a CR is the first half of CR LF.
#[inline]
pub(crate) fn classify(c: char, next_is_lf: bool) -> Class {
    match c {
        '\n' | ' ' => Class::Keep,
        '\r' if next_is_lf => Class::Remove,
        '\r' => Class::Newline,
        '\t' | '\u{0B}' | '\u{0C}' => Class::Space,
        '\u{00}'..='\u{1F}' | '\u{7F}' => Class::Remove,
        '\u{20}'..='\u{7E}' => Class::Keep,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\u{80}'..='\u{9F}' => Class::Remove,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Class::Space
        }
        '\u{AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Class::Remove,
        _ => Class::Keep,
    }
}

/// Whether `c` is whitespace or invisible (what a block may not start with).
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || classify(c, false) != Class::Keep
}

/// Whether NFC can never join `c` to the character before it.
fn starts_cluster(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Scratch buffers reused across runs, so the slow path allocates nothing per character.
#[derive(Debug, Default)]
pub(crate) struct Normalizer {
    cluster: String,
    nfc: String,
    local: OffsetMap,
}

/// Source bytes per `Normalized` piece, about: re-normalising one on a lookup is cheap.
const CHUNK: usize = 512;

/// A chunk whose fine map has more pieces than this is stored as one `Normalized` piece.
const MAX_FINE_PIECES: usize = 3;

/// End of the chunk of `s` starting at `from`: about `CHUNK` bytes on, before a character
/// that starts a cluster and not after a CR, so normalising chunks one by one gives the
/// same text as normalising the whole.
fn chunk_end(s: &str, from: usize) -> usize {
    if s.len() - from <= CHUNK {
        return s.len();
    }
    let b = s.as_bytes();
    let mut k = from + CHUNK;
    while k < s.len() {
        if s.is_char_boundary(k)
            && b[k - 1] != b'\r'
            && s[k..].chars().next().is_some_and(starts_cluster)
        {
            return k;
        }
        k += 1;
    }
    s.len()
}

impl Normalizer {
    /// Appends the normalised form of `s`, which is `source[src..src + s.len()]`, to
    /// `out`, recording where each piece came from. Pieces that change many characters
    /// are recorded as one `Normalized` piece per chunk, resolved again on demand.
    pub(crate) fn push(&mut self, out: &mut String, map: &mut OffsetMap, s: &str, src: usize) {
        if s.is_ascii() && !s.bytes().any(|b| b < 0x20 && b != b'\n' || b == 0x7F) {
            map.push_identity(out.len(), src, s.len());
            out.push_str(s);
            return;
        }
        let mut local = std::mem::take(&mut self.local);
        let mut from = 0;
        while from < s.len() {
            let to = chunk_end(s, from);
            local.segs.clear();
            let t0 = out.len();
            self.push_fine(out, &mut local, &s[from..to], src + from);
            if local.segs.len() <= MAX_FINE_PIECES {
                map.append(&local);
            } else {
                map.push_kind(t0..out.len(), src + from..src + to, Kind::Normalized);
            }
            from = to;
        }
        self.local = local;
    }

    /// `push` with one map piece per changed character or cluster.
    fn push_fine(&mut self, out: &mut String, map: &mut OffsetMap, s: &str, src: usize) {
        if s.is_ascii() {
            if !s.bytes().any(|b| b < 0x20 && b != b'\n' || b == 0x7F) {
                map.push_identity(out.len(), src, s.len());
                out.push_str(s);
            } else {
                // ASCII never needs NFC.
                let _ = push_chars(out, map, s, src);
            }
        } else if let Some(from) = push_chars(out, map, s, src) {
            self.push_clusters(out, map, &s[from..], src + from);
        }
    }

    /// The normalised form of `s` with no map: for text the parser rewrote (entities),
    /// which maps as a whole to the source range it came from.
    pub(crate) fn coarse(&mut self, s: &str) -> &str {
        self.cluster.clear();
        for (i, c) in s.char_indices() {
            match classify(c, s.as_bytes().get(i + 1) == Some(&b'\n')) {
                Class::Keep => self.cluster.push(c),
                Class::Space => self.cluster.push(' '),
                Class::Newline => self.cluster.push('\n'),
                Class::Remove => {}
            }
        }
        self.nfc.clear();
        self.nfc.extend(self.cluster.nfc());
        &self.nfc
    }

    fn push_clusters(&mut self, out: &mut String, map: &mut OffsetMap, s: &str, src: usize) {
        let mut cl = Cluster::default();
        self.cluster.clear();
        for (i, c) in s.char_indices() {
            let class = classify(c, s.as_bytes().get(i + 1) == Some(&b'\n'));
            let k = match class {
                Class::Keep => c,
                Class::Space => ' ',
                Class::Newline => '\n',
                Class::Remove => {
                    cl.gap = true;
                    continue;
                }
            };
            if self.cluster.is_empty() || starts_cluster(k) {
                self.flush(out, map, s, src, &cl);
                self.cluster.clear();
                cl = Cluster {
                    start: i,
                    end: i,
                    verbatim: true,
                    gap: false,
                };
            } else if cl.gap {
                cl.verbatim = false;
            }
            cl.gap = false;
            self.cluster.push(k);
            cl.end = i + c.len_utf8();
            if class != Class::Keep {
                cl.verbatim = false;
            }
        }
        self.flush(out, map, s, src, &cl);
        self.cluster.clear();
    }

    fn flush(&mut self, out: &mut String, map: &mut OffsetMap, s: &str, src: usize, cl: &Cluster) {
        if self.cluster.is_empty() {
            return;
        }
        let single = self.cluster.chars().nth(1).is_none();
        if cl.verbatim && single && self.cluster.chars().all(starts_cluster) {
            map.push_identity(out.len(), src + cl.start, cl.end - cl.start);
            out.push_str(&s[cl.start..cl.end]);
            return;
        }
        self.nfc.clear();
        self.nfc.extend(self.cluster.nfc());
        let t = out.len();
        if cl.verbatim && self.nfc == self.cluster {
            map.push_identity(t, src + cl.start, cl.end - cl.start);
            out.push_str(&s[cl.start..cl.end]);
        } else {
            out.push_str(&self.nfc);
            map.push_replaced(t..out.len(), src + cl.start..src + cl.end);
        }
    }
}

/// A cluster being gathered: its byte range in the run, whether its characters are
/// exactly the source's (nothing replaced or removed inside), and whether a removed
/// character is pending after it.
#[derive(Debug, Default)]
struct Cluster {
    start: usize,
    end: usize,
    verbatim: bool,
    gap: bool,
}

/// Bytes looked at together by `lane_is_plain`.
const LANE: usize = 64;

/// Whether every character that starts in `w[..LANE]` is in the fast lane of
/// `push_chars`: `lane_is_plain_portable`, with vector instructions where there are some.
#[inline]
fn lane_is_plain(w: &[u8; LANE + 2]) -> bool {
    lane::is_plain(w)
}

/// Whether every character that starts in `w[..LANE]` is in the fast lane of
/// `push_chars` (printable ASCII, U+00C0..U+02FF, U+1E00..U+1EFF, and the dashes, quotes
/// and ellipsis of U+2010..U+2027); `w[LANE]` and `w[LANE + 1]` are the bytes after, for
/// a lead byte in the last places. A continuation byte passes: its lead byte passed
/// before it. The loop has no early exit and no table lookup, so the compiler checks a
/// lane with a few vector instructions; Vietnamese prose is nearly all lanes (curly
/// quotes made a lane of most quoted sentences slow before they were in it).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn lane_is_plain_portable(w: &[u8; LANE + 2]) -> bool {
    let mut plain = true;
    for k in 0..LANE {
        let (x, next, after) = (w[k], w[k + 1], w[k + 2]);
        let ok = (0x20..=0x7E).contains(&x)
            | (0x80..=0xBF).contains(&x)
            | (0xC3..=0xCB).contains(&x)
            | ((x == 0xE1) & (0xB8..=0xBB).contains(&next))
            | ((x == 0xE2) & (next == 0x80) & (0x90..=0xA7).contains(&after));
        plain &= ok;
    }
    plain
}

/// The last lane of `b`, from `i`, padded with `a`. The padding is plain, and a lead
/// byte never needs it as its next byte: `b` is whole UTF-8 characters.
fn padded_tail(b: &[u8], i: usize) -> [u8; LANE + 2] {
    let mut w = [b'a'; LANE + 2];
    let tail = b.get(i..).unwrap_or_default();
    let n = tail.len().min(LANE + 2);
    w[..n].copy_from_slice(&tail[..n]);
    w
}

/// The common path: characters that are already NFC on their own are copied or replaced
/// one by one. At the first character NFC could join to the one before it, returns the
/// offset in `s` from which cluster work is needed (the start of that previous character,
/// which is not written yet).
fn push_chars(out: &mut String, map: &mut OffsetMap, s: &str, src: usize) -> Option<usize> {
    let b = s.as_bytes();
    // `s[run..i]` is kept as it is and not written yet.
    let mut run = 0;
    let mut i = 0;
    // Start of the character before `i` if it is still unwritten, else `i`.
    let prev = |i: usize, run: usize| {
        if i > run {
            (run..i)
                .rev()
                .find(|&k| s.is_char_boundary(k))
                .unwrap_or(run)
        } else {
            i
        }
    };
    // Lanes are checked up to `lanes_to`; from there on character by character.
    let mut lanes_to = 0;
    while i < b.len() {
        if i >= lanes_to {
            let plain = match b.get(i..i + LANE + 2) {
                Some(w) => <&[u8; LANE + 2]>::try_from(w).is_ok_and(lane_is_plain),
                None => lane_is_plain(&padded_tail(b, i)),
            };
            if plain {
                i = (i + LANE).min(b.len());
                // Past the continuation bytes of the last character.
                while !s.is_char_boundary(i) {
                    i += 1;
                }
                continue;
            }
            // Not plain: its characters one by one.
            lanes_to = i + LANE;
        }
        let x = b[i];
        // Byte-level fast lane: printable ASCII, U+00A1..U+02FF except the soft hyphen,
        // and U+1E00..U+1EFF (precomposed Vietnamese letters) are kept as they are.
        let fast = match x {
            0x20..=0x7E | b'\n' => Some(1),
            0xC2 => matches!(b.get(i + 1), Some(&y) if y > 0xA0 && y != 0xAD).then_some(2),
            0xC3..=0xCB => Some(2),
            0xE1 => matches!(b.get(i + 1), Some(0xB8..=0xBB)).then_some(3),
            _ => None,
        };
        if let Some(len) = fast {
            i += len;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let class = classify(c, b.get(i + 1) == Some(&b'\n'));
        if class == Class::Keep {
            if !starts_cluster(c) {
                return Some(flush_to(out, map, s, src, run, prev(i, run)));
            }
            i += len;
            continue;
        }
        if class == Class::Remove
            && s[i + len..]
                .chars()
                .next()
                .is_some_and(|n| !starts_cluster(n))
        {
            // A mark after an invisible character still joins the letter before it.
            return Some(flush_to(out, map, s, src, run, prev(i, run)));
        }
        if i > run {
            map.push_identity(out.len(), src + run, i - run);
            out.push_str(&s[run..i]);
        }
        let rep = match class {
            Class::Space => Some(' '),
            Class::Newline => Some('\n'),
            _ => None,
        };
        if let Some(rep) = rep {
            let t = out.len();
            out.push(rep);
            map.push_replaced(t..out.len(), src + i..src + i + len);
        }
        i += len;
        run = i;
    }
    if run < s.len() {
        map.push_identity(out.len(), src + run, s.len() - run);
        out.push_str(&s[run..]);
    }
    None
}

/// Writes the pending run `s[run..to]` as identity and returns `to`.
fn flush_to(
    out: &mut String,
    map: &mut OffsetMap,
    s: &str,
    src: usize,
    run: usize,
    to: usize,
) -> usize {
    if to > run {
        map.push_identity(out.len(), src + run, to - run);
        out.push_str(&s[run..to]);
    }
    to
}

#[cfg(test)]
/// `push_chars` as it was, one character at a time with no lanes: the reference.
/// The common path: characters that are already NFC on their own are copied or replaced
/// one by one. At the first character NFC could join to the one before it, returns the
/// offset in `s` from which cluster work is needed (the start of that previous character,
/// which is not written yet).
fn push_chars_bytewise(
    out: &mut String,
    map: &mut OffsetMap,
    s: &str,
    src: usize,
) -> Option<usize> {
    let b = s.as_bytes();
    let mut run = 0;
    // Start of the previous character if it is still unwritten (in the current run).
    let mut prev = None;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // Byte-level fast lane: printable ASCII, U+00A1..U+02FF except the soft hyphen,
        // and U+1E00..U+1EFF (precomposed Vietnamese letters) are kept as they are.
        let fast = match x {
            0x20..=0x7E | b'\n' => Some(1),
            0xC2 => matches!(b.get(i + 1), Some(&y) if y > 0xA0 && y != 0xAD).then_some(2),
            0xC3..=0xCB => Some(2),
            0xE1 => matches!(b.get(i + 1), Some(0xB8..=0xBB)).then_some(3),
            _ => None,
        };
        if let Some(len) = fast {
            prev = Some(i);
            i += len;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let class = classify(c, b.get(i + 1) == Some(&b'\n'));
        if class == Class::Keep {
            if !starts_cluster(c) {
                return Some(flush_to(out, map, s, src, run, prev.unwrap_or(i)));
            }
            prev = Some(i);
            i += len;
            continue;
        }
        if class == Class::Remove
            && s[i + len..]
                .chars()
                .next()
                .is_some_and(|n| !starts_cluster(n))
        {
            // A mark after an invisible character still joins the letter before it.
            return Some(flush_to(out, map, s, src, run, prev.unwrap_or(i)));
        }
        if i > run {
            map.push_identity(out.len(), src + run, i - run);
            out.push_str(&s[run..i]);
        }
        let rep = match class {
            Class::Space => Some(' '),
            Class::Newline => Some('\n'),
            _ => None,
        };
        if let Some(rep) = rep {
            let t = out.len();
            out.push(rep);
            map.push_replaced(t..out.len(), src + i..src + i + len);
        }
        i += len;
        run = i;
        prev = None;
    }
    if run < s.len() {
        map.push_identity(out.len(), src + run, s.len() - run);
        out.push_str(&s[run..]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> (String, OffsetMap) {
        let mut out = String::new();
        let mut map = OffsetMap::default();
        Normalizer::default().push(&mut out, &mut map, s, 0);
        (out, map)
    }

    fn back<'a>(src: &'a str, text: &str, map: &OffsetMap, word: &str) -> &'a str {
        let at = text.find(word).unwrap();
        &src[map.source_range(text, at..at + word.len(), src)]
    }

    /// `push_chars` and `push_chars_bytewise` on `s`: the same text, map and result.
    fn same_chars(s: &str) {
        let run = |f: fn(&mut String, &mut OffsetMap, &str, usize) -> Option<usize>| {
            let mut out = String::from("x");
            let mut map = OffsetMap::default();
            let r = f(&mut out, &mut map, s, 7);
            (out, map, r)
        };
        assert_eq!(run(push_chars), run(push_chars_bytewise), "{s:?}");
    }

    /// Text of `n` pieces drawn by a fixed xorshift from mostly plain Vietnamese and
    /// now and then a piece that needs work.
    fn hostile(seed: u64, n: usize) -> String {
        const PLAIN: &[&str] = &[
            "Việt Nam ",
            "tỷ USD ",
            "36,6",
            " tăng ",
            "đạt ",
            "ơ",
            "ư",
            "ầ",
            "kỷ lục. ",
        ];
        const ODD: &[&str] = &[
            "\u{a0}",
            "\u{202f}",
            "\u{200b}",
            "\u{ad}",
            "\u{feff}",
            "\r\n",
            "\r",
            "\n",
            "\t",
            "\u{7f}",
            "\u{85}",
            "\u{1}",
            "e\u{301}",
            "\u{301}",
            "\u{323}\u{302}",
            "\u{200b}\u{301}",
            "“",
            "”",
            "–",
            "°",
            "«",
            "\u{2126}",
            "\u{1f71}",
            "\u{1100}\u{1161}",
            "가",
            "\u{2028}",
            "\u{3000}",
            "€",
            "🔍",
            "\u{e000}",
            "ǅ",
            "\u{1dc0}",
            "\u{1ab0}",
        ];
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut out = String::new();
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let pick = (x >> 32) as usize;
            if pick.is_multiple_of(16) {
                out.push_str(ODD[(pick / 16) % ODD.len()]);
            } else {
                out.push_str(PLAIN[(pick / 16) % PLAIN.len()]);
            }
        }
        out
    }

    #[test]
    fn lanes_change_nothing_on_project_texts() {
        for t in crate::testing::project_texts() {
            same_chars(&t);
            // Every line on its own, as the parser hands them over, and shifted by a
            // character so lanes fall elsewhere.
            for line in t.lines() {
                same_chars(line);
                if let Some(c) = line.chars().next() {
                    same_chars(&line[c.len_utf8()..]);
                }
            }
        }
    }

    #[test]
    fn lanes_change_nothing_on_hostile_texts() {
        for seed in 0..400 {
            let t = hostile(seed, 10 + seed as usize % 90);
            for (k, _) in t.char_indices().take(40) {
                same_chars(&t[k..]);
            }
        }
        // A clean lane that ends inside a character, then one that is not clean.
        for pad in 0..LANE + 3 {
            for tail in [
                "\u{a0}x",
                "e\u{301}",
                "\u{200b}\u{301}",
                "ệ\r\n",
                "\u{1f71}",
            ] {
                let t = format!(
                    "{}{}ệ{tail}{}",
                    "a".repeat(pad),
                    "ầ".repeat(pad % 5),
                    "b".repeat(pad)
                );
                same_chars(&t);
            }
        }
    }

    #[test]
    fn lane_is_plain_only_for_fast_lane_characters() {
        let lane = |s: &str| {
            let mut w = [b'a'; LANE + 2];
            w[..s.len()].copy_from_slice(s.as_bytes());
            lane_is_plain(&w)
        };
        assert!(lane("Việt Nam đạt 36,6 tỷ ưu"));
        assert!(lane("“Việt Nam” – đạt‘’…—"));
        for odd in [
            "\u{a0}", "\n", "\r", "\t", "\u{7f}", "e\u{301}", "€", "\u{ad}", "°", "\u{1f71}",
            "\u{2028}", "\u{2029}", "\u{200b}", "\u{200f}", "\u{202f}", "\u{2060}", "\u{2030}",
        ] {
            assert!(!lane(&format!("Việt {odd}")), "{odd:?}");
        }
    }

    #[test]
    fn fast_lane_characters_are_nfc_starters() {
        let lanes = [
            '\u{a1}'..='\u{2ff}',
            '\u{1e00}'..='\u{1eff}',
            '\u{2010}'..='\u{2027}',
        ];
        for c in lanes.into_iter().flatten().filter(|&c| c != '\u{ad}') {
            assert!(starts_cluster(c), "{c:?}");
            assert_eq!(classify(c, false), Class::Keep, "{c:?}");
        }
    }

    /// Every way the lane check is made answers as the portable loop.
    fn same_lane(w: &[u8; LANE + 2]) {
        let want = lane_is_plain_portable(w);
        assert_eq!(lane_is_plain(w), want, "{w:x?}");
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        {
            assert_eq!(lane::sse2_is_plain(w), want, "sse2 {w:x?}");
            if let Some(avx2) = lane::avx2_is_plain(w) {
                assert_eq!(avx2, want, "avx2 {w:x?}");
            }
        }
    }

    #[test]
    fn vector_lanes_are_the_portable_ones() {
        // every lane of every project text, from every eleventh byte
        let mut plain = 0;
        for t in crate::testing::project_texts() {
            let b = t.as_bytes();
            for i in (0..b.len()).step_by(11) {
                let w = padded_tail(b, i);
                same_lane(&w);
                plain += usize::from(lane_is_plain_portable(&w));
            }
        }
        assert!(plain > 1000, "{plain}");
        // every byte value at every place, before each class of next and after bytes
        let follow = [
            0x00, b'a', 0x7f, 0x80, 0x8f, 0x90, 0xa7, 0xa8, 0xb7, 0xb8, 0xbb, 0xbc, 0xbf,
        ];
        for at in 0..LANE + 2 {
            for x in 0..=255u8 {
                for &next in &follow {
                    for &after in &[0x80, 0x90, 0xa7, 0xa8] {
                        let mut w = [b'a'; LANE + 2];
                        w[at] = x;
                        if at + 1 < w.len() {
                            w[at + 1] = next;
                        }
                        if at + 2 < w.len() {
                            w[at + 2] = after;
                        }
                        same_lane(&w);
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn vector_lanes_on_any_bytes(v in proptest::collection::vec(
            prop_oneof![Just(b'a'), Just(0xe1u8), Just(0xe2), Just(0x80), Just(0xb8), Just(0xc3), any::<u8>()],
            LANE + 2,
        )) {
            let w: [u8; LANE + 2] = v.try_into().expect("LANE + 2 bytes");
            same_lane(&w);
        }
    }

    #[test]
    fn plain_ascii_is_one_piece() {
        let (t, m) = norm("tang 32,8% so voi 2022");
        assert_eq!(t, "tang 32,8% so voi 2022");
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn nbsp_and_narrow_nbsp_become_spaces() {
        let src = "đạt 36,6\u{a0}tỷ\u{202f}USD";
        let (t, m) = norm(src);
        assert_eq!(t, "đạt 36,6 tỷ USD");
        assert_eq!(back(src, &t, &m, "36,6 tỷ USD"), "36,6\u{a0}tỷ\u{202f}USD");
        assert_eq!(back(src, &t, &m, "tỷ"), "tỷ");
    }

    #[test]
    fn invisible_characters_vanish_and_are_not_at_the_edges() {
        let src = "khoảng\u{200b} 50\u{feff}\u{ad} nước\u{200e}";
        let (t, m) = norm(src);
        assert_eq!(t, "khoảng 50 nước");
        assert_eq!(back(src, &t, &m, "50"), "50");
        assert_eq!(back(src, &t, &m, "khoảng 50"), "khoảng\u{200b} 50");
        assert_eq!(back(src, &t, &m, "nước"), "nước");
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let (t, _) = norm("một\r\nhai\rba");
        assert_eq!(t, "một\nhai\nba");
    }

    #[test]
    fn decomposed_letters_compose_per_cluster() {
        let src: String = "Việt Nam tỷ".nfd().collect();
        let (t, m) = norm(&src);
        assert_eq!(t, "Việt Nam tỷ");
        let e = t.find('ệ').unwrap();
        let r = m.source_range(&t, e..e + 'ệ'.len_utf8(), &src);
        assert_eq!(&src[r], "e\u{323}\u{302}");
        assert_eq!(back(&src, &t, &m, "Việt"), "Vie\u{323}\u{302}t");
        assert_eq!(back(&src, &t, &m, "tỷ"), "ty\u{309}");
        assert_eq!(back(&src, &t, &m, "Nam"), "Nam");
    }

    #[test]
    fn a_removed_character_inside_a_cluster_is_covered() {
        let src = "e\u{200b}\u{301}";
        let (t, m) = norm(src);
        assert_eq!(t, "é");
        assert_eq!(back(src, &t, &m, "é"), src);
    }

    #[test]
    fn inserted_text_maps_to_its_neighbours() {
        let mut out = String::new();
        let mut map = OffsetMap::default();
        let mut n = Normalizer::default();
        let src = "một\n\nhai";
        n.push(&mut out, &mut map, "một", 0);
        out.push_str("\n\n");
        n.push(&mut out, &mut map, "hai", src.find("hai").unwrap());
        assert_eq!(out, "một\n\nhai");
        let sep = "một".len();
        assert_eq!(map.source_range(&out, sep..sep + 2, src), sep..sep + 2);
        assert_eq!(map.source_range(&out, 0..out.len(), src), 0..src.len());
        assert_eq!(map.source_range(&out, sep..sep, src), sep..sep);
    }

    #[test]
    fn decomposed_pages_keep_a_small_map_and_exact_offsets() {
        let nfc = "Người Việt ở nước ngoài gửi về 16 tỷ USD kiều hối.\r\n".repeat(40);
        let src: String = nfc.nfd().collect();
        let (t, m) = norm(&src);
        let expected: String = nfc.replace("\r\n", "\n");
        assert_eq!(t, expected);
        assert!(
            m.len() * 200 < src.len(),
            "{} pieces for {} bytes",
            m.len(),
            src.len()
        );
        // Every character still maps to exactly its own decomposed source.
        for (i, c) in t.char_indices() {
            let r = m.source_range(&t, i..i + c.len_utf8(), &src);
            let back: String = src[r].nfc().collect();
            let back = if back == "\r\n" {
                "\n".to_string()
            } else {
                back
            };
            assert_eq!(back, c.to_string(), "at {i}");
        }
    }

    #[test]
    fn chunks_never_split_a_cluster_or_crlf() {
        let mut src = "a".repeat(CHUNK - 1);
        src.push_str("\r\ne\u{301}\u{200b}x");
        src.push_str(&"e\u{301}".repeat(CHUNK));
        let (t, _) = norm(&src);
        let clean: String = src.replace("\r\n", "\n").replace('\u{200b}', "");
        let expected: String = clean.nfc().collect();
        assert_eq!(t, expected);
    }

    #[test]
    fn truncate_keeps_replaced_pieces_whole() {
        let src = "ab\u{a0}";
        let (t, mut m) = norm(src);
        assert_eq!(t, "ab ");
        assert_eq!(m.truncate(1, src), 1);
        let (_, mut m) = norm(src);
        assert_eq!(m.truncate(2, src), 2);
        assert_eq!(m.len(), 1);
        let src = "e\u{301}\u{301}";
        let (t, mut m) = norm(src);
        assert_eq!(t.chars().count(), 2);
        assert_eq!(m.truncate(1, src), t.len());
    }

    #[test]
    fn truncate_refines_a_normalized_piece() {
        let src: String = "Việt Nam tỷ\u{a0}\u{a0}".nfd().collect();
        let (t, mut m) = norm(&src);
        assert_eq!(m.len(), 1);
        let keep = t.trim_end().len();
        assert_eq!(m.truncate(keep, &src), keep);
        let t = &t[..keep];
        assert_eq!(
            &src[m.source_range(t, 0..keep, &src)],
            "Việt Nam tỷ".nfd().collect::<String>()
        );
    }
}
