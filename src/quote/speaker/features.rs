//! The features that describe a candidate speaker: where it stands
//! relative to the verb, what it is, whether it agrees with the verb, how
//! recently it spoke, what else the sentence holds. A feature is a key of a
//! template and up to three small values ([`key`]); [`feature_name`] renders
//! it readably for the model file.

use super::super::coref::Who;
use super::super::cue::{Cue, Form, Gender};
use super::super::source::Head;
use super::super::words;
use super::super::Ctx;
use super::gather::Raw;
use super::Origin;
use crate::analysis::Label;

pub(crate) const fn key(t: u8, a: u8, b: u8, c: u8) -> u32 {
    u32::from_be_bytes([t, a, b, c])
}

// Feature templates. Each takes up to three small values.
pub(super) const T_ORIGIN: u8 = 1; // origin
pub(super) const T_ORIGIN_FORM: u8 = 2; // origin, form
pub(super) const T_ORIGIN_KIND: u8 = 3; // origin, kind
pub(super) const T_AGREE: u8 = 4; // origin, agreement
pub(super) const T_HIST: u8 = 5; // rank, scope
pub(super) const T_HIST_FORM: u8 = 6; // rank, form
pub(super) const T_HIST_AFTER: u8 = 7; // rank, kind of the phrase after the verb
pub(super) const T_PREP: u8 = 8; // origin, kind
pub(super) const T_LAST: u8 = 9; // origin, is the last speaker
pub(super) const T_NULL_AFTER: u8 = 10; // form, kind of the phrase after the verb
pub(super) const T_LANG: u8 = 11; // origin, language
pub(super) const T_DIST: u8 = 12; // origin, distance bucket
pub(super) const T_KIND_FORM: u8 = 13; // kind, form, origin
pub(super) const T_RECENT: u8 = 14; // rank, scope
pub(super) const T_RECENT_FORM: u8 = 15; // rank, form
pub(super) const T_RECENT_AFTER: u8 = 16; // rank, kind of the phrase after the verb
pub(super) const T_RECENT_SIZE: u8 = 17; // mentions bucket
pub(super) const T_ANTE: u8 = 18; // origin, nominal class
pub(super) const T_ANTE_LABEL: u8 = 19; // class, label
pub(super) const T_ANTE_RANK: u8 = 20; // class, rank
pub(super) const T_ANTE_CHOSEN: u8 = 21; // class, picked by the article's evidence
pub(super) const T_ANTE_AGREE: u8 = 22; // class, agreement, label
pub(super) const T_ANTE_LAST: u8 = 23; // class, is the last speaker
pub(super) const T_HIST_N: u8 = 24; // origin, number of earlier speakers, form
pub(super) const T_SUPPORT: u8 = 25; // origin, origins proposing the same referent
pub(super) const T_HIST_KIND: u8 = 26; // rank, kind, agreement
pub(super) const T_RECENT_KIND: u8 = 27; // rank, kind, agreement
pub(super) const T_RECENT_SPOKE: u8 = 28; // rank, has spoken already
pub(super) const T_SENT_RANK: u8 = 29; // rank, kind, form
pub(super) const T_RECENT_SUBJ: u8 = 30; // rank, subject position, form
pub(super) const T_SENT_SUBJ: u8 = 31; // subject position, kind, form
pub(super) const T_CTX_SUBJ: u8 = 32; // origin, the sentence has a subject mention, form
pub(super) const T_MENTIONED: u8 = 33; // origin, mentioned in this sentence, in the one before
pub(super) const T_LABEL_VERB: u8 = 34; // origin, label, verb gender
pub(super) const T_HIST_INTERVENE: u8 = 35; // rank, subjects introduced since it spoke
pub(super) const T_HIST_SCOPE_FORM: u8 = 36; // rank, scope, form
pub(super) const T_AHEAD: u8 = 37; // rank, kind, commas between
pub(super) const T_AHEAD_AFTER: u8 = 38; // kind of the phrase after the verb, kind
pub(super) const T_IN_WORDS: u8 = 39; // origin, named in the reported words, form

/// The grammatical form of a cue as the model sees it.
pub(super) fn form_code(cue: &Cue) -> u8 {
    let base = match cue.form {
        Form::Finite if cue.conj => 0,
        f => f.code(),
    };
    base + if cue.weak { 8 } else { 0 }
}

