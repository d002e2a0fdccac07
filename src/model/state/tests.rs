use super::*;
use crate::model::Lang;
use crate::model::event::{NewNote, Origin, TimerStep};
use proptest::prelude::*;
use std::sync::Arc;

fn ev(lamport: u64, c: Change) -> Event {
    Event {
        seq: lamport,
        lamport,
        wall_ms: lamport as i64 * 1000,
        c,
    }
}

fn origin(i: usize) -> Origin {
    Origin {
        session: format!("earlier-{i}"),
        meeting: Some(i as u32),
        date: "2021-10-05".into(),
        note: format!("first-{i}"),
    }
}

/// A causally plausible history from three actors.
fn history(ops: &[(u8, u8, u8)]) -> Vec<(OrderKey, Event)> {
    let actors: Vec<Arc<str>> = ["a", "b", "c"].iter().map(|a| Arc::from(*a)).collect();
    let mut out = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (i, &(actor, what, target)) in ops.iter().enumerate() {
        let lamport = i as u64 / 2 + 1; // pairs share a lamport: concurrent
        let key = OrderKey {
            lamport,
            actor: actors[actor as usize % 3].clone(),
            seq: i as u64,
        };
        let pick = || ids.get(target as usize % ids.len().max(1)).cloned();
        let c = match (what % 8, pick()) {
            (7, Some(id)) => Change::NoteAdded(NewNote {
                id,
                board: "b".into(),
                section: "s".into(),
                text: format!("retry {i}"),
                kind: NoteKind::Bullet,
                starred: false,
                // A retried add that differs in every field an add alone
                // sets: the earliest copy must win for each of them.
                by: (i % 3 != 0).then(|| format!("retry-by {i}")),
                pos: format!("{}", (b'a' + (i % 26) as u8) as char),
                origin: (i % 2 == 0).then(|| origin(i)),
                sources: vec![format!("src{i}")],
                lang: [None, Some(Lang::De), Some(Lang::En)][i % 3],
            }),
            (0, _) | (_, None) => {
                let id = format!("n{i}");
                ids.push(id.clone());
                Change::NoteAdded(NewNote {
                    id,
                    board: "b".into(),
                    section: "s".into(),
                    text: format!("t{i}"),
                    kind: NoteKind::Bullet,
                    starred: false,
                    by: (i % 2 == 0).then(|| format!("by {actor}")),
                    pos: format!("{}", (b'a' + (i % 26) as u8) as char),
                    origin: (i % 3 == 1).then(|| origin(i)),
                    sources: Vec::new(),
                    lang: [Some(Lang::En), None, Some(Lang::De)][i % 3],
                })
            }
            (1, Some(id)) => Change::NoteSet {
                id,
                fields: NoteFields {
                    text: Some(format!("e{i}")),
                    ..Default::default()
                },
            },
            (2, Some(id)) => Change::NoteSet {
                id,
                fields: NoteFields {
                    deleted: Some(i % 2 == 0),
                    ..Default::default()
                },
            },
            // A move (section and key), or a respace (the key alone).
            (3, Some(id)) => Change::NoteSet {
                id,
                fields: NoteFields {
                    section: (i % 3 != 0).then(|| format!("s{}", i % 3)),
                    pos: Some(format!("m{}", i % 5)),
                    ..Default::default()
                },
            },
            // Every third timer fact is a batch: both boards, and two steps
            // on "b" (an undo writes such pairs).
            (4, _) if i % 3 == 0 => Change::Timers {
                steps: [("b", i), ("c", i + 1), ("b", i + 2)]
                    .into_iter()
                    .map(|(board, k)| TimerStep {
                        board: board.into(),
                        op: timer_op(k),
                    })
                    .collect(),
            },
            (4, _) => Change::Timer {
                board: "b".into(),
                op: timer_op(i),
            },
            (5, _) => Change::Phase {
                phase: Some(format!("p{}", i % 3)),
            },
            (6, _) => Change::Broadcast {
                // Every fourth one clears; some are aimed, some expire.
                text: if i % 4 == 0 {
                    String::new()
                } else {
                    format!("m{}", i % 3)
                },
                board: (i % 3 == 0).then(|| "b".into()),
                until_ms: (i % 2 == 0).then_some(i as i64 * 1000),
                phase: (i % 5 == 0).then(|| format!("p{}", i % 3)),
            },
            _ if i % 2 == 0 => Change::SignalAck { board: "b".into() },
            _ => Change::Signal {
                board: "b".into(),
                signal: Signal::NeedTime,
            },
        };
        out.push((key, ev(lamport, c)));
    }
    out
}

fn timer_op(i: usize) -> TimerOp {
    [
        TimerOp::Start { duration_ms: 60_000 },
        TimerOp::Pause,
        TimerOp::Resume,
        TimerOp::Extend { delta_ms: 5000 },
        TimerOp::Reset,
    ][i % 5]
}

