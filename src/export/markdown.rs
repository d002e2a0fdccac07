//! Minutes as CommonMark: headings, paragraphs, lists and a pipe table.
use super::doc::{Block, Inline, Minutes};

/// Renders the minutes as Markdown.
pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    for block in &m.blocks {
        match block {
            Block::Title { text, subtitle } => {
                out.push_str(&format!("# {}\n\n", escape_line(text)));
                if let Some(sub) = subtitle {
                    out.push_str(&format!("*{}*\n\n", escape(sub)));
                }
            }
            Block::Heading { text } => out.push_str(&format!("## {}\n\n", escape_line(text))),
            Block::Subheading { text } => out.push_str(&format!("### {}\n\n", escape_line(text))),
            Block::Paragraph { inlines } => {
                let text: String = inlines
                    .iter()
                    .map(|i| match i {
                        Inline::Text(t) => escape(t),
                        Inline::Strong(t) => format!("**{}**", escape(t)),
                    })
                    .collect();
                out.push_str(&escape_line_starts(&text));
                out.push_str("\n\n");
            }
            Block::List { items } => {
                for item in items {
                    let body = escape_line_starts(&escape(item)).replace('\n', "\n  ");
                    out.push_str(&format!("- {body}\n"));
                }
                out.push('\n');
            }
            Block::Table { caption, headers, rows } => {
                out.push_str(&format!("**{}**\n\n", escape(caption)));
                out.push_str(&format!(
                    "| {} | {} |\n| --- | --- |\n",
                    cell(&headers[0]),
                    cell(&headers[1])
                ));
                for [l, r] in rows {
                    out.push_str(&format!("| {} | {} |\n", cell(l), cell(r)));
                }
                out.push('\n');
            }
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
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

/// Escapes markers that would start a block (list, heading, quote) at the
/// beginning of a line.
fn escape_line_starts(text: &str) -> String {
    text.split('\n').map(escape_line).collect::<Vec<_>>().join("\n")
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
