//! Building the tagger's lexicon: the names the corpora annotate, by type,
//! the first and last words of person names as given and family names,
//! qawl's closed word lists, every proper prefix of a multi-word entry, and
//! the word clusters.
//!
//! The model ships the lexicon built from every sentence. Training uses one
//! built without each jackknife fold instead ([`Lexicons::of`]), so that a
//! training sentence never finds its own names in the lexicon: the model
//! learns how far a match can be trusted for a name it has not seen, as at
//! tagging time.

use crate::corpus::Sentence;
use qawl::lab::{
    builtin_lexicon, chunks, cluster_key, phrase_key, Lexicon, TokenKind, Word, FAMILY, GIVEN,
    MAX_MISSED_PER_TAGGED, MAX_PHRASE, PREFIX,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The full lexicon and one per jackknife fold.
pub struct Lexicons {
    /// Built from every sentence: the one the model ships.
    pub full: Lexicon,
    /// Fold `f`'s lexicon leaves out the sentences of fold `f`; empty
    /// without jackknifing.
    folds: Vec<Lexicon>,
}

impl Lexicons {
    /// Builds the lexicons from `sents` (their names only if `corpora`),
    /// with `folds` jackknife folds per corpus (0: none), and `clusters` as
    /// read by [`crate::clusters::read`].
    pub fn build(
        sents: &[Sentence],
        corpora: bool,
        folds: usize,
        clusters: &[(String, u16)],
    ) -> Lexicons {
        let full = Lexicon::new(entries(sents, None, corpora, clusters));
        let folds = if folds > 0 && corpora {
            (0..3 * folds)
                .map(|f| Lexicon::new(entries(sents, Some(f), true, clusters)))
                .collect()
        } else {
            Vec::new()
        };
        Lexicons { full, folds }
    }

    /// The lexicon a training sentence sees: its fold's.
    pub fn of(&self, s: &Sentence) -> &Lexicon {
        self.folds.get(s.fold).unwrap_or(&self.full)
    }
}

/// The lexicon entries from every sentence not in fold `skip`.
fn entries(
    sents: &[Sentence],
    skip: Option<usize>,
    corpora: bool,
    clusters: &[(String, u16)],
) -> Vec<(u32, u16)> {
    let mut bits = if corpora {
        corpus_names(sents, skip)
    } else {
        BTreeMap::new()
    };
    for (w, b) in builtin_lexicon() {
        *bits.entry(w).or_default() |= b;
    }
    add_prefixes(&mut bits);
    let mut by_key: BTreeMap<u32, u16> = BTreeMap::new();
    for (phrase, b) in bits {
        if b != 0 {
            *by_key.entry(phrase_key(&phrase)).or_default() |= b;
        }
    }
    for (w, c) in clusters {
        by_key.insert(cluster_key(w), *c);
    }
    by_key.into_iter().collect()
}

/// What the corpora say about words and names.
#[derive(Default)]
struct Tally<'s> {
    /// Per name (folded, space-separated), how often it is annotated with
    /// each type.
    counts: BTreeMap<String, [u32; 4]>,
    /// First and last words of person names of two words or more.
    given: BTreeSet<String>,
    family: BTreeSet<String>,
    /// How often each word is left untagged, and how often it is part of a
    /// name: a word that is mostly a common word (`لي`) is no given name.
    plain: HashMap<&'s str, u32>,
    named: HashMap<&'s str, u32>,
}

/// The corpus names (type bits) and given and family names of the
/// sentences not in fold `skip`.
fn corpus_names(sents: &[Sentence], skip: Option<usize>) -> BTreeMap<String, u16> {
    let mut t = Tally::default();
    for s in sents.iter().filter(|s| Some(s.fold) != skip) {
        tally(&mut t, s);
    }
    let mut bits = type_bits(&t.counts);
    // Every first and last word of a person's name, even one seen once:
    // most names are rare, and dev F1 rose with each lower threshold
    // (5, 3, 2, 1: docs/tagger.md, fifth round). But not a word the corpora
    // mostly leave untagged, by the ratio the tagger's propagation guard uses.
    let name_like = |w: &String| {
        let count = |m: &HashMap<&str, u32>| m.get(w.as_str()).copied().unwrap_or(0);
        count(&t.plain) <= MAX_MISSED_PER_TAGGED * count(&t.named)
    };
    for w in t.given.iter().filter(|w| name_like(w)) {
        *bits.entry(w.clone()).or_default() |= GIVEN;
    }
    for w in t.family.iter().filter(|w| name_like(w)) {
        *bits.entry(w.clone()).or_default() |= FAMILY;
    }
    bits
}

/// Adds one sentence's words and names to `t`.
fn tally<'s>(t: &mut Tally<'s>, s: &'s Sentence) {
    for (w, &tag) in s.norms.iter().zip(&s.tags) {
        let m = if tag == 0 { &mut t.plain } else { &mut t.named };
        *m.entry(w).or_default() += 1;
    }
    let words = s.words();
    for (a, b, ty) in chunks(&s.tags) {
        // Cut at the first bracket or punctuation: WikiANN keeps
        // disambiguators `( مقاطعة ... )` inside its spans.
        let mut end = a;
        while end < b && Word::kind_of(&s.words[end]) != TokenKind::Punct {
            end += 1;
        }
        if end == a || end - a > MAX_PHRASE {
            continue;
        }
        let mut phrase = words[a].stem().to_string();
        for w in &s.norms[a + 1..end] {
            phrase.push(' ');
            phrase.push_str(w);
        }
        t.counts.entry(phrase).or_default()[ty] += 1;
        if ty == 0 && end - a >= 2 {
            t.given.insert(words[a].stem().to_string());
            t.family.insert(s.norms[end - 1].clone());
        }
    }
}

/// Each name's type bits (`1 << type`): every type it has at least a third
/// as often as its most frequent one.
fn type_bits(counts: &BTreeMap<String, [u32; 4]>) -> BTreeMap<String, u16> {
    let mut bits: BTreeMap<String, u16> = BTreeMap::new();
    for (phrase, c) in counts {
        // A name written with a possible proclitic (`وموسكو`) is dropped
        // when the lexicon also has it bare.
        if let Some(first) = phrase.chars().next() {
            if "وفبلك".contains(first) && counts.contains_key(&phrase[first.len_utf8()..]) {
                continue;
            }
        }
        let max = *c.iter().max().unwrap_or(&0);
        let mut b = 0u16;
        for (ty, &n) in c.iter().enumerate() {
            if n > 0 && n * 3 >= max {
                b |= 1 << ty;
            }
        }
        *bits.entry(phrase.clone()).or_default() |= b;
    }
    bits
}

/// Marks every proper word prefix of a multi-word entry with [`PREFIX`], so
/// the tagger can match phrases word by word.
fn add_prefixes(bits: &mut BTreeMap<String, u16>) {
    let mut prefixes: Vec<String> = Vec::new();
    for phrase in bits.keys() {
        let mut at = 0;
        while let Some(sp) = phrase[at..].find(' ') {
            prefixes.push(phrase[..at + sp].to_string());
            at += sp + 1;
        }
    }
    for p in prefixes {
        *bits.entry(p).or_default() |= PREFIX;
    }
}
