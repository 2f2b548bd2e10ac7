use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::number::{Grouping, Shape, shape, vietnamese};
use crate::checks::fold::{TonePlace, fold_tone, place_tone, tone_place};
use crate::checks::{Checker, Source};
use crate::document::Document;
use crate::extract::Extractor;
use crate::finding::{Applicability, Edit, Finding};
use crate::rules::RuleSet;

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules")
}

fn source(rules: &RuleSet, path: &str, text: &str) -> Source {
    let doc = Document::from_source(path, text.to_string());
    let claims = Extractor::new(rules).extract(&doc);
    Source {
        doc,
        claims,
        reference: false,
    }
}

fn run(rules: &RuleSet, text: &str) -> Vec<Finding> {
    let ck = Checker::new(rules);
    let mut f = super::check(&ck, &[source(rules, "a.md", text)]);
    crate::finding::sort(&mut f);
    f
}

/// (rule, primary text) of each finding.
fn found(text: &str, findings: &[Finding]) -> Vec<(&'static str, String)> {
    findings
        .iter()
        .map(|f| (f.rule, text[f.primary.span.clone()].to_string()))
        .collect()
}

fn automatic(findings: &[Finding]) -> Vec<&Edit> {
    findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|x| x.applicability == Applicability::Automatic)
        .flat_map(|x| &x.edits)
        .collect()
}

/// Apply every automatic edit, back to front; edits must not overlap.
fn apply_automatic(text: &str, findings: &[Finding]) -> String {
    let mut edits = automatic(findings);
    edits.sort_by_key(|e| std::cmp::Reverse(e.location.span.start));
    for w in edits.windows(2) {
        assert!(
            w[1].location.span.end <= w[0].location.span.start,
            "overlapping edits {:?} and {:?}",
            w[1],
            w[0]
        );
    }
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.location.span.clone(), &e.replacement);
    }
    out
}

/// After the automatic fixes, only findings without one may remain, and the same ones.
fn assert_fixes_settle(rules: &RuleSet, text: &str, what: &str) {
    let before = run(rules, text);
    let fixed = apply_automatic(text, &before);
    let after = run(rules, &fixed);
    let manual = |fs: &[Finding]| -> Vec<(&'static str, String)> {
        fs.iter()
            .filter(|f| {
                f.fix
                    .as_ref()
                    .is_none_or(|x| x.applicability == Applicability::Suggested)
            })
            .map(|f| (f.rule, f.message.en.to_string()))
            .collect()
    };
    assert!(
        automatic(&after).is_empty(),
        "{what}: automatic fixes left after fixing: {:?}\n{fixed}",
        found(&fixed, &after)
    );
    assert_eq!(manual(&before), manual(&after), "{what}\n{fixed}");
    assert_eq!(
        apply_automatic(&fixed, &after),
        fixed,
        "{what}: a second fix changes the text"
    );
}

// --- tone marks --------------------------------------------------------------------------

/// (old placement, new placement) of every open pair and tone.
const PAIRS: &[(&str, &str)] = &[
    ("hòa", "hoà"),
    ("hóa", "hoá"),
    ("hỏa", "hoả"),
    ("hõa", "hoã"),
    ("họa", "hoạ"),
    ("hòe", "hoè"),
    ("lóe", "loé"),
    ("khỏe", "khoẻ"),
    ("nhõe", "nhoẽ"),
    ("họe", "hoẹ"),
    ("tùy", "tuỳ"),
    ("thúy", "thuý"),
    ("thủy", "thuỷ"),
    ("lũy", "luỹ"),
    ("thụy", "thuỵ"),
    ("ủy", "uỷ"),
    ("Ủy", "Uỷ"),
    ("HÒA", "HOÀ"),
    ("Khỏe", "Khoẻ"),
];

