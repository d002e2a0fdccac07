//! SSH benchmark: `cargo run --release --example serve_bench` (`-- --quick`
//! for 5 clients). Starts `runde serve` on loopback, connects N note-takers
//! and a projector with russh clients and measures: key→screen latency at
//! the client, propagation of a saved note to every other screen, idle CPU
//! and wake-ups with N idle connections and four timers running, and RSS
//! per extra connection. Loopback only; everything it starts it kills.
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::sync::Notify;

const CODE: &str = "424242";
const WAIT: Duration = Duration::from_secs(30);

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct AcceptAny;

impl client::Handler for AcceptAny {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What a client waits to see, and when it started waiting.
#[derive(Default)]
struct Expect {
    text: Option<String>,
    since: Option<Instant>,
    seen_after: Option<Duration>,
}

struct Client {
    _handle: Handle<AcceptAny>,
    write: ChannelWriteHalf<client::Msg>,
    screen: Arc<Mutex<vt100::Parser>>,
    expect: Arc<Mutex<Expect>>,
    seen: Arc<Notify>,
}

impl Client {
    async fn open(addr: SocketAddr, user: &str) -> Client {
        let config = Arc::new(client::Config {
            nodelay: true,
            ..Default::default()
        });
        let mut handle = client::connect(config, addr, AcceptAny).await.expect("connect");
        assert!(handle.authenticate_password(user, CODE).await.expect("auth").success());
        let channel = handle.channel_open_session().await.expect("channel");
        channel
            .request_pty(false, "xterm-256color", 120, 40, 0, 0, &[])
            .await
            .expect("pty");
        channel.request_shell(false).await.expect("shell");
        let (mut read, write) = channel.split();
        let nz = |n| std::num::NonZeroU16::new(n).expect("size");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(40), nz(120), 0)));
        let expect = Arc::new(Mutex::new(Expect::default()));
        let seen = Arc::new(Notify::new());
        let (s, e, n) = (screen.clone(), expect.clone(), seen.clone());
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                if let ChannelMsg::Data { data } = msg {
                    let mut screen = s.lock().expect("screen");
                    screen.process(&data);
                    let mut e = e.lock().expect("expect");
                    if let (Some(text), Some(since)) = (&e.text, e.since) {
                        if screen.screen().contents().contains(text.as_str()) {
                            e.seen_after = Some(since.elapsed());
                            e.text = None;
                            n.notify_one();
                        }
                    }
                }
            }
        });
        Client {
            _handle: handle,
            write,
            screen,
            expect,
            seen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    async fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(start.elapsed() < WAIT, "never saw {text:?}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn arm(&self, text: &str, since: Instant) {
        let mut e = self.expect.lock().expect("expect");
        e.text = Some(text.to_string());
        e.since = Some(since);
        e.seen_after = None;
    }

    async fn seen(&self) -> Duration {
        let start = Instant::now();
        loop {
            if let Some(d) = self.expect.lock().expect("expect").seen_after {
                return d;
            }
            assert!(start.elapsed() < WAIT, "never saw the expected text");
            let _ = tokio::time::timeout(Duration::from_millis(50), self.seen.notified()).await;
        }
    }

    async fn send(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.expect("send");
    }
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.parent().and_then(Path::parent).expect("target dir").join("runde")
}

fn runde(args: &[&str]) {
    let ok = Command::new(binary())
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("runde");
    assert!(ok.success(), "runde {args:?} failed");
}

