//! Comparing several reports of one story: each speaker's quotations across
//! outlets, near-identical ones grouped, their wording differences marked.
//!
//! This is the analysis behind the page's Compare view. Given several
//! articles and their [`Analysis`], [`compare`]:
//!
//! 1. merges speakers across articles by folded name: equal keys, or a short
//!    form (a surname) joining the one longer name whose words contain it;
//! 2. within each speaker, groups quotations (direct, partial and indirect;
//!    never term quotations) whose folded words are near-identical: the
//!    longest common subsequence of words covers at least
//!    [`NEAR_IDENTICAL`] of both quotes together, or nearly all of a shorter
//!    quote of at least [`MIN_FRAGMENT_WORDS`] words (one outlet carrying a
//!    fragment of what another carried in full);
//! 3. aligns every member with its group's reference (the first member, in
//!    article order) word by word, and splits its text into segments marked
//!    equal or changed.
//!
//! Guarantees: the segments of a member tile its quotation's text exactly
//! (joined, they give it back), with offsets relative to that text; output
//! order is deterministic; nothing panics on any input, including analyses
//! whose offsets do not fit their text. Cost is linear in the number of
//! quotations times a constant: each quotation is compared with at most
//! [`MAX_CANDIDATES`] groups of its own speaker, and word alignments larger
//! than [`MAX_ALIGN_CELLS`] fall back to a bag-of-words comparison.
//!
//! Offsets: [`compare`] takes and gives byte offsets;
//! [`Comparison::into_utf16`] converts them to UTF-16 code units, and
//! [`compare_utf16`] does the whole round trip for analyses that already use
//! UTF-16 offsets (the JavaScript API).

use crate::analysis::{Analysis, QuoteKind};
use crate::text::normalize::{is_arabic_mark, is_invisible};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
#[cfg(target_arch = "wasm32")]
use tsify_next::Tsify;

/// The share of two quotes' words (2·LCS / (|a| + |b|)) at or above which they
/// are near-identical.
pub const NEAR_IDENTICAL: f64 = 0.6;

/// A quote this long or longer (in words) is grouped with a longer quote that
/// contains nearly all of it ([`FRAGMENT_COVER`]).
pub const MIN_FRAGMENT_WORDS: usize = 4;

/// The share of a shorter quote's words that must appear, in order, in a
/// longer one for the two to be grouped as fragment and whole.
pub const FRAGMENT_COVER: f64 = 0.9;

/// How many of a speaker's groups (the most recent) a quotation is compared
/// with.
pub const MAX_CANDIDATES: usize = 256;

/// The largest word-alignment table (words × words) computed exactly.
pub const MAX_ALIGN_CELLS: usize = 250_000;

/// The most alignment cells one [`compare`] call computes in all; past it,
/// alignments fall back to bags of words, so adversarial input (many long,
/// shuffled near-copies) stays fast.
pub const MAX_TOTAL_ALIGN_CELLS: usize = 40_000_000;

/// One article to compare: its name (shown to the reader), its text and its
/// analysis with byte offsets.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// What the reader calls the article (an outlet, a file name).
    pub name: &'a str,
    /// The article's text.
    pub text: &'a str,
    /// Its analysis, with byte offsets into `text`.
    pub analysis: &'a Analysis,
}

/// One article as the JavaScript API passes it: a text and the analysis
/// `analyze` returned for it (offsets in UTF-16 code units).
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Article {
    #[serde(default)]
    /// What the reader calls the article; may be empty.
    pub name: String,
    /// The article's text.
    pub text: String,
    /// What `analyze` returned for `text`.
    pub analysis: Analysis,
}

/// The result: speakers across articles and groups of near-identical
/// quotations.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Comparison {
    /// Speakers merged across articles, those quoted in the most articles
    /// first; unattributed quotations last, under a speaker with no name.
    pub speakers: Vec<SpeakerQuotes>,
    /// Groups of two or more near-identical quotations, by speaker order.
    pub groups: Vec<Group>,
}

