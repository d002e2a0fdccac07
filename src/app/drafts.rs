//! A note-taker's drafts as the view knows them: the list the runtime
//! gave ([`Action::DraftsListed`](crate::app::Action)), kept up to date as
//! the view saves and clears drafts through effects — no file is read
//! while drawing. One draft per editor: a new note per board section, and
//! one per edited note.
use crate::app::Effect;
use crate::app::editor::InputKind;
use crate::app::shared::{Shared, Tone};
use crate::model::draft::Draft;

impl Shared {
    /// The draft the editor of `kind` would write (text still empty);
    /// `None` where editors keep no drafts.
    pub(crate) fn draft_for(&self, kind: &InputKind) -> Option<Draft> {
        let board = self.draft_board.clone()?;
        let (section, editing, base) = match kind {
            InputKind::NewNote { section, .. } => (section.clone(), None, None),
            InputKind::EditNote { id, base } => {
                let section = self.state().note(id).map(|n| n.section.clone());
                (section.unwrap_or_default(), Some(id.clone()), Some(base.clone()))
            }
            _ => return None,
        };
        Some(Draft {
            board,
            section,
            text: String::new(),
            editing,
            base,
            saved_ms: self.now_ms,
        })
    }

    /// The open editor's draft, with its current text.
    pub(crate) fn input_draft(&self) -> Option<Draft> {
        let input = self.input.as_ref()?;
        let mut draft = self.draft_for(&input.kind)?;
        draft.text = input.text();
        Some(draft)
    }

    /// The kept draft of the editor `like` names, if any.
    pub(crate) fn kept_draft(&self, like: &Draft) -> Option<&Draft> {
        self.drafts.as_ref()?.iter().find(|d| d.same_editor(like))
    }

    /// The kept draft of the editor `kind` opens, if any.
    pub(crate) fn stored_draft(&self, kind: &InputKind) -> Option<Draft> {
        let like = self.draft_for(kind)?;
        self.kept_draft(&like).cloned()
    }

    /// This board's kept drafts, newest first.
    pub fn board_drafts(&self) -> Vec<Draft> {
        let (Some(board), Some(all)) = (&self.draft_board, &self.drafts) else {
            return Vec::new();
        };
        all.iter().filter(|d| d.board == *board).cloned().collect()
    }

    /// Takes the list of kept drafts from the runtime, newest first.
    pub(crate) fn drafts_listed(&mut self, mut drafts: Vec<Draft>) {
        drafts.sort_by(|a, b| b.saved_ms.cmp(&a.saved_ms).then_with(|| a.text.cmp(&b.text)));
        self.drafts = Some(drafts);
    }

    /// Writes the open editor's text to its draft (at once, or at the next
    /// `FlushDraft` when drafts are deferred).
    pub(crate) fn save_draft(&mut self) {
        if self.config.defer_drafts {
            self.draft_pending = true;
            return;
        }
        self.write_draft();
    }

    /// Writes a deferred draft change now.
    pub(crate) fn flush_draft(&mut self) {
        if std::mem::take(&mut self.draft_pending) {
            self.write_draft();
        }
    }

    /// Writes the open editor's draft; a draft with nothing typed in it
    /// (empty, or an edit still equal to where it started) is removed
    /// instead.
    pub(crate) fn write_draft(&mut self) {
        let Some(draft) = self.input_draft() else { return };
        if self.drafts.is_none() {
            return;
        }
        let nothing_typed = match &draft.base {
            Some(base) => draft.text == *base,
            None => draft.text.is_empty(),
        };
        if nothing_typed {
            self.clear_draft(&draft);
            return;
        }
        self.keep_draft(draft);
    }

    /// Keeps `draft` (replacing its editor's earlier one) in the list and
    /// asks the runtime to write it; false where no drafts are kept.
    pub(crate) fn keep_draft(&mut self, draft: Draft) -> bool {
        let Some(kept) = self.drafts.as_mut() else {
            return false;
        };
        kept.retain(|d| !d.same_editor(&draft));
        kept.insert(0, draft.clone());
        self.effect(Effect::SaveDraft(draft));
        true
    }

    /// Removes the draft of the editor `like` names (saved or discarded).
    pub(crate) fn clear_draft(&mut self, like: &Draft) {
        let Some(kept) = self.drafts.as_mut() else { return };
        let before = kept.len();
        kept.retain(|d| !d.same_editor(like));
        if kept.len() != before {
            self.effect(Effect::ClearDraft(like.clone()));
        }
    }

    /// A draft could not be written: say so (typing goes on).
    pub(crate) fn draft_not_saved(&mut self, why: String) {
        self.say(why, Tone::Warning);
    }
}
