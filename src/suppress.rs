//! Suppression comments in a document (HTML comments, valid in Markdown):
//! `<!-- factlint-disable-next-line RULE[, RULE] -->`, `<!-- factlint-disable RULE -->` ...
//! `<!-- factlint-enable RULE -->`, and `<!-- factlint-disable-file RULE -->`. Without a
//! rule they apply to every rule.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::finding::Finding;

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*factlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->")
        .unwrap_or_else(|_| unreachable!())
});

/// Which rules are silenced where in one document.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// (byte range of the source, rules; empty = every rule).
    spans: Vec<(Range<usize>, Vec<String>)>,
}

impl Suppressions {
    pub fn of(doc: &Document) -> Suppressions {
        let src = &doc.source;
        let mut spans = Vec::new();
        // rule (or "" for all) -> where an open `disable` started
        let mut open: Vec<(String, usize)> = Vec::new();
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
                "disable-file" => spans.push((0..src.len(), rules)),
                "disable-next-line" => {
                    let line_end = src[whole.end()..]
                        .find('\n')
                        .map_or(src.len(), |p| whole.end() + p + 1);
                    let next_end = src[line_end..]
                        .find('\n')
                        .map_or(src.len(), |p| line_end + p + 1);
                    spans.push((line_end..next_end, rules));
                }
                "disable" => {
                    if rules.is_empty() {
                        open.push((String::new(), whole.end()));
                    }
                    open.extend(rules.into_iter().map(|r| (r, whole.end())));
                }
                _ => {
                    // `enable` closes the matching `disable`s (all of them without a rule)
                    let closes = |r: &String| rules.is_empty() || rules.contains(r) || r.is_empty();
                    let (closed, still): (Vec<_>, Vec<_>) =
                        open.into_iter().partition(|(r, _)| closes(r));
                    open = still;
                    for (r, start) in closed {
                        let rs = if r.is_empty() { Vec::new() } else { vec![r] };
                        spans.push((start..whole.start(), rs));
                    }
                }
            }
        }
        for (r, start) in open {
            let rs = if r.is_empty() { Vec::new() } else { vec![r] };
            spans.push((start..src.len(), rs));
        }
        Suppressions { spans }
    }

    /// Whether a finding of `rule` at byte `offset` is silenced.
    pub fn covers(&self, rule: &str, offset: usize) -> bool {
        self.spans.iter().any(|(range, rules)| {
            range.contains(&offset) && (rules.is_empty() || rules.iter().any(|r| r == rule))
        })
    }
}

/// Drop the findings their document silences.
pub fn apply(findings: &mut Vec<Finding>, docs: &[&Document]) {
    let table: Vec<(&str, Suppressions)> = docs
        .iter()
        .filter(|d| d.source.contains("factlint-"))
        .map(|d| (d.path.as_str(), Suppressions::of(d)))
        .collect();
    if table.is_empty() {
        return;
    }
    findings.retain(|f| {
        !table
            .iter()
            .any(|(path, s)| *path == f.primary.file && s.covers(f.rule, f.primary.span.start))
    });
}

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
