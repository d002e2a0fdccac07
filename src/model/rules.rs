//! The command rules of a session as pure functions: given the plan, the
//! folded state and a request, decide which change(s) to write — or that
//! nothing changes, or why the request does not fit. No I/O and no clock:
//! the store appends what these functions decide.
use crate::model::event::{Change, NewNote, NoteFields, NoteKind, Signal, TimerOp, TimerStep};
use crate::model::plan::{Board, BoardKind, Plan, Section};
use crate::model::position;
use crate::model::state::{Note, SessionState};
use crate::model::timer::TimerFacts;

#[cfg(test)]
mod tests;

/// Why a request does not fit the session, as data: the words, English
/// and German, are `crate::i18n::rule_error_text`'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// No note has this exact id.
    UnknownNote(String),
    /// A typed id or prefix fits no note.
    NoMatchingNote(String),
    /// A prefix fits several notes.
    AmbiguousNote { prefix: String, count: usize },
    /// The note exists but was deleted.
    DeletedNote(String),
    /// A note text without visible characters.
    EmptyText,
    /// The plan has no board with this id.
    UnknownBoard { id: String, known: Vec<String> },
    /// The board has no section with this id.
    UnknownSection {
        board: String,
        id: String,
        known: Vec<String>,
    },
    /// The board has no sections at all.
    NoSections(String),
    /// Starting a timer that has no length.
    NoTimerLength(String),
    /// Stepping phases without an agenda.
    NoAgenda,
    /// The agenda has no phase with this id.
    UnknownPhase { id: String, known: Vec<String> },
    /// A `before` note that is not in the target section.
    NotInSection {
        note: String,
        board: String,
        section: String,
    },
    /// Adding a finding to a plan without a findings board.
    NoFindingsBoard,
}

/// Result of a rule.
pub type RuleResult<T> = Result<T, RuleError>;

/// A timer request as the CLI and the views express it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerCommand {
    /// Start from idle, or resume.
    Start,
    /// Pause a running timer.
    Pause,
    /// Resume a paused timer.
    Resume,
    /// Pause if running, else start or resume.
    Toggle,
    /// Back to idle.
    Reset,
    /// Add (or remove) milliseconds.
    Extend(i64),
}

// ----- ids, places, texts ---------------------------------------------------

/// The board with this id.
pub fn require_board<'a>(plan: &'a Plan, id: &str) -> RuleResult<&'a Board> {
    plan.board(id).ok_or_else(|| RuleError::UnknownBoard {
        id: id.to_string(),
        known: plan.boards.iter().map(|b| b.id.clone()).collect(),
    })
}

/// The section with this id on `board`.
pub fn require_section<'a>(board: &'a Board, id: &str) -> RuleResult<&'a Section> {
    board.section(id).ok_or_else(|| RuleError::UnknownSection {
        board: board.id.clone(),
        id: id.to_string(),
        known: board.sections.iter().map(|s| s.id.clone()).collect(),
    })
}

/// Checks board and section against the plan; defaults to the first section.
pub fn resolve_place(plan: &Plan, board: &str, section: Option<&str>) -> RuleResult<(String, String)> {
    let b = require_board(plan, board)?;
    let s = match section {
        Some(s) => require_section(b, s)?,
        None => b
            .first_section()
            .ok_or_else(|| RuleError::NoSections(board.to_string()))?,
    };
    Ok((b.id.clone(), s.id.clone()))
}

/// The id of the plan's first findings board.
pub fn findings_board(plan: &Plan) -> RuleResult<String> {
    plan.boards_of_kind(BoardKind::Findings)
        .next()
        .map(|b| b.id.clone())
        .ok_or(RuleError::NoFindingsBoard)
}

/// A live (not deleted) note by exact id.
pub fn live_note<'a>(state: &'a SessionState, id: &str) -> RuleResult<&'a Note> {
    match state.note(id) {
        Some(n) if !n.deleted => Ok(n),
        Some(_) => Err(RuleError::DeletedNote(id.to_string())),
        None => Err(RuleError::UnknownNote(id.to_string())),
    }
}

/// Resolves a full note id or a unique prefix of at least four characters
/// (case-insensitive); a prefix that fits several notes is ambiguous.
pub fn resolve_note_id(state: &SessionState, id: &str) -> RuleResult<String> {
    let needle = id.trim().to_lowercase();
    if state.note(&needle).is_some() {
        return Ok(needle);
    }
    let matches: Vec<&Note> = if needle.is_empty() {
        Vec::new()
    } else {
        state.all_notes().filter(|n| n.id.starts_with(&needle)).collect()
    };
    match matches.as_slice() {
        [one] if needle.len() >= 4 => Ok(one.id.clone()),
        [_, _, ..] => Err(RuleError::AmbiguousNote {
            prefix: id.trim().to_string(),
            count: matches.len(),
        }),
        _ => Err(RuleError::NoMatchingNote(id.to_string())),
    }
}

