//! Key bindings of both views, as data. The dispatcher, the footer hint
//! line and the `?` help overlay all read these tables, so the help can
//! never drift from what the keys do.
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, InputKind};
use crate::model::Signal;

/// One key binding: the keys, how they are shown, and what they do
/// (`A`: the action type of the view, the app's [`Action`] by default).
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static = Action> {
    /// Keys that trigger the action (any modifiers listed must be held).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the footer and help.
    pub shown: &'static str,
    /// What happens.
    pub action: A,
    /// Shown in the one-line footer (the rest only in `?`).
    pub footer: bool,
}

pub(crate) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(crate) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
pub(crate) const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// A binding, written short in the tables.
pub(crate) const fn b<A>(
    keys: &'static [(KeyCode, KeyModifiers)],
    shown: &'static str,
    action: A,
    footer: bool,
) -> Binding<A> {
    Binding {
        keys,
        shown,
        action,
        footer,
    }
}

/// `?`/F1: help, in every view (any view's action type).
pub(crate) const fn help<A>(action: A) -> Binding<A> {
    b(
        &[
            (KeyCode::Char('?'), NONE),
            (KeyCode::Char('?'), SHIFT),
            (KeyCode::F(1), NONE),
        ],
        "?",
        action,
        true,
    )
}
/// `q`/Ctrl-C: quit, in every view (any view's action type).
pub(crate) const fn quit<A>(action: A) -> Binding<A> {
    b(
        &[(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        "q",
        action,
        true,
    )
}
const HELP: Binding = help(Action::Help);
const QUIT: Binding = quit(Action::Quit);
/// `gg`/`Home`: first entry of a list (the help line covers `G`/`End` too).
const TOP: Binding = b(
    &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)],
    "gg/G Home/End",
    Action::CursorTop,
    false,
);
/// `G`/`End`: last entry of a list.
const BOTTOM: Binding = b(
    &[
        (KeyCode::Char('G'), SHIFT),
        (KeyCode::Char('G'), NONE),
        (KeyCode::End, NONE),
    ],
    "",
    Action::CursorBottom,
    false,
);
/// Ctrl-U in an editor: delete to the start of the line (as in a shell).
const CLEAR_LINE_START: Binding = b(&[(KeyCode::Char('u'), CTRL)], "Ctrl-u", Action::ClearLineStart, false);
/// Ctrl-Z in an editor: undo the last change to the text.
const UNDO_TYPING: Binding = b(&[(KeyCode::Char('z'), CTRL)], "Ctrl-z", Action::UndoTyping, false);
/// `x`: put away the standing notices and the status message.
const DISMISS: Binding = b(&[(KeyCode::Char('x'), NONE)], "x", Action::Dismiss, false);
/// Ctrl-C in an editor: ask before quitting, never ignored.
const ASK_QUIT: Binding = b(&[(KeyCode::Char('c'), CTRL)], "Ctrl-c", Action::AskQuit, false);

