//! A guest with the plain OpenSSH client (`/usr/bin/ssh`) in a pty of its
//! own, as a note-taker joins: every byte the terminal was sent is kept,
//! the join code is typed at OpenSSH's prompt, and the client is killed by
//! PID when dropped. No config, agent, key or known-hosts file of this
//! machine is used. Every wait is bounded.
#![allow(dead_code)]
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The longest any single step may take.
pub const WAIT: Duration = Duration::from_secs(20);

/// An `ssh -p PORT USER@HOST` in a pty.
pub struct Guest {
    raw: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Guest {
    /// Runs `ssh -p PORT USER@HOST` in a pty of `cols`×`rows`.
    pub fn ssh(server: SocketAddr, user: &str, cols: u16, rows: u16) -> Guest {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new("ssh");
        cmd.args([
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "IdentityAgent=none",
            "-o",
            "PreferredAuthentications=keyboard-interactive",
            // Not below INFO: OpenSSH shows the server's words at the
            // code prompt ("wrong code") as INFO messages.
            "-p",
            &server.port().to_string(),
            &format!("{user}@{}", server.ip()),
        ]);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("ssh starts");
        drop(pair.slave);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let feed = raw.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("raw").extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Guest {
            raw,
            size: (cols, rows),
            writer,
            child,
            _master: pair.master,
        }
    }

    /// Every byte the terminal was sent so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }

    /// The bytes since `from`, as text.
    pub fn text_since(&self, from: usize) -> String {
        let raw = self.raw();
        String::from_utf8_lossy(&raw[from.min(raw.len())..]).into_owned()
    }

    /// Waits until the bytes since `from` contain `what`; false after `limit`.
    pub fn saw_since(&self, from: usize, what: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.text_since(from).contains(what) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `what` was sent to the terminal; false after `limit`.
    pub fn saw(&self, what: &str, limit: Duration) -> bool {
        self.saw_since(0, what, limit)
    }

    /// The screen as the terminal shows it now.
    pub fn contents(&self) -> String {
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("size");
        let mut screen = vt100::Parser::new(nz(self.size.1), nz(self.size.0), 0);
        screen.process(&self.raw());
        screen.screen().contents()
    }

    /// Waits until the screen shows `what`; false after `limit`.
    pub fn shows(&self, what: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if self.contents().contains(what) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types into the terminal.
    pub fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Types `code` at OpenSSH's join code prompt (waits for it).
    pub fn type_code(&mut self, code: &str) -> bool {
        if !self.saw("code", WAIT) {
            return false;
        }
        self.send(format!("{code}\r").as_bytes());
        true
    }

    /// The client's exit code once it ended, waiting up to `limit`.
    pub fn exit_within(&mut self, limit: Duration) -> Option<u32> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Guest {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Where `needle` last occurs in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Switch to the alternate screen.
pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
/// What gives a terminal back: leave the alternate screen, show the cursor, reset attributes.
pub const RESTORE: [&[u8]; 3] = [b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[0m"];

/// `None` when `raw` ends with the terminal given back (every [`RESTORE`]
/// sequence after the last [`ENTER_ALT`]); else what is missing, with the last bytes.
pub fn not_restored(raw: &[u8]) -> Option<String> {
    let Some(entered) = rfind(raw, ENTER_ALT) else {
        return Some("never switched to the alternate screen".into());
    };
    let tail = &raw[entered..];
    let missing: Vec<String> = RESTORE
        .iter()
        .filter(|seq| rfind(tail, seq).is_none())
        .map(|seq| format!("{:?}", String::from_utf8_lossy(seq)))
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "missing {} after the last alternate screen; last bytes: {:?}",
            missing.join(", "),
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(300)..])
        )
    })
}
