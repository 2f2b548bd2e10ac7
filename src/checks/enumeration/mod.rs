//! `enumeration/*`: announced counts and numbered lists.
//!
//! - `enumeration/count-mismatch` (count.rs): `Nổi bật là ở 6 điểm sau đây:` followed by
//!   five items; `3 nước (Lào, Campuchia)`.
//! - `enumeration/sequence-gap` (sequence.rs): `(i) (ii) (iii) (v)`, `Thứ nhất, Thứ hai,
//!   Thứ tư`, numbered headings `I. II. IV.`.
//! - `enumeration/footnote` (footnote.rs): markers without notes, notes without markers,
//!   notes out of order.
//!
//! The checks read the document's structure (blocks, the normalised text, footnote
//! markers), not claims: ordinals are not claims. Each works within one document; the
//! cost is linear in its text.

mod count;
mod footnote;
pub mod markers;
mod sequence;

use crate::finding::Finding;

use super::{Checker, Source};

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let count_sev = ck.severity(count::RULE);
    let gap_sev = ck.severity(sequence::RULE);
    let note_sev = ck.severity(footnote::RULE);
    let settings = &ck.enumeration;
    let mut out = Vec::new();
    for s in sources.iter().filter(|s| !s.reference) {
        let doc = &s.doc;
        if count_sev.is_some() || gap_sev.is_some() {
            let found = markers::scan(doc, &settings.soft_first, &settings.soft_last);
            let lists = sequence::build(doc, &found, settings, gap_sev, &mut out);
            if let Some(sev) = gap_sev {
                sequence::headings(doc, settings, sev, &mut out);
            }
            if let Some(sev) = count_sev {
                count::check(doc, &found, &lists, settings, sev, &mut out);
            }
        }
        if let Some(sev) = note_sev {
            footnote::check(doc, sev, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::{EnumerationSettings, RuleSet};

    #[test]
    fn shipped_settings_equal_the_defaults() {
        let rules = RuleSet::embedded().expect("embedded rules");
        assert_eq!(rules.checks.enumeration, EnumerationSettings::default());
    }
}

#[cfg(test)]
mod seeds {
    //! The real statements in ../shared/seeds: every list and announcement there is read
    //! as an editor reads it. Skipped, with a note, where ../shared is absent.

    use crate::checks::{Checker, Source};
    use crate::document::Document;
    use crate::rules::{EnumerationSettings, RuleSet};

    fn seed(prefix: &str) -> Option<Document> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("note: {} absent, seed test skipped", dir.display());
            return None;
        };
        let path = entries.flatten().map(|e| e.path()).find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })?;
        let text = std::fs::read_to_string(&path).ok()?;
        Some(Document::from_source(&path.display().to_string(), text))
    }

    /// (announced, counted) for every announcement, and the lists as written.
    fn read(doc: &Document) -> (Vec<(u32, Option<usize>)>, Vec<String>) {
        let s = EnumerationSettings::default();
        let m = super::markers::scan(doc, &s.soft_first, &s.soft_last);
        let lists = super::sequence::build(doc, &m, &s, None, &mut Vec::new());
        let (pairs, _) = super::count::pairs(doc, &m, &lists, &s);
        let counts = pairs
            .iter()
            .map(|(a, i)| (a.n, i.as_ref().map(|i| i.count)))
            .collect();
        let written = lists
            .lists
            .iter()
            .map(|l| {
                l.items
                    .iter()
                    .map(|&i| m[i].written.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        (counts, written)
    }

    fn findings(doc: Document) -> Vec<(&'static str, String)> {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let sources = [Source {
            doc,
            claims: Vec::new(),
            reference: false,
        }];
        super::check(&ck, &sources)
            .iter()
            .map(|f| {
                (
                    f.rule,
                    sources[0].doc.source[f.primary.span.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn seed_000_has_one_real_gap_and_matching_counts() {
        let Some(doc) = seed("000_") else { return };
        let (counts, lists) = read(&doc);
        // `04 mục tiêu lớn: ...; ...; ...; và ...`, `6 điểm sau đây:`, `có 5 vấn đề:`
        assert_eq!(counts, vec![(4, Some(4)), (6, Some(6)), (5, Some(5))]);
        assert!(
            lists.contains(&"(i) (ii) (iii) (v)".to_string()),
            "{lists:?}"
        );
        assert_eq!(
            lists
                .iter()
                .filter(|l| *l == "Thứ nhất Thứ hai Thứ ba Thứ tư Thứ năm Thứ sáu")
                .count(),
            2
        );
        assert_eq!(doc.footnote_refs.len(), 12);
        // section IV skips (iv); the 12 footnotes are all in order
        assert_eq!(
            findings(doc),
            vec![("enumeration/sequence-gap", "(v)".to_string())]
        );
    }

    #[test]
    fn seeds_001_to_003_are_clean() {
        for (prefix, want_counts) in [
            ("001_", vec![]),
            ("002_", vec![(3, Some(3)), (4, Some(4))]),
            ("003_", vec![]),
        ] {
            let Some(doc) = seed(prefix) else { return };
            let (counts, lists) = read(&doc);
            assert_eq!(counts, want_counts, "{prefix}");
            if prefix == "002_" {
                // `Trước hết, ... Thứ hai ... Thứ năm, ... Cuối cùng`
                assert!(
                    lists
                        .contains(&"Trước hết Thứ hai Thứ ba Thứ tư Thứ năm Cuối cùng".to_string()),
                    "{lists:?}"
                );
            }
            assert_eq!(findings(doc), vec![], "{prefix}");
        }
    }
}

#[cfg(test)]
mod cost {
    use crate::checks::{Checker, Source};
    use crate::document::Document;
    use crate::rules::RuleSet;

    fn run(text: String) -> std::time::Duration {
        let rules = RuleSet::embedded().expect("rules");
        let ck = Checker::new(&rules);
        let sources = [Source {
            doc: Document::from_source("big.md", text),
            claims: Vec::new(),
            reference: false,
        }];
        let t = std::time::Instant::now();
        let _ = super::check(&ck, &sources);
        t.elapsed()
    }

    /// Twice the text takes about twice the time: no quadratic step, in one long
    /// paragraph or in many short ones.
    #[test]
    fn cost_grows_linearly() {
        let unit = "Có 3 nhiệm vụ: (i) rà soát; (ii) báo cáo; (iv) kiểm tra 2 nước (Lào, Campuchia). \
                    Thứ nhất, làm tốt. Thứ hai, làm nhanh. Một là, hai là, ba là gì 5 điểm sau đây: a) b) c) ";
        for sep in [" ", "\n\n"] {
            let small = run([unit; 500].join(sep));
            let big = run([unit; 2000].join(sep));
            assert!(
                big.as_secs_f64() < small.as_secs_f64() * 4.0 * 3.0 + 0.05,
                "{sep:?}: {small:?} for 500 units, {big:?} for 2000"
            );
        }
    }
}
