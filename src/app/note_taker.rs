//! A note-taker's board view and the board picker: their state, their
//! update, and the queries the note screen draws from.
use super::*;

/// State of a note-taker's board view.
#[derive(Debug, Clone)]
pub struct NoteView {
    pub board: String,
    pub section: usize,
    pub cursor: usize,
    pub cursor_id: Option<String>,
    pub filter: Option<String>,
}

/// The board picker of `runde note` without `--board`.
#[derive(Debug, Clone)]
pub struct Picker {
    pub boards: Vec<String>,
    pub cursor: usize,
}

impl App {
    /// A note-taker's view; without a board, a picker of the phase's boards.
    /// Drafts are kept in the platform's local state directory.
    pub fn note_taker(session: Session, board: Option<&str>, lang: Option<Lang>) -> Result<App, Error> {
        let root = drafts::state_root();
        App::note_taker_with_state(session, board, lang, root)
    }

    /// [`App::note_taker`] with drafts below `state_root` (tests, a server
    /// running views for several people).
    pub fn note_taker_with_state(
        session: Session,
        board: Option<&str>,
        lang: Option<Lang>,
        state_root: Result<std::path::PathBuf, Error>,
    ) -> Result<App, Error> {
        let lang = lang.unwrap_or(session.plan().lang);
        let screen = match board {
            Some(b) => {
                session.plan().require_board(b)?;
                Screen::Note(NoteView {
                    board: b.to_string(),
                    section: 0,
                    cursor: 0,
                    cursor_id: None,
                    filter: None,
                })
            }
            None => {
                let phase_boards: Vec<String> = session
                    .state()
                    .phase()
                    .and_then(|p| session.plan().phase(p))
                    .map(|p| p.boards.clone())
                    .unwrap_or_default();
                let boards = if phase_boards.is_empty() {
                    session.plan().boards.iter().map(|b| b.id.clone()).collect()
                } else {
                    phase_boards
                };
                Screen::Picker(Picker { boards, cursor: 0 })
            }
        };
        let mut app = App::new(session, lang, screen);
        app.open_drafts(state_root);
        app.restore_draft();
        Ok(app)
    }

    /// The note-taker's board.
    pub fn note_board(&self) -> Option<&Board> {
        match &self.screen {
            Screen::Note(v) => self.session.plan().board(&v.board),
            _ => None,
        }
    }

    /// Notes of a section as the note-taker sees them (filter applied).
    pub fn visible_notes(&self, section: usize) -> Vec<&Note> {
        let (Screen::Note(v), Some(board)) = (&self.screen, self.note_board()) else {
            return Vec::new();
        };
        let Some(sec) = board.sections.get(section) else {
            return Vec::new();
        };
        let mut notes = self.session.state().notes_in(&board.id, &sec.id);
        if let Some(f) = v.filter.as_deref().map(str::to_lowercase) {
            notes.retain(|n| n.text.to_lowercase().contains(&f));
        }
        notes
    }

    /// The note under the cursor.
    pub fn current_note(&self) -> Option<&Note> {
        let Screen::Note(v) = &self.screen else { return None };
        self.visible_notes(v.section).get(v.cursor).copied()
    }

