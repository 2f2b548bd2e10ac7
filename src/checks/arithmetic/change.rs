//! `arithmetic/percent-change` and `arithmetic/ratio`: a stated change (`tăng 32,8%`,
//! `giảm 23,5%`, `gấp 2,5 lần`) against the two values it relates.
//!
//! The two values are read from the sentence (`từ A lên B`, `B, tăng X% so với (mức) A`,
//! `B gấp N lần A`), or, for `B, tăng X% so với năm 2022` / `so với năm trước`, A is the
//! same quantity's level stated for that year elsewhere in the document (a catalog metric:
//! full severity; a subject phrase only: a warning at most). When A and B are percents,
//! `tăng X%` may mean points or a relative change: either reading silences it.
//! `tăng N lần` without `gấp` may mean N times or N+1 times: either silences it.

use crate::claim::{Claim, Kind, Role, TimeSource, Value};
use crate::finding::{Finding, Severity, Text};
use crate::time::{TimeExpr, TimePoint};

use super::text::{ends_with_any, starts_with_any};
use super::{Iv, Key, View, num, range_text, tight, value};

const UP: &[&str] = &["tăng", "tăng thêm", "tăng mạnh", "tăng nhẹ", "tăng trên"];
const DOWN: &[&str] = &["giảm", "giảm đi", "giảm mạnh", "giảm nhẹ"];
/// Words between a change and the figure it is compared with.
const AGAINST: &[&str] = &[
    "so với mức",
    "so với con số",
    "so với",
    "so mức",
    "so với mức của",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    /// `tăng X%` (+1) or `giảm X%` (-1).
    Percent(i8),
    /// `gấp N lần` (strict) or `tăng N lần` (N or N+1).
    Ratio { strict: bool },
}

pub fn check(v: &View, percent: Option<Severity>, ratio: Option<Severity>) -> Vec<Finding> {
    let mut out = Vec::new();
    for run in &v.sentences {
        for x in run.clone() {
            let c = &v.claims[x];
            let left = v.left(c);
            let (stated, severity) = match c.kind {
                Kind::Percent if c.unit.as_deref() == Some("%") => {
                    let sign = if ends_with_any(left, UP).is_some() {
                        1
                    } else if ends_with_any(left, DOWN).is_some() {
                        -1
                    } else {
                        continue;
                    };
                    (Stated::Percent(sign), percent)
                }
                Kind::Ratio => {
                    if ends_with_any(left, &["gấp"]).is_some() {
                        (Stated::Ratio { strict: true }, ratio)
                    } else if ends_with_any(left, &["tăng"]).is_some() {
                        (Stated::Ratio { strict: false }, ratio)
                    } else {
                        continue;
                    }
                }
                _ => continue,
            };
            let Some(severity) = severity else { continue };
            let Some((a, b, sure)) = values(v, x, run.clone()) else {
                continue;
            };
            if let Some(f) = compare(v, severity, stated, x, a, b, sure) {
                out.push(f);
            }
        }
    }
    out
}

fn measurable(c: &Claim) -> bool {
    matches!(c.kind, Kind::Count | Kind::Money | Kind::Percent)
}

/// (earlier value, later value, matched surely) for the change at `x`.
fn values(v: &View, x: usize, run: std::ops::Range<usize>) -> Option<(usize, usize, bool)> {
    let c = &v.claims[x];
    let max = v.ck.arithmetic.max_item_gap;
    // `từ A lên B` nearest the change, on either side, in the same clause run
    let mut best: Option<(usize, usize, usize)> = None;
    // the pair is a few figures away at most
    for p in x.saturating_sub(8).max(run.start)..(x + 8).min(run.end) {
        let a = &v.claims[p];
        if !measurable(a) {
            continue;
        }
        let Some((q, _)) = v.from_to(p, run.end) else {
            continue;
        };
        let b = &v.claims[q];
        if !v.same_unit(a, b) {
            continue;
        }
        let (lo, hi) = (a.text_range.start, b.text_range.end);
        let dist = if c.text_range.end <= lo {
            lo - c.text_range.end
        } else if c.text_range.start >= hi {
            c.text_range.start - hi
        } else {
            continue;
        };
        let linked = if c.text_range.end <= lo {
            v.linked(c.text_range.end, lo)
        } else {
            v.linked(hi, c.text_range.start)
        };
        if !linked || dist > max {
            continue;
        }
        if best.is_none_or(|(d, _, _)| dist < d) {
            best = Some((dist, p, q));
        }
    }
    if let Some((_, p, q)) = best {
        return Some((p, q, true));
    }
    // `B, tăng X% so với (mức) A` / `B gấp N lần (so với) A`
    let next = Some(x + 1).filter(|&k| k < run.end)?;
    let n = &v.claims[next];
    let lead = v.text(c.text_range.end..n.text_range.start);
    let lead_trim = lead.trim();
    let against = starts_with_any(lead, AGAINST)
        .is_some_and(|(_, len)| lead[len..].trim().is_empty())
        || (matches!(c.kind, Kind::Ratio) && (lead_trim.is_empty() || lead_trim == "mức"));
    let year_after =
        |t: &str| starts_with_any(t, &["so với năm trước", "so với năm ngoái"]).is_some();
    let b = later_value(v, x, run.start)?;
    if against && measurable(n) && n.role == Role::Base {
        return (v.same_unit(n, v.claims[b])).then_some((next, b, true));
    }
    // `so với năm 2022`: the level of that year, stated elsewhere
    let base_year = if against && n.kind == Kind::Date {
        match n.value {
            Value::Time(TimeExpr {
                start: TimePoint::Year(y),
                end: None,
            }) => Some(y),
            _ => None,
        }
    } else if year_after(lead) || year_after(v.right(c)) {
        one_year(v.claims[b]).map(|y| y - 1)
    } else {
        None
    }?;
    earlier_level(v, b, base_year).map(|(a, sure)| (a, b, sure))
}

