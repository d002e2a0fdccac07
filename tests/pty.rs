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
        &[("RUNDE_DEBUG_PANIC", "1")],
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
