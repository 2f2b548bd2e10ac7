//! Stretches of Markdown so plain that their blocks are known without the parser.
//!
//! Official statements are mostly paragraphs of prose, `- ` bullet lists and `#`
//! headings, separated by blank lines. For such a stretch pulldown-cmark's events are
//! fixed: a paragraph is one text event per line with soft breaks between, a tight list
//! one item per line, a heading one text event. `plan` finds the stretches where that
//! is certain; `markdown` builds them directly and hands everything else to the parser.
//!
//! A stretch is plain only when no byte in it can start or end any inline syntax
//! (`SPECIAL`) but simple `*`/`**` emphasis and `<sup>N</sup>` markers (see `inline`),
//! no line can start a block or continue one (each line starts with a
//! letter, a non-ASCII character, punctuation that opens no block, or digits not followed
//! by `.` or `)`), and no line has
//! trailing whitespace (a hard break) or a lone CR. Cutting the parser's input there is
//! safe for the reason `markdown::piece_ends` gives: after a blank line, a line at column
//! 0 that starts no block closes every container. A list is plain only between stretches
//! that cannot belong to it; list stretches with only blank lines between them are one
//! loose list, plain as a whole or not at all. The whole text must be `splittable` (no fence, raw HTML
//! block a blank line does not end, or link or footnote definition), and a stretch must
//! not lie in what could be a front-matter block (see `meta_regions`).

use std::ops::Range;

/// How a plain stretch is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Lines of one paragraph.
    Paragraph,
    /// `- ` list items, one per line: a tight list, or one stretch of a loose one.
    List,
    /// A one-line `#` heading of this level.
    Heading(u8),
}

/// A plain stretch: `range` covers its lines, the last line break included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub range: Range<usize>,
    pub shape: Shape,
    /// Some line holds emphasis or `<sup>` markers (see `inline`).
    pub marked: bool,
}

/// Bytes that may start or end inline syntax with the parser's options (tables and
/// footnotes on; no strikethrough, math or smart punctuation), and the CR (a CR inside a
/// line is a lone CR, a line end to the parser), in groups of three for `memchr3`; the
/// first group (`MARKUP`) holds those `inline` may accept. Other control characters
/// inside a line mean nothing to the parser without these, nor does `!` without `[`.
const SPECIAL: [[u8; 3]; 4] = [
    [b'*', b'<', b'*'],
    [b'\\', b'_', b'&'],
    [b'[', b']', b'`'],
    [b'|', b'\r', b'|'],
];

/// The group of `SPECIAL` that `inline` may accept.
const MARKUP: usize = 0;

/// What special bytes a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    None,
    /// Only `MARKUP` bytes.
    Markup,
    Other,
}

/// Finds special bytes in lines taken in order: the next special byte of each group is
/// searched for once and kept until the lines pass it, so the text is scanned once per
/// group however many lines there are.
struct Specials<'a> {
    hay: &'a [u8],
    next: [usize; 4],
}

impl<'a> Specials<'a> {
    fn new(hay: &'a [u8]) -> Self {
        let mut s = Specials { hay, next: [0; 4] };
        for g in 0..SPECIAL.len() {
            s.find(g, 0);
        }
        s
    }

    fn find(&mut self, g: usize, from: usize) {
        let [a, b, c] = SPECIAL[g];
        let rest = self.hay.get(from..).unwrap_or_default();
        self.next[g] = memchr::memchr3(a, b, c, rest).map_or(usize::MAX, |k| from + k);
    }

    /// What special bytes `hay[r]` holds; `r` starts no earlier than the last range.
    fn kind_in(&mut self, r: Range<usize>) -> Special {
        let mut markup = false;
        for g in 0..SPECIAL.len() {
            if self.next[g] < r.start {
                self.find(g, r.start);
            }
            if self.next[g] < r.end {
                if g != MARKUP {
                    return Special::Other;
                }
                markup = true;
            }
        }
        if markup {
            Special::Markup
        } else {
            Special::None
        }
    }
}

/// Whitespace the parser trims at a line end (two or more of it make a hard break).
fn is_trailing_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0b | 0x0c)
}

