//! English speaker phrases: who a speech verb's subject is in an English
//! paragraph (`Smith said`, `"…," said Smith`, `the minister said`, `he
//! said`, `…, Kenyan minister Amina Wanjiru, told`, `Rep. Jane Doe (D-Ohio)
//! said`, `said John Q. Public, a lawyer`), and which of them decide the
//! speaker outright ([`decide`]).
//!
//! The Arabic rules are in [`super::source`]; both return the same
//! [`Subject`] and share its [`classify`] of a phrase's head.
//!
//! Guarantees: the phrase never leaves the cue's paragraph, looks at most
//! [`APPOSITION_REACH`] tokens back and [`MAX_RUN`] tokens into a name, so
//! finding it is constant work per cue.

use super::coref::{named, Resolver, Who};
use super::cue::{Cue, Form, Gender};
use super::source::{classify, Head, Subject};
use super::words;
use super::Ctx;
use crate::analysis::Label;
use crate::text::TokenKind;

/// Most tokens in a name run (titles, words, initials and their stops).
const MAX_RUN: usize = 10;
/// How far back an apposition between a name and its verb may reach
/// (`Jane Doe, the chief executive of the company, said`).
const APPOSITION_REACH: usize = 24;
/// Most tokens inside a parenthesis after a name (`(D-Ohio)`).
const PAREN_REACH: usize = 8;
/// How many entity mentions back a pronoun looks for its person.
const PRONOUN_REACH: usize = 40;
/// How many entity mentions back a bare title (`the senator said`) looks
/// for the person named with it: a news article's whole length, yet a
/// bounded look per cue in a text of megabytes.
const TITLE_REACH: usize = 400;
/// How many sentences back a pronoun looks for a name opening one.
const OPENING_SENTENCES: usize = 3;

/// The speaker of an English cue when its sentence says it plainly: a name
/// right before the verb (`Smith said`, `Jane Doe, a lawyer, said`), or,
/// inverted, right after a verb that takes no object (`said Smith`); a
/// pronoun (`he said`) is the person it stands for; an adverbial participle
/// (`adding`) continues the speaker of its sentence. In English word order
/// these are the verb's subject; the speaker model, trained on Arabic, where
/// a capitalised word means nothing and the phrase after the verb is
/// usually its subject, weighs them otherwise. A bare title stands for the
/// person last named with it ([`titled`]). `None` leaves the choice to the
/// model (descriptions, no phrase).
pub(crate) fn decide(ctx: &Ctx, cue: &Cue, r: &Resolver) -> Option<Who> {
    if cue.in_quote {
        return None;
    }
    if cue.form == Form::Participle {
        let s0 = ctx.sentence_start(cue.first);
        return r
            .current_since(s0, cue.first, Gender::Unknown, cue.lang)
            .or_else(|| sentence_subject(ctx, cue, s0, r));
    }
    // `According to X, "…"`: the name after the source phrase, when the
    // quotation follows it (`According to X, Y said …` is Y's), or when the
    // phrase closes the clause before it (`…, according to X.`).
    let source = cue.form == Form::Source;
    if cue.form != Form::Finite && !source {
        return None;
    }
    let s = if source {
        let doc = ctx.doc;
        // Or `…, according to X.`: the phrase closes the clause before it.
        phrase_after(ctx, cue).filter(|s| {
            !matches!(s.head, Head::Pronoun(_) | Head::Title)
                && ((doc.is_comma(s.np.end) && super::marks::is_double_at(doc, s.np.end + 1))
                    || super::content_en::source_closes_clause(ctx, cue.first, cue.last).is_some())
        })?
    } else {
        phrase_before(ctx, cue).or_else(|| phrase_after(ctx, cue))?
    };
    match s.head {
        Head::Name => named(ctx, cue, &s, r).map(|w| as_written(ctx, &s, w)),
        Head::Mention(m) if matches!(ctx.ents.mentions[m].label, Label::PER | Label::ORG) => {
            named(ctx, cue, &s, r).map(|w| as_written(ctx, &s, w))
        }
        Head::Pronoun(g) => pronoun(ctx, cue, g, r),
        Head::Title => titled(ctx, cue, &s),
        // `Police say the officer …`, `The officer was not armed, police
        // said.`: the description before the verb said it, not a name
        // inside the clause (the ranking would weigh those too).
        // Not a phrase cut to its function words (`the` of `attorneys for
        // the family`).
        Head::Group if !s.after && has_content_word(ctx, &s) => named(ctx, cue, &s, r),
        _ => None,
    }
}

