//! Organizations named by a head noun: `وزارة الصحة العامة`, `مجلس النواب`,
//! `البنك المركزي الأردني`, `المجلس الوطني لحقوق الإنسان`, and the bracketed
//! acronym after such a name (`وكالة الأنباء X ( واس )`).
//!
//! The statistical tagger learned ANERcorp's conventions, where a ministry,
//! council or news agency named by common words is mostly not an entity;
//! qawl's guidelines make them organizations. This pass finds them by their
//! shape in the article's own words: an organization head noun, then the
//! definite nouns and adjectives that complete its name. A classifier noun
//! before a proper name stays outside it (`شركة X` → `X`, `منظمة "X"` → `X`),
//! and organizations known by name (`models/org-names.txt`, mined from
//! unlabeled news) are looked up ([`known_name`]). It runs on articles only
//! (`recognize`), not on CoNLL tagging.
//!
//! Guarantees: phrases lie inside one sentence, never cross punctuation,
//! are at most [`MAX_LEN`] words, and are found in time linear in the
//! sentence.

use std::borrow::Cow;

use super::fasthash::{FastMap, FastSet};
use super::features::{Shape, Word};
use crate::analysis::Label;
use crate::text::token::{is_double, is_single};
use crate::wordlist::{self, Set};

/// Longest phrase, head included, in words.
pub const MAX_LEN: usize = 7;

/// Nouns joined by و in a body's name (`وزارة X والY والZ`).
const MAX_COORDINATED: usize = 2;

/// Heads of organizations' own names (`وزارة`, `مستشفى`), folded, without
/// ال: those the tagger's lexicon shares and those only these rules read.
pub(crate) static HEADS: Set = Set::new(&[wordlist::AR_ORG_HEADS, wordlist::AR_ORG_HEADS_RULES]);

/// Whether a folded word heads an organization's name (`وزارة`, `مجلس`).
pub(crate) fn is_head(w: &str) -> bool {
    HEADS.contains(w)
}

/// Whether a folded noun without its article names a kind of organization
/// (`شركة`, `منظمة`, `جامعة`): a head of organizations' names or a
/// classifier before them. Coreference reads an organization's kind by it,
/// and a definite nominal (`الشركة`) stands for an organization of its kind.
pub(crate) fn names_kind(w: &str) -> bool {
    is_head(w) || CLASSIFIERS.contains(w)
}

/// Definite heads that name a state's body only with a nationality
/// adjective, and then the name ends: `الجيش الأردني`, `الخارجية الفرنسية`,
/// `الرئاسة التونسية`, `التحالف الدولي` (GUIDELINES.md: an armed service,
/// a ministry or a presidency named by its nationality is an
/// organization; an army named by a common adjective is not).
pub(crate) static STATE_HEADS: Set = Set::new(&[wordlist::AR_STATE_HEADS]);

/// Nationality stems (`الأردني` → `اردني`).
pub(crate) static NATIONALITIES: Set =
    Set::new(&[wordlist::AR_NATIONALITIES, wordlist::AR_NATIONALITIES_RULES]);

/// Armed services named by two words before the nationality (`القوات
/// المسلحة الكويتية`): the first words and the second words.
pub(crate) static FORCES: Set = Set::word(&[wordlist::AR_ARMED_FORCES], 0);
pub(crate) static FORCES_KIND: Set = Set::word(&[wordlist::AR_ARMED_FORCES], 1);

/// Nouns that introduce an armed group or movement by a name in quote
/// marks: `تنظيم "X Y"` makes `X Y` an organization.
pub(crate) static GROUP_CLASSIFIERS: Set = Set::new(&[wordlist::AR_GROUP_CLASSIFIERS]);

/// A radio band's two words (`أف أم`), after a station's name
/// ([`radio_station`]).
static BANDS_FIRST: Set = Set::word(&[wordlist::AR_BROADCAST_BANDS], 0);
static BANDS_SECOND: Set = Set::word(&[wordlist::AR_BROADCAST_BANDS], 1);

/// Organization nouns that with the article and a nationality alone refer
/// back to a body the article names (`الشركة الأميركية`): no name.
static NOMINAL_HEADS: Set = Set::new(&[wordlist::AR_ORG_NOMINAL_HEADS]);

/// Nouns for a party or movement named by a noun and its country
/// ([`party_name`]).
static PARTY_HEADS: Set = Set::new(&[wordlist::AR_PARTY_HEADS]);

/// Countries and capitals: a party's place is never one after a
/// preposition ([`party_name`]).
static COUNTRIES: Set = Set::new(&[wordlist::AR_COUNTRIES]);

/// Organization heads that stay outside a proper name after them (`شركة
/// فولفو` → `فولفو`): GUIDELINES.md keeps classifier nouns out of the span.
pub(crate) static CLASSIFIERS: Set = Set::new(&[wordlist::AR_ORG_CLASSIFIERS]);
/// Classifiers that are as often another noun: no unread name after them.
static AMBIGUOUS_CLASSIFIERS: Set = Set::new(&[wordlist::AR_ORG_CLASSIFIERS_AMBIGUOUS]);
/// Heads that name a thing before a name in quote marks (`جهاز "X"`).
static THING_HEADS: Set = Set::new(&[wordlist::AR_ORG_HEADS_THINGS]);

/// Classifiers of papers, channels and sites (`صحيفة`, `قناة`), whose
/// names are often definite common words (`صحيفة الأهرام` → `الأهرام`).
static MEDIA_CLASSIFIERS: Set = Set::new(&[wordlist::AR_MEDIA_CLASSIFIERS]);

/// Nouns for an armed group or movement before the name it goes by
/// (`ميليشيات X`, `جماعة X`).
static MILITIAS: Set = Set::new(&[wordlist::AR_MILITIA_CLASSIFIERS]);

/// Whether Arabic word `w`, any proclitic aside, is one of `set`'s words.
fn in_set(w: &Word, set: &Set) -> bool {
    w.shape == Shape::Arabic && w.forms().any(|(_, f)| set.contains(f))
}

/// Whether word `w` (any proclitic aside) is a media classifier: a
/// definite word after it in an organization's span starts the outlet's
/// name (`صحيفة الأهرام`).
pub fn is_media_classifier(w: &Word) -> bool {
    in_set(w, &MEDIA_CLASSIFIERS)
}

/// Whether word `w` (any proclitic aside) is an organization classifier.
pub fn is_classifier(w: &Word) -> bool {
    in_set(w, &CLASSIFIERS)
}

