//! `style/number-format`: figures written the English way (`36.6 tỷ`, `1,700,000`,
//! `1,250.5`), an ambiguous `1,700` (a thousand and seven hundred, or 1,7 with a trailing
//! zero), and figures of four digits or more grouped one way here and another way there
//! (`1.700` beside `1700` or `1 700`).
//!
//! Only the figures of claims are looked at (dates and years are never grouped, and the
//! extractor already leaves out versions such as `4.0`, section numbers such as `2.1.4.`,
//! identifiers and times). A figure's value never changes: `36.6` becomes `36,6`, and an
//! ambiguous `1,700` only gets a suggestion.

use std::ops::Range;

use crate::claim::Kind;
use crate::document::Document;
use crate::finding::{Applicability, Finding, Fix, Related, Severity, Text};

use super::super::Source;
use super::{edit, location};

pub const RULE: &str = "style/number-format";

/// Longer digit strings than this are not figures anyone writes; they are skipped.
const MAX_TOKEN: usize = 64;

/// How the digits of a figure are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `193`, `1700`.
    Plain,
    /// `1.700`, `3.000.000`, `1.234,5`: Vietnamese thousands dots.
    ViGrouped,
    /// `36,6`, `0,500`: a Vietnamese decimal comma.
    ViDecimal,
    /// `36.6`, `0.500`, `1234.5`: an English decimal point (one dot not followed by a
    /// group of three, or after `0` or four digits or more).
    EnDecimal,
    /// `1,700`, `17,500`: one comma and three digits, an English thousands comma or a
    /// Vietnamese decimal with a trailing zero.
    Ambiguous,
    /// `1,700,000`: English thousands commas.
    EnGrouped,
    /// `1,250.5`: English commas and point.
    EnGroupedDecimal,
    /// `1 700`: groups of three separated by spaces.
    Spaced,
    /// Anything else (`1,2,3`, `1.23.4`): left alone.
    Other,
}

/// The shape of a string of digits and single `.` or `,` between digits, read from its
/// bytes without collecting the groups (`shape_slow` collected them).
pub fn shape(s: &str) -> Shape {
    let b = s.as_bytes();
    // the separators: how many, how many dots, the last one
    let (mut n, mut dots, mut last) = (0, 0, 0u8);
    // the groups between them: all non-empty digits; all but the first (`tail3`) and all
    // but the first and the last (`middle3`) of three digits
    let (mut tail3, mut middle3) = (true, true);
    let mut first_len = None;
    let mut start = 0;
    for k in 0..=b.len() {
        let sep = b.get(k).copied();
        if let Some(x) = sep
            && x != b'.'
            && x != b','
        {
            if !x.is_ascii_digit() {
                return Shape::Other;
            }
            continue;
        }
        let len = k - start;
        if len == 0 {
            return Shape::Other;
        }
        match first_len {
            None => first_len = Some(len),
            Some(_) => {
                if len != 3 {
                    tail3 = false;
                    if sep.is_some() {
                        middle3 = false;
                    }
                }
            }
        }
        if let Some(x) = sep {
            n += 1;
            dots += usize::from(x == b'.');
            last = x;
        }
        start = k + 1;
    }
    if n == 0 {
        return Shape::Plain;
    }
    let lead_ok = first_len.is_some_and(|l| (1..=3).contains(&l)) && !s.starts_with('0');
    if dots == n {
        if lead_ok && tail3 {
            return Shape::ViGrouped;
        }
        return if n == 1 {
            Shape::EnDecimal
        } else {
            Shape::Other
        };
    }
    if dots == 0 {
        if lead_ok && tail3 {
            return if n == 1 {
                Shape::Ambiguous
            } else {
                Shape::EnGrouped
            };
        }
        return if n == 1 {
            Shape::ViDecimal
        } else {
            Shape::Other
        };
    }
    // both marks: all of one kind and the other one last
    let middle_ok = lead_ok && middle3;
    if last == b',' && dots == n - 1 && middle_ok {
        Shape::ViGrouped
    } else if last == b'.' && dots == 1 && middle_ok {
        Shape::EnGroupedDecimal
    } else {
        Shape::Other
    }
}

