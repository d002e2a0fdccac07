//! Publishing with a person's say: the review view (`runde review`) on a
//! TestBackend in German and English and down to 40×12, its `?` help from
//! its key tables; each group's sign-off of its part — from `runde
//! signoff`, the review view and the note-taker's view — voided by a later
//! change to that group's notes, shown on the facilitator's screens, and
//! required by `export --require-signoff`.
#[path = "common/mod.rs"]
mod common;
#[path = "common/tui.rs"]
mod tui;

use predicates::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode};
use runde::app::review::{Action, MENTIONS, PART, PARTS, Review, Tab, action_text};
use runde::export::privacy::signoff;
use runde::model::{Lang, NoteKind};
use runde::runtime::review::ReviewRunner;
use tui::*;

/// The example with doubtful mentions of its people without consent
/// (Tobias Brandt, Selin Aydın) in two groups' notes.
fn fixture() -> Fixture {
    let fx = Fixture::example();
    let mut s = fx.session();
    // Fixed ids: the review view shows the start of a note's id.
    let mut add = |id: &str, board: &str, text: &str| {
        s.add_note_with_id(id.into(), board, None, text, NoteKind::Bullet, false)
            .unwrap();
    };
    add(
        "01j000000000000000brandt00",
        "methods",
        "Wie Brandt es sah, fehlt oft Zeit.",
    );
    add(
        "01j0000000000000000selin00",
        "success",
        "Selin bringt das Protokoll mit.",
    );
    fx
}

fn review(fx: &Fixture, lang: Lang) -> ReviewRunner {
    ReviewRunner::new(fx.session(), lang)
}

fn key_event(r: &mut ReviewRunner, k: ratatui::crossterm::event::KeyEvent) {
    r.handle_event(Event::Key(k));
}

fn review_screen(r: &Review, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| runde::ui::review::render(r, f.area(), f.buffer_mut()))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn the_review_view_in_german_lists_mentions_and_decides() {
    let fx = fixture();
    let mut r = review(&fx, Lang::De);
    let text = review_screen(&r, 80, 24);
    assert_shows(line(&text, 0), &["[Nennungen]", "Freigaben", "2"]);
    assert_in_order(
        &text,
        &["? ", "Methoden & Formate", "Wie", "Brandt", "es sah", "? ", "Selin"],
    );
    assert_shows(&text, &["Tobias Brandt?"]);
    assert_shows(
        last_line(&text),
        &["r ersetzen", "k lassen", "R alle ersetzen", "? Hilfe"],
    );
    insta::assert_snapshot!("review_de_80x24_mentions", text);
    key_event(&mut r, key('r'));
    let text = review_screen(&r, 80, 24);
    assert_shows(&text, &["▇ Methoden & Formate"]);
    assert_eq!(r.open_count(), 1);
    // The decision is on disk: a fresh reader sees it.
    let s = fx.session();
    let doubtful = runde::export::privacy::publish::doubtful(s.plan(), s.state());
    assert_eq!(doubtful.iter().filter(|d| d.verdict.is_some()).count(), 1);
}

#[test]
fn the_review_view_in_english_shows_parts_and_signs_off() {
    let fx = fixture();
    let mut s = fx.session();
    s.set_author(Some("Lena Hoffmann".into()));
    let mut r = ReviewRunner::new(s, Lang::En);
    key_event(&mut r, code(KeyCode::Tab));
    assert_eq!(r.tab, Tab::Parts);
    let text = review_screen(&r, 80, 24);
    assert_shows(line(&text, 0), &["Mentions", "[Sign-offs]"]);
    assert_in_order(
        &text,
        &[
            "✗ Methoden & Formate",
            "not signed off",
            "✗ Fallstricke und Erfolgsfaktoren",
        ],
    );
    insta::assert_snapshot!("review_en_80x24_parts", text);
    key_event(&mut r, code(KeyCode::Enter));
    let text = review_screen(&r, 80, 24);
    // The part as published: the undecided mention marked, not yet replaced.
    assert_shows(&text, &["Methoden & Formate", "✗ not signed off", "?Brandt?", "1 "]);
    assert_shows(last_line(&text), &["s sign off", "Esc back"]);
    insta::assert_snapshot!("review_en_80x24_part", text);
    key_event(&mut r, key('s'));
    let text = review_screen(&r, 80, 24);
    assert_shows(&text, &["✓ signed off by Lena Hoffmann"]);
    let s = fx.session();
    let status = signoff::status(s.plan(), s.state(), "methods");
    assert_eq!(status.len(), 1);
    assert!(status[0].holds && status[0].by == "Lena Hoffmann");
}

