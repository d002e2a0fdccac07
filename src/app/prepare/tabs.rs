//! The plan editor's per-tab updates (meeting, agenda, boards, people,
//! templates), text fields and saving.
use ratatui_textarea::TextArea;

use super::{
    Action, BOARD_ROWS, BoardForm, BoardRow, Field, FieldInput, MEETING_ROWS, MeetingRow, Overlay, Prepare,
    apply_field, board_row, delta, field_text, meeting_row, step,
};
use crate::app::Effect;
use crate::app::shared::{Message, Tone};
use crate::model::merge::PlanBase;
use crate::model::plan_edit::{self as edit, Refusal};
use crate::model::{BoardKind, Lang, Plan, template};

impl Prepare {
    pub(super) fn update_meeting(&mut self, action: Action) {
        match action {
            Action::Down | Action::Up | Action::First | Action::Last => {
                self.meeting_row = step(self.meeting_row, MEETING_ROWS, &action)
            }
            Action::Edit if meeting_row(self.meeting_row) == MeetingRow::Lang => {
                self.plan.lang = match self.plan.lang {
                    Lang::De => Lang::En,
                    Lang::En => Lang::De,
                };
            }
            Action::Edit if meeting_row(self.meeting_row) == MeetingRow::FindingsSources => {
                self.plan.findings_sources = !self.plan.findings_sources;
            }
            Action::Edit => self.open_field(Field::Meeting(self.meeting_row)),
            _ => {}
        }
    }

    pub(super) fn update_agenda(&mut self, action: Action) {
        let len = self.plan.agenda.len();
        let row = self.phase_row;
        match action {
            Action::Down | Action::Up | Action::First | Action::Last => self.phase_row = step(row, len, &action),
            Action::Edit if row < len => self.open_field(Field::PhaseTitle(row)),
            Action::EditMinutes if row < len => self.open_field(Field::PhaseMinutes(row)),
            Action::Add => self.open_field(Field::NewPhase((len > 0).then_some(row))),
            Action::Delete => {
                let r = edit::remove_phase(&mut self.plan, row);
                self.refused(r);
                self.phase_row = row.min(self.plan.agenda.len().saturating_sub(1));
            }
            Action::Duplicate => {
                if let Some(i) = edit::duplicate_phase(&mut self.plan, row) {
                    self.phase_row = i;
                }
            }
            Action::MoveDown | Action::MoveUp => {
                self.phase_row = edit::move_item(&mut self.plan.agenda, row, delta(&action));
            }
            _ => {}
        }
    }

    pub(super) fn update_boards(&mut self, action: Action) {
        let listed = self.listed_boards();
        let phases = self.plan.agenda.len();
        let phase = (self.board_phase < phases).then_some(self.board_phase);
        let selected = listed.get(self.board_row).copied();
        match action {
            Action::Down | Action::Up | Action::First | Action::Last => {
                self.board_row = step(self.board_row, listed.len(), &action)
            }
            Action::NextPhase => {
                // The page of boards in no phase exists only while there are such boards.
                let unphased = !edit::boards_of_phase(&self.plan, None).is_empty();
                let last = if unphased { phases } else { phases.saturating_sub(1) };
                self.board_phase = (self.board_phase + 1).min(last);
                self.board_row = 0;
            }
            Action::PrevPhase => {
                self.board_phase = self.board_phase.saturating_sub(1);
                self.board_row = 0;
            }
            Action::Open => {
                if let Some(board) = selected {
                    self.board_form = Some(BoardForm { board, row: 0 });
                }
            }
            Action::Add => self.open_field(Field::NewBoard(phase)),
            Action::Delete => {
                let r = match selected {
                    Some(i) => edit::remove_board(&mut self.plan, i, &self.notes),
                    None => Err(Refusal::NothingSelected),
                };
                self.refused(r);
                self.board_row = self.board_row.min(self.listed_boards().len().saturating_sub(1));
            }
            Action::Duplicate
                if selected
                    .and_then(|i| edit::duplicate_board(&mut self.plan, i))
                    .is_some() =>
            {
                self.board_row = (self.board_row + 1).min(self.listed_boards().len().saturating_sub(1));
            }
            Action::MoveDown | Action::MoveUp => {
                if let (Some(p), Some(i)) = (phase, selected) {
                    let id = self.plan.boards[i].id.clone();
                    edit::move_board_in_phase(&mut self.plan, p, &id, delta(&action));
                    self.board_row = self
                        .listed_boards()
                        .iter()
                        .position(|&x| x == i)
                        .unwrap_or(self.board_row);
                }
            }
            _ => {}
        }
    }

