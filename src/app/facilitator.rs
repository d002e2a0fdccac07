//! The facilitator's projector view: its state (grid, present, merged),
//! its timer and phase commands, and the queries its screen draws from.
use super::*;
use crate::i18n::{FlowStrings, flow_strings};
use crate::model::facilitation::{CLOSING_BROADCAST_MS, CLOSING_COUNTDOWN_MS, PHASE_END_BROADCAST_MS, split_expiry};
use crate::model::{TimerFacts, TimerOp};
use crate::store::presence::{Claim, FacilitatorSeat, claim_facilitator};

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

    /// Signals pending when the view opens are shown, not rung for.
    fn mark_signals_announced(&mut self) {
        let pending: Vec<(String, i64)> = self
            .session
            .state()
            .pending_signals()
            .into_iter()
            .map(|(b, s)| (b.to_string(), s.wall_ms))
            .collect();
        if let Screen::Facilitator(f) = &mut self.screen {
            f.announced.extend(pending);
        }
    }

    /// After `+`/`-`, a digit within two seconds sets the amount (`+5`).
    pub(super) fn amount_digit(&mut self, key: &KeyEvent) -> bool {
        let now = self.now_ms();
        let Screen::Facilitator(f) = &mut self.screen else {
            return false;
        };
        let Some((_, _, at)) = f.pending_amount else {
            return false;
        };
        match keys::lookup(keys::AMOUNT, key) {
            Some(action) if now - at < 2000 => {
                self.update(action);
                true
            }
            _ => {
                f.pending_amount = None;
                false
            }
        }
    }

    /// A digit N after `+`/`-`: the change becomes N minutes in all.
    pub(super) fn extend_by(&mut self, minutes: i64) {
        let Screen::Facilitator(f) = &mut self.screen else {
            return;
        };
        let Some((sign, boards, _)) = f.pending_amount.take() else {
            return;
        };
        let extra = sign * (minutes - 1);
        if extra != 0 {
            let result = self.timer_batch(&boards, TimerCommand::Extend(extra * 60_000));
            let text = format!("{} {:+} min", self.s().extended, sign * minutes);
            self.report(result.map(|_| text));
        }
    }

    pub(super) fn check_bells(&mut self) {
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
        for (board, signal) in self.session.state().pending_signals() {
            if f.announced.insert((board.to_string(), signal.wall_ms)) && self.bell_enabled {
                self.bell_pending = true;
            }
        }
    }

    pub(super) fn mark_already_over(&mut self) {
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

    pub(super) fn timer_targets(&mut self) -> Vec<String> {
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

    /// Applies one timer command to each board and records what changed
    /// as one undoable step; returns how many timers changed.
    fn timer_batch(&mut self, boards: &[String], command: TimerCommand) -> Result<usize, Error> {
        let mut batch = TimerBatch::new();
        let mut result = Ok(());
        for board in boards {
            match self.session.timer_step(board, command) {
                Ok(Some((op, before))) => batch.push(TimerChange {
                    board: board.clone(),
                    op,
                    before,
                }),
                Ok(None) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let changed = batch.len();
        if let (false, Screen::Facilitator(f)) = (batch.is_empty(), &mut self.screen) {
            f.timer_undo.push(batch);
            f.timer_redo.clear();
        }
        result.map(|()| changed)
    }

    /// `u`/Ctrl-r in the grid: undo or redo this view's last timer change.
    fn undo_timer(&mut self, redo: bool) {
        let Screen::Facilitator(f) = &mut self.screen else {
            return;
        };
        let from = if redo { &mut f.timer_redo } else { &mut f.timer_undo };
        let Some(batch) = from.pop() else {
            self.message = Some(Message {
                text: self.s().nothing_to_undo.to_string(),
                tone: Tone::Info,
            });
            return;
        };
        let now = self.now_ms();
        let mut done = TimerBatch::new();
        let mut result = Ok(());
        for change in batch.iter().rev() {
            let before = self.session.state().timer(&change.board);
            let ops = if redo {
                vec![change.op]
            } else {
                TimerFacts::undo_ops(&change.before, change.op, now)
            };
            if let Err(e) = self.session.timer_ops(&change.board, &ops) {
                result = Err(e);
                break;
            }
            done.push(TimerChange {
                board: change.board.clone(),
                op: change.op,
                before: if redo { before } else { change.before },
            });
        }
        let flow = self.flow();
        if let Screen::Facilitator(f) = &mut self.screen {
            done.reverse();
            if redo {
                f.timer_undo.push(done);
            } else {
                f.timer_redo.push(done);
            }
        }
        let text = if redo { flow.timer_redone } else { flow.timer_undone };
        self.report(result.map(|()| text.to_string()));
    }

    /// Group timers of the current phase that are running.
    fn running_groups(&self) -> Vec<String> {
        self.groups()
            .iter()
            .filter(|b| self.session.state().timer(&b.id).is_running())
            .map(|b| b.id.clone())
            .collect()
    }

    /// Moves to the next (+1) or previous (-1) phase and says where.
    fn change_phase(&mut self, delta: i32) {
        let s = self.s();
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

    /// Stops the running group timers of the phase (facts in the log),
    /// tells everyone the phase is over, and moves on.
    fn close_phase(&mut self, delta: i32) {
        let now = self.now_ms();
        let running = self.running_groups();
        let title = self
            .session
            .state()
            .phase()
            .and_then(|p| self.session.plan().phase(p))
            .map(|p| p.title.clone())
            .unwrap_or_default();
        let stopped = self.timer_batch(&running, TimerCommand::Pause);
        let text = self.flow().phase_ended(&title);
        let said = self
            .session
            .broadcast_until(&text, None, Some(now + PHASE_END_BROADCAST_MS));
        if let Err(e) = stopped.and(said) {
            return self.report(Err(e));
        }
        self.change_phase(delta);
        let stopped = self.flow().timers_stopped(running.len());
        if let Some(m) = self.message.as_mut() {
            m.text = format!("{stopped} · {}", m.text);
        }
    }

    /// "End in 1 minute": every running group timer gets one minute left,
    /// and everyone is told so.
    fn closing_countdown(&mut self) {
        let now = self.now_ms();
        let mut batch = TimerBatch::new();
        let mut result = Ok(());
        for board in self.running_groups() {
            let before = self.session.state().timer(&board);
            let Some(delta_ms) = before.delta_to_leave(CLOSING_COUNTDOWN_MS, self.timer_now_ms(&board)) else {
                continue;
            };
            let op = TimerOp::Extend { delta_ms };
            if let Err(e) = self.session.timer_ops(&board, &[op]) {
                result = Err(e);
                break;
            }
            batch.push(TimerChange { board, op, before });
        }
        if let (false, Screen::Facilitator(f)) = (batch.is_empty(), &mut self.screen) {
            f.timer_undo.push(batch);
            f.timer_redo.clear();
        }
        let flow = self.flow();
        let result = result.and_then(|()| {
            self.session
                .broadcast_until(flow.one_minute_left, None, Some(now + CLOSING_BROADCAST_MS))
        });
        self.report(result.map(|()| flow.countdown_set.to_string()));
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

    /// The dialog text while leaving the phase waits for an answer.
    pub fn phase_confirm_text(&self) -> Option<String> {
        match &self.screen {
            Screen::Facilitator(f) if f.confirm_phase.is_some() => {
                Some(self.flow().confirm_phase_end(self.running_groups().len()))
            }
            _ => None,
        }
    }

    /// Acknowledges `board`'s signal, or the oldest pending one.
    fn acknowledge(&mut self, board: Option<String>) {
        let board = board.or_else(|| {
            self.session
                .state()
                .pending_signals()
                .first()
                .map(|(b, _)| b.to_string())
        });
        let Some(board) = board else {
            self.message = Some(Message {
                text: self.flow().no_signal.to_string(),
                tone: Tone::Info,
            });
            return;
        };
        let r = self.session.acknowledge_signal(&board).map(|_| String::new());
        self.report_quiet(r);
    }

    /// Sends the broadcast typed in the editor: to the chosen group or all;
    /// an empty text clears, a trailing ` /N` lets it expire after N minutes.
    pub(super) fn submit_broadcast(&mut self, input: Input, typed: &str) {
        let to = match &mut self.screen {
            Screen::Facilitator(f) => f.broadcast_to.take(),
            _ => None,
        };
        let (text, minutes) = split_expiry(typed);
        let until = minutes.map(|m| self.now_ms() + m * 60_000);
        let before = self.session.last_ticket();
        match self.session.broadcast_until(&text, to.as_deref(), until) {
            Ok(()) => {
                let flow = self.flow();
                let title = to
                    .as_deref()
                    .and_then(|b| self.session.plan().board(b))
                    .map(|b| b.title.clone());
                let said = match title {
                    _ if text.trim().is_empty() => flow.broadcast_cleared.to_string(),
                    Some(t) => flow.broadcast_sent_to(&t),
                    None => self.s().broadcast_sent.to_string(),
                };
                // In the views, "sent" waits for the fsync.
                if !self.await_save(before, input.kind.clone(), typed, None, said.clone()) {
                    self.report(Ok(said));
                }
            }
            Err(e) => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.broadcast_to = to;
                }
                self.keep_input(input, e);
            }
        }
    }

    /// The editor title of a broadcast: to all or to the selected group.
    pub fn broadcast_prompt(&self) -> &'static str {
        match &self.screen {
            Screen::Facilitator(f) if f.broadcast_to.is_some() => self.flow().broadcast_group_prompt,
            _ => self.flow().broadcast_all_prompt,
        }
    }

    /// Hides (or shows) note authors on the projector.
    pub fn set_authors_hidden(&mut self, hidden: bool) {
        if let Screen::Facilitator(f) = &mut self.screen {
            f.hide_authors = hidden;
        }
    }

    /// True when the projector hides note authors.
    pub fn authors_hidden(&self) -> bool {
        matches!(&self.screen, Screen::Facilitator(f) if f.hide_authors)
    }

    /// Takes this view's seat as the facilitator in the local state
    /// directory; when another facilitator view of the session is open on
    /// this computer, says so.
    pub fn claim_facilitator(&mut self, state_root: Result<std::path::PathBuf, Error>) {
        let claim = state_root.and_then(|root| claim_facilitator(&root, self.session.dir()));
        let notice = self.flow().second_facilitator;
        match (claim, &mut self.screen) {
            (Ok(Claim::Taken(seat)), Screen::Facilitator(f)) => f.seat = Some(std::sync::Arc::new(seat)),
            (Ok(Claim::Occupied), _) => {
                self.message = Some(Message {
                    text: notice.to_string(),
                    tone: Tone::Warning,
                });
            }
            // Without a state directory the view still works, unguarded.
            _ => {}
        }
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
