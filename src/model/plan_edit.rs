//! Pure editing rules for the plan editor (`runde prepare`): add, remove,
//! reorder and duplicate phases, boards and sections, fresh ids from
//! titles, the running agenda clock, and validation as you type. No I/O.
use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveTime, Timelike};

use super::plan::{Board, BoardKind, Date, Lang, PLAN_FORMAT, Phase, Plan, Section, TimeOfDay};

/// Notes per board and section, to refuse deletions that would orphan them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteCounts {
    /// board id → section id → live notes.
    pub by_section: BTreeMap<String, BTreeMap<String, usize>>,
}

impl NoteCounts {
    /// Live notes on a board.
    pub fn board(&self, board: &str) -> usize {
        self.by_section.get(board).map_or(0, |s| s.values().sum())
    }

    /// Live notes in one section of a board.
    pub fn section(&self, board: &str, section: &str) -> usize {
        self.by_section
            .get(board)
            .and_then(|s| s.get(section))
            .copied()
            .unwrap_or(0)
    }
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The board still has this many notes.
    BoardHasNotes(usize),
    /// The section still has this many notes.
    SectionHasNotes(usize),
    /// A board needs at least one section.
    LastSection,
    /// Nothing is selected there.
    NothingSelected,
}

/// A problem with the plan as edited; the UI words come from `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditProblem {
    /// The meeting has no title.
    NoTitle,
    /// The plan has no board.
    NoBoards,
    /// The end is not after the start.
    EndBeforeStart,
    /// The next meeting is not after this one.
    NextNotAfter,
    /// The next meeting's end is not after its start.
    NextEndBeforeStart,
    /// A phase has no title (1-based position).
    PhaseWithoutTitle(usize),
    /// A board has no title (its id).
    BoardWithoutTitle(String),
    /// A structural problem found by [`Plan::validate`].
    Plan(crate::model::ParseProblem),
}

/// A field value that does not parse; the UI words come from `i18n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Not a date `YYYY-MM-DD`.
    Date,
    /// Not a time `HH:MM`.
    Time,
    /// Not a whole number.
    Number,
    /// Must not be empty.
    Empty,
    /// Not `de` or `en`.
    Lang,
    /// Not a plain id (letters, digits, `-`, `_`), or refused while it has notes.
    Id,
    /// Not an IANA time zone name such as `Europe/Berlin`.
    TimeZone,
    /// Not a web address starting with `http://` or `https://`.
    Url,
}

/// An empty plan for a meeting on `date`: no title, agenda or boards yet.
pub fn empty_plan(lang: Lang, date: Date) -> Plan {
    Plan {
        format: PLAN_FORMAT,
        lang,
        series: None,
        title: String::new(),
        event: None,
        network: None,
        meeting_number: None,
        newsletter: None,
        date,
        start: None,
        end: None,
        location: None,
        organization: None,
        intro: None,
        agenda: Vec::new(),
        boards: Vec::new(),
        next_meeting: None,
        closing: None,
        people: Vec::new(),
        starred_first: false,
        timezone: None,
        findings_sources: false,
    }
}

/// A plain id from a title (`Methoden & Formate` → `methoden-formate`).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            '\'' | '’' => {}
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
        if out.len() >= 32 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "x".into() } else { out }
}

/// `base`, or `base-2`, `base-3` … whichever is not taken.
pub fn unique_id<'a>(base: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: HashSet<&str> = taken.collect();
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| base.to_string())
}

/// Moves item `i` by `delta` places; returns its new index.
pub fn move_item<T>(items: &mut [T], i: usize, delta: i32) -> usize {
    if i >= items.len() {
        return i;
    }
    let j = (i as i64 + i64::from(delta)).clamp(0, items.len() as i64 - 1) as usize;
    if j > i {
        items[i..=j].rotate_left(1);
    } else {
        items[j..=i].rotate_right(1);
    }
    j
}

// ----- phases -----------------------------------------------------------

/// Appends a phase after `after` (or at the end); returns its index.
pub fn add_phase(plan: &mut Plan, after: Option<usize>, title: &str, minutes: Option<u32>) -> usize {
    let id = unique_id(&slug(title), plan.agenda.iter().map(|p| p.id.as_str()));
    let at = after.map_or(plan.agenda.len(), |a| (a + 1).min(plan.agenda.len()));
    plan.agenda.insert(
        at,
        Phase {
            id,
            title: title.to_string(),
            minutes,
            boards: Vec::new(),
        },
    );
    at
}

/// Removes a phase; its boards stay in the plan (without a phase).
pub fn remove_phase(plan: &mut Plan, i: usize) -> Result<(), Refusal> {
    if i >= plan.agenda.len() {
        return Err(Refusal::NothingSelected);
    }
    plan.agenda.remove(i);
    Ok(())
}

