//! Hostile and odd input: every case gets a result whose spans are in bounds,
//! on char boundaries, sorted, slice the text they claim (in bytes and, after
//! conversion, in UTF-16), and the same result twice; or a clear error.

mod common;

use common::check;
use qawl::{analyze, Error, MAX_INPUT_BYTES};

#[test]
fn empty_and_blank_text() {
    for t in ["", " ", "\n\n\n", "\u{200F}\u{200B}", "\t \u{00A0}"] {
        let a = check(t);
        assert!(a.entities.is_empty() && a.quotes.is_empty());
    }
}

#[test]
fn only_diacritics_only_punctuation_only_tatweel() {
    check(&"ًٌٍَُِّْ".repeat(1000));
    check(&"،.؛:!؟?…«»\"'()[]{}-–—".repeat(1000));
    check(&"ـ".repeat(5000));
}

#[test]
fn a_hundred_thousand_quote_marks() {
    for mark in ["\"", "“", "”", "«", "»", "„", "'"] {
        check(&mark.repeat(100_000));
    }
    check(&"\"قال\" ".repeat(20_000));
    check(&"«“\"»”".repeat(20_000));
}

#[test]
fn one_megabyte_line_without_spaces() {
    check(&"بوتين".repeat(100_000));
    check(&"a".repeat(1 << 20));
    check(&"1".repeat(1 << 20));
    check(&".".repeat(1 << 20));
}

#[test]
fn ten_megabytes_of_article_text() {
    let article =
        "قال الرئيس في مؤتمر صحفي يوم الجمعة إن \"المحادثات مستمرة\"، مضيفا أن الاتفاق صامد.\n";
    let text = article.repeat(10 * (1 << 20) / article.len());
    let a = check(&text);
    assert!(a.quotes.len() > 1000);
}

#[test]
fn one_sentence_of_many_quoted_organizations() {
    // No full stop: one sentence of 100,000 organizations named in quote
    // marks after a classifier or a head. Replacing the tagger's spans
    // inside each name was quadratic in the sentence's spans (minutes);
    // every name is found.
    for head in ["منظمة", "حزب"] {
        let text = format!("{head} \"زيكار بقلمون\" و ").repeat(100_000);
        let orgs = organizations(&text);
        assert!(orgs >= 100_000, "{head}: {orgs} organizations");
    }
}

#[test]
fn one_sentence_of_many_parties_named_by_a_country() {
    // No full stop: 8,000 parties named by a noun and a country, and each
    // again without its head (most are found: 10,994). Looking each word
    // up among every party the article had named was quadratic.
    const LETTERS: [char; 20] = [
        'ب', 'ج', 'د', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م',
        'ن', 'و',
    ];
    let mut text = String::new();
    for a in LETTERS {
        for b in LETTERS {
            for c in LETTERS {
                let noun: String = ['م', a, b, c].iter().collect();
                text.push_str(&format!("حزب {noun} الأردن و{noun} الأردن و "));
            }
        }
    }
    let orgs = organizations(&text);
    assert!(orgs >= 10_000, "{orgs} organizations");
}

/// The organizations found in `text`, whose result [`check`] checks.
fn organizations(text: &str) -> usize {
    check(text)
        .entities
        .iter()
        .filter(|e| e.label == qawl::Label::ORG)
        .count()
}

#[test]
fn mixed_scripts_and_astral_characters_around_entities() {
    check("😀بوتين😀 قال 🇸🇾«سوريا👍» Paris🙂London يوم 😀الجمعة😀");
    check("𝔸𝕣𝕒𝕓𝕚𝕔 𝟚𝟘𝟙𝟝 قال \"𝒬\"");
}

#[test]
fn bidi_overrides_and_zero_width_characters() {
    check("\u{202E}قال بوتين \"نعم\"\u{202C} \u{2066}يوم\u{2069} الجمعة\u{200B}\u{200C}\u{200D}\u{FEFF}");
    check(&"\u{202E}\u{202D}\u{2067}".repeat(10_000));
}

#[test]
fn html_markup_is_just_text() {
    let t = "<p>قال <b>بوتين</b> \"<script>alert(1)</script>\"</p><img src=x onerror=alert(1)>";
    let a = check(t);
    for q in &a.quotes {
        assert_eq!(&t[q.start..q.end], q.text);
    }
}

#[test]
fn replacement_characters_from_lone_surrogates() {
    // JavaScript lone surrogates reach Rust as U+FFFD (one UTF-16 unit each).
    check("\u{FFFD}قال \u{FFFD}\"نعم\u{FFFD}\" يوم الجمعة\u{FFFD}");
}

#[test]
fn input_over_the_limit_is_a_clear_error() {
    let text = "a".repeat(MAX_INPUT_BYTES + 1);
    match analyze(&text) {
        Err(e @ Error::TooLarge { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("limit") && msg.contains("split"), "{msg}");
        }
        Ok(_) => panic!("over-limit input must be refused"),
    }
}
