//! Repairs of mention spans from what the rest of the article says.
//!
//! The tagger reads one sentence at a time, so it can cut a name's first
//! letter as if it were a proclitic (`كلوب` → `لوب`), keep a proclitic the
//! article never writes with the name (`لكيري`), run two adjacent names
//! together (`X Y` for a person and a company, `X والسنغالي`), or start a name
//! with the nationality before it (`الأرجنتيني X Y`). The article itself usually
//! settles each case: the same name written elsewhere alone. This pass
//! compares every mention with the words of the other mentions and fixes
//! its span, before clustering.
//!
//! Guarantees: spans only shrink or move within their own first token,
//! split in two at a token boundary, two adjacent person mentions join (one
//! of them a single word), a person takes the one rare word after it that
//! the tagger typed otherwise, or a place takes the adjective of direction
//! after it; nothing else is added that no other mention supports; linear
//! in the number of mentions (one map of their words).

use super::fasthash::{FastMap, FastSet};
use super::Span;
use crate::analysis::Label;
use crate::text::{clitic, key, Document, TokenKind};
use crate::wordlist::{self, Set};
use std::borrow::Cow;

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
    /// Words inside persons' names other than a mention's own.
    person_part: FastMap<String, u32>,
    /// Whole multi-word names, how often each is written.
    whole_names: FastMap<String, u32>,
    /// Words of multi-word names of any label.
    parts: FastSet<String>,
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
                w.whole.entry(k.to_string()).or_insert((0, s.label)).0 += 1;
            } else if s.label == Label::PER {
                *w.surname.entry(last.to_string()).or_default() += 1;
                *w.whole_names.entry(k.to_string()).or_default() += 1;
            }
            if s.label == Label::PER {
                for part in k.split(' ') {
                    *w.person_part.entry(part.to_string()).or_default() += 1;
                }
            }
            if k.contains(' ') {
                w.parts.extend(k.split(' ').map(str::to_string));
            }
        }
        w
    }

    /// Whether some multi-word mention has `word` among its words.
    fn in_longer(&self, word: &str) -> bool {
        self.parts.contains(word)
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

/// The span's [`key`]; a one-word span's is mostly its token's own.
fn span_key<'d>(doc: &'d Document, s: &Span) -> Cow<'d, str> {
    if s.tokens.len() == 1 {
        doc.key_to_end_of(s.start, s.tokens.start)
    } else {
        Cow::Owned(key(span_text(doc, s)))
    }
}

/// A family name shorter than this (in letters) is not carried to its
/// bare occurrences: short words are too often ordinary ones.
const MIN_CARRIED_SURNAME: usize = 4;

/// Repairs the spans in place, splitting where two names ran together, and
/// adds the bare family names of the persons the article names in full.
pub fn repair(doc: &Document, spans: &mut Vec<Span>) {
    add_family_names(doc, spans);
    let words = Words::of(doc, spans);
    // Where a person's name ends: a list of persons goes on after it.
    let person_ends: FastSet<usize> = spans
        .iter()
        .filter(|s| s.label == Label::PER)
        .map(|s| s.tokens.end)
        .collect();
    let mut out = Vec::with_capacity(spans.len());
    for mut s in spans.drain(..) {
        if s.label == Label::DATE {
            out.push(s);
            continue;
        }
        if !trim_tanween(doc, &mut s) {
            continue;
        }
        let after_person = person_ends.contains(&s.tokens.start);
        realign_first_word(doc, &words, &mut s, after_person);
        keep_a_names_kaf(doc, &mut s);
        drop_leading_nationality(doc, &mut s);
        drop_trailing_conjoined_nationality(doc, &words, &mut s);
        drop_leading_titles(doc, &mut s);
        drop_trailing_titles(doc, &mut s);
        drop_bare_article(doc, &mut s);
        split_joined(doc, &words, s, &mut out);
    }
    out.retain(|s| !is_non_name(doc, &words, s));
    drop_adjective_places(doc, &mut out);
    drop_classifier_adjectives(doc, &mut out);
    drop_products(doc, &words, &mut out);
    join_adjacent_persons(doc, &mut out);
    extend_regions(doc, &mut out);
    *spans = out;
}

/// Drops a one-word place that is a feminine nisba adjective agreeing with
/// the definite feminine noun before it (`السلطات السعودية`, `العاصمة
/// البلجيكية`): "the Saudi authorities", not the country `السعودية`.
/// GUIDELINES mark no adjective; a country's name does not follow a
/// definite feminine noun outside a name of its own (a span the noun is in).
fn drop_adjective_places(doc: &Document, spans: &mut Vec<Span>) {
    let covered = covered(doc, spans);
    let feminine = |w: &str| w.ends_with('ه') || w.ends_with("ات");
    spans.retain(|s| {
        let i = s.tokens.start;
        let t = &doc.tokens[i];
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        let adjective = s.label == Label::LOC
            && s.tokens.len() == 1
            && s.start == t.start
            && t.kind == TokenKind::Arabic
            && t.norm.ends_with("يه")
            && !covered[prev]
            && feminine(&doc.tokens[prev].norm)
            && adjective_after_definite(doc, i, &t.norm);
        !adjective
    });
}

/// Extends a place by the feminine adjective of direction after it
/// (`أوروبا الشرقية`, `آسيا الوسطى`, `لأفريقيا الغربية`): a region's name,
/// which GUIDELINES mark whole; and a place named by common words by the
/// state's adjective after it ([`named_by_common_words`]). The adjective of
/// direction is not taken after an indefinite feminine noun before a place
/// written without the article (`ضاحية X الشرقية`, `مدينة X
/// الغربية`): the adjective may agree with that noun, and the place is then
/// its genitive.
fn extend_regions(doc: &Document, spans: &mut [Span]) {
    let covered = covered(doc, spans);
    for s in spans.iter_mut() {
        let next = s.tokens.end;
        let Some(t) = doc.tokens.get(next).filter(|t| {
            s.label == Label::LOC
                && t.kind == TokenKind::Arabic
                && t.start == t.stem
                && !covered[next]
        }) else {
            continue;
        };
        if REGION_ADJECTIVES.contains(&t.norm) {
            let first = &doc.tokens[s.tokens.start];
            let definite = first.has_article(doc.text) || first.elided_article();
            let noun_before = s.tokens.start.checked_sub(1).is_some_and(|k| {
                let t = &doc.tokens[k];
                t.kind == TokenKind::Arabic && t.norm.ends_with('ه') && !t.has_article(doc.text)
            });
            if definite || !noun_before {
                s.tokens.end = next + 1;
            }
        } else if named_by_common_words(doc, s) && super::org::nationality_form(&t.norm, false) {
            s.tokens.end = next + 1;
        }
    }
}

