//! `enumeration/footnote`: a footnote marker without a body, a body without a marker,
//! footnotes cited or placed out of order, and numbering that skips a footnote.
//!
//! Markers are the `<sup>n</sup>` (or `[^n]`) the loader lifted into
//! `Document::footnote_refs`; bodies are blocks of kind `FootnoteBody`. A document that
//! restarts its numbering (a second article with its own notes 1, 2, ...) is checked as
//! separate runs: a marker 1 after both a marker 1 and a body 1 opens a new run.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::finding::{Finding, Location, Related, Severity, Text};

pub const RULE: &str = "enumeration/footnote";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ev {
    /// Index into `footnote_refs`.
    Marker(usize),
    /// Index into `blocks`.
    Body(usize),
}

/// The source span of a body's own marker (`<sup>3</sup>`, `[^3]:`), else its first
/// characters.
fn body_span(doc: &Document, block: usize) -> Range<usize> {
    let Some(b) = doc.blocks.get(block) else {
        return 0..0;
    };
    let text_start = doc.source_range(b.range.clone()).start;
    // the last line before the body that is not blank (where its marker is)
    let trimmed_end = doc.source_trimmed_end(text_start).unwrap_or(0);
    let line_start = doc.source_line_start(trimmed_end).unwrap_or(0);
    let line = doc.source_get(line_start..trimmed_end).unwrap_or_default();
    if line.to_ascii_lowercase().ends_with("</sup>")
        && let Some(k) = line.to_ascii_lowercase().rfind("<sup")
    {
        return line_start + k..trimmed_end;
    }
    if line.ends_with("]:")
        && let Some(k) = line.rfind("[^")
    {
        return line_start + k..trimmed_end - 1;
    }
    let t = doc.block_text(b);
    let end = t.char_indices().nth(20).map_or(t.len(), |(k, _)| k);
    doc.source_range(b.range.start..b.range.start + end)
}

/// `10<sup>6</sup>`: a power of ten, not a note.
fn is_power_of_ten(doc: &Document, pos: usize) -> bool {
    let before = doc.text.get(..pos).unwrap_or("");
    before.ends_with("10")
        && !before[..before.len() - 2]
            .ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
}

/// `[^3]` left as text: Markdown keeps a reference whose definition is missing as it is
/// written. Text ranges and labels.
fn literal_refs(doc: &Document) -> Vec<(Range<usize>, u32)> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if matches!(b.kind, BlockKind::FootnoteBody { .. } | BlockKind::Other) {
            continue;
        }
        let t = doc.block_text(b);
        for k in caret_brackets(t) {
            let rest = &t[k + 2..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 4 || !rest[digits..].starts_with(']') {
                continue;
            }
            // `[^3]:` at a line start would be a definition
            if rest[digits + 1..].starts_with(':') {
                continue;
            }
            if let Ok(label) = rest[..digits].parse::<u32>() {
                let start = b.range.start + k;
                out.push((start..start + 2 + digits + 1, label));
            }
        }
    }
    out
}

/// Where `[^` stands in `t`, in order: `t.match_indices("[^")` by a search for the rare
/// `[`, without building a string searcher for each block.
fn caret_brackets(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    memchr::memchr_iter(b'[', b).filter(move |&k| b.get(k + 1) == Some(&b'^'))
}

/// A finding of this rule at `span` of the document's source (footnotes get no fix).
fn at(
    doc: &Document,
    severity: Severity,
    span: std::ops::Range<usize>,
    message: Text,
    label: Text,
    related: Vec<Related>,
    help: Text,
) -> Finding {
    Finding {
        rule: RULE,
        severity,
        message,
        primary: Location {
            file: doc.path.clone(),
            span,
        },
        label,
        related,
        help: Some(help),
        notes: Vec::new(),
        fix: None,
    }
}

pub fn check(doc: &Document, severity: Severity, out: &mut Vec<Finding>) {
    for (range, label) in literal_refs(doc) {
        if doc.footnote_body(label).is_some() {
            continue;
        }
        out.push(at(
            doc,
            severity,
            doc.source_range(range),
            Text::new(
                format!("chú thích {label} có dấu dẫn nhưng không có nội dung"),
                format!("footnote {label} is cited but has no text"),
            ),
            Text::new(
                format!("dẫn chú thích {label}, không có định nghĩa [^{label}]:"),
                format!("cites footnote {label}; no [^{label}]: definition"),
            ),
            Vec::new(),
            Text::new(
                format!("thêm nội dung chú thích `[^{label}]: ...`, hoặc bỏ dấu dẫn"),
                format!("add the footnote text `[^{label}]: ...`, or remove the marker"),
            ),
        ));
    }
    let mut events: Vec<(usize, Ev)> = doc
        .footnote_refs
        .iter()
        .enumerate()
        .map(|(i, r)| (r.text_pos, Ev::Marker(i)))
        .chain(
            doc.blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b.kind, BlockKind::FootnoteBody { .. }))
                .map(|(i, b)| (b.range.start, Ev::Body(i))),
        )
        .collect();
    if events.is_empty() {
        return;
    }
    events.sort_by_key(|&(pos, ev)| (pos, matches!(ev, Ev::Body(_))));
    // split into runs
    let mut runs: Vec<Vec<Ev>> = vec![Vec::new()];
    let (mut marker_one, mut body_one) = (false, false);
    for &(_, ev) in &events {
        match ev {
            Ev::Marker(i) => {
                let label = doc.footnote_refs[i].label;
                if label == 1 && marker_one && body_one {
                    runs.push(Vec::new());
                    body_one = false;
                }
                if label == 1 {
                    marker_one = true;
                }
            }
            Ev::Body(b) => {
                if matches!(doc.blocks[b].kind, BlockKind::FootnoteBody { label: 1 }) {
                    body_one = true;
                }
            }
        }
        if let Some(r) = runs.last_mut() {
            r.push(ev);
        }
    }
    for run in &runs {
        check_run(doc, run, severity, out);
    }
}

