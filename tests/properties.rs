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
