//! The plenary synthesis in the facilitator's merged view: `Space` marks
//! notes across groups, `f` turns the marks into one finding (an editor
//! pre-filled with their texts; the saved finding links to its sources),
//! and the note under the cursor gets suggestions of similar notes from
//! other groups. Without marks `f` copies one note, as before.
use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::app::Action;
use crate::app::editor::{Input, InputKind};
use crate::app::facilitator::{FacMode, Facilitator};
use crate::app::keys::{self, Binding};
use crate::app::shared::{Shared, Tone};
use crate::error::Error;
use crate::model::similarity::{Doc, Index};
use crate::model::{BoardKind, Note, NoteKind, finding, rules};

/// How many similar notes are suggested for the note under the cursor.
pub const SUGGESTIONS: usize = 3;

/// Keys of the merged and present views: marking and undo first, then
/// those of present mode (`Space` marks here; `PgDn` pages).
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
    own.into_iter().chain(keys::PRESENT.iter().cloned()).collect()
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

impl Facilitator {
    /// Similar notes from other groups for the note under the cursor (merged view only).
    pub fn suggestions(&self, sh: &Shared) -> Suggestions {
        let Some(current) = self.current_note(sh).filter(|_| self.mode == FacMode::Merged) else {
            return Suggestions::default();
        };
        // Findings beside the groups (in the plenary) are no group's notes.
        let columns: Vec<_> = self
            .columns(sh)
            .into_iter()
            .filter(|c| !is_findings(sh, &c.board))
            .collect();
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
        let index = Index::build(&docs, sh.plan().lang);
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
    pub(crate) fn toggle_mark(&mut self, sh: &mut Shared) {
        let Some(note) = self.current_note(sh) else {
            return sh.report(Err(Error::Invalid(sh.s().no_note_selected.into())));
        };
        if is_findings(sh, &note.board) {
            return sh.say(sh.syn().is_finding, Tone::Warning);
        }
        let id = note.id.clone();
        match self.marks.iter().position(|m| *m == id) {
            Some(at) => {
                self.marks.remove(at);
            }
            None => self.marks.push(id),
        }
        let count = self.marks.len();
        sh.message = None;
        if count > 0 {
            sh.say(format!("{count} {}", sh.syn().marked), Tone::Info);
        }
    }

    /// `Esc` with marks: clear them (true) instead of leaving the view.
    pub(crate) fn clear_marks(&mut self, sh: &mut Shared) -> bool {
        if self.marks.is_empty() || self.mode == FacMode::Grid {
            return false;
        }
        self.marks.clear();
        sh.say(sh.syn().marks_cleared, Tone::Info);
        true
    }

    /// `f`: one finding from the marked notes, or a copy of the note under the cursor.
    pub(crate) fn make_finding(&mut self, sh: &mut Shared) {
        if findings_board(sh).is_none() {
            return sh.report(Err(Error::Invalid(sh.s().no_findings_board.into())));
        }
        if self.marks.is_empty() {
            return self.copy_to_findings(sh);
        }
        let text: Vec<String> = self
            .marks
            .iter()
            .filter_map(|id| sh.state().note(id))
            .map(|n| n.text.trim().to_string())
            .collect();
        let id = match sh.new_id() {
            Ok(id) => id,
            Err(e) => return sh.report(Err(e)),
        };
        let kind = InputKind::Finding {
            id,
            sources: self.marks.clone(),
        };
        sh.open_input(kind, &text.join("\n"));
    }

    /// Copies the note under the cursor to the findings board, linked to it;
    /// a note already in a finding (or a finding) is not copied again.
    fn copy_to_findings(&mut self, sh: &mut Shared) {
        let Some(note) = self.current_note(sh).cloned() else {
            return sh.report(Err(Error::Invalid(sh.s().no_note_selected.into())));
        };
        let Some((_, title)) = findings_board(sh) else {
            return;
        };
        if is_findings(sh, &note.board) {
            return sh.say(sh.syn().is_finding, Tone::Warning);
        }
        if !finding::findings_citing(sh.state(), &note.id).is_empty() {
            return sh.say(sh.syn().already_in_finding, Tone::Warning);
        }
        let result = sh
            .new_id()
            .and_then(|id| add_finding(sh, id, &note.text, note.kind, std::slice::from_ref(&note.id)));
        let copied = format!("{} {title}", sh.s().copied_to);
        sh.report(result.map(|_| copied));
    }

    /// Saves the finding typed in the editor; the marks are cleared once it is handed over.
    pub(crate) fn submit_finding(&mut self, sh: &mut Shared, input: Input, text: &str) {
        let InputKind::Finding { id, sources } = &input.kind else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        match add_finding(sh, id.clone(), text, NoteKind::Bullet, sources) {
            Ok(_) => {
                let count = sources.len();
                self.marks.clear();
                let text = format!("{} ({count} {})", sh.syn().finding_saved, sh.syn().sources_word);
                sh.say(text, Tone::Success);
            }
            Err(e) => sh.keep_input(input, e),
        }
    }
}

/// True when `board` is a findings board.
fn is_findings(sh: &Shared, board: &str) -> bool {
    sh.plan().board(board).is_some_and(|b| b.kind == BoardKind::Findings)
}

/// The plan's findings board: (id, title).
fn findings_board(sh: &Shared) -> Option<(String, String)> {
    sh.plan()
        .boards_of_kind(BoardKind::Findings)
        .next()
        .map(|b| (b.id.clone(), b.title.clone()))
}

/// Adds a finding on the plan's first findings board that links to its
/// source notes; undoable like any new note. The write's ticket.
fn add_finding(sh: &mut Shared, id: String, text: &str, kind: NoteKind, sources: &[String]) -> Result<u64, Error> {
    let board = rules::findings_board(sh.plan())?;
    let mut note = rules::new_note(sh.plan(), id.clone(), &board, None, text, kind, false)?;
    note.by = sh.author.clone();
    for source in sources {
        let source = rules::resolve_note_id(sh.state(), source)?;
        if !note.sources.contains(&source) {
            note.sources.push(source);
        }
    }
    let changes = rules::add_at_end(sh.state(), note)?;
    sh.history.record(crate::model::history::UndoEntry::added(&id));
    Ok(sh.write(changes))
}
