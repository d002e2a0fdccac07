//! Writes on their way to disk. Every write leaves as an
//! [`Effect::Append`](crate::app::Effect::Append) with a ticket; the
//! runtime answers with the stamped events (applied at once, a note drawn
//! with an "unsaved" marker), then [`Action::Saved`](crate::app::Action)
//! once it is on disk — only then does "✓ saved" appear and its draft go —
//! or `SaveFailed`, which folds the folder again without what was not
//! saved and brings a submitted text back into the editor under the same
//! id, so a retry can never create a second note.
use std::collections::HashMap;

use crate::app::Effect;
use crate::app::editor::InputKind;
use crate::app::shared::{Shared, Tone};
use crate::model::draft::Draft;
use crate::model::{Change, Event, OrderKey, SaveError};

/// This writer's writes without an outcome yet.
#[derive(Debug, Default)]
pub(crate) struct Writes {
    /// The last ticket given out.
    last_ticket: u64,
    /// Writes handed to the runtime without an outcome yet.
    pending: Vec<Pending>,
    /// Texts submitted from an editor, waiting for their outcome.
    awaiting: Vec<Awaiting>,
    /// The text this writer last gave each note, to notice when someone
    /// else's later edit replaced it (last writer wins).
    own_texts: HashMap<String, String>,
}

/// One write without an outcome.
#[derive(Debug)]
struct Pending {
    ticket: u64,
    /// Notes whose text (or existence) it sets, with the text.
    texts: Vec<(String, String)>,
    /// Its events are applied to the state already.
    applied: bool,
}

/// A submitted text whose save has no outcome yet.
#[derive(Debug)]
pub(crate) struct Awaiting {
    /// The ticket of the write.
    ticket: u64,
    /// The editor it came from (its id included).
    pub(crate) kind: InputKind,
    /// The submitted text.
    pub(crate) text: String,
    /// Its draft, deleted once saved.
    pub(crate) draft: Option<Draft>,
    /// The status text once saved.
    done: String,
}

impl Writes {
    /// Gives out the ticket of a new write of `changes`.
    pub(crate) fn begin(&mut self, changes: &[Change]) -> u64 {
        self.last_ticket += 1;
        self.pending.push(Pending {
            ticket: self.last_ticket,
            texts: changes.iter().filter_map(Change::set_text).collect(),
            applied: false,
        });
        self.last_ticket
    }

    /// Whether a note's text is still on its way to disk.
    pub(crate) fn is_unsaved(&self, note: &str) -> bool {
        self.pending
            .iter()
            .any(|p| p.applied && p.texts.iter().any(|(id, _)| id == note))
    }

    /// The text of a kept draft that belongs to a note being saved (not to
    /// be offered again in a new editor).
    pub(crate) fn is_awaiting_text(&self, text: &str) -> bool {
        self.awaiting.iter().any(|a| a.text == text)
    }
}

impl Shared {
    /// A text submitted from the editor `kind` waits for its write
    /// `ticket`: "saving…" until then, `done` once saved.
    /// Ticket 0 (nothing needed writing) counts as saved at once.
    pub(crate) fn await_save(&mut self, ticket: u64, kind: InputKind, text: &str, draft: Option<Draft>, done: String) {
        if ticket == 0 {
            if let Some(d) = &draft {
                self.clear_draft(d);
            }
            return self.say(done, Tone::Success);
        }
        self.writes.awaiting.push(Awaiting {
            ticket,
            kind,
            text: text.to_string(),
            draft,
            done,
        });
        self.say(self.s().saving, Tone::Info);
    }

    /// `Stamped`: the write's events, applied at once.
    pub(crate) fn stamped(&mut self, ticket: u64, events: Vec<(OrderKey, Event)>) {
        if let Some(p) = self.writes.pending.iter_mut().find(|p| p.ticket == ticket) {
            p.applied = true;
            for (id, text) in &p.texts {
                self.writes.own_texts.insert(id.clone(), text.clone());
            }
        }
        self.replica.apply_own(events);
    }

    /// `Saved`: the write is on disk.
    pub(crate) fn saved(&mut self, ticket: u64) {
        self.writes.pending.retain(|p| p.ticket != ticket);
        let Some(at) = self.writes.awaiting.iter().position(|a| a.ticket == ticket) else {
            return;
        };
        let note = self.writes.awaiting.remove(at);
        if let Some(d) = &note.draft {
            // Only the draft of this text: the same editor may hold a newer one.
            if self.kept_draft(d).is_some_and(|kept| kept.text == d.text) {
                self.clear_draft(d);
            }
        }
        self.say(note.done, Tone::Success);
    }

    /// `SaveFailed`: the write is not on disk (and never will be). What was
    /// applied of it is taken back by folding the folder again; a submitted
    /// text comes back into the editor.
    pub(crate) fn save_failed(&mut self, ticket: u64, why: SaveError, detail: &str) {
        let failed = self.writes.pending.iter().find(|p| p.ticket == ticket);
        if failed.is_some_and(|p| p.applied) {
            // Every later write of that writer id fails too: none is on disk.
            for p in std::mem::take(&mut self.writes.pending) {
                for (id, _) in p.texts {
                    self.writes.own_texts.remove(&id);
                }
            }
            self.effect(Effect::ReloadFolder);
        } else {
            self.writes.pending.retain(|p| p.ticket != ticket);
        }
        // The system's words where the runtime has them (with the path),
        // else why in the view's language.
        let why = match detail {
            "" => crate::i18n::save_error_text(self.lang, why),
            detail => detail,
        };
        let mut text = format!("{}: {why}", self.s().not_saved);
        if let Some(at) = self.writes.awaiting.iter().position(|a| a.ticket == ticket) {
            let note = self.writes.awaiting.remove(at);
            let lost = note.text.clone();
            if !self.bring_back(note) {
                // Nowhere to put it (a broadcast while another editor is open): show it.
                text.push_str(&format!(" «{lost}»"));
            }
        }
        self.say(text, Tone::Error);
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

    /// After a folder read: notes where someone else's later edit replaced
    /// this writer's text are announced (each once).
    pub(crate) fn notice_replaced_texts(&mut self) {
        let state = self.replica.state();
        let mut gone: Vec<String> = self
            .writes
            .own_texts
            .iter()
            .filter(|(id, text)| state.note(id).is_some_and(|n| !n.deleted && n.text != **text))
            .map(|(id, _)| id.clone())
            .collect();
        gone.sort();
        for id in &gone {
            self.writes.own_texts.remove(id);
        }
        if let Some(note) = gone.first().and_then(|id| self.replica.state().note(id)) {
            let text = format!(
                "{} «{}»",
                self.s().edit_replaced,
                note.text.lines().next().unwrap_or_default()
            );
            self.say(text, Tone::Warning);
        }
    }
}
