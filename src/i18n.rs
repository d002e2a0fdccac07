//! Every user-facing word of the minutes and the UI, per language. Code
//! never spells a German or English phrase inline; it asks [`strings`].
use crate::model::Lang;
mod rules;
pub use rules::*;

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
    pub signal_sent: &'static str,
    pub extended: &'static str,
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
    signal_sent: "Signal gesendet",
    extended: "Zeit geändert",
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
    signal_sent: "Signal sent",
    extended: "Time changed",
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

/// The words of the plan editor, per language.
#[derive(Debug)]
pub struct PrepareStrings {
    pub tabs: [&'static str; 5],
    pub meeting_fields: [&'static str; 17],
    pub board_fields: [&'static str; 15],
    pub sections: &'static str,
    pub lead: &'static str,
    pub no_phase: &'static str,
    pub no_boards: &'static str,
    pub no_phases: &'static str,
    pub no_people: &'static str,
    pub public_yes: &'static str,
    pub public_no: &'static str,
    pub total: &'static str,
    pub of: &'static str,
    pub over: &'static str,
    pub fits: &'static str,
    pub free: &'static str,
    pub minutes_short: &'static str,
    pub unsaved: &'static str,
    pub saved_mark: &'static str,
    pub saved_to: &'static str,
    pub not_saved_invalid: &'static str,
    pub problems: &'static str,
    pub no_problems: &'static str,
    pub confirm_quit: &'static str,
    pub confirm_template: &'static str,
    pub built_in: &'static str,
    pub saved_template: &'static str,
    pub template_loaded: &'static str,
    pub template_saved: &'static str,
    pub notes_section: &'static str,
    pub new_phase: &'static str,
    pub new_board: &'static str,
    pub new_section: &'static str,
    pub new_person: &'static str,
    pub template_name: &'static str,
    pub phase_title: &'static str,
    pub phase_minutes: &'static str,
    pub section_title: &'static str,
    pub section_lead: &'static str,
    pub person_name: &'static str,
    pub kinds: [&'static str; 4],
    pub none: &'static str,
    pub facilitates: &'static str,
    pub groups: &'static str,
    pub question: &'static str,
    pub participants: &'static str,
    pub run_sheet: &'static str,
    pub agenda: &'static str,
    pub people_public: &'static str,
    pub open_hint: &'static str,
    pub switch_on: &'static str,
    pub switch_off: &'static str,
}

const PREP_DE: PrepareStrings = PrepareStrings {
    tabs: ["Treffen", "Ablauf", "Gruppen", "Personen", "Vorlagen"],
    meeting_fields: [
        "Titel",
        "Anlass",
        "Reihe",
        "Netzwerk",
        "Treffen Nr.",
        "Newsletter",
        "Datum",
        "Beginn",
        "Ende",
        "Zeitzone",
        "Sprache",
        "Einleitung",
        "Schluss",
        "Nächstes Datum",
        "Nächster Beginn",
        "Nächstes Ende",
        "Herkunft Erkenntnisse",
    ],
    board_fields: [
        "Titel",
        "Kennung",
        "Leitfrage",
        "Art",
        "Teilnehmende",
        "Minuten",
        "Vortragende",
        "Funktion",
        "Organisation",
        "Organisations-URL",
        "Quelle",
        "Quellen-URL",
        "Tabelle",
        "Linke Spalte",
        "Rechte Spalte",
    ],
    sections: "Abschnitte",
    lead: "Einleitung",
    no_phase: "(ohne Phase)",
    no_boards: "Noch keine Gruppe – a fügt eine hinzu.",
    no_phases: "Noch keine Phase – a fügt eine hinzu.",
    no_people: "Noch niemand – a fügt eine Person hinzu.",
    public_yes: "☑ darf genannt werden",
    public_no: "☐ nicht öffentlich nennen",
    total: "Summe",
    of: "von",
    over: "⚠ überplant um",
    fits: "✓ passt",
    free: "frei",
    minutes_short: "Min.",
    unsaved: "● ungespeichert",
    saved_mark: "✓ gespeichert",
    saved_to: "Gespeichert:",
    not_saved_invalid: "Nicht gespeichert – der Plan hat Fehler:",
    problems: "⚠ Fehler",
    no_problems: "✓ Plan gültig",
    confirm_quit: "Ungespeicherte Änderungen verwerfen und beenden? (j/n)",
    confirm_template: "Den Plan durch die Vorlage ersetzen? (j/n)",
    built_in: "eingebaut",
    saved_template: "gespeichert",
    template_loaded: "Vorlage geladen:",
    template_saved: "Vorlage gespeichert:",
    notes_section: "Notizen",
    new_phase: "Neue Phase – Titel",
    new_board: "Neue Gruppe – Titel",
    new_section: "Neuer Abschnitt – Titel",
    new_person: "Neue Person – Name",
    template_name: "Name der Vorlage",
    phase_title: "Titel der Phase",
    phase_minutes: "Minuten der Phase",
    section_title: "Titel des Abschnitts",
    section_lead: "Einleitungssatz des Abschnitts",
    person_name: "Name",
    kinds: ["Impulsvortrag", "Workshop", "Erkenntnisse", "Offene Themen"],
    none: "–",
    facilitates: "Moderation",
    groups: "Gruppen",
    question: "Leitfrage",
    participants: "Teilnehmende",
    run_sheet: "Ablaufplan",
    agenda: "Ablauf",
    people_public: "Personen (☑ = darf öffentlich genannt werden)",
    open_hint: "Plan bearbeiten mit:",
    switch_on: "☑ ja",
    switch_off: "☐ nein",
};

const PREP_EN: PrepareStrings = PrepareStrings {
    tabs: ["Meeting", "Agenda", "Boards", "People", "Templates"],
    meeting_fields: [
        "Title",
        "Event",
        "Series",
        "Network",
        "Meeting no.",
        "Newsletter",
        "Date",
        "Start",
        "End",
        "Time zone",
        "Language",
        "Intro",
        "Closing",
        "Next date",
        "Next start",
        "Next end",
        "Finding sources",
    ],
    board_fields: [
        "Title",
        "Id",
        "Question",
        "Kind",
        "Participants",
        "Minutes",
        "Speaker",
        "Role",
        "Organisation",
        "Organisation URL",
        "Source",
        "Source URL",
        "Table",
        "Left column",
        "Right column",
    ],
    sections: "Sections",
    lead: "Lead",
    no_phase: "(no phase)",
    no_boards: "No board yet – a adds one.",
    no_phases: "No phase yet – a adds one.",
    no_people: "Nobody yet – a adds a person.",
    public_yes: "☑ may be named",
    public_no: "☐ not named in public",
    total: "Total",
    of: "of",
    over: "⚠ over-planned by",
    fits: "✓ fits",
    free: "free",
    minutes_short: "min",
    unsaved: "● unsaved",
    saved_mark: "✓ saved",
    saved_to: "Saved:",
    not_saved_invalid: "Not saved – the plan has problems:",
    problems: "⚠ Problems",
    no_problems: "✓ plan valid",
    confirm_quit: "Discard unsaved changes and quit? (y/n)",
    confirm_template: "Replace the plan with this template? (y/n)",
    built_in: "built-in",
    saved_template: "saved",
    template_loaded: "Template loaded:",
    template_saved: "Template saved:",
    notes_section: "Notes",
    new_phase: "New phase – title",
    new_board: "New board – title",
    new_section: "New section – title",
    new_person: "New person – name",
    template_name: "Template name",
    phase_title: "Phase title",
    phase_minutes: "Phase minutes",
    section_title: "Section title",
    section_lead: "Section lead sentence",
    person_name: "Name",
    kinds: ["Keynote", "Workshop", "Findings", "Open topics"],
    none: "–",
    facilitates: "Facilitator",
    groups: "Groups",
    question: "Question",
    participants: "Participants",
    run_sheet: "Run sheet",
    agenda: "Agenda",
    people_public: "People (☑ = may be named in public)",
    open_hint: "Edit the plan with:",
    switch_on: "☑ yes",
    switch_off: "☐ no",
};

/// The plan editor's words in a language.
pub fn prepare_strings(lang: Lang) -> &'static PrepareStrings {
    match lang {
        Lang::De => &PREP_DE,
        Lang::En => &PREP_EN,
    }
}

impl PrepareStrings {
    /// A plan problem in words.
    pub fn problem(&self, p: &crate::model::plan_edit::EditProblem, lang: Lang) -> String {
        use crate::model::plan_edit::EditProblem::*;
        let de = lang == Lang::De;
        match p {
            NoTitle if de => "Das Treffen braucht einen Titel".into(),
            NoTitle => "the meeting needs a title".into(),
            NoBoards if de => "Der Plan braucht mindestens eine Gruppe".into(),
            NoBoards => "the plan needs at least one board".into(),
            EndBeforeStart if de => "Das Ende muss nach dem Beginn liegen".into(),
            EndBeforeStart => "the end must be after the start".into(),
            NextNotAfter if de => "Das nächste Treffen muss nach diesem liegen".into(),
            NextNotAfter => "the next meeting must be after this one".into(),
            NextEndBeforeStart if de => "Das nächste Treffen endet vor seinem Beginn".into(),
            NextEndBeforeStart => "the next meeting ends before it starts".into(),
            PhaseWithoutTitle(n) if de => format!("Phase {n} hat keinen Titel"),
            PhaseWithoutTitle(n) => format!("phase {n} has no title"),
            BoardWithoutTitle(id) if de => format!("Gruppe {id:?} hat keinen Titel"),
            BoardWithoutTitle(id) => format!("board {id:?} has no title"),
            Plan(text) => text.clone(),
        }
    }

    /// Why a field value is not accepted.
    pub fn field_error(&self, e: crate::model::plan_edit::FieldError, lang: Lang) -> &'static str {
        use crate::model::plan_edit::FieldError as F;
        let de = lang == Lang::De;
        match e {
            F::Date if de => "✗ Datum als JJJJ-MM-TT, z. B. 2021-10-05",
            F::Date => "✗ date as YYYY-MM-DD, e.g. 2021-10-05",
            F::Time if de => "✗ Uhrzeit als HH:MM, z. B. 15:00",
            F::Time => "✗ time as HH:MM, e.g. 15:00",
            F::Number if de => "✗ eine ganze Zahl (oder leer)",
            F::Number => "✗ a whole number (or empty)",
            F::Empty if de => "✗ darf nicht leer sein",
            F::Empty => "✗ must not be empty",
            F::Lang if de => "✗ de oder en",
            F::Lang => "✗ de or en",
            F::Id if de => "✗ nur Buchstaben, Ziffern, - und _ (und nicht, solange es Notizen gibt)",
            F::Id => "✗ only letters, digits, - and _ (and not while it has notes)",
            F::TimeZone if de => "✗ unbekannte Zeitzone – IANA-Name wie Europe/Berlin (oder leer)",
            F::TimeZone => "✗ unknown time zone – an IANA name such as Europe/Berlin (or empty)",
            F::Url if de => "✗ Webadresse mit http:// oder https:// (oder leer)",
            F::Url => "✗ a web address with http:// or https:// (or empty)",
        }
    }

    /// A yes/no switch's value in words.
    pub fn switch(&self, on: bool) -> &'static str {
        if on { self.switch_on } else { self.switch_off }
    }

    /// Why an edit was refused.
    pub fn refusal(&self, r: &crate::model::plan_edit::Refusal, lang: Lang) -> String {
        use crate::model::plan_edit::Refusal::*;
        let de = lang == Lang::De;
        match r {
            BoardHasNotes(n) if de => {
                format!("Nicht gelöscht: die Gruppe hat {n} Notiz(en) – umbenennen geht, löschen würde sie verwaisen")
            }
            BoardHasNotes(n) => {
                format!("Not deleted: the board has {n} note(s) – rename it instead, deleting would orphan them")
            }
            SectionHasNotes(n) if de => {
                format!(
                    "Nicht gelöscht: der Abschnitt hat {n} Notiz(en) – umbenennen geht, löschen würde sie verwaisen"
                )
            }
            SectionHasNotes(n) => {
                format!("Not deleted: the section has {n} note(s) – rename it instead, deleting would orphan them")
            }
            LastSection if de => "Nicht gelöscht: eine Gruppe braucht mindestens einen Abschnitt".into(),
            LastSection => "Not deleted: a board needs at least one section".into(),
            NothingSelected if de => "Nichts ausgewählt".into(),
            NothingSelected => "Nothing selected".into(),
        }
    }

    /// A board kind in words.
    pub fn kind(&self, kind: crate::model::BoardKind) -> &'static str {
        use crate::model::BoardKind::*;
        match kind {
            Keynote => self.kinds[0],
            Workshop => self.kinds[1],
            Findings => self.kinds[2],
            Topics => self.kinds[3],
        }
    }
}

