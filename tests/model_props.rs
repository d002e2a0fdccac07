//! Property test: random sequences of add/edit/rm/move/star/undo/redo from
//! several writers on one session folder, reloaded from disk, equal an
//! independent in-memory model — and every writer converges to it.
//!
//! The model knows nothing of position keys. Each time a note is placed it
//! gets a new *place*, and the model records only what placing promises: a
//! note added or moved to the end sorts after every note then in the
//! section (deleted ones too), a note moved before `X` sorts before `X` and
//! after every note then known to sort before `X`; undo and redo give a note
//! back the place it had. Two places are ordered when these promises order
//! them (transitively). The state's order must agree with every such pair.
//! Places the promises do not order — a note put back into a gap another
//! note was put into while it was away — may come in either order: which
//! one is first depends on how a key is picked inside a gap (and, for equal
//! keys, on the ids, as the state sorts ties), a choice any correct
//! implementation may make differently. Within one section the state's
//! (key, id) pairs must rise strictly: that is the tie rule itself.
use std::collections::HashMap;
use std::sync::Arc;

use proptest::prelude::*;
use runde::clock::FakeClock;
use runde::store::Session;

const PLACES: [(&str, &str); 4] = [
    ("methods", "notes"),
    ("success", "factors"),
    ("success", "pitfalls"),
    ("findings", "notes"),
];

#[derive(Debug, Clone)]
enum Op {
    Add {
        w: usize,
        place: usize,
        text: u16,
    },
    Edit {
        w: usize,
        note: usize,
        text: u16,
    },
    Delete {
        w: usize,
        note: usize,
    },
    Star {
        w: usize,
        note: usize,
    },
    Move {
        w: usize,
        note: usize,
        place: usize,
        before: Option<usize>,
    },
    Undo {
        w: usize,
    },
    Redo {
        w: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let w = 0..3usize;
    prop_oneof![
        3 => (w.clone(), 0..4usize, any::<u16>()).prop_map(|(w, place, text)| Op::Add { w, place, text }),
        1 => (w.clone(), any::<usize>(), any::<u16>()).prop_map(|(w, note, text)| Op::Edit { w, note, text }),
        1 => (w.clone(), any::<usize>()).prop_map(|(w, note)| Op::Delete { w, note }),
        1 => (w.clone(), any::<usize>()).prop_map(|(w, note)| Op::Star { w, note }),
        2 => (w.clone(), any::<usize>(), 0..4usize, proptest::option::of(any::<usize>()))
            .prop_map(|(w, note, place, before)| Op::Move { w, note, place, before }),
        1 => w.clone().prop_map(|w| Op::Undo { w }),
        1 => w.prop_map(|w| Op::Redo { w }),
    ]
}

/// The order model: places, and which places are promised to sort before
/// which (an edge `a → b`: `a` sorts before `b`).
#[derive(Default)]
struct Order {
    after: Vec<Vec<usize>>,
}

impl Order {
    /// A new place, not yet ordered against any other.
    fn place(&mut self) -> usize {
        self.after.push(Vec::new());
        self.after.len() - 1
    }

    /// Records the promise that `a` sorts before `b`.
    fn promise(&mut self, a: usize, b: usize) {
        self.after[a].push(b);
    }

