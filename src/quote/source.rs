//! Sources: the noun phrase that names who is speaking.
//!
//! Arabic puts the subject after the verb (`قال وزير الخارجية الروسي سيرغي
//! لافروف`) or, less often, before it (`الرئاسة التركية قد قالت`,
//! `X يقول`); English mostly before (`Smith said`) and after in inverted
//! attributions (`"…," said Smith`). This stage finds that phrase and what
//! kind of thing heads it:
//!
//! - an entity mention from [`crate::entity`] inside it (preferred: its
//!   cluster gives the canonical name);
//! - otherwise a name found by shape: the run of words at the end of the
//!   phrase that are not titles, nationality adjectives or function words
//!   (`وزير الخارجية الروسي [سيرغي لافروف]`), so that attribution works even
//!   when entity recognition misses the name;
//! - a title alone (`الرئيس الروسي`), resolved later by [`super::coref`];
//!   a title phrase runs on through its genitive and an apposition to the
//!   name (`الرئيس التنفيذي لشركة X Y`, `المتحدثة باسم X Y`, `مدرب X، التونسي
//!   Y`);
//! - a name in quote marks after a classifier noun (`صحيفة "…"`);
//! - an organization or other description (`الكرملين`, `الخارجية الروسية`);
//! - a pronoun (English `he`, `she`).
//!
//! Guarantees: the phrase never leaves the cue's sentence and is at most a
//! few words long, so finding it is constant work per cue.

use super::cue::{is_cue_word, Cue, Form, Gender};
use super::words::{self, strip_conj};
use super::{source_en, Ctx, Lang};
use crate::analysis::Label;
use crate::text::TokenKind;
use std::ops::Range;

/// What heads a speaker phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Head {
    /// An entity mention (index into the mentions) of a person or
    /// organization.
    Mention(usize),
    /// A name found by its shape, tokens `name`.
    Name,
    /// A title with no name (`الرئيس الروسي`, `the minister`).
    Title,
    /// An organization or description (`الكرملين`, `مصدر مطلع`).
    Group,
    /// A personal pronoun.
    Pronoun(Gender),
}

/// The speaker phrase of one cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub head: Head,
    /// Tokens of the whole phrase.
    pub np: Range<usize>,
    /// Byte span of the part that names the speaker.
    pub start: usize,
    pub end: usize,
    /// Whether the phrase follows the verb.
    pub after: bool,
}

const MAX_NP: usize = 9;

/// Finds the speaker phrase of a cue, if the sentence names one: the phrase
/// that frames the quotation (the speaker itself is chosen by
/// [`super::speaker`] among this and other candidates).
pub fn find(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let a = subject_after(ctx, cue);
    if cue.form == Form::Finite && cue.lang == Lang::English {
        return source_en::before(ctx, cue).or(a);
    }
    let b = subject_before(ctx, cue);
    if cue.form == Form::MasdarPron {
        return a.or(b);
    }
    match (a, b) {
        (Some(a), Some(b)) => Some(
            if kana_subject(ctx, &b, cue) || strength(ctx, &b) > strength(ctx, &a) {
                b
            } else {
                a
            },
        ),
        (a, b) => a.or(b),
    }
}

/// The speaker phrase after a cue: the verb's subject in VSO order, the
/// genitive of a verbal noun, what follows عن after `نقل` or before `قوله`.
pub(crate) fn subject_after(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    match cue.form {
        Form::Participle => None,
        Form::MasdarPron => {
            // `نقلت الوكالة عن X قوله`: the speaker is what follows عن.
            let s0 = ctx.sentence_start(cue.first);
            let an = (s0.max(cue.first.saturating_sub(8))..cue.first)
                .rev()
                .find(|&k| ctx.doc.tokens[k].norm == "عن");
            an.and_then(|an| after(ctx, an))
        }
        Form::Masdar | Form::Source => after(ctx, cue.last),
        Form::Relay => {
            let end = ctx.sentence_end(cue.last).min(cue.last + 8);
            let an = (cue.last + 1..end).find(|&k| ctx.doc.tokens[k].norm == "عن")?;
            after(ctx, an)
        }
        Form::Finite if cue.lang == Lang::English => source_en::after(ctx, cue),
        Form::Finite => after(ctx, cue.last),
    }
}

/// The speaker phrase before a cue (SVO order, and `X قوله`).
pub(crate) fn subject_before(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    match cue.form {
        Form::MasdarPron => before(ctx, cue.first),
        Form::Finite if cue.lang == Lang::English => source_en::before(ctx, cue),
        // A verb with a conjunction opens a new clause: its subject cannot
        // stand before it.
        Form::Finite if !cue.conj => before(ctx, cue.first),
        _ => None,
    }
}

/// Whether a phrase before the verb stands between كان and قد (`وكانت X
/// قد أعلنت`, "X had announced"): the verb's subject for certain, and what
/// follows the verb its object.
pub(crate) fn kana_subject(ctx: &Ctx, s: &Subject, cue: &Cue) -> bool {
    let doc = ctx.doc;
    let word = |k: usize| {
        doc.tokens
            .get(k)
            .filter(|t| t.is_word())
            .map(|t| t.norm.as_str())
    };
    let qad = s.np.end + 1 == cue.first && word(s.np.end) == Some("قد");
    let kana =
        s.np.start
            .checked_sub(1)
            .and_then(word)
            .is_some_and(|w| words::is_aux(w) && !matches!(w, "قد" | "لقد"));
    !s.after && qad && kana
}

/// How sure a phrase is to name a speaker: an entity or a known name, or a
/// name after a title, beats a title alone, which beats a mere shape.
fn strength(ctx: &Ctx, s: &Subject) -> u8 {
    match s.head {
        Head::Mention(_) | Head::Pronoun(_) => 3,
        Head::Name => {
            let a = ctx.doc.tokens_ending_by(s.start);
            let b = ctx.doc.tokens_starting_before(s.end);
            let titled = s.np.start < a;
            if titled || (a < b && ctx.is_known_name(a, b - 1)) {
                3
            } else {
                1
            }
        }
        Head::Title => 2,
        Head::Group => 1,
    }
}

