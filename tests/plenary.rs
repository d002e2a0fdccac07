//! The plenary from the facilitator's seat (issue 26, points 1–4 and 6):
//! synthesis with the breakout groups beside the findings board, closing
//! the breakouts in one minute, one finding per note, clearing the finding
//! editor with one key, and feedback that names its group.
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::KeyCode;
use runde::app::Action;
use runde::clock::Clock;
use runde::model::{Lang, Note};
use runde::runtime::Runner;
use tui::*;

const MIN: i64 = 60_000;
const GROUP_TITLES: [&str; 4] = [
    "Methoden & Formate",
    "Fallstricke und Erfolgsfaktoren",
    "Verstetigung",
    "Akteure und Funktionen",
];
const FINDINGS_TITLE: &str = "Zentrale Erkenntnisse";

/// The facilitator after `n` presses of `n` (3: the workshops, 4: the plenary).
fn at_phase(fx: &Fixture, lang: Option<Lang>, presses: usize, phase: &str) -> Runner {
    let mut app = fx.facilitator(lang);
    for _ in 0..presses {
        app.handle_key(key('n'));
    }
    assert_eq!(app.state().phase(), Some(phase));
    app
}

fn in_workshops(fx: &Fixture, lang: Option<Lang>) -> Runner {
    at_phase(fx, lang, 3, "workshops")
}

fn in_plenary(fx: &Fixture, lang: Option<Lang>) -> Runner {
    at_phase(fx, lang, 4, "plenary")
}

fn findings(app: &Runner) -> Vec<Note> {
    app.state().notes_in("findings", "notes").into_iter().cloned().collect()
}

fn message(app: &Runner) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn column_titles(app: &Runner) -> Vec<String> {
    app.columns().iter().map(|c| c.title.clone()).collect()
}

// ----- 1. synthesis in the plenary --------------------------------------------

#[test]
fn in_the_plenary_m_shows_the_workshop_groups_beside_the_findings_board() {
    let fx = Fixture::example();
    let mut app = in_plenary(&fx, None);
    app.handle_key(key('m'));
    let mut wanted: Vec<&str> = GROUP_TITLES.to_vec();
    wanted.push(FINDINGS_TITLE);
    assert_eq!(column_titles(&app), wanted);
    assert_eq!(app.fac_current_note().map(|n| n.board.as_str()), Some("methods"));
    let text = screen(&app, 160, 45);
    assert_shows(
        &text,
        &["Methoden & Formate (8)", "Zentrale Erkenntnisse (", "Space markieren"],
    );
    insta::assert_snapshot!("plenary_de_160x45_merged", text);
    // Synthesis works right there: two groups' notes become one finding.
    let before = findings(&app).len();
    let first = app.fac_current_note().unwrap().id.clone();
    app.handle_key(key(' '));
    app.handle_key(code(KeyCode::Tab));
    let second = app.fac_current_note().unwrap().id.clone();
    app.handle_key(key(' '));
    app.handle_key(key('f'));
    assert!(app.input().is_some(), "the finding editor is open");
    app.handle_key(code(KeyCode::Enter));
    let after = findings(&app);
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().unwrap().sources, [first, second]);
    let text = screen(&app, 160, 45);
    assert!(text.contains(&format!("{} ({})", FINDINGS_TITLE, before + 1)), "{text}");
}

#[test]
fn in_the_plenary_p_presents_a_group_beside_the_findings_board_in_english() {
    let fx = Fixture::example();
    let mut app = in_plenary(&fx, Some(Lang::En));
    app.handle_key(key('p'));
    let titles = column_titles(&app);
    assert_eq!(titles.last().map(String::as_str), Some(FINDINGS_TITLE), "{titles:?}");
    assert_eq!(app.fac_current_note().map(|n| n.board.as_str()), Some("methods"));
    let text = screen(&app, 160, 45);
    assert_shows(
        &text,
        &["Methoden & Formate", "Question: Mit welchen Methoden", FINDINGS_TITLE],
    );
    insta::assert_snapshot!("plenary_en_160x45_present", text);
    // From the merged view, `p` presents the group under the cursor.
    app.handle_key(key('m'));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('p'));
    assert_eq!(app.fac_current_note().map(|n| n.board.as_str()), Some("continuity"));
    assert!(screen(&app, 160, 45).contains("Verstetigung"));
}

// ----- 2. closing the breakouts in one minute ----------------------------------

/// All groups started; 41 minutes later group 2 got five more: groups 1, 3
/// and 4 have 4 minutes left, group 2 has 9.
fn nearly_over(fx: &Fixture, lang: Option<Lang>) -> Runner {
    let mut app = in_workshops(fx, lang);
    app.handle_key(key('S'));
    fx.clock.advance_secs(41 * 60);
    app.update(Action::Tick);
    app.handle_key(key('2'));
    app.handle_key(key('+'));
    app.handle_key(key('5'));
    app.handle_key(key('n'));
    app
}