    /// True when the promises put `a` before `b`.
    fn before(&self, a: usize, b: usize) -> bool {
        let mut seen = vec![false; self.after.len()];
        let mut todo = vec![a];
        while let Some(x) = todo.pop() {
            for &y in &self.after[x] {
                if y == b {
                    return true;
                }
                if !std::mem::replace(&mut seen[y], true) {
                    todo.push(y);
                }
            }
        }
        false
    }
}

/// The model's view of a note.
#[derive(Debug, Clone, PartialEq)]
struct M {
    board: String,
    section: String,
    /// Its place in the order model.
    pos: usize,
    text: String,
    starred: bool,
    deleted: bool,
}

/// Which fields an action set: text, starred, deleted, place (board+section+pos).
#[derive(Debug, Clone, Copy)]
enum Fields {
    Text,
    Starred,
    Deleted,
    Place,
}

impl Fields {
    fn copy(self, from: &M, to: &mut M) {
        match self {
            Fields::Text => to.text.clone_from(&from.text),
            Fields::Starred => to.starred = from.starred,
            Fields::Deleted => to.deleted = from.deleted,
            Fields::Place => {
                to.board.clone_from(&from.board);
                to.section.clone_from(&from.section);
                to.pos.clone_from(&from.pos);
            }
        }
    }
}

type Undo = (String, Fields, M, M);

#[derive(Default)]
struct Model {
    notes: HashMap<String, M>,
    undo: [Vec<Undo>; 3],
    redo: [Vec<Undo>; 3],
    order: Order,
}

impl Model {
    /// A section's notes, deleted ones included, by id (the model has no
    /// order of its own to sort them by).
    fn slots(&self, board: &str, section: &str) -> Vec<(String, M)> {
        let mut v: Vec<(String, M)> = self
            .notes
            .iter()
            .filter(|(_, m)| m.board == board && m.section == section)
            .map(|(id, m)| (id.clone(), m.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Promises that place `p` sorts after every note now in the section
    /// but `id`.
    fn promise_end(&mut self, board: &str, section: &str, id: &str, p: usize) -> Result<(), TestCaseError> {
        for (other, m) in self.slots(board, section) {
            if other != id {
                self.promise(m.pos, p)?;
            }
        }
        Ok(())
    }

    /// Promises that place `p` sorts just before place `next`: before it,
    /// and after every note of the section (but `id`) promised to sort
    /// before it.
    fn promise_before(
        &mut self,
        board: &str,
        section: &str,
        id: &str,
        p: usize,
        next: usize,
    ) -> Result<(), TestCaseError> {
        self.promise(p, next)?;
        for (other, m) in self.slots(board, section) {
            if other != id && self.order.before(m.pos, next) {
                self.promise(m.pos, p)?;
            }
        }
        Ok(())
    }

    /// Records that `a` sorts before `b`, failing when earlier promises put
    /// `b` before `a` (only possible for a place that already existed).
    fn promise(&mut self, a: usize, b: usize) -> Result<(), TestCaseError> {
        prop_assert!(
            !self.order.before(b, a),
            "a note left in place contradicts where it was asked to go"
        );
        self.order.promise(a, b);
        Ok(())
    }

    fn live_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .notes
            .iter()
            .filter(|(_, m)| !m.deleted)
            .map(|(id, _)| id.clone())
            .collect();
        ids.sort();
        ids
    }
    fn record(&mut self, w: usize, id: &str, fields: Fields, before: M) {
        let after = self.notes[id].clone();
        if before != after {
            self.undo[w].push((id.to_string(), fields, before, after));
            self.redo[w].clear();
        }
    }
    fn restore(&mut self, id: &str, fields: Fields, from: &M) {
        if let Some(m) = self.notes.get_mut(id) {
            fields.copy(from, m);
        }
    }
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let date = runde::model::plan::Date(chrono::NaiveDate::from_ymd_opt(2021, 10, 5).unwrap());
    let plan = runde::model::template::plan("kompetenznetzwerk", runde::model::Lang::De, None, date).unwrap();
    runde::store::create::create_session(&dir, &plan).unwrap();
    let clock = FakeClock::at(1_000_000);
    let mut writers: Vec<Session> = (0..3)
        .map(|_| Session::open_with_clock(&dir, Arc::new(clock.clone())).unwrap())
        .collect();
    let mut model = Model::default();

    for op in ops {
        clock.advance_ms(7);
        let w = match &op {
            Op::Add { w, .. }
            | Op::Edit { w, .. }
            | Op::Delete { w, .. }
            | Op::Star { w, .. }
            | Op::Move { w, .. }
            | Op::Undo { w }
            | Op::Redo { w } => *w,
        };
        let s = &mut writers[w];
        s.refresh().unwrap();
        let live = model.live_ids();
        let pick = |i: usize| live.get(i % live.len().max(1)).cloned();
        match op {
            Op::Add { place, text, .. } => {
                let (b, sec) = PLACES[place];
                let id = s
                    .add_note(b, Some(sec), &format!("note {text}"), Default::default(), false)
                    .unwrap();
                let pos = model.order.place();
                model.promise_end(b, sec, &id, pos)?;
                let m = M {
                    board: b.into(),
                    section: sec.into(),
                    pos,
                    text: format!("note {text}"),
                    starred: false,
                    deleted: false,
                };
                let before = M {
                    deleted: true,
                    ..m.clone()
                };
                model.notes.insert(id.clone(), m);
                model.record(w, &id, Fields::Deleted, before);
            }
            Op::Edit { note, text, .. } => {
                let Some(id) = pick(note) else { continue };
                s.edit_note(&id, &format!("edit {text}")).unwrap();
                let before = model.notes[&id].clone();
                model.notes.get_mut(&id).unwrap().text = format!("edit {text}");
                model.record(w, &id, Fields::Text, before);
            }
            Op::Delete { note, .. } => {
                let Some(id) = pick(note) else { continue };
                s.delete_note(&id).unwrap();
                let before = model.notes[&id].clone();
                model.notes.get_mut(&id).unwrap().deleted = true;
                model.record(w, &id, Fields::Deleted, before);
            }
            Op::Star { note, .. } => {
                let Some(id) = pick(note) else { continue };
                let starred = !model.notes[&id].starred;
                s.set_starred(&id, starred).unwrap();
                let before = model.notes[&id].clone();
                model.notes.get_mut(&id).unwrap().starred = starred;
                model.record(w, &id, Fields::Starred, before);
            }
            Op::Move {
                note, place, before, ..
            } => {
                let Some(id) = pick(note) else { continue };
                let (b, sec) = PLACES[place];
                let slots: Vec<(String, M)> = model.slots(b, sec).into_iter().filter(|(i, _)| *i != id).collect();
                let live_slots: Vec<usize> = slots
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, m))| !m.deleted)
                    .map(|(i, _)| i)
                    .collect();
                let before_at = before.and_then(|x| live_slots.get(x % live_slots.len().max(1)).copied());
                let before_id = before_at.map(|i| slots[i].0.clone());
                let place_of = |s: &Session| {
                    let n = s.state().note(&id).unwrap();
                    (n.board.clone(), n.section.clone(), n.pos.clone())
                };
                let was = place_of(s);
                s.move_note(&id, Some(b), Some(sec), before_id.as_deref()).unwrap();
                // A move to where the note already is changes nothing and is
                // not undoable; whether that is so depends on its key, so the
                // store's answer is taken, and held to the move's promises.
                let moved = place_of(s) != was;
                let pos = if moved {
                    model.order.place()
                } else {
                    model.notes[&id].pos
                };
                match before_at {
                    Some(i) => model.promise_before(b, sec, &id, pos, slots[i].1.pos)?,
                    None => model.promise_end(b, sec, &id, pos)?,
                }
                if !moved {
                    continue;
                }
                let prev = model.notes[&id].clone();
                let m = model.notes.get_mut(&id).unwrap();
                m.board = b.into();
                m.section = sec.into();
                m.pos = pos;
                model.record(w, &id, Fields::Place, prev);
            }
            Op::Undo { .. } => {
                let done = s.undo().unwrap();
                let entry = model.undo[w].pop();
                prop_assert_eq!(done.is_some(), entry.is_some());
                if let Some((id, fields, before, after)) = entry {
                    model.restore(&id, fields, &before);
                    model.redo[w].push((id, fields, before, after));
                }
            }
            Op::Redo { .. } => {
                let done = s.redo().unwrap();
                let entry = model.redo[w].pop();
                prop_assert_eq!(done.is_some(), entry.is_some());
                if let Some((id, fields, before, after)) = entry {
                    model.restore(&id, fields, &after);
                    model.undo[w].push((id, fields, before, after));
                }
            }
        }
    }

