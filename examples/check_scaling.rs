//! The scaling table of BENCHMARKS.md: `Checker::check` time for 10^3 .. 10^6 claims of the
//! generated corpus (extraction not timed), with the ratio to n log n.
//!
//! ```sh
//! cargo run --release --example check_scaling -- [MAX_CLAIMS]
//! ```

use std::time::Instant;

use factlint::checks::{Checker, Source};
use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::rules::RuleSet;
use rayon::prelude::*;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let max: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let Ok(rules) = RuleSet::embedded() else {
        eprintln!("error: the embedded rules do not load");
        std::process::exit(2);
    };
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    println!(
        "| claims | files | MB | check (s) | findings | µs per claim | check / (n log2 n), ns |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut n_target = 1_000;
    while n_target <= max {
        // about 5 claims per KB of generated text, files of about 40 KB
        let mb = n_target as f64 / 5_000.0;
        let files = ((mb * 1e6 / 40_000.0).ceil() as usize).max(1);
        let sources: Vec<Source> = corpus::generate(mb, files, 1)
            .into_par_iter()
            .map(|(name, text)| {
                let doc = Document::from_source(&name, text);
                let claims = extractor.extract(&doc);
                Source {
                    doc,
                    claims,
                    reference: false,
                }
            })
            .collect();
        let n: usize = sources.iter().map(|s| s.claims.len()).sum();
        let bytes: usize = sources.iter().map(|s| s.doc.source.len()).sum();
        let t = Instant::now();
        let findings = checker.check(&sources).len();
        let secs = t.elapsed().as_secs_f64();
        let nlogn = n as f64 * (n as f64).log2();
        println!(
            "| {n} | {files} | {:.2} | {secs:.3} | {findings} | {:.2} | {:.1} |",
            bytes as f64 / 1e6,
            secs * 1e6 / n as f64,
            secs * 1e9 / nlogn
        );
        n_target *= 10;
    }
}
