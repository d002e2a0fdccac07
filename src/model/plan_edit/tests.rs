use super::*;

fn plan() -> Plan {
    let mut p = empty_plan(Lang::De, parse_date("2021-10-05").unwrap());
    p.title = "T".into();
    p
}

#[test]
fn slugs_are_plain_ids() {
    assert_eq!(slug("Methoden & Formate"), "methoden-formate");
    assert_eq!(slug("Don'ts"), "donts");
    assert_eq!(slug("Begrüßung"), "begruessung");
    assert_eq!(slug("  "), "x");
    assert!(crate::model::plan::is_valid_id(&slug(&"ü".repeat(100))));
}

#[test]
fn clock_counts_from_start_and_reports_over_planning() {
    let mut p = plan();
    p.start = Some(parse_time("15:00").unwrap());
    p.end = Some(parse_time("16:00").unwrap());
    add_phase(&mut p, None, "A", Some(40));
    add_phase(&mut p, None, "B", Some(30));
    let starts: Vec<String> = phase_starts(&p).iter().map(|t| t.unwrap().to_string()).collect();
    assert_eq!(starts, ["15:00", "15:40"]);
    assert_eq!(over_planned(&p), Some(10));
    p.agenda[1].minutes = Some(20);
    assert_eq!(over_planned(&p), Some(0));
}

#[test]
fn board_with_notes_is_not_removed_but_an_empty_one_is() {
    let mut p = plan();
    let ph = add_phase(&mut p, None, "W", Some(45));
    add_board(&mut p, Some(ph), "A", BoardKind::Workshop, "Notizen");
    add_board(&mut p, Some(ph), "B", BoardKind::Workshop, "Notizen");
    let mut notes = NoteCounts::default();
    notes
        .by_section
        .entry("a".into())
        .or_default()
        .insert("notes".into(), 2);
    assert_eq!(remove_board(&mut p, 0, &notes), Err(Refusal::BoardHasNotes(2)));
    assert_eq!(remove_board(&mut p, 1, &notes), Ok(()));
    assert_eq!(p.agenda[0].boards, ["a"]);
}

#[test]
fn duplicates_get_fresh_ids_and_join_the_phase() {
    let mut p = plan();
    let ph = add_phase(&mut p, None, "W", Some(45));
    add_board(&mut p, Some(ph), "A", BoardKind::Workshop, "Notizen");
    duplicate_board(&mut p, 0);
    assert_eq!(p.agenda[0].boards, ["a", "a-2"]);
    duplicate_phase(&mut p, 0);
    assert_eq!(p.agenda[1].id, "w-2");
    assert_eq!(p.agenda[1].boards, ["a-3", "a-2-2"]);
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
}

#[test]
fn move_item_clamps_at_the_ends() {
    let mut v = vec![1, 2, 3];
    assert_eq!(move_item(&mut v, 0, 1), 1);
    assert_eq!(v, [2, 1, 3]);
    assert_eq!(move_item(&mut v, 1, -5), 0);
    assert_eq!(v, [1, 2, 3]);
}

#[test]
fn problems_name_times_dates_and_missing_boards() {
    let mut p = plan();
    p.start = Some(parse_time("17:00").unwrap());
    p.end = Some(parse_time("15:00").unwrap());
    p.next_meeting = Some(crate::model::plan::NextMeeting::on(parse_date("2021-10-01").unwrap()));
    let found = problems(&p);
    assert!(found.contains(&EditProblem::EndBeforeStart));
    assert!(found.contains(&EditProblem::NextNotAfter));
    assert!(found.contains(&EditProblem::NoBoards));
    assert_eq!(parse_date("2021-13-01"), Err(FieldError::Date));
    assert_eq!(parse_time("25:00"), Err(FieldError::Time));
}

#[test]
fn time_zones_and_web_addresses_are_checked_as_typed() {
    assert_eq!(parse_timezone(" Europe/Berlin "), Ok(Some("Europe/Berlin".into())));
    assert_eq!(parse_timezone(""), Ok(None));
    assert_eq!(parse_timezone("Europe/Berlln"), Err(FieldError::TimeZone));
    assert_eq!(
        parse_web_url("https://example.org/a"),
        Ok(Some("https://example.org/a".into()))
    );
    assert_eq!(
        parse_web_url("HTTP://example.org"),
        Ok(Some("HTTP://example.org".into()))
    );
    assert_eq!(parse_web_url(""), Ok(None));
    for bad in [
        "ftp://example.org",
        "javascript:alert(1)",
        "https://",
        "example.org",
        "https://a b",
    ] {
        assert_eq!(parse_web_url(bad), Err(FieldError::Url), "{bad}");
    }
}
