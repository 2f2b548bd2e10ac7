//! `arithmetic/sum`: stated parts that do not add up to the stated total of their passage.
//!
//! Two shapes, both inside one sentence:
//! - parts, then the total: `6 chuyến ..., 12 chuyến ... và 12 chuyến ..., tổng cộng 32`;
//!   `tổng cộng` says the parts are all of it;
//! - the total, then its parts: `tổng số 28 chuyến, trong đó 10 ... và 15 ...`;
//!   `trong đó` (and `gồm`/`bao gồm` with one part, `bao gồm cả`, or a list that trails
//!   off with `...`, `v.v.`) may be a partial breakdown, so only parts larger than the
//!   total are wrong; `gồm`/`bao gồm` with two or more parts closed by `và` says the parts
//!   are all of it.
//!
//! The extractor leaves out `tổng số 28 chuyến` (it takes `số 28` for a document number);
//! `bare_totals` in the module root reads such totals back.
//!
//! A list is figures of one kind (counts, or money in one currency) separated by commas
//! and a final `và`; it ends at a clause stop, at a figure of another kind, or at a
//! change (`tăng 3 đoàn`). A list not closed by `và` may run on into figures that are no
//! parts, so it reports a warning at most. Figures are compared at their widest reading
//! (a round total may be rounded), so rounding never fires.

use crate::claim::{Claim, Kind, Role};
use crate::finding::{Finding, Severity, Text};

use super::text::{self, gap};
use super::{Iv, View, amount, tight};

/// Cues after which the total's parts follow.
pub(super) const BREAKDOWN: &[&str] = &["trong đó", "bao gồm", "gồm", "gồm có"];
/// Cues before the total that follows the parts.
pub(super) const TOTAL_AFTER: &[&str] = &["tổng cộng", "cộng lại", "tổng cộng lại"];

pub fn check(v: &View, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, run) in v.sentences.iter().enumerate() {
        let Some((sentence, hits)) = v.run_cues(k) else {
            continue;
        };
        let (after_hits, rest) = hits.split_at(TOTAL_AFTER.len());
        let breakdown_hits = &rest[..BREAKDOWN.len()];
        for found in after_hits {
            for &(a, b) in found {
                let (a, b) = (sentence.start + a, sentence.start + b);
                out.extend(parts_then_total(v, severity, run.clone(), a, b));
            }
        }
        let mut seen_end = 0;
        for (cue, found) in BREAKDOWN.iter().zip(breakdown_hits) {
            for &(a, b) in found {
                let (a, b) = (sentence.start + a, sentence.start + b);
                // `gồm` inside `bao gồm`, `gồm có`: read once
                if a < seen_end {
                    continue;
                }
                seen_end = seen_end.max(b);
                out.extend(total_then_parts(v, severity, run.clone(), cue, a, b));
            }
        }
    }
    out
}

fn summable(c: &Claim) -> bool {
    matches!(c.kind, Kind::Count | Kind::Money)
}

/// Whether `c` can be a part of a list whose total is `total` and whose part next to it
/// is `near`: counts of a noun like the total's or the neighbour's (`6 đối tác chiến lược
/// toàn diện, 12 đối tác chiến lược`), money in the total's currency.
fn part_of(v: &View, c: &Claim, total: &Claim, near: Option<&Claim>) -> bool {
    summable(c)
        && c.kind == total.kind
        && (c.kind != Kind::Money || c.unit == total.unit)
        && (c.kind != Kind::Count || alike(v, c, total) || near.is_some_and(|n| alike(v, c, n)))
        && !matches!(c.role, Role::Increment | Role::Base | Role::Previous)
        && !v.left(c).trim_end().ends_with('/')
}

/// Counted nouns alike: equal after folding, one the start of the other, or the same first
/// two syllables; a figure with no noun is alike anything.
fn alike(v: &View, a: &Claim, b: &Claim) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => {
            let (x, y) = (v.noun(x), v.noun(y));
            let head = |s: &str| s.split(' ').take(2).collect::<Vec<_>>().join(" ");
            x == y || x.starts_with(&y) || y.starts_with(&x) || head(&x) == head(&y)
        }
        _ => true,
    }
}

/// A date or period in brackets, or a duration, between two parts: not a part, no stop.
fn skippable(c: &Claim) -> bool {
    matches!(c.kind, Kind::Date | Kind::Duration)
}