    let fresh = Session::open(&dir).unwrap();
    let mut sessions = vec![fresh];
    for mut w in writers {
        w.refresh().unwrap();
        sessions.push(w);
    }
    for s in &sessions {
        for (b, sec) in PLACES {
            let notes = s.state().notes_in(b, sec);
            // The state's own tie rule: (key, id) rises strictly.
            for w in notes.windows(2) {
                prop_assert!(
                    (&w[0].pos, &w[0].id) < (&w[1].pos, &w[1].id),
                    "{}/{} not sorted",
                    b,
                    sec
                );
            }
            let mut got: Vec<(String, String, bool)> = notes
                .iter()
                .map(|n| (n.id.clone(), n.text.clone(), n.starred))
                .collect();
            let order: Vec<String> = got.iter().map(|(id, _, _)| id.clone()).collect();
            got.sort();
            let want: Vec<(String, String, bool)> = model
                .slots(b, sec)
                .into_iter()
                .filter(|(_, m)| !m.deleted)
                .map(|(id, m)| (id, m.text, m.starred))
                .collect();
            prop_assert_eq!(got, want, "{}/{}", b, sec);
            for (i, first) in order.iter().enumerate() {
                for second in &order[i + 1..] {
                    prop_assert!(
                        !model.order.before(model.notes[second].pos, model.notes[first].pos),
                        "{}/{}: {} shown before {}, but it was placed after it: {:?}",
                        b,
                        sec,
                        first,
                        second,
                        order
                    );
                }
            }
        }
        prop_assert_eq!(s.state().live_notes().count(), model.live_ids().len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    #[test]
    fn writers_reloaded_equal_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        run(ops)?;
    }
}
