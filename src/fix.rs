//! `--fix` and `--diff`: the automatic edits of findings, applied to the original bytes.
//!
//! Only edits marked `Applicability::Automatic` are taken (house style that cannot change
//! what the text states); a suggested change to a figure is shown by the renderers and
//! never applied. A finding's edits are taken together or not at all, and a finding whose
//! edits overlap one already taken waits for the next run.
//!
//! `apply` writes the files all or nothing:
//!
//! 1. Staging, before any original changes: each file is read again and must still be the
//!    bytes that were checked (else `WriteError::Changed`); its new text is written to a
//!    temporary file beside it (`.factlint-fix-*`, same folder, so the rename below is
//!    atomic) with the original's permissions, and its owner and group where the user may
//!    set them, then flushed to disk; the original gets a second name beside it
//!    (`.factlint-orig-*`, a hard link, or a copy where the file system has no hard
//!    links). Any failure here removes what was staged: every file is as it was.
//! 2. Commit: each temporary file is renamed over its original. Each file therefore holds
//!    either its whole old text or its whole new text, never a mix. If a rename fails, the
//!    files already replaced are put back, last first, by renaming their saved originals
//!    over them: the very same bytes (CRLF, BOM), permissions, owner and times
//!    (`WriteError::Replace`, which names the failed file and the restored ones).
//! 3. No `.factlint-*` file is left behind, on success or failure, with one exception: if
//!    putting an original back fails too, its saved copy is kept and `WriteError::NotRestored`
//!    names the file (which holds the fixed text) and where its original bytes are. If the
//!    process is killed between renames, the originals of the files already replaced are
//!    likewise still on disk as `.factlint-orig-*` beside them.
//!
//! A symbolic link is kept and the file it points to is edited. A file with several hard
//! links is replaced under the name that was checked only (the other names keep the old
//! text), as with any editor that saves by renaming.

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
        let file = &*fix.edits[0].location.file;
        if fix.edits.iter().any(|e| &*e.location.file != file) {
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

/// Why `--fix` did not complete.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Before any original changed: nothing was written.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// Before any original changed: nothing was written.
    #[error("{path}: the file changed on disk while it was checked; nothing was written")]
    Changed { path: String },
    /// Replacing `path` failed; the files replaced before it (`restored`) were put back as
    /// they were: nothing was written.
    #[error("{path}: {message}{}", restored_note(restored))]
    Replace {
        path: String,
        message: String,
        restored: Vec<String>,
    },
    /// Replacing `path` failed and putting back some of the files replaced before it failed
    /// too: each of `left` holds the fixed text and its original bytes are saved beside it.
    #[error("{path}: {message}{}; {}", restored_note(restored), left_note(left))]
    NotRestored {
        path: String,
        message: String,
        restored: Vec<String>,
        left: Vec<Left>,
    },
}

/// A file that keeps its fixed text after a failed `--fix`, and where its original is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    pub path: String,
    /// The original bytes and permissions, beside the file.
    pub original: PathBuf,
    pub message: String,
}

impl WriteError {
    /// Whether every file is as it was before `apply` (false only for `NotRestored`).
    pub fn wrote_nothing(&self) -> bool {
        !matches!(self, WriteError::NotRestored { .. })
    }
}

fn restored_note(restored: &[String]) -> String {
    if restored.is_empty() {
        String::new()
    } else {
        format!(
            "; already replaced and restored to their original bytes: {}",
            restored.join(", ")
        )
    }
}

fn left_note(left: &[Left]) -> String {
    let each: Vec<String> = left
        .iter()
        .map(|l| {
            format!(
                "{} could not be restored ({}): it holds the fixed text and its original bytes are saved in {} (rename that file over it to undo)",
                l.path,
                l.message,
                l.original.display()
            )
        })
        .collect();
    each.join("; ")
}

/// The file-system steps of `apply` that a test may make fail (see `apply_with`); the
/// defaults are `std::fs`.
pub trait FileOps {
    /// Every rename `apply` makes: a temporary file over its original, and when undoing, a
    /// saved original back over the file.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    /// The second name under which an original is kept while the files are replaced.
    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()> {
        std::fs::hard_link(original, link)
    }
}

/// The real file system.
pub struct RealFiles;

impl FileOps for RealFiles {}

/// Writes every plan, all or nothing (see the module documentation).
pub fn apply(plans: &[FilePlan]) -> Result<(), WriteError> {
    apply_with(plans, &mut RealFiles)
}

