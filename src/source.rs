//! Line and column positions in a file's text.
//!
//! Lines end at LF, CRLF or a lone CR; columns count characters (not bytes), 1-based, and
//! a byte order mark at the start of the file is not a column.

use std::ops::Range;

/// Byte offsets of line starts, for turning byte offsets into line and column.
///
/// It does not keep the text (a `Document` owns it), so `line_col` takes it again: pass
/// the same string the index was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line; `starts[0] == 0`. Four bytes each:
    /// a run holds the index of every file it reports on, and no file factlint reads is
    /// over 4 GiB (`document::load` refuses larger ones; a larger offset saturates).
    starts: Vec<u32>,
    /// Length of a leading BOM (0 or 3).
    bom: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts: Vec<u32> = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut crlf_at = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                // the `\n` of a `\r\n`, already counted
                b'\n' if i == crlf_at => {}
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    crlf_at = i + 1;
                    starts.push(at(i + 2));
                }
                _ => starts.push(at(i + 1)),
            }
        }
        // The guess above is 4x the lines of ordinary prose; the index lives as long as
        // its document.
        starts.shrink_to_fit();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex { starts, bom }
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Length of the byte order mark the text starts with (0 or 3).
    pub fn bom_len(&self) -> usize {
        self.bom
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i).map(|&s| s as usize))
    }

    /// 1-based line and 1-based column in characters of byte `offset` in `text` (the
    /// string this index was built from). An offset past the end is clamped to the end;
    /// one inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self
            .starts
            .get(line - 1)
            .map_or(0, |&s| s as usize)
            .min(offset);
        let mut from = start;
        if start == 0 && self.bom > 0 && offset >= self.bom && text.starts_with('\u{feff}') {
            from = self.bom;
        }
        let col = text.get(from..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// 1-based line of a byte offset, as `line_col` gives it, without the text: lines
    /// start after a newline, so neither clamping the offset to the text nor moving it
    /// back to a character boundary can cross a line start.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= offset)
            .max(1)
    }
}

/// `span` made safe to slice `source` with: inside it, on character boundaries (the start
/// moves back, the end forward, so a character cut in two is shown whole), never reversed.
pub fn clamp(source: &str, span: &Range<usize>) -> Range<usize> {
    let len = source.len();
    let mut start = span.start.min(len);
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = if span.end <= span.start {
        start
    } else {
        span.end.min(len).max(start)
    };
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_crlf_and_lone_cr_end_lines() {
        let t = "một\r\nhai\rba\nbốn";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_count(), 4);
        assert_eq!(ix.line_col(t, t.find("hai").unwrap()), (2, 1));
        assert_eq!(ix.line_col(t, t.find("ba").unwrap()), (3, 1));
        assert_eq!(ix.line_col(t, t.find("bốn").unwrap() + "bố".len()), (4, 3));
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let t = "Đà Nẵng 36,6 tỷ";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, t.find("36").unwrap()), (1, 9));
    }

    #[test]
    fn bom_is_not_a_column() {
        let t = "\u{feff}Năm 2023";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 3), (1, 1));
        assert_eq!(ix.line_col(t, t.find("2023").unwrap()), (1, 5));
        assert_eq!(ix.line_col(t, 0), (1, 1));
    }

    #[test]
    fn offsets_out_of_range_or_mid_char_do_not_panic() {
        let t = "ệ\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 1), (1, 1));
        assert_eq!(ix.line_col(t, 99), (2, 1));
        assert_eq!(LineIndex::new("").line_col("", 5), (1, 1));
    }

    #[test]
    fn line_without_the_text_is_the_line_of_line_col() {
        let texts = [
            "",
            "\n",
            "\u{feff}Năm 2023\r\nhai\rba\n",
            "ệ\nĐà Nẵng 36,6 tỷ\n\nbốn",
            "một\r\n\r\nhai",
        ];
        for t in texts {
            let ix = LineIndex::new(t);
            for offset in 0..t.len() + 4 {
                assert_eq!(
                    ix.line(offset),
                    ix.line_col(t, offset).0,
                    "{t:?} at {offset}"
                );
            }
        }
    }
}
