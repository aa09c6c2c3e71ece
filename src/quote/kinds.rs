//! Whether an Arabic quoted span is a *term* or someone's words.
//!
//! Quote marks in Arabic news hold names (`على "فيسبوك"`, `حررت "تلة X"`),
//! titles and slogans (`تحت شعار "…"`), scare words (`جريمة "الرشوة"`), and
//! fragments of a speaker's own words (`بأنها "غير مقبولة"`, `على أهمية
//! "…"`) or whole quotations. The first are terms, spoken by nobody, even
//! inside someone's reported speech; the others are partial or direct
//! quotations. No single clue tells them apart, so a linear model weighs
//! the clues of the span's context ([`features`]): the word before the
//! opening mark (a preposition, a noun that names things, أن, the speech
//! verb itself), the shape of the first quoted word, the length, whether a
//! speech cue governs the sentence, whether the same words stand elsewhere
//! in the article (unquoted, or as a name the tagger found), and the word
//! after the closing mark.
//!
//! The weights (`models/kinds.tsv`) are learned by `qawl-train kinds` from
//! the annotated articles and measured leave-one-outlet-out (see
//! docs/speakers.md). A positive score is a term. Two readings need no
//! weighing and are rules the model does not see ([`named`]): the words
//! after a word of naming (`تعرف بـ"…"`, `تحت عنوان "…"`), and a head of
//! names with its definite complement (`"منتدى X"`). An article's spans
//! are then decided together ([`decide`]): a name quoted again and again
//! is a term wherever it stands. Direct or partial is decided afterwards
//! by the quotation stage ([`super::content`]).
//!
//! Everything here is bounded per span, and the document index
//! ([`DocIndex`]) is built in one pass over the tokens, so the stage stays
//! linear in the text.

use super::content::Framed;
use super::marks::{Closure, Quoted};
use super::words::{self, strip_conj};
use super::Ctx;
use crate::analysis::Label;
use crate::entity::fasthash::{FastMap, FastSet};
use crate::text::TokenKind;
use std::sync::OnceLock;

/// The weights of the kinds model: one per feature key (a template and two
/// values).
pub type Model = super::linear::Linear<3>;

/// Whether a span, taken alone, is a term under `model`: `named` by a
/// word of naming before it ([`named`]), a foreign name ([`foreign`]), or
/// a positive score. The analysis then decides an article's spans
/// together ([`decide`]).
pub fn is_term(model: &Model, feats: &[u32], named: bool) -> bool {
    named || foreign(feats) || model.score(feats) > 0.0
}

/// Latin script only inside an Arabic paragraph (a foreign name or title:
/// `"iOS 12"`), unless a colon or the speech frame introduces it: a term
/// whatever the model says.
fn foreign(feats: &[u32]) -> bool {
    feats.contains(&key(t::FLAG, flag::LATIN, 0)) && !introduced(feats)
}

/// Whether a colon or the speech frame stands right before the span
/// (`prev=colon`, `prev=frame`).
fn introduced(feats: &[u32]) -> bool {
    feats.contains(&key(t::PREV, 1, 0)) || feats.contains(&key(t::PREV, 5, 0))
}

/// An Arabic quoted span as the kinds stage sees it.
pub struct Scored {
    /// Its features (the model's input).
    pub feats: Vec<u32>,
    /// The key of its words, when they are few enough to be a name
    /// ([`DocIndex::words_key`]).
    pub words: Option<u64>,
    /// After a word of naming ([`named`]): a term by rule. The model does
    /// not see it, so that the rule leaves the learned weights as they are.
    pub named: bool,
    /// Its own context frames it as someone's words ([`framed`]): another
    /// occurrence being a term does not make it one.
    pub framed: bool,
}

/// How often the same words must be quoted in an article before one
/// occurrence's kind speaks for the others: a coined name is quoted again
/// and again, while a speaker's phrase is often quoted twice, in the lead
/// and in the body, where the lead's bare quotation looks like a term
/// (seen on unlabelled ANT news: `حذر من "X"` in the lead and again later).
const MIN_NAME_REPEATS: usize = 3;

