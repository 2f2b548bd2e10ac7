//! `style/date-format`: dates written two ways in one document: with two separators
//! (`12-8-2021` beside `12/8/2021`), or with and without a leading zero (`07/9/2023`
//! beside `7/9/2023`).
//!
//! The dates are the extractor's date claims written in digits (`ngày 12-8-2021`,
//! `tháng 01/2023`, `10-11/9/2023`); dates in words (`ngày 5 tháng 3 năm 2023`), years and
//! quarters are not looked at. A date whose days form a range (`10-11/9/2023`) keeps its
//! `/`, as `-` marks the range there, and does not count towards the separator.
//!
//! Leading zeros are counted in three places: a day below 10, the months 1 and 2, and the
//! months 3 to 9, because the official style (Decree 30/2020/NĐ-CP) pads the day and the
//! months 1 and 2 only (`05/02/2024`, `07/9/2023`). `[style] date_padding`: `any` takes the
//! document's majority in each place (a tie goes to the official style), `padded` asks for
//! the official style (months 3 to 9 still by majority), `unpadded` for no zeros at all.

use std::ops::Range;

use crate::claim::{Kind, Value};
use crate::document::Document;
use crate::finding::{Applicability, Edit, Finding, Fix, Related, Severity, Text};
use crate::time::TimePoint;

use super::super::{Checker, Source};
use super::{edit, location};

pub const RULE: &str = "style/date-format";

/// What a field of a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Day,
    Month,
    Year,
}

/// A number of a date as written.
#[derive(Debug, Clone)]
struct Field {
    range: Range<usize>,
    role: Role,
    value: u32,
    padded: bool,
}

/// A date written in digits.
#[derive(Debug, Clone)]
struct Date {
    /// From its first digit to its last.
    range: Range<usize>,
    fields: Vec<Field>,
    /// The separator, for a date that is not a range.
    sep: Option<(char, Vec<Range<usize>>)>,
}

/// Where a leading zero may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A day below 10.
    Day,
    /// The months 1 and 2.
    EarlyMonth,
    /// The months 3 to 9.
    Month,
}

const SLOTS: [Slot; 3] = [Slot::Day, Slot::EarlyMonth, Slot::Month];

impl Field {
    fn slot(&self) -> Option<Slot> {
        match (self.role, self.value) {
            (Role::Day, 1..=9) => Some(Slot::Day),
            (Role::Month, 1..=2) => Some(Slot::EarlyMonth),
            (Role::Month, 3..=9) => Some(Slot::Month),
            _ => None,
        }
    }
}

pub fn check(ck: &Checker, s: &Source, severity: Severity) -> Vec<Finding> {
    let doc = &s.doc;
    let dates: Vec<Date> = s
        .claims
        .iter()
        .filter(|c| c.kind == Kind::Date)
        .filter(|c| match c.value {
            Value::Time(e) => matches!(
                e.start,
                TimePoint::Day { .. } | TimePoint::Month { .. } | TimePoint::DayMonth { .. }
            ),
            Value::Number(_) => false,
        })
        .filter_map(|c| parse(&doc.text, c.text_range.clone()))
        .collect();
    let mut out = Vec::new();
    out.extend(separators(doc, &dates, severity));
    out.extend(padding(ck, doc, &dates, severity));
    out
}

