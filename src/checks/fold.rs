//! Comparison keys for words and phrases: NFC, lower case, old and new tone-mark
//! placement folded (`hoà` = `hòa`), spelling variants folded (`tỉ` = `tỷ`, `Liên hiệp
//! quốc` = `Liên hợp quốc`), synonyms of counted nouns folded (`nước` = `quốc gia`).
//! Keys are for matching only; the text a finding points at is never rewritten.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::rules::{CharIndex, TermFile};

/// Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

#[derive(Debug, Clone, Default)]
pub struct Folder {
    /// (variant, preferred), both folded, longest variant first.
    variants: Vec<(String, String)>,
    /// Folded noun -> the folded first word of its synonym set.
    synonyms: HashMap<String, String>,
    /// Indices into `variants` by the variant's first character, in `variants` order, so
    /// a word start costs one lookup instead of a scan of every variant.
    by_first: CharIndex,
}

impl Folder {
    pub fn new(terms: &TermFile) -> Folder {
        let mut variants: Vec<(String, String)> = terms
            .term
            .iter()
            .filter(|t| t.fold)
            .flat_map(|t| {
                let preferred = basic(&t.preferred);
                t.variants
                    .iter()
                    .map(move |v| (basic(v), preferred.clone()))
            })
            .filter(|(v, p)| v != p && !v.is_empty())
            .collect();
        variants.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
        let mut synonyms = HashMap::new();
        for set in &terms.synonyms {
            if let Some(first) = set.words.first().map(|w| basic(w)) {
                for w in &set.words {
                    synonyms.insert(basic(w), first.clone());
                }
            }
        }
        let mut by_first = CharIndex::default();
        for (i, (v, _)) in variants.iter().enumerate() {
            if let Some(c) = v.chars().next() {
                by_first.push(c, i);
            }
        }
        Folder {
            variants,
            synonyms,
            by_first,
        }
    }

    /// The comparison key of a phrase.
    pub fn fold(&self, text: &str) -> String {
        let base = basic(text);
        if self.variants.is_empty() {
            return base;
        }
        let mut out = String::with_capacity(base.len());
        let mut i = 0;
        while i < base.len() {
            let at_word = base[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !crate::text::is_alphanumeric(c));
            let first = base[i..].chars().next().unwrap_or(' ');
            let hit = at_word
                .then(|| self.by_first.entries(first))
                .and_then(|list| {
                    list.iter().map(|&k| &self.variants[k]).find(|(v, _)| {
                        base[i..].starts_with(v.as_str())
                            && !base[i + v.len()..].starts_with(crate::text::is_alphanumeric)
                    })
                });
            match hit {
                Some((v, p)) => {
                    out.push_str(p);
                    i += v.len();
                }
                None => {
                    let c = base[i..].chars().next().unwrap_or(' ');
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        out
    }

    /// The key of a counted noun: folded, then its synonym set's first word.
    pub fn fold_noun(&self, noun: &str) -> String {
        let key = self.fold(noun);
        self.synonyms.get(&key).cloned().unwrap_or(key)
    }
}

/// NFC, lower case, tone marks placed one way, spaces collapsed, punctuation dropped but
/// for clause marks (`,` `;` `:`), which stay as words of their own so callers can tell
/// clauses apart.
pub fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let push = |token: &str, out: &mut String| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    };
    // text read from documents is NFC already: composed again only when it is not
    let composed: std::borrow::Cow<str> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    };
    for raw in composed.split_whitespace() {
        let word = raw.trim_matches(|c: char| !crate::text::is_alphanumeric(c));
        if word.is_empty() {
        } else if word.is_ascii() {
            // no tone mark to place: lower-cased straight into the key
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            push(&fold_tone(&crate::text::lower_str(word)), &mut out);
        }
        let tail = &raw[raw
            .trim_end_matches(|c: char| !crate::text::is_alphanumeric(c))
            .len()..];
        if let Some(mark) = tail.chars().find(|c| matches!(c, ',' | ';' | ':')) {
            push(mark.encode_utf8(&mut [0; 4]), &mut out);
        }
    }
    out
}

/// Put the tone mark of an open `oa`, `oe`, `uy` syllable on its second vowel, so the
/// old (`hòa`, `thủy`) and new (`hoà`, `thuỷ`) placements give one key.
pub fn fold_tone(word: &str) -> String {
    // ASCII has no tone marks and is its own NFC
    if word.is_ascii() {
        return word.to_string();
    }
    // most words do not end in an open pair: then the key is the word's NFC, which an
    // NFC word is already
    let mut last = word.chars().rev().map(toned_vowel);
    let open = matches!(
        (last.next(), last.next()),
        (Some(Some('a' | 'e')), Some(Some('o'))) | (Some(Some('y')), Some(Some('u')))
    );
    if !open
        && !word.ends_with(|c: char| ('\u{300}'..='\u{36f}').contains(&c))
        && unicode_normalization::is_nfc_quick(word.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return word.to_string();
    }
    let chars: Vec<char> = word.nfd().collect();
    match open_pair(&chars) {
        Some(p) if p.tone_at < p.second => move_tone(&chars, p, TonePlace::New),
        _ => word.nfc().collect(),
    }
}

/// The plain vowel under a tone mark (`ọ` -> `o`), for the vowels of the open pairs; `None`
/// for any other character (`ô`, `ơ`, `ư` are other vowels).
fn toned_vowel(c: char) -> Option<char> {
    Some(match crate::text::lower(c) {
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' => 'o',
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' => 'u',
        'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' => 'a',
        'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' => 'e',
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        _ => return None,
    })
}

/// Where the tone mark of an open `oa`, `oe`, `uy` syllable stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TonePlace {
    /// On the first vowel: `hòa`, `khỏe`, `thủy`.
    Old,
    /// On the second vowel: `hoà`, `khoẻ`, `thuỷ`.
    New,
}

