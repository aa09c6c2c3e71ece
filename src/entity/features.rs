//! Features of a word in its sentence, hashed to 32 bits, for the tagger.
//!
//! A sentence is a slice of [`Word`]s: the folded form of each token, where
//! its certain proclitics end, which leading letters may be proclitics, and
//! its shape (script, capitalization). The features are the word and its
//! stem, the stem with a possible one- or two-letter proclitic removed,
//! affixes, neighbouring stems, shapes, and lexicon matches (entity names,
//! titles, organization heads...) with the word's position in the match.
//!
//! The trainer and the library call the same function, so a model always
//! sees at tagging time the features it was trained on. Extraction allocates
//! nothing per word beyond the output buffer and is linear in the sentence.

use super::lexicon::{self, PREFIX};
use super::model::{combine, feat, hash, phrase_next, strhash, Lexicon};
use crate::text::clitic;
use crate::text::TokenKind;

/// Template id used to hash lexicon phrases.
pub const LEX_TID: u8 = 200;
/// Template id used to hash a word's cluster entry in the lexicon table.
pub const CLUSTER_TID: u8 = 201;

/// Packs a word's fine and coarse cluster numbers into a lexicon value.
#[cfg(any(test, feature = "lab"))]
pub fn cluster_value(fine: u16, coarse: u16) -> u16 {
    0x8000 | (coarse & 0x3f) << 8 | (fine & 0xff)
}

/// Longest lexicon phrase matched, in words.
pub const MAX_PHRASE: usize = 6;

/// One word of a sentence, as the tagger sees it.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    /// Folded form ([`crate::text::key`]).
    pub norm: &'a str,
    /// Byte length of the certain proclitics at the start of `norm`.
    pub certain: usize,
    /// Byte lengths of possible (uncertain) proclitic prefixes, 0 = none.
    pub possible: [usize; 2],
    /// The word's shape (letters, digits, case, script).
    pub shape: Shape,
    /// Whether the stem starts with the article's ل after ل
    /// ([`clitic::Proclitics::elided_article`]: `للأمم`).
    pub elided: bool,
    /// The spelling of the token it describes ([`crate::text::Token::spelling`]),
    /// if it describes one: words of one spelling in a document are the
    /// same word, whose own features the tagger sums once.
    pub spelling: Option<u32>,
    /// Whether the stem's first letter is written as alif with hamza or
    /// madda (`أ`, `إ`, `آ`), which folding writes as a bare alif: a folded
    /// `ال` at its start is then no article (`ألمانية`, `إلكترونية`,
    /// `آلاف`).
    hamza_alif: bool,
}

/// Script and capitalization of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Arabic-script word.
    Arabic,
    /// Latin-script (or other alphabet) word starting with a capital.
    Cap,
    /// All capitals, two letters or more.
    Caps,
    /// Latin-script word starting with a lower-case letter.
    Lower,
    /// Digits.
    Number,
    /// Punctuation or a symbol.
    Punct,
}

