//! Clusters: mentions of one entity grouped together within an article.
//!
//! Mentions of the same label join one cluster when, after folding
//! ([`crate::text::key`] merges hamza forms, ى/ي and ة/ه) and equating a
//! final ا with ه (`أستانا` / `أستانة`):
//! - their forms are equal;
//! - a one-word person mention is the last (or first) word of a longer
//!   person mention (`بوتين` / `فلاديمير بوتين`);
//! - they are long (6 letters or more), have the same number of words, and
//!   differ by one letter (`كازاخستان` / `قازاخستان`);
//! - they have the same number of words and the same [`skeleton`]: the
//!   words differ only in the long-vowel letters a transliteration may write
//!   or leave out (`بوتين` / `بوتن`, `أمريكا` / `أميركا`), and no word
//!   that differs is a given name of the lexicon (`سمير` / `سمار`, `محمد` /
//!   `محمود` are names of their own).
//!
//! Longer mentions are placed first, so partial names attach to the full
//! name they shorten. The cluster's name is its fullest mention, a hashtag's
//! words written apart. DATE
//! mentions cluster only by equal form. Cluster ids follow the order of each
//! cluster's first mention and equal their index.
//!
//! A form finds the group it joins through indexes of the groups so far
//! (by word prefix, by first and last word, by one-deletion variants of the
//! first word), so clustering stays near linear in the distinct names of a
//! long document instead of comparing every pair of them.

use super::fasthash::{FastMap, FastSet};
use super::{Entities, Span};
use super::{Group, Mention};
use crate::analysis::Label;
use crate::text::{clitic, key, Document};

