//! Documents: the original bytes of a file, the normalised text the extractor reads,
//! and the map between the two.
//!
//! Matching happens on `text` (NFC, NBSP as space, zero-width characters gone, Markdown
//! markup gone, footnote markers lifted out); every span reported to a user is a byte
//! range of `source`, the file as it was read. `Document::source_range` is the only
//! bridge.
//!
//! The reader is picked by extension (`Format::of`): Markdown and text (scraped-page junk
//! marked by `boilerplate`), `.html`/`.htm` (`html`: the article only, spans into the
//! HTML bytes), `.docx` (`docx`: `source` is a one-paragraph-a-line rendering of the
//! document, so the document is not `editable`).

mod boilerplate;
mod docx;
mod html;
mod markdown;
mod normalize;
mod plain;
mod shelf;
mod view;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use crate::source::LineIndex;
use crate::time::TimePoint;

use normalize::OffsetMap;
use shelf::Shelf;
pub use shelf::{Located, Unshelve};
use view::{SourceView, ViewOf};

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given on the command line or found under a given folder.
    pub path: std::sync::Arc<str>,
    /// The file's text exactly as read (a BOM, CRLF, NBSP, NFD all kept), so byte
    /// offsets into it are byte offsets into the file.
    pub source: String,
    /// The normalised text the extractor matches on. Blocks are separated by "\n\n".
    pub text: String,
    /// Structure of `text`, in document order.
    pub blocks: Vec<Block>,
    /// Footnote markers (`<sup>7</sup>`) lifted out of running text.
    pub footnote_refs: Vec<FootnoteRef>,
    /// Front matter (`---` YAML-style block at the top of a Markdown file).
    pub meta: Meta,
    /// Whether `source` is the file's own text, so that an edit of it may be written
    /// back: true for Markdown, text and HTML. False for a Word document, whose `source`
    /// is text extracted from it (see `docx`): `--fix` must never write such a document.
    pub editable: bool,
    /// From `text` offsets to `source` offsets.
    map: OffsetMap,
    lines: LineIndex,
    /// (label, index into `blocks`) of footnote bodies, sorted by label.
    footnotes: Vec<(u32, usize)>,
    /// Set while `source` is dropped (`shelve_source`).
    shelf: Option<Box<Shelf>>,
    /// While `source` is shelved but the text is still held (`shelve_source_for_checks`):
    /// the source, read from the text where it was copied verbatim.
    view: Option<Box<SourceView>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading: a Markdown `#` heading, or a short paragraph that is all bold
    /// (PDF conversions write section titles as `**1.1 Tình hình quốc tế**`).
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
    /// A footnote body: a paragraph that begins with `<sup>n</sup>` (the marker is not in
    /// the block's text).
    FootnoteBody {
        label: u32,
    },
    /// A table cell or other block whose text is kept but which is not running prose.
    Other,
    /// Scraped-page junk (navigation, teasers of other articles, player controls): kept
    /// in the text so spans stay right, but the extractor skips it. See `boilerplate`.
    Boilerplate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in `Document::text`.
    pub range: Range<usize>,
    /// Index into `Document::blocks` of the nearest heading before this block, if any.
    pub section: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteRef {
    pub label: u32,
    /// Byte offset in `Document::text` where the marker stood (it is removed from `text`).
    pub text_pos: usize,
    /// Byte range of the whole marker (`<sup>7</sup>`) in `Document::source`.
    pub source_range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<TimePoint>,
    pub publisher: Option<String>,
    pub source: Option<String>,
}

/// Why a file could not be loaded. `path` is the path as displayed to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: not UTF-8 (first invalid byte at offset {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    Binary { path: String, offset: usize },
}

/// How much of the start of a file is searched for a NUL byte.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The offset map stores u32 offsets and NFC can lengthen text, so files are capped well
/// below 4 GiB.
const MAX_SOURCE_LEN: usize = (u32::MAX / 4) as usize;

