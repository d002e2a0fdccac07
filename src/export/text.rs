//! Minutes as plain text for an email body: wrapped at 72 columns by
//! display width, the table as two lists side by side, links spelled out
//! as "text (URL)" — or "text, URL" inside parentheses, so brackets never
//! nest. A URL is never broken, and a dash never starts a line.
use unicode_width::UnicodeWidthStr;

use super::doc::{Block, Inline, Minutes, Rich, TwoColumnTable};
use super::inline::flatten;

/// Runs as plain text: links spelled out, line breaks kept.
pub fn spelled_out(inlines: &[Inline]) -> String {
    let mut out = String::new();
    // How many parentheses are open in the text so far (not in URLs).
    let mut depth = 0usize;
    let count = |text: &str, depth: &mut usize| {
        for c in text.chars() {
            match c {
                '(' => *depth += 1,
                ')' => *depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    };
    for run in &flatten(inlines) {
        match run {
            Inline::Link { text, url } if text == url => out.push_str(url),
            Inline::Link { text, url } => {
                count(text, &mut depth);
                if depth > 0 {
                    out.push_str(&format!("{text}, {url}"));
                } else {
                    out.push_str(&format!("{text} ({url})"));
                }
            }
            Inline::Break => out.push('\n'),
            other => {
                count(other.visible(), &mut depth);
                out.push_str(other.visible());
            }
        }
    }
    out
}

/// Line width of the text minutes.
pub const WIDTH: usize = 72;
const GAP: usize = 3;

/// Renders the minutes as plain text.
pub fn render(m: &Minutes) -> String {
    let mut out: Vec<String> = Vec::new();
    for block in &m.blocks {
        match block {
            Block::Title { text, subtitle, .. } => {
                let lines = wrap(text, WIDTH, "", "");
                let underline = "=".repeat(lines.iter().map(|l| l.width()).max().unwrap_or(0));
                out.extend(lines);
                out.push(underline);
                if let Some(sub) = subtitle {
                    out.extend(wrap(sub, WIDTH, "", ""));
                }
            }
            Block::Heading { text, .. } => {
                let lines = wrap(text, WIDTH, "", "");
                let underline = "-".repeat(lines.iter().map(|l| l.width()).max().unwrap_or(0));
                out.extend(lines);
                out.push(underline);
            }
            Block::Subheading { text, .. } => out.extend(wrap(&format!("{text}:"), WIDTH, "", "")),
            Block::Paragraph { inlines, .. } => out.extend(wrap(&spelled_out(inlines), WIDTH, "", "")),
            Block::List { items } => out.extend(list(items, WIDTH)),
            Block::Table(table) => out.extend(aligned_table(table)),
        }
        out.push(String::new());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// A bullet list wrapped to `width`.
fn list(items: &[Rich], width: usize) -> Vec<String> {
    items
        .iter()
        .flat_map(|item| wrap(&spelled_out(&item.inlines), width, "- ", "  "))
        .collect()
}

/// The table as its caption, its two lists side by side under their
/// headings (each list wrapped on its own, not paired item by item) and
/// its source.
fn aligned_table(table: &TwoColumnTable) -> Vec<String> {
    let mut out = wrap(&table.caption, WIDTH, "", "");
    out.push(String::new());
    let col = (WIDTH - GAP) / 2;
    let [left, right] = &table.headers;
    out.extend(side_by_side(&wrap(left, col, "", ""), &wrap(right, col, "", ""), col));
    out.push(format!("{}{}{}", "-".repeat(col), " ".repeat(GAP), "-".repeat(col)));
    let [left, right] = &table.columns;
    out.extend(side_by_side(&list(left, col), &list(right, col), col));
    if let Some(source) = &table.source {
        out.push(String::new());
        out.extend(wrap(&spelled_out(source), WIDTH, "", ""));
    }
    out
}

/// Two columns of lines next to each other.
fn side_by_side(l: &[String], r: &[String], col: usize) -> Vec<String> {
    (0..l.len().max(r.len()))
        .map(|i| {
            let left = l.get(i).map(String::as_str).unwrap_or("");
            let right = r.get(i).map(String::as_str).unwrap_or("");
            let pad = col.saturating_sub(left.width()) + GAP;
            format!("{left}{}{right}", " ".repeat(pad)).trim_end().to_string()
        })
        .collect()
}

/// Wraps text by display width; explicit newlines are kept. A dash
/// between words stays on the line before it, and a URL is never broken
/// (a line holding a longer URL runs over the width instead).
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    if clean.trim().is_empty() {
        return vec![first.trim_end().to_string()];
    }
    let mut out = Vec::new();
    for (i, line) in clean.split('\n').enumerate() {
        let glued = line.replace(" – ", "\u{a0}– ").replace(" — ", "\u{a0}— ");
        let indent = if i == 0 { first } else { rest };
        for wrapped in wrap_line(&glued, width, indent, rest, false) {
            if wrapped.width() > width && !wrapped.contains("://") {
                out.extend(wrap_line(&wrapped, width, "", rest, true));
            } else {
                out.push(wrapped);
            }
        }
    }
    out.into_iter().map(|l| l.replace('\u{a0}', " ")).collect()
}

fn wrap_line(line: &str, width: usize, first: &str, rest: &str, break_words: bool) -> Vec<String> {
    let opts = textwrap::Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(break_words)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::Custom(split_points));
    textwrap::wrap(line, opts)
        .into_iter()
        .map(|c| c.trim_end().to_string())
        .collect()
}

/// Where a word may break at the end of a line: at its hyphens, unless it
/// holds a URL, which is never broken.
fn split_points(word: &str) -> Vec<usize> {
    if word.contains("://") {
        Vec::new()
    } else {
        textwrap::WordSplitter::HyphenSplitter.split_points(word)
    }
}
