//! A document's source while the per-file checks run on a shelved document: most of a
//! source is copied verbatim into the normalised text, so only the rest is kept (markup,
//! entities, decomposed characters) and the copied bytes are read from the text. On one
//! large Markdown file this is a few hundred KB instead of a second copy of the file.

use std::borrow::Cow;
use std::ops::Range;

use super::normalize::SourceText;

/// Identity pieces shorter than this are kept with the rest: a piece costs more than
/// the bytes it saves.
const MIN_TEXT_PIECE: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    src_start: u32,
    len: u32,
    /// Offset into the text (`in_text`) or into `kept`.
    at: u32,
    in_text: bool,
}

impl Piece {
    fn src_start(&self) -> usize {
        self.src_start as usize
    }
    fn src_end(&self) -> usize {
        self.src_start as usize + self.len as usize
    }
}

/// The source of a document, as pieces of its normalised text and of kept bytes that
/// together cover it in order.
#[derive(Debug, Clone, Default)]
pub(super) struct SourceView {
    len: usize,
    pieces: Vec<Piece>,
    kept: String,
}

impl SourceView {
    /// The view of `source`, whose bytes `src..src + len` are the text's `t..t + len` for
    /// each `(t, src, len)` of `copies`. A copy that is not (out of order, overlapping,
    /// off a character boundary, other bytes) is kept instead, so the view always reads
    /// back `source` exactly.
    pub(super) fn new(
        source: &str,
        text: &str,
        copies: impl Iterator<Item = (usize, usize, usize)>,
    ) -> SourceView {
        let mut view = SourceView {
            len: source.len(),
            ..SourceView::default()
        };
        let mut pos = 0;
        for (t, src, len) in copies {
            if len < MIN_TEXT_PIECE || src < pos {
                continue;
            }
            let (Some(from_text), Some(from_source)) =
                (text.get(t..t + len), source.get(src..src + len))
            else {
                continue;
            };
            if from_text != from_source {
                continue;
            }
            view.keep(source, pos..src);
            view.pieces.push(Piece {
                src_start: small(src),
                len: small(len),
                at: small(t),
                in_text: true,
            });
            pos = src + len;
        }
        view.keep(source, pos..source.len());
        view.pieces.shrink_to_fit();
        view.kept.shrink_to_fit();
        view
    }

    fn keep(&mut self, source: &str, r: Range<usize>) {
        let Some(s) = source.get(r.clone()).filter(|s| !s.is_empty()) else {
            return;
        };
        self.pieces.push(Piece {
            src_start: small(r.start),
            len: small(s.len()),
            at: small(self.kept.len()),
            in_text: false,
        });
        self.kept.push_str(s);
    }

    /// The piece's bytes: always a whole `str`, as pieces start and end on character
    /// boundaries of the source.
    fn piece<'a>(&'a self, text: &'a str, p: &Piece) -> &'a str {
        let from = if p.in_text { text } else { &self.kept };
        from.get(p.at as usize..p.at as usize + p.len as usize)
            .unwrap_or("")
    }

