//! Tests of `qawl::compare` on invented reports of one story, and a
//! well-formedness check on the fixture articles.

use qawl::compare::{compare, compare_utf16, Article, Comparison, Source};
use qawl::{Analysis, Cluster, Label, Quote, QuoteKind, Speaker};
use std::collections::HashSet;
use std::path::Path;

/// Builds an analysis of `text` whose quotes are the given `(quote text,
/// kind, speaker name)`; each distinct speaker name gets a cluster.
fn analysis(text: &str, quotes: &[(&str, QuoteKind, Option<&str>)]) -> Analysis {
    let mut a = Analysis::default();
    for &(q, kind, speaker) in quotes {
        let start = text
            .find(q)
            .unwrap_or_else(|| panic!("{q:?} is not in the text"));
        let speaker = speaker.map(|name| {
            let id = match a.clusters.iter().position(|c| c.name == name) {
                Some(id) => id,
                None => {
                    a.clusters.push(Cluster {
                        id: a.clusters.len(),
                        name: name.into(),
                        label: Label::PER,
                        mentions: 1,
                        spellings: vec![name.into()],
                    });
                    a.clusters.len() - 1
                }
            };
            Speaker {
                name: name.into(),
                cluster: Some(id),
                start: 0,
                end: 0,
            }
        });
        a.quotes.push(Quote {
            start,
            end: start + q.len(),
            text: q.into(),
            kind,
            speaker,
            cue: None,
        });
    }
    a.quotes.sort_by_key(|q| q.start);
    a
}

fn changed_words(c: &Comparison, group: usize, member: usize) -> Vec<String> {
    c.groups[group].members[member]
        .diff
        .iter()
        .filter(|s| s.changed)
        .map(|s| s.text.clone())
        .collect()
}

const FULL: &str = "نادية سليم";
const SHORT: &str = "سليم";
const OTHER: &str = "كريم منصور";

const A: &str = "قالت وزيرة الاقتصاد نادية سليم: «نعمل على خفض الأسعار قبل نهاية العام الحالي».";
const B: &str = "أكدت سليم أنها «إننا نعمل على خفض الاسعار قبل نهاية هذا العام» وفق بيان.";
const C: &str = "وقالت نادية سليم: «سنفتتح ثلاثة مصانع جديدة في الشمال». وردد كريم منصور \
                 العبارة ذاتها: «نعمل على خفض الأسعار قبل نهاية العام الحالي». وسمّى السكان \
                 الخطة «نعمل على خفض الأسعار قبل نهاية العام الحالي» ساخرين.";

fn three_outlets() -> [Analysis; 3] {
    let a = analysis(
        A,
        &[(
            "نعمل على خفض الأسعار قبل نهاية العام الحالي",
            QuoteKind::Direct,
            Some(FULL),
        )],
    );
    let b = analysis(
        B,
        &[(
            "إننا نعمل على خفض الاسعار قبل نهاية هذا العام",
            QuoteKind::Partial,
            Some(SHORT),
        )],
    );
    let mut c = analysis(
        C,
        &[
            (
                "سنفتتح ثلاثة مصانع جديدة في الشمال",
                QuoteKind::Direct,
                Some(FULL),
            ),
            (
                "نعمل على خفض الأسعار قبل نهاية العام الحالي",
                QuoteKind::Direct,
                Some(OTHER),
            ),
        ],
    );
    // A term quotation with the same words: never compared.
    let at = C.rfind("«").unwrap() + "«".len();
    let q = "نعمل على خفض الأسعار قبل نهاية العام الحالي";
    c.quotes.push(Quote {
        start: at,
        end: at + q.len(),
        text: q.into(),
        kind: QuoteKind::Term,
        speaker: Some(Speaker {
            name: FULL.into(),
            cluster: Some(0),
            start: 0,
            end: 0,
        }),
        cue: None,
    });
    [a, b, c]
}