/// Whether the words naming a speaker phrase hold one that is no function
/// word.
fn has_content_word(ctx: &Ctx, s: &Subject) -> bool {
    let doc = ctx.doc;
    s.np.clone().any(|j| {
        let t = &doc.tokens[j];
        t.start >= s.start && t.end <= s.end && t.is_word() && !words::is_en_stop(&t.norm)
    })
}

/// The person a bare title stands for (`the president said`, `the senator
/// said`): the latest person before the cue whom the article named with
/// that title (`President Jane Doe`, `Sen. John Roe`), as a reader resolves
/// it. `None` when it named nobody so.
fn titled(ctx: &Ctx, cue: &Cue, s: &Subject) -> Option<Who> {
    let doc = ctx.doc;
    let title =
        s.np.clone()
            .rev()
            .map(|j| doc.tokens[j].norm.as_str())
            .find(|w| words::is_en_title(w))
            .map(words::en_title_written_out)?;
    let before = doc.tokens[cue.first].start;
    let end = ctx.ents.mentions.partition_point(|m| m.start < before);
    ctx.ents.mentions[..end]
        .iter()
        .rev()
        .take(TITLE_REACH)
        .filter(|m| m.label == Label::PER)
        .find(|m| {
            let mut k = doc.tokens_starting_before(m.start);
            if k > 0 && is_stop_dot(ctx, k - 1) {
                k -= 1;
            }
            k > 0 && words::en_title_written_out(&doc.tokens[k - 1].norm) == title
        })
        .map(|m| Who::of_mention(ctx, m, Gender::Unknown))
}

/// The person who opens the clause a participle cue hangs on, when its
/// sentence has no speaker yet (`Earlier, Doe attacked the plan, saying,
/// "…"`): the first person named in the sentence as a clause's subject.
fn sentence_subject(ctx: &Ctx, cue: &Cue, s0: usize, r: &Resolver) -> Option<Who> {
    let j = (s0..cue.first).find(|&j| {
        ctx.mention(j).is_some_and(|m| {
            let e = &ctx.ents.mentions[m];
            e.label == Label::PER && e.start == ctx.doc.tokens[j].start
        }) && clause_subject(ctx, j)
    })?;
    let s = name_phrase(ctx, j, run_fwd(ctx, j, cue.first), false)?;
    named(ctx, cue, &s, r).map(|w| as_written(ctx, &s, w))
}

/// The speaker under the name its phrase writes when the name it resolved
/// to does not end in the same word: a cluster the tagger glued to a
/// neighbour (`Obama and Xi`) or cut (`Donald J`) names someone else.
fn as_written(ctx: &Ctx, s: &Subject, mut w: Who) -> Who {
    let last = |t: &str| {
        t.rsplit(|c: char| c.is_whitespace()).next().map(|x| {
            x.trim_end_matches(['.', ','])
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_lowercase()
        })
    };
    let written = &ctx.doc.text[s.start..s.end];
    if last(&w.name) != last(written) {
        w.name = written.into();
    }
    w
}

/// Whether an English cue follows its quotation with only its speaker
/// between (`"…?" Jane Doe asked`, `"…," asked Doe`): a weak verb
/// (`asked`) is then a speech verb as surely as one that governs a
/// quotation after it.
pub(crate) fn after_quotation(ctx: &Ctx, cue: &Cue) -> bool {
    let doc = ctx.doc;
    let from = phrase_before(ctx, cue).map_or(cue.first, |s| s.np.start);
    let mut j = from;
    if j > 0 && doc.tokens[j - 1].text(doc.text) == "," {
        j -= 1;
    }
    j >= 2
        && super::marks::is_double_at(doc, j - 1)
        && ctx.quoted[j - 2]
        && ctx.para_of_tok(j - 1) == ctx.para_of_tok(cue.first)
}