/// Whether a phrase is a spokesperson's: باسم follows it (the phrase read
/// keeps باسم and what follows only when a name ends it).
pub(crate) fn spokesperson(ctx: &Ctx, s: &Subject) -> bool {
    ctx.doc
        .tokens
        .get(s.np.end)
        .is_some_and(|t| t.is_word() && words::is_on_behalf(&t.norm))
}

/// Whether token `j` can be part of a name by its shape: an Arabic word that
/// is not definite, not a title, function word or speech verb; an English
/// capitalised word that is not a title.
pub fn namelike(ctx: &Ctx, j: usize) -> bool {
    let Some(t) = ctx.doc.tokens.get(j) else {
        return false;
    };
    let w = t.norm.as_str();
    match t.kind {
        TokenKind::Arabic if ctx.is_ali(j) => true,
        TokenKind::Arabic => {
            let bare = strip_conj(w);
            w.chars().count() >= 2
                && !words::is_definite(w)
                && !words::is_title(w)
                && !words::is_title(bare)
                && !words::is_function(w)
                && !words::is_np_stop(w)
                && !words::is_np_stop(bare)
                // `فإن X` ("then X"): ف + إن, no name.
                && !words::is_anna(w)
                && !words::is_anna(bare)
                && !words::is_aux(w)
                && !words::is_term_noun(bare)
                // `فيه` is no ف + `يه`: the word as written first.
                && !words::is_prep_pronoun(w)
                && !words::is_prep_pronoun(bare)
                // `لمجلس`, `لوكالة`: the body spoken to, not a name.
                && !lam_org(w)
                // `حسب تعبيره` ("as he put it") names no one.
                && !words::is_attribution_noun(bare)
                && !is_cue_word(w, Lang::Arabic)
        }
        TokenKind::Latin => {
            t.text(ctx.doc.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && !words::is_en_title(w)
                && !words::is_en_stop(w)
        }
        _ => false,
    }
}

/// Words of a listener's phrase after its preposition's noun
/// (`للتلفزيون الرسمي`): adjectives and a genitive.
const LISTENER_WORDS: usize = 2;

/// Whether the words after a verb from token `j` are only a listener, the
/// reported words right after it (`وقال للمجلس إن`, `قال للصحفيين: "…"`):
/// then no subject is read after the verb. Before a subject (`وقال
/// للتلفزيون الرسمي الرئيس X إن`, `وقال بالمقابل الوزير X`) the phrase is
/// read on.
fn listener_only(ctx: &Ctx, j: usize, end: usize) -> bool {
    if !preposition_glued(ctx, j) {
        return false;
    }
    let doc = ctx.doc;
    let mut k = j + 1;
    while k < end
        && k <= j + LISTENER_WORDS
        && doc.tokens[k].is_word()
        && words::is_definite(&doc.tokens[k].norm)
        && !is_arabic_title(ctx, k)
    {
        k += 1;
    }
    doc.tokens
        .get(k)
        .filter(|_| k < end)
        .is_none_or(|t| !t.is_word() || words::is_anna(&t.norm))
}

/// Whether an Arabic word is written with a preposition certainly glued to
/// it (`للمجلس`, `بالقول`: before the article): it opens a prepositional
/// phrase.
fn preposition_glued(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    let text = ctx.doc.text;
    // A noun after the article has three letters or more; a name that only
    // looks glued has less left (`بالفي`: ب + ال + في).
    let noun = |rest: Option<&str>| {
        rest.is_some_and(|r| r.strip_prefix("ال").unwrap_or(r).chars().count() >= NOUN_LETTERS)
    };
    t.kind == TokenKind::Arabic
        && ((t.norm.starts_with("لل") && noun(t.norm.get("لل".len()..)))
            || (text
                .get(t.start..t.stem)
                .is_some_and(|clitics| clitics.contains(['ل', 'ب', 'ك']))
                && noun(text.get(t.stem..t.end))))
}

/// Letters a noun has after a glued preposition and the article.
const NOUN_LETTERS: usize = 3;

fn is_date(ctx: &Ctx, j: usize) -> bool {
    ctx.mention(j)
        .is_some_and(|m| ctx.ents.mentions[m].label == Label::DATE)
}

/// The phrase after token `from` (the verb or the preposition عن).
fn after(ctx: &Ctx, from: usize) -> Option<Subject> {
    let end = ctx.sentence_end(from);
    if let Some(s) = quoted_speaker(ctx, from + 1, end) {
        return Some(s);
    }
    let mut p = Phrase {
        ctx,
        from,
        end,
        toks: Vec::new(),
        ext: None,
        apposed: false,
        in_genitive: false,
        genitive_at: None,
        lam_at: None,
    };
    let mut j = from + 1;
    while j < end && p.toks.len() < MAX_NP {
        if ctx.quoted[j] || is_date(ctx, j) {
            break;
        }
        let step = if ctx.doc.tokens[j].is_word() {
            p.word(j)
        } else {
            p.punct(j)
        };
        match step {
            Step::Next => j += 1,
            Step::Jump(k) => j = k,
            Step::Stop => break,
            Step::Found(s) => return Some(s),
        }
    }
    p.finish()
}

/// What [`after`] does at a token.
enum Step {
    /// Go on with the next token.
    Next,
    /// Go on at this token.
    Jump(usize),
    /// The phrase ends before this token.
    Stop,
    /// The speaker phrase is found whole.
    Found(Subject),
}

/// The speaker phrase after a verb, read word by word.
struct Phrase<'c, 'a, 't> {
    ctx: &'c Ctx<'a, 't>,
    from: usize,
    end: usize,
    toks: Vec<usize>,
    /// Where a run-on past the plain phrase starts (`check`: a name must
    /// follow it) and where to cut the phrase when none does.
    ext: Option<(usize, usize)>,
    in_genitive: bool,
    /// Where the title's genitive starts in `toks` (`لشركة "X"`, `«X»`):
    /// what comes before it is the title.
    genitive_at: Option<usize>,
    /// A word that may be ل + noun right after a title (`لمجموعة`): a
    /// genitive only if a certain one follows (`للصناعات`).
    lam_at: Option<usize>,
    /// The run-on follows a comma (`رئيسة X، Y Z`): the name may start
    /// right at it, since the comma is no token of the phrase.
    apposed: bool,
}

