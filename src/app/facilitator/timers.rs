//! The facilitator's timers and phases: `+`/`-` amounts, bells, batches
//! of timer changes with their undo, and closing a phase with running
//! group timers.
use ratatui::crossterm::event::KeyEvent;

use crate::app::Effect;
use crate::app::facilitator::{Facilitator, TimerBatch, TimerChange, groups, running_groups};
use crate::app::keys;
use crate::app::shared::Shared;
use crate::error::Error;
use crate::model::facilitation::{CLOSING_BROADCAST_MS, CLOSING_COUNTDOWN_MS, PHASE_END_BROADCAST_MS};

/// More time left than this when the breakouts close is worth naming.
const LONG_LEFT_MS: i64 = 5 * 60_000;
use crate::model::rules;
use crate::model::{Change, TimerCommand, TimerFacts, TimerOp, TimerState, TimerStep};

impl Facilitator {
    /// After `+`/`-`, a digit within two seconds sets the amount (`+5`).
    pub(crate) fn amount_digit(&mut self, sh: &mut Shared, key: &KeyEvent) -> bool {
        let Some((_, _, at)) = self.pending_amount else {
            return false;
        };
        match keys::lookup(keys::AMOUNT, key) {
            Some(crate::app::Action::ExtendBy(minutes)) if sh.now_ms() - at < 2000 => {
                self.extend_by(sh, minutes);
                true
            }
            _ => {
                self.pending_amount = None;
                false
            }
        }
    }

    /// A digit N after `+`/`-`: the change becomes N minutes in all.
    pub(crate) fn extend_by(&mut self, sh: &mut Shared, minutes: i64) {
        let Some((sign, boards, _)) = self.pending_amount.take() else {
            return;
        };
        let extra = sign * (minutes - 1);
        if extra != 0 {
            let result = self.timer_batch(sh, &boards, TimerCommand::Extend(extra * 60_000));
            let text = sh
                .flow()
                .time_changed(sign * minutes, &super::timer_target(sh, &boards));
            sh.report(result.map(|_| text));
        }
    }

    /// A group that reached zero, or a new signal, rings the bell (once).
    pub(crate) fn check_bells(&mut self, sh: &mut Shared) {
        let now = sh.display_ms();
        let mut ring = false;
        for board in groups(sh) {
            let over = sh.state().timer(&board.id).state(now) == TimerState::Over;
            if over {
                ring |= self.rung.insert(board.id.clone());
            } else {
                self.rung.remove(&board.id);
            }
        }
        for (board, signal) in sh.state().pending_signals() {
            ring |= self.announced.insert((board.to_string(), signal.wall_ms));
        }
        if ring && sh.config.bell_enabled {
            sh.effect(Effect::Bell);
        }
    }

    /// Groups over when the view opens (or the phase changes) are not rung for.
    pub(crate) fn mark_already_over(&mut self, sh: &Shared) {
        let over = groups(sh)
            .into_iter()
            .filter(|b| sh.state().timer(&b.id).state(sh.timer_now_ms(&b.id)) == TimerState::Over)
            .map(|b| b.id.clone());
        self.rung.extend(over);
    }

    /// The boards a `+`/`-` acts on: all groups after `a`, else the selected one.
    pub(crate) fn timer_targets(&mut self, sh: &Shared) -> Vec<String> {
        if std::mem::take(&mut self.all_armed) {
            groups(sh).iter().map(|b| b.id.clone()).collect()
        } else {
            self.selected_board(sh).into_iter().collect()
        }
    }

    /// Applies one timer command to each board as one fact, recorded as
    /// one undoable step; returns how many timers it names.
    pub(crate) fn timer_batch(
        &mut self,
        sh: &mut Shared,
        boards: &[String],
        command: TimerCommand,
    ) -> Result<usize, Error> {
        let batch = rules::batch_steps(sh.plan(), sh.state(), boards, command)?
            .into_iter()
            .map(|(step, before)| TimerChange {
                board: step.board,
                op: step.op,
                before,
            })
            .collect();
        Ok(self.write_batch(sh, batch))
    }

    /// Writes a batch of timer changes as one fact and makes it undoable.
    fn write_batch(&mut self, sh: &mut Shared, batch: TimerBatch) -> usize {
        let steps = batch.iter().map(|c| step(&c.board, c.op)).collect();
        let Some(fact) = Change::timers(steps) else {
            return 0;
        };
        sh.write(vec![fact]);
        let changed = batch.len();
        self.timer_undo.push(batch);
        self.timer_redo.clear();
        changed
    }

    /// `u`/Ctrl-r in the grid: undo or redo this view's last timer change.
    pub(crate) fn undo_timer(&mut self, sh: &mut Shared, redo: bool) {
        let from = if redo {
            &mut self.timer_redo
        } else {
            &mut self.timer_undo
        };
        let Some(batch) = from.pop() else {
            return sh.report(Ok(sh.s().nothing_to_undo.to_string()));
        };
        let now = sh.now_ms();
        let mut done = TimerBatch::new();
        let mut steps = Vec::new();
        for change in batch.iter().rev() {
            let before = sh.state().timer(&change.board);
            let ops = if redo {
                vec![change.op]
            } else {
                TimerFacts::undo_ops(&change.before, change.op, now)
            };
            steps.extend(ops.into_iter().map(|op| step(&change.board, op)));
            done.push(TimerChange {
                board: change.board.clone(),
                op: change.op,
                before: if redo { before } else { change.before },
            });
        }
        // The whole undo is one fact, as the batch it undoes was.
        if let Some(fact) = Change::timers(steps) {
            sh.write(vec![fact]);
        }
        done.reverse();
        if redo {
            self.timer_undo.push(done);
        } else {
            self.timer_redo.push(done);
        }
        let flow = sh.flow();
        let text = if redo { flow.timer_redone } else { flow.timer_undone };
        sh.report(Ok(text.to_string()));
    }

