//! Time bounds for tests that start processes and servers: every wait has
//! a deadline, a child is killed by PID when its test is done or its time
//! is up, and a test that overruns fails with a message naming what it
//! waited for — CI never hangs on a test.
#![allow(dead_code)]
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ExitStatus, Output};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long one CLI command may run in a test (a loaded 2-core CI machine
/// runs the slowest, a PDF export, in a few seconds).
pub const COMMAND_LIMIT: Duration = Duration::from_secs(120);

/// How long a test may go on after a watchdog killed its child before the
/// whole test binary is aborted.
const GRACE: Duration = Duration::from_secs(60);

/// How often a condition is looked at while waiting for it.
const POLL: Duration = Duration::from_millis(10);

/// Sends SIGKILL to `pid` (through the `kill` program: no unsafe code).
pub fn kill_pid(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
}

/// A watchdog over one child process. If the test still holds it after
/// `limit`, the child is killed by PID (which ends every wait on it) and
/// the test's output says why; if the test still has not ended a minute
/// later, the test binary is aborted with that message. Dropping the
/// watchdog disarms it: drop it before reaping the child, so it never
/// kills a PID that was given to another process.
pub struct Watchdog {
    disarm: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    pub fn new(pid: u32, limit: Duration, what: &str) -> Watchdog {
        let (disarm, armed) = mpsc::channel::<()>();
        let what = what.to_string();
        let thread = std::thread::spawn(move || {
            if armed.recv_timeout(limit) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            eprintln!("time bound: {what} (PID {pid}) still running after {limit:?}: killed");
            kill_pid(pid);
            if armed.recv_timeout(GRACE) == Err(RecvTimeoutError::Timeout) {
                eprintln!("time bound: the test did not end {GRACE:?} after {what} was killed: aborting");
                std::process::abort();
            }
        });
        Watchdog {
            disarm: Some(disarm),
            thread: Some(thread),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.disarm.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A child process that is killed (by PID) when dropped, and by its
/// watchdog if it outlives `limit`.
pub struct Bounded {
    watchdog: Option<Watchdog>,
    pub child: Child,
    what: String,
}

impl Bounded {
    pub fn new(child: Child, limit: Duration, what: &str) -> Bounded {
        Bounded {
            watchdog: Some(Watchdog::new(child.id(), limit, what)),
            child,
            what: what.to_string(),
        }
    }

    /// Waits for the child to exit within `limit`; kills it and fails the
    /// test after that.
    pub fn wait_within(&mut self, limit: Duration) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() >= deadline {
                self.stop();
                panic!("{} did not exit within {limit:?}: killed", self.what);
            }
            std::thread::sleep(POLL);
        }
    }

    /// Collects the child's stdout and stderr and waits for it to exit
    /// within `limit` (`Child::wait_with_output` with a deadline).
    pub fn output_within(mut self, limit: Duration) -> Output {
        let stdout = self.child.stdout.take().map(read_to_end);
        let stderr = self.child.stderr.take().map(read_to_end);
        let status = self.wait_within(limit);
        let join = |h: Option<JoinHandle<Vec<u8>>>| h.map(|h| h.join().unwrap_or_default()).unwrap_or_default();
        Output {
            status,
            stdout: join(stdout),
            stderr: join(stderr),
        }
    }

    /// Disarms the watchdog, then kills and reaps the child.
    fn stop(&mut self) {
        drop(self.watchdog.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Bounded {
    fn drop(&mut self) {
        self.stop();
    }
}

fn read_to_end(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// The lines of a child's pipe, read on a thread (which also keeps the
/// pipe drained), taken one at a time with a deadline.
pub struct Lines {
    lines: Receiver<String>,
}

impl Lines {
    pub fn new(pipe: impl Read + Send + 'static) -> Lines {
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Lines { lines }
    }

    /// The next line, or `None` at the end of the pipe; fails the test
    /// when none comes within `limit`.
    pub fn next_within(&self, limit: Duration, what: &str) -> Option<String> {
        match self.lines.recv_timeout(limit) {
            Ok(line) => Some(line),
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => panic!("no line from {what} within {limit:?}"),
        }
    }
}

/// Polls `done` until it holds; fails the test naming `what` (and what
/// `state` says then) when it does not within `limit`.
#[track_caller]
pub fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool, state: impl Fn() -> String) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not within {limit:?}; {}", state());
        std::thread::sleep(POLL);
    }
}
