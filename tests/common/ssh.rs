//! SSH helpers for loopback tests and benchmarks of `runde serve`: a
//! server process (killed by PID when dropped), russh clients whose
//! sockets are bound to a chosen source address (Linux routes all of
//! 127.0.0.0/8 to `lo`), a logged-in client whose screen is read through a
//! vt100 parser, and a hammer of wrong join codes from several addresses.
//! Every wait is bounded.
#![allow(dead_code)]
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::{ChannelMsg, ChannelWriteHalf};

/// The join code every server here is started with.
pub const CODE: &str = "424242";
/// The longest any single step may take.
pub const WAIT: Duration = Duration::from_secs(20);

/// A `runde serve` child process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    _config: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `bin serve DIR --listen 127.0.0.1:0 --code CODE EXTRA…`.
    pub fn start(bin: &Path, dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let config = tempfile::tempdir().expect("config dir");
        let mut child = Command::new(bin)
            .args([
                "serve",
                &dir.to_string_lossy(),
                "--listen",
                "127.0.0.1:0",
                "--code",
                CODE,
            ])
            .args(extra)
            .envs(env.iter().copied())
            .env("RUNDE_CONFIG", config.path())
            .env("RUNDE_STATE_DIR", config.path().join("state"))
            .env_remove("RUNDE_SESSIONS")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("runde serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout);
        let mut first = String::new();
        lines.read_line(&mut first).expect("first line");
        // Keep reading so the server never writes into a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        let addr: SocketAddr = first
            .split_whitespace()
            .last()
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Server {
            child,
            addr,
            _config: config,
        }
    }

    /// The server's CPU time so far (user + system), from /proc.
    /// The server's local state directory (`RUNDE_STATE_DIR`: drafts).
    pub fn state_dir(&self) -> PathBuf {
        self._config.path().join("state")
    }

    pub fn cpu_time(&self) -> Duration {
        cpu_time(self.child.id())
    }
}

/// CPU time (user + system) of process `pid`, from `/proc/PID/stat`.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may contain spaces) end at ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after ')'.
    let hz = 100; // USER_HZ on Linux
    Duration::from_millis((ticks(11) + ticks(12)) * 1000 / hz)
}

