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
//! - the speakers already reported, nearest first (continuations: `وأضاف`),
//!   but no group named in the plural for a singular verb;
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

mod features;
mod gather;

#[cfg(any(test, feature = "lab"))]
pub use features::feature_name;

use super::coref::{Resolver, Who};
use super::cue::{Cue, Form, Gender};
use super::source::{is_arabic_title, Head, Subject};
use super::words;
use super::{Ctx, Lang};
use crate::text::TokenKind;

/// The weights of the speaker model: one per feature key (a template and
/// three values, [`features`]).
pub type Weights = super::linear::Linear<4>;

/// The shipped speaker model.
pub fn model() -> &'static Weights {
    static W: std::sync::OnceLock<Weights> = std::sync::OnceLock::new();
    W.get_or_init(|| Weights::parse(include_str!("../../../models/speaker.tsv")))
}

/// How many earlier speakers a continuation may pick from.
pub(super) const HISTORY: usize = 3;
/// How many named mentions earlier in the sentence are candidates.
pub(super) const SENTENCE_MENTIONS: usize = 3;
/// How far back (tokens) earlier mentions of the sentence are looked for.
pub(super) const SENTENCE_REACH: usize = 40;
/// How many entities mentioned before the sentence are candidates.
pub(super) const RECENT: usize = 4;
/// How many named mentions after the verb are candidates, and how far
/// (tokens) they are looked for.
pub(super) const AHEAD: usize = 3;
pub(super) const AHEAD_REACH: usize = 16;
/// How many mentions back the recent entities are looked for.
pub(super) const RECENT_REACH: usize = 96;
/// How many distinct recent entities are kept (for antecedents by type).
pub(super) const RECENT_KEEP: usize = 10;
/// How many earlier entities of a fitting type a nominal may stand for.
pub(super) const ANTECEDENTS: usize = 3;

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
    #[cfg_attr(not(feature = "lab"), allow(dead_code))] // read by the trainer (`lab`)
    /// Where the reader would have found the candidate.
    pub origin: Origin,
    /// `None` for [`Origin::Null`].
    pub who: Option<Who>,
    /// Feature keys ([`feature_name`] renders them).
    pub feats: Vec<u32>,
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
        let cands = gather::candidates(ctx, cue, verb, r);
        let best = titled_body(ctx, cue, subj, r, &cands)
            .or_else(|| named_subject(ctx, cue, subj, &cands))
            .or_else(|| {
                // A person in construct with a relation or title right
                // after the verb (`وقال وكيل X`, "X's agent") is someone
                // else: the ranking's choice among the others.
                let other = construct_genitive(ctx, cue, subj)?;
                argmax_where(weights, &cands, |c| {
                    c.who.as_ref().is_none_or(|w| w.cluster != Some(other))
                })
            })
            .or_else(|| {
                // `وكانت X قد أعلنت`: X is the subject, whatever follows the
                // verb; the ranking chooses what X stands for.
                subj.filter(|s| super::source::kana_subject(ctx, s, cue))?;
                argmax_where(weights, &cands, |c| c.origin == Origin::Before)
            })
            .or_else(|| topic_subject(ctx, cue, subj, &cands))
            .or_else(|| previous_subject(ctx, cue, subj, &cands))
            .or_else(|| {
                // Not after another cue of the sentence, whose speaker the
                // participle may continue (`قال X …، مشيرا`).
                let s0 = ctx.sentence_start(cue.first);
                let alone = k == 0 || cues[k - 1].last < s0;
                alone
                    .then(|| participle_subject(ctx, cue, &cands))
                    .flatten()
            })
            .or_else(|| {
                // `وأضاف لمجلس الأمن أن`: the body with ل glued to it right
                // after the verb heard the words; it did not say them.
                argmax_where(weights, &cands, |c| {
                    !listener_after_verb(ctx, cue, c) && !listener_of_statement(ctx, cue, c)
                })
            })
            .unwrap_or_else(|| argmax(weights, &cands));
        let span = ctx.doc.tokens[cue.first].start..ctx.doc.tokens[cue.last].end;
        let pick = obs.decide(span, &cands, best).min(cands.len() - 1);
        let mut who = cands[pick].who.clone();
        // English word order decides where it is plain (the model is
        // trained mostly on Arabic): see `source_en::decide`.
        if cue.lang == Lang::English {
            if let Some(w) = super::source_en::decide(ctx, cue, r) {
                who = Some(w);
            }
        }
        if act {
            if let Some(w) = &who {
                let mut w = w.clone();
                if plural_group(ctx, &w) {
                    w.gender = Gender::Plural;
                } else if matches!(verb, Gender::Masc | Gender::Fem) {
                    w.gender = verb;
                }
                r.said(cue.first, w, cue.lang);
            }
        }
        whos.push(who);
    }
    (whos, active)
}