    pub(super) fn update_note(&mut self, action: Action) {
        let s = self.s();
        let section_count = self.note_board().map_or(1, |b| b.sections.len().max(1));
        match action {
            Action::AddNote => {
                let section = self.current_section_id().unwrap_or_default();
                let kind = InputKind::NewNote {
                    section,
                    id: new_note_id(),
                };
                let text = self
                    .stored_draft(&kind)
                    .map(|d| d.text)
                    .filter(|t| !self.is_awaiting_text(t))
                    .unwrap_or_default();
                self.open_input(kind, &text);
            }
            Action::EditNote => match self.current_note().map(|n| (n.id.clone(), n.text.clone())) {
                Some((id, text)) => {
                    let kind = InputKind::EditNote {
                        id: id.clone(),
                        base: text.clone(),
                    };
                    match self.stored_draft(&kind) {
                        // Reopen the kept edit, with the version it started from.
                        Some(d) => {
                            let base = d.base.unwrap_or(text);
                            self.open_input(InputKind::EditNote { id, base }, &d.text);
                            self.warn_if_edited_note_changed();
                        }
                        None => self.open_input(kind, &text),
                    }
                }
                None => self.report(Err(Error::Invalid(s.no_note_selected.into()))),
            },
            Action::ShowPart => self.open_part(),
            Action::ShowDrafts => {
                if self.board_drafts().is_empty() {
                    self.report(Ok(s.no_drafts.to_string()));
                } else {
                    self.overlay = Some(Overlay::Drafts);
                }
            }
            Action::DeleteNote => {
                self.with_current_note(|app, id| app.session.delete_note(id).map(|()| app.s().deleted_undo.to_string()))
            }
            Action::Star => self.with_current_note(|app, id| {
                let starred = app.session.state().note(id).is_some_and(|n| n.starred);
                app.session.set_starred(id, !starred).map(|()| String::new())
            }),
            Action::ToggleKind => self.with_current_note(|app, id| {
                let kind = match app.session.state().note(id).map(|n| n.kind) {
                    Some(NoteKind::Bullet) => NoteKind::Paragraph,
                    _ => NoteKind::Bullet,
                };
                app.session.set_kind(id, kind).map(|()| String::new())
            }),
            Action::MoveNoteDown | Action::MoveNoteUp => {
                let delta = if action == Action::MoveNoteDown { 1 } else { -1 };
                self.with_current_note(|app, id| app.session.reorder_note(id, delta).map(|_| String::new()));
            }
            Action::MoveToSection if self.current_note().is_some() && section_count > 1 => {
                self.overlay = Some(Overlay::SectionPicker);
            }
            Action::Undo | Action::Redo => self.undo_in_view(action),
            Action::NextColumn | Action::PrevColumn => {
                if let Screen::Note(v) = &mut self.screen {
                    v.section = if action == Action::NextColumn {
                        (v.section + 1) % section_count
                    } else {
                        (v.section + section_count - 1) % section_count
                    };
                    v.cursor = 0;
                    v.cursor_id = None;
                }
            }
            action if action.moves_cursor() => {
                let len = match &self.screen {
                    Screen::Note(v) => self.visible_notes(v.section).len(),
                    _ => 0,
                };
                if let Screen::Note(v) = &mut self.screen {
                    v.cursor = step_cursor(v.cursor, len, action);
                    v.cursor_id = None;
                }
            }
            Action::StartSignal => self.overlay = Some(Overlay::SignalPicker),
            Action::SendSignal(signal) => {
                if let Screen::Note(v) = &self.screen {
                    let board = v.board.clone();
                    let done = self.session.signal(&board, signal);
                    let text = s.signal_sent.to_string();
                    self.report(done.map(|()| text));
                }
            }
            Action::MoveToSectionNumber(target) => self.move_to_section(target),
            Action::StartFilter => {
                let current = match &self.screen {
                    Screen::Note(v) => v.filter.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                self.open_input(InputKind::Filter, &current);
            }
            Action::Back => {
                if let Screen::Note(v) = &mut self.screen {
                    v.filter = None;
                }
            }
            Action::Submit | Action::ApplyFilter => self.submit(),
            Action::ClearFilter => {
                self.input = None;
                if let Screen::Note(v) = &mut self.screen {
                    v.filter = None;
                }
            }
            Action::Newline => {
                if let Some(i) = self.input.as_mut() {
                    if matches!(i.kind, InputKind::NewNote { .. } | InputKind::EditNote { .. }) {
                        i.area.insert_newline();
                    }
                }
                self.save_draft();
            }
            Action::Cancel | Action::CloseEditor => {
                let kept = self
                    .input_draft()
                    .and_then(|d| self.drafts.as_ref()?.load(&d))
                    .is_some();
                self.input = None;
                if kept {
                    self.message = Some(Message {
                        text: s.draft_kept.into(),
                        tone: Tone::Info,
                    });
                }
            }
            Action::DiscardDraft => {
                if let Some(d) = self.input_draft() {
                    self.clear_draft(&d);
                }
                self.input = None;
                self.message = Some(Message {
                    text: s.draft_discarded.into(),
                    tone: Tone::Info,
                });
            }
            _ => {}
        }
        self.sync_cursor();
    }

    pub(super) fn with_current_note(&mut self, f: impl FnOnce(&mut App, &str) -> Result<String, Error>) {
        match self.current_note().map(|n| n.id.clone()) {
            Some(id) => {
                if let Screen::Note(v) = &mut self.screen {
                    v.cursor_id = Some(id.clone());
                }
                let r = f(self, &id);
                match r {
                    Ok(t) if t.is_empty() => self.message = None,
                    other => self.report(other),
                }
            }
            None => self.report(Err(Error::Invalid(self.s().no_note_selected.into()))),
        }
    }

    pub(super) fn move_to_section(&mut self, target: usize) {
        let Some(board) = self.note_board() else { return };
        let Some(section) = board.sections.get(target).map(|s| s.id.clone()) else {
            return;
        };
        self.with_current_note(|app, id| {
            app.session
                .move_note(id, None, Some(&section), None)
                .map(|()| String::new())
        });
        if let Screen::Note(v) = &mut self.screen {
            v.section = target;
        }
        self.sync_cursor();
    }

    pub(super) fn current_section_id(&self) -> Option<String> {
        let Screen::Note(v) = &self.screen else { return None };
        self.note_board()
            .and_then(|b| b.sections.get(v.section))
            .map(|s| s.id.clone())
    }

    /// Keeps the cursor on the same note when notes move around it.
    pub(super) fn sync_cursor(&mut self) {
        let Screen::Note(v) = &self.screen else { return };
        let notes = self.visible_notes(v.section);
        let at = match &v.cursor_id {
            Some(id) if notes.get(v.cursor).is_some_and(|n| &n.id == id) => Some(v.cursor),
            Some(id) => notes.iter().position(|n| &n.id == id),
            None => None,
        };
        let cursor = at.unwrap_or(v.cursor).min(notes.len().saturating_sub(1));
        let cursor_id = notes.get(cursor).map(|n| n.id.clone());
        if let Screen::Note(v) = &mut self.screen {
            v.cursor = cursor;
            v.cursor_id = cursor_id;
        }
    }

    pub(super) fn after_store_change(&mut self) {
        self.refresh_part();
        self.sync_cursor();
        self.warn_if_edited_note_changed();
    }

    /// While editing: say so if someone else changed or deleted the note
    /// since the edit began.
    pub(super) fn warn_if_edited_note_changed(&mut self) {
        let Some(Input {
            kind: InputKind::EditNote { id, base },
            ..
        }) = &self.input
        else {
            return;
        };
        let s = self.s();
        let warning = match self.session.state().note(id) {
            Some(n) if n.deleted => Some(s.edited_note_deleted),
            Some(n) if n.text != *base => Some(s.edited_note_changed),
            _ => None,
        };
        if let Some(w) = warning {
            self.message = Some(Message {
                text: w.into(),
                tone: Tone::Warning,
            });
        }
    }

    pub(super) fn update_picker(&mut self, action: Action) {
        let Screen::Picker(p) = &mut self.screen else { return };
        match action {
            action if action.moves_cursor() => p.cursor = step_cursor(p.cursor, p.boards.len(), action),
            Action::OpenBoard | Action::PickBoard(_) => {
                let index = match action {
                    Action::PickBoard(i) => i,
                    _ => p.cursor,
                };
                if let Some(board) = p.boards.get(index).cloned() {
                    self.screen = Screen::Note(NoteView {
                        board,
                        section: 0,
                        cursor: 0,
                        cursor_id: None,
                        filter: None,
                    });
                    self.restore_draft();
                    self.sync_cursor();
                }
            }
            _ => {}
        }
    }
}
