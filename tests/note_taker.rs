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
    let text = screen(&app, 80, 24);
    // The board, its question, both sections side by side (the second one
    // grown by the new note, shown last in it), saved, and the keys.
    assert_shows(line(&text, 0), &["Fallstricke und Erfolgsfaktoren", "⏱ 45:00"]);
    assert_shows(line(&text, 1), &["? Welche guten Erfahrungen"]);
    assert_in_order(&text, &["Erfolgsfaktoren (3)", "Fallstricke (5)"]);
    assert_in_order(&text, &["Soziale Medien sind zweischneidig", "• Neuer Fallstrick"]);
    assert_shows(&text, &["✓ gespeichert"]);
    assert_shows(last_line(&text), &["a/Enter neu", "? Hilfe"]);
    insta::assert_snapshot!("note_de_80x24", text);
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
    assert!(app.input().is_none());
    assert_eq!(texts(&fx, "methods", "notes").len(), 8, "nothing saved yet");
    // A new process (after q or a crash) gets the draft back.
    drop(app);
    let mut again = fx.note_taker(Some("methods"), Some("Kim"), None);
    let input = again.input().expect("draft reopened");
    assert_eq!(input.area.lines(), ["Zeile eins", "Zeile zwei"]);
    again.handle_key(code(KeyCode::Enter));
    assert_eq!(texts(&fx, "methods", "notes").last().unwrap(), "Zeile eins\nZeile zwei");
    let third = fx.note_taker(Some("methods"), Some("Kim"), None);
    assert!(third.input().is_none(), "draft removed once saved");
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
    assert_eq!(again.input().unwrap().area.lines(), ["halb getipp"]);
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
        app.input().unwrap().area.lines()[0].ends_with("(meine Ergänzung)"),
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
    assert_eq!(app.input().unwrap().area.lines(), ["tipp"]);
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
    let mut note = runde::runtime::Runner::note_taker(s, Some("continuity"), None).unwrap();
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
    let on = |app: &runde::runtime::Runner| runde::ui::widgets::clock_face(app, "continuity").text;
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
    let input = app.input().expect("the editor stays open");
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
    assert_eq!(app.input().unwrap().area.lines(), ["Welt café"]);
}

#[test]
fn a_paste_outside_an_editor_is_ignored_with_a_hint() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    let before = texts(&fx, "methods", "notes");
    assert!(app.handle_event(Event::Paste("a\rd\ru\r".into())));
    assert!(app.input().is_none(), "no editor opened");
    assert_eq!(texts(&fx, "methods", "notes"), before);
    let text = screen(&app, 100, 30);
    assert!(text.contains("Einfügen"), "a hint is shown: {text}");
}

/// A paragraph of about 500 characters that starts with "Anfang" and ends with "Satzes.".
fn long_paragraph() -> String {
    let mut text = String::from("Anfang");
    let mut i = 0;
    while text.len() < 490 {
        i += 1;
        text.push_str(&format!(" Wort{i}"));
    }
    text.push_str(" Satzes.");
    text
}

#[test]
fn a_long_paragraph_wraps_in_the_editor_and_scrolls() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, &long_paragraph());
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Anfang") && text.contains("Satzes."),
        "the whole paragraph is visible while typing: {text}"
    );
    // Small: the box grows to its limit, then scrolls to the cursor.
    let text = screen(&app, 40, 12);
    assert!(text.contains("Satzes."), "{text}");
    let rows = text.lines().filter(|l| l.contains("Wort")).count();
    assert!(rows >= 3, "several wrapped rows at 40×12: {text}");
    for _ in 0..30 {
        app.handle_key(code(KeyCode::Up));
    }
    let text = screen(&app, 40, 12);
    assert!(text.contains("Anfang"), "scrolled back to the start: {text}");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(texts(&fx, "methods", "notes").last().unwrap(), &long_paragraph());
}

fn note_cursor(app: &runde::runtime::Runner) -> usize {
    match &app.screen {
        Screen::Note(v) => v.cursor,
        _ => panic!("not the note view"),
    }
}

#[test]
fn g_gg_home_and_end_jump_in_lists() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), None, None);
    let last = texts(&fx, "methods", "notes").len() - 1;
    app.handle_key(key('G'));
    assert_eq!(note_cursor(&app), last, "G: last note");
    app.handle_key(key('g'));
    assert_eq!(note_cursor(&app), last, "one g waits for the second");
    app.handle_key(key('g'));
    assert_eq!(note_cursor(&app), 0, "gg: first note");
    app.handle_key(code(KeyCode::End));
    assert_eq!(note_cursor(&app), last);
    app.handle_key(code(KeyCode::Home));
    assert_eq!(note_cursor(&app), 0);
    // A g followed by another key is no jump.
    app.handle_key(key('G'));
    app.handle_key(key('g'));
    app.handle_key(key('k'));
    app.handle_key(key('g'));
    assert_eq!(note_cursor(&app), last - 1);
}

#[test]
fn digits_in_the_board_picker_choose_the_board() {
    let fx = Fixture::example();
    fx.session().set_phase(Some("workshops")).unwrap();
    let mut app = fx.note_taker(None, None, None);
    app.handle_key(key('3'));
    assert!(matches!(&app.screen, Screen::Note(v) if v.board == "continuity"));
}

