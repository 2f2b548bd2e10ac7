//! Joining markers into lists, and `enumeration/sequence-gap`: a list whose numbering
//! skips or repeats a number.
//!
//! A marker continues the open list of its style when it comes right after the previous
//! item's number; a number 1 always starts a new list, and a jump backwards or of more
//! than `max_missing` numbers starts another list silently. A heading that is not itself
//! an item closes every list, and so does distance: `max_block_distance` blocks between
//! items at block starts, 3 blocks for an item inside running text.
//!
//! A marker with several readings (`(i)` is roman one or the letter i; `e` is the 5th
//! Latin and the 6th Vietnamese letter) is fed to each; it is reported only when no
//! reading continues a list.

use std::collections::HashMap;

use crate::document::{BlockKind, Document};
use crate::finding::{Finding, Location, Related, Severity, Text};
use crate::rules::EnumerationSettings;

use super::markers::{Family, Marker, Soft, Style, render};

pub const RULE: &str = "enumeration/sequence-gap";

/// A number repeated further away than this many blocks more likely opens another list
/// whose first item is not numbered (`Điều quan trọng nhất là ... Thứ hai, ...`).
const REPEAT_MAX_BLOCKS: usize = 12;

/// Whether `hay` holds `needle` after a non-alphanumeric character or at its start.
fn contains_token(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay.match_indices(needle).any(|(k, _)| {
            hay[..k]
                .chars()
                .next_back()
                .is_none_or(|c| !crate::text::is_alphanumeric(c))
        })
}

fn any_one_of(m: &Marker) -> bool {
    m.cands.iter().any(|c| c.value == 1)
}

/// One list: its markers in order.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// The style of its numbered items.
    #[allow(dead_code)]
    pub style: Option<Style>,
    /// Indexes into the marker vector, soft markers included.
    pub items: Vec<usize>,
    /// The highest number reached.
    pub max: u32,
    /// The list opens with `Trước hết` / closes with `Cuối cùng`.
    pub soft_first: bool,
    pub soft_last: bool,
    /// Closed by a heading or a question rather than by its own end: items after the
    /// break may still belong to it.
    pub cut: bool,
}

impl List {
    /// Items with a number.
    pub fn numbered(&self, markers: &[Marker]) -> usize {
        self.items
            .iter()
            .filter(|&&i| markers.get(i).is_some_and(|m| m.soft.is_none()))
            .count()
    }
}

#[derive(Debug, Clone)]
struct Tracker {
    list: usize,
    last: u32,
    last_marker: usize,
    last_block: usize,
    /// The last item was reported: the next may take either number after it.
    after_problem: bool,
}

enum Step {
    Continue,
    Problem { expected: u32, repeat: bool },
    Restart,
}

/// The lists of a document (`list_of[i]` is the list of marker `i`) and the findings of
/// the gaps.
pub struct Lists {
    pub lists: Vec<List>,
    pub list_of: Vec<Option<usize>>,
}

