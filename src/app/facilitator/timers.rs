//! The facilitator's timers and phases: `+`/`-` amounts, bells, batches
//! of timer changes with their undo, and closing a phase with running
//! group timers.
use super::*;

impl App {
    /// After `+`/`-`, a digit within two seconds sets the amount (`+5`).
    pub(crate) fn amount_digit(&mut self, key: &KeyEvent) -> bool {
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
    pub(crate) fn extend_by(&mut self, minutes: i64) {
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

    pub(crate) fn check_bells(&mut self) {
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

    pub(crate) fn mark_already_over(&mut self) {
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

    pub(crate) fn timer_targets(&mut self) -> Vec<String> {
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

    /// Applies one timer command to each board and records what changed
    /// as one undoable step; returns how many timers changed.
    pub(crate) fn timer_batch(&mut self, boards: &[String], command: TimerCommand) -> Result<usize, Error> {
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
    pub(crate) fn undo_timer(&mut self, redo: bool) {
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
    pub(crate) fn running_groups(&self) -> Vec<String> {
        self.groups()
            .iter()
            .filter(|b| self.session.state().timer(&b.id).is_running())
            .map(|b| b.id.clone())
            .collect()
    }

    /// Moves to the next (+1) or previous (-1) phase and says where.
    pub(crate) fn change_phase(&mut self, delta: i32) {
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
    pub(crate) fn close_phase(&mut self, delta: i32) {
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
    pub(crate) fn closing_countdown(&mut self) {
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

    /// The dialog text while leaving the phase waits for an answer.
    pub fn phase_confirm_text(&self) -> Option<String> {
        match &self.screen {
            Screen::Facilitator(f) if f.confirm_phase.is_some() => {
                Some(self.flow().confirm_phase_end(self.running_groups().len()))
            }
            _ => None,
        }
    }
}
