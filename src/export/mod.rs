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
}

/// Renders the minutes of a text format.
pub fn render(plan: &Plan, state: &SessionState, opts: &Options) -> Result<String> {
    let bytes = render_bytes(plan, state, opts)?;
    String::from_utf8(bytes).map_err(|_| Error::Invalid("this format is not text; write it with -o FILE".into()))
}

/// Renders the minutes in any format.
pub fn render_bytes(plan: &Plan, state: &SessionState, opts: &Options) -> Result<Vec<u8>> {
    let lang = opts.lang.unwrap_or(plan.lang);
    let format = opts.format.unwrap_or(Format::Md);
    if opts.audience == Audience::Public {
        // Never publish if a name pattern cannot be built.
        privacy::Redactor::try_new(&plan.people, lang)?;
    }
    if let Some(t) = &opts.template {
        if format != Format::Html {
            return Err(Error::Invalid(format!(
                "--template {} applies to --format html only",
                t.name
            )));
        }
    }
    if opts.html != html::Mode::Page && format != Format::Html {
        return Err(Error::Invalid(
            "--fragment and --email apply to --format html only".into(),
        ));
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
    /// Mentions of non-consenting people that are replaced by `[Name]`.
    pub replaced: usize,
    /// Replaced mentions a human should look at (`where: "found" (name) — why`).
    pub uncertain: Vec<String>,
}

/// Scans every text of the plan (except the list of people) and every note
/// for mentions of people who did not agree to be named.
pub fn check_public(plan: &Plan, state: &SessionState) -> Result<PublicReport> {
    let r = privacy::Redactor::try_new(&plan.people, plan.lang)?;
    let mut report = PublicReport::default();
    let mut scan = |place: &str, text: &str| {
        for hit in r.hits(text) {
            report.replaced += 1;
            if let Some(doubt) = hit.doubt {
                report
                    .uncertain
                    .push(format!("{place}: {:?} ({}) — {doubt}", hit.found, hit.name));
            }
        }
    };
    let mut plan_value = serde_json::to_value(plan).unwrap_or(serde_json::Value::Null);
    if let Some(fields) = plan_value.as_object_mut() {
        fields.remove("people");
    }
    each_string(&plan_value, "plan", &mut scan);
    for note in state.live_notes() {
        scan(&format!("board {} note {}", note.board, note.id), &note.text);
    }
    Ok(report)
}

/// Calls `f(path, text)` for every string in a JSON value.
fn each_string(v: &serde_json::Value, path: &str, f: &mut impl FnMut(&str, &str)) {
    match v {
        serde_json::Value::String(s) => f(path, s),
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                each_string(x, &format!("{path}/{i}"), f);
            }
        }
        serde_json::Value::Object(fields) => {
            for (k, x) in fields {
                each_string(x, &format!("{path}/{k}"), f);
            }
        }
        _ => {}
    }
}