impl<'a> Word<'a> {
    /// Describes a word written `original` whose folded form is `norm`.
    pub fn new(original: &str, norm: &'a str, kind: TokenKind) -> Word<'a> {
        let p = if kind == TokenKind::Arabic {
            clitic::analyze(norm)
        } else {
            clitic::Proclitics::NONE
        };
        Word::with_proclitics(original, norm, kind, p)
    }

    /// Describes a token of `text`, reusing the proclitic analysis the
    /// tokenizer already made of it (the same [`clitic::analyze`] of the
    /// same folded form, so the word is the one [`Word::new`] describes).
    pub fn of_token(t: &'a crate::text::Token, text: &str) -> Word<'a> {
        Word {
            spelling: Some(t.spelling),
            ..Word::with_proclitics(t.text(text), &t.norm, t.kind, t.proclitics)
        }
    }

    fn with_proclitics(
        original: &str,
        norm: &'a str,
        kind: TokenKind,
        p: clitic::Proclitics,
    ) -> Word<'a> {
        let shape = match kind {
            TokenKind::Arabic => Shape::Arabic,
            TokenKind::Number => Shape::Number,
            TokenKind::Punct => Shape::Punct,
            TokenKind::Latin => {
                let mut letters = original.chars().filter(|c| c.is_alphabetic());
                match letters.next() {
                    Some(c) if c.is_uppercase() => {
                        let mut rest = letters.peekable();
                        if rest.peek().is_some() && rest.all(char::is_uppercase) {
                            Shape::Caps
                        } else {
                            Shape::Cap
                        }
                    }
                    _ => Shape::Lower,
                }
            }
        };
        let (certain, possible) = if kind == TokenKind::Arabic {
            let mut poss = [0; 2];
            if p.certain_len() == 0 {
                for (slot, n) in poss.iter_mut().zip(p.possible_lens()) {
                    *slot = n;
                }
            }
            (p.certain_len(), poss)
        } else {
            (0, [0; 2])
        };
        let hamza_alif = kind == TokenKind::Arabic
            && crate::text::token::hamza_alif_after(
                original,
                norm.get(..certain).map_or(0, |c| c.chars().count()),
            );
        Word {
            norm,
            certain,
            possible,
            shape,
            elided: p.elided_article(),
            spelling: None,
            hamza_alif,
        }
    }

    /// Kind of a standalone word (a CoNLL token, or tokens written
    /// together) from its first letter or digit.
    pub fn kind_of(original: &str) -> TokenKind {
        let mut kind = TokenKind::Punct;
        for c in original.chars() {
            if crate::text::token::is_arabic_letter(c) {
                return TokenKind::Arabic;
            }
            if c.is_alphabetic() {
                return TokenKind::Latin;
            }
            if crate::text::token::is_digit(c) {
                kind = TokenKind::Number;
            }
        }
        kind
    }

    /// The word without its certain proclitics.
    pub fn stem(&self) -> &'a str {
        &self.norm[self.certain..]
    }

    /// Whether the stem is written with the article `ال`: its folded form
    /// begins with it and its first letter is no alif with hamza or madda
    /// (`ألمانية` folds to `المانيه` but has no article).
    pub fn has_article(&self) -> bool {
        self.stem().starts_with("ال") && !self.hamza_alif
    }

    /// Whether the stem's first ل is the article's, its alif written away
    /// after the preposition ل (`للأمم` is ل + `الأمم`, stem `لأمم`): a
    /// name's span keeps that ل (GUIDELINES), but the word is one written
    /// with the article everywhere else.
    pub fn elided_article(&self) -> bool {
        self.elided
    }

    /// The stem as written on its own, for a word with an elided article
    /// ([`clitic::article_forms`]: `الأمم` of `للأمم`, and `اللجنة` of
    /// `للجنة`); none for any other word.
    pub fn article_forms(&self) -> impl Iterator<Item = String> {
        self.elided
            .then(|| clitic::article_forms(self.stem()))
            .into_iter()
            .flatten()
    }

    /// The stem without its article, if it has one: `الأمم` → `أمم`; `للأمم`
    /// → `أمم` or, its noun beginning with ل (`للجنة`), `لجنة`.
    pub fn bare_forms(&self) -> impl Iterator<Item = &'a str> {
        let stem = self.stem();
        let (one, two) = if self.elided {
            (stem.strip_prefix('ل'), Some(stem))
        } else {
            (stem.strip_prefix("ال"), None)
        };
        one.into_iter().chain(two)
    }

    /// Forms the word may take at the start of a name, each with the byte
    /// length of the folded proclitics it leaves out: its stem, then the
    /// stem without each possible proclitic prefix.
    pub fn forms(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        let norm = self.norm;
        std::iter::once(self.certain)
            .chain(
                self.possible
                    .iter()
                    .copied()
                    .filter(move |&n| n > 0 && n < norm.len()),
            )
            .map(move |n| (n, &norm[n..]))
    }

    /// [`Word::forms`] without the proclitic lengths.
    pub fn name_forms(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.forms().map(|(_, f)| f)
    }
}

