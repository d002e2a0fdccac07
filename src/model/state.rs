//! The session's live state, folded from events. Folding is commutative:
//! every note field is a last-writer-wins register that remembers the key
//! of the event that set it, timers re-fold their own few events in order,
//! so events may be applied in any order and any number of times, and
//! every process that has read the same events shows the same state.
use std::collections::BTreeSet;

use foldhash::HashMap;

#[cfg(test)]
use super::event::TimerOp;
use super::event::{Change, Event, NewNote, NoteFields, NoteKind, OrderKey, Signal};
use super::timer::TimerFacts;

/// A note as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Globally unique id.
    pub id: String,
    pub board: String,
    pub section: String,
    pub text: String,
    pub kind: NoteKind,
    pub starred: bool,
    /// Author, if given.
    pub by: Option<String>,
    /// Wall time of creation (ms since epoch).
    pub created_ms: i64,
    /// Fractional position key within the section.
    pub pos: String,
    pub deleted: bool,
    /// Marked to be carried to the next meeting.
    pub follow_up: bool,
    /// A carried topic marked resolved.
    pub done: bool,
    /// The earlier meeting a carried topic came from.
    pub origin: Option<super::event::Origin>,
    /// A finding's source notes (ids); empty for an ordinary note.
    pub sources: Vec<String>,
    /// The language the note is written in, when its writer named it.
    pub lang: Option<super::Lang>,
}

/// The key of the event that last set each field of a note.
#[derive(Debug, Clone)]
struct Versions {
    /// The note's earliest `note_added` (a retried add may repeat it).
    created: OrderKey,
    text: OrderKey,
    kind: OrderKey,
    starred: OrderKey,
    board: OrderKey,
    section: OrderKey,
    pos: OrderKey,
    deleted: OrderKey,
    follow_up: OrderKey,
    done: OrderKey,
}

impl Versions {
    fn all(key: &OrderKey) -> Self {
        Versions {
            created: key.clone(),
            text: key.clone(),
            kind: key.clone(),
            starred: key.clone(),
            board: key.clone(),
            section: key.clone(),
            pos: key.clone(),
            deleted: key.clone(),
            follow_up: key.clone(),
            done: key.clone(),
        }
    }
}

/// Sets `field` to `value` if `key` is newer than the field's version.
fn lww<T>(field: &mut T, version: &mut OrderKey, value: Option<T>, key: &OrderKey) {
    if let Some(v) = value {
        if *key > *version {
            *field = v;
            *version = key.clone();
        }
    }
}

impl Note {
    /// The current values of the fields that `fields` sets (for undo).
    pub fn snapshot_of(&self, fields: &NoteFields) -> NoteFields {
        NoteFields {
            text: fields.text.as_ref().map(|_| self.text.clone()),
            kind: fields.kind.map(|_| self.kind),
            starred: fields.starred.map(|_| self.starred),
            board: fields.board.as_ref().map(|_| self.board.clone()),
            section: fields.section.as_ref().map(|_| self.section.clone()),
            pos: fields.pos.as_ref().map(|_| self.pos.clone()),
            deleted: fields.deleted.map(|_| self.deleted),
            follow_up: fields.follow_up.map(|_| self.follow_up),
            done: fields.done.map(|_| self.done),
        }
    }

    fn set(&mut self, v: &mut Versions, f: NoteFields, key: &OrderKey) {
        lww(&mut self.text, &mut v.text, f.text, key);
        lww(&mut self.kind, &mut v.kind, f.kind, key);
        lww(&mut self.starred, &mut v.starred, f.starred, key);
        // Board, section and position are registers of their own: a
        // position-only change (a respaced section) must not hide an earlier
        // move it did not set, whichever of the two is read first.
        lww(&mut self.board, &mut v.board, f.board, key);
        lww(&mut self.section, &mut v.section, f.section, key);
        lww(&mut self.pos, &mut v.pos, f.pos, key);
        lww(&mut self.deleted, &mut v.deleted, f.deleted, key);
        lww(&mut self.follow_up, &mut v.follow_up, f.follow_up, key);
        lww(&mut self.done, &mut v.done, f.done, key);
    }
}

