//! Tests of `qawl_cli::eval`: hand-computed scores on invented articles, and a
//! cross-check against `shared/eval/score.py` on the fixture articles.

use qawl_cli::eval::{
    score, score_dirs, Article, Gold, GoldEntity, GoldQuote, PredEntity, PredQuote, Prediction,
    Registry, RegistryEntry,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The UTF-16 span of the `nth` occurrence of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> (i64, i64) {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", nth + 1));
    let start = text[..at].encode_utf16().count() as i64;
    (start, start + needle.encode_utf16().count() as i64)
}

fn gent(text: &str, needle: &str, kind: &str) -> GoldEntity {
    let (start, end) = span(text, needle, 0);
    GoldEntity {
        start,
        end,
        kind: kind.into(),
        text: needle.into(),
    }
}

fn pent(text: &str, needle: &str, label: &str) -> PredEntity {
    let (start, end) = span(text, needle, 0);
    PredEntity {
        start,
        end,
        label: label.into(),
    }
}

fn gquote(text: &str, needle: &str, kind: &str, speaker: Option<&str>) -> GoldQuote {
    let (start, end) = span(text, needle, 0);
    GoldQuote {
        start,
        end,
        kind: kind.into(),
        speaker: speaker.map(Into::into),
        text: needle.into(),
    }
}

fn pquote(text: &str, needle: &str, kind: &str, speaker: Option<&str>) -> PredQuote {
    let (start, end) = span(text, needle, 0);
    PredQuote {
        start,
        end,
        kind: Some(kind.into()),
        speaker: speaker.map(Into::into),
    }
}

fn registry() -> Registry {
    Registry::from_entries([(
        "samir".to_string(),
        RegistryEntry {
            name: "سمير خالد".into(),
            spellings: vec!["سمير".into(), "سمير خالد".into()],
        },
    )])
}

fn article(text: &str, gold: Gold, pred: Prediction) -> Article {
    Article {
        name: "a.json".into(),
        gold,
        pred: Some(pred),
        text: Some(text.into()),
    }
}

#[test]
fn ner_strict_and_lenient_by_hand() {
    let text = "زار سمير روما ولندن ثم التقى وفد الأمم المتحدة أمس.";
    let gold = Gold {
        entities: vec![
            gent(text, "سمير", "PER"),
            gent(text, "روما", "LOC"),
            gent(text, "لندن", "LOC"),
            gent(text, "الأمم المتحدة", "ORG"),
            gent(text, "وفد", "NOM"),
        ],
        quotes: vec![],
    };
    let pred = Prediction {
        entities: vec![
            pent(text, "سمير", "PER"),
            pent(text, "روما", "LOC"),
            // One proclitic too many: wrong strictly, right leniently.
            pent(text, "ولندن", "LOC"),
            pent(text, "أمس", "DATE"),
            pent(text, "وفد", "MISC"),
        ],
        quotes: vec![],
    };
    let r = score(&[article(text, gold, pred)], &registry());
    let s = r.ner.strict;
    assert_eq!((s.per.tp, s.per.fp, s.per.fn_), (1, 0, 0));
    assert_eq!((s.loc.tp, s.loc.fp, s.loc.fn_), (1, 1, 1));
    assert_eq!((s.loc.p, s.loc.r, s.loc.f1), (0.5, 0.5, 0.5));
    assert_eq!((s.org.tp, s.org.fp, s.org.fn_), (0, 0, 1));
    assert_eq!((s.date.tp, s.date.fp, s.date.fn_), (0, 1, 0));
    assert_eq!((s.all.tp, s.all.fp, s.all.fn_), (2, 2, 2));
    assert_eq!((s.all.p, s.all.r, s.all.f1), (0.5, 0.5, 0.5));
    let l = r.ner.lenient;
    assert_eq!((l.loc.tp, l.loc.fp, l.loc.fn_), (2, 0, 0));
    assert_eq!((l.all.tp, l.all.fp, l.all.fn_), (3, 1, 1));
    assert_eq!((l.all.p, l.all.r, l.all.f1), (0.75, 0.75, 0.75));
}

#[test]
fn lenient_only_forgives_proclitic_letters() {
    // "سمير" minus its first letter: not a proclitic, so no match either way.
    let text = "قابل سمير الوزير.";
    let (s, e) = span(text, "سمير", 0);
    let gold = Gold {
        entities: vec![gent(text, "سمير", "PER")],
        quotes: vec![],
    };
    let pred = Prediction {
        entities: vec![PredEntity {
            start: s + 1,
            end: e,
            label: "PER".into(),
        }],
        quotes: vec![],
    };
    let r = score(&[article(text, gold, pred)], &registry());
    assert_eq!(r.ner.lenient.per.tp, 0);
    assert_eq!((r.ner.lenient.per.fp, r.ner.lenient.per.fn_), (1, 1));
}

#[test]
fn quotes_by_hand() {
    let text = "قال سمير: «الطقس جميل اليوم والبحر هادئ». وأضاف أن المدينة تحتاج \
                إلى حدائق جديدة، ووصف الخطة بأنها «بداية جيدة جدا». وقال مسؤول: \
                «لا تعليق لدينا». ويسمي السكان الحي «الواحة». وكتب آخر: «سننتظر النتائج».";
    let gold = Gold {
        entities: vec![],
        quotes: vec![
            gquote(
                text,
                "الطقس جميل اليوم والبحر هادئ",
                "direct",
                Some("samir"),
            ),
            gquote(text, "بداية جيدة جدا", "partial", Some("samir")),
            gquote(text, "لا تعليق لدينا", "direct", None),
            gquote(text, "الواحة", "term", None),
            gquote(
                text,
                "المدينة تحتاج إلى حدائق جديدة",
                "indirect",
                Some("samir"),
            ),
        ],
    };
    let pred = Prediction {
        entities: vec![],
        quotes: vec![
            // The marks are inside the predicted span: still exact.
            pquote(
                text,
                "«الطقس جميل اليوم والبحر هادئ»",
                "direct",
                Some("سمير"),
            ),
            // A kind confusion is allowed; span overlaps enough but is not
            // exact, and the speaker is wrong.
            pquote(text, "بداية جيدة", "direct", Some("مسؤول")),
            // The gold "لا تعليق لدينا" is missed; a term is reported as
            // speech; another quote has no gold counterpart.
            pquote(text, "الواحة", "partial", None),
            pquote(text, "سننتظر النتائج", "direct", None),
            // A surname alone names the speaker (token subset).
            pquote(
                text,
                "المدينة تحتاج إلى حدائق جديدة",
                "indirect",
                Some("خالد"),
            ),
        ],
    };
    let r = score(&[article(text, gold, pred)], &registry());
    let s = r.speech;
    assert_eq!((s.prf.tp, s.prf.fp, s.prf.fn_), (2, 2, 1));
    assert_eq!((s.prf.p, s.prf.r, s.prf.f1), (0.5, 0.6667, 0.5714));
    assert_eq!((s.exact, s.attrib), (0.5, 0.5));
    let w = r.who_said_what;
    assert_eq!((w.tp, w.fp, w.fn_), (1, 3, 2));
    assert_eq!((w.p, w.r, w.f1), (0.25, 0.3333, 0.2857));
    let i = r.indirect;
    assert_eq!((i.prf.tp, i.prf.fp, i.prf.fn_, i.attrib), (1, 0, 0, 1.0));
    assert_eq!((r.term.n, r.term.as_speech), (1, 1));
}

#[test]
fn matching_is_one_to_one() {
    let text = "قال سمير: «سوف نعمل معا من أجل مستقبل أفضل للجميع».";
    let gold = Gold {
        entities: vec![],
        quotes: vec![gquote(
            text,
            "سوف نعمل معا من أجل مستقبل أفضل للجميع",
            "direct",
            Some("samir"),
        )],
    };
    let pred = Prediction {
        entities: vec![],
        quotes: vec![
            pquote(text, "سوف نعمل معا من أجل مستقبل أفضل", "direct", None),
            pquote(
                text,
                "سوف نعمل معا من أجل مستقبل أفضل للجميع",
                "direct",
                None,
            ),
        ],
    };
    let r = score(&[article(text, gold, pred)], &registry());
    assert_eq!((r.speech.prf.tp, r.speech.prf.fp), (1, 1));
    // The better (exact) prediction was taken; its missing speaker is wrong.
    assert_eq!((r.speech.exact, r.speech.attrib), (1.0, 0.0));
}

#[test]
fn speaker_names_fold_and_match_by_token_subset() {
    let reg = Registry::from_entries([(
        "x".to_string(),
        RegistryEntry {
            name: "أسامة عبد الهادي".into(),
            spellings: vec![],
        },
    )]);
    assert!(reg.speaker_ok(Some("اسامه عبد الهادي"), Some("x")));
    assert!(reg.speaker_ok(Some("أُسامة"), Some("x")));
    assert!(reg.speaker_ok(Some(" عبد  الهادي "), Some("x")));
    assert!(!reg.speaker_ok(Some("أسامة سمير"), Some("x")));
    assert!(!reg.speaker_ok(Some(""), Some("x")));
    assert!(!reg.speaker_ok(None, Some("x")));
    assert!(!reg.speaker_ok(Some("أسامة"), Some("unknown-id")));
    assert!(reg.speaker_ok(None, None));
}

#[test]
fn astral_characters_count_two_units() {
    // An emoji before the quote: the gold offsets count it as two units, and
    // the edge trim must see the marks at the right places.
    let text = "😀 قال سمير: «نحن هنا».";
    let gold = Gold {
        entities: vec![],
        quotes: vec![gquote(text, "نحن هنا", "direct", Some("samir"))],
    };
    let pred = Prediction::from_json(&json!({
        "quotes": [{"start": span(text, "«نحن هنا»", 0).0, "end": span(text, "«نحن هنا»", 0).1,
                    "speaker": {"name": "سمير"}}]
    }))
    .unwrap();
    let r = score(&[article(text, gold, pred)], &registry());
    assert_eq!(
        (r.speech.prf.tp, r.speech.exact, r.speech.attrib),
        (1, 1.0, 1.0)
    );
}

#[test]
fn prediction_json_is_read_leniently() {
    let pred = Prediction::from_json(&json!({
        "entities": [
            {"start": 0, "end": 3, "label": "person"},
            {"start": 4, "end": 6, "type": "GPE"},
            {"start": 7, "end": 9, "label": "MISC"},
            {"label": "EVENT"}
        ],
        "quotes": [
            {"start": 0, "end": 5},
            {"start": 6, "end": 9, "kind": null, "speaker": "سمير"},
            {"end": 4},
            "not a quote"
        ]
    }))
    .unwrap();
    let labels: Vec<&str> = pred.entities.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["PER", "LOC"]);
    assert_eq!(pred.quotes.len(), 2);
    assert_eq!(pred.quotes[0].kind.as_deref(), Some("direct"));
    assert_eq!(pred.quotes[1].kind, None);
    assert_eq!(pred.quotes[1].speaker.as_deref(), Some("سمير"));
    assert!(Prediction::from_json(&json!({"entities": [{"label": "PER"}]})).is_err());
    assert!(Prediction::from_json(&json!([1, 2])).is_err());
}

