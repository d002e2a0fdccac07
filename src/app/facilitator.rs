//! The facilitator's projector view: its state (grid, present, merged),
//! its update, and the queries its screen draws from. Timers and phases
//! are in [`timers`], signals and broadcasts in [`messages`], the plenary
//! synthesis in [`synthesis`].
use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::Action;
use crate::app::editor::InputKind;
use crate::app::shared::{Shared, Tone};
use crate::app::step_cursor;
use crate::model::plan::Phase;
use crate::model::{Board, BoardKind, Note, TimerCommand, TimerFacts, TimerOp};

mod guests;
mod messages;
pub mod synthesis;
mod timers;

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
    /// This view's timer changes, newest last, for `u`.
    pub timer_undo: Vec<TimerBatch>,
    /// Timer changes undone, for Ctrl-r.
    pub timer_redo: Vec<TimerBatch>,
    /// The broadcast being typed goes only to this board.
    pub broadcast_to: Option<String>,
    /// Note authors are hidden on the projector.
    pub hide_authors: bool,
    /// Leaving the phase (+1 next, -1 previous) waits for confirmation
    /// because group timers of the phase still run.
    pub confirm_phase: Option<i32>,
    /// Signals already announced with the bell: (board, wall ms sent);
    /// boxed to keep the screen enum small.
    pub announced: Box<HashSet<(String, i64)>>,
    /// Guests on SSH when quitting asked (see `guests.rs`).
    pub quit_guests: Vec<String>,
}

/// One timer change of the facilitator on one board: what was written and
/// the facts just before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerChange {
    pub board: String,
    pub op: TimerOp,
    pub before: TimerFacts,
}

/// The timer changes of one key press (one board, or all after `a`/`S`).
pub type TimerBatch = Vec<TimerChange>;

/// A column of present or merged mode.
pub struct Column<'a> {
    /// The board the notes are on.
    pub board: String,
    pub title: String,
    pub lead: Option<String>,
    pub notes: Vec<&'a Note>,
}

impl Facilitator {
    /// The view of a session as it is: groups already over and signals
    /// already pending are shown, not rung for.
    pub fn new(sh: &Shared) -> Facilitator {
        let mut f = Facilitator {
            selected: 0,
            all_armed: false,
            mode: FacMode::Grid,
            column: 0,
            cursor: 0,
            scroll: 0,
            rung: HashSet::new(),
            pending_amount: None,
            marks: Vec::new(),
            timer_undo: Vec::new(),
            timer_redo: Vec::new(),
            broadcast_to: None,
            hide_authors: false,
            confirm_phase: None,
            announced: Box::default(),
            quit_guests: Vec::new(),
        };
        f.mark_already_over(sh);
        f.mark_signals_announced(sh);
        f
    }

