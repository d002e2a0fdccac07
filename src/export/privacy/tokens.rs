//! Words of the original text with their byte spans, and what lies
//! between two words. Matching works on these; replacing works on the
//! spans, so everything outside a mention stays byte-identical.
use super::forms::{fold, is_apostrophe, is_ignorable, is_joiner, is_word_char};

/// One word of a text: `text[start..end]`. An apostrophe between two
/// letters belongs to the word ("O'Brien", "Brandt's").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// The folded word (for honorifics, particles and cue words).
    pub folded: String,
}

/// What separates two neighbouring words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Whitespace of any kind (line breaks, no-break spaces), possibly with
    /// invisible characters and Markdown emphasis marks.
    Space,
    /// One hyphen, underscore or dot with no space ("Koch-Engelmann").
    Joiner,
    /// A dot after an abbreviation, then space ("Dr. Brandt").
    DotSpace,
    /// Anything else (punctuation, quotes, brackets).
    Other,
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !(c.is_alphanumeric() || is_ignorable(c)) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            // An apostrophe inside a word: a letter follows (past invisible ones).
            let inner_apostrophe = is_apostrophe(c)
                && text[i + c.len_utf8()..]
                    .chars()
                    .find(|c| !is_ignorable(*c))
                    .is_some_and(char::is_alphanumeric);
            if is_word_char(c) || inner_apostrophe {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let word = &text[start..end];
        // A run of invisible characters alone is no word.
        if word.chars().any(char::is_alphanumeric) {
            out.push(Token {
                start,
                end,
                folded: fold(word),
            });
        }
    }
    out
}

/// What lies between two words (`between` is the text from the end of
/// one to the start of the next).
pub fn gap(between: &str) -> Gap {
    let visible: Vec<char> = between.chars().filter(|c| !is_ignorable(*c)).collect();
    match visible.as_slice() {
        [c] if is_joiner(*c) => Gap::Joiner,
        ['.', rest @ ..] if !rest.is_empty() && rest.iter().all(|c| c.is_whitespace()) => Gap::DotSpace,
        cs if cs.iter().any(|c| c.is_whitespace())
            && cs.iter().all(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~')) =>
        {
            Gap::Space
        }
        _ => Gap::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn words_keep_their_spans_marks_and_inner_apostrophes() {
        assert_eq!(words("Herr O'Brien's Idee."), ["Herr", "O'Brien's", "Idee"]);
        assert_eq!(words("Tobias' Plan"), ["Tobias", "Plan"]);
        assert_eq!(words("Mu\u{308}ller, Mül\u{ad}ler"), ["Mu\u{308}ller", "Mül\u{ad}ler"]);
        assert_eq!(words("„Ｍüller“ (Koch-Engelmann)"), ["Ｍüller", "Koch", "Engelmann"]);
        assert_eq!(words("\u{200b} \u{200b}x"), ["\u{200b}x"]);
        assert_eq!(words("O'\u{ad}Brien"), ["O'\u{ad}Brien"]);
    }

    #[test]
    fn gaps_tell_spaces_joiners_and_punctuation_apart() {
        assert_eq!(gap(" "), Gap::Space);
        assert_eq!(gap("\r\n  "), Gap::Space);
        assert_eq!(gap("\u{a0}"), Gap::Space);
        assert_eq!(gap("** "), Gap::Space);
        assert_eq!(gap("-"), Gap::Joiner);
        assert_eq!(gap("\u{ad}-"), Gap::Joiner);
        assert_eq!(gap(". "), Gap::DotSpace);
        assert_eq!(gap(", "), Gap::Other);
        assert_eq!(gap(" – "), Gap::Other);
        assert_eq!(gap(""), Gap::Other);
    }
}
