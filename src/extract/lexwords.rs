//! Small closed word classes the extractor needs to read context: function words that end
//! a noun phrase, and the cues that give a figure its role or rank.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Words that cannot be part of a counted noun or a subject: they end the phrase.
pub const STOP_WORDS: &[&str] = &[
    "và", "của", "với", "trong", "tại", "là", "được", "đã", "đang", "sẽ", "cho", "từ", "đến",
    "tới", "so", "sau", "trước", "đây", "này", "đó", "nay", "qua", "khác", "các", "những", "có",
    "không", "theo", "về", "như", "thì", "mà", "nên", "vào", "ra", "lên", "xuống", "để", "bị",
    "do", "vì", "hơn", "nhất", "rất", "cũng", "còn", "gồm", "bao", "trên", "dưới", "giữa", "đạt",
    "tăng", "giảm", "thêm", "nâng", "đưa", "thành", "bằng", "khi", "nếu", "hoặc", "hay", "nhưng",
    "song", "tiếp", "vừa", "mỗi", "mọi", "cả", "tổng", "trở", "ước", "khoảng", "gần", "vượt",
    "chiếm", "riêng", "kể", "năm", "tháng", "ngày", "lần", "đều", "ở", "lại", "luôn", "cùng",
    "mới", "nữa", "ấy", "kia", "đầu", "cuối", "liên", "tiên", "rưỡi",
];

/// Verbs and prepositions that stand between a subject and its figure (`FDI đạt 36,6 tỷ`,
/// `quan hệ ngoại giao với 193`); trimmed from the end of a subject phrase.
pub const LINK_WORDS: &[&str] = &[
    "đạt",
    "là",
    "lên",
    "lên tới",
    "lên đến",
    "tới",
    "đến",
    "với",
    "có",
    "gồm",
    "bao gồm",
    "tăng",
    "giảm",
    "thêm",
    "còn",
    "xuống",
    "xuống còn",
    "thành",
    "ở mức",
    "mức",
    "ước đạt",
    "chiếm",
    "khoảng",
    "gần",
    "hơn",
    "trên",
    "dưới",
    "của",
    "được",
    "đã",
    "và",
    "từ",
    "tổng số",
    "tổng cộng",
    "số",
    "tổng",
    "trong đó",
    "trong",
    "so với",
    "so",
    "là khoảng",
    "vào",
    "tại",
    "cho",
    "gấp",
    "bằng",
    "đứng thứ",
    "thứ",
    "đứng",
    "vị trí",
    "xếp",
    "hạng",
    "tiếp",
    "tiếp tục",
    "nâng",
    "đưa",
    "ký kết",
    "tham gia",
    "thu hút",
    "vượt",
    "ước tính",
];

/// Words before a figure that make it a rank (`đứng thứ 3`, `top 20`, `vị trí 45`).
pub const RANK_CUES: &[&str] = &[
    "đứng thứ",
    "xếp thứ",
    "xếp hạng",
    "thứ hạng",
    "hạng",
    "vị trí",
    "top",
    "nhóm",
    "đứng top",
];

/// Words that end a subject phrase going left: clause starters.
pub const CLAUSE_STARTERS: &[&str] =
    &["trong đó", "đồng thời", "bên cạnh đó", "ngoài ra", "nhờ đó"];

/// `STOP_WORDS` as a set: looked up for each word after a figure.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Whether `w` is one of `STOP_WORDS`, its ASCII letters in any case (the list is lower
/// case, so that is the word with its ASCII folded). A set lookup: the list is long and
/// is asked about every word that might be a counted noun.
pub fn is_stop_word(w: &str) -> bool {
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(b) => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|l| STOP_SET.contains(l))
        }
        // longer than any stop word
        None => false,
    }
}

/// `is_stop_word` as first written, a walk of the list: the reference.
#[cfg(test)]
pub fn is_stop_word_listed(w: &str) -> bool {
    STOP_WORDS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(w) || *s == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set lookup says what the list walk says: on every word of every text the
    /// project has, and on each stop word in upper and title case.
    #[test]
    fn stop_word_set_is_the_list() {
        let mut words: Vec<String> = Vec::new();
        for s in STOP_WORDS {
            words.push(s.to_string());
            words.push(s.to_uppercase());
            words.push(s.to_ascii_uppercase());
        }
        for t in crate::testing::project_texts() {
            words.extend(t.split_whitespace().map(str::to_string));
        }
        let mut stops = 0;
        for w in &words {
            assert_eq!(is_stop_word(w), is_stop_word_listed(w), "{w:?}");
            stops += usize::from(is_stop_word(w));
        }
        assert!(stops > 10_000, "{stops}");
    }
}