/// The person an English pronoun subject stands for: the latest of the
/// last speaker agreeing with it and the last person named as a sentence's
/// subject before the cue (`Mr. Doe chalks it up to politics. "…," he
/// said`). A reader takes the nearest; so does PolNeAR's convention.
fn pronoun(ctx: &Ctx, cue: &Cue, g: Gender, r: &Resolver) -> Option<Who> {
    // `he` and `she` are people: an organization or place that spoke is
    // passed over.
    let person = |w: &Who| {
        g == Gender::Plural
            || w.cluster
                .and_then(|c| ctx.ents.clusters.get(c))
                .is_none_or(|c| c.label == Label::PER)
    };
    let spoke = r
        .recent(cue.first, 4, cue.lang)
        .into_iter()
        .find(|(_, w)| w.gender.agrees(g) && honorific(ctx, w.start).agrees(g) && person(w));
    if g == Gender::Plural {
        return spoke.map(|(_, w)| w);
    }
    let at = ctx.doc.tokens[cue.first].start;
    let ms = &ctx.ents.mentions;
    let upto = ms.partition_point(|m| m.start < at);
    let since = spoke.as_ref().map(|(k, _)| ctx.doc.tokens[*k].start);
    let subject = ms[..upto]
        .iter()
        .rev()
        .take(PRONOUN_REACH)
        .take_while(|m| since.is_none_or(|x| m.start > x))
        .find(|m| {
            let j = ctx.doc.tokens_ending_by(m.start);
            let w = Who::of_mention(ctx, m, Gender::Unknown);
            m.label == Label::PER
                && !ctx.quoted[j]
                && clause_subject(ctx, j)
                && r.gender(&w).agrees(g)
                && honorific(ctx, m.start).agrees(g)
        });
    let subject = subject.map(|m| {
        let who = Who::of_mention(ctx, m, Gender::Unknown);
        let who = r.canonical(ctx, m.start, m.end).unwrap_or(who);
        let p = Subject {
            head: Head::Name,
            np: 0..0,
            start: m.start,
            end: m.end,
            after: false,
        };
        as_written(ctx, &p, who)
    });
    // A name the tagger missed that opens a sentence since (`Mr. Doe
    // spoke to reporters.`).
    let opening = opening_name(ctx, cue, since, g, r);
    match (subject, opening) {
        (Some(a), Some(b)) => Some(if b.start > a.start { b } else { a }),
        (a, b) => a.or(b).or(spoke.map(|(_, w)| w)),
    }
}

/// The latest name that opens one of the [`OPENING_SENTENCES`] sentences
/// before the cue's, after byte `since` (the last speaker's cue, if any), agreeing
/// with gender `g`: `Mr. Doe spoke to reporters.`
fn opening_name(
    ctx: &Ctx,
    cue: &Cue,
    since: Option<usize>,
    g: Gender,
    r: &Resolver,
) -> Option<Who> {
    let doc = ctx.doc;
    let mut s = ctx.sentence_start(cue.first);
    for _ in 0..OPENING_SENTENCES {
        if s == 0 {
            return None;
        }
        s = ctx.sentence_start(s - 1);
        if since.is_some_and(|x| doc.tokens[s].start <= x) {
            return None;
        }
        if ctx.quoted[s] {
            continue;
        }
        let end = ctx.sentence_end(s);
        let k = run_fwd(ctx, s, end);
        let Some(p) = name_phrase(ctx, s, k, false) else {
            continue;
        };
        let person = match p.head {
            Head::Mention(m) => ctx.ents.mentions[m].label == Label::PER,
            // A title before an unknown name marks a person (`Mr. Doe`).
            _ => p.np.start < doc.tokens_ending_by(p.start),
        };
        if !person {
            continue;
        }
        let who = named(ctx, cue, &p, r)?;
        if r.gender(&who).agrees(g) && honorific(ctx, p.start).agrees(g) {
            return Some(who);
        }
    }
    None
}

