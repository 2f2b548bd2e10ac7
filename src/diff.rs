//! `factlint diff OLD NEW`: which figures a new revision added, removed or changed.
//!
//! The claims of both revisions are aligned as sequences with `similar` (a claim is equal
//! when its kind, subject, unit and written figure are); within a replaced stretch, a
//! removed and an added claim of the same kind and subject or unit are one changed claim.

use std::io::{self, Write};

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use crate::checks::fold::Folder;
use crate::claim::Claim;
use crate::document::Document;
use crate::finding::Lang;
use crate::render::claims::ClaimRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    /// For a changed claim: which of `value`, `unit`, `subject`, `bound`, `time` differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
    pub old: Option<ClaimRecord>,
    pub new: Option<ClaimRecord>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
}

#[derive(Hash, PartialEq, Eq)]
struct Key {
    kind: &'static str,
    subject: String,
    unit: String,
    figure: String,
}

fn key(folder: &Folder, doc: &Document, c: &Claim) -> Key {
    Key {
        kind: c.kind.as_str(),
        subject: folder.fold(&c.subject),
        unit: c
            .unit
            .as_deref()
            .map(|u| folder.fold(u))
            .unwrap_or_default(),
        figure: folder.fold(doc.source.get(c.span.clone()).unwrap_or_default()),
    }
}

/// The changes from `old` to `new`, in the order of the new revision.
pub fn diff(
    folder: &Folder,
    old: (&Document, &[Claim]),
    new: (&Document, &[Claim]),
) -> (Vec<Change>, Summary) {
    let (od, oc) = old;
    let (nd, nc) = new;
    let ok: Vec<Key> = oc.iter().map(|c| key(folder, od, c)).collect();
    let nk: Vec<Key> = nc.iter().map(|c| key(folder, nd, c)).collect();
    let mut changes = Vec::new();
    let mut summary = Summary::default();
    let rec_old = |i: usize| Some(ClaimRecord::new(od, &oc[i]));
    let rec_new = |i: usize| Some(ClaimRecord::new(nd, &nc[i]));
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        let (tag, or, nr) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => summary.unchanged += or.len(),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                let mut paired = vec![false; nr.len()];
                for i in or.clone() {
                    let partner = nr.clone().zip(paired.iter()).position(|(j, used)| {
                        !used
                            && ok[i].kind == nk[j].kind
                            && (ok[i].subject == nk[j].subject || ok[i].unit == nk[j].unit)
                    });
                    match partner {
                        Some(p) => {
                            paired[p] = true;
                            let j = nr.start + p;
                            summary.changed += 1;
                            changes.push(Change {
                                change: ChangeKind::Changed,
                                fields: differing(&oc[i], &nc[j], &ok[i], &nk[j]),
                                old: rec_old(i),
                                new: rec_new(j),
                            });
                        }
                        None => {
                            summary.removed += 1;
                            changes.push(Change {
                                change: ChangeKind::Removed,
                                fields: Vec::new(),
                                old: rec_old(i),
                                new: None,
                            });
                        }
                    }
                }
                for (p, used) in paired.iter().enumerate() {
                    if !used {
                        summary.added += 1;
                        changes.push(Change {
                            change: ChangeKind::Added,
                            fields: Vec::new(),
                            old: None,
                            new: rec_new(nr.start + p),
                        });
                    }
                }
            }
        }
    }
    (changes, summary)
}

fn differing(a: &Claim, b: &Claim, ka: &Key, kb: &Key) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.value != b.value || a.interval != b.interval {
        out.push("value");
    }
    if ka.unit != kb.unit {
        out.push("unit");
    }
    if ka.subject != kb.subject {
        out.push("subject");
    }
    if a.bound != b.bound {
        out.push("bound");
    }
    if a.time != b.time {
        out.push("time");
    }
    out
}

#[derive(Serialize)]
struct DiffJson<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    changes: &'a [Change],
    summary: &'a Summary,
}

