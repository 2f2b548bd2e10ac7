//! A reference fact sheet (`corpus/facts.toml`): the canonical figures of the metric
//! catalog with their as-of dates and where they come from, read as a trusted reference.
//!
//! ```toml
//! [[fact]]
//! metric = "unesco-titles"          # an id of rules/metrics.toml
//! value = "77 danh hiệu"            # one figure, written as a statement would write it
//! as_of = "2025-12-31"              # YYYY, YYYY-MM, YYYY-MM-DD, or a period START/END
//! source = "corpus/2025/tong-ket-doi-ngoai-2025.md"
//! note = "..."
//! ```
//!
//! Each fact becomes one claim that the cross-source matcher keys exactly like a claim of a
//! statement: its value, interval, unit and bound are what the extractor reads in `value`,
//! its time is `as_of` (as sure as a date in the claim's own sentence), its subject the
//! metric's name, its role a total (or the change, goal or forecast `value` itself says).
//!
//! The returned document's `source` is the TOML file, so every span and line/column points
//! into it (at the figure inside the `value` string). Its `text` is not the TOML's: it is
//! one paragraph per fact, `name: value`, because the matcher reads what a figure is about
//! from the words before it; claims' `text_range` and `sentence` index that text.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::checks::{Checker, Source, cross_source};
use crate::claim::{Claim, Kind, Role, TimeSource};
use crate::document::Document;
use crate::extract::Extractor;
use crate::rules::RuleError;
use crate::time::{TimeExpr, TimePoint, parse_iso_date};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    #[serde(default)]
    fact: Vec<RawFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    metric: Spanned<String>,
    value: Spanned<String>,
    as_of: Spanned<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// Reads the fact sheet at `path` (`display` is how findings and errors name it).
