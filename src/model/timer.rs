//! Breakout timers as facts: a timer is the fold of its start, pause,
//! resume, extend and reset events; remaining time is computed against a
//! clock reading, so every process shows the same value.
use serde::{Deserialize, Serialize};

use super::event::TimerOp;
use super::event::limits::MAX_DURATION_MS;

/// What a timer is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimerState {
    /// Not started (or reset).
    Idle,
    /// Counting down.
    Running,
    /// Stopped with time left.
    Paused,
    /// Running past zero (counts up).
    Over,
}

/// The folded facts of one timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimerFacts {
    /// Length including extensions, in ms. `None` while idle.
    total_ms: Option<i64>,
    /// Running time accumulated before the current run.
    elapsed_ms: i64,
    /// Wall time the current run began, if running.
    running_since: Option<i64>,
    /// Effective time of the latest operation: operations are folded in log
    /// order, and one stamped earlier than its predecessor (a writer whose
    /// clock is behind) counts as made at the predecessor's time.
    last_at: Option<i64>,
    /// Minutes added (or removed) while idle: they lengthen the planned
    /// duration and count once the timer starts.
    planned_extra_ms: i64,
}

impl TimerFacts {
    /// Applies one operation made at wall time `at_ms`. Lengths are kept
    /// within 0..=24 h and all arithmetic saturates, so no value read from
    /// a log can overflow.
    pub fn apply(&mut self, op: TimerOp, at_ms: i64) {
        let at_ms = self.last_at.map_or(at_ms, |last| at_ms.max(last));
        self.last_at = Some(at_ms);
        match op {
            TimerOp::Start { duration_ms } => match self.total_ms {
                None => {
                    let total = duration_ms
                        .clamp(0, MAX_DURATION_MS)
                        .saturating_add(self.planned_extra_ms);
                    *self = TimerFacts {
                        total_ms: Some(total.clamp(0, MAX_DURATION_MS)),
                        elapsed_ms: 0,
                        running_since: Some(at_ms),
                        last_at: Some(at_ms),
                        planned_extra_ms: 0,
                    }
                }
                Some(_) if self.running_since.is_none() => self.running_since = Some(at_ms),
                Some(_) => {}
            },
            TimerOp::Pause => {
                if let Some(since) = self.running_since.take() {
                    self.elapsed_ms = self.elapsed_ms.saturating_add(at_ms.saturating_sub(since).max(0));
                }
            }
            TimerOp::Resume => {
                if self.total_ms.is_some() && self.running_since.is_none() {
                    self.running_since = Some(at_ms);
                }
            }
            TimerOp::Extend { delta_ms } => match self.total_ms.as_mut() {
                Some(total) => *total = total.saturating_add(delta_ms).clamp(0, MAX_DURATION_MS),
                None => {
                    self.planned_extra_ms = self
                        .planned_extra_ms
                        .saturating_add(delta_ms)
                        .clamp(-MAX_DURATION_MS, MAX_DURATION_MS)
                }
            },
            TimerOp::Reset => {
                *self = TimerFacts {
                    last_at: Some(at_ms),
                    ..TimerFacts::default()
                }
            }
        }
    }

    /// When the latest operation counts as made (after placing it in order).
    pub fn last_at(&self) -> Option<i64> {
        self.last_at
    }

    /// True once started and not reset.
    pub fn is_started(&self) -> bool {
        self.total_ms.is_some()
    }

    /// Minutes added (negative: removed) to the planned length while idle, in ms.
    pub fn planned_extra_ms(&self) -> i64 {
        self.planned_extra_ms
    }

    /// The operations that undo `op`, which was applied to `before` (the
    /// facts just before it) — computed at `now_ms`. A reset is undone by
    /// starting again with the time that was left, paused if it was.
    pub fn undo_ops(before: &TimerFacts, op: TimerOp, now_ms: i64) -> Vec<TimerOp> {
        match op {
            TimerOp::Extend { delta_ms } => vec![TimerOp::Extend {
                delta_ms: delta_ms.saturating_neg(),
            }],
            // Operations that changed nothing need nothing undone.
            TimerOp::Pause if !before.is_running() => Vec::new(),
            TimerOp::Start { .. } | TimerOp::Resume if before.is_running() => Vec::new(),
            TimerOp::Resume if !before.is_started() => Vec::new(),
            TimerOp::Pause => vec![TimerOp::Resume],
            TimerOp::Resume => vec![TimerOp::Pause],
            TimerOp::Start { .. } if before.is_started() => vec![TimerOp::Pause],
            TimerOp::Start { .. } => {
                let mut ops = vec![TimerOp::Reset];
                if before.planned_extra_ms != 0 {
                    ops.push(TimerOp::Extend {
                        delta_ms: before.planned_extra_ms,
                    });
                }
                ops
            }
            TimerOp::Reset => before.restore_ops(now_ms),
        }
    }