/// Whether `w` is an unnamed Arabic group in the sound plural (`المحللون`,
/// `مستخدمو تويتر`): "they" later, although a verb before it was singular
/// (`وقال المحللون`), so a later `وأضاف` is not theirs.
fn plural_group(ctx: &Ctx, w: &Who) -> bool {
    !w.named
        && w.cluster.is_none()
        && ctx
            .doc
            .token_at(w.start)
            .is_some_and(|t| t.kind == TokenKind::Arabic && words::is_sound_plural(&t.norm))
}

/// A person or organization the tagger named right after an Arabic verb
/// (`وقالت منظمة العمل الدولية إن`) is its subject: the candidate for it,
/// whatever the ranking says of earlier speakers. So is a name the tagger
/// missed when what follows it shows it is one (`وقال X Y، المدير العام
/// …`, `وأوضح X لصحيفة …`), a title or description the article resolves
/// (`وأضاف الوزير`, `وقال بيان السفارة`), and an unnamed source (`وقال
/// مسؤول`); before the verb, a name right before it ([`fronted_subject`]).
fn named_subject(
    ctx: &Ctx,
    cue: &Cue,
    subj: Option<&Subject>,
    cands: &[Candidate],
) -> Option<usize> {
    let s = subj?;
    if cue.lang != Lang::Arabic || cue.form != Form::Finite {
        return None;
    }
    if !s.after {
        return fronted_subject(ctx, cue, s, cands);
    }
    if s.np.start != cue.last + 1 {
        return None;
    }
    let after = |fits: &dyn Fn(&Who) -> bool| candidate(cands, Origin::After, fits);
    if let Some(i) = apposed_person(ctx, s, cands) {
        return Some(i);
    }
    match s.head {
        // The whole phrase is the name: it starts at the phrase's first word.
        Head::Name
            if s.np.len() <= MAX_FRAMED_NAME
                && ctx.word_start(s.np.start) == s.start
                && super::source::frames_a_name(ctx, s) =>
        {
            after(&|w| w.start == s.start && w.end == s.end)
        }
        // A name in quote marks after its classifier (`ذكرت صحيفة "X"`).
        Head::Name if quoted_after_classifier(ctx, s) => {
            after(&|w| w.start == s.start && w.end == s.end)
        }
        // A title and its holder's name in apposition (`قالت رئيسة
        // الجمعية، X Y، …`): the name is the person the title describes.
        Head::Name if appositive_name(ctx, s) => after(&|w| w.start == s.start && w.end == s.end),
        // A title right after the verb that the article resolves (`وأضاف
        // الوزير`, the minister introduced by name; `وقال متحدث باسم
        // الهيئة`, the body named before) is its subject: the phrase's own
        // resolved candidate.
        //
        // Someone the article does not name, said so outright (`وقال
        // مسؤول`, `وأفادت مصادر`, `وقال المحللون`): the speaker is that
        // description, not an earlier speaker.
        Head::Title => after(&|w| w.named && w.start == s.start && w.end == s.end)
            .or_else(|| unnamed_source(ctx, s, cands)),
        // A description the article resolves to a named body (`وقالت
        // الوزارة`, `وقال بيان السفارة`) is that body.
        Head::Group => unnamed_source(ctx, s, cands).or_else(|| {
            after(&|w| w.named && w.cluster.is_some() && w.start == s.start && w.end == s.end)
        }),
        Head::Mention(m) => {
            // The whole phrase is the name, right after the verb: not a
            // title or a description with a name inside (`المتحدث باسم X`,
            // `المسؤول X`).
            let mention = ctx.ents.mentions.get(m)?;
            let first = ctx.mention_token(m);
            if (first != s.np.start && !titled_person(ctx, s.np.start, first, mention))
                || !ends_phrase(ctx, s, mention)
                || governed(ctx, mention)
            {
                return None;
            }
            after(&|w| w.cluster == Some(mention.cluster))
        }
        _ => None,
    }
}

