//! `runde review`: the view where a person decides about doubtful mentions
//! of names in the public minutes, once (the decision is a fact in the
//! session), and sees each group's part exactly as it will be published,
//! to sign it off. Its own state, actions and key tables; `update` is pure
//! and returns [`Effect`]s, which [`Review::run`] carries out on the
//! session (the runtime's edge) before the lists are rebuilt.
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};

use super::keys::{Binding, lookup};
use super::{Message, Tone};
use crate::error::Error;
use crate::export::privacy::publish::{self, Doubtful};
use crate::export::privacy::signoff::{self, Part, Status};
use crate::i18n::review_strings;
use crate::model::review::{MentionScope, Verdict};
use crate::model::{Lang, Plan};
use crate::store::Session;

mod keys;
mod part;

pub use keys::{Action, MENTIONS, PART, PARTS, PROMPT, action_text};
pub use part::PartView;

/// The two lists of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Every doubtful mention, decided or not.
    Mentions,
    /// The groups' parts and their sign-offs.
    Parts,
}

/// A group's part in the list of sign-offs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRow {
    pub board: String,
    pub title: String,
    pub status: Vec<Status>,
}

/// A write the view asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Record a decision about doubtful mentions.
    Decide(MentionScope, Verdict),
    /// Record a sign-off of a part with the digest of what was shown.
    SignOff { board: String, by: String, digest: String },
}

/// The review view's state.
pub struct Review {
    session: Session,
    pub lang: Lang,
    pub tab: Tab,
    /// Every doubtful mention in the order of the minutes.
    pub items: Vec<Doubtful>,
    pub cursor: usize,
    pub parts: Vec<PartRow>,
    pub part_cursor: usize,
    /// A part shown as published.
    pub shown: Option<PartView>,
    /// The name being typed to sign off with.
    pub prompt: Option<String>,
    /// The help is open, scrolled this far.
    pub help: Option<usize>,
    pub message: Option<Message>,
    pub quit: bool,
}

impl Review {
    /// The view over an open session.
    pub fn new(session: Session, lang: Lang) -> Review {
        let mut review = Review {
            session,
            lang,
            tab: Tab::Mentions,
            items: Vec::new(),
            cursor: 0,
            parts: Vec::new(),
            part_cursor: 0,
            shown: None,
            prompt: None,
            help: None,
            message: None,
            quit: false,
        };
        review.reload();
        review
    }

