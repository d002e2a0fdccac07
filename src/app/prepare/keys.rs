//! The plan editor's actions, their key table (the dispatcher, the footer
//! and the `?` help read the same table) and their descriptions.
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use std::path::PathBuf;

use crate::model::plan_edit::NoteCounts;
use crate::model::{Lang, Plan};

/// Everything that can happen in the plan editor: keys, and the runtime's
/// answers to its [`Effect`](crate::app::Effect)s.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Go to the next tab.
    NextTab,
    /// Go to the previous tab.
    PrevTab,
    /// Move the cursor one row down.
    Down,
    /// Move the cursor one row up.
    Up,
    /// To the first row.
    First,
    /// To the last row.
    Last,
    /// The next value of a choice (kind, column); `Edit` does the same.
    ChoiceNext,
    /// The previous value of a choice (kind, column).
    ChoicePrev,
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
    /// This plan is on disk at `path`, as `bytes`.
    PlanSaved {
        plan: Box<Plan>,
        path: PathBuf,
        bytes: Vec<u8>,
    },
    /// Someone changed other fields of the plan meanwhile: the file holds
    /// both edits (`text`); `theirs` names the other edit's fields.
    PlanMerged { text: String, theirs: Vec<String> },
    /// Someone changed the same fields: nothing was written.
    PlanRefused(Box<super::disk::Refused>),
    /// What `session.json` holds now (looked at about once a second), when
    /// it differs from the editor's base.
    OnDisk(Option<Vec<u8>>),
    /// The plan was saved as the user template `name` at `path`.
    TemplateSaved { name: String, path: PathBuf },
    /// The user template `name` (none of that name: `None`).
    TemplateLoaded { name: String, plan: Option<Box<Plan>> },
    /// A save or a template failed; the text says why.
    NotSaved(String),
    /// The live notes per board and section, counted just now.
    NotesCounted(NoteCounts),
}

/// One key binding of the plan editor (the same shape as the other views').
pub type Binding = crate::app::keys::Binding<Action>;

use crate::app::keys::{CTRL, NONE, SHIFT, b};

const DOWN: Binding = b(
    &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
    "j/k",
    Action::Down,
    false,
);
const UP: Binding = b(
    &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
    "",
    Action::Up,
    false,
);
const FIRST: Binding = b(
    &[(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)],
    "g/G",
    Action::First,
    false,
);
const LAST: Binding = b(
    &[
        (KeyCode::End, NONE),
        (KeyCode::Char('G'), SHIFT),
        (KeyCode::Char('G'), NONE),
    ],
    "",
    Action::Last,
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
    "",
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
const HELP: Binding = crate::app::keys::help(Action::Help);
const QUIT: Binding = crate::app::keys::quit(Action::Quit);

/// The meeting form.
pub const MEETING: &[Binding] = &[DOWN, UP, FIRST, LAST, EDIT, SAVE, NEXT_TAB, PREV_TAB, HELP, QUIT];

/// The agenda list.
pub const AGENDA: &[Binding] = &[
    DOWN,
    UP,
    FIRST,
    LAST,
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
    FIRST,
    LAST,
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
        "",
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
    FIRST,
    LAST,
    SAVE,
    EDIT,
    b(
        &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        "h/l",
        Action::ChoiceNext,
        false,
    ),
    b(
        &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        "",
        Action::ChoicePrev,
        false,
    ),
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
    FIRST,
    LAST,
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
    FIRST,
    LAST,
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
    crate::app::keys::lookup(table, key)
}

/// What a plan-editor action does, for the footer (short) and the help (long).
pub fn describe(lang: Lang, action: &Action) -> (&'static str, &'static str) {
    use Action::*;
    let de = lang == Lang::De;
    let t = |g: (&'static str, &'static str), e: (&'static str, &'static str)| if de { g } else { e };
    match action {
        NextTab => t(("Reiter", "nächster Reiter"), ("tab", "next tab")),
        PrevTab => t(("", "voriger Reiter"), ("", "previous tab")),
        Down => t(("ab", "eine Zeile tiefer/höher"), ("down", "one row down/up")),
        Up => t(("auf", "eine Zeile höher"), ("up", "one row up")),
        First => t(
            ("Anfang", "zur ersten/letzten Zeile"),
            ("first", "to the first/last row"),
        ),
        Last => t(("Ende", "zur letzten Zeile"), ("last", "to the last row")),
        ChoiceNext => t(
            ("wählen", "Art oder Spalte: vorige/nächste Wahl"),
            ("choose", "kind or column: previous/next choice"),
        ),
        ChoicePrev => t(
            ("", "Art oder Spalte: vorige Wahl"),
            ("", "kind or column: previous choice"),
        ),
        NextPhase => t(("Phase", "vorige/nächste Phase"), ("phase", "previous/next phase")),
        PrevPhase => t(("", "vorige Phase"), ("", "previous phase")),
        Edit => t(
            ("ändern", "Feld ändern (Art, Sprache, Spalte, ja/nein: wechseln)"),
            ("edit", "edit the field (kind, language, column, yes/no: cycle)"),
        ),
        EditMinutes => t(
            ("Minuten", "Minuten der Phase ändern"),
            ("minutes", "edit the phase's minutes"),
        ),
        EditLead => t(
            ("Einleitung", "Einleitungssatz des Abschnitts ändern"),
            ("lead", "edit the section's lead sentence"),
        ),
        Add => t(
            ("neu", "hinzufügen (nach der Auswahl)"),
            ("add", "add (after the selection)"),
        ),
        Delete => t(
            ("löschen", "löschen (nicht, solange es Notizen gibt)"),
            ("delete", "delete (refused while it has notes)"),
        ),
        Duplicate => t(("kopieren", "duplizieren"), ("copy", "duplicate")),
        MoveDown => t(("schieben", "nach unten/oben schieben"), ("move", "move down/up")),
        MoveUp => t(("", "nach oben schieben"), ("", "move up")),
        Toggle => t(
            ("umschalten", "öffentlich nennen: ja/nein"),
            ("toggle", "named in public: yes/no"),
        ),
        Open => t(("öffnen", "Gruppe öffnen"), ("open", "open the board")),
        Save => t(
            ("speichern", "Plan speichern (nur wenn gültig)"),
            ("save", "save the plan (only when valid)"),
        ),
        SaveTemplate => t(
            ("als Vorlage", "Plan als Vorlage speichern"),
            ("save as", "save the plan as a template"),
        ),
        UseTemplate => t(
            ("verwenden", "mit dieser Vorlage beginnen"),
            ("use", "start from this template"),
        ),
        Back => t(("zurück", "zurück zur Liste"), ("back", "back to the list")),
        Submit => t(("übernehmen", "Eingabe übernehmen"), ("accept", "accept the input")),
        Cancel => t(("abbrechen", "Eingabe verwerfen"), ("cancel", "discard the input")),
        ClearField => t(("leeren", "Feld leeren"), ("clear", "empty the field")),
        Help => t(("Hilfe", "diese Hilfe"), ("help", "this help")),
        Quit => t(
            ("beenden", "beenden (fragt bei ungespeicherten Änderungen)"),
            ("quit", "quit (asks if changes are unsaved)"),
        ),
        PlanSaved { .. }
        | PlanMerged { .. }
        | PlanRefused(_)
        | OnDisk(_)
        | TemplateSaved { .. }
        | TemplateLoaded { .. }
        | NotSaved(_)
        | NotesCounted(_) => t(("", ""), ("", "")),
    }
}
