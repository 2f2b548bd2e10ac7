//! Baselines: record today's findings, then report only new ones. A finding is known by a
//! fingerprint of its rule, file and the text of its spans — never line numbers — so it
//! survives lines moving up or down; the n-th identical finding in a file gets its
//! occurrence number, so two equal figures in one file stay distinct.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Location};

/// FNV-1a, 64 bits: small, stable across Rust versions and platforms.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Fingerprints of `findings`, in their order. `text` gives the source text of a location.
pub fn fingerprints(findings: &[Finding], text: &dyn Fn(&Location) -> String) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let mut key = format!(
                "{}\u{0}{}\u{0}{}",
                f.rule,
                f.primary.file,
                squash(&text(&f.primary))
            );
            for r in &f.related {
                key.push('\u{0}');
                key.push_str(&r.location.file);
                key.push('\u{0}');
                key.push_str(&squash(&text(&r.location)));
            }
            let h = fnv1a(key.as_bytes());
            let n = seen.entry(h).or_insert(0);
            *n += 1;
            format!("{h:016x}:{n}")
        })
        .collect()
}

/// Whitespace folded, so re-wrapping a paragraph keeps the fingerprint.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    file: String,
    /// The primary text, for people reading the file.
    text: String,
}

/// A set of recorded fingerprints.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    known: BTreeSet<String>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))?;
        Ok(Baseline {
            known: file.findings.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Keep only the findings the baseline does not know.
    pub fn filter(&self, findings: &mut Vec<Finding>, prints: &[String]) {
        let mut keep = prints.iter().map(|p| !self.known.contains(p));
        findings.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Write the baseline of `findings` (atomically: a temp file renamed over the target).
pub fn write(
    path: &Path,
    findings: &[Finding],
    prints: &[String],
    text: &dyn Fn(&Location) -> String,
) -> std::io::Result<()> {
    let file = BaselineFile {
        version: 1,
        findings: findings
            .iter()
            .zip(prints)
            .map(|(f, p)| Entry {
                fingerprint: p.clone(),
                rule: f.rule.to_string(),
                file: f.primary.file.to_string(),
                text: text(&f.primary),
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    let tmp = path.with_extension("factlint-tmp");
    std::fs::write(&tmp, json + "\n")?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Severity, Text};

    fn finding(file: &str, start: usize) -> Finding {
        Finding {
            rule: "cross-source/value-mismatch",
            severity: Severity::Error,
            message: Text::default(),
            primary: Location {
                file: file.into(),
                span: start..start + 2,
            },
            label: Text::default(),
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn fingerprints_ignore_position_but_count_repeats() {
        let text = |_: &Location| "75 danh hiệu".to_string();
        let a = fingerprints(&[finding("a.md", 10)], &text);
        let b = fingerprints(&[finding("a.md", 500)], &text);
        assert_eq!(a, b, "moving the finding down keeps its fingerprint");
        let two = fingerprints(&[finding("a.md", 10), finding("a.md", 40)], &text);
        assert_ne!(two[0], two[1], "two equal findings stay distinct");
        let other = fingerprints(&[finding("b.md", 10)], &text);
        assert_ne!(a, other);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
