//! Word documents (`.docx`: a zip of WordprocessingML parts).
//!
//! A .docx has no text lines to point at, so the loader writes a text rendering of it and
//! makes that the document's `source`: one line per paragraph of the body, in order (an
//! empty paragraph is an empty line), table cells one paragraph a line, then the footnote
//! bodies, each line starting with `[^n]: `. A footnote reference in the body is written
//! `[^n]` where it stands. So a diagnostic's line is the paragraph's number in the
//! document and its column the character position in that paragraph, and the report shows
//! the paragraph's text. Byte offsets (spans, `start`/`end` in JSON) are offsets into this
//! rendering, not into the zip file, and the document is not `editable`: `--fix` must not
//! write it.
//!
//! Runs are joined (Word splits a sentence, even a number, across runs); headings come
//! from the paragraph style (`Heading1`…, `Title`, or a style whose name is `heading N`)
//! or its outline level; a paragraph with numbering (`w:numPr`) is a list item. A corrupt,
//! truncated or encrypted file is a `LoadError`, and each part is read with a cap on its
//! decompressed size.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::markdown::Parsed;
use super::normalize::{Normalizer, OffsetMap, is_blank};
use super::{Block, BlockKind, Document, FootnoteRef, LoadError, Meta};

/// Largest decompressed size of one part read (a zip bomb stops here).
const MAX_PART: u64 = 256 * 1024 * 1024;

