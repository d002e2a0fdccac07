//! What every view of a session shares: the session as this view knows it
//! (a [`Replica`]), the time of the action being handled, the status line,
//! dialogs and the editor line, this writer's writes on their way to disk
//! and its undo history — and the effects `update` collects for the
//! runtime.
use crate::app::Effect;
use crate::app::editor::Input;
use crate::app::transient::Transient;
use crate::app::writes::Writes;
use crate::error::Error;
use crate::i18n::{FlowStrings, Strings, SynthesisStrings, flow_strings, strings, synthesis_strings};
use crate::model::history::History;
use crate::model::{Change, Lang, Plan, Replica, SessionState, Skews};

/// A dialog on top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    SignalPicker,
    SectionPicker,
    /// This board's drafts; a digit reopens one.
    Drafts,
    /// How guests join over SSH, full screen for the projector.
    JoinCard,
    /// The board's guiding question and the whole broadcast (note-taker).
    Info,
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

/// How the runtime set a view up (before it runs; `update` only reads it).
#[derive(Debug, Clone)]
pub struct Config {
    /// Ring the terminal bell when a group reaches zero.
    pub bell_enabled: bool,
    /// A view that only shows (the projector over SSH): every writing action is ignored.
    pub read_only: bool,
    /// Save drafts only on [`Action::FlushDraft`](crate::app::Action::FlushDraft)
    /// (the runtime sends it after each burst of input); off, every key saves.
    pub defer_drafts: bool,
    /// Look at the session folder on every tick (the default). A server
    /// running many views turns this off and sends `StoreChanged` itself,
    /// only when the folder changed.
    pub refresh_on_tick: bool,
    /// Offset of local time from UTC, for displayed times of day.
    pub utc_offset: chrono::FixedOffset,
    /// A line on how to join, shown in the facilitator's header (the demo's local command).
    pub join_hint: Option<String>,
    /// How guests reach the SSH server this view runs (`facilitate --serve`).
    pub join: Option<super::JoinInfo>,
    /// A view served over SSH: its person cannot run runde on the host.
    pub remote: bool,
    /// Who is connected to the SSH server this view runs (`facilitate --serve`).
    pub guests: Option<super::join::Guests>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bell_enabled: true,
            read_only: false,
            defer_drafts: false,
            refresh_on_tick: true,
            utc_offset: chrono::Offset::fix(&chrono::Utc),
            join_hint: None,
            join: None,
            remote: false,
            guests: None,
        }
    }
}

/// The state every view of a session shares.
pub struct Shared {
    pub lang: Lang,
    /// The plan and the folded state, as this view knows them.
    pub replica: Replica,
    /// This writer's name, if it has one.
    pub author: Option<String>,
    pub config: Config,
    pub overlay: Option<Overlay>,
    /// The open editor line (a note, a broadcast, a filter, a finding).
    pub input: Option<Input>,
    pub message: Option<Message>,
    /// Standing notices, each until `x` puts it away (see `app::messages`).
    pub(crate) notices: Vec<Message>,
    pub quit: bool,
    /// A pending `g`, the help's scroll, the status message's age, the last tick.
    pub transient: Transient,
    /// Wall time of the action being handled (from the runtime's clock).
    pub(crate) now_ms: i64,
    /// The last reported difference between system and steady clock, in seconds.
    pub(crate) reported_jump_s: i64,
    /// Other writers' clock differences, as the folder last told.
    pub(crate) skews: Skews,
    /// File names of the plan's conflict copies.
    pub(crate) plan_conflicts: Vec<String>,
    /// The text of a failed folder read on screen; the next good read clears it.
    pub(crate) refresh_error: Option<String>,
    /// This writer's writes on their way to disk.
    pub(crate) writes: Writes,
    /// This writer's note actions, for undo and redo.
    pub(crate) history: History,
    /// Fresh note ids from the runtime.
    pub(crate) ids: Vec<String>,
    /// More ids were asked for and have not come yet.
    pub(crate) ids_asked: bool,
    /// This writer's kept drafts (`None`: none listed yet, or unavailable).
    pub(crate) drafts: Option<Vec<crate::model::draft::Draft>>,
    /// The board whose editors keep drafts (a note-taker's; none in the facilitator view).
    pub(crate) draft_board: Option<String>,
    /// A draft change waits for `FlushDraft`.
    pub(crate) draft_pending: bool,
    /// Effects collected while handling the current action.
    pub(crate) effects: Vec<Effect>,
}

/// Ids kept ready; fewer than this and more are asked for.
const SPARE_IDS: usize = 4;

impl Shared {
    /// Shared state of a view of `replica` in `lang` at `now_ms`.
    pub fn new(mut replica: Replica, author: Option<String>, lang: Lang, now_ms: i64) -> Shared {
        replica.label_orphans(strings(lang).not_in_plan);
        Shared {
            lang,
            replica,
            author: author.filter(|a| !a.trim().is_empty()),
            config: Config::default(),
            overlay: None,
            input: None,
            message: None,
            notices: Vec::new(),
            quit: false,
            transient: Transient::default(),
            now_ms,
            reported_jump_s: 0,
            skews: Skews::default(),
            plan_conflicts: Vec::new(),
            refresh_error: None,
            writes: Writes::default(),
            history: History::default(),
            ids: Vec::new(),
            ids_asked: false,
            drafts: None,
            draft_board: None,
            draft_pending: false,
            effects: Vec::new(),
        }
    }

