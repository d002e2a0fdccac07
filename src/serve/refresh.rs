//! One look at the session folder for every connection. The views of a
//! server do not read the folder on their own clock tick; this thread does,
//! once: it wakes on the folder watcher and once a second (watchers miss
//! changes on network folders), compares a cheap stamp of the folder (names,
//! sizes and times of the plan, the logs and any sync copies) and only when
//! that changed tells every view to re-read it.
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, SystemTime};

use super::server::Shared;
use crate::store::LOG_DIR;

/// How often the folder is looked at when the watcher is quiet.
pub const LOOK_EVERY: Duration = Duration::from_secs(1);

/// Name, size and modification time of one folder entry.
type Entry = (PathBuf, u64, Option<SystemTime>);

/// What the folder looks like, as far as readers care.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stamp(Vec<Entry>);

impl Stamp {
    /// Reads the stamp of session folder `dir` (its top level and `log/`).
    pub fn of(dir: &Path) -> Stamp {
        let mut entries = Vec::new();
        list_into(dir, &mut entries);
        list_into(&dir.join(LOG_DIR), &mut entries);
        entries.sort();
        Stamp(entries)
    }
}

fn list_into(dir: &Path, out: &mut Vec<Entry>) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    for entry in read.flatten() {
        if let Ok(meta) = entry.metadata() {
            out.push((entry.path(), meta.len(), meta.modified().ok()));
        }
    }
}

/// Runs until every watcher sender is gone: tells the views about each
/// change of the folder, once per change however many events it caused.
pub fn run(shared: &Arc<Shared>, events: &Receiver<()>) {
    let mut seen = Stamp::of(&shared.dir);
    loop {
        let watcher_saw_it = match events.recv_timeout(LOOK_EVERY) {
            Ok(()) => {
                while events.try_recv().is_ok() {}
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let now = Stamp::of(&shared.dir);
        if watcher_saw_it || now != seen {
            seen = now;
            shared.store_changed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_changes_with_an_append_and_not_without() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(LOG_DIR)).unwrap();
        let log = dir.path().join(LOG_DIR).join("a.jsonl");
        std::fs::write(&log, "{}\n").unwrap();
        let first = Stamp::of(dir.path());
        assert_eq!(first, Stamp::of(dir.path()));
        std::fs::write(&log, "{}\n{}\n").unwrap();
        assert_ne!(first, Stamp::of(dir.path()));
    }
}
