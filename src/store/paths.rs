//! Where sessions live: a PATH argument is a folder if it contains a `/` or
//! names an existing folder; otherwise it is a name under `$RUNDE_SESSIONS`
//! or the platform data directory's `sessions/`.
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::problem::StoreProblem;

/// Environment variable that overrides the sessions directory.
pub const SESSIONS_ENV: &str = "RUNDE_SESSIONS";

/// The directory that holds named sessions.
pub fn sessions_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(SESSIONS_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "runde")
        .map(|d| d.data_dir().join("sessions"))
        .ok_or_else(|| {
            Error::Store(StoreProblem::NoDataDir {
                env: SESSIONS_ENV.into(),
            })
        })
}

/// Resolves a PATH argument to a session folder.
pub fn resolve(arg: &str) -> Result<PathBuf> {
    if arg.is_empty() {
        return Err(Error::Store(StoreProblem::EmptyPath));
    }
    let as_path = Path::new(arg);
    if arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR) || as_path.is_dir() {
        return Ok(as_path.to_path_buf());
    }
    Ok(sessions_dir()?.join(arg))
}
