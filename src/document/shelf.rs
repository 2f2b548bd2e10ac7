//! A document's source put aside between its loading and the report.
//!
//! A large run would hold every file's text from its reading to the report, though the
//! per-file work reads the source only here and there (through `view::SourceView`, while
//! the normalised text is held) and the checks that compare documents read no more of it
//! than the text of a few claims. So once a file is loaded its source is dropped, the
//! texts of its claims' spans are kept, and the file is read again for the report. The
//! length and a hash of the text say whether the file read back is the file checked.

use std::borrow::Cow;
use std::hash::Hasher;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::source::{LineIndex, clamp};

/// What stands in for a dropped source.
#[derive(Debug, Clone)]
pub(super) struct Shelf {
    /// Where to read the text back from.
    file: PathBuf,
    len: usize,
    hash: u64,
    /// (start, end) in the source and start in `texts` of each span kept, sorted.
    spans: Vec<(u32, u32, u32)>,
    texts: String,
    /// Where each span the report asks for is (`Document::resolve_for_report`), sorted.
    places: Vec<Placed>,
}

/// A span as the report shows it, all offsets u32 (sources are capped well below 4 GiB).
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// The span as a finding gives it.
    asked: (u32, u32),
    /// Clamped to the source and its characters (`source::clamp`), and its text's start
    /// in `texts`.
    span: (u32, u32),
    text_at: u32,
    line: u32,
    column: u32,
}

/// Where a span of a source is, as a report shows it: clamped to the source, its
/// 1-based line and column, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
}

/// Why a source could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unshelve {
    /// The file could not be read (the message of the I/O error).
    Unreadable(String),
    /// The file's text is not the text checked: it changed during the run.
    Changed,
}

impl Shelf {
    /// Keeps the text of `keep` (ranges of `source`; any not on character boundaries
    /// are left out) and what it takes to know `source` again.
    pub(super) fn new(
        file: &Path,
        source: &str,
        keep: impl Iterator<Item = Range<usize>>,
    ) -> Shelf {
        let mut shelf = Shelf {
            file: file.to_path_buf(),
            len: source.len(),
            hash: hash(source.as_bytes()),
            spans: Vec::new(),
            texts: String::new(),
            places: Vec::new(),
        };
        shelf.keep_texts(keep, |r| source.get(r).map(Cow::Borrowed));
        shelf
    }

