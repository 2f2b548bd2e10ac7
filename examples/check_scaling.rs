//! The scaling table of BENCHMARKS.md: `Checker::check` time for 10^3 .. 10^6 claims of the
//! generated corpus (extraction not timed), with the ratio to n log n.
//!
//! ```sh
//! cargo run --release --example check_scaling -- [MAX_CLAIMS] [--from MIN_CLAIMS]
//! ```
//!
//! `ratio` is check / (n log2 n) against the first row: it stays near 1 while the cost
//! grows no faster than n log n. `peak MB` is the peak resident memory during the check
//! (Linux: the peak is reset before it), sources included.

use std::time::Instant;

use factlint::checks::{Checker, Source};
use factlint::document::Document;
use factlint::extract::Extractor;
use factlint::rules::RuleSet;
use rayon::prelude::*;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let max: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let from: usize = args
        .iter()
        .position(|a| a == "--from")
        .and_then(|i| args.get(i + 1))
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let Ok(rules) = RuleSet::embedded() else {
        eprintln!("error: the embedded rules do not load");
        std::process::exit(2);
    };
    let extractor = Extractor::new(&rules);
    let checker = Checker::new(&rules);
    println!(
        "| claims | files | MB | check (s) | findings | µs per claim | check / (n log2 n), ns | ratio | peak MB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut n_target = from;
    let mut first: Option<f64> = None;
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
        // reset the peak resident size, so the one read after is the check's
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let t = Instant::now();
        let findings = checker.check(&sources).len();
        let secs = t.elapsed().as_secs_f64();
        let nlogn = n as f64 * (n as f64).log2();
        let per = secs * 1e9 / nlogn;
        let ratio = per / *first.get_or_insert(per);
        let peak = peak_mb().map_or("?".to_string(), |m| format!("{m:.0}"));
        println!(
            "| {n} | {files} | {:.2} | {secs:.3} | {findings} | {:.2} | {per:.1} | {ratio:.2} | {peak} |",
            bytes as f64 / 1e6,
            secs * 1e6 / n as f64,
        );
        n_target *= 10;
    }
}

/// The peak resident size of the process in MB (Linux `VmHWM`).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