/// The proclitic's length when word `w` is a noun a name in quote marks
/// or a proper name follows outside it: an organization or a group
/// classifier (`شركة`, `لمنظمة`, `تنظيم`).
fn classifier_form(w: &Word) -> Option<usize> {
    w.forms()
        .find(|&(_, f)| CLASSIFIERS.contains(f) || GROUP_CLASSIFIERS.contains(f))
        .map(|(p, _)| p)
}

/// A word that only says what kind of body follows (`حزب`, `لجامعة`,
/// `شركة`, `جماعة`), without the article: the length of its proclitic, and
/// whether a name after it belongs with it in one name (a head's, `جامعة
/// X`) or stands alone (a classifier's, `شركة X` → `X`). Alone it names
/// nothing.
pub(crate) fn bare_kind(w: &Word) -> Option<(usize, bool)> {
    if w.shape != Shape::Arabic || w.has_article() || w.elided_article() {
        return None;
    }
    let militia = || {
        w.forms()
            .find(|&(_, f)| MILITIAS.contains(f))
            .map(|(p, _)| p)
    };
    if let Some(p) = classifier_form(w).or_else(militia) {
        return Some((p, false));
    }
    match head(w) {
        Some((p, false)) => Some((p, !in_set(w, &THING_HEADS))),
        _ => None,
    }
}

/// Whether word `w` is an indefinite militia noun (`ميليشيات`, not
/// `الميليشيات`): the name after it is the group's.
pub fn is_militia(w: &Word) -> bool {
    !w.has_article() && in_set(w, &MILITIAS)
}

/// Organizations known by a name of one to three words (`تويتر`-like
/// platforms, companies, agencies, papers), folded: `models/org-names.txt`, mined from
/// unlabeled news by `qawl-train org-names` (`make train`), since the
/// tagger's training text predates most of them. Entries are names seen
/// often right after an organization classifier (`شركة X`, `موقع X`),
/// whose first word seldom takes ال; a one-word entry is no person or place
/// of the tagger's lexicon (`qawl-train org-names` says the rest).
#[cfg(test)]
fn known_names() -> &'static FastSet<&'static str> {
    &known().0
}

/// The known names, and the first words of them (so a word that starts
/// none, nearly every word, costs one lookup per form and no allocation).
fn known() -> &'static (FastSet<&'static str>, FastSet<&'static str>) {
    static SETS: std::sync::OnceLock<(FastSet<&'static str>, FastSet<&'static str>)> =
        std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let names: FastSet<&'static str> = include_str!("../../models/org-names.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').next().unwrap_or(l).trim())
            .collect();
        let firsts = names.iter().filter_map(|n| n.split(' ').next()).collect();
        (names, firsts)
    })
}

/// Longest known organization name, in words.
const MAX_KNOWN_WORDS: usize = 3;

/// The known organization name starting at word `i`, longest first: its
/// length in words and the byte length of the folded proclitics in front
/// of its first word.
pub(crate) fn known_name(words: &[Word], i: usize) -> Option<(usize, usize)> {
    let w = words.get(i).filter(|w| w.shape == Shape::Arabic)?;
    let (names, firsts) = known();
    if !w.forms().any(|(_, f)| firsts.contains(f)) {
        return None;
    }
    let mut rest = String::new();
    let mut tails = vec![(1, String::new())];
    for (n, x) in words
        .iter()
        .enumerate()
        .skip(i + 1)
        .take(MAX_KNOWN_WORDS - 1)
    {
        if x.shape != Shape::Arabic {
            break;
        }
        rest.push(' ');
        rest.push_str(x.norm);
        tails.push((n - i + 1, rest.clone()));
    }
    tails.iter().rev().find_map(|(n, tail)| {
        w.forms()
            .find(|(_, f)| names.contains(format!("{f}{tail}").as_str()))
            .map(|(p, _)| (*n, p))
    })
}

/// Longest quoted group name, in words.
const MAX_QUOTED: usize = 4;

/// Definite words that end a name rather than continue it: time words,
/// relatives, numbers, ordinals, function words and day names.
pub(crate) static STOPS: Set = Set::new(&[
    wordlist::AR_ORG_NAME_STOPS,
    wordlist::AR_FUNCTION_WORDS,
    wordlist::AR_WEEKDAYS,
]);

/// The time words, relatives, numbers and ordinals of [`STOPS`] alone.
static NAME_STOPS: Set = Set::new(&[wordlist::AR_ORG_NAME_STOPS]);

/// Adjectives that make a definite head a generic noun phrase (`السلطة
/// التشريعية`, `المجموعة الثانية`) rather than a name.
pub(crate) static GENERIC: Set = Set::new(&[wordlist::AR_ORG_GENERIC_ADJECTIVES]);

/// Adjectives of a body's rank that are no nisba (`العامة`, `الأعلى`): a
/// name after a definite head only with the ل-genitive that follows them.
static RANK: Set = Set::new(&[wordlist::AR_ORG_RANK_ADJECTIVES]);

/// Classifiers whose definite genitive names a trade (`شركة الأدوية`).
static TRADE: Set = Set::new(&[wordlist::AR_ORG_TRADE_CLASSIFIERS]);

/// Adjectives that close a company's name after its trade, besides a
/// state's and a rank's (`الوطنية`).
static NAME_ADJECTIVES: Set = Set::new(&[wordlist::AR_ORG_NAME_ADJECTIVES]);

/// Nouns that head a body's name only in a construct that such an
/// adjective closes (`لجنة التجارة الفيدرالية`; `لجنة التحقيق` is none).
static WEAK_HEADS: Set = Set::new(&[wordlist::AR_ORG_HEADS_WEAK]);

/// Adjectives of a federal or world body, which close a weak head's name
/// too (`مكتب الإحصاءات الاتحادي`).
static BODY_ADJECTIVES: Set = Set::new(&[wordlist::AR_ORG_BODY_ADJECTIVES]);

/// Whether a weak head's phrase `r` names a body: a construct with no
/// ل-genitive, not of a title, that a name's adjective closes.
fn names_a_body(words: &[Word], r: std::ops::Range<usize>, genitive: bool) -> bool {
    let last = &words[r.end - 1];
    r.len() > 2
        && !genitive
        // `مكتب الرئيس الفرنسي`: the adjective is the title's.
        && !super::repair::TITLES.contains(words[r.start + 1].stem())
        && (closed_by_name_adjective(last) || BODY_ADJECTIVES.contains(last.stem()))
}

/// Whether the phrase ends with an adjective of a state, of rank or of
/// [`NAME_ADJECTIVES`]: what makes a trade's or a weak head's phrase a name.
fn closed_by_name_adjective(last: &Word) -> bool {
    nationality(last) || RANK.contains(last.stem()) || NAME_ADJECTIVES.contains(last.stem())
}

