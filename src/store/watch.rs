//! Change notification for a session folder: a `notify` watcher on `log/`
//! wakes the owner as soon as another process appends. Because watchers
//! miss events on network folders and on queue overflow, owners also call
//! [`crate::store::Session::refresh`] on their regular tick.
use std::path::Path;
use std::sync::mpsc::Sender;

use notify::{RecursiveMode, Watcher};

use super::LOG_DIR;
use super::files::create_dir_durably;
use crate::error::{Error, Result};

/// Keeps the watcher alive; dropping it stops the notifications.
pub struct StoreWatcher {
    _inner: notify::RecommendedWatcher,
}

/// Watches the session's log folder and sends `msg()` on every change.
pub fn watch<T: Send + 'static>(dir: &Path, tx: Sender<T>, msg: fn() -> T) -> Result<StoreWatcher> {
    let log_dir = dir.join(LOG_DIR);
    create_dir_durably(&log_dir)?;
    let mut inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if !matches!(ev.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(msg());
            }
        }
    })
    .map_err(|e| cannot_watch(&log_dir, e))?;
    inner
        .watch(&log_dir, RecursiveMode::NonRecursive)
        .map_err(|e| cannot_watch(&log_dir, e))?;
    Ok(StoreWatcher { _inner: inner })
}

/// The watcher could not be set up: the system's words, with the folder.
fn cannot_watch(log_dir: &std::path::Path, e: notify::Error) -> Error {
    Error::Store(crate::model::problem::StoreProblem::CannotWatch {
        path: log_dir.to_path_buf(),
        detail: e.to_string(),
    })
}
