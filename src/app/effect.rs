//! The [`Effect`] enum: everything a view asks the outside world for —
//! the disk, the clock's neighbours, randomness, the terminal bell. `update`
//! returns effects as plain data; the runtime (a local terminal, one SSH
//! connection, or a test) carries them out and answers with an
//! [`Action`](super::Action) where there is something to answer.
use std::path::PathBuf;

use crate::model::draft::Draft;
use crate::model::merge::PlanBase;
use crate::model::{Change, Plan};

/// Something only the runtime can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Stamp these changes and append them as this writer's next events.
    /// Answered with `Stamped { id: ticket, .. }` at once, then `Saved` or
    /// `SaveFailed` once on disk or not (or `SaveFailed` at once when refused).
    Append { ticket: u64, changes: Vec<Change> },
    /// Look at the session folder; answered with `FolderChanged` when
    /// anything changed, `FolderUnreadable` on an error.
    ReadFolder,
    /// Fold the whole folder again (after a failed save, without what was
    /// not saved); answered with `FolderChanged` (a reset).
    ReloadFolder,
    /// Make `count` fresh note ids; answered with `IdsMade`.
    NewIds(usize),
    /// List this writer's drafts; answered with `DraftsListed`.
    ListDrafts,
    /// Keep this draft, replacing the editor's earlier one; answered with
    /// `DraftNotSaved` on a failure.
    SaveDraft(Draft),
    /// Remove the draft of this editor.
    ClearDraft(Draft),
    /// Ring the terminal bell.
    Bell,
    /// Record that `by` signed off `board`'s public part with the digest of
    /// what was shown (`review/`, on disk before the answer); answered with
    /// `SignedOff` or `SignOffFailed`.
    SignOff { board: String, by: String, digest: String },
    /// Write the plan to `dir/session.json` (the plan editor) if the file
    /// still holds `base`, else merge or refuse; `settle`: a refusal this
    /// editor kept is settled by a successful save. Answered with the plan
    /// editor's `PlanSaved`, `PlanMerged`, `PlanRefused` or `NotSaved`.
    SavePlan {
        dir: PathBuf,
        plan: Box<Plan>,
        base: PlanBase,
        settle: bool,
    },
    /// Save `plan` as the user template `name`; answered with
    /// `TemplateSaved` or `NotSaved`.
    SaveTemplate { name: String, plan: Box<Plan> },
    /// Load the user template `name`; answered with `TemplateLoaded` or `NotSaved`.
    LoadTemplate { name: String },
    /// Count the live notes per board and section in `dir`; answered with `NotesCounted`.
    CountNotes { dir: PathBuf },
}
