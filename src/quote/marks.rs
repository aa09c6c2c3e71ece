//! Quote marks paired into quoted spans.
//!
//! A first pass, to be deepened: within one paragraph, an opening mark pairs
//! with the next mark that can close it; straight `"` alternate open/close.
//! An unpaired mark is ignored, so a stray mark never swallows the rest of
//! the article (pairs never cross a paragraph).

use crate::text::{Document, TokenKind};

/// A quoted span: the content between the marks, trimmed of spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub start: usize,
    pub end: usize,
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Pairs the quote marks of each paragraph.
pub fn pair(doc: &Document) -> Vec<Quoted> {
    let mut out = Vec::new();
    for para in &doc.layout.paragraphs {
        let mut open: Option<usize> = None;
        for i in para.tokens.clone() {
            let t = &doc.tokens[i];
            if t.kind != TokenKind::Punct || !t.text(doc.text).chars().all(is_mark) {
                continue;
            }
            match open {
                None => open = Some(t.end),
                Some(s) => {
                    let content = doc.text[s..t.start].trim();
                    if !content.is_empty() {
                        let start = s
                            + (doc.text[s..t.start].len()
                                - doc.text[s..t.start].trim_start().len());
                        out.push(Quoted {
                            start,
                            end: start + content.len(),
                        });
                    }
                    open = None;
                }
            }
        }
    }
    out
}