impl Phrase<'_, '_, '_> {
    /// Whether `toks` is a title with no name yet, which may run on: `سفير
    /// فرنسا في الأمم المتحدة X`, `الرئيس التنفيذي لمجموعة X للصناعات Y`,
    /// `مدرب X، التونسي Y`.
    fn titled(&self, toks: &[usize]) -> bool {
        let doc = self.ctx.doc;
        toks.first()
            .is_some_and(|&f| words::is_title(words::unconj(&doc.tokens[f].norm)))
            && name_run(self.ctx, toks).is_none_or(|r| {
                genitive_of_title(self.ctx, toks, &r) || lam_noun(self.ctx, toks[r.start])
            })
    }

    /// Whether the words so far are a person's name: a person the tagger
    /// found, or words shaped as a name throughout.
    fn is_person_name(&self) -> bool {
        let ctx = self.ctx;
        let Some(&first) = self.toks.first() else {
            return false;
        };
        let person = ctx
            .mention(first)
            .is_some_and(|m| ctx.ents.mentions[m].label == Label::PER);
        person || name_run(ctx, &self.toks).is_some_and(|r| r.start == 0)
    }

    /// Whether the words so far are a definite title or speaker noun alone,
    /// with any nationality (`الوزير`, `المسؤول الأمريكي`).
    fn definite_title(&self) -> bool {
        let doc = self.ctx.doc;
        let word = |k: usize| words::unconj(&doc.tokens[k].norm);
        self.ext.is_none()
            && !self.in_genitive
            && self.toks.first().is_some_and(|&f| {
                let w = word(f);
                let bare = w.strip_prefix("ال").unwrap_or(w);
                (words::is_title(w) || words::is_speaker_noun(bare))
                    && words::is_definite(&doc.tokens[f].norm)
            })
            && self.toks[1..]
                .iter()
                .all(|&k| words::is_nationality(word(k)))
    }

    /// Opens a run-on at the current length.
    fn run_on(&mut self) {
        let n = self.toks.len();
        self.ext.get_or_insert((n, n));
    }

    /// At punctuation or a quote mark: a quoted name, a title's quoted
    /// genitive, an apposition after a comma, or the end.
    fn punct(&mut self, j: usize) -> Step {
        let (ctx, end) = (self.ctx, self.end);
        let doc = ctx.doc;
        // A hashtag is the word it marks (`منصة #X`, `الرئيس #X_Y`), but
        // not after a noun that labels it (`عبر وسم #X`).
        let labelled = self
            .toks
            .last()
            .is_some_and(|&k| words::variants(&doc.tokens[k].norm).any(words::is_hashtag_noun));
        if hashtag(ctx, j) && !labelled {
            return Step::Next;
        }
        if let Some(s) = quoted_name(ctx, &self.toks, j, end) {
            return Step::Found(s);
        }
        // A title's genitive named in quote marks (`الرئيس التنفيذي لشركة
        // "X"`): part of the title phrase, which may still lead to the name.
        let genitive_noun = self.toks.last().is_some_and(|&k| {
            let w = words::unconj(&doc.tokens[k].norm);
            words::is_term_noun(w.strip_prefix('ل').unwrap_or(w))
        });
        // Or the holder's own name (`مدير الهيئة "X Y"`), unless a
        // classifier stands before the marks (`لمؤسسة "X Y"` is named after
        // a person).
        let title_first = self.toks.first().is_some_and(|&f| is_arabic_title(ctx, f));
        let classifier_last = self
            .toks
            .last()
            .is_some_and(|&k| lam_org(&doc.tokens[k].norm));
        if title_first && !genitive_noun && !classifier_last {
            if let Some(s) = quoted_holder(ctx, self.toks[0], j, end) {
                return Step::Found(s);
            }
        }
        // Or with no noun before it, the organization's own name (`رئيسة
        // «X» التنفيذية`).
        // Or a short quoted name the holder's name follows after a comma
        // (`مذيعة "X"، Y Z،`), which the tagger may not have read as one.
        let before_apposition = || {
            closing_mark(ctx, j, end)
                .is_some_and(|c| doc.is_comma(c + 1) && apposition(ctx, c + 1, end))
        };
        let quoted_org = !genitive_noun
            && !self.in_genitive
            && self.titled(&self.toks)
            && (ctx
                .mention(j + 1)
                .is_some_and(|m| ctx.ents.mentions[m].label == Label::ORG)
                || before_apposition());
        let n = self.toks.len();
        let genitive = if genitive_noun && self.titled(&self.toks[..n - 1]) {
            Some(n - 1)
        } else {
            quoted_org.then_some(n)
        };
        if let Some(at) = genitive {
            if let Some(close) = closing_mark(ctx, j, end) {
                self.genitive_at.get_or_insert(at);
                self.toks.extend(j + 1..close);
                self.in_genitive = true;
                self.run_on();
                return Step::Jump(close + 1);
            }
        }
        // A title phrase followed by the name in quote marks (`مدير
        // المهرجان "X" أن`).
        if self.titled(&self.toks) {
            if let Some(mut s) = quoted_speaker(ctx, j, end) {
                s.np = self.from + 1..s.np.end;
                // The title says a person holds it, whatever type the
                // tagger gave the quoted name.
                s.head = Head::Name;
                return Step::Found(s);
            }
        }
        let comma = doc.is_comma(j);
        // After a title, or after a title's genitive (`الرئيس التنفيذي لشركة
        // "X"، Y`).
        let open = self.ext.is_none() || self.in_genitive;
        let title = self.genitive_at.unwrap_or(self.toks.len());
        if comma && open && self.titled(&self.toks[..title]) && apposition(ctx, j, end) {
            self.run_on();
            self.apposed = true;
            return Step::Next;
        }
        Step::Stop
    }

    /// At a word: whether it belongs to the phrase.
    fn word(&mut self, j: usize) -> Step {
        let ctx = self.ctx;
        let t = &ctx.doc.tokens[j];
        // A phrase that is a person's or organization's name ends with it:
        // what follows is the verb's object (`اتهم الحزب X منافسيه`).
        let named_head = self
            .toks
            .first()
            .and_then(|&f| ctx.mention(f))
            .filter(|&m| matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG));
        if named_head.is_some() && ctx.mention(j) != named_head {
            return Step::Stop;
        }
        let w = t.norm.as_str();
        let arabic = t.kind == TokenKind::Arabic;
        // A lone letter is a preposition written apart (`بـ"…"`).
        let letter = arabic && w.chars().count() == 1;
        if words::is_anna(w) || is_cue_word(w, ctx.lang(j)) || letter {
            return Step::Stop;
        }
        // ل glued to a name the article uses is the listener after the
        // speaker's name (`أكد X لY أن`), not part of it. After a title,
        // with a person's name soon after, it is the title's genitive
        // (`المفوض السامي لحقوق الإنسان X`, with `مجلس حقوق الإنسان` named
        // earlier; not `مصدر عسكري لقناة X`).
        if arabic
            && !self.toks.is_empty()
            && !self.in_genitive
            && lam_name(ctx, j)
            && !(self.titled(&self.toks) && person_soon(ctx, j, self.end))
        {
            return Step::Stop;
        }
        // So is ل + an organization's noun after a person's name (`وأوضح X
        // لصحيفة …`); after a title or an organization's own words it is
        // their genitive (`المدير العام لهيئة …`, `المكتب الإعلامي لوزارة …`).
        if arabic && !self.in_genitive && lam_org(&t.norm) && self.is_person_name() {
            return Step::Stop;
        }
        if self.toks.is_empty() && listener_only(ctx, j, self.end) {
            return Step::Stop;
        }
        if let Some(step) = self.glued(j) {
            return step;
        }
        // A definite title is whole: a classifier's name or an organization
        // after it is the verb's object (`وأبلغ الوزير قناة X`, `وأبلغ
        // المسؤول X أن`), neither the title's genitive nor its holder.
        let org = ctx
            .mention(j)
            .is_some_and(|m| ctx.ents.mentions[m].label == Label::ORG && ctx.mention_token(m) == j);
        if (org || classifier_noun(w)) && self.definite_title() {
            return Step::Stop;
        }
        // A statement right after the verb is its subject (`وقال بيان
        // السفارة`); later in the phrase it ends it (`وقال X في بيان`).
        let statement = self.toks.is_empty() && words::is_statement_noun(w);
        let stop = (words::is_np_stop(w) || words::is_np_stop(strip_conj(w)))
            && !ctx.is_ali(j)
            && !statement;
        if stop {
            if self.titled(&self.toks) && self.ext.is_none() && words::is_title_runon_prep(w) {
                self.run_on();
                self.toks.push(j);
                return Step::Next;
            }
            return Step::Stop;
        }
        if arabic && w.starts_with('ل') && w.chars().count() >= 4 && self.titled(&self.toks) {
            self.lam_at.get_or_insert(self.toks.len());
        }
        self.toks.push(j);
        Step::Next
    }

    /// A word with a glued preposition (`بالتعاون`, `للصحفيين`) starts a
    /// prepositional phrase, not the subject, unless it stays inside one
    /// entity's name (`حزب الوفاق والتنمية`) or a title's genitive (`الناطقة
    /// باسم X`, `الرئيس التنفيذي لشركة X`). `None` when the word is not
    /// glued and not باسم.
    fn glued(&mut self, j: usize) -> Option<Step> {
        let ctx = self.ctx;
        let t = &ctx.doc.tokens[j];
        let w = t.norm.as_str();
        let arabic = t.kind == TokenKind::Arabic;
        let glued = t.stem > t.start || (arabic && w.starts_with("لل"));
        let same_name = self
            .toks
            .last()
            .is_some_and(|&p| ctx.mention(p).is_some() && ctx.mention(p) == ctx.mention(j));
        let continues = same_name || (self.in_genitive && w.starts_with("وال"));
        if glued && !self.toks.is_empty() && continues {
            self.toks.push(j);
            return Some(Step::Next);
        }
        if arabic && words::is_on_behalf(w) && self.titled(&self.toks) {
            self.in_genitive = true;
            self.run_on();
            self.toks.push(j);
            return Some(Step::Next);
        }
        if !glued || self.toks.is_empty() {
            return None;
        }
        let stop = (words::is_np_stop(w) || words::is_np_stop(strip_conj(w))) && !ctx.is_ali(j);
        let lam = w.starts_with('ل') && !stop;
        if lam && (self.in_genitive || self.lam_at.is_some() || self.titled(&self.toks)) {
            self.in_genitive = true;
            let n = self.toks.len();
            self.ext.get_or_insert((self.lam_at.unwrap_or(n), n));
            self.toks.push(j);
            return Some(Step::Next);
        }
        Some(Step::Stop)
    }

    /// The phrase read: a run-on is kept only when it ends in a name.
    fn finish(mut self) -> Option<Subject> {
        let ctx = self.ctx;
        if let Some((check, cut)) = self.ext {
            let run = name_run(ctx, &self.toks);
            let person = self.toks.iter().skip(check).any(|&k| {
                ctx.mention(k)
                    .is_some_and(|m| ctx.ents.mentions[m].label == Label::PER)
            });
            // A name run must start past the run-on's start (after the
            // comma it may start at it: the comma is no token of `toks`).
            let apposed = self.apposed;
            let late = |start: usize| start > check || (apposed && start == check);
            if run.is_none_or(|r| !late(r.start)) && !person {
                self.toks.truncate(cut);
            }
        }
        classify(ctx, &self.toks, true)
    }
}

