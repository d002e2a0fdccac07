//! The join code cannot be used to lock people out, end to end over
//! loopback: a real `runde serve`, russh clients bound to source addresses
//! 127.0.0.x. Logins in progress never hold `--max` places, are capped per
//! source and given back when their client goes or takes too long; wrong
//! codes block their source, not others; a full server says it is full.
//! Every wait is bounded and the server is killed by PID when a test ends.
mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ssh::{CODE, Hammer, Server, Term, WAIT};

fn start(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    Server::start(Path::new(env!("CARGO_BIN_EXE_runde")), dir, extra, env)
}

fn session() -> (tempfile::TempDir, PathBuf) {
    common::new_session("kompetenznetzwerk", "en")
}

fn addr(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_holder_joins_while_ten_addresses_hammer_wrong_codes() {
    let (_tmp, dir) = session();
    let server = start(&dir, &["--max", "3"], &[]);
    let sources: Vec<IpAddr> = (2..=11).map(addr).collect();
    // Three impatient clients per address, at most 20,000 connections.
    let hammer = Hammer::start(server.addr, &sources, 3, 20_000);
    let started = Instant::now();
    while hammer.stats.codes.load(std::sync::atomic::Ordering::SeqCst) < 30 {
        assert!(started.elapsed() < WAIT, "the hammer never got going");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Every `--max` place is for people with the code, one after another.
    let mut joined = Vec::new();
    for (i, name) in ["Ana", "Ben", "Cem"].iter().enumerate() {
        let asked = Instant::now();
        let term = Term::open(addr(1), server.addr, "methods", (100, 30))
            .await
            .unwrap_or_else(|e| panic!("{name} cannot join during the hammer: {e}"));
        assert!(term.log_in_as(name, "Methods & formats").await, "{name} sees the board");
        eprintln!("code-holder {i} joined in {:?}", asked.elapsed());
        joined.push(term);
    }
    let stats = &hammer.stats;
    let codes = stats.codes.load(std::sync::atomic::Ordering::SeqCst);
    let refused = stats.refused.load(std::sync::atomic::Ordering::SeqCst);
    eprintln!("hammer: {codes} wrong codes answered, {refused} connections refused");
    hammer.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_in_progress_do_not_hold_max_places() {
    let (_tmp, dir) = session();
    let server = start(&dir, &["--max", "1"], &[]);
    let mut waiting = Vec::new();
    for last in 20..25 {
        let (handle, _) = ssh::ssh_from(addr(last), server.addr).await.expect("handshake");
        waiting.push(handle);
    }
    let term = Term::open(addr(1), server.addr, "methods", (100, 30))
        .await
        .expect("the one place is free for the code-holder");
    assert!(term.log_in_as("Ana", "Methods & formats").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_with_strikes_is_capped_and_its_places_come_back_when_its_clients_go() {
    let (_tmp, dir) = session();
    let server = start(&dir, &[], &[]);
    let me = addr(30);
    let (mut first, _) = ssh::ssh_from(me, server.addr).await.expect("handshake");
    let wrong = first
        .authenticate_password("methods", "000000")
        .await
        .expect("an answer");
    assert!(!wrong.success());
    // The strike blocks the address for a moment; then it may start two logins.
    let second = connect_when_admitted(me, &server).await;
    let third = ssh::ssh_from(me, server.addr).await;
    assert!(
        third.is_err(),
        "a third login in progress from a source with strikes is refused"
    );
    let other = ssh::ssh_from(addr(31), server.addr).await;
    assert!(other.is_ok(), "other addresses are not limited by it");
    drop(first);
    drop(second);
    // Places come back when the clients go (the server notices the close):
    // two at once again.
    let _a = connect_when_admitted(me, &server).await;
    let _b = connect_when_admitted(me, &server).await;
}

/// Connects from `me` until the server lets the login start (bounded).
async fn connect_when_admitted(me: IpAddr, server: &Server) -> russh::client::Handle<ssh::Heard> {
    let start = Instant::now();
    loop {
        if let Ok((handle, _)) = ssh::ssh_from(me, server.addr).await {
            return handle;
        }
        assert!(start.elapsed() < WAIT, "{me} is never let in again");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_blocks_its_source_only_and_nothing_waits_on_the_connection() {
    let (_tmp, dir) = session();
    let server = start(&dir, &[], &[]);
    let (mut bad, _) = ssh::ssh_from(addr(40), server.addr).await.expect("handshake");
    let asked = Instant::now();
    assert!(!bad.authenticate_password("methods", "000000").await.unwrap().success());
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "a wrong code is answered at once, not after a penalty sleep: {:?}",
        asked.elapsed()
    );
    // The same address typing the right code at once is not let in yet…
    let right = bad.authenticate_password("methods", CODE).await;
    assert!(
        !right.is_ok_and(|a| a.success()),
        "a blocked source's code is not checked"
    );
    // …while another address is.
    let term = Term::open(addr(41), server.addr, "methods", (100, 30)).await;
    assert!(term.is_ok(), "another address joins: {:?}", term.err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_that_takes_too_long_is_closed() {
    let (_tmp, dir) = session();
    let server = start(&dir, &[], &[("RUNDE_SERVE_GRACE_SECS", "1")]);
    let (handle, _) = ssh::ssh_from(addr(50), server.addr).await.expect("handshake");
    assert!(
        ssh::closed_within(&handle, WAIT).await,
        "a login never finished is closed"
    );
    // A client that never even says hello is closed too.
    let mut silent = ssh::tcp_from(addr(51), server.addr).await.expect("tcp");
    let mut buf = vec![0u8; 4096];
    let closed = tokio::time::timeout(WAIT, async {
        loop {
            match tokio::io::AsyncReadExt::read(&mut silent, &mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "a silent client is closed after the grace time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_says_it_is_full_whenever_it_finds_out() {
    let (_tmp, dir) = session();
    let server = start(&dir, &["--max", "1"], &[]);
    // Ben starts to log in first; Ana logs in before he types the code.
    let (mut ben, ben_heard) = ssh::ssh_from(addr(60), server.addr).await.expect("handshake");
    let ana = Term::open(addr(61), server.addr, "methods", (100, 30))
        .await
        .expect("Ana joins");
    assert!(ana.log_in_as("Ana", "Methods & formats").await);
    let _ = ben.authenticate_password("methods", CODE).await;
    assert!(ssh::closed_within(&ben, WAIT).await, "no place, no session");
    let reason = ben_heard.reason_within(WAIT).await;
    assert!(reason.contains("full") && reason.contains('1'), "told why: {reason:?}");

    // Someone arriving later is told before being asked for anything.
    let (mut cem, cem_heard) = ssh::ssh_from(addr(62), server.addr).await.expect("handshake");
    let answer = cem.authenticate_password("methods", CODE).await;
    assert!(!answer.is_ok_and(|a| a.success()));
    assert!(ssh::closed_within(&cem, WAIT).await);
    // The banner always says so (OpenSSH prints it); the disconnect reason
    // that follows it may lose the race against the client hanging up.
    assert!(cem_heard.banner.lock().unwrap().contains("full"));
    let reason = cem_heard.reason_within(WAIT).await;
    assert!(
        reason.is_empty() || reason.contains("full"),
        "disconnect reason: {reason:?}"
    );
    assert!(!reason.contains("authentication attempts"), "{reason:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_with_controls_and_direction_overrides_is_stored_clean() {
    let (_tmp, dir) = session();
    let server = start(&dir, &[], &[]);
    let term = Term::open(addr(1), server.addr, "methods", (100, 30))
        .await
        .expect("joins");
    assert!(term.shows("> ", WAIT).await);
    // Pasted, so that no byte of it is taken for a key.
    term.send("\x1b[200~\u{202E}An\u{2066}a\u{7}\u{200F} \t Ko\x1b[201~\r".as_bytes())
        .await;
    assert!(term.shows("Methods & formats", WAIT).await, "{}", term.contents());
    term.send(b"a").await;
    assert!(term.shows("New note", WAIT).await, "{}", term.contents());
    term.send(b"hello from a clean name\r").await;
    assert!(term.shows("hello from a clean name", WAIT).await);
    let out = common::runde()
        .args(["export", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("\"by\": \"Ana Ko\""), "{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_sources_impatient_clients_wait_instead_of_flooding() {
    let (_tmp, dir) = session();
    let server = start(&dir, &[], &[]);
    // Three clients from one address that reconnect at once when refused.
    let hammer = Hammer::start(server.addr, &[addr(70)], 3, 100_000);
    let started = Instant::now();
    while hammer.stats.codes.load(std::sync::atomic::Ordering::SeqCst) < 1 {
        assert!(started.elapsed() < WAIT, "the hammer never got going");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The source is blocked now; count its connections over two seconds.
    let connects = || hammer.stats.connects.load(std::sync::atomic::Ordering::SeqCst);
    let before = connects();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let made = connects() - before;
    hammer.stop().await;
    // Closed at once, they reconnect thousands of times a second; held
    // until the block ends, a few times.
    assert!(made < 200, "{made} connections in 2 s from one blocked address");
}
