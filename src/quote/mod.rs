//! Quotations: who said what.
//!
//! Stages, one file each, in pipeline order: [`marks`] pairs quote marks into
//! quoted spans. Later stages add cues, speakers and indirect speech.
//!
//! Guarantees: quotations are sorted by start, their spans exclude the quote
//! marks and surrounding spaces, and pairing is linear in the number of marks.

pub mod marks;

use crate::analysis::{Quote, QuoteKind};
use crate::entity::Entities;
use crate::text::Document;

/// Extracts the quotations of a document.
pub fn extract(doc: &Document, _entities: &Entities) -> Vec<Quote> {
    marks::pair(doc)
        .into_iter()
        .map(|q| Quote {
            start: q.start,
            end: q.end,
            text: doc.text[q.start..q.end].to_string(),
            kind: QuoteKind::Direct,
            speaker: None,
            cue: None,
        })
        .collect()
}