#[test]
fn the_review_view_at_40x12_in_both_languages() {
    for (lang, words) in [
        (Lang::De, ["[Nennungen]", "Brandt", "? Hilfe"]),
        (Lang::En, ["[Mentions]", "Brandt", "? help"]),
    ] {
        let fx = fixture();
        let r = review(&fx, lang);
        let text = review_screen(&r, 40, 12);
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        assert_shows(&text, &words);
        insta::assert_snapshot!(format!("review_{lang:?}_40x12").to_lowercase(), text);
        // Every state still fits: the parts, a part, the help.
        let mut r = r;
        for k in [code(KeyCode::Tab), code(KeyCode::Enter), key('?')] {
            key_event(&mut r, k);
            let text = review_screen(&r, 40, 12);
            assert_eq!(text.lines().count(), 12, "{text}");
        }
    }
}

/// The `?` help lists every binding of the table in force, with the words
/// of the key table's own text function — in both languages.
#[test]
fn the_help_comes_from_the_key_tables() {
    for lang in [Lang::De, Lang::En] {
        let fx = fixture();
        let mut r = review(&fx, lang);
        for (table, to) in [
            (MENTIONS, None),
            (PARTS, Some(code(KeyCode::Tab))),
            (PART, Some(code(KeyCode::Enter))),
        ] {
            if let Some(k) = to {
                key_event(&mut r, k);
            }
            key_event(&mut r, key('?'));
            let rows = help_rows(&review_screen(&r, 100, 40)).join("\n");
            for b in table.iter().filter(|b| !b.shown.is_empty()) {
                let (_, long) = action_text(lang, b.action);
                assert!(
                    rows.contains(b.shown) && rows.contains(long),
                    "{lang:?} {:?}:\n{rows}",
                    b.action
                );
            }
            key_event(&mut r, code(KeyCode::Esc));
            assert!(r.help.is_none());
        }
        assert!(r.shown.is_some(), "the help closed, the part stays");
        assert_eq!(r.bindings()[0].action, Action::SignOff);
    }
}

/// The note-taker sees their group's part as published (key `P`) and
/// signs it off with `s` as the name their notes carry; a later note of
/// the group voids it, and the part says so.
#[test]
fn the_note_taker_previews_and_signs_off_their_part() {
    let fx = fixture();
    let mut app = fx.note_taker(Some("methods"), Some("Jonas Weber"), Some(Lang::De));
    app.handle_key(key('P'));
    let text = screen(&app, 80, 24);
    assert_shows(&text, &["Methoden & Formate", "✗ nicht freigegeben", "?Brandt?"]);
    assert_shows(last_line(&text), &["s freigeben", "Esc zurück"]);
    insta::assert_snapshot!("note_part_de_80x24", text);
    app.handle_key(key('s'));
    assert_shows(&screen(&app, 80, 24), &["✓ freigegeben von Jonas Weber"]);
    let holds = |fx: &Fixture| {
        let s = fx.session();
        signoff::status(s.plan(), s.state(), "methods")
            .iter()
            .any(|st| st.holds && st.by == "Jonas Weber")
    };
    assert!(holds(&fx));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.part.is_none());
    // A later change to the group's notes voids the sign-off.
    app.handle_key(key('P'));
    let mut other = fx.session();
    other
        .add_note("methods", None, "Noch ein Gedanke.", NoteKind::Bullet, false)
        .unwrap();
    assert!(!holds(&fx));
    // The part open on screen follows the change when the folder reports it.
    app.update(runde::app::Action::StoreChanged);
    assert_shows(&screen(&app, 80, 24), &["⚠", "Jonas Weber", "Noch ein Gedanke."]);
}

