//! Two hours of simulated meeting on a fake clock: four groups write a note
//! every ten seconds while the facilitator view ticks, over time included.
//! Everything arrives, nothing accumulates beyond the notes themselves.
#[path = "common/tui.rs"]
mod tui;

use runde::app::{Action, Screen};
use runde::model::NoteKind;
use tui::*;

#[test]
fn two_simulated_hours_with_four_groups_writing() {
    let fx = Fixture::example();
    let mut fac = fx.facilitator(None);
    for _ in 0..3 {
        fac.handle_key(key('n'));
    }
    fac.handle_key(key('S'));
    let boards = ["methods", "success", "continuity", "actors"];
    let mut groups: Vec<_> = boards.iter().map(|_| fx.session()).collect();
    let before = fac.state().live_notes().count();
    let steps = 2 * 60 * 6; // every ten seconds for two hours
    for step in 0..steps {
        fx.clock.advance_secs(10);
        for (g, s) in groups.iter_mut().enumerate() {
            s.add_note(
                boards[g],
                None,
                &format!("Gruppe {g}, Minute {}", step / 6),
                NoteKind::Bullet,
                false,
            )
            .unwrap();
        }
        fac.update(Action::Tick);
        if step % 60 == 0 {
            screen(&fac, 160, 45);
        }
    }
    let state = fac.state();
    assert_eq!(state.live_notes().count(), before + 4 * steps);
    for b in boards {
        assert_eq!(
            state.timer(b).remaining_ms(fac.display_ms()),
            45 * 60_000 - 2 * 3600 * 1000,
            "{b} over time by 75 min"
        );
        assert_eq!(
            state.newest_on_board(b, 1)[0].text,
            format!("Gruppe {}, Minute 119", boards.iter().position(|x| *x == b).unwrap())
        );
    }
    let Screen::Facilitator(f) = &fac.screen else {
        panic!("facilitator")
    };
    assert_eq!(f.rung.len(), 4, "each group's zero announced once, nothing piles up");
    assert!(screen(&fac, 160, 45).contains("⚠ überzogen"));
}