/// Tokens after a ل-genitive within which [`Phrase::word`] looks for the
/// title holder's name.
const HOLDER_REACH: usize = 4;

/// Whether a person's name starts within [`HOLDER_REACH`] tokens after
/// token `j`, before `end`.
fn person_soon(ctx: &Ctx, j: usize, end: usize) -> bool {
    let doc = ctx.doc;
    // The genitive's own words only: not past the reported words' أن, a
    // cue, a quotation, or a coordinated listener (`لX وY إن`).
    let within = |k: &usize| {
        let t = &doc.tokens[*k];
        let w = t.norm.as_str();
        // و glued before a word, or before the name it starts.
        let conj = t.kind == TokenKind::Arabic
            && w.starts_with('و')
            && (t.stem > t.start
                || ctx
                    .mention(*k)
                    .is_some_and(|m| ctx.ents.mentions[m].start > t.start));
        t.is_word()
            && !ctx.quoted[*k]
            && !words::is_anna(w)
            && !is_cue_word(w, ctx.lang(*k))
            && !conj
    };
    (j + 1..end.min(j + 1 + HOLDER_REACH))
        .take_while(within)
        .any(|k| {
            ctx.mention(k).is_some_and(|m| {
                ctx.ents.mentions[m].label == Label::PER && ctx.mention_token(m) == k
            })
        })
}

