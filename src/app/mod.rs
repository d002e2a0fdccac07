//! Application state and its one mutator. Each view — the facilitator's
//! projector screen, a note-taker's board, the board picker — has its own
//! state ([`Facilitator`], [`NoteView`], [`Picker`]); what they share (the
//! session as this view knows it, the clock, the status line, dialogs, the
//! editor line, writes on their way) is [`Shared`]. Input, the clock and
//! the runtime's answers arrive as [`Action`]s; [`App::update`] applies
//! them and returns [`Effect`]s — every file, clock or randomness need —
//! for the runtime to carry out; `ui` renders `&App` without side effects.
pub mod action;
mod drafts;
pub mod editor;
pub mod effect;
pub mod facilitator;
mod folder;
pub mod join;
pub mod keys;
mod messages;
pub mod note_taker;
pub mod picker;
pub mod prepare;
pub mod review;
pub mod shared;
mod transient;
mod writes;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use action::Action;
/// The most text a paste puts into one editor (the rest becomes a draft).
pub use editor::MAX_NOTE_BYTES;
pub use editor::{Input, InputKind};
pub use effect::Effect;
pub use facilitator::synthesis;
pub use facilitator::{Column, FacMode, Facilitator};
pub use join::JoinInfo;
use keys::Binding;
pub use note_taker::NoteView;
pub use picker::Picker;
pub use shared::{Config, Message, Overlay, Shared, Tone};
pub use transient::{MESSAGE_FADE_MS, Ticked};

use crate::error::Error;
use crate::i18n::{FlowStrings, Strings, SynthesisStrings};
use crate::model::draft::Draft;
use crate::model::{Board, Lang, Note, Plan, Replica, SessionState};

/// Which screen is shown, with its own state.
#[derive(Debug, Clone)]
pub enum Screen {
    Facilitator(Facilitator),
    Note(NoteView),
    Picker(Picker),
}

/// The whole application: what the views share, and the view on screen.
pub struct App {
    pub shared: Shared,
    pub screen: Screen,
    /// The note-taker's part shown as published, to sign off (key `P`).
    pub part: Option<review::PartView>,
}

impl App {
    /// The facilitator's view of a session.
    pub fn facilitator(replica: Replica, lang: Option<Lang>, now_ms: i64) -> App {
        let lang = lang.unwrap_or(replica.plan().lang);
        let shared = Shared::new(replica, None, lang, now_ms);
        let screen = Screen::Facilitator(Facilitator::new(&shared));
        App {
            shared,
            screen,
            part: None,
        }
    }

    /// A note-taker's view of `board`, written as `author`; without a
    /// board, a picker of the phase's boards.
    pub fn note_taker(
        replica: Replica,
        author: Option<String>,
        board: Option<&str>,
        lang: Option<Lang>,
        now_ms: i64,
    ) -> Result<App, Error> {
        let lang = lang.unwrap_or(replica.plan().lang);
        let mut shared = Shared::new(replica, author, lang, now_ms);
        let screen = match board {
            Some(b) => {
                shared.plan().require_board(b)?;
                shared.draft_board = Some(b.to_string());
                Screen::Note(NoteView::new(b))
            }
            None => Screen::Picker(Picker::new(&shared)),
        };
        Ok(App {
            shared,
            screen,
            part: None,
        })
    }

    // ----- events -------------------------------------------------------

