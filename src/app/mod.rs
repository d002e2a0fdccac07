//! Application state and its one mutator. Both views — the facilitator's
//! projector screen and a note-taker's board — live in one [`App`]; input,
//! store changes and the clock arrive as [`Action`]s, `update` applies
//! them, and `ui` renders `&App` without side effects.
pub mod action;
pub mod drafts;
pub mod keys;
pub mod prepare;
pub mod synthesis;

use std::collections::HashSet;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::error::Error;
use crate::i18n::{Strings, strings};
use crate::model::{Board, Lang, Note, NoteKind, Signal, TimerState};
use crate::store::{Session, TimerCommand};
pub use action::Action;
use keys::Binding;

/// What the facilitator's screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacMode {
    /// One tile per group of the current phase.
    Grid,
    /// One board full-screen.
    Present(String),
    /// All groups of the phase side by side.
    Merged,
}

/// State of the facilitator view.
#[derive(Debug, Clone)]
pub struct Facilitator {
    pub selected: usize,
    pub all_armed: bool,
    pub mode: FacMode,
    pub column: usize,
    pub cursor: usize,
    pub scroll: usize,
    /// Groups whose zero was already announced with the bell.
    pub rung: HashSet<String>,
    /// `+`/`-` just pressed: (sign, boards, wall ms) — a digit now sets the amount.
    pub pending_amount: Option<(i64, Vec<String>, i64)>,
    /// Notes marked in the merged view for one finding, in marking order.
    pub marks: Vec<String>,
}

/// State of a note-taker's board view.
#[derive(Debug, Clone)]
pub struct NoteView {
    pub board: String,
    pub section: usize,
    pub cursor: usize,
    pub cursor_id: Option<String>,
    pub filter: Option<String>,
}

/// The board picker of `runde note` without `--board`.
#[derive(Debug, Clone)]
pub struct Picker {
    pub boards: Vec<String>,
    pub cursor: usize,
}

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
    /// How note-takers join over SSH, shown in the facilitator's header while a server runs.
    pub join_hint: Option<String>,
}

impl App {
    /// The facilitator's view of a session.
    pub fn facilitator(session: Session, lang: Option<Lang>) -> App {
        let lang = lang.unwrap_or(session.plan().lang);
        let screen = Screen::Facilitator(Facilitator {
            selected: 0,
            all_armed: false,
            mode: FacMode::Grid,
            column: 0,
            cursor: 0,
            scroll: 0,
            rung: HashSet::new(),
            pending_amount: None,
            marks: Vec::new(),
        });
        let mut app = App::new(session, lang, screen);
        app.mark_already_over();
        app
    }

    /// A note-taker's view; without a board, a picker of the phase's boards.
    /// Drafts are kept in the platform's local state directory.
    pub fn note_taker(session: Session, board: Option<&str>, lang: Option<Lang>) -> Result<App, Error> {
        let root = drafts::state_root();
        App::note_taker_with_state(session, board, lang, root)
    }

    /// [`App::note_taker`] with drafts below `state_root` (tests, a server
    /// running views for several people).
    pub fn note_taker_with_state(
        session: Session,
        board: Option<&str>,
        lang: Option<Lang>,
        state_root: Result<std::path::PathBuf, Error>,
    ) -> Result<App, Error> {
        let lang = lang.unwrap_or(session.plan().lang);
        let screen = match board {
            Some(b) => {
                session.plan().require_board(b)?;
                Screen::Note(NoteView {
                    board: b.to_string(),
                    section: 0,
                    cursor: 0,
                    cursor_id: None,
                    filter: None,
                })
            }
            None => {
                let phase_boards: Vec<String> = session
                    .state()
                    .phase()
                    .and_then(|p| session.plan().phase(p))
                    .map(|p| p.boards.clone())
                    .unwrap_or_default();
                let boards = if phase_boards.is_empty() {
                    session.plan().boards.iter().map(|b| b.id.clone()).collect()
                } else {
                    phase_boards
                };
                Screen::Picker(Picker { boards, cursor: 0 })
            }
        };
        let mut app = App::new(session, lang, screen);
        app.open_drafts(state_root);
        app.restore_draft();
        Ok(app)
    }

