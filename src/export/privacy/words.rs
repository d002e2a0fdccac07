//! The words around names: honorifics and titles, name particles, the
//! words that mark an attribution ("laut", "sagte", "according to"), and
//! the ordinary German and English words that are also names. All in
//! folded form (see [`super::forms::fold`]).

/// Honorifics and titles that go with a name; a name after one is certain
/// (and the honorific goes too: it would tell the gender).
pub const HONORIFICS: &[&str] = &[
    "herr",
    "herrn",
    "frau",
    "hr",
    "fr",
    "dr",
    "prof",
    "professor",
    "professorin",
    "dipl",
    "ing",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "sir",
    "dame",
];

/// Name particles: part of a name ("von der Leyen") but never one alone.
pub const PARTICLES: &[&str] = &[
    "von", "vom", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "zu", "zum", "zur", "ten",
    "ter", "la", "le",
];

/// Words right before a lone name that make it an attribution only a name
/// takes ("laut Brandt", "according to Brandt", "von Brandt").
pub const CUES_BEFORE: &[&str] = &["laut", "lt", "gemass", "gemäss", "von", "by"];

/// Speech verbs right after (or right before) a lone name: "Brandt sagte",
/// "meinte Brandt", "Brandt said".
pub const SPEECH_VERBS: &[&str] = &[
    "sagte",
    "sagt",
    "meinte",
    "meint",
    "betonte",
    "betont",
    "erklärte",
    "erklärt",
    "fragte",
    "fragt",
    "berichtete",
    "berichtet",
    "ergänzte",
    "ergänzt",
    "schlug",
    "schlägt",
    "zufolge",
    "said",
    "says",
    "asked",
    "asks",
    "noted",
    "suggested",
    "suggests",
    "explained",
    "explains",
    "added",
    "proposed",
    "mentioned",
    "argued",
];

/// German words (nouns, adjectives, verbs) that are also first names or
/// surnames: a lone one may be the word, so it is never replaced without a
/// person deciding — not even in a possessive or after "laut".
pub const ORDINARY_DE: &[&str] = &[
    "adler",
    "bach",
    "bauer",
    "baum",
    "becker",
    "berg",
    "biene",
    "blume",
    "brand",
    "braun",
    "busch",
    "engel",
    "ernst",
    "falke",
    "feld",
    "fink",
    "fischer",
    "frank",
    "frei",
    "freund",
    "friede",
    "fröhlich",
    "fuchs",
    "gärtner",
    "glaser",
    "graf",
    "gross",
    "hahn",
    "hase",
    "heide",
    "herbst",
    "hirsch",
    "holz",
    "horn",
    "huber",
    "iris",
    "jäger",
    "jung",
    "kaiser",
    "keller",
    "klein",
    "koch",
    "köhler",
    "könig",
    "krämer",
    "kraus",
    "krause",
    "kuhn",
    "kühn",
    "kurz",
    "lamm",
    "lang",
    "lange",
    "linde",
    "lustig",
    "maler",
    "mark",
    "maurer",
    "meister",
    "metzger",
    "mond",
    "müller",
    "neu",
    "richter",
    "rose",
    "rosa",
    "roth",
    "sauer",
    "schäfer",
    "schlosser",
    "schmied",
    "schneider",
    "schreiber",
    "schreiner",
    "schuster",
    "schwarz",
    "sommer",
    "sonne",
    "specht",
    "stark",
    "stein",
    "stern",
    "strauss",
    "vogel",
    "vogt",
    "wagner",
    "wald",
    "weber",
    "weiss",
    "winter",
    "wirt",
    "wolf",
    "zimmermann",
];

/// English words that are also first names or surnames.
pub const ORDINARY_EN: &[&str] = &[
    "amber",
    "april",
    "art",
    "baker",
    "banks",
    "bell",
    "best",
    "bill",
    "bishop",
    "black",
    "brown",
    "bush",
    "carpenter",
    "chase",
    "cook",
    "cross",
    "daisy",
    "dawn",
    "dean",
    "drew",
    "faith",
    "fisher",
    "ford",
    "fox",
    "frank",
    "grace",
    "gray",
    "green",
    "guy",
    "hall",
    "hardy",
    "hill",
    "holly",
    "hope",
    "hunter",
    "iris",
    "ivy",
    "jack",
    "joy",
    "june",
    "king",
    "lane",
    "lily",
    "little",
    "long",
    "love",
    "major",
    "mark",
    "marsh",
    "may",
    "miles",
    "miller",
    "moore",
    "noble",
    "page",
    "pat",
    "pearl",
    "price",
    "ray",
    "rich",
    "rob",
    "rose",
    "ruby",
    "short",
    "smith",
    "stone",
    "sue",
    "summer",
    "swift",
    "taylor",
    "turner",
    "violet",
    "walker",
    "white",
    "will",
    "winter",
    "wise",
    "wolf",
    "wood",
    "young",
];

/// True if the folded word is an honorific or title.
pub fn is_honorific(folded: &str) -> bool {
    HONORIFICS.contains(&folded)
}

/// Articles: a word right after one is a noun, so a lone name part there
/// is never certain ("der Hirt sagte", "the shepherd said").
pub const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "the", "a", "an",
];

/// True if the folded word is an article.
pub fn is_article(folded: &str) -> bool {
    ARTICLES.contains(&folded)
}

/// True if the folded word is a name particle.
pub fn is_particle(folded: &str) -> bool {
    PARTICLES.contains(&folded)
}

/// True if the folded word is an ordinary German or English word.
/// Both lists count whatever the session's language: notes mix them, and
/// a word counted as ordinary costs one question, never a wrong change.
pub fn is_ordinary(folded: &str) -> bool {
    ORDINARY_DE.contains(&folded) || ORDINARY_EN.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_folded_without_repeats() {
        for list in [ORDINARY_DE, ORDINARY_EN] {
            for w in list {
                assert_eq!(super::super::forms::fold(w), *w, "{w} is not folded");
            }
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "a word twice");
        }
    }
}
