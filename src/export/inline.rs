//! The small inline Markdown subset that notes and plan texts may use:
//! links `[text](url)` and `<url>`, bare `http(s)://` URLs, `**bold**` and
//! `*italic*`, parsed with a CommonMark parser. Everything else (headings,
//! lists, code, HTML) stays literal text; line breaks are kept.
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

/// A run of text inside a paragraph, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Inline {
    /// Plain text.
    Text { text: String },
    /// Bold text.
    Strong { text: String },
    /// Italic text.
    Emph { text: String },
    /// A link; `url` is always http(s) or mailto.
    Link { text: String, url: String },
    /// A line break written inside a note.
    Break,
    /// Runs in another language than the document's: plan text in minutes
    /// exported in the plan's other language. Never nested.
    Lang { lang: &'static str, runs: Vec<Inline> },
}

impl Inline {
    /// Plain text.
    pub fn text(t: impl Into<String>) -> Inline {
        Inline::Text { text: t.into() }
    }

    /// The visible text (empty for a line break and a language span,
    /// whose runs carry the text; see [`flatten`]).
    pub fn visible(&self) -> &str {
        match self {
            Inline::Text { text } | Inline::Strong { text } | Inline::Emph { text } | Inline::Link { text, .. } => text,
            Inline::Break | Inline::Lang { .. } => "",
        }
    }
}

/// The runs with language spans dissolved into their runs, for formats
/// that do not mark languages inline.
pub fn flatten(inlines: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for run in inlines {
        match run {
            Inline::Lang { runs, .. } => out.extend(flatten(runs)),
            other => out.push(other.clone()),
        }
    }
    out
}

/// The text of runs as one string; line breaks become `\n`.
pub fn plain(inlines: &[Inline]) -> String {
    flatten(inlines)
        .iter()
        .map(|i| match i {
            Inline::Break => "\n",
            other => other.visible(),
        })
        .collect()
}

/// Parses `text` (the subset above) into runs.
pub fn parse(text: &str) -> Vec<Inline> {
    let source = literal_block_starts(text);
    let mut out: Vec<Inline> = Vec::new();
    let mut strong = 0usize;
    let mut emph = 0usize;
    let mut link: Option<(String, String)> = None;
    let mut paragraphs = 0usize;
    for event in Parser::new_ext(&source, pulldown_cmark::Options::empty()) {
        match event {
            Event::Start(Tag::Paragraph) => {
                if paragraphs > 0 {
                    out.push(Inline::Break);
                }
                paragraphs += 1;
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = link.take() {
                    push_link(&mut out, text, url);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some((_, text)) = link.as_mut() {
                    text.push_str(&t);
                } else if strong > 0 {
                    push(&mut out, Inline::Strong { text: t.to_string() });
                } else if emph > 0 {
                    push(&mut out, Inline::Emph { text: t.to_string() });
                } else {
                    push_text_with_urls(&mut out, &t);
                }
            }
            Event::SoftBreak | Event::HardBreak => match link.as_mut() {
                Some((_, text)) => text.push(' '),
                None => out.push(Inline::Break),
            },
            _ => {}
        }
    }
    out
}

/// Links every occurrence of each phrase in the plain-text runs.
pub fn link_phrases(inlines: Vec<Inline>, phrases: &std::collections::BTreeMap<String, String>) -> Vec<Inline> {
    let mut runs = inlines;
    for (phrase, url) in phrases {
        if phrase.is_empty() || !safe_url(url) {
            continue;
        }
        runs = runs
            .into_iter()
            .flat_map(|run| match run {
                Inline::Text { text } if text.contains(phrase.as_str()) => {
                    let mut parts = Vec::new();
                    let mut rest = text.as_str();
                    while let Some(at) = rest.find(phrase.as_str()) {
                        if at > 0 {
                            parts.push(Inline::text(&rest[..at]));
                        }
                        parts.push(Inline::Link {
                            text: phrase.clone(),
                            url: url.clone(),
                        });
                        rest = &rest[at + phrase.len()..];
                    }
                    if !rest.is_empty() {
                        parts.push(Inline::text(rest));
                    }
                    parts
                }
                other => vec![other],
            })
            .collect();
    }
    runs
}

/// A link whose URL may be followed: http(s) or mailto, no spaces.
pub fn safe_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn push_link(out: &mut Vec<Inline>, text: String, url: String) {
    if safe_url(&url) {
        let text = if text.trim().is_empty() { url.clone() } else { text };
        out.push(Inline::Link { text, url });
    } else {
        push(out, Inline::Text { text });
    }
}

/// Appends a run, merging it into the previous one of the same kind.
fn push(out: &mut Vec<Inline>, run: Inline) {
    match (out.last_mut(), run) {
        (Some(Inline::Text { text: a }), Inline::Text { text: b })
        | (Some(Inline::Strong { text: a }), Inline::Strong { text: b })
        | (Some(Inline::Emph { text: a }), Inline::Emph { text: b }) => a.push_str(&b),
        (_, run) => out.push(run),
    }
}

/// Plain text in which bare `http(s)://` URLs become links.
fn push_text_with_urls(out: &mut Vec<Inline>, text: &str) {
    let mut rest = text;
    while let Some(start) = find_url_start(rest) {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '“', '”', '‘', '’', '\'']);
        // Keep a closing parenthesis that belongs to the URL itself.
        let url = if tail[..end].starts_with(url) && url.contains('(') && tail[url.len()..].starts_with(')') {
            &tail[..url.len() + 1]
        } else {
            url
        };
        if url.len() <= "https://".len() {
            push(out, Inline::text(&rest[..start + end]));
            rest = &rest[start + end..];
            continue;
        }
        if start > 0 {
            push(out, Inline::text(&rest[..start]));
        }
        out.push(Inline::Link {
            text: url.to_string(),
            url: url.to_string(),
        });
        rest = &rest[start + url.len()..];
    }
    if !rest.is_empty() {
        push(out, Inline::text(rest));
    }
}

