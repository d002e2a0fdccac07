//! Drafts: every typed character is either in a saved note or in a draft
//! the writer can get back — after any sequence of keys, a crash or a
//! restart. One draft per editor, one set of drafts per writer, kept out of
//! the (possibly synced) session folder.
#[path = "common/tui.rs"]
mod tui;

use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use tui::*;

fn first_note(fx: &Fixture) -> (String, String) {
    let s = fx.session();
    let n = s.state().notes_in("methods", "notes")[0];
    (n.id.clone(), n.text.clone())
}

fn editor_text(app: &runde::runtime::Runner) -> Option<String> {
    app.input().map(|i| i.area.lines().join("\n"))
}

#[test]
fn an_edit_draft_survives_opening_a_new_note() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    let (_, text) = first_note(&fx);
    app.handle_key(key('e'));
    typ(&mut app, " (Ergänzung)");
    app.handle_key(code(KeyCode::Esc));
    assert!(screen(&app, 100, 30).contains("Entwurf behalten"));
    app.handle_key(key('a'));
    assert_eq!(editor_text(&app).as_deref(), Some(""), "a new note starts empty");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('e'));
    assert_eq!(
        editor_text(&app),
        Some(format!("{text} (Ergänzung)")),
        "e reopens the kept edit"
    );
}

#[test]
fn a_new_note_draft_survives_editing_another_note() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Neue Idee");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('e'));
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('a'));
    assert_eq!(editor_text(&app).as_deref(), Some("Neue Idee"));
}

#[test]
fn similar_names_never_share_a_draft() {
    let fx = Fixture::example();
    let mut anna = fx.note_taker(Some("methods"), Some("Anna K."), None);
    anna.handle_key(key('a'));
    typ(&mut anna, "Annas Text");
    drop(anna);
    let other = fx.note_taker(Some("methods"), Some("Anna K?"), None);
    assert!(other.input().is_none(), "another writer gets no draft");
    drop(other);
    let again = fx.note_taker(Some("methods"), Some("Anna K."), None);
    assert_eq!(editor_text(&again).as_deref(), Some("Annas Text"));
}

#[test]
fn two_people_without_a_name_never_share_a_draft() {
    let fx = Fixture::example();
    let mut first = fx.note_taker(Some("methods"), None, None);
    first.handle_key(key('a'));
    typ(&mut first, "erster Text");
    let mut second = fx.note_taker(Some("methods"), None, None);
    assert!(second.input().is_none(), "the running writer's draft is not offered");
    second.handle_key(key('a'));
    assert_eq!(editor_text(&second).as_deref(), Some(""));
    typ(&mut second, "zweiter Text");
    drop(second);
    assert_eq!(editor_text(&first).as_deref(), Some("erster Text"), "undisturbed");
    drop(first);
    // After both are gone (a crash), a restart gets one of them back and
    // neither text is lost.
    let texts: Vec<Option<String>> = (0..2)
        .map(|_| fx.note_taker(Some("methods"), None, None))
        .collect::<Vec<_>>()
        .iter()
        .map(editor_text)
        .collect();
    let mut got: Vec<String> = texts.into_iter().flatten().collect();
    got.sort();
    assert_eq!(got, ["erster Text", "zweiter Text"]);
}

#[test]
fn drafts_stay_out_of_the_session_folder() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "lokal");
    assert!(!fx.dir().join("drafts").exists(), "nothing for a sync engine to copy");
    drop(app);
    let again = fx.note_taker(Some("methods"), Some("Kim"), None);
    assert_eq!(editor_text(&again).as_deref(), Some("lokal"));
}

#[test]
fn a_restored_edit_draft_announces_a_newer_change_by_someone_else() {
    let fx = Fixture::example();
    let (id, _) = first_note(&fx);
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('e'));
    typ(&mut app, " meins");
    drop(app); // kill -9
    fx.session().edit_note(&id, "Fremde Fassung").unwrap();
    let mut again = fx.note_taker(Some("methods"), Some("Kim"), None);
    assert!(
        screen(&again, 100, 30).contains("Jemand hat diese Notiz geändert"),
        "{}",
        screen(&again, 100, 30)
    );
    again.handle_key(code(KeyCode::Enter));
    let text = screen(&again, 100, 30);
    assert!(text.contains("Änderung der anderen Person ist mit u"), "{text}");
}