/// Decides the kinds of an article's spans together: a span is a term
/// when it is one alone ([`is_term`]'s reading) or when the same words
/// are quoted at least [`MIN_NAME_REPEATS`] times and one of them is a
/// term alone. A name coined in an article is quoted again and again; one
/// occurrence's clear context (`يطلق عليه "X"`, `للحصول على "X"`) shows
/// what the others are, where the name stands as the subject of someone's
/// reported clause (`فيرى أن "X" تساعد`) and alone looks like their words.
/// The words are at most [`MAX_REPEAT_WORDS`] long, as for the repeat
/// features.
pub fn decide(model: &Model, spans: &[Scored]) -> Vec<bool> {
    let alone: Vec<bool> = spans
        .iter()
        .map(|s| is_term(model, &s.feats, s.named))
        .collect();
    // Per words: how often quoted, and whether one occurrence is a term.
    let mut seen: FastMap<u64, (usize, bool)> = FastMap::default();
    for (s, &term) in spans.iter().zip(&alone) {
        if let Some(k) = s.words {
            let e = seen.entry(k).or_default();
            *e = (e.0 + 1, e.1 || term);
        }
    }
    let name = |k: &u64| {
        seen.get(k)
            .is_some_and(|&(n, term)| term && n >= MIN_NAME_REPEATS)
    };
    spans
        .iter()
        .zip(alone)
        .map(|(s, term)| term || (!s.framed && s.words.as_ref().is_some_and(name)))
        .collect()
}

/// The shipped kinds model.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::parse(include_str!("../../models/kinds.tsv")))
}

/// Sees every Arabic quoted span's features as it is classified (the
/// trainer's hook).
pub trait Trace {
    /// The span holds the bytes `start..end`; `feats` are its features;
    /// `named`, whether a word of naming stands before it ([`named`]).
    fn span(&mut self, start: usize, end: usize, feats: &[u32], named: bool);
}

/// The trace that records nothing.
pub struct NoTrace;

impl Trace for NoTrace {
    fn span(&mut self, _: usize, _: usize, _: &[u32], _: bool) {}
}

/// Feature templates: the first byte of a key.
mod t {
    pub const BIAS: u8 = 0;
    pub const PREV: u8 = 1;
    pub const GOV: u8 = 2;
    pub const CLOSURE: u8 = 3;
    pub const WORDS: u8 = 4;
    pub const WORDS_PREV: u8 = 5;
    pub const FIRST: u8 = 6;
    pub const FIRST_PREV: u8 = 7;
    pub const FLAG: u8 = 8;
    pub const MENTION: u8 = 9;
    pub const NEXT: u8 = 10;
    pub const DIST: u8 = 11;
}

const fn key(t: u8, a: u8, b: u8) -> u32 {
    u32::from_be_bytes([t, a, b, 0])
}

#[cfg(feature = "lab")]
const PREV_NAMES: &[&str] = &[
    "start", "colon", "comma", "punct", "anna", "frame", "ba", "termnoun", "prep", "func", "word",
];
#[cfg(feature = "lab")]
const CLOSURE_NAMES: &[&str] = &["paired", "unclosed", "orphan", "colon"];
#[cfg(feature = "lab")]
const WORDS_NAMES: &[&str] = &["1", "2", "3", "4-6", "7+"];
#[cfg(feature = "lab")]
const FIRST_NAMES: &[&str] = &[
    "latin",
    "number",
    "definite",
    "prep+definite",
    "imperfect",
    "particle",
    "prep",
    "other",
];
#[cfg(feature = "lab")]
const FLAG_NAMES: &[&str] = &[
    "latin",
    "sentence-punctuation",
    "trailing-cue",
    "in-clause",
    "starts",
    "prep-after-term-noun",
    "ma+pronoun",
    "after-title",
    "repeated-unquoted",
    "repeated-unquoted-words",
    "repeated-quoted",
    "doc-entity",
];
#[cfg(feature = "lab")]
const MENTION_NAMES: &[&str] = &[
    "none",
    "PER-full",
    "PER-part",
    "ORG-full",
    "ORG-part",
    "LOC-full",
    "LOC-part",
    "other-full",
    "other-part",
];
#[cfg(feature = "lab")]
const NEXT_NAMES: &[&str] = &[
    "end", "stop", "comma", "mark", "punct", "anna", "coord", "prep", "nisba", "word",
];
#[cfg(feature = "lab")]
const DIST_NAMES: &[&str] = &["1", "2-3", "4-8", "9+"];