/// One speaker across articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct SpeakerQuotes {
    /// The fullest name used, or `None` for quotations with no speaker.
    pub name: Option<String>,
    /// The folded name all spellings were merged under.
    pub key: String,
    /// The distinct names articles used for this speaker, in first-seen order.
    pub names: Vec<String>,
    /// Every quotation of this speaker (term quotations excluded).
    pub quotes: Vec<QuoteRef>,
    /// Indices into [`Comparison::groups`].
    pub groups: Vec<usize>,
    /// In how many articles this speaker is quoted.
    pub articles: usize,
}

/// A quotation of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct QuoteRef {
    /// Index of the article in the input.
    pub article: usize,
    /// Index into that article's `analysis.quotes`.
    pub quote: usize,
}

/// The speaker of a group.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct GroupSpeaker {
    /// Index into [`Comparison::speakers`].
    pub index: usize,
    /// The speaker's name, or none for quotations nobody is named for.
    pub name: Option<String>,
}

/// Near-identical quotations of one speaker.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Group {
    /// Who the group's quotations are by.
    pub speaker: GroupSpeaker,
    /// In how many distinct articles the group's quotations appear.
    pub articles: usize,
    /// The reference quotation first, then the others in article order.
    pub members: Vec<Member>,
}

/// One quotation in a group: `articles[article].analysis.quotes[quote]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Member {
    /// Index of the member's article in the input.
    pub article: usize,
    /// Index of the quotation in its article's analysis.
    pub quote: usize,
    /// How the quotation reports speech.
    pub kind: QuoteKind,
    /// The quotation's span in its article, as given in the input analysis.
    pub start: usize,
    /// Where the quotation ends in its article, exclusive.
    pub end: usize,
    /// The quotation's text.
    pub text: String,
    /// Word similarity with the group's reference, 0 to 1 (1 for the
    /// reference itself).
    pub similarity: f64,
    /// The quotation's text cut into segments that are worded like the
    /// reference or not. For the reference, a word is changed when some
    /// other member lacks it.
    pub diff: Vec<Segment>,
}

/// A piece of a quotation's text, worded like the group's reference or not.
/// Offsets are relative to the quotation's text; a member's segments joined
/// give its text back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Segment {
    /// Where the segment starts in the quotation's text.
    pub start: usize,
    /// Where it ends, exclusive.
    pub end: usize,
    /// The segment's text.
    pub text: String,
    /// Whether the reference (or, for the reference, some member) words it differently.
    pub changed: bool,
}

// ---------------------------------------------------------------------------
// Words

/// A word of a quote: its byte span in the quote text and an interned key.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    id: u32,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_arabic_mark(c) || is_invisible(c)
}

/// Interns folded word keys, so comparisons are on integers.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn words(&mut self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let mut start = None;
        let ends = text
            .char_indices()
            .map(|(i, c)| (i, Some(c)))
            .chain(std::iter::once((text.len(), None)));
        for (i, c) in ends {
            match (start, c.is_some_and(is_word_char)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let key = crate::text::key(&text[s..i]);
                    start = None;
                    if key.is_empty() {
                        continue; // only diacritics or invisible characters
                    }
                    let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
                    let id = *self.ids.entry(key).or_insert(next);
                    out.push(Word {
                        start: s,
                        end: i,
                        id,
                    });
                }
                _ => {}
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Alignment

/// Which words of `a` and of `b` are aligned with the other side.
struct Alignment {
    a: Vec<bool>,
    b: Vec<bool>,
    common: usize,
}

/// The longest common subsequence of two word sequences, or, past
/// [`MAX_ALIGN_CELLS`] or the remaining `budget` of cells, the words each
/// shares with the other's bag of words.
fn align(a: &[u32], b: &[u32], budget: &mut usize) -> Alignment {
    let (n, m) = (a.len(), b.len());
    let cells = n.saturating_mul(m);
    if cells > MAX_ALIGN_CELLS || cells > *budget {
        return bag_alignment(a, b);
    }
    *budget -= cells;
    // dp[i][j] = LCS length of a[i..] and b[j..], row-major (n+1)×(m+1).
    let w = m + 1;
    let mut dp = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i * w + j] = if a[i] == b[j] {
                dp[(i + 1) * w + j + 1] + 1
            } else {
                dp[(i + 1) * w + j].max(dp[i * w + j + 1])
            };
        }
    }
    let mut al = Alignment {
        a: vec![false; n],
        b: vec![false; m],
        common: 0,
    };
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            al.a[i] = true;
            al.b[j] = true;
            al.common += 1;
            i += 1;
            j += 1;
        } else if dp[(i + 1) * w + j] >= dp[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    al
}

