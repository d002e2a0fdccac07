//! The words of reviewing public minutes: doubtful mentions, decisions,
//! the groups' parts and their sign-off (`runde review`, `runde signoff`,
//! the note-taker's preview, `export --public`).
use super::Lang;

/// The words of reviewing public minutes.
#[derive(Debug)]
pub struct ReviewStrings {
    pub title: &'static str,
    pub tab_mentions: &'static str,
    pub tab_parts: &'static str,
    pub nothing_doubtful: &'static str,
    pub no_parts: &'static str,
    pub plan_place: &'static str,
    pub note_place: &'static str,
    pub why_lone: &'static str,
    pub why_ordinary: &'static str,
    pub why_shared: &'static str,
    pub undecided: &'static str,
    pub replaced: &'static str,
    pub kept: &'static str,
    pub for_this_one: &'static str,
    pub not_signed: &'static str,
    pub part_title: &'static str,
    pub part_empty: &'static str,
    pub sign_prompt: &'static str,
    pub need_name: &'static str,
    pub signed: &'static str,
    pub decided: &'static str,
    pub changed_since_shown: &'static str,
    pub help_close: &'static str,
    lang: Lang,
}

const REVIEW_DE: ReviewStrings = ReviewStrings {
    title: "Öffentliches Protokoll prüfen",
    tab_mentions: "Nennungen",
    tab_parts: "Freigaben",
    nothing_doubtful: "Keine zweifelhaften Nennungen – nichts zu entscheiden.",
    no_parts: "Noch keine Gruppe hat Notizen.",
    plan_place: "Plan",
    note_place: "Notiz",
    why_lone: "Vor- oder Nachname allein",
    why_ordinary: "auch ein gewöhnliches Wort",
    why_shared: "auch der Name von jemandem, der genannt werden darf",
    undecided: "offen",
    replaced: "wird ersetzt",
    kept: "bleibt stehen",
    for_this_one: "nur hier",
    not_signed: "nicht freigegeben",
    part_title: "wie veröffentlicht",
    part_empty: "Dieser Teil hat keine Notizen.",
    sign_prompt: "Freigeben als (Name, Enter bestätigt, Esc bricht ab):",
    need_name: "Zum Freigeben fehlt dein Name: runde note … --by NAME",
    signed: "freigegeben",
    decided: "entschieden",
    changed_since_shown: "Der Teil hat sich geändert, seit er gezeigt wurde – bitte noch einmal lesen.",
    help_close: "Esc schließt",
    lang: Lang::De,
};

const REVIEW_EN: ReviewStrings = ReviewStrings {
    title: "Review the public minutes",
    tab_mentions: "Mentions",
    tab_parts: "Sign-offs",
    nothing_doubtful: "No doubtful mentions – nothing to decide.",
    no_parts: "No group has notes yet.",
    plan_place: "Plan",
    note_place: "note",
    why_lone: "a first name or surname alone",
    why_ordinary: "also an ordinary word",
    why_shared: "also the name of someone who may be named",
    undecided: "open",
    replaced: "replaced",
    kept: "kept",
    for_this_one: "here only",
    not_signed: "not signed off",
    part_title: "as published",
    part_empty: "This part has no notes.",
    sign_prompt: "Sign off as (name, Enter confirms, Esc cancels):",
    need_name: "Signing off needs your name: runde note … --by NAME",
    signed: "signed off",
    decided: "decided",
    changed_since_shown: "The part changed since it was shown – please read it again.",
    help_close: "Esc closes",
    lang: Lang::En,
};

/// The review words of a language.
pub fn review_strings(lang: Lang) -> &'static ReviewStrings {
    match lang {
        Lang::De => &REVIEW_DE,
        Lang::En => &REVIEW_EN,
    }
}

impl ReviewStrings {
    /// "3 offen von 7" / "3 open of 7".
    pub fn open_of(&self, open: usize, all: usize) -> String {
        match self.lang {
            Lang::De => format!("{open} offen von {all}"),
            Lang::En => format!("{open} open of {all}"),
        }
    }

    /// "für jedes einzelne »Koch«" / "for every lone “Koch”".
    pub fn for_every(&self, word: &str) -> String {
        match self.lang {
            Lang::De => format!("für jedes einzelne »{word}«"),
            Lang::En => format!("for every lone “{word}”"),
        }
    }

    /// "freigegeben von Anna" / "signed off by Anna"; a void one says so.
    pub fn signed_by(&self, by: &str, holds: bool) -> String {
        match (self.lang, holds) {
            (Lang::De, true) => format!("freigegeben von {by}"),
            (Lang::De, false) => format!("Freigabe von {by} ungültig: seither geändert"),
            (Lang::En, true) => format!("signed off by {by}"),
            (Lang::En, false) => format!("{by}'s sign-off void: changed since"),
        }
    }

    /// "2 Nennungen offen" / "2 mentions open".
    pub fn open_mentions(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::De, 1) => "1 Nennung offen".into(),
            (Lang::De, n) => format!("{n} Nennungen offen"),
            (Lang::En, 1) => "1 mention open".into(),
            (Lang::En, n) => format!("{n} mentions open"),
        }
    }

    /// "Teil „Methoden“ freigegeben" / "Part “Methods” signed off".
    pub fn signed_part(&self, title: &str) -> String {
        match self.lang {
            Lang::De => format!("Teil „{title}“ freigegeben"),
            Lang::En => format!("Part “{title}” signed off"),
        }
    }

    /// Why a mention is doubtful.
    pub fn why(&self, doubt: crate::model::review::Doubt) -> &'static str {
        use crate::model::review::Doubt::*;
        match doubt {
            Lone => self.why_lone,
            Ordinary => self.why_ordinary,
            Shared => self.why_shared,
        }
    }
}
