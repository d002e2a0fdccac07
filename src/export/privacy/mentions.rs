//! Finding mentions of people in a text, and telling certain ones from
//! doubtful ones.
//!
//! A mention is a run of words that match name parts of one person (full
//! name, in any order, across whitespace, line breaks, hyphens and
//! particles), or one such word alone; an honorific before it and a
//! possessive ending after it belong to it. It is **certain** when it is a
//! full name, a name after an honorific or title, or — for a word that is
//! not also an ordinary word — a possessive or an attribution only a name
//! takes ("Brandts Idee", "laut Brandt", "Brandt sagte", "(Brandt)"). A
//! lone first name or surname otherwise is **doubtful** (always after an
//! article: "der Hirt sagte" is the shepherd), and so is every mention
//! that may also be a person who agreed to be named, and a run of name
//! parts that are all ordinary words ("In June cook the beans") without
//! an honorific.
use super::forms::is_apostrophe;
use super::names::{Names, WordMatch};
use super::tokens::{Gap, Token, gap, tokens};
use super::words::{CUES_BEFORE, SPEECH_VERBS, is_article, is_honorific, is_particle};
pub use crate::model::review::Doubt;

/// One mention of a person who did not agree to be named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte span in the original text, honorific and possessive included.
    pub start: usize,
    pub end: usize,
    /// Ends in a possessive (`[Name]s` / `[Name]'s` replaces it).
    pub possessive: bool,
    /// The people (indexes into [`Names::people`], hidden ones only) it
    /// may refer to.
    pub people: Vec<usize>,
    /// The name part it is about, folded (the word of decisions).
    pub word: String,
    /// `None` when certain.
    pub doubt: Option<Doubt>,
    /// The folded words right before and after it ("a b|c d").
    pub context: String,
}

impl Found {
    /// The kind of case, as decisions name it ("ordinary+possessive").
    pub fn case(&self) -> String {
        let doubt = self.doubt.map_or("certain", Doubt::as_str);
        match self.possessive {
            true => format!("{doubt}+possessive"),
            false => doubt.to_string(),
        }
    }
}

/// The words of one text, what they match, and the gaps between them.
struct Scan<'a> {
    text: &'a str,
    names: &'a Names,
    toks: Vec<Token>,
    hits: Vec<std::rc::Rc<WordMatch>>,
}

/// Every mention of a hidden person in `text`, in order, never overlapping.
pub fn find(names: &Names, text: &str) -> Vec<Found> {
    if !names.hides_anyone() {
        return Vec::new();
    }
    let toks = tokens(text);
    let hits = toks.iter().map(|t| names.lookup(&text[t.start..t.end])).collect();
    let scan = Scan {
        text,
        names,
        toks,
        hits,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.toks.len() {
        if scan.hits[i].is_empty() {
            i += 1;
            continue;
        }
        let (last, found) = scan.mention_at(i);
        out.extend(found);
        i = last + 1;
    }
    out
}

/// One person's longest run from a word: the last word, the distinct parts
/// and whether the last word ends in a possessive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    last: usize,
    parts: usize,
    possessive: bool,
    /// Every part in it is also an ordinary word ("June cook", "hope stone").
    ordinary: bool,
}

