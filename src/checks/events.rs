//! `temporal/date-mismatch`: the same event given different dates in different places.
//!
//! An event is keyed by the words of the passage before its date: the kind of event
//! (`thăm`, `hội nghị`, `hội đàm`...), where it went (`thăm Việt Nam`), and the names in it
//! (`Tập Cận Bình`, `Hoa Kỳ`). Two dates are the same event's only when the kind and the
//! destination agree and most of the names are shared; then one span of days must lie
//! within the other.
//! Dates to the month (`tháng 9/2023`) are compatible with any day in them and not checked.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::claim::{Claim, Kind, Value};
use crate::finding::{Finding, Location, MAX_RELATED, Related, Text, more_places_note};
use crate::time::{TimeExpr, TimePoint};

use super::fold::basic;
use super::phrases::figure_at;
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
pub(crate) struct Event {
    pub(super) src: usize,
    /// What is read of the claim, copied (the source's claims are dropped once its
    /// events are read): its byte range in the original file, and that of its sentence
    /// in the normalised text.
    claim: Spans,
    kind: &'static str,
    destination: Option<String>,
    names: BTreeSet<String>,
    /// The names as written (`Joe Biden`, `Hoa Kỳ`), for messages.
    written: Vec<String>,
    days: (i64, i64),
}

/// The spans of an event's date claim (`Event::claim`).
#[derive(Debug)]
struct Spans {
    span: std::ops::Range<usize>,
    sentence: std::ops::Range<usize>,
}

/// Events alike in everything a comparison reads (kind, destination, names, days) are one
/// class; classes are paired once, blocked by kind and name and, within a block, only
/// within `MAX_DAYS_APART` of each other. The events are then swept in the order of
/// `later`: an event is reported against the earlier events of the classes paired with
/// its own, read from their swept members (the count, the first `MAX_RELATED` places in
/// path order, the figure that gives the first message), so a date restated in thousands
/// of documents costs thousands of steps, not millions.
/// `events` are those of every source (`events_of`), in source order.
pub(crate) fn check(ck: &Checker, sources: &[Source], events: &[&Event]) -> Vec<Finding> {
    use rayon::prelude::*;
    let Some(severity) = ck.severity(RULE) else {
        return Vec::new();
    };
    // the sweep notes each finding in a few words; the findings are made side by side
    sweep(sources, events)
        .into_par_iter()
        .map_init(super::phrases::RelatedMemo::default, |seen, r| {
            ck.in_language(r.finding(sources, events, severity, seen))
        })
        .collect()
}