/// The tone placement of a word (any case, NFC or NFD) that ends in an open `oa`, `oe`
/// or `uy` with a tone mark on it; `None` for any other word. `quý` is `None`: after `q`
/// the `u` belongs to the consonant and the mark stands on `y` either way.
pub fn tone_place(word: &str) -> Option<TonePlace> {
    let chars: Vec<char> = word.nfd().collect();
    style_pair(&chars).map(|p| p.place())
}

/// The word (NFC) with the tone mark of its open `oa`, `oe`, `uy` placed `to`; `None`
/// when [`tone_place`] is `None`.
pub fn place_tone(word: &str, to: TonePlace) -> Option<String> {
    let chars: Vec<char> = word.nfd().collect();
    style_pair(&chars).map(|p| move_tone(&chars, p, to))
}

/// An open pair at the end of a word, as indices into its NFD characters.
#[derive(Debug, Clone, Copy)]
struct OpenPair {
    first: usize,
    second: usize,
    tone_at: usize,
}

impl OpenPair {
    fn place(self) -> TonePlace {
        if self.tone_at < self.second {
            TonePlace::Old
        } else {
            TonePlace::New
        }
    }
}

/// The last two letters (ignoring tone marks) are o+a, o+e or u+y, with no final
/// consonant, and the word's tone mark is on one of them.
fn open_pair(chars: &[char]) -> Option<OpenPair> {
    let tone_at = chars.iter().position(|c| TONES.contains(c))?;
    let mut base = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !TONES.contains(c))
        .map(|(i, c)| (i, c.to_ascii_lowercase()));
    let (second, b) = base.next_back()?;
    let (first, a) = base.next_back()?;
    let pair = matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    (pair && first <= tone_at).then_some(OpenPair {
        first,
        second,
        tone_at,
    })
}

/// [`open_pair`] where the placement is a matter of style: not `qu` + `y`.
fn style_pair(chars: &[char]) -> Option<OpenPair> {
    let p = open_pair(chars)?;
    let before = p.first.checked_sub(1).and_then(|i| chars.get(i));
    let qu = chars[p.first].eq_ignore_ascii_case(&'u')
        && before.is_some_and(|c| c.eq_ignore_ascii_case(&'q'));
    (!qu).then_some(p)
}

fn move_tone(chars: &[char], p: OpenPair, to: TonePlace) -> String {
    let tone = chars[p.tone_at];
    let mut moved: Vec<char> = chars
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != p.tone_at)
        .map(|(_, c)| *c)
        .collect();
    match to {
        // right after the first vowel (an open o/u carries no other mark)
        TonePlace::Old => moved.insert(p.first + 1, tone),
        TonePlace::New => moved.push(tone),
    }
    moved.into_iter().nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn folder() -> Folder {
        Folder::new(&RuleSet::embedded().expect("rules").terms)
    }

    /// The shortcut for words without an open pair gives what the full path gives.
    #[test]
    fn fold_tone_shortcut_is_the_full_path() {
        let slow = |w: &str| {
            let chars: Vec<char> = w.nfd().collect();
            match open_pair(&chars) {
                Some(p) if p.tone_at < p.second => move_tone(&chars, p, TonePlace::New),
                _ => w.nfc().collect::<String>(),
            }
        };
        let letters = [
            "o", "ò", "ọ", "u", "ủ", "ơ", "ô", "ư", "a", "á", "e", "ẻ", "y", "ỳ", "i", "h", "q",
            "ng", "Ò", "Ủ",
        ];
        for a in letters {
            for b in letters {
                for c in letters {
                    let w = format!("{a}{b}{c}");
                    assert_eq!(fold_tone(&w), slow(&w), "{w}");
                    let d: String = w.nfd().collect();
                    assert_eq!(fold_tone(&d), slow(&d), "{w} in NFD");
                }
            }
        }
    }

    #[test]
    fn old_and_new_tone_marks_fold_together() {
        assert_eq!(fold_tone("hòa"), fold_tone("hoà"));
        assert_eq!(fold_tone("thủy"), fold_tone("thuỷ"));
        assert_eq!(fold_tone("khỏe"), fold_tone("khoẻ"));
        // a final consonant fixes the place of the mark: nothing to fold
        assert_eq!(fold_tone("hoàng"), "hoàng");
        assert_ne!(fold_tone("hòa"), fold_tone("hoa"));
    }

    #[test]
    fn variants_and_case_fold() {
        let f = folder();
        assert_eq!(f.fold("400 tỉ đô la"), f.fold("400 tỷ đô la"));
        assert_eq!(f.fold("Liên hiệp quốc"), f.fold("Liên hợp quốc"));
        assert_eq!(f.fold("năm ngàn"), "năm nghìn");
        // inside a word nothing is replaced
        assert_eq!(f.fold("tỉnh"), "tỉnh");
    }

    #[test]
    fn nfd_input_folds_to_the_same_key() {
        let f = folder();
        let nfd: String = "quan hệ ngoại giao".nfd().collect();
        assert_eq!(f.fold(&nfd), f.fold("quan hệ ngoại giao"));
    }

    #[test]
    fn clause_marks_survive_folding() {
        assert_eq!(basic("Năm 2023, FDI đạt"), "năm 2023 , fdi đạt");
        assert_eq!(basic("“Hòa bình”."), fold_tone("hòa") + " bình");
    }

    #[test]
    fn synonyms_of_counted_nouns() {
        let f = folder();
        assert_eq!(f.fold_noun("nước"), f.fold_noun("quốc gia"));
        assert_ne!(
            f.fold_noun("nước và vùng lãnh thổ"),
            f.fold_noun("quốc gia")
        );
    }
}
