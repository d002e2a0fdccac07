//! The review view's actions, their key tables (dispatcher, footer and
//! `?` help read the same tables) and their words in German and English.
use ratatui::crossterm::event::KeyCode;

use crate::app::keys::{Binding, NONE, SHIFT, b, help, quit};
use crate::model::Lang;

/// Everything that can happen in the review view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Select the next row (or scroll a part down).
    Down,
    /// Select the previous row (or scroll a part up).
    Up,
    /// Ten rows down.
    PageDown,
    /// Ten rows up.
    PageUp,
    /// Jump to the next undecided mention.
    NextOpen,
    /// Replace this mention by `[Name]`.
    RedactHere,
    /// Keep this mention as written.
    KeepHere,
    /// Replace every lone occurrence of this word (in this kind of case).
    RedactWord,
    /// Keep every lone occurrence of this word (in this kind of case).
    KeepWord,
    /// Withdraw the decision in force for this mention.
    Undecide,
    /// Switch between the mentions and the groups' parts.
    SwitchTab,
    /// Show the selected group's part as it will be published.
    OpenPart,
    /// Sign off the part shown.
    SignOff,
    /// Close the part or dialog.
    Back,
    /// Accept the name typed.
    Submit,
    /// Show or hide the help.
    Help,
    /// Quit.
    Quit,
}

const DOWN: Binding<Action> = b(
    &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
    "↓/j",
    Action::Down,
    false,
);
const UP: Binding<Action> = b(&[(KeyCode::Up, NONE)], "↑", Action::Up, false);
const PAGES: [Binding<Action>; 2] = [
    b(&[(KeyCode::PageDown, NONE)], "PgDn/PgUp", Action::PageDown, false),
    b(&[(KeyCode::PageUp, NONE)], "", Action::PageUp, false),
];

/// Keys of the list of doubtful mentions.
pub const MENTIONS: &[Binding<Action>] = &[
    b(&[(KeyCode::Char('r'), NONE)], "r", Action::RedactHere, true),
    b(&[(KeyCode::Char('k'), NONE)], "k", Action::KeepHere, true),
    b(
        &[(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)],
        "R",
        Action::RedactWord,
        true,
    ),
    b(
        &[(KeyCode::Char('K'), SHIFT), (KeyCode::Char('K'), NONE)],
        "K",
        Action::KeepWord,
        true,
    ),
    b(&[(KeyCode::Char('u'), NONE)], "u", Action::Undecide, false),
    b(&[(KeyCode::Char('n'), NONE)], "n", Action::NextOpen, false),
    DOWN,
    UP,
    PAGES[0],
    PAGES[1],
    b(&[(KeyCode::Tab, NONE)], "Tab", Action::SwitchTab, true),
    help(Action::Help),
    quit(Action::Quit),
];

/// Keys of the list of the groups' parts.
pub const PARTS: &[Binding<Action>] = &[
    b(
        &[(KeyCode::Enter, NONE), (KeyCode::Char(' '), NONE)],
        "Enter",
        Action::OpenPart,
        true,
    ),
    DOWN,
    UP,
    b(
        &[(KeyCode::Tab, NONE), (KeyCode::BackTab, SHIFT)],
        "Tab",
        Action::SwitchTab,
        true,
    ),
    help(Action::Help),
    quit(Action::Quit),
];

/// Keys while a part is shown as published (also in the note-taker view).
pub const PART: &[Binding<Action>] = &[
    b(&[(KeyCode::Char('s'), NONE)], "s", Action::SignOff, true),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, true),
    DOWN,
    UP,
    PAGES[0],
    PAGES[1],
    help(Action::Help),
];

/// Keys while typing the name to sign off with.
pub const PROMPT: &[Binding<Action>] = &[
    b(&[(KeyCode::Enter, NONE)], "Enter", Action::Submit, true),
    b(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, true),
];

/// What an action does: (short for the footer, long for the help).
pub fn action_text(lang: Lang, action: Action) -> (&'static str, &'static str) {
    use Action::*;
    let de = lang == Lang::De;
    let t = |g: (&'static str, &'static str), e: (&'static str, &'static str)| if de { g } else { e };
    match action {
        Down => t(("runter", "nächste Zeile"), ("down", "next row")),
        Up => t(("hoch", "vorige Zeile"), ("up", "previous row")),
        PageDown | PageUp => t(("blättern", "zehn Zeilen weiter"), ("page", "ten rows on")),
        NextOpen => t(
            ("nächste offene", "zur nächsten offenen Nennung"),
            ("next open", "to the next undecided mention"),
        ),
        RedactHere => t(
            ("ersetzen", "diese Nennung durch [Name] ersetzen"),
            ("replace", "replace this mention by [Name]"),
        ),
        KeepHere => t(
            ("lassen", "diese Nennung stehen lassen"),
            ("keep", "keep this mention as written"),
        ),
        RedactWord => t(
            ("alle ersetzen", "jedes einzelne Vorkommen dieses Worts ersetzen"),
            ("replace all", "replace every lone occurrence of this word"),
        ),
        KeepWord => t(
            ("alle lassen", "jedes einzelne Vorkommen dieses Worts stehen lassen"),
            ("keep all", "keep every lone occurrence of this word"),
        ),
        Undecide => t(
            ("offen", "Entscheidung zurücknehmen"),
            ("undecide", "withdraw the decision in force"),
        ),
        SwitchTab => t(
            (
                "Nennungen/Freigaben",
                "zwischen Nennungen und Freigaben der Gruppen wechseln",
            ),
            (
                "mentions/sign-offs",
                "switch between mentions and the groups' sign-offs",
            ),
        ),
        OpenPart => t(
            ("zeigen", "den Teil der Gruppe zeigen, wie er veröffentlicht wird"),
            ("show", "show the group's part as it will be published"),
        ),
        SignOff => t(
            ("freigeben", "diesen Teil so freigeben, wie er hier steht"),
            ("sign off", "sign off this part exactly as shown"),
        ),
        Back => t(("zurück", "schließen"), ("back", "close")),
        Submit => t(("bestätigen", "Namen bestätigen"), ("confirm", "confirm the name")),
        Help => t(("Hilfe", "diese Hilfe"), ("help", "this help")),
        Quit => t(("Ende", "beenden"), ("quit", "quit")),
    }
}
