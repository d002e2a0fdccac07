//! Every user-facing word of the minutes and the UI, per language. Code
//! never spells a German or English phrase inline; it asks [`strings`].
use crate::model::Lang;
mod rules;
pub use rules::*;

/// The words of `runde check` and of malformed files.
pub mod check;
mod cli;
mod cli_says;
mod export_says;
mod flow;
/// Joining over SSH: the join card, `?` and words for guests.
pub mod join;
mod minutes;
pub mod paste;
/// Saving a plan someone else changed meanwhile.
pub mod plan_guard;
mod prepare;
mod review;
mod run_sheet;
mod serve;
mod synthesis;

pub use cli::*;
pub use cli_says::*;
pub use export_says::*;
pub use flow::*;
pub use minutes::*;
pub use prepare::*;
pub use review::*;
pub use run_sheet::*;
pub use serve::*;
pub use synthesis::*;

/// The words of one language.
#[derive(Debug)]
pub struct Strings {
    pub months: [&'static str; 12],
    pub ordinals: [&'static str; 12],
    pub numbers: [&'static str; 13],
    pub and: &'static str,
    pub newsletter: &'static str,
    pub keynote: &'static str,
    pub talk_by: &'static str,
    pub source: &'static str,
    pub workshop: &'static str,
    pub question_intro: &'static str,
    pub next_meeting: &'static str,
    pub open_topics: &'static str,
    pub from_meeting: &'static str,
    pub placeholder_person: &'static str,
    pub placeholder_possessive: &'static str,
    pub state_idle: &'static str,
    pub state_running: &'static str,
    pub state_paused: &'static str,
    pub state_over: &'static str,
    pub no_phase: &'static str,
    pub notes: &'static str,
    pub broadcast: &'static str,
    /// Before the time a broadcast ends: "bis 15:10".
    pub until: &'static str,
    pub signal_sent: &'static str,
    pub started_all: &'static str,
    pub paused_all: &'static str,
    pub phase: &'static str,
    pub copied_to: &'static str,
    pub no_note_selected: &'static str,
    pub no_findings_board: &'static str,
    pub deleted_undo: &'static str,
    pub nothing_to_undo: &'static str,
    pub undo_conflict: &'static str,
    pub undone: &'static str,
    pub redone: &'static str,
    pub draft_kept: &'static str,
    pub draft_restored: &'static str,
    pub edited_note_deleted: &'static str,
    pub edited_note_changed: &'static str,
    pub broadcast_sent: &'static str,
    pub saved: &'static str,
    pub saved_as_new: &'static str,
    pub saved_over_change: &'static str,
    pub not_saved: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub confirm_quit: &'static str,
    pub signal_prompt: &'static str,
    pub section_prompt: &'static str,
    pub sig_done: &'static str,
    pub sig_time: &'static str,
    pub sig_help: &'static str,
    pub new_note: &'static str,
    pub edit_note: &'static str,
    pub broadcast_prompt: &'static str,
    pub filter_prompt: &'static str,
    pub empty_section: &'static str,
    /// An empty section in a view that cannot write.
    pub empty_section_read_only: &'static str,
    pub no_groups: &'static str,
    pub pick_board: &'static str,
    pub question: &'static str,
    pub all_armed: &'static str,
    pub timer: &'static str,
    pub planned: &'static str,
    pub by: &'static str,
    pub filtered: &'static str,
    pub last_minutes: &'static str,
    pub clock_jumped: &'static str,
    pub clock_skew: &'static str,
    pub plan_conflict: &'static str,
    pub edit_replaced: &'static str,
    pub meeting_word: &'static str,
    pub meetings_word: &'static str,
    pub workshops_word: &'static str,
    pub resolved_in: &'static str,
    pub still_open: &'static str,
    pub carried_to: &'static str,
    /// Title suffix of a section kept for notes the plan no longer has a place for.
    pub not_in_plan: &'static str,
    pub paste_ignored_note: &'static str,
    pub paste_ignored_facilitator: &'static str,
    pub no_drafts: &'static str,
    pub draft_discarded: &'static str,
    pub drafts_unavailable: &'static str,
    pub not_ready: &'static str,
    pub drafts_prompt: &'static str,
    /// Shown while a submitted note waits for its fsync.
    pub saving: &'static str,
}

const DE: Strings = Strings {
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    ordinals: [
        "erste", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte", "zehnte", "elfte",
        "zwölfte",
    ],
    numbers: [
        "null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
    ],
    and: "und",
    newsletter: "Newsletter",
    keynote: "Impulsvortrag",
    talk_by: "Vortrag von",
    source: "Quelle",
    workshop: "Workshop",
    question_intro: "Die Gruppe ging der Frage nach:",
    next_meeting: "Nächstes Treffen",
    open_topics: "Offene Themen",
    from_meeting: "aus Treffen",
    placeholder_person: "eine teilnehmende Person",
    placeholder_possessive: "einer teilnehmenden Person",
    state_idle: "bereit",
    state_running: "läuft",
    state_paused: "pausiert",
    state_over: "überzogen",
    no_phase: "vor Beginn",
    notes: "Notizen",
    broadcast: "Durchsage",
    until: "bis",
    signal_sent: "Signal gesendet",
    started_all: "Alle Timer laufen",
    paused_all: "Alle Timer pausiert",
    phase: "Phase",
    copied_to: "Kopiert nach",
    no_note_selected: "Keine Notiz ausgewählt",
    no_findings_board: "Der Plan hat keine Tafel für Erkenntnisse",
    deleted_undo: "Gelöscht – u macht rückgängig",
    nothing_to_undo: "Nichts rückgängig zu machen",
    undo_conflict: "Rückgängig gemacht – jemand anderes hatte die Notiz inzwischen geändert",
    undone: "Rückgängig gemacht",
    redone: "Wiederhergestellt",
    draft_kept: "Entwurf behalten – e bzw. a öffnet ihn wieder, D listet alle Entwürfe",
    draft_restored: "Entwurf wiederhergestellt",
    edited_note_deleted: "Jemand hat diese Notiz gelöscht – Enter speichert deinen Text als neue Notiz",
    edited_note_changed: "Jemand hat diese Notiz geändert – Enter speichert deine Fassung (u macht rückgängig)",
    broadcast_sent: "Durchsage gesendet",
    saved: "✓ gespeichert",
    saved_as_new: "✓ als neue Notiz gespeichert (die alte war gelöscht)",
    saved_over_change: "✓ gespeichert – die Änderung der anderen Person ist mit u wiederherstellbar",
    not_saved: "NICHT GESPEICHERT, der Text bleibt im Editor",
    help_title: "Tastenkürzel",
    help_close: "eine beliebige Taste schließt",
    confirm_quit: "Timer laufen weiter, auch ohne dieses Fenster. Beenden? (j/n)",
    signal_prompt: "Signal an die Moderation: 1 fertig · 2 mehr Zeit · 3 Hilfe · Esc abbrechen",
    section_prompt: "In welchen Abschnitt verschieben?",
    sig_done: "fertig",
    sig_time: "braucht Zeit",
    sig_help: "braucht Hilfe",
    new_note: "Neue Notiz",
    edit_note: "Notiz bearbeiten",
    broadcast_prompt: "Durchsage an alle",
    filter_prompt: "Filter",
    empty_section: "noch keine Notizen – a schreibt die erste",
    empty_section_read_only: "noch keine Notizen",
    no_groups: "Keine Gruppen in dieser Phase – n startet die nächste Phase",
    pick_board: "Tafel wählen",
    question: "Leitfrage",
    all_armed: "ALLE",
    timer: "Timer",
    planned: "geplant",
    by: "von",
    filtered: "gefiltert",
    last_minutes: "letzte Minuten",
    clock_skew: "Uhr einer anderen Station weicht ab:",
    plan_conflict: "Plan-Konflikt, `runde plan --resolve` klärt ihn:",
    edit_replaced: "⚠ Jemand anderes hat deine Notiz danach geändert:",
    clock_jumped: "Die Systemuhr ist gesprungen – die Timer laufen mit der eigenen Uhr von runde gleichmäßig weiter. Abweichung:",
    meeting_word: "Treffen",
    meetings_word: "Treffen",
    workshops_word: "Workshops",
    resolved_in: "erledigt in",
    still_open: "noch offen",
    carried_to: "weitergetragen nach",
    not_in_plan: "nicht mehr im Plan",
    paste_ignored_note: "Einfügen ignoriert – erst ein Eingabefeld öffnen (a: Notiz, e: bearbeiten, /: Filter)",
    paste_ignored_facilitator: "Einfügen ignoriert – erst b drücken, um eine Durchsage zu schreiben",
    no_drafts: "Keine Entwürfe auf dieser Tafel",
    draft_discarded: "Entwurf verworfen",
    drafts_unavailable: "Entwürfe können nicht gesichert werden (Getipptes ist nicht gegen Abstürze geschützt)",
    not_ready: "noch nicht bereit – bitte gleich noch einmal",
    drafts_prompt: "Entwürfe – eine Ziffer öffnet einen davon:",
    saving: "… wird gespeichert",
};

const EN: Strings = Strings {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    ordinals: [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ],
    numbers: [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ],
    and: "and",
    newsletter: "Newsletter",
    keynote: "Keynote",
    talk_by: "Talk by",
    source: "Source",
    workshop: "Workshop",
    question_intro: "The group explored the question:",
    next_meeting: "Next meeting",
    open_topics: "Open topics",
    from_meeting: "from meeting",
    placeholder_person: "a participant",
    placeholder_possessive: "a participant's",
    state_idle: "ready",
    state_running: "running",
    state_paused: "paused",
    state_over: "over time",
    no_phase: "not started",
    notes: "notes",
    broadcast: "Broadcast",
    until: "until",
    signal_sent: "Signal sent",
    started_all: "All timers running",
    paused_all: "All timers paused",
    phase: "Phase",
    copied_to: "Copied to",
    no_note_selected: "No note selected",
    no_findings_board: "The plan has no findings board",
    deleted_undo: "Deleted – u undoes",
    nothing_to_undo: "Nothing to undo",
    undo_conflict: "Undone – someone else had changed the note meanwhile",
    undone: "Undone",
    redone: "Redone",
    draft_kept: "Draft kept – e or a reopens it, D lists all drafts",
    draft_restored: "Draft restored",
    edited_note_deleted: "Someone deleted this note – Enter saves your text as a new note",
    edited_note_changed: "Someone changed this note – Enter saves your version (u undoes)",
    broadcast_sent: "Broadcast sent",
    saved: "✓ saved",
    saved_as_new: "✓ saved as a new note (the old one was deleted)",
    saved_over_change: "✓ saved – the other person's change can be restored with u",
    not_saved: "NOT SAVED, the text stays in the editor",
    help_title: "Keys",
    help_close: "any key closes",
    confirm_quit: "Timers keep running without this window. Quit? (y/n)",
    signal_prompt: "Signal the facilitator: 1 done early · 2 need time · 3 need help · Esc cancel",
    section_prompt: "Move to which section?",
    sig_done: "done early",
    sig_time: "needs time",
    sig_help: "needs help",
    new_note: "New note",
    edit_note: "Edit note",
    broadcast_prompt: "Broadcast to all",
    filter_prompt: "Filter",
    empty_section: "no notes yet – a writes the first",
    empty_section_read_only: "no notes yet",
    no_groups: "No groups in this phase – n starts the next phase",
    pick_board: "Choose a board",
    question: "Question",
    all_armed: "ALL",
    timer: "Timer",
    planned: "planned",
    by: "by",
    filtered: "filtered",
    last_minutes: "last minutes",
    clock_skew: "another station's clock differs:",
    plan_conflict: "plan conflict, settle it with `runde plan --resolve`:",
    edit_replaced: "⚠ someone else's later edit replaced yours:",
    clock_jumped: "The system clock jumped – timers keep counting steadily on runde's own clock. Difference:",
    meeting_word: "Meeting",
    meetings_word: "meetings",
    workshops_word: "workshops",
    resolved_in: "resolved in",
    still_open: "still open",
    carried_to: "carried to",
    not_in_plan: "no longer in the plan",
    paste_ignored_note: "Paste ignored – open an editor first (a: note, e: edit, /: filter)",
    paste_ignored_facilitator: "Paste ignored – press b first to type a broadcast",
    no_drafts: "No drafts on this board",
    draft_discarded: "Draft discarded",
    drafts_unavailable: "Drafts cannot be kept (typing is not protected against a crash)",
    not_ready: "not ready yet – please try again in a moment",
    drafts_prompt: "Drafts – a digit reopens one:",
    saving: "… saving",
};

/// The strings of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

impl Strings {
    /// A number as a word up to twelve, digits beyond.
    pub fn number(&self, n: usize) -> String {
        self.numbers.get(n).map_or_else(|| n.to_string(), |w| w.to_string())
    }

    /// An ordinal as a word up to twelfth, `13.`/`13th` beyond.
    pub fn ordinal(&self, n: u32, lang: Lang) -> String {
        match (n as usize).checked_sub(1).and_then(|i| self.ordinals.get(i)) {
            Some(w) => w.to_string(),
            None if lang == Lang::De => format!("{n}."),
            None => format!("{n}{}", english_ordinal_suffix(n)),
        }
    }

    /// A date as the minutes write it: "05. Oktober 2021" / "5 October 2021".
    pub fn long_date(&self, d: crate::model::plan::Date, lang: Lang) -> String {
        use chrono::Datelike;
        let month = self.months[d.0.month0() as usize];
        match lang {
            Lang::De => format!("{:02}. {month} {}", d.0.day(), d.0.year()),
            Lang::En => format!("{} {month} {}", d.0.day(), d.0.year()),
        }
    }

    /// "a, b und c" / "a, b and c".
    pub fn join_list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), self.and),
        }
    }

    /// The name of a timer state.
    pub fn timer_state(&self, state: crate::model::TimerState) -> &'static str {
        use crate::model::TimerState::*;
        match state {
            Idle => self.state_idle,
            Running => self.state_running,
            Paused => self.state_paused,
            Over => self.state_over,
        }
    }
}

/// "st", "nd", "rd" or "th" for an English ordinal (21st, 22nd, 111th).
pub fn english_ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

// ----- the plan editor (`runde prepare`) ------------------------------------

// ----- the command line (`runde status`, `list`, `new`, `plan`, `demo` …) ----

/// The words a next meeting's plan is made with (`new --from`).
pub fn series_words(lang: Lang) -> crate::model::series::SeriesWords<'static> {
    let s = strings(lang);
    crate::model::series::SeriesWords {
        open_topics: s.open_topics,
        meeting_word: s.meeting_word,
    }
}
