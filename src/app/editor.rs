//! The editor line (notes, broadcasts, filters), pastes into it, saving
//! what is typed, and the glue to this writer's drafts.
use super::*;

/// The most text (UTF-8 bytes) a paste or a reopened draft puts into one
/// editor: a quarter of the longest record the store accepts
/// ([`crate::store::log::MAX_RECORD_BYTES`]), so that a note this long is
/// always saved — JSON escapes at most double pasted text (its control
/// characters are dropped), and the record's other fields are small.
pub const MAX_NOTE_BYTES: usize = crate::store::log::MAX_RECORD_BYTES / 4;

impl App {
    /// A paste goes into the open editor as text — line breaks as line
    /// breaks in a note, as spaces in a one-line prompt — and never acts
    /// as keys. Without an editor it is ignored, with a hint. What does not
    /// fit into the editor ([`MAX_NOTE_BYTES`] in all) is never dropped
    /// silently: in a note editor it is kept as a draft of its own (listed
    /// with `D`), and the status line says how much was taken.
    pub(super) fn paste(&mut self, text: &str) {
        let multiline = match (&self.overlay, &self.input) {
            (None, Some(i)) => matches!(i.kind, InputKind::NewNote { .. } | InputKind::EditNote { .. }),
            _ => {
                let hint = match self.screen {
                    Screen::Facilitator(_) => self.s().paste_ignored_facilitator,
                    _ => self.s().paste_ignored_note,
                };
                self.message = Some(Message {
                    text: hint.into(),
                    tone: Tone::Warning,
                });
                return;
            }
        };
        let pasted = pasted_text(text, multiline);
        let (mut taken, mut rest) = (0, "");
        if let Some(input) = self.input.as_mut() {
            let used: usize = input.area.lines().iter().map(|l| l.len() + 1).sum();
            let (take, left) = split_to_fit(&pasted, MAX_NOTE_BYTES.saturating_sub(used));
            input.area.insert_str(take);
            (taken, rest) = (take.chars().count(), left);
        }
        self.save_draft();
        self.filter_as_typed();
        if !rest.is_empty() {
            self.keep_rest(rest, taken, pasted.chars().count());
        }
    }

    /// Keeps what did not fit into the open editor: as a draft of a note
    /// not written yet (its own id, the editor's board and section) when
    /// the editor is a note's, and says so; otherwise says what was left out.
    fn keep_rest(&mut self, rest: &str, taken: usize, of: usize) {
        let like = self.input.as_ref().and_then(|i| self.draft_for(&i.kind));
        let kept = match (like, &self.drafts) {
            (Some(mut draft), Some(b)) => {
                draft.text = rest.to_string();
                draft.editing = Some(new_note_id());
                draft.base = None;
                b.save(&draft).is_ok()
            }
            _ => false,
        };
        self.message = Some(Message {
            text: too_long_text(self.lang, taken, of, kept),
            tone: Tone::Warning,
        });
    }

    /// Says that the end of the paste just made (`bytes` of it) never
    /// arrived; returns true when there is an editor to say it in.
    pub fn paste_cut(&mut self, bytes: u64) -> bool {
        if self.input.is_none() {
            return false;
        }
        let lost = cut_text(self.lang, bytes);
        // The loss first: the status line is cut at the screen's width.
        let text = match self.message.take().filter(|m| m.tone == Tone::Warning) {
            Some(m) => format!("{lost} – {}", m.text),
            None => lost,
        };
        self.message = Some(Message {
            text,
            tone: Tone::Warning,
        });
        true
    }

    /// Editing keys the text area binds differently from a shell: Ctrl-U
    /// deletes to the start of the line, Ctrl-Z undoes. Returns true when
    /// `action` was one of them (and is done).
    pub(super) fn edit_text(&mut self, action: Action) -> bool {
        let Some(input) = self.input.as_mut() else { return false };
        match action {
            Action::ClearLineStart => input.area.delete_line_by_head(),
            Action::UndoTyping => input.area.undo(),
            _ => return false,
        };
        self.save_draft();
        self.filter_as_typed();
        true
    }