#[test]
fn every_tone_pair_is_read_and_moved_both_ways() {
    for &(old, new) in PAIRS {
        assert_eq!(tone_place(old), Some(TonePlace::Old), "{old}");
        assert_eq!(tone_place(new), Some(TonePlace::New), "{new}");
        assert_eq!(
            place_tone(old, TonePlace::New).as_deref(),
            Some(new),
            "{old}"
        );
        assert_eq!(
            place_tone(new, TonePlace::Old).as_deref(),
            Some(old),
            "{new}"
        );
        assert_eq!(
            place_tone(old, TonePlace::Old).as_deref(),
            Some(old),
            "{old}"
        );
        // decomposed input reads the same and gives composed output
        let nfd: String = old.nfd().collect();
        assert_eq!(tone_place(&nfd), Some(TonePlace::Old), "{old} (NFD)");
        assert_eq!(place_tone(&nfd, TonePlace::New).as_deref(), Some(new));
        // the matching key is unchanged: both placements fold together
        assert_eq!(
            fold_tone(&old.to_lowercase()),
            fold_tone(&new.to_lowercase())
        );
    }
}

#[test]
fn words_with_one_placement_are_not_pairs() {
    for w in [
        "quý", "quỳ", "Quý", "qúy", "hoàng", "hoài", "khoảng", "hoặc", "thuở", "mưa", "tuệ",
        "thuyết", "hoa", "uy", "tỉ", "lý", "quả",
    ] {
        assert_eq!(tone_place(w), None, "{w}");
        assert_eq!(place_tone(w, TonePlace::Old), None, "{w}");
    }
    // matching still folds a misplaced mark after q
    assert_eq!(fold_tone("qúy"), "quý");
}

#[test]
fn tone_marks_reported_once_with_counts_and_every_minority_word_fixed() {
    let r = rules();
    let text = "Hòa bình là mục tiêu; hòa hợp dân tộc và hòa giải. Hoà bình lâu dài cần sức khoẻ của nền kinh tế.\n";
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/tone-mark", "Hoà".to_string())]
    );
    assert!(
        f[0].message.en.contains("3 words old-style"),
        "{}",
        f[0].message.en
    );
    assert!(
        f[0].message.en.contains("2 new-style"),
        "{}",
        f[0].message.en
    );
    assert_eq!(
        apply_automatic(text, &f),
        "Hòa bình là mục tiêu; hòa hợp dân tộc và hòa giải. Hòa bình lâu dài cần sức khỏe của nền kinh tế.\n"
    );
    assert!(f[0].related.len() >= 2);
}

#[test]
fn tone_marks_setting_forces_one_placement() {
    let mut r = rules();
    let text = "Hòa bình và hợp tác; các dự án thủy lợi được Ủy ban thông qua.\n";
    assert!(run(&r, text).is_empty(), "one placement, majority mode");
    r.checks.style.tone_marks = "new".to_string();
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/tone-mark", "Hòa".to_string())]
    );
    assert_eq!(
        apply_automatic(text, &f),
        "Hoà bình và hợp tác; các dự án thuỷ lợi được Uỷ ban thông qua.\n"
    );
    r.checks.style.tone_marks = "old".to_string();
    assert!(run(&r, text).is_empty());
}

// --- numbers -----------------------------------------------------------------------------

#[test]
fn number_shapes() {
    let cases = [
        ("193", Shape::Plain),
        ("1700", Shape::Plain),
        ("1.700", Shape::ViGrouped),
        ("3.000.000", Shape::ViGrouped),
        ("1.234,5", Shape::ViGrouped),
        ("1.234.567,89", Shape::ViGrouped),
        ("36,6", Shape::ViDecimal),
        ("0,500", Shape::ViDecimal),
        ("1234,567", Shape::ViDecimal),
        ("36.6", Shape::EnDecimal),
        ("8.02", Shape::EnDecimal),
        ("0.500", Shape::EnDecimal),
        ("1234.567", Shape::EnDecimal),
        ("1.7000", Shape::EnDecimal),
        ("1,700", Shape::Ambiguous),
        ("17,500", Shape::Ambiguous),
        ("1,700,000", Shape::EnGrouped),
        ("1,250.5", Shape::EnGroupedDecimal),
        ("1,234,567.89", Shape::EnGroupedDecimal),
        ("1,2,3", Shape::Other),
        ("1.23.4", Shape::Other),
        ("1.5,3", Shape::Other),
        ("1,23.4", Shape::Other),
    ];
    for (s, want) in cases {
        assert_eq!(shape(s), want, "{s}");
    }
}

