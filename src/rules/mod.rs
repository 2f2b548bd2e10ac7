//! Rule data: the TOML files under `rules/`, embedded in the binary, that say which words
//! hedge a figure, which words are units, and what makes a figure not a claim.
//!
//! They are data so that a user adds a hedge or a currency without recompiling; a broken
//! file is reported with its path and the line and column of the mistake.

pub mod explain;
mod lexicon;
pub mod registry;

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

pub use lexicon::{CharIndex, HedgeShape, HedgeSpec, Lexicon, PhraseTable, UnitMeaning};

use crate::claim::Bound;

/// A rule file that could not be read or understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RuleError {
    pub path: String,
    pub message: String,
    /// The file's text, kept so the error can be drawn with the offending span.
    pub text: String,
    /// Byte range of the mistake in `text`, when known.
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeFile {
    #[serde(default)]
    pub hedge: Vec<HedgeEntry>,
    #[serde(default)]
    pub suffix: Vec<HedgeEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeEntry {
    pub phrases: Vec<String>,
    pub bound: BoundName,
    pub shape: HedgeShape,
    #[serde(default)]
    pub width: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BoundName {
    Approx,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

impl From<BoundName> for Bound {
    fn from(b: BoundName) -> Bound {
        match b {
            BoundName::Approx => Bound::Approx,
            BoundName::MoreThan => Bound::MoreThan,
            BoundName::AtLeast => Bound::AtLeast,
            BoundName::LessThan => Bound::LessThan,
            BoundName::AtMost => Bound::AtMost,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFile {
    #[serde(default)]
    pub currency: Vec<CurrencyEntry>,
    #[serde(default)]
    pub minor: PhraseList,
    #[serde(default)]
    pub percent: PercentEntry,
    #[serde(default)]
    pub duration: PhraseList,
    #[serde(default)]
    pub ratio: PhraseList,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyEntry {
    pub code: String,
    #[serde(default)]
    pub suffix: Vec<String>,
    #[serde(default)]
    pub prefix: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseList {
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PercentEntry {
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub points: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoiseFile {
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub idioms: Vec<String>,
    #[serde(default)]
    pub file_suffixes: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricFile {
    #[serde(default)]
    pub metric: Vec<MetricEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricEntry {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: MetricKind,
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub stock: bool,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    Count,
    Money,
    Percent,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermFile {
    #[serde(default)]
    pub term: Vec<TermEntry>,
    #[serde(default)]
    pub synonyms: Vec<SynonymEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    pub preferred: String,
    pub variants: Vec<String>,
    /// Fold the variants into the preferred form when comparing (default true).
    #[serde(default = "yes")]
    pub fold: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymEntry {
    pub words: Vec<String>,
}

/// Tolerances and severities (`checks.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckFile {
    /// Rule id -> `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub matching: MatchingSettings,
    #[serde(default)]
    pub style: StyleSettings,
    #[serde(default)]
    pub arithmetic: ArithmeticSettings,
    #[serde(default)]
    pub enumeration: EnumerationSettings,
    #[serde(default)]
    pub temporal: TemporalSettings,
}

/// Tolerances of the `arithmetic/*` checks (`[arithmetic]` in `checks.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ArithmeticSettings {
    /// Whole counts below this are exact; larger ones ending in zeros may be rounded
    /// (`1.200 lượt` may be 1.150 to 1.250), as money amounts ending in zeros may be.
    pub exact_count_below: f64,
    /// Extra slack on a stated percent change, in percentage points, on top of its
    /// written precision (`tăng 32,8%` is already 32,75 to 32,85).
    pub percent_slack: f64,
    /// Extra slack on a stated ratio (`gấp 2,5 lần`), as a fraction of it.
    pub ratio_slack: f64,
    /// Bytes between two figures of one list beyond which they are not one list.
    pub max_item_gap: usize,
    /// Bytes between a cue (`tổng cộng`, `trong đó`, `so với`) and its figure.
    pub max_cue_gap: usize,
    /// The most parts read in one list.
    pub max_parts: usize,
}

impl Default for ArithmeticSettings {
    fn default() -> Self {
        ArithmeticSettings {
            exact_count_below: 1000.0,
            percent_slack: 0.0,
            ratio_slack: 0.0,
            max_item_gap: 120,
            max_cue_gap: 60,
            max_parts: 30,
        }
    }
}

/// Settings of the `enumeration/*` checks (`[enumeration]` in `checks.toml`). The defaults
/// here are the same as the shipped file's (a test keeps them equal), so a project file
/// that sets one field keeps the others.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnumerationSettings {
    /// Words after the counted noun that announce a list (`6 điểm sau đây`).
    pub announce_after: Vec<String>,
    /// Words between the counted noun and a colon (`4 nhiệm vụ, gồm:`).
    pub announce_connectors: Vec<String>,
    /// First words after a number that make it a measure, not a count of items
    /// (`3 năm`, `5 triệu`).
    pub not_item_nouns: Vec<String>,
    /// Words before a number that make it an ordinal or a label (`lần thứ 2`, `Điều 3`).
    pub not_count_before: Vec<String>,
    /// Openings of a bracket that give examples or a subset, not the whole list
    /// (`(trong đó có Lào)`, `(như Lào, Campuchia)`).
    pub bracket_subset: Vec<String>,
    /// Words that open the first item of a list in place of `Thứ nhất` (`Trước hết,`).
    pub soft_first: Vec<String>,
    /// Words that open the last item of a list in place of a number (`Cuối cùng,`).
    pub soft_last: Vec<String>,
    /// The most numbers a sequence may skip and still be the same sequence: a larger
    /// jump starts another list.
    pub max_missing: u32,
    /// Blocks between two items, at the start of their blocks, beyond which they belong
    /// to different lists.
    pub max_block_distance: usize,
}

fn enumeration_words(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

impl Default for EnumerationSettings {
    fn default() -> Self {
        EnumerationSettings {
            announce_after: enumeration_words(&["sau đây", "như sau", "dưới đây", "sau"]),
            announce_connectors: enumeration_words(&[
                "gồm có",
                "bao gồm",
                "gồm",
                "đó là",
                "cụ thể là",
                "cụ thể",
                "là",
            ]),
            not_item_nouns: enumeration_words(&[
                "năm",
                "tháng",
                "ngày",
                "tuần",
                "quý",
                "giờ",
                "phút",
                "giây",
                "thế kỷ",
                "thập kỷ",
                "nhiệm kỳ",
                "khóa",
                "khoá",
                "lần",
                "trăm",
                "nghìn",
                "ngàn",
                "vạn",
                "triệu",
                "tỷ",
                "tỉ",
                "phần trăm",
                "%",
                "km",
                "m",
                "kg",
                "tấn",
                "ha",
                "USD",
                "đồng",
                "euro",
                "tuổi",
                "độ",
            ]),
            not_count_before: enumeration_words(&[
                "thứ",
                "số",
                "điều",
                "khoản",
                "điểm",
                "mục",
                "chương",
                "phần",
                "khóa",
                "khoá",
                "kỳ",
                "lần",
                "trang",
                "tập",
                "quyển",
                "bảng",
                "hình",
                "phụ lục",
            ]),
            bracket_subset: enumeration_words(&[
                "trong đó",
                "như",
                "nhất là",
                "đặc biệt là",
                "chủ yếu",
                "điển hình",
                "ví dụ",
                "chẳng hạn",
                "kể cả",
                "gồm cả",
                "bao gồm cả",
                "trừ",
                "ngoài",
                "riêng",
                "với",
                "tại",
                "ở",
                "của",
                "cho",
                "về",
                "từ",
                "đến",
                "theo",
                "do",
                "bằng",
                "khoảng",
                "gần",
                "hơn",
                "trên",
                "dưới",
                "tức là",
                "hay",
                "hoặc",
            ]),
            soft_first: enumeration_words(&[
                "trước hết",
                "trước tiên",
                "trước nhất",
                "đầu tiên",
                "điều đầu tiên",
                "việc đầu tiên",
            ]),
            soft_last: enumeration_words(&["cuối cùng", "sau cùng"]),
            max_missing: 2,
            max_block_distance: 40,
        }
    }
}

/// Settings of the `temporal/invalid-date` and `temporal/duration-mismatch` checks
/// (`[temporal]` in `checks.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TemporalSettings {
    /// Whether a period's length may also be counted as the time elapsed between its ends
    /// (`1945-2025` is 80 years) besides counting both ends (`2021-2023` is 3 years).
    pub accept_elapsed: bool,
    /// Bytes of a name between a duration and a bracketed period that gives its length
    /// (`75 năm Ngày truyền thống (1/11/1949-1/11/2024)`).
    pub max_name_gap: usize,
}

impl Default for TemporalSettings {
    fn default() -> Self {
        TemporalSettings {
            accept_elapsed: true,
            max_name_gap: 80,
        }
    }
}

/// House-style choices (`[style]` in `checks.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StyleSettings {
    /// Tone-mark placement: `majority` (whichever the document uses more), `old` (`hòa`,
    /// `thủy`) or `new` (`hoà`, `thuỷ`).
    pub tone_marks: String,
    /// Currency words: `USD` (write `USD`) or `words` (`đô la Mỹ` is accepted).
    pub currency: String,
    /// Day and month: `any` (consistent within a document), `padded` (`07/9/2023`) or
    /// `unpadded` (`7/9/2023`).
    pub date_padding: String,
}

impl Default for StyleSettings {
    fn default() -> Self {
        StyleSettings {
            tone_marks: "majority".to_string(),
            currency: "USD".to_string(),
            date_padding: "any".to_string(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MatchingSettings {
    /// Syllables a subject phrase needs before figures are matched by it alone.
    pub min_subject_syllables: usize,
    /// Bytes between a metric's name and its figure beyond which they are not linked.
    pub max_alias_gap: usize,
    /// The smallest figure `cross-source/subject-mismatch` looks at (small counts repeat by chance).
    pub subject_mismatch_min_value: f64,
}

impl Default for MatchingSettings {
    fn default() -> Self {
        MatchingSettings {
            min_subject_syllables: 2,
            max_alias_gap: 120,
            subject_mismatch_min_value: 10.0,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NounFile {
    #[serde(default)]
    pub counted: Vec<String>,
}

/// `rules/places.toml`: provinces, cities and countries a figure may be about.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceFile {
    /// Forms naming the whole country (`Việt Nam`, `cả nước`).
    #[serde(default)]
    pub national: Vec<String>,
    /// Provinces and centrally-run cities before the 2025 merger.
    #[serde(default)]
    pub provinces: Vec<String>,
    /// Provinces and cities after it.
    #[serde(default)]
    pub provinces_2025: Vec<String>,
    /// Foreign countries and regions.
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub alias: Vec<PlaceAlias>,
}

/// Other forms of one place (`TP.HCM` for `Hồ Chí Minh`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceAlias {
    pub name: String,
    pub forms: Vec<String>,
}

/// The rule data in force: the embedded defaults, plus whatever a rule folder adds.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub hedges: HedgeFile,
    pub units: UnitFile,
    pub noise: NoiseFile,
    pub nouns: NounFile,
    pub metrics: MetricFile,
    pub terms: TermFile,
    pub places: PlaceFile,
    pub checks: CheckFile,
}

const HEDGES: (&str, &str) = ("rules/hedges.toml", include_str!("../../rules/hedges.toml"));
const UNITS: (&str, &str) = ("rules/units.toml", include_str!("../../rules/units.toml"));
const NOISE: (&str, &str) = ("rules/noise.toml", include_str!("../../rules/noise.toml"));
const NOUNS: (&str, &str) = ("rules/nouns.toml", include_str!("../../rules/nouns.toml"));
const METRICS: (&str, &str) = (
    "rules/metrics.toml",
    include_str!("../../rules/metrics.toml"),
);
const TERMS: (&str, &str) = ("rules/terms.toml", include_str!("../../rules/terms.toml"));
const PLACES: (&str, &str) = ("rules/places.toml", include_str!("../../rules/places.toml"));
const CHECKS: (&str, &str) = ("rules/checks.toml", include_str!("../../rules/checks.toml"));

impl RuleSet {
    /// The defaults built into the binary.
    pub fn embedded() -> Result<RuleSet, RuleError> {
        Ok(RuleSet {
            hedges: parse(HEDGES.0, HEDGES.1)?,
            units: parse(UNITS.0, UNITS.1)?,
            noise: parse(NOISE.0, NOISE.1)?,
            nouns: parse(NOUNS.0, NOUNS.1)?,
            metrics: parse(METRICS.0, METRICS.1)?,
            terms: parse(TERMS.0, TERMS.1)?,
            places: parse(PLACES.0, PLACES.1)?,
            checks: parse_checks(CHECKS.0, CHECKS.1)?,
        })
    }

    /// Add the files of a user's rule folder: `hedges.toml`, `units.toml`, `noise.toml`,
    /// `nouns.toml`, `places.toml` extend the lists of the same name.
    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), RuleError> {
        if let Some(extra) = read_optional::<HedgeFile>(&dir.join("hedges.toml"))? {
            self.hedges.hedge.extend(extra.hedge);
            self.hedges.suffix.extend(extra.suffix);
        }
        if let Some(extra) = read_optional::<UnitFile>(&dir.join("units.toml"))? {
            self.units.currency.extend(extra.currency);
            self.units.minor.phrases.extend(extra.minor.phrases);
            self.units.percent.phrases.extend(extra.percent.phrases);
            self.units.percent.points.extend(extra.percent.points);
            self.units.duration.phrases.extend(extra.duration.phrases);
            self.units.ratio.phrases.extend(extra.ratio.phrases);
        }
        if let Some(extra) = read_optional::<NoiseFile>(&dir.join("noise.toml"))? {
            self.noise.before.extend(extra.before);
            self.noise.idioms.extend(extra.idioms);
            self.noise.file_suffixes.extend(extra.file_suffixes);
        }
        if let Some(extra) = read_optional::<NounFile>(&dir.join("nouns.toml"))? {
            self.nouns.counted.extend(extra.counted);
        }
        if let Some(extra) = read_optional::<MetricFile>(&dir.join("metrics.toml"))? {
            // a metric with a known id replaces the built-in one
            for m in extra.metric {
                self.metrics.metric.retain(|old| old.id != m.id);
                self.metrics.metric.push(m);
            }
        }
        if let Some(extra) = read_optional::<TermFile>(&dir.join("terms.toml"))? {
            self.terms.term.extend(extra.term);
            self.terms.synonyms.extend(extra.synonyms);
        }
        if let Some(extra) = read_optional::<PlaceFile>(&dir.join("places.toml"))? {
            self.places.national.extend(extra.national);
            self.places.provinces.extend(extra.provinces);
            self.places.provinces_2025.extend(extra.provinces_2025);
            self.places.countries.extend(extra.countries);
            self.places.alias.extend(extra.alias);
        }
        let checks_path = dir.join("checks.toml");
        if let Some(extra) = read_optional::<CheckFile>(&checks_path)? {
            validate_checks(&checks_path.display().to_string(), &extra, None)?;
            self.checks.severity.extend(extra.severity);
            self.checks.matching = extra.matching;
            self.checks.style = extra.style;
            self.checks.arithmetic = extra.arithmetic;
            self.checks.enumeration = extra.enumeration;
            self.checks.temporal = extra.temporal;
        }
        Ok(())
    }
}

fn read_optional<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Option<T>, RuleError> {
    let display = path.display().to_string();
    regular_file(path, &display)?;
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(RuleError {
            path: display,
            message: e.to_string(),
            text: String::new(),
            span: None,
        }),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&display, &text).map(Some),
            Err(e) => Err(not_utf8(&display, &e)),
        },
    }
}

/// A FIFO, socket or device where a rule or configuration file is expected: reading it
/// could block for ever, so it is refused before it is opened. A missing file passes.
pub(crate) fn regular_file(path: &Path, display: &str) -> Result<(), RuleError> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(RuleError {
            path: display.to_string(),
            message: if m.is_dir() {
                "a folder, not a file".to_string()
            } else {
                crate::inputs::NOT_REGULAR.to_string()
            },
            text: String::new(),
            span: None,
        }),
        _ => Ok(()),
    }
}

/// A rule or configuration file that is not UTF-8, drawn at its first invalid byte (the
/// text shown is the file read lossily, which is the same bytes up to that point).
pub(crate) fn not_utf8(display: &str, e: &std::string::FromUtf8Error) -> RuleError {
    let offset = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    RuleError {
        path: display.to_string(),
        message: format!("not UTF-8 at byte {offset}"),
        text,
        span: Some(offset..end),
    }
}

fn parse_checks(path: &str, text: &str) -> Result<CheckFile, RuleError> {
    let file: CheckFile = parse(path, text)?;
    validate_checks(path, &file, Some(text))?;
    Ok(file)
}

/// Severities must name known rules and known levels.
fn validate_checks(path: &str, file: &CheckFile, text: Option<&str>) -> Result<(), RuleError> {
    for (id, level) in &file.severity {
        let problem = if registry::meta(id).is_none() {
            Some(format!("unknown rule `{id}` (see `factlint rules`)"))
        } else if !matches!(level.as_str(), "error" | "warning" | "info" | "off") {
            Some(format!(
                "severity of `{id}` must be error, warning, info or off, not `{level}`"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let span = text.and_then(|t| t.find(id.as_str()).map(|p| p..p + id.len()));
            return Err(RuleError {
                path: path.to_string(),
                message,
                text: text.unwrap_or_default().to_string(),
                span,
            });
        }
    }
    Ok(())
}

/// Parse one rule file, keeping the position of a mistake.
pub fn parse<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| RuleError {
        path: path.to_string(),
        message: e.message().to_string(),
        text: text.to_string(),
        span: e.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse() {
        let rules = RuleSet::embedded().expect("embedded rules are valid");
        assert!(rules.units.currency.iter().any(|c| c.code == "USD"));
        assert!(!rules.hedges.hedge.is_empty());
    }

    #[test]
    fn broken_rule_file_names_the_position() {
        let text = "[[hedge]]\nphrases = [\"gần\"]\nbound = \"nearly\"\nshape = \"below\"\n";
        let err = parse::<HedgeFile>("my/hedges.toml", text).unwrap_err();
        assert_eq!(err.path, "my/hedges.toml");
        let span = err.span.expect("toml reports a span");
        assert_eq!(&text[span.clone()], "\"nearly\"");
        assert!(err.message.contains("nearly") || err.message.contains("variant"));
    }

    #[test]
    fn unknown_field_is_an_error() {
        let err = parse::<NoiseFile>("n.toml", "befor = [\"số\"]\n").unwrap_err();
        assert!(err.message.contains("befor"), "{}", err.message);
    }

    #[test]
    fn places_file_in_a_rule_folder_extends_the_lists() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().to_path_buf();
        std::fs::write(
            dir.join("places.toml"),
            "countries = [\"Tuvalu\"]\n[[alias]]\nname = \"Hà Nội\"\nforms = [\"Tràng An\"]\n",
        )
        .expect("write places.toml");
        let mut rules = RuleSet::embedded().expect("embedded rules");
        let before = rules.places.countries.len();
        rules.extend_from_dir(&dir).expect("places.toml parses");
        assert_eq!(rules.places.countries.len(), before + 1);
        assert!(rules.places.alias.iter().any(|a| a.name == "Hà Nội"));
        assert_eq!(rules.places.provinces.len(), 63);
        assert_eq!(rules.places.provinces_2025.len(), 34);
    }
}
