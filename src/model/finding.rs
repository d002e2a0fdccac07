//! Where a finding came from: the groups of its source notes, counted for
//! the views, `runde check` and the minutes ("raised in 3 of 4 workshops").
//! Pure: reads the plan and the folded state, nothing else.
use super::plan::{BoardKind, Plan};
use super::state::{Note, SessionState};

/// The groups a finding's sources are on, and how many sources are gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Board ids of the live sources, in plan order, each once.
    pub boards: Vec<String>,
    /// How many of those boards are workshops.
    pub workshops: usize,
    /// How many workshop boards the plan has.
    pub workshops_total: usize,
    /// Sources that were deleted since (or were never seen in this session).
    pub gone: usize,
}

/// The provenance of a note with sources; `None` for an ordinary note.
pub fn provenance(plan: &Plan, state: &SessionState, note: &Note) -> Option<Provenance> {
    if note.sources.is_empty() {
        return None;
    }
    let live: Vec<&Note> = note
        .sources
        .iter()
        .filter_map(|id| state.note(id))
        .filter(|n| !n.deleted)
        .collect();
    let boards: Vec<String> = plan
        .boards
        .iter()
        .filter(|b| live.iter().any(|n| n.board == b.id))
        .map(|b| b.id.clone())
        .collect();
    let is_workshop = |id: &str| plan.board(id).is_some_and(|b| b.kind == BoardKind::Workshop);
    Some(Provenance {
        workshops: boards.iter().filter(|b| is_workshop(b)).count(),
        workshops_total: plan.boards_of_kind(BoardKind::Workshop).count(),
        gone: note.sources.len() - live.len(),
        boards,
    })
}

/// Live findings (notes with sources) that link to `source`.
pub fn findings_citing<'a>(state: &'a SessionState, source: &str) -> Vec<&'a Note> {
    state
        .live_notes()
        .filter(|n| n.sources.iter().any(|s| s == source))
        .collect()
}
