//! `check` output: the JSON contract of spec/interface.md, JSON Lines, and the ariadne
//! diagnostics people read (snapshots, colour off).

use factlint::document::{self, Document};
use factlint::finding::{
    Applicability, Edit, Finding, Fix, Lang, Location, Related, Severity, Text,
};
use factlint::render::findings::{Report, write_human, write_json, write_jsonl};
use serde_json::Value;

const A: &str = "# Báo cáo tổng kết\n\nNăm 2025, tỉnh đạt 77 danh hiệu thi đua cấp quốc gia.\nTổng vốn đầu tư là 1,250.5 tỷ đồng.\n";
const B: &str = "Theo số liệu của Ban Thi đua,\ntoàn tỉnh có 75 danh hiệu thi đua cấp quốc gia.\n";

fn docs() -> Vec<Document> {
    vec![
        document::from_bytes("a.md", A.as_bytes()).unwrap(),
        document::from_bytes("b.md", B.as_bytes()).unwrap(),
    ]
}

fn at(file: &str, source: &str, needle: &str) -> Location {
    let start = source.find(needle).unwrap();
    Location {
        file: file.into(),
        span: start..start + needle.len(),
    }
}

/// `a.md` says 77 titles, `b.md` says 75.
fn mismatch() -> Finding {
    Finding {
        rule: "cross-source/value-mismatch",
        severity: Severity::Error,
        message: Text::new(
            "số danh hiệu thi đua khác với b.md",
            "the number of emulation titles differs from b.md",
        ),
        primary: at("a.md", A, "77"),
        label: Text::new(
            "tài liệu này nêu 77 danh hiệu",
            "this document states 77 titles",
        ),
        related: vec![Related {
            location: at("b.md", B, "75"),
            message: Text::new("b.md nêu 75 danh hiệu", "b.md states 75 titles"),
        }],
        help: Some(Text::new(
            "đối chiếu với số liệu gốc rồi sửa một trong hai con số",
            "check the original figures and correct one of the two numbers",
        )),
        notes: vec![Text::new(
            "số 75 lấy từ báo cáo tổng hợp của Ban Thi đua (b.md)",
            "75 comes from the summary report of the Emulation Board (b.md)",
        )],
        fix: None,
    }
}

/// English-style decimals in `a.md`, with a fix.
fn style() -> Finding {
    let primary = at("a.md", A, "1,250.5");
    Finding {
        rule: "style/number-format",
        severity: Severity::Warning,
        message: Text::new(
            "số viết theo kiểu tiếng Anh",
            "number written in English style",
        ),
        label: Text::new("dấu chấm thập phân", "decimal point"),
        related: vec![],
        help: Some(Text::new("viết `1.250,5`", "write `1.250,5`")),
        notes: vec![],
        fix: Some(Fix {
            description: Text::new("viết `1.250,5`", "write `1.250,5`"),
            edits: vec![Edit {
                location: primary.clone(),
                replacement: "1.250,5".to_string(),
            }],
            applicability: Applicability::Automatic,
        }),
        primary,
    }
}

fn info() -> Finding {
    Finding {
        rule: "temporal/stock-decrease",
        severity: Severity::Info,
        message: Text::new("ghi chú thử", "a test note"),
        primary: at("b.md", B, "Ban Thi đua"),
        label: Text::default(),
        related: vec![],
        help: None,
        notes: vec![],
        fix: None,
    }
}

fn render(
    findings: &[Finding],
    docs: &[Document],
    write: impl FnOnce(&mut Vec<u8>, &Report) -> std::io::Result<()>,
) -> String {
    let lookup = |p: &str| docs.iter().find(|d| &*d.path == p);
    let report = Report {
        findings,
        documents: &lookup,
        files: 2,
        claims: 41,
    };
    let mut out = Vec::new();
    write(&mut out, &report).unwrap();
    String::from_utf8(out).unwrap()
}

fn human(findings: &[Finding], docs: &[Document], lang: Lang) -> String {
    let text = render(findings, docs, |o, r| write_human(o, r, lang, false));
    // ariadne pads some lines with spaces; snapshots are easier to read without them
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn json(findings: &[Finding], docs: &[Document], lang: Lang) -> Value {
    serde_json::from_str(&render(findings, docs, |o, r| write_json(o, r, lang))).unwrap()
}

#[test]
fn json_follows_the_contract() {
    let docs = docs();
    let v = json(&[mismatch()], &docs, Lang::Vi);
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "cross-source/value-mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "số danh hiệu thi đua khác với b.md");
    // "Năm 2025, tỉnh đạt " is 19 characters but 25 bytes; line 3 starts at byte 26
    let p = &f["primary"];
    assert_eq!(p["file"], "a.md");
    assert_eq!(p["line"], 3);
    assert_eq!(p["column"], 20);
    assert_eq!(p["start"], 51);
    assert_eq!(p["end"], 53);
    assert_eq!(p["text"], "77");
    assert_eq!(&A[51..53], "77");
    let rel = &f["related"][0];
    assert_eq!(rel["file"], "b.md");
    assert_eq!(rel["line"], 2);
    assert_eq!(rel["column"], 14);
    assert_eq!(rel["start"], B.find("75").unwrap());
    assert_eq!(rel["end"], B.find("75").unwrap() + 2);
    assert_eq!(rel["text"], "75");
    assert_eq!(rel["message"], "b.md nêu 75 danh hiệu");
    assert!(f["fix"].is_null());
    // extensions
    assert_eq!(
        f["help"],
        "đối chiếu với số liệu gốc rồi sửa một trong hai con số"
    );
    assert_eq!(
        f["notes"][0],
        "số 75 lấy từ báo cáo tổng hợp của Ban Thi đua (b.md)"
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 2, "claims": 41, "errors": 1, "warnings": 0, "infos": 0})
    );
    // every contract key is there
    for key in ["rule", "severity", "message", "primary", "related", "fix"] {
        assert!(f.get(key).is_some(), "{key}");
    }
    for key in ["file", "line", "column", "start", "end", "text"] {
        assert!(p.get(key).is_some(), "{key}");
    }
}

