//! What `runde export` says when it cannot write the minutes: options that
//! do not fit the format, undecided mentions, a calendar without a date.
use crate::model::Lang;

/// The export's refusals in one language.
#[derive(Debug, Clone, Copy)]
pub struct ExportSays {
    lang: Lang,
}

/// The export's refusals in `lang`.
pub fn export_says(lang: Lang) -> ExportSays {
    ExportSays { lang }
}

impl ExportSays {
    /// A binary format asked for as text (on standard output).
    pub fn not_text(&self) -> &'static str {
        match self.lang {
            Lang::De => "dieses Format ist kein Text; mit -o DATEI in eine Datei schreiben",
            Lang::En => "this format is not text; write it with -o FILE",
        }
    }

    /// `--template` with a format other than HTML.
    pub fn template_html_only(&self, name: &str) -> String {
        match self.lang {
            Lang::De => format!("--template {name} gilt nur für --format html"),
            Lang::En => format!("--template {name} applies to --format html only"),
        }
    }

    /// `--fragment`/`--email` with a format other than HTML.
    pub fn html_modes_only(&self) -> &'static str {
        match self.lang {
            Lang::De => "--fragment und --email gelten nur für --format html",
            Lang::En => "--fragment and --email apply to --format html only",
        }
    }

    /// Public minutes refused: `count` mentions undecided, listed in `lines`.
    pub fn undecided(&self, count: usize, lines: &str) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => format!(
                "1 zweifelhafte Erwähnung ist unentschieden – entscheiden mit `runde review PATH` \
                 (oder alle ersetzen mit --redact-doubtful):\n{lines}"
            ),
            (Lang::De, n) => format!(
                "{n} zweifelhafte Erwähnungen sind unentschieden – entscheiden mit `runde review PATH` \
                 (oder alle ersetzen mit --redact-doubtful):\n{lines}"
            ),
            (Lang::En, 1) => format!(
                "1 doubtful mention nobody decided about — decide with `runde review PATH` \
                 (or replace them all with --redact-doubtful):\n{lines}"
            ),
            (Lang::En, n) => format!(
                "{n} doubtful mentions nobody decided about — decide with `runde review PATH` \
                 (or replace them all with --redact-doubtful):\n{lines}"
            ),
        }
    }

    /// Public minutes refused: ids (`place = "id"`) that name a person
    /// without consent.
    pub fn id_names_person(&self, ids: &str) -> String {
        match self.lang {
            Lang::De => format!(
                "eine Kennung in session.json nennt eine Person, die nicht genannt werden möchte; \
                 umbenennen (runde prepare): {ids}"
            ),
            Lang::En => format!(
                "an id in session.json names a person who did not agree to be named; \
                 rename it (runde prepare): {ids}"
            ),
        }
    }

    /// A calendar asked of a plan without a next meeting.
    pub fn no_next_meeting(&self) -> &'static str {
        match self.lang {
            Lang::De => "der Plan hat kein \"next_meeting\" für einen Kalender",
            Lang::En => "the plan has no \"next_meeting\" to put in a calendar",
        }
    }

    /// The plan's time zone is no IANA name.
    pub fn not_a_zone(&self, name: &str) -> String {
        match self.lang {
            Lang::De => format!("die Zeitzone {name:?} des Plans ist keine IANA-Zeitzone"),
            Lang::En => format!("the plan's timezone {name:?} is not an IANA time zone"),
        }
    }

    /// A local time skipped by a clock change.
    pub fn time_skipped(&self, time: &str, zone: &str) -> String {
        match self.lang {
            Lang::De => {
                format!("{time} gibt es in {zone} nicht (die Uhren werden umgestellt); eine andere Zeit wählen")
            }
            Lang::En => format!("{time} does not exist in {zone} (the clocks change then); choose another time"),
        }
    }
}
