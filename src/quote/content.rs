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
use super::kinds;
use super::marks::{self, Closure, Quoted};
use super::source::{Head, Subject};
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
    pub(crate) fn end_tok(&self) -> usize {
        match self.subject {
            Some(s) if s.after => self.cue.last.max(s.np.end.saturating_sub(1)),
            _ => self.cue.last,
        }
    }

    fn usable(&self) -> bool {
        self.active && !self.cue.in_quote
    }
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
pub fn build(
    ctx: &Ctx,
    quoted: &[Quoted],
    framed: &[Framed],
    resolver: &Resolver,
    kinds: &mut Kinds,
) -> Vec<Quote> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    // Index of the cue starting at each token, for stop checks.
    let mut cue_at = vec![usize::MAX; doc.tokens.len()];
    for (k, f) in framed.iter().enumerate() {
        if f.usable() {
            cue_at[f.cue.first] = k;
        }
    }
    let spans = Spans::new(ctx, quoted);
    let seen: Vec<Seen> = quoted
        .iter()
        .map(|q| see(ctx, q, framed, &cue_at))
        .collect();
    let terms = decide_kinds(ctx, quoted, &seen, framed, kinds);
    for ((q, s), term) in quoted.iter().zip(seen).zip(terms) {
        let at = match s {
            Seen::At(a) if !term => Some(a),
            _ => None,
        };
        out.push(classify(ctx, q, at, framed, resolver));
    }
    for f in framed {
        if let Some(q) = indirect(ctx, f, &spans, &cue_at, framed) {
            out.push(q);
        }
    }
    out.retain(|q| q.start < q.end);
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    out
}

/// The kinds model of the Arabic spans, the document facts its features
/// read, and the trainer's trace.
pub struct Kinds<'a> {
    pub model: &'a kinds::Model,
    pub trace: &'a mut dyn kinds::Trace,
}

/// Where a quoted span stands: its anchor token, its sentence, the cue
/// that governs it and whether that cue comes after it.
struct Around {
    anchor: usize,
    sent_start: usize,
    gov: Option<usize>,
    trailing: bool,
    n_words: usize,
}

/// A quoted span before its kind is decided: a term by its place alone
/// (nested, or inside a speaker phrase), or where it stands.
enum Seen {
    Term,
    At(Around),
}

fn see(ctx: &Ctx, q: &Quoted, framed: &[Framed], cue_at: &[usize]) -> Seen {
    if q.nested || names_a_speaker(ctx, q, framed) {
        return Seen::Term;
    }
    let text = &ctx.doc.text[q.start..q.end];
    Seen::At(around(ctx, q, text, framed, cue_at))
}

/// Whether each quoted span is a term: by its place, or for an Arabic span
/// by the kinds model, the spans of the article decided together
/// ([`kinds::decide`]).
fn decide_kinds(
    ctx: &Ctx,
    quoted: &[Quoted],
    seen: &[Seen],
    framed: &[Framed],
    kinds: &mut Kinds,
) -> Vec<bool> {
    let index = kinds::DocIndex::new(ctx, quoted);
    let mut scored = Vec::new();
    let mut at = Vec::with_capacity(quoted.len());
    for (q, s) in quoted.iter().zip(seen) {
        // Words after a speech verb and a colon are speech, whatever the
        // model would say of a span with no marks.
        let a = match s {
            Seen::At(a) if ctx.lang(a.anchor) == Lang::Arabic && q.closure != Closure::Colon => a,
            _ => {
                at.push(None);
                continue;
            }
        };
        let span = kinds::Span {
            q,
            anchor: a.anchor,
            sent_start: a.sent_start,
            gov: a.gov.map(|g| &framed[g]),
            trailing: a.trailing,
            n_words: a.n_words,
        };
        let feats = kinds::features(ctx, &span, &index);
        let named = kinds::named(ctx, &span);
        kinds.trace.span(q.start, q.end, &feats, named);
        at.push(Some(scored.len()));
        let words = kinds::DocIndex::words_key(ctx, q);
        let framed = kinds::framed(ctx, &span, &feats);
        scored.push(kinds::Scored {
            feats,
            words,
            named,
            framed,
        });
    }
    let decided = kinds::decide(kinds.model, &scored);
    seen.iter()
        .zip(at)
        .map(|(s, k)| matches!(s, Seen::Term) || k.is_some_and(|k| decided[k]))
        .collect()
}

