//! Content: what was said, and how it is reported.
//!
//! - A quoted span governed by a speech cue earlier in its sentence (or by a
//!   cue right after it: `"…"، قال X`, `"…," she said`) is *direct* when the
//!   speech frame runs up to the mark (the verb, its subject, a colon, an
//!   adverbial, a date, or أن before a clause) and *partial* when a word of
//!   the reporting sentence governs it (`على أهمية "…"`, `بأنها "…"` before
//!   a short fragment).
//! - A quoted span after a name-giving noun (`تنظيم "…"`), or in a sentence
//!   with no speech cue, is a *term*, unless it begins its sentence or
//!   paragraph: then it continues the current speaker's words.
//! - *Indirect* speech is a cue followed by إن/أن/بأن (English `that`) with
//!   no quote mark right after: the content runs from after the conjunction
//!   (with its pronoun, `إنه`) to the end of the clause, stopping before a new
//!   reporting frame in the same sentence (`، مشيرا …`, `وعبر …`, `والتي
//!   وصفها …`, `، بحسب …`) and leaving out final punctuation.
//!
//! Every search stays inside one sentence and scans a bounded number of
//! tokens, so the stage is linear in the text.

use super::coref::{Resolver, Who};
use super::cue::{self, Cue, Form, Gender};
use super::marks::{self, Closure, Quoted};
use super::source::Subject;
use super::words::{self, strip_conj};
use super::Quotation as Quote;
use super::{Ctx, Lang};
use crate::analysis::{Label, QuoteKind};
use crate::text::TokenKind;

/// A cue with what the earlier stages found for it.
pub struct Framed<'a> {
    pub cue: &'a Cue,
    pub subject: Option<&'a Subject>,
    pub who: Option<&'a Who>,
    /// Trusted: not weak, or governing a quotation.
    pub active: bool,
}

impl Framed<'_> {
    /// Last token of the speech frame: the verb or its following subject.
    fn end_tok(&self) -> usize {
        match self.subject {
            Some(s) if s.after => self.cue.last.max(s.np.end.saturating_sub(1)),
            _ => self.cue.last,
        }
    }

    fn usable(&self) -> bool {
        self.active && !self.cue.in_quote
    }
}

fn speaker(who: Option<&Who>) -> Option<Who> {
    who.cloned()
}

/// The cue's span: the verb with its subject phrase.
fn cue_out(ctx: &Ctx, f: &Framed) -> std::ops::Range<usize> {
    let doc = ctx.doc;
    let (mut s, mut e) = (doc.tokens[f.cue.first].start, doc.tokens[f.cue.last].end);
    if let Some(sub) = f.subject {
        if sub.after {
            e = e.max(doc.tokens[sub.np.end - 1].end);
        } else {
            s = s.min(sub.start);
        }
    }
    s..e
}

fn words_in(ctx: &Ctx, start: usize, end: usize) -> usize {
    let toks = &ctx.doc.tokens;
    let a = ctx.doc.tokens_starting_before(start);
    let b = ctx.doc.tokens_ending_by(end);
    (a..b.max(a)).filter(|&i| toks[i].is_word()).count()
}

fn is_mark(ctx: &Ctx, i: usize) -> bool {
    marks::is_double_at(ctx.doc, i)
}

/// Builds all quotations: quoted spans classified and attributed, and
/// indirect speech.
pub fn build(ctx: &Ctx, quoted: &[Quoted], framed: &[Framed], resolver: &Resolver) -> Vec<Quote> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    // Index of the cue starting at each token, for stop checks.
    let mut cue_at = vec![usize::MAX; doc.tokens.len()];
    for (k, f) in framed.iter().enumerate() {
        if f.usable() {
            cue_at[f.cue.first] = k;
        }
    }
    // The first quoted span opened by the mark at each token (scanning the
    // spans for it at every mark was quadratic in long documents).
    let mut open_at = vec![usize::MAX; doc.tokens.len()];
    for (k, q) in quoted.iter().enumerate() {
        if let Some(o) = q.open.and_then(|o| open_at.get_mut(o)) {
            if *o == usize::MAX {
                *o = k;
            }
        }
    }
    let opened_at = |k: usize| open_at.get(k).and_then(|&i| quoted.get(i));
    for q in quoted {
        out.push(classify(ctx, q, framed, &cue_at, resolver));
    }
    for f in framed {
        if let Some(q) = indirect(ctx, f, &opened_at, &cue_at, framed) {
            out.push(q);
        }
    }
    out.retain(|q| q.start < q.end);
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    out
}

