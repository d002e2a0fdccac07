//! The small screen (issue 26, point 8): the note-taker's header keeps its
//! timer at every width, cut text ends in "…", a long broadcast wraps and
//! `i` shows it whole with the guiding question, a long note shows that it
//! goes on — at 40×12 and 80×24, in German and English.
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::KeyCode;
use runde::app::Action;
use runde::model::Lang;
use runde::runtime::Runner;
use tui::*;

/// A broadcast longer than two lines at 40 columns and shorter than two at
/// 80; its last word is unique.
const LONG_BROADCAST: &str =
    "Bitte haltet die drei wichtigsten Punkte eurer Gruppe fest, damit wir sie im Plenum besprechen: Schlusswort";

/// The note-taker of "actors" in the workshops, its timer running for a
/// minute, a "needs time" signal raised and a long broadcast in force.
fn busy_group(fx: &Fixture, lang: Lang) -> Runner {
    let mut fac = fx.facilitator(Some(lang));
    for _ in 0..3 {
        fac.handle_key(key('n'));
    }
    fac.handle_key(key('S'));
    fac.handle_key(key('b'));
    typ(&mut fac, LONG_BROADCAST);
    fac.handle_key(code(KeyCode::Enter));
    let mut app = fx.note_taker(Some("actors"), Some("Kim"), Some(lang));
    fx.clock.advance_secs(60);
    app.update(Action::Tick);
    app.handle_key(key('!'));
    app.handle_key(key('2'));
    app.update(Action::Tick);
    app
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn the_header_keeps_the_timer_at_every_width_from_20_columns() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let app = busy_group(&fx, lang);
        for width in 20..=120 {
            let text = screen(&app, width, 12);
            let head = first_line(&text);
            assert!(head.contains("⏱ 44:00"), "{lang:?} at {width}: {head}");
            // The signal stays as its badge however narrow.
            assert!(head.contains('⚑'), "{lang:?} at {width}: {head}");
            // A title that lost words says so.
            assert!(
                head.starts_with("Akteure und Funktionen ") || head.contains('…'),
                "{lang:?} at {width}: {head}"
            );
            assert!(runde::ui::text::width(head) <= width as usize, "{head}");
        }
        // With room, the signal's words and the title are whole.
        let wide = screen(&app, 120, 12);
        let (signal, title) = match lang {
            Lang::De => ("⚑ braucht Zeit · wartet auf die Moderation", "Akteure und Funktionen"),
            Lang::En => ("⚑ needs time · waiting for the facilitator", "Akteure und Funktionen"),
        };
        let head = first_line(&wide);
        assert!(head.contains(signal) && head.contains(title), "{head}");
    }
}

