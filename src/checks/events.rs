//! `temporal/date-mismatch`: the same event given different dates in different places.
//!
//! An event is keyed by the words of the passage before its date: the kind of event
//! (`thăm`, `hội nghị`, `hội đàm`...), where it went (`thăm Việt Nam`), and the names in it
//! (`Tập Cận Bình`, `Hoa Kỳ`). Two dates are the same event's only when the kind and the
//! destination agree and most of the names are shared; then one span of days must lie
//! within the other.
//! Dates to the month (`tháng 9/2023`) are compatible with any day in them and not checked.

use std::collections::{BTreeSet, HashMap};

use crate::claim::{Claim, Kind, Value};
use crate::finding::{Finding, Location, Related, Text};
use crate::time::{TimeExpr, TimePoint};

use super::fold::basic;
use super::phrases::figure;
use super::{Checker, Source};

const RULE: &str = "temporal/date-mismatch";

/// Kinds of event, longest first; each folds to the first word of its group.
const EVENT_WORDS: &[(&str, &str)] = &[
    ("chuyến thăm", "thăm"),
    ("chuyến công tác", "thăm"),
    ("đến thăm", "thăm"),
    ("thăm", "thăm"),
    ("hội nghị cấp cao", "hội nghị"),
    ("hội nghị", "hội nghị"),
    ("hội đàm", "hội đàm"),
    ("hội kiến", "hội kiến"),
    ("điện đàm", "điện đàm"),
    ("kỳ họp", "kỳ họp"),
    ("diễn đàn", "diễn đàn"),
    ("hội thảo", "hội thảo"),
    ("lễ", "lễ"),
];

/// Titles and bodies: capitalised, but they name no one in particular.
const TITLES: &[&str] = &[
    "tổng bí",
    "tổng bí thư",
    "chủ tịch",
    "chủ tịch nước",
    "thủ tướng",
    "tổng thống",
    "bộ trưởng",
    "phó",
    "phu nhân",
    "đồng chí",
    "trung ương",
    "bộ chính trị",
    "ban bí thư",
    "nhà nước",
    "chính phủ",
    "quốc hội",
    "đảng",
    "đại sứ",
    "quốc vương",
    "nhà vua",
    "tổng thư ký",
    "ngoại giao",
    "hội nghị",
    "chuyến",
    "lễ",
    "việt nam",
];

#[derive(Debug)]
struct Event<'a> {
    src: usize,
    claim: &'a Claim,
    kind: &'static str,
    destination: Option<String>,
    names: BTreeSet<String>,
    /// The names as written (`Joe Biden`, `Hoa Kỳ`), for messages.
    written: Vec<String>,
    days: (i64, i64),
}

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let Some(severity) = ck.severity(RULE) else {
        return Vec::new();
    };
    let events = events(sources);
    // block by kind and each name, so only events that share a name are compared
    let mut by_name: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        for n in &e.names {
            by_name.entry((e.kind, n.as_str())).or_default().push(i);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for members in by_name.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if !seen.insert((i.min(j), i.max(j))) {
                    continue;
                }
                let (a, b) = (&events[i], &events[j]);
                if !same_event(a, b) || nested(a.days, b.days) {
                    continue;
                }
                if sources[a.src].reference && sources[b.src].reference {
                    continue;
                }
                if a.src == b.src && a.claim.sentence == b.claim.sentence {
                    continue;
                }
                let (p, o) = if super::later(
                    sources,
                    (b.src, b.claim.span.start),
                    (a.src, a.claim.span.start),
                ) {
                    (b, a)
                } else {
                    (a, b)
                };
                let (this, other) = (
                    figure(&sources[p.src].doc, p.claim),
                    figure(&sources[o.src].doc, o.claim),
                );
                let shared: BTreeSet<&String> = p.names.intersection(&o.names).collect();
                let names = p
                    .written
                    .iter()
                    .filter(|w| {
                        basic(w)
                            .split(' ')
                            .all(|syl| shared.contains(&syl.to_string()))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let (where_vi, where_en) =
                    super::phrases::place(sources, p.src, o.src, o.claim.span.start);
                let other_file = &sources[o.src].doc.path;
                out.push(Finding {
                    rule: RULE,
                    severity,
                    message: Text::new(
                        format!(
                            "cùng một sự kiện ({} – {names}) nhưng khác ngày: {this} và {other}",
                            p.kind
                        ),
                        format!(
                            "the same event ({} – {names}) is dated differently: {this} vs {other}",
                            p.kind
                        ),
                    ),
                    primary: Location {
                        file: sources[p.src].doc.path.clone(),
                        span: p.claim.span.clone(),
                    },
                    label: Text::new(
                        format!("tài liệu này: {this}"),
                        format!("this document: {this}"),
                    ),
                    related: vec![Related {
                        location: Location {
                            file: other_file.clone(),
                            span: o.claim.span.clone(),
                        },
                        message: Text::new(
                            format!("{where_vi}: {other}"),
                            format!("{where_en}: {other}"),
                        ),
                    }],
                    help: Some(Text::new(
                        format!("đối chiếu ngày của sự kiện với {other_file} và thống nhất"),
                        format!("check the event's date against {other_file} and make them agree"),
                    )),
                    notes: vec![Text::new(
                        "cùng sự kiện: cùng loại, cùng nơi đến và phần lớn tên riêng trùng nhau",
                        "same event: same kind, same destination and most names shared",
                    )],
                    fix: None,
                });
            }
        }
    }
    out
}

