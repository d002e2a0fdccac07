//! The [`Action`] enum: everything that can happen to the app — keys,
//! the clock, and the runtime's answers to [`Effect`](super::Effect)s —
//! with one doc line per variant, and its descriptions for the footer and
//! help.
use crate::model::draft::Draft;
use crate::model::replica::FolderNews;
use crate::model::{Event, Lang, OrderKey, SaveError, Signal};

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The runtime read its clocks: the view's steady clock (`now_ms`, the
    /// time of everything that follows) and the system clock.
    Clock { now_ms: i64, system_ms: Option<i64> },
    /// The runtime is ready: the view asks for what it needs (ids, drafts).
    Started,
    /// The shown second may have moved: fade messages, ring bells, look at the folder.
    Tick,
    /// Another process changed the session folder: look at it.
    StoreChanged,
    /// What the folder brought since the last look (or all of it, after a reload).
    FolderChanged(Box<FolderNews>),
    /// The folder could not be read; the text says why.
    FolderUnreadable(String),
    /// Write `id` was stamped: these events are this writer's, applied at once.
    Stamped { id: u64, events: Vec<(OrderKey, Event)> },
    /// Fresh note ids, from the runtime's randomness.
    IdsMade(Vec<String>),
    /// This writer's kept drafts, newest first.
    DraftsListed(Vec<Draft>),
    /// Drafts cannot be kept on this machine; the text says why.
    DraftsUnavailable(String),
    /// A draft could not be written; the text says why.
    DraftNotSaved(String),
    /// A burst of input ended: write the editor's draft now.
    FlushDraft,
    /// Something outside the view went wrong that it should show (a warning).
    Warn(String),
    /// Another facilitator view of this session is open on this computer.
    SecondFacilitator,
    /// The sign-off of `board`'s part is on disk: its event, applied at once.
    SignedOff {
        board: String,
        events: Vec<(OrderKey, Event)>,
    },
    /// A sign-off was not saved; the text says why.
    SignOffFailed(String),
    /// The last `lost` bytes of a paste never arrived (a connection holds
    /// at most `held` bytes of one paste).
    PasteCut { lost: u64, held: usize },
    /// Start, pause or resume the selected group's timer.
    ToggleTimer,
    /// Start (or resume) every group's timer.
    StartAll,
    /// Pause every running group timer.
    PauseAll,
    /// Add (or, negative, remove) minutes on the selected group, or on all after `a`.
    Extend(i64),
    /// Make the next `+`/`-` act on all groups.
    ArmAll,
    /// Reset the selected group's timer to idle.
    ResetTimer,
    /// Select group N (0-based).
    SelectGroup(usize),
    /// Select the next group.
    SelectNext,
    /// Select the previous group.
    SelectPrev,
    /// Go to the next agenda phase.
    NextPhase,
    /// Go to the previous agenda phase.
    PrevPhase,
    /// Type a broadcast message.
    StartBroadcast,
    /// Acknowledge the selected group's signal.
    AckSignal,
    /// Show the selected board full-screen.
    Present,
    /// Show all groups of the phase side by side.
    Merged,
    /// Leave the current mode, overlay or filter.
    Back,
    /// Move the note cursor down.
    CursorDown,
    /// Move the note cursor up.
    CursorUp,
    /// Next section or column.
    NextColumn,
    /// Previous section or column.
    PrevColumn,
    /// Scroll a page down.
    PageDown,
    /// Scroll a page up.
    PageUp,
    /// Copy the note under the cursor to the findings board.
    CopyToFindings,
    /// Mark or unmark the note under the cursor for one combined finding.
    ToggleMark,
    /// Write a new note in the current section.
    AddNote,
    /// Edit the note under the cursor.
    EditNote,
    /// Delete the note under the cursor (undoable).
    DeleteNote,
    /// Undo your last note action.
    Undo,
    /// Redo what you undid.
    Redo,
    /// Star or unstar the note under the cursor.
    Star,
    /// Move the note one place down.
    MoveNoteDown,
    /// Move the note one place up.
    MoveNoteUp,
    /// Move the note to another section.
    MoveToSection,
    /// Switch the note between bullet and paragraph.
    ToggleKind,
    /// Send a signal to the facilitator.
    StartSignal,
    /// Filter the notes by text.
    StartFilter,
    /// Save what is typed.
    Submit,
    /// Send the broadcast typed.
    Send,
    /// Insert a line break while typing.
    Newline,
    /// Stop typing (a note stays as a draft).
    Cancel,
    /// Throw away the open editor's draft on purpose and close it.
    DiscardDraft,
    /// List this board's drafts to reopen one.
    ShowDrafts,
    /// Show this board as it will be published, to sign it off.
    ShowPart,
    /// Show or hide the help.
    Help,
    /// Quit (asks first while timers run).
    Quit,
    /// Jump to the first entry of the list.
    CursorTop,
    /// Jump to the last entry of the list.
    CursorBottom,
    /// Close the note editor; its draft is kept.
    CloseEditor,
    /// Close the filter prompt and keep the filter.
    ApplyFilter,
    /// Clear the filter and close its prompt.
    ClearFilter,
    /// Open the board under the picker's cursor.
    OpenBoard,
    /// Open board N (0-based) of the picker.
    PickBoard(usize),
    /// Ask whether to quit (Ctrl-C where it cannot quit at once).
    AskQuit,
    /// Delete from the editor's cursor to the start of the line.
    ClearLineStart,
    /// Delete the editor's whole text (undoable with Ctrl-Z).
    ClearText,
    /// Undo the last change to the editor's text.
    UndoTyping,
    /// Type a broadcast to the selected group only.
    BroadcastToGroup,
    /// Acknowledge the oldest pending signal, whichever group sent it.
    AckOldestSignal,
    /// Show or hide note authors on the projector.
    ToggleAuthors,
    /// Show how guests join over SSH, full screen (facilitator).
    JoinCard,
    /// Show the board's guiding question and the broadcast whole (note-taker).
    ShowInfo,
    /// Put away the messages that stay until dismissed (warnings, errors).
    Dismiss,
    /// Write `id` (a ticket) is on disk.
    Saved { id: u64 },
    /// Write `id` could not be saved (`detail`: the system's words); its change is undone on screen.
    SaveFailed { id: u64, why: SaveError, detail: String },
    /// Send this signal to the facilitator (the signal dialog's digits).
    SendSignal(Signal),
    /// Move the note under the cursor to section N, 0-based (the section dialog's digits).
    MoveToSectionNumber(usize),
    /// Add (or remove) this many more minutes on the groups of the last `+`/`-` (a digit after it).
    ExtendBy(i64),
}

