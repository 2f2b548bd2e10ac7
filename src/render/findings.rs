//! `factlint check` output: ariadne diagnostics for people, JSON and JSON Lines for
//! scripts (fields as in spec/interface.md).
//!
//! Spans are byte ranges of `Document::source`; every one is clamped to the source and
//! to character boundaries before it is sliced or handed to ariadne, so a bad span from a
//! check prints at the nearest valid place instead of panicking.
//!
//! ariadne gets character offsets that this file computes from the byte spans
//! (`Sources::span`), not byte offsets with `IndexType::Byte`: in ariadne 0.6 byte mode
//! draws labels right but names a second file's section (`├─[ b.md:2:14 ]`) by reading a
//! character offset as a byte offset, so after Vietnamese text it gave the wrong line and
//! column (test `related_file_header_names_the_right_line_and_column`).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use ariadne::{Cache, Color, Config, IndexType, Label, ReportKind, Source};
use serde::Serialize;

use rustc_hash::FxHashMap;

use super::draw;
use super::json_writer::JsonWriter;
use crate::document::Document;
use crate::finding::{Finding, Lang, Location, Severity};

/// What the renderers need besides the findings: the documents (by path) for source text
/// and line/column, and run totals.
pub struct Report<'a> {
    /// Already sorted by the caller (`finding::sort`); printed in this order.
    pub findings: &'a [Finding],
    /// The loaded document of a path, if it could be read. A finding whose file has none
    /// (`input/unreadable`) still prints, at line 1, column 1, with no source text.
    pub documents: &'a (dyn Fn(&str) -> Option<&'a Document> + Sync),
    /// Files checked.
    pub files: usize,
    /// Claims found in them.
    pub claims: usize,
}

/// Findings counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

// ---------------------------------------------------------------------------------------
// Spans

pub(crate) use crate::source::clamp;

/// A location resolved against its document.
struct Place<'a> {
    file: &'a str,
    doc: Option<&'a Document>,
    /// Clamped to the document when there is one; as given otherwise.
    span: Range<usize>,
    line: usize,
    column: usize,
    text: &'a str,
}

fn place<'a>(r: &Report<'a>, loc: &'a Location) -> Place<'a> {
    place_in((r.documents)(&loc.file), loc)
}

/// `place` with the document of `loc.file` already looked up.
fn place_in<'a>(doc: Option<&'a Document>, loc: &'a Location) -> Place<'a> {
    match doc {
        Some(doc) => {
            let at = doc.locate(&loc.span);
            Place {
                file: &loc.file,
                doc: Some(doc),
                span: at.span,
                line: at.line,
                column: at.column,
                text: at.text,
            }
        }
        None => Place {
            file: &loc.file,
            doc: None,
            span: loc.span.clone(),
            line: 1,
            column: 1,
            text: "",
        },
    }
}

// ---------------------------------------------------------------------------------------
// JSON

/// The documents of the files a slice of findings names, looked up once each by the
/// address of the path's shared text (`Location::file`, mostly the document's own
/// path): hashing a pointer, where `Report::documents` hashes the whole path.
struct Documents<'r, 'a> {
    report: &'r Report<'a>,
    by_address: FxHashMap<*const u8, Option<&'a Document>>,
}

impl<'r, 'a> Documents<'r, 'a> {
    fn new(report: &'r Report<'a>) -> Documents<'r, 'a> {
        Documents {
            report,
            by_address: FxHashMap::default(),
        }
    }

    /// `place(report, loc)`.
    fn place(&mut self, loc: &'a Location) -> Place<'a> {
        let documents = self.report.documents;
        // the Arc lives as long as the findings, so its address names one path meanwhile
        let doc = *self
            .by_address
            .entry(loc.file.as_ptr())
            .or_insert_with(|| documents(&loc.file));
        place_in(doc, loc)
    }
}

// The records serde printed the findings from before `write_finding`: the reference
// its output is compared with.

#[cfg(test)]
#[derive(Serialize)]
struct LocationRecord<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    /// Primary: the label (an extension); related: what that source states.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

#[cfg(test)]
impl<'a> LocationRecord<'a> {
    fn new(p: Place<'a>, message: Option<&'a str>) -> LocationRecord<'a> {
        LocationRecord {
            file: p.file,
            line: p.line,
            column: p.column,
            start: p.span.start,
            end: p.span.end,
            text: p.text,
            message,
        }
    }
}

#[cfg(test)]
#[derive(Serialize)]
struct EditRecord<'a> {
    file: &'a str,
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
struct FixRecord<'a> {
    description: &'a str,
    /// Whether `--fix` applies it (false: a suggestion to review, e.g. a changed figure).
    automatic: bool,
    edits: Vec<EditRecord<'a>>,
}

