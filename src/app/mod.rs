//! Application state and its one mutator. Both views — the facilitator's
//! projector screen and a note-taker's board — live in one [`App`]; input,
//! store changes and the clock arrive as [`Action`]s, `update` applies
//! them, and `ui` renders `&App` without side effects.
pub mod action;
mod editor;
mod facilitator;
pub mod keys;
mod note_taker;
pub mod prepare;
mod refresh;
pub mod review;
mod saving;
pub mod synthesis;
mod transient;

/// Drafts live in the store (all file I/O does); the views reach them here.
pub use crate::store::drafts;
/// The most text a paste puts into one editor (the rest becomes a draft).
pub use editor::MAX_NOTE_BYTES;

use std::collections::HashSet;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::error::Error;
use crate::i18n::{Strings, strings};
use crate::model::{Board, Lang, Note, NoteKind, Plan, SessionState, TimerState};
use crate::store::{Session, TimerCommand};
pub use action::Action;
pub use facilitator::{Column, FacMode, Facilitator};
use keys::Binding;
pub use note_taker::{NoteView, Picker};
pub use refresh::Ticked;

/// Which screen is shown.
#[derive(Debug, Clone)]
pub enum Screen {
    Facilitator(Facilitator),
    Note(NoteView),
    Picker(Picker),
}

/// A dialog on top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    SignalPicker,
    SectionPicker,
    /// This board's drafts; a digit reopens one.
    Drafts,
}

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

/// How a status message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

/// A one-line status message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

/// The whole application.
pub struct App {
    pub session: Session,
    pub lang: Lang,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub input: Option<Input>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Ring the terminal bell when a group reaches zero.
    pub bell_enabled: bool,
    /// A bell is due (the runtime rings it and clears this).
    pub bell_pending: bool,
    /// Wall time stored on each event, action and tick; see [`App::now_ms`].
    now_ms: i64,
    /// The whole second the clocks were last drawn for.
    last_second: i64,
    /// Offset of local time from UTC, for displayed times of day.
    pub utc_offset: chrono::FixedOffset,
    /// The system clock, compared with the session's steady clock to report jumps.
    pub system_clock: Option<std::sync::Arc<dyn crate::clock::Clock>>,
    /// The last reported difference between system and steady clock, in seconds.
    reported_jump_s: i64,
    /// The text of a failed refresh on screen; the next good refresh clears it.
    refresh_error: Option<String>,
    /// This note-taker's drafts (none in the facilitator view, or when the
    /// local state directory cannot be used).
    pub drafts: Option<drafts::DraftBox>,
    /// Save drafts only on [`App::flush_draft`] (the runtime does, after
    /// each burst of input); tests leave it off and every key saves.
    pub defer_drafts: bool,
    /// A draft change waits for [`App::flush_draft`].
    draft_pending: bool,
    /// A view that only shows (the projector over SSH): every writing action is ignored.
    pub read_only: bool,
    /// Notes handed to the background writer, waiting for their outcome.
    awaiting: Vec<saving::Awaiting>,
    /// How note-takers join over SSH, shown in the facilitator's header while a server runs.
    pub join_hint: Option<String>,
    /// A pending `g`, the help's scroll, the status message's age.
    pub transient: transient::Transient,
    /// Read the session folder on every tick (the default). A server running
    /// many views turns this off and sends [`Action::StoreChanged`] itself,
    /// only when the folder changed.
    pub refresh_on_tick: bool,
    /// The note-taker's part shown as published, to sign off (key `P`).
    pub part: Option<review::PartView>,
}

impl App {
    fn new(mut session: Session, lang: Lang, screen: Screen) -> App {
        session.enable_clock_probes();
        let now_ms = session.now_ms();
        App {
            now_ms,
            session,
            lang,
            screen,
            overlay: None,
            input: None,
            message: None,
            quit: false,
            bell_enabled: true,
            bell_pending: false,
            last_second: 0,
            utc_offset: *chrono::Local::now().offset(),
            system_clock: None,
            reported_jump_s: 0,
            refresh_error: None,
            drafts: None,
            defer_drafts: false,
            draft_pending: false,
            read_only: false,
            join_hint: None,
            transient: transient::Transient::default(),
            awaiting: Vec::new(),
            refresh_on_tick: true,
            part: None,
        }
    }

