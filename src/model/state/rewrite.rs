//! A copy of the state with other words in its notes: what public minutes
//! are built from (names replaced, authors made safe). Only a note's text
//! and author change; its place, order and history stay, so every index
//! remains valid.
use super::{Note, SessionState};

impl SessionState {
    /// Gives every note (deleted ones included) the text and author `f`
    /// returns for it.
    pub fn rewrite_notes(&mut self, mut f: impl FnMut(&Note) -> (String, Option<String>)) {
        for (note, _) in &mut self.notes {
            let (text, by) = f(note);
            note.text = text;
            note.by = by;
        }
    }
}