/// One finding as printed: the interface's fields in its order, then the extensions
/// `help` and `notes` in the chosen language.
#[cfg(test)]
#[derive(Serialize)]
struct FindingRecord<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    primary: LocationRecord<'a>,
    related: Vec<LocationRecord<'a>>,
    fix: Option<FixRecord<'a>>,
    help: Option<&'a str>,
    notes: Vec<&'a str>,
}

#[cfg(test)]
impl<'a> FindingRecord<'a> {
    fn new(r: &Report<'a>, f: &'a Finding, lang: Lang) -> FindingRecord<'a> {
        let label = f.label.get(lang);
        FindingRecord {
            rule: f.rule,
            severity: f.severity.as_str(),
            message: f.message.get(lang),
            primary: LocationRecord::new(
                place(r, &f.primary),
                Some(label).filter(|l| !l.is_empty()),
            ),
            related: f
                .related
                .iter()
                .map(|rel| {
                    LocationRecord::new(place(r, &rel.location), Some(rel.message.get(lang)))
                })
                .collect(),
            fix: f.fix.as_ref().map(|fix| FixRecord {
                description: fix.description.get(lang),
                automatic: fix.applicability == crate::finding::Applicability::Automatic,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| EditRecord {
                        file: &e.location.file,
                        start: e.location.span.start,
                        end: e.location.span.end,
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
            help: f.help.as_ref().map(|h| h.get(lang)),
            notes: f.notes.iter().map(|n| n.get(lang)).collect(),
        }
    }
}

/// The whole run as `write_json` prints it, built as one value: the reference its
/// batched output is compared with.
#[cfg(test)]
#[derive(Serialize)]
struct CheckJson<'a> {
    version: u32,
    findings: Vec<FindingRecord<'a>>,
    summary: Summary,
}

/// One finding as JSON (the fields of `FindingRecord`): the interface's fields in its
/// order, then the extensions `help` and `notes` in the chosen language.
fn write_finding_json<'a>(
    w: &mut JsonWriter,
    docs: &mut Documents<'_, 'a>,
    f: &'a Finding,
    lang: Lang,
) {
    w.open(b'{');
    w.key("rule");
    w.str(f.rule);
    w.key("severity");
    w.str(f.severity.as_str());
    w.key("message");
    w.str(f.message.get(lang));
    w.key("primary");
    let label = f.label.get(lang);
    write_location(
        w,
        docs.place(&f.primary),
        Some(label).filter(|l| !l.is_empty()),
    );
    w.key("related");
    w.open(b'[');
    for rel in &f.related {
        w.element();
        write_location(w, docs.place(&rel.location), Some(rel.message.get(lang)));
    }
    w.close(b']');
    w.key("fix");
    match &f.fix {
        Some(fix) => write_fix(w, fix, lang),
        None => w.null(),
    }
    w.key("help");
    w.opt_str(f.help.as_ref().map(|h| h.get(lang)));
    w.key("notes");
    w.open(b'[');
    for n in &f.notes {
        w.element();
        w.str(n.get(lang));
    }
    w.close(b']');
    w.close(b'}');
}

/// A location as JSON (`LocationRecord`). Primary: the label (an extension); related:
/// what that source states.
fn write_location(w: &mut JsonWriter, p: Place, message: Option<&str>) {
    w.open(b'{');
    w.key("file");
    w.str(p.file);
    w.key("line");
    w.usize(p.line);
    w.key("column");
    w.usize(p.column);
    w.key("start");
    w.usize(p.span.start);
    w.key("end");
    w.usize(p.span.end);
    w.key("text");
    w.str(p.text);
    if let Some(m) = message {
        w.key("message");
        w.str(m);
    }
    w.close(b'}');
}

/// A fix as JSON (`FixRecord`).
fn write_fix(w: &mut JsonWriter, fix: &crate::finding::Fix, lang: Lang) {
    w.open(b'{');
    w.key("description");
    w.str(fix.description.get(lang));
    w.key("automatic");
    w.bool(fix.applicability == crate::finding::Applicability::Automatic);
    w.key("edits");
    w.open(b'[');
    for e in &fix.edits {
        w.element();
        w.open(b'{');
        w.key("file");
        w.str(&e.location.file);
        w.key("start");
        w.usize(e.location.span.start);
        w.key("end");
        w.usize(e.location.span.end);
        w.key("replacement");
        w.str(&e.replacement);
        w.close(b'}');
    }
    w.close(b']');
    w.close(b'}');
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    claims: usize,
    #[serde(flatten)]
    counts: Counts,
}