    /// The UI words of the app's language.
    pub fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    /// Wall time from the session clock.
    ///
    /// The value stored when the current event or action arrived, so
    /// rendering never reads the clock.
    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// Reads the session clock into the stored now-time.
    fn refresh_now(&mut self) {
        self.now_ms = self.session.now_ms();
    }

    /// The session plan (read-only, for rendering).
    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }

    /// The folded session state (read-only, for rendering).
    pub fn state(&self) -> &SessionState {
        self.session.state()
    }

    /// This writer's name, if the session has one.
    pub fn author(&self) -> Option<&str> {
        self.session.author()
    }

    /// The instant the clocks are drawn for: whole wall-clock seconds, so all
    /// timers tick together and the app wakes once per second.
    pub fn display_ms(&self) -> i64 {
        let now = self.now_ms();
        now - now.rem_euclid(1000)
    }

    /// Milliseconds until the clocks next change: just past the coming
    /// whole second, so a timer that fires a little early does not cause a
    /// second wake-up right after.
    pub fn ms_until_next_second(&self) -> u64 {
        (1000 - self.now_ms().rem_euclid(1000) + 5) as u64
    }

    /// The key table in force right now (for dispatch, footer and help).
    pub fn bindings(&self) -> &'static [Binding] {
        if let Some(input) = &self.input {
            return keys::editor_keys(&input.kind);
        }
        match &self.screen {
            Screen::Facilitator(f) if f.mode == FacMode::Grid => keys::FACILITATOR,
            Screen::Facilitator(f) if f.mode == FacMode::Merged => synthesis::merged_bindings(),
            Screen::Facilitator(_) => keys::PRESENT,
            Screen::Note(_) => keys::NOTE,
            Screen::Picker(_) => keys::PICKER,
        }
    }

    /// Handles a terminal event; returns true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        self.refresh_now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Resize(_, _) | Event::FocusGained => true,
            Event::Paste(text) => {
                self.paste(&text);
                true
            }
            _ => false,
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        self.refresh_now();
        let redraw = self.dispatch_key(key);
        self.stamp_message();
        redraw
    }

    fn dispatch_key(&mut self, key: KeyEvent) -> bool {
        if self.part.is_some() {
            return self.part_key(key);
        }
        if let Some(overlay) = self.overlay {
            return self.overlay_key(overlay, key);
        }
        if self.input.is_some() {
            match keys::lookup(self.bindings(), &key) {
                Some(action) if self.edit_text(action) => {}
                Some(action) => {
                    // The editor may close: its text reaches the draft first.
                    self.flush_draft();
                    self.update(action);
                }
                None => {
                    if let Some(input) = self.input.as_mut() {
                        input.area.input(key);
                    }
                    self.save_draft();
                    self.filter_as_typed();
                }
            }
            return true;
        }
        if self.facilitator_key(&key) {
            return true;
        }
        let action = keys::lookup(self.bindings(), &key);
        if self.wait_for_second_g(action, key.code == KeyCode::Char('g')) {
            return false;
        }
        match action {
            Some(action) => self.update(action),
            None => false,
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent) -> bool {
        let ch = match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        };
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if overlay == Overlay::Help && !ctrl_c {
            if let Some(delta) = help_scroll_step(key.code) {
                let entries = self.bindings().iter().filter(|b| !b.shown.is_empty()).count();
                self.scroll_help(delta, entries);
                return true;
            }
        }
        self.overlay = None;
        if ctrl_c && overlay != Overlay::ConfirmQuit {
            // Never swallowed: Ctrl-C in a dialog asks whether to quit.
            self.overlay = Some(Overlay::ConfirmQuit);
            return true;
        }
        match overlay {
            Overlay::Help => {}
            Overlay::ConfirmQuit => {
                if matches!(ch, Some('y' | 'j' | 'q')) || ctrl_c {
                    self.quit = true;
                }
            }
            Overlay::SignalPicker => {
                if let Some(action) = keys::lookup(keys::SIGNAL_PICKER, &key) {
                    self.update(action);
                }
            }
            Overlay::Drafts => {
                let index = ch
                    .and_then(|c| c.to_digit(10))
                    .and_then(|d| (d as usize).checked_sub(1));
                if let Some(draft) = index.and_then(|i| self.board_drafts().into_iter().nth(i)) {
                    self.open_draft(draft);
                }
            }
            Overlay::SectionPicker => {
                if let Some(action) = keys::lookup(keys::SECTION_PICKER, &key) {
                    self.update(action);
                }
            }
        }
        true
    }

    /// Applies an action; returns true when the screen must be redrawn.
    pub fn update(&mut self, action: Action) -> bool {
        self.refresh_now();
        if self.read_only && action.writes() {
            return false;
        }
        match action {
            Action::Tick => return self.tick(),
            Action::StoreChanged => {
                let changed = self.refresh() | self.session.reload_plan();
                self.after_store_change();
                return changed;
            }
            Action::Saved { id } => return self.saved(id),
            Action::SaveFailed { id, why } => return self.save_failed(id, why),
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.transient.help_scroll = 0;
            }
            Action::Quit => self.request_quit(),
            Action::AskQuit => self.overlay = Some(Overlay::ConfirmQuit),
            _ => {}
        }
        match &self.screen {
            Screen::Facilitator(_) => self.update_facilitator(action),
            Screen::Note(_) => self.update_note(action),
            Screen::Picker(_) => self.update_picker(action),
        }
        true
    }

    fn request_quit(&mut self) {
        let running = matches!(self.screen, Screen::Facilitator(_))
            && self
                .groups()
                .iter()
                .any(|b| self.session.state().timer(&b.id).is_running());
        if running {
            self.overlay = Some(Overlay::ConfirmQuit);
        } else {
            self.quit = true;
        }
    }

    /// Shows an operation's outcome in the status line.
    fn report(&mut self, result: Result<String, Error>) {
        self.message = Some(match result {
            Ok(text) => Message {
                text,
                tone: Tone::Success,
            },
            Err(e) => Message {
                text: self.error_text(&e),
                tone: Tone::Error,
            },
        });
    }

    /// An error in the app's language where runde has its words (the
    /// rules' refusals); file errors keep their path and the system's text.
    fn error_text(&self, e: &Error) -> String {
        match e {
            Error::Rule(rule) => crate::i18n::rule_error_text(self.lang, rule),
            other => other.to_string(),
        }
    }

    /// Reports only failures (successes are visible on screen anyway).
    fn report_quiet(&mut self, r: Result<String, Error>) {
        match r {
            Ok(_) => self.message = None,
            Err(e) => self.report(Err(e)),
        }
    }
}

fn new_note_id() -> String {
    ulid::Ulid::new().to_string().to_lowercase()
}

fn step_cursor(cursor: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::CursorDown => (cursor + 1).min(last),
        Action::CursorUp => cursor.saturating_sub(1),
        Action::PageDown => (cursor + 10).min(last),
        Action::PageUp => cursor.saturating_sub(10),
        Action::CursorTop => 0,
        Action::CursorBottom => last,
        _ => cursor,
    }
}

/// How far a key scrolls the `?` overlay (in entries), if it scrolls.
fn help_scroll_step(code: KeyCode) -> Option<isize> {
    match code {
        KeyCode::Down | KeyCode::Char('j') => Some(1),
        KeyCode::Up | KeyCode::Char('k') => Some(-1),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(10),
        KeyCode::PageUp => Some(-10),
        KeyCode::Home | KeyCode::Char('g') => Some(isize::MIN / 2),
        KeyCode::End | KeyCode::Char('G') => Some(isize::MAX / 2),
        _ => None,
    }
}
