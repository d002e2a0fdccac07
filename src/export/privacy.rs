//! Consent-aware redaction for public minutes: mentions of a person who did
//! not agree to be named become the neutral placeholder `[Name]`.
//!
//! Matching compares what a reader sees, not bytes ([`forms`]): Unicode
//! normal forms, case folding, look-alike letters of other scripts, ASCII
//! transliterations and invisible characters. Texts are split into words
//! with their byte spans ([`tokens`]); runs of words that match a person's
//! name parts are mentions ([`mentions`]); replacing touches only a
//! mention's span, so everything else stays byte-identical. Certain
//! mentions (full names, honorific + name, possessives and attributions
//! only a name takes) are replaced; doubtful ones (a lone first name or
//! surname, an ordinary word, a name shared with someone who agreed) are
//! never changed without a person's decision ([`publish`]).
//!
//! `[Name]` reads the same in German and English and in any grammatical
//! position; a possessive becomes `[Name]s` (German, like "Annas") or
//! `[Name]'s` (English).
pub mod forms;
pub mod mentions;
pub mod names;
pub mod publish;
pub mod signoff;
pub mod tokens;
pub mod words;

use crate::error::Result;
use crate::model::plan::Person;
use crate::model::{Lang, Plan};
pub use mentions::{Doubt, Found};
use names::Names;

/// The placeholder for a person who is not named.
pub const PLACEHOLDER: &str = "[Name]";

/// Whether the minutes may name everyone or only those who agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// For the people who were there: all names and authors kept.
    #[default]
    Internal,
    /// For publication: authors omitted, non-consenting names replaced.
    Public,
}

/// A place where a non-consenting name appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    /// The persons' names as listed in the plan it may refer to.
    pub name: String,
    /// The text as found (case and possessive as written).
    pub found: String,
    /// Why a human should look at this one; `None` when it is certain.
    pub doubt: Option<Doubt>,
}

impl std::fmt::Display for Doubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Doubt::Lone => "a first name or surname alone",
            Doubt::Ordinary => "also an ordinary word",
            Doubt::Shared => "also the name of someone who agreed to be named",
        })
    }
}

/// Finds and replaces names of people without consent.
#[derive(Debug)]
pub struct Redactor {
    names: Names,
    possessive: &'static str,
    /// Folded full names of the people who agreed.
    consenting: Vec<String>,
}

impl Redactor {
    /// A redactor for the people listed in a plan. (It cannot fail; the
    /// `Result` keeps callers ready for rules that can.)
    pub fn try_new(people: &[Person], lang: Lang) -> Result<Redactor> {
        Ok(Redactor::new(people, lang))
    }

    /// A redactor for the people listed in a plan.
    pub fn new(people: &[Person], lang: Lang) -> Redactor {
        Redactor {
            names: Names::new(people),
            possessive: match lang {
                Lang::De => "[Name]s",
                Lang::En => "[Name]'s",
            },
            consenting: people
                .iter()
                .filter(|p| p.public)
                .map(|p| forms::fold(&p.name))
                .collect(),
        }
    }

    /// Every mention of a hidden person in `text`, certain and doubtful.
    pub fn mentions(&self, text: &str) -> Vec<Found> {
        mentions::find(&self.names, text)
    }

    /// The text with every mention replaced, doubtful ones too (the safe
    /// choice when nobody decides; see [`publish`] for decisions).
    pub fn redact(&self, text: &str) -> String {
        self.redact_counting(text).0
    }

    /// The text with every mention replaced, and how many there were.
    pub fn redact_counting(&self, text: &str) -> (String, usize) {
        let found = self.mentions(text);
        let all: Vec<&Found> = found.iter().collect();
        (self.replace(text, &all), found.len())
    }

    /// `text` with exactly the mentions `chosen` replaced (in order, not
    /// overlapping, as [`Redactor::mentions`] returns them).
    pub fn replace(&self, text: &str, chosen: &[&Found]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for m in chosen {
            if m.start < at || m.end > text.len() {
                continue;
            }
            out.push_str(&text[at..m.start]);
            out.push_str(self.placeholder(m));
            at = m.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// What replaces a mention: `[Name]`, or the possessive form.
    pub fn placeholder(&self, m: &Found) -> &'static str {
        match m.possessive {
            true => self.possessive,
            false => PLACEHOLDER,
        }
    }

    /// Every non-consenting name in `text`.
    pub fn hits(&self, text: &str) -> Vec<NameHit> {
        self.mentions(text)
            .into_iter()
            .map(|m| NameHit {
                name: self.names_of(&m),
                found: text[m.start..m.end].to_string(),
                doubt: m.doubt,
            })
            .collect()
    }

    /// The plan names a mention may refer to ("A / B").
    pub fn names_of(&self, m: &Found) -> String {
        let mut names: Vec<&str> = m.people.iter().map(|&p| self.names.people[p].name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.join(" / ")
    }

    /// The name parts (folded) of the hidden people a word may be: how
    /// `review --keep WORD` finds the word its decision is about.
    pub fn words_matching(&self, word: &str) -> Vec<String> {
        let hit = self.names.lookup(word);
        let mut out: Vec<String> = hit
            .parts
            .iter()
            .map(|&p| &self.names.parts[p])
            .filter(|p| !self.names.people[p.person].public)
            .map(|p| p.word.clone())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The decision scopes of every lone occurrence of `word` as it would
    /// be doubtful now: for each hidden person's part it matches, its kind
    /// of case (shared, ordinary or lone), plain and possessive.
    pub fn lone_scopes(&self, word: &str) -> Vec<crate::model::review::MentionScope> {
        let hit = self.names.lookup(word);
        let mut out = Vec::new();
        for part in hit.parts.iter().map(|&p| &self.names.parts[p]) {
            if self.names.people[part.person].public {
                continue;
            }
            let shared = self
                .names
                .lookup(&part.word)
                .parts
                .iter()
                .any(|&p| self.names.people[self.names.parts[p].person].public);
            let doubt = match (shared, part.ordinary) {
                (true, _) => Doubt::Shared,
                (false, true) => Doubt::Ordinary,
                (false, false) => Doubt::Lone,
            };
            for case in [doubt.as_str().to_string(), format!("{}+possessive", doubt.as_str())] {
                out.push(crate::model::review::MentionScope {
                    word: part.word.clone(),
                    case,
                    at: None,
                });
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The plan with the texts a calendar invitation shows redacted.
    pub fn plan(&self, plan: &Plan) -> Plan {
        let redact = |t: &Option<String>| t.as_deref().map(|t| self.redact(t));
        Plan {
            title: self.redact(&plan.title),
            series: redact(&plan.series),
            network: redact(&plan.network),
            intro: redact(&plan.intro),
            closing: redact(&plan.closing),
            ..plan.clone()
        }
    }

    /// True if an author may be named in public (listed with consent).
    pub fn may_name_author(&self, by: &str) -> bool {
        self.consenting.contains(&forms::fold(by.trim()))
    }

    /// True when someone is listed without consent.
    pub fn hides_anyone(&self) -> bool {
        self.names.hides_anyone()
    }
}

#[cfg(test)]
mod tests;