/// The gender an honorific right before the name at byte `start` shows
/// (`Mr.`, `Ms.`, `Mrs.`): a reader's surest sign of whom `he` or `she`
/// can be.
fn honorific(ctx: &Ctx, start: usize) -> Gender {
    let doc = ctx.doc;
    let i = doc.tokens_ending_by(start);
    let mut k = i;
    if k > 0 && doc.tokens[k - 1].text(doc.text) == "." {
        k -= 1;
    }
    match k.checked_sub(1).map(|p| doc.tokens[p].norm.as_str()) {
        Some("mr") => Gender::Masc,
        Some("ms" | "mrs" | "miss") => Gender::Fem,
        _ => Gender::Unknown,
    }
}

/// Whether the name whose first word is token `j` opens its clause: first
/// in its sentence, or after titles, a comma or a conjunction.
fn clause_subject(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    let s0 = ctx.sentence_start(j);
    let mut k = j;
    while k > s0
        && j - k < MAX_RUN
        && (words::is_en_title(&doc.tokens[k - 1].norm) || is_stop_dot(ctx, k - 1))
    {
        k -= 1;
    }
    if k == s0 {
        return true;
    }
    match doc.tokens[k - 1].norm.as_str() {
        "," | "“" | "\"" => true,
        // `and` opens a clause only when a verb follows the name (`… and
        // Doe said`); before a stop or a comma it joins two names
        // (`loyalists to Roe and Doe.`).
        "and" | "but" => {
            let end = run_fwd(ctx, j, ctx.sentence_end(j));
            doc.tokens
                .get(end)
                .is_some_and(|t| t.kind == TokenKind::Latin && !capitalised(ctx, end))
        }
        _ => false,
    }
}

/// An English speaker phrase before the verb: a pronoun, a capitalised name
/// with optional titles, initials and a parenthesis (`Rep. Jane Doe
/// (D-Ohio)`), a name and its apposition, or `the` + title.
pub(crate) fn phrase_before(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    // Before the verb: `Smith said`, `The coach said`, `he said`, past an
    // adverb (`the minister later said`) or the comma closing an
    // apposition (`…, Kenyan minister Amina Wanjiru, told`).
    let start = floor(ctx, cue.first);
    let mut v = cue.first;
    while v > start && cue.first - v < 2 && is_en_adverb(&doc.tokens[v - 1].norm) {
        v -= 1;
    }
    if !(v > start && doc.tokens[v - 1].text(doc.text) == ",") {
        if v > start {
            if let Some(s) = pronoun_at(ctx, v - 1, false) {
                return Some(s);
            }
        }
        let v = skip_paren(ctx, start, v);
        let k = run_back(ctx, start, v);
        if let Some(s) = affiliated(ctx, start, k) {
            return Some(s);
        }
        if let Some(s) = name_phrase(ctx, k, v, false) {
            return Some(s);
        }
        let toks: Vec<usize> = (k..v).filter(|&j| !is_stop_dot(ctx, j)).collect();
        if let Some(s) = classify(ctx, &toks, false) {
            return Some(s);
        }
        return en_description(ctx, start, v);
    }
    apposition(ctx, start, v - 1)
}

/// Prepositions that tie a person to the body they speak from.
const AFFILIATIONS: [&str; 3] = ["of", "at", "from"];

/// The person before an affiliation that ends right before the name run
/// at token `k` (`Mr. Doe of the Sierra Club said`, `Jane Roe at the
/// Treasury said`): the subject is the person, not the body.
fn affiliated(ctx: &Ctx, start: usize, k: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let mut p = k;
    if p > start && doc.tokens[p - 1].norm == "the" {
        p -= 1;
    }
    if !(p > start && AFFILIATIONS.contains(&doc.tokens[p - 1].norm.as_str())) {
        return None;
    }
    let v = p - 1;
    let k2 = run_back(ctx, start, v);
    if k2 == v || !clause_subject(ctx, k2) {
        return None;
    }
    let s = name_phrase(ctx, k2, v, false)?;
    match s.head {
        Head::Mention(m) if ctx.ents.mentions[m].label == Label::PER => Some(s),
        Head::Name => Some(s),
        _ => None,
    }
}

