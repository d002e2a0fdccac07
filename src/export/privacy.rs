//! Consent-aware redaction for public minutes: names of people who did not
//! agree to be named are replaced by a neutral placeholder wherever they
//! appear in text, in any letter case and in the possessive form.
use regex::{Regex, RegexBuilder};

use crate::i18n::strings;
use crate::model::Lang;
use crate::model::plan::Person;

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
    /// The person's name as listed in the plan.
    pub name: String,
    /// The text as found (case and possessive as written).
    pub found: String,
}

/// Replaces names of people without consent.
#[derive(Debug)]
pub struct Redactor {
    hidden: Vec<(String, Regex)>,
    consenting: Vec<String>,
    person: &'static str,
    possessive: &'static str,
}

impl Redactor {
    /// A redactor for the people listed in a plan.
    pub fn new(people: &[Person], lang: Lang) -> Redactor {
        let s = strings(lang);
        let hidden = people
            .iter()
            .filter(|p| !p.public && !p.name.trim().is_empty())
            .filter_map(|p| name_pattern(&p.name).map(|re| (p.name.clone(), re)))
            .collect();
        Redactor {
            hidden,
            consenting: people
                .iter()
                .filter(|p| p.public)
                .map(|p| p.name.to_lowercase())
                .collect(),
            person: s.placeholder_person,
            possessive: s.placeholder_possessive,
        }
    }

    /// The text with every non-consenting name replaced.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (_, re) in &self.hidden {
            if re.is_match(&out) {
                out = re
                    .replace_all(&out, |caps: &regex::Captures<'_>| {
                        if caps.name("pos").is_some() {
                            self.possessive
                        } else {
                            self.person
                        }
                    })
                    .into_owned();
            }
        }
        out
    }

    /// Every non-consenting name in `text`.
    pub fn hits(&self, text: &str) -> Vec<NameHit> {
        self.hidden
            .iter()
            .flat_map(|(name, re)| {
                re.find_iter(text).map(move |m| NameHit {
                    name: name.clone(),
                    found: m.as_str().to_string(),
                })
            })
            .collect()
    }

    /// True if an author may be named in public (listed with consent).
    pub fn may_name_author(&self, by: &str) -> bool {
        self.consenting.contains(&by.to_lowercase())
    }
}

/// `Name`, `name`, `Name's`, `Name’s`, `Names` (German genitive), `Name'`.
fn name_pattern(name: &str) -> Option<Regex> {
    let escaped = regex::escape(name.trim());
    let pattern = format!(r"(?:^|\b)(?:{escaped})(?P<pos>['’]s\b|s\b|['’])?(?:\b|$)");
    let re = RegexBuilder::new(&pattern).case_insensitive(true).build().ok()?;
    // The plain-name alternative must not swallow a following word char.
    Some(re)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Person> {
        vec![
            Person {
                name: "Erika Muster".into(),
                public: false,
            },
            Person {
                name: "André Koch-Engelmann".into(),
                public: true,
            },
        ]
    }

    #[test]
    fn names_without_consent_are_replaced_in_any_case_and_possessive() {
        let r = Redactor::new(&people(), Lang::En);
        assert_eq!(r.redact("Erika Muster said so."), "a participant said so.");
        assert_eq!(r.redact("ERIKA MUSTER agreed"), "a participant agreed");
        assert_eq!(r.redact("Erika Muster's idea"), "a participant's idea");
        assert_eq!(r.redact("Erika Muster’s idea"), "a participant's idea");
        assert_eq!(r.redact("Erika Mustermann stays"), "Erika Mustermann stays");
        assert_eq!(r.redact("André Koch-Engelmann spoke"), "André Koch-Engelmann spoke");
        let de = Redactor::new(&people(), Lang::De);
        assert_eq!(
            de.redact("Erika Musters Vorschlag"),
            "einer teilnehmenden Person Vorschlag"
        );
    }

    #[test]
    fn hits_list_every_occurrence() {
        let r = Redactor::new(&people(), Lang::De);
        let hits = r.hits("erika muster und Erika Muster's");
        assert_eq!(hits.len(), 2);
        assert!(r.may_name_author("andré koch-engelmann"));
        assert!(!r.may_name_author("Erika Muster"));
        assert!(!r.may_name_author("Unlisted Person"));
    }
}