/// `shape` as first written, the groups collected: kept to test it against.
#[cfg(test)]
pub fn shape_slow(s: &str) -> Shape {
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    let seps: Vec<u8> = s.bytes().filter(|b| matches!(b, b'.' | b',')).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return Shape::Other;
    }
    let lead_ok = |g: &str| (1..=3).contains(&g.len()) && !g.starts_with('0');
    let threes = |gs: &[&str]| gs.iter().all(|g| g.len() == 3);
    let n = seps.len();
    if n == 0 {
        return Shape::Plain;
    }
    let dots = seps.iter().filter(|&&b| b == b'.').count();
    let last = seps[n - 1];
    if dots == n {
        if lead_ok(groups[0]) && threes(&groups[1..]) {
            return Shape::ViGrouped;
        }
        return if n == 1 {
            Shape::EnDecimal
        } else {
            Shape::Other
        };
    }
    if dots == 0 {
        if lead_ok(groups[0]) && threes(&groups[1..]) {
            return if n == 1 {
                Shape::Ambiguous
            } else {
                Shape::EnGrouped
            };
        }
        return if n == 1 {
            Shape::ViDecimal
        } else {
            Shape::Other
        };
    }
    // both marks: all of one kind and the other one last
    let middle_ok = lead_ok(groups[0]) && threes(&groups[1..n]);
    if last == b',' && dots == n - 1 && middle_ok {
        Shape::ViGrouped
    } else if last == b'.' && dots == 1 && middle_ok {
        Shape::EnGroupedDecimal
    } else {
        Shape::Other
    }
}

/// The integer digits and the decimal digits a shape stands for.
fn parts(s: &str, shape: Shape) -> (String, String) {
    let digits = |x: &str| -> String { x.chars().filter(char::is_ascii_digit).collect() };
    let split = |mark: char| match s.rsplit_once(mark) {
        Some((a, b)) => (digits(a), b.to_string()),
        None => (digits(s), String::new()),
    };
    match shape {
        Shape::Plain | Shape::Spaced | Shape::EnGrouped | Shape::Ambiguous | Shape::Other => {
            (digits(s), String::new())
        }
        Shape::ViGrouped | Shape::ViDecimal => split(','),
        Shape::EnDecimal | Shape::EnGroupedDecimal => split('.'),
    }
}

/// The integer digits `parts` gives, without building them: how many, and whether the
/// first is a `0`.
fn int_digits(s: &str, shape: Shape) -> (usize, bool) {
    let int = match shape {
        Shape::ViGrouped | Shape::ViDecimal => s.rsplit_once(',').map_or(s, |(a, _)| a),
        Shape::EnDecimal | Shape::EnGroupedDecimal => s.rsplit_once('.').map_or(s, |(a, _)| a),
        _ => s,
    };
    let mut digits = int.bytes().filter(u8::is_ascii_digit);
    match digits.next() {
        Some(first) => (1 + digits.count(), first == b'0'),
        None => (0, false),
    }
}

/// How a document groups the digits of figures of four digits or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Dots,
    None,
}

/// A figure in Vietnamese style: `1.700,5` (or `1700,5` without grouping).
pub fn vietnamese(int: &str, frac: &str, grouping: Grouping) -> String {
    let mut out = String::new();
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if grouping == Grouping::Dots && i > 0 && (n - i).is_multiple_of(3) && n >= 4 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A figure of a claim.
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    text: String,
    shape: Shape,
    /// Spaced only: the separators in the file are non-breaking or thin spaces.
    clear_spaces: bool,
}