fn sources<'a>(texts: &[&'a str], analyses: &'a [Analysis]) -> Vec<Source<'a>> {
    texts
        .iter()
        .zip(analyses)
        .enumerate()
        .map(|(k, (text, analysis))| Source {
            name: ["a", "b", "c", "d", "e"][k % 5],
            text,
            analysis,
        })
        .collect()
}

#[test]
fn two_outlets_quoting_one_speaker_are_grouped() {
    let an = three_outlets();
    let c = compare(&sources(&[A, B, C], &an));

    assert_eq!(c.groups.len(), 1, "{c:#?}");
    let g = &c.groups[0];
    let who: Vec<(usize, usize)> = g.members.iter().map(|m| (m.article, m.quote)).collect();
    assert_eq!(who, [(0, 0), (1, 0)]);
    assert_eq!(g.articles, 2);
    assert_eq!(g.speaker.name.as_deref(), Some(FULL));
    assert_eq!(c.speakers[g.speaker.index].groups, [0]);

    // The second outlet's extra words are marked; the spelling without
    // hamza is not a difference.
    assert_eq!(changed_words(&c, 0, 1), ["إننا", "هذا"]);
    // The reference's word that the other outlet dropped is marked too.
    assert_eq!(changed_words(&c, 0, 0), ["الحالي"]);
    assert_eq!(g.members[0].similarity, 1.0);
    assert!(g.members[1].similarity > 0.6 && g.members[1].similarity < 1.0);
}

#[test]
fn speakers_merge_across_outlets_by_folded_name() {
    let an = three_outlets();
    let c = compare(&sources(&[A, B, C], &an));
    let her = c
        .speakers
        .iter()
        .find(|s| s.name.as_deref() == Some(FULL))
        .expect("the minister is a speaker");
    assert_eq!(her.articles, 3);
    assert_eq!(her.names, [FULL, SHORT]);
    assert_eq!(her.quotes.len(), 3, "the term quotation is excluded");
    // Quoted in three outlets: listed first.
    assert_eq!(c.speakers[0].name.as_deref(), Some(FULL));
    let him = c
        .speakers
        .iter()
        .find(|s| s.name.as_deref() == Some(OTHER))
        .expect("the second speaker is kept apart");
    assert_eq!(him.quotes.len(), 1);
    assert!(him.groups.is_empty());
}

#[test]
fn an_ambiguous_short_name_is_not_merged() {
    let texts = [
        "قالت نادية سليم: «الخطة جاهزة».",
        "قال عمر سليم: «الخطة جاهزة».",
        "قال سليم: «الخطة جاهزة».",
    ];
    let an = [
        analysis(texts[0], &[("الخطة جاهزة", QuoteKind::Direct, Some(FULL))]),
        analysis(
            texts[1],
            &[("الخطة جاهزة", QuoteKind::Direct, Some("عمر سليم"))],
        ),
        analysis(texts[2], &[("الخطة جاهزة", QuoteKind::Direct, Some(SHORT))]),
    ];
    let c = compare(&sources(&texts, &an));
    assert_eq!(c.speakers.len(), 3);
    assert!(c.groups.is_empty());
}

#[test]
fn a_fragment_joins_the_full_quotation() {
    let full = "نحن ملتزمون بدعم المزارعين في كل المحافظات وسنزيد الميزانية المخصصة لهم";
    let texts = [
        "قالت نادية سليم: «نحن ملتزمون بدعم المزارعين في كل المحافظات وسنزيد الميزانية المخصصة لهم».",
        "وتعهدت سليم بدعم «المزارعين في كل المحافظات».",
    ];
    let an = [
        analysis(texts[0], &[(full, QuoteKind::Direct, Some(FULL))]),
        analysis(
            texts[1],
            &[("المزارعين في كل المحافظات", QuoteKind::Partial, Some(SHORT))],
        ),
    ];
    let c = compare(&sources(&texts, &an));
    assert_eq!(c.groups.len(), 1);
    assert_eq!(changed_words(&c, 0, 1), Vec::<String>::new());
    assert_eq!(
        changed_words(&c, 0, 0),
        ["نحن ملتزمون بدعم", "وسنزيد الميزانية المخصصة لهم"]
    );
}