/// Rejects empty note text and normalises line endings.
pub fn checked_text(text: &str) -> RuleResult<String> {
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(RuleError::EmptyText);
    }
    Ok(text)
}

// ----- notes ----------------------------------------------------------------

/// A field change for a live note: the resolved id and the fields as they
/// are now (for undo), or `None` when the change would change nothing.
pub fn note_update(state: &SessionState, id: &str, fields: &NoteFields) -> RuleResult<Option<(String, NoteFields)>> {
    let id = resolve_note_id(state, id)?;
    let before = live_note(state, &id)?.snapshot_of(fields);
    Ok((before != *fields).then_some((id, before)))
}

/// A new note (no author, no language: the writer adds them), its place
/// checked against the plan; without a section, the board's first.
pub fn new_note(
    plan: &Plan,
    id: String,
    board: &str,
    section: Option<&str>,
    text: &str,
    kind: NoteKind,
    starred: bool,
) -> RuleResult<NewNote> {
    let (board, section) = resolve_place(plan, board, section)?;
    Ok(NewNote {
        id,
        board,
        section,
        text: checked_text(text)?,
        kind,
        starred,
        by: None,
        pos: String::new(),
        origin: None,
        sources: Vec::new(),
        lang: None,
    })
}

/// The changes that add `note` at the end of its section: the section's
/// respacing first where needed, then the note with its position key. The
/// note itself is skipped when finding the end, so a retry lands where the
/// first attempt did.
pub fn add_at_end(state: &SessionState, mut note: NewNote) -> RuleResult<Vec<Change>> {
    let placement = place_in(state, &note.board, &note.section, &note.id, None)?;
    note.pos = placement.pos;
    let mut changes = placement.respaced;
    changes.push(Change::NoteAdded(note));
    Ok(changes)
}

/// Where a note goes in a section: its position key, and the changes that
/// first respace the section's other notes when keys grew too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The note's new position key.
    pub pos: String,
    /// `NoteSet` changes of the other notes' keys, to write first.
    pub respaced: Vec<Change>,
}

/// A position for note `id` in a section, before the note `before` (an id
/// or prefix) or at the end. The note itself is skipped, so a retry lands
/// where the first attempt did.
pub fn place_in(
    state: &SessionState,
    board: &str,
    section: &str,
    id: &str,
    before: Option<&str>,
) -> RuleResult<Placement> {
    let before = before.map(|b| resolve_note_id(state, b)).transpose()?;
    let mut siblings: Vec<(String, String, bool)> = state
        .section_slots(board, section)
        .into_iter()
        .filter(|n| n.id != id)
        .map(|n| (n.id.clone(), n.pos.clone(), n.deleted))
        .collect();
    let (pos, fits) = key_among(&siblings, before.as_deref(), board, section)?;
    // Respace when keys grew long, or when neighbours share a key (two
    // writers appended at once) so no key fits strictly between them.
    if pos.len() <= position::SOFT_KEY_LEN && fits {
        return Ok(Placement {
            pos,
            respaced: Vec::new(),
        });
    }
    let mut respaced = Vec::new();
    let keys = position::spread(siblings.len());
    for ((id, old, _), key) in siblings.iter_mut().zip(keys) {
        if *old != key {
            respaced.push(Change::NoteSet {
                id: id.clone(),
                fields: NoteFields {
                    pos: Some(key.clone()),
                    ..NoteFields::default()
                },
            });
            *old = key;
        }
    }
    let (pos, _) = key_among(&siblings, before.as_deref(), board, section)?;
    Ok(Placement { pos, respaced })
}

/// A key among `(id, pos, deleted)` siblings: before the live note
/// `before`, or after the last one; and whether it sorts strictly between
/// its neighbours.
fn key_among(
    siblings: &[(String, String, bool)],
    before: Option<&str>,
    board: &str,
    section: &str,
) -> RuleResult<(String, bool)> {
    let Some(before) = before else {
        let last = siblings.last().map(|(_, p, _)| p.as_str());
        let key = position::between(last, None);
        let fits = last.is_none_or(|l| l < key.as_str());
        return Ok((key, fits));
    };
    let at = siblings
        .iter()
        .position(|(id, _, deleted)| id == before && !deleted)
        .ok_or_else(|| RuleError::NotInSection {
            note: before.to_string(),
            board: board.to_string(),
            section: section.to_string(),
        })?;
    let prev = at.checked_sub(1).map(|i| siblings[i].1.as_str());
    let next = siblings[at].1.as_str();
    let key = position::between(prev, Some(next));
    let fits = prev.is_none_or(|p| p < key.as_str()) && key.as_str() < next;
    Ok((key, fits))
}

