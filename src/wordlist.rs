//! The word lists of `lexicon/`: general vocabulary (titles, speech verbs,
//! function words, month names, organization heads...) kept as data files,
//! one entry per line, embedded in the binary and folded once, when first
//! used.
//!
//! Every file opens with `#` lines that say what the list is for, who reads
//! it, and when a change takes effect: at run time, or only after `make
//! train` when [`crate::entity::lexicon::builtin`] copies the list into the
//! tagger's model. Entries are written in ordinary spelling (`الإسرائيلي`,
//! `مستشفى`, `رئيسة`) and read folded by [`crate::text::key`], the function
//! that folds the words they are compared with, so no entry can sit in a form
//! that no word takes. Readers that generate forms from the written letters
//! (the speech-verb table: a final ى marks a defective verb) take the
//! entries as written and fold what they generate.
//!
//! Guarantees, checked by the tests below for every file: the header is
//! there and agrees with [`Effect`]; entries have no stray spaces, are in
//! the file's script (Arabic under `ar/`, lower-case Latin under `en/`) and
//! are unique after folding, also across the lists one [`Set`] joins; lists
//! that contradict each other share no entry.

use crate::entity::fasthash::FastSet;
use crate::text::key;
use std::sync::OnceLock;

/// When a change to a list takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Read at run time.
    RunTime,
    /// Copied into the tagger's lexicon by
    /// [`crate::entity::lexicon::builtin`]: takes effect after `make train`.
    Model,
    /// Both: copied into the model and read at run time by rules.
    Both,
}

/// One file of `lexicon/`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct List {
    /// Path under `lexicon/`.
    #[cfg_attr(not(test), allow(dead_code))] // read by the tests
    pub(crate) path: &'static str,
    text: &'static str,
    #[cfg_attr(not(test), allow(dead_code))] // read by the tests
    pub(crate) effect: Effect,
}

impl List {
    /// The entries as written: every line that is neither empty nor a `#`
    /// comment.
    pub(crate) fn entries(self) -> impl Iterator<Item = &'static str> {
        // Not `lines()` (nor `split_once(' ')` in the readers): one more
        // kind of caller of `str`'s search for a char changed how the
        // compiler inlines `split(' ')` into entity::cluster's hot loop,
        // and a long document's analysis took 2% more instructions.
        self.text
            .split('\n')
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    /// The entries folded into lookup keys.
    pub(crate) fn keys(self) -> impl Iterator<Item = String> {
        self.entries().map(key)
    }
}

/// The folded entries of some lists (or one word of each entry), as one set
/// built on first use; lookups take a folded word and allocate nothing.
pub(crate) struct Set {
    lists: &'static [List],
    /// `Some(n)`: the set holds the `n`-th word of each entry, not the entry.
    word: Option<usize>,
    set: OnceLock<Store>,
}

/// A set, with two bit masks that turn most words asked about away before
/// hashing: the byte lengths of its entries and the beginnings of its
/// entries (the organization rules and the speaker phrases ask several sets
/// about every word, and a hash per question was a percent of the analysis).
struct Store {
    /// Bit `n` is set when some entry is `n` bytes long (`n` < 64).
    lens: u64,
    /// Some entry is 64 bytes or longer.
    long: bool,
    /// Bit [`start`] of every entry.
    starts: u64,
    set: FastSet<String>,
}

/// A bit for the first four bytes of `w` (its first two Arabic letters).
fn start(w: &str) -> u64 {
    // The first four bytes, zero-padded, without a copy (a call to memcpy).
    let x = match w.as_bytes() {
        [a, b, c, d, ..] => u32::from_le_bytes([*a, *b, *c, *d]),
        short => crate::entity::fasthash::tail_u64(short) as u32,
    };
    1 << (x.wrapping_mul(0x9E37_79B1) >> 26)
}

impl Set {
    /// The entries of `lists`.
    pub(crate) const fn new(lists: &'static [List]) -> Set {
        Set {
            lists,
            word: None,
            set: OnceLock::new(),
        }
    }

    /// The `n`-th word (from 0) of each entry of `lists`: the parts of
    /// two-word names matched word by word (`كانون الثاني`).
    pub(crate) const fn word(lists: &'static [List], n: usize) -> Set {
        Set {
            lists,
            word: Some(n),
            set: OnceLock::new(),
        }
    }

