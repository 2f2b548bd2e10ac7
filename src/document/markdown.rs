//! Markdown structure: walks pulldown-cmark events over the source and builds the
//! normalised text, its blocks, footnote markers and front matter.
//!
//! Scraped `.txt` pages go through here too: they are Markdown in practice (bold, lists),
//! and plain prose parses as paragraphs anyway.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::normalize::{Normalizer, OffsetMap, is_blank};
use super::plain::{self, Inline, Shape, Stretch};
use super::{Block, BlockKind, FootnoteRef, Meta};
use crate::time::{TimePoint, parse_iso_date};

/// A paragraph that is all bold and shorter than this many characters is a heading.
const BOLD_HEADING_MAX_CHARS: usize = 200;

#[derive(Debug, PartialEq)]
pub(crate) struct Parsed {
    pub text: String,
    pub map: OffsetMap,
    pub blocks: Vec<Block>,
    pub footnote_refs: Vec<FootnoteRef>,
    pub meta: Meta,
}

/// A document longer than this is parsed in pieces of about this many bytes where that
/// gives the same events (see `piece_ends`): pulldown-cmark holds a tree of about 1.5
/// bytes per input byte for the whole input while it runs, more than the text itself.
const PIECE_LEN: usize = 1 << 20;

/// Parses `source` (the whole file text, BOM included).
pub(crate) fn parse(source: &str) -> Parsed {
    parse_with(source, PIECE_LEN, true)
}

/// `parse`, the body cut into pieces of at least `piece_len` bytes where it can be, and
/// with the plain stretches (`plain::plan`) built without the parser when `fast`.
fn parse_with(source: &str, piece_len: usize, fast: bool) -> Parsed {
    // pulldown-cmark does not skip a BOM, and front matter must start the input.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &source[base..];
    let mut b = Builder::new(source, base);
    let mut from = 0;
    if fast {
        for s in plain::plan(body) {
            feed_in_pieces(&mut b, body, from..s.range.start, piece_len);
            b.plain(&s);
            from = s.range.end;
        }
    }
    feed_in_pieces(&mut b, body, from..body.len(), piece_len);
    b.finish()
}

/// Parses `body[range]` into `b`, in pieces of at least `piece_len` bytes where it can be
/// cut. A range of blank lines between two plain stretches has no events.
fn feed_in_pieces(b: &mut Builder<'_>, body: &str, range: Range<usize>, piece_len: usize) {
    let Some(part) = body.get(range.clone()) else {
        return;
    };
    if part
        .bytes()
        .all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
    {
        return;
    }
    let mut from = 0;
    for to in piece_ends(part, piece_len) {
        feed(b, part.get(from..to).unwrap_or(""), range.start + from);
        from = to;
    }
}

/// Parses `piece`, which starts at byte `at` of the body, into `b`.
fn feed(b: &mut Builder<'_>, piece: &str, at: usize) {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let base = b.base + at;
    let mut events = Parser::new_ext(piece, opts).into_offset_iter();
    let mut queue: VecDeque<(Event<'_>, Range<usize>)> = VecDeque::new();
    while let Some((ev, r)) = queue.pop_front().or_else(|| events.next()) {
        if let Event::InlineHtml(h) = &ev
            && h.trim().eq_ignore_ascii_case("<sup>")
            && b.meta_buf.is_none()
        {
            while queue.len() < 2 {
                match events.next() {
                    Some(x) => queue.push_back(x),
                    None => break,
                }
            }
            if let (Some((Event::Text(n), _)), Some((Event::InlineHtml(close), close_r))) =
                (queue.front(), queue.get(1))
                && close.trim().eq_ignore_ascii_case("</sup>")
                && let Some(label) = footnote_label(n)
                && !b.is_unit_exponent(label)
            {
                let src = r.start + base..close_r.end + base;
                queue.drain(..2);
                b.marker(label, src);
                continue;
            }
        }
        b.event(ev, r.start + at..r.end + at);
    }
}

/// Where the pieces of `body` end (the last at `body.len()`): after a blank line, before
/// a line that starts with a letter (or `**` and a letter) in column 0. There every block
/// and container is closed, so the parser starts afresh, as it would on a piece alone;
/// unless the text has what a blank line does not close (a code fence, an HTML comment,
/// script, `pre` or style block) or what counts across the whole text (link reference
/// and footnote definitions, `]:`): then it is one piece. Never inside what could be a
/// front-matter block (`plain::meta_regions`).
fn piece_ends(body: &str, piece_len: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    if body.len() > piece_len && splittable(body) {
        let b = body.as_bytes();
        // A front-matter block runs across blank lines.
        let meta = plain::meta_regions(body);
        let mut meta_at = 0;
        let mut from = piece_len;
        while let Some(k) = memchr::memmem::find(b.get(from..).unwrap_or_default(), b"\n\n") {
            let at = from + k + 2;
            while meta.get(meta_at).is_some_and(|m| m.end <= at) {
                meta_at += 1;
            }
            let in_meta = meta.get(meta_at).is_some_and(|m| m.start < at);
            if !in_meta && starts_plain_line(&body[at..]) {
                ends.push(at);
                from = at + piece_len;
            } else {
                from = at - 1;
            }
            if from >= b.len() {
                break;
            }
        }
    }
    ends.push(body.len());
    ends
}

/// Whether a line starting here can only open a paragraph at top level.
fn starts_plain_line(rest: &str) -> bool {
    let rest = rest.strip_prefix("**").unwrap_or(rest);
    rest.chars().next().is_some_and(char::is_alphabetic)
}

/// Whether `body` has nothing that makes pieces parse differently from the whole (see
/// `piece_ends`).
pub(super) fn splittable(body: &str) -> bool {
    let b = body.as_bytes();
    // One pass for the three: a substring search per needle cost more than the parse
    // of a plain paragraph saves.
    let spans = memchr::memchr3_iter(b'`', b'~', b']', b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"```") || rest.starts_with(b"~~~") || rest.starts_with(b"]:")
    });
    if spans {
        return false;
    }
    // HTML blocks a blank line does not end: `<!--`, `<!DOCTYPE`, `<![CDATA[`, `<?`,
    // `<script`, `<pre`, `<style`, `<textarea`.
    !memchr::memchr_iter(b'<', b).any(|i| {
        let rest = &b[i + 1..];
        let starts = |tag: &[u8]| {
            rest.get(..tag.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(tag))
        };
        matches!(rest.first(), Some(b'!' | b'?'))
            || [&b"script"[..], b"pre", b"style", b"textarea"]
                .into_iter()
                .any(starts)
    })
}

