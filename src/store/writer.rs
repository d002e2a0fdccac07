//! The background writer of a view: appends and fsyncs this writer's
//! events on its own thread, so a slow disk or a synced folder never stalls
//! drawing, and answers each event with an [`Outcome`]. A log file whose
//! write or fsync failed is never written again (fsyncgate): every later
//! event of that writer fails too, and the session starts a fresh writer.
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use super::log::{FaultInjector, LogWriter};
use crate::error::{Error, Result};
use crate::model::SaveError;
use crate::model::problem::StoreProblem;

/// The records of one write (one or more events) for the log of `actor`.
pub struct Job {
    /// The caller's number for this write, echoed in its outcome.
    pub ticket: u64,
    /// The writer (log file) the events belong to.
    pub actor: Arc<str>,
    /// Who writes, recorded in a new log's header.
    pub by: Option<String>,
    /// When the log was first written to (a new log's header).
    pub created_ms: i64,
    /// Each event's sequence number and its encoded record.
    pub records: Vec<(u64, Vec<u8>)>,
    /// Injected I/O faults (tests and benchmarks).
    pub faults: Option<FaultInjector>,
}

/// The kind of failure behind `error`, as the views report it.
pub fn save_error(error: &Error) -> SaveError {
    use std::io::ErrorKind as K;
    match error {
        Error::Io { source, .. } => match source.kind() {
            K::StorageFull | K::QuotaExceeded => SaveError::DiskFull,
            K::PermissionDenied | K::ReadOnlyFilesystem => SaveError::Denied,
            K::NotFound => SaveError::Gone,
            _ => SaveError::Io,
        },
        Error::Store(p) if p.is_gone() => SaveError::Gone,
        _ => SaveError::Refused,
    }
}

/// What became of one [`Job`].
#[derive(Debug)]
pub struct Outcome {
    /// The job's ticket.
    pub ticket: u64,
    /// `Ok` once the event is on stable storage.
    pub result: Result<()>,
}

/// The handle of a running writer thread. Dropping it lets the thread
/// finish the events already handed over, then waits for it: a view that
/// quits still saves what it showed.
pub struct BackgroundWriter {
    jobs: Option<mpsc::Sender<Job>>,
    outcomes: mpsc::Receiver<Outcome>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for BackgroundWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackgroundWriter").finish_non_exhaustive()
    }
}

impl BackgroundWriter {
    /// Starts a writer thread for the log folder `log_dir`; `wake` is
    /// called after every outcome (it wakes the view's event loop).
    pub fn start(log_dir: PathBuf, wake: Box<dyn Fn() + Send>) -> Result<BackgroundWriter> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (answer, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("runde-writer".into())
            .spawn(move || write_jobs(&log_dir, &inbox, &answer, &*wake))
            .map_err(|e| Error::io("<writer thread>", e))?;
        Ok(BackgroundWriter {
            jobs: Some(jobs),
            outcomes,
            thread: Some(thread),
        })
    }

    /// Hands an event to the thread.
    pub fn send(&self, job: Job) -> Result<()> {
        let gone = || Error::Store(StoreProblem::WriterStopped);
        self.jobs.as_ref().ok_or_else(gone)?.send(job).map_err(|_| gone())
    }

    /// Outcomes that arrived since the last call, oldest first.
    pub fn take_outcomes(&self) -> Vec<Outcome> {
        self.outcomes.try_iter().collect()
    }

    /// Waits up to `timeout` for the next outcome (tests, the CLI).
    pub fn wait_outcome(&self, timeout: std::time::Duration) -> Option<Outcome> {
        self.outcomes.recv_timeout(timeout).ok()
    }
}

impl Drop for BackgroundWriter {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The thread's loop: one job at a time, in order.
fn write_jobs(dir: &std::path::Path, inbox: &mpsc::Receiver<Job>, answer: &mpsc::Sender<Outcome>, wake: &dyn Fn()) {
    let mut logs = Logs::default();
    while let Ok(job) = inbox.recv() {
        let result = logs.write(dir, &job);
        if answer
            .send(Outcome {
                ticket: job.ticket,
                result,
            })
            .is_err()
        {
            return;
        }
        wake();
    }
}

/// This writer's open log and the writer ids that failed, for whoever
/// writes the records (the background thread, or the CLI directly).
#[derive(Default)]
pub struct Logs {
    open: Option<LogWriter>,
    failed: HashSet<Arc<str>>,
}

impl Logs {
    /// Whether a log is open for appending.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Appends one job's records, opening its writer's log on first use.
    /// A writer id whose write failed is never written again (fsyncgate).
    pub fn write(&mut self, dir: &std::path::Path, job: &Job) -> Result<()> {
        if self.failed.contains(&job.actor) {
            return Err(Error::Store(StoreProblem::WriterFailed));
        }
        let written = self.write_records(dir, job);
        if written.is_err() {
            self.open = None;
            self.failed.insert(job.actor.clone());
        }
        written
    }

    fn write_records(&mut self, dir: &std::path::Path, job: &Job) -> Result<()> {
        if self.open.as_ref().is_none_or(|w| *w.actor() != job.actor) {
            self.open = None;
            let created = LogWriter::create_as(dir, &job.actor, job.by.as_deref(), job.created_ms, job.faults.clone())?;
            self.open = Some(created);
        }
        let Some(writer) = self.open.as_mut() else {
            return Err(Error::Store(StoreProblem::WriterStopped));
        };
        writer.set_faults(job.faults.clone());
        for (seq, line) in &job.records {
            writer.append_line(*seq, line)?;
        }
        Ok(())
    }
}
