//! `arithmetic/comparison`: a stated direction that the numbers contradict.
//!
//! - `A, thấp hơn (so với) (mức) B` / `cao hơn`, `ít hơn`, `nhiều hơn`, `lớn hơn`,
//!   `nhỏ hơn`: fires when A is for sure not lower (not higher) than B;
//! - `giảm từ A lên B`, `tăng từ A xuống B`, `giảm từ A xuống B` with B larger: fires when
//!   the verb or the particle says one way and the numbers surely go the other.
//!
//! Figures that are themselves falls (`giảm 5%, thấp hơn mức 3%`) carry a sign the words
//! do not show, so they are left alone.

use crate::claim::{Claim, Kind, Role};
use crate::finding::{Finding, Severity, Text};

use super::text::{ends_with_any, starts_with_any};
use super::{View, tight};

pub(super) const LOWER: &[&str] = &["thấp hơn", "ít hơn", "nhỏ hơn", "kém hơn"];
pub(super) const HIGHER: &[&str] = &["cao hơn", "nhiều hơn", "lớn hơn"];
const AGAINST: &[&str] = &["so với mức", "so với con số", "so với", "so mức", "mức"];
const DOWN_VERBS: &[&str] = &["giảm", "giảm mạnh", "giảm nhẹ", "giảm dần", "sụt giảm"];
const UP_VERBS: &[&str] = &["tăng", "tăng mạnh", "tăng nhẹ", "tăng dần", "gia tăng"];

fn measurable(c: &Claim) -> bool {
    matches!(c.kind, Kind::Count | Kind::Money | Kind::Percent)
}

fn signed(v: &View, c: &Claim) -> bool {
    ends_with_any(v.left(c), DOWN_VERBS).is_some()
}

pub fn check(v: &View, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, run) in v.sentences.iter().enumerate() {
        let Some((sentence, hits)) = v.run_cues(k) else {
            continue;
        };
        let hits = &hits[super::SUM_CUES..];
        let (lower_hits, higher_hits) = hits.split_at(LOWER.len());
        for (cues, found, lower) in [(LOWER, lower_hits, true), (HIGHER, higher_hits, false)] {
            for (cue, found) in cues.iter().zip(found) {
                for &(a, b) in found {
                    let (a, b) = (sentence.start + a, sentence.start + b);
                    out.extend(than(v, severity, run.clone(), a, b, cue, lower));
                }
            }
        }
        for p in run.clone() {
            out.extend(from_to(v, severity, p, run.end));
        }
    }
    out
}

