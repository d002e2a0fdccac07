//! Drafts: the text in a note-taker's editor, written to
//! `drafts/<board>.<who>.json` on every change (atomically, by rename), so
//! a crash or `q` never loses typing. A draft is deleted once its note is
//! saved.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Folder of drafts inside a session.
pub const DRAFT_DIR: &str = "drafts";

/// An unsaved note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Section the note is for.
    pub section: String,
    /// The typed text.
    pub text: String,
    /// The note being edited, if this is an edit.
    #[serde(default)]
    pub editing: Option<String>,
}

/// The draft file name of one note-taker on one board.
pub fn key(board: &str, by: Option<&str>) -> String {
    let who = by
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "default".into());
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(64)
            .collect()
    };
    format!("{}.{}.json", clean(board), clean(&who))
}

fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(DRAFT_DIR).join(key)
}

/// Writes a draft (replacing the previous one atomically).
pub fn save(dir: &Path, key: &str, draft: &Draft) -> Result<()> {
    let folder = dir.join(DRAFT_DIR);
    if !folder.is_dir() {
        // Never re-create a session folder that has gone away.
        std::fs::create_dir(&folder).map_err(|e| Error::io(&folder, e))?;
    }
    let json = serde_json::to_vec_pretty(draft).unwrap_or_default();
    let mut tmp = tempfile::NamedTempFile::new_in(&folder).map_err(|e| Error::io(&folder, e))?;
    std::io::Write::write_all(&mut tmp, &json).map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path(dir, key))
        .map_err(|e| Error::io(path(dir, key), e.error))?;
    Ok(())
}

/// Reads a draft, if one exists and is readable.
pub fn load(dir: &Path, key: &str) -> Option<Draft> {
    let bytes = std::fs::read(path(dir, key)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Removes a draft after its note was saved.
pub fn clear(dir: &Path, key: &str) {
    let _ = std::fs::remove_file(path(dir, key));
}
