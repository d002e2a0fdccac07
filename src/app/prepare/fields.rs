//! Reading and writing one plan field as text: the pure glue between the
//! editor's text inputs and `model::plan_edit`'s rules.
use super::{
    BoardKind, BoardRow, Field, FieldError, MeetingRow, NextMeeting, NoteCounts, Person, Plan, Table, board_row, edit,
    meeting_row, prepare_strings,
};

/// The current text of a field (empty for new items).
pub fn field_text(plan: &Plan, field: Field) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let time = |t: Option<crate::model::plan::TimeOfDay>| t.map(|t| t.to_string()).unwrap_or_default();
    let next = plan.next_meeting.as_ref();
    match field {
        Field::Meeting(row) => match meeting_row(row) {
            MeetingRow::Title => plan.title.clone(),
            MeetingRow::Event => opt(&plan.event),
            MeetingRow::Series => opt(&plan.series),
            MeetingRow::Network => opt(&plan.network),
            MeetingRow::Number => num(plan.meeting_number),
            MeetingRow::Newsletter => opt(&plan.newsletter),
            MeetingRow::Date => plan.date.to_string(),
            MeetingRow::Start => time(plan.start),
            MeetingRow::End => time(plan.end),
            MeetingRow::TimeZone => opt(&plan.timezone),
            MeetingRow::Lang => plan.lang.code().to_string(),
            MeetingRow::Intro => opt(&plan.intro),
            MeetingRow::Closing => opt(&plan.closing),
            MeetingRow::NextDate => next.map(|n| n.date.to_string()).unwrap_or_default(),
            MeetingRow::NextStart => time(next.and_then(|n| n.start)),
            MeetingRow::NextEnd => time(next.and_then(|n| n.end)),
            MeetingRow::FindingsSources => prepare_strings(plan.lang).switch(plan.findings_sources).to_string(),
            MeetingRow::Location => opt(&plan.location),
            MeetingRow::Organization => opt(&plan.organization),
            MeetingRow::NextLocation => next.and_then(|n| n.location.clone()).unwrap_or_default(),
            MeetingRow::NextTopic => next.and_then(|n| n.topic.clone()).unwrap_or_default(),
        },
        Field::PhaseTitle(i) => plan.agenda.get(i).map(|p| p.title.clone()).unwrap_or_default(),
        Field::PhaseMinutes(i) => num(plan.agenda.get(i).and_then(|p| p.minutes)),
        Field::Board(b, row) => plan.boards.get(b).map(|b| board_field_text(b, row)).unwrap_or_default(),
        Field::SectionTitle(b, s) => section(plan, b, s).map(|s| s.title.clone()).unwrap_or_default(),
        Field::SectionLead(b, s) => section(plan, b, s).and_then(|s| s.lead.clone()).unwrap_or_default(),
        Field::PersonName(i) => plan.people.get(i).map(|p| p.name.clone()).unwrap_or_default(),
        Field::NewPhase(_) | Field::NewSection(..) | Field::NewBoard(_) | Field::NewPerson | Field::TemplateName => {
            String::new()
        }
    }
}

/// The text shown for a board form row.
pub fn board_field_text(board: &crate::model::Board, row: usize) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let column = |c: usize| {
        board
            .table
            .as_ref()
            .and_then(|t| t.columns.get(c))
            .and_then(|id| board.section(id))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let Some(row) = board_row(row) else {
        return String::new();
    };
    match row {
        BoardRow::Title => board.title.clone(),
        BoardRow::Id => board.id.clone(),
        BoardRow::Question => opt(&board.question),
        BoardRow::Kind => String::new(),
        BoardRow::Participants => num(board.participants),
        BoardRow::Minutes => num(board.minutes),
        BoardRow::Speaker => opt(&board.speaker),
        BoardRow::Role => opt(&board.role),
        BoardRow::Organization => opt(&board.organization),
        BoardRow::OrganizationUrl => opt(&board.organization_url),
        BoardRow::Source => opt(&board.source),
        BoardRow::SourceUrl => opt(&board.source_url),
        BoardRow::Table => board.table.as_ref().map(|t| t.caption.clone()).unwrap_or_default(),
        BoardRow::LeftColumn => column(0),
        BoardRow::RightColumn => column(1),
    }
}

pub(super) fn section(plan: &Plan, b: usize, s: usize) -> Option<&crate::model::Section> {
    plan.boards.get(b).and_then(|b| b.sections.get(s))
}

