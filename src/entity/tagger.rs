//! The statistical name tagger: an averaged structured perceptron over hashed
//! sparse features ([`super::features`]) with Viterbi decoding, trained by
//! `qawl-train` on public Arabic NER corpora and embedded in the library.
//!
//! Decoding is constrained to valid BIO sequences (an `I-X` only continues a
//! `B-X` or `I-X`), so every predicted tag sequence reads as whole mentions.
//! Tagging is linear in the sentence length (9 labels, 45 allowed moves
//! per word) and allocation-light.

use super::fasthash::FastMap;
use super::features::{self, LexMark, Near, Part, Shape, Word};
#[cfg(any(test, feature = "lab"))]
use super::model::LABELS;
use super::model::{Model, N};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Bytes at an 8-byte boundary, so the model's sections are aligned in
/// memory as they are in the file.
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

static MODEL_BYTES: &Aligned<[u8]> = &Aligned(*include_bytes!("../../models/ner.bin"));

/// The embedded model, read in place (no parse, no copy: a header check) on
/// first use. A model that fails that check (which the tests rule out)
/// degrades to tagging nothing.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_static(&MODEL_BYTES.0).unwrap_or_default())
}

/// Tags the sentences of one document: each sentence alone with `model`,
/// then names carried across sentences ([`propagate`]).
pub fn tag_document(model: &Model, sents: &[Vec<Word>]) -> Vec<Vec<usize>> {
    let mut t = Tagger::default();
    let mut own = OwnScores::default();
    let mut tags: Vec<Vec<usize>> = Vec::with_capacity(sents.len());
    for ws in sents {
        tags.push(t.tag_in(model, ws, Some(&mut own)));
    }
    propagate(sents, &mut tags);
    tags
}

/// Whether label `to` may follow label `from` (`N` = sentence start).
#[inline]
pub fn allowed(from: usize, to: usize) -> bool {
    // I-X labels are the even indices 2, 4, 6, 8; B-X is the one before.
    if to == 0 || to % 2 == 1 {
        return true;
    }
    from == to || from + 1 == to
}

/// The summed weights of a word's own features ([`Part::Own`]) by word, for
/// one document: a document repeats its words, and these are about half of
/// each word's features. Keyed by the word's token spelling when it has
/// one (a vector index, no hashing), else by all of [`Word`] (the own
/// features read nothing else), so the sums are the ones computed afresh.
/// Also what the lexicon says of each word alone, by spelling: both are
/// for one document, whose spellings they number.
/// And the sums of the features a word gives its neighbours
/// ([`features::neighbour_features`]), by spelling and place.
#[derive(Default)]
struct OwnScores<'a> {
    by_spelling: Vec<Option<[i32; N]>>,
    by_word: FastMap<(&'a str, usize, [usize; 2], Shape), [i32; N]>,
    marks: features::WordMarks,
    /// Per [`Near`] place, by the neighbour's spelling.
    near: [Vec<Option<[i32; N]>>; Near::ALL.len()],
    /// Per [`Near`] place, for a neighbour outside the sentence.
    edge: [Option<[i32; N]>; Near::ALL.len()],
    /// The scores of the shapes around a word ([`features::shape_features`]),
    /// by those shapes ([`features::shapes_around`]).
    shapes: FastMap<[u8; 5], [i32; N]>,
}

impl<'a> OwnScores<'a> {
    /// The own scores of `w`, from `compute` the first time.
    fn get_or(&mut self, w: &Word<'a>, compute: impl FnOnce() -> [i32; N]) -> [i32; N] {
        match w.spelling {
            Some(k) => {
                let k = k as usize;
                if self.by_spelling.len() <= k {
                    self.by_spelling.resize(k + 1, None);
                }
                *self.by_spelling[k].get_or_insert_with(compute)
            }
            None => *self
                .by_word
                .entry((w.norm, w.certain, w.possible, w.shape))
                .or_insert_with(compute),
        }
    }