/// A person the tagger named right after a title phrase and a comma (`وقال
/// المتحدث باسم الهيئة، X Y:`): the title's holder, rather than the body
/// the title speaks for.
fn apposed_person(ctx: &Ctx, s: &Subject, cands: &[Candidate]) -> Option<usize> {
    let doc = ctx.doc;
    // The title's genitive may go on in coordinated nouns the phrase left
    // out (`وزيرة الطاقة والمناجم والطاقات المتجددة، X`).
    let mut k = s.np.end;
    while k < s.np.end + MAX_COORDINATED
        && doc.tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Arabic
                && (t.norm.starts_with("وال") || words::is_definite(&t.norm))
        })
    {
        k += 1;
    }
    if !is_arabic_title(ctx, s.np.start) || !ctx.doc.is_comma(k) {
        return None;
    }
    let e = &ctx.ents.mentions[person_at(ctx, k + 1)?];
    candidate(cands, Origin::Ahead, &|w| w.cluster == Some(e.cluster))
}

/// Whether a name ends its phrase, or only an apposition of titles follows
/// it (`X، مدير عام الهيئة`).
fn ends_phrase(ctx: &Ctx, s: &Subject, mention: &crate::entity::Mention) -> bool {
    let doc = ctx.doc;
    let next = doc.tokens_ending_by(mention.end);
    s.np.end == next
        || (s.np.end > next + 1 && doc.is_comma(next) && is_arabic_title(ctx, next + 1))
}

/// The cluster of a person named right after an Arabic verb as the
/// genitive of the indefinite title or relation before it (`وقال وكيل X`,
/// `شقيق X`), not in apposition (`مدربه X`, "his coach X").
fn construct_genitive(ctx: &Ctx, cue: &Cue, subj: Option<&Subject>) -> Option<usize> {
    let s = subj.filter(|s| s.after && cue.lang == Lang::Arabic)?;
    let Head::Mention(m) = s.head else {
        return None;
    };
    let e = ctx.ents.mentions.get(m)?;
    let at = ctx.mention_token(m);
    if at != s.np.start + 1 || e.label != crate::analysis::Label::PER {
        return None;
    }
    // Relations only: a title may also be a given name the tagger left
    // out of the name (`أمير X`, `نجم X`).
    let title = &ctx.doc.tokens[s.np.start];
    words::is_relation(words::unconj(&title.norm)).then_some(e.cluster)
}

/// Whether the words `from..to` before a person's name are its titles
/// (`الشيخ الدكتور X`, `الرئيس الأمريكي X`): a title first, then titles
/// and nationalities only.
fn titled_person(ctx: &Ctx, from: usize, to: usize, mention: &crate::entity::Mention) -> bool {
    let doc = ctx.doc;
    let word = |k: usize| words::unconj(&doc.tokens[k].norm);
    // An indefinite title right before the name is in construct with it
    // (`وكيل X`, "X's agent"; `شقيق X`): X is someone else.
    let construct = |k: usize| !words::is_definite(word(k)) && !words::is_nationality(word(k));
    mention.label == crate::analysis::Label::PER
        && from < to
        && !construct(to - 1)
        && is_arabic_title(ctx, from)
        && (from..to).all(|k| is_arabic_title(ctx, k) || words::is_nationality(word(k)))
}