mod flag {
    pub const LATIN: u8 = 0;
    pub const SENT_PUNCT: u8 = 1;
    pub const TRAILING: u8 = 2;
    pub const IN_CLAUSE: u8 = 3;
    pub const STARTS: u8 = 4;
    pub const PREP_AFTER_TERM_NOUN: u8 = 5;
    pub const MA_PRONOUN: u8 = 6;
    pub const AFTER_TITLE: u8 = 7;
    pub const REPEATED_UNQUOTED: u8 = 8;
    pub const REPEATED_UNQUOTED_WORDS: u8 = 9;
    pub const REPEATED_QUOTED: u8 = 10;
    pub const DOC_ENTITY: u8 = 11;
}

#[cfg(feature = "lab")] // the trainer's (`lab`)
/// The readable name of a feature key (model file comments, `--explain`).
pub fn feature_name(k: u32) -> String {
    let [t, a, b, _] = k.to_be_bytes();
    use super::linear::table_name as n;
    match t {
        t::BIAS => "bias".into(),
        t::PREV => format!("prev={}", n(PREV_NAMES, a)),
        t::GOV if a == 0 => "gov=none".into(),
        t::GOV => format!("gov={}", super::cue::Form::name_of(a)),
        t::CLOSURE => format!("closure={}", n(CLOSURE_NAMES, a)),
        t::WORDS => format!("words={}", n(WORDS_NAMES, a)),
        t::WORDS_PREV => format!("words={} prev={}", n(WORDS_NAMES, a), n(PREV_NAMES, b)),
        t::FIRST => format!("first={}", n(FIRST_NAMES, a)),
        t::FIRST_PREV => format!("first={} prev={}", n(FIRST_NAMES, a), n(PREV_NAMES, b)),
        t::FLAG => n(FLAG_NAMES, a).into(),
        t::MENTION => format!("mention={}", n(MENTION_NAMES, a)),
        t::NEXT => format!("next={}", n(NEXT_NAMES, a)),
        t::DIST => format!("cue-distance={}", n(DIST_NAMES, a)),
        _ => format!("?{t}.{a}.{b}"),
    }
}

/// At most this many words of a quoted span are looked for elsewhere in
/// the article; longer spans are not names.
const MAX_REPEAT_WORDS: usize = 6;
/// How far back an أن may stand from the opening mark and still put the
/// span inside the cue's reported clause.
const CLAUSE_REACH: usize = 60;

/// Facts about the whole article that the features of a span read: how
/// often each quoted span's words stand elsewhere, quoted and unquoted, and
/// the folded texts of the names the tagger found.
pub struct DocIndex {
    /// Hash of a folded word sequence → (quoted, unquoted) occurrences.
    seen: FastMap<u64, (u16, u16)>,
    /// Folded texts of the PER, ORG and LOC mentions.
    names: FastSet<String>,
}

/// The tokens of span `q`'s content, marks excluded.
fn span_tokens(ctx: &Ctx, q: &Quoted) -> std::ops::Range<usize> {
    let doc = ctx.doc;
    let a = doc.tokens_starting_before(q.start);
    a..doc.tokens_ending_by(q.end).max(a)
}

/// A span's word tokens: folded forms, when they are few enough to look for.
fn span_words<'a>(ctx: &'a Ctx, q: &Quoted) -> Option<Vec<&'a str>> {
    let doc = ctx.doc;
    let ws: Vec<&str> = span_tokens(ctx, q)
        .map(|i| &doc.tokens[i])
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.norm.as_str())
        .take(MAX_REPEAT_WORDS + 1)
        .collect();
    (!ws.is_empty() && ws.len() <= MAX_REPEAT_WORDS).then_some(ws)
}