/// A weak head written without the article (`ولجنة`): its proclitic
/// prefix length in the folded word.
fn weak_head(w: &Word) -> Option<usize> {
    if w.shape != Shape::Arabic || w.has_article() || w.elided_article() {
        return None;
    }
    w.forms()
        .find(|&(_, f)| WEAK_HEADS.contains(f))
        .map(|(p, _)| p)
}

/// Whether a phrase headed by a trade's classifier (`شركة الأدوية …`)
/// names a company: when an adjective of a state or of rank closes it, or
/// it goes on with a ل-genitive (`شركة الصرف الصحي للمدينة`, `لصناعة
/// الطائرات`).
fn names_a_company(words: &[Word], r: std::ops::Range<usize>, genitive: bool) -> bool {
    r.len() > 2 && (closed_by_name_adjective(&words[r.end - 1]) || genitive)
}

/// Plain definite words after the head, at most: a longer run of them is
/// more likely the next clause than the same name.
const MAX_DEFINITE: usize = 3;

/// Whether a stem without ال ends like a nisba adjective (`الديمقراطي`,
/// `الوطنية`, `الأردنية`).
fn nisba(base: &str) -> bool {
    let n = base.chars().count();
    (n >= 5 && base.ends_with("يه")) || (n >= 4 && base.ends_with('ي'))
}

/// A definite content word (`الصحة`) as written ([`Word::has_article`]),
/// not a stop word.
fn definite(w: &Word) -> bool {
    let s = w.stem();
    w.shape == Shape::Arabic && s.len() >= 8 && w.has_article() && !STOPS.contains(s)
}

/// A definite nisba adjective (`الأردنية`).
fn definite_nisba(w: &Word) -> bool {
    definite(w) && nisba(&w.stem()["ال".len()..])
}

/// A definite nationality adjective (`الفرنسية`, `الدولي`).
pub(crate) fn nationality(w: &Word) -> bool {
    w.shape == Shape::Arabic && nationality_form(w.stem(), false)
}

/// Whether a folded word is a definite nationality adjective of the
/// lexicon (`الروسي`, `الروسيه`), with `plural` also its sound plurals
/// (`الروسيين`, `الروسيون`).
pub(crate) fn nationality_form(w: &str, plural: bool) -> bool {
    w.strip_prefix("ال")
        .is_some_and(|b| bare_nationality_form(b, plural))
}

/// [`nationality_form`] of a word written without the article
/// (`فلبينية`).
pub(crate) fn bare_nationality_form(b: &str, plural: bool) -> bool {
    let sound_plural = b
        .strip_suffix("ين")
        .or_else(|| b.strip_suffix("ون"))
        .filter(|s| plural && s.ends_with('ي'));
    let stem = sound_plural.unwrap_or_else(|| b.strip_suffix('ه').unwrap_or(b));
    NATIONALITIES.contains(stem)
}

/// A state body named by its nationality starting at word `i`: its end.
fn state_body(words: &[Word], i: usize) -> Option<(usize, usize)> {
    let w = words.get(i).filter(|w| w.shape == Shape::Arabic)?;
    // `للقوات المسلحة الأمريكية` is ل + `القوات …`.
    let alone = w.article_forms().map(|f| (w.certain, Cow::Owned(f)));
    let forms = w.forms().map(|(p, f)| (p, Cow::Borrowed(f)));
    for (p, f) in alone.chain(forms) {
        let Some(b) = f.strip_prefix("ال") else {
            continue;
        };
        // The adjective agrees with the head: in `وزير الخارجية الأردني` it
        // qualifies the minister, not the ministry. A nisba head after a
        // definite noun is that noun's adjective (`القاعدة البحرية الفرنسية`).
        if STATE_HEADS.contains(b) {
            let feminine = b.ends_with('ه') || b.ends_with("ات");
            let agrees = |n: &Word| nationality(n) && n.stem().ends_with('ه') == feminine;
            let adjective = nisba(b) && i > 0 && words[i - 1].has_article();
            if !adjective && words.get(i + 1).is_some_and(agrees) {
                return Some((p, i + 2));
            }
        }
        if FORCES.contains(&f)
            && words
                .get(i + 1)
                .is_some_and(|n| FORCES_KIND.contains(n.stem()))
            && words.get(i + 2).is_some_and(nationality)
        {
            return Some((p, i + 3));
        }
    }
    None
}

/// A party or movement named by an indefinite noun and the country it
/// serves, after a party noun at word `i` (`حزب نهضة مصر`, `لحركة شباب
/// الأردن`): its proclitic and the three words, the head with them
/// (GUIDELINES.md: a head noun of an organization's own name is inside the
/// span). The place is one the tagger found, alone, and ends the name; the
/// noun is bare, of four letters or more, and no verb (`تحالف يقوده X`: an
/// imperfect prefix or an object pronoun).
fn party_name(
    words: &[Word],
    i: usize,
    named: &impl Fn(usize) -> Option<Named>,
) -> Option<(usize, std::ops::Range<usize>)> {
    const MIN_NOUN_LETTERS: usize = 4;
    const VERB_PREFIXES: [char; 2] = ['ي', 'ت'];
    // Not a bare ه: folding writes the feminine ة so (`نهضة`).
    const OBJECT_PRONOUNS: [&str; 2] = ["ها", "هم"];
    let head = words.get(i).filter(|w| w.shape == Shape::Arabic)?;
    let (p, _) = head.forms().find(|(_, f)| PARTY_HEADS.contains(f))?;
    let noun = words.get(i + 1)?;
    let bare = noun.shape == Shape::Arabic
        && noun.certain == 0
        && !noun.has_article()
        && named(i + 1).is_none()
        && noun.norm.chars().count() >= MIN_NOUN_LETTERS;
    let verb_like = noun.norm.starts_with(VERB_PREFIXES)
        || OBJECT_PRONOUNS.iter().any(|s| noun.norm.ends_with(s));
    let place = |k: usize| named(k).is_some_and(|n| n.first == k && n.label == Label::LOC);
    // The name ends at the place: not before a name running on from it
    // nor a definite word that takes the place into a longer name (`تحالف
    // قوات X الديمقراطية`, whose own name starts after the head; `حزب رابطة X
    // المسلمة`), which the head rules read.
    // `حركة داعمة لـX`: a movement for a country, no party of it.
    let prepositional = |w: &Word| w.forms().any(|(p, f)| p > 0 && COUNTRIES.contains(f));
    let ends = words
        .get(i + 2)
        .is_some_and(|w| w.certain == 0 && !prepositional(w))
        && named(i + 3).is_none_or(|n| n.first == i + 3)
        && !words.get(i + 3).is_some_and(definite);
    // A bloc's classifier stays outside its party's name (`كتلة X Y`).
    let (p, start) = if is_classifier(head) {
        (0, i + 1)
    } else {
        (p, i)
    };
    (bare && !verb_like && place(i + 2) && ends).then_some((p, start..i + 3))
}