/// OLE compound file signature: a password-protected .docx (or an old .doc).
const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Reads a Word document from its bytes.
pub(crate) fn load(display: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let err = |message: String| LoadError::Io {
        path: display.to_string(),
        message,
    };
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(err(
            "an encrypted (password-protected) or old-format Word file, not a .docx zip; \
             save it as an unprotected .docx"
                .to_string(),
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(err("not a .docx file (no zip signature)".to_string()));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| err(format!("corrupt .docx: {e}")))?;
    let body = read_part(&mut zip, "word/document.xml", MAX_PART)
        .map_err(err)?
        .ok_or_else(|| err("corrupt .docx: no word/document.xml".to_string()))?;
    let styles = match read_part(&mut zip, "word/styles.xml", MAX_PART).map_err(err)? {
        Some(x) => heading_styles(&x),
        None => HashMap::new(),
    };
    let notes = match read_part(&mut zip, "word/footnotes.xml", MAX_PART).map_err(err)? {
        Some(x) => parse_paras(&x, &styles).map_err(|e| err(format!("word/footnotes.xml: {e}")))?,
        None => Vec::new(),
    };
    let paras = parse_paras(&body, &styles).map_err(|e| err(format!("word/document.xml: {e}")))?;
    let (source, parsed) = render(&paras, &notes);
    Ok(Document::assemble(display, source, parsed, false))
}

/// The text of a part, `None` if the archive has no such part.
fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name}: {e}")),
    };
    if file.encrypted() {
        return Err(format!("{name} is encrypted"));
    }
    if file.size() > cap {
        return Err(format!(
            "{name} is too large when decompressed ({} bytes; the limit is {cap})",
            file.size()
        ));
    }
    let mut buf = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("corrupt .docx: cannot decompress {name}: {e}"))?;
    if buf.len() as u64 > cap {
        return Err(format!(
            "{name} is too large when decompressed (the limit is {cap} bytes)"
        ));
    }
    String::from_utf8(buf).map(Some).map_err(|e| {
        format!(
            "{name} is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// A footnote reference: the footnote's `w:id`.
    Ref(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParaKind {
    Heading(u8),
    List,
    Plain,
}

#[derive(Debug, Clone)]
struct Para {
    kind: ParaKind,
    pieces: Vec<Piece>,
    /// (table, row) of a table cell's paragraph.
    cell: Option<(u32, u32)>,
    /// The footnote (`w:id`) this paragraph belongs to, in footnotes.xml.
    footnote: Option<i64>,
}

/// styleId -> heading level, from the style names (`heading 1`, `Title`).
fn heading_styles(xml: &str) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "w:style" => {
                current = attr(&e, "w:styleId");
            }
            Ok(Event::Empty(e)) if e.name().as_ref() == "w:name" => {
                if let (Some(id), Some(name)) = (&current, attr(&e, "w:val"))
                    && let Some(level) = heading_level(&name)
                {
                    out.insert(id.clone(), level);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Level of a heading style by its id or name: `Heading2`, `heading 2`, `Title`.
fn heading_level(style: &str) -> Option<u8> {
    let s = style.to_ascii_lowercase().replace(' ', "");
    if s == "title" {
        return Some(1);
    }
    let n: u8 = s.strip_prefix("heading")?.parse().ok()?;
    (1..=9).contains(&n).then_some(n.min(6))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// The paragraphs of a document or footnotes part.
fn parse_paras(xml: &str, styles: &HashMap<String, u8>) -> Result<Vec<Para>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paras = Vec::new();
    // open paragraphs (a text box holds paragraphs inside a paragraph)
    let mut cur: Vec<Para> = Vec::new();
    let mut in_ppr = false;
    let mut in_t = false;
    // open tables: (table number, row number) of each
    let mut tables: Vec<(u32, u32)> = Vec::new();
    let mut table_count = 0u32;
    let mut cell_depth = 0usize;
    let mut footnote: Option<i64> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("corrupt XML at byte {}: {e}", reader.error_position()))?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                match e.name().as_ref() {
                    // an empty paragraph still is a line of the rendering
                    "w:p" if empty => paras.push(Para {
                        kind: ParaKind::Plain,
                        pieces: Vec::new(),
                        cell: None,
                        footnote,
                    }),
                    "w:p" => {
                        cur.push(Para {
                            kind: ParaKind::Plain,
                            pieces: Vec::new(),
                            cell: (cell_depth > 0).then(|| tables.last().copied()).flatten(),
                            footnote,
                        });
                    }
                    "w:pPr" if !empty => in_ppr = true,
                    "w:pStyle" => {
                        if let (Some(p), Some(v)) = (cur.last_mut(), attr(&e, "w:val"))
                            && let Some(level) =
                                styles.get(&v).copied().or_else(|| heading_level(&v))
                        {
                            p.kind = ParaKind::Heading(level);
                        }
                    }
                    "w:outlineLvl" => {
                        if let (Some(p), Some(v)) = (cur.last_mut(), attr(&e, "w:val"))
                            && let Ok(n) = v.parse::<u8>()
                            && n < 9
                        {
                            p.kind = ParaKind::Heading((n + 1).min(6));
                        }
                    }
                    "w:numPr" => {
                        if let Some(p) = cur.last_mut()
                            && p.kind == ParaKind::Plain
                        {
                            p.kind = ParaKind::List;
                        }
                    }
                    "w:t" if !empty => in_t = true,
                    "w:tab" if !in_ppr => push_text(&mut cur, "\t"),
                    "w:br" | "w:cr" => push_text(&mut cur, " "),
                    "w:noBreakHyphen" => push_text(&mut cur, "-"),
                    "w:footnoteReference" => {
                        if let (Some(p), Some(id)) = (cur.last_mut(), attr(&e, "w:id"))
                            && let Ok(id) = id.parse()
                        {
                            p.pieces.push(Piece::Ref(id));
                        }
                    }
                    "w:tbl" if !empty => {
                        table_count += 1;
                        tables.push((table_count, 0));
                    }
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.1 += 1;
                        }
                    }
                    "w:tc" if !empty => cell_depth += 1,
                    "w:footnote" if !empty => {
                        let kind = attr(&e, "w:type");
                        footnote = if kind.is_some_and(|k| k != "normal") {
                            None
                        } else {
                            attr(&e, "w:id").and_then(|v| v.parse().ok())
                        };
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    if let Some(p) = cur.pop() {
                        paras.push(p);
                    }
                    in_ppr = false;
                }
                "w:pPr" => in_ppr = false,
                "w:t" => in_t = false,
                "w:tbl" => {
                    tables.pop();
                }
                "w:tc" => cell_depth = cell_depth.saturating_sub(1),
                "w:footnote" => footnote = None,
                _ => {}
            },
            Event::Text(t) if in_t => push_text(&mut cur, &t.xml10_content()),
            Event::CData(t) if in_t => push_text(&mut cur, &t),
            Event::GeneralRef(r) if in_t => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut cur, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !cur.is_empty() || in_t {
        return Err("truncated XML".to_string());
    }
    Ok(paras)
}

fn push_text(cur: &mut [Para], s: &str) {
    let Some(p) = cur.last_mut() else {
        return;
    };
    // a paragraph is one line of the rendering
    let s: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    match p.pieces.last_mut() {
        Some(Piece::Text(t)) => t.push_str(&s),
        _ => p.pieces.push(Piece::Text(s)),
    }
}

/// Builds the rendering (`source`) and the normalised text with its blocks and map.
fn render(paras: &[Para], notes: &[Para]) -> (String, Parsed) {
    let mut r = Render::default();
    // footnote id -> label: the order of first reference in the body
    let mut labels: HashMap<i64, u32> = HashMap::new();
    for p in paras {
        for piece in &p.pieces {
            if let Piece::Ref(id) = piece {
                let next = labels.len() as u32 + 1;
                labels.entry(*id).or_insert(next);
            }
        }
    }
    for p in notes {
        if let Some(id) = p.footnote {
            let next = labels.len() as u32 + 1;
            labels.entry(id).or_insert(next);
        }
    }
    for p in paras {
        let kind = match (p.cell, p.kind) {
            (_, ParaKind::Heading(level)) => BlockKind::Heading { level },
            (Some(_), _) => BlockKind::Other,
            (None, ParaKind::List) => BlockKind::ListItem,
            (None, ParaKind::Plain) => BlockKind::Paragraph,
        };
        r.para(p, kind, "", &labels);
    }
    let mut notes: Vec<&Para> = notes.iter().filter(|p| p.footnote.is_some()).collect();
    // stable: the paragraphs of one footnote stay in order
    notes.sort_by_key(|p| p.footnote.and_then(|id| labels.get(&id)).copied());
    let mut prev: Option<i64> = None;
    for p in notes {
        let Some(label) = p.footnote.and_then(|id| labels.get(&id)).copied() else {
            continue;
        };
        let prefix = if prev == p.footnote {
            String::new()
        } else {
            format!("[^{label}]: ")
        };
        prev = p.footnote;
        r.para(p, BlockKind::FootnoteBody { label }, &prefix, &labels);
    }
    let parsed = Parsed {
        text: r.text,
        map: r.map,
        blocks: r.blocks,
        footnote_refs: r.refs,
        meta: Meta::default(),
    };
    (r.source, parsed)
}

#[derive(Default)]
struct Render {
    source: String,
    text: String,
    map: OffsetMap,
    norm: Normalizer,
    blocks: Vec<Block>,
    refs: Vec<FootnoteRef>,
    last_heading: Option<usize>,
    last_cell: Option<(u32, u32)>,
}

impl Render {
    /// One paragraph: a line of the source, and a block of the text unless it is empty.
    fn para(&mut self, p: &Para, kind: BlockKind, prefix: &str, labels: &HashMap<i64, u32>) {
        self.source.push_str(prefix);
        let sep_start = self.text.len();
        if !self.text.is_empty() {
            let sep = match (self.last_cell, p.cell) {
                (Some(a), Some(b)) if a == b => " | ",
                (Some(a), Some(b)) if a.0 == b.0 => "\n",
                _ => "\n\n",
            };
            self.text.push_str(sep);
        }
        let start = self.text.len();
        let refs_before = self.refs.len();
        for piece in &p.pieces {
            match piece {
                Piece::Text(s) => {
                    let at = self.source.len();
                    self.source.push_str(s);
                    let mut s = s.as_str();
                    let mut at = at;
                    if self.text.len() == start {
                        let skip = s.len() - s.trim_start_matches(is_blank).len();
                        s = &s[skip..];
                        at += skip;
                    }
                    self.norm.push(&mut self.text, &mut self.map, s, at);
                }
                Piece::Ref(id) => {
                    let Some(&label) = labels.get(id) else {
                        continue;
                    };
                    let at = self.source.len();
                    self.source.push_str(&format!("[^{label}]"));
                    self.refs.push(FootnoteRef {
                        label,
                        text_pos: self.text.len(),
                        source_range: at..self.source.len(),
                    });
                }
            }
        }
        self.source.push('\n');
        let trimmed = start + self.text[start..].trim_end_matches(is_blank).len();
        let end = self.map.truncate(trimmed, &self.source).max(start);
        self.text.truncate(end);
        for r in &mut self.refs[refs_before..] {
            r.text_pos = r.text_pos.min(end);
        }
        if end <= start {
            // an empty paragraph: no block, no separator
            self.map.truncate(sep_start, &self.source);
            self.text.truncate(sep_start);
            for r in &mut self.refs[refs_before..] {
                r.text_pos = sep_start;
            }
            return;
        }
        let index = self.blocks.len();
        self.blocks.push(Block {
            kind,
            range: start..end,
            section: self.last_heading,
        });
        if matches!(kind, BlockKind::Heading { .. }) {
            self.last_heading = Some(index);
        }
        self.last_cell = p.cell;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(name: &str, body: &[u8]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file(name, opts).unwrap();
        z.write_all(body).unwrap();
        z.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn decompressed_size_is_capped() {
        let body = vec![b' '; 2 * 1024 * 1024];
        let bytes = zip_of("word/document.xml", &body);
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let e = read_part(&mut zip, "word/document.xml", 1024 * 1024).unwrap_err();
        assert!(e.contains("too large"), "{e}");
        let ok = read_part(&mut zip, "word/document.xml", 4 * 1024 * 1024).unwrap();
        assert_eq!(ok.map(|s| s.len()), Some(body.len()));
    }

    #[test]
    fn heading_levels_from_style_ids_and_names() {
        assert_eq!(heading_level("Heading1"), Some(1));
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Heading9"), Some(6));
        assert_eq!(heading_level("HeadingX"), None);
        assert_eq!(heading_level("Normal"), None);
    }
}