fn hash_words<'w>(ws: impl IntoIterator<Item = &'w str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in ws {
        for b in w.bytes().chain([b' ']) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl DocIndex {
    /// The key of span `q`'s words, when they are at most
    /// [`MAX_REPEAT_WORDS`]: spans with the same folded words share it.
    pub fn words_key(ctx: &Ctx, q: &Quoted) -> Option<u64> {
        span_words(ctx, q).map(hash_words)
    }

    /// Indexes the document for the quoted spans `quoted`.
    pub fn new(ctx: &Ctx, quoted: &[Quoted]) -> DocIndex {
        let doc = ctx.doc;
        let mut seen: FastMap<u64, (u16, u16)> = FastMap::default();
        let mut lens = [false; MAX_REPEAT_WORDS + 1];
        // The first words of the spans: a run starting with any other word
        // is not hashed further (most tokens start no span).
        let mut firsts: FastSet<&str> = FastSet::default();
        for q in quoted.iter().filter(|q| !q.nested) {
            if let Some(ws) = span_words(ctx, q) {
                lens[ws.len()] = true;
                firsts.extend(ws.first().copied());
                seen.insert(hash_words(ws), (0, 0));
            }
        }
        if !seen.is_empty() {
            // One pass: every run of up to MAX_REPEAT_WORDS word tokens
            // starting at each token.
            let n = doc.tokens.len();
            // Whether each spelling starts a span, once asked.
            let mut starts: Vec<Option<bool>> = vec![None; doc.spellings];
            for i in 0..n {
                let t = &doc.tokens[i];
                let first = match starts.get_mut(t.spelling as usize) {
                    Some(s) => *s.get_or_insert_with(|| firsts.contains(t.norm.as_str())),
                    None => firsts.contains(t.norm.as_str()),
                };
                if !first {
                    continue;
                }
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for (len, j) in (i..n.min(i + MAX_REPEAT_WORDS)).enumerate() {
                    let t = &doc.tokens[j];
                    if t.kind == TokenKind::Punct {
                        break;
                    }
                    for b in t.norm.bytes().chain([b' ']) {
                        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                    }
                    if lens[len + 1] {
                        if let Some(c) = seen.get_mut(&h) {
                            let slot = if ctx.quoted[i] { &mut c.0 } else { &mut c.1 };
                            *slot = slot.saturating_add(1);
                        }
                    }
                }
            }
        }
        let names = ctx
            .ents
            .mentions
            .iter()
            .filter(|m| matches!(m.label, Label::PER | Label::ORG | Label::LOC))
            .map(|m| crate::text::key(&ctx.doc.text[m.start..m.end]))
            .collect();
        DocIndex { seen, names }
    }
}

/// What the quotation stage knows about a quoted span when it classifies it.
pub struct Span<'a> {
    pub q: &'a Quoted,
    /// The opening mark, or the first content token.
    pub anchor: usize,
    pub sent_start: usize,
    /// The cue that governs it, if any.
    pub gov: Option<&'a Framed<'a>>,
    /// The governing cue comes after it (`"…"، قال X`).
    pub trailing: bool,
    pub n_words: usize,
}

/// The features of an Arabic quoted span.
pub fn features(ctx: &Ctx, s: &Span, index: &DocIndex) -> Vec<u32> {
    let doc = ctx.doc;
    let q = s.q;
    let mut out = vec![key(t::BIAS, 0, 0)];
    let prev = prev_class(ctx, s);
    let words = match s.n_words {
        0 | 1 => 0,
        2 => 1,
        3 => 2,
        4..=6 => 3,
        _ => 4,
    };
    out.push(key(t::PREV, prev, 0));
    out.push(key(t::WORDS, words, 0));
    out.push(key(t::WORDS_PREV, words, prev));
    out.push(key(t::GOV, s.gov.map_or(0, |f| f.cue.form.code()), 0));
    let closure = match q.closure {
        Closure::Paired => 0,
        Closure::Unclosed => 1,
        Closure::Orphan => 2,
        // Never scored (content::decide_kinds): words after a colon are speech.
        Closure::Colon => 3,
    };
    out.push(key(t::CLOSURE, closure, 0));
    let std::ops::Range { start: a, end: b } = span_tokens(ctx, q);
    if let Some(first) = (a..b)
        .map(|i| &doc.tokens[i])
        .find(|t| t.kind != TokenKind::Punct)
    {
        let shape = first_shape(first);
        out.push(key(t::FIRST, shape, 0));
        out.push(key(t::FIRST_PREV, shape, prev));
    }
    out.push(key(t::MENTION, mention_class(ctx, q, a, b), 0));
    out.push(key(t::NEXT, next_class(ctx, q), 0));
    if let Some(f) = s.gov {
        let d = s.anchor.saturating_sub(f.end_tok());
        let d = match d {
            0 | 1 => 0,
            2 | 3 => 1,
            4..=8 => 2,
            _ => 3,
        };
        out.push(key(t::DIST, d, 0));
    }
    for fl in flags(ctx, s, index, prev, a, b) {
        out.push(key(t::FLAG, fl, 0));
    }
    out
}

