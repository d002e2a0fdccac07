//! `runde review`: the view where a person decides about doubtful mentions
//! of names in the public minutes, once (the decision is a fact in the
//! session), and sees each group's part exactly as it will be published,
//! to sign it off. Its own state, actions and key tables; `update` is pure
//! and returns [`Effect`]s, which the runtime (`runtime::review`) carries
//! out on the session folder, answering with [`Review::recorded`] or
//! [`Review::not_recorded`]; what other writers add arrives through
//! [`Review::folder_read`].
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::{Binding, lookup};
use super::{Message, Tone};
use crate::export::privacy::publish::{self, Doubtful};
use crate::export::privacy::signoff::{self, Status};
use crate::i18n::review_strings;
use crate::model::review::{MentionScope, Verdict};
use crate::model::{Event, Lang, OrderKey, Plan, Replica};

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
    replica: Replica,
    /// Who decides and signs (the `--by` name), if given.
    author: Option<String>,
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
    /// The view over a session as read from its folder, for `author`.
    pub fn new(replica: Replica, author: Option<String>, lang: Lang) -> Review {
        let mut review = Review {
            replica,
            author,
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
        self.replica.plan()
    }

    /// The session as this view knows it (for the runtime).
    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    /// Who decides and signs, if known.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
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
        let (plan, state) = (self.replica.plan(), self.replica.state());
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

    /// What other writers added (and the plan, if its file changed), read
    /// at `read_at`; true when anything changed.
    pub fn folder_read(&mut self, events: Vec<(OrderKey, Event)>, read_at: i64, plan: Option<Plan>) -> bool {
        let mut changed = self.replica.apply_read(events, Some(read_at)) > 0;
        if let Some(plan) = plan {
            self.replica.set_plan(plan);
            changed = true;
        }
        if changed {
            self.reload();
        }
        changed
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
                let (plan, state) = (self.replica.plan(), self.replica.state());
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
        match self.author.clone() {
            Some(by) => self.signed_as(&by),
            None => {
                self.prompt = Some(String::new());
                Vec::new()
            }
        }
    }

    /// The sign-off of the part shown, by `by` — unless the part changed
    /// since it was shown.
    fn signed_as(&mut self, by: &str) -> Vec<Effect> {
        let Some(shown) = &self.shown else {
            return Vec::new();
        };
        if by.is_empty() {
            return Vec::new();
        }
        let now = signoff::part(self.replica.plan(), self.replica.state(), &shown.part.board);
        if now.is_none_or(|p| p.digest != shown.part.digest) {
            self.say(review_strings(self.lang).changed_since_shown.to_string(), Tone::Error);
            return Vec::new();
        }
        vec![Effect::SignOff {
            board: shown.part.board.clone(),
            by: by.to_string(),
            digest: shown.part.digest.clone(),
        }]
    }

    /// A write the view asked for is on disk: its event is applied, the
    /// view says what was done, and the lists are rebuilt.
    pub fn recorded(&mut self, effect: &Effect, event: (OrderKey, Event)) {
        self.replica.apply_own([event]);
        let s = review_strings(self.lang);
        let text = match effect {
            Effect::Decide(..) => s.decided.to_string(),
            Effect::SignOff { board, .. } => {
                let title = self
                    .replica
                    .plan()
                    .board(board)
                    .map_or(board.clone(), |b| b.title.clone());
                s.signed_part(&title)
            }
        };
        self.say(text, Tone::Success);
        self.reload();
    }

    /// A write the view asked for failed; `why` says why.
    pub fn not_recorded(&mut self, why: String) {
        self.say(why, Tone::Error);
        self.reload();
    }

    fn say(&mut self, text: String, tone: Tone) {
        self.message = Some(Message { text, tone });
    }
}