#[test]
fn unattributed_quotations_come_last_without_a_name() {
    let texts = [
        "قالت نادية سليم: «الخطة جاهزة للتنفيذ».",
        "وقال مصدر: «لا نعرف موعد التنفيذ بعد».",
        "وأضاف مصدر آخر: «لا نعرف موعد التنفيذ حتى الآن».",
    ];
    let an = [
        analysis(
            texts[0],
            &[("الخطة جاهزة للتنفيذ", QuoteKind::Direct, Some(FULL))],
        ),
        analysis(
            texts[1],
            &[("لا نعرف موعد التنفيذ بعد", QuoteKind::Direct, None)],
        ),
        analysis(
            texts[2],
            &[("لا نعرف موعد التنفيذ حتى الآن", QuoteKind::Direct, None)],
        ),
    ];
    let c = compare(&sources(&texts, &an));
    let last = c.speakers.last().unwrap();
    assert_eq!(last.name, None);
    assert_eq!(last.quotes.len(), 2);
    assert_eq!(c.groups.len(), 1);
    assert_eq!(c.groups[0].speaker.name, None);
}

#[test]
fn utf16_round_trip_keeps_spans_and_segments_aligned() {
    // Emoji before and inside the quotations shift UTF-16 offsets.
    let texts = [
        "😀 قالت نادية سليم: «نعمل 🌾 على خفض الأسعار قبل نهاية العام».",
        "📰📰 وقالت سليم: «نعمل 🌾 على خفض أسعار الخبز قبل نهاية العام».",
    ];
    let an = [
        analysis(
            texts[0],
            &[(
                "نعمل 🌾 على خفض الأسعار قبل نهاية العام",
                QuoteKind::Direct,
                Some(FULL),
            )],
        ),
        analysis(
            texts[1],
            &[(
                "نعمل 🌾 على خفض أسعار الخبز قبل نهاية العام",
                QuoteKind::Direct,
                Some(SHORT),
            )],
        ),
    ];
    let articles: Vec<Article> = texts
        .iter()
        .zip(&an)
        .map(|(t, a)| Article {
            name: String::new(),
            text: t.to_string(),
            analysis: a.clone().into_utf16(t),
        })
        .collect();
    let c = compare_utf16(&articles);
    assert_eq!(c.groups.len(), 1);
    for m in &c.groups[0].members {
        let art = &articles[m.article];
        let q = &art.analysis.quotes[m.quote];
        assert_eq!((m.start, m.end), (q.start, q.end));
        let units: Vec<u16> = art.text.encode_utf16().collect();
        assert_eq!(String::from_utf16_lossy(&units[m.start..m.end]), m.text);
        let qu: Vec<u16> = m.text.encode_utf16().collect();
        for s in &m.diff {
            assert_eq!(String::from_utf16_lossy(&qu[s.start..s.end]), s.text);
        }
    }
    assert_eq!(changed_words(&c, 0, 1), ["أسعار الخبز"]);
    // The same comparison in bytes, converted, gives the same result.
    let srcs = sources(&texts, &an);
    assert_eq!(compare(&srcs).into_utf16(&srcs), c);
}

#[test]
fn malformed_analyses_do_not_panic() {
    let text = "نص قصير";
    let mut a = analysis(text, &[("قصير", QuoteKind::Direct, Some(FULL))]);
    a.quotes[0].start = 1000;
    a.quotes[0].end = 3;
    if let Some(s) = &mut a.quotes[0].speaker {
        s.cluster = Some(99);
    }
    a.quotes.push(Quote {
        start: 1,
        end: 2,
        text: String::new(),
        kind: QuoteKind::Indirect,
        speaker: None,
        cue: None,
    });
    let articles = vec![
        Article {
            name: "x".into(),
            text: text.into(),
            analysis: a.clone(),
        },
        Article {
            name: "y".into(),
            text: String::new(),
            analysis: a,
        },
    ];
    let c = compare_utf16(&articles);
    assert_eq!(c.speakers.iter().map(|s| s.quotes.len()).sum::<usize>(), 4);
    assert!(compare(&[]).groups.is_empty());
}