/// `A, B và C, tổng cộng T`.
fn parts_then_total(
    v: &View,
    severity: Severity,
    run: std::ops::Range<usize>,
    cue_start: usize,
    cue_end: usize,
) -> Option<Finding> {
    let set = &v.ck.arithmetic;
    // the total: the first figure after the cue, a few words at most
    let ti = v.first_at(&run, cue_end);
    let total = v.claims.get(ti).filter(|_| ti < run.end)?;
    let lead = v.text(cue_end..total.text_range.start);
    if !summable(total) || lead.len() > 24 || gap(lead).stop || gap(lead).digit || gap(lead).comma {
        return None;
    }
    // the parts: back from the cue
    let mut parts: Vec<usize> = Vec::new();
    let mut closed = false;
    let mut edge = cue_start;
    let mut i = ti;
    while i > run.start {
        i -= 1;
        let c = &v.claims[i];
        if c.text_range.end > edge {
            continue;
        }
        if skippable(c) {
            continue;
        }
        let Some(between) = v.short(c.text_range.end, edge, set.max_item_gap) else {
            break;
        };
        let g = gap(between);
        let near = parts.last().map(|&k| &*v.claims[k]);
        if !part_of(v, c, total, near) || g.stop || parts.len() >= set.max_parts {
            break;
        }
        if parts.is_empty() {
            // `..., tổng cộng`: the last part ends its clause
            if !g.comma {
                break;
            }
        } else if !(g.comma || g.and) {
            break;
        } else if parts.len() == 1 && g.and {
            closed = true;
        }
        parts.push(i);
        edge = c.text_range.start;
    }
    parts.reverse();
    if parts.len() < 2 {
        return None;
    }
    // a list read too far back: if the last few parts alone make the total, say nothing
    let total_w = v.wide(total);
    for k in 0..parts.len() {
        let tail = Iv::sum(parts[k..].iter().map(|&p| v.wide(v.claims[p])));
        if tail.overlaps(&total_w) {
            return None;
        }
    }
    let sum_w = Iv::sum(parts.iter().map(|&p| v.wide(v.claims[p])));
    let sum_n = Iv::sum(parts.iter().map(|&p| v.narrow(v.claims[p])));
    // rounding never fires: only the widest reading counts
    if sum_w.overlaps(&total_w) {
        return None;
    }
    let sev = if !closed { tight(severity) } else { severity };
    Some(report(v, sev, total, &parts, sum_n, true))
}

