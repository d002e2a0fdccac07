//! Text for the terminal: note text is made inert (no escape sequences,
//! control characters or direction overrides reach the terminal) and is
//! wrapped and cut by display width, never by bytes.
use unicode_segmentation::UnicodeSegmentation;
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

/// Columns `text` takes on a terminal: the sum of its grapheme clusters'
/// widths, as the screen buffer lays them out.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Cuts inert text to at most `width` columns (measured as [`width`]
/// does), never inside a grapheme cluster; text that was cut ends in "…".
pub fn cut(text: &str, width: usize) -> String {
    let clean = inert(text).replace(['\n', '\t'], " ");
    if self::width(&clean) <= width {
        return clean;
    }
    marked(&clean, width)
}

/// `line` marked as going on: ending in "…" within `width` columns
/// (a note's last visible line when the rest of it is below the screen).
pub fn continued(line: &str, width: usize) -> String {
    let line = inert(line.trim_end()).replace(['\n', '\t'], " ");
    marked(&line, width)
}

/// As much of `clean` as fits `width` columns with an ellipsis after it.
fn marked(clean: &str, width: usize) -> String {
    let mut out = String::new();
    if width == 0 {
        return out;
    }
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // "Gruppe…", not "Gruppe …".
    out.truncate(out.trim_end().len());
    out.push('…');
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

    /// Pieces of text as people write it: ASCII words and spaces, umlauts,
    /// CJK, emoji (with skin tones, ZWJ families, flags), combining marks
    /// (also alone), zero-width joiners.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-zA-Z]{1,8}",
            Just(" ".to_string()),
            "[äöüÄÖÜß]{1,4}",
            "[日本語漢字テキスト한국어]{1,4}",
            prop::sample::select(vec!["🎉", "👍🏽", "👩‍👩‍👧", "🇩🇪", "❤️", "⏱"]).prop_map(str::to_string),
            prop::sample::select(vec!["e\u{301}", "a\u{308}\u{323}", "\u{301}", "\u{200d}", "\u{fe0f}"])
                .prop_map(str::to_string),
        ]
    }

    proptest::proptest! {
        /// The class, not the example: whatever the text, the cut fits its
        /// width (as the screen buffer measures it, and as unicode-width
        /// measures the whole string), ends in "…" exactly when something
        /// was cut, keeps a prefix of the text, and cuts no more than needed.
        #[test]
        fn a_cut_fits_and_is_marked_exactly_when_it_cut(
            pieces in proptest::collection::vec(piece(), 0..24),
            limit in 1usize..40,
        ) {
            let text: String = pieces.concat();
            let out = cut(&text, limit);
            proptest::prop_assert!(width(&out) <= limit, "{out:?} is {} wide", width(&out));
            proptest::prop_assert!(out.width() <= limit, "{out:?} is {} wide", out.width());
            let was_cut = out != text;
            proptest::prop_assert_eq!(out.ends_with('…'), was_cut, "{:?} → {:?}", text, out);
            if was_cut {
                let kept = out.trim_end_matches('…');
                proptest::prop_assert!(text.starts_with(kept));
                // Nothing more was taken than a wide grapheme and the gap
                // before the mark need (spaces the mark would follow).
                let next = text[kept.len()..].trim_start_matches(' ');
                let wide = next.graphemes(true).next().map_or(0, |g| g.width());
                proptest::prop_assert!(
                    width(kept) + 1 + wide + (text[kept.len()..].len() - next.len()) > limit,
                    "{:?} → {:?} at {}", text, out, limit
                );
            }
        }

        /// A line marked as going on fits and ends in "…".
        #[test]
        fn a_continued_line_fits_and_is_marked(
            pieces in proptest::collection::vec(piece(), 0..12),
            limit in 1usize..40,
        ) {
            let line: String = pieces.concat();
            let out = continued(&line, limit);
            proptest::prop_assert!(width(&out) <= limit && out.width() <= limit, "{out:?}");
            proptest::prop_assert!(out.ends_with('…'));
        }
    }

    #[test]
    fn nothing_fits_in_no_columns() {
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("", 0), "");
    }
}