/// The name before an apposition ending with the comma at token `comma`:
/// `Jane Doe, the chief executive of Acme, said`, `Jane Doe, 54, said`.
/// The name must open its clause, so `In Nairobi, the minister said` and
/// `the board, which met Tuesday, said` are not ones.
fn apposition(ctx: &Ctx, start: usize, comma: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let opens_clause = |k: usize| {
        k == start
            || doc.tokens[k - 1].kind == TokenKind::Punct
            || matches!(doc.tokens[k - 1].norm.as_str(), "and" | "but")
    };
    // The name right before the comma (`"…," Kenyan minister Amina
    // Wanjiru, told`).
    let k = run_back(ctx, start, comma);
    if k < comma && opens_clause(k) {
        return name_phrase(ctx, k, comma, false);
    }
    let lo = start.max(comma.saturating_sub(APPOSITION_REACH));
    let mut c = comma;
    // Up to two appositions: `X, the attorney general of Y, one of the
    // states suing, said`.
    for _ in 0..2 {
        let prev = (lo..c)
            .rev()
            .find(|&j| doc.tokens[j].text(doc.text) == ",")?;
        let open = doc.tokens.get(prev + 1)?;
        if !opens_apposition(ctx, prev + 1)
            || open.kind != TokenKind::Latin && open.kind != TokenKind::Number
        {
            return None;
        }
        let v = skip_paren(ctx, start, prev);
        let k = run_back(ctx, start, v);
        // A name that does not open its clause ends a phrase inside the
        // first apposition (`…, the attorney general of Oklahoma, one of
        // …`): the subject is further back.
        if k < v && opens_clause(k) {
            return name_phrase(ctx, k, v, false);
        }
        c = prev;
    }
    None
}

/// Whether token `j`, right after a comma, can open an apposition to a
/// name: a determiner, a possessive, a number, a title or a lower-case
/// noun phrase's first word (`the`, `a`, `his`, `54`, `chief`, `one`).
fn opens_apposition(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    let w = t.norm.as_str();
    t.kind == TokenKind::Number
        || matches!(
            w,
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one" | "who" | "whose"
        )
        || words::is_en_title(w)
        || words::is_en_description_opener(w)
}

/// Token `j` as a pronoun subject (`he`, `she`, `they`), standing after
/// the verb (`after`) or before it.
fn pronoun_at(ctx: &Ctx, j: usize, after: bool) -> Option<Subject> {
    let t = ctx.doc.tokens.get(j)?;
    let g = words::en_pronoun(&t.norm)?;
    Some(Subject {
        head: Head::Pronoun(g),
        np: j..j + 1,
        start: t.start,
        end: t.end,
        after,
    })
}

/// Token `j`, right after a verb, as its inverted pronoun subject (`"…,"
/// said he.`): only when no word follows it, since in `said he would` the
/// pronoun opens the reported clause as its own subject.
fn inverted_pronoun(ctx: &Ctx, j: usize) -> Option<Subject> {
    let next_word = ctx
        .doc
        .tokens
        .get(j + 1)
        .is_some_and(|t| t.kind == TokenKind::Latin);
    pronoun_at(ctx, j, true).filter(|_| !next_word)
}

