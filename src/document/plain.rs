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
//! letter, a non-ASCII character or digits not followed by `.` or `)`), and no line has
//! trailing whitespace (a hard break) or a lone CR. Cutting the parser's input there is
//! safe for the reason `markdown::piece_ends` gives: after a blank line, a line at column
//! 0 that starts no block closes every container. A list is plain only between stretches
//! that cannot belong to it. The whole text must be `splittable` (no fence, raw HTML
//! block a blank line does not end, or link or footnote definition), and a stretch must
//! not lie in what could be a front-matter block (see `meta_regions`).

use std::ops::Range;

/// How a plain stretch is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Lines of one paragraph.
    Paragraph,
    /// A tight `- ` list, one item per line.
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
/// footnotes on, no strikethrough, math or smart punctuation), and control characters
/// but the tab.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != b'\t' as usize;
        c += 1;
    }
    t[0x7f] = true;
    let marks = b"\\*_&[]<!`|";
    let mut i = 0;
    while i < marks.len() {
        t[marks[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whitespace the parser trims at a line end (two or more of it make a hard break).
fn is_trailing_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | 0x0b | 0x0c)
}

/// Whether a line (without its line break) of this content can only be paragraph text
/// at column 0, with no inline syntax and nothing trimmed at either end.
fn plain_line(line: &[u8]) -> bool {
    let Some((&first, _)) = line.split_first() else {
        return false;
    };
    let starts_prose = if first.is_ascii_digit() {
        // `1.` and `1)` open ordered lists.
        let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
        !matches!(line.get(digits), Some(b'.' | b')'))
    } else {
        first.is_ascii_alphabetic() || first >= 0x80
    };
    starts_prose && inline_plain(line)
}

/// Whether `s` has no special byte and no whitespace at its end.
fn inline_plain(s: &[u8]) -> bool {
    let clean = s.iter().fold(true, |ok, &b| ok & !SPECIAL[b as usize]);
    clean && s.last().is_some_and(|&b| !is_trailing_ws(b))
}

/// The level of a plain one-line heading: `#`..`######`, one space, text with no `#`
/// (a closing sequence) and nothing to trim.
fn heading_level(line: &[u8]) -> Option<u8> {
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || line.get(hashes) != Some(&b' ') {
        return None;
    }
    let rest = line.get(hashes + 1..)?;
    let ok = rest.first().is_some_and(|&b| !is_trailing_ws(b))
        && !rest.contains(&b'#')
        && inline_plain(rest);
    ok.then_some(hashes as u8)
}

/// A line of a plain `- ` list: the marker, one space, a plain line.
fn list_line(line: &[u8]) -> bool {
    line.strip_prefix(b"- ").is_some_and(plain_line)
}

/// Whether a line (without its line break) is blank to the parser.
fn is_blank_line(line: &[u8]) -> bool {
    line.iter().all(|&b| is_trailing_ws(b))
}

/// `line` without a final CR, or None if it holds a CR elsewhere (a lone CR ends a line
/// for the parser but not here).
fn without_cr(line: &[u8]) -> Option<&[u8]> {
    let l = line.strip_suffix(b"\r").unwrap_or(line);
    (!l.contains(&b'\r')).then_some(l)
}

/// The shape of the stretch made of `lines` (each without its line break), if plain.
fn shape(lines: &[&[u8]]) -> Option<Shape> {
    if let [one] = lines
        && let Some(level) = heading_level(one)
    {
        return Some(Shape::Heading(level));
    }
    if lines.iter().all(|l| plain_line(l)) {
        return Some(Shape::Paragraph);
    }
    if lines.iter().all(|l| list_line(l)) {
        return Some(Shape::List);
    }
    None
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
    let mut meta_at = 0;
    let mut out: Vec<Stretch> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let Some(shape) = c.shape else {
            continue;
        };
        while meta.get(meta_at).is_some_and(|m| m.end <= c.range.start) {
            meta_at += 1;
        }
        if meta.get(meta_at).is_some_and(|m| m.start < c.range.end) {
            continue;
        }
        if shape == Shape::List && !list_stands_alone(&cands, i, &out) {
            continue;
        }
        out.push(Stretch {
            range: c.range.clone(),
            shape,
        });
    }
    out
}

/// Whether the list stretch `cands[i]` is a list of its own: the stretch before it is a
/// plain paragraph or heading already planned (not a list it would continue), and the
/// next one cannot continue it (an indented line or another `-` item).
fn list_stands_alone(cands: &[Candidate], i: usize, planned: &[Stretch]) -> bool {
    let before_ok = match i.checked_sub(1).and_then(|k| cands.get(k)) {
        None => true,
        Some(prev) => planned.last().is_some_and(|s| {
            s.range == prev.range && matches!(s.shape, Shape::Paragraph | Shape::Heading(_))
        }),
    };
    let after_ok = cands
        .get(i + 1)
        .is_none_or(|next| !(next.first.is_ascii_whitespace() || next.first == b'-'));
    before_ok && after_ok
}

/// Every stretch of non-blank lines of `body`, with its shape if plain.
fn candidates(body: &str) -> Vec<Candidate> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut lines: Vec<&[u8]> = Vec::new();
    // Whether every line of the current stretch is free of stray CRs.
    let mut clean = true;
    let mut start = 0;
    let mut at = 0;
    let close = |out: &mut Vec<Candidate>, lines: &mut Vec<&[u8]>, clean: bool, r: Range<usize>| {
        if !lines.is_empty() {
            out.push(Candidate {
                shape: if clean { shape(lines) } else { None },
                first: b.get(r.start).copied().unwrap_or(b' '),
                range: r,
            });
        }
        lines.clear();
    };
    while at < b.len() {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k);
        let next = (end + 1).min(b.len());
        let raw = &b[at..end];
        match without_cr(raw) {
            Some(l) if is_blank_line(l) => {
                close(&mut out, &mut lines, clean, start..at);
                clean = true;
                start = next;
            }
            Some(l) => lines.push(l),
            None => {
                lines.push(raw);
                clean = false;
            }
        }
        at = next;
        if end == b.len() {
            break;
        }
    }
    close(&mut out, &mut lines, clean, start..b.len());
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
        let c = rest[0];
        let n = rest.iter().take_while(|&&x| x == c).count();
        let tail = &rest[3.min(rest.len())..];
        let sp = tail.iter().take_while(|&&x| x == b' ').count();
        n == 3 && matches!(tail.get(sp), None | Some(b'\n' | b'\r'))
    };
    let at_line_start = |i: usize| i == 0 || b[i - 1] == b'\n';
    let mut closing: Vec<usize> = [&b"---"[..], b"..."]
        .iter()
        .flat_map(|n| memchr::memmem::find_iter(b, n))
        .filter(|&i| at_line_start(i) && closes(i))
        .collect();
    closing.sort_unstable();
    closing.dedup();
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
        let Some(&close) = closing.get(closing.partition_point(|&c| c < third)) else {
            continue;
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
        ] {
            assert!(plan(s).is_empty(), "{s:?}");
        }
        assert_eq!(
            shapes("2023 là năm bản lề"),
            vec![("2023 là năm bản lề", Shape::Paragraph)]
        );
    }

    #[test]
    fn a_list_that_could_join_a_neighbour_is_left_to_the_parser() {
        // Another item after a blank line makes one loose list; an indented line
        // continues the item; a list before may be continued by this one.
        for body in [
            "Mở.\n\n- một\n\n- hai\n",
            "Mở.\n\n- một\n\n  tiếp\n",
            "* khác\n\n- một\n\nHết.\n",
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
