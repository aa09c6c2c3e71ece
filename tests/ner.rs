//! The entity tagger against the ANERcorp CAMeL test split, in process, and
//! the guarantees of the entities `qawl::analyze` reports on invented sentences.

use qawl::analysis::Label;
use qawl::lab::{tag_document, tag_words};
use qawl::Analysis;

/// The texts of `e`'s mentions, of one label or (`None`) all.
fn texts(e: &Analysis, label: Option<Label>) -> Vec<&str> {
    e.entities
        .iter()
        .filter(|m| label.is_none_or(|l| m.label == l))
        .map(|m| m.text.as_str())
        .collect()
}

/// Each mention of `e` as `(text, label)`.
fn labelled(e: &Analysis) -> Vec<(&str, Label)> {
    e.entities
        .iter()
        .map(|m| (m.text.as_str(), m.label))
        .collect()
}

/// Asserts that the analysis of `text` has each `(name, label)` of `want`.
fn assert_finds(text: &str, want: &[(&str, Label)]) {
    let e = qawl::analyze(text).unwrap();
    let got = labelled(&e);
    for w in want {
        assert!(got.contains(w), "{w:?} missing from {got:?}");
    }
}

/// Entity chunks `(start, end, type)` of BIO tags (an `I-` after another
/// type starts a chunk, as in conlleval).
fn chunks(tags: &[String]) -> Vec<(usize, usize, String)> {
    let fold = |t: &str| t.replace("PERS", "PER");
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some((_, ty)) = tags[i].split_once('-') else {
            i += 1;
            continue;
        };
        let ty = fold(ty);
        let mut j = i + 1;
        while j < tags.len() && tags[j].starts_with("I-") && fold(&tags[j][2..]) == ty {
            j += 1;
        }
        out.push((i, j, ty));
        i = j;
    }
    out
}

#[test]
fn anercorp_test_split_entity_f1() {
    let text = include_str!("fixtures/anercorp/ANERCorp_CamelLab_test.txt");
    let mut words: Vec<Vec<&str>> = Vec::new();
    let mut gold: Vec<Vec<String>> = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        words.push(
            lines
                .iter()
                .map(|l| l.split(' ').next().unwrap_or(""))
                .collect(),
        );
        gold.push(
            lines
                .iter()
                .map(|l| l.rsplit(' ').next().unwrap_or("O").to_string())
                .collect(),
        );
    }
    let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
    let pred = tag_document(&refs);
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(&pred) {
        assert_eq!(g.len(), p.len());
        let (g, p) = (chunks(g), chunks(p));
        ng += g.len();
        np += p.len();
        tp += p.iter().filter(|c| g.contains(c)).count();
    }
    let (p, r) = (tp as f64 / np as f64, tp as f64 / ng as f64);
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("ANERcorp test: P {p:.4} R {r:.4} F1 {f1:.4}");
    // Issue 4's bar. The shipped model scores 0.7270 (conlleval on `qawl
    // tag` output agrees); the model was chosen on dev tenths of the train
    // split, never on this file (docs/tagger.md).
    assert!(f1 >= 0.72, "entity F1 {f1:.4} fell below the bar of 0.72");
}

#[test]
fn tag_words_keeps_one_tag_per_word() {
    let words = ["قال", "الرئيس", "(د", "ب", "أ)", "وموسكو", "."];
    let tags = tag_words(&words);
    assert_eq!(tags.len(), words.len());
    assert!(tags
        .iter()
        .all(|t| t == "O" || t.starts_with("B-") || t.starts_with("I-")));
    assert!(tag_words(&[]).is_empty());
}

