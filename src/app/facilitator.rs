//! The facilitator's projector view: its state (grid, present, merged),
//! its timer and phase commands, and the queries its screen draws from.
use super::*;

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
        });
        let mut app = App::new(session, lang, screen);
        app.mark_already_over();
        app
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
            let result = boards
                .iter()
                .try_for_each(|b| self.session.timer(b, TimerCommand::Extend(extra * 60_000)).map(|_| ()));
            let text = format!("{} {:+} min", self.s().extended, sign * minutes);
            self.report(result.map(|()| text));
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
            Action::ExtendBy(minutes) => self.extend_by(minutes),
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
