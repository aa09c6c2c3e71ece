//! Quote marks paired into quoted spans.
//!
//! Real copy, Arabic copy above all, is messy: straight `"` with an odd count,
//! curly marks reversed by right-to-left typing (`” … “`), the same mark
//! opening and closing (`” … ”`), a closing mark after reported speech whose
//! opener was never typed, an opener never closed. So pairing does not trust
//! a mark's shape alone. Each mark gets two small scores from its
//! surroundings (how much it looks like an opener: space before, letter after;
//! like a closer: letter before, space or punctuation after; plus its shape
//! when the shape is reliable, `«`, `»`, `„`, or curly marks in English), and
//! a dynamic programme over the marks of one paragraph picks the best reading
//! of all of them at once: open, close, a closing mark with no opener, or an
//! opener never closed. The programme has two states (inside or outside a
//! quotation), so it is linear in the number of marks.
//!
//! Guarantees: pairs never cross a paragraph, so one stray mark never swallows
//! the rest of the article; an unclosed opener runs to the end of its
//! sentence (to the end of its paragraph when the next paragraph opens with a
//! mark again: a quotation running over several paragraphs); a closing mark
//! with no opener takes the clause before it. Spans exclude the marks and the
//! spaces around the content; empty spans are dropped. Single marks (`‘’`,
//! `‹›`, `'`) are paired only inside a double-quoted span.

use super::Lang;
use crate::text::{Document, TokenKind};

/// How a quoted span was closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closure {
    /// An opening and a closing mark.
    Paired,
    /// An opening mark never closed: the span runs to the end of its
    /// sentence, or of its paragraph when the quotation continues.
    Unclosed,
    /// A closing mark with no opener: the span is the clause before it.
    Orphan,
    /// No marks: a speaker's words after a speech verb and a colon, to the
    /// end of the paragraph (`وقال X: …`), found by the colon stage.
    Colon,
}

/// A quoted span: the content between the marks, trimmed of spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Byte span of the content.
    pub start: usize,
    pub end: usize,
    /// Token index of the opening mark, when there is one.
    pub open: Option<usize>,
    /// Token index of the closing mark, when there is one.
    pub close: Option<usize>,
    pub closure: Closure,
    /// Inside another quoted span (single marks within double ones).
    pub nested: bool,
}

pub use crate::text::token::{is_double, is_double_pair, is_single};

/// Whether token `i` of `doc` exists and is a double quote mark.
pub(crate) fn is_double_at(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Punct
            && (t.text(doc.text).chars().all(is_double) || is_double_pair(t.text(doc.text)))
    })
}

/// The mark character of a one-character punctuation token, if it is one.
fn mark_char(doc: &Document, i: usize, pred: fn(char) -> bool) -> Option<char> {
    let t = &doc.tokens[i];
    if t.kind != TokenKind::Punct {
        return None;
    }
    // Two apostrophes stand for a straight double mark.
    if is_double_pair(t.text(doc.text)) {
        return pred('"').then_some('"');
    }
    let mut cs = t.text(doc.text).chars();
    let c = cs.next()?;
    (cs.next().is_none() && pred(c)).then_some(c)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Orphan,
    Dangle,
}

const ORPHAN_COST: i32 = 3;
const DANGLE_COST: i32 = 3;
const UNCLOSED_COST: i32 = 2;