fn bag_alignment(a: &[u32], b: &[u32]) -> Alignment {
    let mut counts: HashMap<u32, (usize, usize)> = HashMap::new();
    for &x in a {
        counts.entry(x).or_default().0 += 1;
    }
    for &x in b {
        counts.entry(x).or_default().1 += 1;
    }
    let mark = |side: &[u32]| {
        let mut left: HashMap<u32, usize> =
            counts.iter().map(|(&k, &(x, y))| (k, x.min(y))).collect();
        side.iter()
            .map(|x| match left.get_mut(x) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .collect::<Vec<bool>>()
    };
    let common = counts.values().map(|&(x, y)| x.min(y)).sum();
    Alignment {
        a: mark(a),
        b: mark(b),
        common,
    }
}

/// How many words two sorted id lists share, counting repeats: an upper bound
/// of their LCS, cheap enough to run before every alignment.
fn bag_common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn dice(common: usize, n: usize, m: usize) -> f64 {
    if n + m == 0 {
        0.0
    } else {
        2.0 * common as f64 / (n + m) as f64
    }
}

/// Whether `common` shared words make two quotes of `n` and `m` words one
/// group, and the score to rank candidate groups by.
fn grouping_score(common: usize, n: usize, m: usize) -> Option<f64> {
    let d = dice(common, n, m);
    let short = n.min(m);
    let fragment = short >= MIN_FRAGMENT_WORDS && common as f64 >= FRAGMENT_COVER * short as f64;
    (d >= NEAR_IDENTICAL || fragment).then_some(d)
}

/// Cuts `text` into segments: runs of words with the same `changed` flag.
/// The gap between two changed words is changed; other gaps go with the
/// unchanged side, so a marked difference is only ever words.
fn segments(text: &str, words: &[Word], changed: &[bool]) -> Vec<Segment> {
    let mut cuts: Vec<(usize, bool)> = Vec::with_capacity(words.len() * 2 + 1);
    let mut at = 0;
    for (k, w) in words.iter().enumerate() {
        let ch = changed.get(k).copied().unwrap_or(false);
        let prev = k > 0 && changed.get(k - 1).copied().unwrap_or(false);
        if w.start > at {
            cuts.push((at, prev && ch));
        }
        cuts.push((w.start, ch));
        at = w.end;
    }
    if at < text.len() || cuts.is_empty() {
        cuts.push((at, false));
    }
    let mut out: Vec<Segment> = Vec::new();
    for (k, &(start, ch)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        match out.last_mut() {
            Some(last) if last.changed == ch => last.end = end,
            _ => out.push(Segment {
                start,
                end,
                text: String::new(),
                changed: ch,
            }),
        }
    }
    for s in &mut out {
        s.text = text.get(s.start..s.end).unwrap_or("").to_string();
    }
    out
}

// ---------------------------------------------------------------------------
// Speakers

/// The speaker name of quote `qi` of `a`: its cluster's canonical name when
/// known, else the name the quote carries.
fn speaker_name(a: &Analysis, qi: usize) -> Option<&str> {
    let sp = a.quotes.get(qi)?.speaker.as_ref()?;
    let name = sp
        .cluster
        .and_then(|c| a.clusters.get(c))
        .map_or(sp.name.as_str(), |c| c.name.as_str());
    let name = if name.trim().is_empty() {
        sp.name.as_str()
    } else {
        name
    };
    (!name.trim().is_empty()).then_some(name)
}

/// Assigns each distinct folded name to a merged speaker: longer names first,
/// then each shorter one joins the single merged speaker whose words contain
/// all of its words (or starts its own when there are none or several).
fn merge_names(keys: &[String]) -> HashMap<String, usize> {
    // A bound on the subset search: past it names merge by equal keys only.
    const MAX_SUBSET_SEARCH: usize = 4096;
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort_by(|a, b| {
        let (na, nb) = (a.split(' ').count(), b.split(' ').count());
        nb.cmp(&na).then(a.cmp(b))
    });
    sorted.dedup();
    let mut canons: Vec<Vec<&str>> = Vec::new();
    let mut out = HashMap::new();
    for key in sorted {
        let toks: Vec<&str> = key.split(' ').collect();
        let mut hit = None;
        if canons.len() <= MAX_SUBSET_SEARCH {
            let mut containing = canons
                .iter()
                .enumerate()
                .filter(|(_, c)| toks.iter().all(|t| c.contains(t)));
            if let (Some((i, _)), None) = (containing.next(), containing.next()) {
                hit = Some(i);
            }
        }
        let idx = hit.unwrap_or_else(|| {
            canons.push(toks);
            canons.len() - 1
        });
        out.insert(key.clone(), idx);
    }
    out
}

// ---------------------------------------------------------------------------
// Comparing

/// A quotation prepared for grouping.
struct Item {
    article: usize,
    quote: usize,
    words: Vec<Word>,
    ids: Vec<u32>,
    sorted_ids: Vec<u32>,
}

/// Compares several articles' quotations. Offsets in the result are bytes:
/// members' `start`/`end` as in the input analyses, segments' relative to the
/// quotation's text.
pub fn compare(articles: &[Source<'_>]) -> Comparison {
    let mut interner = Interner::default();
    let mut budget = MAX_TOTAL_ALIGN_CELLS;

    // Speakers: folded keys, merged across articles.
    let mut keys: Vec<String> = Vec::new();
    let mut quote_key: Vec<(usize, usize, Option<String>)> = Vec::new();
    for (ai, src) in articles.iter().enumerate() {
        for (qi, q) in src.analysis.quotes.iter().enumerate() {
            if q.kind == QuoteKind::Term {
                continue;
            }
            let key = speaker_name(src.analysis, qi)
                .map(crate::text::key)
                .filter(|k| !k.is_empty());
            if let Some(k) = &key {
                keys.push(k.clone());
            }
            quote_key.push((ai, qi, key));
        }
    }
    let merged = merge_names(&keys);
    let unknown = merged.values().max().map_or(0, |m| m + 1);

    // Buckets of quotations per merged speaker, in article and quote order.
    let mut buckets: Vec<Vec<Item>> = (0..=unknown).map(|_| Vec::new()).collect();
    let mut names: Vec<Vec<String>> = vec![Vec::new(); unknown + 1];
    let mut keys_of: Vec<String> = vec![String::new(); unknown + 1];
    for (ai, qi, key) in quote_key {
        let b = key
            .as_ref()
            .and_then(|k| merged.get(k).copied())
            .unwrap_or(unknown);
        let src = &articles[ai];
        if let Some(name) = speaker_name(src.analysis, qi) {
            if !names[b].iter().any(|n| n == name) {
                names[b].push(name.to_string());
            }
            if let Some(k) = &key {
                // The fullest key names the merged speaker.
                if k.split(' ').count() > keys_of[b].split(' ').filter(|t| !t.is_empty()).count() {
                    keys_of[b] = k.clone();
                }
            }
        }
        let text = src.analysis.quotes[qi].text.as_str();
        let words = interner.words(text);
        let ids: Vec<u32> = words.iter().map(|w| w.id).collect();
        let mut sorted_ids = ids.clone();
        sorted_ids.sort_unstable();
        buckets[b].push(Item {
            article: ai,
            quote: qi,
            words,
            ids,
            sorted_ids,
        });
    }

    let mut speakers: Vec<(SpeakerQuotes, Vec<Vec<usize>>, usize)> = Vec::new();
    for (b, items) in buckets.iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let mut article_set: Vec<usize> = items.iter().map(|it| it.article).collect();
        article_set.sort_unstable();
        article_set.dedup();
        let name = if b == unknown {
            None
        } else {
            // The spelling with the most words, first seen on ties.
            names[b]
                .iter()
                .max_by(|x, y| {
                    let c = |s: &str| s.split_whitespace().count();
                    c(x).cmp(&c(y)).then(std::cmp::Ordering::Greater)
                })
                .cloned()
        };
        let sets = group_items(items, &mut budget);
        speakers.push((
            SpeakerQuotes {
                name,
                key: keys_of[b].clone(),
                names: names[b].clone(),
                quotes: items
                    .iter()
                    .map(|it| QuoteRef {
                        article: it.article,
                        quote: it.quote,
                    })
                    .collect(),
                groups: Vec::new(),
                articles: article_set.len(),
            },
            sets,
            b,
        ));
    }
    // Most widely quoted speakers first; the unattributed last.
    speakers.sort_by(|x, y| {
        (x.2 == unknown)
            .cmp(&(y.2 == unknown))
            .then(y.0.articles.cmp(&x.0.articles))
            .then(y.0.quotes.len().cmp(&x.0.quotes.len()))
            .then(x.2.cmp(&y.2))
    });

    let mut out = Comparison::default();
    for (si, (mut sq, sets, b)) in speakers.into_iter().enumerate() {
        for set in sets.into_iter().filter(|s| s.len() >= 2) {
            sq.groups.push(out.groups.len());
            let group = build_group(
                &buckets[b],
                &set,
                articles,
                si,
                sq.name.clone(),
                &mut budget,
            );
            out.groups.push(group);
        }
        out.speakers.push(sq);
    }
    out
}

/// Groups a speaker's quotations greedily: each joins the best-scoring group
/// among the last [`MAX_CANDIDATES`], compared with the group's reference,
/// or starts a new one. Returns item indices per group, reference first.
fn group_items(items: &[Item], budget: &mut usize) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let mut best: Option<(f64, usize)> = None;
        if !it.ids.is_empty() {
            let from = groups.len().saturating_sub(MAX_CANDIDATES);
            for (g, members) in groups.iter().enumerate().skip(from) {
                let r = &items[members[0]];
                let (n, m) = (it.ids.len(), r.ids.len());
                // The bag of shared words bounds the LCS: skip hopeless pairs.
                if grouping_score(bag_common(&it.sorted_ids, &r.sorted_ids), n, m).is_none() {
                    continue;
                }
                let al = align(&r.ids, &it.ids, budget);
                if let Some(score) = grouping_score(al.common, n, m) {
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, g));
                    }
                }
            }
        }
        match best {
            Some((_, g)) => groups[g].push(k),
            None => groups.push(vec![k]),
        }
    }
    groups
}