/// What `check` reports, event by event in the order of `later`.
fn sweep(sources: &[Source], events: &[&Event]) -> Vec<Reported> {
    type ClassKey<'e> = (
        &'static str,
        Option<&'e str>,
        &'e BTreeSet<String>,
        (i64, i64),
    );
    // hashed with FxHash, cheaper than SipHash on these small keys; nothing reported
    // depends on the order of a map (it was random with SipHash)
    let mut class_index: FxHashMap<ClassKey, usize> = FxHashMap::default();
    let mut classes: Vec<Class> = Vec::new();
    let mut class_of = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let key = (e.kind, e.destination.as_deref(), &e.names, e.days);
        let c = *class_index.entry(key).or_insert_with(|| {
            classes.push(Class {
                repr: i,
                paired: Vec::new(),
                by_path: BTreeSet::new(),
                by_figure: BTreeSet::new(),
            });
            classes.len() - 1
        });
        class_of.push(c);
    }
    // block by kind and each name, so only events that share a name are compared
    let mut by_name: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for (c, class) in classes.iter().enumerate() {
        let e = &events[class.repr];
        for n in &e.names {
            by_name.entry((e.kind, n.as_str())).or_default().push(c);
        }
    }
    let mut seen = FxHashSet::default();
    for block in by_name.values_mut() {
        block.sort_by_key(|&c| (events[classes[c].repr].days.0, c));
        for (x, &c) in block.iter().enumerate() {
            let a = &events[classes[c].repr];
            for &d in &block[x + 1..] {
                let b = &events[classes[d].repr];
                if b.days.0 - a.days.0 > MAX_DAYS_APART {
                    break;
                }
                if !seen.insert((c.min(d), c.max(d))) {
                    continue;
                }
                if same_event(a, b) && !nested(a.days, b.days) {
                    classes[c].paired.push(d);
                    classes[d].paired.push(c);
                }
            }
        }
    }
    let mut by_path: Vec<usize> = (0..sources.len()).collect();
    by_path.sort_by(|&a, &b| sources[a].doc.path.cmp(&sources[b].doc.path));
    let mut path_rank = vec![0; sources.len()];
    for (r, &s) in by_path.iter().enumerate() {
        path_rank[s] = r;
    }
    let path_key = |i: usize| (path_rank[events[i].src], events[i].claim.span.start, i);
    let mut by_sentence: FxHashMap<(usize, usize, usize), Vec<usize>> = FxHashMap::default();
    for (i, e) in events.iter().enumerate() {
        let s = &e.claim.sentence;
        by_sentence
            .entry((e.src, s.start, s.end))
            .or_default()
            .push(i);
    }
    // the sweep, earlier in the order of `later` first (only events of paired classes)
    let mut order: Vec<usize> = (0..events.len())
        .filter(|&i| !classes[class_of[i]].paired.is_empty())
        .collect();
    let pos = |i: usize| (events[i].src, events[i].claim.span.start);
    super::sort_by_later(sources, &mut order, pos);
    let mut swept = vec![false; events.len()];
    let mut out = Vec::new();
    for &i in &order {
        let p = &events[i];
        let c = class_of[i];
        let this = figure_at(&sources[p.src].doc, &p.claim.span);
        if !sources[p.src].reference {
            let s = &p.claim.sentence;
            let excluded: Vec<usize> = by_sentence
                .get(&(p.src, s.start, s.end))
                .map(|v| v.iter().copied().filter(|&j| j != i && swept[j]).collect())
                .unwrap_or_default();
            let mut count = 0;
            let mut best: Vec<(usize, usize, usize)> = Vec::new();
            // the first message (the one the final sort keeps) and its event
            let mut first: Option<(Text, (usize, usize, usize))> = None;
            for &d in &classes[c].paired {
                let class = &classes[d];
                let out_of = |j: usize| excluded.contains(&j) && class_of[j] == d;
                let left_out = excluded.iter().filter(|&&j| out_of(j)).count();
                let n = class.by_path.len() - left_out;
                if n == 0 {
                    continue;
                }
                count += n;
                if let Some((other, k)) = class.by_figure.iter().find(|(_, k)| !out_of(k.2)) {
                    let names = shared_names(p, events[class.repr]);
                    let message = message(p.kind, &names, &this, other);
                    if first
                        .as_ref()
                        .is_none_or(|(m, at)| (&message.vi, *k) < (&m.vi, *at))
                    {
                        first = Some((message, *k));
                    }
                }
                for &k in &class.by_path {
                    if out_of(k.2) {
                        continue;
                    }
                    if best.len() == MAX_RELATED && best.last().is_some_and(|last| k >= *last) {
                        break;
                    }
                    let at = best.partition_point(|b| *b < k);
                    best.insert(at, k);
                    best.truncate(MAX_RELATED);
                }
            }
            if let Some((message, (_, _, other))) = first {
                out.push(Reported {
                    event: i,
                    other,
                    message,
                    this: this.clone(),
                    related: best,
                    count,
                });
            }
        }
        let class = &mut classes[c];
        class.by_path.insert(path_key(i));
        class.by_figure.insert((this, path_key(i)));
        swept[i] = true;
    }
    out
}

/// What the sweep reports for an event: the finding in a few words, made once the sweep
/// is done.
struct Reported {
    event: usize,
    /// The event whose message is kept, and that message.
    other: usize,
    message: Text,
    /// The figure of the event as written.
    this: String,
    /// The related events, by (path rank, span start, event).
    related: Vec<(usize, usize, usize)>,
    /// The events it disagrees with.
    count: usize,
}