    /// The boards of the current phase: one tile per group.
    pub fn groups<'a>(&self, sh: &'a Shared) -> Vec<&'a Board> {
        groups(sh)
    }

    /// The selected group's board id.
    pub fn selected_board(&self, sh: &Shared) -> Option<String> {
        let groups = groups(sh);
        groups
            .get(self.selected.min(groups.len().saturating_sub(1)))
            .map(|b| b.id.clone())
    }

    pub(crate) fn update(&mut self, sh: &mut Shared, action: Action) {
        let s = sh.s();
        match action {
            Action::ToggleTimer | Action::ResetTimer => {
                let command = if action == Action::ToggleTimer {
                    TimerCommand::Toggle
                } else {
                    TimerCommand::Reset
                };
                if let Some(b) = self.selected_board(sh) {
                    let r = self.timer_batch(sh, &[b], command).map(|_| String::new());
                    sh.report_quiet(r);
                }
            }
            Action::StartAll | Action::PauseAll => {
                let (command, text) = if action == Action::StartAll {
                    (TimerCommand::Start, s.started_all)
                } else {
                    (TimerCommand::Pause, s.paused_all)
                };
                let boards: Vec<String> = groups(sh).iter().map(|b| b.id.clone()).collect();
                let r = self.timer_batch(sh, &boards, command);
                sh.report(r.map(|_| text.to_string()));
            }
            Action::Extend(minutes) => {
                let boards = self.timer_targets(sh);
                let r = self.timer_batch(sh, &boards, TimerCommand::Extend(minutes * 60_000));
                let text = sh.flow().time_changed(minutes, &timer_target(sh, &boards));
                if r.is_ok() {
                    self.pending_amount = Some((minutes.signum(), boards, sh.now_ms()));
                }
                sh.report(r.map(|_| text));
            }
            Action::ExtendBy(minutes) => self.extend_by(sh, minutes),
            Action::ArmAll => self.all_armed = !self.all_armed,
            Action::SelectGroup(i) if i < groups(sh).len() => self.selected = i,
            Action::SelectNext | Action::SelectPrev => {
                let n = groups(sh).len().max(1);
                self.selected = if action == Action::SelectNext {
                    (self.selected + 1) % n
                } else {
                    (self.selected + n - 1) % n
                };
            }
            Action::NextPhase | Action::PrevPhase => {
                let delta = if action == Action::NextPhase { 1 } else { -1 };
                if running_groups(sh).is_empty() {
                    self.change_phase(sh, delta);
                } else {
                    self.confirm_phase = Some(delta);
                }
            }
            Action::StartBroadcast | Action::BroadcastToGroup => {
                self.broadcast_to = (action == Action::BroadcastToGroup)
                    .then(|| self.selected_board(sh))
                    .flatten();
                sh.open_input(InputKind::Broadcast, "");
            }
            Action::AckSignal => {
                let selected = self.selected_board(sh).filter(|b| sh.state().signal(b).is_some());
                acknowledge(sh, selected);
            }
            Action::AckOldestSignal => acknowledge(sh, None),
            Action::ToggleAuthors => {
                self.hide_authors = !self.hide_authors;
                let flow = sh.flow();
                let text = if self.hide_authors {
                    flow.authors_hidden
                } else {
                    flow.authors_shown
                };
                sh.say(text, Tone::Info);
            }
            Action::Present => {
                let board = match &self.mode {
                    FacMode::Present(b) => Some(b.clone()),
                    FacMode::Merged => self.columns(sh).get(self.column).map(|c| c.board.clone()),
                    FacMode::Grid if breakout_before(sh).is_some() => {
                        synthesis_groups(sh).first().map(|b| b.id.clone())
                    }
                    FacMode::Grid => self.selected_board(sh),
                }
                .or_else(|| sh.plan().boards.first().map(|b| b.id.clone()));
                if let Some(board) = board {
                    self.mode = FacMode::Present(board);
                    self.column = 0;
                    self.cursor = 0;
                    self.scroll = 0;
                }
            }
            Action::Merged => {
                self.mode = FacMode::Merged;
                self.column = self.selected;
                self.cursor = 0;
                self.scroll = 0;
            }
            Action::Back if self.clear_marks(sh) => {}
            Action::Back => {
                self.mode = FacMode::Grid;
                self.all_armed = false;
            }
            action if action.moves_cursor() => {
                let len = self.columns(sh).get(self.column).map_or(0, |c| c.notes.len());
                self.cursor = step_cursor(self.cursor, len, &action);
            }
            Action::NextColumn | Action::PrevColumn => {
                let n = self.columns(sh).len().max(1);
                self.column = if action == Action::NextColumn {
                    (self.column + 1) % n
                } else {
                    (self.column + n - 1) % n
                };
                self.cursor = 0;
            }
            Action::CopyToFindings => self.make_finding(sh),
            Action::ToggleMark => self.toggle_mark(sh),
            Action::Undo | Action::Redo if self.mode == FacMode::Grid => self.undo_timer(sh, action == Action::Redo),
            Action::Undo | Action::Redo => {
                sh.undo_note(action == Action::Redo);
            }
            Action::Submit | Action::Send => self.submit(sh),
            Action::Newline => sh.newline(true),
            Action::Cancel | Action::DiscardDraft => sh.input = None,
            _ => {}
        }
    }

    /// Enter in the editor: the broadcast or the finding typed.
    fn submit(&mut self, sh: &mut Shared) {
        let Some(input) = sh.input.take() else { return };
        let text = input.text();
        match &input.kind {
            InputKind::Finding { .. } => self.submit_finding(sh, input, &text),
            // Empty clears; a full disk keeps the text, as for notes.
            InputKind::Broadcast => self.submit_broadcast(sh, input, &text),
            _ => {}
        }
    }

    /// Keys the facilitator view takes before its table: the answer to
    /// "leave the phase?" and a digit after `+`/`-`; true when taken.
    pub(crate) fn key(&mut self, sh: &mut Shared, key: &KeyEvent) -> bool {
        let Some(delta) = self.confirm_phase.take() else {
            return self.amount_digit(sh, key);
        };
        match key.code {
            KeyCode::Enter | KeyCode::Char('y' | 'j') => self.close_phase(sh, delta),
            KeyCode::Char('1') => self.closing_countdown(sh),
            _ => {}
        }
        true
    }

    /// The columns of present or merged mode.
    pub fn columns<'a>(&self, sh: &'a Shared) -> Vec<Column<'a>> {
        let plan = sh.plan();
        let state = sh.state();
        match &self.mode {
            FacMode::Grid => Vec::new(),
            FacMode::Present(board) => {
                let Some(b) = plan.board(board) else {
                    return Vec::new();
                };
                let sections = b.sections.iter().map(|s| Column {
                    board: b.id.clone(),
                    title: s.title.clone(),
                    lead: s.lead.clone(),
                    notes: state.notes_in(&b.id, &s.id),
                });
                let beside = plenary_findings(sh).into_iter().filter(|f| f.id != b.id);
                sections.chain(beside.map(|f| board_column(sh, f))).collect()
            }
            FacMode::Merged => synthesis_groups(sh)
                .into_iter()
                .chain(plenary_findings(sh))
                .map(|b| board_column(sh, b))
                .collect(),
        }
    }

    /// The note under the cursor (present or merged mode).
    pub fn current_note<'a>(&self, sh: &'a Shared) -> Option<&'a Note> {
        self.columns(sh)
            .get(self.column)
            .and_then(|c| c.notes.get(self.cursor).copied())
    }
}

