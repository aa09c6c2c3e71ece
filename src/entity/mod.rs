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
/// CoNLL NER types (`B-PER`, `I-ORG`, `O`...). DATE is not a CoNLL type and
/// is left `O`. A mention covering only part of a word tags the whole word.
pub fn tag_words(words: &[&str]) -> Vec<String> {
    let mut text = String::new();
    let mut bounds = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        bounds.push((text.len(), text.len() + w.len()));
        text.push_str(w);
    }
    let doc = Document::new(&text);
    let found = recognize(&doc);
    let mut tags = vec![String::from("O"); words.len()];
    for m in found.mentions.iter().filter(|m| m.label != Label::DATE) {
        let mut first = true;
        for (k, &(s, e)) in bounds.iter().enumerate() {
            if s < m.end && m.start < e {
                tags[k] = format!("{}-{}", if first { "B" } else { "I" }, m.label.as_str());
                first = false;
            }
        }
    }
    tags
}