#[test]
fn missing_predictions_are_listed_and_scored_empty() {
    let text = "سافر سمير إلى روما.";
    let gold = Gold {
        entities: vec![gent(text, "روما", "LOC")],
        quotes: vec![],
    };
    let a = Article {
        name: "gone.json".into(),
        gold,
        pred: None,
        text: None,
    };
    let r = score(&[a], &registry());
    assert_eq!(r.missing_predictions, ["gone.json"]);
    assert_eq!(r.ner.strict.loc.fn_, 1);
    assert!(r.to_string().contains("missing predictions: gone.json"));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["ner"]["strict.LOC"]["fn"], 1);
    assert_eq!(v["ner"]["lenient.all"]["p"], 0.0);
    assert_eq!(v["term"]["as_speech"], 0);
}

#[test]
fn score_dirs_explains_a_missing_gold_folder() {
    let err = score_dirs(
        Path::new("/nonexistent/qawl-gold"),
        Path::new("/nonexistent/qawl-pred"),
        None,
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("gold folder"), "{err}");
}

// ---------------------------------------------------------------------------
// Cross-check against score.py

/// The independent judge, in the `shared/` folder that sits beside a
/// checkout (as on the development machines and in CI).
const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/score.py");

/// The library's fixtures, at the workspace root.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn python() -> Option<&'static str> {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (ok && Path::new(SCORE_PY).exists()).then_some("python3")
}

