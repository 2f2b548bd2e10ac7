//! The whole check on up to three documents cut from the input at 0xFF bytes (never in
//! UTF-8): never a panic, every finding's spans inside its file on character boundaries,
//! and the same findings whatever the order of the documents.
#![no_main]

use std::sync::OnceLock;

use factlint::checks::{Checker, Source};
use factlint::extract::Extractor;
use factlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fn tools() -> &'static (Extractor, Checker) {
    static T: OnceLock<(Extractor, Checker)> = OnceLock::new();
    T.get_or_init(|| {
        let rules = RuleSet::embedded().expect("embedded rules parse");
        (Extractor::new(&rules), Checker::new(&rules))
    })
}

fn sources(parts: &[(String, &[u8])]) -> Vec<Source> {
    let (ex, _) = tools();
    parts
        .iter()
        .filter_map(|(name, bytes)| {
            let doc = factlint::document::from_bytes(name, bytes).ok()?;
            let claims = ex.extract(&doc);
            Some(Source {
                doc,
                claims,
                reference: false,
            })
        })
        .collect()
}

fn keyed(fs: &[factlint::finding::Finding]) -> Vec<(String, String, usize, usize)> {
    let mut k: Vec<_> = fs
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.primary.file.clone(),
                f.primary.span.start,
                f.primary.span.end,
            )
        })
        .collect();
    k.sort();
    k
}

fuzz_target!(|data: &[u8]| {
    let parts: Vec<(String, &[u8])> = data
        .split(|&b| b == 0xFF)
        .take(3)
        .enumerate()
        .map(|(i, p)| (format!("d{i}.md"), p))
        .collect();
    let (_, checker) = tools();
    let forward = sources(&parts);
    let found = checker.check(&forward);
    for f in &found {
        let Some(s) = forward.iter().find(|s| s.doc.path == f.primary.file) else {
            continue;
        };
        let src = &s.doc.source;
        assert!(f.primary.span.start <= f.primary.span.end && f.primary.span.end <= src.len());
        assert!(src.is_char_boundary(f.primary.span.start));
        assert!(src.is_char_boundary(f.primary.span.end));
        for r in &f.related {
            if let Some(o) = forward.iter().find(|s| s.doc.path == r.location.file) {
                assert!(r.location.span.end <= o.doc.source.len());
                assert!(o.doc.source.is_char_boundary(r.location.span.start));
                assert!(o.doc.source.is_char_boundary(r.location.span.end));
            }
        }
    }
    let mut reversed = parts.clone();
    reversed.reverse();
    let backward = checker.check(&sources(&reversed));
    assert_eq!(
        keyed(&found),
        keyed(&backward),
        "findings depend on file order"
    );
});