/// A note move: the respacing to write first, then the note's new fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The note moved (exact id).
    pub note: String,
    /// `NoteSet` changes of other notes' keys, to write first.
    pub respaced: Vec<Change>,
    /// The moved note's new board, section and position.
    pub fields: NoteFields,
}

/// Moves a live note to another board/section (a new board without a
/// section means its first section), before `before` or at the end.
pub fn move_note(
    plan: &Plan,
    state: &SessionState,
    id: &str,
    board: Option<&str>,
    section: Option<&str>,
    before: Option<&str>,
) -> RuleResult<Move> {
    let note = live_note(state, id)?;
    let section = match (board, section) {
        (_, Some(s)) => Some(s),
        (Some(b), None) if b != note.board => None,
        _ => Some(note.section.as_str()),
    };
    let (board, section) = resolve_place(plan, board.unwrap_or(&note.board), section)?;
    let placement = place_in(state, &board, &section, &note.id, before)?;
    Ok(Move {
        note: note.id.clone(),
        respaced: placement.respaced,
        fields: NoteFields {
            board: Some(board),
            section: Some(section),
            pos: Some(placement.pos),
            ..NoteFields::default()
        },
    })
}

/// Where a note one place up (-1) or down (+1) goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReorderTo {
    /// Before this note.
    Before(String),
    /// At the end of the section.
    End,
}

/// The target of moving a live note one place within its section; `None`
/// at either end.
pub fn reorder_target(state: &SessionState, id: &str, delta: i32) -> RuleResult<Option<ReorderTo>> {
    let note = live_note(state, id)?;
    let ids: Vec<&str> = state
        .notes_in(&note.board, &note.section)
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    let Some(at) = ids.iter().position(|i| *i == note.id) else {
        return Ok(None);
    };
    let target = at as i64 + i64::from(delta);
    if target < 0 || target >= ids.len() as i64 {
        return Ok(None);
    }
    let before = if delta < 0 { target } else { target + 1 } as usize;
    Ok(Some(
        ids.get(before)
            .map_or(ReorderTo::End, |b| ReorderTo::Before((*b).to_string())),
    ))
}

// ----- timers, phases, messages ---------------------------------------------

/// The boards a timer command without `--board` acts on: the boards of
/// the current phase, or every board with a timer length.
pub fn default_timer_boards(plan: &Plan, state: &SessionState) -> Vec<String> {
    let phase_boards = state
        .phase()
        .and_then(|p| plan.phase(p))
        .map(|p| p.boards.clone())
        .unwrap_or_default();
    if !phase_boards.is_empty() {
        return phase_boards;
    }
    plan.boards
        .iter()
        .filter(|b| plan.board_minutes(&b.id).is_some())
        .map(|b| b.id.clone())
        .collect()
}

/// The timer operation a command means for one board, with the timer's
/// facts just before it (for undo); `None` if it changes nothing.
/// Lengthening an idle timer lengthens its planned duration.
pub fn timer_step(
    plan: &Plan,
    state: &SessionState,
    board: &str,
    command: TimerCommand,
) -> RuleResult<Option<(TimerOp, TimerFacts)>> {
    require_board(plan, board)?;
    let facts = state.timer(board);
    let op = match command {
        TimerCommand::Start if facts.is_running() => return Ok(None),
        TimerCommand::Toggle if facts.is_running() => TimerOp::Pause,
        TimerCommand::Start | TimerCommand::Toggle if facts.is_started() => TimerOp::Resume,
        TimerCommand::Start | TimerCommand::Toggle => start_op(plan, board, &facts)?,
        TimerCommand::Pause if facts.is_running() => TimerOp::Pause,
        TimerCommand::Resume if facts.is_started() && !facts.is_running() => TimerOp::Resume,
        TimerCommand::Pause | TimerCommand::Resume => return Ok(None),
        TimerCommand::Reset if !facts.is_started() && facts.planned_extra_ms() == 0 => return Ok(None),
        TimerCommand::Reset => TimerOp::Reset,
        TimerCommand::Extend(delta_ms) => TimerOp::Extend { delta_ms },
    };
    Ok(Some((op, facts)))
}