#[test]
fn recognize_keeps_its_guarantees() {
    let text = "وصل وزير الخارجية المصري سامح نور الدين إلى باريس يوم الخميس، \
                والتقى نور الدين بنظيره في مدينة مرسيليا.\nوقالت وكالة الأنباء إن الاجتماع تم في 3 آذار 2019.";
    let e = qawl::analyze(text).unwrap();
    let mut last = 0;
    for m in &e.entities {
        assert!(m.start >= last, "sorted, non-overlapping");
        assert_eq!(&text[m.start..m.end], m.text);
        assert!(m.cluster < e.clusters.len());
        last = m.end;
    }
    for (i, c) in e.clusters.iter().enumerate() {
        assert_eq!(c.id, i);
        assert_eq!(
            c.mentions,
            e.entities.iter().filter(|m| m.cluster == i).count()
        );
    }
    let locs = texts(&e, Some(Label::LOC));
    assert!(locs.contains(&"باريس"), "{locs:?}");
    assert!(!locs.iter().any(|l| l.starts_with("مدينة")), "{locs:?}");
    assert!(e.entities.iter().any(|m| m.label == Label::DATE));
}

#[test]
fn organizations_named_by_a_head_noun() {
    // Invented: a ministry, a council with a ل-genitive, an agency and its
    // bracketed acronym, and a definite head without an adjective (none).
    let text = "وأعلنت وزارة الزراعة الوطنية أمس خطة جديدة، ورحب بها المجلس الأعلى لشؤون البيئة.\n\
                ونقلت وكالة أنباء الجزيرة الرسمية ( وجر ) عن البنك إن الخطة ممولة.";
    let e = qawl::analyze(text).unwrap();
    let orgs = texts(&e, Some(Label::ORG));
    for want in [
        "وزارة الزراعة الوطنية",
        "المجلس الأعلى لشؤون البيئة",
        "وكالة أنباء الجزيرة الرسمية",
        "وجر",
    ] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    assert!(!orgs.contains(&"البنك"), "{orgs:?}");
}

#[test]
fn agencies_and_police_forces_named_by_their_head_noun() {
    // Invented. `جهاز` and `شرطة` head the names of state agencies and
    // police forces (lexicon/ar/org-heads-rules.txt).
    assert_finds(
        "وأعلن جهاز تنظيم الاتصالات أمس نتائج التفتيش.\n\
                وقالت الشرطة الفنلندية إن الطريق أغلق.",
        &[
            ("جهاز تنظيم الاتصالات", Label::ORG),
            ("الشرطة الفنلندية", Label::ORG),
        ],
    );
}

#[test]
fn state_bodies_named_by_a_nationality_with_a_hamza() {
    // Invented. `إسرائيلي` and `جزائري` fold their ئ to ي; the nationality
    // list once kept the ئ and never matched them.
    assert_finds(
        "وقال الجيش الإسرائيلي في بيان مقتضب إن التدريبات انتهت.\n\
                ونشر الجيش الجزائري وحدات إضافية قرب الحدود الجنوبية أمس.",
        &[
            ("الجيش الإسرائيلي", Label::ORG),
            ("الجيش الجزائري", Label::ORG),
        ],
    );
}

#[test]
fn embassies_and_teams_named_by_a_nationality_end_there() {
    // Invented: an embassy and a national team named by a nationality are
    // organizations (GUIDELINES.md: state bodies), and a nationality closes
    // an organization's name before a coordinated noun.
    assert_finds(
        "وقالت السفارة الفنلندية في بيان إن الزيارة تأجلت، وتدرب المنتخب الفنلندي أمس.\n\
                وأكدت وزارة الداخلية النرويجية والجهات المختصة أن التحقيق مستمر.",
        &[
            ("السفارة الفنلندية", Label::ORG),
            ("المنتخب الفنلندي", Label::ORG),
            ("وزارة الداخلية النرويجية", Label::ORG),
        ],
    );
}

