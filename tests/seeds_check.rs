//! `check` over the four real statements in ../shared/seeds: what a careful editor would
//! agree with. Skipped, with a note, where ../shared is absent.

mod common;

use factlint::checks::Checker;
use factlint::engine::{Engine, Outcome};
use factlint::extract::Extractor;
use factlint::finding::Severity;
use factlint::inputs;
use factlint::rules::RuleSet;

fn run() -> Option<Outcome> {
    let dir = common::shared()?.join("seeds");
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let engine = Engine {
        extractor: &extractor,
        checker: &checker,
        default_date: None,
        progress: None,
    };
    let (files, errors) = inputs::collect(&[dir]);
    Some(engine.run(&files, &[], &errors))
}

fn text(o: &Outcome, f: &factlint::finding::Finding) -> String {
    let s = o
        .sources
        .iter()
        .find(|s| s.doc.path == f.primary.file)
        .expect("source");
    s.doc.source[f.primary.span.clone()].to_string()
}

#[test]
fn seed_findings_are_listed_and_the_193_subject_mismatch_is_found() {
    let Some(o) = run() else { return };
    for f in &o.findings {
        eprintln!(
            "{} {} {}:{:?} «{}» {}",
            f.severity.as_str(),
            f.rule,
            f.primary.file,
            f.primary.span,
            text(&o, f),
            f.message.vi
        );
    }
    assert!(
        o.findings
            .iter()
            .any(|f| f.rule == "cross-source/subject-mismatch"
                && f.severity == Severity::Warning
                && text(&o, f).contains("193")),
        "193 quốc gia vs 193 nước và vùng lãnh thổ"
    );
}