/// An English speaker phrase after the verb: `said Smith`, `said Rep. Jane
/// Doe`, `said John Q. Public`, `said the minister`, `said he`.
pub(crate) fn phrase_after(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    let end = ceiling(ctx, cue.last);
    // After `told`, `asked`, `urged` stands the listener (`told reporters`,
    // `told CNN`), never the speaker.
    if words::is_en_object_verb(&doc.tokens[cue.last].norm) {
        return None;
    }
    // After the verb: `said Smith`, `said the minister`, `said he`.
    let mut j = cue.last + 1;
    if j >= end {
        return None;
    }
    if let Some(s) = inverted_pronoun(ctx, j) {
        return Some(s);
    }
    if doc.tokens[j].norm == "the" {
        j += 1;
    }
    let k = run_fwd(ctx, j, end);
    if let Some(s) = name_phrase(ctx, j, k, true) {
        return Some(s);
    }
    let toks: Vec<usize> = (j..k).filter(|&i| !is_stop_dot(ctx, i)).collect();
    if toks.is_empty() {
        return None;
    }
    classify(ctx, &toks, true)
}

/// The first token a speaker phrase before token `i` may use: the start of
/// its sentence, or of the sentence before when that one ended on an
/// abbreviation inside a name (`Rep. Jane Doe (D-Ohio.) said`: the splitter
/// took `Ohio.)` for a sentence's end).
fn floor(ctx: &Ctx, i: usize) -> usize {
    let s0 = ctx.sentence_start(i);
    let doc = ctx.doc;
    if s0 > 0
        && doc.tokens[s0 - 1].text(doc.text) == ")"
        && ctx.para_of_tok(s0 - 1) == ctx.para_of_tok(i)
    {
        return ctx.sentence_start(s0 - 1);
    }
    s0
}

/// One past the last token a speaker phrase after token `i` may use: the
/// end of its sentence, or of the next when the splitter ended it on a
/// title's stop (`said the Rev. Jane Doe`).
fn ceiling(ctx: &Ctx, i: usize) -> usize {
    let e = ctx.sentence_end(i);
    let same_para = e < ctx.doc.tokens.len() && ctx.para_of_tok(e) == ctx.para_of_tok(i);
    if e > 0 && is_stop_dot(ctx, e - 1) && same_para {
        return ctx.sentence_end(e);
    }
    e
}

/// Moves back over a parenthesis ending right before token `v`
/// (`Jane Doe (D-Ohio) said`): the token index of its `(`, or `v`.
fn skip_paren(ctx: &Ctx, start: usize, v: usize) -> usize {
    let doc = ctx.doc;
    if v == start || doc.tokens[v - 1].text(doc.text) != ")" {
        return v;
    }
    let lo = start.max(v.saturating_sub(PAREN_REACH));
    (lo..v - 1)
        .rev()
        .find(|&j| doc.tokens[j].text(doc.text) == "(")
        .unwrap_or(v)
}

/// Whether token `j` is the full stop of an initial or an abbreviated
/// title inside a name (`John Q. Public`, `Rep. Doe`, `G.K.`).
fn is_stop_dot(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    if j == 0 || doc.tokens[j].text(doc.text) != "." {
        return false;
    }
    let p = &doc.tokens[j - 1];
    p.end == doc.tokens[j].start
        && p.kind == TokenKind::Latin
        && (is_initial(ctx, j - 1) || words::is_en_title(&p.norm))
}

/// Whether token `j` is a single capital letter (an initial).
fn is_initial(ctx: &Ctx, j: usize) -> bool {
    let t = ctx.doc.tokens[j].text(ctx.doc.text);
    t.chars().count() == 1 && t.chars().all(char::is_uppercase)
}

/// Whether token `j` can stand inside a name run: a capitalised word that
/// is not a phrase stop, a title, or the stop of an initial or title.
fn in_run(ctx: &Ctx, j: usize) -> bool {
    let t = &ctx.doc.tokens[j];
    (t.kind == TokenKind::Latin
        && t.norm != "the"
        && (words::is_en_title(&t.norm) || capitalised(ctx, j) && !words::is_en_stop(&t.norm)))
        || is_stop_dot(ctx, j)
        || inner_hyphen(ctx, j)
}

/// Whether token `j` is a hyphen glued between two capitalised words
/// (`Holtz-Eakin`).
fn inner_hyphen(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    j > 0
        && doc.tokens[j].text(doc.text) == "-"
        && doc.tokens[j - 1].end == doc.tokens[j].start
        && doc
            .tokens
            .get(j + 1)
            .is_some_and(|n| n.start == doc.tokens[j].end)
        && capitalised(ctx, j - 1)
        && capitalised(ctx, j + 1)
}

