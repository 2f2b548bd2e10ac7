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
mod debug_seeds {
    use crate::document::Document;
    use crate::rules::EnumerationSettings;

    #[test]
    #[ignore]
    fn dump() {
        let s = EnumerationSettings::default();
        let dir = std::env::var("DUMP_DIR").unwrap_or("../shared/seeds".into());
        let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|p| p.unwrap().path()).filter(|p| p.is_file()).collect();
        paths.sort();
        for p in paths {
            let src = std::fs::read_to_string(&p).unwrap();
            let doc = Document::from_source("x", src);
            println!("=== {}", p.display());
            let m = super::markers::scan(&doc, &s.soft_first, &s.soft_last);
            let mut out = Vec::new();
            let lists = super::sequence::build(&doc, &m, &s, None, &mut out);
            for l in &lists.lists {
                let w: Vec<String> = l.items.iter().map(|&i| format!("{}@{}", m[i].written, m[i].block)).collect();
                println!("list {:?}: {}", l.style.map(|s| s.family), w.join(" | "));
            }
            for (bi, b) in doc.blocks.iter().enumerate() {
                let t = doc.block_text(b);
                let (a, br) = super::count::find(t, b.range.start, &s);
                for a in a {
                    println!("announce@{bi} {} {:?} ends={}", a.n, &doc.text[a.range.clone()], a.ends_block);
                }
                for x in br {
                    println!("bracket@{bi} {} {:?} {:?}", x.n, &doc.text[x.range.clone()], x.counts);
                }
            }
            println!("footnote refs {} bodies {}", doc.footnote_refs.len(), doc.blocks.iter().filter(|b| matches!(b.kind, crate::document::BlockKind::FootnoteBody{..})).count());
        }
    }
}
