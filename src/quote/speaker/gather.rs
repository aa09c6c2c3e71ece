//! The candidate speakers of a cue, gathered the way a reader looks for
//! them: the verb's subject phrases (and, for a nominal, the entities it may
//! stand for), the sentence's other mentions, the mentions after the verb,
//! the earlier speakers, the entities mentioned before the sentence, and
//! nobody. Every search is bounded ([`super`]'s window constants).

use super::super::coref::{named, Resolver, Who};
use super::super::cue::{Cue, Gender};
use super::super::source::{self, Head, Subject};
use super::super::words;
use super::super::{Ctx, Lang};
use super::features::*;
use super::*;
use crate::analysis::Label;
use crate::entity::fasthash::FastMap;
use crate::entity::org;
use crate::entity::Mention;

/// One candidate before its features are computed.
pub(super) struct Raw {
    pub(super) origin: Origin,
    pub(super) head: Option<Head>,
    pub(super) who: Option<Who>,
    /// For an earlier speaker: its rank (latest first) and scope.
    pub(super) history: Option<(u8, u8)>,
    /// For an entity mentioned before the sentence: rank, scope, size
    /// bucket, subject position.
    pub(super) recent: Option<(u8, u8, u8, bool)>,
    /// For the antecedent of a nominal subject (`المتحدثة`, `الشركة`): the
    /// nominal's class, the antecedent's rank and whether the article's own
    /// evidence (a title seen with the name, an organization's head noun)
    /// picks it.
    pub(super) antecedent: Option<(u8, u8, bool)>,
    /// For a mention earlier in the sentence: its rank, nearest first.
    pub(super) sentence: Option<u8>,
    /// For an earlier speaker: the token where it last spoke.
    pub(super) spoke_at: Option<usize>,
    /// For an antecedent: the bytes of the nominal it stands for.
    pub(super) at: Option<(usize, usize)>,
    /// For a mention ahead of the verb: how many commas stand between.
    pub(super) commas: u8,
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
pub(super) struct RecentEntity {
    pub(super) who: Who,
    pub(super) scope: u8,
    pub(super) size: u8,
    /// Whether its last mention stands where a subject stands.
    pub(super) subject: bool,
}

/// Whether the mention at bytes `start..` stands where a clause's subject
/// does: first in its sentence (after a conjunction, auxiliary or
/// punctuation), or right after a speech verb or a title.
pub(super) fn subject_position(ctx: &Ctx, start: usize) -> bool {
    subject_at_token(ctx, ctx.doc.tokens_ending_by(start))
}

/// [`subject_position`] of mention `m` (an index into the mentions).
fn mention_subject(ctx: &Ctx, m: usize) -> bool {
    subject_at_token(ctx, ctx.mention_token(m))
}

/// [`subject_position`] for a mention starting at token `i`, remembered:
/// the same mentions are asked about for cue after cue (as recent
/// entities, as the sentence's mentions).
fn subject_at_token(ctx: &Ctx, i: usize) -> bool {
    ctx.subject_memo(i, || subject_position_at(ctx, i))
}

/// [`subject_position`] for a mention starting at token `i`.
fn subject_position_at(ctx: &Ctx, i: usize) -> bool {
    let doc = ctx.doc;
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
    super::super::cue::is_cue_word(&p.norm, ctx.lang(k - 1))
        || words::is_aux(w)
        || (k - 1 == s0 && w.chars().count() <= 1)
}

/// The distinct persons, organizations and places mentioned last before
/// the cue's sentence, latest first.
pub(super) fn recent_entities(ctx: &Ctx, cue: &Cue, r: &Resolver) -> Vec<RecentEntity> {
    let s0 = ctx.sentence_start(cue.first);
    let at = ctx.doc.tokens[s0].start;
    let ms = &ctx.ents.mentions;
    let upto = ms.partition_point(|m| m.start < at);
    let mut out: Vec<RecentEntity> = Vec::with_capacity(RECENT_KEEP);
    for (k, m) in ms[..upto].iter().enumerate().rev().take(RECENT_REACH) {
        if out.len() == RECENT_KEEP {
            break;
        }
        if !matches!(m.label, Label::PER | Label::ORG | Label::LOC) {
            continue;
        }
        if out.iter().any(|e| e.who.cluster == Some(m.cluster)) {
            continue;
        }
        let tok = ctx.mention_token(k);
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
            subject: mention_subject(ctx, k),
        });
    }
    out
}

