//! The plan editor and the plan on disk, which others may change while it
//! is open (`plan --edit`, another laptop through a sync engine). A plan
//! changed elsewhere is taken over at once while this editor holds no
//! unsaved change; with unsaved changes a banner says so, and saving merges
//! field by field. A save that would overwrite a field someone else
//! changed is refused: both values are shown, this editor's version is
//! kept in the local state directory, and the next save settles it.
use super::*;
use crate::i18n::plan_guard::words;
use crate::store::plan_guard::{self, PlanBase, Saved};

impl Prepare {
    /// Looks at `session.json` (the runtime calls this about once a second).
    pub fn check_disk(&mut self) -> bool {
        match plan_guard::current(&self.dir) {
            Ok(bytes) => self.on_disk(bytes),
            Err(_) => false,
        }
    }

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
            Plan::parse(&self.dir.join(crate::store::PLAN_FILE), text).ok()
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

    /// Saves through the guard; says what happened. `Ok(false)`: refused.
    pub(super) fn save_guarded(&mut self) -> Result<bool, Error> {
        let text = self.plan.to_pretty_json()?;
        let w = words(self.lang());
        let root = match &self.state_root {
            Some(root) => root.clone(),
            None => crate::store::drafts::state_root()?,
        };
        match plan_guard::save(&root, &self.dir, &self.base, &text)? {
            Saved::Written => {
                self.base = PlanBase::of(Some(text.into_bytes()));
                self.saved = Some(self.plan.clone());
                self.banner = None;
                let path = self.dir.join(crate::store::PLAN_FILE);
                self.say(format!("{} {}", self.s().saved_to, path.display()), Tone::Success);
            }
            Saved::Merged { text, theirs } => {
                self.plan = Plan::parse(&self.dir.join(crate::store::PLAN_FILE), &text)?;
                self.saved = Some(self.plan.clone());
                self.base = PlanBase::of(Some(text.into_bytes()));
                self.banner = None;
                self.say(format!("{} {}", w.merged, theirs.join(", ")), Tone::Success);
            }
            Saved::Refused(r) => {
                // From now on the editor holds the other edit with this
                // one's values at the clashes: the next save settles it.
                if let Ok(plan) = Plan::parse(&r.kept, &r.kept_text) {
                    let path = self.dir.join(crate::store::PLAN_FILE);
                    self.saved = r
                        .current
                        .bytes()
                        .and_then(|b| std::str::from_utf8(b).ok())
                        .and_then(|t| Plan::parse(&path, t).ok());
                    self.plan = plan;
                    self.base = r.current.clone();
                }
                let mut lines = plan_guard::describe(&r, self.lang());
                lines.push(w.settle_prepare.to_string());
                self.banner = Some(format!("{} {}", w.refused, lines.join(" · ")));
                self.kept_refused = true;
                self.say(w.refused.to_string(), Tone::Error);
                return Ok(false);
            }
        }
        // A refusal this editor kept is settled by this save.
        if std::mem::take(&mut self.kept_refused) {
            let _ = plan_guard::clear_rejected(&root, &self.dir);
        }
        Ok(true)
    }
}
