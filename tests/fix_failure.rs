//! `--fix` loses nothing: a failure at any step of `fix::apply` leaves every file as it was
//! (bytes, permissions, the same file on disk) and no temporary file behind.

use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use factlint::fix::{FileOps, FilePlan, WriteError, apply, apply_with};

const OLD: [&str; 3] = [
    "Việt Nam là thành viên của Liên hiệp quốc.\r\nHết.\r\n",
    "\u{feff}Vốn FDI năm 2023 đạt 36,6 tỉ USD.\n",
    "Tổng kết năm: 400 tỉ đồng\r\n",
];
const NEW: [&str; 3] = [
    "Việt Nam là thành viên của Liên hợp quốc.\r\nHết.\r\n",
    "\u{feff}Vốn FDI năm 2023 đạt 36,6 tỷ USD.\n",
    "Tổng kết năm: 400 tỷ đồng\r\n",
];
const MODES: [u32; 3] = [0o640, 0o604, 0o600];

/// Three files in two folders (the 2nd and 3rd share one), each with its own mode.
struct Set {
    _root: tempfile::TempDir,
    dirs: [PathBuf; 2],
    files: [PathBuf; 3],
}

fn three_files() -> Set {
    let root = tempfile::tempdir().unwrap();
    let dirs = [root.path().join("x"), root.path().join("y")];
    for d in &dirs {
        std::fs::create_dir(d).unwrap();
    }
    let files = [
        dirs[0].join("a.md"),
        dirs[1].join("b.md"),
        dirs[1].join("c.md"),
    ];
    for ((f, text), mode) in files.iter().zip(OLD).zip(MODES) {
        std::fs::write(f, text).unwrap();
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    Set {
        _root: root,
        dirs,
        files,
    }
}

fn plans(set: &Set) -> Vec<FilePlan> {
    ["a.md", "b.md", "c.md"]
        .iter()
        .enumerate()
        .map(|(i, name)| FilePlan {
            display: name.to_string(),
            path: set.files[i].clone(),
            original: OLD[i].to_string(),
            fixed: NEW[i].to_string(),
            fixed_findings: vec![i],
        })
        .collect()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

fn inode(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().ino()
}

/// The names `apply` uses for its temporary files, left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".factlint-"))
        .collect()
}

fn assert_untouched(set: &Set, inodes: &[u64; 3]) {
    for (i, f) in set.files.iter().enumerate() {
        assert_eq!(
            std::fs::read(f).unwrap(),
            OLD[i].as_bytes(),
            "{} keeps its bytes",
            f.display()
        );
        assert_eq!(mode(f), MODES[i], "{} keeps its mode", f.display());
        assert_eq!(inode(f), inodes[i], "{} is the same file", f.display());
    }
    for d in &set.dirs {
        assert_eq!(leftovers(d), Vec::<String>::new(), "in {}", d.display());
    }
}

fn inodes(set: &Set) -> [u64; 3] {
    [0, 1, 2].map(|i| inode(&set.files[i]))
}

/// Fails the `fail_at`-th rename of a temporary file over its original (from 1), and
/// optionally the putting back of the originals named in `fail_restore`; counts the calls.
#[derive(Default)]
struct Faulty {
    fail_at: usize,
    fail_restore: Vec<&'static str>,
    no_hard_links: bool,
    replaces: usize,
    restores: usize,
}

impl FileOps for Faulty {
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        let name = from.file_name().unwrap().to_string_lossy();
        if name.starts_with(".factlint-fix-") {
            self.replaces += 1;
            if self.replaces == self.fail_at {
                return Err(io::Error::other("disk on fire"));
            }
        } else {
            self.restores += 1;
            let file = to.file_name().unwrap().to_string_lossy().to_string();
            if self.fail_restore.contains(&file.as_str()) {
                return Err(io::Error::other("still on fire"));
            }
        }
        std::fs::rename(from, to)
    }
    fn hard_link(&mut self, original: &Path, link: &Path) -> io::Result<()> {
        if self.no_hard_links {
            return Err(io::Error::from(io::ErrorKind::Unsupported));
        }
        std::fs::hard_link(original, link)
    }
}