    /// Index of the piece holding byte `pos` (`pieces.len()` at or past the end).
    fn piece_at(&self, pos: usize) -> usize {
        self.pieces.partition_point(|p| p.src_end() <= pos)
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn is_char_boundary(&self, text: &str, pos: usize) -> bool {
        if pos >= self.len {
            return pos == self.len;
        }
        let Some(p) = self.pieces.get(self.piece_at(pos)) else {
            return false;
        };
        self.piece(text, p).is_char_boundary(pos - p.src_start())
    }

    /// `source.get(r)`: borrowed when `r` lies in one piece.
    pub(super) fn get<'a>(&'a self, text: &'a str, r: Range<usize>) -> Option<Cow<'a, str>> {
        if r.start > r.end || r.end > self.len {
            return None;
        }
        if r.is_empty() {
            return self
                .is_char_boundary(text, r.start)
                .then_some(Cow::Borrowed(""));
        }
        let mut parts = self.parts(text, r);
        let first = parts.next()?;
        let Some(second) = parts.next() else {
            return first.map(Cow::Borrowed);
        };
        let mut out = String::from(first?);
        out.push_str(second?);
        for part in parts {
            out.push_str(part?);
        }
        Some(Cow::Owned(out))
    }

    /// The number of characters in `source[r]`, without copying it.
    pub(super) fn chars_in(&self, text: &str, r: Range<usize>) -> Option<usize> {
        if r.start > r.end || r.end > self.len {
            return None;
        }
        if r.is_empty() {
            return self.is_char_boundary(text, r.start).then_some(0);
        }
        self.parts(text, r)
            .try_fold(0, |n, part| Some(n + part?.chars().count()))
    }

    /// The pieces' parts of the non-empty `r` (within the source), in order; a part off
    /// a character boundary is `None`. Pieces start and end on character boundaries, so
    /// slicing the first and the last piece is all the boundary check `r` needs.
    fn parts<'a>(
        &'a self,
        text: &'a str,
        r: Range<usize>,
    ) -> impl Iterator<Item = Option<&'a str>> + 'a {
        let first = self.piece_at(r.start);
        self.pieces
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |p| p.src_start() < r.end)
            .map(move |p| {
                let a = r.start.max(p.src_start()) - p.src_start();
                let b = r.end.min(p.src_end()) - p.src_start();
                self.piece(text, p).get(a..b)
            })
    }

    /// The offset and the character of the last character before `pos` for which `hit`
    /// holds; `None` when there is none or `pos` is off a character boundary.
    pub(super) fn rfind_char(
        &self,
        text: &str,
        pos: usize,
        hit: impl Fn(char) -> bool,
    ) -> Option<(usize, char)> {
        if pos == 0 || !self.is_char_boundary(text, pos) {
            return None;
        }
        let last = self.piece_at(pos - 1);
        for p in self.pieces.get(..=last)?.iter().rev() {
            let s = self.piece(text, p);
            let end = pos.min(p.src_end()) - p.src_start();
            if let Some((k, c)) = s.get(..end)?.char_indices().rev().find(|&(_, c)| hit(c)) {
                return Some((p.src_start() + k, c));
            }
        }
        None
    }
}

/// The view and the text it reads from, as `OffsetMap::source_range` reads a source.
pub(super) struct ViewOf<'a> {
    pub(super) view: &'a SourceView,
    pub(super) text: &'a str,
}

impl SourceText for ViewOf<'_> {
    fn len(&self) -> usize {
        self.view.len()
    }
    fn get(&self, r: Range<usize>) -> Option<Cow<'_, str>> {
        self.view.get(self.text, r)
    }
}

