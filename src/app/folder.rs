//! The clock and the folder as the views see them: the time each action
//! arrives with, clock jumps, ticks, and what a look at the folder brought
//! (others' events, a changed plan, conflict copies, clock differences).
use crate::app::Effect;
use crate::app::shared::{Shared, Tone};
use crate::app::transient::Ticked;
use crate::model::FolderNews;

impl Shared {
    /// `Clock`: the time of what follows; if the system clock stepped away
    /// from the steady clock by more than two seconds, say so (once per step).
    pub(crate) fn clock(&mut self, now_ms: i64, system_ms: Option<i64>) {
        self.now_ms = now_ms;
        let Some(system) = system_ms else { return };
        let jump_s = (system - now_ms) / 1000;
        if jump_s.abs() > 2 && (jump_s - self.reported_jump_s).abs() > 2 {
            self.reported_jump_s = jump_s;
            let text = format!("{} {jump_s:+} s", self.s().clock_jumped);
            self.say(text, Tone::Warning);
        } else if jump_s.abs() <= 2 {
            self.reported_jump_s = 0;
        }
    }

    /// `Tick`, the part every view shares: look at the folder (unless the
    /// runtime does), fade messages; whether the shown second moved.
    pub(crate) fn tick(&mut self) -> bool {
        if self.config.refresh_on_tick {
            self.effect(Effect::ReadFolder);
        }
        let second = self.display_ms() / 1000;
        let moved = second != self.transient.last_second;
        self.transient.last_second = second;
        moved
    }

    /// Sums up a tick: what it changed on screen.
    pub(crate) fn ticked(&mut self, message_before: Option<crate::app::Message>, clock_moved: bool) {
        let faded = self.fade_message();
        self.transient.ticked = if faded || self.message != message_before {
            Ticked::More
        } else if clock_moved {
            Ticked::ClockOnly
        } else {
            Ticked::Nothing
        };
    }

    /// `FolderChanged`: applies what the folder brought.
    pub(crate) fn folder_changed(&mut self, news: FolderNews) {
        if let Some(stale) = self.refresh_error.take() {
            if self.message.as_ref().is_some_and(|m| m.text == stale) {
                self.message = None;
            }
        }
        if news.reset {
            self.replica.clear_state();
        }
        let events = news.events.len();
        self.replica.apply_read(news.events, Some(news.read_at));
        if let Some(plan) = news.plan {
            self.replica.set_plan(plan);
        }
        self.plan_conflicts = news.plan_conflicts;
        self.skews = news.skews;
        if events > 0 {
            self.notice_replaced_texts();
        }
    }

    /// `FolderUnreadable`: the error stays on screen until a good read.
    pub(crate) fn folder_unreadable(&mut self, text: String) {
        self.refresh_error = Some(text.clone());
        self.say(text, Tone::Error);
    }
}