#[test]
fn the_filter_applies_while_typing_and_esc_clears_it() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("actors"), None, None);
    app.handle_key(key('/'));
    typ(&mut app, "krefeld");
    assert_eq!(app.visible_notes(0).len(), 2, "filtered before Enter");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.visible_notes(0).len(), 2);
    app.handle_key(key('/'));
    typ(&mut app, "xyz");
    assert_eq!(app.visible_notes(0).len(), 0);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.input().is_none());
    assert_eq!(app.visible_notes(0).len(), 8, "Esc in the filter clears it");
}

#[test]
fn readline_keys_edit_the_line() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    let line = |app: &runde::runtime::Runner| app.input().unwrap().area.lines()[0].clone();
    app.handle_key(key('a'));
    typ(&mut app, "eins zwei drei");
    app.handle_key(ctrl('w'));
    assert_eq!(line(&app), "eins zwei ", "Ctrl-W deletes a word");
    app.handle_key(ctrl('a'));
    typ(&mut app, "X");
    assert_eq!(line(&app), "Xeins zwei ", "Ctrl-A goes to the start");
    app.handle_key(ctrl('e'));
    typ(&mut app, "Y");
    assert_eq!(line(&app), "Xeins zwei Y", "Ctrl-E goes to the end");
    app.handle_key(code(KeyCode::Left));
    app.handle_key(ctrl('u'));
    assert_eq!(line(&app), "Y", "Ctrl-U deletes to the start of the line");
}

#[test]
fn ctrl_c_is_never_silently_ignored() {
    for (lang, prompt) in [(Lang::De, "(j/n)"), (Lang::En, "(y/n)")] {
        let fx = Fixture::example();
        let mut app = fx.note_taker(Some("methods"), Some("Kim"), Some(lang));
        app.handle_key(key('a'));
        typ(&mut app, "halb");
        app.handle_key(ctrl('c'));
        assert!(!app.quit(), "typing is not thrown away by one key");
        let text = screen(&app, 100, 30);
        assert!(text.contains(prompt), "Ctrl-C asks: {text}");
        app.handle_key(key('n'));
        assert_eq!(app.input().unwrap().area.lines(), ["halb"], "and n goes back");
        app.handle_key(ctrl('c'));
        app.handle_key(key(if lang == Lang::De { 'j' } else { 'y' }));
        assert!(app.quit());
        drop(app);
        // In the help, Ctrl-C asks too instead of just closing it.
        let mut app = fx.note_taker(Some("methods"), Some("Kim"), Some(lang));
        app.handle_key(code(KeyCode::Esc));
        app.handle_key(key('?'));
        app.handle_key(ctrl('c'));
        assert!(screen(&app, 100, 30).contains(prompt));
        app.handle_key(key('y'));
        assert!(app.quit(), "y is accepted in both languages");
    }
}

/// The footer line of a screen.
fn footer(text: &str) -> String {
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn footers_name_what_the_keys_do() {
    let fx = Fixture::example();
    fx.session().set_phase(Some("workshops")).unwrap();
    let cases = [
        (
            Lang::De,
            "Enter öffnen",
            "Esc schließen (Entwurf bleibt)",
            "Ctrl-g Entwurf verwerfen",
            "Enter übernehmen",
            "Esc Filter aufheben",
        ),
        (
            Lang::En,
            "Enter open",
            "Esc close (draft kept)",
            "Ctrl-g discard draft",
            "Enter apply",
            "Esc clear filter",
        ),
    ];
    for (lang, open, close, discard, apply, clear) in cases {
        let picker = fx.note_taker(None, None, Some(lang));
        let text = footer(&screen(&picker, 100, 30));
        assert!(
            text.contains(open) && !text.contains("speichern") && !text.contains("save"),
            "{text}"
        );
        drop(picker);
        let mut app = fx.note_taker(Some("methods"), Some("Kim"), Some(lang));
        app.handle_key(key('a'));
        typ(&mut app, &long_paragraph());
        let full = screen(&app, 100, 30);
        let text = footer(&full);
        assert!(text.contains(close) && text.contains(discard), "{text}");
        insta::assert_snapshot!(format!("note_editor_{lang:?}_100x30").to_lowercase(), full);
        let small = screen(&app, 40, 12);
        // At 40×12 the editor still shows its title, the end of the long
        // paragraph (scrolled to the cursor) and how to save it.
        let (title, save) = if lang == Lang::De {
            ("┌ Neue Notiz", "Enter speichern")
        } else {
            ("┌ New note", "Enter save")
        };
        assert_shows(&small, &[title, "Satzes."]);
        assert!(!small.contains("Wort1 "), "scrolled to the cursor: {small}");
        assert!(last_line(&small).starts_with(save), "{small}");
        insta::assert_snapshot!(format!("note_editor_{lang:?}_40x12").to_lowercase(), small);
        app.handle_key(ctrl('g'));
        app.handle_key(key('/'));
        let text = footer(&screen(&app, 100, 30));
        assert!(text.contains(apply) && text.contains(clear), "{text}");
        assert!(!text.contains("Alt-Enter"), "no line breaks in a filter: {text}");
    }
}

#[test]
fn status_messages_fade_after_a_few_seconds() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "kurz");
    app.handle_key(code(KeyCode::Enter));
    assert!(screen(&app, 100, 30).contains("✓ gespeichert"));
    fx.clock.advance_secs(2);
    app.update(Action::Tick);
    assert!(screen(&app, 100, 30).contains("✓ gespeichert"), "still there after 2 s");
    fx.clock.advance_secs(4);
    assert!(app.update(Action::Tick), "fading redraws");
    assert!(!screen(&app, 100, 30).contains("✓ gespeichert"), "gone after 6 s");
    // A warning stays until something replaces it.
    app.handle_event(Event::Paste("x".into()));
    fx.clock.advance_secs(10);
    app.update(Action::Tick);
    assert!(screen(&app, 100, 30).contains("Einfügen"));
}

