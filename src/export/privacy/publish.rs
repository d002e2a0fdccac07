//! Public minutes with people's decisions applied. Every text that reaches
//! the minutes — each note and every text field of the plan — is scanned
//! at its place (`note/<id>`, `plan/<path>`); certain mentions are
//! replaced, doubtful ones follow the decision in force for exactly that
//! mention ("this one") or else for every lone occurrence of its word in
//! that kind of case, and the rest is undecided. The result is a copy of
//! plan and state that the renderers print as they are: names replaced,
//! authors left out, control characters and bidi overrides neutralised.
use std::collections::HashMap;

use serde_json::Value;

use super::{Found, Redactor};
use crate::error::{Error, Result};
use crate::model::review::{MentionAt, MentionScope, ReviewFacts, Verdict};
use crate::model::text::{neutralise_controls, one_line};
use crate::model::{Lang, Plan, SessionState};

/// What becomes of doubtful mentions nobody decided about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Undecided {
    /// Refuse to publish and name them (`export --public`).
    #[default]
    Refuse,
    /// Replace them all (`--redact-doubtful`, the safe choice for scripts).
    Redact,
}

/// A doubtful mention at its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubtful {
    /// `note/<id>` or `plan/<path>`.
    pub place: String,
    /// The board of a note.
    pub board: Option<String>,
    pub found: Found,
    /// Which of the equal mentions (same place, word, context) it is.
    pub n: u32,
    /// The whole text it is in.
    pub text: String,
    /// The plan names it may refer to.
    pub names: String,
    /// The decision in force; `None`: undecided.
    pub verdict: Option<Verdict>,
    /// The decision is about every lone occurrence of the word.
    pub by_word: bool,
}

impl Doubtful {
    /// The scope of a decision about exactly this mention.
    pub fn scope_here(&self) -> MentionScope {
        MentionScope {
            at: Some(MentionAt {
                place: self.place.clone(),
                context: self.found.context.clone(),
                n: self.n,
            }),
            ..self.scope_word()
        }
    }

    /// The scope of a decision about every lone occurrence of its word in
    /// this kind of case.
    pub fn scope_word(&self) -> MentionScope {
        MentionScope {
            word: self.found.word.clone(),
            case: self.found.case(),
            at: None,
        }
    }

    /// The mention as written.
    pub fn written(&self) -> &str {
        self.text.get(self.found.start..self.found.end).unwrap_or("")
    }

    /// The sentence around the mention: (before, mention, after), each
    /// on one line and at most about 60 characters around it.
    pub fn sentence(&self) -> (String, String, String) {
        let (s, e) = (self.found.start, self.found.end);
        let begin = self.text[..s].rfind(['.', '!', '?', '\n']).map_or(0, |at| at + 1);
        let end = self.text[e..]
            .find(['.', '!', '?', '\n'])
            .map_or(self.text.len(), |at| e + at + 1);
        let clip = |t: &str, from_end: bool| {
            let chars: Vec<char> = t.chars().collect();
            match (chars.len() > 60, from_end) {
                (false, _) => t.to_string(),
                (true, true) => format!("…{}", chars[chars.len() - 60..].iter().collect::<String>()),
                (true, false) => format!("{}…", chars[..60].iter().collect::<String>()),
            }
        };
        (
            one_line(&clip(self.text[begin..s].trim_start(), true)),
            one_line(self.written()),
            one_line(&clip(self.text[e..end].trim_end(), false)),
        )
    }
}

/// One piece of a published text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text as written.
    Text(String),
    /// A mention replaced: what was written and what stands there now.
    Replaced { was: String, now: &'static str },
    /// A doubtful mention kept by a decision.
    Kept(String),
    /// A doubtful mention nobody decided about: printed as written, or
    /// replaced by `now` with [`Undecided::Redact`].
    Open { was: String, now: &'static str },
}

/// Decisions applied to texts, place by place.
pub struct Reviewer<'a> {
    redactor: Redactor,
    facts: &'a ReviewFacts,
}

