//! Orthographic folding of Arabic (and Latin) text for matching.
//!
//! Arabic news copy spells one word many ways: hamza carriers come and go
//! (أردوغان / إردوغان / اردوغان), final ى and ي are swapped, ة is written ه,
//! diacritics and tatweel are sprinkled in, digits arrive as ٢٠١٥ or 2015, legacy
//! text uses presentation forms, and copy-pasted text carries invisible bidi and
//! zero-width controls. Folding maps all of these to one form so that lexicons,
//! the tagger and clustering compare like with like.
//!
//! Folding is for *matching* only: every span qawl reports points into the
//! original text. [`Normalized`] keeps a map from each byte of the folded text
//! back to the byte of the original character it came from, so a match found in
//! folded text converts exactly to an original span.
//!
//! The folding is the one `../shared/eval/score.py` uses for speaker names, plus
//! digits, presentation forms, invisible controls and Unicode spaces.

/// What one original character becomes when folded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// The character carries nothing for matching (diacritic, tatweel, bidi
    /// control, zero-width character).
    Drop,
    /// The character folds to one character (often itself).
    Char(char),
    /// The character is a ligature that folds to several characters.
    Str(&'static str),
}

/// Folds one character. This is the single source of truth for folding.
pub fn fold_char(c: char) -> Fold {
    match c {
        // Fast paths for the common cases, before the guards below: no
        // ASCII character is invisible, and only white space and the
        // underscore change: an underscore joins a hashtag's words
        // (`#الاتحاد_الأوروبي`), a space for matching, so the hashtag's name
        // is the name written apart.
        c if c.is_ascii() => Fold::Char(if c.is_whitespace() || c == '_' {
            ' '
        } else {
            c
        }),
        // Alef with hamza above/below, madda, wasla.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Char('ا'),
        'ى' | 'ئ' | 'ی' | 'ې' => Fold::Char('ي'),
        'ة' | 'ۀ' | 'ہ' | 'ە' => Fold::Char('ه'),
        'ؤ' => Fold::Char('و'),
        'ک' => Fold::Char('ك'),
        // The other basic Arabic letters fold to themselves.
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Fold::Char(c),
        // Arabic-Indic and Extended (Persian/Urdu) digits.
        '\u{0660}'..='\u{0669}' => Fold::Char(ascii_digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Fold::Char(ascii_digit(c as u32 - 0x06F0)),
        // Harakat, superscript alef, Quranic marks, tatweel.
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        '\u{0640}' => Fold::Drop,
        c if is_invisible(c) => Fold::Drop,
        '\u{FE70}'..='\u{FEFC}' => presentation_b(c),
        '\u{FB50}'..='\u{FDFF}' => presentation_a(c),
        c if is_space(c) => Fold::Char(' '),
        c => Fold::Char(c),
    }
}

/// Invisible format characters: bidi controls, zero-width characters, BOM,
/// soft hyphen. They change how text looks, never what it says.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Arabic diacritics (harakat and Quranic marks) and tatweel: marks that live
/// inside a word without being letters of it.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// White space of any kind, including no-break and typographic spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}'
}

fn ascii_digit(d: u32) -> char {
    char::from(b'0' + d as u8)
}

/// Arabic Presentation Forms-B (U+FE70–U+FEFC): contextual shapes of the basic
/// letters, in Unicode's order, each letter with its number of shapes.
fn presentation_b(c: char) -> Fold {
    const LETTERS: &[(char, u8)] = &[
        ('ء', 1),
        ('آ', 2),
        ('أ', 2),
        ('ؤ', 2),
        ('إ', 2),
        ('ئ', 4),
        ('ا', 2),
        ('ب', 4),
        ('ة', 2),
        ('ت', 4),
        ('ث', 4),
        ('ج', 4),
        ('ح', 4),
        ('خ', 4),
        ('د', 2),
        ('ذ', 2),
        ('ر', 2),
        ('ز', 2),
        ('س', 4),
        ('ش', 4),
        ('ص', 4),
        ('ض', 4),
        ('ط', 4),
        ('ظ', 4),
        ('ع', 4),
        ('غ', 4),
        ('ف', 4),
        ('ق', 4),
        ('ك', 4),
        ('ل', 4),
        ('م', 4),
        ('ن', 4),
        ('ه', 4),
        ('و', 2),
        ('ى', 2),
        ('ي', 4),
    ];
    let cp = c as u32;
    if cp < 0xFE80 {
        return Fold::Drop; // shaped harakat
    }
    if cp >= 0xFEF5 {
        return Fold::Str("لا"); // lam-alef ligatures, all hamza variants fold to plain alef
    }
    let mut at = 0xFE80;
    for &(letter, n) in LETTERS {
        if cp < at + u32::from(n) {
            return fold_char(letter);
        }
        at += u32::from(n);
    }
    Fold::Char(c)
}

