//! Annotated articles for the speaker model: their texts, gold quotations
//! (with cues and speaker ids), registries and outlets.
//!
//! Three sources, all in the gold format of `shared/gold` (UTF-16 offsets):
//! - a gold folder laid out like `shared/gold/dev` (`texts/`, `json/`,
//!   `registry.json`, and a `README.md` whose table names each article's
//!   corpus path, from which its outlet is read);
//! - any `TEXTS:JSON:REGISTRY` triple (the seeds, the held-out articles);
//! - the project's own annotations (`crates/qawl-train/data/news`): gold
//!   JSON without text, whose articles are blocks of the ANT news corpus,
//!   checked against their sha256 before use.

use qawl_cli::eval::{self, Article, Gold, Prediction, Registry, RegistryEntry, Report};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One annotated article.
pub struct Doc {
    /// The set it belongs to (`dev`, `news`, `seeds`, …).
    pub set: String,
    pub name: String,
    /// Its outlet, when known; articles without one are always training data.
    pub outlet: Option<String>,
    pub text: String,
    pub gold: Gold,
    /// Gold cues: byte span and speaker id (`None`: the article does not
    /// say who spoke).
    pub cues: Vec<(usize, usize, Option<String>)>,
}

/// Registry entries of every set, merged by id.
pub type Entries = HashMap<String, RegistryEntry>;

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Merges a registry file into `into` (spellings unioned by id).
pub fn merge_registry(path: &Path, into: &mut Entries) -> Result<(), String> {
    let j: HashMap<String, RegistryEntry> = serde_json::from_str(&read(path)?)
        .map_err(|e| format!("{}: invalid registry JSON: {e}", path.display()))?;
    for (k, v) in j {
        let e = into.entry(k).or_default();
        if e.name.is_empty() {
            e.name = v.name.clone();
        }
        for s in v.spellings {
            if !e.spellings.contains(&s) {
                e.spellings.push(s);
            }
        }
    }
    Ok(())
}

/// Byte offset of every UTF-16 offset of `text` (one past the end included).
pub fn utf16_to_bytes(text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        map.extend(std::iter::repeat_n(b, c.len_utf16()));
    }
    map.push(text.len());
    map
}

/// Builds one article from its text and gold JSON.
fn doc(
    set: &str,
    name: &str,
    outlet: Option<String>,
    text: String,
    json: &str,
) -> Result<Doc, String> {
    let gold = Gold::from_json(json).map_err(|e| format!("{name}: {e}"))?;
    let raw: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("{name}: {e}"))?;
    let map = utf16_to_bytes(&text);
    let at = |v: &serde_json::Value| {
        v.as_u64()
            .and_then(|u| map.get(u as usize).copied())
            .unwrap_or(text.len())
    };
    let mut cues = Vec::new();
    for q in raw["quotes"].as_array().into_iter().flatten() {
        if q["kind"] == "term" {
            continue;
        }
        if let Some(c) = q.get("cue") {
            let speaker = q["speaker"].as_str().map(str::to_string);
            cues.push((at(&c["start"]), at(&c["end"]), speaker));
        }
    }
    Ok(Doc {
        set: set.to_string(),
        name: name.to_string(),
        outlet,
        text,
        gold,
        cues,
    })
}

