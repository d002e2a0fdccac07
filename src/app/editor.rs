//! The editor line both views share (notes, broadcasts, filters,
//! findings): what it is for, opening it, typing and pasting into it. Its
//! drafts are in [`drafts`](super::drafts); what a submitted text does is
//! each view's.
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use crate::app::Action;
use crate::app::shared::{Shared, Tone};
pub use crate::model::event::limits::MAX_NOTE_BYTES;

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
    /// What does not fit into the editor ([`MAX_NOTE_BYTES`] in all) is
    /// never dropped silently: in a note editor it is kept as a draft of
    /// its own (listed with `D`), and the status line says how much was taken.
    pub(crate) fn paste(&mut self, text: &str, hint: &str) -> bool {
        let (None, Some(input)) = (&self.overlay, self.input.as_mut()) else {
            self.say(hint, Tone::Warning);
            return false;
        };
        let pasted = pasted_text(text, input.is_note());
        let used: usize = input.area.lines().iter().map(|l| l.len() + 1).sum();
        let (take, rest) = split_to_fit(&pasted, MAX_NOTE_BYTES.saturating_sub(used));
        input.area.insert_str(take);
        let taken = take.chars().count();
        self.save_draft();
        if !rest.is_empty() {
            self.keep_rest(rest, taken, pasted.chars().count());
        }
        true
    }

    /// Keeps what did not fit into the open editor: as a draft of a note
    /// not written yet (its own id, the editor's board and section) when
    /// the editor is a note's and drafts are kept, and says so; otherwise
    /// says what was left out.
    pub(crate) fn keep_rest(&mut self, rest: &str, taken: usize, of: usize) {
        let like = self.input.as_ref().and_then(|i| self.draft_for(&i.kind));
        let kept = match (like, self.drafts.is_some()) {
            (Some(mut draft), true) => match self.new_id() {
                Ok(id) => {
                    draft.text = rest.to_string();
                    draft.editing = Some(id);
                    draft.base = None;
                    self.keep_draft(draft)
                }
                Err(_) => false,
            },
            _ => false,
        };
        let text = crate::i18n::paste::too_long(self.lang, taken, of, kept);
        self.say(text, Tone::Warning);
    }

    /// Says that the end of the paste just made (`bytes` of it, past
    /// `limit` bytes held) never arrived; returns true when there is an
    /// editor to say it in.
    pub(crate) fn paste_cut(&mut self, bytes: u64, limit: usize) -> bool {
        if self.input.is_none() {
            return false;
        }
        let lost = crate::i18n::paste::cut(self.lang, bytes, limit);
        // The loss first: the status line is cut at the screen's width.
        let text = match self.message.take().filter(|m| m.tone == Tone::Warning) {
            Some(m) => format!("{lost} – {}", m.text),
            None => lost,
        };
        self.say(text, Tone::Warning);
        true
    }

    /// Editing keys the text area binds differently from a shell: Ctrl-U
    /// deletes to the start of the line, Ctrl-L the whole text, Ctrl-Z undoes. Returns true when
    /// `action` was one of them (and is done).
    pub(crate) fn edit_text(&mut self, action: &Action) -> bool {
        let Some(input) = self.input.as_mut() else { return false };
        match action {
            Action::ClearLineStart => input.area.delete_line_by_head(),
            Action::ClearText => input.area.clear(),
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

/// `text` split so that the first part has at most `room` bytes: at the
/// last line break in the second half of that room (the break itself is
/// dropped), else at the last whole character.
pub(crate) fn split_to_fit(text: &str, room: usize) -> (&str, &str) {
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