/// What the lexicon says about each word of a sentence: per bit, whether
/// the word begins or continues a matched phrase with that bit; and the
/// hashes of the word's forms, computed once and shared by its own
/// features, its neighbours' and the lexicon lookups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LexMark {
    /// [`strhash`] of the folded word, its stem, and its forms without a
    /// possible proclitic (0 where there is none).
    pub norm_h: u64,
    /// [`strhash`] of the word's stem (without certain proclitics).
    pub stem_h: u64,
    /// [`strhash`] of its forms without each possible proclitic prefix.
    pub alt_h: [u64; 2],
    /// Lexicon bits of the phrases the word begins.
    pub begin: u16,
    /// Lexicon bits of the phrases the word is inside of (not first).
    pub inside: u16,
    /// Bits of the word alone (any of its name forms).
    pub single: u16,
    /// The word's cluster value ([`cluster_value`]), 0 if unknown.
    pub cluster: u16,
    /// For a word (not a mark) in a short quoted phrase, how many words back
    /// and ahead its double quote marks are, both within [`QUOTE_SPAN`];
    /// `[0, 0]` for any other token.
    pub quote: [u8; 2],
}

/// How far (in words) a quote mark may be for [`LexMark::quote`]: names in
/// quotes (`برنامج « ... »`, `صحيفة « ... »`) are short, speech is long.
const QUOTE_SPAN: usize = 6;

/// The lexicon key of a single word or phrase whose [`strhash`] (or
/// [`super::model::phrase_hash`]) is `h`.
#[inline]
pub fn lex_key(h: u64) -> u32 {
    feat(LEX_TID, h)
}

/// The lexicon key of a word's cluster entry.
#[inline]
pub fn cluster_key(h: u64) -> u32 {
    feat(CLUSTER_TID, h)
}

/// Hashes the words of a sentence, finds its short quoted phrases and
/// matches lexicon phrases over it.
pub fn lex_marks(words: &[Word], lex: &Lexicon, out: &mut Vec<LexMark>) {
    lex_marks_cached(words, lex, out, &mut WordMarks::default());
}

/// What [`lex_marks`] finds of a word alone: its hashes, its cluster and
/// the lexicon bits of each of its forms as a one-word phrase.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordMark {
    norm_h: u64,
    stem_h: u64,
    alt_h: [u64; 2],
    cluster: u16,
    /// Per form (stem, then without each possible proclitic): its bits.
    bits: [u16; 3],
}

/// [`WordMark`]s by token spelling ([`Word::spelling`]), for one document.
pub(crate) type WordMarks = Vec<Option<WordMark>>;

/// The [`WordMark`] of `w`: a word and its cluster and one-word phrases
/// looked up (not punctuation or a number, and not in an empty lexicon).
fn word_mark(w: &Word, lex: &Lexicon) -> WordMark {
    let stem_h = strhash(w.stem().as_bytes());
    let mut alt_h = [0; 2];
    for (h, &n) in alt_h.iter_mut().zip(&w.possible) {
        if n > 0 && n < w.norm.len() {
            *h = strhash(&w.norm.as_bytes()[n..]);
        }
    }
    let norm_h = if w.certain == 0 {
        stem_h
    } else {
        strhash(w.norm.as_bytes())
    };
    let mut m = WordMark {
        norm_h,
        stem_h,
        alt_h,
        ..WordMark::default()
    };
    if lex.is_empty() || w.shape == Shape::Punct || w.shape == Shape::Number {
        return m;
    }
    let forms = [stem_h, alt_h[0], alt_h[1]];
    for (k, &form) in forms.iter().enumerate() {
        if k > 0 && form == 0 {
            continue;
        }
        if m.cluster == 0 {
            m.cluster = lex.get(cluster_key(form));
        }
        m.bits[k] = lex.get(lex_key(form));
    }
    m
}