    /// The plan (for rendering).
    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }

    /// How many mentions are still undecided.
    pub fn open_count(&self) -> usize {
        self.items.iter().filter(|d| d.verdict.is_none()).count()
    }

    /// The key table in force.
    pub fn bindings(&self) -> &'static [Binding<Action>] {
        match (&self.prompt, &self.shown, self.tab) {
            (Some(_), _, _) => PROMPT,
            (None, Some(_), _) => PART,
            (None, None, Tab::Mentions) => MENTIONS,
            (None, None, Tab::Parts) => PARTS,
        }
    }

    /// Rebuilds the lists from the session (after a write or a change on
    /// disk), keeping the cursor in place.
    pub fn reload(&mut self) {
        let (plan, state) = (self.session.plan(), self.session.state());
        self.items = publish::doubtful(plan, state);
        self.parts = signoff::parts_with_notes(plan, state)
            .into_iter()
            .map(|board| PartRow {
                title: plan.board(&board).map_or(board.clone(), |b| b.title.clone()),
                status: signoff::status(plan, state, &board),
                board,
            })
            .collect();
        self.cursor = self.cursor.min(self.items.len().saturating_sub(1));
        self.part_cursor = self.part_cursor.min(self.parts.len().saturating_sub(1));
        if let Some(shown) = &mut self.shown {
            shown.refresh(plan, state);
        }
    }

    /// Reads other writers' changes; true when anything changed.
    pub fn refresh(&mut self) -> bool {
        let changed = self.session.refresh().unwrap_or(false) | self.session.reload_plan();
        if changed {
            self.reload();
        }
        changed
    }

    /// Handles a terminal event; true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let effects = self.key(key);
                self.run(effects);
                true
            }
            Event::Resize(_, _) => true,
            _ => false,
        }
    }

    /// What a key press does: the effects it asks for.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Some(scroll) = self.help {
            self.help = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Some(scroll + 1),
                KeyCode::Up => Some(scroll.saturating_sub(1)),
                _ => None,
            };
            return Vec::new();
        }
        if let Some(name) = &mut self.prompt {
            match (key.code, lookup(PROMPT, &key)) {
                (_, Some(action)) => return self.update(action),
                (KeyCode::Backspace, _) => {
                    name.pop();
                }
                (KeyCode::Char(c), _) if !c.is_control() && name.chars().count() < 80 => name.push(c),
                _ => {}
            }
            return Vec::new();
        }
        match lookup(self.bindings(), &key) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// Applies an action; returns the writes it asks for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        match action {
            Action::Help => self.help = Some(0),
            Action::Quit => self.quit = true,
            Action::SwitchTab => {
                self.tab = match self.tab {
                    Tab::Mentions => Tab::Parts,
                    Tab::Parts => Tab::Mentions,
                }
            }
            Action::Back => {
                if self.prompt.take().is_none() {
                    self.shown = None;
                }
            }
            Action::OpenPart => {
                let (plan, state) = (self.session.plan(), self.session.state());
                let board = self.parts.get(self.part_cursor).map(|p| p.board.clone());
                self.shown = board.and_then(|b| PartView::new(plan, state, &b));
            }
            Action::SignOff => return self.sign_off(),
            Action::Submit => {
                let name = self.prompt.take().unwrap_or_default();
                return self.signed_as(name.trim());
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => self.step(action),
            Action::NextOpen => {
                let after = (self.cursor + 1..self.items.len()).chain(0..self.cursor);
                if let Some(next) = after.into_iter().find(|&i| self.items[i].verdict.is_none()) {
                    self.cursor = next;
                }
            }
            Action::RedactHere | Action::KeepHere | Action::RedactWord | Action::KeepWord | Action::Undecide => {
                return self.decide(action);
            }
        }
        Vec::new()
    }

    /// Moves the cursor of the list (or the part's scroll).
    fn step(&mut self, action: Action) {
        let delta: isize = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => 10,
            _ => -10,
        };
        let move_by = |at: usize, len: usize| at.saturating_add_signed(delta).min(len.saturating_sub(1));
        match (&mut self.shown, self.tab) {
            (Some(shown), _) => shown.scroll = shown.scroll.saturating_add_signed(delta),
            (None, Tab::Mentions) => self.cursor = move_by(self.cursor, self.items.len()),
            (None, Tab::Parts) => self.part_cursor = move_by(self.part_cursor, self.parts.len()),
        }
    }

    /// A decision about the selected mention (or its word).
    fn decide(&mut self, action: Action) -> Vec<Effect> {
        let Some(d) = self.items.get(self.cursor) else {
            return Vec::new();
        };
        let effect = match action {
            Action::RedactHere => Effect::Decide(d.scope_here(), Verdict::Redact),
            Action::KeepHere => Effect::Decide(d.scope_here(), Verdict::Keep),
            Action::RedactWord => Effect::Decide(d.scope_word(), Verdict::Redact),
            Action::KeepWord => Effect::Decide(d.scope_word(), Verdict::Keep),
            // Withdraw what is in force: the word's decision or this one's.
            _ => match d.by_word {
                true => Effect::Decide(d.scope_word(), Verdict::Undecided),
                false => Effect::Decide(d.scope_here(), Verdict::Undecided),
            },
        };
        vec![effect]
    }

    /// Signs off the part shown: as the session's author, else asks.
    fn sign_off(&mut self) -> Vec<Effect> {
        if self.shown.is_none() {
            return Vec::new();
        }
        match self.session.author().map(str::to_string) {
            Some(by) => self.signed_as(&by),
            None => {
                self.prompt = Some(String::new());
                Vec::new()
            }
        }
    }

    /// The sign-off of the part shown, by `by`.
    fn signed_as(&mut self, by: &str) -> Vec<Effect> {
        match (&self.shown, by.is_empty()) {
            (Some(shown), false) => vec![Effect::SignOff {
                board: shown.part.board.clone(),
                by: by.to_string(),
                digest: shown.part.digest.clone(),
            }],
            _ => Vec::new(),
        }
    }

    /// Carries out the writes, then rebuilds the lists.
    pub fn run(&mut self, effects: Vec<Effect>) {
        if effects.is_empty() {
            return;
        }
        for effect in effects {
            let result = match effect {
                Effect::Decide(scope, verdict) => self.session.decide(scope, verdict).map(|()| self.decided()),
                Effect::SignOff { board, by, digest } => self.signed(&board, &by, &digest),
            };
            self.message = Some(match result {
                Ok(text) => Message {
                    text,
                    tone: Tone::Success,
                },
                Err(e) => Message {
                    text: e.to_string(),
                    tone: Tone::Error,
                },
            });
        }
        self.reload();
    }

    fn decided(&self) -> String {
        review_strings(self.lang).decided.to_string()
    }

    /// Writes a sign-off, unless the part changed since it was shown.
    fn signed(&mut self, board: &str, by: &str, digest: &str) -> Result<String, Error> {
        let part: Option<Part> = signoff::part(self.session.plan(), self.session.state(), board);
        let s = review_strings(self.lang);
        match part {
            Some(now) if now.digest == digest => {
                self.session.sign_off(board, by, digest)?;
                Ok(s.signed_part(&now.title))
            }
            _ => Err(Error::Invalid(s.changed_since_shown.to_string())),
        }
    }
}
