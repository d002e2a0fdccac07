//! The words of running the meeting: signals, closing the breakouts, aimed
//! broadcasts, the facilitator's undo, and the views' dialogs and help.
use super::*;

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
