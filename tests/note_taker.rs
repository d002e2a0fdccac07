//! Scenario tests of the note-taker view on a TestBackend: writing,
//! editing, deleting with undo/redo, starring, reordering, moving,
//! drafts, concurrent changes and narrow terminals, in German and English.
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::{Event, KeyCode};
use runde::app::{Action, Screen};
use runde::clock::Clock;
use runde::model::{Lang, NoteKind};
use tui::*;

fn texts(fx: &Fixture, board: &str, section: &str) -> Vec<String> {
    fx.session()
        .state()
        .notes_in(board, section)
        .iter()
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn add_edit_delete_undo_redo() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Lena Hoffmann"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Vertrauen braucht Zeit – „Geduld“ 🎉");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        texts(&fx, "methods", "notes").last().unwrap(),
        "Vertrauen braucht Zeit – „Geduld“ 🎉"
    );
    assert!(screen(&app, 100, 30).contains("✓ gespeichert"));

    app.handle_key(key('e'));
    typ(&mut app, "!");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        texts(&fx, "methods", "notes").last().unwrap(),
        "Vertrauen braucht Zeit – „Geduld“ 🎉!"
    );

    app.handle_key(key('d'));
    assert_eq!(texts(&fx, "methods", "notes").len(), 8);
    app.handle_key(key('u'));
    assert_eq!(texts(&fx, "methods", "notes").len(), 9);
    app.handle_key(ctrl('r'));
    assert_eq!(texts(&fx, "methods", "notes").len(), 8);
    app.handle_key(key('u'));
    app.handle_key(key('u'));
    assert_eq!(
        texts(&fx, "methods", "notes").last().unwrap(),
        "Vertrauen braucht Zeit – „Geduld“ 🎉"
    );
}

#[test]
fn star_reorder_move_and_kind() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("success"), None, Some(Lang::En));
    let first = texts(&fx, "success", "factors")[0].clone();
    app.handle_key(key('*'));
    assert!(fx.session().state().notes_in("success", "factors")[0].starred);
    app.handle_key(key('J'));
    assert_eq!(texts(&fx, "success", "factors")[1], first, "moved one down");
    app.handle_key(key('K'));
    assert_eq!(texts(&fx, "success", "factors")[0], first, "and back up");
    app.handle_key(key('t'));
    assert_eq!(
        fx.session().state().notes_in("success", "factors")[0].kind,
        NoteKind::Paragraph
    );
    app.handle_key(key('m'));
    app.handle_key(key('2'));
    assert_eq!(texts(&fx, "success", "pitfalls").last().unwrap(), &first);
    assert_eq!(texts(&fx, "success", "factors").len(), 2);
    let text = screen(&app, 100, 30);
    assert!(text.contains("★ "), "starred shown with a symbol: {text}");
    insta::assert_snapshot!("note_en_100x30_after_move", text);
}

#[test]
fn tab_switches_sections_and_notes_go_there() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("success"), None, None);
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Enter));
    typ(&mut app, "Neuer Fallstrick");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(texts(&fx, "success", "pitfalls").last().unwrap(), "Neuer Fallstrick");
    insta::assert_snapshot!("note_de_80x24", screen(&app, 80, 24));
}

#[test]
fn alt_enter_makes_a_newline_and_esc_keeps_a_draft() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Zeile eins");
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::ALT,
    ));
    typ(&mut app, "Zeile zwei");
    app.handle_key(code(KeyCode::Esc));
    assert!(app.input.is_none());
    assert_eq!(texts(&fx, "methods", "notes").len(), 8, "nothing saved yet");
    // A new process (after q or a crash) gets the draft back.
    drop(app);
    let mut again = fx.note_taker(Some("methods"), Some("Kim"), None);
    let input = again.input.as_ref().expect("draft reopened");
    assert_eq!(input.area.lines(), ["Zeile eins", "Zeile zwei"]);
    again.handle_key(code(KeyCode::Enter));
    assert_eq!(texts(&fx, "methods", "notes").last().unwrap(), "Zeile eins\nZeile zwei");
    let third = fx.note_taker(Some("methods"), Some("Kim"), None);
    assert!(third.input.is_none(), "draft removed once saved");
}