/// What a candidate is.
pub(super) fn kind_code(ctx: &Ctx, head: Option<&Head>, who: Option<&Who>) -> u8 {
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
        // A definite title refers back to someone (`المتحدثة`); an
        // indefinite one introduces an unnamed source (`مسؤول`).
        (Some(Head::Title), Some(w)) if definite_at(ctx, w.start) => 17,
        (Some(Head::Title), Some(_)) => 8,
        (Some(Head::Group), Some(w)) if w.named => 9,
        (Some(Head::Group), Some(_)) => 10,
        (Some(Head::Pronoun(_)), Some(_)) => 16,
        (None, Some(w)) => label(w.cluster).unwrap_or(if w.named { 6 } else { 10 }),
    }
}

/// Whether the word holding byte `at` is definite (Arabic), after any
/// conjunction (`والمتحدثة`).
fn definite_at(ctx: &Ctx, at: usize) -> bool {
    ctx.doc
        .token_at(at)
        .is_some_and(|t| super::words::is_definite(&t.norm))
}

pub(super) fn gender_code(g: Gender) -> u8 {
    match g {
        Gender::Masc => 1,
        Gender::Fem => 2,
        Gender::Plural => 3,
        Gender::Unknown => 0,
    }
}

/// Agreement between a candidate's gender and the verb's: 0 unknown, 1
/// agrees, 2 disagrees, then the two genders for finer evidence.
pub(super) fn agreement(who: Gender, verb: Gender) -> u8 {
    if who == Gender::Unknown || verb == Gender::Unknown {
        0
    } else if who.agrees(verb) {
        1
    } else {
        2
    }
}

/// How a template's value is shown in [`feature_name`].
#[derive(Clone, Copy)]
#[cfg(any(test, feature = "lab"))]
enum Show {
    Num,
    Origin,
    Form,
    Kind,
    Unused,
}

#[cfg(any(test, feature = "lab"))]
use Show::{Form as F, Kind as K, Num as N, Origin as O, Unused as U};

/// A template: its key byte, its prefix, and the name and kind of its three
/// values.
#[cfg(any(test, feature = "lab"))]
type Template = (u8, &'static str, [(&'static str, Show); 3]);

/// Every template, for [`feature_name`].
#[rustfmt::skip]
#[cfg(any(test, feature = "lab"))]
const TEMPLATES: &[Template] = &[
    (T_ORIGIN, "", [("origin", O), ("", U), ("", U)]),
    (T_ORIGIN_FORM, "", [("origin", O), ("form", F), ("", U)]),
    (T_ORIGIN_KIND, "", [("origin", O), ("kind", K), ("", U)]),
    (T_AGREE, "", [("origin", O), ("agreement", N), ("who", N)]),
    (T_HIST, "history", [("rank", N), ("scope", N), ("", U)]),
    (T_HIST_FORM, "history", [("rank", N), ("form", F), ("", U)]),
    (T_HIST_AFTER, "history", [("rank", N), ("after-phrase", K), ("", U)]),
    (T_PREP, "after-preposition", [("origin", O), ("kind", K), ("", U)]),
    (T_LAST, "", [("origin", O), ("last-speaker", N), ("", U)]),
    (T_NULL_AFTER, "null", [("form", F), ("after-phrase", K), ("", U)]),
    (T_LANG, "", [("origin", O), ("lang", N), ("", U)]),
    (T_DIST, "", [("origin", O), ("distance", N), ("", U)]),
    (T_KIND_FORM, "", [("kind", K), ("form", F), ("origin", O)]),
    (T_RECENT, "recent", [("rank", N), ("scope", N), ("", U)]),
    (T_RECENT_FORM, "recent", [("rank", N), ("form", F), ("", U)]),
    (T_RECENT_AFTER, "recent", [("rank", N), ("after-phrase", K), ("", U)]),
    (T_RECENT_SIZE, "recent", [("size", N), ("", U), ("", U)]),
    (T_ANTE, "antecedent", [("origin", O), ("class", N), ("", U)]),
    (T_ANTE_LABEL, "antecedent", [("class", N), ("label", K), ("", U)]),
    (T_ANTE_RANK, "antecedent", [("class", N), ("rank", N), ("", U)]),
    (T_ANTE_CHOSEN, "antecedent", [("class", N), ("evidence", N), ("", U)]),
    (T_ANTE_AGREE, "antecedent", [("class", N), ("agreement", N), ("label", K)]),
    (T_ANTE_LAST, "antecedent", [("class", N), ("last-speaker", N), ("", U)]),
    (T_HIST_N, "", [("origin", O), ("speakers-so-far", N), ("form", F)]),
    (T_SUPPORT, "", [("origin", O), ("support", N), ("", U)]),
    (T_HIST_KIND, "history", [("rank", N), ("kind", K), ("agreement", N)]),
    (T_RECENT_KIND, "recent", [("rank", N), ("kind", K), ("agreement", N)]),
    (T_RECENT_SPOKE, "recent", [("rank", N), ("spoke", N), ("", U)]),
    (T_SENT_RANK, "sentence", [("rank", N), ("kind", K), ("form", F)]),
    (T_RECENT_SUBJ, "recent", [("rank", N), ("subject", N), ("form", F)]),
    (T_SENT_SUBJ, "sentence", [("subject", N), ("kind", K), ("form", F)]),
    (T_CTX_SUBJ, "", [("origin", O), ("sentence-has-subject", N), ("form", F)]),
    (T_MENTIONED, "", [("origin", O), ("mentioned-here", N), ("mentioned-before", N)]),
    (T_LABEL_VERB, "", [("origin", O), ("label", N), ("verb-gender", N)]),
    (T_HIST_INTERVENE, "history", [("rank", N), ("subjects-since", N), ("", U)]),
    (T_HIST_SCOPE_FORM, "history", [("rank", N), ("scope", N), ("form", F)]),
    (T_AHEAD, "ahead", [("rank", N), ("kind", K), ("commas", N)]),
    (T_AHEAD_AFTER, "ahead", [("after-phrase", K), ("kind", K), ("", U)]),
    (T_IN_WORDS, "", [("origin", O), ("named-in-words", N), ("form", F)]),
];

