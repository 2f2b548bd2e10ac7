//! What `factlint explain RULE` prints, beside the registry's one-line summary: why the
//! rule matters in official texts, how to fix a finding, and an example that fires with a
//! near miss that stays silent. The examples are run by a test (`tests/explain.rs`), so
//! what the documentation promises is what the checker does.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Lang, Severity};
use crate::rules::registry::RuleMeta;

/// One document of an example: its file name and text.
pub type ExampleDoc = (&'static str, &'static str);

#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    pub id: &'static str,
    pub why_vi: &'static str,
    pub why_en: &'static str,
    pub fix_vi: &'static str,
    pub fix_en: &'static str,
    /// Documents checked together that give a finding of this rule.
    pub fires: &'static [ExampleDoc],
    /// Documents close to `fires` that give none.
    pub silent: &'static [ExampleDoc],
}

/// The explanation of a rule id.
pub fn explanation(id: &str) -> Option<&'static Explanation> {
    EXPLANATIONS.iter().find(|e| e.id == id)
}

/// The text `factlint explain RULE` prints.
pub fn render(meta: &RuleMeta, ex: &Explanation, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut s = String::new();
    let severity = match (vi, meta.severity) {
        (true, Severity::Error) => "lỗi",
        (true, Severity::Warning) => "cảnh báo",
        (true, Severity::Info) => "ghi chú",
        (false, sev) => sev.as_str(),
    };
    let _ = writeln!(s, "{}", meta.id);
    let _ = writeln!(
        s,
        "{}: {severity}{}",
        if vi {
            "mức mặc định"
        } else {
            "default severity"
        },
        match (meta.fixable, vi) {
            (true, true) => "; sửa tự động được bằng `factlint check --fix`",
            (true, false) => "; `factlint check --fix` fixes it",
            (false, _) => "",
        }
    );
    let section = |s: &mut String, title: &str, body: &str| {
        let _ = writeln!(s, "\n{title}\n  {body}");
    };
    let (what, why, fix) = if vi {
        (meta.summary_vi, ex.why_vi, ex.fix_vi)
    } else {
        (meta.summary_en, ex.why_en, ex.fix_en)
    };
    section(
        &mut s,
        if vi {
            "Kiểm tra gì"
        } else {
            "What it checks"
        },
        what,
    );
    section(
        &mut s,
        if vi {
            "Vì sao quan trọng"
        } else {
            "Why it matters"
        },
        why,
    );
    if !ex.fires.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            if vi {
                "Ví dụ có phát hiện"
            } else {
                "An example that fires"
            }
        );
        write_docs(&mut s, ex.fires);
    }
    if !ex.silent.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            if vi {
                "Ví dụ không có phát hiện"
            } else {
                "A near miss that stays silent"
            }
        );
        write_docs(&mut s, ex.silent);
    }
    section(&mut s, if vi { "Cách sửa" } else { "How to fix" }, fix);
    let suppress = format!(
        "<!-- factlint-disable-next-line {id} -->\n  <!-- factlint-disable-file {id} -->\n  factlint.toml: [severity] \"{id}\" = \"off\"",
        id = meta.id
    );
    section(
        &mut s,
        if vi {
            "Cách bỏ qua"
        } else {
            "How to suppress"
        },
        &suppress,
    );
    s
}

fn write_docs(s: &mut String, docs: &[ExampleDoc]) {
    for (name, text) in docs {
        let _ = writeln!(s, "  {name}:");
        for line in text.lines().filter(|l| !l.is_empty()) {
            let _ = writeln!(s, "    {line}");
        }
    }
}

/// `factlint rules --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleList {
    pub version: u32,
    pub rules: Vec<RuleRow>,
}

/// One row of `factlint rules`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub id: &'static str,
    /// The severity in force (`off` when configured off).
    pub severity: &'static str,
    pub default_severity: &'static str,
    pub fixable: bool,
    pub summary: &'static str,
}

impl RuleRow {
    pub fn new(meta: &RuleMeta, in_force: Option<Severity>, lang: Lang) -> RuleRow {
        RuleRow {
            id: meta.id,
            severity: in_force.map_or("off", Severity::as_str),
            default_severity: meta.severity.as_str(),
            fixable: meta.fixable,
            summary: if lang == Lang::Vi {
                meta.summary_vi
            } else {
                meta.summary_en
            },
        }
    }
}

