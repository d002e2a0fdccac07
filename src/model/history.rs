//! One writer's undo and redo of note actions, as pure rules: each entry
//! is the fields a note had before and after an action; stepping back or
//! forward gives the change that restores one side, and says whether
//! someone else changed the note since (their change is overwritten).
use crate::model::event::{Change, NoteFields};
use crate::model::rules::{RuleError, RuleResult};
use crate::model::state::SessionState;

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

impl UndoEntry {
    /// The entry of adding note `id` (undone by deleting it).
    pub fn added(id: &str) -> UndoEntry {
        UndoEntry {
            note: id.to_string(),
            before: NoteFields {
                deleted: Some(true),
                ..NoteFields::default()
            },
            after: NoteFields {
                deleted: Some(false),
                ..NoteFields::default()
            },
        }
    }
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    /// The note restored.
    pub note: String,
    /// Someone else changed the note since; their change was overwritten.
    pub conflict: bool,
}

/// A step through the history: the change to write and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub change: Change,
    pub outcome: UndoOutcome,
}

/// This writer's undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<UndoEntry>,
    redo: Vec<UndoEntry>,
}

impl History {
    /// Records an action (and forgets what was undone).
    pub fn record(&mut self, entry: UndoEntry) {
        self.undo.push(entry);
        self.redo.clear();
    }

    /// Undoes (`forward` false) or redoes the last entry: the change that
    /// restores its fields, the entry moved to the other stack. `None`
    /// when there is nothing to step; an error (and no move) when the
    /// note is unknown.
    pub fn step(&mut self, state: &SessionState, forward: bool) -> RuleResult<Option<Step>> {
        let from = if forward { &mut self.redo } else { &mut self.undo };
        let Some(entry) = from.last() else {
            return Ok(None);
        };
        let (expected, target) = if forward {
            (&entry.before, &entry.after)
        } else {
            (&entry.after, &entry.before)
        };
        let note = state
            .note(&entry.note)
            .ok_or_else(|| RuleError::UnknownNote(entry.note.clone()))?;
        let step = Step {
            change: Change::NoteSet {
                id: entry.note.clone(),
                fields: target.clone(),
            },
            outcome: UndoOutcome {
                note: entry.note.clone(),
                conflict: note.snapshot_of(expected) != *expected,
            },
        };
        if let Some(entry) = from.pop() {
            let to = if forward { &mut self.undo } else { &mut self.redo };
            to.push(entry);
        }
        Ok(Some(step))
    }

    /// Takes back the last [`History::step`] (its change was not written).
    pub fn unstep(&mut self, forward: bool) {
        let (from, to) = if forward {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        if let Some(entry) = from.pop() {
            to.push(entry);
        }
    }
}
