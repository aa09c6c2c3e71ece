//! Word knowledge for the tagger: what the bits of a lexicon entry mean, and
//! which closed lists of `lexicon/` (titles, organization heads, classifier
//! nouns, name particles, nationalities, countries and capitals) the trainer
//! adds to the lexicon.
//!
//! The lexicon proper (entity names by type, frequent given names) is induced
//! by the trainer from public corpora and stored in the model; these lists
//! are general knowledge of Arabic (and English) news language and are added
//! to the same lexicon by the trainer, so a change to them takes effect
//! after `make train`. They are features for the tagger and span rules,
//! never an answer key.
//!
//! All phrases are folded ([`crate::text::key`]) words separated by one space.

#[cfg(any(test, feature = "lab"))]
use crate::wordlist::{self, List};

/// Entity-type bits (from labelled corpora).
pub const PER: u16 = 1 << 0;
pub const LOC: u16 = 1 << 1;
pub const ORG: u16 = 1 << 2;
pub const MISC: u16 = 1 << 3;
/// The phrase is a proper prefix of a longer entry (drives matching).
pub const PREFIX: u16 = 1 << 4;
/// A title or role word before a person's name.
pub const TITLE: u16 = 1 << 5;
/// A noun that heads an organization's own name (وزارة، حزب...).
pub const ORG_HEAD: u16 = 1 << 6;
/// A classifier noun before a place or group name that stays outside the span.
pub const CLASSIFIER: u16 = 1 << 7;
/// A particle inside personal names (بن، ابو، عبد).
pub const PARTICLE: u16 = 1 << 8;
/// A country or capital.
pub const COUNTRY: u16 = 1 << 9;
/// Frequent first word of person names in the corpora.
pub const GIVEN: u16 = 1 << 10;
/// Frequent last word of person names in the corpora.
pub const FAMILY: u16 = 1 << 11;
/// A nationality adjective (الروسي، التركية).
pub const NATIONALITY: u16 = 1 << 12;
/// Number of bits that carry features (all above except PREFIX are used).
pub const N_BITS: u16 = 13;

/// The type bits.
pub const TYPES: u16 = PER | LOC | ORG | MISC;

/// The lists of `lexicon/` copied into the tagger's lexicon, with the bits
/// they set (the nationality adjectives, generated from stems, apart).
#[cfg(any(test, feature = "lab"))]
const LISTS: &[(List, u16)] = &[
    (wordlist::AR_TITLES, TITLE),
    (wordlist::AR_TITLES_TAGGER, TITLE),
    (wordlist::EN_TITLES, TITLE),
    (wordlist::EN_TITLES_TAGGER, TITLE),
    (wordlist::AR_ORG_HEADS, ORG_HEAD),
    (wordlist::AR_ORG_HEADS_TAGGER, ORG_HEAD),
    (wordlist::EN_ORG_HEADS, ORG_HEAD),
    (wordlist::AR_CLASSIFIERS, CLASSIFIER),
    (wordlist::EN_CLASSIFIERS, CLASSIFIER),
    (wordlist::AR_NAME_PARTICLES, PARTICLE),
    (wordlist::EN_NAME_PARTICLES, PARTICLE),
    (wordlist::AR_COUNTRIES, COUNTRY | LOC),
    (wordlist::EN_COUNTRIES, COUNTRY | LOC),
];

/// Every list [`builtin`] reads (for the tests of [`crate::wordlist`]).
#[cfg(test)]
pub(crate) fn lists() -> impl Iterator<Item = List> {
    LISTS
        .iter()
        .map(|&(l, _)| l)
        .chain([wordlist::AR_NATIONALITIES])
}

/// The words a folded nationality stem stands for: with and without ال,
/// masculine and feminine (`الروسي`, `الروسيه`, `روسي`, `روسيه`).
#[cfg(any(test, feature = "lab"))]
pub(crate) fn nationality_forms(stem: &str) -> [String; 4] {
    [
        format!("ال{stem}"),
        format!("ال{stem}ه"),
        stem.to_string(),
        format!("{stem}ه"),
    ]
}

/// The closed lists as `(phrase, bits)` pairs, folded, for the trainer to
/// add to the lexicon.
#[cfg(any(test, feature = "lab"))]
pub fn builtin() -> Vec<(String, u16)> {
    let mut v: Vec<(String, u16)> = Vec::new();
    for &(list, bits) in LISTS {
        v.extend(list.keys().map(|k| (k, bits)));
    }
    for stem in wordlist::AR_NATIONALITIES.keys() {
        v.extend(nationality_forms(&stem).map(|f| (f, NATIONALITY)));
    }
    v
}
