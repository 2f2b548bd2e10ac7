//! `Checker::check` time against the number of claims: generated corpora of growing size,
//! loaded and extracted once, then only the checks timed. Prints the claim count of each
//! size; `cargo run --release --example check_scaling` makes the table up to 10^6 claims.
//!
//! `cargo bench --bench check`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use factlint::checks::{Checker, Source};
use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::rules::RuleSet;

#[path = "corpus/mod.rs"]
mod corpus;

/// A generated corpus of about `mb` MB in `files` files, extracted.
fn sources(extractor: &Extractor, mb: f64, files: usize) -> Vec<Source> {
    corpus::generate(mb, files, 1)
        .into_iter()
        .map(|(name, text)| {
            let doc = Document::from_source(&name, text);
            let claims = extractor.extract(&doc);
            Source {
                doc,
                claims,
                reference: false,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    // about 5 claims per KB of generated text: 10^3 and 10^4 claims
    // (10^5 claims, 20 MB, takes tens of seconds a run: see examples/check_scaling.rs)
    for (mb, files) in [(0.2, 5), (2.0, 50)] {
        let srcs = sources(&extractor, mb, files);
        let n: usize = srcs.iter().map(|s| s.claims.len()).sum();
        eprintln!("{mb} MB in {files} files: {n} claims");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &srcs, |b, s| {
            b.iter(|| checker.check(s).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