/// The words of the plenary synthesis (marks, findings, suggestions).
#[derive(Debug)]
pub struct SynthesisStrings {
    pub marked: &'static str,
    pub finding_prompt: &'static str,
    pub finding_saved: &'static str,
    pub sources_word: &'static str,
    pub already_copied: &'static str,
    pub marks_cleared: &'static str,
    lang: Lang,
}

const SYNTHESIS_DE: SynthesisStrings = SynthesisStrings {
    marked: "markiert – f fasst sie zu einer Erkenntnis zusammen, Esc hebt auf",
    finding_prompt: "Erkenntnis – die markierten Notizen zu einem Satz verdichten",
    finding_saved: "Erkenntnis gespeichert",
    sources_word: "Quellen",
    already_copied: "diese Notiz stand dort schon (u macht rückgängig)",
    marks_cleared: "Markierungen aufgehoben",
    lang: Lang::De,
};

const SYNTHESIS_EN: SynthesisStrings = SynthesisStrings {
    marked: "marked – f merges them into one finding, Esc clears",
    finding_prompt: "Finding – condense the marked notes into one sentence",
    finding_saved: "Finding saved",
    sources_word: "sources",
    already_copied: "this note was already there (u undoes)",
    marks_cleared: "Marks cleared",
    lang: Lang::En,
};

