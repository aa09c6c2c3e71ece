//! Who a speaker phrase refers to, learned from the article itself.
//!
//! News reports introduce a person once with title and name (`الرئيس الروسي
//! فلاديمير بوتين`) and then refer to them by the title alone (`وتابع الرئيس
//! الروسي`), by the family name (`بوتين`), or by nothing at all: a bare verb
//! (`وأضاف:`) or participle (`، مضيفا أن`) continues the speaker already
//! established. This stage keeps three memories, all built from the article:
//!
//! - *aliases*: the longest name seen ending in each family name, so `بوتين`
//!   is reported as `فلاديمير بوتين`;
//! - *titles*: every title phrase seen right before a name, and the title
//!   words of every speaker phrase (`المتحدثة باسم الوزارة X`), so a title
//!   alone resolves to the last person introduced with it (falling back to
//!   the same nationality adjective, `الرئيس التركي` ↔ `نظيره التركي X`, then
//!   to the same head title with no nationality against it, `المدرب` ↔
//!   `مدرب الفريق X`); a title with an organization in its genitive
//!   (`وزيرة الخارجية X`) stands for the person introduced with exactly
//!   that phrase, before or after, rather than for the organization;
//! - *history*: the speakers so far, with the gender their verbs showed, so
//!   `وأضافت` continues the last speaker who can be feminine;
//! - *organizations*: every organization named (by the tagger, or by its
//!   shape as a speaker: `وزارة الصحة`), so a generic noun that begins its
//!   name (`الوزارة`, `البنك المركزي`) speaks for the latest one.

use super::cue::{Cue, Gender};
use super::source::{self, namelike, Head, Subject};
use super::words::{self, strip_conj};
use super::{Ctx, Lang};
use crate::analysis::Label;
use crate::entity::fasthash::FastMap;
use std::sync::Arc;

/// How many earlier speakers a pronoun may stand for.
const PRONOUN_ANTECEDENTS: usize = 3;

/// How many organizations with a generic noun's head are weighed, each way.
const MAX_ORG_LOOKUP: usize = 16;

/// A resolved speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Who {
    /// The speaker's name: its cluster's name, or the describing words.
    pub name: Arc<str>,
    /// The speaker's entity cluster, when it is one.
    pub cluster: Option<usize>,
    /// The mention that names the speaker.
    pub start: usize,
    /// Where that mention ends, exclusive.
    pub end: usize,
    /// The speaker's grammatical gender, where known.
    pub gender: Gender,
    /// A named person or organization (not a description).
    pub named: bool,
}

impl Who {
    /// A named speaker that is no known entity: the words at `start..end`.
    pub(crate) fn named_at(ctx: &Ctx, start: usize, end: usize) -> Who {
        Who {
            name: ctx.doc.text[start..end].into(),
            cluster: None,
            start,
            end,
            gender: Gender::Unknown,
            named: true,
        }
    }

    /// What the speaker's entity is, when it is one.
    pub fn label(&self, ctx: &Ctx) -> Option<Label> {
        self.cluster
            .and_then(|c| ctx.ents.clusters.get(c))
            .map(|g| g.label)
    }

    /// The speaker an entity mention names, under its cluster's canonical
    /// name.
    pub fn of_mention(ctx: &Ctx, m: &crate::entity::Mention, gender: Gender) -> Who {
        Who {
            name: ctx
                .cluster_names
                .get(m.cluster)
                .map_or_else(|| ctx.doc.text[m.start..m.end].into(), Arc::clone),
            cluster: Some(m.cluster),
            start: m.start,
            end: m.end,
            gender,
            named: true,
        }
    }
}

#[derive(Clone, Debug)]
struct TitleSeen {
    tok: usize,
    key: String,
    /// The gender its first word shows, when it is a title.
    gender: Option<Gender>,
    nats: Vec<String>,
    who: Who,
}

/// The article's memory of names, titles and speakers.
#[derive(Debug, Default)]
pub struct Resolver {
    /// Folded family name → the fullest name ending in it.
    alias: FastMap<String, Who>,
    titles: Vec<TitleSeen>,
    /// Tokens of the source nouns (`مصدر`, `المصدر`), in text order.
    sources: Vec<usize>,
    history: Vec<(usize, Who, Lang)>,
    /// Genders learned for names from the verbs and pronouns used with them.
    genders: FastMap<Arc<str>, Gender>,
    /// Genders shown by a title before the name (`رئيسة`, `المتحدث`): the
    /// article's own word, unlike a verb that may have been misattributed.
    title_genders: FastMap<Arc<str>, Gender>,
    /// Organizations by their head noun (`وزارة`, `بنك`): where each is
    /// mentioned, which mention, and the folded words of its name.
    orgs: FastMap<String, Vec<(usize, Who, Vec<String>)>>,
    /// Where the article first names an organization, of any head.
    first_org: Option<usize>,
    /// The head nouns each organization's cluster is named with
    /// (`شركة` for `شركة X` and `الشركة الوطنية`): what kind of body it is.
    org_heads: FastMap<usize, Vec<String>>,
}

