//! `check --format sarif` and `--format github`: what GitHub code scanning needs to
//! accept an upload, code-point columns on Vietnamese text, fingerprints that survive
//! lines moving, fixes as replacements, and the workflow commands' escaping.

use factlint::document::{self, Document};
use factlint::finding::{
    Applicability, Edit, Finding, Fix, Lang, Location, Related, Severity, Text,
};
use factlint::render::findings::Report;
use factlint::render::github::write_github;
use factlint::render::sarif::write_sarif;
use factlint::rules::registry;
use serde_json::Value;

const A: &str = "# Kết quả thu hút đầu tư\n\nTrong năm 2024, tỉnh Đồng Tháp đã thu hút được 126 dự án đầu tư mới.\nTổng vốn đăng ký đạt 3,450.75 tỷ đồng.\n";
const B: &str =
    "Theo báo cáo của Sở Kế hoạch và Đầu tư,\nnăm 2024 toàn tỉnh có 124 dự án đầu tư mới.\n";

fn doc(path: &str, text: &str) -> Document {
    document::from_bytes(path, text.as_bytes()).unwrap()
}

fn at(file: &str, source: &str, needle: &str) -> Location {
    let start = source.find(needle).unwrap();
    Location {
        file: file.into(),
        span: start..start + needle.len(),
    }
}

/// `a.md` (its text given) says 126 new projects, `b.md` says 124.
fn mismatch_in(a: &str, figure: &str) -> Finding {
    Finding {
        rule: "cross-source/value-mismatch",
        severity: Severity::Error,
        message: Text::new(
            "số dự án đầu tư mới không khớp với b.md",
            "the number of new investment projects differs from b.md",
        ),
        primary: at("a.md", a, figure),
        label: Text::new(
            "văn bản này ghi 126 dự án",
            "this document states 126 projects",
        ),
        related: vec![Related {
            location: at("b.md", B, "124"),
            message: Text::new("b.md ghi 124 dự án", "b.md states 124 projects"),
        }],
        help: Some(Text::new(
            "kiểm tra lại số liệu của Sở rồi thống nhất hai con số",
            "check the department's figures and make the two numbers agree",
        )),
        notes: vec![],
        fix: None,
    }
}

fn mismatch() -> Finding {
    mismatch_in(A, "126")
}

/// English-style decimals in `a.md`, with a fix.
fn style() -> Finding {
    let primary = at("a.md", A, "3,450.75");
    Finding {
        rule: "style/number-format",
        severity: Severity::Warning,
        message: Text::new(
            "số thập phân viết theo kiểu tiếng Anh",
            "decimal number in English style",
        ),
        label: Text::new("dấu chấm thập phân", "decimal point"),
        related: vec![],
        help: Some(Text::new("viết `3.450,75`", "write `3.450,75`")),
        notes: vec![],
        fix: Some(Fix {
            description: Text::new("đổi thành `3.450,75`", "change to `3.450,75`"),
            edits: vec![Edit {
                location: primary.clone(),
                replacement: "3.450,75".to_string(),
            }],
            applicability: Applicability::Automatic,
        }),
        primary,
    }
}

/// An input that could not be read: no document behind it.
fn unreadable() -> Finding {
    Finding {
        rule: "input/unreadable",
        severity: Severity::Error,
        message: Text::new(
            "tệp không phải UTF-8 (byte 17)",
            "file is not UTF-8 (byte 17)",
        ),
        primary: Location {
            file: "hỏng/bản cũ.md".into(),
            span: 17..17,
        },
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
        files: docs.len(),
        claims: 7,
    };
    let mut out = Vec::new();
    write(&mut out, &report).unwrap();
    String::from_utf8(out).unwrap()
}

fn sarif_text(findings: &[Finding], docs: &[Document], lang: Lang) -> String {
    render(findings, docs, |o, r| write_sarif(o, r, lang))
}

fn sarif(findings: &[Finding], docs: &[Document], lang: Lang) -> Value {
    serde_json::from_str(&sarif_text(findings, docs, lang)).unwrap()
}

fn github(findings: &[Finding], docs: &[Document]) -> String {
    render(findings, docs, |o, r| write_github(o, r, Lang::Vi))
}

fn docs() -> Vec<Document> {
    vec![doc("a.md", A), doc("b.md", B)]
}

fn all() -> Vec<Finding> {
    vec![mismatch(), style(), unreadable()]
}

// ---------------------------------------------------------------------------------------
// A structural check of the SARIF 2.1.0 schema's required properties and enumerations,
// for every object the renderer emits.

fn str_at<'v>(v: &'v Value, what: &str) -> &'v str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} must be a string, got {v}"))
}

fn check_message(m: &Value, what: &str) {
    assert!(m.is_object(), "{what} must be an object");
    assert!(!str_at(&m["text"], what).is_empty(), "{what}.text is empty");
}