    /// Handles a terminal event.
    pub fn handle_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.run(|app| app.paste(&text)),
            _ => Vec::new(),
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.run(|app| {
            app.dispatch_key(key);
            app.shared.stamp_message();
        })
    }

    /// Applies an action (the only mutator besides keys, which become
    /// actions through the key tables) and returns what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.run(|app| app.apply(action))
    }

    /// Runs `f` and hands over the effects it collected.
    fn run(&mut self, f: impl FnOnce(&mut App)) -> Vec<Effect> {
        f(self);
        std::mem::take(&mut self.shared.effects)
    }

    fn paste(&mut self, text: &str) {
        let hint = match self.screen {
            Screen::Facilitator(_) => self.shared.s().paste_ignored_facilitator,
            _ => self.shared.s().paste_ignored_note,
        };
        if self.shared.paste(text, hint) {
            self.after_typing();
        }
    }

    /// After the editor's text changed: a filter applies as it is typed.
    fn after_typing(&mut self) {
        if let Screen::Note(v) = &mut self.screen {
            v.filter_as_typed(&self.shared);
        }
    }

    fn dispatch_key(&mut self, key: KeyEvent) {
        if self.part.is_some() {
            return self.part_key(key);
        }
        if let Some(overlay) = self.shared.overlay {
            return self.overlay_key(overlay, key);
        }
        if self.shared.input.is_some() {
            match keys::lookup(self.bindings(), &key) {
                Some(action) if self.shared.edit_text(&action) => self.after_typing(),
                Some(action) => {
                    // The editor may close: its text reaches the draft first.
                    self.shared.flush_draft();
                    self.apply(action);
                }
                None => {
                    self.shared.type_key(key);
                    self.after_typing();
                }
            }
            return;
        }
        if let Screen::Facilitator(f) = &mut self.screen {
            if f.key(&mut self.shared, &key) {
                return;
            }
        }
        let action = keys::lookup(self.bindings(), &key);
        if self
            .shared
            .wait_for_second_g(action.as_ref(), key.code == KeyCode::Char('g'))
        {
            return;
        }
        if let Some(action) = action {
            self.apply(action);
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent) {
        let ch = match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        };
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if overlay == Overlay::Help && !ctrl_c {
            if let Some(delta) = help_scroll_step(key.code) {
                let join_rows = if self.shared.config.join.is_some() {
                    join::HELP_ROWS
                } else {
                    0
                };
                let entries = self.shown_bindings().iter().filter(|b| !b.shown.is_empty()).count() + join_rows;
                self.shared.scroll_help(delta, entries);
                return;
            }
        }
        if overlay == Overlay::Info && !ctrl_c {
            // Pages through a question and broadcast too long for the screen.
            if let Some(delta) = info_page_step(key.code) {
                let page = &mut self.shared.transient.help_scroll;
                *page = page.saturating_add_signed(delta);
                return;
            }
        }
        self.shared.overlay = None;
        if ctrl_c && overlay != Overlay::ConfirmQuit {
            // Never swallowed: Ctrl-C in a dialog asks whether to quit.
            self.shared.overlay = Some(Overlay::ConfirmQuit);
            return;
        }
        match overlay {
            Overlay::Help | Overlay::JoinCard | Overlay::Info => {}
            Overlay::ConfirmQuit => {
                if matches!(ch, Some('y' | 'j' | 'q')) || ctrl_c {
                    self.shared.quit = true;
                }
            }
            Overlay::SignalPicker => {
                if let Some(action) = keys::lookup(keys::SIGNAL_PICKER, &key) {
                    self.apply(action);
                }
            }
            Overlay::Drafts => {
                let index = ch
                    .and_then(|c| c.to_digit(10))
                    .and_then(|d| (d as usize).checked_sub(1));
                let draft = index.and_then(|i| self.shared.board_drafts().into_iter().nth(i));
                if let (Some(draft), Screen::Note(v)) = (draft, &mut self.screen) {
                    v.open_draft(&mut self.shared, draft);
                }
            }
            Overlay::SectionPicker => {
                if let Some(action) = keys::lookup(keys::SECTION_PICKER, &key) {
                    self.apply(action);
                }
            }
        }
    }

    // ----- update -------------------------------------------------------

    fn apply(&mut self, action: Action) {
        if self.shared.config.read_only && action.writes() {
            return;
        }
        if action.writes() && !self.may_write() {
            let refused = crate::i18n::join::join_strings(self.shared.lang).findings_read_only;
            self.shared.say(refused, Tone::Warning);
            return;
        }
        let sh = &mut self.shared;
        match action {
            Action::Clock { now_ms, system_ms } => sh.clock(now_ms, system_ms),
            Action::Started => self.started(),
            Action::Tick => self.tick(),
            Action::StoreChanged => sh.effect(Effect::ReadFolder),
            Action::FolderChanged(news) => {
                sh.folder_changed(*news);
                self.after_store_change();
            }
            Action::FolderUnreadable(text) => sh.folder_unreadable(text),
            Action::Stamped { id, events } => {
                sh.stamped(id, events);
                self.after_store_change();
            }
            Action::Saved { id } => sh.saved(id),
            Action::SaveFailed { id, why, detail } => {
                sh.save_failed(id, why, &detail);
                self.after_store_change();
            }
            Action::IdsMade(ids) => sh.take_ids(ids),
            Action::DraftsListed(drafts) => {
                sh.drafts_listed(drafts);
                if let Screen::Note(v) = &mut self.screen {
                    v.restore_draft(&mut self.shared);
                    v.sync_cursor(&self.shared);
                }
            }
            Action::DraftsUnavailable(why) => {
                let text = format!("{}: {why}", sh.s().drafts_unavailable);
                sh.notice(text, Tone::Warning);
            }
            Action::DraftNotSaved(why) => sh.draft_not_saved(why),
            Action::FlushDraft => sh.flush_draft(),
            Action::Warn(text) => sh.say(text, Tone::Warning),
            Action::SecondFacilitator => sh.notice(sh.flow().second_facilitator, Tone::Warning),
            Action::SignedOff { board, events } => self.signed_off(&board, events),
            Action::SignOffFailed(why) => sh.say(why, Tone::Error),
            Action::PasteCut { lost, held } => {
                sh.paste_cut(lost, held);
            }
            Action::ShowPart => self.open_part(),
            Action::Help => {
                sh.overlay = Some(Overlay::Help);
                sh.transient.help_scroll = 0;
            }
            Action::Quit => self.request_quit(),
            Action::AskQuit => sh.overlay = Some(Overlay::ConfirmQuit),
            Action::JoinCard => sh.overlay = Some(Overlay::JoinCard),
            Action::ShowInfo => {
                sh.overlay = Some(Overlay::Info);
                sh.transient.help_scroll = 0;
            }
            Action::Dismiss => sh.dismiss(),
            action => self.view_action(action),
        }
    }

    /// An action for the view on screen.
    fn view_action(&mut self, action: Action) {
        let sh = &mut self.shared;
        match &mut self.screen {
            Screen::Facilitator(f) => f.update(sh, action),
            Screen::Note(v) => v.update(sh, action),
            Screen::Picker(p) => {
                if let Some(mut view) = p.update(&action) {
                    sh.draft_board = Some(view.board.clone());
                    view.restore_draft(sh);
                    view.sync_cursor(sh);
                    self.screen = Screen::Note(view);
                }
            }
        }
    }

    /// The runtime is ready: ids for new notes, and a note-taker's drafts.
    fn started(&mut self) {
        let sh = &mut self.shared;
        sh.ask_ids();
        if !matches!(self.screen, Screen::Facilitator(_)) {
            sh.effect(Effect::ListDrafts);
        }
    }

    /// The second may have moved: the folder, bells, fading messages.
    fn tick(&mut self) {
        let before = self.shared.message.clone();
        let moved = self.shared.tick();
        if let Screen::Facilitator(f) = &mut self.screen {
            f.check_bells(&mut self.shared);
        }
        self.shared.ticked(before, moved);
    }

    /// After the state changed under the view: the cursor stays on its
    /// note, an edited note that changed is announced.
    fn after_store_change(&mut self) {
        self.refresh_part();
        if let Screen::Note(v) = &mut self.screen {
            v.sync_cursor(&self.shared);
        }
        self.shared.warn_if_edited_note_changed();
    }

    fn request_quit(&mut self) {
        let ask = match &mut self.screen {
            Screen::Facilitator(f) => {
                f.guests_before_quit(&self.shared) | !facilitator::running_groups(&self.shared).is_empty()
            }
            _ => false,
        };
        if ask {
            self.shared.overlay = Some(Overlay::ConfirmQuit);
        } else {
            self.shared.quit = true;
        }
    }

    // ----- queries (for the runtime, the ui and tests) ------------------

    /// The key table in force right now (for dispatch, footer and help).
    pub fn bindings(&self) -> &'static [Binding] {
        if let Some(input) = &self.shared.input {
            return keys::editor_keys(&input.kind);
        }
        match &self.screen {
            Screen::Facilitator(f) if f.mode == FacMode::Grid => keys::FACILITATOR,
            // Marking for a finding works wherever notes are shown side by side.
            Screen::Facilitator(f) if matches!(f.mode, FacMode::Merged | FacMode::Present(_)) => {
                synthesis::merged_bindings()
            }
            Screen::Facilitator(_) => keys::PRESENT,
            Screen::Note(_) => keys::NOTE,
            Screen::Picker(_) => keys::PICKER,
        }
    }

    /// Whether this view may write: not a read-only view, and not a guest
    /// on a board only the facilitator writes (the key findings).
    pub fn may_write(&self) -> bool {
        let guest_barred = self.shared.config.remote && self.note_board().is_some_and(|b| !join::guest_may_write(b));
        !self.shared.config.read_only && !guest_barred
    }

    /// The bindings the footer and `?` show: the table's, without the keys
    /// that write in a view that may not ([`Self::may_write`]).
    pub fn shown_bindings(&self) -> Vec<Binding> {
        let may_write = self.may_write();
        self.bindings()
            .iter()
            .filter(|b| may_write || !b.action.writes())
            .cloned()
            .collect()
    }

    /// The view's language.
    pub fn lang(&self) -> Lang {
        self.shared.lang
    }

    /// The UI words of the view's language.
    pub fn s(&self) -> &'static Strings {
        self.shared.s()
    }

    /// The meeting-flow words of the view's language.
    pub fn flow(&self) -> &'static FlowStrings {
        self.shared.flow()
    }

    /// The synthesis words of the view's language.
    pub fn syn(&self) -> &'static SynthesisStrings {
        self.shared.syn()
    }

    /// The session plan (read-only, for rendering).
    pub fn plan(&self) -> &Plan {
        self.shared.plan()
    }

    /// The folded session state (read-only, for rendering).
    pub fn state(&self) -> &SessionState {
        self.shared.state()
    }

    /// This writer's name, if it has one.
    pub fn author(&self) -> Option<&str> {
        self.shared.author.as_deref()
    }

    /// Wall time of the last action (rendering never reads a clock).
    pub fn now_ms(&self) -> i64 {
        self.shared.now_ms()
    }

    /// The instant the clocks are drawn for (whole seconds).
    pub fn display_ms(&self) -> i64 {
        self.shared.display_ms()
    }

    /// Milliseconds until the clocks next change: just past the coming
    /// whole second, so a timer that fires a little early does not cause a
    /// second wake-up right after.
    pub fn ms_until_next_second(&self) -> u64 {
        (1000 - self.now_ms().rem_euclid(1000) + 5) as u64
    }

    /// What the last tick changed on screen.
    pub fn ticked(&self) -> Ticked {
        self.shared.transient.ticked
    }

    /// The open editor, if any.
    pub fn input(&self) -> Option<&Input> {
        self.shared.input.as_ref()
    }

    /// The dialog on top, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.shared.overlay
    }

    /// The status message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.shared.message.as_ref()
    }

    /// Every message in force, most important first (the status lines).
    pub fn messages(&self) -> Vec<Message> {
        self.shared.messages()
    }

    /// Whether the view asked to end.
    pub fn quit(&self) -> bool {
        self.shared.quit
    }

    /// How the runtime set the view up.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Sets the view up (before it runs).
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.shared.config
    }

    /// Marks the view as a guest's on SSH (before it runs): the picker
    /// offers no board a guest may not write on.
    pub fn set_remote(&mut self) {
        self.shared.config.remote = true;
        if let Screen::Picker(_) = self.screen {
            self.screen = Screen::Picker(Picker::new(&self.shared));
        }
    }

    /// Whether a note's text is still on its way to disk.
    pub fn is_unsaved(&self, note: &str) -> bool {
        self.shared.is_unsaved(note)
    }

    /// The instant a board's timer is drawn for (see [`Shared::timer_now_ms`]).
    pub fn timer_now_ms(&self, board: &str) -> i64 {
        self.shared.timer_now_ms(board)
    }

    /// A wall time as local `HH:MM`.
    pub fn time_of_day(&self, ms: i64) -> String {
        self.shared.time_of_day(ms)
    }

    /// A warning while a sync engine's conflict copy of the plan exists.
    pub fn plan_conflict_banner(&self) -> Option<String> {
        self.shared.plan_conflict_banner()
    }

    /// A badge when another writer's clock is more than two seconds off.
    pub fn skew_badge(&self) -> Option<String> {
        self.shared.skew_badge()
    }

    /// This board's kept drafts, newest first (as listed; no file is read).
    pub fn board_drafts(&self) -> Vec<Draft> {
        self.shared.board_drafts()
    }

    /// The note-taker's board.
    pub fn note_board(&self) -> Option<&Board> {
        match &self.screen {
            Screen::Note(v) => v.board(&self.shared),
            _ => None,
        }
    }

    /// Notes of a section as the note-taker sees them (filter applied).
    pub fn visible_notes(&self, section: usize) -> Vec<&Note> {
        match &self.screen {
            Screen::Note(v) => v.visible_notes(&self.shared, section),
            _ => Vec::new(),
        }
    }

    /// The note under the note-taker's cursor.
    pub fn current_note(&self) -> Option<&Note> {
        match &self.screen {
            Screen::Note(v) => v.current_note(&self.shared),
            _ => None,
        }
    }

    /// The boards of the current phase: one tile per group.
    pub fn groups(&self) -> Vec<&Board> {
        facilitator::groups(&self.shared)
    }

    /// The facilitator's selected group's board id.
    pub fn selected_board(&self) -> Option<String> {
        match &self.screen {
            Screen::Facilitator(f) => f.selected_board(&self.shared),
            _ => None,
        }
    }

    /// The columns of present or merged mode.
    pub fn columns(&self) -> Vec<Column<'_>> {
        match &self.screen {
            Screen::Facilitator(f) => f.columns(&self.shared),
            _ => Vec::new(),
        }
    }

    /// The note under the facilitator's cursor (present or merged mode).
    pub fn fac_current_note(&self) -> Option<&Note> {
        match &self.screen {
            Screen::Facilitator(f) => f.current_note(&self.shared),
            _ => None,
        }
    }

    /// The notes marked for one finding, in the order they were marked.
    pub fn marks(&self) -> &[String] {
        match &self.screen {
            Screen::Facilitator(f) => &f.marks,
            _ => &[],
        }
    }

    /// Similar notes from other groups for the note under the cursor.
    pub fn suggestions(&self) -> synthesis::Suggestions {
        match &self.screen {
            Screen::Facilitator(f) => f.suggestions(&self.shared),
            _ => synthesis::Suggestions::default(),
        }
    }

    /// The editor title of a broadcast: to all or to the selected group.
    pub fn broadcast_prompt(&self) -> String {
        match &self.screen {
            Screen::Facilitator(f) => f.broadcast_prompt(&self.shared),
            _ => self.flow().broadcast_all_prompt.to_string(),
        }
    }

    /// The dialog text while leaving the phase waits for an answer.
    pub fn phase_confirm_text(&self) -> Option<String> {
        match &self.screen {
            Screen::Facilitator(f) => f.phase_confirm_text(&self.shared),
            _ => None,
        }
    }

    /// True when the projector hides note authors.
    pub fn authors_hidden(&self) -> bool {
        matches!(&self.screen, Screen::Facilitator(f) if f.hide_authors)
    }

    /// Hides (or shows) note authors on the projector (before it runs).
    pub fn set_authors_hidden(&mut self, hidden: bool) {
        if let Screen::Facilitator(f) = &mut self.screen {
            f.hide_authors = hidden;
        }
    }
}

/// A list cursor moved by `action` within `len` entries.
pub(crate) fn step_cursor(cursor: usize, len: usize, action: &Action) -> usize {
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

/// The page a key turns to in the `i` overlay (next or previous), if any;
/// the overlay wraps from its last page to its first.
fn info_page_step(code: KeyCode) -> Option<isize> {
    match code {
        KeyCode::Down | KeyCode::Char('j') | KeyCode::PageDown | KeyCode::Char(' ') => Some(1),
        KeyCode::Up | KeyCode::Char('k') | KeyCode::PageUp => Some(-1),
        _ => None,
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
