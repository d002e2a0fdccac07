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
}
