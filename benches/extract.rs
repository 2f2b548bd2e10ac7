//! Extractor throughput: MB/s of `Document::from_source` + `Extractor::extract` over the
//! four seed statements of `../shared/seeds` concatenated (skipped with a note when that
//! folder is absent), and over a generated corpus of the same size.
//!
//! `cargo bench --bench extract`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::rules::RuleSet;

#[path = "corpus/mod.rs"]
mod corpus;

/// The seeds, sorted, each with its trailing newlines stripped and a blank line added (as
/// ../shared/anchors/peer-tools.md builds its inputs).
fn seeds() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = String::new();
    for p in paths {
        let text = std::fs::read_to_string(p).ok()?;
        out.push_str(text.trim_end_matches('\n'));
        out.push_str("\n\n");
    }
    (!out.is_empty()).then_some(out)
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let extractor = Extractor::new(&rules);
    let mut group = c.benchmark_group("extract");
    group.sample_size(20);
    let generated: String = corpus::generate(0.17, 1, 7)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let mut inputs = vec![("generated", generated)];
    match seeds() {
        Some(s) => inputs.insert(0, ("seeds", s)),
        None => {
            eprintln!("note: ../shared/seeds not found, benchmarking the generated corpus only")
        }
    }
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            // the copy of the input is made outside the timing (a real run reads it from
            // the file into the string `from_source` takes); the document and the claims
            // are dropped inside it
            b.iter_batched(
                || text.clone(),
                |text| {
                    let doc = Document::from_source("bench.txt", text);
                    extractor.extract(&doc).len()
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
