//! Timer facts placed by the log's order, not by a writer's clock alone.
//!
//! A board's timer operations are folded in log order (Lamport, writer,
//! sequence). Each is made at its writer's wall time — but never before
//! the newest fact its writer had seen: a writer stamping Lamport `L` had
//! read a fact at `L − 1` (by someone else), so its operation happened no
//! earlier than that fact (the earliest of them, when several share `L − 1`)
//! and no earlier than the timer's previous operation. A note-taker whose
//! clock is 30 minutes behind therefore pauses the group's timer at about
//! the time of the last thing the log shows before the pause, not half an
//! hour before its start. An operation stamped in the reader's future (a
//! clock ahead, see `Session::refresh`) carries no time of its own and is
//! placed by the same rule. How far each writer's stamps had to be moved is
//! kept, so `check` and the views can name the writer and its offset.
use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::HashMap;

use crate::model::event::{OrderKey, TimerOp};
use crate::model::timer::TimerFacts;

/// A writer's stamps moved by at least this much are reported (smaller
/// differences are a sync engine's delay or ordinary clock drift).
pub const CLOCK_NOTICE_MS: i64 = 60_000;

/// Wall times of the facts read so far, by Lamport clock and writer: the
/// evidence of what time it was when a writer stamped its next clock.
#[derive(Debug, Clone, Default)]
pub(super) struct LogTimes(pub(super) BTreeMap<u64, Vec<(Arc<str>, i64)>>);

impl LogTimes {
    /// Records a fact whose wall time is believable.
    pub(super) fn add(&mut self, key: &OrderKey, wall_ms: i64) {
        let at = self.0.entry(key.lamport).or_default();
        if !at.iter().any(|(a, w)| Arc::ptr_eq(a, &key.actor) && *w == wall_ms) {
            at.push((key.actor.clone(), wall_ms));
        }
    }

    /// The earliest wall time among other writers' facts at `key`'s
    /// Lamport clock minus one: what `key`'s writer had seen at least.
    pub(super) fn seen_before(&self, key: &OrderKey) -> Option<i64> {
        let before = key.lamport.checked_sub(1)?;
        self.0
            .get(&before)?
            .iter()
            .filter(|(a, _)| **a != *key.actor)
            .map(|(_, w)| *w)
            .min()
    }
}

/// When a timer operation was made, as far as its stamp tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stamp {
    /// At this wall time (ms).
    At(i64),
    /// Stamped in the reader's future (a clock ahead): not believed. The
    /// reader's time when it read it stands in only when nothing else
    /// places it.
    Future { read_at: i64 },
}

/// Where a timer operation stands in the order: its event's key and its
/// step within the event (several boards' steps share one event).
pub(super) type StepKey = (OrderKey, u32);

/// One board's timer events in order, and their fold.
#[derive(Debug, Clone, Default)]
pub(super) struct TimerLog {
    /// (event and step, operation, its stamp).
    pub(super) ops: Vec<(StepKey, TimerOp, Stamp)>,
    pub(super) facts: TimerFacts,
    /// Per writer, the most its stamps were moved later (ms).
    pub(super) moved: HashMap<Arc<str>, i64>,
}

impl TimerLog {
    /// Adds one operation, step `step` of the event at `key` (a plain
    /// timer fact is step 0; a batch's steps count up); returns how many
    /// operations were folded for it. The usual case, an operation after all
    /// known ones, folds only itself; a bulk load sorts and folds once at
    /// the end ([`Self::refold`]).
    pub(super) fn add(&mut self, at: StepKey, op: TimerOp, stamp: Stamp, bulk: bool, times: &LogTimes) -> usize {
        if bulk {
            self.ops.push((at, op, stamp));
            return 0;
        }
        let pos = self.ops.partition_point(|(k, _, _)| *k < at);
        if self.ops.get(pos).is_some_and(|(k, _, _)| *k == at) {
            return 0; // the same event again (a retried save): already folded
        }
        if pos == self.ops.len() {
            self.place(&at.0, op, stamp, times);
            self.ops.push((at, op, stamp));
            return 1;
        }
        self.ops.insert(pos, (at, op, stamp));
        self.refold(times)
    }

    /// Folds one operation after all earlier ones, placing it in time.
    fn place(&mut self, key: &OrderKey, op: TimerOp, stamp: Stamp, times: &LogTimes) {
        let seen = times.seen_before(key);
        let at = match (stamp, seen) {
            (Stamp::At(w), Some(s)) => w.max(s),
            (Stamp::At(w), None) => w,
            (Stamp::Future { .. }, Some(s)) => s,
            (Stamp::Future { read_at }, None) => read_at,
        };
        self.facts.apply(op, at);
        if let (Stamp::At(w), Some(placed)) = (stamp, self.facts.last_at()) {
            let moved = placed.saturating_sub(w);
            if moved >= CLOCK_NOTICE_MS {
                let entry = self.moved.entry(key.actor.clone()).or_insert(0);
                *entry = (*entry).max(moved);
            }
        }
    }

    /// Sorts the operations by the log order and folds them from scratch.
    pub(super) fn refold(&mut self, times: &LogTimes) -> usize {
        self.ops.sort_by(|a, b| a.0.cmp(&b.0));
        // A bulk load may hold one event twice (a retried save).
        self.ops.dedup_by(|later, earlier| later.0 == earlier.0);
        self.facts = TimerFacts::default();
        self.moved = HashMap::default();
        let ops = std::mem::take(&mut self.ops);
        for ((key, _), op, stamp) in &ops {
            self.place(key, *op, *stamp, times);
        }
        self.ops = ops;
        self.ops.len()
    }

    /// True when an operation was stamped right after `lamport` (its
    /// placement depends on facts at `lamport`).
    pub(super) fn follows(&self, lamport: u64) -> bool {
        let next = lamport.saturating_add(1);
        let at = self.ops.partition_point(|((k, _), _, _)| k.lamport < next);
        self.ops.get(at).is_some_and(|((k, _), _, _)| k.lamport == next)
    }
}
