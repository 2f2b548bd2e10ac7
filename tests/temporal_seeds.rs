//! `temporal/invalid-date` and `temporal/duration-mismatch` over the four real statements
//! in ../shared/seeds: they hold no impossible date and no period of the wrong length,
//! so neither rule may report anything there. The seeds do hold durations written beside
//! their periods (`hai năm 2022-2023`, `75 năm Ngày truyền thống (1/11/1949-1/11/2024)`)
//! that the check links and finds consistent. Skipped, with a note, where ../shared is
//! absent.

mod common;

use factlint::checks::Checker;
use factlint::claim::{Kind, Value};
use factlint::engine::Engine;
use factlint::extract::Extractor;
use factlint::inputs;
use factlint::rules::RuleSet;

#[test]
fn seeds_give_no_invalid_date_and_no_duration_mismatch() {
    let Some(shared) = common::shared() else {
        return;
    };
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let engine = Engine {
        keep_claims: true,
        ..Engine::new(&extractor, &checker)
    };
    let (files, errors) = inputs::collect(&[shared.join("seeds")]);
    let o = engine.run(&files, &[], &errors);
    assert_eq!(o.sources.len(), 4, "four seeds");
    // what the rules look at is there: date ranges and durations
    let ranges = o
        .sources
        .iter()
        .flat_map(|s| &s.claims)
        .filter(|c| matches!(c.value, Value::Time(t) if t.end.is_some()))
        .count();
    let durations = o
        .sources
        .iter()
        .flat_map(|s| &s.claims)
        .filter(|c| c.kind == Kind::Duration)
        .count();
    eprintln!("seeds: {ranges} date ranges, {durations} durations");
    assert!(ranges >= 20 && durations >= 20);
    let ours: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.rule == "temporal/invalid-date" || f.rule == "temporal/duration-mismatch")
        .map(|f| {
            format!(
                "{} {}:{:?} {}",
                f.rule, f.primary.file, f.primary.span, f.message.vi
            )
        })
        .collect();
    assert!(
        ours.is_empty(),
        "false findings on the seeds:\n{}",
        ours.join("\n")
    );
}
