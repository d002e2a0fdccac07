//! Batch timer commands are one fact each. Two facilitators on two
//! laptops pressing `S` (start all) and `P` (pause all) at the same moment
//! end with every group running or every group paused, whichever command
//! sorts later, never a mix nobody chose. Tried from every start state of
//! the four groups (idle, running, paused).
mod common;
#[path = "common/tui.rs"]
mod tui;

use common::runde;

use runde::app::Action;
use runde::model::TimerCommand;
use runde::store::Session;
use tui::*;

const GROUPS: [&str; 4] = ["methods", "success", "continuity", "actors"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Was {
    Idle,
    Running,
    Paused,
}

/// The workshops phase with each group's timer as `start` says.
fn prepared(start: [Was; 4]) -> Fixture {
    let fx = Fixture::example();
    let mut s = fx.session();
    s.set_phase(Some("workshops")).unwrap();
    for (board, was) in GROUPS.iter().zip(start) {
        if was != Was::Idle {
            s.timer(board, TimerCommand::Start).unwrap();
        }
        if was == Was::Paused {
            s.timer(board, TimerCommand::Pause).unwrap();
        }
    }
    fx
}

/// (running, started) of each group as a fresh reader of the folder sees it.
fn groups_now(fx: &Fixture) -> Vec<(bool, bool)> {
    let s = Session::open(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    GROUPS
        .iter()
        .map(|b| (s.state().timer(b).is_running(), s.state().timer(b).is_started()))
        .collect()
}

fn every_start_state() -> impl Iterator<Item = [Was; 4]> {
    let all = [Was::Idle, Was::Running, Was::Paused];
    (0..81usize).map(move |n| [all[n % 3], all[n / 3 % 3], all[n / 9 % 3], all[n / 27 % 3]])
}

#[test]
fn start_all_and_pause_all_at_once_leave_no_mix() {
    for start in every_start_state() {
        for (first, second) in [('S', 'P'), ('P', 'S')] {
            let fx = prepared(start);
            // Both views read the folder before either key: neither has
            // seen the other's command when it writes its own.
            let mut a = fx.facilitator(None);
            let mut b = fx.facilitator(None);
            a.handle_key(key(first));
            b.handle_key(key(second));
            let now = groups_now(&fx);
            assert!(
                now.iter().all(|(_, started)| *started),
                "{start:?} {first}/{second}: a group left idle: {now:?}"
            );
            assert!(
                now.iter().all(|g| *g == now[0]),
                "{start:?} {first}/{second}: a mix of running and paused: {now:?}"
            );
            // Both views agree with the folder once they read it.
            for view in [&mut a, &mut b] {
                view.update(Action::StoreChanged);
                let shown: Vec<bool> = GROUPS
                    .iter()
                    .map(|g| view.app().shared.state().timer(g).is_running())
                    .collect();
                assert_eq!(shown, now.iter().map(|g| g.0).collect::<Vec<_>>());
            }
        }
    }
}

#[test]
fn one_key_writes_one_fact_and_its_undo_another() {
    let fx = prepared([Was::Idle; 4]);
    let mut a = fx.facilitator(None);
    let before = common::snapshot_files(&fx.dir().join("log"));
    let lines = || common::events_added(fx.dir(), &before).len();
    a.handle_key(key('S'));
    assert_eq!(lines(), 1, "start all is one line in the log");
    assert!(groups_now(&fx).iter().all(|g| g.0), "all four run");
    a.handle_key(key('u'));
    assert_eq!(lines(), 2, "its undo is one line too");
    assert!(groups_now(&fx).iter().all(|g| !g.1), "all four idle again");
}

#[test]
fn the_cli_starts_the_phase_boards_as_one_fact() {
    let fx = prepared([Was::Running, Was::Paused, Was::Idle, Was::Running]);
    let before = common::snapshot_files(&fx.dir().join("log"));
    runde().arg("timer").arg(fx.dir()).arg("pause").assert().success();
    assert_eq!(
        common::events_added(fx.dir(), &before).len(),
        1,
        "one fact for the phase's boards"
    );
    assert!(groups_now(&fx).iter().all(|(running, _)| !running));
}

#[test]
fn a_crafted_batch_out_of_bounds_is_skipped_and_affects_nothing_else() {
    use runde::model::{Change, Event, TimerOp, TimerStep};
    let fx = prepared([Was::Idle; 4]);
    let step = |board: &str, op: TimerOp| TimerStep {
        board: board.into(),
        op,
    };
    let start = TimerOp::Start { duration_ms: 60_000 };
    let fact = |lamport: u64, steps: Vec<TimerStep>| Event {
        seq: lamport - 999,
        lamport,
        wall_ms: MEETING_START_MS,
        c: Change::Timers { steps },
    };
    let events = [
        fact(
            1000,
            vec![
                step("methods", start),
                step("success", TimerOp::Extend { delta_ms: i64::MAX }),
            ],
        ),
        fact(1001, (0..2000).map(|_| step("methods", start)).collect()),
        fact(1002, vec![step("continuity", start), step("actors", start)]),
    ];
    let actor = "01m8egqxc689sh9q1m8vzf8zzz";
    let mut bytes = format!("{{\"runde\":\"log\",\"format\":1,\"actor\":\"{actor}\"}}\n").into_bytes();
    for ev in &events {
        bytes.extend_from_slice(&runde::store::log::encode_record(ev));
    }
    std::fs::write(fx.dir().join(format!("log/{actor}.jsonl")), bytes).unwrap();
    assert_eq!(
        groups_now(&fx),
        [(false, false), (false, false), (true, true), (true, true)],
        "only the well-formed batch counts, as a whole"
    );
}
