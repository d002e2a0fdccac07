//! Folding events into the state: applying each change once, in order, and
//! the bulk mode that sorts a whole folder's events at the end.
use super::{
    Broadcast, Change, Event, HashMap, NewNote, Note, OrderKey, PendingSignal, SessionState, SignalSlot, Slot,
    SlotList, Stamp, Versions, apply_early,
};
use crate::model::TimerStep;

impl SessionState {
    /// Applies one event with its key. Any order gives the same result.
    pub fn apply(&mut self, key: &OrderKey, ev: Event) {
        self.apply_stamped(key, ev, None);
    }

    /// Applies an event stamped later than the reader's time `now_ms` by
    /// more than a reader tolerates (a writer's clock ahead): nothing can
    /// have happened after now, so notes and messages count as made now,
    /// and a timer fact is placed by the log's order alone (see `timers.rs`).
    pub fn apply_from_future(&mut self, key: &OrderKey, ev: Event, now_ms: i64) {
        self.apply_stamped(key, ev, Some(now_ms));
    }

    fn apply_stamped(&mut self, key: &OrderKey, mut ev: Event, future: Option<i64>) {
        self.max_lamport = self.max_lamport.max(ev.lamport);
        self.events += 1;
        let stamp = match future {
            Some(read_at) => {
                ev.wall_ms = read_at;
                Stamp::Future { read_at }
            }
            None => {
                self.times.add(key, ev.wall_ms);
                // A timer fact stamped right after this one may now be placed later.
                if !self.bulk {
                    let times = &self.times;
                    for log in self.timers.values_mut().filter(|l| l.follows(key.lamport)) {
                        self.timer_folds += log.refold(times);
                    }
                }
                Stamp::At(ev.wall_ms)
            }
        };
        let wall_ms = ev.wall_ms;
        match ev.c {
            Change::NoteAdded(n) => self.add_note(key, n, wall_ms),
            Change::NoteSet { id, fields } => match self.ids.get(&id).copied() {
                Some(at) if *key < self.notes[at].1.created => {
                    // Older than the add we know: it belongs to an earlier copy
                    // of that add, which may still arrive (a retried save).
                    self.early.entry(id).or_default().push((key.clone(), fields));
                }
                Some(at) => {
                    let (note, versions) = &mut self.notes[at];
                    let before = Slot::of(note);
                    note.set(versions, fields, key);
                    let after = Slot::of(note);
                    if before != after {
                        self.unindex(&before, &id, at);
                        self.reindex(&after, &id, at);
                    }
                }
                None => self.early.entry(id).or_default().push((key.clone(), fields)),
            },
            Change::Phase { phase } => {
                let at = self.phases.partition_point(|(k, _, _)| k < key);
                self.phases.insert(at, (key.clone(), phase, wall_ms));
            }
            Change::Timer { board, op } => {
                let log = self.timers.entry(board).or_default();
                self.timer_folds += log.add((key.clone(), 0), op, stamp, self.bulk, &self.times);
            }
            Change::Timers { steps } => {
                for (step, TimerStep { board, op }) in (0u32..).zip(steps) {
                    let log = self.timers.entry(board).or_default();
                    self.timer_folds += log.add((key.clone(), step), op, stamp, self.bulk, &self.times);
                }
            }
            Change::Broadcast {
                text,
                board,
                until_ms,
                phase,
            } => {
                let at = self.broadcasts.partition_point(|(k, _)| k < key);
                let known = self.broadcasts.get(at).is_some_and(|(k, _)| k == key);
                if !known {
                    let message = Broadcast {
                        text,
                        board,
                        wall_ms,
                        until_ms,
                        phase,
                    };
                    self.broadcasts.insert(at, (key.clone(), message));
                }
            }
            Change::Signal { board, signal } => {
                self.set_signal(key, board, SignalSlot::Pending(PendingSignal { signal, wall_ms }));
            }
            Change::SignalAck { board } => {
                self.set_signal(key, board, SignalSlot::Seen { at_ms: wall_ms });
            }
            Change::MentionDecided(d) => self.review.decide(key, d),
            Change::SignedOff(s) => self.review.sign(key, s, wall_ms),
        }
    }

    pub(super) fn add_note(&mut self, key: &OrderKey, n: NewNote, wall_ms: i64) {
        if let Some(&at) = self.ids.get(&n.id) {
            self.readd_note(at, key, n, wall_ms);
            return;
        }
        let mut note = Note {
            id: n.id,
            board: n.board,
            section: n.section,
            text: n.text,
            kind: n.kind,
            starred: n.starred,
            by: n.by,
            created_ms: wall_ms,
            pos: n.pos,
            deleted: false,
            follow_up: false,
            done: false,
            origin: n.origin,
            sources: n.sources,
            lang: n.lang,
        };
        let mut versions = Versions::all(key);
        apply_early(&mut self.early, &mut note, &mut versions);
        let at = self.notes.len();
        self.reindex(&Slot::of(&note), &note.id, at);
        self.ids.insert(note.id.clone(), at);
        self.notes.push((note, versions));
    }