/// How much a mark looks like an opener and like a closer.
fn scores(doc: &Document, para: &std::ops::Range<usize>, i: usize, lang: Lang) -> (i32, i32) {
    let t = &doc.tokens[i];
    let (mut o, mut c) = (0, 0);
    let prev = (i > para.start).then(|| &doc.tokens[i - 1]);
    match prev {
        None => o += 1,
        Some(p) if p.end < t.start => o += 1,
        Some(p) => {
            let pt = p.text(doc.text);
            if p.kind == TokenKind::Arabic && pt.chars().count() == 1 {
                // A conjunction or preposition glued to the mark: `و"…`.
                o += 1;
            } else if p.is_word() || p.kind == TokenKind::Number {
                c += 1;
            } else if matches!(pt, "(" | "[" | ":") {
                o += 1;
            } else if matches!(
                pt,
                "." | "،" | "," | "!" | "?" | "؟" | ")" | "]" | "..." | "…"
            ) {
                c += 1;
            }
        }
    }
    let next = (i + 1 < para.end).then(|| &doc.tokens[i + 1]);
    match next {
        None => c += 1,
        Some(n) if n.start > t.end => {}
        Some(n) if n.is_word() || n.kind == TokenKind::Number => o += 1,
        Some(n) => {
            let nt = n.text(doc.text);
            if matches!(
                nt,
                "." | "،" | "," | "!" | "?" | "؟" | ")" | "؛" | ";" | ":" | "..."
            ) {
                c += 1;
            }
        }
    }
    let ch = t.text(doc.text).chars().next().unwrap_or('"');
    match ch {
        '«' | '„' => o += 2,
        '»' => c += 2,
        '“' if lang == Lang::English => o += 2,
        '”' if lang == Lang::English => c += 2,
        _ => {}
    }
    (o, c)
}

/// Pairs the quote marks of each paragraph.
pub fn pair(doc: &Document, para_lang: &[Lang]) -> Vec<Quoted> {
    let mut out = Vec::new();
    // Quotations in single marks (British style) stay out of the search for
    // single marks nested in double ones: inside them, a single mark is an
    // apostrophe (`the players’ union`), not a quotation's edge.
    let mut singles = Vec::new();
    let paras = &doc.layout.paragraphs;
    for (pi, para) in paras.iter().enumerate() {
        let lang = para_lang.get(pi).copied().unwrap_or(Lang::Arabic);
        let marks: Vec<usize> = para
            .tokens
            .clone()
            .filter(|&i| mark_char(doc, i, is_double).is_some())
            .collect();
        if marks.is_empty() {
            if lang == Lang::English {
                british(doc, &para.tokens, &mut singles);
            }
            continue;
        }
        let continues = paras
            .get(pi + 1)
            .is_some_and(|n| mark_char(doc, n.tokens.start, is_double).is_some());
        let roles = best_roles(doc, &para.tokens, &marks, lang, continues);
        let mut open: Option<usize> = None;
        for (k, (&m, &role)) in marks.iter().zip(&roles).enumerate() {
            match role {
                Role::Open => open = Some(m),
                Role::Close => {
                    if let Some(o) = open.take() {
                        push(
                            doc,
                            &mut out,
                            doc.tokens[o].end,
                            doc.tokens[m].start,
                            Some(o),
                            Some(m),
                            Closure::Paired,
                            false,
                        );
                    }
                }
                Role::Orphan => {
                    let from = clause_start(doc, para.tokens.start, m);
                    push(
                        doc,
                        &mut out,
                        from,
                        doc.tokens[m].start,
                        None,
                        Some(m),
                        Closure::Orphan,
                        false,
                    );
                }
                Role::Dangle => {
                    let limit = marks.get(k + 1).map_or(para.tokens.end, |&n| n);
                    let end = sentence_end(doc, m, limit);
                    push(
                        doc,
                        &mut out,
                        doc.tokens[m].end,
                        end,
                        Some(m),
                        None,
                        Closure::Unclosed,
                        false,
                    );
                }
            }
        }
        if let Some(o) = open {
            let end = if continues {
                trim_end_stop(doc, para.tokens.start, para.tokens.end)
            } else {
                sentence_end(doc, o, para.tokens.end)
            };
            push(
                doc,
                &mut out,
                doc.tokens[o].end,
                end,
                Some(o),
                None,
                Closure::Unclosed,
                false,
            );
        }
    }
    nest_singles(doc, &mut out);
    out.append(&mut singles);
    out.sort_by_key(|q| (q.start, q.end));
    out
}

