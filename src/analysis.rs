//! The output contract: what qawl found in one article.
//!
//! These types are the one statement of it. serde writes them, field names
//! as they stand here, as the CLI's JSON and as the wasm API's objects; the
//! wasm build derives the TypeScript declarations in `pkg/qawl.d.ts` from
//! them (tsify, doc comments included; `missing_as_null` because the wasm
//! layer writes `None` as `null`), and the page exports the analysis as it
//! got it.
//!
//! [`crate::analyze`] returns offsets in **bytes** of the Rust `&str`.
//! [`Analysis::into_utf16`] converts every offset to **UTF-16 code units**,
//! the unit of JavaScript string indices; the JSON the CLI writes and the
//! objects the wasm API returns always use UTF-16. [`Analysis::into_chars`]
//! converts them to **code points** instead, the unit of Python string
//! indices, for the Python package. In all of them, `end` is exclusive and
//! `text` equals the input sliced by `start..end`.

use crate::text::{CharIndex, Utf16Index};
use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify_next::Tsify;

/// The type of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub enum Label {
    /// A named person.
    PER,
    /// A named place: country, city, region.
    LOC,
    /// A named organization: institution, agency, company, party, armed group.
    ORG,
    /// Another named thing: event, product, nationality-free work titles.
    MISC,
    /// A day name, month, year or calendar date.
    DATE,
}

impl Label {
    /// Every label, in the order the page lists them.
    pub const ALL: [Label; 5] = [Label::PER, Label::LOC, Label::ORG, Label::MISC, Label::DATE];

    /// The label as the JSON and the page write it (`"PER"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::LOC => "LOC",
            Label::ORG => "ORG",
            Label::MISC => "MISC",
            Label::DATE => "DATE",
        }
    }
}

/// How a quotation reports speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Quote marks around a clause or more of the speaker's words.
    Direct,
    /// A short quoted fragment inside a reporting sentence.
    Partial,
    /// Reported speech without quote marks: speech verb + إن/أن/that.
    Indirect,
    /// Quote marks around a name or scare term that nobody is quoted as saying.
    Term,
}

/// One mention of an entity; `text` is the input sliced by `start..end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Entity {
    /// Where the mention starts (see [`Analysis`] for the unit).
    pub start: usize,
    /// Where the mention ends, exclusive.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// What the mention names.
    pub label: Label,
    /// Index into [`Analysis::clusters`].
    pub cluster: usize,
}

/// All mentions of one entity in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Cluster {
    /// Equal to the cluster's index in [`Analysis::clusters`].
    pub id: usize,
    /// The canonical name: the fullest mention.
    pub name: String,
    /// What the cluster's entity is.
    pub label: Label,
    /// How many entity mentions belong to the cluster.
    pub mentions: usize,
    /// The distinct spellings of its mentions, most frequent first.
    pub spellings: Vec<String>,
}

/// Who said a quotation, and where the article names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Speaker {
    /// The canonical name of the speaker's cluster, or the words that
    /// describe an unnamed speaker.
    pub name: String,
    /// The speaker's cluster, when it is a known entity.
    pub cluster: Option<usize>,
    /// The mention that names the speaker for this quotation (for a bare
    /// verb continuing a speaker, the mention that introduced them).
    pub start: usize,
    /// Where the naming mention ends, exclusive.
    pub end: usize,
}

/// The speech verb (with its subject mention when present) that introduces a
/// quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Cue {
    /// Where the cue starts.
    pub start: usize,
    /// Where the cue ends, exclusive.
    pub end: usize,
    /// The cue as written.
    pub text: String,
}

/// One quotation; `text` is the input sliced by `start..end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Quote {
    /// The quoted content, without the quote marks around it.
    pub start: usize,
    /// Where the quoted content ends, exclusive.
    pub end: usize,
    /// The quoted content as written.
    pub text: String,
    /// How the quotation reports speech.
    pub kind: QuoteKind,
    /// Who said it, when the article says (terms have none).
    pub speaker: Option<Speaker>,
    /// The verb or phrase that reports it, when there is one.
    pub cue: Option<Cue>,
}

/// Everything qawl found in one article. Offsets are UTF-16 code units (in
/// JavaScript and JSON) or bytes (from [`crate::analyze`]), `end` exclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(missing_as_null))]
pub struct Analysis {
    /// Entity mentions, sorted by start.
    pub entities: Vec<Entity>,
    /// The entities the mentions belong to; `Entity::cluster` indexes here.
    pub clusters: Vec<Cluster>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Quote>,
}