fn classify(
    ctx: &Ctx,
    q: &Quoted,
    framed: &[Framed],
    cue_at: &[usize],
    resolver: &Resolver,
) -> Quote {
    let doc = ctx.doc;
    let text = &doc.text[q.start..q.end];
    let term = |_: &str| Quote {
        start: q.start,
        end: q.end,
        kind: QuoteKind::Term,
        speaker: None,
        cue: None,
    };
    if q.nested {
        return term(text);
    }
    let first_content = doc.tokens_starting_before(q.start);
    let anchor = q
        .open
        .unwrap_or(first_content)
        .min(doc.tokens.len().saturating_sub(1));
    let sent_start = ctx.sentence_start(anchor);
    // The governing cue: the latest usable one earlier in the sentence,
    // preferring verbs over source phrases.
    let mut gov: Option<usize> = None;
    let mut src: Option<usize> = None;
    let upto = framed.partition_point(|f| f.cue.first < anchor);
    for k in (upto.saturating_sub(64)..upto).rev() {
        let f = &framed[k];
        if f.cue.first < sent_start {
            break;
        }
        if !f.usable() || f.end_tok() >= anchor {
            continue;
        }
        if f.cue.form == Form::Source {
            src = src.or(Some(k));
        } else {
            gov = Some(k);
            break;
        }
    }
    let mut trailing = false;
    if gov.is_none() && src.is_none() {
        // `"…"، قال X` / `"…," said X` / `"…," X said`.
        let after = q
            .close
            .map_or_else(|| doc.tokens_starting_before(q.end), |c| c + 1);
        let mut k = after;
        let mut comma = text.ends_with(',') || text.ends_with('،');
        while k < doc.tokens.len() && k < after + 2 && !doc.tokens[k].is_word() && !is_mark(ctx, k)
        {
            comma |= matches!(doc.tokens[k].text(doc.text), "،" | ",");
            k += 1;
        }
        if !comma {
            k = doc.tokens.len();
        }
        let same_para = |k: usize| ctx.para_of_tok(k) == ctx.para_of_tok(anchor);
        if ctx.lang(anchor) == Lang::English {
            // `"…?" Jane Doe (D-Ohio), a lawyer, asked`: see content_en.
            let ends = text.ends_with(['?', '!']);
            if comma || ends {
                let from = if comma { k } else { after };
                gov = super::content_en::trailing_cue(ctx, from, cue_at, |j| is_mark(ctx, j));
                trailing = gov.is_some();
            }
            k = doc.tokens.len();
        }
        for (j, &at) in cue_at.iter().enumerate().take(k + 4).skip(k) {
            if !same_para(j) {
                break;
            }
            if at != usize::MAX {
                gov = Some(at);
                trailing = true;
                break;
            }
            let t = &doc.tokens[j];
            let en_name = ctx.lang(j) == Lang::English && t.kind == TokenKind::Latin;
            if !en_name {
                break;
            }
        }
    }
    let gov = gov.or(src);
    let n_words = words_in(ctx, q.start, q.end);
    let Some(g) = gov else {
        if ctx.lang(anchor) == Lang::English {
            // `"…" ― Jane Doe`: see content_en.
            if let Some(who) = super::content_en::dash_author(ctx, q) {
                return Quote {
                    start: q.start,
                    end: q.end,
                    kind: QuoteKind::Direct,
                    speaker: speaker(Some(&who)),
                    cue: None,
                };
            }
        }
        let starts = anchor == sent_start
            || (anchor > 0 && doc.tokens[anchor - 1].text(doc.text) == ":")
            || (q.open.is_some()
                && anchor > 0
                && words::is_anna(&doc.tokens[anchor - 1].norm)
                && n_words >= 4);
        if (q.closure == Closure::Orphan || starts) && n_words >= 3 {
            let who = resolver.current(anchor, Gender::Unknown, ctx.lang(anchor));
            return Quote {
                start: q.start,
                end: q.end,
                kind: QuoteKind::Direct,
                speaker: speaker(who.as_ref()),
                cue: None,
            };
        }
        return term(text);
    };
    let f = &framed[g];
    let prev = q.open.filter(|&o| o > 0).map(|o| o - 1);
    let prev_norm = prev.map(|p| doc.tokens[p].norm.as_str()).unwrap_or("");
    let prev_text = prev.map(|p| doc.tokens[p].text(doc.text)).unwrap_or("");
    let inside_name = ctx.mention(first_content).is_some_and(|m| {
        let e = &ctx.ents.mentions[m];
        e.label != Label::DATE && e.start <= q.start && e.end >= q.end
    });
    // The preposition ب right after the speech frame (or its object) is the
    // verb's own complement, not `المعروف بـ"…"`: `وأشاد المدرب بـ"…"`,
    // `اتهم X منافسيه بـ"…"`.
    let verb_ba = prev
        .is_some_and(|p| strip_conj(prev_norm) == "ب" && p > f.cue.last && p <= f.end_tok() + 2);
    let after_term_noun = prev.is_some_and(|p| doc.tokens[p].is_word())
        && !verb_ba
        && (words::is_term_noun(prev_norm) || words::is_term_noun(strip_conj(prev_norm)));
    // Quoted words inside an unquoted أن-clause of the frame are a partial
    // (`قال إن الفوز "…"`, `معتبرا أن ركلة الجزاء التي احتسبت للفريق "…"`).
    let in_clause = prev.is_some_and(|p| {
        let from = f.end_tok() + 1;
        (from.max(p.saturating_sub(60))..p).any(|k| {
            let t = &doc.tokens[k];
            t.is_word()
                && (words::is_anna(&t.norm) || (t.norm == "that" && t.kind == TokenKind::Latin))
        })
    });
    let kind = if q.closure == Closure::Unclosed && in_clause && !trailing {
        QuoteKind::Partial
    } else if q.closure != Closure::Paired || trailing {
        QuoteKind::Direct
    } else if n_words <= 4 && (after_term_noun || (inside_name && prev_text != ":")) {
        QuoteKind::Term
    } else {
        match prev {
            None => QuoteKind::Direct,
            Some(p) => {
                let t = &doc.tokens[p];
                if matches!(prev_text, ":" | "،" | "," | "؛" | "-" | "–" | "—") || p < sent_start
                {
                    QuoteKind::Direct
                } else if t.is_word() && (words::is_anna(&t.norm) || t.norm == "that") {
                    if n_words >= 4 {
                        QuoteKind::Direct
                    } else {
                        QuoteKind::Partial
                    }
                } else if in_clause {
                    QuoteKind::Partial
                } else if p >= f.cue.first && p <= f.end_tok()
                    || words::is_frame_adverb(&t.norm)
                    || words::is_frame_adverb(strip_conj(&t.norm))
                    || ctx.mention(p).is_some_and(|m| {
                        matches!(
                            ctx.ents.mentions[m].label,
                            Label::DATE | Label::PER | Label::ORG
                        )
                    })
                    || ctx.is_known_name(p, p)
                {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                }
            }
        }
    };
    if kind == QuoteKind::Term {
        return term(text);
    }
    Quote {
        start: q.start,
        end: q.end,
        kind,
        speaker: speaker(f.who),
        cue: Some(cue_out(ctx, f)),
    }
}