/// The whole run as one JSON object, laid out as `serde_json::to_writer_pretty` lays
/// it out (the findings are rendered in parallel batches: `write_batched`).
pub fn write_json(out: &mut dyn Write, r: &Report, lang: Lang) -> io::Result<()> {
    out.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
    write_batched(
        out,
        r.findings,
        || Documents::new(r),
        |docs, i, f, buf| {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            // the findings are two levels deep: in the run's object, in its array
            write_finding_json(&mut JsonWriter::pretty(buf, 2), docs, f, lang);
            Ok(())
        },
    )?;
    out.write_all(if r.findings.is_empty() {
        b"],\n"
    } else {
        b"\n  ],\n"
    })?;
    let summary = Summary {
        files: r.files,
        claims: r.claims,
        counts: Counts::of(r.findings),
    };
    let mut record = Vec::new();
    serde_json::to_writer_pretty(&mut record, &summary)?;
    out.write_all(b"  \"summary\": ")?;
    let mut buf = Vec::new();
    indent(&mut buf, &record, b"  ");
    out.write_all(&buf[2..])?;
    out.write_all(b"\n}\n")
}

/// One finding object per line, and nothing else.
pub fn write_jsonl(out: &mut dyn Write, r: &Report, lang: Lang) -> io::Result<()> {
    write_batched(
        out,
        r.findings,
        || Documents::new(r),
        |docs, _, f, buf| {
            write_finding_json(&mut JsonWriter::compact(buf), docs, f, lang);
            buf.push(b'\n');
            Ok(())
        },
    )
}

/// `text` appended to `buf` with `prefix` before each line. Pretty JSON has no newline
/// inside a string (it is escaped), so this nests a rendered object one level deeper.
pub(crate) fn indent(buf: &mut Vec<u8>, text: &[u8], prefix: &[u8]) {
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            buf.push(b'\n');
        }
        buf.extend_from_slice(prefix);
        buf.extend_from_slice(line);
    }
}

/// Renders the findings with `render` (which appends the output of the finding at an
/// index to a buffer) and writes them in order. The findings of a batch are rendered side
/// by side, each slice of them with its own `state` (a cache the renderer fills), and
/// written (on this thread) while the next batch is rendered: the output is the same as
/// one by one, and memory holds two batches of it.
pub(crate) fn write_batched<'a, S, F>(
    out: &mut dyn Write,
    findings: &'a [Finding],
    state: impl Fn() -> S + Sync,
    render: F,
) -> io::Result<()>
where
    F: Fn(&mut S, usize, &'a Finding, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    let mut pending: Option<Rendered> = None;
    // bytes per finding in the batch before: each slice's buffer is sized from it, not
    // grown by doubling (copying its output about once more)
    let mut per_finding = 0;
    for (b, batch) in findings.chunks(BATCH).enumerate() {
        let mut rendered = None;
        let mut wrote = Ok(());
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                rendered = Some(render_batch(batch, b * BATCH, per_finding, &state, &render));
            });
            if let Some(before) = pending.take() {
                wrote = write_rendered(out, before);
            }
        });
        wrote?;
        let rendered = rendered.ok_or_else(|| io::Error::other("a batch was not rendered"))?;
        let bytes: usize = rendered.iter().flatten().map(Vec::len).sum();
        per_finding = bytes / batch.len();
        pending = Some(rendered);
    }
    match pending {
        Some(last) => write_rendered(out, last),
        None => Ok(()),
    }
}

/// Findings rendered to write: in slices, in order.
type Rendered = Vec<io::Result<Vec<u8>>>;

const SLICE: usize = 64;
const BATCH: usize = SLICE * 32;

/// The slices of a batch (its first finding's index `first`) rendered side by side, each
/// buffer sized for `per_finding` bytes a finding.
fn render_batch<'a, S, F>(
    batch: &'a [Finding],
    first: usize,
    per_finding: usize,
    state: &(impl Fn() -> S + Sync),
    render: &F,
) -> Rendered
where
    F: Fn(&mut S, usize, &'a Finding, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    use rayon::prelude::*;
    batch
        .par_chunks(SLICE)
        .enumerate()
        .map(|(k, slice)| {
            let mut state = state();
            let mut buf = Vec::with_capacity(per_finding * slice.len() * 9 / 8);
            for (j, f) in slice.iter().enumerate() {
                render(&mut state, first + k * SLICE + j, f, &mut buf)?;
            }
            Ok(buf)
        })
        .collect()
}

/// Writes rendered slices in order, up to the first that failed.
fn write_rendered(out: &mut dyn Write, rendered: Rendered) -> io::Result<()> {
    for buf in rendered {
        out.write_all(&buf?)?;
    }
    Ok(())
}

