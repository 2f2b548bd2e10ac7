//! One figure, date or citation restated by many documents: the cross-document checks
//! bucket what the documents state and sweep them once (no pair-by-pair comparison), and a
//! finding names at most `MAX_RELATED` other places with a note counting exactly the rest.

use factlint::checks::{Checker, Source};
use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::finding::{Finding, MAX_RELATED, more_places_note};
use factlint::rules::RuleSet;

/// `Checker::check` over documents `d00.md`, `d01.md`, ... with the given texts.
fn check(texts: &[String]) -> Vec<Finding> {
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let doc = Document::from_source(&format!("d{k:02}.md"), t.clone());
            let claims = extractor.extract(&doc);
            Source {
                doc,
                claims,
                reference: false,
            }
        })
        .collect();
    checker.check(&sources)
}

/// The findings of `rule` by the index of their document.
fn by_doc<'f>(findings: &'f [Finding], rule: &str) -> Vec<(usize, &'f Finding)> {
    let mut out: Vec<(usize, &Finding)> = findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let k = f.primary.file[1..3].parse().expect("d<k>.md");
            (k, f)
        })
        .collect();
    out.sort_by_key(|(k, _)| *k);
    out
}

/// Each document is reported against the earlier ones (path order, no dates) that
/// disagree with it: at most `MAX_RELATED` named, the first ones in path order, the rest
/// counted.
fn assert_capped(found: &[(usize, &Finding)], disagree: impl Fn(usize, usize) -> bool, n: usize) {
    let expected: Vec<usize> = (0..n).filter(|&k| (0..k).any(|j| disagree(j, k))).collect();
    let got: Vec<usize> = found.iter().map(|(k, _)| *k).collect();
    assert_eq!(got, expected);
    for (k, f) in found {
        let others: Vec<String> = (0..*k)
            .filter(|&j| disagree(j, *k))
            .map(|j| format!("d{j:02}.md"))
            .collect();
        let named: Vec<&str> = f.related.iter().map(|r| &*r.location.file).collect();
        let shown = others.len().min(MAX_RELATED);
        assert_eq!(named, others[..shown], "document {k}");
        let note = more_places_note(others.len() - shown);
        assert_eq!(
            f.notes.contains(&note),
            others.len() > MAX_RELATED,
            "document {k}: {:?}",
            f.notes
        );
    }
}

#[test]
fn a_figure_with_many_values_names_eight_places_and_counts_the_rest() {
    let n = 14;
    // a value of its own in each document
    let texts: Vec<String> = (0..n)
        .map(|k| format!("Năm 2023, vốn FDI đạt {},5 tỷ USD.\n", 20 + 2 * k))
        .collect();
    let found = check(&texts);
    let found = by_doc(&found, "cross-source/value-mismatch");
    assert_capped(&found, |_, _| true, n);
}

#[test]
fn a_figure_restated_by_most_documents_is_reported_on_the_others_only_against_it() {
    let n = 20;
    // every fourth document gives another value; the others agree with each other
    let value = |k: usize| if k % 4 == 3 { "31,5" } else { "36,6" };
    let texts: Vec<String> = (0..n)
        .map(|k| format!("Năm 2023, vốn FDI đạt {} tỷ USD.\n", value(k)))
        .collect();
    let found = check(&texts);
    let found = by_doc(&found, "cross-source/value-mismatch");
    assert_capped(&found, |j, k| value(j) != value(k), n);
}

#[test]
fn figures_that_agree_give_no_finding_however_many() {
    let texts: Vec<String> = (0..30)
        .map(|_| "Năm 2023, vốn FDI đạt 36,6 tỷ USD.\n".to_string())
        .collect();
    let found = check(&texts);
    assert!(
        by_doc(&found, "cross-source/value-mismatch").is_empty(),
        "{found:#?}"
    );
}

fn visit(day: usize) -> String {
    format!(
        "Ngày {day}/12/2023, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình tại Hà Nội.\n"
    )
}

#[test]
fn an_event_dated_many_ways_names_eight_places_and_counts_the_rest() {
    let n = 12;
    let day = |k: usize| if k.is_multiple_of(2) { 12 } else { 14 };
    let texts: Vec<String> = (0..n).map(|k| visit(day(k))).collect();
    let found = check(&texts);
    let found = by_doc(&found, "temporal/date-mismatch");
    assert_capped(&found, |j, k| day(j) != day(k), n);
}

#[test]
fn an_event_dated_alike_everywhere_gives_no_finding() {
    let texts: Vec<String> = (0..20).map(|_| visit(12)).collect();
    let found = check(&texts);
    assert!(by_doc(&found, "temporal/date-mismatch").is_empty());
}

