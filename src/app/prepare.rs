//! The plan editor of `runde prepare`: state, its [`Action`]s, the key
//! table (dispatcher, footer and `?` help read the same table) and
//! `update`. The plan is edited in memory with the pure rules of
//! `model::plan_edit` and written to `session.json` only when it is valid.
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

use super::{Message, Tone};
use crate::error::Error;
use crate::i18n::{PrepareStrings, prepare_strings};
use crate::model::plan::{NextMeeting, Person, Table};
use crate::model::plan_edit::{self as edit, FieldError, NoteCounts, Refusal};
use crate::model::{BoardKind, Lang, Plan, template};
use crate::store::plan_file;

/// Everything that can happen in the plan editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to the next tab.
    NextTab,
    /// Go to the previous tab.
    PrevTab,
    /// Move the cursor one row down.
    Down,
    /// Move the cursor one row up.
    Up,
    /// Show the next phase's boards.
    NextPhase,
    /// Show the previous phase's boards.
    PrevPhase,
    /// Edit the field under the cursor (or cycle a choice).
    Edit,
    /// Edit the selected phase's minutes.
    EditMinutes,
    /// Edit the selected section's lead sentence.
    EditLead,
    /// Add a phase, board, section or person after the cursor.
    Add,
    /// Delete the selected item (refused while it has notes).
    Delete,
    /// Duplicate the selected item.
    Duplicate,
    /// Move the selected item one place down.
    MoveDown,
    /// Move the selected item one place up.
    MoveUp,
    /// Toggle a person's consent to be named in public.
    Toggle,
    /// Open the selected board's form.
    Open,
    /// Save the plan (only when it is valid).
    Save,
    /// Save the plan as a named template.
    SaveTemplate,
    /// Replace the plan with the selected template.
    UseTemplate,
    /// Leave the board form.
    Back,
    /// Accept what is typed.
    Submit,
    /// Discard what is typed.
    Cancel,
    /// Empty the field being typed in.
    ClearField,
    /// Show or hide the help.
    Help,
    /// Quit (asks while changes are unsaved).
    Quit,
}

/// One key binding of the plan editor (the same shape as the other views').
pub type Binding = super::keys::Binding<Action>;

use super::keys::{CTRL, NONE, SHIFT, b};

const DOWN: Binding = b(
    &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
    "j/k",
    Action::Down,
    false,
);
const UP: Binding = b(
    &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
    "k",
    Action::Up,
    false,
);
const EDIT: Binding = b(
    &[(KeyCode::Enter, NONE), (KeyCode::Char('e'), NONE)],
    "Enter",
    Action::Edit,
    true,
);
const ADD: Binding = b(&[(KeyCode::Char('a'), NONE)], "a", Action::Add, true);
const DELETE: Binding = b(
    &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
    "d",
    Action::Delete,
    true,
);
const DUPLICATE: Binding = b(&[(KeyCode::Char('c'), NONE)], "c", Action::Duplicate, true);
const MOVE_DOWN: Binding = b(
    &[(KeyCode::Char('J'), SHIFT), (KeyCode::Char('J'), NONE)],
    "J/K",
    Action::MoveDown,
    true,
);
const MOVE_UP: Binding = b(
    &[(KeyCode::Char('K'), SHIFT), (KeyCode::Char('K'), NONE)],
    "K",
    Action::MoveUp,
    false,
);
const NEXT_TAB: Binding = b(&[(KeyCode::Tab, NONE)], "Tab", Action::NextTab, true);
const PREV_TAB: Binding = b(
    &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
    "Shift-Tab",
    Action::PrevTab,
    false,
);
const SAVE: Binding = b(
    &[(KeyCode::Char('w'), NONE), (KeyCode::Char('s'), CTRL)],
    "w",
    Action::Save,
    true,
);
const HELP: Binding = super::keys::help(Action::Help);
const QUIT: Binding = super::keys::quit(Action::Quit);

/// The meeting form.
pub const MEETING: &[Binding] = &[DOWN, UP, EDIT, SAVE, NEXT_TAB, PREV_TAB, HELP, QUIT];

/// The agenda list.
pub const AGENDA: &[Binding] = &[
    DOWN,
    UP,
    SAVE,
    NEXT_TAB,
    PREV_TAB,
    EDIT,
    b(&[(KeyCode::Char('m'), NONE)], "m", Action::EditMinutes, true),
    ADD,
    DELETE,
    DUPLICATE,
    MOVE_DOWN,
    MOVE_UP,
    HELP,
    QUIT,
];

