//! Speakers: who said each cue's words, chosen among candidates.
//!
//! A reader finds the speaker of `قال` from several kinds of evidence at
//! once: the noun phrase after the verb or before it, the subject of the
//! sentence, the person who spoke last, whether the verb's gender fits, whether
//! a preposition governs the phrase (`لوكالة X` is the listener), whether a
//! title stands for someone named earlier. This stage gathers, for every cue,
//! the candidates a reader would weigh:
//!
//! - the subject phrase after the verb (VSO) and the one before it (SVO),
//!   found by [`super::source`];
//! - the subject at the start of the sentence (for participles and second
//!   verbs: `X أكد …، مشيرا`);
//! - the named mentions earlier in the sentence;
//! - the speakers already reported, nearest first (continuations: `وأضاف`);
//! - nobody: an unnamed source, or words the article gives to no one.
//!
//! Each candidate is described by a few features (where it stands, what it
//! is, whether it agrees with the verb, how recently it spoke) and scored by a
//! linear model ([`Weights`], `models/speaker.tsv`) learned from annotated
//! articles by `qawl-train speakers`. The best-scoring candidate speaks.
//!
//! Guarantees: a bounded number of candidates per cue, each found by bounded
//! look-around, so the stage is linear in the number of cues; decisions are
//! made in text order, so a continuation only ever looks back.

use super::coref::{Resolver, Who};
use super::cue::{Cue, Form, Gender};
use super::source::{self, Head, Subject};
use super::words;
use super::{Ctx, Lang};
use crate::analysis::Label;
use crate::entity::fasthash::FastMap;
use std::sync::OnceLock;

/// How many earlier speakers a continuation may pick from.
const HISTORY: usize = 3;
/// How many named mentions earlier in the sentence are candidates.
const SENTENCE_MENTIONS: usize = 3;
/// How far back (tokens) earlier mentions of the sentence are looked for.
const SENTENCE_REACH: usize = 40;
/// How many entities mentioned before the sentence are candidates.
const RECENT: usize = 4;
/// How many named mentions after the verb are candidates, and how far
/// (tokens) they are looked for.
const AHEAD: usize = 3;
const AHEAD_REACH: usize = 16;
/// How many mentions back the recent entities are looked for.
const RECENT_REACH: usize = 96;
/// How many distinct recent entities are kept (for antecedents by type).
const RECENT_KEEP: usize = 10;
/// How many earlier entities of a fitting type a nominal may stand for.
const ANTECEDENTS: usize = 3;

/// Where a candidate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Origin {
    /// The subject phrase after the verb.
    After = 0,
    /// The subject phrase before the verb.
    Before = 1,
    /// The subject at the start of the sentence.
    Initial = 2,
    /// A named mention earlier in the sentence.
    Sentence = 3,
    /// A speaker reported earlier.
    History = 4,
    /// Nobody named.
    Null = 5,
    /// A person, organization or place mentioned before the sentence.
    Recent = 6,
    /// A named mention shortly after the verb, past the phrase read as its
    /// subject (`قالت رئيسة الجمعية للصحفيين، X، إن`).
    Ahead = 7,
}

/// One possible speaker of a cue, with the evidence for it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub origin: Origin,
    /// `None` for [`Origin::Null`].
    pub who: Option<Who>,
    /// Feature keys ([`feature_name`] renders them).
    pub feats: Vec<u32>,
}

/// The weights of the speaker model: one per feature key.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    map: FastMap<u32, f32>,
    /// Whether any key is a pair of features ([`pair_key`]).
    pairs: bool,
}

/// The key of a pair of features, for interactions the single features
/// cannot express (a continuation is likely when there is no subject
/// after the verb *and* the speaker spoke in the sentence before). Pair
/// keys have the top bit set; single keys never do.
pub fn pair_key(a: u32, b: u32) -> u32 {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    let h = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    0x8000_0000 | (h >> 33) as u32
}

/// A feature set with every pair of its features added.
pub fn with_pairs(feats: &[u32]) -> Vec<u32> {
    let mut out = feats.to_vec();
    for (i, &a) in feats.iter().enumerate() {
        for &b in &feats[i + 1..] {
            out.push(pair_key(a, b));
        }
    }
    out
}

impl Weights {
    /// Parses the model's text form: one `KEY<TAB>WEIGHT` per line, where
    /// KEY is four numbers joined by `.`; `#` starts a comment.
    pub fn parse(text: &str) -> Weights {
        let mut map = FastMap::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let mut cols = line.split('\t');
            let (Some(k), Some(w)) = (cols.next(), cols.next()) else {
                continue;
            };
            let parts: Vec<u32> = k.split('.').filter_map(|p| p.trim().parse().ok()).collect();
            let (Ok(w), [t, a, b, c]) = (w.trim().parse::<f32>(), parts.as_slice()) else {
                continue;
            };
            map.insert(key(*t as u8, *a as u8, *b as u8, *c as u8), w);
        }
        let pairs = map.keys().any(|k| k & 0x8000_0000 != 0);
        Weights { map, pairs }
    }

    /// Builds weights from `(key, weight)` pairs (the trainer's output).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u32, f32)>) -> Weights {
        let map: FastMap<u32, f32> = pairs.into_iter().filter(|(_, w)| *w != 0.0).collect();
        let pairs = map.keys().any(|k| k & 0x8000_0000 != 0);
        Weights { map, pairs }
    }

    /// The text form [`Weights::parse`] reads, sorted by key, each line with
    /// the feature's name as a comment.
    pub fn to_text(&self) -> String {
        let mut keys: Vec<&u32> = self.map.keys().collect();
        keys.sort();
        let mut out = String::new();
        for k in keys {
            let [t, a, b, c] = k.to_be_bytes();
            out.push_str(&format!(
                "{t}.{a}.{b}.{c}\t{:.4}\t# {}\n",
                self.map[k],
                feature_name(*k)
            ));
        }
        out
    }

    /// The score of a feature set: its features, and every pair of them
    /// when the model has pair weights.
    pub fn score(&self, feats: &[u32]) -> f32 {
        let single: f32 = feats.iter().filter_map(|f| self.map.get(f)).sum();
        if !self.pairs {
            return single;
        }
        let mut sum = single;
        for (i, &a) in feats.iter().enumerate() {
            for &b in &feats[i + 1..] {
                if let Some(w) = self.map.get(&pair_key(a, b)) {
                    sum += w;
                }
            }
        }
        sum
    }

    /// Every `(key, weight)` pair.
    pub fn pairs(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.map.iter().map(|(k, w)| (*k, *w))
    }
}

