//! Signals and broadcasts on the facilitator's side.
use crate::app::editor::Input;
use crate::app::facilitator::Facilitator;
use crate::app::shared::Shared;
use crate::model::facilitation::split_expiry;
use crate::model::rules;

impl Facilitator {
    /// Signals pending when the view opens are shown, not rung for.
    pub(crate) fn mark_signals_announced(&mut self, sh: &Shared) {
        let pending = sh.state().pending_signals();
        self.announced
            .extend(pending.into_iter().map(|(b, s)| (b.to_string(), s.wall_ms)));
    }

    /// Sends the broadcast typed in the editor: to the chosen group or all;
    /// an empty text clears, a trailing ` /N` lets it expire after N minutes.
    pub(crate) fn submit_broadcast(&mut self, sh: &mut Shared, input: Input, typed: &str) {
        let to = self.broadcast_to.take();
        let (text, minutes) = split_expiry(typed);
        let until = minutes.map(|m| sh.now_ms() + m * 60_000);
        match rules::broadcast(sh.plan(), &text, to.as_deref(), until) {
            Ok(change) => {
                let flow = sh.flow();
                let title = to.as_deref().map(|b| super::group_label(sh, b));
                let said = match title {
                    _ if text.trim().is_empty() => flow.broadcast_cleared.to_string(),
                    Some(t) => flow.broadcast_sent_to(&t),
                    None => sh.s().broadcast_sent.to_string(),
                };
                let ticket = sh.write(vec![change]);
                // "Sent" waits for the fsync.
                sh.await_save(ticket, input.kind, typed, None, said);
            }
            Err(e) => {
                self.broadcast_to = to;
                sh.keep_input(input, e.into());
            }
        }
    }

    /// The editor title of a broadcast: to all, or to the chosen group by name.
    pub fn broadcast_prompt(&self, sh: &Shared) -> String {
        match &self.broadcast_to {
            Some(board) => sh.flow().broadcast_group_prompt(&super::group_label(sh, board)),
            None => sh.flow().broadcast_all_prompt.to_string(),
        }
    }
}