/// The best reading of a paragraph's marks, by dynamic programming over the
/// two states outside/inside a quotation.
fn best_roles(
    doc: &Document,
    para: &std::ops::Range<usize>,
    marks: &[usize],
    lang: Lang,
    continues: bool,
) -> Vec<Role> {
    const NEG: i32 = i32::MIN / 4;
    // back[k][state] = (previous state, role of mark k) for the best path
    // reaching `state` after mark k.
    let mut back: Vec<[(u8, Role); 2]> = Vec::with_capacity(marks.len());
    let mut best = [0i32, NEG];
    for &m in marks {
        let (o, c) = scores(doc, para, m, lang);
        let mut next = [NEG, NEG];
        let mut bp = [(0u8, Role::Orphan); 2];
        // Outside → outside: a closing mark without opener, or an opener
        // never closed that runs to the end of its sentence.
        for (score, role) in [
            (c - ORPHAN_COST, Role::Orphan),
            (o - DANGLE_COST, Role::Dangle),
        ] {
            if best[0] > NEG && best[0] + score > next[0] {
                next[0] = best[0] + score;
                bp[0] = (0, role);
            }
        }
        // Inside → outside: a closing mark. Preferred on ties.
        if best[1] > NEG && best[1] + c >= next[0] {
            next[0] = best[1] + c;
            bp[0] = (1, Role::Close);
        }
        // Outside → inside: an opening mark.
        if best[0] > NEG {
            next[1] = best[0] + o;
            bp[1] = (0, Role::Open);
        }
        back.push(bp);
        best = next;
    }
    let end_cost = if continues { 0 } else { UNCLOSED_COST };
    let mut state = if best[1] > NEG && best[1] - end_cost > best[0] {
        1
    } else {
        0
    };
    let mut roles = vec![Role::Orphan; marks.len()];
    for k in (0..marks.len()).rev() {
        let (prev, role) = back[k][state];
        roles[k] = role;
        state = usize::from(prev);
    }
    roles
}

/// Byte offset where the clause ending at mark token `m` starts: after the
/// previous comma, colon, quote mark or sentence start, and after a leading
/// conjunction و or أن.
fn clause_start(doc: &Document, para_start: usize, m: usize) -> usize {
    let sent = sentence_of(doc, m);
    let lo = sent.max(para_start);
    let mut k = m;
    let mut after_comma = false;
    while k > lo {
        let t = &doc.tokens[k - 1];
        if t.kind == TokenKind::Punct {
            let s = t.text(doc.text);
            if matches!(s, "،" | "," | "؛" | ";" | ":")
                || s.chars().next().is_some_and(is_double)
                || is_double_pair(s)
            {
                after_comma = crate::text::is_comma(s);
                break;
            }
        }
        k -= 1;
    }
    if k >= m {
        return doc.tokens[m].start;
    }
    let first = &doc.tokens[k];
    let ft = first.text(doc.text);
    if first.kind == TokenKind::Arabic && (ft == "و" || super::words::is_anna(&first.norm)) {
        return doc
            .tokens
            .get(k + 1)
            .map_or(first.end, |t| t.start)
            .min(doc.tokens[m].start);
    }
    if after_comma
        && first.kind == TokenKind::Arabic
        && ft.starts_with('و')
        && ft.chars().count() >= 4
    {
        return first.start + 'و'.len_utf8();
    }
    first.start
}

/// Index of the first token of the sentence holding token `i`.
fn sentence_of(doc: &Document, i: usize) -> usize {
    let s = &doc.layout.sentences;
    let k = s.partition_point(|seg| seg.tokens.end <= i);
    s.get(k).map_or(i, |seg| seg.tokens.start)
}

/// End byte of the sentence holding token `i` (not past token `limit`),
/// leaving out final stops.
fn sentence_end(doc: &Document, i: usize, limit: usize) -> usize {
    let s = &doc.layout.sentences;
    let k = s.partition_point(|seg| seg.tokens.end <= i);
    let end = s
        .get(k)
        .map_or(i + 1, |seg| seg.tokens.end)
        .min(limit)
        .max(i + 1);
    trim_end_stop(doc, i + 1, end)
}