/// The shipped speaker model.
pub fn model() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| Weights::parse(include_str!("../../models/speaker.tsv")))
}

/// Sees every cue's candidates before the choice is made, and may override
/// it (the trainer uses this to learn, and to follow the gold speaker).
pub trait Observer {
    /// `cands` are the candidates of the cue whose words span the bytes
    /// `cue`; `best` is the model's choice. Returns the index of the
    /// candidate to use.
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize;
}

/// The observer that takes the model's choice.
pub struct Follow;

impl Observer for Follow {
    fn decide(&mut self, _: std::ops::Range<usize>, _: &[Candidate], best: usize) -> usize {
        best
    }
}

const fn key(t: u8, a: u8, b: u8, c: u8) -> u32 {
    u32::from_be_bytes([t, a, b, c])
}

// Feature templates. Each takes up to three small values.
const T_ORIGIN: u8 = 1; // origin
const T_ORIGIN_FORM: u8 = 2; // origin, form
const T_ORIGIN_KIND: u8 = 3; // origin, kind
const T_AGREE: u8 = 4; // origin, agreement
const T_HIST: u8 = 5; // rank, scope
const T_HIST_FORM: u8 = 6; // rank, form
const T_HIST_AFTER: u8 = 7; // rank, kind of the phrase after the verb
const T_PREP: u8 = 8; // origin, kind
const T_LAST: u8 = 9; // origin, is the last speaker
const T_NULL_AFTER: u8 = 10; // form, kind of the phrase after the verb
const T_LANG: u8 = 11; // origin, language
const T_DIST: u8 = 12; // origin, distance bucket
const T_KIND_FORM: u8 = 13; // kind, form, origin
const T_RECENT: u8 = 14; // rank, scope
const T_RECENT_FORM: u8 = 15; // rank, form
const T_RECENT_AFTER: u8 = 16; // rank, kind of the phrase after the verb
const T_RECENT_SIZE: u8 = 17; // mentions bucket
const T_ANTE: u8 = 18; // origin, nominal class
const T_ANTE_LABEL: u8 = 19; // class, label
const T_ANTE_RANK: u8 = 20; // class, rank
const T_ANTE_CHOSEN: u8 = 21; // class, picked by the article's evidence
const T_ANTE_AGREE: u8 = 22; // class, agreement, label
const T_ANTE_LAST: u8 = 23; // class, is the last speaker
const T_HIST_N: u8 = 24; // origin, number of earlier speakers, form
const T_SUPPORT: u8 = 25; // origin, origins proposing the same referent
const T_HIST_KIND: u8 = 26; // rank, kind, agreement
const T_RECENT_KIND: u8 = 27; // rank, kind, agreement
const T_RECENT_SPOKE: u8 = 28; // rank, has spoken already
const T_SENT_RANK: u8 = 29; // rank, kind, form
const T_RECENT_SUBJ: u8 = 30; // rank, subject position, form
const T_SENT_SUBJ: u8 = 31; // subject position, kind, form
const T_CTX_SUBJ: u8 = 32; // origin, the sentence has a subject mention, form
const T_MENTIONED: u8 = 33; // origin, mentioned in this sentence, in the one before
const T_LABEL_VERB: u8 = 34; // origin, label, verb gender
const T_HIST_INTERVENE: u8 = 35; // rank, subjects introduced since it spoke
const T_HIST_SCOPE_FORM: u8 = 36; // rank, scope, form
const T_AHEAD: u8 = 37; // rank, kind, commas between
const T_AHEAD_AFTER: u8 = 38; // kind of the phrase after the verb, kind

/// The grammatical form of a cue as the model sees it.
fn form_code(cue: &Cue) -> u8 {
    let base = match cue.form {
        Form::Finite if cue.conj => 0,
        Form::Finite => 1,
        Form::Participle => 2,
        Form::Masdar => 3,
        Form::MasdarPron => 4,
        Form::Source => 5,
        Form::Relay => 6,
    };
    base + if cue.weak { 8 } else { 0 }
}

/// What a candidate is.
fn kind_code(ctx: &Ctx, head: Option<&Head>, who: Option<&Who>) -> u8 {
    let label = |c: Option<usize>| {
        c.and_then(|c| ctx.ents.clusters.get(c))
            .map(|c| match c.label {
                Label::PER => 1,
                Label::ORG => 2,
                Label::LOC => 3,
                Label::MISC => 4,
                Label::DATE => 5,
            })
    };
    match (head, who) {
        (_, None) => 0,
        (Some(Head::Mention(_)), Some(w)) => label(w.cluster).unwrap_or(6),
        (Some(Head::Name), Some(w)) => label(w.cluster).map_or(6, |l| l + 10),
        (Some(Head::Title), Some(w)) if w.named => 7,
        (Some(Head::Title), Some(_)) => 8,
        (Some(Head::Group), Some(w)) if w.named => 9,
        (Some(Head::Group), Some(_)) => 10,
        (Some(Head::Pronoun(_)), Some(_)) => 16,
        (None, Some(w)) => label(w.cluster).unwrap_or(if w.named { 6 } else { 10 }),
    }
}