/// What a client learnt from the server apart from the session itself.
#[derive(Clone, Default)]
pub struct Heard {
    pub banner: Arc<Mutex<String>>,
    /// The reason of a disconnect the server sent, if any.
    pub disconnect: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Heard {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn auth_banner(&mut self, banner: &str, _session: &mut client::Session) -> Result<(), Self::Error> {
        self.banner.lock().expect("banner").push_str(banner);
        Ok(())
    }

    async fn disconnected(&mut self, reason: client::DisconnectReason<Self::Error>) -> Result<(), Self::Error> {
        if let client::DisconnectReason::ReceivedDisconnect(info) = reason {
            *self.disconnect.lock().expect("reason") = Some(info.message);
        }
        Ok(())
    }
}

impl Heard {
    /// The disconnect reason, waiting up to `limit` for it: the client's
    /// handler may hear it just after the connection shows as closed.
    pub async fn reason_within(&self, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(reason) = self.disconnect.lock().expect("reason").clone() {
                return reason;
            }
            if start.elapsed() > limit {
                return String::new();
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// A TCP connection to `server` from `source` (any port).
pub async fn tcp_from(source: IpAddr, server: SocketAddr) -> std::io::Result<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.set_nodelay(true)?;
    tokio::time::timeout(WAIT, socket.connect(server))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out"))?
}

/// An SSH connection (handshake done, not logged in) from `source`.
pub async fn ssh_from(source: IpAddr, server: SocketAddr) -> Result<(Handle<Heard>, Heard), russh::Error> {
    let heard = Heard::default();
    let stream = tcp_from(source, server).await?;
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(WAIT),
        ..Default::default()
    });
    let handle = tokio::time::timeout(WAIT, client::connect_stream(config, stream, heard.clone()))
        .await
        .map_err(|_| russh::Error::ConnectionTimeout)??;
    Ok((handle, heard))
}

/// Whether the server closes `handle`'s connection within `limit`.
pub async fn closed_within(handle: &Handle<Heard>, limit: Duration) -> bool {
    let start = Instant::now();
    while !handle.is_closed() {
        if start.elapsed() > limit {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    true
}

/// A logged-in terminal client: what it has been sent, parsed as a screen.
pub struct Term {
    pub handle: Handle<Heard>,
    pub heard: Heard,
    write: ChannelWriteHalf<client::Msg>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the server sent on the channel, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    closed: Arc<AtomicBool>,
}

impl Term {
    /// Logs in from `source` as SSH user `user` with the right code and
    /// opens a terminal of `size` (columns, rows).
    pub async fn open(source: IpAddr, server: SocketAddr, user: &str, size: (u16, u16)) -> Result<Term, String> {
        let (mut handle, heard) = ssh_from(source, server).await.map_err(|e| format!("connect: {e}"))?;
        let auth = tokio::time::timeout(WAIT, handle.authenticate_password(user, CODE))
            .await
            .map_err(|_| "no answer to the code".to_string())?
            .map_err(|e| format!("auth: {e}"))?;
        if !auth.success() {
            return Err("the right code was refused".into());
        }
        let channel = tokio::time::timeout(WAIT, handle.channel_open_session())
            .await
            .map_err(|_| "no channel in time".to_string())?
            .map_err(|e| format!("channel: {e}"))?;
        channel
            .request_pty(false, "xterm-256color", size.0.into(), size.1.into(), 0, 0, &[])
            .await
            .map_err(|e| format!("pty: {e}"))?;
        channel.request_shell(false).await.map_err(|e| format!("shell: {e}"))?;
        let (mut read, write) = channel.split();
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("size");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(size.1), nz(size.0), 0)));
        let closed = Arc::new(AtomicBool::new(false));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, c, r) = (screen.clone(), closed.clone(), raw.clone());
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => {
                        r.lock().expect("raw").extend_from_slice(&data);
                        s.lock().expect("screen").process(&data);
                    }
                    ChannelMsg::Close | ChannelMsg::Eof => break,
                    _ => {}
                }
            }
            c.store(true, Ordering::SeqCst);
        });
        Ok(Term {
            handle,
            heard,
            write,
            screen,
            raw,
            closed,
        })
    }

    /// Every byte the server sent so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// Waits until the server ended the channel (EOF or close); false after `limit`.
    pub async fn ended_within(&self, limit: Duration) -> bool {
        let start = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            if start.elapsed() > limit {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits until the screen shows `text`; false after `limit`.
    pub async fn shows(&self, text: &str, limit: Duration) -> bool {
        let start = Instant::now();
        while !self.contents().contains(text) {
            if start.elapsed() > limit || self.closed.load(Ordering::SeqCst) {
                return self.contents().contains(text);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    pub async fn send(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.expect("send");
    }

    /// Types `name` at the name prompt and waits for `board_title`.
    pub async fn log_in_as(&self, name: &str, board_title: &str) -> bool {
        if !self.shows("> ", WAIT).await {
            return false;
        }
        self.send(format!("{name}\r").as_bytes()).await;
        self.shows(board_title, WAIT).await
    }
}

/// How a hammer fared.
#[derive(Debug, Default)]
pub struct HammerStats {
    /// TCP connections made.
    pub connects: AtomicU64,
    /// Connections closed before a code could be tried (refused at once).
    pub refused: AtomicU64,
    /// Wrong codes sent and answered.
    pub codes: AtomicU64,
}

/// Impatient clients trying wrong codes: from each source address,
/// `per_address` loops that connect, try wrong codes until the server
/// closes the connection, and connect again at once. Stops (every task
/// ended) when dropped or when `max_connects` connections were made.
pub struct Hammer {
    pub stats: Arc<HammerStats>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Hammer {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Hammer {
    pub fn start(server: SocketAddr, sources: &[IpAddr], per_address: usize, max_connects: u64) -> Hammer {
        let stats = Arc::new(HammerStats::default());
        let mut tasks = Vec::new();
        for &source in sources {
            for _ in 0..per_address {
                let stats = stats.clone();
                tasks.push(tokio::spawn(async move {
                    while stats.connects.fetch_add(1, Ordering::SeqCst) < max_connects {
                        hammer_once(source, server, &stats).await;
                    }
                }));
            }
        }
        Hammer { stats, tasks }
    }

    /// Stops every client and waits until they are gone.
    pub async fn stop(mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
            let _ = task.await;
        }
    }
}

async fn hammer_once(source: IpAddr, server: SocketAddr, stats: &HammerStats) {
    let Ok((mut handle, _)) = ssh_from(source, server).await else {
        stats.refused.fetch_add(1, Ordering::SeqCst);
        // Refused at once: a real client would print an error and be run
        // again; yield so that the loop is not a pure spin.
        tokio::task::yield_now().await;
        return;
    };
    loop {
        match tokio::time::timeout(WAIT, handle.authenticate_password("methods", "000000")).await {
            Ok(Ok(answer)) if !answer.success() => stats.codes.fetch_add(1, Ordering::SeqCst),
            _ => break,
        };
    }
}
