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
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::listing::{SkipReason, Skipped};
use crate::error::{Error, Result};
use crate::model::Event;
pub use crate::model::OrderKey;
use crate::model::check::Rejection;
use crate::model::problem::{Damage, ParseProblem};

/// The log format this build reads and writes.
pub const LOG_FORMAT: u32 = 1;
const RECORD_PREFIX: &[u8] = b"{\"e\":";
const RECORD_SUFFIX_LEN: usize = 18; // ,"crc":"xxxxxxxx"}
pub use crate::model::event::limits::MAX_RECORD_BYTES;
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
pub fn decode_record(line: &[u8]) -> std::result::Result<Event, Undecoded> {
    decode_checked(line)
}

/// Why a line is not an event.
#[derive(Debug)]
pub enum Undecoded {
    /// Not a complete record with a matching checksum: a torn write or damage.
    Damaged(Damage),
    /// A complete record (its checksum matches) whose event this runde
    /// cannot take: a value of the wrong type or size (a negative or
    /// fractional counter, a number beyond 64 bits, a string), or an event
    /// it does not know. Written on purpose, so it is ignored and reported.
    Unreadable(Rejection),
}

fn decode_checked(line: &[u8]) -> std::result::Result<Event, Undecoded> {
    use Undecoded::*;
    if line.len() < RECORD_PREFIX.len() + RECORD_SUFFIX_LEN || !line.starts_with(RECORD_PREFIX) {
        return Err(Damaged(Damage::NotARecord));
    }
    let (body_and_prefix, suffix) = line.split_at(line.len() - RECORD_SUFFIX_LEN);
    let body = &body_and_prefix[RECORD_PREFIX.len()..];
    let hex = suffix
        .strip_prefix(b",\"crc\":\"")
        .and_then(|s| s.strip_suffix(b"\"}"))
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .ok_or(Damaged(Damage::NoChecksum))?;
    if crc32fast::hash(body) != hex {
        return Err(Damaged(Damage::ChecksumMismatch));
    }
    serde_json::from_slice(body).map_err(|e| Unreadable(Rejection::Unreadable { detail: e.to_string() }))
}

fn decode_header(line: &[u8]) -> std::result::Result<Header, Damage> {
    let header: Header = serde_json::from_slice(line).map_err(|_| Damage::NotAHeader)?;
    if header.runde != "log" {
        return Err(Damage::NotAHeader);
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
    pub why: Rejection,
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
    /// Why the file was skipped at the last look (not a regular file any
    /// more, or it could not be opened), if it was.
    unreadable: Option<SkipReason>,
    /// The first line whose Lamport clock is at the ceiling, if any.
    at_ceiling: Option<usize>,
    /// Who the header says writes this log, if it says.
    by: Option<String>,
}

impl Cursor {
    fn reject(&mut self, path: &Path, line: usize, why: Rejection) {
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
    /// Entries of the log folder skipped at the last listing.
    skipped: Vec<Skipped>,
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
            skipped: Vec::new(),
        }
    }

    /// The folder this reader reads.
    pub fn dir(&self) -> &Path {
        &self.dir
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
            let listing = list_logs(&self.dir)?;
            self.dir_mtime = mtime;
            self.skipped = listing.skipped;
            listing.names
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

    /// The log file of the writer `actor` and the name its header gives.
    pub fn writer(&self, actor: &str) -> (PathBuf, Option<String>) {
        let name = format!("{actor}.jsonl");
        let by = self.cursors.get(&name).and_then(|c| c.by.clone());
        (self.dir.join(name), by)
    }

    /// Every writer read so far: its id, log file and the name its header gives.
    pub fn writers(&self) -> Vec<(Arc<str>, PathBuf, Option<String>)> {
        self.cursors
            .iter()
            .filter_map(|(name, c)| Some((c.actor.clone()?, self.dir.join(name), c.by.clone())))
            .collect()
    }

    /// Entries of the log folder that are not read: links, folders, FIFOs,
    /// names that are not UTF-8, files that could not be opened.
    pub fn skipped(&self) -> Vec<Skipped> {
        let unreadable = self.cursors.iter().filter_map(|(name, c)| {
            c.unreadable.clone().map(|why| Skipped {
                path: self.dir.join(name),
                why,
            })
        });
        let mut all: Vec<Skipped> = self.skipped.iter().cloned().chain(unreadable).collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all.dedup_by(|a, b| a.path == b.path);
        all
    }
}

/// The writers' logs in a log folder: the names of the regular files that
/// may be logs, sorted, and the entries skipped (links, folders, FIFOs,
/// names that are not UTF-8) — never an error for anyone: `runde check`
/// names what was skipped. Sync engines' temporary, marker and conflict
/// files are left out. Only a log folder that cannot be listed is an error.
pub fn list_logs(dir: &Path) -> Result<super::listing::Listing> {
    super::listing::list_files(dir, super::sync::is_log_name).map_err(|e| Error::io(dir, e))
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
    // The entry itself (a link is not followed): unchanged files are not opened.
    let len = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) => {
            let why = if m.file_type().is_symlink() {
                SkipReason::Link
            } else {
                SkipReason::NotAFile
            };
            cursor.unreadable = Some(why);
            return Ok(0);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            cursor.unreadable = Some(SkipReason::Unreadable(e.to_string()));
            return Ok(0);
        }
    };
    if len < cursor.offset {
        return Err(Error::Store(crate::model::problem::StoreProblem::LogShrunk {
            path: path.to_path_buf(),
        }));
    }
    if len == cursor.offset || len == cursor.read_to {
        return Ok(0);
    }
    // Never through a link swapped in since, never waiting on a FIFO. A
    // file that cannot be opened is skipped (and named by `runde check`),
    // never an error for everyone; it is tried again on the next round.
    let mut file = match super::listing::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) if super::listing::is_not_regular(&e) => {
            cursor.unreadable = Some(SkipReason::NotAFile);
            return Ok(0);
        }
        Err(e) => {
            cursor.unreadable = Some(SkipReason::Unreadable(e.to_string()));
            return Ok(0);
        }
    };
    cursor.unreadable = None;
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

