//! Speech after a colon, with no quote marks (`وقال X: الوضع صعب.`).
//!
//! Much Arabic copy writes a speaker's own words after the speech verb, its
//! subject and a colon, and leaves the quote marks out (in the news corpus,
//! one such colon for every two that open quote marks). A reader takes the
//! words to the end of the paragraph as a direct quotation. This stage
//! finds them after the cues and their subjects, as spans the later stages
//! treat like quoted ones ([`Closure::Colon`]): the cues inside them are
//! reported speech inside a quotation, and their kind is never a term.
//!
//! Guarantees: a span starts after a colon that closes a speech frame in
//! the same sentence, within [`FRAME_REACH`] tokens of it, with no other
//! cue, clause (`أن`) or sentence end between; it runs to the end of the
//! paragraph, its final punctuation left out; it lies outside every quoted
//! span and starts with a word, not a quote mark (`وقال: "…"` is the
//! marks' own).

use super::cue::{Cue, Form};
use super::marks::{Closure, Quoted};
use super::source::Subject;
use super::{words, Ctx, Lang};
use crate::text::TokenKind;

/// How many tokens after the speech frame (the verb, or its subject after
/// it) the colon may come: room for an adverbial (`في بيان`, `لوسائل إعلام
/// بريطانية`, `، الجمعة،`).
pub(crate) const FRAME_REACH: usize = 8;
/// Fewer words after the colon are a label or a list's head, not speech.
const MIN_WORDS: usize = 3;

/// The spans of speech after a colon, sorted by start.
pub(crate) fn find(ctx: &Ctx, cues: &[Cue], subjects: &[Option<Subject>]) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    for (k, cue) in cues.iter().enumerate() {
        // The verb must say who speaks: its subject, or a conjunction or
        // participle that continues the speaker before (`وأضاف:`,
        // `قائلا:`); a verb alone is a label (`اقرأ أيضا:`, a link).
        let speaks = subjects[k].is_some() || cue.conj || cue.form == Form::Participle;
        let usable =
            speaks && !cue.in_quote && cue.lang == Lang::Arabic && cue.form != Form::Source;
        if !usable {
            continue;
        }
        let end = match &subjects[k] {
            Some(s) if s.after => cue.last.max(s.np.end.saturating_sub(1)),
            _ => cue.last,
        };
        let next_cue = cues.get(k + 1).map_or(usize::MAX, |c| c.first);
        let Some(colon) = colon_after(ctx, end, next_cue) else {
            continue;
        };
        // A colon inside the last span is the speaker's own (and looking
        // again from it would make a long paragraph quadratic).
        let inside = out
            .last()
            .is_some_and(|p| ctx.doc.tokens[colon].start < p.end);
        if inside {
            continue;
        }
        if let Some(q) = span_after(ctx, colon, &cues[k + 1..]) {
            out.push(q);
        }
    }
    out
}

/// The colon that closes the frame ending at token `end`, before token
/// `stop` (the next cue).
fn colon_after(ctx: &Ctx, end: usize, stop: usize) -> Option<usize> {
    let doc = ctx.doc;
    let last = (end + 1 + FRAME_REACH).min(stop).min(ctx.sentence_end(end));
    for j in end + 1..last {
        let t = &doc.tokens[j];
        let text = t.text(doc.text);
        if text == ":" {
            return (!ctx.quoted[j]).then_some(j);
        }
        if t.is_word() && words::is_anna(&t.norm) {
            return None;
        }
        // Only commas and the marks around a name (`لـ"X"`) stand in a
        // frame; other punctuation ends it (`اقرأ.. X: …`, a link's label).
        let frame_punct = doc.is_comma(j) || super::marks::is_double_at(doc, j);
        if t.kind == TokenKind::Punct && !frame_punct {
            return None;
        }
    }
    None
}

/// The words after the colon at token `colon`, to the end of its
/// paragraph, or to a new speech frame, where the narrator speaks again:
/// a sentence that opens with a speech verb (`… . وأوضح X أن …`) or a
/// participle after a comma (`…، مشيرا إلى أن …`); `later` are the cues
/// after the colon's.
fn span_after(ctx: &Ctx, colon: usize, later: &[Cue]) -> Option<Quoted> {
    let doc = ctx.doc;
    let first = colon + 1;
    let t = doc.tokens.get(first)?;
    let same_para = ctx.para_of_tok(first) == ctx.para_of_tok(colon);
    // `10:30` is a time, `:` then a space a colon.
    let spaced = doc.text[doc.tokens[colon].end..t.start]
        .chars()
        .next()
        .is_some_and(char::is_whitespace);
    let opens = t.is_word() && t.kind != TokenKind::Number && !words::is_anna(&t.norm);
    if !same_para || !spaced || !opens || ctx.quoted[first] {
        return None;
    }
    let para = ctx.para_of_tok(colon) as usize;
    let mut last = doc.layout.paragraphs.get(para)?.tokens.end - 1;
    let new_frame = later
        .iter()
        .take_while(|c| c.first <= last)
        .filter(|c| c.first > first + 1)
        .find_map(|c| match c.form {
            Form::Finite if opens_sentence(ctx, c.first) => Some(ctx.sentence_start(c.first)),
            // `، مشيرا إلى أن …`: the narrator's participle after a comma.
            Form::Participle if doc.is_comma(c.first - 1) => Some(c.first - 1),
            _ => None,
        });
    if let Some(at) = new_frame {
        last = at - 1;
    }
    // The paragraph's final punctuation stays out.
    while last > first && !doc.tokens[last].is_word() {
        last -= 1;
    }
    let words = (first..=last).filter(|&j| doc.tokens[j].is_word()).count();
    (words >= MIN_WORDS).then(|| Quoted {
        start: t.start,
        end: doc.tokens[last].end,
        open: None,
        close: None,
        closure: Closure::Colon,
        nested: false,
    })
}

/// Whether token `j` is the first word of its sentence.
fn opens_sentence(ctx: &Ctx, j: usize) -> bool {
    let start = ctx.sentence_start(j);
    (start..j).all(|k| !ctx.doc.tokens[k].is_word())
}
