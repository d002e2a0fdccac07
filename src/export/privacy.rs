//! Consent-aware redaction for public minutes: every mention of a person who
//! did not agree to be named becomes the neutral placeholder `[Name]`.
//!
//! A mention is any run of the person's name parts (full name, first name
//! alone, surname alone, parts of a double name) with optional honorifics
//! before it (Herr, Herrn, Frau, Hr., Fr., Dr., Prof., Mr, Mrs, Ms, …) and
//! an optional possessive or genitive after it ("Brandts", "Tobias'",
//! "Jonas's", "Brandt’s"). Matching ignores letter case (with Turkish
//! ı/İ folded to i and ß to ss), any whitespace between the parts (line
//! breaks, no-break spaces), soft hyphens and zero-width characters, and
//! finds names inside hyphenated compounds ("die Brandt-Methode"), quotes
//! and links. The honorific goes with the name (it would tell the gender).
//!
//! `[Name]` reads the same in German and English and in any grammatical
//! position; the possessive becomes `[Name]s` (German, like "Annas") or
//! `[Name]'s` (English). Redaction is pure and never fails silently: a
//! pattern that cannot be built is an error ([`Redactor::try_new`]), and a
//! redactor built anyway replaces whole texts rather than leave a name.
use std::collections::BTreeMap;

use regex::{Regex, RegexBuilder};

use crate::error::{Error, Result};
use crate::model::plan::Person;
use crate::model::{Lang, Plan};

/// The placeholder for a person who is not named.
pub const PLACEHOLDER: &str = "[Name]";

/// What a text becomes if the redactor could not be built (never expected).
const WITHHELD: &str = "[…]";

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
    /// The persons' names as listed in the plan whose parts were found.
    pub name: String,
    /// The text as found (case and possessive as written).
    pub found: String,
    /// Why a human should look at this one; `None` when it is certain.
    pub doubt: Option<Doubt>,
}

/// Why a mention is uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// The word is also a person's name who agreed to be named.
    SharedWithPublicPerson,
    /// The word is also a common German or English word.
    CommonWord,
}

impl std::fmt::Display for Doubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Doubt::SharedWithPublicPerson => "also part of the name of someone who agreed to be named",
            Doubt::CommonWord => "also a common word",
        })
    }
}

/// Replaces names of people without consent.
#[derive(Debug)]
pub struct Redactor {
    /// Mentions of hidden people in folded text; `None` when nobody is hidden.
    hidden: Option<Regex>,
    /// Full names of people who agreed, in folded text (kept as written).
    public: Option<Regex>,
    /// Folded name part → the hidden people it belongs to.
    owners: BTreeMap<String, Vec<String>>,
    /// Folded name parts of people who agreed.
    public_parts: Vec<String>,
    consenting: Vec<String>,
    possessive: &'static str,
    /// Set when a pattern failed to build: every text is withheld.
    broken: bool,
}

impl Redactor {
    /// A redactor for the people listed in a plan; an error if a pattern
    /// cannot be built (then nobody could be sure of the result).
    pub fn try_new(people: &[Person], lang: Lang) -> Result<Redactor> {
        let hidden_people: Vec<&Person> = people
            .iter()
            .filter(|p| !p.public && !p.name.trim().is_empty())
            .collect();
        let public_people: Vec<&Person> = people.iter().filter(|p| p.public).collect();
        let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in &hidden_people {
            for part in name_parts(&p.name) {
                let names = owners.entry(part).or_default();
                if !names.contains(&p.name) {
                    names.push(p.name.clone());
                }
            }
        }
        let public_parts: Vec<String> = public_people.iter().flat_map(|p| name_parts(&p.name)).collect();
        let hidden = match owners.is_empty() {
            true => None,
            false => Some(build(&mention_pattern(owners.keys()))?),
        };
        let public_full: Vec<String> = public_people
            .iter()
            .map(|p| full_name_pattern(&p.name))
            .filter(|p| !p.is_empty())
            .collect();
        let public = match public_full.is_empty() {
            true => None,
            false => Some(build(&format!(r"(?:{})", public_full.join("|")))?),
        };
        Ok(Redactor {
            hidden,
            public,
            owners,
            public_parts,
            consenting: public_people.iter().map(|p| fold(&p.name).text).collect(),
            possessive: match lang {
                Lang::De => "[Name]s",
                Lang::En => "[Name]'s",
            },
            broken: false,
        })
    }

    /// Like [`Redactor::try_new`]; if the patterns cannot be built, the
    /// redactor withholds every text instead of naming anyone.
    pub fn new(people: &[Person], lang: Lang) -> Redactor {
        Redactor::try_new(people, lang).unwrap_or_else(|_| Redactor {
            hidden: None,
            public: None,
            owners: BTreeMap::new(),
            public_parts: Vec::new(),
            consenting: Vec::new(),
            possessive: PLACEHOLDER,
            broken: true,
        })
    }

    /// The text with every non-consenting name replaced.
    pub fn redact(&self, text: &str) -> String {
        self.redact_counting(text).0
    }