/// [`lex_marks`], finding each word's [`WordMark`] once per spelling in
/// `cache` (a document repeats its words).
pub(crate) fn lex_marks_cached(
    words: &[Word],
    lex: &Lexicon,
    out: &mut Vec<LexMark>,
    cache: &mut WordMarks,
) {
    let mut alone = Vec::with_capacity(words.len());
    for w in words {
        let m = match w.spelling.map(|k| k as usize) {
            Some(k) => {
                if cache.len() <= k {
                    cache.resize(k + 1, None);
                }
                *cache[k].get_or_insert_with(|| word_mark(w, lex))
            }
            None => word_mark(w, lex),
        };
        alone.push(m);
    }
    out.clear();
    out.extend(alone.iter().map(|m| LexMark {
        norm_h: m.norm_h,
        stem_h: m.stem_h,
        alt_h: m.alt_h,
        cluster: m.cluster,
        ..LexMark::default()
    }));
    mark_quotes(words, out);
    if lex.is_empty() {
        return;
    }
    for i in 0..words.len() {
        if words[i].shape == Shape::Punct || words[i].shape == Shape::Number {
            continue;
        }
        let m = alone[i];
        let forms = [m.stem_h, m.alt_h[0], m.alt_h[1]];
        for (k, &form) in forms.iter().enumerate() {
            if k > 0 && form == 0 {
                continue;
            }
            match_phrases(lex, out, i, form, m.bits[k]);
        }
    }
}

/// Marks in `out` the lexicon phrases that start at word `i` with its form
/// hashed `form`, whose bits as a one-word phrase are `first`.
fn match_phrases(lex: &Lexicon, out: &mut [LexMark], i: usize, form: u64, first: u16) {
    let mut h = form;
    let mut len = 1;
    let mut bits = first;
    while bits != 0 {
        let b = bits & !PREFIX;
        if len == 1 {
            out[i].single |= b;
        }
        if b != 0 {
            out[i].begin |= b;
            for m in &mut out[i + 1..i + len] {
                m.inside |= b;
            }
        }
        if bits & PREFIX == 0 || len >= MAX_PHRASE || i + len >= out.len() {
            break;
        }
        h = phrase_next(h, out[i + len].norm_h);
        len += 1;
        bits = lex.get(lex_key(h));
    }
}

// Template ids.
const BIAS: u8 = 1;
const WORD: u8 = 2;
const STEM: u8 = 3;
const ALT: u8 = 4;
const NO_AL: u8 = 5;
const PRE2: u8 = 6;
const PRE3: u8 = 7;
const SUF1: u8 = 8;
const SUF2: u8 = 9;
const SUF3: u8 = 10;
const PREV: u8 = 11;
const PREV2: u8 = 12;
const NEXT: u8 = 13;
const NEXT2: u8 = 14;
const BI_PREV: u8 = 15;
const BI_NEXT: u8 = 16;
const SHAPE: u8 = 17;
const SHAPE_PREV: u8 = 18;
const SHAPE_NEXT: u8 = 19;
const LEX_B: u8 = 20;
const LEX_I: u8 = 21;
const LEX_PREV: u8 = 22;
const LEX_NEXT: u8 = 23;
const LEX_SINGLE: u8 = 24;
const ALT_LEX: u8 = 25;
const LEN: u8 = 26;
const LEX_PREV2: u8 = 27;
const PREV_SHAPE_STEM: u8 = 28;
const CLUSTER: u8 = 29;
const CLUSTER_PREV: u8 = 30;
const CLUSTER_NEXT: u8 = 31;
const CLUSTER_BI: u8 = 32;
const QUOTED: u8 = 33;
const QUOTE_HEAD: u8 = 34;

fn char_prefix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let end = it.nth(n).map(|(i, _)| i)?;
    Some(&s[..end])
}

fn char_suffix(s: &str, n: usize) -> Option<&str> {
    let start = s.char_indices().rev().nth(n - 1).map(|(i, _)| i)?;
    if start == 0 {
        return None;
    }
    Some(&s[start..])
}