    /// The neighbour scores of `w` at place `near` (`None`: outside the
    /// sentence), from `compute` the first time; a word without a spelling
    /// is scored afresh.
    fn near_or(
        &mut self,
        near: Near,
        w: Option<&Word<'a>>,
        compute: impl FnOnce() -> [i32; N],
    ) -> [i32; N] {
        let place = near as usize;
        let Some(w) = w else {
            return *self.edge[place].get_or_insert_with(compute);
        };
        let Some(k) = w.spelling.map(|k| k as usize) else {
            return compute();
        };
        let sums = &mut self.near[place];
        if sums.len() <= k {
            sums.resize(k + 1, None);
        }
        *sums[k].get_or_insert_with(compute)
    }
}

/// Reusable buffers for tagging many sentences.
#[derive(Default)]
pub struct Tagger {
    marks: Vec<LexMark>,
    feats: Vec<u32>,
    /// A neighbour's features ([`features::neighbour_features`]).
    near_feats: Vec<u32>,
    emit: Vec<[i32; N]>,
    back: Vec<[u8; N]>,
}

impl Tagger {
    /// Tags one sentence with `model`, returning label indices into [`LABELS`].
    #[cfg(any(test, feature = "lab"))]
    pub fn tag(&mut self, model: &Model, words: &[Word]) -> Vec<usize> {
        self.tag_in(model, words, None)
    }

    /// [`Tagger::tag`], reusing and filling `own`, the own-feature scores of
    /// the words of the document seen so far. Integer sums: the scores are
    /// the same in any order.
    fn tag_in<'a>(
        &mut self,
        model: &Model,
        words: &[Word<'a>],
        mut own: Option<&mut OwnScores<'a>>,
    ) -> Vec<usize> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        match own.as_deref_mut() {
            Some(own) => {
                features::lex_marks_cached(words, &model.lexicon, &mut self.marks, &mut own.marks)
            }
            None => features::lex_marks(words, &model.lexicon, &mut self.marks),
        }
        self.emit.clear();
        for (i, w) in words.iter().enumerate() {
            let mut s = [0i32; N];
            self.feats.clear();
            match own.as_deref_mut() {
                None => features::features(words, &self.marks, i, &mut self.feats),
                Some(own) => {
                    s = own.get_or(w, || {
                        let mut s = [0i32; N];
                        features::features_part(words, &self.marks, i, Part::Own, &mut self.feats);
                        model.add_all(&self.feats, &mut s);
                        self.feats.clear();
                        s
                    });
                    features::features_part(words, &self.marks, i, Part::Context, &mut self.feats);
                    for near in Near::ALL {
                        let k = near.offset();
                        let (w, m) = (features::at(words, i, k), features::at(&self.marks, i, k));
                        let buf = &mut self.near_feats;
                        let t = own.near_or(near, w, || {
                            buf.clear();
                            features::neighbour_features(m, near, buf);
                            let mut t = [0i32; N];
                            model.add_all(buf, &mut t);
                            t
                        });
                        for (a, b) in s.iter_mut().zip(t) {
                            *a += b;
                        }
                    }
                    let shapes = features::shapes_around(words, i);
                    let buf = &mut self.near_feats;
                    let t = *own.shapes.entry(shapes).or_insert_with(|| {
                        buf.clear();
                        features::shape_features(shapes, buf);
                        let mut t = [0i32; N];
                        model.add_all(buf, &mut t);
                        t
                    });
                    for (a, b) in s.iter_mut().zip(t) {
                        *a += b;
                    }
                }
            }
            model.add_all(&self.feats, &mut s);
            self.emit.push(s);
        }
        viterbi(&model.trans, &self.emit, &mut self.back)
    }
}

