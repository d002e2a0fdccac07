//! The words of running the meeting: signals, closing the breakouts, aimed
//! broadcasts, the facilitator's undo, and the views' dialogs and help.
use super::Lang;

/// Groups with time left that the end-of-phase dialog names one by one.
pub const LONG_LEFT_SHOWN: usize = 5;

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
    /// What a time change acts on when it is every group of the phase.
    pub all_groups: &'static str,
    pub broadcast_cleared: &'static str,
    pub timer_undone: &'static str,
    pub timer_redone: &'static str,
    pub authors_hidden: &'static str,
    pub authors_shown: &'static str,
    pub second_facilitator: &'static str,
    pub since_start: &'static str,
    /// After "+N" when the message stack has more lines than it shows.
    pub more_messages: &'static str,
    /// Title of the note-taker's overlay with the guiding question.
    pub info_title: &'static str,
    /// The overlay's line when the board has no guiding question.
    pub no_question: &'static str,
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
    all_groups: "alle Gruppen",
    broadcast_cleared: "Durchsage gelöscht",
    timer_undone: "Timer-Änderung rückgängig gemacht",
    timer_redone: "Timer-Änderung wiederholt",
    authors_hidden: "Namen auf dem Projektor ausgeblendet",
    authors_shown: "Namen auf dem Projektor eingeblendet",
    second_facilitator: "Hinweis: Auf diesem Rechner ist schon eine Moderationsansicht dieser Sitzung offen – Timer und Phasen wirken in beiden.",
    since_start: "seit Beginn",
    more_messages: "weitere (x: ausblenden)",
    info_title: "Leitfrage",
    no_question: "Diese Tafel hat keine Leitfrage.",
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
    all_groups: "all groups",
    broadcast_cleared: "Broadcast cleared",
    timer_undone: "Timer change undone",
    timer_redone: "Timer change redone",
    authors_hidden: "Names hidden on the projector",
    authors_shown: "Names shown on the projector",
    second_facilitator: "Note: a facilitator view of this session is already open on this computer – timers and phases act in both.",
    since_start: "since it began",
    more_messages: "more (x: dismiss)",
    info_title: "Guiding question",
    no_question: "This board has no guiding question.",
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
    /// The dialog before leaving a phase whose group timers still run: what
    /// Enter, `1` and Esc do, and `long`, the groups with more than five
    /// minutes left (at most [`LONG_LEFT_SHOWN`] named, the rest counted).
    pub fn confirm_phase_end(&self, running: usize, long: &[String]) -> String {
        let head = match (self.lang, running) {
            (Lang::De, 1) => "1 Gruppen-Timer läuft noch.\nEnter: anhalten und weiter".to_string(),
            (Lang::De, n) => format!("{n} Gruppen-Timer laufen noch.\nEnter: anhalten und weiter"),
            (Lang::En, 1) => "1 group timer is still running.\nEnter: stop it and go on".to_string(),
            (Lang::En, n) => format!("{n} group timers are still running.\nEnter: stop them and go on"),
        };
        let (one, stay, more) = match self.lang {
            Lang::De => (
                "1: alle in einer Minute beenden",
                "Esc: bleiben",
                "Mehr als 5 Minuten übrig:",
            ),
            Lang::En => (
                "1: end all groups in one minute",
                "Esc: stay",
                "More than 5 minutes left:",
            ),
        };
        let mut text = format!("{head}\n{one}\n{stay}");
        if !long.is_empty() {
            // A plan with a dozen groups keeps the dialog short: five named,
            // the rest counted.
            let named = if long.len() > LONG_LEFT_SHOWN + 1 {
                let rest = long.len() - LONG_LEFT_SHOWN;
                let tail = match self.lang {
                    Lang::De => format!("… und {rest} weitere"),
                    Lang::En => format!("… and {rest} more"),
                };
                [&long[..LONG_LEFT_SHOWN], &[tail]].concat()
            } else {
                long.to_vec()
            };
            text = format!("{text}\n{more}\n{}", named.join("\n"));
        }
        text
    }

    /// After `1` in that dialog: every running group has one minute left;
    /// `long` names the groups that had more than five minutes.
    pub fn countdown_done(&self, long: &[String]) -> String {
        let had = match self.lang {
            Lang::De => "vorher mehr als 5 Minuten übrig",
            Lang::En => "had more than 5 minutes left",
        };
        if long.is_empty() {
            return self.countdown_set.to_string();
        }
        format!("{} · {had}: {}", self.countdown_set, long.join(", "))
    }

    /// A group as feedback names it: "Gruppe 2 (Wasser)", or its title alone
    /// when it has no number.
    pub fn group(&self, number: Option<usize>, title: &str) -> String {
        match (self.lang, number) {
            (_, None) => title.to_string(),
            (Lang::De, Some(n)) => format!("Gruppe {n} ({title})"),
            (Lang::En, Some(n)) => format!("group {n} ({title})"),
        }
    }

    /// A time change: "+5 min für Gruppe 2 (Wasser)" / "+5 min for all groups".
    pub fn time_changed(&self, minutes: i64, target: &str) -> String {
        match self.lang {
            Lang::De => format!("{minutes:+} min für {target}"),
            Lang::En => format!("{minutes:+} min for {target}"),
        }
    }

    /// After acknowledging a group's signal.
    pub fn signal_acknowledged(&self, group: &str) -> String {
        match self.lang {
            Lang::De => format!("Signal von {group} quittiert"),
            Lang::En => format!("Signal from {group} acknowledged"),
        }
    }

    /// The editor title of a broadcast to one group.
    pub fn broadcast_group_prompt(&self, group: &str) -> String {
        match self.lang {
            Lang::De => format!("Durchsage an {group} (leer: löschen · „ /5“ am Ende: 5 Minuten sichtbar)"),
            Lang::En => format!("Broadcast to {group} (empty: clear · \" /5\" at the end: shown for 5 minutes)"),
        }
    }

    /// The broadcast when a phase ends: "⏹ Workshops beendet – zurück ins
    /// Plenum", "⏹ End of Parallel workshops – back to the plenary" (a
    /// title may be plural, so no "is over").
    pub fn phase_ended(&self, phase: &str) -> String {
        match self.lang {
            Lang::De => format!("⏹ {phase} beendet – zurück ins Plenum"),
            Lang::En => format!("⏹ End of {phase} – back to the plenary"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_dialog_names_five_groups_and_counts_the_rest() {
        for n in 0..14 {
            let long: Vec<String> = (1..=n).map(|i| format!("{i} Gruppe {i} (30 min)")).collect();
            for lang in [Lang::De, Lang::En] {
                let text = flow_strings(lang).confirm_phase_end(n, &long);
                let named = long.iter().filter(|l| text.contains(l.as_str())).count();
                let more = text.contains("weitere") || text.contains("more");
                assert_eq!(named, if n > 6 { 5 } else { n }, "{n} {lang:?}: {text}");
                assert_eq!(more, n > 6, "{n} {lang:?}: {text}");
                assert!(text.lines().count() <= 5 + 6, "{text}");
            }
        }
    }
}