/// Copies a phase (with copies of its boards) right after it; returns the copy's index.
pub fn duplicate_phase(plan: &mut Plan, i: usize) -> Option<usize> {
    let mut copy = plan.agenda.get(i)?.clone();
    copy.id = unique_id(&copy.id, plan.agenda.iter().map(|p| p.id.as_str()));
    let originals = std::mem::take(&mut copy.boards);
    for b in originals {
        if let Some(bi) = plan.boards.iter().position(|x| x.id == b) {
            if let Some(new) = copy_board(plan, bi) {
                copy.boards.push(plan.boards[new].id.clone());
            }
        }
    }
    plan.agenda.insert(i + 1, copy);
    Some(i + 1)
}

// ----- boards -----------------------------------------------------------

/// Board indexes of a phase in its order; `None` lists boards in no phase.
pub fn boards_of_phase(plan: &Plan, phase: Option<usize>) -> Vec<usize> {
    match phase.and_then(|p| plan.agenda.get(p)) {
        Some(p) => p
            .boards
            .iter()
            .filter_map(|id| plan.boards.iter().position(|b| &b.id == id))
            .collect(),
        None => (0..plan.boards.len())
            .filter(|&i| !plan.agenda.iter().any(|p| p.boards.contains(&plan.boards[i].id)))
            .collect(),
    }
}

/// Adds a board (with one notes section) to a phase; returns its plan index.
pub fn add_board(plan: &mut Plan, phase: Option<usize>, title: &str, kind: BoardKind, notes_title: &str) -> usize {
    let id = unique_id(&slug(title), plan.boards.iter().map(|b| b.id.as_str()));
    let board = Board::new(
        &id,
        kind,
        title,
        vec![Section {
            id: "notes".into(),
            title: notes_title.into(),
            lead: None,
        }],
    );
    plan.boards.push(board);
    if let Some(p) = phase.and_then(|p| plan.agenda.get_mut(p)) {
        p.boards.push(id);
    }
    plan.boards.len() - 1
}

/// Removes a board unless it has notes; it leaves every phase too.
pub fn remove_board(plan: &mut Plan, i: usize, notes: &NoteCounts) -> Result<(), Refusal> {
    let id = plan.boards.get(i).ok_or(Refusal::NothingSelected)?.id.clone();
    match notes.board(&id) {
        0 => {}
        n => return Err(Refusal::BoardHasNotes(n)),
    }
    plan.boards.remove(i);
    for p in &mut plan.agenda {
        p.boards.retain(|b| *b != id);
    }
    Ok(())
}

/// Copies a board with a fresh id right after it (and in the same phases).
pub fn duplicate_board(plan: &mut Plan, i: usize) -> Option<usize> {
    let old = plan.boards.get(i)?.id.clone();
    let at = copy_board(plan, i)?;
    let new = plan.boards[at].id.clone();
    // The copy joins only the last phase that lists the original, after it.
    if let Some(p) = plan.agenda.iter_mut().rev().find(|p| p.boards.contains(&old)) {
        let pos = p
            .boards
            .iter()
            .position(|b| *b == old)
            .map_or(p.boards.len(), |a| a + 1);
        p.boards.insert(pos, new);
    }
    Some(at)
}

/// Inserts a copy of board `i` with a fresh id right after it, in no phase.
fn copy_board(plan: &mut Plan, i: usize) -> Option<usize> {
    let mut copy = plan.boards.get(i)?.clone();
    copy.id = unique_id(&copy.id, plan.boards.iter().map(|b| b.id.as_str()));
    plan.boards.insert(i + 1, copy);
    Some(i + 1)
}

/// Moves a board within its phase by `delta`.
pub fn move_board_in_phase(plan: &mut Plan, phase: usize, board_id: &str, delta: i32) {
    if let Some(p) = plan.agenda.get_mut(phase) {
        if let Some(i) = p.boards.iter().position(|b| b == board_id) {
            move_item(&mut p.boards, i, delta);
        }
    }
}

/// Changes a board's id everywhere it is named (only while it has no notes).
pub fn rename_board_id(plan: &mut Plan, i: usize, new_id: &str, notes: &NoteCounts) -> Result<(), Refusal> {
    let old = plan.boards.get(i).ok_or(Refusal::NothingSelected)?.id.clone();
    if let n @ 1.. = notes.board(&old) {
        return Err(Refusal::BoardHasNotes(n));
    }
    for p in &mut plan.agenda {
        for b in &mut p.boards {
            if *b == old {
                *b = new_id.to_string();
            }
        }
    }
    if let Some(b) = plan.boards.get_mut(i) {
        b.id = new_id.to_string();
    }
    Ok(())
}

// ----- sections ---------------------------------------------------------

/// Adds a section after `after` (or at the end); returns its index.
pub fn add_section(board: &mut Board, after: Option<usize>, title: &str) -> usize {
    let id = unique_id(&slug(title), board.sections.iter().map(|s| s.id.as_str()));
    let at = after.map_or(board.sections.len(), |a| (a + 1).min(board.sections.len()));
    board.sections.insert(
        at,
        Section {
            id,
            title: title.to_string(),
            lead: None,
        },
    );
    at
}

