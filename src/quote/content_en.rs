//! English parts of the content stage: where the speech verb that follows
//! a quotation is (`"…," said Jane Doe`, `"…," Rep. Jane Doe (D-Ohio)
//! said`, `"…?" Jane Doe, a lawyer for the city, asked`).
//!
//! The Arabic rules stay in [`super::content`].
//!
//! Guarantees: every search looks at most [`TRAILING_REACH`] tokens ahead
//! inside the quotation's paragraph.

use super::coref::Who;
use super::cue::Gender;
use super::marks::Quoted;
use super::words;
use super::Ctx;
use crate::analysis::Label;
use crate::text::TokenKind;

/// Dashes that introduce a quotation's author after it (`"…" ― Jane Doe`).
const DASHES: [&str; 4] = ["―", "—", "–", "-"];

/// How far after a quotation its speech verb may stand: past the speaker's
/// name, titles, a parenthesis and an apposition (`"…," Jane Doe, the
/// chief executive of the company, said`).
pub(crate) const TRAILING_REACH: usize = 24;

/// The cue (an index into the framed cues) that follows an English
/// quotation whose frame starts at token `from`, within its paragraph: the
/// first cue before another quote mark, a sentence's end or a clause of
/// its own (`;`). A full stop of an initial, a title or an abbreviation in
/// a parenthesis (`(D-Ohio.)`) does not end the search.
pub(crate) fn trailing_cue(
    ctx: &Ctx,
    from: usize,
    cue_at: &[usize],
    is_mark: impl Fn(usize) -> bool,
) -> Option<usize> {
    let doc = ctx.doc;
    let para = ctx.para_of_tok(from);
    let end = doc.tokens.len().min(from + TRAILING_REACH);
    for j in from..end {
        if ctx.para_of_tok(j) != para || is_mark(j) {
            return None;
        }
        if let Some(&at) = cue_at.get(j).filter(|&&at| at != usize::MAX) {
            return Some(at);
        }
        let t = &doc.tokens[j];
        if t.kind == TokenKind::Punct {
            match t.text(doc.text) {
                "!" | "?" | ";" | ":" => return None,
                "." if !abbreviation_stop(ctx, j) => return None,
                _ => {}
            }
        }
    }
    None
}

/// Whether the full stop at token `j` belongs to an abbreviation: glued to
/// a short word before it and followed by a closing parenthesis, a comma
/// or a capitalised word (`R.`, `Rep.`, `Wis.)`).
fn abbreviation_stop(ctx: &Ctx, j: usize) -> bool {
    let doc = ctx.doc;
    let Some(p) = j.checked_sub(1).map(|p| &doc.tokens[p]) else {
        return false;
    };
    let short =
        p.kind == TokenKind::Latin && p.end == doc.tokens[j].start && p.text(doc.text).len() <= 4;
    let next = doc.tokens.get(j + 1).map(|n| n.text(doc.text));
    short
        && next.is_some_and(|n| {
            n == ")" || n == "," || n.chars().next().is_some_and(char::is_uppercase)
        })
}

/// The author named after a dash that follows a quotation, alone to the
/// end of its paragraph or sentence (`"…" ― Jane Doe`, `"…"— Jane Q. Doe.`):
/// the way collected reactions and epigraphs are signed.
pub(crate) fn dash_author(ctx: &Ctx, q: &Quoted) -> Option<Who> {
    let doc = ctx.doc;
    let c = q.close?;
    let para = ctx.para_of_tok(c);
    let mut j = c + 1;
    if doc
        .tokens
        .get(j)
        .is_some_and(|t| matches!(t.text(doc.text), "," | "."))
    {
        j += 1;
    }
    let dash = doc.tokens.get(j)?;
    if !DASHES.contains(&dash.text(doc.text)) || ctx.para_of_tok(j) != para {
        return None;
    }
    let a = j + 1;
    let end = super::source_en::run_fwd(ctx, a, ctx.sentence_end(a));
    // The run must close its paragraph or sentence: a name, not the start
    // of a new clause.
    let last = (a..end)
        .rev()
        .find(|&k| doc.tokens[k].kind == TokenKind::Latin)?;
    let after = doc.tokens.get(end);
    let closes =
        after.is_none_or(|n| ctx.para_of_tok(end) != para || matches!(n.text(doc.text), "." | "|"));
    if !closes || last < a {
        return None;
    }
    let (start, stop) = (doc.tokens[a].start, doc.tokens[last].end);
    let mention = ctx.mention(last).map(|m| &ctx.ents.mentions[m]);
    Some(match mention {
        Some(m) if m.label == Label::PER && m.start >= start && m.end == stop => {
            Who::of_mention(ctx, m, Gender::Unknown)
        }
        _ => Who {
            name: doc.text[start..stop].into(),
            cluster: None,
            start,
            end: stop,
            gender: Gender::Unknown,
            named: true,
        },
    })
}

/// Most words of an adverbial after a frame that ends its sentence
/// (`…, police said on Tuesday.`).
const FRAME_TAIL_WORDS: usize = 5;

/// Most words of the listener after a verb such as `told` that closes a
/// reported clause (`…, she told the city's radio station`: `'s` is a word
/// here).
const LISTENER_WORDS: usize = 6;

