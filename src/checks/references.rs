//! `reference/mismatch`: one cited document given two dates or two issuers; and
//! `reference/format`: an identifier that breaks the official numbering pattern.
//!
//! Citations are keyed by their normalised identifier (`34-NQ/TW`); a bare number
//! (`Nghị quyết 34`) only matches the same type word and number. Dates compare as calendar
//! days (`09/01/2023` = `9/1/2023`); issuers compare folded (case, tone marks).

use std::collections::{BTreeSet, HashMap};

use crate::extract::reference::{Reference, format_problem, references};
use crate::finding::{Finding, Location, MAX_RELATED, Related, Text, more_places_note};
use crate::time::TimePoint;

use super::{Checker, Source};

const RULE: &str = "reference/mismatch";
const FORMAT: &str = "reference/format";

/// A citation with what the comparison reads of it, taken from its document's text when
/// the document is read, so the text need not be kept for the comparison.
#[derive(Debug)]
pub(crate) struct Citation {
    pub(super) src: usize,
    /// The group key: the normalised identifier, or type word and number for a bare one.
    key: String,
    /// The identifier as normalised (`34-NQ/TW`), for messages.
    id: String,
    /// Where the identifier starts in the normalised text, for the order of `later`.
    text_start: usize,
    /// The identifier in the source.
    span: std::ops::Range<usize>,
    /// The citation's own date (see `own_date`).
    date: Option<TimePoint>,
    /// The issuer folded.
    issuer: Option<String>,
    /// The date and the issuer as written.
    written: (String, String),
}

/// The citations of one document (`src` is its index in the run), and its
/// `reference/format` findings (none on a reference).
pub(crate) fn citations_of(ck: &Checker, src: usize, s: &Source) -> (Vec<Citation>, Vec<Finding>) {
    let format_severity = ck.severity(FORMAT).filter(|_| !s.reference);
    let compare = ck.severity(RULE).is_some();
    let mut cites = Vec::new();
    let mut findings = Vec::new();
    if format_severity.is_none() && !compare {
        return (cites, findings);
    }
    let text = &s.doc.text;
    for r in references(text) {
        if let Some(sev) = format_severity {
            findings.extend(format_finding(&s.doc, &r, sev));
        }
        if !compare {
            continue;
        }
        let key = if r.id.chars().any(|c| c.is_alphabetic()) {
            r.id.clone()
        } else {
            format!("{} {}", r.kind.as_deref().unwrap_or(""), r.id)
        };
        let written_part = |part: Option<&std::ops::Range<usize>>| {
            part.and_then(|r| text.get(r.clone()))
                .unwrap_or_default()
                .to_string()
        };
        let written = (
            written_part(r.date.as_ref().map(|d| &d.1)),
            written_part(r.issuer.as_ref().map(|i| &i.1)),
        );
        cites.push(Citation {
            src,
            key,
            text_start: r.id_range.start,
            span: s.doc.source_range(r.id_range.clone()),
            date: own_date(text, &r),
            issuer: r.issuer.as_ref().map(|(ia, _)| ck.folder.fold(ia)),
            written,
            id: r.id,
        });
    }
    (cites, findings)
}

/// `reference/mismatch` over the citations of every source (`citations_of`).
pub(crate) fn check(ck: &Checker, sources: &[Source], cites: &[&Citation]) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(severity) = ck.severity(RULE) else {
        return out;
    };
    let mut groups: HashMap<&str, Vec<&Citation>> = HashMap::new();
    for c in cites {
        groups.entry(c.key.as_str()).or_default().push(c);
    }
    let mut keys: Vec<&str> = groups.keys().copied().collect();
    keys.sort();
    for key in keys {
        mismatches(sources, severity, &groups[key], &mut out);
    }
    out
}