/// The token before the opening mark: what the span hangs on.
fn prev_class(ctx: &Ctx, s: &Span) -> u8 {
    let doc = ctx.doc;
    let Some(p) = s.q.open.filter(|&o| o > s.sent_start).map(|o| o - 1) else {
        return 0;
    };
    let t = &doc.tokens[p];
    if !t.is_word() {
        return match t.text(doc.text) {
            ":" => 1,
            "،" | "," => 2,
            _ => 3,
        };
    }
    let w = t.norm.as_str();
    if words::is_anna(w) {
        return 4;
    }
    if s.gov.is_some_and(|f| p >= f.cue.first && p <= f.end_tok()) {
        return 5;
    }
    if strip_conj(w) == "ب" {
        return 6;
    }
    if is_term_noun(w) {
        return 7;
    }
    if words::is_governing_prep(w) {
        return 8;
    }
    if words::is_function(w) {
        return 9;
    }
    10
}

/// A noun after which a quoted span names something, also with a clitic
/// preposition or conjunction glued to it (`لصحيفة "…"`).
fn is_term_noun(w: &str) -> bool {
    words::term_noun_in(w).is_some()
}

/// Whether the quoted words are a name by rule, whatever else the sentence
/// holds: a word of naming stands before them ([`after_naming`]), or they
/// are a head of names and its definite complement ([`headed_name`]).
pub fn named(ctx: &Ctx, s: &Span) -> bool {
    after_naming(ctx, s) || headed_name(ctx, s)
}

/// The word tokens before span `s`'s opening mark, nearest first, within
/// its sentence; `None` for a token that is not a word.
fn words_before<'a>(
    ctx: &'a Ctx,
    s: &Span,
) -> impl Iterator<Item = Option<&'a crate::text::Token>> + 'a {
    let doc = ctx.doc;
    let from = s.sent_start;
    let open = s.q.open.unwrap_or(from);
    (from..open)
        .rev()
        .map(move |i| Some(&doc.tokens[i]).filter(|t| t.is_word()))
}

/// Whether a word of naming stands right before the span's opening mark
/// (`ما يسمى "X"`, `بعنوان "X"`, `تحت عنوان: "X"`), or a word of being
/// known before the ب written apart or باسم (`يعرف بـ"X"`, `المعروفة باسم
/// "X"`; not `لا أحد يعرف "…"`, "knows").
fn after_naming(ctx: &Ctx, s: &Span) -> bool {
    let text = ctx.doc.text;
    let colon =
        s.q.open
            .and_then(|o| o.checked_sub(1))
            .filter(|&p| p >= s.sent_start && ctx.doc.tokens[p].text(text) == ":");
    let mut before = words_before(ctx, s).skip(usize::from(colon.is_some()));
    let Some(w) = before.next().flatten() else {
        return false;
    };
    let w = w.norm.as_str();
    let naming = |w: &str| {
        [w, words::strip_clitic(w)]
            .into_iter()
            .any(words::is_naming_word)
    };
    if naming(w) {
        return true;
    }
    let by = strip_conj(w) == "ب" || words::is_on_behalf(w);
    by && before.next().flatten().is_some_and(|t| {
        let w = strip_conj(&t.norm);
        words::is_known_as(w) || naming(w)
    })
}

/// The fewest words of a name [`headed_name`] reads: two-word constructs
/// are as often a speaker's label (`"اتفاق العار"`, `"قانون الغابة"`) as a
/// name.
const MIN_HEADED_WORDS: usize = 3;