/// The candidate for a description that introduces someone unnamed rather
/// than referring back to someone named: it opens with an indefinite noun
/// (`مسؤول`, `مصادر`, `أحد السكان`) or a definite sound plural
/// (`المحللون`), and holds no name (`حكومة X` is X's government).
fn unnamed_source(ctx: &Ctx, s: &Subject, cands: &[Candidate]) -> Option<usize> {
    let doc = ctx.doc;
    let head = &doc.tokens[s.np.start];
    // Indefinite nouns before a definite one are definite by construct
    // (`وزيرة الطاقة`, "the minister of energy"; `نائب رئيس الوزراء`),
    // unless the first is a partitive (`أحد السكان`, "one of the
    // residents"). The chain ends at a preposition (`مصدر في الوزارة`),
    // and a word with ل glued is none of it (`مصادر تابعة للحوثيين`).
    let construct = !words::is_partitive(words::unconj(&head.norm))
        && (s.np.start + 1..s.np.end)
            .map(|k| &doc.tokens[k])
            .take_while(|t| t.is_word() && !words::is_function(&t.norm))
            .any(|t| words::strip_conj(&t.norm).starts_with("ال"));
    // A possessive pronoun makes a noun definite too (`والدتها`, "her
    // mother": someone the article may have named).
    let possessed = ["ه", "ها", "هم", "هما", "هن"]
        .iter()
        .any(|p| head.text(doc.text).ends_with(p));
    let indefinite = !words::is_definite(&head.norm) && !construct && !possessed;
    let unnamed = head.is_word()
        && (indefinite || words::is_sound_plural(&head.norm))
        && s.np.clone().all(|k| ctx.mention(k).is_none());
    if !unnamed {
        return None;
    }
    candidate(cands, Origin::After, &|w| {
        !w.named && w.start == s.start && w.end == s.end
    })
}

/// A person or organization the tagger named right before an Arabic verb
/// with no conjunction (`… فيسبوك كشفت أن`, SVO: the phrase read as the
/// verb's subject is the one before it) is its subject, unless a
/// preposition is glued to the name.
fn fronted_subject(ctx: &Ctx, cue: &Cue, s: &Subject, cands: &[Candidate]) -> Option<usize> {
    let Head::Mention(m) = s.head else {
        return None;
    };
    let mention = ctx.ents.mentions.get(m)?;
    if cue.conj
        || !matches!(
            mention.label,
            crate::analysis::Label::PER | crate::analysis::Label::ORG
        )
        || ctx.doc.tokens_ending_by(mention.end) != cue.first
        || governed(ctx, mention)
    {
        return None;
    }
    candidate(cands, Origin::Before, &|w| {
        w.cluster == Some(mention.cluster)
    })
}