/// Reads and loads the file at `path`; `display` is how errors and claims name it.
pub fn load(path: &Path, display: &str) -> Result<Document, LoadError> {
    // Refuse an oversized file before reading it all, and a FIFO or device before
    // opening it (reading one can block for ever).
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            return Err(LoadError::Io {
                path: display.to_string(),
                message: crate::inputs::NOT_REGULAR.to_string(),
            });
        }
        if m.len() > MAX_SOURCE_LEN as u64 {
            return Err(too_large(display, m.len()));
        }
    }
    let io = |e: std::io::Error| LoadError::Io {
        path: display.to_string(),
        message: e.to_string(),
    };
    let format = Format::of(path);
    if format == Format::Docx {
        let bytes = std::fs::read(path).map_err(io)?;
        return docx::load(display, &bytes);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_SOURCE_LEN as u64);
    let source = read_text(file, len as usize, display, READ_CHUNK)?;
    match format {
        Format::Html => html::load(display, source),
        _ => Ok(Document::from_source(display, source)),
    }
}

/// Bytes read at a time by `read_text`.
const READ_CHUNK: usize = 64 * 1024;

/// Reads a text file into a `String`, with the checks of `check` and `utf8` in the same
/// order (a read error, then a NUL byte near the start, then the size, then UTF-8), a
/// chunk at a time: the file is never held twice, as a byte buffer and a copy of it.
/// `len` is the expected size.
fn read_text(
    file: impl std::io::Read,
    len: usize,
    display: &str,
    chunk: usize,
) -> Result<String, LoadError> {
    READ_BUF.with_borrow_mut(|buf| {
        // Only a first use, or a larger chunk, zeroes bytes: stale bytes from the file
        // before are never read, as only `buf[..carry + n]` is.
        if buf.len() < chunk + 3 {
            buf.resize(chunk + 3, 0);
        }
        read_text_with(file, len, display, chunk, buf)
    })
}

thread_local! {
    /// The chunk buffer of `read_text`, kept for the next file read on this thread: a
    /// fresh zeroed buffer per file was half of the reading's cost on small files.
    static READ_BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `read_text` with `buf` (at least `chunk + 3` bytes) to read into.
fn read_text_with(
    mut file: impl std::io::Read,
    len: usize,
    display: &str,
    chunk: usize,
    buf: &mut [u8],
) -> Result<String, LoadError> {
    let mut out = String::with_capacity(len);
    // `buf[..carry]` is the start of a character whose end is not read yet.
    let mut carry = 0;
    let mut total = 0;
    let mut nul = None;
    let mut bad = None;
    loop {
        let n = match file.read(&mut buf[carry..carry + chunk]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(LoadError::Io {
                    path: display.to_string(),
                    message: e.to_string(),
                });
            }
        };
        if nul.is_none() && total < BINARY_SNIFF_LEN {
            let head = &buf[carry..carry + n.min(BINARY_SNIFF_LEN - total)];
            nul = memchr::memchr(0, head).map(|k| total + k);
        }
        // File offset of `buf[0]`.
        let at = total - carry;
        total += n;
        if bad.is_some() {
            // Read on only for a later read error and the size.
            carry = 0;
            continue;
        }
        let data = &buf[..carry + n];
        let end = complete_prefix(data);
        match checked_utf8(&data[..end]) {
            Ok(s) => out.push_str(s),
            Err(valid_up_to) => {
                bad = Some(at + valid_up_to);
                out = String::new();
                carry = 0;
                continue;
            }
        }
        carry = data.len() - end;
        buf.copy_within(end..end + carry, 0);
    }
    if carry > 0 && bad.is_none() {
        // The file ends inside a character.
        bad = Some(total - carry);
    }
    if let Some(offset) = nul {
        return Err(LoadError::Binary {
            path: display.to_string(),
            offset,
        });
    }
    if total > MAX_SOURCE_LEN {
        return Err(too_large(display, total as u64));
    }
    match bad {
        Some(offset) => Err(LoadError::NotUtf8 {
            path: display.to_string(),
            offset,
        }),
        None => Ok(out),
    }
}

/// `data` as text, or how much of it is valid UTF-8. simdutf8's `basic` flavour checks
/// with fewer instructions than `compat` but does not say where an error is: `compat`
/// reads the (rare) bad chunk again to tell.
fn checked_utf8(data: &[u8]) -> Result<&str, usize> {
    simdutf8::basic::from_utf8(data)
        .or_else(|_| simdutf8::compat::from_utf8(data).map_err(|e| e.valid_up_to()))
}

