//! End-to-end: the real binary in a pseudo-terminal, read back through a
//! vt100 parser. A facilitator and note-takers on one folder, notes from
//! another process, quitting and signals restoring the terminal.
mod common;

use std::path::Path;

#[path = "common/pty.rs"]
mod pty;
use pty::View;

fn p(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

#[test]
fn facilitator_shows_a_note_added_by_another_process_and_quits_cleanly() {
    let (_t, dir) = common::example_session();
    common::runde().args(["phase", p(&dir), "workshops"]).assert().success();
    let mut view = View::spawn(&["facilitate", p(&dir)], 120, 40);
    view.wait_for("4 Akteure und Funktionen");
    view.wait_for("8 Notizen");
    common::add(&dir, "continuity", "Patenschaften zwischen Betrieben", &[]);
    view.wait_for("Patenschaften zwischen Betrieben");
    view.wait_for("7 Notizen");
    view.send("q");
    let status = view.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(view.restored(), "alternate screen left and cursor shown");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let (_t, dir) = common::example_session();
        let mut view = View::spawn(&["note", p(&dir), "--board", "methods"], 80, 24);
        view.wait_for("Methoden & Formate");
        assert!(view.screen.lock().unwrap().screen().alternate_screen());
        let pid = view.child.process_id().expect("pid");
        std::process::Command::new("kill")
            .arg(signal)
            .arg(pid.to_string())
            .status()
            .unwrap();
        view.wait_exit();
        assert!(view.restored(), "terminal restored after {signal}");
    }
}

#[test]
fn two_note_takers_and_a_facilitator_see_all_forty_notes() {
    let (_t, dir) = common::example_session();
    common::runde().args(["phase", p(&dir), "workshops"]).assert().success();
    let mut fac = View::spawn(&["facilitate", p(&dir)], 160, 45);
    let mut a = View::spawn(&["note", p(&dir), "--board", "methods", "--by", "Ana"], 100, 30);
    let mut b = View::spawn(&["note", p(&dir), "--board", "methods", "--by", "Ben"], 100, 30);
    a.wait_for("Notizen (8)");
    b.wait_for("Notizen (8)");
    fac.wait_for("1 Methoden & Formate");
    for i in 0..20 {
        a.send(&format!("aAna schreibt Notiz {i}\r"));
        b.send(&format!("aBen schreibt Notiz {i}\r"));
    }
    a.wait_for("Notizen (48)");
    b.wait_for("Notizen (48)");
    fac.wait_for("48 Notizen");
    let doc = common::export_json(&dir);
    let texts = common::texts(&doc, "methods", "notes");
    for who in ["Ana", "Ben"] {
        let mine: Vec<&String> = texts
            .iter()
            .filter(|t| t.starts_with(&format!("{who} schreibt")))
            .collect();
        assert_eq!(mine.len(), 20, "{who}: {mine:?}");
        let expected: Vec<String> = (0..20).map(|i| format!("{who} schreibt Notiz {i}")).collect();
        assert_eq!(
            mine.into_iter().cloned().collect::<Vec<_>>(),
            expected,
            "each writer's order kept"
        );
    }
    for v in [&mut a, &mut b, &mut fac] {
        v.send("q");
        assert!(v.wait_exit().success());
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    let (_t, dir) = common::example_session();
    let bin = assert_cmd::cargo::cargo_bin("runde");
    let mut view = View::spawn_with_env(
        &bin,
        &["note", p(&dir), "--board", "methods"],
        // No backtrace, whatever the calling shell sets: it would push the
        // panic message off the 24-line screen this test reads.
        &[("RUNDE_DEBUG_PANIC", "1"), ("RUST_BACKTRACE", "0")],
        80,
        24,
    );
    view.wait_for("Methoden & Formate");
    assert!(view.screen.lock().unwrap().screen().alternate_screen());
    view.send("\x1b[24~"); // F12
    let status = view.wait_exit();
    assert!(!status.success(), "the panic ends the process with an error");
    assert!(view.restored(), "terminal restored after a panic");
    assert!(
        view.contents().contains("panic requested"),
        "the panic message is shown on the normal screen"
    );
}

/// The binary under test (`RUNDE_PTY_BIN` runs an older build, to show a
/// test failing on it).
fn bin() -> std::path::PathBuf {
    std::env::var_os("RUNDE_PTY_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| assert_cmd::cargo::cargo_bin("runde"))
}

fn spawn_local(tmp: &Path, args: &[&str], cols: u16, rows: u16) -> View {
    let state = tmp.join("state");
    View::spawn_with_env(&bin(), args, &[("RUNDE_STATE_DIR", p(&state))], cols, rows)
}

/// Kim's view of the methods board, ready for keys.
fn kims_note_view(tmp: &Path, dir: &Path) -> View {
    let view = spawn_local(tmp, &["note", p(dir), "--board", "methods", "--by", "Kim"], 100, 30);
    view.wait_for("Notizen (8)");
    view
}

fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// Whether any file below `dir` contains `needle`.
fn some_file_contains(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).into_iter().flatten().flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            some_file_contains(&path, needle)
        } else {
            std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle))
        }
    })
}