/// A tiny deterministic generator, so perturbations are reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A prediction made from the gold by random damage: spans shifted, labels
/// and kinds swapped, items dropped and invented, speakers renamed. It
/// exercises every branch of the metrics with non-trivial counts.
fn perturbed(gold: &Value, registry: &Value, rng: &mut Lcg) -> Value {
    let labels = ["PER", "LOC", "ORG", "DATE", "MISC", "person", "GPE"];
    let kinds = ["direct", "partial", "indirect", "term"];
    let mut entities = Vec::new();
    for e in gold["entities"].as_array().into_iter().flatten() {
        let (s, t) = (e["start"].as_i64().unwrap(), e["end"].as_i64().unwrap());
        let typ = e["type"].as_str().unwrap_or("PER");
        let label = match rng.next(10) {
            0 => labels[rng.next(labels.len() as u64) as usize],
            1 => continue,
            _ => typ,
        };
        let start = match rng.next(6) {
            0 => s - 1,
            1 => s + 1,
            2 => (s - 2).max(0),
            _ => s,
        };
        let end = if rng.next(8) == 0 { t + 1 } else { t };
        entities.push(json!({"start": start, "end": end, "label": label}));
        if rng.next(12) == 0 {
            entities.push(json!({"start": start, "end": end, "type": label}));
        }
    }
    let ids: Vec<&String> = registry
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    let mut quotes = Vec::new();
    for q in gold["quotes"].as_array().into_iter().flatten() {
        let (s, t) = (q["start"].as_i64().unwrap(), q["end"].as_i64().unwrap());
        if rng.next(7) == 0 {
            continue;
        }
        let len = (t - s).max(1);
        let (start, end) = match rng.next(5) {
            0 => (s - 1, t + 1),
            1 => (s + len / 3, t),
            2 => (s, t - len * 2 / 3),
            _ => (s, t),
        };
        let kind = if rng.next(4) == 0 {
            kinds[rng.next(4) as usize]
        } else {
            q["kind"].as_str().unwrap_or("direct")
        };
        let speaker = match (rng.next(5), q["speaker"].as_str()) {
            (0, _) => Value::Null,
            (1, _) => json!({"name": "مصدر مجهول"}),
            (2, Some(id)) => {
                // A single token of one registered spelling.
                let entry = &registry[id];
                let name = entry["spellings"][0].as_str().unwrap_or("");
                json!(name.split(' ').next_back().unwrap_or(""))
            }
            (3, _) if !ids.is_empty() => {
                let other = ids[rng.next(ids.len() as u64) as usize];
                json!({"name": registry[other]["name"]})
            }
            (_, Some(id)) => json!({"name": registry[id]["name"], "cluster": 0}),
            (_, None) => json!({"text": "المتحدث"}),
        };
        let mut obj = json!({"start": start, "end": end, "speaker": speaker});
        if rng.next(10) != 0 {
            obj["kind"] = json!(kind);
        }
        if rng.next(5) == 0 {
            // An identical span with another speaker: which one the greedy
            // matching takes depends on its tie order.
            let mut twin = obj.clone();
            twin["speaker"] = json!({"name": "مصدر مجهول"});
            quotes.push(twin);
        }
        quotes.push(obj);
    }
    json!({"entities": entities, "quotes": quotes})
}

