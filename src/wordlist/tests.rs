//! Checks every file of `lexicon/`: it is registered, has its header, its
//! entries are clean, in its script and unique after folding, the lists one
//! [`Set`] joins share no entry, and lists that contradict each other share
//! none either.

use super::*;
use std::collections::BTreeSet;

fn keys(lists: &[List]) -> BTreeSet<String> {
    lists.iter().flat_map(|l| l.keys()).collect()
}

/// The files under `lexicon/{ar,en}/`, as paths under `lexicon/`.
fn files_on_disk() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon");
    let mut out = BTreeSet::new();
    for dir in ["ar", "en"] {
        for e in std::fs::read_dir(root.join(dir)).expect("lexicon/ar and lexicon/en") {
            let name = e.expect("directory entry").file_name();
            out.insert(format!("{dir}/{}", name.to_string_lossy()));
        }
    }
    out
}

#[test]
fn every_file_is_registered_once() {
    let registered: BTreeSet<String> = ALL.iter().map(|l| l.path.to_string()).collect();
    assert_eq!(registered.len(), ALL.len(), "a file is registered twice");
    assert_eq!(files_on_disk(), registered);
}

#[test]
fn every_file_has_its_header() {
    for l in ALL {
        let header: Vec<&str> = l.text.lines().take_while(|x| x.starts_with('#')).collect();
        let has = |label: &str| header.iter().any(|x| x.starts_with(label));
        assert!(header.len() >= 3, "{}: header too short", l.path);
        assert!(has("# Read by: "), "{}: no `# Read by:` line", l.path);
        assert!(
            has("# Takes effect: "),
            "{}: no `# Takes effect:` line",
            l.path
        );
        // The effect line (and its continuation) agrees with the registry.
        let effect = header
            .iter()
            .skip_while(|x| !x.starts_with("# Takes effect: "))
            .take_while(|x| x.starts_with("# Takes") || x.starts_with("#   "))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let train = effect.contains("`make train`");
        let run = effect.contains("at run time");
        let want = match l.effect {
            Effect::RunTime => (false, true),
            Effect::Model => (true, false),
            Effect::Both => (true, true),
        };
        assert_eq!(
            (train, run),
            want,
            "{}: effect line says {effect:?}",
            l.path
        );
    }
}

#[test]
fn entries_are_clean_and_in_their_script() {
    let arabic =
        |c: char| ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{064B}'..='\u{0652}').contains(&c);
    let latin = |c: char| c.is_ascii_lowercase() || c == '-';
    for l in ALL {
        assert!(l.text.ends_with('\n'), "{}: no final newline", l.path);
        let in_script: &dyn Fn(char) -> bool = if l.path.starts_with("ar/") {
            &arabic
        } else {
            &latin
        };
        let mut n = 0;
        for (i, line) in l.text.lines().enumerate() {
            let at = format!("{}:{}", l.path, i + 1);
            assert!(!line.contains(['\r', '\t']), "{at}: tab or CR");
            assert!(line.is_empty() || line.trim() == line, "{at}: edge spaces");
            if line.starts_with('#') {
                assert!(
                    line == "#" || line.starts_with("# "),
                    "{at}: `#` without a space"
                );
                continue;
            }
            assert!(!line.contains("  "), "{at}: double space");
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                // `-` stands for an empty column of a table.
                assert!(
                    word == "-" || word.chars().all(in_script),
                    "{at}: {word:?} is not in the file's script"
                );
            }
            n += usize::from(!line.is_empty());
        }
        assert!(n > 0, "{}: no entries", l.path);
    }
}

#[test]
fn entries_are_unique_after_folding() {
    for l in ALL {
        let mut seen = BTreeSet::new();
        for (e, k) in l.entries().zip(l.keys()) {
            assert!(seen.insert(k.clone()), "{}: {e:?} repeats {k:?}", l.path);
        }
    }
}

#[test]
fn lists_joined_in_a_set_share_no_entry() {
    for set in sets() {
        let mut seen: Vec<(BTreeSet<String>, &str)> = Vec::new();
        for l in set.lists {
            let k = keys(&[*l]);
            for (other, path) in &seen {
                let both: Vec<&String> = k.intersection(other).collect();
                assert!(both.is_empty(), "{} and {path} both list {both:?}", l.path);
            }
            seen.push((k, l.path));
        }
    }
}

/// Every [`Set`] built from the lists.
fn sets() -> Vec<&'static Set> {
    use crate::entity::{date, latin, org};
    let mut v = vec![
        &org::HEADS,
        &org::STATE_HEADS,
        &org::NATIONALITIES,
        &org::FORCES,
        &org::FORCES_KIND,
        &org::GROUP_CLASSIFIERS,
        &org::STOPS,
        &org::GENERIC,
        &latin::NOT_NAMES,
        &latin::LOCATIVE,
        &latin::INNER,
        &date::AMBIGUOUS_MONTHS,
    ];
    v.extend(crate::quote::words::SETS);
    v
}