/// The synthesis words of a language.
pub fn synthesis_strings(lang: Lang) -> &'static SynthesisStrings {
    match lang {
        Lang::De => &SYNTHESIS_DE,
        Lang::En => &SYNTHESIS_EN,
    }
}

impl SynthesisStrings {
    /// "auch in Gruppe 2, 4" / "also in groups 2, 4" (numbers as shown on screen).
    pub fn also_in(&self, groups: &[usize]) -> String {
        let list: Vec<String> = groups.iter().map(usize::to_string).collect();
        let list = list.join(", ");
        match (self.lang, groups.len()) {
            (Lang::De, _) => format!("auch in Gruppe {list}"),
            (Lang::En, 1) => format!("also in group {list}"),
            (Lang::En, _) => format!("also in groups {list}"),
        }
    }

    /// "genannt in 3 von 4 Workshops" / "raised in 3 of 4 workshops".
    pub fn raised_in(&self, count: usize, total: usize) -> String {
        match (self.lang, total) {
            (Lang::De, 1) => format!("genannt in {count} von {total} Workshop"),
            (Lang::De, _) => format!("genannt in {count} von {total} Workshops"),
            (Lang::En, 1) => format!("raised in {count} of {total} workshop"),
            (Lang::En, _) => format!("raised in {count} of {total} workshops"),
        }
    }

