//! End-to-end: the real binary in a pseudo-terminal, read back through a
//! vt100 parser. A facilitator and note-takers on one folder, notes from
//! another process, quitting and signals restoring the terminal.
mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct View {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl View {
    fn spawn(args: &[&str], cols: u16, rows: u16) -> View {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("runde"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RUNDE_NO_BELL", "1");
        let child = pair.slave.spawn_command(cmd).expect("spawn runde");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        View {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.contents();
            if text.contains(what) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(Instant::now() < deadline, "did not exit; screen:\n{}", self.contents());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn restored(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        !parser.screen().alternate_screen() && !parser.screen().hide_cursor()
    }
}

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
fn sigterm_restores_the_terminal() {
    let (_t, dir) = common::example_session();
    let mut view = View::spawn(&["note", p(&dir), "--board", "methods"], 80, 24);
    view.wait_for("Methoden & Formate");
    assert!(view.screen.lock().unwrap().screen().alternate_screen());
    let pid = view.child.process_id().expect("pid");
    std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .unwrap();
    view.wait_exit();
    assert!(view.restored(), "terminal restored after SIGTERM");
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