pub fn build(
    doc: &Document,
    markers: &[Marker],
    settings: &EnumerationSettings,
    severity: Option<Severity>,
    out: &mut Vec<Finding>,
) -> Lists {
    let mut lists: Vec<List> = Vec::new();
    let mut list_of: Vec<Option<usize>> = vec![None; markers.len()];
    let mut open: HashMap<Style, Tracker> = HashMap::new();
    // a `Trước hết` waiting for a `Thứ hai` or `Hai là`
    let mut pending_first: Option<usize> = None;
    let mut next_marker = 0;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let first_here = next_marker;
        while next_marker < markers.len() && markers[next_marker].block == bi {
            next_marker += 1;
        }
        let here = first_here..next_marker;
        if matches!(block.kind, BlockKind::Heading { .. })
            && !here
                .clone()
                .any(|i| markers[i].line_start && markers[i].pos == block.range.start)
        {
            for t in open.values() {
                if let Some(list) = lists.get_mut(t.list) {
                    list.cut = true;
                }
            }
            open.clear();
            pending_first = None;
        }
        // an interviewer's question ends the lists of the answer before it
        let question = doc.block_text(block).trim_end().ends_with('?');
        for mi in here {
            let m = &markers[mi];
            match m.soft {
                Some(Soft::First) => {
                    pending_first = Some(mi);
                    continue;
                }
                Some(Soft::Last) => {
                    // joins the latest open list of words (`Thứ ...`, `... là`)
                    let latest = open
                        .iter()
                        .filter(|(s, _)| matches!(s.family, Family::Ordinal | Family::La))
                        .filter(|(_, t)| bi - t.last_block <= settings.max_block_distance)
                        .max_by_key(|(_, t)| t.last_marker)
                        .map(|(_, t)| t.list);
                    if let Some(l) = latest
                        && let Some(list) = lists.get_mut(l)
                    {
                        list.items.push(mi);
                        list.soft_last = true;
                        list_of[mi] = Some(l);
                    }
                    continue;
                }
                None => {}
            }
            let limit = if m.line_start {
                settings.max_block_distance
            } else {
                3
            };
            let steps: Vec<Step> = m
                .cands
                .iter()
                .map(|c| match open.get(&c.style) {
                    Some(t) if bi - t.last_block <= limit => {
                        let resync = t.after_problem && c.value > t.last && c.value <= t.last + 2;
                        if c.value == t.last + 1 || resync {
                            Step::Continue
                        } else if c.value == 1 {
                            Step::Restart
                        } else if c.value == t.last && bi - t.last_block <= REPEAT_MAX_BLOCKS {
                            Step::Problem {
                                expected: t.last + 1,
                                repeat: true,
                            }
                        } else if c.value > t.last + 1
                            && c.value <= t.last + 1 + settings.max_missing
                        {
                            Step::Problem {
                                expected: t.last + 1,
                                repeat: false,
                            }
                        } else {
                            Step::Restart
                        }
                    }
                    _ => Step::Restart,
                })
                .collect();
            let words =
                |c: &super::markers::Cand| matches!(c.style.family, Family::Ordinal | Family::La);
            let any_continue = steps.iter().any(|s| matches!(s, Step::Continue));
            if m.weak && !any_continue && !any_one_of(m) {
                continue;
            }
            // `Trước hết, ... Thứ hai`: the soft opening is item one
            let soft_two =
                pending_first.is_some() && m.cands.iter().any(|c| words(c) && c.value == 2);
            let any_one = m.cands.iter().any(|c| c.value == 1);
            let chosen: usize;
            if any_continue {
                let mut first = None;
                for (c, s) in m.cands.iter().zip(&steps) {
                    if !matches!(s, Step::Continue) {
                        continue;
                    }
                    if let Some(t) = open.get_mut(&c.style) {
                        // the list that holds the previous item, for every reading
                        let l = list_of
                            .get(t.last_marker)
                            .copied()
                            .flatten()
                            .unwrap_or(t.list);
                        t.list = l;
                        t.last = c.value;
                        t.last_marker = mi;
                        t.last_block = bi;
                        t.after_problem = false;
                        if let Some(list) = lists.get_mut(l) {
                            list.max = list.max.max(c.value);
                        }
                        first = first.or(Some(l));
                    }
                }
                chosen = first.unwrap_or(0);
            } else if any_one || soft_two || steps.iter().all(|s| matches!(s, Step::Restart)) {
                let id = lists.len();
                let mut list = List {
                    style: m.cands.first().map(|c| c.style),
                    items: Vec::new(),
                    max: 0,
                    soft_first: false,
                    soft_last: false,
                    cut: false,
                };
                if soft_two && let Some(p) = pending_first {
                    list.items.push(p);
                    list.soft_first = true;
                    list_of[p] = Some(id);
                }
                for c in &m.cands {
                    // with a reading that opens a list, the other readings open none
                    let opens = if any_one {
                        c.value == 1
                    } else if soft_two {
                        words(c) && c.value == 2
                    } else {
                        true
                    };
                    if !opens {
                        continue;
                    }
                    list.max = list.max.max(c.value);
                    list.style = Some(c.style);
                    open.insert(
                        c.style,
                        Tracker {
                            list: id,
                            last: c.value,
                            last_marker: mi,
                            last_block: bi,
                            after_problem: false,
                        },
                    );
                }
                lists.push(list);
                chosen = id;
            } else {
                let mut first: Option<(usize, Style, u32, bool, usize)> = None;
                for (c, s) in m.cands.iter().zip(&steps) {
                    let Step::Problem { expected, repeat } = *s else {
                        continue;
                    };
                    if let Some(t) = open.get_mut(&c.style) {
                        let l = list_of
                            .get(t.last_marker)
                            .copied()
                            .flatten()
                            .unwrap_or(t.list);
                        if first.is_none() {
                            first = Some((l, c.style, expected, repeat, t.last_marker));
                        }
                        t.list = l;
                        t.last = c.value.max(t.last);
                        t.last_marker = mi;
                        t.last_block = bi;
                        t.after_problem = true;
                        if let Some(list) = lists.get_mut(l) {
                            list.max = list.max.max(c.value);
                        }
                    }
                }
                let Some((l, style, expected, repeat, prev)) = first else {
                    continue;
                };
                // the missing item written in a form the scanner does not read as a
                // marker (`(iv)Tận dụng`, `Thứ ba:đẩy mạnh`): not a gap
                let want = render(style, expected, &m.written).to_lowercase();
                let between = doc
                    .text
                    .get(markers[prev].pos..m.pos)
                    .map(str::to_lowercase)
                    .unwrap_or_default();
                let written_elsewhere = !repeat && contains_token(&between, &want);
                if let Some(sev) = severity.filter(|_| !written_elsewhere) {
                    // Markdown renders `1. 2. 4.` as 1, 2, 3: the source is wrong, the page
                    // is not
                    let sev = if style.delim == super::markers::Delim::List {
                        sev.min(Severity::Warning)
                    } else {
                        sev
                    };
                    out.push(gap_finding(
                        doc, markers, mi, prev, style, expected, repeat, sev,
                    ));
                }
                chosen = l;
            }
            if let Some(list) = lists.get_mut(chosen) {
                list.items.push(mi);
            }
            list_of[mi] = Some(chosen);
            if m.cands.iter().any(words) {
                pending_first = None;
            }
        }
        if question {
            for t in open.values() {
                if let Some(list) = lists.get_mut(t.list) {
                    list.cut = true;
                }
            }
            open.clear();
            pending_first = None;
        }
    }
    Lists { lists, list_of }
}