/// The label of `<sup>N</sup>`: digits only, at most 4 of them.
fn footnote_label(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Footnote(Option<u32>),
}

/// The block being filled.
#[derive(Debug)]
struct Open {
    kind: BlockKind,
    /// Where its separator from the previous block starts in the text.
    sep_start: usize,
    /// Where its own text starts.
    start: usize,
    /// (table, row) of a table cell.
    cell: Option<(u32, u32)>,
}

struct Builder<'s> {
    source: &'s str,
    /// The parsed text: `source[base..]`.
    body: &'s str,
    base: usize,
    text: String,
    map: OffsetMap,
    norm: Normalizer,
    blocks: Vec<Block>,
    refs: Vec<FootnoteRef>,
    meta_buf: Option<String>,
    meta: Meta,
    last_heading: Option<usize>,
    open: Option<Open>,
    /// Kind for the next block opened (a footnote body found by its marker).
    next_kind: Option<BlockKind>,
    /// Whitespace from a line break, written only if more text follows in the block.
    pending_ws: Option<&'static str>,
    /// Inside an HTML block: the end of a comment or script being skipped.
    html_skip: Option<&'static str>,
    containers: Vec<Container>,
    heading: Option<u8>,
    in_para: bool,
    in_cell: bool,
    image_depth: u32,
    strong_depth: u32,
    table: u32,
    row: u32,
    last_cell: Option<(u32, u32)>,
    /// Nothing seen yet in the current paragraph.
    para_fresh: bool,
    /// No text outside strong emphasis in the current paragraph so far.
    all_strong: bool,
    has_strong: bool,
    /// A line break and no text since.
    after_break: bool,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str, base: usize) -> Self {
        let body = source.get(base..).unwrap_or("");
        Builder {
            source,
            body,
            base,
            text: String::with_capacity(body.len()),
            map: OffsetMap::default(),
            norm: Normalizer::default(),
            blocks: Vec::new(),
            refs: Vec::new(),
            meta_buf: None,
            meta: Meta::default(),
            last_heading: None,
            open: None,
            next_kind: None,
            pending_ws: None,
            html_skip: None,
            containers: Vec::new(),
            heading: None,
            in_para: false,
            in_cell: false,
            image_depth: 0,
            strong_depth: 0,
            table: 0,
            row: 0,
            last_cell: None,
            para_fresh: false,
            all_strong: false,
            has_strong: false,
            after_break: false,
        }
    }

    fn finish(mut self) -> Parsed {
        self.finish_block();
        self.text.shrink_to_fit();
        self.map.shrink_to_fit();
        self.blocks.shrink_to_fit();
        Parsed {
            text: self.text,
            map: self.map,
            blocks: self.blocks,
            footnote_refs: self.refs,
            meta: self.meta,
        }
    }

    fn event(&mut self, ev: Event<'_>, r: Range<usize>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(buf) = &mut self.meta_buf {
                    buf.push_str(&t);
                } else if self.image_depth == 0 {
                    self.text_event(&t, r, true);
                }
            }
            Event::Code(t) if self.image_depth == 0 => self.text_event(&t, r, false),
            Event::InlineHtml(h) if is_br(&h) => self.line_break("\n"),
            Event::Html(h) => self.html_block(&h, r),
            Event::FootnoteReference(label) => {
                if let Ok(label) = label.trim().parse::<u32>() {
                    self.ensure_block();
                    self.refs.push(FootnoteRef {
                        label,
                        text_pos: self.text.len(),
                        source_range: r.start + self.base..r.end + self.base,
                    });
                }
            }
            Event::SoftBreak => self.line_break(" "),
            Event::HardBreak => self.line_break("\n"),
            Event::Rule => self.finish_block(),
            // Math and task markers are not prose.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.finish_block();
                self.in_para = true;
                self.para_fresh = true;
                self.all_strong = true;
                self.has_strong = false;
            }
            Tag::Heading { level, .. } => {
                self.finish_block();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.finish_block();
                self.containers.push(Container::Quote);
            }
            Tag::Item => {
                self.finish_block();
                self.containers.push(Container::Item);
            }
            Tag::FootnoteDefinition(label) => {
                self.finish_block();
                self.containers
                    .push(Container::Footnote(label.trim().parse().ok()));
            }
            Tag::Table(_) => {
                self.finish_block();
                self.table += 1;
            }
            Tag::TableHead | Tag::TableRow => {
                self.finish_block();
                self.row += 1;
            }
            Tag::TableCell => {
                self.finish_block();
                self.in_cell = true;
            }
            Tag::HtmlBlock => {
                self.finish_block();
                self.html_skip = None;
            }
            Tag::CodeBlock(_) | Tag::List(_) => self.finish_block(),
            Tag::Strong => self.strong_depth += 1,
            Tag::Image { .. } => self.image_depth += 1,
            Tag::MetadataBlock(_) => self.meta_buf = Some(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.bold_heading();
                self.finish_block();
                self.in_para = false;
            }
            TagEnd::Heading(_) => {
                self.finish_block();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.finish_block();
                self.containers.pop();
            }
            TagEnd::TableCell => {
                self.finish_block();
                self.in_cell = false;
            }
            TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_) => self.finish_block(),
            TagEnd::Strong => self.strong_depth = self.strong_depth.saturating_sub(1),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {
                if let Some(buf) = self.meta_buf.take() {
                    self.meta = parse_front_matter(&buf);
                }
            }
            _ => {}
        }
    }

    /// The kind a block opened here gets.
    fn context_kind(&self) -> BlockKind {
        if let Some(level) = self.heading {
            return BlockKind::Heading { level };
        }
        if self.in_cell {
            return BlockKind::Other;
        }
        match self.containers.last() {
            Some(Container::Item) => BlockKind::ListItem,
            Some(Container::Footnote(Some(label))) => BlockKind::FootnoteBody { label: *label },
            _ => BlockKind::Paragraph,
        }
    }

    fn has_content(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|o| o.start < self.text.len())
    }

    fn ensure_block(&mut self) {
        if self.open.is_some() {
            return;
        }
        let cell = self.in_cell.then_some((self.table, self.row));
        let sep_start = self.text.len();
        if !self.text.is_empty() {
            let sep = match (self.last_cell, cell) {
                (Some(prev), Some(cur)) if prev == cur => " | ",
                (Some(prev), Some(cur)) if prev.0 == cur.0 => "\n",
                _ => "\n\n",
            };
            self.text.push_str(sep);
        }
        let kind = self.next_kind.take().unwrap_or_else(|| self.context_kind());
        self.open = Some(Open {
            kind,
            sep_start,
            start: self.text.len(),
            cell,
        });
        self.pending_ws = None;
    }

    fn finish_block(&mut self) {
        self.pending_ws = None;
        self.next_kind = None;
        self.after_break = false;
        let Some(open) = self.open.take() else {
            return;
        };
        let trimmed = open.start + self.text[open.start..].trim_end_matches([' ', '\n']).len();
        let mut end = self.map.truncate(trimmed, self.source).max(open.start);
        if end == open.start {
            end = self
                .map
                .truncate(open.sep_start, self.source)
                .max(open.sep_start);
        }
        self.text.truncate(end);
        for r in self.refs.iter_mut().rev() {
            if r.text_pos <= end {
                break;
            }
            r.text_pos = end;
        }
        if end <= open.start {
            return;
        }
        let index = self.blocks.len();
        self.blocks.push(Block {
            kind: open.kind,
            range: open.start..end,
            section: self.last_heading,
        });
        if matches!(open.kind, BlockKind::Heading { .. }) {
            self.last_heading = Some(index);
        }
        self.last_cell = open.cell;
    }

    /// A plain stretch of `body` (see `plain`): the events the parser gives for it, each
    /// line's text pushed as `text_event` would push it (it holds no backslash or
    /// entity, so it is its own source).
    fn plain(&mut self, s: &Stretch) {
        let lines = lines_inclusive(self.body.get(s.range.clone()).unwrap_or(""));
        let mut at = s.range.start;
        match s.shape {
            Shape::Paragraph => {
                self.start(Tag::Paragraph);
                // Emphasis may run across the lines of a paragraph.
                let mut open = Vec::new();
                for (i, line) in lines.enumerate() {
                    if i > 0 {
                        self.line_break(" ");
                    }
                    self.plain_line(at..at + content_len(line), s.marked, &mut open);
                    at += line.len();
                }
                self.end(TagEnd::Paragraph);
            }
            Shape::List => {
                self.start(Tag::List(None));
                for line in lines {
                    self.start(Tag::Item);
                    self.plain_line(at + 2..at + content_len(line), s.marked, &mut Vec::new());
                    self.end(TagEnd::Item);
                    at += line.len();
                }
                self.end(TagEnd::List(false));
            }
            Shape::Heading(level) => {
                let Some(line) = lines.into_iter().next() else {
                    return;
                };
                let h = usize::from(level);
                self.finish_block();
                self.heading = Some(level);
                self.plain_line(
                    at + h + 1..at + content_len(line),
                    s.marked,
                    &mut Vec::new(),
                );
                self.finish_block();
                self.heading = None;
            }
        }
    }

    /// The inline content `body[r]` of a line of a plain stretch; `marked` if the
    /// stretch has inline markup, which `plain::inline` splits as the parser does
    /// (`open` as it takes it).
    fn plain_line(&mut self, r: Range<usize>, marked: bool, open: &mut Vec<bool>) {
        if !marked {
            self.push_source(r.start, r.end, false);
            return;
        }
        let body = self.body;
        plain::inline(body, r, open, |piece| match piece {
            Inline::Text(r) => self.text_event(&body[r.clone()], r, true),
            Inline::Delim { strong: true, open } => {
                if open {
                    self.start(Tag::Strong);
                } else {
                    self.end(TagEnd::Strong);
                }
            }
            // `*` emphasis builds nothing.
            Inline::Delim { strong: false, .. } => {}
            Inline::Sup {
                label,
                range,
                digits,
            } => {
                // As `feed` takes `<sup>N</sup>`.
                if self.is_unit_exponent(label) {
                    self.text_event(&body[digits.clone()], digits, true);
                } else {
                    self.marker(label, range.start + self.base..range.end + self.base);
                }
            }
        });
    }

    /// Whitespace owed before the next text: a line break beats a cell separator,
    /// which beats a space.
    fn line_break(&mut self, ws: &'static str) {
        let rank = |w: Option<&str>| match w {
            Some("\n") => 3,
            Some(" | ") => 2,
            Some(_) => 1,
            None => 0,
        };
        if self.has_content() {
            if rank(Some(ws)) > rank(self.pending_ws) {
                self.pending_ws = Some(ws);
            }
            self.after_break = true;
        }
    }

    /// Starts content: opens the block and writes pending whitespace; tracks whether the
    /// paragraph is all bold.
    fn begin_content(&mut self, visible: bool) {
        self.ensure_block();
        if let Some(ws) = self.pending_ws.take()
            && self.has_content()
        {
            self.text.push_str(ws);
        }
        if visible {
            if self.strong_depth == 0 {
                self.all_strong = false;
            } else {
                self.has_strong = true;
            }
        }
        self.para_fresh = false;
        self.after_break = false;
    }

    /// A text or code event: `t` as the parser gives it, `r` its range in `body`.
    fn text_event(&mut self, t: &str, r: Range<usize>, is_text: bool) {
        let orig = self.body.get(r.clone()).unwrap_or("");
        if orig == t {
            let escaped = is_text
                && r.start > 0
                && self.body.as_bytes().get(r.start - 1) == Some(&b'\\')
                && t.as_bytes().first().is_some_and(u8::is_ascii_punctuation);
            if escaped {
                // `\*`: the parser starts the text after the backslash; the character
                // stands for both bytes.
                self.push_whole(&t[..1], r.start - 1..r.start + 1);
                self.push_source(r.start + 1, r.end, true);
                return;
            }
            if is_text && t.bytes().all(|b| b == b'*') {
                // An unmatched emphasis delimiter: markup, not prose.
                return;
            }
            self.push_source(r.start, r.end, is_text);
        } else if !is_text && let Some(off) = orig.find(t).filter(|_| !t.is_empty()) {
            // A code span: the range includes the backticks.
            self.push_source(r.start + off, r.start + off + t.len(), false);
        } else {
            // Rewritten by the parser (an entity): map it to its whole source. The
            // replacement is short; copying it frees the normaliser's buffer.
            let n = self.norm.coarse(t).to_string();
            self.push_whole(&n, r);
        }
    }

    /// Appends `rep`, already normalised, mapped as a whole to `body[src]`.
    fn push_whole(&mut self, rep: &str, src: Range<usize>) {
        let rep = if self.has_content() {
            rep
        } else {
            rep.trim_start_matches(is_blank)
        };
        if rep.is_empty() {
            return;
        }
        self.begin_content(!rep.trim().is_empty());
        let at = self.text.len();
        self.text.push_str(rep);
        self.map.push_replaced(
            at..self.text.len(),
            src.start + self.base..src.end + self.base,
        );
    }

    /// One line of an HTML block: the text between tags is kept (converters write
    /// tables and paragraphs as raw HTML); comments, scripts and styles are not.
    fn html_block(&mut self, h: &str, r: Range<usize>) {
        if self.body.get(r.clone()) != Some(h) {
            return;
        }
        let b = h.as_bytes();
        let mut i = 0;
        while i < h.len() {
            if let Some(end) = self.html_skip {
                let Some(k) = find_ascii_ci(&b[i..], end.as_bytes()) else {
                    return;
                };
                i += k + end.len();
                self.html_skip = None;
                continue;
            }
            let lt = (i..b.len())
                .find(|&k| {
                    b[k] == b'<'
                        && b.get(k + 1)
                            .is_some_and(|c| c.is_ascii_alphabetic() || b"/!".contains(c))
                })
                .unwrap_or(b.len());
            self.html_text(r.start + i, r.start + lt);
            if lt >= b.len() {
                break;
            }
            if b[lt..].starts_with(b"<!--") {
                self.html_skip = Some("-->");
                i = lt + 4;
                continue;
            }
            let gt = b[lt..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |k| lt + k + 1);
            let (closing, name) = tag_name(&h[lt..gt]);
            i = gt;
            match name.as_str() {
                "script" if !closing => self.html_skip = Some("</script>"),
                "style" if !closing => self.html_skip = Some("</style>"),
                "sup" if !closing => {
                    let rest = &h[gt..];
                    if let Some(k) = find_ascii_ci(rest.as_bytes(), b"</sup>")
                        && let Some(label) = footnote_label(&rest[..k])
                    {
                        let end = gt + k + "</sup>".len();
                        self.marker(label, r.start + lt + self.base..r.start + end + self.base);
                        i = end;
                    }
                }
                "table" if !closing && !self.has_content() => {
                    self.next_kind = Some(BlockKind::Other);
                }
                "td" | "th" if closing => self.line_break(" | "),
                "br" | "p" | "div" | "li" | "tr" | "table" | "ul" | "ol" | "h1" | "h2" | "h3"
                | "h4" | "h5" | "h6" | "blockquote" | "section" | "article" => {
                    self.line_break("\n");
                }
                _ => {}
            }
        }
    }

    /// Text between tags of an HTML block (`body[start..end]`): lines joined by spaces,
    /// common entities decoded.
    fn html_text(&mut self, start: usize, end: usize) {
        let body = self.body;
        let Some(s) = body.get(start..end) else {
            return;
        };
        let mut from = 0;
        let mut k = 0;
        while k < s.len() {
            let c = s.as_bytes()[k];
            if c == b'\n' {
                self.push_source(start + from, start + k, false);
                self.line_break(" ");
                from = k + 1;
            } else if c == b'&'
                && let Some((rep, len)) = html_entity(&s[k..])
            {
                self.push_source(start + from, start + k, false);
                let mut buf = [0u8; 4];
                let rep = match rep {
                    '\u{a0}' => " ",
                    c => c.encode_utf8(&mut buf),
                };
                self.push_whole(rep, start + k..start + k + len);
                from = k + len;
                k = from;
                continue;
            }
            k += 1;
        }
        self.push_source(start + from, end, false);
    }

    /// Appends `body[start..end]`, normalised; runs of `**` that the parser left as
    /// text are dropped when `strip_stars`.
    fn push_source(&mut self, mut start: usize, end: usize, strip_stars: bool) {
        let body = self.body;
        let Some(mut s) = body.get(start..end) else {
            return;
        };
        // A letter or digit is not blank: most blocks start with one.
        if !self.has_content() && !s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
            let skip = s.len() - s.trim_start_matches(is_blank).len();
            s = &s[skip..];
            start += skip;
        }
        if s.is_empty() {
            return;
        }
        // Stops at the first visible character, where trimming both ends reads two.
        let visible = !s.chars().all(is_blank);
        self.begin_content(visible);
        if strip_stars && has_double_star(s) {
            let mut from = 0;
            while let Some(i) = s[from..].find("**").map(|i| i + from) {
                let stop = i + s[i..].len() - s[i..].trim_start_matches('*').len();
                self.push_norm(&s[from..i], start + from);
                from = stop;
            }
            self.push_norm(&s[from..], start + from);
        } else {
            self.push_norm(s, start);
        }
    }

    fn push_norm(&mut self, s: &str, start: usize) {
        self.norm
            .push(&mut self.text, &mut self.map, s, start + self.base);
    }

    /// `<sup>N</sup>` that is `m²`/`m³` after a unit (`100 m<sup>2</sup>`), not a marker.
    fn is_unit_exponent(&self, label: u32) -> bool {
        if !(label == 2 || label == 3) || self.pending_ws.is_some() || !self.has_content() {
            return false;
        }
        let word = self
            .text
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        matches!(word, "m" | "km" | "cm" | "mm" | "dm" | "hm")
    }

    /// A footnote marker `<sup>label</sup>` covering `src` in the source.
    fn marker(&mut self, label: u32, src: Range<usize>) {
        let body_start = self.in_para
            && self.para_fresh
            && self.open.is_none()
            && self.context_kind() == BlockKind::Paragraph;
        if body_start {
            self.next_kind = Some(BlockKind::FootnoteBody { label });
            self.para_fresh = false;
            return;
        }
        let next_body = self.in_para
            && self.after_break
            && matches!(
                self.open.as_ref().map(|o| o.kind),
                Some(BlockKind::FootnoteBody { .. })
            );
        if next_body {
            // Footnote bodies on consecutive lines of one paragraph.
            self.finish_block();
            self.next_kind = Some(BlockKind::FootnoteBody { label });
            return;
        }
        self.ensure_block();
        self.para_fresh = false;
        self.refs.push(FootnoteRef {
            label,
            text_pos: self.text.len(),
            source_range: src,
        });
    }

    /// A short paragraph that is all bold is a heading (PDF conversions).
    fn bold_heading(&mut self) {
        if !(self.all_strong && self.has_strong) {
            return;
        }
        let Some(open) = &mut self.open else {
            return;
        };
        if open.kind != BlockKind::Paragraph {
            return;
        }
        let t = self.text.get(open.start..).unwrap_or("").trim();
        if t.chars().nth(BOLD_HEADING_MAX_CHARS).is_none() {
            open.kind = BlockKind::Heading {
                level: numbered_heading_level(t),
            };
        }
    }
}