    fn new(mut session: Session, lang: Lang, screen: Screen) -> App {
        session.enable_clock_probes();
        App {
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
        }
    }

    /// The UI words of the app's language.
    pub fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    /// Wall time from the session clock.
    pub fn now_ms(&self) -> i64 {
        self.session.now_ms()
    }

    /// The instant the clocks are drawn for: whole wall-clock seconds, so all
    /// timers tick together and the app wakes once per second.
    pub fn display_ms(&self) -> i64 {
        let now = self.now_ms();
        now - now.rem_euclid(1000)
    }

    /// The instant a board's timer is drawn for, in the clock of whoever
    /// wrote its facts: another host's clock that is more than a second
    /// off is corrected for, so every screen shows the same remaining time.
    pub fn timer_now_ms(&self, board: &str) -> i64 {
        let skew = self
            .session
            .state()
            .timer_writer(board)
            .and_then(|actor| self.session.skew_of(actor))
            .filter(|s| s.abs() > 1000)
            .unwrap_or(0);
        // Whole seconds in the writer's clock, so both screens round alike.
        let there = self.now_ms() - skew;
        there - there.rem_euclid(1000)
    }

    /// A warning while a sync engine's conflict copy of the plan exists.
    pub fn plan_conflict_banner(&self) -> Option<String> {
        let copies = self.session.plan_conflicts();
        let first = copies.first()?.file_name()?.to_string_lossy().into_owned();
        Some(format!("⚠ {} {first} ({})", self.s().plan_conflict, copies.len()))
    }

    /// A badge when another writer's clock is more than two seconds off.
    pub fn skew_badge(&self) -> Option<String> {
        let skew = self.session.largest_skew().filter(|s| s.abs() > 2000)?;
        Some(format!("⚠ {} {:+.1} s", self.s().clock_skew, -(skew as f64) / 1000.0))
    }

