//! `factlint extract` output: a table for people, JSON and JSON Lines for scripts
//! (fields as in spec/interface.md).

use std::io::{self, Write};

use serde::Serialize;

use super::JsonNumber;
use crate::claim::{Claim, Value};
use crate::document::Document;

/// One claim as printed: the interface's fields, in its order.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
    pub value: RecordValue,
    pub low: Option<JsonNumber>,
    pub high: Option<JsonNumber>,
    pub bound: &'static str,
    pub unit: Option<String>,
    pub subject: String,
    pub time: Option<String>,
    pub role: &'static str,
    /// Extension: the whole of a fraction or rank (`63` in `42/63`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole: Option<JsonNumber>,
}

/// A claim's value: a number, or an ISO date / interval string.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RecordValue {
    Number(JsonNumber),
    Text(String),
}

impl ClaimRecord {
    pub fn new(doc: &Document, c: &Claim) -> ClaimRecord {
        let (line, column) = doc.line_col(c.span.start);
        let value = match c.value {
            Value::Number(n) => RecordValue::Number(JsonNumber(n)),
            Value::Time(t) => RecordValue::Text(t.iso()),
        };
        ClaimRecord {
            file: doc.path.to_string(),
            line,
            column,
            start: c.span.start,
            end: c.span.end,
            text: doc
                .source_get(c.span.clone())
                .unwrap_or_default()
                .into_owned(),
            kind: c.kind.as_str(),
            value,
            low: c.interval.low.map(JsonNumber),
            high: c.interval.high.map(JsonNumber),
            bound: c.bound.as_str(),
            unit: c.unit.clone(),
            subject: c.subject.clone(),
            time: c.time.map(|t| t.iso()),
            role: c.role.as_str(),
            whole: c.whole.map(JsonNumber),
        }
    }
}

/// A file that could not be read, reported beside the claims.
#[derive(Debug, Clone, Serialize)]
pub struct InputError {
    pub file: String,
    /// Byte offset of the problem, when there is one (the first invalid UTF-8 byte).
    pub offset: Option<usize>,
    pub message: String,
}

#[derive(Serialize)]
struct ExtractJson<'a> {
    version: u32,
    claims: &'a [ClaimRecord],
    #[serde(skip_serializing_if = "<[InputError]>::is_empty")]
    errors: &'a [InputError],
}

pub fn write_json(
    out: &mut dyn Write,
    claims: &[ClaimRecord],
    errors: &[InputError],
) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &ExtractJson {
            version: 1,
            claims,
            errors,
        },
    )?;
    writeln!(out)
}

/// One claim object per line.
pub fn write_jsonl(out: &mut dyn Write, claims: &[ClaimRecord]) -> io::Result<()> {
    claims.iter().try_for_each(|c| write_jsonl_record(out, c))
}

/// One line of `write_jsonl`.
pub fn write_jsonl_record(out: &mut dyn Write, claim: &ClaimRecord) -> io::Result<()> {
    serde_json::to_writer(&mut *out, claim)?;
    writeln!(out)
}

/// A readable table: where, what kind, the text, the value read and its context.
pub fn write_human(out: &mut dyn Write, claims: &[ClaimRecord]) -> io::Result<()> {
    let rows: Vec<[String; 7]> = claims
        .iter()
        .map(|c| {
            let value = match &c.value {
                RecordValue::Number(n) => format_scaled(n.0),
                RecordValue::Text(t) => t.clone(),
            };
            let range = match (c.low, c.high, c.bound) {
                (_, _, "exact") => String::new(),
                (Some(l), Some(h), _) => {
                    format!(" [{} – {}]", format_scaled(l.0), format_scaled(h.0))
                }
                (Some(l), None, _) => format!(" [{} –]", format_scaled(l.0)),
                (None, Some(h), _) => format!(" [– {}]", format_scaled(h.0)),
                (None, None, _) => String::new(),
            };
            [
                format!("{}:{}:{}", c.file, c.line, c.column),
                c.kind.to_string(),
                c.text.replace(['\n', '\r'], " "),
                format!(
                    "{value}{} {}{range}",
                    c.unit
                        .as_deref()
                        .map(|u| format!(" {u}"))
                        .unwrap_or_default(),
                    c.bound
                ),
                c.subject.clone(),
                c.time.clone().unwrap_or_else(|| "-".to_string()),
                c.role.to_string(),
            ]
        })
        .collect();
    let header = [
        "location", "kind", "text", "value", "subject", "time", "role",
    ];
    let mut widths = header.map(|h| h.chars().count());
    // the location is never cut, so it can be copied into an editor
    let limit = |column: usize| if column == 0 { usize::MAX } else { 48 };
    for r in &rows {
        for (i, (w, cell)) in widths.iter_mut().zip(r).enumerate() {
            *w = (*w).max(cell.chars().count().min(limit(i)));
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let cell: String = cell.chars().take(limit(i)).collect();
            let pad = w.saturating_sub(cell.chars().count());
            s.push_str(&cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &header)?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    writeln!(out, "\n{} claims", claims.len())
}

/// A figure as an editor writes it: `36,6 tỷ`, `680 tỷ`, `30 triệu`, `1.700`.
pub fn format_scaled(v: f64) -> String {
    const SCALES: [(f64, &str); 3] = [(1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu")];
    for (scale, word) in SCALES {
        if v.abs() >= scale && v.is_finite() {
            let shown = (v / scale * 1e6).round() / 1e6;
            return format!("{} {word}", format_number(shown));
        }
    }
    format_number(v)
}

/// Vietnamese grouping for people: 36.600.000.000, 8,02.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "∞".to_string();
    }
    let neg = v < 0.0;
    let v = v.abs();
    let text = if v.fract() == 0.0 && v < 1e18 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if neg { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a document whose source is shelved (read through its view, as
    /// `extract` reads a large file) are those of the whole document, as JSON Lines.
    #[test]
    fn records_of_a_shelved_source_are_those_of_the_whole_one() {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let extractor = crate::extract::Extractor::new(&rules);
        let mut records = 0;
        for (i, t) in crate::testing::project_texts().into_iter().enumerate() {
            for name in [format!("t{i}.md"), format!("t{i}.html")] {
                let whole = Document::from_source(&name, t.clone());
                let mut shelved = Document::from_source(&name, t.clone());
                shelved.shelve_source_for_checks(std::path::Path::new(&name));
                assert!(shelved.source.is_empty());
                let claims = extractor.extract(&shelved);
                assert_eq!(claims.len(), extractor.extract(&whole).len(), "{name}");
                for c in &claims {
                    let mut a = Vec::new();
                    let mut b = Vec::new();
                    write_jsonl_record(&mut a, &ClaimRecord::new(&whole, c)).unwrap();
                    write_jsonl_record(&mut b, &ClaimRecord::new(&shelved, c)).unwrap();
                    assert_eq!(String::from_utf8(a), String::from_utf8(b), "{name}");
                    records += 1;
                }
            }
        }
        assert!(records > 1000, "{records}");
    }

    #[test]
    fn people_see_vietnamese_grouping() {
        assert_eq!(format_number(36_600_000_000.0), "36.600.000.000");
        assert_eq!(format_number(8.02), "8,02");
        assert_eq!(format_number(-1200.0), "-1.200");
        assert_eq!(format_scaled(36.6e9), "36,6 tỷ");
        assert_eq!(format_scaled(1.7e12), "1,7 nghìn tỷ");
        assert_eq!(format_scaled(3e7), "30 triệu");
        assert_eq!(format_scaled(1700.0), "1.700");
    }
}
