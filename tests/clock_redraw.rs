//! A tick that only moves the clock redraws just the clock on top of the
//! last full frame (see `ui::LastFrame`); the screen must be exactly the
//! one a full render gives, tick after tick: while a timer runs out, a
//! saved-note message fades and a broadcast expires.
#[path = "common/tui.rs"]
mod tui;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use runde::app::{App, Ticked};
use runde::clock::Clock;
use runde::store::TimerCommand;
use runde::ui::LastFrame;
use tui::*;

const W: u16 = 120;
const H: u16 = 40;

/// What a full render of `app` puts on a fresh screen.
fn full_render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

/// Draws like the view loop does; returns whether only the clock was drawn.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App, last: &mut Option<LastFrame>, full: bool) -> bool {
    let reuse = if full { None } else { last.as_mut() };
    match runde::runtime::draw(terminal, app, reuse).unwrap() {
        Some(next) => {
            *last = Some(next);
            false
        }
        None => true,
    }
}

#[test]
fn clock_only_redraws_match_full_renders_while_timer_message_and_broadcast_change() {
    let fx = Fixture::example();
    let mut facilitator = fx.session();
    facilitator.timer("methods", TimerCommand::Start).unwrap();
    // Five seconds left on the group's timer.
    let planned_s = 45 * 60;
    fx.clock.advance_secs(planned_s - 5);
    let until = fx.clock.now_ms() + 8_500;
    facilitator
        .broadcast_until("Gleich Pause", Some("methods"), Some(until))
        .unwrap();

    let mut app = fx.note_taker(Some("methods"), Some("Lena Hoffmann"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Ein neuer Gedanke");
    app.handle_key(code(KeyCode::Enter));
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut last = None;
    draw(&mut terminal, &app, &mut last, true);
    let first = terminal.backend().buffer().clone();
    assert!(buffer_text(&first).contains("Gleich Pause"));

    let (mut clock_only, mut full) = (0, 0);
    for second in 1..=25 {
        fx.clock.advance_ms(1000);
        match app.tick_only() {
            Ticked::Nothing => continue,
            Ticked::ClockOnly => {
                if draw(&mut terminal, &app, &mut last, false) {
                    clock_only += 1;
                } else {
                    full += 1;
                }
            }
            Ticked::More => {
                draw(&mut terminal, &app, &mut last, true);
                full += 1;
            }
        }
        assert_eq!(
            terminal.backend().buffer(),
            &full_render(&app),
            "screen differs from a full render {second} s in"
        );
    }
    let end = buffer_text(terminal.backend().buffer());
    assert!(end.contains("⏱ +0:20"), "{end}");
    assert!(!end.contains("Gleich Pause") && !end.contains("gespeichert"), "{end}");
    assert!(clock_only >= 15, "{clock_only} clock-only and {full} full redraws");
}

#[test]
fn the_projector_view_always_draws_in_full() {
    let fx = Fixture::example();
    fx.session().timer("methods", TimerCommand::Start).unwrap();
    let mut app = fx.facilitator(None);
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut last = None;
    draw(&mut terminal, &app, &mut last, true);
    for _ in 0..3 {
        fx.clock.advance_ms(1000);
        assert_eq!(app.tick_only(), Ticked::ClockOnly);
        assert!(!draw(&mut terminal, &app, &mut last, false));
        assert_eq!(terminal.backend().buffer(), &full_render(&app));
    }
}

fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}
