//! The plan editor of `runde prepare`: state, its [`Action`]s, the key
//! table (dispatcher, footer and `?` help read the same table) and
//! `update`. The plan is edited in memory with the pure rules of
//! `model::plan_edit`; saving it (only when it is valid), templates and
//! counting notes are [`Effect`]s the runtime carries out.
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

use crate::app::Effect;
use crate::app::shared::{Message, Tone};
use crate::i18n::{PrepareStrings, prepare_strings};
use crate::model::merge::PlanBase;
use crate::model::plan::{NextMeeting, Person, Table};
use crate::model::plan_edit::{self as edit, FieldError, NoteCounts};
use crate::model::{BoardKind, Lang, Plan};

mod disk;
mod fields;
pub use disk::Refused;
mod keys;
mod tabs;

pub use fields::{apply_field, board_field_text, field_text};
pub use keys::*;

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
    Location,
    Organization,
    NextLocation,
    NextTopic,
}

/// The meeting form's rows in order (the labels in `i18n` follow it).
pub const MEETING_ORDER: [MeetingRow; 21] = [
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
    MeetingRow::Location,
    MeetingRow::Organization,
    MeetingRow::NextLocation,
    MeetingRow::NextTopic,
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

/// Whether a board's form shows a row: the rows its kind prints (a
/// workshop has no speaker or Dos/Don'ts table, a keynote no guiding
/// question), and every row that holds a value, so nothing kept in the plan
/// is out of sight.
pub fn shows_board_row(board: &crate::model::Board, row: usize) -> bool {
    use BoardRow::*;
    let Some(which) = board_row(row) else {
        return true;
    };
    let keynote_only = matches!(
        which,
        Speaker | Role | Organization | OrganizationUrl | Source | SourceUrl | Table | LeftColumn | RightColumn
    );
    let workshop_only = matches!(which, Question | Participants);
    let used = match board.kind {
        BoardKind::Keynote => !workshop_only,
        BoardKind::Workshop => !keynote_only,
        BoardKind::Findings | BoardKind::Topics => !keynote_only && !workshop_only,
    };
    used || !board_field_text(board, row).is_empty()
}

/// The cursor positions of a board's form, top to bottom: its shown rows
/// (indexes into [`BOARD_ORDER`]), then its sections (`BOARD_ROWS + i`).
pub fn board_positions(board: &crate::model::Board) -> Vec<usize> {
    (0..BOARD_ROWS)
        .filter(|&row| shows_board_row(board, row))
        .chain((0..board.sections.len()).map(|i| BOARD_ROWS + i))
        .collect()
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
    /// The note counts were read for the action waiting in `pending`.
    notes_fresh: bool,
    /// An action that waits for fresh note counts (a deletion).
    pending: Option<Action>,
    /// The template to save once the plan is saved.
    template_after_save: Option<String>,
    /// Effects collected while handling the current action.
    effects: Vec<Effect>,
    /// The bytes of `session.json` this editor's plan is based on: a save
    /// writes only over them (else it merges or refuses, see `disk.rs`).
    pub base: PlanBase,
    /// A warning that stays until settled: the plan was changed elsewhere
    /// while this editor has unsaved changes, or a save was refused.
    pub banner: Option<String>,
    /// Today's date, from the runtime (a meeting date before it is pointed out).
    pub today: Option<crate::model::plan::Date>,
    /// A save of this editor was refused and its version kept: the next
    /// successful save settles it (and removes the kept copy).
    kept_refused: bool,
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
            notes_fresh: false,
            pending: None,
            template_after_save: None,
            effects: Vec::new(),
            base: PlanBase::default(),
            today: None,
            banner: None,
            kept_refused: false,
        }
    }

    /// The plan an editor starts with in a folder: the one on disk, or an
    /// empty one for `date` in `lang` and the machine's time zone `timezone`.
    pub fn start_plan(
        saved: Option<&Plan>,
        lang: Option<Lang>,
        date: crate::model::plan::Date,
        timezone: impl FnOnce(Lang) -> Option<String>,
    ) -> Plan {
        saved.cloned().unwrap_or_else(|| {
            let lang = lang.unwrap_or_default();
            let mut plan = edit::empty_plan(lang, date);
            // Like `runde new`: the times are in this machine's zone.
            plan.timezone = timezone(lang);
            plan
        })
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

    /// Handles a terminal event; the effects to carry out.
    pub fn handle_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => {
                if let Some(i) = self.input.as_mut() {
                    i.area.insert_str(text.replace(['\r', '\n'], " "));
                }
                self.check_input();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Handles one key press; the effects to carry out.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.keystrokes += 1;
        if let Some(overlay) = self.overlay.take() {
            self.overlay_key(overlay, key);
        } else if self.input.is_some() {
            match lookup(EDITOR, &key) {
                Some(action) => self.apply(action),
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
        } else if let Some(action) = lookup(self.bindings(), &key) {
            self.apply(action);
        }
        std::mem::take(&mut self.effects)
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

    /// Applies an action (the only mutator); the effects to carry out.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.apply(action);
        std::mem::take(&mut self.effects)
    }

    fn apply(&mut self, action: Action) {
        // A deletion is checked against notes counted just now (a meeting
        // may be running while the plan is edited).
        if action == Action::Delete && !std::mem::take(&mut self.notes_fresh) {
            self.pending = Some(action);
            self.effects.push(Effect::CountNotes { dir: self.dir.clone() });
            return;
        }
        match action {
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit if self.dirty() => self.overlay = Some(Overlay::ConfirmQuit),
            Action::Quit => self.quit = true,
            Action::NextTab | Action::PrevTab => self.switch_tab(action == Action::NextTab),
            Action::Save => self.save(),
            Action::Submit => self.submit(),
            Action::Cancel => self.input = None,
            Action::ClearField => {
                if let Some(i) = self.input.as_mut() {
                    i.area = TextArea::default();
                }
                self.check_input();
            }
            Action::Back => self.board_form = None,
            Action::PlanSaved { plan, path, bytes } => self.plan_saved(*plan, &path, bytes),
            Action::PlanMerged { text, theirs } => self.plan_merged(text, &theirs),
            Action::PlanRefused(refused) => self.plan_refused(*refused),
            Action::OnDisk(bytes) => {
                self.on_disk(bytes);
            }
            Action::TemplateSaved { name, path } => {
                self.templates.push((name, false));
                self.say(format!("{} {}", self.s().template_saved, path.display()), Tone::Success);
            }
            Action::TemplateLoaded { name, plan } => {
                if let Some(plan) = plan {
                    self.take_template(&name, *plan);
                }
            }
            Action::NotSaved(why) => {
                self.template_after_save = None;
                self.say(why, Tone::Error);
            }
            Action::NotesCounted(counts) => {
                self.notes = counts;
                self.notes_fresh = true;
                if let Some(action) = self.pending.take() {
                    self.apply(action);
                }
            }
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
}

fn step(cursor: usize, len: usize, action: &Action) -> usize {
    match action {
        Action::Down => (cursor + 1).min(len.saturating_sub(1)),
        Action::Up => cursor.saturating_sub(1),
        Action::First => 0,
        Action::Last => len.saturating_sub(1),
        _ => cursor,
    }
}

fn delta(action: &Action) -> i32 {
    if *action == Action::MoveDown { 1 } else { -1 }
}