#[allow(clippy::too_many_arguments)]
fn gap_finding(
    doc: &Document,
    markers: &[Marker],
    at: usize,
    prev: usize,
    style: Style,
    expected: u32,
    repeat: bool,
    severity: Severity,
) -> Finding {
    let m = &markers[at];
    let p = &markers[prev];
    let want = render(style, expected, &m.written);
    let (written, before) = (m.written.trim(), p.written.trim());
    let (message, label, help) = if repeat {
        (
            Text::new(
                format!(
                    "đánh số bị lặp: {written} xuất hiện hai lần liền nhau, mục này phải là {want}"
                ),
                format!("numbering repeats {written}: this item should be {want}"),
            ),
            Text::new(
                format!("lặp lại {written}, cần là {want}"),
                format!("{written} again, expected {want}"),
            ),
            Text::new(
                format!("đánh lại số thành {want} và các mục sau cho liền mạch"),
                format!("renumber this item {want} and the ones after it"),
            ),
        )
    } else {
        (
            Text::new(
                format!("đánh số bị bỏ sót: sau {before} là {written}, thiếu {want}"),
                format!("numbering skips {want}: {before} is followed by {written}"),
            ),
            Text::new(format!("cần là {want}"), format!("expected {want} here")),
            Text::new(
                format!(
                    "bổ sung mục {want} còn thiếu, hoặc đánh lại số {written} thành {want} và các mục sau"
                ),
                format!(
                    "add the missing item {want}, or renumber {written} as {want} and the items after it"
                ),
            ),
        )
    };
    Finding {
        rule: RULE,
        severity,
        message,
        primary: Location {
            file: doc.path.clone(),
            span: m.src.clone(),
        },
        label,
        related: vec![Related {
            location: Location {
                file: doc.path.clone(),
                span: p.src.clone(),
            },
            message: Text::new(
                format!("mục trước: {before}"),
                format!("previous item: {before}"),
            ),
        }],
        help: Some(help),
        notes: Vec::new(),
        fix: None,
    }
}

