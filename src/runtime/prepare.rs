//! The plan editor's runtime (`runde prepare`): it reads the folder and the
//! user templates when the editor opens and carries out the [`Effect`]s the
//! editor's `update` returns — saving the plan and templates, loading a
//! user template, counting notes — answering each with an [`Action`].
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

use crate::app::Effect;
use crate::app::prepare::{Action, Prepare};
use crate::error::Result;
use crate::model::plan::Date;
use crate::model::{Lang, template};
use crate::store::{PLAN_FILE, plan_file, templates};

/// The plan editor with what carries out its effects.
pub struct PrepareRunner {
    editor: Prepare,
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
        let saved = plan_file::load(&dir)?;
        let plan = Prepare::start_plan(saved.as_ref(), lang, date, templates::machine_timezone);
        let notes = plan_file::note_counts(&dir)?;
        let mut names: Vec<(String, bool)> = template::TEMPLATES.iter().map(|t| (t.to_string(), true)).collect();
        names.extend(
            templates::user_templates()
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t, false)),
        );
        Ok(PrepareRunner {
            editor: Prepare::new(dir, plan, saved, notes, names),
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
            Effect::SavePlan { dir, plan } => match plan_file::save(&dir, &plan) {
                Ok(()) => Action::PlanSaved {
                    plan,
                    path: dir.join(PLAN_FILE),
                },
                Err(e) => Action::NotSaved(e.to_string()),
            },
            Effect::SaveTemplate { name, plan } => match templates::save_plan_as_template(&plan, &name) {
                Ok(path) => Action::TemplateSaved { name, path },
                Err(e) => Action::NotSaved(e.to_string()),
            },
            Effect::LoadTemplate { name } => match templates::load_template(&name) {
                Ok(plan) => Action::TemplateLoaded {
                    name,
                    plan: plan.map(Box::new),
                },
                Err(e) => Action::NotSaved(e.to_string()),
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