/// What one line (without its line break) can be in a plain stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    /// Paragraph text at column 0 that starts no block, with no inline syntax and
    /// nothing trimmed at either end.
    Prose,
    /// `- ` and prose.
    Item,
    /// `#`..`######`, one space, text with no `#` (a closing sequence) and nothing to
    /// trim.
    Heading(u8),
    Other,
}

/// What a line is and holds.
#[derive(Debug, Clone, Copy)]
struct LineInfo {
    kind: Line,
    /// It holds inline markup `inline` accepts.
    marked: bool,
    /// Its emphasis opens and closes within it.
    balanced: bool,
}

impl LineInfo {
    fn of(kind: Line) -> Self {
        LineInfo {
            kind,
            marked: false,
            balanced: true,
        }
    }
}

/// The line `body[r]` (without its line break); `open` holds the emphasis runs the
/// lines before it in its stretch left open (see `inline`).
fn line_kind(
    body: &str,
    r: Range<usize>,
    specials: &mut Specials<'_>,
    open: &mut Vec<bool>,
) -> LineInfo {
    let b = body.as_bytes();
    let mut r = r;
    if r.end > r.start && b[r.end - 1] == b'\r' {
        r.end -= 1;
    }
    let l = &b[r.clone()];
    let (Some(&first), Some(&last)) = (l.first(), l.last()) else {
        return LineInfo::of(Line::Blank);
    };
    if is_trailing_ws(first) {
        // A line of VT or FF continues a paragraph: only spaces and tabs make it blank.
        let blank = l.iter().all(|&b| b == b' ' || b == b'\t');
        return LineInfo::of(if blank { Line::Blank } else { Line::Other });
    }
    if is_trailing_ws(last) {
        return LineInfo::of(Line::Other);
    }
    let marked = match specials.kind_in(r.clone()) {
        Special::None => false,
        Special::Markup => true,
        Special::Other => return LineInfo::of(Line::Other),
    };
    let opened = open.is_empty();
    if marked && !inline_ok(body, r, open) {
        return LineInfo::of(Line::Other);
    }
    let kind = match first {
        b'-' if l.get(1) == Some(&b' ') && starts_prose(&l[2..]) => Line::Item,
        b'#' => heading_level(l).map_or(Line::Other, Line::Heading),
        _ if starts_prose(l) => Line::Prose,
        _ => Line::Other,
    };
    LineInfo {
        kind,
        marked,
        balanced: opened && open.is_empty(),
    }
}

/// ASCII punctuation that, at the start of a line, opens no block and continues none
/// with the parser's options (no math, superscript, definition lists or smart
/// punctuation): to the block structure such a line is a line that starts with a letter.
/// `(1) Mục một` and `“...”` pasted as `"..."` start many lines of official statements.
const OPENS_NO_BLOCK: &[u8] = b"(\"'%$/,;:?@.";

/// Whether text at column 0 starting `l` (already free of trailing whitespace and of
/// special bytes other than those `inline` accepts) can only be paragraph text: a
/// letter, a non-ASCII character, punctuation that opens no block (`OPENS_NO_BLOCK`),
/// digits not followed by `.` or `)` (`1.` and `1)` open ordered lists), `*` or `**`
/// and no whitespace (`* ` opens a list item, `***` a rule), or `<sup>` (not a tag an
/// HTML block starts with).
fn starts_prose(l: &[u8]) -> bool {
    match l.first() {
        Some(d) if d.is_ascii_digit() => {
            let digits = l.iter().take_while(|b| b.is_ascii_digit()).count();
            !matches!(l.get(digits), Some(b'.' | b')'))
        }
        Some(b'*') => {
            let stars = l.iter().take_while(|&&b| b == b'*').count();
            stars <= 2
                && l.get(stars)
                    .is_some_and(|&b| !is_trailing_ws(b) && b != b'\t')
        }
        Some(b'<') => l.starts_with(b"<sup>"),
        Some(&c) => c.is_ascii_alphabetic() || c >= 0x80 || OPENS_NO_BLOCK.contains(&c),
        None => false,
    }
}