    /// A filter applies while it is typed.
    pub(super) fn filter_as_typed(&mut self) {
        let Some(Input {
            kind: InputKind::Filter,
            area,
        }) = &self.input
        else {
            return;
        };
        let text = area.lines().join(" ");
        if let Screen::Note(v) = &mut self.screen {
            v.filter = Some(text.trim().to_string()).filter(|t| !t.is_empty());
            v.cursor = 0;
            v.cursor_id = None;
        }
        self.sync_cursor();
    }

    pub(super) fn open_input(&mut self, kind: InputKind, text: &str) {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_max_histories(200);
        self.input = Some(Input { kind, area });
        self.draft_pending = false;
        self.write_draft();
    }

    pub(super) fn submit(&mut self) {
        let draft = self.input_draft();
        let Some(input) = self.input.take() else { return };
        let text = input.area.lines().join("\n");
        if matches!(input.kind, InputKind::Finding { .. }) {
            return self.submit_finding(input, &text);
        }
        let s = self.s();
        match &input.kind {
            InputKind::Finding { .. } => {}
            InputKind::Filter => {
                if let Screen::Note(v) = &mut self.screen {
                    v.filter = Some(text.trim().to_string()).filter(|t| !t.is_empty());
                    v.cursor = 0;
                }
            }
            // Empty clears; a full disk keeps the text, as for notes.
            InputKind::Broadcast => self.submit_broadcast(input, &text),
            InputKind::NewNote { section, id } => {
                if text.trim().is_empty() {
                    if let Some(d) = &draft {
                        self.clear_draft(d);
                    }
                    return;
                }
                let board = self.note_board().map(|b| b.id.clone()).unwrap_or_default();
                let before = self.session.last_ticket();
                match self
                    .session
                    .add_note_with_id(id.clone(), &board, Some(section), &text, NoteKind::Bullet, false)
                {
                    Ok(id) => {
                        if let Screen::Note(v) = &mut self.screen {
                            v.cursor_id = Some(id);
                        }
                        if !self.await_save(before, input.kind.clone(), &text, draft.clone(), s.saved.into()) {
                            if let Some(d) = &draft {
                                self.clear_draft(d);
                            }
                            self.message = Some(Message {
                                text: s.saved.into(),
                                tone: Tone::Success,
                            });
                        }
                    }
                    Err(e) => self.keep_input(input, e),
                }
            }
            InputKind::EditNote { id, base } => {
                let (id, base) = (id.clone(), base.clone());
                let before = self.session.last_ticket();
                let current = self.session.state().note(&id).cloned();
                let result = match current {
                    Some(n) if n.deleted => self
                        .session
                        .add_note(&n.board, Some(&n.section), &text, n.kind, n.starred)
                        .map(|new| {
                            if let Screen::Note(v) = &mut self.screen {
                                v.cursor_id = Some(new);
                            }
                            s.saved_as_new.to_string()
                        }),
                    Some(n) if n.text != base => self
                        .session
                        .edit_note(&id, &text)
                        .map(|()| s.saved_over_change.to_string()),
                    Some(_) => self.session.edit_note(&id, &text).map(|()| s.saved.to_string()),
                    None => Err(Error::Invalid(s.no_note_selected.into())),
                };
                match result {
                    Ok(msg) => {
                        if !self.await_save(before, input.kind.clone(), &text, draft.clone(), msg.clone()) {
                            if let Some(d) = &draft {
                                self.clear_draft(d);
                            }
                            self.message = Some(Message {
                                text: msg,
                                tone: Tone::Success,
                            });
                        }
                    }
                    Err(e) => self.keep_input(input, e),
                }
            }
        }
        self.sync_cursor();
    }

    /// A save failed: keep the text in the editor and say why.
    pub(super) fn keep_input(&mut self, input: Input, e: Error) {
        self.input = Some(input);
        self.draft_pending = false;
        self.write_draft();
        self.message = Some(Message {
            text: format!("{}: {}", self.s().not_saved, self.error_text(&e)),
            tone: Tone::Error,
        });
    }