/// The figure the change is of: the nearest measurable figure before it in the sentence.
fn later_value(v: &View, x: usize, start: usize) -> Option<usize> {
    let c = &v.claims[x];
    let b = (start..x)
        .rev()
        .take(8)
        .find(|&k| !matches!(v.claims[k].kind, Kind::Date | Kind::Duration))?;
    let bc = &v.claims[b];
    let short = v
        .short(
            bc.text_range.end,
            c.text_range.start,
            v.ck.arithmetic.max_item_gap,
        )
        .is_some();
    (measurable(bc)
        && short
        && v.linked(bc.text_range.end, c.text_range.start)
        && matches!(bc.role, Role::Total))
    .then_some(b)
}

fn one_year(c: &Claim) -> Option<i32> {
    if c.time_source != TimeSource::Sentence {
        return None;
    }
    match c.time? {
        TimeExpr {
            start: TimePoint::Year(y),
            end: None,
        } => Some(y),
        _ => None,
    }
}

/// The same quantity's level in `year`, stated once (or consistently) elsewhere.
fn earlier_level(v: &View, b: usize, year: i32) -> Option<(usize, bool)> {
    let later = &v.claims[b];
    if one_year(later).is_none_or(|y| y <= year) {
        return None;
    }
    let key = v.key(b)?;
    let found: Vec<usize> = v
        .totals_in(later.kind, year, later.text_range.start)
        .iter()
        .copied()
        .filter(|&k| {
            let c = &v.claims[k];
            // cheap tests first: what a claim is about is read last
            k != b
                && c.sentence != later.sentence
                && one_year(c) == Some(year)
                && v.same_unit(c, later)
                && v.key_of(k) == Some(&key)
        })
        .collect();
    let first = *found.first()?;
    let iv = v.wide(v.claims[first]);
    if found.iter().any(|&k| !v.wide(v.claims[k]).overlaps(&iv)) {
        return None;
    }
    Some((first, matches!(key, Key::Metric(_))))
}

