//! A note-taker's board view: its state, its update, and the queries the
//! note screen draws from. Writing, editing, deleting, starring, moving
//! and undoing notes become [`Effect::Append`](crate::app::Effect) writes
//! decided by `model::rules`; the editor keeps drafts.
use crate::app::Action;
use crate::app::editor::{Input, InputKind, MAX_NOTE_BYTES, split_to_fit};
use crate::app::shared::{Overlay, Shared, Tone};
use crate::app::step_cursor;
use crate::error::Error;
use crate::model::draft::Draft;
use crate::model::history::UndoEntry;
use crate::model::rules;
use crate::model::{Board, Change, Note, NoteFields, NoteKind};

/// State of a note-taker's board view.
#[derive(Debug, Clone)]
pub struct NoteView {
    pub board: String,
    pub section: usize,
    pub cursor: usize,
    pub cursor_id: Option<String>,
    pub filter: Option<String>,
}

impl NoteView {
    /// The view of `board`, at its first section.
    pub fn new(board: &str) -> NoteView {
        NoteView {
            board: board.to_string(),
            section: 0,
            cursor: 0,
            cursor_id: None,
            filter: None,
        }
    }

    /// The note-taker's board.
    pub fn board<'a>(&self, sh: &'a Shared) -> Option<&'a Board> {
        sh.plan().board(&self.board)
    }

    /// Notes of a section as the note-taker sees them (filter applied).
    pub fn visible_notes<'a>(&self, sh: &'a Shared, section: usize) -> Vec<&'a Note> {
        let Some(board) = self.board(sh) else {
            return Vec::new();
        };
        let Some(sec) = board.sections.get(section) else {
            return Vec::new();
        };
        let mut notes = sh.state().notes_in(&board.id, &sec.id);
        if let Some(f) = self.filter.as_deref().map(str::to_lowercase) {
            notes.retain(|n| n.text.to_lowercase().contains(&f));
        }
        notes
    }

    /// The note under the cursor.
    pub fn current_note<'a>(&self, sh: &'a Shared) -> Option<&'a Note> {
        self.visible_notes(sh, self.section).get(self.cursor).copied()
    }

    fn current_section_id(&self, sh: &Shared) -> Option<String> {
        self.board(sh)
            .and_then(|b| b.sections.get(self.section))
            .map(|s| s.id.clone())
    }

    pub(crate) fn update(&mut self, sh: &mut Shared, action: Action) {
        let s = sh.s();
        let section_count = self.board(sh).map_or(1, |b| b.sections.len().max(1));
        match action {
            Action::AddNote => self.add_note(sh),
            Action::EditNote => match self.current_note(sh).map(|n| (n.id.clone(), n.text.clone())) {
                Some((id, text)) => {
                    let kind = InputKind::EditNote {
                        id: id.clone(),
                        base: text.clone(),
                    };
                    match sh.stored_draft(&kind) {
                        // Reopen the kept edit, with the version it started from.
                        Some(d) => {
                            let base = d.base.unwrap_or(text);
                            sh.open_input(InputKind::EditNote { id, base }, &d.text);
                            sh.warn_if_edited_note_changed();
                        }
                        None => sh.open_input(kind, &text),
                    }
                }
                None => sh.report(Err(Error::Invalid(s.no_note_selected.into()))),
            },
            Action::ShowDrafts => {
                if sh.board_drafts().is_empty() {
                    sh.report(Ok(s.no_drafts.to_string()));
                } else {
                    sh.overlay = Some(Overlay::Drafts);
                }
            }
            Action::DeleteNote => self.set_fields(
                sh,
                |_| NoteFields {
                    deleted: Some(true),
                    ..NoteFields::default()
                },
                s.deleted_undo,
            ),
            Action::Star => self.set_fields(
                sh,
                |n| NoteFields {
                    starred: Some(!n.starred),
                    ..NoteFields::default()
                },
                "",
            ),
            Action::ToggleKind => self.set_fields(
                sh,
                |n| NoteFields {
                    kind: Some(match n.kind {
                        NoteKind::Bullet => NoteKind::Paragraph,
                        NoteKind::Paragraph => NoteKind::Bullet,
                    }),
                    ..NoteFields::default()
                },
                "",
            ),
            Action::MoveNoteDown | Action::MoveNoteUp => {
                let delta = if action == Action::MoveNoteDown { 1 } else { -1 };
                self.reorder(sh, delta);
            }
            Action::MoveToSection if self.current_note(sh).is_some() && section_count > 1 => {
                sh.overlay = Some(Overlay::SectionPicker);
            }
            Action::Undo | Action::Redo => {
                if let Some(note) = sh.undo_note(action == Action::Redo) {
                    self.cursor_id = Some(note);
                }
            }
            Action::NextColumn | Action::PrevColumn => {
                self.section = if action == Action::NextColumn {
                    (self.section + 1) % section_count
                } else {
                    (self.section + section_count - 1) % section_count
                };
                self.cursor = 0;
                self.cursor_id = None;
            }
            action if action.moves_cursor() => {
                let len = self.visible_notes(sh, self.section).len();
                self.cursor = step_cursor(self.cursor, len, &action);
                self.cursor_id = None;
            }
            Action::StartSignal => sh.overlay = Some(Overlay::SignalPicker),
            Action::SendSignal(signal) => match rules::signal(sh.plan(), &self.board, signal) {
                Ok(change) => {
                    sh.write(vec![change]);
                    sh.report(Ok(s.signal_sent.to_string()));
                }
                Err(e) => sh.report(Err(e.into())),
            },
            Action::MoveToSectionNumber(target) => self.move_to_section(sh, target),
            Action::StartFilter => {
                let current = self.filter.clone().unwrap_or_default();
                sh.open_input(InputKind::Filter, &current);
            }
            Action::Back => self.filter = None,
            Action::Submit | Action::ApplyFilter => self.submit(sh),
            Action::ClearFilter => {
                sh.input = None;
                self.filter = None;
            }
            Action::Newline => sh.newline(false),
            Action::Cancel | Action::CloseEditor => {
                let kept = sh.input_draft().is_some_and(|d| sh.kept_draft(&d).is_some());
                sh.input = None;
                if kept {
                    sh.say(s.draft_kept, Tone::Info);
                }
            }
            Action::DiscardDraft => {
                if let Some(d) = sh.input_draft() {
                    sh.clear_draft(&d);
                }
                sh.input = None;
                sh.say(s.draft_discarded, Tone::Info);
            }
            _ => {}
        }
        self.sync_cursor(sh);
    }

    /// `a`: a new note's editor in this section, with its kept draft.
    fn add_note(&mut self, sh: &mut Shared) {
        let id = match sh.new_id() {
            Ok(id) => id,
            Err(e) => return sh.report(Err(e)),
        };
        let section = self.current_section_id(sh).unwrap_or_default();
        let kind = InputKind::NewNote { section, id };
        let text = sh
            .stored_draft(&kind)
            .map(|d| d.text)
            .filter(|t| !sh.writes.is_awaiting_text(t))
            .unwrap_or_default();
        sh.open_input(kind, &text);
    }

    /// Sets fields of the note under the cursor (undoable); says `done`
    /// (nothing when empty).
    fn set_fields(&mut self, sh: &mut Shared, fields: impl FnOnce(&Note) -> NoteFields, done: &str) {
        let Some(note) = self.current_note(sh) else {
            return sh.report(Err(Error::Invalid(sh.s().no_note_selected.into())));
        };
        let (id, fields) = (note.id.clone(), fields(note));
        self.cursor_id = Some(id.clone());
        match sh.set_note_fields(&id, fields) {
            Ok(()) if done.is_empty() => sh.message = None,
            Ok(()) => sh.report(Ok(done.to_string())),
            Err(e) => sh.report(Err(e)),
        }
    }

    /// `J`/`K`: the note under the cursor one place down (+1) or up (-1).
    fn reorder(&mut self, sh: &mut Shared, delta: i32) {
        let Some(id) = self.current_note(sh).map(|n| n.id.clone()) else {
            return sh.report(Err(Error::Invalid(sh.s().no_note_selected.into())));
        };
        self.cursor_id = Some(id.clone());
        let before = match rules::reorder_target(sh.state(), &id, delta) {
            Ok(Some(rules::ReorderTo::Before(b))) => Some(b),
            Ok(Some(rules::ReorderTo::End)) => None,
            Ok(None) => return,
            Err(e) => return sh.report(Err(e.into())),
        };
        let moved = sh.move_note(&id, None, before.as_deref());
        sh.report_quiet(moved.map(|()| String::new()));
    }

    /// The section dialog's digit: the note under the cursor to section `target`.
    fn move_to_section(&mut self, sh: &mut Shared, target: usize) {
        let Some(section) = self
            .board(sh)
            .and_then(|b| b.sections.get(target))
            .map(|s| s.id.clone())
        else {
            return;
        };
        let Some(id) = self.current_note(sh).map(|n| n.id.clone()) else {
            return sh.report(Err(Error::Invalid(sh.s().no_note_selected.into())));
        };
        self.cursor_id = Some(id.clone());
        let moved = sh.move_note(&id, Some(&section), None);
        sh.report_quiet(moved.map(|()| String::new()));
        self.section = target;
    }

    /// Enter in the editor: the note (new or edited) or the filter.
    fn submit(&mut self, sh: &mut Shared) {
        let draft = sh.input_draft();
        let Some(input) = sh.input.take() else { return };
        let text = input.text();
        match &input.kind {
            InputKind::Filter => {
                self.filter = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                self.cursor = 0;
            }
            InputKind::NewNote { section, id } => {
                if text.trim().is_empty() {
                    if let Some(d) = &draft {
                        sh.clear_draft(d);
                    }
                    return;
                }
                let (section, id) = (section.clone(), id.clone());
                match sh.add_note(id.clone(), &self.board, Some(&section), &text, NoteKind::Bullet) {
                    Ok(ticket) => {
                        self.cursor_id = Some(id);
                        sh.await_save(ticket, input.kind, &text, draft, sh.s().saved.into());
                    }
                    Err(e) => sh.keep_input(input, e),
                }
            }
            InputKind::EditNote { id, base } => {
                let saved = self.save_edit(sh, id, base, &text);
                match saved {
                    Ok((ticket, done)) => sh.await_save(ticket, input.kind, &text, draft, done),
                    Err(e) => sh.keep_input(input, e),
                }
            }
            InputKind::Broadcast | InputKind::Finding { .. } => {}
        }
    }

    /// Saves an edit: over the note, or as a new note when it was deleted
    /// meanwhile. The write's ticket and what to say once saved.
    fn save_edit(&mut self, sh: &mut Shared, id: &str, base: &str, text: &str) -> Result<(u64, String), Error> {
        let s = sh.s();
        let current = sh.state().note(id).cloned();
        match current {
            Some(n) if n.deleted => {
                let new = sh.new_id()?;
                let ticket = sh.add_note(new.clone(), &n.board, Some(&n.section), text, n.kind)?;
                self.cursor_id = Some(new);
                Ok((ticket, s.saved_as_new.to_string()))
            }
            Some(n) => {
                let done = if n.text != base { s.saved_over_change } else { s.saved };
                let fields = NoteFields {
                    text: Some(rules::checked_text(text)?),
                    ..NoteFields::default()
                };
                let ticket = sh.set_note_fields_ticket(id, fields)?;
                Ok((ticket, done.to_string()))
            }
            None => Err(Error::Invalid(s.no_note_selected.into())),
        }
    }

    /// A filter applies while it is typed.
    pub(crate) fn filter_as_typed(&mut self, sh: &Shared) {
        let Some(Input {
            kind: InputKind::Filter,
            area,
        }) = &sh.input
        else {
            return;
        };
        let text = area.lines().join(" ");
        self.filter = Some(text.trim().to_string()).filter(|t| !t.is_empty());
        self.cursor = 0;
        self.cursor_id = None;
        self.sync_cursor(sh);
    }

    /// Keeps the cursor on the same note when notes move around it.
    pub(crate) fn sync_cursor(&mut self, sh: &Shared) {
        // A note of ours not stamped yet: the cursor waits for it.
        if self.cursor_id.as_ref().is_some_and(|id| sh.state().note(id).is_none()) {
            return;
        }
        let notes = self.visible_notes(sh, self.section);
        let at = match &self.cursor_id {
            Some(id) if notes.get(self.cursor).is_some_and(|n| &n.id == id) => Some(self.cursor),
            Some(id) => notes.iter().position(|n| &n.id == id),
            None => None,
        };
        let cursor = at.unwrap_or(self.cursor).min(notes.len().saturating_sub(1));
        self.cursor_id = notes.get(cursor).map(|n| n.id.clone());
        self.cursor = cursor;
    }

    /// Reopens the newest unsaved note of this board from an earlier run
    /// (after a crash or `q`); the others are listed with `D`.
    pub(crate) fn restore_draft(&mut self, sh: &mut Shared) {
        let mut all = sh.board_drafts();
        if all.is_empty() {
            return;
        }
        let newest = all.remove(0);
        self.open_draft(sh, newest);
        let announced = sh.message.as_ref().is_some_and(|m| m.tone != Tone::Info);
        if !all.is_empty() && !announced {
            let text = format!("{} (+{} – D)", sh.s().draft_restored, all.len());
            sh.say(text, Tone::Info);
        }
    }

    /// Opens a kept draft in its editor: its section, its note and the
    /// version that edit started from (a newer change is announced).
    pub(crate) fn open_draft(&mut self, sh: &mut Shared, draft: Draft) {
        if let Some(i) = self
            .board(sh)
            .and_then(|b| b.sections.iter().position(|s| s.id == draft.section))
        {
            self.section = i;
        }
        let note = draft.editing.as_ref().and_then(|id| sh.state().note(id));
        let kind = match note {
            Some(n) => InputKind::EditNote {
                id: n.id.clone(),
                base: draft.base.clone().unwrap_or_else(|| n.text.clone()),
            },
            None => match sh.new_id() {
                Ok(id) => InputKind::NewNote {
                    section: self.current_section_id(sh).unwrap_or_default(),
                    id,
                },
                Err(e) => return sh.report(Err(e)),
            },
        };
        // A draft that moves to another editor (its note or section is gone)
        // is joined with what that editor kept, never written over it.
        let target = sh.draft_for(&kind);
        let moved = target.as_ref().is_some_and(|t| !t.same_editor(&draft));
        let mut text = draft.text.clone();
        if moved {
            if let Some(kept) = sh.stored_draft(&kind).filter(|k| !k.text.is_empty()) {
                text = format!("{}\n{text}", kept.text);
            }
        }
        let (take, rest) = split_to_fit(&text, MAX_NOTE_BYTES);
        let (take, rest) = (take.to_string(), rest.to_string());
        sh.open_input(kind, &take);
        if moved {
            sh.clear_draft(&draft);
        }
        sh.say(sh.s().draft_restored, Tone::Info);
        if !rest.is_empty() {
            sh.keep_rest(&rest, take.chars().count(), text.chars().count());
        }
        sh.warn_if_edited_note_changed();
    }
}