    pub(super) fn update_board_form(&mut self, action: Action) {
        let Some(form) = self.board_form else { return };
        let Some(board) = self.plan.boards.get(form.board) else {
            self.board_form = None;
            return;
        };
        let positions = super::board_positions(board);
        let section = form.row.checked_sub(BOARD_ROWS);
        let set_row = |app: &mut Prepare, row: usize| {
            if let Some(f) = app.board_form.as_mut() {
                f.row = row;
            }
        };
        match (&action, section) {
            (Action::Down | Action::Up | Action::First | Action::Last, _) => {
                let at = positions.iter().position(|&p| p == form.row).unwrap_or(0);
                let to = step(at, positions.len(), &action);
                set_row(self, positions.get(to).copied().unwrap_or(0))
            }
            (Action::Edit, None) => self.edit_board_row(form),
            (Action::ChoiceNext | Action::ChoicePrev, None) => {
                self.cycle_board_row(form, action == Action::ChoicePrev);
            }
            (Action::Edit, Some(s)) => self.open_field(Field::SectionTitle(form.board, s)),
            (Action::EditLead, Some(s)) => self.open_field(Field::SectionLead(form.board, s)),
            (Action::Add, s) => self.open_field(Field::NewSection(form.board, s)),
            (Action::Delete, Some(s)) => {
                let r = match self.plan.boards.get_mut(form.board) {
                    Some(b) => edit::remove_section(b, s, &self.notes),
                    None => Err(Refusal::NothingSelected),
                };
                self.refused(r);
                // The row the cursor was on, or the nearest shown one above.
                let positions = super::board_positions(&self.plan.boards[form.board]);
                let row = positions.iter().rev().find(|&&p| p <= form.row);
                set_row(self, row.or(positions.first()).copied().unwrap_or(0));
            }
            (Action::Duplicate, Some(s)) => {
                if let Some(i) = edit::duplicate_section(&mut self.plan.boards[form.board], s) {
                    set_row(self, BOARD_ROWS + i);
                }
            }
            (Action::MoveDown | Action::MoveUp, Some(s)) => {
                let i = edit::move_item(&mut self.plan.boards[form.board].sections, s, delta(&action));
                set_row(self, BOARD_ROWS + i);
            }
            _ => {}
        }
    }

    /// Kind and table columns cycle; every other row opens a text field.
    pub(super) fn edit_board_row(&mut self, form: BoardForm) {
        if !self.cycle_board_row(form, false) {
            self.open_field(Field::Board(form.board, form.row));
        }
    }

    /// Steps a choice row (kind, table column) to its next value, or its
    /// previous one `back`; false on a row that is not a choice.
    pub(super) fn cycle_board_row(&mut self, form: BoardForm, back: bool) -> bool {
        const KINDS: [BoardKind; 4] = [
            BoardKind::Workshop,
            BoardKind::Keynote,
            BoardKind::Findings,
            BoardKind::Topics,
        ];
        let step = |at: usize, len: usize| if back { (at + len - 1) % len } else { (at + 1) % len };
        let board = &mut self.plan.boards[form.board];
        match board_row(form.row) {
            Some(BoardRow::Kind) => {
                let at = KINDS.iter().position(|k| *k == board.kind).unwrap_or(0);
                board.kind = KINDS[step(at, KINDS.len())];
                true
            }
            Some(column @ (BoardRow::LeftColumn | BoardRow::RightColumn)) => {
                let ids: Vec<String> = board.sections.iter().map(|s| s.id.clone()).collect();
                if let (Some(table), false) = (board.table.as_mut(), ids.is_empty()) {
                    let col = usize::from(column == BoardRow::RightColumn);
                    while table.columns.len() < 2 {
                        table.columns.push(ids[0].clone());
                    }
                    let now = ids.iter().position(|i| *i == table.columns[col]);
                    table.columns[col] = ids[now.map_or(0, |n| step(n, ids.len()))].clone();
                }
                true
            }
            _ => false,
        }
    }

    pub(super) fn update_people(&mut self, action: Action) {
        let len = self.plan.people.len();
        let row = self.person_row;
        match action {
            Action::Down | Action::Up | Action::First | Action::Last => self.person_row = step(row, len, &action),
            Action::Edit if row < len => self.open_field(Field::PersonName(row)),
            Action::Toggle => {
                if let Some(p) = self.plan.people.get_mut(row) {
                    p.public = !p.public;
                }
            }
            Action::Add => self.open_field(Field::NewPerson),
            Action::Delete if row < len => {
                self.plan.people.remove(row);
                self.person_row = row.min(len.saturating_sub(2));
            }
            Action::MoveDown | Action::MoveUp => {
                self.person_row = edit::move_item(&mut self.plan.people, row, delta(&action));
            }
            _ => {}
        }
    }

    pub(super) fn update_templates(&mut self, action: Action) {
        match action {
            Action::Down | Action::Up | Action::First | Action::Last => {
                self.template_row = step(self.template_row, self.templates.len(), &action)
            }
            Action::UseTemplate => {
                let Some((name, _)) = self.templates.get(self.template_row).cloned() else {
                    return;
                };
                if self.plan.boards.is_empty() && self.plan.agenda.is_empty() {
                    self.use_template(&name);
                } else {
                    self.overlay = Some(Overlay::ConfirmTemplate(name));
                }
            }
            Action::SaveTemplate => self.open_field(Field::TemplateName),
            _ => {}
        }
    }

