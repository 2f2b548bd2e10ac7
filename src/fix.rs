//! `--fix` and `--diff`: the automatic edits of findings, applied to the original bytes.
//!
//! Only edits marked `Applicability::Automatic` are taken (house style that cannot change
//! what the text states); a suggested change to a figure is shown by the renderers and
//! never applied. A finding's edits are taken together or not at all, and a finding whose
//! edits overlap one already taken waits for the next run. Files are written all or
//! nothing: every new text goes to a temporary file beside its original first, and only
//! when all of them are written are they renamed over the originals.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::finding::{Applicability, Finding};

/// The planned new text of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePlan {
    /// The path as displayed (`Finding::primary.file`).
    pub display: String,
    /// Where the file is on disk.
    pub path: PathBuf,
    pub original: String,
    pub fixed: String,
    /// Indexes into the findings of those whose fix this plan applies.
    pub fixed_findings: Vec<usize>,
}

/// Plans the automatic fixes of `findings`. `source` gives a file's original text and
/// on-disk path by its displayed path, or `None` when it cannot be edited (a reference,
/// a document converted from another format).
pub fn plan<'a>(
    findings: &[Finding],
    source: &dyn Fn(&str) -> Option<(&'a str, &'a Path)>,
) -> Vec<FilePlan> {
    let mut per_file: BTreeMap<&str, Accepted> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(fix) = f.fix.as_ref() else { continue };
        if fix.applicability != Applicability::Automatic || fix.edits.is_empty() {
            continue;
        }
        // one file per fix: a fix spanning files is not applied by itself
        let file = fix.edits[0].location.file.as_str();
        if fix.edits.iter().any(|e| e.location.file != file) {
            continue;
        }
        let Some((text, _)) = source(file) else {
            continue;
        };
        let valid = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        if !fix.edits.iter().all(|e| valid(&e.location.span)) {
            continue;
        }
        let entry = per_file.entry(file).or_default();
        let clashes = fix.edits.iter().enumerate().any(|(k, e)| {
            let r = &e.location.span;
            entry.0.iter().any(|(taken, _)| overlaps(taken, r))
                || fix.edits[k + 1..]
                    .iter()
                    .any(|o| overlaps(&o.location.span, r))
        });
        if clashes {
            continue;
        }
        entry.0.extend(
            fix.edits
                .iter()
                .map(|e| (e.location.span.clone(), e.replacement.as_str())),
        );
        entry.1.push(i);
    }
    let mut plans = Vec::new();
    for (file, (mut edits, fixed_findings)) in per_file {
        let Some((text, path)) = source(file) else {
            continue;
        };
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut fixed = String::with_capacity(text.len());
        let mut at = 0;
        for (r, replacement) in &edits {
            fixed.push_str(&text[at..r.start]);
            fixed.push_str(replacement);
            at = r.end;
        }
        fixed.push_str(&text[at..]);
        if fixed != text {
            plans.push(FilePlan {
                display: file.to_string(),
                path: path.to_path_buf(),
                original: text.to_string(),
                fixed,
                fixed_findings,
            });
        }
    }
    plans
}

/// The edits taken for one file, as (range, replacement), and the findings they fix.
type Accepted<'f> = (Vec<(Range<usize>, &'f str)>, Vec<usize>);

/// Two edit ranges touch the same bytes, or are insertions at the same place.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start)
}

/// Prints the plans as one unified diff (`--diff`).
pub fn write_diff(out: &mut dyn Write, plans: &[FilePlan]) -> io::Result<()> {
    for p in plans {
        let diff = similar::TextDiff::from_lines(&p.original, &p.fixed);
        let old = format!("a/{}", p.display);
        let new = format!("b/{}", p.display);
        write!(
            out,
            "{}",
            diff.unified_diff().context_radius(2).header(&old, &new)
        )?;
    }
    Ok(())
}

/// Why `--fix` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: the file changed on disk while it was checked; nothing was written")]
    Changed { path: String },
}

/// Writes every plan, all or nothing: temporary files beside the originals first (with the
/// originals' permissions), then renames. A file that changed on disk since it was read
/// stops the run before anything is renamed.
pub fn apply(plans: &[FilePlan]) -> Result<(), WriteError> {
    let mut staged = Vec::with_capacity(plans.len());
    for p in plans {
        staged.push(stage(p)?);
    }
    // every temporary file is written; only now does any original change
    for (p, tmp) in plans.iter().zip(staged) {
        tmp.persist(&p.path).map_err(|e| WriteError::Io {
            path: p.display.clone(),
            message: e.error.to_string(),
        })?;
    }
    Ok(())
}