/// The level of a heading line already free of special bytes and trailing whitespace.
fn heading_level(l: &[u8]) -> Option<u8> {
    let hashes = l.iter().take_while(|&&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || l.get(hashes) != Some(&b' ') {
        return None;
    }
    let rest = &l[hashes + 1..];
    let ok =
        rest.first().is_some_and(|&b| !is_trailing_ws(b)) && memchr::memchr(b'#', rest).is_none();
    ok.then_some(hashes as u8)
}

/// What a line with inline markup is made of, in the parser's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Text the parser gives as one text event: `body[range]`.
    Text(Range<usize>),
    /// A `*` (`strong` false) or `**` run that opens or closes emphasis.
    Delim { strong: bool, open: bool },
    /// `<sup>label</sup>` covering `range`, its digits at `digits`.
    Sup {
        label: u32,
        range: Range<usize>,
        digits: Range<usize>,
    },
}

/// How a character next to a `*` run counts for CommonMark's flanking rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flank {
    Space,
    Punct,
    Word,
}

/// The class of the character before or after a `*` run (`None` at a line's end or
/// start, which count as whitespace), or `None` where this is not known for certain:
/// only ASCII, NBSP, the Latin letters Vietnamese is written with and the commonest
/// typographic punctuation are classed.
fn flank(c: Option<char>) -> Option<Flank> {
    let Some(c) = c else {
        return Some(Flank::Space);
    };
    match c {
        ' ' | '\t' | '\u{a0}' => Some(Flank::Space),
        _ if c.is_ascii_alphanumeric() => Some(Flank::Word),
        _ if c.is_ascii_punctuation() => Some(Flank::Punct),
        '\u{d7}' | '\u{f7}' => None,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Some(Flank::Word),
        '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}'
        | '\u{2026}' => Some(Flank::Punct),
        _ => None,
    }
}

/// What a `*` run can do, as pulldown-cmark's `delim_run_can_open` and
/// `delim_run_can_close` decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Neither: text, and the parser's text event runs on across it.
    Text,
    Open,
    Close,
    Both,
}

/// What a `*` run between `prev` and `next` can do; `None` if a class is unknown.
fn star_run(prev: Option<char>, next: Option<char>) -> Option<Run> {
    let (p, n) = (flank(prev)?, flank(next)?);
    let can_open = n != Flank::Space && (n != Flank::Punct || p != Flank::Word);
    let can_close = p != Flank::Space && (p != Flank::Punct || n != Flank::Word);
    Some(match (can_open, can_close) {
        (false, false) => Run::Text,
        (true, false) => Run::Open,
        (false, true) => Run::Close,
        (true, true) => Run::Both,
    })
}

/// The line `body[r]` (without its line break, at column 0 or after a list marker or
/// heading opener) as the parser sees its inline markup, each piece passed to `emit`;
/// `open` holds the runs left open by earlier lines of its paragraph (`true` for `**`,
/// innermost last) and gets those this line leaves open. The caller sees that it has
/// no special bytes but `MARKUP`. Returns false, having emitted part of it, unless
/// those make `<sup>` markers of one to four digits and `*` runs of one or two that
/// close the innermost open run, of their length, or open one where that is all they
/// can do. Those are
/// the cases where the parser's pairing (a closer takes the nearest opener it may
/// take) is plain nesting: a run that can both open and close only closes an equal
/// run, which the rule of three allows, or opens one when none is open.
pub(crate) fn inline(
    body: &str,
    r: Range<usize>,
    open: &mut Vec<bool>,
    mut emit: impl FnMut(Inline),
) -> bool {
    let Some(l) = body.get(r.clone()) else {
        return false;
    };
    let b = l.as_bytes();
    let mut text_from = 0;
    let text = |to: usize, text_from: usize, emit: &mut dyn FnMut(Inline)| {
        if text_from < to {
            emit(Inline::Text(r.start + text_from..r.start + to));
        }
    };
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'*', b'<', &b[i..]) {
        let at = i + k;
        if b[at] == b'<' {
            let Some((label, len)) = sup_marker(&b[at..]) else {
                return false;
            };
            text(at, text_from, &mut emit);
            let range = r.start + at..r.start + at + len;
            let digits = range.start + "<sup>".len()..range.end - "</sup>".len();
            emit(Inline::Sup {
                label,
                range,
                digits,
            });
            i = at + len;
            text_from = i;
            continue;
        }
        let run = b[at..].iter().take_while(|&&c| c == b'*').count();
        i = at + run;
        let strong = match run {
            1 => false,
            2 => true,
            _ => return false,
        };
        let opens = match star_run(l[..at].chars().next_back(), l[i..].chars().next()) {
            None => return false,
            Some(Run::Text) => continue,
            Some(Run::Open) => true,
            Some(Run::Close) => false,
            Some(Run::Both) if open.is_empty() => true,
            Some(Run::Both) => false,
        };
        if opens {
            open.push(strong);
        } else if open.pop() != Some(strong) {
            return false;
        }
        text(at, text_from, &mut emit);
        emit(Inline::Delim {
            strong,
            open: opens,
        });
        text_from = i;
    }
    text(b.len(), text_from, &mut emit);
    true
}