/// What kind of nominal heads a subject phrase: 1 a person's title or role,
/// 2 a spokesperson (`المتحدث باسم`, who speaks for an organization), 3 a
/// definite common noun (`المصدر`, `الباحثون`), 4 an indefinite one (`مصدر
/// عسكري`, `خبراء`), 5 a definite noun that heads organizations' names
/// (`الشركة`, `الوزارة`, `الصحيفة`), 0 not a nominal.
pub(super) fn nominal_class(ctx: &Ctx, s: &Subject) -> u8 {
    let doc = ctx.doc;
    let head = words::unconj(&doc.tokens[s.np.start].norm);
    let spokes =
        s.np.clone()
            .any(|j| words::is_on_behalf(&doc.tokens[j].norm));
    match s.head {
        Head::Title if spokes => 2,
        Head::Title => 1,
        Head::Group if org_head(ctx, s).is_some() => 5,
        Head::Group if words::is_definite(head) => 3,
        Head::Group => 4,
        _ => 0,
    }
}

/// The head noun of a definite subject that heads organizations' names,
/// without its article (`الشركة` → `شركة`, `والوزارة` → `وزارة`).
fn org_head<'a>(ctx: &Ctx<'a, '_>, s: &Subject) -> Option<&'a str> {
    let head = words::unconj(&ctx.doc.tokens[s.np.start].norm);
    let bare = head.strip_prefix("ال")?;
    org::names_kind(bare).then_some(bare)
}

/// The candidates of one cue, in a fixed order (ties go to the first),
/// with their features.
pub(super) fn candidates(ctx: &Ctx, cue: &Cue, verb: Gender, r: &Resolver) -> Vec<Candidate> {
    let recent = recent_entities(ctx, cue, r);
    let history = r.recent(cue.first, HISTORY, cue.lang);
    let (mut raw, after_kind) = subject_candidates(ctx, cue, r, &recent);
    raw.extend(context_candidates(ctx, cue, r, &recent, &history));
    // A person's gender is grammar, not evidence to weigh: a man whose
    // title shows him never continues a feminine verb, nor a woman a
    // masculine one. (Genders read from earlier verbs are evidence only: the
    // verb may have been misattributed.)
    raw.retain(|c| {
        c.who
            .as_ref()
            .is_none_or(|w| agreement(r.title_gender(w), verb) != 2)
    });
    let view = CueView {
        form: form_code(cue),
        verb,
        lang: (cue.lang == Lang::English) as u8,
        after_kind,
        last_speaker: history.first().map(|(_, w)| (w.cluster, w.name.clone())),
        hist_n: history.len() as u8,
    };
    let scene = Scene::new(ctx, cue, &raw, &history);
    // A vector of its own: collecting in place into the candidates'
    // buffer shrank it with a realloc per cue.
    let mut out = Vec::with_capacity(raw.len());
    for c in raw {
        let feats = featurize(ctx, cue, &view, &scene, &c);
        out.push(Candidate {
            origin: c.origin,
            who: c.who,
            feats,
        });
    }
    out
}

/// The verb's subject phrases (after it, before it, at the start of the
/// sentence), each as the speaker it names and, for a nominal (`المتحدثة`,
/// `الشركة`), the earlier entities it may stand for. Also the kind of the
/// phrase after the verb, which every candidate's features mention.
fn subject_candidates(
    ctx: &Ctx,
    cue: &Cue,
    r: &Resolver,
    recent: &[RecentEntity],
) -> (Vec<Raw>, u8) {
    // Up to three phrases, each with its antecedents and itself.
    let mut raw = Vec::with_capacity(3 * (ANTECEDENTS + 1) + CONTEXT_CANDIDATES);
    let after = source::subject_after(ctx, cue);
    let after_who = after.as_ref().and_then(|s| named(ctx, cue, s, r));
    let after_kind = kind_code(ctx, after.as_ref().map(|s| &s.head), after_who.as_ref());
    let s0 = ctx.sentence_start(cue.first);
    let before = source::subject_before(ctx, cue);
    let initial = (cue.first > s0)
        .then(|| source::initial(ctx, s0, cue.first))
        .flatten();
    let named_of = |s: &Option<Subject>| s.as_ref().and_then(|s| named(ctx, cue, s, r));
    let (before_who, initial_who) = (named_of(&before), named_of(&initial));
    for (origin, subj, who) in [
        (Origin::After, after, after_who),
        (Origin::Before, before, before_who),
        (Origin::Initial, initial, initial_who),
    ] {
        let Some(s) = subj else { continue };
        antecedents(ctx, r, origin, &s, who.as_ref(), recent, &mut raw);
        if let Some(w) = who {
            raw.push(Raw::new(origin, Some(s.head.clone()), Some(w)));
        }
    }
    (raw, after_kind)
}

