//! Minutes of a session in the structure of the reference newsletter, as
//! Markdown, HTML, plain text or JSON, in German or English, for the
//! people who were there (internal) or for publication (public).
pub mod doc;
pub mod html;
pub mod json;
pub mod markdown;
pub mod privacy;
pub mod run_sheet;
pub mod text;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Lang, Plan, SessionState};
use crate::store::log::sync_dir;
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
}

/// What to export and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub format: Option<Format>,
    /// Language of the headings; the session's when `None`.
    pub lang: Option<Lang>,
    pub audience: Audience,
    /// A minijinja template replacing the default HTML one.
    pub template: Option<String>,
}

/// Renders the minutes.
pub fn render(plan: &Plan, state: &SessionState, opts: &Options) -> Result<String> {
    let lang = opts.lang.unwrap_or(plan.lang);
    let format = opts.format.unwrap_or(Format::Md);
    let minutes = || doc::build(plan, state, lang, opts.audience);
    match format {
        Format::Json => Ok(json::render(plan, state, opts.audience)),
        Format::Ics => crate::series::ics(plan, chrono::Utc::now().timestamp_millis()),
        Format::Md => Ok(markdown::render(&minutes())),
        Format::Txt => Ok(text::render(&minutes())),
        Format::Html => html::render(&minutes(), opts.template.as_deref()),
    }
}

/// Every place where a non-consenting person's name would appear in public
/// minutes: `where: name ("as found")`, one per line.
pub fn check_public(plan: &Plan, state: &SessionState) -> Vec<String> {
    let r = privacy::Redactor::new(&plan.people, plan.lang);
    let mut out = Vec::new();
    let scan = |out: &mut Vec<String>, place: String, text: &str| {
        for hit in r.hits(text) {
            out.push(format!("{place}: {} (as {:?})", hit.name, hit.found));
        }
    };
    scan(&mut out, "title".into(), &plan.title);
    if let Some(t) = &plan.intro {
        scan(&mut out, "intro".into(), t);
    }
    if let Some(t) = &plan.closing {
        scan(&mut out, "closing".into(), t);
    }
    for board in &plan.boards {
        for (field, value) in [
            ("title", Some(&board.title)),
            ("question", board.question.as_ref()),
            ("speaker", board.speaker.as_ref()),
            ("source", board.source.as_ref()),
        ] {
            if let Some(v) = value {
                scan(&mut out, format!("board {} {field}", board.id), v);
            }
        }
        for section in &board.sections {
            for note in state.notes_in(&board.id, &section.id) {
                scan(
                    &mut out,
                    format!("board {} section {} note {}", board.id, section.id, note.id),
                    &note.text,
                );
                if let Some(by) = &note.by {
                    if !r.may_name_author(by) {
                        out.push(format!(
                            "board {} section {} note {}: author {by:?} (omitted in public minutes)",
                            board.id, section.id, note.id
                        ));
                    }
                }
            }
        }
    }
    out
}

/// Writes `content` to `path` atomically: a temp file in the same folder,
/// fsynced, renamed over the target, and the folder fsynced.
pub fn write_atomically(path: &Path, content: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    tmp.write_all(content).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(&dir)
}
