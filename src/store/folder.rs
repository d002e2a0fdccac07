//! The I/O half of an open session: the folder, the log reader, this
//! writer's log (see [`append`](super::append)), the clock and the clock
//! probes. What it reads comes out as plain data — events, a changed plan,
//! conflict copies, clock differences — for whoever holds the
//! [`Replica`]: the CLI's [`Session`](super::Session), or a view's app
//! through its runtime.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::append::Writer;
use super::files::refuse_symlink;
use super::log::{FaultInjector, LogReader, Rejected};
use super::{LOG_DIR, PLAN_FILE, plan_file, probe, sync};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::model::problem::StoreProblem;
use crate::model::replica::{ClockOff, from_future};
use crate::model::{Event, OrderKey, Plan, Replica, SessionState, Skews};

pub use crate::model::replica::FUTURE_TOLERANCE_MS;

/// An open session folder, without the state folded from it.
pub struct Folder {
    dir: PathBuf,
    reader: LogReader,
    pub(super) writer: Writer,
    pub(super) clock: Arc<dyn Clock>,
    /// Writers seen stamping events more than a minute in the future, with
    /// the largest such offset (negative: ahead of us); reported as skew.
    ahead: HashMap<Arc<str>, i64>,
    /// Decisions on doubtful mentions and sign-offs (`review/`).
    pub(super) review: super::review::ReviewLog,
    /// A view's clock exchange with the other views (off for CLI calls).
    pub(super) clocks: Option<probe::ClockExchange>,
    /// Conflict copies of the plan a sync engine left next to it.
    plan_conflicts: Vec<PathBuf>,
    /// The plan as last read from the file.
    file_plan: Plan,
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// What one look at the folder found.
#[derive(Debug, Default)]
pub struct Polled {
    /// Events other writers appended since the last look.
    pub events: Vec<(OrderKey, Event)>,
    /// The set of the plan's conflict copies changed.
    pub conflicts_changed: bool,
    /// The reader's time when they were read (see [`Replica::apply_read`]).
    pub read_at: i64,
}

impl Folder {
    /// Opens the session in `dir`, reading time from `clock`: the plan and
    /// every event so far, folded into a [`Replica`].
    pub fn open(dir: &Path, clock: Arc<dyn Clock>) -> Result<(Folder, Replica)> {
        if !dir.is_dir() {
            return Err(Error::Store(StoreProblem::NoSuchFolder {
                path: dir.to_path_buf(),
            }));
        }
        let plan_path = dir.join(PLAN_FILE);
        if !plan_path.exists() {
            return Err(Error::Store(StoreProblem::NotASession {
                path: dir.to_path_buf(),
            }));
        }
        refuse_symlink(&plan_path)?;
        refuse_symlink(&dir.join(LOG_DIR))?;
        let plan = plan_file::read_plan(&plan_path)?;
        let mut folder = Folder {
            dir: dir.to_path_buf(),
            reader: LogReader::new(dir.join(LOG_DIR)),
            writer: Writer::default(),
            clock,
            ahead: HashMap::new(),
            review: super::review::ReviewLog::open(dir)?,
            clocks: None,
            plan_conflicts: Vec::new(),
            file_plan: plan.clone(),
        };
        let mut replica = Replica::new(plan);
        let polled = folder.poll()?;
        replica.apply_read(polled.events, Some(polled.read_at));
        Ok((folder, replica))
    }

    /// [`Folder::open`] with the system clock.
    pub fn open_now(dir: &Path) -> Result<(Folder, Replica)> {
        Folder::open(dir, Arc::new(SystemClock))
    }

    /// The session folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The clock this folder's writes are stamped with.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Current wall time from the folder's clock.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Sets who writes (recorded in a new log's header).
    pub fn set_author(&mut self, by: Option<String>) {
        self.writer.by = by.filter(|b| !b.trim().is_empty());
    }

    /// Injects write and fsync failures into this folder's writes (tests
    /// of full disks and I/O errors, benchmarks of slow disks).
    pub fn set_fault_injector(&mut self, faults: Option<FaultInjector>) {
        self.writer.set_faults(faults);
    }

    /// Lines of the logs that were reported and ignored: out-of-range
    /// values, claimed identities, oversized records (`runde check` lists them).
    pub fn rejected(&self) -> Vec<Rejected> {
        self.reader.rejected()
    }

    /// Conflict copies of the plan found at the last look.
    pub fn plan_conflicts(&self) -> &[PathBuf] {
        &self.plan_conflicts
    }

