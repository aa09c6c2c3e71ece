//! Trains and cross-validates the speaker model on annotated articles.
//!
//! speaker-lab [--cv] [--epochs N] [--out FILE] SET...
//! SET is NAME=TEXTS:GOLD:REGISTRY[:OUTLETS] where OUTLETS is a TSV of
//! `article<TAB>outlet` (articles without one are always training data).

use qawl::lab::{
    analyze_speakers, SpeakerCandidate as Candidate, SpeakerObserver as Observer, SpeakerWeights as Weights, Who,
};
use qawl::Analysis;
use qawl_cli::eval::{self, Article, Gold, Prediction, Registry, RegistryEntry};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

struct Doc {
    set: String,
    name: String,
    outlet: Option<String>,
    text: String,
    gold: Gold,
    registry: Registry,
    entries: HashMap<String, RegistryEntry>,
    /// Gold cue byte spans with their speaker id.
    cues: Vec<(usize, usize, Option<String>)>,
}

fn u16_to_byte(text: &str) -> Vec<usize> {
    // index: utf16 offset -> byte offset
    let mut map = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            map.push(b);
        }
    }
    map.push(text.len());
    map
}

fn load_set(spec: &str) -> Vec<Doc> {
    let (name, rest) = spec
        .split_once('=')
        .expect("SET is NAME=TEXTS:GOLD:REGISTRY[:OUTLETS]");
    let parts: Vec<&str> = rest.split(':').collect();
    let (texts, golds, regs) = (PathBuf::from(parts[0]), PathBuf::from(parts[1]), parts[2]);
    let mut entries: HashMap<String, RegistryEntry> = HashMap::new();
    for r in regs.split(',') {
        let j: HashMap<String, RegistryEntry> =
            serde_json::from_str(&std::fs::read_to_string(r).expect("registry"))
                .expect("registry json");
        for (k, v) in j {
            let e = entries.entry(k).or_default();
            if e.name.is_empty() {
                e.name = v.name.clone();
            }
            for s in v.spellings {
                if !e.spellings.contains(&s) {
                    e.spellings.push(s);
                }
            }
        }
    }
    let outlets: HashMap<String, String> = parts
        .get(3)
        .map(|p| {
            std::fs::read_to_string(p)
                .expect("outlets")
                .lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&golds)
        .expect("gold dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for g in files {
        let stem = g.file_stem().unwrap().to_string_lossy().to_string();
        let tp = texts.join(format!("{stem}.txt"));
        let Ok(text) = std::fs::read_to_string(&tp) else {
            eprintln!("no text for {}", g.display());
            continue;
        };
        let gold = Gold::from_json(&std::fs::read_to_string(&g).unwrap()).expect("gold json");
        let map = u16_to_byte(&text);
        let at = |u: i64| map.get(u as usize).copied().unwrap_or(text.len());
        let mut cues = Vec::new();
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        for q in raw["quotes"].as_array().into_iter().flatten() {
            if q["kind"] == "term" {
                continue;
            }
            if let Some(c) = q.get("cue") {
                let spk = q["speaker"].as_str().map(str::to_string);
                cues.push((
                    at(c["start"].as_i64().unwrap()),
                    at(c["end"].as_i64().unwrap()),
                    spk,
                ));
            }
        }
        out.push(Doc {
            set: name.to_string(),
            outlet: outlets.get(&stem).cloned(),
            name: stem,
            text,
            gold,
            registry: Registry::from_entries(entries.clone()),
            entries: entries.clone(),
            cues,
        });
    }
    out
}

/// Perceptron state.
#[derive(Default)]
struct Learner {
    w: HashMap<u32, f32>,
    u: HashMap<u32, f32>,
    t: f32,
    updates: usize,
    seen: usize,
}

impl Learner {
    fn weights(&self) -> Weights {
        Weights::from_pairs(self.w.iter().map(|(k, v)| (*k, *v)))
    }
    fn averaged(&self) -> Weights {
        Weights::from_pairs(self.w.iter().map(|(k, v)| {
            let u = self.u.get(k).copied().unwrap_or(0.0);
            (*k, ((v - u / self.t.max(1.0)) * 1000.0).round() / 1000.0)
        }))
    }
    fn update(&mut self, good: &[u32], bad: &[u32]) {
        for (fs, d) in [(good, 1.0f32), (bad, -1.0)] {
            for f in fs {
                *self.w.entry(*f).or_default() += d;
                *self.u.entry(*f).or_default() += d * self.t;
            }
        }
        self.updates += 1;
    }
}

struct Teach<'a> {
    doc: &'a Doc,
    learner: &'a mut Learner,
    current: Weights,
    train: bool,
    /// (correct, total, reachable) over cues with a gold speaker decision.
    stats: (usize, usize, usize),
    log: Option<&'a mut Vec<String>>,
}