/// `factlint rules` for people: one aligned row per rule.
pub fn write_rules_table(out: &mut dyn Write, rows: &[RuleRow], lang: Lang) -> io::Result<()> {
    let (h_id, h_sev, h_fix, h_sum, yes) = match lang {
        Lang::Vi => ("quy tắc", "mức", "sửa", "kiểm tra gì", "có"),
        Lang::En => ("rule", "severity", "fix", "what it checks", "yes"),
    };
    let width = rows
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0)
        .max(h_id.len());
    writeln!(out, "{h_id:width$}  {h_sev:8}  {h_fix:4}  {h_sum}")?;
    for r in rows {
        let fix = if r.fixable { yes } else { "" };
        writeln!(
            out,
            "{:width$}  {:8}  {fix:4}  {}",
            r.id, r.severity, r.summary
        )?;
    }
    Ok(())
}

pub const EXPLANATIONS: &[Explanation] = &[
    Explanation {
        id: "cross-source/value-mismatch",
        why_vi: "Một con số được nhắc lại qua nhiều văn bản, nhiều người viết; khi hai nguồn nêu cùng một chỉ tiêu, cùng thời điểm mà giá trị khác nhau thì ít nhất một nguồn sai, và người đọc không biết tin nguồn nào.",
        why_en: "A figure is restated across many documents by many hands; when two sources give the same quantity for the same time with different values, at least one is wrong and readers cannot tell which.",
        fix_vi: "Đối chiếu với nguồn gốc và sửa một trong hai con số; nếu đây là số liệu ở thời điểm khác, ghi rõ thời điểm (`tính đến hết năm 2025`).",
        fix_en: "Check the original source and correct one of the two numbers; if the figure is for another time, state the time (`as of the end of 2025`).",
        fires: &[
            (
                "a.md",
                "Tính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 77 danh hiệu.\n",
            ),
            (
                "b.md",
                "Tính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 75 danh hiệu.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Tính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là 77 danh hiệu.\n",
            ),
            (
                "b.md",
                "Tính đến hết năm 2025, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là hơn 70 danh hiệu.\n",
            ),
        ],
    },
    Explanation {
        id: "cross-source/scale-mismatch",
        why_vi: "Một chữ `tỷ` viết nhầm thành `triệu` làm con số sai một nghìn lần; lỗi này khó thấy khi đọc lướt vì phần số vẫn đúng.",
        why_en: "One `tỷ` slipped into `triệu` makes a figure a thousand times off; it is hard to see at a glance because the digits are right.",
        fix_vi: "Sửa đơn vị (`nghìn`, `triệu`, `tỷ`) cho đúng với nguồn gốc.",
        fix_en: "Correct the scale word (`nghìn`, `triệu`, `tỷ`) to match the original source.",
        fires: &[
            (
                "a.md",
                "Năm 2023, vốn FDI đăng ký vào Việt Nam đạt 36,6 tỷ USD.\n",
            ),
            (
                "b.md",
                "Năm 2023, vốn FDI đăng ký vào Việt Nam đạt 36,6 triệu USD.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Năm 2023, vốn FDI đăng ký vào Việt Nam đạt 36,6 tỷ USD.\n",
            ),
            (
                "b.md",
                "Năm 2023, vốn FDI đăng ký vào Việt Nam đạt 36.600 triệu USD.\n",
            ),
        ],
    },
    Explanation {
        id: "cross-source/subject-mismatch",
        why_vi: "Cùng một con số nhưng đối tượng bị mở rộng hoặc thu hẹp (`193 quốc gia` thành `193 nước và vùng lãnh thổ`) là dấu hiệu một nguồn đã chép lại không chính xác.",
        why_en: "The same number given for a widened or narrowed subject (`193 countries` becoming `193 countries and territories`) is a sign that one source restated it loosely.",
        fix_vi: "Dùng đúng đối tượng của nguồn gốc, hoặc kiểm tra lại con số nếu đối tượng thật sự khác.",
        fix_en: "Use the subject of the original source, or check the number again if the subject really differs.",
        fires: &[
            (
                "a.md",
                "Đến năm 2023, Việt Nam có quan hệ ngoại giao với 193 quốc gia.\n",
            ),
            (
                "b.md",
                "Đến năm 2023, Việt Nam có quan hệ ngoại giao với 193 quốc gia và vùng lãnh thổ.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Đến năm 2023, Việt Nam có quan hệ ngoại giao với 193 quốc gia.\n",
            ),
            (
                "b.md",
                "Đến năm 2023, Việt Nam có quan hệ ngoại giao với 193 nước.\n",
            ),
        ],
    },
    Explanation {
        id: "arithmetic/sum",
        why_vi: "Các thành phần không cộng lại bằng tổng là lỗi người đọc tự kiểm tra được, và làm mất tin cậy vào cả văn bản.",
        why_en: "Parts that do not add up to the stated total are a mistake any reader can check, and it costs the whole document its credibility.",
        fix_vi: "Cộng lại các thành phần và sửa tổng, hoặc sửa thành phần bị sai.",
        fix_en: "Add the parts again and correct the total, or the part that is wrong.",
        fires: &[(
            "a.md",
            "Năm 2025, lãnh đạo chủ chốt thực hiện 6 chuyến thăm tới các nước láng giềng, 12 chuyến thăm tới châu Âu và 12 chuyến thăm tới châu Mỹ, tổng cộng 32 chuyến thăm chính thức.\n",
        )],
        silent: &[(
            "a.md",
            "Năm 2025, lãnh đạo chủ chốt thực hiện 6 chuyến thăm tới các nước láng giềng, 12 chuyến thăm tới châu Âu và 12 chuyến thăm tới châu Mỹ, tổng cộng 30 chuyến thăm chính thức.\n",
        )],
    },
    Explanation {
        id: "arithmetic/delta",
        why_vi: "Khi văn bản nêu số cũ, phần tăng thêm và số mới, ba con số phải khớp nhau; lệch là có một con số đã cũ hoặc chép sai.",
        why_en: "When a text gives the earlier value, the increment and the new total, the three must agree; a gap means one of them is stale or miscopied.",
        fix_vi: "Kiểm tra số trước đó, phần tăng thêm và tổng mới; sửa con số sai.",
        fix_en: "Check the earlier value, the increment and the new total; correct the wrong one.",
        fires: &[(
            "a.md",
            "Tính đến hết năm 2024, Việt Nam có 72 danh hiệu được UNESCO ghi danh.\n\nNăm 2025, UNESCO công nhận thêm 7 danh hiệu mới của Việt Nam, nâng tổng số danh hiệu UNESCO của Việt Nam lên 77.\n",
        )],
        silent: &[(
            "a.md",
            "Tính đến hết năm 2024, Việt Nam có 70 danh hiệu được UNESCO ghi danh.\n\nNăm 2025, UNESCO công nhận thêm 7 danh hiệu mới của Việt Nam, nâng tổng số danh hiệu UNESCO của Việt Nam lên 77.\n",
        )],
    },
    Explanation {
        id: "arithmetic/percent-change",
        why_vi: "Tỷ lệ tăng, giảm được tính từ hai giá trị cùng nêu trong văn bản; nếu không khớp thì hoặc tỷ lệ, hoặc một trong hai giá trị sai.",
        why_en: "A percent change is computed from two values the text states; if it does not match, the rate or one of the values is wrong.",
        fix_vi: "Tính lại tỷ lệ từ hai giá trị (trong phạm vi làm tròn đã viết) và sửa con số sai.",
        fix_en: "Compute the rate from the two values again (within the written rounding) and correct the wrong figure.",
        fires: &[(
            "a.md",
            "Kim ngạch xuất khẩu sang thị trường này tăng từ 2,5 tỷ USD năm 2023 lên 3 tỷ USD năm 2024, tức tăng 25%.\n",
        )],
        silent: &[(
            "a.md",
            "Kim ngạch xuất khẩu sang thị trường này tăng từ 2,5 tỷ USD năm 2023 lên 3 tỷ USD năm 2024, tức tăng 20%.\n",
        )],
    },
    Explanation {
        id: "arithmetic/ratio",
        why_vi: "`Gấp N lần` là một phép chia người đọc tự làm được; số lần không khớp hai giá trị là lỗi hiển nhiên.",
        why_en: "`N times` is a division any reader can do; a ratio that does not match the two values is an obvious mistake.",
        fix_vi: "Tính lại số lần từ hai giá trị và sửa.",
        fix_en: "Compute the ratio from the two values again and correct it.",
        fires: &[(
            "a.md",
            "Năm 2025, số dự án hợp tác đạt 30 dự án, gấp 3 lần so với 15 dự án của năm 2024.\n",
        )],
        silent: &[(
            "a.md",
            "Năm 2025, số dự án hợp tác đạt 30 dự án, gấp 2 lần so với 15 dự án của năm 2024.\n",
        )],
    },
    Explanation {
        id: "arithmetic/part-exceeds-whole",
        why_vi: "Một phần không thể lớn hơn toàn thể (`65/63 tỉnh`); đây hầu như luôn là lỗi gõ.",
        why_en: "A part cannot exceed its whole (`65 of 63 provinces`); this is nearly always a typing slip.",
        fix_vi: "Sửa phần hoặc toàn thể cho đúng.",
        fix_en: "Correct the part or the whole.",
        fires: &[(
            "a.md",
            "Chương trình đã được triển khai tại 65/63 tỉnh, thành phố.\n",
        )],
        silent: &[(
            "a.md",
            "Chương trình đã được triển khai tại 42/63 tỉnh, thành phố.\n",
        )],
    },
    Explanation {
        id: "arithmetic/comparison",
        why_vi: "Từ chỉ chiều (`thấp hơn`, `tăng`, `giảm từ ... xuống`) mâu thuẫn với chính các con số làm người đọc không biết con số hay lời văn đúng.",
        why_en: "A direction word (`lower than`, `rose`, `fell from ... to`) that contradicts its own numbers leaves readers unsure whether the figures or the words are right.",
        fix_vi: "Sửa từ chỉ chiều hoặc con số cho khớp nhau.",
        fix_en: "Make the direction word and the numbers agree.",
        fires: &[(
            "a.md",
            "Kim ngạch thương mại song phương giảm từ 1.300 tỷ USD lên 1.700 tỷ USD.\n",
        )],
        silent: &[(
            "a.md",
            "Kim ngạch thương mại song phương giảm từ 1.700 tỷ USD xuống còn 1.300 tỷ USD.\n",
        )],
    },
    Explanation {
        id: "temporal/date-mismatch",
        why_vi: "Cùng một sự kiện (chuyến thăm, hội nghị, ngày ghi danh) được ghi hai ngày khác nhau ở hai văn bản thì ít nhất một văn bản sai.",
        why_en: "The same event (a visit, a conference, an inscription) dated two ways in two documents means at least one is wrong.",
        fix_vi: "Đối chiếu với thông cáo chính thức và sửa ngày.",
        fix_en: "Check the official communiqué and correct the date.",
        fires: &[
            (
                "a.md",
                "Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam từ ngày 10 đến ngày 11/9/2023.\n",
            ),
            (
                "b.md",
                "Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam từ ngày 12 đến ngày 13/9/2023.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam từ ngày 10 đến ngày 11/9/2023.\n",
            ),
            (
                "b.md",
                "Tổng thống Hoa Kỳ Joe Biden thăm cấp nhà nước Việt Nam trong tháng 9/2023.\n",
            ),
        ],
    },
    Explanation {
        id: "temporal/invalid-date",
        why_vi: "Một ngày không tồn tại (`31/9/2023`) hay một khoảng thời gian kết thúc trước khi bắt đầu là lỗi gõ mà người đọc nhận ra ngay.",
        why_en: "A date that does not exist (`31/9/2023`) or a range that ends before it starts is a slip every reader notices.",
        fix_vi: "Sửa ngày theo nguồn gốc.",
        fix_en: "Correct the date from the original source.",
        fires: &[(
            "a.md",
            "Hội nghị được tổ chức vào ngày 31/9/2023 tại Hà Nội.\n",
        )],
        silent: &[(
            "a.md",
            "Hội nghị được tổ chức vào ngày 30/9/2023 tại Hà Nội.\n",
        )],
    },
    Explanation {
        id: "temporal/duration-mismatch",
        why_vi: "Một giai đoạn và độ dài được nêu của nó phải khớp (`2021-2023` là ba năm); lệch là một trong hai đã bị sửa mà quên sửa cái kia.",
        why_en: "A period and its stated length must agree (`2021-2023` is three years); a gap means one was edited and the other forgotten.",
        fix_vi: "Sửa độ dài hoặc mốc thời gian cho khớp.",
        fix_en: "Make the length and the period agree.",
        fires: &[(
            "a.md",
            "Trong 4 năm (2021-2023), Việt Nam đã tổ chức thành công nhiều hội nghị quốc tế lớn.\n",
        )],
        silent: &[(
            "a.md",
            "Trong 3 năm (2021-2023), Việt Nam đã tổ chức thành công nhiều hội nghị quốc tế lớn.\n",
        )],
    },
    Explanation {
        id: "temporal/stock-decrease",
        why_vi: "Một số liệu lũy kế (tổng số danh hiệu, số nước có quan hệ ngoại giao) hiếm khi giảm; nhỏ hơn ở thời điểm sau thường là số liệu cũ bị chép lại.",
        why_en: "A running total (titles, countries with relations) rarely falls; a smaller value at a later date is usually a stale figure copied forward.",
        fix_vi: "Cập nhật số liệu mới nhất, hoặc ghi rõ thời điểm của số liệu cũ.",
        fix_en: "Use the latest figure, or state the time of the older one.",
        fires: &[
            (
                "a.md",
                "Tính đến hết năm 2024, tổng số danh hiệu UNESCO của Việt Nam là 72 danh hiệu.\n",
            ),
            (
                "b.md",
                "Tính đến hết năm 2025, tổng số danh hiệu UNESCO của Việt Nam là 70 danh hiệu.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Tính đến hết năm 2024, tổng số danh hiệu UNESCO của Việt Nam là 72 danh hiệu.\n",
            ),
            (
                "b.md",
                "Tính đến hết năm 2025, tổng số danh hiệu UNESCO của Việt Nam là 77 danh hiệu.\n",
            ),
        ],
    },
    Explanation {
        id: "enumeration/count-mismatch",
        why_vi: "Văn bản báo trước số ý (`6 điểm sau đây`) rồi liệt kê số ý khác là dấu hiệu một ý bị thêm hoặc bỏ khi biên tập.",
        why_en: "A text that announces a count (`the following 6 points`) and then lists another number of items had an item added or dropped in editing.",
        fix_vi: "Sửa số được báo trước hoặc bổ sung, bỏ bớt ý cho khớp.",
        fix_en: "Correct the announced count, or add or remove items to match.",
        fires: &[(
            "a.md",
            "Công tác đối ngoại năm qua nổi bật ở 3 điểm sau đây.\n\nThứ nhất, quan hệ với các đối tác được nâng tầm.\n\nThứ hai, hội nhập quốc tế được đẩy mạnh.\n",
        )],
        silent: &[(
            "a.md",
            "Công tác đối ngoại năm qua nổi bật ở 2 điểm sau đây.\n\nThứ nhất, quan hệ với các đối tác được nâng tầm.\n\nThứ hai, hội nhập quốc tế được đẩy mạnh.\n",
        )],
    },
    Explanation {
        id: "enumeration/sequence-gap",
        why_vi: "Một dãy đánh số bỏ sót (`(i) (ii) (iii) (v)`) hoặc lặp cho thấy một mục đã bị xóa hay chèn mà chưa đánh số lại.",
        why_en: "A numbered sequence that skips (`(i) (ii) (iii) (v)`) or repeats shows an item was removed or inserted without renumbering.",
        fix_vi: "Đánh số lại dãy, hoặc bổ sung mục còn thiếu.",
        fix_en: "Renumber the sequence, or restore the missing item.",
        fires: &[(
            "a.md",
            "Thứ nhất, giữ vững môi trường hòa bình.\n\nThứ hai, huy động nguồn lực bên ngoài.\n\nThứ tư, nâng cao vị thế đất nước.\n",
        )],
        silent: &[(
            "a.md",
            "Thứ nhất, giữ vững môi trường hòa bình.\n\nThứ hai, huy động nguồn lực bên ngoài.\n\nThứ ba, nâng cao vị thế đất nước.\n",
        )],
    },
    Explanation {
        id: "enumeration/footnote",
        why_vi: "Dấu chú thích không có nội dung, nội dung chú thích không có dấu dẫn, hoặc chú thích sai thứ tự làm người đọc không tra được nguồn của con số.",
        why_en: "A footnote marker without a body, a body without a marker, or footnotes out of order leave readers unable to find a figure's source.",
        fix_vi: "Bổ sung nội dung hoặc dấu dẫn còn thiếu, đánh số lại chú thích theo thứ tự.",
        fix_en: "Add the missing body or marker, and renumber the footnotes in order.",
        fires: &[(
            "a.md",
            "Việt Nam đã ký kết nhiều hiệp định thương mại tự do<sup>1</sup>.\n",
        )],
        silent: &[(
            "a.md",
            "Việt Nam đã ký kết nhiều hiệp định thương mại tự do<sup>1</sup>.\n\n<sup>1</sup> Tính đến cuối năm 2023.\n",
        )],
    },
    Explanation {
        id: "reference/mismatch",
        why_vi: "Cùng một văn bản (`Nghị quyết số 34-NQ/TW`) được trích với ngày ban hành hoặc cơ quan ban hành khác nhau thì ít nhất một lần trích sai.",
        why_en: "The same document (`Resolution 34-NQ/TW`) cited with different dates or issuers means at least one citation is wrong.",
        fix_vi: "Đối chiếu với văn bản gốc và sửa ngày hoặc cơ quan ban hành.",
        fix_en: "Check the document itself and correct the date or issuer.",
        fires: &[
            (
                "a.md",
                "Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị đã xác định rõ định hướng.\n",
            ),
            (
                "b.md",
                "Nghị quyết số 34-NQ/TW ngày 19/1/2023 của Bộ Chính trị đã xác định rõ định hướng.\n",
            ),
        ],
        silent: &[
            (
                "a.md",
                "Nghị quyết số 34-NQ/TW ngày 9/1/2023 của Bộ Chính trị đã xác định rõ định hướng.\n",
            ),
            (
                "b.md",
                "Nghị quyết số 34-NQ/TW ngày 09/01/2023 của Bộ Chính trị đã xác định rõ định hướng.\n",
            ),
        ],
    },
    Explanation {
        id: "reference/format",
        why_vi: "Số, ký hiệu văn bản theo thể thức quy định (`2013/QĐ-TTg`, `34-NQ/TW`); ký hiệu sai thể thức thường là gõ nhầm và khiến không tra được văn bản.",
        why_en: "Document identifiers follow official patterns (`2013/QĐ-TTg`, `34-NQ/TW`); a malformed one is usually a typo and cannot be looked up.",
        fix_vi: "Viết lại ký hiệu theo đúng thể thức của loại văn bản.",
        fix_en: "Rewrite the identifier in the pattern of its kind of document.",
        fires: &[(
            "a.md",
            "Thực hiện Quyết định số 2013/QĐTTg của Thủ tướng Chính phủ.\n",
        )],
        silent: &[(
            "a.md",
            "Thực hiện Quyết định số 2013/QĐ-TTg của Thủ tướng Chính phủ.\n",
        )],
    },
    Explanation {
        id: "style/number-format",
        why_vi: "Văn bản tiếng Việt dùng dấu phẩy cho phần thập phân và dấu chấm để nhóm hàng nghìn; viết kiểu tiếng Anh (`36.6 tỷ`) dễ bị đọc sai giá trị.",
        why_en: "Vietnamese text uses a decimal comma and a thousands dot; an English-style number (`36.6 tỷ`) is easily read as another value.",
        fix_vi: "Viết theo kiểu Việt Nam: `36,6 tỷ`, `1.700`.",
        fix_en: "Write it the Vietnamese way: `36,6 tỷ`, `1.700`.",
        fires: &[("a.md", "Năm 2023, vốn FDI đạt 36.6 tỷ USD.\n")],
        silent: &[("a.md", "Năm 2023, vốn FDI đạt 36,6 tỷ USD.\n")],
    },
    Explanation {
        id: "style/date-format",
        why_vi: "Trong một văn bản, ngày tháng nên viết một kiểu (`07/9/2023` hoặc `7/9/2023`); trộn lẫn là dấu hiệu văn bản ghép từ nhiều nguồn chưa biên tập.",
        why_en: "Within one document dates should be written one way (`07/9/2023` or `7/9/2023`); a mix shows text pasted from several sources without editing.",
        fix_vi: "Thống nhất một kiểu viết ngày trong toàn văn bản (`--fix` sửa theo kiểu được dùng nhiều hơn).",
        fix_en: "Use one date style throughout (`--fix` rewrites to the style used more).",
        fires: &[(
            "a.md",
            "Hội nghị khai mạc ngày 7/9/2023 và bế mạc ngày 9/9/2023. Đoàn về nước ngày 07/10/2023.\n",
        )],
        silent: &[(
            "a.md",
            "Hội nghị khai mạc ngày 7/9/2023 và bế mạc ngày 9/9/2023. Đoàn về nước ngày 7/10/2023.\n",
        )],
    },
    Explanation {
        id: "style/term",
        why_vi: "Văn bản chính thức dùng thuật ngữ thống nhất (`Liên hợp quốc`, `tỷ`, `COVID-19`); cách viết khác làm văn bản thiếu chuẩn mực và khó tra cứu.",
        why_en: "Official texts use one spelling of each term (`Liên hợp quốc`, `tỷ`, `COVID-19`); variants look careless and defeat search.",
        fix_vi: "Dùng cách viết trong danh mục thuật ngữ (`rules/terms.toml`); `--fix` sửa tự động.",
        fix_en: "Use the spelling of the term list (`rules/terms.toml`); `--fix` applies it.",
        fires: &[(
            "a.md",
            "Việt Nam tích cực tham gia các hoạt động của Liên hiệp quốc.\n",
        )],
        silent: &[(
            "a.md",
            "Việt Nam tích cực tham gia các hoạt động của Liên hợp quốc.\n",
        )],
    },
    Explanation {
        id: "style/tone-mark",
        why_vi: "Hai kiểu bỏ dấu thanh (`hòa`/`hoà`, `thủy`/`thuỷ`) đều được dùng, nhưng trộn lẫn trong một văn bản là thiếu thống nhất và làm tìm kiếm bỏ sót.",
        why_en: "Both tone-mark placements (`hòa`/`hoà`, `thủy`/`thuỷ`) are in use, but mixing them in one document is inconsistent and makes searches miss words.",
        fix_vi: "Thống nhất một kiểu bỏ dấu; `--fix` sửa theo kiểu được dùng nhiều hơn trong văn bản (hoặc theo `[style] tone_marks`).",
        fix_en: "Use one placement; `--fix` rewrites to the document's majority (or to `[style] tone_marks`).",
        fires: &[(
            "a.md",
            "Việt Nam kiên trì đường lối hòa bình, hợp tác. Môi trường hòa bình được giữ vững. Chính sách hoà bình được bạn bè ghi nhận.\n",
        )],
        silent: &[(
            "a.md",
            "Việt Nam kiên trì đường lối hòa bình, hợp tác. Môi trường hòa bình được giữ vững. Chính sách hòa bình được bạn bè ghi nhận.\n",
        )],
    },
    Explanation {
        id: "suppression/unused",
        why_vi: "Một chú thích bỏ qua không còn bỏ qua phát hiện nào sẽ che mất lỗi mới xuất hiện sau này ở dòng đó.",
        why_en: "A suppression comment that silences nothing would hide a new finding that appears there later.",
        fix_vi: "Xóa chú thích bỏ qua, hoặc sửa tên quy tắc trong đó.",
        fix_en: "Delete the comment, or correct the rule id in it.",
        fires: &[(
            "a.md",
            "<!-- factlint-disable-next-line cross-source/value-mismatch -->\nViệt Nam có quan hệ ngoại giao với 193 quốc gia.\n",
        )],
        silent: &[("a.md", "Việt Nam có quan hệ ngoại giao với 193 quốc gia.\n")],
    },
    Explanation {
        id: "input/unreadable",
        why_vi: "Một tệp không đọc được (không phải UTF-8, tệp nhị phân, không có quyền đọc) không được kiểm tra; báo ra để không ai tưởng nó đã được kiểm tra.",
        why_en: "A file that cannot be read (not UTF-8, binary, no permission) is not checked; it is reported so nobody believes it was.",
        fix_vi: "Lưu tệp dưới dạng văn bản UTF-8, hoặc loại tệp khỏi danh sách kiểm tra (`exclude` trong factlint.toml).",
        fix_en: "Save the file as UTF-8 text, or leave it out of the check (`exclude` in factlint.toml).",
        fires: &[],
        silent: &[("a.md", "Văn bản UTF-8 bình thường.\n")],
    },
];
