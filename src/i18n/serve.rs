//! The server's words (`runde serve`): the join banner printed at start,
//! the name prompt and the refusals sent to SSH clients.
use crate::model::Lang;

/// The words of `runde serve`, per language.
#[derive(Debug)]
pub struct ServeWords {
    /// Title of the name prompt a joining note-taker sees.
    pub name_prompt: &'static str,
    /// The keys of the name prompt.
    pub name_hint: &'static str,
    /// Sent to a client that asked to run a command (ends in `\r\n`).
    pub only_views: &'static str,
    /// Sent to a client that asked for no terminal (ends in `\r\n`).
    pub needs_pty: &'static str,
    /// Heading of the join lines in the banner.
    pub join_header: &'static str,
    /// Label of the join code (banner, code prompt, join hint).
    pub join_code: &'static str,
    /// Label of the host key's fingerprint in the banner.
    pub fingerprint: &'static str,
    /// What the projector login shows.
    pub projector: &'static str,
    /// What the board-picker login shows.
    pub picker: &'static str,
    /// Before the address the server listens on.
    pub listening: &'static str,
    /// The SSH banner for a client that finds every place taken; `{max}` is the limit.
    pub full: &'static str,
    /// At the code prompt when the address is blocked after wrong codes;
    /// `{secs}` is how long.
    pub wait_after_wrong_codes: &'static str,
    /// `--code ""`.
    pub code_empty: &'static str,
    /// On the server's stderr, before why a connection could not be accepted.
    pub accept_failed: &'static str,
    /// On the server's stderr, before why a view could not start.
    pub view_not_started: &'static str,
    /// On the server's stderr, before why a view ended early.
    pub view_ended: &'static str,
    /// The last line a guest sees when the server stops.
    pub server_stopped: &'static str,
    /// On the server's stderr after the first Ctrl-C while guests are
    /// connected; `{secs}` is how long the second one may take.
    pub ctrl_c_again: &'static str,
    /// On the server's stderr when it stops.
    pub stopping: &'static str,
}

const DE: ServeWords = ServeWords {
    name_prompt: "Dein Name (steht an deinen Notizen):",
    name_hint: "Enter bestätigt · Esc beendet",
    only_views: "runde zeigt hier nur seine Ansichten: bitte ohne Befehl verbinden (ssh -p PORT board@host).\r\n",
    needs_pty: "runde braucht ein Terminal: bitte mit `ssh -t` verbinden.\r\n",
    join_header: "Mitschreiben vom eigenen Laptop:",
    join_code: "Zugangscode",
    fingerprint: "Host-Schlüssel",
    projector: "Beamer, nur lesen",
    picker: "Board-Auswahl",
    listening: "runde serve lauscht auf",
    full: "runde: Dieser Server ist voll ({max} Verbindungen). Bitte später noch einmal versuchen oder die Moderation fragen.\n",
    wait_after_wrong_codes: "Zu viele falsche Codes von dieser Adresse: bitte {secs} s warten und den Code dann noch einmal eingeben.",
    code_empty: "--code darf nicht leer sein",
    accept_failed: "Verbindung nicht angenommen:",
    view_not_started: "Ansicht startet nicht:",
    view_ended: "Ansicht beendet:",
    server_stopped: "runde: Der Server wurde beendet. Angefangene Notizen sind als Entwurf gespeichert und kommen beim nächsten Verbinden mit demselben Namen zurück.",
    ctrl_c_again: "Ctrl-C innerhalb von {secs} s noch einmal beendet den Server und trennt sie.",
    stopping: "runde serve: Server wird beendet, Gäste werden getrennt (Entwürfe bleiben).",
};

const EN: ServeWords = ServeWords {
    name_prompt: "Your name (shown on your notes):",
    name_hint: "Enter confirms · Esc leaves",
    only_views: "runde only serves its views here: connect without a command (ssh -p PORT board@host).\r\n",
    needs_pty: "runde needs a terminal: connect with `ssh -t`.\r\n",
    join_header: "Take notes from your own laptop:",
    join_code: "Join code",
    fingerprint: "Host key",
    projector: "projector, read-only",
    picker: "board picker",
    listening: "runde serve listening on",
    full: "runde: this server is full ({max} connections). Please try again later or ask the facilitator.\n",
    wait_after_wrong_codes: "Too many wrong codes from this address: please wait {secs} s, then type the code again.",
    code_empty: "--code must not be empty",
    accept_failed: "accept failed:",
    view_not_started: "cannot start a view:",
    view_ended: "view ended:",
    server_stopped: "runde: the server was stopped. Half-written notes are kept as drafts and come back when you join again with the same name.",
    ctrl_c_again: "Ctrl-C again within {secs} s stops the server and disconnects them.",
    stopping: "runde serve: stopping, guests are disconnected (drafts are kept).",
};

/// On the server's stderr after a first Ctrl-C while guests are connected.
pub fn ctrl_c_again(lang: Lang, labels: &[String], secs: u64) -> String {
    format!(
        "runde serve: {}. {}",
        super::join::guests_connected_count(lang, labels),
        serve_words(lang).ctrl_c_again.replace("{secs}", &secs.to_string())
    )
}

/// At the code prompt after a wrong code: how many attempts are left on
/// this connection (none: it ends). Plain ASCII: OpenSSH escapes other
/// characters at its prompt in a terminal without a UTF-8 locale.
pub fn wrong_code(lang: Lang, left: u32) -> String {
    match (lang, left) {
        (Lang::De, 0) => {
            "Falscher Code. Keine Versuche mehr: bitte neu verbinden und den Code vom Beamer abtippen.".into()
        }
        (Lang::De, 1) => "Falscher Code. Noch 1 Versuch.".into(),
        (Lang::De, n) => format!("Falscher Code. Noch {n} Versuche."),
        (Lang::En, 0) => {
            "Wrong code. No attempts left: please connect again and type the code shown on the projector.".into()
        }
        (Lang::En, 1) => "Wrong code. 1 attempt left.".into(),
        (Lang::En, n) => format!("Wrong code. {n} attempts left."),
    }
}

/// The server's words in `lang`.
pub fn serve_words(lang: Lang) -> &'static ServeWords {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
