//! `style/tone-mark`: old (`hòa`, `khỏe`, `thủy`) and new (`hoà`, `khoẻ`, `thuỷ`)
//! placement of the tone mark in open `oa`, `oe`, `uy` syllables, mixed in one document.
//!
//! Which syllables have two placements is `fold`'s knowledge (`tone_place`,
//! `place_tone`); `quý`, `hoàng`, `hoài` have one placement and are never counted. The
//! document is reported once, on its first word of the minority placement (or of the
//! placement `[style] tone_marks` rules out), with a fix for every such word.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::checks::fold::{TonePlace, place_tone, tone_place};
use crate::document::Document;
use crate::finding::{Applicability, Finding, Fix, Related, Severity, Text};

use super::{Checker, edit, examples, location};

pub const RULE: &str = "style/tone-mark";

/// A word with a tone placement.
pub struct Word {
    range: Range<usize>,
    place: TonePlace,
}

/// The rule alone (the family shares one pass with the other word rule).
#[cfg(test)]
pub fn check(ck: &Checker, doc: &Document, severity: Severity) -> Option<Finding> {
    let mut words = Vec::new();
    super::for_each_word(&doc.text, |s, e| visit(&doc.text, s..e, &mut words));
    finding(ck, doc, &words, severity)
}

/// The finding for a document whose words with a tone placement are `words`.
pub fn finding(
    ck: &Checker,
    doc: &Document,
    words: &[Word],
    severity: Severity,
) -> Option<Finding> {
    let old = words.iter().filter(|w| w.place == TonePlace::Old).count();
    let new = words.len() - old;
    let forced = match ck.style.tone_marks.as_str() {
        "old" => Some(TonePlace::Old),
        "new" => Some(TonePlace::New),
        _ => None,
    };
    // a tie goes to the old placement, the more common one in current official text
    let target = forced.unwrap_or(if new > old {
        TonePlace::New
    } else {
        TonePlace::Old
    });
    let wrong: Vec<&Word> = words.iter().filter(|w| w.place != target).collect();
    let right: Vec<&Word> = words.iter().filter(|w| w.place == target).collect();
    let first = wrong.first()?;
    let text_of = |w: &Word| doc.text.get(w.range.clone()).unwrap_or("").to_string();
    let (name_vi, name_en, sample) = names(target);
    let (wrong_vi, wrong_en, wrong_sample) = names(other(target));
    let first_text = text_of(first);
    let message = if right.is_empty() {
        Text::new(
            format!(
                "{} từ bỏ dấu thanh kiểu {wrong_vi} ({wrong_sample}) trái quy ước kiểu {name_vi} ({sample})",
                wrong.len()
            ),
            format!(
                "{} words place the tone mark the {wrong_en} way ({wrong_sample}), against the house style ({sample})",
                wrong.len()
            ),
        )
    } else {
        Text::new(
            format!(
                "trộn lẫn kiểu bỏ dấu thanh cũ và mới: {old} từ kiểu cũ (hòa), {new} từ kiểu mới (hoà)"
            ),
            format!(
                "old and new tone-mark placement mixed: {old} words old-style (hòa), {new} new-style (hoà)"
            ),
        )
    };
    let mut related: Vec<Related> = right
        .iter()
        .take(2)
        .map(|w| Related {
            location: location(doc, w.range.clone()),
            message: Text::new(
                format!("kiểu {name_vi}: {}", text_of(w)),
                format!("{name_en} placement: {}", text_of(w)),
            ),
        })
        .collect();
    related.extend(wrong.iter().skip(1).take(2).map(|w| Related {
        location: location(doc, w.range.clone()),
        message: Text::new(
            format!("cũng kiểu {wrong_vi}: {}", text_of(w)),
            format!("also {wrong_en} placement: {}", text_of(w)),
        ),
    }));
    let fixed = |w: &Word| place_tone(&text_of(w), target);
    let edits = wrong
        .iter()
        .filter_map(|w| edit(doc, w.range.clone(), &fixed(w)?))
        .collect::<Vec<_>>();
    let first_fixed = fixed(first).unwrap_or_default();
    let mut notes = vec![Text::new(
        format!("các từ kiểu {wrong_vi} ở đây: {}", tally(&wrong, &text_of)),
        format!("{wrong_en}-style words here: {}", tally(&wrong, &text_of)),
    )];
    notes.push(match forced {
        Some(_) => Text::new(
            "kiểu bỏ dấu do `[style] tone_marks` quy định",
            "the placement is set by `[style] tone_marks`",
        ),
        None => Text::new(
            "theo kiểu văn bản dùng nhiều hơn; đặt `[style] tone_marks = \"old\"` hoặc `\"new\"` để cố định một kiểu",
            "following the placement the document uses more; set `[style] tone_marks = \"old\"` or `\"new\"` to fix one",
        ),
    });
    Some(Finding {
        rule: RULE,
        severity,
        message,
        primary: location(doc, first.range.clone()),
        label: Text::new(
            format!("kiểu {wrong_vi}: {first_text}"),
            format!("{wrong_en} placement: {first_text}"),
        ),
        related,
        help: Some(Text::new(
            format!("bỏ dấu kiểu {name_vi} trong toàn văn bản: {first_text} → {first_fixed}"),
            format!("place tone marks the {name_en} way throughout: {first_text} → {first_fixed}"),
        )),
        notes,
        fix: (!edits.is_empty()).then(|| Fix {
            description: Text::new(
                format!("đổi {} từ sang kiểu {name_vi}", edits.len()),
                format!("rewrite {} words {name_en}-style", edits.len()),
            ),
            edits,
            applicability: Applicability::Automatic,
        }),
    })
}