/// The clitics glued before a mention inside its first token (`ل` in
/// `لX`, `وب` in `وبX`); empty when none.
pub(super) fn clitics_before<'d>(ctx: &Ctx<'d, '_>, e: &crate::entity::Mention) -> &'d str {
    let doc = ctx.doc;
    doc.tokens
        .get(doc.tokens_ending_by(e.start))
        .and_then(|t| doc.text.get(t.start..e.start))
        .unwrap_or("")
}

/// Whether mention `m` is written with ل glued to it (`لX`).
fn lam_governed(ctx: &Ctx, m: usize) -> bool {
    clitics_before(ctx, &ctx.ents.mentions[m]).ends_with('ل')
}

/// Whether token `j` is the `#` of a hashtag: written right before a word.
fn hashtag(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    doc.tokens[j].text(doc.text) == "#"
        && doc
            .tokens
            .get(j + 1)
            .is_some_and(|n| n.is_word() && n.start == doc.tokens[j].end)
}

/// Whether the comma at token `j` opens an apposition to a title: a
/// nationality or another title (`مدرب الفريق، التونسي X`), or the name
/// itself (`رئيسة الجمعية، X Y، في تصريح`).
fn apposition(ctx: &Ctx, j: usize, end: usize) -> bool {
    let doc = ctx.doc;
    let describes = is_arabic_title(ctx, j + 1)
        || doc
            .tokens
            .get(j + 1)
            .is_some_and(|n| n.kind == TokenKind::Arabic && words::is_nisba(&n.norm));
    let names = j + 2 < end
        && (ctx
            .mention(j + 1)
            .is_some_and(|m| ctx.ents.mentions[m].label == Label::PER)
            || (namelike(ctx, j + 1) && family_like(ctx, j + 2)));
    (describes || names) && j + 1 < end
}

/// Whether what stands right after the phrase `s` shows it to be a
/// person's name: a title in apposition after a comma (`X Y، المدير
/// العام لـ…`), the organization spoken to (`وأوضح X لصحيفة …`), or an
/// age in brackets (`X Y (38 عاما)`).
pub(crate) fn frames_a_name(ctx: &Ctx, s: &Subject) -> bool {
    let doc = ctx.doc;
    let j = s.np.end;
    let Some(t) = doc.tokens.get(j) else {
        return false;
    };
    // A report or a source is no name (`وقال تقرير لصحيفة …`).
    if s.np.clone().any(|k| is_speaker_noun(ctx, k)) {
        return false;
    }
    let comma = crate::text::is_comma(t.text(doc.text));
    (comma && is_arabic_title(ctx, j + 1))
        || (t.kind == TokenKind::Arabic && lam_org(&t.norm))
        || age_after(ctx, j)
}

/// Whether token `k` is an Arabic title (`المدير`, `وزير`).
pub(super) fn is_arabic_title(ctx: &Ctx, k: usize) -> bool {
    ctx.doc
        .tokens
        .get(k)
        .is_some_and(|n| n.kind == TokenKind::Arabic && words::is_title(words::unconj(&n.norm)))
}

/// Whether tokens from `j` are an age in brackets (`(38 عاما)`), which news
/// writes after a person's name.
fn age_after(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    let text = |k: usize| doc.tokens.get(k).map(|t| t.text(doc.text));
    text(j) == Some("(")
        && doc
            .tokens
            .get(j + 1)
            .is_some_and(|t| t.kind == TokenKind::Number)
        && doc
            .tokens
            .get(j + 2)
            .is_some_and(|t| words::is_age_unit(&t.norm))
        && text(j + 3) == Some(")")
}

/// A name in quote marks after a classifier noun (`صحيفة "الأخبار"`,
/// `وكالة "…"`): the speaker is the quoted name. `mark` is the token after
/// the noun.
fn quoted_name(ctx: &Ctx, toks: &[usize], mark: usize, end: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let &[noun] = toks else {
        return None;
    };
    if !classifier_noun(&doc.tokens[noun].norm) || !super::marks::is_double_at(doc, mark) {
        return None;
    }
    let mut k = mark + 1;
    while k < end && k < mark + 5 && ctx.quoted[k] && doc.tokens[k].is_word() {
        k += 1;
    }
    if k == mark + 1 || k >= end || !super::marks::is_double_at(doc, k) {
        return None;
    }
    Some(Subject {
        head: Head::Name,
        np: noun..k + 1,
        start: doc.tokens[mark + 1].start,
        end: doc.tokens[k - 1].end,
        after: true,
    })
}

/// Whether a folded word is a noun that classifies the name after it
/// (`صحيفة`, `شركة`, `برنامج`), with or without a conjunction.
pub(super) fn classifier_noun(w: &str) -> bool {
    // The word as written too: its و may be its own (`وكالة`).
    words::variants(w)
        .any(|w| words::is_term_noun(w) || crate::entity::org::CLASSIFIERS.contains(w))
}

/// A person's name in quote marks after a title phrase (`مدير مهرجان X
/// "Y Z"`): the title's holder, as the tagger found the name, whole
/// between the marks.
fn quoted_holder(ctx: &Ctx, first: usize, mark: usize, end: usize) -> Option<Subject> {
    let doc = ctx.doc;
    if !super::marks::is_double_at(doc, mark) {
        return None;
    }
    let m = ctx.mention(mark + 1)?;
    let e = &ctx.ents.mentions[m];
    let close = doc.tokens_starting_before(e.end);
    // A name after the marks is the holder, the quoted one a genitive.
    let name_after =
        close + 1 < end && (ctx.mention(close + 1).is_some() || namelike(ctx, close + 1));
    let whole = e.label == Label::PER
        && ctx.mention_token(m) == mark + 1
        && doc.tokens[mark + 1].start == e.start
        && close < end
        && super::marks::is_double_at(doc, close)
        && !name_after;
    whole.then(|| Subject {
        head: Head::Mention(m),
        np: first..close + 1,
        start: e.start,
        end: e.end,
        after: true,
    })
}