fn stage(p: &FilePlan) -> Result<tempfile::NamedTempFile, WriteError> {
    let io_err = |e: io::Error| WriteError::Io {
        path: p.display.clone(),
        message: e.to_string(),
    };
    let on_disk = std::fs::read(&p.path).map_err(io_err)?;
    if on_disk != p.original.as_bytes() {
        return Err(WriteError::Changed {
            path: p.display.clone(),
        });
    }
    let permissions = std::fs::metadata(&p.path).map_err(io_err)?.permissions();
    let dir = match p.path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".factlint-fix-")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    tmp.write_all(p.fixed.as_bytes()).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(io_err)?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Fix, Location, Severity, Text};

    fn finding(
        file: &str,
        edits: &[(Range<usize>, &str)],
        applicability: Applicability,
    ) -> Finding {
        let loc = |r: &Range<usize>| Location {
            file: file.to_string(),
            span: r.clone(),
        };
        Finding {
            rule: "style/term",
            severity: Severity::Warning,
            message: Text::new("m", "m"),
            primary: loc(&edits[0].0),
            label: Text::default(),
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: Some(Fix {
                description: Text::new("d", "d"),
                edits: edits
                    .iter()
                    .map(|(r, s)| Edit {
                        location: loc(r),
                        replacement: s.to_string(),
                    })
                    .collect(),
                applicability,
            }),
        }
    }

    const TEXT: &str = "Liên hiệp quốc và 400 tỉ đồng.\r\nHết.\r\n";

    fn plan_of(findings: &[Finding]) -> Vec<FilePlan> {
        let path = Path::new("a.md");
        plan(findings, &|f: &str| (f == "a.md").then_some((TEXT, path)))
    }

    #[test]
    fn applies_automatic_edits_back_to_front_and_keeps_line_endings() {
        let lhq = TEXT.find("hiệp").unwrap();
        let ti = TEXT.find("tỉ").unwrap();
        let fs = [
            finding(
                "a.md",
                &[(ti..ti + "tỉ".len(), "tỷ")],
                Applicability::Automatic,
            ),
            finding(
                "a.md",
                &[(lhq..lhq + "hiệp".len(), "hợp")],
                Applicability::Automatic,
            ),
        ];
        let plans = plan_of(&fs);
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].fixed, "Liên hợp quốc và 400 tỷ đồng.\r\nHết.\r\n");
        assert_eq!(plans[0].fixed_findings, vec![0, 1]);
    }

    #[test]
    fn suggested_fixes_are_never_applied() {
        let at = TEXT.find("400").unwrap();
        let fs = [finding(
            "a.md",
            &[(at..at + 3, "500")],
            Applicability::Suggested,
        )];
        assert!(plan_of(&fs).is_empty());
    }

    #[test]
    fn a_fix_overlapping_a_taken_one_waits() {
        let ti = TEXT.find("tỉ").unwrap();
        let fs = [
            finding(
                "a.md",
                &[(ti..ti + "tỉ".len(), "tỷ")],
                Applicability::Automatic,
            ),
            finding(
                "a.md",
                &[(ti..ti + "tỉ đồng".len(), "tỷ VND")],
                Applicability::Automatic,
            ),
        ];
        let plans = plan_of(&fs);
        assert_eq!(plans[0].fixed_findings, vec![0]);
        assert!(plans[0].fixed.contains("400 tỷ đồng"));
    }

    #[test]
    fn a_span_off_a_char_boundary_is_skipped() {
        let ti = TEXT.find("tỉ").unwrap();
        let fs = [finding(
            "a.md",
            &[(ti + 1..ti + 2, "x")],
            Applicability::Automatic,
        )];
        assert!(plan_of(&fs).is_empty());
    }

    #[test]
    fn a_file_that_cannot_be_edited_is_left_alone() {
        let ti = TEXT.find("tỉ").unwrap();
        let fs = [finding(
            "b.docx",
            &[(ti..ti + 3, "tỷ")],
            Applicability::Automatic,
        )];
        assert!(plan_of(&fs).is_empty());
    }

    #[test]
    fn diff_is_unified_and_names_both_sides() {
        let ti = TEXT.find("tỉ").unwrap();
        let fs = [finding(
            "a.md",
            &[(ti..ti + "tỉ".len(), "tỷ")],
            Applicability::Automatic,
        )];
        let mut out = Vec::new();
        write_diff(&mut out, &plan_of(&fs)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.starts_with("--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@"),
            "{s}"
        );
        assert!(s.contains("-Liên hiệp quốc và 400 tỉ đồng."), "{s}");
        assert!(s.contains("+Liên hiệp quốc và 400 tỷ đồng."), "{s}");
    }

    #[test]
    fn apply_writes_atomically_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        std::fs::write(&a, "tỉ\n").unwrap();
        std::fs::write(&b, "tỉ\n").unwrap();
        std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
        let plan_for = |path: &Path, display: &str| FilePlan {
            display: display.to_string(),
            path: path.to_path_buf(),
            original: "tỉ\n".to_string(),
            fixed: "tỷ\n".to_string(),
            fixed_findings: vec![0],
        };
        apply(&[plan_for(&a, "a.md")]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "tỷ\n");
        let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // a.md now differs from the plan's original: nothing at all is written, b.md neither
        let err = apply(&[plan_for(&b, "b.md"), plan_for(&a, "a.md")]).unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "tỉ\n");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".factlint-fix-")
            })
            .count();
        assert_eq!(leftovers, 0, "temporary files are removed");
    }
}
