//! Loading documents: normalised text, the map back to file bytes, structure, errors.

use std::path::{Path, PathBuf};

use factlint::document::{self, BlockKind, Document, LoadError};
use factlint::time::TimePoint;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn doc(src: &str) -> Document {
    document::from_bytes("t.md", src.as_bytes()).expect("valid UTF-8")
}

/// The source text behind the first occurrence of `needle` in `d.text`.
fn back<'a>(d: &'a Document, needle: &str) -> &'a str {
    let at = d
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", d.text));
    &d.source[d.source_range(at..at + needle.len())]
}

#[test]
fn bom_and_crlf_are_gone_from_text_but_spans_are_file_bytes() {
    let src = "\u{feff}Báo cáo tổng kết\r\nVốn FDI đạt 36,6 tỷ USD.\r\n\r\nXuất khẩu tăng 8%.\r\n";
    let d = doc(src);
    assert!(
        !d.text.contains('\u{feff}') && !d.text.contains('\r'),
        "{:?}",
        d.text
    );
    assert_eq!(
        d.text,
        "Báo cáo tổng kết Vốn FDI đạt 36,6 tỷ USD.\n\nXuất khẩu tăng 8%."
    );
    assert_eq!(back(&d, "36,6 tỷ USD"), "36,6 tỷ USD");
    let at = d.text.find("36,6").unwrap();
    let r = d.source_range(at..at + 4);
    assert_eq!(r.start, src.find("36,6").unwrap());
    assert_eq!(d.line_col(r.start), (2, 13));
    let r = d.source_range(d.text.find("8%").unwrap()..d.text.find("8%").unwrap() + 2);
    assert_eq!(&src[r.clone()], "8%");
    assert_eq!(d.line_col(r.start), (4, 16));
    // The BOM is not a column.
    assert_eq!(d.line_col(d.source_range(0..3).start), (1, 1));
}

#[test]
fn lone_cr_ends_lines() {
    let d = doc("Dòng đầu\rNăm 2024 có 12 tháng.");
    let at = d.text.find("12").unwrap();
    assert_eq!(d.line_col(d.source_range(at..at + 2).start), (2, 13));
}

#[test]
fn nbsp_between_number_and_unit() {
    let src = "Dự án cần 500\u{a0}tỷ đồng và 20\u{202f}%, thêm 3\u{2007}000 người.";
    let d = doc(src);
    assert!(d.text.contains("500 tỷ đồng"), "{:?}", d.text);
    assert!(d.text.contains("20 %"));
    assert!(d.text.contains("3 000 người"));
    assert_eq!(back(&d, "500 tỷ đồng"), "500\u{a0}tỷ đồng");
    assert_eq!(back(&d, "20 %"), "20\u{202f}%");
}

#[test]
fn zero_width_characters_vanish_and_stay_off_span_edges() {
    let src = "Giá trị\u{200b} 1.700\u{200b} tỷ USD và \u{200e}95\u{2060}%\u{ad}.";
    let d = doc(src);
    assert_eq!(d.text, "Giá trị 1.700 tỷ USD và 95%.");
    assert_eq!(back(&d, "1.700"), "1.700");
    assert_eq!(back(&d, "1.700 tỷ"), "1.700\u{200b} tỷ");
    assert_eq!(back(&d, "95%"), "95\u{2060}%");
}

#[test]
fn decomposed_text_is_matched_composed_and_spans_are_the_decomposed_bytes() {
    let nfc = "Việt Nam thu hút 20 tỷ USD";
    let src: String = nfc.nfd().collect();
    assert_ne!(src, nfc);
    let d = doc(&src);
    assert_eq!(d.text, nfc);
    let viet_nam: String = "Việt Nam".nfd().collect();
    let ty: String = "tỷ".nfd().collect();
    assert_eq!(back(&d, "Việt Nam"), viet_nam);
    assert_eq!(back(&d, "tỷ"), ty);
    assert_eq!(back(&d, "20 tỷ USD"), format!("20 {ty} USD"));
    // One composed character maps to exactly its three decomposed parts.
    let at = d.text.find('ệ').unwrap();
    assert_eq!(
        &d.source[d.source_range(at..at + 'ệ'.len_utf8())],
        "e\u{323}\u{302}"
    );
}