impl Analysis {
    /// The records of what the stages found in `text` (byte offsets), each
    /// span's text sliced from it: the one place stage types become output.
    /// Without `entities`, the analysis reports quotations only.
    pub(crate) fn assemble(
        text: &str,
        entities: Option<crate::entity::Entities>,
        quotes: Vec<crate::quote::Quotation>,
    ) -> Analysis {
        let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default().to_string();
        let ents = entities.unwrap_or_default();
        Analysis {
            entities: ents
                .mentions
                .iter()
                .map(|m| Entity {
                    start: m.start,
                    end: m.end,
                    text: slice(m.start, m.end),
                    label: m.label,
                    cluster: m.cluster,
                })
                .collect(),
            clusters: ents
                .clusters
                .into_iter()
                .enumerate()
                .map(|(id, c)| Cluster {
                    id,
                    name: c.name,
                    label: c.label,
                    mentions: c.mentions,
                    spellings: c.spellings,
                })
                .collect(),
            quotes: quotes
                .into_iter()
                .map(|q| Quote {
                    start: q.start,
                    end: q.end,
                    text: slice(q.start, q.end),
                    kind: q.kind,
                    speaker: q.speaker.map(|w| Speaker {
                        name: w.name.to_string(),
                        cluster: w.cluster,
                        start: w.start,
                        end: w.end,
                    }),
                    cue: q.cue.map(|c| Cue {
                        start: c.start,
                        end: c.end,
                        text: slice(c.start, c.end),
                    }),
                })
                .collect(),
        }
    }

    /// Converts every offset from bytes of `text` to UTF-16 code units, the
    /// indices of JavaScript strings (and of the CLI's JSON).
    ///
    /// `text` must be the text this analysis was made from.
    pub fn into_utf16(self, text: &str) -> Analysis {
        let idx = Utf16Index::new(text);
        self.map_offsets(|b| idx.utf16(b))
    }

    /// Converts every offset from bytes of `text` to code points (`char`s),
    /// the indices of Python strings.
    ///
    /// `text` must be the text this analysis was made from.
    pub fn into_chars(self, text: &str) -> Analysis {
        let idx = CharIndex::new(text);
        self.map_offsets(|b| idx.chars(b))
    }

    /// Applies `conv` to every `start` and `end`, and to nothing else.
    fn map_offsets(mut self, conv: impl Fn(usize) -> usize) -> Analysis {
        let conv = |s: &mut usize, e: &mut usize| {
            *s = conv(*s);
            *e = conv(*e);
        };
        for e in &mut self.entities {
            conv(&mut e.start, &mut e.end);
        }
        for q in &mut self.quotes {
            conv(&mut q.start, &mut q.end);
            if let Some(s) = &mut q.speaker {
                conv(&mut s.start, &mut s.end);
            }
            if let Some(c) = &mut q.cue {
                conv(&mut c.start, &mut c.end);
            }
        }
        self
    }

    /// Every span in the analysis with the text it claims to cover, for
    /// checking that offsets slice the input: `(start, end, text)`.
    /// Speaker spans carry no text of their own and are not listed.
    pub fn spans(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        let ents = self
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.text.as_str()));
        let quotes = self.quotes.iter().flat_map(|q| {
            std::iter::once((q.start, q.end, q.text.as_str()))
                .chain(q.cue.iter().map(|c| (c.start, c.end, c.text.as_str())))
        });
        ents.chain(quotes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_conversion_moves_spans_after_astral_characters() {
        let text = "😀 بوتين";
        let start = text.find("بوتين").unwrap();
        let a = Analysis {
            entities: vec![Entity {
                start,
                end: text.len(),
                text: "بوتين".into(),
                label: Label::PER,
                cluster: 0,
            }],
            ..Analysis::default()
        };
        let u = a.into_utf16(text);
        // 😀 is two UTF-16 units, then one space.
        assert_eq!((u.entities[0].start, u.entities[0].end), (3, 8));
    }

    #[test]
    fn char_conversion_counts_astral_characters_once() {
        // An emoji and U+1D400 (𝐀) are one code point each, two UTF-16 units.
        let text = "😀 \u{1D400} قال بوتين: \"نعم\"";
        let at = |s: &str| text.find(s).unwrap();
        let a = Analysis {
            entities: vec![Entity {
                start: at("بوتين"),
                end: at(":"),
                text: "بوتين".into(),
                label: Label::PER,
                cluster: 0,
            }],
            quotes: vec![Quote {
                start: at("نعم"),
                end: at("نعم") + "نعم".len(),
                text: "نعم".into(),
                kind: QuoteKind::Direct,
                speaker: Some(Speaker {
                    name: "بوتين".into(),
                    cluster: Some(0),
                    start: at("بوتين"),
                    end: at(":"),
                }),
                cue: Some(Cue {
                    start: at("قال"),
                    end: at(":"),
                    text: "قال بوتين".into(),
                }),
            }],
            ..Analysis::default()
        };
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let c = a.clone().into_chars(text);
        assert_eq!((c.entities[0].start, c.entities[0].end), (8, 13));
        for (s, e, t) in c.spans() {
            assert_eq!(slice(s, e), t);
        }
        let sp = c.quotes[0].speaker.as_ref().unwrap();
        assert_eq!(slice(sp.start, sp.end), "بوتين");
        // The same analysis in UTF-16 units sits two units further on.
        let u = a.into_utf16(text);
        assert_eq!((u.entities[0].start, u.entities[0].end), (10, 15));
    }

    #[test]
    fn json_shape_matches_the_contract() {
        let a = Analysis {
            quotes: vec![Quote {
                start: 0,
                end: 1,
                text: "x".into(),
                kind: QuoteKind::Partial,
                speaker: None,
                cue: None,
            }],
            ..Analysis::default()
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["quotes"][0]["kind"], "partial");
        assert!(v["quotes"][0]["speaker"].is_null());
        assert!(v["entities"].as_array().unwrap().is_empty());
    }
}