pub fn load(
    path: &Path,
    display: &str,
    extractor: &Extractor,
    checker: &Checker,
) -> Result<Source, RuleError> {
    let bytes = std::fs::read(path).map_err(|e| RuleError {
        path: display.to_string(),
        message: e.to_string(),
        text: String::new(),
        span: None,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| RuleError {
        path: display.to_string(),
        message: format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        text: String::new(),
        span: None,
    })?;
    parse(display, text, extractor, checker)
}

/// Reads a fact sheet from its text.
pub fn parse(
    display: &str,
    text: String,
    extractor: &Extractor,
    checker: &Checker,
) -> Result<Source, RuleError> {
    let sheet: Sheet = crate::rules::parse(display, &text)?;
    let err = |message: String, span: Range<usize>| RuleError {
        path: display.to_string(),
        message,
        text: text.clone(),
        span: Some(span),
    };

    // One paragraph per fact, `name: value`, with where its value starts.
    let mut synthetic = String::new();
    let mut starts = Vec::with_capacity(sheet.fact.len());
    let mut metrics = Vec::with_capacity(sheet.fact.len());
    for f in &sheet.fact {
        let Some(m) = checker
            .catalog
            .metrics
            .iter()
            .position(|m| m.id == *f.metric.get_ref())
        else {
            let known: Vec<&str> = checker
                .catalog
                .metrics
                .iter()
                .map(|m| m.id.as_str())
                .collect();
            return Err(err(
                format!(
                    "unknown metric `{}` (known: {})",
                    f.metric.get_ref(),
                    known.join(", ")
                ),
                f.metric.span(),
            ));
        };
        if f.value.get_ref().contains(['\n', '\r']) {
            return Err(err(
                "a fact's value is one line".to_string(),
                f.value.span(),
            ));
        }
        if !synthetic.is_empty() {
            synthetic.push_str("\n\n");
        }
        synthetic.push_str(&checker.catalog.metrics[m].name);
        synthetic.push_str(": ");
        starts.push(synthetic.len());
        synthetic.push_str(f.value.get_ref());
        metrics.push(m);
    }

    let mini = Document::from_source(display, synthetic);
    let read = extractor.extract(&mini);

    let mut claims = Vec::with_capacity(sheet.fact.len());
    let mut seen: HashMap<(usize, String, Role), Range<usize>> = HashMap::new();
    for (i, f) in sheet.fact.iter().enumerate() {
        let metric = &checker.catalog.metrics[metrics[i]];
        let value_span = f.value.span();
        let start = starts[i];
        let end = start + f.value.get_ref().len();
        // the claims read in this fact's paragraph (mapped back to the synthetic source)
        let mut mine = read
            .iter()
            .filter(|c| c.span.start >= start && c.span.end <= end);
        let (Some(c), None) = (mine.next(), mine.next()) else {
            let n = read
                .iter()
                .filter(|c| c.span.start >= start && c.span.end <= end)
                .count();
            let message = if n == 0 {
                format!("no figure in `{}`", f.value.get_ref())
            } else {
                format!(
                    "`{}` states {n} figures; a fact states one (put its date in `as_of`)",
                    f.value.get_ref()
                )
            };
            return Err(err(message, value_span));
        };
        if !matches!(
            c.kind,
            Kind::Count | Kind::Money | Kind::Percent | Kind::Ratio | Kind::Fraction
        ) {
            return Err(err(
                format!(
                    "`{}` is a {}, not a quantity of metric `{}`",
                    f.value.get_ref(),
                    c.kind.as_str(),
                    metric.id
                ),
                value_span,
            ));
        }
        let time = as_of(f.as_of.get_ref())
            .ok_or_else(|| err(bad_date(f.as_of.get_ref()), f.as_of.span()))?;

        let block = mini
            .block_at(c.text_range.start)
            .map(|b| b.range.clone())
            .unwrap_or(c.sentence.clone());
        let role = match c.role {
            Role::Increment | Role::Target | Role::Forecast => c.role,
            _ => Role::Total,
        };
        let claim = Claim {
            span: within(
                &text,
                value_span.clone(),
                f.value.get_ref(),
                c.span.clone(),
                start,
            ),
            text_range: c.text_range.clone(),
            kind: c.kind,
            value: c.value,
            interval: c.interval,
            bound: c.bound,
            unit: c.unit.clone(),
            subject: metric.name.clone(),
            time: Some(time),
            role,
            whole: c.whole,
            scale_exp: c.scale_exp,
            sentence: block,
            time_source: TimeSource::Sentence,
        };
        // the figure must read as the metric it is filed under, as a statement's would
        let fold = |r: Range<usize>| checker.folder.fold(mini.text.get(r).unwrap_or_default());
        let before = fold(claim.sentence.start..claim.text_range.start);
        let after = fold(claim.text_range.end..claim.sentence.end);
        let noun = match claim.kind {
            Kind::Count | Kind::Fraction => claim
                .unit
                .as_deref()
                .map(|u| checker.folder.fold_noun(u))
                .unwrap_or_default(),
            _ => String::new(),
        };
        match checker.catalog.classify(&claim, &before, &noun, &after) {
            Some(m) if m.id == metric.id => {}
            Some(m) => {
                return Err(err(
                    format!(
                        "`{}` reads as metric `{}`, not `{}`",
                        f.value.get_ref(),
                        m.id,
                        metric.id
                    ),
                    value_span,
                ));
            }
            None => {
                return Err(err(
                    format!(
                        "`{}` is not a {} figure of metric `{}`",
                        f.value.get_ref(),
                        kind_name(metric.kind),
                        metric.id
                    ),
                    value_span,
                ));
            }
        }
        if matches!(claim.kind, Kind::Count | Kind::Fraction)
            && !metric.units.is_empty()
            && !metric.units.contains(&noun)
        {
            return Err(err(
                format!(
                    "metric `{}` counts {}; `{}` counts «{}»",
                    metric.id,
                    metric.units.join(", "),
                    f.value.get_ref(),
                    claim.unit.as_deref().unwrap_or("nothing named")
                ),
                value_span,
            ));
        }
        let key = (metrics[i], time.iso(), role);
        if let Some(first) = seen.get(&key) {
            let (line, _) = crate::source::LineIndex::new(&text).line_col(&text, first.start);
            return Err(err(
                format!(
                    "metric `{}` as of {} is already stated on line {line}",
                    metric.id,
                    time.iso()
                ),
                value_span,
            ));
        }
        seen.insert(key, value_span);
        claims.push(claim);
    }

    let mut doc = Document::from_source(display, text);
    doc.text = mini.text;
    doc.blocks = mini.blocks;
    doc.footnote_refs = Vec::new();
    doc.meta = Default::default();
    Ok(Source {
        doc,
        claims,
        reference: true,
    })
}

/// The byte range in the TOML text of the figure read at `read` (a range of the synthetic
/// source, whose value starts at `offset`): inside the string when it is written without
/// escapes, else the whole string.
fn within(
    toml_text: &str,
    string_span: Range<usize>,
    value: &str,
    read: Range<usize>,
    offset: usize,
) -> Range<usize> {
    let raw = toml_text.get(string_span.clone()).unwrap_or_default();
    let quote = raw.chars().next();
    let simple = matches!(quote, Some('"') | Some('\''))
        && raw.len() == value.len() + 2
        && raw.get(1..raw.len() - 1) == Some(value);
    if !simple {
        return string_span;
    }
    let content = string_span.start + 1;
    let (a, b) = (
        read.start.saturating_sub(offset),
        read.end.saturating_sub(offset),
    );
    if a <= b && b <= value.len() && value.is_char_boundary(a) && value.is_char_boundary(b) {
        content + a..content + b
    } else {
        string_span
    }
}

/// `2025-12-31`, `2025-12`, `2025`, a TOML date, or a period `2021/2023`.
fn as_of(v: &toml::Value) -> Option<TimeExpr> {
    let s = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => {
            let date = d.date?;
            if d.time.is_some() {
                return None;
            }
            format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
        }
        toml::Value::Integer(y) => y.to_string(),
        _ => return None,
    };
    let point = |p: &str| -> Option<TimePoint> { parse_iso_date(p.trim()) };
    match s.split_once('/') {
        None => point(&s).map(TimeExpr::point),
        Some((a, b)) => {
            let (start, end) = (point(a)?, point(b)?);
            (cross_source::end_of(start) <= cross_source::end_of(end)).then_some(TimeExpr {
                start,
                end: Some(end),
            })
        }
    }
}

fn bad_date(v: &toml::Value) -> String {
    let shown = match v {
        toml::Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    };
    format!(
        "as_of {shown} is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or a period START/END of a calendar day"
    )
}

fn kind_name(k: crate::rules::MetricKind) -> &'static str {
    match k {
        crate::rules::MetricKind::Count => "count",
        crate::rules::MetricKind::Money => "money",
        crate::rules::MetricKind::Percent => "percent",
    }
}
