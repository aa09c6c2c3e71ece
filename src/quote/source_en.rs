//! English speaker phrases: who a speech verb's subject is in an English
//! paragraph (`Smith said`, `"…," said Smith`, `the minister said`, `he
//! said`, `…, Kenyan minister Amina Wanjiru, told`).
//!
//! The Arabic rules are in [`super::source`]; both return the same
//! [`Subject`] and share its [`classify`] of a phrase's head.
//!
//! Guarantees: the phrase never leaves the cue's sentence and is at most a
//! few words long, so finding it is constant work per cue.

use super::cue::Cue;
use super::source::{classify, Head, Subject};
use super::words;
use super::Ctx;
use crate::text::TokenKind;

/// An English speaker phrase before the verb: a pronoun, a capitalised name
/// with optional titles, or `the` + title.
pub(crate) fn before(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    let pron = |j: usize| words::en_pronoun(&doc.tokens.get(j)?.norm);
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
        if let Some(g) = pron(v - 1) {
            let t = &doc.tokens[v - 1];
            return Some(Subject {
                head: Head::Pronoun(g),
                np: v - 1..v,
                start: t.start,
                end: t.end,
                after: false,
            });
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

/// An English speaker phrase after the verb: `said Smith`, `said the
/// minister`, `said he`.
pub(crate) fn after(ctx: &Ctx, cue: &Cue) -> Option<Subject> {
    let doc = ctx.doc;
    let pron = |j: usize| words::en_pronoun(&doc.tokens.get(j)?.norm);

    let end = ctx.sentence_end(cue.last);
    // After the verb: `said Smith`, `said the minister`, `said he`.
    let mut j = cue.last + 1;
    if j < end {
        if let Some(g) = pron(j) {
            let t = &doc.tokens[j];
            return Some(Subject {
                head: Head::Pronoun(g),
                np: j..j + 1,
                start: t.start,
                end: t.end,
                after: true,
            });
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
        if t.kind != TokenKind::Latin || words::is_en_stop(&t.norm) && t.norm != "the" {
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
