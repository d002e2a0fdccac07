//! The plenary synthesis in the facilitator's merged view: `Space` marks
//! notes across groups, `f` turns the marks into one finding (an editor
//! pre-filled with their texts; the saved finding links to its sources),
//! and the note under the cursor gets suggestions of similar notes from
//! other groups. Without marks `f` copies one note, as before.
use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::app::keys::{self, Binding};
use crate::app::{Action, App, FacMode, Input, InputKind, Message, Screen, Tone};
use crate::error::Error;
use crate::i18n::{SynthesisStrings, synthesis_strings};
use crate::model::similarity::{Doc, Index};
use crate::model::{BoardKind, Note, NoteKind, finding};

/// How many similar notes are suggested for the note under the cursor.
pub const SUGGESTIONS: usize = 3;

/// Keys of the merged view: marking and undo first, then those of present mode
/// (`Space` marks here instead of paging).
static MERGED: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let own = [
        Binding {
            keys: &[(KeyCode::Char(' '), KeyModifiers::NONE)],
            shown: "Space",
            action: Action::ToggleMark,
            footer: true,
        },
        Binding {
            keys: &[(KeyCode::Char('u'), KeyModifiers::NONE)],
            shown: "u",
            action: Action::Undo,
            footer: false,
        },
        Binding {
            keys: &[(KeyCode::Char('r'), KeyModifiers::CONTROL)],
            shown: "Ctrl-r",
            action: Action::Redo,
            footer: false,
        },
    ];
    own.into_iter().chain(keys::PRESENT.iter().copied()).collect()
});

/// The key table of the merged view.
pub fn merged_bindings() -> &'static [Binding] {
    &MERGED
}

/// What the merged view highlights around the note under the cursor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// The note under the cursor.
    pub cursor: Option<String>,
    /// Similar notes of other groups: (note id, group number on screen), best first.
    pub similar: Vec<(String, usize)>,
}

impl Suggestions {
    /// The group numbers of the suggestions, ascending, each once.
    pub fn groups(&self) -> Vec<usize> {
        let mut g: Vec<usize> = self.similar.iter().map(|(_, n)| *n).collect();
        g.sort_unstable();
        g.dedup();
        g
    }

    /// True when `id` is suggested.
    pub fn contains(&self, id: &str) -> bool {
        self.similar.iter().any(|(s, _)| s == id)
    }
}

