//! The plan editor's words (`runde prepare`).
use super::Lang;

/// The words of the plan editor, per language.
#[derive(Debug)]
pub struct PrepareStrings {
    pub tabs: [&'static str; 5],
    pub meeting_fields: [&'static str; 21],
    pub board_fields: [&'static str; 15],
    pub sections: &'static str,
    pub lead: &'static str,
    pub no_phase: &'static str,
    /// After a meeting date that lies before today.
    pub date_in_past: &'static str,
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
        "Ort",
        "Herausgeber",
        "Nächster Ort",
        "Nächstes Thema",
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
    date_in_past: "⚠ liegt in der Vergangenheit",
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
        "Place",
        "Publisher",
        "Next place",
        "Next topic",
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
    date_in_past: "⚠ is in the past",
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
            Plan(problem) => super::check::problem(problem, lang),
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