    /// Opens this writer's drafts below `root`; without them typing still
    /// works, with a warning that nothing is kept.
    pub(super) fn open_drafts(&mut self, root: Result<std::path::PathBuf, Error>) {
        let plan = self.session.plan();
        let identity = format!("{}\0{}", plan.title, plan.date);
        let opened =
            root.and_then(|root| drafts::DraftBox::open(&root, self.session.dir(), &identity, self.session.author()));
        match opened {
            Ok(b) => self.drafts = Some(b),
            Err(e) => {
                self.message = Some(Message {
                    text: format!("{}: {e}", self.s().drafts_unavailable),
                    tone: Tone::Warning,
                });
            }
        }
    }

    /// The draft the editor of `kind` would write (text still empty).
    pub(super) fn draft_for(&self, kind: &InputKind) -> Option<drafts::Draft> {
        let Screen::Note(v) = &self.screen else { return None };
        let (section, editing, base) = match kind {
            InputKind::NewNote { section, .. } => (section.clone(), None, None),
            InputKind::EditNote { id, base } => {
                let section = self.session.state().note(id).map(|n| n.section.clone());
                (section.unwrap_or_default(), Some(id.clone()), Some(base.clone()))
            }
            _ => return None,
        };
        Some(drafts::Draft {
            board: v.board.clone(),
            section,
            text: String::new(),
            editing,
            base,
            saved_ms: self.now_ms(),
        })
    }

    /// The open editor's draft, with its current text.
    pub(super) fn input_draft(&self) -> Option<drafts::Draft> {
        let input = self.input.as_ref()?;
        let mut draft = self.draft_for(&input.kind)?;
        draft.text = input.area.lines().join("\n");
        Some(draft)
    }

    /// The kept draft of the editor `kind` opens, if any.
    pub(super) fn stored_draft(&self, kind: &InputKind) -> Option<drafts::Draft> {
        let like = self.draft_for(kind)?;
        self.drafts.as_ref()?.load(&like)
    }

    /// This board's drafts, newest first.
    pub fn board_drafts(&self) -> Vec<drafts::Draft> {
        let (Screen::Note(v), Some(b)) = (&self.screen, &self.drafts) else {
            return Vec::new();
        };
        b.list().into_iter().filter(|d| d.board == v.board).collect()
    }

    /// Writes the open editor's text to its draft; a draft with nothing
    /// typed in it (empty, or an edit still equal to where it started) is
    /// removed instead.
    pub(super) fn save_draft(&mut self) {
        if self.defer_drafts {
            self.draft_pending = true;
            return;
        }
        self.write_draft();
    }

    /// Writes a deferred draft change now.
    pub fn flush_draft(&mut self) {
        if std::mem::take(&mut self.draft_pending) {
            self.write_draft();
        }
    }

    pub(super) fn write_draft(&mut self) {
        let Some(draft) = self.input_draft() else { return };
        let Some(b) = &self.drafts else { return };
        let nothing_typed = match &draft.base {
            Some(base) => draft.text == *base,
            None => draft.text.is_empty(),
        };
        let result = if nothing_typed {
            b.clear(&draft);
            Ok(())
        } else {
            b.save(&draft)
        };
        if let Err(e) = result {
            self.message = Some(Message {
                text: e.to_string(),
                tone: Tone::Warning,
            });
        }
    }

    pub(super) fn clear_draft(&self, draft: &drafts::Draft) {
        if let Some(b) = &self.drafts {
            b.clear(draft);
        }
    }

    /// Reopens the newest unsaved note of this board from an earlier run
    /// (after a crash or `q`); the others are listed with `D`.
    pub(super) fn restore_draft(&mut self) {
        let mut all = self.board_drafts();
        if all.is_empty() {
            return;
        }
        let newest = all.remove(0);
        self.open_draft(newest);
        let announced = self.message.as_ref().is_some_and(|m| m.tone != Tone::Info);
        if !all.is_empty() && !announced {
            let text = format!("{} (+{} – D)", self.s().draft_restored, all.len());
            self.message = Some(Message { text, tone: Tone::Info });
        }
    }

