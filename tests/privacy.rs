//! Public minutes name nobody who did not agree, in any written form: a
//! generator writes every non-public person (German umlauts and ß, Polish,
//! Turkish, French accents, Greek, Cyrillic, an apostrophe) in every form
//! (NFC/NFD/NFKC, fullwidth, look-alike letters of another script, ASCII
//! transliterations, umlauts spelled out, upper and lower case, invisible
//! characters, honorifics, possessives with ' and ’, line breaks, no-break
//! spaces, hyphen compounds, quotes, links, surname first) into notes and
//! every text field of the plan. After `--public --redact-doubtful` no
//! word of any format (Markdown, text, HTML, JSON, Word via its XML, PDF
//! via pdftotext) is a name part of a hidden person — compared after the
//! normalisation a reader's eye applies, written here independently of
//! the code under test.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use runde::export::privacy::publish::{Undecided, publish};
use runde::export::{self, Audience, Format, Options};
use runde::model::event::NewNote;
use runde::model::plan::Person;
use runde::model::{Change, Event, Lang, NoteKind, OrderKey, Plan, SessionState, position};
use unicode_normalization::UnicodeNormalization;

/// (first name, surname) of people who did not agree to be named.
const HIDDEN: &[(&str, &str)] = &[
    ("Jürgen", "Müller"),
    ("Grete", "Weiß"),
    ("Łukasz", "Wójcik"),
    ("Selin", "Aydın"),
    ("Şükrü", "Öztürk"),
    ("Hélène", "Lefèvre"),
    ("Νίκος", "Παπαδόπουλος"),
    ("Дмитрий", "Иванов"),
    ("Siobhan", "O'Brien"),
    ("Maria", "Bauer"),
];

/// People who agreed (no name part shared with the hidden ones).
const PUBLIC: &[&str] = &["André Koch-Engelmann", "Lena Hoffmann"];

const HONORIFICS: &[&str] = &["Herr", "Herrn", "Frau", "Hr.", "Dr.", "Prof. Dr.", "Mr", "Ms.", "Mrs"];
const GAPS: &[&str] = &[" ", "\n", "\u{a0}", "\r\n", "  \t ", "\u{202f}"];

/// How one word is written.
const FORMS: usize = 13;

fn fullwidth(c: char) -> char {
    match c {
        'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
        c => c,
    }
}

/// Latin letters and the Cyrillic ones that look the same.
fn look_alike(c: char) -> char {
    match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        c => c,
    }
}

fn spelled_umlauts(w: &str) -> String {
    let w = w.replace('ä', "ae").replace('ö', "oe").replace('ü', "ue");
    let w = w.replace('Ä', "Ae").replace('Ö', "Oe").replace('Ü', "Ue");
    deunicode::deunicode(&w.replace('ß', "ss"))
}

/// `word` in written form `form`.
fn form(word: &str, form: usize) -> String {
    match form % FORMS {
        0 => word.nfc().collect(),
        1 => word.nfd().collect(),
        2 => word.to_uppercase(),
        3 => word.to_lowercase(),
        4 => word.chars().map(fullwidth).collect(),
        5 => word.chars().map(look_alike).collect(),
        6 => deunicode::deunicode(word),
        7 => spelled_umlauts(word),
        8 => {
            let mut cs = word.chars();
            let first: String = cs.next().into_iter().collect();
            format!("{first}\u{200b}{}", cs.collect::<String>())
        }
        9 => {
            let cut = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
            format!("{}\u{ad}{}", &word[..cut], &word[cut..])
        }
        10 => word.replace('\'', ""),
        11 => word.replace('\'', "’").nfkc().collect(),
        _ => deunicode::deunicode(word).to_uppercase(),
    }
}

/// How a person appears in a sentence.
const SHAPES: usize = 14;