/// The articles of `json` (one `NAME.json` each) with texts `texts/NAME.txt`.
pub fn load_triple(
    set: &str,
    texts: &Path,
    json: &Path,
    outlets: &HashMap<String, String>,
) -> Result<Vec<Doc>, String> {
    let mut files: Vec<_> = std::fs::read_dir(json)
        .map_err(|e| format!("cannot read {}: {e}", json.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for g in files {
        let name = g
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let text = read(&texts.join(format!("{name}.txt")))?;
        out.push(doc(
            set,
            &name,
            outlets.get(&name).cloned(),
            text,
            &read(&g)?,
        )?);
    }
    Ok(out)
}

/// A gold folder laid out like `shared/gold/dev`.
pub fn load_gold_dir(set: &str, dir: &Path, reg: &mut Entries) -> Result<Vec<Doc>, String> {
    merge_registry(&dir.join("registry.json"), reg)?;
    let outlets = outlets_from_readme(&read(&dir.join("README.md")).unwrap_or_default());
    load_triple(set, &dir.join("texts"), &dir.join("json"), &outlets)
}

/// Each article's outlet from the dev README's table (`| d01 | MS |
/// `Alarabia/…` |`): the first folder of a multi-source path, `Jawhara` for
/// the single-source corpus.
fn outlets_from_readme(readme: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in readme.lines() {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        if cols.len() < 4 {
            continue;
        }
        let (id, corpus, path) = (cols[1], cols[2], cols[3].trim_matches('`'));
        let outlet = match corpus {
            "JA" => "Jawhara",
            "MS" => path.split('/').next().unwrap_or(""),
            _ => continue,
        };
        out.insert(id.to_string(), outlet.to_string());
    }
    out
}

/// The project's own annotations: `articles.tsv` (article, block of the
/// news corpus, outlet, sha256), `registry.json` and one gold JSON per
/// article, with texts taken from the news corpus `news`.
pub fn load_news(dir: &Path, news: &Path, reg: &mut Entries) -> Result<Vec<Doc>, String> {
    merge_registry(&dir.join("registry.json"), reg)?;
    let corpus = read(news)?;
    let blocks: Vec<&str> = corpus.trim_end_matches('\n').split("\n\n").collect();
    let mut out = Vec::new();
    for line in read(&dir.join("articles.tsv"))?
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, block, outlet, sha] = cols[..] else {
            return Err(format!("articles.tsv: expected four columns in {line:?}"));
        };
        let k: usize = block
            .parse()
            .map_err(|_| format!("articles.tsv: bad block {block:?}"))?;
        let text = blocks
            .get(k.wrapping_sub(1))
            .ok_or_else(|| format!("{name}: block {k} is not in {}", news.display()))?;
        if sha256_hex(text.as_bytes()) != sha {
            return Err(format!(
                "{name}: block {k} of {} differs from the annotated text; use the corpus its SOURCE.md describes",
                news.display()
            ));
        }
        let json = read(&dir.join(format!("{name}.json")))?;
        out.push(doc(
            "news",
            name,
            Some(outlet.to_string()),
            format!("{text}\n"),
            &json,
        )?);
    }
    Ok(out)
}

/// The merged registry.
pub fn registry(entries: &Entries) -> Registry {
    Registry::from_entries(entries.clone())
}

/// SHA-256 in hex, to check that a corpus block is the one annotated.
fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The annotated sets named on a trainer's command line.
#[derive(Default)]
pub struct Sets {
    gold_dirs: Vec<(String, PathBuf)>,
    golds: Vec<(String, PathBuf, PathBuf, PathBuf)>,
    news_annotations: Option<PathBuf>,
    news: Option<PathBuf>,
}

impl Sets {
    /// Whether `--name` names a set (the SETS of the commands' usage).
    pub fn takes(name: &str) -> bool {
        matches!(name, "gold-dir" | "gold" | "news-annotations" | "news")
    }

    /// Adds the set that option `--name` names with `value`.
    pub fn add(&mut self, name: &str, value: String) -> Result<(), String> {
        match name {
            "gold-dir" => {
                let (n, d) = value.split_once('=').ok_or("--gold-dir takes NAME=DIR")?;
                self.gold_dirs.push((n.into(), d.into()));
            }
            "gold" => {
                let bad = "--gold takes NAME=TEXTS:JSON:REG";
                let (n, rest) = value.split_once('=').ok_or(bad)?;
                let parts: Vec<&str> = rest.split(':').collect();
                let [t, j, r] = parts[..] else {
                    return Err(bad.into());
                };
                self.golds.push((n.into(), t.into(), j.into(), r.into()));
            }
            "news-annotations" => self.news_annotations = Some(value.into()),
            "news" => self.news = Some(value.into()),
            _ => return Err(format!("--{name} names no annotated set")),
        }
        Ok(())
    }