/// The first token of the name run ending right before token `v` (`v` when
/// there is none).
fn run_back(ctx: &Ctx, start: usize, v: usize) -> usize {
    let mut k = v;
    while k > start && v - k < MAX_RUN && in_run(ctx, k - 1) {
        k -= 1;
    }
    // A run does not start on a stop.
    while k < v && is_stop_dot(ctx, k) {
        k += 1;
    }
    k
}

/// One past the last token of the name run starting at token `j`.
pub(crate) fn run_fwd(ctx: &Ctx, j: usize, end: usize) -> usize {
    let mut k = j;
    while k < end && k - j < MAX_RUN && in_run(ctx, k) {
        k += 1;
    }
    // An abbreviation's stop that ends the sentence is still the name's
    // (`said Sen. Doe Jr.`), but a run never ends on a title.
    k
}

/// The speaker phrase of the name run `k..v`: its titles, then the name
/// from its first word that is not a title. An entity mention that is
/// exactly the name gives the phrase its cluster; one that reaches past the
/// run (`Obama and Xi`, glued by the tagger) or covers only part of it
/// (`Ronald R` of `Ronald R. Doe`) is left aside and the name stands as
/// written. `None` when the run holds no name word.
fn name_phrase(ctx: &Ctx, k: usize, v: usize, after: bool) -> Option<Subject> {
    let doc = ctx.doc;
    // The name starts after the run's last title: `Former Pennsylvania
    // Gov. Jane Doe` is Jane Doe.
    let from = (k..v)
        .rev()
        .find(|&j| words::is_en_title(&doc.tokens[j].norm))
        .map_or(k, |t| t + 1);
    let a = (from..v).find(|&j| {
        let t = &doc.tokens[j];
        t.kind == TokenKind::Latin && !words::is_en_title(&t.norm) && capitalised(ctx, j)
    })?;
    // The name ends on the run's last word (a trailing title stop stays
    // out); a run ending on a title is a title phrase (`Kenyan minister`).
    let b = (a..v)
        .rev()
        .find(|&j| doc.tokens[j].kind == TokenKind::Latin)?;
    if words::is_en_title(&doc.tokens[b].norm) {
        return None;
    }
    let (start, end) = (doc.tokens[a].start, doc.tokens[b].end);
    let head = match ctx.mention(b) {
        Some(m) if ctx.ents.mentions[m].start >= start && ctx.ents.mentions[m].end == end => {
            let e = &ctx.ents.mentions[m];
            if !matches!(e.label, Label::PER | Label::ORG | Label::MISC) {
                return None;
            }
            Head::Mention(m)
        }
        // A place or date is not a speaker (`In Washington said`).
        Some(m) if matches!(ctx.ents.mentions[m].label, Label::LOC | Label::DATE) && a == b => {
            return None
        }
        _ => Head::Name,
    };
    let (start, end) = match head {
        Head::Mention(m) => (ctx.ents.mentions[m].start, ctx.ents.mentions[m].end),
        _ => (start, end),
    };
    Some(Subject {
        head,
        np: k..v,
        start,
        end,
        after,
    })
}

// The phrases the speaker model's candidates are built from (through
// `source::subject_before`/`subject_after`), as the model was trained with
// them: the speaker model learns from an English held-out article too, and
// any change to that article's candidates moves the Arabic weights. The
// fuller phrases above decide English speakers outright instead.