    /// "1 Quelle gelöscht" / "2 sources deleted".
    pub fn sources_gone(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 Quelle gelöscht".to_string(),
            (Lang::De, n) => format!("{n} Quellen gelöscht"),
            (Lang::En, 1) => "1 source deleted".to_string(),
            (Lang::En, n) => format!("{n} sources deleted"),
        }
    }
}

// ----- the command line (`runde status`, `list`, `new`, `plan`, `demo` …) ----

/// The words of the command line's own messages, per language.
#[derive(Debug)]
pub struct CliStrings {
    /// Label before a group's pending signal in `runde status`.
    pub signal: &'static str,
    /// Heading of the next steps `runde new` prints.
    pub next_steps: &'static str,
    pub step_prepare: &'static str,
    pub step_facilitate: &'static str,
    pub step_note: &'static str,
    pub step_export: &'static str,
    /// `runde new` without `--template`: where boards and questions come from.
    pub template_questions: &'static str,
    /// After the summary of `runde plan`: how to get the plan itself.
    pub raw_plan_hint: &'static str,
    /// Before the demo's join command (facilitator header and stderr).
    pub demo_join: &'static str,
    /// `plan --edit` opens the text of the last rejected edit.
    pub reopened_rejected: &'static str,
    lang: Lang,
}

const CLI_DE: CliStrings = CliStrings {
    signal: "Signal",
    next_steps: "Nächste Schritte:",
    step_prepare: "Plan bearbeiten (Ablauf, Gruppen, Leitfragen)",
    step_facilitate: "Moderationsansicht für den Beamer",
    step_note: "in einer Gruppe mitschreiben (zweites Terminal)",
    step_export: "Protokoll erzeugen",
    template_questions: "Die Vorlage „kompetenznetzwerk“ hat Gruppen und Leitfragen des Referenztreffens eingesetzt – anpassen mit:",
    raw_plan_hint: "Der Plan als JSON:",
    demo_join: "Mitschreiben:",
    reopened_rejected: "Öffne deine abgelehnte Fassung zum Korrigieren:",
    lang: Lang::De,
};