fn correct(doc: &Doc, gold: &Option<String>, c: &Candidate) -> bool {
    match (gold, &c.who) {
        (None, None) => true,
        (None, Some(w)) => !w.named,
        (Some(_), None) => false,
        (Some(g), Some(w)) => doc.registry.speaker_ok(Some(&w.name), Some(g)),
    }
}

impl Observer for Teach<'_> {
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize {
        let (s, e) = (cue.start, cue.end);
        let Some((_, _, gold)) = self.doc.cues.iter().find(|(a, b, _)| *a <= s && e <= *b) else {
            return best;
        };
        let ok: Vec<usize> = (0..cands.len())
            .filter(|&i| correct(self.doc, gold, &cands[i]))
            .collect();
        let best = if self.train {
            let mut b = 0;
            let mut top = f32::NEG_INFINITY;
            for (i, c) in cands.iter().enumerate() {
                let s = self.current.score(&c.feats);
                if s > top {
                    top = s;
                    b = i;
                }
            }
            b
        } else {
            best
        };
        self.learner.t += 1.0;
        self.learner.seen += 1;
        self.stats.1 += 1;
        self.stats.2 += !ok.is_empty() as usize;
        if ok.contains(&best) {
            self.stats.0 += 1;
            return best;
        }
        if std::env::var("ORACLE").is_ok() {
            if let Some(i) = ok.first() {
                return *i;
            }
        }
        if let Some(log) = self.log.as_deref_mut() {
            let show = |c: &Candidate| match &c.who {
                Some(Who { name, .. }) => format!("{:?}:{name}", c.origin),
                None => "Null".to_string(),
            };
            log.push(format!(
                "{}\t{}\t{}\tgold={:?}\tpred={}\tcands=[{}]",
                if ok.is_empty() { "UNREACH" } else { "WRONG" },
                self.doc.name,
                &self.doc.text[s..e],
                gold,
                show(&cands[best]),
                cands
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{}{}", if ok.contains(&i) { "*" } else { "" }, show(c)))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        if ok.is_empty() || !self.train {
            return best;
        }
        let star = *ok
            .iter()
            .max_by(|&&a, &&b| {
                self.current
                    .score(&cands[a].feats)
                    .partial_cmp(&self.current.score(&cands[b].feats))
                    .unwrap()
                    .then(b.cmp(&a))
            })
            .unwrap();
        self.learner.update(&cands[star].feats, &cands[best].feats);
        self.current = self.learner.weights();
        star
    }
}

fn analyze(doc: &Doc, w: &Weights, obs: &mut dyn Observer) -> Analysis {
    analyze_speakers(&doc.text, w, obs)
}

/// One training instance: each candidate's features, and which are right.
struct Instance {
    feats: Vec<Vec<u32>>,
    ok: Vec<bool>,
}

struct Collect<'a> {
    doc: &'a Doc,
    out: &'a mut Vec<Instance>,
    /// Follow the model's own choice (not the gold one) for later cues.
    own: bool,
}

impl Observer for Collect<'_> {
    fn decide(&mut self, cue: std::ops::Range<usize>, cands: &[Candidate], best: usize) -> usize {
        let (s, e) = (cue.start, cue.end);
        let Some((_, _, gold)) = self.doc.cues.iter().find(|(a, b, _)| *a <= s && e <= *b) else {
            return best;
        };
        let ok: Vec<bool> = cands.iter().map(|c| correct(self.doc, gold, c)).collect();
        let first = ok.iter().position(|&x| x);
        if gold.is_none() && std::env::var("NO_NULL").is_ok() {
            return first.unwrap_or(best);
        }
        if first.is_some() {
            let drop: Vec<u8> = std::env::var("DROP")
                .unwrap_or_default()
                .split(',')
                .filter_map(|x| x.parse().ok())
                .collect();
            self.out.push(Instance {
                feats: cands
                    .iter()
                    .map(|c| {
                        c.feats
                            .iter()
                            .copied()
                            .filter(|f| !drop.contains(&f.to_be_bytes()[0]))
                            .collect()
                    })
                    .collect(),
                ok,
            });
        }
        if self.own {
            best
        } else {
            first.unwrap_or(best)
        }
    }
}