#[test]
fn the_end_dialog_says_1_ends_all_groups_in_a_minute_and_names_those_with_more_than_five() {
    let fx = Fixture::example();
    let mut app = nearly_over(&fx, None);
    let text = screen(&app, 160, 45);
    assert_shows(
        &text,
        &[
            "1: alle in einer Minute beenden",
            "2 Fallstricke und Erfolgsfaktoren (9 min)",
        ],
    );
    assert!(!text.contains("noch 1 Minute für alle"), "{text}");
    assert!(!text.contains("1 Methoden & Formate (4 min)"), "{text}");
    insta::assert_snapshot!("plenary_de_160x45_end_dialog", text);
    app.handle_key(key('1'));
    let now = fx.clock.now_ms();
    let s = fx.session();
    for b in ["methods", "success", "continuity", "actors"] {
        assert_eq!(s.state().timer(b).remaining_ms(now), MIN, "{b}");
    }
    let said = message(&app);
    assert!(said.contains("Gruppe 2 (Fallstricke und Erfolgsfaktoren)"), "{said}");
    assert!(said.contains("9 min"), "{said}");
    assert!(!said.contains("Methoden"), "{said}");
}

#[test]
fn the_end_dialog_in_english() {
    let fx = Fixture::example();
    let mut app = nearly_over(&fx, Some(Lang::En));
    let text = screen(&app, 160, 45);
    assert_shows(
        &text,
        &[
            "1: end all groups in one minute",
            "2 Fallstricke und Erfolgsfaktoren (9 min)",
        ],
    );
    assert!(!text.contains("one more minute for all"), "{text}");
    app.handle_key(key('1'));
    let said = message(&app);
    assert!(said.contains("group 2 (Fallstricke und Erfolgsfaktoren)"), "{said}");
}

// ----- 3. one finding per note -------------------------------------------------

#[test]
fn f_twice_on_one_note_makes_one_finding_and_says_so() {
    for (lang, word) in [
        (Lang::De, "steht schon in einer Erkenntnis"),
        (Lang::En, "already in a finding"),
    ] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('m'));
        let source = app.fac_current_note().unwrap().clone();
        let before = findings(&app).len();
        app.handle_key(key('f'));
        assert_eq!(findings(&app).len(), before + 1);
        app.handle_key(key('f'));
        assert_eq!(findings(&app).len(), before + 1, "{lang:?}: no second copy");
        let text = screen(&app, 160, 45);
        assert!(text.contains(word), "{lang:?}: {text}");
        let copies = findings(&app)
            .into_iter()
            .filter(|n| n.sources == [source.id.clone()])
            .count();
        assert_eq!(copies, 1);
    }
}

// ----- 4. clearing the finding editor ------------------------------------------

#[test]
fn one_key_clears_the_pre_filled_finding_and_the_footer_says_which() {
    for (lang, hint) in [(Lang::De, "Ctrl-l alles löschen"), (Lang::En, "Ctrl-l clear all")] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('m'));
        app.handle_key(key(' '));
        app.handle_key(code(KeyCode::Tab));
        app.handle_key(key(' '));
        app.handle_key(key('f'));
        assert_eq!(app.input().unwrap().area.lines().len(), 2, "pre-filled with two notes");
        let text = screen(&app, 160, 45);
        assert!(last_line(&text).contains(hint), "{lang:?}: {text}");
        if lang == Lang::De {
            insta::assert_snapshot!("plenary_de_160x45_finding_editor", text);
        }
        app.handle_key(ctrl('l'));
        assert_eq!(app.input().unwrap().area.lines(), [""], "{lang:?}: one key clears all");
        typ(&mut app, "Vernetzung braucht Menschen");
        app.handle_key(code(KeyCode::Enter));
        assert_eq!(findings(&app).last().unwrap().text, "Vernetzung braucht Menschen");
    }
}

#[test]
fn ctrl_z_brings_the_cleared_text_back() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('m'));
    app.handle_key(key(' '));
    app.handle_key(key('f'));
    let filled: Vec<String> = app.input().unwrap().area.lines().to_vec();
    app.handle_key(ctrl('l'));
    assert_eq!(app.input().unwrap().area.lines(), [""]);
    app.handle_key(ctrl('z'));
    assert_eq!(app.input().unwrap().area.lines(), filled.as_slice());
}

// ----- 6. feedback names its object --------------------------------------------