impl<'a> Reviewer<'a> {
    /// A reviewer for the plan's people and the session's decisions;
    /// possessive placeholders in `lang`.
    pub fn new(plan: &Plan, state: &'a SessionState, lang: Lang) -> Reviewer<'a> {
        Reviewer {
            redactor: Redactor::new(&plan.people, lang),
            facts: state.review(),
        }
    }

    /// The redactor it uses.
    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    /// Every doubtful mention in `text` at `place`, with its verdict.
    pub fn doubtful(&self, place: &str, board: Option<&str>, text: &str) -> Vec<Doubtful> {
        self.doubtful_among(place, board, text, &self.redactor.mentions(text))
    }

    /// The doubtful ones of the mentions `all` found in `text`.
    fn doubtful_among(&self, place: &str, board: Option<&str>, text: &str, all: &[Found]) -> Vec<Doubtful> {
        let mut seen: HashMap<(String, String), u32> = HashMap::new();
        let mut out = Vec::new();
        for found in all.iter().filter(|f| f.doubt.is_some()).cloned() {
            let n = seen.entry((found.word.clone(), found.context.clone())).or_insert(0);
            let mut d = Doubtful {
                place: place.to_string(),
                board: board.map(str::to_string),
                names: self.redactor.names_of(&found),
                found,
                n: *n,
                text: text.to_string(),
                verdict: None,
                by_word: false,
            };
            *n += 1;
            (d.verdict, d.by_word) = match self.facts.verdict(&d.scope_here()) {
                Some(v) => (Some(v), false),
                None => (self.facts.verdict(&d.scope_word()), true),
            };
            out.push(d);
        }
        out
    }

    /// `text` at `place` in pieces: as written, replaced, kept or open.
    pub fn pieces(&self, place: &str, text: &str) -> Vec<Piece> {
        let all = self.redactor.mentions(text);
        let doubtful = self.doubtful_among(place, None, text, &all);
        let mut out = Vec::new();
        let mut at = 0;
        for found in all {
            if found.start < at {
                continue;
            }
            out.push(Piece::Text(text[at..found.start].to_string()));
            let was = text[found.start..found.end].to_string();
            let verdict = doubtful
                .iter()
                .find(|d| d.found == found)
                .map(|d| d.verdict)
                .unwrap_or(Some(Verdict::Redact));
            let now = self.redactor.placeholder(&found);
            out.push(match verdict {
                Some(Verdict::Redact) => Piece::Replaced { was, now },
                Some(Verdict::Keep) => Piece::Kept(was),
                Some(Verdict::Undecided) | None => Piece::Open { was, now },
            });
            at = found.end;
        }
        out.push(Piece::Text(text[at..].to_string()));
        out.retain(|p| *p != Piece::Text(String::new()));
        out
    }

    /// `text` at `place` as published, counting into `tally`.
    pub fn apply(&self, place: &str, text: &str, undecided: Undecided, tally: &mut Tally) -> String {
        let mut out = String::with_capacity(text.len());
        for piece in self.pieces(place, text) {
            match piece {
                Piece::Text(t) | Piece::Kept(t) => out.push_str(&t),
                Piece::Replaced { now, .. } => {
                    tally.replaced += 1;
                    out.push_str(now);
                }
                Piece::Open { now, .. } if undecided == Undecided::Redact => {
                    tally.replaced += 1;
                    out.push_str(now);
                }
                Piece::Open { was, .. } => out.push_str(&was),
            }
        }
        out
    }
}

/// How many mentions publishing replaced and kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub replaced: usize,
}

/// Plan and state as published, and what it took.
#[derive(Debug)]
pub struct Publication {
    pub plan: Plan,
    pub state: SessionState,
    /// Mentions replaced.
    pub replaced: usize,
    /// Doubtful mentions with their verdicts (undecided ones included).
    pub doubtful: Vec<Doubtful>,
}

impl Publication {
    /// The doubtful mentions nobody decided about.
    pub fn undecided(&self) -> impl Iterator<Item = &Doubtful> {
        self.doubtful.iter().filter(|d| d.verdict.is_none())
    }
}

/// Every doubtful mention of the session (plan texts, then live notes by
/// board and order), with its verdict.
pub fn doubtful(plan: &Plan, state: &SessionState) -> Vec<Doubtful> {
    let reviewer = Reviewer::new(plan, state, plan.lang);
    let mut out = Vec::new();
    let mut value = serde_json::to_value(plan).unwrap_or(Value::Null);
    walk(&mut value, "plan", &mut |place, text, _| {
        out.extend(reviewer.doubtful(place, None, text));
        None
    });
    for (board, note) in notes_in_order(plan, state) {
        out.extend(reviewer.doubtful(&format!("note/{}", note.id), Some(board), &note.text));
    }
    out
}

/// Live notes in the order of the minutes: by board and section of the
/// plan, then notes on boards the plan lacks.
pub fn notes_in_order<'s>(plan: &'s Plan, state: &'s SessionState) -> Vec<(&'s str, &'s crate::model::Note)> {
    let mut out = Vec::new();
    for board in &plan.boards {
        for section in &board.sections {
            out.extend(
                state
                    .notes_in(&board.id, &section.id)
                    .into_iter()
                    .map(|n| (board.id.as_str(), n)),
            );
        }
    }
    let mut orphans: Vec<&crate::model::Note> = state
        .live_notes()
        .filter(|n| plan.board(&n.board).and_then(|b| b.section(&n.section)).is_none())
        .collect();
    orphans.sort_by(|a, b| (&a.board, &a.section, &a.pos, &a.id).cmp(&(&b.board, &b.section, &b.pos, &b.id)));
    out.extend(orphans.into_iter().map(|n| (n.board.as_str(), n)));
    out
}

