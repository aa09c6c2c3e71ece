//! Clusters: mentions of one entity grouped together.
//!
//! Two mentions of the same label are one entity when their folded forms are
//! equal ([`crate::text::key`] already merges hamza, ى/ي and ة/ه spellings).
//! The cluster's name is its longest mention. DATE mentions each form their
//! own cluster keyed by their folded text.

use super::{Entities, Span};
use crate::analysis::{Cluster, Entity};
use crate::text::{key, Document};
use std::collections::HashMap;

/// Groups spans into clusters and builds the output mentions.
pub fn cluster(doc: &Document, spans: Vec<Span>) -> Entities {
    let mut out = Entities::default();
    let mut by_key: HashMap<(crate::Label, String), usize> = HashMap::new();
    let mut spellings: Vec<HashMap<String, usize>> = Vec::new();
    for s in spans {
        let end = doc.tokens[s.tokens.end - 1].end;
        let text = &doc.text[s.start..end];
        let k = (s.label, key(text));
        let id = *by_key.entry(k).or_insert_with(|| {
            out.clusters.push(Cluster {
                id: out.clusters.len(),
                name: text.to_string(),
                label: s.label,
                mentions: 0,
                spellings: Vec::new(),
            });
            spellings.push(HashMap::new());
            out.clusters.len() - 1
        });
        let c = &mut out.clusters[id];
        c.mentions += 1;
        if text.chars().count() > c.name.chars().count() {
            c.name = text.to_string();
        }
        *spellings[id].entry(text.to_string()).or_default() += 1;
        out.mentions.push(Entity {
            start: s.start,
            end,
            text: text.to_string(),
            label: s.label,
            cluster: id,
        });
    }
    for (c, counts) in out.clusters.iter_mut().zip(spellings) {
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        c.spellings = v.into_iter().map(|(s, _)| s).collect();
    }
    out
}