/// The facilitator's projector view, the footer's keys in order of use over
/// a meeting: a group's timer, the phases, the plenary's present and
/// overview, broadcasts, more time, then starting and pausing all (what
/// does not fit the footer is in `?`).
pub const FACILITATOR: &[Binding] = &[
    b(&[(KeyCode::Char(' '), NONE)], "Space", Action::ToggleTimer, true),
    b(&[(KeyCode::Char('n'), NONE)], "n/N", Action::NextPhase, true),
    b(&[(KeyCode::Char('p'), NONE)], "p", Action::Present, true),
    b(&[(KeyCode::Char('m'), NONE)], "m", Action::Merged, true),
    b(&[(KeyCode::Char('b'), NONE)], "b", Action::StartBroadcast, true),
    b(
        &[(KeyCode::Char('+'), NONE), (KeyCode::Char('+'), SHIFT)],
        "+",
        Action::Extend(1),
        true,
    ),
    b(
        &[(KeyCode::Char('S'), SHIFT), (KeyCode::Char('S'), NONE)],
        "S",
        Action::StartAll,
        true,
    ),
    b(
        &[(KeyCode::Char('P'), SHIFT), (KeyCode::Char('P'), NONE)],
        "P",
        Action::PauseAll,
        true,
    ),
    b(&[(KeyCode::Char('-'), NONE)], "-", Action::Extend(-1), false),
    b(&[(KeyCode::Char('a'), NONE)], "a", Action::ArmAll, false),
    b(&[(KeyCode::Char('r'), NONE)], "r", Action::ResetTimer, false),
    b(&[(KeyCode::Char('1'), NONE)], "1–9", Action::SelectGroup(0), false),
    b(&[(KeyCode::Char('2'), NONE)], "", Action::SelectGroup(1), false),
    b(&[(KeyCode::Char('3'), NONE)], "", Action::SelectGroup(2), false),
    b(&[(KeyCode::Char('4'), NONE)], "", Action::SelectGroup(3), false),
    b(&[(KeyCode::Char('5'), NONE)], "", Action::SelectGroup(4), false),
    b(&[(KeyCode::Char('6'), NONE)], "", Action::SelectGroup(5), false),
    b(&[(KeyCode::Char('7'), NONE)], "", Action::SelectGroup(6), false),
    b(&[(KeyCode::Char('8'), NONE)], "", Action::SelectGroup(7), false),
    b(&[(KeyCode::Char('9'), NONE)], "", Action::SelectGroup(8), false),
    b(
        &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        "→ ←",
        Action::SelectNext,
        false,
    ),
    b(
        &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        "",
        Action::SelectPrev,
        false,
    ),
    b(
        &[(KeyCode::Char('N'), SHIFT), (KeyCode::Char('N'), NONE)],
        "",
        Action::PrevPhase,
        false,
    ),
    b(
        &[(KeyCode::Char('k'), NONE), (KeyCode::Enter, NONE)],
        "Enter",
        Action::AckSignal,
        false,
    ),
    HELP,
    QUIT,
    b(
        &[(KeyCode::Char('B'), SHIFT), (KeyCode::Char('B'), NONE)],
        "B",
        Action::BroadcastToGroup,
        false,
    ),
    b(
        &[(KeyCode::Char('!'), NONE), (KeyCode::Char('!'), SHIFT)],
        "!",
        Action::AckOldestSignal,
        false,
    ),
    b(&[(KeyCode::Char('u'), NONE)], "u", Action::Undo, false),
    b(&[(KeyCode::Char('r'), CTRL)], "Ctrl-r", Action::Redo, false),
    b(
        &[(KeyCode::Char('A'), SHIFT), (KeyCode::Char('A'), NONE)],
        "A",
        Action::ToggleAuthors,
        false,
    ),
    b(
        &[(KeyCode::Char('J'), SHIFT), (KeyCode::Char('J'), NONE)],
        "J",
        Action::JoinCard,
        false,
    ),
    DISMISS,
];