/// The boards of one phase.
pub const BOARDS: &[Binding] = &[
    DOWN,
    UP,
    SAVE,
    NEXT_TAB,
    PREV_TAB,
    b(
        &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        "h/l",
        Action::NextPhase,
        true,
    ),
    b(
        &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        "h",
        Action::PrevPhase,
        false,
    ),
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::Open, true),
    ADD,
    DELETE,
    DUPLICATE,
    MOVE_DOWN,
    MOVE_UP,
    HELP,
    QUIT,
];

/// One board's form with its sections.
pub const BOARD_FORM: &[Binding] = &[
    DOWN,
    UP,
    SAVE,
    EDIT,
    b(
        &[(KeyCode::Char('L'), SHIFT), (KeyCode::Char('L'), NONE)],
        "L",
        Action::EditLead,
        false,
    ),
    ADD,
    DELETE,
    DUPLICATE,
    MOVE_DOWN,
    MOVE_UP,
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, true),
    HELP,
    QUIT,
];

/// The people list.
pub const PEOPLE: &[Binding] = &[
    DOWN,
    UP,
    SAVE,
    NEXT_TAB,
    PREV_TAB,
    EDIT,
    b(&[(KeyCode::Char(' '), NONE)], "Space", Action::Toggle, true),
    ADD,
    DELETE,
    MOVE_DOWN,
    MOVE_UP,
    HELP,
    QUIT,
];

/// The template list.
pub const TEMPLATES: &[Binding] = &[
    DOWN,
    UP,
    SAVE,
    NEXT_TAB,
    PREV_TAB,
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::UseTemplate, true),
    b(&[(KeyCode::Char('s'), NONE)], "s", Action::SaveTemplate, true),
    HELP,
    QUIT,
];

/// While typing in a field.
pub const EDITOR: &[Binding] = &[
    b(
        &[(KeyCode::Enter, NONE), (KeyCode::Char('m'), CTRL)],
        "Enter",
        Action::Submit,
        true,
    ),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Cancel, true),
    b(&[(KeyCode::Char('u'), CTRL)], "Ctrl-u", Action::ClearField, true),
];

/// The action bound to `key` in `table`, if any.
pub fn lookup(table: &[Binding], key: &KeyEvent) -> Option<Action> {
    super::keys::lookup(table, key)
}

/// The editor's tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Meeting,
    Agenda,
    Boards,
    People,
    Templates,
}

/// All tabs in order.
pub const TABS: [Tab; 5] = [Tab::Meeting, Tab::Agenda, Tab::Boards, Tab::People, Tab::Templates];

/// A row of the meeting form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingRow {
    Title,
    Event,
    Series,
    Network,
    Number,
    Newsletter,
    Date,
    Start,
    End,
    TimeZone,
    Lang,
    Intro,
    Closing,
    NextDate,
    NextStart,
    NextEnd,
    FindingsSources,
}

/// The meeting form's rows in order (the labels in `i18n` follow it).
pub const MEETING_ORDER: [MeetingRow; 17] = [
    MeetingRow::Title,
    MeetingRow::Event,
    MeetingRow::Series,
    MeetingRow::Network,
    MeetingRow::Number,
    MeetingRow::Newsletter,
    MeetingRow::Date,
    MeetingRow::Start,
    MeetingRow::End,
    MeetingRow::TimeZone,
    MeetingRow::Lang,
    MeetingRow::Intro,
    MeetingRow::Closing,
    MeetingRow::NextDate,
    MeetingRow::NextStart,
    MeetingRow::NextEnd,
    MeetingRow::FindingsSources,
];
/// Rows of the meeting form.
pub const MEETING_ROWS: usize = MEETING_ORDER.len();

/// The meeting form row at a cursor position.
pub fn meeting_row(row: usize) -> MeetingRow {
    MEETING_ORDER[row.min(MEETING_ROWS - 1)]
}

/// A row of a board form (its sections follow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRow {
    Title,
    Id,
    Question,
    Kind,
    Participants,
    Minutes,
    Speaker,
    Role,
    Organization,
    OrganizationUrl,
    Source,
    SourceUrl,
    Table,
    LeftColumn,
    RightColumn,
}

