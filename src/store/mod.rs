//! The session folder on disk: `session.json` (the plan, written by people)
//! and `log/*.jsonl` (runde's events, one append-only file per writer).
//! [`Folder`] reads both and appends this writer's events (the one append
//! path, [`append`]); [`Session`] is a folder with the [`Replica`] folded
//! from it and this writer's undo history, as the CLI uses it.
pub mod append;
pub mod check;
pub mod create;
pub mod drafts;
pub mod files;
pub mod folder;
pub mod listing;
pub mod log;
pub mod paths;
pub mod plan_file;
pub mod plan_guard;
pub mod presence;
pub mod probe;
pub mod review;
pub mod scan;
pub mod sync;
pub mod templates;
pub mod watch;
pub mod writer;

mod meeting;
mod notes;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::error::Result;
use crate::model::event::NewNote;
use crate::model::history::History;
pub use crate::model::history::{UndoEntry, UndoOutcome};
pub use crate::model::replica::ClockOff;
use crate::model::rules;
pub use crate::model::rules::TimerCommand;
use crate::model::{Change, Plan, Replica, SessionState};
pub use append::WriteOutcome;
pub use folder::Folder;

/// File name of the plan inside a session folder.
pub use crate::model::plan::PLAN_FILE;
/// Folder of the event logs inside a session folder.
pub const LOG_DIR: &str = "log";

/// An open session folder with its folded state.
pub struct Session {
    folder: Folder,
    replica: Replica,
    history: History,
    by: Option<String>,
    /// The language recorded on notes this session adds (`None`: unnamed).
    note_lang: Option<crate::model::Lang>,
    /// The text this writer last gave each note, to notice when someone
    /// else's later edit replaced it (last writer wins).
    own_texts: std::collections::HashMap<String, String>,
    /// Notes whose text of ours was replaced, not yet reported.
    replaced: Vec<String>,
    /// The last ticket given out (background writes).
    ticket: u64,
    /// Tickets handed to the background writer without an outcome yet,
    /// with the note whose text they set (if any).
    pending: Vec<(u64, Option<String>)>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("dir", &self.folder.dir())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Opens the session in `dir` with the system clock.
    pub fn open(dir: &Path) -> Result<Session> {
        Session::open_with_clock(dir, Arc::new(SystemClock))
    }

    /// Opens the session in `dir`, reading time from `clock`.
    pub fn open_with_clock(dir: &Path, clock: Arc<dyn Clock>) -> Result<Session> {
        let (folder, replica) = Folder::open(dir, clock)?;
        Ok(Session::from_parts(folder, replica))
    }

    /// A session of an open folder and what was folded from it.
    pub fn from_parts(folder: Folder, replica: Replica) -> Session {
        Session {
            folder,
            replica,
            history: History::default(),
            by: None,
            note_lang: None,
            own_texts: std::collections::HashMap::new(),
            replaced: Vec::new(),
            ticket: 0,
            pending: Vec::new(),
        }
    }

    /// The folder and the replica, apart (a view's runtime keeps the one,
    /// its app the other).
    pub fn into_parts(self) -> (Folder, Replica) {
        (self.folder, self.replica)
    }

    /// Injects write and fsync failures into this session's writes (tests of
    /// full disks and I/O errors).
    pub fn set_fault_injector(&mut self, faults: Option<log::FaultInjector>) {
        self.folder.set_fault_injector(faults);
    }

    /// Sets the author recorded on notes this session adds.
    pub fn set_author(&mut self, by: Option<String>) {
        self.by = by.filter(|b| !b.trim().is_empty());
        self.folder.set_author(self.by.clone());
    }

    /// Sets the language recorded on notes this session adds.
    pub fn set_note_lang(&mut self, lang: Option<crate::model::Lang>) {
        self.note_lang = lang;
    }

    /// Sets the words added to the title of a place the plan lacks.
    pub fn label_orphans(&mut self, word: &str) {
        self.replica.label_orphans(word);
    }

    /// The author of this session's notes.
    pub fn author(&self) -> Option<&str> {
        self.by.as_deref()
    }

    /// The session folder.
    pub fn dir(&self) -> &Path {
        self.folder.dir()
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        self.replica.plan()
    }

    /// The folded state.
    pub fn state(&self) -> &SessionState {
        self.replica.state()
    }