/// The few Presentation Forms-A shapes seen in news copy.
fn presentation_a(c: char) -> Fold {
    match c as u32 {
        0xFB50..=0xFB51 => Fold::Char('ا'),
        0xFB56..=0xFB59 => Fold::Char('پ'),
        0xFB7A..=0xFB7D => Fold::Char('چ'),
        0xFB8A..=0xFB8B => Fold::Char('ژ'),
        0xFB8E..=0xFB91 => Fold::Char('ك'),
        0xFB92..=0xFB95 => Fold::Char('گ'),
        0xFBFC..=0xFBFF => Fold::Char('ي'),
        0xFDF2 => Fold::Str("الله"),
        _ => Fold::Char(c),
    }
}

#[cfg(any(test, feature = "lab"))]
/// Folds a string for matching, with no offset map. Letter case is kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

#[cfg(any(test, feature = "lab"))]
/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match fold_char(c) {
            Fold::Drop => {}
            Fold::Char(f) => out.push(f),
            Fold::Str(f) => out.push_str(f),
        }
    }
}

/// The lookup key of a word or phrase: folded, lower-cased, with runs of
/// spaces collapsed. Lexicons store keys; look-ups build them the same way.
pub fn key(s: &str) -> String {
    if is_own_key(s) {
        return s.to_owned();
    }
    key_fast(s).unwrap_or_else(|| key_slow(s))
}

/// [`key`] character by character, through [`fold_char`] and the case
/// tables: any text.
fn key_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let mut push = |f: char| {
            if f == ' ' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                // Arabic letters have no case: skip the case tables for them.
                if f.is_ascii() {
                    out.push(f.to_ascii_lowercase());
                } else if ('\u{0600}'..='\u{06FF}').contains(&f) || !f.is_uppercase() {
                    out.push(f);
                } else {
                    out.extend(f.to_lowercase());
                }
                space = false;
            }
        };
        match fold_char(c) {
            Fold::Drop => {}
            Fold::Char(f) => push(f),
            Fold::Str(f) => f.chars().for_each(&mut push),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`key_slow`] of text of ASCII and Arabic-block characters, as most
/// words and names that are not their own key are (hamza carriers, ة, ى,
/// capitals, several words), by a byte scan and a table; `None` means
/// "take [`key_slow`]". Every character is keyed on its own, the same as
/// [`key_slow`] keys it, and spaces collapse the same way (tests check
/// every character and short mixes).
fn key_fast(s: &str) -> Option<String> {
    let table = arabic_keys();
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // As in key_slow: no space before the first character, one per run.
    let mut space = true;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            // ASCII white space and `_` fold to a space.
            if matches!(x, 0x09..=0x0D | b' ' | b'_') {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(char::from(x.to_ascii_lowercase()));
                space = false;
            }
            i += 1;
        } else if (0xD8..=0xDB).contains(&x) {
            // Two-byte UTF-8 of U+0600..U+06FF.
            let y = *b.get(i + 1)?;
            let low = (usize::from(x & 0x03) << 6) | usize::from(y & 0x3F);
            match table[low] {
                KEY_DROP => {}
                KEY_SLOW => return None,
                k => {
                    out.push(char::from_u32(u32::from(k))?);
                    space = false;
                }
            }
            i += 2;
        } else {
            return None;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    Some(out)
}

