//! Scenario tests of the facilitator view's text from the rehearsal
//! (issue 16): section headings in the merged view, the agenda bar on a
//! narrow terminal, and the `?` overlay (wrapped, complete, no repeats).
#[path = "common/tui.rs"]
mod tui;

use runde::model::Lang;
use tui::*;

/// The facilitator's view during the breakout workshops.
fn in_workshops(fx: &Fixture, lang: Option<Lang>) -> runde::runtime::Runner {
    fx.session().set_phase(Some("workshops")).unwrap();
    fx.facilitator(lang)
}

#[test]
fn the_merged_view_shows_section_headings() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, Some(Lang::En));
    app.handle_key(key('2'));
    app.handle_key(key('m'));
    let text = screen(&app, 160, 45);
    // The board's title names both sections too: look for headings.
    assert!(
        text.contains("▸ Erfolgsfaktoren") && text.contains("▸ Fallstricke"),
        "{text}"
    );
}

#[test]
fn a_narrow_agenda_bar_keeps_the_current_phase_visible() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        for width in [30, 45, 59] {
            let text = screen(&app, width, 20);
            let bar = text.lines().nth(1).unwrap_or_default();
            assert!(bar.contains("▶ Parallele Work"), "{width}: {text}");
        }
        app.handle_key(key('n'));
        let text = screen(&app, 40, 20);
        assert!(text.lines().nth(1).unwrap_or_default().contains("▶ Plenum"), "{text}");
    }
}

#[test]
fn facilitator_help_wraps_long_lines_and_repeats_nothing() {
    for (lang, plus) in [(Lang::De, "so viele Minuten)"), (Lang::En, "that many minutes)")] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('?'));
        let text = screen(&app, 160, 45);
        assert!(text.contains(plus), "{text}");
        let rows = help_rows(&text);
        let keys: Vec<&str> = rows.iter().filter_map(|r| r.split_whitespace().next()).collect();
        for lone in ["←", "N"] {
            assert!(!keys.contains(&lone), "{lone} has its own line: {text}");
        }
        insta::assert_snapshot!(format!("fac_help_{lang:?}_160x45").to_lowercase(), text);
        // Present and merged mode: `f` is listed, j/k once.
        app.handle_key(key('x'));
        app.handle_key(key('m'));
        app.handle_key(key('?'));
        let text = screen(&app, 160, 45);
        let rows = help_rows(&text);
        assert!(rows.iter().any(|r| r.starts_with("f ")), "{text}");
        let keys: Vec<&str> = rows.iter().filter_map(|r| r.split_whitespace().next()).collect();
        assert!(!keys.contains(&"k") && !keys.contains(&"PgUp"), "{text}");
        let small = screen(&app, 40, 12);
        assert!(small.contains('│'), "{small}");
    }
}
