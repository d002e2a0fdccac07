//! The command line's words (`status`, `list`, `history`, `new`).
use super::{Lang, strings};

/// The words of the command line's own messages, per language.
#[derive(Debug)]
pub struct CliStrings {
    /// Label before a group's pending signal in `runde status`.
    pub signal: &'static str,
    /// Heading of the next steps `runde new` prints.
    pub next_steps: &'static str,
    pub step_prepare: &'static str,
    pub step_facilitate: &'static str,
    pub step_note: &'static str,
    pub step_export: &'static str,
    /// `runde new` without `--template`: where boards and questions come from.
    pub template_questions: &'static str,
    /// After the summary of `runde plan`: how to get the plan itself.
    pub raw_plan_hint: &'static str,
    /// Before the demo's join command (facilitator header and stderr).
    pub demo_join: &'static str,
    /// `plan --edit` opens the text of the last rejected edit.
    pub reopened_rejected: &'static str,
    pub(super) lang: Lang,
}

const CLI_DE: CliStrings = CliStrings {
    signal: "Signal",
    next_steps: "Nächste Schritte:",
    step_prepare: "Plan bearbeiten (Ablauf, Gruppen, Leitfragen)",
    step_facilitate: "Moderationsansicht für den Beamer",
    step_note: "in einer Gruppe mitschreiben (zweites Terminal)",
    step_export: "Protokoll erzeugen",
    template_questions: "Die Vorlage „kompetenznetzwerk“ hat Gruppen und Leitfragen des Referenztreffens eingesetzt – anpassen mit:",
    raw_plan_hint: "Der Plan als JSON:",
    demo_join: "Mitschreiben:",
    reopened_rejected: "Öffne deine abgelehnte Fassung zum Korrigieren:",
    lang: Lang::De,
};

const CLI_EN: CliStrings = CliStrings {
    signal: "signal",
    next_steps: "Next steps:",
    step_prepare: "edit the plan (agenda, groups, questions)",
    step_facilitate: "the facilitator's projector view",
    step_note: "take notes for one group (second terminal)",
    step_export: "write the minutes",
    template_questions: "The template \"kompetenznetzwerk\" filled in the reference meeting's groups and workshop questions – change them with:",
    raw_plan_hint: "The plan as JSON:",
    demo_join: "Take notes:",
    reopened_rejected: "Opening your rejected edit to fix it:",
    lang: Lang::En,
};

/// The command line's words in a language.
pub fn cli_strings(lang: Lang) -> &'static CliStrings {
    match lang {
        Lang::De => &CLI_DE,
        Lang::En => &CLI_EN,
    }
}

impl CliStrings {
    /// "1 Notiz" / "2 Notizen", "1 note" / "2 notes".
    pub fn notes(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 Notiz".to_string(),
            (Lang::De, n) => format!("{n} Notizen"),
            (Lang::En, 1) => "1 note".to_string(),
            (Lang::En, n) => format!("{n} notes"),
        }
    }

    /// A group's signal in words ("braucht Hilfe" / "needs help").
    pub fn signal_word(&self, signal: crate::model::Signal) -> &'static str {
        use crate::model::Signal::*;
        let s = strings(self.lang);
        match signal {
            DoneEarly => s.sig_done,
            NeedTime => s.sig_time,
            NeedHelp => s.sig_help,
        }
    }

    /// A note id prefix that fits several notes.
    pub fn ambiguous(&self, count: usize, prefix: &str) -> String {
        match self.lang {
            Lang::De => format!("mehrdeutig: {count} Notizen beginnen mit {prefix} – mehr Zeichen der Kennung angeben"),
            Lang::En => format!("ambiguous: {count} notes start with {prefix}; give more characters of the id"),
        }
    }

    /// "2 offene Themen aus X übernommen" / "carried 2 open topics from X"
    /// ("keine …" / "no …" for none).
    pub fn carried(&self, count: usize, from: &str) -> String {
        match (self.lang, count) {
            (Lang::De, 0) => format!("keine offenen Themen aus {from} übernommen"),
            (Lang::De, 1) => format!("1 offenes Thema aus {from} übernommen"),
            (Lang::De, n) => format!("{n} offene Themen aus {from} übernommen"),
            (Lang::En, 0) => format!("no open topics carried from {from}"),
            (Lang::En, 1) => format!("carried 1 open topic from {from}"),
            (Lang::En, n) => format!("carried {n} open topics from {from}"),
        }
    }

    /// After `new --from`: findings that stayed behind, and why.
    pub fn findings_left(&self, count: usize) -> String {
        let what = match (self.lang, count) {
            (Lang::De, 1) => "1 Erkenntnis nicht übernommen".to_string(),
            (Lang::De, n) => format!("{n} Erkenntnisse nicht übernommen"),
            (Lang::En, 1) => "1 finding not carried".to_string(),
            (Lang::En, n) => format!("{n} findings not carried"),
        };
        let why = match self.lang {
            Lang::De => {
                "übernommen werden nur Erkenntnisse mit Stern (★, Taste * oder runde star) \
                 und Notizen zum Nachverfolgen (runde flag --follow-up)"
            }
            Lang::En => {
                "only starred findings (★, key * or runde star) and notes flagged \
                 to follow up (runde flag --follow-up) are carried"
            }
        };
        format!("{what}: {why}")
    }

    /// The summary after an import with bad lines: nothing was imported.
    pub fn bad_import_lines(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::De, 1) => "1 fehlerhafte Zeile – nichts importiert".to_string(),
            (Lang::De, n) => format!("{n} fehlerhafte Zeilen – nichts importiert"),
            (Lang::En, 1) => "1 bad line – nothing imported".to_string(),
            (Lang::En, n) => format!("{n} bad lines – nothing imported"),
        }
    }
}
