//! The board picker of `runde note` without `--board`: the boards of the
//! current phase (all boards when the phase has none), one to open.
use crate::app::Action;
use crate::app::note_taker::NoteView;
use crate::app::shared::Shared;
use crate::app::step_cursor;

/// The board picker's state.
#[derive(Debug, Clone)]
pub struct Picker {
    pub boards: Vec<String>,
    pub cursor: usize,
}

impl Picker {
    /// A picker of the current phase's boards, or of every board; a
    /// guest on SSH is not offered the facilitator's key findings.
    pub fn new(sh: &Shared) -> Picker {
        let plan = sh.plan();
        let phase_boards: Vec<String> = sh
            .state()
            .phase()
            .and_then(|p| plan.phase(p))
            .map(|p| p.boards.clone())
            .unwrap_or_default();
        let mut boards = if phase_boards.is_empty() {
            plan.boards.iter().map(|b| b.id.clone()).collect()
        } else {
            phase_boards
        };
        if sh.config.remote {
            let shown = boards.iter().filter_map(|id| plan.board(id)).collect();
            boards = crate::app::join::guest_boards(plan, shown)
                .into_iter()
                .map(|b| b.id.clone())
                .collect();
        }
        Picker { boards, cursor: 0 }
    }

    /// Moves the cursor, or opens a board: the note view to show then.
    pub(crate) fn update(&mut self, action: &Action) -> Option<NoteView> {
        match action {
            action if action.moves_cursor() => {
                self.cursor = step_cursor(self.cursor, self.boards.len(), action);
                None
            }
            Action::OpenBoard => self.boards.get(self.cursor).map(|b| NoteView::new(b)),
            Action::PickBoard(i) => self.boards.get(*i).map(|b| NoteView::new(b)),
            _ => None,
        }
    }
}
