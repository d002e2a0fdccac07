//! runde's per-writer logs (`log/<actor>.jsonl`). Every process that writes
//! creates its own file (`create_new`), appends one JSON line per event and
//! fsyncs before it reports success. Nothing is ever rewritten.
//!
//! Line 1 is a header `{"runde":"log","format":1,"actor":…}`; every other
//! line is `{"e":EVENT,"crc":"xxxxxxxx"}` where the CRC-32 covers the exact
//! bytes of EVENT. Readers only consume `\n`-terminated lines; a bad *last*
//! line is a torn write from a killed writer and is ignored, a bad line with
//! valid lines after it is corruption and stops the reader.
use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Event;
pub use crate::model::OrderKey;

/// The log format this build reads and writes.
pub const LOG_FORMAT: u32 = 1;
const RECORD_PREFIX: &[u8] = b"{\"e\":";
const RECORD_SUFFIX_LEN: usize = 18; // ,"crc":"xxxxxxxx"}
/// Longest line a log may hold. A longer one (a huge or sparse file) is
/// reported as corruption and the rest of that file is ignored, so memory
/// stays bounded whatever the folder holds.
pub const MAX_RECORD_BYTES: usize = 1 << 20;
/// How much of a log is read at a time.
const READ_CHUNK: usize = 1 << 20;

/// First line of every log file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// Always "log".
    pub runde: String,
    /// Log format version.
    pub format: u32,
    /// The writer's unique id.
    pub actor: String,
    /// Who wrote, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Wall time the file was created.
    #[serde(default)]
    pub created_ms: i64,
}

/// Encodes one event as a complete log line, newline included.
pub fn encode_record(ev: &Event) -> Vec<u8> {
    let body = serde_json::to_vec(ev).unwrap_or_default();
    let crc = crc32fast::hash(&body);
    let mut line = Vec::with_capacity(body.len() + 32);
    line.extend_from_slice(RECORD_PREFIX);
    line.extend_from_slice(&body);
    line.extend_from_slice(format!(",\"crc\":\"{crc:08x}\"}}\n").as_bytes());
    line
}

/// Decodes one record line (without its newline).
pub fn decode_record(line: &[u8]) -> std::result::Result<Event, String> {
    if line.len() < RECORD_PREFIX.len() + RECORD_SUFFIX_LEN || !line.starts_with(RECORD_PREFIX) {
        return Err("not a runde record".into());
    }
    let (body_and_prefix, suffix) = line.split_at(line.len() - RECORD_SUFFIX_LEN);
    let body = &body_and_prefix[RECORD_PREFIX.len()..];
    let hex = suffix
        .strip_prefix(b",\"crc\":\"")
        .and_then(|s| s.strip_suffix(b"\"}"))
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .ok_or("record has no checksum")?;
    if crc32fast::hash(body) != hex {
        return Err("checksum mismatch".into());
    }
    serde_json::from_slice(body).map_err(|e| format!("unreadable event: {e}"))
}

fn decode_header(line: &[u8]) -> std::result::Result<Header, String> {
    let header: Header = serde_json::from_slice(line).map_err(|_| "not a runde log header".to_string())?;
    if header.runde != "log" {
        return Err("not a runde log header".into());
    }
    Ok(header)
}

/// A torn tail that was skipped: a killed writer's unfinished last line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    pub path: PathBuf,
    pub line: usize,
    pub bytes: usize,
}

/// A line of a log that was reported and skipped: a valid record with an
/// out-of-range value, a header claiming another writer's identity, or an
/// oversized record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub path: PathBuf,
    pub line: usize,
    pub why: String,
}

#[derive(Debug, Default, Clone)]
struct Cursor {
    offset: u64,
    lines: usize,
    actor: Option<Arc<str>>,
    torn: Option<TornTail>,
    /// How far the file was read at the last poll (complete lines and a
    /// torn tail): while its length stays there, nothing is read again.
    read_to: u64,
    /// The rest of this file is ignored (a claimed identity, an oversized line).
    stopped: bool,
    rejected: Vec<Rejected>,
}

impl Cursor {
    fn reject(&mut self, path: &Path, line: usize, why: String) {
        self.rejected.push(Rejected {
            path: path.to_path_buf(),
            line,
            why,
        });
    }
}

/// Reads all logs of a session incrementally, remembering how far each
/// file was read.
#[derive(Debug)]
pub struct LogReader {
    dir: PathBuf,
    cursors: BTreeMap<String, Cursor>,
    /// Highest sequence number read per writer: a writer's events only
    /// ever increase, so anything at or below it (a copied log file) is a
    /// duplicate.
    high_water: HashMap<Arc<str>, u64>,
    /// Modification time of the log folder at the last listing: while it is
    /// unchanged no file was added, and the folder need not be read again
    /// (reading it would wake every inotify watcher of the session).
    dir_mtime: Option<std::time::SystemTime>,
    /// Bytes read from log files so far.
    bytes_read: u64,
}