/// `A, thấp hơn so với mức B`.
fn than(
    v: &View,
    severity: Severity,
    run: std::ops::Range<usize>,
    cue_start: usize,
    cue_end: usize,
    cue: &str,
    lower: bool,
) -> Option<Finding> {
    let before = v.first_at(&run, cue_start);
    let ai = (run.start..before).rev().take(8).find(|&i| {
        let c = &v.claims[i];
        c.text_range.end <= cue_start && !matches!(c.kind, Kind::Date | Kind::Duration)
    })?;
    let bi = v.first_at(&run, cue_end);
    if bi >= run.end {
        return None;
    }
    let (a, b) = (&v.claims[ai], &v.claims[bi]);
    v.short(a.text_range.end, cue_start, v.ck.arithmetic.max_cue_gap)?;
    if !v.linked(a.text_range.end, cue_start) {
        return None;
    }
    let lead = v.short(cue_end, b.text_range.start, v.ck.arithmetic.max_cue_gap)?;
    let lead_ok = lead.trim().is_empty()
        || starts_with_any(lead, AGAINST).is_some_and(|(_, n)| lead[n..].trim().is_empty());
    if !lead_ok
        || !measurable(a)
        || !v.same_unit(a, b)
        || signed(v, a)
        || signed(v, b)
        || matches!(a.role, Role::Target | Role::Forecast)
    {
        return None;
    }
    let (wa, wb) = (v.wide(a), v.wide(b));
    let (na, nb) = v.aligned(a, b);
    // `thấp hơn` is wrong when a is surely at least b
    let wrong = |x: super::Iv, y: super::Iv| {
        if lower {
            x.not_below(&y)
        } else {
            y.not_below(&x)
        }
    };
    let sev = if wrong(wa, wb) {
        severity
    } else if wrong(na, nb) {
        tight(severity)
    } else {
        return None;
    };
    let (fa, fb) = (v.figure(a), v.figure(b));
    let (should_vi, should_en) = if lower {
        ("cao hơn", "higher")
    } else {
        ("thấp hơn", "lower")
    };
    let cue_en = if lower { "lower" } else { "higher" };
    Some(v.finding(
        super::COMPARISON,
        sev,
        a,
        Text::new(
            format!(
                "«{cue}» trái với số liệu: {fa} không {} {fb}",
                if lower { "thấp hơn" } else { "cao hơn" }
            ),
            format!("«{cue}» ({cue_en}) contradicts the figures: {fa} is not {cue_en} than {fb}"),
        ),
        Text::new(
            format!("{fa}, ghi là {cue}"),
            format!("{fa}, said to be {cue_en}"),
        ),
        vec![(
            b,
            Text::new(format!("mức so sánh: {fb}"), format!("compared with: {fb}")),
        )],
        Text::new(
            format!("nếu số liệu đúng thì viết «{should_vi}»; nếu không, kiểm tra lại hai số"),
            format!(
                "if the figures are right write «{should_vi}» ({should_en}); otherwise check both"
            ),
        ),
        vec![Text::new(
            "so sánh có tính độ chính xác của số liệu",
            "the comparison allows for the precision of the figures",
        )],
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Up,
    Down,
}

/// `giảm từ A lên B`: the verb and the particle against the numbers.
fn from_to(v: &View, severity: Severity, p: usize, end: usize) -> Option<Finding> {
    let a = &v.claims[p];
    if !measurable(a) {
        return None;
    }
    let (q, up) = v.from_to(p, end)?;
    let left = v.left(a).trim_end();
    let before_tu = left
        .get(..left.len().saturating_sub("từ".len()))
        .unwrap_or_default();
    let verb = if ends_with_any(before_tu, DOWN_VERBS).is_some() {
        Some(Dir::Down)
    } else if ends_with_any(before_tu, UP_VERBS).is_some() {
        Some(Dir::Up)
    } else {
        None
    };
    let b = &v.claims[q];
    let particle = if up { Dir::Up } else { Dir::Down };
    if !v.same_unit(a, b) {
        return None;
    }
    let (wa, wb) = (v.wide(a), v.wide(b));
    let (na, nb) = v.aligned(a, b);
    let moved = |x: super::Iv, y: super::Iv| {
        if x.below(&y) {
            Some(Dir::Up)
        } else if y.below(&x) {
            Some(Dir::Down)
        } else {
            None
        }
    };
    let contradicts =
        |m: Option<Dir>| m.is_some_and(|m| verb.is_some_and(|d| d != m) || particle != m);
    let (sev, actual) = if contradicts(moved(wa, wb)) {
        (severity, moved(wa, wb)?)
    } else if contradicts(moved(na, nb)) {
        (tight(severity), moved(na, nb)?)
    } else {
        return None;
    };
    let (fa, fb) = (v.figure(a), v.figure(b));
    let word = |d: Dir| match d {
        Dir::Up => ("tăng", "a rise"),
        Dir::Down => ("giảm", "a fall"),
    };
    let stated = if verb.is_some_and(|d| d != actual) {
        verb.unwrap_or(particle)
    } else {
        particle
    };
    let stated_vi = match (verb, stated) {
        (Some(d), s) if d == s => word(d).0,
        (_, Dir::Up) => "lên",
        (_, Dir::Down) => "xuống",
    };
    let (act_vi, act_en) = word(actual);
    let fix_vi = match actual {
        Dir::Up => format!("«tăng từ {fa} lên {fb}» hoặc «giảm từ {fb} xuống {fa}»"),
        Dir::Down => format!("«giảm từ {fa} xuống {fb}» hoặc «tăng từ {fb} lên {fa}»"),
    };
    Some(v.finding(
        super::COMPARISON,
        sev,
        b,
        Text::new(
            format!("«{stated_vi}» trái với số liệu: từ {fa} đến {fb} là {act_vi}"),
            format!("«{stated_vi}» contradicts the figures: {fa} to {fb} is {act_en}"),
        ),
        Text::new(format!("giá trị sau: {fb}"), format!("later value: {fb}")),
        vec![(
            a,
            Text::new(
                format!("giá trị trước: {fa}"),
                format!("earlier value: {fa}"),
            ),
        )],
        Text::new(
            format!("viết {fix_vi}, tùy số liệu nào đúng"),
            format!("write {fix_vi}, whichever the figures are"),
        ),
        vec![Text::new(
            "hướng thay đổi được so với hai giá trị, có tính độ chính xác của số liệu",
            "the direction is compared with the two values, allowing for their precision",
        )],
    ))
}
