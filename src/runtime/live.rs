//! The runtime of a live view (facilitator, note-taker, picker): it owns
//! the session folder (its reader, this writer's log and the background
//! writer, the clock probes), the drafts on this machine, the clocks and
//! randomness, and the facilitator's seat; it feeds the app actions — the
//! time first — and carries out the [`Effect`]s `update` returns, feeding
//! each answer back as an [`Action`] before the next effect runs.
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyEvent};

use crate::app::{Action, App, Config, Effect, Ticked};
use crate::clock::{Clock, SystemClock};
use crate::error::Result;
use crate::model::{FolderNews, Lang, Skews};
use crate::store::drafts::{DraftBox, state_root};
use crate::store::presence::{Claim, FacilitatorSeat, claim_facilitator};
use crate::store::writer::save_error;
use crate::store::{Folder, Session, WriteOutcome, log::FaultInjector};

/// A live view with everything it needs from the outside.
pub struct Runner {
    app: App,
    folder: Folder,
    /// This note-taker's drafts (none in the facilitator view, or when the
    /// local state directory cannot be used).
    drafts: Option<DraftBox>,
    /// The system clock, compared with the folder's steady clock to report jumps.
    system_clock: Option<Arc<dyn Clock>>,
    /// This view's seat as the facilitator, held while it is open.
    _seat: Option<FacilitatorSeat>,
    /// What the last `FolderChanged` told of conflict copies and clocks.
    told: (Vec<String>, Skews),
    /// An answer changed what is on screen since this was last cleared.
    answered: bool,
    /// A bell is due (the loop rings it).
    bell: bool,
}

impl std::ops::Deref for Runner {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl Runner {
    /// A runner for `app` over `folder`; call [`Runner::start`] once set up.
    pub fn new(app: App, folder: Folder) -> Runner {
        let told = (Vec::new(), Skews::default());
        let mut runner = Runner {
            app,
            folder,
            drafts: None,
            system_clock: None,
            _seat: None,
            told,
            answered: false,
            bell: false,
        };
        runner.folder.enable_clock_probes();
        runner
    }

    /// The facilitator's view of an open session.
    pub fn facilitator(session: Session, lang: Option<Lang>) -> Runner {
        let (folder, replica) = session.into_parts();
        let app = App::facilitator(replica, lang, folder.now_ms());
        let mut runner = Runner::new(app, folder);
        runner.start();
        runner
    }

    /// A note-taker's view (a picker without `board`), with drafts in the
    /// platform's local state directory.
    pub fn note_taker(session: Session, board: Option<&str>, lang: Option<Lang>) -> Result<Runner> {
        Runner::note_taker_with_state(session, board, lang, state_root())
    }

    /// [`Runner::note_taker`] with drafts below `state_root` (tests, a
    /// server running views for several people).
    pub fn note_taker_with_state(
        session: Session,
        board: Option<&str>,
        lang: Option<Lang>,
        state_root: Result<PathBuf>,
    ) -> Result<Runner> {
        let author = session.author().map(str::to_string);
        let (folder, replica) = session.into_parts();
        let app = App::note_taker(replica, author.clone(), board, lang, folder.now_ms())?;
        let mut runner = Runner::new(app, folder);
        let plan = runner.app.plan();
        let identity = format!("{}\0{}", plan.title, plan.date);
        let opened =
            state_root.and_then(|root| DraftBox::open(&root, runner.folder.dir(), &identity, author.as_deref()));
        match opened {
            Ok(b) => runner.drafts = Some(b),
            Err(e) => runner.feed(Action::DraftsUnavailable(e.in_lang(runner.app.lang()))),
        }
        runner.start();
        Ok(runner)
    }

    /// Tells the app what the folder holds besides its events (conflict
    /// copies, clock differences) and that the runtime is ready.
    pub fn start(&mut self) {
        self.told = (self.conflict_names(), self.folder.skews());
        let news = FolderNews {
            plan_conflicts: self.told.0.clone(),
            skews: self.told.1.clone(),
            ..FolderNews::default()
        };
        self.feed(Action::FolderChanged(Box::new(news)));
        self.feed(Action::Started);
    }

    /// Reports system clock jumps against the folder's steady clock.
    pub fn watch_system_clock(&mut self) {
        self.compare_with(Arc::new(SystemClock));
    }

