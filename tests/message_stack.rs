//! Messages as a stack (issue 26, point 12) and the facilitator's footer
//! at 120 columns (rehearsal): standing warnings no longer hide each
//! other, an info message fades on its own time while a warning stays, and
//! the footer keeps the keys of the plenary (`p`, `m`) and `?`.
#[path = "common/tui.rs"]
mod tui;

use runde::app::Action;
use runde::model::Lang;
use runde::runtime::Runner;
use tui::*;

/// A facilitator view opened while another one holds the seat on this
/// computer, on a folder with a conflict copy of the plan.
fn second_view_with_a_plan_conflict(fx: &Fixture, lang: Lang) -> (Runner, Runner) {
    let state = fx._tmp.path().join("state");
    let mut first = fx.facilitator(Some(lang));
    first.claim_facilitator(Ok(state.clone()));
    let mut second = fx.facilitator(Some(lang));
    second.claim_facilitator(Ok(state));
    let copy = fx.dir().join("session (conflicted copy 2026-11-29 120000).json");
    std::fs::copy(fx.dir().join("session.json"), &copy).unwrap();
    second.update(Action::StoreChanged);
    (first, second)
}

/// The row of `text` that contains `needle`.
fn row_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle))
}

#[test]
fn the_plan_conflict_and_the_second_view_notice_are_both_on_screen_in_order() {
    for (lang, conflict, second) in [
        (Lang::De, "⚠ Plan-Konflikt", "Hinweis: Auf diesem Rechner"),
        (Lang::En, "⚠ plan conflict", "Note: a facilitator view"),
    ] {
        let fx = Fixture::example();
        let (_first, app) = second_view_with_a_plan_conflict(&fx, lang);
        let text = screen(&app, 120, 24);
        let (c, s) = (row_of(&text, conflict), row_of(&text, second));
        assert!(c.is_some() && s.is_some(), "{lang:?}: {text}");
        assert_eq!(c.map(|c| c + 1), s, "conflict first, the notice below: {text}");
        // On a low screen one line: the most important, then how many more
        // (with the words where they leave the message room).
        let low = screen(&app, 80, 12);
        let more = if lang == Lang::De {
            "+1 weitere (x: ausblenden)"
        } else {
            "+1 more (x: dismiss)"
        };
        assert!(low.contains(more) && low.contains(&conflict[..8]), "{lang:?}: {low}");
        let small = screen(&app, 40, 12);
        let line = small.lines().rev().nth(1).unwrap_or_default();
        assert!(
            line.starts_with(&conflict[..8]) && line.ends_with("+1"),
            "{lang:?}: {small}"
        );
    }
}

#[test]
fn an_info_message_fades_after_its_time_while_the_warnings_stay() {
    let fx = Fixture::example();
    let (_first, mut app) = second_view_with_a_plan_conflict(&fx, Lang::En);
    // Hiding names says so as an info message, above nothing more important.
    app.handle_key(key('A'));
    let text = screen(&app, 120, 40);
    let info = "Names hidden on the projector";
    let rows: Vec<Option<usize>> = ["⚠ plan conflict", "Note: a facilitator view", info]
        .iter()
        .map(|n| row_of(&text, n))
        .collect();
    assert!(rows.iter().all(Option::is_some), "{text}");
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "warnings above info: {text}");
    fx.clock.advance_ms(runde::app::MESSAGE_FADE_MS - 1000);
    app.update(Action::Tick);
    assert!(screen(&app, 120, 40).contains(info), "still there just before its time");
    fx.clock.advance_ms(1000);
    assert!(app.update(Action::Tick), "fading redraws");
    let text = screen(&app, 120, 40);
    assert!(!text.contains(info), "faded: {text}");
    assert!(
        text.contains("⚠ plan conflict") && text.contains("Note: a facilitator view"),
        "the warnings stay: {text}"
    );
    // `x` puts the notice away; the conflict stays while its copy exists.
    app.handle_key(key('x'));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("⚠ plan conflict") && !text.contains("Note: a facilitator view"),
        "{text}"
    );
}

#[test]
fn the_facilitator_footer_at_120_columns_keeps_present_overview_and_help() {
    for (lang, wanted) in [
        (Lang::De, ["p präsentieren", "m nebeneinander", "? Hilfe"]),
        (Lang::En, ["p present", "m merged", "? help"]),
    ] {
        let fx = Fixture::example();
        let app = fx.facilitator(Some(lang));
        for width in [120, 100] {
            let text = screen(&app, width, 40);
            let footer = last_line(&text);
            for w in wanted {
                assert!(footer.contains(w), "{lang:?} at {width}: {footer}");
            }
        }
        // However narrow, `?` stays.
        let footer = last_line(&screen(&app, 30, 40)).to_string();
        assert!(footer.contains(wanted[2]), "{lang:?}: {footer}");
    }
}
