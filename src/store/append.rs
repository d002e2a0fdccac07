//! The one append path, for the CLI and the views alike: each change is
//! stamped (this writer's id and sequence number, a Lamport time above
//! every event known, the clock's time), refused if readers would skip it
//! (out-of-range values, a record over [`MAX_RECORD_BYTES`]), encoded once,
//! and handed to this writer's log — written and fsynced before the call
//! returns (the CLI), or given to the background writer thread (views),
//! whose outcome comes later by ticket. The stamped events go back to the
//! caller, who applies them to its [`Replica`](crate::model::Replica).
//!
//! A log whose write or fsync failed is never written again (fsyncgate):
//! the writer id is retired and the next write starts a fresh log.
use std::sync::Arc;

use super::LOG_DIR;
use super::folder::Folder;
use super::log::{FaultInjector, MAX_RECORD_BYTES, encode_record};
use super::writer::{BackgroundWriter, Job, Logs, save_error};
use crate::error::{Error, Result};
use crate::model::check::Rejection;
use crate::model::event::limits::next_counter;
use crate::model::{Change, Event, OrderKey, SaveError};

/// A background write's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOutcome {
    /// The ticket the write was handed over with.
    pub ticket: u64,
    /// `None` once on disk; why it failed otherwise.
    pub failure: Option<SaveError>,
}

/// This writer's identity and where its records go.
#[derive(Default)]
pub(super) struct Writer {
    /// Who writes, recorded in a new log's header.
    pub(super) by: Option<String>,
    faults: Option<FaultInjector>,
    /// The writer id events are stamped with; a failure retires it.
    actor: Option<Arc<str>>,
    /// The last sequence number given out under `actor`.
    seq: u64,
    sink: Sink,
}

/// Where records go.
enum Sink {
    /// Written and fsynced on the caller's thread (the CLI), the same way
    /// the background thread writes them.
    Direct(Logs),
    /// Handed to a background thread (views).
    Thread(Thread),
}

impl Default for Sink {
    fn default() -> Sink {
        Sink::Direct(Logs::default())
    }
}

/// The background writer and the writes it has not answered yet.
struct Thread {
    writer: BackgroundWriter,
    /// Tickets handed over without an outcome yet, with their writer id.
    pending: Vec<(u64, Arc<str>)>,
}

impl Writer {
    /// The writer id of the next write, if one was chosen already.
    pub(super) fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    pub(super) fn set_faults(&mut self, faults: Option<FaultInjector>) {
        self.faults = faults;
    }

    /// Retires the writer id: its log is never written again.
    fn retire(&mut self) {
        self.actor = None;
        self.seq = 0;
    }
}

/// Stamps `change` as event `seq` at Lamport time `lamport`, encoded once —
/// refused if readers would skip it (out-of-range values, a record over
/// [`MAX_RECORD_BYTES`]): an entry readers ignore is never acknowledged.
pub(super) fn stamp(seq: u64, lamport: u64, wall_ms: i64, change: Change) -> Result<(Event, Vec<u8>)> {
    let ev = Event {
        seq,
        lamport,
        wall_ms,
        c: change,
    };
    ev.check_bounds()
        .map_err(|why| Error::NotSaved(Rejection::OutOfRange(why)))?;
    let line = encode_record(&ev);
    if line.len() > MAX_RECORD_BYTES {
        return Err(Error::NotSaved(Rejection::Oversize {
            mib: MAX_RECORD_BYTES >> 20,
        }));
    }
    Ok((ev, line))
}

impl Folder {
    /// Hands every later write to a background thread (views): an append
    /// returns at once, its outcome arrives through
    /// [`Folder::take_write_outcomes`] after `wake` was called.
    pub fn write_in_background(&mut self, wake: Box<dyn Fn() + Send>) -> Result<()> {
        let writer = BackgroundWriter::start(self.dir().join(LOG_DIR), wake)?;
        // The thread opens logs of its own: a log this folder wrote directly
        // (the CLI's writes before a view took over, as `demo` does) is
        // never appended to by a second file handle — the thread starts a
        // fresh one.
        if matches!(&self.writer.sink, Sink::Direct(logs) if logs.is_open()) {
            self.writer.retire();
        }
        self.writer.sink = Sink::Thread(Thread {
            writer,
            pending: Vec::new(),
        });
        Ok(())
    }

    /// True while writes go through the background thread.
    pub fn writes_in_background(&self) -> bool {
        matches!(self.writer.sink, Sink::Thread(_))
    }

    /// True while any background write has no outcome yet.
    pub fn has_unsaved(&self) -> bool {
        matches!(&self.writer.sink, Sink::Thread(t) if !t.pending.is_empty())
    }

    /// Appends `changes` as this writer's next events, stamped above
    /// Lamport time `max_lamport` (the highest the caller knows). Returns
    /// the stamped events, for the caller to apply: on disk already, or
    /// handed to the background thread under `ticket`. Nothing is written
    /// when any change is refused.
    pub fn append(&mut self, max_lamport: u64, changes: Vec<Change>, ticket: u64) -> Result<Vec<(OrderKey, Event)>> {
        let wall_ms = self.clock.now_ms();
        let fresh = self.writer.actor.is_none();
        let actor = self
            .writer
            .actor
            .get_or_insert_with(|| Arc::from(ulid::Ulid::new().to_string().to_lowercase()))
            .clone();
        let mut stamped = Vec::with_capacity(changes.len());
        let mut records = Vec::with_capacity(changes.len());
        let mut lamport = max_lamport;
        for (i, change) in changes.into_iter().enumerate() {
            lamport = next_counter(lamport);
            let (ev, line) = stamp(self.writer.seq + i as u64 + 1, lamport, wall_ms, change)?;
            records.push((ev.seq, line));
            let key = OrderKey {
                lamport: ev.lamport,
                actor: actor.clone(),
                seq: ev.seq,
            };
            stamped.push((key, ev));
        }
        if stamped.is_empty() {
            return Ok(stamped);
        }
        self.hand_over(&actor, wall_ms, records, ticket)?;
        self.writer.seq += stamped.len() as u64;
        if fresh {
            if let Some(clocks) = self.clocks.as_mut() {
                clocks.announce(&actor);
            }
        }
        for (key, _) in &stamped {
            // The reader skips these when it meets them in our own log.
            self.skip_own(key);
        }
        Ok(stamped)
    }

