//! Scenario tests of running a meeting from the facilitator's seat (issue
//! 16, points 1–7): signals in every mode and phase, closing the breakouts,
//! aimed and clearable broadcasts, undo of timer changes, lengthening an
//! idle timer, hiding authors, big digits, a second facilitator view.
#[path = "common/tui.rs"]
mod tui;

use assert_cmd::Command;
use ratatui::crossterm::event::KeyCode;
use runde::app::Action;
use runde::clock::Clock;
use runde::model::{Lang, TimerState};
use runde::runtime::Runner;
use tui::*;

const MIN: i64 = 60_000;
const GROUPS: [&str; 4] = ["methods", "success", "continuity", "actors"];

fn in_workshops(fx: &Fixture, lang: Option<Lang>) -> Runner {
    let mut app = fx.facilitator(lang);
    for _ in 0..3 {
        app.handle_key(key('n'));
    }
    assert_eq!(app.state().phase(), Some("workshops"));
    app
}

fn refreshed(app: &mut Runner) -> &mut Runner {
    app.update(Action::StoreChanged);
    app
}

// ----- 1. signals ----------------------------------------------------------

#[test]
fn a_signal_shows_in_present_merged_and_the_plenary_and_the_group_sees_it_was_seen() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let mut group = fx.note_taker(Some("continuity"), Some("Tobias"), None);
    group.handle_key(key('!'));
    group.handle_key(key('3'));
    assert!(
        screen(&group, 100, 30).contains("wartet auf die Moderation"),
        "{}",
        screen(&group, 100, 30)
    );
    refreshed(&mut app).update(Action::Tick);
    assert!(app.take_bell(), "a new signal rings the bell");
    app.handle_key(key('p'));
    let text = screen(&app, 160, 45);
    assert!(
        text.contains("⚑ Signale: 3 Verstetigung: braucht Hilfe (15:00)"),
        "{text}"
    );
    app.handle_key(key('m'));
    assert!(screen(&app, 160, 45).contains("3 Verstetigung: braucht Hilfe"));
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('n'));
    assert_eq!(app.state().phase(), Some("plenary"));
    let text = screen(&app, 160, 45);
    assert!(
        text.contains("⚑ Signale: Verstetigung: braucht Hilfe"),
        "after `n`: {text}"
    );
    app.handle_key(key('!'));
    assert!(fx.session().state().signal("continuity").is_none());
    assert!(!screen(&app, 160, 45).contains("⚑ Signale"));
    let text = screen(refreshed(&mut group), 100, 30);
    assert!(text.contains("⚑ gesehen ✓"), "{text}");
    fx.clock.advance_secs(6 * 60);
    group.update(Action::Tick);
    assert!(!screen(&group, 100, 30).contains("gesehen"), "fades after five minutes");
}

#[test]
fn signals_in_english_say_seen() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    let mut group = fx.note_taker(Some("methods"), None, Some(Lang::En));
    group.handle_key(key('!'));
    group.handle_key(key('2'));
    refreshed(&mut app).handle_key(key('m'));
    assert!(
        screen(&app, 160, 45).contains("⚑ Signals: 1 "),
        "{}",
        screen(&app, 160, 45)
    );
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('2'));
    app.handle_key(key('B'));
    typ(&mut app, "Please wrap up");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&app, 160, 45);
    // The pending signal under the agenda bar, the aimed broadcast labelled
    // with its group, and the signal on its group's tile.
    assert_shows(
        line(&text, 2),
        &["⚑ Signals: 1 Methoden & Formate: needs time", "! acknowledges"],
    );
    assert_shows(
        line(&text, 3),
        &["» Broadcast: → Fallstricke und Erfolgsfaktoren: Please wrap up"],
    );
    assert_shows(
        &text,
        &[
            "■ ready · 8 notes   ⚑ needs time",
            "Broadcast sent to group 2 (Fallstricke und Erfolgsfaktoren)",
        ],
    );
    insta::assert_snapshot!("flow_en_160x45_signal_and_aimed_broadcast", text);
    app.handle_key(key('!'));
    assert!(screen(refreshed(&mut group), 100, 30).contains("⚑ seen ✓"));
}

// ----- 2. leaving the breakouts ---------------------------------------------

