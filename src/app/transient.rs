//! State that lives between key presses and clock ticks but belongs to no
//! view: the first `g` of `gg`, the scroll position of the `?` overlay,
//! when the status message appeared (so success and info messages fade),
//! and what the last tick changed.
use crate::app::Action;
use crate::app::shared::{Shared, Tone};

/// What a clock tick changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ticked {
    /// Nothing on screen.
    #[default]
    Nothing,
    /// Only the clocks (the shown second moved).
    ClockOnly,
    /// More than the clocks: redraw everything.
    More,
}

/// How long a success or info message stays on screen.
pub const MESSAGE_FADE_MS: i64 = 4000;

/// Key and message state between events.
#[derive(Debug, Clone, Default)]
pub struct Transient {
    /// A `g` was pressed; a second one jumps to the top.
    pub pending_g: bool,
    /// The first help entry shown in the `?` overlay.
    pub help_scroll: usize,
    /// The status message's text and the time it was first seen.
    message_since: Option<(String, i64)>,
    /// The whole second the clocks were last drawn for.
    pub last_second: i64,
    /// What the last [`Action::Tick`] changed.
    pub ticked: Ticked,
}

impl Shared {
    /// `gg`: the first `g` only waits for the second; any other key ends
    /// the wait. Returns true when the key is used up by waiting.
    pub(crate) fn wait_for_second_g(&mut self, action: Option<&Action>, is_g: bool) -> bool {
        let second = std::mem::take(&mut self.transient.pending_g);
        if action == Some(&Action::CursorTop) && is_g && !second {
            self.transient.pending_g = true;
            return true;
        }
        false
    }

    /// Scrolls the `?` overlay by `delta` entries, within `entries`.
    pub(crate) fn scroll_help(&mut self, delta: isize, entries: usize) {
        let at = self.transient.help_scroll.saturating_add_signed(delta);
        self.transient.help_scroll = at.min(entries.saturating_sub(1));
    }

    /// Notes when the status message changed (call after each event).
    pub(crate) fn stamp_message(&mut self) {
        let now = self.now_ms();
        let seen = &self.transient.message_since;
        match &self.message {
            Some(m) if seen.as_ref().is_some_and(|(t, _)| *t == m.text) => {}
            Some(m) => self.transient.message_since = Some((m.text.clone(), now)),
            None => self.transient.message_since = None,
        }
    }

    /// Clears a success or info message shown for [`MESSAGE_FADE_MS`];
    /// warnings and errors stay. Returns true when it cleared one.
    pub(crate) fn fade_message(&mut self) -> bool {
        self.stamp_message();
        let now = self.now_ms();
        let fades = self
            .message
            .as_ref()
            .is_some_and(|m| matches!(m.tone, Tone::Success | Tone::Info));
        let old = self
            .transient
            .message_since
            .as_ref()
            .is_some_and(|(_, since)| now - since >= MESSAGE_FADE_MS);
        if fades && old {
            self.message = None;
            self.transient.message_since = None;
        }
        fades && old
    }
}
