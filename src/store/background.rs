//! Background writes for the views: the writer thread takes each event,
//! the view learns the outcome as a ticket, and a failure rebuilds the
//! state from disk without the unsaved change.
use super::*;

impl Session {
    /// Hands every later write to a background thread (views): an append
    /// returns at once, its outcome arrives through
    /// [`Session::take_write_outcomes`] after `wake` was called.
    pub fn write_in_background(&mut self, wake: Box<dyn Fn() + Send>) -> Result<()> {
        let writer = writer::BackgroundWriter::start(self.dir.join(LOG_DIR), wake)?;
        self.background = Some(Background {
            writer,
            actor: None,
            seq: 0,
            ticket: 0,
            pending: Vec::new(),
        });
        Ok(())
    }

    /// True while writes go through the background thread.
    pub fn writes_in_background(&self) -> bool {
        self.background.is_some()
    }

    /// The ticket of the last background write handed over (0: none yet).
    pub fn last_ticket(&self) -> u64 {
        self.background.as_ref().map_or(0, |b| b.ticket)
    }

    /// True while a background write setting this note's text has no
    /// outcome yet.
    pub fn is_unsaved(&self, note: &str) -> bool {
        self.background
            .as_ref()
            .is_some_and(|b| b.pending.iter().any(|(_, id)| id.as_deref() == Some(note)))
    }

    /// True while any background write has no outcome yet.
    pub fn has_unsaved(&self) -> bool {
        self.background.as_ref().is_some_and(|b| !b.pending.is_empty())
    }

    /// Background writes that finished since the last call (not yet
    /// settled: pass each to [`Session::settle`]).
    pub fn take_write_outcomes(&mut self) -> Vec<WriteOutcome> {
        let Some(bg) = &self.background else { return Vec::new() };
        bg.writer
            .take_outcomes()
            .into_iter()
            .map(|o| WriteOutcome {
                ticket: o.ticket,
                failure: o.result.err().map(|e| writer::SaveError::of(&e)),
            })
            .collect()
    }

    /// Waits up to `timeout` for the next background outcome (tests).
    pub fn wait_write_outcome(&mut self, timeout: std::time::Duration) -> Option<WriteOutcome> {
        let o = self.background.as_ref()?.writer.wait_outcome(timeout)?;
        Some(WriteOutcome {
            ticket: o.ticket,
            failure: o.result.err().map(|e| writer::SaveError::of(&e)),
        })
    }

    /// Takes a background write's outcome into account. A failure retires
    /// the writer id (its log is never written again), and the state is
    /// folded again from disk without the events that were not saved.
    pub fn settle(&mut self, outcome: WriteOutcome) -> Result<()> {
        let Some(bg) = self.background.as_mut() else {
            return Ok(());
        };
        let Some(at) = bg.pending.iter().position(|(t, _)| *t == outcome.ticket) else {
            return Ok(());
        };
        if outcome.failure.is_none() {
            bg.pending.remove(at);
            return Ok(());
        }
        // Every event of this writer id after the failed one fails too; all
        // pending events carry the current id, so none of them is saved.
        bg.actor = None;
        bg.seq = 0;
        for (_, note) in std::mem::take(&mut bg.pending) {
            if let Some(id) = note {
                self.own_texts.remove(&id);
            }
        }
        self.reload_state()
    }

    /// Folds the state again from the logs on disk.
    pub(super) fn reload_state(&mut self) -> Result<()> {
        self.state = SessionState::default();
        self.reader = LogReader::new(self.dir.join(LOG_DIR));
        self.state.begin_bulk();
        let loaded = self.refresh();
        self.state.end_bulk();
        loaded.map(|_| ())
    }

    /// Stamps a change, applies it at once and hands it to the background
    /// writer; the outcome arrives later.
    pub(super) fn append_in_background(&mut self, change: Change) -> Result<()> {
        let wall_ms = self.clock.now_ms();
        let lamport = crate::model::event::limits::next_counter(self.state.max_lamport());
        let by = self.by.clone();
        let faults = self.faults.clone();
        let Some(bg) = self.background.as_mut() else {
            return Err(Error::Invalid("no background writer".into()));
        };
        let fresh = bg.actor.is_none();
        let actor = bg
            .actor
            .get_or_insert_with(|| Arc::from(ulid::Ulid::new().to_string().to_lowercase()))
            .clone();
        let ev = Event {
            seq: bg.seq + 1,
            lamport,
            wall_ms,
            c: change,
        };
        // Readers ignore out-of-range and oversized events: never hand one over.
        ev.check_bounds()
            .map_err(|why| Error::Invalid(format!("not saved: {why}")))?;
        if log::encode_record(&ev).len() > log::MAX_RECORD_BYTES {
            return Err(Error::Invalid(format!(
                "not saved: the entry is longer than {} MiB",
                log::MAX_RECORD_BYTES >> 20
            )));
        }
        let ticket = bg.ticket + 1;
        bg.writer.send(writer::Job {
            ticket,
            actor: actor.clone(),
            by,
            event: ev.clone(),
            faults,
        })?;
        bg.ticket = ticket;
        bg.seq = ev.seq;
        let text_of = own_text(&ev.c);
        bg.pending.push((ticket, text_of.as_ref().map(|(id, _)| id.clone())));
        if fresh {
            if let Some(clocks) = self.clocks.as_mut() {
                clocks.announce(&actor);
            }
        }
        if let Some((id, text)) = text_of {
            self.own_texts.insert(id, text);
        }
        let key = OrderKey {
            lamport: ev.lamport,
            actor,
            seq: ev.seq,
        };
        // The reader skips this event when it reads our own log.
        self.reader.skip_own(&key);
        self.state.apply(&key, ev);
        Ok(())
    }
}