/// A log-linear ranker: softmax over each cue's candidates, trained by
/// AdaGrad on the full batch with an L2 penalty (deterministic).
fn train_softmax(docs: &[&Doc], iters: usize, l2: f64) -> Weights {
    let mut inst = Vec::new();
    for d in docs {
        let mut c = Collect {
            doc: d,
            out: &mut inst,
            own: false,
        };
        analyze(d, &Weights::default(), &mut c);
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut w = fit_softmax(&inst, iters, l2);
    // Instances where earlier choices are the model's own, as at run time
    // (teacher forcing alone trusts the history more than it deserves).
    for _ in 0..rounds {
        for d in docs {
            let mut c = Collect {
                doc: d,
                out: &mut inst,
                own: true,
            };
            analyze(d, &w, &mut c);
        }
        w = fit_softmax(&inst, iters, l2);
    }
    w
}

fn fit_softmax(inst: &[Instance], iters: usize, l2: f64) -> Weights {
    let mut w: HashMap<u32, f64> = HashMap::new();
    let mut g2: HashMap<u32, f64> = HashMap::new();
    let lr = 0.2;
    for _ in 0..iters {
        let mut grad: HashMap<u32, f64> = HashMap::new();
        for x in inst {
            let sc: Vec<f64> = x
                .feats
                .iter()
                .map(|fs| fs.iter().map(|f| w.get(f).copied().unwrap_or(0.0)).sum())
                .collect();
            let m = sc.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let ex: Vec<f64> = sc.iter().map(|s| (s - m).exp()).collect();
            let z: f64 = ex.iter().sum();
            let zok: f64 = ex
                .iter()
                .zip(&x.ok)
                .filter(|(_, &o)| o)
                .map(|(e, _)| e)
                .sum();
            for (k, fs) in x.feats.iter().enumerate() {
                let p = ex[k] / z;
                let q = if x.ok[k] { ex[k] / zok } else { 0.0 };
                for f in fs {
                    *grad.entry(*f).or_default() += p - q;
                }
            }
        }
        let mut keys: Vec<u32> = grad.keys().copied().collect();
        keys.extend(w.keys().copied());
        keys.sort();
        keys.dedup();
        for k in keys {
            let wk = w.get(&k).copied().unwrap_or(0.0);
            let g = grad.get(&k).copied().unwrap_or(0.0) + l2 * wk;
            let a = g2.entry(k).or_default();
            *a += g * g;
            let nw = wk - lr * g / (a.sqrt() + 1e-8);
            w.insert(k, nw);
        }
    }
    Weights::from_pairs(
        w.into_iter()
            .map(|(k, v)| (k, ((v * 1000.0).round() / 1000.0) as f32)),
    )
}

fn train(docs: &[&Doc], epochs: usize) -> Weights {
    if std::env::var("PERCEPTRON").is_err() {
        let l2 = std::env::var("L2")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.1);
        return train_softmax(docs, epochs * 25, l2);
    }
    let mut l = Learner::default();
    for _ in 0..epochs {
        for d in docs {
            let current = l.weights();
            let mut t = Teach {
                doc: d,
                learner: &mut l,
                current,
                train: true,
                stats: (0, 0, 0),
                log: None,
            };
            analyze(d, &Weights::default(), &mut t);
        }
    }
    l.averaged()
}