fn build_group(
    items: &[Item],
    set: &[usize],
    articles: &[Source<'_>],
    speaker: usize,
    name: Option<String>,
    budget: &mut usize,
) -> Group {
    let reference = &items[set[0]];
    let mut ref_changed = vec![false; reference.words.len()];
    let mut members = Vec::with_capacity(set.len());
    let member = |it: &Item, similarity: f64, changed: &[bool]| {
        let q = &articles[it.article].analysis.quotes[it.quote];
        Member {
            article: it.article,
            quote: it.quote,
            kind: q.kind,
            start: q.start,
            end: q.end,
            text: q.text.clone(),
            similarity: (similarity * 1000.0).round() / 1000.0,
            diff: segments(&q.text, &it.words, changed),
        }
    };
    for &k in &set[1..] {
        let it = &items[k];
        let al = align(&reference.ids, &it.ids, budget);
        for (flag, aligned) in ref_changed.iter_mut().zip(&al.a) {
            *flag |= !aligned;
        }
        let changed: Vec<bool> = al.b.iter().map(|x| !x).collect();
        members.push(member(
            it,
            dice(al.common, reference.ids.len(), it.ids.len()),
            &changed,
        ));
    }
    members.insert(0, member(reference, 1.0, &ref_changed));
    let mut arts: Vec<usize> = members.iter().map(|m| m.article).collect();
    arts.sort_unstable();
    arts.dedup();
    Group {
        speaker: GroupSpeaker {
            index: speaker,
            name,
        },
        articles: arts.len(),
        members,
    }
}

// ---------------------------------------------------------------------------
// UTF-16

/// The UTF-16 offset of byte offset `byte` of `text`, for any `byte`: offsets
/// inside a character or past the end count the characters that start
/// before them.
fn utf16_of(text: &str, byte: usize) -> usize {
    let mut cut = byte.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].encode_utf16().count()
}

