//! A series of meetings, as pure rules: the plan of the next meeting built
//! from the last (numbers, date, layout, people) and the open topics that
//! are carried over. Reading and creating the sessions is in the store.
use crate::model::plan::Date;
use crate::model::{Board, BoardKind, Note, NoteKind, Origin, Plan, Section, SessionState};

/// Id of the board that holds carried-over topics.
pub const TOPICS_BOARD: &str = "open-topics";

/// The words a next meeting's plan is made with, in the previous plan's
/// language (the caller takes them from `i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesWords<'a> {
    /// Title of the open topics board and its section.
    pub open_topics: &'a str,
    /// "Meeting", before its number in a default title.
    pub meeting_word: &'a str,
}

/// Why the next meeting's plan cannot be made, as data: the words are
/// `crate::i18n::check::series_error`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesError {
    /// No date given and the plan names no next meeting.
    NoNextDate,
    /// The meeting number cannot be counted on.
    LastNumber(u32),
}

/// The plan of the meeting after `prev`: its intro kept, and an open
/// topics board (first in the first phase) only `with_topics` to carry.
pub fn next_plan(
    prev: &Plan,
    date: Option<Date>,
    title: Option<&str>,
    with_topics: bool,
    s: SeriesWords,
) -> Result<Plan, SeriesError> {
    let next = prev.next_meeting.as_ref();
    let date = date.or(next.map(|n| n.date)).ok_or(SeriesError::NoNextDate)?;
    let number = match prev.meeting_number {
        Some(n) => Some(n.checked_add(1).ok_or(SeriesError::LastNumber(n))?),
        None => None,
    };
    let mut boards: Vec<Board> = prev.boards.iter().filter(|b| b.id != TOPICS_BOARD).cloned().collect();
    let mut agenda = prev.agenda.clone();
    for phase in &mut agenda {
        phase.boards.retain(|b| b != TOPICS_BOARD);
    }
    if with_topics {
        boards.insert(
            0,
            Board::new(
                TOPICS_BOARD,
                BoardKind::Topics,
                s.open_topics,
                vec![Section {
                    id: "topics".into(),
                    title: s.open_topics.into(),
                    lead: None,
                }],
            ),
        );
        if let Some(first) = agenda.first_mut() {
            first.boards.insert(0, TOPICS_BOARD.into());
        }
    }
    let default_title = match number {
        Some(n) => format!("{} {n}", s.meeting_word),
        None => s.meeting_word.to_string(),
    };
    let planned_topic = next.and_then(|n| n.topic.clone());
    Ok(Plan {
        title: title.map(str::to_string).or(planned_topic).unwrap_or(default_title),
        location: next.and_then(|n| n.location.clone()).or_else(|| prev.location.clone()),
        meeting_number: number,
        newsletter: prev.newsletter.as_deref().map(increment_number),
        date,
        start: next.and_then(|n| n.start).or(prev.start),
        end: next.and_then(|n| n.end).or(prev.end),
        agenda,
        boards,
        next_meeting: None,
        closing: None,
        ..prev.clone()
    })
}

/// "Nr. 07" → "Nr. 08": the last number in the text plus one, same width.
/// Counts in decimal digits, so no number is too large and none wraps.
pub fn increment_number(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let Some(end) = chars.iter().rposition(|c| c.is_ascii_digit()) else {
        return text.to_string();
    };
    let start = chars[..end]
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let mut digits: Vec<char> = chars[start..=end].to_vec();
    let mut carry = true;
    for d in digits.iter_mut().rev() {
        if !carry {
            break;
        }
        (*d, carry) = if *d == '9' {
            ('0', true)
        } else {
            ((*d as u8 + 1) as char, false)
        };
    }
    let head: String = chars[..start].iter().collect();
    let tail: String = chars[end + 1..].iter().collect();
    let overflow = if carry { "1" } else { "" };
    format!("{head}{overflow}{}{tail}", digits.iter().collect::<String>())
}

/// A topic to carry into the next meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub text: String,
    pub kind: NoteKind,
    pub origin: Origin,
}

/// Open topics of a meeting: starred key findings, notes flagged as
/// follow-ups, and carried topics not yet resolved.
/// `name` is the folder name of the session, recorded as the origin of
/// topics raised there.
pub fn open_topics(plan: &Plan, state: &SessionState, name: &str) -> Vec<Carried> {
    let here = |id: &str| Origin {
        session: name.to_string(),
        meeting: plan.meeting_number,
        date: plan.date.to_string(),
        note: id.to_string(),
    };
    let mut out: Vec<Carried> = Vec::new();
    let push = |c: Carried, out: &mut Vec<Carried>| {
        if !out.iter().any(|o| o.origin.note == c.origin.note) {
            out.push(c);
        }
    };
    for board in plan.boards.iter() {
        for section in &board.sections {
            for n in state.notes_in(&board.id, &section.id) {
                if carries(board.kind, n) {
                    let origin = n.origin.clone().unwrap_or_else(|| here(&n.id));
                    push(
                        Carried {
                            text: n.text.clone(),
                            kind: n.kind,
                            origin,
                        },
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

/// Whether a live note on a board of `kind` is an open topic: anything not
/// done on a topics board; a finding only when starred or flagged to follow
/// up; any other note only when flagged.
fn carries(kind: BoardKind, n: &Note) -> bool {
    !n.done
        && match kind {
            BoardKind::Topics => true,
            BoardKind::Findings => n.starred || n.follow_up,
            _ => n.follow_up,
        }
}

/// Findings of a meeting that stay behind: live, not done, and neither
/// starred nor flagged to follow up (the facilitator is told how many, and
/// why).
pub fn findings_left(plan: &Plan, state: &SessionState) -> usize {
    plan.boards_of_kind(BoardKind::Findings)
        .flat_map(|b| b.sections.iter().map(move |s| (b, s)))
        .flat_map(|(b, s)| state.notes_in(&b.id, &s.id))
        .filter(|n| !n.done && !carries(BoardKind::Findings, n))
        .count()
}

/// The series key of a plan: (series, network).
pub fn series_key(plan: &Plan) -> (String, String) {
    (
        plan.series.clone().unwrap_or_default(),
        plan.network.clone().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_numbers_increment_with_their_width() {
        assert_eq!(increment_number("Nr. 07"), "Nr. 08");
        assert_eq!(increment_number("Nr. 09"), "Nr. 10");
        assert_eq!(increment_number("99"), "100");
        assert_eq!(increment_number("Ausgabe 3/2022"), "Ausgabe 3/2023");
        assert_eq!(increment_number("ohne"), "ohne");
    }

    #[test]
    fn newsletter_numbers_never_wrap() {
        assert_eq!(increment_number("Nr. 18446744073709551615"), "Nr. 18446744073709551616");
        assert_eq!(
            increment_number("Nr. 99999999999999999999999/x"),
            "Nr. 100000000000000000000000/x"
        );
    }

    const WORDS: SeriesWords = SeriesWords {
        open_topics: "Open topics",
        meeting_word: "Meeting",
    };

    #[test]
    fn the_last_meeting_number_is_an_error_not_zero() {
        let mut prev = crate::synthetic::plan();
        prev.meeting_number = Some(u32::MAX);
        let err = next_plan(&prev, Some(prev.date), None, true, WORDS).expect_err("no wrap to 0");
        assert_eq!(err, SeriesError::LastNumber(u32::MAX));
        prev.meeting_number = Some(u32::MAX - 1);
        let next = next_plan(&prev, Some(prev.date), None, true, WORDS).unwrap();
        assert_eq!(next.meeting_number, Some(u32::MAX));
    }
}
