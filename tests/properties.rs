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
                    f.primary.file.to_string(),
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
                let src = texts.iter().find(|(n, _)| **n == *f.primary.file).expect("file");
                prop_assert!(src.1.is_char_boundary(f.primary.span.start) && src.1.is_char_boundary(f.primary.span.end));
            }
        }
    }
}

/// Line and column counted the slow way: lines end at LF, CRLF or a lone CR, columns
/// count characters from 1, and a BOM at the very start is not a column.
fn naive_line_col(src: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    for (i, c) in src[..offset].char_indices() {
        match c {
            '\u{feff}' if i == 0 => {}
            // CRLF is one line break, counted at its LF (between them is still the line)
            '\r' if src[i + 1..].starts_with('\n') => col += 1,
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

/// Bytes that are mostly text: figure soup with stray bytes of every kind mixed in.
fn mostly_text() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => figure_soup().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..8),
        1 => Just(b"\xef\xbb\xbf".to_vec()),
        1 => Just(b"---\ntitle: x\ndate: 2023-09-10\n---\n".to_vec()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_loader_never_panics_on_any_bytes(bytes in mostly_text()) {
        if let Ok(d) = factlint::document::from_bytes("p.md", &bytes) {
            for b in &d.blocks {
                prop_assert!(b.range.end <= d.text.len());
                prop_assert!(d.text.is_char_boundary(b.range.start) && d.text.is_char_boundary(b.range.end));
                let s = d.source_range(b.range.clone());
                prop_assert!(s.start <= s.end && s.end <= d.source.len());
                prop_assert!(d.source.is_char_boundary(s.start) && d.source.is_char_boundary(s.end));
            }
            let _ = extractor().extract(&d);
        }
    }

    #[test]
    fn line_and_column_agree_with_counting(s in figure_soup(), bom in any::<bool>()) {
        let text = if bom { format!("\u{feff}{s}") } else { s };
        let (d, cs) = claims(&text);
        for c in &cs {
            for at in [c.span.start, c.span.end] {
                prop_assert_eq!(d.line_col(at), naive_line_col(&d.source, at), "offset {}", at);
            }
        }
        // and at every character boundary, not only where claims are
        for (i, _) in d.source.char_indices().step_by(3) {
            prop_assert_eq!(d.line_col(i), naive_line_col(&d.source, i), "offset {}", i);
        }
    }
}

mod runs {
    use super::*;
    use factlint::checks::Checker;
    use factlint::engine::Engine;
    use factlint::inputs::InputFile;
    use factlint::rules::RuleSet;

    fn statement() -> impl Strategy<Value = String> {
        let subject = prop::sample::select(vec![
            "tổng số danh hiệu UNESCO của Việt Nam lên",
            "vốn FDI đạt",
            "Việt Nam có quan hệ ngoại giao với",
            "chuyến thăm của Tổng thống diễn ra ngày",
            "tỷ lệ hộ nghèo giảm còn",
        ]);
        let figure = prop::sample::select(vec![
            "77",
            "75",
            "36,6 tỷ USD",
            "36,6 triệu USD",
            "193 quốc gia",
            "10-11/9/2023",
            "12-13/9/2023",
            "gần 200",
            "2,93%",
            "3,1%",
        ]);
        let year = prop::sample::select(vec!["Năm 2023", "Năm 2024", "Tính đến hết năm 2025"]);
        prop::collection::vec((year, subject, figure), 1..5).prop_map(|v| {
            v.into_iter()
                .map(|(y, s, f)| format!("{y}, {s} {f}."))
                .collect::<Vec<_>>()
                .join("\n\n")
        })
    }

    /// Runs the engine on files written to a folder, in the given order.
    fn run(dir: &std::path::Path, names: &[String]) -> factlint::engine::Outcome {
        let rules = RuleSet::embedded().expect("rules");
        let extractor = factlint::extract::Extractor::new(&rules);
        let checker = Checker::new(&rules);
        let engine = Engine {
            keep_claims: true,
            ..Engine::new(&extractor, &checker)
        };
        let files: Vec<InputFile> = names
            .iter()
            .map(|n| InputFile {
                display: n.clone(),
                path: dir.join(n),
            })
            .collect();
        engine.run(&files, &[], &[])
    }

    fn keyed(o: &factlint::engine::Outcome) -> Vec<String> {
        o.findings
            .iter()
            .map(|f| {
                let related: Vec<String> = f
                    .related
                    .iter()
                    .map(|r| format!("{}@{:?}", r.location.file, r.location.span))
                    .collect();
                format!(
                    "{} {:?} {}@{:?} [{}] {}",
                    f.rule,
                    f.severity,
                    f.primary.file,
                    f.primary.span,
                    related.join(","),
                    f.message.en
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Shuffle the documents of a run: the same findings, primary and related alike.
        #[test]
        fn findings_do_not_depend_on_file_order(
            texts in prop::collection::vec(statement(), 2..5),
            order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let names: Vec<String> = (0..texts.len()).map(|i| format!("d{i}.md")).collect();
            for (n, t) in names.iter().zip(&texts) {
                std::fs::write(dir.path().join(n), t).expect("write");
            }
            let shuffled: Vec<String> = order
                .iter()
                .filter(|&&i| i < names.len())
                .map(|&i| names[i].clone())
                .collect();
            prop_assert_eq!(keyed(&run(dir.path(), &names)), keyed(&run(dir.path(), &shuffled)));
        }

        /// A document's claims are the same alone and in a run with other documents.
        #[test]
        fn extraction_does_not_depend_on_the_other_documents(
            mine in statement(),
            others in prop::collection::vec(statement(), 0..4),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join("mine.md"), &mine).expect("write");
            let mut names = vec!["mine.md".to_string()];
            for (i, t) in others.iter().enumerate() {
                let n = format!("o{i}.md");
                std::fs::write(dir.path().join(&n), t).expect("write");
                names.push(n);
            }
            let claims_of = |o: &factlint::engine::Outcome| {
                let s = o.sources.iter().find(|s| &*s.doc.path == "mine.md").expect("mine.md read");
                format!("{:?}", s.claims)
            };
            let alone = run(dir.path(), &names[..1]);
            let together = run(dir.path(), &names);
            prop_assert_eq!(claims_of(&alone), claims_of(&together));
        }
    }
}
