//! A group's part shown exactly as it will be published, to sign it off —
//! in `runde review` and, with key `P`, in the note-taker's view (locally
//! and over `runde serve`: the same view code). The note-taker signs as
//! the name their notes carry; the sign-off is written at once (a
//! deliberate key press, on disk when the view says so).
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::{Action, PART};
use crate::app::keys::lookup;
use crate::app::{App, Effect, Screen, Tone};
use crate::export::privacy::signoff::{self, Part};
use crate::i18n::review_strings;
use crate::model::{Event, OrderKey, Plan, SessionState};

/// A part on screen, scrolled this far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartView {
    pub part: Part,
    pub scroll: usize,
    /// The help over it is open.
    pub help: bool,
}

impl PartView {
    /// The part of `board` as it stands now.
    pub fn new(plan: &Plan, state: &SessionState, board: &str) -> Option<PartView> {
        Some(PartView {
            part: signoff::part(plan, state, board)?,
            scroll: 0,
            help: false,
        })
    }

    /// The part again after a change (the scroll stays).
    pub fn refresh(&mut self, plan: &Plan, state: &SessionState) {
        if let Some(part) = signoff::part(plan, state, &self.part.board) {
            self.part = part;
        }
    }

    /// Who signed off this part, and whether each sign-off still holds.
    pub fn status(&self, plan: &Plan, state: &SessionState) -> Vec<signoff::Status> {
        signoff::status(plan, state, &self.part.board)
    }
}

impl App {
    /// Shows the note-taker's board as it will be published (key `P`).
    pub(crate) fn open_part(&mut self) {
        let board = match &self.screen {
            Screen::Note(view) => view.board.clone(),
            _ => return,
        };
        self.part = PartView::new(self.plan(), self.state(), &board);
    }

    /// A key while the part is shown.
    pub(crate) fn part_key(&mut self, key: KeyEvent) {
        let read_only = self.shared.config.read_only;
        let Some(view) = self.part.as_mut() else {
            return;
        };
        if view.help {
            view.help = false;
            return;
        }
        match lookup(PART, &key) {
            Some(Action::Back) => self.part = None,
            Some(Action::Help) => view.help = true,
            Some(Action::Down) => view.scroll += 1,
            Some(Action::Up) => view.scroll = view.scroll.saturating_sub(1),
            Some(Action::PageDown) => view.scroll += 10,
            Some(Action::PageUp) => view.scroll = view.scroll.saturating_sub(10),
            Some(Action::SignOff) if !read_only => self.sign_part(),
            _ if key.code == KeyCode::Char('q') => self.part = None,
            _ => {}
        }
    }

    /// Signs off the part shown as this writer, if it is unchanged.
    fn sign_part(&mut self) {
        let s = review_strings(self.lang());
        let Some(view) = &self.part else { return };
        let (board, digest) = (view.part.board.clone(), view.part.digest.clone());
        let Some(by) = self.shared.author.clone() else {
            self.shared.say(s.need_name, Tone::Warning);
            return;
        };
        match signoff::part(self.plan(), self.state(), &board) {
            Some(part) if part.digest == digest => self.shared.effect(Effect::SignOff { board, by, digest }),
            _ => self.shared.say(s.changed_since_shown, Tone::Error),
        }
    }

    /// The sign-off is on disk: applied, said, and the part shown again.
    pub(crate) fn signed_off(&mut self, board: &str, events: Vec<(OrderKey, Event)>) {
        self.shared.replica.apply_own(events);
        let s = review_strings(self.lang());
        let title = self.plan().board(board).map_or(board.to_string(), |b| b.title.clone());
        self.shared.say(s.signed_part(&title), Tone::Success);
        self.refresh_part();
    }

    /// Keeps an open part current after a change on disk.
    pub(crate) fn refresh_part(&mut self) {
        if let Some(view) = self.part.as_mut() {
            view.refresh(self.shared.replica.plan(), self.shared.replica.state());
        }
    }
}
