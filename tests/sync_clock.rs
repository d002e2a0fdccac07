//! Delivery delay versus clock difference: two laptops, each with its own
//! copy of the session folder, kept in step by a slow sync engine. A delay
//! must never show as a clock difference; a real one must.
#[path = "common/tui.rs"]
mod tui;

use std::path::Path;
use std::sync::Arc;

use runde::app::Action;
use runde::clock::FakeClock;
use runde::runtime::Runner;
use runde::store::Session;
use tui::*;

/// Copies every file of `log/` and `clock/` that is newer in `from`.
fn deliver(from: &Path, to: &Path) {
    for sub in ["log", "clock"] {
        let Ok(entries) = std::fs::read_dir(from.join(sub)) else {
            continue;
        };
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in entries.map(Result::unwrap) {
            let target = to.join(sub).join(e.file_name());
            let new = std::fs::read(e.path()).unwrap();
            let old = std::fs::read(&target).unwrap_or_default();
            if new.len() > old.len() {
                let tmp = to.join(sub).join(".syncthing.tmp");
                std::fs::write(&tmp, &new).unwrap();
                std::fs::rename(&tmp, &target).unwrap();
            }
        }
    }
}

struct Laptops {
    _tmp: tempfile::TempDir,
    a: std::path::PathBuf,
    b: std::path::PathBuf,
    clock_a: FakeClock,
    clock_b: FakeClock,
    fac: Runner,
    note: Runner,
}

/// A facilitator on laptop A and a note-taker on laptop B, whose clock is
/// `offset_ms` ahead.
fn laptops(offset_ms: i64) -> Laptops {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for side in [&a, &b] {
        std::fs::create_dir_all(side).unwrap();
        runde::example::write_to(side).unwrap();
    }
    let clock_a = FakeClock::at(MEETING_START_MS);
    let clock_b = FakeClock::at(MEETING_START_MS + offset_ms);
    let fac = Runner::facilitator(Session::open_with_clock(&a, Arc::new(clock_a.clone())).unwrap(), None);
    let note = Runner::note_taker(
        Session::open_with_clock(&b, Arc::new(clock_b.clone())).unwrap(),
        Some("continuity"),
        None,
    )
    .unwrap();
    Laptops {
        _tmp: tmp,
        a,
        b,
        clock_a,
        clock_b,
        fac,
        note,
    }
}

impl Laptops {
    /// `secs` pass; then the engine delivers in both directions and both
    /// views look.
    fn round(&mut self, secs: i64) {
        self.clock_a.advance_secs(secs);
        self.clock_b.advance_secs(secs);
        deliver(&self.a, &self.b);
        deliver(&self.b, &self.a);
        self.fac.update(Action::StoreChanged);
        self.note.update(Action::StoreChanged);
        self.fac.update(Action::Tick);
        self.note.update(Action::Tick);
    }

    /// A fast engine: delivery and answers within the same instant.
    fn round_fast(&mut self, secs: i64) {
        self.round(secs);
        self.round(0);
        self.round(0);
    }

    fn start_timer(&mut self) {
        for _ in 0..3 {
            self.fac.handle_key(key('n'));
        }
        self.fac.handle_key(key('S'));
    }

    fn faces(&self) -> (String, String) {
        let on = |app: &Runner| runde::ui::widgets::clock_face(app, "continuity").text;
        (on(&self.fac), on(&self.note))
    }
}

#[test]
fn a_ten_second_delivery_delay_shows_no_clock_badge_and_equal_timers() {
    let mut l = laptops(0);
    l.start_timer();
    for _ in 0..12 {
        l.round(10);
        assert_eq!(l.note.skew_badge(), None, "delay taken for a clock difference");
        assert_eq!(l.fac.skew_badge(), None, "delay taken for a clock difference");
    }
    let (fac, note) = l.faces();
    assert_eq!(fac, note, "both laptops show the same remaining time");
}

#[test]
fn a_five_second_clock_offset_is_shown_and_corrected_for() {
    let mut l = laptops(5_000);
    l.start_timer();
    for _ in 0..8 {
        l.round_fast(1);
    }
    let badge = l.note.skew_badge().unwrap_or_default();
    assert!(badge.contains("-5.0 s"), "{badge:?}");
    let badge = l.fac.skew_badge().unwrap_or_default();
    assert!(badge.contains("+5.0 s"), "{badge:?}");
    let (fac, note) = l.faces();
    assert_eq!(fac, note, "the offset is corrected for");
}