/// Byte offsets of UTF-16 offsets in `text`, in one pass. An offset inside a
/// surrogate pair maps to the start of its character; past the end, to the
/// end.
fn bytes_of(text: &str, units: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&k| units[k]);
    let mut out = vec![text.len(); units.len()];
    let mut chars = text.char_indices().peekable();
    let mut u = 0;
    for k in order {
        while let Some(&(_, c)) = chars.peek() {
            let w = c.len_utf16();
            if u + w > units[k] {
                break;
            }
            u += w;
            chars.next();
        }
        out[k] = chars.peek().map_or(text.len(), |&(b, _)| b);
    }
    out
}

impl Comparison {
    /// Converts offsets from bytes to UTF-16 code units: members' spans in
    /// their articles (`articles` must be the sources compared) and
    /// segments' spans in their quotation.
    pub fn into_utf16(mut self, articles: &[Source<'_>]) -> Comparison {
        for g in &mut self.groups {
            for m in &mut g.members {
                if let Some(src) = articles.get(m.article) {
                    m.start = utf16_of(src.text, m.start);
                    m.end = utf16_of(src.text, m.end);
                }
                for s in &mut m.diff {
                    s.start = utf16_of(&m.text, s.start);
                    s.end = utf16_of(&m.text, s.end);
                }
            }
        }
        self
    }
}

/// Compares articles whose analyses use UTF-16 offsets (as the JavaScript
/// API and the CLI's JSON give them); the result uses UTF-16 offsets too.
pub fn compare_utf16(articles: &[Article]) -> Comparison {
    let analyses: Vec<Analysis> = articles
        .iter()
        .map(|a| {
            let mut an = a.analysis.clone();
            let units: Vec<usize> = an.quotes.iter().flat_map(|q| [q.start, q.end]).collect();
            let bytes = bytes_of(&a.text, &units);
            for (q, b) in an.quotes.iter_mut().zip(bytes.chunks(2)) {
                if let [s, e] = *b {
                    q.start = s;
                    q.end = e;
                }
            }
            an
        })
        .collect();
    let sources: Vec<Source<'_>> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, analysis)| Source {
            name: &a.name,
            text: &a.text,
            analysis,
        })
        .collect();
    compare(&sources).into_utf16(&sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_skip_punctuation() {
        let mut i = Interner::default();
        let a = i.words("«أَحمد، قال: نعم»");
        let b = i.words("احمد قال نعم!");
        assert_eq!(a.len(), 3);
        assert_eq!(
            a.iter().map(|w| w.id).collect::<Vec<_>>(),
            b.iter().map(|w| w.id).collect::<Vec<_>>()
        );
    }

    #[test]
    fn lcs_alignment_marks_inserted_words() {
        let al = align(&[1, 2, 3, 4], &[1, 2, 9, 3, 4], &mut 100);
        assert_eq!(al.common, 4);
        assert_eq!(al.b, [true, true, false, true, true]);
        assert!(al.a.iter().all(|x| *x));
        // Out of budget: a bag of words, order ignored.
        let bag = align(&[1, 2, 3], &[3, 2, 1], &mut 0);
        assert_eq!((bag.common, bag.b), (3, vec![true, true, true]));
    }

    #[test]
    fn segments_tile_the_text() {
        let mut i = Interner::default();
        let text = " one two, three four ";
        let words = i.words(text);
        let segs = segments(text, &words, &[false, true, true, false]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        let changed: Vec<&str> = segs
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(changed, ["two, three"]);
    }

    #[test]
    fn utf16_offsets_round_trip() {
        let text = "a😀b";
        assert_eq!(bytes_of(text, &[0, 1, 2, 3, 4, 9]), [0, 1, 1, 5, 6, 6]);
        assert_eq!(utf16_of(text, 5), 3);
        assert_eq!(utf16_of(text, 3), 1); // inside the emoji
    }
}
