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

use qawl_cli::eval::{Gold, Registry, RegistryEntry};
use std::collections::HashMap;
use std::path::Path;

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
fn utf16_to_bytes(text: &str) -> Vec<usize> {
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