fn find_url_start(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Escapes what would start a block (list, heading, quote, code, rule,
/// table) at the start of a line, so only the inline subset is parsed.
fn literal_block_starts(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split('\n')
        .map(|line| {
            let line = line.trim_start();
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            if line.starts_with(['-', '+', '#', '>', '=', '|', '`', '~', '_']) || line.starts_with("* ") {
                format!("\\{line}")
            } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, url: &str) -> Inline {
        Inline::Link {
            text: text.into(),
            url: url.into(),
        }
    }

    #[test]
    fn links_bare_urls_bold_and_italic_are_recognised() {
        assert_eq!(
            parse("Mehr bei [UPJ](https://upj.de) und <https://upj.de>."),
            [
                Inline::text("Mehr bei "),
                link("UPJ", "https://upj.de"),
                Inline::text(" und "),
                link("https://upj.de", "https://upj.de"),
                Inline::text("."),
            ]
        );
        assert_eq!(
            parse("Siehe https://example.org/a_b?x=1, dann **fett** und *kursiv*"),
            [
                Inline::text("Siehe "),
                link("https://example.org/a_b?x=1", "https://example.org/a_b?x=1"),
                Inline::text(", dann "),
                Inline::Strong { text: "fett".into() },
                Inline::text(" und "),
                Inline::Emph { text: "kursiv".into() },
            ]
        );
    }

    #[test]
    fn block_syntax_and_unsafe_links_stay_literal_and_breaks_are_kept() {
        assert_eq!(
            parse("- eins\n# zwei\n1. drei"),
            [
                Inline::text("- eins"),
                Inline::Break,
                Inline::text("# zwei"),
                Inline::Break,
                Inline::text("1. drei"),
            ]
        );
        assert_eq!(parse("[x](javascript:alert(1))"), [Inline::text("x")]);
        assert_eq!(parse("<b>fett</b> & so"), [Inline::text("<b>fett</b> & so")]);
    }

    #[test]
    fn phrases_become_links_in_plain_runs() {
        let phrases = [(
            "Stadtteilpaten Nürnberg".to_string(),
            "https://example.org/paten".to_string(),
        )]
        .into();
        assert_eq!(
            link_phrases(parse("- Stadtteilpaten Nürnberg (2019)"), &phrases),
            [
                Inline::text("- "),
                link("Stadtteilpaten Nürnberg", "https://example.org/paten"),
                Inline::text(" (2019)"),
            ]
        );
    }
}