/// Length of `data` without a character cut off at its end (at most 3 bytes are left).
fn complete_prefix(data: &[u8]) -> usize {
    let is_cont = |b: u8| b & 0xC0 == 0x80;
    let conts = data
        .iter()
        .rev()
        .take(3)
        .take_while(|&&b| is_cont(b))
        .count();
    let Some(lead) = data.len().checked_sub(conts + 1) else {
        return data.len();
    };
    let want = match data[lead] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return data.len(),
    };
    if conts + 1 < want { lead } else { data.len() }
}

/// How a file is read, by its extension: Markdown and plain text (any other name too),
/// HTML pages, Word documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    /// The format of the file at `path`, by its extension (case-insensitive).
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("docx") => Format::Docx,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Loads a Word document from bytes already read (see `docx` for what its `source` is).
pub fn docx_from_bytes(display: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    docx::load(display, bytes)
}

/// Loads a saved HTML page from its text: only the article's main content is read, and
/// spans are byte ranges of the HTML itself.
pub fn html_from_source(display: &str, source: String) -> Result<Document, LoadError> {
    html::load(display, source)
}

/// Loads a document from bytes already read.
pub fn from_bytes(display: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    check(display, bytes)?;
    Ok(Document::from_source(display, utf8(display, bytes)?))
}