/// The shape ids ([`shape_id`]) of words `i - 2 ..= i + 2`, 0 outside the
/// sentence: all that [`shape_features`] reads.
pub fn shapes_around(words: &[Word], i: usize) -> [u8; 5] {
    let mut out = [0; 5];
    for (k, s) in out.iter_mut().enumerate() {
        let j = (i + k).checked_sub(2);
        *s = shape_id(j.and_then(|j| words.get(j)));
    }
    out
}

/// Appends the features of the shapes around a word ([`shapes_around`]):
/// few distinct ones in a document, so the tagger scores each once.
pub fn shape_features(s: [u8; 5], out: &mut Vec<u32>) {
    let [p2, p1, s0, n1, n2] = s;
    out.push(hash(SHAPE, &[p1, s0, n1]));
    out.push(hash(SHAPE_PREV, &[p2, p1, s0]));
    out.push(hash(SHAPE_NEXT, &[s0, n1, n2]));
}

fn shape_id(w: Option<&Word>) -> u8 {
    match w.map(|w| w.shape) {
        None => 0,
        Some(Shape::Arabic) => 1,
        Some(Shape::Cap) => 2,
        Some(Shape::Caps) => 3,
        Some(Shape::Lower) => 4,
        Some(Shape::Number) => 5,
        Some(Shape::Punct) => 6,
    }
}

/// Fills [`LexMark::quote`]: for each word, the nearest double quote
/// marks on either side within [`QUOTE_SPAN`] words. Any double mark opens
/// or closes, since texts also write `» ... «` and plain `"`.
fn mark_quotes(words: &[Word], out: &mut [LexMark]) {
    let is_mark = |w: &Word| {
        w.shape == Shape::Punct
            && !w.norm.is_empty()
            && w.norm.chars().all(crate::text::token::is_double)
    };
    let mut last: Option<usize> = None;
    for (i, w) in words.iter().enumerate() {
        if let Some(j) = last.filter(|&j| i - j <= QUOTE_SPAN) {
            out[i].quote[0] = (i - j) as u8;
        }
        if is_mark(w) {
            last = Some(i);
        }
    }
    let mut next: Option<usize> = None;
    for i in (0..words.len()).rev() {
        match next.filter(|&k| k - i <= QUOTE_SPAN) {
            Some(k) if out[i].quote[0] > 0 && words[i].shape != Shape::Punct => {
                out[i].quote[1] = (k - i) as u8
            }
            _ => out[i].quote[0] = 0,
        }
        if is_mark(&words[i]) {
            next = Some(i);
        }
    }
}

fn bits_features(tid: u8, bits: u16, out: &mut Vec<u32>) {
    // The set bits, lowest first.
    let mut rest = u32::from(bits) & ((1u32 << lexicon::N_BITS) - 1);
    while rest != 0 {
        let k = rest.trailing_zeros();
        out.push(hash(tid, &[k as u8]));
        rest &= rest - 1;
    }
}

/// Which of a word's features [`features_part`] appends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// All of them, in [`features`]' order.
    All,
    /// Those of the word alone (its forms, affixes, shape, cluster and
    /// single-word lexicon bits): the same wherever the word occurs.
    Own,
    /// Those that look at phrases around it or at several words at once:
    /// the rest of its features, but for each neighbour's own
    /// ([`neighbour_features`]) and the shapes around it ([`shape_features`]).
    Context,
}

/// A neighbour of a word, by where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Near {
    Prev2,
    Prev,
    Next,
    Next2,
}

impl Near {
    /// Every neighbour a word's features look at.
    pub const ALL: [Near; 4] = [Near::Prev2, Near::Prev, Near::Next, Near::Next2];

    /// How many words from the word this neighbour is.
    pub fn offset(self) -> isize {
        match self {
            Near::Prev2 => -2,
            Near::Prev => -1,
            Near::Next => 1,
            Near::Next2 => 2,
        }
    }
}

