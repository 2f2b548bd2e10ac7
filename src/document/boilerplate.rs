//! Scraped-page junk in text that came from a web page: the breadcrumb at the top, the
//! "Cùng chuyên mục" / "Tin liên quan" / "Mới nhất" teaser lists after the article,
//! audio-player controls (`0:00 / 0:00`), image file names (`DN 92241.jpg`) and "1 giờ
//! trước" time stamps. Their numbers are real numbers of other articles, so such blocks
//! become `BlockKind::Boilerplate`, which the extractor skips.
//!
//! Conservative by design: a block is only marked when it is recognised as a whole (a
//! section marker, a breadcrumb, a player line), or when it follows a teaser marker and
//! no run of article prose has started again. An official report has none of these
//! markers, so it loses nothing.

use super::{Block, BlockKind};

/// Lines that open a list of other articles' teasers (compared lower case, without a
/// final colon).
const TEASER_MARKERS: &[&str] = &[
    "bài đọc nhiều",
    "bài liên quan",
    "bài viết liên quan",
    "bạn có thể quan tâm",
    "có thể bạn quan tâm",
    "cùng chủ đề",
    "cùng chuyên mục",
    "cùng tác giả",
    "đọc nhiều",
    "đọc nhiều nhất",
    "đọc thêm",
    "mới cập nhật",
    "mới nhất",
    "nổi bật",
    "tin cùng chuyên mục",
    "tin đọc nhiều",
    "tin khác",
    "tin liên quan",
    "tin mới",
    "tin mới nhất",
    "tin nổi bật",
    "tin tức liên quan",
    "tin xem nhiều",
    "xem nhiều",
    "xem nhiều nhất",
    "xem thêm",
];

/// The first letters of `TEASER_MARKERS`.
const MARKER_INITIALS: &str = "bcđmntx";

/// Voices an article's text-to-speech player offers.
const PLAYER_VOICES: &[&str] = &["Nam miền Bắc", "Nữ miền Bắc", "Nữ miền Nam", "Nam miền Nam"];

/// Image file extensions, lower case.
const IMAGE_EXTS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp"];

/// A block this long that ends a sentence is article prose, not a teaser title.
const PROSE_MIN_CHARS: usize = 120;

/// This many prose blocks in a row end a teaser region: the article goes on.
const PROSE_RUN: usize = 3;

/// How many blocks at the top may be a breadcrumb.
const BREADCRUMB_WINDOW: usize = 3;

/// Marks the junk blocks of `blocks` (ranges into `text`); a block that starts with
/// player or time-stamp junk is split in two, and `section` indices are kept right.
pub(crate) fn mark(text: &str, blocks: &mut Vec<Block>) {
    let junk = split_junk_prefixes(text, blocks);
    let n = blocks.len();
    // whether a block is prose, read only inside a teaser region (most texts have none)
    let mut prose: Vec<Option<bool>> = vec![None; n];
    let mut in_region = false;
    for i in 0..n {
        let t = text.get(blocks[i].range.clone()).unwrap_or("");
        if matches!(blocks[i].kind, BlockKind::FootnoteBody { .. }) {
            continue;
        }
        if is_teaser_marker(t) {
            in_region = true;
            blocks[i].kind = BlockKind::Boilerplate;
            continue;
        }
        if in_region
            && i + PROSE_RUN <= n
            && (i..i + PROSE_RUN).all(|k| {
                *prose[k].get_or_insert_with(|| {
                    is_prose(text.get(blocks[k].range.clone()).unwrap_or(""))
                })
            })
        {
            in_region = false;
        }
        if in_region || is_navigation(t, i, junk.get(i).copied().flatten()) {
            blocks[i].kind = BlockKind::Boilerplate;
        }
    }
}