/// `T ..., trong đó A, B và C` / `T, gồm A và B`.
fn total_then_parts(
    v: &View,
    severity: Severity,
    run: std::ops::Range<usize>,
    cue: &str,
    cue_start: usize,
    cue_end: usize,
) -> Option<Finding> {
    let set = &v.ck.arithmetic;
    // the total: the last figure before the cue, with nothing but words between
    let before = v.first_at(&run, cue_start);
    let ti = (run.start..before)
        .rev()
        .take(8)
        .find(|&i| v.claims[i].text_range.end <= cue_start && !skippable(v.claims[i]))?;
    let total = &v.claims[ti];
    let to_cue = gap(v.short(total.text_range.end, cue_start, set.max_item_gap)?);
    if !summable(total) || to_cue.stop || matches!(total.role, Role::Base | Role::Previous) {
        return None;
    }
    // the parts: forward from the cue
    let mut parts: Vec<usize> = Vec::new();
    let mut closed = false;
    let mut edge = cue_end;
    for i in v.first_at(&run, cue_end)..run.end {
        let c = &v.claims[i];
        if c.text_range.start < edge {
            continue;
        }
        if skippable(c) {
            continue;
        }
        let Some(between) = v.short(edge, c.text_range.start, set.max_item_gap) else {
            break;
        };
        let g = gap(between);
        let near = parts.last().map(|&k| &*v.claims[k]);
        if !part_of(v, c, total, near) || g.stop || parts.len() >= set.max_parts {
            break;
        }
        if parts.is_empty() {
            if g.len > set.max_cue_gap || g.digit {
                break;
            }
        } else if !(g.comma || g.and) || g.len > set.max_item_gap {
            break;
        }
        parts.push(i);
        edge = c.text_range.end;
        if !parts.is_empty() && g.and && parts.len() > 1 {
            closed = true;
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let lead = v.text(cue_end..v.claims[parts[0]].text_range.start);
    let partial = cue == "trong đó"
        || parts.len() < 2
        || !closed
        || text::find_ci(lead, "cả").is_some()
        || followed_by_more(v, v.claims[parts[parts.len() - 1]]);
    let total_w = v.wide(total);
    let sum_w = Iv::sum(parts.iter().map(|&p| v.wide(v.claims[p])));
    let sum_n = Iv::sum(parts.iter().map(|&p| v.narrow(v.claims[p])));
    // a list of two or more not closed by `và` may have run on
    let sev = if parts.len() > 1 && !closed {
        tight(severity)
    } else {
        severity
    };
    let sev = if partial {
        // only parts larger than the total are wrong
        if total_w.below(&sum_w) {
            sev
        } else {
            return None;
        }
    } else {
        // a list read too far: if its first parts alone make the total, say nothing
        for k in 1..parts.len() {
            let head = Iv::sum(parts[..k].iter().map(|&p| v.wide(v.claims[p])));
            if head.overlaps(&total_w) {
                return None;
            }
        }
        if !sum_w.overlaps(&total_w) {
            sev
        } else {
            return None;
        }
    };
    Some(report(v, sev, total, &parts, sum_n, !partial))
}

/// `và 12 nước khác...`, `...`, `v.v.`: the list goes on beyond its figures.
fn followed_by_more(v: &View, last: &crate::claim::Claim) -> bool {
    let after = text::head(v.right(last), 200);
    let clause = after.split([',', ';', '.', ':']).next().unwrap_or_default();
    after.trim_start().starts_with("...")
        || after.trim_start().starts_with('…')
        || text::find_ci(clause, "v.v").is_some()
        || text::find_ci(clause, "cùng nhiều").is_some()
}

fn report(
    v: &View,
    severity: Severity,
    total: &Claim,
    parts: &[usize],
    sum_n: Iv,
    exhaustive: bool,
) -> Finding {
    let part_values: Vec<(String, String)> = parts
        .iter()
        .map(|&p| {
            let fig = v.figure(v.claims[p]);
            (fig.clone(), fig)
        })
        .collect();
    let plain = |k: usize| -> String {
        // numbers alone in the sum, units once after it
        let c = &v.claims[parts[k]];
        let x = super::value(c).unwrap_or(0.0);
        match c.kind {
            Kind::Money => amount(x, total).0,
            _ => super::num(x, 2).0,
        }
    };
    let plain_en = |k: usize| -> String {
        let c = &v.claims[parts[k]];
        let x = super::value(c).unwrap_or(0.0);
        match c.kind {
            Kind::Money => amount(x, total).1,
            _ => super::num(x, 2).1,
        }
    };
    let terms_vi: Vec<String> = (0..parts.len()).map(plain).collect();
    let terms_en: Vec<String> = (0..parts.len()).map(plain_en).collect();
    // the sum of the values as written; the precision only decides whether it fires
    let _ = sum_n;
    let written: f64 = parts
        .iter()
        .map(|&p| super::value(v.claims[p]).unwrap_or(0.0))
        .sum();
    let (s_vi, s_en) = amount(written, total);
    let t_value = super::value(total).unwrap_or(0.0);
    let (t_vi, t_en) = amount(t_value, total);
    let total_fig = v.figure(total);
    let (message, help) = if exhaustive {
        (
            Text::new(
                format!(
                    "các phần cộng lại không bằng tổng: {} = {s_vi}, không phải {t_vi}",
                    terms_vi.join(" + ")
                ),
                format!(
                    "the parts do not add up to the total: {} = {s_en}, not {t_en}",
                    terms_en.join(" + ")
                ),
            ),
            Text::new(
                format!("sửa tổng thành {s_vi}, hoặc kiểm tra lại từng phần"),
                format!("make the total {s_en}, or check each part"),
            ),
        )
    } else {
        (
            Text::new(
                format!(
                    "các phần lớn hơn tổng: {} = {s_vi}, lớn hơn {t_vi}",
                    terms_vi.join(" + ")
                ),
                format!(
                    "the parts exceed the total: {} = {s_en}, more than {t_en}",
                    terms_en.join(" + ")
                ),
            ),
            Text::new(
                format!("tổng phải ít nhất là {s_vi}; kiểm tra lại tổng hoặc từng phần"),
                format!("the total must be at least {s_en}; check the total or each part"),
            ),
        )
    };
    let related = parts
        .iter()
        .zip(&part_values)
        .map(|(&p, (vi, en))| {
            (
                &*v.claims[p],
                Text::new(format!("phần: {vi}"), format!("part: {en}")),
            )
        })
        .collect();
    let mut notes = vec![Text::new(
        format!(
            "tổng ({total_fig}) được so với {} phần liệt kê trong cùng câu, có tính độ chính xác của số liệu",
            parts.len()
        ),
        format!(
            "the total ({total_fig}) is compared with the {} parts listed in the same sentence, allowing for the precision of each figure",
            parts.len()
        ),
    )];
    if !exhaustive {
        notes.push(Text::new(
            "danh sách sau «trong đó» có thể chỉ là một phần, nhưng không thể lớn hơn tổng",
            "a list after «trong đó» may be only some of the total, but cannot exceed it",
        ));
    }
    v.finding(
        super::SUM,
        severity,
        total,
        message,
        Text::new(format!("tổng: {total_fig}"), format!("total: {total_fig}")),
        related,
        help,
        notes,
    )
}