/// The quotation quoted span `q` makes: a term when its kind was decided
/// so (`None`), else by where it stands (`a`).
fn classify(
    ctx: &Ctx,
    q: &Quoted,
    a: Option<Around>,
    framed: &[Framed],
    resolver: &Resolver,
) -> Quote {
    let quote = |kind, speaker, cue| Quote {
        start: q.start,
        end: q.end,
        kind,
        speaker,
        cue,
    };
    let term = || quote(QuoteKind::Term, None, None);
    let Some(a) = a else {
        return term();
    };
    let arabic = ctx.lang(a.anchor) == Lang::Arabic;
    let Some(g) = a.gov else {
        if ctx.lang(a.anchor) == Lang::English {
            // `"…" ― Jane Doe`: see content_en.
            if let Some(who) = super::content_en::dash_author(ctx, q) {
                return quote(QuoteKind::Direct, Some(who), None);
            }
        }
        return match unattached_kind(ctx, q, &a, arabic) {
            QuoteKind::Term => term(),
            kind => {
                let who = resolver.current(a.anchor, Gender::Unknown, ctx.lang(a.anchor));
                quote(kind, who, None)
            }
        };
    };
    let f = &framed[g];
    match governed_kind(ctx, q, f, &a, !arabic) {
        QuoteKind::Term => term(),
        kind => quote(kind, f.who.cloned(), Some(cue_out(ctx, f))),
    }
}

/// How many cues back from a quoted span the search for a speaker phrase
/// holding it looks.
const SPEAKER_LOOKBACK: usize = 4;

/// Whether quoted span `q` lies inside a cue's speaker phrase after the
/// verb (`أشارت "X" الكتالونية إلى أن`, `الرئيس التنفيذي لشركة "X"`): the
/// phrase holds quote marks only around a name, which is the speaker's or
/// its title's, never words said.
fn names_a_speaker(ctx: &Ctx, q: &Quoted, framed: &[Framed]) -> bool {
    let first = ctx.doc.tokens_starting_before(q.start);
    let upto = framed.partition_point(|f| f.cue.first < first);
    // A bare quoted word after the verb may be words said (`وأضاف "كلا"،`):
    // a name only when the tagger found it, or words of the phrase stand
    // around it (a title or classifier before, a nisba after).
    let named = |s: &Subject| {
        matches!(s.head, Head::Mention(_))
            || q.open.is_some_and(|o| o > s.np.start)
            || q.close.is_some_and(|c| c + 1 < s.np.end)
    };
    framed[upto.saturating_sub(SPEAKER_LOOKBACK)..upto]
        .iter()
        .any(|f| {
            f.subject
                .is_some_and(|s| s.after && s.np.contains(&first) && named(s))
        })
}

/// How many tokens after an Arabic quotation its trailing speech verb may
/// come (`"…"، قال X`); English has its own reader (content_en).
const TRAILING_REACH_AR: usize = 4;
/// How many cues back from a quoted span the search for its governing cue
/// looks.
const GOVERNOR_LOOKBACK: usize = 64;

