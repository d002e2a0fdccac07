//! `update` returns effects: the views are driven here with no runtime at
//! all — no writer, no drafts folder, no clock — and the tests assert on
//! the effects they ask for and on what they do with the answers.
#[path = "common/tui.rs"]
mod tui;

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use runde::app::{Action, App, Effect, InputKind};
use runde::model::draft::Draft;
use runde::model::{Change, Lang, NoteKind, OrderKey, Replica, SaveError};
use runde::store::Folder;
use tui::*;

/// The example session's replica, read once (the only file access here).
fn replica(fx: &Fixture) -> Replica {
    Folder::open_now(fx.dir()).unwrap().1
}

/// A note-taker's app on `board` with ids ready and no drafts kept.
fn note_taker(fx: &Fixture, board: &str) -> App {
    let mut app = App::note_taker(replica(fx), Some("Kim".into()), Some(board), None, MEETING_START_MS).unwrap();
    let asked = app.update(Action::Started);
    assert!(asked.contains(&Effect::ListDrafts), "{asked:?}");
    assert!(asked.iter().any(|e| matches!(e, Effect::NewIds(_))), "{asked:?}");
    app.update(Action::IdsMade((0..8).map(|i| format!("id{i:02}")).collect()));
    app.update(Action::DraftsListed(Vec::new()));
    app
}

fn keys(app: &mut App, keys: &[KeyCode]) -> Vec<Effect> {
    keys.iter().flat_map(|k| app.handle_key(code(*k))).collect()
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| app.handle_key(key(c))).collect()
}

fn appends(effects: &[Effect]) -> Vec<(u64, Vec<Change>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Append { ticket, changes } => Some((*ticket, changes.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_note_is_one_append_with_its_text_and_a_draft_while_typing() {
    let fx = Fixture::example();
    let mut app = note_taker(&fx, "methods");
    let mut effects = app.handle_key(key('a'));
    effects.extend(typed(&mut app, "Vertrauen"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft(d) if d.text == "Vertrauen" && d.board == "methods")),
        "every key keeps the draft: {effects:?}"
    );
    assert!(appends(&effects).is_empty(), "nothing written while typing");
    let submitted = keys(&mut app, &[KeyCode::Enter]);
    let writes = appends(&submitted);
    assert_eq!(writes.len(), 1, "{submitted:?}");
    let added: Vec<_> = writes[0]
        .1
        .iter()
        .filter_map(|c| match c {
            Change::NoteAdded(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].text, "Vertrauen");
    assert_eq!(added[0].board, "methods");
    assert_eq!(added[0].by.as_deref(), Some("Kim"));
    assert_eq!(added[0].kind, NoteKind::Bullet);
    assert!(
        added[0].id.starts_with("id"),
        "the id came from the runtime: {}",
        added[0].id
    );
    assert!(app.message().is_some_and(|m| m.text.contains("wird gespeichert")));
}

#[test]
fn a_failed_save_brings_the_text_back_under_the_same_id() {
    let fx = Fixture::example();
    let mut app = note_taker(&fx, "methods");
    app.handle_key(key('a'));
    typed(&mut app, "nicht verlieren");
    let writes = appends(&keys(&mut app, &[KeyCode::Enter]));
    let (ticket, changes) = &writes[0];
    let Some(Change::NoteAdded(note)) = changes.last() else {
        panic!("{changes:?}")
    };
    assert!(app.input().is_none(), "the editor closed on Enter");
    let answer = app.update(Action::SaveFailed {
        id: *ticket,
        why: SaveError::DiskFull,
        detail: String::new(),
    });
    assert!(
        answer.is_empty() || !answer.contains(&Effect::ReloadFolder),
        "nothing was applied"
    );
    let input = app.input().expect("the text is back");
    assert_eq!(input.text(), "nicht verlieren");
    assert_eq!(
        input.kind,
        InputKind::NewNote {
            section: note.section.clone(),
            id: note.id.clone()
        }
    );
    assert!(app.message().is_some_and(|m| m.text.contains("Platte ist voll")));
    let retry = appends(&keys(&mut app, &[KeyCode::Enter]));
    let Some(Change::NoteAdded(again)) = retry[0].1.last() else {
        panic!("{retry:?}")
    };
    assert_eq!(again.id, note.id, "a retry can never make a second note");
}

#[test]
fn a_stamped_note_is_drawn_unsaved_until_saved_and_a_failure_refolds() {
    let fx = Fixture::example();
    let mut app = note_taker(&fx, "methods");
    app.handle_key(key('a'));
    typed(&mut app, "gleich da");
    let writes = appends(&keys(&mut app, &[KeyCode::Enter]));
    let (ticket, changes) = writes[0].clone();
    let top = app.state().max_lamport();
    let events: Vec<_> = changes
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let key = OrderKey {
                lamport: top + 1 + i as u64,
                actor: "me".into(),
                seq: 1 + i as u64,
            };
            let ev = runde::model::Event {
                seq: key.seq,
                lamport: key.lamport,
                wall_ms: MEETING_START_MS,
                c,
            };
            (key, ev)
        })
        .collect();
    app.update(Action::Stamped { id: ticket, events });
    let id = app.current_note().map(|n| n.id.clone()).unwrap();
    assert_eq!(
        app.current_note().unwrap().text,
        "gleich da",
        "the cursor is on the new note"
    );
    assert!(app.is_unsaved(&id));
    assert!(screen(&app, 100, 30).contains("gleich da …"));
    let failed = app.update(Action::SaveFailed {
        id: ticket,
        why: SaveError::Io,
        detail: String::new(),
    });
    assert!(
        failed.contains(&Effect::ReloadFolder),
        "what was applied is folded away: {failed:?}"
    );
    assert!(!app.is_unsaved(&id));
    assert_eq!(app.input().map(|i| i.text()).as_deref(), Some("gleich da"));
    assert!(
        failed
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft(d) if d.text == "gleich da")),
        "and kept as a draft again: {failed:?}"
    );
}

