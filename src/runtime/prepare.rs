//! The plan editor's runtime (`runde prepare`): it reads the folder and the
//! user templates when the editor opens and carries out the [`Effect`]s the
//! editor's `update` returns — saving the plan and templates, loading a
//! user template, counting notes — answering each with an [`Action`].
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use crate::app::Effect;
use crate::app::prepare::{Action, Prepare, Refused};
use crate::error::Result;
use crate::model::Plan;
use crate::model::merge::PlanBase;
use crate::model::plan::Date;
use crate::model::{Lang, template};
use crate::store::drafts::state_root;
use crate::store::plan_guard::{self, Saved};
use crate::store::{PLAN_FILE, plan_file, templates};

/// The plan editor with what carries out its effects.
pub struct PrepareRunner {
    editor: Prepare,
    /// Where refused saves are kept (`None`: the local state directory).
    pub state_root: Option<PathBuf>,
}

impl std::ops::Deref for PrepareRunner {
    type Target = Prepare;

    fn deref(&self) -> &Prepare {
        &self.editor
    }
}

impl std::ops::DerefMut for PrepareRunner {
    fn deref_mut(&mut self) -> &mut Prepare {
        &mut self.editor
    }
}

impl PrepareRunner {
    /// Opens the editor on a folder: its plan, or an empty one for `date`.
    pub fn open(dir: PathBuf, lang: Option<Lang>, date: Date) -> Result<PrepareRunner> {
        let (saved, base) = plan_guard::load(&dir)?;
        let plan = Prepare::start_plan(saved.as_ref(), lang, date, templates::machine_timezone);
        let notes = plan_file::note_counts(&dir)?;
        let mut names: Vec<(String, bool)> = template::TEMPLATES.iter().map(|t| (t.to_string(), true)).collect();
        names.extend(
            templates::user_templates()
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t, false)),
        );
        let mut editor = Prepare::new(dir, plan, saved, notes, names);
        editor.base = base;
        editor.today = Some(crate::model::plan::Date(chrono::Local::now().date_naive()));
        Ok(PrepareRunner {
            editor,
            state_root: None,
        })
    }

    /// The editor's state, to look at.
    pub fn editor(&self) -> &Prepare {
        &self.editor
    }

    /// Handles a terminal event and what it asked for; true when the
    /// screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        let redraw = match &event {
            Event::Key(key) => key.kind != KeyEventKind::Release,
            Event::Paste(_) | Event::Resize(_, _) | Event::FocusGained => true,
            _ => false,
        };
        let effects = self.editor.handle_event(event);
        self.carry_out(effects);
        redraw
    }

    /// Handles one key press and what it asked for.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let effects = self.editor.handle_key(key);
        self.carry_out(effects);
    }

    /// Applies an action and what it asked for.
    pub fn update(&mut self, action: Action) {
        let effects = self.editor.update(action);
        self.carry_out(effects);
    }

    /// Looks at `session.json` (about once a second: someone may edit the
    /// plan elsewhere); true when the screen changed.
    pub fn check_disk(&mut self) -> bool {
        match plan_guard::current(&self.editor.dir) {
            Ok(bytes) if bytes.as_deref() != self.editor.base.bytes() => {
                self.update(Action::OnDisk(bytes));
                true
            }
            _ => false,
        }
    }

    /// Writes the plan through the guard (see `store::plan_guard`): the
    /// editor's answer.
    fn save_plan(&mut self, dir: &Path, plan: Box<Plan>, base: &PlanBase, settle: bool) -> Result<Action> {
        let text = plan.to_pretty_json()?;
        let root = match &self.state_root {
            Some(root) => root.clone(),
            None => state_root()?,
        };
        let answer = match plan_guard::save(&root, dir, base, &text)? {
            Saved::Written => Action::PlanSaved {
                plan,
                path: dir.join(PLAN_FILE),
                bytes: text.into_bytes(),
            },
            Saved::Merged { text, theirs } => Action::PlanMerged { text, theirs },
            Saved::Refused(r) => {
                let path = dir.join(PLAN_FILE);
                let current_plan = r
                    .current
                    .bytes()
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .and_then(|t| Plan::parse(&path, t).ok())
                    .map(Box::new);
                let refused = Refused {
                    kept: Plan::parse(&r.kept, &r.kept_text).ok().map(Box::new),
                    current: r.current.clone(),
                    current_plan,
                    lines: crate::i18n::plan_guard::describe(
                        &r.clashes,
                        r.invalid.as_ref(),
                        &r.kept,
                        self.editor.lang(),
                    ),
                };
                return Ok(Action::PlanRefused(Box::new(refused)));
            }
        };
        // A refusal this editor kept is settled by this save.
        if settle {
            let _ = plan_guard::clear_rejected(&root, dir);
        }
        Ok(answer)
    }

    /// Carries out effects, feeding each answer back before the next runs.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            if let Some(answer) = self.answer(effect) {
                let more = self.editor.update(answer);
                self.carry_out(more);
            }
        }
    }

    fn answer(&mut self, effect: Effect) -> Option<Action> {
        Some(match effect {
            Effect::SavePlan {
                dir,
                plan,
                base,
                settle,
            } => match self.save_plan(&dir, plan, &base, settle) {
                Ok(answer) => answer,
                Err(e) => Action::NotSaved(e.in_lang(self.editor.lang())),
            },
            Effect::SaveTemplate { name, plan } => match templates::save_plan_as_template(&plan, &name) {
                Ok(path) => Action::TemplateSaved { name, path },
                Err(e) => Action::NotSaved(e.in_lang(self.editor.lang())),
            },
            Effect::LoadTemplate { name } => match templates::load_template(&name) {
                Ok(plan) => Action::TemplateLoaded {
                    name,
                    plan: plan.map(Box::new),
                },
                Err(e) => Action::NotSaved(e.in_lang(self.editor.lang())),
            },
            // A folder that cannot be read now keeps the counts it had.
            Effect::CountNotes { dir } => {
                Action::NotesCounted(plan_file::note_counts(&dir).unwrap_or_else(|_| self.editor.notes.clone()))
            }
            // The meeting views' effects: the plan editor never asks for them.
            _ => return None,
        })
    }
}
