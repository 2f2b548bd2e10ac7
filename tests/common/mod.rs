//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use factlint::claim::{Bound, Claim, Kind, Value};
use factlint::document::{self, Document};
use factlint::extract::Extractor;
use factlint::rules::RuleSet;

pub fn extractor() -> Extractor {
    Extractor::new(&RuleSet::embedded().expect("embedded rules parse"))
}

pub fn doc(text: &str) -> Document {
    document::from_bytes("test.md", text.as_bytes()).expect("test text is UTF-8")
}

pub fn claims(text: &str) -> (Document, Vec<Claim>) {
    let d = doc(text);
    let c = extractor().extract(&d);
    (d, c)
}

/// The claim whose original text is exactly `text`.
pub fn find<'a>(d: &Document, cs: &'a [Claim], text: &str) -> &'a Claim {
    cs.iter()
        .find(|c| &d.source[c.span.clone()] == text)
        .unwrap_or_else(|| {
            let seen: Vec<&str> = cs.iter().map(|c| &d.source[c.span.clone()]).collect();
            panic!("no claim {text:?}; found {seen:?}")
        })
}

pub fn number(c: &Claim) -> f64 {
    match c.value {
        Value::Number(n) => n,
        Value::Time(t) => panic!("expected a number, got {t:?}"),
    }
}

pub fn iso(c: &Claim) -> String {
    match c.value {
        Value::Time(t) => t.iso(),
        Value::Number(n) => panic!("expected a time, got {n}"),
    }
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= b.abs() * 1e-9 + 1e-9
}

pub fn assert_claim(
    text: &str,
    claim_text: &str,
    kind: Kind,
    value: f64,
    bound: Bound,
    unit: Option<&str>,
) {
    let (d, cs) = claims(text);
    let c = find(&d, &cs, claim_text);
    assert_eq!(c.kind, kind, "kind of {claim_text:?} in {text:?}");
    assert!(
        close(number(c), value),
        "value of {claim_text:?}: {} != {value}",
        number(c)
    );
    assert_eq!(c.bound, bound, "bound of {claim_text:?}");
    assert_eq!(c.unit.as_deref(), unit, "unit of {claim_text:?}");
}

/// The texts of all claims found in `text`.
pub fn claim_texts(text: &str) -> Vec<String> {
    let (d, cs) = claims(text);
    cs.iter()
        .map(|c| d.source[c.span.clone()].to_string())
        .collect()
}

/// `../shared` beside the checkout, when present.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared is absent; skipping the tests that read it");
        None
    }
}
