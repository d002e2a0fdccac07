//! The clock and the folder as the views see them: ticks, refreshes after
//! changes on disk, clock jumps, clock skew and plan-conflict badges.
use super::*;

/// What a clock tick changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticked {
    /// Nothing on screen.
    Nothing,
    /// Only the clocks (the shown second moved).
    ClockOnly,
    /// More than the clocks: redraw everything.
    More,
}

impl App {
    /// The instant a board's timer is drawn for, in the clock of whoever
    /// wrote its facts: another host's clock that is more than a second
    /// off is corrected for, so every screen shows the same remaining time.
    pub fn timer_now_ms(&self, board: &str) -> i64 {
        let skew = self
            .session
            .state()
            .timer_writer(board)
            // Facts the log already placed (a clock off by a minute or
            // more) are in the log's time: drawing in the writer's clock
            // would correct them twice.
            .filter(|actor| !self.session.state().clocks_behind().iter().any(|(a, _)| a == *actor))
            .and_then(|actor| self.session.skew_of(actor))
            .filter(|s| s.abs() > 1000)
            .unwrap_or(0);
        // Whole seconds in the writer's clock, so both screens round alike.
        let there = self.now_ms() - skew;
        there - there.rem_euclid(1000)
    }

    /// A warning while a sync engine's conflict copy of the plan exists.
    pub fn plan_conflict_banner(&self) -> Option<String> {
        let copies = self.session.plan_conflicts();
        let first = copies.first()?.file_name()?.to_string_lossy().into_owned();
        Some(format!("⚠ {} {first} ({})", self.s().plan_conflict, copies.len()))
    }

    /// A badge when another writer's clock is more than two seconds off.
    pub fn skew_badge(&self) -> Option<String> {
        // A writer the log proves a minute or more off is named.
        if let Some(off) = self.session.clocks_off().first() {
            return Some(format!("⚠ {} {} {}", self.s().clock_skew, off.who(), off.offset_text()));
        }
        let skew = self.session.largest_skew().filter(|s| s.abs() > 2000)?;
        Some(format!("⚠ {} {:+.1} s", self.s().clock_skew, -(skew as f64) / 1000.0))
    }

    /// A wall time as local `HH:MM`.
    pub fn time_of_day(&self, ms: i64) -> String {
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&self.utc_offset).format("%H:%M").to_string())
            .unwrap_or_default()
    }

    pub(super) fn tick(&mut self) -> bool {
        self.tick_kind() != Ticked::Nothing
    }

    /// [`Action::Tick`], telling a tick that only moved the clocks apart
    /// from one that changed more (the folder, a fading or new message).
    pub fn tick_only(&mut self) -> Ticked {
        self.refresh_now();
        self.tick_kind()
    }

    fn tick_kind(&mut self) -> Ticked {
        let message_before = self.message.clone();
        self.check_clock_jump();
        let changed = self.refresh_on_tick && (self.refresh() | self.session.reload_plan());
        if changed {
            self.after_store_change();
        }
        self.check_bells();
        let faded = self.fade_message();
        let second = self.display_ms() / 1000;
        let clock_moved = second != self.last_second;
        self.last_second = second;
        if changed || faded || self.message != message_before {
            Ticked::More
        } else if clock_moved {
            Ticked::ClockOnly
        } else {
            Ticked::Nothing
        }
    }

    /// The views count with a steady clock; if the system clock steps away
    /// from it by more than two seconds, say so (once per step).
    pub(super) fn check_clock_jump(&mut self) {
        let Some(system) = &self.system_clock else { return };
        let jump_s = (system.now_ms() - self.now_ms()) / 1000;
        if jump_s.abs() > 2 && (jump_s - self.reported_jump_s).abs() > 2 {
            self.reported_jump_s = jump_s;
            self.message = Some(Message {
                text: format!("{} {jump_s:+} s", self.s().clock_jumped),
                tone: Tone::Warning,
            });
        } else if jump_s.abs() <= 2 {
            self.reported_jump_s = 0;
        }
    }

    pub(super) fn refresh(&mut self) -> bool {
        match self.session.refresh() {
            Ok(changed) => {
                let stale = self.refresh_error.take();
                let showing_it = stale.is_some() && self.message.as_ref().map(|m| &m.text) == stale.as_ref();
                if showing_it {
                    self.message = None;
                }
                let replaced = self.session.take_replaced();
                if let Some(text) = replaced.first().and_then(|id| self.session.state().note(id)) {
                    self.message = Some(Message {
                        text: format!(
                            "{} «{}»",
                            self.s().edit_replaced,
                            text.text.lines().next().unwrap_or_default()
                        ),
                        tone: Tone::Warning,
                    });
                }
                changed || showing_it || !replaced.is_empty()
            }
            Err(e) => {
                let text = e.to_string();
                self.refresh_error = Some(text.clone());
                self.message = Some(Message {
                    text,
                    tone: Tone::Error,
                });
                true
            }
        }
    }
}
