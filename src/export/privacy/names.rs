//! The plan's people as the matcher sees them: each person's name parts
//! (words and the parts of double names, without particles, honorifics and
//! initials), and every key of every part (see [`super::forms`]) pointing
//! back to the parts that have it.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::forms::{fold, keys};
use super::tokens::tokens;
use super::words::{is_honorific, is_ordinary, is_particle};
use crate::model::plan::Person;

/// One name part of one person.
#[derive(Debug, Clone)]
pub struct Part {
    /// Index into [`Names::people`].
    pub person: usize,
    /// The part as folded (the word decisions are about: "koch").
    pub word: String,
    /// Also an ordinary German or English word.
    pub ordinary: bool,
}

/// A person of the plan.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub public: bool,
}

/// Parts a word matches, directly and after a possessive ending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordMatch {
    /// Parts the whole word matches.
    pub parts: Vec<usize>,
    /// Parts the word matches without an ending `'s`, `’s` or `s`, with
    /// the byte length of that ending.
    pub possessive: Option<(Vec<usize>, usize)>,
}

impl WordMatch {
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.possessive.is_none()
    }
}

/// The people of a plan and the keys of their name parts.
#[derive(Debug)]
pub struct Names {
    pub people: Vec<Named>,
    pub parts: Vec<Part>,
    by_key: HashMap<String, Vec<usize>>,
    /// Words already looked up (texts repeat their words).
    cache: RefCell<HashMap<String, Rc<WordMatch>>>,
}

impl Names {
    /// The index of `people` (nameless entries left out).
    pub fn new(people: &[Person]) -> Names {
        let mut names = Names {
            people: Vec::new(),
            parts: Vec::new(),
            by_key: HashMap::new(),
            cache: RefCell::new(HashMap::new()),
        };
        for p in people.iter().filter(|p| !p.name.trim().is_empty()) {
            let person = names.people.len();
            names.people.push(Named {
                name: p.name.clone(),
                public: p.public,
            });
            for word in name_parts(&p.name) {
                let at = names.parts.len();
                for key in keys(&word) {
                    names.by_key.entry(key).or_default().push(at);
                }
                names.parts.push(Part {
                    person,
                    ordinary: is_ordinary(&fold(&word)),
                    word: fold(&word),
                });
            }
        }
        names
    }

    /// True when someone is listed without consent.
    pub fn hides_anyone(&self) -> bool {
        self.people.iter().any(|p| !p.public)
    }

    /// The parts a word of a text matches.
    pub fn lookup(&self, word: &str) -> Rc<WordMatch> {
        if let Some(hit) = self.cache.borrow().get(word) {
            return hit.clone();
        }
        let parts = self.parts_of(word);
        let possessive = match parts.is_empty() {
            true => possessive_ending(word).and_then(|len| {
                let stem = self.parts_of(&word[..word.len() - len]);
                (!stem.is_empty()).then_some((stem, len))
            }),
            false => None,
        };
        let found = Rc::new(WordMatch { parts, possessive });
        self.cache.borrow_mut().insert(word.to_string(), found.clone());
        found
    }

    /// The parts sharing a key with `word`, without repeats.
    fn parts_of(&self, word: &str) -> Vec<usize> {
        let mut out: Vec<usize> = keys(word)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The byte length of a possessive ending of `word` (`'s`, `’s`, `s`), if
/// enough of the word is left before it.
fn possessive_ending(word: &str) -> Option<usize> {
    let mut rev = word.char_indices().rev();
    let (s_at, s) = rev.next()?;
    if !matches!(s, 's' | 'S') {
        return None;
    }
    let len = match rev.next() {
        Some((at, c)) if super::forms::is_apostrophe(c) => word.len() - at,
        _ => word.len() - s_at,
    };
    (word[..word.len() - len].chars().count() >= 2).then_some(len)
}

/// The parts of a name that identify a person: words and the parts of
/// double names, without particles, honorifics and initials; each once.
pub fn name_parts(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(name) {
        let word = &name[t.start..t.end];
        let short = t.folded.chars().filter(|c| c.is_alphanumeric()).count() < 2;
        if short || is_particle(&t.folded) || is_honorific(&t.folded) {
            continue;
        }
        if !out.iter().any(|w| fold(w) == t.folded) {
            out.push(word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, public: bool) -> Person {
        Person {
            name: name.into(),
            public,
        }
    }

    #[test]
    fn parts_leave_out_particles_titles_and_initials() {
        assert_eq!(name_parts("Dr. Ursula von der Leyen"), ["Ursula", "Leyen"]);
        assert_eq!(name_parts("André Koch-Engelmann"), ["André", "Koch", "Engelmann"]);
        assert_eq!(name_parts("J. R. O'Brien"), ["O'Brien"]);
    }

    #[test]
    fn words_find_their_parts_in_any_form_and_possessive() {
        let names = Names::new(&[person("Jürgen Müller", false), person("Tobias Koch", false)]);
        let word = |w: &str| names.parts[names.lookup(w).parts[0]].word.clone();
        assert_eq!(word("Mueller"), "müller");
        assert_eq!(word("JURGEN"), "jürgen");
        assert!(names.parts[names.lookup("Koch").parts[0]].ordinary);
        let m = names.lookup("Müllers");
        assert!(m.parts.is_empty());
        assert_eq!(m.possessive.as_ref().map(|(p, len)| (p.len(), *len)), Some((1, 1)));
        let m = names.lookup("Müller’s");
        assert_eq!(m.possessive.as_ref().map(|(_, len)| *len), Some("’s".len()));
        assert!(names.lookup("Kocher").is_empty());
    }
}