    /// Keeps (in place of any kept before) the text of `keep`, as `read` gives each
    /// range of the source (`None`: off a character boundary, left out).
    pub(super) fn keep_texts<'a>(
        &mut self,
        keep: impl Iterator<Item = Range<usize>>,
        read: impl Fn(Range<usize>) -> Option<Cow<'a, str>>,
    ) {
        // collected before filtering, and the texts sized before they are copied: a
        // vector grown by doubling keeps up to twice what it holds
        let mut ranges: Vec<(Range<usize>, Cow<'a, str>)> =
            keep.filter_map(|r| Some((r.clone(), read(r)?))).collect();
        ranges.sort_by_key(|(r, _)| (r.start, r.end));
        ranges.dedup_by(|a, b| a.0 == b.0);
        let mut spans = Vec::with_capacity(ranges.len());
        let mut texts = String::with_capacity(ranges.iter().map(|(_, t)| t.len()).sum());
        for (r, t) in ranges {
            // offsets fit: sources are capped well below 4 GiB (MAX_SOURCE_LEN)
            spans.push((r.start as u32, r.end as u32, texts.len() as u32));
            texts.push_str(&t);
        }
        self.spans = spans;
        self.texts = texts;
    }

    /// A shelf of the same file that keeps, for each of `asked` (spans that fit in u32),
    /// where it is in `source` (the text read back) as the report shows it.
    pub(super) fn for_report(
        &self,
        source: &str,
        lines: &LineIndex,
        asked: impl Iterator<Item = Range<usize>>,
    ) -> Shelf {
        let mut asked: Vec<(u32, u32)> = asked
            .filter_map(|r| Some((u32::try_from(r.start).ok()?, u32::try_from(r.end).ok()?)))
            .collect();
        asked.sort_unstable();
        asked.dedup();
        let mut texts = String::new();
        let places = asked
            .into_iter()
            .map(|(start, end)| {
                let span = clamp(source, &(start as usize..end as usize));
                let (line, column) = lines.line_col(source, span.start);
                let text_at = texts.len() as u32;
                texts.push_str(&source[span.clone()]);
                Placed {
                    asked: (start, end),
                    span: (span.start as u32, span.end as u32),
                    text_at,
                    line: line as u32,
                    column: column as u32,
                }
            })
            .collect();
        texts.shrink_to_fit();
        Shelf {
            file: self.file.clone(),
            len: self.len,
            hash: self.hash,
            spans: Vec::new(),
            texts,
            places,
        }
    }

    /// Where `span` is, if the report asked for it (`for_report`).
    pub(super) fn located(&self, span: &Range<usize>) -> Option<Located<'_>> {
        let key = (
            u32::try_from(span.start).ok()?,
            u32::try_from(span.end).ok()?,
        );
        let i = self.places.binary_search_by_key(&key, |p| p.asked).ok()?;
        let p = self.places[i];
        let (start, end) = (p.span.0 as usize, p.span.1 as usize);
        let at = p.text_at as usize;
        Some(Located {
            span: start..end,
            line: p.line as usize,
            column: p.column as usize,
            text: self.texts.get(at..at + (end - start))?,
        })
    }

    /// The source text of `range` if it was kept.
    pub(super) fn text(&self, range: &Range<usize>) -> Option<&str> {
        let key = (
            u32::try_from(range.start).ok()?,
            u32::try_from(range.end).ok()?,
        );
        let i = self
            .spans
            .binary_search_by_key(&key, |&(s, e, _)| (s, e))
            .ok()?;
        let at = self.spans[i].2 as usize;
        self.texts.get(at..at + range.len())
    }

    /// Reads the file again: its text if it is the text shelved. Read straight into
    /// the text's buffer, not a chunk at a time as `load` reads (each chunk copied once
    /// more): the file was read whole before, its text held whole until it was shelved.
    pub(super) fn read_back(&self) -> Result<String, Unshelve> {
        use std::io::Read;
        let unreadable = |e: std::io::Error| Unshelve::Unreadable(e.to_string());
        let file = std::fs::File::open(&self.file).map_err(unreadable)?;
        if file.metadata().is_ok_and(|m| m.len() != self.len as u64) {
            return Err(Unshelve::Changed);
        }
        // a byte more than the text: a file grown since is read long, and told apart
        let mut bytes = Vec::with_capacity(self.len + 1);
        file.take(self.len as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() != self.len || hash(&bytes) != self.hash {
            return Err(Unshelve::Changed);
        }
        if simdutf8::basic::from_utf8(&bytes).is_err() {
            return Err(Unshelve::Changed);
        }
        // SAFETY: `bytes` was checked to be UTF-8 just above. (`String::from_utf8`
        // checks again, at ten times simdutf8's cost; a copy of the checked `&str` costs
        // a copy of the file.)
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    }

    /// `read_back` as it was: read as `load` reads, a chunk at a time, validated as it
    /// comes; the reference it is compared with.
    #[cfg(test)]
    fn read_back_by_chunks(&self) -> Result<String, Unshelve> {
        let file =
            std::fs::File::open(&self.file).map_err(|e| Unshelve::Unreadable(e.to_string()))?;
        if file.metadata().is_ok_and(|m| m.len() != self.len as u64) {
            return Err(Unshelve::Changed);
        }
        let text =
            super::read_text(file, self.len, "", super::READ_CHUNK).map_err(|e| match e {
                super::LoadError::Io { message, .. } => Unshelve::Unreadable(message),
                _ => Unshelve::Changed,
            })?;
        if text.len() != self.len || hash(text.as_bytes()) != self.hash {
            return Err(Unshelve::Changed);
        }
        Ok(text)
    }
}