/// Outside the sentence: a hash no word has (a word's hash mixes its length in).
const EDGE: u64 = 0x5bd1_e995_5bd1_e995;

/// The item `k` places from `i` (before it when `k` is negative), if any.
pub(crate) fn at<T>(items: &[T], i: usize, k: isize) -> Option<&T> {
    i.checked_add_signed(k).and_then(|j| items.get(j))
}

/// A neighbour's stem hash, [`EDGE`] outside the sentence.
fn stem_or_edge(m: Option<&LexMark>) -> u64 {
    m.map_or(EDGE, |m| m.stem_h)
}

/// A neighbour's cluster value as bytes (fine, coarse); 1 outside the sentence.
fn cluster_bytes(m: Option<&LexMark>) -> [u8; 2] {
    let c = m.map_or(1, |m| m.cluster);
    [(c & 0xff) as u8, (c >> 8) as u8]
}

/// Appends the features a word takes from its neighbour `near` alone,
/// whose marks are `m` (`None`: outside the sentence). They read only the
/// neighbour's stem, cluster and one-word lexicon bits, which depend on
/// its spelling alone, so the tagger scores them once per spelling and
/// place. [`features_part`]'s `All` has them (in its own order).
pub fn neighbour_features(m: Option<&LexMark>, near: Near, out: &mut Vec<u32>) {
    let stem = stem_or_edge(m);
    let c = cluster_bytes(m);
    match near {
        Near::Prev2 => {
            out.push(feat(PREV2, stem));
            if let Some(m) = m {
                bits_features(LEX_PREV2, m.single, out);
            }
        }
        Near::Prev => {
            out.push(feat(PREV, stem));
            out.push(hash(CLUSTER_PREV, &c));
            out.push(hash(CLUSTER_PREV, &[c[1]]));
        }
        Near::Next => {
            out.push(feat(NEXT, stem));
            out.push(hash(CLUSTER_NEXT, &c));
            out.push(hash(CLUSTER_NEXT, &[c[1]]));
        }
        Near::Next2 => out.push(feat(NEXT2, stem)),
    }
}

/// Appends the features of word `i` to `out`.
pub fn features(words: &[Word], marks: &[LexMark], i: usize, out: &mut Vec<u32>) {
    features_part(words, marks, i, Part::All, out);
}

