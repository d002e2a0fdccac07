//! The editor line both views share (notes, broadcasts, filters,
//! findings): what it is for, opening it, typing and pasting into it. Its
//! drafts are in [`drafts`](super::drafts); what a submitted text does is
//! each view's.
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use crate::app::Action;
use crate::app::shared::{Shared, Tone};

/// What an editor line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// A new note in this section; its id is fixed when the editor opens,
    /// so retrying a failed save can never create a second note.
    NewNote { section: String, id: String },
    /// Editing a note; `base` is its text when editing began.
    EditNote { id: String, base: String },
    /// A broadcast to everyone.
    Broadcast,
    /// A filter over the notes.
    Filter,
    /// A finding from marked notes; `sources` are their ids.
    Finding { id: String, sources: Vec<String> },
}

/// An open editor line.
pub struct Input {
    pub kind: InputKind,
    pub area: TextArea<'static>,
}

impl Input {
    /// The text typed so far.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Whether the editor holds a note (line breaks are kept).
    pub fn is_note(&self) -> bool {
        matches!(self.kind, InputKind::NewNote { .. } | InputKind::EditNote { .. })
    }
}

impl Shared {
    /// Opens the editor for `kind` with `text` (the cursor at its end).
    pub(crate) fn open_input(&mut self, kind: InputKind, text: &str) {
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

    /// A key typed into the open editor.
    pub(crate) fn type_key(&mut self, key: KeyEvent) {
        if let Some(input) = self.input.as_mut() {
            input.area.input(key);
        }
        self.save_draft();
    }

    /// A paste goes into the open editor as text — line breaks as line
    /// breaks in a note, as spaces in a one-line prompt — and never acts
    /// as keys. Without an editor it is ignored, with `hint`; false then.
    pub(crate) fn paste(&mut self, text: &str, hint: &str) -> bool {
        let (None, Some(input)) = (&self.overlay, self.input.as_mut()) else {
            self.say(hint, Tone::Warning);
            return false;
        };
        let multiline = input.is_note();
        input.area.insert_str(pasted_text(text, multiline));
        self.save_draft();
        true
    }

    /// Editing keys the text area binds differently from a shell: Ctrl-U
    /// deletes to the start of the line, Ctrl-Z undoes. Returns true when
    /// `action` was one of them (and is done).
    pub(crate) fn edit_text(&mut self, action: &Action) -> bool {
        let Some(input) = self.input.as_mut() else { return false };
        match action {
            Action::ClearLineStart => input.area.delete_line_by_head(),
            Action::UndoTyping => input.area.undo(),
            _ => return false,
        };
        self.save_draft();
        true
    }

    /// A line break in a note's editor (none in a one-line prompt).
    pub(crate) fn newline(&mut self, in_prompts_too: bool) {
        if let Some(i) = self.input.as_mut() {
            if in_prompts_too || i.is_note() {
                i.area.insert_newline();
            }
        }
        self.save_draft();
    }
}

/// Pasted text as it goes into an editor: line breaks (CR, CRLF, LF)
/// become line breaks in a note and spaces in a one-line prompt; other
/// control characters are dropped.
pub(crate) fn pasted_text(text: &str, multiline: bool) -> String {
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