/// Offsets fit in u32: the loader refuses larger files (`MAX_SOURCE_LEN`).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    /// Every way the view is read agrees with the source it stands for.
    fn agrees(doc: &Document) {
        let view = doc.view_of_source();
        let (src, text) = (doc.source.as_str(), doc.text.as_str());
        assert_eq!(view.len(), src.len());
        let mut points: Vec<usize> = (0..=src.len()).step_by((src.len() / 3000).max(7)).collect();
        points.extend([0, 1, src.len().saturating_sub(1), src.len(), src.len() + 3]);
        for p in view.pieces.iter().take(3000) {
            points.extend([p.src_start(), p.src_end(), p.src_start() + 1]);
        }
        for &a in &points {
            assert_eq!(
                view.is_char_boundary(text, a),
                src.is_char_boundary(a),
                "{a}"
            );
            for &b in &[a, a + 1, a + 5, a + 40, a + 700] {
                let want = src.get(a..b);
                assert_eq!(view.get(text, a..b).as_deref(), want, "{a}..{b}");
                let count = want.map(|s| s.chars().count());
                assert_eq!(view.chars_in(text, a..b), count, "chars in {a}..{b}");
            }
            let want_nl = src.get(..a).map(|s| s.rfind('\n'));
            let got_nl = view
                .is_char_boundary(text, a)
                .then(|| view.rfind_char(text, a, |c| c == '\n').map(|(k, _)| k));
            assert_eq!(got_nl, want_nl, "newline before {a}");
            let want_ws = src.get(..a).map(|s| s.trim_end().len());
            let got_ws = view.is_char_boundary(text, a).then(|| {
                view.rfind_char(text, a, |c| !c.is_whitespace())
                    .map_or(0, |(k, c)| k + c.len_utf8())
            });
            assert_eq!(got_ws, want_ws, "trim before {a}");
        }
        assert_eq!(view.get(text, 0..src.len()).as_deref(), Some(src));
    }

    /// A document shelved for the checks answers every question about its source as the
    /// same document unshelved does.
    fn shelved_agrees(name: &str, src: &str) {
        let whole = Document::from_source(name, src.to_string());
        let mut shelved = Document::from_source(name, src.to_string());
        shelved.shelve_source_for_checks(std::path::Path::new(name));
        assert!(shelved.source.is_empty() && shelved.is_shelved());
        let n = src.len();
        let mut points: Vec<usize> = (0..=n + 2).step_by((n / 3000).max(5)).collect();
        points.extend([n.saturating_sub(1), n, n + 1]);
        for &a in &points {
            assert_eq!(
                shelved.line_col(a),
                whole.line_col(a),
                "{name} line_col {a}"
            );
            assert_eq!(
                shelved.source_line_start(a),
                whole.source_line_start(a),
                "{a}"
            );
            assert_eq!(
                shelved.source_trimmed_end(a),
                whole.source_trimmed_end(a),
                "{a}"
            );
            for b in [a, a + 3, a + 60] {
                assert_eq!(shelved.source_get(a..b), whole.source_get(a..b), "{a}..{b}");
            }
        }
        let t = whole.text.len();
        let mut text_points: Vec<usize> = (0..=t + 1).step_by((t / 3000).max(3)).collect();
        text_points.push(t);
        for &a in &text_points {
            for b in [a, a + 1, a + 4, a + 30] {
                assert_eq!(
                    shelved.source_range(a..b),
                    whole.source_range(a..b),
                    "{name} source_range {a}..{b}"
                );
            }
        }
    }

    #[test]
    fn a_document_shelved_for_the_checks_reads_as_a_whole_one() {
        for (i, t) in crate::testing::project_texts().into_iter().enumerate() {
            shelved_agrees(&format!("t{i}.md"), &t);
            shelved_agrees(&format!("t{i}.html"), &t);
        }
        for s in ODD {
            shelved_agrees("odd.md", s);
            shelved_agrees("odd.html", s);
        }
    }

    const ODD: [&str; 8] = [
        "",
        "a",
        "# Tiêu đề\n\n- một\n- hai 12\n\n1. ba\n2) bốn\n",
        "Ho\u{300}a bi\u{300}nh 193 quo\u{302}\u{301}c gia\r\n\r\nNBSP\u{a0}12\u{200b}3",
        "<sup>1</sup> chú thích\n\n[^2]: hai\n\n**đậm** *nghiêng* `mã` <b>x</b> &amp; &#x41;",
        "\u{feff}---\ndate: 2024-01-02\n---\n\nVăn bản  \t \n\n\n   ",
        "\u{feff}Dòng đầu có BOM 12\n\u{a0}\u{3000}\n<sup>3</sup>\u{2003}\nBa 4",
        "((((((((((( [[[[ 1.2.3.4.5 ]]]]]",
    ];

    #[test]
    fn the_view_reads_back_every_project_text() {
        for (i, t) in crate::testing::project_texts().into_iter().enumerate() {
            agrees(&Document::from_source(&format!("t{i}.md"), t.clone()));
            agrees(&Document::from_source(&format!("t{i}.html"), t));
        }
    }

    #[test]
    fn the_view_reads_back_odd_sources() {
        for s in ODD {
            agrees(&Document::from_source("odd.md", s.to_string()));
            agrees(&Document::from_source("odd.html", s.to_string()));
        }
    }

    #[test]
    fn most_of_a_plain_source_is_read_from_its_text() {
        let body = "Việt Nam có quan hệ ngoại giao với 193 quốc gia và vùng lãnh thổ.\n\n";
        let doc = Document::from_source("big.md", body.repeat(200));
        let view = doc.view_of_source();
        assert!(
            view.kept.len() * 20 < doc.source.len(),
            "kept {} of {}",
            view.kept.len(),
            doc.source.len()
        );
    }
}