fn check_artifact(a: &Value) {
    let uri = str_at(&a["uri"], "artifactLocation.uri");
    assert!(!uri.is_empty());
    assert!(
        uri.bytes()
            .all(|b| b.is_ascii_graphic() && b != b'\\' && b != b' '),
        "uri is not valid URI text: {uri}"
    );
    if let Some(base) = a.get("uriBaseId") {
        assert_eq!(base, "%SRCROOT%");
        assert!(!uri.starts_with('/') && !uri.contains("://"), "{uri}");
    }
}

fn check_region(r: &Value) {
    assert!(r["startLine"].as_u64().unwrap() >= 1);
    let start = (r["startLine"].as_u64().unwrap(), r["startColumn"].as_u64());
    if let Some(c) = start.1 {
        assert!(c >= 1);
    }
    if let Some(end_line) = r.get("endLine") {
        let end_line = end_line.as_u64().unwrap();
        assert!(end_line >= start.0);
        let end_col = r["endColumn"].as_u64().unwrap();
        assert!(end_col >= 1);
        if end_line == start.0 {
            assert!(end_col >= start.1.unwrap());
        }
    }
    if let Some(off) = r.get("byteOffset") {
        assert!(off.is_u64());
        assert!(r["byteLength"].is_u64());
    }
    if let Some(s) = r.get("snippet") {
        assert!(s["text"].is_string());
    }
}

fn check_physical(p: &Value) {
    check_artifact(&p["artifactLocation"]);
    check_region(&p["region"]);
}

fn check_sarif(v: &Value) {
    assert_eq!(
        v["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "factlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| str_at(&r["id"], "rule id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "rule ids repeat");
    for rule in rules {
        assert!(!str_at(&rule["name"], "rule name").is_empty());
        check_message(&rule["shortDescription"], "shortDescription");
        check_message(&rule["fullDescription"], "fullDescription");
        check_message(&rule["help"], "help");
        let level = str_at(&rule["defaultConfiguration"]["level"], "level");
        assert!(["none", "note", "warning", "error"].contains(&level));
        assert!(rule["properties"]["tags"].as_array().unwrap()[0].is_string());
    }
    for res in run["results"].as_array().unwrap() {
        let rule_id = str_at(&res["ruleId"], "ruleId");
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], rule_id, "ruleIndex points at another rule");
        let level = str_at(&res["level"], "level");
        assert!(["none", "note", "warning", "error"].contains(&level));
        check_message(&res["message"], "result.message");
        let locations = res["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        check_physical(&locations[0]["physicalLocation"]);
        if let Some(related) = res.get("relatedLocations") {
            for rel in related.as_array().unwrap() {
                assert!(rel["id"].is_u64());
                check_physical(&rel["physicalLocation"]);
                check_message(&rel["message"], "relatedLocation.message");
            }
        }
        let fp = &res["partialFingerprints"]["factlintFingerprint/v1"];
        assert!(!str_at(fp, "fingerprint").is_empty());
        if let Some(fixes) = res.get("fixes") {
            for fix in fixes.as_array().unwrap() {
                check_message(&fix["description"], "fix.description");
                let changes = fix["artifactChanges"].as_array().unwrap();
                assert!(!changes.is_empty());
                for change in changes {
                    check_artifact(&change["artifactLocation"]);
                    for rep in change["replacements"].as_array().unwrap() {
                        assert!(rep["deletedRegion"]["byteOffset"].is_u64());
                        assert!(rep["deletedRegion"]["byteLength"].is_u64());
                        assert!(rep["insertedContent"]["text"].is_string());
                    }
                }
            }
        }
    }
}

fn fingerprint(v: &Value, result: usize) -> String {
    v["runs"][0]["results"][result]["partialFingerprints"]["factlintFingerprint/v1"]
        .as_str()
        .unwrap()
        .to_string()
}

// ---------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_has_what_code_scanning_requires() {
    for lang in [Lang::Vi, Lang::En] {
        let v = sarif(&all(), &docs(), lang);
        check_sarif(&v);
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 3);
    }
    // also with nothing to report
    check_sarif(&sarif(&[], &docs(), Lang::Vi));
}

#[test]
fn driver_lists_every_registry_rule() {
    let v = sarif(&[], &[], Lang::Vi);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), registry::RULES.len());
    for (rule, meta) in rules.iter().zip(registry::RULES) {
        assert_eq!(rule["id"], meta.id);
        assert_eq!(rule["shortDescription"]["text"], meta.summary_vi);
    }
    let mismatch = &rules[0];
    assert_eq!(mismatch["id"], "cross-source/value-mismatch");
    assert_eq!(mismatch["name"], "ValueMismatch");
    assert_eq!(mismatch["defaultConfiguration"]["level"], "error");
    assert_eq!(mismatch["properties"]["tags"][0], "cross-source");
    let help = mismatch["help"]["text"].as_str().unwrap();
    assert!(help.contains("factlint-disable-next-line cross-source/value-mismatch"));
    let style = rules
        .iter()
        .find(|r| r["id"] == "style/number-format")
        .unwrap();
    assert_eq!(style["defaultConfiguration"]["level"], "warning");
    assert_eq!(style["name"], "NumberFormat");
}

