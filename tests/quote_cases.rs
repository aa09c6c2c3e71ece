//! Quotation cases as data: `tests/testdata/quotes.txt` holds invented
//! sentences with the quotations, kinds and speakers a reader finds in them
//! (its header gives the format). Every case runs through the whole analysis,
//! and every failure is reported at once, with its case. Adding a case is
//! adding a paragraph to the file.

use qawl::{Quote, QuoteKind};

/// What a case expects.
enum Expect {
    /// A quotation with this content, of this kind and speaker (`None`: any).
    Quote {
        kind: Option<QuoteKind>,
        content: String,
        speaker: Option<Option<String>>,
    },
    /// No quotation with this content.
    NoContent(String),
    /// No quotation of this kind.
    NoKind(QuoteKind),
    /// Exactly this many quotations.
    Count(usize),
}

struct Case {
    title: String,
    text: String,
    expect: Vec<Expect>,
}

fn kind(s: &str) -> Option<QuoteKind> {
    match s.trim() {
        "direct" => Some(QuoteKind::Direct),
        "partial" => Some(QuoteKind::Partial),
        "indirect" => Some(QuoteKind::Indirect),
        "term" => Some(QuoteKind::Term),
        "*" => None,
        other => panic!("unknown kind {other:?} in tests/testdata/quotes.txt"),
    }
}

fn parse(data: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(title) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push(Case {
                title: title.to_string(),
                text: String::new(),
                expect: Vec::new(),
            });
            continue;
        }
        let case = cases.last_mut().expect("a line before the first [case]");
        let e = if let Some(rest) = line.strip_prefix("> ") {
            let parts: Vec<&str> = rest.split(" | ").collect();
            let [k, content, speaker] = parts[..] else {
                panic!("`> KIND | CONTENT | SPEAKER` expected: {line:?}");
            };
            Expect::Quote {
                kind: kind(k),
                content: content.to_string(),
                speaker: match speaker.trim() {
                    "*" => None,
                    "-" => Some(None),
                    name => Some(Some(name.to_string())),
                },
            }
        } else if let Some(k) = line.strip_prefix("!kind ") {
            Expect::NoKind(kind(k).expect("!kind takes a kind"))
        } else if let Some(c) = line.strip_prefix("! ") {
            Expect::NoContent(c.to_string())
        } else if let Some(n) = line.strip_prefix("= ") {
            Expect::Count(n.trim().parse().expect("= takes a number"))
        } else {
            if !case.text.is_empty() {
                case.text.push('\n');
            }
            case.text.push_str(line);
            continue;
        };
        case.expect.push(e);
    }
    cases
}

/// The failures of one case, one line each.
fn check(case: &Case, quotes: &[Quote]) -> Vec<String> {
    let mut out = Vec::new();
    let show = |q: &Quote| {
        let who = q.speaker.as_ref().map_or("-", |s| s.name.as_str());
        format!("{:?} {:?} ({who})", q.kind, q.text)
    };
    for e in &case.expect {
        match e {
            Expect::Quote {
                kind,
                content,
                speaker,
            } => match quotes.iter().find(|q| &q.text == content) {
                None => out.push(format!("no quotation {content:?}")),
                Some(q) => {
                    if kind.is_some_and(|k| k != q.kind) {
                        out.push(format!("{content:?} is {:?}, not {kind:?}", q.kind));
                    }
                    let got = q.speaker.as_ref().map(|s| s.name.clone());
                    if let Some(want) = speaker {
                        if &got != want {
                            out.push(format!("{content:?} spoken by {got:?}, not {want:?}"));
                        }
                    }
                }
            },
            Expect::NoContent(c) => {
                if quotes.iter().any(|q| &q.text == c) {
                    out.push(format!("unexpected quotation {c:?}"));
                }
            }
            Expect::NoKind(k) => {
                for q in quotes.iter().filter(|q| q.kind == *k) {
                    out.push(format!("unexpected {k:?}: {}", show(q)));
                }
            }
            Expect::Count(n) => {
                if quotes.len() != *n {
                    let all: Vec<String> = quotes.iter().map(show).collect();
                    out.push(format!("{} quotations, not {n}: {all:?}", quotes.len()));
                }
            }
        }
    }
    out
}

/// The invariants of every quotation list.
fn well_formed(text: &str, quotes: &[Quote]) {
    let mut last = 0;
    for q in quotes {
        assert_eq!(&text[q.start..q.end], q.text, "span and text disagree");
        assert!(q.start >= last, "quotations not sorted by start");
        assert_eq!(q.text.trim(), q.text, "content has edge spaces");
        last = q.start;
    }
}

#[test]
fn quotation_cases() {
    let data = include_str!("testdata/quotes.txt");
    let cases = parse(data);
    assert!(cases.len() >= 30, "only {} cases parsed", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let a = qawl::analyze(&case.text).expect("a short text is analysed");
        well_formed(&case.text, &a.quotes);
        for f in check(case, &a.quotes) {
            failures.push(format!("[{}] {f}", case.title));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn pathological_inputs_are_safe() {
    // Speed is `make bench`'s; this checks that nothing panics and every
    // span is well formed on inputs built to break pairing and cues.
    let inputs = [
        "\"".repeat(100_000),
        "“ ”".repeat(50_000),
        "قال".repeat(100_000),
        "قال إن ".repeat(20_000),
        format!("وقال \"{}", "ب".repeat(1 << 18)),
        "a\"b ".repeat(50_000),
        String::new(),
        "\"".to_string(),
        "قال".to_string(),
    ];
    for text in &inputs {
        let a = qawl::analyze(text).expect("within the size limit");
        well_formed(text, &a.quotes);
    }
}