/// End byte of tokens `from..to` without trailing stops and commas.
fn trim_end_stop(doc: &Document, from: usize, to: usize) -> usize {
    let mut e = to;
    while e > from {
        let t = &doc.tokens[e - 1];
        let s = t.text(doc.text);
        if t.kind == TokenKind::Punct
            && matches!(s, "." | "..." | "…" | "،" | "," | "؛" | ";" | ":")
        {
            e -= 1;
        } else {
            break;
        }
    }
    if e > from {
        doc.tokens[e - 1].end
    } else {
        doc.tokens.get(from).map_or(doc.text.len(), |t| t.start)
    }
}

#[allow(clippy::too_many_arguments)]
fn push(
    doc: &Document,
    out: &mut Vec<Quoted>,
    from: usize,
    to: usize,
    open: Option<usize>,
    close: Option<usize>,
    closure: Closure,
    nested: bool,
) {
    if from >= to || to > doc.text.len() {
        return;
    }
    let raw = &doc.text[from..to];
    let trimmed = raw.trim_matches(|c: char| {
        crate::text::normalize::is_space(c) || crate::text::normalize::is_invisible(c)
    });
    // Marks around nothing, or around punctuation alone (`"..."`,
    // `"!!؟"`), quote no words.
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| {
                crate::text::normalize::is_space(c) || crate::text::normalize::is_invisible(c)
            })
            .len();
    out.push(Quoted {
        start: from + lead,
        end: from + lead + trimmed.len(),
        open,
        close,
        closure,
        nested,
    });
}

/// British copy quotes with single curly marks (`‘…’`). In an English
/// paragraph without double marks, `‘` before a word opens and `’` closes:
/// at once after punctuation (`…spring.’`, `…bridge,’`), otherwise the first
/// one after a word is kept in reserve, since `’` is also the apostrophe of a
/// plural possessive (`the dancers’ union`).
fn british(doc: &Document, para: &std::ops::Range<usize>, out: &mut Vec<Quoted>) {
    let mut open: Option<usize> = None;
    let mut reserve: Option<usize> = None;
    let flush = |out: &mut Vec<Quoted>, open: Option<usize>, close: Option<usize>| {
        if let (Some(o), Some(c)) = (open, close) {
            let (from, to) = (doc.tokens[o].end, doc.tokens[c].start);
            push(doc, out, from, to, Some(o), Some(c), Closure::Paired, false);
        }
    };
    for i in para.clone() {
        let Some(ch) = mark_char(doc, i, is_single) else {
            continue;
        };
        let t = &doc.tokens[i];
        let prev = (i > para.start).then(|| &doc.tokens[i - 1]);
        let next = doc.tokens.get(i + 1).filter(|_| i + 1 < para.end);
        let glued_prev = prev.is_some_and(|p| p.end == t.start);
        match ch {
            '‘' => {
                let opener = next.is_some_and(|n| n.start == t.end && n.kind != TokenKind::Punct)
                    && (!glued_prev || prev.is_some_and(|p| p.text(doc.text) == "("));
                if opener {
                    flush(out, open, reserve);
                    open = Some(i);
                    reserve = None;
                }
            }
            '’' if open.is_some() && glued_prev => {
                let p = prev.map_or("", |p| p.text(doc.text));
                if matches!(p, "," | "." | "?" | "!" | "…") {
                    flush(out, open, Some(i));
                    open = None;
                    reserve = None;
                } else if prev.is_some_and(|p| p.is_word() || p.kind == TokenKind::Number) {
                    reserve.get_or_insert(i);
                }
            }
            _ => {}
        }
    }
    flush(out, open, reserve);
}

