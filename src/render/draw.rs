//! A finding drawn without colour as ariadne 0.6 draws it, for the shape nearly every
//! finding has: each label on one line, over lines whose characters are one column wide
//! and no tab. ariadne writes a report one character at a time through two layers of
//! `fmt`, the most costly part of the human output; this writes the same bytes a row at
//! a time. A finding of any other shape is left to ariadne (`draw` says so).
//!
//! The rows follow `ariadne::write` (0.6.0) for labels that are all inline, with the
//! default configuration (not compact, underlines, arrows attached at the middle of a
//! label, no colour). Test `plain_drawing_is_what_ariadne_draws` holds it to ariadne.

use std::ops::Range;

use ariadne::Source;

/// What a finding shows, for either drawer.
pub(crate) struct Diagnostic<'a> {
    /// `Error`, `Warning` or `Advice`, as ariadne names the kind.
    pub kind: &'static str,
    pub code: &'a str,
    pub message: &'a str,
    /// The primary label first (its place is the report's), then the related ones.
    pub labels: Vec<Mark<'a>>,
    pub help: Option<&'a str>,
    pub notes: Vec<String>,
}

/// A label: a file, a character span of its source, and what it says.
pub(crate) struct Mark<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub message: Option<&'a str>,
}

const HBAR: char = '─';
const VBAR: char = '│';
const LTOP: char = '╭';
const LBOT: char = '╰';
const LCROSS: char = '├';
const RBOT: char = '╯';
const UNDERBAR: char = '┬';

/// A label resolved against its source.
struct Placed<'a, 's> {
    mark: &'a Mark<'a>,
    src: &'s Source<&'s str>,
    /// Its (zero-based) line.
    line: usize,
}

/// Labels of one source drawn together, as `get_source_groups` groups them.
struct Group<'a, 's> {
    labels: Vec<Placed<'a, 's>>,
    span: Range<usize>,
}

impl Group<'_, '_> {
    fn src(&self) -> &Source<&str> {
        self.labels[0].src
    }

    fn file(&self) -> &str {
        self.labels[0].mark.file
    }

    /// `Source::get_line_range` of the group's span.
    fn lines(&self) -> Range<usize> {
        let src = self.src();
        let start = src
            .get_offset_line(self.span.start)
            .map_or(0, |(_, l, _)| l);
        let last = self.span.end.saturating_sub(1).max(self.span.start);
        let end = src
            .get_offset_line(last)
            .map_or(src.lines().len(), |(_, l, _)| l + 1);
        start..end
    }
}

/// Draws `d` into `out` and says true, or writes nothing and says false when its shape
/// is not one this drawer knows (then ariadne draws it).
pub(crate) fn draw<'s>(
    d: &Diagnostic,
    fetch: &dyn Fn(&str) -> Option<&'s Source<&'s str>>,
    out: &mut Vec<u8>,
) -> bool {
    let Some(groups) = groups(d, fetch) else {
        return false;
    };
    let width = groups
        .iter()
        .map(|g| digits(g.lines().end))
        .max()
        .unwrap_or(0);
    header(d, out);
    let last = groups.len() - 1;
    for (k, g) in groups.iter().enumerate() {
        group(d, g, k, width, out);
        if k == last {
            texts(out, width, "Help", d.help.as_slice());
            texts(out, width, "Note", &d.notes);
        }
        tail(out, width, k == last);
    }
    true
}