/// Whether a place's name of two words or more ends with a definite
/// common word (`شبه الجزيرة`, `الولايات المتحدة`): a state's adjective
/// after it is part of the name (`شبه الجزيرة الكورية`), where after a
/// city's own name it only describes the city (`X السورية`).
fn named_by_common_words(doc: &Document, s: &Span) -> bool {
    let last = &doc.tokens[s.tokens.end - 1];
    s.tokens.len() >= 2 && last.kind == TokenKind::Arabic && last.has_article(doc.text)
}

/// Feminine adjectives of direction (`الشرقية`).
static REGION_ADJECTIVES: Set = Set::new(&[wordlist::AR_REGION_ADJECTIVES]);

/// Which tokens the spans cover.
fn covered(doc: &Document, spans: &[Span]) -> Vec<bool> {
    let mut covered = vec![false; doc.tokens.len()];
    for s in spans {
        for c in covered.get_mut(s.tokens.clone()).into_iter().flatten() {
            *c = true;
        }
    }
    covered
}

/// The lengths of a token's folded prefixes a name may start after: none,
/// then each possible proclitic (a conjunction, then a preposition).
fn start_lens(t: &crate::text::Token) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(t.proclitics.possible_lens())
}

/// Whether an Arabic token, whole or after a possible proclitic
/// ([`start_lens`]), is a word of `set` (`لشركة`, `بهواتف`).
fn in_any_form(t: &crate::text::Token, set: &Set) -> bool {
    t.kind == TokenKind::Arabic
        && start_lens(t).any(|n| t.norm.get(n..).is_some_and(|f| set.contains(f)))
}

/// The fewest letters of a name after و that [`split_joined`] reads as
/// another name by the lexicon alone: shorter rests are often the rest of
/// an ordinary word (`واحد` "one", `وائل`).
const MIN_LISTED_NAME_CHARS: usize = 4;

/// The longest person's name [`join_adjacent_persons`] makes: Arabic and
/// transliterated names run to four words (`X بن Y Z`, `X Y دي Z`).
const MAX_JOINED_NAME: usize = 4;

/// Joins two person mentions written side by side in Arabic (`يوليا`
/// `سكريبال`, or a given name and a two-word rest, which the tagger may tag
/// as two names): Arabic puts و or a comma between two persons, so these
/// are one person's names. A second mention that may start with a
/// conjunction (`ونادر`) stays apart, and so does one after a nationality
/// or a title the tagger took for a name.
///
/// When one of the two is longer, its neighbour must read as part of it:
/// a word before it that is a given name or too rare to be an ordinary
/// word, written without a proclitic (`ورأى X Y`: "and X Y saw"), and
/// does not stand alone elsewhere in the article (`مستشار X Y Z`
/// is X's adviser Y Z when X does); a word after it that does not stand
/// alone elsewhere (`X Y Z` with Z another person the article names). Two
/// longer names side by side stay two.
///
/// A person also takes a rare family name right after it that the tagger
/// typed otherwise ([`unread_surname`]).
fn join_adjacent_persons(doc: &Document, spans: &mut Vec<Span>) {
    spans.sort_by_key(|s| s.start);
    let arabic_person = |s: &Span| {
        s.label == Label::PER
            && s.tokens
                .clone()
                .all(|i| doc.tokens[i].kind == TokenKind::Arabic)
    };
    let free = free_persons(doc, spans);
    let free = |s: &Span| s.tokens.len() == 1 && free.contains(&span_key(doc, s));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        if let Some(prev) = out.last_mut() {
            let t = &doc.tokens[s.tokens.start];
            let before = &doc.tokens[prev.tokens.end - 1];
            let fits = match (prev.tokens.len(), s.tokens.len()) {
                (1, 1) => true,
                (1, n) => {
                    n < MAX_JOINED_NAME
                        && prev.start == before.start
                        && !free(prev)
                        && given_like(before)
                }
                (n, 1) => n < MAX_JOINED_NAME && !free(&s),
                _ => false,
            };
            let persons = fits
                && arabic_person(prev)
                && arabic_person(&s)
                && prev.tokens.end == s.tokens.start
                && s.start == t.start
                && t.stem == t.start
                && !t.norm.starts_with(['و', 'ف'])
                && !nisba_shaped(before.stem_norm())
                && !super::org::nationality_form(before.stem_norm(), true)
                && !is_title(&doc.tokens[prev.tokens.start]);
            if persons || unread_surname(doc, prev, &s) {
                prev.tokens.end = s.tokens.end;
                continue;
            }
        }
        out.push(s);
    }
    *spans = out;
}

/// Whether a folded word is rare (no word cluster: not among the
/// unlabelled text's frequent words) and no closed list knows it (country,
/// nationality, title, head or classifier): the tagger typed it by its
/// shape, or by a corpus lexicon's noisy type (WikiANN types many family
/// names LOC, from the places named after people). Unlike
/// `entity::unread`, a corpus type does not make the word read.
fn rare_and_unlisted(form: &str) -> bool {
    use super::lexicon::{CLASSIFIER, COUNTRY, NATIONALITY, ORG_HEAD, PARTICLE, TITLE};
    let model = super::tagger::model();
    let closed = COUNTRY | NATIONALITY | TITLE | ORG_HEAD | CLASSIFIER | PARTICLE;
    model.cluster(form) == 0 && model.lex_bits(form) & closed == 0
}