#[test]
fn a_paste_with_line_breaks_and_over_1kb_goes_into_the_note_whole() {
    let (t, dir) = common::example_session();
    let mut view = kims_note_view(t.path(), &dir);
    assert!(view.screen.lock().unwrap().screen().bracketed_paste(), "paste mode on");
    view.send("a");
    view.wait_for("Neue Notiz");
    let long = "y".repeat(1500);
    view.send(&paste(&format!("Idee A\rdas fehlt noch\r{long}")));
    view.send("\r");
    view.wait_for("Notizen (9)");
    view.send("q");
    assert!(view.wait_exit().success());
    assert!(view.restored(), "terminal restored");
    assert!(
        !view.screen.lock().unwrap().screen().bracketed_paste(),
        "paste mode off"
    );
    let texts = common::texts(&common::export_json(&dir), "methods", "notes");
    assert_eq!(texts.len(), 9, "nothing deleted, one note added: {texts:?}");
    assert_eq!(texts[8], format!("Idee A\ndas fehlt noch\n{long}"));
}

#[test]
fn a_paste_into_the_broadcast_prompt_sends_one_broadcast_and_nothing_else() {
    let (t, dir) = common::example_session();
    common::runde().args(["phase", p(&dir), "workshops"]).assert().success();
    let mut view = spawn_local(t.path(), &["facilitate", p(&dir)], 120, 40);
    view.wait_for("8 Notizen");
    view.send("b");
    view.wait_for("Durchsage an alle");
    let long = "z".repeat(1500);
    view.send(&paste(&format!("Noch 5 Minuten\rnSa+{long}")));
    view.send("\r");
    // One broadcast, wrapped: the long word on the projector's second line.
    view.wait_for("» Durchsage: Noch 5 Minuten");
    view.wait_for("   nSa+zzzz");
    view.send("q");
    assert!(view.wait_exit().success(), "quit without asking: no timer runs");
    let session = runde::store::Session::open(&dir).unwrap();
    let state = session.state();
    assert_eq!(state.phase(), Some("workshops"), "no phase change");
    for board in ["methods", "continuity", "actors", "success"] {
        assert!(!state.timer(board).is_running(), "{board}: no timer started");
    }
    assert_eq!(
        state.latest_broadcast(None).unwrap().text,
        format!("Noch 5 Minuten nSa+{long}")
    );
}

#[test]
fn a_burst_of_2000_typed_characters_arrives_without_another_key() {
    let (t, dir) = common::example_session();
    let mut view = kims_note_view(t.path(), &dir);
    view.send("a");
    view.wait_for("Neue Notiz");
    let burst = "w".repeat(2000);
    view.send(&burst); // what a terminal without bracketed paste sends
    // Every character reaches the draft without any further key press.
    let start = std::time::Instant::now();
    let deadline = start + std::time::Duration::from_secs(90);
    while !some_file_contains(t.path(), &burst) {
        assert!(
            std::time::Instant::now() < deadline,
            "the burst stalled part-way: {}",
            view.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    eprintln!("burst took {:?}", start.elapsed());
    view.send("\x1b");
    view.wait_for("Entwurf behalten");
    view.send("q");
    assert!(view.wait_exit().success());
}

#[test]
fn kill_9_while_typing_then_restart_offers_the_draft_back() {
    let (t, dir) = common::example_session();
    let args = ["note", p(&dir), "--board", "methods", "--by", "Kim"];
    let mut view = spawn_local(t.path(), &args, 100, 30);
    view.wait_for("Notizen (8)");
    view.send("aNoch nicht gespeichert");
    view.wait_for("Noch nicht gespeichert");
    let pid = view.child.process_id().expect("pid");
    std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    view.wait_exit();
    assert!(
        !dir.join("drafts").exists(),
        "nothing typed lands in the session folder"
    );
    let mut again = spawn_local(t.path(), &args, 100, 30);
    again.wait_for("Entwurf wiederhergestellt");
    again.wait_for("Noch nicht gespeichert");
    again.send("\r");
    again.wait_for("Notizen (9)");
    again.send("q");
    assert!(again.wait_exit().success());
}
