//! Public minutes name nobody who did not agree: generated mentions of every
//! non-public person, in every form people write names in (full name, parts
//! alone, honorifics, any whitespace, any case, possessives, compounds,
//! quotes, links), in notes and in every text field of the plan, never reach
//! the public Markdown, text, HTML or JSON.
use std::sync::Arc;

use proptest::prelude::*;
use runde::export::{self, Audience, Format, Options};
use runde::model::event::NewNote;
use runde::model::plan::Person;
use runde::model::{Change, Event, Lang, NoteKind, OrderKey, Plan, SessionState, position};

/// (first name, surname) of people who did not agree to be named.
const HIDDEN: &[(&str, &str)] = &[
    ("Tobias", "Brandt"),
    ("Selin", "Aydın"),
    ("Jonas", "Krüger"),
    ("Zoë", "Groß-Albers"),
    ("Imke", "Ünal"),
];

/// People who agreed (no name part shared with the hidden ones).
const PUBLIC: &[&str] = &["André Koch-Engelmann", "Lena Hoffmann"];

const HONORIFICS: &[&str] = &[
    "Herr",
    "Herrn",
    "Frau",
    "Hr.",
    "Fr.",
    "Dr.",
    "Prof.",
    "Mr",
    "Ms",
    "Mrs",
    "Mr.",
    "Prof. Dr.",
];
const GAPS: &[&str] = &[" ", "\n", "\u{a0}", "\r\n", "  \t ", "\u{202f}"];
const FILLER: &[&str] = &[
    "Die Idee",
    "laut",
    "schlägt vor:",
    "meinte,",
    "— siehe",
    "Beispiel von",
    "(mit",
    "und",
    "The idea of",
    "as said by",
    "Thanks to",
];

/// Case-folds like a reader would compare: lower case, ı/İ as i, ß as ss.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            'ı' | 'İ' => "i".chars().collect::<Vec<_>>(),
            'ß' | 'ẞ' => "ss".chars().collect(),
            c => c.to_lowercase().filter(|l| *l != '\u{307}').collect(),
        })
        .collect()
}

/// The folded name parts of a hidden person.
fn tokens(first: &str, last: &str) -> Vec<String> {
    let mut out = vec![fold(first)];
    out.extend(last.split('-').map(fold));
    out.push(fold(last));
    out
}

/// One mention of `(first, last)` in form `form` (variant `v` picks
/// honorific, gap and quote style).
fn mention(first: &str, last: &str, form: u8, v: usize) -> String {
    let gap = GAPS[v % GAPS.len()];
    let hon = HONORIFICS[v % HONORIFICS.len()];
    let possessive_first = if first.ends_with('s') {
        format!("{first}'")
    } else {
        format!("{first}s")
    };
    match form % 14 {
        0 => format!("{first}{gap}{last}"),
        1 => last.to_string(),
        2 => first.to_string(),
        3 => format!("{hon} {last}"),
        4 => format!("{hon}{gap}{first}{gap}{last}"),
        5 => format!("{first} {last}").to_uppercase(),
        6 => format!("{first}{gap}{last}").to_lowercase(),
        7 => format!("{last}s Idee"),
        8 => [
            possessive_first,
            format!("{first}'s"),
            format!("{last}’s"),
            format!("{first}’"),
        ][v % 4]
            .clone(),
        9 => format!("die {last}-Methode"),
        10 => ["„{}“", "\"{}\"", "'{}'", "«{}»", "“{}”"][v % 5].replace("{}", &format!("{first} {last}")),
        11 => format!(
            "[{first} {last}](https://example.org/{}-{})",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        12 => format!("{}{gap}{}", first.to_uppercase(), last.to_uppercase()),
        _ => format!("<{last}>"),
    }
}

/// A note text with 1–3 mentions; also returns how many it has.
fn note_text(picks: &[(usize, u8, usize)]) -> String {
    let mut text = String::new();
    for (i, &(who, form, v)) in picks.iter().enumerate() {
        let (first, last) = HIDDEN[who % HIDDEN.len()];
        text.push_str(FILLER[(v + i) % FILLER.len()]);
        text.push(' ');
        text.push_str(&mention(first, last, form, v));
        text.push_str([" ", ". ", ", ", "\n\n", "! "][v % 5]);
    }
    text
}

fn plan_with_mentions(fields: &[String]) -> Plan {
    let mut plan = Plan::parse(std::path::Path::new("example"), runde::example::PLAN).unwrap();
    plan.people = HIDDEN
        .iter()
        .map(|(f, l)| Person {
            name: format!("{f} {l}"),
            public: false,
        })
        .chain(PUBLIC.iter().map(|n| Person {
            name: n.to_string(),
            public: true,
        }))
        .collect();
    let mut field = fields.iter().cycle().cloned();
    let mut next = || field.next().unwrap_or_default();
    plan.intro = Some(next());
    plan.closing = Some(next());
    plan.title = format!("Treffen mit {}", next());
    for board in &mut plan.boards {
        board.title = format!("{} {}", board.title, next());
        board.question = Some(next());
        board.speaker = board.speaker.as_ref().map(|_| next());
        board.source = board.source.as_ref().map(|_| next());
        if let Some(t) = &mut board.table {
            t.caption = next();
        }
        for section in &mut board.sections {
            section.title = format!("{} {}", section.title, next());
            section.lead = Some(next());
        }
    }
    plan
}

fn state_with_notes(plan: &Plan, notes: &[String]) -> SessionState {
    let mut state = SessionState::default();
    let actor: Arc<str> = Arc::from("writer");
    let slots: Vec<(String, String)> = plan
        .boards
        .iter()
        .flat_map(|b| b.sections.iter().map(|s| (b.id.clone(), s.id.clone())))
        .collect();
    let mut last: Vec<Option<String>> = vec![None; slots.len()];
    for (i, text) in notes.iter().enumerate() {
        let slot = i % slots.len();
        let pos = position::between(last[slot].as_deref(), None);
        last[slot] = Some(pos.clone());
        let seq = i as u64 + 1;
        let key = OrderKey {
            lamport: seq,
            actor: actor.clone(),
            seq,
        };
        let event = Event {
            seq,
            lamport: seq,
            wall_ms: 1_633_420_800_000 + i as i64,
            c: Change::NoteAdded(NewNote {
                id: format!("{i:026}"),
                board: slots[slot].0.clone(),
                section: slots[slot].1.clone(),
                text: text.clone(),
                kind: if i % 5 == 0 {
                    NoteKind::Paragraph
                } else {
                    NoteKind::Bullet
                },
                starred: i % 7 == 0,
                by: Some(format!("{} {}", HIDDEN[i % HIDDEN.len()].0, HIDDEN[i % HIDDEN.len()].1)),
                pos,
                origin: None,
                sources: Vec::new(),
                lang: None,
            }),
        };
        state.apply(&key, event);
    }
    state
}

/// Every word of `output` (folded) that is a hidden person's name part.
fn leaked(output: &str) -> Vec<String> {
    let all: Vec<String> = HIDDEN.iter().flat_map(|(f, l)| tokens(f, l)).collect();
    let folded = fold(output);
    let mut found: Vec<String> = all
        .iter()
        .filter(|t| {
            folded
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == t.as_str() || w.strip_suffix('s') == Some(t.as_str()))
        })
        .cloned()
        .collect();
    found.dedup();
    found
}

