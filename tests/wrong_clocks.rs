//! A wrong clock cannot rewind the meeting: timer facts from a writer
//! whose clock is 30 minutes or a day behind or ahead are placed by the
//! log's order — never before the newest fact their writer had seen — and
//! every reader, now or later, shows the same time; `check` and the views
//! name the writer and its offset. Clocks are injected (`FakeClock`).
#[path = "common/tui.rs"]
mod tui;

use std::sync::Arc;

use runde::clock::{Clock, FakeClock};
use runde::model::NoteKind;
use runde::model::check::FindingKind;
use runde::store::{Session, TimerCommand};
use tui::*;

const MIN: i64 = 60_000;
const DAY: i64 = 24 * 60 * MIN;

/// A session of the writer `by` whose clock is `offset_ms` off the real one.
fn writer(fx: &Fixture, offset_ms: i64, by: &str) -> Session {
    let clock = FakeClock::at(fx.clock.now_ms() + offset_ms);
    let mut s = Session::open_with_clock(fx.dir(), Arc::new(clock)).unwrap();
    s.set_author(Some(by.into()));
    s
}

fn note(fx: &Fixture, text: &str) {
    let mut s = fx.session();
    s.set_author(Some("Gruppe".into()));
    s.add_note("methods", None, text, NoteKind::Bullet, false).unwrap();
}

/// Remaining time of the methods timer for a new honest reader now.
fn remaining_now(fx: &Fixture) -> (bool, i64) {
    let t = fx.session().state().timer("methods");
    (t.is_running(), t.remaining_ms(fx.clock.now_ms()))
}

#[test]
fn a_pause_from_a_clock_behind_or_ahead_lands_where_the_log_puts_it() {
    for offset in [-30 * MIN, 30 * MIN, -DAY, DAY] {
        let fx = Fixture::example();
        let mut facilitator = fx.session();
        facilitator.timer("methods", TimerCommand::Start).unwrap();
        let total = facilitator.state().timer("methods").total_ms();
        fx.clock.advance_ms(9 * MIN);
        note(&fx, "neun Minuten nach dem Start");
        fx.clock.advance_ms(MIN);
        let mut skewed = writer(&fx, offset, "Laptop B");
        skewed.timer("methods", TimerCommand::Pause).unwrap();
        // Placed between the newest fact B had seen (9 min) and now (10 min).
        let placed = |left: i64| (total - 10 * MIN..=total - 9 * MIN).contains(&left);
        facilitator.refresh().unwrap();
        let live = facilitator.state().timer("methods");
        assert!(!live.is_running(), "offset {offset}");
        let live_left = live.remaining_ms(fx.clock.now_ms());
        assert!(
            placed(live_left),
            "offset {offset}: live view shows {live_left} of {total}"
        );
        for _ in 0..3 {
            let (running, left) = remaining_now(&fx);
            assert!(!running, "offset {offset}");
            assert_eq!(left, live_left, "offset {offset}: a later reader disagrees");
            fx.clock.advance_ms(5 * MIN);
        }
        // `check` names the writer and how far its clock is off.
        let findings = runde::store::check::check_with_clock(fx.dir(), Arc::new(fx.clock.clone()));
        let named = findings
            .iter()
            .find(|f| matches!(&f.kind, FindingKind::ClockOff { writer, .. } if writer.contains("Laptop B")))
            .unwrap_or_else(|| panic!("offset {offset}: {findings:?}"));
        let sign = if offset < 0 { "-" } else { "+" };
        let FindingKind::ClockOff {
            offset: off, behind, ..
        } = &named.kind
        else {
            unreachable!()
        };
        assert!(off.starts_with(sign), "{off}");
        assert_eq!(*behind, offset < 0);
        let said = runde::i18n::check::describe(&named.kind, runde::model::Lang::En);
        assert!(said.contains(&format!("off by {sign}")), "{said}");
        assert!(!named.recovered);
    }
}

#[test]
fn a_resume_from_a_clock_behind_never_lands_before_its_pause() {
    for offset in [-30 * MIN, -DAY] {
        let fx = Fixture::example();
        let mut facilitator = fx.session();
        facilitator.timer("methods", TimerCommand::Start).unwrap();
        let total = facilitator.state().timer("methods").total_ms();
        fx.clock.advance_ms(10 * MIN);
        facilitator.timer("methods", TimerCommand::Pause).unwrap();
        fx.clock.advance_ms(4 * MIN);
        note(&fx, "während der Pause");
        fx.clock.advance_ms(MIN);
        let mut skewed = writer(&fx, offset, "Laptop B");
        skewed.timer("methods", TimerCommand::Resume).unwrap();
        fx.clock.advance_ms(5 * MIN);
        // Ran 10 min, paused 4–5 min, ran 5 more: 15–16 min are gone.
        let (running, left) = remaining_now(&fx);
        assert!(running, "offset {offset}");
        assert!(
            (total - 16 * MIN..=total - 15 * MIN).contains(&left),
            "offset {offset}: {left} left of {total}"
        );
    }
}

#[test]
fn the_views_name_the_writer_whose_clock_is_off() {
    let fx = Fixture::example();
    let mut facilitator = fx.session();
    facilitator.timer("methods", TimerCommand::Start).unwrap();
    fx.clock.advance_ms(10 * MIN);
    writer(&fx, -30 * MIN, "Laptop B")
        .timer("methods", TimerCommand::Pause)
        .unwrap();
    let app = fx.facilitator(None);
    let screen = screen(&app, 160, 45);
    assert!(screen.contains("Laptop B -"), "{screen}");
}