/// Keys of the facilitator's present and merged modes.
pub const PRESENT: &[Binding] = &[
    b(
        &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        "j/k ↓↑",
        Action::CursorDown,
        true,
    ),
    b(
        &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        "",
        Action::CursorUp,
        false,
    ),
    b(
        &[(KeyCode::Tab, NONE), (KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        "Tab →",
        Action::NextColumn,
        true,
    ),
    b(
        &[
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            (KeyCode::Left, NONE),
            (KeyCode::Char('h'), NONE),
        ],
        "",
        Action::PrevColumn,
        false,
    ),
    b(
        &[(KeyCode::PageDown, NONE), (KeyCode::Char(' '), NONE)],
        "PgDn/PgUp",
        Action::PageDown,
        true,
    ),
    b(&[(KeyCode::PageUp, NONE)], "", Action::PageUp, false),
    TOP,
    BOTTOM,
    b(&[(KeyCode::Char('f'), NONE)], "f", Action::CopyToFindings, true),
    b(&[(KeyCode::Char('p'), NONE)], "p", Action::Present, false),
    b(&[(KeyCode::Char('m'), NONE)], "m", Action::Merged, false),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, true),
    HELP,
    QUIT,
    b(
        &[(KeyCode::Char('!'), NONE), (KeyCode::Char('!'), SHIFT)],
        "!",
        Action::AckOldestSignal,
        false,
    ),
    b(
        &[(KeyCode::Char('A'), SHIFT), (KeyCode::Char('A'), NONE)],
        "A",
        Action::ToggleAuthors,
        false,
    ),
];

/// The note-taker's board view, in order of use: the footer shows the
/// first ones that fit (adding, switching sections and signalling the
/// facilitator come first), `?` and `q` always.
pub const NOTE: &[Binding] = &[
    b(
        &[(KeyCode::Char('a'), NONE), (KeyCode::Enter, NONE)],
        "a/Enter",
        Action::AddNote,
        true,
    ),
    b(&[(KeyCode::Tab, NONE)], "Tab", Action::NextColumn, true),
    b(
        &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        "",
        Action::PrevColumn,
        false,
    ),
    b(
        &[(KeyCode::Char('!'), NONE), (KeyCode::Char('!'), SHIFT)],
        "!",
        Action::StartSignal,
        true,
    ),
    b(&[(KeyCode::Char('e'), NONE)], "e", Action::EditNote, true),
    b(
        &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        "d",
        Action::DeleteNote,
        true,
    ),
    b(&[(KeyCode::Char('u'), NONE)], "u", Action::Undo, true),
    b(&[(KeyCode::Char('r'), CTRL)], "Ctrl-r", Action::Redo, false),
    b(
        &[(KeyCode::Char('*'), NONE), (KeyCode::Char('*'), SHIFT)],
        "*",
        Action::Star,
        true,
    ),
    b(&[(KeyCode::Char('i'), NONE)], "i", Action::ShowInfo, true),
    b(
        &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        "j/k",
        Action::CursorDown,
        false,
    ),
    b(
        &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        "",
        Action::CursorUp,
        false,
    ),
    TOP,
    BOTTOM,
    b(
        &[(KeyCode::Char('J'), SHIFT), (KeyCode::Char('J'), NONE)],
        "J/K",
        Action::MoveNoteDown,
        false,
    ),
    b(
        &[(KeyCode::Char('K'), SHIFT), (KeyCode::Char('K'), NONE)],
        "",
        Action::MoveNoteUp,
        false,
    ),
    b(&[(KeyCode::Char('m'), NONE)], "m", Action::MoveToSection, false),
    b(&[(KeyCode::Char('t'), NONE)], "t", Action::ToggleKind, false),
    b(&[(KeyCode::Char('/'), NONE)], "/", Action::StartFilter, false),
    b(
        &[(KeyCode::Char('D'), SHIFT), (KeyCode::Char('D'), NONE)],
        "D",
        Action::ShowDrafts,
        false,
    ),
    b(
        &[(KeyCode::Char('P'), SHIFT), (KeyCode::Char('P'), NONE)],
        "P",
        Action::ShowPart,
        false,
    ),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, false),
    DISMISS,
    HELP,
    QUIT,
];

/// Alt-Enter (Shift-Enter, Ctrl-J): a line break in the text.
const NEWLINE: Binding = b(
    &[
        (KeyCode::Enter, KeyModifiers::ALT),
        (KeyCode::Enter, SHIFT),
        (KeyCode::Char('j'), CTRL),
    ],
    "Alt-Enter",
    Action::Newline,
    true,
);

/// Keys while writing a note (new or edited); its draft is kept on Esc.
pub const EDITOR: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::Submit, true),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::CloseEditor, true),
    NEWLINE,
    b(&[(KeyCode::Char('g'), CTRL)], "Ctrl-g", Action::DiscardDraft, true),
    CLEAR_LINE_START,
    UNDO_TYPING,
    ASK_QUIT,
];

/// Keys while typing a filter: it applies as you type.
pub const FILTER: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::ApplyFilter, true),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::ClearFilter, true),
    CLEAR_LINE_START,
    UNDO_TYPING,
    ASK_QUIT,
];

/// Keys while typing a broadcast (no draft is kept): Enter sends.
pub const BROADCAST: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::Send, true),
    NEWLINE,
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Cancel, true),
    CLEAR_LINE_START,
    UNDO_TYPING,
    ASK_QUIT,
];

/// Keys while writing a finding (no draft is kept); its editor comes
/// pre-filled with the marked notes, so one key clears it all.
pub const FINDING: &[Binding] = &[
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::Submit, true),
    NEWLINE,
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Cancel, true),
    b(&[(KeyCode::Char('l'), CTRL)], "Ctrl-l", Action::ClearText, true),
    CLEAR_LINE_START,
    UNDO_TYPING,
    ASK_QUIT,
];

/// The key table of an open editor of `kind`.
pub fn editor_keys(kind: &InputKind) -> &'static [Binding] {
    match kind {
        InputKind::NewNote { .. } | InputKind::EditNote { .. } => EDITOR,
        InputKind::Filter => FILTER,
        InputKind::Broadcast => BROADCAST,
        InputKind::Finding { .. } => FINDING,
    }
}