#[test]
fn emphasis_markers_disappear_and_inner_markup_stays_in_spans() {
    let d = doc("Ngành đã có *gần 200* cuộc tiếp xúc; vốn **36,6** tỷ USD.");
    assert_eq!(
        d.text,
        "Ngành đã có gần 200 cuộc tiếp xúc; vốn 36,6 tỷ USD."
    );
    assert_eq!(back(&d, "gần 200"), "gần 200");
    assert_eq!(back(&d, "36,6 tỷ USD"), "36,6** tỷ USD");
    assert_eq!(back(&d, "36,6"), "36,6");
}

#[test]
fn footnote_markers_are_lifted_and_bodies_found() {
    let src = "Xuất khẩu đạt trên 680 tỷ USD<sup>3</sup>, tăng mạnh.\n\n\
               <sup>3</sup> Số liệu của cơ quan hải quan cho cả năm 2023.\n";
    let d = doc(src);
    assert!(
        !d.text.contains("<sup>") && !d.text.contains("3,"),
        "{:?}",
        d.text
    );
    assert!(
        d.text
            .starts_with("Xuất khẩu đạt trên 680 tỷ USD, tăng mạnh.")
    );
    assert_eq!(d.footnote_refs.len(), 1);
    let m = &d.footnote_refs[0];
    assert_eq!(m.label, 3);
    assert_eq!(&src[m.source_range.clone()], "<sup>3</sup>");
    assert_eq!(&d.text[..m.text_pos], "Xuất khẩu đạt trên 680 tỷ USD");
    // A span across the marker covers it.
    assert_eq!(back(&d, "USD, tăng"), "USD<sup>3</sup>, tăng");

    let body = d.footnote_body(3).expect("footnote body");
    assert_eq!(body.kind, BlockKind::FootnoteBody { label: 3 });
    assert_eq!(
        d.block_text(body),
        "Số liệu của cơ quan hải quan cho cả năm 2023."
    );
    let cites = d.citing_block(3).expect("citing block");
    assert_eq!(cites.kind, BlockKind::Paragraph);
    assert_eq!(d.block_at(m.text_pos), Some(cites));
    assert!(d.footnote_body(4).is_none() && d.citing_block(4).is_none());
}

#[test]
fn bold_only_paragraphs_are_headings_and_set_sections() {
    let long = format!("**{}**", "Một câu rất dài được in đậm toàn bộ. ".repeat(8));
    let src = format!(
        "**I. Tổng quan tình hình**\n\nĐoạn mở đầu.\n\n**1.1 Kinh tế đối ngoại**\n\n\
         Đoạn có 5 số liệu.\n\n**Đậm** nhưng chưa hết đoạn.\n\n{long}\n\n## Phụ lục\n\nCuối."
    );
    let d = doc(&src);
    let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading { level: 1 },
            BlockKind::Paragraph,
            BlockKind::Heading { level: 3 },
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading { level: 2 },
            BlockKind::Paragraph,
        ]
    );
    assert_eq!(d.block_text(&d.blocks[0]), "I. Tổng quan tình hình");
    assert_eq!(d.blocks[0].section, None);
    assert_eq!(d.blocks[1].section, Some(0));
    assert_eq!(d.blocks[2].section, Some(0));
    assert_eq!(d.blocks[3].section, Some(2));
    assert_eq!(
        d.section_heading(&d.blocks[3]),
        Some("1.1 Kinh tế đối ngoại")
    );
    assert_eq!(d.section_heading(&d.blocks[7]), Some("Phụ lục"));
    let at = d.text.find("5 số liệu").unwrap();
    assert_eq!(d.block_at(at), Some(&d.blocks[3]));
    assert_eq!(
        d.blocks
            .windows(2)
            .filter(|w| w[0].range.end + 2 != w[1].range.start)
            .count(),
        0
    );
}

#[test]
fn front_matter_fills_meta_and_is_not_text() {
    let d = doc(
        "---\ntitle: \"Báo cáo đối ngoại\"\ndate: 2024-01-15\npublisher: Ban Đối ngoại\n---\n\nNội dung chính.\n",
    );
    assert_eq!(
        d.meta.date,
        Some(TimePoint::Day {
            year: 2024,
            month: 1,
            day: 15
        })
    );
    assert_eq!(d.meta.title.as_deref(), Some("Báo cáo đối ngoại"));
    assert_eq!(d.meta.publisher.as_deref(), Some("Ban Đối ngoại"));
    assert_eq!(d.text, "Nội dung chính.");
    assert_eq!(back(&d, "chính"), "chính");

    let d = doc("\u{feff}---\r\ndate: '2024'\r\n---\r\n\r\nNăm nay.");
    assert_eq!(d.meta.date, Some(TimePoint::Year(2024)));
    assert_eq!(d.text, "Năm nay.");
}