#[test]
fn vietnamese_rendering_of_figures() {
    assert_eq!(vietnamese("1700", "", Grouping::Dots), "1.700");
    assert_eq!(vietnamese("17500", "", Grouping::Dots), "17.500");
    assert_eq!(vietnamese("1700000", "", Grouping::Dots), "1.700.000");
    assert_eq!(vietnamese("1250", "5", Grouping::Dots), "1.250,5");
    assert_eq!(vietnamese("36", "6", Grouping::Dots), "36,6");
    assert_eq!(vietnamese("999", "", Grouping::Dots), "999");
    assert_eq!(vietnamese("1700000", "", Grouping::None), "1700000");
}

#[test]
fn english_numbers_get_value_keeping_fixes() {
    let r = rules();
    let text = "Vốn FDI đạt 36.6 tỷ USD; có 1,700,000 người; kim ngạch 1,250.5 triệu USD; cam kết 17,500 tỷ đồng.\n";
    let f = run(&r, text);
    let got: Vec<(String, Option<Applicability>, Vec<String>)> = f
        .iter()
        .map(|x| {
            (
                text[x.primary.span.clone()].to_string(),
                x.fix.as_ref().map(|y| y.applicability),
                x.fix
                    .iter()
                    .flat_map(|y| y.edits.iter().map(|e| e.replacement.clone()))
                    .collect(),
            )
        })
        .collect();
    use Applicability::{Automatic, Suggested};
    assert_eq!(
        got,
        vec![
            ("36.6".into(), Some(Automatic), vec!["36,6".into()]),
            (
                "1,700,000".into(),
                Some(Automatic),
                vec!["1.700.000".into()]
            ),
            ("1,250.5".into(), Some(Automatic), vec!["1.250,5".into()]),
            ("17,500".into(), Some(Suggested), vec!["17.500".into()]),
        ]
    );
}

#[test]
fn english_figures_follow_an_ungrouped_document() {
    let r = rules();
    // three ungrouped figures: the English one is rewritten without dots
    let text =
        "Có 4500 đại biểu, 2800 khách mời và 3500 phóng viên; tổng cộng 1,250,000 lượt truy cập.\n";
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/number-format", "1,250,000".into())]
    );
    assert_eq!(
        apply_automatic(text, &f),
        "Có 4500 đại biểu, 2800 khách mời và 3500 phóng viên; tổng cộng 1250000 lượt truy cập.\n"
    );
}

#[test]
fn spaced_groups_are_one_figure_and_only_suggested() {
    let r = rules();
    let text = "Có 12 500 người tham dự, cùng 1.200 tình nguyện viên và 3.400 khách mời.\n";
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/number-format", "12 500".into())]
    );
    let fix = f[0].fix.as_ref().expect("fix");
    assert_eq!(fix.applicability, Applicability::Suggested);
    assert_eq!(fix.edits[0].replacement, "12.500");
    // a non-breaking space is clearly one figure: applied
    let nbsp = text.replace("12 500", "12\u{A0}500");
    let f = run(&r, &nbsp);
    let fix = f[0].fix.as_ref().expect("fix");
    assert_eq!(fix.applicability, Applicability::Automatic);
    assert_eq!(&nbsp[fix.edits[0].location.span.clone()], "12\u{A0}500");
}

#[test]
fn years_dates_and_versions_are_not_numbers_to_fix() {
    let r = rules();
    let text = "Năm 2023, giai đoạn 2021-2025, ngày 15/6/2023 và phiên bản 4.0 của đề án; mục 2.1.4 nêu 1.700 tỷ USD.\n";
    assert!(
        run(&r, text).is_empty(),
        "{:?}",
        found(text, &run(&r, text))
    );
}

#[test]
fn a_figure_inside_a_web_address_is_left_alone() {
    let r = rules();
    let text =
        "Số liệu tại https://example.vn/so-lieu?gia-tri=36.6 tỷ USD; còn lại đạt 12.5 tỷ USD.\n";
    assert_eq!(
        found(text, &run(&r, text)),
        vec![("style/number-format", "12.5".into())]
    );
}

// --- dates -------------------------------------------------------------------------------

#[test]
fn date_separators_rewritten_to_the_majority() {
    let r = rules();
    let text = "Kết luận ngày 12-8-2021, nghị quyết ngày 9/1/2023 và kế hoạch ngày 15/6/2023; chuyến thăm 10-11/9/2023.\n";
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/date-format", "12-8-2021".into())]
    );
    assert_eq!(
        apply_automatic(text, &f),
        text.replace("12-8-2021", "12/8/2021")
    );
}