/// `s.split_inclusive('\n')` with the crate `memchr`, whose vector search is several
/// times faster on long lines of prose than the one `str` uses for a `char`.
fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = s.get(from..).filter(|r| !r.is_empty())?;
        let len = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |k| k + 1);
        from += len;
        Some(&rest[..len])
    })
}

/// Length of `line` without its line break (LF or CR LF).
fn content_len(line: &str) -> usize {
    let l = line.strip_suffix('\n').unwrap_or(line);
    l.strip_suffix('\r').unwrap_or(l).len()
}

/// `s.contains("**")` without building a substring searcher per text event.
fn has_double_star(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'*', b).any(|i| b.get(i + 1) == Some(&b'*'))
}

/// Level of a bold heading from its numbering: `I.` 1, `1.` 2, `1.1` 3, `1.1.1` 4;
/// unnumbered 2.
pub(crate) fn numbered_heading_level(t: &str) -> u8 {
    let b = t.as_bytes();
    let roman = b.iter().take_while(|c| b"IVXLC".contains(c)).count();
    if roman > 0 && matches!(b.get(roman), Some(b'.' | b')')) {
        return 1;
    }
    let mut groups = 0;
    let mut i = 0;
    let mut dot_after = false;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            break;
        }
        groups += 1;
        i += digits;
        dot_after = matches!(b.get(i), Some(b'.' | b')'));
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
        } else {
            break;
        }
    }
    match groups {
        0 => 2,
        1 if !dot_after => 2,
        n => (n + 1).min(6) as u8,
    }
}