/// Citations of one document that read alike: the same own date and issuer, written the
/// same way.
struct Class {
    date: Option<TimePoint>,
    /// The issuer folded.
    issuer: Option<String>,
    /// How many sources give the date.
    support: usize,
    /// The date and the issuer as written, for messages.
    written: (String, String),
    /// All members, by (path rank, span start, citation).
    all: BTreeSet<(usize, usize, usize)>,
    /// The members swept so far.
    swept: BTreeSet<(usize, usize, usize)>,
}

/// `reference/mismatch` in the citations of one document. They are bucketed by what they
/// state (`Class`) and swept in the order of `later`: a citation is reported against the
/// citations of the other classes it is the outlier of, the more supported date's all, or
/// at equal support the earlier ones, which are those already swept. The work per
/// citation is the number of classes, not of citations.
fn mismatches(
    sources: &[Source],
    severity: crate::finding::Severity,
    cites: &[&Citation],
    out: &mut Vec<Finding>,
) {
    // how many sources cite the document with each date: when one date is given by
    // more sources than the other, the finding goes on the outlier
    let mut support: HashMap<TimePoint, BTreeSet<usize>> = HashMap::new();
    for c in cites {
        if let Some(d) = c.date {
            support.entry(d).or_default().insert(c.src);
        }
    }
    let mut by_path: Vec<usize> = (0..sources.len()).collect();
    by_path.sort_by(|&a, &b| sources[a].doc.path.cmp(&sources[b].doc.path));
    let mut path_rank = vec![0; sources.len()];
    for (r, &s) in by_path.iter().enumerate() {
        path_rank[s] = r;
    }
    let path_key = |i: usize| {
        let c = &cites[i];
        (path_rank[c.src], c.span.start, i)
    };
    let mut index = HashMap::new();
    let mut classes: Vec<Class> = Vec::new();
    let mut class_of = Vec::with_capacity(cites.len());
    for (i, c) in cites.iter().enumerate() {
        let (date, issuer, written) = (c.date, c.issuer.clone(), c.written.clone());
        let k = *index
            .entry((date, issuer.clone(), written.clone()))
            .or_insert_with(|| {
                classes.push(Class {
                    date,
                    issuer,
                    support: date.map_or(0, |d| support.get(&d).map_or(0, BTreeSet::len)),
                    written,
                    all: BTreeSet::new(),
                    swept: BTreeSet::new(),
                });
                classes.len() - 1
            });
        classes[k].all.insert(path_key(i));
        class_of.push(k);
    }
    if classes.len() < 2 {
        return;
    }
    let pos = |i: usize| (cites[i].src, cites[i].text_start);
    let mut order: Vec<usize> = (0..cites.len()).collect();
    super::sort_by_later(sources, &mut order, pos);
    for &i in &order {
        let p = &cites[i];
        let a = class_of[i];
        if !sources[p.src].reference {
            let mut count = 0;
            // with whether the pair differs in date (else in issuer)
            let mut best: Vec<((usize, usize, usize), bool)> = Vec::new();
            // the first message (the one the final sort keeps) and a citation giving it
            let mut first: Option<(Text, usize, bool)> = None;
            for (b, other) in classes.iter().enumerate() {
                let this = &classes[a];
                let date_differs =
                    matches!((this.date, other.date), (Some(x), Some(y)) if !same_day(x, y));
                let issuer_differs =
                    matches!((&this.issuer, &other.issuer), (Some(x), Some(y)) if x != y);
                if b == a || (!date_differs && !issuer_differs) {
                    continue;
                }
                // the outlier is reported: the less supported date, else the later citation
                let (sa, sb) = if date_differs {
                    (this.support, other.support)
                } else {
                    (0, 0)
                };
                let members = match sa.cmp(&sb) {
                    std::cmp::Ordering::Less => &other.all,
                    std::cmp::Ordering::Equal => &other.swept,
                    std::cmp::Ordering::Greater => continue,
                };
                let Some(&(_, _, o)) = members.first() else {
                    continue;
                };
                count += members.len();
                let message = message(p, date_differs, this, other);
                if first.as_ref().is_none_or(|(m, _, _)| message.vi < m.vi) {
                    first = Some((message, o, date_differs));
                }
                for &k in members {
                    if best.len() == MAX_RELATED && best.last().is_some_and(|last| k >= last.0) {
                        break;
                    }
                    let at = best.partition_point(|x| x.0 < k);
                    best.insert(at, (k, date_differs));
                    best.truncate(MAX_RELATED);
                }
            }
            if let Some((message, o, date)) = first {
                let mut f = finding(sources, severity, p, cites[o], date);
                debug_assert_eq!(f.message, message);
                f.related = best
                    .iter()
                    .map(|&((_, _, j), date)| related(sources, p, cites[j], date))
                    .collect();
                if count > f.related.len() {
                    f.notes.push(more_places_note(count - f.related.len()));
                }
                out.push(f);
            }
        }
        classes[a].swept.insert(path_key(i));
    }
}