/// `inline` without its pieces. Kept out of the line loop of `candidates`, which most
/// lines pass through without markup.
#[inline(never)]
fn inline_ok(body: &str, r: Range<usize>, open: &mut Vec<bool>) -> bool {
    inline(body, r, open, |_| {})
}

/// `<sup>N</sup>` at the start of `b`, N one to four ASCII digits: the label and the
/// marker's length.
fn sup_marker(b: &[u8]) -> Option<(u32, usize)> {
    let rest = b.strip_prefix(b"<sup>")?;
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=4).contains(&digits) || !rest[digits..].starts_with(b"</sup>") {
        return None;
    }
    let label = rest[..digits]
        .iter()
        .fold(0, |n, &d| n * 10 + u32::from(d - b'0'));
    Some((label, "<sup>".len() + digits + "</sup>".len()))
}

/// The lines of a stretch seen so far.
#[derive(Debug, Clone, Copy)]
struct Lines {
    count: usize,
    prose: bool,
    items: bool,
    heading: Option<u8>,
    marked: bool,
    /// Every line's emphasis opens and closes within it.
    balanced: bool,
}

impl Lines {
    const NONE: Lines = Lines {
        count: 0,
        prose: true,
        items: true,
        heading: None,
        marked: false,
        balanced: true,
    };

    fn add(&mut self, info: LineInfo) {
        let l = info.kind;
        self.count += 1;
        self.marked |= info.marked;
        self.balanced &= info.balanced;
        self.prose &= l == Line::Prose;
        self.items &= l == Line::Item;
        self.heading = match l {
            Line::Heading(level) => Some(level),
            _ => None,
        };
    }

    /// A list item and a heading are each their own inline context, a paragraph one:
    /// `closed` if the emphasis opened in it is closed.
    fn shape(&self, closed: bool) -> Option<Shape> {
        match self.count {
            0 => None,
            1 if self.heading.is_some() => {
                self.heading.filter(|_| self.balanced).map(Shape::Heading)
            }
            _ if self.prose => closed.then_some(Shape::Paragraph),
            _ if self.items => self.balanced.then_some(Shape::List),
            _ => None,
        }
    }
}

/// A stretch of non-blank lines.
struct Candidate {
    range: Range<usize>,
    shape: Option<Shape>,
    marked: bool,
    /// Its first byte.
    first: u8,
}