#[test]
fn a_name_ends_before_the_organization_it_was_told_to() {
    // Invented. `ل` ("to") + an organization after a name is the outlet
    // or body spoken to, not part of the name; an organization's own
    // genitive with ل stays in its name.
    let cases: &[(&str, &[(&str, Label)])] = &[
        (
            "وقال حداد لبي بي سي إن الوضع صعب.",
            &[("حداد", Label::PER), ("بي بي سي", Label::ORG)],
        ),
        (
            "وأعلن المجلس التنفيذي لمنظمة الصحة العالمية عن خطة جديدة.",
            &[("المجلس التنفيذي لمنظمة الصحة العالمية", Label::ORG)],
        ),
    ];
    for (text, want) in cases {
        assert_finds(text, want);
    }
}

#[test]
fn an_organization_head_noun_alone_is_no_name() {
    // Invented. `المنظمة`, `البرلمان` with their article are nominals for
    // an organization named elsewhere (GUIDELINES.md: NOM is for persons).
    let text = "قالت منظمة الصحة العالمية إن الوضع خطير.\n\
                وقالت المنظمة إن الأدوية لم تصل، وناقش البرلمان الأزمة أمس.";
    let e = qawl::analyze(text).unwrap();
    let got = labelled(&e);
    assert!(
        got.contains(&("منظمة الصحة العالمية", Label::ORG)),
        "{got:?}"
    );
    for nominal in ["المنظمة", "البرلمان"] {
        assert!(
            !got.iter().any(|(t, _)| *t == nominal),
            "{nominal} in {got:?}"
        );
    }
}

#[test]
fn proclitics_stay_outside_names() {
    let text = "اجتمع وزراء من فرنسا وألمانيا وبريطانيا في لندن.";
    let e = qawl::analyze(text).unwrap();
    let names = texts(&e, None);
    assert!(names.contains(&"ألمانيا"), "{names:?}");
    assert!(names.contains(&"بريطانيا"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with('و')), "{names:?}");
}

#[test]
fn a_name_keeps_a_first_letter_that_looks_like_a_proclitic() {
    // `كريم` is a given name; `ريم` is one too, so stripping ك as a
    // proclitic would also yield a name. The whole word wins.
    let text = "وقال المدرب كريم حسان إن فريقه جاهز للمباراة، وأضاف حسان أن الإصابات انتهت.";
    let e = qawl::analyze(text).unwrap();
    let names = texts(&e, None);
    assert!(names.contains(&"كريم حسان"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("ريم")), "{names:?}");
}

#[test]
fn english_names_by_the_model() {
    let text =
        "President Maria Lindqvist met officials of the World Health Organization in Geneva \
                on Monday. Lindqvist said the talks went well.";
    let e = qawl::analyze(text).unwrap();
    let find = |label: Label| texts(&e, Some(label));
    assert!(
        find(Label::PER).contains(&"Maria Lindqvist"),
        "{:?}",
        e.entities
    );
    assert!(find(Label::PER).contains(&"Lindqvist"), "{:?}", e.entities);
    assert!(
        find(Label::ORG).contains(&"World Health Organization"),
        "{:?}",
        e.entities
    );
    assert!(find(Label::LOC).contains(&"Geneva"), "{:?}", e.entities);
    let per = &e.clusters[e
        .entities
        .iter()
        .find(|m| m.text == "Lindqvist")
        .unwrap()
        .cluster];
    assert_eq!(per.name, "Maria Lindqvist");
}

