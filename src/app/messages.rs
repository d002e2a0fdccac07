//! The message stack: what the status lines show, most important first
//! (error, warning, success, info). Each message ends its own way: the
//! status message of the last action is replaced by the next one, and a
//! success or info message fades after [`MESSAGE_FADE_MS`]; the plan
//! conflict stays while its conflict copy exists; a standing notice (a
//! second facilitator view, drafts that cannot be kept) stays until `x`
//! puts it away.
//!
//! [`MESSAGE_FADE_MS`]: crate::app::transient::MESSAGE_FADE_MS
use crate::app::shared::{Message, Shared, Tone};

impl Shared {
    /// Shows a notice that stays until dismissed: a condition whose end
    /// the view cannot see. The same text is shown once.
    pub(crate) fn notice(&mut self, text: impl Into<String>, tone: Tone) {
        let text = text.into();
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Message { text, tone });
        }
    }

    /// `x`: puts away the standing notices and the status message; what
    /// has a cause on screen (a plan conflict) stays until it is settled.
    pub(crate) fn dismiss(&mut self) {
        self.notices.clear();
        self.message = None;
    }

    /// Every message in force, most important first; of equal tone, the
    /// last action's message, then the plan conflict, then notices.
    pub fn messages(&self) -> Vec<Message> {
        let mut all: Vec<Message> = Vec::new();
        all.extend(self.message.clone());
        if let Some(text) = self.plan_conflict_banner() {
            all.push(Message {
                text,
                tone: Tone::Warning,
            });
        }
        for n in &self.notices {
            if !all.iter().any(|m| m.text == n.text) {
                all.push(n.clone());
            }
        }
        all.sort_by_key(|m| std::cmp::Reverse(rank(m.tone)));
        all
    }
}

/// How much a tone matters: an error above a warning above the rest.
fn rank(tone: Tone) -> u8 {
    match tone {
        Tone::Error => 3,
        Tone::Warning => 2,
        Tone::Success => 1,
        Tone::Info => 0,
    }
}
