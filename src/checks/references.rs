//! `reference/mismatch`: one cited document given two dates or two issuers; and
//! `reference/format`: an identifier that breaks the official numbering pattern.
//!
//! Citations are keyed by their normalised identifier (`34-NQ/TW`); a bare number
//! (`Nghị quyết 34`) only matches the same type word and number. Dates compare as calendar
//! days (`09/01/2023` = `9/1/2023`); issuers compare folded (case, tone marks).

use std::collections::HashMap;

use crate::extract::reference::{Reference, format_problem, references};
use crate::finding::{Finding, Location, Related, Text};
use crate::time::TimePoint;

use super::{Checker, Source};

const RULE: &str = "reference/mismatch";
const FORMAT: &str = "reference/format";

struct Citation {
    src: usize,
    r: Reference,
}

pub fn check(ck: &Checker, sources: &[Source]) -> Vec<Finding> {
    let format_severity = ck.severity(FORMAT);
    let mut out = Vec::new();
    let mut groups: HashMap<String, Vec<Citation>> = HashMap::new();
    for (src, s) in sources.iter().enumerate() {
        for r in references(&s.doc.text) {
            if let Some(sev) = format_severity.filter(|_| !s.reference) {
                out.extend(format_finding(&s.doc, &r, sev));
            }
            let key = if r.id.chars().any(|c| c.is_alphabetic()) {
                r.id.clone()
            } else {
                format!("{} {}", r.kind.as_deref().unwrap_or(""), r.id)
            };
            groups.entry(key).or_default().push(Citation { src, r });
        }
    }
    let Some(severity) = ck.severity(RULE) else {
        return out;
    };
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let cites = &groups[key];
        // how many sources cite the document with each date: when one date is given by
        // more sources than the other, the finding goes on the outlier
        let mut support: HashMap<TimePoint, std::collections::BTreeSet<usize>> = HashMap::new();
        for c in cites {
            if let Some(d) = own_date(sources, c) {
                support.entry(d).or_default().insert(c.src);
            }
        }
        let supporters = |c: &Citation| {
            own_date(sources, c).map_or(0, |d| support.get(&d).map_or(0, |s| s.len()))
        };
        for (x, a) in cites.iter().enumerate() {
            for b in &cites[x + 1..] {
                if sources[a.src].reference && sources[b.src].reference {
                    continue;
                }
                let date_differs = match (own_date(sources, a), own_date(sources, b)) {
                    (Some(da), Some(db)) => !same_day(da, db),
                    _ => false,
                };
                let issuer_differs = match (&a.r.issuer, &b.r.issuer) {
                    (Some((ia, _)), Some((ib, _))) => ck.folder.fold(ia) != ck.folder.fold(ib),
                    _ => false,
                };
                if !date_differs && !issuer_differs {
                    continue;
                }
                let (sa, sb) = if date_differs {
                    (supporters(a), supporters(b))
                } else {
                    (0, 0)
                };
                let b_is_outlier = sb < sa
                    || (sb == sa
                        && super::later(
                            sources,
                            (b.src, b.r.id_range.start),
                            (a.src, a.r.id_range.start),
                        ));
                let (p, o) = if b_is_outlier { (b, a) } else { (a, b) };
                out.push(finding(sources, severity, p, o, date_differs));
            }
        }
    }
    out
}

/// The citation's own date: not one that follows its issuer across a comma (`Nghị quyết
/// số 34-NQ/TW của Bộ Chính trị, ngày 15/3/2023, Bộ Ngoại giao đã ban hành ...` dates the
/// ministry's act), where Vietnamese citations put the date before `của`.
fn own_date(sources: &[Source], c: &Citation) -> Option<TimePoint> {
    let (date, range) = c.r.date.as_ref()?;
    if let Some((_, issuer)) = &c.r.issuer
        && issuer.end <= range.start
    {
        let between = sources[c.src]
            .doc
            .text
            .get(issuer.end..range.start)
            .unwrap_or_default();
        if between.contains(',') {
            return None;
        }
    }
    Some(*date)
}

