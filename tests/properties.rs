//! Properties that hold for any input: no panic, spans on char boundaries, and the
//! claim's text is exactly the bytes its span covers.

mod common;

use common::*;
use proptest::prelude::*;

/// Text built from the pieces Vietnamese figures are made of, so the generator reaches
/// the parser's corners (hedges, scale words, separators, markup) and not only noise.
fn figure_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "gần ",
        "hơn ",
        "khoảng ",
        "từ ",
        " đến ",
        "-",
        "–",
        "/",
        ".",
        ",",
        "%",
        " tỷ",
        " triệu",
        " nghìn",
        " USD",
        " đồng",
        " quốc gia",
        "năm ",
        "ngày ",
        "tháng ",
        "quý ",
        "I",
        "hai ",
        "mươi ",
        "mốt",
        "lăm ",
        "trăm ",
        "lẻ ",
        "rưỡi",
        "*",
        "**",
        "<sup>",
        "</sup>",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\u{200b}",
        "e\u{302}\u{301}",
        "0",
        "1",
        "2",
        "9",
        "12",
        "2023",
        "193",
        "36",
        "thứ ",
        "lần thứ ",
        "COP",
        "G",
        "-NQ/TW",
        "hàng ",
        "trong ",
        "trên tổng số ",
        "gấp ",
        " lần",
        "# ",
        "- ",
        "1. ",
        "(",
        ")",
        ":",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_spans(text: &str) {
    let (d, cs) = claims(text);
    for c in &cs {
        assert!(c.span.start <= c.span.end && c.span.end <= d.source.len());
        assert!(d.source.is_char_boundary(c.span.start) && d.source.is_char_boundary(c.span.end));
        assert!(c.text_range.end <= d.text.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_never_panics(s in any::<String>()) {
        check_spans(&s);
    }

    #[test]
    fn figure_like_text_keeps_spans_valid(s in figure_soup()) {
        check_spans(&s);
    }

    #[test]
    fn lone_figures_never_panic(s in figure_soup()) {
        let _ = extractor().read_quantity(&s);
    }
}

#[test]
fn absurd_numbers_do_not_panic() {
    let long = format!(
        "Có {} tỷ USD và 1.2.3.4.5 và {} quốc gia.",
        "9".repeat(5000),
        "1".repeat(400)
    );
    check_spans(&long);
    let huge = format!("Giá trị 1{} tỷ USD.", "0".repeat(39));
    let (_, cs) = claims(&huge);
    for c in &cs {
        if let factlint::claim::Value::Number(v) = c.value {
            assert!(v.is_finite());
        }
    }
}

mod checker {
    use super::*;
    use factlint::checks::{Checker, Source};
    use factlint::document;
    use factlint::rules::RuleSet;

    fn sources(texts: &[(String, String)]) -> Vec<Source> {
        let ex = extractor();
        texts
            .iter()
            .map(|(name, text)| {
                let doc = document::from_bytes(name, text.as_bytes()).expect("utf-8");
                let claims = ex.extract(&doc);
                Source {
                    doc,
                    claims,
                    reference: false,
                }
            })
            .collect()
    }

    /// Sentences about a few shared subjects with varied figures and years, so the
    /// generator produces matches and mismatches, not only noise.
    fn statement() -> impl Strategy<Value = String> {
        let subject = prop::sample::select(vec![
            "tổng số danh hiệu UNESCO của Việt Nam lên",
            "vốn FDI đạt",
            "kiều hối về nước đạt khoảng",
            "Việt Nam có quan hệ ngoại giao với",
            "chuyến thăm Việt Nam của Tổng thống Hoa Kỳ Joe Biden ngày",
        ]);
        let figure = prop::sample::select(vec![
            "77",
            "75",
            "36,6 tỷ USD",
            "36,6 triệu USD",
            "193 quốc gia",
            "193 nước và vùng lãnh thổ",
            "10-11/9/2023",
            "12-13/9/2023",
            "gần 200",
            "hơn 40",
        ]);
        let year = prop::sample::select(vec!["Năm 2023", "Năm 2024", "Tính đến hết năm 2025"]);
        prop::collection::vec((year, subject, figure), 1..6).prop_map(|v| {
            v.into_iter()
                .map(|(y, s, f)| format!("{y}, {s} {f}."))
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    fn keyed(findings: &[factlint::finding::Finding]) -> Vec<(String, String, usize, usize)> {
        let mut k: Vec<_> = findings
            .iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.primary.file.clone(),
                    f.primary.span.start,
                    f.related.len(),
                )
            })
            .collect();
        k.sort();
        k
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn check_never_panics_and_ignores_file_order(a in statement(), b in statement(), c in any::<String>()) {
            let checker = Checker::new(&RuleSet::embedded().expect("rules"));
            let texts = vec![("a.md".to_string(), a), ("b.md".to_string(), b), ("c.md".to_string(), c)];
            let forward = checker.check(&sources(&texts));
            let mut reversed = texts.clone();
            reversed.reverse();
            let backward = checker.check(&sources(&reversed));
            prop_assert_eq!(keyed(&forward), keyed(&backward));
            for f in &forward {
                let src = texts.iter().find(|(n, _)| *n == f.primary.file).expect("file");
                prop_assert!(src.1.is_char_boundary(f.primary.span.start) && src.1.is_char_boundary(f.primary.span.end));
            }
        }
    }
}
