//! General vocabulary the quotation stages share: titles, function words,
//! the conjunctions that introduce reported speech, the small closed lists
//! of each stage, and word shapes.
//!
//! Everything here is ordinary language (no names of people or places); the
//! lists live in `lexicon/` and are read folded ([`crate::wordlist`]) so that
//! hamza and ة/ه spellings match. Look-ups take a token's folded form; most
//! callers also try it with a leading conjunction (و ف) removed, since
//! speech verbs and titles are written glued to them.

use super::cue::Gender;
use crate::entity::fasthash::FastMap;
use crate::wordlist::{self, Set};
use std::sync::OnceLock;

/// English titles and title words: the set the English tagger keeps out of
/// persons' names.
pub(crate) fn is_en_title(w: &str) -> bool {
    crate::entity::english::TITLES.contains(w)
}

/// Declares each set of lists with the function that looks a folded word
/// up in it, and [`SETS`], every set (for the tests of [`crate::wordlist`]).
macro_rules! sets {
    ($($(#[$m:meta])* $name:ident: $set:ident = [$($list:ident),+];)*) => {
        $(
            pub(crate) static $set: Set = Set::new(&[$(wordlist::$list),+]);
            $(#[$m])*
            pub(crate) fn $name(w: &str) -> bool {
                $set.contains(w)
            }
        )*
        /// Every set declared here.
        #[cfg(test)]
        pub(crate) static SETS: &[&Set] = &[$(&$set),*];
    };
}

sets! {
    /// Titles and roles that stand before a name (`وزير`, `المتحدث`, `نظيره`).
    is_title: TITLES = [AR_TITLES, AR_TITLES_SPEAKER];
    /// Words that end a speaker's noun phrase after a speech verb:
    /// prepositions, time adverbs, relatives, particles, day names, source
    /// phrases, speech-event nouns.
    is_np_stop: NP_STOPS = [AR_FUNCTION_WORDS, AR_PHRASE_STOPS, AR_WEEKDAYS, AR_SPEECH_SOURCES];
    /// Auxiliaries skipped when looking for a subject before its verb
    /// (`الرئاسة قد قالت`, `كان X قد قال`).
    is_aux: AUX = [AR_AUXILIARIES];
    /// Function words that never belong to a name.
    is_function: FUNCTION = [AR_FUNCTION_WORDS, AR_NON_NAME_WORDS, AR_REFLEXIVES];
    /// Indefinite nouns that head an unnamed speaker (`مصدر`, `خبراء`,
    /// `بيان`, `شركة`).
    is_speaker_noun: SPEAKER_NOUNS = [AR_SPEAKER_NOUNS];
    /// Prepositions with an attached pronoun (`فيه`, `عنها`).
    is_prep_pronoun: PREP_PRONOUNS = [AR_PREPOSITION_PRONOUNS];
    /// Prepositions written apart that govern the name after them.
    is_governing_prep: GOVERNING_PREPS = [AR_GOVERNING_PREPOSITIONS, EN_GOVERNING_PREPOSITIONS];
    /// Nouns after which a quoted phrase is a name or label, not speech:
    /// `تنظيم "…"`, `عملية "…"`, `برنامج "…"`, `ما يسمى "…"`.
    is_term_noun: TERM_NOUNS = [AR_TERM_NOUNS, AR_NAMING_WORDS, AR_KNOWN_AS, EN_TERM_NOUNS];
    /// Words of naming, after which quote marks hold the name itself
    /// (`تحت شعار "…"`, `ما يسمى "…"`).
    is_naming_word: NAMING_WORDS = [AR_NAMING_WORDS];
    /// Words of being known, which name with ب (`يعرف بـ"…"`).
    is_known_as: KNOWN_AS = [AR_KNOWN_AS];
    /// Words directly before a quote mark that keep a following quotation
    /// direct (the speech frame continues up to the mark).
    is_frame_adverb: FRAME_ADVERBS = [AR_FRAME_ADVERBS, EN_FRAME_ADVERBS];
    /// Words in front of an أن-clause that make it something other than
    /// reported speech (`يمكن أن`, `بعد أن`, `من أجل أن`).
    is_anna_blocker: ANNA_BLOCKERS = [AR_ANNA_BLOCKERS];
    /// Imperfect speech verbs that, right before أن, are the narrator's
    /// impersonal passive (`يذكر أن`), not a speech cue.
    is_impersonal: IMPERSONAL = [AR_IMPERSONAL_VERBS];
    /// Prepositions over which a title phrase with no name yet runs on
    /// (`سفير فرنسا في الأمم المتحدة X`).
    is_title_runon_prep: TITLE_RUNON_PREPS = [AR_TITLE_RUNON_PREPOSITIONS];
    /// Prepositions that open a fronted phrase before a sentence's subject
    /// (`وفي المدينة، خاطب X`).
    is_fronted_prep: FRONTED_PREPS = [AR_FRONTED_PREPOSITIONS];
    /// Verbs that lead an adverbial participle (`ومضى قائلا`).
    is_participle_lead: PARTICIPLE_LEADS = [AR_PARTICIPLE_LEADS];
    /// Words between a weak speech verb and the أن it governs (`عبر عن أمله
    /// أن`).
    is_cue_bridge: CUE_BRIDGES = [AR_CUE_BRIDGES];
    /// Units of an age in brackets after a name (`(56 عاما)`).
    is_age_unit: AGE_UNITS = [AR_AGE_UNITS];
    /// Weak cue words that are also prepositions (`عبر`, `بين`): a quote
    /// mark right after one is the preposition's object.
    is_cue_preposition: CUE_PREPOSITIONS = [AR_CUE_PREPOSITIONS];
    /// Words after a comma that start a source phrase and end an indirect
    /// clause (`، بحسب`, `, according`).
    is_clause_end_source: CLAUSE_END_SOURCES = [AR_CLAUSE_END_SOURCES, EN_SPEECH_SOURCES];
    /// A conjunction or relative that, before a speech cue, ends an indirect
    /// clause (`والتي`, `which`).
    is_clause_link: CLAUSE_LINKS = [AR_CLAUSE_LINKS, EN_CLAUSE_LINKS];
    /// Nouns of a statement that speak for the body that issued it
    /// (`بيان السفارة`).
    is_statement_noun: STATEMENT_NOUNS = [AR_STATEMENT_NOUNS];
    /// Nouns that, definite, refer back to the source quoted (`المصدر`).
    is_source_anaphor: SOURCE_ANAPHORS = [AR_SOURCE_ANAPHORS];
    /// "The same" after a noun (`نفسه`, `ذاته`).
    is_reflexive: REFLEXIVES = [AR_REFLEXIVES];
    /// Nouns that label a hashtag (`وسم`).
    is_hashtag_noun: HASHTAG_NOUNS = [AR_HASHTAG_NOUNS];
    /// English given names that nearly always name a woman.
    is_en_female_name: EN_FEMALE_NAMES = [EN_GIVEN_NAMES_FEMALE];
    /// English given names that nearly always name a man.
    is_en_male_name: EN_MALE_NAMES = [EN_GIVEN_NAMES_MALE];
    /// Nouns of a relation or agency in construct with a person (`وكيل X`,
    /// "X's agent"; `شقيق X`).
    is_relation: RELATIONS = [AR_RELATION_NOUNS];
    /// Nouns of a government named by its country (`حكومة X`).
    is_government_noun: GOVERNMENT_NOUNS = [AR_GOVERNMENT_NOUNS];
    /// Nouns of part or number that leave a phrase indefinite (`أحد
    /// السكان`).
    is_partitive: PARTITIVES = [AR_PARTITIVES];
    /// Singular nouns shaped like sound plurals (`تلفزيون`).
    is_plural_shaped_singular: PLURAL_SHAPED_SINGULARS = [AR_PLURAL_SHAPED_SINGULARS];
    /// Relative pronouns, after whose antecedent a speech verb may come
    /// (`السفارة التي قالت`).
    is_relative: RELATIVES = [AR_RELATIVES];
    /// Linking words between a comma and the speech verb of a new frame
    /// (`، لكنه قال`, `، في حين قال`).
    is_frame_link: FRAME_LINKS = [AR_FRAME_LINKS];
    /// Adverbs shaped like an accusative participle (`مؤخرا`).
    is_adverb_shape_exception: PARTICIPLE_SHAPED_ADVERBS = [AR_PARTICIPLE_SHAPED_ADVERBS];
    /// Nouns of wording that make an attribution tail (`حسب تعبيره`).
    is_attribution_noun: ATTRIBUTION_NOUNS = [AR_ATTRIBUTION_NOUNS];
    /// English words that never begin or end a speaker's name: function
    /// words and the day names dates use.
    is_en_stop: EN_STOPS = [EN_PHRASE_STOPS, EN_WEEKDAYS];
    /// English adverbs and auxiliaries between a subject and its speech verb.
    is_en_subject_adverb: EN_SUBJECT_ADVERBS = [EN_ADVERBS_BEFORE_VERB];
    /// English determiners and number words that open a description used as
    /// a speaker (`the company`, `one delegate`).
    is_en_description_opener: EN_DESCRIPTION_OPENERS = [EN_DESCRIPTION_OPENERS];
    /// English prepositions (and `late`, `early`) that open an adverbial
    /// between a speech verb and its `that`.
    is_en_adverbial_opener: EN_ADVERBIAL_OPENERS = [EN_ADVERBIAL_OPENERS];
    /// English time adverbs right after a speech verb (`said late on …`).
    is_en_time_adverb: EN_TIME_ADVERBS = [EN_TIME_ADVERBS];
    /// English speech verbs whose object follows them (`told reporters`).
    is_en_object_verb: EN_OBJECT_VERBS = [EN_OBJECT_SPEECH_VERBS];
    /// Words that open a reported clause right after `X said`.
    is_en_clause_opener: EN_CLAUSE_OPENERS = [EN_CLAUSE_OPENERS];
    /// Conjunctions and relatives that open a speech verb's own clause
    /// after a comma (`…, and engineers said`).
    is_en_frame_conjunction: EN_FRAME_CONJUNCTIONS = [EN_FRAME_CONJUNCTIONS];
    /// English day names (`said Tuesday`).
    is_en_weekday: EN_WEEKDAY_NAMES = [EN_WEEKDAYS];
}

/// The conjunction "that" after a speech verb, with its attached pronouns
/// and preposition (إن، أن، أنه، بأن، بأنها...). Folding merges إن and أن.
pub(crate) fn is_anna(w: &str) -> bool {
    static ANNA: Set = Set::new(&[wordlist::AR_ANNA]);
    ANNA.contains(w.strip_prefix('ب').unwrap_or(w))
}

/// An English title written out (`sen` → `senator`); a title that is not
/// an abbreviation is itself.
pub(crate) fn en_title_written_out(w: &str) -> &str {
    static MAP: OnceLock<FastMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        wordlist::EN_TITLE_ABBREVIATIONS
            .entries()
            .filter_map(|row| {
                let mut cols = row.split(' ');
                Some((cols.next()?.to_string(), cols.next()?.to_string()))
            })
            .collect()
    })
    .get(w)
    .map_or(w, String::as_str)
}

/// The gender of an English subject pronoun (`he`, `she`, `they`...).
pub(crate) fn en_pronoun(w: &str) -> Option<Gender> {
    static MAP: OnceLock<FastMap<String, Gender>> = OnceLock::new();
    MAP.get_or_init(|| {
        let gender = |g: &str| match g {
            "masculine" => Gender::Masc,
            "feminine" => Gender::Fem,
            "plural" => Gender::Plural,
            _ => Gender::Unknown,
        };
        wordlist::EN_PRONOUNS
            .entries()
            .filter_map(|row| {
                // Not `split_once`: see `wordlist::List::entries`.
                let mut cols = row.split(' ');
                Some((cols.next()?.to_string(), gender(cols.next()?)))
            })
            .collect()
    })
    .get(w)
    .copied()
}

/// Whether a folded Arabic word ends like a nisba adjective (الروسي،
/// التركية، الأوروبيين): a definite word ending in ي or يه/يين/يون.
pub(crate) fn is_nisba(w: &str) -> bool {
    let w = strip_conj(w);
    w.starts_with("ال")
        && w.chars().count() >= 5
        && (w.ends_with('ي')
            || w.ends_with("يه")
            || w.ends_with("يين")
            || w.ends_with("يون")
            || w.ends_with("يان"))
}

/// Whether `w` is the `من` that leads a bridge noun of fear or concern to
/// its أن (`عن قلقه من أن`, "his concern that"), `prev` being the word
/// before it; after anything else `من أن` is no reported clause.
pub(crate) fn is_bridge_min(prev: &str, w: &str) -> bool {
    w == "من" && prev != "عن" && is_cue_bridge(prev)
}

/// Whether a folded definite word is a nationality adjective of the
/// lexicon (`الروسي`, `الروسية`, `الروسيين`), as against a family name of
/// the same shape (`الورفلي`).
pub(crate) fn is_nationality(w: &str) -> bool {
    crate::entity::org::nationality_form(strip_conj(w), true)
}

/// Whether a folded word carries the definite article (after any conjunction).
pub(crate) fn is_definite(w: &str) -> bool {
    let w = strip_conj(w);
    (w.starts_with("ال") || w.starts_with("لل")) && w.chars().count() > 3
}

/// Letters a sound masculine plural needs besides its ending (`محلل` in
/// `المحللون`), so that short words ending in ين or و are left alone.
const PLURAL_STEM_LETTERS: usize = 4;

/// Whether a folded Arabic noun has the shape of a sound masculine plural:
/// ون or ين (`المحللون`, `للمشرفين`, `مسؤولين`), or و in construct
/// (`مستخدمو تويتر`).
/// A group so named is "they", whatever the number of a verb before it
/// (`وقال المحللون`: Arabic verbs before their subject stay singular).
pub(crate) fn is_sound_plural(w: &str) -> bool {
    let w = strip_conj(w);
    let bare = w.strip_prefix("ال").or_else(|| w.strip_prefix("لل"));
    let definite = bare.is_some();
    let w = bare.unwrap_or(w);
    let stem = |suffix: &str| {
        w.strip_suffix(suffix)
            .is_some_and(|s| s.chars().count() >= PLURAL_STEM_LETTERS)
    };
    (stem("ون") || stem("ين") || (!definite && stem("و"))) && !is_plural_shaped_singular(w)
}

/// `w` without one glued conjunction (و ف) and preposition (ب ل ك), when
/// a word of three letters or more is left (`لصحيفة` → `صحيفة`).
pub(crate) fn strip_clitic(w: &str) -> &str {
    let w = strip_conj(w);
    match w.strip_prefix(['ب', 'ل', 'ك']) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => w,
    }
}

