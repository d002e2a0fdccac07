//! The session folder on disk: `session.json` (the plan, written by people)
//! and `log/*.jsonl` (runde's events, one append-only file per writer).
//! [`Session`] loads both, folds the events into [`SessionState`], appends
//! new events durably and picks up other processes' changes.
pub mod check;
pub mod create;
pub mod drafts;
pub mod durable;
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

mod background;
mod meeting;
mod notes;

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
    /// Decisions on doubtful mentions and sign-offs (`review/`).
    review: review::ReviewLog,
}

/// A writer whose clock disagrees with the log (see [`Session::clocks_off`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockOff {
    /// The writer's id.
    pub actor: Arc<str>,
    /// How far its clock is behind the log, at least (negative: ahead).
    pub behind_ms: i64,
    /// Its log file.
    pub log: PathBuf,
    /// The name its log's header gives, if any.
    pub by: Option<String>,
}

impl ClockOff {
    /// Who it is, for a person: the header's name (one line, controls made
    /// visible, at most 40 characters — anyone may have written it), else
    /// the writer's id.
    pub fn who(&self) -> String {
        match &self.by {
            Some(by) => crate::model::text::one_line(&crate::model::text::neutralise_controls(by))
                .chars()
                .take(40)
                .collect(),
            None => self.actor.to_string(),
        }
    }

    /// The offset as a person reads it: `-30 min` (behind), `+1 h 05 min`.
    pub fn offset_text(&self) -> String {
        let sign = if self.behind_ms > 0 { "-" } else { "+" };
        let minutes = self.behind_ms.unsigned_abs() / 60_000;
        if minutes >= 60 {
            format!("{sign}{} h {:02} min", minutes / 60, minutes % 60)
        } else {
            format!("{sign}{minutes} min")
        }
    }
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
            review: review::ReviewLog::open(dir)?,
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

    /// Writers whose clocks disagree with the log by more than a minute:
    /// behind (their timer facts were placed later than stamped, see
    /// `model::state::timers`) or ahead (stamped in our future), largest
    /// first. Each with its log file and the name its header gives.
    pub fn clocks_off(&self) -> Vec<ClockOff> {
        let behind = self.state.clocks_behind().into_iter();
        let ahead = self.ahead.iter().map(|(a, off)| (a.clone(), *off));
        let mut out: Vec<ClockOff> = behind
            .chain(ahead)
            .map(|(actor, behind_ms)| {
                let (log, by) = self.reader.writer(&actor);
                ClockOff {
                    actor,
                    behind_ms,
                    log,
                    by,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.behind_ms
                .abs()
                .cmp(&a.behind_ms.abs())
                .then_with(|| a.actor.cmp(&b.actor))
        });
        out
    }

    /// Entries of `log/` that are not read (links, folders, FIFOs, names
    /// that are not UTF-8, files that cannot be opened): `runde check`
    /// names them; for everyone else they simply are not there.
    pub fn skipped(&self) -> Vec<listing::Skipped> {
        self.reader.skipped()
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
        let count = self.reader.poll_into(&mut |key, ev| {
            // Nothing can have happened after now: a timer paused by a host
            // an hour ahead is paused by the log's order, not in an hour.
            let sample = now.saturating_sub(ev.wall_ms);
            if sample < -FUTURE_TOLERANCE_MS {
                let entry = ahead.entry(key.actor.clone()).or_insert(sample);
                *entry = (*entry).min(sample);
                state.apply_from_future(&key, ev, now)
            } else {
                state.apply(&key, ev)
            }
        })?;
        let count = count + self.review.poll(&mut self.state)?;
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
        let (key, ev) = write_event(
            &mut self.writer,
            &mut self.reader,
            self.state.max_lamport(),
            wall_ms,
            change,
        )?;
        if let Some((id, text)) = own_text(&ev.c) {
            self.own_texts.insert(id, text);
        }
        self.state.apply(&key, ev);
        Ok(())
    }

    // ----- notes -------------------------------------------------------

    // ----- timers, phases, messages -------------------------------------
}

/// Writes `change` durably as the next event of the log `slot` holds and
/// tells `reader` of the line, so it is not read back as someone else's.
/// One path for every log (notes, review facts): the counters' one bound
/// (readers ignore out-of-range events, so one is never acknowledged), and
/// a writer whose write failed is retired — never fsync the same file again
/// after a failure (fsyncgate); the next append starts a fresh log file.
/// Returns the event with its key, to be applied by the caller.
pub(crate) fn write_event(
    slot: &mut Option<LogWriter>,
    reader: &mut LogReader,
    max_lamport: u64,
    wall_ms: i64,
    change: Change,
) -> Result<(OrderKey, Event)> {
    let Some(writer) = slot.as_mut() else {
        return Err(Error::Invalid("no log writer".into()));
    };
    let ev = Event {
        seq: writer.next_seq(),
        lamport: crate::model::event::limits::next_counter(max_lamport),
        wall_ms,
        c: change,
    };
    ev.check_bounds()
        .map_err(|why| Error::Invalid(format!("not saved: {why}")))?;
    let line_len = match writer.append(&ev) {
        Ok(n) => n,
        Err(e) => {
            *slot = None;
            return Err(e);
        }
    };
    let key = OrderKey {
        lamport: ev.lamport,
        actor: writer.actor().clone(),
        seq: ev.seq,
    };
    reader.note_own(writer.file_name(), writer.header_len(), &key, line_len);
    Ok((key, ev))
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
