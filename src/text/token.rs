//! Tokens: words, numbers and punctuation, with byte spans into the original.
//!
//! The tokenizer never changes the text. A token is a span of the original plus
//! what qawl learned about it: its script, its folded form, and for Arabic
//! words the proclitics (و ف ب ل ك and ال) found at its start, so that later
//! stages can report a name without the conjunction or preposition glued to it
//! (`وموسكو` → `موسكو`) while the original stays intact.
//!
//! Guarantees: tokens are in text order, do not overlap, start and end on char
//! boundaries, and never contain white space or invisible controls at their
//! edges. Tokenizing is one pass, linear in the input.

use super::clitic::{self, Proclitics};
use super::normalize::{self, is_arabic_mark, is_invisible, is_space};
use crate::entity::fasthash::FastMap;
use std::sync::Arc;

/// What kind of text a token holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Arabic-script letters (with any diacritics or tatweel inside).
    Arabic,
    /// Letters of any other script: Latin, Cyrillic, Greek...
    Latin,
    /// Digits in any script, with inner separators (`3.5`, `1,000`, `٢٠١٥`).
    Number,
    /// One punctuation mark or symbol; runs of dots form one token (`...`).
    Punct,
}

/// Whether the letter after the first `skip` letters of `original`
/// (diacritics and tatweel not counted, as folding drops them) is an alif
/// with hamza or madda (`أ`, `إ`, `آ`), which folding writes as a bare alif:
/// a folded `ال` there is no article.
pub(crate) fn hamza_alif_after(original: &str, skip: usize) -> bool {
    let mut letters = original
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}'))
        .skip(skip);
    matches!(letters.next(), Some('أ' | 'إ' | 'آ'))
}

/// One token of the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the token in the original text.
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    pub kind: TokenKind,
    /// The proclitics recognised at the start of an Arabic word.
    pub proclitics: Proclitics,
    /// Byte offset where the word proper begins, after the proclitics that are
    /// certain (`وبال` before a noun). `stem == start` when there are none.
    pub stem: usize,
    /// The token folded for matching ([`normalize::key`]).
    pub norm: Norm,
    /// Which distinct spelling (text and kind) of its document the token
    /// is, numbered from 0 in order of first appearance. Tokens of one
    /// spelling have the same text, kind, `norm` and `proclitics`: facts
    /// about a word can be found once per spelling ([`crate::text::Document::spellings`]).
    pub spelling: u32,
}

/// A token's folded form: shared by every token of the same spelling in
/// an article (one allocation per spelling, not per token), read as a
/// `str`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Norm(Arc<str>);

impl Norm {
    /// The folded form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Norm {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Norm {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Norm {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Norm {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Display for Norm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Token {
    /// The token as written.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Where the word starts once the first `folded_len` bytes of its folded
    /// form (a proclitic prefix) are left out, as a byte offset into `text`.
    pub fn start_after_folded(&self, text: &str, folded_len: usize) -> usize {
        self.start + original_len_of_folded_prefix(self.text(text), folded_len)
    }

    /// The folded word without its certain proclitics.
    pub fn stem_norm(&self) -> &str {
        &self.norm[self.proclitics.certain_len()..]
    }

    /// Whether the stem is written with the article `ال`: its folded form
    /// begins with it and its first letter is no alif with hamza or madda
    /// (`ألمانيا` folds to `المانيا` but has no article).
    pub fn has_article(&self, text: &str) -> bool {
        self.stem_norm().starts_with("ال") && !hamza_alif_after(&text[self.stem..self.end], 0)
    }

    /// Whether the stem starts with the article's ل after the preposition
    /// ل (`للأمم`): see [`Proclitics::elided_article`].
    pub fn elided_article(&self) -> bool {
        self.proclitics.elided_article()
    }

    /// Whether a name starting at byte `b` in this token starts at the
    /// article's ل after ل (`لأمم …` of `للأمم`).
    pub fn elided_at(&self, b: usize) -> bool {
        self.stem == b && self.elided_article()
    }