pub fn write_json(
    out: &mut dyn Write,
    old: &str,
    new: &str,
    changes: &[Change],
    summary: &Summary,
) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &DiffJson {
            version: 1,
            old,
            new,
            changes,
            summary,
        },
    )?;
    writeln!(out)
}

pub fn write_human(
    out: &mut dyn Write,
    changes: &[Change],
    summary: &Summary,
    lang: Lang,
) -> io::Result<()> {
    let at = |r: &ClaimRecord| format!("{}:{}:{}", r.file, r.line, r.column);
    for c in changes {
        match (c.change, &c.old, &c.new) {
            (ChangeKind::Changed, Some(o), Some(n)) => {
                let fields = c
                    .fields
                    .iter()
                    .map(|f| field_name(f, lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                writeln!(
                    out,
                    "~ {}  {}  {} → {}  ({fields})",
                    at(n),
                    n.kind,
                    o.text,
                    n.text
                )?;
            }
            (ChangeKind::Added, _, Some(n)) => {
                writeln!(out, "+ {}  {}  {}", at(n), n.kind, n.text)?
            }
            (ChangeKind::Removed, Some(o), _) => {
                writeln!(out, "- {}  {}  {}", at(o), o.kind, o.text)?
            }
            _ => {}
        }
    }
    let line = match lang {
        Lang::Vi => format!(
            "{} số liệu đổi, {} thêm, {} bỏ, {} giữ nguyên",
            summary.changed, summary.added, summary.removed, summary.unchanged
        ),
        Lang::En => format!(
            "{} changed, {} added, {} removed, {} unchanged",
            summary.changed, summary.added, summary.removed, summary.unchanged
        ),
    };
    writeln!(out, "{line}")
}

fn field_name(f: &str, lang: Lang) -> &str {
    match (lang, f) {
        (Lang::Vi, "value") => "giá trị",
        (Lang::Vi, "unit") => "đơn vị",
        (Lang::Vi, "subject") => "đối tượng",
        (Lang::Vi, "bound") => "mức độ chắc chắn",
        (Lang::Vi, "time") => "thời gian",
        _ => f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::from_bytes;
    use crate::extract::Extractor;
    use crate::rules::RuleSet;

    fn run(old: &str, new: &str) -> (Vec<Change>, Summary) {
        let rules = RuleSet::embedded().expect("rules");
        let ex = Extractor::new(&rules);
        let folder = Folder::new(&rules.terms);
        let (od, nd) = (
            from_bytes("old.md", old.as_bytes()).expect("utf-8"),
            from_bytes("new.md", new.as_bytes()).expect("utf-8"),
        );
        let (oc, nc) = (ex.extract(&od), ex.extract(&nd));
        diff(&folder, (&od, &oc), (&nd, &nc))
    }

    #[test]
    fn a_changed_value_an_added_and_a_removed_figure() {
        let old = "Năm 2023, vốn FDI đạt 36,6 tỷ USD.\n\nViệt Nam có quan hệ ngoại giao với 193 quốc gia.\n\nĐã ký 20 văn kiện hợp tác.\n";
        let new = "Năm 2023, vốn FDI đạt 38,6 tỷ USD.\n\nViệt Nam có quan hệ ngoại giao với 193 quốc gia.\n\nTổng số danh hiệu UNESCO là 77 danh hiệu.\n";
        let (changes, s) = run(old, new);
        let changed = changes
            .iter()
            .find(|c| c.change == ChangeKind::Changed)
            .expect("changed");
        assert_eq!(changed.fields, vec!["value"]);
        assert_eq!(
            changed.new.as_ref().map(|r| r.text.as_str()),
            Some("38,6 tỷ USD")
        );
        assert_eq!((s.added, s.removed, s.changed), (1, 1, 1));
        assert!(s.unchanged >= 2);
    }

    #[test]
    fn identical_revisions_have_no_changes() {
        let t = "Năm 2023, vốn FDI đạt 36,6 tỷ USD, tăng 32,8%.\n";
        let (changes, s) = run(t, t);
        assert!(changes.is_empty());
        assert_eq!(s.unchanged, 3);
    }
}
