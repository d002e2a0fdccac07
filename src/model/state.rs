//! The session's live state: the fold of all events in their total order.
//! Folding is deterministic, so every process that has read the same
//! events shows the same notes, timers and messages.
use std::collections::HashMap;

use super::event::{Change, Event, NoteFields, NoteKind, Signal};
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

    fn set(&mut self, f: &NoteFields) {
        if let Some(v) = &f.text {
            self.text.clone_from(v);
        }
        if let Some(v) = f.kind {
            self.kind = v;
        }
        if let Some(v) = f.starred {
            self.starred = v;
        }
        if let Some(v) = &f.board {
            self.board.clone_from(v);
        }
        if let Some(v) = &f.section {
            self.section.clone_from(v);
        }
        if let Some(v) = &f.pos {
            self.pos.clone_from(v);
        }
        if let Some(v) = f.deleted {
            self.deleted = v;
        }
        if let Some(v) = f.follow_up {
            self.follow_up = v;
        }
        if let Some(v) = f.done {
            self.done = v;
        }
    }
}

/// A broadcast message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub text: String,
    /// Only for this board; `None` for everyone.
    pub board: Option<String>,
    pub wall_ms: i64,
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
    notes: HashMap<String, Note>,
    phase: Option<String>,
    timers: HashMap<String, TimerFacts>,
    broadcasts: Vec<Broadcast>,
    signals: HashMap<String, PendingSignal>,
    max_lamport: u64,
    events: usize,
}

impl SessionState {
    /// Applies one event; events must come in their total order.
    pub fn apply(&mut self, ev: &Event) {
        self.max_lamport = self.max_lamport.max(ev.lamport);
        self.events += 1;
        match &ev.c {
            Change::NoteAdded(n) => {
                self.notes.entry(n.id.clone()).or_insert_with(|| Note {
                    id: n.id.clone(),
                    board: n.board.clone(),
                    section: n.section.clone(),
                    text: n.text.clone(),
                    kind: n.kind,
                    starred: n.starred,
                    by: n.by.clone(),
                    created_ms: ev.wall_ms,
                    pos: n.pos.clone(),
                    deleted: false,
                    follow_up: false,
                    done: false,
                });
            }
            Change::NoteSet { id, fields } => {
                if let Some(note) = self.notes.get_mut(id) {
                    note.set(fields);
                }
            }
            Change::Phase { phase } => self.phase.clone_from(phase),
            Change::Timer { board, op } => {
                self.timers.entry(board.clone()).or_default().apply(*op, ev.wall_ms);
            }
            Change::Broadcast { text, board } => self.broadcasts.push(Broadcast {
                text: text.clone(),
                board: board.clone(),
                wall_ms: ev.wall_ms,
            }),
            Change::Signal { board, signal } => {
                self.signals.insert(
                    board.clone(),
                    PendingSignal {
                        signal: *signal,
                        wall_ms: ev.wall_ms,
                    },
                );
            }
            Change::SignalAck { board } => {
                self.signals.remove(board);
            }
        }
    }

    /// The highest Lamport clock seen.
    pub fn max_lamport(&self) -> u64 {
        self.max_lamport
    }

    /// Number of events folded in.
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// A note by id, deleted or not.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.get(id)
    }

    /// All notes that are not deleted, in no particular order.
    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.values().filter(|n| !n.deleted)
    }

    /// All notes, deleted ones included.
    pub fn all_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.values()
    }

    /// Live notes of one section in their order.
    pub fn notes_in(&self, board: &str, section: &str) -> Vec<&Note> {
        let mut v: Vec<&Note> = self
            .live_notes()
            .filter(|n| n.board == board && n.section == section)
            .collect();
        sort_by_position(&mut v);
        v
    }

    /// Every note ever placed in a section, deleted ones included, in order.
    /// New position keys are computed against these, so a deleted note that
    /// is restored returns to exactly its old place and keys are never reused.
    pub fn section_slots(&self, board: &str, section: &str) -> Vec<&Note> {
        let mut v: Vec<&Note> = self
            .notes
            .values()
            .filter(|n| n.board == board && n.section == section)
            .collect();
        sort_by_position(&mut v);
        v
    }

    /// Live notes of a board grouped by the given section order.
    pub fn notes_on_board<'a>(&'a self, board: &str, sections: &[&str]) -> Vec<(String, Vec<&'a Note>)> {
        let mut grouped: HashMap<&str, Vec<&Note>> = HashMap::new();
        for n in self.live_notes().filter(|n| n.board == board) {
            grouped.entry(n.section.as_str()).or_default().push(n);
        }
        sections
            .iter()
            .map(|s| {
                let mut v = grouped.remove(s).unwrap_or_default();
                sort_by_position(&mut v);
                (s.to_string(), v)
            })
            .collect()
    }

    /// Number of live notes per board id.
    pub fn note_counts(&self) -> HashMap<&str, usize> {
        let mut counts = HashMap::new();
        for n in self.live_notes() {
            *counts.entry(n.board.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// The current agenda phase.
    pub fn phase(&self) -> Option<&str> {
        self.phase.as_deref()
    }

    /// A board's timer facts (idle if never touched).
    pub fn timer(&self, board: &str) -> TimerFacts {
        self.timers.get(board).copied().unwrap_or_default()
    }

    /// The latest broadcast visible on `board` (or any, with `None`).
    pub fn latest_broadcast(&self, board: Option<&str>) -> Option<&Broadcast> {
        self.broadcasts.iter().rev().find(|b| match (&b.board, board) {
            (None, _) | (_, None) => true,
            (Some(to), Some(on)) => to == on,
        })
    }

    /// The pending signal of a board, if any.
    pub fn signal(&self, board: &str) -> Option<PendingSignal> {
        self.signals.get(board).copied()
    }
}

/// Sorts notes by position key, ties broken by id (concurrent inserts).
pub fn sort_by_position(notes: &mut [&Note]) {
    notes.sort_by(|a, b| a.pos.cmp(&b.pos).then_with(|| a.id.cmp(&b.id)));
}
