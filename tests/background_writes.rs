//! Writes on the background thread of a view: a note is drawn the moment
//! it is submitted and shown as saved only once its fsync returned; a
//! failed fsync brings the text back into the editor, and a retry saves
//! exactly one note in a fresh log file.
#[path = "common/tui.rs"]
mod tui;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use ratatui::crossterm::event::KeyCode;
use runde::runtime::{Msg, Runner};
use runde::store::log::{FaultInjector, IoStep};
use tui::*;

/// A view writing in the background; the receiver gets its wake-ups.
fn background(app: &mut Runner) -> mpsc::Receiver<Msg> {
    let (tx, rx) = mpsc::channel();
    app.write_in_background(Box::new(move || {
        let _ = tx.send(Msg::Store);
    }))
    .unwrap();
    rx
}

/// Every record fsync waits until the test sends a go.
fn gated() -> (FaultInjector, mpsc::Sender<()>) {
    let (go, gate) = mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    let faults: FaultInjector = Arc::new(move |step| {
        if step == IoStep::Sync {
            let _ = gate.lock().unwrap().recv_timeout(Duration::from_secs(30));
        }
        None
    });
    (faults, go)
}

/// Every record fsync fails while `on` is set.
fn failing_fsync(on: Arc<AtomicBool>) -> FaultInjector {
    Arc::new(move |step| {
        (step == IoStep::Sync && on.load(Ordering::SeqCst)).then(|| std::io::Error::other("Input/output error"))
    })
}

/// Waits for the writer's wake-up and feeds its outcomes into the app.
fn settle(app: &mut Runner, wake: &mpsc::Receiver<Msg>) {
    wake.recv_timeout(Duration::from_secs(30)).expect("an outcome");
    app.feed_write_outcomes();
}

fn count(fx: &Fixture, text: &str) -> usize {
    fx.count_notes(text)
}

#[test]
fn a_note_is_drawn_at_once_and_shown_saved_only_after_its_fsync() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Lena Hoffmann"), None);
    let wake = background(&mut app);
    let (faults, go) = gated();
    app.set_fault_injector(Some(faults));
    app.handle_key(key('a'));
    typ(&mut app, "sofort sichtbar");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("sofort sichtbar …"),
        "drawn at once, marked unsaved:\n{text}"
    );
    assert!(text.contains("wird gespeichert"), "{text}");
    assert!(!text.contains("✓ gespeichert"), "not saved yet:\n{text}");
    assert!(app.input().is_none(), "the editor closed");
    assert!(!app.feed_write_outcomes(), "no outcome while the fsync waits");
    assert!(!screen(&app, 100, 30).contains("✓ gespeichert"));
    assert_eq!(app.board_drafts().len(), 1, "the draft stays until the save");

    go.send(()).unwrap();
    settle(&mut app, &wake);
    let text = screen(&app, 100, 30);
    assert!(text.contains("✓ gespeichert"), "{text}");
    assert!(!text.contains("sofort sichtbar …"), "the marker is gone:\n{text}");
    assert!(app.board_drafts().is_empty(), "the draft goes once saved");
    assert_eq!(count(&fx, "sofort sichtbar"), 1);
}

#[test]
fn a_failed_fsync_brings_the_text_back_and_a_retry_saves_one_note() {
    let fx = Fixture::example();
    let logs_before = std::fs::read_dir(fx.dir().join("log")).unwrap().count();
    let mut app = fx.note_taker(Some("actors"), Some("Jonas Weber"), Some(runde::model::Lang::En));
    let wake = background(&mut app);
    let on = Arc::new(AtomicBool::new(true));
    app.set_fault_injector(Some(failing_fsync(on.clone())));
    app.handle_key(key('a'));
    typ(&mut app, "keep me");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.input().is_none());
    settle(&mut app, &wake);
    let text = screen(&app, 100, 30);
    assert!(text.contains("NOT SAVED"), "{text}");
    assert!(!text.contains("✓ saved"), "{text}");
    assert_eq!(
        app.input().map(|i| i.area.lines().to_vec()),
        Some(vec!["keep me".to_string()]),
        "the text is back in the editor"
    );

    on.store(false, Ordering::SeqCst);
    app.handle_key(code(KeyCode::Enter));
    settle(&mut app, &wake);
    assert!(screen(&app, 100, 30).contains("✓ saved"));
    assert_eq!(count(&fx, "keep me"), 1, "the retry kept the note's id");
    let logs_after = std::fs::read_dir(fx.dir().join("log")).unwrap().count();
    assert_eq!(logs_after, logs_before + 2, "the failed log is never written again");
}

#[test]
fn a_view_that_quits_still_saves_what_it_handed_over() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), None, None);
    let _wake = background(&mut app);
    app.set_fault_injector(Some(runde::store::log::slow_fsync(Duration::from_millis(50))));
    for text in ["eins", "zwei", "drei"] {
        app.handle_key(key('a'));
        typ(&mut app, text);
        app.handle_key(code(KeyCode::Enter));
    }
    drop(app);
    for text in ["eins", "zwei", "drei"] {
        assert_eq!(count(&fx, text), 1, "{text}");
    }
}

/// `demo` writes the phase and the timers itself, then hands the session to
/// a view that writes in the background: the view's first note is saved
/// (it was refused: the thread tried to create the log the CLI had open).
#[test]
fn a_view_writing_after_the_cli_wrote_saves_its_notes() {
    let fx = Fixture::example();
    let mut s = fx.session();
    s.set_phase(Some("workshops")).unwrap();
    let mut app =
        runde::runtime::Runner::note_taker_with_state(s, Some("methods"), None, Ok(fx._tmp.path().join("state")))
            .unwrap();
    let wake = background(&mut app);
    app.handle_key(key('a'));
    typ(&mut app, "nach der CLI");
    app.handle_key(code(KeyCode::Enter));
    settle(&mut app, &wake);
    assert_eq!(count(&fx, "nach der CLI"), 1, "{}", screen(&app, 100, 30));
    assert_shows(&screen(&app, 100, 30), &["gespeichert"]);
}