#[test]
fn json_speaks_the_chosen_language() {
    let docs = docs();
    let v = json(&[mismatch()], &docs, Lang::En);
    let f = &v["findings"][0];
    assert_eq!(
        f["message"],
        "the number of emulation titles differs from b.md"
    );
    assert_eq!(f["related"][0]["message"], "b.md states 75 titles");
    assert_eq!(
        f["help"],
        "check the original figures and correct one of the two numbers"
    );
}

#[test]
fn json_fix_lists_its_edits() {
    let docs = docs();
    let v = json(&[style()], &docs, Lang::Vi);
    let f = &v["findings"][0];
    let start = A.find("1,250.5").unwrap();
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["primary"]["line"], 4);
    assert_eq!(f["primary"]["column"], 20);
    assert_eq!(f["primary"]["text"], "1,250.5");
    assert_eq!(
        f["fix"],
        serde_json::json!({
            "description": "viết `1.250,5`",
            "automatic": true,
            "edits": [{"file": "a.md", "start": start, "end": start + 7, "replacement": "1.250,5"}]
        })
    );
}

#[test]
fn summary_counts_findings_by_severity() {
    let docs = docs();
    let findings = [mismatch(), style(), info(), mismatch()];
    let v = json(&findings, &docs, Lang::Vi);
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 2, "claims": 41, "errors": 2, "warnings": 1, "infos": 1})
    );
    assert_eq!(v["findings"][2]["severity"], "info");
    let vi = human(&findings, &docs, Lang::Vi);
    assert!(
        vi.ends_with("2 lỗi, 1 cảnh báo, 1 ghi chú trong 2 tệp (41 số liệu)"),
        "{vi}"
    );
    let en = human(&findings, &docs, Lang::En);
    assert!(
        en.ends_with("2 errors, 1 warning, 1 note in 2 files (41 claims)"),
        "{en}"
    );
}

#[test]
fn jsonl_prints_one_finding_per_line_and_nothing_else() {
    let docs = docs();
    let text = render(&[mismatch(), style()], &docs, |o, r| {
        write_jsonl(o, r, Lang::Vi)
    });
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(text.ends_with('\n'));
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    let second: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(first["rule"], "cross-source/value-mismatch");
    assert_eq!(first["primary"]["text"], "77");
    assert_eq!(second["rule"], "style/number-format");
    assert!(first.get("summary").is_none() && first.get("version").is_none());
    let empty = render(&[], &docs, |o, r| write_jsonl(o, r, Lang::Vi));
    assert_eq!(empty, "");
}

#[test]
fn human_output_in_vietnamese() {
    let docs = docs();
    insta::assert_snapshot!("human_vi", human(&[mismatch(), style()], &docs, Lang::Vi));
}

#[test]
fn human_output_in_english() {
    let docs = docs();
    insta::assert_snapshot!("human_en", human(&[mismatch(), style()], &docs, Lang::En));
}

#[test]
fn human_output_without_findings_says_so() {
    let docs = docs();
    assert_eq!(
        human(&[], &docs, Lang::Vi),
        "không có vấn đề nào trong 2 tệp (41 số liệu)"
    );
    assert_eq!(
        human(&[], &docs, Lang::En),
        "no problems in 2 files (41 claims)"
    );
    let v = json(&[], &docs, Lang::Vi);
    assert_eq!(v["findings"], serde_json::json!([]));
}

#[test]
fn english_summary_uses_singular_for_one() {
    let docs = docs();
    let text = render(&[], &docs[..1], |o, r| {
        let one = Report {
            files: 1,
            claims: 1,
            ..*r
        };
        write_human(o, &one, Lang::En, false)
    });
    assert_eq!(text, "no problems in 1 file (1 claim)\n");
}

