//! Notes on their way to disk. With a background writer a submitted note
//! is drawn at once, marked as unsaved; "✓ saved" appears only once its
//! fsync returned ([`Action::Saved`]), and a failed save
//! ([`Action::SaveFailed`]) brings its text back into the editor under the
//! same id, so a retry can never create a second note. Its draft is
//! deleted only after the save.
use super::*;
use crate::model::SaveError;
use crate::store::WriteOutcome;

/// A submitted note whose save has no outcome yet.
pub(super) struct Awaiting {
    /// The ticket of the note's last write.
    ticket: u64,
    /// The editor it came from (its id included).
    kind: InputKind,
    /// The submitted text.
    text: String,
    /// Its draft, deleted once saved.
    draft: Option<drafts::Draft>,
    /// The status text once saved.
    done: String,
}

impl App {
    /// After a store call that began at ticket `before`: if it went to the
    /// background writer, the note waits for its outcome (true); otherwise
    /// it is on disk already (false).
    pub(super) fn await_save(
        &mut self,
        before: u64,
        kind: InputKind,
        text: &str,
        draft: Option<drafts::Draft>,
        done: String,
    ) -> bool {
        let ticket = self.session.last_ticket();
        if !self.session.writes_in_background() || ticket == before {
            return false;
        }
        self.awaiting.push(Awaiting {
            ticket,
            kind,
            text: text.to_string(),
            draft,
            done,
        });
        self.message = Some(Message {
            text: self.s().saving.into(),
            tone: Tone::Info,
        });
        true
    }

    /// Whether a note's text is still on its way to disk.
    pub fn is_unsaved(&self, note: &str) -> bool {
        self.session.is_unsaved(note)
    }

    /// The text of a kept draft that belongs to a note being saved (not to
    /// be offered again in a new editor).
    pub(super) fn is_awaiting_text(&self, text: &str) -> bool {
        self.awaiting.iter().any(|a| a.text == text)
    }

    pub(super) fn saved(&mut self, ticket: u64) -> bool {
        if let Err(e) = self.session.settle(WriteOutcome { ticket, failure: None }) {
            self.report(Err(e));
        }
        let Some(at) = self.awaiting.iter().position(|a| a.ticket == ticket) else {
            return true;
        };
        let note = self.awaiting.remove(at);
        if let (Some(d), Some(b)) = (&note.draft, &self.drafts) {
            // Only the draft of this text: the same editor may hold a newer one.
            if b.load(d).is_some_and(|kept| kept.text == d.text) {
                b.clear(d);
            }
        }
        self.message = Some(Message {
            text: note.done,
            tone: Tone::Success,
        });
        true
    }

    pub(super) fn save_failed(&mut self, ticket: u64, why: SaveError) -> bool {
        let refolded = self.session.settle(WriteOutcome {
            ticket,
            failure: Some(why),
        });
        self.sync_cursor();
        let mut text = format!(
            "{}: {}",
            self.s().not_saved,
            crate::i18n::save_error_text(self.lang, why)
        );
        if let Some(at) = self.awaiting.iter().position(|a| a.ticket == ticket) {
            let note = self.awaiting.remove(at);
            let lost = note.text.clone();
            if !self.bring_back(note) {
                // Nowhere to put it (a broadcast while another editor is open): show it.
                text.push_str(&format!(" «{lost}»"));
            }
        }
        self.message = Some(Message {
            text,
            tone: Tone::Error,
        });
        if let Err(e) = refolded {
            self.report(Err(e));
        }
        true
    }

    /// Puts a note that was not saved back into the editor. An editor that
    /// is open for the same place gets the text in front of its own; in
    /// another editor the text stays in its draft (`D`). False when the
    /// text is in neither (a broadcast has no draft).
    fn bring_back(&mut self, note: Awaiting) -> bool {
        let Some(input) = &mut self.input else {
            self.open_input(note.kind, &note.text);
            return true;
        };
        let same_place = match (&input.kind, &note.kind) {
            (InputKind::NewNote { section: a, .. }, InputKind::NewNote { section: b, .. }) => a == b,
            (InputKind::EditNote { id: a, .. }, InputKind::EditNote { id: b, .. }) => a == b,
            _ => false,
        };
        if same_place {
            input.area.move_cursor(ratatui_textarea::CursorMove::Top);
            input.area.move_cursor(ratatui_textarea::CursorMove::Head);
            input.area.insert_str(format!("{}\n", note.text));
            self.draft_pending = false;
            self.write_draft();
            return true;
        }
        note.draft.is_some()
    }
}