#[test]
fn the_drafts_dialog_shows_the_listed_drafts_and_reads_nothing() {
    let fx = Fixture::example();
    let mut app = note_taker(&fx, "methods");
    let kept = |text: &str, ms| Draft {
        board: "methods".into(),
        section: "notes".into(),
        text: text.into(),
        editing: None,
        base: None,
        saved_ms: ms,
    };
    app.update(Action::DraftsListed(vec![kept("älter", 1), kept("neuer", 2)]));
    assert_eq!(
        app.input().map(|i| i.text()).as_deref(),
        Some("neuer"),
        "the newest reopens"
    );
    app.handle_key(code(KeyCode::Esc));
    let asked = app.handle_key(key('D'));
    assert!(asked.is_empty(), "the dialog asks the runtime for nothing: {asked:?}");
    let text = screen(&app, 120, 30);
    assert!(text.contains("„neuer“"), "{text}");
}

#[test]
fn a_timer_key_is_one_append_and_time_comes_only_from_clock_actions() {
    let fx = Fixture::example();
    fx.session().set_phase(Some("workshops")).unwrap();
    let mut app = App::facilitator(replica(&fx), Some(Lang::En), MEETING_START_MS);
    app.update(Action::Started);
    let start_all = appends(&app.handle_key(key('S')));
    assert_eq!(start_all.len(), 1, "all groups start in one write");
    match start_all[0].1.as_slice() {
        [Change::Timers { steps }] => assert_eq!(steps.len(), 4, "one step per group: {steps:?}"),
        other => panic!("one batch fact expected: {other:?}"),
    }
    let shown = app.display_ms();
    app.update(Action::Tick);
    assert_eq!(app.display_ms(), shown, "a tick without a clock reading keeps the time");
    app.update(Action::Clock {
        now_ms: MEETING_START_MS + 61_000,
        system_ms: None,
    });
    assert_eq!(app.display_ms(), MEETING_START_MS + 61_000);
}