/// Whether token `j` can end a person's name: a name-shaped word, or a
/// definite one that is not a title, nationality or function word
/// (`الورفلي`, `الزياني`).
fn family_like(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    let w = words::unconj(&t.norm);
    namelike(ctx, j)
        || (t.kind == TokenKind::Arabic
            && words::is_definite(w)
            && !words::is_title(w)
            && !words::is_nationality(w)
            && !words::is_function(w)
            && !words::is_np_stop(w))
}

/// Whether a folded word is ل + an organization's classifier or head noun
/// (`لهيئة`, `لوكالة`, `لصحيفة`).
fn lam_org(w: &str) -> bool {
    strip_conj(w)
        .strip_prefix('ل')
        .is_some_and(crate::entity::org::names_kind)
}

/// Whether token `j` is ل glued to a name the article writes elsewhere
/// (`لآبي`, `لبالفي`).
fn lam_name(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    let w = strip_conj(&t.norm);
    // A known word that is also a classifier or title (`لشركة`, `لرئيس`)
    // starts a genitive, not a listener's name.
    w.strip_prefix('ل').is_some_and(|rest| {
        rest.chars().count() >= 3
            && ctx.known.contains(rest)
            && !words::is_term_noun(rest)
            && !words::is_title(rest)
            && !words::is_speaker_noun(rest)
    })
}

/// The closing mark of a short quoted name opened at token `mark` (one to
/// four words), if there is one.
fn closing_mark(ctx: &Ctx, mark: usize, end: usize) -> Option<usize> {
    let doc = ctx.doc;
    if !super::marks::is_double_at(doc, mark) {
        return None;
    }
    let mut k = mark + 1;
    while k < end && k < mark + 6 && doc.tokens[k].is_word() {
        k += 1;
    }
    (k > mark + 1 && k < end && super::marks::is_double_at(doc, k)).then_some(k)
}

/// A speaker's name in quote marks right after the verb (`أكد "X" أن`,
/// `وقالت "Y" إن`): one to three words, then إن/أن, a comma or a cue.
fn quoted_speaker(ctx: &Ctx, mark: usize, end: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let (k, mut s) = quoted_words(ctx, mark, end)?;
    // A nisba adjective may follow the name before the verb's own words
    // (`أشارت "X" الكتالونية إلى أن`: "the Catalan X").
    let mut np_end = k + 1;
    if doc
        .tokens
        .get(np_end)
        .is_some_and(|t| t.is_word() && words::is_nisba(&t.norm))
    {
        np_end += 1;
    }
    let next = doc.tokens.get(np_end)?;
    // But `واتهم "X" اللبناني بأنه`: after an adjective, ب + أن is the
    // complement of a verb that took X as its object.
    let ba_anna = next.norm.strip_prefix('ب').is_some_and(words::is_anna);
    if np_end > k + 1 && ba_anna {
        return None;
    }
    // What follows the name belongs to the verb: its أن, another cue, a
    // comma, or the preposition the verb takes (`وأشار "X" إلى أن`).
    let governs = (next.is_word()
        && (words::is_anna(&next.norm)
            || is_cue_word(&next.norm, ctx.lang(np_end))
            || words::is_governing_prep(&next.norm)))
        || crate::text::is_comma(next.text(doc.text));
    if !governs {
        return None;
    }
    s.np = mark..np_end;
    Some(s)
}

/// A name of one to three words in quote marks opening at token `mark`:
/// the closing mark's token and the name as a phrase after a verb.
fn quoted_words(ctx: &Ctx, mark: usize, end: usize) -> Option<(usize, Subject)> {
    let doc = ctx.doc;
    if !super::marks::is_double_at(doc, mark) {
        return None;
    }
    // The quoted words are name-shaped, or one person's or organization's
    // name the tagger found (`"سامي الكردي"`, whose family name is
    // definite).
    let named = ctx
        .mention(mark + 1)
        .filter(|&m| matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG));
    let mut k = mark + 1;
    while k < end
        && k < mark + 4
        && doc.tokens[k].is_word()
        && (namelike(ctx, k) || (named.is_some() && ctx.mention(k) == named))
    {
        k += 1;
    }
    if k == mark + 1 || k >= end || !super::marks::is_double_at(doc, k) {
        return None;
    }
    // The tagger's mention, when it is exactly the quoted words, is the
    // speaker with its cluster and type (`وقالت "X"` for a paper named
    // earlier as `صحيفة "X"`), not an unlinked name.
    let (start, end) = (doc.tokens[mark + 1].start, doc.tokens[k - 1].end);
    let head = match named.map(|m| &ctx.ents.mentions[m]) {
        Some(e) if e.start == start && e.end == end => Head::Mention(named?),
        _ => Head::Name,
    };
    let s = Subject {
        head,
        np: mark..k + 1,
        start,
        end,
        after: true,
    };
    Some((k, s))
}

/// The phrase just before token `to` (SVO order), skipping auxiliaries
/// (`قد`, `، قد`).
fn before(ctx: &Ctx, to: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let start = ctx.sentence_start(to);
    let mut j = to;
    let mut skipped = false;
    while j > start && doc.tokens[j - 1].is_word() && words::is_aux(&doc.tokens[j - 1].norm) {
        j -= 1;
        skipped = true;
    }
    if skipped && j > start && doc.is_comma(j - 1) {
        j -= 1;
    }
    // A relative right before the verb is its subject, standing for the
    // phrase before it (`السفارة التي اعتبرت`, `مطار X الذي قال`), even
    // after a comma (`المدينة، التي قالت`).
    // Not when the verb has its own subject after a preposition with a
    // pronoun for the antecedent (`البيان الذي قال فيه الوزير`).
    let own_subject = doc
        .tokens
        .get(to + 1)
        .is_some_and(|t| t.is_word() && words::is_prep_pronoun(&t.norm));
    if j > start && !own_subject && words::is_relative(&doc.tokens[j - 1].norm) {
        j -= 1;
        if j > start && doc.is_comma(j - 1) {
            j -= 1;
        }
    }
    let last = j;
    while j > start && last - j < 6 {
        let k = j - 1;
        let t = &doc.tokens[k];
        if !t.is_word() || ctx.quoted[k] || is_date(ctx, k) {
            break;
        }
        let w = t.norm.as_str();
        let bare = words::unconj(w);
        let fits = namelike(ctx, k)
            || ctx.mention(k).is_some()
            || (t.kind == TokenKind::Arabic
                && (words::is_title(bare) || words::is_definite(w))
                && !words::is_function(bare)
                && !words::is_np_stop(bare));
        if !fits {
            break;
        }
        j = k;
    }
    let toks: Vec<usize> = (j..last).collect();
    classify(ctx, &toks, false)
}