/// A command on several boards at once (start all, pause all, end the
/// breakouts, lengthen all), as the steps of one fact, each with its
/// timer's facts just before it (for undo).
///
/// Starting and pausing say what every board should end as, so their steps
/// are written even where this view sees nothing to change. Two such
/// commands given at the same moment on two laptops are two facts, each
/// with one place in the order: the later one decides every board, and no
/// mix of both can come out. Other commands are per board, as
/// [`timer_step`] says.
pub fn batch_steps(
    plan: &Plan,
    state: &SessionState,
    boards: &[String],
    command: TimerCommand,
) -> RuleResult<Vec<(TimerStep, TimerFacts)>> {
    let mut steps = Vec::new();
    for board in boards {
        require_board(plan, board)?;
        let facts = state.timer(board);
        let op = match command {
            TimerCommand::Pause => Some(TimerOp::Pause),
            // A start with the planned length resumes a paused timer and
            // starts one reset meanwhile; without a length, a resume.
            TimerCommand::Start if facts.is_started() => {
                Some(start_op(plan, board, &TimerFacts::default()).unwrap_or(TimerOp::Resume))
            }
            _ => timer_step(plan, state, board, command)?.map(|(op, _)| op),
        };
        if let Some(op) = op {
            steps.push((
                TimerStep {
                    board: board.clone(),
                    op,
                },
                facts,
            ));
        }
    }
    Ok(steps)
}

/// Starting an idle timer: its planned length, which must exist (from the
/// plan, or lengthened while idle).
fn start_op(plan: &Plan, board: &str, facts: &TimerFacts) -> RuleResult<TimerOp> {
    let minutes = plan.board_minutes(board);
    if minutes.is_none() && facts.planned_extra_ms() <= 0 {
        return Err(RuleError::NoTimerLength(board.to_string()));
    }
    Ok(TimerOp::Start {
        duration_ms: i64::from(minutes.unwrap_or(0)) * 60_000,
    })
}

/// Setting the current agenda phase: the change, or `None` if it is the
/// current one already.
pub fn set_phase(plan: &Plan, state: &SessionState, phase: Option<&str>) -> RuleResult<Option<Change>> {
    if let Some(p) = phase
        && plan.phase(p).is_none()
    {
        return Err(RuleError::UnknownPhase {
            id: p.to_string(),
            known: plan.agenda.iter().map(|p| p.id.clone()).collect(),
        });
    }
    Ok((state.phase() != phase).then(|| Change::Phase {
        phase: phase.map(str::to_string),
    }))
}

/// The phase one step forward (+1) or back (-1): forward from none is the
/// first and stays at the last; back from the first is none.
pub fn phase_step(plan: &Plan, state: &SessionState, delta: i32) -> RuleResult<Option<String>> {
    let ids: Vec<&str> = plan.agenda.iter().map(|p| p.id.as_str()).collect();
    if ids.is_empty() {
        return Err(RuleError::NoAgenda);
    }
    let current = state.phase().and_then(|p| ids.iter().position(|i| *i == p));
    let next = match (current, delta >= 0) {
        (None, true) => Some(0),
        (None, false) | (Some(0), false) => None,
        (Some(i), true) => Some((i + 1).min(ids.len() - 1)),
        (Some(i), false) => Some(i - 1),
    };
    Ok(next.map(|i| ids[i].to_string()))
}

/// A message to everyone or to one board, shown until `until_ms` (if
/// given); an empty text clears the message shown there.
pub fn broadcast(plan: &Plan, text: &str, board: Option<&str>, until_ms: Option<i64>) -> RuleResult<Change> {
    if let Some(b) = board {
        require_board(plan, b)?;
    }
    Ok(Change::Broadcast {
        text: checked_text(text).unwrap_or_default(),
        board: board.map(str::to_string),
        until_ms,
        phase: None,
    })
}

/// [`broadcast`] to everyone, shown only while the session is in `phase`
/// (and at most until `until_ms`): an automatic message of the meeting's
/// flow, which ends with the next phase change.
pub fn phase_broadcast(plan: &Plan, text: &str, until_ms: i64, phase: Option<String>) -> RuleResult<Change> {
    let mut change = broadcast(plan, text, None, Some(until_ms))?;
    if let Change::Broadcast { phase: shown_in, .. } = &mut change {
        *shown_in = phase;
    }
    Ok(change)
}

/// A group's signal to the facilitator.
pub fn signal(plan: &Plan, board: &str, signal: Signal) -> RuleResult<Change> {
    require_board(plan, board)?;
    Ok(Change::Signal {
        board: board.to_string(),
        signal,
    })
}

/// Acknowledging a group's pending signal; `None` if none is pending.
pub fn acknowledge_signal(state: &SessionState, board: &str) -> Option<Change> {
    state.signal(board).map(|_| Change::SignalAck {
        board: board.to_string(),
    })
}