fn gender_code(g: Gender) -> u8 {
    match g {
        Gender::Masc => 1,
        Gender::Fem => 2,
        Gender::Plural => 3,
        Gender::Unknown => 0,
    }
}

/// Agreement between a candidate's gender and the verb's: 0 unknown, 1
/// agrees, 2 disagrees, then the two genders for finer evidence.
fn agreement(who: Gender, verb: Gender) -> u8 {
    if who == Gender::Unknown || verb == Gender::Unknown {
        0
    } else if who.agrees(verb) {
        1
    } else {
        2
    }
}

/// A readable name for a feature key.
pub fn feature_name(k: u32) -> String {
    let [t, a, b, c] = k.to_be_bytes();
    let origin = |x: u8| {
        [
            "after", "before", "initial", "sentence", "history", "null", "recent", "ahead",
        ]
        .get(x as usize)
        .copied()
        .unwrap_or("?")
        .to_string()
    };
    let form = |x: u8| {
        let f = [
            "finite+conj",
            "finite",
            "participle",
            "masdar",
            "masdar+pron",
            "source",
            "relay",
        ]
        .get((x & 7) as usize)
        .copied()
        .unwrap_or("?");
        if x & 8 != 0 {
            format!("{f}(weak)")
        } else {
            f.to_string()
        }
    };
    let kind = |x: u8| {
        [
            "none",
            "PER",
            "ORG",
            "LOC",
            "MISC",
            "DATE",
            "name",
            "title→named",
            "title",
            "group→named",
            "group",
            "name→PER",
            "name→ORG",
            "name→LOC",
            "name→MISC",
            "name→DATE",
            "pronoun",
        ]
        .get(x as usize)
        .copied()
        .unwrap_or("?")
        .to_string()
    };
    match t {
        T_ORIGIN => format!("origin={}", origin(a)),
        T_ORIGIN_FORM => format!("origin={} form={}", origin(a), form(b)),
        T_ORIGIN_KIND => format!("origin={} kind={}", origin(a), kind(b)),
        T_AGREE => format!("origin={} agreement={b} who={c}", origin(a)),
        T_HIST => format!("history rank={a} scope={b}"),
        T_HIST_FORM => format!("history rank={a} form={}", form(b)),
        T_HIST_AFTER => format!("history rank={a} after-phrase={}", kind(b)),
        T_PREP => format!("origin={} after-preposition kind={}", origin(a), kind(b)),
        T_LAST => format!("origin={} last-speaker={b}", origin(a)),
        T_NULL_AFTER => format!("null form={} after-phrase={}", form(a), kind(b)),
        T_LANG => format!("origin={} lang={b}", origin(a)),
        T_DIST => format!("origin={} distance={b}", origin(a)),
        T_KIND_FORM => format!("kind={} form={} origin={}", kind(a), form(b), origin(c)),
        T_RECENT => format!("recent rank={a} scope={b}"),
        T_RECENT_FORM => format!("recent rank={a} form={}", form(b)),
        T_RECENT_AFTER => format!("recent rank={a} after-phrase={}", kind(b)),
        T_RECENT_SIZE => format!("recent size={a}"),
        T_ANTE => format!("antecedent origin={} class={b}", origin(a)),
        T_ANTE_LABEL => format!("antecedent class={a} label={}", kind(b)),
        T_ANTE_RANK => format!("antecedent class={a} rank={b}"),
        T_ANTE_CHOSEN => format!("antecedent class={a} evidence={b}"),
        T_ANTE_AGREE => format!("antecedent class={a} agreement={b} label={}", kind(c)),
        T_ANTE_LAST => format!("antecedent class={a} last-speaker={b}"),
        T_HIST_N => format!("origin={} speakers-so-far={b} form={}", origin(a), form(c)),
        T_SUPPORT => format!("origin={} support={b}", origin(a)),
        T_HIST_KIND => format!("history rank={a} kind={} agreement={c}", kind(b)),
        T_RECENT_KIND => format!("recent rank={a} kind={} agreement={c}", kind(b)),
        T_RECENT_SPOKE => format!("recent rank={a} spoke={b}"),
        T_SENT_RANK => format!("sentence rank={a} kind={} form={}", kind(b), form(c)),
        T_RECENT_SUBJ => format!("recent rank={a} subject={b} form={}", form(c)),
        T_SENT_SUBJ => format!("sentence subject={a} kind={} form={}", kind(b), form(c)),
        T_CTX_SUBJ => format!(
            "origin={} sentence-has-subject={b} form={}",
            origin(a),
            form(c)
        ),
        T_MENTIONED => format!(
            "origin={} mentioned-here={b} mentioned-before={c}",
            origin(a)
        ),
        T_LABEL_VERB => format!("origin={} label={b} verb-gender={c}", origin(a)),
        T_HIST_INTERVENE => format!("history rank={a} subjects-since={b}"),
        T_HIST_SCOPE_FORM => format!("history rank={a} scope={b} form={}", form(c)),
        T_AHEAD => format!("ahead rank={a} kind={} commas={c}", kind(b)),
        T_AHEAD_AFTER => format!("ahead after-phrase={} kind={}", kind(a), kind(b)),
        _ if t >= 128 => "pair".to_string(),
        _ => format!("?{t}.{a}.{b}.{c}"),
    }
}

/// The label of a speaker's cluster.
fn label_of(ctx: &Ctx, w: &Who) -> Option<Label> {
    w.cluster
        .and_then(|c| ctx.ents.clusters.get(c))
        .map(|c| c.label)
}

/// Distance bucket of `n` tokens.
fn bucket(n: usize) -> u8 {
    match n {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=7 => 3,
        _ => 4,
    }
}