impl Reported {
    fn finding(
        self,
        sources: &[Source],
        events: &[&Event],
        severity: crate::finding::Severity,
        seen: &mut super::phrases::RelatedMemo,
    ) -> Finding {
        let p = events[self.event];
        let mut f = finding(
            sources,
            severity,
            p,
            events[self.other],
            self.message,
            &self.this,
        );
        f.related = (self.related.iter())
            .map(|&(_, _, j)| {
                let o = events[j];
                seen.get(j, p.src == o.src, || related(sources, p, o))
            })
            .collect();
        if self.count > f.related.len() {
            f.notes.push(more_places_note(self.count - f.related.len()));
        }
        f
    }
}

/// Events alike for any comparison, and what the sweep has seen of them.
struct Class {
    /// One of them.
    repr: usize,
    /// The classes of the same event with other dates.
    paired: Vec<usize>,
    /// The members swept so far, by (path rank, span start, event).
    by_path: BTreeSet<(usize, usize, usize)>,
    /// The same, by the figure as written first.
    by_figure: BTreeSet<(String, (usize, usize, usize))>,
}

/// The names of `p` as written that `o` shares, for the message.
fn shared_names(p: &Event, o: &Event) -> String {
    // looked up by `&str`: no syllable copied to be looked up
    let shared: BTreeSet<&str> = p.names.intersection(&o.names).map(String::as_str).collect();
    p.written
        .iter()
        .filter(|w| basic(w).split(' ').all(|syl| shared.contains(syl)))
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

fn message(kind: &str, names: &str, this: &str, other: &str) -> Text {
    Text::new(
        format!("cùng một sự kiện ({kind} – {names}) nhưng khác ngày: {this} và {other}"),
        format!("the same event ({kind} – {names}) is dated differently: {this} vs {other}"),
    )
}

fn related(sources: &[Source], p: &Event, o: &Event) -> Related {
    let other = figure_at(&sources[o.src].doc, &o.claim.span);
    let (where_vi, where_en) = super::phrases::place(sources, p.src, o.src, o.claim.span.start);
    Related {
        location: Location {
            file: sources[o.src].doc.path.clone(),
            span: o.claim.span.clone(),
        },
        message: Text::new(
            format!("{where_vi}: {other}"),
            format!("{where_en}: {other}"),
        ),
    }
}

fn finding(
    sources: &[Source],
    severity: crate::finding::Severity,
    p: &Event,
    o: &Event,
    message: Text,
    this: &str,
) -> Finding {
    let other_file = &sources[o.src].doc.path;
    Finding {
        rule: RULE,
        severity,
        message,
        primary: Location {
            file: sources[p.src].doc.path.clone(),
            span: p.claim.span.clone(),
        },
        label: Text::new(
            format!("tài liệu này: {this}"),
            format!("this document: {this}"),
        ),
        // the caller names the related places
        related: Vec::new(),
        help: Some(Text::new(
            format!("đối chiếu ngày của sự kiện với {other_file} và thống nhất"),
            format!("check the event's date against {other_file} and make them agree"),
        )),
        notes: vec![Text::new(
            "cùng sự kiện: cùng loại, cùng nơi đến và phần lớn tên riêng trùng nhau",
            "same event: same kind, same destination and most names shared",
        )],
        fix: None,
    }
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

/// The dated events of one source, read from it alone; `src` is its index in the run.
pub(crate) fn events_of(ck: &Checker, src: usize, s: &Source) -> Vec<Event> {
    if ck.severity(RULE).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    {
        let dates: Vec<&Claim> = s.claims.iter().filter(|c| c.kind == Kind::Date).collect();
        // names recur in a document: each word's key made once
        let mut keys = WordKeys::default();
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
            let mut names = names(before, from == c.sentence.start, &mut keys);
            names.extend(self::names(after, false, &mut keys));
            if names.len() < 2 {
                continue;
            }
            let written = written_names(&format!("{before} {after}"));
            out.push(Event {
                src,
                claim: Spans {
                    span: c.span.clone(),
                    sentence: c.sentence.clone(),
                },
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

/// Words that name a document before its date.
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

/// The last 60 bytes or so of `before` (cut on a character boundary), in lower case.
fn lowered_tail(before: &str) -> String {
    let mut cut = before.len().saturating_sub(60);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    crate::text::lower_str(&before[cut..])
}

/// Whether the date is a cited document's (`Nghị quyết số 34-NQ/TW ngày 9/1/2023`):
/// the words right before it name a document, not an event.
fn cites_a_document(before: &str) -> bool {
    let tail = lowered_tail(before);
    let has_id = tail.split_whitespace().any(|w| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.contains('/')
            && w.chars().any(char::is_uppercase)
    }) || ["/tw", "-tw", "-ttg"].iter().any(|m| tail.contains(m));
    // (a mark holds no white space: a word of the tail holds it if the tail does)
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

/// A searcher for each of `EVENT_WORDS`, built once: building one per passage and word
/// cost more than the search.
#[cfg(test)]
static EVENT_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::FinderRev<'static>>> =
    std::sync::LazyLock::new(|| {
        EVENT_WORDS
            .iter()
            .map(|(w, _)| memchr::memmem::FinderRev::new(w.as_bytes()))
            .collect()
    });

/// The event word of a lower-cased passage that starts last, as whole words, the first
/// of `EVENT_WORDS` where two start there: where it starts, its kind and its length.
///
/// One pass over the starts of the passage's words (every event word starts with a
/// letter, so it starts a word where it stands as one), not a search from the end for
/// each event word.
fn last_event_word(lower: &str) -> Option<(usize, &'static str, usize)> {
    let mut best = None;
    crate::text::for_each_word(lower, |p, _| {
        let rest = &lower.as_bytes()[p..];
        let ends_word = |n: usize| !lower[p + n..].starts_with(crate::text::is_alphanumeric);
        let hit = EVENT_WORDS.iter().find(|(w, _)| {
            let w = w.as_bytes();
            w.first() == rest.first() && rest.starts_with(w) && ends_word(w.len())
        });
        if let Some((w, kind)) = hit {
            best = Some((p, *kind, w.len()));
        }
    });
    best
}

/// [`last_event_word`] as first written: a search from the end for each event word
/// with its prebuilt searcher (for tests).
#[cfg(test)]
fn last_event_word_by_search(lower: &str) -> Option<(usize, &'static str, usize)> {
    let mut best: Option<(usize, &'static str, usize)> = None;
    for ((word, kind), finder) in EVENT_WORDS.iter().zip(EVENT_FINDERS.iter()) {
        let mut end = lower.len();
        while let Some(p) = finder.rfind(&lower.as_bytes()[..end]) {
            let before_ok = lower[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !crate::text::is_alphanumeric(c));
            let after_ok = !lower[p + word.len()..].starts_with(crate::text::is_alphanumeric);
            if before_ok && after_ok {
                if best.is_none_or(|(bp, _, _)| p > bp) {
                    best = Some((p, kind, word.len()));
                }
                break;
            }
            end = p;
        }
    }
    best
}

/// The last event word of the passage and the name right after `thăm`, if any.
fn kind_and_destination(passage: &str) -> Option<(&'static str, Option<String>)> {
    let lower = crate::text::lower_str(passage);
    let (p, kind, len) = last_event_word(&lower)?;
    let destination = if kind == "thăm" {
        // `thăm Việt Nam`, `thăm cấp Nhà nước tới Hoa Kỳ`: the first capitalised run after it
        let after = passage.get(p + len..).unwrap_or_default();
        let mut name: Vec<&str> = Vec::new();
        for w in after.split_whitespace().take(8) {
            let w = w.trim_matches(|c: char| !crate::text::is_alphanumeric(c));
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

/// `TITLES` split into words, by their first word, each list in the order of `TITLES`.
static TITLE_WORDS: std::sync::LazyLock<FxHashMap<&'static str, Vec<Vec<&'static str>>>> =
    std::sync::LazyLock::new(|| {
        let mut by_first: FxHashMap<&str, Vec<Vec<&str>>> = FxHashMap::default();
        for t in TITLES {
            let words: Vec<&str> = t.split(' ').collect();
            by_first.entry(words[0]).or_default().push(words);
        }
        by_first
    });

/// Runs of capitalised words as written, titles left out (`Joe Biden`, `Hoa Kỳ`).
fn written_names(passage: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        // most words end no run: nothing to join and fold
        if run.is_empty() {
            return;
        }
        let name = run.join(" ");
        let key = basic(&name);
        if !TITLES.iter().any(|t| key == *t) && !out.contains(&name) {
            out.push(name);
        }
        run.clear();
    };
    for raw in passage.split_whitespace() {
        let w = raw.trim_matches(|c: char| !crate::text::is_alphanumeric(c));
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
fn names<'t>(passage: &'t str, starts_sentence: bool, memo: &mut WordKeys<'t>) -> BTreeSet<String> {
    // the words (runs of non-space characters, read by bytes as `split_whitespace`
    // would split them, trimmed of what is no letter or digit) and each one's key
    // (`basic`), as a range of the memo's keys, in one vector
    // (a syllable and the space after it take four bytes or more, most of the time)
    let mut words: Vec<(&str, (usize, usize))> = Vec::with_capacity(passage.len() / 4);
    for run in super::fold::runs(passage) {
        let w = run.trim_matches(|c: char| !crate::text::is_alphanumeric(c));
        if !w.is_empty() {
            words.push((w, memo.range(w)));
        }
    }
    let keys = &memo.keys;
    let key = |i: usize| words.get(i).map_or("", |&(_, (a, b))| &keys[a..b]);
    let mut out = BTreeSet::new();
    let mut i = usize::from(starts_sentence);
    while i < words.len() {
        // the first title of the list that starts here (only those with this first word can)
        let title = TITLE_WORDS.get(key(i)).and_then(|ts| {
            ts.iter().find(|t| {
                i + t.len() <= words.len() && t.iter().enumerate().all(|(k, tw)| key(i + k) == *tw)
            })
        });
        if let Some(t) = title {
            i += t.len();
            continue;
        }
        if words[i].0.starts_with(char::is_uppercase) && key(i).chars().count() >= 2 {
            out.insert(key(i).to_string());
        }
        i += 1;
    }
    out
}

/// The keys (`basic`) of the words of one document's passages, each made once, in one
/// buffer: a name recurs in every passage about its event.
#[derive(Default)]
struct WordKeys<'t> {
    /// Word -> its key, as a range of `keys`.
    made: FxHashMap<&'t str, (usize, usize)>,
    keys: String,
    scratch: String,
}

impl<'t> WordKeys<'t> {
    /// The range of `keys` holding the key of `word`.
    fn range(&mut self, word: &'t str) -> (usize, usize) {
        if let Some(&r) = self.made.get(word) {
            return r;
        }
        super::fold::basic_in(word, &mut self.scratch);
        let from = self.keys.len();
        self.keys.push_str(&self.scratch);
        let r = (from, self.keys.len());
        self.made.insert(word, r);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The event word found with the prebuilt searchers is the one `str::rfind` finds.
    #[test]
    fn event_words_found_as_rfind_finds_them() {
        let rfind_kind = |passage: &str| {
            let lower = crate::text::lower_str(passage);
            let mut best: Option<(usize, &str)> = None;
            for (word, kind) in EVENT_WORDS {
                let mut end = lower.len();
                while let Some(p) = lower[..end].rfind(word) {
                    let before_ok = lower[..p]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !crate::text::is_alphanumeric(c));
                    let after_ok =
                        !lower[p + word.len()..].starts_with(crate::text::is_alphanumeric);
                    if before_ok && after_ok {
                        if best.is_none_or(|(bp, _)| p > bp) {
                            best = Some((p, kind));
                        }
                        break;
                    }
                    end = p;
                }
            }
            best.map(|(_, k)| k)
        };
        let mut found = 0;
        let mut texts = crate::testing::project_texts();
        // event words inside words, at the ends, in capitals, in NFD, beside odd spaces
        texts.push(
            "lễ\u{a0}hội nghị cấp cao;thăm\u{200b}lễhội CHUYẾN THĂM\r\nđiê\u{323}\u{300}n đàm kỳ họp1 lễ"
                .to_string(),
        );
        texts.push("hội nghị cấp caox hội nghị 99999999999999999999 chuyến công tác".to_string());
        for text in &texts {
            for line in text.lines() {
                let got = kind_and_destination(line).map(|(k, _)| k);
                assert_eq!(got, rfind_kind(line), "{line}");
                let lower = crate::text::lower_str(line);
                assert_eq!(
                    last_event_word(&lower),
                    last_event_word_by_search(&lower),
                    "{line}"
                );
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 50, "{found}");
    }

    #[test]
    fn names_skip_titles_and_the_sentence_start() {
        let n = names(
            "Chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình",
            true,
            &mut WordKeys::default(),
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

    /// `names` as it was before titles were indexed by first word and the keys of words
    /// remembered: every title tried at every word, in list order, every word folded.
    fn names_by_scan(passage: &str, starts_sentence: bool) -> BTreeSet<String> {
        let words: Vec<&str> = passage
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !crate::text::is_alphanumeric(c)))
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

    /// `shared_names` as first written: each syllable copied to be looked up.
    fn shared_names_plain(p: &Event, o: &Event) -> String {
        let shared: BTreeSet<&String> = p.names.intersection(&o.names).collect();
        p.written
            .iter()
            .filter(|w| {
                basic(w)
                    .split(' ')
                    .all(|syl| shared.contains(&syl.to_string()))
            })
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The events of every project source.
    fn project_events(ck: &Checker, sources: &[Source]) -> Vec<Event> {
        (sources.iter().enumerate())
            .flat_map(|(i, s)| events_of(ck, i, s))
            .collect()
    }

    /// The names shared are those of the first pass: every pair of events of the
    /// project's sources (the first few hundred), and an event with odd names.
    #[test]
    fn shared_names_are_those_of_the_first_pass() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let sources = crate::testing::project_sources(&rules);
        let mut events = project_events(&ck, &sources);
        events.truncate(300);
        let Some(first) = events.first() else {
            panic!("no events");
        };
        let mut odd = Event {
            src: first.src,
            claim: Spans {
                span: first.claim.span.clone(),
                sentence: first.claim.sentence.clone(),
            },
            kind: first.kind,
            destination: None,
            names: first.names.clone(),
            written: first.written.clone(),
            days: first.days,
        };
        odd.names.insert(String::new());
        odd.written.extend(
            [
                "",
                "Hà\u{a0}Nội",
                "A\u{301}nh  Lâm",
                "X 99999999999999999999",
            ]
            .map(String::from),
        );
        events.push(odd);
        let mut shared = 0;
        for p in &events {
            for o in &events {
                let plain = shared_names_plain(p, o);
                assert_eq!(shared_names(p, o), plain);
                shared += usize::from(!plain.is_empty());
            }
        }
        assert!(shared > 300, "{shared}");
    }

    /// `cites_a_document` as first written: the marks of a document's number looked for
    /// word by word.
    fn cites_a_document_plain(before: &str) -> bool {
        let tail = lowered_tail(before);
        let has_id = tail.split_whitespace().any(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                && w.contains('/')
                && w.chars().any(char::is_uppercase)
        }) || tail
            .split_whitespace()
            .any(|w| w.contains("/tw") || w.contains("-tw") || w.contains("-ttg"));
        has_id || DOCUMENT_WORDS.iter().any(|d| tail.contains(d))
    }

    /// Whether a date is a cited document's is told as it first was: the text before
    /// every digit and line end of every text of the project, and odd texts.
    #[test]
    fn cited_documents_are_those_of_the_first_pass() {
        let mut befores: Vec<String> = [
            "",
            "Kết luận số 12-KL/TW ngày",
            "số 05/CT-TTg\u{a0}ngày",
            "văn bản 3/TW,\r\nngày",
            "Quy\u{a0}định -TTG\u{200b}ngày 99999999999999999999",
            "quye\u{301}t định",
        ]
        .map(String::from)
        .to_vec();
        for t in crate::testing::project_texts() {
            for (end, _) in t
                .match_indices(|c: char| c.is_ascii_digit() || c == '\n')
                .step_by(3)
            {
                let from = end.saturating_sub(120);
                let from = (from..=end).find(|&i| t.is_char_boundary(i)).unwrap_or(end);
                befores.push(t[from..end].to_string());
            }
        }
        let mut cited = 0;
        for b in &befores {
            let plain = cites_a_document_plain(b);
            assert_eq!(cites_a_document(b), plain, "{b:?}");
            cited += usize::from(plain);
        }
        assert!(cited > 100, "{cited} of {}", befores.len());
    }

    #[test]
    fn indexed_titles_give_the_names_a_scan_gives() {
        let mut texts = vec![
            "Tổng Bí thư Tô Lâm hội đàm với Tổng thống Hoa Kỳ; Phó Chủ tịch nước Võ Thị Ánh Xuân"
                .to_string(),
            "lễ Việt Nam Nhà nước Tổng Bí Thư Lâm, Chủ tịch nước chủ tịch Nước".to_string(),
            // odd spaces and characters: NBSP, U+1680, zero width, CRLF, NFD, a huge number
            "Tổng\u{a0}thống Hoa\u{1680}Kỳ, Ông\u{200b}Lâm\r\nChủ tịch Võ Thị A\u{301}nh"
                .to_string(),
            "Thủ tướng 99999999999999999999 «Phạm» (Minh) Chính\u{2028}Hà-Nội".to_string(),
        ];
        texts.extend(crate::testing::project_texts());
        let mut passages = 0;
        for t in &texts {
            // the keys of a text's words remembered across its passages, as in `events_of`
            let mut keys = WordKeys::default();
            for passage in t.split(['.', '\n']) {
                for start in [true, false] {
                    assert_eq!(
                        names(passage, start, &mut keys),
                        names_by_scan(passage, start),
                        "{passage}"
                    );
                }
                passages += 1;
            }
        }
        assert!(passages > 1000, "{passages} passages");
    }

    /// The findings made side by side from the sweep are those made from it in turn
    /// with one memory of related entries (as `check` made them first).
    #[test]
    fn findings_made_side_by_side_are_those_made_in_turn() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let sources = crate::testing::project_sources(&rules);
        let events = project_events(&ck, &sources);
        let events: Vec<&Event> = events.iter().collect();
        let severity = ck.severity(RULE).expect("on");
        let mut seen = crate::checks::phrases::RelatedMemo::default();
        let want: Vec<Finding> = (sweep(&sources, &events).into_iter())
            .map(|r| ck.in_language(r.finding(&sources, &events, severity, &mut seen)))
            .collect();
        assert!(!want.is_empty());
        assert_eq!(check(&ck, &sources, &events), want);
    }

    /// A related entry remembered (by event, and whether the event reported is in the
    /// same source) is the one made afresh for any event reported.
    #[test]
    fn remembered_related_entries_are_made_afresh() {
        let rules = crate::rules::RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let sources = crate::testing::project_sources(&rules);
        let events = project_events(&ck, &sources);
        let mut seen = crate::checks::phrases::RelatedMemo::default();
        let mut same = 0;
        for p in &events {
            for (j, o) in events.iter().enumerate() {
                let remembered = seen.get(j, p.src == o.src, || related(&sources, p, o));
                assert_eq!(remembered, related(&sources, p, o));
                same += usize::from(p.src == o.src);
            }
        }
        assert!(same > 20 && seen.len() > 40, "{same} {}", seen.len());
    }
}