#[test]
fn small_screens_with_a_running_timer_a_signal_and_a_long_broadcast() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let app = busy_group(&fx, lang);
        for (w, h) in [(40, 12), (80, 24)] {
            let text = screen(&app, w, h);
            let name = format!("small_{lang:?}_{w}x{h}").to_lowercase();
            assert!(first_line(&text).contains("⏱ 44:00 ▶"), "{name}: {text}");
            let footer = last_line(&text);
            assert!(footer.contains("? ") && footer.starts_with("a/Enter"), "{name}: {text}");
            let broadcast: Vec<&str> = text
                .lines()
                .filter(|l| l.contains("»") || l.starts_with("   "))
                .collect();
            assert!(!broadcast.is_empty(), "{name}: {text}");
            if w == 40 {
                // Cut after two lines: marked, with the key that shows it whole.
                assert!(text.contains("… [i]"), "{name}: {text}");
                assert!(!text.contains("Schlusswort"), "{name}: {text}");
                // The footer says so too.
                assert!(footer.contains("i Info") || footer.contains("i info"), "{name}: {text}");
                // The signal gave way to the timer: its badge stays.
                assert!(first_line(&text).contains("⚑ ⏱"), "{name}: {text}");
            } else {
                // Wrapped to a second line, whole.
                assert!(text.contains("Schlusswort"), "{name}: {text}");
                assert!(!text.contains("[i]"), "{name}: {text}");
                assert!(
                    !footer.contains("i Info") && !footer.contains("i info"),
                    "{name}: {text}"
                );
            }
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn i_shows_the_guiding_question_and_the_broadcast_whole() {
    for (lang, title, close) in [
        (Lang::De, "┌ Leitfrage ", "eine beliebige Taste schließt"),
        (Lang::En, "┌ Guiding question ", "any key closes"),
    ] {
        let fx = Fixture::example();
        let mut app = busy_group(&fx, lang);
        let question = app.plan().board("actors").and_then(|b| b.question.clone()).unwrap();
        app.handle_key(key('i'));
        let text = screen(&app, 40, 24);
        assert!(text.contains(title) && text.contains(close), "{text}");
        // Every word of the question and of the broadcast is on screen.
        for word in question.split_whitespace().chain(LONG_BROADCAST.split_whitespace()) {
            assert!(text.contains(word), "{word}: {text}");
        }
        insta::assert_snapshot!(format!("info_{lang:?}_40x24").to_lowercase(), text);
        app.handle_key(key('x'));
        assert!(app.overlay().is_none(), "any key closes");
        // `?` lists the key, from the same table.
        app.handle_key(key('?'));
        let help = help_rows(&screen(&app, 100, 40));
        let words = if lang == Lang::De {
            "Leitfrage"
        } else {
            "guiding question"
        };
        assert!(
            help.iter().any(|r| r.starts_with("i ") && r.contains(words)),
            "{help:?}"
        );
    }
}

/// At 40×12 the question and the broadcast do not fit one screen: `i`
/// shows them page by page (j/Space on, k back, wrapping), every word on
/// some page, and the bottom line says which page and how to turn.
#[test]
fn i_pages_through_what_does_not_fit_a_small_screen() {
    for (lang, turn) in [(Lang::De, "blättern"), (Lang::En, "scroll")] {
        let fx = Fixture::example();
        let mut app = busy_group(&fx, lang);
        // A broadcast three times as long replaces the first.
        let very_long = format!("{LONG_BROADCAST} {LONG_BROADCAST} {LONG_BROADCAST} Ende");
        let mut fac = fx.facilitator(Some(lang));
        fac.handle_key(key('b'));
        typ(&mut fac, &very_long);
        fac.handle_key(code(KeyCode::Enter));
        app.update(Action::StoreChanged);
        let question = app.plan().board("actors").and_then(|b| b.question.clone()).unwrap();
        app.handle_key(key('i'));
        let first = screen(&app, 40, 12);
        assert!(first.contains("1/") && first.contains(turn), "{first}");
        let bottom = first.lines().find(|l| l.contains("1/")).unwrap_or_default();
        assert!(
            bottom.contains("…─┘") || bottom.contains("…┘"),
            "a cut bottom line ends in …: {bottom}"
        );
        let mut seen = String::new();
        let mut pages = vec![first.clone()];
        for _ in 0..6 {
            app.handle_key(key('j'));
            pages.push(screen(&app, 40, 12));
        }
        for page in &pages {
            seen.push_str(page);
        }
        for word in question.split_whitespace().chain(very_long.split_whitespace()) {
            assert!(seen.contains(word), "{word} on no page: {pages:#?}");
        }
        assert!(pages[1..].contains(&first), "the pages wrap round to the first");
        app.handle_key(key('k'));
        assert!(app.overlay().is_some(), "turning pages keeps the overlay open");
        app.handle_key(key('x'));
        assert!(app.overlay().is_none(), "any other key closes");
    }
}

#[test]
fn a_long_note_cut_at_the_bottom_shows_that_it_goes_on() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let app = fx.note_taker(Some("success"), None, Some(lang));
        let text = screen(&app, 40, 12);
        // The second note ("Fest angestellte Kräfte …") runs past the list.
        let body: Vec<&str> = text.lines().collect();
        let last_note_line = body[body.len() - 2];
        assert!(last_note_line.ends_with('…'), "{lang:?}: {text}");
        for line in &body {
            assert!(runde::ui::text::width(line) <= 40, "{line}");
        }
    }
}

#[test]
fn the_facilitator_header_keeps_the_time_of_day_at_every_width() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let mut app = fx.facilitator(Some(lang));
        app.config_mut().join_hint = Some("Mitschreiben: runde note /tmp/runde-demo-abc --board methods".into());
        for width in 20..=160 {
            let text = screen(&app, width, 24);
            let head = first_line(&text);
            assert!(head.ends_with("15:00"), "{lang:?} at {width}: {head}");
            assert!(head.starts_with("TransLOek"), "{lang:?} at {width}: {head}");
        }
    }
}