    /// A wall time as local `HH:MM`.
    pub fn time_of_day(&self, ms: i64) -> String {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&self.utc_offset).format("%H:%M").to_string())
            .unwrap_or_default()
    }

    /// Milliseconds until the clocks next change: just past the coming
    /// whole second, so a timer that fires a little early does not cause a
    /// second wake-up right after.
    pub fn ms_until_next_second(&self) -> u64 {
        (1000 - self.now_ms().rem_euclid(1000) + 5) as u64
    }

    /// The key table in force right now (for dispatch, footer and help).
    pub fn bindings(&self) -> &'static [Binding] {
        if self.input.is_some() {
            return keys::EDITOR;
        }
        match &self.screen {
            Screen::Facilitator(f) if f.mode == FacMode::Grid => keys::FACILITATOR,
            Screen::Facilitator(f) if f.mode == FacMode::Merged => synthesis::merged_bindings(),
            Screen::Facilitator(_) => keys::PRESENT,
            Screen::Note(_) => keys::NOTE,
            Screen::Picker(_) => keys::PICKER,
        }
    }

    // ----- events -------------------------------------------------------

    /// Handles a terminal event; returns true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
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

    /// A paste goes into the open editor as text — line breaks as line
    /// breaks in a note, as spaces in a one-line prompt — and never acts
    /// as keys. Without an editor it is ignored, with a hint.
    fn paste(&mut self, text: &str) {
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
        if let Some(input) = self.input.as_mut() {
            input.area.insert_str(pasted_text(text, multiline));
        }
        self.save_draft();
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if let Some(overlay) = self.overlay {
            return self.overlay_key(overlay, key);
        }
        if self.input.is_some() {
            match keys::lookup(keys::EDITOR, &key) {
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
                }
            }
            return true;
        }
        if self.amount_digit(&key) {
            return true;
        }
        match keys::lookup(self.bindings(), &key) {
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
        self.overlay = None;
        match overlay {
            Overlay::Help => {}
            Overlay::ConfirmQuit => {
                if matches!(ch, Some('y' | 'j' | 'q')) || ctrl_c {
                    self.quit = true;
                }
            }
            Overlay::SignalPicker => {
                let signal = match ch {
                    Some('1') => Some(Signal::DoneEarly),
                    Some('2') => Some(Signal::NeedTime),
                    Some('3') => Some(Signal::NeedHelp),
                    _ => None,
                };
                if let (Some(signal), Screen::Note(v)) = (signal, &self.screen) {
                    let board = v.board.clone();
                    let done = self.session.signal(&board, signal);
                    let text = self.s().signal_sent.to_string();
                    self.report(done.map(|()| text));
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
                let target = ch
                    .and_then(|c| c.to_digit(10))
                    .and_then(|d| (d as usize).checked_sub(1));
                if let Some(target) = target {
                    self.move_to_section(target);
                }
            }
        }
        true
    }

    /// After `+`/`-`, a digit within two seconds sets the amount (`+5`).
    fn amount_digit(&mut self, key: &KeyEvent) -> bool {
        let now = self.now_ms();
        let Screen::Facilitator(f) = &mut self.screen else {
            return false;
        };
        let Some((sign, boards, at)) = f.pending_amount.take() else {
            return false;
        };
        let digit = match key.code {
            KeyCode::Char(c) => c.to_digit(10),
            _ => None,
        };
        match digit {
            Some(d) if d >= 1 && now - at < 2000 => {
                let extra = sign * (i64::from(d) - 1);
                if extra != 0 {
                    let result = boards
                        .iter()
                        .try_for_each(|b| self.session.timer(b, TimerCommand::Extend(extra * 60_000)).map(|_| ()));
                    let text = format!("{} {:+} min", self.s().extended, sign * i64::from(d));
                    self.report(result.map(|()| text));
                }
                true
            }
            _ => false,
        }
    }

    // ----- update ---------------------------------------------------------

    /// Applies an action; returns true when the screen must be redrawn.
    pub fn update(&mut self, action: Action) -> bool {
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
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit => self.request_quit(),
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

    fn tick(&mut self) -> bool {
        self.check_clock_jump();
        let changed = self.refresh() | self.session.reload_plan();
        if changed {
            self.after_store_change();
        }
        self.check_bells();
        let second = self.display_ms() / 1000;
        let clock_moved = second != self.last_second;
        self.last_second = second;
        changed || clock_moved
    }

    /// The views count with a steady clock; if the system clock steps away
    /// from it by more than two seconds, say so (once per step).
    fn check_clock_jump(&mut self) {
        let Some(system) = &self.system_clock else { return };
        let jump_s = (system.now_ms() - self.now_ms()) / 1000;
        if jump_s.abs() > 2 && (jump_s - self.reported_jump_s).abs() > 2 {
            self.reported_jump_s = jump_s;
            self.message = Some(Message {
                text: format!("{} {jump_s:+} s", self.s().clock_jumped),
                tone: Tone::Warning,
            });
        } else if jump_s.abs() <= 2 {
            self.reported_jump_s = 0;
        }
    }

    fn refresh(&mut self) -> bool {
        match self.session.refresh() {
            Ok(changed) => {
                let stale = self.refresh_error.take();
                let showing_it = stale.is_some() && self.message.as_ref().map(|m| &m.text) == stale.as_ref();
                if showing_it {
                    self.message = None;
                }
                let replaced = self.session.take_replaced();
                if let Some(text) = replaced.first().and_then(|id| self.session.state().note(id)) {
                    self.message = Some(Message {
                        text: format!(
                            "{} «{}»",
                            self.s().edit_replaced,
                            text.text.lines().next().unwrap_or_default()
                        ),
                        tone: Tone::Warning,
                    });
                }
                changed || showing_it || !replaced.is_empty()
            }
            Err(e) => {
                let text = e.to_string();
                self.refresh_error = Some(text.clone());
                self.message = Some(Message {
                    text,
                    tone: Tone::Error,
                });
                true
            }
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
                text: e.to_string(),
                tone: Tone::Error,
            },
        });
    }

    fn check_bells(&mut self) {
        let now = self.display_ms();
        let groups: Vec<String> = self.groups().iter().map(|b| b.id.clone()).collect();
        let Screen::Facilitator(f) = &mut self.screen else {
            return;
        };
        for id in groups {
            let over = self.session.state().timer(&id).state(now) == TimerState::Over;
            if over && f.rung.insert(id.clone()) && self.bell_enabled {
                self.bell_pending = true;
            } else if !over {
                f.rung.remove(&id);
            }
        }
    }

    fn mark_already_over(&mut self) {
        let over: Vec<String> = self
            .groups()
            .iter()
            .filter(|b| self.session.state().timer(&b.id).state(self.timer_now_ms(&b.id)) == TimerState::Over)
            .map(|b| b.id.clone())
            .collect();
        if let Screen::Facilitator(f) = &mut self.screen {
            f.rung.extend(over);
        }
    }

    // ----- facilitator -----------------------------------------------------

    /// The boards of the current phase: one tile per group.
    pub fn groups(&self) -> Vec<&Board> {
        let plan = self.session.plan();
        self.session
            .state()
            .phase()
            .and_then(|p| plan.phase(p))
            .map(|p| p.boards.iter().filter_map(|b| plan.board(b)).collect())
            .unwrap_or_default()
    }

    /// The selected group's board id.
    pub fn selected_board(&self) -> Option<String> {
        let Screen::Facilitator(f) = &self.screen else {
            return None;
        };
        let groups = self.groups();
        groups
            .get(f.selected.min(groups.len().saturating_sub(1)))
            .map(|b| b.id.clone())
    }

    fn timer_targets(&mut self) -> Vec<String> {
        let all: Vec<String> = self.groups().iter().map(|b| b.id.clone()).collect();
        let selected = self.selected_board();
        let Screen::Facilitator(f) = &mut self.screen else {
            return Vec::new();
        };
        if std::mem::take(&mut f.all_armed) {
            all
        } else {
            selected.into_iter().collect()
        }
    }

    fn update_facilitator(&mut self, action: Action) {
        let s = self.s();
        match action {
            Action::ToggleTimer => {
                if let Some(b) = self.selected_board() {
                    let r = self.session.timer(&b, TimerCommand::Toggle).map(|_| String::new());
                    self.report_quiet(r);
                }
            }
            Action::StartAll | Action::PauseAll => {
                let command = if action == Action::StartAll {
                    TimerCommand::Start
                } else {
                    TimerCommand::Pause
                };
                let boards: Vec<String> = self.groups().iter().map(|b| b.id.clone()).collect();
                let r = boards
                    .iter()
                    .try_for_each(|b| self.session.timer(b, command).map(|_| ()));
                let text = if action == Action::StartAll {
                    s.started_all
                } else {
                    s.paused_all
                };
                self.report(r.map(|()| text.to_string()));
            }
            Action::Extend(minutes) => {
                let boards = self.timer_targets();
                let r = boards.iter().try_for_each(|b| {
                    self.session
                        .timer(b, TimerCommand::Extend(minutes * 60_000))
                        .map(|_| ())
                });
                let ok = r.is_ok();
                self.report(r.map(|()| format!("{} {minutes:+} min", s.extended)));
                let now = self.now_ms();
                if let (true, Screen::Facilitator(f)) = (ok, &mut self.screen) {
                    f.pending_amount = Some((minutes.signum(), boards, now));
                }
            }
            Action::ArmAll => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.all_armed = !f.all_armed;
                }
            }
            Action::ResetTimer => {
                if let Some(b) = self.selected_board() {
                    let r = self.session.timer(&b, TimerCommand::Reset).map(|_| String::new());
                    self.report_quiet(r);
                }
            }
            Action::SelectGroup(i) => {
                let n = self.groups().len();
                if let Screen::Facilitator(f) = &mut self.screen {
                    if i < n {
                        f.selected = i;
                    }
                }
            }
            Action::SelectNext | Action::SelectPrev => {
                let n = self.groups().len().max(1);
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.selected = if action == Action::SelectNext {
                        (f.selected + 1) % n
                    } else {
                        (f.selected + n - 1) % n
                    };
                }
            }
            Action::NextPhase | Action::PrevPhase => {
                let delta = if action == Action::NextPhase { 1 } else { -1 };
                let r = self.session.step_phase(delta).map(|p| {
                    let title = p
                        .as_deref()
                        .and_then(|p| self.session.plan().phase(p))
                        .map(|p| p.title.clone());
                    format!("{}: {}", s.phase, title.unwrap_or_else(|| s.no_phase.to_string()))
                });
                self.report(r);
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.selected = 0;
                    f.rung.clear();
                }
                self.mark_already_over();
            }
            Action::StartBroadcast => self.open_input(InputKind::Broadcast, ""),
            Action::AckSignal => {
                if let Some(b) = self.selected_board() {
                    let r = self.session.acknowledge_signal(&b).map(|_| String::new());
                    self.report_quiet(r);
                }
            }
            Action::Present => {
                let board = match &self.screen {
                    Screen::Facilitator(f) => match &f.mode {
                        FacMode::Present(b) => Some(b.clone()),
                        _ => self.selected_board(),
                    },
                    _ => None,
                }
                .or_else(|| self.session.plan().boards.first().map(|b| b.id.clone()));
                if let (Some(board), Screen::Facilitator(f)) = (board, &mut self.screen) {
                    f.mode = FacMode::Present(board);
                    f.column = 0;
                    f.cursor = 0;
                    f.scroll = 0;
                }
            }
            Action::Merged => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.mode = FacMode::Merged;
                    f.column = f.selected;
                    f.cursor = 0;
                    f.scroll = 0;
                }
            }
            Action::Back if self.clear_marks() => {}
            Action::Back => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.mode = FacMode::Grid;
                    f.all_armed = false;
                }
            }
            Action::CursorDown | Action::CursorUp | Action::PageDown | Action::PageUp => {
                let len = self.columns().get(self.fac_column()).map_or(0, |c| c.notes.len());
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.cursor = step_cursor(f.cursor, len, action);
                }
            }
            Action::NextColumn | Action::PrevColumn => {
                let n = self.columns().len().max(1);
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.column = if action == Action::NextColumn {
                        (f.column + 1) % n
                    } else {
                        (f.column + n - 1) % n
                    };
                    f.cursor = 0;
                }
            }
            Action::CopyToFindings => self.make_finding(),
            Action::ToggleMark => self.toggle_mark(),
            Action::Undo | Action::Redo => self.undo_in_view(action),
            Action::Submit => self.submit(),
            Action::Newline => {
                if let Some(i) = self.input.as_mut() {
                    i.area.insert_newline();
                }
            }
            Action::Cancel | Action::DiscardDraft => self.input = None,
            _ => {}
        }
    }

    /// Reports only failures (successes are visible on screen anyway).
    fn report_quiet(&mut self, r: Result<String, Error>) {
        match r {
            Ok(_) => self.message = None,
            Err(e) => self.report(Err(e)),
        }
    }

    fn fac_column(&self) -> usize {
        match &self.screen {
            Screen::Facilitator(f) => f.column,
            _ => 0,
        }
    }

    /// The columns of present or merged mode.
    pub fn columns(&self) -> Vec<Column<'_>> {
        let Screen::Facilitator(f) = &self.screen else {
            return Vec::new();
        };
        let plan = self.session.plan();
        let state = self.session.state();
        match &f.mode {
            FacMode::Grid => Vec::new(),
            FacMode::Present(board) => plan
                .board(board)
                .map(|b| {
                    b.sections
                        .iter()
                        .map(|s| Column {
                            title: s.title.clone(),
                            lead: s.lead.clone(),
                            notes: state.notes_in(&b.id, &s.id),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            FacMode::Merged => self
                .groups()
                .into_iter()
                .map(|b| Column {
                    title: b.title.clone(),
                    lead: b.question.clone(),
                    notes: b.sections.iter().flat_map(|s| state.notes_in(&b.id, &s.id)).collect(),
                })
                .collect(),
        }
    }

    // ----- note-taker --------------------------------------------------------

    /// The note-taker's board.
    pub fn note_board(&self) -> Option<&Board> {
        match &self.screen {
            Screen::Note(v) => self.session.plan().board(&v.board),
            _ => None,
        }
    }

    /// Notes of a section as the note-taker sees them (filter applied).
    pub fn visible_notes(&self, section: usize) -> Vec<&Note> {
        let (Screen::Note(v), Some(board)) = (&self.screen, self.note_board()) else {
            return Vec::new();
        };
        let Some(sec) = board.sections.get(section) else {
            return Vec::new();
        };
        let mut notes = self.session.state().notes_in(&board.id, &sec.id);
        if let Some(f) = v.filter.as_deref().map(str::to_lowercase) {
            notes.retain(|n| n.text.to_lowercase().contains(&f));
        }
        notes
    }

    /// The note under the cursor.
    pub fn current_note(&self) -> Option<&Note> {
        let Screen::Note(v) = &self.screen else { return None };
        self.visible_notes(v.section).get(v.cursor).copied()
    }

    fn update_note(&mut self, action: Action) {
        let s = self.s();
        let section_count = self.note_board().map_or(1, |b| b.sections.len().max(1));
        match action {
            Action::AddNote => {
                let section = self.current_section_id().unwrap_or_default();
                let kind = InputKind::NewNote {
                    section,
                    id: new_note_id(),
                };
                let text = self.stored_draft(&kind).map(|d| d.text).unwrap_or_default();
                self.open_input(kind, &text);
            }
            Action::EditNote => match self.current_note().map(|n| (n.id.clone(), n.text.clone())) {
                Some((id, text)) => {
                    let kind = InputKind::EditNote {
                        id: id.clone(),
                        base: text.clone(),
                    };
                    match self.stored_draft(&kind) {
                        // Reopen the kept edit, with the version it started from.
                        Some(d) => {
                            let base = d.base.unwrap_or(text);
                            self.open_input(InputKind::EditNote { id, base }, &d.text);
                            self.warn_if_edited_note_changed();
                        }
                        None => self.open_input(kind, &text),
                    }
                }
                None => self.report(Err(Error::Invalid(s.no_note_selected.into()))),
            },
            Action::ShowDrafts => {
                if self.board_drafts().is_empty() {
                    self.report(Ok(s.no_drafts.to_string()));
                } else {
                    self.overlay = Some(Overlay::Drafts);
                }
            }
            Action::DeleteNote => {
                self.with_current_note(|app, id| app.session.delete_note(id).map(|()| app.s().deleted_undo.to_string()))
            }
            Action::Star => self.with_current_note(|app, id| {
                let starred = app.session.state().note(id).is_some_and(|n| n.starred);
                app.session.set_starred(id, !starred).map(|()| String::new())
            }),
            Action::ToggleKind => self.with_current_note(|app, id| {
                let kind = match app.session.state().note(id).map(|n| n.kind) {
                    Some(NoteKind::Bullet) => NoteKind::Paragraph,
                    _ => NoteKind::Bullet,
                };
                app.session.set_kind(id, kind).map(|()| String::new())
            }),
            Action::MoveNoteDown | Action::MoveNoteUp => {
                let delta = if action == Action::MoveNoteDown { 1 } else { -1 };
                self.with_current_note(|app, id| app.session.reorder_note(id, delta).map(|_| String::new()));
            }
            Action::MoveToSection if self.current_note().is_some() && section_count > 1 => {
                self.overlay = Some(Overlay::SectionPicker);
            }
            Action::Undo | Action::Redo => self.undo_in_view(action),
            Action::NextColumn | Action::PrevColumn => {
                if let Screen::Note(v) = &mut self.screen {
                    v.section = if action == Action::NextColumn {
                        (v.section + 1) % section_count
                    } else {
                        (v.section + section_count - 1) % section_count
                    };
                    v.cursor = 0;
                    v.cursor_id = None;
                }
            }
            Action::CursorDown | Action::CursorUp | Action::PageDown | Action::PageUp => {
                let len = match &self.screen {
                    Screen::Note(v) => self.visible_notes(v.section).len(),
                    _ => 0,
                };
                if let Screen::Note(v) = &mut self.screen {
                    v.cursor = step_cursor(v.cursor, len, action);
                    v.cursor_id = None;
                }
            }
            Action::StartSignal => self.overlay = Some(Overlay::SignalPicker),
            Action::StartFilter => {
                let current = match &self.screen {
                    Screen::Note(v) => v.filter.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                self.open_input(InputKind::Filter, &current);
            }
            Action::Back => {
                if let Screen::Note(v) = &mut self.screen {
                    v.filter = None;
                }
            }
            Action::Submit => self.submit(),
            Action::Newline => {
                if let Some(i) = self.input.as_mut() {
                    if matches!(i.kind, InputKind::NewNote { .. } | InputKind::EditNote { .. }) {
                        i.area.insert_newline();
                    }
                }
                self.save_draft();
            }
            Action::Cancel => {
                let kept = self
                    .input_draft()
                    .and_then(|d| self.drafts.as_ref()?.load(&d))
                    .is_some();
                self.input = None;
                if kept {
                    self.message = Some(Message {
                        text: s.draft_kept.into(),
                        tone: Tone::Info,
                    });
                }
            }
            Action::DiscardDraft => {
                if let Some(d) = self.input_draft() {
                    self.clear_draft(&d);
                }
                self.input = None;
                self.message = Some(Message {
                    text: s.draft_discarded.into(),
                    tone: Tone::Info,
                });
            }
            _ => {}
        }
        self.sync_cursor();
    }

    fn with_current_note(&mut self, f: impl FnOnce(&mut App, &str) -> Result<String, Error>) {
        match self.current_note().map(|n| n.id.clone()) {
            Some(id) => {
                if let Screen::Note(v) = &mut self.screen {
                    v.cursor_id = Some(id.clone());
                }
                let r = f(self, &id);
                match r {
                    Ok(t) if t.is_empty() => self.message = None,
                    other => self.report(other),
                }
            }
            None => self.report(Err(Error::Invalid(self.s().no_note_selected.into()))),
        }
    }

    fn move_to_section(&mut self, target: usize) {
        let Some(board) = self.note_board() else { return };
        let Some(section) = board.sections.get(target).map(|s| s.id.clone()) else {
            return;
        };
        self.with_current_note(|app, id| {
            app.session
                .move_note(id, None, Some(&section), None)
                .map(|()| String::new())
        });
        if let Screen::Note(v) = &mut self.screen {
            v.section = target;
        }
        self.sync_cursor();
    }

    fn current_section_id(&self) -> Option<String> {
        let Screen::Note(v) = &self.screen else { return None };
        self.note_board()
            .and_then(|b| b.sections.get(v.section))
            .map(|s| s.id.clone())
    }

    /// Keeps the cursor on the same note when notes move around it.
    fn sync_cursor(&mut self) {
        let Screen::Note(v) = &self.screen else { return };
        let notes = self.visible_notes(v.section);
        let at = match &v.cursor_id {
            Some(id) if notes.get(v.cursor).is_some_and(|n| &n.id == id) => Some(v.cursor),
            Some(id) => notes.iter().position(|n| &n.id == id),
            None => None,
        };
        let cursor = at.unwrap_or(v.cursor).min(notes.len().saturating_sub(1));
        let cursor_id = notes.get(cursor).map(|n| n.id.clone());
        if let Screen::Note(v) = &mut self.screen {
            v.cursor = cursor;
            v.cursor_id = cursor_id;
        }
    }

    fn after_store_change(&mut self) {
        self.sync_cursor();
        self.warn_if_edited_note_changed();
    }

    /// While editing: say so if someone else changed or deleted the note
    /// since the edit began.
    fn warn_if_edited_note_changed(&mut self) {
        let Some(Input {
            kind: InputKind::EditNote { id, base },
            ..
        }) = &self.input
        else {
            return;
        };
        let s = self.s();
        let warning = match self.session.state().note(id) {
            Some(n) if n.deleted => Some(s.edited_note_deleted),
            Some(n) if n.text != *base => Some(s.edited_note_changed),
            _ => None,
        };
        if let Some(w) = warning {
            self.message = Some(Message {
                text: w.into(),
                tone: Tone::Warning,
            });
        }
    }

    // ----- picker -------------------------------------------------------------

    fn update_picker(&mut self, action: Action) {
        let Screen::Picker(p) = &mut self.screen else { return };
        match action {
            Action::CursorDown | Action::CursorUp => p.cursor = step_cursor(p.cursor, p.boards.len(), action),
            Action::Submit => {
                if let Some(board) = p.boards.get(p.cursor).cloned() {
                    self.screen = Screen::Note(NoteView {
                        board,
                        section: 0,
                        cursor: 0,
                        cursor_id: None,
                        filter: None,
                    });
                    self.restore_draft();
                    self.sync_cursor();
                }
            }
            _ => {}
        }
    }

    // ----- editor lines --------------------------------------------------------

    fn open_input(&mut self, kind: InputKind, text: &str) {
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

    fn submit(&mut self) {
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
            InputKind::Broadcast => {
                if !text.trim().is_empty() {
                    match self.session.broadcast(&text, None) {
                        Ok(()) => self.report(Ok(s.broadcast_sent.to_string())),
                        // A full disk: keep the text, as for notes.
                        Err(e) => self.keep_input(input, e),
                    }
                }
            }
            InputKind::NewNote { section, id } => {
                if text.trim().is_empty() {
                    if let Some(d) = &draft {
                        self.clear_draft(d);
                    }
                    return;
                }
                let board = self.note_board().map(|b| b.id.clone()).unwrap_or_default();
                match self
                    .session
                    .add_note_with_id(id.clone(), &board, Some(section), &text, NoteKind::Bullet, false)
                {
                    Ok(id) => {
                        if let Some(d) = &draft {
                            self.clear_draft(d);
                        }
                        if let Screen::Note(v) = &mut self.screen {
                            v.cursor_id = Some(id);
                        }
                        self.message = Some(Message {
                            text: s.saved.into(),
                            tone: Tone::Success,
                        });
                    }
                    Err(e) => self.keep_input(input, e),
                }
            }
            InputKind::EditNote { id, base } => {
                let (id, base) = (id.clone(), base.clone());
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
                        if let Some(d) = &draft {
                            self.clear_draft(d);
                        }
                        self.message = Some(Message {
                            text: msg,
                            tone: Tone::Success,
                        });
                    }
                    Err(e) => self.keep_input(input, e),
                }
            }
        }
        self.sync_cursor();
    }

    /// A save failed: keep the text in the editor and say why.
    fn keep_input(&mut self, input: Input, e: Error) {
        self.input = Some(input);
        self.draft_pending = false;
        self.write_draft();
        self.message = Some(Message {
            text: format!("{}: {e}", self.s().not_saved),
            tone: Tone::Error,
        });
    }

    // ----- drafts --------------------------------------------------------------

    /// Opens this writer's drafts below `root`; without them typing still
    /// works, with a warning that nothing is kept.
    fn open_drafts(&mut self, root: Result<std::path::PathBuf, Error>) {
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
    fn draft_for(&self, kind: &InputKind) -> Option<drafts::Draft> {
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
    fn input_draft(&self) -> Option<drafts::Draft> {
        let input = self.input.as_ref()?;
        let mut draft = self.draft_for(&input.kind)?;
        draft.text = input.area.lines().join("\n");
        Some(draft)
    }

    /// The kept draft of the editor `kind` opens, if any.
    fn stored_draft(&self, kind: &InputKind) -> Option<drafts::Draft> {
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
    fn save_draft(&mut self) {
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

    fn write_draft(&mut self) {
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

    fn clear_draft(&self, draft: &drafts::Draft) {
        if let Some(b) = &self.drafts {
            b.clear(draft);
        }
    }

    /// Reopens the newest unsaved note of this board from an earlier run
    /// (after a crash or `q`); the others are listed with `D`.
    fn restore_draft(&mut self) {
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
    fn open_draft(&mut self, draft: drafts::Draft) {
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
        self.open_input(kind, &text);
        if moved {
            self.clear_draft(&draft);
        }
        self.message = Some(Message {
            text: self.s().draft_restored.into(),
            tone: Tone::Info,
        });
        self.warn_if_edited_note_changed();
    }
}

/// Pasted text as it goes into an editor: line breaks (CR, CRLF, LF)
/// become line breaks in a note and spaces in a one-line prompt; other
/// control characters are dropped.
fn pasted_text(text: &str, multiline: bool) -> String {
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

/// A column of present or merged mode.
pub struct Column<'a> {
    pub title: String,
    pub lead: Option<String>,
    pub notes: Vec<&'a Note>,
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
        _ => cursor,
    }
}
