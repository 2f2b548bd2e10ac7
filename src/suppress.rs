//! Suppression comments in a document (HTML comments, valid in Markdown):
//! `<!-- factlint-disable-next-line RULE[, RULE] -->`, `<!-- factlint-disable RULE -->` ...
//! `<!-- factlint-enable RULE -->`, and `<!-- factlint-disable-file RULE -->`. Without a
//! rule they apply to every rule.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::document::Document;
use crate::finding::{Finding, Location, Severity, Text};

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*factlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->")
        .unwrap_or_else(|_| unreachable!())
});

/// Which rules are silenced where in one document.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// (byte range of the source, rules; empty = every rule, the comment's own range).
    spans: Vec<(Range<usize>, Vec<String>, Range<usize>)>,
}

impl Suppressions {
    pub fn of(doc: &Document) -> Suppressions {
        let src = &doc.source;
        let mut spans = Vec::new();
        // rule (or "" for all) -> where an open `disable` started
        let mut open: Vec<(String, usize, Range<usize>)> = Vec::new();
        for cap in COMMENT.captures_iter(src) {
            let (Some(whole), Some(kind)) = (cap.get(0), cap.get(1)) else {
                continue;
            };
            let rules: Vec<String> = cap
                .get(2)
                .map(|m| m.as_str())
                .unwrap_or_default()
                .split([',', ' '])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            match kind.as_str() {
                "disable-file" => spans.push((0..src.len(), rules, whole.range())),
                "disable-next-line" => {
                    let line_end = src[whole.end()..]
                        .find('\n')
                        .map_or(src.len(), |p| whole.end() + p + 1);
                    let next_end = src[line_end..]
                        .find('\n')
                        .map_or(src.len(), |p| line_end + p + 1);
                    spans.push((line_end..next_end, rules, whole.range()));
                }
                "disable" => {
                    if rules.is_empty() {
                        open.push((String::new(), whole.end(), whole.range()));
                    }
                    open.extend(rules.into_iter().map(|r| (r, whole.end(), whole.range())));
                }
                _ => {
                    // `enable` closes the matching `disable`s (all of them without a rule)
                    let closes = |r: &String| rules.is_empty() || rules.contains(r) || r.is_empty();
                    let (closed, still): (Vec<_>, Vec<_>) =
                        open.into_iter().partition(|(r, _, _)| closes(r));
                    open = still;
                    for (r, start, comment) in closed {
                        let rs = if r.is_empty() { Vec::new() } else { vec![r] };
                        spans.push((start..whole.start(), rs, comment));
                    }
                }
            }
        }
        for (r, start, comment) in open {
            let rs = if r.is_empty() { Vec::new() } else { vec![r] };
            spans.push((start..src.len(), rs, comment));
        }
        Suppressions { spans }
    }

    /// Whether a finding of `rule` at byte `offset` is silenced.
    pub fn covers(&self, rule: &str, offset: usize) -> bool {
        self.covering(rule, offset).next().is_some()
    }

    /// The indices of the suppressions that silence `rule` at `offset`.
    fn covering<'a>(&'a self, rule: &'a str, offset: usize) -> impl Iterator<Item = usize> + 'a {
        self.spans
            .iter()
            .enumerate()
            .filter_map(move |(i, (range, rules, _))| {
                let hit = range.contains(&offset)
                    && (rules.is_empty() || rules.iter().any(|r| r == rule));
                hit.then_some(i)
            })
    }
}

/// The suppressions of a document, if it has any comment of factlint's.
pub fn of_document(doc: &Document) -> Option<Suppressions> {
    doc.source
        .contains("factlint-")
        .then(|| Suppressions::of(doc))
}

/// Drop the findings their document silences, and report each suppression comment that
/// silenced nothing (rule `suppression/unused`, at `unused` severity; `None` turns it off).
pub fn apply(findings: &mut Vec<Finding>, docs: &[&Document], unused: Option<Severity>) {
    let table: Vec<(Arc<str>, Suppressions)> = docs
        .iter()
        .filter_map(|d| Some((d.path.clone(), of_document(d)?)))
        .collect();
    apply_table(findings, &table, unused);
}

/// `apply` with each document's suppressions read already (`of_document`), by path.
pub fn apply_table(
    findings: &mut Vec<Finding>,
    table: &[(Arc<str>, Suppressions)],
    unused: Option<Severity>,
) {
    if table.is_empty() {
        return;
    }
    let mut used: Vec<Vec<bool>> = table
        .iter()
        .map(|(_, s)| vec![false; s.spans.len()])
        .collect();
    findings.retain(|f| {
        let mut silenced = false;
        for (k, (path, s)) in table.iter().enumerate() {
            if *path != f.primary.file {
                continue;
            }
            for i in s.covering(f.rule, f.primary.span.start) {
                used[k][i] = true;
                silenced = true;
            }
        }
        !silenced
    });
    let Some(severity) = unused else { return };
    for (k, (path, s)) in table.iter().enumerate() {
        for (i, (_, rules, comment)) in s.spans.iter().enumerate() {
            if used[k][i] {
                continue;
            }
            let which = if rules.is_empty() {
                "mọi quy tắc".to_string()
            } else {
                rules.join(", ")
            };
            let which_en = if rules.is_empty() {
                "every rule".to_string()
            } else {
                rules.join(", ")
            };
            findings.push(Finding {
                rule: UNUSED,
                severity,
                message: Text::new(
                    format!("chú thích bỏ qua ({which}) không bỏ qua phát hiện nào"),
                    format!("this suppression ({which_en}) silences nothing"),
                ),
                primary: Location {
                    file: path.clone(),
                    span: comment.clone(),
                },
                label: Text::new("không còn cần", "no longer needed"),
                related: Vec::new(),
                help: Some(Text::new("xóa chú thích này", "remove this comment")),
                notes: Vec::new(),
                fix: None,
            });
        }
    }
}

const UNUSED: &str = "suppression/unused";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::from_bytes;

    fn covers(text: &str, rule: &str, needle: &str) -> bool {
        let doc = from_bytes("t.md", text.as_bytes()).expect("utf-8");
        let at = text.find(needle).expect("needle");
        Suppressions::of(&doc).covers(rule, at)
    }

    #[test]
    fn next_line_only() {
        let t = "<!-- factlint-disable-next-line cross-source/value-mismatch -->\nCó 75 danh hiệu.\nCó 76 danh hiệu.\n";
        assert!(covers(t, "cross-source/value-mismatch", "75"));
        assert!(!covers(t, "cross-source/value-mismatch", "76"));
        assert!(!covers(t, "style/term", "75"));
    }

    #[test]
    fn block_and_file_and_all_rules() {
        let t = "a 1\n<!-- factlint-disable style/term -->\nb 2\n<!-- factlint-enable style/term -->\nc 3\n";
        assert!(!covers(t, "style/term", "1"));
        assert!(covers(t, "style/term", "2"));
        assert!(!covers(t, "style/term", "3"));
        let t = "x 9\n<!-- factlint-disable-file -->\n";
        assert!(covers(t, "anything/at-all", "9"));
        let t = "<!-- factlint-disable-next-line style/term, style/tone-mark -->\ny 4\n";
        assert!(covers(t, "style/tone-mark", "4"));
    }
}