/// Finds the cue that governs quoted span `q`: the latest usable one
/// earlier in its sentence, preferring verbs over source phrases, or a
/// verb right after it (`"…"، قال X`, `"…," said X`).
fn around(ctx: &Ctx, q: &Quoted, text: &str, framed: &[Framed], cue_at: &[usize]) -> Around {
    let doc = ctx.doc;
    let first_content = doc.tokens_starting_before(q.start);
    let anchor = q
        .open
        .unwrap_or(first_content)
        .min(doc.tokens.len().saturating_sub(1));
    let sent_start = ctx.sentence_start(anchor);
    let mut gov: Option<usize> = None;
    let mut src: Option<usize> = None;
    let upto = framed.partition_point(|f| f.cue.first < anchor);
    for k in (upto.saturating_sub(GOVERNOR_LOOKBACK)..upto).rev() {
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
        let after = q
            .close
            .map_or_else(|| doc.tokens_starting_before(q.end), |c| c + 1);
        let mut k = after;
        let mut comma = text.ends_with(',') || text.ends_with('،');
        while k < doc.tokens.len() && k < after + 2 && !doc.tokens[k].is_word() && !is_mark(ctx, k)
        {
            comma |= doc.is_comma(k);
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
        for (j, &at) in cue_at
            .iter()
            .enumerate()
            .take(k + TRAILING_REACH_AR)
            .skip(k)
        {
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
    Around {
        anchor,
        sent_start,
        gov: gov.or(src),
        trailing,
        n_words: words_in(ctx, q.start, q.end),
    }
}

/// The kind of a quoted span no cue governs: a direct quotation when it
/// begins its sentence, follows a colon or أن, or closes with no opener
/// (the current speaker's words); otherwise a term in English, and (the
/// kinds model having found it someone's words) a partial in Arabic.
fn unattached_kind(ctx: &Ctx, q: &Quoted, a: &Around, arabic: bool) -> QuoteKind {
    let doc = ctx.doc;
    let anchor = a.anchor;
    let starts = anchor == a.sent_start
        || (anchor > 0 && doc.tokens[anchor - 1].text(doc.text) == ":")
        || (q.open.is_some()
            && anchor > 0
            && words::is_anna(&doc.tokens[anchor - 1].norm)
            && a.n_words >= 4);
    if (q.closure == Closure::Orphan || starts) && a.n_words >= 3 {
        QuoteKind::Direct
    } else if arabic {
        QuoteKind::Partial
    } else {
        QuoteKind::Term
    }
}

/// The kind of a quoted span governed by cue `f`: direct when the speech
/// frame runs up to the mark, partial when a word of the reporting
/// sentence governs it; with `term_rules` (English), a term after a
/// name-giving noun or inside a name.
fn governed_kind(ctx: &Ctx, q: &Quoted, f: &Framed, a: &Around, term_rules: bool) -> QuoteKind {
    let doc = ctx.doc;
    let n_words = a.n_words;
    let prev = q.open.filter(|&o| o > 0).map(|o| o - 1);
    let prev_norm = prev.map(|p| doc.tokens[p].norm.as_str()).unwrap_or("");
    let prev_text = prev.map(|p| doc.tokens[p].text(doc.text)).unwrap_or("");
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
    if q.closure == Closure::Unclosed && in_clause && !a.trailing {
        return QuoteKind::Partial;
    }
    if q.closure != Closure::Paired || a.trailing {
        return QuoteKind::Direct;
    }
    if term_rules && n_words <= 4 && named_by_context(ctx, q, f, prev) {
        return QuoteKind::Term;
    }
    let Some(p) = prev else {
        return QuoteKind::Direct;
    };
    let t = &doc.tokens[p];
    if matches!(prev_text, ":" | "،" | "," | "؛" | "-" | "–" | "—") || p < a.sent_start {
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
        || words::is_frame_adverb(prev_norm)
        || words::is_frame_adverb(strip_conj(prev_norm))
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

/// The rule for English terms: a short span after a name-giving noun
/// (`the so-called "…"`), or inside a name the tagger found.
fn named_by_context(ctx: &Ctx, q: &Quoted, f: &Framed, prev: Option<usize>) -> bool {
    let doc = ctx.doc;
    let prev_norm = prev.map(|p| doc.tokens[p].norm.as_str()).unwrap_or("");
    let prev_text = prev.map(|p| doc.tokens[p].text(doc.text)).unwrap_or("");
    let first_content = doc.tokens_starting_before(q.start);
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
    after_term_noun || (inside_name && prev_text != ":")
}

/// The quoted spans, indexed by the tokens of their marks (scanning the
/// spans for a mark at every mark was quadratic in long documents).
struct Spans<'q> {
    quoted: &'q [Quoted],
    /// The first span opened by the mark at each token.
    open_at: Vec<usize>,
    /// The span closed by the mark at each token.
    close_at: Vec<usize>,
}

impl<'q> Spans<'q> {
    fn new(ctx: &Ctx, quoted: &'q [Quoted]) -> Spans<'q> {
        let n = ctx.doc.tokens.len();
        let (mut open_at, mut close_at) = (vec![usize::MAX; n], vec![usize::MAX; n]);
        for (k, q) in quoted.iter().enumerate() {
            if let Some(o) = q.open.and_then(|o| open_at.get_mut(o)) {
                if *o == usize::MAX {
                    *o = k;
                }
            }
            if let Some(c) = q.close.and_then(|c| close_at.get_mut(c)) {
                *c = k;
            }
        }
        Spans {
            quoted,
            open_at,
            close_at,
        }
    }

    /// The span opened by the mark at token `k`.
    fn opened_at(&self, k: usize) -> Option<&'q Quoted> {
        self.open_at.get(k).and_then(|&i| self.quoted.get(i))
    }

    /// The span closed by the mark at token `k`.
    fn closed_at(&self, k: usize) -> Option<&'q Quoted> {
        self.close_at.get(k).and_then(|&i| self.quoted.get(i))
    }
}

/// English prepositions (and `late`, `early`) that open an adverbial
/// between a speech verb and its `that`.
fn is_en_prep(w: &str) -> bool {
    words::is_en_adverbial_opener(w)
}

/// How many tokens after its frame a speech verb's إن/أن/that may come.
const THAT_REACH: usize = 24;
/// A quoted span this short inside the frame, between the verb and its
/// أن, is a name (`صحيفة "…" أن`) and passed over.
const FRAME_NAME_WORDS: usize = 3;
/// A quoted span governed by a word of the frame (`في كلمة أمام "…" في
/// دبي، إن`) is passed over up to this length.
const FRAME_GOVERNED_WORDS: usize = 8;
/// A clause longer than this many tokens is not one reported clause.
const CLAUSE_MAX_TOKENS: usize = 150;

/// Indirect speech introduced by cue `f`, if any.
fn indirect(
    ctx: &Ctx,
    f: &Framed,
    spans: &Spans,
    cue_at: &[usize],
    framed: &[Framed],
) -> Option<Quote> {
    if !f.usable() {
        return None;
    }
    let doc = ctx.doc;
    let Some(k) = conjunction(ctx, f, spans, cue_at, framed) else {
        let r = clause_before(ctx, f, cue_at)?;
        return Some(Quote {
            start: doc.tokens[r.start].start,
            end: doc.tokens[r.end - 1].end,
            kind: QuoteKind::Indirect,
            speaker: f.who.cloned(),
            cue: Some(cue_out(ctx, f)),
        });
    };
    let s = k + 1;
    let send = ctx.sentence_end(f.end_tok());
    if s >= send || !clause_opens(ctx, k, spans, cue_at) {
        return None;
    }
    let e = clause_end(ctx, s, send, spans, cue_at, framed);
    if e <= s {
        return None;
    }
    let (start, end) = (doc.tokens[s].start, doc.tokens[e - 1].end);
    Some(Quote {
        start,
        end,
        kind: QuoteKind::Indirect,
        speaker: f.who.cloned(),
        cue: Some(cue_out(ctx, f)),
    })
}

/// Fewest words of a reported clause before its frame (`…, police said.`).
const CLAUSE_BEFORE_MIN_WORDS: usize = 4;

/// The clause an English frame reports with no quote marks: the sentence up
/// to the comma before a frame that closes it (`The officer was not armed,
/// police said.`, `…, said Jane Doe, a lawyer for the city.`, `…, according
/// to the report.`; [`super::content_en::closes_clause`]), or the sentence
/// around a frame set off inside it ([`super::content_en::set_off`]); with no
/// quote mark and no cue of its own outside the frame.
fn clause_before(ctx: &Ctx, f: &Framed, cue_at: &[usize]) -> Option<std::ops::Range<usize>> {
    let doc = ctx.doc;
    // `…, according to X.` too: the source phrase closes the clause.
    if f.cue.lang != Lang::English || !matches!(f.cue.form, Form::Finite | Form::Source) {
        return None;
    }
    let after = f.subject.is_some_and(|s| s.after);
    let none = 0..0;
    let (inside, frame) = if f.cue.form == Form::Source {
        let comma = super::content_en::source_closes_clause(ctx, f.cue.first, f.cue.last)?;
        (ctx.sentence_start(comma)..comma, none)
    } else {
        let comma = super::content_en::comma_before(ctx, f.cue.first)?;
        if super::content_en::closes_clause(ctx, f.cue.first, f.end_tok(), after) {
            (ctx.sentence_start(comma)..comma, none)
        } else {
            // `The museum, Mr. Obama said, would …`: the frame set off
            // inside its sentence, which is the clause, frame and all.
            let r = super::content_en::set_off(ctx, comma, f.end_tok())?;
            (r, f.cue.first..f.end_tok() + 1)
        }
    };
    let outside = || inside.clone().filter(|j| !frame.contains(j));
    let words = outside().filter(|&j| doc.tokens[j].is_word()).count();
    let clean = outside().all(|j| !ctx.quoted[j] && !is_mark(ctx, j) && cue_at[j] == usize::MAX);
    (words >= CLAUSE_BEFORE_MIN_WORDS && clean).then_some(inside)
}

/// The token after which cue `f`'s reported clause begins: its إن/أن/that
/// (or, for `X said the plan …`, the frame's last token).
fn conjunction(
    ctx: &Ctx,
    f: &Framed,
    spans: &Spans,
    cue_at: &[usize],
    framed: &[Framed],
) -> Option<usize> {
    let doc = ctx.doc;
    let fe = f.end_tok();
    let send = ctx.sentence_end(fe);
    let mut found = None;
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
            && doc.is_comma(comma)
            && doc.tokens[fa]
                .norm
                .strip_prefix('ف')
                .is_some_and(words::is_anna)
        {
            found = Some(fa);
        }
    } else {
        found = that_after(ctx, f, spans, cue_at, framed)?;
    }
    if found.is_none()
        && f.cue.lang == Lang::English
        && !words::is_en_object_verb(&doc.tokens[f.cue.last].norm)
        && en_subject_before(ctx, f)
    {
        // `X said the plan …`: the clause follows the verb directly.
        let n = fe + 1;
        let opens = doc.tokens.get(n).is_some_and(|t| {
            t.kind == TokenKind::Latin
                && (words::is_en_clause_opener(&t.norm) || !words::is_en_stop(&t.norm))
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
    found
}

/// Whether an English verb has its subject before it, found or not
/// (`Federal and state officials said`, `… and said`): not a verb after a
/// comma alone, unless the comma or parenthesis closes the subject's
/// apposition (`Jane Doe, a lawyer, said`, `Rep. Jane Doe (D-Ohio) said`),
/// which the model's candidate phrases do not read.
fn en_subject_before(ctx: &Ctx, f: &Framed) -> bool {
    match f.subject {
        Some(s) => !s.after,
        None => {
            let first = f.cue.first;
            (first > 0 && ctx.doc.tokens[first - 1].is_word())
                || super::source_en::phrase_before(ctx, f.cue).is_some()
        }
    }
}

/// Searches the words after a verb's frame for its إن/أن/that. `None`: the
/// cue has no reported clause at all (`يمكن أن`); `Some(None)`: none found.
fn that_after(
    ctx: &Ctx,
    f: &Framed,
    spans: &Spans,
    cue_at: &[usize],
    framed: &[Framed],
) -> Option<Option<usize>> {
    let doc = ctx.doc;
    let fe = f.end_tok();
    let send = ctx.sentence_end(fe);
    let mut pp: Option<usize> = None;
    let mut skip_to = 0;
    for (k, &at) in cue_at
        .iter()
        .enumerate()
        .take(send.min(fe + THAT_REACH))
        .skip(fe + 1)
    {
        let t = &doc.tokens[k];
        if k < skip_to {
            continue;
        }
        // Quoted words reached with no mark before them are speech after a
        // colon (quote::colon): the frame's clause is that quotation, and an
        // أن inside it is the speaker's own.
        if ctx.quoted[k] && !is_mark(ctx, k) {
            break;
        }
        if is_mark(ctx, k) {
            match frame_quote_end(ctx, f, spans, k) {
                Some(next) => {
                    skip_to = next;
                    continue;
                }
                None => break,
            }
        }
        // A source phrase inside the frame (`وأضاف المسؤول بحسب وكالة X
        // أن`) does not end it.
        let source = framed.get(at).is_some_and(|g| g.cue.form == Form::Source);
        if at != usize::MAX && k > f.cue.last && !(source && f.cue.lang == Lang::Arabic) {
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
            // `حذر من أن`: the verb's own من.
            let warns = f.cue.min && doc.tokens[k - 1].norm == "من";
            if k - 1 > fe && !warns && super::cue::blocked_anna(doc, k) {
                return None;
            }
            return Some(Some(k));
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
    Some(None)
}

/// At quote mark `k` between a verb's frame and its أن: where the search
/// goes on, if the quoted span is part of the frame: a short name (`صحيفة
/// "…" أن`), a longer one governed by a word of the frame (`في كلمة أمام
/// "…" في دبي، إن`), or the closing mark of a name the frame holds (`وقال
/// الرئيس التنفيذي لشركة "…" إن`). Any other quotation ends the search.
fn frame_quote_end(ctx: &Ctx, f: &Framed, spans: &Spans, k: usize) -> Option<usize> {
    let doc = ctx.doc;
    if let Some(q) = spans.closed_at(k) {
        let opened_in_frame = q.open.is_some_and(|o| o <= f.end_tok());
        return (opened_in_frame && f.cue.lang == Lang::Arabic).then_some(k + 1);
    }
    let q = spans.opened_at(k)?;
    let c = q.close?;
    let n = words_in(ctx, q.start, q.end);
    let governed = f.cue.lang == Lang::Arabic
        && k > f.end_tok() + 1
        && doc.tokens[k - 1].kind == TokenKind::Arabic
        && !words::is_frame_adverb(strip_conj(&doc.tokens[k - 1].norm));
    (n <= FRAME_NAME_WORDS || (governed && n <= FRAME_GOVERNED_WORDS)).then_some(c + 1)
}

/// Whether the reported clause after conjunction `k` is indirect speech:
/// not a quotation opening right after it (`أن "…"`, a direct quotation),
/// unless that quotation is only the clause's beginning and the clause runs
/// on past its closing mark (`أن "هوية المشجع" تساعد …`).
fn clause_opens(ctx: &Ctx, k: usize, spans: &Spans, cue_at: &[usize]) -> bool {
    let doc = ctx.doc;
    let s = k + 1;
    if !is_mark(ctx, s) {
        // A clause ending in a closing mark with no opener is a direct
        // quotation (marks::Closure::Orphan): it starts right here.
        return ctx.lang(s) != Lang::Arabic || !ctx.quoted[s] || ctx.quoted[k];
    }
    if ctx.lang(s) != Lang::Arabic {
        return false;
    }
    let Some(c) = spans.opened_at(s).and_then(|q| q.close) else {
        return false;
    };
    let Some(n) = doc.tokens.get(c + 1).filter(|n| n.is_word()) else {
        return false;
    };
    // A closing mark with a space before it and a word glued after it
    // opens a quotation nested in this one: the pairing is not sure.
    let opener_shaped = doc.tokens[c - 1].end < doc.tokens[c].start && n.start == doc.tokens[c].end;
    // `أنها "…" و"…"`: quoted fragments, coordinated.
    let coordinated = n.norm == "و" && is_mark(ctx, c + 2);
    let new_frame = cue_at.get(c + 1).is_some_and(|&a| a != usize::MAX)
        || words::is_anna(strip_conj(&n.norm))
        || words::is_clause_end_source(strip_conj(&n.norm))
        || circumstantial(ctx, c + 1);
    ctx.sentence_end(c + 1) == ctx.sentence_end(s) && !(opener_shaped || coordinated || new_frame)
}

/// One past the last token of the reported clause that starts at token
/// `s`, in a sentence ending at `send`: before a new reporting frame, and
/// without final punctuation.
fn clause_end(
    ctx: &Ctx,
    s: usize,
    send: usize,
    spans: &Spans,
    cue_at: &[usize],
    framed: &[Framed],
) -> usize {
    let doc = ctx.doc;
    let mut send = send.min(s + CLAUSE_MAX_TOKENS);
    let mut e = s;
    while e < send {
        if e > s && ends_clause(ctx, e, cue_at, framed) {
            break;
        }
        // A quotation opened inside the clause that runs over several
        // sentences takes the clause with it, to its closing mark.
        if let Some(c) = spans.opened_at(e).and_then(|q| q.close) {
            let same_para = ctx.para_of_tok(c) == ctx.para_of_tok(e);
            if c >= send && same_para && ctx.lang(e) == Lang::Arabic {
                send = ctx.sentence_end(c).min(s + CLAUSE_MAX_TOKENS);
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
    e
}

/// Whether token `e`, inside a reported clause, begins a new reporting
/// frame, or an attribution that is not part of what was said.
fn ends_clause(ctx: &Ctx, e: usize, cue_at: &[usize], framed: &[Framed]) -> bool {
    let doc = ctx.doc;
    let t = &doc.tokens[e];
    let cue = |j: usize| {
        cue_at
            .get(j)
            .filter(|&&c| c != usize::MAX && framed[c].cue.form != Form::Source)
            .map(|&c| framed[c].cue)
    };
    if matches!(t.text(doc.text), "،" | "," | "؛" | ";") {
        let n = doc.tokens.get(e + 1);
        let src = words::is_clause_end_source;
        if cue(e + 1).is_some()
            || n.is_some_and(|n| n.is_word() && (src(&n.norm) || src(strip_conj(&n.norm))))
        {
            return true;
        }
        if ctx.lang(e) == Lang::Arabic
            && (linked_cue(ctx, e + 1, &cue) || circumstantial(ctx, e + 1))
        {
            return true;
        }
    }
    if t.is_word() {
        if let Some(c) = cue(e) {
            // `وأضاف …`; `… مؤكدة أنها …` (an adverbial participle of the
            // speaker, even with no comma before it).
            if c.conj || (c.form == Form::Participle && c.lang == Lang::Arabic) {
                return true;
            }
        }
        if cue(e + 1).is_some() && words::is_clause_link(strip_conj(&t.norm)) {
            return true;
        }
        if ctx.lang(e) == Lang::Arabic && attribution_tail(ctx, e) {
            return true;
        }
    }
    // `… that X and urged Y to …`: a second verb of the speaker,
    // even one that is trusted only when it governs a quotation.
    t.norm == "and"
        && doc
            .tokens
            .get(e + 1)
            .is_some_and(|n| n.kind == TokenKind::Latin && cue::is_cue_word(&n.norm, Lang::English))
}

/// How many linking words may stand between a comma and the speech verb of
/// a new frame (`، إلا أنه قال`, `، في حين قال`).
const LINK_WORDS: usize = 2;

/// Whether a new frame starts at token `j`, after a comma: a speech cue,
/// after at most [`LINK_WORDS`] linking words (`لكنه شدد`, `في حين قال`,
/// `بينما رأى`).
fn linked_cue<'c>(ctx: &Ctx, j: usize, cue: &dyn Fn(usize) -> Option<&'c Cue>) -> bool {
    let doc = ctx.doc;
    for k in j..(j + LINK_WORDS + 1).min(doc.tokens.len()) {
        if cue(k).is_some() {
            return k > j;
        }
        let t = &doc.tokens[k];
        let w = strip_conj(&t.norm);
        if !(t.is_word() && (words::is_frame_link(w) || words::is_anna(w))) {
            return false;
        }
    }
    false
}

/// Whether token `j`, after a comma, is an adverbial participle in the
/// accusative that opens a clause about the speaker (`، رافضا …`, `،
/// عازيا …`, `، مشيرا …`): masculine, of the shapes فاعلا and مُفعِلا.
fn circumstantial(ctx: &Ctx, j: usize) -> bool {
    let Some(t) = ctx
        .doc
        .tokens
        .get(j)
        .filter(|t| t.kind == TokenKind::Arabic)
    else {
        return false;
    };
    let w = strip_conj(&t.norm);
    let n = w.chars().count();
    if n < 5 || !w.ends_with('ا') || words::is_adverb_shape_exception(w) {
        return false;
    }
    (n == 5 && w.chars().nth(1) == Some('ا')) || (w.starts_with('م') && n <= 8)
}

/// Whether token `e` begins an attribution tail: `حسب تعبيره`, `وفق
/// قولها`, `على حد وصفه`.
fn attribution_tail(ctx: &Ctx, e: usize) -> bool {
    let doc = ctx.doc;
    let w = |k: usize| {
        doc.tokens
            .get(k)
            .filter(|t| t.is_word())
            .map(|t| strip_conj(&t.norm))
    };
    let head = match w(e) {
        Some(x) if words::is_clause_end_source(x) || cue::is_source_word(x) => e + 1,
        Some("علي") if w(e + 1) == Some("حد") => e + 2,
        _ => return false,
    };
    w(head).is_some_and(words::is_attribution_noun)
}