/// Scope of an earlier speaker relative to the cue: same sentence, same
/// paragraph, the paragraph before, farther.
fn scope(ctx: &Ctx, at: usize, cue: usize) -> u8 {
    if ctx.sentence_start(at) == ctx.sentence_start(cue) {
        0
    } else if ctx.para_of_tok(at) == ctx.para_of_tok(cue) {
        1
    } else if ctx.para_of_tok(at) + 1 == ctx.para_of_tok(cue) {
        2
    } else {
        3
    }
}

/// Whether a preposition governs the mention starting at byte `start`:
/// glued to its word (`لوكالة`, `بالرئيس`) or written before it (`عن X`).
fn governed(ctx: &Ctx, start: usize) -> bool {
    let doc = ctx.doc;
    let i = doc.tokens_ending_by(start);
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    if t.start < start {
        // Something is glued before the name inside its token.
        let glued = &doc.text[t.start..start];
        return glued.chars().any(|c| matches!(c, 'ل' | 'ب' | 'ك'));
    }
    // A preposition glued to a word the article also writes without it
    // (`لمجلس`, `بالقول`).
    if ctx.word_start(i) > t.start {
        let c = doc.text[t.start..].chars().next();
        if matches!(c, Some('ل' | 'ب' | 'ك')) {
            return true;
        }
    }
    i > 0 && {
        let p = &doc.tokens[i - 1];
        p.is_word() && words::is_governing_prep(words::strip_conj(&p.norm))
    }
}

/// Everything the features of one cue's candidates share.
struct CueView {
    form: u8,
    verb: Gender,
    lang: u8,
    /// Kind of the phrase after the verb, 0 when there is none.
    after_kind: u8,
    last_speaker: Option<(Option<usize>, String)>,
    /// How many earlier speakers there are (up to [`HISTORY`]).
    hist_n: u8,
}

fn features(
    ctx: &Ctx,
    v: &CueView,
    cue: &Cue,
    origin: Origin,
    head: Option<&Head>,
    who: Option<&Who>,
    extra: &mut Vec<u32>,
) {
    let o = origin as u8;
    let kind = kind_code(ctx, head, who);
    extra.push(key(T_ORIGIN, o, 0, 0));
    extra.push(key(T_ORIGIN_FORM, o, v.form, 0));
    extra.push(key(T_ORIGIN_KIND, o, kind, 0));
    extra.push(key(T_KIND_FORM, kind, v.form, o));
    extra.push(key(T_LANG, o, v.lang, 0));
    let Some(w) = who else {
        extra.push(key(T_NULL_AFTER, v.form, v.after_kind, 0));
        return;
    };
    extra.push(key(
        T_AGREE,
        o,
        agreement(w.gender, v.verb),
        gender_code(w.gender),
    ));
    if governed(ctx, w.start) && origin != Origin::History {
        extra.push(key(T_PREP, o, kind, 0));
    }
    let is_last = v
        .last_speaker
        .as_ref()
        .is_some_and(|(c, n)| (c.is_some() && *c == w.cluster) || *n == w.name);
    extra.push(key(T_LAST, o, is_last as u8, 0));
    if origin != Origin::History {
        let doc = ctx.doc;
        let at = doc.tokens_ending_by(w.start);
        let d = if at > cue.last {
            at - cue.last - 1
        } else {
            cue.first.saturating_sub(doc.tokens_starting_before(w.end))
        };
        extra.push(key(T_DIST, o, bucket(d), 0));
    }
}

/// Chooses every cue's speaker in text order and records it for the
/// continuations after it. Returns each cue's speaker and whether the cue is
/// trusted (weak cue words only when they govern a quotation).
pub fn choose(
    ctx: &Ctx,
    cues: &[Cue],
    subjects: &[Option<Subject>],
    r: &mut Resolver,
    weights: &Weights,
    obs: &mut dyn Observer,
) -> (Vec<Option<Who>>, Vec<bool>) {
    let mut whos = Vec::with_capacity(cues.len());
    let mut active = Vec::with_capacity(cues.len());
    for (k, cue) in cues.iter().enumerate() {
        let subj = subjects[k].as_ref();
        let act = trusted(ctx, cue, subj);
        active.push(act);
        if cue.in_quote {
            whos.push(None);
            continue;
        }
        let verb = match subj.map(|s| &s.head) {
            Some(Head::Pronoun(g)) => *g,
            _ => cue.gender,
        };
        let cands = candidates(ctx, cue, verb, r);
        let best = argmax(weights, &cands);
        let span = ctx.doc.tokens[cue.first].start..ctx.doc.tokens[cue.last].end;
        let pick = obs.decide(span, &cands, best).min(cands.len() - 1);
        let who = cands[pick].who.clone();
        if act {
            if let Some(w) = &who {
                let mut w = w.clone();
                if matches!(verb, Gender::Masc | Gender::Fem) {
                    w.gender = verb;
                }
                r.said(cue.first, w, cue.lang);
            }
        }
        whos.push(who);
    }
    (whos, active)
}

fn argmax(weights: &Weights, cands: &[Candidate]) -> usize {
    let mut best = 0;
    let mut top = f32::NEG_INFINITY;
    for (i, c) in cands.iter().enumerate() {
        let s = weights.score(&c.feats);
        if s > top {
            top = s;
            best = i;
        }
    }
    best
}

/// Whether a cue is trusted: not inside a quotation, and a weak cue word only
/// when it governs a quotation or begins a clause with أن ahead.
fn trusted(ctx: &Ctx, cue: &Cue, subj: Option<&Subject>) -> bool {
    let frame_end = match subj {
        Some(s) if s.after => s.np.end.saturating_sub(1).max(cue.last),
        _ => cue.last,
    };
    !cue.in_quote
        && (!cue.weak
            || super::cue::governs_soon(ctx, frame_end)
            || (subj.is_some()
                && clause_initial(ctx, cue)
                && super::cue::anna_ahead(ctx, frame_end)))
}