/// The groups of the labels, when every label is drawable here: its source at hand, a
/// span of at least one character on one line, of a line this drawer can lay out.
fn groups<'a, 's>(
    d: &'a Diagnostic,
    fetch: &dyn Fn(&str) -> Option<&'s Source<&'s str>>,
) -> Option<Vec<Group<'a, 's>>> {
    let mut groups: Vec<Group> = Vec::new();
    for mark in &d.labels {
        let src = fetch(mark.file)?;
        let span = &mark.span;
        if span.start >= span.end || span.end > src.len() {
            return None;
        }
        let (line, idx, _) = src.get_offset_line(span.start)?;
        let (_, end_idx, _) = src.get_offset_line(span.end - 1)?;
        if idx != end_idx || !plain(src.get_line_text(line)?) {
            return None;
        }
        let placed = Placed {
            mark,
            src,
            line: idx,
        };
        match groups.last_mut() {
            Some(g)
                if g.file() == mark.file
                    && g.labels.last().is_none_or(|l| l.line <= placed.line) =>
            {
                g.span.start = g.span.start.min(span.start);
                g.span.end = g.span.end.max(span.end);
                g.labels.push(placed);
            }
            _ => groups.push(Group {
                labels: vec![placed],
                span: span.clone(),
            }),
        }
    }
    // a line number past this would be measured with overflowing powers of ten
    let fits = groups.iter().all(|g| g.lines().end < 100_000_000);
    (!groups.is_empty() && fits).then_some(groups)
}

/// Whether every character of a line, as drawn (without its trailing white space),
/// takes one column: white space but a tab (drawn as a space), and the letters and
/// punctuation of Vietnamese and other Latin text. Others (tabs, combining marks,
/// wide or zero-width characters, controls) are left to ariadne.
fn plain(line: &str) -> bool {
    line.trim_end().chars().all(|c| match c {
        '\t' => false,
        '!'..='~' => true,
        '\u{ad}' => false,
        '\u{a1}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{2027}' => true,
        c => c.is_whitespace(),
    })
}

/// The digits ariadne gives the line numbers: those of `n` (at least one).
fn digits(n: usize) -> usize {
    let mut d = 1;
    let mut x = n / 10;
    while x != 0 {
        d += 1;
        x /= 10;
    }
    d
}

fn spaces(out: &mut Vec<u8>, n: usize) {
    out.resize(out.len() + n, b' ');
}

fn push(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

fn header(d: &Diagnostic, out: &mut Vec<u8>) {
    for part in ["[", d.code, "] ", d.kind, ": ", d.message, "\n"] {
        out.extend_from_slice(part.as_bytes());
    }
}

/// The margin of a row that is not a source line: `    │ `.
fn margin(out: &mut Vec<u8>, width: usize) {
    spaces(out, width + 2);
    push(out, VBAR);
    out.push(b' ');
}

fn group(d: &Diagnostic, g: &Group, k: usize, width: usize, out: &mut Vec<u8>) {
    let src = g.src();
    // the place named: the report's own in its file, else the group's first label's
    let primary = &d.labels[0];
    let at = if g.file() == primary.file {
        primary.span.start
    } else {
        g.labels[0].mark.span.start
    };
    spaces(out, width + 2);
    push(out, if k == 0 { LTOP } else { LCROSS });
    push(out, HBAR);
    out.extend_from_slice(b"[ ");
    out.extend_from_slice(g.file().as_bytes());
    match src.get_offset_line(at) {
        Some((_, line, col)) => {
            out.extend_from_slice(format!(":{}:{}", line + 1, col + 1).as_bytes())
        }
        None => out.extend_from_slice(b":?:?"),
    }
    out.extend_from_slice(b" ]\n");
    spaces(out, width + 2);
    push(out, VBAR);
    out.push(b'\n');

    let mut skipping = false;
    for idx in g.lines() {
        let Some(line) = src.line(idx) else {
            continue;
        };
        let on_line: Vec<&Placed> = g.labels.iter().filter(|l| l.line == idx).collect();
        if on_line.is_empty() {
            // the first line passed over shows as an empty margin, the rest not at all
            if !skipping {
                margin(out, width);
                out.push(b'\n');
            }
            skipping = true;
            continue;
        }
        skipping = false;
        let text = src.get_line_text(line).unwrap_or("").trim_end();
        source_line(out, width, idx, text);
        labels(out, width, line.offset(), &on_line);
    }
}

/// `12 │ text`: the line number, right-aligned, and the line with white space as spaces.
fn source_line(out: &mut Vec<u8>, width: usize, idx: usize, text: &str) {
    let number = (idx + 1).to_string();
    out.push(b' ');
    spaces(out, width - number.len());
    out.extend_from_slice(number.as_bytes());
    out.push(b' ');
    push(out, VBAR);
    out.push(b' ');
    // every white space character drawn as one space
    for (k, piece) in text.split(char::is_whitespace).enumerate() {
        if k > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(piece.as_bytes());
    }
    out.push(b'\n');
}

/// A label of a line, as ariadne lays it out: where its arrow comes down (the column
/// of its middle character, from the line's start), its span from the line's start, and
/// its message.
struct Arrow<'a> {
    col: usize,
    span: Range<usize>,
    message: Option<&'a str>,
}