/// The folded words of a noun phrase with the article taken off its first
/// word (`البنك المركزي` → `بنك المركزي`), so that a bare head noun matches
/// the construct state of a name (`وزارة الصحة`).
fn head_words(text: &str) -> Vec<String> {
    let k = crate::text::key(text);
    let mut ws: Vec<String> = k
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if let Some(f) = ws.first_mut() {
        // No conjunction to strip: spans start after proclitics, and a
        // head noun may itself begin with و (`وزارة`).
        let bare = match f.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 3 => rest,
            _ => f.as_str(),
        };
        *f = bare.to_string();
    }
    ws
}

/// The folded last word of a name, without a conjunction: the alias key.
fn last_key(ctx: &Ctx, start: usize, end: usize) -> Option<String> {
    let text = ctx.doc.text.get(start..end)?;
    let k = crate::text::key(text);
    let last = k.rsplit(' ').next()?;
    Some(strip_conj(last).to_string())
}

impl Resolver {
    /// Learns aliases from the subjects found and the entity mentions, and
    /// titles from every title phrase standing right before a known name.
    pub fn learn(ctx: &Ctx, subjects: &[Option<Subject>]) -> Resolver {
        let mut r = Resolver::default();
        r.learn_organizations(ctx, subjects);
        r.learn_aliases(ctx, subjects);
        r.learn_titles_before_names(ctx);
        r.learn_titles_of_speakers(ctx, subjects);
        r.learn_titles_after_names(ctx);
        r.sources = (0..ctx.doc.tokens.len())
            .filter(|&k| words::is_source_anaphor(words::unconj(&ctx.doc.tokens[k].norm)))
            .collect();
        r.titles.sort_by_key(|t| t.tok);
        r.learn_title_genders();
        r
    }

    /// Every organization named, by its head noun: the tagger's (with a
    /// classifier left outside the name as its head: `شركة X`), and those
    /// the tagger missed, named by their shape as speakers: an indefinite
    /// head noun with a definite genitive (`وزارة الصحة`).
    fn learn_organizations(&mut self, ctx: &Ctx, subjects: &[Option<Subject>]) {
        let doc = ctx.doc;
        for m in ctx.ents.mentions.iter().filter(|m| m.label == Label::ORG) {
            let mut ws = head_words(&doc.text[m.start..m.end]);
            if let Some(head) = classifier_before(ctx, m) {
                ws.insert(0, head.to_string());
            }
            self.add_org(m.start, Who::of_mention(ctx, m, Gender::Unknown), ws);
        }
        for s in subjects.iter().flatten() {
            let construct = s.head == Head::Group
                && s.np.len() >= 2
                && ctx.lang(s.np.start) == Lang::Arabic
                && !words::is_definite(&doc.tokens[s.np.start].norm)
                && words::is_definite(&doc.tokens[s.np.start + 1].norm)
                // A statement is no organization (`بيان الوزارة`).
                && !words::is_statement_noun(words::unconj(&doc.tokens[s.np.start].norm));
            if construct {
                let ws = head_words(&doc.text[s.start..s.end]);
                self.add_org(s.start, Who::named_at(ctx, s.start, s.end), ws);
            }
        }
        for v in self.orgs.values_mut() {
            v.sort_by_key(|(s, _, _)| *s);
        }
    }

    fn add_org(&mut self, at: usize, who: Who, ws: Vec<String>) {
        let Some(h) = ws.first() else { return };
        if let Some(c) = who.cluster.filter(|_| crate::entity::org::names_kind(h)) {
            let heads = self.org_heads.entry(c).or_default();
            if !heads.contains(h) {
                heads.push(h.clone());
            }
        }
        self.orgs.entry(h.clone()).or_default().push((at, who, ws));
        self.first_org = Some(self.first_org.map_or(at, |f| f.min(at)));
    }

    /// The longest name seen ending in each family name: the persons the
    /// tagger found, and the names read from speaker phrases.
    fn learn_aliases(&mut self, ctx: &Ctx, subjects: &[Option<Subject>]) {
        for m in ctx.ents.mentions.iter().filter(|m| m.label == Label::PER) {
            self.remember(ctx, Who::of_mention(ctx, m, Gender::Unknown));
        }
        for s in subjects.iter().flatten().filter(|s| s.head == Head::Name) {
            self.remember(ctx, Who::named_at(ctx, s.start, s.end));
        }
    }

    fn remember(&mut self, ctx: &Ctx, mut who: Who) {
        if let Some(k) = last_key(ctx, who.start, who.end) {
            let e = self.alias.entry(k).or_insert_with(|| who.clone());
            if who.name.chars().count() > e.name.chars().count() {
                // A fuller spelling of a known entity stays that entity.
                who.cluster = who.cluster.or(e.cluster);
                *e = who;
            } else if who.cluster.is_some() && e.cluster.is_none() {
                *e = who;
            }
        }
    }

