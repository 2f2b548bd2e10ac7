//! `check --format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! One run; the driver lists every rule of the registry (and any other rule id a finding
//! carries) so each result's `ruleId`/`ruleIndex` resolves. Regions give lines and columns
//! in code points (`columnKind: unicodeCodePoints`, design.md convention 2; a leading BOM
//! is not a column, as in `Document::line_col`) and, beside them, the byte range of the
//! original file. Paths are relative URIs against `%SRCROOT%`, the folder factlint ran
//! from. Nothing in the output depends on the clock or the machine, so the same findings
//! give the same bytes.
//!
//! `partialFingerprints` hash the rule, the file and the texts of the primary and related
//! spans, never a line number, so an alert keeps its identity when lines move.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::finding::{Finding, Lang, Location, Severity};
use crate::render::findings::{Report, clamp, indent, write_batched};
use crate::rules::registry::{self, RuleMeta};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "factlintFingerprint/v1";

// ---------------------------------------------------------------------------------------
// The SARIF objects emitted (fields in the order they print)

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    original_uri_base_ids: BaseIds,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct BaseIds {
    #[serde(rename = "%SRCROOT%")]
    srcroot: BaseId,
}

/// `%SRCROOT%` without a `uri`: the consumer (GitHub: the repository checkout) supplies
/// it. An absolute path here would make the output depend on the machine.
#[derive(Serialize)]
struct BaseId {
    description: Message,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Message,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Message {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<ResultLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "factlintFingerprint/v1")]
    v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A text region with its byte range beside it; only `startLine`/`startColumn` when the
/// file has no document (an unreadable input), since nothing else is known for certain.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

// ---------------------------------------------------------------------------------------
// Writing

/// The whole run as one SARIF 2.1.0 log, laid out as `serde_json::to_writer_pretty` lays
/// it out. The log is printed around its results, which are rendered in parallel
/// batches (`write_batched`), each indented to its depth.
pub fn write_sarif(out: &mut dyn Write, r: &Report, lang: Lang) -> io::Result<()> {
    let (log, index_of) = log_around(r, lang);
    let ids = fingerprint_ids(r);
    let mut frame = Vec::new();
    serde_json::to_writer_pretty(&mut frame, &log)?;
    // a key's quotes are never escaped, a string's always are: this is the key's place
    const EMPTY: &[u8] = b"\"results\": []";
    let at = frame
        .windows(EMPTY.len())
        .position(|w| w == EMPTY)
        .ok_or_else(|| io::Error::other("SARIF layout: no results array"))?;
    out.write_all(&frame[..at + EMPTY.len() - 1])?;
    write_batched(
        out,
        r.findings,
        || (),
        |_, i, f, buf| {
            buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            let record = result(r, f, lang, index_of(f.rule), ids[i].clone());
            let mut text = Vec::new();
            serde_json::to_writer_pretty(&mut text, &record)?;
            indent(buf, &text, b"        ");
            Ok(())
        },
    )?;
    if !r.findings.is_empty() {
        out.write_all(b"\n      ")?;
    }
    out.write_all(&frame[at + EMPTY.len() - 1..])?;
    writeln!(out)
}

/// Each finding's fingerprint id: its hash, and how many findings up to it have that
/// hash (hashes in parallel, counts in order).
fn fingerprint_ids(r: &Report) -> Vec<String> {
    use rayon::prelude::*;
    let hashes: Vec<u64> = r.findings.par_iter().map(|f| fingerprint(r, f)).collect();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    hashes
        .into_iter()
        .map(|hash| {
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            format!("{hash:016x}:{n}")
        })
        .collect()
}