/// The entities a nominal subject may stand for, nearest first: persons for
/// a title, organizations and places for a spokesperson, any for a definite
/// noun, none for an indefinite one (an unnamed source).
fn antecedents(
    ctx: &Ctx,
    r: &Resolver,
    origin: Origin,
    s: &Subject,
    who: Option<&Who>,
    recent: &[RecentEntity],
    raw: &mut Vec<Raw>,
) {
    let class = nominal_class(ctx, s);
    if class == 0 {
        return;
    }
    let head = org_head(ctx, s);
    let fits = |e: &&RecentEntity| match class {
        1 => label_of(ctx, &e.who) == Some(Label::PER),
        2 => matches!(label_of(ctx, &e.who), Some(Label::ORG | Label::LOC)),
        // `الشركة` stands for a company, not a country, a person or a bank.
        5 => {
            label_of(ctx, &e.who) == Some(Label::ORG)
                && head.is_some_and(|h| r.org_kind_fits(&e.who, h))
        }
        4 => false,
        _ => true,
    };
    for (rank, e) in recent.iter().filter(fits).take(ANTECEDENTS).enumerate() {
        // The article's own evidence (a title seen with the name, an
        // organization's head noun) picked this one.
        let chosen =
            who.is_some_and(|w| w.named && w.cluster.is_some() && w.cluster == e.who.cluster);
        let mut c = Raw::new(origin, Some(s.head.clone()), Some(e.who.clone()));
        c.antecedent = Some((class, rank as u8, chosen));
        c.at = Some((s.start, s.end));
        raw.push(c);
    }
}

/// The most candidates [`context_candidates`] gives: its vectors (and the
/// subject candidates' it extends) are sized once.
const CONTEXT_CANDIDATES: usize = SENTENCE_MENTIONS + AHEAD + HISTORY + RECENT + 1;

/// The candidates from the context: the sentence's earlier mentions, the
/// mentions after the verb, the earlier speakers, the entities mentioned
/// before the sentence, and nobody.
fn context_candidates(
    ctx: &Ctx,
    cue: &Cue,
    r: &Resolver,
    recent: &[RecentEntity],
    history: &[(usize, Who)],
) -> Vec<Raw> {
    let mut raw = Vec::with_capacity(CONTEXT_CANDIDATES);
    let s0 = ctx.sentence_start(cue.first);
    if cue.first > s0 {
        for (rank, w) in sentence_mentions(ctx, s0, cue.first, r)
            .into_iter()
            .enumerate()
        {
            let mut c = Raw::new(Origin::Sentence, None, Some(w));
            c.sentence = Some(rank as u8);
            raw.push(c);
        }
    }
    for (rank, (w, commas)) in ahead_mentions(ctx, cue, r).into_iter().enumerate() {
        let mut c = Raw::new(Origin::Ahead, None, Some(w));
        c.sentence = Some(rank as u8);
        c.commas = commas;
        raw.push(c);
    }
    // A group (`المحللون`) is not continued by a singular verb (`وأضاف`).
    // Only the candidates drop it: the features of the last speaker and of
    // how many spoke still count it (filtering those too cost 0.01 of
    // who said what held out).
    let continues = |w: &Who| !(w.gender == Gender::Plural && cue.gender.is_singular());
    let history = history.iter().filter(|(_, w)| continues(w)).cloned();
    for (rank, (at, w)) in history.enumerate() {
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
    raw
}

/// What every candidate of a cue is compared with: how many origins propose
/// each referent, and who is mentioned in the cue's sentence and the one
/// before it.
pub(super) struct Scene {
    support: FastMap<Referent, u8>,
    here: Vec<(usize, bool)>,
    before_here: Vec<(usize, bool)>,
    subj_here: bool,
    /// The referents of the earlier speakers.
    spoke: Vec<Referent>,
    /// The clusters named in the reported words right after the cue: a
    /// speaker seldom names themself there (`وأضاف أن X …`).
    said: Vec<usize>,
}

/// The referent a candidate names: its cluster, or its name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Referent {
    Cluster(usize),
    Name(std::sync::Arc<str>),
}

fn referent(w: &Who) -> Referent {
    w.cluster
        .map_or_else(|| Referent::Name(w.name.clone()), Referent::Cluster)
}