/// Whether the quoted words are an indefinite head of names followed only
/// by definite words and prepositions written apart (`"منتدى المالية
/// العامة في الدول العربية"`, `"خطة العمل المشتركة الشاملة"`): the
/// construct of a proper name. Not a description or predicate (after ب or
/// أنه; after a bare أن it is the clause's subject), not words coordinated with و (`"حملة التشويه والتضليل"`), and
/// not with an indefinite word after the head (`"مقاتلي المعارضة
/// متحصنون"`).
fn headed_name(ctx: &Ctx, s: &Span) -> bool {
    let toks = &ctx.doc.tokens[span_tokens(ctx, s.q)];
    let n = toks.len();
    if !(MIN_HEADED_WORDS..=MAX_REPEAT_WORDS).contains(&n) || toks.iter().any(|t| !t.is_word()) {
        return false;
    }
    let described = words_before(ctx, s).next().flatten().is_some_and(|t| {
        let w = strip_conj(&t.norm);
        is_anna_pronoun(w) || w == "ب"
    });
    let head = toks[0].norm.as_str();
    let is_head = !words::is_definite(head) && super::source::classifier_noun(head);
    // Definite, and not coordinated with و (`والتضليل`).
    let definite = |t: &crate::text::Token| {
        let w = t.norm.as_str();
        (strip_conj(w) == w && words::is_definite(w)) || words::is_governing_prep(w)
    };
    !described && is_head && toks[1..].iter().all(definite)
}

/// أن or إن with a pronoun (`بأنه`, `إنهم`): what follows is a predicate
/// about someone, not a subject.
fn is_anna_pronoun(w: &str) -> bool {
    words::is_anna(w) && w.trim_start_matches('ب').chars().count() > 2
}

/// Whether the span's own context frames it as someone's words: a colon
/// or the speech frame right before it, أن with a pronoun (`بأنهم "…"`,
/// a predicate), or ب after a verb with its object pronoun (`وصفه بـ"…"`,
/// the speaker's own naming).
pub fn framed(ctx: &Ctx, s: &Span, feats: &[u32]) -> bool {
    if introduced(feats) {
        return true;
    }
    let mut before = words_before(ctx, s);
    let Some(w) = before.next().flatten().map(|t| strip_conj(&t.norm)) else {
        return false;
    };
    let object = |t: &crate::text::Token| object_pronoun(ctx, t);
    is_anna_pronoun(w) || (w == "ب" && before.next().flatten().is_some_and(object))
}