const CLI_EN: CliStrings = CliStrings {
    signal: "signal",
    next_steps: "Next steps:",
    step_prepare: "edit the plan (agenda, groups, questions)",
    step_facilitate: "the facilitator's projector view",
    step_note: "take notes for one group (second terminal)",
    step_export: "write the minutes",
    template_questions: "The template \"kompetenznetzwerk\" filled in the reference meeting's groups and workshop questions – change them with:",
    raw_plan_hint: "The plan as JSON:",
    demo_join: "Take notes:",
    reopened_rejected: "Opening your rejected edit to fix it:",
    lang: Lang::En,
};

/// The command line's words in a language.
pub fn cli_strings(lang: Lang) -> &'static CliStrings {
    match lang {
        Lang::De => &CLI_DE,
        Lang::En => &CLI_EN,
    }
}

impl CliStrings {
    /// "1 Notiz" / "2 Notizen", "1 note" / "2 notes".
    pub fn notes(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 Notiz".to_string(),
            (Lang::De, n) => format!("{n} Notizen"),
            (Lang::En, 1) => "1 note".to_string(),
            (Lang::En, n) => format!("{n} notes"),
        }
    }

    /// A group's signal in words ("braucht Hilfe" / "needs help").
    pub fn signal_word(&self, signal: crate::model::Signal) -> &'static str {
        use crate::model::Signal::*;
        let s = strings(self.lang);
        match signal {
            DoneEarly => s.sig_done,
            NeedTime => s.sig_time,
            NeedHelp => s.sig_help,
        }
    }

    /// A note id prefix that fits several notes.
    pub fn ambiguous(&self, count: usize, prefix: &str) -> String {
        match self.lang {
            Lang::De => format!("mehrdeutig: {count} Notizen beginnen mit {prefix} – mehr Zeichen der Kennung angeben"),
            Lang::En => format!("ambiguous: {count} notes start with {prefix}; give more characters of the id"),
        }
    }

    /// "2 offene Themen aus X übernommen" / "carried 2 open topics from X".
    pub fn carried(&self, count: usize, from: &str) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => format!("1 offenes Thema aus {from} übernommen"),
            (Lang::De, n) => format!("{n} offene Themen aus {from} übernommen"),
            (Lang::En, 1) => format!("carried 1 open topic from {from}"),
            (Lang::En, n) => format!("carried {n} open topics from {from}"),
        }
    }

    /// The summary after an import with bad lines: nothing was imported.
    pub fn bad_import_lines(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 fehlerhafte Zeile – nichts importiert".to_string(),
            (Lang::De, n) => format!("{n} fehlerhafte Zeilen – nichts importiert"),
            (Lang::En, 1) => "1 bad line – nothing imported".to_string(),
            (Lang::En, n) => format!("{n} bad lines – nothing imported"),
        }
    }
}

/// Words of the views' dialogs and help added with the rehearsal fixes.
#[derive(Debug)]
pub struct ViewStrings {
    /// The note-taker's quit question (Ctrl-C while typing or in a dialog).
    pub confirm_quit_note: &'static str,
    /// The bottom line of the `?` overlay, which scrolls.
    pub help_scroll: &'static str,
}

const VIEW_DE: ViewStrings = ViewStrings {
    confirm_quit_note: "Beenden? Entwürfe bleiben erhalten. (j/n)",
    help_scroll: "j/k ↓↑ blättern · jede andere Taste schließt",
};

const VIEW_EN: ViewStrings = ViewStrings {
    confirm_quit_note: "Quit? Drafts are kept. (y/n)",
    help_scroll: "j/k ↓↑ scroll · any other key closes",
};

/// The view words of a language.
pub fn view_strings(lang: Lang) -> &'static ViewStrings {
    match lang {
        Lang::De => &VIEW_DE,
        Lang::En => &VIEW_EN,
    }
}

/// The words of running the meeting (issue 16): signals, closing the
/// breakouts, aimed broadcasts, the facilitator's undo.
#[derive(Debug)]
pub struct FlowStrings {
    pub signals: &'static str,
    pub ack_hint: &'static str,
    pub signal_waiting: &'static str,
    pub signal_seen: &'static str,
    pub no_signal: &'static str,
    pub one_minute_left: &'static str,
    pub countdown_set: &'static str,
    pub broadcast_all_prompt: &'static str,
    pub broadcast_group_prompt: &'static str,
    pub broadcast_cleared: &'static str,
    pub timer_undone: &'static str,
    pub timer_redone: &'static str,
    pub authors_hidden: &'static str,
    pub authors_shown: &'static str,
    pub second_facilitator: &'static str,
    pub since_start: &'static str,
    lang: Lang,
}