/// `mark` as it was, every block's prose test read first: the reference.
#[cfg(test)]
fn mark_eagerly(text: &str, blocks: &mut Vec<Block>) {
    split_junk_prefixes(text, blocks);
    let block_text = |b: &Block| text.get(b.range.clone()).unwrap_or("");
    let n = blocks.len();
    let prose: Vec<bool> = blocks.iter().map(|b| is_prose(block_text(b))).collect();
    let mut in_region = false;
    for i in 0..n {
        let t = block_text(&blocks[i]);
        if matches!(blocks[i].kind, BlockKind::FootnoteBody { .. }) {
            continue;
        }
        if is_teaser_marker(t) {
            in_region = true;
            blocks[i].kind = BlockKind::Boilerplate;
            continue;
        }
        if in_region && i + PROSE_RUN <= n && prose[i..i + PROSE_RUN].iter().all(|&p| p) {
            in_region = false;
        }
        if in_region || is_navigation(t, i, None) {
            blocks[i].kind = BlockKind::Boilerplate;
        }
    }
}

/// A teaser list's heading: `Tin liên quan`, `Cùng chuyên mục:`, `TIN LIÊN QUAN`.
fn is_teaser_marker(t: &str) -> bool {
    let t = t.trim().trim_end_matches([':', ' ']);
    if t.len() > 40 {
        return false;
    }
    // Most short blocks start with a letter no marker starts with: no lower-case copy.
    let first = t.chars().next().and_then(|c| c.to_lowercase().next());
    if !first.is_some_and(|c| MARKER_INITIALS.contains(c)) {
        return false;
    }
    let lower = t.to_lowercase();
    TEASER_MARKERS.contains(&lower.as_str())
}

/// A breadcrumb at the top (`Trang chủNewsChính trị…`), a "back to the home page" link,
/// a `Chuyên mục: Thời sự` line, or a whole block of player/time-stamp junk.
/// `junk` is `junk_prefix(t)` if known: the same as for the trimmed text when `t` has no
/// whitespace at its ends.
fn is_navigation(t: &str, index: usize, junk: Option<usize>) -> bool {
    let whole = t.len();
    let t = t.trim();
    let junk = junk.filter(|_| t.len() == whole);
    if index < BREADCRUMB_WINDOW && is_breadcrumb(t) {
        return true;
    }
    // short lines only: lower-casing every paragraph was a tenth of the extractor's time
    if t.len() <= 60 * 4 && may_be_home_or_section(t) && t.chars().count() <= 60 {
        let lower = t.to_lowercase();
        if lower.ends_with("về trang chủ") || lower.starts_with("chuyên mục:") {
            return true;
        }
    }
    !t.is_empty() && junk.unwrap_or_else(|| junk_prefix(t)) >= t.len()
}

/// Whether the lower-case copy of `t` could end with `về trang chủ` or start with
/// `chuyên mục:`: only `ủ` and `Ủ` lower-case to something ending in `ủ`, only `c` and
/// `C` to something starting with `c` (a test checks every character). Saves the copy
/// for nearly every short block.
fn may_be_home_or_section(t: &str) -> bool {
    t.ends_with(['ủ', 'Ủ']) || t.starts_with(['c', 'C'])
}

/// `Trang chủNewsChính trị…`, `Trang chủ › Thời sự`, `Home / Tin tức`: the words glued to
/// the next link, or a separator after them; not `Trang chủ của Bộ…`.
fn is_breadcrumb(t: &str) -> bool {
    ["Trang chủ", "TRANG CHỦ", "Home", "HOME"].iter().any(|p| {
        let Some(rest) = t.strip_prefix(p) else {
            return false;
        };
        let after = rest.trim_start();
        match (rest.chars().next(), after.chars().next()) {
            (None, _) => true,
            (Some(c), _) if c.is_uppercase() => true,
            (_, Some(c)) => "›>/»|-–:".contains(c),
            _ => false,
        }
    })
}

/// Article prose: long, and ends a sentence.
fn is_prose(t: &str) -> bool {
    let t = t.trim_end();
    t.chars().nth(PROSE_MIN_CHARS - 1).is_some()
        && t.chars()
            .next_back()
            .is_some_and(|c| ".!?…\"”»)".contains(c))
}