#[test]
fn date_padding_setting() {
    let mut r = rules();
    let text = "Hội nghị ngày 7/9/2023, lễ ký ngày 5/2/2024 và phiên họp ngày 15/6/2023.\n";
    assert!(run(&r, text).is_empty());
    r.checks.style.date_padding = "padded".to_string();
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![("style/date-format", "7/9/2023".into())]
    );
    // the day and the months 1 and 2 take a zero; month 9 keeps its form
    assert_eq!(
        apply_automatic(text, &f),
        "Hội nghị ngày 07/9/2023, lễ ký ngày 05/02/2024 và phiên họp ngày 15/6/2023.\n"
    );
    r.checks.style.date_padding = "unpadded".to_string();
    let padded = "Hội nghị ngày 07/9/2023 và lễ ký ngày 05/02/2024.\n";
    let f = run(&r, padded);
    assert_eq!(
        apply_automatic(padded, &f),
        "Hội nghị ngày 7/9/2023 và lễ ký ngày 5/2/2024.\n"
    );
}

#[test]
fn a_day_and_month_without_a_year_is_not_counted_for_zeros() {
    let r = rules();
    let text =
        "Hội nghị ngày 07/9/2023 và ngày 05/12/2023 đã chuẩn bị cho lễ kỷ niệm Quốc khánh 2/9.\n";
    assert!(
        run(&r, text).is_empty(),
        "{:?}",
        found(text, &run(&r, text))
    );
    // with a year it counts
    let text = "Hội nghị ngày 07/9/2023 và ngày 05/12/2023, lễ kỷ niệm ngày 2/9/2023.\n";
    assert_eq!(
        found(text, &run(&r, text)),
        vec![("style/date-format", "2/9/2023".into())]
    );
}

// --- terms -------------------------------------------------------------------------------

#[test]
fn terms_match_whole_words_and_names_by_case() {
    let r = rules();
    let text = "Các tỉnh chuẩn bị tỉ mỉ; tỉ lệ tăng. Liên Hiệp Quốc, LIÊN HIỆP QUỐC và Mỹ Latinh; covid-19.\n";
    let f = run(&r, text);
    assert_eq!(
        found(text, &f),
        vec![
            ("style/term", "tỉ".into()),
            ("style/term", "Liên Hiệp Quốc".into()),
            ("style/term", "covid-19".into()),
        ]
    );
}

#[test]
fn term_fix_keeps_a_capital_and_wording_changes_are_suggested() {
    let r = rules();
    let text = "Tỉ lệ tăng; GDP vượt 400 tỉ đô la Mỹ.\n";
    let f = run(&r, text);
    let fixes: Vec<(String, Applicability)> = f
        .iter()
        .filter_map(|x| x.fix.as_ref())
        .map(|x| (x.edits[0].replacement.clone(), x.applicability))
        .collect();
    assert_eq!(
        fixes,
        vec![
            ("Tỷ".into(), Applicability::Automatic),
            ("tỷ".into(), Applicability::Automatic),
            ("USD".into(), Applicability::Suggested),
        ]
    );
    assert_eq!(
        apply_automatic(text, &f),
        "Tỷ lệ tăng; GDP vượt 400 tỷ đô la Mỹ.\n"
    );
}

#[test]
fn currency_in_words_allowed_by_setting() {
    let mut r = rules();
    r.checks.style.currency = "words".to_string();
    let text = "GDP vượt 400 tỉ đô la Mỹ.\n";
    assert_eq!(
        found(text, &run(&r, text)),
        vec![("style/term", "tỉ".into())]
    );
}

#[test]
fn a_term_with_markup_inside_is_reported_without_a_fix() {
    let r = rules();
    let text = "Công ước của Liên **hiệp** quốc về Luật biển.\n";
    let f = run(&r, text);
    assert_eq!(f.len(), 1);
    assert!(f[0].fix.is_none());
}

// --- NFD, settings, references -------------------------------------------------------------

