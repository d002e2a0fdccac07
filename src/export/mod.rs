//! Minutes of a session in the structure of the reference newsletter, as
//! Markdown, HTML, plain text, Word, PDF or JSON, in German or English,
//! for the people who were there (internal) or for publication (public).
pub mod doc;
pub mod docx;
pub mod history;
pub mod html;
pub mod ics;
pub mod inline;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod privacy;
pub mod run_sheet;
pub mod text;

use crate::error::{Error, Result};
use crate::model::{Lang, Plan, SessionState};
pub use privacy::Audience;

/// Output format of the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CommonMark.
    Md,
    /// A self-contained HTML5 page.
    Html,
    /// Plain text wrapped at 72 columns.
    Txt,
    /// The consolidated session as JSON.
    Json,
    /// An iCalendar invitation to the next meeting.
    Ics,
    /// A Word document (.docx).
    Docx,
    /// An A4 PDF with page numbers.
    Pdf,
}

impl Format {
    /// True for formats that are not text (written as bytes).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }
}

/// What to export and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: Option<Format>,
    /// Language of the headings; the session's when `None`.
    pub lang: Option<Lang>,
    pub audience: Audience,
    /// A minijinja template replacing the default HTML one.
    pub template: Option<html::Template>,
    /// Page, fragment or e-mail HTML.
    pub html: html::Mode,
    /// The time of the export in ms since the epoch (the iCalendar
    /// `DTSTAMP`); the caller reads the clock, export never does.
    pub now_ms: i64,
    /// Public minutes: what becomes of doubtful mentions nobody decided.
    pub undecided: privacy::publish::Undecided,
}

/// Renders the minutes of a text format.
pub fn render(plan: &Plan, state: &SessionState, opts: &Options) -> Result<String> {
    let bytes = render_bytes(plan, state, opts)?;
    let says = crate::i18n::export_says(opts.lang.unwrap_or(plan.lang));
    String::from_utf8(bytes).map_err(|_| Error::Invalid(says.not_text().into()))
}

/// Renders the minutes in any format.
pub fn render_bytes(plan: &Plan, state: &SessionState, opts: &Options) -> Result<Vec<u8>> {
    let lang = opts.lang.unwrap_or(plan.lang);
    let says = crate::i18n::export_says(lang);
    let format = opts.format.unwrap_or(Format::Md);
    // Every text goes through the privacy rules and the sanitiser first:
    // public minutes print a published copy (names replaced as decided).
    let (published, safe);
    let (plan, state) = match opts.audience {
        Audience::Public => {
            published = privacy::publish::publish(plan, state, lang, opts.undecided)?;
            refuse_undecided(&published, opts.undecided, lang)?;
            (&published.plan, &published.state)
        }
        Audience::Internal if format == Format::Json => (plan, state),
        Audience::Internal => {
            safe = privacy::publish::internal(state);
            (plan, &safe)
        }
    };
    if let Some(t) = &opts.template {
        if format != Format::Html {
            return Err(Error::Invalid(says.template_html_only(&t.name)));
        }
    }
    if opts.html != html::Mode::Page && format != Format::Html {
        return Err(Error::Invalid(says.html_modes_only().into()));
    }
    let minutes = || doc::build(plan, state, lang, opts.audience);
    Ok(match format {
        Format::Json => json::render(plan, state, opts.audience).into_bytes(),
        Format::Ics => {
            let now = opts.now_ms;
            match opts.audience {
                Audience::Public => {
                    ics::render(&privacy::Redactor::try_new(&plan.people, lang)?.plan(plan), lang, now)?
                }
                Audience::Internal => ics::render(plan, lang, now)?,
            }
            .into_bytes()
        }
        Format::Md => markdown::render(&minutes()).into_bytes(),
        Format::Txt => text::render(&minutes()).into_bytes(),
        Format::Html => html::render(&minutes(), opts.template.as_ref(), opts.html)?.into_bytes(),
        Format::Docx => docx::render(&minutes(), opts.now_ms)?,
        Format::Pdf => pdf::render(&minutes())?,
    })
}

/// What public minutes of a session would change, for `--public` and
/// `--check-public`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicReport {
    /// Mentions replaced by `[Name]` (certain ones and those decided so).
    pub replaced: usize,
    /// Doubtful mentions nobody decided about, one line each, in the
    /// session's language.
    pub uncertain: Vec<String>,
}

/// What publishing the session would replace, and every doubtful mention
/// that is still undecided.
pub fn check_public(plan: &Plan, state: &SessionState) -> Result<PublicReport> {
    let published = privacy::publish::publish(plan, state, plan.lang, privacy::publish::Undecided::Refuse)?;
    Ok(PublicReport {
        replaced: published.replaced,
        uncertain: published
            .undecided()
            .map(|d| privacy::publish::describe(plan, d, plan.lang))
            .collect(),
    })
}

/// Public minutes are refused while doubtful mentions are undecided
/// (unless they are all to be replaced): the error names each.
fn refuse_undecided(
    published: &privacy::publish::Publication,
    undecided: privacy::publish::Undecided,
    lang: crate::model::Lang,
) -> Result<()> {
    let open: Vec<&privacy::publish::Doubtful> = published.undecided().collect();
    if open.is_empty() || undecided == privacy::publish::Undecided::Redact {
        return Ok(());
    }
    let lines: Vec<String> = open
        .iter()
        .map(|d| format!("  {}", privacy::publish::describe(&published.plan, d, lang)))
        .collect();
    Err(Error::Problems(
        crate::i18n::export_says(lang).undecided(open.len(), &lines.join("\n")),
    ))
}