    /// The text with every non-consenting name replaced, and how many
    /// mentions were replaced.
    pub fn redact_counting(&self, text: &str) -> (String, usize) {
        if self.broken {
            return (WITHHELD.to_string(), usize::from(!text.is_empty()));
        }
        let mentions = self.mentions(text);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for m in &mentions {
            out.push_str(&text[at..m.start]);
            out.push_str(if m.possessive { self.possessive } else { PLACEHOLDER });
            at = m.end;
        }
        out.push_str(&text[at..]);
        (out, mentions.len())
    }

    /// Every non-consenting name in `text`.
    pub fn hits(&self, text: &str) -> Vec<NameHit> {
        self.mentions(text)
            .into_iter()
            .map(|m| {
                let mut names: Vec<&str> = m
                    .parts
                    .iter()
                    .flat_map(|p| self.owners.get(p).into_iter().flatten())
                    .map(String::as_str)
                    .collect();
                names.sort_unstable();
                names.dedup();
                NameHit {
                    name: names.join(" / "),
                    found: text[m.start..m.end].to_string(),
                    doubt: self.doubt(&m),
                }
            })
            .collect()
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
        self.consenting.contains(&fold(by).text)
    }

    /// Why a mention needs a human's look, if it does.
    fn doubt(&self, m: &Mention) -> Option<Doubt> {
        if m.parts.iter().any(|p| self.public_parts.contains(p)) {
            return Some(Doubt::SharedWithPublicPerson);
        }
        let lone_common_word = !m.honorific && m.parts.len() == 1 && COMMON_WORDS.contains(&m.parts[0].as_str());
        lone_common_word.then_some(Doubt::CommonWord)
    }

    /// Mentions of hidden people in `text`, in order, outside the full
    /// names of people who agreed.
    fn mentions(&self, text: &str) -> Vec<Mention> {
        let Some(hidden) = &self.hidden else {
            return Vec::new();
        };
        let folded = fold(text);
        let t = folded.text.as_str();
        let protected: Vec<(usize, usize)> = self
            .public
            .iter()
            .flat_map(|re| re.find_iter(t))
            .filter(|m| word_starts(t, m.start()) && word_ends(t, m.end()))
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut out = Vec::new();
        let mut at = 0;
        // Word boundaries are checked here rather than with `\b` in the
        // pattern, which keeps the regex on its fast engines for any text.
        while let Some(caps) = hidden.captures_at(t, at) {
            let (Some(all), Some(run)) = (caps.get(0), caps.name("run")) else {
                break;
            };
            let end = word_starts(t, all.start())
                .then(|| self.mention_end(t, run, caps.name("pos")))
                .flatten();
            let Some((end, possessive)) = end else {
                at = next_char(t, all.start());
                continue;
            };
            at = end.max(next_char(t, all.start()));
            if protected.iter().any(|&(s, e)| s < end && all.start() < e) {
                continue;
            }
            out.push(Mention {
                start: folded.origin_start(all.start()),
                end: folded.origin_end(end),
                possessive,
                honorific: caps.name("hon").is_some_and(|h| !h.as_str().is_empty()),
                parts: split_run(&t[run.start()..end], &self.owners),
            });
        }
        out
    }

    /// Where a mention ends (at a word end) and whether it is possessive:
    /// the possessive if a word ends after it, else the longest run of
    /// whole name parts that ends a word; `None` if the name is only part
    /// of a longer word.
    fn mention_end(&self, t: &str, run: regex::Match<'_>, pos: Option<regex::Match<'_>>) -> Option<(usize, bool)> {
        if let Some(p) = pos {
            let bare = p.as_str() == "'";
            let s_sound = split_run(run.as_str(), &self.owners)
                .last()
                .is_some_and(|last| takes_bare_apostrophe(last));
            if word_ends(t, p.end()) && (!bare || s_sound) {
                return Some((p.end(), true));
            }
        }
        let run_text = run.as_str();
        let part_ends = run_text
            .char_indices()
            .filter(|&(i, c)| c.is_alphanumeric() && !run_text[i + c.len_utf8()..].starts_with(char::is_alphanumeric))
            .map(|(i, c)| run.start() + i + c.len_utf8());
        let ends: Vec<usize> = part_ends.collect();
        ends.into_iter()
            .rev()
            .find(|&e| word_ends(t, e) && !split_run(&t[run.start()..e], &self.owners).is_empty())
            .map(|e| (e, false))
    }
}