/// The plain stretches of `body`, in order. Empty if the text has anything that makes a
/// cut unsafe (see the module comment).
pub(crate) fn plan(body: &str) -> Vec<Stretch> {
    if !super::markdown::splittable(body) {
        return Vec::new();
    }
    let cands = candidates(body);
    let meta = meta_regions(body);
    let mut out: Vec<Stretch> = Vec::new();
    let mut i = 0;
    while i < cands.len() {
        let Some(shape) = cands[i].shape else {
            i += 1;
            continue;
        };
        // List stretches with only blank lines between them are one (loose) list,
        // planned whole or not at all.
        let end = match shape {
            Shape::List => {
                i + cands[i..]
                    .iter()
                    .take_while(|c| c.shape == Some(Shape::List))
                    .count()
            }
            _ => i + 1,
        };
        let group = &cands[i..end];
        let plain = !group.iter().any(|c| overlaps(&meta, &c.range))
            && (shape != Shape::List || list_stands_alone(&cands, i..end, &out));
        if plain {
            out.extend(group.iter().map(|c| Stretch {
                range: c.range.clone(),
                shape,
                marked: c.marked,
            }));
        }
        i = end;
    }
    out
}

/// Whether `r` overlaps one of `regions` (sorted and disjoint).
fn overlaps(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = regions.partition_point(|m| m.end <= r.start);
    regions.get(k).is_some_and(|m| m.start < r.end)
}

/// Whether the list stretches `cands[group]` are a list of their own: the stretch before
/// them is a plain paragraph or heading already planned (not a list they would
/// continue), and the next one cannot continue them (an indented line or another `-`
/// item). Between them there are only blank lines: the parser makes them one loose
/// list, whose items are paragraphs, and a paragraph in an item builds the same block
/// as the item's text in a tight list (`Builder::plain` builds each stretch as a tight
/// list).
fn list_stands_alone(cands: &[Candidate], group: Range<usize>, planned: &[Stretch]) -> bool {
    let before_ok = match group.start.checked_sub(1).and_then(|k| cands.get(k)) {
        None => true,
        Some(prev) => planned.last().is_some_and(|s| {
            s.range == prev.range && matches!(s.shape, Shape::Paragraph | Shape::Heading(_))
        }),
    };
    let after_ok = cands
        .get(group.end)
        .is_none_or(|next| !(next.first.is_ascii_whitespace() || next.first == b'-'));
    before_ok && after_ok
}

/// Every stretch of non-blank lines of `body`, with its shape if plain.
fn candidates(body: &str) -> Vec<Candidate> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut lines = Lines::NONE;
    // Emphasis runs left open, as `inline` keeps them across a paragraph's lines.
    let mut open = Vec::new();
    let mut specials = Specials::new(b);
    let mut start = 0;
    let mut at = 0;
    let mut close = |lines: &mut Lines, open: &mut Vec<bool>, r: Range<usize>| {
        if lines.count > 0 {
            out.push(Candidate {
                shape: lines.shape(open.is_empty()),
                marked: lines.marked,
                first: b.get(r.start).copied().unwrap_or(b' '),
                range: r,
            });
        }
        *lines = Lines::NONE;
        open.clear();
    };
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
        let next = (end + 1).min(b.len());
        let info = line_kind(body, at..end, &mut specials, &mut open);
        match info.kind {
            Line::Blank => {
                close(&mut lines, &mut open, start..at);
                start = next;
            }
            _ => lines.add(info),
        }
        at = next;
    }
    close(&mut lines, &mut open, start..b.len());
    out
}

