//! Saved article pages (`.html`, `.htm`): only the article's main content is read.
//!
//! The page is tokenised by lol_html (a real HTML5 tokenizer that tells the source bytes
//! of every text chunk). Whole subtrees are dropped: `head`, `nav`, `header` and `footer`
//! (outside an `article`), `aside`, `script`, `style`, forms, players, and elements whose
//! class, id or role names navigation, menus, related-article lists, sharing or ads. Of
//! what is left, the main content is the element holding the most paragraph text (`<p>`
//! children), widened to its nearest `<article>` ancestor and to parents that add little
//! text; the page's first `<h1>` is kept as the title. Teaser markers that remain inside
//! (`Tin liên quan`) are marked by `boilerplate`.
//!
//! Text is decoded (entities like `&nbsp;` `&#7897;` become characters, whitespace runs
//! one space) for matching, and every piece of text maps back to its bytes in the HTML,
//! so spans cover the original source, entity and all. `source` is the page as read.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Element, EndTag, TextChunk};
use lol_html::{HtmlRewriter, Settings, doc_text, element};

use super::markdown::Parsed;
use super::normalize::{Normalizer, OffsetMap};
use super::{Block, BlockKind, Document, LoadError, Meta, boilerplate};
use crate::time::parse_iso_date;

/// Elements whose whole content is never article text.
const SKIP_TAGS: &[&str] = &[
    "aside", "audio", "button", "canvas", "form", "head", "iframe", "input", "label", "map",
    "menu", "nav", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title", "video",
];

/// Skipped unless inside an `article` (where they hold the article's own title and
/// credits).
const SKIP_OUTSIDE_ARTICLE: &[&str] = &["header", "footer"];

/// Class or id words of navigation and teaser boxes.
const SKIP_WORDS: &[&str] = &[
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "cookie",
    "footer",
    "lienquan",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "player",
    "popup",
    "related",
    "relate",
    "share",
    "sharing",
    "sidebar",
    "social",
    "subscribe",
    "tinlienquan",
    "toolbar",
    "widget",
];

const SKIP_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
];

/// Elements whose start or end ends a block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements nested deeper than this are transparent (their text is read, their tag not
/// tracked): malformed pages cannot make the walk quadratic.
const MAX_DEPTH: usize = 256;

/// A parent that adds at most this share of text to the main element is taken in too.
const WIDEN_RATIO: f64 = 0.25;

#[derive(Debug)]
struct Elem {
    tag: String,
    parent: Option<usize>,
    open_seq: u32,
    close_seq: u32,
    skip: bool,
}

#[derive(Debug)]
struct RawBlock {
    /// The innermost block element holding it.
    holder: Option<usize>,
    seq: u32,
    /// Source ranges of its text chunks, in order.
    chunks: Vec<Range<usize>>,
    /// Visible characters, about.
    chars: usize,
}

#[derive(Debug, Default)]
struct State {
    seq: u32,
    elems: Vec<Elem>,
    stack: Vec<usize>,
    skip_depth: usize,
    article_depth: usize,
    blocks: Vec<RawBlock>,
    open: Option<RawBlock>,
    date: Option<String>,
}

impl State {
    fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.saturating_add(1);
        self.seq
    }

    fn finish_block(&mut self) {
        if let Some(b) = self.open.take()
            && b.chars > 0
        {
            self.blocks.push(b);
        }
    }

    fn holder(&self) -> Option<usize> {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&i| BLOCK_TAGS.contains(&self.elems[i].tag.as_str()))
    }

    /// Closes open elements down to and including `id`.
    fn close(&mut self, id: usize) {
        if !self.stack.contains(&id) {
            return;
        }
        let seq = self.next_seq();
        while let Some(top) = self.stack.pop() {
            self.elems[top].close_seq = seq;
            if self.elems[top].skip {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            if self.elems[top].tag == "article" {
                self.article_depth = self.article_depth.saturating_sub(1);
            }
            if top == id {
                break;
            }
        }
    }

    fn start(&mut self, tag: String, skip_attr: bool, can_have_content: bool) -> Option<usize> {
        if BLOCK_TAGS.contains(&tag.as_str()) {
            self.finish_block();
        }
        // implied end tags
        if let Some(&top) = self.stack.last() {
            let t = self.elems[top].tag.as_str();
            let implied = match tag.as_str() {
                "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "section" | "article" | "blockquote" => t == "p",
                "li" => t == "li" || t == "p",
                "td" | "th" => t == "td" || t == "th",
                "tr" => t == "tr" || t == "td" || t == "th",
                "dt" | "dd" => t == "dt" || t == "dd",
                _ => false,
            };
            if implied {
                self.close(top);
            }
        }
        if !can_have_content || self.stack.len() >= MAX_DEPTH {
            return None;
        }
        let skip = skip_attr
            || SKIP_TAGS.contains(&tag.as_str())
            || (SKIP_OUTSIDE_ARTICLE.contains(&tag.as_str()) && self.article_depth == 0);
        if tag == "article" {
            self.article_depth += 1;
        }
        let id = self.elems.len();
        let open_seq = self.next_seq();
        self.elems.push(Elem {
            tag,
            parent: self.stack.last().copied(),
            open_seq,
            close_seq: u32::MAX,
            skip,
        });
        self.stack.push(id);
        if skip {
            self.skip_depth += 1;
        }
        Some(id)
    }

    fn end(&mut self, id: usize) {
        if BLOCK_TAGS.contains(&self.elems[id].tag.as_str()) {
            self.finish_block();
        }
        self.close(id);
    }

    fn text(&mut self, raw: &str, at: usize) {
        if self.skip_depth > 0 {
            return;
        }
        let visible = raw.chars().filter(|c| !c.is_whitespace()).count();
        if self.open.is_none() {
            if visible == 0 {
                return;
            }
            let holder = self.holder();
            let seq = self.next_seq();
            self.open = Some(RawBlock {
                holder,
                seq,
                chunks: Vec::new(),
                chars: 0,
            });
        }
        if let Some(b) = &mut self.open {
            b.chars += visible;
            match b.chunks.last_mut() {
                Some(last) if last.end == at => last.end = at + raw.len(),
                _ => b.chunks.push(at..at + raw.len()),
            }
        }
    }
}