/// In [`arabic_keys`]: the character folds away.
const KEY_DROP: u16 = 0;
/// In [`arabic_keys`]: the character needs [`key_slow`].
const KEY_SLOW: u16 = u16::MAX;

/// What each character U+0600..U+06FF becomes in a [`key`]: the code point
/// of the one character it folds to when that is an ASCII digit or in the
/// Arabic block (whose letters have no case), [`KEY_DROP`] or
/// [`KEY_SLOW`]. Built from [`fold_char`], the single source of truth.
fn arabic_keys() -> &'static [u16; 256] {
    static TABLE: std::sync::OnceLock<[u16; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [KEY_SLOW; 256];
        for (low, k) in t.iter_mut().enumerate() {
            let c = char::from_u32(0x0600 + low as u32).unwrap_or(' ');
            *k = match fold_char(c) {
                Fold::Drop => KEY_DROP,
                Fold::Char(f) if f.is_ascii_digit() || ('\u{0600}'..='\u{06FF}').contains(&f) => {
                    f as u16
                }
                _ => KEY_SLOW,
            };
        }
        t
    })
}

/// Whether `s` is its own [`key`], as most words are: ASCII without
/// capitals, white space or `_` (which folds to a space), and basic Arabic letters that fold to
/// themselves (not hamza carriers, ة, ى or tatweel). A byte scan instead of
/// folding character by character; `false` only means "fold it".
fn is_own_key(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            // An underscore folds to a space (`#X_Y` is the name `X Y`).
            if x.is_ascii_uppercase() || matches!(x, 0x09..=0x0D | b' ' | b'_') {
                return false;
            }
            i += 1;
        } else if x == 0xD8 || x == 0xD9 {
            // Two-byte UTF-8 of U+0600..U+067F.
            let Some(&y) = b.get(i + 1) else {
                return false;
            };
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
            let plain = matches!(cp, 0x0621..=0x063A | 0x0641..=0x064A)
                && !matches!(cp, 0x0622..=0x0626 | 0x0629 | 0x0649);
            if !plain {
                return false;
            }
            i += 2;
        } else {
            return false;
        }
    }
    true
}

#[cfg(any(test, feature = "lab"))]
/// Text folded for matching, with a map back to the original.
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    /// `to_original[i]` is the byte offset, in the original, of the character
    /// that produced folded byte `i`; one extra entry maps the end.
    to_original: Vec<u32>,
}