/// A bare verb opening its sentence (`وأضاف أن …`) continues the person
/// the sentence before opened with as its verb's subject (`ورفض X
/// الانتقادات …`, VSO), whatever that verb was: a reader follows the
/// sentence's subject, not the last quotation's speaker. The person's gender
/// must fit the verb.
fn previous_subject(
    ctx: &Ctx,
    cue: &Cue,
    subj: Option<&Subject>,
    cands: &[Candidate],
) -> Option<usize> {
    let s0 = ctx.sentence_start(cue.first);
    if subj.is_some()
        || cue.lang != Lang::Arabic
        || cue.form != Form::Finite
        || cue.first != s0
        || s0 == 0
    {
        return None;
    }
    let (m, feminine) = sentence_opener(ctx, ctx.sentence_start(s0 - 1))?;
    // The verb agrees with its subject: a feminine past (`ورفضت X`) is no
    // man's, a masculine one (`ورفض X`, `يرفض X`) no woman's.
    let masculine = feminine == Some(false);
    if (feminine == Some(true) && cue.gender == Gender::Masc)
        || (masculine && cue.gender == Gender::Fem)
    {
        return None;
    }
    let e = &ctx.ents.mentions[m];
    // Someone named before, not introduced by this sentence (`واعتقل X`,
    // a passive, unvowelled, whose subject is no speaker), unless nobody
    // has spoken yet whom the verb could continue.
    let known = ctx.ents.mentions[m.saturating_sub(KNOWN_REACH)..m]
        .iter()
        .any(|o| o.cluster == e.cluster);
    let first_speaker = !cands.iter().any(|c| c.origin == Origin::History);
    if !known && !first_speaker {
        return None;
    }
    // The earlier verb shows the person's gender when nothing else has.
    let fits = |w: &Who| {
        let unknown = w.gender == Gender::Unknown;
        w.cluster == Some(e.cluster)
            && (w.gender == cue.gender
                || (unknown && (cue.gender == Gender::Masc || feminine == Some(true))))
    };
    named_candidate(cands, &fits)
}

/// A title in construct with an organization right after the verb
/// (`وأشار مدرب X إلى`, "X's coach"): the person the article introduced
/// with that title, when it did, not the organization.
fn titled_body(
    ctx: &Ctx,
    cue: &Cue,
    subj: Option<&Subject>,
    r: &Resolver,
    cands: &[Candidate],
) -> Option<usize> {
    let s = subj.filter(|s| s.after && cue.lang == Lang::Arabic)?;
    let Head::Mention(m) = s.head else {
        return None;
    };
    let e = ctx.ents.mentions.get(m)?;
    let title = &ctx.doc.tokens[s.np.start];
    let construct = s.np.start == cue.last + 1
        && ctx.mention_token(m) == s.np.start + 1
        && e.label == crate::analysis::Label::ORG
        && words::is_title(words::unconj(&title.norm))
        && !words::is_definite(&title.norm)
        && ctx.doc.tokens_ending_by(e.end) == s.np.end;
    if !construct {
        return None;
    }
    let who = r.title_exact(ctx, s.np.clone(), s.np.start)?;
    let person = who.cluster?;
    named_candidate(cands, &|w| w.cluster == Some(person))
}

/// The person a sentence starting at token `p0` opens with as the subject
/// of its first word, a verb (VSO: `ورفض X`, `وواصلت الكولومبية، X Y Z`),
/// and the verb's gender as written: `Some(true)` a feminine past (ت),
/// `Some(false)` masculine, `None` a present with ت, either.
fn sentence_opener(ctx: &Ctx, p0: usize) -> Option<(usize, Option<bool>)> {
    let doc = ctx.doc;
    // Not a sentence of someone's words.
    if ctx.quoted.get(p0 + 1).copied().unwrap_or(true) {
        return None;
    }
    let verb = doc.tokens.get(p0).filter(|t| t.kind == TokenKind::Arabic)?;
    let w = words::unconj(&verb.norm);
    if words::is_title(w)
        || words::is_definite(&verb.norm)
        || words::is_function(w)
        || ctx.mention(p0).is_some()
    {
        return None;
    }
    let gender = if w.ends_with('ت') {
        Some(true)
    } else {
        (!w.starts_with('ت')).then_some(false)
    };
    // Titles and nationalities may stand before the name, set off by a
    // comma (`وواصلت الكولومبية، X`).
    let describes = |k: usize| {
        (ctx.mention(k).is_none() && is_arabic_title(ctx, k))
            || words::is_nationality(words::unconj(&doc.tokens[k].norm))
    };
    let mut at = p0 + 1;
    while at < p0 + 1 + MAX_PREVIOUS_TITLES && doc.tokens.get(at).is_some() && describes(at) {
        at += 1;
    }
    if at > p0 + 1 && doc.is_comma(at) {
        at += 1;
    }
    Some((person_at(ctx, at)?, gender))
}