/// An English speaker phrase before the verb for the model's candidates: a
/// pronoun, a capitalised name with optional titles, or `the` + title.
pub(crate) fn before(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    // The subject before the verb comes first: after `told`, a name is the
    // listener.
    // Before the verb: `Smith said`, `The coach said`, `he said`, past an
    // adverb (`the minister later said`) or the comma closing an
    // apposition (`…, Kenyan minister Amina Wanjiru, told`).
    let start = ctx.sentence_start(cue.first);
    let mut v = cue.first;
    while v > start && cue.first - v < 2 && is_en_adverb(&doc.tokens[v - 1].norm) {
        v -= 1;
    }
    let comma = v > start + 1
        && doc.tokens[v - 1].text(doc.text) == ","
        && doc.tokens[v - 1].start == doc.tokens[v - 2].end
        && capitalised(ctx, v - 2);
    if comma {
        v -= 1;
    }
    if !comma && v > start {
        if let Some(s) = pronoun_at(ctx, v - 1, false) {
            return Some(s);
        }
    }
    let mut k = v;
    while k > start && v - k < 6 {
        let t = &doc.tokens[k - 1];
        if t.kind == TokenKind::Latin
            && (capitalised(ctx, k - 1) || words::is_en_title(&t.norm))
            && t.norm != "the"
        {
            k -= 1;
        } else {
            break;
        }
    }
    let toks: Vec<usize> = (k..v).collect();
    if let Some(s) = classify(ctx, &toks, false) {
        // Past a comma only a name will do: `In Nairobi, said …` is not one.
        if !comma || matches!(s.head, Head::Name | Head::Mention(_)) {
            return Some(s);
        }
    }
    if !comma {
        if let Some(s) = en_description(ctx, start, v) {
            return Some(s);
        }
    }
    None
}

/// An English speaker phrase after the verb for the model's candidates:
/// `said Smith`, `said the minister`, `said he`.
pub(crate) fn after(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    let end = ctx.sentence_end(cue.last);
    // After the verb: `said Smith`, `said the minister`, `said he`.
    let mut j = cue.last + 1;
    if j < end {
        if let Some(s) = inverted_pronoun(ctx, j) {
            return Some(s);
        }
        if doc.tokens[j].norm == "the" {
            j += 1;
        }
        let mut toks = Vec::new();
        while j < end && toks.len() < 6 {
            let t = &doc.tokens[j];
            let cap = t.kind == TokenKind::Latin
                && t.text(doc.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            if t.kind == TokenKind::Latin
                && (cap || words::is_en_title(&t.norm))
                && !words::is_en_stop(&t.norm)
            {
                toks.push(j);
                j += 1;
            } else {
                break;
            }
        }
        if !toks.is_empty() {
            return classify(ctx, &toks, true);
        }
    }
    None
}

/// Whether token `j` is a capitalised Latin word.
fn capitalised(ctx: &Ctx, j: usize) -> bool {
    ctx.doc.tokens.get(j).is_some_and(|t| {
        t.kind == TokenKind::Latin
            && t.text(ctx.doc.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// Adverbs and auxiliaries between an English subject and its verb.
fn is_en_adverb(w: &str) -> bool {
    words::is_en_subject_adverb(w) || (w.len() > 4 && w.ends_with("ly") && w != "only")
}

/// An English description before the verb when no name or title is there:
/// `Health officials said`, `one African delegate told`, `The company said`.
/// Its words run back to a determiner, a number word or the clause start.
fn en_description(ctx: &Ctx, start: usize, v: usize) -> Option<Subject> {
    let doc = ctx.doc;
    let mut k = v;
    while k > start && v - k < 4 {
        let t = &doc.tokens[k - 1];
        if t.kind != TokenKind::Latin
            || words::is_en_stop(&t.norm) && !words::is_en_description_opener(&t.norm)
        {
            break;
        }
        k -= 1;
        if words::is_en_description_opener(&t.norm) {
            break;
        }
    }
    if k == v {
        return None;
    }
    // Only a clause's own subject: the phrase starts the clause.
    let clause_start = k == start
        || doc.tokens.get(k - 1).is_some_and(|p| !p.is_word())
        || words::is_en_description_opener(&doc.tokens[k].norm);
    if !clause_start {
        return None;
    }
    let a = if doc.tokens[k].norm == "the" && k + 1 < v {
        k + 1
    } else {
        k
    };
    Some(Subject {
        head: Head::Group,
        np: k..v,
        start: doc.tokens[a].start,
        end: doc.tokens[v - 1].end,
        after: false,
    })
}