/// `write_batched` as it was: each batch written before the next is rendered; the
/// reference it is compared with.
#[cfg(test)]
fn write_batched_in_turn<'a, S, F>(
    out: &mut dyn Write,
    findings: &'a [Finding],
    state: impl Fn() -> S + Sync,
    render: F,
) -> io::Result<()>
where
    F: Fn(&mut S, usize, &'a Finding, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    for (b, batch) in findings.chunks(BATCH).enumerate() {
        write_rendered(out, render_batch(batch, b * BATCH, 0, &state, &render))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Human

/// The sources ariadne draws from, by path: every file a finding draws, built once
/// before the findings are drawn (in parallel) and then only read. A leading byte order
/// mark is left out (and spans shifted past it) so ariadne's columns match
/// `Document::line_col`.
struct Sources<'a> {
    files: BTreeMap<&'a str, (usize, Source<&'a str>)>,
}

impl<'a> Sources<'a> {
    /// The sources of the files the findings of `r` draw: each primary file (an empty
    /// source when it could not be read), each related file that has a document.
    fn of(r: &Report<'a>) -> Sources<'a> {
        use rayon::prelude::*;
        let mut texts: BTreeMap<&'a str, &'a str> = BTreeMap::new();
        for f in r.findings {
            let doc = (r.documents)(&f.primary.file);
            texts
                .entry(&f.primary.file)
                .or_insert_with(|| doc.map_or("", |d| d.source.as_str()));
            for rel in &f.related {
                if let Some(doc) = (r.documents)(&rel.location.file) {
                    texts
                        .entry(&rel.location.file)
                        .or_insert(doc.source.as_str());
                }
            }
        }
        let texts: Vec<(&'a str, &'a str)> = texts.into_iter().collect();
        let files = texts
            .into_par_iter()
            .map(|(file, text)| {
                let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
                (file, (bom, Source::from(&text[bom..])))
            })
            .collect();
        Sources { files }
    }

    /// The source of `file`, if one is drawn.
    fn source(&self, file: &str) -> Option<&Source<&'a str>> {
        self.files.get(file).map(|(_, s)| s)
    }

    /// The span to give ariadne for a byte span of `file`: clamped, shifted past the
    /// BOM, in characters (counted from the start of the span's line, not of the file).
    fn span(&self, file: &str, span: &Range<usize>) -> Range<usize> {
        let Some((bom, src)) = self.files.get(file) else {
            return 0..0;
        };
        let text = src.text();
        let shifted = span.start.saturating_sub(*bom)..span.end.saturating_sub(*bom);
        let bytes = clamp(text, &shifted);
        let start = char_offset(src, bytes.start);
        start..start + text[bytes].chars().count()
    }
}

/// The characters of `src` before byte `at` (a character boundary): those before its
/// line, and those of the line up to it.
fn char_offset(src: &Source<&str>, at: usize) -> usize {
    let text = src.text();
    match src.get_byte_line(at) {
        Some((line, _, column)) => line.offset() + text[at - column..at].chars().count(),
        None => text[..at.min(text.len())].chars().count(),
    }
}

/// The shared sources, as ariadne reads them.
struct Shared<'s, 'a>(&'s Sources<'a>);

impl<'a> Cache<&'a str> for Shared<'_, 'a> {
    type Storage = &'a str;

    fn fetch(&mut self, id: &&'a str) -> Result<&Source<&'a str>, impl fmt::Debug> {
        self.0
            .files
            .get(id)
            .map(|(_, s)| s)
            .ok_or_else(|| format!("no source for {id}"))
    }

    fn display<'b>(&self, id: &'b &'a str) -> Option<impl fmt::Display + 'b> {
        Some(*id)
    }
}

/// The buffer a finding is drawn into, as ariadne writes to it. ariadne writes its
/// report a character at a time with `write!`; `io::Write::write_fmt` would pass each
/// piece through an adapter and `write_all`, so this formats straight into the bytes.
struct DrawBuf<'b>(&'b mut Vec<u8>);

impl fmt::Write for DrawBuf<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }

    fn write_char(&mut self, c: char) -> fmt::Result {
        if c.is_ascii() {
            self.0.push(c as u8);
        } else {
            self.0
                .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        Ok(())
    }
}

impl Write for DrawBuf<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> io::Result<()> {
        fmt::write(self, args).map_err(|_| io::Error::other("formatter error"))
    }
}

/// One ariadne report per finding, then a summary line.
pub fn write_human(out: &mut dyn Write, r: &Report, lang: Lang, color: bool) -> io::Result<()> {
    // ariadne draws a report character by character: the most costly output by far, so
    // its findings are drawn side by side, from sources built once
    let sources = Sources::of(r);
    write_batched(
        out,
        r.findings,
        || (),
        |_, _, f, buf| {
            write_finding(buf, r, f, lang, color, &sources)?;
            buf.push(b'\n');
            Ok(())
        },
    )?;
    writeln!(out, "{}", summary_line(r, lang))
}