    /// Name occurrences anywhere: extends a known family name backwards
    /// over name-shaped words, then reads the title phrase before it.
    fn learn_titles_before_names(&mut self, ctx: &Ctx) {
        let doc = ctx.doc;
        for j in 0..doc.tokens.len() {
            let t = &doc.tokens[j];
            if !t.is_word() {
                continue;
            }
            let Some(known) = self.alias.get(strip_conj(&t.norm)).cloned() else {
                continue;
            };
            let sent = ctx.sentence_start(j);
            let mut s = j;
            while s > sent && j - s < 3 && namelike(ctx, s - 1) {
                s -= 1;
            }
            // Words before a known name are part of it only when a title
            // phrase stands before them (`الرئيس الروسي [فلاديمير] بوتين`).
            if s < j && title_before(ctx, sent, s).is_none() {
                s = j;
            }
            // The fuller spelling here becomes the alias when longer.
            let full = &doc.text[ctx.word_start(s)..t.end];
            if full.chars().count() > known.name.chars().count() && known.cluster.is_none() {
                let mut w = known.clone();
                w.name = full.into();
                w.start = ctx.word_start(s);
                w.end = t.end;
                self.alias.insert(strip_conj(&t.norm).to_string(), w);
            }
            let who = self
                .alias
                .get(strip_conj(&t.norm))
                .cloned()
                .unwrap_or(known);
            if let Some((first, (key, nats))) = title_before(ctx, sent, s) {
                self.titles.push(TitleSeen {
                    tok: s,
                    key,
                    gender: title_word_gender(ctx, first),
                    nats,
                    who: Who {
                        start: ctx.word_start(s),
                        end: t.end,
                        ..who
                    },
                });
            }
        }
    }

    /// A title in apposition after a person's name, in construct with what
    /// follows (`X مدرب الفريق`, `X، رئيس شركة Y`): a later `مدرب الفريق`
    /// is X.
    fn learn_titles_after_names(&mut self, ctx: &Ctx) {
        let doc = ctx.doc;
        for m in ctx.ents.mentions.iter().filter(|m| m.label == Label::PER) {
            let mut k = doc.tokens_ending_by(m.end);
            if doc.is_comma(k) {
                k += 1;
            }
            let Some(t) = doc
                .tokens
                .get(k)
                .filter(|t| t.kind == crate::text::TokenKind::Arabic)
            else {
                continue;
            };
            if !words::is_title(&t.norm) || words::is_definite(&t.norm) {
                continue;
            }
            // The genitive: an organization's or place's name, or definite
            // words (`مدرب X`, `وزير الخارجية`), and the kind of body a
            // name's classifier leaves outside it (`مدرب نادي X`).
            let mut end = k + 1;
            let kind_before_name = |j: usize, g: &crate::text::Token| {
                crate::entity::org::names_kind(words::unconj(&g.norm))
                    && j + 1 < k + 1 + MAX_TITLE_GENITIVE
                    && ctx.mention(j + 1).is_some()
            };
            while end < k + 1 + MAX_TITLE_GENITIVE
                && doc.tokens.get(end).is_some_and(|g| {
                    g.is_word()
                        && (ctx.mention(end).is_some()
                            || words::is_definite(&g.norm)
                            || kind_before_name(end, g))
                })
            {
                end += 1;
            }
            if end == k + 1 {
                continue;
            }
            let Some(who) = self.canonical(ctx, m.start, m.end) else {
                continue;
            };
            let (key, nats) = phrase_key(ctx, k..end);
            // No gender from it: a title in apposition is often written
            // masculine for a woman (`X، عضو الحملة`), and the name's key
            // is its family name, which relatives share.
            self.titles.push(TitleSeen {
                tok: k,
                key,
                gender: None,
                nats,
                who,
            });
        }
    }

    /// A speaker phrase may hold a longer title than `title_before` reads
    /// (`المتحدثة باسم الوزارة X`, `مدرب الفريق، التونسي X`): its words
    /// before the name are a title phrase too.
    fn learn_titles_of_speakers(&mut self, ctx: &Ctx, subjects: &[Option<Subject>]) {
        let doc = ctx.doc;
        for s in subjects.iter().flatten() {
            let person = match s.head {
                Head::Name => true,
                Head::Mention(m) => ctx
                    .ents
                    .mentions
                    .get(m)
                    .is_some_and(|e| e.label == Label::PER),
                _ => false,
            };
            let name_tok = doc.tokens_ending_by(s.start);
            let titled = doc.tokens.get(s.np.start).is_some_and(|t| {
                let w = words::unconj(&t.norm);
                match ctx.lang(s.np.start) {
                    Lang::Arabic => words::is_title(w),
                    Lang::English => words::is_en_title(w),
                }
            });
            if !person || !titled || name_tok <= s.np.start || name_tok >= s.np.end {
                continue;
            }
            let Some(who) = self.canonical(ctx, s.start, s.end) else {
                continue;
            };
            let (key, nats) = phrase_key(ctx, s.np.start..name_tok);
            self.titles.push(TitleSeen {
                tok: name_tok,
                key,
                gender: title_word_gender(ctx, s.np.start),
                nats,
                who: Who {
                    start: s.start,
                    end: s.end,
                    ..who
                },
            });
        }
    }

    /// A title shows a person's gender: `رئيسة`, `المتحدثة` before a name
    /// make it a woman's.
    fn learn_title_genders(&mut self) {
        for t in &self.titles {
            let Some(g) = t.gender else {
                continue;
            };
            self.genders.entry(t.who.name.clone()).or_insert(g);
            self.title_genders.entry(t.who.name.clone()).or_insert(g);
        }
    }

