//! A draft: the text in one of a note-taker's editors that is not saved
//! yet, kept so that a crash or `q` never loses typing. Plain data; the
//! store keeps drafts on this machine (`store::drafts`).
use serde::{Deserialize, Serialize};

/// An unsaved note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Board the note is on.
    #[serde(default)]
    pub board: String,
    /// Section the note is for.
    pub section: String,
    /// The typed text.
    pub text: String,
    /// The note being edited, if this is an edit.
    #[serde(default)]
    pub editing: Option<String>,
    /// The note's text when the edit began (the version it started from).
    #[serde(default)]
    pub base: Option<String>,
    /// Wall time of the last change (ms), to offer the newest first.
    #[serde(default)]
    pub saved_ms: i64,
}

impl Draft {
    /// Whether `other` is the same editor (same board and note, or the same
    /// board section for a new note).
    pub fn same_editor(&self, other: &Draft) -> bool {
        self.board == other.board
            && self.editing == other.editing
            && (self.editing.is_some() || self.section == other.section)
    }
}