/// `reference/format`: an identifier written against the numbering conventions.
fn format_finding(
    doc: &crate::document::Document,
    r: &Reference,
    severity: crate::finding::Severity,
) -> Option<Finding> {
    let written = doc.text.get(r.id_range.clone())?;
    let problem = format_problem(written)?;
    let span = doc.source_range(r.id_range.clone());
    let (vi, en) = (
        lower_first(&problem.describe_vi()),
        lower_first(&problem.describe_en()),
    );
    let help = match problem.suggestion(written) {
        Some(s) => Text::new(format!("viết là {s}"), format!("write {s}")),
        None => Text::new(
            "đối chiếu với số, ký hiệu trên văn bản gốc",
            "check the number and symbol on the document itself",
        ),
    };
    Some(Finding {
        rule: FORMAT,
        severity,
        message: Text::new(
            format!("số, ký hiệu {written} sai thể thức: {vi}"),
            format!("identifier {written} breaks the numbering pattern: {en}"),
        ),
        primary: Location {
            file: doc.path.clone(),
            span,
        },
        label: Text::new("sai thể thức", "breaks the pattern"),
        related: Vec::new(),
        help: Some(help),
        notes: vec![Text::new(
            "thể thức theo Nghị định 30/2020/NĐ-CP (văn bản nhà nước) và Hướng dẫn 36-HD/VPTW (văn bản của Đảng)",
            "conventions of Decree 30/2020/NĐ-CP (state documents) and Guide 36-HD/VPTW (Party documents)",
        )],
        fix: None,
    })
}

/// Messages start in lower case (rustc style).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c
            .to_lowercase()
            .chain(chars)
            .collect::<String>()
            .trim_end_matches('.')
            .to_string(),
        None => String::new(),
    }
}

fn same_day(a: TimePoint, b: TimePoint) -> bool {
    a == b
}

fn describe(sources: &[Source], c: &Citation, date: bool) -> String {
    let text = &sources[c.src].doc.text;
    let part = if date {
        c.r.date.as_ref().map(|d| &d.1)
    } else {
        c.r.issuer.as_ref().map(|i| &i.1)
    };
    part.and_then(|r| text.get(r.clone()))
        .unwrap_or_default()
        .to_string()
}

fn finding(
    sources: &[Source],
    severity: crate::finding::Severity,
    p: &Citation,
    o: &Citation,
    date: bool,
) -> Finding {
    let doc = &sources[p.src].doc;
    let id = &p.r.id;
    let (this, other) = (describe(sources, p, date), describe(sources, o, date));
    let (what_vi, what_en) = if date {
        ("ngày ban hành", "date")
    } else {
        ("cơ quan ban hành", "issuer")
    };
    let (where_vi, where_en) = super::phrases::place(
        sources,
        p.src,
        o.src,
        sources[o.src].doc.source_range(o.r.id_range.clone()).start,
    );
    Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!("{id} được dẫn với {what_vi} khác nhau: {this} và {other}"),
            format!("{id} is cited with a different {what_en}: {this} vs {other}"),
        ),
        primary: Location {
            file: doc.path.clone(),
            span: doc.source_range(p.r.id_range.clone()),
        },
        label: Text::new(format!("ở đây: {this}"), format!("here: {this}")),
        related: vec![Related {
            location: Location {
                file: sources[o.src].doc.path.clone(),
                span: sources[o.src].doc.source_range(o.r.id_range.clone()),
            },
            message: Text::new(
                format!("{where_vi}: {other}"),
                format!("{where_en}: {other}"),
            ),
        }],
        help: Some(Text::new(
            format!("đối chiếu {id} với văn bản gốc và sửa {what_vi} cho đúng"),
            format!("check {id} against the document itself and correct the {what_en}"),
        )),
        notes: Vec::new(),
        fix: None,
    }
}