/// Plan and state for public minutes in `lang`: mentions replaced as
/// decided (undecided ones as `undecided` says), authors left out, every
/// text neutralised, people without consent left out of the plan.
pub fn publish(plan: &Plan, state: &SessionState, lang: Lang, undecided: Undecided) -> Result<Publication> {
    let reviewer = Reviewer::new(plan, state, lang);
    let mut tally = Tally::default();
    let mut blocked = Vec::new();
    let mut value = serde_json::to_value(plan).map_err(|e| Error::Invalid(format!("plan: {e}")))?;
    walk(&mut value, "plan", &mut |place, text, kind| match kind {
        Kind::Text => Some(neutralise_controls(&reviewer.apply(place, text, undecided, &mut tally))),
        Kind::Id => {
            let kept = reviewer
                .pieces(place, text)
                .iter()
                .all(|p| matches!(p, Piece::Text(_) | Piece::Kept(_)));
            if !kept {
                blocked.push(format!("{place} = {text:?}"));
            }
            None
        }
    });
    if !blocked.is_empty() {
        return Err(Error::Problems(
            crate::i18n::export_says(lang).id_names_person(&blocked.join(", ")),
        ));
    }
    let mut public: Plan = serde_json::from_value(value).map_err(|e| Error::Invalid(format!("plan: {e}")))?;
    public.people.retain(|p| p.public);
    let mut published = state.clone();
    published.rewrite_notes(|note| match note.deleted {
        true => (String::new(), None),
        false => {
            let text = reviewer.apply(&format!("note/{}", note.id), &note.text, undecided, &mut tally);
            (neutralise_controls(&text), None)
        }
    });
    Ok(Publication {
        plan: public,
        state: published,
        replaced: tally.replaced,
        doubtful: doubtful(plan, state),
    })
}

/// The state for internal minutes: authors on one safe line each (an
/// author name given over SSH may carry controls or bidi overrides).
pub fn internal(state: &SessionState) -> SessionState {
    let mut safe = state.clone();
    safe.rewrite_notes(|note| (note.text.clone(), note.by.as_deref().map(one_line)));
    safe
}

/// What a string of the plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Words people read.
    Text,
    /// An id, reference, date, time, language or zone: never changed.
    Id,
}

/// Keys whose strings are ids or values, not words.
const ID_KEYS: &[&str] = &["id", "lang", "date", "start", "end", "kind", "timezone"];

/// Calls `f(place, text, kind)` for every string of a plan value (the
/// people left out) and puts what it returns in its place. A place names
/// array items by their `id` where they have one.
fn walk(v: &mut Value, path: &str, f: &mut impl FnMut(&str, &str, Kind) -> Option<String>) {
    match v {
        Value::Object(fields) => {
            for (key, x) in fields.iter_mut() {
                if path == "plan" && key == "people" {
                    continue;
                }
                let here = format!("{path}/{key}");
                match (key.as_str(), x) {
                    (k, Value::String(s)) if ID_KEYS.contains(&k) => {
                        f(&here, s, Kind::Id);
                    }
                    ("boards", Value::Array(refs)) if refs.iter().all(Value::is_string) => {
                        for (i, r) in refs.iter().enumerate() {
                            if let Value::String(s) = r {
                                f(&format!("{here}/{i}"), s, Kind::Id);
                            }
                        }
                    }
                    ("links", Value::Object(links)) => {
                        let old = std::mem::take(links);
                        for (phrase, mut url) in old {
                            let phrase = f(&format!("{here}/{phrase}#phrase"), &phrase, Kind::Text).unwrap_or(phrase);
                            walk(&mut url, &format!("{here}/{phrase}"), f);
                            links.insert(phrase, url);
                        }
                    }
                    (_, x) => walk(x, &here, f),
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter_mut().enumerate() {
                let name = x
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or(i.to_string(), str::to_string);
                walk(x, &format!("{path}/{name}"), f);
            }
        }
        Value::String(s) => {
            if let Some(new) = f(path, s, Kind::Text) {
                *s = new;
            }
        }
        _ => {}
    }
}

/// Where a doubtful mention is, for people: the board's title and the
/// end of the note's id, or the plan field.
pub fn place_label(plan: &Plan, d: &Doubtful, lang: Lang) -> String {
    let s = crate::i18n::review_strings(lang);
    match d.place.strip_prefix("note/") {
        Some(id) => {
            let board = d.board.as_deref().unwrap_or("");
            let title = plan.board(board).map_or(board, |b| b.title.as_str());
            // The end of the id: its start is the time it was made, the
            // same for notes written within the same moment.
            let short: String = id.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
            format!("{} · {} {short}", one_line(title), s.note_place)
        }
        None => format!("{} {}", s.plan_place, d.place.strip_prefix("plan/").unwrap_or(&d.place)),
    }
}

/// One line about a doubtful mention: where, in its sentence, who it may
/// be and why it is doubtful (`review --list`, `--check-public`).
pub fn describe(plan: &Plan, d: &Doubtful, lang: Lang) -> String {
    let s = crate::i18n::review_strings(lang);
    let (before, word, after) = d.sentence();
    let why = d.found.doubt.map_or("", |doubt| s.why(doubt));
    format!(
        "{}: „{before}»{word}«{after}“ — {}? {why}",
        place_label(plan, d, lang),
        one_line(&d.names)
    )
}