/// Pairs of list groups that must share no entry: a word cannot be both.
#[test]
fn contradicting_lists_share_no_entry() {
    use crate::entity::lexicon::nationality_forms;
    let titles = keys(&[AR_TITLES, AR_TITLES_TAGGER, AR_TITLES_SPEAKER]);
    let function = keys(&[AR_FUNCTION_WORDS, AR_NON_NAME_WORDS, AR_PHRASE_STOPS]);
    let nationalities: BTreeSet<String> = [AR_NATIONALITIES, AR_NATIONALITIES_RULES]
        .iter()
        .flat_map(|l| l.keys())
        .flat_map(|s| nationality_forms(&s))
        .collect();
    let countries = keys(&[AR_COUNTRIES]);
    let org_heads = keys(&[AR_ORG_HEADS, AR_ORG_HEADS_TAGGER, AR_ORG_HEADS_RULES]);
    let en_titles = keys(&[EN_TITLES, EN_TITLES_TAGGER, EN_TITLES_SPEAKER]);
    let pairs: [(&str, &BTreeSet<String>, &str, &BTreeSet<String>); 12] = [
        ("a function word", &function, "a title", &titles),
        (
            "a function word",
            &function,
            "a name particle",
            &keys(&[AR_NAME_PARTICLES]),
        ),
        ("a function word", &function, "a country", &countries),
        (
            "a function word",
            &function,
            "a nationality",
            &nationalities,
        ),
        ("a nationality", &nationalities, "a country", &countries),
        ("a nationality", &nationalities, "a title", &titles),
        ("a title", &titles, "a country", &countries),
        ("an organization head", &org_heads, "a title", &titles),
        ("an organization head", &org_heads, "a country", &countries),
        (
            "a day",
            &keys(&[AR_WEEKDAYS]),
            "a month",
            &keys(&[AR_MONTHS, AR_MONTHS_TWO_WORD]),
        ),
        (
            "a day",
            &keys(&[EN_WEEKDAYS]),
            "a month",
            &keys(&[EN_MONTHS, EN_MONTH_ABBREVIATIONS]),
        ),
        (
            "an English stop word",
            &keys(&[EN_PHRASE_STOPS]),
            "a title",
            &en_titles,
        ),
    ];
    // Homographs of the language, not list errors: the feminine adjective
    // is the country's name (`السعودية` Saudi / Saudi Arabia, `سورية`).
    let homographs = [key("السعودية"), key("سورية")];
    for (a, xs, b, ys) in pairs {
        let both: Vec<&String> = xs
            .intersection(ys)
            .filter(|k| !homographs.contains(k))
            .collect();
        assert!(both.is_empty(), "{a} is never {b}: {both:?}");
    }
}

/// Lists that refine another: every entry must be in it.
#[test]
fn refining_lists_are_contained() {
    let sub = |a: &[List], b: &[List]| keys(a).is_subset(&keys(b));
    assert!(sub(&[AR_MONTHS_AMBIGUOUS], &[AR_MONTHS]));
    // entity::trim asks about media classifiers only of classifiers.
    assert!(sub(&[AR_MEDIA_CLASSIFIERS], &[AR_ORG_CLASSIFIERS]));
    assert!(sub(
        &[EN_MONTHS_AMBIGUOUS],
        &[EN_MONTHS, EN_MONTH_ABBREVIATIONS]
    ));
    let perfects: BTreeSet<String> = [AR_SPEECH_VERBS, AR_SPEECH_VERBS_WEAK]
        .iter()
        .flat_map(|l| l.entries())
        .filter_map(|row| row.split(' ').next())
        .map(key)
        .collect();
    assert!(keys(&[AR_SPEECH_VERBS_MIN]).is_subset(&perfects));
    assert!(keys(&[AR_SPEECH_VERBS_PREP]).is_subset(&perfects));
}

#[test]
fn the_model_reads_exactly_the_lists_marked_so() {
    let read: BTreeSet<&str> = crate::entity::lexicon::lists().map(|l| l.path).collect();
    for l in ALL {
        let marked = matches!(l.effect, Effect::Model | Effect::Both);
        assert_eq!(read.contains(l.path), marked, "{}", l.path);
    }
}

#[test]
fn the_readme_lists_every_file() {
    let readme = include_str!("../../lexicon/README.md");
    for l in ALL {
        assert!(
            readme.contains(&format!("`{}`", l.path)),
            "lexicon/README.md does not list {}",
            l.path
        );
    }
}

#[test]
fn table_rows_parse() {
    use crate::quote::cue::Gender;
    for row in EN_PRONOUNS.entries() {
        let w = row.split(' ').next().unwrap_or_default();
        let g = crate::quote::words::en_pronoun(w);
        assert!(
            g.is_some_and(|g| g != Gender::Unknown),
            "en/pronouns.txt: {row:?}"
        );
    }
    for row in EN_TITLE_ABBREVIATIONS.entries() {
        let w = row.split(' ').next().unwrap_or_default();
        // `Atty. Gen. Doe said`: the full stop after it ends no sentence.
        let text = format!("{w}. Doe");
        let tokens = crate::text::tokenize(&text);
        assert!(
            crate::text::sentence::is_abbreviation(&text, &tokens, 1),
            "en/title-abbreviations.txt: {w} is missing from text::sentence's abbreviations"
        );
        assert_ne!(
            crate::quote::words::en_title_written_out(w),
            w,
            "en/title-abbreviations.txt: {row:?}"
        );
    }
    for l in [AR_SPEECH_VERBS, AR_SPEECH_VERBS_WEAK] {
        for row in l.entries() {
            assert!(
                row.split(' ').count() >= 3,
                "{}: {row:?} has no participle column",
                l.path
            );
        }
    }
}

#[test]
fn sets_fold_like_lookups() {
    // Written with a hamza on its seat, found in its folded form.
    static S: Set = Set::new(&[AR_NATIONALITIES_RULES]);
    assert!(S.contains(&key("الجزائري")["ال".len()..]));
    static W: Set = Set::word(&[AR_MONTHS_TWO_WORD], 1);
    assert!(W.contains("الثاني") && !W.contains("كانون"));
}