/// Whether `s`, right after the person `prev`, is a one-word place,
/// organization or other name that no list knows (`جوناثان` PER, `بقلموني`
/// LOC): a transliterated family name the tagger had never read, typed by
/// its shape, which [`join_adjacent_persons`] joins to the person. Arabic
/// puts a word or a mark between a person and a place named after it (`زار
/// X باريس` has a place the lists know). The word is written without a
/// proclitic, on the same line, and is no nisba adjective; the person's
/// first word is one the corpora write in persons' names (a club or a phone
/// the tagger took for a person, `هواتف X`, is not extended).
fn unread_surname(doc: &Document, prev: &Span, s: &Span) -> bool {
    use super::lexicon::{FAMILY, GIVEN, PER};
    let t = &doc.tokens[s.tokens.start];
    let first = &doc.tokens[prev.tokens.start];
    let last = &doc.tokens[prev.tokens.end - 1];
    // Side by side: the span right after (mentions may nest).
    prev.tokens.end == s.tokens.start
        && prev.label == Label::PER
        && lexicon_bits(first) & (PER | GIVEN | FAMILY) != 0
        && !in_any_form(first, &NON_NAMES)
        && !doc.text[last.end..t.start].contains('\n')
        && prev.tokens.len() < MAX_JOINED_NAME
        && matches!(s.label, Label::LOC | Label::ORG | Label::MISC)
        && s.tokens.len() == 1
        && t.kind == TokenKind::Arabic
        && last.kind == TokenKind::Arabic
        && s.start == t.start
        && t.stem == t.start
        && t.norm.chars().count() >= MIN_CARRIED_SURNAME
        && !nisba_shaped(&t.norm)
        && rare_and_unlisted(&t.norm)
}

/// The one-word persons of sorted `spans` with no person right before or
/// after them: names the article uses alone.
fn free_persons<'d>(doc: &'d Document, spans: &[Span]) -> FastSet<Cow<'d, str>> {
    let person = |k: Option<usize>| {
        k.and_then(|k| spans.get(k))
            .filter(|n| n.label == Label::PER)
            .map(|n| n.tokens.clone())
    };
    let touches = |k: usize, s: &Span| {
        person(k.checked_sub(1)).is_some_and(|p| p.end == s.tokens.start)
            || person(Some(k + 1)).is_some_and(|n| n.start == s.tokens.end)
    };
    spans
        .iter()
        .enumerate()
        .filter(|(k, s)| s.label == Label::PER && s.tokens.len() == 1 && !touches(*k, s))
        .map(|(_, s)| span_key(doc, s))
        .collect()
}

/// The fewest letters of an adjective [`drop_classifier_adjectives`]
/// reads by its nisba ending.
const MIN_NISBA_CHARS: usize = 4;

/// Drops a mention that starts right after an indefinite organization
/// classifier with an adjective of it (`منظمة إرهابية`, `نادي رياضي`,
/// `منظمة غير حكومية`: "a terrorist organization", "a sports club", "an
/// NGO"), which the tagger, reading a name's place after the classifier,
/// took for one. The adjective is a word the lexicon knows as no name,
/// country or head noun, with a feminine nisba ending, and no construct
/// before a definite word (`مولودية الجزائر` is a club's name); or a word
/// never part of a name (`غير`). Masculine nisbas are left: names end in
/// ي too, common words among them (`أهلي X`, `سكاي X`).
fn drop_classifier_adjectives(doc: &Document, spans: &mut Vec<Span>) {
    let classifier = |t: &crate::text::Token| in_any_form(t, &super::org::CLASSIFIERS);
    let definite = |t: &crate::text::Token| t.kind == TokenKind::Arabic && t.has_article(doc.text);
    let adjective = |i: usize| {
        let t = &doc.tokens[i];
        let n = t.norm.as_str();
        let nisba = !definite(t)
            && n.chars().count() >= MIN_NISBA_CHARS
            && lexicon_bits(t) & NAME_BITS == 0;
        let construct = doc.tokens.get(i + 1).is_some_and(definite);
        (nisba && n.ends_with("يه") && !construct) || NEVER_IN_NAMES.contains(n)
    };
    spans.retain(|s| {
        let i = s.tokens.start;
        let t = &doc.tokens[i];
        let after = i.checked_sub(1).is_some_and(|p| classifier(&doc.tokens[p]));
        let dropped = s.label != Label::DATE
            && after
            && s.start == t.start
            && t.kind == TokenKind::Arabic
            && adjective(i);
        !dropped
    });
}

/// The lexicon's bits of a name, a country or a head noun (`هيئة`): a word
/// with none of them after a classifier may be its adjective.
const NAME_BITS: u16 = super::lexicon::TYPES
    | super::lexicon::GIVEN
    | super::lexicon::FAMILY
    | super::lexicon::COUNTRY
    | super::lexicon::ORG_HEAD;

/// Words that are never part of a name (`غير`, `كان`).
static NEVER_IN_NAMES: Set = Set::new(&[wordlist::AR_NON_NAME_WORDS]);

/// Whether a word reads as a given name: the lexicon's, or one too rare to
/// have a word cluster and known to the lexicon as nothing else.
fn given_like(t: &crate::text::Token) -> bool {
    let bits = lexicon_bits(t);
    let rare = super::tagger::model().cluster(t.stem_norm()) == 0;
    bits & super::lexicon::GIVEN != 0 || (rare && bits & !super::lexicon::PER == 0)
}

/// Whether a one-word mention is not a name at all: a function word, a
/// preposition with its pronoun (`لي` "to me"), an ordinary loanword
/// (`فيديو`), an adjective after a definite word ([`described_by_adjective`]),
/// or a stem too short to be a
/// name once a proclitic is split off (`حت` of `بحت`). A reader would need
/// far stronger evidence, so unless another mention writes the same word
/// inside a longer name (`لي` of a Chinese full name), it goes.
fn is_non_name(doc: &Document, words: &Words, s: &Span) -> bool {
    if s.label == Label::DATE || s.tokens.len() != 1 {
        return false;
    }
    let t = &doc.tokens[s.tokens.start];
    if t.kind != TokenKind::Arabic {
        return false;
    }
    let k = span_key(doc, s);
    let function = NON_NAMES.contains(&k) || NON_NAMES.contains(&t.norm);
    // A whole short word may be a name (`غل` of a full name the tagger
    // cut); a short rest of a split word rarely is.
    let split = s.start > t.start;
    let short = split && k.chars().count() < MIN_NAME_CHARS;
    // A definite masculine plural (`الباحثون`, `المحتجون`) is a group of
    // people, not a person's name.
    let plural = s.label == Label::PER && k.starts_with("ال") && k.ends_with("ون");
    // The rest of a nationality adjective read as a proclitic and a place
    // (`فلبينية` as ف + ل + `بينية`): the whole word is the adjective.
    let nisba = split && super::org::bare_nationality_form(&t.norm, false);
    (function || short || plural || nisba || described_by_adjective(doc, s, &k))
        && !words.in_longer(&k)
}

