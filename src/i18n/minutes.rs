//! Words of the minutes and the calendar invitation added with the
//! "meeting as it happened" (workshops without notes, places, the next
//! meeting's title), per language.
use crate::model::Lang;

/// Minutes and invitation words of one language.
#[derive(Debug)]
pub struct MinutesWords {
    /// "Nr." / "No." before a newsletter's number.
    pub number_label: &'static str,
    /// "Ort" / "venue", before a place in parentheses.
    pub venue: &'static str,
    /// After one workshop's quoted title: nobody wrote notes there.
    pub no_notes_one: [&'static str; 2],
    /// Around several workshops' quoted titles.
    pub no_notes_many: [&'static str; 2],
    /// "Treffen" / "meeting" in the invitation's title.
    pub meeting: &'static str,
    /// "des Netzwerks" / "of the network", before the network's name.
    pub of_network: &'static str,
    /// "Nächstes Treffen" / "Next meeting" when nothing else names it.
    pub next_meeting: &'static str,
    /// "Wann" / "When", labelling the time in the invitation's text.
    pub when: &'static str,
}

const DE: MinutesWords = MinutesWords {
    number_label: "Nr.",
    venue: "Ort",
    no_notes_one: ["Aus dem Workshop ", " liegen keine Notizen vor."],
    no_notes_many: ["Aus den Workshops ", " liegen keine Notizen vor."],
    meeting: "Treffen",
    of_network: "des Netzwerks",
    next_meeting: "Nächstes Treffen",
    when: "Wann",
};

const EN: MinutesWords = MinutesWords {
    number_label: "No.",
    venue: "venue",
    no_notes_one: ["No notes were taken in the workshop ", "."],
    no_notes_many: ["No notes were taken in the workshops ", "."],
    meeting: "meeting",
    of_network: "of the network",
    next_meeting: "Next meeting",
    when: "When",
};

/// The minutes words of a language.
pub fn minutes_words(lang: Lang) -> &'static MinutesWords {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

impl MinutesWords {
    /// "6. Treffen" / "6th meeting".
    pub fn numbered_meeting(&self, n: u32, lang: Lang) -> String {
        match lang {
            Lang::De => format!("{n}. {}", self.meeting),
            Lang::En => format!("{n}{} {}", super::english_ordinal_suffix(n), self.meeting),
        }
    }
}