/// Splits off the junk that starts a block (`0:00 / 0:00 0:00 • Nam miền Bắc … DN
/// 92241.jpg` before a photo caption, `1 giờ trước` before a lead): the junk becomes a
/// block of its own, marked as boilerplate.
/// Returns, for each block after the split, `junk_prefix` of its text where it was
/// computed (not for footnote bodies and the two halves of a split block).
fn split_junk_prefixes(text: &str, blocks: &mut Vec<Block>) -> Vec<Option<usize>> {
    let mut splits: Vec<(usize, usize)> = Vec::new();
    let mut junk: Vec<Option<usize>> = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::FootnoteBody { .. }) {
            junk.push(None);
            continue;
        }
        let t = text.get(b.range.clone()).unwrap_or("");
        let n = junk_prefix(t);
        junk.push(Some(n));
        if n > 0 && n < t.len() {
            splits.push((i, n));
        }
    }
    if splits.is_empty() {
        return junk;
    }
    // old index -> new index, to keep `section` right
    let mut new_index = Vec::with_capacity(blocks.len());
    let mut out = Vec::with_capacity(blocks.len() + splits.len());
    let mut new_junk = Vec::with_capacity(out.capacity());
    let mut next = splits.iter().peekable();
    for (i, b) in blocks.drain(..).enumerate() {
        match next.peek() {
            Some(&&(j, n)) if j == i => {
                next.next();
                let t = text.get(b.range.clone()).unwrap_or("");
                let junk_end = b.range.start + t[..n].trim_end().len();
                out.push(Block {
                    kind: BlockKind::Boilerplate,
                    range: b.range.start..junk_end,
                    section: b.section,
                });
                new_index.push(out.len());
                out.push(Block {
                    range: b.range.start + n..b.range.end,
                    ..b
                });
                new_junk.extend([None, None]);
            }
            _ => {
                new_index.push(out.len());
                out.push(b);
                new_junk.push(junk.get(i).copied().flatten());
            }
        }
    }
    for b in &mut out {
        b.section = b.section.and_then(|s| new_index.get(s).copied());
    }
    *blocks = out;
    new_junk
}

/// Byte length of the junk at the start of `t`, the whitespace after it included: player
/// times (`0:00 / 0:00`, `01:26:54`), the player's voice names, bullets, image file names,
/// and a `N giờ trước` stamp. 0 when `t` starts with anything else.
/// A prefix of only clock times and bullets (`10:30 sáng nay`) is not junk: it must hold
/// a voice name, an image name or a time stamp, or be the whole block.
fn junk_prefix(t: &str) -> usize {
    let mut at = 0;
    let mut strong = false;
    loop {
        let rest = &t[at..];
        let skip = rest.len() - rest.trim_start().len();
        let rest = &rest[skip..];
        let Some((n, s)) = junk_token(rest) else {
            return if strong { at + skip } else { 0 };
        };
        strong |= s;
        at += skip + n;
        if at >= t.len() {
            return t.len();
        }
    }
}

/// One piece of junk at the start of `s`: its length, and whether it is junk on its own
/// (a clock time or a bullet is not).
fn junk_token(s: &str) -> Option<(usize, bool)> {
    // Nothing matches an empty `s`. A clock time starts with a digit and every voice
    // with `N`: most blocks start with neither, and skip those tests.
    let first = *s.as_bytes().first()?;
    if first.is_ascii_digit()
        && let Some(n) = clock(s)
    {
        return Some((n, false));
    }
    for p in ["/", "•", "·"] {
        if s.starts_with(p) {
            return Some((p.len(), false));
        }
    }
    if first == b'N'
        && let Some(v) = PLAYER_VOICES.iter().find(|v| s.starts_with(**v))
    {
        return Some((v.len(), true));
    }
    image_name(s)
        .or_else(|| relative_time(s))
        .map(|n| (n, true))
}

/// `0:00`, `12:05`, `01:26:54`, followed by a space or the end.
fn clock(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let h = digits(0);
    if h == 0 || h > 2 || b.get(h) != Some(&b':') {
        return None;
    }
    let mut end = h;
    let mut groups = 0;
    while b.get(end) == Some(&b':') && digits(end + 1) == 2 && groups < 2 {
        end += 3;
        groups += 1;
    }
    (groups > 0 && word_end(s, end)).then_some(end)
}