/// Checks the invariants the page relies on.
fn assert_well_formed(c: &Comparison, srcs: &[Source<'_>]) {
    let mut seen = HashSet::new();
    for (si, s) in c.speakers.iter().enumerate() {
        for r in &s.quotes {
            let q = &srcs[r.article].analysis.quotes[r.quote];
            assert_ne!(q.kind, QuoteKind::Term);
            assert!(seen.insert((r.article, r.quote)), "quote listed twice");
        }
        for &g in &s.groups {
            assert_eq!(c.groups[g].speaker.index, si);
        }
    }
    let all: usize = srcs
        .iter()
        .map(|s| {
            s.analysis
                .quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Term)
                .count()
        })
        .sum();
    assert_eq!(seen.len(), all, "every quotation belongs to one speaker");
    let mut grouped = HashSet::new();
    for (gi, g) in c.groups.iter().enumerate() {
        assert!(g.members.len() >= 2);
        assert!(c.speakers[g.speaker.index].groups.contains(&gi));
        for m in &g.members {
            assert!(grouped.insert((m.article, m.quote)), "quote in two groups");
            let q = &srcs[m.article].analysis.quotes[m.quote];
            assert_eq!(m.text, q.text);
            assert_eq!((m.start, m.end), (q.start, q.end));
            assert!((0.0..=1.0).contains(&m.similarity));
            let joined: String = m.diff.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(joined, m.text);
            let mut at = 0;
            for s in &m.diff {
                assert_eq!(s.start, at);
                assert_eq!(&m.text[s.start..s.end], s.text);
                at = s.end;
            }
        }
    }
}

#[test]
fn fixture_articles_compare_well_formed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(texts.len() >= 2, "fixtures missing");
    let analyses: Vec<Analysis> = texts.iter().map(|t| qawl::analyze(t).unwrap()).collect();
    let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let srcs = sources(&text_refs, &analyses);
    let c = compare(&srcs);
    assert_well_formed(&c, &srcs);

    // The UTF-16 entry point agrees with the byte one.
    let articles: Vec<Article> = texts
        .iter()
        .zip(&analyses)
        .map(|(t, a)| Article {
            name: String::new(),
            text: t.clone(),
            analysis: a.clone().into_utf16(t),
        })
        .collect();
    assert_eq!(compare_utf16(&articles), c.clone().into_utf16(&srcs));
    // And serializes to the shape the page reads.
    let v = serde_json::to_value(&c).unwrap();
    assert!(v["groups"].is_array() && v["speakers"].is_array());
}

#[test]
fn many_quotations_group_by_wording_not_by_count() {
    // 400 outlets: half carry one statement with one word swapped, half carry
    // statements of their own. The variants form one group; the rest none.
    let base: Vec<String> = (0..12).map(|k| format!("كلمة{k}")).collect();
    let mut texts = Vec::new();
    for i in 0..400 {
        let words: Vec<String> = if i % 2 == 0 {
            let mut w = base.clone();
            w[i % 12] = format!("بديل{i}");
            w
        } else {
            (0..12).map(|k| format!("لفظ{i}x{k}")).collect()
        };
        texts.push(format!("قال سليم: «{}».", words.join(" ")));
    }
    let an: Vec<Analysis> = texts
        .iter()
        .map(|t| {
            let start = t.find('«').unwrap() + '«'.len_utf8();
            let end = t.rfind('»').unwrap();
            analysis(t, &[(&t[start..end], QuoteKind::Direct, Some(SHORT))])
        })
        .collect();
    let srcs: Vec<Source<'_>> = texts
        .iter()
        .zip(&an)
        .map(|(t, a)| Source {
            name: "",
            text: t,
            analysis: a,
        })
        .collect();
    let c = compare(&srcs);
    assert_eq!(c.groups.len(), 1);
    assert_eq!(c.groups[0].members.len(), 200);
    assert!(c.groups[0].members.iter().all(|m| m.article % 2 == 0));
    assert_well_formed(&c, &srcs);
}
