//! Minutes as CommonMark: headings, paragraphs and lists (the two-column
//! table as its two lists, each under its heading); links, bold and
//! italic as Markdown, a note's line breaks kept.
use super::doc::{Block, Inline, Minutes, Rich, TwoColumnTable};
use super::inline::flatten;

/// Renders the minutes as Markdown.
pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    for block in &m.blocks {
        match block {
            Block::Title { text, subtitle, .. } => {
                out.push_str(&format!("# {}\n\n", escape_line(text)));
                if let Some(sub) = subtitle {
                    out.push_str(&format!("*{}*\n\n", escape(sub)));
                }
            }
            Block::Heading { text, .. } => out.push_str(&format!("## {}\n\n", escape_line(text))),
            Block::Subheading { text, .. } => out.push_str(&format!("### {}\n\n", escape_line(text))),
            Block::Paragraph { inlines, .. } => {
                out.push_str(&inlines_md(inlines, "\n"));
                out.push_str("\n\n");
            }
            Block::List { items } => list(&mut out, items),
            Block::Table(table) => two_lists(&mut out, table),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn list(out: &mut String, items: &[Rich]) {
    for item in items {
        out.push_str(&format!("- {}\n", inlines_md(&item.inlines, "\n  ")));
    }
    out.push('\n');
}

/// Runs as Markdown; a line break becomes a hard break followed by
/// `newline` (the indentation of a list item's continuation).
fn inlines_md(inlines: &[Inline], newline: &str) -> String {
    let mut lines = vec![String::new()];
    for run in &flatten(inlines) {
        let Some(line) = lines.last_mut() else { break };
        match run {
            Inline::Text { text } => line.push_str(&escape(text)),
            Inline::Strong { text } => line.push_str(&format!("**{}**", escape(text))),
            Inline::Emph { text } => line.push_str(&format!("*{}*", escape(text))),
            Inline::Link { text, url } if text == url => line.push_str(&format!("<{url}>")),
            Inline::Link { text, url } => line.push_str(&format!("[{}]({})", escape(text), link_destination(url))),
            Inline::Break => lines.push(String::new()),
            Inline::Lang { .. } => {}
        }
    }
    lines
        .iter()
        .map(|l| escape_line(l))
        .collect::<Vec<_>>()
        .join(&format!("\\{newline}"))
}

/// A link destination that survives any URL: in `<…>` when it has
/// parentheses or spaces.
fn link_destination(url: &str) -> String {
    if url.contains(['(', ')', ' ', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

/// The table as its caption in bold, each column as a list under its
/// heading in italics (Markdown has no lists inside table cells), and its
/// source.
fn two_lists(out: &mut String, table: &TwoColumnTable) {
    out.push_str(&format!("**{}**\n\n", escape(&table.caption)));
    for (header, items) in table.headers.iter().zip(&table.columns) {
        out.push_str(&format!("*{}*\n\n", cell(header)));
        list(out, items);
    }
    if let Some(source) = &table.source {
        out.push_str(&inlines_md(source, " "));
        out.push_str("\n\n");
    }
}

/// Escapes characters that CommonMark would interpret inline.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity_start = c == '&' && chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        if entity_start || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        match c {
            '\r' => {}
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn escape_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &trimmed[digits..];
    if trimmed.starts_with(['-', '+', '=']) {
        format!("{indent}\\{trimmed}")
    } else if digits > 0
        && (after_digits.starts_with(". ")
            || after_digits.starts_with(") ")
            || after_digits == "."
            || after_digits == ")")
    {
        format!("{indent}{}\\{}", &trimmed[..digits], after_digits)
    } else {
        // Leading spaces of four or more would make a code block.
        format!("{}{trimmed}", if indent.len() >= 4 { "" } else { indent })
    }
}

fn cell(text: &str) -> String {
    escape(&text.replace('\n', " "))
}