/// The date written in digits inside `range` of `t`, with its fields, or `None` for one
/// written in words or of a shape not read here.
fn parse(t: &str, range: Range<usize>) -> Option<Date> {
    let s = t.get(range.clone())?;
    // digit runs and the glue between them
    let mut runs: Vec<Range<usize>> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(st..i);
        } else {
            i += 1;
        }
    }
    if runs.len() < 2 {
        return None;
    }
    let glue: Vec<&str> = runs.windows(2).map(|w| &s[w[0].end..w[1].start]).collect();
    let is_range = |g: &str| matches!(g.trim(), "-" | "–" | "—");
    let slash = glue.contains(&"/");
    let sep = if slash {
        '/'
    } else if glue.iter().all(|g| *g == "-") {
        '-'
    } else if glue.iter().all(|g| *g == ".") {
        '.'
    } else {
        return None;
    };
    // split into the dates of a range
    let mut groups: Vec<Vec<usize>> = vec![vec![0]];
    for (k, g) in glue.iter().enumerate() {
        if sep == '/' && *g == "/" || sep != '/' && *g == sep.encode_utf8(&mut [0; 4]) {
            groups.last_mut()?.push(k + 1);
        } else if sep == '/' && is_range(g) {
            groups.push(vec![k + 1]);
        } else {
            return None;
        }
    }
    if sep != '/' && runs.len() > 3 {
        return None;
    }
    let digits = |k: usize| &s[runs[k].clone()];
    // roles from the end of each group: year (four digits), month, day; a lone number
    // takes the role of the first number of the group after it (`10-11/9`, `7-8/2023`)
    let mut roles: Vec<Vec<Role>> = Vec::new();
    for g in &groups {
        let mut r = Vec::new();
        let mut rest = g.len();
        if digits(*g.last()?).len() == 4 {
            r.push(Role::Year);
            rest -= 1;
        }
        match rest {
            0 => {}
            1 if r.is_empty() => r.push(Role::Day),
            1 => r.push(Role::Month),
            2 => {
                r.push(Role::Month);
                r.push(Role::Day);
            }
            _ => return None,
        }
        r.reverse();
        roles.push(r);
    }
    for k in (0..groups.len().saturating_sub(1)).rev() {
        if groups[k].len() == 1 && digits(groups[k][0]).len() <= 2 {
            roles[k] = vec![*roles[k + 1].first()?];
        }
    }
    let mut fields = Vec::new();
    for (g, r) in groups.iter().zip(&roles) {
        if g.len() != r.len() {
            return None;
        }
        for (&k, &role) in g.iter().zip(r) {
            let d = digits(k);
            let value: u32 = d.parse().ok()?;
            let ok = match role {
                Role::Year => d.len() == 4,
                Role::Month => d.len() <= 2 && (1..=12).contains(&value),
                Role::Day => d.len() <= 2 && (1..=31).contains(&value),
            };
            if !ok {
                return None;
            }
            fields.push(Field {
                range: range.start + runs[k].start..range.start + runs[k].end,
                role,
                value,
                padded: d.len() == 2 && d.starts_with('0'),
            });
        }
    }
    // a year range (`2021-2023`) has no day or month
    if fields.iter().all(|f| f.role == Role::Year) {
        return None;
    }
    let sep = (groups.len() == 1).then(|| {
        let places = runs
            .windows(2)
            .map(|w| range.start + w[0].end..range.start + w[1].start)
            .collect();
        (sep, places)
    });
    let first = runs.first()?.start;
    let last = runs.last()?.end;
    Some(Date {
        range: range.start + first..range.start + last,
        fields,
        sep,
    })
}

fn sep_name(c: char) -> &'static str {
    match c {
        '/' => "/",
        '-' => "-",
        _ => ".",
    }
}