    /// Writes the records (direct) or gives them to the thread.
    fn hand_over(&mut self, actor: &Arc<str>, wall_ms: i64, records: Vec<(u64, Vec<u8>)>, ticket: u64) -> Result<()> {
        let dir = self.dir().join(LOG_DIR);
        let w = &mut self.writer;
        let job = Job {
            ticket,
            actor: actor.clone(),
            by: w.by.clone(),
            created_ms: wall_ms,
            records,
            faults: w.faults.clone(),
        };
        match &mut w.sink {
            Sink::Thread(thread) => {
                thread.writer.send(job)?;
                thread.pending.push((ticket, actor.clone()));
                Ok(())
            }
            Sink::Direct(logs) => {
                let written = logs.write(&dir, &job);
                if written.is_err() {
                    w.retire();
                }
                written
            }
        }
    }

    /// Background writes that finished since the last call, oldest first.
    /// A failure retires the writer id it was written under.
    pub fn take_write_outcomes(&mut self) -> Vec<WriteOutcome> {
        let Sink::Thread(thread) = &self.writer.sink else {
            return Vec::new();
        };
        let outcomes = thread.writer.take_outcomes();
        outcomes.into_iter().map(|o| self.settle(o)).collect()
    }

    /// Waits up to `timeout` for the next background outcome (tests).
    pub fn wait_write_outcome(&mut self, timeout: std::time::Duration) -> Option<WriteOutcome> {
        let Sink::Thread(thread) = &self.writer.sink else {
            return None;
        };
        let outcome = thread.writer.wait_outcome(timeout)?;
        Some(self.settle(outcome))
    }

    fn settle(&mut self, outcome: super::writer::Outcome) -> WriteOutcome {
        let failure = outcome.result.as_ref().err().map(save_error);
        let w = &mut self.writer;
        if let Sink::Thread(thread) = &mut w.sink {
            let at = thread.pending.iter().position(|(t, _)| *t == outcome.ticket);
            let actor = at.map(|at| thread.pending.remove(at).1);
            // Every later record of that writer id fails too: stop using it.
            if failure.is_some() && actor.is_some() && actor.as_deref() == w.actor.as_deref() {
                w.retire();
            }
        }
        WriteOutcome {
            ticket: outcome.ticket,
            failure,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::model::TimerOp;

    fn example() -> (tempfile::TempDir, std::path::PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        std::fs::create_dir(&dir).unwrap();
        crate::example::write_to(&dir).unwrap();
        (tmp, dir)
    }

    fn extend(board: &str, delta_ms: i64) -> Change {
        Change::Timer {
            board: board.into(),
            op: TimerOp::Extend { delta_ms },
        }
    }

    fn logs(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir.join(LOG_DIR)).unwrap().count()
    }

    #[test]
    fn a_batch_is_stamped_in_order_and_refused_as_a_whole() {
        let (_t, dir) = example();
        let (mut folder, replica) = Folder::open_now(&dir).unwrap();
        let top = replica.state().max_lamport();
        let before = logs(&dir);
        let refused = folder.append(top, vec![extend("methods", 60_000), extend("methods", i64::MAX)], 1);
        assert!(refused.is_err());
        assert_eq!(logs(&dir), before, "nothing written, not even a log header");
        let stamped = folder
            .append(top, vec![extend("methods", 60_000), extend("actors", 60_000)], 2)
            .unwrap();
        let keys: Vec<(u64, u64)> = stamped.iter().map(|(k, e)| (k.seq, e.lamport)).collect();
        assert_eq!(keys, [(1, top + 1), (2, top + 2)]);
        let (_, reread) = Folder::open_now(&dir).unwrap();
        assert_eq!(reread.state().max_lamport(), top + 2, "both on disk");
    }

    #[test]
    fn the_thread_writes_what_the_cli_writes() {
        let read = |background: bool| {
            let (_t, dir) = example();
            let (mut folder, replica) = Folder::open_now(&dir).unwrap();
            if background {
                folder.write_in_background(Box::new(|| {})).unwrap();
            }
            let top = replica.state().max_lamport();
            folder.append(top, vec![extend("methods", 60_000)], 1).unwrap();
            folder.append(top + 1, vec![extend("actors", -60_000)], 2).unwrap();
            if background {
                for _ in 0..2 {
                    let outcome = folder.wait_write_outcome(Duration::from_secs(30)).unwrap();
                    assert_eq!(outcome.failure, None);
                }
            }
            let (_, reread) = Folder::open_now(&dir).unwrap();
            let mut f = Folder::open_now(&dir).unwrap().0;
            let events: Vec<(u64, u64, Change)> = f
                .reread()
                .unwrap()
                .events
                .into_iter()
                .filter(|(k, _)| k.lamport > top)
                .map(|(k, e)| (k.seq, e.lamport, e.c))
                .collect();
            assert_eq!(reread.state().max_lamport(), top + 2);
            events
        };
        assert_eq!(read(false), read(true));
    }
}