fn write_finding<'a>(
    out: &mut Vec<u8>,
    r: &Report<'a>,
    f: &'a Finding,
    lang: Lang,
    color: bool,
    sources: &Sources<'a>,
) -> io::Result<()> {
    let d = diagnostic(r, f, lang, sources);
    if !color && draw::draw(&d, &|file| sources.source(file), out) {
        return Ok(());
    }
    write_with_ariadne(out, &d, f.severity, color, sources)
}

/// What the report of a finding shows: its labels in characters of the shared sources.
fn diagnostic<'a>(
    r: &Report<'a>,
    f: &'a Finding,
    lang: Lang,
    sources: &Sources<'a>,
) -> draw::Diagnostic<'a> {
    let kind = match f.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Advice",
    };
    let primary = place(r, &f.primary);
    let label = f.label.get(lang);
    let mut labels = vec![draw::Mark {
        file: primary.file,
        span: sources.span(primary.file, &primary.span),
        message: Some(label).filter(|l| !l.is_empty()),
    }];
    let mut notes: Vec<String> = f.notes.iter().map(|n| n.get(lang).to_string()).collect();
    let mut extra_notes = Vec::new();
    for rel in &f.related {
        let p = place(r, &rel.location);
        let message = rel.message.get(lang);
        if p.doc.is_none() {
            // Nothing to draw: say what that source states, and where.
            extra_notes.push(format!("{}: {message}", p.file));
            continue;
        }
        labels.push(draw::Mark {
            file: p.file,
            span: sources.span(p.file, &p.span),
            message: Some(message),
        });
    }
    notes.extend(extra_notes);
    let suppress = match lang {
        Lang::Vi => "để bỏ qua",
        Lang::En => "to suppress",
    };
    notes.push(format!(
        "{suppress}: <!-- factlint-disable-next-line {} -->",
        f.rule
    ));
    draw::Diagnostic {
        kind,
        code: f.rule,
        message: f.message.get(lang),
        labels,
        help: f.help.as_ref().map(|h| h.get(lang)),
        notes,
    }
}

/// The report of `d` as ariadne draws it.
fn write_with_ariadne<'a>(
    out: &mut Vec<u8>,
    d: &draw::Diagnostic<'a>,
    severity: Severity,
    color: bool,
    sources: &Sources<'a>,
) -> io::Result<()> {
    let (kind, primary_color) = match severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        Severity::Info => (ReportKind::Advice, Color::Fixed(147)),
    };
    let related_color = Color::Blue;
    let primary = &d.labels[0];
    let mut report = ariadne::Report::build(kind, (primary.file, primary.span.clone()))
        .with_config(
            Config::default()
                .with_index_type(IndexType::Char)
                .with_color(color),
        )
        .with_code(d.code)
        .with_message(d.message);
    for (i, mark) in d.labels.iter().enumerate() {
        let color = if i == 0 { primary_color } else { related_color };
        let mut label = Label::new((mark.file, mark.span.clone())).with_color(color);
        if let Some(message) = mark.message {
            label = label.with_message(message);
        }
        report = report.with_label(label);
    }
    if let Some(help) = d.help {
        report = report.with_help(help);
    }
    for note in &d.notes {
        report = report.with_note(note);
    }
    report.finish().write(Shared(sources), DrawBuf(out))
}

