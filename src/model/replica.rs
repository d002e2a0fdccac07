//! The session as one process knows it: the plan, the state folded from
//! every event read or written so far, and a section in memory for every
//! place notes use that the plan file lacks (so no note ever disappears).
//! Plain data: the store fills it from the folder, views and the CLI read
//! it, and what a write or a read brings is applied here.
use std::collections::BTreeMap;

use crate::model::event::{Event, OrderKey};
use crate::model::plan::{Board, BoardKind, Plan, Section};
use crate::model::state::SessionState;

/// An event stamped further than this into the future comes from a writer
/// whose clock is far ahead; it counts as made when it was read. Smaller
/// offsets are corrected for when drawing (see [`Skews`]).
pub const FUTURE_TOLERANCE_MS: i64 = 60_000;

/// Whether an event stamped `wall_ms` and read at `now_ms` comes from a
/// clock more than [`FUTURE_TOLERANCE_MS`] ahead.
pub fn from_future(now_ms: i64, wall_ms: i64) -> bool {
    now_ms.saturating_sub(wall_ms) < -FUTURE_TOLERANCE_MS
}

/// A writer whose clock disagrees with the log by more than a minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockOff {
    /// The writer's id.
    pub actor: std::sync::Arc<str>,
    /// How far its clock is behind the log, at least (negative: ahead).
    pub behind_ms: i64,
    /// Its log file.
    pub log: std::path::PathBuf,
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

/// The plan and the folded state of one session.
#[derive(Debug, Clone)]
pub struct Replica {
    plan: Plan,
    state: SessionState,
    /// Places (board, section) of live notes the plan file does not have.
    orphans: Vec<(String, String)>,
    /// Boards that exist in memory only, for such places.
    adopted_boards: Vec<String>,
    /// Words added to the title of such a place (the caller's language).
    orphan_word: String,
}

impl Replica {
    /// A session with `plan` and no events yet.
    pub fn new(plan: Plan) -> Replica {
        Replica {
            plan,
            state: SessionState::default(),
            orphans: Vec::new(),
            adopted_boards: Vec::new(),
            orphan_word: String::new(),
        }
    }

    /// The plan (with a section for each orphaned place).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The folded state.
    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// Places (board, section) of live notes that the plan file does not
    /// have (a plan edited while notes were written): shown and exported
    /// under their old ids, titled with a warning.
    pub fn orphans(&self) -> &[(String, String)] {
        &self.orphans
    }

    /// Applies events (read from the folder or just written); returns how
    /// many there were. Many at once (a first load) are folded in bulk.
    pub fn apply_all(&mut self, events: impl IntoIterator<Item = (OrderKey, Event)>) -> usize {
        self.apply_read(events, None)
    }

    /// Applies events read from the folder at the reader's time `read_at`:
    /// one stamped more than [`FUTURE_TOLERANCE_MS`] after it comes from a
    /// clock far ahead and counts as made when it was read (see
    /// `SessionState::apply_from_future`). Returns how many there were.
    pub fn apply_read(&mut self, events: impl IntoIterator<Item = (OrderKey, Event)>, read_at: Option<i64>) -> usize {
        let events = events.into_iter();
        let bulk = events.size_hint().0 > 1000;
        if bulk {
            self.state.begin_bulk();
        }
        let mut count = 0;
        for (key, ev) in events {
            match read_at.filter(|now| from_future(*now, ev.wall_ms)) {
                Some(now) => self.state.apply_from_future(&key, ev, now),
                None => self.state.apply(&key, ev),
            }
            count += 1;
        }
        if bulk {
            self.state.end_bulk();
        }
        if count > 0 {
            self.adopt_orphans();
        }
        count
    }

    /// Applies events this process just wrote (their places were checked
    /// against the plan, so no orphan can come of them).
    pub fn apply_own(&mut self, events: impl IntoIterator<Item = (OrderKey, Event)>) {
        for (key, ev) in events {
            self.state.apply(&key, ev);
        }
    }

    /// Forgets every event (the folder is folded again from the start).
    pub fn clear_state(&mut self) {
        self.state = SessionState::default();
    }

    /// The plan file changed: takes the new plan, and the notes it lacks
    /// places for get theirs again.
    pub fn set_plan(&mut self, plan: Plan) {
        self.plan = plan;
        self.orphans.clear();
        self.adopted_boards.clear();
        self.adopt_orphans();
    }

