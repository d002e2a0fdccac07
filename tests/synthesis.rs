//! The plenary synthesis: marks across groups become one finding with
//! links to its sources (merged view, CLI, undo, deleted sources, two
//! processes), similar-note suggestions on the shipped example session,
//! and the minutes saying where each finding came from.
#[path = "common/mod.rs"]
mod common;
#[path = "common/tui.rs"]
mod tui;

use ratatui::crossterm::event::KeyCode;
use runde::export::{Format, Options};
use runde::model::similarity::{Doc, Index};
use runde::model::{Change, Lang, Note};
use runde::runtime::Runner;
use tui::*;

const WORKSHOPS: [&str; 4] = ["methods", "success", "continuity", "actors"];
/// Workshop 1's note on someone who takes the lead (reference: "sich den Hut aufsetzt").
const LEAD_W1: &str = "Ohne eine Person, die vorangeht und Verantwortung übernimmt";
/// Workshop 4's note on the same point (reference: "in die Hand nimmt").
const LEAD_W4: &str = "den Aufbau des Netzwerks im Quartier in die Hand nimmt";

/// The facilitator in the workshops phase, in the merged view.
fn merged(fx: &Fixture, lang: Option<Lang>) -> Runner {
    let mut app = fx.facilitator(lang);
    for _ in 0..3 {
        app.handle_key(key('n'));
    }
    assert_eq!(app.state().phase(), Some("workshops"));
    app.handle_key(key('m'));
    app
}

/// Turns on `findings_sources` in the fixture's plan.
fn with_findings_sources(fx: &Fixture) {
    let path = fx.dir().join("session.json");
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    plan["findings_sources"] = serde_json::Value::Bool(true);
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
}

fn minutes(fx: &Fixture, lang: Lang, format: Format) -> String {
    let s = fx.session();
    let opts = Options {
        format: Some(format),
        lang: Some(lang),
        ..Options::default()
    };
    runde::export::render(s.plan(), s.state(), &opts).unwrap()
}

fn findings(app: &Runner) -> Vec<Note> {
    app.state().notes_in("findings", "notes").into_iter().cloned().collect()
}

/// Marks the first note of the first three groups and opens the finding editor.
fn mark_three_and_press_f(app: &mut Runner) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(app.fac_current_note().unwrap().id.clone());
        app.handle_key(key(' '));
        app.handle_key(code(KeyCode::Tab));
    }
    app.handle_key(key('f'));
    ids
}

/// Replaces the editor's pre-filled text as a user would: erase, then type.
fn retype(app: &mut Runner, text: &str) {
    let len: usize = app
        .input()
        .unwrap()
        .area
        .lines()
        .iter()
        .map(|l| l.chars().count() + 1)
        .sum();
    for _ in 0..len {
        app.handle_key(code(KeyCode::Backspace));
    }
    typ(app, text);
}

#[test]
fn three_notes_from_three_groups_become_one_finding_raised_in_3_of_4_workshops() {
    let fx = Fixture::example();
    with_findings_sources(&fx);
    let mut app = merged(&fx, None);
    let before = findings(&app).len();
    let ids = mark_three_and_press_f(&mut app);
    let input = app.input().expect("the finding editor is open");
    let state = app.state();
    let expected: Vec<String> = ids.iter().map(|id| state.note(id).unwrap().text.clone()).collect();
    assert_eq!(
        input.area.lines(),
        expected.as_slice(),
        "pre-filled with the marked texts"
    );
    let text = screen(&app, 160, 45);
    assert_eq!(text.matches("✔ ").count(), 3, "marks are visible: {text}");
    retype(&mut app, "Netzwerke leben von Menschen, die vorangehen");
    app.handle_key(code(KeyCode::Enter));
    let after = findings(&app);
    assert_eq!(after.len(), before + 1);
    let finding = after.last().unwrap();
    assert_eq!(finding.text, "Netzwerke leben von Menschen, die vorangehen");
    assert_eq!(finding.sources, ids);
    assert!(app.marks().is_empty(), "marks are cleared once the finding is saved");
    let de = minutes(&fx, Lang::De, Format::Md);
    assert!(
        de.contains("- Netzwerke leben von Menschen, die vorangehen (genannt in 3 von 4 Workshops)"),
        "{de}"
    );
    let en = minutes(&fx, Lang::En, Format::Md);
    assert!(en.contains("(raised in 3 of 4 workshops)"), "{en}");
    let findings_board = fx.note_taker(Some("findings"), None, None);
    let view = screen(&findings_board, 160, 45);
    assert!(view.contains("genannt in 3 von 4 Workshops"), "{view}");
}