/// The person the tagger found starting at token `at`, or its family part
/// past up to [`MAX_UNTAGGED_GIVEN`] given names it left out (`X Y Z` found
/// as `Z`).
fn person_at(ctx: &Ctx, at: usize) -> Option<usize> {
    let first = (at..=at + MAX_UNTAGGED_GIVEN)
        .take_while(|&j| j == at || super::source::namelike(ctx, j - 1))
        .find(|&j| ctx.mention(j).is_some())?;
    let m = ctx.mention(first)?;
    let person = ctx.ents.mentions[m].label == crate::analysis::Label::PER;
    (person && ctx.mention_token(m) == first).then_some(m)
}

/// Whether a speaker's span opens right after a double quote mark.
fn quoted_name(ctx: &Ctx, w: &Who) -> bool {
    let doc = ctx.doc;
    doc.tokens_ending_by(w.start)
        .checked_sub(1)
        .is_some_and(|p| super::marks::is_double_at(doc, p))
}

/// Whether a name phrase is a classifier noun and the name in quote marks
/// after it (`صحيفة "X"`, `شركة «X»`), as `source` reads one.
fn quoted_after_classifier(ctx: &Ctx, s: &Subject) -> bool {
    let doc = ctx.doc;
    s.np.len() >= 3
        && super::marks::is_double_at(doc, s.np.start + 1)
        && super::source::classifier_noun(&doc.tokens[s.np.start].norm)
}

/// Whether a name phrase is a title's, with the name after a comma (`رئيسة
/// الجمعية، X Y`): the phrase opens with a title and the name's first word
/// follows the comma.
fn appositive_name(ctx: &Ctx, s: &Subject) -> bool {
    let doc = ctx.doc;
    let a = doc.tokens_ending_by(s.start);
    let b = doc.tokens_starting_before(s.end);
    let opener = &doc.tokens[s.np.start];
    b > a
        && b - a <= MAX_FRAMED_NAME
        && a > s.np.start
        && words::is_title(words::unconj(&opener.norm))
        && doc.is_comma(a - 1)
}

/// Whether candidate `c` is named by the word right after the cue's verb or
/// participle, written with a preposition glued to it (`وأضاف لمجلس الأمن`,
/// `للأمم المتحدة`): who heard the words, not the verb's subject.
fn listener_after_verb(ctx: &Ctx, cue: &Cue, c: &Candidate) -> bool {
    // Not after a source phrase or a verbal noun, whose ل names the
    // speaker (`وفقا لـX`, `في تصريح لـX`).
    matches!(cue.form, Form::Finite | Form::Participle)
        && c.origin != Origin::History
        && c.who
            .as_ref()
            .is_some_and(|w| governed_after(ctx, cue, w, 1))
}

/// Whether `w` is named at the `k`-th token after the cue's last, written
/// with a preposition glued to it (`لمجلس الأمن`).
fn governed_after(ctx: &Ctx, cue: &Cue, w: &Who, k: usize) -> bool {
    ctx.doc.tokens_ending_by(w.start) == cue.last + k && features::governed(ctx, w.start)
}

/// Tokens back from a statement noun within which [`listener_of_statement`]
/// looks for the speech verb it hangs on: a speaker's name and a long title
/// (bounded, so that a sentence of many cues stays linear).
const STATEMENT_VERB_REACH: usize = 40;