/// Whether a cue begins its clause: sentence start, after punctuation or an
/// auxiliary (a conjunction alone is not enough: `بينه وبين X`).
fn clause_initial(ctx: &Ctx, cue: &Cue) -> bool {
    let i = cue.first;
    i == ctx.sentence_start(i)
        || ctx.doc.tokens.get(i.wrapping_sub(1)).is_some_and(|p| {
            !p.is_word() || words::is_aux(&p.norm) || words::is_aux(words::strip_conj(&p.norm))
        })
}

/// One candidate before its features are computed.
struct Raw {
    origin: Origin,
    head: Option<Head>,
    who: Option<Who>,
    /// For an earlier speaker: its rank (latest first) and scope.
    history: Option<(u8, u8)>,
    /// For an entity mentioned before the sentence: rank, scope, size
    /// bucket, subject position.
    recent: Option<(u8, u8, u8, bool)>,
    /// For the antecedent of a nominal subject (`المتحدثة`, `الشركة`): the
    /// nominal's class, the antecedent's rank and whether the article's own
    /// evidence (a title seen with the name, an organization's head noun)
    /// picks it.
    antecedent: Option<(u8, u8, bool)>,
    /// For a mention earlier in the sentence: its rank, nearest first.
    sentence: Option<u8>,
    /// For an earlier speaker: the token where it last spoke.
    spoke_at: Option<usize>,
    /// For an antecedent: the bytes of the nominal it stands for.
    at: Option<(usize, usize)>,
    /// For a mention ahead of the verb: how many commas stand between.
    commas: u8,
}

impl Raw {
    fn new(origin: Origin, head: Option<Head>, who: Option<Who>) -> Raw {
        Raw {
            origin,
            head,
            who,
            history: None,
            recent: None,
            antecedent: None,
            sentence: None,
            spoke_at: None,
            at: None,
            commas: 0,
        }
    }
}

/// An entity mentioned before the cue's sentence.
struct RecentEntity {
    who: Who,
    scope: u8,
    size: u8,
    /// Whether its last mention stands where a subject stands.
    subject: bool,
}

/// Whether the mention at bytes `start..` stands where a clause's subject
/// does: first in its sentence (after a conjunction, auxiliary or
/// punctuation), or right after a speech verb or a title.
fn subject_position(ctx: &Ctx, start: usize) -> bool {
    let doc = ctx.doc;
    let i = doc.tokens_ending_by(start);
    let s0 = ctx.sentence_start(i);
    let mut k = i;
    // Titles and nationality words before the name belong to its phrase.
    while k > s0 && i - k < 4 {
        let p = &doc.tokens[k - 1];
        let w = words::unconj(&p.norm);
        if p.is_word() && (words::is_title(w) || words::is_nisba(w)) {
            k -= 1;
        } else {
            break;
        }
    }
    if k == s0 {
        return true;
    }
    let p = &doc.tokens[k - 1];
    if !p.is_word() {
        return k - 1 == s0 || matches!(p.text(doc.text), "،" | "," | ":");
    }
    let w = words::strip_conj(&p.norm);
    super::cue::is_cue_word(&p.norm, ctx.lang(k - 1))
        || words::is_aux(w)
        || (k - 1 == s0 && w.chars().count() <= 1)
}

/// The distinct persons, organizations and places mentioned last before
/// the cue's sentence, latest first.
fn recent_entities(ctx: &Ctx, cue: &Cue, r: &Resolver) -> Vec<RecentEntity> {
    let s0 = ctx.sentence_start(cue.first);
    let at = ctx.doc.tokens[s0].start;
    let ms = &ctx.ents.mentions;
    let upto = ms.partition_point(|m| m.start < at);
    let mut out: Vec<RecentEntity> = Vec::new();
    for m in ms[..upto].iter().rev().take(RECENT_REACH) {
        if out.len() == RECENT_KEEP {
            break;
        }
        if !matches!(m.label, Label::PER | Label::ORG | Label::LOC) {
            continue;
        }
        if out.iter().any(|e| e.who.cluster == Some(m.cluster)) {
            continue;
        }
        let tok = ctx.doc.tokens_ending_by(m.start);
        if ctx.quoted.get(tok).copied().unwrap_or(false) {
            continue;
        }
        let mut who = Who::of_mention(ctx, m, Gender::Unknown);
        who.gender = r.gender(&who);
        let size = ctx.ents.clusters.get(m.cluster).map_or(1, |c| c.mentions);
        out.push(RecentEntity {
            who,
            scope: scope(ctx, tok, cue.first),
            size: bucket(size.saturating_sub(1)),
            subject: subject_position(ctx, m.start),
        });
    }
    out
}

/// What kind of nominal heads a subject phrase: 1 a person's title or role,
/// 2 a spokesperson (`المتحدث باسم`, who speaks for an organization), 3 a
/// definite common noun (`الشركة`, `الوزارة`, `المصدر`), 4 an indefinite
/// one (`مصدر عسكري`, `خبراء`), 0 not a nominal.
fn nominal_class(ctx: &Ctx, s: &Subject) -> u8 {
    let doc = ctx.doc;
    let head = words::unconj(&doc.tokens[s.np.start].norm);
    let spokes =
        s.np.clone()
            .any(|j| words::strip_conj(&doc.tokens[j].norm) == "باسم");
    match s.head {
        Head::Title if spokes => 2,
        Head::Title => 1,
        Head::Group if words::is_definite(head) => 3,
        Head::Group => 4,
        _ => 0,
    }
}

