//! The session folder on disk: `session.json` (the plan, written by people)
//! and `log/*.jsonl` (runde's events, one append-only file per writer).
//! [`Session`] loads both, folds the events into [`SessionState`], appends
//! new events durably and picks up other processes' changes.
pub mod check;
pub mod create;
pub mod durable;
pub mod log;
pub mod paths;
pub mod plan_file;
pub mod presence;
pub mod probe;
pub mod scan;
pub mod sync;
pub mod templates;
pub mod watch;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::model::event::NewNote;
use crate::model::rules;
pub use crate::model::rules::TimerCommand;
use crate::model::{Change, Event, NoteFields, NoteKind, Plan, SessionState, Signal, TimerOp};
use durable::refuse_symlink;
use log::{LogReader, LogWriter, OrderKey};

/// An event stamped further than this into the future comes from a writer
/// whose clock is far ahead; its time is clamped to the reader's. Smaller
/// offsets are corrected for when drawing (see [`Session::skew_of`]).
const FUTURE_TOLERANCE_MS: i64 = 60_000;

/// File name of the plan inside a session folder.
pub const PLAN_FILE: &str = "session.json";
/// Folder of the event logs inside a session folder.
pub const LOG_DIR: &str = "log";

/// One reversible action of this writer: the fields before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    /// The note acted on.
    pub note: String,
    /// Field values before the action.
    pub before: NoteFields,
    /// Field values after the action.
    pub after: NoteFields,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    /// The note restored.
    pub note: String,
    /// Someone else changed the note since; their change was overwritten.
    pub conflict: bool,
}

/// An open session folder.
pub struct Session {
    dir: PathBuf,
    plan: Plan,
    state: SessionState,
    reader: LogReader,
    writer: Option<LogWriter>,
    by: Option<String>,
    clock: Arc<dyn Clock>,
    undo: Vec<UndoEntry>,
    redo: Vec<UndoEntry>,
    faults: Option<log::FaultInjector>,
    /// Writers seen stamping events more than a minute in the future, with
    /// the largest such offset (negative: ahead of us); reported as skew.
    ahead: std::collections::HashMap<Arc<str>, i64>,
    /// Places (board, section) of notes the plan file does not have; the
    /// plan in memory gains a section for each, so no note ever disappears.
    orphans: Vec<(String, String)>,
    /// A view's clock exchange with the other views (off for CLI calls).
    clocks: Option<probe::ClockExchange>,
    /// Conflict copies of the plan a sync engine left next to it.
    plan_conflicts: Vec<PathBuf>,
    /// The text this writer last gave each note, to notice when someone
    /// else's later edit replaced it (last writer wins).
    own_texts: std::collections::HashMap<String, String>,
    /// Notes whose text of ours was replaced, not yet reported.
    replaced: Vec<String>,
    /// The language recorded on notes this session adds (`None`: unnamed).
    note_lang: Option<crate::model::Lang>,
    /// Writes on a background thread (views); `None`: every append waits
    /// for its fsync (the CLI).
    background: Option<Background>,
}

/// The state of background writes: the writer id events are stamped with
/// and the events handed over but not yet known to be on disk.
#[derive(Debug)]
struct Background {
    writer: writer::BackgroundWriter,
    /// The writer id of the events being written; a failure retires it.
    actor: Option<Arc<str>>,
    /// The last sequence number given out under `actor`.
    seq: u64,
    /// The last ticket given out.
    ticket: u64,
    /// Tickets handed to the thread without an outcome yet, with the note
    /// whose text they set (if any).
    pending: Vec<(u64, Option<String>)>,
}