impl Shared {
    /// Adds note `id` by this writer at the end of its place (undoable);
    /// the write's ticket.
    pub(crate) fn add_note(
        &mut self,
        id: String,
        board: &str,
        section: Option<&str>,
        text: &str,
        kind: NoteKind,
    ) -> Result<u64, Error> {
        let mut note = rules::new_note(self.plan(), id.clone(), board, section, text, kind, false)?;
        note.by = self.author.clone();
        let changes = rules::add_at_end(self.state(), note)?;
        self.history.record(UndoEntry::added(&id));
        Ok(self.write(changes))
    }

    /// Sets fields of a live note (undoable); nothing when they are set already.
    pub(crate) fn set_note_fields(&mut self, id: &str, fields: NoteFields) -> Result<(), Error> {
        self.set_note_fields_ticket(id, fields).map(|_| ())
    }

    /// [`Shared::set_note_fields`], with the write's ticket (0: nothing written).
    pub(crate) fn set_note_fields_ticket(&mut self, id: &str, fields: NoteFields) -> Result<u64, Error> {
        let Some((id, before)) = rules::note_update(self.state(), id, &fields)? else {
            return Ok(0);
        };
        self.history.record(UndoEntry {
            note: id.clone(),
            before,
            after: fields.clone(),
        });
        Ok(self.write(vec![Change::NoteSet { id, fields }]))
    }