/// The candidates of one cue, in a fixed order (ties go to the first).
fn candidates(ctx: &Ctx, cue: &Cue, verb: Gender, r: &Resolver) -> Vec<Candidate> {
    let mut raw: Vec<Raw> = Vec::new();
    let recent = recent_entities(ctx, cue, r);
    let after = source::subject_after(ctx, cue);
    let after_who = after.as_ref().and_then(|s| named(ctx, cue, s, r));
    let after_kind = kind_code(ctx, after.as_ref().map(|s| &s.head), after_who.as_ref());
    let s0 = ctx.sentence_start(cue.first);
    let before = source::subject_before(ctx, cue);
    let initial = (cue.first > s0)
        .then(|| source::initial(ctx, s0, cue.first))
        .flatten();
    for (origin, subj) in [
        (Origin::After, after),
        (Origin::Before, before),
        (Origin::Initial, initial),
    ] {
        let Some(s) = subj else { continue };
        let who = named(ctx, cue, &s, r);
        let class = nominal_class(ctx, &s);
        if class > 0 {
            let fits = |e: &&RecentEntity| match class {
                1 => label_of(ctx, &e.who) == Some(Label::PER),
                2 => matches!(label_of(ctx, &e.who), Some(Label::ORG | Label::LOC)),
                4 => false,
                _ => true,
            };
            for (rank, e) in recent.iter().filter(fits).take(ANTECEDENTS).enumerate() {
                let chosen = who
                    .as_ref()
                    .is_some_and(|w| w.named && w.cluster.is_some() && w.cluster == e.who.cluster);
                let mut c = Raw::new(origin, Some(s.head.clone()), Some(e.who.clone()));
                c.antecedent = Some((class, rank as u8, chosen));
                c.at = Some((s.start, s.end));
                raw.push(c);
            }
        }
        if let Some(w) = who {
            raw.push(Raw::new(origin, Some(s.head.clone()), Some(w)));
        }
    }
    if cue.first > s0 {
        for (rank, w) in sentence_mentions(ctx, s0, cue.first, r)
            .into_iter()
            .enumerate()
        {
            let mut c = Raw::new(Origin::Sentence, None, Some(w));
            c.history = None;
            c.sentence = Some(rank as u8);
            raw.push(c);
        }
    }
    let history = r.recent(cue.first, HISTORY, cue.lang);
    for (rank, (w, commas)) in ahead_mentions(ctx, cue, r).into_iter().enumerate() {
        let mut c = Raw::new(Origin::Ahead, None, Some(w));
        c.sentence = Some(rank as u8);
        c.commas = commas;
        raw.push(c);
    }
    for (rank, (at, w)) in history.iter().cloned().enumerate() {
        let mut c = Raw::new(Origin::History, None, Some(w));
        c.history = Some((rank as u8, scope(ctx, at, cue.first)));
        c.spoke_at = Some(at);
        raw.push(c);
    }
    for (rank, e) in recent.iter().take(RECENT).enumerate() {
        let mut c = Raw::new(Origin::Recent, None, Some(e.who.clone()));
        c.recent = Some((rank as u8, e.scope, e.size, e.subject));
        raw.push(c);
    }
    raw.push(Raw::new(Origin::Null, None, None));
    // A person's gender is grammar, not evidence to weigh: a man whose
    // title shows him never continues a feminine verb, nor a woman a
    // masculine one. (Genders read from earlier verbs are evidence only: the
    // verb may have been misattributed.)
    raw.retain(|c| {
        c.who
            .as_ref()
            .is_none_or(|w| agreement(r.title_gender(w), verb) != 2)
    });

    let last_speaker = r
        .recent(cue.first, 1, cue.lang)
        .into_iter()
        .next()
        .map(|(_, w)| (w.cluster, w.name));
    let view = CueView {
        form: form_code(cue),
        verb,
        lang: (cue.lang == Lang::English) as u8,
        after_kind,
        last_speaker,
        hist_n: history.len() as u8,
    };
    // How many different origins propose each referent: a reader's
    // confidence grows when the sentence, the last speaker and the topic
    // agree.
    let referent = |w: &Who| {
        w.cluster
            .map_or_else(|| w.name.clone(), |c| format!("#{c}"))
    };
    let mut support: FastMap<String, u8> = FastMap::default();
    let mut seen: Vec<(String, u8)> = Vec::new();
    for c in &raw {
        if let Some(w) = &c.who {
            let k = (referent(w), c.origin as u8);
            if !seen.contains(&k) {
                *support.entry(k.0.clone()).or_default() += 1;
                seen.push(k);
            }
        }
    }
    let here = mentioned_clusters(ctx, s0, cue.first);
    let prev_start = if s0 > 0 {
        ctx.sentence_start(s0 - 1)
    } else {
        s0
    };
    let before_here = mentioned_clusters(ctx, prev_start, s0);
    let subj_here = here.iter().any(|&(_, subj)| subj);
    raw.into_iter()
        .map(|c| {
            let mut feats = Vec::with_capacity(24);
            let o = c.origin as u8;
            feats.push(key(T_HIST_N, o, view.hist_n, view.form));
            feats.push(key(T_CTX_SUBJ, o, subj_here as u8, view.form));
            if let Some(w) = &c.who {
                let label = label_of(ctx, w).map_or(0, |l| l as u8 + 1);
                feats.push(key(T_LABEL_VERB, o, label, gender_code(view.verb)));
            }
            if let Some((rank, _)) = c.history {
                let since = c.spoke_at.map_or(0, |at| intervening(ctx, at, cue.first));
                feats.push(key(T_HIST_INTERVENE, rank, since, 0));
            }
            if let Some(cl) = c.who.as_ref().and_then(|w| w.cluster) {
                let in_here = here
                    .iter()
                    .find(|(k, _)| *k == cl)
                    .map_or(0, |&(_, subj)| 1 + subj as u8);
                let in_prev = before_here
                    .iter()
                    .find(|(k, _)| *k == cl)
                    .map_or(0, |&(_, subj)| 1 + subj as u8);
                feats.push(key(T_MENTIONED, o, in_here, in_prev));
            }
            if let Some(w) = &c.who {
                let n = support.get(&referent(w)).copied().unwrap_or(1).min(4);
                feats.push(key(T_SUPPORT, o, n, 0));
                let kind = kind_code(ctx, c.head.as_ref(), Some(w));
                if let Some((rank, _)) = c.history {
                    feats.push(key(T_HIST_KIND, rank, kind, agreement(w.gender, view.verb)));
                }
                if let Some((rank, _, _, _)) = c.recent {
                    feats.push(key(
                        T_RECENT_KIND,
                        rank,
                        kind,
                        agreement(w.gender, view.verb),
                    ));
                    let spoke = history.iter().any(|(_, h)| referent(h) == referent(w));
                    feats.push(key(T_RECENT_SPOKE, rank, spoke as u8, 0));
                }
                if c.origin == Origin::Ahead {
                    feats.push(key(T_AHEAD, c.sentence.unwrap_or(0), kind, c.commas.min(2)));
                    feats.push(key(T_AHEAD_AFTER, view.after_kind, kind, 0));
                } else if let Some(rank) = c.sentence {
                    feats.push(key(T_SENT_RANK, rank, kind, view.form));
                    let subj = subject_position(ctx, w.start);
                    feats.push(key(T_SENT_SUBJ, subj as u8, kind, view.form));
                }
            }
            if let Some(a) = c.antecedent {
                antecedent_features(ctx, &view, &c, a, &mut feats);
                // It competes where the nominal stands: the features of its
                // position, under the antecedent's kind.
                if let (Some(w), Some(at)) = (&c.who, c.at) {
                    let here = Who {
                        start: at.0,
                        end: at.1,
                        ..w.clone()
                    };
                    features(ctx, &view, cue, c.origin, None, Some(&here), &mut feats);
                }
            } else {
                features(
                    ctx,
                    &view,
                    cue,
                    c.origin,
                    c.head.as_ref(),
                    c.who.as_ref(),
                    &mut feats,
                );
            }
            if let Some((rank, sc)) = c.history {
                feats.push(key(T_HIST, rank, sc, 0));
                feats.push(key(T_HIST_FORM, rank, view.form, 0));
                feats.push(key(T_HIST_AFTER, rank, view.after_kind, 0));
                feats.push(key(T_HIST_SCOPE_FORM, rank, sc, view.form));
            }
            if let Some((rank, sc, size, subj)) = c.recent {
                feats.push(key(T_RECENT_SUBJ, rank, subj as u8, view.form));
                feats.push(key(T_RECENT, rank, sc, 0));
                feats.push(key(T_RECENT_FORM, rank, view.form, 0));
                feats.push(key(T_RECENT_AFTER, rank, view.after_kind, 0));
                feats.push(key(T_RECENT_SIZE, size, 0, 0));
            }
            Candidate {
                origin: c.origin,
                who: c.who,
                feats,
            }
        })
        .collect()
}

