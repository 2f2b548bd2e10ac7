//! Every example `factlint explain` shows is run through the checker: the one that fires
//! gives a finding of its rule, the near miss gives none. What the documentation promises
//! is what the tool does.

use factlint::checks::Checker;
use factlint::engine::Engine;
use factlint::extract::Extractor;
use factlint::inputs;
use factlint::rules::RuleSet;
use factlint::rules::explain::{EXPLANATIONS, ExampleDoc};

/// The rules of the findings the documents give when checked together.
fn rules_found(docs: &[ExampleDoc]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in docs {
        std::fs::write(dir.path().join(name), text).expect("write example");
    }
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let engine = Engine::new(&extractor, &checker);
    let (files, errors) = inputs::collect(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let outcome = engine.run(&files, &[], &[]);
    outcome
        .findings
        .iter()
        .map(|f| f.rule.to_string())
        .collect()
}

#[test]
fn every_example_that_should_fire_fires_and_every_near_miss_is_silent() {
    let mut failures = Vec::new();
    for ex in EXPLANATIONS {
        if !ex.fires.is_empty() {
            let got = rules_found(ex.fires);
            if !got.iter().any(|r| r == ex.id) {
                failures.push(format!("{}: the firing example gave {got:?}", ex.id));
            }
        }
        let got = rules_found(ex.silent);
        if got.iter().any(|r| r == ex.id) {
            failures.push(format!("{}: the near miss gave {got:?}", ex.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