impl Action {
    /// Whether the action moves a list's cursor (a line, a page, to the first or last).
    pub fn moves_cursor(&self) -> bool {
        matches!(
            self,
            Action::CursorDown
                | Action::CursorUp
                | Action::PageDown
                | Action::PageUp
                | Action::CursorTop
                | Action::CursorBottom
        )
    }

    /// Whether the action writes to the session (refused in read-only views).
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            Action::Clock { .. }
                | Action::Started
                | Action::Tick
                | Action::StoreChanged
                | Action::FolderChanged(_)
                | Action::FolderUnreadable(_)
                | Action::Stamped { .. }
                | Action::IdsMade(_)
                | Action::DraftsListed(_)
                | Action::DraftsUnavailable(_)
                | Action::DraftNotSaved(_)
                | Action::FlushDraft
                | Action::Warn(_)
                | Action::SecondFacilitator
                | Action::SignedOff { .. }
                | Action::SignOffFailed(_)
                | Action::PasteCut { .. }
                | Action::SelectGroup(_)
                | Action::SelectNext
                | Action::SelectPrev
                | Action::Present
                | Action::Merged
                | Action::Back
                | Action::CursorDown
                | Action::CursorUp
                | Action::NextColumn
                | Action::PrevColumn
                | Action::PageDown
                | Action::PageUp
                | Action::StartFilter
                | Action::Cancel
                | Action::Help
                | Action::Quit
                | Action::CursorTop
                | Action::CursorBottom
                | Action::CloseEditor
                | Action::ApplyFilter
                | Action::ClearFilter
                | Action::OpenBoard
                | Action::PickBoard(_)
                | Action::AskQuit
                | Action::ToggleAuthors
                | Action::JoinCard
                | Action::ShowInfo
                | Action::Dismiss
                | Action::ShowPart
                | Action::Saved { .. }
                | Action::SaveFailed { .. }
        )
    }

    /// What an action does, for the footer (short) and the help (long).
    pub fn describe(&self, lang: Lang) -> (&'static str, &'static str) {
        use Action::*;
        let de = lang == Lang::De;
        let t = |g: (&'static str, &'static str), e: (&'static str, &'static str)| if de { g } else { e };
        match self {
            ToggleTimer => t(
                ("Start/Pause", "Timer der gewählten Gruppe starten oder pausieren"),
                ("start/pause", "start or pause the selected group's timer"),
            ),
            StartAll => t(
                ("alle starten", "alle Timer starten"),
                ("start all", "start every group's timer"),
            ),
            PauseAll => t(
                ("alle pausieren", "alle Timer pausieren"),
                ("pause all", "pause every timer"),
            ),
            Extend(m) if *m > 0 => t(
                ("+1 min", "eine Minute mehr (+ und dann eine Ziffer: so viele Minuten)"),
                ("+1 min", "one more minute (+ then a digit: that many minutes)"),
            ),
            Extend(_) => t(("-1 min", "eine Minute weniger"), ("-1 min", "one minute less")),
            ArmAll => t(
                ("alle", "das nächste +/- gilt für alle Gruppen"),
                ("all", "the next +/- acts on all groups"),
            ),
            ResetTimer => t(
                ("zurücksetzen", "Timer der Gruppe zurücksetzen"),
                ("reset", "reset the group's timer"),
            ),
            SelectGroup(_) => t(("Gruppe", "Gruppe 1–9 wählen"), ("group", "select group 1–9")),
            SelectNext | SelectPrev => t(
                ("Gruppe wechseln", "nächste/vorige Gruppe"),
                ("next group", "next/previous group"),
            ),
            NextPhase => t(
                ("Phase", "nächste Phase (N: vorige)"),
                ("phase", "next phase (N: previous)"),
            ),
            PrevPhase => t(("vorige Phase", "vorige Phase"), ("previous phase", "previous phase")),
            StartBroadcast => t(
                ("Durchsage", "Durchsage an alle schreiben"),
                ("broadcast", "type a broadcast to everyone"),
            ),
            AckSignal => t(
                ("Signal quittieren", "Signal der Gruppe quittieren"),
                ("acknowledge", "acknowledge the group's signal"),
            ),
            Present => t(
                ("präsentieren", "gewählte Tafel im Vollbild zeigen"),
                ("present", "show the selected board full-screen"),
            ),
            Merged => t(
                ("nebeneinander", "alle Gruppen nebeneinander"),
                ("merged", "all groups side by side"),
            ),
            Back => t(
                ("zurück", "zurück / Filter aufheben"),
                ("back", "back / clear the filter"),
            ),
            CursorDown | CursorUp => t(
                ("bewegen", "Auswahl nach unten/oben"),
                ("move", "move the selection down/up"),
            ),
            NextColumn => t(
                ("Abschnitt", "nächster Abschnitt / nächste Spalte (Shift-Tab: zurück)"),
                ("section", "next section / column (Shift-Tab: back)"),
            ),
            PrevColumn => t(
                ("voriger", "voriger Abschnitt / vorige Spalte"),
                ("previous", "previous section / column"),
            ),
            PageDown | PageUp => t(("blättern", "seitenweise blättern"), ("page", "page down/up")),
            CursorTop | CursorBottom => t(
                ("Anfang/Ende", "zum ersten (gg, Home) / letzten Eintrag (G, End)"),
                ("first/last", "to the first (gg, Home) / last entry (G, End)"),
            ),
            CloseEditor => t(
                (
                    "schließen (Entwurf bleibt)",
                    "Editor schließen, der Entwurf bleibt (D listet Entwürfe)",
                ),
                (
                    "close (draft kept)",
                    "close the editor, the draft is kept (D lists drafts)",
                ),
            ),
            ApplyFilter => t(
                ("übernehmen", "Filter übernehmen (er wirkt schon beim Tippen)"),
                ("apply", "keep the filter (it applies while typing)"),
            ),
            ClearFilter => t(
                ("Filter aufheben", "Filter aufheben und schließen"),
                ("clear filter", "clear the filter and close"),
            ),
            OpenBoard => t(("öffnen", "gewählte Tafel öffnen"), ("open", "open the chosen board")),
            PickBoard(_) => t(
                ("Tafel", "Tafel mit dieser Nummer öffnen"),
                ("board", "open the board with this number"),
            ),
            AskQuit => t(
                ("beenden", "fragt, ob beendet werden soll; der Entwurf bleibt"),
                ("quit", "asks whether to quit; the draft is kept"),
            ),
            ClearLineStart => t(
                (
                    "Zeilenanfang löschen",
                    "bis zum Zeilenanfang löschen (Ctrl-w Wort, Ctrl-a/e Anfang/Ende)",
                ),
                (
                    "delete to start",
                    "delete to the start of the line (Ctrl-w word, Ctrl-a/e start/end)",
                ),
            ),
            UndoTyping => t(
                ("rückgängig", "letzte Änderung am Text rückgängig"),
                ("undo", "undo the last change to the text"),
            ),
            CopyToFindings => t(
                (
                    "→ Erkenntnisse",
                    "markierte Notizen zu einer Erkenntnis zusammenfassen (ohne Markierung: Notiz kopieren)",
                ),
                (
                    "→ findings",
                    "merge the marked notes into one finding (no marks: copy the note)",
                ),
            ),
            ToggleMark => t(
                (
                    "markieren",
                    "Notiz für eine gemeinsame Erkenntnis markieren/entmarkieren",
                ),
                ("mark", "mark/unmark the note for one combined finding"),
            ),
            AddNote => t(("neu", "neue Notiz im Abschnitt"), ("add", "new note in this section")),
            EditNote => t(("bearbeiten", "Notiz bearbeiten"), ("edit", "edit the note")),
            DeleteNote => t(
                ("löschen", "Notiz löschen (u macht rückgängig)"),
                ("delete", "delete the note (u undoes)"),
            ),
            Undo => t(
                ("rückgängig", "eigene letzte Aktion rückgängig"),
                ("undo", "undo your last action"),
            ),
            Redo => t(
                ("wiederholen", "Rückgängiges wiederholen"),
                ("redo", "redo what you undid"),
            ),
            Star => t(("Stern", "Notiz mit Stern markieren"), ("star", "star the note")),
            MoveNoteDown | MoveNoteUp => t(
                ("verschieben", "Notiz nach unten/oben verschieben"),
                ("reorder", "move the note down/up"),
            ),
            MoveToSection => t(
                ("Abschnitt ändern", "Notiz in einen anderen Abschnitt"),
                ("move", "move the note to another section"),
            ),
            ToggleKind => t(
                ("Punkt/Absatz", "zwischen Stichpunkt und Absatz wechseln"),
                ("bullet/para", "switch between bullet and paragraph"),
            ),
            StartSignal => t(
                ("Signal", "der Moderation ein Signal senden"),
                ("signal", "signal the facilitator"),
            ),
            StartFilter => t(
                ("filtern", "Notizen nach Text filtern"),
                ("filter", "filter notes by text"),
            ),
            Submit => t(("speichern", "speichern / bestätigen"), ("save", "save / confirm")),
            Send => t(("senden", "Durchsage senden"), ("send", "send the broadcast")),
            ClearText => t(
                ("alles löschen", "den ganzen Text löschen (Ctrl-z holt ihn zurück)"),
                ("clear all", "clear the whole text (Ctrl-z brings it back)"),
            ),
            Newline => t(
                ("neue Zeile", "neue Zeile im Text"),
                ("newline", "line break in the text"),
            ),
            Cancel => t(
                ("abbrechen", "schließen, ohne zu speichern"),
                ("cancel", "close without saving"),
            ),
            DiscardDraft => t(
                ("Entwurf verwerfen", "Entwurf verwerfen und schließen"),
                ("discard draft", "discard the draft and close"),
            ),
            ShowPart => t(
                ("öffentlich", "den Teil wie veröffentlicht zeigen, freigeben"),
                ("public", "show this part as published; sign it off"),
            ),
            ShowDrafts => t(
                ("Entwürfe", "Entwürfe dieser Tafel zeigen und wieder öffnen"),
                ("drafts", "list this board's drafts to reopen one"),
            ),
            Help => t(("Hilfe", "diese Hilfe"), ("help", "this help")),
            Quit => t(("beenden", "beenden"), ("quit", "quit")),
            BroadcastToGroup => t(
                ("Durchsage an Gruppe", "Durchsage nur an die gewählte Gruppe"),
                ("broadcast to group", "broadcast to the selected group only"),
            ),
            AckOldestSignal => t(
                ("Signal gesehen", "ältestes Signal quittieren (jede Gruppe, jede Phase)"),
                ("signal seen", "acknowledge the oldest signal (any group, any phase)"),
            ),
            ToggleAuthors => t(
                ("Namen", "Namen der Schreibenden auf dem Projektor zeigen/ausblenden"),
                ("names", "show/hide note authors on the projector"),
            ),
            JoinCard => crate::i18n::join::join_strings(lang).card_key,
            ShowInfo => t(
                ("Info", "Leitfrage der Tafel und Durchsage ganz zeigen"),
                ("info", "show the board's guiding question and the whole broadcast"),
            ),
            Dismiss => t(
                ("Hinweise weg", "stehende Hinweise und Warnungen ausblenden"),
                ("dismiss", "put away standing notices and warnings"),
            ),
            SendSignal(_) => t(
                ("Signal senden", "dieses Signal an die Moderation senden"),
                ("send signal", "send this signal to the facilitator"),
            ),
            MoveToSectionNumber(_) => t(
                ("in Abschnitt", "Notiz in diesen Abschnitt verschieben"),
                ("to section", "move the note to this section"),
            ),
            ExtendBy(_) => t(
                ("Minuten", "so viele Minuten mehr/weniger (Ziffer nach +/-)"),
                ("minutes", "that many minutes more/less (a digit after +/-)"),
            ),
            Clock { .. }
            | Started
            | Tick
            | StoreChanged
            | FolderChanged(_)
            | FolderUnreadable(_)
            | Stamped { .. }
            | IdsMade(_)
            | DraftsListed(_)
            | DraftsUnavailable(_)
            | DraftNotSaved(_)
            | FlushDraft
            | Warn(_)
            | SecondFacilitator
            | SignedOff { .. }
            | SignOffFailed(_)
            | PasteCut { .. }
            | Saved { .. }
            | SaveFailed { .. } => t(("", ""), ("", "")),
        }
    }
}