#[test]
fn result_fields_levels_and_message_with_help() {
    let v = sarif(&all(), &docs(), Lang::Vi);
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = &results[0];
    assert_eq!(r["ruleId"], "cross-source/value-mismatch");
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["message"]["text"],
        "số dự án đầu tư mới không khớp với b.md \
         (kiểm tra lại số liệu của Sở rồi thống nhất hai con số)"
    );
    assert_eq!(results[1]["level"], "warning");
    let en = sarif(&all(), &docs(), Lang::En);
    assert_eq!(
        en["runs"][0]["results"][0]["message"]["text"],
        "the number of new investment projects differs from b.md \
         (check the department's figures and make the two numbers agree)"
    );
}

#[test]
fn columns_count_code_points_after_vietnamese_letters() {
    let v = sarif(&[mismatch()], &docs(), Lang::Vi);
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "a.md");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &loc["region"];
    // "Trong năm 2024, tỉnh Đồng Tháp đã thu hút được " is 47 characters but 61 bytes
    let prefix = "Trong năm 2024, tỉnh Đồng Tháp đã thu hút được ";
    assert_eq!(prefix.chars().count(), 47);
    assert_eq!(prefix.len(), 61);
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 48);
    assert_eq!(region["endLine"], 3);
    assert_eq!(region["endColumn"], 51); // end exclusive: "126" is 3 code points
    assert_eq!(region["byteOffset"], 96);
    assert_eq!(region["byteLength"], 3);
    assert_eq!(&A[96..99], "126");
    assert_eq!(region["snippet"]["text"], "126");
}

#[test]
fn related_locations_point_at_the_other_source() {
    let v = sarif(&[mismatch()], &docs(), Lang::Vi);
    let related = v["runs"][0]["results"][0]["relatedLocations"]
        .as_array()
        .unwrap();
    assert_eq!(related.len(), 1);
    let rel = &related[0];
    assert_eq!(rel["id"], 1);
    assert_eq!(rel["message"]["text"], "b.md ghi 124 dự án");
    let loc = &rel["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "b.md");
    // "năm 2024 toàn tỉnh có " is 22 characters
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(loc["region"]["startColumn"], 23);
    assert_eq!(loc["region"]["endColumn"], 26);
    assert_eq!(loc["region"]["byteOffset"], B.find("124").unwrap());
    assert_eq!(loc["region"]["snippet"]["text"], "124");
    // no related locations: the property is left out
    let v = sarif(&[style()], &docs(), Lang::Vi);
    assert!(v["runs"][0]["results"][0].get("relatedLocations").is_none());
}

#[test]
fn fingerprints_survive_lines_moving_and_change_with_the_figure() {
    let base = sarif(&[mismatch()], &docs(), Lang::Vi);

    let shifted_text = format!("Cập nhật ngày 15 tháng 01.\nBản dự thảo lần hai.\n{A}");
    let shifted_docs = vec![doc("a.md", &shifted_text), doc("b.md", B)];
    let shifted = sarif(
        &[mismatch_in(&shifted_text, "126")],
        &shifted_docs,
        Lang::Vi,
    );
    let region = &shifted["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 5, "the span moved down two lines");
    assert_eq!(fingerprint(&base, 0), fingerprint(&shifted, 0));
    // the language of the messages does not matter either
    let en = sarif(&[mismatch()], &docs(), Lang::En);
    assert_eq!(fingerprint(&base, 0), fingerprint(&en, 0));

    let other_text = A.replace("126", "128");
    let other_docs = vec![doc("a.md", &other_text), doc("b.md", B)];
    let other = sarif(&[mismatch_in(&other_text, "128")], &other_docs, Lang::Vi);
    assert_ne!(fingerprint(&base, 0), fingerprint(&other, 0));

    // another rule on the same span differs too
    let mut sum = mismatch();
    sum.rule = "arithmetic/sum";
    let v = sarif(&[sum], &docs(), Lang::Vi);
    assert_ne!(fingerprint(&base, 0), fingerprint(&v, 0));
}

#[test]
fn repeated_fingerprints_are_numbered() {
    let v = sarif(&[mismatch(), mismatch()], &docs(), Lang::Vi);
    let (a, b) = (fingerprint(&v, 0), fingerprint(&v, 1));
    assert!(a.ends_with(":1"), "{a}");
    assert!(b.ends_with(":2"), "{b}");
    assert_eq!(a.split(':').next(), b.split(':').next());
}

#[test]
fn fixes_become_byte_replacements() {
    let v = sarif(&[style()], &docs(), Lang::Vi);
    let fixes = v["runs"][0]["results"][0]["fixes"].as_array().unwrap();
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0]["description"]["text"], "đổi thành `3.450,75`");
    let changes = fixes[0]["artifactChanges"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["artifactLocation"]["uri"], "a.md");
    let rep = &changes[0]["replacements"][0];
    let start = A.find("3,450.75").unwrap();
    assert_eq!(rep["deletedRegion"]["byteOffset"], start);
    assert_eq!(rep["deletedRegion"]["byteLength"], "3,450.75".len());
    assert_eq!(rep["insertedContent"]["text"], "3.450,75");
    // applying the replacement gives the fixed line
    let off = rep["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
    let len = rep["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
    let fixed = format!("{}3.450,75{}", &A[..off], &A[off + len..]);
    assert!(fixed.contains("Tổng vốn đăng ký đạt 3.450,75 tỷ đồng."));
    // no fix: no `fixes`
    let v = sarif(&[mismatch()], &docs(), Lang::Vi);
    assert!(v["runs"][0]["results"][0].get("fixes").is_none());
}

#[test]
fn a_finding_without_a_document_is_still_a_valid_result() {
    let v = sarif(&[unreadable()], &docs(), Lang::Vi);
    check_sarif(&v);
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "input/unreadable");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 1);
    // spaces and Vietnamese letters in the path are percent-encoded UTF-8
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "h%E1%BB%8Fng/b%E1%BA%A3n%20c%C5%A9.md"
    );
}