/// A radio station named with its band, `X أف أم` or `X "أف أم"`, at word
/// `i`: the name, the band and the quote marks around the band, as written
/// (dev/DECISIONS.md keeps marks inside a name), and the proclitic before
/// the name (`للX أف أم`). The name is one Arabic word, no function word
/// nor a classifier (`إذاعة أف أم` is an FM radio, named by its band).
fn radio_station(words: &[Word], i: usize) -> Option<(usize, std::ops::Range<usize>)> {
    let name = words.get(i).filter(|w| w.shape == Shape::Arabic)?;
    if STOPS.contains(name.norm) || STOPS.contains(name.stem()) || is_classifier(name) {
        return None;
    }
    let quoted = words.get(i + 1).is_some_and(is_quote);
    let band = i + 1 + usize::from(quoted);
    let first = words
        .get(band)
        .is_some_and(|w| BANDS_FIRST.contains(w.norm));
    let second = words
        .get(band + 1)
        .is_some_and(|w| BANDS_SECOND.contains(w.norm));
    let closed = quoted && words.get(band + 2).is_some_and(is_quote);
    (first && second).then_some((name.certain, i..band + 2 + usize::from(closed)))
}

/// The parties an article names by a noun and a place ([`party_name`]),
/// folded, to find each again without its head: place, then nouns.
#[derive(Default)]
pub(crate) struct Parties(FastMap<String, FastSet<String>>);

impl Parties {
    /// Adds the party phrase `p` ([`Kind::Party`]), whose last two words
    /// are its noun and its place.
    pub(crate) fn add(&mut self, words: &[Word], p: &Phrase) {
        let (noun, place) = (&words[p.words.end - 2], &words[p.words.end - 1]);
        self.0
            .entry(place.norm.to_string())
            .or_default()
            .insert(noun.norm.to_string());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The byte length of the proclitic before the noun when `words`
    /// starts with a party's noun and place (`ونهضة X`).
    pub(crate) fn at(&self, words: &[Word]) -> Option<usize> {
        let [noun, place, ..] = words else {
            return None;
        };
        let nouns = self
            .0
            .get(place.norm)
            .filter(|_| noun.shape == Shape::Arabic)?;
        noun.forms()
            .find(|(_, f)| nouns.contains(*f))
            .map(|(p, _)| p)
    }
}

/// A group or organization name in quote marks after a group classifier,
/// an organization classifier or an indefinite head at word `i` (`تنظيم
/// "..."`, `منظمة "..."`, `حزب "..."`): the words between the marks. The
/// noun before the marks stays outside (dev/DECISIONS.md: `تحالف "..."`).
/// After a head, one indefinite word the model knows and found no name in
/// is the head's scare-quoted adjective (`مجلس "موحد"`), not a name.
fn quoted_group(
    words: &[Word],
    i: usize,
    named: &impl Fn(usize) -> Option<Named>,
    unknown: &impl Fn(usize) -> bool,
) -> Option<std::ops::Range<usize>> {
    let w = words.get(i).filter(|w| w.shape == Shape::Arabic)?;
    let by_head = classifier_form(w).is_none();
    if by_head && (head(w).is_none_or(|(_, def)| def) || in_set(w, &THING_HEADS)) {
        return None;
    }
    if !words.get(i + 1).is_some_and(is_quote) {
        return None;
    }
    let start = i + 2;
    let close = (start..words.len().min(start + MAX_QUOTED + 1)).find(|&j| is_quote(&words[j]))?;
    let inner = &words[start..close];
    let adjective = by_head
        && inner.len() == 1
        && !inner[0].has_article()
        && named(start).is_none()
        && !unknown(start);
    (!inner.is_empty() && !adjective && inner.iter().all(|w| w.shape == Shape::Arabic))
        .then_some(start..close)
}

/// The proper name after an organization classifier at word `i` (`شركة
/// فولفو للسيارات` → `فولفو`): a name the tagger found or Latin-script
/// words ([`unread_name`] reads the words the model has never read), not
/// a definite word (`شركة النفط` names the company with its head), and
/// without the descriptions after it (`للسيارات`). It ends before a
/// person's name the tagger starts after it (`مدير شركة X تيم كوك`); the
/// tagger's other spans inside it may be one name cut in two (`وكالة تونس
/// إفريقيا للأنباء`).
fn classified_name(
    words: &[Word],
    i: usize,
    named: &impl Fn(usize) -> Option<Named>,
    unknown: &impl Fn(usize) -> bool,
) -> Option<std::ops::Range<usize>> {
    let latin = |w: &Word| matches!(w.shape, Shape::Caps | Shape::Cap);
    let proper = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| latin(w) || (named(j).is_some() && arabic_name(w)))
    };
    if words[i].has_article() || !is_classifier(&words[i]) {
        return None;
    }
    if !proper(i + 1) {
        return unread_name(words, i, named, unknown);
    }
    // A person's name that starts at `j`, after a name that is not one.
    let person = |j: usize| named(j).is_some_and(|n| n.label == Label::PER);
    let another_person =
        |j: usize| person(j) && named(j).is_some_and(|n| n.first == j) && !person(i + 1);
    let same = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| latin(w) == latin(&words[i + 1]))
            && !another_person(j)
    };
    let mut end = i + 2;
    while end < words.len() && end - i < MAX_LEN && proper(end) && same(end) {
        end += 1;
    }
    Some(i + 1..end)
}

/// A name after the classifier at word `i` that the model has never read
/// (`unknown`: no word cluster, no lexicon entry), as a company's new name
/// is: common words after a classifier are ones the clusters' text has
/// (`شركة ناشئة`). Not after a classifier that is as often another noun
/// (`تطبيق`). It goes on only through more such words, none of which may
/// be a proclitic and a word (`X بتحويلها`), and must end where a name
/// can: before punctuation, a definite word, a description or a function
/// word; not before a word that may be its own last (`لقناة X فيله`, where
/// `فيله` is a known word too) or a name the tagger found (`شركة X
/// الراجحي`): there is no telling where such a name ends.
fn unread_name(
    words: &[Word],
    i: usize,
    named: &impl Fn(usize) -> Option<Named>,
    unknown: &impl Fn(usize) -> bool,
) -> Option<std::ops::Range<usize>> {
    if in_set(&words[i], &AMBIGUOUS_CLASSIFIERS) {
        return None;
    }
    let unread = |j: usize| unknown(j) && words.get(j).is_some_and(arabic_name);
    if !unread(i + 1) {
        return None;
    }
    let mut end = i + 2;
    while end < words.len() && end - i < MAX_LEN && unread(end) && words[end].possible == [0, 0] {
        end += 1;
    }
    let ends_name = |w: &Word| {
        w.shape == Shape::Punct || w.has_article() || described(w) || STOPS.contains(w.norm)
    };
    let ends = words.get(end).is_none_or(ends_name) && named(end).is_none();
    ends.then_some(i + 1..end)
}