    /// Loads every set, and their merged registry; `usage` is shown when
    /// none was named.
    pub fn load(&self, usage: &str) -> Result<(Vec<Doc>, Registry), String> {
        let mut reg = Entries::new();
        let mut docs = Vec::new();
        for (name, dir) in &self.gold_dirs {
            docs.extend(load_gold_dir(name, dir, &mut reg)?);
        }
        for (name, t, j, r) in &self.golds {
            merge_registry(r, &mut reg)?;
            docs.extend(load_triple(name, t, j, &Default::default())?);
        }
        match (&self.news_annotations, &self.news) {
            (Some(dir), Some(news)) => docs.extend(load_news(dir, news, &mut reg)?),
            (None, None) => {}
            _ => return Err("--news-annotations and --news go together".into()),
        }
        if docs.is_empty() {
            return Err(format!("no annotated articles given\n\n{usage}"));
        }
        Ok((docs, registry(&reg)))
    }
}

/// The value of the option just read, as text.
pub fn value(p: &mut lexopt::Parser) -> Result<String, String> {
    use lexopt::ValueExt;
    p.value()
        .map_err(|e| e.to_string())?
        .string()
        .map_err(|e| e.to_string())
}

/// The article `d` with analysis `a` (UTF-16 offsets), as score.py's
/// metrics read it.
pub fn article(d: &Doc, a: &qawl::Analysis) -> Article {
    Article {
        name: format!("{}.json", d.name),
        gold: d.gold.clone(),
        pred: Some(Prediction::from(a)),
        text: Some(d.text.clone()),
    }
}

/// Leave-one-outlet-out: for each outlet, the indices of the articles
/// trained on (every other article, those with no outlet included) and of
/// the held-out ones.
pub fn folds(docs: &[Doc]) -> Vec<(&str, Vec<usize>, Vec<usize>)> {
    let outlets: BTreeSet<&str> = docs.iter().filter_map(|d| d.outlet.as_deref()).collect();
    outlets
        .into_iter()
        .map(|held| {
            let (test, train): (Vec<usize>, Vec<usize>) =
                (0..docs.len()).partition(|&i| docs[i].outlet.as_deref() == Some(held));
            (held, train, test)
        })
        .collect()
}

/// Scores the held-out articles of each set together, then all of them
/// (`all`), each analysed by `analyse` (with the models of the fold that
/// held it out): `(set, articles, report)`.
pub fn pooled<'d>(
    docs: &'d [Doc],
    reg: &Registry,
    mut analyse: impl FnMut(&Doc) -> qawl::Analysis,
) -> Vec<(&'d str, usize, Report)> {
    let sets: BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.outlet.is_some())
        .map(|d| d.set.as_str())
        .collect();
    let mut out = Vec::new();
    for set in sets.iter().copied().map(Some).chain([None]) {
        let held: Vec<&Doc> = docs
            .iter()
            .filter(|d| d.outlet.is_some() && set.is_none_or(|s| d.set == s))
            .collect();
        let arts: Vec<Article> = held.iter().map(|d| article(d, &analyse(d))).collect();
        out.push((set.unwrap_or("all"), held.len(), eval::score(&arts, reg)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_strings() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn outlets_are_read_from_the_readme_table() {
        let t = "| d01 | MS | `Alarabia/technology/x.txt` | 339 | `b2` |\n| d17 | JA | `society/y.txt` | 1 | `d7` |";
        let o = outlets_from_readme(t);
        assert_eq!(o["d01"], "Alarabia");
        assert_eq!(o["d17"], "Jawhara");
    }
}
