//! The four real statements in ../shared/seeds: the figures they state are read with the
//! right value, unit and bound; the identifiers, editions and names they cite are not.
//! Skipped, with a note, where ../shared is absent.

mod common;

use common::*;
use factlint::claim::{Bound, Claim, Kind};
use factlint::document::{self, Document};

fn seeds() -> Option<Vec<(Document, Vec<Claim>)>> {
    let dir = shared()?.join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let ex = extractor();
    Some(
        paths
            .iter()
            .map(|p| {
                let d = document::load(p, &p.display().to_string()).expect("seeds load");
                let c = ex.extract(&d);
                (d, c)
            })
            .collect(),
    )
}

/// Claims in any seed whose original text contains `needle`.
fn matching<'a>(all: &'a [(Document, Vec<Claim>)], needle: &str) -> Vec<(&'a Document, &'a Claim)> {
    all.iter()
        .flat_map(|(d, cs)| cs.iter().map(move |c| (d, c)))
        .filter(|(d, c)| d.source[c.span.clone()].contains(needle))
        .collect()
}

#[test]
fn spans_are_exact_in_every_seed() {
    let Some(all) = seeds() else { return };
    for (d, cs) in &all {
        assert!(!cs.is_empty(), "{} has claims", d.path);
        for c in cs {
            assert!(
                d.source.is_char_boundary(c.span.start) && d.source.is_char_boundary(c.span.end)
            );
            assert!(c.span.start < c.span.end, "empty span in {}", d.path);
        }
    }
}

#[test]
fn known_figures_are_read() {
    let Some(all) = seeds() else { return };
    let expect = |needle: &str, kind: Kind, value: f64, bound: Bound, unit: Option<&str>| {
        let found = matching(&all, needle);
        assert!(
            found.iter().any(|(_, c)| c.kind == kind
                && close(number(c), value)
                && c.bound == bound
                && c.unit.as_deref() == unit),
            "{needle}: {:?}",
            found
                .iter()
                .map(|(d, c)| (&d.source[c.span.clone()], c.kind, c.value, c.bound, &c.unit))
                .collect::<Vec<_>>()
        );
    };
    expect(
        "193 quốc gia",
        Kind::Count,
        193.0,
        Bound::Exact,
        Some("quốc gia"),
    );
    expect(
        "36,6 tỷ USD",
        Kind::Money,
        3.66e10,
        Bound::Exact,
        Some("USD"),
    );
    expect("32,8%", Kind::Percent, 32.8, Bound::Exact, Some("%"));
    expect(
        "1.700 tỷ USD",
        Kind::Money,
        1.7e12,
        Bound::Exact,
        Some("USD"),
    );
    expect(
        "1.300 tỷ USD",
        Kind::Money,
        1.3e12,
        Bound::Exact,
        Some("USD"),
    );
    expect(
        "gần 200",
        Kind::Count,
        200.0,
        Bound::Approx,
        Some("hoạt động đối ngoại"),
    );
    expect(
        "trên 680 tỷ USD",
        Kind::Money,
        6.8e11,
        Bound::MoreThan,
        Some("USD"),
    );
    expect(
        "400 tỉ đô la Mỹ",
        Kind::Money,
        4.0e11,
        Bound::MoreThan,
        Some("USD"),
    );
    expect("42/63", Kind::Fraction, 42.0, Bound::Exact, Some("tỉnh"));
    let unesco = matching(&all, "77");
    assert!(
        unesco.iter().any(|(_, c)| c.kind == Kind::Count
            && number(c) == 77.0
            && c.subject.contains("danh hiệu UNESCO")),
        "UNESCO 77: {:?}",
        unesco
            .iter()
            .map(|(_, c)| (&c.subject, c.value))
            .collect::<Vec<_>>()
    );
    let dates = |needle: &str, want: &str| {
        let found = matching(&all, needle);
        assert!(
            found
                .iter()
                .any(|(_, c)| c.kind == Kind::Date && iso(c) == want),
            "{needle}"
        );
    };
    dates("12-13/12/2023", "2023-12-12/2023-12-13");
    dates("ngày 9/1/2023", "2023-01-09");
}

#[test]
fn references_editions_and_names_are_not_quantities() {
    let Some(all) = seeds() else { return };
    for needle in [
        "34-NQ/TW",
        "2013/QĐ-TTg",
        "lần thứ 32",
        "G77",
        "G20",
        "COVID-19",
        "Covid-19",
        "4.0",
        "2 con số",
        "2.1.4",
        "Khóa 77",
        "khoá 77",
    ] {
        let found = matching(&all, needle);
        assert!(
            found.is_empty(),
            "{needle} read as {:?}",
            found
                .iter()
                .map(|(d, c)| &d.source[c.span.clone()])
                .collect::<Vec<_>>()
        );
    }
    // footnote markers: no claim starts inside a <sup> tag
    for (d, cs) in &all {
        for c in cs {
            let text = &d.source[c.span.clone()];
            assert!(
                !text.starts_with("<sup>") && !text.contains("sup>"),
                "{text:?} in {}",
                d.path
            );
        }
    }
}