#[test]
fn invalid_utf8_reports_the_first_bad_byte() {
    let mut bytes = "Năm 2023 đạt".as_bytes().to_vec();
    let bad = bytes.len();
    bytes.extend_from_slice(&[0xC3, 0x28, b'x']);
    bytes.extend_from_slice("tiếp".as_bytes());
    match document::from_bytes("x.txt", &bytes) {
        Err(LoadError::NotUtf8 { path, offset }) => {
            assert_eq!(path, "x.txt");
            assert_eq!(offset, bad);
        }
        other => panic!("expected NotUtf8, got {other:?}"),
    }

    let tmp = temp_dir("utf8");
    let dir = tmp.path();
    let p = dir.join("bad.txt");
    std::fs::write(&p, &bytes).unwrap();
    assert_eq!(
        document::load(&p, "bad.txt").unwrap_err(),
        LoadError::NotUtf8 {
            path: "bad.txt".into(),
            offset: bad
        }
    );
    match document::load(&dir.join("missing.txt"), "missing.txt") {
        Err(LoadError::Io { path, .. }) => assert_eq!(path, "missing.txt"),
        other => panic!("expected Io, got {other:?}"),
    }
}

#[test]
fn nul_near_the_start_is_binary() {
    let bytes = b"PK\x03\x04\x00\x00abc";
    assert_eq!(
        document::from_bytes("a.zip", bytes).unwrap_err(),
        LoadError::Binary {
            path: "a.zip".into(),
            offset: 4
        }
    );
}

#[test]
fn empty_file_is_an_empty_document() {
    let d = document::from_bytes("e.md", b"").unwrap();
    assert_eq!(d.text, "");
    assert!(d.blocks.is_empty() && d.footnote_refs.is_empty());
    assert_eq!(d.source_range(0..0), 0..0);
    assert_eq!(d.source_range(0..10), 0..0);
    assert_eq!(d.line_col(0), (1, 1));
    assert!(d.block_at(0).is_none());

    let d = document::from_bytes("bom.md", "\u{feff}".as_bytes()).unwrap();
    assert_eq!(d.text, "");
    assert!(d.blocks.is_empty());

    let tmp = temp_dir("empty");
    let dir = tmp.path();
    let p = dir.join("e.txt");
    std::fs::write(&p, b"").unwrap();
    assert_eq!(document::load(&p, "e.txt").unwrap().text, "");
}

#[test]
fn load_reads_the_file() {
    let tmp = temp_dir("load");
    let dir = tmp.path();
    let p = dir.join("a.md");
    std::fs::write(&p, "Có **47** chuyến thăm.\n").unwrap();
    let d = document::load(&p, "a.md").unwrap();
    assert_eq!(&*d.path, "a.md");
    assert_eq!(d.text, "Có 47 chuyến thăm.");
}

#[test]
fn lists_and_tables_keep_their_text() {
    let d = doc(
        "- Năm 2022: 120 dự án\n- Năm 2023: 150 dự án\n\n| Chỉ tiêu | Giá trị |\n|---|---|\n| FDI | 36,6 tỷ USD |\n",
    );
    let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(&kinds[..2], &[BlockKind::ListItem, BlockKind::ListItem]);
    assert!(kinds[2..].iter().all(|k| *k == BlockKind::Other));
    assert!(d.text.contains("FDI | 36,6 tỷ USD"), "{:?}", d.text);
    assert_eq!(back(&d, "150 dự án"), "150 dự án");
}

/// A folder for one test's files, removed when the test ends.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("factlint-doc-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn seeds_load_with_structure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: {} not found, seed test skipped", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut saw_000 = false;
    for p in paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let d = document::load(&p, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!d.text.contains("<sup>"), "{name}: <sup> in text");
        assert!(!d.text.contains("**"), "{name}: ** in text");
        assert!(!d.blocks.is_empty(), "{name}: no blocks");
        for b in &d.blocks {
            let r = d.source_range(b.range.clone());
            assert!(r.start <= r.end && r.end <= d.source.len());
        }
        for r in &d.footnote_refs {
            assert!(d.source[r.source_range.clone()].starts_with("<sup>"));
        }
        if name.starts_with("000") {
            saw_000 = true;
            let bodies = d
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::FootnoteBody { .. }))
                .count();
            let headings = d
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
                .count();
            assert!(bodies >= 5, "{name}: {bodies} footnote bodies");
            assert!(headings >= 5, "{name}: {headings} headings");
            assert!(!d.footnote_refs.is_empty());
            for r in &d.footnote_refs {
                assert!(
                    d.footnote_body(r.label).is_some(),
                    "{name}: no body for {}",
                    r.label
                );
                assert!(d.citing_block(r.label).is_some());
            }
            // Bold-only PDF headings, with their numbering level.
            assert!(
                d.blocks
                    .iter()
                    .any(|b| b.kind == BlockKind::Heading { level: 3 }
                        && d.block_text(b).starts_with("1.1"))
            );
            assert_eq!(back(&d, "36,6 tỷ USD"), "36,6 tỷ USD");
        }
    }
    assert!(saw_000, "seed 000 missing from {}", dir.display());
}