impl LogReader {
    /// A reader for the log folder `dir` (which need not exist yet).
    pub fn new(dir: PathBuf) -> Self {
        LogReader {
            dir,
            cursors: BTreeMap::new(),
            high_water: HashMap::new(),
            dir_mtime: None,
            bytes_read: 0,
        }
    }

    /// Reads whatever was appended since the last call; returns new events.
    pub fn poll(&mut self) -> Result<Vec<(OrderKey, Event)>> {
        let mut out = Vec::new();
        self.poll_into(&mut |key, ev| out.push((key, ev)))?;
        Ok(out)
    }

    /// Reads whatever was appended since the last call and hands each new
    /// event to `sink`; returns how many there were.
    pub fn poll_into(&mut self, sink: &mut dyn FnMut(OrderKey, Event)) -> Result<usize> {
        let mut count = 0;
        let mtime = std::fs::metadata(&self.dir).and_then(|m| m.modified()).ok();
        // A folder changed within the last two seconds is always listed again:
        // coarse timestamps could hide a file created in the same tick.
        let settled = mtime
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(2));
        let names: Vec<String> = if settled && mtime == self.dir_mtime {
            self.cursors.keys().cloned().collect()
        } else {
            let names = list_logs(&self.dir)?;
            self.dir_mtime = mtime;
            names
        };
        for name in names {
            let path = self.dir.join(&name);
            let cursor = self.cursors.entry(name).or_default();
            let high_water = &mut self.high_water;
            let mut current: Option<(Arc<str>, u64)> = None;
            self.bytes_read += read_new(&path, cursor, &mut |key, ev| {
                let (actor, top) = current
                    .get_or_insert_with(|| (key.actor.clone(), high_water.get(&key.actor).copied().unwrap_or(0)));
                if key.seq > *top {
                    *top = key.seq;
                    count += 1;
                    sink(key, ev);
                } else if !Arc::ptr_eq(actor, &key.actor) {
                    count += 1;
                    sink(key, ev);
                }
            })?;
            if let Some((actor, top)) = current {
                high_water.insert(actor, top);
            }
        }
        Ok(count)
    }

    /// Records an event this process wrote itself, so it is not read twice.
    pub fn note_own(&mut self, file: &str, header_len: u64, key: &OrderKey, line_len: u64) {
        let cursor = self.cursors.entry(file.to_string()).or_default();
        if cursor.actor.is_none() {
            cursor.actor = Some(key.actor.clone());
            cursor.offset = header_len;
            cursor.lines = 1;
        }
        if cursor.offset > 0 {
            cursor.offset += line_len;
            cursor.lines += 1;
        }
        let top = self.high_water.entry(key.actor.clone()).or_insert(0);
        *top = (*top).max(key.seq);
    }

    /// Marks an event this process hands to its background writer: when
    /// the reader meets it in this writer's log it is skipped (it was
    /// applied already), while the file is still read byte by byte.
    pub fn skip_own(&mut self, key: &OrderKey) {
        let top = self.high_water.entry(key.actor.clone()).or_insert(0);
        *top = (*top).max(key.seq);
    }

    /// Torn tails seen so far (for `runde check`).
    pub fn torn_tails(&self) -> Vec<TornTail> {
        self.cursors.values().filter_map(|c| c.torn.clone()).collect()
    }

    /// Bytes read from log files so far (a torn tail is read only once).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Lines reported and skipped so far.
    pub fn rejected(&self) -> Vec<Rejected> {
        self.cursors.values().flat_map(|c| c.rejected.iter().cloned()).collect()
    }
}