#[test]
fn a_tick_asks_for_the_folder_unless_the_runtime_reads_it() {
    let fx = Fixture::example();
    let mut app = note_taker(&fx, "methods");
    assert!(app.update(Action::Tick).contains(&Effect::ReadFolder));
    app.config_mut().refresh_on_tick = false;
    assert!(!app.update(Action::Tick).contains(&Effect::ReadFolder));
    assert_eq!(app.update(Action::StoreChanged), [Effect::ReadFolder]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever is typed and however often Enter and Esc come, every note
    /// written is one append with a fresh id, and the editor's text is in a
    /// draft or in a written note.
    #[test]
    fn typing_never_writes_without_enter_and_every_note_gets_its_own_id(
        steps in proptest::collection::vec(prop_oneof![
            Just('a'), Just('x'), Just('y'), Just('\n'), Just('\u{1b}')
        ], 1..60)
    ) {
        let fx = Fixture::example();
        let mut app = note_taker(&fx, "methods");
        let mut ids = std::collections::HashSet::new();
        let mut batches = 0;
        for step in steps {
            let effects = match step {
                '\n' => keys(&mut app, &[KeyCode::Enter]),
                '\u{1b}' => keys(&mut app, &[KeyCode::Esc]),
                c => app.handle_key(key(c)),
            };
            for (_, changes) in appends(&effects) {
                prop_assert_eq!(step, '\n', "only Enter writes");
                for change in changes {
                    if let Change::NoteAdded(n) = change {
                        prop_assert!(ids.insert(n.id.clone()), "id {} used twice", n.id);
                    }
                }
            }
            // The runtime's ids run out: give more when asked.
            if effects.iter().any(|e| matches!(e, Effect::NewIds(_))) {
                batches += 1;
                let more = (0..8).map(|i| format!("more{batches}-{i}")).collect();
                app.update(Action::IdsMade(more));
            }
        }
    }
}

/// The plan editor writes nothing itself: saving asks for `SavePlan`, a
/// user template is a `LoadTemplate`, a deletion first asks for fresh note
/// counts — and the folder stays untouched until the runtime answers.
#[test]
fn the_plan_editor_asks_for_saves_and_counts_and_writes_nothing() {
    use runde::app::prepare::{Action as P, Prepare, Tab};
    use runde::model::plan::Date;
    use runde::model::plan_edit::NoteCounts;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("meeting");
    let date = Date::try_from("2000-01-01".to_string()).unwrap();
    let name = runde::model::template::TEMPLATES[0];
    let plan = runde::model::template::plan(name, Lang::En, Some("T"), date).unwrap();
    let empty = runde::model::plan_edit::empty_plan(Lang::En, date);
    let mut p = Prepare::new(
        dir.clone(),
        empty,
        None,
        NoteCounts::default(),
        vec![("mine".into(), false)],
    );
    p.tab = Tab::Templates;
    let asked = p.update(P::UseTemplate);
    assert_eq!(asked, vec![Effect::LoadTemplate { name: "mine".into() }]);
    assert!(
        p.update(P::TemplateLoaded {
            name: "mine".into(),
            plan: Some(Box::new(plan.clone()))
        })
        .is_empty()
    );
    assert_eq!(p.plan.boards, plan.boards);

    let asked = p.update(P::Save);
    assert_eq!(
        asked,
        vec![Effect::SavePlan {
            dir: dir.clone(),
            plan: Box::new(p.plan.clone()),
            base: Default::default(),
            settle: false,
        }]
    );
    assert!(!dir.exists(), "the editor wrote the folder itself");
    assert!(p.dirty());
    let saved = Box::new(p.plan.clone());
    let answered = p.update(P::PlanSaved {
        plan: saved,
        path: dir.join("session.json"),
        bytes: b"{}".to_vec(),
    });
    assert!(answered.is_empty() && !p.dirty(), "{answered:?}");

    p.tab = Tab::Agenda;
    let phases = p.plan.agenda.len();
    let asked = p.update(P::Delete);
    assert_eq!(asked, vec![Effect::CountNotes { dir: dir.clone() }]);
    assert_eq!(p.plan.agenda.len(), phases, "deleted before the counts came");
    assert!(p.update(P::NotesCounted(NoteCounts::default())).is_empty());
    assert_eq!(p.plan.agenda.len(), phases - 1, "the waiting deletion ran");
}
