//! Every rule's metadata in one place: id, default severity, whether `--fix` can apply
//! it, and a one-line summary. `rules`, `explain`, SARIF and the engine read it from here.
//! Ids are a public contract (spec/checks.md): never renamed, never reused.

use crate::finding::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: &'static str,
    pub severity: Severity,
    pub fixable: bool,
    pub summary_vi: &'static str,
    pub summary_en: &'static str,
}

const fn rule(
    id: &'static str,
    severity: Severity,
    fixable: bool,
    vi: &'static str,
    en: &'static str,
) -> RuleMeta {
    RuleMeta {
        id,
        severity,
        fixable,
        summary_vi: vi,
        summary_en: en,
    }
}

use Severity::{Error, Warning};

pub const RULES: &[RuleMeta] = &[
    rule(
        "cross-source/value-mismatch",
        Error,
        false,
        "cùng một số liệu được nêu với giá trị khác nhau ở các nguồn",
        "the same quantity is stated with different values in different sources",
    ),
    rule(
        "cross-source/scale-mismatch",
        Error,
        false,
        "hai số liệu chỉ khác nhau một đơn vị nghìn, triệu hoặc tỷ",
        "two figures differ only by a scale word (thousand, million, billion)",
    ),
    rule(
        "cross-source/subject-mismatch",
        Warning,
        false,
        "cùng con số nhưng đối tượng được mở rộng hoặc thu hẹp",
        "the same number is given for a widened or narrowed subject",
    ),
    rule(
        "arithmetic/sum",
        Error,
        false,
        "các thành phần không cộng lại bằng tổng đã nêu",
        "stated parts do not add up to the stated total",
    ),
    rule(
        "arithmetic/delta",
        Error,
        false,
        "giá trị trước cộng phần tăng thêm không bằng tổng mới",
        "previous value plus increment does not equal the new total",
    ),
    rule(
        "arithmetic/percent-change",
        Error,
        false,
        "tỷ lệ tăng/giảm không khớp với hai giá trị được so sánh",
        "a stated percent change does not match the two values it relates",
    ),
    rule(
        "arithmetic/ratio",
        Error,
        false,
        "số lần (gấp N lần) không khớp với hai giá trị",
        "a stated ratio does not match the two values",
    ),
    rule(
        "arithmetic/part-exceeds-whole",
        Error,
        false,
        "phần lớn hơn toàn thể",
        "a part is larger than its whole",
    ),
    rule(
        "arithmetic/comparison",
        Error,
        false,
        "chiều so sánh mâu thuẫn với các con số",
        "a stated direction contradicts the numbers",
    ),
    rule(
        "temporal/date-mismatch",
        Error,
        false,
        "cùng một sự kiện được ghi ngày khác nhau",
        "the same event is dated differently in different places",
    ),
    rule(
        "temporal/invalid-date",
        Error,
        false,
        "ngày không tồn tại hoặc khoảng thời gian kết thúc trước khi bắt đầu",
        "a date that does not exist, or a range that ends before it starts",
    ),
    rule(
        "temporal/duration-mismatch",
        Error,
        false,
        "một giai đoạn và độ dài được nêu của nó không khớp",
        "a period and its stated length disagree",
    ),
    rule(
        "temporal/stock-decrease",
        Warning,
        false,
        "một số liệu lũy kế nhỏ hơn ở thời điểm sau",
        "a running total is smaller at a later date",
    ),
    rule(
        "enumeration/count-mismatch",
        Error,
        false,
        "số lượng được báo trước không khớp với các mục liệt kê",
        "an announced count does not match the items that follow",
    ),
    rule(
        "enumeration/sequence-gap",
        Error,
        false,
        "dãy đánh số bị bỏ sót hoặc lặp",
        "a numbered sequence skips or repeats",
    ),
    rule(
        "enumeration/footnote",
        Warning,
        false,
        "chú thích thiếu nội dung, thiếu dấu dẫn hoặc sai thứ tự",
        "a footnote marker without a body, a body without a marker, or footnotes out of order",
    ),
    rule(
        "reference/mismatch",
        Error,
        false,
        "cùng một văn bản được trích dẫn với ngày, cơ quan ban hành hoặc tên khác nhau",
        "the same document is cited with different dates, issuers or titles",
    ),
    rule(
        "reference/format",
        Warning,
        false,
        "số, ký hiệu văn bản không đúng thể thức",
        "a document identifier does not follow the official numbering pattern",
    ),
    rule(
        "style/number-format",
        Warning,
        true,
        "cách viết số theo kiểu tiếng Anh hoặc không thống nhất",
        "English-style decimals or grouping, or inconsistent grouping",
    ),
    rule(
        "style/date-format",
        Warning,
        true,
        "cách viết ngày tháng không thống nhất trong văn bản",
        "mixed date styles within a document",
    ),
    rule(
        "style/term",
        Warning,
        true,
        "dùng từ, cách viết không theo danh mục thuật ngữ",
        "a non-preferred term or variant from the term list",
    ),
    rule(
        "style/tone-mark",
        Warning,
        true,
        "trộn lẫn kiểu bỏ dấu thanh cũ và mới trong một văn bản",
        "old and new tone-mark placement mixed in one document",
    ),
    rule(
        "suppression/unused",
        Warning,
        false,
        "chú thích bỏ qua không bỏ qua phát hiện nào",
        "a suppression comment that silences nothing",
    ),
    rule(
        "input/unreadable",
        Error,
        false,
        "không đọc được tệp đầu vào",
        "an input file could not be read",
    ),
];

/// The metadata of a rule id.
pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// The known id closest to a mistyped one (`value-mismatch` -> `cross-source/value-mismatch`).
pub fn nearest(id: &str) -> Option<&'static str> {
    let id = id.trim().to_lowercase();
    if id.is_empty() {
        return None;
    }
    if let Some(m) = RULES
        .iter()
        .find(|r| r.id.ends_with(&format!("/{id}")) || r.id.starts_with(&id))
    {
        return Some(m.id);
    }
    RULES
        .iter()
        .map(|r| (edit_distance(&id, r.id), r.id))
        .filter(|&(d, _)| d <= 3)
        .min()
        .map(|(_, id)| id)
}

/// Levenshtein distance over characters; ids are short, so the quadratic table is fine.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_a_bare_name_or_a_typo() {
        assert_eq!(
            nearest("value-mismatch"),
            Some("cross-source/value-mismatch")
        );
        assert_eq!(nearest("style/tone-marks"), Some("style/tone-mark"));
        assert_eq!(nearest("arithmetic/summ"), Some("arithmetic/sum"));
        assert_eq!(nearest("nothing/like-it-at-all"), None);
    }

    #[test]
    fn every_rule_has_an_explanation() {
        for m in RULES {
            assert!(
                super::super::explain::explanation(m.id).is_some(),
                "{} has no explanation",
                m.id
            );
        }
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for id in ids {
            let (family, name) = id.split_once('/').expect("family/name");
            assert!(!family.is_empty() && !name.is_empty());
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '/' || c == '-'),
                "{id}"
            );
        }
    }
}
