//! A session folder with planted entries — names of any Unicode (also
//! characters whose case changes their length, like the Kelvin sign K),
//! bytes that are not UTF-8, links out of the folder, folders, FIFOs,
//! sparse files of a terabyte — and the promises every reader keeps about
//! it: nothing panics or hangs, no link is followed, nothing is changed,
//! the honest notes load, `add` works, and `runde check` names each entry
//! it skips by its path.
//!
//! Shared by the property test `tests/hostile_listing.rs` and the fuzz
//! target `fuzz/fuzz_targets/listing.rs` (which includes this file by path).
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use runde::store::{LOG_DIR, PLAN_FILE, Session, check, log, sync};

/// The folder of the session an entry is planted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// The session folder itself (beside `session.json`).
    Session,
    /// `log/`, where the writers' logs are.
    Log,
    /// `clock/`, where the views' clock probes are.
    Clock,
}

/// What is planted under a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A regular file with these bytes.
    Bytes(Vec<u8>),
    /// A sparse regular file of this length (nothing written).
    Sparse(u64),
    /// A valid runde log, header and one note, named so its header fits.
    Log,
    /// A link to a valid runde log outside the folder whose note says
    /// "FOLLOWED": if it is ever read, a link was followed.
    LinkOut,
    /// A link to a FIFO outside the folder: opening it through the link
    /// would wait forever.
    LinkFifo,
    /// A link to the honest writer's log.
    LinkHonest,
    /// A folder.
    Dir,
    /// A FIFO.
    Fifo,
}

/// One planted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub folder: Folder,
    /// The raw name (made a valid single path component when planted).
    pub name: Vec<u8>,
    pub kind: Kind,
}

/// A fresh session with one honest note, and where planted things went.
pub struct Setup {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    outside: PathBuf,
    honest_log: PathBuf,
    /// Planted entries: (path, kind).
    pub planted: Vec<(PathBuf, Kind)>,
}

/// Text of the honest note.
pub const HONEST: &str = "ehrlich notiert";
/// Text of the note only a followed link could show.
pub const FOLLOWED: &str = "FOLLOWED";

/// Pieces that names are built from: engine and conflict markers, runde's
/// own names, and characters whose case mapping changes length or that
/// look alike.
pub const ATOMS: [&str; 32] = [
    "\u{212A}", // KELVIN SIGN: lower case is a one-byte k
    "İ",        // lower case has two chars
    "ß",
    "ẞ",
    "ﬁ",
    "ǅ",
    "Σ",
    "é",
    "e\u{301}",
    "\u{202E}",
    "Ω",
    "a",
    "K",
    ".jsonl",
    ".json",
    ".sync-conflict-20260101-120000-ABCDEFG",
    " (conflicted copy 2026-01-01)",
    "_conflict-20260101-1200",
    " (Konflikt 2026)",
    " (",
    "session",
    ".syncthing.",
    "~syncthing~",
    ".tmp",
    ".part",
    "~",
    ".",
    ".stfolder",
    "01kbz2m6q0a8n1x3y4z5w6v7t8",
    "\u{FEFF}",
    "\u{0130}\u{212A}",
    "\u{10FFFF}",
];

fn template() -> &'static (tempfile::TempDir, PathBuf) {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        let date = runde::model::plan::Date(chrono::NaiveDate::from_ymd_opt(2021, 10, 5).expect("date"));
        let plan = runde::model::template::plan("kompetenznetzwerk", runde::model::Lang::De, None, date).expect("plan");
        runde::store::create::create_session(&dir, &plan).expect("session");
        let mut s = Session::open(&dir).expect("open");
        s.add_note("methods", None, HONEST, runde::model::NoteKind::Bullet, false)
            .expect("honest note");
        (tmp, dir)
    })
}

impl Setup {
    /// A copy of a session with one honest note.
    pub fn new() -> Setup {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("s");
        let outside = tmp.path().join("outside");
        let from = &template().1;
        std::fs::create_dir_all(dir.join(LOG_DIR)).expect("log dir");
        std::fs::create_dir_all(&outside).expect("outside dir");
        std::fs::copy(from.join(PLAN_FILE), dir.join(PLAN_FILE)).expect("plan");
        let mut honest_log = PathBuf::new();
        for e in std::fs::read_dir(from.join(LOG_DIR)).expect("log") {
            let e = e.expect("entry");
            honest_log = dir.join(LOG_DIR).join(e.file_name());
            std::fs::copy(e.path(), &honest_log).expect("copy log");
        }
        rustix::fs::mkfifoat(rustix::fs::CWD, outside.join("fifo"), rustix::fs::Mode::RUSR).expect("fifo");
        Setup {
            _tmp: tmp,
            dir,
            outside,
            honest_log,
            planted: Vec::new(),
        }
    }