/// Best label sequence under emission scores `emit` and transitions `trans`.
pub fn viterbi(
    trans: &[[i32; N]; N + 1],
    emit: &[[i32; N]],
    back: &mut Vec<[u8; N]>,
) -> Vec<usize> {
    const NEG: i32 = i32::MIN / 4;
    let n = emit.len();
    back.clear();
    back.resize(n, [0; N]);
    let mut cur = [NEG; N];
    for (y, c) in cur.iter_mut().enumerate() {
        if allowed(N, y) {
            *c = trans[N][y].saturating_add(emit[0][y]);
        }
    }
    // Which moves are allowed, once.
    let mut ok = [[false; N]; N];
    for (x, row) in ok.iter_mut().enumerate() {
        for (y, o) in row.iter_mut().enumerate() {
            *o = allowed(x, y);
        }
    }
    // While all scores stay within ±2^29 and the weights within ±2^28 (as
    // they do, being re-centred at every word), no sum can overflow: the
    // saturating sums equal plain ones, and a label no path reaches can
    // take a score too low to win, for a loop without branches.
    const SMALL: i32 = 1 << 28;
    let small = |v: &i32| (-SMALL..=SMALL).contains(v);
    let small_trans = trans.iter().flatten().all(small);
    for (i, e) in emit.iter().enumerate().skip(1) {
        // For every label `y`, the best allowed predecessor `x`, the first
        // one on ties: the predecessors are taken in increasing order and
        // a later one wins only when strictly better.
        let mut best = [NEG; N];
        let mut arg = [0u8; N];
        let fast =
            small_trans && e.iter().all(small) && cur.iter().all(|c| (NEG..=-NEG).contains(c));
        if fast {
            let mut live = cur;
            for c in live.iter_mut().filter(|c| **c == NEG) {
                *c = -(1 << 30);
            }
            for y in 0..N {
                // The labels `y` may follow ([`allowed`]), in increasing
                // order: all before O or a B-, its B- and I- before an I-.
                let from = if y == 0 || y % 2 == 1 {
                    0..N
                } else {
                    y - 1..y + 1
                };
                let (mut b, mut a) = (NEG, 0u8);
                for x in from {
                    let s = live[x] + trans[x][y];
                    let better = s > b;
                    b = if better { s } else { b };
                    a = if better { x as u8 } else { a };
                }
                best[y] = b;
                arg[y] = a;
            }
        } else {
            for (x, &cx) in cur.iter().enumerate() {
                if cx == NEG {
                    continue;
                }
                for y in 0..N {
                    let s = if ok[x][y] {
                        cx.saturating_add(trans[x][y])
                    } else {
                        i32::MIN
                    };
                    if s > best[y] {
                        best[y] = s;
                        arg[y] = x as u8;
                    }
                }
            }
        }
        let mut next = [NEG; N];
        for y in 0..N {
            if best[y] > NEG {
                next[y] = best[y].saturating_add(e[y]);
                back[i][y] = arg[y];
            }
        }
        // Only differences between paths matter: re-centre on the best so a
        // sentence of any length (a megabyte with no full stop) cannot overflow.
        if let Some(top) = next.iter().copied().filter(|&v| v > NEG).max() {
            for v in next.iter_mut().filter(|v| **v > NEG) {
                *v -= top;
            }
        }
        cur = next;
    }
    let mut y = (0..N)
        .max_by_key(|&y| (cur[y], std::cmp::Reverse(y)))
        .unwrap_or(0);
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = usize::from(back[i][y]);
    }
    out
}

/// The label name of index `y`.
#[cfg(any(test, feature = "lab"))]
pub fn label_name(y: usize) -> &'static str {
    LABELS.get(y).copied().unwrap_or("O")
}

/// The entity chunks of a label sequence: `(start, end, type)` with `type`
/// the index into PER, LOC, ORG, MISC. A chunk starts at any non-O label
/// and runs over the I- labels of its type (so IOB1 input, where a chunk
/// may start with I-, chunks too).
pub fn chunks(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == 0 {
            i += 1;
            continue;
        }
        let ty = (tags[i] - 1) / 2;
        let mut j = i + 1;
        while j < tags.len() && tags[j] != 0 && tags[j] % 2 == 0 && (tags[j] - 1) / 2 == ty {
            j += 1;
        }
        out.push((i, j, ty));
        i = j;
    }
    out
}

