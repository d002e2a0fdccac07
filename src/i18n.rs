//! Every user-facing word of the minutes and the UI, per language. Code
//! never spells a German or English phrase inline; it asks [`strings`].
use crate::model::Lang;

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
            None => format!("{n}th"),
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
