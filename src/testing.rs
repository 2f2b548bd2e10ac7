//! Test support shared by the unit tests: the texts that differential tests (a fast path
//! against the code it replaced) run over.

use std::path::Path;

/// The generated statements of the benches (`benches/corpus/mod.rs`, templates written
/// for this project).
#[path = "../benches/corpus/mod.rs"]
mod generated;

/// Every text the project has: its corpus, its fixtures, and, beside the checkout, the
/// shared seeds and the peers' test data. On a machine without `../shared` (a user's),
/// generated statements of about the same size stand in for them, so that the tests
/// that count what they compared still see enough text.
pub(crate) fn project_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in ["corpus", "tests/fixtures"] {
        texts_under(&root.join(dir), &mut all);
    }
    let shared = root.join("../shared/seeds");
    if shared.is_dir() {
        texts_under(&shared, &mut all);
        texts_under(&root.join("../shared/peer"), &mut all);
    } else {
        static NOTE: std::sync::Once = std::sync::Once::new();
        NOTE.call_once(|| {
            eprintln!(
                "note: ../shared/seeds not found; the differential tests use generated \
                 statements in its place"
            );
        });
        all.extend(
            generated::generate(0.5, 6, 19)
                .into_iter()
                .map(|(_, t)| with_marks(&t)),
        );
    }
    all
}

/// `t` with the Markdown marks the seeds carry and the generator does not write: every
/// fifth prose line's first word in bold, and a `<sup>` footnote marker after the first
/// comma of every fifth line after that.
fn with_marks(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + t.len() / 20);
    for (i, line) in t.lines().enumerate() {
        let prose = line.starts_with(|c: char| c.is_alphabetic());
        match (i % 5, prose, line.split_once(' ')) {
            (0, true, Some((first, rest))) => {
                out.push_str(&format!("**{first}** {rest}"));
            }
            (2, true, _) if line.contains(", ") => {
                out.push_str(&line.replacen(", ", &format!("<sup>{}</sup>, ", i % 9 + 1), 1));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Every file under `dir` that is UTF-8 text, recursively.
fn texts_under(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            texts_under(&p, out);
        } else if let Ok(s) = std::fs::read_to_string(&p) {
            out.push(s);
        }
    }
}

/// The outcome of checking the project's corpus and fixtures together: many findings of
/// many rules, with the documents they point into.
pub(crate) fn project_outcome() -> crate::engine::Outcome {
    project_outcome_in(None)
}

/// `project_outcome` with the findings' texts kept in `language` only (`None`: both).
pub(crate) fn project_outcome_in(language: Option<crate::finding::Lang>) -> crate::engine::Outcome {
    project_outcome_with(language, false)
}

/// `project_outcome_in`, the engine told whether the report shows only the findings'
/// spans (`Engine::report_spans_only`).
pub(crate) fn project_outcome_with(
    language: Option<crate::finding::Lang>,
    report_spans_only: bool,
) -> crate::engine::Outcome {
    let rules = crate::rules::RuleSet::embedded().expect("rules");
    let extractor = crate::extract::Extractor::new(&rules);
    let mut checker = crate::checks::Checker::new(&rules);
    checker.language = language;
    let engine = crate::engine::Engine {
        report_spans_only,
        ..crate::engine::Engine::new(&extractor, &checker)
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) = crate::inputs::collect(&[root.join("corpus"), root.join("tests/fixtures")]);
    engine.run(&files, &[], &[])
}

/// `findings` repeated until there are at least `n` (more than one batch of output).
pub(crate) fn repeated(
    findings: &[crate::finding::Finding],
    n: usize,
) -> Vec<crate::finding::Finding> {
    let mut many = findings.to_vec();
    while many.len() < n && !findings.is_empty() {
        many.extend(findings.iter().cloned());
    }
    many
}

/// A report of the findings of `outcome` (7 files, 41 claims), its documents read by
/// `documents` (`|path| outcome.document(path)`).
pub(crate) fn report<'a>(
    outcome: &'a crate::engine::Outcome,
    documents: &'a (dyn Fn(&str) -> Option<&'a crate::document::Document> + Sync),
) -> crate::render::findings::Report<'a> {
    crate::render::findings::Report {
        findings: &outcome.findings,
        documents,
        files: 7,
        claims: 41,
    }
}

/// The project's texts as sources, each read by the extractor of `rules`; every fifth
/// is a reference.
pub(crate) fn project_sources(rules: &crate::rules::RuleSet) -> Vec<crate::checks::Source> {
    let extractor = crate::extract::Extractor::new(rules);
    project_texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let doc = crate::document::Document::from_source(&format!("t{i:04}.md"), t);
            let claims = extractor.extract(&doc);
            crate::checks::Source {
                doc,
                claims,
                reference: i % 5 == 4,
            }
        })
        .collect()
}