    /// A repeated `note_added` for a known id (a retried save): the earliest
    /// one wins, whatever order the copies are read in, so every process
    /// folds the same note. Fields changed since keep their newer values.
    pub(super) fn readd_note(&mut self, at: usize, key: &OrderKey, n: NewNote, wall_ms: i64) {
        let (note, versions) = &mut self.notes[at];
        if *key >= versions.created {
            return;
        }
        let before = Slot::of(note);
        let created = versions.created.clone();
        let fresh = |v: &mut OrderKey| {
            let untouched = *v == created;
            if untouched {
                *v = key.clone();
            }
            untouched
        };
        if fresh(&mut versions.text) {
            note.text = n.text;
        }
        if fresh(&mut versions.kind) {
            note.kind = n.kind;
        }
        if fresh(&mut versions.starred) {
            note.starred = n.starred;
        }
        if fresh(&mut versions.board) {
            note.board = n.board;
        }
        if fresh(&mut versions.section) {
            note.section = n.section;
        }
        if fresh(&mut versions.pos) {
            note.pos = n.pos;
        }
        for v in [&mut versions.deleted, &mut versions.follow_up, &mut versions.done] {
            fresh(v);
        }
        note.by = n.by;
        note.created_ms = wall_ms;
        note.origin = n.origin;
        note.sources = n.sources;
        note.lang = n.lang;
        versions.created = key.clone();
        apply_early(&mut self.early, note, versions);
        let note = &self.notes[at].0;
        let after = Slot::of(note);
        let id = note.id.clone();
        if before != after {
            self.unindex(&before, &id, at);
            self.reindex(&after, &id, at);
        }
    }

    /// Starts a bulk load: indexes are rebuilt once by [`Self::end_bulk`].
    pub fn begin_bulk(&mut self) {
        self.bulk = true;
    }

    /// Ends a bulk load and builds the indexes in one pass.
    pub fn end_bulk(&mut self) {
        if !std::mem::take(&mut self.bulk) {
            return;
        }
        for log in self.timers.values_mut() {
            self.timer_folds += log.refold(&self.times);
        }
        let mut slots: HashMap<&str, HashMap<&str, SlotList>> = HashMap::default();
        let mut times: HashMap<&str, Vec<(i64, String, usize)>> = HashMap::default();
        for (at, (n, _)) in self.notes.iter().enumerate() {
            slots
                .entry(&n.board)
                .or_default()
                .entry(&n.section)
                .or_default()
                .push((n.pos.clone(), n.id.clone(), at));
            if !n.deleted {
                times
                    .entry(&n.board)
                    .or_default()
                    .push((n.created_ms, n.id.clone(), at));
            }
        }
        let index = slots
            .into_iter()
            .map(|(b, sections)| {
                let sections = sections
                    .into_iter()
                    .map(|(s, mut v)| {
                        v.sort_unstable();
                        (s.to_string(), v.into_iter().collect())
                    })
                    .collect();
                (b.to_string(), sections)
            })
            .collect();
        let by_time = times
            .into_iter()
            .map(|(b, mut v)| {
                v.sort_unstable();
                (b.to_string(), v.into_iter().collect())
            })
            .collect();
        self.index = index;
        self.by_time = by_time;
    }

    pub(super) fn reindex(&mut self, slot: &Slot, id: &str, at: usize) {
        if self.bulk {
            return;
        }
        let sections = match self.index.get_mut(slot.board.as_str()) {
            Some(s) => s,
            None => self.index.entry(slot.board.clone()).or_default(),
        };
        let set = match sections.get_mut(slot.section.as_str()) {
            Some(set) => set,
            None => sections.entry(slot.section.clone()).or_default(),
        };
        set.insert((slot.pos.clone(), id.to_string(), at));
        if !slot.deleted {
            let by_time = match self.by_time.get_mut(slot.board.as_str()) {
                Some(t) => t,
                None => self.by_time.entry(slot.board.clone()).or_default(),
            };
            by_time.insert((slot.created_ms, id.to_string(), at));
        }
    }

    pub(super) fn unindex(&mut self, slot: &Slot, id: &str, at: usize) {
        if self.bulk {
            return;
        }
        if let Some(set) = self
            .index
            .get_mut(slot.board.as_str())
            .and_then(|s| s.get_mut(slot.section.as_str()))
        {
            set.remove(&(slot.pos.clone(), id.to_string(), at));
        }
        if !slot.deleted {
            if let Some(set) = self.by_time.get_mut(slot.board.as_str()) {
                set.remove(&(slot.created_ms, id.to_string(), at));
            }
        }
    }

    pub(super) fn set_signal(&mut self, key: &OrderKey, board: String, value: SignalSlot) {
        let slot = self.signals.entry(board).or_insert((key.clone(), value));
        if *key >= slot.0 {
            *slot = (key.clone(), value);
        }
    }
}