/// Names of the writers' logs in a log folder, sorted; symlinks refused.
/// Sync engines' temporary, marker and conflict files are left out.
pub fn list_logs(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Sync engines' temp, marker and conflict files are never logs.
        if !super::sync::is_log_name(&name) {
            continue;
        }
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_symlink() {
            return Err(Error::Invalid(format!(
                "{}: is a symbolic link; runde does not follow links in a session folder",
                entry.path().display()
            )));
        }
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// Reads the complete lines appended to `path` since `cursor`, at most
/// [`READ_CHUNK`] plus one record at a time. Returns how many bytes it read.
/// A file that vanished since the folder was listed (a sync engine replaces
/// a file by deleting it and renaming its copy into place) is skipped: it is
/// read on the next round.
fn read_new(path: &Path, cursor: &mut Cursor, sink: &mut dyn FnMut(OrderKey, Event)) -> Result<u64> {
    if cursor.stopped {
        return Ok(0);
    }
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(path, e)),
    };
    if len < cursor.offset {
        return Err(Error::Invalid(format!(
            "{}: the log file got shorter while runde was reading it; someone truncated it",
            path.display()
        )));
    }
    if len == cursor.offset || len == cursor.read_to {
        return Ok(0);
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(path, e)),
    };
    file.seek(SeekFrom::Start(cursor.offset))
        .map_err(|e| Error::io(path, e))?;
    // The cursor moves only when the whole read was good: after an error
    // the next round reads the same bytes again (a sync engine may have
    // been midway through replacing the file).
    let mut next = cursor.clone();
    let total = read_chunks(path, &mut file, &mut next, sink)?;
    *cursor = next;
    Ok(total)
}

/// Reads and parses `file` from its position in chunks, moving `cursor`.
fn read_chunks(
    path: &Path,
    file: &mut File,
    cursor: &mut Cursor,
    sink: &mut dyn FnMut(OrderKey, Event),
) -> Result<u64> {
    let mut buf: Vec<u8> = Vec::new();
    let mut total = 0u64;
    loop {
        let read = Read::by_ref(file)
            .take(READ_CHUNK as u64)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
        total += read as u64;
        let consumed = parse_chunk(path, &buf, cursor, sink)?;
        buf.drain(..consumed);
        if cursor.stopped {
            return Ok(total);
        }
        if buf.len() > MAX_RECORD_BYTES {
            let line = cursor.lines + 1;
            cursor.torn = None;
            cursor.reject(path, line, oversize());
            cursor.stopped = true;
            return Ok(total);
        }
        if read == 0 {
            break;
        }
    }
    cursor.read_to = cursor.offset + buf.len() as u64;
    Ok(total)
}

fn oversize() -> String {
    format!(
        "record longer than {} MiB: ignored, with the rest of this file",
        MAX_RECORD_BYTES >> 20
    )
}

/// What one complete line of a log turned out to be. Short-lived and on
/// the hot path of loading, so the event is not boxed.
#[allow(clippy::large_enum_variant)]
enum Line {
    Header(Arc<str>),
    Record(OrderKey, Event),
    /// A header claiming an actor that is not the file's own name.
    Impostor(String),
    /// A valid record with a value out of range.
    OutOfRange(String),
    Bad(String),
}

fn classify(path: &Path, line_no: usize, line: &[u8], actor: Option<&Arc<str>>) -> Result<Line> {
    let Some(actor) = actor else {
        return match decode_header(line) {
            Ok(h) if h.format > LOG_FORMAT => Err(Error::parse(
                path,
                line_no,
                format!(
                    "log format {} is newer than this runde understands ({LOG_FORMAT}); upgrade runde",
                    h.format
                ),
            )),
            Ok(h) if !is_own_name(path, &h.actor) => Ok(Line::Impostor(format!(
                "the header claims the writer {:?}, but a writer's log is named after it: \
                 this file was not written by runde and is ignored",
                h.actor
            ))),
            Ok(h) => Ok(Line::Header(Arc::from(h.actor))),
            Err(why) => Ok(Line::Bad(why)),
        };
    };
    Ok(match decode_record(line) {
        Ok(ev) => match ev.check_bounds() {
            Err(why) => Line::OutOfRange(why),
            Ok(()) => Line::Record(
                OrderKey {
                    lamport: ev.lamport,
                    actor: actor.clone(),
                    seq: ev.seq,
                },
                ev,
            ),
        },
        Err(why) => Line::Bad(why),
    })
}

/// True when `actor` is the name of the log file at `path`: a writer's
/// identity is bound to the file it created, so no other file can claim it.
fn is_own_name(path: &Path, actor: &str) -> bool {
    path.file_stem().and_then(|s| s.to_str()) == Some(actor)
}