/// Whether `w` may be a word of a proper name after a classifier: Arabic,
/// without the article, and no ل with the article (`للسيارات`), which
/// describes what the name names and stays outside it, even when the
/// tagger ran its span on into it.
fn arabic_name(w: &Word) -> bool {
    w.shape == Shape::Arabic && !w.has_article() && !described(w)
}

/// Whether word `j` starts a ل-genitive without the article: ل glued to
/// a noun whose definite genitive follows (`لحقوق الإنسان`, `لشؤون
/// اللاجئين`).
fn lam_construct(words: &[Word], j: usize) -> bool {
    words.get(j).is_some_and(lam_noun) && words.get(j + 1).is_some_and(definite)
}

/// Whether `w` is ل glued to a noun without the article (`لحقوق`,
/// `لاستغلال`): a ل-genitive starts at it.
fn lam_noun(w: &Word) -> bool {
    const MIN_LETTERS: usize = 5;
    w.shape == Shape::Arabic && w.norm.starts_with('ل') && w.norm.chars().count() >= MIN_LETTERS
}

/// Whether the ل-word `w` is no body's description but a stop word
/// with its article, a time (`للمرة الأولى`).
fn time_word(w: &Word) -> bool {
    w.article_forms().any(|f| STOPS.contains(&f))
}

/// Whether `w` is ل with the article (`للسيارات`, `للأنباء`), and no other
/// proclitic: a description of what a name names, after it, not a word of
/// it.
pub(crate) fn described(w: &Word) -> bool {
    w.elided_article() && w.certain == "ل".len()
}

/// How word `w` is an organization head: its proclitic prefix length in
/// the folded word and whether the head is definite (`الحزب`).
fn head(w: &Word) -> Option<(usize, bool)> {
    noun_of(w, &HEADS)
}

/// How word `w` is a noun of `set`, with or without its article: its
/// proclitic prefix length in the folded word and whether it is definite
/// (`الشركة`, `للشركة`, `والشركة`).
fn noun_of(w: &Word, set: &Set) -> Option<(usize, bool)> {
    if w.shape != Shape::Arabic {
        return None;
    }
    if w.elided_article() && w.bare_forms().any(|b| set.contains(b)) {
        return Some((w.certain, true)); // `للمجلس`: ل + `المجلس`
    }
    for (p, f) in w.forms() {
        if set.contains(f) {
            return Some((p, false));
        }
        if let Some(b) = f.strip_prefix("ال") {
            if set.contains(b) {
                return Some((p, true));
            }
        }
    }
    None
}

/// An organization phrase: word range in the sentence and the byte length
/// of the proclitics in front of its first word (in the folded word).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub words: std::ops::Range<usize>,
    pub proclitic: usize,
    pub kind: Kind,
}

/// What found an organization phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A head noun, a state's body, a quoted name, a station's band.
    Head,
    /// A proper name after a classifier (`شركة X`): what follows it
    /// describes it (`للطيران`), where a head noun's name may go on
    /// (`الوكالة الدولية للطاقة الذرية`).
    Classified,
    /// A party named by a noun and its country ([`party_name`]), which the
    /// article may name again without its head ([`Parties`]).
    Party,
}

/// The tagger's name that a word is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name's first word.
    pub first: usize,
    /// What the tagger read it as (a person's, a place's, ...).
    pub label: Label,
}