#[test]
fn drafts_are_listed_reopened_and_discarded_only_on_purpose() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Neu eins");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('j'));
    app.handle_key(key('e'));
    typ(&mut app, " zwei");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.board_drafts().len(), 2);
    app.handle_key(key('D'));
    let text = screen(&app, 100, 30);
    assert!(text.contains("Entwürfe") && text.contains("Neu eins"), "{text}");
    let at = app.board_drafts().iter().position(|d| d.text == "Neu eins").unwrap();
    typ(&mut app, &(at + 1).to_string());
    assert_eq!(editor_text(&app).as_deref(), Some("Neu eins"));
    app.handle_key(ctrl('g'));
    assert!(app.input().is_none());
    let left: Vec<String> = app.board_drafts().into_iter().map(|d| d.text).collect();
    assert_eq!(left.len(), 1, "only the discarded one is gone: {left:?}");
    assert!(left[0].ends_with(" zwei"));
}

#[test]
fn drawing_the_drafts_dialog_reads_no_file() {
    let fx = Fixture::example();
    let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
    app.handle_key(key('a'));
    typ(&mut app, "Neu eins");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('D'));
    // The drafts folder goes away while the dialog is open: what it shows
    // is what the view was told, not what a frame finds on disk.
    std::fs::remove_dir_all(fx._tmp.path().join("state")).unwrap();
    let text = screen(&app, 100, 30);
    assert!(text.contains("Entwürfe") && text.contains("Neu eins"), "{text}");
}

/// One step of a random session at the keyboard.
#[derive(Debug, Clone)]
enum Step {
    Key(char),
    Esc,
    Enter,
    /// Types a unique word (harmless as board keys: Q, digits, Z).
    Word,
    /// The process dies and is started again.
    Restart,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => prop_oneof![Just('a'), Just('e'), Just('d'), Just('u'), Just('j')].prop_map(Step::Key),
        2 => Just(Step::Esc),
        2 => Just(Step::Enter),
        4 => Just(Step::Word),
        1 => Just(Step::Restart),
    ]
}

/// Every file below `dir`, concatenated (logs and drafts wherever they are).
fn all_bytes(dir: &std::path::Path, out: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all_bytes(&path, out);
        } else if let Ok(b) = std::fs::read(&path) {
            out.extend(b);
        }
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn every_typed_word_is_saved_or_in_a_draft(steps in proptest::collection::vec(step(), 1..40)) {
        let fx = Fixture::example();
        let mut app = fx.note_taker(Some("methods"), Some("Kim"), None);
        let mut typed = Vec::new();
        for (i, s) in steps.iter().enumerate() {
            match s {
                Step::Key(c) => { app.handle_key(key(*c)); }
                Step::Esc => { app.handle_key(code(KeyCode::Esc)); }
                Step::Enter => { app.handle_key(code(KeyCode::Enter)); }
                Step::Word => {
                    let word = format!("Q{i}Z");
                    if app.input().is_some() {
                        typed.push(word.clone());
                    }
                    typ(&mut app, &word);
                }
                Step::Restart => {
                    drop(app);
                    app = fx.note_taker(Some("methods"), Some("Kim"), None);
                }
            }
            let _ = screen(&app, 80, 24);
        }
        drop(app);
        // Saved: in some note text the log ever held (an undone or deleted
        // note was saved on purpose). Recoverable: listed by a new view.
        let mut log = Vec::new();
        all_bytes(&fx.dir().join("log"), &mut log);
        let again = fx.note_taker(Some("methods"), Some("Kim"), None);
        let drafts: Vec<String> = again.board_drafts().into_iter().map(|d| d.text).collect();
        for word in &typed {
            prop_assert!(
                contains(&log, word) || drafts.iter().any(|d| d.contains(word.as_str())),
                "{word} lost after {steps:?}; drafts {drafts:?}"
            );
        }
    }
}