/// Consumes the complete lines of `buf` (the bytes after `cursor.offset`)
/// and returns how many bytes it consumed. A bad line is only accepted as
/// a torn tail if nothing valid follows it.
fn parse_chunk(path: &Path, buf: &[u8], cursor: &mut Cursor, sink: &mut dyn FnMut(OrderKey, Event)) -> Result<usize> {
    let mut consumed = 0usize;
    let mut pending_bad: Option<(usize, String)> = None;
    let mut start = 0usize;
    let mut line_no = cursor.lines;
    while let Some(nl) = memchr::memchr(b'\n', &buf[start..]) {
        line_no += 1;
        if nl > MAX_RECORD_BYTES {
            cursor.reject(path, line_no, oversize());
            cursor.stopped = true;
            break;
        }
        let line = classify(path, line_no, &buf[start..start + nl], cursor.actor.as_ref())?;
        match (line, &pending_bad) {
            (Line::Bad(why), None) => pending_bad = Some((line_no, why)),
            (_, Some((bad_line, why))) => return Err(corrupt(path, *bad_line, why)),
            (Line::Header(actor), None) => cursor.actor = Some(actor),
            (Line::Record(key, ev), None) => sink(key, ev),
            (Line::OutOfRange(why), None) => cursor.reject(path, line_no, format!("{why}: record ignored")),
            (Line::Impostor(why), None) => {
                cursor.reject(path, line_no, why);
                cursor.stopped = true;
                break;
            }
        }
        if pending_bad.is_none() {
            consumed = start + nl + 1;
            cursor.lines = line_no;
        }
        start += nl + 1;
    }
    cursor.offset += consumed as u64;
    let tail = buf.len() - consumed;
    cursor.torn = (tail > 0 && !cursor.stopped).then(|| TornTail {
        path: path.to_path_buf(),
        line: cursor.lines + 1,
        bytes: tail,
    });
    Ok(consumed)
}

fn corrupt(path: &Path, line: usize, why: &str) -> Error {
    Error::parse(
        path,
        line,
        format!(
            "corrupt record ({why}) with valid records after it; runde leaves this file untouched — move it out of log/ to open the session without it"
        ),
    )
}

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
                return Err(Error::Invalid(format!(
                    "{}: the session folder no longer exists",
                    parent.display()
                )));
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
            Error::Invalid(format!(
                "{}: the log file was removed while runde was writing to it; nothing was saved",
                self.path.display()
            ))
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
            return Err(Error::Invalid(format!(
                "not saved: the entry is longer than {} MiB",
                MAX_RECORD_BYTES >> 20
            )));
        }
        if let Some(e) = self.fault(IoStep::Write) {
            let _ = self.file.write_all(&line[..line.len() / 2]);
            return Err(Error::io(&self.path, e));
        }
        self.file.write_all(&line).map_err(|e| Error::io(&self.path, e))?;
        if let Some(e) = self.fault(IoStep::Sync) {
            return Err(Error::io(&self.path, e));
        }
        self.file.sync_data().map_err(|e| Error::io(&self.path, e))?;
        self.check_still_linked()?;
        self.seq = ev.seq;
        Ok(line.len() as u64)
    }
}

/// Creates a directory (and parents) and fsyncs its parent so the new name
/// survives a power loss.
pub fn create_dir_durably(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o775);
    builder.create(dir).map_err(|e| Error::io(dir, e))?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(())
}

/// Creates a file that must not exist yet, never world-writable.
pub fn create_new_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o664);
    options.open(path).map_err(|e| Error::io(path, e))
}