/// Puts typed text into the plan, or says why it does not fit the field.
pub fn apply_field(plan: &mut Plan, field: Field, text: &str, notes: &NoteCounts) -> Result<(), FieldError> {
    let required = |t: &str| edit::optional(t).ok_or(FieldError::Empty);
    match field {
        Field::Meeting(row) => apply_meeting(plan, row, text)?,
        Field::PhaseTitle(i) => {
            if let Some(p) = plan.agenda.get_mut(i) {
                p.title = required(text)?;
            }
        }
        Field::PhaseMinutes(i) => {
            let m = edit::parse_number(text)?;
            if let Some(p) = plan.agenda.get_mut(i) {
                p.minutes = m;
            }
        }
        Field::NewPhase(after) => {
            edit::add_phase(plan, after, &required(text)?, None);
        }
        Field::Board(b, row) => apply_board(plan, b, row, text, notes)?,
        Field::SectionTitle(b, s) => {
            let t = required(text)?;
            if let Some(sec) = plan.boards.get_mut(b).and_then(|b| b.sections.get_mut(s)) {
                sec.title = t;
            }
        }
        Field::SectionLead(b, s) => {
            if let Some(sec) = plan.boards.get_mut(b).and_then(|b| b.sections.get_mut(s)) {
                sec.lead = edit::optional(text);
            }
        }
        Field::NewSection(b, after) => {
            let t = required(text)?;
            if let Some(board) = plan.boards.get_mut(b) {
                edit::add_section(board, after, &t);
            }
        }
        Field::NewBoard(phase) => {
            let notes_title = prepare_strings(plan.lang).notes_section;
            edit::add_board(plan, phase, &required(text)?, BoardKind::Workshop, notes_title);
        }
        Field::PersonName(i) => {
            let t = required(text)?;
            if let Some(p) = plan.people.get_mut(i) {
                p.name = t;
            }
        }
        Field::NewPerson => plan.people.push(Person {
            name: required(text)?,
            public: false,
        }),
        Field::TemplateName => {
            let t = required(text)?;
            if !crate::model::plan::is_valid_id(&t) {
                return Err(FieldError::Id);
            }
        }
    }
    Ok(())
}

fn apply_meeting(plan: &mut Plan, row: usize, text: &str) -> Result<(), FieldError> {
    let opt_time = |t: &str| match t.trim() {
        "" => Ok(None),
        t => edit::parse_time(t).map(Some),
    };
    match meeting_row(row) {
        MeetingRow::Title => plan.title = edit::optional(text).ok_or(FieldError::Empty)?,
        MeetingRow::Event => plan.event = edit::optional(text),
        MeetingRow::Series => plan.series = edit::optional(text),
        MeetingRow::Network => plan.network = edit::optional(text),
        MeetingRow::Number => plan.meeting_number = edit::parse_number(text)?,
        MeetingRow::Newsletter => plan.newsletter = edit::optional(text),
        MeetingRow::Date => plan.date = edit::parse_date(text)?,
        MeetingRow::Start => plan.start = opt_time(text)?,
        MeetingRow::End => plan.end = opt_time(text)?,
        MeetingRow::TimeZone => plan.timezone = edit::parse_timezone(text)?,
        MeetingRow::Lang => plan.lang = text.trim().parse().map_err(|_| FieldError::Lang)?,
        MeetingRow::Intro => plan.intro = edit::optional(text),
        MeetingRow::Closing => plan.closing = edit::optional(text),
        MeetingRow::Location => plan.location = edit::optional(text),
        MeetingRow::Organization => plan.organization = edit::optional(text),
        row @ (MeetingRow::NextLocation | MeetingRow::NextTopic) => {
            let date = plan.date;
            let next = plan.next_meeting.get_or_insert(NextMeeting::on(date));
            match row {
                MeetingRow::NextLocation => next.location = edit::optional(text),
                _ => next.topic = edit::optional(text),
            }
        }
        // A switch, not a text field.
        MeetingRow::FindingsSources => {}
        MeetingRow::NextDate => match text.trim() {
            "" => plan.next_meeting = None,
            t => {
                let date = edit::parse_date(t)?;
                match plan.next_meeting.as_mut() {
                    Some(n) => n.date = date,
                    None => plan.next_meeting = Some(NextMeeting::on(date)),
                }
            }
        },
        row @ (MeetingRow::NextStart | MeetingRow::NextEnd) => {
            let t = opt_time(text)?;
            let date = plan.date;
            let next = plan.next_meeting.get_or_insert(NextMeeting::on(date));
            if row == MeetingRow::NextStart {
                next.start = t;
            } else {
                next.end = t;
            }
        }
    }
    Ok(())
}

fn apply_board(plan: &mut Plan, b: usize, row: usize, text: &str, notes: &NoteCounts) -> Result<(), FieldError> {
    let Some(row) = board_row(row) else {
        return Ok(());
    };
    if row == BoardRow::Id {
        let id = text.trim();
        if !crate::model::plan::is_valid_id(id) {
            return Err(FieldError::Id);
        }
        return edit::rename_board_id(plan, b, id, notes).map_err(|_| FieldError::Id);
    }
    let Some(board) = plan.boards.get_mut(b) else {
        return Ok(());
    };
    match row {
        BoardRow::Title => board.title = edit::optional(text).ok_or(FieldError::Empty)?,
        BoardRow::Question => board.question = edit::optional(text),
        BoardRow::Participants => board.participants = edit::parse_number(text)?,
        BoardRow::Minutes => board.minutes = edit::parse_number(text)?,
        BoardRow::Speaker => board.speaker = edit::optional(text),
        BoardRow::Role => board.role = edit::optional(text),
        BoardRow::Organization => board.organization = edit::optional(text),
        BoardRow::OrganizationUrl => board.organization_url = edit::parse_web_url(text)?,
        BoardRow::Source => board.source = edit::optional(text),
        BoardRow::SourceUrl => board.source_url = edit::parse_web_url(text)?,
        BoardRow::Table => match edit::optional(text) {
            None => board.table = None,
            Some(caption) => match board.table.as_mut() {
                Some(t) => t.caption = caption,
                None => {
                    let columns = board.sections.iter().take(2).map(|s| s.id.clone()).collect();
                    board.table = Some(Table { caption, columns });
                }
            },
        },
        _ => {}
    }
    Ok(())
}
