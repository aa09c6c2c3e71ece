//! Repairs of mention spans from what the rest of the article says.
//!
//! The tagger reads one sentence at a time, so it can cut a name's first
//! letter as if it were a proclitic (`كلوب` → `لوب`), keep a proclitic the
//! article never writes with the name (`لكيري`), run two adjacent names
//! together (`ترامب غوغل`, `X والسنغالي`), or start a name with the
//! nationality before it (`الأرجنتيني خوان …`). The article itself usually
//! settles each case: the same name written elsewhere alone. This pass
//! compares every mention with the words of the other mentions and fixes
//! its span, before clustering.
//!
//! Guarantees: spans only shrink or move within their own first token, or
//! split in two at a token boundary; nothing is added that no other mention
//! supports; linear in the number of mentions (one map of their words).

use super::fasthash::FastMap;
use super::Span;
use crate::analysis::Label;
use crate::text::{key, Document, TokenKind};

/// Letters that may be glued to a name as a proclitic (conjunctions and
/// prepositions); at most two of them.
const PROCLITIC_LETTERS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];
const MAX_PROCLITICS: usize = 2;
/// A name part shorter than this is too ambiguous to move a span for.
const MIN_NAME_CHARS: usize = 3;

/// How many mentions write each word as the first or last word of a name,
/// and how many are that word alone.
#[derive(Default)]
struct Words {
    edge: FastMap<String, u32>,
    whole: FastMap<String, (u32, Label)>,
    /// Words that end a longer person's name (family names).
    surname: FastMap<String, u32>,
}

impl Words {
    fn of(doc: &Document, spans: &[Span]) -> Words {
        let mut w = Words::default();
        for s in spans {
            let k = span_key(doc, s);
            let mut parts = k.split(' ');
            let first = parts.next().unwrap_or("");
            let last = k.rsplit(' ').next().unwrap_or("");
            *w.edge.entry(first.to_string()).or_default() += 1;
            if last != first {
                *w.edge.entry(last.to_string()).or_default() += 1;
            }
            if !k.contains(' ') {
                w.whole.entry(k.clone()).or_insert((0, s.label)).0 += 1;
            } else if s.label == Label::PER {
                *w.surname.entry(last.to_string()).or_default() += 1;
            }
        }
        w
    }

    /// Whether another mention (not the one being repaired, whose own word
    /// `own` was counted once) writes `word` at a name's edge.
    fn supported(&self, word: &str, own: &str) -> bool {
        let n = self.edge.get(word).copied().unwrap_or(0);
        n > u32::from(word == own)
    }
}

fn span_text<'t>(doc: &Document<'t>, s: &Span) -> &'t str {
    &doc.text[s.start..doc.tokens[s.tokens.end - 1].end]
}

fn span_key(doc: &Document, s: &Span) -> String {
    key(span_text(doc, s))
}

/// Repairs the spans in place, splitting where two names ran together.
pub fn repair(doc: &Document, spans: &mut Vec<Span>) {
    let words = Words::of(doc, spans);
    let mut out = Vec::with_capacity(spans.len());
    for mut s in spans.drain(..) {
        if s.label == Label::DATE {
            out.push(s);
            continue;
        }
        realign_first_word(doc, &words, &mut s);
        drop_leading_nationality(doc, &mut s);
        split_joined(doc, &words, s, &mut out);
    }
    *spans = out;
}

/// Moves the start inside the first token to where the article's other
/// mentions write the name: past a proclitic kept by the tagger, or back
/// over a first letter it cut.
fn realign_first_word(doc: &Document, words: &Words, s: &mut Span) {
    let t = &doc.tokens[s.tokens.start];
    if t.kind != TokenKind::Arabic {
        return;
    }
    let word_end = t.end;
    let own = key(&doc.text[s.start..word_end]);
    let mut at = t.start;
    for n in 0..=MAX_PROCLITICS {
        let rest = &doc.text[at..word_end];
        let k = key(rest);
        if k.chars().count() >= MIN_NAME_CHARS && words.supported(&k, &own) {
            s.start = at;
            return;
        }
        match rest.chars().next() {
            Some(c) if n < MAX_PROCLITICS && PROCLITIC_LETTERS.contains(&c) => {
                at += c.len_utf8();
            }
            _ => return,
        }
    }
}

/// A person's name does not begin with a nationality adjective
/// (`الأرجنتيني X Y` is a description and a name).
fn drop_leading_nationality(doc: &Document, s: &mut Span) {
    if s.label != Label::PER || s.tokens.len() < 2 {
        return;
    }
    let first = &doc.tokens[s.tokens.start];
    let w = first.stem_norm();
    let nisba =
        w.starts_with("ال") && w.chars().count() >= 5 && (w.ends_with('ي') || w.ends_with("يه"));
    if nisba {
        s.tokens.start += 1;
        s.start = doc.tokens[s.tokens.start].start;
    }
}

/// Splits a person's mention whose last word is an organization or place
/// the article writes alone (`ترامب غوغل` when `غوغل` stands alone
/// elsewhere), or that is two family names side by side.
fn split_joined(doc: &Document, words: &Words, s: Span, out: &mut Vec<Span>) {
    let n = s.tokens.len();
    if n < 2 {
        out.push(s);
        return;
    }
    // `X وY Z`: a conjunction glued to a word that begins another name the
    // article writes: two people (`فابينيو وأليسون بيكر`).
    if s.label == Label::PER {
        let cut = (s.tokens.start + 1..s.tokens.end).find(|&i| {
            let t = &doc.tokens[i];
            let rest = t.text(doc.text).strip_prefix('و').map(key);
            t.kind == TokenKind::Arabic
                && rest.is_some_and(|r| {
                    r.chars().count() >= MIN_NAME_CHARS && words.edge.contains_key(&r)
                })
        });
        if let Some(i) = cut {
            out.push(Span {
                tokens: s.tokens.start..i,
                start: s.start,
                label: s.label,
            });
            out.push(Span {
                tokens: i..s.tokens.end,
                start: doc.tokens[i].start + 'و'.len_utf8(),
                label: s.label,
            });
            return;
        }
    }
    let last = s.tokens.end - 1;
    let lk = key(doc.tokens[last].text(doc.text));
    let alone = words.whole.get(&lk).copied();
    let head_known = {
        let first = key(&doc.text[s.start..doc.tokens[s.tokens.start].end]);
        n == 2 && words.edge.get(&first).copied().unwrap_or(0) > 1
    };
    // Two family names side by side (`لقاء X Y` for two leaders) are two
    // people when each ends a longer name elsewhere.
    let two_surnames = n == 2 && s.label == Label::PER && {
        let first = key(&doc.text[s.start..doc.tokens[s.tokens.start].end]);
        words.surname.contains_key(&first) && words.surname.contains_key(&lk)
    };
    match alone {
        // A person's name followed by an organization or place the article
        // names alone (the verb's object: `اتهم X Y`), or two family names.
        Some((count, label))
            if head_known
                && ((s.label == Label::PER
                    && matches!(label, Label::ORG | Label::LOC)
                    && count >= 2)
                    || (two_surnames && label == Label::PER)) =>
        {
            out.push(Span {
                tokens: s.tokens.start..last,
                start: s.start,
                label: s.label,
            });
            out.push(Span {
                tokens: last..last + 1,
                start: doc.tokens[last].start,
                label,
            });
        }
        _ => out.push(s),
    }
}