impl Scene {
    fn new(ctx: &Ctx, cue: &Cue, raw: &[Raw], history: &[(usize, Who)]) -> Scene {
        // A reader's confidence grows when the sentence, the last speaker
        // and the topic agree: count the origins proposing each referent.
        let mut support: FastMap<Referent, u8> =
            FastMap::with_capacity_and_hasher(raw.len(), Default::default());
        let mut seen: Vec<(Referent, u8)> = Vec::with_capacity(raw.len());
        for c in raw {
            if let Some(w) = &c.who {
                let k = (referent(w), c.origin as u8);
                if !seen.contains(&k) {
                    *support.entry(k.0.clone()).or_default() += 1;
                    seen.push(k);
                }
            }
        }
        let s0 = ctx.sentence_start(cue.first);
        let prev_start = if s0 > 0 {
            ctx.sentence_start(s0 - 1)
        } else {
            s0
        };
        let here = mentioned_clusters(ctx, s0, cue.first);
        let subj_here = here.iter().any(|&(_, subj)| subj);
        Scene {
            said: said_clusters(ctx, cue),
            support,
            before_here: mentioned_clusters(ctx, prev_start, s0),
            here,
            subj_here,
            spoke: history.iter().map(|(_, h)| referent(h)).collect(),
        }
    }

    /// Whether and how cluster `cl` is mentioned: 0 not, 1 yes, 2 in
    /// subject position; in the cue's sentence and in the one before.
    fn mentioned(&self, cl: usize) -> (u8, u8) {
        let find = |v: &[(usize, bool)]| {
            v.iter()
                .find(|(k, _)| *k == cl)
                .map_or(0, |&(_, subj)| 1 + subj as u8)
        };
        (find(&self.here), find(&self.before_here))
    }
}

/// The most features [`featurize`] gives one candidate (32 when every
/// optional one fires): its vector never grows.
const MAX_FEATURES: usize = 32;

/// The features of one candidate.
fn featurize(ctx: &Ctx, cue: &Cue, view: &CueView, scene: &Scene, c: &Raw) -> Vec<u32> {
    let mut feats = Vec::with_capacity(MAX_FEATURES);
    let o = c.origin as u8;
    feats.push(key(T_HIST_N, o, view.hist_n, view.form));
    feats.push(key(T_CTX_SUBJ, o, scene.subj_here as u8, view.form));
    if let Some(w) = &c.who {
        let label = label_of(ctx, w).map_or(0, |l| l as u8 + 1);
        feats.push(key(T_LABEL_VERB, o, label, gender_code(view.verb)));
    }
    if let Some((rank, _)) = c.history {
        let since = c.spoke_at.map_or(0, |at| intervening(ctx, at, cue.first));
        feats.push(key(T_HIST_INTERVENE, rank, since, 0));
    }
    if let Some(cl) = c.who.as_ref().and_then(|w| w.cluster) {
        let (in_here, in_prev) = scene.mentioned(cl);
        feats.push(key(T_MENTIONED, o, in_here, in_prev));
        feats.push(key(
            T_IN_WORDS,
            o,
            scene.said.contains(&cl) as u8,
            view.form,
        ));
    }
    if let Some(w) = &c.who {
        origin_features(ctx, view, scene, c, w, &mut feats);
    }
    match (c.antecedent, &c.who, c.at) {
        (Some(a), Some(w), Some(at)) => {
            antecedent_features(ctx, view, c, a, &mut feats);
            // It competes where the nominal stands: the features of its
            // position, under the antecedent's kind.
            let here = Who {
                start: at.0,
                end: at.1,
                ..w.clone()
            };
            features(ctx, view, cue, c.origin, None, Some(&here), &mut feats);
        }
        _ => features(
            ctx,
            view,
            cue,
            c.origin,
            c.head.as_ref(),
            c.who.as_ref(),
            &mut feats,
        ),
    }
    rank_features(view, c, &mut feats);
    feats
}

