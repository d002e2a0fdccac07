use super::*;
use crate::model::event::{Event, NewNote, NoteKind, OrderKey};
use crate::model::plan::{Board, BoardKind, Lang, Phase, Plan, Section};
use crate::model::plan_edit::{empty_plan, parse_date};
use std::sync::Arc;

/// A plan with a timed board "a" (sections s, t), an untimed board "b"
/// and a two-phase agenda.
fn plan() -> Plan {
    let mut p = empty_plan(Lang::En, parse_date("2021-10-05").unwrap());
    p.title = "T".into();
    let board = |id: &str, minutes: Option<u32>, sections: &[&str]| {
        let sections = sections
            .iter()
            .map(|s| Section {
                id: (*s).into(),
                title: (*s).into(),
                lead: None,
            })
            .collect();
        let mut b = Board::new(id, BoardKind::Workshop, id, sections);
        b.minutes = minutes;
        b
    };
    p.boards = vec![board("a", Some(10), &["s", "t"]), board("b", None, &["s"])];
    p.agenda = ["one", "two"]
        .iter()
        .map(|id| Phase {
            id: (*id).into(),
            title: (*id).into(),
            minutes: None,
            boards: Vec::new(),
        })
        .collect();
    p
}

/// Applies changes in order, as one writer would.
fn apply(state: &mut SessionState, changes: impl IntoIterator<Item = Change>) {
    for c in changes {
        let seq = next_seq();
        let key = OrderKey {
            lamport: seq,
            actor: Arc::from("t"),
            seq,
        };
        state.apply(
            &key,
            Event {
                seq,
                lamport: seq,
                wall_ms: 1_000,
                c,
            },
        );
    }
}

/// A sequence number that grows with every call (events must be ordered).
fn next_seq() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn note(id: &str, board: &str, section: &str, pos: &str) -> Change {
    Change::NoteAdded(NewNote {
        id: id.into(),
        board: board.into(),
        section: section.into(),
        text: id.into(),
        kind: NoteKind::Bullet,
        starred: false,
        by: None,
        pos: pos.into(),
        origin: None,
        sources: Vec::new(),
        lang: None,
    })
}

fn order(state: &SessionState, board: &str, section: &str) -> Vec<String> {
    state.notes_in(board, section).iter().map(|n| n.id.clone()).collect()
}

// ----- timers ---------------------------------------------------------------

fn timer_op(p: &Plan, s: &SessionState, board: &str, c: TimerCommand) -> Option<TimerOp> {
    timer_step(p, s, board, c).unwrap().map(|(op, _)| op)
}

fn run_timer(s: &mut SessionState, board: &str, op: TimerOp) {
    apply(
        s,
        [Change::Timer {
            board: board.into(),
            op,
        }],
    );
}

#[test]
fn an_idle_timer_starts_with_its_planned_length_and_pauses_nothing() {
    let (p, s) = (plan(), SessionState::default());
    assert_eq!(
        timer_op(&p, &s, "a", TimerCommand::Start),
        Some(TimerOp::Start { duration_ms: 600_000 })
    );
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Pause), None);
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Resume), None);
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Reset), None);
}

#[test]
fn a_running_timer_pauses_toggles_and_does_not_start_twice() {
    let p = plan();
    let mut s = SessionState::default();
    run_timer(&mut s, "a", TimerOp::Start { duration_ms: 600_000 });
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Start), None);
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Toggle), Some(TimerOp::Pause));
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Pause), Some(TimerOp::Pause));
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Resume), None);
    run_timer(&mut s, "a", TimerOp::Pause);
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Start), Some(TimerOp::Resume));
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Toggle), Some(TimerOp::Resume));
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Resume), Some(TimerOp::Resume));
    assert_eq!(timer_op(&p, &s, "a", TimerCommand::Reset), Some(TimerOp::Reset));
}

#[test]
fn lengthening_an_idle_timer_gives_an_untimed_board_a_length() {
    let p = plan();
    let mut s = SessionState::default();
    assert_eq!(
        timer_step(&p, &s, "b", TimerCommand::Start),
        Err(RuleError::NoTimerLength("b".into()))
    );
    let op = timer_op(&p, &s, "b", TimerCommand::Extend(300_000));
    assert_eq!(op, Some(TimerOp::Extend { delta_ms: 300_000 }));
    run_timer(&mut s, "b", TimerOp::Extend { delta_ms: 300_000 });
    assert_eq!(s.timer("b").planned_extra_ms(), 300_000);
    assert!(!s.timer("b").is_started());
    assert_eq!(
        timer_op(&p, &s, "b", TimerCommand::Start),
        Some(TimerOp::Start { duration_ms: 0 })
    );
    assert_eq!(timer_op(&p, &s, "b", TimerCommand::Reset), Some(TimerOp::Reset));
}