#[test]
fn leaving_the_workshops_with_running_timers_asks_once_then_stops_them() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let mut group = fx.note_taker(Some("success"), None, None);
    app.handle_key(key('S'));
    fx.clock.advance_secs(600);
    app.handle_key(key('n'));
    assert_eq!(app.state().phase(), Some("workshops"), "asks first");
    let text = screen(&app, 160, 45);
    assert_shows(
        &text,
        &["4 Gruppen-Timer laufen noch", "1: alle in einer Minute beenden"],
    );
    insta::assert_snapshot!("flow_de_160x45_leave_phase", text);
    app.handle_key(code(KeyCode::Enter));
    let s = fx.session();
    assert_eq!(s.state().phase(), Some("plenary"));
    for b in GROUPS {
        let t = s.state().timer(b);
        assert!(!t.is_running(), "{b} stopped");
        assert_eq!(
            t.remaining_ms(fx.clock.now_ms()),
            35 * MIN,
            "{b} keeps its time as a fact"
        );
    }
    let text = screen(refreshed(&mut group), 100, 30);
    assert!(
        text.contains("Parallele Workshops beendet – zurück ins Plenum"),
        "{text}"
    );
    assert!(text.contains("⏸ pausiert"), "{text}");
    assert!(!text.contains("▶ läuft"), "{text}");
    // The automatic message ends with the next phase change (well within
    // its ten minutes), on the projector and on the group's screen alike.
    assert!(screen(&app, 160, 45).contains("Parallele Workshops beendet"));
    fx.clock.advance_secs(60);
    // The plenary is the last phase: back to the workshops is a phase change too.
    app.handle_key(key('N'));
    assert_eq!(fx.session().state().phase(), Some("workshops"), "moved");
    let projector = screen(&app, 160, 45);
    assert!(!projector.contains("Parallele Workshops beendet"), "{projector}");
    let text = screen(refreshed(&mut group), 100, 30);
    assert!(!text.contains("Parallele Workshops beendet"), "{text}");
}

#[test]
fn escape_stays_in_the_phase_and_timers_run_on() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    app.handle_key(key('S'));
    app.handle_key(key('n'));
    assert!(screen(&app, 160, 45).contains("4 group timers are still running"));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(fx.session().state().phase(), Some("workshops"));
    assert!(fx.session().state().timer("methods").is_running());
    assert!(!screen(&app, 160, 45).contains("still running"));
}

#[test]
fn end_in_one_minute_sets_every_running_timer_to_one_minute_and_says_so() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let mut group = fx.note_taker(Some("actors"), None, None);
    app.handle_key(key('S'));
    app.handle_key(key('2'));
    app.handle_key(key(' ')); // group 2 paused: not part of the countdown
    fx.clock.advance_secs(50 * 60); // every running group is 5 minutes over
    app.update(Action::Tick);
    app.handle_key(key('n'));
    app.handle_key(key('1'));
    let s = fx.session();
    assert_eq!(s.state().phase(), Some("workshops"), "the rooms close in a minute");
    let now = fx.clock.now_ms();
    for b in ["methods", "continuity", "actors"] {
        assert_eq!(s.state().timer(b).remaining_ms(now), MIN, "{b}");
    }
    assert!(
        s.state().timer("success").remaining_ms(now) > MIN,
        "paused group untouched"
    );
    let text = screen(refreshed(&mut group), 100, 30);
    assert!(text.contains("Noch 1 Minute – dann zurück ins Plenum"), "{text}");
    assert!(text.contains("1:00"), "{text}");
}

// ----- 3. broadcasts ---------------------------------------------------------

#[test]
fn a_broadcast_to_one_group_is_labelled_on_the_projector_and_empty_clears() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('2'));
    app.handle_key(key('B'));
    typ(&mut app, "Bitte kurz melden");
    app.handle_key(code(KeyCode::Enter));
    let s = fx.session();
    assert_eq!(
        s.state().latest_broadcast(Some("success")).unwrap().text,
        "Bitte kurz melden"
    );
    assert!(s.state().latest_broadcast(Some("methods")).is_none(), "only group 2");
    let text = screen(&app, 160, 45);
    assert!(
        text.contains("» Durchsage: → Fallstricke und Erfolgsfaktoren: Bitte kurz melden"),
        "{text}"
    );
    app.handle_key(key('b'));
    typ(&mut app, "Noch 10 Minuten");
    app.handle_key(code(KeyCode::Enter));
    assert!(screen(&app, 160, 45).contains("» Durchsage: Noch 10 Minuten"));
    app.handle_key(key('b'));
    app.handle_key(code(KeyCode::Enter));
    assert!(
        fx.session().state().latest_broadcast(None).is_none(),
        "b + Enter clears"
    );
    let text = screen(&app, 160, 45);
    assert!(!text.contains("» Durchsage"), "{text}");
    assert!(text.contains("Durchsage gelöscht"), "{text}");
}