    /// Opens a kept draft in its editor: its section, its note and the
    /// version that edit started from (a newer change is announced).
    pub(super) fn open_draft(&mut self, draft: drafts::Draft) {
        let section_index = self
            .note_board()
            .and_then(|b| b.sections.iter().position(|s| s.id == draft.section));
        if let (Some(i), Screen::Note(v)) = (section_index, &mut self.screen) {
            v.section = i;
        }
        let note = draft.editing.as_ref().and_then(|id| self.session.state().note(id));
        let kind = match note {
            Some(n) => InputKind::EditNote {
                id: n.id.clone(),
                base: draft.base.clone().unwrap_or_else(|| n.text.clone()),
            },
            None => InputKind::NewNote {
                section: self.current_section_id().unwrap_or_default(),
                id: new_note_id(),
            },
        };
        // A draft that moves to another editor (its note or section is gone)
        // is joined with what that editor kept, never written over it.
        let target = self.draft_for(&kind);
        let moved = target.as_ref().is_some_and(|t| !t.same_editor(&draft));
        let mut text = draft.text.clone();
        if moved {
            if let Some(kept) = self.stored_draft(&kind).filter(|k| !k.text.is_empty()) {
                text = format!("{}\n{text}", kept.text);
            }
        }
        let (take, rest) = split_to_fit(&text, MAX_NOTE_BYTES);
        let (take, rest) = (take.to_string(), rest.to_string());
        self.open_input(kind, &take);
        if moved {
            self.clear_draft(&draft);
        }
        self.message = Some(Message {
            text: self.s().draft_restored.into(),
            tone: Tone::Info,
        });
        if !rest.is_empty() {
            self.keep_rest(&rest, take.chars().count(), text.chars().count());
        }
        self.warn_if_edited_note_changed();
    }
}

/// `text` split so that the first part has at most `room` bytes: at the
/// last line break in the second half of that room (the break itself is
/// dropped), else at the last whole character.
pub(super) fn split_to_fit(text: &str, room: usize) -> (&str, &str) {
    if text.len() <= room {
        return (text, "");
    }
    let mut cut = room;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match text[..cut].rfind('\n').filter(|&nl| nl >= cut / 2) {
        Some(nl) => (&text[..nl], &text[nl + 1..]),
        None => (&text[..cut], &text[cut..]),
    }
}

/// "Note full: how many of all characters were pasted, and where the rest is."
fn too_long_text(lang: Lang, taken: usize, of: usize, kept: bool) -> String {
    let (taken, of) = (group_digits(taken, lang), group_digits(of, lang));
    match (lang, kept) {
        (Lang::De, true) => format!("Notiz voll: {taken} von {of} Zeichen eingefügt, Rest als Entwurf (D)"),
        (Lang::De, false) => format!("Zu lang: {taken} von {of} Zeichen eingefügt, der Rest fehlt"),
        (Lang::En, true) => format!("Note full: pasted {taken} of {of} characters, the rest is a draft (D)"),
        (Lang::En, false) => format!("Too long: pasted {taken} of {of} characters, the rest is left out"),
    }
}

/// 1234567 as "1.234.567" (German) or "1,234,567" (English).
fn group_digits(x: usize, lang: Lang) -> String {
    let sep = if lang == Lang::De { '.' } else { ',' };
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// "The last `bytes` of the paste did not arrive."
fn cut_text(lang: Lang, bytes: u64) -> String {
    let mib = crate::serve::input::MAX_HELD_PASTE >> 20;
    let n = group_digits(usize::try_from(bytes).unwrap_or(usize::MAX), lang);
    match lang {
        Lang::De => format!("Gekürzt: die letzten {n} Bytes kamen nicht an (SSH: höchstens {mib} MiB)"),
        Lang::En => format!("Paste cut: its last {n} bytes did not arrive (SSH: {mib} MiB per paste)"),
    }
}

/// Pasted text as it goes into an editor: line breaks (CR, CRLF, LF)
/// become line breaks in a note and spaces in a one-line prompt; other
/// control characters are dropped.
pub(super) fn pasted_text(text: &str, multiline: bool) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let unified = if multiline {
        unified
    } else {
        unified.trim_end_matches('\n').replace('\n', " ")
    };
    unified
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}
