//! The context readers as they were before they shared a block's lower case and read
//! bytes instead of characters: the reference `context`'s tests compare the fast ones
//! with, on every figure of every text the project has. Test builds only.

#![allow(dead_code)]

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};

use super::context::Fallback;
use super::lexwords::{CLAUSE_STARTERS, LINK_WORDS};
use super::mention::Mention;
use crate::claim::{Kind, Role, TimeSource, Value};
use crate::text::{lower, lower_str as lowercase};
use crate::time::{TimeExpr, TimePoint};

/// `mention::ends_with_word` as it was, by the standard library's tables.
fn ends_with_word(left: &str, w: &str) -> bool {
    left.ends_with(w)
        && left[..left.len() - w.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Sentences of a block: ranges ending after `.`, `!`, `?` or `…` followed by a space and
/// a capital or digit, or at a line break. A dot between digits (`1.700`) never ends one.
pub fn sentences(t: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    for (i, c) in t.char_indices() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' => {
                let rest = &t[end..];
                let after = rest.trim_start_matches([' ', '"', '”', '’', ')']);
                let spaced = rest.starts_with(' ') || rest.starts_with('\n') || rest.is_empty();
                spaced
                    && (after.is_empty()
                        || after.starts_with(|n: char| n.is_uppercase() || n == '\n'))
                    && !(c == '.'
                        && i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && rest.starts_with(|n: char| n.is_ascii_digit()))
            }
            _ => false,
        };
        if boundary {
            if t[start..end].trim().len() > 1 {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < t.len() && !t[start..].trim().is_empty() {
        out.push(start..t.len());
    }
    out
}

/// Words that make a figure a goal or a forecast when they come earlier in its sentence.
const TARGET_CUES: &[&str] = &[
    "mục tiêu",
    "phấn đấu",
    "chỉ tiêu",
    "kế hoạch",
    "định hướng",
    "hướng tới",
];
const FORECAST_CUES: &[&str] = &["dự báo", "dự kiến", "dự đoán", "ước tính sẽ"];
/// Verbs that open a subject phrase and are not part of it.
const LEAD_VERBS: &[&str] = &[
    "hoàn tất",
    "việc",
    "thiết lập",
    "đưa",
    "nâng",
    "thu hút",
    "ký kết",
    "ký",
    "tham gia",
    "tổ chức",
    "triển khai",
    "đón",
    "tiếp đón",
    "thực hiện",
    "có",
    "có thêm",
    "đạt",
    "đạt được",
    "ghi nhận",
    "công nhận",
    "với",
    "và",
    "của",
    "cho",
    "là",
    "gồm",
    "tiếp tục",
    "duy trì",
    "mở rộng",
];
/// Words left behind by a blanked date or duration (`trong ... qua`): dropped.
const TIME_FILLERS: &[&str] = &[
    "trong",
    "qua",
    "vừa qua",
    "suốt",
    "tính",
    "hết",
    "cả",
    "đến",
    "tới",
];
/// Words that stop the walk left: auxiliaries and conjunctions before a subject phrase.
const LEFT_STOPS: &[&str] = &[
    "đã",
    "đang",
    "sẽ",
    "là",
    "thì",
    "mà",
    "nhằm",
    "để",
    "khi",
    "nhưng",
    "song",
    "còn",
    "trong khi",
    "bởi",
    "vì",
    "do",
    "nên",
    "rằng",
    "có",
    "vẫn",
    "cũng",
    "đều",
    "hiện",
    "nay",
];

/// Period words that go with a blanked period (`giai đoạn 2021-2025`).
const PERIOD_WORDS: [&str; 4] = ["giai đoạn", "nhiệm kỳ", "Giai đoạn", "Nhiệm kỳ"];

// Substring searchers for the phrases above, built once: building one per search was a
// good part of the cost of every figure's context.
static PERIOD_FINDERS: LazyLock<Vec<Finder>> = LazyLock::new(|| finders(&PERIOD_WORDS));
static STARTER_FINDERS: LazyLock<Vec<FinderRev>> = LazyLock::new(|| {
    CLAUSE_STARTERS
        .iter()
        .map(|p| FinderRev::new(p.as_bytes()))
        .collect()
});
static TOTAL_FINDER: LazyLock<FinderRev> = LazyLock::new(|| FinderRev::new("tổng số"));
static FORECAST_FINDERS: LazyLock<Vec<Finder>> = LazyLock::new(|| finders(FORECAST_CUES));
static TARGET_FINDERS: LazyLock<Vec<Finder>> = LazyLock::new(|| finders(TARGET_CUES));
static IN_WHICH_FINDER: LazyLock<Finder> = LazyLock::new(|| Finder::new("trong đó"));

fn finders(phrases: &[&'static str]) -> Vec<Finder<'static>> {
    phrases.iter().map(|p| Finder::new(p.as_bytes())).collect()
}

/// The subject phrase of a mention: the noun phrase before it in its clause, joined to
/// the counted noun after it.
pub fn subject(t: &str, sentence_start: usize, m: &Mention, all: &[Mention]) -> String {
    let from = sentence_start.min(m.range.start);
    // dates and durations in the way (`đầu tư toàn cầu trong 10 năm qua giảm từ ...`) are
    // scope, not subject: blank them so the walk goes past them
    let mut owned: Option<String> = None;
    for o in between(all, from, m.range.start)
        .iter()
        .filter(|o| matches!(o.kind, Kind::Date | Kind::Duration))
    {
        let buf = owned.get_or_insert_with(|| t[from..m.range.start].to_string());
        let (a, b) = (o.range.start - from, o.range.end - from);
        buf.replace_range(a..b, &" ".repeat(b - a));
    }
    let mut left_text = owned.unwrap_or_else(|| t[from..m.range.start].to_string());
    // `giai đoạn`, `nhiệm kỳ` before a blanked period go with it
    for (pair, finder) in PERIOD_WORDS.iter().zip(PERIOD_FINDERS.iter()) {
        if finder.find(left_text.as_bytes()).is_some() {
            left_text = left_text.replace(pair, &" ".repeat(pair.len()));
        }
    }
    let left = left_text.as_str();
    let clause_start = left
        .rfind([',', ';', ':', '(', ')', '"', '“', '”', '–'])
        .map_or(0, |p| {
            p + left[p..].chars().next().map_or(1, char::len_utf8)
        });
    let mut clause = &left[clause_start..];
    // the clause lower-cased once; its tails are then the lower case of the clause's tails
    let lower = lower_in_place(clause);
    let lower_of = |c: &str| match &lower {
        Some(l) => std::borrow::Cow::Borrowed(&l[l.len() - c.len()..]),
        None => std::borrow::Cow::Owned(lowercase(c)),
    };
    for (starter, finder) in CLAUSE_STARTERS.iter().zip(STARTER_FINDERS.iter()) {
        let cut = finder
            .rfind(lower_of(clause).as_bytes())
            .map(|p| p + starter.len());
        if let Some(p) = cut.filter(|p| clause.is_char_boundary(*p)) {
            clause = &clause[p..];
        }
    }
    // `tổng số danh hiệu UNESCO của Việt Nam lên 77`: what follows `tổng số` is the subject
    let total_at = TOTAL_FINDER
        .rfind(lower_of(clause).as_bytes())
        .map(|p| p + "tổng số".len());
    let anchored = total_at
        .filter(|p| clause.is_char_boundary(*p))
        .map(|p| &clause[p..]);
    let clause = anchored.unwrap_or(clause);
    let tokens: Vec<&str> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words: Vec<&str> = Vec::new();
    let mut k = tokens.len();
    while k > 0 && words.len() < 8 {
        k -= 1;
        let w = tokens[k];
        // a capital that only opens the sentence is no name
        let opens_sentence = k == 0 && clause_start == 0 && anchored.is_none();
        if is_title_case(w) && !opens_sentence {
            // skip a possessive name, `của Việt Nam`, and go on
            let mut n = k;
            while n > 0 && is_title_case(tokens[n - 1]) {
                n -= 1;
            }
            if n > 0
                && matches!(
                    tokens[n - 1],
                    "của" | "vào" | "tại" | "ở" | "về" | "sang" | "từ"
                )
            {
                k = n - 1;
                continue;
            }
            break;
        }
        if TIME_FILLERS.contains(&lowercase(w).as_str()) {
            continue;
        }
        let stop = LEFT_STOPS.contains(&w) && anchored.is_none();
        if stop || w.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        words.push(w);
    }
    words.reverse();
    let mut phrase: Vec<String> = words.iter().map(|w| fold_word(w)).collect();
    trim_phrases(&mut phrase, &LINK_PHRASES, false);
    trim_phrases(&mut phrase, &LEAD_PHRASES, true);
    let left_phrase = phrase.join(" ");
    match (&m.noun, left_phrase.is_empty()) {
        (Some(noun), true) => noun.clone(),
        (Some(noun), false) => format!("{left_phrase} … {noun}"),
        (None, _) => left_phrase,
    }
}

/// The mentions (sorted, not overlapping, as `scan` gives them) that lie within
/// `start..end`: a binary search instead of a scan of every mention of the block.
pub fn between(all: &[Mention], start: usize, end: usize) -> &[Mention] {
    let lo = all.partition_point(|o| o.range.start < start);
    let hi = all.partition_point(|o| o.range.end <= end).max(lo);
    &all[lo..hi]
}

/// `text` lower-cased when every character lower-cases to one character of the same
/// UTF-8 length (all of Vietnamese does), so that for any char boundary `p` the lower case
/// of `text[p..]` is `lower[p..]`; `None` otherwise (and for `Σ`, whose lower case depends
/// on its neighbours).
fn lower_in_place(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if matches!(c as u32, 0xc0..=0x12f | 0x131..=0x24f | 0x1e00..=0x1eff) {
            let lc = lower(c);
            // `Ⱥ` lower-cases to a three-byte letter
            if lc.len_utf8() != c.len_utf8() {
                return None;
            }
            out.push(lc);
            continue;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(lc), None) if lc.len_utf8() == c.len_utf8() && c != 'Σ' => out.push(lc),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether the lower case of `text` ends with `phrase` (lower case, short): only the tail
/// of `text` is lower-cased, so the cost does not grow with the text before it.
fn lower_ends_with(text: &str, phrase: &str) -> bool {
    // the tail is long enough that its lower case still holds `phrase` whole
    let mut cut = text.len().saturating_sub(4 * phrase.len() + 16);
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    lowercase(&text[cut..]).ends_with(phrase)
}

/// `Việt`, `Nam`: a capitalised word that is not an acronym.
fn is_title_case(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

/// Lower case, but acronyms (`FDI`, `UNESCO`, `ASEAN`) keep their capitals.
fn fold_word(w: &str) -> String {
    if w.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && w.chars().count() > 1
    {
        w.to_string()
    } else {
        lowercase(w)
    }
}

/// A phrase list split into words once, longest phrase (in words) first, so `bao gồm` is
/// tried before `gồm`; the order among phrases of one length is the list's own.
struct Phrases(Vec<Vec<&'static str>>);

impl Phrases {
    fn new(phrases: &[&'static str]) -> Phrases {
        let mut list: Vec<Vec<&'static str>> =
            phrases.iter().map(|p| p.split(' ').collect()).collect();
        list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Phrases(list)
    }
}

static LINK_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(LINK_WORDS));
static LEAD_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(LEAD_VERBS));

/// Remove any of `phrases` (one or more words) repeatedly from the end, or the start.
fn trim_phrases(words: &mut Vec<String>, phrases: &Phrases, from_start: bool) {
    loop {
        let hit = phrases.0.iter().find_map(|p| {
            let n = p.len();
            let range = if from_start {
                0..n
            } else {
                words.len().checked_sub(n)?..words.len()
            };
            let slice = words.get(range.clone())?;
            slice
                .iter()
                .map(String::as_str)
                .eq(p.iter().copied())
                .then_some(range)
        });
        match hit {
            Some(range) => {
                words.drain(range);
            }
            None => return,
        }
    }
}

/// The role of a mention from the words around it.
pub fn role(t: &str, sentence: &Range<usize>, m: &Mention) -> Role {
    if m.kind == Kind::Fraction {
        return Role::Part;
    }
    let raw = t[sentence.start.min(m.range.start)..m.range.start].trim_end();
    // what is read below lies after the clause's last comma, or within the last three
    // words: only that tail is lower-cased (lower case moves no comma or space)
    let comma = raw.rfind([',', ';']);
    let third_space = raw.rmatch_indices(' ').nth(2).map(|(p, _)| p);
    let from = match (comma, third_space) {
        (Some(c), Some(s)) => c.min(s),
        _ => 0,
    };
    let before = lowercase(&raw[from..]);
    let left = before.as_str();
    let after = t[m.range.end..sentence.end.max(m.range.end)].trim_start();
    if ends_with_word(left, "từ") && (after.starts_with("xuống") || after.starts_with("lên")) {
        return Role::Previous;
    }
    if ends_with_word(left, "so với")
        || ends_with_word(left, "so với mức")
        || ends_with_word(left, "so mức")
    {
        return Role::Base;
    }
    let clause = left.rsplit([',', ';']).next().unwrap_or(left);
    let has = |f: &Finder| f.find(clause.as_bytes()).is_some();
    if FORECAST_FINDERS.iter().any(has) {
        return Role::Forecast;
    }
    if TARGET_FINDERS.iter().any(has) {
        return Role::Target;
    }
    let last: Vec<&str> = left.rsplit(' ').take(2).collect();
    let near = |w: &str| last.first() == Some(&w) || (last.get(1) == Some(&w));
    if ends_with_word(left, "lên")
        || ends_with_word(left, "xuống còn")
        || ends_with_word(left, "còn")
    {
        return Role::Total;
    }
    if near("tăng") || near("giảm") || near("thêm") || ends_with_word(left, "tăng thêm") {
        return Role::Increment;
    }
    if has(&IN_WHICH_FINDER) {
        return Role::Part;
    }
    Role::Total
}

/// The time scope: a date or period in the sentence, the nearest before the figure first;
/// `tính đến hết năm 2024` is the as-of date 2024-12-31; `trong 3 năm qua` counts back
/// from the document date; then the section heading; then the document date.
pub fn scope(
    t: &str,
    sentence: &Range<usize>,
    m: &Mention,
    all: &[Mention],
    fb: Fallback,
) -> (Option<TimeExpr>, TimeSource) {
    if m.kind == Kind::Date {
        return (None, TimeSource::Unknown);
    }
    let in_sentence = between(all, sentence.start, sentence.end)
        .iter()
        .filter(|o| o.range != m.range);
    // a date in the figure's own clause first (`60 danh hiệu vào năm 2030`), then the
    // nearest one before it in the sentence; a date in a later clause belongs to another figure
    let mut best: Option<(usize, TimeExpr, usize)> = None;
    for o in in_sentence {
        // `tăng 32,8% so với năm 2022`: the year compared with is not the figure's own
        let lead = t[..o.range.start].trim_end();
        if ends_with_word(lead, "so với")
            || ends_with_word(lead, "so")
            || ends_with_word(lead, "so với cùng kỳ")
        {
            continue;
        }
        let expr = match (o.kind, &o.value) {
            (Kind::Date, Value::Time(e)) => *e,
            (Kind::Duration, Value::Number(n)) => match relative_years(t, o, *n, fb.document) {
                Some(e) => e,
                None => continue,
            },
            _ => continue,
        };
        let (gap, before) = if o.range.end <= m.range.start {
            (&t[o.range.end..m.range.start], true)
        } else {
            (&t[m.range.end..o.range.start.max(m.range.end)], false)
        };
        let same_clause = !gap.contains([',', ';', ':']);
        // after the figure, only a date close by is its own (`đạt 60 danh hiệu vào năm 2030`);
        // further on it dates a relative clause (`... thiết lập vào tháng 12/2022`)
        let rank = match (same_clause, before) {
            (true, true) => gap.len(),
            (true, false) if gap.len() <= 32 => gap.len(),
            (_, true) => 1_000_000 + gap.len(),
            (_, false) => continue,
        };
        if best.is_none_or(|(d, _, _)| rank < d) {
            best = Some((rank, expr, o.range.start));
        }
    }
    if let Some((_, expr, start)) = best {
        let lead = t[..start].trim_end();
        let as_of_end = ["tính đến hết", "đến hết", "tính đến cuối"]
            .iter()
            .any(|p| lower_ends_with(lead, p));
        if let (TimePoint::Year(y), None, true) = (expr.start, expr.end, as_of_end) {
            let end_of_year = TimePoint::Day {
                year: y,
                month: 12,
                day: 31,
            };
            return (Some(TimeExpr::point(end_of_year)), TimeSource::Sentence);
        }
        return (Some(expr), TimeSource::Sentence);
    }
    match (fb.section, fb.document) {
        (Some(s), _) => (Some(s), TimeSource::Section),
        (None, Some(d)) => (Some(TimeExpr::point(d)), TimeSource::Document),
        (None, None) => (None, TimeSource::Unknown),
    }
}

/// `trong 3 năm qua`, `3 năm qua` counted back from the document date: the three whole
/// years before it (a document dated in the last quarter counts its own year).
fn relative_years(t: &str, o: &Mention, n: f64, doc: Option<TimePoint>) -> Option<TimeExpr> {
    if o.unit.as_deref() != Some("năm") || !(1.0..=100.0).contains(&n) || n.fract() != 0.0 {
        return None;
    }
    let after = t[o.range.end..].trim_start();
    if !(after.starts_with("qua") || after.starts_with("vừa qua")) {
        return None;
    }
    let (year, month) = match doc? {
        TimePoint::Day { year, month, .. } | TimePoint::Month { year, month } => (year, month),
        TimePoint::Year(y) => (y, 12),
        _ => return None,
    };
    let end = if month >= 10 { year } else { year - 1 };
    let start = end - n as i32 + 1;
    Some(TimeExpr {
        start: TimePoint::Year(start),
        end: Some(TimePoint::Year(end)),
    })
}