/// Features that depend on where a named candidate comes from.
fn origin_features(
    ctx: &Ctx,
    view: &CueView,
    scene: &Scene,
    c: &Raw,
    w: &Who,
    feats: &mut Vec<u32>,
) {
    let o = c.origin as u8;
    let n = scene.support.get(&referent(w)).copied().unwrap_or(1).min(4);
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
        let spoke = scene.spoke.contains(&referent(w));
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

/// Features of an earlier speaker's or a recent entity's rank.
fn rank_features(view: &CueView, c: &Raw, feats: &mut Vec<u32>) {
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
}

/// How many other persons or organizations were introduced in subject
/// position between an earlier speech at token `at` and the cue at `cue`
/// (0, 1, or 2 for more), counting the sentences in between only.
pub(super) fn intervening(ctx: &Ctx, at: usize, cue: usize) -> u8 {
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
/// How far (tokens) after a cue its أن, colon or quote mark is looked for,
/// and how many tokens of the reported words after it are read.
const WORDS_OPEN_REACH: usize = 12;
const WORDS_REACH: usize = 16;

/// The persons and organizations named in the first words a cue reports
/// (after its أن, colon or opening quote mark).
fn said_clusters(ctx: &Ctx, cue: &Cue) -> Vec<usize> {
    let doc = ctx.doc;
    let end = ctx.sentence_end(cue.last).min(doc.tokens.len());
    let open = (cue.last + 1..end.min(cue.last + 1 + WORDS_OPEN_REACH)).find(|&k| {
        let t = &doc.tokens[k];
        if t.is_word() {
            words::is_anna(&t.norm)
        } else {
            ctx.quoted.get(k + 1).is_some_and(|&q| q) || t.text(doc.text) == ":"
        }
    });
    let Some(open) = open else {
        return Vec::new();
    };
    let to = end.min(open + 1 + WORDS_REACH);
    let mut out = Vec::new();
    for (_, m) in named_mentions(ctx, open + 1, to) {
        let cluster = ctx.ents.mentions[m].cluster;
        if !out.contains(&cluster) {
            out.push(cluster);
        }
    }
    out
}

/// Each person's or organization's mention with a token in `from..to`,
/// once, with its first token there: only the tokens inside mentions are
/// visited.
fn named_mentions<'c>(
    ctx: &'c Ctx,
    from: usize,
    to: usize,
) -> impl Iterator<Item = (usize, usize)> + 'c {
    let mut j = ctx.next_mention_token(from);
    let mut last = usize::MAX;
    std::iter::from_fn(move || {
        while j < to {
            let m = ctx.mention(j)?;
            let here = j;
            j = ctx.next_mention_token(j + 1);
            if m != last {
                last = m;
                if matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG) {
                    return Some((here, m));
                }
            }
        }
        None
    })
}

pub(super) fn mentioned_clusters(ctx: &Ctx, from: usize, to: usize) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    let to = to.min(from + SENTENCE_REACH * 2);
    for (here, m) in named_mentions(ctx, from, to) {
        if ctx.quoted[here] {
            continue;
        }
        let e = &ctx.ents.mentions[m];
        let subj = mention_subject(ctx, m);
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
pub(super) fn ahead_mentions(ctx: &Ctx, cue: &Cue, r: &Resolver) -> Vec<(Who, u8)> {
    let doc = ctx.doc;
    let end = ctx.sentence_end(cue.last).min(cue.last + 1 + AHEAD_REACH);
    let mut out: Vec<(Who, u8)> = Vec::new();
    let mut commas = 0u8;
    let mut j = cue.last + 1;
    while j < end && out.len() < AHEAD {
        let t = &doc.tokens[j];
        if ctx.quoted[j]
            || super::super::marks::is_double_at(doc, j)
            || (t.is_word() && words::is_anna(&t.norm))
        {
            break;
        }
        if !t.is_word() {
            commas += crate::text::is_comma(t.text(doc.text)) as u8;
            j += 1;
            continue;
        }
        let Some(m) = ctx.mention(j) else {
            j += 1;
            continue;
        };
        let e = &ctx.ents.mentions[m];
        if matches!(e.label, Label::PER | Label::ORG | Label::LOC) {
            out.push((mention_who(ctx, e, r), commas));
        }
        while j < end && ctx.mention(j) == Some(m) {
            j += 1;
        }
    }
    out
}

/// The speaker a named mention `e` is as a candidate: a person under the
/// fullest form of the name the article gave (at this mention's place),
/// anything else under its cluster's name.
fn mention_who(ctx: &Ctx, e: &Mention, r: &Resolver) -> Who {
    match r.canonical(ctx, e.start, e.end) {
        Some(w) if e.label == Label::PER => Who {
            start: e.start,
            end: e.end,
            ..w
        },
        _ => Who::of_mention(ctx, e, Gender::Unknown),
    }
}

/// The named mentions (persons and organizations, and names learned from
/// speaker phrases) earlier in the cue's sentence, nearest first.
pub(super) fn sentence_mentions(ctx: &Ctx, s0: usize, to: usize, r: &Resolver) -> Vec<Who> {
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
        let who = mention_who(ctx, e, r);
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