#[test]
fn timers_of_unknown_boards_are_refused_with_the_known_ones() {
    let err = timer_step(&plan(), &SessionState::default(), "nope", TimerCommand::Start).unwrap_err();
    assert_eq!(
        err,
        RuleError::UnknownBoard {
            id: "nope".into(),
            known: vec!["a".into(), "b".into()]
        }
    );
}

// ----- phases ---------------------------------------------------------------

#[test]
fn phase_steps_stop_at_the_last_and_fall_off_before_the_first() {
    let p = plan();
    let mut s = SessionState::default();
    assert_eq!(phase_step(&p, &s, -1).unwrap(), None);
    assert_eq!(phase_step(&p, &s, 1).unwrap().as_deref(), Some("one"));
    let change = set_phase(&p, &s, Some("one")).unwrap();
    apply(&mut s, change);
    assert_eq!(phase_step(&p, &s, -1).unwrap(), None);
    assert_eq!(phase_step(&p, &s, 1).unwrap().as_deref(), Some("two"));
    let change = set_phase(&p, &s, Some("two")).unwrap();
    apply(&mut s, change);
    assert_eq!(phase_step(&p, &s, 1).unwrap().as_deref(), Some("two"));
    assert_eq!(phase_step(&p, &s, -1).unwrap().as_deref(), Some("one"));
    assert_eq!(set_phase(&p, &s, Some("two")).unwrap(), None, "already there");
}

#[test]
fn phases_need_an_agenda_and_a_known_id() {
    let mut p = plan();
    assert_eq!(
        set_phase(&p, &SessionState::default(), Some("lunch")),
        Err(RuleError::UnknownPhase {
            id: "lunch".into(),
            known: vec!["one".into(), "two".into()]
        })
    );
    p.agenda.clear();
    assert_eq!(phase_step(&p, &SessionState::default(), 1), Err(RuleError::NoAgenda));
}

// ----- ids and places ---------------------------------------------------------

#[test]
fn prefixes_resolve_when_unique_and_say_when_ambiguous_or_unknown() {
    let mut s = SessionState::default();
    apply(
        &mut s,
        [note("abcd1111", "a", "s", "m"), note("abcd2222", "a", "s", "n")],
    );
    assert_eq!(resolve_note_id(&s, " ABCD1 ").unwrap(), "abcd1111");
    assert_eq!(resolve_note_id(&s, "abcd2222").unwrap(), "abcd2222");
    assert_eq!(
        resolve_note_id(&s, "abcd"),
        Err(RuleError::AmbiguousNote {
            prefix: "abcd".into(),
            count: 2
        })
    );
    assert_eq!(
        resolve_note_id(&s, "zzzz"),
        Err(RuleError::NoMatchingNote("zzzz".into()))
    );
    assert_eq!(resolve_note_id(&s, ""), Err(RuleError::NoMatchingNote(String::new())));
}

#[test]
fn a_prefix_shorter_than_four_characters_is_not_enough() {
    let mut s = SessionState::default();
    apply(&mut s, [note("abcd1111", "a", "s", "m")]);
    assert!(matches!(resolve_note_id(&s, "abc"), Err(RuleError::NoMatchingNote(_))));
}

#[test]
fn deleted_notes_are_not_live() {
    let mut s = SessionState::default();
    apply(&mut s, [note("abcd1111", "a", "s", "m")]);
    apply(
        &mut s,
        [Change::NoteSet {
            id: "abcd1111".into(),
            fields: NoteFields {
                deleted: Some(true),
                ..NoteFields::default()
            },
        }],
    );
    assert_eq!(
        live_note(&s, "abcd1111").map(|n| &n.id),
        Err(RuleError::DeletedNote("abcd1111".into()))
    );
    assert_eq!(
        live_note(&s, "nope").map(|n| &n.id),
        Err(RuleError::UnknownNote("nope".into()))
    );
}

#[test]
fn places_default_to_the_first_section_and_name_what_is_missing() {
    let mut p = plan();
    assert_eq!(resolve_place(&p, "a", None).unwrap(), ("a".into(), "s".into()));
    assert_eq!(resolve_place(&p, "a", Some("t")).unwrap(), ("a".into(), "t".into()));
    assert_eq!(
        resolve_place(&p, "a", Some("x")),
        Err(RuleError::UnknownSection {
            board: "a".into(),
            id: "x".into(),
            known: vec!["s".into(), "t".into()]
        })
    );
    p.boards[1].sections.clear();
    assert_eq!(resolve_place(&p, "b", None), Err(RuleError::NoSections("b".into())));
    assert_eq!(findings_board(&p), Err(RuleError::NoFindingsBoard));
}