fn other(p: TonePlace) -> TonePlace {
    match p {
        TonePlace::Old => TonePlace::New,
        TonePlace::New => TonePlace::Old,
    }
}

/// (Vietnamese name, English name, example) of a placement.
fn names(p: TonePlace) -> (&'static str, &'static str, &'static str) {
    match p {
        TonePlace::Old => ("cũ", "old", "hòa, thủy"),
        TonePlace::New => ("mới", "new", "hoà, thuỷ"),
    }
}

/// `hoà ×14, hoá ×10, …`: the words as written, most frequent first.
fn tally(words: &[&Word], text_of: &dyn Fn(&Word) -> String) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for w in words {
        *counts.entry(text_of(w)).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let items: Vec<String> = list.iter().map(|(w, n)| format!("{w} ×{n}")).collect();
    examples(&items, 6)
}

/// Keep the word at `range` of `t` when its tone placement is a matter of style. Only a
/// word that ends in two letters that can be such a pair is decomposed and looked at.
/// This runs for every word: most end in an ASCII letter other than `a`, `e`, `y`, and
/// are passed over here by their last byte, before the rest is called.
#[inline]
pub fn visit(t: &str, range: Range<usize>, out: &mut Vec<Word>) {
    if range.end > range.start
        && let Some(&last) = t.as_bytes().get(range.end - 1)
        && (!may_end_pair(last) || (last >= 0x80 && !last_may_end_pair(t, range.end)))
    {
        return;
    }
    visit_slow(t, range, out);
}

/// Whether the character that ends at byte `end` of `t` may end a pair (`may_pair`):
/// an `a`, `e` or `y` with or without a tone mark, in either case. Most words that end
/// past ASCII end in another letter, and are passed over by it.
#[inline]
fn last_may_end_pair(t: &str, end: usize) -> bool {
    t.get(..end)
        .and_then(|s| s.chars().next_back())
        .is_some_and(|b| is_a_or_e(b) || is_y(b))
}

/// `a` or `e`, with or without a tone mark, in either case.
fn is_a_or_e(c: char) -> bool {
    matches!(
        c,
        'a' | 'à'
            | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'A'
            | 'À'
            | 'Á'
            | 'Ả'
            | 'Ã'
            | 'Ạ'
            | 'e'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'E'
            | 'È'
            | 'É'
            | 'Ẻ'
            | 'Ẽ'
            | 'Ẹ'
    )
}

/// `y`, with or without a tone mark, in either case.
fn is_y(c: char) -> bool {
    matches!(
        c,
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Y' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ'
    )
}

/// Whether a word whose last byte is `last` may end in a pair (`may_pair`): any byte but
/// an ASCII one other than `a e y A E Y` (most words end in a consonant or a bare vowel,
/// told without decoding).
#[inline]
fn may_end_pair(last: u8) -> bool {
    last >= 0x80 || matches!(last, b'a' | b'e' | b'y' | b'A' | b'E' | b'Y')
}

/// `visit` past its shortcut.
#[inline(never)]
fn visit_slow(t: &str, range: Range<usize>, out: &mut Vec<Word>) {
    let Some(w) = t.get(range.clone()) else {
        return;
    };
    let mut rev = w.chars().rev();
    let (Some(b), Some(a)) = (rev.next(), rev.next()) else {
        return;
    };
    if !may_pair(a, b) {
        return;
    }
    if let Some(place) = tone_place(w) {
        out.push(Word { range, place });
    }
}

/// Whether two letters (NFC, either case) can be an `oa`, `oe` or `uy` with or without a
/// tone mark: a cheap test before the word is decomposed.
fn may_pair(a: char, b: char) -> bool {
    let o = matches!(
        a,
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'O' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ'
    );
    if o {
        return is_a_or_e(b);
    }
    let u = matches!(
        a,
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'U' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ' | 'Ụ'
    );
    u && is_y(b)
}

#[cfg(test)]
mod tests {
    /// The shortcut in `visit`: no pair ends in an ASCII byte other than `a e y A E Y`,
    /// whatever letter stands before it.
    #[test]
    fn an_ascii_last_letter_other_than_a_e_y_ends_no_pair() {
        let firsts: Vec<char> = (0..0x2000u32).filter_map(char::from_u32).collect();
        let mut paired = 0;
        for b in (0..128u8).map(char::from) {
            let shortcut = !super::may_end_pair(b as u8);
            for &a in &firsts {
                let pair = super::may_pair(a, b);
                assert!(!(shortcut && pair), "{a:?}{b:?}");
                paired += usize::from(pair);
            }
        }
        assert!(paired >= 6, "{paired}");
    }

    /// The shortcut by the last character: whatever ends in a character past ASCII that
    /// `last_may_end_pair` rules out is no pair, after any letter (every pair of
    /// characters below U+2000 and of Vietnamese letters).
    #[test]
    fn a_last_letter_other_than_a_e_y_ends_no_pair() {
        let chars: Vec<char> = (0..0x2000u32).filter_map(char::from_u32).collect();
        let mut ruled_out = 0;
        for &b in &chars {
            let s = b.to_string();
            let out = !super::last_may_end_pair(&s, s.len());
            for &a in &chars {
                assert!(!(out && super::may_pair(a, b)), "{a:?}{b:?}");
            }
            ruled_out += usize::from(out);
        }
        assert!(ruled_out > 7000, "{ruled_out}");
    }
}
