//! The views in a folder shared by a sync engine: a conflict copy of the
//! plan shows a banner, and a failed refresh clears itself on the next
//! good one.
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::KeyCode;
use runde::app::Action;
use tui::*;

#[test]
fn a_plan_conflict_copy_shows_a_banner_in_both_views_until_resolved() {
    let fx = Fixture::example();
    let mut fac = fx.facilitator(None);
    let mut note = fx.note_taker(Some("continuity"), Some("Selin"), None);
    let copy = fx.dir().join("session (conflicted copy 2026-11-29 120000).json");
    std::fs::copy(fx.dir().join("session.json"), &copy).unwrap();
    fac.update(Action::StoreChanged);
    note.update(Action::StoreChanged);
    for text in [screen(&fac, 140, 40), screen(&note, 140, 40)] {
        assert!(
            text.contains("Plan-Konflikt") && text.contains("conflicted copy"),
            "{text}"
        );
    }
    std::fs::remove_file(&copy).unwrap();
    fac.update(Action::StoreChanged);
    assert!(!screen(&fac, 140, 40).contains("Plan-Konflikt"));
}

#[test]
fn a_refresh_error_clears_itself_on_the_next_good_refresh() {
    let fx = Fixture::example();
    let mut fac = fx.facilitator(None);
    let log = fx.dir().join("log").join("01m8egqxc689sh9q1m8vzf821g.jsonl");
    let good = std::fs::read(&log).unwrap();
    // Another writer's log is briefly unreadable mid-file.
    let mut other = fx.session();
    other
        .add_note("continuity", None, "first", Default::default(), false)
        .unwrap();
    let theirs = std::fs::read_dir(fx.dir().join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| *p != log)
        .unwrap();
    other
        .add_note("continuity", None, "second", Default::default(), false)
        .unwrap();
    let intact = std::fs::read(&theirs).unwrap();
    let mut broken = intact.clone();
    let second_line = intact.iter().position(|&b| b == b'\n').unwrap() + 8;
    broken[second_line] = b'#';
    std::fs::write(&theirs, &broken).unwrap();
    fac.update(Action::StoreChanged);
    assert!(fac.message().is_some(), "the error is shown");
    std::fs::write(&theirs, &intact).unwrap();
    fac.update(Action::StoreChanged);
    assert!(fac.message().is_none(), "{:?}", fac.message().as_ref().map(|m| &m.text));
    assert_eq!(std::fs::read(&log).unwrap(), good);
}

#[test]
fn the_view_says_when_someone_elses_edit_replaced_yours() {
    let fx = Fixture::example();
    let mut note = fx.note_taker(Some("continuity"), Some("Selin"), None);
    note.handle_key(key('a'));
    typ(&mut note, "unsere Fassung");
    note.handle_key(code(KeyCode::Enter));
    let id = note.current_note().unwrap().id.clone();
    let mut other = fx.session();
    other.edit_note(&id, "ihre Fassung").unwrap();
    note.update(Action::StoreChanged);
    let text = screen(&note, 140, 40);
    assert!(
        text.contains("Jemand anderes hat deine Notiz") && text.contains("ihre Fassung"),
        "{text}"
    );
    // Reported once; an own later edit is not someone else's.
    note.handle_key(key('e'));
    note.handle_key(ctrl('u'));
    typ(&mut note, "unsere neue Fassung");
    note.handle_key(code(KeyCode::Enter));
    note.update(Action::StoreChanged);
    let said = note.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(!said.contains("Jemand anderes"), "{said}");
}

#[test]
fn an_ssh_guest_is_told_to_ask_the_facilitator_about_a_plan_conflict() {
    let fx = Fixture::example();
    let copy = fx.dir().join("session (conflicted copy 2026-11-29 120000).json");
    std::fs::copy(fx.dir().join("session.json"), &copy).unwrap();
    for (lang, ask) in [
        (runde::model::Lang::De, "der Moderation Bescheid geben"),
        (runde::model::Lang::En, "tell the facilitator"),
    ] {
        let mut local = fx.note_taker(Some("continuity"), Some("Selin"), Some(lang));
        local.update(Action::StoreChanged);
        assert!(
            screen(&local, 140, 40).contains("runde plan --resolve"),
            "a local note-taker can run it"
        );
        let mut guest = fx.note_taker(Some("continuity"), Some("Selin"), Some(lang));
        guest.config_mut().remote = true;
        guest.update(Action::StoreChanged);
        let text = screen(&guest, 140, 40);
        assert!(text.contains(ask) && text.contains("conflicted copy"), "{text}");
        assert!(!text.contains("runde plan"), "a guest on SSH cannot run runde: {text}");
    }
}