// ---------------------------------------------------------------- numbered headings

/// The number of a heading: `IV.` (roman, path [4]) or `2.1.3.` (path [2, 1, 3]); the
/// byte length of the number as written.
pub fn heading_number(t: &str) -> Option<(bool, Vec<u32>, usize)> {
    let b = t.as_bytes();
    let roman_len = b.iter().take_while(|c| b"IVX".contains(c)).count();
    if roman_len > 0 {
        let v = super::markers::roman(&t[..roman_len])?;
        let after = &t[roman_len..];
        if after.starts_with(". ")
            || after.starts_with(".") && after.len() == 1
            || after.starts_with(": ")
            || after.starts_with(" - ")
            || after.starts_with(" – ")
            || after.starts_with(") ")
        {
            return Some((true, vec![v], roman_len));
        }
        return None;
    }
    let mut path = Vec::new();
    let mut i = 0;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let v: u32 = t[i..i + digits].parse().ok()?;
        path.push(v);
        i += digits;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    let end = i;
    let rest = &t[i..];
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix(':'))
        .or_else(|| rest.strip_prefix(')'))
        .unwrap_or(rest);
    if !rest.starts_with(' ') || path.contains(&0) {
        return None;
    }
    // a single `3 ...` without a dot is a figure, not a number
    if path.len() == 1 && t.as_bytes().get(end) == Some(&b' ') {
        return None;
    }
    Some((false, path, end))
}

/// `enumeration/sequence-gap` over numbered headings: `I. II. IV.`, `2.1.1 ... 2.1.3`;
/// the numbering restarts under each parent heading.
pub fn headings(
    doc: &Document,
    settings: &EnumerationSettings,
    severity: Severity,
    out: &mut Vec<Finding>,
) {
    // (roman, parent path) -> (depth, last value, text range of the number, as written)
    type Last = (usize, u32, std::ops::Range<usize>, String, usize);
    let mut last: HashMap<(bool, Vec<u32>), Last> = HashMap::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        let t = doc.block_text(block);
        let heading_like = match block.kind {
            BlockKind::Heading { .. } => true,
            // a short unmarked line `II. Thành tựu` in a converted file
            BlockKind::Paragraph => {
                t.chars().nth(200).is_none()
                    && !t.trim_end().ends_with(['.', ':'])
                    && !t.starts_with(|c: char| c.is_ascii_digit())
            }
            _ => false,
        };
        if !heading_like {
            continue;
        }
        let Some((roman, path, len)) = heading_number(t) else {
            continue;
        };
        let depth = if roman { 0 } else { path.len() };
        // a heading closes the numbering of the levels below it
        last.retain(|_, e| e.0 <= depth);
        let Some((&value, parent)) = path.split_last() else {
            continue;
        };
        let key = (roman, parent.to_vec());
        let range = block.range.start..block.range.start + len;
        let written = t[..len].to_string();
        if let Some((_, prev, prev_range, prev_written, prev_block)) = last.get(&key)
            && value != 1
        {
            let repeat = value == *prev;
            let gap = value > prev + 1 && value <= prev + 1 + settings.max_missing;
            if repeat || gap {
                let expected = prev + 1;
                let want = if roman {
                    super::markers::to_roman(expected).to_uppercase()
                } else {
                    let mut p = path.clone();
                    if let Some(l) = p.last_mut() {
                        *l = expected;
                    }
                    p.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
                };
                // the missing heading as a plain paragraph (a conversion lost its bold)
                let plain = doc.blocks.get(prev_block + 1..bi).is_some_and(|between| {
                    between.iter().any(|b| {
                        doc.block_text(b)
                            .strip_prefix(want.as_str())
                            .is_some_and(|r| r.starts_with([' ', '.', ':', ')']))
                    })
                });
                if plain {
                    last.insert(key, (depth, value, range, written, bi));
                    continue;
                }
                out.push(heading_finding(
                    doc,
                    range.clone(),
                    prev_range.clone(),
                    &written,
                    prev_written,
                    &want,
                    repeat,
                    severity,
                ));
            }
        }
        last.insert(key, (depth, value, range, written, bi));
    }
}

