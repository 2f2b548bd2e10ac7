//! The fixture cases under tests/fixtures/<family>/<rule>/<case>/: the documents of a case
//! are checked together (its `reference/` folder as trusted references), and the findings
//! must be exactly those its `expected.toml` lists, by rule, severity, file and the text of
//! the primary span. Compared are the rules of the case's family (`cross-source/...` for a
//! case under `cross-source/`) and every rule its `expected.toml` names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use factlint::checks::Checker;
use factlint::engine::Engine;
use factlint::extract::Extractor;
use factlint::inputs;
use factlint::rules::RuleSet;

/// Rules whose fixtures exist; findings of other rules are not compared.
const IN_SCOPE: &[&str] = &[
    "cross-source/value-mismatch",
    "cross-source/scale-mismatch",
    "cross-source/subject-mismatch",
    "temporal/stock-decrease",
    "temporal/date-mismatch",
    "reference/mismatch",
    "reference/format",
    "arithmetic/sum",
    "arithmetic/delta",
    "arithmetic/percent-change",
    "arithmetic/ratio",
    "arithmetic/part-exceeds-whole",
    "arithmetic/comparison",
    "temporal/invalid-date",
    "temporal/duration-mismatch",
    "enumeration/count-mismatch",
    "enumeration/sequence-gap",
    "enumeration/footnote",
    "style/number-format",
    "style/date-format",
    "style/term",
    "style/tone-mark",
];

#[derive(Debug, serde::Deserialize)]
struct Expected {
    #[serde(default)]
    finding: Vec<ExpectedFinding>,
}

#[derive(Debug, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct ExpectedFinding {
    rule: String,
    severity: String,
    file: String,
    text: String,
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.join("expected.toml").is_file() {
            out.push(p);
        } else if p.is_dir() {
            cases(&p, out);
        }
    }
}

/// The findings of one case as (rule, severity, file relative to the case, primary text).
fn run_case(case: &Path, scope: &BTreeSet<String>) -> BTreeSet<(String, String, String, String)> {
    let rules = RuleSet::embedded().expect("rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let engine = Engine::new(&extractor, &checker);
    let mut files = Vec::new();
    let mut refs = Vec::new();
    for entry in std::fs::read_dir(case).expect("case folder").flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "md") {
            files.push(p);
        } else if p.is_dir() && p.file_name().is_some_and(|n| n == "reference") {
            refs.push(p);
        }
    }
    let (files, _) = inputs::collect(&files);
    let (refs, _) = inputs::collect(&refs);
    let outcome = engine.run(&files, &refs, &[]);
    outcome
        .findings
        .iter()
        .filter(|f| IN_SCOPE.contains(&f.rule) && scope.contains(f.rule))
        .map(|f| {
            let source = outcome
                .sources
                .iter()
                .find(|s| s.doc.path == f.primary.file)
                .expect("source");
            let text = source
                .doc
                .source
                .get(f.primary.span.clone())
                .unwrap_or_default()
                .to_string();
            let rel = Path::new(&*f.primary.file)
                .strip_prefix(case)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| f.primary.file.to_string());
            (
                f.rule.to_string(),
                f.severity.as_str().to_string(),
                rel,
                text,
            )
        })
        .collect()
}

#[test]
fn every_fixture_case_gives_exactly_its_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    cases(&root, &mut all);
    assert!(!all.is_empty(), "no fixture cases under {}", root.display());
    let mut failures = Vec::new();
    let mut per_rule: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for case in &all {
        let text = std::fs::read_to_string(case.join("expected.toml")).expect("expected.toml");
        let expected: Expected =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let want: BTreeSet<(String, String, String, String)> = expected
            .finding
            .into_iter()
            .map(|f| (f.rule, f.severity, f.file, f.text))
            .collect();
        let family = case
            .strip_prefix(&root)
            .ok()
            .and_then(|p| p.components().next())
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        let mut scope: BTreeSet<String> = IN_SCOPE
            .iter()
            .filter(|r| r.split('/').next() == Some(family.as_str()))
            .map(|r| r.to_string())
            .collect();
        scope.extend(want.iter().map(|w| w.0.clone()));
        let got = run_case(case, &scope);
        let rule = case
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let entry = per_rule.entry(rule).or_default();
        entry.1 += 1;
        if got == want {
            entry.0 += 1;
        } else {
            let rel = case
                .strip_prefix(&root)
                .unwrap_or(case)
                .display()
                .to_string();
            failures.push(format!(
                "{rel}\n    expected {want:?}\n    got      {got:?}"
            ));
        }
    }
    for (rule, (ok, n)) in &per_rule {
        eprintln!("fixtures {rule}: {ok}/{n} cases pass");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
