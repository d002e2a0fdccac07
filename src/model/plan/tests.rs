use super::*;

const MINIMAL: &str = r#"{
  "format": 1,
  "lang": "en",
  "title": "T",
  "date": "2021-10-05",
  "boards": [{"id": "b", "kind": "workshop", "title": "B", "sections": [{"id": "s", "title": "S"}]}]
}"#;

#[test]
fn minimal_plan_parses() {
    let plan = Plan::parse(Path::new("p.json"), MINIMAL).unwrap();
    assert_eq!(plan.lang, Lang::En);
    assert_eq!(plan.boards[0].sections[0].id, "s");
    assert_eq!(plan.board_minutes("b"), None);
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let text = MINIMAL.replace("\"title\": \"T\",", "\"title\": \"T\",\n  \"colour\": 3,");
    let err = Plan::parse(Path::new("p.json"), &text).unwrap_err().to_string();
    assert!(err.starts_with("p.json:5: unknown key `colour`"), "{err}");
}

#[test]
fn missing_required_key_is_named() {
    let text = MINIMAL.replace("  \"title\": \"T\",\n", "");
    let err = Plan::parse(Path::new("p.json"), &text).unwrap_err().to_string();
    assert!(err.contains("missing required key `title`"), "{err}");
}

#[test]
fn duplicate_board_and_bad_agenda_reference_are_reported() {
    let text = r#"{"format": 1, "lang": "de", "title": "T", "date": "2021-10-05",
"agenda": [{"id": "w", "title": "W", "boards": ["nope"]}],
"boards": [
 {"id": "b", "kind": "workshop", "title": "B", "sections": [{"id": "s", "title": "S"}]},
 {"id": "b", "kind": "workshop", "title": "C", "sections": []}
]}"#;
    let (_, problems) = Plan::parse_all(text);
    use crate::model::ParseProblem as P;
    let kinds: Vec<_> = problems.iter().map(|p| &p.kind).collect();
    assert!(kinds.contains(&&P::DuplicateBoard { id: "b".into() }), "{kinds:?}");
    assert!(kinds.contains(&&P::NoSections { board: "b".into() }), "{kinds:?}");
    let unknown = P::PhaseUnknownBoard {
        phase: "w".into(),
        board: "nope".into(),
    };
    assert_eq!(problems.iter().find(|p| p.kind == unknown).map(|p| p.line), Some(2));
}

#[test]
fn newer_format_is_refused_with_upgrade_hint() {
    let text = MINIMAL.replace("\"format\": 1", "\"format\": 2");
    let err = Plan::parse(Path::new("p.json"), &text).unwrap_err().to_string();
    assert!(err.contains("p.json:2: plan format 2 is newer"), "{err}");
}

#[test]
fn bad_date_and_time_are_explained() {
    let text = MINIMAL.replace("2021-10-05", "2021-13-05");
    let err = Plan::parse(Path::new("p.json"), &text).unwrap_err().to_string();
    assert!(err.contains("invalid date \"2021-13-05\""), "{err}");
    let text = MINIMAL.replace("\"title\": \"T\",", "\"title\": \"T\", \"start\": \"3pm\",");
    let err = Plan::parse(Path::new("p.json"), &text).unwrap_err().to_string();
    assert!(err.contains("invalid time \"3pm\""), "{err}");
}

#[test]
fn truncated_plan_names_the_last_line() {
    let text = &MINIMAL[..MINIMAL.len() - 20];
    let err = Plan::parse(Path::new("p.json"), text).unwrap_err().to_string();
    assert!(err.starts_with("p.json:6:"), "{err}");
}

#[test]
fn board_minutes_fall_back_to_phase() {
    let text = MINIMAL.replace(
        "\"boards\"",
        "\"agenda\": [{\"id\": \"w\", \"title\": \"W\", \"minutes\": 45, \"boards\": [\"b\"]}],\n  \"boards\"",
    );
    let plan = Plan::parse(Path::new("p.json"), &text).unwrap();
    assert_eq!(plan.board_minutes("b"), Some(45));
}