fn same_event(a: &Event, b: &Event) -> bool {
    if a.kind != b.kind {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.destination, &b.destination)
        && x != y
    {
        return false;
    }
    // two dates weeks apart are two events (a leader visits a country more than once)
    if (a.days.0 - b.days.0).abs() > MAX_DAYS_APART {
        return false;
    }
    let shared = a.names.intersection(&b.names).count();
    let smaller = a.names.len().min(b.names.len());
    shared >= 2 && shared * 10 >= smaller * 6
}

/// How far apart two dates of one event can be before they are taken for two events.
const MAX_DAYS_APART: i64 = 45;

/// Whether one span of days lies within the other: `12/12/2023` (a day of the visit) and
/// `12-13/12/2023` agree; `12-13/12` and `13-14/12` do not.
fn nested(a: (i64, i64), b: (i64, i64)) -> bool {
    (a.0 >= b.0 && a.1 <= b.1) || (b.0 >= a.0 && b.1 <= a.1)
}

fn events(sources: &[Source]) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    for (src, s) in sources.iter().enumerate() {
        let dates: Vec<&Claim> = s.claims.iter().filter(|c| c.kind == Kind::Date).collect();
        for (k, c) in dates.iter().enumerate() {
            let Value::Time(t) = c.value else { continue };
            let Some(days) = day_span(t) else { continue };
            // the passage around the date, between the dates next to it in its sentence
            let prev_end = k
                .checked_sub(1)
                .map(|p| dates[p].text_range.end)
                .filter(|&e| e > c.sentence.start);
            let next_start = dates
                .get(k + 1)
                .map(|n| n.text_range.start)
                .filter(|&b| b < c.sentence.end);
            let from = prev_end.unwrap_or(c.sentence.start).min(c.text_range.start);
            let to = next_start.unwrap_or(c.sentence.end).max(c.text_range.end);
            let before = s.doc.text.get(from..c.text_range.start).unwrap_or_default();
            if cites_a_document(before) {
                continue;
            }
            let after = s.doc.text.get(c.text_range.end..to).unwrap_or_default();
            let Some((kind, destination)) =
                kind_and_destination(before).or_else(|| kind_and_destination(after))
            else {
                continue;
            };
            let mut names = names(before, from == c.sentence.start);
            names.extend(self::names(after, false));
            let written = written_names(&format!("{before} {after}"));
            if names.len() < 2 {
                continue;
            }
            out.push(Event {
                src,
                claim: c,
                kind,
                destination,
                names,
                written,
                days,
            });
        }
    }
    out
}

/// Whether the date is a cited document's (`Nghị quyết số 34-NQ/TW ngày 9/1/2023`):
/// the words right before it name a document, not an event.
fn cites_a_document(before: &str) -> bool {
    const DOCUMENT_WORDS: &[&str] = &[
        "nghị quyết",
        "quyết định",
        "chỉ thị",
        "kết luận",
        "nghị định",
        "thông tư",
        "luật",
        "công văn",
        "thông báo",
        "quy định",
        "hướng dẫn",
        "đề án",
        "tờ trình",
        "báo cáo số",
    ];
    let mut cut = before.len().saturating_sub(60);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let tail = before[cut..].to_lowercase();
    let has_id = tail.split_whitespace().any(|w| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.contains('/')
            && w.chars().any(char::is_uppercase)
    }) || tail
        .split_whitespace()
        .any(|w| w.contains("/tw") || w.contains("-tw") || w.contains("-ttg"));
    has_id || DOCUMENT_WORDS.iter().any(|d| tail.contains(d))
}