/// A person named by an adjective alone right after a definite word is
/// described, not named: the adjective agrees with the noun before it. A
/// nationality after any definite word (`اللاعب الكولومبي`, `الرئيس
/// الجزائري`); another nisba after a noun that is no title and follows
/// none (`الهجوم الكيماوي`, not `رئيس الوزراء X` or `الشيخ X`, where a
/// family name shaped so follows). A family name written so (`X المصري`)
/// keeps it where the article writes the full name (the caller's
/// `in_longer`).
fn described_by_adjective(doc: &Document, s: &Span, k: &str) -> bool {
    let i = s.tokens.start;
    let at = |j: Option<usize>| j.map(|j| &doc.tokens[j]);
    let Some(prev) = at(i.checked_sub(1)) else {
        return false;
    };
    if s.label != Label::PER || prev.kind != TokenKind::Arabic || !prev.has_article(doc.text) {
        return false;
    }
    if super::org::nationality_form(k, false) {
        return true;
    }
    // Not after a title, nor after another nisba (`العجمي X`: two nisbas
    // in a row are as often a name's two words), nor a nisba the lexicon
    // knows as a person's.
    let titled = is_title(prev) || at(i.checked_sub(2)).is_some_and(is_title);
    let person = lexicon_bits(&doc.tokens[i]) & super::lexicon::PER != 0;
    nisba_shaped(k) && !titled && !person && !nisba_shaped(prev.stem_norm())
}

/// News articles give a person's full name once and the family name after
/// (`دونالد ترامب` … `وقال ترامب`); the tagger, reading one sentence at a
/// time, misses many of the bare ones. Every token outside a mention whose
/// stem is the last word of a person's multi-word name becomes a mention of
/// that person.
fn add_family_names(doc: &Document, spans: &mut Vec<Span>) {
    let mut family: crate::entity::fasthash::FastSet<String> = Default::default();
    let covered = covered(doc, spans);
    for s in spans.iter() {
        if s.label == Label::PER && s.tokens.len() >= 2 {
            let last = &doc.tokens[s.tokens.end - 1];
            if last.kind == TokenKind::Arabic && last.norm.chars().count() >= MIN_CARRIED_SURNAME {
                family.insert(last.norm.to_string());
            }
        }
    }
    if family.is_empty() {
        return;
    }
    let before = spans.len();
    for (i, t) in doc.tokens.iter().enumerate() {
        if covered[i] || t.kind != TokenKind::Arabic {
            continue;
        }
        for len in start_lens(t) {
            let Some(form) = t.norm.get(len..) else {
                continue;
            };
            if family.contains(form) && !adjective_after_definite(doc, i, form) {
                spans.push(Span {
                    tokens: i..i + 1,
                    start: t.start_after_folded(doc.text, len),
                    label: Label::PER,
                });
                break;
            }
        }
    }
    if spans.len() > before {
        spans.sort_by_key(|s| s.start);
    }
}

/// Whether a definite word at token `i` (`المالي`) follows a definite noun
/// (`التنظيم المالي`, `بالتنظيم المالي`, `الفنان المصري`): an adjective
/// there, not the family name it is elsewhere (`عبدالله المالي`). The noun's
/// article is read as written: `إلى` folds to `الي` but has a hamza, and a
/// stub left by a possible proclitic (`وبالغ` → `الغ`) is too short.
fn adjective_after_definite(doc: &Document, i: usize, form: &str) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|k| doc.tokens.get(k)) else {
        return false;
    };
    let written = |len: usize| {
        let from = prev.start_after_folded(doc.text, len);
        let noun = doc.text.get(from..prev.end).unwrap_or("");
        noun.starts_with("ال") && noun.chars().count() >= MIN_DEFINITE_NOUN_CHARS
    };
    form.starts_with("ال") && prev.kind == TokenKind::Arabic && start_lens(prev).any(written)
}

/// Letters of the shortest definite noun an adjective may follow: ال and
/// two letters (`الفن`; `الغ`, a verb's stub after `وب`, is none).
const MIN_DEFINITE_NOUN_CHARS: usize = 4;

/// Keeps a name's first letter ك that the tokenizer took for the
/// preposition before the article (`كالينينغراد` read as ك + `الينينغراد`):
/// when the word after the article has no word cluster, so that Arabic
/// never writes it as a word of its own, the article is no article and the
/// ك no preposition. `كالاتحاد X` stays ك + `الاتحاد X` ("like the X
/// union"): `اتحاد` is a word.
fn keep_a_names_kaf(doc: &Document, s: &mut Span) {
    let t = &doc.tokens[s.tokens.start];
    let kaf = 'ك'.len_utf8();
    let after_kaf = s.start == t.start + kaf && doc.text[t.start..].starts_with('ك');
    if !after_kaf || t.proclitics.certain_len() != kaf {
        return;
    }
    let bare = t.stem_norm().strip_prefix("ال").unwrap_or("");
    if !bare.is_empty() && super::tagger::model().cluster(bare) == 0 {
        s.start = t.start;
    }
}

/// Moves the start inside the first token to where the article's other
/// mentions write the name: past a proclitic kept by the tagger, or back
/// over a first letter it cut. `after_person`: another person's name ends
/// right before the span.
fn realign_first_word(doc: &Document, words: &Words, s: &mut Span, after_person: bool) {
    let t = &doc.tokens[s.tokens.start];
    if t.kind != TokenKind::Arabic {
        return;
    }
    let own = doc.key_to_end_of(s.start, s.tokens.start);
    // Where the name may start: the word's start, or after each prefix the
    // tokenizer's clitic analysis allows (a conjunction, then a
    // preposition: never `بو` of `بوروسيا` or `بل` of `بلقاسم`; never the
    // article's ل after ل, `للحزب`), shortest first.
    let starts = start_lens(t).map(|p| t.start_after_folded(doc.text, p));
    for at in starts {
        let k = doc.key_to_end_of(at, s.tokens.start);
        if k.chars().count() >= MIN_NAME_CHARS && words.supported(&k, &own) {
            s.start = at;
            return;
        }
    }
    if s.label == Label::PER {
        drop_conjunction_before_given_name(doc, s, after_person);
    }
}