    /// Operations that bring an idle timer back to these facts' remaining
    /// time and running state at `now_ms`.
    fn restore_ops(&self, now_ms: i64) -> Vec<TimerOp> {
        if !self.is_started() {
            return Vec::new();
        }
        let mut ops = vec![TimerOp::Start {
            duration_ms: self.remaining_ms(now_ms).max(0),
        }];
        if !self.is_running() {
            ops.push(TimerOp::Pause);
        }
        ops
    }

    /// The extension that leaves exactly `left_ms` on a running timer at
    /// `now_ms` (Zoom's "close all rooms" countdown); `None` unless it runs.
    pub fn delta_to_leave(&self, left_ms: i64, now_ms: i64) -> Option<i64> {
        self.is_running().then(|| left_ms - self.remaining_ms(now_ms))
    }

    /// True while the clock runs.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Length including extensions, in ms (0 while idle).
    pub fn total_ms(&self) -> i64 {
        self.total_ms.unwrap_or(0)
    }

    /// Running time so far at wall time `now_ms`.
    pub fn elapsed_ms(&self, now_ms: i64) -> i64 {
        let running = self
            .running_since
            .map_or(0, |since| now_ms.saturating_sub(since).max(0));
        self.elapsed_ms.saturating_add(running)
    }

    /// Remaining ms at `now_ms`; negative when over time, by at most 24 h.
    pub fn remaining_ms(&self, now_ms: i64) -> i64 {
        self.total_ms()
            .saturating_sub(self.elapsed_ms(now_ms))
            .max(-MAX_DURATION_MS)
    }

    /// The state at `now_ms`.
    pub fn state(&self, now_ms: i64) -> TimerState {
        match (self.total_ms, self.running_since) {
            (None, _) => TimerState::Idle,
            (Some(_), None) => TimerState::Paused,
            (Some(_), Some(_)) if self.remaining_ms(now_ms) < 0 => TimerState::Over,
            (Some(_), Some(_)) => TimerState::Running,
        }
    }
}

/// Whole seconds for display: rounds remaining time up, so a timer shows
/// 0:00 exactly when it runs out.
pub fn display_seconds(remaining_ms: i64) -> i64 {
    if remaining_ms >= 0 {
        remaining_ms.saturating_add(999) / 1000
    } else {
        remaining_ms / 1000
    }
}

