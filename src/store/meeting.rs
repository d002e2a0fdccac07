//! Timers, phases, broadcasts and signals: the rules in `model::rules`
//! decide, the session appends.
use super::Session;
use crate::error::Result;
use crate::model::rules::{self, TimerCommand};
use crate::model::{Change, Signal, TimerOp};

impl Session {
    /// The boards a timer command without `--board` acts on: the boards of
    /// the current phase, or every board with a timer length.
    pub fn default_timer_boards(&self) -> Vec<String> {
        rules::default_timer_boards(self.replica.plan(), self.replica.state())
    }

    /// Applies a timer operation to one board; returns false if it changed nothing.
    pub fn timer(&mut self, board: &str, op: TimerCommand) -> Result<bool> {
        Ok(self.timer_step(board, op)?.is_some())
    }

    /// Applies a timer operation to one board; returns the operation
    /// written and the timer's facts just before it (for undo), or `None`
    /// if it changed nothing. Lengthening an idle timer lengthens its
    /// planned duration.
    pub fn timer_step(&mut self, board: &str, op: TimerCommand) -> Result<Option<(TimerOp, crate::model::TimerFacts)>> {
        let Some((op, facts)) = rules::timer_step(self.replica.plan(), self.replica.state(), board, op)? else {
            return Ok(None);
        };
        self.timer_ops(board, &[op])?;
        Ok(Some((op, facts)))
    }

    /// Applies one timer command to several boards as one fact (see
    /// [`rules::batch_steps`]); returns how many timers it names.
    pub fn timer_all(&mut self, boards: &[String], command: TimerCommand) -> Result<usize> {
        let steps = rules::batch_steps(self.replica.plan(), self.replica.state(), boards, command)?;
        let named = steps.len();
        if let Some(fact) = Change::timers(steps.into_iter().map(|(step, _)| step).collect()) {
            self.append(fact)?;
        }
        Ok(named)
    }

    /// Writes timer operations on one board as they are (undo, countdowns).
    pub fn timer_ops(&mut self, board: &str, ops: &[TimerOp]) -> Result<()> {
        rules::require_board(self.replica.plan(), board)?;
        for op in ops {
            self.append(Change::Timer {
                board: board.to_string(),
                op: *op,
            })?;
        }
        Ok(())
    }

    /// Sets the current agenda phase.
    pub fn set_phase(&mut self, phase: Option<&str>) -> Result<()> {
        match rules::set_phase(self.replica.plan(), self.replica.state(), phase)? {
            Some(change) => self.append(change),
            None => Ok(()),
        }
    }

    /// Moves to the next (+1) or previous (-1) agenda phase.
    pub fn step_phase(&mut self, delta: i32) -> Result<Option<String>> {
        let next = rules::phase_step(self.replica.plan(), self.replica.state(), delta)?;
        self.set_phase(next.as_deref())?;
        Ok(next)
    }

    /// Broadcasts a message to everyone or to one board; an empty text
    /// clears the message shown there.
    pub fn broadcast(&mut self, text: &str, board: Option<&str>) -> Result<()> {
        self.broadcast_until(text, board, None)
    }

    /// Broadcasts a message that is shown until wall time `until_ms` (if given).
    pub fn broadcast_until(&mut self, text: &str, board: Option<&str>, until_ms: Option<i64>) -> Result<()> {
        let change = rules::broadcast(self.replica.plan(), text, board, until_ms)?;
        self.append(change)
    }

    /// Sends a group's signal to the facilitator.
    pub fn signal(&mut self, board: &str, signal: Signal) -> Result<()> {
        let change = rules::signal(self.replica.plan(), board, signal)?;
        self.append(change)
    }

    /// Acknowledges a group's pending signal.
    pub fn acknowledge_signal(&mut self, board: &str) -> Result<bool> {
        let Some(change) = rules::acknowledge_signal(self.replica.state(), board) else {
            return Ok(false);
        };
        self.append(change)?;
        Ok(true)
    }
}