/// A person's first word in a list written with و before a given name the
/// lexicon knows (`X، ومحمد Y`): the conjunction stays outside the span,
/// as it does when another mention writes the name without it. The rest
/// must be a given name (`وليد`, `ويلبور` keep their letter), and the word
/// with و none, unless the rest is a frequent word with its own cluster
/// (`ومحمد`, which the corpora write on names too; not `وليم`).
///
/// Right after another person's name (`X Y وZ W`, `after_person`), the و
/// joins two names, as Arabic writes no two persons side by side without
/// one: the rest need not be a given name the lexicon knows, only long
/// enough to be one, and the word with و must be no given name itself
/// (`X ووليد Y` and `X وليد Y` keep `وليد`).
fn drop_conjunction_before_given_name(doc: &Document, s: &mut Span, after_person: bool) {
    const WA: usize = 'و'.len_utf8();
    let i = s.tokens.start;
    let t = &doc.tokens[i];
    // In a list (`X، وY Z`): after a comma, not after a verb (`وقال وسام
    // X`, where the letter is the name's).
    let listed = i > 0 && doc.is_comma(i - 1);
    let Some(rest) = t.norm.strip_prefix('و') else {
        return;
    };
    if s.start != t.start
        || !(listed || after_person)
        || !t.proclitics.possible_lens().any(|n| n == WA)
    {
        return;
    }
    let model = super::tagger::model();
    let given = |w: &str| model.lex_bits(w) & super::lexicon::GIVEN != 0;
    let letters = rest.chars().count();
    let known_given =
        letters >= MIN_NAME_CHARS && given(rest) && (!given(&t.norm) || model.cluster(rest) != 0);
    let another_name = after_person && letters >= MIN_LISTED_NAME_CHARS && !given(&t.norm);
    if known_given || another_name {
        s.start = t.start_after_folded(doc.text, WA);
    }
}

/// Whether a folded word is shaped as a definite nisba adjective
/// (`الأرجنتيني`, `السنغالية`).
fn nisba_shaped(w: &str) -> bool {
    w.starts_with("ال") && w.chars().count() >= 5 && (w.ends_with('ي') || w.ends_with("يه"))
}

/// Takes off the words at either end of a mention that carry tanween
/// (`هدفاً`, `روسياً`, `دولاراً`): an indefinite noun, adjective or
/// adverb, never a name, which news writes without it. Returns whether
/// any word is left (`روسياً` alone, "Russian" as an adverb, is no place).
fn trim_tanween(doc: &Document, s: &mut Span) -> bool {
    let tanween = |i: usize| {
        let t = &doc.tokens[i];
        t.kind == TokenKind::Arabic && t.text(doc.text).contains(TANWEEN)
    };
    let (mut a, mut b) = (s.tokens.start, s.tokens.end);
    while a < b && tanween(b - 1) {
        b -= 1;
    }
    while a < b && tanween(a) {
        a += 1;
    }
    if a == b {
        return false;
    }
    if a > s.tokens.start {
        s.start = doc.tokens[a].start;
    }
    s.tokens = a..b;
    true
}

/// Nouns of devices, vehicles and weapons, before a product's model.
static PRODUCTS: Set = Set::new(&[wordlist::AR_PRODUCT_NOUNS]);
/// Nouns that introduce a model by name (`طراز`).
static MODELS: Set = Set::new(&[wordlist::AR_MODEL_NOUNS]);

/// A product's model is no name (`هاتف X`, `صاروخ X`, `من طراز X`,
/// quoted or not): the mention right after a product noun goes when the
/// tagger read it as a person or left it untyped, and after a model noun
/// whatever it is but an organization (a brand). A person stays where the
/// noun is theirs (`هاتف X`, "X's phone"): one the article names again
/// ([`someones`]).
fn drop_products(doc: &Document, words: &Words, spans: &mut Vec<Span>) {
    spans.retain(|s| {
        let Some(noun) = noun_before(doc, s.tokens.start) else {
            return true;
        };
        let after_model = in_any_form(noun, &MODELS);
        let after_product = after_model || in_any_form(noun, &PRODUCTS);
        let product = match s.label {
            Label::PER | Label::MISC => after_product,
            Label::LOC => after_model,
            Label::ORG | Label::DATE => false,
        };
        !product || (s.label == Label::PER && someones(doc, words, s))
    });
}

/// Whether a person's mention names someone rather than a model: one word
/// the article writes inside a longer name (`هاتف X`, "X's phone", after
/// `X Y` elsewhere). A name of two words or more right after the noun is
/// taken for a model (`هاتف X Y` is far more often a phone's make and
/// model than someone's phone; the article's other mentions of a model
/// would vouch for it as much as for a person).
fn someones(doc: &Document, words: &Words, s: &Span) -> bool {
    s.tokens.len() == 1 && words.in_longer(&span_key(doc, s))
}

/// The Arabic word before token `i`, over one quote mark (`هواتف "X"`).
fn noun_before<'d>(doc: &'d Document, i: usize) -> Option<&'d crate::text::Token> {
    let mut j = i.checked_sub(1)?;
    if doc.tokens[j].is_quote_mark(doc.text) {
        j = j.checked_sub(1)?;
    }
    Some(&doc.tokens[j]).filter(|t| t.kind == TokenKind::Arabic)
}

/// The three tanween marks (fathatan, dammatan, kasratan).
const TANWEEN: [char; 3] = ['\u{64B}', '\u{64C}', '\u{64D}'];

/// A person's name does not begin with a nationality adjective
/// (`الأرجنتيني X Y` is a description and a name; so is `للأرجنتيني X Y`,
/// ل with the article).
fn drop_leading_nationality(doc: &Document, s: &mut Span) {
    if s.label != Label::PER || s.tokens.len() < 2 {
        return;
    }
    let first = &doc.tokens[s.tokens.start];
    let stem = first.stem_norm();
    let alone = first.elided_article().then(|| clitic::article_forms(stem));
    if nisba_shaped(stem) || alone.into_iter().flatten().any(|f| nisba_shaped(&f)) {
        s.tokens.start += 1;
        s.start = doc.tokens[s.tokens.start].start;
    }
}