    /// Whether the token is a quote mark, double or single (news mixes
    /// their kinds).
    pub fn is_quote_mark(&self, text: &str) -> bool {
        self.kind == TokenKind::Punct
            && self
                .text(text)
                .chars()
                .all(|c| is_double(c) || is_single(c))
    }

    /// Whether the token is a word (Arabic or other script).
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }

    /// Whether the token is exactly the punctuation character `c`.
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == TokenKind::Punct
            && self.text(text).starts_with(c)
            && self.end - self.start == c.len_utf8()
    }
}

/// Whether `c` is a letter of the Arabic script (not a mark, digit or sign).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}' | '\u{FE80}'..='\u{FEFC}')
}

/// Whether `c` is a digit of any script qawl folds (ASCII, Arabic-Indic, Persian).
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Arabic,
    Latin,
    Digit,
    /// Inside a word, not a letter: diacritic, tatweel, ZWNJ/ZWJ.
    Joiner,
    Space,
    Other,
}

/// Punctuation common in news copy beyond ASCII: no letters, digits or
/// accents, so [`class`] answers `Other` without searching the Unicode
/// tables (a test checks it).
const COMMON_MARKS: [char; 9] = ['،', '؛', '؟', '«', '»', '“', '”', '–', '—'];

#[inline]
fn class(c: char) -> Class {
    // The basic Arabic letters first: most characters of most articles.
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return Class::Arabic;
    }
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Latin,
            '0'..='9' => Class::Digit,
            c if c.is_ascii_whitespace() || c.is_ascii_control() => Class::Space,
            // Hashtags join words with underscores (`#الاتحاد_الأوروبي`): a
            // space between words, so a name inside reads as one.
            '_' => Class::Space,
            _ => Class::Other,
        };
    }
    if is_arabic_letter(c) {
        Class::Arabic
    } else if is_arabic_mark(c) || matches!(c, '\u{200C}' | '\u{200D}') {
        Class::Joiner
    } else if is_digit(c) {
        Class::Digit
    } else if is_space(c) || is_invisible(c) || c.is_control() {
        Class::Space
    } else if COMMON_MARKS.contains(&c) {
        Class::Other // what the Unicode tables below would say, searched
    } else if c.is_alphabetic() || (c.is_alphanumeric() && !c.is_numeric()) {
        Class::Latin
    } else if matches!(c, '\u{0300}'..='\u{036F}') {
        Class::Joiner // combining accents in decomposed Latin
    } else {
        Class::Other
    }
}

/// Whether `c` is a double quote mark.
pub fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‟' | '＂')
}

/// Whether a token's text is two apostrophes typed for a double quote mark
/// (typewriter copy: `''No,'' he said`).
pub fn is_double_pair(t: &str) -> bool {
    t == "''"
}

/// Whether `c` is a single quote mark (apostrophes inside words are part of
/// the word token and never reach here).
pub fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‹' | '›' | '‚' | '‛')
}