    /// Replaces agenda, boards and texts with a template's (a built-in at
    /// once, a user template once the runtime loaded it).
    pub(super) fn use_template(&mut self, name: &str) {
        let title = edit::optional(&self.plan.title);
        match template::plan(name, self.plan.lang, title.as_deref(), self.plan.date) {
            Some(p) => self.take_template(name, p),
            None => self.effects.push(Effect::LoadTemplate { name: name.to_string() }),
        }
    }

    /// Takes a template's plan; keeps the date, the time zone and a title
    /// already typed.
    pub(super) fn take_template(&mut self, name: &str, mut p: Plan) {
        p.date = self.plan.date;
        if p.timezone.is_none() {
            p.timezone = self.plan.timezone.clone();
        }
        if let Some(t) = edit::optional(&self.plan.title) {
            p.title = t;
        }
        self.plan = p;
        self.phase_row = 0;
        self.board_phase = 0;
        self.board_row = 0;
        self.say(format!("{} {name}", self.s().template_loaded), Tone::Success);
    }

    // ----- fields -------------------------------------------------------

    pub(super) fn open_field(&mut self, field: Field) {
        let text = field_text(&self.plan, field);
        let mut area = TextArea::new(vec![text]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.input = Some(FieldInput {
            field,
            area,
            error: None,
        });
        self.check_input();
    }

    /// Validation as you type: parse the text the field would get.
    pub(super) fn check_input(&mut self) {
        let Some(i) = self.input.as_mut() else { return };
        let mut scratch = self.plan.clone();
        let text = i.area.lines().join("\n");
        i.error = apply_field(&mut scratch, i.field, &text, &self.notes).err();
    }

    pub(super) fn submit(&mut self) {
        let Some(input) = self.input.take() else { return };
        let text = input.area.lines().join("\n");
        if let Err(e) = apply_field(&mut self.plan, input.field, &text, &self.notes) {
            let s = self.s();
            self.say(s.field_error(e, self.lang()).to_string(), Tone::Error);
            self.input = Some(FieldInput {
                error: Some(e),
                ..input
            });
            return;
        }
        self.message = None;
        self.after_submit(input.field, text.trim());
    }

    /// Moves the cursor to what was added and chains the next field.
    pub(super) fn after_submit(&mut self, field: Field, text: &str) {
        match field {
            Field::NewPhase(after) => {
                let i = after.map_or(self.plan.agenda.len().saturating_sub(1), |a| a + 1);
                self.phase_row = i;
                self.open_field(Field::PhaseMinutes(i));
            }
            Field::NewBoard(_) => {
                let board = self.plan.boards.len() - 1;
                self.board_row = self.listed_boards().iter().position(|&x| x == board).unwrap_or(0);
                self.board_form = Some(BoardForm { board, row: 0 });
            }
            Field::NewSection(board, after) => {
                let len = self.plan.boards[board].sections.len();
                let i = after.map_or(len - 1, |a| a + 1);
                self.board_form = Some(BoardForm {
                    board,
                    row: BOARD_ROWS + i,
                });
            }
            Field::NewPerson => self.person_row = self.plan.people.len() - 1,
            Field::TemplateName => self.save_template(text),
            _ => {}
        }
    }

    /// Saves the plan, then (once it is on disk) saves it as template `name`.
    pub(super) fn save_template(&mut self, name: &str) {
        self.template_after_save = Some(name.to_string());
        self.save();
    }

    // ----- saving -------------------------------------------------------

    /// Asks for the plan to be written if it is valid (only over the bytes
    /// this editor started from, else merged or refused: see `disk.rs`);
    /// says why not otherwise.
    pub fn save(&mut self) {
        let problems = edit::problems(&self.plan);
        if let Some(first) = problems.first() {
            let s = self.s();
            let text = format!("{} {}", s.not_saved_invalid, s.problem(first, self.lang()));
            self.template_after_save = None;
            return self.say(text, Tone::Error);
        }
        self.effects.push(Effect::SavePlan {
            dir: self.dir.clone(),
            plan: Box::new(self.plan.clone()),
            base: self.base.clone(),
            settle: self.kept_refused,
        });
    }

    /// `PlanSaved`: what is on disk now (its bytes are the new base), and
    /// a template waiting for it.
    pub(super) fn plan_saved(&mut self, plan: Plan, path: &std::path::Path, bytes: Vec<u8>) {
        self.base = PlanBase::of(Some(bytes));
        self.banner = None;
        self.kept_refused = false;
        let text = format!("{} {}", self.s().saved_to, path.display());
        self.say(text, Tone::Success);
        self.save_waiting_template(&plan);
        self.saved = Some(plan);
    }

    /// A template waiting for the save is saved now, from `plan`.
    pub(super) fn save_waiting_template(&mut self, plan: &Plan) {
        if let Some(name) = self.template_after_save.take() {
            self.effects.push(Effect::SaveTemplate {
                name,
                plan: Box::new(plan.clone()),
            });
        }
    }

    pub(super) fn refused(&mut self, r: Result<(), Refusal>) {
        if let Err(refusal) = r {
            let text = self.s().refusal(&refusal, self.lang());
            self.say(text, Tone::Warning);
        }
    }

    pub(super) fn say(&mut self, text: String, tone: Tone) {
        self.message = Some(Message { text, tone });
    }
}