    /// Reads other writers' new events (and review facts) and the plan's
    /// conflict copies.
    pub fn poll(&mut self) -> Result<Polled> {
        let now = self.clock.now_ms();
        let ahead = &mut self.ahead;
        let mut events = Vec::new();
        self.reader.poll_into(&mut |key, ev| {
            // Nothing can have happened after now: the replica counts such
            // an event as made now; its writer is named as being ahead.
            if from_future(now, ev.wall_ms) {
                let sample = now.saturating_sub(ev.wall_ms);
                let entry = ahead.entry(key.actor.clone()).or_insert(sample);
                *entry = (*entry).min(sample);
            }
            events.push((key, ev));
        })?;
        self.review.reader.poll_into(&mut |key, ev| events.push((key, ev)))?;
        let conflicts = sync::plan_conflicts(&self.dir);
        let conflicts_changed = conflicts != self.plan_conflicts;
        self.plan_conflicts = conflicts;
        if let Some(clocks) = self.clocks.as_mut() {
            clocks.poll(self.clock.now_ms());
        }
        Ok(Polled {
            events,
            conflicts_changed,
            read_at: now,
        })
    }

    /// Reads every event again from the start (after a failed write: the
    /// state is folded again without what was not saved).
    pub fn reread(&mut self) -> Result<Polled> {
        self.reader = LogReader::new(self.dir.join(LOG_DIR));
        self.review.restart();
        self.poll()
    }

    /// Entries of `log/` that are not read (links, folders, FIFOs, names
    /// that are not UTF-8, files that cannot be opened): `runde check`
    /// names them; for everyone else they simply are not there.
    pub fn skipped(&self) -> Vec<super::listing::Skipped> {
        self.reader.skipped()
    }

    /// Writers whose clocks disagree with the log by more than a minute
    /// (see [`Skews::clocks_off`]), as `state` proves them and this
    /// folder's reads saw them.
    pub fn clocks_off(&self, state: &SessionState) -> Vec<ClockOff> {
        self.skews().clocks_off(state)
    }

    /// Re-reads `session.json` (edited by `runde prepare` or `plan
    /// --edit`): the new plan when the file changed. A plan that does not
    /// parse is ignored.
    pub fn reload_plan(&mut self) -> Option<Plan> {
        match plan_file::read_plan(&self.dir.join(PLAN_FILE)) {
            Ok(plan) if plan != self.file_plan => {
                self.file_plan = plan.clone();
                Some(plan)
            }
            _ => None,
        }
    }

    /// Starts measuring clock differences to the other open views (see
    /// [`probe`]); only views do this, CLI calls never write probes.
    pub fn enable_clock_probes(&mut self) {
        let mut clocks = probe::ClockExchange::new(&self.dir, self.clock.now_ms());
        if let Some(actor) = self.writer.actor() {
            clocks.announce(actor);
        }
        clocks.poll(self.clock.now_ms());
        self.clocks = Some(clocks);
    }

    /// How far the clock of the writer `actor` is behind ours, in ms
    /// (negative: ahead), when a probe round trip proved a difference of
    /// more than a second beyond the measurement's uncertainty.
    pub fn skew_of(&self, actor: &str) -> Option<i64> {
        let estimate = self.clocks.as_ref()?.estimate_for_actor(actor)?;
        // A writer more than a minute ahead has its events' times clamped
        // to ours as they arrive (see `poll`): no correction is left.
        estimate
            .credible(1000)
            .map(|offset| -offset)
            .filter(|s| *s >= -FUTURE_TOLERANCE_MS)
    }

    /// The largest proven clock difference to any other view (same sign as
    /// [`Folder::skew_of`]). A sync engine's delivery delay never counts.
    pub fn largest_skew(&self) -> Option<i64> {
        let probed = self
            .clocks
            .iter()
            .flat_map(|c| c.estimates())
            .filter_map(|e| e.credible(1000))
            .map(|offset| -offset);
        probed.chain(self.ahead.values().copied()).max_by_key(|s| s.abs())
    }

    /// Every proven clock difference, as data for the views.
    pub fn skews(&self) -> Skews {
        let by_actor = self
            .clocks
            .iter()
            .flat_map(|c| c.actors())
            .filter_map(|a| Some((a.to_string(), self.skew_of(a)?)))
            .collect();
        let ahead = self
            .ahead
            .iter()
            .map(|(actor, off)| {
                let (log, by) = self.reader.writer(actor);
                ClockOff {
                    actor: actor.clone(),
                    behind_ms: *off,
                    log,
                    by,
                }
            })
            .collect();
        let writers = self
            .reader
            .writers()
            .into_iter()
            .map(|(actor, log, by)| (actor.to_string(), (log, by)))
            .collect();
        Skews {
            by_actor,
            largest: self.largest_skew(),
            ahead,
            writers,
        }
    }

    /// Notes an event of ours, so the reader does not apply it twice.
    pub(super) fn skip_own(&mut self, key: &OrderKey) {
        self.reader.skip_own(key);
    }
}
