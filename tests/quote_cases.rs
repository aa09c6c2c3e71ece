//! Quotation cases as data: `tests/testdata/quotes.txt` holds invented
//! sentences with the quotations, kinds and speakers a reader finds in them
//! (its header gives the format). Every case runs through the whole analysis,
//! and every failure is reported at once, with its case. Adding a case is
//! adding a paragraph to the file.

use qawl::{Quote, QuoteKind};

/// Who a case expects to have said a quotation.
enum Who {
    /// Anyone, or no one.
    Any,
    /// No one.
    Nobody,
    /// Exactly this name.
    Exactly(String),
    /// A name that names this person: its words, folded, are among the
    /// expected name's (`speaker_ok` of score.py: `كريم` names `هدى كريم`).
    Names(String),
    /// Anyone but this name, or no one.
    Not(String),
}

/// The quotation with this content that a `>` line is about: of its kind
/// when the same words are quoted more than once (a term in the lead, a
/// partial in the body), else the first.
fn pick<'q>(quotes: &'q [Quote], content: &str, kind: Option<QuoteKind>) -> Option<&'q Quote> {
    let mut same = quotes.iter().filter(|q| q.text == content);
    let first = same.clone().next();
    same.find(|q| kind.is_some_and(|k| k == q.kind)).or(first)
}

/// What a case expects.
enum Expect {
    /// A quotation with this content, of this kind (`None`: any) and speaker.
    Quote {
        kind: Option<QuoteKind>,
        content: String,
        speaker: Who,
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
    /// Why the case is known to fail today, when it is: reported, and a
    /// failure once it passes (so that the line is removed).
    known_failure: Option<String>,
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
                known_failure: None,
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
                    "*" => Who::Any,
                    "-" => Who::Nobody,
                    name => match (name.strip_prefix('~'), name.strip_prefix('!')) {
                        (Some(n), _) => Who::Names(n.to_string()),
                        (_, Some(n)) => Who::Not(n.to_string()),
                        _ => Who::Exactly(name.to_string()),
                    },
                },
            }
        } else if let Some(why) = line.strip_prefix("? ") {
            case.known_failure = Some(why.to_string());
            continue;
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
            } => match pick(quotes, content, *kind) {
                None => out.push(format!("no quotation {content:?}")),
                Some(q) => {
                    if kind.is_some_and(|k| k != q.kind) {
                        out.push(format!("{content:?} is {:?}, not {kind:?}", q.kind));
                    }
                    let got = q.speaker.as_ref().map(|s| s.name.as_str());
                    if !speaker_is(speaker, got) {
                        let want = match speaker {
                            Who::Nobody => "nobody".to_string(),
                            Who::Exactly(n) => n.clone(),
                            Who::Names(n) => format!("a name of {n}"),
                            Who::Not(n) => format!("anyone but {n}"),
                            Who::Any => "anyone".to_string(),
                        };
                        out.push(format!("{content:?} spoken by {got:?}, not {want}"));
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

/// `norm` of score.py: hamza forms of alef, ى/ي, ة/ه, ؤ/و, ئ/ي unified,
/// diacritics and tatweel removed, spaces collapsed.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ئ' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the speaker `got` is the one a case expects.
fn speaker_is(want: &Who, got: Option<&str>) -> bool {
    match (want, got) {
        (Who::Any, _) => true,
        (Who::Nobody, g) => g.is_none(),
        (Who::Exactly(n), g) => g == Some(n.as_str()),
        (Who::Names(n), Some(g)) => {
            let words =
                |s: &str| -> Vec<String> { fold(s).split(' ').map(str::to_string).collect() };
            let (want, got) = (words(n), words(g));
            !got.is_empty() && got.iter().all(|w| want.contains(w))
        }
        (Who::Names(_), None) => false,
        (Who::Not(n), g) => g != Some(n.as_str()),
    }
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
    let mut known = Vec::new();
    for case in &cases {
        let a = qawl::analyze(&case.text).expect("a short text is analysed");
        well_formed(&case.text, &a.quotes);
        let fails = check(case, &a.quotes);
        match (&case.known_failure, fails.is_empty()) {
            (Some(why), false) => {
                known.push(format!("[{}] {why}: {}", case.title, fails.join("; ")))
            }
            (Some(_), true) => failures.push(format!(
                "[{}] passes now: remove its `?` line from tests/testdata/quotes.txt",
                case.title
            )),
            (None, _) => {
                failures.extend(fails.into_iter().map(|f| format!("[{}] {f}", case.title)))
            }
        }
    }
    println!("{} known failures:\n{}", known.len(), known.join("\n"));
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