/// One finding for a document whose dates use two separators: the minority is rewritten
/// with the majority's (a tie goes to `/`, the separator of state documents).
fn separators(doc: &Document, dates: &[Date], severity: Severity) -> Option<Finding> {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for d in dates {
        if let Some((c, _)) = &d.sep {
            match counts.iter_mut().find(|(x, _)| x == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((*c, 1)),
            }
        }
    }
    if counts.len() < 2 {
        return None;
    }
    let rank = |c: char| match c {
        '/' => 0,
        '-' => 1,
        _ => 2,
    };
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(rank(a.0).cmp(&rank(b.0))));
    let target = counts[0].0;
    let wrong: Vec<&Date> = dates
        .iter()
        .filter(|d| d.sep.as_ref().is_some_and(|(c, _)| *c != target))
        .collect();
    let right: Vec<&Date> = dates
        .iter()
        .filter(|d| d.sep.as_ref().is_some_and(|(c, _)| *c == target))
        .collect();
    let first = wrong.first()?;
    let text = |d: &Date| doc.text.get(d.range.clone()).unwrap_or("").to_string();
    let rewrite = |d: &Date| -> String {
        let written = text(d);
        match &d.sep {
            Some((c, _)) => written.replace(*c, sep_name(target)),
            None => written,
        }
    };
    let mut edits: Vec<Edit> = Vec::new();
    for d in &wrong {
        if let Some((_, places)) = &d.sep {
            edits.extend(
                places
                    .iter()
                    .filter_map(|r| edit(doc, r.clone(), sep_name(target))),
            );
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(c, n)| format!("{n} × {}", sep_name(*c)))
        .collect();
    let (first_text, first_fixed) = (text(first), rewrite(first));
    let t = sep_name(target);
    Some(Finding {
        rule: RULE,
        severity,
        message: Text::new(
            format!(
                "ngày tháng viết với dấu phân cách khác nhau: {}",
                summary.join(", ")
            ),
            format!(
                "dates written with different separators: {}",
                summary.join(", ")
            ),
        ),
        primary: location(doc, first.range.clone()),
        label: Text::new(
            format!("viết {first_text}"),
            format!("written {first_text}"),
        ),
        related: related(doc, &right, &text),
        help: Some(Text::new(
            format!(
                "dùng một dấu phân cách ({t}) trong toàn văn bản: {first_text} → {first_fixed}"
            ),
            format!("use one separator ({t}) throughout: {first_text} → {first_fixed}"),
        )),
        notes: vec![Text::new(
            "ngày có khoảng (10-11/9/2023) giữ dấu /, vì dấu - ở đó chỉ khoảng thời gian",
            "a date with a range of days (10-11/9/2023) keeps its /, as the - there marks the range",
        )],
        fix: (!edits.is_empty()).then(|| Fix {
            description: Text::new(
                format!("dùng dấu {t} trong {} ngày", wrong.len()),
                format!("use {t} in {} dates", wrong.len()),
            ),
            edits,
            applicability: Applicability::Automatic,
        }),
    })
}

fn related(doc: &Document, dates: &[&Date], text: &dyn Fn(&Date) -> String) -> Vec<Related> {
    dates
        .iter()
        .take(2)
        .map(|d| Related {
            location: location(doc, d.range.clone()),
            message: Text::new(format!("viết {}", text(d)), format!("written {}", text(d))),
        })
        .collect()
}