/// Features of an earlier entity as the antecedent of a nominal subject.
fn antecedent_features(
    ctx: &Ctx,
    v: &CueView,
    c: &Raw,
    (class, rank, chosen): (u8, u8, bool),
    out: &mut Vec<u32>,
) {
    let o = c.origin as u8;
    let w = c.who.as_ref();
    let label = kind_code(ctx, None, w);
    out.push(key(T_ANTE, o, class, 0));
    out.push(key(T_ANTE_LABEL, class, label, 0));
    out.push(key(T_ANTE_RANK, class, rank, 0));
    out.push(key(T_ANTE_CHOSEN, class, chosen as u8, 0));
    if let Some(w) = w {
        out.push(key(T_ANTE_AGREE, class, agreement(w.gender, v.verb), label));
        let is_last = v
            .last_speaker
            .as_ref()
            .is_some_and(|(c, n)| (c.is_some() && *c == w.cluster) || *n == w.name);
        out.push(key(T_ANTE_LAST, class, is_last as u8, 0));
    }
}

/// How many other persons or organizations were introduced in subject
/// position between an earlier speech at token `at` and the cue at `cue`
/// (0, 1, or 2 for more), counting the sentences in between only.
fn intervening(ctx: &Ctx, at: usize, cue: usize) -> u8 {
    let from = ctx.sentence_end(at);
    if from >= cue {
        return 0;
    }
    let n = mentioned_clusters(ctx, from, cue)
        .iter()
        .filter(|(_, subj)| *subj)
        .count();
    n.min(2) as u8
}

/// The clusters of persons and organizations mentioned in tokens
/// `from..to` outside quotations, each with whether one of its mentions
/// there stands in subject position.
fn mentioned_clusters(ctx: &Ctx, from: usize, to: usize) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    let to = to.min(from + SENTENCE_REACH * 2);
    let mut last = usize::MAX;
    for j in from..to {
        let Some(m) = ctx.mention(j) else { continue };
        if m == last || ctx.quoted[j] {
            continue;
        }
        last = m;
        let e = &ctx.ents.mentions[m];
        if !matches!(e.label, Label::PER | Label::ORG) {
            continue;
        }
        let subj = subject_position(ctx, e.start);
        match out.iter_mut().find(|(c, _)| *c == e.cluster) {
            Some(x) => x.1 |= subj,
            None => out.push((e.cluster, subj)),
        }
    }
    out
}

