//! The consolidated session as JSON: the plan and every board with its
//! sections and notes in board order. Note text is kept byte-exact.
use serde::Serialize;
use serde_json::Value;

use super::privacy::{Audience, Redactor};
use crate::model::{BoardKind, NoteKind, Plan, SessionState};

#[derive(Serialize)]
struct Export<'a> {
    format: u32,
    plan: Value,
    boards: Vec<BoardOut<'a>>,
}

#[derive(Serialize)]
struct BoardOut<'a> {
    id: &'a str,
    title: String,
    kind: BoardKind,
    sections: Vec<SectionOut<'a>>,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    title: String,
    notes: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    id: &'a str,
    text: String,
    kind: NoteKind,
    by: Option<&'a str>,
    starred: bool,
    created: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    follow_up: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    done: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a crate::model::Origin>,
    /// A finding's source notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    /// The note's own language, when its writer named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<crate::model::Lang>,
}

/// One source of a finding: its id, its board if known, and whether it is gone.
#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    gone: bool,
}

fn sources_of<'a>(state: &'a SessionState, note: &'a crate::model::Note) -> Vec<SourceOut<'a>> {
    note.sources
        .iter()
        .map(|id| {
            let source = state.note(id);
            SourceOut {
                id,
                board: source.map(|n| n.board.as_str()),
                gone: source.is_none_or(|n| n.deleted),
            }
        })
        .collect()
}

/// Renders the session as pretty JSON.
pub fn render(plan: &Plan, state: &SessionState, audience: Audience) -> String {
    let redactor = Redactor::new(&plan.people, plan.lang);
    let public = audience == Audience::Public;
    let text = |t: &str| {
        if public { redactor.redact(t) } else { t.to_string() }
    };
    let mut plan_value = serde_json::to_value(plan).unwrap_or(Value::Null);
    if public {
        if let Some(people) = plan_value.get_mut("people").and_then(Value::as_array_mut) {
            people.retain(|p| p.get("public").and_then(Value::as_bool) == Some(true));
        }
        redact_strings(&mut plan_value, &redactor);
    }
    let boards = plan
        .boards
        .iter()
        .map(|board| BoardOut {
            id: &board.id,
            title: text(&board.title),
            kind: board.kind,
            sections: board
                .sections
                .iter()
                .map(|section| SectionOut {
                    id: &section.id,
                    title: text(&section.title),
                    notes: state
                        .notes_in(&board.id, &section.id)
                        .into_iter()
                        .map(|n| NoteOut {
                            id: &n.id,
                            text: text(&n.text),
                            kind: n.kind,
                            by: if public { None } else { n.by.as_deref() },
                            starred: n.starred,
                            created: created(n.created_ms),
                            follow_up: n.follow_up,
                            done: n.done,
                            origin: n.origin.as_ref(),
                            sources: sources_of(state, n),
                            lang: n.lang,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let export = Export {
        format: 1,
        plan: plan_value,
        boards,
    };
    let mut s = serde_json::to_string_pretty(&export).unwrap_or_default();
    s.push('\n');
    s
}

fn created(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

fn redact_strings(v: &mut Value, r: &Redactor) {
    match v {
        Value::String(s) => *s = r.redact(s),
        Value::Array(a) => a.iter_mut().for_each(|x| redact_strings(x, r)),
        Value::Object(o) => o.iter_mut().for_each(|(_, x)| redact_strings(x, r)),
        _ => {}
    }
}