/// Pieces that exercise the normaliser and the Markdown walk.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("**".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("<sup>1</sup>".to_string()),
        Just("<sup>".to_string()),
        Just("<br>".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("e\u{323}\u{302}".to_string()),
        Just("\u{301}".to_string()),
        Just("&amp;".to_string()),
        Just("&#7879;".to_string()),
        Just("\\*".to_string()),
        Just("|".to_string()),
        Just("---\n".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("    ".to_string()),
        Just("`".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: ".to_string()),
        Just("\t".to_string()),
        Just("\n<div>".to_string()),
        Just("<td>".to_string()),
        Just("</td>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&nbsp;".to_string()),
        Just("<script>".to_string()),
        Just(" ".to_string()),
        "[a-zđơư0-9,.%]{1,4}",
        any::<char>().prop_map(String::from),
    ]
}

/// Prose without Markdown syntax, composed or decomposed, with invisible characters.
fn prose_piece() -> impl Strategy<Value = String> {
    let nfd = |s: &str| s.nfd().collect::<String>();
    prop_oneof![
        Just("Việt".to_string()),
        Just(nfd("Việt")),
        Just("tỷ".to_string()),
        Just(nfd("tỷ")),
        Just(nfd("đồng")),
        Just("36,6".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("a".to_string()),
    ]
}

/// What the loader does to prose, minus NFC.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect()
}

/// 400 cases unless PROPTEST_CASES asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

fn check_ranges(d: &Document) -> Result<(), TestCaseError> {
    let bounds: Vec<usize> = d
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([d.text.len()])
        .collect();
    let mut last_start = 0;
    for (n, &a) in bounds.iter().enumerate() {
        for &b in &bounds[n..] {
            let r = d.source_range(a..b);
            prop_assert!(
                r.start <= r.end && r.end <= d.source.len(),
                "{a}..{b} -> {r:?}"
            );
            prop_assert!(d.source.is_char_boundary(r.start) && d.source.is_char_boundary(r.end));
        }
        let p = d.source_range(a..a).start;
        prop_assert!(p >= last_start, "not monotone at {a}");
        last_start = p;
        let _ = d.line_col(p);
        let _ = d.block_at(a);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_string_loads_and_maps_within_source(s in "\\PC{0,40}") {
        let d = document::from_bytes("p.md", s.as_bytes()).unwrap();
        check_ranges(&d)?;
    }

    #[test]
    fn markdown_like_strings_load_and_map_within_source(parts in prop::collection::vec(piece(), 0..24)) {
        let s: String = parts.concat();
        match document::from_bytes("p.md", s.as_bytes()) {
            Ok(d) => {
                check_ranges(&d)?;
                for b in &d.blocks {
                    prop_assert!(b.range.start <= b.range.end && b.range.end <= d.text.len());
                    let _ = d.section_heading(b);
                }
                for r in &d.footnote_refs {
                    prop_assert!(r.text_pos <= d.text.len());
                    let _ = d.citing_block(r.label);
                }
            }
            Err(LoadError::Binary { .. }) => prop_assert!(s.contains('\0')),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn each_char_maps_back_to_its_own_source(parts in prop::collection::vec(prose_piece(), 1..200)) {
        let s: String = parts.concat();
        let d = document::from_bytes("p.txt", s.as_bytes()).unwrap();
        let expected: String = clean(&s).nfc().collect();
        prop_assert_eq!(&d.text, expected.trim_matches(' '));
        for (i, c) in d.text.char_indices() {
            let r = d.source_range(i..i + c.len_utf8());
            let back: String = clean(&s[r]).nfc().collect();
            prop_assert_eq!(back, c.to_string());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = document::from_bytes("b.bin", &bytes);
    }
}