/// How many untagged occurrences of a form, per tagged one, [`propagate`]
/// tolerates before it stops carrying the form. Chosen on the mean of ten
/// dev tenths of ANERcorp train (no limit 0.7566, 1: 0.7546, 2: 0.7581,
/// 4: 0.7597, 8: 0.7612, 16: 0.7594). The trainer keeps words out of the
/// given- and family-name lists by the same ratio.
pub const MAX_MISSED_PER_TAGGED: u32 = 4;

/// Whether word `i`'s neighbours are outside any name.
fn free(ys: &[usize], i: usize) -> bool {
    let out = |k: Option<usize>| k.and_then(|k| ys.get(k)).is_none_or(|&y| y == 0);
    out(i.checked_sub(1)) && out(Some(i + 1))
}

/// The forms under which [`propagate`] looks a word up: its stem, after ل
/// with the article the stem as written on its own (`للحوثيين` as
/// `الحوثيين`; `للبنان` is ل + `لبنان`, its stem), then without each
/// possible proclitic. A name is carried under its stem only: `البنان`
/// of `للبنان` names nothing.
fn propagated_forms<'a: 'w, 'w>(w: &'w Word<'a>) -> impl Iterator<Item = Cow<'a, str>> + 'w {
    let stem = std::iter::once(Cow::Borrowed(w.stem()));
    let possible = w.name_forms().skip(1).map(Cow::Borrowed);
    stem.chain(w.article_forms().map(Cow::Owned))
        .chain(possible)
}

/// Carries names across a document ("one sense per discourse"): a word
/// left untagged is tagged like the same word where the tagger found it as
/// a whole one-word mention, or as the last word of a person's full name
/// (`دونالد رامسفيلد` … `رامسفيلد`). News articles repeat a name's short
/// form far from the context that revealed it. A form is carried only if
/// the tagger did not leave it untagged much more often than it tagged it.
pub fn propagate(sents: &[Vec<Word>], tags: &mut [Vec<usize>]) {
    let mut seen: FastMap<Cow<str>, [u32; 4]> = Default::default();
    for (words, ys) in sents.iter().zip(tags.iter()) {
        for (i, j, ty) in chunks(ys) {
            if j == i + 1 {
                seen.entry(Cow::Borrowed(words[i].stem())).or_default()[ty] += 1;
            } else if ty == 0 {
                seen.entry(Cow::Borrowed(words[j - 1].norm)).or_default()[ty] += 1;
            }
        }
    }
    // A form the tagger left untagged far more often than it tagged it is
    // a common word that a few contexts made look like a name (`الشعب`,
    // `الثاني`): carrying it everywhere would multiply the error.
    let mut missed: FastMap<Cow<str>, u32> = Default::default();
    for (words, ys) in sents.iter().zip(tags.iter()) {
        for i in 0..ys.len() {
            if ys[i] != 0 || !free(ys, i) {
                continue;
            }
            if let Some(form) = propagated_forms(&words[i]).find(|f| seen.contains_key(f)) {
                *missed.entry(form).or_default() += 1;
            }
        }
    }
    seen.retain(|form, c| {
        let tagged: u32 = c.iter().sum();
        missed.get(form).copied().unwrap_or(0) <= MAX_MISSED_PER_TAGGED * tagged
    });
    for (words, ys) in sents.iter().zip(tags.iter_mut()) {
        for i in 0..ys.len() {
            if ys[i] != 0 || !free(ys, i) {
                continue;
            }
            let w = &words[i];
            if !matches!(w.shape, features::Shape::Arabic | features::Shape::Cap) {
                continue;
            }
            for form in propagated_forms(w) {
                if form.chars().count() < 4 {
                    continue;
                }
                if let Some(c) = seen.get(&form) {
                    let (ty, &n) = c
                        .iter()
                        .enumerate()
                        .max_by_key(|&(t, &n)| (n, 4 - t))
                        .unwrap_or((0, &0));
                    if n > 0 {
                        ys[i] = 1 + 2 * ty;
                        break;
                    }
                }
            }
        }
    }
}