fn label_of(doc: &Document, ev: Ev) -> u32 {
    match ev {
        Ev::Marker(i) => doc.footnote_refs[i].label,
        Ev::Body(b) => match doc.blocks[b].kind {
            BlockKind::FootnoteBody { label } => label,
            _ => 0,
        },
    }
}

fn check_run(doc: &Document, run: &[Ev], severity: Severity, out: &mut Vec<Finding>) {
    let mut markers: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    let mut bodies: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &ev in run {
        match ev {
            Ev::Marker(i) => markers.entry(label_of(doc, ev)).or_default().push(i),
            Ev::Body(b) => bodies.entry(label_of(doc, ev)).or_default().push(b),
        }
    }
    let file = || doc.path.clone();
    // markers without a body
    let orphans: Vec<(u32, usize)> = markers
        .iter()
        .filter(|(l, _)| !bodies.contains_key(l))
        .filter_map(|(&l, v)| v.first().map(|&i| (l, i)))
        .filter(|&(_, i)| !is_power_of_ten(doc, doc.footnote_refs[i].text_pos))
        .collect();
    if bodies.is_empty() && orphans.len() > 1 {
        // a page that kept the markers and lost every note: one finding
        let (l, i) = orphans[0];
        let r = &doc.footnote_refs[i];
        let k = orphans.len();
        out.push(at(
            doc,
            severity,
            r.source_range.clone(),
            Text::new(
                format!("{k} dấu chú thích nhưng tài liệu không có nội dung chú thích nào"),
                format!("{k} footnote markers but no footnote text in the document"),
            ),
            Text::new(
                format!("chú thích {l} không có nội dung"),
                format!("footnote {l} has no text"),
            ),
            orphans[1..]
                .iter()
                .take(20)
                .map(|&(l, i)| Related {
                    location: Location {
                        file: file(),
                        span: doc.footnote_refs[i].source_range.clone(),
                    },
                    message: Text::new(format!("chú thích {l}"), format!("footnote {l}")),
                })
                .collect(),
            Text::new(
                "bổ sung nội dung các chú thích, hoặc bỏ các dấu chú thích",
                "add the footnote texts, or remove the markers",
            ),
        ));
    } else {
        for &(l, i) in &orphans {
            out.push(at(
                doc,
                severity,
                doc.footnote_refs[i].source_range.clone(),
                Text::new(
                    format!("chú thích {l} có dấu dẫn nhưng không có nội dung"),
                    format!("footnote {l} is cited but has no text"),
                ),
                Text::new(format!("dẫn chú thích {l}"), format!("cites footnote {l}")),
                Vec::new(),
                Text::new(
                    format!("bổ sung nội dung chú thích {l}, hoặc bỏ dấu dẫn"),
                    format!("add the text of footnote {l}, or remove the marker"),
                ),
            ));
        }
    }
    // bodies without a marker
    for (&l, v) in &bodies {
        if markers.contains_key(&l) {
            continue;
        }
        let Some(&b) = v.first() else { continue };
        out.push(at(
            doc,
            severity,
            body_span(doc, b),
            Text::new(
                format!("chú thích {l} có nội dung nhưng không được dẫn trong bài"),
                format!("footnote {l} has text but is never cited"),
            ),
            Text::new(
                format!("nội dung chú thích {l}"),
                format!("text of footnote {l}"),
            ),
            Vec::new(),
            Text::new(
                format!("thêm dấu chú thích {l} vào chỗ được chú thích, hoặc bỏ chú thích này"),
                format!("add marker {l} where the note applies, or remove the note"),
            ),
        ));
    }
    // two bodies for one label
    for (&l, v) in &bodies {
        for &b in v.iter().skip(1) {
            let first = v[0];
            out.push(at(
                doc,
                severity,
                body_span(doc, b),
                Text::new(
                    format!("chú thích {l} có hai nội dung"),
                    format!("footnote {l} has two texts"),
                ),
                Text::new(
                    format!("nội dung thứ hai của chú thích {l}"),
                    format!("second text of footnote {l}"),
                ),
                vec![Related {
                    location: Location {
                        file: file(),
                        span: body_span(doc, first),
                    },
                    message: Text::new("nội dung thứ nhất", "first text"),
                }],
                Text::new(
                    "đánh lại số chú thích cho liền mạch",
                    "renumber the footnotes so each number is used once",
                ),
            ));
        }
    }
    // markers cited out of order, numbering that skips
    let all_labels: BTreeSet<u32> = markers.keys().chain(bodies.keys()).copied().collect();
    let mut max_seen: Option<(u32, usize)> = None;
    let mut seen: BTreeSet<u32> = BTreeSet::new();
    for &ev in run {
        let Ev::Marker(i) = ev else { continue };
        let l = doc.footnote_refs[i].label;
        if !seen.insert(l) {
            continue;
        }
        match max_seen {
            Some((m, mi)) if l < m => {
                out.push(at(
                    doc,
                    severity,
                    doc.footnote_refs[i].source_range.clone(),
                    Text::new(
                        format!("chú thích sai thứ tự: {l} được dẫn sau {m}"),
                        format!("footnotes out of order: {l} is cited after {m}"),
                    ),
                    Text::new(format!("chú thích {l}"), format!("footnote {l}")),
                    vec![Related {
                        location: Location {
                            file: file(),
                            span: doc.footnote_refs[mi].source_range.clone(),
                        },
                        message: Text::new(
                            format!("chú thích {m} dẫn trước"),
                            format!("footnote {m}, cited earlier"),
                        ),
                    }],
                    Text::new(
                        "đánh lại số chú thích theo thứ tự xuất hiện",
                        "renumber the footnotes in the order they are cited",
                    ),
                ));
            }
            Some((m, mi)) if l > m + 1 => {
                let missing: Vec<u32> = (m + 1..l).filter(|k| !all_labels.contains(k)).collect();
                if let Some(&first) = missing.first() {
                    let list = missing
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.push(at(
                        doc,
                        severity,
                        doc.footnote_refs[i].source_range.clone(),
                        Text::new(
                            format!("số chú thích bị bỏ sót: sau {m} là {l}, không có {list}"),
                            format!("footnote numbering skips {list}: {m} is followed by {l}"),
                        ),
                        Text::new(format!("cần là {first}"), format!("expected {first}")),
                        vec![Related {
                            location: Location {
                                file: file(),
                                span: doc.footnote_refs[mi].source_range.clone(),
                            },
                            message: Text::new(format!("chú thích {m}"), format!("footnote {m}")),
                        }],
                        Text::new(
                            "đánh lại số chú thích cho liền mạch",
                            "renumber the footnotes without gaps",
                        ),
                    ));
                }
                max_seen = Some((l, i));
            }
            Some((m, _)) if l < m => {}
            _ => max_seen = Some((l, i)),
        }
    }
    // bodies placed out of order
    let mut last_body: Option<(u32, usize)> = None;
    for &ev in run {
        let Ev::Body(b) = ev else { continue };
        let l = label_of(doc, ev);
        if bodies.get(&l).and_then(|v| v.first()) != Some(&b) {
            // a second text for a label, reported above
            continue;
        }
        if let Some((m, mb)) = last_body
            && l < m
        {
            out.push(at(
                doc,
                severity,
                body_span(doc, b),
                Text::new(
                    format!("nội dung chú thích sai thứ tự: {l} đặt sau {m}"),
                    format!("footnote texts out of order: {l} comes after {m}"),
                ),
                Text::new(
                    format!("nội dung chú thích {l}"),
                    format!("text of footnote {l}"),
                ),
                vec![Related {
                    location: Location {
                        file: file(),
                        span: body_span(doc, mb),
                    },
                    message: Text::new(
                        format!("nội dung chú thích {m}"),
                        format!("text of footnote {m}"),
                    ),
                }],
                Text::new(
                    "sắp xếp nội dung chú thích theo số thứ tự",
                    "put the footnote texts in numeric order",
                ),
            ));
            continue;
        }
        last_body = Some((l, b));
    }
}

#[cfg(test)]
mod tests {
    /// The `[` search finds what `match_indices("[^")` found, on every text of the
    /// project and on made-up ones.
    #[test]
    fn caret_brackets_are_match_indices() {
        let mut texts = crate::testing::project_texts();
        assert!(texts.len() > 100, "only {} texts", texts.len());
        texts.extend(["[^", "[^[^1]", "[[^2]", "x[", "[", "^[^", "ư[^3]ổ"].map(String::from));
        let mut n = 0;
        for t in &texts {
            let fast: Vec<usize> = super::caret_brackets(t).collect();
            let slow: Vec<usize> = t.match_indices("[^").map(|(k, _)| k).collect();
            assert_eq!(fast, slow, "{t:?}");
            n += fast.len();
        }
        assert!(n > 10, "{n}");
    }
}