    /// Reports jumps of `system` against the folder's steady clock (tests
    /// give a fake one).
    pub fn compare_with(&mut self, system: Arc<dyn Clock>) {
        self.system_clock = Some(system);
    }

    /// Takes this view's seat as the facilitator in the local state
    /// directory; when another facilitator view of the session is open on
    /// this computer, the app says so.
    pub fn claim_facilitator(&mut self, state_root: Result<PathBuf>) {
        match state_root.and_then(|root| claim_facilitator(&root, self.folder.dir())) {
            Ok(Claim::Taken(seat)) => self._seat = Some(seat),
            Ok(Claim::Occupied) => self.feed(Action::SecondFacilitator),
            // Without a state directory the view still works, unguarded.
            Err(_) => {}
        }
    }

    /// The app, for drawing and queries.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Sets the view up (before it runs).
    pub fn config_mut(&mut self) -> &mut Config {
        self.app.config_mut()
    }

    /// Marks the view as a guest's on SSH (see [`App::set_remote`]).
    pub fn set_remote(&mut self) {
        self.app.set_remote();
    }

    /// Hides (or shows) note authors on the projector (before it runs).
    pub fn set_authors_hidden(&mut self, hidden: bool) {
        self.app.set_authors_hidden(hidden);
    }

    /// The session folder.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// Injects write and fsync failures (tests, benchmarks).
    pub fn set_fault_injector(&mut self, faults: Option<FaultInjector>) {
        self.folder.set_fault_injector(faults);
    }

    /// Applies an action at the folder clock's time; true when the screen
    /// must be redrawn.
    pub fn update(&mut self, action: Action) -> bool {
        match action {
            Action::Tick => self.tick_only() != Ticked::Nothing,
            Action::StoreChanged => {
                self.answered = false;
                self.feed_at_now(Action::StoreChanged);
                self.answered
            }
            other => {
                self.feed_at_now(other);
                true
            }
        }
    }

    /// Handles one key press; true when the screen must be redrawn.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        self.handle_event(Event::Key(key))
    }