    /// Plants the entries; names that collide with runde's own or with an
    /// earlier entry are left out.
    pub fn plant(&mut self, entries: &[Entry]) {
        for (i, e) in entries.iter().enumerate() {
            let folder = match e.folder {
                Folder::Session => self.dir.clone(),
                Folder::Log => self.dir.join(LOG_DIR),
                Folder::Clock => self.dir.join(runde::store::probe::CLOCK_DIR),
            };
            let _ = std::fs::create_dir_all(&folder);
            let name = component(&e.name);
            let taken = [PLAN_FILE.as_bytes(), LOG_DIR.as_bytes(), b"clock", b"drafts"];
            let path = folder.join(OsStr::from_bytes(&name));
            if (e.folder == Folder::Session && taken.contains(&name.as_slice()))
                || path == self.honest_log
                || std::fs::symlink_metadata(&path).is_ok()
            {
                continue;
            }
            if self.plant_one(&path, &e.kind, i).is_ok() {
                self.planted.push((path, e.kind.clone()));
            }
        }
    }

    fn plant_one(&self, path: &Path, kind: &Kind, i: usize) -> std::io::Result<()> {
        let actor = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match kind {
            Kind::Bytes(bytes) => std::fs::write(path, bytes),
            Kind::Sparse(len) => std::fs::File::create(path)?.set_len(*len),
            Kind::Log => std::fs::write(path, log_bytes(&actor, "planted note")),
            Kind::LinkOut => {
                let target = self.outside.join(format!("log{i}"));
                std::fs::write(&target, log_bytes(&actor, FOLLOWED))?;
                std::os::unix::fs::symlink(target, path)
            }
            Kind::LinkFifo => std::os::unix::fs::symlink(self.outside.join("fifo"), path),
            Kind::LinkHonest => std::os::unix::fs::symlink(&self.honest_log, path),
            Kind::Dir => std::fs::create_dir(path),
            Kind::Fifo => rustix::fs::mkfifoat(rustix::fs::CWD, path, rustix::fs::Mode::RUSR).map_err(Into::into),
        }
    }

    /// Runs the readers over the folder and checks every promise; the
    /// first broken one is the error.
    pub fn exercise(&self) -> Result<(), String> {
        let before = snapshot(&self.dir);
        for (path, _) in &self.planted {
            filters_agree(path)?;
        }
        let log_dir = self.dir.join(LOG_DIR);
        let listing = log::list_logs(&log_dir).map_err(|e| format!("listing log/ failed: {e}"))?;
        let must_skip: Vec<&PathBuf> = self
            .planted
            .iter()
            .filter(|(p, k)| skipped_in_log(&log_dir, p, k))
            .map(|(p, _)| p)
            .collect();
        for p in &must_skip {
            if !listing.skipped.iter().any(|s| &&s.path == p) {
                return Err(format!("{} is neither read nor skipped: {listing:?}", p.display()));
            }
        }
        let opened = Session::open(&self.dir);
        match &opened {
            Ok(s) => {
                let texts: Vec<&str> = s.state().live_notes().map(|n| n.text.as_str()).collect();
                if !texts.contains(&HONEST) {
                    return Err(format!("the honest note is gone: {texts:?}"));
                }
                if texts.contains(&FOLLOWED) {
                    return Err("a link was followed".into());
                }
            }
            // A planted regular file with a corrupt record in its middle
            // stops the readers by design (storage.md §4), naming it.
            Err(runde::error::Error::Parse { path, .. })
                if self
                    .planted
                    .iter()
                    .any(|(p, k)| p == path && matches!(k, Kind::Bytes(_))) => {}
            Err(e) => return Err(format!("the session does not open: {e}")),
        }
        let findings = check::check(&self.dir);
        for f in &findings {
            let line = format!("{f:?}");
            if f.path.as_os_str().is_empty() {
                return Err(format!("a check line without its file: {line:?}"));
            }
        }
        for p in &must_skip {
            if !findings.iter().any(|f| &&f.path == p && !f.recovered) {
                return Err(format!("check does not name {}: {findings:?}", p.display()));
            }
        }
        for copy in sync::log_conflicts(&log_dir) {
            sync::judge_log_copy(&copy);
        }
        sync::plan_conflicts(&self.dir);
        if snapshot(&self.dir) != before {
            return Err("reading changed the folder".into());
        }
        // A view's clock exchange reads `clock/` (and writes its own file).
        let mut clocks = runde::store::probe::ClockExchange::new(&self.dir, 0);
        clocks.poll(0);
        clocks.poll(1);
        if opened.is_ok() {
            let mut s = Session::open(&self.dir).map_err(|e| format!("second open: {e}"))?;
            s.add_note("methods", None, "danach", runde::model::NoteKind::Bullet, false)
                .map_err(|e| format!("add failed: {e}"))?;
            let again = Session::open(&self.dir).map_err(|e| format!("open after add: {e}"))?;
            if !again.state().live_notes().any(|n| n.text == "danach") {
                return Err("the added note is not read back".into());
            }
        }
        Ok(())
    }
}

