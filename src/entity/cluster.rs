//! Clusters: mentions of one entity grouped together within an article.
//!
//! Mentions of the same label join one cluster when, after folding
//! ([`crate::text::key`] merges hamza forms, ى/ي and ة/ه) and equating a
//! final ا with ه (`أستانا` / `أستانة`):
//! - their forms are equal;
//! - a one-word person mention is the last (or first) word of a longer
//!   person mention (`بوتين` / `فلاديمير بوتين`);
//! - they are long (6 letters or more), have the same number of words, and
//!   differ by one letter (`كازاخستان` / `قازاخستان`).
//!
//! Longer mentions are placed first, so partial names attach to the full
//! name they shorten. The cluster's name is its fullest mention. DATE
//! mentions cluster only by equal form. Cluster ids follow the order of each
//! cluster's first mention and equal their index.

use super::fasthash::FastMap;
use super::{Entities, Span};
use super::{Group, Mention};
use crate::analysis::Label;
use crate::text::{key, Document};

/// The form mentions are compared by.
fn cluster_key(text: &str) -> String {
    let k = key(text);
    k.split(' ')
        .map(|w| match w.strip_suffix('ا') {
            Some(s) if s.chars().count() >= 3 => format!("{s}ه"),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `a` and `b` differ by exactly one edit (substitution, insertion
/// or deletion of one character).
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - pre - suf <= 1 && a.len() - pre - suf <= 1 && b.len() - pre - suf <= 1
}

/// The one longer organization name that a multi-word organization
/// mention begins (`البنك المركزي` for `البنك المركزي المغربي`): an article
/// names a body in full and then by its first words. When two longer names
/// begin with the same words (two countries' ministries), neither is chosen.
fn organization_short_form(label: Label, words: &[&str], reps: &[(Label, &str)]) -> Option<usize> {
    if label != Label::ORG || words.len() < 2 {
        return None;
    }
    let mut found = None;
    for (g, &(l, r)) in reps.iter().enumerate() {
        let rw: Vec<&str> = r.split(' ').collect();
        if l == Label::ORG && rw.len() > words.len() && rw.starts_with(words) {
            if found.is_some() {
                return None;
            }
            found = Some(g);
        }
    }
    found
}

/// Groups spans into clusters and builds the output mentions.
pub fn cluster(doc: &Document, mut spans: Vec<Span>) -> Entities {
    super::repair::repair(doc, &mut spans);
    let texts: Vec<(&str, String)> = spans
        .iter()
        .map(|s| {
            let end = doc.tokens[s.tokens.end - 1].end;
            let t = &doc.text[s.start..end];
            (t, cluster_key(t))
        })
        .collect();
    // Distinct (label, key) forms, longest first.
    let mut forms: Vec<(Label, &str)> = spans
        .iter()
        .zip(&texts)
        .map(|(s, t)| (s.label, t.1.as_str()))
        .collect();
    // The order is total on distinct forms, so sorting the distinct ones
    // alone, by keys counted once, gives the same list (comparing with
    // words and characters counted at every comparison was a tenth of the
    // entity stage on long documents, which repeat their names).
    forms.sort_unstable();
    forms.dedup();
    forms.sort_by_cached_key(|&(label, k)| {
        (
            std::cmp::Reverse(k.split(' ').count()),
            std::cmp::Reverse(k.chars().count()),
            label,
            k,
        )
    });
    // Provisional groups: each form points to a representative form.
    let mut group: FastMap<(Label, &str), usize> = FastMap::default();
    let mut reps: Vec<(Label, &str)> = Vec::new();
    for &(label, k) in &forms {
        let words: Vec<&str> = k.split(' ').collect();
        let found = if label == Label::DATE {
            None
        } else if let Some(g) = organization_short_form(label, &words, &reps) {
            Some(g)
        } else {
            reps.iter().position(|&(l, r)| {
                if l != label {
                    return false;
                }
                let rw: Vec<&str> = r.split(' ').collect();
                let single_part = label == Label::PER
                    && words.len() == 1
                    && rw.len() > 1
                    && (rw.last() == Some(&k) || rw.first() == Some(&k))
                    && k.chars().count() >= 3;
                let near = rw.len() == words.len()
                    && k.chars().count() >= 6
                    && words.iter().zip(&rw).all(|(a, b)| a == b || one_edit(a, b));
                single_part || near
            })
        };
        let g = found.unwrap_or_else(|| {
            reps.push((label, k));
            reps.len() - 1
        });
        group.insert((label, k), g);
    }
    // Clusters in order of first mention.
    let mut out = Entities::default();
    let mut id_of: FastMap<usize, usize> = FastMap::default();
    let mut spellings: Vec<FastMap<String, usize>> = Vec::new();
    for (s, (text, k)) in spans.iter().zip(&texts) {
        let g = group.get(&(s.label, k.as_str())).copied().unwrap_or(0);
        let id = *id_of.entry(g).or_insert_with(|| {
            out.clusters.push(Group {
                name: text.to_string(),
                label: s.label,
                mentions: 0,
                spellings: Vec::new(),
            });
            spellings.push(FastMap::default());
            out.clusters.len() - 1
        });
        let c = &mut out.clusters[id];
        c.mentions += 1;
        if text.chars().count() > c.name.chars().count() {
            c.name = text.to_string();
        }
        *spellings[id].entry(text.to_string()).or_default() += 1;
        out.mentions.push(Mention {
            start: s.start,
            end: s.start + text.len(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(text: &str, words: &[(&str, Label)]) -> Vec<Vec<String>> {
        let doc = Document::new(text);
        let mut spans = Vec::new();
        for (w, label) in words {
            let mut from = 0;
            while let Some(at) = text[from..].find(w) {
                let start = from + at;
                let end = start + w.len();
                let a = doc
                    .tokens
                    .iter()
                    .position(|t| t.start <= start && start < t.end)
                    .unwrap();
                let b = doc
                    .tokens
                    .iter()
                    .position(|t| t.start < end && end <= t.end)
                    .unwrap();
                spans.push(Span {
                    tokens: a..b + 1,
                    start,
                    label: *label,
                });
                from = end;
            }
        }
        spans.sort_by_key(|s| s.start);
        spans.dedup_by_key(|s| s.start);
        let e = cluster(&doc, spans);
        let mut v: Vec<Vec<String>> = (0..e.clusters.len())
            .map(|c| {
                e.mentions
                    .iter()
                    .filter(|m| m.cluster == c)
                    .map(|m| text[m.start..m.end].to_string())
                    .collect()
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn spelling_variants_and_partial_names_join() {
        let text = "زار سامر خليل نادري قازاخستان ثم عاد نادري من كازاخستان إلى أستانا وأستانة.";
        let got = clusters(
            text,
            &[
                ("سامر خليل نادري", Label::PER),
                ("نادري", Label::PER),
                ("قازاخستان", Label::LOC),
                ("كازاخستان", Label::LOC),
                ("أستانا", Label::LOC),
                ("أستانة", Label::LOC),
            ],
        );
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn different_labels_and_short_names_stay_apart() {
        let text = "قال سمير إن سمار في حلب وحلب";
        let got = clusters(
            text,
            &[
                ("سمير", Label::PER),
                ("سمار", Label::PER),
                ("حلب", Label::LOC),
            ],
        );
        assert_eq!(got.len(), 3, "{got:?}");
    }
}
