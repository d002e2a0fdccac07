//! Fuzzes the event fold: any events (one JSON event per line, writers
//! assigned round-robin) that pass the log's bounds fold to the same state
//! in file order and in reverse order, without panicking.
#![no_main]
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use runde::model::{Event, OrderKey, SessionState};

fuzz_target!(|data: &[u8]| {
    let actors: Vec<Arc<str>> = ["a", "b", "c"].iter().map(|a| Arc::from(*a)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut events: Vec<(OrderKey, Event)> = Vec::new();
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        let Ok(ev) = serde_json::from_slice::<Event>(line) else { continue };
        if ev.check_bounds().is_err() {
            continue;
        }
        let actor = actors[i % actors.len()].clone();
        if !seen.insert((actor.clone(), ev.seq)) {
            continue;
        }
        events.push((OrderKey { lamport: ev.lamport, actor, seq: ev.seq }, ev));
    }
    let mut forward = SessionState::default();
    for (k, e) in events.iter().cloned() {
        forward.apply(&k, e);
    }
    let mut backward = SessionState::default();
    backward.begin_bulk();
    for (k, e) in events.into_iter().rev() {
        backward.apply(&k, e);
    }
    backward.end_bulk();
    assert_eq!(forward.digest(), backward.digest());
});