#[cfg(any(test, feature = "lab"))]
const ORIGINS: [&str; 8] = [
    "after", "before", "initial", "sentence", "history", "null", "recent", "ahead",
];
#[cfg(any(test, feature = "lab"))]
const KINDS: [&str; 18] = [
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
    "title(definite)",
];

#[cfg(any(test, feature = "lab"))]
fn show(how: Show, x: u8) -> String {
    let name =
        |table: &[&'static str], i: u8| super::super::linear::table_name(table, i).to_string();
    match how {
        Show::Num | Show::Unused => x.to_string(),
        Show::Origin => name(&ORIGINS, x),
        Show::Kind => name(&KINDS, x),
        Show::Form if x & 8 != 0 => format!("{}(weak)", show(Show::Form, x & 7)),
        Show::Form if x == 0 => "finite+conj".into(),
        Show::Form => Form::name_of(x).into(),
    }
}

/// A readable name for a feature key (the model file's comments).
#[cfg(any(test, feature = "lab"))]
pub fn feature_name(k: u32) -> String {
    let [t, a, b, c] = k.to_be_bytes();
    let Some((_, prefix, values)) = TEMPLATES.iter().find(|(id, _, _)| *id == t) else {
        return format!("?{t}.{a}.{b}.{c}");
    };
    let mut out = prefix.to_string();
    for (&(name, how), x) in values.iter().zip([a, b, c]) {
        if !matches!(how, Show::Unused) {
            let sep = if out.is_empty() { "" } else { " " };
            out.push_str(&format!("{sep}{name}={}", show(how, x)));
        }
    }
    out
}

/// The label of a speaker's cluster.
pub(super) fn label_of(ctx: &Ctx, w: &Who) -> Option<Label> {
    w.label(ctx)
}

/// Distance bucket of `n` tokens.
pub(super) fn bucket(n: usize) -> u8 {
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
pub(super) fn scope(ctx: &Ctx, at: usize, cue: usize) -> u8 {
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
pub(super) fn governed(ctx: &Ctx, start: usize) -> bool {
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
pub(super) struct CueView {
    pub(super) form: u8,
    pub(super) verb: Gender,
    pub(super) lang: u8,
    /// Kind of the phrase after the verb, 0 when there is none.
    pub(super) after_kind: u8,
    pub(super) last_speaker: Option<(Option<usize>, std::sync::Arc<str>)>,
    /// How many earlier speakers there are (up to [`HISTORY`]).
    pub(super) hist_n: u8,
}

pub(super) fn features(
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

/// Features of an earlier entity as the antecedent of a nominal subject.
pub(super) fn antecedent_features(
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