/// One mention of `(first, last)` in shape `shape` and form `f`; `v`
/// picks honorific, gap and quote style.
fn mention(first: &str, last: &str, shape: usize, f: usize, v: usize) -> String {
    let (first, last) = (form(first, f), form(last, f));
    let gap = GAPS[v % GAPS.len()];
    let hon = HONORIFICS[v % HONORIFICS.len()];
    match shape % SHAPES {
        0 => format!("{first}{gap}{last}"),
        1 => format!("{hon} {last}"),
        2 => format!("{hon}{gap}{first}{gap}{last}"),
        3 => last,
        4 => first,
        5 => [
            format!("{last}s Idee"),
            format!("{last}'s idea"),
            format!("{last}’s Vorschlag"),
        ][v % 3]
            .clone(),
        6 => format!("die {last}-Methode"),
        7 => ["„{}“", "\"{}\"", "«{}»", "“{}”", "'{}'"][v % 5].replace("{}", &format!("{first} {last}")),
        8 => format!("[{first} {last}](https://example.org/{first}-{last})"),
        9 => format!("{last}, {first}"),
        10 => format!("**{first} {last}**"),
        11 => format!("laut {last}"),
        12 => format!("{first}-{last}"),
        _ => format!("({last})"),
    }
}

const FILLER: &[&str] = &["Die Idee kam von", "und", "— siehe", "The idea of", "Danke an", "mit"];

/// A note text with 1–3 mentions.
fn note_text(picks: &[(usize, usize, usize, usize)]) -> String {
    let mut text = String::new();
    for (i, &(who, shape, f, v)) in picks.iter().enumerate() {
        let (first, last) = HIDDEN[who % HIDDEN.len()];
        text.push_str(FILLER[(v + i) % FILLER.len()]);
        text.push(' ');
        text.push_str(&mention(first, last, shape, f, v));
        text.push_str([" ", ". ", ", ", "\n\n", "! "][v % 5]);
    }
    text
}

fn people() -> Vec<Person> {
    HIDDEN
        .iter()
        .map(|(f, l)| Person {
            name: format!("{f} {l}"),
            public: false,
        })
        .chain(PUBLIC.iter().map(|n| Person {
            name: n.to_string(),
            public: true,
        }))
        .collect()
}

