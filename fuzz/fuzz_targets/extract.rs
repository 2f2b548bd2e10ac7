//! The claim extractor on arbitrary text: never a panic, spans inside the file and on
//! character boundaries, and the JSON written for the claims parses back.
#![no_main]

use std::sync::OnceLock;

use factlint::extract::Extractor;
use factlint::render::claims::{self, ClaimRecord};
use factlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(&RuleSet::embedded().expect("embedded rules parse")))
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = factlint::document::from_bytes("fuzz.md", data) else {
        return;
    };
    let found = extractor().extract(&doc);
    for c in &found {
        assert!(c.span.start <= c.span.end && c.span.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(c.span.start));
        assert!(doc.source.is_char_boundary(c.span.end));
        assert!(c.text_range.start <= c.text_range.end && c.text_range.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(c.text_range.start));
        assert!(doc.text.is_char_boundary(c.text_range.end));
        assert!(c.sentence.end <= doc.text.len());
    }
    let records: Vec<ClaimRecord> = found.iter().map(|c| ClaimRecord::new(&doc, c)).collect();
    let mut out = Vec::new();
    claims::write_json(&mut out, &records, &[]).expect("write to memory");
    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out);
    assert!(parsed.is_ok(), "extract JSON does not parse back");
    // one lone figure, as `read_quantity` is used by the conformance suites
    if data.len() < 256
        && let Ok(s) = std::str::from_utf8(data)
    {
        let _ = extractor().read_quantity(s);
    }
});