#[test]
fn a_broadcast_with_a_duration_disappears_by_itself() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    let mut group = fx.note_taker(Some("methods"), None, Some(Lang::En));
    app.handle_key(key('b'));
    typ(&mut app, "Coffee is here /5");
    app.handle_key(code(KeyCode::Enter));
    // The projector says when it was sent and until when it stays.
    assert!(screen(&app, 160, 45).contains("» Broadcast: Coffee is here  (15:00, until 15:05)"));
    assert!(screen(refreshed(&mut group), 100, 30).contains("Coffee is here"));
    fx.clock.advance_secs(5 * 60);
    app.update(Action::Tick);
    group.update(Action::Tick);
    assert!(!screen(&app, 160, 45).contains("Coffee"));
    assert!(!screen(&group, 100, 30).contains("Coffee"));
}

#[test]
fn say_with_empty_text_clears_and_minutes_expire() {
    let fx = Fixture::example();
    let dir = fx.dir().to_str().unwrap().to_string();
    let runde = || {
        let mut cmd = Command::cargo_bin("runde").unwrap();
        cmd.timeout(std::time::Duration::from_secs(120));
        cmd
    };
    runde().args(["say", &dir, "Noch", "10", "Minuten"]).assert().success();
    assert!(fx.session().state().latest_broadcast(None).is_some());
    runde().args(["say", &dir, ""]).assert().success();
    assert!(fx.session().state().latest_broadcast(None).is_none(), "cleared");
    runde()
        .args(["say", &dir, "--minutes", "5", "Pause"])
        .assert()
        .success();
    let s = fx.session();
    let b = s.state().latest_broadcast(None).unwrap();
    // The CLI writes with the system clock (the fixture's reader clock is
    // the meeting's day in 2021).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let left = b.until_ms.unwrap() - now;
    assert!((4 * MIN..=5 * MIN).contains(&left), "{left}");
    runde().args(["say", &dir, "--minutes", "0", "x"]).assert().code(2);
}

// ----- 4. undo ---------------------------------------------------------------

#[test]
fn u_undoes_a_reset_and_an_extension_and_ctrl_r_redoes() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('S'));
    fx.clock.advance_secs(5 * 60);
    app.handle_key(key('r'));
    let remaining = |fx: &Fixture| fx.session().state().timer("methods").remaining_ms(fx.clock.now_ms());
    assert_eq!(
        fx.session().state().timer("methods").state(fx.clock.now_ms()),
        TimerState::Idle
    );
    app.handle_key(key('u'));
    assert_eq!(remaining(&fx), 40 * MIN, "the reset is undone");
    assert!(fx.session().state().timer("methods").is_running());
    assert!(screen(&app, 160, 45).contains("Timer-Änderung rückgängig gemacht"));
    app.handle_key(ctrl('r'));
    assert!(!fx.session().state().timer("methods").is_started(), "redone");
    app.handle_key(key('u'));
    app.handle_key(key('+'));
    assert_eq!(remaining(&fx), 41 * MIN);
    app.handle_key(key('u'));
    assert_eq!(remaining(&fx), 40 * MIN, "the extension is undone");
    app.handle_key(key(' '));
    assert!(!fx.session().state().timer("methods").is_running());
    app.handle_key(key('u'));
    assert!(
        fx.session().state().timer("methods").is_running(),
        "the pause is undone"
    );
}

#[test]
fn u_undoes_start_all_in_one_step() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    app.handle_key(key('S'));
    app.handle_key(key('u'));
    for b in GROUPS {
        assert!(!fx.session().state().timer(b).is_started(), "{b}");
    }
    app.handle_key(key('u'));
    assert!(screen(&app, 160, 45).contains("Nothing to undo") || app.message().is_some());
}

// ----- 5. `+` on an idle timer ---------------------------------------------