/// Most tokens between the comma that closes a reported clause and the
/// verb: the subject, its title and a parenthesis (`, Sen. Jane Q. Doe
/// (R-S.C.) said` is 14).
const SUBJECT_BEFORE_TOKENS: usize = 16;

/// Whether the English frame of the verb at token `verb`, ending at token
/// `end` (its subject after it, when `inverted`), closes the clause before
/// the comma [`comma_before`] found for it (`The officer was not armed,
/// police said.`, `…, said Jane Doe, a lawyer for the city.`): after the
/// frame nothing but an adverbial (`on Tuesday`) or, after an inverted
/// subject, its apposition.
pub(crate) fn closes_clause(ctx: &Ctx, verb: usize, end: usize, inverted: bool) -> bool {
    let doc = ctx.doc;
    let send = ctx.sentence_end(end);
    let tail = (end + 1..send).filter(|&j| doc.tokens[j].is_word());
    let apposition = inverted
        && doc
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.text(doc.text) == ",");
    // The words after the frame: a listener (after `told`), then an
    // adverbial, to the end of the sentence. `…, the senator told The Daily
    // Record on Thursday.`; not `…, he told him the plan …`, whose
    // listener goes on past a second determiner.
    let listener_max = if words::is_en_object_verb(&doc.tokens[verb].norm) {
        LISTENER_WORDS
    } else {
        0
    };
    let mut listener = 0;
    let mut adverbial = 0;
    for j in tail {
        let w = &doc.tokens[j].norm;
        if adverbial > 0 || opens_adverbial(w) {
            adverbial += 1;
        } else if listener < listener_max && (listener == 0 || !words::is_en_clause_opener(w)) {
            listener += 1;
        } else {
            return apposition;
        }
    }
    apposition || adverbial <= FRAME_TAIL_WORDS
}

/// Whether an English word opens an adverbial after a speech verb: a
/// preposition, a day's name or a time adverb (`on Tuesday`, `Friday`,
/// `later`).
fn opens_adverbial(w: &str) -> bool {
    words::is_en_adverbial_opener(w) || words::is_en_weekday(w) || words::is_en_time_adverb(w)
}

/// The comma before an English verb and the subject in front of it, with
/// only words (no conjunction: `, and X said`), abbreviation points and a
/// parenthesis between: where a frame that closes its clause
/// ([`closes_clause`]) or is set off inside it ([`set_off`]) begins.
pub(crate) fn comma_before(ctx: &Ctx, verb: usize) -> Option<usize> {
    let doc = ctx.doc;
    let floor = verb.saturating_sub(SUBJECT_BEFORE_TOKENS);
    for j in (floor..verb).rev() {
        let t = &doc.tokens[j];
        match t.text(doc.text) {
            "," => return Some(j),
            "." | "(" | ")" | "-" => {}
            _ if t.is_word() && words::is_en_frame_conjunction(&t.norm) => return None,
            _ if t.is_word() => {}
            _ => return None,
        }
    }
    None
}

/// Most words of the source phrase that ends a sentence (`…, according to
/// the city's water authority.`).
const TRAILING_SOURCE_WORDS: usize = 8;

/// Whether the English source phrase at tokens `first..=last` (`according
/// to`) closes the clause before it: right after a comma, and followed by
/// its source alone to the end of the sentence. Returns that comma.
pub(crate) fn source_closes_clause(ctx: &Ctx, first: usize, last: usize) -> Option<usize> {
    let doc = ctx.doc;
    let comma = first
        .checked_sub(1)
        .filter(|&c| doc.tokens[c].text(doc.text) == ",")?;
    let send = ctx.sentence_end(last);
    let mut words = 0;
    for j in last + 1..send {
        let t = &doc.tokens[j];
        if t.is_word() {
            words += 1;
        } else if !matches!(t.text(doc.text), "." | "'" | "’" | "-") {
            return None;
        }
    }
    (1..=TRAILING_SOURCE_WORDS)
        .contains(&words)
        .then_some(comma)
}

/// The reported words around an English frame ending at token `end` set
/// off by commas inside its sentence (`The museum, Mr. Obama said, would
/// …`, `The latest test, X said on Monday, was its biggest`): the comma
/// `before` it ([`comma_before`]), and one after it past an adverbial at
/// most. The whole sentence to its last word, frame and all; only the
/// clause before the frame when a conjunction follows it (`…, he said, and
/// the talks …` is a clause of the article's own).
pub(crate) fn set_off(ctx: &Ctx, before: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let doc = ctx.doc;
    let send = ctx.sentence_end(end);
    let after = (end + 1..send.min(end + 2 + FRAME_TAIL_WORDS))
        .find(|&j| doc.tokens[j].text(doc.text) == ",")?;
    let between = &doc.tokens[end + 1..after];
    if between.first().is_some_and(|t| !opens_adverbial(&t.norm))
        || between.iter().any(|t| !t.is_word())
    {
        return None;
    }
    let start = ctx.sentence_start(before);
    let next = doc.tokens.get(after + 1)?;
    if !next.is_word() {
        return None;
    }
    if words::is_en_frame_conjunction(&next.norm) {
        return Some(start..before);
    }
    let mut stop = send;
    while stop > after + 1 && !doc.tokens[stop - 1].is_word() {
        stop -= 1;
    }
    (stop > after + 1).then_some(start..stop)
}