impl Token {
    /// How the token votes on the document's grouping, when it has four integer digits
    /// or more.
    fn vote(&self) -> Option<Vote> {
        let (len, zero) = int_digits(&self.text, self.shape);
        if len < 4 || zero {
            return None;
        }
        match self.shape {
            Shape::Plain | Shape::ViDecimal => Some(Vote::None),
            Shape::ViGrouped | Shape::EnGrouped | Shape::EnGroupedDecimal => Some(Vote::Dots),
            Shape::Spaced => Some(Vote::Spaces),
            Shape::EnDecimal | Shape::Ambiguous | Shape::Other => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vote {
    Dots,
    None,
    Spaces,
}

pub fn check(s: &Source, severity: Severity) -> Vec<Finding> {
    let doc = &s.doc;
    let tokens = tokens(s);
    let votes: Vec<Option<Vote>> = tokens.iter().map(Token::vote).collect();
    let count = |v: Vote| votes.iter().filter(|x| **x == Some(v)).count();
    let (dots, plain, spaces) = (count(Vote::Dots), count(Vote::None), count(Vote::Spaces));
    // dots are the Vietnamese standard: they win a tie, and spaces never win
    let grouping = if plain > dots {
        Grouping::None
    } else {
        Grouping::Dots
    };
    let mut out = Vec::new();
    for t in &tokens {
        out.extend(english(doc, t, grouping, severity));
    }
    let kinds = [dots, plain, spaces].iter().filter(|&&n| n > 0).count();
    if kinds >= 2 {
        out.extend(consistency(
            doc,
            &tokens,
            &votes,
            grouping,
            (dots, plain, spaces),
            severity,
        ));
    }
    out
}

/// The figures of a document's claims other than dates, each once, in text order.
fn tokens(s: &Source) -> Vec<Token> {
    let doc = &s.doc;
    let t = doc.text.as_bytes();
    let mut ranges: Vec<Range<usize>> = s
        .claims
        .iter()
        .filter(|c| c.kind != Kind::Date)
        .map(|c| c.text_range.clone())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let starts_claim = |p: usize| {
        let i = ranges.partition_point(|r| r.start <= p);
        i > 0 && ranges[i - 1].contains(&p)
    };
    let mut out = Vec::new();
    let mut done = 0;
    for r in &ranges {
        let mut p = r.start.max(done);
        while p < r.end.min(t.len()) {
            let starts = t[p].is_ascii_digit() && (p == 0 || !glued(&doc.text, p));
            if !starts {
                p += 1;
                continue;
            }
            let end = token_end(t, p);
            done = end;
            if end - p > MAX_TOKEN || in_link(&doc.text, p) {
                p = end;
                continue;
            }
            let text = doc.text[p..end].to_string();
            // `700` of `1 700 000` whose first group the extractor did not read: unknown
            let continues =
                text.len() == 3 && p >= 2 && t[p - 1] == b' ' && t[p - 2].is_ascii_digit();
            if continues {
                p = end;
                continue;
            }
            let mut tok = Token {
                range: p..end,
                shape: shape(&text),
                text,
                clear_spaces: false,
            };
            if tok.shape == Shape::Plain && tok.text.len() <= 3 && !tok.text.starts_with('0') {
                let spaced_end = spaced_groups(t, end, &starts_claim);
                if spaced_end > end {
                    let src = doc.source_range(p..spaced_end);
                    tok.clear_spaces = doc
                        .source_get(src)
                        .is_some_and(|s| s.chars().any(|c| c.is_whitespace() && c != ' '));
                    tok.range = p..spaced_end;
                    tok.text = doc.text[p..spaced_end].to_string();
                    tok.shape = Shape::Spaced;
                    done = spaced_end;
                }
            }
            p = tok.range.end;
            out.push(tok);
        }
    }
    out
}

/// Whether the digit at `p` continues a word or a figure (`QH15`, `,5`, `1.2`).
fn glued(t: &str, p: usize) -> bool {
    t[..p]
        .chars()
        .next_back()
        .is_some_and(|c| crate::text::is_alphanumeric(c) || matches!(c, '.' | ',' | '_'))
}

/// The end of the run of digits with single `.` or `,` between them that starts at `p`.
fn token_end(t: &[u8], p: usize) -> usize {
    let mut j = p;
    loop {
        while j < t.len() && t[j].is_ascii_digit() {
            j += 1;
        }
        let sep = j + 1 < t.len() && matches!(t[j], b'.' | b',') && t[j + 1].is_ascii_digit();
        if !sep {
            return j;
        }
        j += 1;
    }
}

/// After a group of one to three digits ending at `end`: the end of the groups of three
/// that follow it after one space each (`1 700 000`), each of them starting a figure the
/// extractor read. `end` itself when there are none.
fn spaced_groups(t: &[u8], end: usize, starts_claim: &dyn Fn(usize) -> bool) -> usize {
    let mut j = end;
    loop {
        let g = j + 1;
        let three = g + 3 <= t.len()
            && t[j] == b' '
            && t[g..g + 3].iter().all(u8::is_ascii_digit)
            && !t.get(g + 3).is_some_and(u8::is_ascii_digit)
            && !(matches!(t.get(g + 3), Some(b'.' | b','))
                && t.get(g + 4).is_some_and(u8::is_ascii_digit));
        if !three || !starts_claim(g) {
            return j;
        }
        j = g + 3;
    }
}

/// Whether the figure at `p` is part of a web address or an e-mail address.
fn in_link(t: &str, p: usize) -> bool {
    let from = t[..p]
        .char_indices()
        .rev()
        .take(200)
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, _)| i);
    let chunk = &t[from..p];
    chunk.contains("://") || chunk.contains("www.") || chunk.contains('@')
}

/// A finding for a figure written the English way.
fn english(doc: &Document, t: &Token, grouping: Grouping, severity: Severity) -> Option<Finding> {
    // the shapes written the Vietnamese way (most) have nothing to say
    if !matches!(
        t.shape,
        Shape::EnDecimal | Shape::EnGrouped | Shape::EnGroupedDecimal | Shape::Ambiguous
    ) {
        return None;
    }
    let (int, frac) = parts(&t.text, t.shape);
    let written = &t.text;
    let (message, label, help, replacement, applicability) = match t.shape {
        Shape::EnDecimal | Shape::EnGrouped | Shape::EnGroupedDecimal => {
            let r = vietnamese(&int, &frac, grouping);
            let (label_vi, label_en) = if t.shape == Shape::EnDecimal {
                (
                    "dấu chấm thập phân kiểu tiếng Anh",
                    "an English decimal point",
                )
            } else {
                (
                    "dấu phẩy ngăn cách hàng nghìn kiểu tiếng Anh",
                    "English thousands commas",
                )
            };
            (
                Text::new(
                    format!("số viết theo kiểu tiếng Anh: {written}"),
                    format!("English-style number: {written}"),
                ),
                Text::new(label_vi, label_en),
                Text::new(format!("viết {r}"), format!("write {r}")),
                r,
                Applicability::Automatic,
            )
        }
        Shape::Ambiguous => {
            let thousands = vietnamese(&int, "", grouping);
            let (a, b) = written.split_once(',').unwrap_or((written.as_str(), ""));
            let decimal = format!("{a},{}", b.trim_end_matches('0'));
            let decimal = decimal.trim_end_matches(',').to_string();
            (
                Text::new(
                    format!("{written} có thể đọc là {thousands} hoặc {decimal}"),
                    format!("{written} reads as {thousands} or as {decimal}"),
                ),
                Text::new(
                    "dấu phẩy và ba chữ số: hàng nghìn kiểu tiếng Anh hay số thập phân?",
                    "a comma and three digits: English thousands or a decimal?",
                ),
                Text::new(
                    format!(
                        "nếu là hàng nghìn, viết {thousands}; nếu là số thập phân, viết {decimal}"
                    ),
                    format!("for thousands write {thousands}; for a decimal write {decimal}"),
                ),
                thousands,
                Applicability::Suggested,
            )
        }
        _ => return None,
    };
    let fix = edit(doc, t.range.clone(), &replacement).map(|e| Fix {
        description: Text::new(
            format!("viết {written} thành {replacement}"),
            format!("write {written} as {replacement}"),
        ),
        edits: vec![e],
        applicability,
    });
    Some(Finding {
        rule: RULE,
        severity,
        message,
        primary: location(doc, t.range.clone()),
        label,
        related: Vec::new(),
        help: Some(help),
        notes: vec![Text::new(
            "văn bản tiếng Việt dùng dấu phẩy trước phần thập phân và dấu chấm giữa các nhóm ba chữ số: 36,6; 1.700",
            "Vietnamese text puts a comma before the decimals and dots between groups of three digits: 36,6; 1.700",
        )],
        fix,
    })
}

/// One finding for a document whose figures of four digits or more are grouped two ways.
fn consistency(
    doc: &Document,
    tokens: &[Token],
    votes: &[Option<Vote>],
    grouping: Grouping,
    (dots, plain, spaces): (usize, usize, usize),
    severity: Severity,
) -> Option<Finding> {
    let target = match grouping {
        Grouping::Dots => Vote::Dots,
        Grouping::None => Vote::None,
    };
    // English forms are rewritten by their own findings, already in the target grouping
    let english = |t: &Token| matches!(t.shape, Shape::EnGrouped | Shape::EnGroupedDecimal);
    let wrong: Vec<&Token> = tokens
        .iter()
        .zip(votes)
        .filter(|(t, v)| v.is_some_and(|v| v != target) && !english(t))
        .map(|(t, _)| t)
        .collect();
    let right: Vec<&Token> = tokens
        .iter()
        .zip(votes)
        .filter(|(_, v)| **v == Some(target))
        .map(|(t, _)| t)
        .collect();
    let first = wrong.first()?;
    let fixed = |t: &Token| {
        let (int, frac) = parts(&t.text, t.shape);
        vietnamese(&int, &frac, grouping)
    };
    let edits: Vec<_> = wrong
        .iter()
        .filter_map(|t| edit(doc, t.range.clone(), &fixed(t)))
        .collect();
    let unsure = wrong
        .iter()
        .any(|t| t.shape == Shape::Spaced && !t.clear_spaces);
    let mut counts_vi = vec![
        format!("{dots} số có ngăn cách hàng nghìn (1.700)"),
        format!("{plain} số không (1700)"),
    ];
    let mut counts_en = vec![
        format!("{dots} figures grouped (1.700)"),
        format!("{plain} ungrouped (1700)"),
    ];
    if spaces > 0 {
        counts_vi.push(format!("{spaces} số ngăn cách bằng dấu cách (1 700)"));
        counts_en.push(format!("{spaces} grouped with spaces (1 700)"));
    }
    let (style_vi, style_en) = match grouping {
        Grouping::Dots => ("dấu chấm ngăn cách hàng nghìn", "dots between thousands"),
        Grouping::None => ("không ngăn cách hàng nghìn", "no grouping"),
    };
    let first_fixed = fixed(first);
    let mut notes = vec![Text::new(
        "năm không bao giờ được ngăn cách (năm 2023); số có ba chữ số trở xuống không được tính",
        "years are never grouped (năm 2023); figures of three digits or fewer are not counted",
    )];
    if unsure {
        notes.push(Text::new(
            "một số nhóm ba chữ số cách nhau bằng dấu cách thường có thể là hai số riêng: sửa được đề xuất, không tự áp dụng",
            "some groups of three are separated by ordinary spaces and could be two figures: the fix is suggested, not applied",
        ));
    }
    Some(Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!(
                "cách ngăn cách hàng nghìn không thống nhất: {}",
                counts_vi.join(", ")
            ),
            format!("digit grouping mixed: {}", counts_en.join(", ")),
        ),
        primary: location(doc, first.range.clone()),
        label: Text::new(
            format!("viết {}", first.text),
            format!("written {}", first.text),
        ),
        related: right
            .iter()
            .take(2)
            .map(|t| Related {
                location: location(doc, t.range.clone()),
                message: Text::new(format!("viết {}", t.text), format!("written {}", t.text)),
            })
            .collect(),
        help: Some(Text::new(
            format!(
                "dùng một cách trong toàn văn bản ({style_vi}): {} → {first_fixed}",
                first.text
            ),
            format!(
                "use one style throughout ({style_en}): {} → {first_fixed}",
                first.text
            ),
        )),
        notes,
        fix: (!edits.is_empty()).then(|| Fix {
            description: Text::new(
                format!("viết lại {} số theo cách {style_vi}", edits.len()),
                format!("rewrite {} figures with {style_en}", edits.len()),
            ),
            edits,
            applicability: if unsure {
                Applicability::Suggested
            } else {
                Applicability::Automatic
            },
        }),
    })
}