#[test]
fn empty_texts_are_refused_and_line_endings_normalised() {
    assert_eq!(checked_text(" \r\n "), Err(RuleError::EmptyText));
    assert_eq!(checked_text("a\r\nb").unwrap(), "a\nb");
}

// ----- positions --------------------------------------------------------------

#[test]
fn a_place_before_a_note_sorts_between_its_neighbours() {
    let mut s = SessionState::default();
    apply(&mut s, [note("n1", "a", "s", "m"), note("n2", "a", "s", "p")]);
    let at_end = place_in(&s, "a", "s", "new", None).unwrap();
    assert!(at_end.pos.as_str() > "p" && at_end.respaced.is_empty(), "{at_end:?}");
    let between = place_in(&s, "a", "s", "new", Some("n2")).unwrap();
    assert!("m" < between.pos.as_str() && between.pos.as_str() < "p", "{between:?}");
    let first = place_in(&s, "a", "s", "new", Some("n1")).unwrap();
    assert!(first.pos.as_str() < "m", "{first:?}");
}

#[test]
fn a_place_before_a_note_of_another_section_is_refused() {
    let mut s = SessionState::default();
    apply(&mut s, [note("n1", "a", "s", "m"), note("n2", "a", "t", "m")]);
    assert_eq!(
        place_in(&s, "a", "s", "n1", Some("n2")).map(|_| ()),
        Err(RuleError::NotInSection {
            note: "n2".into(),
            board: "a".into(),
            section: "s".into()
        })
    );
}

#[test]
fn long_keys_are_respaced_before_the_note_is_placed() {
    let mut s = SessionState::default();
    let long = "m".repeat(position::SOFT_KEY_LEN);
    apply(
        &mut s,
        [note("n1", "a", "s", &long), note("n2", "a", "s", &format!("{long}1"))],
    );
    let placed = place_in(&s, "a", "s", "new", Some("n2")).unwrap();
    assert_eq!(placed.respaced.len(), 2, "{placed:?}");
    assert!(placed.pos.len() <= position::SOFT_KEY_LEN, "{placed:?}");
    apply(&mut s, placed.respaced);
    apply(&mut s, [note("new", "a", "s", &placed.pos)]);
    assert_eq!(order(&s, "a", "s"), ["n1", "new", "n2"]);
}

#[test]
fn moving_and_reordering_keep_the_order_people_asked_for() {
    let p = plan();
    let mut s = SessionState::default();
    apply(
        &mut s,
        [
            note("n1", "a", "s", "b"),
            note("n2", "a", "s", "d"),
            note("n3", "a", "s", "f"),
        ],
    );
    assert_eq!(reorder_target(&s, "n1", -1).unwrap(), None);
    assert_eq!(reorder_target(&s, "n3", 1).unwrap(), None);
    assert_eq!(reorder_target(&s, "n2", 1).unwrap(), Some(ReorderTo::End));
    assert_eq!(
        reorder_target(&s, "n3", -1).unwrap(),
        Some(ReorderTo::Before("n2".into()))
    );
    let moved = move_note(&p, &s, "n3", None, None, Some("n1")).unwrap();
    apply(
        &mut s,
        [Change::NoteSet {
            id: moved.note,
            fields: moved.fields,
        }],
    );
    assert_eq!(order(&s, "a", "s"), ["n3", "n1", "n2"]);
    let to_b = move_note(&p, &s, "n1", Some("b"), None, None).unwrap();
    assert_eq!(
        to_b.fields.section.as_deref(),
        Some("s"),
        "first section of the new board"
    );
}

#[test]
fn a_note_placed_between_two_notes_with_the_same_key_lands_between_them() {
    // Two writers that appended at the same moment gave their notes the same
    // key; a note moved before the second must still land between them.
    let mut s = SessionState::default();
    apply(
        &mut s,
        [
            note("n1", "a", "s", "a1"),
            note("n2", "a", "s", "a1"),
            note("n3", "a", "s", "a15"),
        ],
    );
    assert_eq!(order(&s, "a", "s"), ["n1", "n2", "n3"]);
    let placed = place_in(&s, "a", "s", "new", Some("n2")).unwrap();
    apply(&mut s, placed.respaced);
    apply(&mut s, [note("new", "a", "s", &placed.pos)]);
    assert_eq!(order(&s, "a", "s"), ["n1", "new", "n2", "n3"]);
}
