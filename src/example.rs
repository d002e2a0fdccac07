//! The example session shipped with runde (the reference meeting, rebuilt
//! in our own words), embedded so `runde demo` works from any directory.
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::store::files::{create_dir_durably, sync_dir};
use crate::store::{LOG_DIR, PLAN_FILE};

/// Folder name of the example under `sessions/`.
pub const NAME: &str = "kompetenznetzwerk-2021-10";
/// Its plan.
pub const PLAN: &str = include_str!("../sessions/kompetenznetzwerk-2021-10/session.json");
/// Its notes (one log written by `runde import`).
pub const LOG: &str = include_str!("../sessions/kompetenznetzwerk-2021-10/log/01m8egqxc689sh9q1m8vzf821g.jsonl");

/// Copies the example into a new temporary folder that is kept.
pub fn copy_to_temp() -> Result<PathBuf> {
    let base = std::env::temp_dir();
    let dir = tempfile::Builder::new()
        .prefix("runde-demo-")
        .tempdir_in(&base)
        .map_err(|e| Error::io(&base, e))?
        .keep();
    write_to(&dir)?;
    Ok(dir)
}

/// Writes the example session into an existing empty folder.
pub fn write_to(dir: &std::path::Path) -> Result<()> {
    let log_dir = dir.join(LOG_DIR);
    create_dir_durably(&log_dir)?;
    std::fs::write(dir.join(PLAN_FILE), PLAN).map_err(|e| Error::io(dir.join(PLAN_FILE), e))?;
    std::fs::write(log_dir.join("01m8egqxc689sh9q1m8vzf821g.jsonl"), LOG).map_err(|e| Error::io(&log_dir, e))?;
    sync_dir(&log_dir)?;
    sync_dir(dir)
}