/// Whether an HTML tag closes, and its lower-case name (empty for `<!...>`).
fn tag_name(tag: &str) -> (bool, String) {
    let t = tag.strip_prefix('<').unwrap_or(tag);
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name = t
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase() as char)
        .collect();
    (closing, name)
}

/// Position of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// An HTML entity at the start of `s`: the character and the entity's length.
fn html_entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let name = &s[1..end];
    let c = match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((c, end + 1))
}

fn is_br(h: &str) -> bool {
    let h = h.trim().as_bytes();
    h.len() >= 4
        && h[0] == b'<'
        && h[1..3].eq_ignore_ascii_case(b"br")
        && matches!(h[3], b'>' | b'/' | b' ' | b'\t')
}

/// `key: value` lines of YAML-style front matter.
fn parse_front_matter(buf: &str) -> Meta {
    let mut meta = Meta::default();
    for line in buf.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let owned = || Some(nfc_owned(value));
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = owned(),
            "date" => meta.date = parse_date(value),
            "publisher" => meta.publisher = owned(),
            "source" => meta.source = owned(),
            _ => {}
        }
    }
    meta
}

/// `s` in NFC. The quick check answers for nearly every title without the composing
/// iterator, which costs far more per character; `Yes` means `s` is NFC already.
fn nfc_owned(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// ISO dates (`2024-01-15`, `2024`), and day-first dates (`15/01/2024`) as Vietnamese
/// sites write them.
fn parse_date(v: &str) -> Option<TimePoint> {
    if let Some(p) = parse_iso_date(v) {
        return Some(p);
    }
    let parts: Vec<&str> = v.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let p = TimePoint::Day {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    p.is_valid().then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(BlockKind, String)> {
        let p = parse(src);
        p.blocks
            .iter()
            .map(|b| (b.kind, p.text[b.range.clone()].to_string()))
            .collect()
    }

    /// `parse` whole and cut at every place `piece_ends` allows: the same result.
    fn same_in_pieces(src: &str) -> usize {
        let body = src.strip_prefix('\u{feff}').unwrap_or(src);
        let pieces = piece_ends(body, 1).len();
        assert_eq!(
            parse_with(src, 1, false),
            parse_with(src, usize::MAX, false),
            "{src:?}"
        );
        pieces
    }

    #[test]
    fn pieces_parse_as_the_whole_on_project_texts() {
        let mut cut = 0;
        for t in crate::testing::project_texts() {
            if same_in_pieces(&t) > 1 {
                cut += 1;
            }
        }
        // Most texts are cut somewhere, so the comparison is not empty.
        assert!(cut > 20, "{cut} texts cut");
    }

    #[test]
    fn pieces_parse_as_the_whole_around_containers() {
        let texts = [
            "\u{feff}---\ntitle: Báo cáo\n---\n\nMở đầu.\n\nTiếp theo.\n",
            "- một\n\n- hai\n\n  tiếp mục hai\n\nSau danh sách.\n\n1. một\n\n2. hai\n\nHết.",
            "> trích\n>\n> tiếp\n\nSau trích.\n\n> lại\nlười\n\nXong.",
            "| Năm | Vốn |\n|---|---|\n| 2023 | 36,6 |\n\nSau bảng.\n\n    mã thụt\n\n    mã nữa\n\nHết.",
            "**Tiêu đề đậm**\n\n**1.1 Tình hình**\n\nĐoạn<sup>1</sup> có chú thích.\n\n<sup>1</sup> Ghi chú.\n\nCuối.",
            "Dòng một  \ndòng hai\\\n\nBa\n===\n\nBốn\n---\n\nNăm\n\n***\n\nSáu *nghiêng\n\nbảy* tám.",
            "<div>\nKhối HTML\n\nSau div.\n</div>\n\nĐoạn cuối &amp; thực thể.",
            "Đoạn\n\n\n\nCách nhiều dòng\r\n\r\nCRLF\n\n\u{a0}Khoảng\n\nCuối.",
        ];
        for t in texts {
            same_in_pieces(t);
        }
        assert!(same_in_pieces(texts[1]) > 2);
    }

    #[test]
    fn texts_with_what_spans_blank_lines_stay_whole() {
        for t in [
            "Mở.\n\n```\nmã\n\nVẫn mã\n```\n\nHết.",
            "Mở.\n\n~~~\nmã\n\nVẫn mã\n~~~\n\nHết.",
            "Mở.\n\n<!-- chú\n\nVẫn chú -->\n\nHết.",
            "Mở.\n\n<PRE>\nmã\n\nVẫn mã\n</PRE>\n\nHết.",
            "Mở [a].\n\nGiữa.\n\n[a]: http://x\n\nHết.",
            "Mở[^1].\n\nGiữa.\n\n[^1]: Ghi chú\n\nHết.",
        ] {
            assert_eq!(piece_ends(t, 1), vec![t.len()], "{t:?}");
        }
        assert!(piece_ends("Mở.\n\nHai.\n\nBa.", 1).len() == 3);
    }

    /// `parse` with and without the plain stretches built directly: the same text, map,
    /// blocks, footnote markers and front matter. Returns how many stretches were plain.
    fn same_fast(src: &str) -> usize {
        let body = src.strip_prefix('\u{feff}').unwrap_or(src);
        let fast = parse_with(src, usize::MAX, true);
        assert_eq!(fast, parse_with(src, usize::MAX, false), "{src:?}");
        // Pieces and plain stretches together, as a big file is read.
        assert_eq!(parse_with(src, 1, true), fast, "{src:?}");
        plain::plan(body).len()
    }

    #[test]
    fn plain_stretches_build_what_the_parser_builds_on_project_texts() {
        let texts = crate::testing::project_texts();
        let plain: usize = texts.iter().map(|t| same_fast(t)).sum();
        let with_plain = texts.iter().filter(|t| same_fast(t) > 0).count();
        // Hundreds of texts have plain stretches, so the comparison is not empty.
        assert!(
            plain > 500 && with_plain > 200,
            "{plain} in {with_plain} of {}",
            texts.len()
        );
    }

    #[test]
    fn plain_stretches_build_what_the_parser_builds_around_markup() {
        let texts = [
            "# Báo cáo\n\nTổng thu 6.985 tỷ đồng,\ntăng 12%.\n\n- Một\n- Hai\n\nHết.",
            "\u{feff}---\ntitle: Báo cáo\ndate: 2025-01-08\n---\n\nMở đầu.\r\ntiếp\r\n\r\n- a\r\n- b\r\n",
            "Đoạn\u{a0}có NBSP\u{200b} và e\u{301} tổ hợp\n\n\u{a0}Bắt đầu NBSP\n\nCuối\u{a0}",
            "Trước.\n\n---\n\nSau.\n\n---\ntitle: x\n\nTrong khối\n...\n\nNgoài khối.",
            "- một\n- hai\n\n- ba\n\nSau.\n\n* sao\n\n- gạch\n\nHết.",
            "Đoạn<sup>1</sup>.\n\n<sup>1</sup> Ghi chú.\n\nThường.\n\n**Đậm**\n\nThường nữa.",
            "2023 là năm\n1. không phải\n\n2023. Mục\n\n## 1. Tiêu đề\n\n###### Sáu\n\n####### Bảy",
            "Dòng\tcó tab\n\nDòng cuối không xuống dòng",
            // A line of VT is not blank to the parser: `- ` under it is an underline.
            "Đoạn một\n\u{b}\n- \n\nĐoạn hai\n\u{c}\n\nBa",
            "> trích\n\nSau trích.\n\n    mã\n\nSau mã.\n\n| a | b |\n|---|---|\n\nSau bảng.",
            // Loose lists: blank lines of every kind between items, every kind of
            // line after them, odd characters in the items.
            "Mở.\n\n- một\n\n- hai\n- ba\n  \n- bốn\n\t\n- năm\n\n\n\nHết.",
            "- một\n\n- hai\n\nHết.",
            "Mở.\r\n\r\n- một\r\n\r\n- hai\r\n",
            "Mở.\n\n- một\n\n- hai",
            "# Tiêu đề\n\n- một\u{a0}NBSP\n\n- e\u{301} tổ hợp\u{200b}\n\n- \u{feff}BOM\tgiữa\n\nHết.",
            "\u{feff}---\ntitle: x\n---\n\n- một\n\n- hai\n\nHết.",
            "Mở.\n\n- một\n\n- hai\n\n* sao\n\n+ cộng\n\n1. số\n\n> trích\n\n---\n\n<div>x</div>",
            "Mở.\n\n- một\n\n- hai\n\n  tiếp\n\n- ba\n\n    mã\n\n- bốn\n\n-5%\n\nHết.",
            "Mở.\n\n- một\n\n- hai\n\n# Tiêu đề\n\n- ba\n\n- bốn\nlười\n\nHết.",
            "Mở.\n\n- một\n\n- hai\nMột dòng\n\n- ba\n\n- bốn\n===\n\nHết.",
            "Mở.\n\n- một\r- lẻ\n\n- hai\n\n---\ntitle: x\n\n- ba\n...\n\n- bốn\n\nHết.",
            // Lines that start with punctuation that opens no block.
            "(1) Mục một\n(2) mục hai\n\n- (a) ý\n- \"b\" ý\n\n'c' và %\n\n$5, /x, ;y, ?z, @w, .v, :u",
            "Đoạn\n(tiếp)\n\n(Mở\n===\n\n(Mở\n---\n\n- a\n(lười)\n\n- b\n\n(sau)\n\nHết.",
        ];
        let plain: usize = texts.iter().map(|t| same_fast(t)).sum();
        assert!(plain > 20, "{plain}");
    }

    /// Stretches with emphasis and `<sup>` markers built directly: what the parser
    /// builds. Returns how many were marked.
    fn same_fast_marked(src: &str) -> usize {
        same_fast(src);
        let body = src.strip_prefix('\u{feff}').unwrap_or(src);
        plain::plan(body).iter().filter(|s| s.marked).count()
    }

    #[test]
    fn marked_stretches_build_what_the_parser_builds_on_project_texts() {
        let texts = crate::testing::project_texts();
        let marked: usize = texts.iter().map(|t| same_fast_marked(t)).sum();
        assert!(marked > 100, "{marked}");
    }

    #[test]
    fn marked_stretches_build_what_the_parser_builds_around_emphasis() {
        let texts = [
            // Bold heading lines, numbered or not, short and long.
            "**Tài liệu thông tin nội bộ**\n\n**1.1 Tình hình**\n\n**II. Thành tựu** và thường\n\nHết.",
            "Mở.\n\n**Đậm một dòng\nqua hai dòng**\n\n**Đậm** **hai lần**\n\n*Nghiêng*\n\nHết.",
            "## **II. Thành tựu**\n\n### *2.1 Nghiêng*\n\n# **Đậm** và thường\n\n- **Mục đậm**\n- *mục* nghiêng",
            // Nested, unbalanced, `***`, spaced stars, punctuation on either side.
            "Có *nhấn **lồng** nhau* và **đậm *lồng* nhau**.\n\nCó *lẻ\n\nCó **lẻ* nữa\n\n***Ba*** sao",
            "Thế * sao ** hai *** ba\n\n* Mục sao\n\n** Hai sao đầu\n\n*\n\n**\n\nHết.",
            "“*trích*” và *“cây tre Việt Nam”*” và (*ngoặc*), *x*; *y*.\n\n\"*Trích*\". Hết.",
            "a*b*c và a**b**c và a*b và *a*b*c*\n\n”*” lẻ\n\n”*x*” và .*x*.",
            // Intraword and other markup next to the stars.
            "snake_case *x* và *y*_z\n\n*x* [a] và *y*\n\n*x* `mã` *y*\n\n*x* &amp; *y*\n\n*x* | *y*",
            // `<sup>`: footnote markers, unit exponents, bodies at a paragraph start.
            "Diện tích 500 m<sup>2</sup> và 3 km<sup>3</sup>, chú thích<sup>2</sup>.\n\n<sup>1</sup> Ghi chú một.\n<sup>2</sup> Ghi chú hai.\n\nHết<sup>12345</sup>.",
            "*ảnh hưởng*<sup>1</sup>. Và “*x*”<sup>6</sup>.\n\n- <sup>3</sup> trong mục\n\n# Tiêu đề<sup>4</sup>\n\n**<sup>5</sup> Đậm**",
            "Có<sup>1</sup>\n<sup>2</sup> dòng hai\n\nm <sup>2</sup> cách\n\nm<sup>2</sup>\n\n<SUP>1</SUP> hoa\n\n<sup> 1</sup> cách",
            // Odd characters next to the stars, CRLF, NBSP, NFD, zero width.
            "Mở *nhấn*\r\nqua **dòng**\r\n\r\n- *a*\r\n- **b**\r\n",
            "a\u{a0}*b*\u{a0}c\n\ne\u{301}*x* và *e\u{301}*\n\n*\u{200b}x* và *x\u{200b}*\n\n*x*× và ×*x*",
            "**Đậm**  \ndòng hai\n\n*x*\u{b}\n\n*x* \n\n**99999999999999999999** số lớn<sup>9999</sup>",
            // Emphasis across lines of a paragraph, and not across items.
            "*Mở\ntiếp\nđóng.* Sau\n\n**Mở\n*giữa*\nđóng**\n\n- *mở\n- đóng*\n\n*mở\n\nđóng*",
        ];
        let marked: usize = texts.iter().map(|t| same_fast_marked(t)).sum();
        assert!(marked > 25, "{marked}");
    }

    /// Pieces of Markdown-ish text: prose, every markup character, block starts,
    /// indentation, line ends of every kind, invisible and decomposed characters.
    const BITS: &[&str] = &[
        "Tổng thu",
        " đạt",
        " 6.985",
        " tỷ đồng",
        "2023",
        " năm",
        "Năm",
        "e\u{301}",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "\t",
        " ",
        "  ",
        "\n",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\n- ",
        "- ",
        "* ",
        "+ ",
        "1. ",
        "2) ",
        "# ",
        "## ",
        "#",
        "> ",
        "    ",
        "---",
        "\n---\n",
        "...",
        "===",
        "*",
        "**",
        "_",
        "`",
        "```",
        "~~~",
        "\\",
        "&amp;",
        "&",
        "[",
        "]",
        "[^1]",
        "]:",
        "(x)",
        "(",
        "\"",
        "'",
        ":",
        "%",
        "@",
        "!",
        "<",
        ">",
        "<sup>2</sup>",
        "<sup>12</sup>",
        "<sup>",
        "</sup>",
        "m",
        "**Đậm**",
        "*nghiêng*",
        "“",
        "”",
        ".",
        ",",
        "<br>",
        "<!--",
        "-->",
        "|",
        "~",
        "$",
        "\u{1}",
        "\u{7f}",
        "\u{b}",
        "\u{c}",
        "\0",
        "đ",
        "“Việt”",
        "—",
    ];

    proptest::proptest! {
        #[test]
        fn plain_stretches_build_what_the_parser_builds_on_markdown_salad(
            picks in proptest::collection::vec(0..BITS.len(), 0..60)
        ) {
            let t: String = picks.iter().map(|&i| BITS[i]).collect();
            same_fast(&t);
        }

        #[test]
        fn plain_stretches_build_what_the_parser_builds_on_mostly_prose(
            picks in proptest::collection::vec((0..BITS.len(), 0..8usize), 0..80)
        ) {
            // Mostly prose and line ends, now and then markup.
            let t: String = picks
                .iter()
                .map(|&(i, k)| match k {
                    0 => BITS[i],
                    1 | 2 => "\n\n",
                    3 => "\n",
                    4 => "\n- ",
                    _ => BITS[i % 8],
                })
                .collect();
            same_fast(&t);
        }
    }

    #[test]
    fn lines_split_as_split_inclusive_splits() {
        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                "\n",
                "\n\n",
                "a",
                "a\n",
                "\na",
                "a\r\nb\rc\n\nđ\u{a0}\n",
            ]
            .map(String::from),
        );
        for t in &texts {
            let ours: Vec<&str> = lines_inclusive(t).collect();
            let std: Vec<&str> = t.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{t:?}");
        }
    }

    #[test]
    fn quick_nfc_is_the_composing_iterator() {
        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                "Báo cáo",
                "Ba\u{301}o ca\u{301}o",
                "e\u{301}\u{323}",
                "\u{1100}\u{1161}",
                "\u{212b}",
                "a\u{a0}\u{200b}b",
                "\u{301}",
            ]
            .map(String::from),
        );
        for t in &texts {
            for line in t.lines() {
                assert_eq!(nfc_owned(line), line.nfc().collect::<String>(), "{line:?}");
            }
        }
    }

    #[test]
    fn heading_levels_from_numbering() {
        assert_eq!(numbered_heading_level("I. Bối cảnh chung"), 1);
        assert_eq!(numbered_heading_level("IV. Định hướng"), 1);
        assert_eq!(numbered_heading_level("2. Kết quả"), 2);
        assert_eq!(numbered_heading_level("2.3 Kinh tế"), 3);
        assert_eq!(numbered_heading_level("2.3. Kinh tế"), 3);
        assert_eq!(numbered_heading_level("2.3.1. Thương mại"), 4);
        assert_eq!(numbered_heading_level("Tài liệu tham khảo"), 2);
        assert_eq!(numbered_heading_level("2023 là năm bản lề"), 2);
    }

    #[test]
    fn double_stars_found_as_contains_finds_them() {
        for s in [
            "", "*", "**", "a*b*c", "a**", "***", "*a*", "x * * y", "**đ**", "đ*",
        ] {
            assert_eq!(has_double_star(s), s.contains("**"), "{s:?}");
        }
    }

    #[test]
    fn emphasis_markers_vanish_words_stay() {
        let p = parse("Đã có *gần 200* cuộc gặp và **36,6** tỷ USD vốn.");
        assert_eq!(p.text, "Đã có gần 200 cuộc gặp và 36,6 tỷ USD vốn.");
    }

    #[test]
    fn unmatched_double_stars_are_dropped() {
        let p = parse("** Kết quả** nổi bật và thêm *x** nữa");
        assert!(!p.text.contains("**"), "{:?}", p.text);
        assert!(p.text.contains("Kết quả"));
    }

    #[test]
    fn lists_quotes_tables_and_code() {
        let src = "- một mục\n- hai mục\n\n> trích dẫn\n\n| Năm | Vốn |\n|---|---|\n| 2023 | 36,6 |\n\n    thụt lề bốn\n";
        let k = kinds(src);
        assert_eq!(
            k,
            vec![
                (BlockKind::ListItem, "một mục".into()),
                (BlockKind::ListItem, "hai mục".into()),
                (BlockKind::Paragraph, "trích dẫn".into()),
                (BlockKind::Other, "Năm".into()),
                (BlockKind::Other, "Vốn".into()),
                (BlockKind::Other, "2023".into()),
                (BlockKind::Other, "36,6".into()),
                (BlockKind::Paragraph, "thụt lề bốn".into()),
            ]
        );
        let p = parse(src);
        assert!(p.text.contains("Năm | Vốn\n2023 | 36,6"), "{:?}", p.text);
    }

    #[test]
    fn breaks_and_html() {
        let p = parse("dòng một\ndòng hai  \ndòng ba<br>dòng <span>bốn</span>");
        assert_eq!(p.text, "dòng một dòng hai\ndòng ba\ndòng bốn");
    }

    #[test]
    fn escapes_map_to_backslash_and_character() {
        let src = "giá \\*50\\* đồng";
        let p = parse(src);
        assert_eq!(p.text, "giá *50* đồng");
        let at = p.text.find('*').unwrap();
        let r = p.map.source_range(&p.text, at..at + 4, src);
        assert_eq!(&src[r], "\\*50\\*");
    }

    #[test]
    fn entities_map_to_their_whole_source() {
        let src = "A &amp; B";
        let p = parse(src);
        assert_eq!(p.text, "A & B");
        let r = p.map.source_range(&p.text, 2..3, src);
        assert_eq!(&src[r], "&amp;");
    }

    #[test]
    fn consecutive_footnote_lines_split() {
        let p = parse("<sup>1</sup> Ghi chú một.\n<sup>2</sup> Ghi chú hai.");
        let k: Vec<_> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            k,
            vec![
                BlockKind::FootnoteBody { label: 1 },
                BlockKind::FootnoteBody { label: 2 }
            ]
        );
        assert!(p.footnote_refs.is_empty());
    }

    #[test]
    fn html_blocks_keep_their_text() {
        let src = "<table>\n<tr><td>Năm 2023</td>\n<td>36,6&nbsp;tỷ USD</td></tr>\n</table>\n\n\
                   <!-- factlint-disable\n một quy tắc -->\n\n\
                   <div>\nĐạt <b>gần 200</b> hoạt động<sup>8</sup>.\n</div>\n";
        let p = parse(src);
        assert_eq!(p.text, "Năm 2023 | 36,6 tỷ USD\n\nĐạt gần 200 hoạt động.");
        assert_eq!(p.blocks[0].kind, BlockKind::Other);
        assert_eq!(p.blocks[1].kind, BlockKind::Paragraph);
        assert_eq!(p.footnote_refs.len(), 1);
        let at = p.text.find("36,6").unwrap();
        let r = p.map.source_range(&p.text, at..at + "36,6 tỷ".len(), src);
        assert_eq!(&src[r], "36,6&nbsp;tỷ");
    }

    #[test]
    fn square_metres_are_not_markers() {
        let p = parse("Diện tích 500 m<sup>2</sup> sàn.");
        assert_eq!(p.text, "Diện tích 500 m2 sàn.");
        assert!(p.footnote_refs.is_empty());
    }

    #[test]
    fn markdown_footnotes() {
        let p = parse("Có 47 chuyến thăm[^8].\n\n[^8]: Trong đó 20 chuyến.\n");
        assert_eq!(p.footnote_refs.len(), 1);
        assert_eq!(p.footnote_refs[0].label, 8);
        assert!(
            p.blocks
                .iter()
                .any(|b| b.kind == BlockKind::FootnoteBody { label: 8 })
        );
    }

    #[test]
    fn front_matter_day_first_date() {
        let p = parse("---\ndate: '15/01/2024'\npublisher: Bộ Ngoại giao\n---\n\nNội dung.");
        assert_eq!(
            p.meta.date,
            Some(TimePoint::Day {
                year: 2024,
                month: 1,
                day: 15
            })
        );
        assert_eq!(p.meta.publisher.as_deref(), Some("Bộ Ngoại giao"));
        assert_eq!(p.text, "Nội dung.");
    }
}