/// Removes a section unless it has notes or is the board's last one.
pub fn remove_section(board: &mut Board, i: usize, notes: &NoteCounts) -> Result<(), Refusal> {
    let id = board.sections.get(i).ok_or(Refusal::NothingSelected)?.id.clone();
    if let n @ 1.. = notes.section(&board.id, &id) {
        return Err(Refusal::SectionHasNotes(n));
    }
    if board.sections.len() == 1 {
        return Err(Refusal::LastSection);
    }
    board.sections.remove(i);
    if let Some(t) = &mut board.table {
        t.columns.retain(|c| *c != id);
        if t.columns.is_empty() {
            board.table = None;
        }
    }
    Ok(())
}

/// Copies a section with a fresh id right after it.
pub fn duplicate_section(board: &mut Board, i: usize) -> Option<usize> {
    let mut copy = board.sections.get(i)?.clone();
    copy.id = unique_id(&copy.id, board.sections.iter().map(|s| s.id.as_str()));
    board.sections.insert(i + 1, copy);
    Some(i + 1)
}

// ----- the agenda clock -------------------------------------------------

/// Each phase's start time, counted from the meeting's start.
pub fn phase_starts(plan: &Plan) -> Vec<Option<TimeOfDay>> {
    let mut at = plan.start.map(|t| minutes_of(t.0));
    plan.agenda
        .iter()
        .map(|p| {
            let start = at.map(time_at);
            at = at.zip(p.minutes).map(|(a, m)| a + m);
            start
        })
        .collect()
}

/// Sum of the phases' minutes.
pub fn agenda_total(plan: &Plan) -> u32 {
    plan.agenda.iter().filter_map(|p| p.minutes).sum()
}

/// Minutes between start and end, if both are set and end is later.
pub fn meeting_length(plan: &Plan) -> Option<u32> {
    let (s, e) = (minutes_of(plan.start?.0), minutes_of(plan.end?.0));
    (e > s).then(|| e - s)
}

/// Agenda minutes beyond the meeting's length (0 when it fits).
pub fn over_planned(plan: &Plan) -> Option<u32> {
    meeting_length(plan).map(|len| agenda_total(plan).saturating_sub(len))
}

fn minutes_of(t: NaiveTime) -> u32 {
    t.hour() * 60 + t.minute()
}

fn time_at(minutes: u32) -> TimeOfDay {
    let m = minutes % (24 * 60);
    TimeOfDay(NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or(NaiveTime::MIN))
}

// ----- validation -------------------------------------------------------

/// Everything that keeps the plan from being saved.
pub fn problems(plan: &Plan) -> Vec<EditProblem> {
    let mut out = Vec::new();
    if plan.title.trim().is_empty() {
        out.push(EditProblem::NoTitle);
    }
    if let (Some(s), Some(e)) = (plan.start, plan.end) {
        if e <= s {
            out.push(EditProblem::EndBeforeStart);
        }
    }
    if let Some(next) = &plan.next_meeting {
        if next.date <= plan.date {
            out.push(EditProblem::NextNotAfter);
        }
        if let (Some(s), Some(e)) = (next.start, next.end) {
            if e <= s {
                out.push(EditProblem::NextEndBeforeStart);
            }
        }
    }
    for (i, p) in plan.agenda.iter().enumerate() {
        if p.title.trim().is_empty() {
            out.push(EditProblem::PhaseWithoutTitle(i + 1));
        }
    }
    for b in &plan.boards {
        if b.title.trim().is_empty() {
            out.push(EditProblem::BoardWithoutTitle(b.id.clone()));
        }
    }
    if plan.boards.is_empty() {
        out.push(EditProblem::NoBoards);
    } else {
        out.extend(plan.validate("").into_iter().map(|p| EditProblem::Plan(p.kind)));
    }
    out
}

/// Checks a date as typed.
pub fn parse_date(text: &str) -> Result<Date, FieldError> {
    Date::try_from(text.trim().to_string()).map_err(|_| FieldError::Date)
}

/// Checks a time as typed.
pub fn parse_time(text: &str) -> Result<TimeOfDay, FieldError> {
    TimeOfDay::try_from(text.trim().to_string()).map_err(|_| FieldError::Time)
}

/// Checks a whole number as typed (empty means "not set").
pub fn parse_number(text: &str) -> Result<Option<u32>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(|_| FieldError::Number),
    }
}

/// Checks an IANA time zone name as typed (empty means "not set").
pub fn parse_timezone(text: &str) -> Result<Option<String>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<chrono_tz::Tz>()
            .map(|_| Some(t.to_string()))
            .map_err(|_| FieldError::TimeZone),
    }
}

/// Checks a web address as typed: only `http://` and `https://` with a
/// host and no spaces (empty means "not set").
pub fn parse_web_url(text: &str) -> Result<Option<String>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let lower = t.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .ok_or(FieldError::Url)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || t.chars().any(char::is_whitespace) {
        return Err(FieldError::Url);
    }
    Ok(Some(t.to_string()))
}

/// Optional text: empty means "not set".
pub fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests;
