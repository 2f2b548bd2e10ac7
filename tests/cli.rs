//! `factlint extract` as a user and a script see it: formats, exit codes, bad inputs.

use std::path::Path;
use std::process::{Command, Output};

fn factlint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("temp file");
}

const TEXT: &str = "Năm 2023, vốn FDI đạt 36,6 tỷ USD, tăng 32,8%.\n\nNước ta có quan hệ ngoại giao với 193 quốc gia.\n";

#[test]
fn json_has_the_interface_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", TEXT.as_bytes());
    let out = factlint(&["extract", "--format", "json", "a.md"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let claims = v["claims"].as_array().expect("claims array");
    let money = claims
        .iter()
        .find(|c| c["kind"] == "money")
        .expect("a money claim");
    for key in [
        "file", "line", "column", "start", "end", "text", "kind", "value", "low", "high", "bound",
        "unit", "subject", "time", "role",
    ] {
        assert!(money.get(key).is_some(), "missing {key}");
    }
    assert_eq!(money["file"], "a.md");
    assert_eq!(money["text"], "36,6 tỷ USD");
    assert_eq!(money["value"], 36_600_000_000u64);
    assert_eq!(money["unit"], "USD");
    assert_eq!(money["bound"], "exact");
    assert_eq!(money["line"], 1);
    assert_eq!(money["column"], 23);
    let start = money["start"].as_u64().expect("start") as usize;
    let end = money["end"].as_u64().expect("end") as usize;
    assert_eq!(&TEXT.as_bytes()[start..end], "36,6 tỷ USD".as_bytes());
    let count = claims
        .iter()
        .find(|c| c["text"] == "193 quốc gia")
        .expect("193");
    assert_eq!(count["line"], 3);
}

#[test]
fn jsonl_is_one_claim_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", TEXT.as_bytes());
    let out = factlint(&["extract", "--format", "jsonl", "a.md"], dir.path());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        assert!(v["kind"].is_string());
    }
}

#[test]
fn human_table_lists_claims() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", TEXT.as_bytes());
    let out = factlint(&["extract", "a.md"], dir.path());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("location"), "{text}");
    assert!(text.contains("a.md:1:23"), "{text}");
    assert!(text.contains("36,6 tỷ USD"), "{text}");
}