/// Appends the features of word `i` of `part` to `out`; `Own`, `Context`,
/// [`neighbour_features`] for each [`Near`] and [`shape_features`] together
/// are [`features`] (in another order). A word's own
/// features depend only on the word ([`Word`]'s fields; its [`LexMark`]
/// hashes, `single` and `cluster` are computed from them alone), so the
/// tagger scores them once per distinct word of a document.
pub fn features_part(words: &[Word], marks: &[LexMark], i: usize, part: Part, out: &mut Vec<u32>) {
    let (own, context) = (part != Part::Context, part != Part::Own);
    let w = &words[i];
    let m = marks[i];
    let stem = w.stem();
    let stem_h = feat(STEM, m.stem_h);
    if own {
        out.push(feat(BIAS, 0));
        out.push(feat(WORD, m.norm_h));
        out.push(stem_h);
        let no_al = stem.strip_prefix("ال").filter(|s| s.len() >= 4);
        if let Some(s) = no_al {
            out.push(hash(NO_AL, s.as_bytes()));
        }
        for &h in &m.alt_h {
            if h != 0 {
                out.push(feat(ALT, h));
            }
        }
        let base = no_al.unwrap_or(stem);
        if let Some(p) = char_prefix(base, 2) {
            out.push(hash(PRE2, p.as_bytes()));
        }
        if let Some(p) = char_prefix(base, 3) {
            out.push(hash(PRE3, p.as_bytes()));
        }
        for (tid, n) in [(SUF1, 1), (SUF2, 2), (SUF3, 3)] {
            if let Some(s) = char_suffix(stem, n) {
                out.push(hash(tid, s.as_bytes()));
            }
        }
        let nchars = stem.chars().count().min(8) as u8;
        out.push(hash(LEN, &[nchars, shape_id(Some(w))]));
    }
    let ctx = |k: isize| at(words, i, k);
    let mark = |k: isize| at(marks, i, k);
    // A neighbour's own features and the shapes': in `All` only (the
    // tagger takes them from [`neighbour_features`] and [`shape_features`]).
    let all = part == Part::All;
    if context {
        let prev = stem_or_edge(mark(-1));
        let next = stem_or_edge(mark(1));
        if all {
            out.push(feat(PREV, prev));
            out.push(feat(PREV2, stem_or_edge(mark(-2))));
            out.push(feat(NEXT, next));
            out.push(feat(NEXT2, stem_or_edge(mark(2))));
        }
        out.push(combine(feat(BI_PREV, prev), stem_h));
        out.push(combine(feat(BI_NEXT, next), stem_h));
        if all {
            shape_features(shapes_around(words, i), out);
        }
        let sp = shape_id(ctx(-1));
        out.push(combine(hash(PREV_SHAPE_STEM, &[sp]), stem_h));
    }
    let c0 = cluster_bytes(Some(&m));
    if own {
        out.push(hash(CLUSTER, &c0));
        out.push(hash(CLUSTER, &[c0[1]]));
    }
    if context {
        let (cp, cn) = (cluster_bytes(mark(-1)), cluster_bytes(mark(1)));
        if all {
            out.push(hash(CLUSTER_PREV, &cp));
            out.push(hash(CLUSTER_PREV, &[cp[1]]));
            out.push(hash(CLUSTER_NEXT, &cn));
            out.push(hash(CLUSTER_NEXT, &[cn[1]]));
        }
        out.push(hash(CLUSTER_BI, &[cp[1], c0[1], cn[1]]));
        bits_features(LEX_B, m.begin, out);
        bits_features(LEX_I, m.inside, out);
    }
    if own {
        bits_features(LEX_SINGLE, m.single, out);
    }
    if context {
        if i > 0 {
            let p = marks[i - 1];
            bits_features(LEX_PREV, p.begin | p.inside, out);
        }
        if all && i > 1 {
            let p = marks[i - 2];
            bits_features(LEX_PREV2, p.single, out);
        }
        if let Some(n) = marks.get(i + 1) {
            bits_features(LEX_NEXT, n.begin | n.inside, out);
        }
    }
    // Inside a short quoted phrase, the word before the opening mark
    // (`برنامج « ... »`, `صحيفة « ... »`) says what the phrase names.
    if context && m.quote[0] > 0 {
        let [back, ahead] = m.quote;
        let (first, last) = (u8::from(back == 1), u8::from(ahead == 1));
        let len = (back + ahead - 1).min(4);
        out.push(hash(QUOTED, &[first, last, len]));
        let open = i - back as usize;
        let head = if open > 0 { marks[open - 1].stem_h } else { 0 };
        out.push(combine(hash(QUOTE_HEAD, &[first]), feat(QUOTE_HEAD, head)));
        out.push(feat(QUOTE_HEAD, head));
    }
    // The stem a possible proclitic would leave is a known name: a strong
    // hint that `وموسكو` is و + موسكو.
    if own && w.possible[0] > 0 && m.single & lexicon::TYPES != 0 {
        out.push(hash(ALT_LEX, &[(m.single & lexicon::TYPES) as u8]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::tagger;

    fn quotes_of(text: &str) -> Vec<[u8; 2]> {
        let toks = crate::text::tokenize(text);
        let words: Vec<Word> = toks.iter().map(|t| Word::of_token(t, text)).collect();
        let mut marks = Vec::new();
        lex_marks(&words, &Lexicon::default(), &mut marks);
        marks.iter().map(|m| m.quote).collect()
    }

    #[test]
    fn li_with_the_article_is_read_as_the_article() {
        let cases: [(&str, &str, &[&str], &[&str]); 6] = [
            // word, stem, as written on its own, without the article
            ("للأمم", "لامم", &["الامم", "اللامم"], &["امم", "لامم"]),
            ("وللجنة", "لجنه", &["الجنه", "اللجنه"], &["جنه", "لجنه"]),
            ("الأمم", "الامم", &[], &["امم"]),
            ("والكرملين", "الكرملين", &[], &["كرملين"]),
            ("لجنة", "لجنه", &[], &[]),
            ("لافروف", "لافروف", &[], &[]),
        ];
        for (word, stem, alone, bare) in cases {
            let norm = crate::text::key(word);
            let w = Word::new(word, &norm, TokenKind::Arabic);
            assert_eq!(w.stem(), stem, "{word}");
            assert_eq!(w.elided_article(), !alone.is_empty(), "{word}");
            assert_eq!(w.article_forms().collect::<Vec<_>>(), alone, "{word}");
            assert_eq!(w.bare_forms().collect::<Vec<_>>(), bare, "{word}");
        }
    }

    #[test]
    fn words_in_a_short_quote_know_where_its_marks_are() {
        // برنامج « سهرة الخميس » يعود
        let q = quotes_of("برنامج « سهرة الخميس » يعود");
        assert_eq!(q, [[0, 0], [0, 0], [1, 2], [2, 1], [0, 0], [0, 0]]);
        // Marks themselves, even between two quotes, are not in one.
        assert_eq!(quotes_of("« نور » « نار »")[2..4], [[0, 0], [0, 0]]);
        // Reversed and plain marks open and close too.
        assert_eq!(quotes_of("» نور «")[1], [1, 1]);
        assert_eq!(quotes_of("\"نور\"")[1], [1, 1]);
        // A mark on one side only, or both further than QUOTE_SPAN words.
        assert_eq!(quotes_of("قال « نعم"), [[0, 0]; 3]);
        let long = "« ا ب ج د ه و ز ح ط ي ك ل م »";
        assert!(quotes_of(long).iter().all(|q| *q == [0, 0]));
    }

    #[test]
    fn own_context_and_neighbour_features_are_all_the_features() {
        let text = "وقال الرئيس الفنلندي ماتي كوسكينن في هلسنكي : « نعم » ، Paris 2015 .";
        let toks = crate::text::tokenize(text);
        let words: Vec<Word> = toks.iter().map(|t| Word::of_token(t, text)).collect();
        let mut marks = Vec::new();
        lex_marks(&words, &tagger::model().lexicon, &mut marks);
        for i in 0..words.len() {
            let (mut all, mut parts) = (Vec::new(), Vec::new());
            features(&words, &marks, i, &mut all);
            features_part(&words, &marks, i, Part::Own, &mut parts);
            features_part(&words, &marks, i, Part::Context, &mut parts);
            for near in Near::ALL {
                neighbour_features(at(&marks, i, near.offset()), near, &mut parts);
            }
            shape_features(shapes_around(&words, i), &mut parts);
            all.sort_unstable();
            parts.sort_unstable();
            assert_eq!(all, parts, "word {i}");
        }
    }

    #[test]
    fn marks_found_once_per_spelling_are_the_marks() {
        let text =
            "قال رئيس الوزراء البريطاني بوريس جونسون . وقال جونسون إن رئيس الوزراء « نعم » .";
        let toks = crate::text::tokenize(text);
        let words: Vec<Word> = toks.iter().map(|t| Word::of_token(t, text)).collect();
        let lex = &tagger::model().lexicon;
        let mut cache = WordMarks::default();
        for sentence in words.split_inclusive(|w| w.norm == ".") {
            let (mut plain, mut cached) = (Vec::new(), Vec::new());
            lex_marks(sentence, lex, &mut plain);
            lex_marks_cached(sentence, lex, &mut cached, &mut cache);
            assert_eq!(plain, cached);
        }
    }
}