#[test]
fn without_findings_sources_the_minutes_do_not_count_workshops() {
    let fx = Fixture::example();
    let mut app = merged(&fx, Some(Lang::En));
    mark_three_and_press_f(&mut app);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(findings(&app).last().unwrap().sources.len(), 3);
    let md = minutes(&fx, Lang::De, Format::Md);
    assert!(!md.contains("genannt in"), "{md}");
}

#[test]
fn the_two_lead_person_notes_are_among_each_others_top_three_suggestions() {
    let fx = Fixture::example();
    let s = fx.session();
    let notes: Vec<Note> = WORKSHOPS
        .iter()
        .flat_map(|b| {
            s.state()
                .notes_in(b, "notes")
                .into_iter()
                .chain(s.state().notes_in(b, "factors"))
                .chain(s.state().notes_in(b, "pitfalls"))
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    let docs: Vec<Doc> = notes
        .iter()
        .map(|n| Doc {
            group: &n.board,
            text: &n.text,
        })
        .collect();
    let index = Index::build(&docs, Lang::De);
    let w1 = notes
        .iter()
        .position(|n| n.text.contains(LEAD_W1))
        .expect("workshop 1 note");
    let w4 = notes
        .iter()
        .position(|n| n.text.contains(LEAD_W4))
        .expect("workshop 4 note");
    assert_eq!(
        (notes[w1].board.as_str(), notes[w4].board.as_str()),
        ("methods", "actors")
    );
    let top = |i: usize| index.similar(i, 3).into_iter().map(|m| m.doc).collect::<Vec<_>>();
    assert!(top(w1).contains(&w4), "{:?}", top(w1));
    assert!(top(w4).contains(&w1), "{:?}", top(w4));

    // The same on screen: the cursor on workshop 1's note names group 4.
    let mut app = merged(&fx, Some(Lang::En));
    app.handle_key(key('j'));
    assert!(app.fac_current_note().unwrap().text.contains(LEAD_W1));
    let sug = app.suggestions();
    assert!(sug.contains(&notes[w4].id), "{sug:?}");
    let text = screen(&app, 160, 45);
    assert!(text.contains("≈ also in group"), "{text}");
    assert!(sug.groups().contains(&4));
}

#[test]
fn undo_removes_the_finding_and_redo_brings_it_back_with_its_links() {
    let fx = Fixture::example();
    let mut app = merged(&fx, None);
    let before = findings(&app).len();
    let ids = mark_three_and_press_f(&mut app);
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(findings(&app).len(), before + 1);
    app.handle_key(key('u'));
    assert_eq!(findings(&app).len(), before, "undone");
    app.handle_key(ctrl('r'));
    let after = findings(&app);
    assert_eq!(after.len(), before + 1, "redone");
    assert_eq!(after.last().unwrap().sources, ids);
    // Another process folds the same links.
    let other = fx.session();
    let last = other
        .state()
        .notes_in("findings", "notes")
        .last()
        .cloned()
        .cloned()
        .unwrap();
    assert_eq!(last.sources, ids);
}

#[test]
fn f_without_marks_copies_one_note_once_and_says_when_it_is_already_in_a_finding() {
    let fx = Fixture::example();
    let mut app = merged(&fx, None);
    let source = app.fac_current_note().unwrap().clone();
    app.handle_key(key('f'));
    assert!(app.input().is_none(), "no editor without marks");
    let first = app.message().unwrap().text.clone();
    assert!(!first.contains("schon"), "{first}");
    app.handle_key(key('f'));
    let second = app.message().unwrap().text.clone();
    assert!(second.contains("steht schon in einer Erkenntnis"), "{second}");
    let copies: Vec<Note> = findings(&app)
        .into_iter()
        .filter(|n| n.sources == [source.id.clone()])
        .collect();
    assert_eq!(copies.len(), 1, "a second f copies nothing");
    assert_eq!(copies[0].text, source.text);
}

fn cli_finding(dir: &std::path::Path, from: &str, text: &str) -> String {
    let out = common::runde()
        .args(["finding", dir.to_str().unwrap(), "--from", from, text])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Ids of the first note of each workshop board.
fn first_ids(fx: &Fixture) -> Vec<String> {
    let s = fx.session();
    WORKSHOPS
        .iter()
        .map(|b| {
            let section = &s.plan().board(b).unwrap().sections[0].id;
            s.state().notes_in(b, section)[0].id.clone()
        })
        .collect()
}

#[test]
fn a_finding_added_by_another_process_shows_its_sources_in_a_running_view() {
    let fx = Fixture::example();
    with_findings_sources(&fx);
    let mut view = fx.note_taker(Some("findings"), None, Some(Lang::En));
    let ids = first_ids(&fx);
    // id prefixes, like every other command
    let from = format!("{},{}", &ids[0][..16], &ids[3][..16]);
    let id = cli_finding(fx.dir(), &from, "Someone has to take the lead");
    assert_eq!(id.len(), 26, "prints the new id: {id}");
    view.update(runde::app::Action::StoreChanged);
    let text = screen(&view, 160, 45);
    assert!(text.contains("Someone has to take the lead"), "{text}");
    assert!(text.contains("raised in 2 of 4 workshops"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&minutes(&fx, Lang::En, Format::Json)).unwrap();
    let findings = &json["boards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "findings")
        .unwrap()["sections"][0]["notes"];
    let ours = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id.as_str())
        .unwrap();
    assert_eq!(ours["sources"][0]["id"], ids[0].as_str());
    assert_eq!(ours["sources"][1]["board"], "actors");
}

#[test]
fn deleting_a_source_keeps_the_finding_and_views_check_and_export_say_so() {
    let fx = Fixture::example();
    with_findings_sources(&fx);
    let ids = first_ids(&fx);
    let id = cli_finding(fx.dir(), &ids[..3].join(","), "Vertrauen entsteht im Tun");
    common::runde()
        .args(["rm", fx.dir().to_str().unwrap(), &ids[1]])
        .assert()
        .success();
    // the finding stays, edits and moves keep its links
    common::runde()
        .args([
            "edit",
            fx.dir().to_str().unwrap(),
            &id,
            "Vertrauen entsteht durch gemeinsames Tun",
        ])
        .assert()
        .success();
    let first = fx.session().state().notes_in("findings", "notes")[0].id.clone();
    common::runde()
        .args(["move", fx.dir().to_str().unwrap(), &id, "--before", &first])
        .assert()
        .success();
    let s = fx.session();
    assert_eq!(s.state().notes_in("findings", "notes")[0].id, id, "moved to the top");
    let finding = s.state().note(&id).unwrap();
    assert!(!finding.deleted);
    assert_eq!(finding.sources, ids[..3].to_vec());
    let md = minutes(&fx, Lang::De, Format::Md);
    assert!(
        md.contains("Vertrauen entsteht durch gemeinsames Tun (genannt in 2 von 4 Workshops)"),
        "{md}"
    );
    let json = minutes(&fx, Lang::De, Format::Json);
    assert_eq!(json.matches("\"gone\": true").count(), 1, "{json}");
    let check = common::runde()
        .args(["check", fx.dir().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success(), "a gone source is reported, not a failure");
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains(&format!("Erkenntnis {id}")) && out.contains("1 ihrer 3 Quellnotizen fehlen"),
        "{out}"
    );
    let view = fx.note_taker(Some("findings"), None, None);
    let text = screen(&view, 160, 45);
    assert!(text.contains("1 Quelle gelöscht"), "{text}");
}

#[test]
fn note_added_events_without_sources_or_with_unknown_fields_still_load() {
    let old = r#"{"note_added":{"id":"a","board":"b","section":"s","text":"t","pos":"i"}}"#;
    let Change::NoteAdded(n) = serde_json::from_str::<Change>(old).unwrap() else {
        panic!("not an add")
    };
    assert!(n.sources.is_empty());
    let newer = r#"{"note_added":{"id":"a","board":"b","section":"s","text":"t","pos":"i","sources":["x"],"later":1}}"#;
    let Change::NoteAdded(n) = serde_json::from_str::<Change>(newer).unwrap() else {
        panic!("not an add")
    };
    assert_eq!(n.sources, ["x"]);
    // Written without the field when empty: older readers see the same bytes as before.
    assert!(
        !serde_json::to_string(&Change::NoteAdded(runde::model::event::NewNote {
            sources: Vec::new(),
            lang: None,
            ..n
        }))
        .unwrap()
        .contains("sources")
    );
}
