//! What the extractor produces: one numeric claim with its span, value and context.

use std::ops::Range;

use serde::Serialize;

use crate::time::TimeExpr;

/// What sort of quantity a claim states (interface.md `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Count,
    Money,
    Percent,
    Ratio,
    Rank,
    Date,
    Duration,
    Fraction,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Ratio => "ratio",
            Kind::Rank => "rank",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Fraction => "fraction",
        }
    }
}

/// How the written value bounds the true one (interface.md `bound`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// `193`, `36,6` (exact up to written precision).
    Exact,
    /// `khoảng 50`, `gần 200`, `xấp xỉ`.
    Approx,
    /// `hơn 40`, `trên 680`, `vượt`.
    MoreThan,
    /// `ít nhất`, `tối thiểu`, `hàng trăm`.
    AtLeast,
    /// `dưới`, `chưa đến`.
    LessThan,
    /// `tới`, `lên tới`, `tối đa`, `không quá`.
    AtMost,
    /// `từ 1.000 đến 2.000`, `1.000-2.000`.
    Range,
}

impl Bound {
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approx => "approx",
            Bound::MoreThan => "more-than",
            Bound::AtLeast => "at-least",
            Bound::LessThan => "less-than",
            Bound::AtMost => "at-most",
            Bound::Range => "range",
        }
    }
}

/// What part a figure plays in its sentence (interface.md `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A level or stock as of the scope: `tổng số ... 77`, `đạt 36,6 tỷ USD`.
    Total,
    /// A part of a stated whole: `trong đó 12 ...`, `42` in `42/63`.
    Part,
    /// A change: `tăng 32,8%`, `thêm 7 danh hiệu`.
    Increment,
    /// A goal: `mục tiêu 60 danh hiệu vào năm 2030`, `phấn đấu`.
    Target,
    /// A prediction: `dự báo`, `dự kiến`.
    Forecast,
    /// The earlier value of a change: `1.700` in `giảm từ 1.700 ... xuống 1.300`.
    Previous,
    /// The base of a comparison: `so với mức 2,3%`.
    Base,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Total => "total",
            Role::Part => "part",
            Role::Increment => "increment",
            Role::Target => "target",
            Role::Forecast => "forecast",
            Role::Previous => "previous",
            Role::Base => "base",
        }
    }
}

/// The value a claim states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A number after normalisation (scale words applied; percent as the number of percent).
    Number(f64),
    /// A date or period.
    Time(TimeExpr),
}

/// The set of values consistent with what is written. `None` is an open end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub fn point(v: f64) -> Self {
        Interval {
            low: Some(v),
            high: Some(v),
        }
    }

    /// Whether two intervals share a value (open ends extend to infinity).
    pub fn overlaps(&self, other: &Interval) -> bool {
        let lo = |i: &Interval| i.low.unwrap_or(f64::NEG_INFINITY);
        let hi = |i: &Interval| i.high.unwrap_or(f64::INFINITY);
        lo(self) <= hi(other) && lo(other) <= hi(self)
    }
}

/// One numeric claim found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Byte range in the original file.
    pub span: Range<usize>,
    /// Byte range in the document's normalised text.
    pub text_range: Range<usize>,
    pub kind: Kind,
    pub value: Value,
    pub interval: Interval,
    pub bound: Bound,
    /// ISO 4217 code for money, `%` for percent, `pp` for percentage points, `lần` for
    /// ratios, the counted noun for counts (`quốc gia`), the time unit for durations.
    pub unit: Option<String>,
    /// What is counted or measured, as a normalised phrase from the sentence.
    pub subject: String,
    /// The period or as-of date the claim is about.
    pub time: Option<TimeExpr>,
    pub role: Role,
    /// The whole of a fraction or a rank (`63` in `42/63 tỉnh`).
    pub whole: Option<f64>,
    /// The power of ten its scale words applied (`tỷ` is 9; 0 without one).
    pub scale_exp: i32,
    /// Byte range in the normalised text of the sentence the claim stands in.
    pub sentence: Range<usize>,
    /// Where `time` came from: how sure the scope is.
    pub time_source: TimeSource,
}

/// Where a claim's time scope was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSource {
    /// A date or period in the claim's own sentence.
    Sentence,
    /// A date in the heading of the claim's section.
    Section,
    /// The document's date (front matter or `--date`).
    Document,
    /// No time applies.
    Unknown,
}

impl Claim {
    /// Whether the subject is only the counted noun (`chuyến thăm` for `28 chuyến thăm`):
    /// nothing was read before the figure.
    pub fn noun_in_subject(&self) -> bool {
        self.unit.as_deref().is_some_and(|u| u == self.subject)
    }
}