#[test]
fn time_changes_name_the_group_or_all_groups() {
    for (lang, one, all) in [
        (
            Lang::De,
            "+5 min für Gruppe 2 (Fallstricke und Erfolgsfaktoren)",
            "-1 min für alle Gruppen",
        ),
        (
            Lang::En,
            "+5 min for group 2 (Fallstricke und Erfolgsfaktoren)",
            "-1 min for all groups",
        ),
    ] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('2'));
        app.handle_key(key('+'));
        app.handle_key(key('5'));
        assert_eq!(message(&app), one);
        assert!(screen(&app, 160, 45).contains(one));
        app.handle_key(key('a'));
        app.handle_key(key('-'));
        assert_eq!(message(&app), all);
    }
}

#[test]
fn acknowledging_a_signal_says_whose() {
    for (lang, said) in [
        (Lang::De, "Signal von Gruppe 3 (Verstetigung) quittiert"),
        (Lang::En, "Signal from group 3 (Verstetigung) acknowledged"),
    ] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        let mut group = fx.note_taker(Some("continuity"), None, Some(lang));
        group.handle_key(key('!'));
        group.handle_key(key('3'));
        app.update(Action::StoreChanged);
        app.handle_key(key('!'));
        assert!(fx.session().state().signal("continuity").is_none());
        assert_eq!(message(&app), said);
        assert!(screen(&app, 160, 45).contains(said));
    }
}

#[test]
fn the_aimed_broadcast_prompt_names_the_group_and_its_footer_says_send() {
    for (lang, title, send, save) in [
        (
            Lang::De,
            "Durchsage an Gruppe 2 (Fallstricke und Erfolgsfaktoren)",
            "Enter senden",
            "speichern",
        ),
        (
            Lang::En,
            "Broadcast to group 2 (Fallstricke und Erfolgsfaktoren)",
            "Enter send",
            "save",
        ),
    ] {
        let fx = Fixture::example();
        let mut app = in_workshops(&fx, Some(lang));
        app.handle_key(key('2'));
        app.handle_key(key('B'));
        let text = screen(&app, 160, 45);
        assert!(text.contains(title), "{lang:?}: {text}");
        let footer = last_line(&text);
        assert!(footer.contains(send) && !footer.contains(save), "{lang:?}: {footer}");
        if lang == Lang::En {
            insta::assert_snapshot!("plenary_en_160x45_aimed_broadcast", text);
        }
        app.handle_key(code(KeyCode::Esc));
        app.handle_key(key('b'));
        let footer = last_line(&screen(&app, 160, 45)).to_string();
        assert!(
            footer.contains(send),
            "{lang:?}: the broadcast to all sends too: {footer}"
        );
    }
}

#[test]
fn a_note_whose_finding_was_undone_can_be_copied_again_and_a_finding_is_never_copied() {
    let fx = Fixture::example();
    let mut app = in_workshops(&fx, None);
    app.handle_key(key('m'));
    let before = findings(&app).len();
    app.handle_key(key('f'));
    app.handle_key(key('u'));
    assert_eq!(findings(&app).len(), before, "the copy is undone");
    app.handle_key(key('f'));
    assert_eq!(findings(&app).len(), before + 1, "copied again: its finding was gone");
    // In the plenary the findings stand beside the groups: they are not notes to condense.
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('n'));
    assert_eq!(app.state().phase(), Some("plenary"));
    app.handle_key(key('m'));
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Tab));
    }
    assert_eq!(app.fac_current_note().map(|n| n.board.as_str()), Some("findings"));
    for k in [' ', 'f'] {
        app.handle_key(key(k));
        assert!(
            message(&app).contains("schon eine Erkenntnis"),
            "{k}: {}",
            message(&app)
        );
    }
    assert!(app.marks().is_empty());
    assert_eq!(findings(&app).len(), before + 1);
}

/// In the plenary's present view `Space` marks the note under the cursor,
/// as in the merged view (it paged before, and the next `f` copied a note
/// nobody chose); `PgDn` pages. The footer names `Space`.
#[test]
fn space_in_the_present_view_marks_the_note_under_the_cursor() {
    for lang in [Lang::De, Lang::En] {
        let fx = Fixture::example();
        let mut app = in_plenary(&fx, Some(lang));
        app.handle_key(key('p'));
        let chosen = app.fac_current_note().map(|n| n.id.clone()).expect("a note");
        app.handle_key(key(' '));
        assert_eq!(
            app.fac_current_note().map(|n| n.id.clone()),
            Some(chosen.clone()),
            "Space does not move the cursor"
        );
        let text = screen(&app, 160, 45);
        assert!(text.contains("✔"), "{text}");
        assert_shows(last_line(&text), &["Space"]);
        let before = findings(&app).len();
        app.handle_key(key('f'));
        app.handle_key(code(KeyCode::Enter));
        let made = findings(&app);
        assert_eq!(made.len(), before + 1, "{}", message(&app));
        let newest = made.iter().find(|n| n.sources.contains(&chosen));
        assert!(newest.is_some(), "the finding cites the chosen note: {made:?}");
    }
}