/// A fast 64-bit hash of the bytes: enough to tell an edited file from the one read
/// (nobody crafts collisions against their own linter).
fn hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{self, Document};

    fn load(dir: &Path, name: &str, text: &str) -> (PathBuf, Document) {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let doc = document::load(&path, name).unwrap();
        (path, doc)
    }

    /// Every project text, as Markdown and as HTML: the kept claim texts are the source's,
    /// and the source read back is the source dropped.
    #[test]
    fn every_text_is_read_back_as_it_was() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let extractor = crate::extract::Extractor::new(&rules);
        let dir = tempfile::tempdir().unwrap();
        let texts = crate::testing::project_texts();
        assert!(texts.len() > 50, "only {} texts", texts.len());
        for (i, text) in texts.iter().enumerate() {
            for ext in ["md", "html"] {
                let (path, mut doc) = load(dir.path(), &format!("{i}.{ext}"), text);
                let claims = extractor.extract(&doc);
                let source = doc.source.clone();
                doc.shelve_source(&path, claims.iter().map(|c| c.span.clone()));
                assert!(doc.is_shelved() && doc.source.is_empty());
                for c in &claims {
                    assert_eq!(doc.span_text(c.span.clone()), source.get(c.span.clone()));
                }
                assert_eq!(doc.unshelve_source(), Ok(()), "text {i}.{ext}");
                assert_eq!(doc.source, source);
                assert!(!doc.is_shelved());
            }
        }
    }

    /// Every project text: once read back for the report, each span asked for (every
    /// claim's, and spans past the end, reversed or inside a character) is placed as the
    /// whole source places it; a span not asked for keeps only its line.
    #[test]
    fn spans_placed_for_the_report_are_placed_as_in_the_whole_source() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let extractor = crate::extract::Extractor::new(&rules);
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in crate::testing::project_texts().iter().enumerate() {
            let (path, whole) = load(dir.path(), &format!("{i}.md"), text);
            let claims = extractor.extract(&whole);
            let len = whole.source.len();
            let mut asked: Vec<Range<usize>> = claims.iter().map(|c| c.span.clone()).collect();
            asked.extend([
                0..0,
                len..len + 5,
                len + 9..len + 1,
                usize::MAX - 1..usize::MAX,
            ]);
            if let Some((at, c)) = whole.source.char_indices().find(|(_, c)| c.len_utf8() > 1) {
                asked.extend([at + 1..at + 2, at + 1..at + c.len_utf8() + 1, at + 2..at]);
            }
            let mut doc = whole.clone();
            doc.shelve_source(&path, std::iter::empty());
            doc.resolve_for_report(asked.iter().cloned()).unwrap();
            assert!(doc.is_shelved() && doc.source.is_empty());
            for span in &asked {
                if span.end > u32::MAX as usize {
                    continue;
                }
                assert_eq!(doc.locate(span), whole.locate(span), "text {i}, {span:?}");
            }
            if let Some(c) = claims.first() {
                let other = c.span.start..c.span.end + 1;
                if !asked.contains(&other) {
                    let at = doc.locate(&other);
                    assert_eq!(
                        (at.line, at.column, at.text),
                        (whole.locate(&other).line, 1, "")
                    );
                }
            }
        }
    }

    #[test]
    fn a_span_not_kept_has_no_text_while_shelved() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Năm 2024 có 63 tỉnh, thành phố.\n";
        let (path, mut doc) = load(dir.path(), "a.md", text);
        let figure = text.find("63").unwrap()..text.find(',').unwrap();
        // 2..3 is inside `ă`: not kept
        doc.shelve_source(&path, [figure.clone(), 0..4, 2..3].into_iter());
        assert_eq!(doc.span_text(figure.clone()), Some("63 tỉnh"));
        assert_eq!(doc.span_text(0..4), Some("Năm"));
        assert_eq!(doc.span_text(2..3), None);
        assert_eq!(doc.span_text(figure.start..figure.end - 1), None);
        assert_eq!(doc.span_text(0..9999), None);
        doc.unshelve_source().unwrap();
        assert_eq!(doc.span_text(figure.start..figure.start + 2), Some("63"));
    }

    #[test]
    fn a_file_edited_or_removed_during_the_run_is_not_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let text = "GDP tăng 7,09% năm 2024.\n";
        for edit in ["GDP tăng 7,08% năm 2024.\n", "GDP tăng 7,09%.\n", ""] {
            let (path, mut doc) = load(dir.path(), "a.md", text);
            doc.shelve_source(&path, std::iter::empty());
            std::fs::write(&path, edit).unwrap();
            assert_eq!(doc.unshelve_source(), Err(Unshelve::Changed), "{edit:?}");
            // still shelved: nothing reads the edited text as the checked one
            assert!(doc.is_shelved() && doc.source.is_empty());
        }
        // as long as the text, but not UTF-8, or binary
        for bytes in [vec![0xFF; text.len()], vec![0; text.len()]] {
            let (path, mut doc) = load(dir.path(), "a.md", text);
            doc.shelve_source(&path, std::iter::empty());
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(doc.unshelve_source(), Err(Unshelve::Changed));
        }
        let (path, mut doc) = load(dir.path(), "b.md", text);
        doc.shelve_source(&path, std::iter::empty());
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            doc.unshelve_source(),
            Err(Unshelve::Unreadable(_))
        ));
    }

    /// Every project text and odd ones, shelved, then left as it is, edited in place
    /// (same length or not, not UTF-8, with a NUL, grown, cut, emptied) or removed: read
    /// back straight as read back by chunks.
    #[test]
    fn a_file_is_read_back_straight_as_by_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                "x",
                "\u{feff}BOM đạt 77\r\nCRLF\rCR",
                "Tie\u{302}\u{301}ng a\u{a0}b zero\u{200b}width 99999999999999999999",
            ]
            .map(String::from),
        );
        let big = texts.iter().max_by_key(|t| t.len()).unwrap().repeat(3);
        texts.push(big);
        for (i, text) in texts.iter().enumerate() {
            let path = dir.path().join(format!("{i}.md"));
            let edits: Vec<Option<Vec<u8>>> = vec![
                None,
                Some(text.as_bytes().iter().rev().copied().collect()),
                Some([text.as_bytes(), b"x"].concat()),
                Some(text.as_bytes()[..text.len() / 2].to_vec()),
                Some(vec![0xFF; text.len()]),
                Some(vec![0; text.len()]),
                Some(Vec::new()),
            ];
            for (k, edit) in edits
                .into_iter()
                .chain([Some(b"gone".to_vec())])
                .enumerate()
            {
                std::fs::write(&path, text).unwrap();
                let shelf = Shelf::new(&path, text, std::iter::empty());
                match edit {
                    Some(_) if k == 7 => std::fs::remove_file(&path).unwrap(),
                    Some(bytes) => std::fs::write(&path, bytes).unwrap(),
                    None => {}
                }
                let straight = shelf.read_back();
                assert_eq!(straight, shelf.read_back_by_chunks(), "text {i}, edit {k}");
                if k == 0 {
                    assert_eq!(straight.as_deref(), Ok(text.as_str()));
                }
            }
        }
    }

    #[test]
    fn shelving_twice_keeps_the_first_shelf() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut doc) = load(dir.path(), "a.md", "Có 5 điểm.\n");
        doc.shelve_source(&path, std::iter::once(4..5));
        doc.shelve_source(&path, std::iter::empty());
        assert_eq!(doc.span_text(4..5), Some("5"));
        doc.unshelve_source().unwrap();
        assert_eq!(doc.source, "Có 5 điểm.\n");
    }
}
