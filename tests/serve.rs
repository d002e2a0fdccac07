//! `runde serve` end to end over loopback: a real server process, russh
//! clients, screens read through a vt100 parser. Every wait is bounded and
//! the server is killed by PID when a test ends.
mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, ChannelWriteHalf};

const CODE: &str = "424242";
const WAIT: Duration = Duration::from_secs(20);
/// The title of the note editor's box (the sessions here are English).
const EDITOR: &str = "┌ New note";

/// How long one server may live: longer than any test here takes (the
/// longest waits up to six times [`WAIT`] for 200 notes). Past it the server
/// is killed by PID, which ends every wait on it, and the test fails.
const SERVER_LIMIT: Duration = Duration::from_secs(300);

/// A `runde serve` child process, killed by PID when dropped or when it
/// outlives [`SERVER_LIMIT`].
struct Server {
    _process: common::Bounded,
    addr: SocketAddr,
    _config: tempfile::TempDir,
}

fn start_server(dir: &Path, extra: &[&str]) -> Server {
    start_server_with_env(dir, extra, &[])
}

fn start_server_with_env(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let config = tempfile::tempdir().unwrap();
    let mut child = common::serve_command(dir, CODE, config.path(), &config.path().join("state"))
        .args(extra)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The reader thread keeps reading, so the server never writes into a
    // closed pipe.
    let lines = common::Lines::new(child.stdout.take().unwrap());
    let process = common::Bounded::new(child, SERVER_LIMIT, "runde serve");
    let first = lines.next_within(WAIT, "runde serve").unwrap_or_default();
    let addr: SocketAddr = first
        .split_whitespace()
        .last()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    Server {
        _process: process,
        addr,
        _config: config,
    }
}

struct AcceptAny;