/// Days since a fixed origin of the first and last day, for day-precise dates only.
fn day_span(t: TimeExpr) -> Option<(i64, i64)> {
    let day = |p: TimePoint| match p {
        TimePoint::Day { year, month, day } if p.is_valid() => {
            Some(i64::from(year) * 372 + i64::from(month) * 31 + i64::from(day)) // ≈ days, enough for nearness
        }
        _ => None,
    };
    let a = day(t.start)?;
    let b = match t.end {
        Some(e) => day(e)?,
        None => a,
    };
    Some((a.min(b), a.max(b)))
}

/// The last event word of the passage and the name right after `thăm`, if any.
fn kind_and_destination(passage: &str) -> Option<(&'static str, Option<String>)> {
    let lower = passage.to_lowercase();
    let mut best: Option<(usize, &'static str, usize)> = None;
    for (word, kind) in EVENT_WORDS {
        let mut end = lower.len();
        while let Some(p) = lower[..end].rfind(word) {
            let before_ok = lower[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = !lower[p + word.len()..].starts_with(char::is_alphanumeric);
            if before_ok && after_ok {
                if best.is_none_or(|(bp, _, _)| p > bp) {
                    best = Some((p, kind, word.len()));
                }
                break;
            }
            end = p;
        }
    }
    let (p, kind, len) = best?;
    let destination = if kind == "thăm" {
        // `thăm Việt Nam`, `thăm cấp Nhà nước tới Hoa Kỳ`: the first capitalised run after it
        let after = passage.get(p + len..).unwrap_or_default();
        let mut name: Vec<&str> = Vec::new();
        for w in after.split_whitespace().take(8) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.starts_with(char::is_uppercase) {
                name.push(w);
                continue;
            }
            // `cấp Nhà nước tới`: a title in the way is skipped, a real name ends here
            let run = basic(&name.join(" "));
            let title =
                run.is_empty() || run == "nhà" || TITLES.iter().any(|t| t.starts_with(&run));
            if !title {
                break;
            }
            name.clear();
            if !matches!(
                w,
                "cấp" | "chính" | "thức" | "tới" | "đến" | "làm" | "việc" | "tại" | "nước"
            ) {
                break;
            }
        }
        let key = basic(&name.join(" "));
        (!key.is_empty() && !TITLES.contains(&key.as_str())).then_some(key)
    } else {
        None
    };
    Some((kind, destination))
}

/// Runs of capitalised words as written, titles left out (`Joe Biden`, `Hoa Kỳ`).
fn written_names(passage: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        let name = run.join(" ");
        let key = basic(&name);
        if !run.is_empty() && !TITLES.iter().any(|t| key == *t) && !out.contains(&name) {
            out.push(name);
        }
        run.clear();
    };
    for raw in passage.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(char::is_uppercase) {
            run.push(w);
        } else {
            flush(&mut run);
        }
        if raw.ends_with([',', ';', '(', ')', ':']) {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

/// The capitalised syllables of the passage (`tập`, `cận`, `bình`, `unesco`), folded, with
/// titles (`Tổng Bí thư`, `Chủ tịch nước`, `Nhà nước`) and the sentence's first word left out.
fn names(passage: &str, starts_sentence: bool) -> BTreeSet<String> {
    let words: Vec<&str> = passage
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| basic(w)).collect();
    let mut out = BTreeSet::new();
    let mut i = usize::from(starts_sentence);
    'words: while i < words.len() {
        for t in TITLES {
            let n = t.split(' ').count();
            if lower
                .get(i..i + n)
                .is_some_and(|ws| ws.iter().map(String::as_str).eq(t.split(' ')))
            {
                i += n;
                continue 'words;
            }
        }
        if words[i].starts_with(char::is_uppercase) && lower[i].chars().count() >= 2 {
            out.insert(lower[i].clone());
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_skip_titles_and_the_sentence_start() {
        let n = names(
            "Chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình",
            true,
        );
        assert!(
            n.contains("tập") && n.contains("bình") && n.contains("trung"),
            "{n:?}"
        );
        for absent in ["chuyến", "tổng", "chủ", "việt"] {
            assert!(!n.contains(absent), "{absent} in {n:?}");
        }
    }

    #[test]
    fn destination_follows_tham() {
        let (kind, dest) =
            kind_and_destination("chuyến thăm cấp Nhà nước tới Hoa Kỳ của Chủ tịch nước")
                .expect("event");
        assert_eq!(kind, "thăm");
        assert_eq!(dest.as_deref(), Some("hoa kỳ"));
    }
}
