//! How figures and times are named in messages, in both languages.

use rustc_hash::FxHashMap;

use super::Source;
use crate::claim::Claim;
use crate::document::Document;
use crate::finding::Related;
use crate::time::{TimeExpr, TimePoint};

/// Related entries made once each. An entry for an item (a fact, an event) depends on
/// the item reported only through whether the two are in the same source (`place`), and
/// a sweep names the same item beside many others.
#[derive(Default)]
pub(crate) struct RelatedMemo {
    /// (item, whether the item reported is in its source) -> its entry.
    made: FxHashMap<(usize, bool), Related>,
}

impl RelatedMemo {
    /// The entry of `item`, made by `make` the first time.
    pub(crate) fn get(
        &mut self,
        item: usize,
        same_source: bool,
        make: impl FnOnce() -> Related,
    ) -> Related {
        self.made
            .entry((item, same_source))
            .or_insert_with(make)
            .clone()
    }

    /// How many entries were made.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.made.len()
    }
}

/// The figure as the document writes it (`75 danh hiệu`), one line.
pub fn figure(doc: &Document, c: &Claim) -> String {
    figure_at(doc, &c.span)
}

/// [`figure`] of the claim at `span` (a byte range of the original file).
pub fn figure_at(doc: &Document, span: &std::ops::Range<usize>) -> String {
    one_line(doc.span_text(span.clone()).unwrap_or_default())
}

/// `text` without Markdown's `*` and `_`, its runs of white space one space, trimmed:
/// in one pass, with no copy of the text between.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // white space seen since the last character kept
    let mut gap = false;
    for ch in text.chars() {
        if ch == '*' || ch == '_' {
            continue;
        }
        if ch.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(ch);
    }
    out
}

/// `năm 2025`, `tính đến 31/12/2024`, `giai đoạn 2021-2023`.
pub fn time_vi(t: &TimeExpr) -> String {
    match (t.start, t.end) {
        (TimePoint::Year(y), None) => format!("năm {y}"),
        (TimePoint::Day { year, month, day }, None) => format!("tính đến {day}/{month}/{year}"),
        (TimePoint::Month { year, month }, None) => format!("tháng {month}/{year}"),
        (TimePoint::Quarter { year, quarter }, None) => format!("quý {quarter}/{year}"),
        (TimePoint::Year(a), Some(TimePoint::Year(b))) => format!("giai đoạn {a}-{b}"),
        _ => t.iso(),
    }
}

/// `in 2025`, `as of 2024-12-31`, `2021-2023`.
pub fn time_en(t: &TimeExpr) -> String {
    match (t.start, t.end) {
        (TimePoint::Year(y), None) => format!("in {y}"),
        (TimePoint::Day { .. }, None) => format!("as of {}", t.iso()),
        (TimePoint::Year(a), Some(TimePoint::Year(b))) => format!("{a}-{b}"),
        _ => t.iso(),
    }
}

/// The scale word of a power of ten (`tỷ` for 9).
pub fn scale_word(exp: i32) -> &'static str {
    match exp {
        3 => "nghìn",
        6 => "triệu",
        9 => "tỷ",
        12 => "nghìn tỷ",
        15 => "triệu tỷ",
        _ => "",
    }
}

/// How a related span is named from the primary's document: its line in the same
/// document, else its file (marked when it is a trusted reference).
pub fn place(sources: &[Source], from: usize, to: usize, offset: usize) -> (String, String) {
    let s = &sources[to];
    if from == to {
        let line = s.doc.line_of(offset);
        return (
            format!("dòng {line} của tài liệu này"),
            format!("line {line} of this document"),
        );
    }
    if s.reference {
        (
            format!("{} (nguồn tham chiếu)", s.doc.path),
            format!("{} (reference)", s.doc.path),
        )
    } else {
        (s.doc.path.to_string(), s.doc.path.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `one_line` as first written: the marks dropped, then split on white space and
    /// joined.
    fn one_line_plain(text: &str) -> String {
        let clean: String = text.chars().filter(|ch| *ch != '*' && *ch != '_').collect();
        clean.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The figure in one pass is that of the first pass: every line of every text of the
    /// project, cut every few characters, and odd texts.
    #[test]
    fn one_line_is_that_of_the_first_pass() {
        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                " * _ ",
                "**75**\u{a0}danh  hiệu\r\n",
                "a* *b_ _c\u{2028}d\u{200b}e",
                "1\u{301}2 99999999999999999999 tỷ\t",
            ]
            .map(String::from),
        );
        let mut cuts = 0;
        for t in &texts {
            assert_eq!(one_line(t), one_line_plain(t));
            for line in t.lines() {
                let bounds: Vec<usize> = (0..=line.len())
                    .filter(|&i| line.is_char_boundary(i))
                    .step_by(5)
                    .collect();
                for w in bounds.windows(3) {
                    let part = &line[w[0]..w[2]];
                    assert_eq!(one_line(part), one_line_plain(part), "{part:?}");
                    cuts += 1;
                }
            }
        }
        assert!(cuts > 10_000, "{cuts}");
    }
}