#[test]
fn a_draft_survives_a_crash_mid_typing() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("actors"), Some("Jonas Weber"), None);
    app.handle_key(key('a'));
    typ(&mut app, "halb getipp");
    // No clean shutdown: nothing runs but the OS closing the files (which
    // releases the drafts lock, as after kill -9; tests/pty.rs kills a real
    // process). The app has no Drop logic, so drop is exactly that.
    drop(app);
    let again = fx.note_taker(Some("actors"), Some("Jonas Weber"), None);
    assert_eq!(again.input.as_ref().unwrap().area.lines(), ["halb getipp"]);
}

#[test]
fn concurrent_edit_and_delete_lose_nothing() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Lena Hoffmann"), None);
    let id = fx.session().state().notes_in("methods", "notes")[0].id.clone();
    app.handle_key(key('e'));
    typ(&mut app, " (meine Ergänzung)");
    let mut other = fx.session();
    other.edit_note(&id, "Fremde Änderung").unwrap();
    app.update(Action::StoreChanged);
    assert!(screen(&app, 100, 30).contains("Jemand hat diese Notiz geändert"));
    assert!(
        app.input.as_ref().unwrap().area.lines()[0].ends_with("(meine Ergänzung)"),
        "typing undisturbed"
    );
    app.handle_key(code(KeyCode::Enter));
    assert!(
        fx.session()
            .state()
            .note(&id)
            .unwrap()
            .text
            .ends_with("(meine Ergänzung)")
    );

    app.handle_key(key('e'));
    typ(&mut app, " und mehr");
    let mut other = fx.session();
    other.delete_note(&id).unwrap();
    app.update(Action::StoreChanged);
    assert!(screen(&app, 100, 30).contains("Jemand hat diese Notiz gelöscht"));
    app.handle_key(code(KeyCode::Enter));
    let notes = texts(&fx, "methods", "notes");
    assert!(
        notes.iter().any(|t| t.ends_with("(meine Ergänzung) und mehr")),
        "saved as a new note: {notes:?}"
    );
}

#[test]
fn notes_from_others_appear_while_typing() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("continuity"), Some("Selin Aydın"), None);
    app.handle_key(key('a'));
    typ(&mut app, "tipp");
    fx.session()
        .add_note("continuity", None, "Von nebenan", Default::default(), false)
        .unwrap();
    app.update(Action::StoreChanged);
    let text = screen(&app, 100, 30);
    assert!(text.contains("Von nebenan"), "{text}");
    assert_eq!(app.input.as_ref().unwrap().area.lines(), ["tipp"]);
}

#[test]
fn signals_filter_and_timer_warning() {
    let fx = Fixture::example();
    let mut fac = fx.facilitator(None);
    for _ in 0..3 {
        fac.handle_key(key('n'));
    }
    fac.handle_key(key('S'));
    let mut app = fx.note_taker(Some("actors"), None, None);
    fx.clock.advance_secs(41 * 60);
    app.update(Action::Tick);
    let text = screen(&app, 100, 30);
    assert!(text.contains("⏱ 4:00 ▶ läuft · letzte Minuten"), "{text}");
    app.handle_key(key('!'));
    app.handle_key(key('3'));
    assert!(fx.session().state().signal("actors").is_some());
    app.handle_key(key('/'));
    typ(&mut app, "krefeld");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.visible_notes(0).len(), 2);
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.visible_notes(0).len(), 8);
}

#[test]
fn narrow_terminal_uses_tabs() {
    let fx = Fixture::example();
    let app = fx.note_taker(Some("success"), None, Some(Lang::En));
    let text = screen(&app, 40, 12);
    assert!(text.contains("Erfolgsfaktoren (3) | Fallstricke (4)"), "{text}");
    insta::assert_snapshot!("note_en_40x12", text);
}