/// The boards of the current phase: one tile per group.
pub(crate) fn groups(sh: &Shared) -> Vec<&Board> {
    let plan = sh.plan();
    sh.state()
        .phase()
        .and_then(|p| plan.phase(p))
        .map(|p| p.boards.iter().filter_map(|b| plan.board(b)).collect())
        .unwrap_or_default()
}

/// One board as one column: all its sections' notes, under its question.
fn board_column<'a>(sh: &'a Shared, b: &'a Board) -> Column<'a> {
    let state = sh.state();
    Column {
        board: b.id.clone(),
        title: b.title.clone(),
        lead: b.question.clone(),
        notes: b.sections.iter().flat_map(|s| state.notes_in(&b.id, &s.id)).collect(),
    }
}

/// True when one of `phase`'s boards is of `kind`.
fn has_kind(sh: &Shared, phase: &Phase, kind: BoardKind) -> bool {
    let plan = sh.plan();
    phase
        .boards
        .iter()
        .filter_map(|b| plan.board(b))
        .any(|b| b.kind == kind)
}

/// In a plenary (a phase with a findings board and no workshop board):
/// the last breakout phase before it (one with workshop boards).
fn breakout_before(sh: &Shared) -> Option<&Phase> {
    let plan = sh.plan();
    let at = plan
        .agenda
        .iter()
        .position(|p| Some(p.id.as_str()) == sh.state().phase())?;
    let here = &plan.agenda[at];
    if !has_kind(sh, here, BoardKind::Findings) || has_kind(sh, here, BoardKind::Workshop) {
        return None;
    }
    plan.agenda[..at]
        .iter()
        .rev()
        .find(|p| has_kind(sh, p, BoardKind::Workshop))
}

/// The groups the synthesis condenses: in a plenary those of the last
/// breakout phase, else the current phase's.
pub(crate) fn synthesis_groups(sh: &Shared) -> Vec<&Board> {
    let plan = sh.plan();
    match breakout_before(sh) {
        Some(phase) => phase.boards.iter().filter_map(|b| plan.board(b)).collect(),
        None => groups(sh),
    }
}

/// In a plenary, its findings boards (shown beside the groups); else none.
fn plenary_findings(sh: &Shared) -> Vec<&Board> {
    if breakout_before(sh).is_none() {
        return Vec::new();
    }
    groups(sh)
        .into_iter()
        .filter(|b| b.kind == BoardKind::Findings)
        .collect()
}

/// A group as feedback names it: "Gruppe 2 (Wasser)", numbered as on its
/// phase's tiles (the title alone when its phase has one board).
pub(crate) fn group_label(sh: &Shared, board: &str) -> String {
    let plan = sh.plan();
    let title = plan.board(board).map_or(board, |b| b.title.as_str());
    let number = plan
        .phase_of_board(board)
        .filter(|p| p.boards.len() > 1)
        .and_then(|p| p.boards.iter().position(|b| b == board))
        .map(|i| i + 1);
    sh.flow().group(number, title)
}

/// What a timer change acts on: one group by name, or all groups.
pub(crate) fn timer_target(sh: &Shared, boards: &[String]) -> String {
    match boards {
        [one] => group_label(sh, one),
        _ => sh.flow().all_groups.to_string(),
    }
}

/// Group timers of the current phase that are running.
pub(crate) fn running_groups(sh: &Shared) -> Vec<String> {
    groups(sh)
        .iter()
        .filter(|b| sh.state().timer(&b.id).is_running())
        .map(|b| b.id.clone())
        .collect()
}

/// Acknowledges `board`'s signal, or the oldest pending one.
fn acknowledge(sh: &mut Shared, board: Option<String>) {
    let board = board.or_else(|| sh.state().pending_signals().first().map(|(b, _)| b.to_string()));
    let Some(board) = board else {
        return sh.say(sh.flow().no_signal, Tone::Info);
    };
    if let Some(change) = crate::model::rules::acknowledge_signal(sh.state(), &board) {
        sh.write(vec![change]);
    }
    let text = sh.flow().signal_acknowledged(&group_label(sh, &board));
    sh.say(text, Tone::Info);
}
