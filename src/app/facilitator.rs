//! The facilitator's projector view: its state (grid, present, merged),
//! its timer and phase commands, and the queries its screen draws from.
use super::*;
use crate::i18n::{FlowStrings, flow_strings};
use crate::model::facilitation::{CLOSING_BROADCAST_MS, CLOSING_COUNTDOWN_MS, PHASE_END_BROADCAST_MS, split_expiry};
use crate::model::{TimerFacts, TimerOp};
use crate::store::presence::{Claim, FacilitatorSeat, claim_facilitator};

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
    /// This view's seat as the facilitator, held while it is open.
    pub seat: Option<std::sync::Arc<FacilitatorSeat>>,
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
    pub title: String,
    pub lead: Option<String>,
    pub notes: Vec<&'a Note>,
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
            timer_undo: Vec::new(),
            timer_redo: Vec::new(),
            broadcast_to: None,
            hide_authors: false,
            confirm_phase: None,
            announced: Box::default(),
            seat: None,
        });
        let mut app = App::new(session, lang, screen);
        app.mark_already_over();
        app.mark_signals_announced();
        app
    }

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

    pub(super) fn update_facilitator(&mut self, action: Action) {
        let s = self.s();
        match action {
            Action::ToggleTimer => {
                if let Some(b) = self.selected_board() {
                    let r = self.timer_batch(&[b], TimerCommand::Toggle).map(|_| String::new());
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
                let r = self.timer_batch(&boards, command).map(|_| ());
                let text = if action == Action::StartAll {
                    s.started_all
                } else {
                    s.paused_all
                };
                self.report(r.map(|()| text.to_string()));
            }
            Action::Extend(minutes) => {
                let boards = self.timer_targets();
                let r = self
                    .timer_batch(&boards, TimerCommand::Extend(minutes * 60_000))
                    .map(|_| ());
                let ok = r.is_ok();
                self.report(r.map(|()| format!("{} {minutes:+} min", s.extended)));
                let now = self.now_ms();
                if let (true, Screen::Facilitator(f)) = (ok, &mut self.screen) {
                    f.pending_amount = Some((minutes.signum(), boards, now));
                }
            }
            Action::ExtendBy(minutes) => self.extend_by(minutes),
            Action::ArmAll => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.all_armed = !f.all_armed;
                }
            }
            Action::ResetTimer => {
                if let Some(b) = self.selected_board() {
                    let r = self.timer_batch(&[b], TimerCommand::Reset).map(|_| String::new());
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
                if self.running_groups().is_empty() {
                    self.change_phase(delta);
                } else if let Screen::Facilitator(f) = &mut self.screen {
                    f.confirm_phase = Some(delta);
                }
            }
            Action::StartBroadcast | Action::BroadcastToGroup => {
                let to = (action == Action::BroadcastToGroup)
                    .then(|| self.selected_board())
                    .flatten();
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.broadcast_to = to;
                }
                self.open_input(InputKind::Broadcast, "");
            }
            Action::AckSignal => {
                let selected = self
                    .selected_board()
                    .filter(|b| self.session.state().signal(b).is_some());
                self.acknowledge(selected);
            }
            Action::AckOldestSignal => self.acknowledge(None),
            Action::ToggleAuthors => {
                let flow = self.flow();
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.hide_authors = !f.hide_authors;
                    let text = if f.hide_authors {
                        flow.authors_hidden
                    } else {
                        flow.authors_shown
                    };
                    self.message = Some(Message {
                        text: text.to_string(),
                        tone: Tone::Info,
                    });
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
            action if action.moves_cursor() => {
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
            Action::Undo | Action::Redo if self.fac_mode_is_grid() => self.undo_timer(action == Action::Redo),
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

    /// The meeting-flow words of the app's language.
    pub fn flow(&self) -> &'static FlowStrings {
        flow_strings(self.lang)
    }

    fn fac_mode_is_grid(&self) -> bool {
        matches!(&self.screen, Screen::Facilitator(f) if f.mode == FacMode::Grid)
    }

    /// Keys the facilitator view takes before its table: the answer to
    /// "leave the phase?" and a digit after `+`/`-`.
    pub(super) fn facilitator_key(&mut self, key: &KeyEvent) -> bool {
        let confirm = match &mut self.screen {
            Screen::Facilitator(f) => f.confirm_phase.take(),
            _ => None,
        };
        let Some(delta) = confirm else {
            return self.amount_digit(key);
        };
        match key.code {
            KeyCode::Enter | KeyCode::Char('y' | 'j') => self.close_phase(delta),
            KeyCode::Char('1') => self.closing_countdown(),
            _ => {}
        }
        true
    }

    pub(super) fn fac_column(&self) -> usize {
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
}
