//! DATE mentions by rule: day names, months (Gregorian and Levantine, alone or
//! paired as in `آب/ أغسطس`), years, full dates, and a following الماضي /
//! المقبل ("last" / "next"), in Arabic and English.
//!
//! Spans follow the annotation guidelines: `اليوم`, `يوم`, `صباح`, `مساء`
//! before a day name stay outside (`صباح الخميس` → `الخميس`); relative time
//! (`أول أمس`, `الشهر الجاري`) is not a date. Ambiguous words are months
//! only in a date context: `مارس` is also the verb "practised", `آب`
//! folds to `اب` ("father"), `May` is also a modal verb.

use super::Span;
use crate::analysis::Label;
use crate::text::{Document, Token, TokenKind};
use crate::wordlist::{self, Set};

/// Months that are also common words (`مارس`, `آب`, `may`): months only in a
/// date context.
pub(crate) static AMBIGUOUS_MONTHS: Set =
    Set::new(&[wordlist::AR_MONTHS_AMBIGUOUS, wordlist::EN_MONTHS_AMBIGUOUS]);

/// Finds DATE spans.
pub fn find(doc: &Document) -> Vec<Span> {
    let d = Dates::new(doc);
    let toks = &doc.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((start, end)) = date_at(&d, i) {
            out.push(Span {
                tokens: i..end,
                start,
                label: Label::DATE,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// A document with, per token, the lists ([`list_bits`]) its forms belong
/// to, looked up once: the rules ask about each token several times.
struct Dates<'d, 't> {
    doc: &'d Document<'t>,
    /// Per token: the lists of its folded form, its stem, and its forms
    /// without each possible proclitic (the order [`word_in`] tries them).
    forms: Vec<[u8; 4]>,
}

impl<'d, 't> Dates<'d, 't> {
    fn new(doc: &'d Document<'t>) -> Dates<'d, 't> {
        // Once per spelling: its tokens have the same forms.
        let mut by_spelling: Vec<Option<[u8; 4]>> = vec![None; doc.spellings];
        let forms = doc
            .tokens
            .iter()
            .map(|t| match by_spelling.get_mut(t.spelling as usize) {
                Some(Some(f)) => *f,
                Some(slot) => *slot.insert(token_lists(t)),
                None => token_lists(t),
            })
            .collect();
        Dates { doc, forms }
    }
}

/// The lists of token `t`'s forms, as [`Dates::forms`] holds them.
fn token_lists(t: &Token) -> [u8; 4] {
    let mut f = [0u8; 4];
    // Punctuation has lists too (`-` between two days).
    f[0] = list_bits(&t.norm);
    if !t.is_word() {
        return f;
    }
    let stem = t.stem_norm();
    f[1] = if stem.len() == t.norm.len() {
        f[0]
    } else {
        list_bits(stem)
    };
    for (slot, n) in f[2..].iter_mut().zip(t.proclitics.possible_lens()) {
        *slot = t.norm.get(n..).map_or(0, list_bits);
    }
    f
}

/// A group of word lists, as a bit in [`list_bits`].
#[derive(Clone, Copy)]
struct List(u8);

const IN_MONTHS: List = List(1);
const IN_MONTH_HEADS: List = List(2);
const IN_MONTH_ORDINALS: List = List(4);
const IN_WEEKDAYS: List = List(8);
const IN_RELATIVE: List = List(16);
const IN_YEAR_CUES: List = List(32);
const IN_DAY_ORDINALS: List = List(64);
const IN_DATE_LINKS: List = List(128);

/// The lists each listed word belongs to, built once: every token is
/// checked against several lists, and a scan of each list per token was a
/// noticeable part of the whole analysis.
fn list_bits(word: &str) -> u8 {
    use super::fasthash::FastMap;
    use std::sync::OnceLock;
    static BITS: OnceLock<FastMap<String, u8>> = OnceLock::new();
    let bits = BITS.get_or_init(|| {
        use wordlist as w;
        let mut m: FastMap<String, u8> = FastMap::default();
        let mut add = |keys: &mut dyn Iterator<Item = String>, list: List| {
            for k in keys {
                *m.entry(k).or_insert(0) |= list.0;
            }
        };
        for (lists, list) in [
            (
                &[w::AR_MONTHS, w::EN_MONTHS, w::EN_MONTH_ABBREVIATIONS][..],
                IN_MONTHS,
            ),
            (&[w::AR_WEEKDAYS, w::EN_WEEKDAYS], IN_WEEKDAYS),
            (&[w::AR_DATE_RELATIVE], IN_RELATIVE),
            (&[w::AR_YEAR_CUES, w::EN_YEAR_CUES], IN_YEAR_CUES),
            (&[w::AR_DAY_ORDINALS], IN_DAY_ORDINALS),
            (&[w::AR_DATE_LINKS], IN_DATE_LINKS),
        ] {
            add(&mut lists.iter().flat_map(|l| l.keys()), list);
        }
        // Two-word months (`كانون الثاني`) are matched word by word.
        for (n, list) in [(0, IN_MONTH_HEADS), (1, IN_MONTH_ORDINALS)] {
            let word = |k: String| k.split(' ').nth(n).map(str::to_string);
            add(&mut w::AR_MONTHS_TWO_WORD.keys().filter_map(word), list);
        }
        m
    });
    bits.get(word).copied().unwrap_or(0)
}

/// Whether token `k`, as written, links two days or ordinals (`و`, `إلى`,
/// `-`, `عشر`).
fn is_link(d: &Dates, k: usize) -> bool {
    d.forms.get(k).is_some_and(|f| f[0] & IN_DATE_LINKS.0 != 0)
}

/// The stem of token `i` with possible proclitics removed, if it is one of `list`'s words:
/// returns the byte offset where the matched word starts.
fn word_in(d: &Dates, i: usize, list: List) -> Option<usize> {
    let t = d.doc.tokens.get(i)?;
    let f = d.forms.get(i)?;
    if !t.is_word() {
        return None;
    }
    if f[0] & list.0 != 0 {
        return Some(t.start);
    }
    if f[1] & list.0 != 0 {
        return Some(t.stem);
    }
    for (n, bits) in t.proclitics.possible_lens().zip(&f[2..]) {
        if bits & list.0 != 0 {
            return Some(t.start_after_folded(d.doc.text, n));
        }
    }
    None
}

fn number(t: &Token, lo: u32, hi: u32) -> bool {
    t.kind == TokenKind::Number && t.norm.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

fn is_year(t: Option<&Token>) -> bool {
    t.is_some_and(|t| number(t, 1000, 2100) && t.norm.len() == 4)
}

fn is_day(t: Option<&Token>) -> bool {
    t.is_some_and(|t| number(t, 1, 31))
}

/// Token range of a month name starting at `i`: its start offset and end token.
fn month_at(d: &Dates, i: usize) -> Option<(usize, usize)> {
    if let Some(s) = word_in(d, i, IN_MONTH_HEADS) {
        if word_in(d, i + 1, IN_MONTH_ORDINALS).is_some() {
            return Some((s, i + 2));
        }
        return None;
    }
    let s = word_in(d, i, IN_MONTHS)?;
    // An ambiguous month reached past a possible proclitic other than و is
    // the word, not the month (`باب`, a door, is no ب + `آب`).
    let t = &d.doc.tokens[i];
    let past = &d.doc.text[t.start..s];
    if s > t.start && past != "و" && AMBIGUOUS_MONTHS.contains(&month_form(d, i, s)) {
        return None;
    }
    Some((s, i + 1))
}

/// The folded month word of token `i` as matched from byte `start`, past
/// any possible proclitic.
fn month_form(d: &Dates, i: usize, start: usize) -> String {
    crate::text::key(&d.doc.text[start..d.doc.tokens[i].end])
}

/// A date starting at token `i`: its start offset and end token.
fn date_at(d: &Dates, i: usize) -> Option<(usize, usize)> {
    let doc = d.doc;
    let toks = &doc.tokens;
    let tok = |k: usize| toks.get(k);
    let punct = |k: usize, c: char| tok(k).is_some_and(|t| t.is_punct(doc.text, c));

    // A day number opening a full date: `15 أيلول 2016`, `3 March`, and
    // two days sharing the month (`5 و 19 مارس 2015`, `15 إلى 31 أغسطس`).
    if is_day(tok(i)) {
        let month = if is_link(d, i + 1) && is_day(tok(i + 2)) {
            i + 3
        } else {
            i + 1
        };
        if let Some((_, end)) = month_at(d, month) {
            let end = extend_month(d, end);
            return Some((toks[i].start, end));
        }
    }
    // An ordinal day before من and the month: `الثامن من أيار/مايو`.
    if let Some((start, month)) = ordinal_day(d, i) {
        if let Some((_, end)) = month_at(d, month) {
            return Some((start, extend_month(d, end)));
        }
    }
    if let Some(start) = word_in(d, i, IN_WEEKDAYS) {
        let t = &toks[i];
        // English day names are capitalised.
        if t.kind == TokenKind::Latin && !t.text(doc.text).starts_with(char::is_uppercase) {
            return None;
        }
        let mut end = i + 1;
        if is_day(tok(end)) && month_at(d, end + 1).is_some() {
            end = extend_month(d, month_at(d, end + 1)?.1);
        } else if word_in(d, end, IN_RELATIVE).is_some() {
            end += 1;
        }
        return Some((start, end));
    }
    if let Some((start, end)) = month_at(d, i) {
        let t = &toks[i];
        if t.kind == TokenKind::Latin && !t.text(doc.text).starts_with(char::is_uppercase) {
            return None;
        }
        let full = extend_month(d, end);
        let form = month_form(d, i, start);
        let contextual = full > end
            || is_day(tok(i.wrapping_sub(1)))
            || (i > 0 && toks[i - 1].norm == "شهر")
            // `آب` with its madda is the month, `أب` the father.
            || (form == "اب" && doc.text[start..t.end].starts_with('آ'));
        if AMBIGUOUS_MONTHS.contains(&form) && !contextual {
            return None;
        }
        return Some((start, full));
    }
    if is_year(tok(i)) {
        let prev_cue = i > 0 && word_in(d, i - 1, IN_YEAR_CUES).is_some();
        let next_free = tok(i + 1).is_none_or(|n| n.kind == TokenKind::Punct || n.norm == "م");
        let comma_prev = i > 0 && punct(i - 1, ',');
        if prev_cue || next_free || comma_prev || recent_year_after_word(d, i) {
            return Some((toks[i].start, i + 1));
        }
    }
    None
}

/// Years of recent news that name an edition or a season after a word
/// (`كأس العالم 2018`, `ملتقى 2018`, `صيف 2017`): a count of that size
/// right after a word is rare, and round numbers (`2000 شخص`) are left out.
const RECENT_YEARS: std::ops::RangeInclusive<u32> = 1950..=2035;

/// Whether the year at token `i` (a four-digit number, [`is_year`]) follows
/// an Arabic word and is a recent, not round, year.
fn recent_year_after_word(d: &Dates, i: usize) -> bool {
    let toks = &d.doc.tokens;
    let n: u32 = toks[i].norm.parse().unwrap_or(0);
    let after_word = i > 0 && toks[i - 1].kind == TokenKind::Arabic;
    after_word && RECENT_YEARS.contains(&n) && n % 100 != 0
}

/// An ordinal day at token `i` (`السادس`, `الحادي عشر`, `الخامس والعشرين`)
/// followed by من: its start offset and the token after من.
fn ordinal_day(d: &Dates, i: usize) -> Option<(usize, usize)> {
    let toks = &d.doc.tokens;
    // An ordinal after a definite noun counts something else: `الأسبوع الأول
    // من مارس` is a week.
    let after_noun =
        i > 0 && toks[i - 1].kind == TokenKind::Arabic && toks[i - 1].norm.starts_with("ال");
    if after_noun {
        return None;
    }
    let start = word_in(d, i, IN_DAY_ORDINALS)?;
    let mut k = i + 1;
    // The teens (`الحادي عشر`) and the tens after و, glued or apart
    // (`الخامس والعشرين`, `الخامس و العشرين`).
    if is_link(d, k) && word_in(d, k + 1, IN_DAY_ORDINALS).is_some() {
        k += 2;
    } else if is_link(d, k) || word_in(d, k, IN_DAY_ORDINALS).is_some() {
        k += 1;
    }
    (toks.get(k)?.norm == "من").then_some((start, k + 1))
}

/// Extends a month ending at token `end` with `/ other month`, a year
/// (also after `من عام`: `3 يونيو/حزيران من عام 1979`) and الماضي/المقبل.
fn extend_month(d: &Dates, mut end: usize) -> usize {
    let doc = d.doc;
    let toks = &doc.tokens;
    if toks.get(end).is_some_and(|t| t.is_punct(doc.text, '/')) {
        if let Some((_, e)) = month_at(d, end + 1) {
            end = e;
        }
    }
    // `March 3, 2016`
    if toks
        .get(end)
        .is_some_and(|t| t.kind == TokenKind::Number && number(t, 1, 31) && t.norm.len() <= 2)
        && toks.get(end + 1).is_some_and(|t| t.is_punct(doc.text, ','))
        && is_year(toks.get(end + 2))
    {
        return end + 3;
    }
    if is_year(toks.get(end)) {
        end += 1;
    } else if toks.get(end).is_some_and(|t| t.norm == "من") {
        // `من عام 1979`, `من العام 2009`; not `من العام المقبل`.
        let cue = word_in(d, end + 1, IN_YEAR_CUES).is_some();
        if cue && is_year(toks.get(end + 2)) {
            return end + 3;
        }
    }
    if word_in(d, end, IN_RELATIVE).is_some() {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(s: &str) -> Vec<&str> {
        let doc = Document::new(s);
        find(&doc)
            .iter()
            .map(|d| &s[d.start..doc.tokens[d.tokens.end - 1].end])
            .collect()
    }

    #[test]
    fn day_names_without_their_frame_words() {
        assert_eq!(dates("قال اليوم الجمعة إن"), ["الجمعة"]);
        assert_eq!(dates("وبدأت صباح الخميس عملية"), ["الخميس"]);
        assert_eq!(dates("يوم الأحد الماضي"), ["الأحد الماضي"]);
    }

    #[test]
    fn paired_and_levantine_months_with_years() {
        assert_eq!(dates("في آب/ أغسطس الماضي."), ["آب/ أغسطس الماضي"]);
        assert_eq!(dates("منذ أيلول/سبتمبر 2015 واتخذت"), ["أيلول/سبتمبر 2015"]);
        assert_eq!(dates("في نيسان الماضي، دون"), ["نيسان الماضي"]);
        assert_eq!(dates("في 15 كانون الثاني 2017"), ["15 كانون الثاني 2017"]);
    }

    #[test]
    fn bare_years_need_a_context() {
        assert_eq!(dates("منذ اندلاع النزاع في 2011 بفضل"), ["2011"]);
        assert_eq!(dates("نحو 2000 شخص"), Vec::<&str>::new());
        assert_eq!(dates("في أوائل 1990 بدأ المشروع"), ["1990"]);
        assert_eq!(dates("في بطولة كأس العالم 2018 بروسيا"), ["2018"]);
        // A round year after the dual of `عام`, a far one after `بحلول`.
        assert_eq!(dates("بين عامي 2000 و2005 وقعت"), ["2000", "2005"]);
        assert_eq!(dates("قبل الموعد بحلول 2050 إذا لم"), ["2050"]);
        assert_eq!(dates("وصل نحو 2000 شخص"), Vec::<&str>::new());
    }

    #[test]
    fn ambiguous_month_words_need_a_date_context() {
        assert_eq!(dates("مارس الضغط على الحكومة"), Vec::<&str>::new());
        assert_eq!(dates("في 3 مارس قال"), ["3 مارس"]);
        assert_eq!(dates("وصل أب إلى"), Vec::<&str>::new());
    }

    #[test]
    fn full_dates_in_their_long_forms() {
        // `من عام` before the year, a weekday before the date, Maghrebi
        // months, ordinal days and two days sharing a month are one date;
        // `من العام المقبل` is no year.
        assert_eq!(
            dates("في 3 يونيو/حزيران من عام 1979 افتتح"),
            ["3 يونيو/حزيران من عام 1979"]
        );
        assert_eq!(
            dates("في نوفمبر من العام 2009، وفق"),
            ["نوفمبر من العام 2009"]
        );
        assert_eq!(dates("في 12 تموز/يوليو من العام المقبل"), ["12 تموز/يوليو"]);
        assert_eq!(dates("أمس الأحد 12 جوان 2011 ضيفا"), ["الأحد 12 جوان 2011"]);
        assert_eq!(
            dates("في الثامن من أيار/مايو، وفي الخامس والعشرين من ديسمبر"),
            ["الثامن من أيار/مايو", "الخامس والعشرين من ديسمبر"]
        );
        assert_eq!(dates("في 5 و 19 مارس 2015."), ["5 و 19 مارس 2015"]);
        assert_eq!(dates("شاهد فيلم غيت آوت وقالت ماي إن"), Vec::<&str>::new());
        assert_eq!(dates("وقال إن باب الحوار لم يغلق بعد"), Vec::<&str>::new());
        assert_eq!(dates("في السادس من باب الحديد"), Vec::<&str>::new());
        assert_eq!(dates("في الأسبوع الأول من مارس المقبل"), ["مارس المقبل"]);
        assert_eq!(
            dates("في الحادي عشر من سبتمبر، والخامس و العشرين من ديسمبر"),
            ["الحادي عشر من سبتمبر", "الخامس و العشرين من ديسمبر"]
        );
        assert_eq!(
            dates("في الفترة من 15 إلى 31 أغسطس/آب، وفي 14 مايو الجاري"),
            ["15 إلى 31 أغسطس/آب", "14 مايو الجاري"]
        );
        assert_eq!(
            dates("في أكتوبر/تشرين أول الماضي"),
            ["أكتوبر/تشرين أول الماضي"]
        );
    }

    #[test]
    fn english_dates() {
        assert_eq!(dates("He said on Friday that"), ["Friday"]);
        assert_eq!(
            dates("on March 3, 2016, and in May 2019 it may rain"),
            ["March 3, 2016", "May 2019"]
        );
    }
}