/// A board form's rows in order (the labels in `i18n` follow it).
pub const BOARD_ORDER: [BoardRow; 15] = [
    BoardRow::Title,
    BoardRow::Id,
    BoardRow::Question,
    BoardRow::Kind,
    BoardRow::Participants,
    BoardRow::Minutes,
    BoardRow::Speaker,
    BoardRow::Role,
    BoardRow::Organization,
    BoardRow::OrganizationUrl,
    BoardRow::Source,
    BoardRow::SourceUrl,
    BoardRow::Table,
    BoardRow::LeftColumn,
    BoardRow::RightColumn,
];
/// Rows of a board form before its sections.
pub const BOARD_ROWS: usize = BOARD_ORDER.len();

/// The board form row at a cursor position (None: a section).
pub fn board_row(row: usize) -> Option<BoardRow> {
    BOARD_ORDER.get(row).copied()
}

/// What a text field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A row of the meeting form.
    Meeting(usize),
    /// A phase's title.
    PhaseTitle(usize),
    /// A phase's minutes.
    PhaseMinutes(usize),
    /// The title of a phase to add after the index (or at the end).
    NewPhase(Option<usize>),
    /// A row of a board's form (board index, row).
    Board(usize, usize),
    /// A section's title (board, section).
    SectionTitle(usize, usize),
    /// A section's lead (board, section).
    SectionLead(usize, usize),
    /// A section to add to a board after the index.
    NewSection(usize, Option<usize>),
    /// A board to add to the phase (None: no phase).
    NewBoard(Option<usize>),
    /// A person's name.
    PersonName(usize),
    /// A person to add.
    NewPerson,
    /// The name to save the plan as a template under.
    TemplateName,
}

/// An open text field.
pub struct FieldInput {
    pub field: Field,
    pub area: TextArea<'static>,
    /// Why the text is not accepted (updated as you type).
    pub error: Option<FieldError>,
}

/// A dialog on top of the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    ConfirmTemplate(String),
}

/// The open board form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardForm {
    pub board: usize,
    pub row: usize,
}

/// The plan editor's whole state.
pub struct Prepare {
    /// The session folder the plan is saved to.
    pub dir: PathBuf,
    pub plan: Plan,
    /// The plan as last saved (None: nothing on disk yet).
    pub saved: Option<Plan>,
    pub notes: NoteCounts,
    pub tab: Tab,
    pub meeting_row: usize,
    pub phase_row: usize,
    /// The phase whose boards are listed; `agenda.len()` lists boards in no phase.
    pub board_phase: usize,
    pub board_row: usize,
    pub board_form: Option<BoardForm>,
    pub person_row: usize,
    pub template_row: usize,
    /// Template names, and whether each is built in.
    pub templates: Vec<(String, bool)>,
    pub input: Option<FieldInput>,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub quit: bool,
    /// Keys pressed so far (reported by the scenario tests).
    pub keystrokes: usize,
    /// Of those, keys typed into text fields.
    pub typed_keys: usize,
}

impl Prepare {
    /// An editor for `plan` in `dir`; `saved` is what is on disk.
    pub fn new(
        dir: PathBuf,
        plan: Plan,
        saved: Option<Plan>,
        notes: NoteCounts,
        templates: Vec<(String, bool)>,
    ) -> Prepare {
        Prepare {
            dir,
            plan,
            saved,
            notes,
            tab: Tab::Meeting,
            meeting_row: 0,
            phase_row: 0,
            board_phase: 0,
            board_row: 0,
            board_form: None,
            person_row: 0,
            template_row: 0,
            templates,
            input: None,
            overlay: None,
            message: None,
            quit: false,
            keystrokes: 0,
            typed_keys: 0,
        }
    }

