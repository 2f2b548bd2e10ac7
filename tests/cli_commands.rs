//! `factlint explain`, `factlint rules`, `check --format sarif|github` and `--fix`/`--diff`
//! as a user and a CI script see them.

use std::path::Path;
use std::process::{Command, Output};

fn factlint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

const A: &str = "---\ndate: 2025-12-20\n---\nTính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 77 danh hiệu.\n";
const B: &str = "---\ndate: 2026-01-05\n---\nTính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 75 danh hiệu.\n";

fn two_sources() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), A).unwrap();
    std::fs::write(dir.path().join("b.md"), B).unwrap();
    dir
}

#[test]
fn explain_prints_every_section_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let vi = factlint(&["explain", "cross-source/value-mismatch"], dir.path());
    assert_eq!(vi.status.code(), Some(0));
    let text = stdout(&vi);
    for heading in [
        "Kiểm tra gì",
        "Vì sao quan trọng",
        "Ví dụ có phát hiện",
        "Cách sửa",
        "Cách bỏ qua",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    assert!(text.contains("factlint-disable-next-line cross-source/value-mismatch"));
    let en = stdout(&factlint(
        &["explain", "--lang", "en", "style/term"],
        dir.path(),
    ));
    assert!(
        en.contains("Why it matters") && en.contains("--fix"),
        "{en}"
    );
    assert!(
        !en.contains("Vì sao"),
        "no Vietnamese headings in English output"
    );
}