#[test]
fn nfd_source_gets_edits_on_its_own_bytes() {
    let r = rules();
    let nfc = "Công ước của Liên hiệp quốc bảo đảm hòa bình; hòa hợp và hoà giải. GDP vượt 400 tỉ USD, có 1300 tỷ USD và 1.700 tỷ USD.\n";
    let nfd: String = nfc.nfd().collect();
    let f = run(&r, &nfd);
    let got: Vec<(&str, String)> = f
        .iter()
        .map(|x| {
            (
                x.rule,
                nfd[x.primary.span.clone()].nfc().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("style/term", "Liên hiệp quốc".to_string()),
            ("style/tone-mark", "hoà".to_string()),
            ("style/term", "tỉ".to_string()),
            ("style/number-format", "1300".to_string()),
        ]
    );
    for e in automatic(&f) {
        assert!(nfd.is_char_boundary(e.location.span.start));
        assert!(nfd.is_char_boundary(e.location.span.end));
        assert!(
            unicode_normalization::is_nfd(&e.replacement),
            "{:?}",
            e.replacement
        );
    }
    let fixed = apply_automatic(&nfd, &f);
    let want = "Công ước của Liên hợp quốc bảo đảm hòa bình; hòa hợp và hòa giải. GDP vượt 400 tỷ USD, có 1.300 tỷ USD và 1.700 tỷ USD.\n";
    assert_eq!(fixed, want.nfd().collect::<String>());
    assert!(run(&r, &fixed).is_empty());
}

#[test]
fn rules_turned_off_and_references_report_nothing() {
    let mut r = rules();
    let text =
        "Liên hiệp quốc; hòa bình, hòa hợp, hoà giải; 36.6 tỷ USD; ngày 12-8-2021 và 9/1/2023.\n";
    assert_eq!(run(&r, text).len(), 4);
    let ck = Checker::new(&r);
    let mut reference = source(&r, "ref.md", text);
    reference.reference = true;
    assert!(super::check(&ck, &[reference]).is_empty());
    for id in [
        "style/term",
        "style/tone-mark",
        "style/number-format",
        "style/date-format",
    ] {
        r.checks.severity.insert(id.to_string(), "off".to_string());
    }
    assert!(run(&r, text).is_empty());
}

// --- idempotence ---------------------------------------------------------------------------

fn fixture_docs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            fixture_docs(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

#[test]
fn automatic_fixes_of_every_style_fixture_settle_in_one_pass() {
    let r = rules();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/style");
    let mut docs = Vec::new();
    fixture_docs(&root, &mut docs);
    docs.sort();
    assert!(docs.len() >= 28, "{} fixture documents", docs.len());
    let mut fixed_any = 0;
    for p in &docs {
        let text = std::fs::read_to_string(p).expect("fixture");
        if !automatic(&run(&r, &text)).is_empty() {
            fixed_any += 1;
        }
        assert_fixes_settle(&r, &text, &p.display().to_string());
    }
    assert!(fixed_any >= 12, "{fixed_any} fixtures have automatic fixes");
}

#[test]
fn automatic_fixes_of_all_rules_together_settle() {
    let r = rules();
    let text = "\
Công ước của Liên hiệp quốc; hòa bình, hòa hợp và hoà giải, sức khoẻ. Vốn đạt 36.6 tỷ USD, \
thương mại từ 1.700 tỷ USD xuống 1300 tỷ USD, cam kết 17,500 tỷ đồng và 1,250,000 lượt khách. \
Tỉ lệ tăng; GDP vượt 400 tỉ đô la Mỹ; Mỹ Latin, COP 26.\n\n\
Kết luận ngày 12-8-2021, nghị quyết ngày 9/1/2023, kế hoạch ngày 15/6/2023, hội nghị ngày 07/9/2023 \
và tháng 2-2023, tháng 7/2023.\n";
    let rules_hit: std::collections::BTreeSet<&str> =
        run(&r, text).iter().map(|f| f.rule).collect();
    assert_eq!(rules_hit.len(), 4, "{rules_hit:?}");
    assert_fixes_settle(&r, text, "combined");
    let mut forced = rules();
    forced.checks.style.tone_marks = "new".to_string();
    forced.checks.style.date_padding = "padded".to_string();
    assert_fixes_settle(&forced, text, "combined, forced settings");
}

/// Timing on a large input: `FACTLINT_STYLE_BENCH=FILE cargo test --release --lib
/// large_input -- --ignored --nocapture` (the seeds repeated to 20 MB: well under a second).
#[test]
#[ignore = "timing, run by hand"]
fn style_rules_on_a_large_input() {
    let Ok(path) = std::env::var("FACTLINT_STYLE_BENCH") else {
        return;
    };
    let r = rules();
    let text = std::fs::read_to_string(path).expect("bench file");
    let t0 = std::time::Instant::now();
    let s = source(&r, "big.md", &text);
    let t1 = std::time::Instant::now();
    let ck = Checker::new(&r);
    let f = super::check(&ck, &[s]);
    let t2 = std::time::Instant::now();
    let s = source(&r, "big.md", &text);
    let sev = crate::finding::Severity::Warning;
    let a = std::time::Instant::now();
    let n = super::number::check(&s, sev).len();
    let b = std::time::Instant::now();
    let d = super::date::check(&ck, &s, sev).len();
    let c = std::time::Instant::now();
    let m = super::term::Matcher::new(&ck);
    let tm = m.check(&s.doc, sev).len();
    let e = std::time::Instant::now();
    let to = super::tone::check(&ck, &s.doc, sev).is_some();
    let g = std::time::Instant::now();
    eprintln!(
        "number {:?} ({n}), date {:?} ({d}), term {:?} ({tm}), tone {:?} ({to})",
        b - a,
        c - b,
        e - c,
        g - e
    );
    eprintln!(
        "{} bytes: load+extract {:?}, style {:?}, {} findings",
        text.len(),
        t1 - t0,
        t2 - t1,
        f.len()
    );
}

fn words_of(t: &str, each: fn(&str, &mut dyn FnMut(usize, usize))) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each(t, &mut |a, b| out.push((a, b)));
    out
}

/// The word scan gives the words the one-state scan and the two-loop scan by
/// characters gave, on every text of the project, on a text of every code point (and of
/// every code point between two letters) and on odd ones.
#[test]
fn word_scan_is_the_one_state_scan() {
    let mut texts = crate::testing::project_texts();
    assert!(texts.len() > 100, "only {} texts", texts.len());
    texts.push((0..=0x10_ffffu32).filter_map(char::from_u32).collect());
    texts.push(
        (0..=0x10_ffffu32)
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c, 'ế', c])
            .collect(),
    );
    texts.extend(
        [
            "",
            "a",
            "ế",
            "×",
            " Việt Nam, 12 tỉnh…",
            "5×3 a÷b Ã× ÷ế ×ỹ",
            "Vie\u{302}\u{323}t Nam",
            "tỉnh\u{a0}Long\u{200b}An\u{feff}x\u{ad}y",
            "một\r\nhai\r\n",
            "99999999999999999999999 1.700,5",
            "ᾼ᾽ι ẞ Ḁ ỿ ἀ",
        ]
        .map(String::from),
    );
    let mut n = 0;
    for t in &texts {
        let fast = words_of(t, |t, f| super::for_each_word(t, f));
        assert_eq!(fast, words_of(t, |t, f| super::for_each_word_slow(t, f)));
        assert_eq!(
            fast,
            words_of(t, |t, f| super::for_each_word_by_chars(t, f))
        );
        n += fast.len();
    }
    assert!(n > 50_000, "{n}");
}

/// The bit tables of the term list say what the sorted lists say, for every ASCII key
/// and second character, and for others after an ASCII key.
#[test]
fn term_bits_agree_with_the_term_lists() {
    let ck = Checker::new(&rules());
    let m = super::term::Matcher::new(&ck);
    let mut seconds: Vec<Option<char>> = (0..128u8).map(|b| Some(char::from(b))).collect();
    seconds.extend("àáảãạăđêôơưỷỳỉìíĩịợờớởỡ ".chars().map(Some));
    seconds.extend((0x80..0x2000u32).filter_map(char::from_u32).map(Some));
    seconds.push(None);
    let mut listed = 0;
    for k in (0..128u8).map(char::from) {
        for &d in &seconds {
            let fast = m.listed(k, d);
            assert_eq!(fast, m.listed_slow(k, d), "{k:?} {d:?}");
            listed += usize::from(fast);
        }
    }
    assert!(listed > 10, "{listed}");
}