const FLOW_DE: FlowStrings = FlowStrings {
    signals: "Signale",
    ack_hint: "! quittiert das älteste",
    signal_waiting: "wartet auf die Moderation",
    signal_seen: "gesehen ✓",
    no_signal: "kein offenes Signal",
    one_minute_left: "Noch 1 Minute – dann zurück ins Plenum",
    countdown_set: "Alle laufenden Gruppen-Timer stehen auf 1 Minute",
    broadcast_all_prompt: "Durchsage an alle (leer: löschen · „ /5“ am Ende: 5 Minuten sichtbar)",
    broadcast_group_prompt: "Durchsage an die gewählte Gruppe (leer: löschen · „ /5“ am Ende: 5 Minuten sichtbar)",
    broadcast_cleared: "Durchsage gelöscht",
    timer_undone: "Timer-Änderung rückgängig gemacht",
    timer_redone: "Timer-Änderung wiederholt",
    authors_hidden: "Namen auf dem Projektor ausgeblendet",
    authors_shown: "Namen auf dem Projektor eingeblendet",
    second_facilitator: "Hinweis: Auf diesem Rechner ist schon eine Moderationsansicht dieser Sitzung offen – Timer und Phasen wirken in beiden.",
    since_start: "seit Beginn",
    lang: Lang::De,
};

const FLOW_EN: FlowStrings = FlowStrings {
    signals: "Signals",
    ack_hint: "! acknowledges the oldest",
    signal_waiting: "waiting for the facilitator",
    signal_seen: "seen ✓",
    no_signal: "no signal waiting",
    one_minute_left: "One minute left – then back to the plenary",
    countdown_set: "Every running group timer is at 1 minute",
    broadcast_all_prompt: "Broadcast to all (empty: clear · \" /5\" at the end: shown for 5 minutes)",
    broadcast_group_prompt: "Broadcast to the selected group (empty: clear · \" /5\" at the end: shown for 5 minutes)",
    broadcast_cleared: "Broadcast cleared",
    timer_undone: "Timer change undone",
    timer_redone: "Timer change redone",
    authors_hidden: "Names hidden on the projector",
    authors_shown: "Names shown on the projector",
    second_facilitator: "Note: a facilitator view of this session is already open on this computer – timers and phases act in both.",
    since_start: "since it began",
    lang: Lang::En,
};

/// The meeting-flow words of a language.
pub fn flow_strings(lang: Lang) -> &'static FlowStrings {
    match lang {
        Lang::De => &FLOW_DE,
        Lang::En => &FLOW_EN,
    }
}

impl FlowStrings {
    /// The dialog before leaving a phase whose group timers still run.
    pub fn confirm_phase_end(&self, running: usize) -> String {
        match (self.lang, running) {
            (Lang::De, 1) => {
                "1 Gruppen-Timer läuft noch. Enter: anhalten und weiter · 1: noch 1 Minute für alle · Esc: bleiben"
                    .to_string()
            }
            (Lang::De, n) => format!(
                "{n} Gruppen-Timer laufen noch. Enter: anhalten und weiter · 1: noch 1 Minute für alle · Esc: bleiben"
            ),
            (Lang::En, 1) => {
                "1 group timer is still running. Enter: stop it and go on · 1: one more minute for all · Esc: stay"
                    .to_string()
            }
            (Lang::En, n) => format!(
                "{n} group timers are still running. Enter: stop them and go on · 1: one more minute for all · Esc: stay"
            ),
        }
    }

    /// The broadcast when a phase ends: "⏹ Workshops beendet – zurück ins Plenum".
    pub fn phase_ended(&self, phase: &str) -> String {
        match self.lang {
            Lang::De => format!("⏹ {phase} beendet – zurück ins Plenum"),
            Lang::En => format!("⏹ {phase} is over – back to the plenary"),
        }
    }

    /// After stopping the group timers of a phase.
    pub fn timers_stopped(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 Gruppen-Timer angehalten".to_string(),
            (Lang::De, n) => format!("{n} Gruppen-Timer angehalten"),
            (Lang::En, 1) => "1 group timer stopped".to_string(),
            (Lang::En, n) => format!("{n} group timers stopped"),
        }
    }

    /// After a broadcast to one group: "Durchsage an Methoden gesendet".
    pub fn broadcast_sent_to(&self, board: &str) -> String {
        match self.lang {
            Lang::De => format!("Durchsage an {board} gesendet"),
            Lang::En => format!("Broadcast sent to {board}"),
        }
    }
}