/// The underlines and arrows of the labels of one line (all characters one column wide).
fn labels(out: &mut Vec<u8>, width: usize, offset: usize, on_line: &[&Placed]) {
    let mut arrows: Vec<Arrow> = on_line
        .iter()
        .map(|l| {
            let s = &l.mark.span;
            Arrow {
                col: ((s.start + s.end) / 2).max(s.start) - offset,
                span: s.start - offset..s.end - offset,
                message: l.mark.message,
            }
        })
        .collect();
    // by column, the later start first (ariadne: `(order, col, !start)`, stable)
    arrows.sort_by_key(|a| (a.col, !a.span.start));
    // past the last label's end (so every column of a label is inside)
    let len = arrows.iter().map(|a| a.span.end).max().unwrap_or(0) + 2;
    let mut cells: Vec<char> = Vec::with_capacity(len);
    for (row, a) in arrows.iter().enumerate() {
        let Some(message) = a.message else {
            continue;
        };
        // under the line: the first row underlines every label; each row brings down
        // the arrows of the labels with a message from its own on (`┬` on an underline)
        cells.clear();
        cells.resize(len, ' ');
        if row == 0 {
            for u in &arrows {
                cells[u.span.clone()].fill(HBAR);
            }
        }
        for b in arrows[row..].iter().filter(|b| b.message.is_some()) {
            let under = row == 0 && arrows.iter().any(|u| u.span.contains(&b.col));
            cells[b.col] = if under { UNDERBAR } else { VBAR };
        }
        margin(out, width);
        push_cells(out, &cells);
        out.push(b'\n');

        // the arrow of this row's label turns right to its message, past the arrows
        // still coming down
        cells.clear();
        cells.resize(len, ' ');
        for b in arrows[row..].iter().filter(|b| b.message.is_some()) {
            cells[b.col] = VBAR;
        }
        cells[a.col] = LBOT;
        cells[a.col + 1..].fill(HBAR);
        margin(out, width);
        push_cells(out, &cells);
        out.push(b' ');
        out.extend_from_slice(message.as_bytes());
        out.push(b'\n');
    }
}

fn push_cells(out: &mut Vec<u8>, cells: &[char]) {
    out.reserve(cells.len() * 3);
    for &c in cells {
        if c == ' ' {
            out.push(b' ');
        } else {
            push(out, c);
        }
    }
}

/// The help or the notes: `Help: …`, or `Note 1: …`, `Note 2: …` when there are several,
/// each after an empty margin row, their further lines indented under the first.
fn texts<S: AsRef<str>>(out: &mut Vec<u8>, width: usize, name: &str, all: &[S]) {
    for (i, text) in all.iter().enumerate() {
        margin(out, width);
        out.push(b'\n');
        let prefix = if all.len() > 1 {
            format!("{name} {}", i + 1)
        } else {
            name.to_string()
        };
        let pad = 2 + if all.len() > 1 { prefix.len() } else { 4 };
        let mut lines = text.as_ref().lines();
        if let Some(first) = lines.next() {
            margin(out, width);
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(first.as_bytes());
            out.push(b'\n');
        }
        for line in lines {
            margin(out, width);
            spaces(out, pad);
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
}

/// `────╯` after the last group, `    │` after the others.
fn tail(out: &mut Vec<u8>, width: usize, last: bool) {
    if last {
        for _ in 0..width + 2 {
            push(out, HBAR);
        }
        push(out, RBOT);
    } else {
        spaces(out, width + 2);
        push(out, VBAR);
    }
    out.push(b'\n');
}
