//! Writing one writer's log: create it (header first, durably), append
//! records with an fsync each, and the fault seam tests use.
use std::io::Write;

use super::{
    Arc, Cursor, Error, Event, File, Header, LOG_FORMAT, MAX_RECORD_BYTES, Path, PathBuf, Rejected, SkipReason,
    TornTail, encode_record, read_new,
};
use crate::error::Result;
use crate::model::problem::StoreProblem;
use crate::store::files::{create_new_file, sync_dir};

/// Appends events to this process's own log file, durably.
pub struct LogWriter {
    path: PathBuf,
    file_name: String,
    file: File,
    actor: Arc<str>,
    header_len: u64,
    seq: u64,
    faults: Option<FaultInjector>,
}

/// A step of appending a record where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoStep {
    /// Creating this process's log file (a fault is a read-only folder or
    /// missing permission).
    Create,
    /// Writing the record's bytes (a fault leaves half of them, like a full disk).
    Write,
    /// Flushing them to stable storage (a fault leaves them unsynced, like EIO).
    Sync,
}

/// Test seam: returns an error to inject at a step, or `None` to proceed.
pub type FaultInjector = Arc<dyn Fn(IoStep) -> Option<std::io::Error> + Send + Sync>;

/// A fault that makes every fsync of a log record take `delay` (a slow
/// network or synced folder) and never fails (tests and benchmarks).
pub fn slow_fsync(delay: std::time::Duration) -> FaultInjector {
    Arc::new(move |step| {
        if step == IoStep::Sync {
            std::thread::sleep(delay);
        }
        None
    })
}

impl std::fmt::Debug for LogWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogWriter")
            .field("path", &self.path)
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

impl LogWriter {
    /// Creates a new log file in `dir` (created if missing) and makes both
    /// the file and its name durable.
    pub fn create(dir: &Path, by: Option<&str>, now_ms: i64) -> Result<LogWriter> {
        LogWriter::create_with_faults(dir, by, now_ms, None)
    }

    /// [`LogWriter::create`] with a fault injector for tests.
    pub fn create_with_faults(
        dir: &Path,
        by: Option<&str>,
        now_ms: i64,
        faults: Option<FaultInjector>,
    ) -> Result<LogWriter> {
        let actor = ulid::Ulid::new().to_string().to_lowercase();
        LogWriter::create_as(dir, &actor, by, now_ms, faults)
    }