/// The noun after which a quoted span names something (`صحيفة "…"`), as
/// written or with a glued conjunction and preposition (`لصحيفة`,
/// `وبصحيفة`); the word as written first, since some begin with و
/// (`وكالة`). `ب` alone is the preposition written apart, not this.
pub(crate) fn term_noun_in(w: &str) -> Option<&str> {
    as_written_or_bare(w, |x| x != "ب" && is_term_noun(x))
}

/// An organization classifier (`منظمة`, entity::org's list), as written or
/// with a glued conjunction and preposition (`لمنظمة`), as in
/// [`term_noun_in`].
pub(crate) fn org_classifier_in(w: &str) -> Option<&str> {
    as_written_or_bare(w, |x| crate::entity::org::CLASSIFIERS.contains(x))
}

/// `w` as written if `keep` takes it, else without its glued clitics if
/// `keep` takes that.
fn as_written_or_bare(w: &str, keep: impl Fn(&str) -> bool) -> Option<&str> {
    [w, strip_clitic(w)].into_iter().find(|x| keep(x))
}

/// Whether a folded word is باسم ("on behalf of", after a spokesperson),
/// with or without a conjunction.
pub(crate) fn is_on_behalf(w: &str) -> bool {
    strip_conj(w) == "باسم"
}

/// `w` without one leading conjunction و or ف, when enough is left for a word.
pub(crate) fn strip_conj(w: &str) -> &str {
    match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    }
}

/// `w` without a leading conjunction, unless `w` itself is a title
/// (`وزير`, `وزيرة` begin with و).
pub(crate) fn unconj(w: &str) -> &str {
    if is_title(w) {
        w
    } else {
        strip_conj(w)
    }
}

/// A folded word and, if it begins with و or ف, the word without it.
pub(crate) fn variants(w: &str) -> impl Iterator<Item = &str> {
    let stripped = strip_conj(w);
    std::iter::once(w).chain((stripped.len() != w.len()).then_some(stripped))
}