    /// The clock this session reads.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        self.folder.clock()
    }

    /// Current wall time from the session's clock.
    pub fn now_ms(&self) -> i64 {
        self.folder.now_ms()
    }

    /// Re-reads `session.json` (edited by `runde prepare` or `plan --edit`);
    /// true when the plan changed. A plan that does not parse is ignored.
    pub fn reload_plan(&mut self) -> bool {
        match self.folder.reload_plan() {
            Some(plan) => {
                self.replica.set_plan(plan);
                true
            }
            None => false,
        }
    }

    /// Lines of the logs that were reported and ignored: out-of-range
    /// values, claimed identities, oversized records (`runde check` lists them).
    pub fn rejected(&self) -> Vec<log::Rejected> {
        self.folder.rejected()
    }

    /// Writers whose clocks disagree with the log by more than a minute:
    /// behind (their timer facts were placed later than stamped, see
    /// `model::state::timers`) or ahead (stamped in our future), largest
    /// first. Each with its log file and the name its header gives.
    pub fn clocks_off(&self) -> Vec<ClockOff> {
        self.folder.clocks_off(self.replica.state())
    }

    /// Entries of `log/` that are not read (links, folders, FIFOs, names
    /// that are not UTF-8, files that cannot be opened): `runde check`
    /// names them; for everyone else they simply are not there.
    pub fn skipped(&self) -> Vec<listing::Skipped> {
        self.folder.skipped()
    }

    /// Starts measuring clock differences to the other open views (see
    /// [`probe`]); only views do this, CLI calls never write probes.
    pub fn enable_clock_probes(&mut self) {
        self.folder.enable_clock_probes();
    }

    /// How far the clock of the writer `actor` is behind ours (see
    /// [`Folder::skew_of`]).
    pub fn skew_of(&self, actor: &str) -> Option<i64> {
        self.folder.skew_of(actor)
    }

    /// The largest proven clock difference to any other view.
    pub fn largest_skew(&self) -> Option<i64> {
        self.folder.largest_skew()
    }

    /// Conflict copies of the plan found at the last refresh.
    pub fn plan_conflicts(&self) -> &[PathBuf] {
        self.folder.plan_conflicts()
    }

    /// Reads other writers' new events. Returns true when anything changed.
    pub fn refresh(&mut self) -> Result<bool> {
        let polled = self.folder.poll()?;
        let count = self.replica.apply_read(polled.events, Some(polled.read_at));
        if count > 0 {
            self.notice_replaced_texts();
        }
        Ok(count > 0 || polled.conflicts_changed)
    }

    /// Moves notes whose text of ours another writer replaced to `replaced`.
    fn notice_replaced_texts(&mut self) {
        let state = self.replica.state();
        let gone: Vec<String> = self
            .own_texts
            .iter()
            .filter(|(id, text)| state.note(id).is_some_and(|n| !n.deleted && n.text != **text))
            .map(|(id, _)| id.clone())
            .collect();
        for id in gone {
            self.own_texts.remove(&id);
            self.replaced.push(id);
        }
    }

    /// Notes where someone else's edit replaced this writer's text since
    /// the last call (each reported once).
    pub fn take_replaced(&mut self) -> Vec<String> {
        std::mem::take(&mut self.replaced)
    }

    /// Places (board, section) of live notes that the plan file does not
    /// have (see [`Replica::orphans`]).
    pub fn orphans(&self) -> &[(String, String)] {
        self.replica.orphans()
    }

    /// Appends a change durably, then applies it. Returns once on disk —
    /// or, after [`Session::write_in_background`], once handed over.
    pub fn append(&mut self, change: Change) -> Result<()> {
        self.append_all(vec![change])
    }

    /// Appends changes as one write (all or none), then applies them.
    pub fn append_all(&mut self, changes: Vec<Change>) -> Result<()> {
        let ticket = self.ticket + 1;
        let own: Vec<(String, String)> = changes.iter().filter_map(Change::set_text).collect();
        let stamped = self
            .folder
            .append(self.replica.state().max_lamport(), changes, ticket)?;
        if self.folder.writes_in_background() {
            self.ticket = ticket;
            self.pending.push((ticket, own.last().map(|(id, _)| id.clone())));
        }
        self.own_texts.extend(own);
        self.replica.apply_own(stamped);
        Ok(())
    }

    /// Appends a review fact (see [`review`]) durably, then applies it.
    pub(crate) fn append_review(&mut self, change: Change) -> Result<()> {
        let stamped = self.folder.append_review(self.replica.state().max_lamport(), change)?;
        self.replica.apply_own([stamped]);
        Ok(())
    }

    // ----- background writes --------------------------------------------

    /// Hands every later write to a background thread (views): an append
    /// returns at once, its outcome arrives through
    /// [`Session::take_write_outcomes`] after `wake` was called.
    pub fn write_in_background(&mut self, wake: Box<dyn Fn() + Send>) -> Result<()> {
        self.folder.write_in_background(wake)
    }

    /// True while writes go through the background thread.
    pub fn writes_in_background(&self) -> bool {
        self.folder.writes_in_background()
    }

    /// The ticket of the last background write handed over (0: none yet).
    pub fn last_ticket(&self) -> u64 {
        self.ticket
    }

    /// True while a background write setting this note's text has no
    /// outcome yet.
    pub fn is_unsaved(&self, note: &str) -> bool {
        self.pending.iter().any(|(_, id)| id.as_deref() == Some(note))
    }

    /// True while any background write has no outcome yet.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Background writes that finished since the last call (not yet
    /// settled: pass each to [`Session::settle`]).
    pub fn take_write_outcomes(&mut self) -> Vec<WriteOutcome> {
        self.folder.take_write_outcomes()
    }

    /// Waits up to `timeout` for the next background outcome (tests).
    pub fn wait_write_outcome(&mut self, timeout: std::time::Duration) -> Option<WriteOutcome> {
        self.folder.wait_write_outcome(timeout)
    }

    /// Takes a background write's outcome into account. After a failure
    /// the state is folded again from disk without the events that were
    /// not saved (every pending one: they carry the retired writer id).
    pub fn settle(&mut self, outcome: WriteOutcome) -> Result<()> {
        let Some(at) = self.pending.iter().position(|(t, _)| *t == outcome.ticket) else {
            return Ok(());
        };
        if outcome.failure.is_none() {
            self.pending.remove(at);
            return Ok(());
        }
        for (_, note) in std::mem::take(&mut self.pending) {
            if let Some(id) = note {
                self.own_texts.remove(&id);
            }
        }
        self.replica.clear_state();
        let polled = self.folder.reread()?;
        self.replica.apply_read(polled.events, Some(polled.read_at));
        Ok(())
    }
}

/// Rejects empty note text and normalises line endings.
fn checked_text(text: &str) -> Result<String> {
    Ok(rules::checked_text(text)?)
}