    /// Handles a terminal event; true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        let redraw = matches!(
            event,
            Event::Key(_) | Event::Paste(_) | Event::Resize(..) | Event::FocusGained
        );
        self.clock();
        let effects = self.app.handle_event(event);
        self.carry_out(effects);
        redraw
    }

    /// [`Action::Tick`], telling a tick that only moved the clocks apart
    /// from one that changed more (the folder, a fading or new message).
    pub fn tick_only(&mut self) -> Ticked {
        self.answered = false;
        self.feed_at_now(Action::Tick);
        match self.app.ticked() {
            _ if self.answered => Ticked::More,
            ticked => ticked,
        }
    }

    /// A burst of input ended: the editor's draft is written now.
    pub fn flush_draft(&mut self) {
        self.feed(Action::FlushDraft);
    }

    /// Whether a bell is due (and forgets it).
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell)
    }

    /// Hands every later write to a background thread, so a slow fsync
    /// never stalls a frame; `wake` is called after each outcome.
    pub fn write_in_background(&mut self, wake: Box<dyn Fn() + Send>) -> Result<()> {
        self.folder.write_in_background(wake)
    }

    /// Feeds the background writer's outcomes into the app as actions;
    /// true when the screen must be redrawn.
    pub fn feed_write_outcomes(&mut self) -> bool {
        let outcomes = self.folder.take_write_outcomes();
        let any = !outcomes.is_empty();
        for outcome in outcomes {
            self.feed(outcome_action(outcome, String::new()));
        }
        any
    }

    /// Waits up to `timeout` for the next background outcome and feeds it (tests).
    pub fn wait_write_outcome(&mut self, timeout: std::time::Duration) -> bool {
        match self.folder.wait_write_outcome(timeout) {
            Some(outcome) => {
                self.feed(outcome_action(outcome, String::new()));
                true
            }
            None => false,
        }
    }

    // ----- carrying out effects -----------------------------------------

    /// Tells the app the time, then feeds `action`.
    fn feed_at_now(&mut self, action: Action) {
        self.clock();
        self.feed(action);
    }

    fn clock(&mut self) {
        let now_ms = self.folder.now_ms();
        let system_ms = self.system_clock.as_ref().map(|c| c.now_ms());
        let effects = self.app.update(Action::Clock { now_ms, system_ms });
        self.carry_out(effects);
    }

    /// Feeds one action and carries out what it asks for.
    fn feed(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.carry_out(effects);
    }

    /// Carries out effects in order; each answer is fed (and its own
    /// effects carried out) before the next effect runs.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            for answer in self.answer(effect) {
                if matches!(answer, Action::FolderChanged(_) | Action::FolderUnreadable(_)) {
                    self.answered = true;
                }
                self.feed(answer);
            }
        }
    }

    /// Carries out one effect; the actions that answer it.
    fn answer(&mut self, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Append { ticket, changes } => {
                let top = self.app.state().max_lamport();
                match self.folder.append(top, changes, ticket) {
                    Ok(events) => {
                        let mut answers = vec![Action::Stamped { id: ticket, events }];
                        if !self.folder.writes_in_background() {
                            answers.push(Action::Saved { id: ticket });
                        }
                        answers
                    }
                    Err(e) => {
                        let failure = Some(save_error(&e));
                        vec![outcome_action(
                            WriteOutcome { ticket, failure },
                            e.in_lang(self.app.lang()),
                        )]
                    }
                }
            }
            Effect::ReadFolder => self.read_folder(false).into_iter().collect(),
            Effect::ReloadFolder => self.read_folder(true).into_iter().collect(),
            Effect::NewIds(n) => vec![Action::IdsMade(
                (0..n).map(|_| ulid::Ulid::new().to_string().to_lowercase()).collect(),
            )],
            Effect::ListDrafts => self
                .drafts
                .as_ref()
                .map(|b| Action::DraftsListed(b.list()))
                .into_iter()
                .collect(),
            Effect::SaveDraft(draft) => match self.drafts.as_ref().map(|b| b.save(&draft)) {
                Some(Err(e)) => vec![Action::DraftNotSaved(e.in_lang(self.app.lang()))],
                _ => Vec::new(),
            },
            Effect::ClearDraft(draft) => {
                if let Some(b) = &self.drafts {
                    b.clear(&draft);
                }
                Vec::new()
            }
            Effect::Bell => {
                self.bell = true;
                Vec::new()
            }
            Effect::SignOff { board, by, digest } => {
                let top = self.app.state().max_lamport();
                let written = crate::store::review::sign_off(self.app.plan(), &board, &by, &digest)
                    .and_then(|change| self.folder.append_review(top, change));
                match written {
                    Ok(event) => vec![Action::SignedOff {
                        board,
                        events: vec![event],
                    }],
                    Err(e) => vec![Action::SignOffFailed(e.in_lang(self.app.lang()))],
                }
            }
            // The plan editor's effects: a live view never asks for them.
            Effect::SavePlan { .. }
            | Effect::SaveTemplate { .. }
            | Effect::LoadTemplate { .. }
            | Effect::CountNotes { .. } => Vec::new(),
        }
    }

    /// Looks at the folder (or reads all of it again): what changed, if anything.
    fn read_folder(&mut self, reset: bool) -> Option<Action> {
        let read = if reset {
            self.folder.reread().map(|p| (p.events, true, p.read_at))
        } else {
            self.folder.poll().map(|p| (p.events, p.conflicts_changed, p.read_at))
        };
        let (events, conflicts_changed, read_at) = match read {
            Ok(read) => read,
            Err(e) => return Some(Action::FolderUnreadable(e.in_lang(self.app.lang()))),
        };
        let plan = self.folder.reload_plan();
        let skews = self.folder.skews();
        let conflicts = self.conflict_names();
        let changed = reset || !events.is_empty() || plan.is_some() || conflicts_changed || skews != self.told.1;
        if !changed {
            return None;
        }
        self.told = (conflicts.clone(), skews.clone());
        Some(Action::FolderChanged(Box::new(FolderNews {
            reset,
            events,
            plan,
            plan_conflicts: conflicts,
            skews,
            read_at,
        })))
    }

    fn conflict_names(&self) -> Vec<String> {
        self.folder
            .plan_conflicts()
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    }
}

/// A write's outcome as the app's action.
fn outcome_action(outcome: WriteOutcome, detail: String) -> Action {
    match outcome.failure {
        None => Action::Saved { id: outcome.ticket },
        Some(why) => Action::SaveFailed {
            id: outcome.ticket,
            why,
            detail,
        },
    }
}