/// Nor does it end with و and a nationality of the lexicon (`X والسنغالي
/// Y`, "X and the Senegalese Y"): the conjunction starts the next person's
/// description. Not any nisba-shaped word: transliterated names start with
/// و too (`والمسلي`). A word the article writes as a name's (`X والحضري`
/// with `عصام الحضري` elsewhere) is the next person, whom [`split_joined`]
/// splits off.
fn drop_trailing_conjoined_nationality(doc: &Document, words: &Words, s: &mut Span) {
    if s.label != Label::PER || s.tokens.len() < 2 {
        return;
    }
    let last = &doc.tokens[s.tokens.end - 1];
    let rest = last.norm.strip_prefix('و');
    if last.kind == TokenKind::Arabic
        && rest
            .is_some_and(|r| super::org::nationality_form(r, true) && !words.edge.contains_key(r))
    {
        s.tokens.end -= 1;
    }
}

/// Titles stay outside a person's name (`الطبيب X` → `X`): the tagger
/// sometimes takes the title in.
fn drop_leading_titles(doc: &Document, s: &mut Span) {
    if s.label != Label::PER {
        return;
    }
    while s.tokens.len() > 1 && is_title(&doc.tokens[s.tokens.start]) {
        s.tokens.start += 1;
        s.start = doc.tokens[s.tokens.start].start;
    }
}

/// A person's name ends before a title or role word the tagger ran it into
/// (`X Y الخبير لدى …`, "X Y, the expert at …"; `X Y وزير`): the
/// apposition that describes the person, outside the name as a title before
/// it is.
fn drop_trailing_titles(doc: &Document, s: &mut Span) {
    if s.label != Label::PER {
        return;
    }
    use super::lexicon::{FAMILY, GIVEN, PARTICLE, PER};
    // Not a title that names write too (`X الأمين`, `آل الشيخ`, `X السيد`),
    // nor a word after a name's particle (`عبد الملك`).
    let role = |i: usize| {
        let t = &doc.tokens[i];
        is_title(t)
            && lexicon_bits(t) & (PER | GIVEN | FAMILY) == 0
            && lexicon_bits(&doc.tokens[i - 1]) & PARTICLE == 0
    };
    while s.tokens.len() > 1 && role(s.tokens.end - 1) {
        s.tokens.end -= 1;
    }
}

/// A name never starts with the article alone: when the clitic reader
/// left `ال` of a word before the name (`وكال X Y`, "and X heaped":
/// و + ك + `ال`), the span starts at the next word.
fn drop_bare_article(doc: &Document, s: &mut Span) {
    let t = &doc.tokens[s.tokens.start];
    if s.tokens.len() > 1 && doc.text.get(s.start..t.end) == Some("ال") {
        s.tokens.start += 1;
        s.start = doc.tokens[s.tokens.start].start;
    }
}

/// Whether a token is a title or role word (`الطبيب`, `السناتور`).
fn is_title(t: &crate::text::Token) -> bool {
    lexicon_bits(t) & super::lexicon::TITLE != 0 || TITLES.contains(t.stem_norm())
}

/// Words that are never a name alone.
static NON_NAMES: Set = Set::new(&[
    wordlist::AR_FUNCTION_WORDS,
    wordlist::AR_PREPOSITION_PRONOUNS,
    wordlist::AR_COMMON_LOANWORDS,
]);

/// Title and role words, as the quotation stage reads them before names
/// (and entity::org after a weak head, `مكتب الرئيس الفرنسي`).
pub(super) static TITLES: Set = Set::new(&[
    wordlist::AR_TITLES,
    wordlist::AR_TITLES_SPEAKER,
    wordlist::AR_TITLES_TAGGER,
]);

/// The tagger's lexicon bits of a token's stem (and of its forms without a
/// possible proclitic).
fn lexicon_bits(t: &crate::text::Token) -> u16 {
    let model = super::tagger::model();
    let lens = std::iter::once(t.proclitics.certain_len()).chain(t.proclitics.possible_lens());
    lens.filter_map(|n| t.norm.get(n..))
        .map(|f| model.lex_bits(f))
        .fold(0, |a, b| a | b)
}

