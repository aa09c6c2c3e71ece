//! Names in Latin-script (English) sentences, by rule.
//!
//! The fallback while no English model is there (the wasm build before the
//! page has fetched it, `entity::english`): English sentences go through
//! this path instead of the English tagger. Runs of capitalized words
//! (with inner particles such as `of`, `al`, `de`) are candidates, and the
//! lexicon decides their type: a title before the run makes a person, an
//! organization head word inside it an organization, a known country or
//! capital or a locative preposition before it a place, two or three
//! capitalized words a person. A capitalized word that merely opens a
//! sentence is a name only if the lexicon knows it.

use super::features::{lex_key, Word};
use super::lexicon::{COUNTRY, LOC, MISC, ORG, ORG_HEAD, PARTICLE, PER, TITLE, TYPES};
use super::model::{phrase_hash, Lexicon};
use super::Span;
use crate::analysis::Label;
use crate::text::{Document, TokenKind};
use crate::wordlist::{self, Set};

/// Capitalized words that are not names on their own: function words,
/// pronouns, abbreviated titles, month and day names.
pub(crate) static NOT_NAMES: Set = Set::new(&[
    wordlist::EN_NOT_NAMES,
    wordlist::EN_MONTHS,
    wordlist::EN_WEEKDAYS,
]);
/// Prepositions that make the capitalized words after them a place.
pub(crate) static LOCATIVE: Set = Set::new(&[wordlist::EN_LOCATIVE_PREPOSITIONS]);
/// Lower-case words that may stand inside a capitalized name.
pub(crate) static INNER: Set = Set::new(&[wordlist::EN_NAME_INNER_WORDS]);

/// Finds names in the English sentences of `doc` (token ranges, as
/// `entity::english::is_english` picks them).
pub fn find(doc: &Document, lex: &Lexicon, sentences: &[std::ops::Range<usize>]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pending = Vec::new();
    let get = |s: &str| lex.get(lex_key(phrase_hash(s)));
    for r in sentences.iter().cloned() {
        let cap = |k: usize| {
            let t = &doc.tokens[k];
            t.kind == TokenKind::Latin
                && matches!(
                    Word::new(t.text(doc.text), &t.norm, t.kind).shape,
                    super::features::Shape::Cap | super::features::Shape::Caps
                )
                && !NOT_NAMES.contains(&t.norm)
        };
        let mut i = r.start;
        while i < r.end {
            if !cap(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < r.end && cap(j) {
                    j += 1;
                } else if j + 1 < r.end
                    && INNER.contains(&doc.tokens[j].norm)
                    && cap(j + 1)
                    && j > i
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let phrase: Vec<&str> = (i..j).map(|k| doc.tokens[k].norm.as_str()).collect();
            let whole = get(&phrase.join(" "));
            let prev = (i > r.start).then(|| doc.tokens[i - 1].norm.as_str());
            let sentence_initial = i == r.start
                || doc.tokens[i - 1].kind == TokenKind::Punct
                    && matches!(doc.tokens[i - 1].norm.as_str(), "\"" | "“" | "'" | "(");
            let mut start = i;
            // A title opening the run (`President Putin`) stays outside.
            let mut titled = prev.is_some_and(|p| get(p) & TITLE != 0);
            while start + 1 < j && get(&doc.tokens[start].norm) & TITLE != 0 {
                start += 1;
                titled = true;
            }
            let words: Vec<&str> = phrase[start - i..].to_vec();
            let bits = if start == i {
                whole
            } else {
                get(&words.join(" "))
            };
            let any = |b: u16| words.iter().any(|w| get(w) & b != 0);
            let label = if titled {
                Some(Label::PER)
            } else if bits & TYPES != 0 {
                Some(if bits & PER != 0 {
                    Label::PER
                } else if bits & (LOC | COUNTRY) != 0 {
                    Label::LOC
                } else if bits & ORG != 0 {
                    Label::ORG
                } else {
                    let _ = MISC;
                    Label::MISC
                })
            } else if any(ORG_HEAD) {
                Some(Label::ORG)
            } else if words.iter().all(|w| get(w) & PARTICLE == 0)
                && words.len() == 1
                && sentence_initial
            {
                None
            } else if prev.is_some_and(|p| LOCATIVE.contains(p)) && words.len() <= 2 {
                Some(Label::LOC)
            } else if (2..=3).contains(&words.len()) {
                Some(Label::PER)
            } else if doc.tokens[start]
                .text(doc.text)
                .chars()
                .all(|c| c.is_uppercase())
                && words.len() == 1
            {
                Some(Label::ORG)
            } else {
                None
            };
            if let Some(label) = label {
                out.push(Span {
                    tokens: start..j,
                    start: doc.tokens[start].start,
                    label,
                });
            } else if j == start + 1 {
                pending.push(start);
            }
            i = j;
        }
    }
    // A lone capitalized word that is the surname of a person named in full
    // elsewhere in the article (`Vladimir Putin` … `Putin`).
    let surnames: Vec<&str> = out
        .iter()
        .filter(|s| s.label == Label::PER && s.tokens.len() > 1)
        .map(|s| doc.tokens[s.tokens.end - 1].norm.as_str())
        .collect();
    for k in pending {
        if surnames.contains(&doc.tokens[k].norm.as_str()) {
            out.push(Span {
                tokens: k..k + 1,
                start: doc.tokens[k].start,
                label: Label::PER,
            });
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule path, which tags English in the wasm build until the page
    /// has given it the English model.
    #[test]
    fn capitalized_runs_typed_by_the_lexicon() {
        let text = "President Maria Lindqvist met officials of the World Health Organization \
                    in Geneva on Monday.";
        let doc = Document::new(text);
        let whole = 0..doc.tokens.len();
        let lex = &super::super::tagger::model().lexicon;
        let found: Vec<(&str, Label)> = find(&doc, lex, std::slice::from_ref(&whole))
            .iter()
            .map(|s| (&text[s.start..doc.tokens[s.tokens.end - 1].end], s.label))
            .collect();
        assert!(
            found.contains(&("Maria Lindqvist", Label::PER)),
            "{found:?}"
        );
        assert!(
            found.contains(&("World Health Organization", Label::ORG)),
            "{found:?}"
        );
        assert!(found.contains(&("Geneva", Label::LOC)), "{found:?}");
    }
}