/// The form mentions are compared by.
fn cluster_key(text: &str) -> String {
    let k = key(text);
    // Most forms have no final ا to equate: the key as it is (splitting
    // at spaces and joining with them gives the key back).
    if !k.split(' ').any(|w| final_alef_stem(w).is_some()) {
        return k;
    }
    k.split(' ')
        .map(|w| match final_alef_stem(w) {
            Some(s) => format!("{s}ه"),
            None => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word `w` without its final ا, when three letters or more remain.
fn final_alef_stem(w: &str) -> Option<&str> {
    w.strip_suffix('ا').filter(|s| s.chars().count() >= 3)
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

/// Letters a transliteration writes or leaves out inside a word: the long
/// vowels and their glide.
const VOWEL_LETTERS: [char; 3] = ['ا', 'و', 'ي'];

/// Fewest letters a word's skeleton keeps for it to match another's: below
/// this, different short names share one (`عمر` / `عامر`).
const MIN_SKELETON: usize = 3;

/// A form's words without the long-vowel letters after their first letter
/// (`بوتين` → `بتن`), or `None` when a word's skeleton is too short to
/// tell names apart.
fn skeleton(k: &str) -> Option<String> {
    let mut out = String::with_capacity(k.len());
    for (n, w) in k.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let mut letters = w.chars();
        let first = letters.next()?;
        out.push(first);
        let mut kept = 1;
        for c in letters.filter(|c| !VOWEL_LETTERS.contains(c)) {
            out.push(c);
            kept += 1;
        }
        if kept < MIN_SKELETON {
            return None;
        }
    }
    Some(out)
}

/// Whether two forms of one skeleton may be one name: each word that
/// differs writes one long-vowel letter more or less than the other, or
/// the same ones in another order (`أمريكا` / `أميركا`), not others
/// (`تشانج` / `تشيونج` are two names), and is no given name of the tagger's
/// lexicon.
fn vowel_variants(a: &str, b: &str) -> bool {
    let given = |w: &str| super::tagger::model().lex_bits(w) & super::lexicon::GIVEN != 0;
    a.split(' ')
        .zip(b.split(' '))
        .all(|(x, y)| x == y || (!given(x) && !given(y) && vowels_differ_by_one(x, y)))
}

/// Whether the long-vowel letters after the first letter of `a` and `b`,
/// counted, differ by at most one letter.
fn vowels_differ_by_one(a: &str, b: &str) -> bool {
    let count = |w: &str| {
        let mut n = [0i32; VOWEL_LETTERS.len()];
        for c in w.chars().skip(1) {
            if let Some(i) = VOWEL_LETTERS.iter().position(|&v| v == c) {
                n[i] += 1;
            }
        }
        n
    };
    let (x, y) = (count(a), count(b));
    x.iter().zip(&y).map(|(p, q)| p.abs_diff(*q)).sum::<u32>() <= 1
}

/// The representative forms of the provisional groups, indexed so that a
/// new form finds the group it joins by looking up its words, not by
/// comparing it with every earlier form (which made clustering quadratic
/// in the distinct names of a long document).
#[derive(Default)]
struct Reps<'k> {
    list: Vec<(Label, &'k str)>,
    /// Organizations by each proper prefix of two or more of their words:
    /// the first such organization and how many there are.
    org_prefix: FastMap<&'k str, (usize, u32)>,
    /// Multi-word persons by their first and by their last word: the first.
    person_edge: FastMap<&'k str, usize>,
    /// Forms by label, word count and their first word with at most one
    /// character deleted ([`variants`]): those that may be one edit away.
    near: FastMap<(Label, usize, u64), Vec<usize>>,
    /// Forms by label and [`skeleton`]: the first.
    skeletons: FastMap<(Label, String), usize>,
    /// Multi-word persons by the skeleton of their first and last word:
    /// the first, and that word.
    person_edge_skeleton: FastMap<String, (usize, &'k str)>,
}

/// Hashes of `w` itself and of `w` with each one character deleted: two
/// words within one edit (substitution, insertion or deletion) share one.
fn variants(w: &str) -> impl Iterator<Item = u64> + '_ {
    let n = w.chars().count();
    (0..=n).map(move |skip| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, c) in w.chars().enumerate() {
            if i != skip {
                h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    })
}

impl<'k> Reps<'k> {
    /// Makes `k` (words `words`) the representative of a new group.
    fn push(&mut self, label: Label, k: &'k str, words: &[&'k str]) -> usize {
        let g = self.list.len();
        self.list.push((label, k));
        if label == Label::ORG {
            let mut end = 0;
            for w in &words[..words.len() - 1] {
                end += w.len();
                if end > words[0].len() {
                    let e = self.org_prefix.entry(&k[..end]).or_insert((g, 0));
                    e.1 += 1;
                }
                end += 1;
            }
        }
        if label == Label::PER && words.len() > 1 {
            for w in [words[0], words[words.len() - 1]] {
                self.person_edge.entry(w).or_insert(g);
                if let Some(sk) = skeleton(w) {
                    self.person_edge_skeleton.entry(sk).or_insert((g, w));
                }
            }
        }
        if let Some(sk) = skeleton(k) {
            self.skeletons.entry((label, sk)).or_insert(g);
        }
        let mut seen: Vec<u64> = Vec::new();
        for v in variants(words[0]) {
            if !seen.contains(&v) {
                seen.push(v);
                self.near
                    .entry((label, words.len(), v))
                    .or_default()
                    .push(g);
            }
        }
        g
    }

    /// The one longer organization name that a multi-word organization
    /// mention begins (`البنك المركزي` for `البنك المركزي المغربي`): an
    /// article names a body in full and then by its first words. When two
    /// longer names begin with the same words (two countries' ministries),
    /// neither is chosen.
    fn organization_short_form(&self, label: Label, k: &str, words: &[&str]) -> Option<usize> {
        if label != Label::ORG || words.len() < 2 {
            return None;
        }
        match self.org_prefix.get(k) {
            Some(&(g, 1)) => Some(g),
            _ => None,
        }
    }

    /// The first group whose representative `k` (words `words`) joins: a
    /// one-word person name that is the first or last word of a longer
    /// one, or a long form of as many words, each equal or one edit away.
    fn joined(&self, label: Label, k: &str, words: &[&str]) -> Option<usize> {
        let sk = skeleton(k);
        let single_part = (label == Label::PER && words.len() == 1 && k.chars().count() >= 3)
            .then(|| {
                self.person_edge.get(k).copied().or_else(|| {
                    let &(g, w) = self.person_edge_skeleton.get(sk.as_ref()?)?;
                    vowel_variants(w, k).then_some(g)
                })
            })
            .flatten();
        let mut near = None;
        if k.chars().count() >= 6 {
            for v in variants(words[0]) {
                let cands = self.near.get(&(label, words.len(), v));
                for &g in cands.into_iter().flatten() {
                    if near.is_some_and(|n| n <= g) {
                        break;
                    }
                    let rw = self.list[g].1.split(' ');
                    if words.iter().zip(rw).all(|(a, b)| *a == b || one_edit(a, b)) {
                        near = Some(g);
                    }
                }
            }
        }
        let near = near.or_else(|| {
            let g = *self.skeletons.get(&(label, sk?))?;
            vowel_variants(self.list[g].1, k).then_some(g)
        });
        match (single_part, near) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A mention's text as its cluster's name: a hashtag's words written apart
/// (`#X_Y` names `X Y`, with which it clusters).
fn name_of(text: &str) -> String {
    text.replace('_', " ")
}

/// Re-keys each mention after ل with the article (`لأمم المتحدة` of
/// `للأمم`; `elided`) as written on its own (`الأمم المتحدة`, `اللجنة …` of
/// `للجنة`) when another mention has that word; else it keeps the key as
/// written (`للبنان` is ل + `لبنان`).
fn key_elided_as_alone(elided: &[bool], texts: &mut [(&str, String)]) {
    let words_alone: FastSet<&str> = texts
        .iter()
        .zip(elided)
        .filter(|(_, &e)| !e)
        .flat_map(|((_, k), _)| k.split(' '))
        .collect();
    let known = |a: &String| a.split(' ').next().is_some_and(|w| words_alone.contains(w));
    let alone: Vec<Option<String>> = texts
        .iter()
        .zip(elided)
        .map(|((_, k), &e)| {
            let forms = e.then(|| clitic::article_forms(k)).into_iter().flatten();
            forms.into_iter().find(known)
        })
        .collect();
    for ((_, k), a) in texts.iter_mut().zip(alone) {
        if let Some(a) = a {
            *k = a;
        }
    }
}

/// Groups spans into clusters and builds the output mentions.
pub fn cluster(doc: &Document, mut spans: Vec<Span>) -> Entities {
    super::repair::repair(doc, &mut spans);
    let text_of = |s: &Span| &doc.text[s.start..doc.tokens[s.tokens.end - 1].end];
    let mut texts: Vec<(&str, String)> = spans
        .iter()
        .map(|s| (text_of(s), cluster_key(text_of(s))))
        .collect();
    let elided: Vec<bool> = spans
        .iter()
        .map(|s| doc.tokens[s.tokens.start].elided_at(s.start))
        .collect();
    if elided.contains(&true) {
        key_elided_as_alone(&elided, &mut texts);
    }
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
    let mut reps = Reps::default();
    for &(label, k) in &forms {
        let words: Vec<&str> = k.split(' ').collect();
        let found = if label == Label::DATE {
            None
        } else {
            reps.organization_short_form(label, k, &words)
                .or_else(|| reps.joined(label, k, &words))
        };
        let g = found.unwrap_or_else(|| reps.push(label, k, &words));
        group.insert((label, k), g);
    }
    // Clusters in order of first mention.
    let mut out = Entities::default();
    let mut id_of: FastMap<usize, usize> = FastMap::default();
    let mut spellings: Vec<FastMap<&str, usize>> = Vec::new();
    for (s, (text, k)) in spans.iter().zip(&texts) {
        let g = group.get(&(s.label, k.as_str())).copied().unwrap_or(0);
        let id = *id_of.entry(g).or_insert_with(|| {
            out.clusters.push(Group {
                name: name_of(text),
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
            c.name = name_of(text);
        }
        *spellings[id].entry(text).or_default() += 1;
        out.mentions.push(Mention {
            start: s.start,
            end: s.start + text.len(),
            label: s.label,
            cluster: id,
        });
    }
    for (c, counts) in out.clusters.iter_mut().zip(spellings) {
        let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        c.spellings = v.into_iter().map(|(s, _)| s.to_string()).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(text: &str, words: &[(&str, Label)]) -> Vec<Vec<String>> {
        let e = entities(text, words);
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

    /// Clusters every occurrence of each word, as a span of its label.
    fn entities(text: &str, words: &[(&str, Label)]) -> Entities {
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
        cluster(&doc, spans)
    }

    #[test]
    fn a_hashtag_joins_the_name_written_apart_and_does_not_name_it() {
        let text = "وصل #نادر_سليم إلى حلب، وقال نادر سليم إن الطريق مفتوح.";
        let e = entities(
            text,
            &[("نادر_سليم", Label::PER), ("نادر سليم", Label::PER)],
        );
        assert_eq!(e.clusters.len(), 1, "{:?}", e.clusters);
        assert_eq!(e.clusters[0].name, "نادر سليم");
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
    fn transliterations_join_by_their_long_vowels() {
        // Invented: a name written with one long vowel more or less (too
        // short for the one-edit rule), or the same ones elsewhere, is one
        // name; other vowels make another.
        let joined = [("بيلوتا", "بلوتا"), ("موريتا", "ميروتا")];
        for (a, b) in joined {
            let text = format!("قال {a} إن {b} غادر");
            let got = clusters(&text, &[(a, Label::PER), (b, Label::PER)]);
            assert_eq!(got.len(), 1, "{a} {b}: {got:?}");
        }
        let text = "قال كرانو إن كرينو غادر";
        let got = clusters(text, &[("كرانو", Label::PER), ("كرينو", Label::PER)]);
        assert_eq!(got.len(), 2, "{got:?}");
        // Given names differ by their vowels (`سعد`, `سعيد`).
        let text = "قال سعد إن سعيد غادر";
        let got = clusters(text, &[("سعد", Label::PER), ("سعيد", Label::PER)]);
        assert_eq!(got.len(), 2, "{got:?}");
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

    /// The index finds every pair the pairwise rule joins: words within one
    /// edit share a variant (others may too: candidates are checked).
    #[test]
    fn words_one_edit_apart_share_a_deletion_variant() {
        let share = |a: &str, b: &str| {
            let va: Vec<u64> = variants(a).collect();
            variants(b).any(|v| va.contains(&v))
        };
        for (a, b) in [
            ("كازاخستان", "قازاخستان"),
            ("كازاخستان", "كازخستان"),
            ("كازاخستان", "كازاخستانن"),
            ("abc", "abc"),
            ("", "a"),
        ] {
            assert!(share(a, b) && share(b, a), "{a} {b}");
            assert!(one_edit(a, b) || a == b, "{a} {b}");
        }
        for (a, b) in [("كازاخستان", "قازخستان"), ("abcd", "badc"), ("ab", "ba")] {
            assert!(!one_edit(a, b), "{a} {b}");
        }
    }
}
