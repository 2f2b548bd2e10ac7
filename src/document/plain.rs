//! Stretches of Markdown so plain that their blocks are known without the parser.
//!
//! Official statements are mostly paragraphs of prose, `- ` bullet lists and `#`
//! headings, separated by blank lines. For such a stretch pulldown-cmark's events are
//! fixed: a paragraph is one text event per line with soft breaks between, a tight list
//! one item per line, a heading one text event. `plan` finds the stretches where that
//! is certain; `markdown` builds them directly and hands everything else to the parser.
//!
//! A stretch is plain only when no byte in it can start or end any inline syntax
//! (`SPECIAL`), no line can start a block or continue one (each line starts with a
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
}

/// Bytes that may start or end inline syntax with the parser's options (tables and
/// footnotes on; no strikethrough, math or smart punctuation), and the CR (a CR inside a
/// line is a lone CR, a line end to the parser), in groups of three for `memchr3`.
/// Other control characters inside a line mean nothing to the parser without these.
const SPECIAL: [[u8; 3]; 4] = [
    [b'\\', b'*', b'_'],
    [b'&', b'[', b']'],
    [b'<', b'!', b'`'],
    [b'|', b'\r', b'|'],
];

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

    /// Whether `hay[r]` holds a special byte; `r` starts no earlier than the last range.
    fn any_in(&mut self, r: Range<usize>) -> bool {
        for g in 0..SPECIAL.len() {
            if self.next[g] < r.start {
                self.find(g, r.start);
            }
            if self.next[g] < r.end {
                return true;
            }
        }
        false
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

/// The kind of the line `b[r]` (without its line break).
fn line_kind(b: &[u8], r: Range<usize>, specials: &mut Specials<'_>) -> Line {
    let mut r = r;
    if r.end > r.start && b[r.end - 1] == b'\r' {
        r.end -= 1;
    }
    let l = &b[r.clone()];
    let (Some(&first), Some(&last)) = (l.first(), l.last()) else {
        return Line::Blank;
    };
    if is_trailing_ws(first) {
        // A line of VT or FF continues a paragraph: only spaces and tabs make it blank.
        return if l.iter().all(|&b| b == b' ' || b == b'\t') {
            Line::Blank
        } else {
            Line::Other
        };
    }
    if is_trailing_ws(last) || specials.any_in(r) {
        return Line::Other;
    }
    match first {
        b'-' if l.get(1) == Some(&b' ') && starts_prose(&l[2..]) => Line::Item,
        b'#' => heading_level(l).map_or(Line::Other, Line::Heading),
        _ if starts_prose(l) => Line::Prose,
        _ => Line::Other,
    }
}

/// ASCII punctuation that, at the start of a line, opens no block and continues none
/// with the parser's options (no math, superscript, definition lists or smart
/// punctuation): to the block structure such a line is a line that starts with a letter.
/// `(1) Mục một` and `“...”` pasted as `"..."` start many lines of official statements.
const OPENS_NO_BLOCK: &[u8] = b"(\"'%$/,;:?@.";

/// Whether text at column 0 starting `l` (already free of special bytes and trailing
/// whitespace) can only be paragraph text: a letter, a non-ASCII character, punctuation
/// that opens no block (`OPENS_NO_BLOCK`), or digits not followed by `.` or `)` (`1.`
/// and `1)` open ordered lists).
fn starts_prose(l: &[u8]) -> bool {
    match l.first() {
        Some(d) if d.is_ascii_digit() => {
            let digits = l.iter().take_while(|b| b.is_ascii_digit()).count();
            !matches!(l.get(digits), Some(b'.' | b')'))
        }
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

/// The lines of a stretch seen so far.
#[derive(Debug, Clone, Copy)]
struct Lines {
    count: usize,
    prose: bool,
    items: bool,
    heading: Option<u8>,
}

impl Lines {
    const NONE: Lines = Lines {
        count: 0,
        prose: true,
        items: true,
        heading: None,
    };

    fn add(&mut self, l: Line) {
        self.count += 1;
        self.prose &= l == Line::Prose;
        self.items &= l == Line::Item;
        self.heading = match l {
            Line::Heading(level) => Some(level),
            _ => None,
        };
    }

    fn shape(&self) -> Option<Shape> {
        match self.count {
            0 => None,
            1 if self.heading.is_some() => self.heading.map(Shape::Heading),
            _ if self.prose => Some(Shape::Paragraph),
            _ if self.items => Some(Shape::List),
            _ => None,
        }
    }
}

/// A stretch of non-blank lines.
struct Candidate {
    range: Range<usize>,
    shape: Option<Shape>,
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
    let mut specials = Specials::new(b);
    let mut start = 0;
    let mut at = 0;
    let mut close = |lines: &mut Lines, r: Range<usize>| {
        if lines.count > 0 {
            out.push(Candidate {
                shape: lines.shape(),
                first: b.get(r.start).copied().unwrap_or(b' '),
                range: r,
            });
        }
        *lines = Lines::NONE;
    };
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
        let next = (end + 1).min(b.len());
        match line_kind(b, at..end, &mut specials) {
            Line::Blank => {
                close(&mut lines, start..at);
                start = next;
            }
            l => lines.add(l),
        }
        at = next;
    }
    close(&mut lines, start..b.len());
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
            "Có *nhấn* mạnh",
            "Chú thích<sup>1</sup>",
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
    }

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