/// Invented English sentences, each with the names it must give (text,
/// label) and the spans it must not: datelines, bylines, "and" between two
/// names, "&" inside a company, possessives, abbreviated titles, place heads.
type EnglishCase = (
    &'static str,
    &'static [(&'static str, Label)],
    &'static [&'static str],
);
const ENGLISH_CASES: &[EnglishCase] = &[
    (
        "BRAXTON, Ohio (Reuters) - The river crested on Monday.",
        &[
            ("BRAXTON", Label::LOC),
            ("Ohio", Label::LOC),
            ("Reuters", Label::ORG),
        ],
        &["BRAXTON, Ohio (Reuters"],
    ),
    (
        "By Celia Montague\nThe council met in Columbus and Dayton on Friday.",
        &[
            ("Celia Montague", Label::PER),
            ("Columbus", Label::LOC),
            ("Dayton", Label::LOC),
        ],
        &["Columbus and Dayton"],
    ),
    (
        "Harwick Power & Light said 4,000 homes had lost power.",
        &[("Harwick Power & Light", Label::ORG)],
        &["Light"],
    ),
    (
        "Sen. Ada Pemberton's spokeswoman, Jane Corliss, said the senator would visit.",
        &[("Ada Pemberton", Label::PER), ("Jane Corliss", Label::PER)],
        &["Sen. Ada Pemberton", "Ada Pemberton's", "Pemberton's"],
    ),
    (
        "Mr. Oduya and Mrs. Falk met Rev. Tobias Grange. Grange's church is on Elm Street.",
        &[
            ("Oduya", Label::PER),
            ("Falk", Label::PER),
            ("Tobias Grange", Label::PER),
            ("Grange", Label::PER),
            ("Elm Street", Label::LOC),
        ],
        &["Mr. Oduya", "Rev. Tobias Grange", ". Oduya"],
    ),
    (
        "Officials in Hale County said the U.S. Army Corps of Engineers would inspect the levee.",
        &[
            ("Hale County", Label::LOC),
            ("U.S. Army Corps of Engineers", Label::ORG),
        ],
        &["U"],
    ),
];