/// One board's timer operations: (key and step, operation, wall time).
type TimerOps = Vec<(super::timers::StepKey, TimerOp, super::Stamp)>;

/// Everything a state holds, in a form that does not depend on the order
/// its events arrived in. The destructuring names every field of
/// [`SessionState`], so a new field does not compile until it is compared
/// here or its omission is explained.
#[derive(Debug, PartialEq)]
struct Full {
    /// Every note with every field, by id.
    notes: Vec<Note>,
    /// Each section's order (deleted notes included): board, section, ids.
    sections: Vec<(String, String, Vec<String>)>,
    /// Each board's live notes by creation time: (created, id).
    by_time: Vec<(String, Vec<(i64, String)>)>,
    /// Phase changes in log order, one per event.
    phases: Vec<(OrderKey, Option<String>, i64)>,
    /// Each board's timer operations in log order, and their fold.
    timers: Vec<(String, TimerOps, TimerFacts)>,
    broadcasts: Vec<(OrderKey, Broadcast)>,
    signals: Vec<(String, OrderKey, SignalSlot)>,
    /// Wall times of the facts read, by Lamport clock: (writer, time), sorted.
    times: Vec<(u64, Vec<(String, i64)>)>,
    /// Decisions on doubtful mentions and sign-offs.
    review: String,
    max_lamport: u64,
}

fn full(state: &SessionState) -> Full {
    let SessionState {
        notes,
        // Arena positions: which slot a note got depends on arrival order;
        // `ids` is checked to point at the right note instead.
        ids,
        index,
        by_time,
        // Changes older than the earliest add seen, kept for an even earlier
        // copy of it: never shown, and empty or not depending on arrival.
        early: _,
        phases,
        timers,
        broadcasts,
        signals,
        times,
        review,
        max_lamport,
        // Work counters: every copy of an event is counted.
        events: _,
        timer_folds: _,
        bulk,
    } = state;
    assert!(!bulk, "compared in the middle of a bulk load");
    for (id, &at) in ids {
        assert_eq!(&notes[at].0.id, id, "ids points at the wrong note");
    }
    assert_eq!(ids.len(), notes.len(), "a note missing from ids");
    let id_at = |at: usize| notes[at].0.id.clone();
    let mut all: Vec<Note> = notes.iter().map(|(n, _)| n.clone()).collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    let mut sections: Vec<(String, String, Vec<String>)> = index
        .iter()
        .flat_map(|(b, secs)| {
            secs.iter()
                .map(move |(s, set)| (b.clone(), s.clone(), set.iter().map(|(_, _, at)| id_at(*at)).collect()))
        })
        .filter(|(_, _, ids): &(String, String, Vec<String>)| !ids.is_empty())
        .collect();
    sections.sort();
    let mut by_time: Vec<(String, Vec<(i64, String)>)> = by_time
        .iter()
        .map(|(b, set)| (b.clone(), set.iter().map(|(t, _, at)| (*t, id_at(*at))).collect()))
        .filter(|(_, v): &(String, Vec<(i64, String)>)| !v.is_empty())
        .collect();
    by_time.sort();
    // A phase event read twice is one fact (its second copy spans no time).
    let mut phases = phases.clone();
    phases.dedup_by(|later, earlier| later.0 == earlier.0);
    let mut timers: Vec<_> = timers
        .iter()
        .map(|(b, log)| (b.clone(), log.ops.clone(), log.facts))
        .collect();
    timers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut signals: Vec<_> = signals.iter().map(|(b, (k, s))| (b.clone(), k.clone(), *s)).collect();
    signals.sort_by(|a, b| a.0.cmp(&b.0));
    Full {
        notes: all,
        sections,
        by_time,
        phases,
        timers,
        broadcasts: broadcasts.clone(),
        signals,
        times: times
            .0
            .iter()
            .map(|(l, at)| {
                let mut at: Vec<(String, i64)> = at.iter().map(|(a, w)| (a.to_string(), *w)).collect();
                at.sort();
                (*l, at)
            })
            .collect(),
        review: review.digest(),
        max_lamport: *max_lamport,
    }
}

/// What the earliest `note_added` of each id says about the fields only an
/// add sets (author, creation time, origin, sources, language): the rule a
/// retried save is folded by, written without the fold.
fn earliest_adds(events: &[(OrderKey, Event)]) -> Vec<(String, AddOnly)> {
    let mut first: std::collections::BTreeMap<String, (OrderKey, AddOnly)> = Default::default();
    for (k, e) in events {
        if let Change::NoteAdded(n) = &e.c {
            let fields = AddOnly {
                by: n.by.clone(),
                created_ms: e.wall_ms,
                origin: n.origin.clone(),
                sources: n.sources.clone(),
                lang: n.lang,
            };
            match first.get(&n.id) {
                Some((known, _)) if known <= k => {}
                _ => {
                    first.insert(n.id.clone(), (k.clone(), fields));
                }
            }
        }
    }
    first.into_iter().map(|(id, (_, f))| (id, f)).collect()
}