fn oversize() -> Rejection {
    Rejection::Oversize {
        mib: MAX_RECORD_BYTES >> 20,
    }
}

/// What one complete line of a log turned out to be. Short-lived and on
/// the hot path of loading, so the event is not boxed.
#[allow(clippy::large_enum_variant)]
enum Line {
    Header(Arc<str>, Option<String>),
    Record(OrderKey, Event),
    /// A header claiming an actor that is not the file's own name.
    Impostor(Rejection),
    /// A valid record with a value out of range.
    OutOfRange(Rejection),
    Bad(Damage),
}

fn classify(path: &Path, line_no: usize, line: &[u8], actor: Option<&Arc<str>>) -> Result<Line> {
    let Some(actor) = actor else {
        return match decode_header(line) {
            Ok(h) if h.format > LOG_FORMAT => Err(Error::parse(
                path,
                line_no,
                ParseProblem::NewerLogFormat {
                    found: h.format,
                    known: LOG_FORMAT,
                },
            )),
            Ok(h) if !is_own_name(path, &h.actor) => Ok(Line::Impostor(Rejection::Impostor { claimed: h.actor })),
            Ok(h) => Ok(Line::Header(Arc::from(h.actor), h.by)),
            Err(why) => Ok(Line::Bad(why)),
        };
    };
    Ok(match decode_checked(line) {
        Ok(ev) => match ev.check_bounds() {
            Err(why) => Line::OutOfRange(Rejection::OutOfRange(why)),
            Ok(()) => Line::Record(
                OrderKey {
                    lamport: ev.lamport,
                    actor: actor.clone(),
                    seq: ev.seq,
                },
                ev,
            ),
        },
        Err(Undecoded::Unreadable(why)) => Line::OutOfRange(why),
        Err(Undecoded::Damaged(why)) => Line::Bad(why),
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
    let mut pending_bad: Option<(usize, Damage)> = None;
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
            (_, Some((bad_line, why))) => return Err(corrupt(path, *bad_line, *why)),
            (Line::Header(actor, by), None) => {
                cursor.actor = Some(actor);
                cursor.by = by;
            }
            (Line::Record(key, ev), None) => {
                if key.lamport == crate::model::event::limits::MAX_COUNTER && cursor.at_ceiling.is_none() {
                    cursor.at_ceiling = Some(line_no);
                }
                sink(key, ev)
            }
            (Line::OutOfRange(why), None) => cursor.reject(path, line_no, why),
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

fn corrupt(path: &Path, line: usize, why: Damage) -> Error {
    Error::parse(path, line, ParseProblem::CorruptRecord(why))
}

#[cfg(test)]
mod tests;

mod append;

pub use append::*;
