//! Minutes as one self-contained HTML5 page, rendered with a minijinja
//! template (an embedded default, or the user's own with `--template`).
//! Auto-escaping is on: note text can never inject markup.
use minijinja::{AutoEscape, Environment, context};

use super::doc::Minutes;
use crate::error::{Error, Result};

/// The embedded default template.
pub const DEFAULT_TEMPLATE: &str = include_str!("minutes.html.j2");

/// Renders the minutes with `template` (the default when `None`).
pub fn render(m: &Minutes, template: Option<&str>) -> Result<String> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("minutes", template.unwrap_or(DEFAULT_TEMPLATE))
        .map_err(|e| Error::Invalid(format!("template: {e}")))?;
    let tmpl = env
        .get_template("minutes")
        .map_err(|e| Error::Invalid(format!("template: {e}")))?;
    tmpl.render(context! { minutes => m, lang => m.lang, title => &m.title, blocks => &m.blocks })
        .map_err(|e| Error::Invalid(format!("template: {e}")))
}