/// Pairs single marks inside each double-quoted span, in order.
fn nest_singles(doc: &Document, out: &mut Vec<Quoted>) {
    let mut extra = Vec::new();
    for q in out.iter() {
        let lo = doc.tokens_starting_before(q.start);
        let hi = doc.tokens_ending_by(q.end);
        let singles: Vec<usize> = (lo..hi.max(lo))
            .filter(|&i| mark_char(doc, i, is_single).is_some())
            .collect();
        for pair in singles.chunks_exact(2) {
            push(
                doc,
                &mut extra,
                doc.tokens[pair[0]].end,
                doc.tokens[pair[1]].start,
                Some(pair[0]),
                Some(pair[1]),
                Closure::Paired,
                true,
            );
        }
    }
    out.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &str) -> Vec<&str> {
        let doc = Document::new(s);
        let langs = vec![Lang::Arabic; doc.layout.paragraphs.len()];
        pair(&doc, &langs)
            .iter()
            .map(|q| &s[q.start..q.end])
            .collect()
    }

    fn spans_en(s: &str) -> Vec<&str> {
        let doc = Document::new(s);
        let langs = vec![Lang::English; doc.layout.paragraphs.len()];
        pair(&doc, &langs)
            .iter()
            .map(|q| &s[q.start..q.end])
            .collect()
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(
            spans("قال: \"نعم\" ثم «لا» و“ربما” و„كلا“."),
            ["نعم", "لا", "ربما", "كلا"]
        );
    }

    #[test]
    fn reversed_and_same_curly_marks() {
        assert_eq!(spans("وأضاف ” نحن هنا “ ثم غادر."), ["نحن هنا"]);
        assert_eq!(spans("وقال ” سنبقى هنا”."), ["سنبقى هنا"]);
        assert_eq!(
            spans("وقال إن” الوضع صعب جدا”، مشيرا إلى ذلك."),
            ["الوضع صعب جدا"]
        );
    }

    #[test]
    fn odd_count_leaves_a_closing_mark_without_opener() {
        let s = "أكد الوزير أن البلاد تشهد \"نموا سريعا\" في القطاع، ومثل هذا النمو سيستمر\".";
        assert_eq!(spans(s), ["نموا سريعا", "مثل هذا النمو سيستمر"]);
    }

    #[test]
    fn opener_never_closed_runs_to_end_of_sentence() {
        let s = "وأضاف “الفريق لعب جيدا اليوم.وفي سياق آخر عقد المجلس اجتماعا.";
        assert_eq!(spans(s), ["الفريق لعب جيدا اليوم"]);
    }

    #[test]
    fn quotation_over_paragraphs_is_one_per_paragraph() {
        let s = "قال المدرب: \"لعبنا جيدا.\n\"وسنفوز في المباراة القادمة\".";
        assert_eq!(spans(s), ["لعبنا جيدا", "وسنفوز في المباراة القادمة"]);
    }

    #[test]
    fn marks_never_cross_paragraphs() {
        let s = "قال \"نعم\nثم ذهب إلى البيت. وعاد \"مبكرا\" أمس.";
        let got = spans(s);
        assert!(got.contains(&"مبكرا"), "{got:?}");
        assert!(got.iter().all(|q| !q.contains('\n')));
    }

    #[test]
    fn english_quotes_and_nested_singles() {
        let s = "\"We call it ‘the plan’ now,\" she said.";
        assert_eq!(spans_en(s), ["We call it ‘the plan’ now,", "the plan"]);
    }

    #[test]
    fn apostrophes_inside_a_single_quoted_quotation_are_not_quotes() {
        let s = "‘The dancers’ and the players’ union is strong,’ she said.";
        let got = spans_en(s);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("The dancers"), "{got:?}");
    }

    #[test]
    fn many_marks_are_linear_and_safe() {
        let s = "\"".repeat(100_000);
        let got = spans(&s);
        assert!(got.is_empty());
        let s = format!("{}\"x", "“ ".repeat(50_000));
        let _ = spans(&s);
    }
}
