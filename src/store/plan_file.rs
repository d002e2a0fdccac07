//! The plan file for the plan editor: save `session.json` atomically (only
//! ever called with a valid plan), load it if present, and count the notes
//! per board and section so deletions that would orphan notes are refused.
use std::path::Path;

use super::files::create_dir_durably;
use super::{PLAN_FILE, Session};
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::model::plan::decode_text;
use crate::model::plan_edit::NoteCounts;

/// The plan in `dir`, or `None` when the folder has no plan yet.
pub fn load(dir: &Path) -> Result<Option<Plan>> {
    let path = dir.join(PLAN_FILE);
    if !path.exists() {
        return Ok(None);
    }
    read_plan(&path).map(Some)
}

/// Largest plan file runde reads (a plan is a few kilobytes; a larger file
/// is someone's mistake or a planted one, and is refused, not loaded).
pub const MAX_PLAN_BYTES: u64 = 16 << 20;

/// Reads and validates the plan file at `path`.
pub fn read_plan(path: &Path) -> Result<Plan> {
    let text = read_session_text(path)?;
    Plan::parse(path, &text)
}

/// Reads a whole file as UTF-8, naming the file and line of invalid bytes
/// (a file the user named: it may be a link).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes)
}

/// Reads a plan-sized file of the shared session folder as UTF-8: only a
/// regular file, never through a link, never a FIFO, at most
/// [`MAX_PLAN_BYTES`] — someone else may have put anything at that name.
pub fn read_session_text(path: &Path) -> Result<String> {
    let bytes = super::listing::read_regular(path, MAX_PLAN_BYTES).map_err(|e| super::listing::read_error(path, e))?;
    decode_text(path, bytes)
}

/// Writes the plan to `dir/session.json`: temp file, fsync, rename, folder fsync.
pub fn save(dir: &Path, plan: &Plan) -> Result<()> {
    create_dir_durably(dir)?;
    super::files::replace_file(&dir.join(PLAN_FILE), plan.to_pretty_json()?.as_bytes())
}

/// Live notes per board and section (none when the folder has no session yet).
pub fn note_counts(dir: &Path) -> Result<NoteCounts> {
    let mut counts = NoteCounts::default();
    if !dir.join(PLAN_FILE).exists() || !dir.join(super::LOG_DIR).exists() {
        return Ok(counts);
    }
    let session = Session::open(dir)?;
    for note in session.state().live_notes() {
        *counts
            .by_section
            .entry(note.board.clone())
            .or_default()
            .entry(note.section.clone())
            .or_default() += 1;
    }
    Ok(counts)
}
