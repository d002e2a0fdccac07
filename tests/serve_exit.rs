//! A guest's terminal is given back on every way out of an SSH view: `q`
//! in the group picker, `Esc` at the name prompt, `q` on a board, and the
//! server stopping. Each asserts on the raw bytes a russh client got over
//! loopback: after the last "enter the alternate screen" come "leave the
//! alternate screen", "show the cursor" and "reset attributes", before the
//! channel ends. Every wait is bounded; the server is killed by PID when a
//! test ends.
mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::Path;

use ssh::{Server, Term, WAIT};

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const RESTORE: [&[u8]; 3] = [b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[0m"];

fn start(dir: &Path) -> Server {
    Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), dir, &[], &[])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Waits for the channel to end and asserts the terminal was restored
/// after the last time it was switched to the alternate screen.
async fn assert_restored(term: &Term, how: &str) {
    assert!(term.ended_within(WAIT).await, "{how}: the channel did not end");
    let raw = term.raw();
    let entered = find(&raw, ENTER_ALT).unwrap_or_else(|| panic!("{how}: never entered the alternate screen"));
    let tail = &raw[entered..];
    for seq in RESTORE {
        assert!(
            find(tail, seq).is_some(),
            "{how}: {:?} missing at the end; last bytes: {:?}",
            String::from_utf8_lossy(seq),
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        );
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