fn start_server(dir: &Path, config: &Path) -> (Server, SocketAddr, u32) {
    let mut child = Command::new(binary())
        .args([
            "serve",
            dir.to_str().expect("utf-8"),
            "--listen",
            "127.0.0.1:0",
            "--code",
            CODE,
        ])
        .args(["--max", "64"])
        .env("RUNDE_CONFIG", config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server");
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    lines.read_line(&mut first).expect("banner");
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
    let addr = first
        .split_whitespace()
        .last()
        .and_then(|a| a.parse().ok())
        .expect("address");
    (Server(child), addr, pid)
}

/// CPU ticks (user + system) and voluntary + involuntary context switches of all threads.
fn cpu_and_switches(pid: u32) -> (u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = fields.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    let mut switches = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        for line in status.lines().filter(|l| l.contains("ctxt_switches")) {
            switches += line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    (ticks, switches)
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n: usize = if quick { 5 } else { 30 };
    let keys_each = if quick { 10 } else { 30 };
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("s");
    let d = dir.to_str().expect("utf-8");
    runde(&["new", d, "--lang", "en", "--date", "2021-10-05"]);
    for _ in 0..3 {
        runde(&["phase", d, "next"]);
    }
    let (_server, addr, pid) = start_server(&dir, &tmp.path().join("config"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = rss_kib(pid);

    let boards = ["methods", "success", "continuity", "actors"];
    let projector = Client::open(addr, "projector").await;
    let mut clients = Vec::new();
    for i in 0..n {
        let c = Client::open(addr, boards[i % boards.len()]).await;
        c.wait_for("> ").await;
        c.send(format!("writer{i}\r").as_bytes()).await;
        clients.push(c);
    }
    for c in &clients {
        c.wait_for("add").await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = rss_kib(pid);

    // Key → screen: all clients type at once, each waits for its own echo.
    let clients = Arc::new(clients);
    let mut typing = Vec::new();
    for i in 0..n {
        let clients = clients.clone();
        typing.push(tokio::spawn(async move {
            let c = &clients[i];
            c.send(b"a").await;
            c.wait_for("Esc").await;
            let mut typed = format!("k{i}x");
            c.send(typed.as_bytes()).await;
            c.wait_for(&typed).await;
            let mut lat = Vec::new();
            for k in 0..keys_each {
                let ch = (b'a' + (k % 26) as u8) as char;
                typed.push(ch);
                let now = Instant::now();
                c.arm(&typed, now);
                c.send(ch.to_string().as_bytes()).await;
                lat.push(c.seen().await);
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            c.send(b"\r").await;
            lat
        }));
    }
    let mut key_lat = Vec::new();
    for t in typing {
        key_lat.extend(t.await.expect("typist"));
    }
    key_lat.sort();
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Propagation: one writer saves a note; every other screen on its board and the projector wait for it.
    let mut prop = Vec::new();
    for round in 0..(if quick { 3 } else { 8 }) {
        let w = round % n;
        let text = format!("prop{round}z");
        let c = &clients[w];
        c.send(b"a").await;
        c.wait_for("Esc").await;
        c.send(text.as_bytes()).await;
        c.wait_for(&text).await;
        let watchers: Vec<&Client> = clients
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != w && i % boards.len() == w % boards.len())
            .map(|(_, c)| c)
            .chain(std::iter::once(&projector))
            .collect();
        let now = Instant::now();
        for o in &watchers {
            o.arm(&text, now);
        }
        c.send(b"\r").await;
        for o in &watchers {
            prop.push(o.seen().await);
        }
    }
    prop.sort();

    // Idle: four timers running, nobody typing.
    runde(&["timer", d, "start", "--all"]);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let secs = if quick { 5 } else { 20 };
    let (t0, s0) = cpu_and_switches(pid);
    tokio::time::sleep(Duration::from_secs(secs)).await;
    let (t1, s1) = cpu_and_switches(pid);
    let hz = 100.0;
    let cpu = (t1 - t0) as f64 / hz / secs as f64 * 100.0;
    let wakeups = (s1 - s0) as f64 / secs as f64;

    println!("runde serve, {n} SSH note-takers + projector over loopback");
    println!(
        "key→screen at the client: median {:.1} ms, p95 {:.1} ms ({} keys)",
        percentile(&key_lat, 0.5),
        percentile(&key_lat, 0.95),
        key_lat.len()
    );
    println!(
        "note → other screens and projector: median {:.1} ms, p95 {:.1} ms ({} observations)",
        percentile(&prop, 0.5),
        percentile(&prop, 0.95),
        prop.len()
    );
    println!(
        "idle with {n} connections and 4 timers: CPU {cpu:.2} %, {wakeups:.1} context switches/s ({:.2} per connection)",
        wakeups / (n + 1) as f64
    );
    println!(
        "RSS: {} KiB before, {} KiB with {} connections: {:.0} KiB per connection",
        rss_before,
        rss_after,
        n + 1,
        (rss_after.saturating_sub(rss_before)) as f64 / (n + 1) as f64
    );
}
