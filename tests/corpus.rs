//! The shipped corpus as the README's main command checks it (`factlint check corpus`):
//! the statements themselves give no error, each draft gives the findings planted in it
//! (a snapshot, reviewed against the `planted:` comment at the top of each draft), and the
//! clean draft gives none.

use std::path::Path;
use std::process::Command;

fn check_corpus() -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--format", "json", "corpus"])
        .current_dir(root)
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the drafts hold errors: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn findings(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["findings"].as_array().expect("findings")
}

#[test]
fn the_statements_give_no_error() {
    let v = check_corpus();
    let on_statements: Vec<String> = findings(&v)
        .iter()
        .filter(|f| {
            f["severity"] == "error"
                && !f["primary"]["file"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("corpus/drafts/")
        })
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule"], f["primary"]["file"], f["primary"]["text"]
            )
        })
        .collect();
    assert!(on_statements.is_empty(), "{on_statements:#?}");
}

#[test]
fn every_draft_gives_its_planted_findings_and_the_clean_one_none() {
    let v = check_corpus();
    let mut lines = Vec::new();
    for f in findings(&v) {
        let file = f["primary"]["file"].as_str().unwrap_or_default();
        let Some(draft) = file.strip_prefix("corpus/drafts/") else {
            continue;
        };
        lines.push(format!(
            "{draft}:{} {} {} `{}`",
            f["primary"]["line"],
            f["severity"].as_str().unwrap_or_default(),
            f["rule"].as_str().unwrap_or_default(),
            f["primary"]["text"].as_str().unwrap_or_default()
        ));
    }
    assert!(
        !lines.iter().any(|l| l.starts_with("09-")),
        "the clean draft has findings: {lines:#?}"
    );
    // every draft but the clean one has at least one finding
    let drafts = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/drafts"))
        .expect("corpus/drafts")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".md") && !n.starts_with("09-"));
    for d in drafts {
        assert!(
            lines.iter().any(|l| l.starts_with(&d)),
            "{d} gives no finding"
        );
    }
    insta::assert_snapshot!("corpus_drafts", lines.join("\n"));
}

/// The README pastes the main command's output; it must be what the command prints.
#[test]
fn the_readme_shows_what_check_corpus_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--color", "never", "corpus"])
        .current_dir(root)
        .output()
        .expect("the binary runs");
    let human = String::from_utf8_lossy(&out.stdout);
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let blocks: Vec<&str> = human.split("\n[").collect();
    // the first two findings, verbatim
    for b in blocks.iter().take(2) {
        let b = b.trim_start_matches('[').trim_end();
        assert!(readme.contains(b), "README is stale; the run prints:\n{b}");
    }
    let last = human.trim_end().lines().last().unwrap_or_default();
    assert!(
        readme.contains(last),
        "README is stale; the run ends: {last}"
    );
}