#[derive(Debug, PartialEq)]
struct AddOnly {
    by: Option<String>,
    created_ms: i64,
    origin: Option<Origin>,
    sources: Vec<String>,
    lang: Option<Lang>,
}

fn add_only(state: &SessionState) -> Vec<(String, AddOnly)> {
    let mut v: Vec<(String, AddOnly)> = state
        .all_notes()
        .map(|n| {
            let f = AddOnly {
                by: n.by.clone(),
                created_ms: n.created_ms,
                origin: n.origin.clone(),
                sources: n.sources.clone(),
                lang: n.lang,
            };
            (n.id.clone(), f)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn key(lamport: u64, actor: &str) -> OrderKey {
    OrderKey {
        lamport,
        actor: Arc::from(actor),
        seq: lamport,
    }
}

fn set(id: &str, section: Option<&str>, pos: &str) -> Change {
    Change::NoteSet {
        id: id.into(),
        fields: NoteFields {
            board: section.map(|_| "b".into()),
            section: section.map(Into::into),
            pos: Some(pos.into()),
            ..Default::default()
        },
    }
}

/// The case tests/model_props.rs found: writer b moves a note to another
/// section, then writer c respaces that section (a key-only change). A
/// reader that reads c's file before b's must still show the note where
/// b moved it: the key-only change set the key, not the section.
#[test]
fn a_respaced_key_read_before_the_move_it_follows_keeps_the_move() {
    let add = Change::NoteAdded(NewNote {
        id: "x".into(),
        board: "b".into(),
        section: "s1".into(),
        text: "t".into(),
        kind: NoteKind::Bullet,
        starred: false,
        by: None,
        pos: "a1".into(),
        origin: None,
        sources: Vec::new(),
        lang: None,
    });
    let events = [
        (key(1, "a"), ev(1, add)),
        (key(2, "b"), ev(2, set("x", Some("s2"), "a5"))),
        (key(3, "c"), ev(3, set("x", None, "a2"))),
    ];
    let fold = |order: [usize; 3]| {
        let mut state = SessionState::default();
        for i in order {
            state.apply(&events[i].0, events[i].1.clone());
        }
        state
    };
    for order in [[0, 1, 2], [0, 2, 1], [2, 0, 1], [1, 2, 0]] {
        let state = fold(order);
        let n = state.note("x").unwrap();
        assert_eq!(
            (n.section.as_str(), n.pos.as_str()),
            ("s2", "a2"),
            "read in order {order:?}"
        );
        assert!(
            state.notes_in("b", "s1").is_empty(),
            "still shown where it was, order {order:?}"
        );
        assert_eq!(state.notes_in("b", "s2").len(), 1);
    }
}

proptest! {
    #[test]
    fn any_order_and_duplicates_give_one_state(
        ops in proptest::collection::vec((0u8..3, 0u8..8, 0u8..50), 1..120),
        shuffle in proptest::collection::vec(any::<u32>(), 120),
        dup in proptest::collection::vec(0u8..3, 120),
    ) {
        let events = history(&ops);
        let expected_adds = earliest_adds(&events);
        let mut sorted = events.clone();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut reference = SessionState::default();
        for (k, e) in sorted { reference.apply(&k, e); }

        let mut scrambled: Vec<(OrderKey, Event)> = Vec::new();
        for (i, e) in events.into_iter().enumerate() {
            for _ in 0..=dup[i % dup.len()] { scrambled.push(e.clone()); }
        }
        let n = scrambled.len();
        for i in (1..n).rev() {
            let j = shuffle[i % shuffle.len()] as usize % (i + 1);
            scrambled.swap(i, j);
        }
        // Every copy is applied: a retried save lands twice in the log.
        let mut state = SessionState::default();
        for (k, e) in scrambled { state.apply(&k, e); }
        prop_assert_eq!(full(&state), full(&reference));
        prop_assert_eq!(add_only(&reference), expected_adds);
        // The digest other tests compare by sees every field too.
        prop_assert_eq!(state.digest(), reference.digest());

        // A bulk load (a folder read at start) folds to the same state.
        let mut bulk = SessionState::default();
        bulk.begin_bulk();
        for (k, e) in history(&ops).into_iter().rev() { bulk.apply(&k, e); }
        bulk.end_bulk();
        prop_assert_eq!(full(&bulk), full(&reference));
    }
}
