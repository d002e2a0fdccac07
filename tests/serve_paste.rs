//! A paste over SSH is never cut silently, end to end over loopback: a
//! real `runde serve`, a russh client that pastes (bracketed) into a new
//! note. Past the note limit the editor takes what fits, says so, and keeps
//! the rest as a draft; past what a connection keeps at all
//! (`MAX_HELD_PASTE`) it also says how many bytes did not arrive. Every
//! wait is bounded and the server is killed by PID when a test ends.
mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use runde::serve::input::MAX_HELD_PASTE;
use ssh::{Server, Term, WAIT};

/// Pasting and drawing a long note takes a while in a debug build.
const SLOW: Duration = Duration::from_secs(60);

/// About `len` bytes of text in lines of words, some multi-byte.
fn text_of(len: usize) -> String {
    const WORDS: &[&str] = &["Vertrauen", "braucht", "Zeit", "Grüße", "€", "naïve", "x"];
    let mut out = String::with_capacity(len + 16);
    let mut i = 0usize;
    while out.len() < len {
        out.push_str(WORDS[i % WORDS.len()]);
        out.push(if i % 13 == 12 { '\n' } else { ' ' });
        i += 1;
    }
    out.truncate(len);
    out
}

/// Every draft's text below `state`.
fn drafts(state: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![state.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
                // The slot's owner file has no text.
                if let Some(text) = json["text"].as_str() {
                    found.push(text.to_string());
                }
            }
        }
    }
    found
}

fn live_notes(dir: &Path) -> Vec<String> {
    let session = runde::store::Session::open(dir).unwrap();
    session.state().live_notes().map(|n| n.text.clone()).collect()
}

/// Opens a new note on `term` and pastes `text` into it.
async fn paste_into_new_note(term: &Term, text: &str) {
    term.send(b"a").await;
    assert!(term.shows("New note", WAIT).await, "{}", term.contents());
    let mut bytes = b"\x1b[200~".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(b"\x1b[201~");
    for piece in bytes.chunks(32 * 1024) {
        term.send(piece).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_longer_than_a_note_is_kept_as_a_note_and_a_draft_and_the_screen_says_so() {
    let (_tmp, dir) = common::new_session("kompetenznetzwerk", "en");
    let before = live_notes(&dir);
    let server = Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), &dir, &[], &[]);
    let term = Term::open(IpAddr::from([127, 0, 0, 1]), server.addr, "methods", (200, 40))
        .await
        .expect("joins");
    assert!(term.log_in_as("Ana", "Methods & formats").await);

    // 1 MB: longer than a note, shorter than what a connection keeps.
    let pasted = text_of(1_000_000);
    paste_into_new_note(&term, &pasted).await;
    assert!(term.shows("Note full", SLOW).await, "{}", term.contents());
    assert!(term.shows("the rest is a draft", WAIT).await, "{}", term.contents());
    term.send(b"\r").await;
    assert!(term.shows("saved", SLOW).await, "{}", term.contents());
    let added: Vec<String> = live_notes(&dir).into_iter().filter(|t| !before.contains(t)).collect();
    assert_eq!(added.len(), 1);
    let note = &added[0];
    let rests = drafts(&server.state_dir());
    assert_eq!(rests.len(), 1, "the rest is one draft");
    let rest = &rests[0];
    assert!(
        pasted == format!("{note}{rest}") || pasted == format!("{note}\n{rest}"),
        "note ({} bytes) and draft ({} bytes) hold the paste ({} bytes)",
        note.len(),
        rest.len(),
        pasted.len()
    );

    // Past what a connection keeps: the screen also says how much is lost.
    let too_long = text_of(MAX_HELD_PASTE + 5_000);
    paste_into_new_note(&term, &too_long).await;
    assert!(term.shows("did not arrive", SLOW).await, "{}", term.contents());
    assert!(term.contents().contains("5,000 bytes"), "{}", term.contents());
}