/// True when `p` is in `log/`, looks like a log by name, and is not a
/// regular file (or its name is not UTF-8): it must be skipped and named.
fn skipped_in_log(log_dir: &Path, p: &Path, k: &Kind) -> bool {
    let Some(name) = p.file_name() else { return false };
    if p.parent() != Some(log_dir) || !sync::is_log_name(&name.to_string_lossy()) {
        return false;
    }
    name.to_str().is_none() || !matches!(k, Kind::Bytes(_) | Kind::Sparse(_) | Kind::Log)
}

/// The sync-engine filters on one name: no panic, and they agree.
fn filters_agree(path: &Path) -> Result<(), String> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    let class = sync::classify(name);
    if sync::is_log_name(name) && class != sync::SyncName::Ordinary {
        return Err(format!("{name:?} is a log and {class:?}"));
    }
    if sync::is_conflict_copy(name) != (class == sync::SyncName::ConflictCopy) {
        return Err(format!("{name:?}: classify and is_conflict_copy disagree"));
    }
    if let Some(original) = sync::original_of(path) {
        let o = original
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = o.rsplit_once('.').map_or(o.as_str(), |(s, _)| s);
        if !name.starts_with(stem) {
            return Err(format!("{name:?}: original {o:?} is not its start"));
        }
    }
    Ok(())
}

/// A name made one valid path component: no `/` or NUL, not empty, not
/// `.` or `..`, at most 200 bytes.
fn component(raw: &[u8]) -> Vec<u8> {
    let mut name: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'/' || b == 0 { b'_' } else { b })
        .take(200)
        .collect();
    if name.is_empty() || name == b"." || name == b".." {
        name.insert(0, b'x');
    }
    name
}

/// A runde log: header for `actor`, one note on the methods board.
fn log_bytes(actor: &str, text: &str) -> Vec<u8> {
    let header = serde_json::json!({"runde": "log", "format": 1, "actor": actor});
    let mut bytes = format!("{header}\n").into_bytes();
    let ev = runde::model::Event {
        seq: 1,
        lamport: 1,
        wall_ms: 1_633_438_800_000,
        c: runde::model::Change::NoteAdded(runde::model::event::NewNote {
            id: format!("01planted{}", actor.len()),
            board: "methods".into(),
            section: "notes".into(),
            text: text.into(),
            kind: runde::model::NoteKind::Bullet,
            starred: false,
            by: None,
            pos: "m".into(),
            origin: None,
            sources: Vec::new(),
            lang: None,
        }),
    };
    bytes.extend_from_slice(&log::encode_record(&ev));
    bytes
}

/// Regular files of the folder tree (links not followed) with their
/// length and first bytes; the rest by kind.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, Vec<u8>)> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                todo.push(e.path());
                out.insert(e.path(), (0, b"dir".to_vec()));
            } else if t.is_file() {
                let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                let head = if len <= 1 << 16 {
                    std::fs::read(e.path()).unwrap_or_default()
                } else {
                    Vec::new()
                };
                out.insert(e.path(), (len, head));
            } else {
                out.insert(e.path(), (0, b"other".to_vec()));
            }
        }
    }
    out
}

/// Entries from fuzzer bytes: each entry takes a folder, a kind and a name
/// built from [`ATOMS`] and raw bytes.
pub fn decode(data: &[u8]) -> Vec<Entry> {
    let mut bytes = data.iter().copied();
    let mut out = Vec::new();
    while out.len() < 8 {
        let (Some(head), Some(len)) = (bytes.next(), bytes.next()) else {
            break;
        };
        let folder = match head % 3 {
            0 => Folder::Log,
            1 => Folder::Session,
            _ => Folder::Clock,
        };
        let mut name = Vec::new();
        for _ in 0..(len % 12) {
            let Some(b) = bytes.next() else { break };
            match b {
                0..=191 => name.extend_from_slice(ATOMS[b as usize % ATOMS.len()].as_bytes()),
                192..=223 => name.push(b'a' + b % 26),
                _ => name.push(b), // bytes that are not UTF-8 on their own
            }
        }
        let kind = match (head / 3) % 9 {
            0 => Kind::Bytes(bytes.by_ref().take(usize::from(len)).collect()),
            1 => Kind::Sparse([0, 1, 1 << 20, (1 << 20) + 1, 1 << 40][usize::from(len) % 5]),
            2 => Kind::Log,
            3 => Kind::LinkOut,
            4 => Kind::LinkFifo,
            5 => Kind::LinkHonest,
            6 => Kind::Dir,
            7 => Kind::Fifo,
            _ => Kind::Bytes(log_bytes("x", "x")),
        };
        out.push(Entry { folder, name, kind });
    }
    out
}
