//! Text for the terminal: note text is made inert (no escape sequences,
//! control characters or direction overrides reach the terminal) and is
//! wrapped and cut by display width, never by bytes.
use unicode_width::UnicodeWidthStr;

/// Replaces control and bidi-override characters with visible stand-ins.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{1b}' => '␛',
            c if c.is_control() => '�',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => '�',
            c => c,
        })
        .collect()
}

/// Wraps inert text to `width` columns; newlines in the text are kept.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width.max(first.width() + 1).max(rest.width() + 1);
    let clean = inert(text).replace('\t', "    ");
    let mut out = Vec::new();
    for (i, line) in clean.split('\n').enumerate() {
        let opts = textwrap::Options::new(width)
            .initial_indent(if i == 0 { first } else { rest })
            .subsequent_indent(rest)
            .break_words(true)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        let lines = textwrap::wrap(line, opts);
        if lines.is_empty() {
            out.push(if i == 0 { first.to_string() } else { rest.to_string() });
        }
        out.extend(lines.into_iter().map(|l| l.into_owned()));
    }
    out
}

/// Cuts inert text to at most `width` columns, with an ellipsis if cut.
pub fn cut(text: &str, width: usize) -> String {
    let clean = inert(text).replace(['\n', '\t'], " ");
    if clean.width() <= width {
        return clean;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_become_visible_and_harmless() {
        assert_eq!(inert("a\u{1b}[31mb\u{7}c\u{202e}d"), "a␛[31mb�c�d");
        assert_eq!(inert("Zeile 1\nZeile 2"), "Zeile 1\nZeile 2");
    }

    #[test]
    fn wrapping_respects_display_width() {
        for line in wrap(
            "日本語のテキストと „Anführungszeichen“ 🎉 und Umlaute äöü",
            12,
            "• ",
            "  ",
        ) {
            assert!(line.width() <= 12, "{line:?}");
        }
        assert_eq!(cut("abcdef", 4), "abc…");
        assert!(cut("日本語日本語", 5).width() <= 5);
    }
}