/// The board picker shown when `runde note` gets no `--board`.
pub const PICKER: &[Binding] = &[
    b(
        &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        "j/k ↓↑",
        Action::CursorDown,
        true,
    ),
    b(
        &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        "",
        Action::CursorUp,
        false,
    ),
    TOP,
    BOTTOM,
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::OpenBoard, true),
    b(&[(KeyCode::Char('1'), NONE)], "1–9", Action::PickBoard(0), true),
    b(&[(KeyCode::Char('2'), NONE)], "", Action::PickBoard(1), false),
    b(&[(KeyCode::Char('3'), NONE)], "", Action::PickBoard(2), false),
    b(&[(KeyCode::Char('4'), NONE)], "", Action::PickBoard(3), false),
    b(&[(KeyCode::Char('5'), NONE)], "", Action::PickBoard(4), false),
    b(&[(KeyCode::Char('6'), NONE)], "", Action::PickBoard(5), false),
    b(&[(KeyCode::Char('7'), NONE)], "", Action::PickBoard(6), false),
    b(&[(KeyCode::Char('8'), NONE)], "", Action::PickBoard(7), false),
    b(&[(KeyCode::Char('9'), NONE)], "", Action::PickBoard(8), false),
    HELP,
    b(
        &[
            (KeyCode::Char('q'), NONE),
            (KeyCode::Esc, NONE),
            (KeyCode::Char('c'), CTRL),
        ],
        "q",
        Action::Quit,
        true,
    ),
];

/// The action bound to `key` in `table`, if any.
pub fn lookup<A: Clone>(table: &[Binding<A>], key: &KeyEvent) -> Option<A> {
    let mods = key.modifiers & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
    table
        .iter()
        .find(|b| b.keys.iter().any(|(code, m)| *code == key.code && *m == mods))
        .map(|b| b.action.clone())
}

/// The note view's signal dialog: a digit sends that signal.
pub const SIGNAL_PICKER: &[Binding] = &[
    b(
        &[(KeyCode::Char('1'), NONE)],
        "1",
        Action::SendSignal(Signal::DoneEarly),
        true,
    ),
    b(
        &[(KeyCode::Char('2'), NONE)],
        "2",
        Action::SendSignal(Signal::NeedTime),
        true,
    ),
    b(
        &[(KeyCode::Char('3'), NONE)],
        "3",
        Action::SendSignal(Signal::NeedHelp),
        true,
    ),
];

/// The note view's section dialog: digit N moves the note to section N.
pub const SECTION_PICKER: &[Binding] = &[
    b(
        &[(KeyCode::Char('1'), NONE)],
        "1–9",
        Action::MoveToSectionNumber(0),
        true,
    ),
    b(&[(KeyCode::Char('2'), NONE)], "", Action::MoveToSectionNumber(1), false),
    b(&[(KeyCode::Char('3'), NONE)], "", Action::MoveToSectionNumber(2), false),
    b(&[(KeyCode::Char('4'), NONE)], "", Action::MoveToSectionNumber(3), false),
    b(&[(KeyCode::Char('5'), NONE)], "", Action::MoveToSectionNumber(4), false),
    b(&[(KeyCode::Char('6'), NONE)], "", Action::MoveToSectionNumber(5), false),
    b(&[(KeyCode::Char('7'), NONE)], "", Action::MoveToSectionNumber(6), false),
    b(&[(KeyCode::Char('8'), NONE)], "", Action::MoveToSectionNumber(7), false),
    b(&[(KeyCode::Char('9'), NONE)], "", Action::MoveToSectionNumber(8), false),
];

/// A digit N within two seconds after `+`/`-` in the facilitator view:
/// that change becomes N minutes.
pub const AMOUNT: &[Binding] = &[
    b(&[(KeyCode::Char('1'), NONE)], "+/- 1–9", Action::ExtendBy(1), true),
    b(&[(KeyCode::Char('2'), NONE)], "", Action::ExtendBy(2), false),
    b(&[(KeyCode::Char('3'), NONE)], "", Action::ExtendBy(3), false),
    b(&[(KeyCode::Char('4'), NONE)], "", Action::ExtendBy(4), false),
    b(&[(KeyCode::Char('5'), NONE)], "", Action::ExtendBy(5), false),
    b(&[(KeyCode::Char('6'), NONE)], "", Action::ExtendBy(6), false),
    b(&[(KeyCode::Char('7'), NONE)], "", Action::ExtendBy(7), false),
    b(&[(KeyCode::Char('8'), NONE)], "", Action::ExtendBy(8), false),
    b(&[(KeyCode::Char('9'), NONE)], "", Action::ExtendBy(9), false),
];
