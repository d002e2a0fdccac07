//! Creating a session folder: a new plan, or the next meeting of a series
//! with the open topics of the last one carried over.
use std::io::Write;
use std::path::Path;

use super::files::{create_dir_durably, create_new_file, sync_dir};
use super::scan::session_name;
use super::{PLAN_FILE, Session};
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::model::plan::Date;
use crate::model::problem::StoreProblem;
use crate::model::series::{Carried, SeriesWords, TOPICS_BOARD, findings_left, next_plan, open_topics};

/// Creates a session folder with `plan`; refuses a non-empty folder.
pub fn create_session(dir: &Path, plan: &Plan) -> Result<()> {
    if dir.exists() {
        // A folder just shared with a sync engine holds its markers only.
        if !crate::store::sync::holds_only_engine_files(dir)? {
            return Err(Error::Store(StoreProblem::FolderNotEmpty {
                path: dir.to_path_buf(),
            }));
        }
    }
    create_dir_durably(dir)?;
    // The log folder is shared by everyone who writes: made now, by whoever
    // sets the session up, not by the first writer with their umask.
    create_dir_durably(&dir.join(crate::store::LOG_DIR))?;
    let path = dir.join(PLAN_FILE);
    let json = plan.to_pretty_json()?;
    let mut file = create_new_file(&path)?;
    file.write_all(json.as_bytes()).map_err(|e| Error::io(&path, e))?;
    file.sync_all().map_err(|e| Error::io(&path, e))?;
    sync_dir(dir)
}

/// What `new --from` took from the last meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedOver {
    /// The open topics, now on the new meeting's topics board.
    pub topics: Vec<Carried>,
    /// Findings left behind: neither starred, flagged nor done.
    pub findings_left: usize,
}

/// Creates the next meeting in `dir` from the session in `prev_dir`;
/// returns what was carried and what was left.
/// The new plan's words come from `words`, given the last meeting's language.
pub fn new_from(
    dir: &Path,
    prev_dir: &Path,
    date: Option<Date>,
    title: Option<&str>,
    words: impl FnOnce(crate::model::Lang) -> SeriesWords<'static>,
) -> Result<CarriedOver> {
    let prev = Session::open(prev_dir)?;
    let carried = open_topics(prev.plan(), prev.state(), &session_name(prev.dir()));
    let plan = next_plan(prev.plan(), date, title, !carried.is_empty(), words(prev.plan().lang))?;
    create_session(dir, &plan)?;
    let mut next = Session::open(dir)?;
    for c in &carried {
        next.add_carried(TOPICS_BOARD, &c.text, c.kind, c.origin.clone())?;
    }
    Ok(CarriedOver {
        topics: carried,
        findings_left: findings_left(prev.plan(), prev.state()),
    })
}