/// Organization phrases of a sentence. `named(i)` is the tagger's name
/// that word `i` is in, if any (`مستشفى طرابلس` continues through it).
/// `unknown(i)`: whether word `i` is one the tagger's model has never read
/// ([`classified_name`]).
pub fn find(
    words: &[Word],
    named: impl Fn(usize) -> Option<Named>,
    unknown: impl Fn(usize) -> bool,
) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let phrase = |words: std::ops::Range<usize>, proclitic: usize, kind: Kind| Phrase {
            words,
            proclitic,
            kind,
        };
        // A name these rules read whole, from its first word.
        let whole = state_body(words, i)
            .map(|(p, end)| phrase(i..end, p, Kind::Head))
            .or_else(|| quoted_group(words, i, &named, &unknown).map(|r| phrase(r, 0, Kind::Head)))
            .or_else(|| radio_station(words, i).map(|(p, r)| phrase(r, p, Kind::Head)))
            .or_else(|| party_name(words, i, &named).map(|(p, r)| phrase(r, p, Kind::Party)))
            .or_else(|| {
                classified_name(words, i, &named, &unknown).map(|r| phrase(r, 0, Kind::Classified))
            });
        if let Some(p) = whole {
            i = p.words.end;
            out.push(p);
            continue;
        }
        let at = |j: usize| words.get(j);
        // A weak head's genitive is a plain definite noun: the body of
        // `مكتب الأمم المتحدة`, `مكتب الرئاسة الفرنسية` is the one named.
        let plain_genitive = || {
            at(i + 1).is_some_and(|w| definite(w) && head(w).is_none())
                && named(i + 1).is_none()
                && state_body(words, i + 1).is_none()
        };
        let (p, def, weak) = match head(&words[i]) {
            Some((p, def)) => (p, def, false),
            None => match weak_head(&words[i]).filter(|_| plain_genitive()) {
                Some(p) => (p, false, true),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        // `شركة الأدوية`: a trade, unless the end of the phrase names it.
        let trade = !def
            && words[i].norm.get(p..).is_some_and(|h| TRADE.contains(h))
            && at(i + 1).is_some_and(definite);
        let mut j = i + 1;
        if def {
            // A definite head is a name only with its adjective:
            // `البنك المركزي`, not `البنك`; with one of rank, only with
            // the genitive after it (`الهيئة العامة للمياه`, `لشؤون
            // اللاجئين`), which the loop below takes, unless that genitive
            // is a name of its own (`الأمانة العامة للمنظمة X`: the body
            // is the organization's, and the organization is the name).
            let rank = at(j).is_some_and(|w| RANK.contains(w.stem()))
                && (at(j + 1).is_some_and(described) || lam_construct(words, j + 1))
                && named(j + 1).is_none();
            if !rank && !at(j).is_some_and(|w| definite_nisba(w) && !GENERIC.contains(w.stem())) {
                i += 1;
                continue;
            }
            j += 1;
            // `البرلمان الأوروبي والبرلمانات الوطنية`: a nationality closes
            // the name, with an adjective of rank after it (`المحكمة
            // الأمريكية العليا`, `القنصلية الروسية العامة`), unless that is
            // the noun "year" of a time (`الاتحاد الأوروبي العام الماضي`).
            if nationality(&words[j - 1]) {
                // `الشركة الأميركية`, `الوزارة السعودية`: the body named
                // before, unless a ل-genitive goes on (`الوكالة الدولية
                // للطاقة الذرية`, `الشركة X لاستغلال …`).
                let goes_on = at(j).is_some_and(|w| described(w) || lam_noun(w));
                if noun_of(&words[i], &NOMINAL_HEADS).is_some_and(|(_, def)| def) && !goes_on {
                    i += 1;
                    continue;
                }
                let year = at(j + 1).is_some_and(|w| NAME_STOPS.contains(w.norm));
                if at(j).is_some_and(|w| RANK.contains(w.norm)) && !year {
                    j += 1;
                }
                out.push(Phrase {
                    words: i..j,
                    proclitic: p,
                    kind: Kind::Head,
                });
                i = j;
                continue;
            }
        } else if at(j).is_some_and(definite) || (at(j).is_some() && named(j).is_some()) {
            j += 1;
        } else if at(j).is_some_and(|w| {
            w.shape == Shape::Arabic && w.certain == 0 && w.stem().chars().count() >= 4
        }) && at(j + 1).is_some_and(definite)
        {
            // A construct chain: `وكالة أنباء الإمارات`.
            j += 2;
        } else {
            i += 1;
            continue;
        }
        // Adjectives and further definite nouns, one coordinated noun
        // (`والمغتربين`), one ل-genitive (`لحقوق الإنسان`, `للصناعات`).
        let mut coordinated = 0;
        let mut genitive = false;
        let mut plain = j - i - 1;
        while j < words.len() && j - i < MAX_LEN {
            let w = &words[j];
            // A title after the name is the next person's (`مجلس الوزراء
            // الدكتور X`) or the party's description (`الحزب X الحاكم`,
            // which GUIDELINES leave out); right after the head it is the
            // name's own genitive (`جامعة الملك X`), read above.
            if super::repair::TITLES.contains(w.stem()) {
                break;
            }
            if definite(w) && w.certain == 0 && (plain < MAX_DEFINITE || genitive) {
                plain += 1;
                j += 1;
                // A nationality closes the name: `وزارة الخارجية الألمانية
                // والجهات المختصة` is the ministry and other bodies.
                if nationality(w) {
                    break;
                }
            } else if coordinated < MAX_COORDINATED
                && w.norm.starts_with("وال")
                && definite(w)
                && head(w).is_none()
            {
                // Not a second body's head (`شركة X والشركة Y`): its own name.
                coordinated += 1;
                j += 1;
            } else if !genitive && described(w) && !time_word(w) {
                genitive = true;
                j += 1;
            } else if !genitive && lam_construct(words, j) {
                genitive = true;
                j += 2;
            } else {
                break;
            }
        }
        let j = j.min(words.len());
        if trade && !names_a_company(words, i..j, genitive) {
            i += 1;
            continue;
        }
        // `لجنة التحقيق`, `مكتب المحامي`: a function, unless an adjective
        // of a state or of rank ends the phrase.
        if weak && !names_a_body(words, i..j, genitive) {
            i += 1;
            continue;
        }
        out.push(own_name(words, i..j, &named).unwrap_or(Phrase {
            words: i..j,
            proclitic: p,
            kind: Kind::Head,
        }));
        i = j;
    }
    out
}

/// The body's own name in a phrase headed by a classifier, without the
/// classifier and a closing nationality, as after any classifier: an
/// outlet's ([`outlet_name`]) or a club's or agency's the tagger found
/// ([`classified_org_name`]).
fn own_name(
    words: &[Word],
    r: std::ops::Range<usize>,
    named: &impl Fn(usize) -> Option<Named>,
) -> Option<Phrase> {
    let head = &words[r.start];
    if r.len() < 2 || head.has_article() {
        return None;
    }
    let mut name = outlet_name(words, &r).or_else(|| classified_org_name(words, &r, named))?;
    while name.len() > 1 && nationality(&words[name.end - 1]) {
        name.end -= 1;
    }
    Some(Phrase {
        words: name,
        proclitic: 0,
        kind: Kind::Head,
    })
}

/// After a paper's or a channel's classifier, the definite words after it
/// (`صحيفة الأهرام المصرية` → `الأهرام`).
fn outlet_name(words: &[Word], r: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let name = r.start + 1..r.end;
    (is_media_classifier(&words[r.start]) && definite(&words[name.start])).then_some(name)
}

/// After another classifier, a one-word organization the tagger found,
/// alone (`نادي X المصري`, `وكالة X للأنباء` → `X`), when nothing but a
/// nationality or ل with the article follows it in the phrase (`وكالة X
/// الجديدة` is the agency's whole name). A name of more words after a
/// classifier is mostly a function's, which keeps it (`وكالة الاستخبارات
/// المركزية`); and after a trade's classifier a definite name is a trade
/// with its state (`شركة الأسمنت الأردنية`: org-trade-classifiers.txt).
fn classified_org_name(
    words: &[Word],
    r: &std::ops::Range<usize>,
    named: &impl Fn(usize) -> Option<Named>,
) -> Option<std::ops::Range<usize>> {
    let head = &words[r.start];
    let first = r.start + 1;
    let found = |k: usize| named(k).is_some_and(|n| n.first == first && n.label == Label::ORG);
    let trade = head.forms().any(|(_, f)| TRADE.contains(f));
    if !is_classifier(head) || trade || !found(first) || found(first + 1) {
        return None;
    }
    let description = |w: &Word| nationality(w) || described(w);
    words[first + 1..r.end]
        .iter()
        .all(description)
        .then_some(first..first + 1)
}

/// Word `i` is a one-word bracketed acronym: `( واس )`.
pub fn acronym(words: &[Word], i: usize) -> bool {
    between(words, i, |w| w.norm == "(", |w| w.norm == ")")
}

/// Word `i` is one word in quote marks (`"واس"`): an acronym after a
/// body's name when it is a name too (the caller asks).
pub fn quoted_word(words: &[Word], i: usize) -> bool {
    between(words, i, is_quote, is_quote)
}