#[cfg(test)]
mod fast_tests {
    use super::*;

    /// Every string of up to seven bytes of `0 1 . , x` (and the figures of every
    /// project text): `shape` answers as `shape_slow`, `int_digits` as `parts`.
    #[test]
    fn shapes_and_integer_digits_read_as_before() {
        let alphabet = [b'0', b'1', b'.', b',', b'x', b'7'];
        let mut all: Vec<String> = vec![String::new()];
        let mut level = vec![String::new()];
        for _ in 0..7 {
            let mut next = Vec::new();
            for p in &level {
                for &a in &alphabet {
                    let mut q = p.clone();
                    q.push(char::from(a));
                    next.push(q);
                }
            }
            all.extend(next.iter().cloned());
            level = next;
        }
        for t in crate::testing::project_texts() {
            all.extend(
                t.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                    .filter(|w| !w.is_empty())
                    .map(String::from),
            );
        }
        all.extend(
            [
                "1.700",
                "1.234,5",
                "1,250.5",
                "0,500",
                "1,700,000",
                "12.345.678,9",
            ]
            .map(String::from),
        );
        let mut shapes = std::collections::HashSet::new();
        for w in &all {
            let sh = shape(w);
            assert_eq!(sh, shape_slow(w), "{w:?}");
            shapes.insert(format!("{sh:?}"));
            for any in [
                Shape::Plain,
                Shape::ViGrouped,
                Shape::ViDecimal,
                Shape::EnDecimal,
                Shape::Ambiguous,
                Shape::EnGrouped,
                Shape::EnGroupedDecimal,
                Shape::Spaced,
                Shape::Other,
            ] {
                let (int, _) = parts(w, any);
                assert_eq!(
                    int_digits(w, any),
                    (int.len(), int.starts_with('0')),
                    "{w:?}"
                );
            }
        }
        assert!(
            all.len() > 300_000 && shapes.len() == 8,
            "{} {shapes:?}",
            all.len()
        );
    }
}
