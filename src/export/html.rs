//! Minutes as HTML, rendered with a minijinja template (an embedded
//! default, or the user's own with `--template`): a whole page, the body
//! only for a CMS (`--fragment`), or a page with inline styles for e-mail
//! (`--email`). Auto-escaping is on: note text can never inject markup,
//! and only `& < > "` are escaped so "/" and "'" stay readable.
use minijinja::{AutoEscape, Environment, Value, context};

use super::doc::Minutes;
use crate::error::{Error, Result};

/// The embedded default template.
pub const DEFAULT_TEMPLATE: &str = include_str!("minutes.html.j2");

/// Which HTML to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A self-contained page.
    #[default]
    Page,
    /// The body's content only, for pasting into a CMS.
    Fragment,
    /// A page whose styles are inlined into every element, for e-mail.
    Email,
}

/// A user's template: its file name (for error messages) and its text.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub source: String,
}

/// Renders the minutes with `template` (the default when `None`).
pub fn render(m: &Minutes, template: Option<&Template>, mode: Mode) -> Result<String> {
    let name = template.map_or("minutes.html.j2", |t| t.name.as_str());
    let source = template.map_or(DEFAULT_TEMPLATE, |t| t.source.as_str());
    let fail = |e: minijinja::Error| Error::Invalid(format!("template {name}: {e:#}"));
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_formatter(escape_formatter);
    env.add_template(name, source).map_err(fail)?;
    let html = env
        .get_template(name)
        .map_err(fail)?
        .render(context! {
            minutes => m,
            lang => m.lang,
            title => &m.title,
            newsletter => &m.newsletter,
            blocks => &m.blocks,
            fragment => mode == Mode::Fragment,
            email => mode == Mode::Email,
        })
        .map_err(fail)?;
    match mode {
        Mode::Email => inline_styles(&html),
        Mode::Page | Mode::Fragment => Ok(html),
    }
}

/// Moves the page's `<style>` rules into `style` attributes, so mail
/// clients that drop `<style>` (Outlook, Gmail) keep the table's borders.
fn inline_styles(html: &str) -> Result<String> {
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_style_tags(false)
        .build();
    inliner
        .inline(html)
        .map_err(|e| Error::Invalid(format!("e-mail HTML: {e}")))
}

/// Writes a value, escaping only what HTML needs in text and in
/// double-quoted attributes.
fn escape_formatter(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if !value.is_safe() && state.auto_escape() != AutoEscape::None => {
            let mut escaped = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}
