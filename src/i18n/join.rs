//! The words of joining over SSH as the views show them: the facilitator's
//! join card and header line, the join lines of `?`, and what a guest on
//! SSH is told where a local note-taker would run a command.
use crate::model::Lang;

/// Words of the join card, the header's join line and the `?` join rows.
#[derive(Debug)]
pub struct JoinStrings {
    /// The join card's title.
    pub card_title: &'static str,
    /// Step 1: what to type in a terminal.
    pub step_type: &'static str,
    /// Step 2: the join code.
    pub step_code: &'static str,
    /// Step 3: the question OpenSSH asks once, and what the key must read.
    pub step_key: &'static str,
    /// Then: picking the group by its title.
    pub step_pick: &'static str,
    /// Above the per-group commands.
    pub straight_to_group: &'static str,
    /// Before further addresses of the same server.
    pub also: &'static str,
    /// The card's bottom line.
    pub card_close: &'static str,
    /// The card when no server runs.
    pub no_server: &'static str,
    /// "code", short, in the header line.
    pub code: &'static str,
    /// "host key", short, in `?`.
    pub host_key: &'static str,
    /// The key that opens the card, named in the header line.
    pub card_hint: &'static str,
    /// The footer's and `?`'s words for the card key (short, long).
    pub card_key: (&'static str, &'static str),
    /// A plan conflict, for a guest on SSH (who cannot run `runde plan --resolve`).
    pub plan_conflict_remote: &'static str,
    /// A guest on SSH tried to write on the key findings.
    pub findings_read_only: &'static str,
}

const DE: JoinStrings = JoinStrings {
    card_title: "Mitschreiben vom eigenen Laptop",
    step_type: "1. Im Terminal eingeben:",
    step_key: "2. Beim ersten Mal fragt ssh nach dem Host-Schlüssel. „yes“ nur tippen, wenn er so lautet:",
    step_code: "3. Zugangscode:",
    step_pick: "4. Namen eingeben und die eigene Gruppe wählen.",
    straight_to_group: "Oder direkt in die eigene Gruppe:",
    also: "auch:",
    card_close: "jede Taste schließt",
    no_server: "Es läuft kein Server für Gäste. Mit `runde facilitate --serve` starten, dann zeigt J hier, wie man sich verbindet.",
    code: "Code",
    host_key: "Host-Schlüssel",
    card_hint: "J: Anleitung",
    card_key: (
        "Beitreten",
        "Anleitung zum Beitreten für den Beamer (ssh-Befehl, Code, Host-Schlüssel)",
    ),
    plan_conflict_remote: "Plan-Konflikt, bitte der Moderation Bescheid geben:",
    findings_read_only: "Die Erkenntnisse schreibt die Moderation – hier nur lesen.",
};

const EN: JoinStrings = JoinStrings {
    card_title: "Take notes from your own laptop",
    step_type: "1. In a terminal, type:",
    step_key: "2. The first time, ssh asks about the host key. Type “yes” only if it reads:",
    step_code: "3. Join code:",
    step_pick: "4. Type your name and pick your group.",
    straight_to_group: "Or straight to your group:",
    also: "also:",
    card_close: "any key closes",
    no_server: "No server for guests is running. Start one with `runde facilitate --serve`; J then shows here how to join.",
    code: "code",
    host_key: "host key",
    card_hint: "J: join card",
    card_key: ("join", "join card for the projector (ssh command, code, host key)"),
    plan_conflict_remote: "plan conflict, please tell the facilitator:",
    findings_read_only: "The key findings are the facilitator's to write – read only here.",
};

/// How many guests a sentence names before "…".
const GUESTS_NAMED: usize = 3;

/// The first few guests' labels, then "…" when there are more.
pub fn guests_named(labels: &[String]) -> String {
    let mut named = labels.iter().take(GUESTS_NAMED).cloned().collect::<Vec<_>>().join(", ");
    if labels.len() > GUESTS_NAMED {
        named.push_str(", …");
    }
    named
}

/// "3 note-takers are connected (Ana, Ben, …)", without an ending.
pub fn guests_connected_count(lang: Lang, labels: &[String]) -> String {
    let (n, named) = (labels.len(), guests_named(labels));
    match (lang, n) {
        (Lang::De, 1) => format!("1 Gast ist verbunden ({named})"),
        (Lang::De, _) => format!("{n} Gäste sind verbunden ({named})"),
        (Lang::En, 1) => format!("1 note-taker is connected ({named})"),
        (Lang::En, _) => format!("{n} note-takers are connected ({named})"),
    }
}

/// The facilitator's quit question while guests are connected over SSH:
/// how many, the first few by label, and the keys.
pub fn guests_connected(lang: Lang, labels: &[String]) -> String {
    let keys = match lang {
        Lang::De => "q noch einmal / j beendet den Server, Esc bleibt",
        Lang::En => "q again / y to stop the server, Esc to stay",
    };
    format!("{}: {keys}", guests_connected_count(lang, labels))
}

/// The join words of a language.
pub fn join_strings(lang: Lang) -> &'static JoinStrings {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