/// `export` says which parts are not signed off; `--require-signoff`
/// refuses until every group's part with notes is; a later change to one
/// group's notes (a new note, an edit, a decision about a mention in it)
/// voids exactly that group's sign-off.
#[test]
fn export_requires_signoffs_that_a_later_change_voids() {
    let fx = fixture();
    let dir = fx.dir();
    let groups = ["methods", "success", "continuity", "actors"];
    let out = common::runde().arg("export").arg(dir).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_shows(
        &err,
        &[
            "noch nicht freigegeben",
            "(methods)",
            "(success)",
            "(continuity)",
            "(actors)",
        ],
    );
    common::export_refused(dir, &["--require-signoff"]).stderr(predicate::str::contains(
        "nicht freigegeben: Methoden & Formate (methods)",
    ));
    for (i, g) in groups.iter().enumerate() {
        common::runde()
            .arg("signoff")
            .arg(dir)
            .args(["--board", g, "--by", ["Anna", "Ben", "Cem", "Dora"][i]])
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("hat {g} freigegeben")));
    }
    common::runde()
        .arg("export")
        .arg(dir)
        .arg("--require-signoff")
        .assert()
        .success()
        .stderr(predicate::str::contains("nicht freigegeben").not());
    let voided = |change: &dyn Fn(&mut runde::store::Session), board: &str, by: &str| {
        let mut s = fx.session();
        change(&mut s);
        common::export_refused(dir, &["--require-signoff"]).stderr(predicate::str::contains(format!("({board})")).and(
            predicate::function(|e: &str| groups.iter().filter(|g| e.contains(&format!("({g})"))).count() == 1),
        ));
        common::runde()
            .arg("signoff")
            .arg(dir)
            .args(["--board", board, "--by", by])
            .assert()
            .success();
        common::runde()
            .arg("export")
            .arg(dir)
            .arg("--require-signoff")
            .assert()
            .success();
    };
    voided(
        &|s| {
            s.add_note("methods", None, "Neu nach der Freigabe.", NoteKind::Bullet, false)
                .unwrap();
        },
        "methods",
        "Anna",
    );
    voided(
        &|s| {
            let id = s.state().notes_in("continuity", "notes")[0].id.clone();
            s.edit_note(&id, "Geändert nach der Freigabe.").unwrap();
        },
        "continuity",
        "Cem",
    );
    voided(
        &|s| {
            let d = runde::export::privacy::publish::doubtful(s.plan(), s.state())
                .into_iter()
                .find(|d| d.board.as_deref() == Some("success"))
                .unwrap();
            s.decide(d.scope_here(), runde::model::review::Verdict::Redact).unwrap();
        },
        "success",
        "Ben",
    );
}

/// The facilitator sees who signed off: on each group's tile while the
/// groups work, and in the merged view of the plenary — ✓ while it holds,
/// ⚠ once a later change voided it.
#[test]
fn the_facilitator_sees_who_signed_off() {
    let fx = fixture();
    let sign = |board: &str, by: &str| {
        let mut s = fx.session();
        let part = signoff::part(s.plan(), s.state(), board).unwrap();
        s.sign_off(board, by, &part.digest).unwrap();
    };
    sign("methods", "Anna Beispiel");
    sign("actors", "Dora");
    let mut app = fx.facilitator(Some(Lang::En));
    for _ in 0..3 {
        app.handle_key(key('n'));
    }
    let text = screen(&app, 120, 40);
    assert_shows(&text, &["✓ Anna Beispiel", "✓ Dora"]);
    app.handle_key(key('n'));
    assert_eq!(app.state().phase(), Some("plenary"));
    app.handle_key(key('m'));
    // The plenary's screen names every group's part and its sign-off.
    let text = screen(&app, 180, 30);
    assert_in_order(
        line(&text, 2),
        &[
            "Sign-offs:",
            "✓ Methoden & Formate (Anna Beispiel)",
            "✗ Fallstricke und Erfolgsfaktoren",
            "✗ Verstetigung",
            "✓ Akteure und Funktionen (Dora)",
        ],
    );
    // Its merged view: the groups with their sign-offs, the findings beside them.
    assert_in_order(
        line(&text, 3),
        &[
            "Methoden & Formate (9)  ✓ Anna",
            "Verstetigung (6)",
            "Zentrale Erkenntnisse (6)",
        ],
    );
    insta::assert_snapshot!("fac_en_180x30_plenary_signoffs", text);
    app.handle_key(key('m'));
    assert_shows(
        line(&screen(&app, 180, 30), 2),
        &["✓ Methoden & Formate (Anna Beispiel)"],
    );
    app.handle_key(code(KeyCode::Esc));
    let mut s = fx.session();
    s.add_note("actors", None, "Später ergänzt.", NoteKind::Bullet, false)
        .unwrap();
    app.update(runde::app::Action::Tick);
    let text = screen(&app, 180, 30);
    assert_shows(
        line(&text, 2),
        &[
            "✓ Methoden & Formate (Anna Beispiel)",
            "⚠ Akteure und Funktionen (Dora)",
        ],
    );
    // German, and a narrow screen cuts the line instead of breaking it.
    let de = fx.facilitator(Some(Lang::De));
    assert_shows(
        line(&screen(&de, 180, 30), 2),
        &["Freigaben:", "✓ Methoden & Formate (Anna Beispiel)"],
    );
    assert!(line(&screen(&de, 40, 12), 2).starts_with("Freigaben: ✓ Methoden"));
}