#[test]
fn board_picker_lists_the_phase_boards() {
    let fx = Fixture::example();
    fx.session().set_phase(Some("workshops")).unwrap();
    let mut app = fx.note_taker(None, None, None);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("1 Methoden & Formate (methods)") && text.contains("4 Akteure und Funktionen (actors)"),
        "{text}"
    );
    app.handle_key(key('j'));
    app.handle_key(code(KeyCode::Enter));
    assert!(matches!(&app.screen, Screen::Note(v) if v.board == "success"));
}

#[test]
fn hostile_text_is_rendered_inert() {
    let fx = Fixture::example();
    fx.session()
        .add_note(
            "methods",
            None,
            "evil \u{1b}]52;c;aGFjaw==\u{7} \u{1b}[2J \u{202e}gnirts",
            Default::default(),
            false,
        )
        .unwrap();
    let app = fx.note_taker(Some("methods"), None, None);
    let text = screen(&app, 100, 40);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
    assert!(text.contains("evil ␛]52;c;aGFjaw==�"), "{text}");
}

#[test]
fn two_hosts_with_clocks_apart_show_the_same_remaining_time() {
    let fx = Fixture::example();
    // The note-taker's host runs 2.5 s behind the facilitator's.
    let behind = runde::clock::FakeClock::at(fx.clock.now_ms() - 2500);
    let mut s = runde::store::Session::open_with_clock(fx.dir(), std::sync::Arc::new(behind.clone())).unwrap();
    s.set_author(Some("Selin Aydın".into()));
    let mut note = runde::app::App::note_taker(s, Some("continuity"), None).unwrap();
    let mut fac = fx.facilitator(None);
    for _ in 0..3 {
        fac.handle_key(key('n'));
    }
    fac.handle_key(key('S'));
    note.update(Action::StoreChanged); // the watcher delivers at once
    fx.clock.advance_secs(600);
    behind.advance_secs(600);
    fac.update(Action::Tick);
    note.update(Action::Tick);
    let on = |app: &runde::app::App| runde::ui::facilitator::clock_face(app, "continuity").text;
    assert_eq!(on(&fac), "35:00");
    assert_eq!(on(&note), on(&fac), "the skew is corrected for");
    let text = screen(&note, 120, 30);
    assert!(text.contains("Uhr einer anderen Station weicht ab: +2.5 s"), "{text}");
    // The probe round trip measures both ways: the facilitator sees it too.
    let text = screen(&fac, 120, 40);
    assert!(text.contains("Uhr einer anderen Station weicht ab: -2.5 s"), "{text}");
}

#[test]
fn a_paste_inserts_text_and_never_runs_commands() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    let before = texts(&fx, "methods", "notes");
    app.handle_key(key('a'));
    // Terminals send pasted line breaks as CR; CRLF and LF happen too.
    app.handle_event(Event::Paste("Idee A\rdas fehlt noch\r\nund mehr".into()));
    let input = app.input.as_ref().expect("the editor stays open");
    assert_eq!(input.area.lines(), ["Idee A", "das fehlt noch", "und mehr"]);
    assert_eq!(texts(&fx, "methods", "notes"), before, "nothing saved or deleted");
    let big = "x".repeat(3000);
    app.handle_event(Event::Paste(big.clone()));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(
        texts(&fx, "methods", "notes").last().unwrap(),
        &format!("Idee A\ndas fehlt noch\nund mehr{big}"),
        "a paste over 1 KB arrives whole"
    );
}

#[test]
fn a_paste_into_the_filter_is_one_line() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('/'));
    app.handle_event(Event::Paste("Welt\rcafé".into()));
    assert_eq!(app.input.as_ref().unwrap().area.lines(), ["Welt café"]);
}

#[test]
fn a_paste_outside_an_editor_is_ignored_with_a_hint() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    let before = texts(&fx, "methods", "notes");
    assert!(app.handle_event(Event::Paste("a\rd\ru\r".into())));
    assert!(app.input.is_none(), "no editor opened");
    assert_eq!(texts(&fx, "methods", "notes"), before);
    let text = screen(&app, 100, 30);
    assert!(text.contains("Einfügen"), "a hint is shown: {text}");
}
