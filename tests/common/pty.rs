//! A pseudo-terminal harness: runs a binary in a pty and reads its screen
//! back through a vt100 parser. Shared by the end-to-end tests and the
//! benchmark driver.
#![allow(dead_code)]
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct View {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl View {
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> View {
        Self::spawn_program(&assert_cmd::cargo::cargo_bin("runde"), args, cols, rows)
    }

    /// Runs any program in a pty of `cols`×`rows`.
    pub fn spawn_program(program: &std::path::Path, args: &[&str], cols: u16, rows: u16) -> View {
        Self::spawn_with_env(program, args, &[], cols, rows)
    }

    /// Runs a program in a pty with extra environment variables.
    pub fn spawn_with_env(
        program: &std::path::Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> View {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RUNDE_NO_BELL", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn runde");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        View {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.contents();
            if text.contains(what) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(Instant::now() < deadline, "did not exit; screen:\n{}", self.contents());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn restored(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        !parser.screen().alternate_screen() && !parser.screen().hide_cursor()
    }

    /// The screen with colours and attributes (changes when only a highlight moves).
    pub fn formatted(&self) -> String {
        self.screen.lock().unwrap().screen().contents_formatted()
    }

    /// Whether the formatted screen differs from `before` within `limit`.
    pub fn changed_within(&self, before: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while self.formatted() == before {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        true
    }

    /// Waits until the formatted screen differs from `before`.
    pub fn wait_change(&self, before: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.formatted() == before {
            assert!(Instant::now() < deadline, "screen did not change");
            std::thread::sleep(Duration::from_micros(200));
        }
    }
}

/// A view still running when its test ends (or fails) is killed; one
/// that exited was reaped by `try_wait`, so no other process's PID is hit.
impl Drop for View {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Resident memory of a process in KiB (Linux), 0 when unknown.
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