/// Where a possessive `'s` (or `’s`) starting at byte `i` ends, if one
/// does: an apostrophe, `s`, then no letter.
fn possessive_end(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let after = rest.strip_prefix('\'').or_else(|| rest.strip_prefix('’'))?;
    let tail = after
        .strip_prefix('s')
        .or_else(|| after.strip_prefix('S'))?;
    let next_is_letter = tail
        .chars()
        .next()
        .is_some_and(|c| matches!(class(c), Class::Latin | Class::Arabic));
    (!next_is_letter).then(|| text.len() - tail.len())
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut seen: FastMap<(&str, TokenKind), (Analyzed, u32)> = FastMap::default();
    // Positions are byte offsets; `at(p)` decodes the char there.
    let at = |p: usize| text.get(p..).and_then(|s| s.chars().next());
    let cls = |p: usize| at(p).map(class);
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let kind;
        let mut j = i + c.len_utf8();
        match class(c) {
            Class::Space | Class::Joiner => {
                i = j;
                continue;
            }
            Class::Arabic => {
                kind = TokenKind::Arabic;
                while let Some(d) =
                    at(j).filter(|&d| matches!(class(d), Class::Arabic | Class::Joiner))
                {
                    j += d.len_utf8();
                }
            }
            Class::Latin => {
                kind = TokenKind::Latin;
                while let Some(d) = at(j) {
                    match class(d) {
                        Class::Latin | Class::Joiner => j += d.len_utf8(),
                        // An apostrophe between letters belongs to the word
                        // (O'Brien, don't, Ma’loula), but a possessive `'s`
                        // is a token of its own (`Okoro's` → `Okoro` `'s`).
                        Class::Other
                            if matches!(d, '\'' | '’')
                                && cls(j + d.len_utf8()) == Some(Class::Latin)
                                && possessive_end(text, j).is_none() =>
                        {
                            j += d.len_utf8()
                        }
                        _ => break,
                    }
                }
            }
            Class::Digit => {
                kind = TokenKind::Number;
                while let Some(d) = at(j) {
                    match class(d) {
                        Class::Digit => j += d.len_utf8(),
                        // A separator between digits stays inside the number:
                        // decimals and thousands (3.5, 1,000, ٣٫٥).
                        Class::Other
                            if matches!(d, '.' | ',' | '٫' | '٬')
                                && cls(j + d.len_utf8()) == Some(Class::Digit) =>
                        {
                            j += d.len_utf8()
                        }
                        _ => break,
                    }
                }
            }
            Class::Other => {
                if let Some(end) = possessive_end(text, i) {
                    // A possessive `'s`: a word of its own (see the Latin arm).
                    kind = TokenKind::Latin;
                    j = end;
                } else {
                    kind = TokenKind::Punct;
                    if c == '.' {
                        while text.as_bytes().get(j) == Some(&b'.') {
                            j += 1;
                        }
                    }
                    // Two apostrophes typed for a double mark (`''No,'' he
                    // said`) are one mark: see `is_double_pair`.
                    if c == '\'' && text.as_bytes().get(j) == Some(&b'\'') {
                        j += 1;
                    }
                }
            }
        }
        // Trailing joiners (a stray tatweel or ZWNJ) stay in the word only
        // when a letter follows them, which the loops above ensure; trim the
        // rest so tokens never end in invisible characters.
        let mut end = j;
        while end > start + c.len_utf8()
            && (text[..end].ends_with('\u{200C}') || text[..end].ends_with('\u{200D}'))
        {
            end -= '\u{200C}'.len_utf8();
        }
        // An article repeats its words: fold each spelling once.
        let word = &text[start..end];
        let ((norm, proclitics, stem_len), spelling) = match seen.get(&(word, kind)) {
            Some(a) => a.clone(),
            None => {
                let a = (analyze_word(word, kind), seen.len() as u32);
                seen.insert((word, kind), a.clone());
                a
            }
        };
        tokens.push(Token {
            start,
            end,
            kind,
            proclitics,
            stem: start + stem_len,
            norm,
            spelling,
        });
        i = j;
    }
    tokens
}

/// What [`tokenize`] learns from a token's text: its folded form, its
/// proclitics and the byte length of the certain ones in the original.
type Analyzed = (Norm, Proclitics, usize);

/// [`Analyzed`] for the token `word` of kind `kind`.
fn analyze_word(word: &str, kind: TokenKind) -> Analyzed {
    let norm = Norm(normalize::key(word).into());
    if kind != TokenKind::Arabic {
        return (norm, Proclitics::NONE, 0);
    }
    let p = clitic::analyze(&norm);
    let stem_len = original_len_of_folded_prefix(word, p.certain_len());
    (norm, p, stem_len)
}