    /// Whether folded `w` is in the set.
    pub(crate) fn contains(&self, w: &str) -> bool {
        let store = self.set.get_or_init(|| self.load());
        let fits = match 1u64.checked_shl(w.len() as u32) {
            Some(bit) => store.lens & bit != 0,
            None => store.long,
        };
        fits && store.starts & start(w) != 0 && store.set.contains(w)
    }

    fn load(&self) -> Store {
        let keys = self.lists.iter().flat_map(|l| l.keys());
        let set: FastSet<String> = match self.word {
            None => keys.collect(),
            Some(n) => keys
                .filter_map(|k| k.split(' ').nth(n).map(str::to_string))
                .collect(),
        };
        let lens = set
            .iter()
            .filter_map(|k| 1u64.checked_shl(k.len() as u32))
            .fold(0, |a, b| a | b);
        let long = set.iter().any(|k| k.len() >= 64);
        let starts = set.iter().map(|k| start(k)).fold(0, |a, b| a | b);
        Store {
            lens,
            long,
            starts,
            set,
        }
    }
}

macro_rules! lists {
    ($($name:ident = $path:literal, $effect:ident;)*) => {
        $(
            #[doc = concat!("`lexicon/", $path, "`")]
            // Lists that change the trained model are read only by the
            // trainer, through the `lab` feature.
            #[cfg_attr(not(feature = "lab"), allow(dead_code))]
            pub(crate) const $name: List = List {
                path: $path,
                text: include_str!(concat!("../lexicon/", $path)),
                effect: Effect::$effect,
            };
        )*
        /// Every list, for the tests.
        #[cfg(test)]
        pub(crate) const ALL: &[List] = &[$($name),*];
    };
}