/// `M:SS` (or `-M:SS` over time).
pub fn format_clock(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn start_pause_resume_extend() {
        let mut t = TimerFacts::default();
        assert_eq!(t.state(0), TimerState::Idle);
        t.apply(TimerOp::Start { duration_ms: 45 * MIN }, 0);
        assert_eq!(t.remaining_ms(10 * MIN), 35 * MIN);
        t.apply(TimerOp::Pause, 10 * MIN);
        assert_eq!(t.state(20 * MIN), TimerState::Paused);
        assert_eq!(t.remaining_ms(20 * MIN), 35 * MIN);
        t.apply(TimerOp::Resume, 20 * MIN);
        t.apply(TimerOp::Extend { delta_ms: 5 * MIN }, 20 * MIN);
        assert_eq!(t.remaining_ms(30 * MIN), 30 * MIN);
        assert_eq!(t.state(61 * MIN), TimerState::Over);
        assert_eq!(t.remaining_ms(61 * MIN), -MIN);
        t.apply(TimerOp::Reset, 62 * MIN);
        assert_eq!(t.state(62 * MIN), TimerState::Idle);
    }

    #[test]
    fn second_start_resumes_instead_of_restarting() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Start { duration_ms: 10 * MIN }, 0);
        t.apply(TimerOp::Start { duration_ms: 10 * MIN }, 5 * MIN);
        assert_eq!(t.remaining_ms(5 * MIN), 5 * MIN);
    }

    #[test]
    fn clock_jump_backwards_never_adds_time_past_the_total() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Start { duration_ms: 10 * MIN }, 100 * MIN);
        assert_eq!(t.remaining_ms(90 * MIN), 10 * MIN);
    }

    #[test]
    fn huge_extensions_and_lengths_never_overflow() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Start { duration_ms: 45 * MIN }, 0);
        t.apply(TimerOp::Extend { delta_ms: i64::MAX }, 0);
        assert!(t.remaining_ms(0) > 45 * MIN, "extending shortened the timer");
        t.apply(TimerOp::Extend { delta_ms: i64::MAX }, 0);
        assert!(t.remaining_ms(0) > 0);
        assert_eq!(t.remaining_ms(0), MAX_DURATION_MS);
        let mut crafted = TimerFacts::default();
        crafted.apply(TimerOp::Start { duration_ms: i64::MAX }, i64::MIN);
        let shown = format_clock(display_seconds(crafted.remaining_ms(i64::MAX)));
        assert_eq!(shown, "-1440:00");
        assert_eq!(format_clock(i64::MIN), "-153722867280912930:08");
    }

    #[test]
    fn an_operation_stamped_before_its_predecessor_counts_at_its_time() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Start { duration_ms: 10 * MIN }, 60 * MIN);
        t.apply(TimerOp::Pause, 0);
        assert_eq!(t.remaining_ms(90 * MIN), 10 * MIN);
    }

    #[test]
    fn extending_an_idle_timer_lengthens_the_planned_duration() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Extend { delta_ms: 5 * MIN }, 0);
        assert_eq!(t.state(0), TimerState::Idle);
        assert_eq!(t.planned_extra_ms(), 5 * MIN);
        t.apply(TimerOp::Start { duration_ms: 45 * MIN }, 0);
        assert_eq!(t.remaining_ms(0), 50 * MIN);
        t.apply(TimerOp::Reset, MIN);
        assert_eq!(t.planned_extra_ms(), 0, "a reset forgets the extra minutes");
    }

    #[test]
    fn every_operation_has_an_undo_that_restores_the_remaining_time() {
        let ops = [
            TimerOp::Start { duration_ms: 45 * MIN },
            TimerOp::Extend { delta_ms: 3 * MIN },
            TimerOp::Pause,
            TimerOp::Resume,
            TimerOp::Reset,
        ];
        for running in [true, false] {
            for op in ops {
                let mut t = TimerFacts::default();
                t.apply(TimerOp::Start { duration_ms: 45 * MIN }, 0);
                if !running {
                    t.apply(TimerOp::Pause, 5 * MIN);
                }
                let before = t;
                t.apply(op, 10 * MIN);
                for undo in TimerFacts::undo_ops(&before, op, 10 * MIN) {
                    t.apply(undo, 10 * MIN);
                }
                assert_eq!(
                    t.remaining_ms(20 * MIN),
                    before.remaining_ms(20 * MIN),
                    "{op:?}, running {running}"
                );
                assert_eq!(t.is_running(), before.is_running(), "{op:?}, running {running}");
            }
        }
    }

    #[test]
    fn one_minute_left_for_a_running_or_overrun_timer() {
        let mut t = TimerFacts::default();
        t.apply(TimerOp::Start { duration_ms: 10 * MIN }, 0);
        let d = t.delta_to_leave(MIN, 12 * MIN).unwrap();
        t.apply(TimerOp::Extend { delta_ms: d }, 12 * MIN);
        assert_eq!(t.remaining_ms(12 * MIN), MIN);
        t.apply(TimerOp::Pause, 12 * MIN);
        assert_eq!(t.delta_to_leave(MIN, 12 * MIN), None);
    }

    #[test]
    fn display_rounds_towards_the_deadline() {
        assert_eq!(display_seconds(59_001), 60);
        assert_eq!(display_seconds(0), 0);
        assert_eq!(display_seconds(-1_500), -1);
        assert_eq!(format_clock(-61), "-1:01");
        assert_eq!(format_clock(2700), "45:00");
    }
}