/// A broadcast message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub text: String,
    /// Only for this board; `None` for everyone.
    pub board: Option<String>,
    pub wall_ms: i64,
    /// Not shown after this wall time, if set.
    pub until_ms: Option<i64>,
    /// Shown only while the session is in this phase, if set.
    pub phase: Option<String>,
}

impl Broadcast {
    /// True when this message clears the one before (an empty text).
    pub fn is_clear(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// True while the message is to be shown at `now_ms`.
    pub fn is_active(&self, now_ms: i64) -> bool {
        !self.is_clear() && self.until_ms.is_none_or(|until| now_ms < until)
    }
}

/// What the latest event about a board's signal was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignalSlot {
    /// A signal waits for the facilitator.
    Pending(PendingSignal),
    /// The facilitator saw it at this wall time.
    Seen { at_ms: i64 },
}

/// A pending signal from a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingSignal {
    pub signal: Signal,
    pub wall_ms: i64,
}

/// Everything derived from the events.
#[derive(Debug, Clone, Default)]
pub struct SessionState {
    /// Every note with its field versions; indexes refer to positions here.
    notes: Vec<(Note, Versions)>,
    /// Note id → position in `notes`.
    ids: HashMap<String, usize>,
    /// Every note's (pos, id) per (board, section), deleted ones included:
    /// the order of a section without sorting on every frame.
    index: HashMap<String, HashMap<String, SectionIndex>>,
    /// Live notes per board by creation time (newest last).
    by_time: HashMap<String, BTreeSet<(i64, String, usize)>>,
    /// Field changes that arrived before their note (read from another file first).
    early: Early,
    /// Every phase change, in order: (key, phase, wall time).
    phases: Vec<(OrderKey, Option<String>, i64)>,
    timers: HashMap<String, TimerLog>,
    /// Wall times of the facts read, by Lamport clock (placing timer facts).
    times: LogTimes,
    broadcasts: Vec<(OrderKey, Broadcast)>,
    signals: HashMap<String, (OrderKey, SignalSlot)>,
    /// Decisions on doubtful mentions and sign-offs (see `model::review`).
    review: super::review::ReviewFacts,
    max_lamport: u64,
    events: usize,
    /// Timer operations folded so far: the work loading timers costs,
    /// linear in their number.
    timer_folds: usize,
    /// While loading in bulk the indexes are built once at the end.
    bulk: bool,
}

impl SessionState {
    /// The highest Lamport clock seen.
    pub fn max_lamport(&self) -> u64 {
        self.max_lamport
    }

    /// Number of events folded in.
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// Timer operations folded so far (load work, for tests).
    pub fn timer_folds(&self) -> usize {
        self.timer_folds
    }