lists! {
    AR_ANNA = "ar/anna.txt", RunTime;
    AR_AGE_UNITS = "ar/age-units.txt", RunTime;
    AR_ANNA_BLOCKERS = "ar/anna-blockers.txt", RunTime;
    AR_ARMED_FORCES = "ar/armed-forces.txt", RunTime;
    AR_ATTRIBUTION_NOUNS = "ar/attribution-nouns.txt", RunTime;
    AR_AUXILIARIES = "ar/auxiliaries.txt", RunTime;
    AR_BROADCAST_BANDS = "ar/broadcast-bands.txt", RunTime;
    AR_CLASSIFIERS = "ar/classifiers.txt", Model;
    AR_CLAUSE_END_SOURCES = "ar/clause-end-sources.txt", RunTime;
    AR_CLAUSE_LINKS = "ar/clause-links.txt", RunTime;
    AR_COMMON_LOANWORDS = "ar/common-loanwords.txt", RunTime;
    AR_COUNTRIES = "ar/countries.txt", Both;
    AR_CUE_BRIDGES = "ar/cue-bridges.txt", RunTime;
    AR_CUE_PREPOSITIONS = "ar/cue-prepositions.txt", RunTime;
    AR_DATE_LINKS = "ar/date-links.txt", RunTime;
    AR_DATE_RELATIVE = "ar/date-relative.txt", RunTime;
    AR_DAY_ORDINALS = "ar/day-ordinals.txt", RunTime;
    AR_FRAME_ADVERBS = "ar/frame-adverbs.txt", RunTime;
    AR_FRAME_LINKS = "ar/frame-links.txt", RunTime;
    AR_FRONTED_PREPOSITIONS = "ar/fronted-prepositions.txt", RunTime;
    AR_FUNCTION_WORDS = "ar/function-words.txt", RunTime;
    AR_GOVERNING_PREPOSITIONS = "ar/governing-prepositions.txt", RunTime;
    AR_GOVERNMENT_NOUNS = "ar/government-nouns.txt", RunTime;
    AR_GROUP_CLASSIFIERS = "ar/group-classifiers.txt", RunTime;
    AR_HASHTAG_NOUNS = "ar/hashtag-nouns.txt", RunTime;
    AR_IMPERSONAL_VERBS = "ar/impersonal-verbs.txt", RunTime;
    AR_KNOWN_AS = "ar/known-as.txt", RunTime;
    AR_MEDIA_CLASSIFIERS = "ar/media-classifiers.txt", RunTime;
    AR_MILITIA_CLASSIFIERS = "ar/militia-classifiers.txt", RunTime;
    AR_MODEL_NOUNS = "ar/model-nouns.txt", RunTime;
    AR_MONTHS = "ar/months.txt", RunTime;
    AR_MONTHS_AMBIGUOUS = "ar/months-ambiguous.txt", RunTime;
    AR_MONTHS_TWO_WORD = "ar/months-two-word.txt", RunTime;
    AR_NAME_PARTICLES = "ar/name-particles.txt", Model;
    AR_NAMING_WORDS = "ar/naming-words.txt", RunTime;
    AR_NATIONALITIES = "ar/nationalities.txt", Both;
    AR_NATIONALITIES_RULES = "ar/nationalities-rules.txt", RunTime;
    AR_NATIONALITIES_SUPRANATIONAL = "ar/nationalities-supranational.txt", RunTime;
    AR_NON_NAME_WORDS = "ar/non-name-words.txt", RunTime;
    AR_ORG_CLASSIFIERS = "ar/org-classifiers.txt", RunTime;
    AR_ORG_CLASSIFIERS_AMBIGUOUS = "ar/org-classifiers-ambiguous.txt", RunTime;
    AR_ORG_GENERIC_ADJECTIVES = "ar/org-generic-adjectives.txt", RunTime;
    AR_ORG_HEADS = "ar/org-heads.txt", Both;
    AR_ORG_NOMINAL_HEADS = "ar/org-nominal-heads.txt", RunTime;
    AR_ORG_HEADS_RULES = "ar/org-heads-rules.txt", RunTime;
    AR_ORG_HEADS_TAGGER = "ar/org-heads-tagger.txt", Model;
    AR_ORG_HEADS_THINGS = "ar/org-heads-things.txt", RunTime;
    AR_ORG_HEADS_WEAK = "ar/org-heads-weak.txt", RunTime;
    AR_ORG_BODY_ADJECTIVES = "ar/org-body-adjectives.txt", RunTime;
    AR_ORG_NAME_ADJECTIVES = "ar/org-name-adjectives.txt", RunTime;
    AR_ORG_NAME_STOPS = "ar/org-name-stops.txt", RunTime;
    AR_ORG_RANK_ADJECTIVES = "ar/org-rank-adjectives.txt", RunTime;
    AR_ORG_TRADE_CLASSIFIERS = "ar/org-trade-classifiers.txt", RunTime;
    AR_PARTY_HEADS = "ar/party-heads.txt", RunTime;
    AR_PARTICIPLE_LEADS = "ar/participle-leads.txt", RunTime;
    AR_PARTICIPLE_SHAPED_ADVERBS = "ar/participle-shaped-adverbs.txt", RunTime;
    AR_PARTITIVES = "ar/partitives.txt", RunTime;
    AR_PHRASE_STOPS = "ar/phrase-stops.txt", RunTime;
    AR_PLURAL_SHAPED_SINGULARS = "ar/plural-shaped-singulars.txt", RunTime;
    AR_PREPOSITION_PRONOUNS = "ar/preposition-pronouns.txt", RunTime;
    AR_PRODUCT_NOUNS = "ar/product-nouns.txt", RunTime;
    AR_REGION_ADJECTIVES = "ar/region-adjectives.txt", RunTime;
    AR_RELATION_NOUNS = "ar/relation-nouns.txt", RunTime;
    AR_RELATIVES = "ar/relatives.txt", RunTime;
    AR_SERVICE_WORDS = "ar/service-words.txt", RunTime;
    AR_SPEAKER_NOUNS = "ar/speaker-nouns.txt", RunTime;
    AR_SPEECH_RELAYS = "ar/speech-relays.txt", RunTime;
    AR_SPEECH_SAYING = "ar/speech-saying.txt", RunTime;
    AR_SPEECH_SOURCES = "ar/speech-sources.txt", RunTime;
    AR_SPEECH_VERBS = "ar/speech-verbs.txt", RunTime;
    AR_SPEECH_VERBS_MIN = "ar/speech-verbs-min.txt", RunTime;
    AR_SPEECH_VERBS_PREP = "ar/speech-verbs-prep.txt", RunTime;
    AR_SPEECH_VERBS_WEAK = "ar/speech-verbs-weak.txt", RunTime;
    AR_STATEMENT_NOUNS = "ar/statement-nouns.txt", RunTime;
    AR_SOURCE_ANAPHORS = "ar/source-anaphors.txt", RunTime;
    AR_REFLEXIVES = "ar/reflexives.txt", RunTime;
    AR_STATE_HEADS = "ar/state-heads.txt", RunTime;
    AR_TERM_NOUNS = "ar/term-nouns.txt", RunTime;
    AR_TITLE_RUNON_PREPOSITIONS = "ar/title-runon-prepositions.txt", RunTime;
    AR_TITLES = "ar/titles.txt", Both;
    AR_TITLES_SPEAKER = "ar/titles-speaker.txt", RunTime;
    AR_TITLES_TAGGER = "ar/titles-tagger.txt", Model;
    AR_WEEKDAYS = "ar/weekdays.txt", RunTime;
    AR_YEAR_CUES = "ar/year-cues.txt", RunTime;
    EN_ADVERBIAL_OPENERS = "en/adverbial-openers.txt", RunTime;
    EN_ADVERBS_BEFORE_VERB = "en/adverbs-before-verb.txt", RunTime;
    EN_CLASSIFIERS = "en/classifiers.txt", Model;
    EN_CLAUSE_LINKS = "en/clause-links.txt", RunTime;
    EN_FRAME_CONJUNCTIONS = "en/frame-conjunctions.txt", RunTime;
    EN_CLAUSE_OPENERS = "en/clause-openers.txt", RunTime;
    EN_COUNTRIES = "en/countries.txt", Model;
    EN_DESCRIPTION_OPENERS = "en/description-openers.txt", RunTime;
    EN_FRAME_ADVERBS = "en/frame-adverbs.txt", RunTime;
    EN_GIVEN_NAMES_FEMALE = "en/given-names-female.txt", RunTime;
    EN_GIVEN_NAMES_MALE = "en/given-names-male.txt", RunTime;
    EN_GOVERNING_PREPOSITIONS = "en/governing-prepositions.txt", RunTime;
    EN_LOCATIVE_PREPOSITIONS = "en/locative-prepositions.txt", RunTime;
    EN_MONTH_ABBREVIATIONS = "en/month-abbreviations.txt", RunTime;
    EN_MONTHS = "en/months.txt", RunTime;
    EN_MONTHS_AMBIGUOUS = "en/months-ambiguous.txt", RunTime;
    EN_NAME_INNER_WORDS = "en/name-inner-words.txt", RunTime;
    EN_NAME_PARTICLES = "en/name-particles.txt", Model;
    EN_NOT_NAMES = "en/not-names.txt", RunTime;
    EN_OBJECT_SPEECH_VERBS = "en/object-speech-verbs.txt", RunTime;
    EN_ORG_HEADS = "en/org-heads.txt", Model;
    EN_PHRASE_STOPS = "en/phrase-stops.txt", RunTime;
    EN_PLACE_HEADS = "en/place-heads.txt", RunTime;
    EN_PRONOUNS = "en/pronouns.txt", RunTime;
    EN_SPEECH_PARTICIPLES = "en/speech-participles.txt", RunTime;
    EN_SPEECH_SOURCES = "en/speech-sources.txt", RunTime;
    EN_SPEECH_VERBS = "en/speech-verbs.txt", RunTime;
    EN_SPEECH_VERBS_WEAK = "en/speech-verbs-weak.txt", RunTime;
    EN_TERM_NOUNS = "en/term-nouns.txt", RunTime;
    EN_TIME_ADVERBS = "en/time-adverbs.txt", RunTime;
    EN_TITLES = "en/titles.txt", Both;
    EN_TITLES_SPEAKER = "en/titles-speaker.txt", RunTime;
    EN_TITLES_TAGGER = "en/titles-tagger.txt", Model;
    EN_TITLE_ABBREVIATIONS = "en/title-abbreviations.txt", RunTime;
    EN_WEEKDAYS = "en/weekdays.txt", RunTime;
    EN_YEAR_CUES = "en/year-cues.txt", RunTime;
}

#[cfg(test)]
mod tests;
