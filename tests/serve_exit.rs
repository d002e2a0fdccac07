//! A guest's terminal is given back on every way out of an SSH view: `q`
//! in the group picker, `Esc` at the name prompt, `q` and Ctrl-D on a
//! board. Asserted on the raw bytes a client's terminal got over loopback,
//! with a russh client and with the plain OpenSSH client in a pty (which
//! exits on a disconnect without writing out what it still holds): after
//! the last "enter the alternate screen" come "leave the alternate screen",
//! "show the cursor" and "reset attributes". Every wait is bounded; the
//! server and every client are killed by PID when a test ends.
mod common;
#[path = "common/openssh.rs"]
mod openssh;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::Path;

use openssh::{Guest, not_restored};
use ssh::{CODE, Server, Term, WAIT};

fn start(dir: &Path) -> Server {
    Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), dir, &[], &[])
}

/// Waits for the channel to end and asserts the terminal was restored.
async fn assert_restored(term: &Term, how: &str) {
    assert!(term.ended_within(WAIT).await, "{how}: the channel did not end");
    if let Some(why) = not_restored(&term.raw()) {
        panic!("{how}: {why}");
    }
}

async fn open(server: &Server, user: &str) -> Term {
    Term::open(IpAddr::from([127, 0, 0, 1]), server.addr, user, (100, 30))
        .await
        .expect("logs in")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_in_the_group_picker_restores_the_terminal() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let server = start(&dir);
    let term = open(&server, "join").await;
    assert!(term.log_in_as("Ana", "Choose").await, "{}", term.contents());
    term.send(b"q").await;
    assert_restored(&term, "q in the picker").await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_at_the_name_prompt_restores_the_terminal() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "de");
    let server = start(&dir);
    let term = open(&server, "join").await;
    assert!(term.shows("> ", WAIT).await, "{}", term.contents());
    term.send(b"\x1b").await;
    assert_restored(&term, "Esc at the name prompt").await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_on_a_board_restores_the_terminal() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let server = start(&dir);
    let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
    let board = plan.boards.first().expect("a board");
    let term = open(&server, &board.id).await;
    assert!(term.log_in_as("Ana", &board.title).await, "{}", term.contents());
    term.send(b"q").await;
    assert_restored(&term, "q on a board").await;
    drop(server);
}

/// One way out, with OpenSSH: log in as `user`, type `keys` one after the
/// other (each after `wait_for` showed), and see the terminal given back
/// and ssh end with status 0.
fn openssh_leaves(lang: &str, user: &str, steps: &[(&str, &[u8])], how: &str) {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
    let server = start(&dir);
    let mut guest = Guest::ssh(server.addr, user, 100, 30);
    assert!(guest.type_code(CODE), "{how}: no code prompt: {}", guest.text_since(0));
    for (wait_for, keys) in steps {
        assert!(
            guest.shows(wait_for, WAIT),
            "{how}: never showed {wait_for:?}: {}",
            guest.contents()
        );
        guest.send(keys);
    }
    let status = guest.exit_within(WAIT);
    if let Some(why) = not_restored(&guest.raw()) {
        panic!("{how} (OpenSSH, ended with {status:?}): {why}");
    }
    assert_eq!(
        status,
        Some(0),
        "{how}: ssh ended with {status:?}: {}",
        guest.contents()
    );
    drop(server);
}

#[test]
fn with_openssh_q_in_the_picker_restores_the_terminal() {
    openssh_leaves("en", "join", &[("> ", b"Ana\r"), ("Choose", b"q")], "q in the picker");
}

#[test]
fn with_openssh_esc_at_the_name_prompt_restores_the_terminal() {
    openssh_leaves("de", "join", &[("> ", b"\x1b")], "Esc at the name prompt");
}

#[test]
fn with_openssh_q_and_ctrl_d_on_a_board_restore_the_terminal() {
    openssh_leaves("en", "methods", &[("> ", b"Ana\r"), ("Methods", b"q")], "q on a board");
    openssh_leaves(
        "de",
        "methods",
        &[("> ", b"Ana\r"), ("Methoden", b"\x04")],
        "Ctrl-D on a board",
    );
}