/// English prepositions (and `late`, `early`) that open an adverbial
/// between a speech verb and its `that`.
fn is_en_prep(w: &str) -> bool {
    words::is_en_adverbial_opener(w)
}

/// Indirect speech introduced by cue `f`, if any.
fn indirect<'q>(
    ctx: &Ctx,
    f: &Framed,
    opened_at: &dyn Fn(usize) -> Option<&'q Quoted>,
    cue_at: &[usize],
    framed: &[Framed],
) -> Option<Quote> {
    if !f.usable() {
        return None;
    }
    let doc = ctx.doc;
    let fe = f.end_tok();
    let send = ctx.sentence_end(fe);
    let mut found = None;
    let mut skip_to = 0;
    if f.cue.form == Form::Source && f.cue.lang == Lang::English {
        // `According to X, clause`.
        if fe + 2 < send && doc.tokens[fe + 1].text(doc.text) == "," {
            found = Some(fe + 1);
        }
    } else if f.cue.form == Form::Source {
        // `بحسب X، فإن …`: the source phrase comes first.
        let comma = fe + 1;
        let fa = fe + 2;
        if fa < send
            && matches!(doc.tokens[comma].text(doc.text), "،" | ",")
            && doc.tokens[fa]
                .norm
                .strip_prefix('ف')
                .is_some_and(words::is_anna)
        {
            found = Some(fa);
        }
    } else {
        let mut pp: Option<usize> = None;
        for (k, &at) in cue_at
            .iter()
            .enumerate()
            .take(send.min(fe + 24))
            .skip(fe + 1)
        {
            let t = &doc.tokens[k];
            if k < skip_to {
                continue;
            }
            if is_mark(ctx, k) {
                // A short quoted name inside the frame (`صحيفة "…" أن`) is
                // passed over; any other quotation ends the search.
                match opened_at(k) {
                    Some(q) if q.close.is_some() && words_in(ctx, q.start, q.end) <= 3 => {
                        skip_to = q.close.map_or(k, |c| c + 1);
                        continue;
                    }
                    _ => break,
                }
            }
            if at != usize::MAX && k > f.cue.last {
                break;
            }
            if !t.is_word() {
                continue;
            }
            let that = match f.cue.lang {
                Lang::Arabic => words::is_anna(&t.norm),
                Lang::English => t.norm == "that",
            };
            if that {
                let p = &doc.tokens[k - 1];
                let warns = f.cue.min && p.norm == "من";
                if k - 1 > fe
                    && p.is_word()
                    && !warns
                    && words::is_anna_blocker(strip_conj(&p.norm))
                {
                    return None;
                }
                found = Some(k);
                break;
            }
            if f.cue.lang == Lang::English && t.kind == TokenKind::Latin {
                let capital = t
                    .text(doc.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                // A prepositional phrase may stand between the verb and
                // `that`: `told reporters on Wednesday morning that`, `said
                // in a statement that`.
                if is_en_prep(&t.norm) {
                    pp = Some(0);
                } else if !words::is_en_stop(&t.norm) && !capital {
                    match pp.as_mut() {
                        Some(n) if *n < 4 => *n += 1,
                        _ => break,
                    }
                }
            }
        }
    }
    if found.is_none()
        && f.cue.lang == Lang::English
        && f.subject.is_some_and(|s| !s.after)
        && !words::is_en_object_verb(&doc.tokens[f.cue.last].norm)
    {
        // `X said the plan …`: the clause follows the verb directly.
        let n = fe + 1;
        let opens = doc.tokens.get(n).is_some_and(|t| {
            t.kind == TokenKind::Latin
                && (words::is_en_clause_opener(&t.norm)
                    || (!words::is_en_stop(&t.norm)
                        && !t
                            .text(doc.text)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)))
        });
        // Not an adverbial: `X said late on Tuesday, …`.
        let adverbial = doc.tokens.get(n).is_some_and(|t| {
            is_en_prep(&t.norm)
                || words::is_en_time_adverb(&t.norm)
                || (t.norm.len() > 4 && t.norm.ends_with("ly"))
        });
        if opens && !adverbial && n < send {
            found = Some(fe);
        }
    }
    let k = found?;
    let s = k + 1;
    if s >= send || ctx.quoted[s] && opened_at(s).is_some() || is_mark(ctx, s) {
        return None;
    }
    let mut e = s;
    // A clause longer than this is not one reported clause.
    let send = send.min(s + 150);
    while e < send {
        let t = &doc.tokens[e];
        let next_cue = |j: usize| {
            cue_at
                .get(j)
                .is_some_and(|&c| c != usize::MAX && framed[c].cue.form != Form::Source)
        };
        if e > s {
            let tx = t.text(doc.text);
            if matches!(tx, "،" | "," | "؛" | ";") {
                let n = doc.tokens.get(e + 1);
                if next_cue(e + 1)
                    || n.is_some_and(|n| {
                        let src = words::is_clause_end_source;
                        n.is_word() && (src(&n.norm) || src(strip_conj(&n.norm)))
                    })
                {
                    break;
                }
            }
            if t.is_word() && next_cue(e) && framed[cue_at[e]].cue.conj {
                break;
            }
            if t.is_word() && next_cue(e + 1) && words::is_clause_link(strip_conj(&t.norm)) {
                break;
            }
            // `… that X and urged Y to …`: a second verb of the speaker,
            // even one that is trusted only when it governs a quotation.
            if t.norm == "and"
                && doc.tokens.get(e + 1).is_some_and(|n| {
                    n.kind == TokenKind::Latin && cue::is_cue_word(&n.norm, Lang::English)
                })
            {
                break;
            }
        }
        e += 1;
    }
    // Leave out final punctuation and spaces.
    while e > s {
        let t = &doc.tokens[e - 1];
        if t.kind == TokenKind::Punct && !is_mark(ctx, e - 1) {
            e -= 1;
        } else {
            break;
        }
    }
    if e <= s {
        return None;
    }
    let (start, end) = (doc.tokens[s].start, doc.tokens[e - 1].end);
    Some(Quote {
        start,
        end,
        kind: QuoteKind::Indirect,
        speaker: speaker(f.who),
        cue: Some(cue_out(ctx, f)),
    })
}