impl Scan<'_> {
    fn gap(&self, a: usize, b: usize) -> Gap {
        gap(&self.text[self.toks[a].end..self.toks[b].start])
    }

    /// The persons (hidden and public) a word may name.
    fn persons(&self, i: usize) -> Vec<usize> {
        let hit = &self.hits[i];
        let poss = hit.possessive.iter().flat_map(|(p, _)| p.iter());
        let mut out: Vec<usize> = hit
            .parts
            .iter()
            .chain(poss)
            .map(|&p| self.names.parts[p].person)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The part of `person` word `i` matches, directly or as a possessive.
    fn part_of(&self, i: usize, person: usize) -> Option<(usize, bool)> {
        let hit = &self.hits[i];
        let of = |parts: &[usize]| parts.iter().copied().find(|&p| self.names.parts[p].person == person);
        of(&hit.parts)
            .map(|p| (p, false))
            .or_else(|| hit.possessive.as_ref().and_then(|(ps, _)| of(ps)).map(|p| (p, true)))
    }

    /// The longest run of `person`'s parts starting at word `i`.
    fn run(&self, i: usize, person: usize) -> Run {
        let mut seen = Vec::new();
        let mut last = i;
        let mut possessive = false;
        if let Some((part, poss)) = self.part_of(i, person) {
            seen.push(part);
            possessive = poss;
        }
        while !possessive {
            // Particles may stand between the parts ("Ursula von der Leyen").
            let mut next = last + 1;
            while next < self.toks.len() && is_particle(&self.toks[next].folded) && self.joins(next - 1, next) {
                next += 1;
            }
            if next >= self.toks.len() || !self.joins(next - 1, next) {
                break;
            }
            let Some((part, poss)) = self.part_of(next, person) else {
                break;
            };
            if !seen.contains(&part) {
                seen.push(part);
            }
            last = next;
            possessive = poss;
        }
        Run {
            last,
            parts: seen.len(),
            possessive,
            ordinary: seen.iter().all(|&p| self.names.parts[p].ordinary),
        }
    }

    /// True when words `a` and `b` (neighbours) may be parts of one name.
    fn joins(&self, a: usize, b: usize) -> bool {
        matches!(self.gap(a, b), Gap::Space | Gap::Joiner)
    }

    /// The mention starting at word `i` (if it is one): the last word it
    /// covers and the mention.
    fn mention_at(&self, i: usize) -> (usize, Option<Found>) {
        let persons = self.persons(i);
        let runs: Vec<(usize, Run)> = persons.iter().map(|&p| (p, self.run(i, p))).collect();
        let best = runs.iter().map(|(_, r)| (r.parts, r.last)).max().unwrap_or((0, i));
        if best.0 >= 2 {
            let tied: Vec<&(usize, Run)> = runs.iter().filter(|(_, r)| (r.parts, r.last) == best).collect();
            let hidden: Vec<usize> = tied
                .iter()
                .map(|(p, _)| *p)
                .filter(|&p| !self.names.people[p].public)
                .collect();
            if hidden.is_empty() {
                // The full name of someone who agreed: it stays.
                return (best.1, None);
            }
            let shared = hidden.len() < tied.len();
            let run = tied[0].1;
            // Ordinary words side by side ("In June cook the beans") read
            // as a name only after an honorific.
            let found = self.found(i, run.last, run.possessive, hidden, |m| match (shared, run.ordinary) {
                (true, _) => Some(Doubt::Shared),
                (false, true) if !m.honorific => Some(Doubt::Ordinary),
                (false, _) => None,
            });
            return (run.last, Some(found));
        }
        (i, self.lone(i, &persons))
    }

    /// A lone name part at word `i`.
    fn lone(&self, i: usize, persons: &[usize]) -> Option<Found> {
        let hidden: Vec<usize> = persons
            .iter()
            .copied()
            .filter(|&p| !self.names.people[p].public)
            .collect();
        if hidden.is_empty() {
            return None;
        }
        let shared = hidden.len() < persons.len();
        let possessive = self.hits[i].parts.is_empty();
        let ordinary = hidden
            .iter()
            .filter_map(|&p| self.part_of(i, p))
            .any(|(part, _)| self.names.parts[part].ordinary);
        Some(self.found(i, i, possessive, hidden, |m| {
            // After an article a word is a noun ("der Hirt sagte"), not a name.
            let noun = i > 0 && is_article(&self.toks[i - 1].folded);
            let cue = m.honorific || (!ordinary && !noun && (m.possessive || self.attributed(i, m)));
            match (shared, ordinary) {
                (true, _) => Some(Doubt::Shared),
                (false, _) if cue => None,
                (false, true) => Some(Doubt::Ordinary),
                (false, false) => Some(Doubt::Lone),
            }
        }))
    }

    /// The mention of words `first..=last`: with an honorific before it and
    /// a possessive after it, its people, word and context; `doubt` decides
    /// from the shape whether it is certain.
    fn found(
        &self,
        first: usize,
        last: usize,
        possessive: bool,
        people: Vec<usize>,
        doubt: impl Fn(&Shape) -> Option<Doubt>,
    ) -> Found {
        let (start, head) = self.honorific_before(first);
        let mut end = self.toks[last].end;
        let mut possessive = possessive;
        if !possessive {
            if let Some(len) = self.bare_apostrophe(start, last) {
                end += len;
                possessive = true;
            }
        }
        let shape = Shape {
            honorific: head < first,
            possessive,
            start,
            end,
        };
        let word = people
            .iter()
            .filter_map(|&p| self.part_of(first, p))
            .map(|(part, _)| self.names.parts[part].word.clone())
            .min()
            .unwrap_or_default();
        Found {
            start,
            end,
            possessive,
            doubt: doubt(&shape),
            people,
            word,
            context: self.context(head, last),
        }
    }

    /// Where a mention starting at word `i` starts: before the honorifics
    /// (and particles after them) right before it. Returns the byte start
    /// and the first word.
    fn honorific_before(&self, i: usize) -> (usize, usize) {
        let mut head = i;
        let mut k = i;
        while k > 0 {
            let prev = k - 1;
            let g = self.gap(prev, k);
            let word = &self.toks[prev].folded;
            if is_honorific(word) && matches!(g, Gap::Space | Gap::DotSpace | Gap::Joiner) {
                head = prev;
            } else if !(is_particle(word) && g == Gap::Space) {
                break;
            }
            k = prev;
        }
        (self.toks[head].start, head)
    }

    /// The length of an apostrophe after word `last` that is a possessive
    /// ("Tobias'"), not a closing quote: the name ends in an s sound and
    /// no apostrophe opened before the mention.
    fn bare_apostrophe(&self, start: usize, last: usize) -> Option<usize> {
        let after = &self.text[self.toks[last].end..];
        let c = after.chars().next().filter(|c| is_apostrophe(*c))?;
        let word = &self.toks[last].folded;
        let s_sound = ["s", "x", "z", "ce"].iter().any(|end| word.ends_with(end));
        let opened = self.text[..start].chars().next_back().is_some_and(is_apostrophe);
        (s_sound && !opened).then_some(c.len_utf8())
    }

    /// True when word `i` is attributed: a cue word before it ("laut",
    /// "according to", a speech verb), a speech verb after it, or alone in
    /// parentheses.
    fn attributed(&self, i: usize, m: &Shape) -> bool {
        let word = |k: usize| self.toks[k].folded.as_str();
        let before = i > 0 && self.gap(i - 1, i) == Gap::Space && {
            let w = word(i - 1);
            CUES_BEFORE.contains(&w) || SPEECH_VERBS.contains(&w) || (w == "to" && i > 1 && word(i - 2) == "according")
        };
        let after = i + 1 < self.toks.len() && self.gap(i, i + 1) == Gap::Space && SPEECH_VERBS.contains(&word(i + 1));
        let bracketed = self.text[..m.start].ends_with('(') && self.text[m.end..].starts_with(')');
        before || after || bracketed
    }

    /// The folded words before word `first` and after word `last`.
    fn context(&self, first: usize, last: usize) -> String {
        let before: Vec<&str> = self.toks[first.saturating_sub(2)..first]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        let after: Vec<&str> = self.toks[(last + 1).min(self.toks.len())..(last + 3).min(self.toks.len())]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        format!("{}|{}", before.join(" "), after.join(" "))
    }
}

/// The shape of a mention, for deciding whether it is certain.
struct Shape {
    honorific: bool,
    possessive: bool,
    start: usize,
    end: usize,
}
