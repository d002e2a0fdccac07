//! Text made safe to show: control characters (terminal escapes, BEL,
//! carriage returns, C1 codes) become U+FFFD so that no title, broadcast or
//! note can make a terminal or an output format do anything, and bidi
//! overrides cannot reorder what a reader sees.

/// The replacement for a neutralised control character.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `text` with every control character except line feed and tab replaced.
pub fn neutralise_controls(text: &str) -> String {
    text.chars()
        .map(|c| if is_unsafe_control(c) { REPLACEMENT } else { c })
        .collect()
}

/// `text` for one line of output: line feeds and tabs become spaces, every
/// other control character and every bidi override is replaced.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c if is_unsafe_control(c) => REPLACEMENT,
            c => c,
        })
        .collect()
}

/// A person's name as typed at a prompt, made safe to store and show: one
/// line (any run of whitespace, line breaks and tabs included, is one
/// space), without control characters or bidi controls (embeddings,
/// overrides, isolates and the direction marks), trimmed, at most `max`
/// characters. Unlike note text (kept verbatim, made inert when shown) a
/// name is cleaned once, where it is typed: it becomes the author of every
/// note and the key of the person's drafts.
pub fn clean_name(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if is_unsafe_in_name(c) {
            continue;
        }
        let needed = if space { 2 } else { 1 };
        if count + needed > max {
            break;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        out.push(c);
        count += needed;
    }
    out
}

/// What a name never keeps: control characters and bidi controls.
pub fn is_unsafe_in_name(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and the direction marks (LRM, RLM, ALM).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Control characters other than line feed and tab, and the bidi
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
/// would make text read in a different order than it is written.
fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_carriage_returns_are_replaced() {
        let evil = "a\u{1b}]0;x\u{7}b\u{9b}c\rd\ne\tf";
        assert_eq!(
            neutralise_controls(evil),
            "a\u{FFFD}]0;x\u{FFFD}b\u{FFFD}c\u{FFFD}d\ne\tf"
        );
        assert_eq!(one_line(evil), "a\u{FFFD}]0;x\u{FFFD}b\u{FFFD}c\u{FFFD}d e f");
        assert_eq!(neutralise_controls("Größe „ok“ ✓"), "Größe „ok“ ✓");
        // A name given over SSH cannot turn the line around.
        assert_eq!(one_line("Evil\u{202E}X\u{2066}"), "Evil\u{FFFD}X\u{FFFD}");
    }

    #[test]
    fn names_lose_controls_and_direction_marks_and_keep_the_rest() {
        assert_eq!(clean_name("  Ana\u{202E}lis \t\n  Ko\u{1b}[31m ", 40), "Analis Ko[31m");
        assert_eq!(clean_name("\u{2066}Zoë\u{2069}\u{2028}Ünal\tK", 40), "Zoë Ünal K");
        assert_eq!(clean_name("Ana Maria", 5), "Ana M");
        assert_eq!(clean_name("Ana Maria", 4), "Ana");
    }
}
