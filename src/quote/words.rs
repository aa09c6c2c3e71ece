//! General vocabulary the quotation stages share: titles, function words,
//! the conjunctions that introduce reported speech, and word shapes.
//!
//! Everything here is ordinary language (no names of people or places), stored
//! as folded keys ([`crate::text::key`]) so that hamza and ة/ه spellings match.
//! Look-ups take a token's folded form and try it with a leading conjunction
//! (و ف) removed, since speech verbs and titles are written glued to them.

use crate::entity::fasthash::FastSet;
use crate::text::key;
use std::sync::OnceLock;

fn set(words: &[&str]) -> FastSet<String> {
    words.iter().map(|w| key(w)).collect()
}

macro_rules! lexicon {
    ($(#[$m:meta])* $name:ident, $words:expr) => {
        $(#[$m])*
        pub(crate) fn $name(w: &str) -> bool {
            static SET: OnceLock<FastSet<String>> = OnceLock::new();
            SET.get_or_init(|| set($words)).contains(w)
        }
    };
}

/// The conjunction "that" after a speech verb, with its attached pronouns
/// and preposition (إن، أن، أنه، بأن، بأنها...). Folding merges إن and أن.
pub(crate) fn is_anna(w: &str) -> bool {
    let w = w.strip_prefix('ب').unwrap_or(w);
    matches!(
        w,
        "ان" | "انه" | "انها" | "انهم" | "انهما" | "انهن" | "اننا" | "انني" | "انا"
    )
}

lexicon!(
    /// Titles and roles that stand before a name (`وزير`, `المتحدث`, `نظيره`).
    is_title,
    &[
        "رئيس", "الرئيس", "رئيسة", "الرئيسة", "وزير", "الوزير", "وزيرة", "الوزيرة", "نائب",
        "النائب", "نائبة", "المتحدث", "متحدث", "المتحدثة", "متحدثة", "الناطق", "ناطق",
        "الناطقة", "سفير", "السفير", "سفيرة", "مستشار", "المستشار", "مستشارة", "مدير",
        "المدير", "مديرة", "المديرة", "الأمين", "قائد", "القائد", "زعيم", "الزعيم",
        "مندوب", "المندوب", "مندوبة", "ممثل", "الممثل", "مبعوث", "المبعوث", "ملك", "الملك",
        "الملكة", "أمير", "الأمير", "ولي", "الشيخ", "السيد", "السيدة", "الدكتور", "الدكتورة",
        "الطبيب", "طبيب", "اللواء", "العميد", "العقيد", "الجنرال", "المشير", "الفريق",
        "المدرب", "مدرب", "مدربة", "اللاعب", "لاعب", "لاعبة", "نجم", "النجم", "حارس",
        "قائد", "محافظ", "المحافظ", "حاكم", "الحاكم", "عضو", "العضو", "رئيس", "نظير",
        "نظيره", "نظيرها", "نظيرته", "الخبير", "خبير", "الخبيرة", "المحلل", "محلل", "الباحث",
        "باحث", "الباحثة", "المسؤول", "مسؤول", "المسؤولة", "البروفيسور", "الأستاذ", "أستاذ",
        "المفوض", "مفوض", "النائبة", "عمدة", "العمدة", "رئيسه", "الكاتب", "الصحفي",
        "المصدر", "مصدر", "المرشح", "مرشح", "الإمام", "البابا", "الوزراء",
    ]
);

lexicon!(
    /// Words that end a speaker's noun phrase after a speech verb: prepositions,
    /// time adverbs, relatives, particles.
    is_np_stop,
    &[
        "في", "خلال", "من", "عن", "على", "إلى", "الى", "مع", "لدى", "عند", "حول", "بشأن",
        "بشان", "بعد", "قبل", "أمام", "عقب", "أثناء", "اثناء", "منذ", "حتى", "عبر",
        "بحسب", "حسب", "وفق", "وفقا", "وفقاً", "نقلا", "طبقا", "اليوم", "أمس", "امس", "يوم",
        "مساء", "صباح", "ظهر", "ليل", "ليلة", "للصحفيين", "للصحافيين", "للصحافة", "لوكالة",
        "لقناة", "لصحيفة", "بدوره", "بدورها", "أيضا", "ايضا", "كذلك", "جهته", "جهتها",
        "ناحيته", "ناحيتها", "قد", "لقد", "ما", "الذي", "التي", "الذين", "اللذين", "لا",
        "لم", "لن", "إنه", "كما", "ثم", "أو", "او", "و", "ف", "إذا", "اذا", "حين", "حيث",
        "بينما", "فيما", "إلا", "الا", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم",
        "الآن", "الان", "مجددا", "مرة", "أخرى", "سابق", "وقت", "بيان", "تصريح",
        "تصريحات", "مقابلة", "مؤتمر", "كلمة", "تغريدة", "اجتماع", "لقاء", "اتصال",
        "أول", "اول", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    ]
);

lexicon!(
    /// Auxiliaries skipped when looking for a subject before its verb
    /// (`الرئاسة قد قالت`, `كان X قد قال`).
    is_aux, &["قد", "كان", "كانت", "وكان", "وكانت", "لقد"]);

lexicon!(
    /// Function words that never belong to a name.
    is_function,
    &[
        "في", "من", "عن", "على", "إلى", "الى", "مع", "لدى", "عند", "ان", "أن", "إن", "انه",
        "هو", "هي", "هم", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "الذين", "ما", "ماذا",
        "لا", "لم", "لن", "قد", "كان", "كانت", "كما", "ثم", "أو", "او", "و", "ف", "بل",
        "لكن", "لكنه", "إذا", "اذا", "حين", "حيث", "بينما", "فيما", "إلا", "الا", "كل", "بعض",
        "غير", "بين", "بدوره", "بدورها", "أيضا", "ايضا", "كذلك", "جهته", "جهتها", "اليوم",
        "أمس", "امس", "يوم", "مساء", "صباح", "وقال", "عقب", "بعد", "قبل", "خلال", "نحو",
        "منذ", "حتى", "عبر", "بشأن", "حول", "أمام", "لدى", "يجب", "يمكن",
    ]
);

lexicon!(
    /// Nouns after which a quoted phrase is a name or label, not speech:
    /// `تنظيم "…"`, `عملية "…"`, `برنامج "…"`, `ما يسمى "…"`.
    is_term_noun,
    &[
        "تنظيم", "حركة", "جماعة", "حزب", "جبهة", "عملية", "برنامج", "مشروع", "مبادرة",
        "قناة", "صحيفة", "مجلة", "وكالة", "شركة", "فريق", "نادي", "مسلسل", "فيلم", "كتاب",
        "رواية", "أغنية", "مسلحي", "عناصر", "مقاتلي", "تحالف", "مجموعة", "اسم", "باسم",
        "لقب", "شعار", "وسم", "هاشتاغ", "هاشتاج", "مصطلح", "عبارة", "مسمى", "يسمى", "تسمى",
        "المسمى", "المسماة", "المعروف", "المعروفة", "بـ", "منصة", "تطبيق", "موقع", "حملة",
        "مهرجان", "بطولة", "كأس", "مسابقة", "جائزة", "لواء", "كتيبة", "ميليشيا", "فصيل",
        "تنسيقية", "ائتلاف", "قمة", "مؤتمر", "منتدى", "اتفاق", "اتفاقية", "خطة", "قانون",
        "called", "named", "dubbed", "so-called", "term", "word", "group", "operation",
        "campaign", "programme", "program", "party", "movement", "hashtag", "slogan", "label",
    ]
);

lexicon!(
    /// Words directly before a quote mark that keep a following quotation
    /// direct (the speech frame continues up to the mark).
    is_frame_adverb,
    &[
        "للصحفيين", "للصحافيين", "للصحافة", "بدوره", "بدورها", "أيضا", "ايضا", "كذلك",
        "جهته", "جهتها", "ناحيته", "ناحيتها", "مضيفا", "قائلا", "بالقول", "اليوم", "أمس",
        "امس", "سابق", "reporters", "journalists", "also", "then", "later", "today",
        "yesterday", "earlier",
    ]
);

lexicon!(
    /// Words in front of an أن-clause that make it something other than reported
    /// speech (`يمكن أن`, `بعد أن`, `من أجل أن`).
    is_anna_blocker,
    &[
        "يمكن", "يجب", "ينبغي", "بعد", "قبل", "دون", "بدون", "من", "أجل", "اجل", "حتى",
        "لكي", "كي", "بدل", "بدلا", "بد", "يريد", "تريد", "أراد", "اراد", "أرادت", "يتعين",
        "تقرر", "قرر", "قررت", "طلب", "ضرورة", "المفترض", "المقرر", "شرط", "بشرط", "ريثما",
        "مجرد", "منذ", "رغم", "برغم", "يحتمل", "المحتمل", "الممكن", "المتوقع", "يتوقع",
        "يستطيع", "تستطيع", "استطاع", "حاول", "تحاول", "يحاول", "عسى", "سبق", "كما", "لولا", "لو", "إما", "اما", "بما", "وبما", "مثل",
    ]
);

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

/// Whether a folded word carries the definite article (after any conjunction).
pub(crate) fn is_definite(w: &str) -> bool {
    let w = strip_conj(w);
    (w.starts_with("ال") || w.starts_with("لل")) && w.chars().count() > 3
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

// English vocabulary.

lexicon!(
    is_en_title,
    &[
        "president",
        "minister",
        "prime",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "coach",
        "manager",
        "chief",
        "director",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "leader",
        "senator",
        "governor",
        "mayor",
        "dr",
        "mr",
        "mrs",
        "ms",
        "professor",
        "general",
        "gen",
        "captain",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "official",
        "analyst",
        "economist",
        "doctor",
        "king",
        "queen",
        "prince",
        "sheikh",
        "envoy",
        "commissioner",
        "chancellor",
        "vice",
        "deputy",
        "executive",
        "health",
        "finance",
        "interior",
        "state",
        "lord",
        "sir",
        "judge",
        "rep",
        "sen",
        "gov",
        "lt",
        "col",
        "sgt",
        "adviser",
        "advisor",
        "counterpart",
        "researcher",
        "scientist",
        "author",
        "player",
        "boss",
    ]
);

lexicon!(
    is_en_function_word,
    &[
        "in",
        "on",
        "at",
        "to",
        "from",
        "with",
        "during",
        "after",
        "before",
        "on",
        "about",
        "that",
        "this",
        "when",
        "while",
        "as",
        "and",
        "but",
        "or",
        "of",
        "for",
        "by",
        "on",
        "reporters",
        "journalists",
        "told",
        "in",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "also",
        "then",
        "later",
        "today",
        "yesterday",
        "earlier",
        "on",
        "last",
        "who",
        "which",
        "where",
        "the",
    ]
);

/// English words that never begin or end a speaker's name: function words
/// and the day names dates use.
pub(crate) fn is_en_stop(w: &str) -> bool {
    static WEEKDAYS: crate::wordlist::Set =
        crate::wordlist::Set::new(&[crate::wordlist::EN_WEEKDAYS]);
    is_en_function_word(w) || WEEKDAYS.contains(w)
}
