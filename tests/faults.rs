//! I/O faults: a full disk (a write that stops halfway), a failed fsync, and
//! the session folder deleted while a view runs. Nothing is shown as saved
//! that was not, the typed text stays in the editor, retrying never
//! duplicates a note, and nothing already saved is damaged.
#[path = "common/tui.rs"]
mod tui;

use std::io::ErrorKind;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::KeyCode;
use runde::model::NoteKind;
use runde::store::Session;
use runde::store::log::{FaultInjector, IoStep};
use tui::*;

fn failing(step: IoStep, on: Arc<AtomicBool>) -> FaultInjector {
    Arc::new(move |s| {
        (s == step && on.load(Ordering::SeqCst)).then(|| match step {
            IoStep::Create => std::io::Error::new(ErrorKind::PermissionDenied, "Permission denied"),
            IoStep::Write => std::io::Error::new(ErrorKind::StorageFull, "No space left on device"),
            IoStep::Sync => std::io::Error::other("Input/output error"),
        })
    })
}

fn count(fx: &Fixture, text: &str) -> usize {
    fx.count_notes(text)
}

#[test]
fn a_full_disk_is_never_acknowledged_and_the_next_write_uses_a_new_file() {
    let fx = Fixture::example();
    let mut s = fx.session();
    let on = Arc::new(AtomicBool::new(true));
    s.set_fault_injector(Some(failing(IoStep::Write, on.clone())));
    let err = s
        .add_note("methods", None, "voll", NoteKind::Bullet, false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("No space left"), "{err}");
    assert!(s.state().live_notes().all(|n| n.text != "voll"), "not shown as saved");
    on.store(false, Ordering::SeqCst);
    s.add_note("methods", None, "voll", NoteKind::Bullet, false).unwrap();
    assert_eq!(count(&fx, "voll"), 1);
    let logs = std::fs::read_dir(fx.dir().join("log")).unwrap().count();
    assert_eq!(logs, 3, "example log, the abandoned file, a fresh one");
    let report = runde::store::check::check(fx.dir());
    assert!(report.iter().all(|f| f.recovered), "{report:?}");
    assert_eq!(report.len(), 1, "the half-written record is a recovered torn tail");
}

#[test]
fn a_failed_fsync_is_retried_without_a_duplicate() {
    let fx = Fixture::example();
    let mut s = fx.session();
    let on = Arc::new(AtomicBool::new(true));
    s.set_fault_injector(Some(failing(IoStep::Sync, on.clone())));
    let id = "01jzzzzzzzzzzzzzzzzzzzzzzz".to_string();
    assert!(
        s.add_note_with_id(id.clone(), "methods", None, "eio", NoteKind::Bullet, false)
            .is_err()
    );
    // The unsynced copy may still be readable; a retry writes it again.
    s.refresh().unwrap();
    on.store(false, Ordering::SeqCst);
    s.add_note_with_id(id.clone(), "methods", None, "eio", NoteKind::Bullet, false)
        .unwrap();
    assert_eq!(count(&fx, "eio"), 1);
    let fresh = Session::open(fx.dir()).unwrap();
    let mine = fresh.state().note(&id).unwrap();
    let again = fx.session();
    assert_eq!(
        again.state().note(&id).unwrap().pos,
        mine.pos,
        "every reader folds the same note"
    );
}

#[test]
fn the_note_view_keeps_the_text_when_saving_fails() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Lena Hoffmann"), None);
    let on = Arc::new(AtomicBool::new(true));
    app.set_fault_injector(Some(failing(IoStep::Write, on.clone())));
    app.handle_key(key('a'));
    typ(&mut app, "nicht verlieren");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(text.contains("NICHT GESPEICHERT"), "{text}");
    assert_eq!(app.input().unwrap().area.lines(), ["nicht verlieren"]);
    on.store(false, Ordering::SeqCst);
    app.handle_key(code(KeyCode::Enter));
    assert!(screen(&app, 100, 30).contains("✓ gespeichert"));
    assert_eq!(count(&fx, "nicht verlieren"), 1);
}

#[test]
fn the_session_folder_deleted_while_typing() {
    for saved_before in [false, true] {
        folder_deleted(saved_before);
    }
}

fn folder_deleted(saved_before: bool) {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), None, None);
    if saved_before {
        app.handle_key(key('a'));
        typ(&mut app, "vorher");
        app.handle_key(code(KeyCode::Enter));
        assert!(screen(&app, 100, 30).contains("✓ gespeichert"));
    }
    app.handle_key(key('a'));
    typ(&mut app, "noch da");
    std::fs::remove_dir_all(fx.dir()).unwrap();
    typ(&mut app, "!");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(text.contains("NICHT GESPEICHERT"), "{text}");
    assert_eq!(
        app.input().unwrap().area.lines(),
        ["noch da!"],
        "the text stays in the editor"
    );
    assert!(
        app.update(runde::app::Action::Tick),
        "a tick reports the problem instead of failing"
    );
    screen(&app, 100, 30);
    assert!(!fx.dir().exists(), "the deleted folder is not re-created");
}

#[test]
fn a_read_only_folder_is_a_clear_error_and_changes_nothing() {
    let fx = Fixture::example();
    let before: Vec<_> = std::fs::read_dir(fx.dir().join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut app = fx.note_taker(Some("actors"), Some("Jonas Weber"), Some(runde::model::Lang::En));
    let on = Arc::new(AtomicBool::new(true));
    app.set_fault_injector(Some(failing(IoStep::Create, on.clone())));
    app.handle_key(key('a'));
    typ(&mut app, "read-only");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("NOT SAVED") && text.contains("Permission denied"),
        "{text}"
    );
    assert_eq!(app.input().unwrap().area.lines(), ["read-only"]);
    let after: Vec<_> = std::fs::read_dir(fx.dir().join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after, "no file created");
    on.store(false, Ordering::SeqCst);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(count(&fx, "read-only"), 1);
}
