use super::*;
use crate::model::event::NewNote;
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
                by: None,
                pos: format!("{}", (b'a' + (i % 26) as u8) as char),
                origin: None,
                sources: vec![format!("src{i}")],
                lang: None,
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
                    by: None,
                    pos: format!("{}", (b'a' + (i % 26) as u8) as char),
                    origin: None,
                    sources: Vec::new(),
                    lang: None,
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
            (3, Some(id)) => Change::NoteSet {
                id,
                fields: NoteFields {
                    section: Some(format!("s{}", i % 3)),
                    pos: Some("m".into()),
                    ..Default::default()
                },
            },
            (4, _) => Change::Timer {
                board: "b".into(),
                op: [
                    TimerOp::Start { duration_ms: 60_000 },
                    TimerOp::Pause,
                    TimerOp::Resume,
                    TimerOp::Extend { delta_ms: 5000 },
                    TimerOp::Reset,
                ][i % 5],
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

proptest! {
    #[test]
    fn any_order_and_duplicates_give_one_state(
        ops in proptest::collection::vec((0u8..3, 0u8..8, 0u8..50), 1..120),
        shuffle in proptest::collection::vec(any::<u32>(), 120),
        dup in proptest::collection::vec(0u8..3, 120),
    ) {
        let events = history(&ops);
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
        prop_assert_eq!(state.digest(), reference.digest());
    }
}
