//! Runs of the minutes: sentences of the minutes' language with plan text
//! spliced in (so the plan text keeps its language mark), typographic
//! apostrophes over the finished document, and the meeting's start as
//! the documents' date.
use super::{Block, Inline, Minutes, Rich};
use crate::model::Plan;

/// Where [`fill`] puts its first argument in a sentence: a private-use
/// character, which no sentence of the minutes contains.
pub const ARG0: char = '\u{E000}';
/// Where [`fill`] puts its second argument.
pub const ARG1: char = '\u{E001}';
/// Where [`fill`] puts its third argument.
pub const ARG2: char = '\u{E002}';

/// The runs of a sentence of the minutes' own words with `args[i]` put
/// where `ARG0 + i` stands; neighbouring plain runs are merged.
pub fn fill(sentence: &str, args: &[Vec<Inline>]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut text = String::new();
    for c in sentence.chars() {
        let arg = (c as u32).checked_sub(ARG0 as u32).and_then(|i| args.get(i as usize));
        match arg {
            Some(runs) => {
                push_text(&mut out, std::mem::take(&mut text));
                for run in runs {
                    match run {
                        Inline::Text { text } => push_text(&mut out, text.clone()),
                        other => out.push(other.clone()),
                    }
                }
            }
            None => text.push(c),
        }
    }
    push_text(&mut out, text);
    out
}

fn push_text(out: &mut Vec<Inline>, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text { text: before }) => before.push_str(&text),
        _ => out.push(Inline::Text { text }),
    }
}

/// `text` with the apostrophe of German and English typography: a
/// straight `'` between two letters ("Don't", "geht's") becomes `’`.
pub fn typographic(text: &str) -> String {
    if !text.contains('\'') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters =
                i > 0 && chars[i - 1].is_alphabetic() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if c == '\'' && between_letters { '’' } else { c }
        })
        .collect()
}

/// Sets every visible text of the minutes with [`typographic`]; link
/// addresses, and links that show their address, stay as they are.
pub fn typeset(m: &mut Minutes) {
    let t = |s: &mut String| *s = typographic(s);
    t(&mut m.title);
    if let Some(n) = &mut m.newsletter {
        t(n);
    }
    for block in &mut m.blocks {
        match block {
            Block::Title {
                text,
                subtitle,
                inlines,
            } => {
                t(text);
                if let Some(sub) = subtitle {
                    t(sub);
                }
                typeset_runs(inlines);
            }
            Block::Heading { text, inlines } => {
                t(text);
                typeset_runs(inlines);
            }
            Block::Subheading { text, .. } => t(text),
            Block::Paragraph { inlines, .. } => typeset_runs(inlines),
            Block::List { items } => items.iter_mut().for_each(|i| typeset_runs(&mut i.inlines)),
            Block::Table(table) => {
                t(&mut table.caption);
                table.headers.iter_mut().for_each(t);
                for column in &mut table.columns {
                    column.iter_mut().for_each(|Rich { inlines, .. }| typeset_runs(inlines));
                }
                if let Some(source) = &mut table.source {
                    typeset_runs(source);
                }
            }
        }
    }
}

fn typeset_runs(runs: &mut [Inline]) {
    for run in runs {
        match run {
            Inline::Text { text } | Inline::Strong { text } | Inline::Emph { text } => *text = typographic(text),
            Inline::Link { text, url } if text != url => *text = typographic(text),
            Inline::Lang { runs, .. } => typeset_runs(runs),
            Inline::Link { .. } | Inline::Break => {}
        }
    }
}

/// When the meeting began as RFC 3339 in UTC: its date and start (midnight
/// without one) in the plan's zone (read as UTC when it names none).
pub fn meeting_start_utc(plan: &Plan) -> String {
    use chrono::TimeZone;
    let local = plan.date.0.and_time(plan.start.map(|s| s.0).unwrap_or_default());
    let zoned = plan
        .timezone
        .as_deref()
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
        .and_then(|zone| zone.from_local_datetime(&local).earliest())
        .map(|t| t.naive_utc());
    zoned.unwrap_or(local).format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn apostrophes_between_letters_become_typographic_and_quotes_stay() {
        assert_eq!(typographic("Don'ts"), "Don’ts");
        assert_eq!(typographic("geht's 'so' l'été"), "geht’s 'so' l’été");
        assert_eq!(typographic("'90 x'"), "'90 x'");
    }

    #[test]
    fn fill_splices_runs_and_merges_plain_text() {
        let lang = Inline::Lang {
            lang: "de",
            runs: vec![Inline::text("Netz")],
        };
        assert_eq!(
            fill(
                &format!("a {ARG0} b {ARG1}."),
                &[vec![lang.clone()], vec![Inline::text("c")]]
            ),
            [Inline::text("a "), lang, Inline::text(" b c.")]
        );
    }

    proptest! {
        /// Only the apostrophe changes, and only between letters.
        #[test]
        fn typography_changes_nothing_but_apostrophes_between_letters(s in "[a-zA-Zäß' .,-]{0,40}") {
            let out = typographic(&s);
            prop_assert_eq!(out.chars().count(), s.chars().count());
            for (i, (a, b)) in s.chars().zip(out.chars()).enumerate() {
                if a != b {
                    let v: Vec<char> = s.chars().collect();
                    prop_assert!(a == '\'' && b == '’');
                    prop_assert!(v[i - 1].is_alphabetic() && v[i + 1].is_alphabetic());
                }
            }
            prop_assert!(!out.chars().collect::<Vec<_>>().windows(3).any(|w| w[0].is_alphabetic() && w[1] == '\'' && w[2].is_alphabetic()));
        }
    }
}
