//! The review view's runtime (`runde review`): it owns the session folder
//! and carries out the view's writes — decisions and sign-offs, durable
//! facts in `review/` — answering each with what was written, and brings
//! what other writers add (a sign-off on another laptop) into the view.
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind};

use super::Program;
use crate::app::Ticked;
use crate::app::review::{Effect, Review};
use crate::error::Result;
use crate::model::Lang;
use crate::store::{Folder, Session, review};
use crate::ui::LastFrame;

/// The review view with the folder it writes to.
pub struct ReviewRunner {
    review: Review,
    folder: Folder,
}

impl std::ops::Deref for ReviewRunner {
    type Target = Review;

    fn deref(&self) -> &Review {
        &self.review
    }
}

impl ReviewRunner {
    /// The review view of an open session, in `lang`.
    pub fn new(session: Session, lang: Lang) -> ReviewRunner {
        let author = session.author().map(str::to_string);
        let (folder, replica) = session.into_parts();
        ReviewRunner {
            review: Review::new(replica, author, lang),
            folder,
        }
    }

    /// The view's state, to look at.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The view's state, to set up (tests).
    pub fn review_mut(&mut self) -> &mut Review {
        &mut self.review
    }

    /// The session folder.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// Handles a terminal event and the writes it asks for; true when the
    /// screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let effects = self.review.key(key);
                self.carry_out(effects);
                true
            }
            Event::Resize(_, _) => true,
            _ => false,
        }
    }

    /// Applies a key-table action and the writes it asks for.
    pub fn update(&mut self, action: crate::app::review::Action) {
        let effects = self.review.update(action);
        self.carry_out(effects);
    }

    /// Reads other writers' changes; true when anything changed.
    pub fn refresh(&mut self) -> bool {
        let Ok(polled) = self.folder.poll() else {
            return false;
        };
        let plan = self.folder.reload_plan();
        self.review.folder_read(polled.events, polled.read_at, plan)
    }

    /// Carries out the writes in order, answering the view after each.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let top = self.review.replica().state().max_lamport();
            let change = match &effect {
                Effect::Decide(scope, verdict) => Ok(review::decision(
                    scope.clone(),
                    *verdict,
                    self.review.author().map(str::to_string),
                )),
                Effect::SignOff { board, by, digest } => review::sign_off(self.review.plan(), board, by, digest),
            };
            match change.and_then(|c| self.folder.append_review(top, c)) {
                Ok(event) => self.review.recorded(&effect, event),
                Err(e) => self.review.not_recorded(e.in_lang(self.review.lang)),
            }
        }
    }
}

impl Program for ReviewRunner {
    fn event(&mut self, event: Event) -> bool {
        self.handle_event(event)
    }
    fn store_changed(&mut self) -> bool {
        self.refresh()
    }
    /// Once a second the folder is read (a watcher may not see a sync
    /// engine's or a network folder's changes).
    fn tick(&mut self) -> Ticked {
        match self.refresh() {
            true => Ticked::More,
            false => Ticked::Nothing,
        }
    }
    fn ms_until_tick(&self) -> u64 {
        1000
    }
    fn outcomes(&mut self) -> bool {
        false
    }
    fn wants_quit(&self) -> bool {
        self.review.quit
    }
    fn dialog_open(&self) -> bool {
        false
    }
    fn editing(&self) -> bool {
        self.review.prompt.is_some()
    }
    fn draw<B: Backend>(&self, terminal: &mut Terminal<B>, _last: Option<&mut LastFrame>) -> Result<Option<LastFrame>>
    where
        B::Error: Send + Sync + 'static,
    {
        terminal
            .draw(|frame| crate::ui::review::render(&self.review, frame.area(), frame.buffer_mut()))
            .map_err(super::terminal_error)?;
        Ok(None)
    }
}
