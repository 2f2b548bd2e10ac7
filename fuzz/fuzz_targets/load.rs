//! The document loader on arbitrary bytes: never a panic, and every range it hands out is
//! inside its string and on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = factlint::document::from_bytes("fuzz.md", data) else {
        return;
    };
    let mut last_end = 0;
    for b in &doc.blocks {
        assert!(b.range.start <= b.range.end && b.range.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.range.start) && doc.text.is_char_boundary(b.range.end));
        assert!(b.range.start >= last_end, "blocks overlap or go backwards");
        last_end = b.range.end;
        let s = doc.source_range(b.range.clone());
        assert!(s.start <= s.end && s.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(s.start) && doc.source.is_char_boundary(s.end));
        let (line, col) = doc.line_col(s.start);
        assert!(line >= 1 && line <= doc.line_index().line_count() && col >= 1);
        let _ = doc.block_text(b);
        let _ = doc.section_heading(b);
    }
    for r in &doc.footnote_refs {
        assert!(r.text_pos <= doc.text.len());
        assert!(r.source_range.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(r.source_range.start));
        assert!(doc.source.is_char_boundary(r.source_range.end));
        let _ = doc.footnote_body(r.label);
        let _ = doc.citing_block(r.label);
    }
    // a few arbitrary text ranges, in and out of bounds
    let n = doc.text.len();
    for (a, b) in [(0, n), (n / 3, n / 2), (n / 2, n + 7), (n + 1, n + 2)] {
        let s = doc.source_range(a..b.max(a));
        assert!(s.start <= s.end && s.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(s.start) && doc.source.is_char_boundary(s.end));
    }
});