    /// The fullest known form of a name.
    pub fn canonical(&self, ctx: &Ctx, start: usize, end: usize) -> Option<Who> {
        let k = last_key(ctx, start, end)?;
        self.alias.get(&k).cloned()
    }

    /// The person a title phrase alone stands for: the latest introduced with
    /// it before token `at` (or, failing that, the next one after), among
    /// the nearest 64 title phrases each way.
    pub fn title(&self, ctx: &Ctx, np: std::ops::Range<usize>, at: usize) -> Option<Who> {
        self.title_by(ctx, np, at, false)
    }

    /// The person introduced with exactly this title phrase (`مدرب X`, not
    /// `مدرب Y`), the latest before token `at` or else the next one.
    pub fn title_exact(&self, ctx: &Ctx, np: std::ops::Range<usize>, at: usize) -> Option<Who> {
        self.title_by(ctx, np, at, true)
    }

    fn title_by(
        &self,
        ctx: &Ctx,
        np: std::ops::Range<usize>,
        at: usize,
        exact: bool,
    ) -> Option<Who> {
        let (key, nats) = phrase_key(ctx, np.clone());
        // Bounded looks back and ahead (titles are sorted by token), so
        // that a long document with many titles stays linear.
        let here = self.titles.partition_point(|t| t.tok < at);
        let pick = |pred: &dyn Fn(&TitleSeen) -> bool| -> Option<Who> {
            self.titles[..here]
                .iter()
                .rev()
                .take(64)
                .find(|t| pred(t))
                .or_else(|| self.titles[here..].iter().take(64).find(|t| pred(t)))
                .map(|t| t.who.clone())
        };
        let found = pick(&|t| t.key == key);
        if exact {
            return found;
        }
        found
            .or_else(|| {
                if nats.is_empty() {
                    None
                } else {
                    pick(&|t| t.nats.iter().any(|n| nats.contains(n)))
                }
            })
            .or_else(|| {
                // The same head title, and no nationality that disagrees:
                // `المدرب` ~ `مدرب الفريق X`, `the Kenyan minister` ~
                // `environment minister X`.
                let lang = ctx.lang(np.start);
                let head = title_head(&key, lang);
                if head.is_empty() {
                    return None;
                }
                pick(&|t| {
                    title_head(&t.key, lang) == head && (nats.is_empty() || t.nats.is_empty())
                })
            })
    }

    /// The organization a generic noun phrase stands for (`الوزارة`,
    /// `البنك المركزي`, `المنظمة`): the latest one mentioned before byte
    /// `at` whose name begins with the phrase's words.
    pub fn organization(&self, ctx: &Ctx, start: usize, end: usize, at: usize) -> Option<Who> {
        self.organization_by(ctx, start, end, at, |ws, name| name.starts_with(ws))
    }

    /// The organization a definite head noun and its nationality stand for
    /// (`الوزارة السعودية`): the latest one mentioned before byte `at` whose
    /// name has the same head and ends in the same nationality, with only
    /// definite nouns between (`وزارة الخارجية السعودية`, not `جامعة X
    /// العربية`).
    pub fn organization_of_nationality(
        &self,
        ctx: &Ctx,
        start: usize,
        end: usize,
        at: usize,
    ) -> Option<Who> {
        self.organization_by(ctx, start, end, at, |ws, name| {
            ws.len() == 2
                && name.last() == ws.last()
                && name[1..name.len() - 1].iter().all(|w| w.starts_with("ال"))
        })
    }

    /// The latest organization before byte `at` (or, with none, the first
    /// after it) with the head noun of the definite phrase at `start..end`
    /// and a longer name that `fits` the phrase's words.
    fn organization_by(
        &self,
        ctx: &Ctx,
        start: usize,
        end: usize,
        at: usize,
        fits: impl Fn(&[String], &[String]) -> bool,
    ) -> Option<Who> {
        let text = ctx.doc.text.get(start..end)?;
        if !words::is_definite(&crate::text::key(text.split(' ').next()?)) {
            return None;
        }
        let ws = head_words(text);
        let seen = self.orgs.get(ws.first()?)?;
        let upto = seen.partition_point(|(s, _, _)| *s < at);
        let fitting =
            |(_, _, name): &&(usize, Who, Vec<String>)| name.len() > ws.len() && fits(&ws, name);
        // The latest before; when the article has named no body yet, the
        // first after: a lead that describes a body (`قالت المنظمة المسؤولة
        // عن …`) names it further down (`منظمة X`), as a reader finds on
        // reading on. After a body was named (`X` alone), the description
        // is more likely that one's, which the ranking weighs.
        let ahead = self.first_org.is_none_or(|f| f >= at);
        let (_, who, _) = seen[..upto]
            .iter()
            .rev()
            .take(MAX_ORG_LOOKUP)
            .find(fitting)
            .or_else(|| {
                let mut after = seen[upto..].iter().take(MAX_ORG_LOOKUP);
                ahead.then(|| after.find(fitting)).flatten()
            })?;
        Some(Who {
            start,
            end,
            ..who.clone()
        })
    }