fn citing(day: usize) -> String {
    format!(
        "Thực hiện Nghị quyết số 57-NQ/TW ngày {day}/12/2024 của Bộ Chính trị, tỉnh đã ban hành kế hoạch.\n"
    )
}

#[test]
fn a_citation_dated_two_ways_is_reported_on_the_less_supported_date() {
    // twelve documents give the 22nd, two the 23rd: the two are the outliers, each
    // reported against all twelve (eight named, four counted)
    let day = |k: usize| if k % 5 == 4 { 23 } else { 22 };
    let n = 14;
    let texts: Vec<String> = (0..n).map(|k| citing(day(k))).collect();
    let found = check(&texts);
    let found = by_doc(&found, "reference/mismatch");
    let outliers: Vec<usize> = found.iter().map(|(k, _)| *k).collect();
    assert_eq!(outliers, [4, 9]);
    for (_, f) in &found {
        assert_eq!(f.related.len(), MAX_RELATED);
        let others = (0..n).filter(|&k| day(k) == 22).count();
        assert!(f.notes.contains(&more_places_note(others - MAX_RELATED)));
        assert!(f.related.iter().all(|r| &*r.location.file != "d04.md"));
    }
}

#[test]
fn a_citation_dated_alike_everywhere_gives_no_finding() {
    let texts: Vec<String> = (0..20).map(|_| citing(22)).collect();
    let found = check(&texts);
    assert!(by_doc(&found, "reference/mismatch").is_empty());
}

/// Every fixture document checked as one run, again and again: the same findings each
/// time. Hash maps iterate in a new order in each run, and once decided which other value
/// a finding's message named (the fixtures hold many FDI figures of 2023).
#[test]
fn a_run_over_many_documents_gives_the_same_findings_every_time() {
    fn texts(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("fixtures folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                texts(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(std::fs::read_to_string(&p).expect("fixture text"));
            }
        }
    }
    let mut all = Vec::new();
    texts(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut all,
    );
    assert!(all.len() > 200, "{} fixture documents", all.len());
    let first = format!("{:?}", check(&all));
    for _ in 0..6 {
        assert_eq!(format!("{:?}", check(&all)), first);
    }
}

/// A run drops each document's normalised text and claims once they are summarised for
/// the checks, and finds exactly what `Checker::check` finds over the full documents:
/// a value, a visit date and a citation restated differently, each across documents.
#[test]
fn a_run_releases_each_document_and_finds_what_a_full_check_finds() {
    let texts = [
        "Năm 2023, vốn FDI đạt 36,6 tỷ USD. Ngày 10/9/2023, Tổng thống Hoa Kỳ Joe Biden thăm \
         cấp Nhà nước Việt Nam. Theo Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị.\n",
        "Năm 2023, vốn FDI đạt 31,5 tỷ USD. Ngày 11/9/2023, Tổng thống Hoa Kỳ Joe Biden thăm \
         cấp Nhà nước Việt Nam. Theo Nghị quyết số 34-NQ/TW ngày 19/1/2023 của Bộ Chính trị.\n",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    for (k, t) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("d{k:02}.md")), t).expect("write");
    }
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let engine = factlint::engine::Engine::new(&extractor, &checker);
    let (files, errors) = factlint::inputs::collect(&[dir.path().to_path_buf()]);
    let run = engine.run(&files, &[], &errors);
    assert_eq!(run.sources.len(), 2);
    for s in &run.sources {
        assert!(
            s.claims.is_empty() && s.doc.text.is_empty(),
            "{} released",
            s.doc.path
        );
        assert!(!s.doc.source.is_empty(), "the source stays for reporting");
    }
    let (files_checked, claims) = run.totals();
    assert_eq!(files_checked, 2);
    assert!(claims >= 6, "claims counted before release: {claims}");

    let full: Vec<Source> = run
        .sources
        .iter()
        .map(|s| {
            let doc = Document::from_source(&s.doc.path, s.doc.source.clone());
            let claims = extractor.extract(&doc);
            Source {
                doc,
                claims,
                reference: false,
            }
        })
        .collect();
    let expected = checker.check(&full);
    let rules_found: std::collections::BTreeSet<&str> =
        run.findings.iter().map(|f| f.rule).collect();
    for rule in [
        "cross-source/value-mismatch",
        "temporal/date-mismatch",
        "reference/mismatch",
    ] {
        assert!(rules_found.contains(rule), "{rule} in {rules_found:?}");
    }
    assert_eq!(format!("{:?}", run.findings), format!("{expected:?}"));
}