    /// A note by id, deleted or not.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.ids.get(id).map(|&at| &self.notes[at].0)
    }

    /// All notes, deleted ones included, in no particular order.
    pub fn all_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().map(|(n, _)| n)
    }

    /// All notes that are not deleted, in no particular order.
    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.all_notes().filter(|n| !n.deleted)
    }

    /// Live notes of one section in their order.
    pub fn notes_in(&self, board: &str, section: &str) -> Vec<&Note> {
        self.section_slots(board, section)
            .into_iter()
            .filter(|n| !n.deleted)
            .collect()
    }

    /// Every note ever placed in a section, deleted ones included, in order.
    /// New position keys are computed against these, so a deleted note that
    /// is restored returns to exactly its old place and keys are never reused.
    pub fn section_slots(&self, board: &str, section: &str) -> Vec<&Note> {
        self.index
            .get(board)
            .and_then(|sections| sections.get(section))
            .map(|set| set.iter().map(|(_, _, at)| &self.notes[*at].0).collect())
            .unwrap_or_default()
    }

    /// Live notes of a board, newest first, at most `limit`.
    pub fn newest_on_board(&self, board: &str, limit: usize) -> Vec<&Note> {
        self.by_time
            .get(board)
            .map(|set| {
                set.iter()
                    .rev()
                    .take(limit)
                    .map(|(_, _, at)| &self.notes[*at].0)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Number of live notes on one board.
    pub fn live_count(&self, board: &str) -> usize {
        self.by_time.get(board).map_or(0, BTreeSet::len)
    }

    /// Number of live notes per board id.
    pub fn note_counts(&self) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        for n in self.live_notes() {
            *counts.entry(n.board.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// The current agenda phase.
    pub fn phase(&self) -> Option<&str> {
        self.phases.last().and_then(|(_, p, _)| p.as_deref())
    }

    /// Wall time the current phase began.
    pub fn phase_since_ms(&self) -> Option<i64> {
        self.phases.last().map(|(_, _, at)| *at)
    }

    /// Milliseconds spent in each phase so far (the current one up to `now_ms`).
    pub fn phase_durations(&self, now_ms: i64) -> std::collections::HashMap<String, i64> {
        let mut out = std::collections::HashMap::new();
        for (i, (_, phase, at)) in self.phases.iter().enumerate() {
            let end = self.phases.get(i + 1).map_or(now_ms, |(_, _, next)| *next);
            if let Some(p) = phase {
                *out.entry(p.clone()).or_insert(0) += (end - at).max(0);
            }
        }
        out
    }

    /// The writer of a board's latest timer event.
    pub fn timer_writer(&self, board: &str) -> Option<&std::sync::Arc<str>> {
        self.timers
            .get(board)
            .and_then(|t| t.ops.last())
            .map(|((k, _), _, _)| &k.actor)
    }

    /// Writers whose timer facts had to be placed later than their stamps
    /// (their clocks are behind the log's), with the most they were moved
    /// (ms, at least [`CLOCK_NOTICE_MS`]), largest first.
    pub fn clocks_behind(&self) -> Vec<(std::sync::Arc<str>, i64)> {
        let mut all: HashMap<std::sync::Arc<str>, i64> = HashMap::default();
        for log in self.timers.values() {
            for (actor, moved) in &log.moved {
                let e = all.entry(actor.clone()).or_insert(0);
                *e = (*e).max(*moved);
            }
        }
        let mut out: Vec<_> = all.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// A board's timer facts (idle if never touched).
    pub fn timer(&self, board: &str) -> TimerFacts {
        self.timers.get(board).map(|t| t.facts).unwrap_or_default()
    }

    /// The latest broadcast visible on `board` (or any, with `None`);
    /// `None` when the latest one there cleared it.
    pub fn latest_broadcast(&self, board: Option<&str>) -> Option<&Broadcast> {
        self.broadcasts
            .iter()
            .rev()
            .map(|(_, b)| b)
            .find(|b| match (&b.board, board) {
                (None, _) | (_, None) => true,
                (Some(to), Some(on)) => to == on,
            })
            .filter(|b| !b.is_clear())
    }

    /// The broadcast to show on `board` (or the projector, with `None`) at
    /// `now_ms`: the latest one, unless it was cleared or has expired.
    pub fn active_broadcast(&self, board: Option<&str>, now_ms: i64) -> Option<&Broadcast> {
        self.latest_broadcast(board).filter(|b| self.shown(b, now_ms))
    }

    /// Every broadcast shown somewhere at `now_ms`, oldest first: the one
    /// to everyone and each group's own (for the facilitator, who sees them all).
    pub fn active_broadcasts(&self, now_ms: i64) -> Vec<&Broadcast> {
        let to_all = self.broadcasts.iter().rev().map(|(_, b)| b).find(|b| b.board.is_none());
        let mut boards: Vec<&str> = self.broadcasts.iter().filter_map(|(_, b)| b.board.as_deref()).collect();
        boards.sort_unstable();
        boards.dedup();
        let aimed = boards
            .into_iter()
            .filter_map(|board| self.latest_broadcast(Some(board)))
            .filter(|b| b.board.is_some());
        let mut out: Vec<&Broadcast> = to_all
            .into_iter()
            .chain(aimed)
            .filter(|b| self.shown(b, now_ms))
            .collect();
        out.sort_by_key(|b| b.wall_ms);
        out
    }

    /// Whether `b` is shown at `now_ms`: not cleared, not expired, and in
    /// its phase if it names one.
    fn shown(&self, b: &Broadcast, now_ms: i64) -> bool {
        b.is_active(now_ms) && b.phase.as_deref().is_none_or(|p| self.phase() == Some(p))
    }

    /// The pending signal of a board, if any.
    pub fn signal(&self, board: &str) -> Option<PendingSignal> {
        match self.signals.get(board) {
            Some((_, SignalSlot::Pending(p))) => Some(*p),
            _ => None,
        }
    }

    /// Every pending signal, oldest first: (board, signal).
    pub fn pending_signals(&self) -> Vec<(&str, PendingSignal)> {
        let mut out: Vec<(&str, PendingSignal)> = self
            .signals
            .iter()
            .filter_map(|(b, (_, slot))| match slot {
                SignalSlot::Pending(p) => Some((b.as_str(), *p)),
                SignalSlot::Seen { .. } => None,
            })
            .collect();
        out.sort_by(|a, b| a.1.wall_ms.cmp(&b.1.wall_ms).then_with(|| a.0.cmp(b.0)));
        out
    }

    /// When the facilitator saw the board's latest signal (wall ms), if
    /// that is the latest thing that happened to it.
    pub fn signal_seen_ms(&self, board: &str) -> Option<i64> {
        match self.signals.get(board) {
            Some((_, SignalSlot::Seen { at_ms, .. })) => Some(*at_ms),
            _ => None,
        }
    }

    /// Decisions on doubtful mentions and the groups' sign-offs.
    pub fn review(&self) -> &super::review::ReviewFacts {
        &self.review
    }

    /// A digest of everything visible, for convergence checks in tests.
    pub fn digest(&self) -> String {
        // Every field of every note (`Debug` names them all).
        let mut notes: Vec<String> = self.all_notes().map(|n| format!("{n:?}")).collect();
        notes.sort();
        let mut timers: Vec<String> = self.timers.iter().map(|(b, t)| format!("{b}:{:?}", t.facts)).collect();
        timers.sort();
        let mut signals: Vec<String> = self.signals.iter().map(|(b, (_, s))| format!("{b}:{s:?}")).collect();
        signals.sort();
        let broadcasts: Vec<String> = self.broadcasts.iter().map(|(_, b)| format!("{b:?}")).collect();
        format!(
            "{notes:?}\n{:?}\n{timers:?}\n{signals:?}\n{broadcasts:?}\n{}",
            self.phase(),
            self.review.digest()
        )
    }
}

/// One section's notes ordered by (position key, id), with each note's
/// place in the arena.
type SectionIndex = BTreeSet<(String, String, usize)>;

/// (pos, id) pairs of one section, before they become its ordered index.
type SlotList = Vec<(String, String, usize)>;

/// Where a note sits: what the section index is keyed by.
#[derive(Debug, PartialEq, Eq)]
struct Slot {
    board: String,
    section: String,
    pos: String,
    deleted: bool,
    created_ms: i64,
}

impl Slot {
    fn of(n: &Note) -> Slot {
        Slot {
            board: n.board.clone(),
            section: n.section.clone(),
            pos: n.pos.clone(),
            deleted: n.deleted,
            created_ms: n.created_ms,
        }
    }
}

/// Pending field changes per note id, with their keys.
type Early = HashMap<String, Vec<(OrderKey, NoteFields)>>;

/// Applies the pending changes of a note that are newer than its add;
/// older ones stay pending for an even earlier copy of the add.
fn apply_early(early: &mut Early, note: &mut Note, versions: &mut Versions) {
    let Some(pending) = early.remove(&note.id) else { return };
    let (newer, older): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(k, _)| *k > versions.created);
    for (k, fields) in newer {
        note.set(versions, fields, &k);
    }
    if !older.is_empty() {
        early.insert(note.id.clone(), older);
    }
}

/// Sorts notes by position key, ties broken by id (concurrent inserts).
pub fn sort_by_position(notes: &mut [&Note]) {
    notes.sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.id.cmp(&b.id)));
}

#[cfg(test)]
mod tests;

mod fold;
mod timers;

pub use timers::CLOCK_NOTICE_MS;
use timers::{LogTimes, Stamp, TimerLog};
mod rewrite;