/// The log with no results, and the index of a rule id in its `driver.rules`.
fn log_around<'r>(r: &'r Report, lang: Lang) -> (Log, impl Fn(&str) -> Option<usize> + Sync + 'r) {
    let mut rules: Vec<Descriptor> = registry::RULES
        .iter()
        .map(|m| descriptor(m, lang))
        .collect();
    // Rule ids the registry does not know (none today) still get a descriptor, so every
    // `ruleId` resolves in `driver.rules`.
    let mut extra: Vec<&str> = Vec::new();
    for f in r.findings {
        if registry::meta(f.rule).is_none() && !extra.contains(&f.rule) {
            extra.push(f.rule);
            rules.push(unknown_descriptor(f, lang));
        }
    }
    let index_of = move |id: &str| {
        registry::RULES.iter().position(|m| m.id == id).or_else(|| {
            extra
                .iter()
                .position(|e| *e == id)
                .map(|i| registry::RULES.len() + i)
        })
    };
    let description = match lang {
        Lang::Vi => "thư mục chạy factlint",
        Lang::En => "the folder factlint was run from",
    };
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "factlint",
                    information_uri: information_uri(),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            original_uri_base_ids: BaseIds {
                srcroot: BaseId {
                    description: Message::new(description),
                },
            },
            column_kind: "unicodeCodePoints",
            results: Vec::new(),
        }],
    };
    (log, index_of)
}

/// The package's repository or homepage, when Cargo.toml names one (an empty string is
/// not a valid URI, so the property is left out otherwise).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `value-mismatch` → `ValueMismatch`.
fn pascal_case(name: &str) -> String {
    name.split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

fn rule_name(id: &str) -> String {
    pascal_case(id.split_once('/').map_or(id, |(_, name)| name))
}

fn family(id: &str) -> String {
    id.split_once('/')
        .map_or(id, |(family, _)| family)
        .to_string()
}

fn descriptor(m: &RuleMeta, lang: Lang) -> Descriptor {
    let summary = match lang {
        Lang::Vi => m.summary_vi,
        Lang::En => m.summary_en,
    };
    Descriptor {
        id: m.id.to_string(),
        name: rule_name(m.id),
        short_description: Message::new(summary),
        full_description: Message::new(summary),
        help: Message::new(rule_help(m, lang)),
        default_configuration: Configuration {
            level: level(m.severity),
        },
        properties: Properties {
            tags: vec![family(m.id)],
        },
    }
}

fn unknown_descriptor(f: &Finding, _lang: Lang) -> Descriptor {
    Descriptor {
        id: f.rule.to_string(),
        name: rule_name(f.rule),
        short_description: Message::new(f.rule),
        full_description: Message::new(f.rule),
        help: Message::new(format!("factlint explain {}", f.rule)),
        default_configuration: Configuration {
            level: level(f.severity),
        },
        properties: Properties {
            tags: vec![family(f.rule)],
        },
    }
}

/// The `help.text` of a rule: its summary, whether `--fix` applies it, where to read
/// more and how to suppress it. When a docs module gives each rule its full explanation,
/// return that from here.
pub fn rule_help(m: &RuleMeta, lang: Lang) -> String {
    let id = m.id;
    match lang {
        Lang::Vi => {
            let mut s = format!("{}.", m.summary_vi);
            if m.fixable {
                s.push_str(" Sửa tự động được bằng `factlint check --fix`.");
            }
            s.push_str(&format!(
                "\n\nChi tiết: `factlint explain {id}`.\nĐể bỏ qua: <!-- factlint-disable-next-line {id} -->"
            ));
            s
        }
        Lang::En => {
            let mut s = format!("{}.", m.summary_en);
            if m.fixable {
                s.push_str(" `factlint check --fix` fixes it.");
            }
            s.push_str(&format!(
                "\n\nDetails: `factlint explain {id}`.\nTo suppress: <!-- factlint-disable-next-line {id} -->"
            ));
            s
        }
    }
}

fn result(
    r: &Report,
    f: &Finding,
    lang: Lang,
    rule_index: Option<usize>,
    fingerprint: String,
) -> SarifResult {
    SarifResult {
        rule_id: f.rule.to_string(),
        rule_index,
        level: level(f.severity),
        message: Message::new(escape_message(&message_with_help(f, lang))),
        locations: vec![ResultLocation {
            physical_location: physical(r, &f.primary),
        }],
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| RelatedLocation {
                id: i + 1,
                physical_location: physical(r, &rel.location),
                message: Message::new(escape_message(rel.message.get(lang))),
            })
            .collect(),
        partial_fingerprints: Fingerprints { v1: fingerprint },
        fixes: f
            .fix
            .iter()
            .map(|fix| {
                let mut changes: Vec<ArtifactChange> = Vec::new();
                let mut files: Vec<&str> = Vec::new();
                for e in &fix.edits {
                    let doc = (r.documents)(&e.location.file);
                    let span = match doc {
                        Some(d) => clamp(&d.source, &e.location.span),
                        None => e.location.span.clone(),
                    };
                    let replacement = Replacement {
                        deleted_region: ByteRegion {
                            byte_offset: span.start,
                            byte_length: span.end.saturating_sub(span.start),
                        },
                        inserted_content: Message::new(e.replacement.as_str()),
                    };
                    match files.iter().position(|p| **p == *e.location.file) {
                        Some(i) => changes[i].replacements.push(replacement),
                        None => {
                            files.push(&e.location.file);
                            changes.push(ArtifactChange {
                                artifact_location: artifact(&e.location.file),
                                replacements: vec![replacement],
                            });
                        }
                    }
                }
                SarifFix {
                    description: Message::new(escape_message(fix.description.get(lang))),
                    artifact_changes: changes,
                }
            })
            .collect(),
    }
}