#[allow(clippy::too_many_arguments)]
fn heading_finding(
    doc: &Document,
    range: std::ops::Range<usize>,
    prev: std::ops::Range<usize>,
    written: &str,
    before: &str,
    want: &str,
    repeat: bool,
    severity: Severity,
) -> Finding {
    let (message, label) = if repeat {
        (
            Text::new(
                format!(
                    "số đề mục bị lặp: {written} đã dùng cho đề mục trước, đề mục này phải là {want}"
                ),
                format!("heading number {written} repeats: this heading should be {want}"),
            ),
            Text::new(
                format!("lặp lại {written}, cần là {want}"),
                format!("{written} again, expected {want}"),
            ),
        )
    } else {
        (
            Text::new(
                format!("số đề mục bị bỏ sót: sau {before} là {written}, thiếu {want}"),
                format!("heading numbering skips {want}: {before} is followed by {written}"),
            ),
            Text::new(format!("cần là {want}"), format!("expected {want} here")),
        )
    };
    Finding {
        rule: RULE,
        severity,
        message,
        primary: Location {
            file: doc.path.clone(),
            span: doc.source_range(range),
        },
        label,
        related: vec![Related {
            location: Location {
                file: doc.path.clone(),
                span: doc.source_range(prev),
            },
            message: Text::new(
                format!("đề mục trước: {before}"),
                format!("previous heading: {before}"),
            ),
        }],
        help: Some(Text::new(
            format!(
                "đánh lại số đề mục thành {want} và các đề mục sau, hoặc bổ sung đề mục còn thiếu"
            ),
            format!(
                "renumber this heading {want} and the ones after it, or add the missing heading"
            ),
        )),
        notes: Vec::new(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers() {
        assert_eq!(
            heading_number("IV. Một số định hướng"),
            Some((true, vec![4], 2))
        );
        assert_eq!(
            heading_number("2.1.3. Công tác"),
            Some((false, vec![2, 1, 3], 5))
        );
        assert_eq!(
            heading_number("1.1 Tình hình"),
            Some((false, vec![1, 1], 3))
        );
        assert_eq!(heading_number("3.1: Dự báo"), Some((false, vec![3, 1], 3)));
        assert_eq!(heading_number("2. Kết quả"), Some((false, vec![2], 1)));
        assert_eq!(heading_number("2023 là năm"), None);
        assert_eq!(heading_number("3 nhiệm vụ"), None);
        assert_eq!(heading_number("Việt Nam"), None);
        assert_eq!(heading_number("VIỆT NAM"), None);
        assert_eq!(heading_number("2.500 người"), None);
    }
}
