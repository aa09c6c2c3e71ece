//! Paragraphs and sentences over tokens.
//!
//! A line break ends a paragraph (news copy puts one paragraph per line, and a
//! headline is a line with no final punctuation). Inside a paragraph a sentence
//! ends at `.`, `!`, `?`, `؟` or an ellipsis, together with the closing quote
//! marks and brackets glued to it, when the next token begins a new sentence:
//! after white space, or directly when a word follows with no space
//! (`جنيف.وأضاف` is two sentences). Decimals never split (`3.5` is one
//! token), nor do single-letter abbreviations (`U.S.`, `د.`) and common
//! English titles (`Mr.`, `Dr.`).
//!
//! Guarantees: sentences cover every token exactly once, in order; a sentence
//! never crosses a paragraph boundary; both are token-index ranges.

use super::token::{Token, TokenKind};
use std::ops::Range;

/// A paragraph or sentence: a range of token indices plus its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Indices into the token list.
    pub tokens: Range<usize>,
    /// Byte offset of the first token's start.
    pub start: usize,
    /// Byte offset of the last token's end.
    pub end: usize,
}

/// Text split into paragraphs and sentences.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub paragraphs: Vec<Segment>,
    pub sentences: Vec<Segment>,
}

const TERMINAL: [&str; 6] = [".", "!", "?", "؟", "…", "..."];
const CLOSERS: [char; 9] = ['"', '”', '»', '’', '\'', ')', ']', '›', '“'];
/// Words written with a full stop that ends no sentence, those of
/// `lexicon/en/title-abbreviations.txt` among them (a test checks).
const ABBREVIATIONS: [&str; 29] = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "vs", "inc", "ltd", "no", "rev", "corp", "sgt", "capt", "maj", "adm", "messrs", "mt", "pres",
    "sec", "atty",
];

/// Splits tokens into paragraphs and sentences.
pub fn layout(text: &str, tokens: &[Token]) -> Layout {
    let mut out = Layout::default();
    let mut para_start = 0;
    let mut sent_start = 0;
    let seg = |r: Range<usize>| Segment {
        start: tokens[r.start].start,
        end: tokens[r.end - 1].end,
        tokens: r,
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut end_sentence = false;
        if t.kind == TokenKind::Punct
            && TERMINAL.contains(&t.text(text))
            && !is_abbreviation(text, tokens, i)
        {
            // Take closing marks glued to the stop: `حلب."` or `(...).`
            while i + 1 < tokens.len() {
                let n = &tokens[i + 1];
                let glued = n.start == tokens[i].end;
                let closer = n.kind == TokenKind::Punct
                    && n.text(text).chars().all(|c| CLOSERS.contains(&c));
                let then_break = tokens.get(i + 2).is_none_or(|nn| nn.start > n.end);
                if glued && closer && then_break {
                    i += 1;
                } else {
                    break;
                }
            }
            end_sentence = tokens
                .get(i + 1)
                .is_none_or(|n| n.start > tokens[i].end || n.kind == TokenKind::Arabic);
        }
        let next_para = tokens
            .get(i + 1)
            .is_none_or(|n| text[tokens[i].end..n.start].contains('\n'));
        if end_sentence || next_para {
            out.sentences.push(seg(sent_start..i + 1));
            sent_start = i + 1;
        }
        if next_para {
            out.paragraphs.push(seg(para_start..i + 1));
            para_start = i + 1;
        }
        i += 1;
    }
    out
}

/// Whether the stop at token `i` closes an abbreviation rather than a sentence.
pub(crate) fn is_abbreviation(text: &str, tokens: &[Token], i: usize) -> bool {
    if tokens[i].text(text) != "." || i == 0 {
        return false;
    }
    let prev = &tokens[i - 1];
    if prev.end != tokens[i].start || !prev.is_word() {
        return false;
    }
    let word = prev.text(text);
    let one_letter = word.chars().count() == 1;
    // `U.S.` / `J. Smith`: a single capital; `د.` (Dr.) / `م.` (AD): one Arabic letter.
    (one_letter && (prev.kind == TokenKind::Arabic || word.chars().all(char::is_uppercase)))
        || (prev.kind == TokenKind::Latin && ABBREVIATIONS.contains(&prev.norm.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let toks = tokenize(s);
        layout(s, &toks)
            .sentences
            .iter()
            .map(|g| &s[g.start..g.end])
            .collect()
    }

    #[test]
    fn full_stop_without_space_splits() {
        assert_eq!(
            sentences("الجارية في جنيف.وأضاف للصحفيين"),
            ["الجارية في جنيف.", "وأضاف للصحفيين"]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("قال \"نعم.\" ثم مضى."),
            ["قال \"نعم.\"", "ثم مضى."]
        );
        assert_eq!(
            sentences("قال “نعم”.وأضاف “لا”."),
            ["قال “نعم”.", "وأضاف “لا”."]
        );
    }

    #[test]
    fn decimals_abbreviations_and_ellipses() {
        assert_eq!(
            sentences("نما 3.5 في المئة. ثم توقف"),
            ["نما 3.5 في المئة.", "ثم توقف"]
        );
        assert_eq!(
            sentences("The U.S. and Mr. Smith met. Then"),
            ["The U.S. and Mr. Smith met.", "Then"]
        );
        assert_eq!(sentences("انتظر... ثم قال"), ["انتظر...", "ثم قال"]);
        assert_eq!(sentences("وصل د. أحمد اليوم"), ["وصل د. أحمد اليوم"]);
    }

    #[test]
    fn headline_lines_are_paragraphs_and_sentences() {
        let s = "بوتين: محادثات في كازاخستان\nقال الرئيس إن الأمر انتهى.\n\nالمعارضة\nوأكد أن";
        let toks = tokenize(s);
        let l = layout(s, &toks);
        let paras: Vec<&str> = l.paragraphs.iter().map(|g| &s[g.start..g.end]).collect();
        assert_eq!(
            paras,
            [
                "بوتين: محادثات في كازاخستان",
                "قال الرئيس إن الأمر انتهى.",
                "المعارضة",
                "وأكد أن"
            ]
        );
        assert_eq!(l.sentences.len(), 4);
    }

    #[test]
    fn sentences_cover_all_tokens_in_order() {
        let s = "أ. ب؟ ج!د...\n\"هـ\". و";
        let toks = tokenize(s);
        let l = layout(s, &toks);
        let mut next = 0;
        for g in &l.sentences {
            assert_eq!(g.tokens.start, next);
            assert!(g.tokens.end > g.tokens.start);
            next = g.tokens.end;
        }
        assert_eq!(next, toks.len());
    }
}