#[test]
fn plus_on_an_idle_timer_lengthens_the_planned_duration() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::De));
    app.handle_key(key('+'));
    app.handle_key(key('5'));
    let text = screen(&app, 160, 45);
    assert!(!text.contains("has not been started"), "{text}");
    assert!(text.contains("■ bereit"), "still idle: {text}");
    assert_eq!(app.message().as_ref().map(|m| m.tone), Some(runde::app::Tone::Success));
    app.handle_key(key(' '));
    let t = fx.session().state().timer("methods");
    assert_eq!(t.remaining_ms(fx.clock.now_ms()), 50 * MIN, "45 planned + 5");
    assert_eq!(
        fx.session().state().timer("success").total_ms(),
        0,
        "other groups untouched"
    );
}

// ----- 6. authors and big digits --------------------------------------------

#[test]
fn authors_can_be_hidden_on_the_projector() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    let mut group = fx.note_taker(Some("methods"), Some("Tobias"), None);
    group.handle_key(key('a'));
    typ(&mut group, "Ein Gedanke");
    group.handle_key(code(KeyCode::Enter));
    refreshed(&mut app).handle_key(key('p'));
    assert!(screen(&app, 160, 45).contains("Ein Gedanke — Tobias"));
    app.handle_key(key('A'));
    let text = screen(&app, 160, 45);
    assert!(text.contains("Ein Gedanke"), "{text}");
    assert!(!text.contains("— Tobias"), "{text}");
    app.handle_key(key('A'));
    assert!(screen(&app, 160, 45).contains("— Tobias"));
    let mut flagged = fx.facilitator(None);
    flagged.set_authors_hidden(true);
    flagged.handle_key(key('p'));
    assert!(!screen(&flagged, 160, 45).contains("— Tobias"));
}

#[test]
fn countdown_digits_grow_on_a_big_projector() {
    let fx = Fixture::example();
    let app = in_workshops(&fx, None);
    let rows_with_digits = |w, h| screen(&app, w, h).lines().filter(|l| l.contains('█')).count();
    let normal = rows_with_digits(160, 45);
    let big = rows_with_digits(250, 70);
    assert!(normal >= 2 * 6, "two rows of tiles with big digits: {normal}");
    assert!(big >= 2 * normal, "the digits at least double: {normal} → {big}");
}

// ----- 7. second view, phase clock, quit ------------------------------------

#[test]
fn a_second_facilitator_view_starts_with_a_notice() {
    let fx = Fixture::example();
    let state = fx._tmp.path().join("state");
    let mut first = fx.facilitator(None);
    first.claim_facilitator(Ok(state.clone()));
    assert!(first.message().is_none());
    let mut second = fx.facilitator(Some(Lang::En));
    second.claim_facilitator(Ok(state.clone()));
    let text = screen(&second, 160, 45);
    assert!(
        text.contains("a facilitator view of this session is already open"),
        "{text}"
    );
    drop(first);
    drop(second);
    let mut third = fx.facilitator(None);
    third.claim_facilitator(Ok(state));
    assert!(third.message().is_none(), "the seat is free once the others closed");
}

#[test]
fn a_phase_without_boards_labels_its_clock() {
    let fx = Fixture::example();
    let mut app = fx.facilitator(None);
    app.handle_key(key('n'));
    fx.clock.advance_secs(12 * 60 + 4);
    app.update(Action::Tick);
    let text = screen(&app, 160, 45);
    assert!(text.contains("⏱ Begrüßung · 12:04 seit Beginn"), "{text}");
    insta::assert_snapshot!("flow_de_160x45_welcome", text);
    let mut en = fx.facilitator(Some(Lang::En));
    en.update(Action::Tick);
    assert!(
        screen(&en, 80, 24).contains("12:04 since it began"),
        "{}",
        screen(&en, 80, 24)
    );
}

#[test]
fn quit_asks_only_while_timers_of_the_current_phase_run() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('S'));
    app.handle_key(key('q'));
    assert!(!app.quit(), "asks while the groups' timers run");
    app.handle_key(key('n'));
    assert!(!app.quit());
    app.handle_key(key('n'));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(fx.session().state().phase(), Some("plenary"));
    app.handle_key(key('q'));
    assert!(app.quit(), "the breakout timers were stopped: nothing to ask");
}