/// Fsyncs a directory so that names created in it are durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, TimerOp};

    fn event(seq: u64) -> Event {
        Event {
            seq,
            lamport: seq,
            wall_ms: 1000 + seq as i64,
            c: Change::Timer {
                board: "b".into(),
                op: TimerOp::Pause,
            },
        }
    }

    #[test]
    fn record_round_trips_and_detects_bit_flips() {
        let line = encode_record(&event(7));
        let body = &line[..line.len() - 1];
        assert_eq!(decode_record(body).unwrap(), event(7));
        let mut flipped = body.to_vec();
        flipped[12] ^= 0x04;
        assert!(decode_record(&flipped).is_err());
        assert!(decode_record(&body[..body.len() - 3]).is_err());
    }

    fn file_with(records: usize) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let mut w = LogWriter::create(dir.path(), None, 0).unwrap();
        for s in 1..=records as u64 {
            w.append(&event(s)).unwrap();
        }
        let path = dir.path().join(w.file_name());
        let bytes = std::fs::read(&path).unwrap();
        (dir, path, bytes)
    }

    fn read_all(dir: &Path) -> Result<(usize, Vec<TornTail>)> {
        let mut r = LogReader::new(dir.to_path_buf());
        let n = r.poll()?.len();
        Ok((n, r.torn_tails()))
    }

    #[test]
    fn torn_tail_at_every_byte_of_the_last_records_loads_the_prefix() {
        let (dir, path, bytes) = file_with(10);
        let line_ends: Vec<usize> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        let first_record_end = line_ends[0];
        for cut in first_record_end..bytes.len() {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let complete = line_ends.iter().filter(|&&e| e <= cut).count() - 1;
            let (n, torn) = read_all(dir.path()).unwrap();
            assert_eq!(n, complete, "cut at {cut}");
            assert_eq!(torn.is_empty(), line_ends.contains(&cut), "cut at {cut}");
        }
    }

    #[test]
    fn bad_last_line_is_torn_but_bad_middle_line_is_corruption() {
        let (dir, path, bytes) = file_with(5);
        let mut torn = bytes.clone();
        let len = torn.len();
        torn[len - 5] = b'X';
        std::fs::write(&path, &torn).unwrap();
        let (n, tails) = read_all(dir.path()).unwrap();
        assert_eq!((n, tails.len()), (4, 1));

        let mut corrupt = bytes.clone();
        let second_line = bytes.iter().position(|&b| b == b'\n').unwrap() + 10;
        corrupt[second_line] = b'#';
        std::fs::write(&path, &corrupt).unwrap();
        let err = read_all(dir.path()).unwrap_err().to_string();
        assert!(err.contains(":2: corrupt record"), "{err}");
    }

    #[test]
    fn newer_log_format_is_refused() {
        let (dir, path, bytes) = file_with(1);
        let text = String::from_utf8(bytes)
            .unwrap()
            .replace("\"format\":1", "\"format\":9");
        std::fs::write(&path, text).unwrap();
        let err = read_all(dir.path()).unwrap_err().to_string();
        assert!(err.contains(":1: log format 9 is newer"), "{err}");
    }

    #[test]
    fn a_torn_tail_is_read_once_not_on_every_poll() {
        let (dir, path, mut bytes) = file_with(3);
        bytes.extend(std::iter::repeat_n(b'x', 100_000));
        std::fs::write(&path, &bytes).unwrap();
        let mut r = LogReader::new(dir.path().to_path_buf());
        assert_eq!(r.poll().unwrap().len(), 3);
        let first = r.bytes_read();
        for _ in 0..10 {
            r.poll().unwrap();
        }
        assert_eq!(r.bytes_read(), first, "the torn tail was read again");
        assert_eq!(r.torn_tails().len(), 1);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_reported_and_the_file_skipped_from_there() {
        let (dir, path, mut bytes) = file_with(2);
        bytes.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES * 3));
        std::fs::write(&path, &bytes).unwrap();
        let mut r = LogReader::new(dir.path().to_path_buf());
        assert_eq!(r.poll().unwrap().len(), 2);
        let rejected = r.rejected();
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].line, 4);
        assert!(r.bytes_read() < 3 * MAX_RECORD_BYTES as u64, "read {}", r.bytes_read());
    }

    #[test]
    fn a_log_that_vanished_after_listing_is_skipped_and_read_next_round() {
        let (dir, path, _) = file_with(2);
        let aside = dir.path().join(".syncthing.tmp");
        std::fs::rename(&path, &aside).unwrap();
        let mut cursor = Cursor::default();
        let mut count = 0;
        read_new(&path, &mut cursor, &mut |_, _| count += 1).unwrap();
        assert_eq!((count, cursor.offset), (0, 0));
        std::fs::rename(&aside, &path).unwrap();
        read_new(&path, &mut cursor, &mut |_, _| count += 1).unwrap();
        assert_eq!(count, 2);
    }

    #[test]
    fn conflict_copies_and_engine_files_are_not_read_as_logs() {
        let (dir, path, bytes) = file_with(2);
        let mut longer = bytes.clone();
        longer.extend_from_slice(&encode_record(&event(3)));
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for name in [
            format!("{stem}.sync-conflict-20260101-120000-ABCDEFG.jsonl"),
            format!("{stem} (conflicted copy 2026-01-01 120000).jsonl"),
            format!("{stem}_conflict-20260101-120000.jsonl"),
            format!("~syncthing~{stem}.jsonl.tmp"),
        ] {
            std::fs::write(dir.path().join(name), &longer).unwrap();
        }
        std::fs::create_dir(dir.path().join(".stversions")).unwrap();
        std::fs::write(dir.path().join(".stfolder"), "").unwrap();
        let (n, _) = read_all(dir.path()).unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn incremental_reads_pick_up_appends_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = LogWriter::create(dir.path(), None, 0).unwrap();
        let mut r = LogReader::new(dir.path().to_path_buf());
        w.append(&event(1)).unwrap();
        assert_eq!(r.poll().unwrap().len(), 1);
        assert_eq!(r.poll().unwrap().len(), 0);
        w.append(&event(2)).unwrap();
        w.append(&event(3)).unwrap();
        assert_eq!(r.poll().unwrap().len(), 2);
    }
}