/// The example plan with mentions in every text field people write.
fn plan_with_mentions(fields: &[String]) -> Plan {
    let mut plan = Plan::parse(std::path::Path::new("example"), runde::example::PLAN).unwrap();
    plan.people = people();
    let mut field = fields.iter().cycle().cloned();
    let mut next = || field.next().unwrap_or_default();
    plan.intro = Some(next());
    plan.closing = Some(next());
    plan.title = format!("Treffen mit {}", next());
    plan.network = Some(next());
    for board in &mut plan.boards {
        board.title = format!("{} {}", board.title, next());
        board.question = Some(next());
        board.speaker = board.speaker.as_ref().map(|_| next());
        board.role = board.role.as_ref().map(|_| next());
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
        let (first, last_name) = HIDDEN[i % HIDDEN.len()];
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
                by: Some(format!("{first} {last_name}")),
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

// ----- the reader's eye (independent of the code under test) -------------

fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// The forms of a word a reader would take for the same word: composed
/// and compatibility-mapped, case-folded, transliterated, umlauts spelled,
/// and with look-alike letters mapped by their TR39 skeleton.
fn seen_as(word: &str) -> Vec<String> {
    let clean: String = word
        .chars()
        .filter(|c| !invisible(*c) && !matches!(c, '\'' | '’'))
        .collect();
    let folded: String = clean
        .nfkc()
        .flat_map(|c| match c {
            'ı' | 'İ' => vec!['i'],
            'ß' => vec!['s', 's'],
            'ς' => vec!['σ'],
            c => c.to_lowercase().filter(|l| *l != '\u{307}').collect(),
        })
        .collect::<String>()
        .nfc()
        .collect();
    let ascii = |w: &str| -> String {
        deunicode::deunicode(w)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let upper: String = clean.nfkc().flat_map(char::to_uppercase).collect();
    let skeleton: String = unicode_security::skeleton(&upper)
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect();
    vec![
        ascii(&folded),
        ascii(&spelled_umlauts(&folded)),
        ascii(&skeleton),
        skeleton,
        folded,
    ]
}

/// Every reader's form of every hidden name part.
fn hidden_forms() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (first, last) in HIDDEN {
        for part in [*first, *last] {
            for seen in seen_as(part) {
                out.push((seen, part));
            }
        }
    }
    out
}

/// The hidden name parts a reader finds in `output` (a word, or a word
/// with a possessive ending).
fn leaked(output: &str, forms: &[(String, &'static str)]) -> Vec<String> {
    let visible: String = output.chars().filter(|c| !invisible(*c)).collect();
    let mut found: Vec<String> = Vec::new();
    for word in visible.split(|c: char| {
        !(c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) || matches!(c, '\'' | '’'))
    }) {
        let word = word.trim_matches(|c| matches!(c, '\'' | '’'));
        if word.is_empty() {
            continue;
        }
        let stems = [
            word,
            word.strip_suffix('s').unwrap_or(word),
            word.strip_suffix("'s").unwrap_or(word),
        ];
        for stem in stems {
            let seen = seen_as(stem);
            for (form, part) in forms {
                if seen.contains(form) && !found.contains(&format!("{part} ({word})")) {
                    found.push(format!("{part} ({word})"));
                }
            }
        }
    }
    found
}

/// The text a reader sees in an output of `format`.
fn readable(format: Format, bytes: &[u8]) -> String {
    fn strings(v: &serde_json::Value, key: Option<&str>, all: bool, out: &mut String) {
        match v {
            serde_json::Value::String(s) if all || key == Some("text") => {
                out.push_str(s);
                out.push(' ');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, key, all, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| strings(x, Some(k), all, out)),
            _ => {}
        }
    }
    let mut text = String::new();
    match format {
        Format::Json => strings(&serde_json::from_slice(bytes).unwrap(), None, true, &mut text),
        Format::Docx => {
            let doc = docx_rs::read_docx(bytes).expect("a valid .docx");
            strings(&serde_json::from_str(&doc.json()).unwrap(), None, false, &mut text);
        }
        Format::Pdf => text = pdftotext(bytes),
        _ => text = String::from_utf8(bytes.to_vec()).unwrap(),
    }
    text
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn picks() -> impl Strategy<Value = Vec<(usize, usize, usize, usize)>> {
    proptest::collection::vec((0..HIDDEN.len(), 0..SHAPES, 0..FORMS, 0usize..60), 1..=3)
}

static MENTIONS: AtomicUsize = AtomicUsize::new(0);
static NOTES: AtomicUsize = AtomicUsize::new(0);
static CERTAIN: AtomicUsize = AtomicUsize::new(0);
static REPLACED: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// 6 sessions × 400 notes (2,400 notes, about 4,800 mentions) plus
    /// about 40 plan fields each, in every format and both languages.
    #[test]
    fn public_minutes_contain_no_name_part_of_anyone_hidden(
        notes in proptest::collection::vec(picks(), 400),
        fields in proptest::collection::vec(picks(), 12),
        english in any::<bool>(),
    ) {
        let plan = plan_with_mentions(&fields.iter().map(|m| note_text(m)).collect::<Vec<_>>());
        let texts: Vec<String> = notes.iter().map(|m| note_text(m)).collect();
        let state = state_with_notes(&plan, &texts);
        let lang = if english { Lang::En } else { Lang::De };
        let forms = hidden_forms();
        for format in [Format::Md, Format::Txt, Format::Html, Format::Json, Format::Docx, Format::Pdf] {
            let opts = Options {
                format: Some(format),
                lang: Some(lang),
                audience: Audience::Public,
                undecided: Undecided::Redact,
                ..Options::default()
            };
            let out = export::render_bytes(&plan, &state, &opts).unwrap();
            let leaks = leaked(&readable(format, &out), &forms);
            prop_assert!(leaks.is_empty(), "{format:?} names {leaks:?}");
            if format == Format::Md {
                // Without a decision, nothing doubtful is published.
                let refused = export::render_bytes(&plan, &state, &Options { undecided: Undecided::Refuse, ..opts.clone() });
                prop_assert!(refused.is_err());
                let internal = export::render_bytes(&plan, &state, &Options { audience: Audience::Internal, ..opts }).unwrap();
                prop_assert!(!leaked(&readable(format, &internal), &forms).is_empty(), "the check finds names");
            }
        }
        let published = publish(&plan, &state, lang, Undecided::Redact).unwrap();
        let generated: usize = notes.iter().map(Vec::len).sum();
        let doubtful = published.doubtful.len();
        prop_assert!(published.replaced >= generated, "{} < {generated}", published.replaced);
        let mentions = MENTIONS.fetch_add(generated, Ordering::Relaxed) + generated;
        let n = NOTES.fetch_add(texts.len(), Ordering::Relaxed) + texts.len();
        let certain = CERTAIN.fetch_add(published.replaced - doubtful, Ordering::Relaxed) + published.replaced - doubtful;
        let replaced = REPLACED.fetch_add(published.replaced, Ordering::Relaxed) + published.replaced;
        // The README's figures (shown with --nocapture).
        eprintln!(
            "privacy figures: {} forms × {} shapes, {n} notes, {mentions} mentions in notes, \
             {replaced} replaced in all, {certain} of them certain",
            FORMS, SHAPES
        );
    }
}

/// The reproduction: each of these reached the public minutes.
#[test]
fn the_reported_leaks_are_closed() {
    let mut plan = Plan::parse(std::path::Path::new("example"), runde::example::PLAN).unwrap();
    plan.people = vec![
        Person {
            name: "Jürgen Müller".into(),
            public: false,
        },
        Person {
            name: "André Lefèvre".into(),
            public: false,
        },
        Person {
            name: "Łukasz Nowak".into(),
            public: false,
        },
        Person {
            name: "Siobhan O'Brien".into(),
            public: false,
        },
        Person {
            name: "André Koch-Engelmann".into(),
            public: true,
        },
    ];
    let reported = [
        "Ju\u{308}rgen Mu\u{308}ller",
        "Jurgen Muller",
        "Herr Mueller",
        "Jürgen \u{41c}üller",
        "Jürgen Ｍüller",
        "Andre Lefevre",
        "lukasz nowak",
        "Siobhan OBrien",
    ]
    .map(String::from);
    let state = state_with_notes(&plan, &reported);
    let opts = Options {
        format: Some(Format::Txt),
        audience: Audience::Public,
        ..Options::default()
    };
    let out = export::render(&plan, &state, &opts).unwrap();
    // "André" alone stays: André Koch-Engelmann agreed to be named.
    assert!(!out.contains("Andre"), "{out}");
    let forms: Vec<(String, &'static str)> = ["Jürgen", "Müller", "Lefèvre", "Łukasz", "Nowak", "O'Brien"]
        .iter()
        .flat_map(|p| seen_as(p).into_iter().map(move |f| (f, *p)))
        .collect();
    assert!(leaked(&out, &forms).is_empty(), "{:?}\n{out}", leaked(&out, &forms));
    let published = publish(&plan, &state, Lang::De, Undecided::Refuse).unwrap();
    assert_eq!(published.replaced, 8, "all certain: full names and an honorific");
    assert_eq!(published.doubtful.len(), 0);
}

// ----- ordinary words: never replaced without a person deciding ----------

#[path = "common/mod.rs"]
mod common;

/// People without consent whose names are also ordinary German or English
/// words (chosen here, independently of the code's word lists).
const ORDINARY_PEOPLE: &[&str] = &[
    "Tobias Koch",
    "Maria Bauer",
    "Rose Fischer",
    "Mark Wolf",
    "Frank Weber",
    "Grace Miller",
    "Will Baker",
    "June Cook",
    "Hope Stone",
    "Ernst Schneider",
    "Iris Sommer",
    "Jonas Winter",
    "Paul Hirt",
    "Sam Shepherd",
];

/// Sentences that use those name words as ordinary words, German and
/// English; each ordinary use is marked `{…}`. Unmarked words that only
/// contain a name ("Kochbuch", "roses" is marked: it may be a possessive)
/// must not be mentions at all.
const ORDINARY_CORPUS: &[&str] = &[
    "Der {Koch} hat gekocht.",
    "Frag den {Koch}, ob die Suppe reicht.",
    "Der {Koch} sagte, es gebe Suppe.",
    "Laut {Koch} braucht der Teig eine Stunde Ruhe.",
    "Die {Koch}-Schule öffnet um neun.",
    "{KOCH} GESUCHT, BITTE MELDEN",
    "Des {Bauers} Feld liegt brach.",
    "Der {Bauer} meinte, es werde regnen.",
    "Eine {Rose} blüht im Garten, daneben eine zweite {Rose}.",
    "Der {Fischer} fährt morgens raus (der {Fischer} ist früh wach).",
    "Das kostete damals zehn {Mark}.",
    "Ein {Wolf} heult im Wald.",
    "Der {Weber} webt Tuch für den {Schneider}.",
    "Er sagte es {frank} und frei.",
    "Sie {will} morgen kommen, und er {will} auch.",
    "Es war {ernst} gemeint.",
    "Im {Sommer} und im {Winter} treffen wir uns.",
    "Die {Iris} des Auges ist blau.",
    "Im Kochbuch steht etwas über Fischerei und Rosenkohl.",
    "Die Wölfe, die Köche und die Märkte der Weberei.",
    "Der {Koch} und der {Bauer} trafen den {Fischer} am Markt.",
    "„{Rose}“ ist auch der Name einer Blume.",
    "The {cook} burned the toast.",
    "We {will} meet the {baker} at noon.",
    "The {miller} ground the corn.",
    "She said it with {grace}.",
    "We {hope} the wall of {stone} holds.",
    "The {wolf} and the {rose} in the fable.",
    "In {June} we {will} {cook} together.",
    "The {baker's} bread was fresh.",
    "Please {mark} the date in your calendar.",
    "To be {frank}, the {miller’s} plan was better.",
    "According to the {cook}, dinner is at six.",
    "A {Stone} Age tool was found.",
    "The {cook} said dinner was ready.",
    "Cookies, stonework, bakery and a millstone.",
    "Anyone {will} do; {grace} under pressure matters.",
    "The {winter} was long; summer came late.",
    "A {wolf} in sheep's clothing, {frank} words.",
    "Who {will} {mark} the essays?",
    "In {June cook} the beans outside.",
    "Der {Hirt} sagte, die Schafe seien im Stall.",
    "The {shepherd} said the sheep were in.",
];

fn unmarked(s: &str) -> String {
    s.replace(['{', '}'], "")
}

fn marked(s: &str) -> Vec<String> {
    s.split('{')
        .skip(1)
        .map(|p| p.split('}').next().unwrap().to_string())
        .collect()
}

/// A session with the example's plan, `people` without consent and one
/// note per text, spread over the groups' boards.
fn corpus_session(people: &[&str], notes: &[String]) -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    std::fs::create_dir_all(dir.join("log")).unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(runde::example::PLAN).unwrap();
    plan["people"] = people
        .iter()
        .map(|n| serde_json::json!({"name": n, "public": false}))
        .chain([serde_json::json!({"name": "Lena Hoffmann", "public": true})])
        .collect();
    std::fs::write(dir.join("session.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let mut s = runde::store::Session::open(&dir).unwrap();
    let boards = ["methods", "success", "continuity", "actors"];
    let ids = notes
        .iter()
        .enumerate()
        .map(|(i, text)| {
            s.add_note(boards[i % boards.len()], None, text, NoteKind::Bullet, false)
                .unwrap()
        })
        .collect();
    (tmp, dir, ids)
}

/// Whole words of `text` equal to `word`.
fn word_count(text: &str, word: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| *w == word)
        .count()
}

const ALL_FORMATS: [(&str, Format); 6] = [
    ("md", Format::Md),
    ("txt", Format::Txt),
    ("html", Format::Html),
    ("json", Format::Json),
    ("docx", Format::Docx),
    ("pdf", Format::Pdf),
];

/// Every ordinary use of a name word is a question, never a replacement:
/// no mention in the corpus is certain, exactly the marked words are
/// doubtful, `export --public` refuses in every format and `review --list`
/// names every place (exit 1) until a person decides; after `--keep` of
/// each word every format prints every one of them as written.
#[test]
fn ordinary_words_are_never_replaced_silently() {
    let notes: Vec<String> = ORDINARY_CORPUS.iter().map(|s| unmarked(s)).collect();
    let (_tmp, dir, ids) = corpus_session(ORDINARY_PEOPLE, &notes);
    let session = runde::store::Session::open(&dir).unwrap();
    let (plan, state) = (session.plan(), session.state());
    let doubtful = runde::export::privacy::publish::doubtful(plan, state);
    let mut total = 0;
    for (id, sentence) in ids.iter().zip(ORDINARY_CORPUS) {
        let here: Vec<&str> = doubtful
            .iter()
            .filter(|d| d.place == format!("note/{id}"))
            .map(|d| d.written())
            .collect();
        assert_eq!(here, marked(sentence), "{sentence}");
        total += here.len();
        let redactor = runde::export::privacy::Redactor::new(&plan.people, Lang::De);
        let certain: Vec<_> = redactor
            .mentions(&unmarked(sentence))
            .into_iter()
            .filter(|m| m.doubt.is_none())
            .collect();
        assert!(certain.is_empty(), "{sentence}: {certain:?}");
    }
    let published = publish(plan, state, Lang::De, Undecided::Redact).unwrap();
    let in_notes = doubtful.iter().filter(|d| d.place.starts_with("note/")).count();
    assert_eq!(in_notes, total);
    assert_eq!(
        published.replaced,
        doubtful.len(),
        "only what --redact-doubtful asked for"
    );
    eprintln!(
        "ordinary-word figures: {} sentences, {total} ordinary uses of {} name words, 0 certain",
        ORDINARY_CORPUS.len(),
        ORDINARY_PEOPLE.len() * 2
    );

    for (name, _) in ALL_FORMATS {
        let out = common::runde()
            .arg("export")
            .arg(&dir)
            .args(["--public", "--format", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: published with undecided mentions");
        assert!(out.stdout.is_empty(), "{name}");
    }
    let list = common::runde().arg("review").arg(&dir).arg("--list").output().unwrap();
    assert_eq!(list.status.code(), Some(1));
    let listed = String::from_utf8(list.stdout).unwrap();
    assert_eq!(listed.lines().count(), doubtful.len(), "{listed}");
    // Each note is told apart by its label (notes written in the same
    // moment share the start of their ids).
    let labels: std::collections::HashSet<&str> = listed.lines().filter_map(|l| l.split(": ").next()).collect();
    let noted: std::collections::HashSet<&str> = doubtful.iter().map(|d| d.place.as_str()).collect();
    assert_eq!(labels.len(), noted.len(), "notes with the same label:\n{listed}");
    for sentence in ORDINARY_CORPUS {
        for word in marked(sentence) {
            assert!(listed.contains(&format!("»{word}«")), "{word} not listed:\n{listed}");
        }
    }

    let mut words: Vec<String> = ORDINARY_CORPUS
        .iter()
        .flat_map(|s| marked(s))
        .flat_map(|w| w.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    words.sort_by_key(|w| w.to_lowercase());
    words.dedup_by_key(|w| w.to_lowercase());
    for word in &words {
        common::runde()
            .arg("review")
            .arg(&dir)
            .args(["--keep", word])
            .assert()
            .success();
    }
    common::runde().arg("review").arg(&dir).arg("--list").assert().success();
    for (name, format) in ALL_FORMATS {
        let out = common::export_bytes(&dir, &["--public", "--format", name]);
        let text = readable(format, &out);
        assert!(!text.contains("[Name]"), "{name}: {text}");
        let stem = |w: &str| w.split(|c: char| !c.is_alphanumeric()).next().unwrap().to_string();
        for sentence in ORDINARY_CORPUS {
            for word in marked(sentence).iter().map(|w| stem(w)) {
                let want: usize = ORDINARY_CORPUS
                    .iter()
                    .map(|s| marked(s).iter().filter(|w| stem(w) == word).count())
                    .sum();
                assert!(
                    word_count(&text, &word) >= want,
                    "{name}: {word} {} < {want}\n{text}",
                    word_count(&text, &word)
                );
            }
        }
        if format == Format::Json {
            for note in &notes {
                assert!(text.contains(note.as_str()), "json changed {note:?}");
            }
        }
    }
}

// ----- decisions: kept, carried by a synced folder, applied everywhere ----

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn press(review: &mut runde::runtime::review::ReviewRunner, c: char) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    review.handle_event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
}

/// Selects the first mention written `word` in the review view.
fn select(review: &mut runde::runtime::review::ReviewRunner, word: &str) {
    let at = review.items.iter().position(|d| d.written() == word).expect(word);
    review.review_mut().cursor = at;
}

fn undecided_count(dir: &std::path::Path) -> usize {
    let s = runde::store::Session::open(dir).unwrap();
    runde::export::privacy::publish::doubtful(s.plan(), s.state())
        .iter()
        .filter(|d| d.verdict.is_none())
        .count()
}

/// Decisions made with `--keep`/`--redact` and with the view's keys are
/// facts on disk: a new process sees them, a second laptop that receives
/// the session's `review/` files through a synced folder publishes the
/// same, and every format follows them.
#[test]
fn decisions_survive_a_restart_travel_through_a_synced_folder_and_apply_in_every_format() {
    let notes = [
        "Der Koch hat gekocht.",
        "Frag den Koch, ob es reicht.",
        "Ein Wolf heult im Wald.",
        "Der Bauer sät. Der Bauer erntet.",
        "Der Fischer fährt raus.",
        "Ein Fischer angelt.",
    ]
    .map(String::from);
    let (tmp, a, _) = corpus_session(ORDINARY_PEOPLE, &notes);
    let b = tmp.path().join("laptop-b");
    copy_dir(&a, &b);
    assert!(undecided_count(&a) >= 8);

    common::runde()
        .arg("review")
        .arg(&a)
        .args(["--keep", "koch"])
        .assert()
        .success();
    common::runde()
        .arg("review")
        .arg(&a)
        .args(["--redact", "WOLF"])
        .assert()
        .success();
    {
        // The view: replace this one Bauer, keep every lone Fischer.
        let session = runde::store::Session::open(&a).unwrap();
        let mut review = runde::runtime::review::ReviewRunner::new(session, Lang::De);
        select(&mut review, "Bauer");
        press(&mut review, 'r');
        select(&mut review, "Fischer");
        press(&mut review, 'K');
        assert_eq!(review.open_count(), 1, "the second Bauer is still open");
        select(&mut review, "Bauer");
        let second = review
            .items
            .iter()
            .position(|d| d.written() == "Bauer" && d.verdict.is_none())
            .unwrap();
        review.review_mut().cursor = second;
        press(&mut review, 'k');
        assert_eq!(review.open_count(), 0);
    }
    // A restart: a fresh process reads every decision.
    assert_eq!(undecided_count(&a), 0);
    common::runde().arg("review").arg(&a).arg("--list").assert().success();
    // The other laptop has not seen them yet, then receives review/.
    assert!(undecided_count(&b) >= 8);
    common::runde().arg("review").arg(&b).arg("--list").assert().code(1);
    copy_dir(&a.join("review"), &b.join("review"));
    assert_eq!(undecided_count(&b), 0);
    common::runde().arg("review").arg(&b).arg("--list").assert().success();

    for (name, format) in ALL_FORMATS {
        let from_a = common::export_bytes(&a, &["--public", "--format", name]);
        let from_b = common::export_bytes(&b, &["--public", "--format", name]);
        let text = readable(format, &from_b);
        // The plan's own texts are the same in both; count against them.
        let all = readable(format, &common::export_bytes(&b, &["--internal", "--format", name]));
        let count = |word: &str| {
            let internal = word_count(&all, word);
            // Internal JSON also lists the plan's people.
            let people = ORDINARY_PEOPLE
                .iter()
                .filter(|p| p.split(' ').any(|w| w == word))
                .count();
            let internal = if format == Format::Json {
                internal - people
            } else {
                internal
            };
            (word_count(&text, word), internal)
        };
        let (koch, fischer, bauer) = (count("Koch"), count("Fischer"), count("Bauer"));
        assert!(koch.0 == koch.1 && koch.0 >= 2, "{name}: {koch:?} {text}");
        assert!(fischer.0 == fischer.1 && fischer.0 >= 2, "{name}: {fischer:?} {text}");
        assert_eq!(bauer, (1, 2), "{name}: {text}");
        assert_eq!(count("Wolf").0, 0, "{name}: {text}");
        assert_eq!(count("Name").0, count("Name").1 + 2, "{name}: {text}");
        if !matches!(format, Format::Docx | Format::Pdf) {
            assert_eq!(
                String::from_utf8_lossy(&from_a),
                String::from_utf8_lossy(&from_b),
                "{name}: both laptops publish the same"
            );
        }
    }
    // A later note with a decided word in the same kind of case is covered
    // by the word's decision; a new kind of case ("laut Koch" is still
    // ordinary) too, but a one-place decision covers only its place.
    let mut s = runde::store::Session::open(&b).unwrap();
    s.add_note(
        "methods",
        None,
        "Laut Koch fehlt Salz. Der Bauer pflügt.",
        NoteKind::Bullet,
        false,
    )
    .unwrap();
    let open: Vec<String> = runde::export::privacy::publish::doubtful(s.plan(), s.state())
        .iter()
        .filter(|d| d.verdict.is_none())
        .map(|d| d.written().to_string())
        .collect();
    assert_eq!(open, ["Bauer"]);
}