/// Splits a person's mention whose last word is an organization or place
/// the article writes alone (`X Y` when the company `Y` stands alone
/// elsewhere), or that is two family names side by side.
fn split_joined(doc: &Document, words: &Words, s: Span, out: &mut Vec<Span>) {
    let n = s.tokens.len();
    if n < 2 {
        out.push(s);
        return;
    }
    // `X وY Z`: a conjunction glued to a word that begins another name the
    // article writes: two people (`فابينيو وأليسون بيكر`); or, of any
    // type, a name the lexicon knows that the word with و is not (`X
    // وميلان`, two clubs; `ويليامز` keeps its letter). Not a definite word
    // after و, which may be the body's own coordinated noun (`وزارة النفط
    // والغاز`).
    let model = super::tagger::model();
    let named = |w: &str| model.lex_bits(w) & super::lexicon::TYPES != 0;
    let cut = (s.tokens.start + 1..s.tokens.end).find(|&i| {
        let t = &doc.tokens[i];
        if t.kind != TokenKind::Arabic {
            return false;
        }
        let Some(written) = t.text(doc.text).strip_prefix('و') else {
            return false;
        };
        let rest = key(written);
        let letters = rest.chars().count();
        let seen = s.label == Label::PER && words.edge.contains_key(&rest);
        // The article as written: `آلان` folds to `الان` but has no article.
        let known = || {
            !written.starts_with("ال")
                && letters >= MIN_LISTED_NAME_CHARS
                && named(&rest)
                && !named(&t.norm)
                && !named(&key(span_text(doc, &s)))
        };
        letters >= MIN_NAME_CHARS && (seen || known())
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
    let last = s.tokens.end - 1;
    // A token's text's key is its folded form.
    let lk = doc.tokens[last].norm.as_str();
    let first = doc.key_to_end_of(s.start, s.tokens.start);
    let first = first.as_ref();
    // A family name the article uses for someone, followed by a word no
    // name of a person holds: the name ends there (`واتهم X Y` with Y the
    // object).
    if s.label == Label::PER && n == 2 {
        let own = key(span_text(doc, &s));
        let surname_elsewhere = words.surname.get(first).copied().unwrap_or(0) > 0
            && words.whole_names.get(&own).copied().unwrap_or(0) <= 1;
        // Its own words were counted once.
        let part_elsewhere = words.person_part.get(lk).copied().unwrap_or(0) > 1;
        if surname_elsewhere && !part_elsewhere {
            out.push(Span {
                tokens: s.tokens.start..last,
                start: s.start,
                label: s.label,
            });
            return;
        }
    }
    let alone = words.whole.get(lk).copied();
    let head_known = n == 2 && words.edge.get(first).copied().unwrap_or(0) > 1;
    // Two family names side by side (`لقاء X Y` for two leaders) are two
    // people when each ends a longer name elsewhere.
    let two_surnames = n == 2
        && s.label == Label::PER
        && words.surname.contains_key(first)
        && words.surname.contains_key(lk);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn person(doc: &Document, i: usize) -> Span {
        Span {
            tokens: i..i + 1,
            start: doc.tokens[i].start,
            label: Label::PER,
        }
    }

    #[test]
    fn adjacent_one_word_persons_join() {
        // Invented: `ليانا` `كوفالسكي` side by side is one person; `سامي`
        // and `ونادر`, joined by و, stay two.
        let doc = Document::new("وصلت ليانا كوفالسكي إلى المدينة مع سامي ونادر");
        let mut spans = vec![
            person(&doc, 1),
            person(&doc, 2),
            person(&doc, 6),
            person(&doc, 7),
        ];
        join_adjacent_persons(&doc, &mut spans);
        let tokens: Vec<_> = spans.iter().map(|s| s.tokens.clone()).collect();
        assert_eq!(tokens, [1..3, 6..7, 7..8]);
    }

    #[test]
    fn words_with_tanween_leave_a_mention() {
        // The tagger's span runs on into the object (`هدفاً`); a mention
        // of tanween words alone goes.
        let doc = Document::new("وسجل سامر حداد هدفاً وكان الدعم روسياً");
        let mut s = Span {
            tokens: 1..4,
            start: doc.tokens[1].start,
            label: Label::PER,
        };
        assert!(trim_tanween(&doc, &mut s));
        assert_eq!(s.tokens, 1..3);
        let mut alone = person(&doc, 6);
        assert!(!trim_tanween(&doc, &mut alone));
    }

    fn persons(doc: &Document, ranges: &[std::ops::Range<usize>]) -> Vec<Span> {
        ranges
            .iter()
            .map(|r| {
                let t = &doc.tokens[r.start];
                // A mention after a conjunction starts after it.
                let clitic = if t.text(doc.text).starts_with('و') {
                    'و'.len_utf8()
                } else {
                    0
                };
                Span {
                    tokens: r.clone(),
                    start: t.start + clitic,
                    label: Label::PER,
                }
            })
            .collect()
    }

    /// Mentions of `label` at token ranges, each from its token's start.
    fn mentions(doc: &Document, ranges: &[(std::ops::Range<usize>, Label)]) -> Vec<Span> {
        ranges
            .iter()
            .map(|(r, label)| Span {
                tokens: r.clone(),
                start: doc.tokens[r.start].start,
                label: *label,
            })
            .collect()
    }

    fn labelled(doc: &Document, spans: &[Span]) -> Vec<(String, Label)> {
        spans
            .iter()
            .map(|s| (span_text(doc, s).to_string(), s.label))
            .collect()
    }

    #[test]
    fn a_rare_word_the_tagger_typed_a_place_after_a_person_is_his_family_name() {
        // Invented: `بقلموني` is a word no list or cluster knows.
        let (per, loc) = (Label::PER, Label::LOC);
        for (text, given, want) in [
            // A person and the rare word: one person.
            (
                "وقال جوناثان بقلموني إن الخطة جيدة.",
                vec![(1..2, per), (2..3, loc)],
                vec![("جوناثان بقلموني", per)],
            ),
            // A place the lists know stays a place (`زار X باريس`).
            (
                "وزار جوناثان باريس أمس.",
                vec![(1..2, per), (2..3, loc)],
                vec![("جوناثان", per), ("باريس", loc)],
            ),
            // A word after a line break starts something else.
            (
                "جوناثان\nبقلموني",
                vec![(0..1, per), (1..2, loc)],
                vec![("جوناثان", per), ("بقلموني", loc)],
            ),
        ] {
            let doc = Document::new(text);
            let mut spans = mentions(&doc, &given);
            join_adjacent_persons(&doc, &mut spans);
            let want: Vec<_> = want.into_iter().map(|(w, l)| (w.to_string(), l)).collect();
            assert_eq!(labelled(&doc, &spans), want, "{text}");
        }
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // Lists of token ranges.
    fn a_given_name_joins_the_rest_of_its_name() {
        // Invented names. Each case: the text, the tagger's person mentions
        // (token ranges), and the mentions after joining.
        type Ranges = &'static [std::ops::Range<usize>];
        let cases: &[(&str, Ranges, Ranges)] = &[
            // A rare given name before a two-word rest: one person.
            (
                "وأكد مدربه ماتيو أوليفيرا سانتوس أنه",
                &[2..3, 3..5],
                &[2..5],
            ),
            // A two-word name and a rare last word: one person.
            (
                "وأكد مدربه ماتيو أوليفيرا سانتوس أنه",
                &[2..4, 4..5],
                &[2..5],
            ),
            // The first stands alone elsewhere: X's adviser Y Z.
            (
                "قال كوفالتشيك إنه سيرد. وقال مستشار كوفالتشيك ماتيو أوليفيرا إن",
                &[1..2, 7..8, 8..10],
                &[1..2, 7..8, 8..10],
            ),
            // The last stands alone elsewhere: two people.
            (
                "التقى ماتيو أوليفيرا سانتوس أمس. وقال سانتوس إنه",
                &[1..3, 3..4, 7..8],
                &[1..3, 3..4, 7..8],
            ),
            // A common word the tagger took for a name, before a longer name.
            ("تحدث أمس ماتيو أوليفيرا", &[1..2, 2..4], &[1..2, 2..4]),
            // A word after و before a longer name: "and X Y saw".
            ("ورأى ماتيو أوليفيرا أن", &[0..1, 1..3], &[0..1, 1..3]),
            // A title the tagger took for a name stays apart.
            ("وقال السيناتور أوليفيرا إن", &[1..2, 2..3], &[1..2, 2..3]),
            // Two longer names side by side stay two.
            (
                "التقى ماتيو أوليفيرا سانتوس بيريرا أمس",
                &[1..3, 3..5],
                &[1..3, 3..5],
            ),
        ];
        for &(text, given, want) in cases {
            let doc = Document::new(text);
            let mut spans = persons(&doc, given);
            join_adjacent_persons(&doc, &mut spans);
            let got: Vec<_> = spans.iter().map(|s| s.tokens.clone()).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_place_takes_its_regions_adjective() {
        // Each case: the text, the place's token range, the place's span
        // after the repair.
        type Case = (&'static str, std::ops::Range<usize>, std::ops::Range<usize>);
        let cases: &[Case] = &[
            ("زار دول أوروبا الشرقية أمس", 2..3, 2..4),
            ("وعاد إلى آسيا الوسطى", 2..3, 2..4),
            // The adjective may agree with the noun before the place.
            ("في مدينة نابولي الجنوبية", 2..3, 2..3),
            // A hamza alif is no article: the place is not definite.
            ("في مدينة أليرونا الشرقية", 2..3, 2..3),
            // A masculine adjective agrees with a noun before the place.
            ("في ريف حماة الشمالي", 2..3, 2..3),
            // A place named by common words takes its state's adjective; a
            // city's own name does not.
            ("جنوب شبه الجزيرة الإيطالية", 1..3, 1..4),
            ("وصل إلى نابولي الإيطالية", 2..3, 2..3),
        ];
        for (text, place, want) in cases {
            let doc = Document::new(text);
            let mut spans = vec![Span {
                tokens: place.clone(),
                start: doc.tokens[place.start].start,
                label: Label::LOC,
            }];
            extend_regions(&doc, &mut spans);
            assert_eq!(spans[0].tokens, *want, "{text}");
        }
    }

    #[test]
    fn a_role_after_a_persons_name_is_outside_it() {
        // Invented names. The tagger's person span, and the span after.
        for (text, given, want) in [
            ("واعتبر سامر حداد الخبير لدى المركز أن", 1..4, 1..3),
            // A name's particle before it: the word is the name's (`عبد الملك`).
            ("وقال سامر عبد الملك إن", 1..4, 1..4),
        ] {
            let doc = Document::new(text);
            let mut s = Span {
                start: doc.tokens[given.start].start,
                tokens: given,
                label: Label::PER,
            };
            drop_trailing_titles(&doc, &mut s);
            assert_eq!(s.tokens, want, "{text}");
        }
    }

    #[test]
    fn a_conjunction_in_a_list_stays_outside_a_persons_name() {
        // Invented names; `نبيل` is a given name of the lexicon, `زيكار`
        // is none, so its و may be the name's. The last flag: another
        // person's name ends right before.
        for (text, word, stripped, after_person) in [
            ("ضمت القائمة سامي فهد، ونبيل حداد", "ونبيل", true, false),
            // The corpora write `ومحمد` as a name too; `محمد` is frequent.
            ("ضمت القائمة سامي فهد، ومحمد حداد", "ومحمد", true, false),
            ("ضمت القائمة سامي فهد، وزيكار حداد", "وزيكار", false, false),
            ("وقال ونبيل حداد", "ونبيل", false, false),
            // Right after a person: two names, whatever the rest is …
            ("ضمت القائمة سامي فهد وزيكار حداد", "وزيكار", true, true),
            ("ضمت القائمة سامي فهد ووليد حداد", "ووليد", true, true),
            // … unless the word with و is a given name.
            ("ضمت القائمة سامي فهد وليد حداد", "وليد", false, true),
        ] {
            let doc = Document::new(text);
            let i = doc
                .tokens
                .iter()
                .position(|t| t.text(doc.text) == word)
                .unwrap();
            let t = &doc.tokens[i];
            let mut s = Span {
                tokens: i..i + 2,
                start: t.start,
                label: Label::PER,
            };
            drop_conjunction_before_given_name(&doc, &mut s, after_person);
            assert_eq!(s.start > t.start, stripped, "{text}");
        }
    }

    #[test]
    fn a_name_does_not_start_with_a_bare_article() {
        // Invented: `وكال` is و + the verb `كال` ("and he heaped"), which
        // the clitic reader may split as و + ك + `ال`.
        let doc = Document::new("وكال سامي فهد المديح للاعبين");
        let t = &doc.tokens[0];
        let mut s = Span {
            tokens: 0..3,
            start: t.end - "ال".len(),
            label: Label::PER,
        };
        drop_bare_article(&doc, &mut s);
        assert_eq!(s.tokens, 1..3);
        assert_eq!(s.start, doc.tokens[1].start);
    }

    #[test]
    fn a_names_first_kaf_is_kept() {
        // Invented: `كالينورا` is a place whose name begins with ك + ال;
        // `كالاتحاد` is ك + `الاتحاد` ("like the union").
        let cases = [
            ("وصل إلى كالينورا أمس", true),
            ("وهو كالاتحاد الوطني", false),
        ];
        for (text, kept) in cases {
            let doc = Document::new(text);
            let i = doc
                .tokens
                .iter()
                .position(|t| t.text(doc.text).starts_with('ك'))
                .unwrap();
            let t = &doc.tokens[i];
            let mut s = Span {
                tokens: i..i + 1,
                start: t.start + 'ك'.len_utf8(),
                label: Label::LOC,
            };
            keep_a_names_kaf(&doc, &mut s);
            assert_eq!(s.start == t.start, kept, "{text}");
        }
    }

    #[test]
    fn a_family_name_is_carried_to_bare_mentions_not_to_adjectives() {
        // Invented: a person named in full (tokens 1..3) lends the family
        // name to its bare mentions, not to an adjective after a definite
        // noun (`التنظيم المالي`); after a preposition that folds like a
        // definite word (`إلى`) or a verb, the name is carried.
        let cases: &[(&str, &[std::ops::Range<usize>])] = &[
            (
                "قال سالم المالي إن التنظيم المالي تأخر، وأضاف المالي أنه متفائل",
                &[1..3, 9..10],
            ),
            ("قال سالم المالكي إنه توجه إلى المالكي", &[1..3, 6..7]),
            ("قال سالم المالكي إنه وبالغ المالكي", &[1..3, 5..6]),
        ];
        for &(text, want) in cases {
            let doc = Document::new(text);
            let mut spans = vec![Span {
                tokens: 1..3,
                start: doc.tokens[1].start,
                label: Label::PER,
            }];
            add_family_names(&doc, &mut spans);
            let tokens: Vec<_> = spans.iter().map(|s| s.tokens.clone()).collect();
            assert_eq!(tokens, want, "{text}");
        }
    }
}