/// The byte length, in the original word, of the prefix that folds to
/// `folded_len` bytes. Proclitic letters fold to themselves, so this walks the
/// word's characters, counting the folded bytes each contributes.
pub(crate) fn original_len_of_folded_prefix(word: &str, folded_len: usize) -> usize {
    if folded_len == 0 {
        return 0;
    }
    let mut seen = 0;
    for (at, c) in word.char_indices() {
        if seen >= folded_len {
            return at;
        }
        seen += match normalize::fold_char(c) {
            normalize::Fold::Drop => 0,
            normalize::Fold::Char(f) => f.len_utf8(),
            normalize::Fold::Str(s) => s.len(),
        };
    }
    word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_marks_are_no_letters_digits_or_accents() {
        for c in COMMON_MARKS {
            assert!(!c.is_alphanumeric() && !('\u{0300}'..='\u{036F}').contains(&c));
            assert!(!is_arabic_letter(c) && !is_arabic_mark(c) && !is_digit(c));
            assert!(!is_space(c) && !is_invisible(c) && !c.is_control());
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn arabic_words_and_punctuation() {
        assert_eq!(
            texts("وقال بوتين: «نعم»، حسنًا؟"),
            ["وقال", "بوتين", ":", "«", "نعم", "»", "،", "حسنًا", "؟"]
        );
    }

    #[test]
    fn missing_space_after_full_stop_still_splits_words() {
        assert_eq!(texts("جنيف.وأضاف"), ["جنيف", ".", "وأضاف"]);
    }

    #[test]
    fn numbers_keep_decimals_and_separators() {
        assert_eq!(
            texts("نما 3.5% و1,000 و٢٠١٥."),
            ["نما", "3.5", "%", "و", "1,000", "و", "٢٠١٥", "."]
        );
    }

    #[test]
    fn latin_words_keep_inner_apostrophes() {
        assert_eq!(
            texts("O'Brien said: \"don't.\""),
            ["O'Brien", "said", ":", "\"", "don't", ".", "\""]
        );
    }

    #[test]
    fn a_possessive_s_is_a_token_of_its_own() {
        assert_eq!(
            texts("Okoro's aide, the Smiths’ dog, it's Lord 's"),
            [
                "Okoro", "'s", "aide", ",", "the", "Smiths", "’", "dog", ",", "it", "'s", "Lord",
                "'s"
            ]
        );
    }

    #[test]
    fn ellipsis_is_one_token() {
        assert_eq!(texts("انتهى... ثم"), ["انتهى", "...", "ثم"]);
    }

    #[test]
    fn diacritics_tatweel_and_zwnj_stay_inside_words() {
        assert_eq!(
            texts("بـــوتين مُحمّد می\u{200C}خواهم"),
            ["بـــوتين", "مُحمّد", "می\u{200C}خواهم"]
        );
    }

    #[test]
    fn invisible_controls_and_emoji_are_not_words() {
        let s = "\u{202B}حلب\u{202C} 😀 Paris";
        assert_eq!(texts(s), ["حلب", "😀", "Paris"]);
    }

    #[test]
    fn tokens_are_ordered_and_on_char_boundaries() {
        let s = "«قال» 😀بوتين\u{200F}، ١٢٣ abc...";
        let toks = tokenize(s);
        let mut last = 0;
        for t in &toks {
            assert!(t.start >= last && t.end > t.start);
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(s.is_char_boundary(t.stem) && t.stem >= t.start && t.stem <= t.end);
            last = t.end;
        }
    }

    #[test]
    fn stems_drop_certain_proclitics() {
        let s = "وبالعاصمة للأمم والكرملين وموسكو";
        let toks = tokenize(s);
        let stems: Vec<&str> = toks.iter().map(|t| &s[t.stem..t.end]).collect();
        assert_eq!(stems, ["العاصمة", "لأمم", "الكرملين", "وموسكو"]);
        assert_eq!(toks[0].stem_norm(), "العاصمه");
    }
}