/// Ranges of `body` a front-matter block could cover, sorted and disjoint: the parser
/// takes a `---` line at any block start (inside containers too), followed by a line
/// that is neither blank nor a closing line, as the start of a metadata block that runs
/// to the next line starting `---` or `...`, and blank lines do not end it. Any `---`
/// with only whitespace after it on its line counts as an opening here, which
/// over-counts.
pub(super) fn meta_regions(body: &str) -> Vec<Range<usize>> {
    let b = body.as_bytes();
    let line_end = |i: usize| memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k + 1);
    // Starts of the lines that close a metadata block: `---` or `...` (exactly three),
    // spaces, a line end.
    let closes = |i: usize| {
        let rest = &b[i..];
        let Some(&c) = rest.first() else {
            return false;
        };
        let n = rest.iter().take_while(|&&x| x == c).count();
        let tail = &rest[3.min(rest.len())..];
        let sp = tail.iter().take_while(|&&x| x == b' ').count();
        matches!(c, b'-' | b'.') && n == 3 && matches!(tail.get(sp), None | Some(b'\n' | b'\r'))
    };
    // The first closing line starting at or after a line start, found line by line
    // and kept: openings come in order, so the search only moves forward.
    let mut close_cache: Option<(usize, Option<usize>)> = None;
    let mut closing_from = |from: usize| -> Option<usize> {
        if let Some((searched, found)) = close_cache
            && searched <= from
            && found.is_none_or(|c| c >= from)
        {
            return found;
        }
        let mut i = from;
        let mut found = None;
        while i < b.len() {
            if closes(i) {
                found = Some(i);
                break;
            }
            i = line_end(i);
        }
        close_cache = Some((from, found));
        found
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&b[from..], b"---") {
        let at = from + k;
        let end = line_end(at);
        from = end;
        let only_ws = b[at + 3..end]
            .iter()
            .all(|&x| x == b'-' || x.is_ascii_whitespace());
        if !only_ws || end >= b.len() {
            continue;
        }
        let blank = b[end..line_end(end)].iter().all(u8::is_ascii_whitespace);
        if blank || closes(end) {
            continue;
        }
        // The first closing line from the third line on.
        let third = line_end(end);
        let Some(close) = closing_from(third) else {
            // No closing line: no later opening has one either.
            break;
        };
        let start = b[..at]
            .iter()
            .rposition(|&x| x == b'\n')
            .map_or(0, |p| p + 1);
        let r = start..line_end(close);
        match out.last_mut() {
            Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(body: &str) -> Vec<(&str, Shape)> {
        plan(body)
            .into_iter()
            .map(|s| (&body[s.range], s.shape))
            .collect()
    }

    #[test]
    fn prose_lists_and_headings_are_plain() {
        let body = "# Báo cáo năm 2025\n\nTổng thu đạt 6.985 tỷ đồng,\ntăng 12%.\n\n- Một mục\n- Hai mục\n\nNăm 2025 kết thúc.\n";
        assert_eq!(
            shapes(body),
            vec![
                ("# Báo cáo năm 2025\n", Shape::Heading(1)),
                ("Tổng thu đạt 6.985 tỷ đồng,\ntăng 12%.\n", Shape::Paragraph),
                ("- Một mục\n- Hai mục\n", Shape::List),
                ("Năm 2025 kết thúc.\n", Shape::Paragraph),
            ]
        );
    }

    #[test]
    fn markup_and_block_starts_are_not_plain() {
        for s in [
            "Có *nhấn mạnh",
            "Có nhấn* mạnh",
            "Có **nhấn* mạnh",
            "Có ***nhấn*** mạnh",
            "* Gạch sao",
            "** Hai sao",
            "*",
            "Chú thích<sup>12345</sup>",
            "Chú thích<sup>a</sup>",
            "Chú thích<sub>1</sub>",
            "Chú thích <https://x.vn>",
            "Có *nhấn* và [liên kết]",
            "Có *nhấn*_gạch_",
            "Ảnh ![x]",
            "A &amp; B",
            "cột | cột",
            "1. Mục một",
            "2) Mục hai",
            " Thụt lề",
            "> Trích",
            "Dòng có hai dấu cách  ",
            "Dòng có dấu cách ",
            "Dòng\r lẻ",
            "Đoạn\n===",
            "Đoạn\n---",
            "## Tiêu đề ##",
            "##  Hai dấu cách",
            "#Dính liền",
            "- ",
            "-  Hai dấu cách",
            "- 1. Lồng",
            "+ Cộng",
            "= Bằng",
            "~ Ngã",
            "{x} Ngoặc nhọn",
            "^ Mũ",
        ] {
            assert!(plan(s).is_empty(), "{s:?}");
        }
        for s in [
            "(1) Mục một",
            "\"Trích\" dẫn",
            "'Nháy' đơn",
            "%, $, /, ;, ?, @ và .",
            ": hai chấm",
        ] {
            assert_eq!(shapes(s), vec![(s, Shape::Paragraph)], "{s:?}");
            let item = format!("- {s}");
            assert_eq!(shapes(&item), vec![(&*item, Shape::List)], "{item:?}");
        }
        assert_eq!(
            shapes("2023 là năm bản lề"),
            vec![("2023 là năm bản lề", Shape::Paragraph)]
        );
        for s in [
            "Có *nhấn* mạnh",
            "**Đậm** đầu dòng",
            "*Nghiêng đầu dòng*",
            "Chú thích<sup>1</sup>.",
            "<sup>1</sup> Ghi chú",
            "Có *nhấn **lồng** nhau* và “*trích*”",
            "Mở *nhấn\nqua dòng* đóng",
            "Chào! Có * sao lẻ",
        ] {
            let plan = plan(s);
            assert_eq!(plan.len(), 1, "{s:?}");
            assert!(plan[0].marked && plan[0].shape == Shape::Paragraph, "{s:?}");
        }
        assert_eq!(
            shapes("## **II. Đậm**"),
            vec![("## **II. Đậm**", Shape::Heading(2))]
        );
        assert_eq!(
            shapes("- *một*\n- **hai**"),
            vec![("- *một*\n- **hai**", Shape::List)]
        );
        // Each item and heading is its own inline context.
        assert!(plan("- *một\n- hai*").is_empty());
        assert!(plan("## **II.\n").is_empty());
    }

    /// What pulldown-cmark makes of a one-paragraph text, as `Inline` pieces; `None`
    /// for anything else in it.
    fn parser_inline(t: &str) -> Option<Vec<Inline>> {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_FOOTNOTES;
        let events: Vec<_> = Parser::new_ext(t, opts).into_offset_iter().collect();
        let inner = match events.as_slice() {
            [
                (Event::Start(Tag::Paragraph), _),
                inner @ ..,
                (Event::End(TagEnd::Paragraph), _),
            ] => inner,
            _ => return None,
        };
        let mut out = Vec::new();
        let mut k = 0;
        while k < inner.len() {
            let (ev, r) = &inner[k];
            let delim = |strong, open| Inline::Delim { strong, open };
            out.push(match ev {
                Event::Text(x) if **x == t[r.clone()] => Inline::Text(r.clone()),
                Event::Start(Tag::Strong) => delim(true, true),
                Event::End(TagEnd::Strong) => delim(true, false),
                Event::Start(Tag::Emphasis) => delim(false, true),
                Event::End(TagEnd::Emphasis) => delim(false, false),
                Event::InlineHtml(h) if &**h == "<sup>" => {
                    let (Some((Event::Text(n), d)), Some((Event::InlineHtml(c), e))) =
                        (inner.get(k + 1), inner.get(k + 2))
                    else {
                        return None;
                    };
                    if &**c != "</sup>" {
                        return None;
                    }
                    k += 2;
                    Inline::Sup {
                        label: n.parse().ok()?,
                        range: r.start..e.end,
                        digits: d.clone(),
                    }
                }
                _ => return None,
            });
            k += 1;
        }
        Some(out)
    }

    /// `inline` on the one-line paragraph `t`: the parser's pieces whenever it accepts
    /// the line. Returns whether it did.
    fn same_inline(t: &str) -> bool {
        let mut ours = Vec::new();
        let mut open = Vec::new();
        let ok = Specials::new(t.as_bytes()).kind_in(0..t.len()) != Special::Other
            && inline(t, 0..t.len(), &mut open, |p| ours.push(p))
            && open.is_empty();
        if ok {
            assert_eq!(Some(ours), parser_inline(t), "{t:?}");
        }
        ok
    }

    #[test]
    fn inline_pieces_are_the_parsers_on_project_lines() {
        let mut accepted = 0;
        for t in crate::testing::project_texts() {
            for line in t.lines() {
                let marked = line.contains(['*', '<']);
                let trimmed = line.ends_with([' ', '\t', '\u{b}', '\u{c}']);
                if marked && !trimmed && starts_prose(line.as_bytes()) && same_inline(line) {
                    accepted += 1;
                }
            }
        }
        assert!(accepted > 100, "{accepted}");
    }

    #[test]
    fn inline_pieces_are_the_parsers_on_odd_lines() {
        let accepted = [
            "Có *nhấn* mạnh",
            "**Đậm** đầu",
            "*a **b** c*",
            "**a *b* c**",
            "“*trích*” và *“cây tre”*;",
            "a*b*c",
            "*“cây tre Việt Nam”*”",
            "\"*cây tre*\". Và",
            "(*ngoặc*) và *x*, *y*; *z*.",
            "Chào! Thế * sao ** hai",
            "m<sup>2</sup> và<sup>12</sup> và *x*<sup>3</sup>",
            "<sup>1</sup> Ghi chú",
            "a\u{a0}*b*\u{a0}c",
            "*Kết thúc.*",
            "*ảnh hưởng*<sup>1</sup>.",
            "Một*",
        ];
        for t in accepted {
            // `Một*` only closes, and nothing is open.
            assert_eq!(same_inline(t), t != "Một*", "{t:?}");
        }
        for t in [
            "***x***",
            "*x**",
            "**x*",
            "*a **b* c**",
            "e\u{301}*x*",
            "*\u{200b}x*",
            "x *_y_*",
            "*x*\r",
            "<sup> 1</sup>",
            "<SUP>1</SUP>",
            "*x*×",
            "”*”",
        ] {
            assert!(!same_inline(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn inline_pieces_are_the_parsers_on_star_salad(
            picks in proptest::collection::vec(0..STAR_BITS.len(), 1..24)
        ) {
            let t: String = picks.iter().map(|&i| STAR_BITS[i]).collect();
            if starts_prose(t.as_bytes()) && !t.ends_with([' ', '\t']) {
                same_inline(&t);
            }
        }
    }

    /// Words, spaces and punctuation of every class next to star runs.
    const STAR_BITS: &[&str] = &[
        "*",
        "**",
        "***",
        "a",
        "đ",
        "Việt",
        "2",
        " ",
        "  ",
        "\u{a0}",
        "\t",
        ".",
        ",",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "–",
        "…",
        "!",
        "?",
        "<sup>1</sup>",
        "<sup>2</sup>",
        "m",
        "<",
        "_",
        "e\u{301}",
        "\u{200b}",
        "×",
        "#",
        "-",
    ];

    #[test]
    fn a_loose_list_is_plain_as_a_whole() {
        let body = "Mở.\n\n- một\n\n- hai\n- ba\n  \n- bốn\n\nHết.\n";
        assert_eq!(
            shapes(body),
            vec![
                ("Mở.\n", Shape::Paragraph),
                ("- một\n", Shape::List),
                ("- hai\n- ba\n", Shape::List),
                ("- bốn\n", Shape::List),
                ("Hết.\n", Shape::Paragraph),
            ]
        );
    }

    #[test]
    fn a_list_that_could_join_a_neighbour_is_left_to_the_parser() {
        // An indented line continues the last item; a list before may be continued by
        // this one; a line starting `-` may be an item of it.
        for body in [
            "Mở.\n\n- một\n\n  tiếp\n",
            "Mở.\n\n- một\n\n- hai\n\n  tiếp\n",
            "* khác\n\n- một\n\nHết.",
            "* khác\n\n- một\n\n- hai\n\nHết.",
            "Mở.\n\n- một\n\n- hai\n\n-5% so với",
        ] {
            assert!(
                !plan(body).iter().any(|s| s.shape == Shape::List),
                "{body:?}"
            );
        }
    }

    #[test]
    fn front_matter_and_unsplittable_texts_stay_with_the_parser() {
        let body = "---\ntitle: Báo cáo\n\nGiữa khối\n---\n\nSau khối.\n";
        assert_eq!(shapes(body), vec![("Sau khối.\n", Shape::Paragraph)]);
        // A `---` rule before a blank line opens nothing.
        let body = "Trước.\n\n---\n\nSau.\n";
        assert_eq!(shapes(body).len(), 2);
        assert!(plan("Mở.\n\n```\nmã\n\nvẫn mã\n```\n").is_empty());
    }
}