/// `DN 92241.jpg`, `anh-1.png`: up to three words, the last ending in an image extension.
fn image_name(s: &str) -> Option<usize> {
    if !first_dot_word_may_be_image(s) {
        return None;
    }
    let mut end = 0;
    for _ in 0..3 {
        let rest = &s[end..];
        let w = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest.as_bytes()[..w];
        // the extension compared in place, ASCII case folded (was a lower-case copy)
        let image = |e: &&str| {
            word.len() > e.len() && word[word.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        };
        if IMAGE_EXTS.iter().any(image) {
            return Some(end + w);
        }
        if word.is_empty() || word.iter().any(|c| matches!(c, b'.' | b',' | b';')) {
            return None;
        }
        end += w;
        let sp = s[end..].len() - s[end..].trim_start().len();
        if sp == 0 {
            return None;
        }
        end += sp;
    }
    None
}

/// Whether the word holding the first `.` of `s` ends in an image extension. Every
/// extension starts with `.`, and a word with a `.` before the image name's word ends
/// the search, so the image name's word is the one holding the first `.`: when that word
/// does not end in an extension, `image_name` finds none. Most blocks start with prose,
/// whose first `.` ends a sentence; this test reads up to it with `memchr` instead of
/// going through the first words character by character.
fn first_dot_word_may_be_image(s: &str) -> bool {
    let Some(dot) = memchr::memchr(b'.', s.as_bytes()) else {
        return false;
    };
    let end = s[dot..]
        .find(char::is_whitespace)
        .map_or(s.len(), |k| dot + k);
    let word = &s.as_bytes()[..end];
    IMAGE_EXTS.iter().any(|e| {
        word.len() >= e.len() && word[word.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
    })
}

/// `image_name` as it was, with a lower-case copy of each word: the reference.
#[cfg(test)]
fn image_name_copying(s: &str) -> Option<usize> {
    let mut end = 0;
    for _ in 0..3 {
        let rest = &s[end..];
        let w = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..w];
        let lower = word.to_ascii_lowercase();
        if IMAGE_EXTS
            .iter()
            .any(|e| lower.ends_with(e) && lower.len() > e.len())
        {
            return Some(end + w);
        }
        if word.is_empty() || word.contains(['.', ',', ';']) {
            return None;
        }
        end += w;
        let sp = s[end..].len() - s[end..].trim_start().len();
        if sp == 0 {
            return None;
        }
        end += sp;
    }
    None
}

/// `1 giờ trước`, `30 phút trước`, `2 ngày trước`.
fn relative_time(s: &str) -> Option<usize> {
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 {
        return None;
    }
    let rest = s[d..].strip_prefix(' ')?;
    let unit = ["giây", "phút", "giờ", "ngày", "tuần", "tháng", "năm"]
        .iter()
        .find(|u| rest.starts_with(**u))?;
    let rest = rest[unit.len()..].strip_prefix(' ')?;
    let n = s.len() - rest.len();
    rest.starts_with("trước")
        .then(|| n + "trước".len())
        .filter(|&e| word_end(s, e))
}

/// Whether byte `at` of `s` ends a word.
fn word_end(s: &str, at: usize) -> bool {
    s[at.min(s.len())..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The byte range of `r` without surrounding whitespace (for tests).
#[cfg(test)]
fn trimmed(text: &str, r: std::ops::Range<usize>) -> &str {
    text[r].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(parts: &[&str]) -> (String, Vec<Block>) {
        let mut text = String::new();
        let mut blocks = Vec::new();
        for p in parts {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(p);
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                range: start..text.len(),
                section: None,
            });
        }
        (text, blocks)
    }

    fn marked(parts: &[&str]) -> Vec<(bool, String)> {
        let (text, mut blocks) = blocks_of(parts);
        mark(&text, &mut blocks);
        blocks
            .iter()
            .map(|b| {
                (
                    b.kind == BlockKind::Boilerplate,
                    trimmed(&text, b.range.clone()).to_string(),
                )
            })
            .collect()
    }

    const LONG: &str = "Trong năm qua, các cơ quan đã phối hợp chặt chẽ để triển khai nhiều \
        hoạt động, đạt kết quả tích cực trên nhiều lĩnh vực và được đánh giá cao.";

    #[test]
    fn marker_initials_are_those_of_the_markers() {
        let mut initials: Vec<char> = TEASER_MARKERS
            .iter()
            .filter_map(|m| m.chars().next())
            .collect();
        initials.sort_unstable();
        initials.dedup();
        let mut expected: Vec<char> = MARKER_INITIALS.chars().collect();
        expected.sort_unstable();
        assert_eq!(initials, expected);
        assert!(is_teaser_marker("TIN LIÊN QUAN:"));
        assert!(is_teaser_marker("Đọc thêm"));
        assert!(!is_teaser_marker("Ảnh minh họa"));
    }

    #[test]
    fn teaser_region_runs_to_the_end() {
        let m = marked(&[
            LONG,
            "Tin liên quan",
            "Cầu mới 300 tỷ đồng sắp thông xe",
            LONG,
        ]);
        assert_eq!(
            m.iter().map(|(b, _)| *b).collect::<Vec<_>>(),
            vec![false, true, true, true]
        );
    }

    #[test]
    fn prose_run_ends_the_region() {
        let m = marked(&["Đọc thêm:", "Tiêu đề bài khác 12 điểm", LONG, LONG, LONG]);
        assert_eq!(
            m.iter().map(|(b, _)| *b).collect::<Vec<_>>(),
            vec![true, true, false, false, false]
        );
    }

    #[test]
    fn a_marker_inside_a_sentence_is_not_one() {
        let m = marked(&[
            "Kết quả nổi bật là 20 dự án.",
            "Mới nhất, tỉnh đã cấp 5 giấy phép.",
        ]);
        assert!(m.iter().all(|(b, _)| !b));
    }

    #[test]
    fn breadcrumb_only_at_the_top() {
        let m = marked(&["Trang chủNewsChính trị", LONG, "Trang chủ của Bộ có 3 mục."]);
        assert_eq!(
            m.iter().map(|(b, _)| *b).collect::<Vec<_>>(),
            vec![true, false, false]
        );
    }

    #[test]
    fn player_junk_is_split_from_the_caption() {
        let m = marked(&[
            "0:00 / 0:00 0:00 • Nam miền Bắc • Nữ miền Nam DN 92241.jpg Người dân đón 2 đoàn khách.",
            "01:26:54",
            "1 giờ trước Bộ trưởng trả lời 5 câu hỏi.",
        ]);
        assert_eq!(
            m,
            vec![
                (
                    true,
                    "0:00 / 0:00 0:00 • Nam miền Bắc • Nữ miền Nam DN 92241.jpg".into()
                ),
                (false, "Người dân đón 2 đoàn khách.".into()),
                (true, "01:26:54".into()),
                (true, "1 giờ trước".into()),
                (false, "Bộ trưởng trả lời 5 câu hỏi.".into()),
            ]
        );
    }

    #[test]
    fn figures_that_look_like_junk_stay() {
        // a time of day in prose, a ratio, a count of hours
        let m = marked(&[
            "10:30 sáng nay, đoàn đến nơi.",
            "3 giờ sau, hội nghị bế mạc.",
        ]);
        assert!(m.iter().all(|(b, _)| !b), "{m:?}");
    }

    /// The lazy prose test and the copy-free image names change nothing: the same marks
    /// as the reference on every text the project has, and the same image names at every
    /// word start.
    #[test]
    fn marks_are_the_reference_ones_on_every_text() {
        let texts = crate::testing::project_texts();
        let mut marked = 0;
        for source in &texts {
            let parsed = crate::document::markdown::parse(source);
            let (mut fast, mut slow) = (parsed.blocks.clone(), parsed.blocks.clone());
            mark(&parsed.text, &mut fast);
            mark_eagerly(&parsed.text, &mut slow);
            assert_eq!(fast, slow);
            marked += fast.len();
            for (i, _) in parsed.text.char_indices() {
                let s = &parsed.text[i..];
                assert_eq!(image_name(s), image_name_copying(s), "{s:?}");
            }
        }
        assert!(marked > 1000, "{marked}");
        for s in [
            "DN 92241.JPG x",
            "ảnh.Png",
            ".jpg",
            "a b c.gif",
            "a b c d.gif",
            "x.jpeg,",
            "a.b.jpg",
            "x,y.jpg",
            "a;b c.png",
            "ảnh. x.jpg",
            "a b c.d.gif",
            "a\u{2003}b.webp",
            "a.jpg\u{2003}b",
            "a\nb.png",
            "",
            ".",
            "a.",
        ] {
            assert_eq!(image_name(s), image_name_copying(s), "{s:?}");
        }
    }

    /// `junk_token` as it was, every test tried in turn: the reference.
    fn junk_token_every_test(s: &str) -> Option<(usize, bool)> {
        if let Some(n) = clock(s) {
            return Some((n, false));
        }
        for p in ["/", "•", "·"] {
            if s.starts_with(p) {
                return Some((p.len(), false));
            }
        }
        if let Some(v) = PLAYER_VOICES.iter().find(|v| s.starts_with(**v)) {
            return Some((v.len(), true));
        }
        image_name(s)
            .or_else(|| relative_time(s))
            .map(|n| (n, true))
    }

    #[test]
    fn junk_tokens_are_the_reference_ones() {
        let mut texts = crate::testing::project_texts();
        texts.extend(
            [
                "",
                "0:00 / 0:00",
                "12:05",
                "01:26:54 x",
                "1 giờ trước",
                "Nam miền Bắc",
                "Nữ miền Nam •",
                "92241.jpg",
                "• x",
                "· x",
                "/ x",
                "N",
            ]
            .map(String::from),
        );
        for t in &texts {
            for (i, _) in t.char_indices() {
                let s = &t[i..];
                assert_eq!(junk_token(s), junk_token_every_test(s), "{s:?}");
            }
        }
    }

    /// The characters `may_be_home_or_section` lets through are all those whose lower
    /// case ends in `ủ` or starts with `c`.
    #[test]
    fn home_and_section_tests_miss_no_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower = c.to_lowercase().to_string();
            let s = c.to_string();
            if lower.ends_with('ủ') || lower.starts_with('c') {
                assert!(may_be_home_or_section(&s), "{c:?}");
            }
        }
        for t in [
            "Quay về trang chủ",
            "QUAY VỀ TRANG CHỦ",
            "Chuyên mục: Thời sự",
        ] {
            assert!(is_navigation(t, 9, None), "{t:?}");
        }
    }

    #[test]
    fn teaser_regions_are_the_reference_ones() {
        let parts = [
            LONG,
            "Tin liên quan",
            "Cầu mới 300 tỷ đồng",
            LONG,
            LONG,
            "Xem thêm",
            LONG,
            LONG,
            "ngắn",
            LONG,
            LONG,
            LONG,
            "0:00 / 0:00",
        ];
        for k in 0..parts.len() {
            let (text, blocks) = blocks_of(&parts[k..]);
            let (mut fast, mut slow) = (blocks.clone(), blocks);
            mark(&text, &mut fast);
            mark_eagerly(&text, &mut slow);
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn sections_follow_a_split() {
        let (text, mut blocks) =
            blocks_of(&["Tiêu đề", "1 giờ trước Nội dung.", "Mục hai", "Đoạn sau."]);
        blocks[0].kind = BlockKind::Heading { level: 1 };
        blocks[2].kind = BlockKind::Heading { level: 2 };
        blocks[1].section = Some(0);
        blocks[2].section = Some(0);
        blocks[3].section = Some(2);
        mark(&text, &mut blocks);
        let sections: Vec<_> = blocks.iter().map(|b| b.section).collect();
        assert_eq!(sections, vec![None, Some(0), Some(0), Some(0), Some(3)]);
        assert_eq!(blocks[3].kind, BlockKind::Heading { level: 2 });
    }
}