fn physical(r: &Report, loc: &Location) -> PhysicalLocation {
    let region = match (r.documents)(&loc.file) {
        Some(doc) => {
            let p = position(doc, &loc.span);
            Region {
                start_line: p.start.0,
                start_column: p.start.1,
                end_line: Some(p.end.0),
                end_column: Some(p.end.1),
                byte_offset: Some(p.span.start),
                byte_length: Some(p.span.len()),
                snippet: (!p.text.is_empty()).then(|| Message::new(p.text)),
            }
        }
        None => Region {
            start_line: 1,
            start_column: 1,
            end_line: None,
            end_column: None,
            byte_offset: None,
            byte_length: None,
            snippet: None,
        },
    };
    PhysicalLocation {
        artifact_location: artifact(&loc.file),
        region,
    }
}

// ---------------------------------------------------------------------------------------
// Helpers shared with the `github` format

/// The finding's message in `lang`, with its help after it in parentheses.
pub(crate) fn message_with_help(f: &Finding, lang: Lang) -> String {
    let message = f.message.get(lang);
    match f
        .help
        .as_ref()
        .map(|h| h.get(lang))
        .filter(|h| !h.is_empty())
    {
        Some(help) => format!("{message} ({help})"),
        None => message.to_string(),
    }
}

/// A span resolved against its document: clamped byte range, 1-based (line, column in
/// code points) of its start and of its end (exclusive), and its text.
pub(crate) struct Position<'d> {
    pub span: Range<usize>,
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub text: &'d str,
}

pub(crate) fn position<'d>(doc: &'d Document, span: &Range<usize>) -> Position<'d> {
    let span = clamp(&doc.source, span);
    Position {
        start: doc.line_col(span.start),
        end: doc.line_col(span.end),
        text: &doc.source[span.clone()],
        span,
    }
}

// ---------------------------------------------------------------------------------------
// URIs

/// The artifact location of a path as given: relative paths become relative URI
/// references against `%SRCROOT%` (`./` dropped), absolute ones `file://` URIs. Bytes
/// other than unreserved characters and `/` are percent-encoded (UTF-8), so spaces and
/// Vietnamese letters in file names are valid URI text.
fn artifact(file: &str) -> ArtifactLocation {
    let path = if std::path::MAIN_SEPARATOR == '\\' {
        file.replace('\\', "/")
    } else {
        file.to_string()
    };
    let mut rel = path.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest.trim_start_matches('/');
    }
    let bytes = rel.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if rel.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode_path(rel, true)),
            uri_base_id: None,
        }
    } else if drive {
        ArtifactLocation {
            uri: format!("file:///{}", encode_path(rel, true)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            // a `:` in a relative reference would read as a scheme, so it is encoded
            uri: encode_path(rel, false),
            uri_base_id: Some(SRCROOT),
        }
    }
}

