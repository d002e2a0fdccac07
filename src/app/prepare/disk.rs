//! The plan editor and the plan on disk, which others may change while it
//! is open (`plan --edit`, another laptop through a sync engine). A plan
//! changed elsewhere is taken over at once while this editor holds no
//! unsaved change; with unsaved changes a banner says so, and saving merges
//! field by field. A save that would overwrite a field someone else
//! changed is refused: both values are shown, this editor's version is
//! kept in the local state directory, and the next save settles it. The
//! runtime reads and writes the file (`runtime::prepare`); this is what the
//! editor makes of its answers.
use super::{Plan, PlanBase, Prepare, Tone};
use crate::i18n::plan_guard::words;

impl Prepare {
    /// What `session.json` holds now; returns true when the screen changed.
    pub fn on_disk(&mut self, bytes: Option<Vec<u8>>) -> bool {
        if bytes.as_deref() == self.base.bytes() {
            return false;
        }
        let theirs = bytes
            .as_deref()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok());
        let parsed = bytes.as_deref().and_then(|b| {
            let text = std::str::from_utf8(b).ok()?;
            Plan::parse(&self.dir.join(crate::model::plan::PLAN_FILE), text).ok()
        });
        let w = words(self.lang());
        let changed = self.changed_there(theirs.as_ref());
        match parsed {
            Some(plan) if !self.dirty() && self.input.is_none() => {
                self.plan = plan.clone();
                self.saved = Some(plan);
                self.base = PlanBase::of(bytes);
                self.banner = None;
                self.say(format!("{} {changed}", w.reloaded), Tone::Info);
            }
            Some(_) => self.banner = Some(format!("{} {changed}", w.changed_elsewhere)),
            None => self.banner = Some(w.unreadable_elsewhere.to_string()),
        }
        true
    }

    /// The fields the plan on disk changed compared with this editor's base.
    fn changed_there(&self, theirs: Option<&serde_json::Value>) -> String {
        let base = self.base.bytes().and_then(|b| serde_json::from_slice(b).ok());
        theirs
            .map(|t| crate::model::merge::changes(base.as_ref(), t).join(", "))
            .unwrap_or_default()
    }

    /// `PlanMerged`: someone changed other fields meanwhile; the file holds
    /// both edits (`text`), `theirs` names the other edit's fields.
    pub(super) fn plan_merged(&mut self, text: String, theirs: &[String]) {
        let path = self.dir.join(crate::model::plan::PLAN_FILE);
        match Plan::parse(&path, &text) {
            Ok(plan) => {
                self.plan = plan.clone();
                self.saved = Some(plan.clone());
                self.base = PlanBase::of(Some(text.into_bytes()));
                self.banner = None;
                self.kept_refused = false;
                let w = words(self.lang());
                self.say(format!("{} {}", w.merged, theirs.join(", ")), Tone::Success);
                self.save_waiting_template(&plan);
            }
            Err(e) => {
                self.template_after_save = None;
                self.say(e.in_lang(self.lang()), Tone::Error);
            }
        }
    }

    /// `PlanRefused`: both changed the same fields; nothing was written.
    /// From now on the editor holds the other edit with this one's values
    /// at the clashes (`kept`), over what the file holds now (`current`,
    /// `current_plan`): the next save settles it.
    pub(super) fn plan_refused(&mut self, refused: Refused) {
        let w = words(self.lang());
        if let Some(kept) = refused.kept {
            self.plan = *kept;
            self.saved = refused.current_plan.map(|p| *p);
            self.base = refused.current;
        }
        let mut lines = refused.lines;
        lines.push(w.settle_prepare.to_string());
        self.banner = Some(format!("{} {}", w.refused, lines.join(" · ")));
        self.kept_refused = true;
        self.template_after_save = None;
        self.say(w.refused.to_string(), Tone::Error);
    }
}

/// A refused save, as the editor needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The edit kept in the local state directory (the other edit with
    /// this one's values at the clashes), if it is a valid plan.
    pub kept: Option<Box<Plan>>,
    /// What the plan on disk holds now.
    pub current: PlanBase,
    /// `current` as a plan, if it parses.
    pub current_plan: Option<Box<Plan>>,
    /// The clashes, each with both values, in the editor's language.
    pub lines: Vec<String>,
}