#[test]
fn english_cases() {
    let mut failures = Vec::new();
    for (text, want, never) in ENGLISH_CASES {
        let e = qawl::analyze(text).unwrap();
        let got = labelled(&e);
        for w in *want {
            if !got.contains(w) {
                failures.push(format!("{text}: missing {w:?} in {got:?}"));
            }
        }
        for n in *never {
            if got.iter().any(|(t, _)| t == n) {
                failures.push(format!("{text}: {n:?} should not be a name ({got:?})"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_english_model_is_embedded_natively_and_refuses_other_bytes() {
    // Native builds carry the model, so nothing is ever wanted.
    assert!(!qawl::wants_english_model(
        "The council met in Dayton on Friday."
    ));
    // The first model stays: other bytes given later change nothing.
    assert_eq!(qawl::load_english_model(b"not a model".to_vec()), Ok(()));
    let e = qawl::analyze("The World Health Organization met in Geneva.").unwrap();
    assert!(texts(&e, Some(Label::ORG)).contains(&"World Health Organization"));
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner-en.bin")).unwrap();
    assert!(qawl::lab::Model::parse(&bytes).is_some());
    // Issue 14's budget for the English model: 0.4 MB gzipped (the page's
    // build prints it; the raw file stays far under a megabyte).
    assert!(
        bytes.len() <= 800_000,
        "English model is {} bytes",
        bytes.len()
    );
}

#[test]
fn model_is_within_budget() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin")).unwrap();
    assert!(bytes.len() <= 3 << 20, "model is {} bytes", bytes.len());
    assert!(qawl::lab::Model::parse(&bytes).is_some());
}

#[test]
fn pronoun_words_and_split_stubs_are_not_names() {
    // `لي` "to me" and `حت` (of `بحت` "purely", split as ب + حت) were
    // tagged as a person and a place on the page's first sample.
    let text = "وأكد الوزير على أهمية الاتفاق، قائلا: \"مسألة المعبر، على ما يبدو لي، رمزية بحت. أما الميناء فإنه موضوع بالغ الأهمية\".";
    let e = qawl::analyze(text).unwrap();
    let all = texts(&e, None);
    assert!(!all.contains(&"لي"), "{all:?}");
    assert!(!all.contains(&"حت"), "{all:?}");
}

#[test]
fn classifiers_stay_outside_proper_names() {
    // Invented: GUIDELINES.md keeps a classifier noun outside the name it
    // introduces, Arabic, Latin or quoted, and the description after it
    // (`للمشروبات`) outside too; a head with common definite words is the
    // name itself.
    let text = "وقالت شركة Lindqvar للمشروبات الغازية إنها ستغير الملصق. \
                وقالت منظمة \"ميدوسار\" المسؤولة عن الملاحة إن الرحلات تأخرت. \
                وأعلنت شركة النفط الوطنية أن الإنتاج ارتفع.";
    let e = qawl::analyze(text).unwrap();
    let orgs = texts(&e, Some(Label::ORG));
    for want in ["Lindqvar", "ميدوسار", "شركة النفط الوطنية"] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    for m in &e.entities {
        assert!(
            !m.text.starts_with("شركة L") && !m.text.contains('"'),
            "{m:?}"
        );
    }
}

#[test]
fn a_latin_word_after_a_classifier_is_an_organization_whatever_the_english_model_says() {
    // Invented: one capitalized word in an Arabic sentence, which the
    // English model, reading the run alone, may tag as nothing; the
    // classifier before it names it an organization. A paper named by a
    // definite common word is named without its classifier.
    assert_finds(
        "قالت شركة Birkbaum في بيان إنها ستسحب المنتج، \
         وذكرت صحيفة الفجر المصرية أن الزجاجات بيعت.",
        &[("Birkbaum", Label::ORG), ("الفجر", Label::ORG)],
    );
}

#[test]
fn names_in_hashtags_keep_their_underscores() {
    // Invented: a hashtag joins a name's words with underscores; the name
    // is read whole, underscores inside its span (DECISIONS.md), `#` outside.
    assert_finds(
        "وطالب نواب #البرلمان_الأوروبي بتحقيق، فيما ردت #الولايات_المتحدة ببيان.",
        &[
            ("البرلمان_الأوروبي", Label::ORG),
            ("الولايات_المتحدة", Label::LOC),
        ],
    );
}

#[test]
fn a_militia_goes_by_its_name_without_the_noun() {
    // Invented: the name after a militia noun is the group (an
    // organization, the noun and its adjective outside); a person named in
    // full after `جماعة` is its leader, a person.
    assert_finds(
        "هاجمت ميليشيات البرقاوي الانقلابية مواقع الجيش، \
         فيما انضم شاب إلى جماعة أحمد البرقاوي.",
        &[("البرقاوي", Label::ORG), ("أحمد البرقاوي", Label::PER)],
    );
}

#[test]
fn organizations_known_by_one_word() {
    // Invented: names from `models/org-names.txt` (mined from unlabeled
    // news), one word or several, with a proclitic and a hashtag mark.
    let text = "وأعلنت نتفليكس أن العرض تأجل، وقالت لإيرباص إن الطلبية وصلت عبر #نتفليكس. \
                ونقلت ريا نوفوستي عن لوكهيد مارتن أن الصفقة تمت، كما ذكرت فوربس عربية.";
    let e = qawl::analyze(text).unwrap();
    let orgs = texts(&e, Some(Label::ORG));
    for want in ["ريا نوفوستي", "لوكهيد مارتن", "فوربس عربية"] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    assert_eq!(
        orgs.iter().filter(|&&o| o == "نتفليكس").count(),
        2,
        "{orgs:?}"
    );
    assert!(orgs.contains(&"إيرباص"), "{orgs:?}");
}

#[test]
fn latin_script_names_inside_arabic_sentences() {
    // Invented: an acronym, a channel and a company written in Latin
    // script in an Arabic sentence; the English model reads each run.
    assert_finds(
        "وطالبت هيئة المنافسة FTC بتحقيق عاجل، فيما نقلت شبكة CNN عن مسؤولين \
                أن شركة Norvex Systems رفضت التعليق.",
        &[
            ("FTC", Label::ORG),
            ("CNN", Label::ORG),
            ("Norvex Systems", Label::ORG),
        ],
    );
}