#[test]
fn help_has_one_line_per_key_group_and_scrolls_when_small() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let mut app = fx.note_taker(Some("methods"), None, Some(lang));
        app.handle_key(key('?'));
        let text = screen(&app, 100, 40);
        let rows = help_rows(&text);
        let keys: Vec<&str> = rows.iter().filter_map(|r| r.split_whitespace().next()).collect();
        for lone in ["k", "K", "Shift-Tab"] {
            assert!(!keys.contains(&lone), "{lone} has its own line: {text}");
        }
        assert!(
            rows.iter().any(|r| r.starts_with("j/k")) && rows.iter().any(|r| r.starts_with("J/K")),
            "{text}"
        );
        insta::assert_snapshot!(format!("note_help_{lang:?}_100x40").to_lowercase(), text);
        let small = screen(&app, 40, 12);
        let quit = if lang == Lang::De { "beenden" } else { "quit" };
        assert!(
            !help_rows(&small).iter().any(|r| r.ends_with(quit)),
            "cut at 40×12: {small}"
        );
        for _ in 0..40 {
            app.handle_key(key('j'));
        }
        let small = screen(&app, 40, 12);
        assert!(
            help_rows(&small).iter().any(|r| r.ends_with(quit)),
            "scrolled to the end: {small}"
        );
        app.handle_key(key('x'));
        assert!(app.overlay().is_none(), "another key closes");
    }
}

#[test]
fn the_footer_at_80_columns_shows_the_keys_a_note_taker_needs_most() {
    let fx = Fixture::example();
    fx.session().set_phase(Some("workshops")).unwrap();
    let cases = [
        (Lang::De, ["a/Enter neu", "Tab Abschnitt", "! Signal", "? Hilfe"]),
        (Lang::En, ["a/Enter add", "Tab section", "! signal", "? help"]),
    ];
    for (lang, wanted) in cases {
        let app = fx.note_taker(Some("methods"), Some("Kim"), Some(lang));
        for width in [80, 60] {
            let text = footer(&screen(&app, width, 24));
            let at: Vec<Option<usize>> = wanted.iter().map(|w| text.find(w)).collect();
            assert!(at.iter().all(Option::is_some), "{lang:?} at {width}: {text}");
            // In order of use: adding, then sections, then a signal; help last.
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{lang:?} at {width}: {text}");
        }
        // However narrow, `?` stays.
        let text = footer(&screen(&app, 30, 24));
        assert!(text.contains(wanted[3]), "{lang:?} at 30: {text}");
    }
}

/// A guest on the key findings (the facilitator's to write) sees a view
/// that reads: no "a writes the first", no writing keys in the footer or
/// `?` — and a key that would write is refused with the reason.
#[test]
fn a_guest_on_the_findings_sees_no_key_that_writes() {
    for (lang, empty, add, refused) in [
        (
            runde::model::Lang::De,
            "noch keine Notizen",
            "a/Enter",
            "hier nur lesen",
        ),
        (runde::model::Lang::En, "no notes yet", "a/Enter", "read only here"),
    ] {
        let fx = Fixture::example();
        let mut s = fx.session();
        let findings = fx.note_ids("findings");
        for id in &findings {
            s.delete_note(id).unwrap();
        }
        let mut app = fx.note_taker(Some("findings"), Some("Gast"), Some(lang));
        app.set_remote();
        let text = screen(&app, 120, 30);
        assert!(text.contains(empty) && !text.contains(" – a "), "{text}");
        let footer = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(!footer.contains(add) && footer.contains('?'), "{footer}");
        app.handle_key(key('?'));
        let help = help_rows(&screen(&app, 120, 40));
        assert!(
            !help.is_empty() && !help.iter().any(|r| r.starts_with("a/Enter")),
            "{help:?}"
        );
        app.handle_key(key('x'));
        app.handle_key(key('a'));
        assert!(screen(&app, 120, 30).contains(refused));
        // A guest on a workshop board keeps every key.
        let mut group = fx.note_taker(Some("methods"), Some("Gast"), Some(lang));
        group.set_remote();
        let text = screen(&group, 120, 30);
        let footer = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
        assert!(footer.contains(add), "{footer}");
    }
}
