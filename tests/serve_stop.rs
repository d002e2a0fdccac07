//! Stopping a server with guests: `q` on the facilitator's view of
//! `facilitate --serve` asks first and names who is connected, Ctrl-C on
//! `runde serve` needs a second one within a few seconds and says so on
//! stderr. When the server stops, each guest's half-typed note is kept as
//! a draft, and their terminal gets a last line and is given back. The
//! question's words are checked on a TestBackend in both languages; the
//! rest end to end over loopback with a real server, russh clients and a
//! pty. Every wait is bounded; every process is killed by PID at the end.
mod common;
#[path = "common/openssh.rs"]
mod openssh;
#[path = "common/pty.rs"]
mod pty;
#[path = "common/ssh.rs"]
mod ssh;
#[path = "common/tui.rs"]
mod tui;

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use runde::app::join::Guests;
use ssh::{CODE, Term, WAIT};

/// The screen as one line of words (a dialog wraps its text).
fn flat(screen: &str) -> String {
    screen
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn key(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

fn esc() -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Esc,
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn q_asks_first_while_guests_are_connected_and_names_them() {
    for (lang, asked, yes) in [
        (
            "en",
            "4 note-takers are connected (Ana – Water, Ben, Cem, …): q again / y to stop the server, Esc to stay",
            'y',
        ),
        (
            "de",
            "4 Gäste sind verbunden (Ana – Water, Ben, Cem, …): q noch einmal / j beendet den Server, Esc bleibt",
            'j',
        ),
    ] {
        let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
        let guests = Guests::default();
        let view_with_guests = || {
            let mut view = runde::runtime::Runner::facilitator(runde::store::Session::open(&dir).unwrap(), None);
            view.config_mut().guests = Some(guests.clone());
            view
        };
        // Nobody connected and no timer: q quits at once, as before.
        let mut view = view_with_guests();
        view.handle_key(key('q'));
        assert!(view.quit(), "{lang}: q with no guest quits");

        for label in ["Ana – Water", "Ben", "Cem", "Dana"] {
            guests.join(label.into());
        }
        let gone = guests.join("Eve".into());
        guests.leave(gone);
        let mut view = view_with_guests();
        view.handle_key(key('q'));
        assert!(!view.quit(), "{lang}: q with guests asks first");
        let shown = flat(&tui::screen(&view, 100, 30));
        assert!(shown.contains(asked), "{lang}: {shown}");
        view.handle_key(esc());
        assert!(!view.quit(), "{lang}: Esc stays");
        assert!(
            !flat(&tui::screen(&view, 100, 30)).contains(asked),
            "{lang}: the question is gone"
        );
        view.handle_key(key('q'));
        view.handle_key(key('q'));
        assert!(view.quit(), "{lang}: q again quits");

        let mut view = view_with_guests();
        view.handle_key(key('q'));
        view.handle_key(key(yes));
        assert!(view.quit(), "{lang}: {yes} quits");
    }
}

/// A `runde serve` whose stdout and stderr are read line by line.
struct Serving {
    process: common::Bounded,
    addr: SocketAddr,
    stderr: common::Lines,
    _stdout: common::Lines,
}

fn serve(dir: &Path, state: &Path, config: &Path) -> Serving {
    let mut child = common::serve_command(dir, CODE, config, state)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runde serve starts");
    let stdout = common::Lines::new(child.stdout.take().unwrap());
    let stderr = common::Lines::new(child.stderr.take().unwrap());
    let process = common::Bounded::new(child, Duration::from_secs(120), "runde serve");
    let first = stdout.next_within(WAIT, "runde serve").unwrap_or_default();
    let addr = first
        .split_whitespace()
        .last()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    Serving {
        process,
        addr,
        stderr,
        _stdout: stdout,
    }
}

/// Sends SIGINT (Ctrl-C) to the server, by PID.
fn ctrl_c(server: &Serving) {
    let sent = Command::new("kill")
        .args(["-INT", &server.process.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
}

const LOCAL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_on_serve_asks_for_a_second_one_and_then_lets_guests_go_with_their_drafts() {
    for (lang, again, stopped) in [
        ("en", "Ctrl-C again", "the server was stopped"),
        ("de", "noch einmal", "Der Server wurde beendet"),
    ] {
        let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
        let home = tempfile::tempdir().unwrap();
        let (state, config) = (home.path().join("state"), home.path().join("config"));
        let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
        let board = plan.boards.iter().find(|b| b.id == "methods").expect("methods");
        let mut server = serve(&dir, &state, &config);
        let guest = Term::open(LOCAL, server.addr, "methods", (100, 30))
            .await
            .expect("logs in");
        assert!(guest.log_in_as("Ana", &board.title).await, "{}", guest.contents());
        guest.send(b"a").await;
        guest.send(b"half a thought").await;
        assert!(guest.shows("half a thought", WAIT).await, "{}", guest.contents());

        ctrl_c(&server);
        let said = server
            .stderr
            .next_within(WAIT, "runde serve's stderr")
            .unwrap_or_default();
        assert!(said.contains(again) && said.contains("Ana"), "{lang}: {said:?}");
        // Still served: what Ana types now shows, and is kept too.
        guest.send(b" and more").await;
        assert!(
            guest.shows("half a thought and more", WAIT).await,
            "{}",
            guest.contents()
        );

        ctrl_c(&server);
        assert!(guest.ended_within(WAIT).await, "{lang}: the guest was not let go");
        let raw = guest.raw();
        if let Some(why) = openssh::not_restored(&raw) {
            panic!("{lang}: {why}");
        }
        let last = String::from_utf8_lossy(&raw[openssh::rfind(&raw, b"\x1b[?1049l").unwrap()..]).into_owned();
        assert!(last.contains(stopped), "{lang}: last words {last:?}");
        assert!(server.process.wait_within(WAIT).success(), "{lang}: serve ends well");

        // The half-typed note comes back on the next server, same name.
        let server = serve(&dir, &state, &config);
        let again = Term::open(LOCAL, server.addr, "methods", (100, 30))
            .await
            .expect("logs in");
        assert!(again.log_in_as("Ana", &board.title).await, "{}", again.contents());
        assert!(
            again.shows("half a thought and more", WAIT).await,
            "{lang}: {}",
            again.contents()
        );
        drop(server);
    }
}

#[test]
fn one_ctrl_c_stops_a_server_nobody_is_connected_to() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let home = tempfile::tempdir().unwrap();
    let mut server = serve(&dir, &home.path().join("state"), &home.path().join("config"));
    ctrl_c(&server);
    assert!(server.process.wait_within(WAIT).success());
}

/// `ssh -p PORT join@HOST` in the facilitator's header: the server's address.
fn served_at(screen: &str) -> Option<SocketAddr> {
    let at = screen.find("ssh -p ")?;
    let words: Vec<&str> = screen[at..].split_whitespace().collect();
    let port: u16 = words.get(2)?.parse().ok()?;
    let host: IpAddr = words.get(3)?.split_once('@')?.1.parse().ok()?;
    Some(SocketAddr::new(host, port))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_on_facilitate_serve_asks_while_a_guest_is_connected_then_lets_them_go() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let home = tempfile::tempdir().unwrap();
    let (state, config) = (home.path().join("state"), home.path().join("config"));
    let env = [
        ("RUNDE_CONFIG", config.to_str().unwrap()),
        ("RUNDE_STATE_DIR", state.to_str().unwrap()),
    ];
    let mut facilitator = pty::View::spawn_with_env(
        Path::new(env!("CARGO_BIN_EXE_runde")),
        &[
            "facilitate",
            dir.to_str().unwrap(),
            "--serve",
            "--listen",
            "127.0.0.1:0",
            "--code",
            CODE,
        ],
        &env,
        140,
        40,
    );
    let header = facilitator.wait_for("ssh -p ");
    let addr = served_at(&header).unwrap_or_else(|| panic!("no join line:\n{header}"));
    let ana = Term::open(LOCAL, addr, "methods", (100, 30))
        .await
        .expect("Ana logs in");
    assert!(ana.log_in_as("Ana", "Methods").await, "{}", ana.contents());
    let ben = Term::open(LOCAL, addr, "join", (100, 30)).await.expect("Ben logs in");
    assert!(ben.log_in_as("Ben", "Choose").await, "{}", ben.contents());
    // Ben leaves by himself: only Ana is named.
    ben.send(b"q").await;
    assert!(ben.ended_within(WAIT).await);
    ana.send(b"a").await;
    ana.send(b"on its way").await;
    assert!(ana.shows("on its way", WAIT).await, "{}", ana.contents());

    facilitator.send("q");
    let asked = flat(&facilitator.wait_for("Esc to stay"));
    assert!(
        asked.contains("1 note-taker is connected (Ana – Methods & formats)"),
        "{asked}"
    );
    facilitator.send("\x1b");
    common::wait_until(
        WAIT,
        "the question closes",
        || !facilitator.contents().contains("Esc to stay"),
        || facilitator.contents(),
    );
    assert!(!ana.ended_within(Duration::from_millis(0)).await, "Esc kept the server");

    facilitator.send("q");
    facilitator.wait_for("Esc to stay");
    facilitator.send("q");
    assert!(ana.ended_within(WAIT).await, "Ana was not let go");
    let raw = ana.raw();
    if let Some(why) = openssh::not_restored(&raw) {
        panic!("{why}");
    }
    assert!(String::from_utf8_lossy(&raw).contains("the server was stopped"));
    let status = facilitator.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(facilitator.restored());
}

#[test]
fn with_openssh_a_stopped_server_leaves_the_guest_a_last_line_and_a_restored_terminal() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "de");
    let home = tempfile::tempdir().unwrap();
    let mut server = serve(&dir, &home.path().join("state"), &home.path().join("config"));
    let mut guest = openssh::Guest::ssh(server.addr, "methods", 100, 30);
    assert!(guest.type_code(CODE), "{}", guest.text_since(0));
    assert!(guest.shows("Dein Name", WAIT), "{}", guest.contents());
    guest.send(b"Ana\r");
    assert!(guest.shows("Methoden", WAIT), "{}", guest.contents());
    ctrl_c(&server);
    let said = server
        .stderr
        .next_within(WAIT, "runde serve's stderr")
        .unwrap_or_default();
    assert!(said.contains("Ana"), "{said:?}");
    ctrl_c(&server);
    let status = guest.exit_within(WAIT);
    if let Some(why) = openssh::not_restored(&guest.raw()) {
        panic!("ended with {status:?}: {why}");
    }
    assert!(
        guest.contents().contains("Der Server wurde beendet"),
        "{}",
        guest.contents()
    );
    assert_eq!(status, Some(0), "{}", guest.contents());
    assert!(server.process.wait_within(WAIT).success());
}