#[test]
fn paths_are_relative_uris_with_forward_slashes() {
    let text = "Có 5 đơn vị.\n";
    let docs = vec![doc("./báo cáo/a.md", text)];
    let f = Finding {
        primary: at("./báo cáo/a.md", text, "5"),
        ..unreadable()
    };
    let v = sarif(&[f], &docs, Lang::Vi);
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "b%C3%A1o%20c%C3%A1o/a.md");
    assert_eq!(loc["region"]["startColumn"], 4);
}

#[test]
fn sarif_is_deterministic() {
    let once = sarif_text(&all(), &docs(), Lang::Vi);
    let twice = sarif_text(&all(), &docs(), Lang::Vi);
    assert_eq!(once, twice);
    assert!(once.ends_with("}\n"));
}

// ---------------------------------------------------------------------------------------
// GitHub workflow commands

#[test]
fn github_prints_one_command_per_finding() {
    let out = github(&all(), &docs());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        "::error file=a.md,line=3,col=48,endLine=3,endColumn=51,\
         title=cross-source/value-mismatch::số dự án đầu tư mới không khớp với b.md \
         (kiểm tra lại số liệu của Sở rồi thống nhất hai con số)"
    );
    assert!(lines[1].starts_with("::warning file=a.md,line=4,col=22,"));
    assert!(lines[1].ends_with("::số thập phân viết theo kiểu tiếng Anh (viết `3.450,75`)"));
    // no document: line 1
    assert_eq!(
        lines[2],
        "::error file=hỏng/bản cũ.md,line=1,title=input/unreadable::tệp không phải UTF-8 (byte 17)"
    );
}

#[test]
fn github_levels() {
    let mut note = style();
    note.severity = Severity::Info;
    assert!(github(&[note], &docs()).starts_with("::notice "));
    assert!(github(&[style()], &docs()).starts_with("::warning "));
}

#[test]
fn github_escapes_properties_and_message() {
    let path = "báo cáo, bản 2: chính thức.md";
    let text = "Đạt 100% kế hoạch.\n";
    let docs = vec![doc(path, text)];
    let f = Finding {
        rule: "arithmetic/sum",
        severity: Severity::Error,
        message: Text::new(
            "tổng các phần là 98%\r\nnhưng văn bản ghi 100%",
            "parts add up to 98%\r\nbut the text says 100%",
        ),
        primary: at(path, text, "100%"),
        label: Text::default(),
        related: vec![],
        help: Some(Text::new("xem lại: bảng 2, dòng 3", "see table 2, row 3")),
        notes: vec![],
        fix: None,
    };
    let out = github(&[f], &docs);
    assert_eq!(
        out,
        "::error file=báo cáo%2C bản 2%3A chính thức.md,line=1,col=5,endLine=1,endColumn=9,\
         title=arithmetic/sum::tổng các phần là 98%25%0D%0Anhưng văn bản ghi 100%25 \
         (xem lại: bảng 2, dòng 3)\n"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn github_is_deterministic_and_empty_without_findings() {
    assert_eq!(github(&all(), &docs()), github(&all(), &docs()));
    assert_eq!(github(&[], &docs()), "");
}
