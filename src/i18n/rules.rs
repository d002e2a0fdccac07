//! The words for a command that does not fit the session
//! ([`RuleError`]), in the session's language: German and English are
//! spelled here (the model keeps only the variant and its data).
use crate::model::{Lang, RuleError, SaveError};

/// A rule error in `lang`, for the views' status line and the CLI.
pub fn rule_error_text(lang: Lang, error: &RuleError) -> String {
    match lang {
        Lang::En => english(error),
        Lang::De => german(error),
    }
}

fn english(error: &RuleError) -> String {
    match error {
        RuleError::UnknownNote(id) => format!("unknown note {id}"),
        RuleError::NoMatchingNote(id) => format!("unknown note {id:?}"),
        RuleError::AmbiguousNote { prefix, count } => super::cli_strings(Lang::En).ambiguous(*count, prefix),
        RuleError::DeletedNote(id) => format!("note {id} was deleted"),
        RuleError::EmptyText => "the text is empty".into(),
        RuleError::UnknownBoard { id, known } => format!("unknown board {id:?} (boards: {})", known.join(", ")),
        RuleError::UnknownSection { board, id, known } => format!(
            "unknown section {id:?} on board {board:?} (sections: {})",
            known.join(", ")
        ),
        RuleError::NoSections(board) => format!("board {board:?} has no sections"),
        RuleError::NoTimerLength(board) => {
            format!("board {board:?} has no timer length: set \"minutes\" on the board or its agenda phase")
        }
        RuleError::NoAgenda => "the plan has no agenda".into(),
        RuleError::UnknownPhase { id, known } => format!("unknown phase {id:?} (agenda: {})", known.join(", ")),
        RuleError::NotInSection { note, board, section } => {
            format!("note {note} is not in section {section:?} of board {board:?}")
        }
        RuleError::NoFindingsBoard => "the plan has no findings board".into(),
    }
}

fn german(error: &RuleError) -> String {
    match error {
        RuleError::UnknownNote(id) => format!("unbekannte Notiz {id}"),
        RuleError::NoMatchingNote(id) => format!("unbekannte Notiz {id:?}"),
        RuleError::AmbiguousNote { prefix, count } => super::cli_strings(Lang::De).ambiguous(*count, prefix),
        RuleError::DeletedNote(id) => format!("Notiz {id} wurde gelöscht"),
        RuleError::EmptyText => "der Text ist leer".into(),
        RuleError::UnknownBoard { id, known } => {
            format!("unbekannte Tafel {id:?} (Tafeln: {})", known.join(", "))
        }
        RuleError::UnknownSection { board, id, known } => format!(
            "unbekannter Abschnitt {id:?} auf Tafel {board:?} (Abschnitte: {})",
            known.join(", ")
        ),
        RuleError::NoSections(board) => format!("Tafel {board:?} hat keine Abschnitte"),
        RuleError::NoTimerLength(board) => {
            format!("Tafel {board:?} hat keine Timer-Länge: \"minutes\" an der Tafel oder ihrer Agenda-Phase angeben")
        }
        RuleError::NoAgenda => "der Plan hat keine Agenda".into(),
        RuleError::UnknownPhase { id, known } => {
            format!("unbekannte Phase {id:?} (Agenda: {})", known.join(", "))
        }
        RuleError::NotInSection { note, board, section } => {
            format!("Notiz {note} steht nicht in Abschnitt {section:?} der Tafel {board:?}")
        }
        RuleError::NoFindingsBoard => "der Plan hat keine Tafel für Erkenntnisse".into(),
    }
}

/// Why a write did not reach the disk, for the status line.
pub fn save_error_text(lang: Lang, error: SaveError) -> &'static str {
    let de = lang == Lang::De;
    match (error, de) {
        (SaveError::DiskFull, true) => "die Platte ist voll",
        (SaveError::DiskFull, false) => "the disk is full",
        (SaveError::Denied, true) => "keine Schreibberechtigung",
        (SaveError::Denied, false) => "permission denied",
        (SaveError::Gone, true) => "der Sitzungsordner ist weg",
        (SaveError::Gone, false) => "the session folder is gone",
        (SaveError::Io, true) => "Ein-/Ausgabefehler beim Schreiben",
        (SaveError::Io, false) => "input/output error while writing",
        (SaveError::Refused, true) => "der Eintrag lässt sich nicht speichern",
        (SaveError::Refused, false) => "the entry cannot be saved",
    }
}