/// The trailing run of name-shaped tokens of a phrase (positions in `toks`):
/// `… فلاديمير بوتين`, allowing a last definite word after a bare one
/// (`بشار الأسد`).
fn name_run(ctx: &Ctx, toks: &[usize]) -> Option<Range<usize>> {
    let n = toks.len();
    let mut k = n;
    if n >= 2 {
        let last = &ctx.doc.tokens[toks[n - 1]];
        if last.kind == TokenKind::Arabic
            && words::is_definite(&last.norm)
            && !words::is_title(&last.norm)
            && namelike(ctx, toks[n - 2])
        {
            k = n - 2;
        }
    }
    while k > 0 && namelike(ctx, toks[k - 1]) {
        k -= 1;
    }
    if k == n {
        return None;
    }
    Some(k..n)
}

/// Whether token `j` is ل glued to a noun (`لكرة` of `لكرة القدم`): no
/// name the tagger found, and no given name as written (`لطفي`, `لؤي`).
fn lam_noun(ctx: &Ctx, j: usize) -> bool {
    use crate::entity::{lexicon::GIVEN, tagger};
    let w = strip_conj(&ctx.doc.tokens[j].norm);
    w.strip_prefix('ل')
        .is_some_and(|noun| noun.chars().count() >= NOUN_LETTERS)
        && ctx
            .doc
            .tokens
            .get(j + 1)
            .is_some_and(|g| g.is_word() && words::is_definite(&g.norm))
        && ctx.mention(j).is_none()
        && tagger::model().lex_bits(w) & GIVEN == 0
}

/// Whether a one-word run is the complement of an indefinite title before
/// it (`سفير فرنسا`, `رئيس تركيا`): a title phrase, not a name.
fn genitive_of_title(ctx: &Ctx, toks: &[usize], run: &Range<usize>) -> bool {
    let head = &ctx.doc.tokens[toks[0]];
    run.start == 1
        && run.len() == 1
        && head.kind == TokenKind::Arabic
        && words::is_title(words::unconj(&head.norm))
        && !words::is_definite(&head.norm)
}

/// Decides what heads a phrase.
pub(crate) fn classify(ctx: &Ctx, toks: &[usize], after: bool) -> Option<Subject> {
    let (&first, &last) = (toks.first()?, toks.last()?);
    let doc = ctx.doc;
    let np = first..last + 1;
    let subject = |head: Head, start: usize, end: usize| Subject {
        head,
        np: np.clone(),
        start,
        end,
        after,
    };
    // A phrase headed by an indefinite common noun (`أحد مساعدي X`, `مصدر
    // في X`) speaks for someone unnamed; the name inside is its possessor.
    // A definite role noun before a name is an apposition (`الفنان X`) and
    // a title heads the name's phrase (`وزير الخارجية X`).
    if possessed(ctx, first) && toks.iter().any(|&j| ctx.mention(j).is_some()) {
        return Some(subject(
            Head::Group,
            ctx.word_start(first),
            doc.tokens[last].end,
        ));
    }
    if let Some(m) = mention_head(ctx, toks) {
        let e = &ctx.ents.mentions[m];
        return Some(subject(Head::Mention(m), e.start, e.end));
    }
    // A speaker noun is no name's first word, whatever follows it
    // (`مصادر مطلعة`, "informed sources"); a name after it is its own
    // (`شركة X`).
    let noun_head = ctx.lang(first) == Lang::Arabic && is_speaker_noun(ctx, first);
    let run = name_run(ctx, toks)
        .filter(|r| !(noun_head && r.start == 0 || genitive_of_title(ctx, toks, r)));
    if let Some(run) = run {
        let (a, b) = (toks[run.start], toks[run.end - 1]);
        return Some(subject(Head::Name, ctx.word_start(a), doc.tokens[b].end));
    }
    let lang = ctx.lang(first);
    let title = match lang {
        Lang::Arabic => words::is_title(words::unconj(&doc.tokens[first].norm)),
        Lang::English => toks
            .iter()
            .any(|&j| words::is_en_title(&doc.tokens[j].norm)),
    };
    if title {
        return Some(subject(
            Head::Title,
            ctx.word_start(first),
            doc.tokens[last].end,
        ));
    }
    if lang == Lang::English {
        return None;
    }
    let e = description_end(ctx, toks)?;
    Some(subject(
        Head::Group,
        ctx.word_start(first),
        doc.tokens[e].end,
    ))
}

/// The entity mention that heads a phrase: a person first (the last one),
/// then an organization; a place only when it is the whole subject. A name shape at
/// the end of the phrase beats an organization or place mentioned before it
/// (`سفير X في [الأمم المتحدة] فرنسوا ديلاتر`): the tagger missed the person.
fn mention_head(ctx: &Ctx, toks: &[usize]) -> Option<usize> {
    let (&first, &last) = (toks.first()?, toks.last()?);
    let mut best: Option<(u8, usize)> = None;
    for &j in toks {
        if let Some(m) = ctx.mention(j) {
            let rank = match ctx.ents.mentions[m].label {
                Label::PER => 3,
                Label::ORG | Label::MISC => 2,
                Label::LOC if j == first => 1,
                _ => 0,
            };
            // Of two persons the later is the holder when the earlier is
            // the title's genitive after ل (`المستشار الأول لX Y`); two
            // persons side by side are otherwise one name the tagger split.
            let later_person =
                rank == 3 && best.is_some_and(|(r, b)| r == 3 && b != m && lam_governed(ctx, b));
            if rank > 0 && (best.is_none_or(|(r, _)| rank > r) || later_person) {
                best = Some((rank, m));
            }
        }
    }
    // Not ل and a noun before its genitive (`نادي X الإنجليزي لكرة القدم`:
    // what the club is for).
    let late_name = |m: usize| {
        let e = &ctx.ents.mentions[m];
        name_run(ctx, toks).is_some_and(|r| {
            let a = toks[r.start];
            ctx.doc.tokens[a].start >= e.end
                && !(a..=last).any(|j| ctx.mention(j).is_some())
                && !lam_noun(ctx, a)
        })
    };
    best.filter(|&(rank, m)| rank == 3 || !late_name(m))
        .map(|(_, m)| m)
}