    /// Opens the editor on a folder: its plan, or an empty one for `date`.
    pub fn open(dir: PathBuf, lang: Option<Lang>, date: crate::model::plan::Date) -> Result<Prepare, Error> {
        let saved = plan_file::load(&dir)?;
        let plan = saved.clone().unwrap_or_else(|| {
            let lang = lang.unwrap_or_default();
            let mut plan = edit::empty_plan(lang, date);
            // Like `runde new`: the times are in this machine's zone.
            plan.timezone = crate::store::templates::machine_timezone(lang);
            plan
        });
        let notes = plan_file::note_counts(&dir)?;
        let mut templates: Vec<(String, bool)> = template::TEMPLATES.iter().map(|t| (t.to_string(), true)).collect();
        templates.extend(
            crate::store::templates::user_templates()
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t, false)),
        );
        Ok(Prepare::new(dir, plan, saved, notes, templates))
    }

    /// The editor's words (in the plan's language).
    pub fn s(&self) -> &'static PrepareStrings {
        prepare_strings(self.plan.lang)
    }

    /// The UI language: the plan's.
    pub fn lang(&self) -> Lang {
        self.plan.lang
    }

    /// Whether the plan differs from what is on disk.
    pub fn dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.plan)
    }

    /// The key table in force right now.
    pub fn bindings(&self) -> &'static [Binding] {
        if self.input.is_some() {
            return EDITOR;
        }
        match self.tab {
            Tab::Meeting => MEETING,
            Tab::Agenda => AGENDA,
            Tab::Boards if self.board_form.is_some() => BOARD_FORM,
            Tab::Boards => BOARDS,
            Tab::People => PEOPLE,
            Tab::Templates => TEMPLATES,
        }
    }

    /// Board indexes listed for the selected phase.
    pub fn listed_boards(&self) -> Vec<usize> {
        let phase = (self.board_phase < self.plan.agenda.len()).then_some(self.board_phase);
        edit::boards_of_phase(&self.plan, phase)
    }

    /// Problems of the plan as it would be with the open field's text.
    pub fn problems(&self) -> Vec<edit::EditProblem> {
        match &self.input {
            Some(i) => {
                let before = edit::problems(&self.plan);
                let mut preview = self.plan.clone();
                let text = i.area.lines().join("\n");
                if apply_field(&mut preview, i.field, &text, &self.notes).is_err() {
                    return before;
                }
                // What the text being typed causes comes first.
                let (mut new, old): (Vec<_>, Vec<_>) =
                    edit::problems(&preview).into_iter().partition(|p| !before.contains(p));
                new.extend(old);
                new
            }
            None => edit::problems(&self.plan),
        }
    }

    // ----- events -------------------------------------------------------

    /// Handles a terminal event; returns true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: Event) -> bool {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.handle_key(key);
                true
            }
            Event::Paste(text) => {
                if let Some(i) = self.input.as_mut() {
                    i.area.insert_str(text.replace(['\r', '\n'], " "));
                }
                self.check_input();
                true
            }
            Event::Resize(_, _) | Event::FocusGained => true,
            _ => false,
        }
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.keystrokes += 1;
        if let Some(overlay) = self.overlay.take() {
            self.overlay_key(overlay, key);
            return;
        }
        if self.input.is_some() {
            match lookup(EDITOR, &key) {
                Some(action) => self.update(action),
                // Fields are one line: no tabs or line breaks.
                None if matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Enter) => {}
                None => {
                    self.typed_keys += 1;
                    if let Some(i) = self.input.as_mut() {
                        i.area.input(key);
                    }
                    self.check_input();
                }
            }
            return;
        }
        if let Some(action) = lookup(self.bindings(), &key) {
            self.update(action);
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent) {
        let yes = matches!(key.code, KeyCode::Char('y' | 'j'));
        match overlay {
            Overlay::Help => {}
            Overlay::ConfirmQuit => self.quit = yes || key.code == KeyCode::Char('q'),
            Overlay::ConfirmTemplate(name) if yes => self.use_template(&name),
            Overlay::ConfirmTemplate(_) => {}
        }
    }

    /// Applies an action (the only mutator).
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit if self.dirty() => self.overlay = Some(Overlay::ConfirmQuit),
            Action::Quit => self.quit = true,
            Action::NextTab | Action::PrevTab => self.switch_tab(action == Action::NextTab),
            Action::Save => {
                self.save();
            }
            Action::Submit => self.submit(),
            Action::Cancel => self.input = None,
            Action::ClearField => {
                if let Some(i) = self.input.as_mut() {
                    i.area = TextArea::default();
                }
                self.check_input();
            }
            Action::Back => self.board_form = None,
            _ => match self.tab {
                Tab::Meeting => self.update_meeting(action),
                Tab::Agenda => self.update_agenda(action),
                Tab::Boards if self.board_form.is_some() => self.update_board_form(action),
                Tab::Boards => self.update_boards(action),
                Tab::People => self.update_people(action),
                Tab::Templates => self.update_templates(action),
            },
        }
    }

    fn switch_tab(&mut self, forward: bool) {
        let i = TABS.iter().position(|t| *t == self.tab).unwrap_or(0);
        let n = TABS.len();
        self.tab = TABS[if forward { (i + 1) % n } else { (i + n - 1) % n }];
        self.board_form = None;
    }

    fn update_meeting(&mut self, action: Action) {
        match action {
            Action::Down | Action::Up => self.meeting_row = step(self.meeting_row, MEETING_ROWS, action),
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

    fn update_agenda(&mut self, action: Action) {
        let len = self.plan.agenda.len();
        let row = self.phase_row;
        match action {
            Action::Down | Action::Up => self.phase_row = step(row, len, action),
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
                self.phase_row = edit::move_item(&mut self.plan.agenda, row, delta(action));
            }
            _ => {}
        }
    }

    fn update_boards(&mut self, action: Action) {
        let listed = self.listed_boards();
        let phases = self.plan.agenda.len();
        let phase = (self.board_phase < phases).then_some(self.board_phase);
        let selected = listed.get(self.board_row).copied();
        match action {
            Action::Down | Action::Up => self.board_row = step(self.board_row, listed.len(), action),
            Action::NextPhase => {
                self.board_phase = (self.board_phase + 1).min(phases);
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
                    Some(i) => {
                        self.refresh_notes();
                        edit::remove_board(&mut self.plan, i, &self.notes)
                    }
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
                    edit::move_board_in_phase(&mut self.plan, p, &id, delta(action));
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

    fn update_board_form(&mut self, action: Action) {
        let Some(form) = self.board_form else { return };
        let Some(board) = self.plan.boards.get(form.board) else {
            self.board_form = None;
            return;
        };
        let rows = BOARD_ROWS + board.sections.len();
        let section = form.row.checked_sub(BOARD_ROWS);
        let set_row = |app: &mut Prepare, row: usize| {
            if let Some(f) = app.board_form.as_mut() {
                f.row = row;
            }
        };
        match (action, section) {
            (Action::Down | Action::Up, _) => set_row(self, step(form.row, rows, action)),
            (Action::Edit, None) => self.edit_board_row(form),
            (Action::Edit, Some(s)) => self.open_field(Field::SectionTitle(form.board, s)),
            (Action::EditLead, Some(s)) => self.open_field(Field::SectionLead(form.board, s)),
            (Action::Add, s) => self.open_field(Field::NewSection(form.board, s)),
            (Action::Delete, Some(s)) => {
                self.refresh_notes();
                let r = match self.plan.boards.get_mut(form.board) {
                    Some(b) => edit::remove_section(b, s, &self.notes),
                    None => Err(Refusal::NothingSelected),
                };
                self.refused(r);
                let last = BOARD_ROWS + self.plan.boards[form.board].sections.len() - 1;
                set_row(self, form.row.min(last));
            }
            (Action::Duplicate, Some(s)) => {
                if let Some(i) = edit::duplicate_section(&mut self.plan.boards[form.board], s) {
                    set_row(self, BOARD_ROWS + i);
                }
            }
            (Action::MoveDown | Action::MoveUp, Some(s)) => {
                let i = edit::move_item(&mut self.plan.boards[form.board].sections, s, delta(action));
                set_row(self, BOARD_ROWS + i);
            }
            _ => {}
        }
    }

    /// Kind and table columns cycle; every other row opens a text field.
    fn edit_board_row(&mut self, form: BoardForm) {
        let board = &mut self.plan.boards[form.board];
        match board_row(form.row) {
            Some(BoardRow::Kind) => {
                board.kind = match board.kind {
                    BoardKind::Workshop => BoardKind::Keynote,
                    BoardKind::Keynote => BoardKind::Findings,
                    BoardKind::Findings => BoardKind::Topics,
                    BoardKind::Topics => BoardKind::Workshop,
                };
            }
            Some(column @ (BoardRow::LeftColumn | BoardRow::RightColumn)) => {
                let ids: Vec<String> = board.sections.iter().map(|s| s.id.clone()).collect();
                if let (Some(table), false) = (board.table.as_mut(), ids.is_empty()) {
                    let col = usize::from(column == BoardRow::RightColumn);
                    while table.columns.len() < 2 {
                        table.columns.push(ids[0].clone());
                    }
                    let now = ids.iter().position(|i| *i == table.columns[col]);
                    table.columns[col] = ids[now.map_or(0, |n| (n + 1) % ids.len())].clone();
                }
            }
            _ => self.open_field(Field::Board(form.board, form.row)),
        }
    }

    fn update_people(&mut self, action: Action) {
        let len = self.plan.people.len();
        let row = self.person_row;
        match action {
            Action::Down | Action::Up => self.person_row = step(row, len, action),
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
                self.person_row = edit::move_item(&mut self.plan.people, row, delta(action));
            }
            _ => {}
        }
    }

    fn update_templates(&mut self, action: Action) {
        match action {
            Action::Down | Action::Up => self.template_row = step(self.template_row, self.templates.len(), action),
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

    /// Replaces agenda, boards and texts with a template's; keeps the date
    /// and a title already typed.
    fn use_template(&mut self, name: &str) {
        let title = edit::optional(&self.plan.title);
        let found = match template::plan(name, self.plan.lang, title.as_deref(), self.plan.date) {
            Some(p) => Ok(Some(p)),
            None => crate::store::templates::load_template(name),
        };
        match found {
            Ok(Some(mut p)) => {
                p.date = self.plan.date;
                if p.timezone.is_none() {
                    p.timezone = self.plan.timezone.clone();
                }
                if let Some(t) = title {
                    p.title = t;
                }
                self.plan = p;
                self.phase_row = 0;
                self.board_phase = 0;
                self.board_row = 0;
                self.say(format!("{} {name}", self.s().template_loaded), Tone::Success);
            }
            Ok(None) => {}
            Err(e) => self.say(e.to_string(), Tone::Error),
        }
    }

    // ----- fields -------------------------------------------------------

    fn open_field(&mut self, field: Field) {
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
    fn check_input(&mut self) {
        let Some(i) = self.input.as_mut() else { return };
        let mut scratch = self.plan.clone();
        let text = i.area.lines().join("\n");
        i.error = apply_field(&mut scratch, i.field, &text, &self.notes).err();
    }

    fn submit(&mut self) {
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
    fn after_submit(&mut self, field: Field, text: &str) {
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

    fn save_template(&mut self, name: &str) {
        if !self.save() {
            return;
        }
        match crate::store::templates::save_template(&self.dir, name) {
            Ok(path) => {
                self.templates.push((name.to_string(), false));
                self.say(format!("{} {}", self.s().template_saved, path.display()), Tone::Success);
            }
            Err(e) => self.say(e.to_string(), Tone::Error),
        }
    }

    // ----- saving -------------------------------------------------------

    /// Writes the plan if it is valid; returns whether it was written.
    pub fn save(&mut self) -> bool {
        let problems = edit::problems(&self.plan);
        if let Some(first) = problems.first() {
            let s = self.s();
            let text = format!("{} {}", s.not_saved_invalid, s.problem(first, self.lang()));
            self.say(text, Tone::Error);
            return false;
        }
        match plan_file::save(&self.dir, &self.plan) {
            Ok(()) => {
                self.saved = Some(self.plan.clone());
                let text = format!(
                    "{} {}",
                    self.s().saved_to,
                    self.dir.join(crate::store::PLAN_FILE).display()
                );
                self.say(text, Tone::Success);
                true
            }
            Err(e) => {
                self.say(e.to_string(), Tone::Error);
                false
            }
        }
    }

    /// Re-counts the notes (a meeting may be running while you edit).
    fn refresh_notes(&mut self) {
        if let Ok(counts) = plan_file::note_counts(&self.dir) {
            self.notes = counts;
        }
    }

    fn refused(&mut self, r: Result<(), Refusal>) {
        if let Err(refusal) = r {
            let text = self.s().refusal(&refusal, self.lang());
            self.say(text, Tone::Warning);
        }
    }

    fn say(&mut self, text: String, tone: Tone) {
        self.message = Some(Message { text, tone });
    }
}

/// The current text of a field (empty for new items).
pub fn field_text(plan: &Plan, field: Field) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let time = |t: Option<crate::model::plan::TimeOfDay>| t.map(|t| t.to_string()).unwrap_or_default();
    let next = plan.next_meeting.as_ref();
    match field {
        Field::Meeting(row) => match meeting_row(row) {
            MeetingRow::Title => plan.title.clone(),
            MeetingRow::Event => opt(&plan.event),
            MeetingRow::Series => opt(&plan.series),
            MeetingRow::Network => opt(&plan.network),
            MeetingRow::Number => num(plan.meeting_number),
            MeetingRow::Newsletter => opt(&plan.newsletter),
            MeetingRow::Date => plan.date.to_string(),
            MeetingRow::Start => time(plan.start),
            MeetingRow::End => time(plan.end),
            MeetingRow::TimeZone => opt(&plan.timezone),
            MeetingRow::Lang => plan.lang.code().to_string(),
            MeetingRow::Intro => opt(&plan.intro),
            MeetingRow::Closing => opt(&plan.closing),
            MeetingRow::NextDate => next.map(|n| n.date.to_string()).unwrap_or_default(),
            MeetingRow::NextStart => time(next.and_then(|n| n.start)),
            MeetingRow::NextEnd => time(next.and_then(|n| n.end)),
            MeetingRow::FindingsSources => prepare_strings(plan.lang).switch(plan.findings_sources).to_string(),
        },
        Field::PhaseTitle(i) => plan.agenda.get(i).map(|p| p.title.clone()).unwrap_or_default(),
        Field::PhaseMinutes(i) => num(plan.agenda.get(i).and_then(|p| p.minutes)),
        Field::Board(b, row) => plan.boards.get(b).map(|b| board_field_text(b, row)).unwrap_or_default(),
        Field::SectionTitle(b, s) => section(plan, b, s).map(|s| s.title.clone()).unwrap_or_default(),
        Field::SectionLead(b, s) => section(plan, b, s).and_then(|s| s.lead.clone()).unwrap_or_default(),
        Field::PersonName(i) => plan.people.get(i).map(|p| p.name.clone()).unwrap_or_default(),
        Field::NewPhase(_) | Field::NewSection(..) | Field::NewBoard(_) | Field::NewPerson | Field::TemplateName => {
            String::new()
        }
    }
}

/// The text shown for a board form row.
pub fn board_field_text(board: &crate::model::Board, row: usize) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let column = |c: usize| {
        board
            .table
            .as_ref()
            .and_then(|t| t.columns.get(c))
            .and_then(|id| board.section(id))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    };
    let Some(row) = board_row(row) else {
        return String::new();
    };
    match row {
        BoardRow::Title => board.title.clone(),
        BoardRow::Id => board.id.clone(),
        BoardRow::Question => opt(&board.question),
        BoardRow::Kind => String::new(),
        BoardRow::Participants => num(board.participants),
        BoardRow::Minutes => num(board.minutes),
        BoardRow::Speaker => opt(&board.speaker),
        BoardRow::Role => opt(&board.role),
        BoardRow::Organization => opt(&board.organization),
        BoardRow::OrganizationUrl => opt(&board.organization_url),
        BoardRow::Source => opt(&board.source),
        BoardRow::SourceUrl => opt(&board.source_url),
        BoardRow::Table => board.table.as_ref().map(|t| t.caption.clone()).unwrap_or_default(),
        BoardRow::LeftColumn => column(0),
        BoardRow::RightColumn => column(1),
    }
}

fn section(plan: &Plan, b: usize, s: usize) -> Option<&crate::model::Section> {
    plan.boards.get(b).and_then(|b| b.sections.get(s))
}

/// Puts typed text into the plan, or says why it does not fit the field.
pub fn apply_field(plan: &mut Plan, field: Field, text: &str, notes: &NoteCounts) -> Result<(), FieldError> {
    let required = |t: &str| edit::optional(t).ok_or(FieldError::Empty);
    match field {
        Field::Meeting(row) => apply_meeting(plan, row, text)?,
        Field::PhaseTitle(i) => {
            if let Some(p) = plan.agenda.get_mut(i) {
                p.title = required(text)?;
            }
        }
        Field::PhaseMinutes(i) => {
            let m = edit::parse_number(text)?;
            if let Some(p) = plan.agenda.get_mut(i) {
                p.minutes = m;
            }
        }
        Field::NewPhase(after) => {
            edit::add_phase(plan, after, &required(text)?, None);
        }
        Field::Board(b, row) => apply_board(plan, b, row, text, notes)?,
        Field::SectionTitle(b, s) => {
            let t = required(text)?;
            if let Some(sec) = plan.boards.get_mut(b).and_then(|b| b.sections.get_mut(s)) {
                sec.title = t;
            }
        }
        Field::SectionLead(b, s) => {
            if let Some(sec) = plan.boards.get_mut(b).and_then(|b| b.sections.get_mut(s)) {
                sec.lead = edit::optional(text);
            }
        }
        Field::NewSection(b, after) => {
            let t = required(text)?;
            if let Some(board) = plan.boards.get_mut(b) {
                edit::add_section(board, after, &t);
            }
        }
        Field::NewBoard(phase) => {
            let notes_title = prepare_strings(plan.lang).notes_section;
            edit::add_board(plan, phase, &required(text)?, BoardKind::Workshop, notes_title);
        }
        Field::PersonName(i) => {
            let t = required(text)?;
            if let Some(p) = plan.people.get_mut(i) {
                p.name = t;
            }
        }
        Field::NewPerson => plan.people.push(Person {
            name: required(text)?,
            public: false,
        }),
        Field::TemplateName => {
            let t = required(text)?;
            if !crate::model::plan::is_valid_id(&t) {
                return Err(FieldError::Id);
            }
        }
    }
    Ok(())
}

fn apply_meeting(plan: &mut Plan, row: usize, text: &str) -> Result<(), FieldError> {
    let opt_time = |t: &str| match t.trim() {
        "" => Ok(None),
        t => edit::parse_time(t).map(Some),
    };
    match meeting_row(row) {
        MeetingRow::Title => plan.title = edit::optional(text).ok_or(FieldError::Empty)?,
        MeetingRow::Event => plan.event = edit::optional(text),
        MeetingRow::Series => plan.series = edit::optional(text),
        MeetingRow::Network => plan.network = edit::optional(text),
        MeetingRow::Number => plan.meeting_number = edit::parse_number(text)?,
        MeetingRow::Newsletter => plan.newsletter = edit::optional(text),
        MeetingRow::Date => plan.date = edit::parse_date(text)?,
        MeetingRow::Start => plan.start = opt_time(text)?,
        MeetingRow::End => plan.end = opt_time(text)?,
        MeetingRow::TimeZone => plan.timezone = edit::parse_timezone(text)?,
        MeetingRow::Lang => plan.lang = text.trim().parse().map_err(|_| FieldError::Lang)?,
        MeetingRow::Intro => plan.intro = edit::optional(text),
        MeetingRow::Closing => plan.closing = edit::optional(text),
        // A switch, not a text field.
        MeetingRow::FindingsSources => {}
        MeetingRow::NextDate => match text.trim() {
            "" => plan.next_meeting = None,
            t => {
                let date = edit::parse_date(t)?;
                match plan.next_meeting.as_mut() {
                    Some(n) => n.date = date,
                    None => {
                        plan.next_meeting = Some(NextMeeting {
                            date,
                            start: None,
                            end: None,
                        })
                    }
                }
            }
        },
        row @ (MeetingRow::NextStart | MeetingRow::NextEnd) => {
            let t = opt_time(text)?;
            let date = plan.date;
            let next = plan.next_meeting.get_or_insert(NextMeeting {
                date,
                start: None,
                end: None,
            });
            if row == MeetingRow::NextStart {
                next.start = t;
            } else {
                next.end = t;
            }
        }
    }
    Ok(())
}

fn apply_board(plan: &mut Plan, b: usize, row: usize, text: &str, notes: &NoteCounts) -> Result<(), FieldError> {
    let Some(row) = board_row(row) else {
        return Ok(());
    };
    if row == BoardRow::Id {
        let id = text.trim();
        if !crate::model::plan::is_valid_id(id) {
            return Err(FieldError::Id);
        }
        return edit::rename_board_id(plan, b, id, notes).map_err(|_| FieldError::Id);
    }
    let Some(board) = plan.boards.get_mut(b) else {
        return Ok(());
    };
    match row {
        BoardRow::Title => board.title = edit::optional(text).ok_or(FieldError::Empty)?,
        BoardRow::Question => board.question = edit::optional(text),
        BoardRow::Participants => board.participants = edit::parse_number(text)?,
        BoardRow::Minutes => board.minutes = edit::parse_number(text)?,
        BoardRow::Speaker => board.speaker = edit::optional(text),
        BoardRow::Role => board.role = edit::optional(text),
        BoardRow::Organization => board.organization = edit::optional(text),
        BoardRow::OrganizationUrl => board.organization_url = edit::parse_web_url(text)?,
        BoardRow::Source => board.source = edit::optional(text),
        BoardRow::SourceUrl => board.source_url = edit::parse_web_url(text)?,
        BoardRow::Table => match edit::optional(text) {
            None => board.table = None,
            Some(caption) => match board.table.as_mut() {
                Some(t) => t.caption = caption,
                None => {
                    let columns = board.sections.iter().take(2).map(|s| s.id.clone()).collect();
                    board.table = Some(Table { caption, columns });
                }
            },
        },
        _ => {}
    }
    Ok(())
}

fn step(cursor: usize, len: usize, action: Action) -> usize {
    match action {
        Action::Down => (cursor + 1).min(len.saturating_sub(1)),
        Action::Up => cursor.saturating_sub(1),
        _ => cursor,
    }
}

fn delta(action: Action) -> i32 {
    if action == Action::MoveDown { 1 } else { -1 }
}