    /// [`LogWriter::create_with_faults`] for a writer whose id `actor` was
    /// chosen beforehand (the background writer: the session stamps events
    /// with it before the file exists). `actor` must be new.
    pub fn create_as(
        dir: &Path,
        actor: &str,
        by: Option<&str>,
        now_ms: i64,
        faults: Option<FaultInjector>,
    ) -> Result<LogWriter> {
        if let Some(e) = faults.as_ref().and_then(|f| f(IoStep::Create)) {
            return Err(Error::io(dir, e));
        }
        // Only the log folder itself is created: a session folder that has
        // gone away must not silently come back.
        if !dir.is_dir() {
            let parent = dir.parent().unwrap_or(dir);
            if !parent.is_dir() {
                return Err(Error::Store(StoreProblem::FolderGone {
                    path: parent.to_path_buf(),
                }));
            }
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o775);
            match builder.create(dir) {
                Ok(()) => sync_dir(parent)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(dir, e)),
            }
        }
        let file_name = format!("{actor}.jsonl");
        let path = dir.join(&file_name);
        let mut file = create_new_file(&path)?;
        let header = Header {
            runde: "log".into(),
            format: LOG_FORMAT,
            actor: actor.to_string(),
            by: by.map(str::to_string),
            created_ms: now_ms,
        };
        let mut line = serde_json::to_vec(&header).unwrap_or_default();
        line.push(b'\n');
        if let Err(e) = file.write_all(&line).and_then(|()| file.sync_all()) {
            // Nothing in it was acknowledged: a retry on a full disk must
            // not leave one empty file behind per attempt.
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(Error::io(&path, e));
        }
        sync_dir(dir)?;
        Ok(LogWriter {
            path,
            file_name,
            file,
            actor: Arc::from(actor),
            header_len: line.len() as u64,
            seq: 0,
            faults,
        })
    }

    /// The writer's actor id.
    pub fn actor(&self) -> &Arc<str> {
        &self.actor
    }

    /// The file name within the log folder.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// Length of the header line.
    pub fn header_len(&self) -> u64 {
        self.header_len
    }

    /// A log file deleted (or replaced) while open would swallow writes that
    /// vanish on close: refuse to acknowledge them.
    fn check_still_linked(&self) -> Result<()> {
        let gone = || {
            Error::Store(StoreProblem::LogRemoved {
                path: self.path.clone(),
            })
        };
        let on_disk = std::fs::metadata(&self.path).map_err(|_| gone())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let open = self.file.metadata().map_err(|e| Error::io(&self.path, e))?;
            if (open.dev(), open.ino()) != (on_disk.dev(), on_disk.ino()) {
                return Err(gone());
            }
        }
        #[cfg(not(unix))]
        let _ = on_disk;
        Ok(())
    }

    /// Installs a fault injector (tests only).
    pub fn set_faults(&mut self, faults: Option<FaultInjector>) {
        self.faults = faults;
    }

    fn fault(&self, step: IoStep) -> Option<std::io::Error> {
        self.faults.as_ref().and_then(|f| f(step))
    }

    /// The next sequence number this writer will use.
    pub fn next_seq(&self) -> u64 {
        self.seq + 1
    }

    /// Appends one event and waits until it is on disk. Returns the line
    /// length. After an error this writer must not be used again.
    pub fn append(&mut self, ev: &Event) -> Result<u64> {
        let line = encode_record(ev);
        if line.len() > MAX_RECORD_BYTES {
            // Readers skip longer records: never acknowledge one.
            return Err(Error::NotSaved(crate::model::check::Rejection::Oversize {
                mib: MAX_RECORD_BYTES >> 20,
            }));
        }
        self.append_line(ev.seq, &line)?;
        Ok(line.len() as u64)
    }

    /// Appends the encoded record `line` of event number `seq` (checked
    /// against [`MAX_RECORD_BYTES`] by the caller) and waits until it is on
    /// disk. After an error this writer must not be used again.
    pub fn append_line(&mut self, seq: u64, line: &[u8]) -> Result<()> {
        if let Some(e) = self.fault(IoStep::Write) {
            let _ = self.file.write_all(&line[..line.len() / 2]);
            return Err(Error::io(&self.path, e));
        }
        self.file.write_all(line).map_err(|e| Error::io(&self.path, e))?;
        if let Some(e) = self.fault(IoStep::Sync) {
            return Err(Error::io(&self.path, e));
        }
        self.file.sync_data().map_err(|e| Error::io(&self.path, e))?;
        self.check_still_linked()?;
        self.seq = seq;
        Ok(())
    }
}

/// What reading one log file on its own found.
#[derive(Debug, Default)]
pub struct FileScan {
    /// Events read.
    pub events: usize,
    /// An unfinished last line that was skipped.
    pub torn: Option<TornTail>,
    /// Lines reported and skipped.
    pub rejected: Vec<Rejected>,
    /// Why the file itself was not read, if it was not.
    pub unreadable: Option<SkipReason>,
    /// The first line whose Lamport clock is at the ceiling
    /// ([`crate::model::event::limits::MAX_COUNTER`]), if any.
    pub at_ceiling: Option<usize>,
}

/// Reads one log file from the start on its own (for `runde check`).
pub fn scan_file(path: &Path) -> Result<FileScan> {
    let mut cursor = Cursor::default();
    let mut events = 0;
    read_new(path, &mut cursor, &mut |_, _| events += 1)?;
    Ok(FileScan {
        events,
        torn: cursor.torn,
        rejected: cursor.rejected,
        unreadable: cursor.unreadable,
        at_ceiling: cursor.at_ceiling,
    })
}