#[test]
fn explain_of_an_unknown_rule_exits_2_and_suggests_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let out = factlint(&["explain", "value-mismatch"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cross-source/value-mismatch"), "{err}");
}

#[test]
fn rules_lists_every_rule_with_the_severity_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = factlint(&["rules", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), factlint::rules::registry::RULES.len());
    let term = rules.iter().find(|r| r["id"] == "style/term").unwrap();
    assert_eq!(term["fixable"], true);
    assert_eq!(term["severity"], "warning");
    // a factlint.toml turning a rule off shows in the list
    std::fs::write(
        dir.path().join("factlint.toml"),
        "[severity]\n\"style/term\" = \"off\"\n",
    )
    .unwrap();
    let out = factlint(&["rules", "--format", "json"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let term = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "style/term")
        .cloned()
        .unwrap();
    assert_eq!(term["severity"], "off");
    assert_eq!(term["default_severity"], "warning");
    let human = stdout(&factlint(&["rules", "--lang", "en"], dir.path()));
    assert!(human.starts_with("rule "), "{human}");
    assert!(human.contains("cross-source/value-mismatch"));
}

#[test]
fn sarif_output_is_sarif_2_1_0_with_the_finding() {
    let dir = two_sources();
    let out = factlint(&["check", "--format", "sarif", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "cross-source/value-mismatch");
    assert_eq!(result["level"], "error");
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "b.md");
    assert_eq!(loc["region"]["startLine"], 4);
    assert_eq!(
        result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.md"
    );
}

#[test]
fn github_output_is_one_workflow_command_per_finding() {
    let dir = two_sources();
    let out = factlint(&["check", "--format", "github", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("::error file=b.md,line=4,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("title=cross-source/value-mismatch::"));
}

#[test]
fn diff_and_fix_refuse_to_go_together() {
    let dir = two_sources();
    let out = factlint(&["check", "--fix", "--diff", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn diff_changes_nothing_and_fix_never_touches_a_number() {
    let dir = two_sources();
    let out = factlint(&["check", "--diff", "."], dir.path());
    assert_eq!(out.status.code(), Some(1), "the error is still there");
    assert_eq!(
        stdout(&out),
        "",
        "a changed figure is never an automatic fix"
    );
    let out = factlint(&["check", "--fix", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), A);
    assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).unwrap(), B);
}

const STYLE: &str = "Việt Nam tích cực tham gia các hoạt động của Liên hiệp quốc.\r\n\r\nNăm 2023, vốn FDI đạt 36,6 tỷ USD.\r\n";

#[test]
fn diff_prints_the_style_fixes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STYLE).unwrap();
    let out = factlint(&["check", "--diff", "a.md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let diff = stdout(&out);
    assert!(diff.starts_with("--- a/a.md\n+++ b/a.md\n"), "{diff}");
    assert!(diff.contains("+Việt Nam tích cực tham gia các hoạt động của Liên hợp quốc."));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        STYLE
    );
}

#[test]
fn fix_applies_style_edits_keeps_crlf_and_permissions_and_is_idempotent() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    std::fs::write(&a, STYLE).unwrap();
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = factlint(&["check", "--fix", "--format", "json", "a.md"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let fixed = std::fs::read_to_string(&a).unwrap();
    assert_eq!(fixed, STYLE.replace("Liên hiệp quốc", "Liên hợp quốc"));
    assert_eq!(
        std::fs::metadata(&a).unwrap().permissions().mode() & 0o777,
        0o604
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        0,
        "what was fixed is not reported"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 1 findings in 1 files"));
    // a second run has nothing left to do
    let again = factlint(&["check", "--diff", "a.md"], dir.path());
    assert_eq!(stdout(&again), "");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), fixed);
}

/// A Word document of one paragraph, zipped here (no binary is committed).
fn docx(paragraph: &str) -> Vec<u8> {
    use std::io::Write;
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn fix_never_writes_into_a_word_document_but_does_fix_a_saved_page() {
    let dir = tempfile::tempdir().unwrap();
    let word = docx("Việt Nam tích cực tham gia các hoạt động của Liên hiệp quốc.");
    std::fs::write(dir.path().join("a.docx"), &word).unwrap();
    let before = factlint(&["check", "--format", "json", "a.docx"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "style/term"),
        "the term is found in the Word text: {v}"
    );
    let out = factlint(&["check", "--fix", "a.docx"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), word);
    // a saved page's spans are its own bytes: the edit lands in the HTML
    let html = "<html><body><article><p>Việt Nam tích cực tham gia các hoạt động của Liên hiệp quốc trong năm 2023.</p></article></body></html>";
    std::fs::write(dir.path().join("b.html"), html).unwrap();
    factlint(&["check", "--fix", "b.html"], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.html")).unwrap(),
        html.replace("hiệp", "hợp")
    );
}

#[test]
fn a_fact_sheet_in_a_checked_folder_is_a_reference_and_a_broken_one_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("facts.toml"),
        "[[fact]]\nmetric = \"unesco-titles\"\nvalue = \"77 danh hiệu\"\nas_of = \"2025-12-31\"\nsource = \"tổng kết 2025\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.md"), B).unwrap();
    let out = factlint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "cross-source/value-mismatch");
    assert_eq!(f["primary"]["file"], "b.md");
    assert_eq!(f["related"][0]["file"], "facts.toml");
    assert_eq!(f["related"][0]["text"], "77 danh hiệu");
    assert_eq!(
        v["summary"]["files"], 1,
        "the sheet is a reference, not a checked file"
    );
    // named with --reference too
    let sub = dir.path().join("drafts");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("b.md"), B).unwrap();
    let out = factlint(
        &[
            "check",
            "--format",
            "json",
            "drafts",
            "--reference",
            "facts.toml",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    // an unknown metric stops the run and points into the sheet
    std::fs::write(
        dir.path().join("facts.toml"),
        "[[fact]]\nmetric = \"no-such-metric\"\nvalue = \"77 danh hiệu\"\nas_of = \"2025-12-31\"\n",
    )
    .unwrap();
    let out = factlint(&["check", "--color", "never", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("facts.toml") && err.contains("no-such-metric"),
        "{err}"
    );
}

#[test]
fn a_baseline_that_cannot_be_written_names_its_path_and_exits_2() {
    let dir = two_sources();
    std::fs::create_dir(dir.path().join("base")).unwrap();
    let out = factlint(&["check", "--write-baseline", "base", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write the baseline base"), "{err}");
}

#[test]
fn a_rule_folder_that_is_a_file_is_named_as_such() {
    let dir = two_sources();
    let out = factlint(&["check", "--rules", "a.md", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rule folder a.md is not a folder"), "{err}");
}

#[test]
fn an_unreadable_word_document_says_how_to_save_it_again() {
    let dir = tempfile::tempdir().unwrap();
    // the signature of an encrypted (password-protected) Office file
    std::fs::write(
        dir.path().join("a.docx"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1],
    )
    .unwrap();
    std::fs::write(dir.path().join("b.md"), [b'a', 0xFF, b'b']).unwrap();
    let out = factlint(
        &["check", "--format", "json", "--lang", "en", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let help_of = |file: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["primary"]["file"] == file)
            .map(|f| f["help"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert!(help_of("a.docx").contains("save it again as .docx"), "{v}");
    assert!(help_of("b.md").contains("UTF-8"), "{v}");
}

/// `check --fix` where the second of two files sits in a folder the user may not write: it
/// stops before anything is replaced, says which file, and the first file is as it was.
/// As root (who may write anywhere) the binary is run as the user `nobody`.
#[test]
fn fix_in_a_read_only_folder_names_the_file_and_changes_no_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(dir.path(), 0o755).unwrap();
    let (open, closed) = (dir.path().join("mo"), dir.path().join("khoa"));
    for d in [&open, &closed] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("a.md"), STYLE).unwrap();
        mode(&d.join("a.md"), 0o644).unwrap();
    }
    const NOBODY: u32 = 65534;
    if root {
        for p in [&open, &open.join("a.md"), &closed, &closed.join("a.md")] {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    mode(&closed, 0o555).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.args(["check", "--fix", "mo/a.md", "khoa/a.md"])
        .current_dir(dir.path());
    if root {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) if root => {
            eprintln!("skipped: cannot run the binary as nobody ({e})");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    mode(&closed, 0o755).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("khoa/a.md: cannot write the fixed text beside it"),
        "{err}"
    );
    assert!(!err.contains("findings in"), "nothing is said fixed: {err}");
    for d in [&open, &closed] {
        assert_eq!(std::fs::read_to_string(d.join("a.md")).unwrap(), STYLE);
        let names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["a.md".to_string()], "nothing left behind");
    }
}