/// The file's bytes as text, or where they stop being UTF-8. simdutf8 checks many bytes
/// per instruction where std goes character by character through Vietnamese text, and
/// its `compat` flavour reports the same `valid_up_to` as std. Safe code cannot turn
/// checked bytes into a `String` without std checking them again, so they are copied
/// (a memcpy, a small fraction of the cost of std's check).
fn utf8(display: &str, bytes: &[u8]) -> Result<String, LoadError> {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(LoadError::NotUtf8 {
            path: display.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}

/// Binary and size checks; UTF-8 is checked once, by the conversion that follows.
fn check(display: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Err(LoadError::Binary {
            path: display.to_string(),
            offset,
        });
    }
    if bytes.len() > MAX_SOURCE_LEN {
        return Err(too_large(display, bytes.len() as u64));
    }
    Ok(())
}

fn too_large(display: &str, len: u64) -> LoadError {
    LoadError::Io {
        path: display.to_string(),
        message: format!("file too large ({len} bytes; the limit is {MAX_SOURCE_LEN})"),
    }
}

impl Document {
    /// Builds a document from a file's text.
    pub fn from_source(path: &str, source: String) -> Document {
        let mut parsed = markdown::parse(&source);
        boilerplate::mark(&parsed.text, &mut parsed.blocks);
        Document::assemble(path, source, parsed, true)
    }

    /// A document from its source and what a reader made of it.
    fn assemble(path: &str, source: String, parsed: markdown::Parsed, editable: bool) -> Document {
        let lines = LineIndex::new(&source);
        let mut footnotes: Vec<(u32, usize)> = parsed
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                BlockKind::FootnoteBody { label } => Some((label, i)),
                _ => None,
            })
            .collect();
        // Stable sort: the first body with a label wins.
        footnotes.sort_by_key(|&(label, _)| label);
        footnotes.dedup_by_key(|&mut (label, _)| label);
        Document {
            path: path.into(),
            source,
            text: parsed.text,
            blocks: parsed.blocks,
            footnote_refs: parsed.footnote_refs,
            meta: parsed.meta,
            editable,
            map: parsed.map,
            lines,
            footnotes,
            shelf: None,
            view: None,
        }
    }

    /// The smallest byte range of `source` holding the source of the text bytes in
    /// `text_range`: from the start of the first character's source to the end of the
    /// last one's, markup between them included, invisible characters at the edges not.
    /// Text the loader inserted (block separators, soft-break spaces) maps to the source
    /// between its neighbours. The result is always on character boundaries of `source`.
    pub fn source_range(&self, text_range: Range<usize>) -> Range<usize> {
        match &self.view {
            Some(view) => {
                let source = ViewOf {
                    view,
                    text: &self.text,
                };
                self.map.source_range(&self.text, text_range, &source)
            }
            None => self
                .map
                .source_range(&self.text, text_range, self.source.as_str()),
        }
    }

    /// `source.get(range)`, also while the source is shelved for the per-file checks
    /// (`shelve_source_for_checks`).
    pub fn source_get(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        match &self.view {
            Some(view) => view.get(&self.text, range),
            None => self.source.get(range).map(Cow::Borrowed),
        }
    }

    /// Where the source line holding byte `pos` starts (after the last `\n` before it);
    /// `None` when `pos` is not a character boundary of the source.
    pub fn source_line_start(&self, pos: usize) -> Option<usize> {
        let newline = match &self.view {
            Some(view) => {
                if !view.is_char_boundary(&self.text, pos) {
                    return None;
                }
                view.rfind_char(&self.text, pos, |c| c == '\n')
                    .map(|(k, _)| k)
            }
            None => self.source.get(..pos)?.rfind('\n'),
        };
        Some(newline.map_or(0, |k| k + 1))
    }

    /// The length of `source[..pos].trim_end()`; `None` when `pos` is not a character
    /// boundary of the source.
    pub fn source_trimmed_end(&self, pos: usize) -> Option<usize> {
        match &self.view {
            Some(view) => {
                if !view.is_char_boundary(&self.text, pos) {
                    return None;
                }
                Some(
                    view.rfind_char(&self.text, pos, |c| !c.is_whitespace())
                        .map_or(0, |(k, c)| k + c.len_utf8()),
                )
            }
            None => Some(self.source.get(..pos)?.trim_end().len()),
        }
    }

    /// The view a shelved source would have (tests of `view`).
    #[cfg(test)]
    fn view_of_source(&self) -> SourceView {
        SourceView::new(&self.source, &self.text, self.map.copies())
    }

    /// Drops the normalised text and its structure, which only extraction and the checks
    /// read, keeping the source, its line index and the metadata for reporting. Used
    /// once a document's claims and what the checks compare are read from it.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.blocks = Vec::new();
        self.footnote_refs = Vec::new();
        self.footnotes = Vec::new();
        self.map = OffsetMap::default();
        self.view = None;
    }

    /// `shelve_source`, done before extraction and the per-file checks (or the claim
    /// records of `extract`): until `release_text` they read the source through a view of it (`source_get`,
    /// `source_range`, `line_col`) that keeps only what the normalised text does not
    /// hold verbatim, so a large file is not held twice while it is checked. The texts
    /// the shelf keeps are given later (`keep_span_texts`), once the claims are known.
    pub fn shelve_source_for_checks(&mut self, file: &Path) {
        if self.shelf.is_none() {
            let view = SourceView::new(&self.source, &self.text, self.map.copies());
            self.view = Some(Box::new(view));
            self.shelve_source(file, std::iter::empty());
        }
    }

    /// Keeps the source text of `keep` for `span_text` past `release_text`, read from
    /// the view of a source shelved for the checks (else nothing is done).
    pub fn keep_span_texts(&mut self, keep: impl Iterator<Item = Range<usize>>) {
        if let (Some(shelf), Some(view)) = (&mut self.shelf, &self.view) {
            shelf.keep_texts(keep, |r| view.get(&self.text, r));
        }
    }

    /// Drops `source`, keeping the text of the `keep` ranges for `span_text`, until
    /// `unshelve_source` reads it back from `file`, the file it was read from. Only for a
    /// source that is the file's text as read (Markdown, text, HTML; not a Word document).
    pub fn shelve_source(&mut self, file: &Path, keep: impl Iterator<Item = Range<usize>>) {
        if self.shelf.is_none() {
            self.shelf = Some(Box::new(Shelf::new(file, &self.source, keep)));
            self.source = String::new();
        }
    }

    /// Reads a shelved source back from its file, if it is still the text checked. On an
    /// error the document stays shelved: its `source` is empty.
    pub fn unshelve_source(&mut self) -> Result<(), Unshelve> {
        let Some(shelf) = &self.shelf else {
            return Ok(());
        };
        self.source = shelf.read_back()?;
        self.shelf = None;
        Ok(())
    }

    /// Reads a shelved source back, keeps where each of `spans` is (`locate`), and drops
    /// it again: a report that shows only the findings' spans (JSON) then holds no whole
    /// source. A document not shelved is left as it is.
    pub fn resolve_for_report(
        &mut self,
        spans: impl Iterator<Item = Range<usize>>,
    ) -> Result<(), Unshelve> {
        let Some(shelf) = &self.shelf else {
            return Ok(());
        };
        let source = shelf.read_back()?;
        self.shelf = Some(Box::new(shelf.for_report(&source, &self.lines, spans)));
        Ok(())
    }

    /// Where `span` is, as a report shows it: clamped to `source` and its characters,
    /// with its line, column and text. While the source is shelved, only a span given to
    /// `resolve_for_report` has its column and text (others: column 1, no text).
    pub fn locate(&self, span: &Range<usize>) -> Located<'_> {
        match &self.shelf {
            Some(shelf) => shelf.located(span).unwrap_or_else(|| Located {
                span: span.clone(),
                line: self.line_of(span.start),
                column: 1,
                text: "",
            }),
            None => {
                let span = crate::source::clamp(&self.source, span);
                let (line, column) = self.line_col(span.start);
                Located {
                    text: &self.source[span.clone()],
                    span,
                    line,
                    column,
                }
            }
        }
    }

    /// Whether `source` is shelved (dropped until it is read back).
    pub fn is_shelved(&self) -> bool {
        self.shelf.is_some()
    }

    /// The source text of `range`: from `source`, or while it is shelved from the texts
    /// kept.
    pub fn span_text(&self, range: Range<usize>) -> Option<&str> {
        match &self.shelf {
            Some(shelf) => {
                shelf
                    .text(&range)
                    .or_else(|| match self.view.as_ref()?.get(&self.text, range)? {
                        Cow::Borrowed(s) => Some(s),
                        Cow::Owned(_) => None,
                    })
            }
            None => self.source.get(range),
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset of `source`.
    pub fn line_col(&self, source_offset: usize) -> (usize, usize) {
        let Some(view) = &self.view else {
            debug_assert!(!self.is_shelved(), "line_col of a shelved source");
            return self.lines.line_col(&self.source, source_offset);
        };
        // as `LineIndex::line_col`, reading only the line's start from the view
        let mut offset = source_offset.min(view.len());
        while !view.is_char_boundary(&self.text, offset) {
            offset -= 1;
        }
        let line = self.lines.line(offset);
        let start = self.lines.line_start(line).unwrap_or(0).min(offset);
        let bom = self.lines.bom_len();
        let from = if start == 0 && bom > 0 && offset >= bom {
            bom
        } else {
            start
        };
        let column = view.chars_in(&self.text, from..offset).unwrap_or(0);
        (line, column + 1)
    }

    /// 1-based line of a byte offset of `source`; also while it is shelved.
    pub fn line_of(&self, source_offset: usize) -> usize {
        self.lines.line(source_offset)
    }

    /// The line index of `source`.
    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// The block whose text holds byte `text_pos` of `text` (none in a separator).
    pub fn block_at(&self, text_pos: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.start <= text_pos);
        let b = self.blocks.get(i.checked_sub(1)?)?;
        b.range.contains(&text_pos).then_some(b)
    }

    /// The text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.range.clone()).unwrap_or("")
    }

    /// The text of the heading of the section `block` is in.
    pub fn section_heading(&self, block: &Block) -> Option<&str> {
        let h = self.blocks.get(block.section?)?;
        Some(self.block_text(h))
    }

    /// The (first) footnote body with this label.
    pub fn footnote_body(&self, label: u32) -> Option<&Block> {
        let i = self
            .footnotes
            .binary_search_by_key(&label, |&(l, _)| l)
            .ok()?;
        self.blocks.get(self.footnotes.get(i)?.1)
    }

    /// The block holding the (first) marker that cites footnote `label`: a claim in a
    /// footnote body belongs to the passage that cites it.
    pub fn citing_block(&self, label: u32) -> Option<&Block> {
        let pos = self
            .footnote_refs
            .iter()
            .find(|r| r.label == label)?
            .text_pos;
        // A marker at the very end of a block stands at its end.
        let i = self.blocks.partition_point(|b| b.range.start <= pos);
        let b = self.blocks.get(i.checked_sub(1)?)?;
        (pos <= b.range.end).then_some(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `utf8` against std on `bytes`: the same text, or the same error offset.
    fn same_as_std(bytes: &[u8]) {
        let got = utf8("f", bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => assert_eq!(got.as_deref(), Ok(s)),
            Err(e) => assert_eq!(
                got,
                Err(LoadError::NotUtf8 {
                    path: "f".into(),
                    offset: e.valid_up_to()
                }),
                "{bytes:?}"
            ),
        }
    }

    #[test]
    fn utf8_check_reports_what_std_reports() {
        // Bad sequences: a lone continuation byte, a truncated 2-, 3- and 4-byte
        // character, an overlong form, a surrogate, a code point above U+10FFFF, bytes
        // that never occur.
        let bad: [&[u8]; 10] = [
            b"\x80",
            b"\xc3",
            b"\xe1\xbb",
            b"\xf0\x9f\x94",
            b"\xc0\xaf",
            b"\xe0\x80\xaf",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xff",
            b"\xfe",
        ];
        let prose = "Kim ngạch xuất khẩu đạt 36,6\u{a0}tỷ USD “kỷ lục” ".as_bytes();
        // Offsets around the validator's 16-, 32- and 64-byte blocks, and far in.
        for at in (0..140).chain([255, 256, 257, 1000, 4095, 4096, 4097]) {
            let head: Vec<u8> = prose.iter().copied().cycle().take(at).collect();
            // A character cut by `at` makes the error start earlier: std says where.
            for b in bad {
                for tail in [&b""[..], b"x", prose] {
                    let mut bytes = head.clone();
                    bytes.extend_from_slice(b);
                    bytes.extend_from_slice(tail);
                    same_as_std(&bytes);
                }
            }
            same_as_std(&head);
        }
    }

    /// `read_text` in chunks of `chunk` bytes against the whole-file checks.
    fn reads_as_whole(bytes: &[u8], chunk: usize) {
        let whole = check("f", bytes).and_then(|()| utf8("f", bytes));
        let got = read_text(bytes, bytes.len(), "f", chunk);
        assert_eq!(got, whole, "chunk {chunk}: {bytes:?}");
    }

    #[test]
    fn chunked_reading_reports_what_the_whole_file_checks_report() {
        let bad: [&[u8]; 8] = [
            b"\x80",
            b"\xc3",
            b"\xe1\xbb",
            b"\xf0\x9f\x94",
            b"\xe0\x80\xaf",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xff",
        ];
        let prose = "Kim ngạch đạt 36,6\u{a0}tỷ USD “kỷ lục” 🔍 ".as_bytes();
        for at in 0..40 {
            let head: Vec<u8> = prose.iter().copied().cycle().take(at).collect();
            for chunk in [1, 2, 3, 4, 5, 7, 16] {
                reads_as_whole(&head, chunk);
                for b in bad {
                    for tail in [&b""[..], b"x", prose, b"\0"] {
                        let mut bytes = head.clone();
                        bytes.extend_from_slice(b);
                        bytes.extend_from_slice(tail);
                        reads_as_whole(&bytes, chunk);
                    }
                }
            }
        }
        // A NUL byte inside and just past the sniffed head, after invalid UTF-8.
        for nul_at in [BINARY_SNIFF_LEN - 1, BINARY_SNIFF_LEN] {
            let mut bytes = vec![b'a'; BINARY_SNIFF_LEN + 10];
            bytes[5] = 0xff;
            bytes[nul_at] = 0;
            for chunk in [7, 1000, READ_CHUNK] {
                reads_as_whole(&bytes, chunk);
            }
        }
    }

    #[test]
    fn chunked_reading_keeps_every_project_text() {
        for t in crate::testing::project_texts() {
            for chunk in [1, 3, 64, READ_CHUNK] {
                assert_eq!(
                    read_text(t.as_bytes(), 0, "f", chunk).as_deref(),
                    Ok(t.as_str())
                );
            }
        }
    }

    #[test]
    fn complete_prefix_leaves_only_a_cut_character() {
        assert_eq!(complete_prefix(b"ab"), 2);
        assert_eq!(complete_prefix("ệ".as_bytes()), 3);
        assert_eq!(complete_prefix(&"aệ".as_bytes()[..3]), 1);
        assert_eq!(complete_prefix(&"🔍".as_bytes()[..3]), 0);
        assert_eq!(complete_prefix(b"a\x80\x80\x80\x80"), 5);
        assert_eq!(complete_prefix(b""), 0);
    }

    #[test]
    fn utf8_check_accepts_every_project_text() {
        for t in crate::testing::project_texts() {
            assert_eq!(utf8("f", t.as_bytes()).as_deref(), Ok(t.as_str()));
        }
    }

    #[test]
    fn loading_reports_the_first_bad_byte() {
        let mut bytes = "Tăng 8,02%\r\n".repeat(100).into_bytes();
        bytes.insert(777, 0xe1);
        let err = from_bytes("a.md", &bytes).map(|d| d.text);
        let offset = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
        assert_eq!(
            err,
            Err(LoadError::NotUtf8 {
                path: "a.md".into(),
                offset
            })
        );
    }
}