/// One finding for a document whose days or months are written with and without a
/// leading zero.
fn padding(ck: &Checker, doc: &Document, dates: &[Date], severity: Severity) -> Option<Finding> {
    let mode = ck.style.date_padding.as_str();
    // a day and month without a year is often a name (`Quốc khánh 2/9`, `30/4`): not counted
    let dates: Vec<&Date> = dates
        .iter()
        .filter(|d| d.fields.iter().any(|f| f.role == Role::Year))
        .collect();
    // the padding wanted in each slot, and whether the setting decided it
    let mut wanted: Vec<(Slot, bool, bool)> = Vec::new();
    for slot in SLOTS {
        let fields = || {
            dates
                .iter()
                .flat_map(|d| &d.fields)
                .filter(|f| f.slot() == Some(slot))
        };
        let padded = fields().filter(|f| f.padded).count();
        let plain = fields().count() - padded;
        // the official style pads days and the months 1 and 2
        let official = slot != Slot::Month;
        let majority = match padded.cmp(&plain) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => official,
        };
        let (want, forced) = match (mode, slot) {
            ("unpadded", _) => (false, true),
            ("padded", Slot::Day | Slot::EarlyMonth) => (true, true),
            _ => (majority, false),
        };
        wanted.push((slot, want, forced));
    }
    let want = |f: &Field| {
        f.slot()
            .and_then(|s| wanted.iter().find(|w| w.0 == s))
            .map(|w| w.1)
    };
    let wrong_field = |f: &Field| want(f).is_some_and(|w| w != f.padded);
    let wrong: Vec<&Date> = dates
        .iter()
        .copied()
        .filter(|d| d.fields.iter().any(wrong_field))
        .collect();
    let right: Vec<&Date> = dates
        .iter()
        .copied()
        .filter(|d| {
            d.fields.iter().all(|f| !wrong_field(f)) && d.fields.iter().any(|f| want(f).is_some())
        })
        .collect();
    let first = wrong.first()?;
    let text = |d: &Date| doc.text.get(d.range.clone()).unwrap_or("").to_string();
    let fix_field = |f: &Field| -> String {
        if f.padded {
            f.value.to_string()
        } else {
            format!("0{}", f.value)
        }
    };
    let rewrite = |d: &Date| -> String {
        let written = text(d);
        let mut out = String::new();
        let mut at = d.range.start;
        for f in &d.fields {
            out.push_str(doc.text.get(at..f.range.start).unwrap_or(""));
            match wrong_field(f) {
                true => out.push_str(&fix_field(f)),
                false => out.push_str(doc.text.get(f.range.clone()).unwrap_or("")),
            }
            at = f.range.end;
        }
        out.push_str(doc.text.get(at..d.range.end).unwrap_or(""));
        if out.is_empty() { written } else { out }
    };
    let edits: Vec<Edit> = wrong
        .iter()
        .flat_map(|d| d.fields.iter().filter(|f| wrong_field(f)))
        .filter_map(|f| edit(doc, f.range.clone(), &fix_field(f)))
        .collect();
    let forced = wanted.iter().any(|w| w.2);
    let (first_text, first_fixed) = (text(first), rewrite(first));
    let wrong_fields = wrong
        .iter()
        .flat_map(|d| d.fields.iter().filter(|f| wrong_field(f)))
        .count();
    let message = if forced {
        Text::new(
            format!(
                "{} ngày tháng không theo quy ước về số 0 ở đầu (`[style] date_padding = \"{mode}\"`)",
                wrong.len()
            ),
            format!(
                "{} dates break the leading-zero convention (`[style] date_padding = \"{mode}\"`)",
                wrong.len()
            ),
        )
    } else {
        Text::new(
            format!(
                "ngày tháng lúc có lúc không có số 0 ở đầu: {} ngày khác với {} ngày còn lại",
                wrong.len(),
                right.len()
            ),
            format!(
                "dates written with and without leading zeros: {} differ from the other {}",
                wrong.len(),
                right.len()
            ),
        )
    };
    Some(Finding {
        rule: RULE,
        severity,
        message,
        primary: location(doc, first.range.clone()),
        label: Text::new(
            format!("viết {first_text}"),
            format!("written {first_text}"),
        ),
        related: related(doc, &right, &text),
        help: Some(Text::new(
            format!("viết thống nhất: {first_text} → {first_fixed}"),
            format!("write dates one way: {first_text} → {first_fixed}"),
        )),
        notes: vec![Text::new(
            "Nghị định 30/2020/NĐ-CP: ngày nhỏ hơn 10 và tháng 1, 2 có số 0 ở đầu (05/02/2024, 07/9/2023); `[style] date_padding` chọn quy ước",
            "Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero (05/02/2024, 07/9/2023); `[style] date_padding` picks the convention",
        )],
        fix: (!edits.is_empty()).then(|| Fix {
            description: Text::new(
                format!("sửa số 0 ở đầu tại {wrong_fields} chỗ"),
                format!("fix the leading zero in {wrong_fields} places"),
            ),
            edits,
            applicability: Applicability::Automatic,
        }),
    })
}