/// `apply`, with its renames and hard links made through `ops`.
pub fn apply_with(plans: &[FilePlan], ops: &mut dyn FileOps) -> Result<(), WriteError> {
    // on an early return, dropping `staged` removes every temporary file and second name
    let mut staged: Vec<Staged> = Vec::with_capacity(plans.len());
    for p in plans {
        let s = stage(p, ops)?;
        if let Some(twice) = staged.iter().position(|t| t.target == s.target) {
            return Err(WriteError::Io {
                path: p.display.clone(),
                message: format!("the same file as {}", plans[twice].display),
            });
        }
        staged.push(s);
    }
    // every new text and every original's second name is on disk; only now does any
    // original change
    let mut replaced: Vec<(&FilePlan, Staged)> = Vec::with_capacity(staged.len());
    for (p, mut s) in plans.iter().zip(staged) {
        match ops.rename(&s.new, &s.target) {
            Ok(()) => {
                s.new.disable_cleanup(true);
                replaced.push((p, s));
            }
            Err(e) => {
                drop(s);
                return Err(undo(p, e, replaced, ops));
            }
        }
    }
    // durability of the new names; the files are already replaced whatever happens here
    let mut dirs: Vec<&Path> = replaced
        .iter()
        .filter_map(|(_, s)| s.target.parent())
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let _ = std::fs::File::open(d).and_then(|f| f.sync_all());
    }
    Ok(())
}

/// One plan ready to be committed. Both temporary paths are removed when dropped.
struct Staged {
    /// The file itself (a symbolic link resolved: the link stays, its target is edited).
    target: PathBuf,
    /// The fixed text, with the original's permissions, beside `target`.
    new: tempfile::TempPath,
    /// The original, beside `target`: a second name of the same file, or a copy.
    saved: tempfile::TempPath,
}

fn stage(p: &FilePlan, ops: &mut dyn FileOps) -> Result<Staged, WriteError> {
    let fail = |what: &'static str| {
        move |e: io::Error| WriteError::Io {
            path: p.display.clone(),
            message: format!("{what}: {e}"),
        }
    };
    let target = std::fs::canonicalize(&p.path).map_err(fail("cannot read it"))?;
    let on_disk = std::fs::read(&target).map_err(fail("cannot read it"))?;
    if on_disk != p.original.as_bytes() {
        return Err(WriteError::Changed {
            path: p.display.clone(),
        });
    }
    let meta = std::fs::metadata(&target).map_err(fail("cannot read it"))?;
    let dir = target.parent().unwrap_or(Path::new("/"));
    let new = write_temp(dir, ".factlint-fix-", p.fixed.as_bytes(), &meta)
        .map_err(fail("cannot write the fixed text beside it"))?;
    // The original is kept on disk under a second name rather than restored from memory:
    // putting it back is then a single rename, which needs no free space and no new file,
    // gives back the very same file (bytes, permissions, owner, times), and leaves the
    // original on disk even if the process is killed half-way.
    let link = tempfile::Builder::new()
        .prefix(".factlint-orig-")
        .make_in(dir, |name| ops.hard_link(&target, name));
    let saved = match link {
        Ok(link) => link.into_temp_path(),
        // no hard links on this file system (FAT, some network shares): a copy
        Err(_) => write_temp(dir, ".factlint-orig-", &on_disk, &meta)
            .map_err(fail("cannot save a copy of it beside it"))?,
    };
    Ok(Staged { target, new, saved })
}

/// A temporary file in `dir` holding `bytes`, with the permissions (and where allowed the
/// owner and group) of `like`, flushed to disk.
fn write_temp(
    dir: &Path,
    prefix: &str,
    bytes: &[u8],
    like: &std::fs::Metadata,
) -> io::Result<tempfile::TempPath> {
    let mut tmp = tempfile::Builder::new().prefix(prefix).tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // only root may give a file away; anyone keeps their own file's group
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(like.uid()), Some(like.gid()));
    }
    // after the owner: changing it may clear set-id bits
    tmp.as_file().set_permissions(like.permissions())?;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

/// After replacing `failed` went wrong: puts every file of `replaced` back, last first.
fn undo(
    failed: &FilePlan,
    e: io::Error,
    replaced: Vec<(&FilePlan, Staged)>,
    ops: &mut dyn FileOps,
) -> WriteError {
    let mut restored = Vec::new();
    let mut left = Vec::new();
    for (p, mut s) in replaced.into_iter().rev() {
        match ops.rename(&s.saved, &s.target) {
            Ok(()) => {
                s.saved.disable_cleanup(true);
                restored.push(p.display.clone());
            }
            Err(e) => {
                // never removed: these are the only original bytes left
                s.saved.disable_cleanup(true);
                left.push(Left {
                    path: p.display.clone(),
                    original: s.saved.to_path_buf(),
                    message: e.to_string(),
                });
            }
        }
    }
    restored.reverse();
    left.reverse();
    let path = failed.display.clone();
    let message = format!("cannot replace it with the fixed text: {e}");
    if left.is_empty() {
        WriteError::Replace {
            path,
            message,
            restored,
        }
    } else {
        WriteError::NotRestored {
            path,
            message,
            restored,
            left,
        }
    }
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
            file: file.into(),
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