/// `وقال X … في تصريح لـY "…"`: a statement noun after في, in a sentence
/// whose speech verb came before it, tells how X spoke; the body with ل
/// glued to it right after the noun, or to its classifier (`لصحيفة Y`: a
/// paper, an agency), heard the words, as after a verb. Without the verb
/// before it (`في تصريح لـX، …`), the ل names the speaker.
fn listener_of_statement(ctx: &Ctx, cue: &Cue, c: &Candidate) -> bool {
    let doc = ctx.doc;
    let s0 = ctx.sentence_start(cue.first);
    let after_fi =
        cue.first > s0 && super::words::strip_conj(&doc.tokens[cue.first - 1].norm) == "في";
    let from = s0.max(cue.first.saturating_sub(STATEMENT_VERB_REACH));
    let spoken_before =
        || (from..cue.first - 1).any(|k| super::cue::is_speech_verb(&doc.tokens[k].norm));
    // The outlet right after the noun with ل glued to it (`لـY`), or after
    // its classifier with ل (`لصحيفة Y`).
    let heard = |w: &Who| {
        governed_after(ctx, cue, w, 1)
            || (doc.tokens_ending_by(w.start) == cue.last + 2
                && classifier_with_lam(&doc.tokens[cue.last + 1].norm))
    };
    matches!(cue.form, Form::Masdar)
        && after_fi
        && c.origin != Origin::History
        && c.who.as_ref().is_some_and(heard)
        && spoken_before()
}

/// Whether a folded word is ل and an organization's classifier (`لصحيفة`).
fn classifier_with_lam(norm: &str) -> bool {
    norm.starts_with('ل') && super::words::org_classifier_in(norm).is_some_and(|c| c != norm)
}

/// Whether a mention is written with a preposition glued to it (`لمجلس
/// الأمن`, "to the Security Council"): the object of ل, ب or ك, never the
/// verb's subject.
fn governed(ctx: &Ctx, mention: &crate::entity::Mention) -> bool {
    super::source::clitics_before(ctx, mention).contains(['ل', 'ب', 'ك'])
}

/// `أما X، فقال …` ("as for X, he said"): the name the sentence opens with
/// after أما is the subject of the verb that ف joins to it, unless the verb
/// has a subject of its own after it (`أما X، فقال المدرب Y`).
fn topic_subject(
    ctx: &Ctx,
    cue: &Cue,
    subj: Option<&Subject>,
    cands: &[Candidate],
) -> Option<usize> {
    let doc = ctx.doc;
    // ف the conjunction, not a verb's first letter (`فسّر`).
    let verb = doc.tokens[cue.first].norm.strip_prefix('ف');
    if cue.lang != Lang::Arabic
        || subj.is_some_and(|s| s.after)
        || !verb.is_some_and(|v| super::cue::is_cue_word(v, Lang::Arabic))
    {
        return None;
    }
    let s0 = ctx.sentence_start(cue.first);
    let topic = super::source::initial(ctx, s0, cue.first)?;
    let amma = topic.np.start.checked_sub(1).filter(|&k| k >= s0)?;
    // As written: folding makes `إما` ("either") `اما` too.
    let written = doc.tokens[amma].text(doc.text);
    if !matches!(written.strip_prefix('و').unwrap_or(written), "أما" | "اما")
        || !matches!(topic.head, Head::Mention(_) | Head::Name)
    {
        return None;
    }
    candidate(cands, Origin::Initial, &|w| {
        w.start >= topic.start && w.end <= topic.end
    })
}

/// An Arabic participle (`، قائلا`, `، مشيرة إلى أن`) has the subject of
/// its sentence for its own: the person or organization named at the
/// sentence's start, when its gender fits.
fn participle_subject(ctx: &Ctx, cue: &Cue, cands: &[Candidate]) -> Option<usize> {
    if cue.lang != Lang::Arabic || cue.form != Form::Participle {
        return None;
    }
    use crate::analysis::Label;
    candidate(cands, Origin::Initial, &|w| {
        let label = w.label(ctx);
        // Not a topic set off by a comma (`X، هاجمه Y …، قائلا`): the
        // verb after it has a subject of its own.
        if topic_set_off(ctx, w) {
            return false;
        }
        // A person of the participle's gender, or of none shown yet and a
        // masculine participle; an organization takes either.
        let fits = match label {
            Some(Label::PER) => {
                w.gender == cue.gender
                    || (w.gender == Gender::Unknown && cue.gender == Gender::Masc)
            }
            Some(Label::ORG) => w.gender.agrees(cue.gender) && cue.gender.is_singular(),
            // A name in quote marks the tagger did not type (`وبثت "X"
            // المقطع`): a body's, as an organization.
            None if quoted_name(ctx, w) => w.gender.agrees(cue.gender) && cue.gender.is_singular(),
            _ => false,
        };
        w.named && fits
    })
}

