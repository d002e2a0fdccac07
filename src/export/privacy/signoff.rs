//! A group's part of the public minutes as its note-taker signs it off:
//! the board's sections and notes exactly as they will be published, with
//! replacements, kept words and undecided mentions marked, and a digest of
//! that text. A sign-off holds while the digest of the part is the one
//! signed; any later change to the group's notes (or to a decision about
//! them) makes it a different text, and the sign-off no longer holds.
use super::publish::{Piece, Reviewer};
use crate::model::{BoardKind, Plan, SessionState};

/// One line of a part: a section heading or a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartLine {
    /// A section's title (only for boards with more than one section).
    Heading(String),
    /// A note in pieces.
    Note { id: String, pieces: Vec<Piece> },
}

/// A board's public part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub board: String,
    /// The board's title as published.
    pub title: String,
    pub lines: Vec<PartLine>,
    /// Identifies exactly this text (`v1:` and 16 hex digits).
    pub digest: String,
    /// Mentions nobody decided about yet.
    pub undecided: usize,
}

/// A sign-off and whether it still holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub by: String,
    pub holds: bool,
}

/// The public part of `board`, in the plan's language (so a part signed
/// in one language holds for minutes in either). `None` for an unknown board.
pub fn part(plan: &Plan, state: &SessionState, board: &str) -> Option<Part> {
    let b = plan.board(board)?;
    let reviewer = Reviewer::new(plan, state, plan.lang);
    let published = |place: &str, text: &str| plain(&reviewer.pieces(place, text));
    let mut lines = Vec::new();
    let titled = b.sections.len() > 1;
    for section in &b.sections {
        let notes = state.notes_in(&b.id, &section.id);
        if notes.is_empty() {
            continue;
        }
        if titled {
            let place = format!("plan/boards/{}/sections/{}/title", b.id, section.id);
            lines.push(PartLine::Heading(published(&place, &section.title)));
        }
        for note in notes {
            lines.push(PartLine::Note {
                id: note.id.clone(),
                pieces: reviewer.pieces(&format!("note/{}", note.id), &note.text),
            });
        }
    }
    let undecided = lines
        .iter()
        .flat_map(|l| match l {
            PartLine::Note { pieces, .. } => pieces.as_slice(),
            PartLine::Heading(_) => &[],
        })
        .filter(|p| matches!(p, Piece::Open { .. }))
        .count();
    let title = published(&format!("plan/boards/{}/title", b.id), &b.title);
    let digest = digest(board, &title, &lines);
    Some(Part {
        board: board.to_string(),
        title,
        lines,
        digest,
        undecided,
    })
}

/// The text of pieces as signed: replacements as published, undecided
/// mentions marked `⟦?…⟧`.
fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Kept(t) => t.clone(),
            Piece::Replaced { now, .. } => now.to_string(),
            Piece::Open { was, .. } => format!("⟦?{was}⟧"),
        })
        .collect()
}

/// FNV-1a (64 bit) over the part's text: a change detector, not a seal
/// (anyone who can write the folder can write a sign-off, too).
fn digest(board: &str, title: &str, lines: &[PartLine]) -> String {
    let mut text = format!("{board}\n{title}\n");
    for line in lines {
        match line {
            PartLine::Heading(h) => text.push_str(&format!("# {h}\n")),
            PartLine::Note { id, pieces } => text.push_str(&format!("{id}\t{}\n", plain(pieces))),
        }
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("v1:{hash:016x}")
}

/// Who signed off `board`, and whether each sign-off still holds.
pub fn status(plan: &Plan, state: &SessionState, board: &str) -> Vec<Status> {
    let signed = state.review().signoffs(board);
    if signed.is_empty() {
        return Vec::new();
    }
    let current = part(plan, state, board).map(|p| p.digest);
    signed
        .into_iter()
        .map(|s| Status {
            by: s.by.clone(),
            holds: current.as_deref() == Some(s.digest.as_str()),
        })
        .collect()
}

/// The groups' boards (workshops) with live notes, in plan order: the
/// parts that need a sign-off.
pub fn parts_with_notes(plan: &Plan, state: &SessionState) -> Vec<String> {
    plan.boards_of_kind(BoardKind::Workshop)
        .filter(|b| state.live_count(&b.id) > 0)
        .map(|b| b.id.clone())
        .collect()
}

/// The parts with notes that no sign-off holds for, in plan order.
pub fn not_signed_off(plan: &Plan, state: &SessionState) -> Vec<String> {
    parts_with_notes(plan, state)
        .into_iter()
        .filter(|b| !status(plan, state, b).iter().any(|s| s.holds))
        .collect()
}
