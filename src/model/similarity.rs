//! Similar notes across groups, for the plenary synthesis: each note becomes
//! a tf-idf vector of its content words (lower-cased, German and English
//! stop words removed, Snowball-stemmed in the session's language, German
//! compounds also counted under a known word they start or end with), and
//! notes are compared by cosine. Pure: no I/O, no model, no network.
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::plan::Lang;

/// One note to compare: its group (board) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub group: &'a str,
    pub text: &'a str,
}

/// A suggestion: the index of a similar note and how similar it is (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub doc: usize,
    pub score: f32,
}

/// Below this cosine a note is not suggested.
pub const MIN_SCORE: f32 = 0.12;

/// Weight of a term found only inside a compound (`Schlüsselpersonen` → `person`).
const COMPOUND_WEIGHT: f32 = 0.5;

/// Shortest known word that counts as part of a compound.
const MIN_COMPOUND_PART: usize = 5;

/// The notes of a session, ready to be compared.
#[derive(Debug, Clone, Default)]
pub struct Index {
    groups: Vec<String>,
    /// Per note: (term id, weight), unit length, sorted by term id.
    vectors: Vec<Vec<(usize, f32)>>,
}

impl Index {
    /// Builds the index over `docs` (the note order is kept).
    pub fn build(docs: &[Doc<'_>], lang: Lang) -> Index {
        let stemmer = Stemmer::create(match lang {
            Lang::De => Algorithm::German,
            Lang::En => Algorithm::English,
        });
        let stems: Vec<Vec<String>> = docs.iter().map(|d| content_stems(d.text, &stemmer)).collect();
        let mut vocabulary: Vec<&str> = stems.iter().flatten().map(String::as_str).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let counts: Vec<HashMap<&str, f32>> = stems.iter().map(|s| term_counts(s, &vocabulary)).collect();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut df: Vec<f32> = Vec::new();
        for c in &counts {
            for term in c.keys() {
                let next = ids.len();
                let id = *ids.entry(term).or_insert(next);
                if id == df.len() {
                    df.push(0.0);
                }
                df[id] += 1.0;
            }
        }
        let n = docs.len() as f32;
        let vectors = counts
            .iter()
            .map(|c| {
                let mut v: Vec<(usize, f32)> = c
                    .iter()
                    .map(|(t, tf)| {
                        let id = ids[t];
                        (id, tf * (1.0 + n / df[id]).ln())
                    })
                    .collect();
                v.sort_unstable_by_key(|(id, _)| *id);
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v
            })
            .collect();
        Index {
            groups: docs.iter().map(|d| d.group.to_string()).collect(),
            vectors,
        }
    }

    /// Number of notes indexed.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// True when no notes are indexed.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Cosine similarity of two notes (0 when either has no content words).
    pub fn score(&self, a: usize, b: usize) -> f32 {
        match (self.vectors.get(a), self.vectors.get(b)) {
            (Some(x), Some(y)) => dot(x, y),
            _ => 0.0,
        }
    }

    /// Notes of other groups similar to note `doc`, best first, at most
    /// `limit`, each at least [`MIN_SCORE`].
    pub fn similar(&self, doc: usize, limit: usize) -> Vec<Match> {
        let Some(group) = self.groups.get(doc) else {
            return Vec::new();
        };
        let mut out: Vec<Match> = (0..self.len())
            .filter(|&i| self.groups[i] != *group)
            .map(|i| Match {
                doc: i,
                score: self.score(doc, i),
            })
            .filter(|m| m.score >= MIN_SCORE)
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        out.truncate(limit);
        out
    }
}

/// Sparse dot product of two vectors sorted by term id.
fn dot(x: &[(usize, f32)], y: &[(usize, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The stems of a text's content words, in order.
pub fn content_stems(text: &str, stemmer: &Stemmer) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_numeric()))
        .filter(|w| !is_stop_word(w))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// Term frequencies of one note; a compound also counts, at a lower
/// weight, under each known word it starts or ends with.
fn term_counts<'a>(stems: &'a [String], vocabulary: &[&'a str]) -> HashMap<&'a str, f32> {
    let mut counts: HashMap<&'a str, f32> = HashMap::new();
    for stem in stems {
        *counts.entry(stem.as_str()).or_insert(0.0) += 1.0;
        for part in vocabulary {
            let inside = part.len() >= MIN_COMPOUND_PART
                && part.len() < stem.len()
                && (stem.starts_with(part) || stem.ends_with(part));
            if inside {
                *counts.entry(part).or_insert(0.0) += COMPOUND_WEIGHT;
            }
        }
    }
    counts
}

/// German and English words that carry no topic of their own (checked
/// before stemming, lower case), including the words notes use to talk
/// about the discussion itself ("die Gruppe betonte").
fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Sorted for binary search (a unit test keeps it sorted).
const STOP_WORDS: &[&str] = &[
    "aber",
    "about",
    "after",
    "all",
    "alle",
    "allem",
    "allen",
    "aller",
    "alles",
    "als",
    "also",
    "and",
    "andere",
    "anderen",
    "are",
    "auch",
    "auf",
    "aus",
    "bei",
    "beim",
    "bereits",
    "besonders",
    "betont",
    "betonte",
    "bis",
    "bleibt",
    "brauchen",
    "braucht",
    "but",
    "can",
    "could",
    "dabei",
    "dadurch",
    "dafür",
    "daher",
    "damit",
    "dann",
    "darauf",
    "das",
    "dass",
    "dem",
    "den",
    "denen",
    "der",
    "deren",
    "des",
    "deshalb",
    "dessen",
    "die",
    "dies",
    "diese",
    "diesem",
    "diesen",
    "dieser",
    "dieses",
    "doch",
    "dort",
    "durch",
    "each",
    "ebenso",
    "eher",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "etwa",
    "etwas",
    "even",
    "for",
    "from",
    "für",
    "gab",
    "ganz",
    "geht",
    "gerade",
    "gibt",
    "group",
    "groups",
    "gruppe",
    "gruppen",
    "has",
    "hat",
    "hatte",
    "have",
    "hier",
    "hinter",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "immer",
    "into",
    "ist",
    "its",
    "jede",
    "jedem",
    "jeden",
    "jeder",
    "jedes",
    "jemand",
    "jemanden",
    "kann",
    "kaum",
    "kein",
    "keine",
    "können",
    "könnte",
    "man",
    "mehr",
    "meist",
    "mit",
    "mitunter",
    "more",
    "most",
    "muss",
    "must",
    "müssen",
    "nach",
    "neben",
    "need",
    "needs",
    "nicht",
    "noch",
    "not",
    "nur",
    "oder",
    "off",
    "oft",
    "ohne",
    "one",
    "only",
    "other",
    "out",
    "over",
    "participants",
    "schon",
    "sehr",
    "sein",
    "seine",
    "seinen",
    "selbst",
    "should",
    "sich",
    "sie",
    "sind",
    "so",
    "sollen",
    "sollte",
    "some",
    "stressed",
    "such",
    "teilnehmende",
    "teilnehmenden",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "um",
    "und",
    "uns",
    "unter",
    "very",
    "viel",
    "viele",
    "vom",
    "von",
    "vor",
    "war",
    "waren",
    "was",
    "weil",
    "welche",
    "wenn",
    "wer",
    "werden",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "wie",
    "will",
    "wird",
    "with",
    "without",
    "wo",
    "would",
    "wurde",
    "wurden",
    "zum",
    "zur",
    "zwar",
    "zwischen",
    "über",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn index(notes: &[(&'static str, &'static str)]) -> Index {
        let docs: Vec<Doc> = notes.iter().map(|(g, t)| Doc { group: g, text: t }).collect();
        Index::build(&docs, Lang::De)
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut given = STOP_WORDS.to_vec();
        given.dedup();
        assert_eq!(given, sorted);
    }

    #[test]
    fn inflected_forms_meet_after_stemming() {
        let i = index(&[
            ("a", "Die Netzwerke brauchen Vertrauen."),
            ("b", "Ohne Vertrauen kein Netzwerk."),
            ("c", "Der Datenschutz bremst die Arbeit."),
        ]);
        let s = i.similar(0, 3);
        assert_eq!(s.first().map(|m| m.doc), Some(1));
        assert!(s.iter().all(|m| m.doc != 2), "{s:?}");
    }

    #[test]
    fn notes_of_the_same_group_are_never_suggested() {
        let i = index(&[
            ("a", "Vertrauen im Netzwerk"),
            ("a", "Vertrauen im Netzwerk"),
            ("b", "Datenschutz"),
        ]);
        assert!(i.similar(0, 3).is_empty());
    }

    #[test]
    fn stop_words_alone_make_no_match() {
        let i = index(&[("a", "Das ist aber auch so."), ("b", "Das ist so, aber auch.")]);
        assert!(i.similar(0, 3).is_empty());
        assert_eq!(i.score(0, 1), 0.0);
    }

    #[test]
    fn a_compound_meets_its_part() {
        let i = index(&[
            ("a", "Schlüsselpersonen gewinnen Vertrauen"),
            ("b", "Eine Person muss vorangehen"),
            ("c", "Datenschutz bremst"),
        ]);
        assert!(i.score(0, 1) > 0.0);
        assert_eq!(i.score(0, 2), 0.0);
    }

    #[test]
    fn english_is_stemmed_in_english() {
        let docs = [
            Doc {
                group: "a",
                text: "Someone has to take the lead in building networks",
            },
            Doc {
                group: "b",
                text: "A network needs a person who leads",
            },
            Doc {
                group: "c",
                text: "Data protection slows things down",
            },
        ];
        let i = Index::build(&docs, Lang::En);
        assert_eq!(i.similar(1, 3).first().map(|m| m.doc), Some(0));
    }
}