    /// Sets the words added to an orphaned place's title ("no longer in
    /// the plan", in the reader's language; none by default).
    pub fn label_orphans(&mut self, word: &str) {
        self.orphan_word = word.to_string();
        for (board, section) in &self.orphans {
            let title = orphan_title(section, word);
            if let Some(b) = self.plan.boards.iter_mut().find(|b| b.id == *board) {
                if let Some(s) = b.sections.iter_mut().find(|s| s.id == *section) {
                    s.title = title;
                }
                if self.adopted_boards.contains(board) {
                    b.title = orphan_title(board, word);
                }
            }
        }
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
        for (board, section) in missing {
            let place = Section {
                id: section.clone(),
                title: orphan_title(&section, &self.orphan_word),
                lead: None,
            };
            match self.plan.boards.iter_mut().find(|b| b.id == board) {
                Some(b) => b.sections.push(place),
                None => {
                    self.plan.boards.push(Board::new(
                        &board,
                        BoardKind::Workshop,
                        &orphan_title(&board, &self.orphan_word),
                        vec![place],
                    ));
                    self.adopted_boards.push(board.clone());
                }
            }
            self.orphans.push((board, section));
        }
    }
}

/// "⚠ id (word)", or "⚠ id" without words.
fn orphan_title(id: &str, word: &str) -> String {
    if word.is_empty() {
        format!("⚠ {id}")
    } else {
        format!("⚠ {id} ({word})")
    }
}

/// How far other writers' clocks are off, as proven by clock probes or by
/// events stamped far in the future: ms behind ours per writer id
/// (negative: ahead), and the largest difference to any other view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skews {
    /// Per writer id: how far its clock is behind ours, in ms.
    pub by_actor: BTreeMap<String, i64>,
    /// The largest proven difference to any other view (same sign).
    pub largest: Option<i64>,
    /// Writers seen stamping events more than a minute ahead (negative
    /// offsets), with their log and header name, for naming them.
    pub ahead: Vec<ClockOff>,
    /// Every writer's log and header name, for naming one whose clock the
    /// log proves behind.
    pub writers: BTreeMap<String, (std::path::PathBuf, Option<String>)>,
}

impl Skews {
    /// How far the clock of writer `actor` is behind ours, if proven.
    pub fn of(&self, actor: &str) -> Option<i64> {
        self.by_actor.get(actor).copied()
    }

    /// Writers whose clocks disagree with the log by more than a minute:
    /// behind (`state`'s timer facts were placed later than stamped) or
    /// ahead, largest first.
    pub fn clocks_off(&self, state: &SessionState) -> Vec<ClockOff> {
        let behind = state.clocks_behind().into_iter().map(|(actor, behind_ms)| {
            let (log, by) = self.writers.get(&*actor).cloned().unwrap_or_default();
            ClockOff {
                actor,
                behind_ms,
                log,
                by,
            }
        });
        let mut out: Vec<ClockOff> = behind.chain(self.ahead.iter().cloned()).collect();
        out.sort_by(|a, b| {
            b.behind_ms
                .abs()
                .cmp(&a.behind_ms.abs())
                .then_with(|| a.actor.cmp(&b.actor))
        });
        out
    }
}

/// Why a write did not reach the disk, as the views report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveError {
    /// The disk is full.
    DiskFull,
    /// The folder or file may not be written.
    Denied,
    /// The session folder or the log file went away.
    Gone,
    /// Any other I/O error (a failed fsync, a network folder that dropped).
    Io,
    /// The entry itself cannot be saved (too long, out of range).
    Refused,
}

/// What a look at the session folder brought, for a view (plain data).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderNews {
    /// The events replace everything folded so far (a reload).
    pub reset: bool,
    /// Events other writers appended (all events, on a reset).
    pub events: Vec<(OrderKey, Event)>,
    /// The plan file changed: the new plan.
    pub plan: Option<Plan>,
    /// File names of the plan's conflict copies a sync engine left.
    pub plan_conflicts: Vec<String>,
    /// Clock differences to the other views.
    pub skews: Skews,
    /// The reader's time when the events were read (see [`from_future`]).
    pub read_at: i64,
}