#[test]
fn bad_spans_do_not_panic() {
    let docs = docs();
    let mut past_end = mismatch();
    past_end.primary.span = 500..900;
    past_end.related[0].location.span = std::ops::Range { start: 60, end: 2 };
    // inside `ă` of "Năm" and inside `ạ` of "đạt"
    let mut mid_char = style();
    let nam = A.find("Năm").unwrap();
    let dat = A.find("đạt").unwrap();
    mid_char.primary.span = nam + 2..dat + 3;
    mid_char.fix = None;
    let findings = [past_end, mid_char];
    for lang in [Lang::Vi, Lang::En] {
        let text = human(&findings, &docs, lang);
        assert!(text.contains("a.md"), "{text}");
        let v = json(&findings, &docs, lang);
        let p = &v["findings"][0]["primary"];
        assert_eq!(
            (p["start"].clone(), p["end"].clone()),
            (A.len().into(), A.len().into())
        );
        assert_eq!(p["text"], "");
        let p = &v["findings"][1]["primary"];
        // widened to whole characters
        assert_eq!(p["text"], "ăm 2025, tỉnh đạ");
        assert_eq!(p["column"], 2);
        let rel = &v["findings"][0]["related"][0];
        assert_eq!(rel["text"], "");
        let _ = render(&findings, &docs, |o, r| write_jsonl(o, r, lang));
        let _ = render(&findings, &docs, |o, r| write_human(o, r, lang, true));
    }
}

#[test]
fn a_file_without_a_document_still_prints() {
    let docs = docs();
    let unreadable = Finding {
        rule: "input/unreadable",
        severity: Severity::Error,
        message: Text::new(
            "không đọc được tệp: không phải UTF-8 (byte 17)",
            "cannot read the file: not UTF-8 (byte 17)",
        ),
        primary: Location {
            file: "hỏng.md".into(),
            span: 17..18,
        },
        label: Text::new("byte không hợp lệ", "invalid byte"),
        related: vec![],
        help: None,
        notes: vec![],
        fix: None,
    };
    // and a related location in a file that is not loaded
    let mut elsewhere = mismatch();
    elsewhere.related[0].location.file = "c.md".into();
    let findings = [unreadable, elsewhere];
    let v = json(&findings, &docs, Lang::Vi);
    let p = &v["findings"][0]["primary"];
    assert_eq!(p["file"], "hỏng.md");
    assert_eq!(
        (p["line"].clone(), p["column"].clone()),
        (1.into(), 1.into())
    );
    assert_eq!(
        (p["start"].clone(), p["end"].clone()),
        (17.into(), 18.into())
    );
    assert_eq!(p["text"], "");
    let rel = &v["findings"][1]["related"][0];
    assert_eq!(rel["file"], "c.md");
    assert_eq!(rel["text"], "");
    insta::assert_snapshot!("human_missing_documents", human(&findings, &docs, Lang::Vi));
}

#[test]
fn columns_agree_between_human_and_json_with_bom_and_crlf() {
    let source = "\u{feff}Tiêu đề\r\nCả nước có 63 tỉnh, thành phố.\r\n";
    let doc = document::from_bytes("c.md", source.as_bytes()).unwrap();
    let mut f = info();
    f.primary = at("c.md", source, "63");
    f.label = Text::new("số tỉnh", "provinces");
    let docs = vec![doc];
    let v = json(std::slice::from_ref(&f), &docs, Lang::Vi);
    let p = &v["findings"][0]["primary"];
    assert_eq!(
        (p["line"].clone(), p["column"].clone()),
        (2.into(), 12.into())
    );
    let text = human(&[f], &docs, Lang::En);
    assert!(text.contains("c.md:2:12"), "{text}");
    assert!(
        text.starts_with("[temporal/stock-decrease] Advice: a test note"),
        "{text}"
    );
}

#[test]
fn output_is_the_same_from_run_to_run() {
    let docs = docs();
    let findings = [mismatch(), style(), info()];
    assert_eq!(
        human(&findings, &docs, Lang::Vi),
        human(&findings, &docs, Lang::Vi)
    );
    assert_eq!(
        json(&findings, &docs, Lang::En),
        json(&findings, &docs, Lang::En)
    );
}

/// ariadne 0.6 in byte mode places the `file:line:col` of a second file's section by a
/// character offset read as a byte offset: after a line of Vietnamese text it named the
/// line before.
#[test]
fn related_file_header_names_the_right_line_and_column() {
    let a = document::from_bytes("a.md", A.as_bytes()).unwrap();
    let c_src = "Theo số liệu của Ban Thi đua, năm 2025:\n75 danh hiệu thi đua cấp quốc gia.\n";
    let c = document::from_bytes("c.md", c_src.as_bytes()).unwrap();
    let mut f = mismatch();
    f.related[0].location = at("c.md", c_src, "75");
    let text = human(&[f], &[a, c], Lang::Vi);
    assert!(text.contains("╭─[ a.md:3:20 ]"), "{text}");
    assert!(text.contains("├─[ c.md:2:1 ]"), "{text}");
}

#[test]
fn colour_is_only_used_when_asked_for() {
    let docs = docs();
    let colored = render(&[mismatch()], &docs, |o, r| {
        write_human(o, r, Lang::Vi, true)
    });
    let plain = render(&[mismatch()], &docs, |o, r| {
        write_human(o, r, Lang::Vi, false)
    });
    assert!(colored.contains("\u{1b}["));
    assert!(!plain.contains('\u{1b}'));
}