    /// Moves to the next (+1) or previous (-1) phase and says where.
    pub(crate) fn change_phase(&mut self, sh: &mut Shared, delta: i32) {
        let s = sh.s();
        let r = rules::phase_step(sh.plan(), sh.state(), delta).and_then(|next| {
            let change = rules::set_phase(sh.plan(), sh.state(), next.as_deref())?;
            Ok((next, change))
        });
        match r {
            Ok((next, change)) => {
                let title = next
                    .as_deref()
                    .and_then(|p| sh.plan().phase(p))
                    .map(|p| p.title.clone());
                if let Some(change) = change {
                    sh.write(vec![change]);
                }
                let text = format!("{}: {}", s.phase, title.unwrap_or_else(|| s.no_phase.to_string()));
                sh.report(Ok(text));
            }
            Err(e) => sh.report(Err(e.into())),
        }
        self.selected = 0;
        self.rung.clear();
        self.mark_already_over(sh);
    }

    /// Stops the running group timers of the phase (facts in the log),
    /// tells everyone the phase is over, and moves on.
    pub(crate) fn close_phase(&mut self, sh: &mut Shared, delta: i32) {
        let now = sh.now_ms();
        let running = running_groups(sh);
        let title = sh
            .state()
            .phase()
            .and_then(|p| sh.plan().phase(p))
            .map(|p| p.title.clone())
            .unwrap_or_default();
        let text = sh.flow().phase_ended(&title);
        // Shown in the phase that follows, until the one after it.
        let next = rules::phase_step(sh.plan(), sh.state(), delta).ok().flatten();
        let said = rules::phase_broadcast(sh.plan(), &text, now + PHASE_END_BROADCAST_MS, next);
        // Every group is paused, not only those running here: a start given
        // on another laptop at this moment cannot leave one group running.
        let all: Vec<String> = groups(sh).iter().map(|b| b.id.clone()).collect();
        let stopped = self.timer_batch(sh, &all, TimerCommand::Pause);
        match (stopped, said) {
            (Ok(_), Ok(change)) => {
                sh.write(vec![change]);
            }
            (Err(e), _) => return sh.report(Err(e)),
            (_, Err(e)) => return sh.report(Err(e.into())),
        }
        self.change_phase(sh, delta);
        let stopped = sh.flow().timers_stopped(running.len());
        if let Some(m) = sh.message.as_mut() {
            m.text = format!("{stopped} · {}", m.text);
        }
    }

    /// "End in 1 minute": every running group timer gets one minute left,
    /// and everyone is told so.
    pub(crate) fn closing_countdown(&mut self, sh: &mut Shared) {
        let now = sh.now_ms();
        let long: Vec<String> = long_left(sh)
            .into_iter()
            .map(|(board, minutes)| format!("{} – {minutes} min", super::group_label(sh, &board)))
            .collect();
        let mut batch = TimerBatch::new();
        for board in running_groups(sh) {
            let before = sh.state().timer(&board);
            let Some(delta_ms) = before.delta_to_leave(CLOSING_COUNTDOWN_MS, sh.timer_now_ms(&board)) else {
                continue;
            };
            batch.push(TimerChange {
                board,
                op: TimerOp::Extend { delta_ms },
                before,
            });
        }
        self.write_batch(sh, batch);
        let flow = sh.flow();
        let phase = sh.state().phase().map(str::to_string);
        let result = rules::phase_broadcast(sh.plan(), flow.one_minute_left, now + CLOSING_BROADCAST_MS, phase);
        match result {
            Ok(change) => {
                sh.write(vec![change]);
                sh.report(Ok(flow.countdown_done(&long)));
            }
            Err(e) => sh.report(Err(e.into())),
        }
    }

    /// The dialog text while leaving the phase waits for an answer.
    pub fn phase_confirm_text(&self, sh: &Shared) -> Option<String> {
        self.confirm_phase.map(|_| {
            sh.flow()
                .confirm_phase_end(running_groups(sh).len(), &long_left_lines(sh))
        })
    }
}

/// The dialog's lines of groups with more than five minutes left:
/// "2 Wasser (9 min)", numbered as on the tiles.
fn long_left_lines(sh: &Shared) -> Vec<String> {
    let groups = groups(sh);
    long_left(sh)
        .into_iter()
        .filter_map(|(board, minutes)| {
            let at = groups.iter().position(|b| b.id == board)?;
            Some(format!("{} {} ({minutes} min)", at + 1, groups[at].title))
        })
        .collect()
}

/// Running group timers with more than five minutes left: (board, whole
/// minutes left, rounded up).
fn long_left(sh: &Shared) -> Vec<(String, i64)> {
    running_groups(sh)
        .into_iter()
        .filter_map(|board| {
            let left = sh.state().timer(&board).remaining_ms(sh.timer_now_ms(&board));
            (left > LONG_LEFT_MS).then(|| (board, (left + 59_999) / 60_000))
        })
        .collect()
}

/// A timer operation on `board` as one step of a fact.
fn step(board: &str, op: TimerOp) -> TimerStep {
    TimerStep {
        board: board.to_string(),
        op,
    }
}
