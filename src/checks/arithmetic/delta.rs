//! `arithmetic/delta`: an earlier total plus an increment that does not make the new total.
//!
//! The shape: `thêm 7 danh hiệu ..., nâng tổng số ... lên 77` in one sentence, with the
//! earlier total either in the same sentence (`nâng tổng số từ 72 lên 79`) or stated
//! elsewhere in the document for the same quantity (same catalog metric, else the same
//! subject phrase) as of the end of the year before the increment's year (`tính đến hết
//! năm 2024, ... 72 danh hiệu` for a 2025 increment). An earlier total from any other time
//! may be followed by other changes, so it is not compared.
//!
//! Only `thêm` (`có thêm`, `tăng thêm`, `công nhận thêm`) makes a clean increment; with
//! `nâng cấp quan hệ với 17 đối tác` some of the 17 may already have been counted, and a
//! match by subject phrase alone is less sure than one by metric: both report a warning
//! at most.

use crate::claim::{Claim, Kind, Role, TimeSource};
use crate::finding::{Finding, Severity, Text};
use crate::time::{TimeExpr, TimePoint};

use super::text::{self, ends_with_any, gap};
use super::{Iv, Key, View, tight, value};

const CLEAN: &[&str] = &["thêm", "tăng thêm", "bổ sung thêm"];
/// Words before a new total after `tổng số`.
const TO: &[&str] = &[
    "lên",
    "thành",
    "là",
    "lên tới",
    "lên thành",
    "đạt",
    "lên con số",
];

pub fn check(v: &View, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for run in &v.sentences {
        for i in run.clone() {
            let inc = &v.claims[i];
            if inc.kind != Kind::Count {
                continue;
            }
            let left = v.left(inc);
            let clean = ends_with_any(left, CLEAN).is_some();
            let clause = text::tail(left, 200)
                .rsplit([',', ';'])
                .next()
                .unwrap_or_default();
            let weak = ends_with_any(left, &["với"]).is_some()
                && ["nâng cấp", "nâng tầm", "thiết lập"]
                    .iter()
                    .any(|w| text::find_ci(clause, w).is_some());
            if !(clean || weak) {
                continue;
            }
            let Some((ti, prev_in)) = new_total(v, i, run.end) else {
                continue;
            };
            let total = &v.claims[ti];
            let found = match prev_in {
                Some(p) => Some((p, true)),
                None => earlier_total(v, i, ti),
            };
            let Some((pi, sure)) = found else {
                continue;
            };
            let prev = &v.claims[pi];
            let sev = if clean && sure {
                severity
            } else {
                tight(severity)
            };
            let sum_w = v.wide(prev).plus(v.wide(inc));
            let sum_n = v.narrow(prev).plus(v.narrow(inc));
            // rounding never fires: only the widest reading counts
            if sum_w.overlaps(&v.wide(total)) {
                continue;
            }
            out.push(report(v, sev, prev, inc, total, sum_n, prev_in.is_some()));
        }
    }
    out
}

/// The new total after the increment at `i`: a later figure of the sentence after
/// `tổng số` (or `tổng cộng`) and `lên`/`thành`; with the earlier total when the sentence
/// gives it (`từ 72 lên 79`).
fn new_total(v: &View, i: usize, end: usize) -> Option<(usize, Option<usize>)> {
    let inc = &v.claims[i];
    let mut prev = None;
    for j in i + 1..end {
        let c = &v.claims[j];
        if matches!(c.kind, Kind::Date | Kind::Duration) {
            continue;
        }
        let between = v.short(
            inc.text_range.end,
            c.text_range.start,
            v.ck.arithmetic.max_item_gap * 2,
        )?;
        if gap(between).stop {
            return None;
        }
        if c.kind != inc.kind {
            return None;
        }
        if prev.is_none()
            && let Some((_, true)) = v.from_to(j, end)
        {
            // `nâng tổng số từ 72 lên 79`: the earlier total, then the new one
            prev = Some(j);
            continue;
        }
        let named = text::find_ci(between, "tổng số").is_some()
            || text::find_ci(between, "tổng cộng").is_some();
        let to = ends_with_any(v.left(c), TO).is_some();
        if named && to && v.same_unit(inc, c) && !matches!(c.role, Role::Target | Role::Forecast) {
            return Some((j, prev));
        }
        return None;
    }
    None
}

/// The year of a scope that is one calendar year.
fn one_year(t: Option<TimeExpr>) -> Option<i32> {
    match t? {
        TimeExpr {
            start: TimePoint::Year(y),
            end: None,
        } => Some(y),
        _ => None,
    }
}