#[test]
fn folders_are_walked_and_bad_files_do_not_stop_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    write(dir.path(), "sub/good.txt", TEXT.as_bytes());
    write(dir.path(), "sub/bad.md", b"Co 12 nuoc \xff\xfe roi");
    write(dir.path(), "sub/empty.md", b"");
    write(dir.path(), "sub/image.png", b"\x89PNG");
    let out = factlint(&["extract", "--format", "json", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unreadable input is reported"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sub/bad.md") && stderr.contains("byte 11"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let claims = v["claims"].as_array().expect("claims");
    assert!(claims.iter().all(|c| c["file"] == "sub/good.txt"));
    assert!(!claims.is_empty());
    assert_eq!(v["errors"][0]["offset"], 11);
}

#[test]
fn broken_rule_file_exits_2_and_points_at_the_mistake() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("myrules")).expect("mkdir");
    write(
        dir.path(),
        "myrules/hedges.toml",
        b"[[hedge]]\nphrases = [\"tam\"]\nbound = \"sort-of\"\nshape = \"around\"\n",
    );
    write(dir.path(), "a.md", TEXT.as_bytes());
    let out = factlint(&["extract", "--rules", "myrules", "a.md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("myrules/hedges.toml:3:9"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_rule_folder_adds_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("myrules")).expect("mkdir");
    write(
        dir.path(),
        "myrules/units.toml",
        "[[currency]]\ncode = \"THB\"\nsuffix = [\"bạt\"]\n".as_bytes(),
    );
    write(
        dir.path(),
        "a.md",
        "Chi phí là 500 bạt mỗi ngày.\n".as_bytes(),
    );
    let out = factlint(
        &["extract", "--format", "json", "--rules", "myrules", "a.md"],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["claims"][0]["unit"], "THB", "{v}");
}

#[test]
fn missing_path_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = factlint(&["extract", "nope.md"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.md"));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = factlint(&["extract", "--format", "xml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = factlint(&["extract", "--date", "2023-02-30"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

const A: &str = "---\ndate: 2025-12-20\n---\nTính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 77 danh hiệu.\n";
const B: &str = "---\ndate: 2026-01-05\n---\nTính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 75 danh hiệu.\n";

#[test]
fn check_reports_a_mismatch_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    let out = factlint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "cross-source/value-mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["primary"]["file"], "b.md");
    assert_eq!(f["primary"]["text"], "75 danh hiệu");
    assert_eq!(f["related"][0]["file"], "a.md");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn fail_on_sets_the_exit_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    assert_eq!(
        factlint(&["check", "--fail-on", "never", "."], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        factlint(&["check", "--fail-on", "warning", "."], dir.path())
            .status
            .code(),
        Some(1)
    );
    // a lone document has nothing to disagree with
    assert_eq!(
        factlint(&["check", "a.md"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(
        factlint(&["check", "--fail-on", "sometimes", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn references_are_compared_but_never_reported_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("trusted")).expect("mkdir");
    write(dir.path(), "trusted/a.md", A.as_bytes());
    write(dir.path(), "draft.md", B.as_bytes());
    let out = factlint(
        &[
            "check",
            "--format",
            "json",
            "--reference",
            "trusted",
            "draft.md",
        ],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["findings"][0]["primary"]["file"], "draft.md");
    assert_eq!(v["findings"][0]["related"][0]["file"], "trusted/a.md");
    assert_eq!(
        v["summary"]["files"], 1,
        "references are not counted as checked files"
    );
    // checking the reference itself against the draft reports on the reference only if it is checked
    let out = factlint(
        &[
            "check",
            "--format",
            "json",
            "--reference",
            "draft.md",
            "trusted",
        ],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["findings"][0]["primary"]["file"], "trusted/a.md");
}

#[test]
fn human_output_speaks_vietnamese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    let vi = String::from_utf8(factlint(&["check", "--color", "never", "."], dir.path()).stdout)
        .expect("utf-8");
    assert!(
        vi.contains("khác nhau giữa các nguồn") && vi.contains("1 lỗi"),
        "{vi}"
    );
    assert!(vi.contains("b.md:4:"), "{vi}");
    let en = String::from_utf8(
        factlint(
            &["check", "--lang", "en", "--color", "never", "."],
            dir.path(),
        )
        .stdout,
    )
    .expect("utf-8");
    assert!(
        en.contains("differs between sources") && en.contains("1 error"),
        "{en}"
    );
    assert!(
        !en.contains("\u{1b}["),
        "no colour codes when asked for none"
    );
}

#[test]
fn an_unreadable_input_is_a_finding_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    write(dir.path(), "broken.md", b"77 danh hi\xe1\xbb");
    let out = factlint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"input/unreadable"), "{rules:?}");
    assert!(rules.contains(&"cross-source/value-mismatch"), "{rules:?}");
    let unreadable = v["findings"]
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "input/unreadable")
        .expect("finding");
    assert_eq!(unreadable["primary"]["file"], "broken.md");
    assert_eq!(unreadable["primary"]["start"], 10);
}

#[test]
fn a_rule_folder_can_turn_a_rule_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    std::fs::create_dir(dir.path().join("r")).expect("mkdir");
    write(
        dir.path(),
        "r/checks.toml",
        b"[severity]\n\"cross-source/value-mismatch\" = \"off\"\n",
    );
    let out = factlint(
        &["check", "--rules", "r", "--format", "json", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    write(
        dir.path(),
        "r/checks.toml",
        b"[severity]\n\"cross-source/no-such-rule\" = \"off\"\n",
    );
    let out = factlint(&["check", "--rules", "r", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rule"));
}

#[test]
fn a_metric_added_in_a_rule_folder_matches_differently_worded_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        "Năm 2023, số du học sinh Việt Nam tại Nhật Bản là 60.000 người.\n".as_bytes(),
    );
    write(
        dir.path(),
        "b.md",
        "Năm 2023, lượng sinh viên Việt Nam đang học ở Nhật đạt 55.000 người.\n".as_bytes(),
    );
    let plain = factlint(&["check", "--format", "json", "."], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(0),
        "different wording, no rule: no match"
    );
    std::fs::create_dir(dir.path().join("r")).expect("mkdir");
    let metric = "[[metric]]\nid = \"students-in-japan\"\nname = \"du học sinh tại Nhật Bản\"\naliases = [\"du học sinh … nhật bản\", \"sinh viên … học ở nhật\"]\nkind = \"count\"\nunits = [\"người\"]\n";
    write(dir.path(), "r/metrics.toml", metric.as_bytes());
    let out = factlint(
        &["check", "--rules", "r", "--format", "json", "."],
        dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v["findings"][0]["rule"], "cross-source/value-mismatch",
        "{v}"
    );
    write(
        dir.path(),
        "r/metrics.toml",
        b"[[metric]]\nid = \"x\"\nname = \"x\"\naliases = [\"x\"]\nkind = \"weight\"\n",
    );
    let out = factlint(&["check", "--rules", "r", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("r/metrics.toml:5:8"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_suppression_comment_silences_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    let silenced = B.replace(
        "Tính đến",
        "<!-- factlint-disable-next-line cross-source/value-mismatch -->\nTính đến",
    );
    write(dir.path(), "b.md", silenced.as_bytes());
    let out = factlint(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn factlint_toml_is_found_upward_and_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("press/trusted")).expect("mkdir");
    write(dir.path(), "press/trusted/a.md", A.as_bytes());
    write(dir.path(), "press/draft.md", B.as_bytes());
    write(
        dir.path(),
        "factlint.toml",
        b"references = [\"press/trusted\"]\nlang = \"en\"\nexclude = [\"press/trusted/**\"]\n",
    );
    let out = factlint(
        &["check", "--color", "never", "."],
        &dir.path().join("press"),
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("differs between sources"),
        "config lang applies: {text}"
    );
    assert!(
        text.contains("in 1 file"),
        "the excluded reference folder is not checked: {text}"
    );
    // the command line wins over the file
    let out = factlint(
        &["check", "--lang", "vi", "--color", "never", "."],
        &dir.path().join("press"),
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("khác nhau"));
    // severities in the file
    write(dir.path(), "factlint.toml", b"references = [\"press/trusted\"]\nexclude = [\"press/trusted/**\"]\n[severity]\n\"cross-source/value-mismatch\" = \"warning\"\n");
    assert_eq!(
        factlint(&["check", "."], &dir.path().join("press"))
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_broken_factlint_toml_exits_2_pointing_at_the_mistake() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "factlint.toml", b"fail-on = \"sometimes\"\n");
    let out = factlint(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("factlint.toml:1:12") && stderr.contains("sometimes"),
        "{stderr}"
    );
    let out = factlint(&["check", "--config", "nope.toml", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

/// The baseline knows a finding by the texts of its spans, which a JSON report must
/// still read whole (not only where the findings are): a figure changed in the same file
/// is a new finding.
#[test]
fn a_baseline_in_json_tells_a_changed_figure_from_the_known_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    let json = ["check", "--baseline", "base.json", "--format", "json", "."];
    let out = factlint(&["check", "--write-baseline", "base.json", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(factlint(&json, dir.path()).status.code(), Some(0));
    write(dir.path(), "b.md", B.replace("75", "74").as_bytes());
    let out = factlint(&json, dir.path());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let texts: Vec<&str> = v["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["primary"]["text"].as_str())
        .collect();
    assert!(texts.iter().any(|t| t.contains("74")), "{v}");
}

#[test]
fn a_baseline_hides_known_findings_even_after_lines_move() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", A.as_bytes());
    write(dir.path(), "b.md", B.as_bytes());
    let out = factlint(&["check", "--write-baseline", "base.json", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("base.json").is_file());
    assert_eq!(
        factlint(&["check", "--baseline", "base.json", "."], dir.path())
            .status
            .code(),
        Some(0)
    );
    // lines added above the figure: still known
    let moved = B.replace(
        "---\nTính",
        "---\nĐoạn mở đầu mới.\n\nMột đoạn nữa.\n\nTính",
    );
    write(dir.path(), "b.md", moved.as_bytes());
    assert_eq!(
        factlint(&["check", "--baseline", "base.json", "."], dir.path())
            .status
            .code(),
        Some(0)
    );
    // a new contradiction is reported
    write(
        dir.path(),
        "c.md",
        B.replace("75", "74")
            .replace("2026-01-05", "2026-02-01")
            .as_bytes(),
    );
    let out = factlint(
        &["check", "--baseline", "base.json", "--format", "json", "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        v["findings"]
            .as_array()
            .expect("array")
            .iter()
            .all(|f| f["primary"]["file"] == "c.md"),
        "{v}"
    );
    write(dir.path(), "broken.json", b"{ nope");
    assert_eq!(
        factlint(&["check", "--baseline", "broken.json", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn diff_lists_changed_added_and_removed_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "v1.md",
        "Năm 2023, vốn FDI đạt 36,6 tỷ USD.\n\nĐã ký 20 văn kiện hợp tác.\n".as_bytes(),
    );
    write(
        dir.path(),
        "v2.md",
        "Năm 2023, vốn FDI đạt 38,6 tỷ USD.\n\nTổng số danh hiệu UNESCO là 77 danh hiệu.\n"
            .as_bytes(),
    );
    let out = factlint(&["diff", "v1.md", "v2.md"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("~ v2.md:1:23  money  36,6 tỷ USD → 38,6 tỷ USD  (giá trị)"),
        "{text}"
    );
    assert!(
        text.contains("+ v2.md:3:") && text.contains("- v1.md:3:"),
        "{text}"
    );
    let out = factlint(&["diff", "--format", "json", "v1.md", "v2.md"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["summary"]["changed"], 1);
    assert_eq!(v["changes"][0]["change"], "changed");
    assert_eq!(v["changes"][0]["fields"][0], "value");
    assert_eq!(
        factlint(&["diff", "v1.md", "missing.md"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..250 {
        write(
            dir.path(),
            &format!("f{i:03}.md"),
            format!("Năm 2023 có {i} chuyến thăm.\n").as_bytes(),
        );
    }
    let out = factlint(&["check", "."], dir.path());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_suppression_that_silences_nothing_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", "<!-- factlint-disable-next-line cross-source/value-mismatch -->\nNăm 2023 có 12 chuyến thăm.\n".as_bytes());
    let out = factlint(&["check", "--format", "json", "a.md"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["findings"][0]["rule"], "suppression/unused", "{v}");
    assert_eq!(v["findings"][0]["severity"], "warning");
}

/// On a terminal, a check of 200 or more files shows a progress line, written from the
/// worker threads: it once waited for ever on the standard error lock the main thread
/// held. Run under `script`, which gives the command a terminal; skipped without it.
#[test]
fn progress_on_a_terminal_does_not_hang() {
    if Command::new("script").arg("--version").output().is_err() {
        println!("note: `script` not installed; the terminal progress test is skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..220 {
        write(dir.path(), &format!("{i:03}.md"), TEXT.as_bytes());
    }
    let cmd = format!(
        "{} check --format jsonl --fail-on never .",
        env!("CARGO_BIN_EXE_factlint")
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script runs");
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("check with a progress line did not finish in 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
