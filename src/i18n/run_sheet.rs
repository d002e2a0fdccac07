//! The labels of the run sheet's meeting block (`runde plan PATH --format`):
//! what kind of event, which network and series, which meeting, when.
use crate::model::Lang;

/// The run sheet's meeting labels in one language.
#[derive(Debug)]
pub struct SheetWords {
    /// The kind of event ("Kompetenznetzwerk-Treffen").
    pub event: &'static str,
    /// The network that meets.
    pub network: &'static str,
    /// The series of meetings.
    pub series: &'static str,
    /// The meeting's number in its series.
    pub meeting_number: &'static str,
    /// The day (and time) of the meeting.
    pub date: &'static str,
}

const DE: SheetWords = SheetWords {
    event: "Anlass",
    network: "Netzwerk",
    series: "Reihe",
    meeting_number: "Treffen Nr.",
    date: "Datum",
};

const EN: SheetWords = SheetWords {
    event: "Event",
    network: "Network",
    series: "Series",
    meeting_number: "Meeting no.",
    date: "Date",
};

/// The run sheet's labels in `lang`.
pub fn sheet_words(lang: Lang) -> &'static SheetWords {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