    /// The UI words of the view's language.
    pub fn s(&self) -> &'static Strings {
        strings(self.lang)
    }

    /// The meeting-flow words of the view's language.
    pub fn flow(&self) -> &'static FlowStrings {
        flow_strings(self.lang)
    }

    /// The synthesis words of the view's language.
    pub fn syn(&self) -> &'static SynthesisStrings {
        synthesis_strings(self.lang)
    }

    /// The session plan.
    pub fn plan(&self) -> &Plan {
        self.replica.plan()
    }

    /// The folded session state.
    pub fn state(&self) -> &SessionState {
        self.replica.state()
    }

    /// Wall time of the action being handled (rendering never reads a clock).
    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// The instant the clocks are drawn for: whole wall-clock seconds, so all
    /// timers tick together and the app wakes once per second.
    pub fn display_ms(&self) -> i64 {
        self.now_ms - self.now_ms.rem_euclid(1000)
    }

    /// Asks the runtime for something.
    pub(crate) fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Hands `changes` to the runtime as one write of this writer and
    /// returns its ticket; a note whose text they set is drawn as unsaved
    /// until the write is on disk.
    pub(crate) fn write(&mut self, changes: Vec<Change>) -> u64 {
        let ticket = self.writes.begin(&changes);
        self.effect(Effect::Append { ticket, changes });
        ticket
    }

    /// A fresh note id (the runtime keeps a few ready), or why there is none.
    pub(crate) fn new_id(&mut self) -> Result<String, Error> {
        let id = self.ids.pop();
        if self.ids.len() < SPARE_IDS {
            self.ask_ids();
        }
        id.ok_or_else(|| Error::Invalid(self.s().not_ready.into()))
    }

    /// Asks the runtime for fresh ids (once until they come).
    pub(crate) fn ask_ids(&mut self) {
        if !self.ids_asked {
            self.ids_asked = true;
            self.effect(Effect::NewIds(2 * SPARE_IDS));
        }
    }

    /// Takes fresh ids from the runtime.
    pub(crate) fn take_ids(&mut self, ids: Vec<String>) {
        self.ids.extend(ids);
        self.ids_asked = false;
    }

    /// Shows a message.
    pub(crate) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    /// Shows an operation's outcome in the status line.
    pub(crate) fn report(&mut self, result: Result<String, Error>) {
        match result {
            Ok(text) => self.say(text, Tone::Success),
            Err(e) => {
                let text = self.error_text(&e);
                self.say(text, Tone::Error);
            }
        }
    }

    /// Reports only failures (successes are visible on screen anyway).
    pub(crate) fn report_quiet(&mut self, r: Result<String, Error>) {
        match r {
            Ok(_) => self.message = None,
            Err(e) => self.report(Err(e)),
        }
    }

    /// An error in the view's language where runde has its words (the
    /// rules' and the store's refusals, a malformed file); file errors keep
    /// their path and the system's text.
    pub(crate) fn error_text(&self, e: &Error) -> String {
        e.in_lang(self.lang)
    }

    /// Whether a note's text is still on its way to disk.
    pub fn is_unsaved(&self, note: &str) -> bool {
        self.writes.is_unsaved(note)
    }

    /// A wall time as local `HH:MM`.
    pub fn time_of_day(&self, ms: i64) -> String {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&self.config.utc_offset).format("%H:%M").to_string())
            .unwrap_or_default()
    }

    /// The instant a board's timer is drawn for, in the clock of whoever
    /// wrote its facts: another host's clock that is more than a second
    /// off is corrected for, so every screen shows the same remaining time.
    pub fn timer_now_ms(&self, board: &str) -> i64 {
        let skew = self
            .state()
            .timer_writer(board)
            // Facts the log already placed (a clock off by a minute or
            // more) are in the log's time: drawing in the writer's clock
            // would correct them twice.
            .filter(|actor| !self.state().clocks_behind().iter().any(|(a, _)| a == *actor))
            .and_then(|actor| self.skews.of(actor))
            .filter(|s| s.abs() > 1000)
            .unwrap_or(0);
        // Whole seconds in the writer's clock, so both screens round alike.
        let there = self.now_ms - skew;
        there - there.rem_euclid(1000)
    }

    /// A warning while a sync engine's conflict copy of the plan exists.
    pub fn plan_conflict_banner(&self) -> Option<String> {
        let first = self.plan_conflicts.first()?;
        let words = if self.config.remote {
            crate::i18n::join::join_strings(self.lang).plan_conflict_remote
        } else {
            self.s().plan_conflict
        };
        Some(format!("⚠ {words} {first} ({})", self.plan_conflicts.len()))
    }

    /// A badge when another writer's clock is more than two seconds off.
    pub fn skew_badge(&self) -> Option<String> {
        // A writer the log proves a minute or more off is named.
        if let Some(off) = self.skews.clocks_off(self.state()).first() {
            return Some(format!("⚠ {} {} {}", self.s().clock_skew, off.who(), off.offset_text()));
        }
        let skew = self.skews.largest.filter(|s| s.abs() > 2000)?;
        Some(format!("⚠ {} {:+.1} s", self.s().clock_skew, -(skew as f64) / 1000.0))
    }
}