fn encode_path(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF messages may hold embedded links (`[text](1)`). Literal brackets may stay as
/// they are unless the text could be read as a link; then every bracket (and a backslash
/// before one) is escaped with a backslash.
fn escape_message(text: &str) -> String {
    if !text.contains("](") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\\' if matches!(chars.peek(), Some('[' | ']' | '\\')) => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Fingerprints

/// FNV-1a, 64 bits: fixed by its definition, so a fingerprint written by one build of
/// factlint matches the next (std's `DefaultHasher` promises no such thing).
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A field, length first, so `("ab", "c")` and `("a", "bc")` differ.
    fn field(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
}

fn span_text<'a>(r: &Report<'a>, loc: &Location) -> &'a str {
    match (r.documents)(&loc.file) {
        Some(doc) => {
            let span = clamp(&doc.source, &loc.span);
            &doc.source[span]
        }
        None => "",
    }
}

/// A hash of what a finding is about, not where it is: rule, file, the text of the
/// primary span and the texts of the related spans. Lines moving up or down leave it
/// alone; a different figure changes it. In the SARIF output it is written as 16 hex
/// digits and `:n`, n counting findings of the run with the same hash.
pub fn fingerprint(r: &Report, f: &Finding) -> u64 {
    let mut h = Fnv1a::new();
    h.field(FINGERPRINT_KEY);
    h.field(f.rule);
    h.field(&f.primary.file);
    h.field(span_text(r, &f.primary));
    for rel in &f.related {
        h.field(span_text(r, &rel.location));
    }
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        let hash = |s: &str| {
            let mut h = Fnv1a::new();
            h.bytes(s.as_bytes());
            h.0
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(rule_name("cross-source/value-mismatch"), "ValueMismatch");
        assert_eq!(rule_name("arithmetic/sum"), "Sum");
        assert_eq!(family("arithmetic/sum"), "arithmetic");
    }

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        let a = artifact("./báo cáo/a.md");
        assert_eq!(a.uri, "b%C3%A1o%20c%C3%A1o/a.md");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        assert_eq!(artifact("x:y.md").uri, "x%3Ay.md");
        let abs = artifact("/tmp/a b.md");
        assert_eq!(abs.uri, "file:///tmp/a%20b.md");
        assert_eq!(abs.uri_base_id, None);
    }

    #[test]
    fn brackets_are_escaped_only_when_they_could_read_as_a_link() {
        assert_eq!(escape_message("chú thích [3] thiếu"), "chú thích [3] thiếu");
        assert_eq!(escape_message("xem [3](1)"), "xem \\[3\\](1)");
    }

    #[test]
    fn batched_log_is_what_serde_prints_for_the_whole_log() {
        let mut outcome = crate::testing::project_outcome();
        let many = crate::testing::repeated(&outcome.findings, 2100);
        for findings in [Vec::new(), outcome.findings.clone(), many] {
            outcome.findings = findings;
            let lookup = |path: &str| outcome.document(path);
            let r = crate::testing::report(&outcome, &lookup);
            for lang in [Lang::Vi, Lang::En] {
                let (mut log, index_of) = log_around(&r, lang);
                let ids = fingerprint_ids(&r);
                log.runs[0].results = r
                    .findings
                    .iter()
                    .zip(ids)
                    .map(|(f, id)| result(&r, f, lang, index_of(f.rule), id))
                    .collect();
                let mut want = serde_json::to_vec_pretty(&log).expect("serde");
                want.push(b'\n');
                let mut got = Vec::new();
                write_sarif(&mut got, &r, lang).expect("write");
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want)
                );
            }
        }
    }
}