/// True if no letter or digit comes right before byte `at`.
fn word_starts(t: &str, at: usize) -> bool {
    !t[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// True if no letter or digit comes right after byte `at`.
fn word_ends(t: &str, at: usize) -> bool {
    !t[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The byte after the character at `at`.
fn next_char(t: &str, at: usize) -> usize {
    at + t[at..].chars().next().map_or(1, char::len_utf8)
}

/// One mention found in a text (byte range of the original text).
struct Mention {
    start: usize,
    end: usize,
    possessive: bool,
    honorific: bool,
    /// The folded name parts it consists of.
    parts: Vec<String>,
}

fn build(pattern: &str) -> Result<Regex> {
    RegexBuilder::new(pattern)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot build the name redaction pattern: {e}")))
}

/// Honorifics and titles that go with a name (folded).
const HONORIFICS: &[&str] = &[
    "herr", "herrn", "frau", "hr", "fr", "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame",
];

/// Name particles that are part of a name but never one alone.
const PARTICLES: &[&str] = &[
    "von", "vom", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "zu", "zum", "zur", "ten",
    "ter", "la", "le",
];

/// Names that are also everyday German or English words (folded): a lone
/// one may not mean the person, so `--check-public` asks a human.
const COMMON_WORDS: &[&str] = &[
    "april",
    "art",
    "bach",
    "bauer",
    "berg",
    "bill",
    "braun",
    "busch",
    "dean",
    "engel",
    "ernst",
    "faith",
    "fischer",
    "frank",
    "frei",
    "fuchs",
    "grace",
    "hahn",
    "hope",
    "holly",
    "iris",
    "jack",
    "jäger",
    "joy",
    "june",
    "kaiser",
    "klein",
    "koch",
    "könig",
    "kurz",
    "lang",
    "lange",
    "lily",
    "mark",
    "may",
    "meister",
    "richter",
    "rose",
    "schneider",
    "schwarz",
    "sommer",
    "stein",
    "summer",
    "vogel",
    "wagner",
    "weber",
    "weiss",
    "will",
    "winter",
    "wolf",
    "young",
];

/// The folded parts of a name that identify a person: words and the parts
/// of double names, without particles and initials.
fn name_parts(name: &str) -> Vec<String> {
    let folded = fold(name).text;
    let mut parts: Vec<String> = Vec::new();
    for word in folded.split(|c: char| c.is_whitespace() || c == '-' || c == '.') {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.chars().count() < 2 || PARTICLES.contains(&word) || HONORIFICS.contains(&word) {
            continue;
        }
        if !parts.iter().any(|p| p == word) {
            parts.push(word.to_string());
        }
    }
    parts
}

/// Names ending in an s sound take a bare apostrophe as possessive
/// ("Tobias'", "Marx'"); others only `'s` or `s`.
fn takes_bare_apostrophe(part: &str) -> bool {
    ["s", "ss", "x", "z", "tz", "ce"].iter().any(|end| part.ends_with(end))
}

/// Separators allowed between the parts of one mention (folded text).
const GAP: &str = r"(?:\s+(?:(?:PARTICLES)\s+)*|-)";

/// The pattern of a mention of any of `parts` (over folded text): optional
/// honorifics, a run of name parts, an optional possessive.
fn mention_pattern<'a>(parts: impl Iterator<Item = &'a String>) -> String {
    let mut parts: Vec<&String> = parts.collect();
    // Longest first, so "jonas" wins over "jona".
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternatives: Vec<String> = parts.iter().map(|p| regex::escape(p)).collect();
    let name = format!("(?:{})", alternatives.join("|"));
    let gap = GAP.replace("PARTICLES", &PARTICLES.join("|"));
    let honorific = format!(r"(?P<hon>(?:(?:{})(?:\.\s*|\s+))*)", HONORIFICS.join("|"));
    // Word ends are checked afterwards, and so is a bare apostrophe:
    // possessive only after s-sound names, a closing quote otherwise.
    let run = format!(r"(?P<run>{name}(?:{gap}{name})*)");
    format!(r"{honorific}{run}(?P<pos>'s|s|')?")
}

/// The pattern of one full name (over folded text), any gap between parts.
fn full_name_pattern(name: &str) -> String {
    let folded = fold(name).text;
    let words: Vec<String> = folded.split_whitespace().map(regex::escape).collect();
    words.join(r"\s+")
}

/// The name parts a matched run consists of.
fn split_run(run: &str, owners: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    run.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| owners.contains_key(*w))
        .map(str::to_string)
        .collect()
}

/// Text in folded form with a map back to the original's byte offsets.
struct Folded {
    text: String,
    /// For each byte of `text`: (start, end) of the original character.
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn origin_start(&self, at: usize) -> usize {
        self.origin.get(at).map_or(0, |o| o.0)
    }

    fn origin_end(&self, end: usize) -> usize {
        end.checked_sub(1)
            .and_then(|last| self.origin.get(last))
            .map_or(0, |o| o.1)
    }
}

/// Case-folds text for matching: lower case with Turkish ı/İ as i and ß as
/// ss, typographic apostrophes as `'`, soft hyphens and zero-width
/// characters dropped.
fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        let mut push = |f: char| {
            out.text.push(f);
            out.origin.extend(std::iter::repeat_n((start, end), f.len_utf8()));
        };
        match c {
            'ı' | 'İ' | 'I' => push('i'),
            'ß' | 'ẞ' => {
                push('s');
                push('s');
            }
            '’' | 'ʼ' | '‘' | '`' | '´' | '′' => push('\''),
            '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{307}' => {}
            c => c.to_lowercase().filter(|l| *l != '\u{307}').for_each(&mut push),
        }
    }
    out
}

#[cfg(test)]
mod tests;