/// Whether a scope is the end of year `y`: `năm y` (a level of that year), `tháng 12/y`,
/// `31/12/y`.
fn end_of_year(t: Option<TimeExpr>, y: i32) -> bool {
    match t {
        Some(TimeExpr { start, end: None }) => {
            matches!(
                start,
                TimePoint::Year(a) if a == y
            ) || matches!(start, TimePoint::Month { year, month: 12 } if year == y)
                || matches!(start, TimePoint::Day { year, month: 12, day: 31 } if year == y)
        }
        _ => false,
    }
}

/// The earlier total elsewhere in the document, and whether it is matched by metric.
fn earlier_total(v: &View, i: usize, ti: usize) -> Option<(usize, bool)> {
    let inc = &v.claims[i];
    let total = &v.claims[ti];
    let year = [total, inc]
        .iter()
        .filter(|c| matches!(c.time_source, TimeSource::Sentence | TimeSource::Section))
        .find_map(|c| one_year(c.time))?;
    let key = v
        .key(ti)
        .or_else(|| v.key_in(ti, true, inc.unit.as_deref()))
        .or_else(|| v.key(i))?;
    let sure = matches!(key, Key::Metric(_));
    let found: Vec<usize> = v
        .totals_in(inc.kind, year - 1, total.text_range.start)
        .iter()
        .copied()
        .filter(|&k| {
            let c = &v.claims[k];
            // cheap tests first: what a claim is about is read last
            c.sentence != total.sentence
                && c.kind == inc.kind
                && end_of_year(c.time, year - 1)
                && v.same_unit(inc, c)
                && v.key_of(k) == Some(&key)
        })
        .collect();
    let first = *found.first()?;
    // two earlier totals that disagree: cross-source reports them; no sum is sure
    let iv = v.wide(v.claims[first]);
    if found.iter().any(|&k| !v.wide(v.claims[k]).overlaps(&iv)) {
        return None;
    }
    // the nearest one
    let at = total.text_range.start;
    let best = found
        .into_iter()
        .min_by_key(|&k| v.claims[k].text_range.start.abs_diff(at))?;
    Some((best, sure))
}

fn report(
    v: &View,
    severity: Severity,
    prev: &Claim,
    inc: &Claim,
    total: &Claim,
    sum_n: Iv,
    same_sentence: bool,
) -> Finding {
    let (p, i, t) = (
        value(prev).unwrap_or(0.0),
        value(inc).unwrap_or(0.0),
        value(total).unwrap_or(0.0),
    );
    let n = |x: f64| super::num(x, 2);
    let (pv, pe) = n(p);
    let (iv, ie) = n(i);
    let (tv, te) = n(t);
    let (sv, se) = if sum_n.is_point() {
        n(sum_n.lo)
    } else {
        super::range_text(sum_n, total)
    };
    let when = prev.time.filter(|_| !same_sentence).map(|t| {
        (
            super::super::phrases::time_vi(&t),
            super::super::phrases::time_en(&t),
        )
    });
    let (when_vi, when_en) = when
        .map(|(a, b)| (format!(" ({a})"), format!(" ({b})")))
        .unwrap_or_default();
    let (fp, fi, ft) = (v.figure(prev), v.figure(inc), v.figure(total));
    v.finding(
        super::DELTA,
        severity,
        total,
        Text::new(
            format!("tổng mới không khớp với số trước đó cộng phần tăng thêm: {pv} + {iv} = {sv}, không phải {tv}"),
            format!("the new total does not match the earlier one plus the increase: {pe} + {ie} = {se}, not {te}"),
        ),
        Text::new(format!("tổng mới: {ft}"), format!("new total: {ft}")),
        vec![
            (
                prev,
                Text::new(
                    format!("số trước đó: {fp}{when_vi}"),
                    format!("earlier total: {fp}{when_en}"),
                ),
            ),
            (
                inc,
                Text::new(format!("tăng thêm: {fi}"), format!("increase: {fi}")),
            ),
        ],
        Text::new(
            format!(
                "nếu tăng thêm {iv} thì tổng là {sv}; nếu tổng là {tv} thì số tăng thêm là {}",
                n(t - p).0
            ),
            format!(
                "with {ie} more the total is {se}; with a total of {te} the increase is {}",
                n(t - p).1
            ),
        ),
        vec![if same_sentence {
            Text::new(
                "số trước đó, phần tăng thêm và tổng mới cùng ở trong câu này",
                "the earlier total, the increase and the new total are all in this sentence",
            )
        } else {
            Text::new(
                format!("số trước đó ({fp}) là tổng của cùng đại lượng tính đến cuối năm trước"),
                format!("the earlier total ({fp}) is the same quantity as of the end of the year before"),
            )
        }],
    )
}