/// Whether the mention of `w` at the start of its sentence (at or just
/// after the words reported for it, a title first) is followed by a comma.
fn topic_set_off(ctx: &Ctx, w: &Who) -> bool {
    let doc = ctx.doc;
    let from = doc.tokens_ending_by(w.start);
    let Some(at) = (from..(from + TOPIC_REACH).min(doc.tokens.len())).find(|&j| {
        w.cluster.is_some() && ctx.mention(j).map(|m| ctx.ents.mentions[m].cluster) == w.cluster
    }) else {
        return false;
    };
    // The name opens its sentence, titles aside (no verb before it).
    let s0 = ctx.sentence_start(at);
    let opens =
        (s0..at).all(|k| is_arabic_title(ctx, k) || words::is_nationality(&doc.tokens[k].norm));
    let end = ctx
        .mention(at)
        .map_or(at, |m| doc.tokens_ending_by(ctx.ents.mentions[m].end));
    opens && doc.is_comma(end)
}

/// How many tokens after a subject's reported words its name is looked for
/// (`الرئيس X`: the title, then the name).
const TOPIC_REACH: usize = 4;

/// The first candidate from `origin` whose speaker `fits`.
fn candidate(cands: &[Candidate], origin: Origin, fits: &dyn Fn(&Who) -> bool) -> Option<usize> {
    cands
        .iter()
        .position(|c| c.origin == origin && c.who.as_ref().is_some_and(fits))
}

/// The first candidate of any origin but nobody whose speaker `fits`.
fn named_candidate(cands: &[Candidate], fits: &dyn Fn(&Who) -> bool) -> Option<usize> {
    cands
        .iter()
        .position(|c| c.origin != Origin::Null && c.who.as_ref().is_some_and(fits))
}

/// Words of a title's genitive coordinated after the phrase read
/// (`والمناجم والطاقات المتجددة`) that [`apposed_person`] passes over.
const MAX_COORDINATED: usize = 4;

/// Name-shaped words before a person's mention that [`apposed_person`]
/// takes as the given names the tagger left out.
const MAX_UNTAGGED_GIVEN: usize = 2;

/// Mentions back from a person's that [`previous_subject`] searches for an
/// earlier one of the same entity (bounded, so that a long text stays
/// linear).
const KNOWN_REACH: usize = 256;

/// Title words before the name that [`previous_subject`] passes over.
const MAX_PREVIOUS_TITLES: usize = 3;

/// Words of the longest untagged name [`named_subject`] takes.
const MAX_FRAMED_NAME: usize = 4;

/// The best-scoring candidate whose speaker `keep` accepts, if any.
fn argmax_where(
    weights: &Weights,
    cands: &[Candidate],
    keep: impl Fn(&Candidate) -> bool,
) -> Option<usize> {
    cands
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .map(|(i, c)| (i, weights.score(&c.feats)))
        .fold(None, |best: Option<(usize, f32)>, (i, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((i, v)),
        })
        .map(|(i, _)| i)
}

fn argmax(weights: &Weights, cands: &[Candidate]) -> usize {
    argmax_where(weights, cands, |_| true).unwrap_or(0)
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
            // English: `"…?" Jane Doe asked` (see source_en).
            || (cue.lang == Lang::English && super::source_en::after_quotation(ctx, cue))
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
