//! Signals and broadcasts on the facilitator's side, hiding authors, and
//! the notice when a second facilitator view opens.
use super::*;

impl App {
    /// Signals pending when the view opens are shown, not rung for.
    pub(crate) fn mark_signals_announced(&mut self) {
        let pending: Vec<(String, i64)> = self
            .session
            .state()
            .pending_signals()
            .into_iter()
            .map(|(b, s)| (b.to_string(), s.wall_ms))
            .collect();
        if let Screen::Facilitator(f) = &mut self.screen {
            f.announced.extend(pending);
        }
    }

    /// Acknowledges `board`'s signal, or the oldest pending one.
    pub(crate) fn acknowledge(&mut self, board: Option<String>) {
        let board = board.or_else(|| {
            self.session
                .state()
                .pending_signals()
                .first()
                .map(|(b, _)| b.to_string())
        });
        let Some(board) = board else {
            self.message = Some(Message {
                text: self.flow().no_signal.to_string(),
                tone: Tone::Info,
            });
            return;
        };
        let r = self.session.acknowledge_signal(&board).map(|_| String::new());
        self.report_quiet(r);
    }

    /// Sends the broadcast typed in the editor: to the chosen group or all;
    /// an empty text clears, a trailing ` /N` lets it expire after N minutes.
    pub(crate) fn submit_broadcast(&mut self, input: Input, typed: &str) {
        let to = match &mut self.screen {
            Screen::Facilitator(f) => f.broadcast_to.take(),
            _ => None,
        };
        let (text, minutes) = split_expiry(typed);
        let until = minutes.map(|m| self.now_ms() + m * 60_000);
        let before = self.session.last_ticket();
        match self.session.broadcast_until(&text, to.as_deref(), until) {
            Ok(()) => {
                let flow = self.flow();
                let title = to
                    .as_deref()
                    .and_then(|b| self.session.plan().board(b))
                    .map(|b| b.title.clone());
                let said = match title {
                    _ if text.trim().is_empty() => flow.broadcast_cleared.to_string(),
                    Some(t) => flow.broadcast_sent_to(&t),
                    None => self.s().broadcast_sent.to_string(),
                };
                // In the views, "sent" waits for the fsync.
                if !self.await_save(before, input.kind.clone(), typed, None, said.clone()) {
                    self.report(Ok(said));
                }
            }
            Err(e) => {
                if let Screen::Facilitator(f) = &mut self.screen {
                    f.broadcast_to = to;
                }
                self.keep_input(input, e);
            }
        }
    }

    /// The editor title of a broadcast: to all or to the selected group.
    pub fn broadcast_prompt(&self) -> &'static str {
        match &self.screen {
            Screen::Facilitator(f) if f.broadcast_to.is_some() => self.flow().broadcast_group_prompt,
            _ => self.flow().broadcast_all_prompt,
        }
    }

    /// Hides (or shows) note authors on the projector.
    pub fn set_authors_hidden(&mut self, hidden: bool) {
        if let Screen::Facilitator(f) = &mut self.screen {
            f.hide_authors = hidden;
        }
    }

    /// True when the projector hides note authors.
    pub fn authors_hidden(&self) -> bool {
        matches!(&self.screen, Screen::Facilitator(f) if f.hide_authors)
    }

    /// Takes this view's seat as the facilitator in the local state
    /// directory; when another facilitator view of the session is open on
    /// this computer, says so.
    pub fn claim_facilitator(&mut self, state_root: Result<std::path::PathBuf, Error>) {
        let claim = state_root.and_then(|root| claim_facilitator(&root, self.session.dir()));
        let notice = self.flow().second_facilitator;
        match (claim, &mut self.screen) {
            (Ok(Claim::Taken(seat)), Screen::Facilitator(f)) => f.seat = Some(std::sync::Arc::new(seat)),
            (Ok(Claim::Occupied), _) => {
                self.message = Some(Message {
                    text: notice.to_string(),
                    tone: Tone::Warning,
                });
            }
            // Without a state directory the view still works, unguarded.
            _ => {}
        }
    }
}