/// Whether an element's class, id or role marks it as navigation or teasers.
fn skipped_by_attributes(el: &Element<'_, '_>) -> bool {
    if el.has_attribute("hidden") || el.get_attribute("aria-hidden").as_deref() == Some("true") {
        return true;
    }
    if let Some(role) = el.get_attribute("role")
        && SKIP_ROLES.contains(&role.to_ascii_lowercase().as_str())
    {
        return true;
    }
    if let Some(style) = el.get_attribute("style") {
        let s = style.to_ascii_lowercase().replace(' ', "");
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    for name in ["class", "id"] {
        let Some(v) = el.get_attribute(name) else {
            continue;
        };
        let v = v.to_ascii_lowercase();
        if v.contains("lien-quan") || v.contains("cung-chuyen-muc") || v.contains("tin-khac") {
            return true;
        }
        if v.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| SKIP_WORDS.contains(&w))
        {
            return true;
        }
    }
    false
}

/// Reads a page. Only a tokenizer failure (memory limit) is an error.
pub(crate) fn load(display: &str, source: String) -> Result<Document, LoadError> {
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element<'_, '_>| {
            let tag = el.tag_name();
            if tag == "meta" {
                let key = el
                    .get_attribute("property")
                    .or_else(|| el.get_attribute("itemprop"))
                    .or_else(|| el.get_attribute("name"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if matches!(
                    key.as_str(),
                    "article:published_time" | "datepublished" | "pubdate" | "date" | "dc.date"
                ) && let Some(v) = el.get_attribute("content")
                {
                    state.borrow_mut().date.get_or_insert(v);
                }
            }
            let skip = skipped_by_attributes(el);
            let id = state.borrow_mut().start(tag, skip, el.can_have_content());
            if let Some(id) = id {
                let state = Rc::clone(&state);
                // an element that cannot have an end tag is closed by its parent's
                let _ = el.on_end_tag(Box::new(move |_: &mut EndTag<'_>| {
                    state.borrow_mut().end(id);
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |t: &mut TextChunk<'_>| {
            let at = t.source_location().bytes().start;
            state.borrow_mut().text(t.as_str(), at);
            Ok(())
        }
    };
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", on_element))
        .append_document_content_handler(doc_text!(on_text));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let result = rewriter
        .write(source.as_bytes())
        .and_then(|()| rewriter.end());
    if let Err(e) = result {
        return Err(LoadError::Io {
            path: display.to_string(),
            message: format!("cannot read the HTML: {e}"),
        });
    }
    let mut st = std::mem::take(&mut *state.borrow_mut());
    st.finish_block();
    let end = st.next_seq();
    for e in &mut st.elems {
        e.close_seq = e.close_seq.min(end);
    }
    let keep = main_content(&st);
    let mut b = Builder::new(&source);
    for (raw, kind) in st.blocks.iter().zip(keep) {
        if let Some(kind) = kind {
            b.block(raw, kind);
        }
    }
    let mut parsed = Parsed {
        text: b.text,
        map: b.map,
        blocks: b.blocks,
        footnote_refs: Vec::new(),
        meta: Meta {
            date: st
                .date
                .as_deref()
                .and_then(|d| parse_iso_date(d.get(..10).unwrap_or(d))),
            ..Meta::default()
        },
    };
    boilerplate::mark(&parsed.text, &mut parsed.blocks);
    Ok(Document::assemble(display, source, parsed, true))
}

/// The kind of each raw block if it is main content, `None` if not.
fn main_content(st: &State) -> Vec<Option<BlockKind>> {
    let n = st.elems.len();
    // paragraph text held by each element's <p> children, and all text under each element
    let mut p_text = vec![0usize; n];
    let mut total = vec![0usize; n];
    for b in &st.blocks {
        if let Some(h) = b.holder {
            total[h] += b.chars;
            if st.elems[h].tag == "p"
                && let Some(parent) = st.elems[h].parent
            {
                p_text[parent] += b.chars;
            }
        }
    }
    // children come after their parents
    for i in (0..n).rev() {
        if let Some(p) = st.elems[i].parent {
            total[p] += total[i];
        }
    }
    let kind_of = |b: &RawBlock| -> BlockKind {
        let tag = b.holder.map(|h| st.elems[h].tag.as_str()).unwrap_or("");
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading {
                level: tag[1..].parse().unwrap_or(2),
            },
            "li" | "dd" | "dt" => BlockKind::ListItem,
            "td" | "th" | "caption" => BlockKind::Other,
            _ => BlockKind::Paragraph,
        }
    };
    let best = (0..n).filter(|&i| p_text[i] > 0).max_by_key(|&i| p_text[i]);
    let Some(mut root) = best else {
        // no paragraphs: everything not dropped
        return st.blocks.iter().map(|b| Some(kind_of(b))).collect();
    };
    while let Some(p) = st.elems[root].parent {
        let added = total[p].saturating_sub(total[root]) as f64;
        if st.elems[p].tag == "body" || added > total[root] as f64 * WIDEN_RATIO {
            break;
        }
        root = p;
    }
    let mut a = Some(root);
    while let Some(i) = a {
        if st.elems[i].tag == "article" {
            root = i;
            break;
        }
        a = st.elems[i].parent;
    }
    let (open, close) = (st.elems[root].open_seq, st.elems[root].close_seq);
    let mut title_kept = false;
    st.blocks
        .iter()
        .map(|b| {
            let kind = kind_of(b);
            if open < b.seq && b.seq < close {
                return Some(kind);
            }
            if !title_kept && b.seq < open && kind == (BlockKind::Heading { level: 1 }) {
                title_kept = true;
                return Some(kind);
            }
            None
        })
        .collect()
}

/// Writes kept blocks into the normalised text.
struct Builder<'s> {
    source: &'s str,
    text: String,
    map: OffsetMap,
    norm: Normalizer,
    blocks: Vec<Block>,
    last_heading: Option<usize>,
    /// The source of whitespace owed before the next text of the block.
    pending_space: Option<Range<usize>>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            source,
            text: String::new(),
            map: OffsetMap::default(),
            norm: Normalizer::default(),
            blocks: Vec::new(),
            last_heading: None,
            pending_space: None,
        }
    }

    fn block(&mut self, raw: &RawBlock, kind: BlockKind) {
        let sep_start = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.pending_space = None;
        for r in &raw.chunks {
            self.chunk(r.clone(), start);
        }
        let end = self.text.len();
        if end <= start {
            self.text.truncate(sep_start);
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
    }

    /// One text chunk at `r` of the source: entities decoded, whitespace collapsed.
    fn chunk(&mut self, r: Range<usize>, block_start: usize) {
        let Some(s) = self.source.get(r.clone()) else {
            return;
        };
        let base = r.start;
        let b = s.as_bytes();
        let mut i = 0;
        let mut run = 0; // start of the pending run of plain text
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                self.plain(run, i, base, block_start);
                let ws = i;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                self.space(base + ws..base + i, block_start);
                run = i;
            } else if c == b'&'
                && let Some((ch, len)) = entity(&s[i..])
            {
                self.plain(run, i, base, block_start);
                let src = base + i..base + i + len;
                if ch.is_whitespace() {
                    self.space(src, block_start);
                } else {
                    self.flush_space(block_start);
                    let t0 = self.text.len();
                    let n = self.norm.coarse(ch.encode_utf8(&mut [0; 4])).to_string();
                    self.text.push_str(&n);
                    self.map.push_replaced(t0..self.text.len(), src);
                }
                i += len;
                run = i;
            } else {
                i += 1;
            }
        }
        self.plain(run, b.len(), base, block_start);
    }

    /// Source text `s[from..to]` (offsets from `base`) with no whitespace or entity.
    fn plain(&mut self, from: usize, to: usize, base: usize, block_start: usize) {
        if from >= to {
            return;
        }
        let Some(s) = self.source.get(base + from..base + to) else {
            return;
        };
        self.flush_space(block_start);
        self.norm
            .push(&mut self.text, &mut self.map, s, base + from);
    }

    fn space(&mut self, src: Range<usize>, block_start: usize) {
        if self.text.len() > block_start && !self.text.ends_with(' ') {
            self.pending_space.get_or_insert(src);
        }
    }

    fn flush_space(&mut self, block_start: usize) {
        if let Some(src) = self.pending_space.take()
            && self.text.len() > block_start
        {
            let t0 = self.text.len();
            self.text.push(' ');
            self.map.push_replaced(t0..t0 + 1, src);
        }
    }
}

/// An HTML character reference at the start of `s`: the character and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(34).position(|&c| c == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        named_entity(name)?
    };
    Some((c, end + 1))
}

/// The named references a Vietnamese page uses (letters with diacritics, quotes, dashes).
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "percnt" => '%',
        "copy" => '©',
        "reg" => '®',
        "euro" => '€',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "yacute" => 'ý',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Yacute" => 'Ý',
        _ => return None,
    })
}