impl App {
    /// The synthesis words of the app's language.
    pub fn syn(&self) -> &'static SynthesisStrings {
        synthesis_strings(self.lang)
    }

    /// The notes marked for one finding, in the order they were marked.
    pub fn marks(&self) -> &[String] {
        match &self.screen {
            Screen::Facilitator(f) => &f.marks,
            _ => &[],
        }
    }

    /// The note under the facilitator's cursor (present or merged mode).
    pub fn fac_current_note(&self) -> Option<&Note> {
        let Screen::Facilitator(f) = &self.screen else {
            return None;
        };
        self.columns()
            .get(f.column)
            .and_then(|c| c.notes.get(f.cursor).copied())
    }

    /// Similar notes from other groups for the note under the cursor (merged view only).
    pub fn suggestions(&self) -> Suggestions {
        let merged = matches!(&self.screen, Screen::Facilitator(f) if f.mode == FacMode::Merged);
        let Some(current) = self.fac_current_note().filter(|_| merged) else {
            return Suggestions::default();
        };
        let columns = self.columns();
        let notes: Vec<(usize, &Note)> = columns
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.notes.iter().map(move |n| (i + 1, *n)))
            .collect();
        let docs: Vec<Doc> = notes
            .iter()
            .map(|(_, n)| Doc {
                group: &n.board,
                text: &n.text,
            })
            .collect();
        let index = Index::build(&docs, self.session.plan().lang);
        let Some(at) = notes.iter().position(|(_, n)| n.id == current.id) else {
            return Suggestions::default();
        };
        Suggestions {
            cursor: Some(current.id.clone()),
            similar: index
                .similar(at, SUGGESTIONS)
                .into_iter()
                .map(|m| (notes[m.doc].1.id.clone(), notes[m.doc].0))
                .collect(),
        }
    }

    /// `Space` in the merged view: mark or unmark the note under the cursor.
    pub(crate) fn toggle_mark(&mut self) {
        let Some(id) = self.fac_current_note().map(|n| n.id.clone()) else {
            return self.report(Err(Error::Invalid(self.s().no_note_selected.into())));
        };
        let marked = self.syn().marked;
        if let Screen::Facilitator(f) = &mut self.screen {
            match f.marks.iter().position(|m| *m == id) {
                Some(at) => {
                    f.marks.remove(at);
                }
                None => f.marks.push(id),
            }
            let count = f.marks.len();
            self.message = (count > 0).then(|| Message {
                text: format!("{count} {marked}"),
                tone: Tone::Info,
            });
        }
    }

    /// `Esc` with marks: clear them (true) instead of leaving the view.
    pub(crate) fn clear_marks(&mut self) -> bool {
        let text = self.syn().marks_cleared;
        let Screen::Facilitator(f) = &mut self.screen else {
            return false;
        };
        if f.marks.is_empty() || f.mode != FacMode::Merged {
            return false;
        }
        f.marks.clear();
        self.message = Some(Message {
            text: text.into(),
            tone: Tone::Info,
        });
        true
    }

    /// `f`: one finding from the marked notes, or a copy of the note under the cursor.
    pub(crate) fn make_finding(&mut self) {
        if self.findings_board().is_none() {
            return self.report(Err(Error::Invalid(self.s().no_findings_board.into())));
        }
        let marks = self.marks().to_vec();
        if marks.is_empty() {
            return self.copy_to_findings();
        }
        let text: Vec<String> = marks
            .iter()
            .filter_map(|id| self.session.state().note(id))
            .map(|n| n.text.trim().to_string())
            .collect();
        let kind = InputKind::Finding {
            id: crate::app::new_note_id(),
            sources: marks,
        };
        self.open_input(kind, &text.join("\n"));
    }

    /// The plan's findings board: (id, title).
    fn findings_board(&self) -> Option<(String, String)> {
        self.session
            .plan()
            .boards_of_kind(BoardKind::Findings)
            .next()
            .map(|b| (b.id.clone(), b.title.clone()))
    }

    /// Copies the note under the cursor to the findings board, linked to it;
    /// says so when the note had been copied before.
    fn copy_to_findings(&mut self) {
        let Some(note) = self.fac_current_note().cloned() else {
            return self.report(Err(Error::Invalid(self.s().no_note_selected.into())));
        };
        let Some((_, title)) = self.findings_board() else {
            return;
        };
        let copied_before = !finding::findings_citing(self.session.state(), &note.id).is_empty();
        let sources = [note.id.clone()];
        let result = self
            .session
            .add_finding_with_id(crate::app::new_note_id(), &note.text, note.kind, &sources);
        let copied = format!("{} {title}", self.s().copied_to);
        match result {
            Ok(_) if copied_before => {
                self.message = Some(Message {
                    text: format!("{copied} – {}", self.syn().already_copied),
                    tone: Tone::Warning,
                });
            }
            other => self.report(other.map(|_| copied)),
        }
    }

    /// Saves the finding typed in the editor; the marks are cleared once it is on disk.
    pub(crate) fn submit_finding(&mut self, input: Input, text: &str) {
        let InputKind::Finding { id, sources } = &input.kind else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        match self
            .session
            .add_finding_with_id(id.clone(), text, NoteKind::Bullet, sources)
        {
            Ok(_) => {
                let count = sources.len();
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.marks.clear();
                }
                self.message = Some(Message {
                    text: format!("{} ({count} {})", self.syn().finding_saved, self.syn().sources_word),
                    tone: Tone::Success,
                });
            }
            Err(e) => self.keep_input(input, e),
        }
    }

    /// `u`/`Ctrl-r` in either view: undo or redo this writer's last note
    /// action; a note-taker's cursor follows the restored note.
    pub(crate) fn undo_in_view(&mut self, action: Action) {
        let s = self.s();
        let r = if action == Action::Undo {
            self.session.undo()
        } else {
            self.session.redo()
        };
        let r = r.map(|outcome| match outcome {
            None => s.nothing_to_undo.to_string(),
            Some(o) if o.conflict => s.undo_conflict.to_string(),
            Some(o) => {
                if let Screen::Note(v) = &mut self.screen {
                    v.cursor_id = Some(o.note);
                }
                if action == Action::Undo { s.undone } else { s.redone }.to_string()
            }
        });
        self.report(r);
    }
}