#[cfg(any(test, feature = "lab"))]
impl Normalized {
    /// Folds `original`, recording where every folded byte came from.
    ///
    /// # Panics
    /// Never for text under 4 GiB; longer text is refused earlier by
    /// [`crate::analyze`]'s size limit.
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut to_original = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let before = text.len();
            match fold_char(c) {
                Fold::Drop => {}
                Fold::Char(f) => text.push(f),
                Fold::Str(f) => text.push_str(f),
            }
            to_original.resize(text.len(), at as u32);
            debug_assert!(text.len() >= before);
        }
        to_original.push(original.len() as u32);
        Normalized { text, to_original }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of folded byte offset `i` (`i` may equal the
    /// folded length, which maps to the end of the original).
    pub fn original(&self, i: usize) -> usize {
        self.to_original[i] as usize
    }

    /// Converts a span of the folded text to the span of the original that
    /// produced it: from the first contributing character to the end of the
    /// last one.
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.original(start);
        if end == start {
            return (s, s);
        }
        let last = self.original(end - 1);
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        (s, last + last_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamza_and_alef_variants_fold_together() {
        assert_eq!(fold("أردوغان"), fold("إردوغان"));
        assert_eq!(fold("اردوغان"), fold("آردوغان"));
        assert_eq!(fold("أستانة"), "استانه");
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("مسؤول"), "مسوول");
        assert_eq!(fold("رئيس"), "رييس");
    }

    #[test]
    fn diacritics_tatweel_and_invisibles_drop() {
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("بـــوتين"), "بوتين");
        assert_eq!(fold("بو\u{200C}تين\u{200F}"), "بوتين");
        assert_eq!(fold("\u{202B}حلب\u{202C}"), "حلب");
        assert_eq!(fold("الرحمٰن"), "الرحمن");
    }

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(fold("٢٠١٥"), "2015");
        assert_eq!(fold("۱۳۹۸"), "1398");
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // ﺑﻮﺗﻴﻦ written with contextual shapes.
        assert_eq!(fold("\u{FE91}\u{FEEE}\u{FE98}\u{FEF4}\u{FEE6}"), "بوتين");
        assert_eq!(fold("\u{FEFB}"), "لا");
        assert_eq!(fold("\u{FE8D}\u{FEDF}\u{FEE8}\u{FEEE}\u{FEAD}"), "النور");
        assert_eq!(fold("\u{FE94}"), "ه");
        assert_eq!(fold("\u{FDF2}"), "الله");
    }

    #[test]
    fn words_that_are_their_own_key() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let s = c.to_string();
                if is_own_key(&s) {
                    // Against the slow path: `key` itself trusts `is_own_key`.
                    assert_eq!(key_slow(&s), s, "U+{u:04X}");
                }
            }
        }
        assert!(is_own_key("الكرملين") && is_own_key("putin") && is_own_key("2015,"));
        assert!(!is_own_key("أحمد") && !is_own_key("Putin") && !is_own_key("a b"));
        assert!(!is_own_key("مدرسة") && !is_own_key("بـوتين") && !is_own_key("مُحمد"));
        assert!(!is_own_key("نادر_سليم") && !is_own_key("a_b"));
        assert_eq!(key("نادر_سليم"), "نادر سليم");
    }

    #[test]
    fn fast_keys_are_the_slow_ones() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let s = c.to_string();
                if let Some(k) = key_fast(&s) {
                    assert_eq!(k, key_slow(&s), "U+{u:04X}");
                }
            }
        }
        for w in [
            "الكرملين",
            "putin",
            "2015,",
            "أحمد",
            "Putin",
            "مدرسة",
            "بـوتين",
            "مُحمد",
            "٢٠١٥",
        ] {
            assert_eq!(key_fast(w).as_deref(), Some(key_slow(w).as_str()), "{w}");
        }
        for w in ["a b", "A_b", "ﻻ", "Ünï", "،"] {
            assert_eq!(key(w), key_slow(w), "{w}");
        }
    }

    #[test]
    fn fast_keys_collapse_spaces_like_the_slow_ones() {
        let chars = [
            'a', 'B', ' ', '\t', '\n', '_', '\u{1}', 'ا', 'أ', '\u{064B}', 'ة', '١', 'é', '\u{A0}',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| chars.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
            strings.dedup();
        }
        for s in &strings {
            if let Some(k) = key_fast(s) {
                assert_eq!(k, key_slow(s), "{s:?}");
            }
        }
    }

    #[test]
    fn key_lowercases_and_collapses_spaces() {
        assert_eq!(key("  Vladimir\u{00A0}\u{00A0}PUTIN "), "vladimir putin");
        assert_eq!(key("رجب  طيب إردوغان"), "رجب طيب اردوغان");
    }

    #[test]
    fn offset_map_round_trips_every_character() {
        let original = "قال بُوتيــن: «١٢ \u{200F}ﻻ» 😀 Ünïcode";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), fold(original));
        // Every folded character maps back to a char boundary whose character
        // folds to something that starts with it.
        for (i, c) in n.as_str().char_indices() {
            let o = n.original(i);
            assert!(original.is_char_boundary(o));
            let oc = original[o..].chars().next().unwrap();
            let f = fold(&oc.to_string());
            assert!(f.contains(c), "{c:?} at {i} maps to {oc:?}");
        }
        assert_eq!(n.original(n.as_str().len()), original.len());
    }

    #[test]
    fn original_span_covers_dropped_marks_inside() {
        let original = "و بُوتين";
        let n = Normalized::new(original);
        let at = n.as_str().find("بوتين").unwrap();
        let (s, e) = n.original_span(at, at + "بوتين".len(), original);
        assert_eq!(&original[s..e], "بُوتين");
    }
}