/// The text a reader sees: for JSON every string value (escapes undone).
fn readable(format: Format, out: &str) -> String {
    fn strings(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push(' ');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    if format != Format::Json {
        return out.to_string();
    }
    let mut text = String::new();
    strings(&serde_json::from_str(out).unwrap(), &mut text);
    text
}

fn mentions() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    proptest::collection::vec((0..HIDDEN.len(), 0u8..14, 0usize..60), 1..=3)
}

static REPLACED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static IN_NOTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// 24 sessions × 128 notes (3,072 notes, about 6,100 mentions) plus
    /// about 40 plan fields each, in both languages and four formats.
    #[test]
    fn public_minutes_contain_no_name_part_of_anyone_hidden(
        notes in proptest::collection::vec(mentions(), 128),
        fields in proptest::collection::vec(mentions(), 8),
        english in any::<bool>(),
    ) {
        let plan = plan_with_mentions(&fields.iter().map(|m| note_text(m)).collect::<Vec<_>>());
        let texts: Vec<String> = notes.iter().map(|m| note_text(m)).collect();
        let state = state_with_notes(&plan, &texts);
        let lang = if english { Lang::En } else { Lang::De };
        for format in [Format::Md, Format::Txt, Format::Html, Format::Json] {
            let opts = Options {
                format: Some(format),
                lang: Some(lang),
                audience: Audience::Public,
                template: None,
                html: Default::default(),
                now_ms: 0,
            };
            let out = export::render(&plan, &state, &opts).unwrap();
            let leaks = leaked(&readable(format, &out));
            prop_assert!(leaks.is_empty(), "{format:?} names {leaks:?}:\n{out}");
            let internal = export::render(&plan, &state, &Options { audience: Audience::Internal, ..opts }).unwrap();
            prop_assert!(!leaked(&internal).is_empty(), "the internal minutes keep the names");
        }
        let report = export::check_public(&plan, &state).unwrap();
        let generated: usize = notes.iter().map(Vec::len).sum();
        prop_assert!(report.replaced >= generated, "{} < {generated}", report.replaced);
        // The README's figures (shown with --nocapture).
        let total = REPLACED.fetch_add(report.replaced, std::sync::atomic::Ordering::Relaxed) + report.replaced;
        let in_notes = IN_NOTES.fetch_add(generated, std::sync::atomic::Ordering::Relaxed) + generated;
        eprintln!("privacy figures: {in_notes} mentions in notes, {total} replaced in all");
    }
}

/// The reproduction: each of these reached the public minutes.
#[test]
fn the_reported_leaks_are_closed() {
    let plan = Plan::parse(std::path::Path::new("example"), runde::example::PLAN).unwrap();
    let reported = [
        "Herr Brandt",
        "Tobias",
        "Brandts Idee",
        "Tobias\nBrandt",
        "Tobias\u{a0}Brandt",
        "SELIN AYDIN",
        "die Brandt-Methode",
    ]
    .map(String::from);
    let state = state_with_notes(&plan, &reported);
    let opts = Options {
        format: Some(Format::Txt),
        audience: Audience::Public,
        ..Options::default()
    };
    let out = fold(&export::render(&plan, &state, &opts).unwrap());
    for part in ["tobias", "brandt", "selin", "aydin"] {
        assert!(!out.contains(part), "{part} in:\n{out}");
    }
    let report = export::check_public(&plan, &state).unwrap();
    assert_eq!(report.replaced, 7);
    assert!(report.uncertain.is_empty(), "{:?}", report.uncertain);
}
