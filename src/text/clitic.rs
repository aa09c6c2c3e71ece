//! Proclitics: the conjunctions, prepositions and article written joined to
//! the front of an Arabic word.
//!
//! Arabic writes و/ف ("and"), ب/ك/ل ("in/with", "like", "to/for") and the
//! article ال as part of the following word: `وبالعاصمة` is و + ب + العاصمة.
//! A name mention must not include them (`لموسكو` → `موسكو`), but the same
//! letters also begin ordinary words and names (`وزير`, `بوتين`, `لافروف`).
//!
//! So the analysis has two levels:
//! - *certain*: a conjunction and/or preposition in front of the article
//!   (`وال`, `بال`, `وبال`, `لل`, `ولل`, ...). The article marks a noun, so the
//!   letters before it can only be clitics (given enough letters after it).
//! - *possible*: one or two leading letters that may be clitics (`وموسكو`,
//!   `بحلب`). Only knowledge of words can decide these; later stages ask
//!   [`Proclitics::possible_lens`] and decide with their lexicons and model.
//!
//! The analysis runs on the folded word ([`super::normalize::key`]), where
//! every Arabic letter is two bytes.

const CONJ: [char; 2] = ['و', 'ف'];
const PREP: [char; 3] = ['ب', 'ك', 'ل'];

/// The proclitics at the start of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Proclitics {
    /// Letters before the stem that are certainly clitics.
    certain: u8,
    /// Letters that may be clitics (at least `certain`).
    possible: u8,
    /// The stem starts with the definite article ال (or its ل after لل).
    article: bool,
    /// The stem starts with the article's ل after the preposition ل, its
    /// alif written away (`للأمم`: stem `لأمم`).
    elided: bool,
}

impl Proclitics {
    /// No proclitics.
    pub const NONE: Proclitics = Proclitics {
        certain: 0,
        possible: 0,
        article: false,
        elided: false,
    };

    /// Byte length, in the folded word, of the certain clitics.
    pub fn certain_len(&self) -> usize {
        usize::from(self.certain) * 2
    }

    /// Byte lengths, in the folded word, of every prefix that could be
    /// proclitics, shortest first, not counting zero. A word with a certain
    /// analysis has exactly that one.
    pub fn possible_lens(&self) -> impl Iterator<Item = usize> {
        let lo = if self.certain > 0 { self.certain } else { 1 };
        (lo..=self.possible).map(|n| usize::from(n) * 2)
    }

    /// Whether the stem starts with the article's ل after the preposition
    /// ل (`للأمم` is ل + `الأمم`, stem `لأمم`). That ل is the name's
    /// (GUIDELINES: `لأمم المتحدة`), never a proclitic.
    pub fn elided_article(&self) -> bool {
        self.elided
    }
}

/// What the stem of a word with an elided article (`لأمم` of `للأمم`,
/// `لجنة` of `للجنة`) may be as written on its own: with the article's
/// alif back (`الأمم`), or with the whole article when the noun's own first
/// letter is ل (`اللجنة`; ل + ال + `لجنة` is written `للجنة` too).
pub fn article_forms(stem: &str) -> [String; 2] {
    [format!("ا{stem}"), format!("ال{stem}")]
}

/// Minimum number of letters left for a stem after clitics are removed.
const MIN_STEM: usize = 2;

/// Analyses the proclitics of a folded Arabic word.
pub fn analyze(folded: &str) -> Proclitics {
    let mut letters = folded.chars();
    let l: [Option<char>; 4] = [
        letters.next(),
        letters.next(),
        letters.next(),
        letters.next(),
    ];
    let n = folded.chars().count();
    let mut i = 0;
    let mut prep = None;
    if l[0].is_some_and(|c| CONJ.contains(&c)) && n > MIN_STEM + 1 {
        i = 1;
    }
    if l[i].is_some_and(|c| PREP.contains(&c)) && n > i + MIN_STEM {
        prep = l[i];
        i += 1;
    }
    let at = |k: usize| l.get(k).copied().flatten();
    // Article after the clitics: (و|ف)?(ب|ك|ل)?ال + stem.
    if at(i) == Some('ا') && at(i + 1) == Some('ل') && n >= i + 2 + MIN_STEM && i > 0 {
        return Proclitics {
            certain: i as u8,
            possible: i as u8,
            article: true,
            elided: false,
        };
    }
    // ل + ال is written لل: strip the preposition only (للأمم → لأمم).
    if prep == Some('ل') && at(i) == Some('ل') && n >= i + 1 + MIN_STEM {
        return Proclitics {
            certain: i as u8,
            possible: i as u8,
            article: true,
            elided: true,
        };
    }
    let article = at(i) == Some('ا') && at(i + 1) == Some('ل');
    Proclitics {
        certain: 0,
        possible: i as u8,
        article: article && i == 0,
        elided: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certain(w: &str) -> usize {
        analyze(w).certain_len() / 2
    }

    #[test]
    fn clitics_before_the_article_are_certain() {
        assert_eq!(certain("والكرملين"), 1);
        assert_eq!(certain("بالعاصمه"), 1);
        assert_eq!(certain("وبالعاصمه"), 2);
        assert_eq!(certain("فالحكومه"), 1);
        assert_eq!(certain("كالعاده"), 1);
        assert!(analyze("وبالعاصمه").article);
    }

    #[test]
    fn lil_strips_only_the_preposition() {
        assert_eq!(certain("للامم"), 1);
        assert_eq!(certain("وللاجيين"), 2);
    }

    #[test]
    fn bare_words_have_no_certain_clitics() {
        assert_eq!(certain("الكرملين"), 0);
        assert!(analyze("الكرملين").article);
        assert_eq!(certain("وزير"), 0);
        assert_eq!(certain("بوتين"), 0);
        assert_eq!(certain("لافروف"), 0);
        assert_eq!(certain("والي"), 0, "too short a stem after the article");
    }

    #[test]
    fn single_letter_clitics_are_only_possible() {
        let p = analyze("وموسكو");
        assert_eq!(p.certain_len(), 0);
        assert_eq!(p.possible_lens().collect::<Vec<_>>(), [2]);
        let p = analyze("وبحلب");
        assert_eq!(p.possible_lens().collect::<Vec<_>>(), [2, 4]);
        assert_eq!(analyze("لموسكو").possible_lens().collect::<Vec<_>>(), [2]);
        assert_eq!(analyze("من").possible_lens().count(), 0);
    }
}