/// Whether a word is a quote mark (any of them: news mixes their kinds).
pub fn is_quote(w: &Word) -> bool {
    w.shape == Shape::Punct && w.norm.chars().all(|c| is_double(c) || is_single(c))
}

/// Word `i` is an Arabic or capitalized word between an `open` and a
/// `close` word.
fn between(
    words: &[Word],
    i: usize,
    open: impl Fn(&Word) -> bool,
    close: impl Fn(&Word) -> bool,
) -> bool {
    i > 0
        && words.get(i - 1).is_some_and(open)
        && words.get(i + 1).is_some_and(close)
        && words
            .get(i)
            .is_some_and(|w| matches!(w.shape, Shape::Arabic | Shape::Caps | Shape::Cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{key, TokenKind};

    fn phrases(s: &str) -> Vec<String> {
        let toks: Vec<&str> = s.split(' ').collect();
        let norms: Vec<String> = toks.iter().map(|t| key(t)).collect();
        let words: Vec<Word> = toks
            .iter()
            .zip(&norms)
            .map(|(t, n)| Word::new(t, n, Word::kind_of(t)))
            .collect();
        find(&words, |_| None, |_| false)
            .into_iter()
            .map(|p| toks[p.words].join(" "))
            .collect()
    }

    #[test]
    fn head_and_definite_words() {
        assert_eq!(
            phrases("أعلنت وزارة الزراعة الوطنية اليوم عن خطة"),
            ["وزارة الزراعة الوطنية"]
        );
        assert_eq!(phrases("اجتمع مجلس الشيوخ أمس"), ["مجلس الشيوخ"]);
        assert_eq!(
            phrases("نقل المصاب إلى مستشفى المدينة الجامعي مساء"),
            ["مستشفى المدينة الجامعي"]
        );
        assert_eq!(
            phrases("بحسب أرقام دائرة الإحصاءات الوطنية ، ارتفع"),
            ["دائرة الإحصاءات الوطنية"]
        );
    }

    #[test]
    fn where_a_bodys_name_ends() {
        // Invented names. Each: what ends the name (or, marked, stays in
        // it), a text, the phrases found (their words as written; a span
        // after و starts after it).
        const CASES: &[(&str, &str, &[&str])] = &[
            (
                "the person after the body",
                "وقال رئيس جامعة المدينة الدكتور سامر حداد إن",
                &["جامعة المدينة"],
            ),
            (
                "a party's description",
                "وفاز حزب التجديد الحاكم بالانتخابات",
                &["حزب التجديد"],
            ),
            (
                "a coordinated title",
                "التقى وفد حزب التجديد والمسؤول عن الملف",
                &["حزب التجديد"],
            ),
            (
                "a second body's head after و",
                "اجتمعت وزارة المالية والهيئة العامة للاستثمار أمس",
                &["وزارة المالية", "والهيئة العامة للاستثمار"],
            ),
            (
                "a time word",
                "قالت وزارة الداخلية الشهر الماضي",
                &["وزارة الداخلية"],
            ),
            (
                "a time after ل, no description of the body",
                "فاز مجلس المدينة للمرة الأولى",
                &["مجلس المدينة"],
            ),
            (
                "a place's nearness",
                "وصلت التعزيزات إلى مديرية المدينة المجاورة أمس",
                &["مديرية المدينة"],
            ),
            (
                "a party's standing",
                "وقال حزب التجديد المعارض إن",
                &["حزب التجديد"],
            ),
            (
                "(stays) an adjective of rank after the nationality",
                "وقضت المحكمة الأمريكية العليا بعدم",
                &["المحكمة الأمريكية العليا"],
            ),
            (
                "the noun 'year' of a time",
                "وصدر البنك الأمريكي العام الماضي تقريرا",
                &["البنك الأمريكي"],
            ),
            (
                "the noun 'year' before القادم",
                "قبل خروجها من البنك الأمريكي العام القادم",
                &["البنك الأمريكي"],
            ),
            (
                "(stays) a title right after the head, the name's own genitive",
                "افتتح مستشفى الملك الجديد",
                &["مستشفى الملك الجديد"],
            ),
        ];
        check(CASES);
    }

    /// Table cases: what each shows, a text, the phrases found.
    fn check(cases: &[(&str, &str, &[&str])]) {
        for &(what, text, want) in cases {
            assert_eq!(phrases(text), want, "{what}");
        }
    }

    #[test]
    fn known_names_are_folded_and_short() {
        // The list is compared with folded word forms: an entry in any
        // other form would never match.
        let names = known_names();
        assert!(names.len() >= 20, "{} names", names.len());
        for n in names {
            assert_eq!(key(n), *n, "{n} is not folded");
            let words = n.split(' ').count();
            assert!(words <= MAX_KNOWN_WORDS && !n.starts_with("ال"), "{n}");
        }
    }

    #[test]
    fn classifier_stays_outside_a_proper_name() {
        // `phrases` tags nothing, so Latin words are the proper names here.
        assert_eq!(
            phrases("وقالت شركة Lindqvar Data للمشروبات الغازية إن"),
            ["Lindqvar Data"]
        );
        assert_eq!(phrases("قالت منظمة \" ميدوسار \" إن"), ["ميدوسار"]);
        assert_eq!(
            phrases("أعلنت شركة النفط الوطنية أن"),
            ["شركة النفط الوطنية"]
        );
    }

    #[test]
    fn a_paper_named_by_a_common_word_is_named_without_its_classifier() {
        // Invented outlets: a paper's or channel's name is often a
        // definite common word, and a closing nationality stays outside.
        assert_eq!(phrases("وقالت صحيفة الفجر المصرية إن"), ["الفجر"]);
        assert_eq!(phrases("وذكرت إذاعة الصباح أن"), ["الصباح"]);
        // Other heads keep their common words: they name the body.
        assert_eq!(
            phrases("أعلنت وزارة الصحة العامة أن"),
            ["وزارة الصحة العامة"]
        );
    }

    #[test]
    fn definite_head_needs_an_adjective() {
        assert_eq!(phrases("وقال البنك المركزي إن"), ["البنك المركزي"]);
        assert!(phrases("وقال البنك إن الأسعار").is_empty());
        assert!(phrases("تتولى السلطة التشريعية سن القوانين").is_empty());
    }

    #[test]
    fn a_companys_trade_is_no_name() {
        // `شركة` and a definite noun name a trade ("the drug company"), unless a
        // state's or a rank's adjective, or a ل-genitive, makes it a name.
        assert!(phrases("وأعلنت شركة الأدوية أنها ستسحب الدواء").is_empty());
        assert!(phrases("وقالت شركة الألعاب الشهيرة إنها").is_empty());
        assert_eq!(
            phrases("وقالت شركة الأدوية الألمانية إن"),
            ["شركة الأدوية الألمانية"]
        );
        assert_eq!(
            phrases("وقالت شركة التأمين المركزية إن"),
            ["شركة التأمين المركزية"]
        );
        assert_eq!(
            phrases("وقالت شركة المياه للمنطقة الشرقية إن"),
            ["شركة المياه للمنطقة الشرقية"]
        );
    }

    #[test]
    fn a_weak_head_needs_its_adjective() {
        // `لجنة`, `مكتب` and a definite noun name a function ("the inquiry
        // committee"), unless an adjective of a state, of rank or of a
        // federal or world body closes the construct.
        assert_eq!(
            phrases("وقالت لجنة الموانئ الاتحادية إن"),
            ["لجنة الموانئ الاتحادية"]
        );
        assert_eq!(
            phrases("وأعلن مكتب الملاحة الكندي أن"),
            ["مكتب الملاحة الكندي"]
        );
        assert!(phrases("وقالت لجنة التحقيق إن").is_empty());
        assert!(phrases("وقالت لجنة التحقيق في الحادث إن").is_empty());
        // The adjective is the title's, not the office's.
        assert!(phrases("وقال مكتب الرئيس الكندي إن").is_empty());
        // With a ل-genitive the body is described, not named.
        assert!(phrases("وقالت لجنة الموانئ الاتحادية للمنطقة إن").is_empty());
        // The body named in the genitive is the name (`الرئاسة الكندية`).
        assert_eq!(phrases("وقال مكتب الرئاسة الكندية إن"), ["الرئاسة الكندية"]);
        // Definite, the head is no weak one's name (`اللجنة المالية`).
        assert!(phrases("وقالت اللجنة المالية إن").is_empty());
    }

    #[test]
    fn a_hamza_alif_is_no_article() {
        // `ألمانية`, `إلكترونية` and `آلاف` fold to words that begin like
        // definite ones; as written they are indefinite: a German company,
        // an electronic one, thousands.
        assert!(phrases("وقالت مؤسسة ألمانية إنها ستغلق مصنعها").is_empty());
        assert!(phrases("وأسس شركة إلكترونية صغيرة").is_empty());
        assert!(phrases("وشارك في مسيرة آلاف المحتجين").is_empty());
        assert_eq!(
            phrases("وأعلنت شركة الاتصالات الوطنية أرباحها"),
            ["شركة الاتصالات الوطنية"]
        );
    }

    #[test]
    fn construct_chain_and_genitive() {
        assert_eq!(
            phrases("ذكرت وكالة أنباء الجزيرة الرسمية أن"),
            ["وكالة أنباء الجزيرة الرسمية"]
        );
        assert_eq!(
            phrases("رحب المجلس الأعلى لشؤون البيئة بالقرار"),
            ["المجلس الأعلى لشؤون البيئة"]
        );
    }

    #[test]
    fn stops_at_punctuation_and_prepositions() {
        assert!(phrases("مجموعة من الشركات").is_empty());
        assert_eq!(phrases("وزارة المالية ، الأرقام"), ["وزارة المالية"]);
    }

    #[test]
    fn the_body_a_name_belongs_to_is_not_part_of_it() {
        // `التابع(ة) لـ`: what follows names another body.
        assert_eq!(
            phrases("وقال مجلس الرقابة التابع للبرلمان إن"),
            ["مجلس الرقابة"]
        );
        assert_eq!(
            phrases("أعلنت هيئة الموانئ التابعة للوزارة أمس"),
            ["هيئة الموانئ"]
        );
    }

    #[test]
    fn state_bodies_need_a_nationality() {
        assert_eq!(phrases("وقال الجيش الأردني إن"), ["الجيش الأردني"]);
        assert_eq!(
            phrases("وأعلنت الخارجية الفرنسية أمس"),
            ["الخارجية الفرنسية"]
        );
        assert_eq!(
            phrases("ونفذت القوات المسلحة الكويتية مناورة"),
            ["القوات المسلحة الكويتية"]
        );
        assert!(phrases("تقدم الجيش النظامي نحو المدينة").is_empty());
        // Stems whose hamza folding differs from their spelling.
        assert_eq!(
            phrases("وأعلن الجيش الإسرائيلي صباحا انتهاء التدريب"),
            ["الجيش الإسرائيلي"]
        );
        assert_eq!(
            phrases("ونشر الجيش الجزائري وحدات إضافية قرب الحدود"),
            ["الجيش الجزائري"]
        );
        assert_eq!(
            phrases("وردت الخارجية الإسرائيلية ببيان مقتضب"),
            ["الخارجية الإسرائيلية"]
        );
        assert!(phrases("انسحبت القوات الأميركية من القاعدة").is_empty());
        assert!(phrases("قالت الحكومة اللبنانية إن").is_empty());
        assert!(phrases("وقال وزير الداخلية الأردني إن").is_empty());
        assert!(phrases("زار القاعدة البحرية الفرنسية في الميناء").is_empty());
    }

    #[test]
    fn a_group_named_in_quote_marks() {
        // Invented names. Each: what it shows, a text, the phrases found.
        check(&[
            (
                "after a group classifier",
                "هاجم مسلحو تنظيم \" أنصار الفجر \" القرية",
                &["أنصار الفجر"],
            ),
            ("no quote marks, no name", "تنظيم المؤتمر", &[]),
            (
                "after a party's head",
                "انضم إلى حزب \" التجديد الوطني \" المعارض",
                &["التجديد الوطني"],
            ),
            (
                "after an institute's head",
                "أجراه معهد \" زيكار بقلمون \" للدراسات",
                &["زيكار بقلمون"],
            ),
            (
                "a known word alone is the head's adjective",
                "دعا إلى مجلس \" موحد \" للتعاون",
                &[],
            ),
            (
                "a device is no body",
                "يتمتع جهاز \" زيكار بقلمون \" الجديد",
                &[],
            ),
        ]);
    }

    #[test]
    fn acronyms_in_brackets() {
        let toks = ["الوكالة", "(", "واف", ")"];
        let words: Vec<Word> = toks
            .iter()
            .map(|t| Word::new(t, t, Word::kind_of(t)))
            .collect();
        assert!(acronym(&words, 2));
        assert!(!acronym(&words, 0));
        assert!(!acronym(&words, 4));
        assert!(!acronym(&words, 9));
        let def = key("الوزارة");
        assert_eq!(
            head(&Word::new("الوزارة", &def, TokenKind::Arabic)),
            Some((0, true))
        );
        assert_eq!(Word::kind_of("واف"), TokenKind::Arabic);
    }
}