/// `3 lỗi, 1 cảnh báo, 0 ghi chú trong 2 tệp (41 số liệu)`, or the "no problems" line.
pub fn summary_line(r: &Report, lang: Lang) -> String {
    let c = Counts::of(r.findings);
    let (files, claims) = (r.files, r.claims);
    match lang {
        Lang::Vi if r.findings.is_empty() => {
            format!("không có vấn đề nào trong {files} tệp ({claims} số liệu)")
        }
        Lang::Vi => format!(
            "{} lỗi, {} cảnh báo, {} ghi chú trong {files} tệp ({claims} số liệu)",
            c.errors, c.warnings, c.infos
        ),
        Lang::En if r.findings.is_empty() => format!(
            "no problems in {} ({})",
            plural(files, "file"),
            plural(claims, "claim")
        ),
        Lang::En => format!(
            "{}, {}, {} in {} ({})",
            plural(c.errors, "error"),
            plural(c.warnings, "warning"),
            plural(c.infos, "note"),
            plural(files, "file"),
            plural(claims, "claim")
        ),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_keeps_spans_inside_and_on_char_boundaries() {
        let s = "đạt 77";
        assert_eq!(clamp(s, &(0..1)), 0..2); // `đ` is two bytes
        assert_eq!(clamp(s, &(1..1)), 0..0);
        assert_eq!(clamp(s, &Range { start: 5, end: 3 }), 5..5);
        assert_eq!(clamp(s, &(100..200)), s.len()..s.len());
        assert_eq!(clamp("", &(3..9)), 0..0);
    }

    #[test]
    fn english_counts_agree_in_number() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(41, "claim"), "41 claims");
    }

    /// JSON and JSON Lines as serde printed them from the records (`FindingRecord`),
    /// in both languages.
    fn assert_json_is_serdes(r: &Report) {
        for lang in [Lang::Vi, Lang::En] {
            let whole = CheckJson {
                version: 1,
                findings: r
                    .findings
                    .iter()
                    .map(|f| FindingRecord::new(r, f, lang))
                    .collect(),
                summary: Summary {
                    files: r.files,
                    claims: r.claims,
                    counts: Counts::of(r.findings),
                },
            };
            let mut want = serde_json::to_vec_pretty(&whole).expect("serde");
            want.push(b'\n');
            let mut got = Vec::new();
            write_json(&mut got, r, lang).expect("write");
            assert!(got == want, "JSON: {}", first_difference(&got, &want));

            let mut want = Vec::new();
            for f in r.findings {
                serde_json::to_writer(&mut want, &FindingRecord::new(r, f, lang)).expect("serde");
                want.push(b'\n');
            }
            let mut got = Vec::new();
            write_jsonl(&mut got, r, lang).expect("write");
            assert!(got == want, "JSON Lines: {}", first_difference(&got, &want));
        }
    }

    #[test]
    fn batched_json_is_what_serde_prints_for_the_whole_run() {
        let mut outcome = crate::testing::project_outcome();
        assert!(outcome.findings.len() > 100, "{}", outcome.findings.len());
        // more than one batch, and a last one cut short
        let many = crate::testing::repeated(&outcome.findings, 5000);
        for findings in [Vec::new(), outcome.findings.clone(), many] {
            outcome.findings = findings;
            let lookup = |path: &str| outcome.document(path);
            assert_json_is_serdes(&crate::testing::report(&outcome, &lookup));
        }
    }

    /// The project's findings with every text replaced by an odd one (escapes, NFD,
    /// NBSP, zero-width, CRLF, huge numbers), spans past the end or reversed, fixes
    /// added or dropped, and locations in files without a document: JSON as serde's.
    #[test]
    fn json_of_odd_findings_is_what_serde_prints() {
        use crate::finding::{Applicability, Edit, Fix, Text};
        let odd = [
            "",
            "\"quoted\" \\ back\\slash",
            "tab\there\r\nCRLF\u{1}\u{1f}\u{7f}\u{8}\u{c}",
            "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t 12,5%",
            "a\u{a0}b zero\u{200b}width\u{feff} \u{2028}",
            "huge 99999999999999999999999999 — “x” 中文",
            "0123456789abcdef0123456789abcdef\"",
        ];
        let mut outcome = crate::testing::project_outcome();
        let mut next = 0;
        let mut text = || {
            next += 1;
            let vi = odd[next % odd.len()];
            let en = odd[(next * 3 + 1) % odd.len()];
            Text::new(vi, en)
        };
        for (i, f) in outcome.findings.iter_mut().enumerate() {
            f.message = text();
            f.label = text();
            f.help = (i % 3 != 0).then(&mut text);
            f.notes = (0..i % 3).map(|_| text()).collect();
            let len = f.primary.span.len();
            match i % 5 {
                0 => f.primary.span = usize::MAX - 3..usize::MAX,
                1 => f.primary.span = f.primary.span.end..f.primary.span.start,
                2 => f.primary.file = format!("missing-{i}.md").into(),
                _ => {}
            }
            for (j, rel) in f.related.iter_mut().enumerate() {
                rel.message = text();
                if (i + j) % 4 == 0 {
                    rel.location.span = rel.location.span.start + 1..rel.location.span.end + 1;
                }
            }
            f.fix = match i % 4 {
                0 => None,
                1 => Some(Fix {
                    description: text(),
                    edits: Vec::new(),
                    applicability: Applicability::Suggested,
                }),
                _ => Some(Fix {
                    description: text(),
                    edits: (0..1 + i % 3)
                        .map(|k| Edit {
                            location: f.primary.clone(),
                            replacement: odd[(i + k) % odd.len()].repeat(1 + len % 3),
                        })
                        .collect(),
                    applicability: Applicability::Automatic,
                }),
            };
        }
        let lookup = |path: &str| outcome.document(path);
        assert_json_is_serdes(&crate::testing::report(&outcome, &lookup));
    }

    /// Batches written while the next is rendered are written as in turn: for none, one
    /// and many batches, with a slice's state kept across its findings, and when a
    /// finding fails to render (the output up to its slice, and its error).
    #[test]
    fn batches_written_while_the_next_renders_are_written_as_in_turn() {
        let outcome = crate::testing::project_outcome();
        let many = crate::testing::repeated(&outcome.findings, 3 * BATCH + 7);
        for n in [0, 1, BATCH - 1, BATCH, BATCH + 1, many.len()] {
            let findings = &many[..n];
            for fail_at in [None, Some(n / 2), Some(n.saturating_sub(1))] {
                let run = |write: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| {
                    let mut out = Vec::new();
                    let result = write(&mut out).map_err(|e| e.to_string());
                    (out, result)
                };
                let render = |seen: &mut usize, i: usize, f: &Finding, buf: &mut Vec<u8>| {
                    if Some(i) == fail_at {
                        return Err(io::Error::other(format!("finding {i}")));
                    }
                    *seen += 1;
                    writeln!(buf, "{i} {} {seen} {}", f.rule, f.message.vi)
                };
                let now = run(&|out| write_batched(out, findings, || 0, render));
                let before = run(&|out| write_batched_in_turn(out, findings, || 0, render));
                assert!(now == before, "{n} findings, failing at {fail_at:?}");
            }
        }
    }

    #[test]
    fn batched_human_output_is_what_one_by_one_draws() {
        let mut outcome = crate::testing::project_outcome();
        let many = crate::testing::repeated(&outcome.findings, 2100);
        outcome.findings = many;
        let lookup = |path: &str| outcome.document(path);
        let r = crate::testing::report(&outcome, &lookup);
        for (lang, color) in [(Lang::Vi, false), (Lang::En, true)] {
            let mut want = Vec::new();
            let sources = Sources::of(&r);
            for f in r.findings {
                write_finding(&mut want, &r, f, lang, color, &sources).expect("draw");
                want.push(b'\n');
            }
            writeln!(want, "{}", summary_line(&r, lang)).expect("write");
            let mut got = Vec::new();
            write_human(&mut got, &r, lang, color).expect("write");
            assert!(got == want, "human output differs ({lang:?})");
        }
    }

    /// The plain drawer writes what ariadne writes, for every finding of the project's
    /// texts and for labels laid over every project text and odd ones; and it draws the
    /// findings of the project (a drawer that never drew would pass the rest).
    #[test]
    fn plain_drawing_is_what_ariadne_draws() {
        let outcome = crate::testing::project_outcome();
        let lookup = |path: &str| outcome.document(path);
        let r = crate::testing::report(&outcome, &lookup);
        let sources = Sources::of(&r);
        let (mut drawn, mut all) = (0, 0);
        for lang in [Lang::Vi, Lang::En] {
            for f in r.findings {
                let d = diagnostic(&r, f, lang, &sources);
                drawn += usize::from(same_as_ariadne(&d, f.severity, &sources));
                all += 1;
            }
        }
        assert!(all > 200 && drawn * 10 > all * 9, "{drawn} of {all} drawn");

        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                "x",
                "digits 0123456789 0123456789\n12345678901234567890",
                "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t 12,5%\ncòn",
                "a\u{a0}b\u{a0}\u{a0}c đạt 77\u{a0}\nnext line",
                "zero\u{200b}width 5 tỷ\u{feff} x",
                "tab\there 4\t5\nand after",
                "crlf 1\r\nline 2\r\nline 3\rline 4\u{2028}line 5",
                "unclosed (bracket [x {y 12 «z",
                "huge 99999999999999999999999999 — “quoted” … ‘x’",
                "中文 12 tỷ ｆｕｌｌ",
            ]
            .map(String::from),
        );
        let names: Vec<String> = (0..texts.len()).map(|i| format!("t{i}.md")).collect();
        let files = (names.iter().map(String::as_str))
            .zip(&texts)
            .map(|(name, text)| (name, (0, Source::from(text.as_str()))))
            .collect();
        let sources = Sources { files };
        let mut seed = 12345u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        let (mut drawn, mut all) = (0, 0);
        for (i, text) in texts.iter().enumerate() {
            let len = text.chars().count();
            for k in 0..12 {
                let span = |next: &mut dyn FnMut(usize) -> usize| {
                    let start = next(len + 2);
                    let wide = if k % 3 == 0 { 400 } else { 12 };
                    start..start + next(wide)
                };
                let count = 1 + k % 4;
                let labels = (0..count)
                    .map(|j| {
                        // now and then a label in the next text, or before the last one
                        let file = if j > 0 && next(5) == 0 {
                            &names[(i + 1) % names.len()]
                        } else {
                            &names[i]
                        };
                        draw::Mark {
                            file,
                            span: span(&mut next),
                            message: (next(4) != 0).then_some("nhãn: khoảng 36"),
                        }
                    })
                    .collect();
                let notes = (0..k % 3)
                    .map(|n| format!("ghi chú {n}\ndòng hai\n"))
                    .collect();
                let d = draw::Diagnostic {
                    kind: ["Error", "Warning", "Advice"][k % 3],
                    code: "cross-source/value-mismatch",
                    message: "khác nhau giữa các nguồn",
                    labels,
                    help: [None, Some(""), Some("một dòng"), Some("hai\r\ndòng")][k % 4],
                    notes,
                };
                let severity = [Severity::Error, Severity::Warning, Severity::Info][k % 3];
                drawn += usize::from(same_as_ariadne(&d, severity, &sources));
                all += 1;
            }
        }
        assert!(drawn * 4 > all, "{drawn} of {all} drawn");
    }

    /// Whether the plain drawer drew `d`; when it did, it wrote what ariadne writes.
    fn same_as_ariadne(d: &draw::Diagnostic, severity: Severity, sources: &Sources) -> bool {
        let mut plain = Vec::new();
        let drawn = draw::draw(d, &|file| sources.source(file), &mut plain);
        if !drawn {
            assert!(plain.is_empty());
            return false;
        }
        let mut want = Vec::new();
        write_with_ariadne(&mut want, d, severity, false, sources).expect("draw");
        assert_eq!(
            String::from_utf8_lossy(&plain),
            String::from_utf8_lossy(&want)
        );
        true
    }

    #[test]
    fn findings_kept_in_one_language_print_as_with_both() {
        let both = crate::testing::project_outcome();
        let print = |outcome: &crate::engine::Outcome, lang: Lang| {
            let lookup = |path: &str| outcome.document(path);
            let r = crate::testing::report(outcome, &lookup);
            let mut out = Vec::new();
            write_json(&mut out, &r, lang).expect("write");
            write_human(&mut out, &r, lang, false).expect("write");
            out
        };
        for lang in [Lang::Vi, Lang::En] {
            let one = crate::testing::project_outcome_in(Some(lang));
            let other = match lang {
                Lang::Vi => Lang::En,
                Lang::En => Lang::Vi,
            };
            // the other language is gone (the more-places notes are made after)
            let left: usize = one
                .findings
                .iter()
                .map(|f| {
                    f.label.get(other).len() + f.help.as_ref().map_or(0, |h| h.get(other).len())
                })
                .sum();
            assert_eq!(left, 0);
            assert!(
                print(&one, lang) == print(&both, lang),
                "{lang:?} output differs"
            );
        }
    }

    /// With the sources dropped and only the findings' spans kept, JSON and JSON Lines
    /// print as with the sources read back whole.
    #[test]
    fn json_from_the_spans_alone_is_json_from_the_whole_sources() {
        let whole = crate::testing::project_outcome();
        let spans = crate::testing::project_outcome_with(None, true);
        assert!(whole.sources.iter().all(|s| !s.doc.is_shelved()));
        let shelved = spans.sources.iter().filter(|s| s.doc.is_shelved()).count();
        assert_eq!(shelved, spans.sources.len(), "every file's source dropped");
        assert!(whole.findings.len() > 100, "{}", whole.findings.len());
        let print = |outcome: &crate::engine::Outcome, lang: Lang| {
            let lookup = |path: &str| outcome.document(path);
            let r = crate::testing::report(outcome, &lookup);
            let mut out = Vec::new();
            write_json(&mut out, &r, lang).expect("write");
            write_jsonl(&mut out, &r, lang).expect("write");
            out
        };
        for lang in [Lang::Vi, Lang::En] {
            let (a, b) = (print(&whole, lang), print(&spans, lang));
            assert!(a == b, "{lang:?}: {}", first_difference(&a, &b));
        }
    }

    fn first_difference(a: &[u8], b: &[u8]) -> String {
        let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let near = |s: &[u8]| {
            String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
        };
        format!("at byte {at}: {:?} against {:?}", near(a), near(b))
    }

    /// The characters before a byte, counted from its line's start, are those counted
    /// from the file's start: at every character of the project's texts.
    #[test]
    fn char_offsets_by_line_are_those_of_the_whole_text() {
        let mut texts = crate::testing::project_texts();
        texts.push("a\r\nđạt 77\n\n\u{2028}ấp\rcuối".into());
        for t in &texts {
            let src = Source::from(t.as_str());
            let ends = t
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(t.len()));
            for (before, i) in ends.enumerate() {
                assert_eq!(char_offset(&src, i), before, "{i}");
            }
        }
    }
}