    /// Whether a definite organization noun with head `head` (`شركة` for
    /// `الشركة`) may stand for `who`: an organization named with that head
    /// noun, or with none the article shows (`فيسبوك`), not a body of
    /// another kind (`الجامعة` is no bank).
    pub fn org_kind_fits(&self, who: &Who, head: &str) -> bool {
        who.cluster
            .and_then(|c| self.org_heads.get(&c))
            .is_none_or(|heads| heads.iter().any(|h| h == head))
    }

    /// Records that `who` spoke at token `at`. Calls come in text order.
    pub fn said(&mut self, at: usize, who: Who, lang: Lang) {
        if matches!(who.gender, Gender::Masc | Gender::Fem) {
            self.genders.insert(who.name.clone(), who.gender);
        }
        self.history.push((at, who, lang));
    }

    /// The gender a title before the name shows, if any.
    pub fn title_gender(&self, w: &Who) -> Gender {
        self.title_genders
            .get(&w.name)
            .copied()
            .unwrap_or(Gender::Unknown)
    }

    /// The gender of a speaker as its verbs and pronouns in the article show
    /// it, when its own is unknown.
    pub fn gender(&self, w: &Who) -> Gender {
        self.gender_of(w)
    }

    fn gender_of(&self, w: &Who) -> Gender {
        match w.gender {
            Gender::Unknown | Gender::Plural => self
                .genders
                .get(&w.name)
                .copied()
                .or_else(|| given_name_gender(&w.name))
                .unwrap_or(w.gender),
            g => g,
        }
    }

    /// The last `n` distinct speakers recorded before token `at` in language
    /// `lang`, latest first, each with the token where it last spoke.
    pub fn recent(&self, at: usize, n: usize, lang: Lang) -> Vec<(usize, Who)> {
        let end = self.history.partition_point(|(k, _, _)| *k < at);
        let mut out: Vec<(usize, Who)> = Vec::with_capacity(n);
        for (k, w, l) in self.history[..end].iter().rev().take(64) {
            if out.len() == n {
                break;
            }
            let same =
                |o: &Who| (o.cluster.is_some() && o.cluster == w.cluster) || o.name == w.name;
            if *l != lang || out.iter().any(|(_, o)| same(o)) {
                continue;
            }
            let mut w = w.clone();
            w.gender = self.gender_of(&w);
            out.push((*k, w));
        }
        out
    }

    /// The latest speaker before token `at` whose gender agrees with `verb`.
    pub fn current(&self, at: usize, verb: Gender, lang: Lang) -> Option<Who> {
        self.current_since(0, at, verb, lang)
    }

    /// The latest speaker recorded in tokens `from..=at` agreeing with
    /// `verb`. Looks back a bounded number of speakers.
    pub fn current_since(&self, from: usize, at: usize, verb: Gender, lang: Lang) -> Option<Who> {
        let end = self.history.partition_point(|(k, _, _)| *k <= at);
        self.history[..end]
            .iter()
            .rev()
            .take(64)
            .take_while(|(k, _, _)| *k >= from)
            .find(|(_, w, l)| *l == lang && self.gender_of(w).agrees(verb))
            .map(|(_, w, _)| {
                let mut w = w.clone();
                w.gender = self.gender_of(&w);
                w
            })
    }
}

/// The classifier noun written before an organization's name and left
/// outside it (`شركة X`, `لصحيفة "X"`: "to the paper X", `منظمة "X"`),
/// without its glued conjunction or preposition: the noun a later
/// `الصحيفة` refers back by.
fn classifier_before<'d>(ctx: &'d Ctx, m: &crate::entity::Mention) -> Option<&'d str> {
    let doc = ctx.doc;
    let mut p = doc.tokens_ending_by(m.start).checked_sub(1)?;
    if super::marks::is_double_at(doc, p) {
        p = p.checked_sub(1)?;
    }
    let t = doc
        .tokens
        .get(p)
        .filter(|t| t.is_word() && t.end < m.start)?;
    // A name's classifier (`منظمة "X"`), or a noun a quoted label follows.
    words::org_classifier_in(&t.norm).or_else(|| words::term_noun_in(&t.norm))
}

/// The gender an Arabic title word at token `j` shows as written: a
/// feminine ending ة (`الوزيرة`; with the article also when misspelt ه,
/// `الوزيره`, where no pronoun can follow), a feminine noun before a
/// pronoun, its ة written ت (`زوجته`, "his wife"; `نظيرته`), or else
/// masculine (`والده`, "his father", though it folds like `والدة`;
/// `مدربه`). `None` when the word is no title.
fn title_word_gender(ctx: &Ctx, j: usize) -> Option<Gender> {
    let t = ctx.doc.tokens.get(j)?;
    let w = words::unconj(&t.norm);
    let own = words::is_title(w);
    let stem = w.strip_suffix('ه').filter(|m| words::is_title(m));
    if !own && stem.is_none() {
        return None;
    }
    let written_ta = t.text(ctx.doc.text).ends_with('ة');
    let pronoun_after_ta = own && (w.ends_with("ته") || w.ends_with("تها"));
    // `w` has its conjunction off already (`unconj`); `is_definite` would
    // strip one more و and read `والده` as `الده`.
    let misspelt = stem.is_some() && (!own || w.starts_with("ال"));
    if (stem.is_some() && written_ta) || pronoun_after_ta || misspelt {
        Some(Gender::Fem)
    } else {
        Some(Gender::Masc)
    }
}