/// The message of a finding on `p` against a citation of `other`.
fn message(p: &Citation, date: bool, this: &Class, other: &Class) -> Text {
    let id = &p.id;
    let (what_vi, what_en) = if date {
        ("ngày ban hành", "date")
    } else {
        ("cơ quan ban hành", "issuer")
    };
    let pick = |c: &Class| {
        if date {
            c.written.0.clone()
        } else {
            c.written.1.clone()
        }
    };
    let (this, other) = (pick(this), pick(other));
    Text::new(
        format!("{id} được dẫn với {what_vi} khác nhau: {this} và {other}"),
        format!("{id} is cited with a different {what_en}: {this} vs {other}"),
    )
}

/// The citation's own date: not one that follows its issuer across a comma (`Nghị quyết
/// số 34-NQ/TW của Bộ Chính trị, ngày 15/3/2023, Bộ Ngoại giao đã ban hành ...` dates the
/// ministry's act), where Vietnamese citations put the date before `của`.
fn own_date(text: &str, r: &Reference) -> Option<TimePoint> {
    let (date, range) = r.date.as_ref()?;
    if let Some((_, issuer)) = &r.issuer
        && issuer.end <= range.start
    {
        let between = text.get(issuer.end..range.start).unwrap_or_default();
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

/// The date (or the issuer) of a citation as written.
fn describe(c: &Citation, date: bool) -> String {
    if date {
        c.written.0.clone()
    } else {
        c.written.1.clone()
    }
}

fn finding(
    sources: &[Source],
    severity: crate::finding::Severity,
    p: &Citation,
    o: &Citation,
    date: bool,
) -> Finding {
    let doc = &sources[p.src].doc;
    let id = &p.id;
    let (this, other) = (describe(p, date), describe(o, date));
    let (what_vi, what_en) = if date {
        ("ngày ban hành", "date")
    } else {
        ("cơ quan ban hành", "issuer")
    };
    Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!("{id} được dẫn với {what_vi} khác nhau: {this} và {other}"),
            format!("{id} is cited with a different {what_en}: {this} vs {other}"),
        ),
        primary: Location {
            file: doc.path.clone(),
            span: p.span.clone(),
        },
        label: Text::new(format!("ở đây: {this}"), format!("here: {this}")),
        related: vec![related(sources, p, o, date)],
        help: Some(Text::new(
            format!("đối chiếu {id} với văn bản gốc và sửa {what_vi} cho đúng"),
            format!("check {id} against the document itself and correct the {what_en}"),
        )),
        notes: Vec::new(),
        fix: None,
    }
}

/// The other citation of a finding on `p`, with the date or issuer it gives.
fn related(sources: &[Source], p: &Citation, o: &Citation, date: bool) -> Related {
    let other = describe(o, date);
    let span = o.span.clone();
    let (where_vi, where_en) = super::phrases::place(sources, p.src, o.src, span.start);
    Related {
        location: Location {
            file: sources[o.src].doc.path.clone(),
            span,
        },
        message: Text::new(
            format!("{where_vi}: {other}"),
            format!("{where_en}: {other}"),
        ),
    }
}
