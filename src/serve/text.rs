//! The server's own words in German and English: the join banner printed
//! at start, the name prompt and the refusals sent to SSH clients.
use crate::model::Lang;

/// One text in both languages.
pub struct Text {
    pub de: &'static str,
    pub en: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }
}

pub const NAME_PROMPT: Text = Text {
    de: "Dein Name (steht an deinen Notizen):",
    en: "Your name (shown on your notes):",
};
pub const NAME_HINT: Text = Text {
    de: "Enter bestätigt · Esc beendet",
    en: "Enter confirms · Esc leaves",
};
pub const ONLY_VIEWS: Text = Text {
    de: "runde zeigt hier nur seine Ansichten: bitte ohne Befehl verbinden (ssh -p PORT board@host).\r\n",
    en: "runde only serves its views here: connect without a command (ssh -p PORT board@host).\r\n",
};
pub const NEEDS_PTY: Text = Text {
    de: "runde braucht ein Terminal: bitte mit `ssh -t` verbinden.\r\n",
    en: "runde needs a terminal: connect with `ssh -t`.\r\n",
};
pub const JOIN_HEADER: Text = Text {
    de: "Mitschreiben vom eigenen Laptop:",
    en: "Take notes from your own laptop:",
};
pub const JOIN_CODE: Text = Text {
    de: "Zugangscode",
    en: "Join code",
};
pub const FINGERPRINT: Text = Text {
    de: "Host-Schlüssel",
    en: "Host key",
};
pub const PROJECTOR: Text = Text {
    de: "Beamer, nur lesen",
    en: "projector, read-only",
};
pub const PICKER: Text = Text {
    de: "Board-Auswahl",
    en: "board picker",
};
pub const LISTENING: Text = Text {
    de: "runde serve lauscht auf",
    en: "runde serve listening on",
};
/// Shown (as the SSH banner) to a client that finds every place taken; `{max}` is the limit.
pub const FULL: Text = Text {
    de: "runde: Dieser Server ist voll ({max} Verbindungen). Bitte später noch einmal versuchen oder die Moderation fragen.\n",
    en: "runde: this server is full ({max} connections). Please try again later or ask the facilitator.\n",
};
/// Shown at the code prompt when the person's address is blocked after
/// wrong codes; `{secs}` is how long.
pub const WAIT_AFTER_WRONG_CODES: Text = Text {
    de: "Zu viele falsche Codes von dieser Adresse: bitte {secs} s warten und den Code dann noch einmal eingeben.",
    en: "Too many wrong codes from this address: please wait {secs} s, then type the code again.",
};