fn faulty(fail_at: usize) -> Faulty {
    Faulty {
        fail_at,
        ..Faulty::default()
    }
}

#[test]
fn the_second_rename_failing_puts_the_first_file_back() {
    let set = three_files();
    let before = inodes(&set);
    let mut ops = faulty(2);
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    assert!(err.wrote_nothing());
    match &err {
        WriteError::Replace { path, restored, .. } => {
            assert_eq!(path, "b.md");
            assert_eq!(restored, &["a.md".to_string()]);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(message.starts_with("b.md: cannot replace it"), "{message}");
    assert!(message.contains("disk on fire"), "{message}");
    assert!(
        message.contains("restored to their original bytes: a.md"),
        "{message}"
    );
    assert_eq!((ops.replaces, ops.restores), (2, 1));
    assert_untouched(&set, &before);
}

#[test]
fn the_first_rename_failing_changes_nothing() {
    let set = three_files();
    let before = inodes(&set);
    let mut ops = faulty(1);
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    match &err {
        WriteError::Replace { path, restored, .. } => {
            assert_eq!(path, "a.md");
            assert!(restored.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.to_string().contains("restored"), "{err}");
    assert_eq!((ops.replaces, ops.restores), (1, 0));
    assert_untouched(&set, &before);
}

#[test]
fn the_last_rename_failing_puts_both_others_back() {
    let set = three_files();
    let before = inodes(&set);
    let mut ops = faulty(3);
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    match &err {
        WriteError::Replace { path, restored, .. } => {
            assert_eq!(path, "c.md");
            assert_eq!(restored, &["a.md".to_string(), "b.md".to_string()]);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains(": a.md, b.md"), "{err}");
    assert_untouched(&set, &before);
}

#[test]
fn without_hard_links_a_copy_of_the_original_puts_it_back() {
    let set = three_files();
    let mut ops = Faulty {
        fail_at: 3,
        no_hard_links: true,
        ..Faulty::default()
    };
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    assert!(matches!(err, WriteError::Replace { .. }), "{err}");
    for (i, f) in set.files.iter().enumerate() {
        assert_eq!(std::fs::read(f).unwrap(), OLD[i].as_bytes());
        assert_eq!(mode(f), MODES[i]);
    }
    for d in &set.dirs {
        assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    }
    // and with no failure, the files are fixed the same way
    let mut ops = Faulty {
        no_hard_links: true,
        ..Faulty::default()
    };
    apply_with(&plans(&set), &mut ops).unwrap();
    for (i, f) in set.files.iter().enumerate() {
        assert_eq!(std::fs::read(f).unwrap(), NEW[i].as_bytes());
        assert_eq!(mode(f), MODES[i]);
    }
    for d in &set.dirs {
        assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    }
}

#[test]
fn a_failed_restore_names_the_file_and_keeps_its_original_beside_it() {
    let set = three_files();
    let mut ops = Faulty {
        fail_at: 3,
        fail_restore: vec!["a.md"],
        ..Faulty::default()
    };
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    assert!(!err.wrote_nothing());
    let WriteError::NotRestored {
        path,
        restored,
        left,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(path, "c.md");
    assert_eq!(restored, &["b.md".to_string()]);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].path, "a.md");
    assert!(left[0].message.contains("still on fire"));
    let saved = &left[0].original;
    assert_eq!(saved.parent().unwrap(), set.dirs[0], "beside the file");
    assert_eq!(std::fs::read(saved).unwrap(), OLD[0].as_bytes());
    assert_eq!(mode(saved), MODES[0]);
    // a.md is whole: its fixed text, with its mode; the others are as they were
    assert_eq!(std::fs::read(&set.files[0]).unwrap(), NEW[0].as_bytes());
    assert_eq!(mode(&set.files[0]), MODES[0]);
    for i in [1, 2] {
        assert_eq!(std::fs::read(&set.files[i]).unwrap(), OLD[i].as_bytes());
    }
    let message = err.to_string();
    for part in [
        "c.md: cannot replace it",
        "restored to their original bytes: b.md",
        "a.md could not be restored",
        "holds the fixed text",
        &saved.display().to_string(),
    ] {
        assert!(message.contains(part), "{part} missing: {message}");
    }
    // only the saved original is left, and nothing in the other folder
    let name = saved.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(leftovers(&set.dirs[0]), vec![name]);
    assert!(leftovers(&set.dirs[1]).is_empty());
}

#[test]
fn a_file_gone_while_staging_changes_nothing_and_removes_what_was_staged() {
    let set = three_files();
    std::fs::remove_file(&set.files[2]).unwrap();
    let mut ops = faulty(0);
    let err = apply_with(&plans(&set), &mut ops).unwrap_err();
    match &err {
        WriteError::Io { path, message } => {
            assert_eq!(path, "c.md");
            assert!(message.starts_with("cannot read it"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ops.replaces, 0, "no original was touched");
    for i in [0, 1] {
        assert_eq!(std::fs::read(&set.files[i]).unwrap(), OLD[i].as_bytes());
    }
    for d in &set.dirs {
        assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_read_only_folder_stops_the_run_before_anything_is_replaced() {
    if is_root() {
        eprintln!("skipped: running as root, a read-only folder does not stop root");
        return;
    }
    let set = three_files();
    let before = inodes(&set);
    std::fs::set_permissions(&set.dirs[1], std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = apply(&plans(&set));
    std::fs::set_permissions(&set.dirs[1], std::fs::Permissions::from_mode(0o755)).unwrap();
    match result.unwrap_err() {
        WriteError::Io { path, message } => {
            assert_eq!(path, "b.md");
            assert!(message.contains("beside it"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_untouched(&set, &before);
}

#[test]
fn success_keeps_crlf_bom_permissions_and_leaves_nothing_behind() {
    let set = three_files();
    apply(&plans(&set)).unwrap();
    for (i, f) in set.files.iter().enumerate() {
        assert_eq!(std::fs::read(f).unwrap(), NEW[i].as_bytes());
        assert_eq!(mode(f), MODES[i]);
    }
    for d in &set.dirs {
        assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    }
}

#[test]
fn a_symbolic_link_is_kept_and_the_file_it_points_to_is_fixed() {
    let set = three_files();
    let link = set.dirs[0].join("link.md");
    std::os::unix::fs::symlink(&set.files[1], &link).unwrap();
    let plan = FilePlan {
        display: "link.md".to_string(),
        path: link.clone(),
        original: OLD[1].to_string(),
        fixed: NEW[1].to_string(),
        fixed_findings: vec![0],
    };
    apply(&[plan]).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&set.files[1]).unwrap(), NEW[1].as_bytes());
    assert_eq!(mode(&set.files[1]), MODES[1]);
    for d in &set.dirs {
        assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    }
}

#[test]
fn one_file_under_two_names_is_refused() {
    let set = three_files();
    let link = set.dirs[0].join("link.md");
    std::os::unix::fs::symlink(&set.files[0], &link).unwrap();
    let mut twice = plans(&set);
    twice[1] = FilePlan {
        display: "link.md".to_string(),
        path: link,
        original: OLD[0].to_string(),
        fixed: "khác".to_string(),
        fixed_findings: vec![1],
    };
    let err = apply(&twice).unwrap_err();
    assert!(err.to_string().contains("the same file as a.md"), "{err}");
    assert_eq!(std::fs::read(&set.files[0]).unwrap(), OLD[0].as_bytes());
    assert!(leftovers(&set.dirs[0]).is_empty());
}

#[test]
fn root_fixing_another_users_file_keeps_its_owner() {
    if !is_root() {
        eprintln!("skipped: only root may give a file to another user");
        return;
    }
    let set = three_files();
    std::os::unix::fs::chown(&set.files[0], Some(65534), Some(65534)).unwrap();
    apply(&plans(&set)[..1]).unwrap();
    let meta = std::fs::metadata(&set.files[0]).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(mode(&set.files[0]), MODES[0]);
}