/// The title phrase ending right before token `s`: up to four title,
/// nationality or definite words, the first of them a title. Returns the
/// first title word's token and the phrase's key and nationalities.
fn title_before(ctx: &Ctx, sent: usize, s: usize) -> Option<(usize, (String, Vec<String>))> {
    let doc = ctx.doc;
    let mut k = s;
    while k > sent && s - k < 4 {
        let t = &doc.tokens[k - 1];
        if !t.is_word() {
            break;
        }
        let w = words::unconj(&t.norm);
        let ok = match ctx.lang(k - 1) {
            Lang::Arabic => words::is_title(w) || words::is_nisba(w) || words::is_definite(w),
            Lang::English => words::is_en_title(w),
        };
        if !ok {
            break;
        }
        k -= 1;
    }
    // Start at the leftmost title word.
    let first = (k..s).find(|&j| {
        let w = words::unconj(&doc.tokens[j].norm);
        match ctx.lang(j) {
            Lang::Arabic => words::is_title(w),
            Lang::English => words::is_en_title(w),
        }
    })?;
    Some((first, phrase_key(ctx, first..s)))
}

/// The lookup key of a title phrase and its nationality adjectives.
fn phrase_key(ctx: &Ctx, np: std::ops::Range<usize>) -> (String, Vec<String>) {
    let doc = ctx.doc;
    let mut parts = Vec::new();
    let mut nats = Vec::new();
    for j in np {
        let t = &doc.tokens[j];
        if !t.is_word() {
            continue;
        }
        let w = words::unconj(&t.norm).to_string();
        let nat = match ctx.lang(j) {
            Lang::Arabic => words::is_nisba(&w),
            Lang::English => {
                t.text(doc.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    && !words::is_en_title(&w)
            }
        };
        if nat {
            // Gender-neutral: الروسية ~ الروسي.
            nats.push(w.trim_end_matches('ه').to_string());
        }
        parts.push(w);
    }
    (parts.join(" "), nats)
}

/// The head word of a title key: in Arabic the first word without its
/// article (`الوزيره` ~ `وزيره`), in English the last title word
/// (`environment minister` ~ `minister`).
fn title_head(key: &str, lang: Lang) -> &str {
    if lang == Lang::English {
        return key
            .split(' ')
            .rev()
            .find(|w| words::is_en_title(w))
            .unwrap_or("");
    }
    let w = key.split(' ').next().unwrap_or("");
    match w.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

/// The name after a classifier noun that stays outside it (`شركة X`,
/// `منظمة "X"`): its byte span, when the phrase is one.
fn classified_name(ctx: &Ctx, s: &Subject) -> Option<(usize, usize)> {
    let doc = ctx.doc;
    if !indefinite_head(ctx, s, words::is_term_noun) {
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

/// Whether an Arabic phrase opens with an indefinite noun of a list
/// (`شركة X`, `بيان X`).
fn indefinite_head(ctx: &Ctx, s: &Subject, listed: fn(&str) -> bool) -> bool {
    let head = &ctx.doc.tokens[s.np.start].norm;
    ctx.lang(s.np.start) == Lang::Arabic && !words::is_definite(head) && listed(words::unconj(head))
}

/// The speaker named by a subject phrase.
pub(crate) fn named(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let gender = match cue.gender {
        g @ (Gender::Masc | Gender::Fem) => g,
        _ => Gender::Unknown,
    };
    // The words of the phrase itself, as a description or a name.
    let own = |named: bool| Who {
        named,
        gender,
        ..Who::named_at(ctx, s.start, s.end)
    };
    // A known person or organization, reported where the phrase stands.
    let here = |w: Who| Who {
        start: s.start,
        end: s.end,
        gender,
        ..w
    };
    match s.head {
        Head::Mention(m) => {
            let e = &ctx.ents.mentions[m];
            if let Some(w) = holder_of_title(ctx, s, e, r) {
                return Some(here(w));
            }
            Some(
                body_by_nationality(ctx, r, e)
                    .map_or_else(|| Who::of_mention(ctx, e, gender), |w| Who { gender, ..w }),
            )
        }
        Head::Name => Some(
            r.canonical(ctx, s.start, s.end)
                .map_or_else(|| own(true), here),
        ),
        Head::Title => Some(
            source_again(ctx, cue, s, r)
                .or_else(|| r.title(ctx, s.np.clone(), s.np.start))
                .or_else(|| spoken_for(ctx, cue, s, r))
                .map_or_else(|| own(false), here),
        ),
        Head::Group => Some(group(ctx, cue, s, r, gender)),
        Head::Pronoun(g) => r
            .recent(cue.first, PRONOUN_ANTECEDENTS, cue.lang)
            .into_iter()
            .map(|(_, w)| w)
            .find(|w| w.gender.agrees(g)),
    }
}

/// The person who holds the title of a phrase that names an organization
/// or place in its genitive (`وزيرة الخارجية X`, `مدرب النادي`): a reader
/// takes `قالت وزيرة الخارجية الكندية` for the minister, whom the article
/// introduces with exactly that title and her name, often only after the
/// lead, not for her ministry. None when no person is introduced with the
/// phrase: the organization speaks, as before.
fn holder_of_title(
    ctx: &Ctx,
    s: &Subject,
    e: &crate::entity::Mention,
    r: &Resolver,
) -> Option<Who> {
    let first = ctx.doc.tokens.get(s.np.start)?;
    let titled = e.label != Label::PER
        && ctx.lang(s.np.start) == Lang::Arabic
        && first.is_word()
        && first.end <= e.start
        && words::is_title(words::unconj(&first.norm));
    if !titled {
        return None;
    }
    r.title_exact(ctx, s.np.clone(), s.np.start)
}

/// The body a generic noun with a nationality stands for (`الوزارة
/// السعودية` after `وزارة الخارجية السعودية`): an organization the tagger
/// found as two words, a definite head noun and a nationality, is the
/// latest longer one named before with both words.
fn body_by_nationality(ctx: &Ctx, r: &Resolver, e: &crate::entity::Mention) -> Option<Who> {
    let doc = ctx.doc;
    let first = doc.tokens_ending_by(e.start);
    let last = doc.tokens_starting_before(e.end);
    let two = e.label == Label::ORG
        && last == first + 2
        && doc.tokens[first..last]
            .iter()
            .all(|t| t.kind == crate::text::TokenKind::Arabic)
        && words::is_nationality(&doc.tokens[first + 1].norm);
    if !two {
        return None;
    }
    r.organization_of_nationality(ctx, e.start, e.end, e.start)
        .filter(|w| w.cluster != Some(e.cluster))
}

/// Where the reporting frame of a cue and its subject phrase starts (SVO
/// or VSO): an organization a generic noun stands for is named before it.
fn frame_start(ctx: &Ctx, cue: &Cue, s: &Subject) -> usize {
    ctx.doc.tokens[cue.first].start.min(s.start)
}

/// The body an unnamed spokesperson speaks for (`متحدث باسم الشركة`,
/// `المتحدثة باسم وزارة X`): its words are the body's (gold/dev DECISIONS),
/// when the words after باسم name an organization or place, or a generic
/// noun that stands for one named before (`الوزارة`).
fn spoken_for(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let doc = ctx.doc;
    if !source::spokesperson(ctx, s) {
        return None;
    }
    let k = s.np.end + 1;
    let body = doc.tokens.get(k).filter(|t| t.is_word())?;
    body_named(ctx, cue, s, r, k, body)
}

/// The body a phrase's words name: the organization or place the tagger
/// found at token `k`, or else the organization the definite noun `body`
/// stands for (`الوزارة`), named before the frame.
fn body_named(
    ctx: &Ctx,
    cue: &Cue,
    s: &Subject,
    r: &Resolver,
    k: usize,
    body: &crate::text::Token,
) -> Option<Who> {
    if let Some(m) = ctx.mention(k) {
        let e = &ctx.ents.mentions[m];
        return matches!(e.label, Label::ORG | Label::LOC)
            .then(|| Who::of_mention(ctx, e, Gender::Unknown));
    }
    r.organization(ctx, body.start, body.end, frame_start(ctx, cue, s))
}

/// The body whose statement speaks (`وتابع بيان السفارة`, `وأفاد تقرير
/// لصحيفة "X"`): the organization or place named right after an indefinite
/// statement noun, with or without ل and quote marks, or the organization a
/// definite noun there stands for (`السفارة`).
fn issued_by(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let doc = ctx.doc;
    if !indefinite_head(ctx, s, words::is_statement_noun) {
        return None;
    }
    let mut k = s.np.start + 1;
    let body = doc.tokens.get(k).filter(|t| t.is_word())?;
    // A classifier and the name in quote marks (`لصحيفة "X"`).
    if words::term_noun_in(&body.norm).is_some() && super::marks::is_double_at(doc, k + 1) {
        k += 2;
    }
    body_named(ctx, cue, s, r, k, body)
}

/// The country whose government speaks (`وأعرب حكومة X`): a government
/// named by its country speaks as the country (gold/dev DECISIONS).
fn government_of(ctx: &Ctx, s: &Subject) -> Option<Who> {
    if !indefinite_head(ctx, s, words::is_government_noun) {
        return None;
    }
    let m = ctx.mention(s.np.start + 1)?;
    let e = &ctx.ents.mentions[m];
    (e.label == Label::LOC && ctx.mention_token(m) == s.np.start + 1 && e.end <= s.end)
        .then(|| Who::of_mention(ctx, e, Gender::Unknown))
}

/// Whose statement a definite statement noun is (`وأضاف البيان`, "the
/// statement added"): the one the article is quoting, so its latest named
/// speaker.
fn statement_quoted(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let doc = ctx.doc;
    let head = words::strip_conj(&doc.tokens[s.np.start].norm);
    let noun = head.strip_prefix("ال")?;
    // The noun and its adjectives only: a statement that names its issuer
    // (`التقرير الصادر عن X`) is not the one being quoted.
    let bare = (s.np.start + 1..s.np.end).all(|k| words::is_definite(&doc.tokens[k].norm))
        && doc.tokens.get(s.np.end).is_none_or(|t| t.norm != "عن");
    if ctx.lang(s.np.start) != Lang::Arabic || !words::is_statement_noun(noun) || !bare {
        return None;
    }
    // Statements are issued by bodies: a recent organization or place
    // before a recent person.
    let named: Vec<Who> = r
        .recent(cue.first, super::speaker::HISTORY, cue.lang)
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| w.named)
        .collect();
    let body = |w: &&Who| matches!(w.label(ctx), Some(Label::ORG | Label::LOC));
    named.iter().find(body).or(named.first()).cloned()
}

/// Tokens back from `المصدر` within which an unnamed source introduced
/// earlier is looked for (an article's length; bounded, so that a long
/// text stays linear).
const SOURCE_REACH: usize = 2000;

/// Words of a title's genitive that [`Resolver::learn_titles_after_names`]
/// reads.
const MAX_TITLE_GENITIVE: usize = 3;

/// Who a definite source noun refers back to (`وأضاف المصدر`, "the source
/// added"; `المصدر نفسه`, "the same source"): the latest speaker, named or
/// not.
fn source_again(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver) -> Option<Who> {
    let doc = ctx.doc;
    let head = words::strip_conj(&doc.tokens[s.np.start].norm);
    let noun = head.strip_prefix("ال")?;
    // A nationality would pick one source among others (`المصدر التركي`),
    // which the title phrases resolve.
    let qualifies = |k: usize| words::is_reflexive(&doc.tokens[k].norm);
    let arabic = ctx.lang(s.np.start) == Lang::Arabic;
    if !arabic || !words::is_source_anaphor(noun) || !(s.np.start + 1..s.np.end).all(qualifies) {
        return None;
    }
    // An unnamed source introduced before (`نقلا عن مصدر حكومي`) is the
    // one referred back to, whoever spoke last: the title look-up's.
    let before = r.sources.partition_point(|&k| k < s.np.start);
    let introduced = before > 0 && r.sources[before - 1] + SOURCE_REACH >= s.np.start;
    if introduced {
        return None;
    }
    // A speaker whose title shows the other gender than the verb's is not
    // the source it adds to (`قالت الوزيرة X …. وأضاف المصدر`).
    r.current(cue.first, Gender::Unknown, cue.lang)
        .filter(|w| r.title_gender(w).agrees(cue.gender))
}

/// The speaker a description names: the body that issued a statement
/// (`بيان السفارة`), the name after its classifier (`شركة X`), the
/// organization a generic noun stands for (`الوزارة`), or the description
/// itself, unnamed.
fn group(ctx: &Ctx, cue: &Cue, s: &Subject, r: &Resolver, gender: Gender) -> Who {
    let body = issued_by(ctx, cue, s, r)
        .or_else(|| government_of(ctx, s))
        .or_else(|| statement_quoted(ctx, cue, s, r));
    if let Some(w) = body {
        // Reported where the description stands.
        return Who {
            start: s.start,
            end: s.end,
            gender,
            ..w
        };
    }
    if let Some((start, end)) = classified_name(ctx, s) {
        let base = r.canonical(ctx, start, end);
        return Who {
            cluster: base.and_then(|b| b.cluster),
            gender,
            ..Who::named_at(ctx, start, end)
        };
    }
    let head = ctx.doc.tokens[s.np.start].norm.as_str();
    let last = ctx.doc.tokens[s.np.end - 1].norm.as_str();
    let gender = match ctx.lang(s.np.start) {
        _ if gender != Gender::Unknown => gender,
        Lang::Arabic if head.ends_with('ه') => Gender::Fem,
        // `officials`, `analysts`: not a `he` or `she` later.
        Lang::English if last.ends_with('s') && !last.ends_with("ss") => Gender::Plural,
        _ => gender,
    };
    match r.organization(ctx, s.start, s.end, frame_start(ctx, cue, s)) {
        Some(w) => Who { gender, ..w },
        None => Who {
            named: false,
            gender,
            ..Who::named_at(ctx, s.start, s.end)
        },
    }
}
/// The longest given name looked up (the census lists' longest is 11).
const MAX_GIVEN_NAME: usize = 16;

/// The gender an English person's given name shows (`Mary Doe` a woman,
/// `James Doe` a man), when the name nearly always names one: what a
/// reader reads `she said` by before the article says more. Names in
/// another script, or given to both, show none.
fn given_name_gender(name: &str) -> Option<Gender> {
    // Lower-cased on the stack: this runs for every earlier speaker a cue
    // weighs.
    let mut buf = [0u8; MAX_GIVEN_NAME];
    let first = name.split_whitespace().next()?.as_bytes();
    let lower = buf.get_mut(..first.len()).filter(|_| first.len() >= 2)?;
    for (l, &b) in lower.iter_mut().zip(first) {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        *l = b.to_ascii_lowercase();
    }
    let first = std::str::from_utf8(lower).ok()?;
    if words::is_en_female_name(first) {
        Some(Gender::Fem)
    } else if words::is_en_male_name(first) {
        Some(Gender::Masc)
    } else {
        None
    }
}