fn run_score_py(py: &str, gold: &Path, pred: &Path, text: Option<&Path>, json: bool) -> String {
    let mut cmd = std::process::Command::new(py);
    cmd.arg(SCORE_PY)
        .arg("--gold-dir")
        .arg(gold)
        .arg("--pred-dir")
        .arg(pred)
        .arg("--registry")
        .arg(fixtures().join("registry.json"));
    if let Some(t) = text {
        cmd.arg("--text-dir").arg(t);
    }
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("running score.py");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("score.py prints UTF-8")
}

fn assert_same_as_score_py(py: &str, pred_dir: &Path, with_text: bool) {
    let gold = fixtures().join("gold");
    let text_dir = fixtures().join("seeds");
    let text = with_text.then_some(text_dir.as_path());
    let report = score_dirs(
        &gold,
        pred_dir,
        text,
        Some(&fixtures().join("registry.json")),
    )
    .expect("qawl_cli::eval scores the fixtures");
    let theirs: Value =
        serde_json::from_str(&run_score_py(py, &gold, pred_dir, text, true)).unwrap();
    let ours = serde_json::to_value(&report).unwrap();
    assert_eq!(
        ours,
        theirs,
        "qawl_cli::eval and score.py disagree on {} (text: {with_text})",
        pred_dir.display()
    );
    assert_eq!(
        report.to_string(),
        run_score_py(py, &gold, pred_dir, text, false),
        "text output differs"
    );
}

#[test]
fn agrees_with_score_py_on_the_fixtures() {
    let Some(py) = python() else {
        eprintln!("skipping the score.py cross-check: python3 or {SCORE_PY} is not available");
        return;
    };
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("eval-{}", std::process::id()));
    let registry: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("registry.json")).unwrap())
            .unwrap();

    // 1. qawl's own predictions.
    let analyzed = base.join("analyzed");
    std::fs::create_dir_all(&analyzed).unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let analysis = qawl::analyze(&text).unwrap().into_utf16(&text);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        std::fs::write(
            analyzed.join(format!("{stem}.json")),
            serde_json::to_string(&analysis).unwrap(),
        )
        .unwrap();
        names.push(stem);
    }
    names.sort();
    assert!(!names.is_empty(), "no fixture articles");
    assert_same_as_score_py(py, &analyzed, true);
    assert_same_as_score_py(py, &analyzed, false);

    // 2. Damaged copies of the gold, several rounds, one article left out.
    let mut rng = Lcg(0x5eed);
    for round in 0..6 {
        let dir = base.join(format!("perturbed-{round}"));
        std::fs::create_dir_all(&dir).unwrap();
        for (k, name) in names.iter().enumerate() {
            if k == round % (names.len() + 1) {
                continue;
            }
            let gold: Value = serde_json::from_str(
                &std::fs::read_to_string(fixtures().join(format!("gold/{name}.json"))).unwrap(),
            )
            .unwrap();
            let pred = perturbed(&gold, &registry, &mut rng);
            std::fs::write(dir.join(format!("{name}.json")), pred.to_string()).unwrap();
        }
        assert_same_as_score_py(py, &dir, true);
    }
    let _ = std::fs::remove_dir_all(&base);
}