/// A background write's outcome, as the views receive it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOutcome {
    /// The write's ticket (see [`Session::last_ticket`]).
    pub ticket: u64,
    /// `None` once on disk; why it failed otherwise.
    pub failure: Option<writer::SaveError>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("dir", &self.dir)
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
        if !dir.is_dir() {
            return Err(Error::Invalid(format!("{}: no such session folder", dir.display())));
        }
        let plan_path = dir.join(PLAN_FILE);
        if !plan_path.exists() {
            return Err(Error::Invalid(format!(
                "{}: not a runde session (no {PLAN_FILE}); create one with `runde new`",
                dir.display()
            )));
        }
        refuse_symlink(&plan_path)?;
        refuse_symlink(&dir.join(LOG_DIR))?;
        let plan = crate::store::plan_file::read_plan(&plan_path)?;
        let mut session = Session {
            dir: dir.to_path_buf(),
            plan,
            state: SessionState::default(),
            reader: LogReader::new(dir.join(LOG_DIR)),
            writer: None,
            by: None,
            clock,
            undo: Vec::new(),
            redo: Vec::new(),
            faults: None,
            ahead: std::collections::HashMap::new(),
            orphans: Vec::new(),
            clocks: None,
            plan_conflicts: Vec::new(),
            own_texts: std::collections::HashMap::new(),
            replaced: Vec::new(),
            note_lang: None,
            background: None,
        };
        session.state.begin_bulk();
        let loaded = session.refresh();
        session.state.end_bulk();
        loaded?;
        Ok(session)
    }

    /// Injects write and fsync failures into this session's writes (tests of
    /// full disks and I/O errors).
    pub fn set_fault_injector(&mut self, faults: Option<log::FaultInjector>) {
        if let Some(w) = self.writer.as_mut() {
            w.set_faults(faults.clone());
        }
        self.faults = faults;
    }

    /// Sets the author recorded on notes this session adds.
    pub fn set_author(&mut self, by: Option<String>) {
        self.by = by.filter(|b| !b.trim().is_empty());
    }

    /// Sets the language recorded on notes this session adds.
    pub fn set_note_lang(&mut self, lang: Option<crate::model::Lang>) {
        self.note_lang = lang;
    }

    /// The author of this session's notes.
    pub fn author(&self) -> Option<&str> {
        self.by.as_deref()
    }

    /// The session folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Re-reads `session.json` (edited by `runde prepare` or `plan --edit`);
    /// true when the plan changed. A plan that does not parse is ignored.
    pub fn reload_plan(&mut self) -> bool {
        match crate::store::plan_file::read_plan(&self.dir.join(PLAN_FILE)) {
            Ok(plan) if plan != self.plan => {
                self.plan = plan;
                true
            }
            _ => false,
        }
    }

    /// The folded state.
    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// The clock this session reads.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Current wall time from the session's clock.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Lines of the logs that were reported and ignored: out-of-range
    /// values, claimed identities, oversized records (`runde check` lists them).
    pub fn rejected(&self) -> Vec<log::Rejected> {
        self.reader.rejected()
    }

    /// Starts measuring clock differences to the other open views (see
    /// [`probe`]); only views do this, CLI calls never write probes.
    pub fn enable_clock_probes(&mut self) {
        let mut clocks = probe::ClockExchange::new(&self.dir, self.clock.now_ms());
        if let Some(w) = &self.writer {
            clocks.announce(w.actor());
        }
        clocks.poll(self.clock.now_ms());
        self.clocks = Some(clocks);
    }

    /// How far the clock of the writer `actor` is behind ours, in ms
    /// (negative: ahead), when a probe round trip proved a difference of
    /// more than a second beyond the measurement's uncertainty.
    pub fn skew_of(&self, actor: &str) -> Option<i64> {
        let estimate = self.clocks.as_ref()?.estimate_for_actor(actor)?;
        // A writer more than a minute ahead has its events' times clamped
        // to ours as they arrive (see `refresh`): no correction is left.
        estimate
            .credible(1000)
            .map(|offset| -offset)
            .filter(|s| *s >= -FUTURE_TOLERANCE_MS)
    }

    /// The largest proven clock difference to any other view (same sign as
    /// [`Session::skew_of`]). A sync engine's delivery delay never counts.
    pub fn largest_skew(&self) -> Option<i64> {
        let probed = self
            .clocks
            .iter()
            .flat_map(|c| c.estimates())
            .filter_map(|e| e.credible(1000))
            .map(|offset| -offset);
        probed.chain(self.ahead.values().copied()).max_by_key(|s| s.abs())
    }

    /// Conflict copies of the plan found at the last refresh.
    pub fn plan_conflicts(&self) -> &[PathBuf] {
        &self.plan_conflicts
    }

    /// Reads other writers' new events. Returns true when anything changed.
    pub fn refresh(&mut self) -> Result<bool> {
        let state = &mut self.state;
        let now = self.clock.now_ms();
        let ahead = &mut self.ahead;
        let count = self.reader.poll_into(&mut |key, mut ev| {
            // Nothing can have happened after now: a timer paused by a host
            // an hour ahead is paused now, not in an hour.
            let sample = now.saturating_sub(ev.wall_ms);
            if sample < -FUTURE_TOLERANCE_MS {
                let entry = ahead.entry(key.actor.clone()).or_insert(sample);
                *entry = (*entry).min(sample);
                ev.wall_ms = now;
            }
            state.apply(&key, ev)
        })?;
        let conflicts = sync::plan_conflicts(&self.dir);
        let conflicts_changed = conflicts != self.plan_conflicts;
        self.plan_conflicts = conflicts;
        if let Some(clocks) = self.clocks.as_mut() {
            clocks.poll(self.clock.now_ms());
        }
        if count > 0 {
            self.adopt_orphans();
            self.notice_replaced_texts();
        }
        Ok(count > 0 || conflicts_changed)
    }

    /// Moves notes whose text of ours another writer replaced to `replaced`.
    fn notice_replaced_texts(&mut self) {
        let state = &self.state;
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
    /// have (a plan edited while notes were written): shown and exported
    /// under their old ids, with a warning in the title.
    pub fn orphans(&self) -> &[(String, String)] {
        &self.orphans
    }

    /// Gives every note whose board or section the plan lacks a section in
    /// the plan in memory (never on disk), titled with a warning.
    fn adopt_orphans(&mut self) {
        let missing: std::collections::BTreeSet<(String, String)> = self
            .state
            .live_notes()
            .filter(|n| self.plan.board(&n.board).and_then(|b| b.section(&n.section)).is_none())
            .map(|n| (n.board.clone(), n.section.clone()))
            .collect();
        let warning = crate::i18n::strings(self.plan.lang).not_in_plan;
        for (board, section) in missing {
            let title = format!("⚠ {section} ({warning})");
            let place = crate::model::Section {
                id: section.clone(),
                title,
                lead: None,
            };
            match self.plan.boards.iter_mut().find(|b| b.id == board) {
                Some(b) => b.sections.push(place),
                None => self.plan.boards.push(crate::model::Board::new(
                    &board,
                    crate::model::BoardKind::Workshop,
                    &format!("⚠ {board} ({warning})"),
                    vec![place],
                )),
            }
            self.orphans.push((board, section));
        }
    }

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
    fn reload_state(&mut self) -> Result<()> {
        self.state = SessionState::default();
        self.reader = LogReader::new(self.dir.join(LOG_DIR));
        self.state.begin_bulk();
        let loaded = self.refresh();
        self.state.end_bulk();
        loaded.map(|_| ())
    }

    /// Stamps a change, applies it at once and hands it to the background
    /// writer; the outcome arrives later.
    fn append_in_background(&mut self, change: Change) -> Result<()> {
        let wall_ms = self.clock.now_ms();
        let lamport = self.state.max_lamport().saturating_add(1);
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

    /// Appends a change durably, then applies it. Returns once on disk —
    /// or, after [`Session::write_in_background`], once handed over.
    pub fn append(&mut self, change: Change) -> Result<()> {
        if self.background.is_some() {
            return self.append_in_background(change);
        }
        let wall_ms = self.clock.now_ms();
        if self.writer.is_none() {
            let log_dir = self.dir.join(LOG_DIR);
            let writer = LogWriter::create_with_faults(&log_dir, self.by.as_deref(), wall_ms, self.faults.clone())?;
            if let Some(clocks) = self.clocks.as_mut() {
                clocks.announce(writer.actor());
            }
            self.writer = Some(writer);
        }
        let Some(writer) = self.writer.as_mut() else {
            return Err(Error::Invalid("no log writer".into()));
        };
        let ev = Event {
            seq: writer.next_seq(),
            lamport: self.state.max_lamport().saturating_add(1),
            wall_ms,
            c: change,
        };
        // Readers ignore out-of-range events: never acknowledge one.
        ev.check_bounds()
            .map_err(|why| Error::Invalid(format!("not saved: {why}")))?;
        let line_len = match writer.append(&ev) {
            Ok(n) => n,
            Err(e) => {
                // Never fsync the same file again after a failure (fsyncgate):
                // the next append starts a fresh log file.
                self.writer = None;
                return Err(e);
            }
        };
        let key = OrderKey {
            lamport: ev.lamport,
            actor: writer.actor().clone(),
            seq: ev.seq,
        };
        if let Some((id, text)) = own_text(&ev.c) {
            self.own_texts.insert(id, text);
        }
        let file_name = writer.file_name().to_string();
        let header_len = writer.header_len();
        self.reader.note_own(&file_name, header_len, &key, line_len);
        self.state.apply(&key, ev);
        Ok(())
    }

    // ----- notes -------------------------------------------------------

    /// Adds a note; returns its id once it is durable.
    pub fn add_note(
        &mut self,
        board: &str,
        section: Option<&str>,
        text: &str,
        kind: NoteKind,
        starred: bool,
    ) -> Result<String> {
        let id = ulid::Ulid::new().to_string().to_lowercase();
        self.add_note_with_id(id, board, section, text, kind, starred)
    }

    /// Adds a topic carried over from an earlier meeting.
    pub fn add_carried(
        &mut self,
        board: &str,
        text: &str,
        kind: NoteKind,
        origin: crate::model::Origin,
    ) -> Result<String> {
        let (board, section) = self.resolve_place(board, None)?;
        let id = ulid::Ulid::new().to_string().to_lowercase();
        self.append_at_end(NewNote {
            id: id.clone(),
            board,
            section,
            text: checked_text(text)?,
            kind,
            starred: false,
            by: None,
            pos: String::new(),
            origin: Some(origin),
            sources: Vec::new(),
            lang: None,
        })?;
        Ok(id)
    }

    /// Adds a note with a given id. Retrying a failed add with the same id
    /// is safe: the record is written again (a failed fsync proves nothing
    /// about the first copy) and the fold keeps one note per id.
    pub fn add_note_with_id(
        &mut self,
        id: String,
        board: &str,
        section: Option<&str>,
        text: &str,
        kind: NoteKind,
        starred: bool,
    ) -> Result<String> {
        let note = self.new_note(id, board, section, text, kind, starred)?;
        self.add_new_note(note)
    }

    /// Adds a finding on the plan's first findings board that links to its
    /// source notes (ids or unique prefixes); undoable like any new note.
    pub fn add_finding_with_id(
        &mut self,
        id: String,
        text: &str,
        kind: NoteKind,
        sources: &[String],
    ) -> Result<String> {
        let board = rules::findings_board(&self.plan)?;
        let mut note = self.new_note(id, &board, None, text, kind, false)?;
        for source in sources {
            let source = self.resolve_note_id(source)?;
            if !note.sources.contains(&source) {
                note.sources.push(source);
            }
        }
        self.add_new_note(note)
    }

    /// A new note by this writer, its place checked against the plan.
    fn new_note(
        &self,
        id: String,
        board: &str,
        section: Option<&str>,
        text: &str,
        kind: NoteKind,
        starred: bool,
    ) -> Result<NewNote> {
        let (board, section) = self.resolve_place(board, section)?;
        Ok(NewNote {
            id,
            board,
            section,
            text: checked_text(text)?,
            kind,
            starred,
            by: self.by.clone(),
            pos: String::new(),
            origin: None,
            sources: Vec::new(),
            lang: self.note_lang,
        })
    }

    /// Writes a new note at the end of its section and makes it undoable.
    fn add_new_note(&mut self, note: NewNote) -> Result<String> {
        let id = note.id.clone();
        self.append_at_end(note)?;
        self.push_undo(UndoEntry {
            note: id.clone(),
            before: NoteFields {
                deleted: Some(true),
                ..NoteFields::default()
            },
            after: NoteFields {
                deleted: Some(false),
                ..NoteFields::default()
            },
        });
        Ok(id)
    }

    /// Writes a new note at the end of its section. The note itself is
    /// skipped when finding the end, so a retry lands where the first
    /// attempt did.
    fn append_at_end(&mut self, mut note: NewNote) -> Result<()> {
        let placement = rules::place_in(&self.state, &note.board, &note.section, &note.id, None)?;
        self.append_all(placement.respaced)?;
        note.pos = placement.pos;
        self.append(Change::NoteAdded(note))
    }

    /// Appends changes one after the other.
    fn append_all(&mut self, changes: Vec<Change>) -> Result<()> {
        changes.into_iter().try_for_each(|change| self.append(change))
    }

    /// Replaces a note's text.
    pub fn edit_note(&mut self, id: &str, text: &str) -> Result<()> {
        let text = checked_text(text)?;
        self.update_note(
            id,
            NoteFields {
                text: Some(text),
                ..NoteFields::default()
            },
        )
    }

    /// Deletes a note (undoable).
    pub fn delete_note(&mut self, id: &str) -> Result<()> {
        self.update_note(
            id,
            NoteFields {
                deleted: Some(true),
                ..NoteFields::default()
            },
        )
    }

    /// Stars or unstars a note.
    pub fn set_starred(&mut self, id: &str, starred: bool) -> Result<()> {
        self.update_note(
            id,
            NoteFields {
                starred: Some(starred),
                ..NoteFields::default()
            },
        )
    }

    /// Sets a note's kind.
    pub fn set_kind(&mut self, id: &str, kind: NoteKind) -> Result<()> {
        self.update_note(
            id,
            NoteFields {
                kind: Some(kind),
                ..NoteFields::default()
            },
        )
    }

    /// Marks a note as a follow-up to carry, or as done.
    pub fn set_flags(&mut self, id: &str, follow_up: Option<bool>, done: Option<bool>) -> Result<()> {
        self.update_note(
            id,
            NoteFields {
                follow_up,
                done,
                ..NoteFields::default()
            },
        )
    }

    /// Moves a note to another board/section, before `before` or at the end.
    pub fn move_note(
        &mut self,
        id: &str,
        board: Option<&str>,
        section: Option<&str>,
        before: Option<&str>,
    ) -> Result<()> {
        let moved = rules::move_note(&self.plan, &self.state, id, board, section, before)?;
        self.append_all(moved.respaced)?;
        self.update_note(&moved.note, moved.fields)
    }

    /// Moves a note one place up (-1) or down (+1) within its section.
    pub fn reorder_note(&mut self, id: &str, delta: i32) -> Result<bool> {
        let Some(to) = rules::reorder_target(&self.state, id, delta)? else {
            return Ok(false);
        };
        let before = match &to {
            rules::ReorderTo::Before(b) => Some(b.as_str()),
            rules::ReorderTo::End => None,
        };
        self.move_note(id, None, None, before)?;
        Ok(true)
    }

    /// Applies field changes to a live note and records them for undo.
    fn update_note(&mut self, id: &str, fields: NoteFields) -> Result<()> {
        let Some((id, before)) = rules::note_update(&self.state, id, &fields)? else {
            return Ok(());
        };
        self.append(Change::NoteSet {
            id: id.clone(),
            fields: fields.clone(),
        })?;
        self.push_undo(UndoEntry {
            note: id,
            before,
            after: fields,
        });
        Ok(())
    }

    fn push_undo(&mut self, entry: UndoEntry) {
        self.undo.push(entry);
        self.redo.clear();
    }

    /// Reverts this writer's last note action.
    pub fn undo(&mut self) -> Result<Option<UndoOutcome>> {
        self.step_history(false)
    }

    /// Re-applies the last undone action.
    pub fn redo(&mut self) -> Result<Option<UndoOutcome>> {
        self.step_history(true)
    }

    /// Moves one entry between the undo and redo stacks, writing the fields
    /// it restores; on failure the entry stays where it was.
    fn step_history(&mut self, forward: bool) -> Result<Option<UndoOutcome>> {
        let from = if forward { &mut self.redo } else { &mut self.undo };
        let Some(entry) = from.pop() else {
            return Ok(None);
        };
        let (expected, target) = if forward {
            (&entry.before, &entry.after)
        } else {
            (&entry.after, &entry.before)
        };
        let result = self.replay(&entry.note, expected, target);
        let to = match (forward, result.is_ok()) {
            (true, true) | (false, false) => &mut self.undo,
            (false, true) | (true, false) => &mut self.redo,
        };
        to.push(entry);
        result.map(Some)
    }

    fn replay(&mut self, id: &str, expected: &NoteFields, target: &NoteFields) -> Result<UndoOutcome> {
        let note = self
            .state
            .note(id)
            .ok_or_else(|| rules::RuleError::UnknownNote(id.to_string()))?;
        let conflict = note.snapshot_of(expected) != *expected;
        self.append(Change::NoteSet {
            id: id.to_string(),
            fields: target.clone(),
        })?;
        Ok(UndoOutcome {
            note: id.to_string(),
            conflict,
        })
    }

    /// A live (not deleted) note by exact id.
    pub fn live_note(&self, id: &str) -> Result<&crate::model::Note> {
        Ok(rules::live_note(&self.state, id)?)
    }

    /// Resolves a full note id or a unique prefix of one (case-insensitive).
    pub fn resolve_note_id(&self, id: &str) -> Result<String> {
        Ok(rules::resolve_note_id(&self.state, id)?)
    }

    /// Checks board and section against the plan; defaults to the first section.
    pub fn resolve_place(&self, board: &str, section: Option<&str>) -> Result<(String, String)> {
        Ok(rules::resolve_place(&self.plan, board, section)?)
    }

    // ----- timers, phases, messages -------------------------------------

    /// The boards a timer command without `--board` acts on: the boards of
    /// the current phase, or every board with a timer length.
    pub fn default_timer_boards(&self) -> Vec<String> {
        rules::default_timer_boards(&self.plan, &self.state)
    }

    /// Applies a timer operation to one board; returns false if it changed nothing.
    pub fn timer(&mut self, board: &str, op: TimerCommand) -> Result<bool> {
        Ok(self.timer_step(board, op)?.is_some())
    }

    /// Applies a timer operation to one board; returns the operation
    /// written and the timer's facts just before it (for undo), or `None`
    /// if it changed nothing. Lengthening an idle timer lengthens its
    /// planned duration.
    pub fn timer_step(&mut self, board: &str, op: TimerCommand) -> Result<Option<(TimerOp, crate::model::TimerFacts)>> {
        let Some((op, facts)) = rules::timer_step(&self.plan, &self.state, board, op)? else {
            return Ok(None);
        };
        self.timer_ops(board, &[op])?;
        Ok(Some((op, facts)))
    }

    /// Writes timer operations on one board as they are (undo, countdowns).
    pub fn timer_ops(&mut self, board: &str, ops: &[TimerOp]) -> Result<()> {
        rules::require_board(&self.plan, board)?;
        for op in ops {
            self.append(Change::Timer {
                board: board.to_string(),
                op: *op,
            })?;
        }
        Ok(())
    }

    /// Sets the current agenda phase.
    pub fn set_phase(&mut self, phase: Option<&str>) -> Result<()> {
        match rules::set_phase(&self.plan, &self.state, phase)? {
            Some(change) => self.append(change),
            None => Ok(()),
        }
    }

    /// Moves to the next (+1) or previous (-1) agenda phase.
    pub fn step_phase(&mut self, delta: i32) -> Result<Option<String>> {
        let next = rules::phase_step(&self.plan, &self.state, delta)?;
        self.set_phase(next.as_deref())?;
        Ok(next)
    }

    /// Broadcasts a message to everyone or to one board; an empty text
    /// clears the message shown there.
    pub fn broadcast(&mut self, text: &str, board: Option<&str>) -> Result<()> {
        self.broadcast_until(text, board, None)
    }

    /// Broadcasts a message that is shown until wall time `until_ms` (if given).
    pub fn broadcast_until(&mut self, text: &str, board: Option<&str>, until_ms: Option<i64>) -> Result<()> {
        let change = rules::broadcast(&self.plan, text, board, until_ms)?;
        self.append(change)
    }

    /// Sends a group's signal to the facilitator.
    pub fn signal(&mut self, board: &str, signal: Signal) -> Result<()> {
        let change = rules::signal(&self.plan, board, signal)?;
        self.append(change)
    }

    /// Acknowledges a group's pending signal.
    pub fn acknowledge_signal(&mut self, board: &str) -> Result<bool> {
        let Some(change) = rules::acknowledge_signal(&self.state, board) else {
            return Ok(false);
        };
        self.append(change)?;
        Ok(true)
    }
}

/// The note and text a change of ours gives it, if it sets a text.
fn own_text(change: &Change) -> Option<(String, String)> {
    match change {
        Change::NoteAdded(n) => Some((n.id.clone(), n.text.clone())),
        Change::NoteSet {
            id,
            fields: NoteFields { text: Some(t), .. },
        } => Some((id.clone(), t.clone())),
        _ => None,
    }
}

/// Rejects empty note text and normalises line endings.
fn checked_text(text: &str) -> Result<String> {
    Ok(rules::checked_text(text)?)
}