/// The named mentions shortly after the verb, in its clause (up to an
/// إن/أن, a quote mark or the sentence's end), nearest first, each with the
/// number of commas before it.
fn ahead_mentions(ctx: &Ctx, cue: &Cue, r: &Resolver) -> Vec<(Who, u8)> {
    let doc = ctx.doc;
    let end = ctx.sentence_end(cue.last).min(cue.last + 1 + AHEAD_REACH);
    let mut out: Vec<(Who, u8)> = Vec::new();
    let mut commas = 0u8;
    let mut j = cue.last + 1;
    while j < end && out.len() < AHEAD {
        let t = &doc.tokens[j];
        if ctx.quoted[j]
            || super::marks::is_double_at(doc, j)
            || (t.is_word() && words::is_anna(&t.norm))
        {
            break;
        }
        if !t.is_word() {
            commas += matches!(t.text(doc.text), "،" | ",") as u8;
            j += 1;
            continue;
        }
        let Some(m) = ctx.mention(j) else {
            j += 1;
            continue;
        };
        let e = &ctx.ents.mentions[m];
        if matches!(e.label, Label::PER | Label::ORG | Label::LOC) {
            let who = match r.canonical(ctx, e.start, e.end) {
                Some(w) if e.label == Label::PER => Who {
                    start: e.start,
                    end: e.end,
                    ..w
                },
                _ => Who::of_mention(ctx, e, Gender::Unknown),
            };
            out.push((who, commas));
        }
        while j < end && ctx.mention(j) == Some(m) {
            j += 1;
        }
    }
    out
}

/// The named mentions (persons and organizations, and names learned from
/// speaker phrases) earlier in the cue's sentence, nearest first.
fn sentence_mentions(ctx: &Ctx, s0: usize, to: usize, r: &Resolver) -> Vec<Who> {
    let mut out: Vec<Who> = Vec::new();
    let from = s0.max(to.saturating_sub(SENTENCE_REACH));
    let mut j = to;
    while j > from && out.len() < SENTENCE_MENTIONS {
        j -= 1;
        if ctx.quoted[j] {
            continue;
        }
        let Some(m) = ctx.mention(j) else {
            continue;
        };
        let e = &ctx.ents.mentions[m];
        if !matches!(e.label, Label::PER | Label::ORG | Label::LOC) {
            continue;
        }
        let who = match r.canonical(ctx, e.start, e.end) {
            Some(w) if e.label == Label::PER => Who {
                start: e.start,
                end: e.end,
                ..w
            },
            _ => Who::of_mention(ctx, e, Gender::Unknown),
        };
        if !out.iter().any(|o| o.start == who.start) {
            out.push(who);
        }
        // Skip the rest of this mention.
        while j > from && ctx.mention(j - 1) == Some(m) {
            j -= 1;
        }
    }
    out
}

/// The name after a classifier noun that stays outside it (`شركة X`,
/// `منظمة "X"`): its byte span, when the phrase is one.
fn classified_name(ctx: &Ctx, s: &Subject) -> Option<(usize, usize)> {
    let doc = ctx.doc;
    let head = &doc.tokens[s.np.start];
    if ctx.lang(s.np.start) != Lang::Arabic
        || words::is_definite(&head.norm)
        || !words::is_term_noun(words::unconj(&head.norm))
    {
        return None;
    }
    let words: Vec<usize> = (s.np.start + 1..s.np.end)
        .filter(|&j| doc.tokens[j].is_word() && doc.tokens[j].end <= s.end.max(doc.tokens[j].end))
        .collect();
    let (&a, &b) = (words.first()?, words.last()?);
    if !source::namelike(ctx, a) {
        return None;
    }
    Some((doc.tokens[a].start, doc.tokens[b].end))
}

/// The speaker named by a subject phrase.
pub(crate) fn named(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let gender = match cue.gender {
        g @ (Gender::Masc | Gender::Fem) => g,
        _ => Gender::Unknown,
    };
    match s.head {
        Head::Mention(m) => Some(Who::of_mention(ctx, &ctx.ents.mentions[m], gender)),
        Head::Name => {
            let base = r.canonical(ctx, s.start, s.end);
            let text = ctx.doc.text[s.start..s.end].to_string();
            Some(match base {
                Some(b) => Who {
                    start: s.start,
                    end: s.end,
                    gender,
                    ..b
                },
                None => Who {
                    name: text,
                    cluster: None,
                    start: s.start,
                    end: s.end,
                    gender,
                    named: true,
                },
            })
        }
        Head::Title => {
            let at = s.np.start;
            Some(match r.title(ctx, s.np.clone(), at) {
                Some(w) => Who {
                    start: s.start,
                    end: s.end,
                    gender,
                    ..w
                },
                None => Who {
                    name: ctx.doc.text[s.start..s.end].to_string(),
                    cluster: None,
                    start: s.start,
                    end: s.end,
                    gender,
                    named: false,
                },
            })
        }
        Head::Group if classified_name(ctx, s).is_some() => {
            let (start, end) = classified_name(ctx, s)?;
            let base = r.canonical(ctx, start, end);
            Some(Who {
                name: ctx.doc.text[start..end].to_string(),
                cluster: base.and_then(|b| b.cluster),
                start,
                end,
                gender,
                named: true,
            })
        }
        Head::Group => {
            let text = ctx.doc.text[s.start..s.end].to_string();
            let head = ctx.doc.tokens[s.np.start].norm.as_str();
            let last = ctx.doc.tokens[s.np.end - 1].norm.as_str();
            let gender = match ctx.lang(s.np.start) {
                _ if gender != Gender::Unknown => gender,
                Lang::Arabic if head.ends_with('ه') => Gender::Fem,
                // `officials`, `analysts`: not a `he` or `she` later.
                Lang::English if last.ends_with('s') && !last.ends_with("ss") => Gender::Plural,
                _ => gender,
            };
            let at = ctx.doc.tokens[cue.first].start.min(s.start);
            Some(match r.organization(ctx, s.start, s.end, at) {
                Some(w) => Who { gender, ..w },
                None => Who {
                    name: text,
                    cluster: None,
                    start: s.start,
                    end: s.end,
                    gender,
                    named: false,
                },
            })
        }
        Head::Pronoun(g) => r
            .recent(cue.first, HISTORY, cue.lang)
            .into_iter()
            .map(|(_, w)| w)
            .find(|w| w.gender.agrees(g)),
    }
}
