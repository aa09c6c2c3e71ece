//! Entities: who and what the article names.
//!
//! Stages, in order: rules for dates ([`date`]), then mentions grouped into
//! clusters of one real-world entity each ([`cluster`]).
//!
//! Guarantees: mentions are sorted by start, do not overlap, never include a
//! proclitic (و ف ب ل ك) in front of the name, and start and end on token
//! boundaries; every mention belongs to exactly one cluster, and cluster `id`s
//! equal their index.

pub mod cluster;
pub mod date;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod tagger;

use crate::analysis::{Cluster, Entity, Label};
use crate::text::Document;

/// The entity mentions of an article and their clusters.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// Sorted by start; byte offsets.
    pub mentions: Vec<Entity>,
    pub clusters: Vec<Cluster>,
}

/// A mention before clustering: a token range with a label, and the byte
/// offset where the name starts inside its first token (after proclitics).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// First token and one past the last.
    pub tokens: std::ops::Range<usize>,
    /// Byte offset of the name's start (≥ the first token's start).
    pub start: usize,
    pub label: Label,
}

/// Finds and clusters the entity mentions of a document.
pub fn recognize(doc: &Document) -> Entities {
    let mut spans = date::find(doc);
    spans.sort_by_key(|s| s.start);
    cluster::cluster(doc, spans)
}

/// Tags a sentence given as words (a CoNLL sentence) with BIO tags of the
/// CoNLL NER types (`B-PER`, `I-ORG`, `O`...). The tagger runs directly on
/// the given words, so the tags line up with them one to one; DATE is not a
/// CoNLL type and is never produced.
pub fn tag_words(words: &[&str]) -> Vec<String> {
    let norms: Vec<String> = words.iter().map(|w| crate::text::key(w)).collect();
    let ws: Vec<features::Word> = words
        .iter()
        .zip(&norms)
        .map(|(w, n)| features::Word::new(w, n, features::Word::kind_of(w)))
        .collect();
    let mut t = tagger::Tagger::default();
    t.tag(tagger::model(), &ws)
        .into_iter()
        .map(|y| tagger::label_name(y).to_string())
        .collect()
}