    /// Moves a note to another section of its board, before `before` or at
    /// the end (undoable).
    pub(crate) fn move_note(&mut self, id: &str, section: Option<&str>, before: Option<&str>) -> Result<(), Error> {
        let moved = rules::move_note(self.plan(), self.state(), id, None, section, before)?;
        let Some((note, old)) = rules::note_update(self.state(), &moved.note, &moved.fields)? else {
            return Ok(());
        };
        self.history.record(UndoEntry {
            note: note.clone(),
            before: old,
            after: moved.fields.clone(),
        });
        let mut changes = moved.respaced;
        changes.push(Change::NoteSet {
            id: note,
            fields: moved.fields,
        });
        self.write(changes);
        Ok(())
    }

    /// `u`/`Ctrl-r`: undo or redo this writer's last note action; the note
    /// restored, if one was.
    pub(crate) fn undo_note(&mut self, redo: bool) -> Option<String> {
        let s = self.s();
        match self.history.step(self.replica.state(), redo) {
            Ok(None) => self.report(Ok(s.nothing_to_undo.to_string())),
            Ok(Some(step)) => {
                self.write(vec![step.change]);
                if step.outcome.conflict {
                    self.report(Ok(s.undo_conflict.to_string()));
                    return None;
                }
                self.report(Ok(if redo { s.redone } else { s.undone }.to_string()));
                return Some(step.outcome.note);
            }
            Err(e) => self.report(Err(e.into())),
        }
        None
    }

    /// A save failed before it was handed over (a rule refused it): keep
    /// the text in the editor and say why.
    pub(crate) fn keep_input(&mut self, input: Input, e: Error) {
        self.input = Some(input);
        self.draft_pending = false;
        self.write_draft();
        let text = format!("{}: {}", self.s().not_saved, self.error_text(&e));
        self.say(text, Tone::Error);
    }

    /// While editing: say so if someone else changed or deleted the note
    /// since the edit began.
    pub(crate) fn warn_if_edited_note_changed(&mut self) {
        let Some(Input {
            kind: InputKind::EditNote { id, base },
            ..
        }) = &self.input
        else {
            return;
        };
        let s = self.s();
        let warning = match self.state().note(id) {
            Some(n) if n.deleted => Some(s.edited_note_deleted),
            Some(n) if n.text != *base => Some(s.edited_note_changed),
            _ => None,
        };
        if let Some(w) = warning {
            self.say(w, Tone::Warning);
        }
    }
}