/// The change from `a` to `b` as the stated figure measures it, for two readings.
fn actual(stated: Stated, a: Iv, b: Iv, points: bool) -> Vec<Iv> {
    let mut out = Vec::new();
    match stated {
        Stated::Percent(_) => {
            if a.lo > 0.0
                && let Some(q) = b.over(a)
            {
                out.push(q.shift(-1.0).scale(100.0));
            }
            if points {
                out.push(b.minus(a));
            }
        }
        Stated::Ratio { strict } => {
            if a.lo > 0.0
                && let Some(q) = b.over(a)
            {
                out.push(q);
                if !strict {
                    out.push(q.shift(-1.0));
                }
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn compare(
    v: &View,
    severity: Severity,
    stated: Stated,
    x: usize,
    ai: usize,
    bi: usize,
    sure: bool,
) -> Option<Finding> {
    let set = &v.ck.arithmetic;
    let c = &v.claims[x];
    let (a, b) = (&v.claims[ai], &v.claims[bi]);
    let mut claimed = v.narrow(c);
    match stated {
        Stated::Percent(sign) => {
            claimed = claimed.widen(set.percent_slack);
            if sign < 0 {
                claimed = claimed.negated();
            }
        }
        Stated::Ratio { .. } => {
            let k = value(c).unwrap_or(0.0).abs() * set.ratio_slack;
            claimed = claimed.widen(k);
        }
    }
    let points = a.kind == Kind::Percent && b.kind == Kind::Percent;
    let wide = actual(stated, v.wide(a), v.wide(b), points);
    if wide.is_empty() || wide.iter().any(|w| w.overlaps(&claimed)) {
        let (na, nb) = v.aligned(a, b);
        let narrow = actual(stated, na, nb, points);
        if narrow.is_empty() || narrow.iter().any(|w| w.overlaps(&claimed)) {
            return None;
        }
        return Some(report(v, tight(severity), stated, x, ai, bi, narrow[0]));
    }
    let sev = if sure { severity } else { tight(severity) };
    Some(report(v, sev, stated, x, ai, bi, wide[0]))
}

fn report(
    v: &View,
    severity: Severity,
    stated: Stated,
    x: usize,
    ai: usize,
    bi: usize,
    range: Iv,
) -> Finding {
    let c = &v.claims[x];
    let (a, b) = (&v.claims[ai], &v.claims[bi]);
    let (va, vb) = (value(a).unwrap_or(0.0), value(b).unwrap_or(1.0));
    let (fa, fb, fc) = (v.figure(a), v.figure(b), v.figure(c));
    let dec =
        super::numeral(v.text(c.text_range.clone())).map_or(1, |n| usize::from(n.decimals).max(1));
    let (rule, message, label, help, note) = match stated {
        Stated::Percent(sign) => {
            let change = if va != 0.0 {
                (vb / va - 1.0) * 100.0
            } else {
                0.0
            };
            let verb_vi = if change < 0.0 { "giảm" } else { "tăng" };
            let verb_en = if change < 0.0 {
                "a fall of"
            } else {
                "a rise of"
            };
            let (cv, ce) = num(change.abs(), dec);
            let stated_verb = if sign < 0 { "giảm" } else { "tăng" };
            let (rv, re) = range_text(if change < 0.0 { range.negated() } else { range }, c);
            let (sv, se) = num(change, dec);
            let precision_vi = if range.is_point() {
                String::new()
            } else {
                format!("; theo độ chính xác của số liệu, mức {verb_vi} nằm trong khoảng {rv}")
            };
            let precision_en = if range.is_point() {
                String::new()
            } else {
                format!(
                    "; allowing for the precision of the figures, the {} is within {re}",
                    if change < 0.0 { "fall" } else { "rise" }
                )
            };
            (
                super::PERCENT,
                Text::new(
                    format!(
                        "mức thay đổi không khớp với hai giá trị: từ {fa} đến {fb} là {verb_vi} {cv}%, không phải {stated_verb} {fc}"
                    ),
                    format!(
                        "the change does not match its two values: {fa} to {fb} is {verb_en} {ce}%, not {stated_verb} {fc}"
                    ),
                ),
                Text::new(
                    format!("ghi là {stated_verb} {fc}"),
                    format!("stated: {stated_verb} {fc}"),
                ),
                Text::new(
                    format!("sửa thành «{verb_vi} {cv}%», hoặc kiểm tra lại hai giá trị"),
                    format!("write «{verb_vi} {cv}%», or check the two values"),
                ),
                Text::new(
                    format!("({fb} − {fa}) / {fa} × 100 = {sv}%{precision_vi}"),
                    format!("({fb} − {fa}) / {fa} × 100 = {se}%{precision_en}"),
                ),
            )
        }
        Stated::Ratio { .. } => {
            let q = if va != 0.0 { vb / va } else { 0.0 };
            let (qv, qe) = num(q, dec);
            let (rv, re) = range_text(range, c);
            let (pv, pe) = if range.is_point() {
                (String::new(), String::new())
            } else {
                (
                    format!("; theo độ chính xác của số liệu: {rv}"),
                    format!("; allowing for the precision of the figures: {re}"),
                )
            };
            (
                super::RATIO,
                Text::new(
                    format!(
                        "tỷ lệ không khớp với hai giá trị: {fb} là {qv} lần {fa}, không phải {fc}"
                    ),
                    format!(
                        "the ratio does not match its two values: {fb} is {qe} times {fa}, not {fc}"
                    ),
                ),
                Text::new(format!("ghi là gấp {fc}"), format!("stated: {fc}")),
                Text::new(
                    format!("sửa thành «gấp {qv} lần», hoặc kiểm tra lại hai giá trị"),
                    format!("write «gấp {qv} lần» ({qe} times), or check the two values"),
                ),
                Text::new(
                    format!("{fb} / {fa} = {qv}{pv}"),
                    format!("{fb} / {fa} = {qe}{pe}"),
                ),
            )
        }
    };
    v.finding(
        rule,
        severity,
        c,
        message,
        label,
        vec![
            (
                a,
                Text::new(format!("giá trị gốc: {fa}"), format!("earlier value: {fa}")),
            ),
            (
                b,
                Text::new(format!("giá trị sau: {fb}"), format!("later value: {fb}")),
            ),
        ],
        help,
        vec![note],
    )
}