/// Whether a word of four letters or more ends in a pronoun, as written
/// (the folded form has ه for ة, `حملة`): `سماه`, `وصفها`, `اعتبرهم`.
fn object_pronoun(ctx: &Ctx, t: &crate::text::Token) -> bool {
    let w = t.text(ctx.doc.text);
    t.norm.chars().count() >= 4 && (w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم"))
}

/// The shape of the first quoted word.
fn first_shape(t: &crate::text::Token) -> u8 {
    match t.kind {
        TokenKind::Latin => return 0,
        TokenKind::Number => return 1,
        _ => {}
    }
    let w = t.norm.as_str();
    let n = w.chars().count();
    if strip_conj(w).starts_with("ال") {
        2
    } else if ["بال", "لل", "كال"].iter().any(|p| w.starts_with(p)) {
        3
    } else if n >= 4 && (w.starts_with(['ي', 'ن']) || w.starts_with("تت")) {
        4
    } else if matches!(w, "لا" | "لم" | "لن" | "ما" | "ليس" | "قد") {
        5
    } else if n >= 4 && w.starts_with(['ب', 'ل']) {
        6
    } else {
        7
    }
}

/// The entity mention that covers most of the span's tokens `a..b`.
fn mention_class(ctx: &Ctx, q: &Quoted, a: usize, b: usize) -> u8 {
    let mut best: Option<(usize, usize)> = None;
    for i in a..b {
        if let Some(m) = ctx.mention(i) {
            let e = &ctx.ents.mentions[m];
            let overlap = e.end.min(q.end).saturating_sub(e.start.max(q.start));
            if best.is_none_or(|(_, o)| overlap > o) {
                best = Some((m, overlap));
            }
        }
    }
    let Some((m, overlap)) = best else {
        return 0;
    };
    // Most of the span: a name in quote marks, maybe with a word of its
    // kind (`"مستشفى X"`).
    let full = u8::from(overlap * 5 < (q.end - q.start) * 4);
    let label = match ctx.ents.mentions[m].label {
        Label::PER => 1,
        Label::ORG => 3,
        Label::LOC => 5,
        _ => 7,
    };
    label + full
}

/// The token after the closing mark: what follows the span.
fn next_class(ctx: &Ctx, q: &Quoted) -> u8 {
    let doc = ctx.doc;
    let Some(c) = q.close else {
        return 0;
    };
    let Some(t) = doc
        .tokens
        .get(c + 1)
        .filter(|_| ctx.para_of_tok(c + 1) == ctx.para_of_tok(c))
    else {
        return 0;
    };
    if !t.is_word() {
        return match t.text(doc.text) {
            "." | "!" | "?" | "؟" => 1,
            "،" | "," => 2,
            _ if super::marks::is_double_at(doc, c + 1) => 3,
            _ => 4,
        };
    }
    let w = t.norm.as_str();
    if words::is_anna(w) || words::is_anna(strip_conj(w)) {
        5
    } else if w == "و" && super::marks::is_double_at(doc, c + 2) {
        6
    } else if words::is_governing_prep(w) {
        7
    } else if words::is_nisba(w) {
        8
    } else {
        9
    }
}

fn flags(ctx: &Ctx, s: &Span, index: &DocIndex, prev: u8, a: usize, b: usize) -> Vec<u8> {
    let doc = ctx.doc;
    let q = s.q;
    let text = &doc.text[q.start..q.end];
    let mut out = Vec::new();
    let latin = (a..b).all(|i| doc.tokens[i].kind != TokenKind::Arabic)
        && (a..b).any(|i| doc.tokens[i].kind == TokenKind::Latin);
    if latin {
        out.push(flag::LATIN);
    }
    let stops = |c: char| matches!(c, '.' | '!' | '?' | '؟');
    if text.trim_end().ends_with(stops) || text.contains(". ") || text.contains("؟ ") {
        out.push(flag::SENT_PUNCT);
    }
    if s.trailing {
        out.push(flag::TRAILING);
    }
    if in_clause(ctx, s) {
        out.push(flag::IN_CLAUSE);
    }
    let para_start = s.anchor > 0 && ctx.para_of_tok(s.anchor - 1) != ctx.para_of_tok(s.anchor);
    if s.anchor == s.sent_start || para_start {
        out.push(flag::STARTS);
    }
    let before = |d: usize| {
        q.open
            .and_then(|o| o.checked_sub(d))
            .filter(|&i| i >= s.sent_start)
            .map(|i| &doc.tokens[i])
            .filter(|t| t.is_word())
    };
    if matches!(prev, 6 | 8) && before(2).is_some_and(|t| is_term_noun(&t.norm)) {
        out.push(flag::PREP_AFTER_TERM_NOUN);
    }
    // `ما سماه "…"`, `مما وصفته "…"`: the speaker's own naming.
    let ma = before(2).is_some_and(|t| matches!(strip_conj(&t.norm), "ما" | "مما"));
    let pron = before(1).is_some_and(|t| object_pronoun(ctx, t));
    if ma && pron {
        out.push(flag::MA_PRONOUN);
    }
    if before(1).is_some_and(|t| words::is_title(words::unconj(&t.norm))) {
        out.push(flag::AFTER_TITLE);
    }
    if let Some(ws) = span_words(ctx, q) {
        let multi = ws.len() > 1;
        let folded = ws.join(" ");
        let &(quoted, unquoted) = index.seen.get(&hash_words(ws)).unwrap_or(&(0, 0));
        if unquoted > 0 {
            out.push(if multi {
                flag::REPEATED_UNQUOTED_WORDS
            } else {
                flag::REPEATED_UNQUOTED
            });
        }
        if quoted > 1 {
            out.push(flag::REPEATED_QUOTED);
        }
        if index.names.contains(&folded) {
            out.push(flag::DOC_ENTITY);
        }
    }
    out
}

/// Whether an أن stands between the governing cue's frame and the opening
/// mark: the span is inside the reported clause (`قال إن الفوز "…"`).
fn in_clause(ctx: &Ctx, s: &Span) -> bool {
    let (Some(f), Some(o)) = (s.gov, s.q.open) else {
        return false;
    };
    let from = (f.end_tok() + 1).max(o.saturating_sub(CLAUSE_REACH));
    (from..o.saturating_sub(1)).any(|k| {
        let t = &ctx.doc.tokens[k];
        t.is_word() && words::is_anna(&t.norm)
    })
}