fn evaluate(
    docs: &[&Doc],
    w: &Weights,
    log: &mut Vec<String>,
) -> (eval::Report, (usize, usize, usize)) {
    let mut by_reg: Vec<Article> = Vec::new();
    let mut stats = (0, 0, 0);
    let mut l = Learner::default();
    for d in docs {
        let mut t = Teach {
            doc: d,
            learner: &mut l,
            current: w.clone(),
            train: false,
            stats: (0, 0, 0),
            log: Some(log),
        };
        let a = analyze(d, w, &mut t);
        stats.0 += t.stats.0;
        stats.1 += t.stats.1;
        stats.2 += t.stats.2;
        let a = a.into_utf16(&d.text);
        by_reg.push(Article {
            name: format!("{}.json", d.name),
            gold: d.gold.clone(),
            pred: Some(Prediction::from(&a)),
            text: Some(d.text.clone()),
        });
    }
    // All docs of one evaluation share a registry (sets merged by the caller).
    let reg = docs[0].registry.clone();
    (eval::score(&by_reg, &reg), stats)
}

/// Hand-set weights: the rules a careful reader states, as a baseline for
/// the learned model (`--hand`).
fn hand() -> Weights {
    let k = |t: u8, a: u8, b: u8, c: u8| u32::from_be_bytes([t, a, b, c]);
    let mut w: Vec<(u32, f32)> = Vec::new();
    // Origins: after the verb, before it, the sentence's subject, earlier
    // speakers, recent entities, nobody. (after=0 before=1 initial=2
    // sentence=3 history=4 null=5 recent=6)
    for (o, v) in [(0, 6.0), (1, 4.0), (2, 2.0), (3, 1.0), (4, 3.0), (5, 1.0), (6, 1.5)] {
        w.push((k(1, o, 0, 0), v));
    }
    for o in 0..7u8 {
        // kinds: PER 1, ORG 2, LOC 3, name 6/11/12, title→named 7, title 8,
        // group→named 9, group 10
        for (kind, v) in [(1, 3.0), (2, 3.0), (3, 1.0), (6, 2.0), (11, 2.5), (12, 2.5), (7, 2.5), (9, 2.5)] {
            w.push((k(3, o, kind, 0), v));
        }
        for kind in 0..17u8 {
            w.push((k(8, o, kind, 0), -10.0)); // governed by a preposition
        }
        for g in 0..4u8 {
            w.push((k(4, o, 2, g), -4.0)); // disagrees with the verb
        }
        // A conjunction verb has no subject before it; no history → recent.
        for f in [0u8, 8] {
            w.push((k(24, 6, 0, f), 2.0));
        }
    }
    // Participles (form 2, weak 10) take the sentence's subject.
    for f in [2u8, 10] {
        w.push((k(2, 2, f, 0), 4.0));
        w.push((k(2, 3, f, 0), 2.0));
        w.push((k(36, 0, 0, f), 3.0));
    }
    for (rank, v) in [(0u8, 1.5), (1, 0.0), (2, -0.5)] {
        for sc in 0..4u8 {
            w.push((k(5, rank, sc, 0), v));
        }
    }
    for class in 1..5u8 {
        w.push((k(21, class, 1, 0), 4.0));
        w.push((k(20, class, 0, 0), 1.0));
        for o in 0..3u8 {
            w.push((k(18, o, class, 0), -3.0));
        }
    }
    for f in 0..16u8 {
        w.push((k(10, f, 10, 0), 4.0)); // an unnamed source after the verb
    }
    for sc in 0..4u8 {
        w.push((k(14, 0, sc, 0), 0.5));
    }
    Weights::from_pairs(w)
}