impl client::Handler for AcceptAny {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

async fn connect(addr: SocketAddr) -> Handle<AcceptAny> {
    let config = Arc::new(client::Config::default());
    tokio::time::timeout(WAIT, client::connect(config, addr, AcceptAny))
        .await
        .expect("connect in time")
        .expect("connect")
}

/// A logged-in terminal client: what it has been sent, parsed as a screen.
struct Client {
    _handle: Handle<AcceptAny>,
    write: ChannelWriteHalf<client::Msg>,
    screen: Arc<Mutex<vt100::Parser>>,
    closed: Arc<Mutex<bool>>,
}

impl Client {
    async fn open(addr: SocketAddr, user: &str, size: (u16, u16)) -> Client {
        let mut handle = connect(addr).await;
        let auth = handle.authenticate_password(user, CODE).await.unwrap();
        assert!(auth.success(), "the right code is accepted");
        let channel = handle.channel_open_session().await.unwrap();
        channel
            .request_pty(false, "xterm-256color", size.0.into(), size.1.into(), 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(false).await.unwrap();
        let (mut read, write) = channel.split();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(size.1), nz(size.0), 0)));
        let closed = Arc::new(Mutex::new(false));
        let (s, c) = (screen.clone(), closed.clone());
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => s.lock().unwrap().process(&data),
                    ChannelMsg::Close | ChannelMsg::Eof => break,
                    _ => {}
                }
            }
            *c.lock().unwrap() = true;
        });
        Client {
            _handle: handle,
            write,
            screen,
            closed,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    async fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < WAIT,
                "screen never showed {text:?}:\n{}",
                self.contents()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.contents().contains(text) {
            assert!(
                start.elapsed() < WAIT,
                "screen kept showing {text:?}:\n{}",
                self.contents()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn wait_closed(&self) {
        let start = Instant::now();
        while !*self.closed.lock().unwrap() {
            assert!(start.elapsed() < WAIT, "connection was not closed");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn send(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Types a name at the prompt and waits for the board.
    async fn log_in_as(&self, name: &str, board_title: &str) {
        self.wait_for("> ").await;
        self.send(format!("{name}\r").as_bytes()).await;
        self.wait_for(board_title).await;
    }

    /// Opens the editor and waits until it shows.
    async fn open_editor(&self) {
        self.send(b"a").await;
        self.wait_for(EDITOR).await;
    }

    /// Adds a note and waits until it shows.
    async fn add_note(&self, text: &str) {
        self.open_editor().await;
        self.send(text.as_bytes()).await;
        self.send(b"\r").await;
        self.wait_for(text).await;
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn session() -> (tempfile::TempDir, PathBuf) {
    common::new_session("kompetenznetzwerk", "en")
}

fn export_notes(dir: &Path) -> Vec<serde_json::Value> {
    let out = common::runde()
        .args(["export", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut notes = Vec::new();
    collect_notes(&json, &mut notes);
    notes
}

/// Every object with a "text" and an "id" anywhere in the export.
fn collect_notes(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Object(map) => {
            if map.contains_key("text") && map.contains_key("id") {
                out.push(v.clone());
            }
            map.values().for_each(|x| collect_notes(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| collect_notes(x, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn right_code_shows_the_board_and_q_closes_only_that_connection() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    let a = Client::open(server.addr, "methods", (100, 30)).await;
    let b = Client::open(server.addr, "methods", (100, 30)).await;
    a.log_in_as("Ana", "Methods & formats").await;
    b.log_in_as("Ben", "Methods & formats").await;
    a.add_note("first from Ana").await;
    b.wait_for("first from Ana").await;
    a.send(b"q").await;
    a.wait_closed().await;
    b.add_note("Ben still here").await;
    let notes = export_notes(&dir);
    let by_ana = notes
        .iter()
        .find(|n| n["text"] == "first from Ana")
        .expect("note exported");
    assert_eq!(by_ana["by"], "Ana", "the name typed at the prompt is the author");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_are_refused_and_three_close_the_connection() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    let mut handle = connect(server.addr).await;
    for _ in 0..2 {
        let auth = handle.authenticate_password("methods", "000000").await.unwrap();
        assert!(!auth.success());
    }
    let third = handle.authenticate_password("methods", "000000").await;
    assert!(!third.is_ok_and(|a| a.success()));
    let start = Instant::now();
    while !handle.is_closed() {
        assert!(start.elapsed() < WAIT, "still open after three wrong codes");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let after = handle.authenticate_password("methods", CODE).await;
    assert!(after.is_err() || !after.unwrap().success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_sftp_and_port_forwarding_are_refused() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    let mut handle = connect(server.addr).await;
    assert!(handle.authenticate_password("methods", CODE).await.unwrap().success());

    let mut exec = handle.channel_open_session().await.unwrap();
    exec.exec(true, "cat /etc/passwd").await.unwrap();
    assert_eq!(first_reply(&mut exec).await, Reply::Failure);

    let mut sftp = handle.channel_open_session().await;
    if let Ok(ch) = sftp.as_mut() {
        ch.request_subsystem(true, "sftp").await.unwrap();
        assert_eq!(first_reply(ch).await, Reply::Failure);
    }

    let direct = handle
        .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
        .await;
    assert!(direct.is_err(), "direct-tcpip refused");
    let forward = handle.tcpip_forward("127.0.0.1", 0).await;
    assert!(forward.is_err(), "remote forwarding refused");
}

#[derive(Debug, PartialEq)]
enum Reply {
    Success,
    Failure,
    Closed,
}

async fn first_reply(ch: &mut russh::Channel<client::Msg>) -> Reply {
    let wait = async {
        loop {
            match ch.wait().await {
                Some(ChannelMsg::Success) => return Reply::Success,
                Some(ChannelMsg::Failure) => return Reply::Failure,
                Some(ChannelMsg::Close) | None => return Reply::Closed,
                Some(_) => {}
            }
        }
    };
    tokio::time::timeout(WAIT, wait).await.expect("a reply in time")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_clients_adding_twenty_notes_each_make_two_hundred_notes() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    let mut tasks = Vec::new();
    for i in 0..10 {
        let addr = server.addr;
        tasks.push(tokio::spawn(async move {
            let c = Client::open(addr, "methods", (120, 60)).await;
            c.log_in_as(&format!("writer{i}"), "Methods & formats").await;
            for n in 0..20 {
                c.open_editor().await;
                c.send(format!("w{i}n{n}\r").as_bytes()).await;
                c.wait_gone(EDITOR).await;
            }
            c
        }));
    }
    let mut clients = Vec::new();
    for t in tasks {
        clients.push(t.await.unwrap());
    }
    let start = Instant::now();
    loop {
        let notes = export_notes(&dir);
        let ours = notes
            .iter()
            .filter(|n| n["text"].as_str().is_some_and(|t| t.starts_with('w')))
            .count();
        if ours == 200 {
            break;
        }
        assert!(ours < 200, "more notes than typed: {ours}");
        assert!(
            start.elapsed() < WAIT * 6,
            "only {ours} of 200 notes arrived; a writer's screen:\n{}",
            clients[0].contents()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(clients);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_change_lays_the_view_out_again() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    let c = Client::open(server.addr, "methods", (60, 20)).await;
    c.log_in_as("Ana", "Methods & formats").await;
    c.screen.lock().unwrap().set_size(nz(40), nz(140));
    c.write.window_change(140, 40, 0, 0).await.unwrap();
    c.send(b"\x0c").await;
    let start = Instant::now();
    loop {
        let wide = c.contents().lines().any(|l| l.trim_end().chars().count() > 60);
        if wide {
            break;
        }
        assert!(start.elapsed() < WAIT, "never re-laid out:\n{}", c.contents());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_client_gets_its_draft_back_on_reconnect() {
    let (_tmp, dir) = session();
    let state = tempfile::tempdir().unwrap();
    let server = start_server_with_env(&dir, &[], &[("RUNDE_STATE_DIR", state.path().to_str().unwrap())]);
    let c = Client::open(server.addr, "methods", (100, 30)).await;
    c.log_in_as("Ana", "Methods & formats").await;
    c.open_editor().await;
    c.send(b"half a thought").await;
    c.wait_for("half a thought").await;
    // The laptop lid closes: the TCP connection goes away without a goodbye.
    drop(c);
    // The server ends that view, which frees its drafts for the next one.
    let start = Instant::now();
    while !drafts_free(state.path()) {
        assert!(start.elapsed() < WAIT, "the dropped view still holds its drafts");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let again = Client::open(server.addr, "methods", (100, 30)).await;
    again.log_in_as("Ana", "Methods & formats").await;
    again.wait_for("half a thought").await;
}

/// True when no view holds a drafts slot under `state` (every slot's lock
/// can be taken; it is given back at once).
fn drafts_free(state: &Path) -> bool {
    fn locks(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                locks(&path, out);
            } else if path.file_name().is_some_and(|n| n == "lock") {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    locks(state, &mut all);
    assert!(!all.is_empty(), "no drafts slot under {}", state.display());
    all.iter()
        .all(|lock| std::fs::File::open(lock).is_ok_and(|f| runde::store::presence::try_lock(&f).unwrap_or(false)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_projector_cannot_write() {
    let (_tmp, dir) = session();
    common::add(&dir, "methods", "seen on the projector", &[]);
    for _ in 0..3 {
        common::runde()
            .args(["phase", dir.to_str().unwrap(), "next"])
            .assert()
            .success();
    }
    let before = common::snapshot_files(&dir.join("log"));
    let server = start_server(&dir, &[]);
    let p = Client::open(server.addr, "projector", (160, 45)).await;
    p.wait_for("seen on the projector").await;
    // Timer, phase, broadcast, ack, copy: every facilitator key that writes.
    for key in [" ", "S", "P", "+", "-", "r", "n", "N", "b", "k", "c", "x"] {
        p.send(key.as_bytes()).await;
        p.send(b"hello\r\x1b").await;
    }
    // Keys are handled in order: once `?` shows the help, every key above
    // has been handled.
    p.send(b"?").await;
    p.wait_for("┌ Keys").await;
    assert_eq!(common::snapshot_files(&dir.join("log")), before, "the projector wrote");
    let writer = Client::open(server.addr, "methods", (100, 30)).await;
    writer.log_in_as("Ana", "Methods & formats").await;
    writer.add_note("live on the projector").await;
    p.send(b"\x1b").await;
    p.wait_for("live on the projector").await;
    // Long after the projector's keys: the writer's one event is all that
    // was added (a write the projector handed on late would show here).
    let added = common::events_added(&dir, &before);
    assert_eq!(added.len(), 1, "{added:#?}");
    assert!(added[0].contains("live on the projector"), "{added:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_does_not_hold_up_the_others() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &[]);
    // A client that logs in and then never reads what it is sent.
    let mut stalled = connect(server.addr).await;
    assert!(stalled.authenticate_password("methods", CODE).await.unwrap().success());
    let ch = stalled.channel_open_session().await.unwrap();
    ch.request_pty(false, "xterm", 200, 60, 0, 0, &[]).await.unwrap();
    ch.request_shell(false).await.unwrap();
    ch.data_bytes(b"Stalled\r".to_vec()).await.unwrap();
    let c = Client::open(server.addr, "methods", (100, 30)).await;
    c.log_in_as("Ana", "Methods & formats").await;
    for n in 0..40 {
        c.add_note(&format!("note {n} while one client sleeps")).await;
    }
    drop(ch);
}

/// A client that keeps the authentication banner the server sends.
#[derive(Clone, Default)]
struct KeepBanner(Arc<Mutex<String>>);

impl client::Handler for KeepBanner {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn auth_banner(&mut self, banner: &str, _session: &mut client::Session) -> Result<(), Self::Error> {
        self.0.lock().unwrap().push_str(banner);
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_past_max_is_told_the_server_is_full() {
    let (_tmp, dir) = session();
    let server = start_server(&dir, &["--max", "1"]);
    let first = Client::open(server.addr, "methods", (100, 30)).await;
    first.log_in_as("Ana", "Methods & formats").await;

    let banner = KeepBanner::default();
    let mut second = tokio::time::timeout(
        WAIT,
        client::connect(Arc::new(client::Config::default()), server.addr, banner.clone()),
    )
    .await
    .expect("connect in time")
    .expect("the handshake still happens");
    let auth = tokio::time::timeout(WAIT, second.authenticate_password("methods", CODE))
        .await
        .expect("an answer in time");
    assert!(!auth.is_ok_and(|a| a.success()), "no place, no entry");
    let told = banner.0.lock().unwrap().clone();
    assert!(told.contains("full") && told.contains('1'), "banner: {told:?}");

    first.send(b"q").await;
    first.wait_closed().await;
    let start = Instant::now();
    loop {
        let mut again = connect(server.addr).await;
        if again
            .authenticate_password("methods", CODE)
            .await
            .is_ok_and(|a| a.success())
        {
            break;
        }
        assert!(start.elapsed() < WAIT, "the freed place is never given out again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_connection_is_closed_after_the_idle_limit() {
    let (_tmp, dir) = session();
    let server = start_server_with_env(&dir, &[], &[("RUNDE_SERVE_IDLE_SECS", "2")]);
    let idle = Client::open(server.addr, "methods", (100, 30)).await;
    idle.log_in_as("Ana", "Methods & formats").await;
    idle.wait_closed().await;
    let next = Client::open(server.addr, "methods", (100, 30)).await;
    next.log_in_as("Ben", "Methods & formats").await;
}

fn test_key(seed: u8) -> russh::keys::PrivateKey {
    russh::keys::PrivateKey::from(russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&[seed; 32]))
}

async fn key_accepted(addr: SocketAddr, key: russh::keys::PrivateKey) -> bool {
    let mut handle = connect(addr).await;
    let key = russh::keys::PrivateKeyWithHashAlg::new(Arc::new(key), None);
    handle
        .authenticate_publickey("methods", key)
        .await
        .is_ok_and(|a| a.success())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_allowed_key_joins_without_the_code_and_other_keys_do_not() {
    let (tmp, dir) = session();
    let allowed = test_key(7);
    let keys_file = tmp.path().join("allowed_keys");
    let line = allowed.public_key().to_openssh().unwrap();
    std::fs::write(&keys_file, format!("# the facilitator's laptop\n{line}\n")).unwrap();
    let server = start_server(&dir, &["--authorized-keys", keys_file.to_str().unwrap()]);
    assert!(key_accepted(server.addr, allowed).await, "the listed key is let in");
    assert!(
        !key_accepted(server.addr, test_key(8)).await,
        "an unlisted key is refused"
    );

    let without = start_server(&dir, &[]);
    assert!(
        !key_accepted(without.addr, test_key(7)).await,
        "no keys file, no key login"
    );
}
