//! What a guest on SSH may do, over loopback with a real `runde serve`:
//! the key findings are the facilitator's, so a guest's group picker does
//! not offer them and a guest who reaches them by user name
//! (`findings@host`) is told so and writes nothing. Every wait is bounded
//! and the server is killed by PID when a test ends.
mod common;
#[path = "common/openssh.rs"]
mod openssh;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::Path;

use runde::model::BoardKind;
use ssh::{Server, Term, WAIT};

fn start(dir: &Path) -> Server {
    Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), dir, &[], &[])
}

async fn open(server: &Server, user: &str) -> Term {
    Term::open(IpAddr::from([127, 0, 0, 1]), server.addr, user, (120, 36))
        .await
        .expect("logs in")
}

/// A session in the plenary: the phase that holds the key findings.
fn plenary(lang: &str) -> (tempfile::TempDir, std::path::PathBuf, runde::model::Plan) {
    let (tmp, dir) = common::new_session("kompetenznetzwerk", lang);
    let plan = runde::store::Session::open(&dir).unwrap().plan().clone();
    let findings = plan
        .boards
        .iter()
        .find(|b| b.kind == BoardKind::Findings)
        .expect("findings");
    let phase = plan
        .agenda
        .iter()
        .find(|p| p.boards.contains(&findings.id))
        .expect("a plenary phase");
    common::runde()
        .args(["phase", dir.to_str().unwrap(), &phase.id])
        .assert()
        .success();
    (tmp, dir, plan)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picker_offers_a_guest_no_findings_board_in_the_plenary() {
    for (lang, choose) in [("en", "Choose"), ("de", "Tafel wählen")] {
        let (_tmp, dir, plan) = plenary(lang);
        let server = start(&dir);
        let term = open(&server, "join").await;
        assert!(term.log_in_as("Ana", choose).await, "{}", term.contents());
        let groups: Vec<_> = plan.boards.iter().filter(|b| b.kind == BoardKind::Workshop).collect();
        for group in &groups {
            assert!(term.shows(&group.title, WAIT).await, "{lang}: {}", term.contents());
        }
        let screen = term.contents();
        for findings in plan.boards.iter().filter(|b| b.kind == BoardKind::Findings) {
            assert!(
                !screen.contains(&findings.title),
                "{lang}: offers {:?}:\n{screen}",
                findings.title
            );
            assert!(!screen.contains(&format!("({})", findings.id)), "{lang}:\n{screen}");
        }
        drop(server);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_on_the_findings_board_by_user_name_is_refused_and_writes_nothing() {
    for (lang, refused) in [("en", "read only here"), ("de", "hier nur lesen")] {
        let (_tmp, dir, plan) = plenary(lang);
        let findings = plan.boards.iter().find(|b| b.kind == BoardKind::Findings).unwrap();
        let before = common::snapshot_files(&dir.join("log"));
        let server = start(&dir);
        let term = open(&server, &findings.id).await;
        assert!(term.log_in_as("Mallory", &findings.title).await, "{}", term.contents());
        // Adding is refused with words, and no editor opens.
        term.send(b"a").await;
        assert!(term.shows(refused, WAIT).await, "{lang}: {}", term.contents());
        // Text typed now goes nowhere (no editor is open).
        term.send(b"a").await;
        term.send(b"Enter on findings\r").await;
        // Keys are handled in order: once q ended the view, all above were.
        term.send(b"q").await;
        assert!(
            term.ended_within(WAIT).await,
            "{lang}: q did not end the view:\n{}",
            term.contents()
        );
        assert!(
            !term.contents().contains("Enter on findings"),
            "{lang}: {}",
            term.contents()
        );
        let added = common::events_added(&dir, &before);
        assert!(added.is_empty(), "{lang}: a guest wrote on the findings: {added:#?}");
        drop(server);
    }
}

/// Types `code` at the next join code prompt after byte `from`; the
/// number of bytes seen before it was typed.
fn type_code_after(guest: &mut openssh::Guest, from: usize, code: &str) -> usize {
    assert!(
        guest.saw_since(from, "code:", WAIT),
        "no prompt: {}",
        guest.text_since(0)
    );
    let at = guest.raw().len();
    guest.send(format!("{code}\r").as_bytes());
    at
}

#[test]
fn a_wrong_code_is_told_with_the_attempts_left_and_asked_again() {
    for (lang, wrong, name) in [
        ("en", "Wrong code. 2 attempts left.", "Your name"),
        ("de", "Falscher Code. Noch 2 Versuche.", "Dein Name"),
    ] {
        let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
        let server = start(&dir);
        let mut guest = openssh::Guest::ssh(server.addr, "join", 100, 30);
        let at = type_code_after(&mut guest, 0, "000000");
        assert!(guest.saw_since(at, wrong, WAIT), "{lang}: {}", guest.text_since(0));
        // A wrong code blocks its source for a moment (see serve::guard);
        // a person reading the message takes longer than that.
        std::thread::sleep(runde::serve::guard::block_for(1));
        type_code_after(&mut guest, at, ssh::CODE);
        assert!(
            guest.shows(name, WAIT),
            "{lang}: the right code then works: {}",
            guest.contents()
        );
        drop(server);
    }
}

#[test]
fn the_last_wrong_code_says_no_attempts_are_left_and_ends_the_connection() {
    for (lang, last) in [("en", "No attempts left"), ("de", "Keine Versuche mehr")] {
        let (_tmp, dir) = common::new_session("kompetenznetzwerk", lang);
        let server = start(&dir);
        let mut guest = openssh::Guest::ssh(server.addr, "methods", 100, 30);
        let mut from = 0;
        for _ in 0..3 {
            from = type_code_after(&mut guest, from, "000000");
        }
        assert!(guest.saw_since(from, last, WAIT), "{lang}: {}", guest.text_since(0));
        let status = guest.exit_within(WAIT);
        assert!(status.is_some_and(|s| s != 0), "{lang}: {status:?}");
        drop(server);
    }
}