fn line(r: &eval::Report) -> String {
    format!(
        "speech F1 {:.3} attr {:.3} | wsw F1 {:.3} | indirect F1 {:.3} attr {:.3} | term-as-speech {}/{}",
        r.speech.prf.f1,
        r.speech.attrib,
        r.who_said_what.f1,
        r.indirect.prf.f1,
        r.indirect.attrib,
        r.term.as_speech,
        r.term.n
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut epochs = 8;
    let mut cv = false;
    let mut out: Option<String> = None;
    let mut log_path: Option<String> = None;
    let mut sets = Vec::new();
    let mut it = args.iter();
    let mut baseline = false;
    let mut hand_w = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--epochs" => epochs = it.next().unwrap().parse().unwrap(),
            "--cv" => cv = true,
            "--baseline" => baseline = true,
            "--hand" => hand_w = true,
            "--out" => out = it.next().cloned(),
            "--log" => log_path = it.next().cloned(),
            s => sets.push(s.to_string()),
        }
    }
    let mut docs: Vec<Doc> = sets.iter().flat_map(|s| load_set(s)).collect();
    // One registry over every set: ids are shared across annotations.
    let mut all = HashMap::new();
    for d in &docs {
        for (k, v) in d.registry_entries() {
            all.entry(k).or_insert(v);
        }
    }
    let reg = Registry::from_entries(all);
    for d in &mut docs {
        d.registry = reg.clone();
    }
    eprintln!(
        "{} articles, {} gold cues",
        docs.len(),
        docs.iter().map(|d| d.cues.len()).sum::<usize>()
    );
    let mut log = Vec::new();
    if cv {
        let outlets: BTreeMap<String, ()> = docs
            .iter()
            .filter_map(|d| d.outlet.clone())
            .map(|o| (o, ()))
            .collect();
        let mut all_test: Vec<&Doc> = Vec::new();
        let mut preds_w: Vec<(String, Weights)> = Vec::new();
        for (o, _) in &outlets {
            let trainset: Vec<&Doc> = docs
                .iter()
                .filter(|d| d.outlet.as_deref() != Some(o.as_str()))
                .collect();
            let test: Vec<&Doc> = docs
                .iter()
                .filter(|d| d.outlet.as_deref() == Some(o.as_str()))
                .collect();
            if test.is_empty() {
                continue;
            }
            let w = if hand_w {
                hand()
            } else if baseline {
                qawl::lab::speaker_model().clone()
            } else {
                train(&trainset, epochs)
            };
            let (r, st) = evaluate(&test, &w, &mut log);
            println!(
                "{o:10} ({:2}) cues {}/{}/{} {}",
                test.len(),
                st.0,
                st.2,
                st.1,
                line(&r)
            );
            all_test.extend(test);
            preds_w.push((o.clone(), w));
        }
        // Micro over all dev articles, each scored with the model that did not see its outlet.
        let mut arts = Vec::new();
        for d in &all_test {
            let w = &preds_w
                .iter()
                .find(|(o, _)| Some(o.as_str()) == d.outlet.as_deref())
                .unwrap()
                .1;
            let mut l = Learner::default();
            let mut t = Teach {
                doc: d,
                learner: &mut l,
                current: w.clone(),
                train: false,
                stats: (0, 0, 0),
                log: None,
            };
            let a = analyze(d, w, &mut t).into_utf16(&d.text);
            if let Ok(dir) = std::env::var("PRED_OUT") {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(
                    format!("{dir}/{}.json", d.name),
                    serde_json::to_string(&a).unwrap(),
                )
                .unwrap();
            }
            arts.push(Article {
                name: format!("{}.json", d.name),
                gold: d.gold.clone(),
                pred: Some(Prediction::from(&a)),
                text: Some(d.text.clone()),
            });
        }
        let dev: Vec<Article> = arts
            .iter()
            .filter(|a| a.name.starts_with('d'))
            .cloned()
            .collect();
        let ann: Vec<Article> = arts
            .iter()
            .filter(|a| a.name.starts_with('a'))
            .cloned()
            .collect();
        println!(
            "DEV (leave-one-outlet-out)   {}",
            line(&eval::score(&dev, &reg))
        );
        if !ann.is_empty() {
            println!(
                "ANNOT (leave-one-outlet-out) {}",
                line(&eval::score(&ann, &reg))
            );
        }
        println!(
            "ALL (leave-one-outlet-out)   {}",
            line(&eval::score(&arts, &reg))
        );
    } else {
        let refs: Vec<&Doc> = docs.iter().collect();
        let w = if baseline {
            qawl::lab::speaker_model().clone()
        } else {
            train(&refs, epochs)
        };
        for set in sets
            .iter()
            .map(|s| s.split('=').next().unwrap().to_string())
        {
            let sub: Vec<&Doc> = docs.iter().filter(|d| d.set == set).collect();
            let (r, st) = evaluate(&sub, &w, &mut log);
            println!("{set:8} (fit) cues {}/{}/{} {}", st.0, st.2, st.1, line(&r));
        }
        if let Some(o) = out {
            std::fs::write(&o, w.to_text()).unwrap();
        }
    }
    if let Some(p) = log_path {
        std::fs::write(p, log.join("\n") + "\n").unwrap();
    }
}

impl Doc {
    fn registry_entries(&self) -> Vec<(String, RegistryEntry)> {
        self.entries.clone().into_iter().collect()
    }
}