/// The last token of a description: the head noun and the definite words
/// that qualify it. An indefinite head must be a noun that speaks in the
/// news (`مصدر`, `خبراء`, `بيان`); a verbal noun or a noun with a pronoun
/// (`ردا`, `تعبيره`) is the verb's object or an adverbial, not its subject.
/// A definite one must be such a noun too (`الشركة`, `الوزارة`, `المصدر`),
/// an organization's head or a plural of people (`المحللون`): `الأسبوع
/// الماضي`, `القرار` are not speakers.
fn description_end(ctx: &Ctx, toks: &[usize]) -> Option<usize> {
    let doc = ctx.doc;
    let first = *toks.first()?;
    let head = &doc.tokens[first].norm;
    let definite = words::is_definite(head);
    if (!definite && !is_speaker_noun(ctx, first)) || (definite && !speaking_definite(head)) {
        return None;
    }
    let mut e = 1;
    if definite {
        while e < toks.len() && e < 4 && words::is_definite(&doc.tokens[toks[e]].norm) {
            e += 1;
        }
    } else {
        e = toks.len().min(3);
    }
    Some(toks[e - 1])
}

/// Whether token `j`, first in a speaker phrase, is a common noun in the
/// construct state: an Arabic word outside any name, not definite, not a
/// title, classifier or nationality.
fn possessed(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    let w = words::unconj(&t.norm);
    t.kind == TokenKind::Arabic
        && ctx.mention(j).is_none()
        && !ctx.is_known_name(j, j)
        && !words::is_definite(w)
        && !words::is_title(w)
        && !words::is_term_noun(w)
        && is_speaker_noun(ctx, j)
}

/// Whether a definite word (folded) heads a phrase that can speak: a
/// speaking noun, title, classifier or organization head with its article,
/// or a sound masculine plural (people: `المحللون`, `المشرفين`).
fn speaking_definite(w: &str) -> bool {
    let w = words::strip_conj(w);
    let bare = w
        .strip_prefix("ال")
        .or_else(|| w.strip_prefix("لل"))
        .unwrap_or(w);
    words::is_speaker_noun(bare)
        || words::is_title(w)
        || words::is_title(bare)
        || words::is_term_noun(bare)
        || crate::entity::org::is_head(bare)
        || words::is_sound_plural(w)
}

/// Whether token `j` is an indefinite noun that can head an unnamed
/// speaker (`lexicon/ar/speaker-nouns.txt`, a statement, a title or a
/// classifier).
fn is_speaker_noun(ctx: &Ctx, j: usize) -> bool {
    let w = words::unconj(&ctx.doc.tokens[j].norm);
    words::is_speaker_noun(w)
        || words::is_statement_noun(w)
        || words::is_title(w)
        || words::is_term_noun(w)
}

/// The subject phrase at the start of a sentence (`الخارجية الروسية استبقت …`),
/// for participles and bare verbs whose subject is the sentence's.
pub fn initial(ctx: &Ctx, sent_start: usize, before_tok: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let mut j = sent_start;
    while j < before_tok
        && doc.tokens[j].is_word()
        && (words::is_aux(&doc.tokens[j].norm) || doc.tokens[j].norm == "و")
    {
        j += 1;
    }
    // A fronted prepositional phrase is not the subject: `وفي المدينة، خاطب
    // X …`. Start after its comma.
    if j < before_tok && !ctx.is_ali(j) && words::is_fronted_prep(strip_conj(&doc.tokens[j].norm)) {
        if let Some(c) = (j + 1..before_tok.min(j + 8)).find(|&k| doc.is_comma(k)) {
            j = c + 1;
        }
    }
    // A verb the lexicon does not know may open the sentence (VSO): look
    // past one word when it does not itself fit a subject.
    let fits = |j: usize| {
        let t = &doc.tokens[j];
        t.is_word()
            && (words::is_definite(&t.norm)
                || ctx.is_known_name(j, j)
                || ctx
                    .mention(j)
                    .is_some_and(|m| matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG)))
    };
    if j + 1 < before_tok && !fits(j) && doc.tokens[j].is_word() && fits(j + 1) {
        j += 1;
    }
    // Or a name in quote marks after that verb (`وبثت "X" المقطع`).
    if !fits(j) && doc.tokens[j].is_word() {
        if let Some((_, mut s)) = quoted_words(ctx, j + 1, before_tok) {
            s.after = false;
            return Some(s);
        }
    }
    let mut toks = Vec::new();
    while j < before_tok && toks.len() < 4 {
        let t = &doc.tokens[j];
        if !t.is_word() || ctx.quoted[j] {
            break;
        }
        let w = t.norm.as_str();
        let ok = ctx
            .mention(j)
            .is_some_and(|m| matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG))
            || words::is_definite(w)
            || ctx.is_known_name(j, j);
        if !ok || words::is_function(w) || is_cue_word(w, ctx.lang(j)) {
            break;
        }
        // A definite title takes nationality adjectives, not a genitive:
        // `الوزير الفرنسي`, but in `الوزير المفاوضات` the second word is
        // the verb's object.
        let after_title = toks.last().is_some_and(|&f: &usize| {
            let h = &doc.tokens[f].norm;
            words::is_title(words::unconj(h)) && words::is_definite(h)
        });
        if after_title && !words::is_nisba(w) {
            break;
        }
        toks.push(j);
        j += 1;
    }
    classify(ctx, &toks, false)
}
