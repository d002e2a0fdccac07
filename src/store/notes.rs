//! Writing notes: add, edit, delete, star, kind, flags, move and reorder —
//! each decided by `model::rules` and appended here — and this writer's
//! undo and redo.
use super::{NewNote, Session, UndoEntry, UndoOutcome, checked_text};
use crate::error::Result;
use crate::model::rules;
use crate::model::{Change, NoteFields, NoteKind};

impl Session {
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
        let board = rules::findings_board(self.replica.plan())?;
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
    pub(super) fn new_note(
        &self,
        id: String,
        board: &str,
        section: Option<&str>,
        text: &str,
        kind: NoteKind,
        starred: bool,
    ) -> Result<NewNote> {
        let mut note = rules::new_note(self.replica.plan(), id, board, section, text, kind, starred)?;
        note.by = self.by.clone();
        note.lang = self.note_lang;
        Ok(note)
    }

    /// Writes a new note at the end of its section and makes it undoable.
    pub(super) fn add_new_note(&mut self, note: NewNote) -> Result<String> {
        let id = note.id.clone();
        self.append_at_end(note)?;
        self.push_undo(UndoEntry::added(&id));
        Ok(id)
    }

    /// Writes a new note at the end of its section.
    pub(super) fn append_at_end(&mut self, note: NewNote) -> Result<()> {
        let changes = rules::add_at_end(self.replica.state(), note)?;
        self.append_all(changes)
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
        let moved = rules::move_note(self.replica.plan(), self.replica.state(), id, board, section, before)?;
        self.append_all(moved.respaced)?;
        self.update_note(&moved.note, moved.fields)
    }

    /// Moves a note one place up (-1) or down (+1) within its section.
    pub fn reorder_note(&mut self, id: &str, delta: i32) -> Result<bool> {
        let Some(to) = rules::reorder_target(self.replica.state(), id, delta)? else {
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
    pub(super) fn update_note(&mut self, id: &str, fields: NoteFields) -> Result<()> {
        let Some((id, before)) = rules::note_update(self.replica.state(), id, &fields)? else {
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

    pub(super) fn push_undo(&mut self, entry: UndoEntry) {
        self.history.record(entry);
    }

    /// Reverts this writer's last note action.
    pub fn undo(&mut self) -> Result<Option<UndoOutcome>> {
        self.step_history(false)
    }

    /// Re-applies the last undone action.
    pub fn redo(&mut self) -> Result<Option<UndoOutcome>> {
        self.step_history(true)
    }

    /// Writes the fields one history entry restores; on failure the entry
    /// stays where it was.
    fn step_history(&mut self, forward: bool) -> Result<Option<UndoOutcome>> {
        let Some(step) = self.history.step(self.replica.state(), forward)? else {
            return Ok(None);
        };
        if let Err(e) = self.append(step.change) {
            self.history.unstep(forward);
            return Err(e);
        }
        Ok(Some(step.outcome))
    }

    /// A live (not deleted) note by exact id.
    pub fn live_note(&self, id: &str) -> Result<&crate::model::Note> {
        Ok(rules::live_note(self.replica.state(), id)?)
    }

    /// Resolves a full note id or a unique prefix of one (case-insensitive).
    pub fn resolve_note_id(&self, id: &str) -> Result<String> {
        Ok(rules::resolve_note_id(self.replica.state(), id)?)
    }

    /// Checks board and section against the plan; defaults to the first section.
    pub fn resolve_place(&self, board: &str, section: Option<&str>) -> Result<(String, String)> {
        Ok(rules::resolve_place(self.replica.plan(), board, section)?)
    }
}
