//! Finding sessions on disk: the sessions in a folder and the meetings of
//! the series a session belongs to.
use std::path::{Path, PathBuf};

use super::{PLAN_FILE, Session};
use crate::error::{Error, Result};
use crate::model::series::series_key;

/// The folder name of a session, used to refer to it.
pub fn session_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A session found while scanning a folder of sessions.
pub struct Member {
    pub dir: PathBuf,
    pub session: Session,
}

/// Sessions in `folder`, opened; unreadable ones are returned as errors.
pub fn scan(folder: &Path) -> Result<Vec<std::result::Result<Member, (PathBuf, Error)>>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let dir = entry.path();
        if !dir.join(PLAN_FILE).is_file() {
            continue;
        }
        out.push(
            Session::open(&dir)
                .map(|session| Member {
                    dir: dir.clone(),
                    session,
                })
                .map_err(|e| (dir, e)),
        );
    }
    Ok(out)
}

/// The meetings of the series `dir` belongs to (its sibling folders), by date.
pub fn members_of(dir: &Path) -> Result<Vec<Member>> {
    let me = Session::open(dir)?;
    let key = series_key(me.plan());
    let canonical = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let parent = canonical
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut members: Vec<Member> = scan(&parent)?
        .into_iter()
        .filter_map(|m| m.ok())
        .filter(|m| series_key(m.session.plan()) == key)
        .collect();
    members.sort_by(|a, b| {
        (a.session.plan().date, a.session.plan().meeting_number)
            .cmp(&(b.session.plan().date, b.session.plan().meeting_number))
    });
    Ok(members)
}
