//! `arithmetic/part-exceeds-whole`: a part larger than its whole (`65/63 tỉnh`, `8 trong 7
//! cơ chế`), or a rank beyond the number ranked (`vị trí 145 trên tổng số 120 nước`).
//!
//! The extractor gives such claims their `whole`; a hedged part (`hơn 60/63`) fires only
//! when even its lowest reading is larger than the whole.

use crate::claim::Kind;
use crate::finding::{Finding, Severity, Text};

use super::{View, num};

pub fn check(v: &View, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &v.claims {
        let Some(whole) = c.whole.filter(|w| w.is_finite() && *w > 0.0) else {
            continue;
        };
        if !matches!(c.kind, Kind::Fraction | Kind::Rank) {
            continue;
        }
        let part = v.narrow(c);
        if part.lo <= whole || part.lo.is_nan() {
            continue;
        }
        let (pv, pe) = num(part.lo, 2);
        let (wv, we) = num(whole, 2);
        let fig = v.figure(c);
        let (message, label, help) = if c.kind == Kind::Rank {
            (
                Text::new(
                    format!("thứ hạng {pv} vượt quá tổng số {wv} được xếp hạng"),
                    format!("rank {pe} is beyond the {we} ranked"),
                ),
                Text::new(format!("hạng {pv} trên {wv}"), format!("rank {pe} of {we}")),
                Text::new(
                    format!("thứ hạng không thể lớn hơn {wv}: kiểm tra lại thứ hạng hoặc tổng số"),
                    format!("a rank cannot exceed {we}: check the rank or the number ranked"),
                ),
            )
        } else {
            (
                Text::new(
                    format!("phần lớn hơn toàn thể: {pv} trên tổng số {wv}"),
                    format!("the part exceeds the whole: {pe} out of {we}"),
                ),
                Text::new(format!("{pv} trên {wv}"), format!("{pe} of {we}")),
                Text::new(
                    format!("số phần không thể lớn hơn {wv}: kiểm tra lại cả hai số"),
                    format!("the part cannot exceed {we}: check both numbers"),
                ),
            )
        };
        out.push(v.finding(
            super::WHOLE,
            severity,
            c,
            message,
            label,
            Vec::new(),
            help,
            vec![Text::new(
                format!("«{fig}» nêu một phần và toàn thể của nó"),
                format!("«{fig}» states a part and its whole"),
            )],
        ));
    }
    out
}
