//! Helpers for the minutes tests: the example's plan, a session state with
//! chosen notes, and rendering in-process (no folder, no process).
#![allow(dead_code)]
use std::sync::Arc;

use runde::export::{Format, Options};
use runde::model::event::NewNote;
use runde::model::{Change, Event, Lang, NoteKind, OrderKey, Plan, SessionState};

/// The plan of the shipped example (the reference meeting).
pub fn example_plan() -> Plan {
    let text = include_str!("../../sessions/kompetenznetzwerk-2021-10/session.json");
    Plan::parse(std::path::Path::new("session.json"), text).expect("the example plan parses")
}

/// A state holding these notes `(board, section, text)`, bullets, in order.
pub fn state_with(notes: &[(&str, &str, &str)]) -> SessionState {
    let mut state = SessionState::default();
    let actor: Arc<str> = Arc::from("test");
    for (i, (board, section, text)) in notes.iter().enumerate() {
        let n = i as u64 + 1;
        let key = OrderKey {
            lamport: n,
            actor: actor.clone(),
            seq: n,
        };
        let event = Event {
            seq: n,
            lamport: n,
            wall_ms: 1_633_435_200_000 + n as i64,
            c: Change::NoteAdded(NewNote {
                id: format!("01TESTNOTE{i:016}"),
                board: board.to_string(),
                section: section.to_string(),
                text: text.to_string(),
                kind: NoteKind::Bullet,
                starred: false,
                by: None,
                pos: format!("a{i:06}"),
                origin: None,
                sources: Vec::new(),
                lang: None,
            }),
        };
        state.apply(&key, event);
    }
    state
}

/// The minutes as text.
pub fn render(plan: &Plan, state: &SessionState, format: Format, lang: Lang) -> String {
    String::from_utf8(render_bytes(plan, state, format, lang)).expect("a text format")
}

/// The minutes as bytes (any format).
pub fn render_bytes(plan: &Plan, state: &SessionState, format: Format, lang: Lang) -> Vec<u8> {
    let opts = Options {
        format: Some(format),
        lang: Some(lang),
        now_ms: 1_700_000_000_000,
        ..Options::default()
    };
    runde::export::render_bytes(plan, state, &opts).expect("minutes render")
}

/// A program on PATH, or `None` with a loud note when CI does not
/// require it (CI installs it and must not skip).
pub fn tool(name: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing; CI installs it (.ci/run)"
        );
        eprintln!("\n!!! SKIPPED: {name} is not installed; this test needs it (CI installs it) !!!\n");
    }
    found
}
